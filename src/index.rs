//! Index: creates and opens the on-disk index (schema version check, writer lock) and ingests a corpus into it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering as AtomicOrdering};
use std::sync::mpsc::sync_channel;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use tantivy::directory::error::LockError;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, TantivyError, Term};

use crate::corpus::{self, CorpusFile};
use crate::error::{Error, Result};
use crate::parse::parse_cable;
use crate::schema::{self, Fields, SCHEMA_VERSION};

/// Written beside tantivy's files: which schema version built the index.
pub const VERSION_FILE: &str = "cables-index.json";

#[derive(Debug, Serialize, Deserialize)]
struct VersionStamp {
    schema_version: u32,
    written_by: String,
}

/// An opened index with its field handles.
pub struct CableIndex {
    pub index: Index,
    pub fields: Fields,
    pub path: PathBuf,
}

impl CableIndex {
    /// Whether `path` holds an index (tantivy's `meta.json`).
    pub fn exists(path: &Path) -> bool {
        path.join("meta.json").is_file()
    }

    /// Opens an existing index, checking that our schema version wrote it.
    pub fn open(path: &Path) -> Result<CableIndex> {
        if !CableIndex::exists(path) {
            return Err(Error::IndexMissing {
                path: path.to_path_buf(),
            });
        }
        let stamp_path = path.join(VERSION_FILE);
        let stamp_text = std::fs::read_to_string(&stamp_path).map_err(|_| Error::IndexVersion {
            path: path.to_path_buf(),
            found: format!("unknown (no {VERSION_FILE})"),
            expected: SCHEMA_VERSION,
        })?;
        let stamp: VersionStamp =
            serde_json::from_str(&stamp_text).map_err(|error| Error::IndexDamaged {
                path: path.to_path_buf(),
                message: format!("{VERSION_FILE} is unreadable ({error})"),
            })?;
        if stamp.schema_version != SCHEMA_VERSION {
            return Err(Error::IndexVersion {
                path: path.to_path_buf(),
                found: stamp.schema_version.to_string(),
                expected: SCHEMA_VERSION,
            });
        }
        let index = Index::open_in_dir(path).map_err(|error| Error::IndexDamaged {
            path: path.to_path_buf(),
            message: format!("cannot open the index ({error})"),
        })?;
        let fields = Fields::from_schema(&index.schema()).ok_or_else(|| Error::IndexVersion {
            path: path.to_path_buf(),
            found: "a different schema".to_string(),
            expected: SCHEMA_VERSION,
        })?;
        schema::register_tokenizers(&index);
        Ok(CableIndex {
            index,
            fields,
            path: path.to_path_buf(),
        })
    }

    /// Creates a new, empty index in `path` (created if missing).
    pub fn create(path: &Path) -> Result<CableIndex> {
        std::fs::create_dir_all(path).map_err(|source| Error::io(path, source))?;
        let index = Index::create_in_dir(path, schema::build_schema()).map_err(|source| {
            Error::Tantivy {
                path: path.to_path_buf(),
                context: "cannot create the index",
                source,
            }
        })?;
        let stamp = VersionStamp {
            schema_version: SCHEMA_VERSION,
            written_by: format!("cables {}", env!("CARGO_PKG_VERSION")),
        };
        let stamp_path = path.join(VERSION_FILE);
        let stamp_text = serde_json::to_string_pretty(&stamp)
            .map_err(|error| Error::Invalid(format!("cannot encode the version stamp: {error}")))?;
        std::fs::write(&stamp_path, stamp_text).map_err(|source| Error::io(&stamp_path, source))?;
        let fields = Fields::from_schema(&index.schema()).ok_or_else(|| {
            Error::Invalid("the built schema lacks a field; this is a bug".to_string())
        })?;
        schema::register_tokenizers(&index);
        Ok(CableIndex {
            index,
            fields,
            path: path.to_path_buf(),
        })
    }

    /// A reader that sees the last commit; it is reloaded only on request.
    pub fn reader(&self) -> Result<IndexReader> {
        self.index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|source| self.tantivy_error("cannot open a reader", source))
    }

    fn writer(&self, threads: usize, memory_budget: usize) -> Result<IndexWriter> {
        let threads = threads.clamp(1, 8);
        // tantivy wants at least 15 MB per indexing thread.
        let budget = memory_budget.max(threads * 16_000_000);
        self.index
            .writer_with_num_threads(threads, budget)
            .map_err(|source| match source {
                TantivyError::LockFailure(LockError::LockBusy, _) => Error::IndexLocked {
                    path: self.path.clone(),
                },
                source => self.tantivy_error("cannot open a writer", source),
            })
    }

    pub(crate) fn tantivy_error(&self, context: &'static str, source: TantivyError) -> Error {
        Error::Tantivy {
            path: self.path.clone(),
            context,
            source,
        }
    }
}

