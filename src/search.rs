//! Search: runs a query with collectors and turns what they find into plain `SearchResults` (hits, total, snippets).

use std::collections::BTreeMap;
use std::ops::Range;

use chrono::{DateTime, Utc};
use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, MoreLikeThisQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, OwnedValue};
use tantivy::snippet::{Snippet, SnippetGenerator};
use tantivy::{DocAddress, Order, Searcher, TantivyDocument};

use crate::cable::{Cable, CableId};
use crate::collect::{filled_histogram, top_values, FacetField, Interval, Tally, TallyCollector};
use crate::error::{Error, Result};
use crate::index::CableIndex;
use crate::query::{
    filter_clauses, is_plain_words, parse_query, parse_query_with, with_filters, FilterClause,
    Filters,
};
use crate::schema::{self, names};
use crate::text::fold_name;

/// Longest page a search returns without `--all`; a larger `--limit` is an error, not an
/// allocation of that size.
pub const MAX_LIMIT: usize = 100_000;
/// Characters of body text shown around the matched words.
pub const SNIPPET_CHARS: usize = 220;

/// The order hits come in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum SortOrder {
    /// Best BM25 match first.
    #[default]
    Relevance,
    /// Latest created date first.
    Newest,
    /// Earliest created date first.
    Oldest,
}

/// A validated search.
#[derive(Debug, Clone)]
pub struct SearchRequest {
    pub query: String,
    pub limit: usize,
    pub offset: usize,
    /// Return every match, ignoring `limit`.
    pub all: bool,
    pub filters: Filters,
    /// Dimensions to count over the whole match set.
    pub facets: Vec<FacetField>,
    /// Values shown per facet.
    pub facet_limit: usize,
    pub sort: SortOrder,
    pub histogram: Option<Interval>,
}

