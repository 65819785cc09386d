//! The corpus the benches and the measuring examples read, in one place so
//! that they all measure the same files: `$ARTNORM_BENCH_CORPUS` (a folder of
//! `.txt` files), else the development corpus beside the repository
//! (`../shared/corpus/wcxb-dev-articles/text`), else the repository's
//! fixtures, so that `cargo bench` always runs.
//!
//! Included with `#[path]` by benches/*.rs and examples/{throughput,peak_memory}.rs.

use std::path::{Path, PathBuf};

/// Where the corpus is read from.
pub fn corpus_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("ARTNORM_BENCH_CORPUS") {
        return PathBuf::from(dir);
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared = root.join("../shared/corpus/wcxb-dev-articles/text");
    if shared.is_dir() {
        shared
    } else {
        root.join("tests/fixtures")
    }
}

/// Every `.txt` file under `dir`, sub-folders included (the fixtures keep one
/// article a folder), sorted.
pub fn corpus_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir)? {
            let path = entry?.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "txt") {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}
