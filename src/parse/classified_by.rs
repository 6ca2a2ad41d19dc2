//! Classified By lines -> the classifying official: the line in its real shapes (repeated label, inside paragraph 1, wrapped), the reason clause cut off, titles in every spelling set apart from the name.

use std::sync::LazyLock;

use regex::Regex;

use crate::officials::{title_case_word, NAME_PARTICLES};

use crate::telegram::CLASSIFIED_BY;

/// A Classified By label at the start of a line, or inside paragraph 1 of older cables
/// (`1. (U) CLASSIFIED BY LEE O. COLDREN, DIRECTOR`).
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^\s*(?:¶?\s*1\s*\.\s*(?:\(\s*[A-Z/]{{1,6}}\s*\)\s*)?)?{CLASSIFIED_BY}\b\s*[:.;-]?\s*",
    ))
    .expect("constant regex")
});

/// Where the text after a Classified By label starts, when the line has one.
pub fn label_end(line: &str) -> Option<usize> {
    LABEL.find(line).map(|label| label.end())
}

/// The reason clause that ends the name part: `for reasons`, `reason 1.5`, `, reasons`,
/// `per 1.5`, `-reasons`, `: 1.2 (B)`, `E.O. 12958`, `DECL`.
static REASON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\s|,|;|:|-|\.|\()*(?:\bfor\s+)?(?:\breasons?\b|\bper\s+1\.\d|\b1\.\d\b|\bE\.?\s?O\.?\s|\bDECL\b|\bsection\s+1\.)")
        .expect("constant regex")
});

/// The person a Classified By text names, with the title written with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Classifier {
    pub name: String,
    pub title: Option<String>,
}

/// `Charge d'Affaires` in its real spellings, with `a.i.` / `(AI)` after it.
static CHARGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bcharg(?:e|é|é)\s*(?:d\s*['’`]?\s*|de\s+)?(?:affaires?|affairs|afairs)\b(?:\s*,?\s*\(?\s*a\s*\.?\s*i\s*\.?\s*\)?)?")
        .expect("constant regex")
});

/// Words of titles (lower case; a word with `/` is an office code and a title word too).
const TITLE_WORDS: &[&str] = &[
    "acting",
    "adviser",
    "advisor",
    "affairs",
    "agricultural",
    "ai",
    "a.i.",
    "amb",
    "ambassador",
    "assistant",
    "attache",
    "attaché",
    "cda",
    "cg",
    "charge",
    "chief",
    "commercial",
    "consul",
    "consular",
    "coordinator",
    "counsel",
    "counselor",
    "counsellor",
    "cons",
    "dcm",
    "defense",
    "deputy",
    "dir",
    "director",
    "econ",
    "econcouns",
    "economic",
    "econoff",
    "envoy",
    "external",
    "executive",
    "general",
    "head",
    "internal",
    "labor",
    "legal",
    "management",
    "member",
    "military",
    "minister",
    "mission",
    "of",
    "office",
    "officer",
    "pao",
    "permanent",
    "pol",
    "polcouns",
    "polchief",
    "political",
    "poloff",
    "polmilcouns",
    "polecon",
    "principal",
    "public",
    "regional",
    "represenative",
    "representative",
    "rso",
    "section",
    "secretary",
    "security",
    "senior",
    "special",
    "the",
    "u.s.",
    "us",
    "usdel",
    "under",
    "and",
    "for",
    "to",
    "a",
    "at",
    "large",
    "acting",
    "affairs:",
    "mr",
    "ms",
    "mrs",
    "dr",
    "gen",
    "col",
    "ltc",
    "by",
    "classified",
    "team",
    "leader",
    "prt",
    "ops",
    "economics",
    "energy",
    "science",
    "environment",
    "delegation",
    "del",
    "counselor:",
    "embassy",
    "consulate",
    "post",
    "dos",
    "state",
    "department",
    "bureau",
    "exec",
    "multilateral",
    "unit",
];

