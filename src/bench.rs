//! Bench: end-to-end measurements (indexing throughput, CPU and memory, in-process query latency per query class, whole-process search latency) reported as a table or one JSON object.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::collect::FacetField;
use crate::corpus;
use crate::error::{Error, Result};
use crate::index::CableIndex;
use crate::ingest::{build_index, IndexOptions, IngestEvent, StageTimes};
use crate::parse::parse_period;
use crate::search::{self, SearchRequest, SortOrder};
use crate::synth::{self, SynthOptions};

/// Default query file, relative to the working directory.
pub const DEFAULT_QUERIES: &str = "benches/queries.txt";
/// Default repetitions of each query.
pub const DEFAULT_RUNS: usize = 20;
/// How many times the `cables` binary is spawned for the whole-process figure.
pub const PROCESS_RUNS: usize = 10;

/// What `cables bench` is asked to measure.
#[derive(Debug, Clone)]
pub struct BenchOptions {
    /// An existing folder of cables to index.
    pub corpus: Option<PathBuf>,
    /// Generate this many synthetic cables (seed `seed`) into a temporary folder first.
    pub synth: Option<usize>,
    /// Seed for `synth`.
    pub seed: u64,
    /// The query file (see [`read_queries`] for its format).
    pub queries: PathBuf,
    /// Repetitions of each query.
    pub runs: usize,
    /// Use this index instead of building one; the indexing part is then reported as null.
    pub index: Option<PathBuf>,
    /// The `cables` executable, for whole-process latency; `None` skips that part.
    pub binary: Option<PathBuf>,
    /// Indexing threads; 0 means one per core.
    pub threads: usize,
    /// Memory budget of the index writer, in bytes.
    pub memory_budget: usize,
}

impl BenchOptions {
    /// Defaults: no corpus chosen yet, seed 42, `benches/queries.txt`, 20 runs, 512 MB writer.
    pub fn new() -> BenchOptions {
        BenchOptions {
            corpus: None,
            synth: None,
            seed: 42,
            queries: PathBuf::from(DEFAULT_QUERIES),
            runs: DEFAULT_RUNS,
            index: None,
            binary: None,
            threads: 0,
            memory_budget: 512 * 1024 * 1024,
        }
    }
}

impl Default for BenchOptions {
    fn default() -> BenchOptions {
        BenchOptions::new()
    }
}

/// The corpus measured.
#[derive(Debug, Clone, Serialize)]
pub struct CorpusFigures {
    /// Cables indexed (or held by a given index).
    pub cables: u64,
    /// Bytes of the cable files; null when only an index was given.
    pub bytes: Option<u64>,
}

/// How building the index went.
#[derive(Debug, Clone, Serialize)]
pub struct IndexFigures {
    /// Wall-clock seconds of `build_index`.
    pub seconds: f64,
    pub cables_per_s: f64,
    /// Corpus megabytes (10^6 bytes) per wall-clock second.
    pub mb_per_s: f64,
    /// User plus system CPU seconds the process spent while indexing (all threads).
    pub cpu_seconds: Option<f64>,
    /// Peak resident memory (VmHWM), reset before indexing when the kernel allows it.
    pub peak_rss_bytes: Option<u64>,
    /// Size of the finished index on disk.
    pub index_bytes: u64,
    /// Ingest stages as `build_index` timed them (see [`StageTimes`]).
    pub stages: StageTimes,
    /// Files `build_index` skipped.
    pub skipped: usize,
}

/// Latency of one query, run repeatedly in-process.
#[derive(Debug, Clone, Serialize)]
pub struct QueryFigures {
    pub class: String,
    pub query: String,
    /// The flags column of the query file, as written.
    pub flags: String,
    /// Cables matching (the whole match set, not the page).
    pub hits: usize,
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub p99_ms: f64,
}

/// Latency of a whole `cables search` process.
#[derive(Debug, Clone, Serialize)]
pub struct ProcessFigures {
    pub query: String,
    pub runs: usize,
    pub p50_ms: f64,
}

