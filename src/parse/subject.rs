//! SUBJECT lines -> the subject: its label variants, where it ends (REF, Classified By, page headers, banners, rules, notes), portion markings and HTML entities.

use std::sync::LazyLock;

use regex::Regex;

use crate::telegram::CLASSIFIED_BY;

/// The SUBJECT label at the start of a line: `SUBJECT:`, `SUBJ:`, `SUBJECT` without a colon,
/// and `UBJECT:` (its first letter lost).
static SUBJECT_KEY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:SUBJECT\s*:|SUBJ\s*:|SUBJECT\s+|UBJECT\s*:)").expect("constant regex")
});

/// Where the codes of a SUBJECT line start, when the line is one.
pub fn subject_key_end(line: &str) -> Option<usize> {
    let key = SUBJECT_KEY.find(line)?;
    // `SUBJECT` without a colon only counts when text in capitals follows.
    let rest = line[key.end()..].trim_start();
    let spelled_out = key.as_str().contains(':');
    (spelled_out || rest.starts_with(|c: char| c.is_ascii_uppercase() || c == '('))
        .then_some(key.end())
}

/// Portion markings before a subject: `(S)`, `(C/NF)`, `(U)`, `(SBU)`, `(S//NF)`.
static MARKING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\(\s*(?:U|C|S|TS|SBU|FOUO|LOU|CUI)(?:\s*/{1,2}\s*[A-Z]+)*\s*\)\s*")
        .expect("constant regex")
});

/// What ends a subject inside its line: a REF or Classified By run into it.
static END_IN_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)REF(?:S|TELS?|\(S\))?\s*:|{CLASSIFIED_BY}\b"))
        .expect("constant regex")
});

/// Lines that end a subject: page headers and markers, banners, rules, notes, keys.
static END_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^\s*(?:
            PAGE\s+\d{2,3}\b
          | [A-Z][A-Z\ ]*?\s+0*\d+\s+\d{3}(?:\.\d)?\s+OF\s+\d{3}\b
          | (?:C\ O\ N\ F\ I\ D\ E\ N\ T\ I\ A\ L|S\ E\ C\ R\ E\ T|U\ N\ C\ L\ A\ S)
          | -{3,} | ={3,} | _{3,}
          | SENSITIVE\ BUT\ UNCLASSIFIED | SBU\b
          | REF | CLASSIFIED\s+BY | E\.\s?O\. | TAGS? | SUMMARY | ¶ | \d{1,2}\.\s | \(\s*[A-Z/]{1,6}\s*\)\s
          | (?:UNCLASSIFIED|CONFIDENTIAL|SECRET)(?:\s*//\s*[A-Z ]+)?\s*$
        )",
    )
    .expect("constant regex")
});

/// Reads a subject from the text after its label (`first`) and the lines that follow it.
/// Returns the subject (if any) and the number of following lines it used, plus what came
/// after a REF or Classified By run into it (for the REF and Classified By readers).
pub fn read_subject(first: &str, following: &[&str]) -> (Option<String>, usize, Option<String>) {
    let mut parts: Vec<String> = Vec::new();
    let mut used = 0;
    let mut rest_of_line: Option<String> = None;
    let mut push = |text: &str, parts: &mut Vec<String>| -> bool {
        let text = text.trim().trim_end_matches('\\').trim();
        if let Some(end) = END_IN_LINE.find(text) {
            parts.push(text[..end.start()].to_string());
            rest_of_line = Some(text[end.start()..].to_string());
            return false;
        }
        parts.push(text.to_string());
        true
    };
    let mut open = push(first, &mut parts);
    // The subject may start on the line after its label.
    let starts_below = first.trim().trim_end_matches('\\').trim().is_empty();
    let limit = if starts_below { 4 } else { 3 };
    for line in following {
        if !open || used >= limit {
            break;
        }
        let trimmed = line.trim().trim_end_matches('\\').trim();
        if trimmed.is_empty() {
            if starts_below && parts.iter().all(|part| part.is_empty()) && used == 0 {
                used += 1;
                continue;
            }
            break;
        }
        if END_LINE.is_match(trimmed) || crate::parse::tags::tags_key_end(trimmed).is_some() {
            break;
        }
        open = push(trimmed, &mut parts);
        used += 1;
    }
    let joined = parts.join(" ");
    let subject = clean(&joined);
    (subject, used, rest_of_line)
}

/// Squeezes spaces, drops a leading portion marking and decodes HTML entities.
fn clean(text: &str) -> Option<String> {
    let squeezed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let unmarked = MARKING.replace(&squeezed, "");
    let decoded = decode_entities(&unmarked);
    let subject = decoded
        .trim()
        .trim_end_matches(['\\', '-'])
        .trim()
        .to_string();
    (!subject.is_empty()).then_some(subject)
}

