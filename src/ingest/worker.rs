//! Ingest workers: per file (on every core) compare with the ingest record, read, hash, parse
//! and build documents, and send them in file order to the writer.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering as AtomicOrdering};
use std::sync::mpsc::SyncSender;
use std::time::{Instant, UNIX_EPOCH};

use crate::cable::Cable;
use crate::corpus::{self, CorpusFile};
use crate::error::{Error, Result};
use crate::formats::{self, Layout};
use crate::index::record::{FileEntry, IngestRecord};
use crate::schema::{self, Fields};

use super::report::{error_reason, SkipReason, SkippedFile};
use super::{Message, ReadyCable, StageClock};

fn modified_nanos(metadata: &std::fs::Metadata) -> i128 {
    metadata
        .modified()
        .ok()
        .and_then(|time| time.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |since| since.as_nanos() as i128)
}

/// A one-cable file is read whole (and hashed from memory); a many-cable file is only hashed
/// here, in chunks, and streamed by its reader later. The hash is hex.
fn read_and_hash(path: &Path, layout: Layout) -> Result<(Option<Vec<u8>>, String)> {
    let single = if layout.is_single_cable() {
        Some(corpus::read_limited(path)?)
    } else {
        None
    };
    let hash = match &single {
        Some(bytes) => xxhash_rust::xxh3::xxh3_64(bytes),
        None => corpus::hash_file(path)?,
    };
    Ok((single, format!("{hash:016x}")))
}

/// Everything a worker needs, shared across threads.
pub(super) struct Worker<'a> {
    pub(super) fields: &'a Fields,
    pub(super) record: &'a IngestRecord,
    /// `--layout`: read every file as this layout instead of detecting it.
    pub(super) layout: Option<Layout>,
    pub(super) clock: StageClock,
    /// Set when the writer gave up (`--strict`): the remaining files are not read.
    pub(super) stop: AtomicBool,
}

impl Worker<'_> {
    /// Reads one file unless the record shows it unchanged, and sends its cables then `Done`.
    pub(super) fn process(&self, file: &CorpusFile, key: PathBuf, sender: &SyncSender<Message>) {
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
        let layout = match self.layout_of(&file.path) {
            Ok(Some(layout)) => layout,
            Ok(None) => {
                let _ = sender.send(Message::Ignored { bytes: size });
                return;
            }
            Err(error) => return skip(&error, None),
        };
        if size == 0 {
            return skip_with(
                SkipReason::Empty,
                "not a cable: the file is empty".to_string(),
            );
        }
        let started = Instant::now();
        let (single, hash) = match read_and_hash(&file.path, layout) {
            Ok(read) => read,
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

    /// The layout to read a file as: `--layout`, else detected from its name and first bytes;
    /// `None` for a file that is no cable at all.
    fn layout_of(&self, path: &Path) -> Result<Option<Layout>> {
        match self.layout {
            Some(layout) => Ok(Some(layout)),
            None => Ok(formats::detect(path, &corpus::read_head(path)?)),
        }
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
