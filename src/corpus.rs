//! Corpus: walks a folder of cables, reads (bounded, hashed) each file and decodes its bytes to text (UTF-8, BOM, Windows-1252).

use std::borrow::Cow;
use std::io::Read;
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

/// The first bytes of a file, enough to tell its layout.
pub fn read_head(path: &Path) -> Result<Vec<u8>> {
    let file = std::fs::File::open(path).map_err(|error| Error::io(path, error))?;
    let mut head = Vec::with_capacity(8192);
    file.take(8192)
        .read_to_end(&mut head)
        .map_err(|error| Error::io(path, error))?;
    Ok(head)
}

/// xxh3 of a file read in chunks: a 1.7 GB `cables.csv` is hashed in bounded memory.
pub fn hash_file(path: &Path) -> Result<u64> {
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

/// Reads a one-cable file whole: an empty file or one over [`MAX_CABLE_FILE_BYTES`] is an error.
pub fn read_limited(path: &Path) -> Result<Vec<u8>> {
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
