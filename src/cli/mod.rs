//! Command line: clap definitions of every subcommand and `run`, which turns flags into library requests and renders the outcome.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use std::str::FromStr;

use cables::choice::{Choice, UnknownChoice};
use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand};

use cables::index::{check_index, CableIndex};
use cables::ingest::{
    build_index, IndexOptions, IndexReport, IngestEvent, MergeMode, ReportLine, SkippedFile,
};
use chrono::{DateTime, Utc};

use cables::collect::{FacetField, Interval};
use cables::export::{self, ExportOptions, Target};
use cables::formats::Layout;
use cables::output::reports;
use cables::output::{self, Display, ReportFormat, SearchFormat, ShowFormat};
use cables::parse::parse_period;
use cables::query::{FilterKind, Filters};
use cables::search::{self, SearchRequest, SearchResults, SortOrder};
use cables::synth::{self, SynthFormat, SynthOptions};
use indicatif::{ProgressBar, ProgressStyle};

/// A flag whose values are a library [`Choice`]: the names are listed in `--help` and checked.
fn choice<T>() -> impl TypedValueParser<Value = T>
where
    T: Choice + FromStr<Err = UnknownChoice> + Clone + Send + Sync + 'static,
{
    PossibleValuesParser::new(T::names()).try_map(|name| name.parse::<T>())
}

/// How the command line names a filter in messages: by its flag.
fn flag_name(kind: FilterKind) -> String {
    match kind {
        FilterKind::Created => "--from/--to".to_string(),
        FilterKind::Released => "--released-from/--released-to".to_string(),
        kind => format!("--{kind}"),
    }
}

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
    Search(Box<SearchArgs>),
    /// Print one cable: metadata, the cables it cites and the cables citing it, then the body.
    Show(ShowArgs),
    /// Cables most like a given one (more-like-this over subject and body).
    Similar(SimilarArgs),
    /// Size, date range and top values of every facet of an index.
    Stats(StatsArgs),
    /// Generate a reproducible synthetic corpus at Cablegate scale, with a manifest.
    Synth(SynthArgs),
    /// Verify an index: segment files, checksums, and cable count against the ingest record.
    Check(CheckArgs),
    /// Measure indexing and search on a corpus, a synthetic corpus or an existing index.
    Bench(BenchArgs),
    /// Serve a read-only web interface and JSON API over the index (loopback by default).
    Serve(ServeArgs),
    /// Write the index's cables as NDJSON for Quickwit or OpenSearch, with that engine's
    /// index configuration and a manifest.
    Export(ExportArgs),
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Index location [default: index/, built from corpus/ when missing]
    #[arg(long)]
    pub index: Option<PathBuf>,
    /// Folder to write (created; refused unless it is new or empty).
    #[arg(long, value_name = "DIR")]
    pub to: PathBuf,
    /// The engine to hand the cables to.
    #[arg(long, value_parser = choice::<Target>())]
    pub target: Target,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Index location [default: index/, built from corpus/ when missing]
    #[arg(long)]
    pub index: Option<PathBuf>,
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, default_value = cables::serve::DEFAULT_BIND)]
    pub bind: std::net::SocketAddr,
    /// Allow a non-loopback --bind address (the index becomes readable by anyone who can
    /// reach it).
    #[arg(long)]
    pub allow_remote: bool,
    /// Also accept requests whose Host header names this host (repeatable); loopback names
    /// (127.0.0.1, localhost, [::1]) are always accepted.
    #[arg(long = "allowed-host", value_name = "NAME")]
    pub allowed_hosts: Vec<String>,
}

