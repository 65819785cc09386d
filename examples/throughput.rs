//! Prints normalize() throughput over a folder of text files, on one thread
//! and on every core (`normalize_batch` and `normalize_stream`, timed in turn
//! within each round), so the figures can be reproduced without criterion.
//!
//! ```text
//! cargo run --release --example throughput -- [DIR] [--rounds N] [--in-flight N]
//! ```
//!
//! DIR defaults to `$ARTNORM_BENCH_CORPUS`, else the development corpus
//! beside the repository (`../shared/corpus/wcxb-dev-articles/text`), else the
//! repository's fixtures (the benches' corpus, benches/support/corpus.rs).

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

#[path = "../benches/support/corpus.rs"]
mod corpus;

fn read_texts(dir: &Path) -> std::io::Result<Vec<Vec<u8>>> {
    corpus::corpus_files(dir)?
        .iter()
        .map(std::fs::read)
        .collect()
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times.get(times.len() / 2).copied().unwrap_or_default()
}

fn report(label: &str, bytes: usize, articles: usize, time: Duration) {
    let seconds = time.as_secs_f64().max(1e-9);
    println!(
        "{label:<12} {:>8.1} MB/s  {:>9.0} articles/s  ({:.3} s median)",
        bytes as f64 / seconds / 1e6,
        articles as f64 / seconds,
        seconds
    );
}

/// A rayon pool of one thread, built once so that its thread's caches are
/// warm after the first round, as the global pool's are.
#[cfg(feature = "parallel")]
type OneThreadPool = rayon::ThreadPool;
#[cfg(not(feature = "parallel"))]
type OneThreadPool = ();

#[cfg(feature = "parallel")]
fn one_thread_pool() -> Option<OneThreadPool> {
    rayon::ThreadPoolBuilder::new().num_threads(1).build().ok()
}

#[cfg(not(feature = "parallel"))]
fn one_thread_pool() -> Option<OneThreadPool> {
    None
}

/// The time of `normalize_batch` over `texts` on `pool`: the batch without
/// its parallelism. `None` without a pool (or the `parallel` feature).
#[cfg(feature = "parallel")]
fn batch_on(
    pool: Option<&OneThreadPool>,
    normalizer: &artnorm::Normalizer,
    texts: &[Vec<u8>],
) -> Option<Duration> {
    let pool = pool?;
    let start = Instant::now();
    drop(std::hint::black_box(
        pool.install(|| normalizer.normalize_batch(texts)),
    ));
    Some(start.elapsed())
}

#[cfg(not(feature = "parallel"))]
fn batch_on(_: Option<&OneThreadPool>, _: &artnorm::Normalizer, _: &[Vec<u8>]) -> Option<Duration> {
    None
}

fn main() -> ExitCode {
    // The first call compiles the process-wide tables (lexicons, regexes);
    // `Normalizer::new` itself only stores options. Timed before anything
    // else touches them.
    let start = Instant::now();
    let _ = std::hint::black_box(artnorm::Normalizer::default().normalize("Warm up\n\nTables."));
    let first = start.elapsed();
    let mut dir = corpus::corpus_dir();
    let mut rounds = 5;
    // normalize_stream's window; its default when not given.
    let mut in_flight: Option<usize> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--rounds" {
            rounds = args.next().and_then(|n| n.parse().ok()).unwrap_or(rounds);
        } else if arg == "--in-flight" {
            in_flight = args.next().and_then(|n| n.parse().ok());
        } else {
            dir = PathBuf::from(arg);
        }
    }
    let texts = match read_texts(&dir) {
        Ok(texts) if !texts.is_empty() => texts,
        Ok(_) => {
            eprintln!("throughput: no .txt files under {}", dir.display());
            return ExitCode::FAILURE;
        }
        Err(e) => {
            eprintln!("throughput: reading {}: {e}", dir.display());
            return ExitCode::FAILURE;
        }
    };
    let bytes: usize = texts.iter().map(Vec::len).sum();
    println!(
        "{} articles, {:.1} MB from {}",
        texts.len(),
        bytes as f64 / 1e6,
        dir.display()
    );
    println!(
        "first call  {:>8.1} ms (Normalizer::default + normalize, compiles the tables)",
        first.as_secs_f64() * 1e3
    );
    let normalizer = artnorm::Normalizer::default();
    // The three ways are timed in turn within each round (one thread, batch,
    // stream, then again), so that a change in the machine's load falls on
    // all of them alike, and each speed-up is the median of the rounds'
    // own ratios.
    let mut one_thread = Vec::with_capacity(rounds);
    let mut batch = Vec::with_capacity(rounds);
    let mut freeing = Vec::with_capacity(rounds);
    let mut streamed = Vec::with_capacity(rounds);
    let mut batch_one = Vec::with_capacity(rounds);
    let pool = one_thread_pool();
    for _ in 0..rounds {
        let start = Instant::now();
        for text in &texts {
            let _ = std::hint::black_box(normalizer.normalize_bytes(text));
        }
        one_thread.push(start.elapsed());

        // Freeing the results is timed (a caller pays for it), and told
        // apart: it runs on the calling thread alone.
        let start = Instant::now();
        let results = std::hint::black_box(normalizer.normalize_batch(&texts));
        let done = Instant::now();
        drop(results);
        freeing.push(done.elapsed());
        batch.push(start.elapsed());

        // The same batch on a pool of one thread: what the batch's cores
        // add, apart from what holding every result costs.
        batch_one.extend(batch_on(pool.as_ref(), &normalizer, &texts));

        // normalize_stream with its default window: the inputs are cloned
        // into the stream (it takes owned inputs), which is timed too, as a
        // pipeline reading them would pay for reading.
        let start = Instant::now();
        let stream = normalizer.normalize_stream(texts.iter().cloned());
        let stream = match in_flight {
            Some(n) => stream.in_flight(n),
            None => stream,
        };
        for item in stream {
            let _ = std::hint::black_box(item);
        }
        streamed.push(start.elapsed());
    }
    let ratios = |parallel: &[Duration]| {
        let mut ratios: Vec<f64> = one_thread
            .iter()
            .zip(parallel)
            .map(|(one, all)| one.as_secs_f64() / all.as_secs_f64().max(1e-9))
            .collect();
        ratios.sort_by(f64::total_cmp);
        ratios.get(ratios.len() / 2).copied().unwrap_or_default()
    };
    let batch_speed_up = ratios(&batch);
    let stream_speed_up = ratios(&streamed);
    report("1 thread", bytes, texts.len(), median(one_thread));
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    report(
        &format!("{cores} cores"),
        bytes,
        texts.len(),
        median(batch.clone()),
    );
    println!(
        "speed-up    {batch_speed_up:.2}x (freeing the {} results on one thread: {:.1} ms of it)",
        texts.len(),
        median(freeing).as_secs_f64() * 1e3
    );
    if !batch_one.is_empty() {
        let mut scaling: Vec<f64> = batch_one
            .iter()
            .zip(&batch)
            .map(|(one, all)| one.as_secs_f64() / all.as_secs_f64().max(1e-9))
            .collect();
        scaling.sort_by(f64::total_cmp);
        report("batch, 1 thr", bytes, texts.len(), median(batch_one));
        println!(
            "scaling     {:.2}x (normalize_batch on {cores} threads against the same on one)",
            scaling.get(scaling.len() / 2).copied().unwrap_or_default()
        );
    }
    report("stream", bytes, texts.len(), median(streamed));
    println!("speed-up    {stream_speed_up:.2}x (stream)");
    ExitCode::SUCCESS
}
