//! Ranking: what a short query implies beyond BM25 (its words near each other, all in the cable's opening, in the lead, naming the cable's officials; a country's demonyms as its word), scored on the best matches only, so it reorders matches but never changes which cables match.

pub mod demonyms;

use std::collections::BTreeMap;

use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::Bm25Weight;
use tantivy::schema::Field;
use tantivy::schema::IndexRecordOption;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DocAddress, DocId, DocSet, Score, Searcher, Term};

use crate::index::CableIndex;

/// How the re-scoring weighs its evidence, tuned on the tuning halves of the known-item truth
/// sets `tests/relevance/known_items.tsv` and `known_items_v2.tsv`, and checked on that of
/// `known_items_v3.tsv`.
#[derive(Debug, Clone, Copy)]
pub struct Weights {
    /// Weight of the query's words close together in the body: BM25 of the count of tight
    /// windows (at most `slop` other words inside), the words' idf summed.
    pub proximity: f32,
    /// Positions a proximity window may stretch over beyond the query's words.
    pub slop: u32,
    /// Weight of query words in the lead of the body (its first `lead_positions` words: the
    /// header, the subject line, the summary or first paragraph), times each such word's idf.
    pub lead: f32,
    /// How many words of the body count as its lead.
    pub lead_positions: u32,
    /// Weight of every query word (or another form of it) standing in the body's opening (its
    /// first `opening_positions` words: the header, the subject line, the start of the
    /// summary), the cable saying at once what the query asks: a large bonus, which ranks such
    /// cables above the others unless those have much more of the other evidence.
    pub opening: f32,
    /// How many words of the body count as its opening.
    pub opening_positions: u32,
    /// Weight of the subject line holding two query words or more, times their idf.
    pub subject: f32,
    /// Weight of query words naming one of the cable's officials, times each word's idf
    /// among the officials.
    pub official: f32,
    /// Best matches by plain score that are re-scored: reading positions costs a postings
    /// seek per word and candidate, so it runs on these few instead of every match.
    pub depth: usize,
}

/// The weights `search` uses.
pub const WEIGHTS: Weights = Weights {
    proximity: 2.0,
    slop: 100,
    lead: 1.0,
    lead_positions: 250,
    opening: 40.0,
    opening_positions: 170,
    subject: 0.0,
    official: 4.0,
    depth: 100,
};

