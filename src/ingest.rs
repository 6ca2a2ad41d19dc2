//! Ingest: walks a corpus, reads and parses files on every core, upserts cables into the index in committed batches, and keeps the ingest record that makes re-runs incremental.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering as AtomicOrdering};
use std::sync::mpsc::{sync_channel, SyncSender};
use std::time::{Duration, Instant, UNIX_EPOCH};

use chrono::{DateTime, Utc};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use tantivy::{IndexWriter, TantivyDocument, Term};

use crate::cable::Cable;
use crate::corpus::{self, CorpusFile};
use crate::error::{Error, Result};
use crate::formats::{self, Layout};
use crate::index::{remove_index, CableIndex};
use crate::schema::{self, Fields};

/// The ingest record, beside the index: what was ingested from which file.
pub const RECORD_FILE: &str = "cables-ingest.json";

/// What `cables index` is asked to do.
#[derive(Debug, Clone)]
pub struct IndexOptions {
    pub corpus: PathBuf,
    pub index: PathBuf,
    /// Total memory budget of the writer, in bytes.
    pub memory_budget: usize,
    /// Indexing threads; 0 means one per core.
    pub threads: usize,
    /// Commit after this many cables, so a killed run keeps what it committed.
    pub commit_every: usize,
    /// Empty the index first.
    pub rebuild: bool,
    /// Delete cables whose files are gone from the corpus.
    pub prune: bool,
    /// Read every file as this layout instead of detecting each one.
    pub layout: Option<Layout>,
    /// Fail (commit nothing) at the first file that would be skipped.
    pub strict: bool,
    /// Draw a progress bar on stderr.
    pub show_progress: bool,
}

impl IndexOptions {
    /// Defaults for a corpus and an index location.
    pub fn new(corpus: impl Into<PathBuf>, index: impl Into<PathBuf>) -> IndexOptions {
        IndexOptions {
            corpus: corpus.into(),
            index: index.into(),
            memory_budget: 512 * 1024 * 1024,
            threads: 0,
            commit_every: 10_000,
            rebuild: false,
            prune: false,
            layout: None,
            strict: false,
            show_progress: false,
        }
    }
}

/// Why a file (or one record of it) was not indexed: a short stable code for reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SkipReason {
    /// The file has no bytes (or only blank lines).
    Empty,
    /// Larger than [`MAX_CABLE_FILE_BYTES`] for a one-cable layout.
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

    /// The one summary line `cables index` prints.
    pub fn summary_line(&self) -> String {
        let mut line = format!(
            "indexed {} cables, skipped {} files, in {:.2} s ({:.0} cables/s, {:.1} MB/s)",
            self.indexed,
            self.skipped.len(),
            self.seconds,
            self.cables_per_second(),
            self.megabytes_per_second(),
        );
        if !self.layouts.is_empty() {
            let read: Vec<String> = self
                .layouts
                .iter()
                .map(|(layout, count)| format!("{} {}", thousands(*count), layout.plural_noun()))
                .collect();
            line.push_str(&format!("; read {}", read.join(", ")));
        }
        if !self.degraded.is_empty() {
            line.push_str(&format!(
                "; {} cables lack a date, classification or origin",
                self.degraded.len()
            ));
        }
        if self.files_unchanged > 0 {
            line.push_str(&format!("; {} files unchanged", self.files_unchanged));
        }
        if self.removed > 0 {
            line.push_str(&format!("; removed {} cables", self.removed));
        }
        if self.files_missing > 0 {
            line.push_str(&format!(
                "; {} indexed files are gone (--prune removes their cables)",
                self.files_missing
            ));
        }
        line.push_str(&format!(
            "; {} now holds {} cables",
            self.index.display(),
            self.total_cables
        ));
        line
    }
}

/// What the index remembers about one ingested file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct FileEntry {
    size: u64,
    /// Modification time in nanoseconds since the Unix epoch.
    modified: i128,
    /// xxh3 of the file's bytes, as hex.
    hash: String,
    /// Reference IDs (lookup form) the file held.
    ids: Vec<String>,
}

/// Every file ingested into an index, keyed by absolute path.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct IngestRecord {
    files: BTreeMap<PathBuf, FileEntry>,
}

