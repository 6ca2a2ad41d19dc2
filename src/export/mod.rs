//! Export: writes every cable of an index, in ID order, as NDJSON for another engine (the keys of `show --format json`) in files of bounded size, with that engine's index configuration (`quickwit`, `opensearch`) and a manifest. Reads through `search` and `output`; nothing comes after it.

pub mod opensearch;
pub mod quickwit;

use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::Serialize;
use tantivy::{DocAddress, Searcher, TantivyDocument};

use crate::error::{Error, Result};
use crate::index::CableIndex;
use crate::output::ShowRecord;
use crate::schema::{self, names};
use crate::search::cited_by_in;

/// The engines an index can be handed to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Quickwit: an index config (YAML) and plain NDJSON for `quickwit tool local-ingest`.
    Quickwit,
    /// OpenSearch (or Elasticsearch): a mapping (JSON) and NDJSON in `_bulk` form.
    OpenSearch,
}

choices!(Target {
    Target::Quickwit => "quickwit",
    Target::OpenSearch => "opensearch",
});

/// The index name the configurations and bulk actions use.
pub const INDEX_NAME: &str = "cables";
/// Largest NDJSON file written by default: under OpenSearch's default `http.max_content_length`
/// (100 MiB) and Quickwit's ingest limits.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 100_000_000;
/// The manifest written beside the data files.
pub const MANIFEST_FILE: &str = "manifest.json";

/// How the target engine should treat one exported key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// An exact value (the ID): not analysed.
    Keyword,
    /// A list of exact values (references, citing IDs).
    KeywordList,
    /// An exact value counted by facets (origin, classification): fast / aggregatable.
    Facet,
    /// A list of exact values counted by facets (tags, officials).
    FacetList,
    /// An RFC 3339 date, `null` when unknown: range queries, sorting, histograms.
    Date,
    /// Stemmed English words (subject, body).
    Text,
    /// Kept for display, not searched (classified_by, routing).
    Stored,
    /// A list of objects with these keys, each exact (`true`) or words (`false`).
    Objects(&'static [(&'static str, bool)]),
}

/// Every key an exported cable has, in the order `show --format json` writes them (its `path`
/// is left out: it names a file on this machine), and how the target engine should map it.
pub const FIELDS: &[(&str, FieldKind)] = &[
    (names::ID, FieldKind::Keyword),
    (names::CREATED, FieldKind::Date),
    (names::RELEASED, FieldKind::Date),
    (names::CLASSIFICATION, FieldKind::Facet),
    (names::ORIGIN, FieldKind::Facet),
    (names::SUBJECT, FieldKind::Text),
    ("tags", FieldKind::FacetList),
    (
        "topics",
        FieldKind::Objects(&[("code", true), ("name", false)]),
    ),
    ("officials", FieldKind::FacetList),
    (
        "official_titles",
        FieldKind::Objects(&[("name", true), ("title", true)]),
    ),
    ("references", FieldKind::KeywordList),
    ("cited_by", FieldKind::KeywordList),
    (names::CLASSIFIED_BY, FieldKind::Stored),
    (names::ROUTING, FieldKind::Stored),
    (names::BODY, FieldKind::Text),
];

/// What `cables export` is asked to do.
#[derive(Debug, Clone)]
pub struct ExportOptions {
    /// The folder to write; it must not exist or be empty.
    pub to: PathBuf,
    pub target: Target,
    /// No data file grows past this many bytes (a bulk action stays with its document).
    pub max_file_bytes: u64,
}

impl ExportOptions {
    /// An export to `to` for `target`, in files of [`DEFAULT_MAX_FILE_BYTES`].
    pub fn new(to: impl Into<PathBuf>, target: Target) -> ExportOptions {
        ExportOptions {
            to: to.into(),
            target,
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
        }
    }
}

/// One data file of an export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExportedFile {
    /// The file name inside the export folder.
    pub name: String,
    pub cables: usize,
    pub bytes: u64,
}

/// What an export wrote: also the content of its `manifest.json`.
#[derive(Debug, Clone, Serialize)]
pub struct ExportSummary {
    pub target: String,
    pub index_name: &'static str,
    /// The engine's index configuration, a file of the export folder.
    pub config: String,
    pub cables: usize,
    pub bytes: u64,
    pub max_file_bytes: u64,
    pub fields: Vec<&'static str>,
    pub files: Vec<ExportedFile>,
    /// How to load it.
    pub load: Vec<String>,
    #[serde(skip)]
    pub seconds: f64,
}

