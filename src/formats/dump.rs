//! Per-cable text exports of the full release (`dates/YYYY/MM/<ID>.txt`): five metadata lines (ID, subject, date, classification, origin), then the telegram.

use std::path::Path;
use std::sync::LazyLock;

use chrono::{DateTime, Utc};
use regex::Regex;

use super::repair::{telegram_lines, with_archive_lines};
use super::telegram::{telegram_facts, ID_NAME};
use crate::cable::{CableId, Classification};
use crate::error::Result;
use crate::parse::{
    cable_from_parts, first_non_blank, normalize_newlines, split_routing, CableParts,
};
use crate::Cable;

/// A Ruby `Time#to_s` stamp: `Thu Sep 15 00:00:00 +0200 1988`.
static RUBY_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[A-Z][a-z]{2} [A-Z][a-z]{2} +\d{1,2} \d{2}:\d{2}:\d{2} [+-]\d{4} \d{4}$")
        .expect("constant regex")
});

/// Reads the one cable of a dump file.
pub(super) fn read(path: &Path, emit: &mut dyn FnMut(Result<Cable>)) -> Result<()> {
    let text = super::read_small_file(path)?;
    emit(parse_dump(&text, path));
    Ok(())
}

/// Whether a file's first lines are the five-line metadata block (blank lines and a BOM before
/// it are allowed).
pub(crate) fn looks_like_dump(text: &str) -> bool {
    let mut lines = text
        .trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n'])
        .lines();
    let first = lines.next().unwrap_or("").trim();
    let third = lines.nth(1).unwrap_or("").trim();
    ID_NAME.is_match(first) && RUBY_TIME.is_match(third)
}

/// The metadata block of a dump file.
struct Block<'a> {
    id: &'a str,
    subject: &'a str,
    date: &'a str,
    classification: &'a str,
    origin: &'a str,
    /// The index of the first telegram line.
    rest: usize,
}

/// Parses one dump file: the block's values first, the telegram's (date-time group,
/// classification line, `FM`) where the block has none.
pub(crate) fn parse_dump(text: &str, path: &Path) -> Result<Cable> {
    let normalized = normalize_newlines(text);
    let lines: Vec<&str> = normalized.split('\n').collect();
    let block = read_block(&lines, path)?;
    let id = CableId::new(block.id).ok_or_else(|| {
        super::record_error(path, 1, format!("invalid Reference ID {:?}", block.id))
    })?;
    let created = parse_ruby_time(block.date);

    let telegram = full_text(&lines[block.rest.min(lines.len())..]);
    let (archive, repaired) = telegram_lines(&telegram.join("\n"));
    let line_refs: Vec<&str> = repaired.iter().map(String::as_str).collect();
    let (routing, body) = split_routing(&line_refs);
    let routing = with_archive_lines(archive, routing);
    let facts = telegram_facts(routing.as_deref().unwrap_or(""), &body);

    let non_empty = |value: &str| Some(value.trim().to_string()).filter(|value| !value.is_empty());
    let mut cable = cable_from_parts(
        CableParts {
            id,
            created: created.or(facts.created),
            // The exports do not say when a cable was released.
            released: None,
            classification: Classification::parse(block.classification).or(facts.classification),
            origin: non_empty(block.origin).or(facts.origin),
            references: Vec::new(),
            routing,
            body,
        },
        path,
    );
    cable.subject = pick_subject(block.subject, cable.subject.take());
    Ok(cable)
}

/// The five lines, after any blank lines at the top.
fn read_block<'a>(lines: &[&'a str], path: &Path) -> Result<Block<'a>> {
    let first = first_non_blank(lines, path)?;
    let line = |offset: usize| {
        lines
            .get(first + offset)
            .map_or("", |line| line.trim().trim_start_matches('\u{feff}'))
    };
    let block = Block {
        id: line(0),
        subject: line(1),
        date: line(2),
        classification: line(3),
        origin: line(4),
        rest: first + 5,
    };
    if !ID_NAME.is_match(block.id) {
        return Err(super::record_error(
            path,
            first + 1,
            format!(
                "expected a reference ID on the first line of the export, found {:?}",
                block.id
            ),
        ));
    }
    if !RUBY_TIME.is_match(block.date) {
        return Err(super::record_error(
            path,
            first + 3,
            format!(
                "invalid date {:?} (expected an export date such as `Thu Sep 15 00:00:00 +0200 1988`)",
                block.date
            ),
        ));
    }
    Ok(block)
}

