//! JSON Lines: one cable per line with the keys of `cables show --format json`, streamed line by line.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

use serde::Deserialize;

use crate::cable::{CableId, Classification};
use crate::corpus::decode;
use crate::error::{Error, Result};
use crate::officials::Official;
use crate::parse::{
    cable_from_parts, normalize_newlines, parse_header_date, split_routing, CableParts,
};
use crate::Cable;

/// One line's object. Keys other than these are ignored: `topics` (the TAGS meanings) and
/// `cited_by` (the cables of the index citing this one) are derived, and derived again once
/// indexed. Keys left out are read from the body as for the other layouts; `null` says "none".
#[derive(Debug, Deserialize)]
struct Record {
    id: String,
    #[serde(default)]
    created: Option<String>,
    #[serde(default)]
    released: Option<String>,
    #[serde(default)]
    classification: Option<String>,
    #[serde(default)]
    origin: Option<String>,
    #[serde(default, deserialize_with = "present")]
    subject: Option<Option<String>>,
    #[serde(default)]
    tags: Option<Vec<String>>,
    #[serde(default)]
    officials: Option<Vec<OfficialRecord>>,
    /// `show`'s officials with their titles; wins over `officials`, which names them only.
    #[serde(default)]
    official_titles: Option<Vec<OfficialTitleRecord>>,
    #[serde(default)]
    references: Option<Vec<String>>,
    #[serde(default, deserialize_with = "present")]
    classified_by: Option<Option<String>>,
    /// Left out: the routing lines (`VZCZC`, `FM`, `TO`, ...) are split off the body's start,
    /// as from a page.
    #[serde(default, deserialize_with = "present")]
    routing: Option<Option<String>>,
    body: String,
}

/// A key that is there, even as `null` (`Some(None)`); serde alone reads `null` as a key left
/// out.
fn present<'de, D, T>(deserializer: D) -> std::result::Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    T::deserialize(deserializer).map(Some)
}

/// One of `show`'s `official_titles`.
#[derive(Debug, Deserialize)]
struct OfficialTitleRecord {
    name: String,
    #[serde(default)]
    title: Option<String>,
}

/// An official as `show` writes it (a name), or as an object with a title.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum OfficialRecord {
    Name(String),
    Full {
        name: String,
        #[serde(default)]
        title: Option<String>,
    },
}

/// Streams the lines of a JSON Lines file, one cable (or one error) per non-blank line.
pub(super) fn read(path: &Path, emit: &mut dyn FnMut(Result<Cable>)) -> Result<()> {
    let file = File::open(path).map_err(|source| Error::io(path, source))?;
    let mut reader = BufReader::with_capacity(1 << 20, file);
    let mut buffer = Vec::new();
    let mut line = 0usize;
    loop {
        buffer.clear();
        // Bytes, not `lines()`: an invalid byte is decoded lossily instead of ending the file.
        let read = reader
            .read_until(b'\n', &mut buffer)
            .map_err(|source| Error::io(path, source))?;
        if read == 0 {
            return Ok(());
        }
        line += 1;
        let text = decode(&buffer);
        if text.trim().is_empty() {
            continue;
        }
        emit(parse_line(&text, path, line));
    }
}

/// One line -> one cable.
fn parse_line(text: &str, path: &Path, line: usize) -> Result<Cable> {
    let fail = |message: String| super::record_error(path, line, message);
    let record: Record =
        serde_json::from_str(text).map_err(|error| fail(format!("invalid cable JSON: {error}")))?;
    let id = CableId::new(&record.id)
        .ok_or_else(|| fail(format!("invalid reference ID {:?}", record.id)))?;
    let date = |raw: Option<&String>, name: &str| -> Result<_> {
        let Some(raw) = raw.filter(|raw| !raw.trim().is_empty()) else {
            return Ok(None);
        };
        parse_header_date(raw).map(Some).ok_or_else(|| {
            fail(format!(
                "{id}: invalid {name} date {raw:?} (expected ISO 8601)"
            ))
        })
    };
    let created = date(record.created.as_ref(), "created")?;
    let released = date(record.released.as_ref(), "released")?;
    let (routing, body) = match record.routing {
        Some(routing) => (routing, record.body),
        None => {
            let body = normalize_newlines(&record.body);
            let lines: Vec<&str> = body.split('\n').collect();
            split_routing(&lines)
        }
    };
    let mut cable = cable_from_parts(
        CableParts {
            id,
            created,
            released,
            classification: record
                .classification
                .as_deref()
                .and_then(Classification::parse),
            origin: record.origin,
            references: record.references.clone().unwrap_or_default(),
            routing,
            body,
        },
        path,
    );
    // What the export says wins over what the body would give; a key left out keeps the
    // body's reading.
    if let Some(tags) = record.tags {
        cable.tags = tags;
    }
    if let Some(subject) = record.subject {
        cable.subject = subject.filter(|subject| !subject.trim().is_empty());
    }
    if let Some(references) = record.references {
        cable.references = references;
    }
    if let Some(classified_by) = record.classified_by {
        cable.classified_by = classified_by.filter(|text| !text.trim().is_empty());
    }
    if let Some(officials) = record.official_titles {
        cable.officials = officials
            .into_iter()
            .map(|official| Official {
                name: official.name,
                title: official.title.filter(|title| !title.trim().is_empty()),
            })
            .collect();
    } else if let Some(officials) = record.officials {
        cable.officials = officials
            .into_iter()
            .map(|official| match official {
                OfficialRecord::Name(name) => Official { name, title: None },
                OfficialRecord::Full { name, title } => Official { name, title },
            })
            .collect();
    }
    Ok(cable)
}

