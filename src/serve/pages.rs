//! Serve pages: the HTML search and cable pages, rendered on the server with maud (which escapes every value), plus the embedded stylesheet and script.

use crate::output::reports::thousands;
use std::ops::Range;

use axum::extract::{Path, RawQuery, State};
use axum::http::header::{self, HeaderValue};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use maud::{html, Markup, DOCTYPE};

use super::{check_depth, sort_name, AppState, SearchParams, ServeError, PAGE_SIZE};
use crate::cable::Cable;
use crate::collect::{FacetField, Interval};
use crate::search::{self, Bucket, Hit, SearchResults, SortOrder};
use crate::topics::tag_meaning;

static STYLE: &str = include_str!("assets/style.css");
static SCRIPT: &str = include_str!("assets/app.js");
static ICON: &str = include_str!("assets/icon.svg");

/// Facet panels in the order the page shows them.
const FACET_PANELS: [FacetField; 5] = [
    FacetField::Tag,
    FacetField::Origin,
    FacetField::Classification,
    FacetField::Year,
    FacetField::Official,
];
/// Values per facet panel.
const FACET_VALUES: usize = 8;
/// Similar cables listed on a cable page.
const SIMILAR_SHOWN: usize = 5;
/// A date range up to this many months gets a monthly timeline.
const MONTHLY_UP_TO: i64 = 36;

/// `/assets/style.css`.
pub async fn style_css() -> Response {
    asset("text/css; charset=utf-8", STYLE)
}

/// `/assets/app.js`: keyboard navigation; the pages work without it.
pub async fn app_js() -> Response {
    asset("text/javascript; charset=utf-8", SCRIPT)
}

/// `/assets/icon.svg` and `/favicon.ico` (browsers ask for it; a 404 would log an error).
pub async fn icon() -> Response {
    asset("image/svg+xml", ICON)
}

fn asset(content_type: &'static str, text: &'static str) -> Response {
    let mut response = text.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("max-age=3600"),
    );
    response
}

/// Any unknown path.
pub async fn not_found() -> Response {
    error_page(
        &ServeError::NotFound("there is no page at this address".to_string()),
        None,
    )
}

/// The page for a failed request, with its status; a query error repeats the query in the box.
pub fn error_page(error: &ServeError, params: Option<&SearchParams>) -> Response {
    let title = match error.status() {
        StatusCode::BAD_REQUEST => "Cannot run this search",
        StatusCode::NOT_FOUND => "Not found",
        _ => "Something went wrong",
    };
    let body = html! {
        section.message.error {
            h1 { (title) }
            p.error-text { (error.message()) }
            @if let Some(column) = error.column() {
                p.hint { "The problem starts at column " strong { (column) } " of the query." }
            }
            p { a href="/" { "Start a new search" } }
        }
    };
    let markup = layout(title, params, body);
    (error.status(), Html(markup.into_string())).into_response()
}

/// The frame of every page: head, the search bar, then `content`.
fn layout(title: &str, params: Option<&SearchParams>, content: Markup) -> Markup {
    let empty = SearchParams::default();
    let params = params.unwrap_or(&empty);
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · cables" }
                link rel="stylesheet" href="/assets/style.css";
                link rel="icon" href="/assets/icon.svg" type="image/svg+xml";
                script src="/assets/app.js" defer {}
            }
            body {
                header.top {
                    a.brand href="/" { "cables" }
                    form.search action="/search" method="get" role="search" {
                        input #q type="search" name="q" value=(params.q)
                            placeholder="smuggling AND Salvadoran, \"alien smuggling\", tag:KTIP ..."
                            aria-label="Query" autocomplete="off";
                        // Filters stay when the query changes; the chips remove them.
                        @for (key, value) in params.state_pairs() {
                            @if key != "q" {
                                input type="hidden" name=(key) value=(value);
                            }
                        }
                        button type="submit" { "Search" }
                    }
                    details.syntax {
                        summary { "Syntax" }
                        (syntax_help())
                    }
                }
                main { (content) }
                footer {
                    "Read-only. Press " kbd { "/" } " to search, " kbd { "j" } " / " kbd { "k" }
                    " to move through hits, " kbd { "Enter" } " to open one. "
                    a href="/api/stats" { "Index statistics (JSON)" }
                }
            }
        }
    }
}

