//! JSON Lines: one cable per line with the keys of `cables show --format json`, streamed line by line.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

use serde::Deserialize;

use crate::cable::{CableId, Classification};
use crate::corpus::decode;
use crate::error::{Error, Result};
use crate::officials::Official;
use crate::parse::{cable_from_parts, parse_header_date, CableParts};
use crate::Cable;

/// One line's object. Keys other than these (`topics`, `cited_by`, ...) are ignored; keys
/// left out are read from the body as for the other layouts.
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
    #[serde(default)]
    subject: Option<Option<String>>,
    #[serde(default)]
    tags: Option<Vec<String>>,
    #[serde(default)]
    officials: Option<Vec<OfficialRecord>>,
    #[serde(default)]
    references: Option<Vec<String>>,
    #[serde(default)]
    classified_by: Option<Option<String>>,
    #[serde(default)]
    routing: Option<String>,
    body: String,
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
            routing: record.routing,
            body: record.body,
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
    if let Some(officials) = record.officials {
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
}
