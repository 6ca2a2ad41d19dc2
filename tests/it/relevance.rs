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

fn real_corpus() -> PathBuf {
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

/// One known-item search of `tests/relevance/known_items.tsv` or `known_items_v2.tsv`.
struct KnownItem {
    id: String,
    split: String,
    class: String,
    query: String,
}

fn known_items(file: &str) -> Vec<KnownItem> {
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
fn reciprocal_rank(ids: &[String], wanted: &str) -> f64 {
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

/// Ranks every search of a truth set with ours and with plain BM25, prints each rank and
/// MRR@10 and hits@3 per split and class, and checks the test half: at least `floor` (what
/// this ranking measured when last tuned, a little lower) and at least plain BM25's MRR.
fn check_known_items(file: &str, floor: f64) {
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
    let mut lines = Vec::new();
    for item in &items {
        let ours: Vec<String> = search(&index, &SearchRequest::new(item.query.as_str()))
            .map(|results| results.hits.into_iter().map(|hit| hit.id).collect())
            .unwrap_or_default();
        let baseline = plain_bm25(&index, &item.query);
        for (ranker, ids) in [("ours", &ours), ("bm25", &baseline)] {
            let rr = reciprocal_rank(ids, &item.id);
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
    check_known_items("known_items.tsv", 0.92);
}

/// The second set: what a person remembers (2-4 general words), kept only when at least
/// four pages contain every word, so ranking decides.
#[test]
#[cfg_attr(
    not(shared_corpus),
    ignore = "needs the real cable pages of ../shared/real-corpus, absent here"
)]
fn remembered_searches_beat_plain_bm25() {
    check_known_items("known_items_v2.tsv", 0.85);
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
    ] {
        let expected = scored(&one, query);
        assert!(expected.len() > 3, "{query}: {} matches", expected.len());
        assert_eq!(scored(&many, query), expected, "{query}");
    }
}

/// Tuning aid, not a check: MRR@10 on the tuning halves of both truth sets for a grid of
/// ranking weights (`cargo test --release --test it tune_ranking -- --ignored --nocapture`,
/// `CABLES_TUNE` = lines of `proximity slop lead lead_positions subject [official opening
/// opening_positions]` to try instead).
/// It never reads the test halves, which stay for the checks above.
#[test]
#[ignore = "a tuning aid that prints figures; run by hand when changing rank::WEIGHTS"]
fn tune_ranking() {
    use cables::rank::{Weights, WEIGHTS};
    use cables::search::search_weighted;
    let dir = tempfile::tempdir().expect("temp dir");
    let options = IndexOptions::new(real_corpus(), dir.path().join("index"));
    build_index(&options, &mut |_| {}).expect("index the real pages");
    let index = CableIndex::open(&dir.path().join("index")).expect("open");
    let sets: Vec<(&str, Vec<KnownItem>)> = ["known_items.tsv", "known_items_v2.tsv"]
        .into_iter()
        .map(|file| {
            let tune = known_items(file)
                .into_iter()
                .filter(|item| item.split == "tune")
                .collect();
            (file, tune)
        })
        .collect();
    let grid = std::env::var("CABLES_TUNE").unwrap_or_else(|_| "2 100 0 120 0".to_string());
    for line in grid.lines().filter(|line| !line.trim().is_empty()) {
        let values: Vec<f32> = line
            .split_whitespace()
            .map(|value| value.parse().expect("a number"))
            .collect();
        let weights = Weights {
            proximity: values[0],
            slop: values[1] as u32,
            lead: values[2],
            lead_positions: values[3] as u32,
            subject: values[4],
            official: values.get(5).copied().unwrap_or(0.0),
            opening: values.get(6).copied().unwrap_or(0.0),
            opening_positions: values.get(7).map_or(0, |value| *value as u32),
            ..WEIGHTS
        };
        let mut report = format!("{line:<24}");
        for (file, items) in &sets {
            let mut by_class: std::collections::BTreeMap<&str, Vec<f64>> = Default::default();
            for item in items {
                let ids: Vec<String> =
                    search_weighted(&index, &SearchRequest::new(item.query.as_str()), weights)
                        .map(|results| results.hits.into_iter().map(|hit| hit.id).collect())
                        .unwrap_or_default();
                let rr = reciprocal_rank(&ids, &item.id);
                by_class.entry("all").or_default().push(rr);
                by_class.entry(item.class.as_str()).or_default().push(rr);
            }
            report.push_str(&format!("  {file}:"));
            for (class, rrs) in by_class {
                report.push_str(&format!(
                    " {class} {:.3}",
                    rrs.iter().sum::<f64>() / rrs.len() as f64
                ));
            }
        }
        println!("{report}");
    }
}

/// Research aid, not a check: writes, for every tuning-half search of both truth sets, the best
/// 200 matches by plain score with what a ranking could read of them (each query word's
/// positions in the body, counts in subject and TAGS meanings, whether it names an official,
/// document frequencies, lengths, paragraph starts, origin) as JSON lines to `CABLES_DUMP`.
#[test]
#[ignore = "a research aid that writes candidate features of the tuning halves to a file"]
fn dump_ranking_features() {
    use std::io::Write;
    use tantivy::collector::TopDocs;
    use tantivy::postings::Postings;
    use tantivy::schema::{IndexRecordOption, Value};
    use tantivy::{DocSet, Term};
    let out_path = std::env::var("CABLES_DUMP").expect("CABLES_DUMP names the output file");
    let dir = tempfile::tempdir().expect("temp dir");
    let options = IndexOptions::new(real_corpus(), dir.path().join("index"));
    build_index(&options, &mut |_| {}).expect("index the real pages");
    let index = CableIndex::open(&dir.path().join("index")).expect("open");
    let reader = index.reader().expect("reader");
    let searcher = reader.searcher();
    let fields = &index.fields;
    let mut out = std::io::BufWriter::new(std::fs::File::create(&out_path).expect("create"));
    let splits: Vec<String> = std::env::var("CABLES_DUMP_SPLITS")
        .unwrap_or_else(|_| "tune".to_string())
        .split(',')
        .map(str::to_string)
        .collect();
    for file in ["known_items.tsv", "known_items_v2.tsv"] {
        for item in known_items(file)
            .into_iter()
            .filter(|item| splits.contains(&item.split))
        {
            let query = cables::query::parse_query(&index, &item.query).expect("query");
            let top = searcher
                .search(&*query, &TopDocs::with_limit(200).order_by_score())
                .expect("search");
            // Query words, analysed for body, subject, topic, official.
            let words: Vec<String> = item
                .query
                .split_whitespace()
                .filter(|w| !matches!(*w, "AND" | "OR" | "NOT"))
                .map(|w| {
                    w.chars()
                        .filter(|c| c.is_alphanumeric() || *c == '-')
                        .collect()
                })
                .filter(|w: &String| !w.is_empty())
                .collect();
            let analysed = |field: tantivy::schema::Field| -> Vec<Term> {
                let mut analyzer = index.index.tokenizer_for_field(field).expect("tokenizer");
                let mut terms: Vec<Term> = Vec::new();
                for word in &words {
                    let mut stream = analyzer.token_stream(word);
                    while stream.advance() {
                        let term = Term::from_field_text(field, &stream.token().text);
                        if !terms.contains(&term) {
                            terms.push(term);
                        }
                    }
                }
                terms
            };
            let body_terms = analysed(fields.body);
            // Alternative forms of query words (`CABLES_DUMP_ALT`: word<TAB>alt,alt), each
            // with the index of the body term it stands for.
            let alt_table: Vec<(String, Vec<String>)> = std::env::var("CABLES_DUMP_ALT")
                .ok()
                .and_then(|path| std::fs::read_to_string(path).ok())
                .unwrap_or_default()
                .lines()
                .filter_map(|line| line.split_once('\t'))
                .map(|(w, alts)| (w.to_string(), alts.split(',').map(str::to_string).collect()))
                .collect();
            let mut alt_terms: Vec<(usize, Term)> = Vec::new();
            {
                let mut analyzer = index.index.tokenizer_for_field(fields.body).expect("tok");
                for word in &words {
                    let lower = word.to_lowercase();
                    let Some((_, alts)) = alt_table.iter().find(|(w, _)| *w == lower) else {
                        continue;
                    };
                    let first = {
                        let mut stream = analyzer.token_stream(word);
                        if stream.advance() {
                            Some(stream.token().text.clone())
                        } else {
                            None
                        }
                    };
                    let Some(first) = first else {
                        continue;
                    };
                    let Some(at) = body_terms
                        .iter()
                        .position(|t| t.value().as_str() == Some(first.as_str()))
                    else {
                        continue;
                    };
                    for alt in alts {
                        let mut stream = analyzer.token_stream(alt);
                        while stream.advance() {
                            let term = Term::from_field_text(fields.body, &stream.token().text);
                            if !body_terms.contains(&term)
                                && !alt_terms.iter().any(|(_, t)| *t == term)
                            {
                                alt_terms.push((at, term));
                            }
                        }
                    }
                }
            }
            let alt_only: Vec<Term> = alt_terms.iter().map(|(_, t)| t.clone()).collect();
            let alt_subject: Vec<Term> = alt_only
                .iter()
                .map(|t| Term::from_field_text(fields.subject, t.value().as_str().unwrap_or("")))
                .collect();
            let subject_terms = analysed(fields.subject);
            let topic_terms = analysed(fields.topic);
            let official_terms = analysed(fields.official);
            let df = |terms: &[Term]| -> Vec<u64> {
                terms
                    .iter()
                    .map(|t| searcher.doc_freq(t).expect("df"))
                    .collect()
            };
            let mut candidates = Vec::new();
            for (score, address) in top {
                let segment = searcher.segment_reader(address.segment_ord);
                let doc = address.doc_id;
                let read = |terms: &[Term], positions: bool| -> Vec<(u32, Vec<u32>)> {
                    terms
                        .iter()
                        .map(|term| {
                            let inverted = segment.inverted_index(term.field()).expect("inv");
                            let option = if positions {
                                IndexRecordOption::WithFreqsAndPositions
                            } else {
                                IndexRecordOption::WithFreqs
                            };
                            match inverted.read_postings(term, option).expect("postings") {
                                Some(mut list) => {
                                    if list.seek(doc) == doc {
                                        let mut at = Vec::new();
                                        if positions {
                                            list.positions(&mut at);
                                        }
                                        (list.term_freq(), at)
                                    } else {
                                        (0, Vec::new())
                                    }
                                }
                                None => (0, Vec::new()),
                            }
                        })
                        .collect()
                };
                let body = read(&body_terms, true);
                let subject = read(&subject_terms, false);
                let topic = read(&topic_terms, false);
                let official = read(&official_terms, false);
                let alt_body = read(&alt_only, true);
                let alt_subj = read(&alt_subject, false);
                let norm = |field| {
                    segment
                        .get_fieldnorms_reader(field)
                        .expect("norms")
                        .fieldnorm(doc)
                };
                let document: tantivy::TantivyDocument = searcher.doc(address).expect("doc");
                let text = |field| {
                    document
                        .get_first(field)
                        .and_then(|v| v.as_str())
                        .unwrap_or("")
                        .to_string()
                };
                // Positions where a paragraph starts: the first token after a blank line.
                let body_text = text(fields.body);
                let mut analyzer = index.index.tokenizer_for_field(fields.body).expect("tok");
                let mut stream = analyzer.token_stream(&body_text);
                let mut paragraph_starts = Vec::new();
                let mut last_end = 0;
                let mut tokens = 0u32;
                while stream.advance() {
                    let token = stream.token();
                    if body_text[last_end..token.offset_from].contains("\n\n")
                        || body_text[last_end..token.offset_from].contains("\n \n")
                    {
                        paragraph_starts.push(token.position as u32);
                    }
                    last_end = token.offset_to;
                    tokens = token.position as u32 + 1;
                }
                candidates.push(serde_json::json!({
                    "id": text(fields.id),
                    "score": score,
                    "origin": text(fields.origin),
                    "created": document.get_first(fields.created).and_then(|v| v.as_datetime()).map(|d| d.into_timestamp_secs()),
                    "body_norm": norm(fields.body),
                    "subject_norm": norm(fields.subject),
                    "topic_norm": norm(fields.topic),
                    "body_tokens": tokens,
                    "subject": text(fields.subject),
                    "body_tf": body.iter().map(|b| b.0).collect::<Vec<_>>(),
                    "body_pos": body.iter().map(|b| b.1.clone()).collect::<Vec<_>>(),
                    "subject_tf": subject.iter().map(|b| b.0).collect::<Vec<_>>(),
                    "topic_tf": topic.iter().map(|b| b.0).collect::<Vec<_>>(),
                    "official_tf": official.iter().map(|b| b.0).collect::<Vec<_>>(),
                    "paragraphs": paragraph_starts,
                    "alt_body_tf": alt_body.iter().map(|b| b.0).collect::<Vec<_>>(),
                    "alt_body_pos": alt_body.iter().map(|b| b.1.clone()).collect::<Vec<_>>(),
                    "alt_subject_tf": alt_subj.iter().map(|b| b.0).collect::<Vec<_>>(),
                }));
            }
            let line = serde_json::json!({
                "set": file,
                "split": item.split,
                "class": item.class,
                "query": item.query,
                "target": item.id,
                "docs": searcher.num_docs(),
                "body_terms": body_terms.iter().map(|t| t.value().as_str().unwrap_or("").to_string()).collect::<Vec<_>>(),
                "body_df": df(&body_terms),
                "subject_df": df(&subject_terms),
                "topic_df": df(&topic_terms),
                "official_df": df(&official_terms),
                "alt_of": alt_terms.iter().map(|(at, _)| *at).collect::<Vec<_>>(),
                "alt_terms": alt_only.iter().map(|t| t.value().as_str().unwrap_or("").to_string()).collect::<Vec<_>>(),
                "alt_df": df(&alt_only),
                "avg_body": searcher.segment_readers().iter().map(|s| s.inverted_index(fields.body).map(|i| i.total_num_tokens()).unwrap_or(0)).sum::<u64>() as f64 / searcher.num_docs() as f64,
                "candidates": candidates,
            });
            writeln!(out, "{line}").expect("write");
        }
    }
}
