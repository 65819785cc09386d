//! Throughput of `normalize()` and its parts, in bytes per second.
//!
//! The corpus is read at bench time from `$ARTNORM_BENCH_CORPUS` (a folder of
//! `.txt` files), else from the development corpus beside the repository
//! (`../shared/corpus/wcxb-dev-articles/text`), else from the fixtures in this
//! repository, so `cargo bench` always runs.
#![allow(missing_docs)]

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};

const SAMPLE: &str = include_str!("../samples/bbc-putin-kim-spun.txt");

#[path = "support/corpus.rs"]
mod corpus;

/// The corpus as text (files that are not UTF-8 are left out).
fn corpus() -> Vec<String> {
    let dir = corpus::corpus_dir();
    let files = corpus::corpus_files(&dir).unwrap_or_default();
    let texts: Vec<String> = files
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    eprintln!(
        "bench corpus: {} files, {} bytes from {}",
        texts.len(),
        texts.iter().map(String::len).sum::<usize>(),
        dir.display()
    );
    texts
}

fn bench_normalize(c: &mut Criterion) {
    let normalizer = artnorm::Normalizer::default();
    let mut group = c.benchmark_group("normalize");
    group.throughput(Throughput::Bytes(SAMPLE.len() as u64));
    group.bench_function("sample", |b| {
        b.iter(|| normalizer.normalize(black_box(SAMPLE)))
    });
    let texts = corpus();
    let bytes: usize = texts.iter().map(String::len).sum();
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    // Default options, then with the stages that cost most switched off:
    // what is left is the floor that tuning those stages alone could reach.
    let variants = [
        ("corpus", artnorm::Normalizer::builder()),
        (
            "corpus_spin_off",
            artnorm::Normalizer::builder().spin(artnorm::SpinMode::Off),
        ),
        (
            "corpus_chrome_off",
            artnorm::Normalizer::builder().strip_chrome(false),
        ),
        (
            "corpus_chrome_and_spin_off",
            artnorm::Normalizer::builder()
                .strip_chrome(false)
                .spin(artnorm::SpinMode::Off),
        ),
    ];
    for (name, builder) in variants {
        let normalizer = builder.build().unwrap_or_default();
        group.bench_function(name, |b| {
            b.iter(|| {
                for text in &texts {
                    let _ = black_box(normalizer.normalize(black_box(text)));
                }
            })
        });
    }
    group.finish();
}

/// Spin detection and repair on the bundled sample (a spun copy), against
/// spin off; `restore_from` against the sample's own text as the original
/// (every word aligns: the cost of the diff, not of a restoration); and the
/// fingerprint.
fn bench_spin(c: &mut Criterion) {
    let mut group = c.benchmark_group("spin");
    group.throughput(Throughput::Bytes(SAMPLE.len() as u64));
    for (name, mode) in [
        ("sample_off", artnorm::SpinMode::Off),
        ("sample_detect", artnorm::SpinMode::Detect),
        ("sample_repair", artnorm::SpinMode::Repair),
    ] {
        let normalizer = artnorm::Normalizer::builder()
            .spin(mode)
            .build()
            .unwrap_or_default();
        group.bench_function(name, |b| b.iter(|| normalizer.normalize(black_box(SAMPLE))));
    }
    if let Ok(article) = artnorm::normalize(SAMPLE) {
        group.bench_function("restore_from", |b| {
            b.iter(|| artnorm::restore_from(black_box(&article), black_box(SAMPLE)))
        });
        group.bench_function("fingerprint", |b| {
            b.iter(|| black_box(&article).fingerprint())
        });
    }
    group.finish();
}

fn bench_repair(c: &mut Criterion) {
    let normalizer = artnorm::Normalizer::default();
    let clean: String =
        "The quick brown fox jumps over the lazy dog, again and again.\n".repeat(20_000);
    let typical: String = SAMPLE.repeat(100);
    let broken: String = "Putinâ€™s visit &amp; the\u{a0}â€œtreatyâ€\u{9d} \u{200b}cafÃ©  soft\u{ad}hyphen&#8217;s\r\n".repeat(10_000);
    let mut group = c.benchmark_group("repair");
    for (name, text) in [
        ("clean", &clean),
        ("typical", &typical),
        ("broken", &broken),
    ] {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(name, |b| b.iter(|| normalizer.repair_text(black_box(text))));
    }
    group.finish();
}

fn bench_render(c: &mut Criterion) {
    let article = artnorm::normalize(SAMPLE).unwrap_or_default();
    let mut group = c.benchmark_group("render");
    group.throughput(Throughput::Bytes(SAMPLE.len() as u64));
    group.bench_function("json", |b| b.iter(|| black_box(&article).to_json()));
    group.bench_function("text", |b| b.iter(|| black_box(&article).to_text()));
    group.bench_function("markdown", |b| b.iter(|| black_box(&article).to_markdown()));
    group.finish();
}

fn bench_construction(c: &mut Criterion) {
    c.bench_function("normalizer/new", |b| {
        b.iter(|| artnorm::Normalizer::new(black_box(artnorm::Options::default())))
    });
}

/// Hostile inputs at 1×, 4× and 16× size: time should grow linearly.
fn bench_adversarial(c: &mut Criterion) {
    let normalizer = artnorm::Normalizer::default();
    type MakeInput = fn(usize) -> String;
    let cases: [(&str, MakeInput); 9] = [
        ("long_line", |n| "x".repeat(n)),
        ("blank_lines", |n| "\n".repeat(n) + "Headline\n\nBody.\n"),
        ("ad_markers", |n| "[ad_1]\n".repeat(n / 7)),
        ("by_runs", |n| "By ".repeat(n / 3)),
        ("by_lines", |n| "By By By By\n".repeat(n / 12)),
        ("a_tilde", |n| "Ã".repeat(n / 2)),
        ("caption_unbalanced", |n| {
            "[caption id=\"a\" width=\"1\"]Some text ".repeat(n / 37)
        }),
        ("mixed_endings_nul", |n| {
            "A line of text.\r\n\rAnother\0 line\n\u{2028}".repeat(n / 40)
        }),
        // Ordinary prose, page after page: chrome, spin and repair at scale.
        ("prose", |n| {
            let sample = include_str!("../samples/bbc-putin-kim-spun.txt");
            sample.repeat(n / sample.len() + 1)
        }),
    ];
    let mut group = c.benchmark_group("adversarial");
    group.sample_size(10);
    for (name, make) in cases {
        for scale in [1usize, 4, 16] {
            let input = make(64 * 1024 * scale);
            group.throughput(Throughput::Bytes(input.len() as u64));
            group.bench_function(format!("{name}/{scale}x"), |b| {
                b.iter_batched(
                    || (),
                    |()| normalizer.normalize(black_box(&input)),
                    BatchSize::SmallInput,
                )
            });
        }
    }
    group.finish();
}

criterion_group!(
    benches,
    bench_normalize,
    bench_spin,
    bench_repair,
    bench_render,
    bench_construction,
    bench_adversarial
);
criterion_main!(benches);
