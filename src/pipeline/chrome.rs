//! Page chrome: finding the article inside a whole-page text dump.
//!
//! A scraper that keeps every visible line of a page hands us menus, share
//! bars, related links, comment threads and footers around the story. This
//! stage reads only what the text offers: each unit's shape (length, words,
//! terminal punctuation, stop words, capitals, digits, symbols), runs of
//! short lines, repetition within the page, position relative to the headline
//! and to the densest run of prose, similarity to the page's `<title>` line,
//! known chrome phrases and the markers after which a page turns to comments
//! or links, and the same features of the neighbouring units.
//!
//! A small gradient-boosted tree model (`data/chrome/model.json`, trained on
//! half of a CC-BY-4.0 corpus by `scripts/train_chrome.py` from features that
//! this very module computes) turns them into a probability that a unit is
//! article text; probabilities are smoothed over ±2 units, and what falls
//! below the model's threshold is chrome. Inference is a walk down each tree:
//! linear in the number of units.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use serde::Deserialize;

use crate::article::RemovalKind;
use crate::lexicon;
use crate::pipeline::byline;
use crate::pipeline::classify::{boilerplate_kind, fold, Label};
use crate::pipeline::date::parse_date_line;
use crate::pipeline::segment::{ends_sentence, starts_like_list_item, Unit};
use crate::pipeline::tables::Tables;

/// Own features of a unit (see [`own_features`]).
const OWN: usize = 40;
/// Features of a neighbour taken into a unit's row.
const NEIGHBOUR: usize = 8;
/// Neighbour offsets whose features a row holds.
const OFFSETS: [isize; 4] = [-2, -1, 1, 2];
/// Windowed aggregates.
const WINDOW: usize = 6;
/// Length of one feature row.
pub(crate) const FEATURES: usize = OWN + NEIGHBOUR * OFFSETS.len() + WINDOW;

/// Smoothing weights over units `i-2 ..= i+2`.
const SMOOTH: [f32; 5] = [1.0, 2.0, 4.0, 2.0, 1.0];

/// The lexicons and the model, built once per process.
struct Chrome {
    stopwords: HashSet<&'static str>,
    /// Section markers: folded phrase and the kind of what follows.
    markers: Vec<(&'static str, RemovalKind)>,
    model: Option<Model>,
}

static CHROME: LazyLock<Chrome> = LazyLock::new(|| Chrome {
    stopwords: lexicon::CHROME_STOPWORDS.words().collect(),
    markers: lexicon::CHROME_MARKERS
        .entries()
        .filter_map(|fields| {
            let kind = RemovalKind::from_name(fields.get(1)?)?;
            Some((*fields.first()?, kind))
        })
        .collect(),
    model: serde_json::from_str(include_str!("../../data/chrome/model.json")).ok(),
});

/// One regression tree: node `k` sends a row left when
/// `row[split[k]] <= threshold[k]`; a child `c < 0` is leaf `!c`.
#[derive(Debug, Deserialize)]
struct Tree {
    split: Vec<usize>,
    threshold: Vec<f32>,
    left: Vec<i32>,
    right: Vec<i32>,
    leaf: Vec<f32>,
}

impl Tree {
    fn eval(&self, row: &[f32]) -> f32 {
        let mut node: i32 = 0;
        // A well-formed tree reaches a leaf in fewer steps than it has nodes.
        for _ in 0..=self.split.len() {
            if node < 0 {
                return self.leaf.get(!node as usize).copied().unwrap_or(0.0);
            }
            let k = node as usize;
            let (Some(&f), Some(&t)) = (self.split.get(k), self.threshold.get(k)) else {
                return 0.0;
            };
            let x = row.get(f).copied().unwrap_or(0.0);
            let next = if x <= t {
                self.left.get(k)
            } else {
                self.right.get(k)
            };
            node = next.copied().unwrap_or(-1);
        }
        0.0
    }
}

/// A gradient-boosted tree ensemble for one binary decision (logistic).
#[derive(Debug, Deserialize)]
struct Model {
    features: usize,
    /// Smoothed probability under which a unit is chrome.
    threshold: f32,
    trees: Vec<Tree>,
}

impl Model {
    fn probability(&self, row: &[f32]) -> f32 {
        let score: f32 = self.trees.iter().map(|t| t.eval(row)).sum();
        1.0 / (1.0 + (-score).exp())
    }
}

/// What the whole-page pass found.
#[derive(Debug, Default)]
pub(crate) struct PageChrome {
    /// The unit that repeats the page's `<title>` line as the story's
    /// headline, when the page has one below its first line.
    pub headline: Option<usize>,
}

/// Per-unit facts the features and the decision share.
struct Line<'a> {
    text: &'a str,
    folded: String,
    words: usize,
    chars: usize,
    boilerplate: Option<RemovalKind>,
    marker: Option<RemovalKind>,
    ends_sentence: bool,
}

