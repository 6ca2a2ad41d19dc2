//! `cables bench` end to end on a small synthetic corpus: the JSON report has the documented
//! keys and the planted markers are found in exactly the cables that hold them.

use assert_cmd::Command;
use serde_json::Value;

#[test]
fn bench_reports_indexing_stages_and_exact_hits_for_planted_markers() {
    let output = Command::cargo_bin("cables")
        .expect("binary")
        .args(["bench", "--synth", "300", "--runs", "1", "--format", "json"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run cables bench");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: Value = serde_json::from_slice(&output.stdout).expect("one JSON object");
    assert_eq!(report["corpus"]["cables"], 300);
    assert!(report["corpus"]["bytes"]
        .as_u64()
        .is_some_and(|bytes| bytes > 300 * 1000));
    let index = &report["index"];
    for key in [
        "seconds",
        "cables_per_s",
        "mb_per_s",
        "peak_rss_bytes",
        "index_bytes",
    ] {
        assert!(
            index[key].as_f64().is_some_and(|value| value > 0.0),
            "index.{key}: {}",
            index[key]
        );
    }
    for stage in ["read", "parse", "index", "commit"] {
        assert!(index["stages"][stage].is_number(), "stage {stage}");
    }
    let hits = |class: &str| -> u64 {
        report["queries"]
            .as_array()
            .expect("queries")
            .iter()
            .find(|query| query["class"] == class)
            .and_then(|query| query["hits"].as_u64())
            .unwrap_or_else(|| panic!("no query class {class}"))
    };
    // Planted by `cables synth`: xqseven in cable 7 only, xqcentum in every 100th cable,
    // the phrase in every 500th.
    assert_eq!(hits("rare"), 1);
    assert_eq!(hits("sparse"), 3);
    assert_eq!(hits("phrase"), 1);
    for query in report["queries"].as_array().expect("queries") {
        for key in ["p50_ms", "p95_ms", "p99_ms"] {
            assert!(query[key].as_f64().is_some_and(|ms| ms >= 0.0), "{query}");
        }
    }
    assert!(report["process"]["p50_ms"]
        .as_f64()
        .is_some_and(|ms| ms > 0.0));
}
