//! Reports for people and programs: the indexing summary and JSON report, `cables check`, `cables bench`.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use crate::bench::{BenchReport, IndexFigures};
use crate::index::CheckReport;
use crate::ingest::{IndexReport, StageTimes};

/// The one summary line `cables index` prints.
pub fn index_summary_line(report: &IndexReport) -> String {
    let mut line = format!(
        "indexed {} cables, skipped {} files, in {:.2} s ({:.0} cables/s, {:.1} MB/s)",
        report.indexed,
        report.skipped.len(),
        report.seconds,
        report.cables_per_second(),
        report.megabytes_per_second(),
    );
    if !report.layouts.is_empty() {
        let read: Vec<String> = report
            .layouts
            .iter()
            .map(|(layout, count)| format!("{} {}", thousands(*count as u64), layout.plural_noun()))
            .collect();
        line.push_str(&format!("; read {}", read.join(", ")));
    }
    if !report.degraded.is_empty() {
        line.push_str(&format!(
            "; {} cables lack a date, classification or origin",
            report.degraded.len()
        ));
    }
    if report.files_unchanged > 0 {
        line.push_str(&format!("; {} files unchanged", report.files_unchanged));
    }
    if report.removed > 0 {
        line.push_str(&format!("; removed {} cables", report.removed));
    }
    if report.files_missing > 0 {
        line.push_str(&format!(
            "; {} indexed files are gone (--prune removes their cables)",
            report.files_missing
        ));
    }
    line.push_str(&format!(
        "; {} now holds {} cables",
        report.index.display(),
        report.total_cables
    ));
    line
}

/// `13928` -> `13,928`.
pub(crate) fn thousands(number: u64) -> String {
    let digits = number.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// The indexing report: the summary line, or the whole report as one JSON object.
pub fn write_index_report(
    out: &mut dyn Write,
    report: &IndexReport,
    json: bool,
) -> std::io::Result<()> {
    if json {
        serde_json::to_writer(&mut *out, report).map_err(std::io::Error::other)?;
        writeln!(out)
    } else {
        writeln!(out, "{}", index_summary_line(report))
    }
}

/// `cables check`: the sound line, or each problem and how to rebuild.
pub fn write_check(out: &mut dyn Write, index: &Path, report: &CheckReport) -> std::io::Result<()> {
    if report.is_sound() {
        return writeln!(
            out,
            "{}: sound ({} cables, {} segment files verified)",
            index.display(),
            report.cables,
            report.files_checked
        );
    }
    for problem in &report.problems {
        writeln!(out, "{}: {problem}", index.display())?;
    }
    writeln!(
        out,
        "{} is damaged: rebuild it with `cables index CORPUS_DIR --rebuild --index {}`",
        index.display(),
        index.display()
    )
}

/// Writes the report: aligned tables for people, or one JSON object (and a newline).
pub fn write_bench(out: &mut dyn Write, report: &BenchReport, json: bool) -> std::io::Result<()> {
    if json {
        serde_json::to_writer(&mut *out, report)?;
        return writeln!(out);
    }
    let bytes = report.corpus.bytes.map_or("-".to_string(), |bytes| {
        format!("{:.1} MB", bytes as f64 / 1e6)
    });
    writeln!(out, "corpus: {} cables, {bytes}", report.corpus.cables)?;
    let load = report
        .load_average
        .map_or("-".to_string(), |load| format!("{load:.2}"));
    writeln!(
        out,
        "machine: {} cores, load average {load} at the start",
        report.cores
    )?;
    writeln!(out)?;
    match &report.index {
        None => writeln!(out, "indexing: not measured (an existing index was given)")?,
        Some(index) => write_index_figures(out, index)?,
    }
    writeln!(out)?;
    writeln!(
        out,
        "queries: {} runs each, one index reader shared by every search, as `cables serve` does (opening one, as each `cables search` process does, costs {:.2} ms p50, not included)",
        report.runs, report.reader_open_p50_ms
    )?;
    let class_width = report
        .queries
        .iter()
        .map(|query| query.class.len())
        .max()
        .unwrap_or(5)
        .max(5);
    let query_width = report
        .queries
        .iter()
        .map(|query| query.query.chars().count())
        .max()
        .unwrap_or(5)
        .clamp(5, 40);
    writeln!(
        out,
        "  {:<class_width$}  {:<query_width$}  {:>8}  {:>9}  {:>9}  {:>9}",
        "class", "query", "hits", "p50 ms", "p95 ms", "p99 ms"
    )?;
    for query in &report.queries {
        writeln!(
            out,
            "  {:<class_width$}  {:<query_width$}  {:>8}  {:>9.2}  {:>9.2}  {:>9.2}",
            query.class, query.query, query.hits, query.p50_ms, query.p95_ms, query.p99_ms
        )?;
    }
    writeln!(out)?;
    match &report.process {
        None => writeln!(out, "whole process: not measured (no binary)")?,
        Some(process) => writeln!(
            out,
            "whole process: `cables search {:?} --format ids` p50 {:.1} ms over {} runs",
            process.query, process.p50_ms, process.runs
        )?,
    }
    Ok(())
}

fn write_index_figures(out: &mut dyn Write, index: &IndexFigures) -> std::io::Result<()> {
    let optional = |value: Option<f64>, unit: &str| {
        value.map_or("-".to_string(), |value| format!("{value:.1} {unit}"))
    };
    writeln!(
        out,
        "indexing: {:.2} s wall, {:.0} cables/s, {:.2} MB/s, CPU {}, peak RSS {}, index {:.1} MB, {} skipped",
        index.seconds,
        index.cables_per_s,
        index.mb_per_s,
        optional(index.cpu_seconds, "s"),
        optional(index.peak_rss_bytes.map(|bytes| bytes as f64 / 1e6), "MB"),
        index.index_bytes as f64 / 1e6,
        index.skipped
    )?;
    writeln!(
        out,
        "  stages (read, parse, document: thread-seconds over all workers; others: wall seconds)"
    )?;
    for (stage, seconds) in stage_rows(&index.stages) {
        writeln!(out, "  {stage:<10} {seconds:>9.2} s")?;
    }
    Ok(())
}

/// Stage names and seconds in pipeline order; stages added to [`StageTimes`] later follow.
fn stage_rows(stages: &StageTimes) -> Vec<(String, f64)> {
    const PIPELINE: [&str; 6] = ["walk", "read", "parse", "document", "index", "commit"];
    let values: BTreeMap<String, f64> = serde_json::to_value(stages)
        .ok()
        .and_then(|value| serde_json::from_value(value).ok())
        .unwrap_or_default();
    let mut rows: Vec<(String, f64)> = PIPELINE
        .iter()
        .filter_map(|name| {
            values
                .get(*name)
                .map(|seconds| (name.to_string(), *seconds))
        })
        .collect();
    rows.extend(
        values
            .iter()
            .filter(|(name, _)| !PIPELINE.contains(&name.as_str()))
            .map(|(name, seconds)| (name.clone(), *seconds)),
    );
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_groups_digits() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(13928), "13,928");
        assert_eq!(thousands(1234567), "1,234,567");
    }
}
