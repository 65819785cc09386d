//! Each pipeline stage on its own over `$ARTNORM_BENCH_CORPUS`, else the
//! development corpus (or the repository's fixtures when the corpus is not
//! beside the repository):
//! decode, segment + repair, classify (page chrome included), assemble,
//! spin detection. Throughput is in bytes of input per second.
//!
//! ```text
//! cargo bench --bench stages
//! ```

// criterion's macros define undocumented items.
#![allow(missing_docs)]

use std::hint::black_box;

use artnorm::__bench as stage;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};

#[path = "support/corpus.rs"]
mod corpus;

fn corpus() -> Vec<Vec<u8>> {
    let files = corpus::corpus_files(&corpus::corpus_dir()).unwrap_or_default();
    files.iter().filter_map(|p| std::fs::read(p).ok()).collect()
}

fn stages(c: &mut Criterion) {
    // The process-wide tables are built on first use: timed once here.
    let start = std::time::Instant::now();
    stage::init_tables();
    println!("tables init: {:.1} ms", start.elapsed().as_secs_f64() * 1e3);
    let bytes = corpus();
    let total: usize = bytes.iter().map(Vec::len).sum();
    let texts: Vec<String> = bytes.iter().filter_map(|b| stage::decode(b)).collect();
    let segmented: Vec<stage::Segmented> = texts.iter().map(|t| stage::segment(t)).collect();
    let classified: Vec<stage::Classified> = segmented.iter().map(stage::classify).collect();
    let assembled: Vec<stage::Assembled> = segmented
        .iter()
        .zip(&classified)
        .map(|(s, c)| stage::assemble(s, c))
        .collect();

    let mut group = c.benchmark_group("stages");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(total as u64));
    group.bench_function("decode", |b| {
        b.iter(|| {
            for b in &bytes {
                black_box(stage::decode(b));
            }
        })
    });
    group.bench_function("segment_repair", |b| {
        b.iter(|| {
            for t in &texts {
                black_box(stage::segment(t));
            }
        })
    });
    group.bench_function("classify_chrome", |b| {
        b.iter(|| {
            for s in &segmented {
                black_box(stage::classify(s));
            }
        })
    });
    group.bench_function("assemble", |b| {
        b.iter(|| {
            for (s, c) in segmented.iter().zip(&classified) {
                black_box(stage::assemble(s, c));
            }
        })
    });
    group.bench_function("spin_detect", |b| {
        b.iter_batched_ref(
            || assembled.clone(),
            |articles| {
                segmented
                    .iter()
                    .zip(articles.iter_mut())
                    .map(|(s, a)| stage::spin(s, a))
                    .sum::<usize>()
            },
            BatchSize::LargeInput,
        )
    });
    group.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
