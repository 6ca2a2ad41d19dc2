//! Ingest report: what a run indexed, skipped (with stable reason codes), dropped as a duplicate
//! or indexed without some metadata, and its one-line summary.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Serialize;

use crate::error::Error;
use crate::formats::Layout;

/// Why a file (or one record of it) was not indexed: a short stable code for reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SkipReason {
    /// The file has no bytes (or only blank lines).
    Empty,
    /// Larger than [`crate::corpus::MAX_CABLE_FILE_BYTES`] for a one-cable layout.
    TooLarge,
    /// Not a cable in any layout we read.
    NotACable,
    /// A cable whose metadata (ID, dates) cannot be read.
    BadHeader,
    /// One record of a `cables.csv` that cannot be read.
    BadCsvRecord,
    /// One line of a JSON Lines file that cannot be read.
    BadJsonLine,
    /// The file vanished, or cannot be opened or read.
    Unreadable,
    /// The cable's reference ID is also in another file, which was kept.
    DuplicateId,
    /// Indexed, but without some of its metadata (created date, classification, origin).
    Incomplete,
}

impl SkipReason {
    /// The code as written in reports (`not_a_cable`).
    pub fn code(self) -> &'static str {
        match self {
            SkipReason::Empty => "empty",
            SkipReason::TooLarge => "too_large",
            SkipReason::NotACable => "not_a_cable",
            SkipReason::BadHeader => "bad_header",
            SkipReason::BadCsvRecord => "bad_csv_record",
            SkipReason::BadJsonLine => "bad_json_line",
            SkipReason::Unreadable => "unreadable",
            SkipReason::DuplicateId => "duplicate_id",
            SkipReason::Incomplete => "incomplete",
        }
    }

    /// The reason for an error met while reading a file of `layout` (None: not yet detected).
    pub fn of_error(error: &Error, layout: Option<Layout>) -> SkipReason {
        match error {
            Error::Io { .. } => SkipReason::Unreadable,
            Error::EmptyFile { .. } => SkipReason::Empty,
            Error::TooLarge { .. } => SkipReason::TooLarge,
            Error::NotACable { .. } => SkipReason::NotACable,
            Error::Parse { .. } => match layout {
                Some(Layout::Csv) => SkipReason::BadCsvRecord,
                Some(Layout::Jsonl) => SkipReason::BadJsonLine,
                _ => SkipReason::BadHeader,
            },
            _ => SkipReason::Unreadable,
        }
    }
}

/// A file (or one record of it) that was not indexed, and why.
#[derive(Debug, Clone, Serialize)]
pub struct SkippedFile {
    pub path: PathBuf,
    pub reason: SkipReason,
    /// What is wrong, for people (`line 2: invalid Created date "2005-13-45 99:99"`).
    pub detail: String,
}

/// A cable indexed without some of its metadata.
#[derive(Debug, Clone, Serialize)]
pub struct DegradedCable {
    pub id: String,
    pub path: PathBuf,
    /// The fields it lacks: `created`, `classification`, `origin`.
    pub missing: Vec<&'static str>,
}

/// One line of `cables index --report`: a skipped or degraded file.
#[derive(Debug, Clone, Serialize)]
pub struct ReportLine {
    pub path: PathBuf,
    pub reason: SkipReason,
    pub detail: String,
}

/// Two files holding the same reference ID: which one the index kept.
#[derive(Debug, Clone, Serialize)]
pub struct Duplicate {
    pub id: String,
    pub kept: PathBuf,
    pub dropped: PathBuf,
}

/// What an ingest did.
#[derive(Debug, Clone, Serialize)]
pub struct IndexReport {
    pub index: PathBuf,
    /// Cable files found by the walk.
    pub files: usize,
    /// Their total size.
    pub bytes: u64,
    /// Files read this run (new or changed); the rest were unchanged since the last run.
    pub files_read: usize,
    /// Bytes read this run.
    pub bytes_read: u64,
    pub files_unchanged: usize,
    /// Cables written this run.
    pub indexed: usize,
    pub skipped: Vec<SkippedFile>,
    pub duplicates: Vec<Duplicate>,
    /// Cables indexed without some of their metadata.
    pub degraded: Vec<DegradedCable>,
    /// Cables read this run, per layout (`{"dump": 13928, "html": 1295}`).
    pub layouts: BTreeMap<Layout, usize>,
    /// Files recorded by an earlier run that are gone (their cables stay unless pruned).
    pub files_missing: usize,
    /// Cables deleted because their files are gone (`--prune`) or no longer hold them.
    pub removed: usize,
    pub seconds: f64,
    /// Cables in the index after the commit.
    pub total_cables: u64,
    /// Where the time went.
    pub stages: StageTimes,
    /// Peak resident memory of the process so far (Linux), in bytes.
    pub peak_rss_bytes: Option<u64>,
}

/// Time per ingest stage, in seconds. Read, parse (with officials extraction) and document
/// building run on every core, so they are thread-seconds; the others are wall-clock seconds
/// of the writer thread.
#[derive(Debug, Clone, Default, Serialize)]
pub struct StageTimes {
    pub walk: f64,
    pub read: f64,
    pub parse: f64,
    pub document: f64,
    /// Handing documents to tantivy's indexing threads (blocks when they fall behind).
    pub index: f64,
    /// Commits and segment merges.
    pub commit: f64,
}

impl IndexReport {
    pub fn cables_per_second(&self) -> f64 {
        self.indexed as f64 / self.seconds.max(1e-9)
    }

    pub fn megabytes_per_second(&self) -> f64 {
        self.bytes_read as f64 / 1_000_000.0 / self.seconds.max(1e-9)
    }

    /// The lines of `cables index --report`: every skipped file, every file dropped as a
    /// duplicate, every cable indexed without some of its metadata.
    pub fn report_lines(&self) -> Vec<ReportLine> {
        let skipped = self.skipped.iter().map(|file| ReportLine {
            path: file.path.clone(),
            reason: file.reason,
            detail: file.detail.clone(),
        });
        let duplicates = self.duplicates.iter().map(|duplicate| ReportLine {
            path: duplicate.dropped.clone(),
            reason: SkipReason::DuplicateId,
            detail: format!(
                "{} is also in {}, which was kept",
                duplicate.id,
                duplicate.kept.display()
            ),
        });
        let degraded = self.degraded.iter().map(|cable| ReportLine {
            path: cable.path.clone(),
            reason: SkipReason::Incomplete,
            detail: format!("{} has no {}", cable.id, cable.missing.join(", no ")),
        });
        skipped.chain(duplicates).chain(degraded).collect()
    }
}

/// The error of a `--strict` run that met a file it would skip.
pub(super) fn strict_error(file: &SkippedFile) -> Error {
    Error::Strict {
        path: file.path.clone(),
        detail: format!("{} ({})", file.detail, file.reason.code()),
    }
}

/// The reason without the path, which the report prints itself.
pub(super) fn error_reason(error: &Error) -> String {
    match error {
        Error::Io { cause, .. } => cause.to_string(),
        Error::NotACable { reason, .. } => format!("not a cable: {reason}"),
        Error::EmptyFile { .. } => "not a cable: the file is empty".to_string(),
        Error::TooLarge { limit_mb, .. } => {
            format!("not a cable: larger than {limit_mb} MB, too large for one cable")
        }
        Error::Parse { line, message, .. } => format!("line {line}: {message}"),
        other => other.to_string(),
    }
}
