//! Helpers for the `cables serve` tests: a temp corpus with a hostile cable, its index, a
//! running `cables serve` process (killed on drop) and a tiny HTTP/1.1 client for loopback.
#![allow(dead_code)] // each test crate uses its own subset

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use tempfile::TempDir;

/// A cable written for these tests (not a real one): its subject and body hold markup and
/// ampersands that every page must escape, and it cites a fixture cable.
pub const HOSTILE_ID: &str = "08QUITO999";
pub const HOSTILE_CABLE: &str = "Reference ID\tCreated\tReleased\tClassification\tOrigin
08QUITO999\t2008-05-02 10:00\t2011-08-30 01:44\tUNCLASSIFIED\tEmbassy Quito

VZCZCXYZ0999
FM AMEMBASSY QUITO
TO RUEHC/SECSTATE WASHDC PRIORITY 0999

UNCLAS QUITO 000999

E.O. 12958: N/A
TAGS: ECON EC
SUBJECT: AT&T <script>alert('subject')</script> TARPAULIN CONTRACT

REF: 06 QUITO 1530

¶1. The AT&T tarpaulin contract <script>alert('body')</script> was
signed; the annex ends here </pre><b>bold</b> & the rest <img src=x onerror=alert(1)>.

¶2. Post will follow the tarpaulin deliveries.

KENNEY
";

/// A corpus (the fixture cables plus the hostile one) and its index, in a temp dir.
pub struct TempIndex {
    pub dir: TempDir,
}

impl TempIndex {
    pub fn new() -> TempIndex {
        let dir = TempDir::new().expect("temp dir");
        let corpus = dir.path().join("corpus");
        copy_tree(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cables"),
            &corpus,
        );
        std::fs::write(corpus.join("hostile.txt"), HOSTILE_CABLE).expect("write the hostile cable");
        let index = TempIndex { dir };
        index.reindex();
        index
    }

    pub fn corpus(&self) -> PathBuf {
        self.dir.path().join("corpus")
    }

    pub fn index(&self) -> PathBuf {
        self.dir.path().join("index")
    }

    /// Runs `cables index` over the corpus (the fixtures hold two broken files: exit 3).
    pub fn reindex(&self) {
        let output = Command::new(env!("CARGO_BIN_EXE_cables"))
            .arg("index")
            .arg(self.corpus())
            .arg("--index")
            .arg(self.index())
            .output()
            .expect("run cables index");
        assert!(
            matches!(output.status.code(), Some(0) | Some(3)),
            "cables index failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

impl Default for TempIndex {
    fn default() -> TempIndex {
        TempIndex::new()
    }
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create dir");
    for entry in std::fs::read_dir(from).expect("read fixtures") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy fixture");
        }
    }
}

/// A running `cables serve`, killed when dropped.
pub struct ServeProcess {
    child: Child,
    pub address: SocketAddr,
    /// Every stderr line after the `listening on` one.
    pub stderr: mpsc::Receiver<String>,
}

impl ServeProcess {
    /// Starts `cables serve --bind 127.0.0.1:0 --index INDEX` and waits for its address.
    pub fn start(index: &Path) -> ServeProcess {
        let mut child = Command::new(env!("CARGO_BIN_EXE_cables"))
            .arg("serve")
            .arg("--bind")
            .arg("127.0.0.1:0")
            .arg("--index")
            .arg(index)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start cables serve");
        let stderr = child.stderr.take().expect("piped stderr");
        let (sender, receiver) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if sender.send(line).is_err() {
                    break;
                }
            }
        });
        let mut seen = Vec::new();
        let address = loop {
            match receiver.recv_timeout(Duration::from_secs(60)) {
                Ok(line) => {
                    if let Some(rest) = line.strip_prefix("listening on http://") {
                        break rest.trim().parse().expect("a socket address");
                    }
                    seen.push(line);
                }
                Err(_) => {
                    let _ = child.kill();
                    panic!("cables serve did not start; stderr: {seen:?}");
                }
            }
        };
        ServeProcess {
            child,
            address,
            stderr: receiver,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.address)
    }

    pub fn get(&self, path: &str) -> HttpResponse {
        http_get(self.address, path, "127.0.0.1")
    }
}

impl Drop for ServeProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What the tiny client read.
#[derive(Debug)]
pub struct HttpResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl HttpResponse {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}

/// One GET over a fresh connection (`Connection: close`), with this Host header.
pub fn http_get(address: SocketAddr, path: &str, host: &str) -> HttpResponse {
    let mut stream = TcpStream::connect(address).expect("connect to the server");
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .expect("timeout");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .expect("send the request");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read the response");
    parse_response(&raw)
}

fn parse_response(raw: &[u8]) -> HttpResponse {
    let split = raw
        .windows(4)
        .position(|window| window == b"\r\n\r\n")
        .expect("a complete response head");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|line| line.split_whitespace().nth(1))
        .and_then(|code| code.parse().ok())
        .expect("a status line");
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(key, value)| (key.trim().to_string(), value.trim().to_string()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    let chunked = headers.iter().any(|(key, value)| {
        key.eq_ignore_ascii_case("transfer-encoding") && value.eq_ignore_ascii_case("chunked")
    });
    if chunked {
        body = dechunk(&body);
    }
    HttpResponse {
        status,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    }
}

fn dechunk(mut raw: &[u8]) -> Vec<u8> {
    let mut body = Vec::new();
    loop {
        let Some(end) = raw.windows(2).position(|window| window == b"\r\n") else {
            return body;
        };
        let size_text = String::from_utf8_lossy(&raw[..end]);
        let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16)
            .unwrap_or(0);
        if size == 0 {
            return body;
        }
        let start = end + 2;
        let stop = (start + size).min(raw.len());
        body.extend_from_slice(&raw[start..stop]);
        raw = raw.get(stop + 2..).unwrap_or_default();
    }
}