#[derive(Debug, Args)]
pub struct BenchArgs {
    /// An existing folder of cables to index.
    #[arg(long)]
    pub corpus: Option<PathBuf>,
    /// Generate this many synthetic cables into a temporary folder first.
    #[arg(long)]
    pub synth: Option<usize>,
    /// Seed for --synth.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Query file: class<TAB>query[<TAB>key=value flags].
    #[arg(long, default_value = cables::bench::DEFAULT_QUERIES)]
    pub queries: PathBuf,
    /// Repetitions of each query.
    #[arg(long, default_value_t = cables::bench::DEFAULT_RUNS)]
    pub runs: usize,
    /// Use this index instead of building one (indexing is then not measured).
    #[arg(long)]
    pub index: Option<PathBuf>,
    /// Indexing threads [default: one per core]
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
    /// Memory budget of the index writer, in MB.
    #[arg(long, default_value_t = 512, value_parser = clap::value_parser!(u64).range(16..=65_536))]
    pub memory_mb: u64,
    /// Output format.
    #[arg(long, value_parser = choice::<ReportFormat>(), default_value_t = ReportFormat::Table)]
    pub format: ReportFormat,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Index location.
    #[arg(long, default_value = DEFAULT_INDEX)]
    pub index: PathBuf,
}

#[derive(Debug, Args)]
pub struct SynthArgs {
    /// Folder to write into (`cables/YYYY/MM/<ID>.txt` and `manifest.jsonl`), or with
    /// `--format jsonl` the JSON Lines file to write.
    #[arg(long)]
    pub out: PathBuf,
    /// How many cables (the full release has 251,287).
    #[arg(long, default_value_t = 25_000)]
    pub count: usize,
    /// Random seed; the same count and seed give byte-identical files.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// A folder of page-text files with a manifest, or one JSON Lines file of the same
    /// cables (the layout `cables index` reads).
    #[arg(long, value_parser = choice::<SynthFormat>(), default_value_t = SynthFormat::Files)]
    pub format: SynthFormat,
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
    /// Also commit after this many cables [default: time decides, see --commit-secs]
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..))]
    pub commit_every: Option<u64>,
    /// Commit when this many seconds have passed since the last commit, so an interrupted run
    /// keeps what it committed.
    #[arg(long, default_value_t = 120, value_parser = clap::value_parser!(u64).range(1..))]
    pub commit_secs: u64,
    /// Merge the index into one segment at the end: after a run that wrote at least half of
    /// the index (auto), always, or never (tantivy's merge policy decides).
    #[arg(long, value_parser = choice::<MergeMode>(), default_value_t = MergeMode::Never)]
    pub merge: MergeMode,
    /// Empty the index and build it from scratch.
    #[arg(long)]
    pub rebuild: bool,
    /// Delete cables whose files are gone from CORPUS_DIR.
    #[arg(long)]
    pub prune: bool,
    /// Read every file as this layout instead of detecting each file's layout.
    #[arg(long, value_parser = choice::<Layout>())]
    pub layout: Option<Layout>,
    /// Write one JSON line per skipped or degraded file to FILE: {"path", "reason", "detail"}
    /// (reasons: empty, too_large, not_a_cable, bad_header, bad_csv_record, bad_json_line,
    /// unreadable, duplicate_id, incomplete).
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// Fail with exit 2, committing nothing, at the first file that would be skipped.
    #[arg(long)]
    pub strict: bool,
    /// Summary format: one line, or the full report as JSON (with stage timings).
    #[arg(long, value_enum, default_value_t = IndexFormat::Line)]
    pub format: IndexFormat,
}

