//! Search: runs a query with collectors and turns what they find into plain `SearchResults` (hits, total, snippets).

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use chrono::{DateTime, Utc};
use serde::Serialize;
use tantivy::collector::{Count, DocSetCollector, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::snippet::{Snippet, SnippetGenerator};
use tantivy::{DocAddress, Order, Score, Searcher, TantivyDocument, Term};

use crate::cable::{Cable, CableId};
use crate::collect::{filled_histogram, top_values, FacetField, Interval, Tally, TallyCollector};
use crate::error::{Error, Result};
use crate::index::CableIndex;
use crate::query::{
    filter_clauses, is_plain_words, parse_query, parse_query_with, with_filters, FilterClause,
    FilterKind, Filters,
};
use crate::rank;
use crate::schema::{self, names};
use crate::text::fold_name;

/// Longest page a search returns without `--all`; a larger `--limit` is an error, not an
/// allocation of that size.
pub const MAX_LIMIT: usize = 100_000;
/// Characters of body text shown around the matched words.
pub const SNIPPET_CHARS: usize = 220;

/// The order hits come in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortOrder {
    /// Best BM25 match first.
    #[default]
    Relevance,
    /// Latest created date first.
    Newest,
    /// Earliest created date first.
    Oldest,
}

choices!(SortOrder {
    SortOrder::Relevance => "relevance",
    SortOrder::Newest => "newest",
    SortOrder::Oldest => "oldest",
});

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
    /// Render a snippet for each hit (an ID list does not need them).
    pub snippets: bool,
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
            snippets: true,
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
    pub warnings: Vec<Warning>,
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
    search_weighted(index, request, rank::WEIGHTS)
}

/// [`search`] with other ranking weights (for tuning them on a truth set).
pub fn search_weighted(
    index: &CableIndex,
    request: &SearchRequest,
    weights: rank::Weights,
) -> Result<SearchResults> {
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
    let tally_collector = TallyCollector::new(request.facets.clone(), request.histogram)
        .keeping_dictionaries(index.keeps_reader())
        .keeping_top_officials(request.facet_limit);
    // Only a ranking by relevance reads the evidence; date sorts need none of it.
    let evidence = match request.sort {
        SortOrder::Relevance => rank::evidence(index, &request.query, weights),
        SortOrder::Newest | SortOrder::Oldest => None,
    };
    let boost = evidence.as_ref();
    // Count, tallies and the best matches in one pass over the matches; `--all` needs the
    // count first to know how many to keep.
    // No page reaches past the last cable: tantivy sizes its top-k heap by the depth asked.
    let cables = usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX);
    let wanted = request.offset.saturating_add(request.limit).min(cables);
    let (total, tally, best) = if request.all {
        let (total, tally, _) = collect(&searcher, &*query, tally_collector, request.sort, 0)
            .map_err(|source| index.tantivy_error("search failed", source))?;
        let (_, _, best) = collect(
            &searcher,
            &*query,
            TallyCollector::new(Vec::new(), None),
            request.sort,
            total,
        )
        .map_err(|source| index.tantivy_error("search failed", source))?;
        (total, tally, best)
    } else {
        let depth = if boost.is_some() {
            wanted.max(weights.depth).min(cables)
        } else {
            wanted
        };
        collect(&searcher, &*query, tally_collector, request.sort, depth)
            .map_err(|source| index.tantivy_error("search failed", source))?
    };
    if total == 0 && is_plain_words(&request.query) {
        // Say how close the query came instead of a bare "no match".
        let any = with_filters(parse_query_with(index, &request.query, false)?, &clauses);
        let any_total = searcher
            .search(&*any, &Count)
            .map_err(|source| index.tantivy_error("search failed", source))?;
        if any_total > 0 {
            let words: Vec<&str> = request.query.split_whitespace().collect();
            warnings.push(Warning::NoCableHasAll {
                any: any_total as u64,
                any_query: words.join(" OR "),
            });
        }
    }
    // Only the first `depth` are re-scored, whatever page is asked, so pages never disagree.
    let best = match boost {
        Some(boost) if !best.is_empty() => {
            let mut head = best;
            let tail = head.split_off(head.len().min(weights.depth));
            let mut ranked = boost
                .rescore(&searcher, head)
                .map_err(|source| index.tantivy_error("search failed", source))?;
            ranked.extend(tail);
            ranked
        }
        _ => best,
    };
    let size = if request.all { total } else { request.limit };
    let page: Ranked = best.into_iter().skip(request.offset).take(size).collect();
    let hits = render_hits(index, &searcher, &*query, page, request.snippets)?;
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

/// Matches in order, with their scores.
type Ranked = Vec<(f32, DocAddress)>;

