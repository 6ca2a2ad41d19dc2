//! Output: renders search results, cables and reports as tables, text, JSON, JSON Lines or IDs to any `io::Write`.

pub mod reports;

use std::io::{self, Write};

use console::Style;
use serde::Serialize;

use crate::cable::Cable;
use std::collections::BTreeMap;

use crate::search::{hit_from_cable, iso_date, Bucket, FacetCount, Hit, IndexStats, SearchResults};
use crate::telegram::CLASSIFIED_BY_LABEL;
use crate::topics::{tag_meaning, topics_for, Topic};

/// How search results are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchFormat {
    /// Ranked list with snippets, for people.
    Table,
    /// One JSON object with the hits and the total.
    Json,
    /// One JSON object per hit per line.
    Jsonl,
    /// One cable ID per line, in rank order.
    Ids,
    /// Comma-separated values with a header row, for spreadsheets.
    Csv,
}

/// How reports (`stats`, `bench`) are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    Table,
    Json,
}

/// How one cable is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShowFormat {
    Text,
    Json,
}

choices!(SearchFormat {
    SearchFormat::Table => "table",
    SearchFormat::Json => "json",
    SearchFormat::Jsonl => "jsonl",
    SearchFormat::Ids => "ids",
    SearchFormat::Csv => "csv",
});
choices!(ReportFormat {
    ReportFormat::Table => "table",
    ReportFormat::Json => "json",
});
choices!(ShowFormat {
    ShowFormat::Text => "text",
    ShowFormat::Json => "json",
});

/// Terminal facts the table renderer needs.
#[derive(Debug, Clone, Copy)]
pub struct Display {
    /// Colour and bold only when writing to a terminal.
    pub color: bool,
    /// Width to wrap at.
    pub width: usize,
}

impl Display {
    /// Plain output at 100 columns: what pipes and tests get.
    pub fn plain() -> Display {
        Display {
            color: false,
            width: 100,
        }
    }
}

fn json_line(out: &mut dyn Write, value: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer(&mut *out, value).map_err(io::Error::other)?;
    writeln!(out)
}

/// Writes search results in the chosen format.
pub fn write_search(
    out: &mut dyn Write,
    results: &SearchResults,
    format: SearchFormat,
    display: Display,
) -> io::Result<()> {
    match format {
        SearchFormat::Json => json_line(out, results),
        SearchFormat::Jsonl => write_jsonl_rows(out, &results.hits),
        SearchFormat::Ids => {
            for hit in &results.hits {
                writeln!(out, "{}", hit.id)?;
            }
            Ok(())
        }
        SearchFormat::Csv => write_search_csv(out, results),
        SearchFormat::Table => {
            write_search_table(out, results, display)?;
            write_facets(out, &results.facets, display)?;
            if let Some(histogram) = &results.histogram {
                write_histogram(out, histogram, display)?;
            }
            Ok(())
        }
    }
}

fn write_search_csv(out: &mut dyn Write, results: &SearchResults) -> io::Result<()> {
    write_csv_header(out)?;
    write_csv_rows(out, &results.hits, 1)
}

/// The header row of `--format csv`.
pub fn write_csv_header(out: &mut dyn Write) -> io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    let header = [
        "rank",
        "id",
        "created",
        "released",
        "classification",
        "origin",
        "subject",
        "tags",
        "officials",
        "score",
        "snippet",
    ];
    writer.write_record(header).map_err(io::Error::other)?;
    writer.flush()
}

/// Rows of `--format csv`, the first ranked `first_rank`, so a long list can be written in
/// pages.
pub fn write_csv_rows(out: &mut dyn Write, hits: &[Hit], first_rank: usize) -> io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    for (rank, hit) in (first_rank..).zip(hits) {
        let record = [
            rank.to_string(),
            hit.id.clone(),
            hit.created.clone().unwrap_or_default(),
            hit.released.clone().unwrap_or_default(),
            hit.classification.clone().unwrap_or_default(),
            hit.origin.clone().unwrap_or_default(),
            hit.subject.clone().unwrap_or_default(),
            hit.tags.join(" "),
            hit.officials.join("; "),
            format!("{:.4}", hit.score),
            hit.snippet.clone(),
        ];
        writer.write_record(&record).map_err(io::Error::other)?;
    }
    writer.flush()
}

/// Lines of `--format jsonl`: one hit each.
pub fn write_jsonl_rows(out: &mut dyn Write, hits: &[Hit]) -> io::Result<()> {
    for hit in hits {
        json_line(out, hit)?;
    }
    Ok(())
}

