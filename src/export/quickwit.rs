//! Quickwit: the index config (YAML) for the exported fields, mapped as ours are analysed, and how to load the plain NDJSON files.

use std::fmt::Write;

use super::{ExportedFile, FieldKind, FIELDS, INDEX_NAME};

/// The index config's file name in the export folder.
pub const CONFIG_FILE: &str = "quickwit-index.yaml";
/// Data files are `cables-00001.ndjson`, ...
pub const DATA_PREFIX: &str = "cables";

/// Quickwit's index config: `mode: strict` over exactly the exported keys; `raw` (exact)
/// IDs, tags and references, `en_stem` subject and body, RFC 3339 `datetime` fast fields, fast
/// `raw` facets, `created` as the timestamp field, subject and body searched by default.
pub fn index_config() -> String {
    let mut yaml = String::new();
    let _ = writeln!(
        yaml,
        "# Quickwit index config written by `cables export --target quickwit`.\n\
         # Load: quickwit index create --index-config {CONFIG_FILE}\n\
         version: 0.8\n\
         index_id: {INDEX_NAME}\n\
         doc_mapping:\n  \
           mode: strict\n  \
           field_mappings:"
    );
    for (name, kind) in FIELDS {
        let _ = writeln!(yaml, "    - name: {name}");
        let lines: &[&str] = match kind {
            FieldKind::Keyword => &["type: text", "tokenizer: raw", "fast: true"],
            FieldKind::KeywordList => &["type: array<text>", "tokenizer: raw"],
            FieldKind::Facet => &["type: text", "tokenizer: raw", "fast: true"],
            FieldKind::FacetList => &["type: array<text>", "tokenizer: raw", "fast: true"],
            FieldKind::Date => &[
                "type: datetime",
                "input_formats: [rfc3339]",
                "output_format: rfc3339",
                "fast_precision: seconds",
                "fast: true",
            ],
            FieldKind::Text => &["type: text", "tokenizer: en_stem", "record: position"],
            FieldKind::Stored => &["type: text", "indexed: false"],
            FieldKind::Objects(_) => &["type: array<json>", "tokenizer: default"],
        };
        for line in lines {
            let _ = writeln!(yaml, "      {line}");
        }
    }
    let _ = writeln!(
        yaml,
        "  timestamp_field: created\n\
         search_settings:\n  \
           default_search_fields: [subject, body]\n\
         indexing_settings:\n  \
           commit_timeout_secs: 30"
    );
    yaml
}

/// The commands that create the index and ingest every data file.
pub fn load_commands(files: &[ExportedFile]) -> Vec<String> {
    let mut commands = vec![format!(
        "quickwit index create --index-config {CONFIG_FILE}"
    )];
    commands.extend(files.iter().map(|file| {
        format!(
            "quickwit tool local-ingest --index {INDEX_NAME} --input-path {}",
            file.name
        )
    }));
    commands
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_config_is_yaml_naming_every_exported_key_and_nothing_else() {
        let config: serde_norway::Value = serde_norway::from_str(&index_config()).expect("YAML");
        assert_eq!(config["index_id"].as_str(), Some(INDEX_NAME));
        assert_eq!(config["doc_mapping"]["mode"].as_str(), Some("strict"));
        assert_eq!(
            config["doc_mapping"]["timestamp_field"].as_str(),
            Some("created")
        );
        let mappings = config["doc_mapping"]["field_mappings"]
            .as_sequence()
            .expect("field_mappings");
        let names: Vec<&str> = mappings
            .iter()
            .filter_map(|mapping| mapping["name"].as_str())
            .collect();
        let expected: Vec<&str> = FIELDS.iter().map(|(name, _)| *name).collect();
        assert_eq!(names, expected);
        let field = |name: &str| {
            mappings
                .iter()
                .find(|mapping| mapping["name"].as_str() == Some(name))
                .expect("mapped")
        };
        assert_eq!(field("body")["tokenizer"].as_str(), Some("en_stem"));
        assert_eq!(field("tags")["tokenizer"].as_str(), Some("raw"));
        assert_eq!(field("created")["type"].as_str(), Some("datetime"));
        assert_eq!(field("origin")["fast"].as_bool(), Some(true));
        let defaults = config["search_settings"]["default_search_fields"]
            .as_sequence()
            .expect("default fields");
        assert_eq!(defaults.len(), 2);
    }
}
