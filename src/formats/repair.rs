//! Repairs of telegram text as real dumps mangle it: archive lines before the routing, the
//! classification line fused onto the last routing line, the "partial extract" note.

use std::sync::LazyLock;

use regex::Regex;

use crate::telegram::{self, MARKING};

/// The note some dumps put where the routing was, glued to the classification line.
const PARTIAL_EXTRACT_NOTE: &str = "This record is a partial extract of the original cable.";
const NOT_AVAILABLE_NOTE: &str = "The full text of the original cable is not available.";

/// A classification line glued onto the end of another line (`AMCONSUL IZMIRUNCLAS ADANA 0638`,
/// `POUCH)C O N F I D E N T I A L SECTION 01 OF 04`): what came before, then the marking with
/// its optional section, origin and serial, to the end of the line.
static FUSED_MARKING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?P<head>.*?\S)(?P<line>{MARKING}(?:\s+E\s?F\s?T\s?O)?(?P<section>\s+SECTION\s+\d+\s+OF\s+\d+)?(?P<serial>\s+[A-Z][A-Z .'-]*?\s+0*\d+)?)\s*$"
    ))
    .expect("constant regex")
});

/// A line that starts with a classification marking.
static MARKING_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^\s*{MARKING}\b")).expect("constant regex"));

/// Words of routing lines: a fused marking is only split off a line that has one of them.
static ROUTING_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"AMEMBASSY|AMCONSUL|SECSTATE|USMISSION|USMISSON|WASHDC|POUCH|USINT|/|\bINFO\b|\bTO\b|\bFM\b|RUE[A-Z]{3}")
        .expect("constant regex")
});

/// Keys that end the part of a telegram where a fused marking can stand.
static HEADER_KEY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:TAGS?\b|SUBJ|E\.\s?O\.|EO 1|¶|\d{1,2}\.\s)").expect("constant regex")
});

/// An archive's line before the routing of a printed telegram (`INFO LOG-00 EUR-00 ...`,
/// `------------------1A2B3C  071234Z /38`).
static ARCHIVE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:INFO\s+LOG-\d+|ACTION\s+[A-Z]+-\d+|(?:[A-Z]{2,6}-\d{2}\s+){2,}|-{6,}|/\d{3}[A-Z]?\s*$)")
        .expect("constant regex")
});

/// The lines of a telegram, repaired: archive lines before the routing are taken out (and
/// returned apart, to be kept with the routing), the partial-extract note is dropped, and a
/// classification line fused onto the routing is put on a line of its own after a blank line.
pub(crate) fn telegram_lines(text: &str) -> (Vec<String>, Vec<String>) {
    let raw: Vec<&str> = text.split('\n').collect();
    let first = raw
        .iter()
        .position(|line| !line.trim().is_empty())
        .unwrap_or(0);
    let mut archive = Vec::new();
    let mut start = first;
    if ARCHIVE_LINE.is_match(raw.get(first).copied().unwrap_or("")) {
        // Archive lines run until the routing starts; give up when it never does.
        if let Some(offset) = raw[first..]
            .iter()
            .take(40)
            .position(|line| telegram::is_telegram_start(line.trim_start()))
        {
            archive = raw[first..first + offset]
                .iter()
                .map(|line| line.trim_end().to_string())
                .filter(|line| !line.trim().is_empty())
                .collect();
            start = first + offset;
        }
    }
    (archive, repair_lines(&raw[start..]))
}

/// Puts archive lines in front of the routing block.
pub(crate) fn with_archive_lines(archive: Vec<String>, routing: Option<String>) -> Option<String> {
    if archive.is_empty() {
        return routing;
    }
    let mut lines = archive;
    lines.extend(routing);
    Some(lines.join("\n"))
}

/// Drops the partial-extract note and splits a classification line fused onto the line before
/// it, looking only at the head of the telegram (before its first header key or paragraph).
pub(crate) fn repair_lines(lines: &[&str]) -> Vec<String> {
    let mut out = Vec::with_capacity(lines.len() + 2);
    let mut in_head = true;
    for (index, line) in lines.iter().enumerate() {
        if !in_head || index > 80 {
            out.push(line.to_string());
            continue;
        }
        let line = strip_note(line);
        if line.trim().is_empty() && line.len() != lines[index].len() {
            continue; // the note alone on its line
        }
        if MARKING_LINE.is_match(line) || HEADER_KEY.is_match(line) {
            in_head = false;
            out.push(line.to_string());
            continue;
        }
        if let Some((head, marking)) = split_fused(line) {
            out.push(head.to_string());
            out.push(String::new());
            out.push(marking.to_string());
            in_head = false;
            continue;
        }
        out.push(line.to_string());
    }
    out
}

