//! The normalization pipeline, one module a stage:
//! decode → segment (with per-line repair) → classify → assemble.
//!
//! Repair runs inside segmentation, one line at a time, so that every unit
//! keeps an exact map back to the caller's input (see [`text::MappedText`]).

pub(crate) mod byline;
pub(crate) mod chrome;
pub(crate) mod classify;
pub(crate) mod date;
pub(crate) mod decode;
pub(crate) mod entities;
pub(crate) mod figure;
pub(crate) mod mojibake;
pub(crate) mod names;
pub(crate) mod repair;
pub(crate) mod segment;
pub(crate) mod swar;
pub(crate) mod tables;
pub(crate) mod text;

/// Texts for the randomized agreement tests of the repair screens: for each
/// length in `lengths`, `per_length` texts of that many `pieces`, picked by a
/// small LCG from `seed` (the same texts on every run, so a failure repeats).
#[cfg(test)]
pub(crate) fn random_texts(
    pieces: &[&str],
    seed: u64,
    lengths: std::ops::Range<usize>,
    per_length: usize,
) -> Vec<String> {
    let mut seed = seed;
    let mut texts = Vec::with_capacity(lengths.len() * per_length);
    for len in lengths {
        for _ in 0..per_length {
            texts.push(
                (0..len)
                    .map(|_| {
                        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
                        let pick = (seed >> 33) as usize % pieces.len().max(1);
                        pieces.get(pick).copied().unwrap_or("a")
                    })
                    .collect(),
            );
        }
    }
    texts
}

use crate::article::{
    Article, Block, Byline, Removal, RemovalKind, RepairKind, Repairs, SourceEncoding, Span,
};
use crate::error::Error;
use crate::options::Options;
use crate::shared_text::TextBuffer;
use crate::spin::{self, Target};
use classify::{classify, Label};
use repair::Repairer;
use segment::Unit;
use tables::{Tables, TABLES};

/// Builds every process-wide table now: the shared [`tables::TABLES`] on
/// this thread while the repair tables and the page-chrome model are built
/// on a second one (about halving the first call's wait on two cores).
pub(crate) fn warm_up() {
    // Once per process: every `Normalizer::new` (the C ABI builds one per
    // call) comes here, and a thread spawned each time cost ~40 µs a call.
    static WARMED: std::sync::Once = std::sync::Once::new();
    WARMED.call_once(build_tables);
}

/// The work of [`warm_up`], on two threads.
fn build_tables() {
    std::thread::scope(|scope| {
        let others = std::thread::Builder::new()
            .name("artnorm-warm-up".into())
            .spawn_scoped(scope, || {
                repair::warm_up();
                chrome::warm_up();
            });
        std::sync::LazyLock::force(&TABLES);
        match others {
            Ok(handle) => {
                let _ = handle.join();
            }
            Err(_) => {
                repair::warm_up();
                chrome::warm_up();
            }
        }
    });
}

/// Normalizes `input`; `base` is added to every span (the BOM the caller's
/// bytes began with).
pub(crate) fn run(
    options: &Options,
    input: &str,
    base: usize,
    encoding: SourceEncoding,
) -> Result<Article, Error> {
    if input.len() > options.max_input_bytes {
        return Err(Error::InputTooLarge {
            len: input.len(),
            limit: options.max_input_bytes,
        });
    }
    let tables = &*TABLES;
    let repairer = Repairer::new(options);
    let mut repairs = Repairs::new();
    let mut units = segment::segment(input, base, &repairer, &mut repairs);
    if units.is_empty() {
        return Err(Error::EmptyInput);
    }
    let mut removed = Vec::new();
    // Every block and audit-trail text of the article goes into a few
    // shared buffers (not one allocation and one free a text).
    let mut texts = TextBuffer::default();
    strip_inline_shortcodes(tables, input, base, &mut units, &mut removed, &mut texts);
    let labels = classify(tables, &units, options.strip_chrome);
    let mut targets = Vec::new();
    let mut article = assemble(input, base, &units, labels, removed, texts, &mut targets);
    let sources: Vec<spin::Source<'_>> = targets
        .into_iter()
        .filter_map(|(i, target)| {
            let text = &units.get(i)?.text;
            Some(spin::Source { text, target })
        })
        .collect();
    spin::run(options, &mut article, &sources);
    article.repairs.merge(&repairs);
    article.encoding = encoding;
    Ok(article)
}