fn syntax_help() -> Markup {
    let rows = [
        ("smuggling Salvadoran", "both words (AND is the default)"),
        (
            "smuggling OR trafficking",
            "either word; NOT or -word excludes",
        ),
        ("\"alien smuggling\"", "a phrase"),
        ("(a OR b) AND c", "grouping"),
        (
            "tag:KTIP  topic:trafficking",
            "a TAGS code; words of its meaning",
        ),
        (
            "origin:guatemala  official:Contreras",
            "sender; a person named",
        ),
        ("subject:visa  body:visa", "one field only"),
        ("created:[2003-01 TO 2003-06]", "a date range"),
        ("*", "every cable"),
    ];
    html! {
        table {
            @for (example, meaning) in rows {
                tr { td { code { (example) } } td { (meaning) } }
            }
        }
    }
}

/// Text with the given byte ranges wrapped in `<mark>`; every piece is escaped by maud.
fn highlighted(text: &str, ranges: &[Range<usize>]) -> Markup {
    let mut pieces: Vec<(&str, bool)> = Vec::new();
    let mut cursor = 0;
    for range in ranges {
        let (Some(before), Some(word)) = (text.get(cursor..range.start), text.get(range.clone()))
        else {
            continue;
        };
        pieces.push((before, false));
        pieces.push((word, true));
        cursor = range.end;
    }
    pieces.push((text.get(cursor..).unwrap_or_default(), false));
    html! {
        @for (piece, is_match) in pieces {
            @if is_match { mark { (piece) } } @else { (piece) }
        }
    }
}

/// The day of an ISO date.
fn day(date: &Option<String>) -> &str {
    date.as_deref()
        .map(|date| &date[..date.len().min(10)])
        .unwrap_or("undated")
}

/// The months from `from` to `to` (both `YYYY[-MM[-DD]]`), if both are given.
fn months_between(from: &str, to: &str) -> Option<i64> {
    let (start, _) = crate::parse::parse_period(from)?;
    let (_, end) = crate::parse::parse_period(to)?;
    use chrono::Datelike;
    Some(
        i64::from(end.year() - start.year()) * 12 + i64::from(end.month())
            - i64::from(start.month())
            + 1,
    )
}

/// Everything the search page shows.
struct SearchView {
    results: SearchResults,
    timeline: Vec<Bucket>,
    interval: Interval,
}

