//! Sets `cfg(shared_corpus)` when `../shared/` (real cables, beside the project) is present, so
//! the evaluations on real text run there and are `#[ignore]`d, with the reason, elsewhere.

fn main() {
    println!("cargo::rustc-check-cfg=cfg(shared_corpus)");
    let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/real-corpus");
    println!("cargo::rerun-if-changed={}", shared.display());
    if shared.is_dir() {
        println!("cargo::rustc-cfg=shared_corpus");
    }
}
