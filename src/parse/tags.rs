//! TAGS lines -> codes: label variants and typos, codes glued together split against the code list, one-letter typos corrected when unambiguous, debris left out.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

/// Every code we know: the meanings list plus the codes real TAGS lines use without one.
static CODES: LazyLock<HashSet<String>> = LazyLock::new(|| {
    let listed = crate::topics::codes();
    let extra = include_str!("../../data/tag_codes_extra.txt")
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'));
    listed.chain(extra).map(str::to_string).collect()
});

/// The TAGS label at the start of a line: `TAGS`, `TAGS:`, `TAGS;`, `TAGS,`, `TAG`, and the
/// typos of real cables (`TAS:`, `TABS:`, `TGS:`, `TAGES:`, `AGS:`) when a colon follows.
static TAGS_KEY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:TAGS?\s*[:;,]?(?:\s|$)|(?:TAS|TABS|TGS|TAGES|AGS)\s*:)")
        .expect("constant regex")
});

/// Where the codes of a TAGS line start, when the line is one.
pub fn tags_key_end(line: &str) -> Option<usize> {
    TAGS_KEY.find(line).map(|key| key.end())
}

/// Text on a TAGS line that is not codes: page-break headers, markings, SIPDIS.
static DEBRIS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"PAGE\s+\d{2,3}\s+[A-Z][A-Z .'-]*?\s+(?:\d+\s+)?(?:\d{2} OF \d{2}\s+)?\d{6}Z|\b(?:UNCLAS|UNCLASSIFIED|CONFIDENTIAL|SECRET|NOFORN|SIPDIS|SUBJECT|SUBJ|E\.O\.)\b|C O N F I D E N T I A L|S E C R E T",
    )
    .expect("constant regex")
});

static TOKEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[A-Z][A-Z0-9]{1,47}$").expect("constant regex"));

/// The codes of a TAGS text (after its label), each once, in order. Parenthesised names
/// (`OVIP (CLINTON, HILLARY)`) are not codes.
pub fn parse_tags(text: &str) -> Vec<String> {
    // A few cables were lower-cased whole (`Tags: prel, pgov, tu`).
    let text = if text.chars().any(|c| c.is_ascii_uppercase()) {
        text.to_string()
    } else {
        text.to_uppercase()
    };
    let mut depth = 0usize;
    let mut cleaned = String::with_capacity(text.len());
    for character in text.chars() {
        match character {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => cleaned.push(character),
            _ => {}
        }
    }
    let cleaned = DEBRIS.replace_all(&cleaned, " ");
    let mut tags: Vec<String> = Vec::new();
    for token in cleaned
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '/'))
        .map(|token| token.trim_matches(|c: char| !c.is_ascii_alphanumeric()))
        .filter(|token| TOKEN.is_match(token))
    {
        for code in read_token(token) {
            if !tags.contains(&code) {
                tags.push(code);
            }
        }
    }
    tags
}

/// Whether a line holds nothing but codes (a TAGS line's continuation).
pub fn is_tag_line(line: &str) -> bool {
    let words: Vec<&str> = line
        .split(|c: char| c.is_whitespace() || c == ',' || c == ';')
        .map(|word| word.trim_matches(|c: char| !c.is_ascii_alphanumeric()))
        .filter(|word| !word.is_empty())
        .collect();
    !words.is_empty()
        && words.len() <= 12
        && words.iter().all(|word| {
            TOKEN.is_match(word)
                && word.len() <= 8
                && (CODES.contains(*word) || split_glued(word).is_some() || word.len() == 2)
        })
}

/// One token as codes: known as is; else split into known codes; else a one-letter typo of
/// exactly one known code; else kept as written.
fn read_token(token: &str) -> Vec<String> {
    if CODES.contains(token) {
        return vec![token.to_string()];
    }
    if let Some(parts) = split_glued(token) {
        return parts;
    }
    if let Some(corrected) = one_letter_off(token) {
        return vec![corrected];
    }
    if token.len() <= 8 {
        vec![token.to_string()]
    } else {
        Vec::new()
    }
}

