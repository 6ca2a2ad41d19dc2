//! Synthetic corpus: a deterministic, Cablegate-scale generator of realistic cables and their
//! manifest. `mod.rs` is the driver; the seed draws a `model` (origins, people from `names`,
//! vocabulary from `tables`) and per-corpus `meta` (dates, serials), then `render` writes each
//! cable from its own `random` stream, so output is byte-identical for a (count, seed).

/// A word list of `data/synth/`, one entry per line, in file order.
macro_rules! list {
    ($file:literal) => {
        LazyLock::new(|| {
            include_str!(concat!("../../data/synth/", $file))
                .lines()
                .collect()
        })
    };
}

mod meta;
mod model;
mod names;
mod random;
mod render;
mod tables;

use std::fs;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use chrono::Datelike;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use meta::{datetime, Meta};
use model::Model;
use render::render;

/// What [`generate`] writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SynthFormat {
    /// A folder: one page-text file per cable (`cables/YYYY/MM/<ID>.txt`) and `manifest.jsonl`.
    #[default]
    Files,
    /// One JSON Lines file (the layout `cables index` reads): per cable, the page's metadata
    /// (`id`, `created`, `released`, `classification`, `origin`) and, as `body`, the page's
    /// telegram, routing lines included; no manifest.
    Jsonl,
}

choices!(SynthFormat {
    SynthFormat::Files => "files",
    SynthFormat::Jsonl => "jsonl",
});

/// Options for [`generate`].
#[derive(Debug, Clone)]
pub struct SynthOptions {
    /// Output directory (`cables/` and `manifest.jsonl` are created inside it), or the JSON
    /// Lines file for [`SynthFormat::Jsonl`].
    pub out: PathBuf,
    /// Number of cables to write.
    pub count: usize,
    /// Seed; the same (count, seed) always yields byte-identical output, and the same cables
    /// in either format.
    pub seed: u64,
    /// A folder of files, or one JSON Lines file.
    pub format: SynthFormat,
}

/// What [`generate`] produced.
#[derive(Debug, Clone)]
pub struct SynthSummary {
    /// Cables written.
    pub cables: usize,
    /// Total bytes of all cable files (the manifest is not counted), or of the JSON Lines file.
    pub bytes: u64,
    /// Wall-clock seconds spent.
    pub seconds: f64,
}

/// Errors from generating or reading a synthetic corpus; each names the path involved.
#[derive(Debug, thiserror::Error)]
pub enum SynthError {
    /// A filesystem operation failed.
    #[error("I/O error on {path}")]
    Io {
        /// The file or directory being accessed.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A manifest entry could not be serialized.
    #[error("cannot serialize manifest entry for {path}")]
    Serialize {
        /// The manifest being written.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: serde_json::Error,
    },
    /// A manifest line could not be parsed.
    #[error("malformed manifest line {line} in {path}")]
    Manifest {
        /// The manifest being read.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// The underlying error.
        #[source]
        source: serde_json::Error,
    },
}

/// One manifest line: the ground truth about one generated cable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestEntry {
    /// Reference ID, e.g. `09SANSALVADOR708`.
    pub id: String,
    /// File path relative to the output directory.
    pub path: String,
    /// Creation time, `YYYY-MM-DDTHH:MM:00Z`.
    pub created: String,
    /// Release time, same format.
    pub released: String,
    /// Classification as in the header, e.g. `CONFIDENTIAL//NOFORN`.
    pub classification: String,
    /// Origin display name, e.g. `Embassy Guatemala`.
    pub origin: String,
    /// TAGS codes in the order written (subject codes, then the country code).
    pub tags: Vec<String>,
    /// Display names of the people the cable mentions (Classified By first).
    pub officials: Vec<String>,
    /// Subject line, unwrapped.
    pub subject: String,
    /// IDs of the earlier cables cited on the REF line.
    pub refs: Vec<String>,
    /// Planted test markers: tokens, `amber falcon protocol`, or `amber-falcon-scattered`.
    pub markers: Vec<String>,
}

/// Cables rendered per parallel batch; bounds memory while keeping manifest order.
const BATCH: usize = 8192;

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> SynthError + '_ {
    move |source| SynthError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Writes `count` cables under `out/cables/YYYY/MM/<ID>.txt` and `out/manifest.jsonl`, or as
