//! Ingest: walks a corpus, reads and parses files on every core, upserts cables into the index
//! in committed batches, and keeps the index's ingest record (`index::record`) that makes re-runs
//! incremental. Comes after `index` (which it fills) and before `query`.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering as AtomicOrdering};
use std::sync::mpsc::sync_channel;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use rayon::prelude::*;
use tantivy::{IndexWriter, TantivyDocument};

use crate::corpus::{self, CorpusFile, CorpusListing};
use crate::error::{Error, Result};
use crate::formats::Layout;
use crate::index::record::{FileEntry, IngestRecord};
use crate::index::{remove_index, CableIndex};

mod report;
mod worker;
mod writer;

use report::strict_error;
pub use report::{
    DegradedCable, Duplicate, IndexReport, ReportLine, SkipReason, SkippedFile, StageTimes,
};
use worker::Worker;
use writer::Writer;

/// What `cables index` is asked to do.
#[derive(Debug, Clone)]
pub struct IndexOptions {
    pub corpus: PathBuf,
    pub index: PathBuf,
    /// Total memory budget of the writer, in bytes.
    pub memory_budget: usize,
    /// Indexing threads; 0 means one per core.
    pub threads: usize,
    /// Also commit after this many cables (none by default: time decides).
    pub commit_every: Option<usize>,
    /// Commit when this long has passed since the last commit, so a killed run loses at most
    /// this much work; few commits mean few small segments and merges.
    pub commit_interval: Duration,
    /// Whether to merge the index into one segment at the end (see [`MergeMode`]).
    pub merge: MergeMode,
    /// Empty the index first.
    pub rebuild: bool,
    /// Delete cables whose files are gone from the corpus.
    pub prune: bool,
    /// Read every file as this layout instead of detecting each one.
    pub layout: Option<Layout>,
    /// Fail (commit nothing) at the first file that would be skipped.
    pub strict: bool,
}

impl IndexOptions {
    /// Defaults for a corpus and an index location.
    pub fn new(corpus: impl Into<PathBuf>, index: impl Into<PathBuf>) -> IndexOptions {
        IndexOptions {
            corpus: corpus.into(),
            index: index.into(),
            memory_budget: 512 * 1024 * 1024,
            threads: 0,
            commit_every: None,
            commit_interval: Duration::from_secs(120),
            merge: MergeMode::Never,
            rebuild: false,
            prune: false,
            layout: None,
            strict: false,
        }
    }
}

/// Whether an indexing run leaves the index in one segment (searches and facet counts then
/// visit one segment instead of a dozen).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MergeMode {
    /// Merge after a bulk run: one that wrote at least half of the index's cables. A small
    /// update leaves merging to tantivy's merge policy instead of rewriting the whole index.
    Auto,
    /// Merge whenever the index has more than one segment.
    Always,
    /// Leave the segments as tantivy's merge policy left them (the default: at 251k cables one
    /// segment answered no faster than six, and the merge took 28 s and 1.6 GB more memory).
    #[default]
    Never,
}

choices!(MergeMode {
    MergeMode::Auto => "auto",
    MergeMode::Always => "always",
    MergeMode::Never => "never",
});

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

/// What an indexing run tells its caller as it goes.
#[derive(Debug)]
pub enum IngestEvent<'a> {
    /// The walk is done: this many bytes of candidate files.
    Started { total_bytes: u64 },
    /// More bytes handled (read, unchanged or passed over); `cables` written so far.
    Advanced { bytes: u64, cables: usize },
    /// A file (or one record of it) was skipped.
    Skipped(&'a SkippedFile),
    /// Everything is committed.
    Finished,
}

/// Ingests every cable under `options.corpus` into the index at `options.index` (created when
/// missing). Cables are upserted by reference ID, so a second run leaves each cable once; files
/// unchanged since the last run (size, modification time, then content hash) are not re-read.
/// `on_event` hears how far the run is and about each skipped file as it happens (the caller
/// draws a progress bar, or not).
pub fn build_index(
    options: &IndexOptions,
    on_event: &mut dyn FnMut(IngestEvent),
) -> Result<IndexReport> {
    let started = Instant::now();
    let listing = corpus::list_files(&options.corpus)?;
    let walk_seconds = started.elapsed().as_secs_f64();
    let (cable_index, writer, record) = open_for_writing(options)?;
    on_event(IngestEvent::Started {
        total_bytes: listing.total_bytes(),
    });
    let unreadable = report_unreadable(&listing, options.strict, on_event)?;
    let keys: Vec<PathBuf> = listing
        .files
        .iter()
        .map(|file| absolute(&file.path))
        .collect();
    let missing = missing_files(&record, &keys);

    let worker = Worker {
        fields: &cable_index.fields,
        record: &record,
        layout: options.layout,
        clock: StageClock::default(),
        stop: AtomicBool::new(false),
    };
    let mut sink = Writer::new(&cable_index, writer, record.clone(), options);
    sink.tally.skipped = unreadable;
    let jobs: Vec<(&CorpusFile, PathBuf)> = listing.files.iter().zip(keys).collect();
    // On error the writer is dropped uncommitted: the index keeps its last commit, whole.
    run_pipeline(jobs, &worker, &mut sink, on_event, options.strict)?;
    // Files not seen this run keep their entries (and cables) until pruned.
    let files_missing = if options.prune {
        sink.prune(&missing);
        0
    } else {
        missing.len()
    };
    let written = sink.finish()?;
    on_event(IngestEvent::Finished);

    let total_cables = cable_index.reader()?.searcher().num_docs();
    let tally = written.tally;
    Ok(IndexReport {
        index: options.index.clone(),
        files: listing.files.len(),
        bytes: listing.total_bytes(),
        files_read: tally.files_read,
        bytes_read: tally.bytes_read,
        files_unchanged: tally.files_unchanged,
        indexed: written.indexed,
        skipped: tally.skipped,
        duplicates: written.duplicates,
        degraded: tally.degraded,
        layouts: tally.layouts,
        files_missing,
        removed: written.removed,
        seconds: started.elapsed().as_secs_f64(),
        total_cables,
        stages: StageTimes {
            walk: walk_seconds,
            read: StageClock::seconds(&worker.clock.read),
            parse: StageClock::seconds(&worker.clock.parse),
            document: StageClock::seconds(&worker.clock.document),
            index: written.index_seconds,
            commit: written.commit_seconds,
        },
        peak_rss_bytes: peak_rss_bytes(),
    })
}

