//! Serve: the read-only web interface and JSON API over one opened index (`cables serve`): router, shared state, request guards and URL parameters; pages in [`pages`], the API in [`api`].
//!
//! Every handler calls the same library functions as the command line ([`crate::search`],
//! [`crate::output`]), on a blocking thread, through one reader that is reloaded when the index
//! changes on disk. Nothing a request does writes anywhere.

pub mod api;
pub mod pages;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use axum::extract::{Request, State};
use axum::http::header::{self, HeaderName, HeaderValue};
use axum::http::{Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use tower::limit::ConcurrencyLimitLayer;
use tower_http::timeout::TimeoutLayer;

use crate::collect::{FacetField, Interval};
use crate::error::{Error, Result};
use crate::index::CableIndex;
use crate::parse::parse_period;
use crate::query::Filters;
use crate::search::{SearchRequest, SortOrder, MAX_LIMIT};

/// Where `cables serve` listens unless told otherwise.
pub const DEFAULT_BIND: &str = "127.0.0.1:7878";
/// Hits per page of the search page.
pub const PAGE_SIZE: usize = 10;
/// Longest a request may take before it is answered 408.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// Requests handled at once; more wait their turn.
pub const MAX_CONCURRENT_REQUESTS: usize = 32;
/// How often the index folder is checked for a new commit.
pub const RELOAD_CHECK: Duration = Duration::from_secs(2);
/// Hits fetched per step while streaming an export.
const EXPORT_BATCH: usize = 500;

/// The Content-Security-Policy of every response: our own script and style files only.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// Host names always accepted (with any port): the loopback names.
const LOOPBACK_HOSTS: [&str; 3] = ["127.0.0.1", "localhost", "[::1]"];

/// What `cables serve` was asked to do, free of clap.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Address to listen on; port 0 picks a free port.
    pub bind: SocketAddr,
    /// Whether a non-loopback `bind` is allowed.
    pub allow_remote: bool,
    /// Host names accepted in the `Host` header besides the loopback names.
    pub allowed_hosts: Vec<String>,
}

impl ServeOptions {
    /// Options for a loopback address, no extra host names.
    pub fn new(bind: SocketAddr) -> ServeOptions {
        ServeOptions {
            bind,
            allow_remote: false,
            allowed_hosts: Vec::new(),
        }
    }

    /// Refuses a non-loopback address unless remote access was asked for.
    pub fn validate(&self) -> Result<()> {
        if !self.bind.ip().is_loopback() && !self.allow_remote {
            return Err(Error::Invalid(format!(
                "{} is not a loopback address: anyone who can reach it could read the index; \
                 pass --allow-remote to serve it anyway (and --allowed-host NAME for the names \
                 clients will use)",
                self.bind
            )));
        }
        Ok(())
    }

    /// Whether the server will be reachable from other machines.
    pub fn is_remote(&self) -> bool {
        !self.bind.ip().is_loopback()
    }
}

/// What every handler shares: the opened index and the accepted host names.
#[derive(Clone)]
pub struct AppState {
    index: Arc<CableIndex>,
    allowed_hosts: Arc<Vec<String>>,
}

impl AppState {
    /// State over an index; the index should keep a shared reader
    /// ([`CableIndex::with_shared_reader`]).
    pub fn new(index: Arc<CableIndex>, allowed_hosts: Vec<String>) -> AppState {
        AppState {
            index,
            allowed_hosts: Arc::new(
                allowed_hosts
                    .into_iter()
                    .map(|host| host.to_ascii_lowercase())
                    .collect(),
            ),
        }
    }

    /// Runs library work on a blocking thread (searches must not stall the async workers).
    pub(crate) async fn run<T, F>(&self, work: F) -> Result<T, ServeError>
    where
        T: Send + 'static,
        F: FnOnce(&CableIndex) -> Result<T> + Send + 'static,
    {
        let index = Arc::clone(&self.index);
        match tokio::task::spawn_blocking(move || work(&index)).await {
            Ok(result) => result.map_err(ServeError::from),
            Err(_) => Err(ServeError::Internal("the request failed".to_string())),
        }
    }

