//! Synthetic model drawn from the seed only: origins with their people, subject tags, vocabulary.

use std::collections::{HashMap, HashSet};

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::names::{
    person, Person, CONSULATE_OFFICERS, HOST_TITLES, MISSION_TITLES, OFFICER_TITLES,
    STATE_OFFICERS, STATE_TITLES, US_LAST,
};
use super::random::{pick, rng_for, Table, S_ROSTER, S_VOCAB};
use super::tables::{is_banned, CONTENT_WORDS, FUNCTION_WORDS, ORIGINS};

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    State,
    Embassy,
    Consulate,
    Mission,
}

pub(super) struct Origin {
    pub(super) name: String,
    pub(super) kind: Kind,
    /// City as it appears in captions and REF lines ("SAN SALVADOR", "STATE").
    pub(super) caption: String,
    /// City as it appears in reference IDs ("SANSALVADOR").
    pub(super) id_city: String,
    pub(super) fm: String,
    pub(super) routing: String,
    pub(super) country: Option<&'static str>,
    /// Upper-case place name for subjects.
    pub(super) place: String,
    pub(super) old_ok: bool,
    pub(super) old_only: bool,
    pub(super) officials: Vec<Person>,
    /// Embassy staff who classify cables; the first is the principal.
    pub(super) officers: Vec<Person>,
    /// Signature surnames over time (upper case).
    pub(super) signers: Vec<String>,
    pub(super) pref_tags: Vec<usize>,
}

pub(super) struct Vocab {
    /// Ranks `n_func..n_real` are real content words (used for subjects).
    pub(super) n_func: usize,
    pub(super) n_real: usize,
    pub(super) words: Vec<String>,
    pub(super) cap: Vec<String>,
    pub(super) upper: Vec<String>,
    pub(super) table: Table,
}

pub(super) struct Model {
    pub(super) origins: Vec<Origin>,
    pub(super) origin_table: Table,
    pub(super) old_origins: Vec<usize>,
    pub(super) subject_tags: Vec<&'static str>,
    pub(super) tag_table: Table,
    pub(super) vocab: Vocab,
}

/// Subject codes (four capitals, before the country block of the code list, in list order)
/// and country codes (two capitals) with their meanings.
pub(super) fn parse_tags() -> (Vec<&'static str>, HashMap<&'static str, &'static str>) {
    let mut subject = Vec::new();
    let mut countries = HashMap::new();
    let mut seen_country = false;
    for (code, meaning) in crate::topics::entries() {
        let upper = !code.is_empty() && code.bytes().all(|b| b.is_ascii_uppercase());
        if !upper {
            continue;
        }
        if code.len() == 2 {
            seen_country = true;
            countries.insert(code, meaning);
        } else if code.len() == 4 && !seen_country && !subject.contains(&code) {
            // Four-letter codes after the country block are organisations (NATO, FARC), not
            // subject codes.
            subject.push(code);
        }
    }
    (subject, countries)
}

/// The most common Cablegate subject tags, ranked ahead of the rest of the code list.
pub(super) const POPULAR_TAGS: &[&str] = &[
    "PREL", "PGOV", "PHUM", "ECON", "KDEM", "PTER", "MARR", "ETRD", "EFIN", "SNAR", "KCRM", "PINR",
    "MOPS", "ENRG", "EAID", "KNNP", "SMIG", "KTIP", "ELAB", "SOCI", "CASC", "PARM", "ASEC", "OVIP",
    "KJUS", "EPET", "CVIS", "KCOR", "KISL", "PREF",
];

