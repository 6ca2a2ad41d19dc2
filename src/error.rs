//! Errors: one enum for the library, each variant naming the file, line, cable or query position at fault.

use std::path::PathBuf;

/// Everything the library can fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    // The source is part of the message, and not chained, so it is printed once.
    #[error("{path}: {cause}")]
    Io {
        path: PathBuf,
        cause: std::io::Error,
    },

    #[error("{path}: not a cable: {reason}")]
    NotACable { path: PathBuf, reason: String },

    #[error("{path}: not a cable: the file is empty")]
    EmptyFile { path: PathBuf },

    #[error("{path}: not a cable: larger than {limit_mb} MB, too large for one cable")]
    TooLarge { path: PathBuf, limit_mb: u64 },

    #[error("{path}: {detail} (--strict: nothing was committed)")]
    Strict { path: PathBuf, detail: String },

    #[error("{path}:{line}: {message}")]
    Parse {
        path: PathBuf,
        line: usize,
        message: String,
    },

    #[error("no index at {path}: run `cables index CORPUS_DIR --index {path}` first")]
    IndexMissing { path: PathBuf },

    #[error(
        "the index at {path} was written by schema version {found}, this cables reads version {expected}: rebuild it with `cables index --rebuild --index {path}`"
    )]
    IndexVersion {
        path: PathBuf,
        found: String,
        expected: u32,
    },

    #[error("{path}: {message}: rebuild it with `cables index --rebuild --index {path}`")]
    IndexDamaged { path: PathBuf, message: String },

    #[error("{path} is being written by another cables process; wait for it to finish")]
    IndexLocked { path: PathBuf },

    #[error("index {path}: {context}: {cause}")]
    Tantivy {
        path: PathBuf,
        context: &'static str,
        cause: tantivy::TantivyError,
    },

    #[error("{path}: cannot write the index here ({reason})")]
    IndexUnwritable { path: PathBuf, reason: String },

    #[error("query {query:?}, column {column}: {message}")]
    Query {
        query: String,
        /// 1-based character column where the problem starts.
        column: usize,
        message: String,
    },

    #[error("cannot export to {path}: {message}")]
    Export { path: PathBuf, message: String },

    #[error("no cable with ID {id} in the index")]
    UnknownCable { id: String },

    #[error("{0}")]
    Invalid(String),
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// Wraps an I/O error with the path it concerns.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            cause: source,
        }
    }
}
