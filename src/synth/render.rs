//! Synthetic rendering: one cable as the cable pages show it, one `write_*` per section, and its manifest entry.

use std::fmt::Write as _;

use chrono::{Datelike, Duration, NaiveDateTime, Timelike};
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use rand_distr::StandardNormal;

use super::meta::{datetime, Meta, CLASSIFICATIONS};
use super::model::{Kind, Model, Origin};
use super::random::{pick, rng_for, Table, S_CABLE};
use super::tables::{
    ACRONYMS, BUREAUS, COLLECTIVES, LISTENERS, MONTHS, MONTH_NAMES, PHRASES, SPEECH_VERBS, TOPICS,
};
use super::ManifestEntry;
use crate::telegram::{CLASSIFIED_BY_LABEL, HEADER_DATE_FORMAT};

/// Appends words to the cable buffer, wrapping lines the way the cable pages do.
pub(super) struct Out<'a> {
    pub(super) buf: &'a mut String,
    pub(super) col: usize,
    pub(super) wrap: usize,
}

impl Out<'_> {
    pub(super) fn word(&mut self, w: &str) {
        if self.col > 0 {
            if self.col + 1 + w.len() > self.wrap {
                self.buf.push('\n');
                self.col = 0;
            } else {
                self.buf.push(' ');
                self.col += 1;
            }
        }
        self.buf.push_str(w);
        self.col += w.len();
    }

    pub(super) fn attach(&mut self, s: &str) {
        self.buf.push_str(s);
        self.col += s.len();
    }

    pub(super) fn text(&mut self, s: &str) {
        for w in s.split(' ') {
            self.word(w);
        }
    }

    pub(super) fn newline(&mut self) {
        self.buf.push('\n');
        self.col = 0;
    }
}

pub(super) struct Cable<'a> {
    pub(super) model: &'a Model,
    pub(super) rng: ChaCha8Rng,
    pub(super) upper: bool,
    pub(super) out: Out<'a>,
    /// Officials chosen for this cable and whether they were already introduced.
    pub(super) cast: Vec<(usize, bool)>,
    pub(super) origin: &'a Origin,
    pub(super) mentioned: Vec<String>,
    pub(super) pending: Vec<&'static str>,
    pub(super) scratch: String,
}