/// How `cables index` reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum IndexFormat {
    Line,
    Json,
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
    #[arg(long, value_parser = choice::<SearchFormat>(), default_value_t = SearchFormat::Table)]
    pub format: SearchFormat,
    /// Count matches by these fields (repeatable or comma separated).
    #[arg(long, value_parser = choice::<FacetField>(), value_delimiter = ',')]
    pub facet: Vec<FacetField>,
    /// Values shown per facet.
    #[arg(long, default_value_t = 10)]
    pub facet_limit: usize,
    /// Only cables with this TAGS code (repeatable: all must hold).
    #[arg(long)]
    pub tag: Vec<String>,
    /// Only cables from this origin, e.g. "Embassy Guatemala".
    #[arg(long)]
    pub origin: Option<String>,
    /// Only cables with this marking; SECRET includes SECRET//NOFORN.
    #[arg(long)]
    pub classification: Option<String>,
    /// Only cables naming this official.
    #[arg(long)]
    pub official: Option<String>,
    /// Created on or after: YYYY, YYYY-MM or YYYY-MM-DD.
    #[arg(long, value_parser = parse_period_flag)]
    pub from: Option<Period>,
    /// Created on or before (the whole year, month or day counts): YYYY, YYYY-MM or YYYY-MM-DD.
    #[arg(long, value_parser = parse_period_flag)]
    pub to: Option<Period>,
    /// Released on or after.
    #[arg(long, value_parser = parse_period_flag)]
    pub released_from: Option<Period>,
    /// Released on or before.
    #[arg(long, value_parser = parse_period_flag)]
    pub released_to: Option<Period>,
    /// Only cables whose REF lines cite this ID.
    #[arg(long)]
    pub cites: Option<String>,
    /// Only cables that this ID cites.
    #[arg(long)]
    pub cited_by: Option<String>,
    /// Order of the hits.
    #[arg(long, value_parser = choice::<SortOrder>(), default_value_t = SortOrder::Relevance)]
    pub sort: SortOrder,
    /// Count the matches per year or month.
    #[arg(long, value_parser = choice::<Interval>())]
    pub histogram: Option<Interval>,
}

/// A period named on the command line: its first and last second.
#[derive(Debug, Clone, Copy)]
pub struct Period {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

fn parse_period_flag(text: &str) -> Result<Period, String> {
    parse_period(text)
        .map(|(start, end)| Period { start, end })
        .ok_or_else(|| format!("invalid date {text:?}: write YYYY, YYYY-MM or YYYY-MM-DD"))
}

#[derive(Debug, Args)]
pub struct SimilarArgs {
    /// Reference ID of the cable to match.
    pub id: String,
    /// Index location [default: index/, built from corpus/ when missing]
    #[arg(long)]
    pub index: Option<PathBuf>,
    /// How many similar cables.
    #[arg(long, short = 'n', default_value_t = 10)]
    pub limit: usize,
    /// Output format.
    #[arg(long, value_parser = choice::<SearchFormat>(), default_value_t = SearchFormat::Table)]
    pub format: SearchFormat,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Index location [default: index/, built from corpus/ when missing]
    #[arg(long)]
    pub index: Option<PathBuf>,
    /// Values shown per facet.
    #[arg(long, default_value_t = 10)]
    pub facet_limit: usize,
    /// Output format.
    #[arg(long, value_parser = choice::<ReportFormat>(), default_value_t = ReportFormat::Table)]
    pub format: ReportFormat,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Reference ID of the cable (any case), e.g. 03GUATEMALA1815.
    pub id: String,
    /// Index location [default: index/, built from corpus/ when missing]
    #[arg(long)]
    pub index: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_parser = choice::<ShowFormat>(), default_value_t = ShowFormat::Text)]
    pub format: ShowFormat,
}

/// Runs a parsed command line; the binary's only call into the library.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Index(args) => run_index(args),
        Command::Search(args) => run_search(*args),
        Command::Show(args) => run_show(args),
        Command::Similar(args) => run_similar(args),
        Command::Stats(args) => run_stats(args),
        Command::Synth(args) => run_synth(args),
        Command::Check(args) => run_check(args),
        Command::Bench(args) => run_bench(args),
        Command::Serve(args) => run_serve(args),
        Command::Export(args) => run_export(args),
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
    eprintln!("skipped {}: {}", file.path.display(), file.detail);
}

/// The progress bar of an indexing run (drawn only on a terminal) and its skip messages.
struct IngestBar {
    visible: bool,
    bar: ProgressBar,
}

impl IngestBar {
    fn new(visible: bool) -> IngestBar {
        IngestBar {
            visible,
            bar: ProgressBar::hidden(),
        }
    }

