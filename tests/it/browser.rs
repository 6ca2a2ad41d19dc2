//! `cables serve` in a real browser: headless Chromium driven over WebDriver (chromedriver)
//! with fantoccini. Searches, clicks a facet and a timeline bar, uses the keyboard, opens a
//! cable, follows a citation both ways, goes back, and checks that no page logged a console
//! error or a Content-Security-Policy violation.
//!
//! Needs Debian's `chromium` and `chromium-driver` (`.ci/run` installs them); without
//! `/usr/bin/chromedriver` the test fails with that message rather than passing silently.

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::wd::{Capabilities, WebDriverCompatibleCommand};
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};
use tempfile::TempDir;

use crate::serve_support::{ServeProcess, TempIndex, HOSTILE_ID};

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";

/// chromedriver, killed when dropped (which also ends the browsers it started).
struct Driver {
    child: Child,
    address: SocketAddr,
}

impl Driver {
    fn start() -> Driver {
        assert!(
            Path::new(CHROMEDRIVER).is_file() && Path::new(CHROMIUM).is_file(),
            "the browser test needs chromium and chromium-driver: \
             apt-get update && apt-get install -y chromium chromium-driver"
        );
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .expect("a free port")
            .port();
        let child = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let address = SocketAddr::from(([127, 0, 0, 1], port));
        let driver = Driver { child, address };
        let deadline = Instant::now() + Duration::from_secs(30);
        while TcpStream::connect(address).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        driver
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// chromedriver's log endpoint: what the page wrote to the console (errors, CSP reports).
#[derive(Debug)]
struct BrowserLog;

impl WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/se/log",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (axum::http::Method, Option<String>) {
        (
            axum::http::Method::POST,
            Some(json!({"type": "browser"}).to_string()),
        )
    }
}

type Step<T> = Result<T, String>;

fn fail<E: std::fmt::Display>(what: &str) -> impl FnOnce(E) -> String + '_ {
    move |error| format!("{what}: {error}")
}

struct Browser<'a> {
    client: Client,
    server: &'a ServeProcess,
}

impl Browser<'_> {
    async fn goto(&self, path: &str) -> Step<()> {
        self.client
            .goto(&self.server.url(path))
            .await
            .map_err(fail(path))?;
        self.check_page(path).await
    }

    async fn text(&self, css: &str) -> Step<String> {
        let element = self
            .client
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css(css))
            .await
            .map_err(fail(css))?;
        element.text().await.map_err(fail(css))
    }

    async fn attr(&self, css: &str, name: &str) -> Step<String> {
        let element = self
            .client
            .find(Locator::Css(css))
            .await
            .map_err(fail(css))?;
        element
            .attr(name)
            .await
            .map_err(fail(css))?
            .ok_or_else(|| format!("{css} has no {name}"))
    }

    /// Clicks the first element matching `css` and waits for the URL to contain `expected`.
    async fn click(&self, css: &str, expected: &str) -> Step<()> {
        let element = self
            .client
            .find(Locator::Css(css))
            .await
            .map_err(fail(css))?;
        element.click().await.map_err(fail(css))?;
        self.wait_for_url(expected).await?;
        self.check_page(css).await
    }

    async fn wait_for_url(&self, expected: &str) -> Step<()> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let url = self.client.current_url().await.map_err(fail("url"))?;
            if url.as_str().contains(expected) {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err(format!("expected a URL with {expected:?}, at {url}"));
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    async fn total(&self) -> Step<u64> {
        self.attr("#total", "data-total")
            .await?
            .parse()
            .map_err(fail("data-total"))
    }

    async fn cable_id(&self) -> Step<String> {
        self.text("#cable-id").await
    }

    /// After every page: the script ran, nothing was blocked, nothing logged an error.
    async fn check_page(&self, what: &str) -> Step<()> {
        self.check_page_with(what, false).await
    }

    /// The same for an error page, whose own status the browser logs as a network error.
    async fn check_error_page(&self, what: &str) -> Step<()> {
        self.check_page_with(what, true).await
    }

    async fn check_page_with(&self, what: &str, error_status: bool) -> Step<()> {
        self.client
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css("html[data-keys='ready']"))
            .await
            .map_err(fail(&format!("{what}: app.js did not run")))?;
        let violations = self
            .client
            .execute(
                "return document.documentElement.dataset.cspViolations + ' ' + \
                 (document.documentElement.dataset.cspLast || '')",
                vec![],
            )
            .await
            .map_err(fail("csp"))?;
        if violations.as_str().map(str::trim) != Some("0") {
            return Err(format!("{what}: CSP violations: {violations}"));
        }
        let log = self
            .client
            .issue_cmd(BrowserLog)
            .await
            .map_err(fail("browser log"))?;
        let problems: Vec<&Value> = log
            .as_array()
            .map(|entries| {
                entries
                    .iter()
                    .filter(|entry| entry["level"] != "INFO" && entry["level"] != "DEBUG")
                    .filter(|entry| !(error_status && entry["source"] == "network"))
                    .collect()
            })
            .unwrap_or_default();
        if !problems.is_empty() {
            return Err(format!("{what}: console messages: {problems:?}"));
        }
        Ok(())
    }
}