/// the one JSON Lines file `out` ([`SynthOptions::format`]). `progress` is called with the
/// number of cables written so far (from any thread; may be called often).
pub fn generate(
    opts: &SynthOptions,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<SynthSummary, SynthError> {
    let start = Instant::now();
    let model = Model::new(opts.seed);
    let meta = Meta::new(&model, opts.count, opts.seed);
    let bytes = match opts.format {
        SynthFormat::Files => write_files(opts, &model, &meta, progress)?,
        SynthFormat::Jsonl => write_jsonl(opts, &model, &meta, progress)?,
    };
    Ok(SynthSummary {
        cables: opts.count,
        bytes,
        seconds: start.elapsed().as_secs_f64(),
    })
}

/// One line of [`SynthFormat::Jsonl`]: the page's metadata row and its telegram.
#[derive(Serialize)]
struct JsonlCable<'a> {
    id: &'a str,
    created: &'a str,
    released: &'a str,
    classification: &'a str,
    origin: &'a str,
    body: &'a str,
}

/// The telegram of a rendered page: what follows its two metadata rows.
fn page_telegram(page: &str) -> &str {
    page.splitn(3, '\n').nth(2).unwrap_or_default()
}

/// [`SynthFormat::Jsonl`]: the cables of [`write_files`], one JSON object per line, in the
/// manifest's order; returns the bytes written.
fn write_jsonl(
    opts: &SynthOptions,
    model: &Model,
    meta: &Meta,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<u64, SynthError> {
    let path = &opts.out;
    if let Some(parent) = path
        .parent()
        .filter(|parent| !parent.as_os_str().is_empty())
    {
        fs::create_dir_all(parent).map_err(io_err(parent))?;
    }
    let file = fs::File::create(path).map_err(io_err(path))?;
    let mut out = BufWriter::with_capacity(1 << 20, file);
    let done = AtomicU64::new(0);
    let mut bytes = 0u64;
    for batch_start in (0..opts.count).step_by(BATCH) {
        let batch_end = (batch_start + BATCH).min(opts.count);
        let lines: Vec<Result<String, SynthError>> = (batch_start..batch_end)
            .into_par_iter()
            .map_init(
                || String::with_capacity(64 * 1024),
                |buf, i| {
                    let entry = render(model, meta, opts.seed, i, buf);
                    let line = serde_json::to_string(&JsonlCable {
                        id: &entry.id,
                        created: &entry.created,
                        released: &entry.released,
                        classification: &entry.classification,
                        origin: &entry.origin,
                        body: page_telegram(buf),
                    })
                    .map_err(|source| SynthError::Serialize {
                        path: path.clone(),
                        source,
                    })?;
                    progress(done.fetch_add(1, Ordering::Relaxed) + 1);
                    Ok(line)
                },
            )
            .collect();
        for line in lines {
            let line = line?;
            bytes += line.len() as u64 + 1;
            out.write_all(line.as_bytes())
                .and_then(|_| out.write_all(b"\n"))
                .map_err(io_err(path))?;
        }
    }
    out.flush().map_err(io_err(path))?;
    Ok(bytes)
}

/// [`SynthFormat::Files`]: one page-text file per cable and the manifest; returns the bytes of
/// the cable files.
fn write_files(
    opts: &SynthOptions,
    model: &Model,
    meta: &Meta,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<u64, SynthError> {
    fs::create_dir_all(&opts.out).map_err(io_err(&opts.out))?;
    let mut months: Vec<(i32, u32)> = meta
        .created
        .iter()
        .map(|&m| {
            let d = datetime(m);
            (d.year(), d.month())
        })
        .collect();
    months.sort_unstable();
    months.dedup();
    for (y, m) in months {
        let dir = opts.out.join(format!("cables/{y:04}/{m:02}"));
        fs::create_dir_all(&dir).map_err(io_err(&dir))?;
    }

    let manifest_path = opts.out.join("manifest.jsonl");
    let file = fs::File::create(&manifest_path).map_err(io_err(&manifest_path))?;
    let mut manifest = BufWriter::with_capacity(1 << 20, file);
    let done = AtomicU64::new(0);
    let mut bytes = 0u64;
    for batch_start in (0..opts.count).step_by(BATCH) {
        let batch_end = (batch_start + BATCH).min(opts.count);
        let lines: Vec<Result<(String, u64), SynthError>> = (batch_start..batch_end)
            .into_par_iter()
            .map_init(
                || String::with_capacity(64 * 1024),
                |buf, i| {
                    let entry = render(model, meta, opts.seed, i, buf);
                    let path = opts.out.join(&entry.path);
                    fs::write(&path, buf.as_bytes()).map_err(io_err(&path))?;
                    let line =
                        serde_json::to_string(&entry).map_err(|source| SynthError::Serialize {
                            path: manifest_path.clone(),
                            source,
                        })?;
                    progress(done.fetch_add(1, Ordering::Relaxed) + 1);
                    Ok((line, buf.len() as u64))
                },
            )
            .collect();
        for r in lines {
            let (line, n) = r?;
            bytes += n;
            manifest
                .write_all(line.as_bytes())
                .and_then(|_| manifest.write_all(b"\n"))
                .map_err(io_err(&manifest_path))?;
        }
    }
    manifest.flush().map_err(io_err(&manifest_path))?;
    Ok(bytes)
}

/// Reads a manifest back (for tests and the bench harness).
pub fn read_manifest(path: &Path) -> Result<Vec<ManifestEntry>, SynthError> {
    let file = fs::File::open(path).map_err(io_err(path))?;
    let mut entries = Vec::new();
    for (n, line) in BufReader::new(file).lines().enumerate() {
        let line = line.map_err(io_err(path))?;
        if line.trim().is_empty() {
            continue;
        }
        let entry = serde_json::from_str(&line).map_err(|source| SynthError::Manifest {
            path: path.to_path_buf(),
            line: n + 1,
            source,
        })?;
        entries.push(entry);
    }
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::render::markers_for;
    use super::tables::is_banned;
    use super::*;
    use std::collections::{HashMap, HashSet};

    fn gen(dir: &Path, count: usize, seed: u64) -> Vec<ManifestEntry> {
        let opts = SynthOptions {
            out: dir.to_path_buf(),
            count,
            seed,
            format: SynthFormat::Files,
        };
        let summary = generate(&opts, &|_| {}).expect("generate");
        assert_eq!(summary.cables, count);
        read_manifest(&dir.join("manifest.jsonl")).expect("manifest")
    }

    fn read(dir: &Path, e: &ManifestEntry) -> String {
        fs::read_to_string(dir.join(&e.path)).expect("cable file")
    }

    /// Lower-cased word tokens, split the way a search engine would.
    fn words(text: &str) -> Vec<String> {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    }

    #[test]
    fn same_seed_same_bytes_for_any_thread_count() {
        let a = tempfile::tempdir().expect("tempdir");
        let b = tempfile::tempdir().expect("tempdir");
        let run = |dir: &Path, threads: usize| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .expect("pool")
                .install(|| gen(dir, 400, 7))
        };
        let ma = run(a.path(), 1);
        let mb = run(b.path(), 3);
        assert_eq!(ma, mb);
        let manifest = |d: &Path| fs::read(d.join("manifest.jsonl")).expect("manifest bytes");
        assert_eq!(manifest(a.path()), manifest(b.path()));
        for e in &ma {
            assert_eq!(read(a.path(), e), read(b.path(), e), "{}", e.id);
        }
        let c = tempfile::tempdir().expect("tempdir");
        let mc = gen(c.path(), 400, 8);
        assert_ne!(ma, mc, "a different seed must change the corpus");
    }

    #[test]
    fn planted_markers_are_exact() {
        let dir = tempfile::tempdir().expect("tempdir");
        let m = gen(dir.path(), 2000, 42);
        assert_eq!(m.len(), 2000);
        let mut mille = Vec::new();
        for (i, e) in m.iter().enumerate() {
            let text = read(dir.path(), e);
            if text.contains("xqmille") {
                mille.push(i);
            }
            let toks = words(&text);
            let has = |w: &str| toks.iter().filter(|t| *t == w).count();
            assert_eq!(has("xqcentum"), usize::from(i % 100 == 0), "cable {i}");
            assert_eq!(has("xqmille"), usize::from(i % 1000 == 0), "cable {i}");
            assert_eq!(has("xqseven"), usize::from(i == 7), "cable {i}");
            let xq = toks.iter().filter(|t| t.starts_with("xq")).count();
            let expected_xq =
                usize::from(i % 100 == 0) + usize::from(i % 1000 == 0) + usize::from(i == 7);
            assert_eq!(xq, expected_xq, "stray xq token in cable {i}");
            let phrase = text.contains("amber falcon protocol");
            assert_eq!(phrase, i % 500 == 0, "cable {i}");
            let scattered = i % 250 == 0;
            for w in ["amber", "falcon", "protocol"] {
                assert_eq!(has(w) > 0, scattered, "{w} in cable {i}");
            }
            assert_eq!(e.markers, markers_for(i), "manifest markers of cable {i}");
        }
        assert_eq!(mille, vec![0, 1000]);
    }

    #[test]
    fn corpus_statistics_match_cablegate() {
        let dir = tempfile::tempdir().expect("tempdir");
        let m = gen(dir.path(), 5000, 1);
        let n = m.len() as f64;
        let share = |prefix: &str| {
            m.iter()
                .filter(|e| e.classification.starts_with(prefix))
                .count() as f64
                / n
                * 100.0
        };
        assert!((share("UNCLASSIFIED") - 53.3).abs() < 3.0);
        assert!((share("CONFIDENTIAL") - 40.5).abs() < 3.0);
        assert!((share("SECRET") - 6.2).abs() < 2.0);

        let mut bytes = 0u64;
        let mut ids = HashSet::new();
        let index: HashMap<&str, usize> = m
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.as_str(), i))
            .collect();
        for (i, e) in m.iter().enumerate() {
            let text = read(dir.path(), e);
            bytes += text.len() as u64;
            assert!(ids.insert(e.id.clone()), "duplicate id {}", e.id);
            assert_eq!(&e.id[..2], &e.created[2..4], "id year prefix");
            assert!(e.path.ends_with(&format!("{}.txt", e.id)));
            assert!(text.starts_with(&format!(
                "Reference ID\tCreated\tReleased\tClassification\tOrigin\n{}\t",
                e.id
            )));
            assert!(e.released.as_str() >= "2010-11-28" && e.released.as_str() < "2011-09-02");
            assert!(e.created.as_str() >= "1966" && e.created.as_str() < "2010-03");
            let subject_tags = e.tags.iter().filter(|t| t.len() == 4).count();
            assert!((2..=8).contains(&subject_tags), "{:?}", e.tags);
            assert!(text.contains(&format!("TAGS: {}\n", e.tags.join(" "))));
            for r in &e.refs {
                assert!(index[r.as_str()] < i, "{} cites later {r}", e.id);
            }
            // Names may wrap across lines, so compare with whitespace collapsed.
            let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
            let upper = flat.to_uppercase();
            for o in &e.officials {
                assert!(upper.contains(&o.to_uppercase()), "{o} not in {}", e.id);
            }
        }
        let mean = bytes as f64 / n;
        assert!((mean - 6800.0).abs() < 6800.0 * 0.15, "mean size {mean}");
        let origins: HashSet<&str> = m.iter().map(|e| e.origin.as_str()).collect();
        assert!(origins.len() > 150, "{} origins", origins.len());
    }

    #[test]
    fn static_tables_are_consistent() {
        let model = Model::new(3);
        assert!(model.origins.len() >= 240);
        let cities: HashSet<&str> = model.origins.iter().map(|o| o.id_city.as_str()).collect();
        assert_eq!(
            cities.len(),
            model.origins.len(),
            "ID cities must be unique"
        );
        assert!(model.vocab.words.len() >= 20_000);
        assert!(model.vocab.words.iter().all(|w| !is_banned(w)));
        for o in &model.origins {
            for p in o.officials.iter().chain(&o.officers) {
                assert!(!is_banned(&p.titled), "{}", p.titled);
            }
        }
        // Rosters depend on the seed only, so the same seed reproduces them.
        let again = Model::new(3);
        assert_eq!(
            model.origins[10].officials[0].display,
            again.origins[10].officials[0].display
        );
    }

    #[test]
    fn read_manifest_errors_name_the_path() {
        let dir = tempfile::tempdir().expect("tempdir");
        let missing = dir.path().join("nope.jsonl");
        let err = read_manifest(&missing).expect_err("missing file");
        assert!(err.to_string().contains("nope.jsonl"));
        let bad = dir.path().join("bad.jsonl");
        fs::write(&bad, "{not json}\n").expect("write");
        let err = read_manifest(&bad).expect_err("bad line");
        assert!(err.to_string().contains("bad.jsonl") && err.to_string().contains("line 1"));
    }

    #[test]
    fn jsonl_holds_the_same_cables_as_the_files() {
        let dir = tempfile::tempdir().expect("tempdir");
        let manifest = gen(&dir.path().join("files"), 120, 5);
        let jsonl = dir.path().join("out/cables.jsonl");
        let opts = SynthOptions {
            out: jsonl.clone(),
            count: 120,
            seed: 5,
            format: SynthFormat::Jsonl,
        };
        let summary = generate(&opts, &|_| {}).expect("generate jsonl");
        let text = fs::read_to_string(&jsonl).expect("jsonl");
        assert_eq!(summary.bytes, text.len() as u64);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), manifest.len());
        for (line, entry) in lines.iter().zip(&manifest) {
            let value: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
            let page = read(&dir.path().join("files"), entry);
            assert_eq!(value["id"], entry.id.as_str());
            assert_eq!(value["created"], entry.created.as_str());
            assert_eq!(value["released"], entry.released.as_str());
            assert_eq!(value["classification"], entry.classification.as_str());
            assert_eq!(value["origin"], entry.origin.as_str());
            let body = value["body"].as_str().expect("body");
            assert!(
                page.ends_with(body) && page.len() > body.len(),
                "{}",
                entry.id
            );
            assert!(!body.contains("Reference ID\t"), "{}", entry.id);
        }
        assert_eq!(page_telegram("a\tb\nc\td\n\nVZCZC\n"), "\nVZCZC\n");
    }
}