/// Counts the matches, tallies them and keeps the first `depth` in `sort` order (scores are
/// 0 for date orders), in one pass.
fn collect(
    searcher: &Searcher,
    query: &dyn Query,
    tally: TallyCollector,
    sort: SortOrder,
    depth: usize,
) -> tantivy::Result<(usize, Tally, Ranked)> {
    if depth == 0 {
        let (total, tally) = searcher.search(query, &(Count, tally))?;
        return Ok((total, tally, Vec::new()));
    }
    let order = match sort {
        SortOrder::Relevance => {
            let top = TopDocs::with_limit(depth).order_by_score();
            return searcher.search(query, &(Count, tally, top));
        }
        SortOrder::Newest => Order::Desc,
        SortOrder::Oldest => Order::Asc,
    };
    let top =
        TopDocs::with_limit(depth).order_by_fast_field::<tantivy::DateTime>(names::CREATED, order);
    let (total, tally, best) = searcher.search(query, &(Count, tally, top))?;
    let best = best
        .into_iter()
        .map(|(_, address)| (0.0, address))
        .collect();
    Ok((total, tally, best))
}

/// Reads the page's cables and renders their snippets (when asked).
fn render_hits(
    index: &CableIndex,
    searcher: &Searcher,
    query: &dyn Query,
    top: Ranked,
    snippets: bool,
) -> Result<Vec<Hit>> {
    let snippets = if snippets && !top.is_empty() {
        Some(SnippetMaker::new(index, searcher, query)?)
    } else {
        None
    };
    let mut hits = Vec::with_capacity(top.len());
    for (score, address) in top {
        let doc: TantivyDocument = searcher
            .doc(address)
            .map_err(|source| index.tantivy_error("cannot read a stored cable", source))?;
        let cable = schema::from_document(&index.fields, &doc);
        hits.push(match &snippets {
            Some(snippets) => snippets.hit(&cable, &doc, score),
            None => Hit {
                score,
                ..hit_from_cable(&cable)
            },
        });
    }
    Ok(hits)
}

/// Why a search came back empty or narrower than asked, for people; rendered by the CLI and the
/// web page, each naming filters its own way ([`Warning::describe`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// A filter value no cable has, with existing values close to it.
    NoSuchValue {
        kind: FilterKind,
        value: String,
        close: Vec<String>,
    },
    /// A filter that matches no cable (a date range, a citation).
    NothingMatches { kind: FilterKind, value: String },
    /// `cites`: no cable in the index cites this ID.
    NotCited { id: String },
    /// `cited-by`: the cable has no REF line.
    CitesNothing { id: String },
    /// `cited-by`: none of the cables it cites is in the index.
    CitedNotIndexed { id: String, references: Vec<String> },
    /// Several words, no cable with all of them: how many have any, and that query.
    NoCableHasAll { any: u64, any_query: String },
}

impl Warning {
    /// The message, with filters named by `name` (the CLI passes its flags, `--tag`).
    pub fn describe(&self, name: &dyn Fn(FilterKind) -> String) -> String {
        match self {
            Warning::NoSuchValue { kind, value, close } if close.is_empty() => {
                format!("no cable has {} {value:?}", name(*kind))
            }
            Warning::NoSuchValue { kind, value, close } => format!(
                "no cable has {} {value:?}; close values: {}",
                name(*kind),
                close.join(", ")
            ),
            Warning::NothingMatches { kind, value } => {
                format!("no cable matches {} {value}", name(*kind))
            }
            Warning::NotCited { id } => format!("no cable in the index cites {id}"),
            Warning::CitesNothing { id } => format!("{id} cites no cable (it has no REF line)"),
            Warning::CitedNotIndexed { id, references } => format!(
                "none of the cables {id} cites is in the index ({})",
                references.join(", ")
            ),
            Warning::NoCableHasAll { any, any_query } => format!(
                "no cable has all of these words; {any} have at least one (search {any_query:?})"
            ),
        }
    }
}

impl std::fmt::Display for Warning {
    /// The message with filters named as in the query syntax (`tag`, `cited-by`).
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str(&self.describe(&|kind| kind.to_string()))
    }
}

/// Says why a filter matched nothing, naming close values that do exist.
fn explain_empty_filter(
    index: &CableIndex,
    searcher: &Searcher,
    clause: &FilterClause,
    cited_references: &[String],
) -> Result<Warning> {
    let facet = match clause.kind {
        FilterKind::Tag => Some(FacetField::Tag),
        FilterKind::Origin => Some(FacetField::Origin),
        FilterKind::Classification => Some(FacetField::Classification),
        FilterKind::Official => Some(FacetField::Official),
        _ => None,
    };
    let Some(facet) = facet else {
        let id = clause.value.clone();
        return Ok(match clause.kind {
            FilterKind::Cites => Warning::NotCited { id },
            FilterKind::CitedBy if cited_references.is_empty() => Warning::CitesNothing { id },
            FilterKind::CitedBy => Warning::CitedNotIndexed {
                id,
                references: cited_references.to_vec(),
            },
            kind => Warning::NothingMatches {
                kind,
                value: clause.value.clone(),
            },
        });
    };
    let collector =
        TallyCollector::new(vec![facet], None).keeping_dictionaries(index.keeps_reader());
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
    Ok(Warning::NoSuchValue {
        kind: clause.kind,
        value: clause.value.clone(),
        close: close.into_iter().take(3).map(|(_, value)| value).collect(),
    })
}