    fn host_is_allowed(&self, host: &str) -> bool {
        host_is_allowed(host, &self.allowed_hosts)
    }
}

/// Whether a `Host` header names a loopback name or one of `allowed` (lower case), any port.
fn host_is_allowed(host: &str, allowed: &[String]) -> bool {
    let host = host.trim().to_ascii_lowercase();
    let name = strip_port(&host);
    LOOPBACK_HOSTS.contains(&name) || allowed.iter().any(|allowed| allowed == name)
}

/// `localhost:7878` -> `localhost`, `[::1]:80` -> `[::1]`.
fn strip_port(host: &str) -> &str {
    if host.starts_with('[') {
        return match host.find(']') {
            Some(end) => &host[..=end],
            None => host,
        };
    }
    match host.rsplit_once(':') {
        Some((name, port)) if port.chars().all(|c| c.is_ascii_digit()) => name,
        _ => host,
    }
}

/// Why a request failed, before it is rendered as a page or as JSON.
#[derive(Debug)]
pub enum ServeError {
    /// The query has a syntax error at a column.
    Query { message: String, column: usize },
    /// A parameter is wrong (bad date, page too deep, ...).
    BadRequest(String),
    /// No cable has this ID.
    NotFound(String),
    /// The index failed; details stay on the server's stderr.
    Internal(String),
}

impl ServeError {
    pub fn status(&self) -> StatusCode {
        match self {
            ServeError::Query { .. } | ServeError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ServeError::NotFound(_) => StatusCode::NOT_FOUND,
            ServeError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn message(&self) -> String {
        match self {
            ServeError::Query { message, .. } => message.clone(),
            ServeError::BadRequest(message)
            | ServeError::NotFound(message)
            | ServeError::Internal(message) => message.clone(),
        }
    }

    pub fn column(&self) -> Option<usize> {
        match self {
            ServeError::Query { column, .. } => Some(*column),
            _ => None,
        }
    }
}

impl From<Error> for ServeError {
    fn from(error: Error) -> ServeError {
        match error {
            Error::Query { column, .. } => ServeError::Query {
                message: error.to_string(),
                column,
            },
            Error::Invalid(message) => ServeError::BadRequest(message),
            Error::UnknownCable { .. } => ServeError::NotFound(error.to_string()),
            other => {
                eprintln!("error: {other}");
                ServeError::Internal(
                    "the index could not answer this request (see the server's log)".to_string(),
                )
            }
        }
    }
}

/// The URL parameters of a search, shared by the pages, the exports and the API. Empty
/// values count as absent (what an empty form field sends); unknown keys are ignored.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchParams {
    /// The query as typed; empty means every cable.
    pub q: String,
    pub tags: Vec<String>,
    pub origin: Option<String>,
    pub classification: Option<String>,
    pub official: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub released_from: Option<String>,
    pub released_to: Option<String>,
    pub cites: Option<String>,
    pub cited_by: Option<String>,
    pub sort: SortOrder,
    /// 1-based page of the search page.
    pub page: usize,
    /// API: hits per page (10 by default, like the command line).
    pub limit: Option<usize>,
    /// API: hits skipped.
    pub offset: Option<usize>,
    /// API: facets to count.
    pub facets: Vec<FacetField>,
    /// API: values per facet.
    pub facet_limit: Option<usize>,
    /// API: a timeline.
    pub histogram: Option<Interval>,
    /// Cable page: the cable's 0-based position in the result list it was opened from.
    pub rank: Option<usize>,
}

fn number(key: &str, value: &str) -> Result<usize, ServeError> {
    value
        .trim()
        .parse()
        .map_err(|_| ServeError::BadRequest(format!("{key}={value:?} is not a number")))
}

fn choice<T: crate::choice::Choice + std::str::FromStr>(
    key: &str,
    value: &str,
) -> Result<T, ServeError> {
    value.trim().parse::<T>().map_err(|_| {
        ServeError::BadRequest(format!(
            "{key}={value:?} is not one of {}",
            T::names().join(", ")
        ))
    })
}
fn period(
    key: &str,
    text: &Option<String>,
    end: bool,
) -> Result<Option<chrono::DateTime<chrono::Utc>>, ServeError> {
    match text {
        None => Ok(None),
        Some(text) => parse_period(text)
            .map(|(start, last)| Some(if end { last } else { start }))
            .ok_or_else(|| {
                ServeError::BadRequest(format!(
                    "{key}={text:?} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD"
                ))
            }),
    }
}

impl SearchParams {
    /// Reads a raw query string (`q=...&tag=...`).
    pub fn parse(raw: Option<&str>) -> Result<SearchParams, ServeError> {
        let mut params = SearchParams {
            page: 1,
            ..SearchParams::default()
        };
        let Some(raw) = raw else {
            return Ok(params);
        };
        for (key, value) in form_urlencoded::parse(raw.as_bytes()) {
            let value = value.into_owned();
            if key == "q" {
                params.q = value;
                continue;
            }
            if value.trim().is_empty() {
                continue;
            }
            let text = Some(value.trim().to_string());
            match key.as_ref() {
                "tag" => params.tags.push(value.trim().to_string()),
                "origin" => params.origin = text,
                "classification" => params.classification = text,
                "official" => params.official = text,
                "from" => params.from = text,
                "to" => params.to = text,
                "released_from" => params.released_from = text,
                "released_to" => params.released_to = text,
                "cites" => params.cites = text,
                "cited_by" => params.cited_by = text,
                "sort" => params.sort = choice("sort", &value)?,
                "page" => params.page = number("page", &value)?.max(1),
                "limit" => params.limit = Some(number("limit", &value)?),
                "offset" => params.offset = Some(number("offset", &value)?),
                "facet" => {
                    for name in value.split(',').filter(|name| !name.trim().is_empty()) {
                        params.facets.push(choice("facet", name)?);
                    }
                }
                "facet_limit" => params.facet_limit = Some(number("facet_limit", &value)?),
                "histogram" => params.histogram = Some(choice("histogram", &value)?),
                "r" => params.rank = Some(number("r", &value)?),
                _ => {}
            }
        }
        params.facets.sort();
        params.facets.dedup();
        Ok(params)
    }