/// Each unit's text and chrome feature row (for `scripts/train_chrome.py`).
pub(crate) fn chrome_features(input: &str) -> Vec<(String, Vec<f32>)> {
    let tables = &*TABLES;
    let repairer = Repairer::new(&Options::default());
    let mut units = segment::segment(input, 0, &repairer, &mut Repairs::new());
    strip_inline_shortcodes(
        tables,
        input,
        0,
        &mut units,
        &mut Vec::new(),
        &mut TextBuffer::default(),
    );
    let rows = chrome::features(tables, &units);
    units
        .iter()
        .map(|u| u.as_str().to_owned())
        .zip(rows)
        .collect()
}

/// The input's text at `span`, trimmed.
fn raw_text(input: &str, base: usize, span: Span) -> &str {
    let text = input
        .get(span.start.saturating_sub(base)..span.end.saturating_sub(base))
        .unwrap_or("");
    // A unit's span mostly starts and ends on a visible ASCII character,
    // which `trim` would leave: told by two bytes, before any char is decoded.
    let bytes = text.as_bytes();
    let visible_ends = bytes.first().is_some_and(u8::is_ascii_graphic)
        && bytes.last().is_some_and(u8::is_ascii_graphic);
    if visible_ends {
        text
    } else {
        text.trim()
    }
}

/// Cuts `[caption …]`, `[/caption]`, `[embed]` and other shortcode tags out of
/// units that hold text besides them, recording each cut (its text goes
/// into `texts`).
pub(crate) fn strip_inline_shortcodes(
    tables: &Tables,
    input: &str,
    base: usize,
    units: &mut [Unit],
    removed: &mut Vec<Removal>,
    texts: &mut TextBuffer,
) {
    // Units fresh from segmentation share one page: most pages hold no `[`
    // at all, told by one search.
    if let Some(first) = units.first() {
        if units.iter().all(|u| u.text.shares_page(&first.text))
            && memchr::memchr(b'[', first.text.page_str().as_bytes()).is_none()
        {
            return;
        }
    }
    for unit in units.iter_mut() {
        let text = unit.as_str();
        if memchr::memchr(b'[', text.as_bytes()).is_none() {
            continue;
        }
        // Embeds go whole (`[embed]URL[/embed]`), other tags one by one.
        let mut cuts: Vec<(usize, usize)> = tables
            .embed_pair
            .find_iter(text)
            .map(|m| (m.start(), m.end()))
            .collect();
        let inside_embed = |at: usize| cuts.iter().any(|&(s, e)| s <= at && at < e);
        let tags: Vec<(usize, usize)> = tables
            .shortcode
            .find_iter(text)
            .filter(|m| is_shortcode_tag(m.as_str()) && !inside_embed(m.start()))
            .map(|m| (m.start(), m.end()))
            .collect();
        let caption = tags.iter().any(|&(s, e)| {
            text.as_bytes()
                .get(s..e)
                .is_some_and(|tag| starts_caption_tag(tag, false))
        });
        cuts.extend(tags);
        cuts.sort_unstable();
        let cut_len: usize = cuts.iter().map(|(start, end)| end - start).sum();
        // A unit that is nothing but shortcodes is classified (and recorded) whole.
        if cuts.is_empty() || text.trim().len() <= cut_len {
            continue;
        }
        for &(start, end) in &cuts {
            let span = unit.text.raw_span(start, end);
            let kind = if tables
                .ad_marker
                .is_match(text.get(start..end).unwrap_or(""))
            {
                RemovalKind::AdMarker
            } else {
                RemovalKind::Shortcode
            };
            removed.push(Removal::new(
                kind,
                texts.push(raw_text(input, base, span)),
                span,
            ));
        }
        unit.text = unit.text.without(&cuts);
        unit.caption_shortcode = caption;
    }
}