/// Words of a query that a matching cable is meant to contain: bare words and phrase words,
/// not operators, field clauses or excluded words.
pub fn positive_words(text: &str) -> Vec<String> {
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

/// The analysed terms of `words` in `field` of `index`, in order, without repeats (`None` if
/// the field has no analyzer).
pub fn field_terms(index: &CableIndex, field: Field, words: &[String]) -> Option<Vec<Term>> {
    let mut analyzer = index.index.tokenizer_for_field(field).ok()?;
    Some(terms(&mut analyzer, field, words))
}

/// The analysed terms of `words` in `field`, in order, without repeats.
fn terms(analyzer: &mut TextAnalyzer, field: Field, words: &[String]) -> Vec<Term> {
    let mut terms: Vec<Term> = Vec::new();
    for word in words {
        push_terms(analyzer, field, word, &mut terms);
    }
    terms
}

/// Appends the analysed terms of `word` in `field` not yet in `terms`.
fn push_terms(analyzer: &mut TextAnalyzer, field: Field, word: &str, terms: &mut Vec<Term>) {
    let mut stream = analyzer.token_stream(word);
    while stream.advance() {
        let term = Term::from_field_text(field, &stream.token().text);
        if !terms.contains(&term) {
            terms.push(term);
        }
    }
}

/// The other forms of the query's country words (`french` for `France`, also inside
/// `France's` or `France-based`), each with the index of the body term it stands for; forms
/// the query holds itself are left out.
pub fn demonym_terms(
    analyzer: &mut TextAnalyzer,
    field: Field,
    words: &[String],
    body_terms: &[Term],
) -> Vec<(usize, Term)> {
    let mut forms = Vec::new();
    let pieces = words
        .iter()
        .flat_map(|word| word.split(|c: char| !c.is_alphanumeric()));
    for piece in pieces {
        let others = demonyms::other_forms(piece);
        if others.is_empty() {
            continue;
        }
        let mut own = Vec::new();
        push_terms(analyzer, field, piece, &mut own);
        let Some(at) = own
            .first()
            .and_then(|term| body_terms.iter().position(|body| body == term))
        else {
            continue;
        };
        let mut analysed = Vec::new();
        for other in &others {
            push_terms(analyzer, field, other, &mut analysed);
        }
        for term in analysed {
            if !body_terms.contains(&term) && !forms.iter().any(|(_, form)| *form == term) {
                forms.push((at, term));
            }
        }
    }
    forms
}

/// What a short query implies beyond BM25, read from the positions of its words in each
/// candidate: the words near each other, all in the opening, in the lead, in the subject, in an
/// official's name. A country word counts where the cable uses another form of it (`France`
/// where it says `French`), for the evidence of positions only: the BM25 score and the match
/// set stay those of the words as typed.
///
/// Proximity is counted here rather than with tantivy's sloppy `PhraseQuery`, whose matches of
/// three words or more depend on the order it visits the words in, which follows each
/// segment's term frequencies: the same cable scored differently depending on how indexing
/// threads split the corpus into segments. Here every figure depends only on the cable and
/// the corpus-wide statistics.
pub struct Evidence {
    /// The query's body terms, then the other forms of its country words (`french` for
    /// `France`), whose positions count as those of the body term `form_of` names.
    position_terms: Vec<Term>,
    /// How many of `position_terms` are the query's own terms.
    body_count: usize,
    /// For each form (the terms after `body_count`), the index of the body term it stands for.
    form_of: Vec<usize>,
    subject_terms: Vec<Term>,
    official_terms: Vec<Term>,
    weights: Weights,
}

/// The evidence of a query of two distinct words or more, or `None`.
pub fn evidence(index: &CableIndex, text: &str, weights: Weights) -> Option<Evidence> {
    let words = positive_words(text);
    if words.len() < 2 {
        return None;
    }
    let fields = &index.fields;
    let mut analyzer = index.index.tokenizer_for_field(fields.body).ok()?;
    let body_terms = terms(&mut analyzer, fields.body, &words);
    if body_terms.len() < 2 {
        return None;
    }
    let forms = demonym_terms(&mut analyzer, fields.body, &words, &body_terms);
    let body_count = body_terms.len();
    let form_of = forms.iter().map(|(at, _)| *at).collect();
    let mut position_terms = body_terms;
    position_terms.extend(forms.into_iter().map(|(_, term)| term));
    // Evidence at weight 0 is off: no terms, so no postings are read for it.
    let weighed_terms = |field: Field, weight: f32| -> Option<Vec<Term>> {
        if weight > 0.0 {
            field_terms(index, field, &words)
        } else {
            Some(Vec::new())
        }
    };
    let subject_terms = weighed_terms(fields.subject, weights.subject)?;
    let official_terms = weighed_terms(fields.official, weights.official)?;
    Some(Evidence {
        position_terms,
        body_count,
        form_of,
        subject_terms,
        official_terms,
        weights,
    })
}

/// BM25's idf of a word, from corpus-wide counts.
fn idf(searcher: &Searcher, term: &Term) -> tantivy::Result<f32> {
    let docs = searcher.num_docs() as f32;
    let with = searcher.doc_freq(term)? as f32;
    Ok((1.0 + (docs - with + 0.5) / (with + 0.5)).ln())
}

/// Postings of each term in one segment (with `option`'s detail), `None` where a term is absent.
fn segment_postings(
    reader: &tantivy::SegmentReader,
    terms: &[Term],
    option: IndexRecordOption,
) -> tantivy::Result<Vec<Option<SegmentPostings>>> {
    let Some(first) = terms.first() else {
        return Ok(Vec::new());
    };
    let inverted = reader.inverted_index(first.field())?;
    terms
        .iter()
        .map(|term| {
            inverted
                .read_postings(term, option)
                .map_err(tantivy::TantivyError::from)
        })
        .collect()
}

/// Each term's BM25 idf.
fn idfs(searcher: &Searcher, terms: &[Term]) -> tantivy::Result<Vec<f32>> {
    terms.iter().map(|term| idf(searcher, term)).collect()
}

/// How many of the lists hold `doc`, and the sum of their idfs (moving each list to `doc`).
fn present_at(lists: &mut [Option<SegmentPostings>], doc: DocId, idfs: &[f32]) -> (usize, f32) {
    let mut present = (0, 0.0);
    for (list, idf) in lists.iter_mut().zip(idfs) {
        if let Some(list) = list {
            if list.doc() < doc {
                list.seek(doc);
            }
            if list.doc() == doc {
                present = (present.0 + 1, present.1 + idf);
            }
        }
    }
    present
}

/// Moves each list to `doc` and copies its positions there into `out` (empty if absent).
fn positions_at(lists: &mut [Option<SegmentPostings>], doc: DocId, out: &mut [Vec<u32>]) {
    for (list, out) in lists.iter_mut().zip(out.iter_mut()) {
        out.clear();
        if let Some(list) = list {
            if list.doc() < doc {
                list.seek(doc);
            }
            if list.doc() == doc {
                list.positions(out);
            }
        }
    }
}

impl Evidence {
    /// Adds the evidence's score to each candidate and sorts the candidates again, best first
    /// (ties by address). The candidates are the query's matches, so the set stays the same;
    /// only the order changes.
    pub fn rescore(
        &self,
        searcher: &Searcher,
        candidates: Vec<(Score, DocAddress)>,
    ) -> tantivy::Result<Vec<(Score, DocAddress)>> {
        let weights = self.weights;
        // Proximity is BM25 of a phrase, as tantivy scores one: the words' idf summed, the
        // count of tight windows as the term frequency.
        let body_terms = &self.position_terms[..self.body_count];
        let bm25 = Bm25Weight::for_terms(searcher, body_terms)?.boost_by(weights.proximity);
        let body_idf = idfs(searcher, body_terms)?;
        let subject_idf = idfs(searcher, &self.subject_terms)?;
        let official_idf = idfs(searcher, &self.official_terms)?;
        let body_field = body_terms[0].field();
        let mut by_segment: BTreeMap<u32, Vec<(DocId, usize)>> = BTreeMap::new();
        for (position, (_, address)) in candidates.iter().enumerate() {
            by_segment
                .entry(address.segment_ord)
                .or_default()
                .push((address.doc_id, position));
        }
        let mut scored = candidates;
        let mut positions: Vec<Vec<u32>> = vec![Vec::new(); self.position_terms.len()];
        for (segment, mut docs) in by_segment {
            docs.sort_unstable();
            let reader = searcher.segment_reader(segment);
            let fieldnorms = reader.get_fieldnorms_reader(body_field)?;
            let mut lists = segment_postings(
                reader,
                &self.position_terms,
                IndexRecordOption::WithFreqsAndPositions,
            )?;
            // The subject and officials evidence read presence only: no positions decoded.
            let mut subject =
                segment_postings(reader, &self.subject_terms, IndexRecordOption::Basic)?;
            let mut official =
                segment_postings(reader, &self.official_terms, IndexRecordOption::Basic)?;
            for (doc, position) in docs {
                positions_at(&mut lists, doc, &mut positions);
                let words = merge_forms(&mut positions, self.body_count, &self.form_of);
                let mut extra = 0.0;
                let windows = tight_windows(words, weights.slop);
                if windows > 0 {
                    extra += bm25.score(fieldnorms.fieldnorm_id(doc), windows);
                }
                let (in_lead, all_in_opening) = openings(words, &body_idf, weights);
                extra += weights.lead * in_lead;
                if all_in_opening {
                    extra += weights.opening;
                }
                // Presence only: the subject holding two query words or more, and query
                // words naming an official.
                let (in_subject, subject_sum) = present_at(&mut subject, doc, &subject_idf);
                if in_subject >= 2 {
                    extra += weights.subject * subject_sum;
                }
                let (_, named) = present_at(&mut official, doc, &official_idf);
                extra += weights.official * named;
                scored[position].0 += extra;
            }
        }
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        Ok(scored)
    }
}

/// Adds each form's positions (the lists after `body_count`) to those of the body term
/// `form_of` names, kept ascending, and returns the body terms' lists.
fn merge_forms<'a>(
    positions: &'a mut [Vec<u32>],
    body_count: usize,
    form_of: &[usize],
) -> &'a [Vec<u32>] {
    let (words, forms) = positions.split_at_mut(body_count);
    for (form, &at) in forms.iter().zip(form_of) {
        if let Some(list) = words.get_mut(at) {
            list.extend_from_slice(form);
        }
    }
    for &at in form_of {
        if let Some(list) = words.get_mut(at) {
            if !list.is_sorted() {
                list.sort_unstable();
            }
        }
    }
    words
}

