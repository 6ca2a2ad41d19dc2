//! Corpus: walks a folder of cables, reads each file and decodes its bytes to text (UTF-8, BOM, Windows-1252).

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::error::{Error, Result};

/// A file the walk found that may hold a cable.
#[derive(Debug, Clone)]
pub struct CorpusFile {
    pub path: PathBuf,
    pub bytes: u64,
}

/// What a walk found: candidate files and the entries it could not visit.
#[derive(Debug, Default)]
pub struct CorpusListing {
    pub files: Vec<CorpusFile>,
    /// Entries the walk could not read (permission denied, symlink loops), with the reason.
    pub unreadable: Vec<(PathBuf, String)>,
}

impl CorpusListing {
    /// Total size of the candidate files.
    pub fn total_bytes(&self) -> u64 {
        self.files.iter().map(|file| file.bytes).sum()
    }
}

/// Files worth opening: anything not hidden. Which layout (if any) a file holds is decided
/// later by `formats::detect` from its name and first bytes.
fn is_candidate(path: &Path) -> bool {
    path.file_name()
        .and_then(|name| name.to_str())
        .is_some_and(|name| !name.starts_with('.'))
}

/// Lists the cable files under `root` in a stable order (sorted by path), skipping hidden
/// entries. A missing or unreadable root is an error; unreadable entries below it are listed.
pub fn list_files(root: &Path) -> Result<CorpusListing> {
    let metadata = std::fs::metadata(root).map_err(|source| Error::io(root, source))?;
    if !metadata.is_dir() {
        if metadata.is_file() {
            return Ok(CorpusListing {
                files: vec![CorpusFile {
                    path: root.to_path_buf(),
                    bytes: metadata.len(),
                }],
                unreadable: Vec::new(),
            });
        }
        return Err(Error::Invalid(format!(
            "{}: not a folder of cables",
            root.display()
        )));
    }
    let mut listing = CorpusListing::default();
    let walker = WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            entry.depth() == 0 || !entry.file_name().to_string_lossy().starts_with('.')
        });
    for entry in walker {
        match entry {
            Ok(entry) => {
                if !entry.file_type().is_file() || !is_candidate(entry.path()) {
                    continue;
                }
                match entry.metadata() {
                    Ok(metadata) => listing.files.push(CorpusFile {
                        path: entry.into_path(),
                        bytes: metadata.len(),
                    }),
                    Err(error) => listing
                        .unreadable
                        .push((entry.into_path(), error.to_string())),
                }
            }
            Err(error) => {
                let path = error.path().map(Path::to_path_buf).unwrap_or_default();
                let reason = if error.loop_ancestor().is_some() {
                    "symbolic link loop".to_string()
                } else {
                    error
                        .io_error()
                        .map(|io| io.to_string())
                        .unwrap_or_else(|| error.to_string())
                };
                listing.unreadable.push((path, reason));
            }
        }
    }
    Ok(listing)
}

/// Reads a file and decodes it to text.
pub fn read_text(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|source| Error::io(path, source))?;
    Ok(decode(&bytes).into_owned())
}

/// Decodes cable bytes: UTF-8 (a BOM is dropped) when valid, otherwise Windows-1252, the
/// encoding of most legacy dumps; invalid bytes never abort, they become U+FFFD.
pub fn decode(bytes: &[u8]) -> Cow<'_, str> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            text
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_windows_1252_accents() {
        assert_eq!(decode(b"Ren\xe9"), "René");
        assert_eq!(decode("René".as_bytes()), "René");
        assert_eq!(decode(b"\xEF\xBB\xBFok"), "ok");
    }

    #[test]
    fn lists_text_files_sorted_and_skips_hidden() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("b")).unwrap();
        std::fs::write(dir.path().join("b/2.txt"), "x").unwrap();
        std::fs::write(dir.path().join("1.txt"), "xy").unwrap();
        std::fs::write(dir.path().join(".hidden.txt"), "x").unwrap();
        let listing = list_files(dir.path()).unwrap();
        let names: Vec<_> = listing
            .files
            .iter()
            .map(|file| file.path.strip_prefix(dir.path()).unwrap().to_path_buf())
            .collect();
        assert_eq!(names, [PathBuf::from("1.txt"), PathBuf::from("b/2.txt")]);
        assert_eq!(listing.total_bytes(), 3);
    }
}