impl IngestRecord {
    fn load(index: &Path) -> Result<IngestRecord> {
        let path = index.join(RECORD_FILE);
        match std::fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|error| Error::IndexDamaged {
                path: index.to_path_buf(),
                message: format!("{RECORD_FILE} is unreadable ({error})"),
            }),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                Ok(IngestRecord::default())
            }
            Err(error) => Err(Error::io(path, error)),
        }
    }

    /// Writes the record atomically (temp file, then rename), so a crash leaves the old one.
    fn save(&self, index: &Path) -> Result<()> {
        let path = index.join(RECORD_FILE);
        let temporary = index.join(format!("{RECORD_FILE}.tmp"));
        let file = std::fs::File::create(&temporary).map_err(|e| Error::io(&temporary, e))?;
        let mut writer = BufWriter::new(file);
        serde_json::to_writer(&mut writer, self)
            .map_err(|error| Error::io(&temporary, std::io::Error::other(error)))?;
        writer
            .into_inner()
            .map_err(|error| Error::io(&temporary, error.into_error()))?
            .sync_all()
            .map_err(|e| Error::io(&temporary, e))?;
        std::fs::rename(&temporary, &path).map_err(|e| Error::io(&path, e))
    }
}

/// The number of distinct cables the ingest record of an index accounts for.
pub fn recorded_cables(index: &Path) -> Result<usize> {
    let record = IngestRecord::load(index)?;
    let ids: HashSet<&String> = record.files.values().flat_map(|entry| &entry.ids).collect();
    Ok(ids.len())
}

/// A cable ready for the writer.
struct ReadyCable {
    layout: Layout,
    /// Metadata fields the cable lacks.
    missing: Vec<&'static str>,
    /// The ID as written, for messages.
    id: String,
    key: String,
    released: Option<DateTime<Utc>>,
    path: PathBuf,
    document: Box<TantivyDocument>,
}

/// What the parallel stage sends to the writer thread, in file order per file.
enum Message {
    Cable(ReadyCable),
    Skipped(SkippedFile),
    /// The file is as the record has it: nothing to do.
    Unchanged {
        bytes: u64,
    },
    /// Not a cable file (README, manifest, image): passed over without a word.
    Ignored {
        bytes: u64,
    },
    /// Every cable of the file has been sent; record it once committed.
    Done {
        key: PathBuf,
        entry: FileEntry,
        bytes: u64,
        read: bool,
    },
}

/// Nanoseconds spent per stage, summed over worker threads.
#[derive(Default)]
struct StageClock {
    read: AtomicU64,
    parse: AtomicU64,
    document: AtomicU64,
}

impl StageClock {
    fn add(counter: &AtomicU64, since: Instant) {
        let nanos = u64::try_from(since.elapsed().as_nanos()).unwrap_or(u64::MAX);
        counter.fetch_add(nanos, AtomicOrdering::Relaxed);
    }

    fn seconds(counter: &AtomicU64) -> f64 {
        counter.load(AtomicOrdering::Relaxed) as f64 / 1e9
    }
}