/// The idf summed over the words whose first position is in the lead, and whether every word
/// has its first position in the opening.
fn openings(words: &[Vec<u32>], idfs: &[f32], weights: Weights) -> (f32, bool) {
    let mut in_lead = 0.0;
    let mut all_in_opening = true;
    for (at, idf) in words.iter().zip(idfs) {
        match at.first() {
            Some(&first) => {
                if first < weights.lead_positions {
                    in_lead += idf;
                }
                all_in_opening &= first < weights.opening_positions;
            }
            None => all_in_opening = false,
        }
    }
    (in_lead, all_in_opening)
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

    /// The body field's analyzer and field, from the project's schema.
    fn body_analyzer() -> (TextAnalyzer, Field) {
        let index = tantivy::Index::create_in_ram(crate::schema::build_schema());
        crate::schema::register_tokenizers(&index);
        let fields = crate::schema::Fields::from_schema(&index.schema()).expect("fields");
        let analyzer = index.tokenizer_for_field(fields.body).expect("analyzer");
        (analyzer, fields.body)
    }

    fn words(text: &str) -> Vec<String> {
        text.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn demonyms_stand_for_the_country_word_they_belong_to() {
        let (mut analyzer, field) = body_analyzer();
        let query = words("sanctions France's iranian");
        let body = terms(&mut analyzer, field, &query);
        let forms = demonym_terms(&mut analyzer, field, &query, &body);
        let named: Vec<(usize, String)> = forms
            .iter()
            .map(|(at, term)| (*at, term.value().as_str().unwrap_or("").to_string()))
            .collect();
        // Terms: sanction, franc, s (of `France's`), iranian. `France's` finds `french` for
        // its own term (1); `iranian` finds `iran` for 3 (`iranians` stems to the query's own
        // `iranian`, so it is left out).
        let french = terms(&mut analyzer, field, &words("french"));
        let iran = terms(&mut analyzer, field, &words("iran"));
        assert!(named.contains(&(1, french[0].value().as_str().unwrap_or("").to_string())));
        assert!(named.contains(&(3, iran[0].value().as_str().unwrap_or("").to_string())));
        assert!(
            forms.iter().all(|(_, term)| !body.contains(term)),
            "{named:?}"
        );
        assert!(
            forms.iter().all(|(at, _)| *at != 0),
            "sanctions has no forms: {named:?}"
        );
        // A form the query holds itself is not added again.
        let both = words("france french");
        let body = terms(&mut analyzer, field, &both);
        assert!(demonym_terms(&mut analyzer, field, &both, &body).is_empty());
    }

    #[test]
    fn forms_merge_into_their_word_in_order() {
        // Two body words, then two forms of word 1.
        let mut positions = vec![vec![3, 40], vec![90], vec![7, 200], vec![]];
        let words = merge_forms(&mut positions, 2, &[1, 1]);
        assert_eq!(words, [vec![3, 40], vec![7, 90, 200]]);
    }

    #[test]
    fn openings_need_every_word_early_and_sum_the_lead() {
        let weights = Weights {
            lead_positions: 100,
            opening_positions: 50,
            ..WEIGHTS
        };
        let idfs = [1.0, 2.0];
        assert_eq!(
            openings(&[vec![10], vec![40, 300]], &idfs, weights),
            (3.0, true)
        );
        assert_eq!(
            openings(&[vec![10], vec![60]], &idfs, weights),
            (3.0, false)
        );
        assert_eq!(
            openings(&[vec![10], vec![120]], &idfs, weights),
            (1.0, false)
        );
        assert_eq!(openings(&[vec![10], vec![]], &idfs, weights), (1.0, false));
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