impl Cable<'_> {
    pub(super) fn vocab_word(&mut self, cap: bool) {
        let v = &self.model.vocab;
        let k = v.table.sample(&mut self.rng);
        let w = if self.upper {
            &v.upper[k]
        } else if cap {
            &v.cap[k]
        } else {
            &v.words[k]
        };
        self.out.word(w);
    }

    /// Emits prose that is not upper-cased in all-caps cables (markers) as-is.
    pub(super) fn emit_text(&mut self, s: &str) {
        if self.upper {
            let u = s.to_uppercase();
            self.out.text(&u);
        } else {
            self.out.text(s);
        }
    }

    pub(super) fn number(&mut self) {
        self.scratch.clear();
        let r = self.rng.random_range(0..10);
        // Writing into a String cannot fail.
        let _ = match r {
            0..=3 => write!(self.scratch, "{}", self.rng.random_range(2..100)),
            4..=5 => write!(
                self.scratch,
                "{},{:03}",
                self.rng.random_range(1..900),
                self.rng.random_range(0..1000)
            ),
            6..=7 => write!(self.scratch, "{}", self.rng.random_range(1995..2011)),
            _ => write!(
                self.scratch,
                "{} {}",
                MONTH_NAMES[self.rng.random_range(0..12)],
                self.rng.random_range(1..29)
            ),
        };
        let s = std::mem::take(&mut self.scratch);
        self.emit_text(&s);
        self.scratch = s;
    }

    /// Zipf words with occasional numbers, acronyms, domain phrases and commas.
    pub(super) fn words(&mut self, n: usize, capital_first: bool) {
        for k in 0..n {
            let r = self.rng.random_range(0..1000u32);
            if k > 0 && r < 15 {
                self.number();
            } else if k > 0 && r < 30 {
                let p = pick(&mut self.rng, &PHRASES);
                self.emit_text(p);
            } else if k > 0 && r < 40 {
                let a = pick(&mut self.rng, &ACRONYMS);
                self.out.word(a);
            } else {
                self.vocab_word(k == 0 && capital_first);
            }
            if k + 1 < n && self.rng.random_bool(0.06) {
                self.out.attach(",");
            }
        }
    }

    pub(super) fn plain_sentence(&mut self) {
        let len = self.rng.random_range(7..=26);
        if let Some(group) = self.pending.pop() {
            // Never first (it would be capitalised) nor last (it would carry the period).
            let at = self.rng.random_range(1..len - 1);
            self.words(at, true);
            // Markers stay lower case even in all-caps cables and never wrap mid-phrase,
            // so an exact byte search finds them.
            self.out.word(group);
            self.words(len - at, false);
        } else {
            self.words(len, true);
        }
        self.out.attach(".");
    }

    pub(super) fn mention(&mut self, slot: usize) -> String {
        let (official, introduced) = self.cast[slot];
        let p = &self.origin.officials[official];
        self.cast[slot].1 = true;
        if !introduced && !self.mentioned.contains(&p.display) {
            self.mentioned.push(p.display.clone());
        }
        let s = if introduced { &p.last } else { &p.titled };
        if self.upper {
            s.to_uppercase()
        } else {
            s.clone()
        }
    }

    pub(super) fn official_sentence(&mut self) {
        // Introduce people in order, then return to them by surname.
        let slot = match self.cast.iter().position(|c| !c.1) {
            Some(s) if self.rng.random_bool(0.6) => s,
            _ => self.rng.random_range(0..self.cast.len()),
        };
        let m = self.mention(slot);
        let clause = self.rng.random_range(6..=20);
        match self.rng.random_range(0..4) {
            0 => {
                self.out.text(&m);
                let v = pick(&mut self.rng, &SPEECH_VERBS);
                self.emit_text(v);
                self.words(clause, false);
            }
            1 => {
                self.emit_text("According to");
                self.out.text(&m);
                self.out.attach(",");
                self.words(clause, false);
            }
            2 => {
                self.out.text(&m);
                self.emit_text("told");
                let l = pick(&mut self.rng, &LISTENERS);
                self.emit_text(l);
                self.emit_text("that");
                self.words(clause, false);
            }
            _ => {
                let month = MONTH_NAMES[self.rng.random_range(0..12)];
                let day = self.rng.random_range(1..29);
                let s = format!("In a {month} {day} meeting,");
                self.emit_text(&s);
                self.out.text(&m);
                let v = pick(&mut self.rng, &SPEECH_VERBS);
                self.emit_text(v);
                self.emit_text("that");
                self.words(clause, false);
            }
        }
        self.out.attach(".");
    }

    pub(super) fn sentence(&mut self) {
        if self.pending.is_empty() && !self.cast.is_empty() && self.rng.random_bool(0.22) {
            self.official_sentence();
        } else {
            self.plain_sentence();
        }
    }

    /// One numbered paragraph: sometimes a heading first, then the number, the portion
    /// marking, an optional Summary or Comment label, and sentences.
    pub(super) fn paragraph(&mut self, para: usize, class: u8, summary: bool, body_target: usize) {
        let old = self.upper;
        if para > 2 && !old && self.rng.random_bool(0.12) {
            self.heading();
        }
        self.scratch.clear();
        let _ = write!(self.scratch, "¶{para}.");
        let label = std::mem::take(&mut self.scratch);
        self.out.word(&label);
        self.scratch = label;
        self.scratch.clear();
        if !old {
            let mark = para_mark(&mut self.rng, class);
            self.out.word(mark);
        }
        let closing = para > 3 && self.out.buf.len() + 900 > body_target;
        if para == 1 && summary {
            self.emit_text("Summary:");
        } else if closing && self.rng.random_bool(0.5) {
            self.emit_text("Comment:");
        }
        let sentences = self.rng.random_range(2..=7);
        for _ in 0..sentences {
            self.sentence();
        }
        if para == 1 && summary {
            self.emit_text("End Summary.");
        }
        self.out.buf.push_str("\n\n");
        self.out.col = 0;
    }

    pub(super) fn heading(&mut self) {
        let n = self.rng.random_range(2..=4);
        let start = self.out.buf.len();
        self.out.buf.push_str("---\n");
        let text_start = self.out.buf.len();
        self.out.col = 0;
        self.out.wrap = usize::MAX;
        self.words(n, true);
        let width = self.out.buf.len() - text_start;
        self.out.wrap = 65;
        // Rewrite the dashes to the heading's width now that it is known.
        let dashes = "-".repeat(width.clamp(3, 60));
        self.out.buf.replace_range(start..start + 3, &dashes);
        self.out.buf.push('\n');
        self.out.buf.push_str(&dashes);
        self.out.buf.push_str("\n\n");
        self.out.col = 0;
    }
}

