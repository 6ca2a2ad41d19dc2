//! REF citations -> reference IDs: `A. LA PAZ 2974 B. 07 STATE 1234 AND 1240` -> `07LAPAZ2974`, `07STATE1234`, `07STATE1240`, read against the origin keys of real IDs (`data/origins.txt`).

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;

use crate::telegram::CLASSIFIED_BY;

/// The origin keys of real reference IDs, and the other ways citations write them.
struct Origins {
    keys: HashSet<String>,
    aliases: HashMap<String, String>,
    /// The most words a key or alias is written in (`RIO DE JANEIRO`: 3).
    longest: usize,
}

static ORIGINS: LazyLock<Origins> = LazyLock::new(|| {
    let lines = |text: &'static str| {
        text.lines()
            .map(str::trim)
            .filter(|line| !line.is_empty() && !line.starts_with('#'))
    };
    let keys: HashSet<String> = lines(include_str!("../../data/origins.txt"))
        .map(str::to_string)
        .collect();
    let aliases: HashMap<String, String> = lines(include_str!("../../data/origin_aliases.tsv"))
        .filter_map(|line| line.split_once('\t'))
        .map(|(alias, key)| (alias.trim().to_string(), key.trim().to_string()))
        .collect();
    Origins {
        keys,
        aliases,
        longest: 5,
    }
});

/// Whether `key` is the origin key of real reference IDs.
pub fn is_known_origin(key: &str) -> bool {
    ORIGINS.keys.contains(key)
}

/// The canonical key that these words (joined) write, if any.
fn origin_key(words: &[&str]) -> Option<String> {
    let joined: String = words.concat();
    if ORIGINS.keys.contains(&joined) {
        return Some(joined);
    }
    ORIGINS.aliases.get(&joined).cloned()
}

/// What a citation without a post or year of its own takes from the citing cable.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CitingCable {
    /// Two-digit year.
    pub year: Option<u32>,
    /// Origin key (`LAPAZ`).
    pub origin: Option<String>,
}

impl CitingCable {
    /// From a reference ID such as `07LAPAZ1234`, with the created year as a fallback.
    pub fn from_id(id: &str, created_year: Option<u32>) -> CitingCable {
        let digits: String = id.chars().take_while(char::is_ascii_digit).collect();
        let year = (digits.len() == 2)
            .then(|| digits.parse::<u32>().ok())
            .flatten()
            .or(created_year);
        let origin: String = id
            .chars()
            .skip_while(char::is_ascii_digit)
            .take_while(|c| !c.is_ascii_digit())
            .collect();
        CitingCable {
            year,
            origin: (!origin.is_empty()).then_some(origin.to_uppercase()),
        }
    }
}

/// Text that looks like numbers but cites nothing: page-break headers, page markers, dates,
/// intelligence report numbers, press items, paragraph numbers.
static NOISE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        PAGE\s+\d{2,3}\s+[A-Z][A-Z\ .'-]*?\s+\d+\s+(?:\d{2}\s+OF\s+\d{2}\s+)?\d{6}Z   # PAGE 02 ROME 01196 01 OF 02 082030Z
        | \b[A-Z][A-Z\ ]*?\s+0*\d+\s+\d{3}(?:\.\d)?\s+OF\s+\d{3}\b                   # PRETORIA 00000954 001.2 OF 004
        | \b\d{3}\.\d\s+OF\s+\d{3}\b                                                 # 001.2 OF 003
        | \b\d{2}\s+OF\s+\d{2}\b                                                     # 01 OF 02
        | \b\d{1,2}/\d{1,2}/\d{2,4}\b                                                # 7/15/03
        | \b\d{1,2}\.\d{1,2}(?:\.\d{2,4})?\b                                         # 1.4, 15.07.2003
        | \bIIR(?:\s+\d+)+                                                           # IIR 6 832 0617 08
        | \bOSC\s+\S+                                                                # OSC EUP20080123...
        | \bPARAS?\.?\s+\d+(?:\s*(?:-|AND|,)\s*\d+)*                                 # PARA 3, PARAS 2-4
        | \b(?:JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER|JAN|FEB|MAR|APR|JUN|JUL|AUG|SEPT?|OCT|NOV|DEC)\.?\s+\d{1,2}(?:,?\s+\d{4})?\b  # JULY 15, 2003
        | \b\d{1,2}\s+(?:JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER|JAN|FEB|MAR|APR|JUN|JUL|AUG|SEPT?|OCT|NOV|DEC)\b\.?(?:\s+\d{2,4})?\b  # 15 JULY 2003
        | \b\d{6}Z\b                                                                 # date-time groups
        | \b\d{6}Z\s?[A-Z]{3}\s?\d{2,4}\b                                              # 121745ZJUN09
        ",
    )
    .expect("constant regex")
});

