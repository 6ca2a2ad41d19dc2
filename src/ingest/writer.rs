//! Ingest writer: one thread upserts the workers' cables by ID, resolves duplicates, deletes
//! cables their files no longer hold, and commits in batches together with the ingest record.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use tantivy::indexer::NoMergePolicy;
use tantivy::{IndexWriter, Searcher, Term};

use crate::error::Result;
use crate::formats::Layout;
use crate::index::record::{FileEntry, IngestRecord};
use crate::index::CableIndex;

use super::report::{strict_error, DegradedCable, Duplicate, SkippedFile};
use super::{IndexOptions, IngestEvent, MergeMode, Message, ReadyCable};

/// The writer side: upserts cables, resolves duplicates, commits in batches with the record,
/// and tallies what the run did.
pub(super) struct Writer<'a> {
    cable_index: &'a CableIndex,
    writer: IndexWriter,
    record: IngestRecord,
    /// Files completed since the last commit.
    pending: Vec<(PathBuf, FileEntry)>,
    /// Cables written this run: lookup ID -> (released, path), to resolve duplicates.
    kept: HashMap<String, (Option<DateTime<Utc>>, PathBuf)>,
    duplicates: Vec<Duplicate>,
    /// The index as it was committed when the run began, `None` when it held no cable: a
    /// cable whose ID it lacks (and that this run has not written) needs no delete.
    before: Option<Searcher>,
    indexed: usize,
    removed: usize,
    since_commit: usize,
    /// Commit after this many cables (`usize::MAX` under `--strict`: one commit at the end).
    commit_every: usize,
    /// Commit when this long has passed since the last commit (never under `--strict`).
    commit_interval: Option<Duration>,
    /// When the last commit ended (or the run started).
    last_commit: Instant,
    /// Merge into one segment at the end.
    merge: MergeMode,
    index_seconds: f64,
    commit_seconds: f64,
    pub(super) tally: Tally,
}

/// What the writer counts as messages arrive, for the report.
#[derive(Default)]
pub(super) struct Tally {
    pub(super) files_read: usize,
    pub(super) bytes_read: u64,
    pub(super) files_unchanged: usize,
    pub(super) layouts: BTreeMap<Layout, usize>,
    pub(super) degraded: Vec<DegradedCable>,
    pub(super) skipped: Vec<SkippedFile>,
}