/// Builds snippets for the body field, falling back to the opening paragraph when only the
/// subject or a metadata field matched.
struct SnippetMaker {
    generator: SnippetGenerator,
}

impl SnippetMaker {
    /// tantivy's `SnippetGenerator::create` (the query's body terms, each weighted by
    /// `1 / (1 + document frequency)`), with an analyzer that stems only the words that could
    /// match one of them.
    fn new(index: &CableIndex, searcher: &Searcher, query: &dyn Query) -> Result<SnippetMaker> {
        let body = index.fields.body;
        let mut terms: BTreeSet<Term> = BTreeSet::new();
        query.query_terms(&mut |term, _| {
            if term.field() == body {
                terms.insert(term.clone());
            }
        });
        let mut weights: BTreeMap<String, Score> = BTreeMap::new();
        for term in &terms {
            let value = term.value();
            let Some(text) = value.as_str() else {
                continue;
            };
            let frequency = searcher
                .doc_freq(term)
                .map_err(|source| index.tantivy_error("cannot build snippets", source))?;
            if frequency > 0 {
                weights.insert(text.to_string(), 1.0 / (1.0 + frequency as Score));
            }
        }
        let analyzer = schema::snippet_analyzer(weights.keys().map(String::as_str));
        let generator = SnippetGenerator::new(weights, analyzer, body, SNIPPET_CHARS);
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

/// Byte ranges of the words of `text` (a cable body) that the query's body terms match, in
/// order, so a reader can see where a search hit the whole cable, not just the snippet.
pub fn body_highlights(
    index: &CableIndex,
    query_text: &str,
    text: &str,
) -> Result<Vec<Range<usize>>> {
    let query = parse_query(index, query_text)?;
    let body = index.fields.body;
    let mut terms = std::collections::BTreeSet::new();
    query.query_terms(&mut |term, _| {
        if term.field() == body {
            if let Some(word) = term.value().as_str() {
                terms.insert(word.to_string());
            }
        }
    });
    if terms.is_empty() {
        return Ok(Vec::new());
    }
    let mut tokenizer = index
        .index
        .tokenizer_for_field(body)
        .map_err(|source| index.tantivy_error("cannot build highlights", source))?;
    use tantivy::tokenizer::TokenStream;
    let mut stream = tokenizer.token_stream(text);
    let mut ranges: Vec<Range<usize>> = Vec::new();
    while stream.advance() {
        let token = stream.token();
        if terms.contains(&token.text) && text.get(token.offset_from..token.offset_to).is_some() {
            match ranges.last_mut() {
                Some(last) if last.end >= token.offset_from => {
                    last.end = last.end.max(token.offset_to)
                }
                _ => ranges.push(token.offset_from..token.offset_to),
            }
        }
    }
    Ok(ranges)
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

/// IDs of the cables in the index whose REF lines cite `id`: oldest first, undated ones last,
/// the same day by ID, so the list is the same however the index is split into segments.
pub fn cited_by(index: &CableIndex, id: &str) -> Result<Vec<String>> {
    let reader = index.reader()?;
    cited_by_in(index, &reader.searcher(), id)
}

/// [`cited_by`] with a searcher the caller holds (an export asks once per cable). Reads the
/// citing cables' IDs and dates from fast fields, never their stored documents.
pub fn cited_by_in(index: &CableIndex, searcher: &Searcher, id: &str) -> Result<Vec<String>> {
    let Some(id) = CableId::new(id) else {
        return Ok(Vec::new());
    };
    let failed = |source| index.tantivy_error("cannot list the cables citing a cable", source);
    let term = Term::from_field_text(index.fields.reference, &id.lookup_key());
    let query = TermQuery::new(term, IndexRecordOption::Basic);
    let mut addresses: Vec<DocAddress> = searcher
        .search(&query, &DocSetCollector)
        .map_err(failed)?
        .into_iter()
        .collect();
    addresses.sort();
    let mut citing: Vec<(Option<i64>, String)> = Vec::with_capacity(addresses.len());
    let mut segment_ord = None;
    let mut columns = None;
    for address in addresses {
        if segment_ord != Some(address.segment_ord) {
            let fast = searcher.segment_reader(address.segment_ord).fast_fields();
            let ids = fast.str(names::ID).map_err(failed)?;
            let created = fast
                .column_opt::<tantivy::DateTime>(names::CREATED)
                .map_err(failed)?;
            columns = Some((ids, created));
            segment_ord = Some(address.segment_ord);
        }
        let Some((Some(ids), created)) = &columns else {
            continue;
        };
        let mut text = String::new();
        let Some(ord) = ids.term_ords(address.doc_id).next() else {
            continue;
        };
        ids.ord_to_str(ord, &mut text)
            .map_err(|source| failed(source.into()))?;
        let date = created
            .as_ref()
            .and_then(|column| column.first(address.doc_id))
            .map(|date| date.into_timestamp_secs());
        citing.push((date, text));
    }
    citing.sort_by(|(a_date, a_id), (b_date, b_id)| {
        (a_date.is_none(), a_date, a_id).cmp(&(b_date.is_none(), b_date, b_id))
    });
    Ok(citing.into_iter().map(|(_, id)| id).collect())
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

/// Most distinctive words kept from a cable for `similar`.
const LIKE_THIS_TERMS: usize = 40;
/// Shorter words (in bytes) are left out of `similar` queries.
const LIKE_THIS_MIN_WORD: usize = 3;

/// A more-like-this query over subject and body: the cable's words ranked by tf-idf, ties
/// broken by the word, so the same cable always gives the same query. (tantivy's
/// `MoreLikeThisQuery` picks among equally scored words in hash order, which made `similar`
/// rank differently from one run to the next.)
fn like_this_query(index: &CableIndex, searcher: &Searcher, cable: &Cable) -> Result<BooleanQuery> {
    use tantivy::tokenizer::TokenStream;
    let fields = &index.fields;
    let mut frequencies: BTreeMap<(u32, String), usize> = BTreeMap::new();
    let mut texts = vec![(fields.body, cable.body.as_str())];
    if let Some(subject) = &cable.subject {
        texts.push((fields.subject, subject.as_str()));
    }
    for (field, text) in texts {
        let mut tokenizer = index
            .index
            .tokenizer_for_field(field)
            .map_err(|source| index.tantivy_error("cannot read the cable's words", source))?;
        let mut stream = tokenizer.token_stream(text);
        while stream.advance() {
            let word = &stream.token().text;
            if word.len() < LIKE_THIS_MIN_WORD || STOP_WORDS.contains(&word.as_str()) {
                continue;
            }
            *frequencies
                .entry((field.field_id(), word.clone()))
                .or_insert(0) += 1;
        }
    }
    let documents = searcher.num_docs();
    let mut scored: Vec<(f32, Term)> = Vec::with_capacity(frequencies.len());
    for ((field, word), frequency) in frequencies {
        let term = Term::from_field_text(tantivy::schema::Field::from_field_id(field), &word);
        let with_word = searcher
            .doc_freq(&term)
            .map_err(|source| index.tantivy_error("search failed", source))?;
        if with_word == 0 || with_word > documents {
            continue;
        }
        // BM25's idf, as tantivy's more-like-this uses.
        let rarity = ((documents - with_word) as f32 + 0.5) / (with_word as f32 + 0.5);
        scored.push((frequency as f32 * (1.0 + rarity).ln(), term));
    }
    // The sort is stable and the words arrive sorted, so ties keep word order.
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    scored.truncate(LIKE_THIS_TERMS);
    Ok(BooleanQuery::new(
        scored
            .into_iter()
            .map(|(weight, term)| {
                // Each word counts by its weight in the cable, as tantivy's more-like-this boosts.
                let query = TermQuery::new(term, IndexRecordOption::WithFreqs);
                (
                    Occur::Should,
                    Box::new(BoostQuery::new(Box::new(query), weight)) as Box<dyn Query>,
                )
            })
            .collect(),
    ))
}

/// Cables most like `id` (more-like-this over subject and body), the cable itself excluded.
pub fn similar(index: &CableIndex, id: &str, limit: usize) -> Result<SearchResults> {
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let cable = find_in(index, &searcher, id)?;
    let fields = &index.fields;
    let like_this = like_this_query(index, &searcher, &cable)?;
    let itself = TermQuery::new(fields.id_term(&cable.id), IndexRecordOption::Basic);
    let query = BooleanQuery::new(vec![
        (Occur::Must, Box::new(like_this) as Box<dyn Query>),
        (Occur::MustNot, Box::new(itself)),
    ]);
    let (total, _, best) = collect(
        &searcher,
        &query,
        TallyCollector::new(Vec::new(), None),
        SortOrder::Relevance,
        limit.min(MAX_LIMIT),
    )
    .map_err(|source| index.tantivy_error("search failed", source))?;
    let hits = render_hits(index, &searcher, &query, best, true)?;
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
        date_range: true,
        ..TallyCollector::new(FacetField::ALL.to_vec(), None)
            .keeping_dictionaries(index.keeps_reader())
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