/// An ID written whole (`09STATE12345`), split into year, letters and serial.
static GLUED_ID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{2})([A-Z]{3,})(\d{1,6})\b").expect("constant regex"));

/// Where a REF text stops being citations.
static REF_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"{CLASSIFIED_BY}|\bDECL\b|\bE\.\s?O\.|\bSUBJECT\s*:|\bSUMMARY\b|\b1\.\s+\("
    ))
    .expect("constant regex")
});

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Word(String),
    Number(String),
    /// `'08`: a year written after a citation.
    QuotedYear(u32),
    /// `(08)`: the same in parentheses.
    ParenYear(u32),
    /// `AND`, `;`, `,`, `/`, `&`: between serials of one post.
    Joiner,
    /// Anything else (bullet punctuation, quotes).
    Other,
}

fn tokenize(text: &str) -> Vec<Token> {
    static TOKEN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\(\s*'?(\d{2})\s*\)|'(\d{2})\b|[A-Z]+|\d+|[;,/&]|\S").expect("constant regex")
    });
    TOKEN
        .captures_iter(text)
        .map(|capture| {
            if let Some(year) = capture.get(1) {
                return Token::ParenYear(year.as_str().parse().unwrap_or(0));
            }
            if let Some(year) = capture.get(2) {
                return Token::QuotedYear(year.as_str().parse().unwrap_or(0));
            }
            let piece = capture.get(0).map_or("", |m| m.as_str());
            if piece.starts_with(|c: char| c.is_ascii_digit()) {
                Token::Number(piece.to_string())
            } else if piece == "AND" || matches!(piece, ";" | "," | "/" | "&") {
                Token::Joiner
            } else if piece.starts_with(|c: char| c.is_ascii_uppercase()) {
                Token::Word(piece.to_string())
            } else {
                Token::Other
            }
        })
        .collect()
}

/// A two- or four-digit year (`07`, `2003`) as two digits.
fn as_year(number: &str) -> Option<u32> {
    match number.len() {
        2 => number.parse().ok(),
        4 if number.starts_with("19") || number.starts_with("20") => {
            number.parse::<u32>().ok().map(|year| year % 100)
        }
        _ => None,
    }
}