/// Writes every cable of `index` into `options.to`: NDJSON data files, the target's index
/// configuration and `manifest.json`. `progress` hears (cables written, cables in all).
pub fn export(
    index: &CableIndex,
    options: &ExportOptions,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ExportSummary> {
    let started = Instant::now();
    if options.max_file_bytes == 0 {
        return Err(Error::Invalid(
            "the largest export file must be at least one byte".to_string(),
        ));
    }
    let to = &options.to;
    prepare_folder(to)?;
    let (config, config_text) = match options.target {
        Target::Quickwit => (quickwit::CONFIG_FILE, quickwit::index_config()),
        Target::OpenSearch => (opensearch::MAPPING_FILE, opensearch::mapping()),
    };
    write_file(&to.join(config), config_text.as_bytes())?;

    let reader = index.reader()?;
    let searcher = reader.searcher();
    let addresses = addresses_by_id(index, &searcher)?;
    let total = addresses.len();
    let prefix = match options.target {
        Target::Quickwit => quickwit::DATA_PREFIX,
        Target::OpenSearch => opensearch::DATA_PREFIX,
    };
    let mut files = SizedFiles::new(to, prefix, options.max_file_bytes);
    let mut entry = Vec::with_capacity(64 * 1024);
    for (written, (id, address)) in addresses.into_iter().enumerate() {
        let doc: TantivyDocument = searcher
            .doc(address)
            .map_err(|source| index.tantivy_error("cannot read a stored cable", source))?;
        let cable = schema::from_document(&index.fields, &doc);
        let citing = cited_by_in(index, &searcher, cable.id.as_str())?;
        let mut record = ShowRecord::from_cable(&cable, &citing);
        record.path = None;
        entry.clear();
        if options.target == Target::OpenSearch {
            opensearch::write_action(&mut entry, &id).map_err(|source| Error::io(to, source))?;
        }
        serde_json::to_writer(&mut entry, &record)
            .map_err(|source| Error::io(to, source.into()))?;
        entry.push(b'\n');
        files.add(&id, &entry)?;
        progress(written + 1, total);
    }
    let files = files.finish()?;
    let summary = ExportSummary {
        target: options.target.to_string(),
        index_name: INDEX_NAME,
        config: config.to_string(),
        cables: total,
        bytes: files.iter().map(|file| file.bytes).sum(),
        max_file_bytes: options.max_file_bytes,
        fields: FIELDS.iter().map(|(name, _)| *name).collect(),
        load: match options.target {
            Target::Quickwit => quickwit::load_commands(&files),
            Target::OpenSearch => opensearch::load_commands(&files),
        },
        files,
        seconds: started.elapsed().as_secs_f64(),
    };
    let mut manifest =
        serde_json::to_vec_pretty(&summary).map_err(|source| Error::io(to, source.into()))?;
    manifest.push(b'\n');
    write_file(&to.join(MANIFEST_FILE), &manifest)?;
    Ok(summary)
}

/// Creates the export folder, or accepts an empty one; anything else is refused, so an export
/// never mixes with (or overwrites) other files.
fn prepare_folder(to: &Path) -> Result<()> {
    let refuse = |message: String| Error::Export {
        path: to.to_path_buf(),
        message,
    };
    match fs::metadata(to) {
        Ok(metadata) if !metadata.is_dir() => {
            return Err(refuse("it exists and is not a folder".to_string()))
        }
        Ok(_) => {
            let mut entries = fs::read_dir(to).map_err(|source| Error::io(to, source))?;
            if entries.next().is_some() {
                return Err(refuse(
                    "the folder is not empty; name a new or empty folder".to_string(),
                ));
            }
        }
        Err(_) => {}
    }
    fs::create_dir_all(to).map_err(|source| refuse(format!("cannot create the folder ({source})")))
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    fs::write(path, bytes).map_err(|source| Error::io(path, source))
}

/// Every live cable of the index with its ID as written, sorted by ID (from the ID fast
/// column, without reading stored documents).
fn addresses_by_id(index: &CableIndex, searcher: &Searcher) -> Result<Vec<(String, DocAddress)>> {
    let failed = |source| index.tantivy_error("cannot list the cables", source);
    let mut addresses = Vec::new();
    for (segment_ord, segment) in searcher.segment_readers().iter().enumerate() {
        let Some(ids) = segment.fast_fields().str(names::ID).map_err(failed)? else {
            continue;
        };
        let segment_ord = u32::try_from(segment_ord).unwrap_or(u32::MAX);
        for doc_id in segment.doc_ids_alive() {
            let Some(ord) = ids.term_ords(doc_id).next() else {
                continue;
            };
            let mut id = String::new();
            ids.ord_to_str(ord, &mut id)
                .map_err(|source| failed(source.into()))?;
            addresses.push((id, DocAddress::new(segment_ord, doc_id)));
        }
    }
    addresses.sort();
    Ok(addresses)
}

/// Numbered data files (`cables-00001.ndjson`, ...), each closed before an entry would take it
/// past the limit.
struct SizedFiles<'a> {
    folder: &'a Path,
    prefix: &'static str,
    limit: u64,
    current: Option<(BufWriter<File>, PathBuf)>,
    done: Vec<ExportedFile>,
}

