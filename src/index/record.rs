//! Ingest record: the file beside the index that says which corpus file gave which cables, so
//! re-runs read only new or changed files. `ingest` keeps it; `check` counts its cables.

use std::collections::{BTreeMap, HashSet};
use std::io::BufWriter;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// The ingest record, beside the index: what was ingested from which file.
pub const RECORD_FILE: &str = "cables-ingest.json";

/// What the index remembers about one ingested file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    pub size: u64,
    /// Modification time in nanoseconds since the Unix epoch.
    pub modified: i128,
    /// xxh3 of the file's bytes, as hex.
    pub hash: String,
    /// Reference IDs (lookup form) the file held.
    pub ids: Vec<String>,
}

/// Every file ingested into an index, keyed by absolute path.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IngestRecord {
    pub files: BTreeMap<PathBuf, FileEntry>,
}

impl IngestRecord {
    /// Reads the record of the index in `index`; an index without one has an empty record.
    pub fn load(index: &Path) -> Result<IngestRecord> {
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
    pub fn save(&self, index: &Path) -> Result<()> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(hash: &str, ids: &[&str]) -> FileEntry {
        FileEntry {
            size: 42,
            modified: 1_700_000_000_123_456_789,
            hash: hash.to_string(),
            ids: ids.iter().map(|id| id.to_string()).collect(),
        }
    }

    #[test]
    fn record_survives_a_save_and_load_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let mut record = IngestRecord::default();
        record
            .files
            .insert(PathBuf::from("/corpus/a.txt"), entry("00ff", &["06PARIS1"]));
        record.files.insert(
            PathBuf::from("/corpus/cables.csv"),
            entry("abcd", &["06PARIS1", "07ROME2"]),
        );
        record.save(dir.path()).unwrap();
        assert!(!dir.path().join(format!("{RECORD_FILE}.tmp")).exists());
        assert_eq!(IngestRecord::load(dir.path()).unwrap(), record);
        assert_eq!(recorded_cables(dir.path()).unwrap(), 2);
    }

    #[test]
    fn missing_record_loads_empty_and_garbage_is_damage() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            IngestRecord::load(dir.path()).unwrap(),
            IngestRecord::default()
        );
        std::fs::write(dir.path().join(RECORD_FILE), "{not json").unwrap();
        assert!(matches!(
            IngestRecord::load(dir.path()),
            Err(Error::IndexDamaged { .. })
        ));
    }
}
