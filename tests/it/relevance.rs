//! Relevance: natural queries must put the cable a user means first. Reports MRR and hits@1 over
//! truth files of (query, cable) pairs: the bundled corpus always, the real 2010 cablegate pages
//! when they are present (`CABLES_REAL_CORPUS`, or `../shared/real-corpus/cablegate-2010-html`).
//! Fails if MRR drops below 0.9.

use std::path::{Path, PathBuf};

use cables::index::CableIndex;
use cables::ingest::{build_index, IndexOptions, IngestEvent};
use cables::search::{search, SearchRequest};

/// Indexes `corpus` into a temporary index and scores every truth query against it.
fn evaluate(corpus: &Path, truth_file: &Path) -> (f64, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let options = IndexOptions::new(corpus, dir.path().join("index"));
    let report = build_index(&options, &mut |event| {
        if let IngestEvent::Skipped(skipped) = event {
            panic!("a cable was skipped: {skipped:?}")
        }
    })
    .expect("index the corpus");
    assert!(
        report.indexed > 0,
        "{}",
        cables::output::reports::index_summary_line(&report)
    );
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

pub(crate) fn root() -> &'static Path {
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

pub(crate) fn real_corpus() -> PathBuf {
    std::env::var_os("CABLES_REAL_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("../shared/real-corpus/cablegate-2010-html"))
}

#[test]
#[cfg_attr(
    not(shared_corpus),
    ignore = "needs the real cable pages of ../shared/real-corpus, absent here"
)]
fn real_cable_pages_truth_queries_rank_the_intended_cable_first() {
    let (mrr, report) = evaluate(
        &real_corpus(),
        &root().join("tests/relevance/real_truth.tsv"),
    );
    println!("{report}");
    assert!(mrr >= 0.9, "MRR {mrr:.3} < 0.9:\n{report}");
}

/// The known-item truth sets of `tests/relevance/`, each split once into tuning and test halves.
pub(crate) const KNOWN_ITEM_SETS: [&str; 3] = [
    "known_items.tsv",
    "known_items_v2.tsv",
    "known_items_v3.tsv",
];

/// One known-item search of a truth set of [`KNOWN_ITEM_SETS`].
pub(crate) struct KnownItem {
    pub id: String,
    pub split: String,
    pub class: String,
    pub query: String,
}

pub(crate) fn known_items(file: &str) -> Vec<KnownItem> {
    let text = std::fs::read_to_string(root().join("tests/relevance").join(file)).expect(file);
    text.lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            assert!(fields.len() >= 4, "{file}: {line:?}");
            KnownItem {
                id: fields[0].to_string(),
                split: fields[1].to_string(),
                class: fields[2].to_string(),
                query: fields[3].to_string(),
            }
        })
        .collect()
}

/// Reciprocal rank within the top 10 (0 past it).
pub(crate) fn reciprocal_rank(ids: &[String], wanted: &str) -> f64 {
    ids.iter()
        .take(10)
        .position(|id| id == wanted)
        .map_or(0.0, |rank| 1.0 / (rank as f64 + 1.0))
}

/// The top 10 of a plain BM25 over subject and body with English stems (the same analysed
/// fields, no boosts, no other fields, tantivy's own query parser, AND by default): the
/// baseline issue 17 asks us to beat.
fn plain_bm25(index: &CableIndex, query: &str) -> Vec<String> {
    use tantivy::collector::TopDocs;
    use tantivy::query::QueryParser;
    use tantivy::schema::Value;
    let reader = index.reader().expect("reader");
    let searcher = reader.searcher();
    let mut parser =
        QueryParser::for_index(&index.index, vec![index.fields.subject, index.fields.body]);
    parser.set_conjunction_by_default();
    let (parsed, _errors) = parser.parse_query_lenient(query);
    let top = searcher
        .search(&parsed, &TopDocs::with_limit(10).order_by_score())
        .expect("search");
    top.into_iter()
        .filter_map(|(_score, address)| {
            let document: tantivy::TantivyDocument = searcher.doc(address).ok()?;
            document
                .get_first(index.fields.id)
                .and_then(|value| value.as_str())
                .map(str::to_string)
        })
        .collect()
}

#[derive(Default)]
struct Score {
    reciprocal_ranks: Vec<f64>,
}

impl Score {
    fn mrr(&self) -> f64 {
        self.reciprocal_ranks.iter().sum::<f64>() / self.reciprocal_ranks.len().max(1) as f64
    }
    fn hits_at_3(&self) -> usize {
        self.reciprocal_ranks
            .iter()
            .filter(|rr| **rr >= 1.0 / 3.0)
            .count()
    }
}