/// Deletes an index's files so it can be built again. Refuses a folder that holds other files
/// and no index, so a wrong `--index` never wipes someone's documents.
pub fn remove_index(path: &Path) -> Result<()> {
    if !path.exists() {
        return Ok(());
    }
    let looks_like_index = CableIndex::exists(path) || path.join(VERSION_FILE).is_file();
    let entries: Vec<PathBuf> = std::fs::read_dir(path)
        .map_err(|source| Error::io(path, source))?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|entry| entry.file_name().is_some_and(|name| name != ".gitignore"))
        .collect();
    if !looks_like_index && !entries.is_empty() {
        return Err(Error::Invalid(format!(
            "{} holds files but no cables index; refusing to delete them",
            path.display()
        )));
    }
    for entry in entries {
        if entry.is_dir() {
            continue;
        }
        std::fs::remove_file(&entry).map_err(|source| Error::io(&entry, source))?;
    }
    Ok(())
}

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
    /// Delete the index first.
    pub rebuild: bool,
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
            commit_every: 50_000,
            rebuild: false,
            show_progress: false,
        }
    }
}

/// A file that was not indexed, and why.
#[derive(Debug, Clone, Serialize)]
pub struct SkippedFile {
    pub path: PathBuf,
    pub reason: String,
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
    pub files: usize,
    pub bytes: u64,
    pub indexed: usize,
    pub skipped: Vec<SkippedFile>,
    pub duplicates: Vec<Duplicate>,
    pub seconds: f64,
    /// Cables in the index after the commit.
    pub total_cables: u64,
    /// Where the time went.
    pub stages: StageTimes,
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
    /// Final commit and segment merges.
    pub commit: f64,
}

impl IndexReport {
    pub fn cables_per_second(&self) -> f64 {
        self.indexed as f64 / self.seconds.max(1e-9)
    }

    pub fn megabytes_per_second(&self) -> f64 {
        self.bytes as f64 / 1_000_000.0 / self.seconds.max(1e-9)
    }

    /// The one summary line `cables index` prints.
    pub fn summary_line(&self) -> String {
        format!(
            "indexed {} cables, skipped {} files, in {:.2} s ({:.0} cables/s, {:.1} MB/s); {} now holds {} cables",
            self.indexed,
            self.skipped.len(),
            self.seconds,
            self.cables_per_second(),
            self.megabytes_per_second(),
            self.index.display(),
            self.total_cables
        )
    }
}

/// A file after the parallel stage: a ready document, or why it was skipped.
enum Parsed {
    Cable {
        key: String,
        released: Option<DateTime<Utc>>,
        path: PathBuf,
        document: Box<TantivyDocument>,
        bytes: u64,
    },
    Skipped {
        skipped: SkippedFile,
        bytes: u64,
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

fn parse_file(fields: &Fields, file: &CorpusFile, clock: &StageClock) -> Parsed {
    let started = Instant::now();
    let text = corpus::read_text(&file.path);
    StageClock::add(&clock.read, started);
    let started = Instant::now();
    let outcome = text.and_then(|text| parse_cable(&text, &file.path));
    StageClock::add(&clock.parse, started);
    match outcome {
        Ok(cable) => {
            let started = Instant::now();
            let document = Box::new(schema::to_document(fields, &cable));
            StageClock::add(&clock.document, started);
            Parsed::Cable {
                key: cable.id.lookup_key(),
                released: cable.released,
                path: file.path.clone(),
                document,
                bytes: file.bytes,
            }
        }
        Err(error) => Parsed::Skipped {
            skipped: SkippedFile {
                path: file.path.clone(),
                reason: error_reason(&error),
            },
            bytes: file.bytes,
        },
    }
}

/// The reason without the path, which the report prints itself.
fn error_reason(error: &Error) -> String {
    match error {
        Error::Io { source, .. } => source.to_string(),
        Error::NotACable { reason, .. } => format!("not a cable: {reason}"),
        Error::Parse { line, message, .. } => format!("line {line}: {message}"),
        other => other.to_string(),
    }
}

/// Ingests every cable under `options.corpus` into the index at `options.index` (created when
/// missing). Cables are upserted by reference ID, so a second run leaves each cable once.
/// `on_skip` hears about each skipped file as it happens.
pub fn build_index(
    options: &IndexOptions,
    on_skip: &mut dyn FnMut(&SkippedFile),
) -> Result<IndexReport> {
    let started = Instant::now();
    if options.rebuild {
        remove_index(&options.index)?;
    }
    let walk_started = Instant::now();
    let listing = corpus::list_files(&options.corpus)?;
    let walk_seconds = walk_started.elapsed().as_secs_f64();
    let cable_index = if CableIndex::exists(&options.index) {
        CableIndex::open(&options.index)?
    } else {
        CableIndex::create(&options.index)?
    };
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads = if options.threads == 0 {
        cores
    } else {
        options.threads
    };
    let mut writer = cable_index.writer(threads, options.memory_budget)?;
    let fields = &cable_index.fields;

    let mut skipped: Vec<SkippedFile> = Vec::new();
    for (path, reason) in &listing.unreadable {
        let file = SkippedFile {
            path: path.clone(),
            reason: reason.clone(),
        };
        on_skip(&file);
        skipped.push(file);
    }

    let progress = if options.show_progress {
        let bar = ProgressBar::new(listing.total_bytes());
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} {elapsed_precise} [{wide_bar}] {binary_bytes}/{binary_total_bytes} {binary_bytes_per_sec} {msg} eta {eta}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
        );
        bar.enable_steady_tick(Duration::from_millis(200));
        bar
    } else {
        ProgressBar::hidden()
    };