/// The export's date as the day and time written (the scraper's zone is not the cable's: the
/// day written is the cable's day).
pub(crate) fn parse_ruby_time(raw: &str) -> Option<DateTime<Utc>> {
    let squeezed = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    DateTime::parse_from_str(&squeezed, "%a %b %d %H:%M:%S %z %Y")
        .ok()
        .map(|stamp| stamp.naive_local().and_utc())
}

/// The telegram text: when a truncated text is followed by the full one in an `id:` /
/// `header:` / `header ends` block, the full one (its header block, then its text up to
/// `CABLE ENDS`); otherwise the lines as they are, without a `CABLE ENDS` trailer.
fn full_text<'a>(lines: &[&'a str]) -> Vec<&'a str> {
    let is = |line: &str, key: &str| line.trim().eq_ignore_ascii_case(key);
    let header = lines.iter().position(|line| is(line, "header:"));
    let header_ends = header.and_then(|start| {
        lines[start..]
            .iter()
            .position(|line| is(line, "header ends"))
            .map(|offset| start + offset)
    });
    let cut_trailer = |part: &[&'a str]| -> Vec<&'a str> {
        let end = part
            .iter()
            .position(|line| is(line, "CABLE ENDS"))
            .unwrap_or(part.len());
        part[..end].to_vec()
    };
    match (header, header_ends) {
        (Some(start), Some(end)) => {
            let mut text: Vec<&str> = lines[start + 1..end].to_vec();
            text.push("");
            text.extend(cut_trailer(&lines[end + 1..]));
            text
        }
        _ => cut_trailer(lines),
    }
}