/// The person of a Classified By text (after its label).
pub fn classifier(text: &str) -> Option<Classifier> {
    let text = strip_repeated_label(text);
    let name_part = match REASON.find(text) {
        Some(reason) => &text[..reason.start()],
        None => text,
    };
    let charge = CHARGE
        .find(name_part)
        .map(|found| found.as_str().to_string());
    let name_part = name_part
        .trim()
        .trim_end_matches(['.', ',', ';', ':', '-'])
        .trim();
    let without_charge = CHARGE.replace_all(name_part, ", ");
    let mut best: Option<Classifier> = None;
    let mut titles: Vec<String> = Vec::new();
    for segment in without_charge.split([',', ';', ':']) {
        let words: Vec<&str> = segment.split_whitespace().collect();
        let start = words
            .iter()
            .position(|word| !is_title_word(word))
            .unwrap_or(words.len());
        let title: Vec<&str> = words[..start].to_vec();
        let name: Vec<&str> = words[start..].to_vec();
        if name.is_empty() {
            if !title.is_empty() {
                match &mut best {
                    Some(found) if found.title.is_none() => found.title = Some(title.join(" ")),
                    Some(_) => {}
                    None => titles.push(title.join(" ")),
                }
            }
            continue;
        }
        if best.is_none() && looks_like_name(&name) {
            let mut title_words = title.join(" ");
            if title_words.is_empty() {
                title_words = titles.join(", ");
            }
            best = Some(Classifier {
                name: display(&name),
                title: Some(title_words).filter(|title| !title.is_empty()),
            });
        } else if best.is_some() && name.iter().all(|word| is_title_word(word)) {
            titles.push(segment.trim().to_string());
        } else if let (Some(found), true) = (&mut best, looks_like_title(segment)) {
            if found.title.is_none() {
                found.title = Some(segment.trim().to_string());
            }
        }
    }
    let mut found = best?;
    if found.title.is_none() {
        found.title = charge.map(|charge| charge.trim().to_string());
    }
    Some(found)
}

/// `Classified By: Classified by ...` -> the text after the last label.
fn strip_repeated_label(text: &str) -> &str {
    let mut rest = text.trim();
    while let Some(end) = label_end(rest) {
        if end == 0 {
            break;
        }
        rest = rest[end..].trim();
    }
    rest
}

fn is_title_word(word: &str) -> bool {
    let lower = word
        .trim_matches(|c: char| matches!(c, ',' | ';' | '(' | ')' | '"'))
        .to_lowercase()
        .replace('0', "o");
    let bare = lower.trim_end_matches('.');
    word.contains('/') || TITLE_WORDS.contains(&bare) || TITLE_WORDS.contains(&lower.as_str())
}

/// Two to five words that can be a name: capitalised words, initials, particles.
fn looks_like_name(words: &[&str]) -> bool {
    let name_words = words
        .iter()
        .filter(|word| !NAME_PARTICLES.contains(&word.to_lowercase().as_str()))
        .count();
    (1..=6).contains(&words.len())
        && name_words >= 2
        && words.iter().all(|word| {
            let lower = word.to_lowercase();
            NAME_PARTICLES.contains(&lower.as_str())
                || word
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c == '0')
                    && word
                        .chars()
                        .all(|c| c.is_alphabetic() || matches!(c, '.' | '\'' | '’' | '-' | '0'))
        })
}

fn looks_like_title(segment: &str) -> bool {
    let words: Vec<&str> = segment.split_whitespace().collect();
    !words.is_empty() && words.iter().any(|word| is_title_word(word)) && words.len() <= 6
}

