//! Load test of `cables serve`: a bounded run, not a criterion benchmark. Starts the built
//! `cables serve --bind 127.0.0.1:0` on a 25,000-cable synthetic index (`cables synth --count
//! 25000 --seed 1`, then `cables index`; built once under the target dir, or the index named by
//! `CABLES_LOAD_INDEX`), then sends 2,000 requests from 16 concurrent clients over loopback: a
//! seeded mix of search pages, cable pages, exports and API calls built from
//! `benches/queries.txt` (after 300 requests from a single client, which show each route's
//! cost without queueing). Each request is a fresh connection (`Connection: close`), so the
//! times include connecting. Prints count, errors and p50/p99/max per route as a Markdown table.
//!
//! Run: `cargo bench --bench serve_load` (release profile). Loopback only; stops by itself.

#[path = "../tests/it/serve_support.rs"]
mod serve_support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use serve_support::{http_get, ServeProcess};

const CABLES: usize = 25_000;
const CLIENTS: usize = 16;
const REQUESTS: usize = 2_000;
const WARM_UP: usize = 40;
/// Requests sent by a single client first, to show each route's cost without queueing.
const SEQUENTIAL: usize = 300;

/// One request's route, time and whether it succeeded.
type Timing = (&'static str, Duration, bool);

fn cables(args: &[&str]) {
    let status = Command::new(env!("CARGO_BIN_EXE_cables"))
        .args(args)
        .status()
        .expect("run cables");
    assert!(status.success(), "cables {args:?} failed");
}

/// The 25k synthetic index, built on first use.
fn load_index() -> PathBuf {
    if let Some(path) = std::env::var_os("CABLES_LOAD_INDEX") {
        return PathBuf::from(path);
    }
    let base = Path::new(env!("CARGO_TARGET_TMPDIR")).join("serve-load-25k");
    let corpus = base.join("corpus");
    let index = base.join("index");
    if !index.join("meta.json").is_file() {
        eprintln!(
            "building the {CABLES}-cable synthetic index in {} (once)",
            base.display()
        );
        let count = CABLES.to_string();
        cables(&[
            "synth",
            "--out",
            path(&corpus),
            "--count",
            &count,
            "--seed",
            "1",
        ]);
        cables(&["index", path(&corpus), "--index", path(&index)]);
    }
    index
}

fn path(path: &Path) -> &str {
    path.to_str().expect("UTF-8 path")
}

/// URL parameters for each line of the query file.
fn query_params() -> Vec<String> {
    let text = include_str!("queries.txt");
    text.lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .filter_map(|line| {
            let mut columns = line.split('\t');
            let _class = columns.next()?;
            let query = columns.next()?;
            let mut serializer = url_encoder();
            serializer.append_pair("q", query);
            for flag in columns.next().unwrap_or("").split_whitespace() {
                if let Some((key, value)) = flag.split_once('=') {
                    if matches!(key, "from" | "to" | "sort" | "tag" | "classification") {
                        serializer.append_pair(key, value);
                    }
                }
            }
            Some(serializer.finish())
        })
        .collect()
}

fn url_encoder() -> form_urlencoded::Serializer<'static, String> {
    form_urlencoded::Serializer::new(String::new())
}

/// The seeded request mix: (route label, path).
fn request_mix(ids: &[String], count: usize) -> Vec<(&'static str, String)> {
    let queries = query_params();
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    (0..count)
        .map(|_| {
            let query = &queries[rng.random_range(0..queries.len())];
            let id = &ids[rng.random_range(0..ids.len())];
            match rng.random_range(0..100) {
                0..40 => ("/search", format!("/search?{query}")),
                40..45 => (
                    "/search (page 2-5)",
                    format!("/search?{query}&page={}", rng.random_range(2..=5)),
                ),
                45..63 => ("/api/search", format!("/api/search?{query}")),
                63..76 => (
                    "/cable/{id}",
                    format!("/cable/{id}?q=embassy&r={}", rng.random_range(0..20)),
                ),
                76..85 => ("/api/cable/{id}", format!("/api/cable/{id}")),
                85..91 => ("/api/similar/{id}", format!("/api/similar/{id}")),
                91..94 => ("/api/stats", "/api/stats".to_string()),
                _ => (
                    "/search.csv (~250 rows)",
                    "/search.csv?q=xqcentum".to_string(),
                ),
            }
        })
        .collect()
}

fn percentile(sorted: &[Duration], percent: usize) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((sorted.len() * percent).div_ceil(100)).clamp(1, sorted.len());
    sorted[rank - 1].as_secs_f64() * 1000.0
}

