//! Cable HTML pages, as mirrored from the 2010 and 2011 cablegate sites: the metadata table and the `<pre>` blocks, read with an HTML parser.

use std::path::Path;
use std::sync::LazyLock;

use scraper::node::Element;
use scraper::{ElementRef, Html, Node, Selector};

use crate::cable::{CableId, Classification};
use crate::error::{Error, Result};
use crate::parse::{
    cable_from_parts, normalize_newlines, parse_header_date, split_routing, CableParts,
};
use crate::Cable;

static CABLE_TABLE: LazyLock<Selector> =
    LazyLock::new(|| Selector::parse("table.cable").expect("constant selector"));
static ROW: LazyLock<Selector> =
    LazyLock::new(|| Selector::parse("tr").expect("constant selector"));
static HEADER_CELL: LazyLock<Selector> =
    LazyLock::new(|| Selector::parse("th").expect("constant selector"));
static VALUE_CELL: LazyLock<Selector> =
    LazyLock::new(|| Selector::parse("td").expect("constant selector"));
static PRE: LazyLock<Selector> =
    LazyLock::new(|| Selector::parse("pre").expect("constant selector"));
static TITLE: LazyLock<Selector> =
    LazyLock::new(|| Selector::parse("h3").expect("constant selector"));

/// The metadata table's cells, by column name.
#[derive(Debug, Default)]
struct Metadata {
    id: Option<String>,
    created: Option<String>,
    released: Option<String>,
    classification: Option<String>,
    origin: Option<String>,
}

/// Reads the one cable of a cable page; a page without the metadata table is one `Err`.
pub(super) fn read(path: &Path, emit: &mut dyn FnMut(Result<Cable>)) -> Result<()> {
    let text = super::read_small_file(path)?;
    emit(parse_page(&text, path));
    Ok(())
}

/// Parses a cable page's text.
pub(crate) fn parse_page(text: &str, path: &Path) -> Result<Cable> {
    let document = Html::parse_document(text);
    let metadata = read_metadata(&document).ok_or_else(|| Error::NotACable {
        path: path.to_path_buf(),
        reason: "no cable metadata table (<table class='cable'> with a Reference ID column)"
            .to_string(),
    })?;
    let raw_id = metadata.id.unwrap_or_default();
    let id = CableId::new(&raw_id).ok_or_else(|| {
        super::record_error(
            path,
            line_of(text, &raw_id),
            format!("invalid Reference ID {raw_id:?}"),
        )
    })?;
    let date = |raw: Option<String>, name: &str| -> Result<_> {
        let Some(raw) = raw.filter(|raw| !raw.trim().is_empty()) else {
            return Ok(None);
        };
        parse_header_date(&raw).map(Some).ok_or_else(|| {
            super::record_error(
                path,
                line_of(text, &raw),
                format!("invalid {name} date {raw:?} (expected YYYY-MM-DD HH:MM)"),
            )
        })
    };
    let created = date(metadata.created, "Created")?;
    let released = date(metadata.released, "Released")?;

    let blocks: Vec<String> = document.select(&PRE).map(pre_text).collect();
    let (routing, body) = match blocks.as_slice() {
        [] => (None, String::new()),
        [only] => split_block(only),
        // The first block is the header the site shows above the message (routing lines); on
        // partial extracts it is instead the site's note that the full text is not available,
        // which is neither routing nor message.
        [first, rest @ ..] => {
            let routing = (!is_site_note(first)).then(|| first.clone());
            (routing, rest.join("\n\n"))
        }
    };
    let mut cable = cable_from_parts(
        CableParts {
            id,
            created,
            released,
            classification: metadata
                .classification
                .as_deref()
                .and_then(Classification::parse),
            origin: metadata.origin,
            references: Vec::new(),
            routing,
            body,
        },
        path,
    );
    if cable.subject.is_none() {
        cable.subject = title_subject(&document, cable.id.as_str());
    }
    Ok(cable)
}