pub(super) fn para_mark<R: Rng>(rng: &mut R, class: u8) -> &'static str {
    let r = rng.random_range(0..100);
    match class {
        0 => "(U)",
        1 => {
            if r < 80 {
                "(SBU)"
            } else {
                "(U)"
            }
        }
        2 => match r {
            0..=74 => "(C)",
            75..=89 => "(U)",
            _ => "(SBU)",
        },
        3 => match r {
            0..=59 => "(C/NF)",
            60..=89 => "(C)",
            _ => "(U)",
        },
        4 => match r {
            0..=49 => "(S)",
            50..=84 => "(C)",
            _ => "(U)",
        },
        _ => match r {
            0..=49 => "(S/NF)",
            50..=79 => "(C)",
            _ => "(S)",
        },
    }
}

/// Log-space mean and spread of the target file size.
pub(super) const SIZE_MU: f64 = 8.445;
pub(super) const SIZE_SIGMA: f64 = 0.8;

pub(super) fn markers_for(i: usize) -> Vec<String> {
    let mut m = Vec::new();
    if i % 100 == 0 {
        m.push("xqcentum".to_string());
    }
    if i % 1000 == 0 {
        m.push("xqmille".to_string());
    }
    if i == 7 {
        m.push("xqseven".to_string());
    }
    if i % 500 == 0 {
        m.push("amber falcon protocol".to_string());
    } else if i % 250 == 0 {
        m.push("amber-falcon-scattered".to_string());
    }
    m
}

pub(super) fn fmt_minutes(m: i64) -> String {
    datetime(m).format(HEADER_DATE_FORMAT).to_string()
}

pub(super) fn fmt_iso(m: i64) -> String {
    datetime(m).format("%Y-%m-%dT%H:%M:00Z").to_string()
}

/// What every section of one cable needs to know about it.
struct Facts<'a> {
    model: &'a Model,
    meta: &'a Meta,
    /// The cable's index in the corpus (lower is earlier).
    index: usize,
    origin_index: usize,
    origin: &'a Origin,
    class: u8,
    created: NaiveDateTime,
    year: i32,
    /// Before 1990: all capitals, no routing indicators, no paragraph markings.
    old: bool,
    id: String,
    serial: u32,
}

