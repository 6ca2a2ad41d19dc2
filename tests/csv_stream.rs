//! A 25,000-row `cables.csv` is read record by record: the reader's peak memory stays far
//! below the file's size. (Its own test binary, so no other test's allocations count.)

use std::io::Write;
use std::path::Path;

use cables::formats::{read_cables, Layout};

fn peak_rss_bytes() -> u64 {
    cables::ingest::peak_rss_bytes().expect("VmHWM from /proc (Linux)")
}

#[cfg(target_os = "linux")]
#[test]
fn a_25000_row_cables_csv_streams_in_bounded_memory() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("cables.csv");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&path).expect("create"));
    let paragraph = "The ministry said the harvest was late and that prices would rise \
before the elections, and the embassy will follow up with the new director. ";
    for row in 1..=25_000u32 {
        let body = format!(
            "UNCLAS ZEMBLA {row:06}\n\nE.O. 12958: N/A\nTAGS: ECON EAGR ZM\nSUBJECT: HARVEST REPORT {row}\n\n1. (U) {}\nQUIST\n",
            paragraph.repeat(8)
        );
        writeln!(
            file,
            "\"{row}\",\"07/15/2009 10:00\",\"09ZEMBLA{row}\",\"Embassy Zembla\",\"UNCLASSIFIED\",\"\",\"FM AMEMBASSY ZEMBLA\",\"{}\"",
            body.replace('"', "\\\"")
        )
        .expect("write");
    }
    file.flush().expect("flush");
    drop(file);
    let file_size = std::fs::metadata(&path).expect("size").len();
    assert!(file_size > 30_000_000, "{file_size}");

    // Reset the high-water mark so only the reading counts (needs a Linux kernel >= 4.0).
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let before = peak_rss_bytes();
    let mut cables = 0usize;
    let mut errors = 0usize;
    read_cables(Path::new(&path), Layout::Csv, &mut |item| match item {
        Ok(cable) => {
            cables += 1;
            assert_eq!(cable.tags, ["ECON", "EAGR", "ZM"]);
        }
        Err(_) => errors += 1,
    })
    .expect("read the file");
    let growth = peak_rss_bytes().saturating_sub(before);
    assert_eq!((cables, errors), (25_000, 0));
    println!("streamed {file_size} bytes in 25,000 records; peak memory grew by {growth} bytes");
    // Bounded by a record, not by the file: a few MB of buffers and allocator slack.
    assert!(
        growth < 16 * 1024 * 1024 && growth < file_size / 4,
        "peak memory grew by {growth} bytes reading a {file_size}-byte file"
    );
}
