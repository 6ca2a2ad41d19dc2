//! Sets `cfg(shared_corpus)` when `../shared/` (real cables, beside the project) is present, so
//! the evaluations on real text run there and are `#[ignore]`d, with the reason, elsewhere; and
//! `cfg(as_root)` when building as root (as CI does), for tests that need root to mount.

fn main() {
    println!("cargo::rustc-check-cfg=cfg(shared_corpus)");
    println!("cargo::rustc-check-cfg=cfg(as_root)");
    if is_root() {
        println!("cargo::rustc-cfg=as_root");
    }
    let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/real-corpus");
    println!("cargo::rerun-if-changed={}", shared.display());
    if shared.is_dir() {
        println!("cargo::rustc-cfg=shared_corpus");
    }
}

/// Whether the effective user is root (the `Uid:` line of /proc/self/status; false off Linux).
fn is_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            let line = status.lines().find(|line| line.starts_with("Uid:"))?;
            Some(line.split_whitespace().nth(2) == Some("0"))
        })
        .unwrap_or(false)
}