/// Everything a bench run measured.
#[derive(Debug, Clone, Serialize)]
pub struct BenchReport {
    pub corpus: CorpusFigures,
    /// Null when an existing index was used.
    pub index: Option<IndexFigures>,
    pub queries: Vec<QueryFigures>,
    /// Null when no binary was given.
    pub process: Option<ProcessFigures>,
    /// Median cost of opening an index reader: once per `cables search` process, never per
    /// query here (the queries share one reader, as a server does).
    pub reader_open_p50_ms: f64,
    /// Repetitions behind each query figure.
    pub runs: usize,
    /// Cores the machine offers.
    pub cores: usize,
    /// The 1-minute load average when the bench started (from /proc/loadavg): above the core
    /// count, other processes were competing for the CPU and the figures are pessimistic.
    pub load_average: Option<f64>,
}

/// One line of the query file.
#[derive(Debug, Clone)]
pub struct BenchQuery {
    pub class: String,
    pub query: String,
    /// The flags column as written (for the report).
    pub flags: String,
    /// The search to run, flags applied.
    pub request: SearchRequest,
}

/// Reads a query file. One query per line, TAB separated:
///
/// ```text
/// class<TAB>query[<TAB>flags]
/// ```
///
/// `flags` are space-separated `key=value` pairs: `facets=all` or `facets=tag,origin,...`,
/// `from=YYYY[-MM[-DD]]`, `to=...`, `sort=relevance|newest|oldest`, `limit=N`, `tag=CODE`,
/// `classification=LEVEL`. Blank lines and lines starting with `#` are ignored.
pub fn read_queries(path: &Path) -> Result<Vec<BenchQuery>> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::io(path, source))?;
    parse_queries(&text).map_err(|message| Error::Invalid(format!("{}: {message}", path.display())))
}

/// Parses query-file text; errors name the line.
pub fn parse_queries(text: &str) -> std::result::Result<Vec<BenchQuery>, String> {
    let mut queries = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let mut columns = line.split('\t');
        let class = columns.next().unwrap_or("").trim();
        let query = columns.next().map(str::trim).unwrap_or("");
        let flags = columns.next().map(str::trim).unwrap_or("");
        if class.is_empty() || query.is_empty() {
            return Err(format!(
                "line {}: expected `class<TAB>query[<TAB>flags]`",
                number + 1
            ));
        }
        if columns.next().is_some() {
            return Err(format!("line {}: more than three TAB columns", number + 1));
        }
        let mut request = SearchRequest::new(query);
        for flag in flags.split_whitespace() {
            apply_flag(&mut request, flag)
                .map_err(|message| format!("line {}: {message}", number + 1))?;
        }
        queries.push(BenchQuery {
            class: class.to_string(),
            query: query.to_string(),
            flags: flags.to_string(),
            request,
        });
    }
    if queries.is_empty() {
        return Err("holds no queries".to_string());
    }
    Ok(queries)
}

fn apply_flag(request: &mut SearchRequest, flag: &str) -> std::result::Result<(), String> {
    let (key, value) = flag
        .split_once('=')
        .ok_or_else(|| format!("flag {flag:?} is not key=value"))?;
    let period = |value: &str| {
        parse_period(value)
            .ok_or_else(|| format!("{key}={value}: write YYYY, YYYY-MM or YYYY-MM-DD"))
    };
    match key {
        "facets" if value == "all" => request.facets = FacetField::ALL.to_vec(),
        "facets" => {
            for name in value.split(',') {
                let facet = FacetField::ALL
                    .into_iter()
                    .find(|facet| facet.name() == name)
                    .ok_or_else(|| format!("unknown facet {name:?}"))?;
                request.facets.push(facet);
            }
        }
        "from" => request.filters.created.0 = Some(period(value)?.0),
        "to" => request.filters.created.1 = Some(period(value)?.1),
        "sort" => {
            request.sort = match value {
                "relevance" => SortOrder::Relevance,
                "newest" => SortOrder::Newest,
                "oldest" => SortOrder::Oldest,
                _ => return Err(format!("sort={value}: write relevance, newest or oldest")),
            }
        }
        "limit" => {
            request.limit = value
                .parse()
                .map_err(|_| format!("limit={value}: not a number"))?;
        }
        "tag" => request.filters.tags.push(value.to_string()),
        "classification" => request.filters.classification = Some(value.to_string()),
        _ => return Err(format!("unknown flag {key:?}")),
    }
    Ok(())
}

/// A folder under the system temp dir, deleted when dropped (also on error paths).
struct TempFolder(PathBuf);

