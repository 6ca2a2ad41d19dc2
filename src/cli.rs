//! Command line: clap definitions of every subcommand and `run`, which turns flags into library requests and renders the outcome.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, Parser, Subcommand};

use crate::index::{build_index, CableIndex, IndexOptions, IndexReport, SkippedFile};
use crate::output::{self, Display, SearchFormat, ShowFormat};
use crate::search::{self, SearchRequest};

/// Exit codes shared by every subcommand.
pub mod exit {
    /// Success.
    pub const OK: u8 = 0;
    /// A search or lookup matched nothing.
    pub const NO_MATCH: u8 = 1;
    /// An error: bad flags, bad query, unreadable index.
    pub const ERROR: u8 = 2;
    /// Indexing finished but skipped some files.
    pub const SKIPPED: u8 = 3;
}

/// Default index location, relative to the working directory.
pub const DEFAULT_INDEX: &str = "index";
/// Default corpus location: the bundled sample corpus.
pub const DEFAULT_CORPUS: &str = "corpus";

/// Full-text search over leaked diplomatic cables: ingest a folder of cables, then run ranked,
/// filtered searches with boolean and phrase syntax.
#[derive(Debug, Parser)]
#[command(name = "cables", version, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Ingest a folder of cables into the index (upserting by reference ID).
    Index(IndexArgs),
    /// Ranked full-text search (BM25) over subject and body.
    Search(SearchArgs),
    /// Print one cable: metadata, then the body.
    Show(ShowArgs),
}

#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Folder of cables to ingest (walked recursively) [default: corpus/]
    pub corpus: Option<PathBuf>,
    /// Index location.
    #[arg(long, default_value = DEFAULT_INDEX)]
    pub index: PathBuf,
    /// Memory budget of the index writer, in MB (shared by its threads).
    #[arg(long, default_value_t = 512, value_parser = clap::value_parser!(u64).range(16..=65_536))]
    pub memory_mb: u64,
    /// Indexing threads [default: one per core]
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
    /// Commit after this many cables, so an interrupted run keeps what it committed.
    #[arg(long, default_value_t = 50_000, value_parser = clap::value_parser!(u64).range(1..))]
    pub commit_every: u64,
    /// Delete the index and build it from scratch.
    #[arg(long)]
    pub rebuild: bool,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query: words (all must match), AND, OR, NOT, -word, (groups), "phrases",
    /// field:value (id, subject, body, tag, topic, origin, classification, official, reference).
    /// `*` matches every cable.
    pub query: String,
    /// Index location [default: index/, built from corpus/ when missing]
    #[arg(long)]
    pub index: Option<PathBuf>,
    /// Hits per page.
    #[arg(long, short = 'n', default_value_t = 10)]
    pub limit: usize,
    /// Hits to skip (for the next pages).
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// Return every match.
    #[arg(long)]
    pub all: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = SearchFormat::Table)]
    pub format: SearchFormat,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Reference ID of the cable (any case), e.g. 03GUATEMALA1815.
    pub id: String,
    /// Index location [default: index/, built from corpus/ when missing]
    #[arg(long)]
    pub index: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
    pub format: ShowFormat,
}

/// Runs a parsed command line; the binary's only call into the library.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Index(args) => run_index(args),
        Command::Search(args) => run_search(args),
        Command::Show(args) => run_show(args),
    }
}

fn stderr_is_terminal() -> bool {
    std::io::stderr().is_terminal()
}

fn stdout_display() -> Display {
    let stdout = std::io::stdout();
    if stdout.is_terminal() {
        let width = console::Term::stdout()
            .size_checked()
            .map_or(100, |(_, columns)| usize::from(columns));
        Display {
            color: true,
            width: width.clamp(40, 160),
        }
    } else {
        Display::plain()
    }
}

/// The bundled corpus: `corpus/` here, else the one beside the sources this binary was built from.
fn default_corpus() -> PathBuf {
    let local = PathBuf::from(DEFAULT_CORPUS);
    if local.is_dir() {
        return local;
    }
    let bundled = Path::new(env!("CARGO_MANIFEST_DIR")).join(DEFAULT_CORPUS);
    if bundled.is_dir() {
        bundled
    } else {
        local
    }
}