/// Renders cable `i` into `buf` (cleared first) and returns its manifest entry. The sections
/// draw from one random stream in this order, which fixes the output for a seed.
pub(super) fn render(
    model: &Model,
    meta: &Meta,
    seed: u64,
    i: usize,
    buf: &mut String,
) -> ManifestEntry {
    buf.clear();
    let mut rng = rng_for(seed, S_CABLE, i as u64);
    let origin_index = meta.origin[i] as usize;
    let created = datetime(meta.created[i]);
    let facts = Facts {
        model,
        meta,
        index: i,
        origin_index,
        origin: &model.origins[origin_index],
        class: meta.class[i],
        created,
        year: created.year(),
        old: created.year() < 1990,
        id: meta.id(model, i),
        serial: meta.serial[i],
    };
    let class_name = CLASSIFICATIONS[facts.class as usize].0;
    // Lognormal file size (mean about 6.8 KB, long tail past 50 KB).
    let z: f64 = rng.sample(StandardNormal);
    let target = ((SIZE_MU + SIZE_SIGMA * z).exp() as usize).clamp(1200, 400_000);
    let sections = target.div_ceil(12_000);

    write_reference_line(buf, &facts, class_name);
    write_transmission_header(buf, &mut rng, &facts);
    write_caption(buf, &mut rng, &facts, sections);
    write_eo_line(buf, &facts);
    let tags = write_tags(buf, &mut rng, &facts);
    let cast = choose_cast(&mut rng, facts.origin);
    let subject = write_subject(buf, &mut rng, &facts);
    let refs = write_references(buf, &mut rng, &facts);
    let mentioned = write_classified_by(buf, &mut rng, &facts);
    let markers = markers_for(i);
    let officials = write_body(buf, rng, &facts, target, cast, mentioned, &markers);

    let path = format!(
        "cables/{:04}/{:02}/{}.txt",
        facts.year,
        created.month(),
        facts.id
    );
    ManifestEntry {
        path,
        created: fmt_iso(meta.created[i]),
        released: fmt_iso(meta.released[i]),
        classification: class_name.to_string(),
        origin: facts.origin.name.clone(),
        tags,
        officials,
        subject,
        refs: refs.iter().map(|&j| meta.id(model, j)).collect(),
        markers,
        id: facts.id,
    }
}

/// The cable page's metadata rows: reference ID, dates, classification, origin.
fn write_reference_line(buf: &mut String, facts: &Facts, class_name: &str) {
    let i = facts.index;
    let _ = writeln!(
        buf,
        "Reference ID\tCreated\tReleased\tClassification\tOrigin\n{}\t{}\t{}\t{class_name}\t{}\n",
        facts.id,
        fmt_minutes(facts.meta.created[i]),
        fmt_minutes(facts.meta.released[i]),
        facts.origin.name
    );
}

/// The transmission header: routing indicators, precedence and date-time group, FM, TO, INFO.
fn write_transmission_header(buf: &mut String, rng: &mut ChaCha8Rng, facts: &Facts) {
    let (model, origin, created, old) = (facts.model, facts.origin, facts.created, facts.old);
    let (precedence, precedence_word) = match rng.random_range(0..100) {
        0..=59 => ('P', "PRIORITY"),
        60..=89 => ('R', "ROUTINE"),
        90..=97 => ('O', "IMMEDIATE"),
        _ => ('Z', "FLASH"),
    };
    let two_digit_year = facts.year.rem_euclid(100);
    let dtg = format!(
        "{precedence} {:02}{:02}{:02}Z {} {:02}",
        created.day(),
        created.hour(),
        created.minute(),
        MONTHS[created.month0() as usize],
        two_digit_year
    );
    if !old {
        let _ = writeln!(
            buf,
            "VZCZCXYZ{:04}\n{precedence}{precedence} RUEHWEB\n",
            rng.random_range(0..10_000)
        );
        let section = if origin.kind == Kind::State {
            String::new()
        } else {
            "/01".to_string()
        };
        let _ = writeln!(
            buf,
            "DE {} #{:04}{section} {:03}{:02}{:02}",
            origin.routing,
            facts.serial % 10_000,
            created.ordinal(),
            created.hour(),
            created.minute()
        );
        let security_line = match facts.class {
            0 | 1 => "ZNR UUUUU ZZH",
            2 | 3 => "ZNY CCCCC ZZH",
            _ => "ZNY SSSSS ZZH",
        };
        let _ = writeln!(buf, "{security_line}\n{dtg}\nFM {}", origin.fm);
    } else {
        let _ = writeln!(buf, "{dtg}\nFM {}", origin.fm);
    }
    let addressee = |rng: &mut ChaCha8Rng| loop {
        let other = &model.origins[model.origin_table.sample(rng)];
        if other.kind != Kind::State && !std::ptr::eq(other, origin) {
            break format!("{}/{}", other.routing, other.fm);
        }
    };
    if origin.kind == Kind::State {
        for k in 0..rng.random_range(1..=4) {
            let to = addressee(rng);
            let lead = if k == 0 { "TO " } else { "" };
            let _ = writeln!(buf, "{lead}{to} {precedence_word} 0000");
        }
    } else if old {
        let _ = writeln!(buf, "TO SECSTATE WASHDC {:04}", rng.random_range(0..10_000));
    } else {
        let _ = writeln!(
            buf,
            "TO RUEHC/SECSTATE WASHDC {precedence_word} {:04}",
            rng.random_range(0..10_000)
        );
    }
    let info_count = rng.random_range(0..=5);
    for k in 0..info_count {
        let lead = if k == 0 { "INFO " } else { "" };
        let line = if rng.random_bool(0.35) {
            pick(rng, &COLLECTIVES).to_string()
        } else {
            format!(
                "{} {precedence_word} {:04}",
                addressee(rng),
                rng.random_range(0..10_000)
            )
        };
        let line = if old {
            line.split('/').nth(1).unwrap_or(&line).to_string()
        } else {
            line
        };
        let _ = writeln!(buf, "{lead}{line}");
    }
    buf.push('\n');
}