/// `&amp;`, `&quot;`, `&#39;`, `&lt;`, `&gt;`, `&apos;` and numeric entities.
fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    static ENTITY: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"&(#x[0-9A-Fa-f]+|#\d+|[A-Za-z]+);").expect("constant regex"));
    ENTITY
        .replace_all(text, |capture: &regex::Captures| {
            let name = &capture[1];
            let decoded =
                if let Some(hex) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                    u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
                } else if let Some(decimal) = name.strip_prefix('#') {
                    decimal.parse().ok().and_then(char::from_u32)
                } else {
                    match name.to_ascii_lowercase().as_str() {
                        "amp" => Some('&'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "nbsp" => Some(' '),
                        _ => None,
                    }
                };
            decoded.map_or_else(|| capture[0].to_string(), String::from)
        })
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn subject_of(text: &str) -> Option<String> {
        let lines: Vec<&str> = text.lines().collect();
        let end = subject_key_end(lines[0]).unwrap_or_else(|| panic!("no SUBJECT label: {text:?}"));
        read_subject(&lines[0][end..], &lines[1..]).0
    }

    /// One row per shape: the lines from the SUBJECT label on, the subject a reader sees.
    const CASES: &[(&str, &str)] = &[
        ("SUBJECT: TURKEY ADRIFT", "TURKEY ADRIFT"),
        ("SUBJECT: (C) TURKEY ADRIFT", "TURKEY ADRIFT"),
        ("SUBJECT: (C/NF) TURKEY ADRIFT", "TURKEY ADRIFT"),
        ("SUBJECT: (SBU) TURKEY ADRIFT", "TURKEY ADRIFT"),
        ("SUBJECT: (U) TURKEY ADRIFT", "TURKEY ADRIFT"),
        ("SUBJECT: (S//NF) TURKEY ADRIFT", "TURKEY ADRIFT"),
        ("SUBJECT: MORE RUSSIAN RESISTANCE TO DEMARCHE ON MILITARY\nSALES TO VENEZUELA\n\n1. (C) Text.", "MORE RUSSIAN RESISTANCE TO DEMARCHE ON MILITARY SALES TO VENEZUELA"),
        ("SUBJECT: SECRETARY'S VISIT TO EGYPTREF: CAIRO 493", "SECRETARY'S VISIT TO EGYPT"),
        ("SUBJECT: DEFORESTATION UPDATE REF: BRASILIA 861", "DEFORESTATION UPDATE"),
        ("SUBJECT: Profiles of Piqueteros  REF: BUENOS AIRES 526  CLASSIFIED BY: X, Ambassador", "Profiles of Piqueteros"),
        ("SUBJECT: NEW CABINET Classified By: Ambassador X, reasons 1.4 (b)", "NEW CABINET"),
        ("SUBJECT: MEETING WITH THE MINISTER\nREF: STATE 1234", "MEETING WITH THE MINISTER"),
        ("SUBJECT: MEETING WITH THE MINISTER\nClassified By: Ambassador X", "MEETING WITH THE MINISTER"),
        ("SUBJECT: MEETING WITH THE\nPAGE 02 ROME 01196 01 OF 02 082030Z\nMINISTER", "MEETING WITH THE"),
        ("SUBJECT: MEETING WITH THE\nPRETORIA 00000954 001.2 OF 004\nMINISTER", "MEETING WITH THE"),
        ("SUBJECT: MEETING WITH THE MINISTER\nC O N F I D E N T I A L SECTION 02 OF 02", "MEETING WITH THE MINISTER"),
        ("SUBJECT: MEETING WITH THE MINISTER\n-----------", "MEETING WITH THE MINISTER"),
        ("SUBJECT: MEETING WITH THE MINISTER\nSensitive but unclassified; not for internet.", "MEETING WITH THE MINISTER"),
        ("SUBJECT: S/CT CRUMPTON PRESSES THE SWISS \\\n \\\nClassified By: DCM Carol Urban, Reasons 1.4 b/d/h \\", "S/CT CRUMPTON PRESSES THE SWISS"),
        ("SUBJECT:\nTHE SUBJECT ON THE NEXT LINE\n\n1. Text", "THE SUBJECT ON THE NEXT LINE"),
        ("SUBJ: ARMS SALES", "ARMS SALES"),
        ("SUBJECT ARMS SALES TO IRAN", "ARMS SALES TO IRAN"),
        ("UBJECT: ARMS SALES", "ARMS SALES"),
        ("SUBJECT: AT&amp;T AND &quot;FRIENDS&quot; &#39;08", "AT&T AND \"FRIENDS\" '08"),
    ];

    #[test]
    fn subjects_read_as_a_careful_reader_would() {
        for (text, expected) in CASES {
            assert_eq!(subject_of(text).as_deref(), Some(*expected), "{text:?}");
        }
    }

    #[test]
    fn subject_run_into_ref_hands_the_rest_over() {
        let (_, _, rest) = read_subject(" VISIT TO EGYPTREF: CAIRO 493", &[]);
        assert_eq!(rest.as_deref(), Some("REF: CAIRO 493"));
    }
}