/// Words that stand before a number in REF lines without naming a post.
const NOT_A_POST: &[&str] = &[
    "YOUR",
    "OUR",
    "EMAIL",
    "MAIL",
    "LETTER",
    "MEMO",
    "TELCON",
    "DATED",
    "AND",
    "THE",
    "REFTEL",
    "REFTELS",
    "PARA",
    "PARAS",
    "PARAGRAPH",
    "SECTION",
    "NOTAL",
    "NOTE",
    "SEPTEL",
    "FAX",
    "OF",
    "PAGE",
    "NO",
    "NUMBER",
    "IIR",
    "OSC",
    "DTG",
    "TELEGRAM",
    "CABLE",
    "MESSAGE",
    "MSG",
    "ITEM",
    "ITEMS",
    "POINT",
    "POINTS",
    "CHAPTER",
    "ARTICLE",
    "RESOLUTION",
    "UNSCR",
    "LAW",
    "DECREE",
    "TAB",
    "ANNEX",
    "PREVIOUS",
    "PREVIOUSLY",
    "ALSO",
    "FROM",
    "TO",
    "FOR",
    "ON",
    "IN",
    "AT",
    "EO",
    "DECL",
    "REASON",
    "REASONS",
    "CLASSIFIED",
    "BY",
    "TOTAL",
    "OVER",
    "UNDER",
    "ABOUT",
    "APPROX",
    "CIRCA",
    "YEAR",
    "YEARS",
    "FY",
    "CY",
    "SUBJ",
    "SUBJECT",
    "REF",
    "REFS",
    "TAGS",
    "JANUARY",
    "FEBRUARY",
    "MARCH",
    "APRIL",
    "MAY",
    "JUNE",
    "JULY",
    "AUGUST",
    "SEPTEMBER",
    "OCTOBER",
    "NOVEMBER",
    "DECEMBER",
    "JAN",
    "FEB",
    "MAR",
    "APR",
    "JUN",
    "JUL",
    "AUG",
    "SEP",
    "SEPT",
    "OCT",
    "NOV",
    "DEC",
    "UNCLAS",
    "SECRET",
    "CONFIDENTIAL",
    "NOFORN",
    "SBU",
    "HOUSE",
    "SECTO",
    "TOSEC",
    "USDEL",
    "XXXXXXXXXXXX",
    "REPORT",
    "FOLLOWING",
    "DTG",
];

/// First words of posts written in two words (`SAN RUSVALIA`, `NEW ZEMBLA`).
const PLACE_PREFIXES: &[&str] = &[
    "SAN", "SANTA", "SANTO", "SAO", "PORT", "LA", "LE", "LAS", "LOS", "NEW", "ST", "EL", "BUENOS",
    "ABU", "ADDIS", "DAR", "TEL", "KUALA", "PHNOM", "HONG", "CAPE", "RIO", "THE",
];

/// The words just before a serial that name a post: the longest run ending there that is a
/// known key or alias, or the citing cable's own post; failing those, the last word (with a
/// place prefix before it) when it can be a post not in our list.
fn post_before(words: &[String], citing: &CitingCable) -> Option<String> {
    let refs: Vec<&str> = words.iter().map(String::as_str).collect();
    let known = (1..=ORIGINS.longest.min(refs.len()))
        .rev()
        .find_map(|length| origin_key(&refs[refs.len() - length..]));
    if known.is_some() {
        return known;
    }
    if let Some(own) = &citing.origin {
        let own_words = (1..=3.min(refs.len()))
            .rev()
            .find(|length| refs[refs.len() - length..].concat() == *own);
        if own_words.is_some() {
            return Some(own.clone());
        }
    }
    let last = *refs.last()?;
    // Every post outside our list has four letters or more.
    if last.len() < 4 || NOT_A_POST.contains(&last) {
        return None;
    }
    match refs.len().checked_sub(2).map(|at| refs[at]) {
        Some(prefix) if PLACE_PREFIXES.contains(&prefix) => Some(format!("{prefix}{last}")),
        _ => Some(last.to_string()),
    }
}

/// Whether the words from `start` are a post followed by a number (a year comes before a post).
fn post_follows(tokens: &[Token], start: usize) -> bool {
    // Only known posts here: a year before an unknown word would be a guess.
    let mut words: Vec<&str> = Vec::new();
    for token in tokens.iter().skip(start).take(ORIGINS.longest + 1) {
        match token {
            Token::Word(word) => words.push(word),
            Token::Number(_) => {
                return (1..=words.len())
                    .any(|length| origin_key(&words[words.len() - length..]).is_some())
            }
            _ => return false,
        }
    }
    false
}

