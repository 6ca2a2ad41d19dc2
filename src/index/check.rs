//! Check: verifies an index's segment files, checksums and cable count against the ingest record.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::record::recorded_cables;
use super::CableIndex;
use crate::error::{Error, Result};

/// What `cables check` found.
#[derive(Debug, Clone, Serialize)]
pub struct CheckReport {
    pub index: PathBuf,
    /// Cables the index holds.
    pub cables: u64,
    /// Distinct cables the ingest record accounts for.
    pub recorded_cables: usize,
    /// Segment files whose checksums were verified.
    pub files_checked: usize,
    /// Everything wrong, one line each; empty when the index is sound.
    pub problems: Vec<String>,
}

impl CheckReport {
    pub fn is_sound(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Verifies an index: it opens, every segment file exists and matches its checksum, and the
/// number of cables agrees with the ingest record.
pub fn check_index(path: &Path) -> Result<CheckReport> {
    let cable_index = CableIndex::open_read_only(path)?;
    let mut problems = Vec::new();
    let metas = cable_index
        .index
        .load_metas()
        .map_err(|source| Error::IndexDamaged {
            path: path.to_path_buf(),
            message: format!("meta.json is unreadable ({source})"),
        })?;
    let mut files: Vec<PathBuf> = metas.list_segment_files().into_iter().collect();
    files.sort();
    for file in &files {
        // Delete files are listed for every segment that may have deletes, written or not;
        // a lost one shows as a cable count that disagrees with the ingest record.
        let is_delete_file = file.extension().is_some_and(|ext| ext == "del");
        if !is_delete_file && !path.join(file).is_file() {
            problems.push(format!("segment file {} is missing", file.display()));
        }
    }
    match cable_index.index.validate_checksum() {
        Ok(damaged) => {
            let mut damaged: Vec<PathBuf> = damaged.into_iter().collect();
            damaged.sort();
            problems.extend(
                damaged
                    .into_iter()
                    .map(|file| format!("segment file {} fails its checksum", file.display())),
            );
        }
        Err(error) => problems.push(format!("checksums could not be verified: {error}")),
    }
    let cables = match cable_index.reader() {
        Ok(reader) => reader.searcher().num_docs(),
        Err(error) => {
            problems.push(error.to_string());
            0
        }
    };
    let recorded_cables = recorded_cables(path)?;
    if problems.is_empty() && cables != recorded_cables as u64 {
        problems.push(format!(
            "the index holds {cables} cables but the ingest record accounts for {recorded_cables}"
        ));
    }
    Ok(CheckReport {
        index: path.to_path_buf(),
        cables,
        recorded_cables,
        files_checked: files.len(),
        problems,
    })
}
