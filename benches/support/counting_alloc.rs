//! A global allocator that forwards to the system allocator and counts, for
//! the examples that measure memory (`peak_memory`, `alloc_count`): one
//! copy of the `unsafe` forwarding, included with `#[path]` as `corpus.rs`
//! is. Counters are process-wide atomics (every thread's allocations).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Counts allocations and heap bytes on top of the system allocator.
pub struct Counting;

/// Allocation calls (`alloc`, not `realloc`) so far.
pub static ALLOCS: AtomicUsize = AtomicUsize::new(0);
/// `realloc` calls so far.
pub static REALLOCS: AtomicUsize = AtomicUsize::new(0);
/// Blocks allocated and not yet freed.
pub static LIVE_BLOCKS: AtomicUsize = AtomicUsize::new(0);
/// Bytes allocated and not yet freed.
pub static LIVE_BYTES: AtomicUsize = AtomicUsize::new(0);
/// Highest `LIVE_BYTES` since it was last reset (store `LIVE_BYTES` in it).
pub static PEAK_BYTES: AtomicUsize = AtomicUsize::new(0);

fn grow(by: usize) {
    let live = LIVE_BYTES.fetch_add(by, Ordering::Relaxed) + by;
    PEAK_BYTES.fetch_max(live, Ordering::Relaxed);
}

// SAFETY: every call forwards to `System` with the caller's layout; the
// counters are plain atomics and never affect the memory handed out.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded unchanged to the system allocator.
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            ALLOCS.fetch_add(1, Ordering::Relaxed);
            LIVE_BLOCKS.fetch_add(1, Ordering::Relaxed);
            grow(layout.size());
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `alloc` above with this layout.
        unsafe { System.dealloc(ptr, layout) };
        LIVE_BLOCKS.fetch_sub(1, Ordering::Relaxed);
        LIVE_BYTES.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: forwarded unchanged to the system allocator.
        let new = unsafe { System.realloc(ptr, layout, new_size) };
        if !new.is_null() {
            REALLOCS.fetch_add(1, Ordering::Relaxed);
            if new_size >= layout.size() {
                grow(new_size - layout.size());
            } else {
                LIVE_BYTES.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        new
    }
}
