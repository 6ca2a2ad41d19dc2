//! Raw telegrams: cable text without a metadata header, as PlusD shows it; ID, date, origin and classification come from the telegram's own lines.

use std::path::Path;
use std::sync::LazyLock;

use chrono::{DateTime, NaiveDate, Utc};
use regex::Regex;

use crate::cable::{CableId, Classification, ClassificationLevel};
use crate::error::{Error, Result};
use crate::parse::{cable_from_parts, normalize_newlines, split_routing, CableParts};
use crate::telegram::MARKING;
use crate::Cable;

/// Reads the one telegram of a file.
pub(super) fn read(path: &Path, emit: &mut dyn FnMut(Result<Cable>)) -> Result<()> {
    let text = super::read_small_file(path)?;
    emit(parse_telegram(&text, path));
    Ok(())
}

/// The date-time group: precedence, `DDHHMMZ MON YY` (`R 161902Z FEB 07`).
static DTG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:[A-Z]{1,2} ){1,2}(\d{2})(\d{2})(\d{2})Z ([A-Z]{3}) (\d{2})\b")
        .expect("constant regex")
});

/// The classification line: marking, optional section banner, origin and serial.
static CLASSIFICATION_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^\s*({MARKING})(?:\s+E\s?F\s?T\s?O)?(?:\s+SECTION\s+\d+\s+OF\s+\d+)?(?:\s+([A-Z][A-Z .'-]*?)\s+0*(\d+))?\s*$"
    ))
    .expect("constant regex")
});

/// A file name that is a reference ID (`07BOGOTA1165.txt`, malformed ones included).
pub(super) static ID_NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{2,4}[A-Z][A-Z-]*\d+$").expect("constant regex"));

/// What a telegram's own lines say about it: the date-time group, the `FM` line and the
/// classification line. Layouts with a metadata header use it to fill the values they lack.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct TelegramFacts {
    pub created: Option<DateTime<Utc>>,
    pub origin: Option<String>,
    pub classification: Option<Classification>,
    /// The ID the classification line implies (`UNCLAS BOGOTA 001165` in 2007 -> `07BOGOTA1165`).
    pub id: Option<CableId>,
}

/// Reads the facts from a routing block and the message after it.
pub(crate) fn telegram_facts(routing: &str, body: &str) -> TelegramFacts {
    let created = routing.lines().find_map(|line| dtg_date(line.trim()));
    let origin = routing.lines().find_map(origin_from_fm_line);
    let marking_line = body
        .lines()
        .map(str::trim)
        .find(|line| !line.is_empty())
        .and_then(|line| CLASSIFICATION_LINE.captures(line));
    let classification = marking_line.as_ref().and_then(|capture| {
        let level = level_of(capture.get(1)?.as_str())?;
        Some(Classification {
            caveats: caveats(body, &level),
            level,
        })
    });
    let id = marking_line.as_ref().and_then(|capture| {
        let origin: String = capture.get(2)?.as_str().split_whitespace().collect();
        let serial = capture.get(3)?.as_str();
        let year = created.map(|date| chrono::Datelike::year(&date) % 100)?;
        CableId::new(&format!("{year:02}{origin}{serial}"))
    });
    TelegramFacts {
        created,
        origin,
        classification,
        id,
    }
}

/// The date of a date-time group line (`R 161902Z FEB 07`), as UTC.
fn dtg_date(line: &str) -> Option<DateTime<Utc>> {
    let capture = DTG.captures(line)?;
    let number = |index: usize| capture.get(index)?.as_str().parse::<u32>().ok();
    let month = month_number(capture.get(4)?.as_str())?;
    let date = NaiveDate::from_ymd_opt(super::full_year(number(5)?), month, number(1)?)?;
    Some(date.and_hms_opt(number(2)?, number(3)?, 0)?.and_utc())
}