/// True when `tag` starts with a `[caption` tag (any case, the name ending
/// at `]`, whitespace or the end), or with a `[/caption` one too when
/// `closing`.
pub(crate) fn starts_caption_tag(tag: &[u8], closing: bool) -> bool {
    let Some(rest) = tag.strip_prefix(b"[") else {
        return false;
    };
    let rest = match rest.strip_prefix(b"/") {
        Some(name) if closing => name,
        _ => rest,
    };
    let name = b"caption".len();
    rest.get(..name)
        .is_some_and(|head| head.eq_ignore_ascii_case(b"caption"))
        && rest
            .get(name)
            .is_none_or(|&next| next == b']' || next.is_ascii_whitespace())
}

/// True for the tag names WordPress and its plugins use; keeps `[sic]`,
/// `[weapons]` and other editorial brackets in prose.
fn is_shortcode_tag(tag: &str) -> bool {
    let name = tag
        .trim_start_matches("[/")
        .trim_start_matches('[')
        .split(|c: char| c.is_whitespace() || c == ']')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    const NAMES: &[&str] = &[
        "caption",
        "embed",
        "gallery",
        "video",
        "audio",
        "playlist",
        "tweet",
        "youtube",
        "vimeo",
        "instagram",
        "facebook",
        "ad",
        "ads",
        "adsense",
        "advert",
        "advertisement",
        "sc",
        "shortcode",
        "button",
        "quote",
        "pullquote",
        "blockquote",
        "wp_ad_camp",
        "ad_1",
        "ad_2",
        "ad_3",
        "ad_4",
        "ad_5",
        "related",
        "related_posts",
        "toc",
        "contact-form-7",
        "mc4wp_form",
        "newsletter",
        "et_pb_text",
        "vc_row",
        "vc_column",
        "vc_column_text",
    ];
    let is_ad = name.starts_with("ad_")
        && name
            .get(3..)
            .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()));
    NAMES.contains(&name.as_str()) || is_ad || tag.contains('=')
}

