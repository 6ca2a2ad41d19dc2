//! Synthetic rendering: one cable as the cable pages show it, one `write_*` per section, and its manifest entry.

use std::fmt::Write as _;

use chrono::{Datelike, Duration, Timelike};
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use rand_distr::StandardNormal;

use super::meta::*;
use super::model::*;
use super::random::*;
use super::tables::*;
use super::ManifestEntry;

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
        let (oi, introduced) = self.cast[slot];
        let p = &self.origin.officials[oi];
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
    datetime(m).format("%Y-%m-%d %H:%M").to_string()
}

pub(super) fn fmt_iso(m: i64) -> String {
    datetime(m).format("%Y-%m-%dT%H:%M:00Z").to_string()
}

/// Renders cable `i` into `buf` (cleared first) and returns its manifest entry.
pub(super) fn render(
    model: &Model,
    meta: &Meta,
    seed: u64,
    i: usize,
    buf: &mut String,
) -> ManifestEntry {
    buf.clear();
    let mut rng = rng_for(seed, S_CABLE, i as u64);
    let oi = meta.origin[i] as usize;
    let origin = &model.origins[oi];
    let class = meta.class[i];
    let class_name = CLASSIFICATIONS[class as usize].0;
    let created = datetime(meta.created[i]);
    let year = created.year();
    let old = year < 1990;
    let yy = year.rem_euclid(100);
    let id = meta.id(model, i);
    let serial = meta.serial[i];
    // Lognormal file size (mean about 6.8 KB, long tail past 50 KB).
    let z: f64 = rng.sample(StandardNormal);
    let target = ((SIZE_MU + SIZE_SIGMA * z).exp() as usize).clamp(1200, 400_000);
    let sections = target.div_ceil(12_000);

    // Reference line.
    let _ = writeln!(
        buf,
        "Reference ID\tCreated\tReleased\tClassification\tOrigin\n{id}\t{}\t{}\t{class_name}\t{}\n",
        fmt_minutes(meta.created[i]),
        fmt_minutes(meta.released[i]),
        origin.name
    );

    // Transmission header.
    let (prec, prec_word) = match rng.random_range(0..100) {
        0..=59 => ('P', "PRIORITY"),
        60..=89 => ('R', "ROUTINE"),
        90..=97 => ('O', "IMMEDIATE"),
        _ => ('Z', "FLASH"),
    };
    let dtg = format!(
        "{prec} {:02}{:02}{:02}Z {} {:02}",
        created.day(),
        created.hour(),
        created.minute(),
        MONTHS[created.month0() as usize],
        yy
    );
    if !old {
        let _ = writeln!(
            buf,
            "VZCZCXYZ{:04}\n{prec}{prec} RUEHWEB\n",
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
            serial % 10_000,
            created.ordinal(),
            created.hour(),
            created.minute()
        );
        let zn = match class {
            0 | 1 => "ZNR UUUUU ZZH",
            2 | 3 => "ZNY CCCCC ZZH",
            _ => "ZNY SSSSS ZZH",
        };
        let _ = writeln!(buf, "{zn}\n{dtg}\nFM {}", origin.fm);
    } else {
        let _ = writeln!(buf, "{dtg}\nFM {}", origin.fm);
    }
    let addressee = |rng: &mut ChaCha8Rng| loop {
        let o = &model.origins[model.origin_table.sample(rng)];
        if o.kind != Kind::State && !std::ptr::eq(o, origin) {
            break format!("{}/{}", o.routing, o.fm);
        }
    };
    if origin.kind == Kind::State {
        for k in 0..rng.random_range(1..=4) {
            let a = addressee(&mut rng);
            let lead = if k == 0 { "TO " } else { "" };
            let _ = writeln!(buf, "{lead}{a} {prec_word} 0000");
        }
    } else if old {
        let _ = writeln!(buf, "TO SECSTATE WASHDC {:04}", rng.random_range(0..10_000));
    } else {
        let _ = writeln!(
            buf,
            "TO RUEHC/SECSTATE WASHDC {prec_word} {:04}",
            rng.random_range(0..10_000)
        );
    }
    let n_info = rng.random_range(0..=5);
    for k in 0..n_info {
        let lead = if k == 0 { "INFO " } else { "" };
        let line = if rng.random_bool(0.35) {
            pick(&mut rng, &COLLECTIVES).to_string()
        } else {
            format!(
                "{} {prec_word} {:04}",
                addressee(&mut rng),
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

    // Caption and handling lines.
    let caption_class = match (old, class) {
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
    if year >= 2002 {
        match class {
            1 => buf.push_str("SENSITIVE\nSIPDIS\n\n"),
            3 | 5 => buf.push_str("NOFORN\nSIPDIS\n\n"),
            _ => buf.push_str("SIPDIS\n\n"),
        }
        if rng.random_bool(0.25) {
            let _ = writeln!(buf, "DEPARTMENT FOR {}\n", pick(&mut rng, &BUREAUS));
        }
    }
    let decl = created + Duration::days(3652);
    let eo = if year < 1978 {
        "E.O. 11652: GDS".to_string()
    } else if year < 1982 {
        format!("E.O. 12065: GDS {}", decl.format("%m/%d/%y"))
    } else if year < 1995 {
        "E.O. 12356: DECL: OADR".to_string()
    } else if class < 2 {
        "E.O. 12958: N/A".to_string()
    } else if year >= 2010 {
        format!("E.O. 13526: DECL: {}", decl.format("%m/%d/%Y"))
    } else {
        format!("E.O. 12958: DECL: {}", decl.format("%m/%d/%Y"))
    };
    let _ = writeln!(buf, "{eo}");

    // Tags: subject codes biased to the origin's usual beat, then the country code.
    let n_tags = match rng.random_range(0..100) {
        0..=14 => 2,
        15..=39 => 3,
        40..=64 => 4,
        65..=81 => 5,
        82..=91 => 6,
        92..=96 => 7,
        _ => 8,
    };
    let mut tags: Vec<String> = Vec::with_capacity(n_tags + 1);
    let mut attempts = 0;
    while tags.len() < n_tags && attempts < 100 {
        attempts += 1;
        let t = if rng.random_bool(0.5) {
            origin.pref_tags[rng.random_range(0..origin.pref_tags.len())]
        } else {
            model.tag_table.sample(&mut rng)
        };
        let t = model.subject_tags[t];
        if !tags.iter().any(|x| x == t) {
            tags.push(t.to_string());
        }
    }
    if let Some(cc) = origin.country {
        tags.push(cc.to_string());
    }
    let _ = writeln!(buf, "TAGS: {}", tags.join(" "));

    // Subject.
    let cast_n = if origin.officials.is_empty() {
        0
    } else {
        rng.random_range(1..=4.min(origin.officials.len()))
    };
    let mut cast: Vec<(usize, bool)> = Vec::with_capacity(cast_n);
    let roster = Table::zipf(origin.officials.len(), 1.0, 1.0);
    let mut attempts = 0;
    while cast.len() < cast_n && attempts < 50 {
        attempts += 1;
        let k = roster.sample(&mut rng);
        if !cast.iter().any(|c| c.0 == k) {
            cast.push((k, false));
        }
    }
    let topic = pick(&mut rng, &TOPICS);
    // The Department writes about somewhere else; posts write about their host country.
    let place = if origin.kind == Kind::State {
        loop {
            let o = &model.origins[model.origin_table.sample(&mut rng)];
            if o.kind != Kind::State {
                break o.place.as_str();
            }
        }
    } else {
        origin.place.as_str()
    };
    let mut subject = String::new();
    {
        let v = &model.vocab;
        let mut tail = String::new();
        for _ in 0..rng.random_range(1..=4) {
            if !tail.is_empty() {
                tail.push(' ');
            }
            // Subjects are headline-like: real content words only.
            let k = loop {
                let k = v.table.sample(&mut rng);
                if (v.n_func..v.n_real).contains(&k) {
                    break k;
                }
            };
            tail.push_str(&v.upper[k]);
        }
        let _ = match rng.random_range(0..4) {
            0 => write!(subject, "{place}: {topic} {tail}"),
            1 => write!(subject, "{topic}: {tail}"),
            2 => write!(subject, "{place} {tail} {topic}"),
            _ => write!(subject, "{tail} AND {topic} IN {place}"),
        };
    }
    {
        let mut out = Out {
            buf: &mut *buf,
            col: 0,
            wrap: 65,
        };
        out.text("SUBJECT:");
        out.text(&subject);
        out.newline();
    }
    buf.push('\n');

    // References to earlier cables.
    let n_refs = match rng.random_range(0..100) {
        0..=44 => 0,
        45..=74 => 1,
        75..=89 => 2,
        90..=96 => 3,
        _ => 4,
    };
    let mut refs: Vec<usize> = Vec::new();
    if i > 0 {
        for _ in 0..n_refs {
            let r = rng.random_range(0..100);
            let list = if r < 65 {
                Some(&meta.by_origin[oi])
            } else if r < 85 {
                Some(&meta.by_origin[0])
            } else {
                None
            };
            let j = match list {
                Some(l) => {
                    let below = l.partition_point(|&x| (x as usize) < i);
                    if below == 0 {
                        continue;
                    }
                    // Posts mostly cite their own recent traffic.
                    l[rng.random_range(below.saturating_sub(40)..below)] as usize
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
            let jo = &model.origins[meta.origin[j] as usize];
            let mut s = String::new();
            if refs.len() > 1 {
                let _ = write!(s, "{}. ", (b'A' + k as u8) as char);
            }
            if meta.year(j) != year {
                let _ = write!(s, "{:02} ", meta.year(j).rem_euclid(100));
            }
            let _ = write!(s, "{} {}", jo.caption, meta.serial[j]);
            out.text(&s);
        }
        out.newline();
        buf.push('\n');
    }

    // Classified By.
    let mut mentioned = Vec::new();
    if class >= 2 && !old {
        let officer = if rng.random_bool(0.4) {
            &origin.officers[0]
        } else {
            &origin.officers[rng.random_range(0..origin.officers.len())]
        };
        let reasons = if year < 2003 {
            "1.5 (b) and (d)"
        } else {
            pick(
                &mut rng,
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
        out.text("Classified By:");
        out.text(&officer.titled);
        out.text("for reasons");
        out.text(reasons);
        out.newline();
        buf.push('\n');
        mentioned.push(officer.display.clone());
    }

    // Body.
    let markers = markers_for(i);
    let mut pending: Vec<&'static str> = Vec::new();
    for m in &markers {
        match m.as_str() {
            "xqcentum" => pending.push("xqcentum"),
            "xqmille" => pending.push("xqmille"),
            "xqseven" => pending.push("xqseven"),
            "amber falcon protocol" => pending.push("amber falcon protocol"),
            _ => pending.extend(["amber", "falcon", "protocol"]),
        }
    }
    pending.reverse();
    let signer = &origin.signers[((year - 1966).max(0) as usize / 3 + oi) % origin.signers.len()];
    let body_target = target.saturating_sub(signer.len() + 1);
    let mut cable = Cable {
        model,
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
        if para > 2 && !old && cable.rng.random_bool(0.12) {
            cable.heading();
        }
        cable.scratch.clear();
        let _ = write!(cable.scratch, "¶{para}.");
        let label = std::mem::take(&mut cable.scratch);
        cable.out.word(&label);
        cable.scratch = label;
        cable.scratch.clear();
        if !old {
            let mark = para_mark(&mut cable.rng, class);
            cable.out.word(mark);
        }
        let closing = para > 3 && cable.out.buf.len() + 900 > body_target;
        if para == 1 && summary {
            cable.emit_text("Summary:");
        } else if closing && cable.rng.random_bool(0.5) {
            cable.emit_text("Comment:");
        }
        let n = cable.rng.random_range(2..=7);
        for _ in 0..n {
            cable.sentence();
        }
        if para == 1 && summary {
            cable.emit_text("End Summary.");
        }
        cable.out.buf.push_str("\n\n");
        cable.out.col = 0;
        para += 1;
    }
    // Replace the last blank line with the signature, as on the cable pages.
    cable.out.buf.pop();
    cable.out.buf.push_str(signer);
    cable.out.buf.push('\n');
    let officials = cable.mentioned;

    let path = format!("cables/{:04}/{:02}/{id}.txt", year, created.month());
    ManifestEntry {
        path,
        created: fmt_iso(meta.created[i]),
        released: fmt_iso(meta.released[i]),
        classification: class_name.to_string(),
        origin: origin.name.clone(),
        tags,
        officials,
        subject,
        refs: refs.iter().map(|&j| meta.id(model, j)).collect(),
        markers,
        id,
    }
}
