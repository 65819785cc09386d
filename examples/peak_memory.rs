//! Peak heap per input byte, measured with a counting global allocator, on
//! the corpus and on hostile inputs.
//!
//! ```text
//! cargo run --release --example peak_memory -- [DIR]
//! ```
//!
//! The batch lines measure `normalize_batch` over the corpus (every core):
//! the peak heap above the loaded inputs, against the largest article, for
//! the whole corpus at once (all results kept) and for chunks of 256 inputs
//! whose results are dropped before the next chunk. The stream lines measure
//! `normalize_stream` (every core) as the `normalize` example's batch and
//! JSON Lines modes use it: files read lazily, each result rendered to JSON
//! and dropped; the peak counts everything, inputs in flight included.

#[path = "../benches/support/corpus.rs"]
mod corpus;
#[path = "../benches/support/counting_alloc.rs"]
mod counting_alloc;
use counting_alloc::{LIVE_BYTES as LIVE, PEAK_BYTES as PEAK};
use std::path::PathBuf;
use std::sync::atomic::Ordering;

#[global_allocator]
static ALLOCATOR: counting_alloc::Counting = counting_alloc::Counting;

/// Peak heap used while normalizing `input` and rendering it to JSON, above
/// what was live before.
fn peak_for(normalizer: &artnorm::Normalizer, input: &[u8]) -> usize {
    let base = LIVE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    if let Ok(article) = normalizer.normalize_bytes(input) {
        std::hint::black_box(article.to_json());
    }
    PEAK.load(Ordering::Relaxed).saturating_sub(base)
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(corpus::corpus_dir);
    let paths = corpus::corpus_files(&dir).unwrap_or_default();
    let normalizer = artnorm::Normalizer::default();
    let _ = normalizer.normalize("warm up\n\nthe shared tables");
    // A whole page too, so that every lazily built table (the chrome model
    // runs only on pages of some length) exists before measuring.
    let _ = normalizer.normalize(include_str!("../samples/bbc-putin-kim-spun.txt"));
    let mut worst = (0.0f64, String::new());
    let mut total_ratio = 0.0;
    let mut count = 0;
    // Aggregates: total peak over total bytes, overall and for pages over
    // 10 KB (fixed regex caches dominate tiny pages).
    let (mut sum_peak, mut sum_bytes) = (0usize, 0usize);
    let (mut big_peak, mut big_bytes, mut big_count, mut big_worst) = (0usize, 0usize, 0, 0.0f64);
    {
        for path in &paths {
            let Ok(bytes) = std::fs::read(path) else {
                continue;
            };
            if bytes.is_empty() {
                continue;
            }
            let peak = peak_for(&normalizer, &bytes);
            let ratio = peak as f64 / bytes.len() as f64;
            sum_peak += peak;
            sum_bytes += bytes.len();
            if bytes.len() > 10 * 1024 {
                big_peak += peak;
                big_bytes += bytes.len();
                big_count += 1;
                big_worst = big_worst.max(ratio);
            }
            total_ratio += ratio;
            count += 1;
            if ratio > worst.0 {
                worst = (ratio, path.display().to_string());
            }
        }
    }
    if count > 0 {
        println!(
            "corpus: {count} files, mean peak {:.2}x input, worst {:.2}x ({})",
            total_ratio / count as f64,
            worst.0,
            worst.1
        );
        println!(
            "corpus aggregate: total peak / total bytes {:.2}x ({sum_peak} / {sum_bytes})",
            sum_peak as f64 / sum_bytes.max(1) as f64
        );
        println!(
            "pages over 10 KB: {big_count} files, aggregate {:.2}x, worst {:.2}x",
            big_peak as f64 / big_bytes.max(1) as f64,
            big_worst
        );
    }
    batch_peak(&normalizer, &paths);
    let hostile: [(&str, String); 5] = [
        ("50 MB line, no spaces", "x".repeat(50 << 20)),
        (
            "1M blank lines",
            "\n".repeat(1_000_000) + "Headline\n\nBody.\n",
        ),
        ("100k [ad_1] lines", "[ad_1]\n".repeat(100_000)),
        ("10M Ã", "Ã".repeat(10_000_000)),
        ("By runs", "By ".repeat(1_000_000)),
    ];
    // The same without the page-chrome model, whose feature rows are a
    // large share of the per-unit cost.
    let no_chrome = artnorm::Normalizer::builder()
        .strip_chrome(false)
        .build()
        .unwrap_or_default();
    for (name, input) in hostile {
        let peak = peak_for(&normalizer, input.as_bytes());
        let plain = peak_for(&no_chrome, input.as_bytes());
        println!(
            "{name:<24} {:>6.2}x input ({} bytes peak); without chrome {:>6.2}x",
            peak as f64 / input.len() as f64,
            peak,
            plain as f64 / input.len() as f64
        );
    }
}

/// Peak heap of `normalize_batch` and `normalize_stream` over `paths`,
/// against the largest input.
fn batch_peak(normalizer: &artnorm::Normalizer, paths: &[PathBuf]) {
    let inputs: Vec<Vec<u8>> = paths.iter().filter_map(|p| std::fs::read(p).ok()).collect();
    let largest = inputs.iter().map(Vec::len).max().unwrap_or(0).max(1);
    let base = LIVE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let results = normalizer.normalize_batch(&inputs);
    let whole = PEAK.load(Ordering::Relaxed).saturating_sub(base);
    drop(std::hint::black_box(results));
    let base = LIVE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    for chunk in inputs.chunks(256) {
        drop(std::hint::black_box(normalizer.normalize_batch(chunk)));
    }
    let chunked = PEAK.load(Ordering::Relaxed).saturating_sub(base);
    drop(inputs);
    let mut streamed = Vec::new();
    for in_flight in [Some(2), Some(3), None, Some(6), Some(8)] {
        let base = LIVE.load(Ordering::Relaxed);
        PEAK.store(base, Ordering::Relaxed);
        let files = paths.iter().map(|p| std::fs::read(p).unwrap_or_default());
        let stream = normalizer.normalize_stream(files);
        let window = in_flight.unwrap_or_else(|| {
            let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
            2 * threads
        });
        for (input, result) in stream.in_flight(window) {
            if let Ok(article) = result {
                std::hint::black_box(article.to_json());
            }
            drop(input);
        }
        streamed.push((window, PEAK.load(Ordering::Relaxed).saturating_sub(base)));
    }
    for (window, peak) in streamed {
        println!(
            "stream, {window} in flight {:>7.2}x the largest article ({} bytes peak, inputs included)",
            peak as f64 / largest as f64,
            peak
        );
    }
    for (label, peak) in [("whole corpus", whole), ("chunks of 256", chunked)] {
        println!(
            "batch, {label:<14} {:>7.2}x the largest article ({} bytes peak above the inputs, largest {} bytes)",
            peak as f64 / largest as f64,
            peak,
            largest
        );
    }
}