/// Cables judged equally good answers to a search as its target (`equal_answers.tsv`):
/// (query, target, candidate) triples. Every line must be a judgement.
fn equal_answers() -> std::collections::HashSet<(String, String, String)> {
    let path = root().join("tests/relevance/equal_answers.tsv");
    let text = std::fs::read_to_string(&path).expect("equal_answers.tsv");
    let mut equal = std::collections::HashSet::new();
    for line in text.lines().filter(|line| !line.starts_with('#')) {
        let fields: Vec<&str> = line.split('\t').collect();
        assert!(
            fields.len() == 4 && matches!(fields[3], "equal" | "no"),
            "equal_answers.tsv: {line:?}"
        );
        if fields[3] == "equal" {
            equal.insert((
                fields[0].to_string(),
                fields[1].to_string(),
                fields[2].to_string(),
            ));
        }
    }
    equal
}

/// Ranks every search of a truth set with ours and with plain BM25, prints each rank and
/// MRR@10 and hits@3 per split and class (and, where `judged`, a lenient MRR@10 of the test
/// half that counts a cable judged an equally good answer as a hit), and checks the test half: at least `floor` (what
/// this ranking measured when last tuned, a little lower) and at least plain BM25's MRR.
fn check_known_items(file: &str, floor: f64, judged: bool) {
    let dir = tempfile::tempdir().expect("temp dir");
    let options = IndexOptions::new(real_corpus(), dir.path().join("index"));
    build_index(&options, &mut |event| {
        if let IngestEvent::Skipped(skipped) = event {
            panic!("a cable was skipped: {skipped:?}")
        }
    })
    .expect("index the real pages");
    let index = CableIndex::open(&dir.path().join("index")).expect("open");
    let items = known_items(file);
    assert!(
        items.len() >= 150,
        "the truth set has {} searches",
        items.len()
    );
    // (split, class or "all", ranker) -> score
    let mut scores: std::collections::BTreeMap<(String, String, &str), Score> =
        std::collections::BTreeMap::new();
    let equal = equal_answers();
    let mut lines = Vec::new();
    for item in &items {
        let ours: Vec<String> = search(&index, &SearchRequest::new(item.query.as_str()))
            .map(|results| results.hits.into_iter().map(|hit| hit.id).collect())
            .unwrap_or_default();
        let baseline = plain_bm25(&index, &item.query);
        for (ranker, ids) in [("ours", &ours), ("bm25", &baseline)] {
            let rr = reciprocal_rank(ids, &item.id);
            let lenient = ids
                .iter()
                .take(10)
                .position(|id| {
                    *id == item.id
                        || equal.contains(&(item.query.clone(), item.id.clone(), id.clone()))
                })
                .map_or(0.0, |rank| 1.0 / (rank as f64 + 1.0));
            // Only the test halves' answers were judged.
            if judged && item.split == "test" {
                scores
                    .entry((item.split.clone(), "lenient".to_string(), ranker))
                    .or_default()
                    .reciprocal_ranks
                    .push(lenient);
            }
            for class in [item.class.as_str(), "all"] {
                scores
                    .entry((item.split.clone(), class.to_string(), ranker))
                    .or_default()
                    .reciprocal_ranks
                    .push(rr);
            }
        }
        let rank = |ids: &[String]| {
            ids.iter()
                .take(10)
                .position(|id| *id == item.id)
                .map_or("-".to_string(), |rank| (rank + 1).to_string())
        };
        lines.push(format!(
            "{:<5} {:<7} ours {:>2} bm25 {:>2}  {:<45} {}",
            item.split,
            item.class,
            rank(&ours),
            rank(&baseline),
            item.query,
            item.id
        ));
    }
    for ((split, class, ranker), score) in &scores {
        lines.push(format!(
            "{split:<5} {class:<7} {ranker:<5} MRR@10 {:.3}  hits@3 {}/{}",
            score.mrr(),
            score.hits_at_3(),
            score.reciprocal_ranks.len()
        ));
    }
    let report = lines.join("\n");
    println!("{report}");
    let mrr = |split: &str, ranker: &str| {
        scores
            .get(&(split.to_string(), "all".to_string(), ranker))
            .map_or(0.0, Score::mrr)
    };
    // A floor under the test half, so a change that hurts ranking on searches it was not
    // tuned on fails here; and never worse than the untuned baseline.
    assert!(
        mrr("test", "ours") >= floor,
        "{file}: MRR@10 on the test half fell below {floor}:\n{report}"
    );
    assert!(
        mrr("test", "ours") >= mrr("test", "bm25"),
        "{file}: plain BM25 ranks the test half better:\n{report}"
    );
}

