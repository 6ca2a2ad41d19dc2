//! `cables export` and `cables synth --format jsonl`: the shape of every exported line and of
//! the engines' configurations (the engines are not installed here), the file size limit, and
//! round trips through `cables index` on the bundled corpus and a synthetic one.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;
use tempfile::TempDir;

use cables::export::{self, ExportOptions, Target, FIELDS};
use cables::index::CableIndex;

use crate::common::{all_ids, path_str, run, stderr};

fn index(corpus: &Path, index: &Path) {
    let output = run(&["index", path_str(corpus), "--index", path_str(index)]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

fn export_cli(index: &Path, to: &Path, target: &str) -> String {
    let output = run(&[
        "export",
        "--index",
        path_str(index),
        "--to",
        path_str(to),
        "--target",
        target,
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn bundled_corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

fn manifest(folder: &Path) -> Value {
    let text = fs::read_to_string(folder.join("manifest.json")).expect("manifest.json");
    serde_json::from_str(&text).expect("the manifest is JSON")
}

/// The data files a manifest lists, in order, with their contents.
fn data_files(folder: &Path) -> Vec<(String, String)> {
    manifest(folder)["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|file| {
            let name = file["name"].as_str().expect("name").to_string();
            let text = fs::read_to_string(folder.join(&name)).expect("data file");
            assert_eq!(file["bytes"], text.len() as u64, "{name}");
            (name, text)
        })
        .collect()
}

fn is_rfc3339_utc(text: &str) -> bool {
    chrono::DateTime::parse_from_rfc3339(text).is_ok() && text.ends_with('Z') && text.len() == 20
}

/// Checks one exported document against the mapped kinds: every key there, no other.
fn check_document(doc: &Value) -> String {
    let object = doc.as_object().expect("a document is an object");
    let keys: BTreeSet<&str> = object.keys().map(String::as_str).collect();
    let mapped: BTreeSet<&str> = FIELDS.iter().map(|(name, _)| *name).collect();
    assert_eq!(keys, mapped, "{doc}");
    let id = doc["id"].as_str().expect("id is a string").to_string();
    for (name, kind) in FIELDS {
        let value = &doc[*name];
        let strings = || {
            value
                .as_array()
                .is_some_and(|items| items.iter().all(Value::is_string))
        };
        let ok = match kind {
            export::FieldKind::Keyword => value.is_string(),
            export::FieldKind::Date => {
                value.is_null() || value.as_str().is_some_and(is_rfc3339_utc)
            }
            export::FieldKind::Facet | export::FieldKind::Stored => {
                value.is_null() || value.is_string()
            }
            export::FieldKind::Text => value.is_null() || value.is_string(),
            export::FieldKind::KeywordList | export::FieldKind::FacetList => strings(),
            export::FieldKind::Objects(inner) => value.as_array().is_some_and(|items| {
                items.iter().all(|item| {
                    item.as_object().is_some_and(|object| {
                        object.len() == inner.len()
                            && inner.iter().all(|(key, _)| {
                                object
                                    .get(*key)
                                    .is_some_and(|v| v.is_string() || v.is_null())
                            })
                    })
                })
            }),
        };
        assert!(ok, "{id}: {name} = {value}");
    }
    assert!(doc["body"].is_string(), "{id}: the body is always there");
    id
}

/// The documents of an export, checked, with the IDs in file order; bulk files must alternate
/// action lines naming the document's ID with the documents.
fn documents(folder: &Path, target: Target) -> Vec<String> {
    let mut lines = Vec::new();
    for (name, text) in data_files(folder) {
        assert!(text.ends_with('\n'), "{name} ends with a newline");
        let mut rows = text.lines();
        while let Some(first) = rows.next() {
            let doc_line = match target {
                Target::Quickwit => first,
                Target::OpenSearch => {
                    let action: Value = serde_json::from_str(first).expect("an action line");
                    let doc_line = rows.next().expect("a document after each action");
                    let doc: Value = serde_json::from_str(doc_line).expect("a document line");
                    assert_eq!(action["index"]["_index"], "cables");
                    assert_eq!(action["index"]["_id"], doc["id"], "{first}");
                    assert_eq!(action.as_object().map(|object| object.len()), Some(1));
                    doc_line
                }
            };
            lines.push(doc_line.to_string());
        }
    }
    lines
}

/// Exports an index both ways, checks both, and returns the quickwit folder.
fn export_both_and_check(index_path: &Path, dir: &Path, name: &str) -> PathBuf {
    let quickwit = dir.join(format!("{name}-quickwit"));
    let opensearch = dir.join(format!("{name}-opensearch"));
    let line = export_cli(index_path, &quickwit, "quickwit");
    assert!(line.starts_with("exported "), "{line}");
    export_cli(index_path, &opensearch, "opensearch");

    let ids = all_ids(index_path);
    let plain = documents(&quickwit, Target::Quickwit);
    let bulk = documents(&opensearch, Target::OpenSearch);
    assert_eq!(plain, bulk, "both targets carry the same documents");
    let exported: Vec<String> = plain
        .iter()
        .map(|line| check_document(&serde_json::from_str(line).expect("a JSON line")))
        .collect();
    let mut sorted = exported.clone();
    sorted.sort();
    assert_eq!(exported, sorted, "in ID order");
    assert_eq!(
        exported.iter().cloned().collect::<BTreeSet<_>>(),
        ids,
        "every cable once"
    );
    assert_eq!(exported.len(), ids.len());
    for folder in [&quickwit, &opensearch] {
        assert_eq!(manifest(folder)["cables"], ids.len());
    }
    check_quickwit_config(&quickwit);
    check_opensearch_mapping(&opensearch);
    quickwit
}

fn mapped_names() -> Vec<&'static str> {
    let mut names: Vec<&str> = FIELDS.iter().map(|(name, _)| *name).collect();
    names.sort_unstable();
    names
}

fn check_quickwit_config(folder: &Path) {
    let text = fs::read_to_string(folder.join("quickwit-index.yaml")).expect("config");
    let config: serde_norway::Value = serde_norway::from_str(&text).expect("YAML");
    assert_eq!(config["index_id"].as_str(), Some("cables"));
    let mappings = config["doc_mapping"]["field_mappings"]
        .as_sequence()
        .expect("field mappings");
    let mut names: Vec<&str> = mappings
        .iter()
        .map(|mapping| mapping["name"].as_str().expect("a name"))
        .collect();
    names.sort_unstable();
    assert_eq!(names, mapped_names(), "exactly the exported fields");
    let get = |name: &str, key: &str| -> Option<String> {
        mappings
            .iter()
            .find(|mapping| mapping["name"].as_str() == Some(name))
            .and_then(|mapping| match &mapping[key] {
                serde_norway::Value::String(text) => Some(text.clone()),
                serde_norway::Value::Bool(flag) => Some(flag.to_string()),
                _ => None,
            })
    };
    for name in ["id", "tags", "references"] {
        assert_eq!(get(name, "tokenizer").as_deref(), Some("raw"), "{name}");
    }
    for name in ["subject", "body"] {
        assert_eq!(get(name, "tokenizer").as_deref(), Some("en_stem"), "{name}");
    }
    for name in ["created", "released"] {
        assert_eq!(get(name, "type").as_deref(), Some("datetime"), "{name}");
        assert_eq!(get(name, "fast").as_deref(), Some("true"), "{name}");
    }
    for name in ["origin", "classification", "tags", "officials"] {
        assert_eq!(get(name, "tokenizer").as_deref(), Some("raw"), "{name}");
        assert_eq!(get(name, "fast").as_deref(), Some("true"), "{name}");
    }
    assert_eq!(
        config["doc_mapping"]["timestamp_field"].as_str(),
        Some("created")
    );
    let defaults: Vec<&str> = config["search_settings"]["default_search_fields"]
        .as_sequence()
        .expect("default search fields")
        .iter()
        .filter_map(|name| name.as_str())
        .collect();
    assert_eq!(defaults, ["subject", "body"]);
}

fn check_opensearch_mapping(folder: &Path) {
    let text = fs::read_to_string(folder.join("opensearch-mapping.json")).expect("mapping");
    let mapping: Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(mapping["mappings"]["dynamic"], "strict");
    let properties = mapping["mappings"]["properties"]
        .as_object()
        .expect("properties");
    let mut names: Vec<&str> = properties.keys().map(String::as_str).collect();
    names.sort_unstable();
    assert_eq!(names, mapped_names(), "exactly the exported fields");
    for name in [
        "id",
        "tags",
        "origin",
        "classification",
        "references",
        "officials",
    ] {
        assert_eq!(properties[name]["type"], "keyword", "{name}");
    }
    for name in ["subject", "body"] {
        assert_eq!(properties[name]["type"], "text", "{name}");
        assert_eq!(properties[name]["analyzer"], "english", "{name}");
    }
    for name in ["created", "released"] {
        assert_eq!(properties[name]["type"], "date", "{name}");
    }
}

/// Indexes a quickwit export into a new index, exports that again and compares byte for byte.
fn round_trip(quickwit: &Path, dir: &Path, name: &str) {
    let again = dir.join(format!("{name}-again-index"));
    index(quickwit, &again);
    let second = dir.join(format!("{name}-again-quickwit"));
    export_cli(&again, &second, "quickwit");
    let first: Vec<(String, String)> = data_files(quickwit);
    let second: Vec<(String, String)> = data_files(&second);
    assert_eq!(first.len(), second.len());
    for ((name, a), (_, b)) in first.iter().zip(&second) {
        if a != b {
            let diff = a
                .lines()
                .zip(b.lines())
                .find(|(a, b)| a != b)
                .map(|(a, b)| format!("first:  {a}\nsecond: {b}"))
                .unwrap_or_default();
            panic!("{name} changed in the round trip:\n{diff}");
        }
    }
}

#[test]
fn the_bundled_corpus_exports_in_shape_and_survives_a_round_trip() {
    let dir = TempDir::new().expect("temp dir");
    let index_path = dir.path().join("index");
    index(&bundled_corpus(), &index_path);
    let quickwit = export_both_and_check(&index_path, dir.path(), "bundled");
    round_trip(&quickwit, dir.path(), "bundled");
}

#[test]
fn a_synthetic_corpus_as_one_jsonl_file_indexes_like_its_files_and_round_trips() {
    let dir = TempDir::new().expect("temp dir");
    let files = dir.path().join("files");
    let jsonl = dir.path().join("synth.jsonl");
    for (format, out) in [("files", &files), ("jsonl", &jsonl)] {
        let output = run(&[
            "synth",
            "--count",
            "300",
            "--seed",
            "11",
            "--format",
            format,
            "--out",
            path_str(out),
        ]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    }
    let from_files = dir.path().join("from-files");
    let from_jsonl = dir.path().join("from-jsonl");
    index(&files, &from_files);
    index(&jsonl, &from_jsonl);
    let quickwit = export_both_and_check(&from_jsonl, dir.path(), "jsonl");
    let files_export = dir.path().join("files-quickwit");
    export_cli(&from_files, &files_export, "quickwit");
    assert_eq!(
        data_files(&quickwit),
        data_files(&files_export),
        "the same cables from one JSON Lines file as from a folder of files"
    );
    round_trip(&quickwit, dir.path(), "synth");
}

#[test]
fn a_small_file_limit_splits_the_export_and_keeps_every_file_under_it() {
    let dir = TempDir::new().expect("temp dir");
    let index_path = dir.path().join("index");
    index(&bundled_corpus(), &index_path);
    let opened = CableIndex::open_read_only(&index_path).expect("open");
    for target in [Target::Quickwit, Target::OpenSearch] {
        let to = dir.path().join(format!("small-{target}"));
        let mut options = ExportOptions::new(&to, target);
        options.max_file_bytes = 200_000;
        let summary = export::export(&opened, &options, &mut |_, _| {}).expect("export");
        assert!(summary.files.len() > 3, "{:?}", summary.files);
        for file in &summary.files {
            let bytes = fs::metadata(to.join(&file.name)).expect("file").len();
            assert_eq!(bytes, file.bytes);
            assert!(bytes <= 200_000, "{} is {bytes} bytes", file.name);
        }
        let documents = documents(&to, target);
        assert_eq!(documents.len(), summary.cables);
        assert_eq!(summary.cables, all_ids(&index_path).len());
        // Split or not, the same documents in the same order.
        let whole = dir.path().join(format!("whole-{target}"));
        export::export(&opened, &ExportOptions::new(&whole, target), &mut |_, _| {})
            .expect("export");
        assert_eq!(documents, self::documents(&whole, target));
    }
}

#[test]
fn export_errors_name_the_path_and_exit_2() {
    let dir = TempDir::new().expect("temp dir");
    let missing = dir.path().join("no-index");
    let output = run(&[
        "export",
        "--index",
        path_str(&missing),
        "--to",
        path_str(&dir.path().join("out")),
        "--target",
        "quickwit",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains(&format!("no index at {}", missing.display())),
        "{}",
        stderr(&output)
    );

    let index_path = dir.path().join("index");
    index(&bundled_corpus(), &index_path);
    let busy = dir.path().join("busy");
    fs::create_dir_all(&busy).expect("folder");
    fs::write(busy.join("notes.txt"), "mine").expect("write");
    let file = dir.path().join("a-file");
    fs::write(&file, "x").expect("write");
    for (to, message) in [
        (&busy, "the folder is not empty"),
        (&file, "it exists and is not a folder"),
    ] {
        let output = run(&[
            "export",
            "--index",
            path_str(&index_path),
            "--to",
            path_str(to),
            "--target",
            "opensearch",
        ]);
        assert_eq!(output.status.code(), Some(2));
        let text = stderr(&output);
        assert!(
            text.contains(&format!("cannot export to {}: {message}", to.display())),
            "{text}"
        );
    }
    assert_eq!(
        fs::read_to_string(busy.join("notes.txt")).expect("kept"),
        "mine"
    );
    let output = run(&[
        "export",
        "--index",
        path_str(&index_path),
        "--to",
        path_str(&dir.path().join("x")),
        "--target",
        "solr",
    ]);
    assert_eq!(output.status.code(), Some(2));
}