/// The line without the partial-extract note (and its "not available" sentence).
fn strip_note(line: &str) -> &str {
    let Some(at) = line.find(PARTIAL_EXTRACT_NOTE) else {
        return line;
    };
    let rest = line[at + PARTIAL_EXTRACT_NOTE.len()..].trim_start();
    let rest = rest.strip_prefix(NOT_AVAILABLE_NOTE).unwrap_or(rest);
    rest.trim_start_matches([' ', '"'])
}

/// A routing line with a classification line glued to its end: the two parts.
fn split_fused(line: &str) -> Option<(&str, &str)> {
    let capture = FUSED_MARKING.captures(line)?;
    let head = capture.name("head")?.as_str();
    let marking = capture.name("line")?;
    let has_place = capture.name("section").is_some() || capture.name("serial").is_some();
    if !ROUTING_WORD.is_match(head) && !has_place {
        return None;
    }
    if !has_place && !head.contains('/') {
        // A bare marking after a routing line is only taken when the line ends with it and
        // the head is plainly an address (`...//POLAD//C O N F I D E N T I A L`).
        return None;
    }
    Some((head.trim_end(), &line[marking.start()..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_a_marking_fused_onto_the_last_routing_line() {
        let cases = [
            (
                "AMCONSUL IZMIRUNCLAS ADANA 0638 ",
                "AMCONSUL IZMIR",
                "UNCLAS ADANA 0638 ",
            ),
            (
                "USMISSION USNATOUNCLAS SECTION 01 OF 02 SHENYANG 01301",
                "USMISSION USNATO",
                "UNCLAS SECTION 01 OF 02 SHENYANG 01301",
            ),
            (
                "STATE GRNCUNCLASSIFIED BUENOS AIRES 2481",
                "STATE GRNC",
                "UNCLASSIFIED BUENOS AIRES 2481",
            ),
            (
                "AMEMBASSY LONDON POUCH)C O N F I D E N T I A L SECTION 01 OF 04 LONDON 16998",
                "AMEMBASSY LONDON POUCH)",
                "C O N F I D E N T I A L SECTION 01 OF 04 LONDON 16998",
            ),
            (
                "CINCPAC HONOLULU HIC O N F I D E N T I A L PHNOM PENH 04053",
                "CINCPAC HONOLULU HI",
                "C O N F I D E N T I A L PHNOM PENH 04053",
            ),
            (
                "USCINCEUR VAIHINGEN GE//POLAD//C O N F I D E N T I A L",
                "USCINCEUR VAIHINGEN GE//POLAD//",
                "C O N F I D E N T I A L",
            ),
        ];
        for (line, head, marking) in cases {
            assert_eq!(split_fused(line), Some((head, marking)), "{line}");
        }
        // Prose that ends with a marking word is not a fused routing line.
        assert_eq!(split_fused("THE TALKS WERE KEPT SECRET"), None);
        assert_eq!(split_fused("UNCLAS ADANA 0638"), None);
    }

    #[test]
    fn repairs_the_head_of_a_dump_telegram() {
        let lines = [
            "R 251500Z OCT 88",
            "FM AMCONSUL ADANA",
            "TO SECSTATE WASHDC 4559",
            "INFO AMEMBASSY ANKARA",
            "AMCONSUL IZMIRUNCLAS ADANA 0638 ",
            "E.O. 12356: N/A",
            "TAGS: PTER TU",
        ];
        let repaired = repair_lines(&lines);
        assert_eq!(repaired[4], "AMCONSUL IZMIR");
        assert_eq!(repaired[5], "");
        assert_eq!(repaired[6], "UNCLAS ADANA 0638 ");
        assert_eq!(repaired[7], "E.O. 12356: N/A");
    }

    #[test]
    fn drops_the_partial_extract_note() {
        let lines = [
            "This record is a partial extract of the original cable. The full text of the original cable is not available.UNCLAS SECTION 01 OF 02 ZEMBLA 000133 ",
            "",
            "SIPDIS",
        ];
        let repaired = repair_lines(&lines);
        assert_eq!(repaired[0], "UNCLAS SECTION 01 OF 02 ZEMBLA 000133 ");
        let alone = repair_lines(&[
            "This record is a partial extract of the original cable. The full text of the original cable is not available.",
            "\"",
            "C O N F I D E N T I A L ZEMBLA 001422",
        ]);
        assert_eq!(alone, ["\"", "C O N F I D E N T I A L ZEMBLA 001422"]);
    }

    #[test]
    fn archive_lines_before_the_routing_are_set_apart() {
        let text = "\nINFO  LOG-00   EUR-00   AF-01    /006W\n                  ------------------1A2B3C  071234Z /38\nR 071200Z MAR 89\nFM AMEMBASSY ZEMBLA\n";
        let (archive, lines) = telegram_lines(text);
        assert_eq!(archive.len(), 2, "{archive:?}");
        assert_eq!(lines[0], "R 071200Z MAR 89");
    }
}