/// The caption (classification, section count, city, serial) and the handling lines.
fn write_caption(buf: &mut String, rng: &mut ChaCha8Rng, facts: &Facts, sections: usize) {
    let (origin, old, serial) = (facts.origin, facts.old, facts.serial);
    let caption_class = match (old, facts.class) {
        (true, 0 | 1) => "UNCLASSIFIED",
        (true, 2 | 3) => "CONFIDENTIAL",
        (true, _) => "SECRET",
        (false, 0 | 1) => "UNCLAS",
        (false, 2 | 3) => "C O N F I D E N T I A L",
        (false, _) => "S E C R E T",
    };
    let section_text = if sections > 1 || old {
        format!(" SECTION 01 OF {:02}", sections)
    } else {
        String::new()
    };
    if old {
        let _ = writeln!(
            buf,
            "{caption_class}{section_text} {} {serial}\n",
            origin.caption
        );
    } else {
        let _ = writeln!(
            buf,
            "{caption_class}{section_text} {} {serial:06}\n",
            origin.caption
        );
    }
    if facts.year >= 2002 {
        match facts.class {
            1 => buf.push_str("SENSITIVE\nSIPDIS\n\n"),
            3 | 5 => buf.push_str("NOFORN\nSIPDIS\n\n"),
            _ => buf.push_str("SIPDIS\n\n"),
        }
        if rng.random_bool(0.25) {
            let _ = writeln!(buf, "DEPARTMENT FOR {}\n", pick(rng, &BUREAUS));
        }
    }
}

/// The E.O. line: the executive order of the cable's time and its declassification date.
fn write_eo_line(buf: &mut String, facts: &Facts) {
    let year = facts.year;
    let declassify = facts.created + Duration::days(3652);
    let eo = if year < 1978 {
        "E.O. 11652: GDS".to_string()
    } else if year < 1982 {
        format!("E.O. 12065: GDS {}", declassify.format("%m/%d/%y"))
    } else if year < 1995 {
        "E.O. 12356: DECL: OADR".to_string()
    } else if facts.class < 2 {
        "E.O. 12958: N/A".to_string()
    } else if year >= 2010 {
        format!("E.O. 13526: DECL: {}", declassify.format("%m/%d/%Y"))
    } else {
        format!("E.O. 12958: DECL: {}", declassify.format("%m/%d/%Y"))
    };
    let _ = writeln!(buf, "{eo}");
}

