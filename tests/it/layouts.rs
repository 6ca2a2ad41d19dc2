//! End-to-end tests of real dump layouts (page text, cables.csv, cable HTML pages, raw
//! telegrams, JSON Lines) and of incremental re-indexing, through the real binary.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use serde_json::Value;
use tempfile::TempDir;

use crate::common::{all_ids, fixtures, path_str, run, stderr};

fn show(index: &Path, id: &str) -> Value {
    let output = run(&["show", id, "--format", "json", "--index", path_str(index)]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    serde_json::from_slice(&output.stdout).expect("json")
}

fn index_json(corpus: &Path, index: &Path, extra: &[&str]) -> (Option<i32>, Value, String) {
    let mut args = vec![
        "index",
        path_str(corpus),
        "--index",
        path_str(index),
        "--format",
        "json",
    ];
    args.extend(extra);
    let output = run(&args);
    let report = serde_json::from_slice(&output.stdout).unwrap_or(Value::Null);
    (output.status.code(), report, stderr(&output))
}

#[test]
fn every_layout_in_one_folder_becomes_the_same_kind_of_cable() {
    let dir = TempDir::new().expect("temp dir");
    let index = dir.path().join("index");
    let (code, report, messages) = index_json(&fixtures("layouts"), &index, &[]);
    assert_eq!(code, Some(3), "bad records make it exit 3: {messages}");
    assert_eq!(report["indexed"], 7);
    assert_eq!(
        all_ids(&index),
        BTreeSet::from(
            [
                "03ZEMBLA1815",
                "07SANRUSVALIA1165",
                "09ZEMBLA708",
                "10ZEMBLA42",
                "66ZEMBLA2481",
                "73ZEMBLA810",
                "7575ZEMBLA1895",
            ]
            .map(String::from)
        )
    );
    // One bad record does not sink its file.
    assert!(
        messages.contains("cables.csv: line 41: record 3: 09ZEMBLA709: invalid date"),
        "{messages}"
    );
    assert!(messages.contains("cables.jsonl: line 2:"), "{messages}");
    // The same ID in two files: one cable, and the report says which file won.
    assert!(
        messages.contains("duplicate 03ZEMBLA1815: kept ")
            && messages.contains("cables.jsonl, dropped ")
            && messages.contains("03ZEMBLA1815.txt"),
        "{messages}"
    );
    assert_eq!(report["duplicates"][0]["id"], "03ZEMBLA1815");

    let telegram = show(&index, "07SANRUSVALIA1165");
    assert_eq!(telegram["created"], "2007-02-16T19:02:00Z");
    assert_eq!(telegram["released"], Value::Null);
    assert_eq!(telegram["origin"], "Embassy San Rusvalia");
    assert_eq!(telegram["classification"], "CONFIDENTIAL//NOFORN");
    assert!(
        telegram["officials"]
            .as_array()
            .is_some_and(|names| names.iter().any(|name| name == "Andrés Pérez")),
        "Windows-1252 é survives: {}",
        telegram["officials"]
    );
    let csv = show(&index, "09ZEMBLA708");
    assert_eq!(csv["created"], "2009-07-28T20:08:00Z");
    assert_eq!(csv["classification"], "SECRET//NOFORN");
    assert_eq!(
        csv["references"],
        serde_json::json!(["09ZEMBLA653", "09STATE12345"])
    );
    let page = show(&index, "10ZEMBLA42");
    assert_eq!(page["released"], "2010-12-09T21:09:00Z");
    assert_eq!(page["subject"], "ZEMBLA: THE CROWN JEWELS & THE NEW MUSEUM");
    assert!(page["body"]
        .as_str()
        .is_some_and(|body| body.starts_with("S E C R E T ZEMBLA 000042")));
    // Section banners repeated at page breaks are not part of the searchable body.
    let banners = run(&[
        "search",
        "\"SECTION 02 OF 02\"",
        "--format",
        "ids",
        "--index",
        path_str(&index),
    ]);
    assert_eq!(String::from_utf8_lossy(&banners.stdout), "");
}

#[test]
fn layouts_are_detected_by_content_or_forced() {
    let dir = TempDir::new().expect("temp dir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(&corpus).expect("corpus");
    std::fs::copy(fixtures("layouts/cables.csv"), corpus.join("release.dat")).expect("copy");
    let index = dir.path().join("index");
    let (_, report, messages) = index_json(&corpus, &index, &[]);
    assert_eq!(report["indexed"], 2, "CSV found by content: {messages}");

    let forced_dir = dir.path().join("forced");
    std::fs::create_dir_all(&forced_dir).expect("dir");
    std::fs::copy(
        fixtures("layouts/07SANRUSVALIA1165.txt"),
        forced_dir.join("capture.log"),
    )
    .expect("copy");
    let forced_index = dir.path().join("forced-index");
    let (code, report, messages) =
        index_json(&forced_dir, &forced_index, &["--layout", "telegram"]);
    assert_eq!(code, Some(0), "{messages}");
    assert_eq!(report["indexed"], 1);
    // Without a file-name ID, the ID comes from the classification line and serial.
    assert_eq!(all_ids(&forced_index).len(), 1);
}

fn touch(path: &Path, seconds_later: u64) {
    let file = std::fs::File::options()
        .write(true)
        .open(path)
        .expect("open");
    file.set_modified(SystemTime::now() + Duration::from_secs(seconds_later))
        .expect("set mtime");
}

#[test]
fn re_indexing_reads_only_new_and_changed_files_and_prunes_on_request() {
    let dir = TempDir::new().expect("temp dir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(&corpus).expect("corpus");
    for (source, name) in [
        ("cables/2005/02/05QUITO201.txt", "05QUITO201.txt"),
        ("cables/2007/03/07LIMA310.txt", "07LIMA310.txt"),
        ("cables/2008/09/08MEXICO3055.txt", "08MEXICO3055.txt"),
    ] {
        std::fs::copy(fixtures(source), corpus.join(name)).expect("copy");
    }
    let index = dir.path().join("index");
    let (code, first, _) = index_json(&corpus, &index, &[]);
    assert_eq!(code, Some(0));
    assert_eq!(first["files_read"], 3);

    let (_, unchanged, _) = index_json(&corpus, &index, &[]);
    assert_eq!(unchanged["files_read"], 0);
    assert_eq!(unchanged["files_unchanged"], 3);
    assert_eq!(unchanged["indexed"], 0);

    // A touched file with the same bytes is recognised by its hash and not parsed again.
    touch(&corpus.join("07LIMA310.txt"), 5);
    let (_, touched, _) = index_json(&corpus, &index, &[]);
    assert_eq!(touched["files_read"], 0);
    assert_eq!(touched["indexed"], 0);

    // A changed file and a new file are the only ones read.
    let lima = std::fs::read_to_string(corpus.join("07LIMA310.txt")).expect("read");
    std::fs::write(
        corpus.join("07LIMA310.txt"),
        lima.replace("COCAINE", "HEROIN"),
    )
    .expect("edit");
    std::fs::copy(
        fixtures("cables/2009/11/09BOGOTA3515.txt"),
        corpus.join("09BOGOTA3515.txt"),
    )
    .expect("copy");
    let (_, changed, _) = index_json(&corpus, &index, &[]);
    assert_eq!(changed["files_read"], 2);
    assert_eq!(changed["indexed"], 2);
    assert_eq!(changed["total_cables"], 4);
    let heroin = run(&[
        "search",
        "subject:heroin",
        "--format",
        "ids",
        "--index",
        path_str(&index),
    ]);
    assert_eq!(String::from_utf8_lossy(&heroin.stdout), "07LIMA310\n");

    // A vanished file keeps its cable until --prune.
    std::fs::remove_file(corpus.join("08MEXICO3055.txt")).expect("delete");
    let (_, kept, _) = index_json(&corpus, &index, &[]);
    assert_eq!(kept["files_missing"], 1);
    assert!(all_ids(&index).contains("08MEXICO3055"));
    let (_, pruned, _) = index_json(&corpus, &index, &["--prune"]);
    assert_eq!(pruned["removed"], 1);
    assert_eq!(pruned["total_cables"], 3);
    assert!(!all_ids(&index).contains("08MEXICO3055"));
    let check = run(&["check", "--index", path_str(&index)]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
}

/// One invented cable: its header values, routing block and message.
struct Rendered {
    id: &'static str,
    created: &'static str,
    dtg: &'static str,
    classification: &'static str,
    origin: &'static str,
    routing: &'static str,
    message: &'static str,
}

const SAME_CABLES: [Rendered; 2] = [
    Rendered {
        id: "03ZEMBLA1815",
        created: "2003-07-15 22:05",
        dtg: "P 152205Z JUL 03",
        classification: "CONFIDENTIAL",
        origin: "Embassy Zembla",
        routing: "VZCZCXYZ0001\nPP RUEHWEB\nDE RUEHZM #1815/01 1962205\nZNY CCCCC ZZH\nP 152205Z JUL 03\nFM AMEMBASSY ZEMBLA\nTO RUEHC/SECSTATE WASHDC PRIORITY 4127",
        message: "C O N F I D E N T I A L ZEMBLA 001815\n\nSIPDIS\n\nE.O. 12958: DECL: 07/15/2013\nTAGS: PHUM KCRM SMIG KTIP ZM\nSUBJECT: OFFICIALS CONFUSE TRAFFICKING WITH SMUGGLING\n\nREF: ZEMBLA 1702\n\nClassified By: PolCouns Ada Quist for reasons 1.4 (b) and (d)\n\n1. (C) Director of Immigration Odon Shade told G/TIP officer\nHazel Kinbote that the smuggling of 50 children was trafficking.\n\n2. (C) Comment: Shade conflates the two crimes.\nGRADUS",
    },
    Rendered {
        id: "75ZEMBLA2069",
        created: "1975-03-04 10:00",
        dtg: "R 041000Z MAR 75",
        classification: "SECRET",
        origin: "Embassy Zembla",
        routing: "R 041000Z MAR 75\nFM AMEMBASSY ZEMBLA\nTO SECSTATE WASHDC 1140",
        message: "S E C R E T ZEMBLA 2069\n\nE.O. 11652: GDS\nTAGS: MASS MARR ZM\nSUBJECT: ARMS REQUEST FROM THE ROYAL GUARD\n\n1. GENERAL VORIN, MINISTER OF WAR, ASKED FOR TWELVE AIRCRAFT.\n\n2. EMBASSY RECOMMENDS A PROMPT REPLY.\nKINBOTE",
    },
];

fn write_page_path_str(dir: &Path, cable: &Rendered) {
    let text = format!(
        "Reference ID\tCreated\tReleased\tClassification\tOrigin\n{}\t{}\t\t{}\t{}\n\n{}\n\n{}\n",
        cable.id, cable.created, cable.classification, cable.origin, cable.routing, cable.message
    );
    std::fs::write(dir.join(format!("{}.txt", cable.id)), text).expect("write");
}

fn write_telegram(dir: &Path, cable: &Rendered) {
    let text = format!("{}\r\n\r\n{}\r\n", cable.routing, cable.message).replace('\n', "\r\n");
    let text = text.replace("\r\r\n", "\r\n");
    assert!(cable.routing.contains(cable.dtg));
    std::fs::write(dir.join(format!("{}.txt", cable.id)), text).expect("write");
}

fn csv_field(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\\\""))
}

fn write_csv(dir: &Path) {
    let mut rows = String::new();
    for (row, cable) in SAME_CABLES.iter().enumerate() {
        let (date, time) = cable.created.split_once(' ').expect("date and time");
        let mut parts = date.split('-');
        let (year, month, day) = (
            parts.next().unwrap_or_default(),
            parts.next().unwrap_or_default(),
            parts.next().unwrap_or_default(),
        );
        rows.push_str(
            &[
                csv_field(&(row + 1).to_string()),
                csv_field(&format!("{month}/{day}/{year} {time}")),
                csv_field(cable.id),
                csv_field(cable.origin),
                csv_field(cable.classification),
                csv_field(""),
                csv_field(cable.routing),
                csv_field(&format!("{}\n", cable.message)),
            ]
            .join(","),
        );
        rows.push('\n');
    }
    std::fs::write(dir.join("cables.csv"), rows).expect("write");
}

fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('\n', "&#x000A;")
}

fn write_html(dir: &Path, cable: &Rendered) {
    let page = format!(
        "<html><head><title>Cable Viewer</title></head><body><div class='pane big'>\
<h3>Viewing cable {id}</h3><table class='cable'><tr><th>Reference ID</th><th>Created</th>\
<th>Released</th><th>Classification</th><th>Origin</th></tr><tr><td><a href='#'>{id}</a></td>\
<td><a href='#'>{created}</a></td><td></td><td><a href='#'>{classification}</a></td>\
<td><a href='#'>{origin}</a></td></tr></table><code><pre>{routing}</pre></code>\
<code><pre>{message}</pre></code></div></body></html>",
        id = cable.id,
        created = cable.created,
        classification = cable.classification,
        origin = cable.origin,
        routing = html_escape(cable.routing),
        message = html_escape(cable.message),
    );
    std::fs::write(dir.join(format!("{}.html", cable.id)), page).expect("write");
}

#[test]
fn the_same_cables_in_every_layout_show_identically() {
    let dir = TempDir::new().expect("temp dir");
    let mut layouts: Vec<(&str, PathBuf)> = Vec::new();
    for layout in ["text", "telegram", "csv", "html"] {
        let folder = dir.path().join(layout);
        std::fs::create_dir_all(&folder).expect("dir");
        match layout {
            "text" => SAME_CABLES
                .iter()
                .for_each(|cable| write_page_path_str(&folder, cable)),
            "telegram" => SAME_CABLES
                .iter()
                .for_each(|cable| write_telegram(&folder, cable)),
            "csv" => write_csv(&folder),
            _ => SAME_CABLES
                .iter()
                .for_each(|cable| write_html(&folder, cable)),
        }
        layouts.push((layout, folder));
    }
    let mut shown: Vec<(&str, Vec<Value>)> = Vec::new();
    for (layout, folder) in &layouts {
        let index = dir.path().join(format!("{layout}-index"));
        let (code, report, messages) = index_json(folder, &index, &[]);
        assert_eq!(code, Some(0), "{layout}: {messages}");
        assert_eq!(report["indexed"], 2, "{layout}");
        let records = SAME_CABLES
            .iter()
            .map(|cable| {
                let mut record = show(&index, cable.id);
                record.as_object_mut().expect("object").remove("path");
                record
            })
            .collect();
        shown.push((layout, records));
    }
    let (_, reference) = &shown[0];
    for (layout, records) in &shown[1..] {
        for (expected, got) in reference.iter().zip(records) {
            assert_eq!(got, expected, "{layout} differs from page text");
        }
    }
    assert_eq!(reference[0]["created"], "2003-07-15T22:05:00Z");
    assert_eq!(
        reference[0]["tags"],
        serde_json::json!(["PHUM", "KCRM", "SMIG", "KTIP", "ZM"])
    );
    assert_eq!(
        reference[0]["references"],
        serde_json::json!(["03ZEMBLA1702"])
    );
    assert_eq!(reference[1]["classification"], "SECRET");
}
