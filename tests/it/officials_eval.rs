//! Evaluates the officials extractor on the labeled fixtures: precision, recall and throughput.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

use cables::officials::extract_officials;
use cables::text::fold_name;

const MIN_PRECISION: f64 = 0.90;
const MIN_RECALL: f64 = 0.85;

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/officials")
}

/// Fixture texts by file name, in name order.
fn fixtures() -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let entries = std::fs::read_dir(fixture_dir()).expect("fixture directory exists");
    for entry in entries {
        let path = entry.expect("readable directory entry").path();
        if path.extension().is_some_and(|e| e == "txt") {
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default()
                .to_string();
            let text = std::fs::read_to_string(&path).expect("fixture is UTF-8");
            out.insert(name, text);
        }
    }
    out
}

/// truth.tsv: `file<TAB>Display Name`; an empty name marks a file with no people.
fn truth() -> BTreeMap<String, Vec<String>> {
    let text = std::fs::read_to_string(fixture_dir().join("truth.tsv")).expect("truth.tsv exists");
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let (file, name) = line.split_once('\t').unwrap_or((line, ""));
        let names = out.entry(file.trim().to_string()).or_default();
        if !name.trim().is_empty() {
            names.push(name.trim().to_string());
        }
    }
    out
}

#[test]
fn precision_recall_and_throughput() {
    let texts = fixtures();
    let truth = truth();
    assert!(
        texts.len() >= 16,
        "need at least 16 fixtures, found {}",
        texts.len()
    );
    for file in texts.keys() {
        assert!(truth.contains_key(file), "{file} has no line in truth.tsv");
    }
    for file in truth.keys() {
        assert!(
            texts.contains_key(file),
            "truth.tsv names missing fixture {file}"
        );
    }

    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    for (file, text) in &texts {
        let gold: BTreeSet<String> = truth[file].iter().map(|n| fold_name(n)).collect();
        let found = extract_officials(text);
        let pred: BTreeSet<String> = found.iter().map(|o| fold_name(&o.name)).collect();
        let hits = pred.intersection(&gold).count();
        let false_names: Vec<&String> = pred.difference(&gold).collect();
        let misses: Vec<&String> = gold.difference(&pred).collect();
        tp += hits;
        fp += false_names.len();
        fn_ += misses.len();
        println!("{file}: {hits}/{} found", gold.len());
        if !misses.is_empty() {
            println!("    missed: {misses:?}");
        }
        if !false_names.is_empty() {
            println!("    false:  {false_names:?}");
        }
    }
    let precision = if tp + fp == 0 {
        1.0
    } else {
        tp as f64 / (tp + fp) as f64
    };
    let recall = if tp + fn_ == 0 {
        1.0
    } else {
        tp as f64 / (tp + fn_) as f64
    };
    println!(
        "precision {precision:.3} ({tp}/{}), recall {recall:.3} ({tp}/{})",
        tp + fp,
        tp + fn_
    );

    // Throughput: run over the fixtures until about 100 ms have passed (printed, not asserted).
    let corpus: Vec<&String> = texts.values().collect();
    let bytes_per_round: usize = corpus.iter().map(|t| t.len()).sum();
    let start = Instant::now();
    let mut rounds = 0usize;
    let mut people = 0usize;
    while start.elapsed().as_millis() < 100 {
        for t in &corpus {
            people += extract_officials(t).len();
        }
        rounds += 1;
    }
    let secs = start.elapsed().as_secs_f64();
    let mb = (bytes_per_round * rounds) as f64 / 1_000_000.0;
    if cfg!(debug_assertions) {
        println!("(debug build: run `cargo test --release --test it officials_eval -- --nocapture` for a representative figure)");
    }
    println!(
        "throughput {:.1} MB/s ({rounds} rounds, {mb:.2} MB, {people} people)",
        mb / secs
    );

    assert!(
        precision >= MIN_PRECISION,
        "precision {precision:.3} < {MIN_PRECISION}"
    );
    assert!(recall >= MIN_RECALL, "recall {recall:.3} < {MIN_RECALL}");
}

#[test]
fn guatemala_1815_yields_its_people() {
    let text = std::fs::read_to_string(fixture_dir().join("01_guatemala_tip.txt"))
        .expect("fixture exists");
    let found = extract_officials(&text);
    let got: BTreeSet<String> = found.iter().map(|o| fold_name(&o.name)).collect();
    let want: BTreeSet<String> = [
        "Greg Holliday",
        "Oscar Contreras Hernandez",
        "Mario Rene Cifuentes",
        "Marilys Barrientos de Estrada",
        "David Lindwall",
        "John Hamilton",
    ]
    .iter()
    .map(|n| fold_name(n))
    .collect();
    assert_eq!(got, want, "extracted {found:?}");
    assert_eq!(found.len(), want.len(), "duplicates in {found:?}");
    let contreras = found.iter().find(|o| o.name == "Oscar Contreras Hernandez");
    assert_eq!(
        contreras.and_then(|o| o.title.as_deref()),
        Some("Director of Immigration")
    );
    let estrada = found
        .iter()
        .find(|o| fold_name(&o.name) == "marilys barrientos de estrada");
    assert_eq!(
        estrada.map(|o| o.name.as_str()),
        Some("Marilys Barrientos de Estrada")
    );
}