fn kind_code(kind: Option<RemovalKind>) -> f32 {
    kind.and_then(|k| RemovalKind::ALL.iter().position(|&x| x == k))
        .map_or(0.0, |p| p as f32 + 1.0)
}

fn marker_kind(chrome: &Chrome, folded: &str, words: usize) -> Option<RemovalKind> {
    if words > 8 {
        return None;
    }
    // `3 comments`, `12 responses to …`.
    let without_count = folded.trim_start_matches(|c: char| c.is_ascii_digit() || c == ' ');
    chrome.markers.iter().find_map(|&(phrase, kind)| {
        let rest = without_count.strip_prefix(phrase)?;
        (rest.is_empty() || rest.starts_with([' ', ':', ',', '(', '\''])).then_some(kind)
    })
}

/// Lower-case word tokens (letters and digits) of a text.
fn tokens(lower: &str) -> impl Iterator<Item = &str> {
    lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
}

/// The unit's own features, written into `row[..OWN]`.
fn own_features(chrome: &Chrome, tables: &Tables, line: &Line<'_>, row: &mut [f32]) {
    let text = line.text.trim();
    let lower = text.to_lowercase();
    let (mut stop, mut caps, mut all_caps, mut tok_count) = (0usize, 0usize, 0usize, 0usize);
    for (word, low) in text.split_whitespace().zip(lower.split_whitespace()) {
        let core = low.trim_matches(|c: char| !c.is_alphanumeric());
        if core.is_empty() {
            continue;
        }
        tok_count += 1;
        if chrome.stopwords.contains(core) {
            stop += 1;
        }
        let w = word.trim_start_matches(|c: char| !c.is_alphanumeric());
        if w.chars().next().is_some_and(char::is_uppercase) {
            caps += 1;
        }
        let letters = w.chars().filter(|c| c.is_alphabetic()).count();
        if letters > 1 && w.chars().all(|c| !c.is_lowercase()) {
            all_caps += 1;
        }
    }
    let (mut digits, mut symbols, mut commas, mut separators, mut quotes) = (0, 0, 0, 0, 0);
    let mut inner_sentences = 0usize;
    let mut prev = ' ';
    let mut prev2 = ' ';
    for c in text.chars() {
        if c.is_ascii_digit() {
            digits += 1;
        } else if !c.is_alphanumeric() && !c.is_whitespace() {
            symbols += 1;
        }
        match c {
            ',' => commas += 1,
            '|' | '•' | '·' | '»' | '›' | '/' | '>' => separators += 1,
            '"' | '“' | '”' | '«' => quotes += 1,
            _ => {}
        }
        if c.is_uppercase() && prev == ' ' && matches!(prev2, '.' | '!' | '?') {
            inner_sentences += 1;
        }
        prev2 = prev;
        prev = c;
    }
    let chars = line.chars.max(1) as f32;
    let words = line.words.max(1) as f32;
    let toks = tok_count.max(1) as f32;
    let first = text.chars().next().unwrap_or(' ');
    let trimmed_end = text.trim_end_matches(['"', '\'', '”', '’', ')', '»']);
    let has_link = lower.contains("http")
        || lower.contains("www.")
        || lower.contains(".com")
        || lower.contains('@');
    let values: [f32; OWN] = [
        (line.chars as f32).ln_1p(),
        (line.words as f32).ln_1p(),
        chars / words,
        f32::from(trimmed_end.ends_with(['.', '!', '?', '…'])),
        f32::from(trimmed_end.ends_with(':')),
        f32::from(trimmed_end.ends_with('?')),
        inner_sentences.min(20) as f32,
        stop as f32 / toks,
        caps as f32 / toks,
        all_caps as f32 / toks,
        digits as f32 / chars,
        symbols as f32 / chars,
        f32::from(first.is_uppercase()),
        f32::from(first.is_lowercase()),
        f32::from(first.is_ascii_digit()),
        separators.min(20) as f32,
        commas as f32 / words,
        f32::from(starts_like_list_item(text)),
        f32::from(line.boilerplate.is_some()),
        kind_code(line.boilerplate),
        kind_code(line.marker),
        f32::from(has_link),
        f32::from(line.words <= 12 && parse_date_line(text).is_some()),
        f32::from(tables.byline_prefix.is_match(text)),
        f32::from(text.contains('©') || lower.contains("copyright")),
        quotes.min(10) as f32,
        f32::from(caps == tok_count && tok_count > 0),
        f32::from(line.ends_sentence),
        f32::from(lower.contains("cookie")),
        f32::from(text.contains(['#', '+', '='])),
        f32::from(line.words >= 3 && text.ends_with(['.', '!', '?']) && stop * 5 >= tok_count),
        // Filled in by the page pass: repetition, position, title, run, marker.
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
    ];
    for (slot, v) in row.iter_mut().zip(values) {
        *slot = v;
    }
}