impl Model {
    pub(super) fn new(seed: u64) -> Model {
        let (mut subject_tags, countries) = parse_tags();
        let mut ranked: Vec<&'static str> = POPULAR_TAGS
            .iter()
            .copied()
            .filter(|t| subject_tags.contains(t))
            .collect();
        subject_tags.retain(|t| !ranked.contains(t));
        ranked.extend(subject_tags);
        let subject_tags = ranked;
        let tag_table = Table::zipf(subject_tags.len(), 1.1, 1.0);

        let origins: Vec<Origin> = ORIGINS
            .lines()
            .enumerate()
            .map(|(rank, line)| Origin::new(seed, rank, line, &countries, &tag_table))
            .collect();
        let origin_table = Table::zipf(origins.len(), 1.05, 4.0);
        let old_origins = (0..origins.len()).filter(|&o| origins[o].old_ok).collect();
        Model {
            origins,
            origin_table,
            old_origins,
            subject_tags,
            tag_table,
            vocab: Vocab::new(seed),
        }
    }
}

impl Origin {
    /// The origin of one line of `data/synth/origins.txt` (`kind|city|country code|name
    /// region|flags`) at Zipf `rank`, with its people drawn from the roster stream.
    fn new(
        seed: u64,
        rank: usize,
        line: &str,
        countries: &HashMap<&'static str, &'static str>,
        tag_table: &Table,
    ) -> Origin {
        let fields: Vec<&str> = line.split('|').collect();
        let mut rng = rng_for(seed, S_ROSTER, rank as u64);
        let (kind_code, city, country_code, region, flags) =
            (fields[0], fields[1], fields[2], fields[3], fields[4]);
        let kind = match kind_code {
            "S" => Kind::State,
            "C" => Kind::Consulate,
            "M" => Kind::Mission,
            _ => Kind::Embassy,
        };
        let city_upper = city.to_uppercase();
        let (name, caption, fm) = match kind {
            Kind::State => (
                "Secretary of State".to_string(),
                "STATE".to_string(),
                "SECSTATE WASHDC".to_string(),
            ),
            Kind::Embassy => (
                format!("Embassy {city}"),
                city_upper.clone(),
                format!("AMEMBASSY {city_upper}"),
            ),
            Kind::Consulate => (
                format!("Consulate {city}"),
                city_upper.clone(),
                format!("AMCONSUL {city_upper}"),
            ),
            Kind::Mission => (
                format!("Mission {city}"),
                city_upper.clone(),
                format!("USMISSION {city_upper}"),
            ),
        };
        let id_city: String = caption
            .chars()
            .filter(|c| c.is_ascii_alphabetic())
            .collect();
        let routing = if kind == Kind::State {
            "RUEHC".to_string()
        } else {
            let first = id_city.chars().next().unwrap_or('X');
            let second = (b'A' + rng.random_range(0..26u8)) as char;
            format!("RUEH{first}{second}")
        };
        let country = countries.get_key_value(country_code).map(|(k, _)| *k);
        let place = match countries.get(country_code) {
            Some(m) if kind != Kind::Mission => {
                // "Korea (South)" -> "KOREA": subjects use the plain country name.
                m.split(" (").next().unwrap_or(m).to_uppercase()
            }
            _ => city_upper.clone(),
        };

        let (officials, officers, signers) = draw_people(&mut rng, kind, region);
        let pref_tags = (0..6).map(|_| tag_table.sample(&mut rng)).collect();
        Origin {
            name,
            kind,
            caption,
            id_city,
            fm,
            routing,
            country,
            place,
            old_ok: flags.contains('o') || flags.contains('O'),
            old_only: flags.contains('O'),
            officials,
            officers,
            signers,
            pref_tags,
        }
    }
}

