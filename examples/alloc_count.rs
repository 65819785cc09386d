//! Heap allocations per page: made by `normalize` and kept by the returned
//! `Article`, counted with a counting global allocator over the corpus.
//!
//! ```text
//! cargo run --release --example alloc_count -- [DIR]
//! ```

use std::path::PathBuf;
use std::sync::atomic::Ordering;

#[path = "../benches/support/corpus.rs"]
mod corpus;
#[path = "../benches/support/counting_alloc.rs"]
mod counting_alloc;
use counting_alloc::{ALLOCS, LIVE_BLOCKS, REALLOCS};

#[global_allocator]
static ALLOCATOR: counting_alloc::Counting = counting_alloc::Counting;

fn main() {
    let dir = std::env::args()
        .nth(1)
        .map_or_else(corpus::corpus_dir, PathBuf::from);
    let inputs: Vec<String> = corpus::corpus_files(&dir)
        .unwrap_or_default()
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    // Tables built first, so that only per-call work is counted.
    let _ = artnorm::normalize("Warm up\n\nA first paragraph of text.");
    let (mut made, mut kept, mut pages) = (0usize, 0usize, 0usize);
    let grown = REALLOCS.load(Ordering::Relaxed);
    for input in &inputs {
        let before = (
            ALLOCS.load(Ordering::Relaxed),
            LIVE_BLOCKS.load(Ordering::Relaxed),
        );
        let article = artnorm::normalize(input);
        let after = (
            ALLOCS.load(Ordering::Relaxed),
            LIVE_BLOCKS.load(Ordering::Relaxed),
        );
        made += after.0 - before.0;
        kept += after.1.saturating_sub(before.1);
        pages += 1;
        drop(article);
    }
    let grown = REALLOCS.load(Ordering::Relaxed) - grown;
    let per = |n: usize| n as f64 / pages.max(1) as f64;
    println!(
        "{pages} pages: {:.1} allocations and {:.1} reallocations per normalize, {:.1} kept alive by the result",
        per(made),
        per(grown),
        per(kept)
    );
}
