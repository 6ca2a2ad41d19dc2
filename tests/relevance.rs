//! Relevance: natural queries over the bundled corpus must put the cable a user means first.
//! Reports MRR and hits@1 over `tests/relevance/corpus_truth.tsv`; fails if MRR drops below 0.9.

use std::path::Path;

use cables::index::{build_index, CableIndex, IndexOptions};
use cables::search::{search, SearchRequest};

#[test]
fn bundled_corpus_truth_queries_rank_the_intended_cable_first() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().expect("temp dir");
    let options = IndexOptions::new(root.join("corpus"), dir.path().join("index"));
    let report = build_index(&options, &mut |skipped| {
        panic!("bundled cable skipped: {skipped:?}")
    })
    .expect("index the bundled corpus");
    assert!(report.indexed >= 24, "{}", report.summary_line());
    let index = CableIndex::open(&dir.path().join("index")).expect("open");

    let truth =
        std::fs::read_to_string(root.join("tests/relevance/corpus_truth.tsv")).expect("truth file");
    let mut reciprocal_ranks = Vec::new();
    let mut report_lines = Vec::new();
    for line in truth
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
    {
        let (query, expected) = line.split_once('\t').expect("query<TAB>id");
        let results = search(&index, &SearchRequest::new(query)).expect("search");
        let rank = results.hits.iter().position(|hit| hit.id == expected);
        let reciprocal = rank.map_or(0.0, |rank| 1.0 / (rank as f64 + 1.0));
        reciprocal_ranks.push(reciprocal);
        let top: Vec<&str> = results
            .hits
            .iter()
            .take(3)
            .map(|hit| hit.id.as_str())
            .collect();
        report_lines.push(format!(
            "{:>5}  {query:<45} want {expected:<18} got {top:?}",
            rank.map_or("miss".to_string(), |rank| format!("#{}", rank + 1))
        ));
    }
    let mrr = reciprocal_ranks.iter().sum::<f64>() / reciprocal_ranks.len() as f64;
    let first = reciprocal_ranks.iter().filter(|rr| **rr == 1.0).count();
    println!("{}", report_lines.join("\n"));
    println!(
        "MRR {mrr:.3}, hits@1 {first}/{} over the bundled corpus",
        reciprocal_ranks.len()
    );
    assert!(
        mrr >= 0.9,
        "MRR {mrr:.3} < 0.9:\n{}",
        report_lines.join("\n")
    );
}
