//! `cables serve`: every route in-process (the router over a temp index of the fixture cables
//! plus a hostile one), the JSON API against the CLI's `--format json`, the security headers and
//! guards, escaping; then the real binary: startup, reload on a new commit, refusals.

use crate::serve_support;

use std::net::TcpListener;
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::Router;
use serde_json::Value;
use tower::ServiceExt;

use crate::serve_support::{TempIndex, HOSTILE_CABLE, HOSTILE_ID};
use cables::index::CableIndex;
use cables::serve::{router, AppState, CONTENT_SECURITY_POLICY};

/// The router over a fresh temp index.
struct App {
    files: TempIndex,
    router: Router,
}

struct Answer {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: String,
}

impl Answer {
    fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|value| value.to_str().ok())
            .unwrap_or("")
    }

    fn json(&self) -> Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|error| panic!("not JSON ({error}): {}", self.body))
    }
}

impl App {
    fn new() -> App {
        let files = TempIndex::new();
        let index = CableIndex::open_read_only(&files.index())
            .and_then(CableIndex::with_shared_reader)
            .expect("open the temp index");
        let router = router(AppState::new(
            Arc::new(index),
            vec!["cables.example".to_string()],
        ));
        App { files, router }
    }

    async fn send(&self, method: &str, uri: &str, host: Option<&str>) -> Answer {
        let mut request = Request::builder().method(method).uri(uri);
        if let Some(host) = host {
            request = request.header("host", host);
        }
        let response = self
            .router
            .clone()
            .oneshot(request.body(Body::empty()).expect("a request"))
            .await
            .expect("the router answers");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = axum::body::to_bytes(response.into_body(), 64 * 1024 * 1024)
            .await
            .expect("a body");
        Answer {
            status,
            headers,
            body: String::from_utf8(bytes.to_vec()).expect("UTF-8 body"),
        }
    }

    async fn get(&self, uri: &str) -> Answer {
        self.send("GET", uri, Some("127.0.0.1:7878")).await
    }

    /// What `cables ARGS --index INDEX` prints on stdout.
    fn cli(&self, args: &[&str]) -> String {
        let output = Command::new(env!("CARGO_BIN_EXE_cables"))
            .args(args)
            .arg("--index")
            .arg(self.files.index())
            .output()
            .expect("run cables");
        assert!(
            matches!(output.status.code(), Some(0) | Some(1)),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).expect("UTF-8 output")
    }
}

fn assert_security_headers(answer: &Answer, what: &str) {
    assert_eq!(
        answer.header("content-security-policy"),
        CONTENT_SECURITY_POLICY,
        "{what}"
    );
    assert_eq!(answer.header("x-content-type-options"), "nosniff", "{what}");
    assert_eq!(answer.header("referrer-policy"), "no-referrer", "{what}");
    assert!(answer.headers.get("set-cookie").is_none(), "{what}");
    assert!(
        answer.headers.get("access-control-allow-origin").is_none(),
        "{what}"
    );
}

#[tokio::test]
async fn api_answers_are_the_cli_json_byte_for_byte() {
    let app = App::new();
    let cases: [(&str, &[&str]); 6] = [
        ("q=smuggling", &["search", "smuggling"]),
        (
            "q=*&tag=PGOV&sort=newest",
            &["search", "*", "--tag", "PGOV", "--sort", "newest"],
        ),
        (
            "q=*&facet=tag,origin&facet=year&histogram=year&facet_limit=3",
            &[
                "search",
                "*",
                "--facet",
                "tag,origin,year",
                "--histogram",
                "year",
                "--facet-limit",
                "3",
            ],
        ),
        (
            "q=*&limit=3&offset=2&sort=oldest",
            &[
                "search", "*", "--limit", "3", "--offset", "2", "--sort", "oldest",
            ],
        ),
        (
            "q=relief&from=2006&to=2006-06",
            &["search", "relief", "--from", "2006", "--to", "2006-06"],
        ),
        (
            "q=nothingmatchesthisword",
            &["search", "nothingmatchesthisword"],
        ),
    ];
    for (query, args) in cases {
        let mut full = args.to_vec();
        full.extend(["--format", "json"]);
        let expected = app.cli(&full);
        let answer = app.get(&format!("/api/search?{query}")).await;
        assert_eq!(answer.status, StatusCode::OK, "{query}: {}", answer.body);
        assert_eq!(answer.header("content-type"), "application/json");
        assert_eq!(answer.body, expected, "{query}");
        assert_eq!(
            answer.json(),
            serde_json::from_str::<Value>(&expected).unwrap()
        );
    }

    // show: the same record, less the file path (the server shows no paths).
    let mut expected: Value =
        serde_json::from_str(&app.cli(&["show", "06quito1530", "--format", "json"])).unwrap();
    assert!(expected["path"].is_string());
    expected.as_object_mut().unwrap().remove("path");
    let answer = app.get("/api/cable/06quito1530").await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.json(), expected);
    assert!(!answer.body.contains("\"path\""));
    assert!(!answer.body.contains(app.files.corpus().to_str().unwrap()));
    assert_eq!(answer.json()["cited_by"], serde_json::json!([HOSTILE_ID]));

    let expected = app.cli(&["similar", "06QUITO1530", "--limit", "4", "--format", "json"]);
    let answer = app.get("/api/similar/06QUITO1530?limit=4").await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.body, expected);

    let expected = app.cli(&["stats", "--format", "json"]);
    let answer = app.get("/api/stats").await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.body, expected);
    assert_eq!(answer.json()["cables"], 13);
}