async fn walk_through(browser: &Browser<'_>) -> Step<()> {
    let client = &browser.client;

    // Search, from the query box.
    browser.goto("/").await?;
    let everything = browser.total().await?;
    let form = client
        .form(Locator::Css("form.search"))
        .await
        .map_err(fail("form"))?;
    form.set_by_name("q", "police")
        .await
        .map_err(fail("type"))?;
    form.submit().await.map_err(fail("submit"))?;
    browser.wait_for_url("q=police").await?;
    browser.check_page("search").await?;
    let matches = browser.total().await?;
    if matches == 0 || matches >= everything {
        return Err(format!("police matched {matches} of {everything}"));
    }

    // Keyboard: j selects the first hit, / focuses the query box.
    client
        .find(Locator::Css("body"))
        .await
        .map_err(fail("body"))?
        .send_keys("j")
        .await
        .map_err(fail("j"))?;
    browser.text("li.hit.current").await?;
    client
        .find(Locator::Css("body"))
        .await
        .map_err(fail("body"))?
        .send_keys("/")
        .await
        .map_err(fail("/"))?;
    let focused = client
        .execute("return document.activeElement.id", vec![])
        .await
        .map_err(fail("focus"))?;
    if focused != json!("q") {
        return Err(format!("/ focused {focused}"));
    }

    // A facet value narrows to its count and shows as a chip.
    let facet = "section.facet[data-facet='tag'] li a";
    let tag = browser.text(&format!("{facet} .value")).await?;
    let tag = tag.lines().next().unwrap_or_default().trim().to_string();
    let count: u64 = browser
        .text(&format!("{facet} .count"))
        .await?
        .replace(',', "")
        .parse()
        .map_err(fail("facet count"))?;
    browser.click(facet, &format!("tag={tag}")).await?;
    if browser.total().await? != count {
        return Err(format!("tag {tag}: facet said {count}"));
    }
    let chip = browser.text("li.chip").await?;
    if !chip.contains(&format!("tag: {tag}")) {
        return Err(format!("chip reads {chip:?}"));
    }
    // Removing the chip restores the count.
    browser.click("li.chip a.remove", "q=police").await?;
    if browser.total().await? != matches {
        return Err("removing the chip did not restore the count".to_string());
    }

    // A timeline bar sets the date range.
    let bars = client
        .find_all(Locator::Css("a.bar"))
        .await
        .map_err(fail("bars"))?;
    let mut clicked = None;
    for bar in bars {
        let title = bar
            .find(Locator::Css("title"))
            .await
            .map_err(fail("bar title"))?
            .html(true)
            .await
            .map_err(fail("bar title"))?;
        let Some((bucket, count)) = title.split_once(": ") else {
            continue;
        };
        let count: u64 = count.replace(',', "").trim().parse().unwrap_or(0);
        if count > 0 {
            clicked = Some((bucket.to_string(), count));
            bar.click().await.map_err(fail("bar"))?;
            break;
        }
    }
    let (bucket, count) = clicked.ok_or("no timeline bar with matches")?;
    browser.wait_for_url(&format!("to={bucket}")).await?;
    browser.check_page("timeline").await?;
    if browser.total().await? != count {
        return Err(format!("bar {bucket} said {count}"));
    }
    if !browser
        .text("ul.chips")
        .await?
        .contains(&format!("from: {bucket}"))
    {
        return Err("no date chip".to_string());
    }

    // Open a cable from a hit, follow a reference and a cited-by link, then go back.
    browser.goto("/search?q=mayors+tarpaulins").await?;
    browser.click("a.hit-link", "/cable/06QUITO1530").await?;
    if browser.cable_id().await? != "06QUITO1530" {
        return Err("opened the wrong cable".to_string());
    }
    let marked = browser.text("#body mark").await?;
    if !marked.eq_ignore_ascii_case("mayors") && !marked.eq_ignore_ascii_case("tarpaulins") {
        return Err(format!("marked {marked:?}"));
    }
    browser
        .click("#cites a[href^='/cable/06QUITO1402']", "/cable/06QUITO1402")
        .await?;
    if browser.cable_id().await? != "06QUITO1402" {
        return Err("the reference led elsewhere".to_string());
    }
    browser
        .click(
            "#cited-by a[href^='/cable/06QUITO1530']",
            "/cable/06QUITO1530",
        )
        .await?;
    browser
        .click(
            &format!("#cited-by a[href^='/cable/{HOSTILE_ID}']"),
            &format!("/cable/{HOSTILE_ID}"),
        )
        .await?;
    // The hostile cable's markup is text, not elements.
    let body = browser.text("#body").await?;
    if !body.contains("<script>alert('body')</script>") {
        return Err(format!("body text: {body}"));
    }
    let scripts = client
        .execute(
            "return [document.scripts.length, document.querySelectorAll('#body img, #body b').length]",
            vec![],
        )
        .await
        .map_err(fail("scripts"))?;
    if scripts != json!([1, 0]) {
        return Err(format!("scripts and injected elements: {scripts}"));
    }
    for expected in ["06QUITO1530", "06QUITO1402", "06QUITO1530"] {
        client.back().await.map_err(fail("back"))?;
        browser.wait_for_url(&format!("/cable/{expected}")).await?;
        if browser.cable_id().await? != expected {
            return Err(format!("back did not return to {expected}"));
        }
    }
    client.back().await.map_err(fail("back"))?;
    browser.wait_for_url("q=mayors").await?;
    browser.check_page("back to the search").await?;

    // Errors are pages too, and keep the query.
    let bad = "/search?q=smuggling+%22alien";
    client
        .goto(&browser.server.url(bad))
        .await
        .map_err(fail(bad))?;
    browser.check_error_page(bad).await?;
    if !browser.text("section.message").await?.contains("column 11") {
        return Err("the query error does not name the column".to_string());
    }
    Ok(())
}

