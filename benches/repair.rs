//! Throughput of repair on its own (`artnorm::repair_text`), in bytes per
//! second, over three corpora built from the bundled sample:
//!
//! - `clean_ascii`: the sample made plain ASCII and already repaired, so
//!   every byte takes the whole-text fast path;
//! - `clean_utf8`: the sample already repaired (curly quotes, dashes): the
//!   per-line fast path;
//! - `scraped`: the sample as scraped, with what scrapers leave added to a
//!   share of its lines (CRLF endings, `&amp;` and `&#8217;`, no-break and
//!   zero-width spaces, runs of spaces, windows-1252 mojibake).
//!
//! Run with `cargo bench --bench repair`.

use std::hint::black_box;

use criterion::{criterion_main, Criterion, Throughput};

const SAMPLE: &str = include_str!("../samples/bbc-putin-kim-spun.txt");

/// About `target` bytes of `text` repeated, separated by blank lines.
fn repeat(text: &str, target: usize) -> String {
    let mut out = String::with_capacity(target + text.len());
    while out.len() < target {
        out.push_str(text);
        out.push_str("\n\n");
    }
    out
}

/// The sample as a careless scraper would leave it.
fn scraped(sample: &str) -> String {
    let mut out = String::new();
    for (n, line) in sample.lines().enumerate() {
        let line = match n % 6 {
            0 => line
                .replace('’', "â€™")
                .replace('“', "â€œ")
                .replace('”', "â€\u{9d}"),
            1 => line.replace(" & ", " &amp; ").replace('’', "&#8217;"),
            2 => line.replacen(' ', "\u{a0}", 2).replacen(' ', "  ", 1),
            3 => format!("{line}\u{200b} "),
            _ => line.to_owned(),
        };
        out.push_str(&line);
        out.push_str(if n % 2 == 0 { "\r\n" } else { "\n" });
    }
    out
}

fn corpora() -> Vec<(&'static str, String)> {
    let clean_utf8 = artnorm::repair_text(SAMPLE).0.into_owned();
    let ascii: String = clean_utf8
        .chars()
        .map(|c| match c {
            '’' | '‘' => '\'',
            '“' | '”' => '"',
            '—' | '–' => '-',
            c if c.is_ascii() => c,
            _ => '?',
        })
        .collect();
    let clean_ascii = artnorm::repair_text(&ascii).0.into_owned();
    let size = 4 << 20;
    vec![
        ("clean_ascii", repeat(&clean_ascii, size)),
        ("clean_utf8", repeat(&clean_utf8, size)),
        ("scraped", repeat(&scraped(SAMPLE), size)),
    ]
}

fn bench_repair(c: &mut Criterion) {
    let mut group = c.benchmark_group("repair_text");
    group.sample_size(20);
    for (name, text) in corpora() {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(name, |b| {
            b.iter(|| artnorm::repair_text(black_box(&text)));
        });
    }
    group.finish();
}

// The macro defines an undocumented public function.
#[allow(missing_docs)]
mod group {
    criterion::criterion_group!(benches, super::bench_repair);
}
use group::benches;

criterion_main!(benches);
