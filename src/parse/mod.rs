//! Parsing: cable text (already decoded) -> `Cable`; pure, no I/O. Dates, TAGS, SUBJECT, REF and Classified By are read here.

use std::path::Path;
use std::sync::LazyLock;

use chrono::{DateTime, Utc};
use regex::Regex;

pub mod classified_by;
mod dates;
pub mod references;
pub mod subject;
pub mod tags;

use crate::cable::{Cable, CableId, Classification};
use crate::error::{Error, Result};
use crate::officials::{extract_officials, Official};
use crate::telegram::{self, MARKING};
use crate::text::fold_name;
pub use dates::{parse_header_date, parse_period};
use references::{parse_references, CitingCable};

/// The metadata header of a cable page, before the telegram itself.
#[derive(Debug, Default)]
struct Header {
    id: Option<(String, usize)>,
    created: Option<(String, usize)>,
    released: Option<(String, usize)>,
    classification: Option<String>,
    origin: Option<String>,
}

/// What a layout knows about one cable before its message is scanned: the header values,
/// the routing block and the message text. [`cable_from_parts`] turns it into a [`Cable`].
#[derive(Debug, Clone)]
pub struct CableParts {
    pub id: CableId,
    pub created: Option<DateTime<Utc>>,
    pub released: Option<DateTime<Utc>>,
    pub classification: Option<Classification>,
    pub origin: Option<String>,
    /// References the layout lists itself (the cables.csv column), as reference IDs; when
    /// empty, they are read from the message's `REF:` line.
    pub references: Vec<String>,
    /// The telegram routing block, when the layout keeps it apart from the message.
    pub routing: Option<String>,
    /// The message, starting at the classification line (any line endings).
    pub body: String,
}

/// Parses one cable in the page-text layout: either the two-row TAB-separated header of the
/// cable pages or one `Key: value` line per field, then the telegram.
///
/// `path` only labels errors and the record. A file without a `Reference ID` header is
/// [`Error::NotACable`]; a header with a bad ID or date is [`Error::Parse`] naming the line.
pub fn parse_cable(text: &str, path: &Path) -> Result<Cable> {
    let normalized = normalize_newlines(text);
    let lines: Vec<&str> = normalized.split('\n').collect();
    let (header, body_start) = read_header(&lines, path)?;

    let (raw_id, id_line) = header.id.ok_or_else(|| Error::NotACable {
        path: path.to_path_buf(),
        reason: "the header has no Reference ID".to_string(),
    })?;
    let id = CableId::new(&raw_id).ok_or_else(|| Error::Parse {
        path: path.to_path_buf(),
        line: id_line,
        message: format!("invalid Reference ID {raw_id:?}"),
    })?;
    let created = parse_dated_field(header.created.as_ref(), "Created", path)?;
    let released = parse_dated_field(header.released.as_ref(), "Released", path)?;

    let (routing, body) = split_routing(&lines[body_start.min(lines.len())..]);
    let parts = CableParts {
        id,
        created,
        released,
        classification: header
            .classification
            .as_deref()
            .and_then(Classification::parse),
        origin: header.origin,
        references: Vec::new(),
        routing,
        body,
    };
    Ok(cable_from_parts(parts, path))
}

/// Builds a [`Cable`] from what a layout read: strips page-break banners from the message and
/// reads TAGS, SUBJECT, REF, Classified By and the officials from it. The same for every
/// layout, so one cable reads the same whichever dump it comes from.
pub fn cable_from_parts(parts: CableParts, path: &Path) -> Cable {
    let body = clean_body(&parts.body);
    let fields = scan_body(&body);
    let references = if parts.references.is_empty() {
        let created_year = parts
            .created
            .map(|date| chrono::Datelike::year(&date).rem_euclid(100) as u32);
        let citing = CitingCable::from_id(parts.id.as_str(), created_year);
        fields
            .reference_text
            .as_deref()
            .map(|text| parse_references(text, &citing))
            .unwrap_or_default()
    } else {
        parts.references
    };
    let trimmed = |value: Option<String>| {
        value
            .map(|text| text.trim().to_string())
            .filter(|text| !text.is_empty())
    };
    let mut officials = extract_officials(&body);
    if let Some(found) = fields
        .classified_by
        .as_deref()
        .and_then(classified_by::classifier)
    {
        add_classifier(&mut officials, found);
    }
    Cable {
        officials,
        id: parts.id,
        created: parts.created,
        released: parts.released,
        classification: parts.classification,
        origin: trimmed(parts.origin),
        tags: fields.tags,
        subject: fields.subject,
        references,
        classified_by: fields.classified_by,
        routing: trimmed(parts.routing.map(|routing| normalize_newlines(&routing))),
        body,
        path: path.to_path_buf(),
    }
}