/// Turns a REF text's citations into reference IDs, in order, each once.
pub fn parse_references(text: &str, citing: &CitingCable) -> Vec<String> {
    let upper = text.to_uppercase().replace('¶', " ");
    let upper = match REF_END.find(&upper) {
        Some(end) => upper[..end.start()].to_string(),
        None => upper,
    };
    let cleaned = NOISE.replace_all(&upper, " ");
    let cleaned = GLUED_ID.replace_all(&cleaned, "$1 $2 $3");
    let cleaned = cleaned.replace('-', " ");
    let tokens = tokenize(&cleaned);

    let mut references: Vec<String> = Vec::new();
    let mut words: Vec<String> = Vec::new();
    let mut year: Option<u32> = None;
    let mut last: Option<(Option<u32>, String)> = None;
    let mut joined = false;
    let mut index = 0;
    while index < tokens.len() {
        match &tokens[index] {
            Token::Word(word) => {
                words.push(word.clone());
                joined = false;
            }
            Token::Joiner => joined = last.is_some(),
            Token::Other => {}
            Token::QuotedYear(written) | Token::ParenYear(written) => {
                // A year after a citation: `ASUNCION 701 (08)`, `STATE 1234 '08`.
                if let (Some(reference), Some((_, post))) = (references.last_mut(), &last) {
                    if words.is_empty() {
                        let serial = reference
                            .trim_start_matches(|c: char| c.is_ascii_digit())
                            .trim_start_matches(post.as_str())
                            .to_string();
                        *reference = format!("{written:02}{post}{serial}");
                        last = Some((Some(*written), post.clone()));
                    }
                }
            }
            Token::Number(number) => {
                let post = post_before(&words, citing);
                let bullets_only = !words.is_empty() && words.iter().all(|word| word.len() == 1);
                if post.is_none()
                    && words.iter().all(|word| word.len() == 1)
                    && as_year(number).is_some()
                    && post_follows(&tokens, index + 1)
                {
                    year = as_year(number);
                    words.clear();
                    index += 1;
                    continue;
                }
                let cited = match (post, &last) {
                    (Some(post), _) => Some((year.or(citing.year), post)),
                    (None, Some((last_year, last_post))) if words.is_empty() && joined => {
                        Some((*last_year, last_post.clone()))
                    }
                    (None, _) if bullets_only => citing
                        .origin
                        .clone()
                        .map(|post| (year.or(citing.year), post)),
                    _ => None,
                };
                if let Some((Some(cited_year), post)) = cited {
                    let serial = number.trim_start_matches('0');
                    if !serial.is_empty() && serial.len() <= 6 {
                        let reference = format!("{cited_year:02}{post}{serial}");
                        if !references.contains(&reference) {
                            references.push(reference);
                        }
                        last = Some((Some(cited_year), post));
                    }
                } else {
                    last = None;
                }
                words.clear();
                year = None;
                joined = false;
            }
        }
        index += 1;
    }
    references
}

#[cfg(test)]
mod tests {
    use super::*;

    fn citing(id: &str) -> CitingCable {
        CitingCable::from_id(id, None)
    }