    let mut kept: HashMap<String, (Option<DateTime<Utc>>, PathBuf)> = HashMap::new();
    let mut duplicates = Vec::new();
    let mut indexed = 0usize;
    let mut since_commit = 0usize;
    let (sender, receiver) = sync_channel::<Parsed>(256);
    let files = &listing.files;
    let clock = StageClock::default();
    let clock_ref = &clock;
    let mut index_seconds = 0.0;
    let outcome: Result<()> = std::thread::scope(|scope| {
        scope.spawn(move || {
            files.par_iter().for_each_with(sender, |sender, file| {
                // A closed channel means the writer side failed; stop quietly.
                let _ = sender.send(parse_file(fields, file, clock_ref));
            });
        });
        for parsed in receiver {
            match parsed {
                Parsed::Skipped {
                    skipped: file,
                    bytes,
                } => {
                    progress.inc(bytes);
                    progress.suspend(|| on_skip(&file));
                    skipped.push(file);
                }
                Parsed::Cable {
                    key,
                    released,
                    path,
                    document,
                    bytes,
                } => {
                    progress.inc(bytes);
                    if let Some((kept_released, kept_path)) = kept.get(&key) {
                        // The same ID twice in one run: the later release wins, then the later path.
                        let wins = (released, &path) > (*kept_released, kept_path);
                        let (winner, loser) = if wins {
                            (path.clone(), kept_path.clone())
                        } else {
                            (kept_path.clone(), path.clone())
                        };
                        duplicates.push(Duplicate {
                            id: key.clone(),
                            kept: winner,
                            dropped: loser,
                        });
                        if !wins {
                            continue;
                        }
                    } else {
                        indexed += 1;
                    }
                    let adding = Instant::now();
                    writer.delete_term(Term::from_field_text(fields.id, &key));
                    writer.add_document(*document).map_err(|source| {
                        cable_index.tantivy_error("cannot add a cable", source)
                    })?;
                    index_seconds += adding.elapsed().as_secs_f64();
                    kept.insert(key, (released, path));
                    since_commit += 1;
                    if since_commit >= options.commit_every.max(1) {
                        writer
                            .commit()
                            .map_err(|source| cable_index.tantivy_error("commit failed", source))?;
                        since_commit = 0;
                    }
                    progress.set_message(format!(
                        "{indexed} cables, {:.0}/s",
                        indexed as f64 / started.elapsed().as_secs_f64().max(1e-9)
                    ));
                }
            }
        }
        Ok(())
    });
    if let Err(error) = outcome {
        progress.finish_and_clear();
        // Dropping the writer rolls back what was not committed; the last commit stays whole.
        drop(writer);
        return Err(error);
    }
    let commit_started = Instant::now();
    writer
        .commit()
        .map_err(|source| cable_index.tantivy_error("commit failed", source))?;
    writer
        .wait_merging_threads()
        .map_err(|source| cable_index.tantivy_error("merging segments failed", source))?;
    let commit_seconds = commit_started.elapsed().as_secs_f64();
    progress.finish_and_clear();

    let total_cables = cable_index.reader()?.searcher().num_docs();
    Ok(IndexReport {
        index: options.index.clone(),
        files: listing.files.len(),
        bytes: listing.total_bytes(),
        indexed,
        skipped,
        duplicates,
        seconds: started.elapsed().as_secs_f64(),
        total_cables,
        stages: StageTimes {
            walk: walk_seconds,
            read: StageClock::seconds(&clock.read),
            parse: StageClock::seconds(&clock.parse),
            document: StageClock::seconds(&clock.document),
            index: index_seconds,
            commit: commit_seconds,
        },
    })
}
