//! End-to-end tests: run the real `cables` binary on the fixture cables in temporary indexes.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cables")
}

fn cables() -> Command {
    let mut command = Command::cargo_bin("cables").expect("the cables binary is built");
    command.env("NO_COLOR", "1");
    command
}

/// A fresh index of the fixture cables.
struct Indexed {
    dir: TempDir,
}

impl Indexed {
    fn new() -> Indexed {
        Indexed::of(&fixtures())
    }

    fn of(corpus: &Path) -> Indexed {
        let dir = TempDir::new().expect("temp dir");
        let output = cables()
            .arg("index")
            .arg(corpus)
            .arg("--index")
            .arg(dir.path().join("index"))
            .output()
            .expect("run cables index");
        assert!(
            matches!(output.status.code(), Some(0) | Some(3)),
            "index failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        Indexed { dir }
    }

    fn index(&self) -> PathBuf {
        self.dir.path().join("index")
    }

    /// `cables index CORPUS` again into this index.
    fn reindex(&self, corpus: &Path) -> Output {
        cables()
            .arg("index")
            .arg(corpus)
            .arg("--index")
            .arg(self.index())
            .output()
            .expect("run cables index")
    }

    fn run(&self, args: &[&str]) -> Output {
        cables()
            .args(args)
            .arg("--index")
            .arg(self.index())
            .output()
            .expect("run cables")
    }

    fn ids(&self, query: &str) -> BTreeSet<String> {
        let output = self.run(&["search", query, "--all", "--format", "ids"]);
        assert!(
            matches!(output.status.code(), Some(0) | Some(1)),
            "query {query:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .map(str::to_string)
            .collect()
    }

    fn json(&self, args: &[&str]) -> Value {
        let output = self.run(args);
        serde_json::from_slice(&output.stdout).unwrap_or_else(|error| {
            panic!(
                "{args:?} printed no JSON ({error}): {}",
                String::from_utf8_lossy(&output.stderr)
            )
        })
    }
}

fn set(ids: &[&str]) -> BTreeSet<String> {
    ids.iter().map(|id| id.to_string()).collect()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

const ALL_FIXTURES: [&str; 12] = [
    "02STATE55120",
    "04MANAGUA1877",
    "05QUITO201",
    "06QUITO1402",
    "06QUITO1530",
    "06SANSALVADOR455",
    "07LIMA310",
    "07LIMA402",
    "08MEXICO3055",
    "08TEGUCIGALPA120",
    "09BOGOTA3515",
    "76TEHRAN5120",
];

#[test]
fn every_query_in_the_truth_table_returns_its_exact_cable_set() {
    let indexed = Indexed::new();
    let table = std::fs::read_to_string(fixtures().join("../queries.tsv")).expect("queries.tsv");
    let mut failures = Vec::new();
    for line in table.lines().filter(|line| !line.trim().is_empty()) {
        let (query, expected) = line.split_once('\t').unwrap_or((line, ""));
        let expected: BTreeSet<String> = expected
            .split(',')
            .map(str::trim)
            .filter(|id| !id.is_empty())
            .map(str::to_string)
            .collect();
        let found = indexed.ids(query);
        if found != expected {
            failures.push(format!("{query:?}: expected {expected:?}, found {found:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn boolean_operators_give_distinct_answers() {
    let indexed = Indexed::new();
    assert_eq!(
        indexed.ids("smuggling AND Salvadoran"),
        set(&["05QUITO201"])
    );
    assert_eq!(
        indexed.ids("smuggling OR Salvadoran"),
        set(&["05QUITO201", "07LIMA310", "06SANSALVADOR455"])
    );
    assert_eq!(indexed.ids("smuggling NOT Salvadoran"), set(&["07LIMA310"]));
    assert_eq!(
        indexed.ids("(smuggling OR caviar) AND NOT salvadoran"),
        set(&["07LIMA310", "76TEHRAN5120"])
    );
}

#[test]
fn phrases_need_adjacent_words() {
    let indexed = Indexed::new();
    assert_eq!(
        indexed.ids("\"border patrol agents\""),
        set(&["08TEGUCIGALPA120"])
    );
    assert_eq!(
        indexed.ids("border patrol agents"),
        set(&["08TEGUCIGALPA120", "08MEXICO3055"])
    );
}

#[test]
fn matching_ignores_case_and_accents() {
    let indexed = Indexed::new();
    for query in ["nunez", "NÚÑEZ", "Núñez", "ramon"] {
        assert_eq!(indexed.ids(query), set(&["09BOGOTA3515"]), "{query}");
    }
    assert_eq!(indexed.ids("CAVIAR"), set(&["76TEHRAN5120"]));
}

#[test]
fn star_matches_every_cable_and_pages_work() {
    let indexed = Indexed::new();
    assert_eq!(indexed.ids("*"), set(&ALL_FIXTURES));
    let page = indexed.json(&[
        "search", "*", "--limit", "3", "--offset", "10", "--format", "json",
    ]);
    assert_eq!(page["total"], 12);
    assert_eq!(page["hits"].as_array().map(Vec::len), Some(2));
}

#[test]
fn search_json_has_the_documented_keys() {
    let indexed = Indexed::new();
    let results = indexed.json(&["search", "smuggling AND Salvadoran", "--format", "json"]);
    let keys: BTreeSet<&str> = results
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, BTreeSet::from(["query", "total", "hits", "facets"]));
    assert_eq!(results["query"], "smuggling AND Salvadoran");
    assert_eq!(results["total"], 1);
    let hit = &results["hits"][0];
    let hit_keys: BTreeSet<&str> = hit
        .as_object()
        .expect("hit object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        hit_keys,
        BTreeSet::from([
            "id",
            "created",
            "released",
            "classification",
            "origin",
            "subject",
            "tags",
            "officials",
            "score",
            "snippet"
        ])
    );
    assert_eq!(hit["id"], "05QUITO201");
    assert_eq!(hit["created"], "2005-02-14T17:20:00Z");
    assert_eq!(hit["released"], "2011-08-30T01:44:00Z");
    assert_eq!(hit["classification"], "CONFIDENTIAL");
    assert_eq!(hit["origin"], "Embassy Quito");
    assert_eq!(hit["subject"], "POLICE DISMANTLE MIGRANT RING IN MANTA");
    assert_eq!(
        hit["tags"],
        serde_json::json!(["KTIP", "SMIG", "KCRM", "EC"])
    );
    assert!(hit["score"].as_f64().is_some_and(|score| score > 0.0));
    let snippet = hit["snippet"].as_str().expect("snippet");
    assert!(snippet.contains("smuggling"), "{snippet}");
}

#[test]
fn jsonl_and_ids_list_hits_in_rank_order() {
    let indexed = Indexed::new();
    let ids = indexed.run(&["search", "smuggling OR Salvadoran", "--format", "ids"]);
    let ids: Vec<String> = String::from_utf8_lossy(&ids.stdout)
        .lines()
        .map(str::to_string)
        .collect();
    // The cable with both words ranks first.
    assert_eq!(ids.first().map(String::as_str), Some("05QUITO201"));
    let jsonl = indexed.run(&["search", "smuggling OR Salvadoran", "--format", "jsonl"]);
    let from_jsonl: Vec<String> = String::from_utf8_lossy(&jsonl.stdout)
        .lines()
        .map(|line| {
            let hit: Value = serde_json::from_str(line).expect("one JSON hit per line");
            hit["id"].as_str().unwrap_or_default().to_string()
        })
        .collect();
    assert_eq!(from_jsonl, ids);
}

#[test]
fn table_output_shows_rank_id_date_origin_and_snippet() {
    let indexed = Indexed::new();
    let output = indexed.run(&["search", "caviar"]);
    assert_eq!(output.status.code(), Some(0));
    let table = String::from_utf8_lossy(&output.stdout);
    assert!(table.starts_with("1 cable match \"caviar\""), "{table}");
    assert!(
        table.contains("1. 76TEHRAN5120  1976-05-"),
        "rank, ID and date: {table}"
    );
    assert!(table.contains("Embassy Tehran  SECRET"), "{table}");
    assert!(table.to_lowercase().contains("caviar"), "{table}");
    assert!(!table.contains('\u{1b}'), "no colour when piped: {table:?}");
}

#[test]
fn show_json_has_the_full_record() {
    let indexed = Indexed::new();
    let cable = indexed.json(&["show", "05quito201", "--format", "json"]);
    assert_eq!(cable["id"], "05QUITO201");
    assert_eq!(cable["created"], "2005-02-14T17:20:00Z");
    assert_eq!(cable["origin"], "Embassy Quito");
    assert_eq!(
        cable["classified_by"],
        "PolCouns Ana Whitfield for reasons 1.4 (b) and (d)"
    );
    assert_eq!(cable["references"], serde_json::json!([]));
    let body = cable["body"].as_str().expect("body");
    assert!(
        body.starts_with("C O N F I D E N T I A L QUITO 000201"),
        "{body}"
    );
    assert!(body.trim_end().ends_with("KENNEY"), "{body}");
    assert!(cable["path"]
        .as_str()
        .is_some_and(|path| path.ends_with("05QUITO201.txt")));
    for key in ["score", "snippet"] {
        assert!(cable.get(key).is_none(), "show has no {key}");
    }
    assert_eq!(cable["topics"][0]["code"], "KTIP");
    assert_eq!(cable["topics"][0]["name"], "Trafficking in persons");
}

#[test]
fn show_of_an_unknown_id_exits_1() {
    let indexed = Indexed::new();
    let output = indexed.run(&["show", "99NOWHERE1"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("no cable with ID 99NOWHERE1"));
}

#[test]
fn broken_files_are_reported_and_the_rest_is_indexed() {
    let dir = TempDir::new().expect("temp dir");
    let output = cables()
        .arg("index")
        .arg(fixtures())
        .arg("--index")
        .arg(dir.path().join("index"))
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(3), "exit 3: finished with skips");
    let errors = stderr(&output);
    assert!(
        errors.contains("broken.txt: not a cable"),
        "names the file and why: {errors}"
    );
    assert!(
        errors.contains("05LAPAZ118.txt: line 2: invalid Created date \"2005-13-45 99:99\""),
        "{errors}"
    );
    let summary = String::from_utf8_lossy(&output.stdout);
    assert!(
        summary.starts_with("indexed 12 cables, skipped 2 files"),
        "{summary}"
    );
}

#[test]
fn indexing_twice_leaves_each_cable_once() {
    let indexed = Indexed::new();
    let again = indexed.reindex(&fixtures());
    assert_eq!(again.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&again.stdout).contains("now holds 12 cables"));
    let all = indexed.json(&["search", "*", "--all", "--format", "json"]);
    assert_eq!(all["total"], 12);
    let ids: Vec<&str> = all["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .filter_map(|hit| hit["id"].as_str())
        .collect();
    assert_eq!(ids.iter().collect::<BTreeSet<_>>().len(), 12);
}

#[test]
fn a_changed_cable_replaces_its_old_version() {
    let corpus = TempDir::new().expect("temp dir");
    let source = fixtures().join("2007/03/07LIMA310.txt");
    let copy = corpus.path().join("07LIMA310.txt");
    std::fs::copy(&source, &copy).expect("copy");
    let indexed = Indexed::of(corpus.path());
    assert_eq!(indexed.ids("cocaine"), set(&["07LIMA310"]));
    let text = std::fs::read_to_string(&source).expect("read");
    let edited = text
        .replace("COCAINE", "HEROIN")
        .replace("cocaine", "heroin");
    std::fs::write(&copy, edited).expect("write");
    let output = indexed.reindex(corpus.path());
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(indexed.ids("cocaine"), set(&[]));
    assert_eq!(indexed.ids("heroin"), set(&["07LIMA310"]));
    assert_eq!(indexed.ids("*").len(), 1);
}

#[test]
fn the_same_id_in_two_files_is_kept_once_with_the_later_release() {
    let corpus = TempDir::new().expect("temp dir");
    let text = std::fs::read_to_string(fixtures().join("2007/03/07LIMA310.txt")).expect("read");
    std::fs::write(corpus.path().join("a.txt"), &text).expect("write");
    let later = text.replace("2011-08-30 01:44", "2011-09-01 00:00") + "\nxylophonic addendum\n";
    std::fs::write(corpus.path().join("b.txt"), later).expect("write");
    let indexed = Indexed::of(corpus.path());
    assert_eq!(indexed.ids("*"), set(&["07LIMA310"]));
    assert_eq!(indexed.ids("xylophonic"), set(&["07LIMA310"]));
}

/// The same, across runs: a cable already in the index, met again in a new file, replaces
/// the indexed copy (the run deletes only IDs the index held or the run wrote, so this is
/// the case that must still delete).
#[test]
fn an_indexed_cable_met_again_in_a_new_file_is_replaced_not_doubled() {
    let corpus = TempDir::new().expect("temp dir");
    let text = std::fs::read_to_string(fixtures().join("2007/03/07LIMA310.txt")).expect("read");
    std::fs::write(corpus.path().join("a.txt"), &text).expect("write");
    let indexed = Indexed::of(corpus.path());
    assert_eq!(indexed.ids("*"), set(&["07LIMA310"]));
    let later = text.replace("2011-08-30 01:44", "2011-09-01 00:00") + "\nxylophonic addendum\n";
    std::fs::write(corpus.path().join("b.txt"), later).expect("write");
    let output = indexed.reindex(corpus.path());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let all = indexed.json(&["search", "*", "--all", "--format", "json"]);
    assert_eq!(all["total"], 1);
    assert_eq!(indexed.ids("xylophonic"), set(&["07LIMA310"]));
}

#[test]
fn syntax_errors_name_the_column_and_exit_2() {
    let indexed = Indexed::new();
    let output = indexed.run(&["search", "smuggling \"alien"]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(message.contains("column 11"), "{message}");
    assert!(message.contains("never closed"), "{message}");
    let output = indexed.run(&["search", "colour:red"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("unknown field `colour`"));
}

#[test]
fn no_match_exits_1_with_an_empty_result() {
    let indexed = Indexed::new();
    let output = indexed.run(&["search", "xylophone", "--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let results: Value = serde_json::from_slice(&output.stdout).expect("json");
    assert_eq!(results["total"], 0);
    assert_eq!(results["hits"], serde_json::json!([]));
    let hinted = indexed.run(&["search", "smuggling xylophone"]);
    assert_eq!(hinted.status.code(), Some(1));
    assert!(
        stderr(&hinted).contains(
            "no cable has all of these words; 2 have at least one (search \"smuggling OR xylophone\")"
        ),
        "{}",
        stderr(&hinted)
    );
}

#[test]
fn a_missing_index_is_an_error_that_says_how_to_build_it() {
    let dir = TempDir::new().expect("temp dir");
    let output = cables()
        .args(["search", "smuggling", "--index"])
        .arg(dir.path().join("nothing"))
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("run `cables index"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn hostile_queries_get_an_error_or_an_answer_never_a_crash() {
    let indexed = Indexed::new();
    let deep = format!("{}smuggling{}", "(".repeat(500), ")".repeat(500));
    let many = "word ".repeat(10_000);
    // (query, exit code, what the message names: the column, or the limit broken).
    let cases: [(&str, i32, &str); 17] = [
        (
            deep.as_str(),
            2,
            "column 33: parentheses nest deeper than 32 levels",
        ),
        (
            many.as_str(),
            2,
            "column 10001: the query is longer than 10000 characters",
        ),
        ("\"", 2, "column 1: this `\"` is never closed"),
        ("((", 2, "column 2: this `(` is never closed"),
        (")", 2, "column 1: this `)` closes nothing"),
        ("AND", 2, "column 1: `AND` has nothing on its right"),
        ("NOT", 2, "column 1: `NOT` has nothing on its right"),
        ("-", 2, "column 1"),
        ("tag:", 2, "column 1"),
        (":", 2, "column 1"),
        ("created:[2003 TO", 2, "column 1"),
        ("created:[x TO y]", 2, "column 10: invalid date `x`"),
        ("*:*", 2, "column 1"),
        (
            "a\u{7}b",
            2,
            "column 2: the query holds a control character",
        ),
        ("^2", 2, "column 1"),
        // Well-formed queries that match nothing.
        ("body:\"\"", 1, ""),
        ("🙂", 1, ""),
    ];
    for (query, expected, message) in cases {
        let output = indexed.run(&["search", query]);
        assert_eq!(
            output.status.code(),
            Some(expected),
            "query {query:?}: {}",
            stderr(&output)
        );
        assert!(
            !stderr(&output).contains("panicked"),
            "query {query:?} panicked: {}",
            stderr(&output)
        );
        if expected == 2 {
            assert!(
                stderr(&output).contains(message),
                "query {query:?}: the message should say {message:?}: {}",
                stderr(&output)
            );
        }
    }
    let huge = indexed.run(&["search", "smuggling", "--limit", "999999999999"]);
    assert_eq!(huge.status.code(), Some(2));
    assert!(stderr(&huge).contains("--limit"));
}

#[test]
fn the_key_cable_names_its_people_and_a_surname_finds_the_same_cables_as_the_full_name() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let indexed = Indexed::of(&corpus);
    let first = indexed.run(&["search", "smuggling AND Salvadoran", "--format", "ids"]);
    assert_eq!(
        String::from_utf8_lossy(&first.stdout).lines().next(),
        Some("03GUATEMALA1815")
    );
    let cable = indexed.json(&["show", "03GUATEMALA1815", "--format", "json"]);
    let officials: BTreeSet<&str> = cable["officials"]
        .as_array()
        .expect("officials")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    for person in [
        "Greg Holliday",
        "Oscar Contreras Hernandez",
        "Marilys Barrientos de Estrada",
        "David Lindwall",
    ] {
        assert!(officials.contains(person), "{person} in {officials:?}");
    }
    assert!(
        officials.contains("Mario René Cifuentes") || officials.contains("Mario Rene Cifuentes"),
        "{officials:?}"
    );
    let by_surname = indexed.ids("official:\"Contreras\"");
    let by_name = {
        let output = indexed.run(&[
            "search",
            "*",
            "--official",
            "Oscar Contreras Hernandez",
            "--all",
            "--format",
            "ids",
        ]);
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .map(str::to_string)
            .collect::<BTreeSet<_>>()
    };
    assert_eq!(by_surname, by_name);
    assert_eq!(
        by_name,
        set(&[
            "03GUATEMALA1702",
            "03GUATEMALA1815",
            "03GUATEMALA2044",
            "04GUATEMALA412"
        ])
    );
}

/// A page past the last match is empty, however far: the depth asked of the top-k collector
/// is capped at the number of cables (an offset of 10^11 once made it allocate terabytes).
#[test]
fn an_offset_far_past_the_matches_is_an_empty_page() {
    let indexed = Indexed::new();
    for extra in [&[][..], &["--sort", "newest"][..]] {
        let mut args = vec![
            "search",
            "minister",
            "--offset",
            "100000000000",
            "--format",
            "ids",
        ];
        args.extend_from_slice(extra);
        let output = indexed.run(&args);
        assert_eq!(output.status.code(), Some(0), "{:?}", output);
        assert!(output.stdout.is_empty(), "{:?}", output);
    }
}