/// TAGS: subject codes biased to the origin's usual beat, then the country code.
fn write_tags(buf: &mut String, rng: &mut ChaCha8Rng, facts: &Facts) -> Vec<String> {
    let (model, origin) = (facts.model, facts.origin);
    let tag_count = match rng.random_range(0..100) {
        0..=14 => 2,
        15..=39 => 3,
        40..=64 => 4,
        65..=81 => 5,
        82..=91 => 6,
        92..=96 => 7,
        _ => 8,
    };
    let mut tags: Vec<String> = Vec::with_capacity(tag_count + 1);
    let mut attempts = 0;
    while tags.len() < tag_count && attempts < 100 {
        attempts += 1;
        let rank = if rng.random_bool(0.5) {
            origin.pref_tags[rng.random_range(0..origin.pref_tags.len())]
        } else {
            model.tag_table.sample(rng)
        };
        let tag = model.subject_tags[rank];
        if !tags.iter().any(|known| known == tag) {
            tags.push(tag.to_string());
        }
    }
    if let Some(country_code) = origin.country {
        tags.push(country_code.to_string());
    }
    let _ = writeln!(buf, "TAGS: {}", tags.join(" "));
    tags
}

/// The officials of the origin this cable talks about (indices, and "not yet introduced").
fn choose_cast(rng: &mut ChaCha8Rng, origin: &Origin) -> Vec<(usize, bool)> {
    let cast_count = if origin.officials.is_empty() {
        0
    } else {
        rng.random_range(1..=4.min(origin.officials.len()))
    };
    let mut cast: Vec<(usize, bool)> = Vec::with_capacity(cast_count);
    let roster = Table::zipf(origin.officials.len(), 1.0, 1.0);
    let mut attempts = 0;
    while cast.len() < cast_count && attempts < 50 {
        attempts += 1;
        let k = roster.sample(rng);
        if !cast.iter().any(|c| c.0 == k) {
            cast.push((k, false));
        }
    }
    cast
}

/// SUBJECT: a topic, a place and a few headline words; returns the subject unwrapped.
fn write_subject(buf: &mut String, rng: &mut ChaCha8Rng, facts: &Facts) -> String {
    let (model, origin) = (facts.model, facts.origin);
    let topic = pick(rng, &TOPICS);
    // The Department writes about somewhere else; posts write about their host country.
    let place = if origin.kind == Kind::State {
        loop {
            let other = &model.origins[model.origin_table.sample(rng)];
            if other.kind != Kind::State {
                break other.place.as_str();
            }
        }
    } else {
        origin.place.as_str()
    };
    let vocab = &model.vocab;
    let mut tail = String::new();
    for _ in 0..rng.random_range(1..=4) {
        if !tail.is_empty() {
            tail.push(' ');
        }
        // Subjects are headline-like: real content words only.
        let k = loop {
            let k = vocab.table.sample(rng);
            if (vocab.n_func..vocab.n_real).contains(&k) {
                break k;
            }
        };
        tail.push_str(&vocab.upper[k]);
    }
    let mut subject = String::new();
    let _ = match rng.random_range(0..4) {
        0 => write!(subject, "{place}: {topic} {tail}"),
        1 => write!(subject, "{topic}: {tail}"),
        2 => write!(subject, "{place} {tail} {topic}"),
        _ => write!(subject, "{tail} AND {topic} IN {place}"),
    };
    let mut out = Out {
        buf: &mut *buf,
        col: 0,
        wrap: 65,
    };
    out.text("SUBJECT:");
    out.text(&subject);
    out.newline();
    buf.push('\n');
    subject
}

/// REF: earlier cables, mostly the post's own recent traffic; returns their indices.
fn write_references(buf: &mut String, rng: &mut ChaCha8Rng, facts: &Facts) -> Vec<usize> {
    let (model, meta, i) = (facts.model, facts.meta, facts.index);
    let ref_count = match rng.random_range(0..100) {
        0..=44 => 0,
        45..=74 => 1,
        75..=89 => 2,
        90..=96 => 3,
        _ => 4,
    };
    let mut refs: Vec<usize> = Vec::new();
    if i > 0 {
        for _ in 0..ref_count {
            let r = rng.random_range(0..100);
            let list = if r < 65 {
                Some(&meta.by_origin[facts.origin_index])
            } else if r < 85 {
                Some(&meta.by_origin[0])
            } else {
                None
            };
            let j = match list {
                Some(list) => {
                    let below = list.partition_point(|&x| (x as usize) < i);
                    if below == 0 {
                        continue;
                    }
                    // Posts mostly cite their own recent traffic.
                    list[rng.random_range(below.saturating_sub(40)..below)] as usize
                }
                None => rng.random_range(0..i),
            };
            if !refs.contains(&j) {
                refs.push(j);
            }
        }
    }
    if !refs.is_empty() {
        let mut out = Out {
            buf: &mut *buf,
            col: 0,
            wrap: 65,
        };
        out.word("REF:");
        for (k, &j) in refs.iter().enumerate() {
            let cited = &model.origins[meta.origin[j] as usize];
            let mut citation = String::new();
            if refs.len() > 1 {
                let _ = write!(citation, "{}. ", (b'A' + k as u8) as char);
            }
            if meta.year(j) != facts.year {
                let _ = write!(citation, "{:02} ", meta.year(j).rem_euclid(100));
            }
            let _ = write!(citation, "{} {}", cited.caption, meta.serial[j]);
            out.text(&citation);
        }
        out.newline();
        buf.push('\n');
    }
    refs
}