    /// The query to run: what was typed, or `*` when nothing was.
    pub fn query_text(&self) -> &str {
        if self.q.trim().is_empty() {
            "*"
        } else {
            &self.q
        }
    }

    /// Whether the query names words worth highlighting.
    pub fn has_words(&self) -> bool {
        self.query_text().trim() != "*"
    }

    /// The filters, with dates checked.
    pub fn filters(&self) -> Result<Filters, ServeError> {
        Ok(Filters {
            tags: self.tags.clone(),
            origin: self.origin.clone(),
            classification: self.classification.clone(),
            official: self.official.clone(),
            created: (
                period("from", &self.from, false)?,
                period("to", &self.to, true)?,
            ),
            released: (
                period("released_from", &self.released_from, false)?,
                period("released_to", &self.released_to, true)?,
            ),
            cites: self.cites.clone(),
            cited_by: self.cited_by.clone(),
        })
    }

    /// The request `cables search` builds from the same flags: 10 hits from offset 0 unless
    /// `limit`/`offset` say otherwise, 10 values per facet.
    pub fn request(&self) -> Result<SearchRequest, ServeError> {
        let limit = self.limit.unwrap_or(10);
        let offset = self.offset.unwrap_or(0);
        check_depth(limit, offset)?;
        Ok(SearchRequest {
            query: self.query_text().to_string(),
            limit,
            offset,
            all: false,
            filters: self.filters()?,
            facets: self.facets.clone(),
            facet_limit: self.facet_limit.unwrap_or(10),
            sort: self.sort,
            histogram: self.histogram,
            snippets: true,
        })
    }

