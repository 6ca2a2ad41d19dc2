//! Ranking: what a short query implies beyond BM25 (its words near each other), scored on the best matches only, so it reorders matches but never changes which cables match.

use std::collections::BTreeMap;

use tantivy::query::{BoostQuery, EnableScoring, PhraseQuery, Query};
use tantivy::schema::Field;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DocAddress, DocId, DocSet, Score, Searcher, Term, TERMINATED};

use crate::index::CableIndex;

/// How the proximity clause scores, tuned on the tuning half of the known-item truth set
/// (`tests/relevance/known_items_v2.tsv`).
#[derive(Debug, Clone, Copy)]
pub struct Weights {
    /// Weight of a phrase of the query's words within `slop` positions of each other in the
    /// body (a sloppy phrase scores more the closer the words are).
    pub proximity: f32,
    /// Positions the proximity phrase may stretch over.
    pub slop: u32,
    /// Best matches by plain score that the clause re-scores: it costs a phrase match per
    /// candidate, so it runs on these few instead of every match.
    pub depth: usize,
}

/// The weights `search` uses.
pub const WEIGHTS: Weights = Weights {
    proximity: 2.0,
    slop: 100,
    depth: 100,
};

/// Words of a query that a matching cable is meant to contain: bare words and phrase words,
/// not operators, field clauses or excluded words.
fn positive_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut excluded = false;
    for token in text.split_whitespace() {
        match token {
            "AND" | "OR" => continue,
            "NOT" => {
                excluded = true;
                continue;
            }
            _ => {}
        }
        let skip = excluded || token.starts_with('-') || token.contains(':');
        excluded = false;
        if skip {
            continue;
        }
        let word: String = token
            .chars()
            .filter(|c| !matches!(c, '"' | '(' | ')' | '*' | '+'))
            .collect();
        if !word.is_empty() {
            words.push(word);
        }
    }
    words
}

/// The analysed terms of `words` in `field`, in order, without repeats.
fn terms(analyzer: &mut TextAnalyzer, field: Field, words: &[String]) -> Vec<Term> {
    let mut terms: Vec<Term> = Vec::new();
    for word in words {
        let mut stream = analyzer.token_stream(word);
        while stream.advance() {
            let term = Term::from_field_text(field, &stream.token().text);
            if !terms.contains(&term) {
                terms.push(term);
            }
        }
    }
    terms
}

/// The proximity clause of a query of two words or more: its words within `weights.slop`
/// positions of each other in the body, boosted by `weights.proximity`.
pub fn proximity(index: &CableIndex, text: &str, weights: Weights) -> Option<Box<dyn Query>> {
    let words = positive_words(text);
    if words.len() < 2 || weights.proximity <= 0.0 {
        return None;
    }
    let body = index.fields.body;
    let mut analyzer = index.index.tokenizer_for_field(body).ok()?;
    let terms = terms(&mut analyzer, body, &words);
    if terms.len() < 2 {
        return None;
    }
    let mut phrase = PhraseQuery::new(terms);
    phrase.set_slop(weights.slop);
    Some(Box::new(BoostQuery::new(
        Box::new(phrase),
        weights.proximity,
    )))
}

/// Adds `extra`'s score to each candidate that `extra` matches and sorts the candidates
/// again, best first (ties by address, so the order is the same on every run). The
/// candidates are the query's matches, so the set stays the same; only the order changes.
pub fn rescore(
    searcher: &Searcher,
    candidates: Vec<(Score, DocAddress)>,
    extra: &dyn Query,
) -> tantivy::Result<Vec<(Score, DocAddress)>> {
    let weight = extra.weight(EnableScoring::enabled_from_searcher(searcher))?;
    let mut by_segment: BTreeMap<u32, Vec<(DocId, usize)>> = BTreeMap::new();
    for (position, (_, address)) in candidates.iter().enumerate() {
        by_segment
            .entry(address.segment_ord)
            .or_default()
            .push((address.doc_id, position));
    }
    let mut scored = candidates;
    for (segment, mut docs) in by_segment {
        docs.sort_unstable();
        let mut scorer = weight.scorer(searcher.segment_reader(segment), 1.0)?;
        for (doc, position) in docs {
            if scorer.doc() == TERMINATED {
                break;
            }
            if scorer.doc() < doc {
                scorer.seek(doc);
            }
            if scorer.doc() == doc {
                scored[position].0 += scorer.score();
            }
        }
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    Ok(scored)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positive_words_leave_out_operators_fields_and_exclusions() {
        assert_eq!(
            positive_words(
                r#"smuggling AND "salvadoran children" NOT mexico -guatemala tag:KTIP (oil OR gas)"#
            ),
            ["smuggling", "salvadoran", "children", "oil", "gas"]
        );
    }
}
