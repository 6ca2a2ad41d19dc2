//! Search: runs a query with collectors and turns what they find into plain `SearchResults` (hits, total, snippets).

use std::collections::BTreeMap;
use std::ops::Range;

use chrono::{DateTime, Utc};
use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::snippet::{Snippet, SnippetGenerator};
use tantivy::{Searcher, TantivyDocument, Term};

use crate::cable::Cable;
use crate::error::{Error, Result};
use crate::index::CableIndex;
use crate::query::parse_query;
use crate::schema;

/// Longest page a search returns without `--all`; a larger `--limit` is an error, not an
/// allocation of that size.
pub const MAX_LIMIT: usize = 100_000;
/// Characters of body text shown around the matched words.
pub const SNIPPET_CHARS: usize = 220;

/// A validated search.
#[derive(Debug, Clone)]
pub struct SearchRequest {
    pub query: String,
    pub limit: usize,
    pub offset: usize,
    /// Return every match, ignoring `limit`.
    pub all: bool,
}

impl SearchRequest {
    /// A first page of ten hits.
    pub fn new(query: impl Into<String>) -> SearchRequest {
        SearchRequest {
            query: query.into(),
            limit: 10,
            offset: 0,
            all: false,
        }
    }
}

/// One matching cable, as every output format shows it.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub id: String,
    pub created: Option<String>,
    pub released: Option<String>,
    pub classification: Option<String>,
    pub origin: Option<String>,
    pub subject: Option<String>,
    pub tags: Vec<String>,
    pub officials: Vec<String>,
    pub score: f32,
    /// Body text around the matched words, whitespace collapsed.
    pub snippet: String,
    /// Byte ranges of matched words inside `snippet`.
    #[serde(skip)]
    pub highlights: Vec<Range<usize>>,
}

/// Value and count of one facet bucket.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct FacetCount {
    pub value: String,
    pub count: u64,
}

/// What a search found: the page of hits and how many cables matched in all.
#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    pub query: String,
    pub total: usize,
    pub hits: Vec<Hit>,
    pub facets: BTreeMap<String, Vec<FacetCount>>,
}

/// ISO 8601 with seconds and `Z`, the form every JSON output uses.
pub fn iso_date(date: Option<DateTime<Utc>>) -> Option<String> {
    date.map(|date| date.format("%Y-%m-%dT%H:%M:%SZ").to_string())
}

/// Runs a search against an opened index.
pub fn search(index: &CableIndex, request: &SearchRequest) -> Result<SearchResults> {
    if !request.all && request.limit > MAX_LIMIT {
        return Err(Error::Invalid(format!(
            "--limit {} is larger than {MAX_LIMIT}; use --all to get every match",
            request.limit
        )));
    }
    let query = parse_query(index, &request.query)?;
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let total = searcher
        .search(&query, &Count)
        .map_err(|source| index.tantivy_error("search failed", source))?;
    let limit = if request.all {
        total.saturating_sub(request.offset)
    } else {
        request.limit
    };
    let mut hits = Vec::new();
    if limit > 0 && request.offset < total {
        let collector = TopDocs::with_limit(limit)
            .and_offset(request.offset)
            .order_by_score();
        let top = searcher
            .search(&query, &collector)
            .map_err(|source| index.tantivy_error("search failed", source))?;
        let snippets = SnippetMaker::new(index, &searcher, &*query)?;
        for (score, address) in top {
            let doc: TantivyDocument = searcher
                .doc(address)
                .map_err(|source| index.tantivy_error("cannot read a stored cable", source))?;
            let cable = schema::from_document(&index.fields, &doc);
            hits.push(snippets.hit(&cable, &doc, score));
        }
    }
    Ok(SearchResults {
        query: request.query.clone(),
        total,
        hits,
        facets: BTreeMap::new(),
    })
}

/// Builds snippets for the body field, falling back to the opening paragraph when only the
/// subject or a metadata field matched.
struct SnippetMaker {
    generator: SnippetGenerator,
}

impl SnippetMaker {
    fn new(index: &CableIndex, searcher: &Searcher, query: &dyn Query) -> Result<SnippetMaker> {
        let mut generator = SnippetGenerator::create(searcher, query, index.fields.body)
            .map_err(|source| index.tantivy_error("cannot build snippets", source))?;
        generator.set_max_num_chars(SNIPPET_CHARS);
        Ok(SnippetMaker { generator })
    }