/// Sends the requests from `clients` threads; returns each one's route, time and success,
/// and the wall time of the whole run.
fn run_clients(
    address: std::net::SocketAddr,
    requests: Vec<(&'static str, String)>,
    clients: usize,
) -> (Vec<Timing>, Duration) {
    let count = requests.len();
    let requests = Arc::new(requests);
    let next = Arc::new(AtomicUsize::new(0));
    let results: Arc<Mutex<Vec<Timing>>> = Arc::new(Mutex::new(Vec::with_capacity(count)));
    let started = Instant::now();
    let threads: Vec<_> = (0..clients)
        .map(|_| {
            let requests = Arc::clone(&requests);
            let next = Arc::clone(&next);
            let results = Arc::clone(&results);
            std::thread::spawn(move || loop {
                let position = next.fetch_add(1, Ordering::Relaxed);
                let Some((route, path)) = requests.get(position) else {
                    return;
                };
                let start = Instant::now();
                let outcome = std::panic::catch_unwind(|| http_get(address, path, "127.0.0.1"));
                let elapsed = start.elapsed();
                let ok = matches!(&outcome, Ok(response) if response.status == 200 && !response.body.is_empty());
                if !ok {
                    eprintln!("error on {path}: {:?}", outcome.map(|response| response.status));
                }
                if let Ok(mut results) = results.lock() {
                    results.push((route, elapsed, ok));
                }
            })
        })
        .collect();
    for thread in threads {
        thread.join().expect("a client thread");
    }
    let wall = started.elapsed();
    let results = results
        .lock()
        .map(|results| results.clone())
        .unwrap_or_default();
    (results, wall)
}

/// Prints the Markdown table of one run; returns its number of errors.
fn report((results, wall): &(Vec<Timing>, Duration), clients: usize) -> usize {
    let mut by_route: BTreeMap<&str, (Vec<Duration>, usize)> = BTreeMap::new();
    for (route, elapsed, ok) in results {
        let entry = by_route.entry(route).or_default();
        entry.0.push(*elapsed);
        if !ok {
            entry.1 += 1;
        }
    }
    let errors: usize = by_route.values().map(|(_, errors)| errors).sum();
    println!(
        "{} requests from {clients} client(s) in {:.2} s ({:.0} requests/s), {errors} errors",
        results.len(),
        wall.as_secs_f64(),
        results.len() as f64 / wall.as_secs_f64()
    );
    println!();
    println!("| route | requests | errors | p50 ms | p99 ms | max ms |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: |");
    let mut all: Vec<Duration> = Vec::new();
    for (route, (mut times, errors)) in by_route {
        times.sort();
        all.extend(&times);
        println!(
            "| `{route}` | {} | {errors} | {:.1} | {:.1} | {:.1} |",
            times.len(),
            percentile(&times, 50),
            percentile(&times, 99),
            percentile(&times, 100)
        );
    }
    all.sort();
    println!(
        "| all | {} | {errors} | {:.1} | {:.1} | {:.1} |",
        all.len(),
        percentile(&all, 50),
        percentile(&all, 99),
        percentile(&all, 100)
    );
    errors
}

fn main() {
    // `cargo bench` passes `--bench`; filters to other benches skip this one.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|arg| arg != "--bench")
        .collect();
    if args
        .iter()
        .any(|arg| !arg.starts_with('-') && !"serve_load".contains(arg.as_str()))
    {
        return;
    }
    let index = load_index();
    let server = ServeProcess::start(&index);
    let address = server.address;

    let sample = http_get(
        address,
        "/api/search?q=*&limit=500&sort=newest",
        "127.0.0.1",
    );
    assert_eq!(sample.status, 200, "{}", sample.body);
    let sample: serde_json::Value = serde_json::from_str(&sample.body).expect("JSON");
    let ids: Vec<String> = sample["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .filter_map(|hit| hit["id"].as_str().map(str::to_string))
        .collect();
    let total = sample["total"].as_u64().unwrap_or(0);
    if std::env::var_os("CABLES_LOAD_INDEX").is_none() {
        assert!(total as usize >= CABLES, "the index holds {total} cables");
    }

    for (_, path) in request_mix(&ids, WARM_UP) {
        http_get(address, &path, "127.0.0.1");
    }

    // One client first: each route's own cost, with no queueing behind other requests.
    let alone = run_clients(address, request_mix(&ids, SEQUENTIAL), 1);
    let loaded = run_clients(address, request_mix(&ids, REQUESTS), CLIENTS);
    drop(server);
    println!("index of {total} cables; each request a new loopback connection");
    println!();
    let mut errors = report(&alone, 1);
    println!();
    errors += report(&loaded, CLIENTS);
    assert_eq!(errors, 0, "requests failed");
}