impl SearchRequest {
    /// A first page of ten hits by relevance, no filters or facets.
    pub fn new(query: impl Into<String>) -> SearchRequest {
        SearchRequest {
            query: query.into(),
            limit: 10,
            offset: 0,
            all: false,
            filters: Filters::default(),
            facets: Vec::new(),
            facet_limit: 10,
            sort: SortOrder::Relevance,
            histogram: None,
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
    /// BM25 score; 0 when hits are sorted by date.
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

/// Cables created in one year or month.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Bucket {
    pub bucket: String,
    pub count: u64,
}

/// What a search found: the page of hits, how many cables matched in all, and the counts.
#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    pub query: String,
    pub total: usize,
    pub hits: Vec<Hit>,
    pub facets: BTreeMap<String, Vec<FacetCount>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub histogram: Option<Vec<Bucket>>,
    /// Why a filter matched nothing, with close values; printed on stderr.
    #[serde(skip)]
    pub warnings: Vec<String>,
}

/// ISO 8601 with seconds and `Z`, the form every JSON output uses.
pub fn iso_date(date: Option<DateTime<Utc>>) -> Option<String> {
    date.map(crate::query::rfc3339)
}

fn facet_counts(
    tally: &Tally,
    facets: &[FacetField],
    limit: usize,
) -> BTreeMap<String, Vec<FacetCount>> {
    facets
        .iter()
        .map(|facet| {
            let counts = tally
                .facets
                .get(facet)
                .map(|values| top_values(values, limit))
                .unwrap_or_default()
                .into_iter()
                .map(|(value, count)| FacetCount { value, count })
                .collect();
            (facet.name().to_string(), counts)
        })
        .collect()
}

/// Runs a search against an opened index.
pub fn search(index: &CableIndex, request: &SearchRequest) -> Result<SearchResults> {
    if !request.all && request.limit > MAX_LIMIT {
        return Err(Error::Invalid(format!(
            "--limit {} is larger than {MAX_LIMIT}; use --all to get every match",
            request.limit
        )));
    }
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let user_query = parse_query(index, &request.query)?;
    let cited_references = match &request.filters.cited_by {
        Some(id) => find_in(index, &searcher, id)?.references,
        None => Vec::new(),
    };
    let clauses = filter_clauses(index, &request.filters, &cited_references)?;
    let mut warnings = Vec::new();
    for clause in &clauses {
        let alone = searcher
            .search(&*clause.query, &Count)
            .map_err(|source| index.tantivy_error("search failed", source))?;
        if alone == 0 {
            warnings.push(explain_empty_filter(
                index,
                &searcher,
                clause,
                &cited_references,
            )?);
        }
    }
    let query = with_filters(user_query, &clauses);
    let tally_collector = TallyCollector::new(request.facets.clone(), request.histogram);
    let (total, tally) = searcher
        .search(&*query, &(Count, tally_collector))
        .map_err(|source| index.tantivy_error("search failed", source))?;
    if total == 0 && is_plain_words(&request.query) {
        // Say how close the query came instead of a bare "no match".
        let any = with_filters(parse_query_with(index, &request.query, false)?, &clauses);
        let any_total = searcher
            .search(&*any, &Count)
            .map_err(|source| index.tantivy_error("search failed", source))?;
        if any_total > 0 {
            let words: Vec<&str> = request.query.split_whitespace().collect();
            warnings.push(format!(
                "no cable has all of these words; {any_total} have at least one (search {:?})",
                words.join(" OR ")
            ));
        }
    }
    let page = if request.all {
        total.saturating_sub(request.offset)
    } else {
        request.limit
    };
    let hits = top_hits(
        index,
        &searcher,
        &*query,
        page,
        request.offset,
        total,
        request.sort,
    )?;
    Ok(SearchResults {
        query: request.query.clone(),
        total,
        hits,
        facets: facet_counts(&tally, &request.facets, request.facet_limit),
        histogram: request.histogram.map(|interval| {
            filled_histogram(&tally.histogram, interval)
                .into_iter()
                .map(|(bucket, count)| Bucket { bucket, count })
                .collect()
        }),
        warnings,
    })
}

/// Fetches a page of hits in the requested order and renders their snippets.
fn top_hits(
    index: &CableIndex,
    searcher: &Searcher,
    query: &dyn Query,
    page: usize,
    offset: usize,
    total: usize,
    sort: SortOrder,
) -> Result<Vec<Hit>> {
    if page == 0 || offset >= total {
        return Ok(Vec::new());
    }
    let page = page.min(total - offset);
    let failed = |source| index.tantivy_error("search failed", source);
    let top: Vec<(f32, DocAddress)> = match sort {
        SortOrder::Relevance => searcher
            .search(
                query,
                &TopDocs::with_limit(page)
                    .and_offset(offset)
                    .order_by_score(),
            )
            .map_err(failed)?,
        SortOrder::Newest | SortOrder::Oldest => {
            let order = if sort == SortOrder::Newest {
                Order::Desc
            } else {
                Order::Asc
            };
            let collector = TopDocs::with_limit(page)
                .and_offset(offset)
                .order_by_fast_field::<tantivy::DateTime>(names::CREATED, order);
            searcher
                .search(query, &collector)
                .map_err(failed)?
                .into_iter()
                .map(|(_, address)| (0.0, address))
                .collect()
        }
    };
    let snippets = SnippetMaker::new(index, searcher, query)?;
    let mut hits = Vec::with_capacity(top.len());
    for (score, address) in top {
        let doc: TantivyDocument = searcher
            .doc(address)
            .map_err(|source| index.tantivy_error("cannot read a stored cable", source))?;
        let cable = schema::from_document(&index.fields, &doc);
        hits.push(snippets.hit(&cable, &doc, score));
    }
    Ok(hits)
}

/// Says why a filter matched nothing, naming close values that do exist.
fn explain_empty_filter(
    index: &CableIndex,
    searcher: &Searcher,
    clause: &FilterClause,
    cited_references: &[String],
) -> Result<String> {
    let facet = match clause.flag {
        "--tag" => Some(FacetField::Tag),
        "--origin" => Some(FacetField::Origin),
        "--classification" => Some(FacetField::Classification),
        "--official" => Some(FacetField::Official),
        _ => None,
    };
    let Some(facet) = facet else {
        return Ok(match clause.flag {
            "--cites" => format!("no cable in the index cites {}", clause.value),
            "--cited-by" if cited_references.is_empty() => {
                format!("{} cites no cable (it has no REF line)", clause.value)
            }
            "--cited-by" => format!(
                "none of the cables {} cites is in the index ({})",
                clause.value,
                cited_references.join(", ")
            ),
            flag => format!("no cable matches {flag} {}", clause.value),
        });
    };
    let collector = TallyCollector::new(vec![facet], None);
    let tally = searcher
        .search(&AllQuery, &collector)
        .map_err(|source| index.tantivy_error("search failed", source))?;
    let wanted = fold_name(&clause.value);
    let mut close: Vec<(f64, String)> = tally
        .facets
        .get(&facet)
        .map(|values| {
            values
                .keys()
                .map(|value| {
                    let folded = fold_name(value);
                    let contains = folded.contains(&wanted) || wanted.contains(&folded);
                    let similarity = strsim::jaro_winkler(&folded, &wanted);
                    (
                        if contains {
                            similarity.max(0.9)
                        } else {
                            similarity
                        },
                        value.clone(),
                    )
                })
                .filter(|(similarity, _)| *similarity >= 0.8)
                .collect()
        })
        .unwrap_or_default();
    close.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let close: Vec<String> = close.into_iter().take(3).map(|(_, value)| value).collect();
    Ok(if close.is_empty() {
        format!("no cable has {} {:?}", clause.flag, clause.value)
    } else {
        format!(
            "no cable has {} {:?}; close values: {}",
            clause.flag,
            clause.value,
            close.join(", ")
        )
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
    find_in(index, &reader.searcher(), id)
}

fn find_address(index: &CableIndex, searcher: &Searcher, id: &str) -> Result<DocAddress> {
    let unknown = || Error::UnknownCable { id: id.to_string() };
    let term = index.fields.id_term(&CableId::new(id).ok_or_else(unknown)?);
    let query = TermQuery::new(term, IndexRecordOption::Basic);
    let top = searcher
        .search(&query, &TopDocs::with_limit(1).order_by_score())
        .map_err(|source| index.tantivy_error("lookup failed", source))?;
    top.first().map(|(_, address)| *address).ok_or_else(unknown)
}

fn find_in(index: &CableIndex, searcher: &Searcher, id: &str) -> Result<Cable> {
    let address = find_address(index, searcher, id)?;
    let doc: TantivyDocument = searcher
        .doc(address)
        .map_err(|source| index.tantivy_error("cannot read a stored cable", source))?;
    Ok(schema::from_document(&index.fields, &doc))
}

/// IDs of the cables in the index whose REF lines cite `id`, oldest first.
pub fn cited_by(index: &CableIndex, id: &str) -> Result<Vec<String>> {
    let mut request = SearchRequest::new("*");
    request.all = true;
    request.sort = SortOrder::Oldest;
    request.filters.cites = Some(id.to_string());
    Ok(search(index, &request)?
        .hits
        .into_iter()
        .map(|hit| hit.id)
        .collect())
}

/// Words too common to say what a cable is about, left out of `similar` queries.
const STOP_WORDS: [&str; 40] = [
    "the",
    "and",
    "for",
    "that",
    "with",
    "this",
    "from",
    "have",
    "has",
    "was",
    "were",
    "are",
    "not",
    "but",
    "his",
    "her",
    "its",
    "they",
    "their",
    "will",
    "would",
    "said",
    "which",
    "who",
    "been",
    "also",
    "had",
    "post",
    "embassy",
    "department",
    "state",
    "secstate",
    "washdc",
    "sipdis",
    "reasons",
    "classified",
    "confidential",
    "unclassified",
    "secret",
    "end",
];

/// Cables most like `id` (more-like-this over subject and body), the cable itself excluded.
pub fn similar(index: &CableIndex, id: &str, limit: usize) -> Result<SearchResults> {
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let cable = find_in(index, &searcher, id)?;
    let fields = &index.fields;
    let mut document_fields = vec![(fields.body, vec![OwnedValue::Str(cable.body.clone())])];
    if let Some(subject) = &cable.subject {
        document_fields.push((fields.subject, vec![OwnedValue::Str(subject.clone())]));
    }
    let like_this = MoreLikeThisQuery::builder()
        .with_min_doc_frequency(1)
        .with_min_term_frequency(1)
        .with_min_word_length(3)
        .with_max_query_terms(40)
        .with_stop_words(STOP_WORDS.iter().map(|word| word.to_string()).collect())
        .with_document_fields(document_fields);
    let itself = TermQuery::new(fields.id_term(&cable.id), IndexRecordOption::Basic);
    let query = BooleanQuery::new(vec![
        (Occur::Must, Box::new(like_this) as Box<dyn Query>),
        (Occur::MustNot, Box::new(itself)),
    ]);
    let total = searcher
        .search(&query, &Count)
        .map_err(|source| index.tantivy_error("search failed", source))?;
    let hits = top_hits(
        index,
        &searcher,
        &query,
        limit.min(MAX_LIMIT),
        0,
        total,
        SortOrder::Relevance,
    )?;
    Ok(SearchResults {
        query: format!("similar:{}", cable.id),
        total,
        hits,
        facets: BTreeMap::new(),
        histogram: None,
        warnings: Vec::new(),
    })
}

/// What `cables stats` reports.
#[derive(Debug, Clone, Serialize)]
pub struct IndexStats {
    pub cables: u64,
    pub first: Option<String>,
    pub last: Option<String>,
    pub index_bytes: u64,
    pub facets: BTreeMap<String, Vec<FacetCount>>,
}

/// Counts, date range, size on disk and top facet values of the whole index.
pub fn stats(index: &CableIndex, facet_limit: usize) -> Result<IndexStats> {
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let collector = TallyCollector {
        facets: FacetField::ALL.to_vec(),
        interval: None,
        date_range: true,
    };
    let tally = searcher
        .search(&AllQuery, &collector)
        .map_err(|source| index.tantivy_error("counting failed", source))?;
    let index_bytes = std::fs::read_dir(&index.path)
        .map_err(|source| Error::io(&index.path, source))?
        .filter_map(|entry| entry.ok()?.metadata().ok())
        .filter(|metadata| metadata.is_file())
        .map(|metadata| metadata.len())
        .sum();
    Ok(IndexStats {
        cables: searcher.num_docs(),
        first: iso_date(tally.first),
        last: iso_date(tally.last),
        index_bytes,
        facets: facet_counts(&tally, &FacetField::ALL, facet_limit),
    })
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