/// Builds the article from the labelled units. `removed` holds the audit
/// entries made so far, their texts in `texts`; every block and removal text
/// is appended there too, and the texts get their buffers at the end.
pub(crate) fn assemble(
    input: &str,
    base: usize,
    units: &[Unit],
    labels: Vec<Label>,
    mut removed: Vec<Removal>,
    mut texts: TextBuffer,
    targets: &mut Vec<(usize, Target)>,
) -> Article {
    let mut article = Article::default();
    // Room for what the labels can add, so that the lists are not copied
    // as they grow: a block for each text label, an audit entry for each
    // removal and line of metadata (and the two sides of a title).
    let (mut blocks, mut removals) = (0, 2);
    for label in &labels {
        match label {
            Label::Merged => {}
            Label::Remove(_)
            | Label::Byline(..)
            | Label::Date(..)
            | Label::Contributors(_)
            | Label::Title => removals += 1,
            _ => blocks += 1,
        }
    }
    article.blocks.reserve(blocks);
    removed.reserve(removals);
    targets.reserve(blocks + 1);
    for (index, (unit, label)) in units.iter().zip(labels).enumerate() {
        let text = unit.as_str();
        // The unit whole, recorded as removed (its span is worked out only then).
        let removal = |kind, texts: &mut TextBuffer| {
            let span = unit.text.full_span();
            Removal::new(kind, texts.push(raw_text(input, base, span)), span)
        };
        match label {
            Label::Remove(kind) => removed.push(removal(kind, &mut texts)),
            Label::Category(category) => {
                if article.category.is_none() {
                    article.category = Some(category);
                } else {
                    article.blocks.push(Block::Paragraph {
                        text: texts.push(text),
                    });
                }
            }
            Label::Title => {
                targets.push((index, Target::Title));
                // `Headline | Site Name`: the site's name is cut and recorded.
                let (start, end) = chrome::headline_range(text);
                for (from, to) in [(0, start), (end, text.len())] {
                    if text.get(from..to).is_some_and(|cut| !cut.trim().is_empty()) {
                        let span = unit.text.raw_span(from, to);
                        removed.push(Removal::new(
                            RemovalKind::Boilerplate,
                            texts.push(raw_text(input, base, span)),
                            span,
                        ));
                    }
                }
                article.title = Some(text.get(start..end).unwrap_or(text).trim().to_owned());
            }
            Label::Byline(byline, unglued) => {
                if unglued {
                    article.repairs.add(RepairKind::Unglue, 1);
                }
                // A byline line with words the byline does not hold (a role,
                // a place) is kept whole in the audit trail as boilerplate; one
                // that only repeats names already taken, as a duplicate.
                let held = classify::words_not_held(text, Some(&byline), false) == 0;
                let merged = merge_byline(&mut article.byline, *byline);
                if !held || !merged {
                    let kind = if held {
                        RemovalKind::Duplicate
                    } else {
                        RemovalKind::Boilerplate
                    };
                    removed.push(removal(kind, &mut texts));
                }
            }
            Label::Date(date, byline) => {
                let held = classify::words_not_held(text, byline.as_deref(), true) == 0;
                let mut whole = true;
                if article.published.is_none() {
                    article.published = Some(date);
                } else {
                    whole = false;
                }
                if let Some(byline) = byline {
                    whole &= merge_byline(&mut article.byline, *byline);
                }
                if !whole || !held {
                    // A second date line, a repeated name, or words the date
                    // and byline do not hold: kept in the audit trail.
                    let kind = if held {
                        RemovalKind::Duplicate
                    } else {
                        RemovalKind::Boilerplate
                    };
                    removed.push(removal(kind, &mut texts));
                }
            }
            Label::Contributors(names) => {
                let mut whole = true;
                for name in names {
                    if article.contributors.contains(&name) {
                        whole = false;
                    } else {
                        article.contributors.push(name);
                    }
                }
                if !whole {
                    removed.push(removal(RemovalKind::Duplicate, &mut texts));
                }
            }
            Label::Figure(parts) => {
                if let Some((start, end)) = parts.repeat {
                    let span = unit.text.raw_span(start, end);
                    removed.push(Removal::new(
                        RemovalKind::Duplicate,
                        texts.push(raw_text(input, base, span)),
                        span,
                    ));
                }
                // A caption alone (`[caption]…[/caption]`) right after a
                // figure that lacks one is that figure's caption, as a
                // labelled `Image caption, …` line would be.
                if let (
                    None,
                    None,
                    Some(caption),
                    Some(Block::Figure {
                        caption: slot @ None,
                        ..
                    }),
                ) = (
                    &parts.credit,
                    &parts.alt,
                    &parts.caption,
                    article.blocks.last_mut(),
                ) {
                    *slot = Some(caption.clone());
                    let last = article.blocks.len().saturating_sub(1);
                    targets.push((index, Target::Figure(last)));
                    continue;
                }
                targets.push((index, Target::Figure(article.blocks.len())));
                article.blocks.push(Block::Figure {
                    credit: parts.credit,
                    alt: parts.alt,
                    caption: parts.caption,
                });
            }
            Label::Caption(caption) => {
                if let Some(Block::Figure {
                    caption: slot @ None,
                    ..
                }) = article.blocks.last_mut()
                {
                    *slot = Some(caption);
                    let last = article.blocks.len().saturating_sub(1);
                    targets.push((index, Target::Figure(last)));
                } else {
                    targets.push((index, Target::Figure(article.blocks.len())));
                    article.blocks.push(Block::Figure {
                        credit: None,
                        alt: None,
                        caption: Some(caption),
                    });
                }
            }
            Label::Heading => {
                targets.push((index, Target::Text(article.blocks.len())));
                article.blocks.push(Block::Heading {
                    text: texts.push(text),
                });
            }
            Label::Quote(range) => article.blocks.push(Block::Quote {
                text: texts.push(text.get(range).unwrap_or(text)),
            }),
            Label::ListItem(range) => article.blocks.push(Block::ListItem {
                text: texts.push(text.get(range).unwrap_or(text)),
            }),
            Label::Merged => {}
            // Repeated paragraphs were removed in classification (a
            // paragraph is a text label that outlived that check), so no
            // second check here.
            Label::Paragraph | Label::Text => {
                targets.push((index, Target::Text(article.blocks.len())));
                article.blocks.push(Block::Paragraph {
                    text: texts.push(text),
                });
            }
        }
    }
    // A few allocations for all the texts, which now take them.
    let frozen = texts.freeze();
    let blocks = article.blocks.iter_mut().filter_map(Block::text_mut);
    for text in blocks.chain(removed.iter_mut().map(|r| &mut r.text)) {
        frozen.attach(text);
    }
    removed.sort_by_key(|r| (r.span.start, r.span.end));
    article.removed = removed;
    article
}