/// The first set (issue 17): queries of rare words, where plain BM25 is already strong.
#[test]
#[cfg_attr(
    not(shared_corpus),
    ignore = "needs the real cable pages of ../shared/real-corpus, absent here"
)]
fn known_item_searches_beat_plain_bm25() {
    check_known_items("known_items.tsv", 0.92, false);
}

/// The second set: what a person remembers (2-4 general words), kept only when at least
/// four pages contain every word, so ranking decides.
#[test]
#[cfg_attr(
    not(shared_corpus),
    ignore = "needs the real cable pages of ../shared/real-corpus, absent here"
)]
fn remembered_searches_beat_plain_bm25() {
    check_known_items("known_items_v2.tsv", 0.85, true);
}

/// The third set (session 7): the second's rules on targets neither set had read, written
/// blind by four helpers, so the ranking is measured on searches it was never tuned on.
#[test]
#[cfg_attr(
    not(shared_corpus),
    ignore = "needs the real cable pages of ../shared/real-corpus, absent here"
)]
fn fresh_remembered_searches_beat_plain_bm25() {
    check_known_items("known_items_v3.tsv", 0.78, true);
}

/// The proximity re-scoring reorders the best matches only; pages of ten read one after the
/// other give exactly the first 130 of one long page, across the re-scored window's edge.
#[test]
fn pages_agree_with_one_long_page_across_the_rescored_window() {
    let dir = tempfile::tempdir().expect("temp dir");
    let options = IndexOptions::new(root().join("corpus"), dir.path().join("index"));
    build_index(&options, &mut |_| {}).expect("index the bundled corpus");
    let index = CableIndex::open(&dir.path().join("index")).expect("open");
    let query = "minister said";
    let ids = |offset: usize, limit: usize| -> Vec<String> {
        let request = SearchRequest {
            offset,
            limit,
            ..SearchRequest::new(query)
        };
        search(&index, &request)
            .expect("search")
            .hits
            .into_iter()
            .map(|hit| hit.id)
            .collect()
    };
    let long = ids(0, 130);
    assert_eq!(long.len(), 130, "the query matches more than 130 cables");
    let paged: Vec<String> = (0..13).flat_map(|page| ids(page * 10, 10)).collect();
    assert_eq!(paged, long);
}

/// A cable's score depends on the cable and the corpus, not on how indexing split the corpus
/// into segments: one segment and six (one thread committing every 60 cables,
/// fewer than tantivy's merge policy would merge) score every match of multi-word searches alike. (tantivy's sloppy phrase query, which the
/// proximity evidence once used, failed this: its matches followed per-segment frequencies.)
#[test]
fn scores_do_not_depend_on_how_the_index_was_segmented() {
    let dir = tempfile::tempdir().expect("temp dir");
    let build = |name: &str, threads: usize, commit_every: Option<usize>| {
        let mut options = IndexOptions::new(root().join("corpus"), dir.path().join(name));
        options.threads = threads;
        options.commit_every = commit_every;
        build_index(&options, &mut |_| {}).expect("index the bundled corpus");
        CableIndex::open(&dir.path().join(name)).expect("open")
    };
    let one = build("one", 1, None);
    let many = build("many", 1, Some(60));
    let segments = |index: &CableIndex| {
        index
            .reader()
            .expect("reader")
            .searcher()
            .segment_readers()
            .len()
    };
    assert_eq!(segments(&one), 1);
    assert!(segments(&many) >= 5, "{} segments", segments(&many));
    let scored = |index: &CableIndex, query: &str| -> Vec<(String, String)> {
        let request = SearchRequest {
            limit: 1000,
            ..SearchRequest::new(query)
        };
        let mut hits: Vec<(String, String)> = search(index, &request)
            .expect("search")
            .hits
            .into_iter()
            .map(|hit| (format!("{:.4}", hit.score), hit.id))
            .collect();
        // Equal scores may come in either order; the score of each cable may not differ.
        hits.sort();
        hits
    };
    for query in [
        "minister said government",
        "trafficking persons smuggling children",
        "embassy election opposition",
        "president meeting visit",
        "oil OR gas OR pipeline",
        // A country word: its demonym's postings are read too (`french` for `france`).
        "france minister government",
    ] {
        let expected = scored(&one, query);
        assert!(expected.len() > 3, "{query}: {} matches", expected.len());
        assert_eq!(scored(&many, query), expected, "{query}");
    }
}