/// `13928` -> `13,928`.
fn thousands(number: usize) -> String {
    let digits = number.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// The error of a `--strict` run that met a file it would skip.
fn strict_error(file: &SkippedFile) -> Error {
    Error::Strict {
        path: file.path.clone(),
        detail: format!("{} ({})", file.detail, file.reason.code()),
    }
}

/// The reason without the path, which the report prints itself.
fn error_reason(error: &Error) -> String {
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

fn modified_nanos(metadata: &std::fs::Metadata) -> i128 {
    metadata
        .modified()
        .ok()
        .and_then(|time| time.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |since| since.as_nanos() as i128)
}

/// Everything a worker needs, shared across threads.
struct Worker<'a> {
    fields: &'a Fields,
    record: &'a IngestRecord,
    /// `--layout`: read every file as this layout instead of detecting it.
    layout: Option<Layout>,
    clock: StageClock,
    /// Set when the writer gave up (`--strict`): the remaining files are not read.
    stop: AtomicBool,
}

impl Worker<'_> {
    /// Reads one file unless the record shows it unchanged, and sends its cables then `Done`.
    fn process(&self, file: &CorpusFile, key: PathBuf, sender: &SyncSender<Message>) {
        if self.stop.load(AtomicOrdering::Relaxed) {
            return;
        }
        // A closed channel means the writer side failed; the sends below then do nothing.
        let skip_with = |reason: SkipReason, detail: String| {
            let _ = sender.send(Message::Skipped(SkippedFile {
                path: file.path.clone(),
                reason,
                detail,
            }));
        };
        let skip = |error: &Error, layout: Option<Layout>| {
            skip_with(SkipReason::of_error(error, layout), error_reason(error))
        };
        let metadata = match std::fs::metadata(&file.path) {
            Ok(metadata) => metadata,
            Err(error) => {
                return skip_with(
                    SkipReason::Unreadable,
                    format!("vanished or unreadable: {error}"),
                )
            }
        };
        let size = metadata.len();
        let modified = modified_nanos(&metadata);
        let known = self.record.files.get(&key);
        if let Some(entry) = known {
            if entry.size == size && entry.modified == modified {
                let _ = sender.send(Message::Unchanged { bytes: size });
                return;
            }
        }
        let layout = match self.layout {
            Some(layout) => layout,
            None => match read_head(&file.path) {
                Ok(head) => match formats::detect(&file.path, &head) {
                    Some(layout) => layout,
                    None => {
                        let _ = sender.send(Message::Ignored { bytes: size });
                        return;
                    }
                },
                Err(error) => return skip(&error, None),
            },
        };
        if size == 0 {
            return skip_with(
                SkipReason::Empty,
                "not a cable: the file is empty".to_string(),
            );
        }
        let started = Instant::now();
        let single = if layout.is_single_cable() {
            match read_limited(&file.path) {
                Ok(bytes) => Some(bytes),
                Err(error) => return skip(&error, Some(layout)),
            }
        } else {
            None
        };
        let hash = match &single {
            Some(bytes) => Ok(xxhash_rust::xxh3::xxh3_64(bytes)),
            None => hash_file(&file.path),
        };
        let hash = match hash {
            Ok(hash) => format!("{hash:016x}"),
            Err(error) => return skip(&error, Some(layout)),
        };
        StageClock::add(&self.clock.read, started);
        if let Some(entry) = known.filter(|entry| entry.hash == hash) {
            // Touched but not changed: only the modification time moves.
            let mut entry = entry.clone();
            entry.modified = modified;
            entry.size = size;
            let _ = sender.send(Message::Done {
                key,
                entry,
                bytes: size,
                read: false,
            });
            return;
        }
        let mut ids = Vec::new();
        let mut emit = |item: Result<Cable>| match item {
            Ok(cable) => {
                ids.push(cable.id.lookup_key());
                let _ = sender.send(Message::Cable(self.ready(cable, layout)));
            }
            Err(error) => skip(&error, Some(layout)),
        };
        let started = Instant::now();
        match single {
            Some(bytes) => {
                let text = corpus::decode(&bytes);
                emit(formats::parse_single(layout, &text, &file.path));
            }
            None => {
                if let Err(error) = formats::read_cables(&file.path, layout, &mut emit) {
                    StageClock::add(&self.clock.parse, started);
                    return skip(&error, Some(layout));
                }
            }
        }
        StageClock::add(&self.clock.parse, started);
        if ids.is_empty() {
            // Nothing came out of it: not recorded, so it is read and reported again next run.
            return;
        }
        let _ = sender.send(Message::Done {
            key,
            entry: FileEntry {
                size,
                modified,
                hash,
                ids,
            },
            bytes: size,
            read: true,
        });
    }

    fn ready(&self, cable: Cable, layout: Layout) -> ReadyCable {
        let started = Instant::now();
        let document = Box::new(schema::to_document(self.fields, &cable));
        StageClock::add(&self.clock.document, started);
        let missing = [
            ("created", cable.created.is_none()),
            ("classification", cable.classification.is_none()),
            ("origin", cable.origin.is_none()),
        ]
        .into_iter()
        .filter_map(|(field, absent)| absent.then_some(field))
        .collect();
        ReadyCable {
            layout,
            missing,
            id: cable.id.to_string(),
            key: cable.id.lookup_key(),
            released: cable.released,
            path: cable.path,
            document,
        }
    }
}

/// The first bytes of a file, enough to tell its layout.
fn read_head(path: &Path) -> Result<Vec<u8>> {
    let file = std::fs::File::open(path).map_err(|error| Error::io(path, error))?;
    let mut head = Vec::with_capacity(8192);
    file.take(8192)
        .read_to_end(&mut head)
        .map_err(|error| Error::io(path, error))?;
    Ok(head)
}