    fn show(&mut self, event: IngestEvent) {
        match event {
            IngestEvent::Started { total_bytes } if self.visible => {
                self.bar = ProgressBar::new(total_bytes);
                self.bar.set_style(
                    ProgressStyle::with_template(
                        "{spinner} {elapsed_precise} [{wide_bar}] {binary_bytes}/{binary_total_bytes} {binary_bytes_per_sec} {msg} eta {eta}",
                    )
                    .unwrap_or_else(|_| ProgressStyle::default_bar())
                    .progress_chars("=> "),
                );
                self.bar
                    .enable_steady_tick(std::time::Duration::from_millis(200));
            }
            IngestEvent::Started { .. } => {}
            IngestEvent::Advanced { bytes, cables } => {
                self.bar.inc(bytes);
                self.bar.set_message(format!("{cables} cables"));
            }
            IngestEvent::Skipped(file) => self.bar.suspend(|| report_skip(file)),
            IngestEvent::Finished => self.bar.finish_and_clear(),
        }
    }
}

/// Writes `--report`: one JSON object per line.
fn write_report_file(path: &Path, lines: &[ReportLine]) -> anyhow::Result<()> {
    let file = std::fs::File::create(path)
        .with_context(|| format!("cannot write the report {}", path.display()))?;
    let mut out = std::io::BufWriter::new(file);
    for line in lines {
        serde_json::to_writer(&mut out, line)?;
        out.write_all(b"\n")?;
    }
    out.flush()
        .with_context(|| format!("cannot write the report {}", path.display()))?;
    Ok(())
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
    options.commit_every = args
        .commit_every
        .map(|every| usize::try_from(every).unwrap_or(usize::MAX));
    options.commit_interval = std::time::Duration::from_secs(args.commit_secs);
    options.merge = args.merge;
    options.rebuild = args.rebuild;
    options.prune = args.prune;
    options.layout = args.layout;
    options.strict = args.strict;
    let mut bar = IngestBar::new(stderr_is_terminal());
    let mut strict_skip: Option<ReportLine> = None;
    let outcome = build_index(&options, &mut |event| {
        if let IngestEvent::Skipped(file) = &event {
            if args.strict && strict_skip.is_none() {
                strict_skip = Some(ReportLine {
                    path: file.path.clone(),
                    reason: file.reason,
                    detail: file.detail.clone(),
                });
            }
        }
        bar.show(event);
    });
    let report = match outcome {
        Ok(report) => report,
        Err(error) => {
            if let Some(path) = &args.report {
                write_report_file(path, &Vec::from_iter(strict_skip))?;
            }
            return Err(error).with_context(|| format!("indexing {} failed", corpus.display()));
        }
    };
    report_duplicates(&report);
    if let Some(path) = &args.report {
        write_report_file(path, &report.report_lines())?;
    }
    let mut stdout = std::io::stdout().lock();
    reports::write_index_report(&mut stdout, &report, args.format == IndexFormat::Json)?;
    stdout.flush()?;
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
        return Ok(CableIndex::open_read_only(&path)?);
    }
    let path = PathBuf::from(DEFAULT_INDEX);
    if !CableIndex::exists(&path) {
        let corpus = default_corpus();
        eprintln!(
            "no index at {}/: building it from {} (once)",
            path.display(),
            corpus.display()
        );
        let options = IndexOptions::new(&corpus, &path);
        let mut bar = IngestBar::new(stderr_is_terminal());
        let report = build_index(&options, &mut |event| bar.show(event))
            .with_context(|| format!("building the default index from {}", corpus.display()))?;
        eprintln!("{}", reports::index_summary_line(&report));
    }
    Ok(CableIndex::open_read_only(&path)?)
}