/// Facet counts as short ranked lists, tag codes with their meanings.
fn write_facets(
    out: &mut dyn Write,
    facets: &BTreeMap<String, Vec<FacetCount>>,
    display: Display,
) -> io::Result<()> {
    let bold = style(display, Style::new().bold());
    for (name, counts) in facets {
        writeln!(out)?;
        writeln!(out, "{}", bold.apply_to(format!("by {name}:")))?;
        if counts.is_empty() {
            writeln!(out, "  (none)")?;
        }
        let width = counts
            .iter()
            .map(|count| count.count.to_string().len())
            .max()
            .unwrap_or(1);
        let value_width = counts
            .iter()
            .map(|count| count.value.chars().count())
            .max()
            .unwrap_or(1);
        for count in counts {
            let meaning = if name == "tag" {
                tag_meaning(&count.value)
            } else {
                None
            };
            match meaning {
                Some(meaning) => writeln!(
                    out,
                    "  {:>width$}  {:<value_width$}  {meaning}",
                    count.count, count.value
                )?,
                None => writeln!(out, "  {:>width$}  {}", count.count, count.value)?,
            }
        }
    }
    Ok(())
}

/// A bar chart of matches over time, scaled to the terminal width.
fn write_histogram(out: &mut dyn Write, buckets: &[Bucket], display: Display) -> io::Result<()> {
    writeln!(out)?;
    let bold = style(display, Style::new().bold());
    writeln!(out, "{}", bold.apply_to("over time:"))?;
    let max = buckets
        .iter()
        .map(|bucket| bucket.count)
        .max()
        .unwrap_or(0)
        .max(1);
    let label_width = buckets.iter().map(|b| b.bucket.len()).max().unwrap_or(4);
    let bar_room = display.width.saturating_sub(label_width + 12).max(10) as u64;
    let mark = if display.color { "█" } else { "#" };
    for bucket in buckets {
        let length = (bucket.count * bar_room).div_ceil(max) as usize;
        writeln!(
            out,
            "  {:<label_width$}  {:>6}  {}",
            bucket.bucket,
            bucket.count,
            mark.repeat(length)
        )?;
    }
    Ok(())
}

fn style(display: Display, style: Style) -> Style {
    style.force_styling(display.color)
}

fn write_search_table(
    out: &mut dyn Write,
    results: &SearchResults,
    display: Display,
) -> io::Result<()> {
    let shown = results.hits.len();
    let noun = if results.total == 1 {
        "cable"
    } else {
        "cables"
    };
    writeln!(
        out,
        "{} {noun} match {:?}{}",
        results.total,
        results.query,
        if shown < results.total {
            format!(", showing {shown}")
        } else {
            String::new()
        }
    )?;
    let bold = style(display, Style::new().bold());
    let dim = style(display, Style::new().dim());
    let width = display.width.max(40);
    let indent = "     ";
    for (rank, hit) in results.hits.iter().enumerate() {
        writeln!(out)?;
        let date = hit
            .created
            .as_deref()
            .map(|date| &date[..date.len().min(10)])
            .unwrap_or("????-??-??");
        // Browsing and date-sorted lists have no relevance score worth showing.
        let score = if hit.score > 0.0 {
            format!("  {}", dim.apply_to(format!("score {:.2}", hit.score)))
        } else {
            String::new()
        };
        writeln!(
            out,
            "{:>3}. {}  {}  {}  {}{score}",
            rank + 1,
            bold.apply_to(&hit.id),
            date,
            hit.origin.as_deref().unwrap_or("unknown origin"),
            hit.classification.as_deref().unwrap_or("UNMARKED"),
        )?;
        if let Some(subject) = &hit.subject {
            for line in textwrap::wrap(subject, wrap_options(width, indent)) {
                writeln!(out, "{line}")?;
            }
        }
        let snippet = highlighted(hit, display);
        if !snippet.is_empty() {
            for line in textwrap::wrap(&snippet, wrap_options(width, indent)) {
                writeln!(out, "{line}")?;
            }
        }
    }
    Ok(())
}

fn wrap_options<'a>(width: usize, indent: &'a str) -> textwrap::Options<'a> {
    textwrap::Options::new(width)
        .initial_indent(indent)
        .subsequent_indent(indent)
}

/// The snippet with matched words in bold yellow on a terminal, or plain when piped.
fn highlighted(hit: &Hit, display: Display) -> String {
    if !display.color || hit.highlights.is_empty() {
        return hit.snippet.clone();
    }
    let mark = style(display, Style::new().yellow().bold());
    let mut text = String::with_capacity(hit.snippet.len() + 16 * hit.highlights.len());
    let mut cursor = 0;
    for range in &hit.highlights {
        let (Some(before), Some(word)) = (
            hit.snippet.get(cursor..range.start),
            hit.snippet.get(range.clone()),
        ) else {
            continue;
        };
        text.push_str(before);
        text.push_str(&mark.apply_to(word).to_string());
        cursor = range.end;
    }
    text.push_str(hit.snippet.get(cursor..).unwrap_or_default());
    text
}