/// Classified By (classified cables since 1990): an officer of the post and the reasons;
/// returns the people mentioned so far.
fn write_classified_by(buf: &mut String, rng: &mut ChaCha8Rng, facts: &Facts) -> Vec<String> {
    let origin = facts.origin;
    let mut mentioned = Vec::new();
    if facts.class >= 2 && !facts.old {
        let officer = if rng.random_bool(0.4) {
            &origin.officers[0]
        } else {
            &origin.officers[rng.random_range(0..origin.officers.len())]
        };
        let reasons = if facts.year < 2003 {
            "1.5 (b) and (d)"
        } else {
            pick(
                rng,
                &[
                    "1.4 (b) and (d)",
                    "1.4 (b), (d)",
                    "1.4 (d)",
                    "1.4 (b/d)",
                    "1.4 (c) and (d)",
                ],
            )
        };
        let mut out = Out {
            buf: &mut *buf,
            col: 0,
            wrap: 65,
        };
        out.text(&format!("{CLASSIFIED_BY_LABEL}:"));
        out.text(&officer.titled);
        out.text("for reasons");
        out.text(reasons);
        out.newline();
        buf.push('\n');
        mentioned.push(officer.display.clone());
    }
    mentioned
}

/// The numbered paragraphs (with planted markers) up to the target size, then the signature;
/// returns the officials the cable mentions.
fn write_body(
    buf: &mut String,
    rng: ChaCha8Rng,
    facts: &Facts,
    target: usize,
    cast: Vec<(usize, bool)>,
    mentioned: Vec<String>,
    markers: &[String],
) -> Vec<String> {
    let (origin, old) = (facts.origin, facts.old);
    let mut pending: Vec<&'static str> = Vec::new();
    for marker in markers {
        match marker.as_str() {
            "xqcentum" => pending.push("xqcentum"),
            "xqmille" => pending.push("xqmille"),
            "xqseven" => pending.push("xqseven"),
            "amber falcon protocol" => pending.push("amber falcon protocol"),
            _ => pending.extend(["amber", "falcon", "protocol"]),
        }
    }
    pending.reverse();
    let signer = &origin.signers
        [((facts.year - 1966).max(0) as usize / 3 + facts.origin_index) % origin.signers.len()];
    let body_target = target.saturating_sub(signer.len() + 1);
    let mut cable = Cable {
        model: facts.model,
        rng,
        upper: old,
        out: Out {
            buf: &mut *buf,
            col: 0,
            wrap: if old { usize::MAX } else { 65 },
        },
        cast,
        origin,
        mentioned,
        pending,
        scratch: String::new(),
    };
    let mut para = 1;
    let summary = target > 2500 && cable.rng.random_bool(0.7);
    while cable.out.buf.len() < body_target || !cable.pending.is_empty() {
        cable.paragraph(para, facts.class, summary, body_target);
        para += 1;
    }
    // Replace the last blank line with the signature, as on the cable pages.
    cable.out.buf.pop();
    cable.out.buf.push_str(signer);
    cable.out.buf.push('\n');
    cable.mentioned
}
