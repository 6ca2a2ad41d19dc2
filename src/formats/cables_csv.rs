//! cables.csv: the 2011 full release, one headerless, backslash-escaped CSV record per cable, streamed record by record.

use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use chrono::NaiveDateTime;

use crate::cable::{CableId, Classification};
use crate::corpus::decode;
use crate::error::{Error, Result};
use crate::parse::{cable_from_parts, CableParts};
use crate::Cable;

/// Columns of a record, in order; column 0, the release's own row number, says nothing about
/// the cable.
const DATE: usize = 1;
const ID: usize = 2;
const ORIGIN: usize = 3;
const CLASSIFICATION: usize = 4;
const REFERENCES: usize = 5;
const HEADER: usize = 6;
const BODY: usize = 7;
const COLUMNS: usize = 8;

/// Streams the records of a `cables.csv`, one cable (or one error) per record.
pub(super) fn read(path: &Path, emit: &mut dyn FnMut(Result<Cable>)) -> Result<()> {
    let file = File::open(path).map_err(|source| Error::io(path, source))?;
    // The release escapes quotes with a backslash (`\"`) and never doubles them; records are
    // read as bytes so a stray non-UTF-8 byte costs one decoded field, not the file.
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .escape(Some(b'\\'))
        .double_quote(false)
        .from_reader(BufReader::with_capacity(1 << 20, file));
    let mut record = ::csv::ByteRecord::new();
    let mut number = 0usize;
    loop {
        number += 1;
        match reader.read_byte_record(&mut record) {
            Ok(false) => return Ok(()),
            Ok(true) => {
                let line = record
                    .position()
                    .map(|position| position.line() as usize)
                    .unwrap_or(0);
                emit(cable_from_record(&record, path, line, number));
            }
            Err(error) => {
                let line = error
                    .position()
                    .map(|position| position.line() as usize)
                    .unwrap_or(0);
                match error.into_kind() {
                    ::csv::ErrorKind::Io(source) => return Err(Error::io(path, source)),
                    kind => emit(Err(super::record_error(
                        path,
                        line,
                        format!("record {number}: unreadable CSV ({kind:?})"),
                    ))),
                }
            }
        }
    }
}

/// One record -> one cable; `line` is where the record starts, `number` its position.
fn cable_from_record(
    record: &::csv::ByteRecord,
    path: &Path,
    line: usize,
    number: usize,
) -> Result<Cable> {
    let fail =
        |message: String| super::record_error(path, line, format!("record {number}: {message}"));
    if record.len() < COLUMNS {
        return Err(fail(format!(
            "expected {COLUMNS} columns (row, date, ID, origin, classification, references, header, body), found {}",
            record.len()
        )));
    }
    let field = |index: usize| decode(record.get(index).unwrap_or_default()).into_owned();
    let raw_id = field(ID);
    let id =
        CableId::new(&raw_id).ok_or_else(|| fail(format!("invalid reference ID {raw_id:?}")))?;
    let raw_date = field(DATE);
    let created = if raw_date.trim().is_empty() {
        None
    } else {
        let stamp =
            NaiveDateTime::parse_from_str(raw_date.trim(), "%m/%d/%Y %H:%M").map_err(|_| {
                fail(format!(
                    "{id}: invalid date {raw_date:?} (expected MM/DD/YYYY HH:MM)"
                ))
            })?;
        Some(stamp.and_utc())
    };
    let references = field(REFERENCES)
        .split(',')
        .map(str::trim)
        .filter(|reference| !reference.is_empty())
        .map(str::to_string)
        .collect();
    let parts = CableParts {
        id,
        created,
        // The CSV carries no release date.
        released: None,
        classification: Classification::parse(&field(CLASSIFICATION)),
        origin: Some(field(ORIGIN)),
        references,
        routing: Some(field(HEADER)),
        body: field(BODY),
    };
    Ok(cable_from_parts(parts, path))
}

#[cfg(test)]
mod tests {
    use super::super::tests::{fixture, read_all};
    use super::super::Layout;
    use crate::error::Error;
    use chrono::{TimeZone, Utc};

    #[test]
    fn reads_every_record_and_reports_the_bad_one() {
        let path = fixture("cables.csv");
        let results = read_all(&path, Layout::Csv);
        assert_eq!(results.len(), 3);

        let first = results[0].as_ref().unwrap();
        assert_eq!(first.id.as_str(), "66ZEMBLA2481");
        assert_eq!(
            first.created,
            Some(Utc.with_ymd_and_hms(1966, 12, 28, 18, 6, 0).unwrap())
        );
        assert_eq!(first.released, None);
        assert_eq!(
            first.classification.as_ref().unwrap().to_string(),
            "UNCLASSIFIED"
        );
        assert_eq!(first.origin.as_deref(), Some("Embassy Zembla"));
        assert_eq!(first.tags, ["EFIS", "PBTS", "ZM"]);
        assert_eq!(first.subject.as_deref(), Some("FISHING LIMITS OFF ZEMBLA"));
        // No references column: they come from the REF line.
        assert_eq!(first.references, ["66STATE106206"]);
        assert_eq!(
            first.routing.as_deref(),
            Some("R 281848Z DEC 66\nFM AMEMBASSY ZEMBLA\nTO SECSTATE WASHDC 4574")
        );
        assert!(first.body.starts_with("UNCLASSIFIED ZEMBLA 2481\n"));
        assert!(
            first.body.contains("the \"preferential zone\" claim"),
            "{}",
            first.body
        );
        assert!(first.body.ends_with("KINBOTE"));

        let second = results[1].as_ref().unwrap();
        assert_eq!(second.id.as_str(), "09ZEMBLA708");
        assert_eq!(
            second.classification.as_ref().unwrap().to_string(),
            "SECRET//NOFORN"
        );
        // The references column wins over the REF line.
        assert_eq!(second.references, ["09ZEMBLA653", "09STATE12345"]);
        assert_eq!(second.tags, ["PGOV", "PREL", "ZM"]);
        assert!(!second.body.contains("SECTION 02 OF 02"), "{}", second.body);
        assert!(second.body.ends_with("SHADE"));

        match &results[2] {
            Err(Error::Parse { line, message, .. }) => {
                assert_eq!(*line, 41, "{message}");
                assert!(message.contains("record 3"), "{message}");
                assert!(
                    message.contains("invalid date \"13/45/2009 10:00\""),
                    "{message}"
                );
            }
            other => panic!("expected a parse error, got {other:?}"),
        }
    }
}