/// Entries the walk could not visit, reported as skipped files (an error under `--strict`).
fn report_unreadable(
    listing: &CorpusListing,
    strict: bool,
    on_event: &mut dyn FnMut(IngestEvent),
) -> Result<Vec<SkippedFile>> {
    let mut skipped = Vec::new();
    for (path, reason) in &listing.unreadable {
        let file = SkippedFile {
            path: path.clone(),
            reason: SkipReason::Unreadable,
            detail: reason.clone(),
        };
        on_event(IngestEvent::Skipped(&file));
        if strict {
            return Err(strict_error(&file));
        }
        skipped.push(file);
    }
    Ok(skipped)
}

/// Files the record knows that the walk did not find this run.
fn missing_files(record: &IngestRecord, keys: &[PathBuf]) -> Vec<PathBuf> {
    let present: HashSet<&PathBuf> = keys.iter().collect();
    record
        .files
        .keys()
        .filter(|key| !present.contains(key))
        .cloned()
        .collect()
}

/// Workers read and parse `jobs` on every core while this thread writes what they send.
fn run_pipeline(
    jobs: Vec<(&CorpusFile, PathBuf)>,
    worker: &Worker,
    sink: &mut Writer,
    on_event: &mut dyn FnMut(IngestEvent),
    strict: bool,
) -> Result<()> {
    let (sender, receiver) = sync_channel::<Message>(256);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            jobs.into_par_iter()
                .for_each_with(sender, |sender, (file, key)| {
                    worker.process(file, key, sender)
                });
        });
        for message in receiver {
            let received = sink.receive(message, on_event, strict);
            if received.is_err() {
                // The remaining files are not read; the closed channel stops the rest.
                worker.stop.store(true, AtomicOrdering::Relaxed);
            }
            received?;
        }
        Ok(())
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A page-text cable with `id`, released at `released`, whose body says `marker`.
    fn cable_page(id: &str, released: &str, marker: &str) -> String {
        format!(
            "Reference ID\tCreated\tReleased\tClassification\tOrigin\n\
             {id}\t2005-02-14 17:20\t{released}\tUNCLASSIFIED\tEmbassy Quito\n\n\
             UNCLAS QUITO 000201\n\nE.O. 12958: N/A\nTAGS: PGOV EC\n\
             SUBJECT: MAYORS MEET\n\n1. (U) The mayors met about {marker}.\n\nSIGNER\n"
        )
    }

    fn ingest(files: &[(&str, String)]) -> (tempfile::TempDir, IndexReport) {
        let dir = tempfile::tempdir().expect("temp dir");
        for (name, text) in files {
            let path = dir.path().join("corpus").join(name);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("folder");
            std::fs::write(path, text).expect("write");
        }
        let options = IndexOptions::new(dir.path().join("corpus"), dir.path().join("index"));
        let report = build_index(&options, &mut |_| {}).expect("build");
        (dir, report)
    }

    fn kept_and_dropped(report: &IndexReport) -> (String, String) {
        assert_eq!(report.duplicates.len(), 1, "{:?}", report.duplicates);
        let name = |path: &PathBuf| path.file_name().unwrap().to_string_lossy().to_string();
        let duplicate = &report.duplicates[0];
        (name(&duplicate.kept), name(&duplicate.dropped))
    }

    #[test]
    fn duplicate_id_keeps_the_later_release_wherever_it_is() {
        let (dir, report) = ingest(&[
            (
                "a.txt",
                cable_page("05QUITO201", "2011-08-30 01:44", "later"),
            ),
            (
                "b.txt",
                cable_page("05QUITO201", "2010-11-28 18:06", "earlier"),
            ),
        ]);
        assert_eq!(kept_and_dropped(&report), ("a.txt".into(), "b.txt".into()));
        assert_eq!((report.indexed, report.total_cables), (1, 1));
        let index = CableIndex::open_read_only(&dir.path().join("index")).expect("open");
        let kept = crate::search::find_cable(&index, "05QUITO201").expect("kept cable");
        assert!(kept.body.contains("about later"), "{}", kept.body);
    }

    #[test]
    fn duplicate_id_released_together_keeps_the_later_path() {
        let (_dir, report) = ingest(&[
            (
                "a.txt",
                cable_page("05QUITO201", "2011-08-30 01:44", "first"),
            ),
            (
                "b.txt",
                cable_page("05quito201", "2011-08-30 01:44", "second"),
            ),
        ]);
        assert_eq!(kept_and_dropped(&report), ("b.txt".into(), "a.txt".into()));
        assert_eq!((report.indexed, report.total_cables), (1, 1));
    }
}