/// Prose-ness of a unit for finding the densest run of prose: positive for
/// sentences, negative for short lines and known chrome.
fn prose_score(line: &Line<'_>, repeats: usize) -> f32 {
    if line.boilerplate.is_some() || line.marker.is_some() {
        return -20.0;
    }
    let mut score = line.words.min(80) as f32 - 8.0;
    if line.ends_sentence && line.words >= 5 {
        score += 4.0;
    }
    if repeats > 1 {
        score -= 10.0;
    }
    score
}

/// The densest run of prose: the span of units with the largest sum of
/// prose scores (Kadane).
fn densest_run(scores: &[f32]) -> (usize, usize) {
    let (mut best, mut best_span) = (f32::MIN, (0, 0));
    let (mut sum, mut start) = (0.0f32, 0usize);
    for (i, &s) in scores.iter().enumerate() {
        if sum <= 0.0 {
            sum = 0.0;
            start = i;
        }
        sum += s;
        if sum > best {
            best = sum;
            best_span = (start, i);
        }
    }
    best_span
}

/// The unit below the first line that repeats the first line (the page's
/// `<title>`, often with the site's name glued on) as a headline: the
/// nearest such unit above the densest run of prose, else the first one
/// inside it.
fn find_headline(lines: &[Line<'_>], run: (usize, usize)) -> Option<usize> {
    let first = lines.first()?;
    let first_lower = first.text.to_lowercase();
    let title: HashSet<&str> = tokens(&first_lower).collect();
    if title.len() < 2 || first.words > 40 {
        return None;
    }
    let mut above = None;
    let mut inside = None;
    for (j, line) in lines.iter().enumerate().skip(1) {
        if j > run.1 {
            break;
        }
        if !(2..=40).contains(&line.words) || line.boilerplate.is_some() {
            continue;
        }
        let lower = line.text.to_lowercase();
        let (mut n, mut shared) = (0usize, 0usize);
        let mut seen = HashSet::new();
        for t in tokens(&lower) {
            n += 1;
            if title.contains(t) && seen.insert(t) {
                shared += 1;
            }
        }
        if n < 2 || shared * 10 < n * 8 || shared * 2 < title.len().min(8) {
            continue;
        }
        if j <= run.0 {
            above = Some(j);
        } else if inside.is_none() {
            inside = Some(j);
        }
    }
    above.or(inside)
}

/// Everything the page pass computed.
struct Page<'a> {
    lines: Vec<Line<'a>>,
    rows: Vec<[f32; FEATURES]>,
    /// First and last unit of the densest run of prose.
    run: (usize, usize),
    headline: Option<usize>,
    /// For each unit, the kind of the last section marker at or above it
    /// and below the start of the densest run.
    section: Vec<Option<RemovalKind>>,
}