fn report_skip(file: &SkippedFile) {
    eprintln!("skipped {}: {}", file.path.display(), file.reason);
}

fn report_duplicates(report: &IndexReport) {
    for duplicate in &report.duplicates {
        eprintln!(
            "duplicate {}: kept {}, dropped {}",
            duplicate.id,
            duplicate.kept.display(),
            duplicate.dropped.display()
        );
    }
}

fn run_index(args: IndexArgs) -> anyhow::Result<ExitCode> {
    let corpus = args.corpus.unwrap_or_else(default_corpus);
    let mut options = IndexOptions::new(&corpus, &args.index);
    options.memory_budget = usize::try_from(args.memory_mb.saturating_mul(1024 * 1024))
        .context("--memory-mb is too large for this machine")?;
    options.threads = args.threads;
    options.commit_every = usize::try_from(args.commit_every).unwrap_or(usize::MAX);
    options.rebuild = args.rebuild;
    options.show_progress = stderr_is_terminal();
    let report = build_index(&options, &mut report_skip)
        .with_context(|| format!("indexing {} failed", corpus.display()))?;
    report_duplicates(&report);
    println!("{}", report.summary_line());
    Ok(ExitCode::from(if report.skipped.is_empty() {
        exit::OK
    } else {
        exit::SKIPPED
    }))
}

/// Opens the index a search names, or the default one, building it from the bundled corpus
/// the first time so that a newcomer's first search just works.
fn open_for_reading(index: Option<PathBuf>) -> anyhow::Result<CableIndex> {
    if let Some(path) = index {
        return Ok(CableIndex::open(&path)?);
    }
    let path = PathBuf::from(DEFAULT_INDEX);
    if !CableIndex::exists(&path) {
        let corpus = default_corpus();
        eprintln!(
            "no index at {}/: building it from {} (once)",
            path.display(),
            corpus.display()
        );
        let mut options = IndexOptions::new(&corpus, &path);
        options.show_progress = stderr_is_terminal();
        let report = build_index(&options, &mut report_skip)
            .with_context(|| format!("building the default index from {}", corpus.display()))?;
        eprintln!("{}", report.summary_line());
    }
    Ok(CableIndex::open(&path)?)
}

fn run_search(args: SearchArgs) -> anyhow::Result<ExitCode> {
    let index = open_for_reading(args.index)?;
    let request = SearchRequest {
        query: args.query,
        limit: args.limit,
        offset: args.offset,
        all: args.all,
    };
    let results = search::search(&index, &request)?;
    let mut stdout = std::io::stdout().lock();
    output::write_search(&mut stdout, &results, args.format, stdout_display())?;
    stdout.flush()?;
    Ok(ExitCode::from(if results.total == 0 {
        exit::NO_MATCH
    } else {
        exit::OK
    }))
}

fn run_show(args: ShowArgs) -> anyhow::Result<ExitCode> {
    let index = open_for_reading(args.index)?;
    let cable = match search::find_cable(&index, &args.id) {
        Ok(cable) => cable,
        Err(crate::Error::UnknownCable { id }) => {
            eprintln!("no cable with ID {id} in {}", index.path.display());
            return Ok(ExitCode::from(exit::NO_MATCH));
        }
        Err(error) => return Err(error.into()),
    };
    let mut stdout = std::io::stdout().lock();
    output::write_cable(&mut stdout, &cable, args.format, stdout_display())?;
    stdout.flush()?;
    Ok(ExitCode::from(exit::OK))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn search_flags_parse_with_defaults() {
        let cli = Cli::try_parse_from(["cables", "search", "smuggling AND Salvadoran"]).unwrap();
        let Command::Search(args) = cli.command else {
            panic!("expected search");
        };
        assert_eq!(args.limit, 10);
        assert_eq!(args.format, SearchFormat::Table);
        assert!(args.index.is_none());
    }

    #[test]
    fn index_rejects_a_tiny_memory_budget() {
        assert!(Cli::try_parse_from(["cables", "index", "--memory-mb", "1"]).is_err());
    }
}