impl TempFolder {
    fn new(label: &str) -> Result<TempFolder> {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |since| since.subsec_nanos());
        let path = std::env::temp_dir().join(format!(
            "cables-bench-{label}-{}-{nanos}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&path).map_err(|source| Error::io(&path, source))?;
        Ok(TempFolder(path))
    }
}

impl Drop for TempFolder {
    fn drop(&mut self) {
        // Best effort: a leftover temp folder is not worth failing a finished bench over.
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs the whole bench: corpus (given or generated), index build (unless an index is
/// given), in-process queries, then whole-process searches. `log` hears progress lines.
pub fn run_bench(options: &BenchOptions, log: &mut dyn FnMut(&str)) -> Result<BenchReport> {
    check_options(options)?;
    // Read the queries first so a typo fails before minutes of indexing.
    let queries = read_queries(&options.queries)?;
    let load_average = load_average();

    let mut synth_folder = None;
    let corpus_path = match (options.synth, &options.corpus) {
        (Some(count), _) => {
            let (folder, cables) = generate_corpus(count, options.seed, log)?;
            synth_folder = Some(folder);
            Some(cables)
        }
        (None, corpus) => corpus.clone(),
    };

    let mut index_folder = None;
    let (index_path, index_figures, corpus_figures) = match &options.index {
        Some(path) => {
            let bytes = match &corpus_path {
                Some(corpus) => Some(corpus::list_files(corpus)?.total_bytes()),
                None => None,
            };
            let cables = CableIndex::open_read_only(path)?
                .reader()?
                .searcher()
                .num_docs();
            (path.clone(), None, CorpusFigures { cables, bytes })
        }
        None => {
            let corpus = corpus_path.ok_or_else(|| {
                Error::Invalid("no corpus to index: give --corpus DIR or --synth N".to_string())
            })?;
            let folder = TempFolder::new("index")?;
            let (figures, cables, bytes) = measure_indexing(options, &corpus, &folder.0, log)?;
            let path = folder.0.clone();
            index_folder = Some(folder);
            (
                path,
                Some(figures),
                CorpusFigures {
                    cables,
                    bytes: Some(bytes),
                },
            )
        }
    };
    // The corpus is no longer needed; free its disk space before the query runs.
    drop(synth_folder);

    let index = CableIndex::open_read_only(&index_path)?;
    let reader_open_p50_ms = measure_reader_open(&index, options.runs)?;
    // Queries share one reader, as `cables serve` does; a `cables search` process opens one.
    let index = index.with_shared_reader()?;
    let mut figures = Vec::with_capacity(queries.len());
    for query in &queries {
        let figure = measure_query(&index, query, options.runs)?;
        log(&format!(
            "{:<24} {:>8} hits  p50 {:>8.2} ms",
            figure.class, figure.hits, figure.p50_ms
        ));
        figures.push(figure);
    }

    let process = match &options.binary {
        Some(binary) => {
            // The first query of the file is the one timed as a whole process.
            let query = queries
                .first()
                .map(|query| query.query.as_str())
                .ok_or_else(|| Error::Invalid("the query file holds no queries".to_string()))?;
            log(&format!(
                "spawning {} search {query:?} {PROCESS_RUNS} times",
                binary.display()
            ));
            Some(measure_process(binary, &index_path, query)?)
        }
        None => None,
    };
    drop(index);
    drop(index_folder);

    Ok(BenchReport {
        corpus: corpus_figures,
        index: index_figures,
        queries: figures,
        process,
        reader_open_p50_ms,
        runs: options.runs,
        cores: std::thread::available_parallelism().map_or(1, |n| n.get()),
        load_average,
    })
}

/// Combinations of options that cannot be measured.
fn check_options(options: &BenchOptions) -> Result<()> {
    if options.corpus.is_some() && options.synth.is_some() {
        return Err(Error::Invalid(
            "give either --corpus or --synth, not both".to_string(),
        ));
    }
    if options.index.is_some() && options.synth.is_some() {
        return Err(Error::Invalid(
            "--synth builds its own index; it cannot be combined with --index".to_string(),
        ));
    }
    if options.corpus.is_none() && options.synth.is_none() && options.index.is_none() {
        return Err(Error::Invalid(
            "nothing to measure: give --corpus DIR, --synth N or --index DIR".to_string(),
        ));
    }
    if options.runs == 0 {
        return Err(Error::Invalid("--runs must be at least 1".to_string()));
    }
    Ok(())
}

/// Generates `count` synthetic cables in a temporary folder; returns it and its cables folder.
fn generate_corpus(
    count: usize,
    seed: u64,
    log: &mut dyn FnMut(&str),
) -> Result<(TempFolder, PathBuf)> {
    let folder = TempFolder::new("corpus")?;
    log(&format!(
        "generating {count} synthetic cables (seed {seed}) in {}",
        folder.0.display()
    ));
    let synth_options = SynthOptions {
        out: folder.0.clone(),
        count,
        seed,
        format: synth::SynthFormat::Files,
    };
    let summary = synth::generate(&synth_options, &|_| {})
        .map_err(|error| Error::Invalid(format!("generating the corpus failed: {error}")))?;
    log(&format!(
        "generated {} cables ({:.1} MB) in {:.1} s",
        summary.cables,
        summary.bytes as f64 / 1e6,
        summary.seconds
    ));
    // Only the cables: the manifest beside them is not part of the corpus.
    let cables = folder.0.join("cables");
    Ok((folder, cables))
}

/// Builds the index and measures it; returns the figures, cables indexed and corpus bytes.
fn measure_indexing(
    options: &BenchOptions,
    corpus: &Path,
    index: &Path,
    log: &mut dyn FnMut(&str),
) -> Result<(IndexFigures, u64, u64)> {
    let mut index_options = IndexOptions::new(corpus, index);
    index_options.threads = options.threads;
    index_options.memory_budget = options.memory_budget;
    log(&format!(
        "indexing {} into {}",
        corpus.display(),
        index.display()
    ));
    // Generating the corpus may have raised the high-water mark; start afresh so the peak is
    // the indexer's own (Linux >= 4.0; when refused the figure covers the whole process).
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let cpu_before = process_cpu_seconds();
    let mut skipped = 0usize;
    let mut on_event = |event: IngestEvent| {
        if let IngestEvent::Skipped(_) = event {
            skipped += 1;
        }
    };
    let report = build_index(&index_options, &mut on_event)?;
    let cpu_seconds = match (cpu_before, process_cpu_seconds()) {
        (Some(before), Some(after)) => Some(after - before),
        _ => None,
    };
    let peak_rss_bytes = crate::ingest::peak_rss_bytes();
    let index_bytes = folder_bytes(index)?;
    log(&crate::output::reports::index_summary_line(&report));
    let figures = IndexFigures {
        seconds: report.seconds,
        cables_per_s: report.cables_per_second(),
        mb_per_s: report.megabytes_per_second(),
        cpu_seconds,
        peak_rss_bytes,
        index_bytes,
        stages: report.stages.clone(),
        skipped: report.skipped.len(),
    };
    Ok((figures, report.indexed as u64, report.bytes))
}

/// Times opening a reader, which a `cables search` process pays once (a server never again).
fn measure_reader_open(index: &CableIndex, runs: usize) -> Result<f64> {
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let started = Instant::now();
        let reader = index.reader()?;
        drop(reader.searcher());
        times.push(started.elapsed());
    }
    Ok(percentile_ms(&mut times, 50.0))
}

/// Runs one query `runs` times against an index opened once, like a server would.
fn measure_query(index: &CableIndex, query: &BenchQuery, runs: usize) -> Result<QueryFigures> {
    // One untimed run first: it faults the index pages in, which a long-lived server has done.
    let hits = search::search(index, &query.request)?.total;
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let started = Instant::now();
        let results = search::search(index, &query.request)?;
        times.push(started.elapsed());
        // Dropped after the clock stops: freeing the hits is not part of answering.
        drop(results);
    }
    Ok(QueryFigures {
        class: query.class.clone(),
        query: query.query.clone(),
        flags: query.flags.clone(),
        hits,
        p50_ms: percentile_ms(&mut times, 50.0),
        p95_ms: percentile_ms(&mut times, 95.0),
        p99_ms: percentile_ms(&mut times, 99.0),
    })
}

/// Spawns `binary search QUERY --index DIR --format ids` and reports the median wall time.
fn measure_process(binary: &Path, index: &Path, query: &str) -> Result<ProcessFigures> {
    let mut times = Vec::with_capacity(PROCESS_RUNS);
    // One untimed run so the binary and the index are in the page cache.
    for run in 0..=PROCESS_RUNS {
        let started = Instant::now();
        let output = Command::new(binary)
            .arg("search")
            .arg(query)
            .arg("--index")
            .arg(index)
            .args(["--format", "ids"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .output()
            .map_err(|source| Error::io(binary, source))?;
        let elapsed = started.elapsed();
        // 0 = hits, 1 = no match; anything else is a failure worth reporting, not timing.
        if !matches!(output.status.code(), Some(0 | 1)) {
            return Err(Error::Invalid(format!(
                "{} search {query:?} failed ({}): {}",
                binary.display(),
                output.status,
                String::from_utf8_lossy(&output.stderr).trim()
            )));
        }
        if run > 0 {
            times.push(elapsed);
        }
    }
    Ok(ProcessFigures {
        query: query.to_string(),
        runs: PROCESS_RUNS,
        p50_ms: percentile_ms(&mut times, 50.0),
    })
}

/// Nearest-rank percentile in milliseconds (sorts `times`); 0 for no samples.
fn percentile_ms(times: &mut [Duration], percent: f64) -> f64 {
    if times.is_empty() {
        return 0.0;
    }
    times.sort_unstable();
    let rank = (percent / 100.0 * times.len() as f64).ceil() as usize;
    let position = rank.clamp(1, times.len()) - 1;
    times[position].as_secs_f64() * 1000.0
}

/// Kernel clock ticks per second for /proc times: USER_HZ, which Linux fixes at 100 on every
/// architecture it reports to user space (reading it properly needs sysconf via libc).
const CLOCK_TICKS_PER_SECOND: f64 = 100.0;

/// User plus system CPU time of this process so far (all threads), from /proc/self/stat.
fn process_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The command name in field 2 may hold spaces; the fields after its ')' are fixed.
    let after_name = &stat[stat.rfind(')')? + 1..];
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the line, i.e. 12 and 13 after the name.
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / CLOCK_TICKS_PER_SECOND)
}

/// The 1-minute load average, from /proc/loadavg.
fn load_average() -> Option<f64> {
    let text = std::fs::read_to_string("/proc/loadavg").ok()?;
    text.split_whitespace().next()?.parse().ok()
}

/// Total size of the files in a folder and its subfolders.
fn folder_bytes(path: &Path) -> Result<u64> {
    let mut total = 0;
    for entry in std::fs::read_dir(path).map_err(|source| Error::io(path, source))? {
        let entry = entry.map_err(|source| Error::io(path, source))?;
        let metadata = entry
            .metadata()
            .map_err(|source| Error::io(entry.path(), source))?;
        if metadata.is_dir() {
            total += folder_bytes(&entry.path())?;
        } else {
            total += metadata.len();
        }
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_file_lines_become_requests() {
        let text = "# comment\n\nrare\txqseven\nand2+facets+date\tsmuggling trafficking\tfacets=all from=2005 to=2008 sort=newest\n";
        let queries = parse_queries(text).unwrap();
        assert_eq!(queries.len(), 2);
        assert_eq!(queries[0].class, "rare");
        assert!(queries[0].request.facets.is_empty());
        let request = &queries[1].request;
        assert_eq!(request.facets.len(), 5);
        assert_eq!(request.sort, SortOrder::Newest);
        assert_eq!(
            request.filters.created.1.map(|date| date.to_rfc3339()),
            Some("2008-12-31T23:59:59+00:00".to_string())
        );
    }

    #[test]
    fn bad_query_lines_name_the_line() {
        assert!(parse_queries("rare\n").unwrap_err().contains("line 1"));
        assert!(parse_queries("a\tb\tsort=sideways\n")
            .unwrap_err()
            .contains("line 1"));
        assert!(parse_queries("# only a comment\n").is_err());
    }

    #[test]
    fn percentiles_use_nearest_rank() {
        let mut times: Vec<Duration> = (1..=100).map(Duration::from_millis).collect();
        assert_eq!(percentile_ms(&mut times, 50.0), 50.0);
        assert_eq!(percentile_ms(&mut times, 99.0), 99.0);
        assert_eq!(percentile_ms(&mut [], 50.0), 0.0);
    }

    #[test]
    fn proc_figures_are_read_on_linux() {
        if cfg!(target_os = "linux") {
            assert!(process_cpu_seconds().is_some());
            assert!(crate::ingest::peak_rss_bytes().is_some_and(|bytes| bytes > 0));
        }
    }
}