    fn hit(&self, cable: &Cable, doc: &TantivyDocument, score: f32) -> Hit {
        let snippet = self.generator.snippet_from_doc(doc);
        let (snippet, highlights) = if snippet.highlighted().is_empty() {
            (opening_text(&cable.body, SNIPPET_CHARS), Vec::new())
        } else {
            let range = snippet.fragment_range();
            let (mut text, mut highlights) = collapse_whitespace(&snippet);
            // Mark cut text so a reader knows the fragment is not the whole paragraph.
            if range.start > 0 {
                text.insert_str(0, "… ");
                let shift = "… ".len();
                for highlight in &mut highlights {
                    *highlight = highlight.start + shift..highlight.end + shift;
                }
            }
            if range.end < cable.body.len() {
                text.push_str(" …");
            }
            (text, highlights)
        };
        let mut hit = hit_from_cable(cable);
        hit.score = score;
        hit.snippet = snippet;
        hit.highlights = highlights;
        hit
    }
}

/// The metadata part of a hit (no score or snippet).
pub fn hit_from_cable(cable: &Cable) -> Hit {
    Hit {
        id: cable.id.to_string(),
        created: iso_date(cable.created),
        released: iso_date(cable.released),
        classification: cable.classification.as_ref().map(ToString::to_string),
        origin: cable.origin.clone(),
        subject: cable.subject.clone(),
        tags: cable.tags.clone(),
        officials: cable
            .officials
            .iter()
            .map(|official| official.name.clone())
            .collect(),
        score: 0.0,
        snippet: String::new(),
        highlights: Vec::new(),
    }
}

/// Collapses runs of whitespace (cables wrap at 70 columns) and moves the highlight ranges along.
fn collapse_whitespace(snippet: &Snippet) -> (String, Vec<Range<usize>>) {
    let fragment = snippet.fragment();
    let mut text = String::with_capacity(fragment.len());
    let mut mapping = vec![0usize; fragment.len() + 1];
    let mut previous_space = true;
    for (offset, character) in fragment.char_indices() {
        mapping[offset] = text.len();
        if character.is_whitespace() {
            if !previous_space {
                text.push(' ');
            }
            previous_space = true;
        } else {
            text.push(character);
            previous_space = false;
        }
    }
    mapping[fragment.len()] = text.len();
    let highlights = snippet
        .highlighted()
        .iter()
        .filter(|range| range.end <= fragment.len())
        .map(|range| mapping[range.start]..mapping[range.end].min(text.len()))
        .filter(|range| range.start < range.end)
        .collect();
    let trimmed_end = text.trim_end().len();
    text.truncate(trimmed_end);
    (text, highlights)
}

/// The start of the cable's prose: the first numbered paragraph if there is one.
fn opening_text(body: &str, max_chars: usize) -> String {
    let start = body.find('¶').or_else(|| body.find("\n1. ")).unwrap_or(0);
    let words: Vec<&str> = body[start..].split_whitespace().collect();
    let mut text = String::new();
    for word in words {
        if text.chars().count() + word.chars().count() + 1 > max_chars {
            text.push_str(" …");
            break;
        }
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(word);
    }
    text
}

/// Finds one cable by reference ID (any case).
pub fn find_cable(index: &CableIndex, id: &str) -> Result<Cable> {
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let term = Term::from_field_text(index.fields.id, &id.trim().to_lowercase());
    let query = TermQuery::new(term, IndexRecordOption::Basic);
    let top = searcher
        .search(&query, &TopDocs::with_limit(1).order_by_score())
        .map_err(|source| index.tantivy_error("lookup failed", source))?;
    let Some((_, address)) = top.first() else {
        return Err(Error::UnknownCable { id: id.to_string() });
    };
    let doc: TantivyDocument = searcher
        .doc(*address)
        .map_err(|source| index.tantivy_error("cannot read a stored cable", source))?;
    Ok(schema::from_document(&index.fields, &doc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opening_text_starts_at_first_paragraph() {
        let body = "VZCZC\nFM AMEMBASSY X\n\n¶1. (C) The visit went well.\n";
        assert_eq!(opening_text(body, 100), "¶1. (C) The visit went well.");
        assert!(opening_text(&"word ".repeat(100), 20).ends_with('…'));
    }
}
