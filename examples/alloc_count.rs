//! Heap allocations per page: made by `normalize` and kept by the returned
//! `Article`, counted with a counting global allocator over the corpus.
//!
//! ```text
//! cargo run --release --example alloc_count -- [DIR]
//! ```

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

#[path = "../benches/support/corpus.rs"]
mod corpus;

/// Counts allocation calls and live blocks on top of the system allocator.
struct Counting;

static ALLOCS: AtomicUsize = AtomicUsize::new(0);
static LIVE: AtomicUsize = AtomicUsize::new(0);
static REALLOCS: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call forwards to `System` with the caller's layout; the
// counters are plain atomics and never affect the memory handed out.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded unchanged to the system allocator.
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            ALLOCS.fetch_add(1, Ordering::Relaxed);
            LIVE.fetch_add(1, Ordering::Relaxed);
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `alloc` above with this layout.
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(1, Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: forwarded unchanged to the system allocator.
        let new = unsafe { System.realloc(ptr, layout, new_size) };
        if !new.is_null() {
            REALLOCS.fetch_add(1, Ordering::Relaxed);
        }
        new
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

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
        let before = (ALLOCS.load(Ordering::Relaxed), LIVE.load(Ordering::Relaxed));
        let article = artnorm::normalize(input);
        let after = (ALLOCS.load(Ordering::Relaxed), LIVE.load(Ordering::Relaxed));
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