impl<'a> SizedFiles<'a> {
    fn new(folder: &'a Path, prefix: &'static str, limit: u64) -> SizedFiles<'a> {
        SizedFiles {
            folder,
            prefix,
            limit,
            current: None,
            done: Vec::new(),
        }
    }

    /// Appends one entry (one cable: its lines), opening the next file when it would not fit.
    fn add(&mut self, id: &str, entry: &[u8]) -> Result<()> {
        let size = entry.len() as u64;
        if size > self.limit {
            return Err(Error::Export {
                path: self.folder.to_path_buf(),
                message: format!(
                    "cable {id} takes {size} bytes, more than the largest file allowed ({} bytes)",
                    self.limit
                ),
            });
        }
        let full = self
            .done
            .last()
            .is_some_and(|file| file.bytes + size > self.limit);
        if self.current.is_none() || full {
            self.close()?;
            let name = format!("{}-{:05}.ndjson", self.prefix, self.done.len() + 1);
            let path = self.folder.join(&name);
            let file = File::create(&path).map_err(|source| Error::io(&path, source))?;
            self.current = Some((BufWriter::with_capacity(1 << 20, file), path));
            self.done.push(ExportedFile {
                name,
                cables: 0,
                bytes: 0,
            });
        }
        if let (Some((writer, path)), Some(file)) = (self.current.as_mut(), self.done.last_mut()) {
            writer
                .write_all(entry)
                .map_err(|source| Error::io(path.as_path(), source))?;
            file.cables += 1;
            file.bytes += size;
        }
        Ok(())
    }

    fn close(&mut self) -> Result<()> {
        if let Some((mut writer, path)) = self.current.take() {
            writer.flush().map_err(|source| Error::io(&path, source))?;
        }
        Ok(())
    }

    fn finish(mut self) -> Result<Vec<ExportedFile>> {
        self.close()?;
        Ok(self.done)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::ShowRecord;

    #[test]
    fn fields_are_the_keys_of_show_without_the_path() {
        let cable = crate::Cable {
            id: crate::CableId::new("03X1").expect("an ID"),
            created: None,
            released: None,
            classification: None,
            origin: None,
            tags: Vec::new(),
            subject: None,
            references: Vec::new(),
            classified_by: None,
            officials: Vec::new(),
            routing: None,
            body: String::new(),
            path: PathBuf::from("x.txt"),
        };
        let mut record = ShowRecord::from_cable(&cable, &[]);
        record.path = None;
        let value = serde_json::to_value(&record).expect("JSON");
        let keys: Vec<&str> = value
            .as_object()
            .expect("an object")
            .keys()
            .map(String::as_str)
            .collect();
        let mut fields: Vec<&str> = FIELDS.iter().map(|(name, _)| *name).collect();
        let mut sorted_keys = keys.clone();
        sorted_keys.sort_unstable();
        fields.sort_unstable();
        assert_eq!(fields, sorted_keys);
    }

    #[test]
    fn files_split_before_the_limit_and_never_split_an_entry() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut files = SizedFiles::new(dir.path(), "cables", 10);
        for entry in ["aaaa\n", "bbbb\n", "cccc\n", "dddddddd\n", "e\n"] {
            files.add("X", entry.as_bytes()).expect("add");
        }
        let done = files.finish().expect("finish");
        let summary: Vec<(&str, usize, u64)> = done
            .iter()
            .map(|file| (file.name.as_str(), file.cables, file.bytes))
            .collect();
        assert_eq!(
            summary,
            [
                ("cables-00001.ndjson", 2, 10),
                ("cables-00002.ndjson", 1, 5),
                ("cables-00003.ndjson", 1, 9),
                ("cables-00004.ndjson", 1, 2),
            ]
        );
        let first = fs::read_to_string(dir.path().join("cables-00001.ndjson")).expect("read");
        assert_eq!(first, "aaaa\nbbbb\n");
    }

    #[test]
    fn an_entry_larger_than_the_limit_is_an_error_naming_the_cable() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut files = SizedFiles::new(dir.path(), "cables", 4);
        let error = files.add("03X1", b"too long\n").unwrap_err().to_string();
        assert!(error.contains("cable 03X1 takes 9 bytes"), "{error}");
    }

    #[test]
    fn a_folder_that_is_not_empty_or_is_a_file_is_refused() {
        let dir = tempfile::tempdir().expect("temp dir");
        prepare_folder(&dir.path().join("new/deeper")).expect("created");
        prepare_folder(&dir.path().join("new/deeper")).expect("empty is fine");
        fs::write(dir.path().join("new/deeper/x"), "x").expect("write");
        let error = prepare_folder(&dir.path().join("new/deeper"))
            .unwrap_err()
            .to_string();
        assert!(error.contains("deeper: the folder is not empty"), "{error}");
        let error = prepare_folder(&dir.path().join("new/deeper/x"))
            .unwrap_err()
            .to_string();
        assert!(error.contains("is not a folder"), "{error}");
    }
}
