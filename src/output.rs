//! Output: renders search results, cables and reports as tables, text, JSON, JSON Lines or IDs to any `io::Write`.

use std::io::{self, Write};

use console::Style;
use serde::Serialize;

use crate::cable::Cable;
use crate::search::{hit_from_cable, iso_date, Hit, SearchResults};
use crate::topics::{topics_for, Topic};

/// How search results are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SearchFormat {
    /// Ranked list with snippets, for people.
    Table,
    /// One JSON object with the hits and the total.
    Json,
    /// One JSON object per hit per line.
    Jsonl,
    /// One cable ID per line, in rank order.
    Ids,
}

/// How one cable is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ShowFormat {
    Text,
    Json,
}

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
        SearchFormat::Jsonl => {
            for hit in &results.hits {
                json_line(out, hit)?;
            }
            Ok(())
        }
        SearchFormat::Ids => {
            for hit in &results.hits {
                writeln!(out, "{}", hit.id)?;
            }
            Ok(())
        }
        SearchFormat::Table => write_search_table(out, results, display),
    }
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
        writeln!(
            out,
            "{:>3}. {}  {}  {}  {}  {}",
            rank + 1,
            bold.apply_to(&hit.id),
            date,
            hit.origin.as_deref().unwrap_or("unknown origin"),
            hit.classification.as_deref().unwrap_or("UNMARKED"),
            dim.apply_to(format!("score {:.2}", hit.score))
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
    pub references: Vec<String>,
    pub classified_by: Option<String>,
    pub routing: Option<String>,
    pub body: String,
    pub path: String,
}

impl ShowRecord {
    pub fn from_cable(cable: &Cable) -> ShowRecord {
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
            references: cable.references.clone(),
            classified_by: cable.classified_by.clone(),
            routing: cable.routing.clone(),
            body: cable.body.clone(),
            path: cable.path.to_string_lossy().into_owned(),
        }
    }
}

/// Writes one cable: metadata lines then the body, or the JSON record.
pub fn write_cable(
    out: &mut dyn Write,
    cable: &Cable,
    format: ShowFormat,
    display: Display,
) -> io::Result<()> {
    if format == ShowFormat::Json {
        return json_line(out, &ShowRecord::from_cable(cable));
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
    let officials: Vec<&str> = cable.officials.iter().map(|o| o.name.as_str()).collect();
    writeln!(out, "{}{}", label("Officials"), officials.join("; "))?;
    writeln!(
        out,
        "{}{}",
        label("References"),
        cable.references.join(", ")
    )?;
    writeln!(
        out,
        "{}{}",
        label("Classified By"),
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