/// Parses one raw telegram.
pub(crate) fn parse_telegram(text: &str, path: &Path) -> Result<Cable> {
    let normalized = normalize_newlines(text);
    let (archive, lines) = super::repair::telegram_lines(&normalized);
    let line_refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    let (routing, body) = split_routing(&line_refs);
    let routing = super::repair::with_archive_lines(archive, routing);
    let facts = telegram_facts(routing.as_deref().unwrap_or(""), &body);
    let id = id_from_file_name(path)
        .or(facts.id)
        .ok_or_else(|| Error::NotACable {
            path: path.to_path_buf(),
            reason: "a telegram needs a reference ID: from the file name (07BOGOTA1165.txt) or \
                     from the date-time group and the classification line's origin and serial"
                .to_string(),
        })?;
    Ok(cable_from_parts(
        CableParts {
            id,
            created: facts.created,
            // Raw telegrams say nothing about their release.
            released: None,
            classification: facts.classification,
            origin: facts.origin,
            references: Vec::new(),
            routing,
            body,
        },
        path,
    ))
}

/// The file name's stem when it is a reference ID.
pub(crate) fn id_from_file_name(path: &Path) -> Option<CableId> {
    let stem = path.file_stem()?.to_str()?;
    ID_NAME.is_match(stem).then(|| CableId::new(stem)).flatten()
}

fn month_number(name: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
    ];
    MONTHS
        .iter()
        .position(|month| *month == name)
        .and_then(|index| u32::try_from(index + 1).ok())
}

/// The level a classification line's marking names, spaced out or not.
fn level_of(marking: &str) -> Option<ClassificationLevel> {
    let squeezed: String = marking.split_whitespace().collect();
    Some(match squeezed.as_str() {
        "UNCLAS" | "UNCLASSIFIED" => ClassificationLevel::Unclassified,
        "CONFIDENTIAL" => ClassificationLevel::Confidential,
        "SECRET" => ClassificationLevel::Secret,
        "TOPSECRET" => ClassificationLevel::TopSecret,
        "LIMITEDOFFICIALUSE" => ClassificationLevel::Other("LIMITED OFFICIAL USE".to_string()),
        _ => return None,
    })
}

/// Caveat lines between the classification line and the TAGS/SUBJECT lines (`NOFORN`).
fn caveats(body: &str, level: &ClassificationLevel) -> Vec<String> {
    let mut caveats = Vec::new();
    for line in body
        .lines()
        .map(str::trim)
        .skip_while(|line| line.is_empty())
        .skip(1)
        .take(8)
    {
        let upper = line.to_uppercase();
        if upper.starts_with("TAGS") || upper.starts_with("SUBJ") || upper.starts_with("E.O.") {
            break;
        }
        let caveat = match upper.trim_end_matches('.') {
            "NOFORN" | "NOFORN NOFORN" => "NOFORN",
            "NOCONTRACT" => "NOCONTRACT",
            "ORCON" => "ORCON",
            _ => continue,
        };
        if *level != ClassificationLevel::Unclassified && !caveats.iter().any(|c| c == caveat) {
            caveats.push(caveat.to_string());
        }
    }
    caveats
}

/// The sender named by an `FM` line, as the cable pages write it (`FM AMEMBASSY SAN SALVADOR`
/// -> `Embassy San Salvador`).
fn origin_from_fm_line(line: &str) -> Option<String> {
    let rest = line.trim().strip_prefix("FM ")?.trim();
    // Some telegrams prefix the station's routing indicator: `FM RUEHBO/AMEMBASSY BOGOTA`.
    let rest = rest.split_once('/').map_or(rest, |(_, name)| name).trim();
    let words: Vec<&str> = rest.split_whitespace().collect();
    let (kind, place) = match words.as_slice() {
        ["SECSTATE", ..] => return Some("Secretary of State".to_string()),
        ["AMEMBASSY", place @ ..] => ("Embassy", place),
        ["AMCONSUL", place @ ..] => ("Consulate", place),
        ["USMISSION", place @ ..] | ["USMISSON", place @ ..] => ("Mission", place),
        ["USINT", place @ ..] => ("US Interests Section", place),
        ["AMCONSULATE", place @ ..] => ("Consulate", place),
        [] => return None,
        place => ("", place),
    };
    // Precedence words and serial numbers sometimes trail the name.
    let place: Vec<String> = place
        .iter()
        .take_while(|word| {
            !matches!(**word, "IMMEDIATE" | "PRIORITY" | "ROUTINE" | "FLASH")
                && !word.chars().all(|c| c.is_ascii_digit())
        })
        .map(|word| title_word(word))
        .collect();
    let name = [kind.to_string(), place.join(" ")]
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    (!name.is_empty()).then_some(name)
}