#[cfg(test)]
mod tests {
    use super::super::tests::{fixture, read_all};
    use super::super::Layout;
    use super::*;
    use chrono::{TimeZone, Utc};

    #[test]
    fn reads_good_lines_and_reports_the_bad_one() {
        let path = fixture("cables.jsonl");
        let results = read_all(&path, Layout::Jsonl);
        assert_eq!(results.len(), 3);

        let first = results[0].as_ref().unwrap();
        assert_eq!(first.id.as_str(), "03ZEMBLA1815");
        assert_eq!(
            first.created,
            Some(Utc.with_ymd_and_hms(2003, 7, 15, 22, 5, 0).unwrap())
        );
        assert_eq!(
            first.released,
            Some(Utc.with_ymd_and_hms(2011, 8, 30, 1, 44, 0).unwrap())
        );
        assert_eq!(
            first.classification.as_ref().unwrap().to_string(),
            "CONFIDENTIAL//NOFORN"
        );
        assert_eq!(first.origin.as_deref(), Some("Embassy Zembla"));
        assert_eq!(first.tags, ["PGOV", "ZM"]);
        assert_eq!(first.subject.as_deref(), Some("BORDER POLICE"));
        assert_eq!(first.references, ["03ZEMBLA1702"]);
        assert_eq!(first.classified_by.as_deref(), Some("PolCouns Ada Quist"));
        assert_eq!(first.officials.len(), 1);
        assert_eq!(first.officials[0].name, "Ada Quist");
        assert_eq!(first.routing.as_deref(), Some("FM AMEMBASSY ZEMBLA"));
        assert!(first
            .body
            .starts_with("C O N F I D E N T I A L ZEMBLA 001815\n"));
        assert!(first.body.ends_with("QUIST"));
        assert_eq!(first.path, path);

        match &results[1] {
            Err(Error::Parse { line, message, .. }) => {
                assert_eq!(*line, 2, "{message}");
                assert!(message.contains("invalid cable JSON"), "{message}");
            }
            other => panic!("expected a parse error, got {other:?}"),
        }

        // Keys left out are read from the body; null dates are unknown.
        let third = results[2].as_ref().unwrap();
        assert_eq!(third.id.as_str(), "7575ZEMBLA1895");
        assert_eq!(third.created, None);
        assert_eq!(third.released, None);
        assert_eq!(third.classification, None);
        assert_eq!(third.tags, ["PREL", "ZM"]);
        assert_eq!(third.subject.as_deref(), Some("A SHORT ONE"));
        assert_eq!(third.references, Vec::<String>::new());
    }

    #[test]
    fn a_bad_date_is_an_error_for_its_line() {
        let line = r#"{"id":"03X1","created":"2003-13-45","body":"x"}"#;
        let error = parse_line(line, Path::new("d.jsonl"), 7)
            .unwrap_err()
            .to_string();
        assert!(
            error.starts_with("d.jsonl:7: 03X1: invalid created date"),
            "{error}"
        );
    }

    #[test]
    fn official_titles_win_over_bare_names() {
        let line = r#"{"id":"03X1","officials":["Ada Quist","Bo Lind"],"official_titles":[{"name":"Ada Quist","title":"PolCouns"},{"name":"Bo Lind","title":null}],"body":"x"}"#;
        let cable = parse_line(line, Path::new("d.jsonl"), 1).unwrap();
        let officials: Vec<(&str, Option<&str>)> = cable
            .officials
            .iter()
            .map(|official| (official.name.as_str(), official.title.as_deref()))
            .collect();
        assert_eq!(
            officials,
            [("Ada Quist", Some("PolCouns")), ("Bo Lind", None)]
        );
    }

    #[test]
    fn routing_left_out_is_split_off_the_body_and_null_keeps_the_body_whole() {
        let body = "VZCZCXYZ0001\nFM AMEMBASSY ZEMBLA\nTO SECSTATE WASHDC\n\nUNCLAS ZEMBLA 000001\n\n1. Text.";
        let left_out = serde_json::json!({"id": "03ZEMBLA1", "body": body}).to_string();
        let cable = parse_line(&left_out, Path::new("d.jsonl"), 1).unwrap();
        assert_eq!(
            cable.routing.as_deref(),
            Some("VZCZCXYZ0001\nFM AMEMBASSY ZEMBLA\nTO SECSTATE WASHDC")
        );
        assert!(
            cable.body.starts_with("UNCLAS ZEMBLA 000001"),
            "{}",
            cable.body
        );

        let null =
            serde_json::json!({"id": "03ZEMBLA1", "routing": null, "body": body}).to_string();
        let cable = parse_line(&null, Path::new("d.jsonl"), 1).unwrap();
        assert_eq!(cable.routing, None);
        assert!(cable.body.starts_with("VZCZCXYZ0001"), "{}", cable.body);
    }

    #[test]
    fn a_null_subject_stays_none_though_the_body_has_one() {
        let body = "UNCLAS ZEMBLA 000001\nSUBJECT: FROM THE BODY\n\n1. Text.";
        let line = serde_json::json!({"id": "03ZEMBLA1", "subject": null, "classified_by": null, "body": body});
        let cable = parse_line(&line.to_string(), Path::new("d.jsonl"), 1).unwrap();
        assert_eq!(cable.subject, None);
        let line = serde_json::json!({"id": "03ZEMBLA1", "body": body});
        let cable = parse_line(&line.to_string(), Path::new("d.jsonl"), 1).unwrap();
        assert_eq!(cable.subject.as_deref(), Some("FROM THE BODY"));
    }
}