/// An official with the title the cable gives them.
#[derive(Debug, Serialize)]
pub struct OfficialTitle {
    pub name: String,
    pub title: Option<String>,
}

/// `show --format json`: the hit keys (no score or snippet) plus the full record.
#[derive(Debug, Serialize)]
pub struct ShowRecord {
    pub id: String,
    pub created: Option<String>,
    pub released: Option<String>,
    pub classification: Option<String>,
    pub origin: Option<String>,
    pub subject: Option<String>,
    pub tags: Vec<String>,
    pub topics: Vec<Topic>,
    pub officials: Vec<String>,
    pub official_titles: Vec<OfficialTitle>,
    pub references: Vec<String>,
    pub cited_by: Vec<String>,
    pub classified_by: Option<String>,
    pub routing: Option<String>,
    pub body: String,
    /// Where the cable was read from; left out where the reader should not learn paths
    /// (the web server).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
}

impl ShowRecord {
    pub fn from_cable(cable: &Cable, cited_by: &[String]) -> ShowRecord {
        let hit = hit_from_cable(cable);
        ShowRecord {
            id: hit.id,
            created: hit.created,
            released: hit.released,
            classification: hit.classification,
            origin: hit.origin,
            subject: hit.subject,
            tags: hit.tags,
            topics: topics_for(&cable.tags),
            officials: hit.officials,
            official_titles: cable
                .officials
                .iter()
                .map(|official| OfficialTitle {
                    name: official.name.clone(),
                    title: official.title.clone(),
                })
                .collect(),
            references: cable.references.clone(),
            cited_by: cited_by.to_vec(),
            classified_by: cable.classified_by.clone(),
            routing: cable.routing.clone(),
            body: cable.body.clone(),
            path: Some(cable.path.to_string_lossy().into_owned()),
        }
    }
}

/// Writes one cable: metadata lines then the body, or the JSON record.
pub fn write_cable(
    out: &mut dyn Write,
    cable: &Cable,
    cited_by: &[String],
    format: ShowFormat,
    display: Display,
) -> io::Result<()> {
    if format == ShowFormat::Json {
        return write_cable_json(out, &ShowRecord::from_cable(cable, cited_by));
    }
    let bold = style(display, Style::new().bold());
    let label = |name: &str| bold.apply_to(format!("{name:<15}")).to_string();
    writeln!(out, "{}{}", label("Reference ID"), cable.id)?;
    let date = |date| iso_date(date).unwrap_or_else(|| "unknown".to_string());
    writeln!(out, "{}{}", label("Created"), date(cable.created))?;
    writeln!(out, "{}{}", label("Released"), date(cable.released))?;
    let or_none = |value: Option<String>| value.unwrap_or_else(|| "none".to_string());
    writeln!(
        out,
        "{}{}",
        label("Classification"),
        or_none(cable.classification.as_ref().map(ToString::to_string))
    )?;
    writeln!(out, "{}{}", label("Origin"), or_none(cable.origin.clone()))?;
    writeln!(
        out,
        "{}{}",
        label("Subject"),
        or_none(cable.subject.clone())
    )?;
    let topics: Vec<String> = topics_for(&cable.tags)
        .into_iter()
        .map(|topic| match topic.name {
            Some(name) => format!("{} ({name})", topic.code),
            None => topic.code,
        })
        .collect();
    writeln!(out, "{}{}", label("Tags"), topics.join(", "))?;
    let officials: Vec<String> = cable
        .officials
        .iter()
        .map(|official| match &official.title {
            Some(title) => format!("{} ({title})", official.name),
            None => official.name.clone(),
        })
        .collect();
    writeln!(out, "{}{}", label("Officials"), officials.join("; "))?;
    writeln!(out, "{}{}", label("Cites"), cable.references.join(", "))?;
    writeln!(out, "{}{}", label("Cited by"), cited_by.join(", "))?;
    writeln!(
        out,
        "{}{}",
        label(CLASSIFIED_BY_LABEL),
        or_none(cable.classified_by.clone())
    )?;
    writeln!(out, "{}{}", label("Path"), cable.path.display())?;
    writeln!(out)?;
    if let Some(routing) = &cable.routing {
        writeln!(
            out,
            "{}",
            style(display, Style::new().dim()).apply_to(routing)
        )?;
        writeln!(out)?;
    }
    writeln!(out, "{}", cable.body)
}

/// Writes `show --format json` (one line) for a record, which may have had its path removed.
pub fn write_cable_json(out: &mut dyn Write, record: &ShowRecord) -> io::Result<()> {
    json_line(out, record)
}