fn run_search(args: SearchArgs) -> anyhow::Result<ExitCode> {
    let index = open_for_reading(args.index)?;
    let filters = Filters {
        tags: args.tag,
        origin: args.origin,
        classification: args.classification,
        official: args.official,
        created: (
            args.from.map(|period| period.start),
            args.to.map(|period| period.end),
        ),
        released: (
            args.released_from.map(|period| period.start),
            args.released_to.map(|period| period.end),
        ),
        cites: args.cites,
        cited_by: args.cited_by,
    };
    let mut facets = args.facet;
    facets.sort();
    facets.dedup();
    let request = SearchRequest {
        query: args.query,
        limit: args.limit,
        offset: args.offset,
        all: args.all,
        filters,
        facets,
        facet_limit: args.facet_limit,
        sort: args.sort,
        histogram: args.histogram,
        snippets: args.format != SearchFormat::Ids,
    };
    let results = search::search(&index, &request)?;
    write_results(&results, args.format)
}

/// A bar counting cables on stderr when it is a terminal, hidden otherwise.
fn cables_bar(length: u64) -> ProgressBar {
    if !stderr_is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(length);
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} {elapsed_precise} [{wide_bar}] {pos}/{len} cables {per_sec} eta {eta}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> "),
    );
    bar
}

fn write_results(results: &SearchResults, format: SearchFormat) -> anyhow::Result<ExitCode> {
    for warning in &results.warnings {
        eprintln!("{}", warning.describe(&flag_name));
    }
    let mut stdout = std::io::stdout().lock();
    output::write_search(&mut stdout, results, format, stdout_display())?;
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
        Err(cables::Error::UnknownCable { id }) => {
            eprintln!("no cable with ID {id} in {}", index.path.display());
            return Ok(ExitCode::from(exit::NO_MATCH));
        }
        Err(error) => return Err(error.into()),
    };
    let citing = search::cited_by(&index, cable.id.as_str())?;
    let mut stdout = std::io::stdout().lock();
    output::write_cable(&mut stdout, &cable, &citing, args.format, stdout_display())?;
    stdout.flush()?;
    Ok(ExitCode::from(exit::OK))
}

fn run_similar(args: SimilarArgs) -> anyhow::Result<ExitCode> {
    let index = open_for_reading(args.index)?;
    let results = match search::similar(&index, &args.id, args.limit) {
        Ok(results) => results,
        Err(cables::Error::UnknownCable { id }) => {
            eprintln!("no cable with ID {id} in {}", index.path.display());
            return Ok(ExitCode::from(exit::NO_MATCH));
        }
        Err(error) => return Err(error.into()),
    };
    write_results(&results, args.format)
}

fn run_synth(args: SynthArgs) -> anyhow::Result<ExitCode> {
    let options = SynthOptions {
        out: args.out.clone(),
        count: args.count,
        seed: args.seed,
        format: args.format,
    };
    let bar = cables_bar(args.count as u64);
    let summary = synth::generate(&options, &|written| bar.set_position(written))
        .with_context(|| format!("generating a corpus in {}", args.out.display()))?;
    bar.finish_and_clear();
    println!(
        "wrote {} cables ({:.1} MB) to {} in {:.1} s",
        summary.cables,
        summary.bytes as f64 / 1_000_000.0,
        args.out.display(),
        summary.seconds
    );
    Ok(ExitCode::from(exit::OK))
}

fn run_check(args: CheckArgs) -> anyhow::Result<ExitCode> {
    let report = check_index(&args.index)?;
    if report.is_sound() {
        reports::write_check(&mut std::io::stdout().lock(), &args.index, &report)?;
        return Ok(ExitCode::from(exit::OK));
    }
    reports::write_check(&mut std::io::stderr().lock(), &args.index, &report)?;
    Ok(ExitCode::from(exit::ERROR))
}

fn run_bench(args: BenchArgs) -> anyhow::Result<ExitCode> {
    let options = cables::bench::BenchOptions {
        corpus: args.corpus,
        synth: args.synth,
        seed: args.seed,
        queries: args.queries,
        runs: args.runs,
        index: args.index,
        binary: std::env::current_exe().ok(),
        threads: args.threads,
        memory_budget: usize::try_from(args.memory_mb.saturating_mul(1024 * 1024))
            .context("--memory-mb is too large for this machine")?,
    };
    let report = cables::bench::run_bench(&options, &mut |line| eprintln!("{line}"))?;
    let mut stdout = std::io::stdout().lock();
    reports::write_bench(&mut stdout, &report, args.format == ReportFormat::Json)?;
    stdout.flush()?;
    Ok(ExitCode::from(exit::OK))
}

