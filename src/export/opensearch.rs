//! OpenSearch: the index mapping (JSON) for the exported fields, mapped as ours are analysed, the `_bulk` action line before each document, and how to load the files.

use std::io::{self, Write};

use serde_json::{json, Map, Value};

use super::{ExportedFile, FieldKind, FIELDS, INDEX_NAME};

/// The mapping's file name in the export folder.
pub const MAPPING_FILE: &str = "opensearch-mapping.json";
/// Data files are `bulk-00001.ndjson`, ...
pub const DATA_PREFIX: &str = "bulk";

/// The body of `PUT /cables`: `dynamic: strict` over exactly the exported keys; `keyword` IDs,
/// tags, origin, classification and references, `text` with the `english` analyzer for subject
/// and body, `date` for dates, facets as `keyword` (origin, classification and officials with a
/// `text` subfield for word searches).
pub fn mapping() -> String {
    let keyword_with_words = || json!({"type": "keyword", "fields": {"text": {"type": "text"}}});
    let mut properties = Map::new();
    for (name, kind) in FIELDS {
        let mapping = match kind {
            FieldKind::Keyword | FieldKind::KeywordList => json!({"type": "keyword"}),
            FieldKind::Facet => keyword_with_words(),
            FieldKind::FacetList if *name == "officials" => keyword_with_words(),
            FieldKind::FacetList => json!({"type": "keyword"}),
            FieldKind::Date => json!({"type": "date", "format": "strict_date_optional_time"}),
            FieldKind::Text => json!({"type": "text", "analyzer": "english"}),
            FieldKind::Stored => json!({"type": "text", "index": false}),
            FieldKind::Objects(keys) => {
                let inner: Map<String, Value> = keys
                    .iter()
                    .map(|(key, exact)| {
                        let kind = if *exact { "keyword" } else { "text" };
                        (key.to_string(), json!({ "type": kind }))
                    })
                    .collect();
                json!({"properties": inner})
            }
        };
        properties.insert(name.to_string(), mapping);
    }
    let body = json!({
        "mappings": {
            "dynamic": "strict",
            "properties": properties,
        }
    });
    let mut text = serde_json::to_string_pretty(&body).unwrap_or_default();
    text.push('\n');
    text
}

/// The `_bulk` action line that indexes the next document under its cable ID.
pub fn write_action(out: &mut dyn Write, id: &str) -> io::Result<()> {
    let id = serde_json::to_string(id).map_err(io::Error::other)?;
    writeln!(
        out,
        "{{\"index\":{{\"_index\":\"{INDEX_NAME}\",\"_id\":{id}}}}}"
    )
}

/// The commands that create the index and send every bulk file.
pub fn load_commands(files: &[ExportedFile]) -> Vec<String> {
    let mut commands = vec![format!(
        "curl -XPUT localhost:9200/{INDEX_NAME} -H 'Content-Type: application/json' -d @{MAPPING_FILE}"
    )];
    commands.extend(files.iter().map(|file| {
        format!(
            "curl -XPOST localhost:9200/_bulk -H 'Content-Type: application/x-ndjson' --data-binary @{}",
            file.name
        )
    }));
    commands
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mapping_names_every_exported_key_and_nothing_else() {
        let mapping: Value = serde_json::from_str(&mapping()).expect("JSON");
        let properties = mapping["mappings"]["properties"]
            .as_object()
            .expect("properties");
        let mut names: Vec<&str> = properties.keys().map(String::as_str).collect();
        let mut expected: Vec<&str> = FIELDS.iter().map(|(name, _)| *name).collect();
        names.sort_unstable();
        expected.sort_unstable();
        assert_eq!(names, expected);
        assert_eq!(properties["body"]["analyzer"], "english");
        assert_eq!(properties["created"]["type"], "date");
        assert_eq!(properties["tags"]["type"], "keyword");
    }

    #[test]
    fn the_action_names_the_index_and_the_id() {
        let mut out = Vec::new();
        write_action(&mut out, "03GUATEMALA1815").expect("write");
        assert_eq!(
            String::from_utf8(out).expect("UTF-8"),
            "{\"index\":{\"_index\":\"cables\",\"_id\":\"03GUATEMALA1815\"}}\n"
        );
    }
}