    /// The search state as URL pairs (no API-only or page-position keys), in a fixed order.
    pub fn state_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if !self.q.is_empty() {
            pairs.push(("q", self.q.clone()));
        }
        for tag in &self.tags {
            pairs.push(("tag", tag.clone()));
        }
        let optional = [
            ("origin", &self.origin),
            ("classification", &self.classification),
            ("official", &self.official),
            ("from", &self.from),
            ("to", &self.to),
            ("released_from", &self.released_from),
            ("released_to", &self.released_to),
            ("cites", &self.cites),
            ("cited_by", &self.cited_by),
        ];
        for (key, value) in optional {
            if let Some(value) = value {
                pairs.push((key, value.clone()));
            }
        }
        if self.sort != SortOrder::Relevance {
            pairs.push(("sort", sort_name(self.sort).to_string()));
        }
        pairs
    }

    /// `path?state` for links; `extra` pairs are appended.
    pub fn url(&self, path: &str, extra: &[(&str, String)]) -> String {
        let mut serializer = form_urlencoded::Serializer::new(String::new());
        for (key, value) in self.state_pairs() {
            serializer.append_pair(key, &value);
        }
        for (key, value) in extra {
            serializer.append_pair(key, value);
        }
        let query = serializer.finish();
        if query.is_empty() {
            path.to_string()
        } else {
            format!("{path}?{query}")
        }
    }
}

/// The `sort=` value of an order.
pub fn sort_name(sort: SortOrder) -> &'static str {
    match sort {
        SortOrder::Relevance => "relevance",
        SortOrder::Newest => "newest",
        SortOrder::Oldest => "oldest",
    }
}

/// Pages deeper than the command line's `--limit` maximum are refused, so no request makes the
/// server rank more than [`MAX_LIMIT`] hits.
pub fn check_depth(limit: usize, offset: usize) -> Result<(), ServeError> {
    if limit > MAX_LIMIT || offset.saturating_add(limit) > MAX_LIMIT {
        return Err(ServeError::BadRequest(format!(
            "offset {offset} + limit {limit} goes deeper than {MAX_LIMIT} hits; narrow the \
             search or use the CSV or JSON Lines export"
        )));
    }
    Ok(())
}

/// The whole application: routes, guards and limits.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/", get(pages::search_page))
        .route("/search", get(pages::search_page))
        .route("/search.csv", get(api::export_csv))
        .route("/search.jsonl", get(api::export_jsonl))
        .route("/cable/{id}", get(pages::cable_page))
        .route("/api/search", get(api::search))
        .route("/api/cable/{id}", get(api::cable))
        .route("/api/similar/{id}", get(api::similar))
        .route("/api/stats", get(api::stats))
        .route("/assets/style.css", get(pages::style_css))
        .route("/assets/app.js", get(pages::app_js))
        .route("/assets/icon.svg", get(pages::icon))
        .route("/favicon.ico", get(pages::icon))
        .fallback(pages::not_found)
        .layer(ConcurrencyLimitLayer::new(MAX_CONCURRENT_REQUESTS))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
        .layer(middleware::from_fn_with_state(state.clone(), guard))
        .layer(middleware::from_fn(security_headers))
        .with_state(state)
}

/// GET and HEAD only, from an accepted Host.
async fn guard(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if request.method() != Method::GET && request.method() != Method::HEAD {
        let mut response = (
            StatusCode::METHOD_NOT_ALLOWED,
            "this server only reads: GET and HEAD\n",
        )
            .into_response();
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|value| value.to_str().ok())
        .map(str::to_string)
        .or_else(|| {
            let uri = request.uri();
            uri.authority().map(|authority| authority.to_string())
        });
    match host {
        Some(host) if state.host_is_allowed(&host) => next.run(request).await,
        _ => (
            StatusCode::FORBIDDEN,
            "unknown Host: this server answers to its loopback names and --allowed-host names\n",
        )
            .into_response(),
    }
}