/// The name as shown: ALL CAPS turned to title case as the officials extractor does it, `0.`
/// (a digit typed for O.) fixed.
fn display(words: &[&str]) -> String {
    let caps = words
        .iter()
        .all(|word| !word.chars().any(char::is_lowercase));
    words
        .iter()
        .enumerate()
        .map(|(position, word)| {
            let word = if word.len() <= 2 && word.starts_with('0') {
                word.replacen('0', "O", 1)
            } else {
                word.to_string()
            };
            if caps {
                title_case_word(&word, position == 0)
            } else {
                word
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One row per shape: the Classified By line, the name and title a careful reader takes.
    const CASES: &[(&str, &str, Option<&str>)] = &[
        ("Classified By: PolCouns David Lindwall for reasons 1.4 (b) and (d)", "David Lindwall", Some("PolCouns")),
        ("Classified By: Charge d'Affaires, a.i., Robert Blake, reasons 1.4 (b,d)", "Robert Blake", Some("Charge d'Affaires, a.i.")),
        ("Classified By: Charge d' Affairs John Smith, reason 1.5", "John Smith", Some("Charge d' Affairs")),
        ("Classified By: Charge de Affaires John Smith per 1.4 (d)", "John Smith", Some("Charge de Affaires")),
        ("Classified By: Charge d'Afairs (AI) John Smith, reasons 1.4", "John Smith", Some("Charge d'Afairs (AI)")),
        ("Classified By: Acting Pol/Econ Counselor: Jane Doe, reasons 1.4 (b) and (d)", "Jane Doe", Some("Acting Pol/Econ Counselor")),
        ("Classified By: PRM/AFR Dir. Ann Other, reason 1.4 (b)", "Ann Other", Some("PRM/AFR Dir.")),
        ("Classified By: USDEL Member Ray Ford for reasons 1.4 b and d", "Ray Ford", Some("USDEL Member")),
        ("CLASSIFIED BY: DEPUTY POLITICAL COUNSEL0R JOHN Q. PUBLIC, REASONS 1.4 (B) AND (D)", "John Q. Public", Some("DEPUTY POLITICAL COUNSEL0R")),
        ("CLASSIFIED BY: U.S. PERMANENT REPRESENATIVE AMBASSADOR GREG SCHULTE. REASON: 1.4 (B) AND (D)", "Greg Schulte", Some("U.S. PERMANENT REPRESENATIVE AMBASSADOR")),
        ("Classified By: Classified by Ambassador Eduardo Aguirre; reasons 1.4 (B) and (D)", "Eduardo Aguirre", Some("Ambassador")),
        ("1. (U) CLASSIFIED BY LEE 0. COLDREN, DIRECTOR, OFFICE OF CHINESE AFFAIRS. REASON: 12958 1.5 (D)", "Lee O. Coldren", Some("DIRECTOR")),
        ("Classified By: ERIC WONG, CHARGE D'AFFAIRES, A.I.", "Eric Wong", Some("CHARGE D'AFFAIRES, A.I.")),
        ("Classified By: A/DCM Tamir G. Waser.  Reason: 1.4 (d)", "Tamir G. Waser", Some("A/DCM")),
        ("Classified By: DCM Carol Urban -reasons 1.4 b/d/h", "Carol Urban", Some("DCM")),
        ("Classified By: Ambassador Hazel Shade: 1.2 (B)", "Hazel Shade", Some("Ambassador")),
        ("CLASSIFIED BY: VilmaSMartinez, Ambassador, DOS, Exec; REASON: 1.4(B), (D)", "", None),
        ("Classified By: Charge d'Affaires, for reasons 1.4 (b) and (d)", "", None),
    ];

    #[test]
    fn classifiers_read_as_a_careful_reader_would() {
        for (line, name, title) in CASES {
            let end = label_end(line).unwrap_or_else(|| panic!("no label in {line:?}"));
            let found = classifier(&line[end..]);
            if name.is_empty() {
                assert_eq!(found, None, "{line}");
                continue;
            }
            let found = found.unwrap_or_else(|| panic!("no name in {line:?}"));
            assert_eq!(found.name, *name, "{line}");
            assert_eq!(found.title.as_deref(), *title, "{line}");
        }
    }
}
