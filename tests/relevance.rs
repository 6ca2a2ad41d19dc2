//! Relevance: natural queries must put the cable a user means first. Reports MRR and hits@1 over
//! truth files of (query, cable) pairs: the bundled corpus always, the real 2010 cablegate pages
//! when they are present (`CABLES_REAL_CORPUS`, or `../shared/real-corpus/cablegate-2010-html`).
//! Fails if MRR drops below 0.9.

use std::path::{Path, PathBuf};

use cables::index::{build_index, CableIndex, IndexOptions};
use cables::search::{search, SearchRequest};

/// Indexes `corpus` into a temporary index and scores every truth query against it.
fn evaluate(corpus: &Path, truth_file: &Path) -> (f64, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let options = IndexOptions::new(corpus, dir.path().join("index"));
    let report = build_index(&options, &mut |skipped| {
        panic!("a cable was skipped: {skipped:?}")
    })
    .expect("index the corpus");
    assert!(report.indexed > 0, "{}", report.summary_line());
    let index = CableIndex::open(&dir.path().join("index")).expect("open");

    let truth = std::fs::read_to_string(truth_file).expect("truth file");
    let mut reciprocal_ranks = Vec::new();
    let mut lines = Vec::new();
    for line in truth
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
    {
        let (query, expected) = line.split_once('\t').expect("query<TAB>id");
        let results = search(&index, &SearchRequest::new(query)).expect("search");
        let rank = results.hits.iter().position(|hit| hit.id == expected);
        reciprocal_ranks.push(rank.map_or(0.0, |rank| 1.0 / (rank as f64 + 1.0)));
        let top: Vec<&str> = results
            .hits
            .iter()
            .take(3)
            .map(|hit| hit.id.as_str())
            .collect();
        lines.push(format!(
            "{:>5}  {query:<45} want {expected:<18} got {top:?}",
            rank.map_or("miss".to_string(), |rank| format!("#{}", rank + 1))
        ));
    }
    let mrr = reciprocal_ranks.iter().sum::<f64>() / reciprocal_ranks.len() as f64;
    let first = reciprocal_ranks.iter().filter(|rr| **rr == 1.0).count();
    lines.push(format!(
        "MRR {mrr:.3}, hits@1 {first}/{} over {}",
        reciprocal_ranks.len(),
        corpus.display()
    ));
    (mrr, lines.join("\n"))
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn bundled_corpus_truth_queries_rank_the_intended_cable_first() {
    let (mrr, report) = evaluate(
        &root().join("corpus"),
        &root().join("tests/relevance/corpus_truth.tsv"),
    );
    println!("{report}");
    assert!(mrr >= 0.9, "MRR {mrr:.3} < 0.9:\n{report}");
}

#[test]
fn real_cable_pages_truth_queries_rank_the_intended_cable_first() {
    let corpus = std::env::var_os("CABLES_REAL_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("../shared/real-corpus/cablegate-2010-html"));
    if !corpus.is_dir() {
        println!(
            "skipped: no real corpus at {} (set CABLES_REAL_CORPUS)",
            corpus.display()
        );
        return;
    }
    let (mrr, report) = evaluate(&corpus, &root().join("tests/relevance/real_truth.tsv"));
    println!("{report}");
    assert!(mrr >= 0.9, "MRR {mrr:.3} < 0.9:\n{report}");
}