/// The people of an origin: host officials under a shuffled choice of titles, the post's
/// officers (the principal first), and the surnames that sign its cables over time.
fn draw_people(
    rng: &mut ChaCha8Rng,
    kind: Kind,
    region: &str,
) -> (Vec<Person>, Vec<Person>, Vec<String>) {
    let mut used = HashSet::new();
    let (titles, official_count) = match kind {
        Kind::State => (&STATE_TITLES, rng.random_range(6..=9)),
        Kind::Mission => (&MISSION_TITLES, rng.random_range(5..=8)),
        _ => (&HOST_TITLES, rng.random_range(6..=11)),
    };
    let mut title_order: Vec<usize> = (0..titles.len()).collect();
    let mut officials = Vec::new();
    for k in 0..official_count.min(titles.len()) {
        let j = rng.random_range(k..title_order.len());
        title_order.swap(k, j);
        let host_region = if kind == Kind::State { "u" } else { region };
        officials.push(person(rng, host_region, titles[title_order[k]], &mut used));
    }
    let principal_title = match kind {
        Kind::State => "Acting Director",
        Kind::Embassy => "Ambassador",
        Kind::Consulate => "Consul General",
        Kind::Mission => "Ambassador",
    };
    let staff_titles = match kind {
        Kind::State => &STATE_OFFICERS,
        Kind::Consulate => &CONSULATE_OFFICERS,
        _ => &OFFICER_TITLES,
    };
    let mut officers = vec![person(rng, "u", principal_title, &mut used)];
    for _ in 0..rng.random_range(2..=4) {
        let t = pick(rng, staff_titles);
        officers.push(person(rng, "u", t, &mut used));
    }
    let signers = (0..3)
        .map(|_| {
            if kind == Kind::State {
                pick(rng, &US_LAST).to_uppercase()
            } else {
                officers[rng.random_range(0..officers.len().min(2))]
                    .last
                    .to_uppercase()
            }
        })
        .collect();
    (officials, officers, signers)
}

/// Number of invented word types appended after the real words (the long Zipf tail).
pub(super) const PSEUDO_WORDS: usize = 24_000;

impl Vocab {
    pub(super) fn new(seed: u64) -> Vocab {
        let mut rng = rng_for(seed, S_VOCAB, 0);
        let mut seen = HashSet::new();
        let mut words: Vec<String> = Vec::new();
        for w in FUNCTION_WORDS.split_whitespace() {
            if seen.insert(w.to_string()) {
                words.push(w.to_string());
            }
        }
        let mut content: Vec<String> = CONTENT_WORDS
            .split_whitespace()
            .filter(|w| !is_banned(w) && seen.insert(w.to_string()))
            .map(str::to_string)
            .collect();
        for k in (1..content.len()).rev() {
            let j = rng.random_range(0..=k);
            content.swap(k, j);
        }
        let n_func = words.len();
        words.extend(content);
        let n_real = words.len();
        // The tail: pronounceable invented words, about a third capitalised so they read
        // like the place, party and person names that fill real cables.
        const ONSETS: &[&str] = &[
            "b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br",
            "ch", "cr", "dr", "gr", "kh", "pr", "sh", "st", "tr", "th", "",
        ];
        const VOWELS: &[&str] = &["a", "e", "i", "o", "u", "ai", "ia", "ou", "ei", "a", "o"];
        const CODAS: &[&str] = &[
            "", "", "", "", "", "n", "r", "s", "l", "m", "t", "k", "nd", "st",
        ];
        let target = words.len() + PSEUDO_WORDS;
        let mut w = String::new();
        while words.len() < target {
            w.clear();
            let syllables = if rng.random_bool(0.7) { 2 } else { 3 };
            for _ in 0..syllables {
                w.push_str(pick(&mut rng, ONSETS));
                w.push_str(pick(&mut rng, VOWELS));
                w.push_str(pick(&mut rng, CODAS));
            }
            if w.len() < 4 || is_banned(&w) || !seen.insert(w.clone()) {
                continue;
            }
            let word = if rng.random_bool(0.35) {
                capitalize(&w)
            } else {
                w.clone()
            };
            words.push(word);
        }
        let cap = words.iter().map(|w| capitalize(w)).collect();
        let upper = words.iter().map(|w| w.to_uppercase()).collect();
        // Zipf over all ranks, with the invented tail damped so that real words carry about
        // four fifths of running text, as in prose full of rare names and terms.
        let table = Table::new((1..=words.len()).map(|r| {
            let w = 1.0 / (r as f64 + 2.7);
            if r > n_real {
                w * 0.35
            } else {
                w
            }
        }));
        Vocab {
            n_func,
            n_real,
            words,
            cap,
            upper,
            table,
        }
    }
}

pub(super) fn capitalize(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