#[tokio::test]
async fn api_errors_are_json_with_status_and_column() {
    let app = App::new();
    let answer = app.get("/api/search?q=smuggling+%22alien").await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    let error = answer.json();
    assert_eq!(error["column"], 11);
    assert!(error["error"].as_str().unwrap().contains("column 11"));
    assert_security_headers(&answer, "api 400");

    let answer = app.get("/api/cable/99NOWHERE1").await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    assert!(answer.json()["error"]
        .as_str()
        .unwrap()
        .contains("99NOWHERE1"));
    assert_eq!(
        app.get("/api/similar/99NOWHERE1").await.status,
        StatusCode::NOT_FOUND
    );

    for bad in [
        "/api/search?q=*&limit=100001",
        "/api/search?q=*&offset=99999&limit=10",
        "/api/search?q=*&from=July",
        "/api/search?q=*&sort=sideways",
        "/api/search?q=*&facet=colour",
    ] {
        let answer = app.get(bad).await;
        assert_eq!(
            answer.status,
            StatusCode::BAD_REQUEST,
            "{bad}: {}",
            answer.body
        );
        assert!(answer.json()["error"].is_string(), "{bad}");
    }
    let long = format!("/api/search?q={}", "a".repeat(10_001));
    let answer = app.get(&long).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert!(
        answer.body.contains("10000") || answer.body.contains("10,000"),
        "{}",
        answer.body
    );
}