/// Writes `cables stats`.
pub fn write_stats(
    out: &mut dyn Write,
    stats: &IndexStats,
    format: ReportFormat,
    display: Display,
) -> io::Result<()> {
    if format == ReportFormat::Json {
        return json_line(out, stats);
    }
    let day = |date: &Option<String>| {
        date.as_deref()
            .map(|date| date[..date.len().min(10)].to_string())
            .unwrap_or_else(|| "unknown".to_string())
    };
    writeln!(out, "cables     {}", stats.cables)?;
    writeln!(
        out,
        "created    {} to {}",
        day(&stats.first),
        day(&stats.last)
    )?;
    writeln!(
        out,
        "index size {:.1} MB ({} bytes)",
        stats.index_bytes as f64 / 1_000_000.0,
        stats.index_bytes
    )?;
    write_facets(out, &stats.facets, display)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn results() -> SearchResults {
        let hit = Hit {
            id: "06QUITO1530".to_string(),
            created: Some("2006-07-03T14:10:00Z".to_string()),
            released: Some("2011-08-30T01:44:00Z".to_string()),
            classification: Some("CONFIDENTIAL//NOFORN".to_string()),
            origin: Some("Embassy Quito".to_string()),
            subject: Some("PROVINCIAL MAYORS COMPLAIN, AGAIN".to_string()),
            tags: vec!["PGOV".to_string(), "EC".to_string()],
            officials: vec!["Ana Whitfield".to_string(), "Luis Mora".to_string()],
            score: 1.5,
            snippet: "relief tarpaulins never arrived".to_string(),
            highlights: vec![0..6, 20..28],
        };
        SearchResults {
            query: "relief".to_string(),
            total: 1,
            hits: vec![hit],
            facets: BTreeMap::from([(
                "tag".to_string(),
                vec![FacetCount {
                    value: "PGOV".to_string(),
                    count: 1,
                }],
            )]),
            histogram: None,
            warnings: Vec::new(),
        }
    }

    fn render(format: SearchFormat) -> String {
        let mut out = Vec::new();
        write_search(&mut out, &results(), format, Display::plain()).expect("write");
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn table_shows_id_subject_snippet_and_facets_without_colour() {
        let table = render(SearchFormat::Table);
        for part in [
            "06QUITO1530",
            "PROVINCIAL MAYORS COMPLAIN, AGAIN",
            "relief tarpaulins never arrived",
            "PGOV",
        ] {
            assert!(table.contains(part), "{part:?} missing from:\n{table}");
        }
        assert!(
            !table.contains('\u{1b}'),
            "plain output has no escape codes"
        );
    }

    #[test]
    fn json_is_one_object_with_total_hits_and_facets() {
        let json = render(SearchFormat::Json);
        assert_eq!(json.lines().count(), 1);
        let value: serde_json::Value = serde_json::from_str(&json).expect("JSON");
        assert_eq!(value["total"], 1);
        assert_eq!(value["hits"][0]["id"], "06QUITO1530");
        assert_eq!(value["hits"][0]["officials"][1], "Luis Mora");
        assert_eq!(value["facets"]["tag"][0]["value"], "PGOV");
        assert!(value.get("histogram").is_none());
    }

    #[test]
    fn csv_has_a_header_and_one_quoted_row_per_hit() {
        let csv = render(SearchFormat::Csv);
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let header: Vec<String> = reader
            .headers()
            .expect("header")
            .iter()
            .map(str::to_string)
            .collect();
        assert_eq!(header[..3], ["rank", "id", "created"]);
        let rows: Vec<csv::StringRecord> = reader.records().map(|row| row.expect("row")).collect();
        assert_eq!(rows.len(), 1);
        let field = |name: &str| {
            let column = header.iter().position(|h| h == name).expect(name);
            rows[0][column].to_string()
        };
        assert_eq!(field("rank"), "1");
        assert_eq!(field("subject"), "PROVINCIAL MAYORS COMPLAIN, AGAIN");
        assert_eq!(field("tags"), "PGOV EC");
        assert_eq!(field("officials"), "Ana Whitfield; Luis Mora");
        assert_eq!(field("score"), "1.5000");
    }

    #[test]
    fn ids_and_jsonl_write_one_line_per_hit() {
        assert_eq!(render(SearchFormat::Ids), "06QUITO1530\n");
        let jsonl = render(SearchFormat::Jsonl);
        assert_eq!(jsonl.lines().count(), 1);
        let hit: serde_json::Value = serde_json::from_str(jsonl.trim_end()).expect("JSON");
        assert_eq!(hit["origin"], "Embassy Quito");
    }
}