impl<'a> Writer<'a> {
    pub(super) fn new(
        cable_index: &'a CableIndex,
        writer: IndexWriter,
        record: IngestRecord,
        options: &IndexOptions,
    ) -> Writer<'a> {
        // --strict commits once, at the end, so a skip leaves the index as it was.
        let (commit_every, commit_interval) = if options.strict {
            (usize::MAX, None)
        } else {
            (
                options
                    .commit_every
                    .map_or(usize::MAX, |every| every.max(1)),
                Some(options.commit_interval),
            )
        };
        // Opened before the run writes anything; a reader that cannot open means deleting
        // every ID, as before.
        let before = cable_index
            .index
            .reader()
            .ok()
            .map(|reader| reader.searcher())
            .filter(|searcher| searcher.num_docs() > 0);
        Writer {
            cable_index,
            writer,
            record,
            pending: Vec::new(),
            kept: HashMap::new(),
            duplicates: Vec::new(),
            before,
            indexed: 0,
            removed: 0,
            since_commit: 0,
            commit_every,
            commit_interval,
            last_commit: Instant::now(),
            merge: options.merge,
            index_seconds: 0.0,
            commit_seconds: 0.0,
            tally: Tally::default(),
        }
    }

    /// Acts on one message of the workers. A skipped file under `--strict` is an error.
    pub(super) fn receive(
        &mut self,
        message: Message,
        on_event: &mut dyn FnMut(IngestEvent),
        strict: bool,
    ) -> Result<()> {
        let mut advanced = 0u64;
        match message {
            Message::Cable(cable) => self.receive_cable(cable)?,
            Message::Skipped(file) => {
                on_event(IngestEvent::Skipped(&file));
                if strict {
                    return Err(strict_error(&file));
                }
                self.tally.skipped.push(file);
            }
            Message::Unchanged { bytes } => {
                self.tally.files_unchanged += 1;
                advanced = bytes;
            }
            Message::Ignored { bytes } => advanced = bytes,
            Message::Done {
                key,
                entry,
                bytes,
                read,
            } => {
                advanced = bytes;
                if read {
                    self.tally.files_read += 1;
                    self.tally.bytes_read += bytes;
                } else {
                    self.tally.files_unchanged += 1;
                }
                self.finish_file(key, entry);
            }
        }
        on_event(IngestEvent::Advanced {
            bytes: advanced,
            cables: self.indexed,
        });
        Ok(())
    }

    fn receive_cable(&mut self, cable: ReadyCable) -> Result<()> {
        *self.tally.layouts.entry(cable.layout).or_insert(0) += 1;
        if !cable.missing.is_empty() {
            self.tally.degraded.push(DegradedCable {
                id: cable.id.clone(),
                path: cable.path.clone(),
                missing: cable.missing.clone(),
            });
        }
        self.upsert(cable)?;
        let due = self
            .commit_interval
            .is_some_and(|interval| self.last_commit.elapsed() >= interval);
        if self.since_commit >= self.commit_every || (due && self.since_commit > 0) {
            self.commit()?;
        }
        Ok(())
    }

    fn upsert(&mut self, cable: ReadyCable) -> Result<()> {
        if let Some((kept_released, kept_path)) = self.kept.get(&cable.key) {
            let wins = later_wins((cable.released, &cable.path), (*kept_released, kept_path));
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
        // tantivy keeps every delete of a run in memory (about 0.5 KB each), so only an ID
        // that may be in the index gets one: written earlier this run, or there at its start.
        if self.kept.contains_key(&cable.key) || self.was_indexed(&cable.key) {
            self.delete(&cable.key);
        }
        self.writer
            .add_document(*cable.document)
            .map_err(|source| self.cable_index.tantivy_error("cannot add a cable", source))?;
        self.index_seconds += started.elapsed().as_secs_f64();
        self.kept.insert(cable.key, (cable.released, cable.path));
        self.since_commit += 1;
        Ok(())
    }

    /// Whether the index held a cable with this lookup ID when the run began (true when
    /// unsure: a needless delete costs memory, a missing one a duplicate).
    fn was_indexed(&self, key: &str) -> bool {
        self.before.as_ref().is_some_and(|searcher| {
            let term = Term::from_field_text(self.cable_index.fields.id, key);
            searcher.doc_freq(&term).map_or(true, |count| count > 0)
        })
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

    /// `--prune`: forgets files gone from the corpus and deletes the cables only they held.
    pub(super) fn prune(&mut self, missing: &[PathBuf]) {
        for key in missing {
            if let Some(entry) = self.record.files.remove(key) {
                let orphans: Vec<&String> = entry
                    .ids
                    .iter()
                    .filter(|id| !self.kept.contains_key(*id))
                    .collect();
                for id in orphans {
                    self.delete(id);
                    self.removed += 1;
                }
            }
        }
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
        self.last_commit = Instant::now();
        Ok(())
    }

    /// Whether to merge every segment into one now that the run's merges are done.
    fn merge_wanted(&self) -> Result<bool> {
        let metas = self
            .cable_index
            .index
            .searchable_segment_metas()
            .map_err(|source| {
                self.cable_index
                    .tantivy_error("cannot list segments", source)
            })?;
        let total: usize = metas.iter().map(|meta| meta.num_docs() as usize).sum();
        let bulk = total > 0 && self.indexed * 2 >= total;
        Ok(metas.len() > 1
            && match self.merge {
                MergeMode::Always => true,
                MergeMode::Auto => bulk,
                MergeMode::Never => false,
            })
    }

    /// The last commit, then the segment merges it started; what the run wrote.
    pub(super) fn finish(mut self) -> Result<Written> {
        self.commit()?;
        let started = Instant::now();
        let cable_index = self.cable_index;
        let merging = |source| cable_index.tantivy_error("merging segments failed", source);
        let merge = self.merge_wanted()?;
        self.writer.wait_merging_threads().map_err(merging)?;
        if merge {
            merge_all(cable_index)?;
        }
        Ok(Written {
            indexed: self.indexed,
            removed: self.removed,
            duplicates: self.duplicates,
            index_seconds: self.index_seconds,
            commit_seconds: self.commit_seconds + started.elapsed().as_secs_f64(),
            tally: self.tally,
        })
    }
}

/// Merges every segment of the index into one, with a writer of its own (the run's writer
/// is gone, and with it any merge that could hold a segment).
fn merge_all(cable_index: &CableIndex) -> Result<()> {
    let merging = |source| cable_index.tantivy_error("merging segments failed", source);
    let mut writer = cable_index.writer(1, 16_000_000)?;
    writer.set_merge_policy(Box::new(NoMergePolicy));
    let segments = cable_index
        .index
        .searchable_segment_ids()
        .map_err(merging)?;
    if segments.len() > 1 {
        writer.merge(&segments).wait().map_err(merging)?;
    }
    writer.wait_merging_threads().map_err(merging)
}

/// What the writer did, once finished.
pub(super) struct Written {
    pub(super) indexed: usize,
    pub(super) removed: usize,
    pub(super) duplicates: Vec<Duplicate>,
    pub(super) index_seconds: f64,
    pub(super) commit_seconds: f64,
    pub(super) tally: Tally,
}

/// Of two files holding the same ID in one run, whether the newcomer replaces the kept one:
/// the later release wins, then the later path.
fn later_wins(
    newcomer: (Option<DateTime<Utc>>, &PathBuf),
    kept: (Option<DateTime<Utc>>, &PathBuf),
) -> bool {
    newcomer > kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn released(year: i32) -> Option<DateTime<Utc>> {
        Some(Utc.with_ymd_and_hms(year, 1, 1, 0, 0, 0).unwrap())
    }

    #[test]
    fn duplicate_with_later_release_wins() {
        let (early, late) = (PathBuf::from("/z/early.txt"), PathBuf::from("/a/late.txt"));
        assert!(later_wins(
            (released(2011), &late),
            (released(2010), &early)
        ));
        assert!(!later_wins(
            (released(2010), &early),
            (released(2011), &late)
        ));
        // A known release beats none.
        assert!(later_wins((released(2010), &early), (None, &late)));
    }

    #[test]
    fn duplicate_with_same_release_is_won_by_the_later_path() {
        let (first, second) = (PathBuf::from("/c/a.txt"), PathBuf::from("/c/b.txt"));
        assert!(later_wins(
            (released(2011), &second),
            (released(2011), &first)
        ));
        assert!(!later_wins(
            (released(2011), &first),
            (released(2011), &second)
        ));
        assert!(later_wins((None, &second), (None, &first)));
    }
}