/// Feature rows for every unit, plus the page facts the decision needs.
fn page<'a>(chrome: &Chrome, tables: &Tables, units: &'a [Unit]) -> Page<'a> {
    let lines: Vec<Line<'a>> = units
        .iter()
        .map(|u| {
            let text = u.as_str();
            let folded = fold(text);
            let words = text.split_whitespace().count();
            Line {
                text,
                boilerplate: boilerplate_kind(tables, text, true),
                marker: marker_kind(chrome, &folded, words),
                folded,
                words,
                chars: text.chars().count(),
                ends_sentence: ends_sentence(text.trim_end()),
            }
        })
        .collect();
    let n = lines.len();
    let mut repeats: HashMap<&str, usize> = HashMap::new();
    for line in &lines {
        *repeats.entry(line.folded.as_str()).or_default() += 1;
    }
    let repeat_of = |line: &Line<'_>| repeats.get(line.folded.as_str()).copied().unwrap_or(1);
    let scores: Vec<f32> = lines.iter().map(|l| prose_score(l, repeat_of(l))).collect();
    let run = densest_run(&scores);
    let headline = find_headline(&lines, run);

    let first_lower = lines
        .first()
        .map(|l| l.text.to_lowercase())
        .unwrap_or_default();
    let title: HashSet<&str> = tokens(&first_lower).collect();
    let total_words: usize = lines.iter().map(|l| l.words).sum::<usize>().max(1);
    let run_words: usize = lines
        .get(run.0..=run.1)
        .map_or(0, |r| r.iter().map(|l| l.words).sum());

    // Runs of short lines (menus, link lists): the length of the run each
    // unit is in.
    let mut short_run = vec![0usize; n];
    let mut i = 0;
    while i < n {
        let short = |k: usize| lines.get(k).is_some_and(|l| l.words <= 5);
        if !short(i) {
            i += 1;
            continue;
        }
        let mut j = i;
        while short(j + 1) {
            j += 1;
        }
        for slot in short_run.get_mut(i..=j).into_iter().flatten() {
            *slot = j - i + 1;
        }
        i = j + 1;
    }

    let mut section = vec![None; n];
    let mut since_marker = vec![-1.0f32; n];
    let mut current: Option<(RemovalKind, usize)> = None;
    for (k, line) in lines.iter().enumerate() {
        if k > run.0 {
            if let Some(kind) = line.marker {
                current = Some((kind, k));
            }
        }
        if let Some((kind, at)) = current {
            if let Some(slot) = section.get_mut(k) {
                *slot = Some(kind);
            }
            if let Some(slot) = since_marker.get_mut(k) {
                *slot = (k - at).min(50) as f32;
            }
        }
    }

    let mut rows = vec![[0.0f32; FEATURES]; n];
    let mut words_before = 0usize;
    for (k, (line, row)) in lines.iter().zip(rows.iter_mut()).enumerate() {
        own_features(chrome, tables, line, row);
        let lower = line.text.to_lowercase();
        let (mut count, mut shared) = (0usize, 0usize);
        for t in tokens(&lower) {
            count += 1;
            if title.contains(t) {
                shared += 1;
            }
        }
        let signed =
            |from: Option<usize>| from.map_or(-99.0, |h| (k as f32 - h as f32).clamp(-60.0, 60.0));
        let page_values = [
            (repeat_of(line) as f32).ln(),
            k as f32 / n.max(1) as f32,
            words_before as f32 / total_words as f32,
            if k == 0 || count == 0 {
                0.0
            } else {
                shared as f32 / count as f32
            },
            signed(headline),
            f32::from(run.0 <= k && k <= run.1),
            (run.0 as f32 - k as f32).clamp(-60.0, 60.0),
            (k as f32 - run.1 as f32).clamp(-60.0, 60.0),
            short_run.get(k).copied().unwrap_or(0).min(50) as f32,
        ];
        for (slot, v) in row
            .iter_mut()
            .skip(OWN - page_values.len())
            .zip(page_values)
        {
            *slot = v;
        }
        // The marker distance replaces nothing above: it goes in the window block.
        if let Some(slot) = row.get_mut(FEATURES - 1) {
            *slot = since_marker.get(k).copied().unwrap_or(-1.0);
        }
        words_before += line.words;
    }
    // Page-level context: share of the page's words in the densest run.
    let run_share = run_words as f32 / total_words as f32;

    // Neighbours' features and windowed aggregates.
    const TAKE: [usize; NEIGHBOUR] = [1, 3, 7, 17, 18, 27, 31, 39];
    let own: Vec<[f32; OWN]> = rows
        .iter()
        .map(|r| {
            let mut o = [0.0f32; OWN];
            for (slot, v) in o.iter_mut().zip(r.iter()) {
                *slot = *v;
            }
            o
        })
        .collect();
    let prose = |k: usize| {
        lines
            .get(k)
            .is_some_and(|l| l.words >= 10 && l.ends_sentence && l.boilerplate.is_none())
    };
    for (k, row) in rows.iter_mut().enumerate() {
        let mut at = OWN;
        for off in OFFSETS {
            let neighbour = k.checked_add_signed(off).and_then(|j| own.get(j));
            for (t, &f) in TAKE.iter().enumerate() {
                let v = neighbour.and_then(|o| o.get(f)).copied().unwrap_or(-1.0);
                if let Some(slot) = row.get_mut(at + t) {
                    *slot = v;
                }
            }
            at += NEIGHBOUR;
        }
        let window = |r: usize| {
            let lo = k.saturating_sub(r);
            let hi = (k + r).min(n.saturating_sub(1));
            let len = (hi - lo + 1) as f32;
            let prose_share = (lo..=hi).filter(|&j| prose(j)).count() as f32 / len;
            let mean_words = (lo..=hi)
                .filter_map(|j| lines.get(j))
                .map(|l| (l.words as f32).ln_1p())
                .sum::<f32>()
                / len;
            (prose_share, mean_words)
        };
        let (p3, w3) = window(3);
        let (p8, w8) = window(8);
        let values = [p3, w3, p8, w8, run_share];
        for (slot, v) in row.iter_mut().skip(at).zip(values) {
            *slot = v;
        }
    }
    Page {
        lines,
        rows,
        run,
        headline,
        section,
    }
}

