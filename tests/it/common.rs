//! Helpers shared by the end-to-end tests: run the real binary and read what it printed.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

/// The `cables` binary under test.
pub fn cables() -> Command {
    Command::cargo_bin("cables").expect("the cables binary is built")
}

/// Runs `cables` with these arguments and waits for it.
pub fn run(args: &[&str]) -> Output {
    cables().args(args).output().expect("run cables")
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A path as an argument (temporary paths are UTF-8).
pub fn path_str(path: &Path) -> &str {
    path.to_str().expect("temp paths are UTF-8")
}

/// A file or folder under `tests/fixtures`.
pub fn fixtures(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Every cable ID in an index, in the order search lists them (duplicates would show).
pub fn id_list(index: &Path) -> Vec<String> {
    let output = run(&[
        "search",
        "*",
        "--all",
        "--format",
        "ids",
        "--index",
        path_str(index),
    ]);
    assert!(
        matches!(output.status.code(), Some(0) | Some(1)),
        "{}",
        stderr(&output)
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(str::to_string)
        .collect()
}

/// Every cable ID in an index.
pub fn all_ids(index: &Path) -> BTreeSet<String> {
    id_list(index).into_iter().collect()
}