/// xxh3 of a file read in chunks: a 1.7 GB `cables.csv` is hashed in bounded memory.
fn hash_file(path: &Path) -> Result<u64> {
    let mut file = std::fs::File::open(path).map_err(|error| Error::io(path, error))?;
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    let mut buffer = vec![0u8; 1 << 20];
    loop {
        let read = file
            .read(&mut buffer)
            .map_err(|error| Error::io(path, error))?;
        if read == 0 {
            return Ok(hasher.digest());
        }
        hasher.update(&buffer[..read]);
    }
}

/// The largest single-cable file read whole; the longest real cables are a few hundred KB.
pub const MAX_CABLE_FILE_BYTES: u64 = 64 * 1024 * 1024;

fn read_limited(path: &Path) -> Result<Vec<u8>> {
    let file = std::fs::File::open(path).map_err(|error| Error::io(path, error))?;
    let too_large = || Error::TooLarge {
        path: path.to_path_buf(),
        limit_mb: MAX_CABLE_FILE_BYTES / 1024 / 1024,
    };
    let size = file
        .metadata()
        .map_err(|error| Error::io(path, error))?
        .len();
    if size > MAX_CABLE_FILE_BYTES {
        return Err(too_large());
    }
    if size == 0 {
        return Err(Error::EmptyFile {
            path: path.to_path_buf(),
        });
    }
    let mut bytes = Vec::new();
    file.take(MAX_CABLE_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|error| Error::io(path, error))?;
    // The file may have grown since it was measured.
    if bytes.len() as u64 > MAX_CABLE_FILE_BYTES {
        return Err(too_large());
    }
    Ok(bytes)
}

/// The writer side: upserts cables, resolves duplicates, commits in batches with the record.
struct Writer<'a> {
    cable_index: &'a CableIndex,
    writer: IndexWriter,
    record: IngestRecord,
    /// Files completed since the last commit.
    pending: Vec<(PathBuf, FileEntry)>,
    /// Cables written this run: lookup ID -> (released, path), to resolve duplicates.
    kept: HashMap<String, (Option<DateTime<Utc>>, PathBuf)>,
    duplicates: Vec<Duplicate>,
    indexed: usize,
    removed: usize,
    since_commit: usize,
    index_seconds: f64,
    commit_seconds: f64,
}

impl Writer<'_> {
    fn upsert(&mut self, cable: ReadyCable) -> Result<()> {
        if let Some((kept_released, kept_path)) = self.kept.get(&cable.key) {
            // The same ID twice in one run: the later release wins, then the later path.
            let wins = (cable.released, &cable.path) > (*kept_released, kept_path);
            let (kept, dropped) = if wins {
                (cable.path.clone(), kept_path.clone())
            } else {
                (kept_path.clone(), cable.path.clone())
            };
            self.duplicates.push(Duplicate {
                id: cable.id.clone(),
                kept,
                dropped,
            });
            if !wins {
                return Ok(());
            }
        } else {
            self.indexed += 1;
        }
        let started = Instant::now();
        self.delete(&cable.key);
        self.writer
            .add_document(*cable.document)
            .map_err(|source| self.cable_index.tantivy_error("cannot add a cable", source))?;
        self.index_seconds += started.elapsed().as_secs_f64();
        self.kept.insert(cable.key, (cable.released, cable.path));
        self.since_commit += 1;
        Ok(())
    }

    fn delete(&mut self, key: &str) {
        self.writer
            .delete_term(Term::from_field_text(self.cable_index.fields.id, key));
    }

    /// A file is complete: IDs it used to hold and holds no more are deleted.
    fn finish_file(&mut self, key: PathBuf, entry: FileEntry) {
        if let Some(old) = self.record.files.get(&key) {
            let gone: Vec<String> = old
                .ids
                .iter()
                .filter(|id| !entry.ids.contains(id) && !self.kept.contains_key(*id))
                .cloned()
                .collect();
            for id in gone {
                self.delete(&id);
                self.removed += 1;
            }
        }
        self.pending.push((key, entry));
    }

    fn commit(&mut self) -> Result<()> {
        let started = Instant::now();
        self.writer
            .commit()
            .map_err(|source| self.cable_index.tantivy_error("commit failed", source))?;
        // Recorded only once committed: a crash before this line re-reads these files.
        for (key, entry) in self.pending.drain(..) {
            self.record.files.insert(key, entry);
        }
        self.record.save(&self.cable_index.path)?;
        self.since_commit = 0;
        self.commit_seconds += started.elapsed().as_secs_f64();
        Ok(())
    }
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Opens the index for writing (creating it when missing); `--rebuild` empties it through
/// the writer, so another process holding the index is never wiped under its feet.
fn open_for_writing(options: &IndexOptions) -> Result<(CableIndex, IndexWriter, IngestRecord)> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads = if options.threads == 0 {
        cores
    } else {
        options.threads
    };
    let (cable_index, fresh) = if CableIndex::exists(&options.index) {
        match CableIndex::open(&options.index) {
            Ok(index) => (index, false),
            Err(Error::IndexVersion { .. } | Error::IndexDamaged { .. }) if options.rebuild => {
                remove_index(&options.index)?;
                (CableIndex::create(&options.index)?, true)
            }
            Err(error) => return Err(error),
        }
    } else {
        (CableIndex::create(&options.index)?, true)
    };
    let writer = cable_index.writer(threads, options.memory_budget)?;
    // A new index starts with an empty record, even if a stale one was left beside it.
    let record = if fresh {
        IngestRecord::default()
    } else if options.rebuild {
        writer
            .delete_all_documents()
            .map_err(|source| cable_index.tantivy_error("cannot empty the index", source))?;
        IngestRecord::default()
    } else {
        IngestRecord::load(&options.index)?
    };
    Ok((cable_index, writer, record))
}

