//! Ranking: what a short query implies beyond BM25 (its words near each other), scored on the best matches only, so it reorders matches but never changes which cables match.

use std::collections::BTreeMap;

use tantivy::postings::Postings;
use tantivy::query::Bm25Weight;
use tantivy::schema::Field;
use tantivy::schema::IndexRecordOption;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DocAddress, DocId, DocSet, Score, Searcher, Term};

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

/// The query's words near each other in the body: the evidence `rescore` adds to BM25.
///
/// Scored here rather than with tantivy's sloppy `PhraseQuery`, whose matches of three words
/// or more depend on the order it visits the words in, which follows each segment's term
/// frequencies: the same cable scored differently depending on how indexing threads split
/// the corpus into segments. Here the count of tight windows depends only on the cable.
pub struct Proximity {
    terms: Vec<Term>,
    weights: Weights,
}

/// The proximity evidence of a query of two distinct words or more, or `None`.
pub fn proximity(index: &CableIndex, text: &str, weights: Weights) -> Option<Proximity> {
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
    Some(Proximity { terms, weights })
}

impl Proximity {
    /// Adds the proximity score to each candidate and sorts the candidates again, best first
    /// (ties by address). The candidates are the query's matches, so the set stays the same;
    /// only the order changes.
    pub fn rescore(
        &self,
        searcher: &Searcher,
        candidates: Vec<(Score, DocAddress)>,
    ) -> tantivy::Result<Vec<(Score, DocAddress)>> {
        // BM25 of a phrase, as tantivy scores one: the words' idf summed, the count of tight
        // windows as the term frequency.
        let bm25 = Bm25Weight::for_terms(searcher, &self.terms)?.boost_by(self.weights.proximity);
        let field = self.terms[0].field();
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
            let reader = searcher.segment_reader(segment);
            let inverted = reader.inverted_index(field)?;
            let fieldnorms = reader.get_fieldnorms_reader(field)?;
            let mut postings = Vec::with_capacity(self.terms.len());
            for term in &self.terms {
                if let Some(list) =
                    inverted.read_postings(term, IndexRecordOption::WithFreqsAndPositions)?
                {
                    postings.push(list);
                }
            }
            if postings.len() < 2 {
                continue;
            }
            let mut positions: Vec<Vec<u32>> = vec![Vec::new(); postings.len()];
            for (doc, position) in docs {
                for (list, out) in postings.iter_mut().zip(positions.iter_mut()) {
                    out.clear();
                    if list.doc() < doc {
                        list.seek(doc);
                    }
                    if list.doc() == doc {
                        list.positions(out);
                    }
                }
                let windows = tight_windows(&positions, self.weights.slop);
                if windows > 0 {
                    scored[position].0 += bm25.score(fieldnorms.fieldnorm_id(doc), windows);
                }
            }
        }
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        Ok(scored)
    }
}

/// How many minimal windows of a text hold one position of every word that has any,
/// in any order, with at most `slop` other words inside. `positions` holds each word's
/// positions, ascending; words absent from the text are left out of the windows (the query
/// may match without them, through OR), but at least two words must be present.
fn tight_windows(positions: &[Vec<u32>], slop: u32) -> u32 {
    let present: Vec<&Vec<u32>> = positions.iter().filter(|list| !list.is_empty()).collect();
    let words = present.len();
    if words < 2 {
        return 0;
    }
    let mut merged: Vec<(u32, usize)> = present
        .iter()
        .enumerate()
        .flat_map(|(word, list)| list.iter().map(move |&at| (at, word)))
        .collect();
    merged.sort_unstable();
    let mut inside = vec![0u32; words];
    let mut covered = 0;
    let mut left = 0;
    let mut windows = 0;
    for right in 0..merged.len() {
        let (_, word) = merged[right];
        inside[word] += 1;
        if inside[word] == 1 {
            covered += 1;
        }
        // Drop repeated words from the left so the window starts at its only copy of a word.
        while inside[merged[left].1] > 1 {
            inside[merged[left].1] -= 1;
            left += 1;
        }
        // Minimal when the word that closed it occurs once inside: else a shorter window
        // ending before it covers every word too.
        if covered == words && inside[word] == 1 {
            let span = merged[right].0 - merged[left].0 + 1;
            let others = span.saturating_sub(words as u32);
            if others <= slop {
                windows += 1;
            }
        }
    }
    windows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tight_windows_count_minimal_covers_in_any_order() {
        // a b . . b a: windows {a0,b1} and {b4,a5} and {b1..a5 is not minimal}.
        assert_eq!(tight_windows(&[vec![0, 5], vec![1, 4]], 0), 2);
        // Too far apart for slop 2, near enough for slop 3.
        assert_eq!(tight_windows(&[vec![0], vec![4]], 2), 0);
        assert_eq!(tight_windows(&[vec![0], vec![4]], 3), 1);
        // Order does not matter: the same text with the words listed the other way.
        assert_eq!(
            tight_windows(&[vec![3, 9], vec![1, 12], vec![5]], 4),
            tight_windows(&[vec![5], vec![1, 12], vec![3, 9]], 4)
        );
        // A word absent from the text leaves the windows to the others; one word alone has none.
        assert_eq!(tight_windows(&[vec![2], vec![], vec![3]], 0), 1);
        assert_eq!(tight_windows(&[vec![2, 3], vec![]], 10), 0);
    }

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
