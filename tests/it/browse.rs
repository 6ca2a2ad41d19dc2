//! End-to-end tests of what a researcher does after the first search: facets, filters, dates,
//! sorting, timelines, citations, similar cables and index statistics, on the fixture cables.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Output;

use assert_cmd::Command;
use serde_json::{json, Value};
use tempfile::TempDir;

/// One index of the fixture cables shared by the checks of a test.
struct Fixtures {
    dir: TempDir,
}

impl Fixtures {
    fn new() -> Fixtures {
        let dir = TempDir::new().expect("temp dir");
        let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cables");
        let output = cables()
            .arg("index")
            .arg(corpus)
            .arg("--index")
            .arg(dir.path())
            .output()
            .expect("run cables index");
        assert_eq!(
            output.status.code(),
            Some(3),
            "two fixture files are broken"
        );
        Fixtures { dir }
    }

    fn run(&self, args: &[&str]) -> Output {
        cables()
            .args(args)
            .arg("--index")
            .arg(self.dir.path())
            .output()
            .expect("run cables")
    }

    fn json(&self, args: &[&str]) -> Value {
        let mut full = args.to_vec();
        full.extend(["--format", "json"]);
        let output = self.run(&full);
        serde_json::from_slice(&output.stdout).unwrap_or_else(|error| {
            panic!(
                "{args:?}: no JSON ({error}); stderr: {}",
                String::from_utf8_lossy(&output.stderr)
            )
        })
    }

