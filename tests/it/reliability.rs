//! Reliability: a killed indexer, a second writer, read-only use, damaged indexes, faulty
//! files and hostile arguments, each driven through the real binary.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use tempfile::TempDir;

use crate::common::{cables, fixtures, id_list, path_str, run, stderr};

fn binary() -> PathBuf {
    assert_cmd::cargo::cargo_bin("cables")
}

/// A synthetic corpus and the IDs its manifest lists.
fn synth(dir: &Path, count: usize) -> BTreeSet<String> {
    let output = run(&[
        "synth",
        "--out",
        path_str(dir),
        "--count",
        &count.to_string(),
        "--seed",
        "7",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let manifest = std::fs::read_to_string(dir.join("manifest.jsonl")).expect("manifest");
    manifest
        .lines()
        .map(|line| {
            let entry: serde_json::Value = serde_json::from_str(line).expect("manifest line");
            entry["id"].as_str().expect("id").to_string()
        })
        .collect()
}

fn start_indexer(corpus: &Path, index: &Path) -> Child {
    std::process::Command::new(binary())
        .args(["index", path_str(corpus), "--index", path_str(index)])
        .args(["--commit-every", "100", "--threads", "1"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the indexer")
}

/// Waits until the indexer has committed at least once (the ingest record appears).
fn wait_for_first_commit(index: &Path, child: &mut Child) -> bool {
    let deadline = Instant::now() + Duration::from_secs(120);
    while Instant::now() < deadline {
        if index.join("cables-ingest.json").exists() {
            return true;
        }
        if let Ok(Some(_)) = child.try_wait() {
            return index.join("cables-ingest.json").exists();
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    false
}

#[test]
fn a_killed_indexer_leaves_whole_committed_cables_and_a_rerun_completes() {
    let dir = TempDir::new().expect("temp dir");
    let corpus = dir.path().join("corpus");
    let index = dir.path().join("index");
    let expected = synth(&corpus, 1200);
    assert_eq!(expected.len(), 1200);

    let mut child = start_indexer(&corpus, &index);
    assert!(wait_for_first_commit(&index, &mut child), "no commit seen");
    child.kill().expect("kill -9 the indexer");
    let status = child.wait().expect("reap");
    let killed_mid_run = !status.success();

    let after_kill = id_list(&index);
    let unique: BTreeSet<String> = after_kill.iter().cloned().collect();
    assert_eq!(unique.len(), after_kill.len(), "each cable at most once");
    assert!(unique.is_subset(&expected), "only real cables");
    assert!(!unique.is_empty(), "the first commit survived");
    if killed_mid_run {
        assert!(unique.len() < expected.len(), "killed before the end");
    }

    let rerun = run(&["index", path_str(&corpus), "--index", path_str(&index)]);
    assert_eq!(rerun.status.code(), Some(0), "{}", stderr(&rerun));
    let after_rerun = id_list(&index);
    assert_eq!(after_rerun.len(), expected.len(), "each cable exactly once");
    assert_eq!(
        after_rerun.into_iter().collect::<BTreeSet<_>>(),
        expected,
        "the whole corpus"
    );
    let check = run(&["check", "--index", path_str(&index)]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
}

#[test]
fn a_second_writer_fails_fast_and_a_stale_lock_does_not_block() {
    let dir = TempDir::new().expect("temp dir");
    let corpus = dir.path().join("corpus");
    let index = dir.path().join("index");
    let expected = synth(&corpus, 1200);
    let mut child = start_indexer(&corpus, &index);
    assert!(wait_for_first_commit(&index, &mut child), "no commit seen");
    let running = child.try_wait().expect("poll").is_none();

    if running {
        let second = run(&["index", path_str(&corpus), "--index", path_str(&index)]);
        assert_eq!(second.status.code(), Some(2));
        assert!(
            stderr(&second).contains("is being written by another cables process"),
            "{}",
            stderr(&second)
        );
    }
    // Searches run while the writer works and see its last commit.
    let during = id_list(&index);
    assert!(!during.is_empty());
    assert!(during.iter().all(|id| expected.contains(id)));

    child.kill().expect("kill -9");
    child.wait().expect("reap");
    let next = run(&["index", path_str(&corpus), "--index", path_str(&index)]);
    assert_eq!(next.status.code(), Some(0), "{}", stderr(&next));
    assert_eq!(id_list(&index).len(), expected.len());
}

fn snapshot(dir: &Path) -> BTreeSet<(String, u64, Option<std::time::SystemTime>)> {
    std::fs::read_dir(dir)
        .expect("list")
        .filter_map(|entry| entry.ok())
        .map(|entry| {
            let metadata = entry.metadata().expect("metadata");
            (
                entry.file_name().to_string_lossy().into_owned(),
                metadata.len(),
                metadata.modified().ok(),
            )
        })
        .collect()
}

fn index_fixtures(index: &Path) {
    let output = run(&[
        "index",
        path_str(&fixtures("cables")),
        "--index",
        path_str(index),
    ]);
    assert_eq!(output.status.code(), Some(3), "{}", stderr(&output));
}

#[test]
fn reading_commands_write_nothing_into_the_index() {
    let dir = TempDir::new().expect("temp dir");
    let index = dir.path().join("index");
    index_fixtures(&index);
    let before = snapshot(&index);
    let index_arg = path_str(&index);
    for args in [
        vec!["search", "smuggling", "--facet", "tag,official"],
        vec!["show", "05QUITO201"],
        vec!["similar", "05QUITO201"],
        vec!["stats"],
    ] {
        let mut full = args.clone();
        full.extend(["--index", index_arg]);
        let output = run(&full);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{args:?}: {}",
            stderr(&output)
        );
    }
    let check = run(&["check", "--index", index_arg]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    assert_eq!(
        snapshot(&index),
        before,
        "no lock or other file was written"
    );
}

/// On a read-only bind mount. It needs root (`chmod` does not stop root, so only a read-only
/// mount tests this): build.rs sets `cfg(as_root)` when building as root, as CI does, and the
/// test is ignored elsewhere; when it runs, failing to make the mount fails the test.
#[test]
#[cfg_attr(
    not(as_root),
    ignore = "needs root and mount(8) for a read-only bind mount"
)]
fn searches_work_on_a_read_only_mount() {
    let dir = TempDir::new().expect("temp dir");
    let index = dir.path().join("index");
    let mount = dir.path().join("mounted");
    std::fs::create_dir_all(&mount).expect("mount point");
    index_fixtures(&index);
    let bind = std::process::Command::new("mount")
        .args(["--bind", path_str(&index), path_str(&mount)])
        .output();
    match &bind {
        Ok(output) => assert!(
            output.status.success(),
            "mount --bind failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ),
        Err(error) => panic!("cannot run mount(8): {error}"),
    }
    let remount = std::process::Command::new("mount")
        .args(["-o", "remount,ro,bind", path_str(&mount)])
        .output()
        .is_ok_and(|output| output.status.success());
    let read_only = remount && std::fs::write(mount.join("probe"), b"x").is_err();
    if !read_only {
        let _ = std::process::Command::new("umount").arg(&mount).output();
        panic!("cannot make a read-only bind mount (remount succeeded: {remount})");
    }
    let results = run(&[
        "search",
        "smuggling",
        "--format",
        "ids",
        "--index",
        path_str(&mount),
    ]);
    let stats = run(&["stats", "--index", path_str(&mount)]);
    // Writing to read-only media fails cleanly and leaves the last commit usable.
    let write = run(&[
        "index",
        path_str(&fixtures("cables")),
        "--rebuild",
        "--index",
        path_str(&mount),
    ]);
    let after_write = run(&[
        "search",
        "smuggling",
        "--format",
        "ids",
        "--index",
        path_str(&mount),
    ]);
    let _ = std::process::Command::new("umount").arg(&mount).output();
    assert_eq!(results.status.code(), Some(0), "{}", stderr(&results));
    assert_eq!(
        String::from_utf8_lossy(&results.stdout)
            .lines()
            .collect::<BTreeSet<_>>(),
        BTreeSet::from(["05QUITO201", "07LIMA310"])
    );
    assert_eq!(stats.status.code(), Some(0), "{}", stderr(&stats));
    assert_eq!(write.status.code(), Some(2), "{}", stderr(&write));
    assert!(
        stderr(&write).contains("cannot write the index here"),
        "{}",
        stderr(&write)
    );
    assert_eq!(
        after_write.status.code(),
        Some(0),
        "{}",
        stderr(&after_write)
    );
}

#[test]
fn damaged_indexes_are_reported_with_how_to_rebuild() {
    let dir = TempDir::new().expect("temp dir");
    let index = dir.path().join("index");
    let index_arg = path_str(&index);
    index_fixtures(&index);

    // A deleted segment file.
    let segment_file = std::fs::read_dir(&index)
        .expect("list")
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .find(|path| path.extension().is_some_and(|ext| ext == "idx"))
        .expect("a segment file");
    std::fs::remove_file(&segment_file).expect("delete");
    let search = run(&["search", "smuggling", "--index", index_arg]);
    assert_eq!(search.status.code(), Some(2));
    assert!(stderr(&search).contains("rebuild"), "{}", stderr(&search));
    let check = run(&["check", "--index", index_arg]);
    assert_eq!(check.status.code(), Some(2));
    assert!(stderr(&check).contains("rebuild"), "{}", stderr(&check));

    // --rebuild starts clean.
    let rebuild = run(&[
        "index",
        path_str(&fixtures("cables")),
        "--rebuild",
        "--index",
        index_arg,
    ]);
    assert_eq!(rebuild.status.code(), Some(3), "{}", stderr(&rebuild));
    assert_eq!(id_list(&index).len(), 12);

    // A truncated meta.json.
    let meta = index.join("meta.json");
    let text = std::fs::read(&meta).expect("meta");
    std::fs::write(&meta, &text[..text.len() / 2]).expect("truncate");
    let search = run(&["search", "smuggling", "--index", index_arg]);
    assert_eq!(search.status.code(), Some(2));
    assert!(
        stderr(&search).contains("rebuild it with"),
        "{}",
        stderr(&search)
    );

    // A deleted meta.json: indexing again builds a whole new index despite the old record.
    std::fs::remove_file(&meta).expect("delete meta");
    let again = run(&["index", path_str(&fixtures("cables")), "--index", index_arg]);
    assert_eq!(again.status.code(), Some(3), "{}", stderr(&again));
    assert_eq!(id_list(&index).len(), 12);

    // Another schema version.
    std::fs::write(
        index.join("cables-index.json"),
        r#"{"schema_version": 999, "written_by": "cables 9"}"#,
    )
    .expect("stamp");
    let search = run(&["search", "smuggling", "--index", index_arg]);
    assert_eq!(search.status.code(), Some(2));
    let message = stderr(&search);
    assert!(message.contains("schema version 999"), "{message}");
    assert!(message.contains("--rebuild"), "{message}");

    // A folder that is not an index.
    let plain = dir.path().join("plain");
    std::fs::create_dir_all(&plain).expect("dir");
    std::fs::write(plain.join("notes.txt"), "hello").expect("file");
    let search = run(&["search", "smuggling", "--index", path_str(&plain)]);
    assert_eq!(search.status.code(), Some(2));
    assert!(
        stderr(&search).contains("no index at"),
        "{}",
        stderr(&search)
    );
    let refused = run(&[
        "index",
        path_str(&fixtures("cables")),
        "--rebuild",
        "--index",
        path_str(&plain),
    ]);
    assert!(
        plain.join("notes.txt").exists(),
        "never deletes other files"
    );
    assert!(matches!(refused.status.code(), Some(3) | Some(2)));
}

#[test]
fn faulty_files_are_skipped_with_a_reason_and_the_rest_is_indexed() {
    let dir = TempDir::new().expect("temp dir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(&corpus).expect("corpus");
    std::fs::copy(
        fixtures("cables").join("2007/03/07LIMA310.txt"),
        corpus.join("07LIMA310.txt"),
    )
    .expect("copy");
    // A legacy Windows-1252 cable: "René" as the byte 0xE9.
    let mut legacy = b"Reference ID: 06QUITO77\r\nCreated: 2006-01-02 10:00\r\n\r\nSUBJECT: VISIT\r\n\r\n1. (U) Vice Minister Ren".to_vec();
    legacy.extend(b"\xe9 Ortega met poloff.\r\n");
    std::fs::write(corpus.join("06QUITO77.txt"), legacy).expect("legacy");
    std::fs::write(
        corpus.join("06QUITO78.txt"),
        b"\xEF\xBB\xBFReference ID: 06QUITO78\nCreated: 2006-01-03 10:00\n\nSUBJECT: BOM\n\n1. (U) Quinoa.\n",
    )
    .expect("BOM file");
    std::fs::write(corpus.join("empty.txt"), b"").expect("empty");
    std::fs::create_dir_all(corpus.join("05QUITO999.txt")).expect("dir named like a cable");
    let huge = std::fs::File::create(corpus.join("huge.txt")).expect("huge");
    huge.set_len(200 * 1024 * 1024).expect("sparse 200 MB");
    #[cfg(unix)]
    std::os::unix::fs::symlink(&corpus, corpus.join("loop")).expect("symlink loop");

    let index = dir.path().join("index");
    let output = run(&["index", path_str(&corpus), "--index", path_str(&index)]);
    assert_eq!(output.status.code(), Some(3), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(
        message.contains("empty.txt: not a cable: the file is empty"),
        "{message}"
    );
    assert!(
        message.contains("huge.txt: not a cable: larger than 64 MB"),
        "{message}"
    );
    #[cfg(unix)]
    assert!(message.contains("symbolic link loop"), "{message}");
    assert_eq!(
        id_list(&index).into_iter().collect::<BTreeSet<_>>(),
        BTreeSet::from(["06QUITO77", "06QUITO78", "07LIMA310"].map(String::from))
    );
    let rene = run(&[
        "search",
        "rene",
        "--format",
        "ids",
        "--index",
        path_str(&index),
    ]);
    assert_eq!(String::from_utf8_lossy(&rene.stdout), "06QUITO77\n");
}

#[test]
fn an_index_location_that_cannot_be_written_is_a_clear_error() {
    let dir = TempDir::new().expect("temp dir");
    let blocker = dir.path().join("file");
    std::fs::write(&blocker, "not a folder").expect("file");
    let output = run(&[
        "index",
        path_str(&fixtures("cables")),
        "--index",
        path_str(&blocker),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains(path_str(&blocker)),
        "{}",
        stderr(&output)
    );
}

#[cfg(unix)]
#[test]
fn invalid_utf8_arguments_are_an_error_not_a_panic() {
    use std::os::unix::ffi::OsStrExt;
    let output = cables()
        .arg("search")
        .arg(std::ffi::OsStr::from_bytes(b"smu\xffggling"))
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
    assert!(!stderr(&output).contains("panicked"));
}

/// How many segments the index's last commit lists.
fn segment_count(index: &Path) -> usize {
    let meta = std::fs::read_to_string(index.join("meta.json")).expect("meta.json");
    let meta: serde_json::Value = serde_json::from_str(&meta).expect("meta.json is JSON");
    meta["segments"].as_array().expect("a segment list").len()
}

#[test]
fn merge_always_leaves_one_segment_and_auto_leaves_a_small_update_alone() {
    let dir = TempDir::new().expect("temp dir");
    let corpus = dir.path().join("corpus");
    let ids = synth(&corpus, 60);
    let index = dir.path().join("index");
    let index_with = |extra: &[&str]| {
        let mut args = vec!["index", path_str(&corpus), "--index", path_str(&index)];
        args.extend_from_slice(extra);
        let output = run(&args);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    };
    // A commit every 10 cables on one thread: several segments, which the default leaves.
    index_with(&["--commit-every", "10", "--threads", "1"]);
    let segments = segment_count(&index);
    assert!(segments > 1, "{segments} segment(s)");
    // A run that writes nothing is no bulk run: `auto` leaves the segments.
    index_with(&["--merge", "auto"]);
    assert_eq!(segment_count(&index), segments);
    index_with(&["--merge", "always"]);
    assert_eq!(segment_count(&index), 1);
    assert_eq!(crate::common::all_ids(&index), ids);
}