#[tokio::test]
async fn search_page_shows_hits_facets_chips_timeline_and_pages() {
    let app = App::new();
    let page = app.get("/search?q=police").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.header("content-type"), "text/html; charset=utf-8");
    assert_security_headers(&page, "search page");
    let api = app.get("/api/search?q=police&facet=tag").await.json();
    let total = api["total"].as_u64().unwrap();
    assert!(total >= 5, "{total}");
    assert!(page.body.contains(&format!("data-total=\"{total}\"")));
    assert!(
        page.body.contains("<mark>police</mark>") || page.body.contains("<mark>Police</mark>"),
        "snippets are highlighted"
    );
    for facet in ["tag", "origin", "classification", "year", "official"] {
        assert!(
            page.body.contains(&format!("data-facet=\"{facet}\"")),
            "{facet} panel"
        );
    }
    // Facet values are links that add a filter; tag codes come with their meanings.
    let top_tag = api["facets"]["tag"][0]["value"]
        .as_str()
        .unwrap()
        .to_string();
    let top_count = api["facets"]["tag"][0]["count"].as_u64().unwrap();
    assert!(page
        .body
        .contains(&format!("href=\"/search?q=police&amp;tag={top_tag}\"")));
    let meaning = cables::topics::tag_meaning(&top_tag).expect("a known tag");
    assert!(page
        .body
        .contains(&format!("<span class=\"meaning\">{meaning}</span>")));
    // The timeline is an SVG of links.
    assert!(page.body.contains("<svg"));
    assert!(page
        .body
        .contains("<a class=\"bar\" href=\"/search?q=police&amp;from="));
    // Hits link to the cable page with their rank.
    let first = api["hits"][0]["id"].as_str().unwrap();
    assert!(page
        .body
        .contains(&format!("/cable/{first}?q=police&amp;r=0")));
    assert!(!page.body.contains("style=\""), "no inline style");
    assert!(!page.body.contains("<script>"), "no inline script");

    // A filter shows as a chip that removes it, and narrows the count.
    let filtered = app.get(&format!("/search?q=police&tag={top_tag}")).await;
    assert_eq!(filtered.status, StatusCode::OK);
    assert!(filtered.body.contains("class=\"chip\""));
    assert!(filtered.body.contains(&format!("tag: {top_tag}")));
    assert!(filtered
        .body
        .contains("href=\"/search?q=police\" title=\"Remove this filter\""));
    assert!(filtered
        .body
        .contains(&format!("data-total=\"{top_count}\"")));

    // A short range is drawn by month; bars set the range.
    let monthly = app.get("/search?q=*&from=2006&to=2006").await;
    assert!(
        monthly.body.contains("data-bucket=\"2006-05\""),
        "months for one year"
    );
    assert!(monthly.body.contains("Matches per month"));

    // Browsing everything, sorting and paging.
    let home = app.get("/").await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(home.body.contains("data-total=\"13\""));
    assert!(home.body.contains("id=\"q\""));
    let newest = app.get("/search?q=*&sort=newest").await;
    let first_id = app.get("/api/search?q=*&sort=newest&limit=1").await.json()["hits"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let first_hit = newest.body.find("class=\"hit\"").unwrap();
    assert!(newest.body[first_hit..].contains(&first_id));
    // 13 cables make two pages of 10; an empty page past the end says so.
    assert!(home.body.contains("class=\"pages\""));
    assert!(home.body.contains("href=\"/search?page=2\""));
    let second = app.get("/search?page=2").await;
    assert_eq!(second.body.matches("class=\"hit\"").count(), 3);
    assert!(second.body.contains("<ol class=\"hits\" start=\"11\">"));
    let beyond = app.get("/search?q=*&page=5").await;
    assert_eq!(beyond.status, StatusCode::OK);
    assert!(beyond.body.contains("No hits on this page"));
    let too_deep = app.get("/search?q=*&page=100000").await;
    assert_eq!(too_deep.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn bad_queries_get_a_400_page_naming_the_column() {
    let app = App::new();
    let page = app.get("/search?q=smuggling+%22alien").await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert_eq!(page.header("content-type"), "text/html; charset=utf-8");
    assert!(page.body.contains("column 11"), "{}", page.body);
    assert!(page.body.contains("<strong>11</strong>"));
    // The query stays in the box to be fixed.
    assert!(page.body.contains("value=\"smuggling &quot;alien\""));
    assert_security_headers(&page, "400 page");
    let page = app.get("/search?q=*&from=July").await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(page.body.contains("YYYY-MM-DD"));
}

#[tokio::test]
async fn cable_page_shows_metadata_citations_similar_and_marked_body() {
    let app = App::new();
    let page = app.get("/cable/06QUITO1530?q=relief+supplies&r=0").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_security_headers(&page, "cable page");
    let body = &page.body;
    assert!(body.contains("PROVINCIAL MAYORS COMPLAIN ABOUT RELIEF SUPPLIES"));
    assert!(body.contains("Embassy Quito"));
    assert!(body.contains("CONFIDENTIAL//NOFORN"));
    // Officials with titles, tags with meanings.
    assert!(body.contains("Ana Whitfield"));
    assert!(body.contains("class=\"title\""), "an official's title");
    assert!(body.contains(">PGOV</a>"));
    assert!(body.contains("class=\"meaning\""));
    // Cites and cited-by as links (within the same search).
    assert!(body.contains("href=\"/cable/06QUITO1402?q=relief+supplies\""));
    assert!(body.contains("href=\"/cable/05QUITO201?q=relief+supplies\""));
    let cited_by = &body[body.find("id=\"cited-by\"").unwrap()..];
    assert!(cited_by.contains(&format!("/cable/{HOSTILE_ID}")));
    assert!(body.contains("id=\"similar\""));
    // The query's words are marked in the body (stemmed: "relief", "supplies").
    let text = &body[body.find("id=\"body\"").unwrap()..];
    assert!(text.contains("<mark>relief</mark>"));
    assert!(text.contains("<mark>supplies</mark>"));
    // Previous/next within the list the cable was opened from; no path shown.
    assert!(body.contains("Back to results"));
    let list = app
        .get("/api/search?q=relief+supplies&limit=2")
        .await
        .json();
    if list["total"].as_u64().unwrap() > 1 && list["hits"][0]["id"] == "06QUITO1530" {
        let second = list["hits"][1]["id"].as_str().unwrap();
        assert!(body.contains(&format!("/cable/{second}?q=relief+supplies&amp;r=1")));
    }
    assert!(!body.contains(app.files.corpus().to_str().unwrap()));

    let second = app.get("/cable/06QUITO1530?q=relief&r=1").await;
    assert!(second.body.contains("id=\"previous\""));

    // Unknown IDs are a 404 page; IDs match in any case.
    let missing = app.get("/cable/99NOWHERE1").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(missing.body.contains("99NOWHERE1"));
    assert_security_headers(&missing, "404 page");
    assert_eq!(app.get("/cable/06quito1530").await.status, StatusCode::OK);
    assert_eq!(app.get("/no/such/page").await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn cable_text_with_markup_is_escaped_everywhere() {
    let app = App::new();
    assert!(HOSTILE_CABLE.contains("<script>") && HOSTILE_CABLE.contains("</pre>"));
    let pages = [
        app.get(&format!("/cable/{HOSTILE_ID}?q=tarpaulin")).await,
        app.get("/search?q=tarpaulin").await,
        app.get("/search?q=%3Cscript%3Ealert(1)%3C/script%3E").await,
    ];
    for page in &pages {
        assert!(!page.body.contains("<script>alert"), "{}", page.body);
        assert!(!page.body.contains("<img src=x"));
        assert!(!page.body.contains("</pre><b>"));
        assert!(!page.body.contains("AT&T"));
        assert_security_headers(page, "hostile");
    }
    let cable = &pages[0].body;
    assert!(cable.contains("AT&amp;T &lt;script&gt;alert('subject')&lt;/script&gt;"));
    assert!(cable.contains("here &lt;/pre&gt;&lt;b&gt;bold&lt;/b&gt; &amp; the rest"));
    assert!(cable.contains("<mark>tarpaulin</mark>"));
    // Exactly the page's own <pre> elements close.
    assert_eq!(
        cable.matches("<pre").count(),
        cable.matches("</pre>").count()
    );
    assert!(pages[1].body.contains("AT&amp;T"));
    // The query echoed back is escaped too.
    assert!(pages[2]
        .body
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
}

#[tokio::test]
async fn exports_stream_the_whole_result_set_like_the_cli() {
    let app = App::new();
    for (path, format) in [("/search.csv", "csv"), ("/search.jsonl", "jsonl")] {
        for (query, args) in [
            ("q=*", vec!["search", "*"]),
            (
                "q=police&sort=oldest",
                vec!["search", "police", "--sort", "oldest"],
            ),
            ("q=*&tag=PGOV", vec!["search", "*", "--tag", "PGOV"]),
        ] {
            let mut full = args.clone();
            full.extend(["--all", "--format", format]);
            let expected = app.cli(&full);
            let answer = app.get(&format!("{path}?{query}")).await;
            assert_eq!(answer.status, StatusCode::OK, "{path}?{query}");
            assert_eq!(answer.body, expected, "{path}?{query}");
            assert!(answer
                .header("content-disposition")
                .starts_with("attachment"));
            assert_security_headers(&answer, path);
        }
    }
    let csv = app.get("/search.csv?q=*").await;
    assert_eq!(csv.header("content-type"), "text/csv; charset=utf-8");
    assert_eq!(csv.body.lines().count(), 1 + 13, "header and every cable");
    let bad = app.get("/search.csv?q=%22open").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.body.contains("column"));
}

#[tokio::test]
async fn only_get_and_head_from_known_hosts_are_answered() {
    let app = App::new();
    for host in [
        "127.0.0.1:7878",
        "localhost",
        "LOCALHOST:1",
        "[::1]:8080",
        "cables.example",
    ] {
        let answer = app.send("GET", "/api/stats", Some(host)).await;
        assert_eq!(answer.status, StatusCode::OK, "{host}");
    }
    for host in [
        "evil.example",
        "127.0.0.1.evil.example:7878",
        "cables.example.evil",
    ] {
        let answer = app.send("GET", "/", Some(host)).await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{host}");
        assert_security_headers(&answer, "403");
    }
    assert_eq!(
        app.send("GET", "/", None).await.status,
        StatusCode::FORBIDDEN
    );
    for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"] {
        let answer = app.send(method, "/api/search?q=*", Some("localhost")).await;
        assert_eq!(answer.status, StatusCode::METHOD_NOT_ALLOWED, "{method}");
        assert_eq!(answer.header("allow"), "GET, HEAD");
        assert_security_headers(&answer, method);
    }
    let head = app
        .send("HEAD", "/search?q=relief", Some("localhost"))
        .await;
    assert_eq!(head.status, StatusCode::OK);
    assert!(head.body.is_empty());
    assert_security_headers(&head, "HEAD");
}

#[tokio::test]
async fn assets_are_served_from_the_binary() {
    let app = App::new();
    let css = app.get("/assets/style.css").await;
    assert_eq!(css.status, StatusCode::OK);
    assert_eq!(css.header("content-type"), "text/css; charset=utf-8");
    assert!(css.body.contains(".layout"));
    assert!(!css.body.contains("http"), "no external assets");
    let js = app.get("/assets/app.js").await;
    assert_eq!(js.header("content-type"), "text/javascript; charset=utf-8");
    assert!(js.body.contains("securitypolicyviolation"));
    assert!(!js.body.contains("http"), "no external assets");
    let page = app.get("/").await;
    assert!(page
        .body
        .contains("<script src=\"/assets/app.js\" defer></script>"));
    assert!(page
        .body
        .contains("<link rel=\"stylesheet\" href=\"/assets/style.css\">"));
    assert!(!page.body.contains("https://") && !page.body.contains("http://"));
    // No corpus or index file is reachable.
    for path in [
        "/corpus/hostile.txt",
        "/index/meta.json",
        "/assets/../Cargo.toml",
        "/assets/x",
    ] {
        assert_eq!(app.get(path).await.status, StatusCode::NOT_FOUND, "{path}");
    }
}

#[test]
fn the_binary_serves_on_a_free_port_and_sees_new_commits() {
    let files = TempIndex::new();
    let server = serve_support::ServeProcess::start(&files.index());
    assert!(server.address.ip().is_loopback());
    let stats = server.get("/api/stats");
    assert_eq!(stats.status, 200);
    assert_eq!(
        stats.header("content-security-policy"),
        Some(CONTENT_SECURITY_POLICY)
    );
    let before: Value = serde_json::from_str(&stats.body).unwrap();
    assert_eq!(before["cables"], 13);
    assert_eq!(
        serve_support::http_get(server.address, "/", "evil.example").status,
        403
    );

    // A new cable indexed while the server runs shows up without a restart.
    let extra = HOSTILE_CABLE
        .replace("08QUITO999", "08QUITO1000")
        .replace("000999", "001000");
    std::fs::write(files.corpus().join("extra.txt"), extra).unwrap();
    files.reindex();
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let now: Value = serde_json::from_str(&server.get("/api/stats").body).unwrap();
        if now["cables"] == 14 {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the server never saw the new commit"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    assert_eq!(server.get("/cable/08QUITO1000").status, 200);
}

#[test]
fn serve_refuses_remote_addresses_busy_ports_and_missing_indexes() {
    let files = TempIndex::new();
    let index = files.index();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_cables"))
            .arg("serve")
            .args(args)
            .output()
            .expect("run cables serve")
    };
    // Refused before anything is bound.
    let output = run(&["--bind", "0.0.0.0:0", "--index", index.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("--allow-remote"), "{stderr}");
    assert!(stderr.contains("not a loopback address"), "{stderr}");

    let busy = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = busy.local_addr().unwrap().to_string();
    let output = run(&["--bind", &address, "--index", index.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!("cannot listen on {address}")),
        "{stderr}"
    );

    let nowhere = files.dir.path().join("no-index-here");
    let output = run(&[
        "--bind",
        "127.0.0.1:0",
        "--index",
        nowhere.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no index at"));
}
