//! Tuning aids for the ranking, not checks: MRR@10 of the tuning halves for a grid of weights,
//! and a dump of the best matches' features for research outside Rust. Both read the tuning
//! halves only; the test halves stay for `relevance.rs`.

use cables::index::CableIndex;
use cables::ingest::{build_index, IndexOptions};
use cables::search::SearchRequest;

use crate::relevance::{known_items, real_corpus, reciprocal_rank, KnownItem, KNOWN_ITEM_SETS};

/// Tuning aid, not a check: MRR@10 on the tuning halves of every truth set for a grid of
/// ranking weights (`cargo test --release --test it tune_ranking -- --ignored --nocapture`,
/// `CABLES_TUNE` = lines of `proximity slop lead lead_positions subject [official opening
/// opening_positions]` to try instead; a value left out is that of `rank::WEIGHTS`, and with
/// no `CABLES_TUNE` the one line tried is `rank::WEIGHTS`).
/// It never reads the test halves, which stay for the checks in `relevance.rs`.
#[test]
#[ignore = "a tuning aid that prints figures; run by hand when changing rank::WEIGHTS"]
fn tune_ranking() {
    use cables::rank::{Weights, WEIGHTS};
    use cables::search::search_weighted;
    let dir = tempfile::tempdir().expect("temp dir");
    let options = IndexOptions::new(real_corpus(), dir.path().join("index"));
    build_index(&options, &mut |_| {}).expect("index the real pages");
    let index = CableIndex::open(&dir.path().join("index")).expect("open");
    let sets: Vec<(&str, Vec<KnownItem>)> = KNOWN_ITEM_SETS
        .iter()
        .copied()
        .map(|file| {
            let tune = known_items(file)
                .into_iter()
                .filter(|item| item.split == "tune")
                .collect();
            (file, tune)
        })
        .collect();
    let grid = std::env::var("CABLES_TUNE").unwrap_or_else(|_| {
        format!(
            "{} {} {} {} {} {} {} {}",
            WEIGHTS.proximity,
            WEIGHTS.slop,
            WEIGHTS.lead,
            WEIGHTS.lead_positions,
            WEIGHTS.subject,
            WEIGHTS.official,
            WEIGHTS.opening,
            WEIGHTS.opening_positions
        )
    });
    for line in grid.lines().filter(|line| !line.trim().is_empty()) {
        let values: Vec<f32> = line
            .split_whitespace()
            .map(|value| value.parse().expect("a number"))
            .collect();
        let value = |at: usize, default: f32| values.get(at).copied().unwrap_or(default);
        let weights = Weights {
            proximity: value(0, WEIGHTS.proximity),
            slop: value(1, WEIGHTS.slop as f32) as u32,
            lead: value(2, WEIGHTS.lead),
            lead_positions: value(3, WEIGHTS.lead_positions as f32) as u32,
            subject: value(4, WEIGHTS.subject),
            official: value(5, WEIGHTS.official),
            opening: value(6, WEIGHTS.opening),
            opening_positions: value(7, WEIGHTS.opening_positions as f32) as u32,
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

/// Research aid, not a check: writes, for every tuning-half search of every truth set, the best
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
    for file in KNOWN_ITEM_SETS {
        for item in known_items(file)
            .into_iter()
            .filter(|item| item.split == "tune")
        {
            let query = cables::query::parse_query(&index, &item.query).expect("query");
            let top = searcher
                .search(&*query, &TopDocs::with_limit(200).order_by_score())
                .expect("search");
            // Query words as the ranking reads them, analysed for body, subject, topic, official.
            let words = cables::rank::positive_words(&item.query);
            let analysed = |field: tantivy::schema::Field| -> Vec<Term> {
                cables::rank::field_terms(&index, field, &words).expect("an analyzer")
            };
            let body_terms = analysed(fields.body);
            // The demonyms of query words (`french` for `France`), each with the index of the
            // body term it stands for, as the ranking finds them.
            let mut analyzer = index.index.tokenizer_for_field(fields.body).expect("tok");
            let alt_terms =
                cables::rank::demonym_terms(&mut analyzer, fields.body, &words, &body_terms);
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