/// Ingests every cable under `options.corpus` into the index at `options.index` (created when
/// missing). Cables are upserted by reference ID, so a second run leaves each cable once; files
/// unchanged since the last run (size, modification time, then content hash) are not re-read.
/// `on_skip` hears about each skipped file as it happens.
pub fn build_index(
    options: &IndexOptions,
    on_skip: &mut dyn FnMut(&SkippedFile),
) -> Result<IndexReport> {
    let started = Instant::now();
    let walk_started = Instant::now();
    let listing = corpus::list_files(&options.corpus)?;
    let walk_seconds = walk_started.elapsed().as_secs_f64();
    let (cable_index, writer, record) = open_for_writing(options)?;

    let mut skipped: Vec<SkippedFile> = Vec::new();
    for (path, reason) in &listing.unreadable {
        let file = SkippedFile {
            path: path.clone(),
            reason: SkipReason::Unreadable,
            detail: reason.clone(),
        };
        on_skip(&file);
        if options.strict {
            return Err(strict_error(&file));
        }
        skipped.push(file);
    }
    // --strict commits once, at the end, so a skip leaves the index as it was.
    let commit_every = if options.strict {
        usize::MAX
    } else {
        options.commit_every.max(1)
    };
    let keys: Vec<PathBuf> = listing
        .files
        .iter()
        .map(|file| absolute(&file.path))
        .collect();
    let present: HashSet<&PathBuf> = keys.iter().collect();
    let missing: Vec<PathBuf> = record
        .files
        .keys()
        .filter(|key| !present.contains(key))
        .cloned()
        .collect();

    let progress = progress_bar(options.show_progress, listing.total_bytes());
    let worker = Worker {
        fields: &cable_index.fields,
        record: &record,
        layout: options.layout,
        clock: StageClock::default(),
        stop: AtomicBool::new(false),
    };
    let mut sink = Writer {
        cable_index: &cable_index,
        writer,
        record: record.clone(),
        pending: Vec::new(),
        kept: HashMap::new(),
        duplicates: Vec::new(),
        indexed: 0,
        removed: 0,
        since_commit: 0,
        index_seconds: 0.0,
        commit_seconds: 0.0,
    };
    let mut files_read = 0usize;
    let mut bytes_read = 0u64;
    let mut layouts: BTreeMap<Layout, usize> = BTreeMap::new();
    let mut degraded: Vec<DegradedCable> = Vec::new();
    let mut files_unchanged = 0usize;
    let (sender, receiver) = sync_channel::<Message>(256);
    let jobs: Vec<(&CorpusFile, PathBuf)> =
        listing.files.iter().zip(keys.iter().cloned()).collect();
    let worker_ref = &worker;
    let outcome: Result<()> = std::thread::scope(|scope| {
        scope.spawn(move || {
            jobs.into_par_iter()
                .for_each_with(sender, |sender, (file, key)| {
                    worker_ref.process(file, key, sender)
                });
        });
        for message in receiver {
            match message {
                Message::Cable(cable) => {
                    *layouts.entry(cable.layout).or_insert(0) += 1;
                    if !cable.missing.is_empty() {
                        degraded.push(DegradedCable {
                            id: cable.id.clone(),
                            path: cable.path.clone(),
                            missing: cable.missing.clone(),
                        });
                    }
                    sink.upsert(cable)?;
                    if sink.since_commit >= commit_every {
                        sink.commit()?;
                    }
                }
                Message::Skipped(file) => {
                    progress.suspend(|| on_skip(&file));
                    if options.strict {
                        worker_ref.stop.store(true, AtomicOrdering::Relaxed);
                        return Err(strict_error(&file));
                    }
                    skipped.push(file);
                }
                Message::Unchanged { bytes } => {
                    files_unchanged += 1;
                    progress.inc(bytes);
                }
                Message::Ignored { bytes } => progress.inc(bytes),
                Message::Done {
                    key,
                    entry,
                    bytes,
                    read,
                } => {
                    progress.inc(bytes);
                    if read {
                        files_read += 1;
                        bytes_read += bytes;
                    } else {
                        files_unchanged += 1;
                    }
                    sink.finish_file(key, entry);
                }
            }
            progress.set_message(format!("{} cables", sink.indexed));
        }
        Ok(())
    });
    // On error the writer is dropped uncommitted: the index keeps its last commit, whole.
    outcome?;
    // Files not seen this run keep their entries (and cables) until pruned.
    let mut files_missing = missing.len();
    if options.prune {
        for key in &missing {
            if let Some(entry) = sink.record.files.remove(key) {
                let orphans: Vec<&String> = entry
                    .ids
                    .iter()
                    .filter(|id| !sink.kept.contains_key(*id))
                    .collect();
                for id in orphans {
                    sink.delete(id);
                    sink.removed += 1;
                }
            }
        }
        files_missing = 0;
    }
    sink.commit()?;
    let merge_started = Instant::now();
    sink.writer
        .wait_merging_threads()
        .map_err(|source| cable_index.tantivy_error("merging segments failed", source))?;
    sink.commit_seconds += merge_started.elapsed().as_secs_f64();
    progress.finish_and_clear();

    let total_cables = cable_index.reader()?.searcher().num_docs();
    Ok(IndexReport {
        index: options.index.clone(),
        files: listing.files.len(),
        bytes: listing.total_bytes(),
        files_read,
        bytes_read,
        files_unchanged,
        indexed: sink.indexed,
        skipped,
        duplicates: sink.duplicates,
        degraded,
        layouts,
        files_missing,
        removed: sink.removed,
        seconds: started.elapsed().as_secs_f64(),
        total_cables,
        stages: StageTimes {
            walk: walk_seconds,
            read: StageClock::seconds(&worker.clock.read),
            parse: StageClock::seconds(&worker.clock.parse),
            document: StageClock::seconds(&worker.clock.document),
            index: sink.index_seconds,
            commit: sink.commit_seconds,
        },
        peak_rss_bytes: peak_rss_bytes(),
    })
}

fn progress_bar(visible: bool, total_bytes: u64) -> ProgressBar {
    if !visible {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(total_bytes);
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} {elapsed_precise} [{wide_bar}] {binary_bytes}/{binary_total_bytes} {binary_bytes_per_sec} {msg} eta {eta}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> "),
    );
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

/// Writes `report` as the JSON object `cables index --format json` prints.
pub fn write_report_json(out: &mut dyn Write, report: &IndexReport) -> std::io::Result<()> {
    serde_json::to_writer(&mut *out, report).map_err(std::io::Error::other)?;
    writeln!(out)
}

/// Peak resident set size (VmHWM) of this process, from /proc/self/status; `None` off Linux.
pub fn peak_rss_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    let kilobytes: u64 = line
        .trim_start_matches("VmHWM:")
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kilobytes * 1024)
}