/// Adds the person of the Classified By line unless the officials already name them (the same
/// folded name, or one that ends with the same surname and starts alike).
fn add_classifier(officials: &mut Vec<Official>, found: classified_by::Classifier) {
    let key = fold_name(&found.name);
    let surname = key
        .split_whitespace()
        .last()
        .unwrap_or_default()
        .to_string();
    let first = key
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_string();
    let known = officials.iter().any(|official| {
        let other = fold_name(&official.name);
        other == key
            || (other.ends_with(&surname)
                && other.split_whitespace().next().is_some_and(|word| {
                    word == first
                        || first
                            .chars()
                            .next()
                            .is_some_and(|initial| word.starts_with(initial))
                }))
    });
    if !known {
        officials.push(Official {
            name: found.name,
            title: found.title,
        });
    }
}

/// A section banner: the marking, `SECTION 02 OF 03`, origin and serial, alone on its line.
static SECTION_BANNER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^\s*{MARKING}(?:\s+E\s?F\s?T\s?O)?\s+SECTION\s+\d+\s+OF\s+\d+\s+[A-Z][A-Z .'-]*?\s+\d+\s*$"
    ))
    .expect("constant regex")
});

/// The page header older telegrams repeat at each page break (`PAGE 02 HARARE 06677 01 OF 03
/// 291400Z`); text after it on the same line is kept.
static PAGE_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^PAGE \d{2,3}\s+[A-Z][A-Z .'-]*?\s+\d+\s+(?:\d{2} OF \d{2}\s+)?\d{6}Z\s*")
        .expect("constant regex")
});

/// The message as searched and shown: one line ending, no trailing blanks, and without the
/// banners repeated at page breaks (section banners, page headers, repeats of the first
/// classification line), which would crowd snippets and match every query for the origin.
fn clean_body(body: &str) -> String {
    let normalized = normalize_newlines(body);
    let mut kept = String::with_capacity(normalized.len());
    // The first line with text, which page breaks repeat (compared with spaces squeezed).
    let mut first_line: Option<&str> = None;
    for line in normalized.split('\n') {
        let line = line.trim_end();
        let text = match first_line {
            _ if line.trim_start().is_empty() => "",
            None => {
                first_line = Some(line);
                line
            }
            Some(first) => match page_furniture(line, first) {
                Furniture::None => line,
                Furniture::Whole => continue,
                Furniture::PageHeader(rest) if rest.trim().is_empty() => continue,
                Furniture::PageHeader(rest) => rest,
            },
        };
        kept.push_str(text);
        kept.push('\n');
    }
    let end = kept.trim_end().len();
    kept.truncate(end);
    let start = kept.len() - kept.trim_start_matches('\n').len();
    kept.split_off(start)
}

/// What a page break left on a line of the message.
enum Furniture<'a> {
    None,
    /// A section banner, a repeat of the first line, or `NNNN` (the end of a transmission).
    Whole,
    /// A page header, with the text after it on the same line.
    PageHeader(&'a str),
}

/// Reads `line` for page-break furniture. The cheap literal tests come first: every banner
/// holds `SECTION`, every page header starts with `PAGE `, so most lines need no regex.
fn page_furniture<'a>(line: &'a str, first: &str) -> Furniture<'a> {
    let banner = line.contains("SECTION") && SECTION_BANNER.is_match(line);
    if banner || line.split_whitespace().eq(first.split_whitespace()) || line.trim() == "NNNN" {
        return Furniture::Whole;
    }
    if !line.starts_with("PAGE ") {
        return Furniture::None;
    }
    match PAGE_HEADER.find(line) {
        Some(page) => Furniture::PageHeader(&line[page.end()..]),
        None => Furniture::None,
    }
}

