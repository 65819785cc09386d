//! Spin: wording that a "spinner" swapped for synonyms so that a copied
//! article evades duplicate detection (`thirty day period` for `month`,
//! `Stimson Heart assume tank` for `Stimson Center think tank`).
//!
//! - [`lexicon`]: curated reverse lexicons (spun phrase → original), one data
//!   file a spinner family, compiled into one automaton.
//! - [`detect`]: one pass over each unit of text, context guards, the name rule.
//! - this module: the document verdict, spans in the caller's input, repair.
//! - [`restore`]: copy the original wording back from a reference text.
//! - [`fingerprint`]: a signature over what spinners leave alone.

pub(crate) mod detect;
pub(crate) mod fingerprint;
pub(crate) mod lexicon;
pub(crate) mod restore;

use std::collections::HashSet;

use crate::article::{Article, Block, SpinFinding, SpinReport};
use crate::options::{Options, SpinMode};
use crate::pipeline::tables::TABLES;
use crate::pipeline::text::MappedText;
use crate::shared_text::SharedText;
use detect::Hit;

/// A text field of the article that spin repair and restoration rewrite:
/// the title and figure fields are `String`s, block texts [`SharedText`]s.
pub(crate) enum Field<'a> {
    Owned(&'a mut String),
    Shared(&'a mut SharedText),
}

impl Field<'_> {
    pub(crate) fn as_str(&self) -> &str {
        match self {
            Field::Owned(text) => text.as_str(),
            Field::Shared(text) => text.as_str(),
        }
    }

    /// Replaces the bytes in `range` by `with`; a range out of bounds or off
    /// a char boundary changes nothing.
    pub(crate) fn replace_range(&mut self, range: std::ops::Range<usize>, with: &str) {
        match self {
            Field::Owned(text) => {
                if range.start <= range.end && text.get(range.clone()).is_some() {
                    text.replace_range(range, with);
                }
            }
            // A rewritten block text becomes a text of its own.
            Field::Shared(text) => text.replace_range(range, with),
        }
    }
}

/// Where the text of one scanned unit ended up in the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    /// `article.title`.
    Title,
    /// The text of `article.blocks[i]` (paragraph or heading).
    Text(usize),
    /// The credit, alt text and caption of the figure `article.blocks[i]`.
    Figure(usize),
}

/// One unit of text to scan: its text with the map to the input, and where
/// it went.
pub(crate) struct Source<'a> {
    pub text: &'a MappedText,
    pub target: Target,
}

/// At least this many distinct confident findings make an article spun…
const MIN_DISTINCT: usize = 3;
/// …and at least this many a thousand words.
const MIN_DENSITY: f32 = 1.0;

/// In an article judged spun, a phrase finding's confidence moves this share
/// of the way to 1 (0.75 becomes 0.85; 0.6 becomes 0.76, still below the
/// default threshold). Name findings stay as they are.
const SPUN_BOOST: f32 = 0.4;

/// The verdict over a whole article's hits.
pub(crate) fn verdict(hits: &[&Hit], words: usize) -> (bool, f32) {
    let mut seen = HashSet::new();
    let mut weight = 0.0f32;
    for hit in hits.iter().filter(|h| h.is_strong()) {
        if seen.insert(hit.found.to_lowercase()) {
            weight += hit.confidence;
        }
    }
    let distinct = seen.len();
    let density = distinct as f32 * 1000.0 / words.max(300) as f32;
    let score = (1.0 - (-weight / 3.0).exp()) * (density / MIN_DENSITY).min(1.0);
    let is_spun = distinct >= MIN_DISTINCT && density >= MIN_DENSITY;
    (is_spun, score.clamp(0.0, 1.0))
}