/// The headers every response carries, error responses included.
async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(
        HeaderName::from_static("x-frame-options"),
        HeaderValue::from_static("DENY"),
    );
    response
}

fn meta_modified(index: &CableIndex) -> Option<SystemTime> {
    std::fs::metadata(index.path.join("meta.json"))
        .and_then(|metadata| metadata.modified())
        .ok()
}

/// Reloads the shared reader whenever `meta.json` changes (a new commit by `cables index`).
async fn watch_for_commits(index: Arc<CableIndex>) {
    let mut seen = meta_modified(&index);
    let mut ticks = tokio::time::interval(RELOAD_CHECK);
    loop {
        ticks.tick().await;
        let now = meta_modified(&index);
        if now == seen {
            continue;
        }
        let reloading = Arc::clone(&index);
        match tokio::task::spawn_blocking(move || reloading.reload()).await {
            Ok(Ok(())) => seen = now,
            Ok(Err(error)) => eprintln!("warning: {error}"),
            Err(_) => eprintln!("warning: reloading the index failed"),
        }
    }
}

/// Serves `index` until Ctrl-C. `ready` is called with the bound address once the server
/// accepts connections.
pub fn serve(
    index: CableIndex,
    options: &ServeOptions,
    ready: impl FnOnce(SocketAddr),
) -> Result<()> {
    options.validate()?;
    let index = Arc::new(index.with_shared_reader()?);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|source| Error::Invalid(format!("cannot start the server: {source}")))?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(options.bind)
            .await
            .map_err(|source| {
                Error::Invalid(format!("cannot listen on {}: {source}", options.bind))
            })?;
        let address = listener.local_addr().map_err(|source| {
            Error::Invalid(format!("cannot listen on {}: {source}", options.bind))
        })?;
        let state = AppState::new(Arc::clone(&index), options.allowed_hosts.clone());
        tokio::spawn(watch_for_commits(Arc::clone(&index)));
        ready(address);
        axum::serve(listener, router(state))
            .with_graceful_shutdown(async {
                // Without a signal handler the server simply runs until it is killed.
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .map_err(|source| Error::Invalid(format!("the server failed: {source}")))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_names_are_compared_without_port_or_case() {
        let extra = ["cables.example".to_string()];
        let allowed = |host: &str| host_is_allowed(host, &extra);
        assert!(allowed("127.0.0.1:7878"));
        assert!(allowed("localhost"));
        assert!(allowed("[::1]:80"));
        assert!(allowed("Cables.Example:8080"));
        assert!(allowed("LOCALHOST"));
        assert!(!allowed("evil.example"));
        assert!(!allowed("127.0.0.1.evil.example"));
    }

    #[test]
    fn params_read_repeats_and_ignore_empty_fields() {
        let params = SearchParams::parse(Some(
            "q=smuggling+AND+x&tag=KTIP&tag=PGOV&origin=&sort=newest&page=3",
        ))
        .unwrap();
        assert_eq!(params.q, "smuggling AND x");
        assert_eq!(params.tags, ["KTIP", "PGOV"]);
        assert_eq!(params.origin, None);
        assert_eq!(params.sort, SortOrder::Newest);
        assert_eq!(params.page, 3);
        assert_eq!(
            params.url("/search", &[]),
            "/search?q=smuggling+AND+x&tag=KTIP&tag=PGOV&sort=newest"
        );
        assert!(SearchParams::parse(Some("sort=sideways")).is_err());
        assert!(SearchParams::parse(Some("page=x")).is_err());
    }

    #[test]
    fn remote_addresses_need_allow_remote() {
        let mut options = ServeOptions::new("0.0.0.0:7878".parse().unwrap());
        assert!(options.validate().is_err());
        options.allow_remote = true;
        assert!(options.validate().is_ok());
        assert!(ServeOptions::new("127.0.0.1:0".parse().unwrap())
            .validate()
            .is_ok());
    }
}