/// Splits glued codes (`PHUMBA` -> `PHUM`, `BA`) into the fewest known codes, each of two to
/// six letters; None when no such split exists.
fn split_glued(token: &str) -> Option<Vec<String>> {
    let bytes = token.as_bytes();
    let length = bytes.len();
    // Four letters are one code (real codes not in our list are four letters too).
    if length < 5 || !token.is_ascii() {
        return None;
    }
    // best[i]: the fewest codes that spell token[..i], and where the last one starts.
    let mut best: Vec<Option<(usize, usize)>> = vec![None; length + 1];
    best[0] = Some((0, 0));
    for end in 2..=length {
        for start in end.saturating_sub(6)..=end - 2 {
            let Some((count, _)) = best[start] else {
                continue;
            };
            if CODES.contains(&token[start..end])
                && best[end].is_none_or(|(best_count, _)| count + 1 < best_count)
            {
                best[end] = Some((count + 1, start));
            }
        }
    }
    let (count, _) = best[length]?;
    if count < 2 {
        return None;
    }
    let mut parts = Vec::with_capacity(count);
    let mut end = length;
    while end > 0 {
        let (_, start) = best[end]?;
        parts.push(token[start..end].to_string());
        end = start;
    }
    parts.reverse();
    Some(parts)
}

/// The one known code of four or more letters one edit away (`MOPPS` -> `MOPS`, `UNDESCO` ->
/// `UNESCO`); None when there is none or more than one.
fn one_letter_off(token: &str) -> Option<String> {
    // Only added or doubled letters of long codes; a four-letter code we do not know is
    // more likely a real code than a typo.
    if token.len() < 5 {
        return None;
    }
    let mut found = CODES
        .iter()
        .filter(|code| code.len() >= 4 && strsim::levenshtein(code, token) == 1);
    let first = found.next()?;
    found.next().is_none().then(|| first.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One row per shape: the TAGS line, the codes a careful reader takes from it.
    const CASES: &[(&str, &[&str])] = &[
        (
            "TAGS: PHUM KCRM SMIG KTIP",
            &["PHUM", "KCRM", "SMIG", "KTIP"],
        ),
        ("TAGS PREL, PGOV, TU", &["PREL", "PGOV", "TU"]),
        ("TAGS; PREL PGOV", &["PREL", "PGOV"]),
        ("TAGS, PREL PGOV", &["PREL", "PGOV"]),
        ("TAG PTER, PGOV, SW", &["PTER", "PGOV", "SW"]),
        ("TAS: PREL EG", &["PREL", "EG"]),
        ("TABS: PREL EG", &["PREL", "EG"]),
        ("TGS: PREL EG", &["PREL", "EG"]),
        ("TAGES: PREL EG", &["PREL", "EG"]),
        ("AGS: PREL EG", &["PREL", "EG"]),
        ("TAGS: PHUMBA", &["PHUM", "BA"]),
        (
            "TAGS: KFRDKIRFCVISCMGTKOCIASECPHUMSMIGEG",
            &[
                "KFRD", "KIRF", "CVIS", "CMGT", "KOCI", "ASEC", "PHUM", "SMIG", "EG",
            ],
        ),
        ("TAGS: PREL PREL PGOV", &["PREL", "PGOV"]),
        ("TAGS: PREL SIPDIS PGOV", &["PREL", "PGOV"]),
        (
            "TAGS: PREL IT SECRET PAGE 02 ROME 211833Z PGOV",
            &["PREL", "IT", "PGOV"],
        ),
        ("TAGS: MOPPS PREL", &["MOPS", "PREL"]),
        ("TAGS: UNDESCO", &["UNESCO"]),
        (
            "TAGS: OVIP (CLINTON, HILLARY) PREL, US",
            &["OVIP", "PREL", "US"],
        ),
        ("Tags: prel, pgov, tu", &["PREL", "PGOV", "TU"]),
    ];

    #[test]
    fn tags_lines_become_codes() {
        for (line, expected) in CASES {
            let end = tags_key_end(line).unwrap_or_else(|| panic!("no TAGS label in {line:?}"));
            assert_eq!(parse_tags(&line[end..]), *expected, "{line}");
        }
    }

    #[test]
    fn other_lines_are_not_tags_lines() {
        for line in ["TAGGED ITEMS 1", "TASKS: NONE", "BAGS: 3", "TAGSPREL"] {
            assert_eq!(tags_key_end(line), None, "{line}");
        }
        assert!(is_tag_line("PGOV, PREL, BR"));
        assert!(!is_tag_line("THE MINISTER SAID"));
    }
}
