//! Index: creates and opens the on-disk index (schema version check, writer lock); the files
//! beside tantivy's (version stamp, ingest record) and `check_index`. `ingest` fills it.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    DirectoryLock, FileHandle, Lock, MmapDirectory, WatchCallback, WatchHandle, WritePtr,
};
use tantivy::{Directory, Index, IndexReader, IndexWriter, ReloadPolicy, TantivyError};

use crate::error::{Error, Result};
use crate::schema::{self, Fields, SCHEMA_VERSION};

mod check;
pub mod merge;
pub mod record;

pub use check::{check_index, CheckReport};

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
    /// One reader shared by every search (a long-running server's); `None` opens a reader
    /// per call, which is what one-shot commands want.
    shared_reader: Option<IndexReader>,
}

impl CableIndex {
    /// Whether `path` holds an index (tantivy's `meta.json`).
    pub fn exists(path: &Path) -> bool {
        path.join("meta.json").is_file()
    }

    /// Opens an existing index for writing, checking that our schema version wrote it.
    pub fn open(path: &Path) -> Result<CableIndex> {
        CableIndex::open_with(path, false)
    }

    /// Opens an existing index for searching only: nothing is written, so an index on
    /// read-only media works (plain tantivy creates a lock file to read).
    pub fn open_read_only(path: &Path) -> Result<CableIndex> {
        CableIndex::open_with(path, true)
    }

    fn open_with(path: &Path, read_only: bool) -> Result<CableIndex> {
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
        let damaged = |error: &dyn std::fmt::Display| Error::IndexDamaged {
            path: path.to_path_buf(),
            message: format!("cannot open the index ({error})"),
        };
        let index = if read_only {
            let directory = MmapDirectory::open(path).map_err(|error| damaged(&error))?;
            Index::open(ReadOnlyDirectory { inner: directory })
        } else {
            Index::open_in_dir(path)
        }
        .map_err(|error| damaged(&error))?;
        let fields = Fields::from_schema(&index.schema()).ok_or_else(|| Error::IndexVersion {
            path: path.to_path_buf(),
            found: "a different schema".to_string(),
            expected: SCHEMA_VERSION,
        })?;
        Ok(CableIndex::with_fields(index, fields, path))
    }

    /// An opened tantivy index with our tokenizers registered.
    fn with_fields(index: Index, fields: Fields, path: &Path) -> CableIndex {
        schema::register_tokenizers(&index);
        CableIndex {
            index,
            fields,
            path: path.to_path_buf(),
            shared_reader: None,
        }
    }

    /// Creates a new, empty index in `path` (created if missing).
    pub fn create(path: &Path) -> Result<CableIndex> {
        std::fs::create_dir_all(path).map_err(|source| Error::io(path, source))?;
        let index = Index::create_in_dir(path, schema::build_schema()).map_err(|source| {
            Error::Tantivy {
                path: path.to_path_buf(),
                context: "cannot create the index",
                cause: source,
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
        Ok(CableIndex::with_fields(index, fields, path))
    }

    /// Keeps one reader for every later search instead of opening one per call; see
    /// [`CableIndex::reload`] to make it see later commits.
    pub fn with_shared_reader(mut self) -> Result<CableIndex> {
        self.shared_reader = Some(self.open_reader()?);
        Ok(self)
    }

    /// Makes the shared reader (if any) see the last commit on disk.
    pub fn reload(&self) -> Result<()> {
        match &self.shared_reader {
            Some(reader) => reader.reload().map_err(|source| Error::IndexDamaged {
                path: self.path.clone(),
                message: format!("cannot reload the index ({source})"),
            }),
            None => Ok(()),
        }
    }

    /// Whether this index keeps one reader for many searches (a long-running process), so
    /// per-segment work worth keeping (facet dictionaries) is kept.
    pub fn keeps_reader(&self) -> bool {
        self.shared_reader.is_some()
    }

    /// A reader that sees the last commit (the shared one, when kept); it is reloaded only on
    /// request.
    pub fn reader(&self) -> Result<IndexReader> {
        match &self.shared_reader {
            Some(reader) => Ok(reader.clone()),
            None => self.open_reader(),
        }
    }

    fn open_reader(&self) -> Result<IndexReader> {
        self.index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|source| Error::IndexDamaged {
                path: self.path.clone(),
                message: format!("cannot read the index ({source})"),
            })
    }

    pub(crate) fn writer(&self, threads: usize, memory_budget: usize) -> Result<IndexWriter> {
        let threads = threads.clamp(1, 8);
        // tantivy wants at least 15 MB per indexing thread.
        let budget = memory_budget.max(threads * 16_000_000);
        let writer = self
            .index
            .writer_with_num_threads(threads, budget)
            .map_err(|source| match source {
                TantivyError::LockFailure(LockError::LockBusy, _) => Error::IndexLocked {
                    path: self.path.clone(),
                },
                TantivyError::LockFailure(LockError::IoError(io), _) => Error::IndexUnwritable {
                    path: self.path.clone(),
                    reason: io.to_string(),
                },
                source => self.tantivy_error("cannot open a writer", source),
            })?;
        writer.set_merge_policy(Box::new(merge::CappedMergePolicy::default()));
        Ok(writer)
    }

    pub(crate) fn tantivy_error(&self, context: &'static str, source: TantivyError) -> Error {
        Error::Tantivy {
            path: self.path.clone(),
            context,
            cause: source,
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

/// A directory that never writes: reads go to the files, writes fail, and locks are taken when
/// the medium allows and skipped when it is read-only.
#[derive(Debug, Clone)]
struct ReadOnlyDirectory {
    inner: MmapDirectory,
}

fn read_only_error() -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::PermissionDenied,
        "the index is open read-only",
    )
}

impl Directory for ReadOnlyDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.inner.get_file_handle(path)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        Err(DeleteError::IoError {
            io_error: Arc::new(read_only_error()),
            filepath: path.to_path_buf(),
        })
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        Err(OpenWriteError::IoError {
            io_error: Arc::new(read_only_error()),
            filepath: path.to_path_buf(),
        })
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }

    fn atomic_write(&self, _path: &Path, _data: &[u8]) -> std::io::Result<()> {
        Err(read_only_error())
    }

    fn sync_directory(&self) -> std::io::Result<()> {
        Ok(())
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        // The meta lock keeps a concurrent writer from deleting files while we open them;
        // take it where we can. On read-only media no writer can run, so none is needed.
        match self.inner.acquire_lock(lock) {
            Err(LockError::IoError(_)) => Ok(DirectoryLock::from(Box::new(()))),
            other => other,
        }
    }

    fn watch(&self, _callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        Ok(WatchHandle::empty())
    }
}