/// Splits the telegram routing block (`VZCZC...`, `FM`, `TO`, `INFO` and their continuation
/// lines) from the message: routing words are not what anyone searches for, and they would
/// crowd snippets. Returns the routing block, if any, and the message body.
pub(crate) fn split_routing(lines: &[&str]) -> (Option<String>, String) {
    let mut index = 0;
    let mut last_routing = None;
    let mut in_address = false;
    while index < lines.len() {
        let line = lines[index].trim_end();
        if line.trim().is_empty() {
            in_address = false;
            index += 1;
            continue;
        }
        if telegram::is_routing_line(line) {
            // TO and INFO lists continue on lines of their own until a blank line.
            in_address = telegram::opens_address_list(line);
            last_routing = Some(index);
        } else if in_address {
            last_routing = Some(index);
        } else {
            break;
        }
        index += 1;
    }
    let join = |part: &[&str]| part.join("\n").trim_matches('\n').to_string();
    match last_routing {
        Some(last) => {
            let routing = join(&lines[..=last]);
            (
                Some(routing).filter(|text| !text.is_empty()),
                join(&lines[last + 1..]),
            )
        }
        None => (None, join(lines)),
    }
}

/// Strips a BOM and turns CRLF and lone CR into LF, so every later rule sees one line ending.
pub(crate) fn normalize_newlines(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if !text.contains('\r') {
        return text.to_string();
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// The index of the first line with text; a file of blank lines is empty.
pub(crate) fn first_non_blank(lines: &[&str], path: &Path) -> Result<usize> {
    lines
        .iter()
        .position(|line| !line.trim().is_empty())
        .ok_or_else(|| Error::EmptyFile {
            path: path.to_path_buf(),
        })
}

/// Reads either header form; returns it with the index of the first line after it.
fn read_header(lines: &[&str], path: &Path) -> Result<(Header, usize)> {
    let first = first_non_blank(lines, path)?;
    let first_line = lines[first].trim_end();
    if first_line.contains('\t')
        && header_key(first_line.split('\t').next().unwrap_or("")).is_some()
    {
        return Ok(read_table_header(lines, first));
    }
    let mut header = Header::default();
    let mut index = first;
    let mut recognised = 0;
    while index < lines.len() {
        let line = lines[index].trim();
        if line.is_empty() {
            break;
        }
        let Some((key, value)) = line.split_once(':') else {
            break;
        };
        let Some(field) = header_key(key) else {
            break;
        };
        recognised += 1;
        set_header_field(&mut header, field, value.trim(), index + 1);
        index += 1;
    }
    if recognised == 0 {
        return Err(Error::NotACable {
            path: path.to_path_buf(),
            reason: format!(
                "line {}: expected a `Reference ID:` header line or the cable page's header row, found {:?}",
                first + 1,
                truncate(first_line, 60)
            ),
        });
    }
    Ok((header, index))
}

/// The cable pages' header: a row of names, a row of values, optional extra rows, a blank line.
fn read_table_header(lines: &[&str], first: usize) -> (Header, usize) {
    let names: Vec<&str> = lines[first].trim_end().split('\t').collect();
    let values: Vec<&str> = lines
        .get(first + 1)
        .map(|line| line.trim_end_matches([' ', '\r']).split('\t').collect())
        .unwrap_or_default();
    let mut header = Header::default();
    for (position, name) in names.iter().enumerate() {
        if let (Some(field), Some(value)) = (header_key(name), values.get(position)) {
            set_header_field(&mut header, field, value.trim(), first + 2);
        }
    }
    // Rows such as "Appears in these articles: ..." may follow until the first blank line.
    let mut index = first + 2;
    while index < lines.len() && !lines[index].trim().is_empty() {
        index += 1;
    }
    (header, index)
}

#[derive(Clone, Copy)]
enum HeaderField {
    Id,
    Created,
    Released,
    Classification,
    Origin,
}

fn header_key(key: &str) -> Option<HeaderField> {
    match key.trim().to_ascii_lowercase().as_str() {
        "reference id" | "reference" | "id" | "ref id" => Some(HeaderField::Id),
        "created" | "date" => Some(HeaderField::Created),
        "released" => Some(HeaderField::Released),
        "classification" => Some(HeaderField::Classification),
        "origin" => Some(HeaderField::Origin),
        _ => None,
    }
}

fn set_header_field(header: &mut Header, field: HeaderField, value: &str, line: usize) {
    let value = value.to_string();
    match field {
        HeaderField::Id => header.id = Some((value, line)),
        HeaderField::Created => header.created = Some((value, line)),
        HeaderField::Released => header.released = Some((value, line)),
        HeaderField::Classification => header.classification = Some(value),
        HeaderField::Origin => header.origin = Some(value),
    }
}

fn parse_dated_field(
    field: Option<&(String, usize)>,
    name: &str,
    path: &Path,
) -> Result<Option<DateTime<Utc>>> {
    let Some((raw, line)) = field else {
        return Ok(None);
    };
    if raw.trim().is_empty() {
        return Ok(None);
    }
    parse_header_date(raw)
        .map(Some)
        .ok_or_else(|| Error::Parse {
            path: path.to_path_buf(),
            line: *line,
            message: format!("invalid {name} date {raw:?} (expected YYYY-MM-DD HH:MM)"),
        })
}

/// What the telegram's own lines say about it.
#[derive(Debug, Default, PartialEq)]
struct BodyFields {
    tags: Vec<String>,
    subject: Option<String>,
    reference_text: Option<String>,
    classified_by: Option<String>,
}

/// The line prefixes that start a new header line inside the telegram.
const BODY_KEYS: [&str; 8] = [
    "TAGS",
    "TAG:",
    "SUBJECT:",
    "SUBJ:",
    "REF:",
    "REFS:",
    telegram::CLASSIFIED_BY_KEY,
    "E.O.",
];

fn starts_with_key(line: &str) -> bool {
    upper_starts_with_any(line.trim_start(), &BODY_KEYS)
        || PARAGRAPH_MARK.is_match(line.trim_start())
}

static PARAGRAPH_MARK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(¶\s*\d+|\d{1,2}\.\s+\(|\d{1,2}\.\s+[A-Z]|\([A-Z/]{1,4}\)\s)")
        .expect("constant regex")
});

/// A `TAGS:` or `SUBJECT:` key run into the end of the line before it, as flattened dumps
/// write them (`E.O. 12958: DECL: 02/14/2018 TAGS: BR PREL`).
static INLINE_KEY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s(TAGS?:|TAGS? |SUBJECT:|SUBJ:)\s*").expect("constant regex")
});