fn capabilities(profile: &Path) -> Capabilities {
    let value = json!({
        "browserName": "chrome",
        "goog:loggingPrefs": {"browser": "ALL"},
        "goog:chromeOptions": {
            "binary": CHROMIUM,
            "args": [
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--window-size=1280,900",
                format!("--user-data-dir={}", profile.display()),
            ],
        },
    });
    match value {
        Value::Object(map) => map,
        _ => Capabilities::new(),
    }
}

fn failure_screenshot_path() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-failure.png")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reader_searches_narrows_and_follows_citations_in_a_real_browser() {
    let files = TempIndex::new();
    let server = ServeProcess::start(&files.index());
    let driver = Driver::start();
    let profile = TempDir::new().expect("a browser profile dir");
    let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(capabilities(profile.path()))
        .connect(&format!("http://{}", driver.address))
        .await
        .expect("a browser session");
    let browser = Browser {
        client,
        server: &server,
    };
    let outcome = walk_through(&browser).await;
    if outcome.is_err() {
        if let Ok(png) = browser.client.screenshot().await {
            let _ = std::fs::write(failure_screenshot_path(), png);
        }
    }
    let _ = browser.client.close().await;
    drop(driver);
    if let Err(message) = outcome {
        panic!(
            "{message}\n(screenshot: {})",
            failure_screenshot_path().display()
        );
    }
}