/// The block's subject, unless it was cut short and the telegram's `SUBJECT:` line has it whole.
fn pick_subject(block: &str, telegram: Option<String>) -> Option<String> {
    let block = block.trim().trim_end_matches('\\').trim();
    let squeeze = |text: &str| {
        text.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_uppercase()
    };
    match telegram {
        Some(full) if block.is_empty() || squeeze(&full).starts_with(&squeeze(block)) => Some(full),
        _ if !block.is_empty() => Some(block.split_whitespace().collect::<Vec<_>>().join(" ")),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn parse(text: &str) -> Cable {
        parse_dump(text, Path::new("88ZEMBLA31258.txt")).unwrap()
    }

    #[test]
    fn reads_the_block_and_the_fused_telegram() {
        let text = "88ZEMBLA31258\nHAS THE MINISTRY CHANGED ITS VIEW OF THE\nThu Sep 15 00:00:00 +0200 1988\nUNCLASSIFIED\nEmbasy Zembla\nR 151642Z SEP 88\nFM AMEMBASSY ZEMBLA\nTO SECSTATE WASHDC 4559\nINFO AMEMBASSY ONDORA\nAMCONSUL RUSVALIAUNCLAS ZEMBLA 31258 \n \nE.O. 12356: N/A\nTAGS: PTER PREL ZM\nSUBJECT: HAS THE MINISTRY CHANGED ITS VIEW OF THE\nFRONT?\n \n1. THE MINISTER SAID NOTHING NEW.\n \nKINBOTE";
        let cable = parse(text);
        assert_eq!(cable.id.as_str(), "88ZEMBLA31258");
        assert_eq!(
            cable.created,
            Some(Utc.with_ymd_and_hms(1988, 9, 15, 0, 0, 0).unwrap())
        );
        assert_eq!(cable.classification.unwrap().to_string(), "UNCLASSIFIED");
        assert_eq!(cable.origin.as_deref(), Some("Embasy Zembla"));
        assert_eq!(cable.tags, ["PTER", "PREL", "ZM"]);
        assert_eq!(
            cable.subject.as_deref(),
            Some("HAS THE MINISTRY CHANGED ITS VIEW OF THE FRONT?")
        );
        let routing = cable.routing.unwrap();
        assert!(routing.ends_with("AMCONSUL RUSVALIA"), "{routing}");
        assert!(
            cable.body.starts_with("UNCLAS ZEMBLA 31258"),
            "{}",
            cable.body
        );
        assert!(cable.body.ends_with("KINBOTE"));
    }

    #[test]
    fn a_header_only_file_is_a_cable_with_an_empty_body() {
        let cable = parse("\n\u{feff}72ZEMBLA1164\nARMS SALES\nMon Feb 14 00:00:00 +0100 1972\nSECRET\nEmbassy Zembla\n");
        assert_eq!(cable.id.as_str(), "72ZEMBLA1164");
        assert_eq!(cable.subject.as_deref(), Some("ARMS SALES"));
        assert_eq!(cable.classification.unwrap().to_string(), "SECRET");
        assert_eq!(cable.body, "");
        assert_eq!(
            cable.created,
            Some(Utc.with_ymd_and_hms(1972, 2, 14, 0, 0, 0).unwrap())
        );
    }

    #[test]
    fn the_telegram_fills_what_the_block_lacks() {
        let text = "07ZEMBLA12\n\nTue May 01 00:00:00 +0200 2007\n\n\nVZCZCXYZ0001\nRR RUEHWEB\n\nDE RUEHZM #0012 1211200\nZNY CCCCC ZZH\nR 011200Z MAY 07\nFM AMEMBASSY ZEMBLA\nTO RUEHC/SECSTATE WASHDC 0001\nBT\nC O N F I D E N T I A L ZEMBLA 000012\n\nSIPDIS\n\nE.O. 12958: DECL: 05/01/2017\nTAGS: PGOV ZM\nSUBJECT: A QUIET MAY DAY\n\n1. (C) Nothing happened.\n";
        let cable = parse(text);
        assert_eq!(cable.origin.as_deref(), Some("Embassy Zembla"));
        assert_eq!(cable.classification.unwrap().to_string(), "CONFIDENTIAL");
        assert_eq!(cable.subject.as_deref(), Some("A QUIET MAY DAY"));
        assert_eq!(
            cable.created,
            Some(Utc.with_ymd_and_hms(2007, 5, 1, 0, 0, 0).unwrap())
        );
    }

    #[test]
    fn the_block_wins_when_both_give_a_value() {
        let text = "07ZEMBLA13\nX\nTue May 01 00:00:00 +0200 2007\nSECRET//NOFORN\nConsulate Rusvalia\nR 021200Z JUN 07\nFM AMEMBASSY ZEMBLA\nTO SECSTATE WASHDC 0001\n\nUNCLAS ZEMBLA 000013\n\nSUBJECT: Y\n";
        let cable = parse(text);
        assert_eq!(cable.origin.as_deref(), Some("Consulate Rusvalia"));
        assert_eq!(cable.classification.unwrap().to_string(), "SECRET//NOFORN");
        assert_eq!(
            cable.created,
            Some(Utc.with_ymd_and_hms(2007, 5, 1, 0, 0, 0).unwrap())
        );
        assert_eq!(cable.subject.as_deref(), Some("X"));
    }

    #[test]
    fn a_repeated_full_text_is_indexed_once() {
        let text = "09ZEMBLA77\nTALKS\nWed Mar 04 00:00:00 +0100 2009\nCONFIDENTIAL\nEmbassy Zembla\nC O N F I D E N T I A L ZEMBLA 000077\nSUBJECT: TALKS\n1. (C) The talks began and th\nid: 191919\nheader:\nR 041200Z MAR 09\nFM AMEMBASSY ZEMBLA\nTO SECSTATE WASHDC 0001\nheader ends\nC O N F I D E N T I A L ZEMBLA 000077\n\nSUBJECT: TALKS\n\n1. (C) The talks began and then ended.\n\nKINBOTE\nCABLE ENDS\n";
        let cable = parse(text);
        assert_eq!(
            cable.body.matches("The talks began").count(),
            1,
            "{}",
            cable.body
        );
        assert!(cable.body.ends_with("KINBOTE"), "{}", cable.body);
        assert!(!cable.body.contains("header"));
        assert!(cable.routing.unwrap().contains("FM AMEMBASSY ZEMBLA"));
    }

    #[test]
    fn detects_the_block() {
        assert!(looks_like_dump(
            "88ZEMBLA1\nX\nThu Sep 15 00:00:00 +0200 1988\nUNCLASSIFIED\nEmbassy Zembla\n"
        ));
        assert!(looks_like_dump(
            "\n\n88ZEMBLA1\n\nThu Sep 15 00:00:00 +0200 1988\n\n\n"
        ));
        assert!(!looks_like_dump("Reference ID: 88ZEMBLA1\n"));
        assert!(!looks_like_dump("88ZEMBLA1\nX\n1988-09-15\n"));
    }

    #[test]
    fn reads_ruby_times_as_the_day_written() {
        assert_eq!(
            parse_ruby_time("Wed Dec 28 18:06:00 +0100 1966"),
            Some(Utc.with_ymd_and_hms(1966, 12, 28, 18, 6, 0).unwrap())
        );
        assert_eq!(parse_ruby_time("Wed Dec 32 18:06:00 +0100 1966"), None);
    }
}