/// The REF label: `REF:`, `REFS:`, `REFTEL:`, `Ref(s):`, `REFERENCE:`; without a colon only in
/// the header part of the telegram.
static REF_KEY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:REF(?:S|TELS?)?\s*(?:\(S\))?\s*[:.;]|REFERENCES?\s*:)\s*")
        .expect("constant regex")
});
static REF_KEY_BARE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?i:REF(?:S|TELS?)?)(?:\s+|$)(?:[A-Z(\[¶\d]|$)").expect("constant regex")
});

/// A portion-marked paragraph without digits (`(C) The minister said`): not a REF bullet.
static MARKED_PROSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\((?:U|C|S|SBU|C/NF|S/NF|SBU/NF)\)\s+[^\d]*$").expect("constant regex")
});

/// The message's lines, with header keys run into an `E.O.` line split onto their own lines.
fn header_lines(body: &str) -> Vec<&str> {
    let mut lines = Vec::new();
    for line in body.lines() {
        let mut rest = line;
        // Only a header line (E.O., TAGS, a department line) can hold a key run into it.
        while upper_starts_with_any(
            rest.trim_start(),
            &["E.O.", "EO ", "TAGS", "DEPT ", "DEPARTMENT "],
        ) {
            let Some(key) = INLINE_KEY.captures(rest).and_then(|capture| capture.get(1)) else {
                break;
            };
            let before = &rest[..key.start()];
            if !before.trim().is_empty() {
                lines.push(before);
            }
            rest = &rest[key.start()..];
        }
        lines.push(rest);
    }
    lines
}

/// Whether `text` in upper case starts with one of `keys` (upper-case ASCII), without
/// building the upper-case text when the start is ASCII, as it nearly always is.
fn upper_starts_with_any(text: &str, keys: &[&str]) -> bool {
    let longest = keys.iter().map(|key| key.len()).max().unwrap_or(0);
    let head = &text.as_bytes()[..text.len().min(longest)];
    if head.is_ascii() {
        keys.iter().any(|key| {
            head.get(..key.len())
                .is_some_and(|start| start.eq_ignore_ascii_case(key.as_bytes()))
        })
    } else {
        let upper = text.to_uppercase();
        keys.iter().any(|key| upper.starts_with(key))
    }
}

/// A line as header rules read it: trimmed, without the backslash some dumps end lines with.
fn header_line(line: &str) -> &str {
    line.trim().trim_end_matches('\\').trim()
}

