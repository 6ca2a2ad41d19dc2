//! Serve API: the JSON endpoints (byte for byte the command line's `--format json`) and the streamed CSV / JSON Lines exports of a result set.

use axum::body::Body;
use axum::extract::{Path, RawQuery, State};
use axum::http::header::{self, HeaderValue};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use futures_util::stream;

use super::{check_depth, AppState, SearchParams, ServeError, EXPORT_BATCH};
use crate::output::{self, Display, SearchFormat, ShowRecord};
use crate::search::{self, SearchRequest};

const JSON: &str = "application/json";

fn with_type(status: StatusCode, content_type: &'static str, body: Vec<u8>) -> Response {
    let mut response = (status, body).into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
}

/// An API error as JSON: `{"error": message, "status": code}` plus `"column"` for query errors.
pub fn json_error(error: &ServeError) -> Response {
    let mut body = serde_json::json!({
        "error": error.message(),
        "status": error.status().as_u16(),
    });
    if let Some(column) = error.column() {
        body["column"] = serde_json::json!(column);
    }
    let mut bytes = body.to_string().into_bytes();
    bytes.push(b'\n');
    with_type(error.status(), JSON, bytes)
}

fn json_response(result: Result<Vec<u8>, ServeError>) -> Response {
    match result {
        Ok(bytes) => with_type(StatusCode::OK, JSON, bytes),
        Err(error) => json_error(&error),
    }
}

fn io_failure(error: std::io::Error) -> crate::Error {
    crate::Error::Invalid(format!("cannot render the answer: {error}"))
}

/// `/api/search`: `cables search Q --format json` with the same parameters.
pub async fn search(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Response {
    let result = async {
        let request = SearchParams::parse(raw.as_deref())?.request()?;
        state
            .run(move |index| search_json(&search::search(index, &request)?))
            .await
    }
    .await;
    json_response(result)
}

/// Results as `cables search --format json` prints them.
fn search_json(results: &search::SearchResults) -> crate::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    output::write_search(&mut bytes, results, SearchFormat::Json, Display::plain())
        .map_err(io_failure)?;
    Ok(bytes)
}

/// `/api/cable/{id}`: `cables show ID --format json`, without the file path.
pub async fn cable(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    let result = state
        .run(move |index| {
            let cable = search::find_cable(index, &id)?;
            let citing = search::cited_by(index, cable.id.as_str())?;
            let mut record = ShowRecord::from_cable(&cable, &citing);
            record.path = None;
            let mut bytes = Vec::new();
            output::write_cable_json(&mut bytes, &record).map_err(io_failure)?;
            Ok(bytes)
        })
        .await;
    json_response(result)
}

/// `/api/similar/{id}?limit=N`: `cables similar ID --format json`.
pub async fn similar(
    State(state): State<AppState>,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Response {
    let result = async {
        let params = SearchParams::parse(raw.as_deref())?;
        let limit = params.limit.unwrap_or(10);
        check_depth(limit, 0)?;
        state
            .run(move |index| search_json(&search::similar(index, &id, limit)?))
            .await
    }
    .await;
    json_response(result)
}

/// `/api/stats?facet_limit=N`: `cables stats --format json`.
pub async fn stats(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Response {
    let result = async {
        let params = SearchParams::parse(raw.as_deref())?;
        let facet_limit = params.facet_limit.unwrap_or(10);
        state
            .run(move |index| {
                let stats = search::stats(index, facet_limit)?;
                let mut bytes = Vec::new();
                output::write_stats(
                    &mut bytes,
                    &stats,
                    output::ReportFormat::Json,
                    Display::plain(),
                )
                .map_err(io_failure)?;
                Ok(bytes)
            })
            .await
    }
    .await;
    json_response(result)
}

/// Which export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Export {
    Csv,
    Jsonl,
}

/// `/search.csv`: every match, as `cables search --all --format csv`.
pub async fn export_csv(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Response {
    export(state, raw, Export::Csv).await
}

/// `/search.jsonl`: every match, as `cables search --all --format jsonl`.
pub async fn export_jsonl(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Response {
    export(state, raw, Export::Jsonl).await
}

/// Streams the whole result set in batches, so memory stays bounded whatever the total. The
/// first batch is computed before answering, so a bad query is still a 400.
async fn export(state: AppState, raw: Option<String>, kind: Export) -> Response {
    let request = match SearchParams::parse(raw.as_deref()).and_then(|params| {
        let mut request = params.request()?;
        request.limit = EXPORT_BATCH;
        request.offset = 0;
        request.facets.clear();
        request.histogram = None;
        Ok(request)
    }) {
        Ok(request) => request,
        Err(error) => return super::pages::error_page(&error, None),
    };
    let (sender, mut receiver) = tokio::sync::mpsc::channel::<Result<Vec<u8>, ServeError>>(2);
    let index = std::sync::Arc::clone(&state.index);
    tokio::task::spawn_blocking(move || stream_batches(&index, request, kind, &sender));
    let first = match receiver.recv().await {
        Some(Ok(bytes)) => bytes,
        Some(Err(error)) => return super::pages::error_page(&error, None),
        None => Vec::new(),
    };
    let rest = stream::unfold(receiver, |mut receiver| async move {
        match receiver.recv().await {
            Some(Ok(bytes)) => Some((Ok::<_, std::io::Error>(bytes), receiver)),
            // A failure half-way cuts the download short; the client sees a truncated file.
            Some(Err(error)) => Some((Err(std::io::Error::other(error.message())), receiver)),
            None => None,
        }
    });
    let body = Body::from_stream(stream::StreamExt::chain(
        stream::once(async move { Ok::<_, std::io::Error>(first) }),
        rest,
    ));
    let (content_type, name) = match kind {
        Export::Csv => (
            "text/csv; charset=utf-8",
            "attachment; filename=\"cables.csv\"",
        ),
        Export::Jsonl => (
            "application/x-ndjson",
            "attachment; filename=\"cables.jsonl\"",
        ),
    };
    let mut response = Response::new(body);
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CONTENT_DISPOSITION, HeaderValue::from_static(name));
    response
}

/// Runs the search page after page and sends each rendered page; stops when the client goes.
fn stream_batches(
    index: &crate::index::CableIndex,
    mut request: SearchRequest,
    kind: Export,
    sender: &tokio::sync::mpsc::Sender<Result<Vec<u8>, ServeError>>,
) {
    let mut first = true;
    loop {
        let page = search::search(index, &request).map_err(ServeError::from);
        let (chunk, done) = match page {
            Ok(results) => {
                let mut bytes = Vec::new();
                let written = match kind {
                    Export::Csv => (if first {
                        output::write_csv_header(&mut bytes)
                    } else {
                        Ok(())
                    })
                    .and_then(|()| {
                        output::write_csv_rows(&mut bytes, &results.hits, request.offset + 1)
                    }),
                    Export::Jsonl => output::write_jsonl_rows(&mut bytes, &results.hits),
                };
                let done =
                    results.hits.is_empty() || request.offset + results.hits.len() >= results.total;
                match written {
                    Ok(()) => (Ok(bytes), done),
                    Err(error) => (Err(ServeError::from(io_failure(error))), true),
                }
            }
            Err(error) => (Err(error), true),
        };
        first = false;
        if sender.blocking_send(chunk).is_err() || done {
            return;
        }
        request.offset += request.limit;
        // Later pages cost a deeper ranking each; fewer, larger pages keep the total down.
        request.limit = (request.limit * 2).min(EXPORT_BATCH * 16);
    }
}
