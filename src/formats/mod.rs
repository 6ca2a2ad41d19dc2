//! Formats: detects a file's layout and turns it into cables (page text, cables.csv, cable HTML pages, raw telegrams, JSON Lines).

mod cables_csv;
mod dump;
mod html;
mod jsonl;
mod page_text;
mod repair;
mod telegram;

use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;

use crate::error::{Error, Result};
use crate::telegram::is_telegram_start;
use crate::Cable;

/// The layouts cables come in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Layout {
    /// One cable per file as the cable pages render to text: metadata header, then the telegram.
    Text,
    /// The 2011 full release's `cables.csv`: one record per cable, no header row.
    Csv,
    /// One cable page as mirrored from the 2010 and 2011 cablegate sites.
    Html,
    /// One raw telegram without a metadata header, starting at its routing lines.
    Telegram,
    /// One JSON object per line, with the keys of `cables show --format json`.
    Jsonl,
    /// A per-cable text export of the full release: five metadata lines (ID, subject, date,
    /// classification, origin), then the telegram.
    Dump,
}

choices!(Layout {
    Layout::Text => "text",
    Layout::Csv => "csv",
    Layout::Html => "html",
    Layout::Telegram => "telegram",
    Layout::Jsonl => "jsonl",
    Layout::Dump => "dump",
});

impl Layout {
    /// What the files of this layout are called in reports (`dump files`, `HTML pages`).
    pub fn plural_noun(self) -> &'static str {
        match self {
            Layout::Text => "page-text files",
            Layout::Csv => "CSV records",
            Layout::Html => "HTML pages",
            Layout::Telegram => "raw telegrams",
            Layout::Jsonl => "JSON lines",
            Layout::Dump => "dump files",
        }
    }

    /// Whether a file of this layout holds one cable (read whole) rather than many (streamed).
    pub fn is_single_cable(self) -> bool {
        matches!(
            self,
            Layout::Text | Layout::Html | Layout::Telegram | Layout::Dump
        )
    }
}

/// Parses the decoded text of a one-cable file (page text, cable page or raw telegram).
/// The streamed layouts (CSV, JSON Lines) go through [`read_cables`] instead.
pub fn parse_single(layout: Layout, text: &str, path: &Path) -> Result<Cable> {
    match layout {
        Layout::Text => crate::parse::parse_cable(text, path),
        Layout::Html => html::parse_page(text, path),
        Layout::Telegram => telegram::parse_telegram(text, path),
        Layout::Dump => dump::parse_dump(text, path),
        Layout::Csv | Layout::Jsonl => Err(Error::Invalid(format!(
            "{}: a {layout:?} file holds many cables and is streamed",
            path.display()
        ))),
    }
}