/// Adds a second byline line's names and outlet to the first. False when
/// part of it was not taken (a name already there, a second outlet): the
/// caller then records the line in `removed` so that nothing goes unrecorded.
fn merge_byline(slot: &mut Option<Byline>, byline: Byline) -> bool {
    match slot {
        None => {
            *slot = Some(byline);
            true
        }
        Some(existing) => {
            let mut whole = true;
            for author in byline.authors {
                if existing.authors.contains(&author) {
                    whole = false;
                } else {
                    existing.authors.push(author);
                }
            }
            match (&existing.outlet, byline.outlet) {
                (None, outlet) => existing.outlet = outlet,
                (Some(_), None) => {}
                (Some(_), Some(_)) => whole = false,
            }
            whole
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::article::{Block, RemovalKind};

    #[test]
    fn raw_text_is_trimmed_as_by_trim() {
        let input = "\u{a0} a b \t\u{2003}x\u{2003}";
        for start in 0..=input.len() {
            for end in start..=input.len() {
                if !input.is_char_boundary(start) || !input.is_char_boundary(end) {
                    continue;
                }
                let span = crate::article::Span::new(start + 3, end + 3);
                assert_eq!(
                    super::raw_text(input, 3, span),
                    input.get(start..end).unwrap_or_default().trim(),
                    "{start}..{end}"
                );
            }
        }
    }

    #[test]
    fn repeated_paragraphs_are_told_from_look_alikes() {
        // Same length, same first and last 32 bytes: told apart whole; the
        // exact repeat goes to the audit trail.
        let para = |middle: &str| {
            format!("The council met on Tuesday to discuss {middle} and the plans for the new bridge over the river.")
        };
        let input = format!(
            "Council weighs the bridge plans\n\n{}\n\n{}\n\n{}\n",
            para("the budgets"),
            para("the parking"),
            para("the budgets")
        );
        let Ok(article) = crate::normalize(&input) else {
            panic!("normalizes");
        };
        let paragraphs = article
            .blocks
            .iter()
            .filter(|b| matches!(b, Block::Paragraph { .. }))
            .count();
        assert_eq!(paragraphs, 2);
        let duplicates = article
            .removed
            .iter()
            .filter(|r| r.kind == RemovalKind::Duplicate)
            .count();
        assert_eq!(duplicates, 1);
    }

    #[test]
    fn no_paragraph_of_eight_words_is_kept_twice() {
        // Assembly keeps every paragraph classification hands it: the
        // repeats (eight words or more) must all have been removed there,
        // whatever stands between them (headings, short lines, look-alikes,
        // a paragraph of exactly eight words), and only those. Moving
        // classification's bar to seven words or to nine fails this.
        let pieces = [
            "The council met on Tuesday to discuss the budgets and the plans for the bridge.",
            "The council met on Tuesday to discuss the parking and the plans for the bridge.",
            "Officials said the new bridge would open next spring.",
            "Eight words stand in this one short line.",
            "Seven words stand in this short line.",
            "Nine words stand in this one rather short line.",
            "Plans for the bridge",
            "Read more",
            "By Jane Doe",
            "- a list item of the page that is long enough",
        ];
        let mut seed = 7_u64;
        for page in 0..600 {
            let mut input = String::from("Council weighs the bridge plans\n\n");
            for _ in 0..(4 + page % 13) {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
                let pick = (seed >> 33) as usize % pieces.len();
                input.push_str(pieces.get(pick).copied().unwrap_or(""));
                input.push_str("\n\n");
            }
            // Page chrome removal (on every other page) may take short
            // repeated lines too; without it, a shorter paragraph is kept
            // each time it is said.
            let strip_chrome = page % 2 == 0;
            let options = crate::Options::new().strip_chrome(strip_chrome);
            let Ok(article) = crate::Normalizer::new(options).and_then(|n| n.normalize(&input))
            else {
                panic!("normalizes");
            };
            let mut kept: Vec<&str> = article
                .blocks
                .iter()
                .filter(|b| matches!(b, Block::Paragraph { .. }))
                .filter_map(|b| b.text())
                .filter(|t| crate::pipeline::classify::word_count(t) >= 8)
                .collect();
            let all = kept.len();
            kept.sort_unstable();
            kept.dedup();
            assert_eq!(kept.len(), all, "{input}");
            if !strip_chrome {
                let seven = "Seven words stand in this short line.";
                let kept_seven = article
                    .blocks
                    .iter()
                    .filter(|b| b.text() == Some(seven))
                    .count();
                assert_eq!(kept_seven, input.matches(seven).count(), "{input}");
            }
        }
    }

    #[test]
    fn quotes_and_list_items_keep_their_text_without_the_marker() {
        // Classification hands over where the text is in the unit, not a
        // copy: each block must read exactly the text after its marker.
        let input = "A headline for the test\n\n\
                     The council met on Tuesday to talk about the plans for the bridge.\n\n\
                     >   A quoted line with spaces around it.  \n\n\
                     - first item of the list\n\n\
                     * second item\n\n\
                     The council will meet again next month to vote on the plans.\n";
        let Ok(article) = crate::normalize(input) else {
            panic!("normalizes");
        };
        let texts: Vec<(&str, &str)> = article
            .blocks
            .iter()
            .filter_map(|b| Some((b.kind(), b.text()?)))
            .collect();
        assert!(
            texts.contains(&("quote", "A quoted line with spaces around it.")),
            "{texts:?}"
        );
        assert!(
            texts.contains(&("list_item", "first item of the list")),
            "{texts:?}"
        );
        assert!(texts.contains(&("list_item", "second item")), "{texts:?}");
    }

    #[test]
    fn an_articles_texts_share_a_few_buffers() {
        // A few allocations for all block and audit-trail texts (inline
        // shortcodes cut before assembly included), not one a text: texts
        // fill shared buffers of up to `CHUNK` bytes in turn.
        let sample = include_str!("../../samples/bbc-putin-kim-spun.txt");
        let input = format!("{sample}\n\nA last line [ad_3] of text to close the story with.\n");
        let Ok(article) = crate::normalize(&input) else {
            panic!("normalizes");
        };
        let texts: Vec<&crate::SharedText> = article
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph { text }
                | Block::Heading { text }
                | Block::Quote { text }
                | Block::ListItem { text } => Some(text),
                _ => None,
            })
            .chain(article.removed.iter().map(|r| &r.text))
            .collect();
        assert!(article.blocks.len() > 5 && article.removed.len() > 5);
        assert!(article.removed.iter().any(|r| r.text == "[ad_3]"));
        let mut buffers: Vec<&crate::SharedText> = Vec::new();
        for text in &texts {
            if !buffers.iter().any(|b| b.shares_buffer_with(text)) {
                buffers.push(text);
            }
        }
        let bytes: usize = texts.iter().map(|t| t.len()).sum();
        let most = bytes.div_ceil(crate::shared_text::CHUNK / 2);
        assert!(
            buffers.len() <= most && buffers.len() * 4 < texts.len(),
            "{} buffers for {} texts, {bytes} bytes",
            buffers.len(),
            texts.len()
        );
        // Each still reads its own text.
        for removal in &article.removed {
            let raw = input
                .get(removal.span.start..removal.span.end)
                .unwrap_or("");
            assert_eq!(removal.text, raw.trim());
        }
    }
}
