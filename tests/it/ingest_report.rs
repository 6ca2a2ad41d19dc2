//! `cables index --report FILE` and `--strict`: one JSON line per skipped or degraded file with a
//! stable reason code, and a strict run that fails before committing anything.

use std::collections::BTreeSet;
use std::path::Path;

use crate::common::{fixtures, id_list, path_str, run, stderr};
use tempfile::TempDir;

/// A corpus with one file for every reason code, plus good cables.
fn faulty_corpus(corpus: &Path) {
    std::fs::create_dir_all(corpus).expect("corpus");
    let layouts = fixtures("layouts");
    // Good cables, and the same ID twice (duplicate_id): the page text and the JSON Lines file
    // both hold 03ZEMBLA1815.
    std::fs::copy(
        layouts.join("03ZEMBLA1815.txt"),
        corpus.join("03ZEMBLA1815.txt"),
    )
    .expect("copy");
    // cables.csv and cables.jsonl each hold one bad record (bad_csv_record, bad_json_line).
    std::fs::copy(layouts.join("cables.csv"), corpus.join("cables.csv")).expect("copy");
    std::fs::copy(layouts.join("cables.jsonl"), corpus.join("cables.jsonl")).expect("copy");
    // empty
    std::fs::write(corpus.join("empty.txt"), b"").expect("empty");
    // too_large: a sparse file over the one-cable limit.
    let huge = std::fs::File::create(corpus.join("huge.txt")).expect("huge");
    huge.set_len(65 * 1024 * 1024).expect("sparse 65 MB");
    // not_a_cable
    std::fs::write(corpus.join("notes.txt"), "Shopping list\nmilk\n").expect("notes");
    // bad_header: a page-text cable with an impossible date.
    std::fs::write(
        corpus.join("05ZEMBLA1.txt"),
        "Reference ID: 05ZEMBLA1\nCreated: 2005-13-45 99:99\n\nSUBJECT: X\n\n1. Text.\n",
    )
    .expect("bad header");
    // unreadable: a symbolic link loop.
    #[cfg(unix)]
    std::os::unix::fs::symlink(corpus, corpus.join("loop")).expect("symlink loop");
    // incomplete: a raw telegram without a date-time group (no created date).
    std::fs::write(
        corpus.join("07ZEMBLA5.txt"),
        "FM AMEMBASSY ZEMBLA\nTO SECSTATE WASHDC 0001\n\nUNCLAS ZEMBLA 000005\n\nSUBJECT: UNDATED\n\n1. Text.\n",
    )
    .expect("undated telegram");
}

fn report_lines(path: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(path)
        .expect("report written")
        .lines()
        .map(|line| serde_json::from_str(line).expect("each report line is JSON"))
        .collect()
}