/// Picks a layout from the file name and its first bytes; None = not a cable file (skip silently: README.md, .gitignore, images, manifest.jsonl written by `cables synth` is NOT a cable file either — its lines have "refs"/"markers" keys but no "body").
///
/// The extension decides first; the content decides between page text and a raw telegram, and
/// for names with an unknown extension. `head` should hold the first few KiB of the file.
pub fn detect(path: &Path, head: &[u8]) -> Option<Layout> {
    let name = path
        .file_name()
        .map(|name| name.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if name.is_empty() || name.starts_with('.') || name == "readme.md" {
        return None;
    }
    let text = crate::corpus::decode(head);
    let text = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    let extension = path
        .extension()
        .map(|extension| extension.to_string_lossy().to_lowercase());
    match extension.as_deref() {
        // Page text stays the default for these names, so a stray note is reported as
        // "not a cable" rather than skipped without a word.
        None | Some("txt") => Some(text_or_telegram(text).unwrap_or(Layout::Text)),
        Some("csv") => (text.is_empty() || CSV_START.is_match(text)).then_some(Layout::Csv),
        Some("html") | Some("htm") => Some(Layout::Html),
        Some("jsonl") | Some("ndjson") => {
            (name != "manifest.jsonl" && looks_like_cable_json(text)).then_some(Layout::Jsonl)
        }
        Some(_) => by_content(text),
    }
}

/// Reads every cable in one file, calling `emit` once per cable (Ok) or per bad record (Err naming path and line/record number), in file order. Returns Err only when the whole file cannot be read. Must stream CSV and JSONL (bounded memory on a 1.7 GB file): never read the whole file into memory for those.
pub fn read_cables(path: &Path, layout: Layout, emit: &mut dyn FnMut(Result<Cable>)) -> Result<()> {
    match layout {
        Layout::Text => page_text::read(path, emit),
        Layout::Csv => cables_csv::read(path, emit),
        Layout::Html => html::read(path, emit),
        Layout::Telegram => telegram::read(path, emit),
        Layout::Jsonl => jsonl::read(path, emit),
        Layout::Dump => dump::read(path, emit),
    }
}

/// The first record of the 2011 `cables.csv`: row number, then an `MM/DD/YYYY` date.
static CSV_START: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"^"?\d+"?,"?\d{1,2}/\d{1,2}/\d{4}"#).expect("constant regex"));

/// The first non-blank line of `text`.
fn first_line(text: &str) -> &str {
    text.lines()
        .map(str::trim)
        .find(|line| !line.is_empty())
        .unwrap_or("")
}

/// Page text (a `Reference ID` header), a dump export (the five-line block) or a raw telegram
/// (routing from its first non-blank line, or after an archive's lines), judged by content.
fn text_or_telegram(text: &str) -> Option<Layout> {
    let line = first_line(text);
    if line.to_ascii_lowercase().starts_with("reference id") {
        Some(Layout::Text)
    } else if dump::looks_like_dump(text) {
        Some(Layout::Dump)
    } else if is_telegram_start(line) {
        Some(Layout::Telegram)
    } else {
        let (archive, lines) = repair::telegram_lines(text);
        let starts = lines
            .iter()
            .find(|line| !line.trim().is_empty())
            .is_some_and(|line| is_telegram_start(line.trim_start()));
        (!archive.is_empty() && starts).then_some(Layout::Telegram)
    }
}

/// Whether a JSON Lines file holds cables: its first object has a `body` key. A first line cut
/// off by the end of `head` counts when it opens like a cable object and has no manifest keys.
fn looks_like_cable_json(text: &str) -> bool {
    let line = first_line(text);
    if !line.starts_with('{') {
        return false;
    }
    if line.contains("\"body\"") {
        return true;
    }
    let complete = text.contains('\n');
    let manifest_keys = line.contains("\"refs\"") || line.contains("\"markers\"");
    !complete && !manifest_keys && line.contains("\"id\"")
}

/// The layout of a file whose extension says nothing.
fn by_content(text: &str) -> Option<Layout> {
    if let Some(layout) = text_or_telegram(text) {
        return Some(layout);
    }
    let lower_start: String = text.chars().take(512).collect::<String>().to_lowercase();
    if lower_start.starts_with('<') && lower_start.contains("<html") {
        return Some(Layout::Html);
    }
    if looks_like_cable_json(text) {
        return Some(Layout::Jsonl);
    }
    if CSV_START.is_match(text) {
        return Some(Layout::Csv);
    }
    None
}

/// The error for one bad record: the path, the line it starts on, and what is wrong.
fn record_error(path: &Path, line: usize, message: impl Into<String>) -> Error {
    Error::Parse {
        path: path.to_path_buf(),
        line,
        message: message.into(),
    }
}

/// Reads a whole (small, one-cable) file and decodes it lossily.
fn read_small_file(path: &Path) -> Result<String> {
    crate::corpus::read_text(path)
}

/// Two-digit telegram years: the cables run from 1966 to 2010.
fn full_year(two_digits: u32) -> i32 {
    let two_digits = i32::try_from(two_digits % 100).unwrap_or(0);
    if two_digits >= 50 {
        1900 + two_digits
    } else {
        2000 + two_digits
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    /// The folder of the layout fixtures.
    pub(crate) fn fixture(name: &str) -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/layouts")
            .join(name)
    }

    /// Every cable and error a file yields.
    pub(crate) fn read_all(path: &Path, layout: Layout) -> Vec<Result<Cable>> {
        let mut out = Vec::new();
        read_cables(path, layout, &mut |item| out.push(item)).unwrap();
        out
    }

    fn detect_file(name: &str) -> Option<Layout> {
        let path = fixture(name);
        let bytes = std::fs::read(&path).unwrap();
        detect(&path, &bytes[..bytes.len().min(4096)])
    }

    #[test]
    fn detects_each_fixture() {
        assert_eq!(detect_file("cables.csv"), Some(Layout::Csv));
        assert_eq!(detect_file("10ZEMBLA42.html"), Some(Layout::Html));
        assert_eq!(detect_file("73ZEMBLA810.html"), Some(Layout::Html));
        assert_eq!(detect_file("07SANRUSVALIA1165.txt"), Some(Layout::Telegram));
        assert_eq!(detect_file("cables.jsonl"), Some(Layout::Jsonl));
        assert_eq!(detect_file("03ZEMBLA1815.txt"), Some(Layout::Text));
    }

    #[test]
    fn skips_files_that_hold_no_cables() {
        let manifest = br#"{"id":"09X1","path":"a.txt","refs":[],"markers":["amber"]}
"#;
        assert_eq!(detect(Path::new("out/manifest.jsonl"), manifest), None);
        assert_eq!(detect(Path::new("out/other.jsonl"), manifest), None);
        assert_eq!(detect(Path::new("README.md"), b"# Notes"), None);
        assert_eq!(detect(Path::new(".gitignore"), b"target/"), None);
        assert_eq!(detect(Path::new("logo.png"), b"\x89PNG\r\n\x1a\n"), None);
        assert_eq!(detect(Path::new("tags.csv"), b"code,name\nPHUM,x\n"), None);
    }

    #[test]
    fn detects_telegrams_after_blank_lines_and_archive_lines() {
        assert_eq!(
            detect(
                Path::new("07ZEMBLA1165.txt"),
                b"\xEF\xBB\xBF\r\n   \r\nVZCZCXYZ0001\r\nPP RUEHWEB\r\n"
            ),
            Some(Layout::Telegram)
        );
        assert_eq!(
            detect(
                Path::new("89ZEMBLA77.txt"),
                b"INFO  LOG-00   EUR-00   AF-01    /006W\n      ------------------1A2B3C  071234Z /38\nR 071200Z MAR 89\nFM AMEMBASSY ZEMBLA\n"
            ),
            Some(Layout::Telegram)
        );
    }

    #[test]
    fn detects_by_content_for_odd_names() {
        assert_eq!(
            detect(Path::new("cable.dat"), b"\r\nVZCZCXYZ0001\r\nRR RUEHC\r\n"),
            Some(Layout::Telegram)
        );
        assert_eq!(
            detect(Path::new("cable"), b"R 161902Z FEB 07\nFM AMEMBASSY X\n"),
            Some(Layout::Telegram)
        );
        assert_eq!(
            detect(Path::new("cable.text"), b"Reference ID: 03X1\n"),
            Some(Layout::Text)
        );
        assert_eq!(
            detect(Path::new("page.xhtml"), b"<?xml version='1.0'?>\n<html>"),
            Some(Layout::Html)
        );
        assert_eq!(
            detect(
                Path::new("dump.out"),
                b"\"1\",\"12/28/1966 18:06\",\"66X1\""
            ),
            Some(Layout::Csv)
        );
        assert_eq!(
            detect(
                Path::new("dump.json"),
                b"{\"id\":\"03X1\",\"body\":\"x\"}\n"
            ),
            Some(Layout::Jsonl)
        );
        // A .txt note stays page text, so indexing reports it instead of skipping it.
        assert_eq!(detect(Path::new("notes.txt"), b"hello"), Some(Layout::Text));
        assert_eq!(detect(Path::new("notes.md"), b"hello"), None);
    }

    #[test]
    fn two_digit_years_span_the_cables() {
        assert_eq!(full_year(66), 1966);
        assert_eq!(full_year(7), 2007);
        assert_eq!(full_year(10), 2010);
    }
}