    /// IDs in output order.
    fn ids(&self, args: &[&str]) -> Vec<String> {
        let mut full = args.to_vec();
        full.extend(["--all", "--format", "ids"]);
        let output = self.run(&full);
        assert!(
            matches!(output.status.code(), Some(0) | Some(1)),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .map(str::to_string)
            .collect()
    }

    fn id_set(&self, args: &[&str]) -> BTreeSet<String> {
        self.ids(args).into_iter().collect()
    }
}

fn cables() -> Command {
    Command::cargo_bin("cables").expect("binary")
}

fn set(ids: &[&str]) -> BTreeSet<String> {
    ids.iter().map(|id| id.to_string()).collect()
}

fn pairs(facet: &Value) -> Vec<(String, u64)> {
    facet
        .as_array()
        .expect("facet list")
        .iter()
        .map(|entry| {
            (
                entry["value"].as_str().unwrap_or_default().to_string(),
                entry["count"].as_u64().unwrap_or_default(),
            )
        })
        .collect()
}

fn owned(expected: &[(&str, u64)]) -> Vec<(String, u64)> {
    expected
        .iter()
        .map(|(value, count)| (value.to_string(), *count))
        .collect()
}

#[test]
fn facet_counts_are_exact_over_the_whole_match_set() {
    let fixtures = Fixtures::new();
    let results = fixtures.json(&[
        "search",
        "*",
        "--limit",
        "1",
        "--facet",
        "tag,origin,classification,year",
        "--facet-limit",
        "50",
    ]);
    assert_eq!(results["total"], 12);
    assert_eq!(results["hits"].as_array().map(Vec::len), Some(1));
    let facets = &results["facets"];
    assert_eq!(
        pairs(&facets["classification"]),
        owned(&[
            ("UNCLASSIFIED", 5),
            ("CONFIDENTIAL", 3),
            ("SECRET", 2),
            ("CONFIDENTIAL//NOFORN", 1),
            ("SECRET//NOFORN", 1),
        ])
    );
    assert_eq!(
        pairs(&facets["year"]),
        owned(&[
            ("2006", 3),
            ("2007", 2),
            ("2008", 2),
            ("1976", 1),
            ("2002", 1),
            ("2004", 1),
            ("2005", 1),
            ("2009", 1),
        ])
    );
    let origins = pairs(&facets["origin"]);
    assert_eq!(
        origins[..2],
        owned(&[("Embassy Quito", 3), ("Embassy Lima", 2)])[..]
    );
    assert_eq!(origins.len(), 9);
    let tags = pairs(&facets["tag"]);
    assert_eq!(
        tags[..5],
        owned(&[("PREL", 5), ("EC", 4), ("PE", 3), ("PGOV", 3), ("SNAR", 3)])[..]
    );
}

#[test]
fn facets_count_matches_of_a_query_and_respect_the_limit() {
    let fixtures = Fixtures::new();
    let results = fixtures.json(&[
        "search",
        "smuggling OR Salvadoran OR kerosene",
        "--facet",
        "tag",
        "--facet",
        "origin",
        "--facet-limit",
        "2",
    ]);
    assert_eq!(results["total"], 4);
    assert_eq!(
        pairs(&results["facets"]["origin"]),
        owned(&[("Embassy Lima", 2), ("Embassy Quito", 1)])
    );
    assert_eq!(
        pairs(&results["facets"]["tag"]),
        owned(&[("PE", 2), ("PGOV", 2)])
    );
}

#[test]
fn each_filter_narrows_alone_and_with_a_query() {
    let fixtures = Fixtures::new();
    assert_eq!(
        fixtures.id_set(&["search", "*", "--tag", "KTIP"]),
        set(&["05QUITO201", "04MANAGUA1877"])
    );
    assert_eq!(
        fixtures.id_set(&["search", "*", "--tag", "snar", "--tag", "PE"]),
        set(&["07LIMA310", "07LIMA402"])
    );
    assert_eq!(
        fixtures.id_set(&["search", "*", "--origin", "Embassy Quito"]),
        set(&["05QUITO201", "06QUITO1402", "06QUITO1530"])
    );
    assert_eq!(
        fixtures.id_set(&["search", "*", "--classification", "SECRET"]),
        set(&["76TEHRAN5120", "02STATE55120", "07LIMA402"])
    );
    assert_eq!(
        fixtures.id_set(&["search", "*", "--classification", "CONFIDENTIAL//NOFORN"]),
        set(&["06QUITO1530"])
    );
    assert_eq!(
        fixtures.id_set(&["search", "smuggling", "--origin", "Embassy Quito"]),
        set(&["05QUITO201"])
    );
    assert_eq!(
        fixtures.id_set(&["search", "smuggling", "--tag", "SNAR"]),
        set(&["07LIMA310"])
    );
    assert_eq!(
        fixtures.id_set(&["search", "tag:SNAR", "--classification", "secret"]),
        set(&["07LIMA402"])
    );
    // An empty query with filters browses.
    assert_eq!(
        fixtures.id_set(&["search", "", "--tag", "KTIP"]),
        set(&["05QUITO201", "04MANAGUA1877"])
    );
}

#[test]
fn filters_do_not_change_the_ranking_of_what_remains() {
    let fixtures = Fixtures::new();
    let plain = fixtures.json(&["search", "smuggling OR Salvadoran"]);
    let filtered = fixtures.json(&["search", "smuggling OR Salvadoran", "--from", "2000"]);
    let scores = |results: &Value| -> Vec<(String, String)> {
        results["hits"]
            .as_array()
            .expect("hits")
            .iter()
            .map(|hit| {
                (
                    hit["id"].as_str().unwrap_or_default().to_string(),
                    format!("{:.5}", hit["score"].as_f64().unwrap_or_default()),
                )
            })
            .collect()
    };
    assert_eq!(scores(&plain), scores(&filtered));
    assert_eq!(scores(&plain).len(), 3);
}

#[test]
fn date_filters_are_inclusive_at_year_month_and_day_precision() {
    let fixtures = Fixtures::new();
    let year_2006 = set(&["06SANSALVADOR455", "06QUITO1402", "06QUITO1530"]);
    assert_eq!(
        fixtures.id_set(&["search", "*", "--from", "2006", "--to", "2006"]),
        year_2006
    );
    assert_eq!(
        fixtures.id_set(&["search", "created:[2006 TO 2006]"]),
        year_2006
    );
    assert_eq!(
        fixtures.id_set(&["search", "*", "--from", "2006-06", "--to", "2006-06"]),
        set(&["06QUITO1402"])
    );
    assert_eq!(
        fixtures.id_set(&["search", "created:2006-06"]),
        set(&["06QUITO1402"])
    );
    // 06QUITO1402 was created 2006-06-05 18:25: a --to day includes its whole day.
    assert_eq!(
        fixtures.id_set(&["search", "*", "--from", "2006-06-05", "--to", "2006-06-05"]),
        set(&["06QUITO1402"])
    );
    assert_eq!(
        fixtures.id_set(&["search", "*", "--from", "2006-06-06", "--to", "2006-07-03"]),
        set(&["06QUITO1530"])
    );
    assert_eq!(
        fixtures.id_set(&["search", "*", "--to", "2002-03-22"]),
        set(&["76TEHRAN5120", "02STATE55120"])
    );
    // Released dates: one fixture was released in 2010; one has no release date at all.
    assert_eq!(
        fixtures.id_set(&["search", "*", "--released-to", "2010"]),
        set(&["76TEHRAN5120"])
    );
    let released_2011 = fixtures.id_set(&["search", "*", "--released-from", "2011"]);
    assert_eq!(released_2011.len(), 10);
    assert!(!released_2011.contains("06QUITO1402"));
}

#[test]
fn sorting_by_date_uses_the_created_date() {
    let fixtures = Fixtures::new();
    let oldest = fixtures.ids(&["search", "*", "--sort", "oldest"]);
    assert_eq!(
        oldest,
        [
            "76TEHRAN5120",
            "02STATE55120",
            "04MANAGUA1877",
            "05QUITO201",
            "06SANSALVADOR455",
            "06QUITO1402",
            "06QUITO1530",
            "07LIMA310",
            "07LIMA402",
            "08TEGUCIGALPA120",
            "08MEXICO3055",
            "09BOGOTA3515",
        ]
    );
    let mut newest = fixtures.ids(&["search", "*", "--sort", "newest"]);
    newest.reverse();
    assert_eq!(newest, oldest);
    let page = fixtures.run(&[
        "search", "*", "--sort", "newest", "--limit", "2", "--offset", "1", "--format", "ids",
    ]);
    assert_eq!(
        String::from_utf8_lossy(&page.stdout),
        "08MEXICO3055\n08TEGUCIGALPA120\n"
    );
}

#[test]
fn histogram_counts_matches_per_year_and_month_with_gaps() {
    let fixtures = Fixtures::new();
    let by_year = fixtures.json(&["search", "*", "--tag", "SNAR", "--histogram", "year"]);
    assert_eq!(
        by_year["histogram"],
        json!([
            {"bucket": "2007", "count": 2},
            {"bucket": "2008", "count": 0},
            {"bucket": "2009", "count": 1},
        ])
    );
    let by_month = fixtures.json(&[
        "search",
        "*",
        "--from",
        "2006",
        "--to",
        "2006",
        "--histogram",
        "month",
    ]);
    assert_eq!(
        by_month["histogram"],
        json!([
            {"bucket": "2006-05", "count": 1},
            {"bucket": "2006-06", "count": 1},
            {"bucket": "2006-07", "count": 1},
        ])
    );
    let table = fixtures.run(&["search", "*", "--tag", "SNAR", "--histogram", "year"]);
    let text = String::from_utf8_lossy(&table.stdout);
    assert!(text.contains("over time:"), "{text}");
    assert!(text.contains("  2008       0  \n"), "{text}");
}

#[test]
fn citations_browse_both_ways() {
    let fixtures = Fixtures::new();
    let citing = fixtures.json(&["show", "06QUITO1530"]);
    assert_eq!(citing["references"], json!(["06QUITO1402", "05QUITO201"]));
    assert_eq!(citing["cited_by"], json!([]));
    let cited = fixtures.json(&["show", "06QUITO1402"]);
    assert_eq!(cited["cited_by"], json!(["06QUITO1530"]));
    assert_eq!(
        fixtures.id_set(&["search", "*", "--cites", "05QUITO201"]),
        set(&["06QUITO1530"])
    );
    assert_eq!(
        fixtures.id_set(&["search", "*", "--cited-by", "06QUITO1530"]),
        set(&["06QUITO1402", "05QUITO201"])
    );
    assert_eq!(
        fixtures.id_set(&["search", "*", "--cited-by", "07LIMA402"]),
        set(&["07LIMA310"])
    );
    let text = fixtures.run(&["show", "06QUITO1402"]);
    assert!(String::from_utf8_lossy(&text.stdout).contains("Cited by       06QUITO1530"));
}

#[test]
fn similar_ranks_other_cables_and_never_the_cable_itself() {
    let fixtures = Fixtures::new();
    let results = fixtures.json(&["similar", "06QUITO1530"]);
    assert_eq!(results["query"], "similar:06QUITO1530");
    let ids: Vec<&str> = results["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .filter_map(|hit| hit["id"].as_str())
        .collect();
    assert!(!ids.contains(&"06QUITO1530"));
    // 06QUITO1530 (mayors complain about relief after the ashfall) shares its post, people and
    // words with the two Quito cables it cites: the ashfall one ranks first and both are in the
    // top three (a long 1976 Tehran cable that shares many common words ranks between them).
    assert_eq!(ids.first(), Some(&"06QUITO1402"), "{ids:?}");
    let mut top_three = ids[..3.min(ids.len())].to_vec();
    top_three.retain(|id| id.contains("QUITO"));
    top_three.sort_unstable();
    assert_eq!(top_three, ["05QUITO201", "06QUITO1402"], "{ids:?}");
    let scores: Vec<f64> = results["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .filter_map(|hit| hit["score"].as_f64())
        .collect();
    assert!(
        scores.windows(2).all(|pair| pair[0] >= pair[1]),
        "{scores:?}"
    );
    let unknown = fixtures.run(&["similar", "99NOWHERE1"]);
    assert_eq!(unknown.status.code(), Some(1));
}

#[test]
fn a_filter_value_that_matches_nothing_says_so_with_close_values() {
    let fixtures = Fixtures::new();
    let output = fixtures.run(&["search", "*", "--tag", "KTIPX"]);
    assert_eq!(output.status.code(), Some(1));
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(
        message.contains("no cable has --tag \"KTIPX\"; close values: KTIP"),
        "{message}"
    );
    let output = fixtures.run(&["search", "*", "--origin", "Embasy Quito"]);
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(message.contains("close values: Embassy Quito"), "{message}");
    let output = fixtures.run(&["search", "*", "--from", "July"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn stats_reports_counts_dates_size_and_facets() {
    let fixtures = Fixtures::new();
    let output = fixtures.run(&["stats", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0));
    let stats: Value = serde_json::from_slice(&output.stdout).expect("json");
    assert_eq!(stats["cables"], 12);
    assert_eq!(stats["first"], "1976-05-24T08:40:00Z");
    assert_eq!(stats["last"], "2009-11-19T21:45:00Z");
    assert!(stats["index_bytes"]
        .as_u64()
        .is_some_and(|bytes| bytes > 10_000));
    let keys: BTreeSet<&str> = stats["facets"]
        .as_object()
        .expect("facets")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        BTreeSet::from(["classification", "official", "origin", "tag", "year"])
    );
    assert_eq!(pairs(&stats["facets"]["tag"])[0], ("PREL".to_string(), 5));
}

#[test]
fn csv_output_has_a_header_and_one_row_per_hit() {
    let fixtures = Fixtures::new();
    let output = fixtures.run(&["search", "smuggling OR Salvadoran", "--format", "csv"]);
    let text = String::from_utf8_lossy(&output.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "rank,id,created,released,classification,origin,subject,tags,officials,score,snippet"
    );
    assert!(
        lines[1].starts_with("1,05QUITO201,2005-02-14T17:20:00Z,"),
        "{}",
        lines[1]
    );
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(reader.records().count(), 3);
}