/// `BOGOTA` -> `Bogota`; names of missions such as `USNATO` stay in capitals.
fn title_word(word: &str) -> String {
    if word.len() > 2 && word.starts_with("US") {
        return word.to_string();
    }
    let lower = word.to_lowercase();
    let mut characters = lower.chars();
    match characters.next() {
        Some(first) => first.to_uppercase().chain(characters).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{fixture, read_all};
    use super::super::Layout;
    use super::*;
    use chrono::{TimeZone, Utc};

    #[test]
    fn reads_a_windows_1252_crlf_telegram() {
        let path = fixture("07SANRUSVALIA1165.txt");
        let bytes = std::fs::read(&path).unwrap();
        assert!(bytes.windows(2).any(|pair| pair == b"\r\n"));
        assert!(bytes.contains(&0xE9));
        let mut results = read_all(&path, Layout::Telegram);
        assert_eq!(results.len(), 1);
        let cable = results.remove(0).unwrap();
        assert_eq!(cable.id.as_str(), "07SANRUSVALIA1165");
        assert_eq!(
            cable.created,
            Some(Utc.with_ymd_and_hms(2007, 2, 16, 19, 2, 0).unwrap())
        );
        assert_eq!(cable.released, None);
        assert_eq!(
            cable.classification.as_ref().unwrap().to_string(),
            "CONFIDENTIAL//NOFORN"
        );
        assert_eq!(cable.origin.as_deref(), Some("Embassy San Rusvalia"));
        assert_eq!(cable.tags, ["PGOV", "SNAR", "RV"]);
        assert_eq!(cable.subject.as_deref(), Some("NEW ANTI-DRUG CHIEF NAMED"));
        assert_eq!(cable.references, ["07SANRUSVALIA998", "06STATE4455"]);
        assert_eq!(
            cable.classified_by.as_deref(),
            Some("Ambassador Hazel Shade, reasons 1.4 (b,d)")
        );
        let routing = cable.routing.as_deref().unwrap();
        assert!(routing.starts_with("VZCZCXYZ0165\nRR RUEHWEB"), "{routing}");
        assert!(
            routing.ends_with("INFO RUEHXX/ANDEAN COLLECTIVE"),
            "{routing}"
        );
        assert!(cable
            .body
            .starts_with("C O N F I D E N T I A L SECTION 01 OF 02 SAN RUSVALIA 001165\n"));
        assert!(
            cable.body.contains("General Andrés Pérez"),
            "{}",
            cable.body
        );
        assert!(!cable.body.contains('\r'));
        assert!(!cable.body.contains("SECTION 02 OF 02"));
        assert!(cable.body.ends_with("SHADE"));
        assert!(cable
            .officials
            .iter()
            .any(|official| official.name.contains("Andrés Pérez")));
    }

    #[test]
    fn id_comes_from_the_classification_line_without_a_file_name_id() {
        let text = "R 161902Z FEB 07\nFM AMCONSUL MONTERREY\nTO SECSTATE WASHDC 0001\n\nUNCLAS MONTERREY 000077\n\nSUBJ: TEST\n\n1. TEXT.\n";
        let cable = parse_telegram(text, Path::new("dump/cable.txt")).unwrap();
        assert_eq!(cable.id.as_str(), "07MONTERREY77");
        assert_eq!(cable.origin.as_deref(), Some("Consulate Monterrey"));
        assert_eq!(cable.classification.unwrap().to_string(), "UNCLASSIFIED");
        let missing = parse_telegram("FM SECSTATE WASHDC\n\nHello\n", Path::new("x.txt"));
        assert!(matches!(missing, Err(Error::NotACable { .. })));
    }

    #[test]
    fn reads_a_printed_telegram_after_archive_lines() {
        let text = "\n  \nINFO  LOG-00   EUR-00   AF-01    /006W\n      ------------------1A2B3C  071234Z /38\nR 071200Z MAR 89\nFM AMEMBASSY ZEMBLA\nTO SECSTATE WASHDC 0001\n\nC O N F I D E N T I A L SECTION 01 OF 02 ZEMBLA 000077\n\nE.O. 12356: DECL: OADR\nTAGS: PREL ZM\nSUBJECT: THE MINISTER ON THE FRONTIER\n\n1. (C) THE MINISTER SAID THE FRONTIER IS CALM.\nPAGE 02 ZEMBLA 00077 02 OF 02 071200Z\n2. (C) HE WILL TRAVEL.\nKINBOTE\nNNNN\n";
        let cable = parse_telegram(text, Path::new("89ZEMBLA77.txt")).unwrap();
        assert_eq!(cable.id.as_str(), "89ZEMBLA77");
        assert_eq!(
            cable.created,
            Some(Utc.with_ymd_and_hms(1989, 3, 7, 12, 0, 0).unwrap())
        );
        assert_eq!(cable.classification.unwrap().to_string(), "CONFIDENTIAL");
        assert_eq!(cable.origin.as_deref(), Some("Embassy Zembla"));
        assert_eq!(
            cable.subject.as_deref(),
            Some("THE MINISTER ON THE FRONTIER")
        );
        assert!(cable.routing.unwrap().starts_with("INFO  LOG-00"));
        assert!(!cable.body.contains("PAGE 02"), "{}", cable.body);
        assert!(!cable.body.contains("NNNN"), "{}", cable.body);
        assert!(cable.body.ends_with("KINBOTE"), "{}", cable.body);
    }

    #[test]
    fn keeps_malformed_ids_from_file_names() {
        let text = "P R 281848Z DEC 66\nFM USMISSION GENEVA\n\nS E C R E T GENEVA 1895\n";
        let cable = parse_telegram(text, Path::new("7575LIBREVILLE1895.txt")).unwrap();
        assert_eq!(cable.id.as_str(), "7575LIBREVILLE1895");
        assert_eq!(cable.origin.as_deref(), Some("Mission Geneva"));
        assert_eq!(cable.classification.as_ref().unwrap().to_string(), "SECRET");
        assert_eq!(
            cable.created,
            Some(Utc.with_ymd_and_hms(1966, 12, 28, 18, 48, 0).unwrap())
        );
    }

    #[test]
    fn names_senders_as_the_cable_pages_do() {
        let origin = |line: &str| origin_from_fm_line(line);
        assert_eq!(
            origin("FM AMEMBASSY BOGOTA").as_deref(),
            Some("Embassy Bogota")
        );
        assert_eq!(
            origin("FM AMEMBASSY SAN SALVADOR").as_deref(),
            Some("Embassy San Salvador")
        );
        assert_eq!(
            origin("FM SECSTATE WASHDC").as_deref(),
            Some("Secretary of State")
        );
        assert_eq!(
            origin("FM RUEHMN/AMCONSUL MONTERREY PRIORITY").as_deref(),
            Some("Consulate Monterrey")
        );
        assert_eq!(
            origin("FM USMISSION USNATO").as_deref(),
            Some("Mission USNATO")
        );
        assert_eq!(origin("TO SECSTATE WASHDC"), None);
    }
}