fn run_serve(args: ServeArgs) -> anyhow::Result<ExitCode> {
    let options = cables::serve::ServeOptions {
        bind: args.bind,
        allow_remote: args.allow_remote,
        allowed_hosts: args.allowed_hosts,
    };
    // Refuse a remote address before building or opening anything.
    options.validate()?;
    if options.is_remote() {
        eprintln!(
            "warning: serving on {}: anyone who can reach this address can read the index",
            options.bind
        );
    }
    let index = open_for_reading(args.index)?;
    cables::serve::serve(index, &options, |address| {
        eprintln!("listening on http://{address}");
    })?;
    Ok(ExitCode::from(exit::OK))
}

fn run_export(args: ExportArgs) -> anyhow::Result<ExitCode> {
    let index = open_for_reading(args.index)?;
    let options = ExportOptions::new(&args.to, args.target);
    let bar = cables_bar(0);
    let summary = export::export(&index, &options, &mut |written, total| {
        bar.set_length(total as u64);
        bar.set_position(written as u64);
    })
    .with_context(|| format!("exporting {} for {}", index.path.display(), args.target))?;
    bar.finish_and_clear();
    println!(
        "exported {} cables ({:.1} MB, {} {}) for {} to {} in {:.1} s; {} says how to load them",
        summary.cables,
        summary.bytes as f64 / 1_000_000.0,
        summary.files.len(),
        if summary.files.len() == 1 {
            "file"
        } else {
            "files"
        },
        summary.target,
        args.to.display(),
        summary.seconds,
        args.to.join(export::MANIFEST_FILE).display(),
    );
    Ok(ExitCode::from(exit::OK))
}

fn run_stats(args: StatsArgs) -> anyhow::Result<ExitCode> {
    let index = open_for_reading(args.index)?;
    let stats = search::stats(&index, args.facet_limit)?;
    let mut stdout = std::io::stdout().lock();
    output::write_stats(&mut stdout, &stats, args.format, stdout_display())?;
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
    fn facets_take_commas_and_repeats_and_dates_are_checked() {
        let cli = Cli::try_parse_from([
            "cables",
            "search",
            "*",
            "--facet",
            "tag,origin",
            "--facet",
            "year",
            "--to",
            "2003-07",
        ])
        .unwrap();
        let Command::Search(args) = cli.command else {
            panic!("expected search");
        };
        assert_eq!(
            args.facet,
            [FacetField::Tag, FacetField::Origin, FacetField::Year]
        );
        assert_eq!(
            args.to.map(|period| period.end.to_rfc3339()),
            Some("2003-07-31T23:59:59+00:00".to_string())
        );
        let error = Cli::try_parse_from(["cables", "search", "*", "--from", "July"]).unwrap_err();
        assert!(error
            .to_string()
            .contains("write YYYY, YYYY-MM or YYYY-MM-DD"));
    }

    #[test]
    fn serve_defaults_to_loopback_and_takes_repeated_hosts() {
        let cli = Cli::try_parse_from([
            "cables",
            "serve",
            "--allowed-host",
            "a.example",
            "--allowed-host",
            "b.example",
        ])
        .unwrap();
        let Command::Serve(args) = cli.command else {
            panic!("expected serve");
        };
        assert_eq!(args.bind.to_string(), "127.0.0.1:7878");
        assert!(!args.allow_remote);
        assert_eq!(args.allowed_hosts, ["a.example", "b.example"]);
        assert!(Cli::try_parse_from(["cables", "serve", "--bind", "nowhere"]).is_err());
    }

    #[test]
    fn index_rejects_a_tiny_memory_budget() {
        assert!(Cli::try_parse_from(["cables", "index", "--memory-mb", "1"]).is_err());
    }
}