/// The metadata table: a row of `th` names, then a row of `td` values.
fn read_metadata(document: &Html) -> Option<Metadata> {
    for table in document.select(&CABLE_TABLE) {
        let mut names: Vec<String> = Vec::new();
        let mut metadata = Metadata::default();
        for row in table.select(&ROW) {
            let headers: Vec<String> = row.select(&HEADER_CELL).map(cell_text).collect();
            if !headers.is_empty() {
                names = headers;
                continue;
            }
            let values: Vec<String> = row.select(&VALUE_CELL).map(cell_text).collect();
            if values.is_empty() || names.is_empty() {
                continue;
            }
            for (name, value) in names.iter().zip(values) {
                let slot = match name.to_ascii_lowercase().as_str() {
                    "reference id" => &mut metadata.id,
                    "created" => &mut metadata.created,
                    "released" => &mut metadata.released,
                    "classification" => &mut metadata.classification,
                    "origin" => &mut metadata.origin,
                    _ => continue,
                };
                slot.get_or_insert(value);
            }
            break;
        }
        if metadata.id.is_some() {
            return Some(metadata);
        }
    }
    None
}

/// A cell's text, whitespace squeezed (cells wrap their value in a link and newlines).
fn cell_text(cell: ElementRef<'_>) -> String {
    cell.text()
        .flat_map(str::split_whitespace)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The `¶` links the sites put before each paragraph number (`<a id='par1' href='#par1'>`):
/// page furniture, not telegram text, dropped with their symbol so the body reads as sent.
fn is_paragraph_anchor(element: &Element) -> bool {
    element.name() == "a"
        && (element.id().is_some_and(|id| id.starts_with("par"))
            || element
                .attr("href")
                .is_some_and(|href| href.starts_with("#par")))
}

/// A `<pre>` block's text: entities decoded by the parser, tag links reduced to their text,
/// paragraph anchors removed.
fn pre_text(pre: ElementRef<'_>) -> String {
    let mut out = String::new();
    for node in pre.descendants() {
        let Node::Text(text) = node.value() else {
            continue;
        };
        let in_anchor = node
            .ancestors()
            .take_while(|ancestor| ancestor.id() != pre.id())
            .any(|ancestor| {
                ancestor
                    .value()
                    .as_element()
                    .is_some_and(is_paragraph_anchor)
            });
        if !in_anchor {
            out.push_str(text);
        }
    }
    normalize_newlines(&out)
}

/// Splits one block into its routing lines and the rest.
fn split_block(block: &str) -> (Option<String>, String) {
    let lines: Vec<&str> = block.split('\n').collect();
    split_routing(&lines)
}

/// The sites' own remark in place of a routing header on partial extracts.
fn is_site_note(text: &str) -> bool {
    let text = text.trim();
    text.is_empty() || text.starts_with("This record is a partial extract")
}

/// The subject the page title gives (`Viewing cable 04X88, SUBJECT`), for bodies without one.
fn title_subject(document: &Html, id: &str) -> Option<String> {
    let prefix = format!("Viewing cable {id}, ");
    document.select(&TITLE).find_map(|title| {
        let text = cell_text(title);
        text.strip_prefix(&prefix)
            .map(str::trim)
            .filter(|subject| !subject.is_empty())
            .map(str::to_string)
    })
}

/// The 1-based line of the first occurrence of `needle` in the page (1 when absent), so an
/// error points at the bad value.
fn line_of(text: &str, needle: &str) -> usize {
    let needle = needle.trim();
    if needle.is_empty() {
        return 1;
    }
    text.find(needle)
        .map(|position| text[..position].matches('\n').count() + 1)
        .unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use super::super::tests::{fixture, read_all};
    use super::super::Layout;
    use super::*;
    use chrono::{TimeZone, Utc};

    fn read_one(name: &str) -> Cable {
        let mut results = read_all(&fixture(name), Layout::Html);
        assert_eq!(results.len(), 1);
        results.remove(0).unwrap()
    }

    #[test]
    fn reads_a_2010_page() {
        let cable = read_one("10ZEMBLA42.html");
        assert_eq!(cable.id.as_str(), "10ZEMBLA42");
        assert_eq!(
            cable.created,
            Some(Utc.with_ymd_and_hms(2010, 1, 20, 9, 9, 0).unwrap())
        );
        assert_eq!(
            cable.released,
            Some(Utc.with_ymd_and_hms(2010, 12, 9, 21, 9, 0).unwrap())
        );
        assert_eq!(
            cable.classification.as_ref().unwrap().to_string(),
            "SECRET//NOFORN"
        );
        assert_eq!(cable.origin.as_deref(), Some("Embassy Zembla"));
        assert_eq!(cable.tags, ["PGOV", "PREL", "ZM"]);
        assert_eq!(
            cable.subject.as_deref(),
            Some("ZEMBLA: THE CROWN JEWELS & THE NEW MUSEUM")
        );
        assert_eq!(cable.references, ["10ZEMBLA17"]);
        assert_eq!(
            cable.classified_by.as_deref(),
            Some("Ambassador Jakob Gradus for reasons 1.4 (b) and (d)")
        );
        assert_eq!(
            cable.routing.as_deref(),
            Some("VZCZCXYZ0001\nPP RUEHWEB\n\nDE RUEHZM #0042/01 0200909\nP 200909Z JAN 10\nFM AMEMBASSY ZEMBLA\nTO RUEHC/SECSTATE WASHDC PRIORITY 0001")
        );
        assert!(cable.body.starts_with("S E C R E T ZEMBLA 000042\n"));
        // Anchors and their ¶ are gone; entities are decoded.
        assert!(!cable.body.contains('¶'));
        assert!(!cable.body.contains("par1"));
        assert!(
            cable.body.contains("\n1. (S/NF) The museum \"opened\" on"),
            "{}",
            cable.body
        );
        assert!(
            cable.body.contains("Gradus < Shade & co."),
            "{}",
            cable.body
        );
        assert!(cable.body.ends_with("GRADUS"));
    }

    #[test]
    fn reads_a_2011_page_with_a_partial_extract_note() {
        let cable = read_one("73ZEMBLA810.html");
        assert_eq!(cable.id.as_str(), "73ZEMBLA810");
        assert_eq!(
            cable.created,
            Some(Utc.with_ymd_and_hms(1973, 11, 21, 12, 20, 0).unwrap())
        );
        assert_eq!(
            cable.released,
            Some(Utc.with_ymd_and_hms(2011, 8, 30, 1, 44, 0).unwrap())
        );
        assert_eq!(
            cable.classification.as_ref().unwrap().to_string(),
            "CONFIDENTIAL"
        );
        assert_eq!(cable.origin.as_deref(), Some("Embassy Zembla"));
        assert_eq!(cable.routing, None);
        assert_eq!(cable.tags, ["PINT", "ZM"]);
        // No SUBJECT line in the body: the page title supplies it.
        assert_eq!(cable.subject.as_deref(), Some("KING ON CORRUPTION"));
        assert!(cable
            .body
            .starts_with("C O N F I D E N T I A L ZEMBLA 810\n"));
        assert!(cable.body.contains("Odon Shade"));
        assert!(!cable.body.contains("partial extract"));
        assert!(cable.body.ends_with("KINBOTE"));
    }

    #[test]
    fn a_page_without_the_table_is_not_a_cable() {
        let error = parse_page(
            "<html><body><p>Browse by date</p></body></html>",
            Path::new("x.html"),
        )
        .unwrap_err();
        assert!(matches!(error, Error::NotACable { .. }), "{error}");
    }

    #[test]
    fn a_bad_date_names_its_line() {
        let page = "<html><body>\n<table class='cable'>\n<tr><th>Reference ID</th><th>Created</th></tr>\n<tr><td>10X1</td>\n<td>2010-13-45 99:99</td></tr></table></body></html>";
        let error = parse_page(page, Path::new("x.html"))
            .unwrap_err()
            .to_string();
        assert!(
            error.starts_with("x.html:5: invalid Created date"),
            "{error}"
        );
    }
}