#[test]
fn the_report_names_every_skipped_and_degraded_file_with_its_reason() {
    let dir = TempDir::new().expect("temp dir");
    let corpus = dir.path().join("corpus");
    faulty_corpus(&corpus);
    let index = dir.path().join("index");
    let report = dir.path().join("report.jsonl");
    let output = run(&[
        "index",
        path_str(&corpus),
        "--index",
        path_str(&index),
        "--report",
        path_str(&report),
    ]);
    assert_eq!(output.status.code(), Some(3), "{}", stderr(&output));
    let lines = report_lines(&report);
    for line in &lines {
        let keys: BTreeSet<&str> = line
            .as_object()
            .expect("object")
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, BTreeSet::from(["path", "reason", "detail"]), "{line}");
    }
    let reason_of = |file: &str| -> BTreeSet<String> {
        lines
            .iter()
            .filter(|line| {
                line["path"]
                    .as_str()
                    .is_some_and(|path| path.ends_with(file))
            })
            .map(|line| line["reason"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    assert_eq!(
        reason_of("empty.txt"),
        BTreeSet::from(["empty".to_string()])
    );
    assert_eq!(
        reason_of("huge.txt"),
        BTreeSet::from(["too_large".to_string()])
    );
    assert_eq!(
        reason_of("notes.txt"),
        BTreeSet::from(["not_a_cable".to_string()])
    );
    assert_eq!(
        reason_of("05ZEMBLA1.txt"),
        BTreeSet::from(["bad_header".to_string()])
    );
    assert_eq!(
        reason_of("cables.csv"),
        BTreeSet::from(["bad_csv_record".to_string()])
    );
    assert!(
        reason_of("cables.jsonl").contains("bad_json_line"),
        "{lines:?}"
    );
    #[cfg(unix)]
    assert_eq!(
        reason_of("loop"),
        BTreeSet::from(["unreadable".to_string()])
    );
    assert_eq!(
        reason_of("07ZEMBLA5.txt"),
        BTreeSet::from(["incomplete".to_string()])
    );
    let duplicates: Vec<&serde_json::Value> = lines
        .iter()
        .filter(|line| line["reason"] == "duplicate_id")
        .collect();
    assert_eq!(duplicates.len(), 1, "{lines:?}");
    assert!(duplicates[0]["detail"]
        .as_str()
        .unwrap_or_default()
        .contains("03ZEMBLA1815"));
    let undated = lines
        .iter()
        .find(|line| line["reason"] == "incomplete")
        .expect("incomplete");
    assert!(
        undated["detail"]
            .as_str()
            .unwrap_or_default()
            .contains("created"),
        "{undated}"
    );
    // The skips did not stop the good cables.
    let ids: BTreeSet<String> = id_list(&index).into_iter().collect();
    assert!(
        ids.contains("03ZEMBLA1815") && ids.contains("66ZEMBLA2481") && ids.contains("07ZEMBLA5"),
        "{ids:?}"
    );
}

#[test]
fn a_strict_run_fails_before_committing_and_names_the_file() {
    let dir = TempDir::new().expect("temp dir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(&corpus).expect("corpus");
    std::fs::copy(
        fixtures("layouts").join("03ZEMBLA1815.txt"),
        corpus.join("03ZEMBLA1815.txt"),
    )
    .expect("copy");
    let index = dir.path().join("index");
    // A clean corpus passes --strict.
    let clean = run(&[
        "index",
        path_str(&corpus),
        "--index",
        path_str(&index),
        "--strict",
    ]);
    assert_eq!(clean.status.code(), Some(0), "{}", stderr(&clean));
    assert_eq!(id_list(&index), ["03ZEMBLA1815"]);

    // A new good cable and a bad file: the run fails with exit 2 and commits neither.
    std::fs::copy(
        fixtures("layouts").join("cables.jsonl"),
        corpus.join("more.jsonl"),
    )
    .expect("copy");
    std::fs::write(corpus.join("notes.txt"), "Shopping list\n").expect("notes");
    let report = dir.path().join("report.jsonl");
    let strict = run(&[
        "index",
        path_str(&corpus),
        "--index",
        path_str(&index),
        "--strict",
        "--report",
        path_str(&report),
    ]);
    assert_eq!(strict.status.code(), Some(2), "{}", stderr(&strict));
    let message = stderr(&strict);
    assert!(
        message.contains("--strict")
            && (message.contains("notes.txt") || message.contains("more.jsonl")),
        "{message}"
    );
    assert_eq!(
        id_list(&index),
        ["03ZEMBLA1815"],
        "a strict failure committed cables"
    );
    let lines = report_lines(&report);
    assert_eq!(lines.len(), 1, "{lines:?}");

    // Without --strict the same corpus indexes what it can and exits 3.
    let lenient = run(&["index", path_str(&corpus), "--index", path_str(&index)]);
    assert_eq!(lenient.status.code(), Some(3), "{}", stderr(&lenient));
    assert!(id_list(&index).len() > 1);
}

#[test]
fn the_summary_counts_cables_per_layout() {
    let dir = TempDir::new().expect("temp dir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(&corpus).expect("corpus");
    let layouts = fixtures("layouts");
    std::fs::copy(
        layouts.join("03ZEMBLA1815.txt"),
        corpus.join("03ZEMBLA1815.txt"),
    )
    .expect("copy");
    std::fs::copy(
        layouts.join("10ZEMBLA42.html"),
        corpus.join("10ZEMBLA42.html"),
    )
    .expect("copy");
    std::fs::write(
        corpus.join("88ZEMBLA31258.txt"),
        "\n88ZEMBLA31258\nA CUT SUBJ\nThu Sep 15 00:00:00 +0200 1988\nUNCLASSIFIED\nEmbasy Zembla\nR 151642Z SEP 88\nFM AMEMBASSY ZEMBLA\nTO SECSTATE WASHDC 4559\nAMCONSUL RUSVALIAUNCLAS ZEMBLA 31258 \n \nSUBJECT: A CUT SUBJECT THAT GOES ON\n \n1. TEXT.\n",
    )
    .expect("dump");
    let index = dir.path().join("index");
    let output = run(&[
        "index",
        path_str(&corpus),
        "--index",
        path_str(&index),
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON report");
    assert_eq!(
        report["layouts"],
        serde_json::json!({"text": 1, "html": 1, "dump": 1})
    );
    let line = run(&[
        "index",
        path_str(&corpus),
        "--index",
        path_str(&dir.path().join("i2")),
    ]);
    let summary = String::from_utf8_lossy(&line.stdout);
    assert!(
        summary.contains("read 1 page-text files, 1 HTML pages, 1 dump files"),
        "{summary}"
    );
    let shown = run(&[
        "show",
        "88ZEMBLA31258",
        "--format",
        "json",
        "--index",
        path_str(&index),
    ]);
    let cable: serde_json::Value = serde_json::from_slice(&shown.stdout).expect("show JSON");
    assert_eq!(cable["created"], "1988-09-15T00:00:00Z");
    assert_eq!(cable["origin"], "Embasy Zembla");
    assert_eq!(cable["classification"], "UNCLASSIFIED");
    assert_eq!(cable["subject"], "A CUT SUBJECT THAT GOES ON");
}