/// Feature rows of every unit, for the training script (through
/// [`crate::chrome_line_features`]).
pub(crate) fn features(tables: &Tables, units: &[Unit]) -> Vec<Vec<f32>> {
    page(&CHROME, tables, units)
        .rows
        .iter()
        .map(|r| r.to_vec())
        .collect()
}

/// Smoothed article-text probability of every unit, or `None` without a model.
fn probabilities(page: &Page<'_>) -> Option<(Vec<f32>, f32)> {
    let model = CHROME.model.as_ref()?;
    if model.features != FEATURES {
        return None;
    }
    let raw: Vec<f32> = page.rows.iter().map(|r| model.probability(r)).collect();
    let smoothed = (0..raw.len())
        .map(|k| {
            let (mut sum, mut weight) = (0.0f32, 0.0f32);
            for (w, off) in SMOOTH.iter().zip(-2isize..=2) {
                if let Some(p) = k.checked_add_signed(off).and_then(|j| raw.get(j)) {
                    sum += w * p;
                    weight += w;
                }
            }
            sum / weight.max(f32::MIN_POSITIVE)
        })
        .collect();
    Some((smoothed, model.threshold))
}

/// The removal kind of a chrome unit, from its own text and where it sits.
fn kind_of(page: &Page<'_>, k: usize, first_body: usize, last_body: usize) -> RemovalKind {
    let Some(line) = page.lines.get(k) else {
        return RemovalKind::Boilerplate;
    };
    if let Some(kind) = line.boilerplate.or(line.marker) {
        return kind;
    }
    if line.folded.contains("cookie") {
        return RemovalKind::CookieNotice;
    }
    if line.folded.starts_with('©') || line.folded.contains("copyright") {
        return RemovalKind::Copyright;
    }
    if k < first_body {
        return if line.words <= 8 {
            RemovalKind::Navigation
        } else {
            RemovalKind::Boilerplate
        };
    }
    if let Some(kind) = page.section.get(k).copied().flatten() {
        return kind;
    }
    if k > last_body {
        return RemovalKind::Footer;
    }
    RemovalKind::Boilerplate
}