fn scan_body(body: &str) -> BodyFields {
    let lines: Vec<&str> = header_lines(body);
    let mut fields = BodyFields::default();
    // Labels without a colon count only before the first paragraph.
    let mut in_header = true;
    // Header lines stand before the first paragraph; a few lines past it are still read for
    // `1. (U) CLASSIFIED BY ...` and late labels, the rest of a long body is not scanned.
    let mut past_header = 0;
    let mut index = 0;
    while index < lines.len() {
        if !in_header {
            past_header += 1;
            if past_header > 12 {
                break;
            }
        }
        let line = header_line(lines[index]);
        if fields.classified_by.is_none() {
            if let Some(end) = classified_by::label_end(line) {
                let (text, used) = read_classified_by(&line[end..], &lines[index + 1..]);
                if !text.is_empty() {
                    fields.classified_by = Some(text);
                }
                index += used + 1;
                continue;
            }
        }
        if in_header && PARAGRAPH_MARK.is_match(line) {
            in_header = false;
        }
        let colon_label = line.contains(':');
        if let Some(end) = tags::tags_key_end(line)
            .filter(|_| fields.tags.is_empty() && (in_header || colon_label))
        {
            fields.tags = tags::parse_tags(&line[end..]);
            // TAGS wrap onto a second line when the list is long.
            while let Some(next) = lines.get(index + 1) {
                let next = header_line(next);
                if next.is_empty()
                    || starts_with_key(next)
                    || next.contains(':')
                    || !tags::is_tag_line(next)
                {
                    break;
                }
                for tag in tags::parse_tags(next) {
                    // Some dumps repeat the list on the next line (`BR, PREL, MARR`).
                    if !fields.tags.contains(&tag) {
                        fields.tags.push(tag);
                    }
                }
                index += 1;
            }
        } else if let Some(end) = subject::subject_key_end(line).filter(|_| {
            fields.subject.is_none() && (in_header || line.chars().take(9).any(|c| c == ':'))
        }) {
            let (found, used, run_in) = subject::read_subject(&line[end..], &lines[index + 1..]);
            fields.subject = found;
            if let Some(run_in) = run_in {
                read_run_in(&run_in, &mut fields);
            }
            index += used;
        } else if let Some(end) =
            ref_key_end(line, in_header).filter(|_| fields.reference_text.is_none())
        {
            let mut text = line[end..].trim().to_string();
            while let Some(next) = lines.get(index + 1) {
                let next = header_line(next);
                if !ref_continues(next) {
                    break;
                }
                text.push(' ');
                text.push_str(next);
                index += 1;
            }
            read_run_in(&format!("REF: {text}"), &mut fields);
        }
        index += 1;
    }
    fields
}

/// Where the citations of a REF line start, when the line is one.
fn ref_key_end(line: &str, in_header: bool) -> Option<usize> {
    if let Some(key) = REF_KEY.find(line) {
        return Some(key.end());
    }
    if in_header && REF_KEY_BARE.is_match(line) {
        let word_end = line
            .trim_start()
            .find(char::is_whitespace)
            .unwrap_or(line.trim_start().len());
        return Some(line.len() - line.trim_start().len() + word_end);
    }
    None
}

/// Whether a line continues a REF list: not blank, not another key or a paragraph.
fn ref_continues(line: &str) -> bool {
    if line.is_empty() || MARKED_PROSE.is_match(line) {
        return false;
    }
    let key = upper_starts_with_any(
        line,
        &["TAGS", "SUBJ", "E.O.", "EO 1", "SUMMARY", "1. ", "¶1"],
    );
    !key && classified_by::label_end(line).is_none() && !NUMBERED_PARAGRAPH.is_match(line)
}

static NUMBERED_PARAGRAPH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^¶?\s*\d{1,2}\.\s").expect("constant regex"));