/// `/` and `/search`: the query box, hits, facets, timeline and pages.
pub async fn search_page(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Response {
    let params = match SearchParams::parse(raw.as_deref()) {
        Ok(params) => params,
        Err(error) => return error_page(&error, None),
    };
    match run_search_page(&state, &params).await {
        Ok(view) => Html(render_search(&params, &view).into_string()).into_response(),
        Err(error) => error_page(&error, Some(&params)),
    }
}

async fn run_search_page(
    state: &AppState,
    params: &SearchParams,
) -> Result<SearchView, ServeError> {
    let offset = (params.page - 1).saturating_mul(PAGE_SIZE);
    check_depth(PAGE_SIZE, offset)?;
    let mut request = params.request()?;
    request.limit = PAGE_SIZE;
    request.offset = offset;
    request.facets = FACET_PANELS.to_vec();
    request.facet_limit = FACET_VALUES;
    let short_range = match (&params.from, &params.to) {
        (Some(from), Some(to)) => {
            months_between(from, to).is_some_and(|months| months <= MONTHLY_UP_TO)
        }
        _ => false,
    };
    let interval = if short_range {
        Interval::Month
    } else {
        Interval::Year
    };
    request.histogram = Some(interval);
    state
        .run(move |index| {
            let results = search::search(index, &request)?;
            let mut timeline = results.histogram.clone().unwrap_or_default();
            let mut interval = interval;
            // A match set within a year or two reads better by month.
            if interval == Interval::Year && (1..=2).contains(&timeline.len()) {
                let mut monthly = request.clone();
                monthly.limit = 0;
                monthly.offset = 0;
                monthly.facets.clear();
                monthly.histogram = Some(Interval::Month);
                timeline = search::search(index, &monthly)?
                    .histogram
                    .unwrap_or_default();
                interval = Interval::Month;
            }
            Ok(SearchView {
                results,
                timeline,
                interval,
            })
        })
        .await
}

fn render_search(params: &SearchParams, view: &SearchView) -> Markup {
    let results = &view.results;
    let offset = (params.page - 1) * PAGE_SIZE;
    let title = if params.has_words() {
        params.q.clone()
    } else {
        "All cables".to_string()
    };
    let content = html! {
        div.layout {
            aside.facets aria-label="Narrow the results" {
                @for facet in FACET_PANELS {
                    (facet_panel(params, facet, results))
                }
            }
            section.results {
                div.summary {
                    p.total {
                        strong #total data-total=(results.total) { (thousands(results.total as u64)) }
                        @if results.total == 1 { " cable" } @else { " cables" }
                        @if params.has_words() { " match " q { (params.q) } } @else { " in the index" }
                    }
                    (sort_links(params))
                }
                (chips(params))
                @for warning in &results.warnings {
                    p.warning { (warning) }
                }
                @if !view.timeline.is_empty() {
                    (timeline(params, &view.timeline, view.interval))
                }
                @if results.hits.is_empty() && results.total > 0 {
                    p.empty { "No hits on this page. " a href=(params.url("/search", &[])) { "First page" } }
                } @else if results.hits.is_empty() {
                    p.empty { "No cable matches. Try fewer words, OR, or remove a filter." }
                }
                ol.hits start=(offset + 1) {
                    @for (position, hit) in results.hits.iter().enumerate() {
                        (hit_item(params, hit, offset + position))
                    }
                }
                (pagination(params, results.total))
                p.exports {
                    "Export all " (thousands(results.total as u64)) ": "
                    a href=(params.url("/search.csv", &[])) { "CSV" } " · "
                    a href=(params.url("/search.jsonl", &[])) { "JSON Lines" } " · "
                    a href=(params.url("/api/search", &[])) { "JSON (this page)" }
                }
            }
        }
    };
    layout(&title, Some(params), content)
}

fn hit_item(params: &SearchParams, hit: &Hit, rank: usize) -> Markup {
    let link = params.url(&format!("/cable/{}", hit.id), &[("r", rank.to_string())]);
    html! {
        li.hit {
            a.hit-link href=(link) {
                span.subject { (hit.subject.as_deref().unwrap_or("(no subject)")) }
            }
            div.meta {
                span.id { (hit.id) }
                span { (day(&hit.created)) }
                span { (hit.origin.as_deref().unwrap_or("unknown origin")) }
                span.classification { (hit.classification.as_deref().unwrap_or("UNMARKED")) }
                @if hit.score > 0.0 { span.score { "score " (format!("{:.2}", hit.score)) } }
            }
            @if !hit.snippet.is_empty() {
                p.snippet { (highlighted(&hit.snippet, &hit.highlights)) }
            }
            @if !hit.tags.is_empty() {
                div.tags {
                    @for tag in &hit.tags {
                        span.tag title=[tag_meaning(tag)] { (tag) }
                    }
                }
            }
        }
    }
}

/// The parameters with one facet value added (tags add up; other filters are replaced).
fn with_facet(params: &SearchParams, facet: FacetField, value: &str) -> SearchParams {
    let mut next = params.clone();
    next.page = 1;
    match facet {
        FacetField::Tag => {
            if !next.tags.iter().any(|tag| tag == value) {
                next.tags.push(value.to_string());
            }
        }
        FacetField::Origin => next.origin = Some(value.to_string()),
        FacetField::Classification => next.classification = Some(value.to_string()),
        FacetField::Official => next.official = Some(value.to_string()),
        FacetField::Year => {
            next.from = Some(value.to_string());
            next.to = Some(value.to_string());
        }
    }
    next
}

fn is_active(params: &SearchParams, facet: FacetField, value: &str) -> bool {
    match facet {
        FacetField::Tag => params
            .tags
            .iter()
            .any(|tag| tag.eq_ignore_ascii_case(value)),
        FacetField::Origin => params.origin.as_deref() == Some(value),
        FacetField::Classification => params.classification.as_deref() == Some(value),
        FacetField::Official => params.official.as_deref() == Some(value),
        FacetField::Year => {
            params.from.as_deref() == Some(value) && params.to.as_deref() == Some(value)
        }
    }
}

fn facet_panel(params: &SearchParams, facet: FacetField, results: &SearchResults) -> Markup {
    let counts = results
        .facets
        .get(facet.name())
        .map(Vec::as_slice)
        .unwrap_or_default();
    let heading = match facet {
        FacetField::Tag => "Tags",
        FacetField::Origin => "Origin",
        FacetField::Classification => "Classification",
        FacetField::Year => "Year",
        FacetField::Official => "Officials",
    };
    html! {
        section.facet data-facet=(facet.name()) {
            h2 { (heading) }
            @if counts.is_empty() {
                p.none { "none" }
            } @else {
                ul {
                    @for count in counts {
                        @let active = is_active(params, facet, &count.value);
                        li.active[active] {
                            a href=(with_facet(params, facet, &count.value).url("/search", &[])) {
                                span.value {
                                    (count.value)
                                    @if facet == FacetField::Tag {
                                        @if let Some(meaning) = tag_meaning(&count.value) {
                                            span.meaning { (meaning) }
                                        }
                                    }
                                }
                                span.count { (thousands(count.count)) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Active filters, each with a link that removes it.
fn chips(params: &SearchParams) -> Markup {
    let mut chips: Vec<(String, SearchParams)> = Vec::new();
    for (position, tag) in params.tags.iter().enumerate() {
        let mut next = params.clone();
        next.tags.remove(position);
        let label = match tag_meaning(tag) {
            Some(meaning) => format!("tag: {tag} ({meaning})"),
            None => format!("tag: {tag}"),
        };
        chips.push((label, next));
    }
    type Slot = fn(&mut SearchParams) -> &mut Option<String>;
    let slots: [(&str, Slot); 8] = [
        ("origin", |p| &mut p.origin),
        ("classification", |p| &mut p.classification),
        ("official", |p| &mut p.official),
        ("from", |p| &mut p.from),
        ("to", |p| &mut p.to),
        ("released from", |p| &mut p.released_from),
        ("released to", |p| &mut p.released_to),
        ("cites", |p| &mut p.cites),
    ];
    for (name, slot) in slots {
        let mut next = params.clone();
        if let Some(value) = slot(&mut next).take() {
            chips.push((format!("{name}: {value}"), next));
        }
    }
    if let Some(value) = &params.cited_by {
        let mut next = params.clone();
        next.cited_by = None;
        chips.push((format!("cited by: {value}"), next));
    }
    html! {
        @if !chips.is_empty() {
            ul.chips aria-label="Active filters" {
                @for (label, without) in &chips {
                    li.chip {
                        span { (label) }
                        a.remove href=(without.url("/search", &[])) title="Remove this filter" aria-label=(format!("Remove {label}")) { "×" }
                    }
                }
                @if chips.len() > 1 {
                    @let cleared = SearchParams { q: params.q.clone(), sort: params.sort, page: 1, ..SearchParams::default() };
                    li.clear { a href=(cleared.url("/search", &[])) { "clear all" } }
                }
            }
        }
    }
}

fn sort_links(params: &SearchParams) -> Markup {
    html! {
        nav.sort aria-label="Sort" {
            "Sort: "
            @for sort in [SortOrder::Relevance, SortOrder::Newest, SortOrder::Oldest] {
                @let next = SearchParams { sort, page: 1, ..params.clone() };
                @if sort == params.sort {
                    span.current { (sort_name(sort)) }
                } @else {
                    a href=(next.url("/search", &[])) { (sort_name(sort)) }
                }
            }
        }
    }
}

/// The timeline as an SVG bar chart drawn here; each bar links to its date range.
fn timeline(params: &SearchParams, buckets: &[Bucket], interval: Interval) -> Markup {
    const WIDTH: f64 = 720.0;
    const HEIGHT: f64 = 90.0;
    const LABELS: f64 = 16.0;
    let max = buckets
        .iter()
        .map(|bucket| bucket.count)
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let slot = WIDTH / buckets.len() as f64;
    let gap = (slot * 0.15).min(3.0);
    // Label about every 60 pixels.
    let label_every = ((60.0 / slot).ceil() as usize).max(1);
    let noun = match interval {
        Interval::Year => "year",
        Interval::Month => "month",
    };
    html! {
        figure.timeline {
            svg viewBox=(format!("0 0 {WIDTH} {}", HEIGHT + LABELS)) role="img"
                aria-label=(format!("Matches per {noun}")) preserveAspectRatio="none" {
                @for (position, bucket) in buckets.iter().enumerate() {
                    @let height = if bucket.count == 0 { 0.0 } else { (bucket.count as f64 / max * (HEIGHT - 4.0)).max(2.0) };
                    @let x = position as f64 * slot;
                    @let next = SearchParams { from: Some(bucket.bucket.clone()), to: Some(bucket.bucket.clone()), page: 1, ..params.clone() };
                    a.bar href=(next.url("/search", &[])) data-bucket=(bucket.bucket) {
                        title { (bucket.bucket) ": " (thousands(bucket.count)) }
                        rect.hitbox x=(format!("{x:.1}")) y="0" width=(format!("{slot:.1}")) height=(format!("{HEIGHT:.1}")) {}
                        rect.fill x=(format!("{:.1}", x + gap / 2.0)) y=(format!("{:.1}", HEIGHT - height))
                            width=(format!("{:.1}", (slot - gap).max(0.5))) height=(format!("{height:.1}")) {}
                    }
                    @if position % label_every == 0 {
                        text x=(format!("{:.1}", x + slot / 2.0)) y=(format!("{:.1}", HEIGHT + LABELS - 3.0)) text-anchor="middle" {
                            (bucket.bucket)
                        }
                    }
                }
            }
            figcaption { "Matches per " (noun) "; click a bar to narrow to it." }
        }
    }
}

fn pagination(params: &SearchParams, total: usize) -> Markup {
    let pages = total
        .div_ceil(PAGE_SIZE)
        .min(crate::search::MAX_LIMIT / PAGE_SIZE);
    let page_url = |page: usize| {
        let extra: Vec<(&str, String)> = if page > 1 {
            vec![("page", page.to_string())]
        } else {
            Vec::new()
        };
        params.url("/search", &extra)
    };
    let current = params.page;
    let mut shown: Vec<usize> = vec![
        1,
        current.saturating_sub(2),
        current.saturating_sub(1),
        current,
        current + 1,
        current + 2,
        pages,
    ]
    .into_iter()
    .filter(|page| *page >= 1 && *page <= pages)
    .collect();
    shown.sort_unstable();
    shown.dedup();
    html! {
        @if pages > 1 {
            nav.pages aria-label="Pages" {
                @if current > 1 { a rel="prev" href=(page_url(current - 1)) { "← Previous" } }
                @for (position, page) in shown.iter().enumerate() {
                    @if position > 0 && shown[position - 1] + 1 < *page { span.gap { "…" } }
                    @if *page == current { span.current { (page) } } @else { a href=(page_url(*page)) { (page) } }
                }
                @if current < pages { a rel="next" href=(page_url(current + 1)) { "Next →" } }
            }
        }
    }
}

/// Everything the cable page shows.
struct CableView {
    cable: Cable,
    citing: Vec<String>,
    /// Each cited ID with whether the index has it.
    cites: Vec<(String, bool)>,
    similar: Vec<Hit>,
    highlights: Vec<Range<usize>>,
    previous: Option<(usize, String)>,
    next: Option<(usize, String)>,
}

/// `/cable/{id}`: metadata, citations both ways, similar cables and the body; with the search
/// parameters in the URL, the query's words are marked and previous/next follow the list.
pub async fn cable_page(
    State(state): State<AppState>,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Response {
    let params = match SearchParams::parse(raw.as_deref()) {
        Ok(params) => params,
        Err(error) => return error_page(&error, None),
    };
    let search_params = params.clone();
    let result = state
        .run(move |index| {
            let cable = search::find_cable(index, &id)?;
            let citing = search::cited_by(index, cable.id.as_str())?;
            let cites = cable
                .references
                .iter()
                .map(|reference| {
                    let known = search::find_cable(index, reference).is_ok();
                    (reference.clone(), known)
                })
                .collect();
            let similar = search::similar(index, cable.id.as_str(), SIMILAR_SHOWN)?.hits;
            // Marks and neighbours are extras: a query that no longer parses just goes without.
            let highlights = if search_params.has_words() {
                search::body_highlights(index, search_params.query_text(), &cable.body)
                    .unwrap_or_default()
            } else {
                Vec::new()
            };
            let (previous, next) = match search_params.rank {
                Some(rank) => neighbours(index, &search_params, rank).unwrap_or((None, None)),
                None => (None, None),
            };
            Ok(CableView {
                cable,
                citing,
                cites,
                similar,
                highlights,
                previous,
                next,
            })
        })
        .await;
    match result {
        Ok(view) => Html(render_cable(&params, &view).into_string()).into_response(),
        Err(error) => error_page(&error, Some(&params)),
    }
}

/// The hits before and after position `rank` of the list the parameters describe.
type Neighbour = Option<(usize, String)>;

fn neighbours(
    index: &crate::index::CableIndex,
    params: &SearchParams,
    rank: usize,
) -> Result<(Neighbour, Neighbour), ServeError> {
    let start = rank.saturating_sub(1);
    check_depth(3, start)?;
    let mut request = params.request()?;
    request.offset = start;
    request.limit = rank - start + 2;
    request.facets.clear();
    request.histogram = None;
    let hits = search::search(index, &request)?.hits;
    let at = |position: usize| {
        position
            .checked_sub(start)
            .and_then(|slot| hits.get(slot))
            .map(|hit| (position, hit.id.clone()))
    };
    let previous = if rank > 0 { at(rank - 1) } else { None };
    Ok((previous, at(rank + 1)))
}

fn cable_link(params: &SearchParams, id: &str) -> String {
    let clean = SearchParams {
        q: params.q.clone(),
        page: 1,
        ..SearchParams::default()
    };
    clean.url(&format!("/cable/{id}"), &[])
}

fn render_cable(params: &SearchParams, view: &CableView) -> Markup {
    let cable = &view.cable;
    let date = |date: Option<chrono::DateTime<chrono::Utc>>| {
        date.map(|date| date.format("%Y-%m-%d %H:%M UTC").to_string())
            .unwrap_or_else(|| "unknown".to_string())
    };
    let from_search = params.rank.is_some();
    let back = params.rank.map(|rank| {
        let page = rank / PAGE_SIZE + 1;
        let extra: Vec<(&str, String)> = if page > 1 {
            vec![("page", page.to_string())]
        } else {
            Vec::new()
        };
        params.url("/search", &extra)
    });
    let neighbour_url = |(rank, id): &(usize, String)| {
        params.url(&format!("/cable/{id}"), &[("r", rank.to_string())])
    };
    let title = cable
        .subject
        .clone()
        .unwrap_or_else(|| cable.id.to_string());
    let content = html! {
        article.cable {
            @if from_search {
                nav.trail aria-label="Result list" {
                    @if let Some(back) = &back { a.back href=(back) { "← Back to results" } }
                    span.neighbours {
                        @if let Some(previous) = &view.previous {
                            a #previous rel="prev" href=(neighbour_url(previous)) { "‹ Previous: " (previous.1) }
                        }
                        @if let Some(next) = &view.next {
                            a #next rel="next" href=(neighbour_url(next)) { "Next: " (next.1) " ›" }
                        }
                    }
                }
            }
            h1 { (title) }
            div.cable-grid {
                dl.metadata {
                    dt { "Reference ID" } dd #cable-id { (cable.id) }
                    dt { "Created" } dd { (date(cable.created)) }
                    dt { "Released" } dd { (date(cable.released)) }
                    dt { "Classification" } dd { (cable.classification.as_ref().map(ToString::to_string).unwrap_or_else(|| "none".to_string())) }
                    dt { "Origin" } dd {
                        @if let Some(origin) = &cable.origin {
                            a href=(SearchParams { origin: Some(origin.clone()), page: 1, ..SearchParams::default() }.url("/search", &[])) { (origin) }
                        } @else { "unknown" }
                    }
                    @if let Some(by) = &cable.classified_by {
                        dt { "Classified by" } dd { (by) }
                    }
                    dt { "Tags" } dd {
                        ul.taglist {
                            @for tag in &cable.tags {
                                li {
                                    a.tag href=(SearchParams { tags: vec![tag.clone()], page: 1, ..SearchParams::default() }.url("/search", &[])) { (tag) }
                                    @if let Some(meaning) = tag_meaning(tag) { " " span.meaning { (meaning) } }
                                }
                            }
                        }
                    }
                    dt { "Officials" } dd {
                        @if cable.officials.is_empty() { "none found" }
                        ul.officials {
                            @for official in &cable.officials {
                                li {
                                    a href=(SearchParams { official: Some(official.name.clone()), page: 1, ..SearchParams::default() }.url("/search", &[])) { (official.name) }
                                    @if let Some(title) = &official.title { ", " span.title { (title) } }
                                }
                            }
                        }
                    }
                }
                (render_cable_links(params, view))
            }
            section.body {
                h2 {
                    "Text"
                    @if !view.highlights.is_empty() {
                        " " span.marks { "(" (view.highlights.len()) " matches of " q { (params.q) } " marked)" }
                    }
                }
                @if let Some(routing) = &cable.routing {
                    details.routing { summary { "Routing" } pre { (routing) } }
                }
                pre #body { (highlighted(&cable.body, &view.highlights)) }
            }
            p.exports {
                a href=(format!("/api/cable/{}", cable.id)) { "This cable as JSON" }
            }
        }
    };
    layout(&title, Some(params), content)
}

/// The cable page's side panel: the cables it cites, the cables citing it, similar cables.
fn render_cable_links(params: &SearchParams, view: &CableView) -> Markup {
    html! {
        aside.links {
            section #cites {
                h2 { "Cites (" (view.cites.len()) ")" }
                @if view.cites.is_empty() { p.none { "no REF line" } }
                ul {
                    @for (reference, known) in &view.cites {
                        li {
                            @if *known { a.ref href=(cable_link(params, reference)) { (reference) } }
                            @else { span.missing title="not in this index" { (reference) } }
                        }
                    }
                }
            }
            section #cited-by {
                h2 { "Cited by (" (view.citing.len()) ")" }
                @if view.citing.is_empty() { p.none { "no cable in the index" } }
                ul {
                    @for citing in &view.citing {
                        li { a.ref href=(cable_link(params, citing)) { (citing) } }
                    }
                }
            }
            section #similar {
                h2 { "Similar cables" }
                @if view.similar.is_empty() { p.none { "none" } }
                ul {
                    @for hit in &view.similar {
                        li {
                            a href=(cable_link(params, &hit.id)) { (hit.id) }
                            " " span.similar-subject { (hit.subject.as_deref().unwrap_or("")) }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_escape_every_piece() {
        let text = "AT&T <script> and </pre> smuggling";
        let start = text.find("smuggling").unwrap();
        let ranges: Vec<Range<usize>> = std::iter::once(start..text.len()).collect();
        let markup = highlighted(text, &ranges).into_string();
        assert_eq!(
            markup,
            "AT&amp;T &lt;script&gt; and &lt;/pre&gt; <mark>smuggling</mark>"
        );
    }

    #[test]
    fn thousands_are_separated() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(25_000), "25,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn short_ranges_are_counted_in_months() {
        assert_eq!(months_between("2003", "2003"), Some(12));
        assert_eq!(months_between("2003-07", "2003-07"), Some(1));
        assert_eq!(months_between("2001", "2010"), Some(120));
    }
}