    /// One row per shape: the REF text, the citing cable, the reference IDs a careful reader
    /// takes from it.
    const CASES: &[(&str, &str, &[&str])] = &[
        ("GUATEMALA 1702", "03GUATEMALA1815", &["03GUATEMALA1702"]),
        (
            "A. LA PAZ 2974 B. LA PAZ 3012",
            "07LAPAZ3100",
            &["07LAPAZ2974", "07LAPAZ3012"],
        ),
        ("SAO PAULO 411", "08BRASILIA1", &["08SAOPAULO411"]),
        (
            "A) RIO DE JANEIRO 55 B) RIO 60",
            "08BRASILIA1",
            &["08RIODEJANEIRO55", "08RIODEJANEIRO60"],
        ),
        (
            "PORT AU PRINCE 1200; PORT-AU-PRINCE 1201",
            "07STATE1",
            &["07PORTAUPRINCE1200", "07PORTAUPRINCE1201"],
        ),
        ("PORT OF SPAIN 88", "09STATE1", &["09PORTOFSPAIN88"]),
        ("BUENOS AIRES 2481", "66STATE1", &["66BUENOSAIRES2481"]),
        ("SECSTATE 130750", "10LONDON16", &["10STATE130750"]),
        ("UNVIE 279", "09STATE1", &["09UNVIEVIENNA279"]),
        ("USUNESCO PARIS FR 12", "09STATE1", &["09UNESCOPARISFR12"]),
        (
            "A. 07 STATE 1234 B. 2003 RIO 1773",
            "08BRASILIA1",
            &["07STATE1234", "03RIODEJANEIRO1773"],
        ),
        ("ASUNCION 701 (08)", "09ASUNCION5", &["08ASUNCION701"]),
        ("STATE 1234 '08", "09ASUNCION5", &["08STATE1234"]),
        (
            "(A) STATE 1234 AND 1240; (B) CAIRO 493/494",
            "09CAIRO500",
            &["09STATE1234", "09STATE1240", "09CAIRO493", "09CAIRO494"],
        ),
        (
            "A. LA PAZ 2974 B. 3012",
            "07LAPAZ3100",
            &["07LAPAZ2974", "07LAPAZ3012"],
        ),
        (
            "¶A. STATE 12 [B] TUNIS 34",
            "09TUNIS1",
            &["09STATE12", "09TUNIS34"],
        ),
        ("A. (A) 09STATE12345", "09TUNIS1", &["09STATE12345"]),
        (
            "A. YOUR EMAIL OF 7/3/03 B. GUATEMALA 1702",
            "03GUATEMALA1815",
            &["03GUATEMALA1702"],
        ),
        ("PAGE 02 ROME 01196 01 OF 02 082030Z", "08ROME1196", &[]),
        ("PRETORIA 00000954 001.2 OF 004", "09PRETORIA954", &[]),
        ("IIR 6 832 0617 08", "08STATE1", &[]),
        ("OSC EUP20080123950011", "08STATE1", &[]),
        ("POINTS JULY 15", "03STATE1", &[]),
        (
            "STATE 1234 Classified By: Ambassador X for reasons 1.4 (b)",
            "09TUNIS1",
            &["09STATE1234"],
        ),
        (
            "TEHRAN 1091: TEHRAN 263: MOSCOW 1603",
            "72TEHRAN1164",
            &["72TEHRAN1091", "72TEHRAN263", "72MOSCOW1603"],
        ),
        (
            "A. 08 SAN SALVADOR 0708 B. 09STATE12345",
            "09SANSALVADOR9",
            &["08SANSALVADOR708", "09STATE12345"],
        ),
        ("DEPTEL 4455", "06LIMA1", &["06STATE4455"]),
        (
            "THE HAGUE 12 AND HAGUE 13",
            "06LIMA1",
            &["06THEHAGUE12", "06THEHAGUE13"],
        ),
        ("PARA 3 OF REFTEL", "06LIMA1", &[]),
    ];

    #[test]
    fn citations_become_reference_ids() {
        for (text, id, expected) in CASES {
            assert_eq!(
                parse_references(text, &citing(id)),
                *expected,
                "REF: {text}"
            );
        }
    }

    #[test]
    fn the_citing_cable_gives_year_and_post() {
        assert_eq!(
            CitingCable::from_id("07LAPAZ3100", None),
            CitingCable {
                year: Some(7),
                origin: Some("LAPAZ".to_string())
            }
        );
        assert_eq!(CitingCable::from_id("X", Some(3)).year, Some(3));
    }

    #[test]
    fn the_key_list_holds_the_real_posts() {
        for key in ["LAPAZ", "STATE", "UNVIEVIENNA", "RIODEJANEIRO", "USNATO"] {
            assert!(is_known_origin(key), "{key}");
        }
        assert!(!is_known_origin("PAZ"));
    }
}