/// A REF or Classified By that came run into another line: `REF: ... CLASSIFIED BY: ...`.
fn read_run_in(text: &str, fields: &mut BodyFields) {
    // Found in the text itself: upper-casing can change byte lengths (`ß` -> `SS`).
    static CLASSIFIED_BY_ANYWHERE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)CLASSIFIED\s+BY").expect("constant regex"));
    let classified_at = CLASSIFIED_BY_ANYWHERE.find(text).map(|found| found.start());
    let ref_part = &text[..classified_at.unwrap_or(text.len())];
    if let Some(end) = REF_KEY.find(ref_part).map(|key| key.end()) {
        if fields.reference_text.is_none() {
            let refs = ref_part[end..].trim();
            if !refs.is_empty() {
                fields.reference_text = Some(refs.to_string());
            }
        }
    }
    if let (Some(at), None) = (classified_at, &fields.classified_by) {
        let rest = &text[at..];
        if let Some(end) = classified_by::label_end(rest) {
            let value = squeeze_spaces(&rest[end..]);
            if !value.is_empty() {
                fields.classified_by = Some(value);
            }
        }
    }
}

/// The text of a Classified By line, joined with the next line when the name or the reason
/// wraps onto it; returns it with the number of following lines used.
fn read_classified_by(first: &str, following: &[&str]) -> (String, usize) {
    let mut text = first.trim().to_string();
    let mut used = 0;
    if let Some(next) = following.first() {
        let next = header_line(next);
        let has_reason =
            text.to_lowercase().contains("reason") || text.contains("1.4") || text.contains("1.5");
        let wraps = !next.is_empty()
            && !starts_with_key(next)
            && next.len() < 60
            && (!has_reason
                || next.contains("1.4")
                || next.contains("1.5")
                || next.starts_with(['(', '/', ',']))
            && (next.contains("1.")
                || next.to_lowercase().contains("reason")
                || text.ends_with(',')
                || text.split_whitespace().count() <= 3
                || next.starts_with(['(', '/']));
        if wraps {
            // A token cut by the line break (`1.4 (b` / `/d).`) joins without a space.
            if next.starts_with('/') || text.ends_with('(') {
                text.push_str(next);
            } else {
                text.push(' ');
                text.push_str(next);
            }
            used = 1;
        }
    }
    (squeeze_spaces(&text), used)
}