/// Detects spin in the article's units and, in [`SpinMode::Repair`], rewrites
/// confident findings in articles judged spun.
pub(crate) fn run(options: &Options, article: &mut Article, sources: &[Source<'_>]) {
    if options.spin == SpinMode::Off {
        return;
    }
    let lexicon = &TABLES.spin;
    let mut words = 0;
    let mut hits: Vec<(usize, Hit)> = Vec::new();
    let mut batches = lexicon::Batches::new();
    for (i, source) in sources.iter().enumerate() {
        let text = source.text.as_str();
        words += count_spaces(text.as_bytes()) + 1;
        hits.extend(
            detect::scan(lexicon, text, &mut batches)
                .into_iter()
                .map(|h| (i, h)),
        );
    }
    let all: Vec<&Hit> = hits.iter().map(|(_, h)| h).collect();
    let (is_spun, score) = verdict(&all, words);
    // Weak hits only speak in an article the strong ones already convict,
    // and there every phrase is more likely spun than it is on its own.
    hits.retain(|(_, h)| is_spun || h.is_strong());
    if is_spun {
        for (_, hit) in &mut hits {
            if hit.rule.starts_with("lexicon") {
                hit.confidence += (1.0 - hit.confidence) * SPUN_BOOST;
            }
        }
    }
    let repair = options.spin == SpinMode::Repair && is_spun;
    let mut applied = vec![false; hits.len()];
    if repair {
        for (i, source) in sources.iter().enumerate() {
            let chosen: Vec<(usize, &Hit)> = hits
                .iter()
                .enumerate()
                .filter(|(_, (s, h))| *s == i && h.confidence >= options.spin_threshold)
                .map(|(n, (_, h))| (n, h))
                .collect();
            if chosen.is_empty() {
                continue;
            }
            for n in rewrite_target(article, source, &chosen) {
                if let Some(slot) = applied.get_mut(n) {
                    *slot = true;
                }
            }
        }
    }
    let mut findings: Vec<SpinFinding> = hits
        .into_iter()
        .zip(applied)
        .filter_map(|((i, hit), applied)| {
            let source = sources.get(i)?;
            Some(SpinFinding {
                span: source.text.raw_span(hit.start, hit.end),
                found: hit.found,
                suggestion: hit.suggestion,
                confidence: hit.confidence,
                rule: hit.rule.to_owned(),
                applied,
            })
        })
        .collect();
    findings.sort_by_key(|f| (f.span.start, f.span.end));
    article.spin = SpinReport {
        is_spun,
        score,
        findings,
    };
}

/// The number of spaces in `bytes`, as `memchr_iter(b' ', bytes).count()`
/// tells it but cheaper on the short texts of most units: a byte counter
/// per 255 bytes, a loop the compiler turns into compares and subtracts of
/// 16 bytes at a time with no branch on a byte.
fn count_spaces(bytes: &[u8]) -> usize {
    bytes
        .chunks(255)
        .map(|chunk| {
            let spaces = chunk
                .iter()
                .fold(0u8, |n, &b| n.wrapping_add(u8::from(b == b' ')));
            usize::from(spaces)
        })
        .sum()
}

/// Rewrites the hits (unit offsets) in the article field(s) the unit became;
/// returns the numbers of the hits applied.
fn rewrite_target(
    article: &mut Article,
    source: &Source<'_>,
    chosen: &[(usize, &Hit)],
) -> Vec<usize> {
    let unit = source.text.as_str();
    let mut done = Vec::new();
    let mut fields: Vec<Field<'_>> = Vec::new();
    match source.target {
        Target::Title => fields.extend(article.title.as_mut().map(Field::Owned)),
        Target::Text(i) => {
            if let Some(Block::Paragraph { text } | Block::Heading { text }) =
                article.blocks.get_mut(i)
            {
                fields.push(Field::Shared(text));
            }
        }
        Target::Figure(i) => {
            if let Some(Block::Figure {
                credit,
                alt,
                caption,
            }) = article.blocks.get_mut(i)
            {
                fields.extend(credit.as_mut().map(Field::Owned));
                fields.extend(alt.as_mut().map(Field::Owned));
                fields.extend(caption.as_mut().map(Field::Owned));
            }
        }
    }
    for mut field in fields {
        let Some(offset) = unit.find(field.as_str()) else {
            continue;
        };
        let end = offset + field.as_str().len();
        let mut inside: Vec<&(usize, &Hit)> = chosen
            .iter()
            .filter(|(_, h)| h.start >= offset && h.end <= end)
            .collect();
        inside.sort_by_key(|(_, h)| std::cmp::Reverse(h.start));
        for (n, hit) in inside {
            let range = hit.start - offset..hit.end - offset;
            if field.as_str().get(range.clone()) == Some(hit.found.as_str()) {
                field.replace_range(range, &hit.suggestion);
                done.push(*n);
            }
        }
    }
    done
}

/// Texts the differential tests of the spin scans run on.
#[cfg(test)]
pub(crate) mod test_texts {
    /// `count` random cuts of `probe` (at most `longest` bytes each, at
    /// every offset, so words are cut anywhere), from an xorshift `seed`.
    pub(crate) fn cuts(probe: &str, count: usize, longest: usize, seed: u64) -> Vec<String> {
        let mut seed = seed.max(1);
        let mut out = Vec::with_capacity(count);
        for _ in 0..count {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let from = (seed as usize) % probe.len().max(1);
            let to = (from + 1 + (seed >> 32) as usize % longest.max(1)).min(probe.len());
            if let Some(cut) = probe.get(from..to) {
                out.push(cut.to_owned());
            }
        }
        out
    }

    /// Up to `count` pages of the development corpus, in name order: from
    /// `$ARTNORM_BENCH_CORPUS`, else beside the repository (as the benches
    /// read it); none where it is missing, so the tests still run.
    pub(crate) fn corpus_pages(count: usize) -> Vec<String> {
        let dir = std::env::var_os("ARTNORM_BENCH_CORPUS")
            .map(std::path::PathBuf::from)
            .unwrap_or_else(|| {
                std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("../shared/corpus/wcxb-dev-articles/text")
            });
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .map(|entries| entries.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        paths.sort();
        paths
            .iter()
            .take(count)
            .filter_map(|p| std::fs::read_to_string(p).ok())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(found: &str, confidence: f32) -> Hit {
        Hit {
            start: 0,
            end: found.len(),
            found: found.into(),
            suggestion: String::new(),
            confidence,
            rule: "t",
        }
    }

    #[test]
    fn spaces_are_counted_as_memchr_counts_them() {
        let page = test_texts::corpus_pages(1).pop().unwrap_or_default();
        let probe = format!("{page} a b  c\u{2019}d   e{}", " x".repeat(300));
        for cut in test_texts::cuts(&probe, 2000, 700, 7) {
            let by_memchr = memchr::memchr_iter(b' ', cut.as_bytes()).count();
            assert_eq!(count_spaces(cut.as_bytes()), by_memchr, "{cut:?}");
        }
        assert_eq!(count_spaces(b""), 0);
        assert_eq!(count_spaces(&[b' '; 600]), 600);
    }

    #[test]
    fn one_odd_phrase_never_makes_an_article_spun() {
        let a = hit("thirty day period", 0.95);
        assert!(!verdict(&[&a, &a, &a], 400).0, "repeats count once");
        let b = hit("rooster soup", 0.9);
        let c = hit("tea established", 0.9);
        assert!(verdict(&[&a, &b, &c], 400).0);
        assert!(!verdict(&[&a, &b, &c], 10_000).0, "too sparse");
        let weak = hit("x", 0.5);
        assert!(!verdict(&[&a, &b, &weak], 400).0);
        let (_, score) = verdict(&[], 400);
        assert_eq!(score, 0.0);
    }
}