/// Marks the units of `labels` that are page chrome as removed, with their
/// kind, and finds the headline among them. Labels that are already removals
/// stay as they are; metadata (bylines, dates, figures) is kept where the
/// article is and removed elsewhere.
pub(crate) fn strip(tables: &Tables, units: &[Unit], labels: &mut [Label]) -> PageChrome {
    if units.len() < 4 {
        return PageChrome::default();
    }
    let page = page(&CHROME, tables, units);
    let Some((prob, threshold)) = probabilities(&page) else {
        return PageChrome::default();
    };
    let is_body_label = |l: &Label| {
        matches!(
            l,
            Label::Text | Label::Paragraph | Label::Heading | Label::ListItem(_) | Label::Quote(_)
        )
    };
    let kept = |k: usize| prob.get(k).is_some_and(|&p| p >= threshold);
    let body: Vec<usize> = (0..units.len())
        .filter(|&k| labels.get(k).is_some_and(is_body_label) && kept(k))
        .collect();
    let (Some(&first_body), Some(&last_body)) = (body.first(), body.last()) else {
        // Nothing reads as an article: leave the page as it is rather than
        // return nothing.
        return PageChrome::default();
    };
    let headline = page.headline.filter(|&h| h < first_body || h <= page.run.1);
    // Without a headline below it, the first line left may be the title.
    let first_free = labels.iter().position(|l| !matches!(l, Label::Remove(_)));
    let top = headline.or(first_free).unwrap_or(0);
    for k in 0..units.len() {
        let Some(label) = labels.get(k) else {
            continue;
        };
        let keep = match label {
            Label::Remove(_) => continue,
            _ if Some(k) == headline => true,
            _ if Some(k) == first_free && headline.is_none() => {
                page.lines.get(k).is_some_and(|l| l.words <= 30)
            }
            Label::Byline(..) | Label::Date(..) | Label::Category(_) => {
                k + 3 >= top && k <= first_body + 2
            }
            Label::Contributors(_) => k + 3 >= first_body && k <= last_body + 3,
            Label::Figure(_) | Label::Caption(_) => k + 2 >= first_body && k <= last_body + 1,
            Label::Text
                if k > top
                    && k < first_body
                    && page.lines.get(k).is_some_and(|l| l.words <= 12) =>
            {
                // A byline without `By` between the headline and the story.
                kept(k) || byline::parse(units.get(k).map_or("", Unit::as_str)).is_some()
            }
            _ => kept(k),
        };
        if keep {
            continue;
        }
        let kind = if k == 0 && headline.is_some() {
            RemovalKind::Duplicate
        } else {
            kind_of(&page, k, first_body, last_body)
        };
        if let Some(slot) = labels.get_mut(k) {
            *slot = Label::Remove(kind);
        }
    }
    PageChrome { headline }
}