fn squeeze_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn truncate(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(max_chars).collect();
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    proptest::proptest! {
        /// The ASCII shortcut answers as upper-casing the whole text would, `ß` and `ſ` included.
        #[test]
        fn upper_starts_with_any_agrees_with_to_uppercase(
            text in "[ \\tA-Za-z.:¶1ßſıİé]{0,14}",
        ) {
            for keys in [&BODY_KEYS[..], &["E.O.", "EO ", "TAGS", "DEPT ", "DEPARTMENT "], &["SUMMARY", "1. ", "¶1", "SS"]] {
                let upper = text.to_uppercase();
                let expected = keys.iter().any(|key| upper.starts_with(key));
                proptest::prop_assert_eq!(upper_starts_with_any(&text, keys), expected, "{:?}", text);
            }
        }
    }

    const TABLE_CABLE: &str = "Reference ID\tCreated\tReleased\tClassification\tOrigin\n\
03GUATEMALA1815\t2003-07-15 22:05\t2011-04-28 00:00\tCONFIDENTIAL//NOFORN\tEmbassy Guatemala\n\
\n\
VZCZCXYZ0000\n\
P 152205Z JUL 03\n\
FM AMEMBASSY GUATEMALA\n\
\n\
C O N F I D E N T I A L GUATEMALA 001815\n\
\n\
E.O. 12958: DECL: 07/15/2013\n\
TAGS: PHUM KCRM SMIG KTIP\n\
GT\n\
SUBJECT: OFFICIALS CONFUSE TRAFFICKING WITH\n\
SMUGGLING\n\
\n\
REF: A. GUATEMALA 1702 B. 02 STATE 45678 C. YOUR EMAIL OF 7/3/03\n\
\n\
Classified By: PolCouns David Lindwall for reasons 1.4 (b) and (d)\n\
\n\
1. (C) Summary text.\n";

    fn parse(text: &str) -> Result<Cable> {
        parse_cable(text, Path::new("test.txt"))
    }

    #[test]
    fn parses_the_cable_page_table_header() {
        let cable = parse(TABLE_CABLE).unwrap();
        assert_eq!(cable.id.as_str(), "03GUATEMALA1815");
        assert_eq!(
            cable.created,
            Some(Utc.with_ymd_and_hms(2003, 7, 15, 22, 5, 0).unwrap())
        );
        assert_eq!(
            cable.released,
            Some(Utc.with_ymd_and_hms(2011, 4, 28, 0, 0, 0).unwrap())
        );
        assert_eq!(
            cable.classification.unwrap().to_string(),
            "CONFIDENTIAL//NOFORN"
        );
        assert_eq!(cable.origin.as_deref(), Some("Embassy Guatemala"));
        assert_eq!(cable.tags, vec!["PHUM", "KCRM", "SMIG", "KTIP", "GT"]);
        assert_eq!(
            cable.subject.as_deref(),
            Some("OFFICIALS CONFUSE TRAFFICKING WITH SMUGGLING")
        );
        assert_eq!(cable.references, vec!["03GUATEMALA1702", "02STATE45678"]);
        assert_eq!(
            cable.classified_by.as_deref(),
            Some("PolCouns David Lindwall for reasons 1.4 (b) and (d)")
        );
        assert_eq!(
            cable.routing.as_deref(),
            Some("VZCZCXYZ0000\nP 152205Z JUL 03\nFM AMEMBASSY GUATEMALA")
        );
        assert!(cable
            .body
            .starts_with("C O N F I D E N T I A L GUATEMALA 001815"));
    }

    #[test]
    fn parses_key_value_header_with_crlf_and_missing_released() {
        let text = "Reference ID: 75TEHRAN2069\r\nCreated: 1975-03-04 10:00\r\nReleased: \r\nClassification: SECRET\r\nOrigin: Embassy Tehran\r\n\r\nSUBJ: ARMS SALES\r\n\r\n1. TEXT.\r\n";
        let cable = parse(text).unwrap();
        assert_eq!(cable.id.as_str(), "75TEHRAN2069");
        assert_eq!(cable.released, None);
        assert_eq!(cable.subject.as_deref(), Some("ARMS SALES"));
        assert!(!cable.body.contains('\r'));
    }

    #[test]
    fn routing_block_with_blank_lines_and_info_list_is_split_off() {
        let lines = [
            "VZCZCXYZ0011",
            "PP RUEHWEB",
            "",
            "DE RUEHMU #1003/01 1251717",
            "ZNR UUUUU ZZH",
            "P 051717Z MAY 06",
            "FM AMEMBASSY MANAGUA",
            "TO RUEHC/SECSTATE WASHDC PRIORITY 6199",
            "INFO RUEHZA/WHA CENTRAL AMERICAN COLLECTIVE",
            "RHEHNSC/NSC WASHINGTON DC",
            "",
            "UNCLAS MANAGUA 001003",
            "",
            "TAGS: PGOV",
        ];
        let (routing, body) = split_routing(&lines);
        assert!(routing.unwrap().ends_with("RHEHNSC/NSC WASHINGTON DC"));
        assert_eq!(body, "UNCLAS MANAGUA 001003\n\nTAGS: PGOV");
        let (routing, body) = split_routing(&["", "1. (U) No routing here."]);
        assert_eq!((routing, body.as_str()), (None, "1. (U) No routing here."));
    }

    #[test]
    fn rejects_files_without_header_as_not_a_cable() {
        let error = parse("Notes for the team\nnothing here\n").unwrap_err();
        assert!(matches!(error, Error::NotACable { .. }), "{error}");
        assert!(matches!(parse("").unwrap_err(), Error::EmptyFile { .. }));
    }

    #[test]
    fn reports_the_line_of_an_invalid_date() {
        let text = "Reference ID: 05QUITO1\nCreated: 2005-13-45 99:99\n\nbody\n";
        let error = parse(text).unwrap_err().to_string();
        assert!(error.contains("test.txt:2"), "{error}");
        assert!(error.contains("invalid Created date"), "{error}");
    }

    #[test]
    fn labels_and_names_in_any_script_do_not_break_the_header_rules() {
        // A label without a colon followed by a two-byte letter at byte 9, and a classifier
        // whose initial is a two-byte letter beside a fuller mention of the same surname.
        let text = "Reference ID: 08ZEMBLA9\n\nClassified By: Ambassador Ё. Щукина, reasons 1.4 (b)\n\n1. (U) Ambassador Ёлка Щукина met the minister.\nUBJECT: Ωμέγα\nREF: STRAẞE 12 ßß ß Classified By: Ambassador X\n";
        let cable = parse(text).unwrap();
        let names: Vec<&str> = cable
            .officials
            .iter()
            .map(|official| official.name.as_str())
            .collect();
        assert!(
            names.iter().any(|name| name.ends_with("Щукина")),
            "{names:?}"
        );
    }

    #[test]
    fn a_ref_line_run_onto_the_subject_is_split_off() {
        let text = "Reference ID: 08BRASILIA1378\n\nSUBJECT: DEFORESTATION UPDATE REF: BRASILIA 1159\n\n1. (U) Text.\n";
        let cable = parse(text).unwrap();
        assert_eq!(cable.subject.as_deref(), Some("DEFORESTATION UPDATE"));
        assert_eq!(cable.references, ["08BRASILIA1159"]);
    }

    #[test]
    fn periods_cover_whole_years_months_and_days() {
        let (start, end) = parse_period("2004-02").unwrap();
        assert_eq!(start, Utc.with_ymd_and_hms(2004, 2, 1, 0, 0, 0).unwrap());
        assert_eq!(end, Utc.with_ymd_and_hms(2004, 2, 29, 23, 59, 59).unwrap());
        let (start, end) = parse_period("2003").unwrap();
        assert_eq!(start, Utc.with_ymd_and_hms(2003, 1, 1, 0, 0, 0).unwrap());
        assert_eq!(end, Utc.with_ymd_and_hms(2003, 12, 31, 23, 59, 59).unwrap());
        assert!(parse_period("2003-7").is_none());
        assert!(parse_period("2003-02-30").is_none());
        assert!(parse_period("yesterday").is_none());
    }

    #[test]
    fn parses_dates_in_several_spellings() {
        let expected = Utc.with_ymd_and_hms(2003, 7, 15, 22, 5, 0).unwrap();
        assert_eq!(parse_header_date("2003-07-15 22:05"), Some(expected));
        assert_eq!(parse_header_date("2003-07-15T22:05:00Z"), Some(expected));
        assert!(parse_header_date("2003-07-15").is_some());
        assert!(parse_header_date("15/07/2003").is_none());
    }

    #[test]
    fn header_keys_run_into_the_eo_line_are_read() {
        let fields = scan_body(
            "SECRET X 000001\n\nE.O. 12958: DECL: 02/14/2018 TAGS: BR PREL MARR\nBR, PREL, MARR\nSUBJECT: MEETING\n",
        );
        assert_eq!(fields.tags, ["BR", "PREL", "MARR"]);
        assert_eq!(fields.subject.as_deref(), Some("MEETING"));
        let fields = scan_body(
            "E.o. 12958: decl: 01/07/2014 Tags: prel, pgov, tu Subject: a lower-cased cable\n",
        );
        assert_eq!(fields.tags, ["PREL", "PGOV", "TU"]);
        assert_eq!(fields.subject.as_deref(), Some("a lower-cased cable"));
        let fields = scan_body("E.O. 12958:  DECL: 03/20/2019 TAG PTER, PGOV, SW\n\nSUBJECT:  X\n");
        assert_eq!(fields.tags, ["PTER", "PGOV", "SW"]);
        assert_eq!(scan_body("TAG: PTER, CO\n").tags, ["PTER", "CO"]);
        assert!(scan_body("TAGGED ITEMS 1\n").tags.is_empty());
    }

    #[test]
    fn cable_from_parts_strips_page_break_banners_and_prefers_listed_references() {
        let parts = CableParts {
            id: CableId::new("03GUATEMALA1815").unwrap(),
            created: None,
            released: None,
            classification: None,
            origin: Some(" Embassy Guatemala ".to_string()),
            references: vec!["03GUATEMALA1".to_string()],
            routing: Some("FM AMEMBASSY GUATEMALA\r\n".to_string()),
            body: "\r\nC O N F I D E N T I A L SECTION 01 OF 03 GUATEMALA 001815 \r\nREF: GUATEMALA 1702\r\n1. One.\r\nC O N F I D E N T I A L SECTION 02 OF 03 GUATEMALA 001815\r\nPAGE 03 GUATEMALA 01815 02 OF 03 152205Z Two.\r\n\r\nNNNN\r\n".to_string(),
        };
        let cable = cable_from_parts(parts, Path::new("x.txt"));
        assert_eq!(
            cable.body,
            "C O N F I D E N T I A L SECTION 01 OF 03 GUATEMALA 001815\nREF: GUATEMALA 1702\n1. One.\nTwo."
        );
        assert_eq!(cable.references, ["03GUATEMALA1"]);
        assert_eq!(cable.origin.as_deref(), Some("Embassy Guatemala"));
        assert_eq!(cable.routing.as_deref(), Some("FM AMEMBASSY GUATEMALA"));
    }
}
