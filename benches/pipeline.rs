//! Criterion benchmarks of the ingest stages and of search, on synthetic cables.
//!
//! Run with `cargo bench` (about two minutes on two cores) or one group with
//! `cargo bench -- parse`. Every group reports `Throughput::Bytes`, so criterion prints MB/s:
//! for the ingest stages the bytes are those of the cable files handled per iteration, which
//! makes them comparable with the MB/s of `cables index`; for search they are the bytes of the
//! whole indexed corpus, each iteration being one query over all of it.
//!
//! Sample sizes and measurement times are kept small so the whole run stays short; the
//! figures are stable to a few percent, which is what comparing changes needs.

use std::path::{Path, PathBuf};
use std::time::Duration;

use cables::bench::read_queries;
use cables::index::CableIndex;
use cables::ingest::{build_index, IndexOptions};
use cables::officials::extract_officials;
use cables::parse::parse_cable;
use cables::schema::{self, Fields};
use cables::search::{self, SearchRequest};
use cables::synth::{self, SynthOptions};
use cables::Cable;
use criterion::measurement::WallTime;
use criterion::{criterion_group, criterion_main, BenchmarkGroup, Criterion, Throughput};

/// Cables per iteration of the ingest-stage groups: enough to mix short and long cables.
const STAGE_CABLES: usize = 300;
/// Cables in the index the search group queries.
const SEARCH_CABLES: usize = 5_000;
const SEED: u64 = 42;

/// Generated cable texts with the paths they were written to.
struct Texts {
    texts: Vec<(PathBuf, String)>,
    bytes: u64,
}

fn generate(out: &Path, count: usize) -> Texts {
    let options = SynthOptions {
        out: out.to_path_buf(),
        count,
        seed: SEED,
        format: synth::SynthFormat::Files,
    };
    synth::generate(&options, &|_| {}).expect("generate a synthetic corpus");
    let manifest = synth::read_manifest(&out.join("manifest.jsonl")).expect("read the manifest");
    let texts: Vec<(PathBuf, String)> = manifest
        .iter()
        .map(|entry| {
            let path = out.join(&entry.path);
            let text = std::fs::read_to_string(&path).expect("read a generated cable");
            (path, text)
        })
        .collect();
    let bytes = texts.iter().map(|(_, text)| text.len() as u64).sum();
    Texts { texts, bytes }
}

fn configure<'a>(c: &'a mut Criterion, name: &str, bytes: u64) -> BenchmarkGroup<'a, WallTime> {
    let mut group = c.benchmark_group(name);
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .throughput(Throughput::Bytes(bytes));
    group
}

/// Ingest stages, one group each, on the same cables:
/// - `parse`: `parse::parse_cable` on the file text (header, TAGS, SUBJECT, REF, and the
///   officials extraction it calls);
/// - `officials`: `officials::extract_officials` alone on each cable's body, as `parse_cable`
///   calls it, so its share of parsing is the ratio of the two MB/s figures;
/// - `document`: `schema::to_document` on parsed cables (tantivy document building).
fn ingest_stages(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let Texts { texts, bytes } = generate(dir.path(), STAGE_CABLES);
    let cables: Vec<Cable> = texts
        .iter()
        .map(|(path, text)| parse_cable(text, path).expect("a generated cable parses"))
        .collect();
    let fields = Fields::from_schema(&schema::build_schema()).expect("schema fields");

    let mut group = configure(c, "parse", bytes);
    group.bench_function("parse_cable", |b| {
        b.iter(|| {
            for (path, text) in &texts {
                std::hint::black_box(parse_cable(text, path).ok());
            }
        })
    });
    group.finish();

    let mut group = configure(c, "officials", bytes);
    group.bench_function("extract_officials", |b| {
        b.iter(|| {
            for cable in &cables {
                std::hint::black_box(extract_officials(&cable.body));
            }
        })
    });
    group.finish();

    let mut group = configure(c, "document", bytes);
    group.bench_function("to_document", |b| {
        b.iter(|| {
            for cable in &cables {
                std::hint::black_box(schema::to_document(&fields, cable));
            }
        })
    });
    group.finish();
}

/// Search per query class of `benches/queries.txt` on an index of 5,000 synthetic cables,
/// built once before timing. Each iteration is one `search::search` call: parse the query,
/// open a reader, collect count, facets and the top 10, and render their snippets.
fn search_classes(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = dir.path().join("corpus");
    let Texts { bytes, .. } = generate(&corpus, SEARCH_CABLES);
    let index_path = dir.path().join("index");
    let options = IndexOptions::new(corpus.join("cables"), &index_path);
    let report = build_index(&options, &mut |_| {}).expect("build the index");
    assert_eq!(
        report.indexed, SEARCH_CABLES,
        "every generated cable is indexed"
    );
    let index = CableIndex::open(&index_path).expect("open the index");
    let queries_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/queries.txt");
    let queries = read_queries(&queries_path).expect("read benches/queries.txt");

    let mut group = configure(c, "search", bytes);
    for query in &queries {
        let request: &SearchRequest = &query.request;
        group.bench_function(query.class.as_str(), |b| {
            b.iter(|| std::hint::black_box(search::search(&index, request).expect("search")))
        });
    }
    group.finish();
}

criterion_group!(benches, ingest_stages, search_classes);
criterion_main!(benches);
