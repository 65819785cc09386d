//! Classification: one label per unit, first from the unit's own text, then
//! from its position among its neighbours.

use crate::article::{Byline, Date, RemovalKind};
use crate::pipeline::byline;
use crate::pipeline::chrome;
use crate::pipeline::date::{parse_date_line, DATE_LINE_WORDS};
use crate::pipeline::figure::{
    explicit_caption, parse_figure, without_trailing_separator, FigureParts,
};
use crate::pipeline::names::{is_person_name, split_names};
use crate::pipeline::segment::{ends_sentence, more_chars_than, starts_like_list_item, Unit};
use crate::pipeline::swar::{padded_tail, ONES, TOPS};
use crate::pipeline::tables::{lowercase_eq, with_lowercase, Tables, FOLD_GATE};

#[derive(Debug, Clone)]
pub(crate) enum Label {
    Remove(RemovalKind),
    Category(String),
    Title,
    /// Bylines boxed, like figures: most units are plain text, and an
    /// inline byline (48 bytes) made every label 64 bytes instead of 32.
    Byline(Box<Byline>, bool),
    Date(Date, Option<Box<Byline>>),
    Contributors(Vec<String>),
    /// Boxed: most units are not figures, and inline parts made every label
    /// 104 bytes.
    Figure(Box<FigureParts>),
    Caption(String),
    Heading,
    Paragraph,
    /// The quoted text: its byte range in the unit's text (no copy made
    /// for a label that chrome removal may still overrule).
    Quote(std::ops::Range<usize>),
    /// The item text without its marker: its byte range in the unit's text.
    ListItem(std::ops::Range<usize>),
    /// Moved into a neighbouring block (a caption read with the credit after it).
    Merged,
    /// Not decided by the unit's own text: title, category, heading,
    /// caption or paragraph, by position.
    Text,
}

impl Label {
    fn is_text(&self) -> bool {
        matches!(self, Label::Text)
    }
}

/// True for what [`fold_into`] trims from the edges of a line.
pub(crate) fn is_fold_edge(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '.' | ':'
                | '|'
                | '•'
                | '·'
                | '›'
                | '»'
                | '«'
                | '→'
                | '>'
                | '<'
                | '-'
                | '–'
                | '—'
                | '*'
                | '#'
                | '!'
                | '…'
                | '('
                | ')'
                | '['
                | ']'
        )
}

/// True for the ASCII bytes [`is_fold_edge`] accepts.
fn is_ascii_fold_edge(b: u8) -> bool {
    matches!(
        b,
        b'\t'
            ..=b'\r'
                | b' '
                | b'.'
                | b':'
                | b'|'
                | b'>'
                | b'<'
                | b'-'
                | b'*'
                | b'#'
                | b'!'
                | b'('
                | b')'
                | b'['
                | b']'
    )
}

/// `text.trim_matches(is_fold_edge)`, ASCII edges byte by byte: most lines
/// start and end with a letter, a digit or a full stop. One that starts and
/// ends with an ASCII letter or digit (no fold edge) is told at once.
#[inline(always)]
fn trim_fold_edges(text: &str) -> &str {
    match (text.as_bytes().first(), text.as_bytes().last()) {
        (Some(first), Some(last))
            if first.is_ascii_alphanumeric() && last.is_ascii_alphanumeric() =>
        {
            text
        }
        _ => trim_fold_edges_bytes(text),
    }
}

/// [`trim_fold_edges`] past its shortcut.
fn trim_fold_edges_bytes(text: &str) -> &str {
    let bytes = text.as_bytes();
    let mut start = 0;
    while let Some(&b) = bytes.get(start) {
        if b >= 0x80 {
            let rest = text.get(start..).unwrap_or_default();
            return trim_fold_edges_end(rest.trim_start_matches(is_fold_edge));
        }
        if !is_ascii_fold_edge(b) {
            break;
        }
        start += 1;
    }
    trim_fold_edges_end(text.get(start..).unwrap_or_default())
}

/// `text.trim_end_matches(is_fold_edge)`, ASCII edges byte by byte.
fn trim_fold_edges_end(text: &str) -> &str {
    let bytes = text.as_bytes();
    let mut end = bytes.len();
    while let Some(&b) = end.checked_sub(1).and_then(|last| bytes.get(last)) {
        if b >= 0x80 {
            let rest = text.get(..end).unwrap_or_default();
            return rest.trim_end_matches(is_fold_edge);
        }
        if !is_ascii_fold_edge(b) {
            break;
        }
        end -= 1;
    }
    text.get(..end).unwrap_or_default()
}

/// Folds a line for phrase lookup: lower-case, edge punctuation, bullets and
/// arrows trimmed, inner spaces single.
#[cfg(test)]
pub(crate) fn fold(text: &str) -> String {
    let mut out = String::new();
    fold_into(text, &mut out);
    out
}

/// `fold` into `out` (cleared first), so that a caller folding many lines
/// reuses one buffer.
pub(crate) fn fold_into(text: &str, out: &mut String) {
    fold_trimmed_into(trim_fold_edges(text), out);
}

/// [`fold_into`] of a line already trimmed of its fold edges (trimming is
/// idempotent, so the trim is not repeated).
fn fold_trimmed_into(trimmed: &str, out: &mut String) {
    out.clear();
    out.reserve(trimmed.len());
    // ASCII lower-cases as `char::to_lowercase` would, and the ASCII spaces
    // are exactly those `split_whitespace` splits at. The trimmed line
    // neither starts nor ends with one: ASCII with single spaces only, it is
    // its own word list.
    if is_ascii_single_spaced(trimmed.as_bytes()) {
        out.push_str(trimmed);
        out.make_ascii_lowercase();
        return;
    }
    fold_words(trimmed, out);
}

/// [`fold_into`] past its fast path: the words of `text` (split at
/// Unicode white space), lower-cased character by character, joined with
/// single spaces. ASCII runs are copied whole and lower-cased in place.
fn fold_words(text: &str, out: &mut String) {
    let mut rest = text;
    let mut space = false;
    loop {
        let run = rest
            .bytes()
            .take_while(|&b| b < 0x80 && !b.is_ascii_whitespace() && b != b'\x0B')
            .count();
        if run > 0 {
            if space {
                out.push(' ');
                space = false;
            }
            let from = out.len();
            out.push_str(rest.get(..run).unwrap_or_default());
            if let Some(pushed) = out.get_mut(from..) {
                pushed.make_ascii_lowercase();
            }
            rest = rest.get(run..).unwrap_or_default();
        }
        let mut chars = rest.chars();
        let Some(c) = chars.next() else {
            return;
        };
        rest = chars.as_str();
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        // General punctuation (dashes, quotes, ellipses) has no case.
        if matches!(c, '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205E}') {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
    }
}

/// True for ASCII text whose only spaces are single `' '`s (no tab, line
/// break or other ASCII space, no two in a row), tested eight bytes at a time.
pub(crate) fn is_ascii_single_spaced(bytes: &[u8]) -> bool {
    let mut blocks = bytes.chunks_exact(8);
    // The top bit of byte 0: the byte before the block was a `' '`.
    let mut blank_before = 0;
    let mut test = |x: u64| {
        let (controls, blanks) = ascii_spaces(x);
        let double = blanks & ((blanks << 8) | blank_before);
        blank_before = (blanks >> 56) & 0x80;
        x & TOPS == 0 && controls == 0 && double == 0
    };
    for block in &mut blocks {
        let mut word = [0; 8];
        word.copy_from_slice(block);
        if !test(u64::from_le_bytes(word)) {
            return false;
        }
    }
    // The last bytes, padded with `x` (no space, ASCII).
    test(padded_tail(bytes, blocks.remainder().len(), b'x'))
}

/// The ASCII spaces among the eight bytes of `x`, as the top bit of each
/// byte: `\t`..=`\r`, and `' '` apart. With the top bits cleared first, no
/// per-byte sum carries into the next byte; a byte with its top bit set
/// (non-ASCII) is neither.
#[inline(always)]
fn ascii_spaces(x: u64) -> (u64, u64) {
    let low = x & !TOPS;
    // At least 9 and not at least 14.
    let at_least_9 = low.wrapping_add(ONES * (0x80 - 9)) & TOPS;
    let at_least_14 = low.wrapping_add(ONES * (0x80 - 14)) & TOPS;
    let controls = at_least_9 & !at_least_14 & !x;
    let blanks = !(low ^ (ONES * 0x20)).wrapping_add(ONES * 0x7F) & TOPS & !x;
    (controls, blanks)
}

/// The number of whitespace-separated words (`split_whitespace().count()`).
pub(crate) fn word_count(text: &str) -> usize {
    words_upto(text, usize::MAX)
}

/// `word_count(text).min(cap)`, reading no further than the word that
/// reaches `cap`: rules that only ask whether a unit is short stop early on
/// long paragraphs.
pub(crate) fn words_upto(text: &str, cap: usize) -> usize {
    // Eight bytes at a time (see `block_starts`); the cap is looked at once
    // a block.
    let all = text.as_bytes();
    let mut words = 0;
    let mut space_before = true;
    let mut blocks = all.chunks_exact(8);
    for (n, block) in (&mut blocks).enumerate() {
        let mut bytes = [0; 8];
        bytes.copy_from_slice(block);
        let Some(starts) = block_starts(all, n * 8, bytes, &mut space_before) else {
            return text.split_whitespace().take(cap).count();
        };
        words += starts;
        if words >= cap {
            return cap;
        }
    }
    let rest = blocks.remainder();
    if !rest.is_empty() {
        // Padded with spaces, which start no word.
        let bytes = padded_tail(all, rest.len(), b' ').to_le_bytes();
        let at = all.len() - rest.len();
        let Some(starts) = block_starts(all, at, bytes, &mut space_before) else {
            return text.split_whitespace().take(cap).count();
        };
        words += starts;
    }
    words.min(cap)
}

/// The words starting in the eight bytes `bytes` (at `at` in `all`), given
/// whether the byte before them was a space; `None` when a non-ASCII space
/// starts among them.
///
/// ASCII: a word starts at each non-space byte after a space (or at the
/// start); the spaces are exactly those `char::is_whitespace` accepts. In a
/// `u64`, with every byte below 0x80, no per-byte sum carries into the next
/// byte, so each byte's top bit answers for it. Non-ASCII bytes are parts of
/// non-space characters once none of the characters starting here is a
/// non-ASCII space.
#[inline(always)]
fn block_starts(all: &[u8], at: usize, bytes: [u8; 8], space_before: &mut bool) -> Option<usize> {
    let x = u64::from_le_bytes(bytes);
    let high = x & TOPS;
    // Every non-ASCII space starts with 0xC2, 0xE1, 0xE2 or 0xE3.
    let has_zero = |v: u64| v.wrapping_sub(ONES) & !v & TOPS != 0;
    let may_lead_space = high != 0
        && (has_zero(x ^ (ONES * 0xC2))
            || has_zero(x ^ (ONES * 0xE1))
            || has_zero((x | ONES) ^ (ONES * 0xE3)));
    if may_lead_space && (at..at + 8).any(|i| non_ascii_space_at(all, i)) {
        return None;
    }
    let (controls, blanks) = ascii_spaces(x);
    let space = controls | blanks;
    let before = if *space_before { 0x80 } else { 0 };
    let starts = !space & TOPS & ((space << 8) | before);
    *space_before = space >> 63 != 0;
    // One bit a byte, at most eight: a multiply sums them in the top byte.
    Some(((starts >> 7).wrapping_mul(ONES) >> 56) as usize)
}

/// True when a non-ASCII space (U+0085, U+00A0, U+1680, U+2000..=U+200A,
/// U+2028, U+2029, U+202F, U+205F, U+3000) starts at `at`.
fn non_ascii_space_at(bytes: &[u8], at: usize) -> bool {
    matches!(
        bytes.get(at..),
        Some(
            [0xC2, 0x85 | 0xA0, ..]
                | [0xE1, 0x9A, 0x80, ..]
                | [0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF, ..]
                | [0xE2, 0x81, 0x9F, ..]
                | [0xE3, 0x80, 0x80, ..]
        )
    )
}

/// `text.trim()`, told at once for a line that starts and ends with a
/// printable ASCII byte (most lines: segmentation trims them), which no
/// white space can be.
#[inline]
fn trim_spaces(text: &str) -> &str {
    match (text.as_bytes().first(), text.as_bytes().last()) {
        (Some(b'!'..=b'~'), Some(b'!'..=b'~')) => text,
        _ => text.trim(),
    }
}

/// The removal kind of a boilerplate line, if it is one.
pub(crate) fn boilerplate_kind(
    tables: &Tables,
    text: &str,
    strip_chrome: bool,
) -> Option<RemovalKind> {
    boilerplate_kind_in(tables, text, strip_chrome, &mut String::new())
}

/// [`boilerplate_kind`], folding into `folded` (a buffer reused across lines).
fn boilerplate_kind_in(
    tables: &Tables,
    text: &str,
    strip_chrome: bool,
    folded: &mut String,
) -> Option<RemovalKind> {
    let trimmed = trim_spaces(text);
    if trimmed.starts_with('[') {
        if tables.ad_marker.is_match(trimmed) {
            return Some(RemovalKind::AdMarker);
        }
        if is_only_shortcodes(tables, trimmed) {
            return Some(RemovalKind::Shortcode);
        }
    }
    // A line of more than 25 words is no boilerplate line. It is counted
    // last: most lines are none, and the first two bytes tell most of them.
    let kind = folded_kind(tables, trimmed, strip_chrome, folded)?;
    (words_upto(trimmed, 26) <= 25).then_some(kind)
}

/// The removal kind the phrase lists give `trimmed` once folded (see
/// [`fold_into`]), whatever its length in words (but `None` for a line of
/// over 200 bytes and 25 words, which is no boilerplate line anyway).
///
/// Most lines are longer than every phrase: only their first
/// [`Tables::fold_head`] folded bytes are made (from a few more bytes of
/// the line), which tell no line phrase and no prefix can be the line's,
/// until a rule needs the whole folded line.
fn folded_kind(
    tables: &Tables,
    trimmed: &str,
    strip_chrome: bool,
    folded: &mut String,
) -> Option<RemovalKind> {
    let whole = trim_fold_edges(trimmed);
    let head = tables.fold_head;
    // Short lines too: most units are (menus, labels, captions).
    if surely_no_phrase(tables, whole, strip_chrome) {
        return None;
    }
    // A long line (a paragraph) past that test is counted before its fold
    // (no line of more than 25 words is boilerplate): the count stops at its
    // 26th word, and a folded paragraph is long.
    if trimmed.len() > 200 && words_upto(trimmed, 26) > 25 {
        return None;
    }
    // Whether `folded` is all of the folded line, or its first `head`
    // bytes or more. Folding a start of the line gives a start of its
    // folded form: the fold lower-cases character by character and joins the
    // words with single spaces.
    let mut complete = true;
    // A few bytes to spare for spaces folded away and edges trimmed.
    let mut cut = head + 8;
    while cut < whole.len() && !whole.is_char_boundary(cut) {
        cut += 1;
    }
    // `whole` is trimmed of fold edges, and so is the front of a start of
    // it: only a start's end is trimmed (as `fold_into` would).
    match whole.get(..cut) {
        Some(start) if start.len() < whole.len() => {
            fold_trimmed_into(trim_fold_edges_end(start), folded);
            // Spaces folded away: all of it after all.
            if folded.len() < head {
                fold_trimmed_into(whole, folded);
            } else {
                complete = false;
            }
        }
        _ => fold_trimmed_into(whole, folded),
    }
    let (shortest, longest) = tables.line_phrase_lengths;
    // A start of `head` bytes or more is longer than every line phrase.
    if (shortest..=longest).contains(&folded.len()) {
        if let Some(phrase) = tables.line_phrases.get(folded.as_str()) {
            if phrase.source_link {
                return Some(RemovalKind::SourceLink);
            }
            if phrase.category_placeholder {
                return Some(RemovalKind::CategoryPlaceholder);
            }
            if !strip_chrome {
                return None;
            }
            if let Some(kind) = phrase.chrome {
                return Some(kind);
            }
        }
    }
    if !strip_chrome {
        return None;
    }
    if tables.boilerplate_prefix_gate.may_start(folded) {
        let input = aho_corasick::Input::new(folded.as_str()).anchored(aho_corasick::Anchored::Yes);
        // The prefixes are shorter than `head`: a start of the folded line
        // finds the same one, and the byte after it.
        if let Some(m) = tables.boilerplate_prefixes.find(input) {
            let rest = folded.get(m.end()..).unwrap_or("");
            // The phrase must end at a word boundary. A label with a colon
            // (`Read more: <headline>`) may carry a whole headline; without
            // one the line must stay short.
            let boundary = rest.is_empty() || rest.starts_with([' ', ':', ',']);
            let labelled =
                folded.get(..m.end()).is_some_and(|p| p.ends_with(':')) || rest.starts_with(':');
            if boundary {
                if !labelled && !complete {
                    fold_trimmed_into(whole, folded);
                    complete = true;
                }
                // The folded line has no more words than the line.
                if labelled || words_upto(folded, 13) <= 12 {
                    return tables
                        .boilerplate_prefix_kinds
                        .get(m.pattern().as_usize())
                        .copied();
                }
            }
        }
    }
    // A start of the folded line tells whether it opens a copyright notice;
    // the phrase `all rights reserved` is looked for in the line first.
    if !complete && !opens_copyright(folded) && !mentions_reserved(whole) {
        return None;
    }
    if !complete {
        fold_trimmed_into(whole, folded);
    }
    is_copyright(folded).then_some(RemovalKind::Copyright)
}

/// True when `whole` (a line trimmed of fold edges) surely folds to no line
/// phrase, starts with no boilerplate prefix and is no copyright notice,
/// told from its first two bytes when they are ASCII: the folded line
/// starts with them lower-cased (a space for a space, since a trimmed line
/// does not end with one and goes on), and every phrase
/// list has its gate of first bytes. A copyright notice opens with `co`
/// (`©` is not ASCII, and a `(` is a fold edge) or says `reserved`.
///
/// Most lines past the two bytes (`th`, `co`, `re` open many a phrase and
/// many a sentence) are told by the first [`FOLD_GATE`] bytes of the
/// folded line, when they come from ASCII (see [`folded_ascii_start`]).
fn surely_no_phrase(tables: &Tables, whole: &str, strip_chrome: bool) -> bool {
    let Some(&[first, second]) = whole.as_bytes().first_chunk::<2>() else {
        return false;
    };
    if !first.is_ascii() || !second.is_ascii() || first.is_ascii_whitespace() {
        return false;
    }
    let second = match second {
        b'\t'..=b'\r' | b' ' => b' ',
        other => other.to_ascii_lowercase(),
    };
    let start = [first.to_ascii_lowercase(), second];
    let may_start = tables.line_phrase_gate.may_start_bytes(&start)
        || (strip_chrome
            && (tables.boilerplate_prefix_gate.may_start_bytes(&start) || start == *b"co"));
    if !may_start {
        return !strip_chrome || !may_say_all_rights_reserved(whole);
    }
    let Some(head) = folded_ascii_start(whole) else {
        return false;
    };
    let may_start = tables.fold_gate.may_start(&head)
        || (strip_chrome && (may_open_copyright(&head) || may_say_all_rights_reserved(whole)));
    !may_start
}

/// The first [`FOLD_GATE`] bytes of the fold of `whole` (a line trimmed of
/// its fold edges, see [`fold_into`]) when the bytes they come from are
/// ASCII: those bytes lower-cased, each run of white space one `' '`
/// (`\t`..=`\r` and `' '` are the ASCII characters `char::is_whitespace`
/// accepts). `None` when a non-ASCII byte comes first, or the fold is
/// shorter. The fold lower-cases character by character, so what follows
/// these bytes changes none of them.
fn folded_ascii_start(whole: &str) -> Option<[u8; FOLD_GATE]> {
    let mut head = [0; FOLD_GATE];
    let mut n = 0;
    let mut space = false;
    for &b in whole.as_bytes() {
        if !b.is_ascii() {
            return None;
        }
        if matches!(b, b'\t'..=b'\r' | b' ') {
            // No space before the first word.
            space = n > 0;
            continue;
        }
        // A space between words, then the byte.
        let pending = std::mem::take(&mut space);
        for out in [pending.then_some(b' '), Some(b.to_ascii_lowercase())]
            .into_iter()
            .flatten()
        {
            if let Some(slot) = head.get_mut(n) {
                *slot = out;
            }
            n += 1;
            if n == FOLD_GATE {
                return Some(head);
            }
        }
    }
    None
}

/// False when the fold of `text` surely does not hold `all rights
/// reserved`: each of its letters comes from one ASCII letter (see
/// [`mentions_reserved`]) and each space from one or more white space
/// bytes, so a line that folds to it holds 19 bytes or more (most lines
/// that get here do not) and says `reserved`.
fn may_say_all_rights_reserved(text: &str) -> bool {
    text.len() >= "all rights reserved".len() && mentions_reserved(text)
}

/// True when a folded line starting with `head` (ASCII) may open like a
/// copyright notice (see [`opens_copyright`]; `©` is not ASCII).
fn may_open_copyright(head: &[u8]) -> bool {
    head.starts_with(b"(c)") || head.starts_with(b"copyright") || b"copyright".starts_with(head)
}

/// True when `text` holds `reserved` in any ASCII case: it does when its
/// folded form holds `all rights reserved`, since no non-ASCII character
/// lower-cases to any of the letters of `reserved`.
fn mentions_reserved(text: &str) -> bool {
    let bytes = text.as_bytes();
    // Too short to hold it: most lines that get here are.
    bytes.len() >= 8
        && memchr::memchr2_iter(b'v', b'V', bytes).any(|at| {
            at.checked_sub(5)
                .and_then(|start| bytes.get(start..start + 8))
                .is_some_and(|word| word.eq_ignore_ascii_case(b"reserved"))
        })
}

/// True when a folded line opens like a copyright notice.
fn opens_copyright(folded: &str) -> bool {
    folded.starts_with('©') || folded.starts_with("(c)") || folded.starts_with("copyright")
}

fn is_copyright(folded: &str) -> bool {
    let opens = opens_copyright(folded);
    let has_year = || {
        folded.split(|c: char| !c.is_ascii_digit()).any(|digits| {
            digits.len() == 4 && (digits.starts_with("19") || digits.starts_with("20"))
        })
    };
    (opens && (has_year() || folded.contains("rights")))
        || (folded.len() >= "all rights reserved".len()
            && memchr::memchr(b'v', folded.as_bytes()).is_some()
            && folded.contains("all rights reserved"))
}

fn is_only_shortcodes(tables: &Tables, text: &str) -> bool {
    text.starts_with('[')
        && text.ends_with(']')
        && tables
            .shortcode
            .replace_all(&tables.embed_pair.replace_all(text, ""), "")
            .trim()
            .is_empty()
}

/// Contributors named by `Additional reporting by A, B and C`,
/// `Reporting by A; Editing by B`.
fn contributors(tables: &Tables, text: &str) -> Option<Vec<String>> {
    let text = trim_spaces(text)
        .trim_start_matches('(')
        .trim_end_matches(['.', ')']);
    if !tables.contributors_first.may_start(text)
        || !tables.contributors.is_match(text)
        || words_upto(text, 41) > 40
    {
        return None;
    }
    let mut names = Vec::new();
    for part in text.split([';', '.']) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let m = tables.contributors.find(part)?;
        let list = part.get(m.end()..)?.trim();
        // `Reporting by Jane Doe in Paris and John Roe in Accra`.
        let list = tables.in_place.replace_all(list, "");
        let found = split_names(&list);
        if found.is_empty() || !found.iter().all(|n| is_person_name(n)) {
            return None;
        }
        names.extend(found);
    }
    (!names.is_empty()).then_some(names)
}

fn category_line(tables: &Tables, text: &str) -> Option<String> {
    // `is_match` first: most lines fail, and it allocates no captures.
    if !tables.category_first.may_start(text) || !tables.category_line.is_match(text) {
        return None;
    }
    let caps = tables.category_line.captures(text)?;
    let category = caps.name("cat")?.as_str().trim();
    (words_upto(category, 6) <= 5).then(|| category.to_owned())
}

/// Labels from each unit's own text.
/// `dated` receives whether the unit reads as a date line, when that is
/// asked (the page-chrome pass reuses the answer).
fn intrinsic(
    tables: &Tables,
    unit: &Unit,
    strip_chrome: bool,
    folded: &mut String,
    dated: &mut Option<bool>,
) -> Label {
    let text = unit.as_str();
    if let Some(kind) = boilerplate_kind_in(tables, text, strip_chrome, folded) {
        return Label::Remove(kind);
    }
    if unit.caption_shortcode {
        return Label::Figure(Box::new(parse_figure(tables, text).unwrap_or_else(|| {
            FigureParts {
                caption: Some(text.to_owned()),
                ..FigureParts::default()
            }
        })));
    }
    if let Some(names) = contributors(tables, text) {
        return Label::Contributors(names);
    }
    let date_line = parse_date_line(text);
    *dated = Some(date_line.is_some());
    if let Some((date, author)) = date_line {
        let byline = author
            .and_then(|a| byline::parse(&format!("By {a}")))
            .map(|p| p.byline);
        if byline.as_ref().is_none_or(|b| holds_line(text, b)) {
            return Label::Date(date, byline.map(Box::new));
        }
    }
    if let Some(category) = category_line(tables, text) {
        return Label::Category(category);
    }
    if let Some(caption) = explicit_caption(text) {
        return Label::Caption(caption.to_owned());
    }
    if let Some(parts) = parse_figure(tables, text) {
        return Label::Figure(Box::new(parts));
    }
    if tables.starts_byline(text) && words_upto(text, 21) <= 20 {
        if let Some(parsed) = byline::parse(text).filter(|p| holds_line(text, &p.byline)) {
            return Label::Byline(Box::new(parsed.byline), parsed.unglued);
        }
    }
    if let Some(rest) = text.strip_prefix('>') {
        return Label::Quote(range_in(text, rest.trim()));
    }
    if starts_like_list_item(text) {
        let rest = text.trim_start_matches(|c: char| !c.is_whitespace()).trim();
        if !rest.is_empty() {
            return Label::ListItem(range_in(text, rest));
        }
    }
    Label::Text
}

/// The byte range of `part`, a subslice of `text`, in `text`.
fn range_in(text: &str, part: &str) -> std::ops::Range<usize> {
    let start = (part.as_ptr() as usize).saturating_sub(text.as_ptr() as usize);
    start..start + part.len()
}

/// Words a byline or date line may hold besides names, outlet and date.
const BYLINE_LABEL_WORDS: &[&str] = &[
    "by",
    "and",
    "with",
    "written",
    "posted",
    "published",
    "updated",
    "on",
    "at",
    "in",
    "the",
    "of",
    "for",
    "from",
];

/// True when `byline` holds the line it was parsed from, give or take a few
/// role, place and date words (`Senior Correspondent`, `in London`, `June`).
/// A line with more words left over is running text that merely begins like
/// a byline, and labelling it one would drop that text.
fn holds_line(text: &str, byline: &Byline) -> bool {
    words_not_held(text, Some(byline), true) <= 6
}

/// How many words of a byline or date line neither `byline` nor the line's
/// labels (`By`, `Published`, a date, a time) hold: a role, a place, or text
/// that is not metadata at all. Assembly records a line with any such word in
/// `removed`, so that nothing it held goes unrecorded.
pub(crate) fn words_not_held(text: &str, byline: Option<&Byline>, dated: bool) -> usize {
    // Each word of a name holds one occurrence: `Jane Doe … Jane Doe` in one
    // line is a name said twice, and the second is not held.
    // The name words as they are, compared with a word's lower case by
    // [`lowercase_eq`] (no lower-cased copy of each).
    let mut known: Vec<&str> = byline
        .into_iter()
        .flat_map(|b| b.authors.iter().chain(&b.outlet))
        .flat_map(|name| name.split(|c: char| !c.is_alphanumeric()))
        .collect();
    let tables = &*crate::pipeline::tables::TABLES;
    // The label (`By`, `Von`, `Author:`) is structure.
    let text = tables
        .byline_prefix
        .find(text)
        .and_then(|m| text.get(m.end()..))
        .unwrap_or(text);
    // Whether `w` is a label word, else a name word not yet taken (which
    // it then takes).
    let mut held = |w: &str| {
        with_lowercase(w, |lower| {
            let zone = (2..=5).contains(&w.len()) && w.chars().all(|c| c.is_ascii_uppercase());
            let date_word = zone
                || w.chars().all(char::is_numeric)
                || DATE_LINE_WORDS.contains(lower)
                || tables.months.contains_key(lower);
            // Date words are held only when the line's date was taken.
            let label = (dated && date_word)
                || BYLINE_LABEL_WORDS.contains(&lower)
                || byline::ROLE_WORDS.contains(lower);
            label
                || match known.iter().position(|k| lowercase_eq(k, lower)) {
                    Some(at) => {
                        known.swap_remove(at);
                        true
                    }
                    None => false,
                }
        })
    };
    let mut not_held = 0;
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        if word.is_empty() || held(word) {
            continue;
        }
        // A glued name and outlet (`MacLeodReuters`) is held in two parts.
        if let Some((a, b)) = unglued_parts(word) {
            if held(a) && held(b) {
                continue;
            }
        }
        not_held += 1;
    }
    not_held
}

/// `MacLeodReuters` → (`MacLeod`, `Reuters`): the last lower→upper boundary.
fn unglued_parts(word: &str) -> Option<(&str, &str)> {
    let mut prev_lower = false;
    let mut at = None;
    for (i, c) in word.char_indices() {
        if prev_lower && c.is_uppercase() {
            at = Some(i);
        }
        prev_lower = c.is_lowercase();
    }
    let at = at?;
    Some((word.get(..at)?, word.get(at..)?))
}

pub(crate) fn is_title_shaped(text: &str) -> bool {
    // The cheap tests first: most units are sentences.
    opens_and_closes_like_a_title(text)
        && (fewer_words_by_length(text, 31) || (1..=30).contains(&words_upto(text, 31)))
        && text.chars().any(char::is_alphanumeric)
}

/// True when `text` is too short to hold `words` words (each a byte or more,
/// with a white space byte or more between two): told by its length alone,
/// where most of the units the shape tests ask about are. For a caller whose
/// text must also hold an alphanumeric character (never white space, so a
/// word), that settles `(1..words).contains(&words_upto(text, words))`.
fn fewer_words_by_length(text: &str, words: usize) -> bool {
    text.len() < 2 * words - 1
}

/// The cheap tests of [`is_title_shaped`]: its length, first character and
/// last character.
fn opens_and_closes_like_a_title(text: &str) -> bool {
    text.len() <= 300
        && text
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_numeric() || "\"“‘'¿¡".contains(c))
        && !text.trim_end().ends_with(['.', ',', ';', ':'])
}

fn is_heading_shaped(text: &str) -> bool {
    // `is_title_shaped` with at most 15 words, its cheap tests first: most
    // units are sentences, which end with a full stop.
    opens_and_closes_like_a_title(text)
        && !more_chars_than(text, 120)
        && (fewer_words_by_length(text, 16) || (1..=15).contains(&words_upto(text, 16)))
        && text.chars().any(char::is_alphanumeric)
}

pub(crate) fn is_category_shaped(text: &str) -> bool {
    words_upto(text, 4) <= 3
        && text.chars().count() <= 30
        && !text.ends_with(['.', '?', '!', ':'])
        && text.chars().next().is_some_and(char::is_uppercase)
        && !text.chars().any(|c| c.is_ascii_digit())
}

fn is_caption_shaped(text: &str) -> bool {
    let words = words_upto(text, 46);
    (1..=45).contains(&words)
        && !text.ends_with(':')
        && (!ends_sentence(text) || words <= 25)
        && text.chars().any(char::is_alphanumeric)
}

/// Labels every unit.
pub(crate) fn classify(tables: &Tables, units: &[Unit], strip_chrome: bool) -> Vec<Label> {
    // Room for the folds of most lines (a fold is at most a line phrase's
    // length past its head, or a line of 25 words), where growing it from
    // empty took a few reallocations a page.
    let mut folded = String::with_capacity(256);
    let mut dated = vec![None; units.len()];
    let mut labels: Vec<Label> = units
        .iter()
        .zip(dated.iter_mut())
        .map(|(u, dated)| intrinsic(tables, u, strip_chrome, &mut folded, dated))
        .collect();
    bare_name_bylines(tables, units, &mut labels);
    // Whole-page pass: page chrome removed, the headline found below it.
    let page = if strip_chrome {
        chrome::strip(tables, units, &mut labels, &dated)
    } else {
        chrome::PageChrome::default()
    };
    let text_of = |i: usize| units.get(i).map_or("", Unit::as_str);

    // Title (and a category label just above it): the first free-text units.
    let mut free = labels
        .iter()
        .enumerate()
        // Labelled metadata lines (`Category: World`, a byline, a date
        // line, contributors) may stand above the title; renderers move them,
        // so the title is the first free text whatever metadata precedes it.
        .filter(|(_, l)| {
            !matches!(
                l,
                Label::Remove(_)
                    | Label::Category(_)
                    | Label::Byline(..)
                    | Label::Date(..)
                    | Label::Contributors(_)
            )
        })
        .map(|(i, _)| i);
    let first = free.next();
    let second = free.next();
    let mut title = None;
    if let Some(first) = first.filter(|&i| labels.get(i).is_some_and(Label::is_text)) {
        let first_text = text_of(first);
        let second_is_title = second.is_some_and(|s| {
            labels.get(s).is_some_and(Label::is_text)
                && is_title_shaped(text_of(s))
                && word_count(text_of(s)) > word_count(first_text)
        });
        // A labelled category line settles the category: no second one by position.
        let labelled = labels.iter().any(|l| matches!(l, Label::Category(_)));
        if !labelled && is_category_shaped(first_text) && second_is_title {
            set(&mut labels, first, Label::Category(first_text.to_owned()));
            title = second;
        } else if is_title_shaped(first_text) {
            title = Some(first);
        }
    }
    if page.headline.is_some() {
        title = page.headline;
    }
    if let Some(t) = title {
        set(&mut labels, t, Label::Title);
    }

    // Bylines without a `By`: `Jane Doe | AP`, `Jane Doe, Reuters` just after the title.
    let top = title.map_or(0, |t| t + 1);
    let mut seen_content = 0;
    for i in top..units.len() {
        match labels.get(i) {
            Some(Label::Text) => {
                if seen_content < 3 && words_upto(text_of(i), 13) <= 12 {
                    // Without a `By` label only a line naming someone is a
                    // byline: `| Outlet` alone is not.
                    let parsed = byline::parse(text_of(i)).filter(|p| {
                        !p.byline.authors.is_empty() && holds_line(text_of(i), &p.byline)
                    });
                    if let Some(parsed) = parsed {
                        set(
                            &mut labels,
                            i,
                            Label::Byline(Box::new(parsed.byline), parsed.unglued),
                        );
                        continue;
                    }
                }
                seen_content += 1;
            }
            Some(Label::Remove(_)) => {}
            _ => seen_content += 1,
        }
        if seen_content >= 3 {
            break;
        }
    }

    // A repeated paragraph (eight words or more) is removed here, before the
    // position rules, so that a heading above it is judged by the body that
    // stays (as it is when `to_text` output is read back).
    // Sorted by length, then text (stably, so each text's first unit leads
    // its run; any order that puts equal texts together will do, and most
    // pairs differ in length), the repeats are the later units of each run:
    // no hashing of whole paragraphs, and no input can make it slower than a
    // sort.
    // Equal texts have equal word counts: the words are counted only for
    // a text said twice (few are), not for every unit.
    // Room for every unit at once (a filtered collect grows from empty).
    let mut paragraphs: Vec<(&str, usize)> = Vec::with_capacity(units.len());
    paragraphs.extend(
        units
            .iter()
            .zip(&labels)
            .enumerate()
            .filter_map(|(i, (unit, label))| {
                let text = unit.as_str();
                // Eight words take 15 bytes or more: shorter units are not counted.
                (matches!(label, Label::Text) && text.len() >= 15).then_some((text, i))
            }),
    );
    paragraphs.sort_by(|(a, _), (b, _)| a.len().cmp(&b.len()).then_with(|| a.cmp(b)));
    // Whether the run the last pair was in has eight words, once asked.
    let mut run_counted: Option<bool> = None;
    for pair in paragraphs.windows(2) {
        if let [(first, _), (repeat, at)] = *pair {
            if first != repeat {
                run_counted = None;
                continue;
            }
            if *run_counted.get_or_insert_with(|| words_upto(first, 8) >= 8) {
                set(&mut labels, at, Label::Remove(RemovalKind::Duplicate));
            }
        }
    }

    // Captions after figures, headings between paragraphs, paragraphs.
    let mut expecting_caption = false;
    // `is_heading_shaped`, kept for the last unit asked: the unit after a
    // heading-shaped one is asked about twice, from here and from
    // `next_is_body` (which looks ahead only).
    let mut last_shape: Option<(usize, bool)> = None;
    let mut heading_shaped = |k: usize, text: &str| match last_shape {
        Some((at, shaped)) if at == k => shaped,
        _ => {
            let shaped = is_heading_shaped(text);
            last_shape = Some((k, shaped));
            shaped
        }
    };
    for i in 0..units.len() {
        // Matched by reference: a clone of every label (their strings and
        // boxes) only to look at its kind cost an allocation a unit.
        match labels.get(i) {
            Some(Label::Figure(_)) => {
                // Taken out while it is worked on (and put back below): only
                // the labels before it are read meanwhile.
                let Some(Label::Figure(mut parts)) = labels
                    .get_mut(i)
                    .map(|slot| std::mem::replace(slot, Label::Text))
                else {
                    continue;
                };
                if parts.caption_before && parts.caption.is_none() {
                    let previous = (0..i)
                        .rev()
                        .find(|&j| !matches!(labels.get(j), Some(Label::Remove(_))));
                    if let Some(p) = previous {
                        let text = text_of(p);
                        let body = matches!(labels.get(p), Some(Label::Heading | Label::Paragraph));
                        if body && is_caption_shaped(text) && !ends_sentence(text) {
                            parts.caption = Some(without_trailing_separator(text).to_owned());
                            parts.wants_caption = false;
                            set(&mut labels, p, Label::Merged);
                        }
                    }
                }
                expecting_caption = parts.wants_caption;
                set(&mut labels, i, Label::Figure(parts));
                continue;
            }
            Some(Label::Remove(_)) => continue,
            None | Some(Label::Text) => {
                let text = text_of(i);
                if expecting_caption && is_caption_shaped(text) {
                    let caption = without_trailing_separator(text);
                    set(&mut labels, i, Label::Caption(caption.to_owned()));
                } else if title.is_some_and(|t| i > t)
                    && heading_shaped(i, text)
                    && next_is_body(&labels, units, i, &mut heading_shaped)
                {
                    set(&mut labels, i, Label::Heading);
                } else {
                    set(&mut labels, i, Label::Paragraph);
                }
            }
            _ => {}
        }
        expecting_caption = false;
    }
    labels
}

fn set(labels: &mut [Label], index: usize, label: Label) {
    if let Some(slot) = labels.get_mut(index) {
        *slot = label;
    }
}

/// A name on a line of its own next to a date line (`Andrew King` above
/// `September 4, 2025`), or above a line that is only a role (`Trending
/// Editor`), is a byline without `By`: blogs and magazines print them so.
fn bare_name_bylines(tables: &Tables, units: &[Unit], labels: &mut [Label]) {
    let text_of = |i: usize| units.get(i).map_or("", Unit::as_str);
    // A page whose byline is labelled (`By …`, `Posted … by …`) names its
    // author there; a bare name elsewhere is then something else.
    if has_labelled_byline(labels) {
        return;
    }
    // The first text of the page is its headline's place (a headline may
    // look like a name, and `to_text` prints the date right below it).
    let first_text = labels.iter().position(|l| matches!(l, Label::Text));
    // Only the first such name: a page names its author once at the top.
    let found = (0..units.len()).find(|&i| {
        // A labelled byline right below says who wrote it: the name-shaped
        // line above it is a headline (as `to_text` prints them), not a byline.
        if Some(i) == first_text
            || !is_name_shaped(labels.get(i), text_of(i))
            || matches!(labels.get(i + 1), Some(Label::Byline(..)))
        {
            return false;
        }
        // The date below the name, as the pages that print them so do
        // (`to_text` prints the date above the body, so a name in the body
        // never reads as its byline). The person-name and outlet tests,
        // the costliest, are asked last of all.
        let near_date = [i + 1, i + 2]
            .into_iter()
            .any(|j| matches!(labels.get(j), Some(Label::Date(..))));
        (near_date || is_role_line(labels.get(i + 1), text_of(i + 1)))
            && is_bare_name(tables, text_of(i))
    });
    if let Some(i) = found {
        set_bare_name_byline(labels, i, text_of(i));
    }
}

/// Whether a byline is labelled as one (`By …`, `Posted … by …`).
fn has_labelled_byline(labels: &[Label]) -> bool {
    labels
        .iter()
        .any(|l| matches!(l, Label::Byline(..) | Label::Date(_, Some(_))))
}

/// A text line shaped as a bare name: each word capitalised (the first
/// looked at first: it rules out most lines at once; then the second when
/// it follows an ASCII space, which rules out most sentences before their
/// words are counted), two to four words.
fn is_name_shaped(label: Option<&Label>, text: &str) -> bool {
    matches!(label, Some(Label::Text))
        && text
            .trim_start()
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
        && !second_word_starts_lowercase(text)
        && (2..=4).contains(&words_upto(text, 5))
        && text
            .split_whitespace()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// A name-shaped line that is a person's name, not an outlet's.
fn is_bare_name(tables: &Tables, text: &str) -> bool {
    is_person_name(text) && !tables.is_outlet(text)
}

/// A text line that is only a role (`Trending Editor`), of one to four words.
fn is_role_line(label: Option<&Label>, text: &str) -> bool {
    matches!(label, Some(Label::Text))
        && (1..=4).contains(&words_upto(text, 5))
        && byline::is_role_only(text)
}

/// Labels unit `i`, whose text is `name`, as a byline of that one name.
fn set_bare_name_byline(labels: &mut [Label], i: usize, name: &str) {
    set(
        labels,
        i,
        Label::Byline(
            Box::new(Byline::new(
                vec![crate::pipeline::names::fix_case(name)],
                None,
            )),
            false,
        ),
    );
}

/// True when the byte after the first ASCII white space of `text` is an
/// ASCII lower-case letter: a word (of `split_whitespace`) starts there,
/// and not with a capital.
fn second_word_starts_lowercase(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes
        .iter()
        .position(|b| matches!(b, b'\t'..=b'\r' | b' '))
        .and_then(|at| bytes.get(at + 1))
        .is_some_and(u8::is_ascii_lowercase)
}

/// True when the next unit that is not removed reads as running text.
/// Category, byline, date and contributor lines are skipped too: renderers move
/// them out of the body, and `to_text` output must read back the same.
/// `heading_shaped` is [`is_heading_shaped`] of a unit (its index and text).
fn next_is_body(
    labels: &[Label],
    units: &[Unit],
    i: usize,
    heading_shaped: &mut impl FnMut(usize, &str) -> bool,
) -> bool {
    let next = (i + 1..labels.len()).find(|&j| {
        !matches!(
            labels.get(j),
            Some(
                Label::Remove(_)
                    | Label::Category(_)
                    | Label::Byline(..)
                    | Label::Date(..)
                    | Label::Contributors(_)
            )
        )
    });
    let Some(j) = next else {
        return false;
    };
    match labels.get(j) {
        // A figure or a labelled caption (`Image caption, …`) follows a heading too.
        Some(Label::Caption(_)) => true,
        Some(Label::Text | Label::Paragraph) => {
            let text = units.get(j).map_or("", Unit::as_str);
            !heading_shaped(j, text) || ends_sentence(text)
        }
        Some(Label::ListItem(_) | Label::Quote(_) | Label::Figure(_)) => true,
        _ => false,
    }
}

/// [`words_not_held`] as it was first written, lower-casing every name
/// word and every word of the line into a string of its own: the oracle of
/// the test that the allocation-free version gives the same counts.
#[cfg(test)]
fn words_not_held_by_copies(text: &str, byline: Option<&Byline>, dated: bool) -> usize {
    let mut known: Vec<String> = byline
        .into_iter()
        .flat_map(|b| b.authors.iter().chain(&b.outlet))
        .flat_map(|name| name.split(|c: char| !c.is_alphanumeric()))
        .map(str::to_lowercase)
        .collect();
    let mut take = |w: &str| -> bool {
        let lower = w.to_lowercase();
        match known.iter().position(|k| *k == lower) {
            Some(at) => {
                known.swap_remove(at);
                true
            }
            None => false,
        }
    };
    let tables = &*crate::pipeline::tables::TABLES;
    let text = tables
        .byline_prefix
        .find(text)
        .and_then(|m| text.get(m.end()..))
        .unwrap_or(text);
    let label = |w: &str| {
        let lower = w.to_lowercase();
        let zone = (2..=5).contains(&w.len()) && w.chars().all(|c| c.is_ascii_uppercase());
        let date_word = zone
            || w.chars().all(char::is_numeric)
            || DATE_LINE_WORDS.contains(&lower)
            || tables.months.contains_key(&lower);
        (dated && date_word)
            || BYLINE_LABEL_WORDS.contains(&lower.as_str())
            || byline::ROLE_WORDS.contains(&lower)
    };
    let mut not_held = 0;
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        if word.is_empty() || label(word) || take(word) {
            continue;
        }
        if let Some((a, b)) = unglued_parts(word) {
            let first = label(a) || take(a);
            if first && (label(b) || take(b)) {
                continue;
            }
        }
        not_held += 1;
    }
    not_held
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_not_held_counts_as_the_copying_version() {
        // Names said once, twice or glued to an outlet, label, role and
        // date words in both cases, words past the stack lower case, and
        // sigmas (lower-cased by their place in the word).
        let pieces = [
            "By ",
            "by ",
            "Jane ",
            "JANE ",
            "Doe ",
            "doe",
            "MacLeod",
            "Reuters ",
            "reuters",
            "and ",
            "Senior ",
            "EDITOR ",
            "in ",
            "June ",
            "JUNE ",
            "2024 ",
            "EST ",
            "| ",
            ", ",
            "José ",
            "JOSÉ ",
            "ΟΔΟΣ ",
            "οδος ",
            "Σ",
            "ς ",
            "Ünïcödé ",
            "x",
            "-",
            "Abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnop ",
        ];
        let names = crate::pipeline::random_texts(&pieces, 21, 0..4, 30);
        let lines = crate::pipeline::random_texts(&pieces, 22, 0..12, 200);
        let mut bylines: Vec<Option<Byline>> = vec![None];
        for pair in names.chunks(2) {
            let (first, second) = (pair.first().cloned(), pair.get(1).cloned());
            bylines.push(Some(Byline::new(first.into_iter().collect(), second)));
        }
        for (n, line) in lines.iter().enumerate() {
            let byline = bylines.get(n % bylines.len()).cloned().flatten();
            for dated in [false, true] {
                assert_eq!(
                    words_not_held(line, byline.as_ref(), dated),
                    words_not_held_by_copies(line, byline.as_ref(), dated),
                    "{line:?} {byline:?} {dated}"
                );
            }
        }
    }

    #[test]
    fn a_label_stays_small() {
        // One label a unit lives through classification and assembly: the
        // rare big variants (figures, bylines) are boxed to keep it at 32.
        assert!(
            std::mem::size_of::<Label>() <= 32,
            "{}",
            std::mem::size_of::<Label>()
        );
    }

    #[test]
    fn word_count_is_split_whitespace() {
        for text in [
            "",
            "   ",
            "one",
            " two  words ",
            "tab\tvt\x0Bff\x0Ccr\rnl\nend",
            "nbsp\u{a0}joins nothing\u{2003}here",
            "\x1Fcontrol is not a space",
            "Ünïcödé words, too",
        ] {
            assert_eq!(
                word_count(text),
                text.split_whitespace().count(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn words_upto_is_capped_word_count() {
        let long = "word ".repeat(40) + "é " + &"x ".repeat(40);
        let quoted = "“It’s — here”, she said… ".repeat(9);
        let nbsp = "a\u{a0}b c\u{2003}d ".repeat(5);
        for text in [
            quoted.as_str(),
            nbsp.as_str(),
            "Ünïcödé words, too",
            "é",
            "",
            "one two three",
            long.as_str(),
            "a\tb\x0Bc\x0Cd\re\nf g",
            "\x1Fcontrol is not a space",
        ] {
            for cap in [0, 1, 2, 5, 7, 8, 9, 31, 32, 33, 40, 41, 100, usize::MAX] {
                assert_eq!(
                    words_upto(text, cap),
                    text.split_whitespace().count().min(cap),
                    "{text:?} {cap}"
                );
            }
        }
    }

    #[test]
    fn non_ascii_spaces_are_those_of_is_whitespace() {
        for c in (0x80..=0x10_FFFF).filter_map(char::from_u32) {
            let mut buf = [0; 4];
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            assert_eq!(non_ascii_space_at(bytes, 0), c.is_whitespace(), "{c:?}");
            // Inside the first eight-byte block, and across its end; and
            // further into a line.
            let long = "a b".repeat(11);
            for text in [
                format!("ab{c}cd"),
                format!("abcdefg{c}x"),
                format!("{long}{c}x"),
                format!("{}{c}{long}", &long[..30]),
                format!("{}{c}{long}", &long[..31]),
            ] {
                assert_eq!(
                    words_upto(&text, usize::MAX),
                    text.split_whitespace().count(),
                    "{c:?}"
                );
            }
        }
    }

    #[test]
    fn words_upto_knows_every_ascii_space() {
        for b in 0..0x80u8 {
            for at in 0..17 {
                let mut text = "x".repeat(17);
                text.replace_range(at..=at, &char::from(b).to_string());
                assert_eq!(
                    words_upto(&text, usize::MAX),
                    text.split_whitespace().count(),
                    "{text:?}"
                );
            }
            // Further into a line, at every place in its blocks.
            for at in 0..75 {
                let mut text = "x y".repeat(25);
                text.replace_range(at..=at, &char::from(b).to_string());
                assert_eq!(
                    words_upto(&text, usize::MAX),
                    text.split_whitespace().count(),
                    "{text:?}"
                );
            }
        }
    }

    #[test]
    fn single_spaced_ascii_is_told_apart() {
        for b in 0..=0xFFu8 {
            for at in 0..17 {
                for with in [b'x', b' '] {
                    let mut bytes = vec![b'a'; 17];
                    if let Some(slot) = bytes.get_mut(at) {
                        *slot = b;
                    }
                    if let Some(slot) = bytes.get_mut(at + 1) {
                        *slot = with;
                    }
                    let expected = bytes.is_ascii()
                        && !bytes.iter().any(|c| matches!(c, b'\t'..=b'\r'))
                        && !bytes.windows(2).any(|w| w == b"  ");
                    assert_eq!(is_ascii_single_spaced(&bytes), expected, "{bytes:?}");
                }
            }
        }
    }

    #[test]
    fn fold_is_the_lowercased_words_joined() {
        for text in [
            "",
            "  • ",
            "Read  More\t:\x0Bnow »",
            "a\r\nb\x0Cc",
            "\x1Fcontrol stays\x1F",
            "(c) 2024 Example Ltd.",
            "Nbsp\u{a0}Joins nothing\u{2003}HERE",
            "ÉLAN  Vital",
            "“Quoted” — DASHED… ‘Single’ ‰ ⁂ \u{2028}x\u{205F}y\u{202F}z",
            "ПРАВДА Мир ΣΟΦΙΑ İstanbul \u{212A}elvin Ⅻ Ⓐ ǅ",
            "Tab\there\x0Bvt \x1F ctl",
            "ends with space after non-ascii é ",
            "  é  ",
        ] {
            let reference = text
                .trim_matches(is_fold_edge)
                .split_whitespace()
                .map(str::to_lowercase)
                .collect::<Vec<_>>()
                .join(" ");
            assert_eq!(fold(text), reference, "{text:?}");
        }
    }

    /// `boilerplate_kind_in` as it was before it folded only a line's
    /// start: every line folded whole, after its word count.
    fn boilerplate_kind_reference(
        tables: &Tables,
        text: &str,
        strip_chrome: bool,
    ) -> Option<RemovalKind> {
        let trimmed = text.trim();
        if trimmed.starts_with('[') {
            if tables.ad_marker.is_match(trimmed) {
                return Some(RemovalKind::AdMarker);
            }
            if is_only_shortcodes(tables, trimmed) {
                return Some(RemovalKind::Shortcode);
            }
        }
        if word_count(trimmed) > 25 {
            return None;
        }
        let folded = fold(trimmed);
        if let Some(phrase) = tables.line_phrases.get(folded.as_str()) {
            if phrase.source_link {
                return Some(RemovalKind::SourceLink);
            }
            if phrase.category_placeholder {
                return Some(RemovalKind::CategoryPlaceholder);
            }
            if !strip_chrome {
                return None;
            }
            if let Some(kind) = phrase.chrome {
                return Some(kind);
            }
        }
        if !strip_chrome {
            return None;
        }
        let input = aho_corasick::Input::new(&folded).anchored(aho_corasick::Anchored::Yes);
        if let Some(m) = tables.boilerplate_prefixes.find(input) {
            let rest = &folded[m.end()..];
            let boundary = rest.is_empty() || rest.starts_with([' ', ':', ',']);
            let labelled = folded[..m.end()].ends_with(':') || rest.starts_with(':');
            if boundary && (labelled || word_count(&folded) <= 12) {
                return Some(tables.boilerplate_prefix_kinds[m.pattern().as_usize()]);
            }
        }
        if is_copyright(&folded) {
            return Some(RemovalKind::Copyright);
        }
        None
    }

    #[test]
    fn folding_a_line_start_changes_no_kind() {
        let tables = &*crate::pipeline::tables::TABLES;
        let mut lines: Vec<String> = include_str!("../../samples/bbc-putin-kim-spun.txt")
            .lines()
            .map(str::to_owned)
            .collect();
        let phrases: Vec<&str> = crate::lexicon::BOILERPLATE
            .entries()
            .filter_map(|f| f.get(2).copied())
            .chain(crate::lexicon::SOURCE_LINKS.words())
            .chain(crate::lexicon::CATEGORY_PLACEHOLDERS.words())
            .collect();
        let tails = [
            "",
            ":",
            " »",
            ": a headline of some length that goes on and on for a while",
            " and a few more words here",
            " and a great many more words here that make the line long, longer than any phrase",
            "                                                            x",
            " \u{2003}\u{2003}\u{2003}\u{2003}\u{2003}\u{2003}\u{2003}\u{2003}\u{2003}\u{2003} x",
            " ÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉ",
        ];
        for phrase in &phrases {
            for tail in tails {
                lines.push(format!("{phrase}{tail}"));
                lines.push(format!("• {}{tail}", phrase.to_uppercase()));
            }
        }
        for line in [
            "© 2024 Example Media Group, a company with a very long name indeed. All rights reserved.",
            "Copyright Example Media Group, a company with a very long name indeed and more",
            "Copyright Example Media Group, a company with a very long name, rights held",
            "Some text about the company and what it does, which is many things. ALL RIGHTS RESERVED",
            "Some text about the company and what it does, which is many things. All  Rights\tReserved.",
            "Some text about the company and what it does, which is many things. All rights Reserved",
            "Some text about the company and what it does, which is many things: all rights reserve",
            "(c) The Example Post and its partners, who are many, many partners: 1998",
            "Co\tpyright and more words here to make the line long, longer than a phrase",
            "Copyright\u{a0}2024 Example Media Group, a company with a very long name indeed",
            "A\u{2003}line that starts with a letter and a wide space and goes on and on",
            "R\x0Bead more: a headline of some length that goes on and on for a while",
            "Reserved words are not a copyright notice when they stand in a long line",
            "Xz Media Group, a company with a very long name indeed. All rights reserved.",
            "Qq Media Group, a company with a very long name indeed: ALL RIGHTS RESERVED",
            "Xz",
            "X",
            "Xz reserved",
            "Zz\treserved",
            "Co",
            "CO 2",
            "Q\u{a0}q",
            "Q é",
            "Home",
            "H  ome",
            "Hé",
            "Sport",
            "Share",
            "Watch live »",
            "1 2",
            "(Xz)",
        ] {
            lines.push(line.to_owned());
        }
        // Long lines (over 200 bytes) of 25 and 26 words, from every phrase
        // and a few other starts.
        let long_tail = |words: usize| " wordy".repeat(words) + " " + &"x".repeat(210);
        let starts: Vec<String> = phrases
            .iter()
            .map(|p| (*p).to_owned())
            .chain(["Copyright 2024", "© 2024 all rights reserved", "Co", "Xz"].map(String::from))
            .collect();
        for start in &starts {
            let words = start.split_whitespace().count();
            for total in [24_usize, 25, 26, 40] {
                let tail = long_tail(total.saturating_sub(words + 1));
                lines.push(format!("{start}{tail}"));
                lines.push(format!("{start}{tail} All rights reserved"));
            }
        }
        for line in &lines {
            for strip in [true, false] {
                assert_eq!(
                    boilerplate_kind_in(tables, line, strip, &mut String::new()),
                    boilerplate_kind_reference(tables, line, strip),
                    "{line:?}"
                );
            }
        }
    }

    #[test]
    fn random_lines_get_the_kind_the_unshortened_lookup_gives() {
        // Lines pieced together from the phrases (in several cases), the
        // copyright words, white space of every kind, fold edges and
        // non-ASCII letters, so that the gates of first bytes (two, then
        // `FOLD_GATE` folded) meet lines that do and do not open a phrase.
        let tables = &*crate::pipeline::tables::TABLES;
        let phrases: Vec<String> = crate::lexicon::BOILERPLATE
            .entries()
            .filter_map(|f| f.get(2).copied())
            .chain(crate::lexicon::SOURCE_LINKS.words())
            .chain(crate::lexicon::CATEGORY_PLACEHOLDERS.words())
            .flat_map(|p| {
                let mut capital = p.chars();
                let capital: String = capital
                    .next()
                    .map(|c| c.to_uppercase().chain(capital).collect())
                    .unwrap_or_default();
                [p.to_owned(), p.to_uppercase(), capital]
            })
            .collect();
        let mut pieces: Vec<&str> = phrases.iter().map(String::as_str).collect();
        let others = [
            " ",
            " ",
            " ",
            "  ",
            "\t",
            "\x0B",
            "\u{a0}",
            "\u{2003}",
            ":",
            ",",
            ".",
            "»",
            "• ",
            "-",
            "(",
            "(c)",
            "(C) ",
            "©",
            "Copyright",
            "COPY",
            "copy right",
            "reserved",
            "All Rights Reserved",
            "rights",
            "2024",
            "é",
            "É",
            "İ",
            "\u{212A}",
            "x",
            "Th",
            "the ",
            "more",
            "co",
            "Co",
            "re",
            "Re",
            "a",
            "word",
        ];
        // As likely as the phrases all together.
        for _ in 0..phrases.len() / others.len() {
            pieces.extend(others);
        }
        let lines = crate::pipeline::random_texts(&pieces, 41, 1..7, 2500);
        let mut gated = 0;
        for line in &lines {
            if surely_no_phrase(tables, trim_fold_edges(trim_spaces(line)), true) {
                gated += 1;
            }
            for strip in [true, false] {
                assert_eq!(
                    boilerplate_kind_in(tables, line, strip, &mut String::new()),
                    boilerplate_kind_reference(tables, line, strip),
                    "{line:?}"
                );
            }
        }
        // The gates are met on both sides.
        assert!(
            gated * 10 > lines.len() && gated * 10 < lines.len() * 9,
            "{gated}"
        );
    }

    #[test]
    fn a_folded_ascii_start_is_the_start_of_the_fold() {
        let pieces = [
            "a", "B", " ", "  ", "\t", "\x0B", "\r\n", "\u{a0}", "é", "İ", "\u{212A}", "x1", ":",
        ];
        for text in crate::pipeline::random_texts(&pieces, 43, 0..12, 400) {
            let whole = trim_fold_edges(&text);
            let folded = fold(whole);
            match folded_ascii_start(whole) {
                Some(head) => assert_eq!(folded.as_bytes().get(..FOLD_GATE), Some(&head[..])),
                // Given up only on a short fold or a non-ASCII byte.
                None => assert!(folded.len() < FOLD_GATE || !whole.is_ascii(), "{text:?}"),
            }
        }
    }

    #[test]
    fn shapes_told_by_length_are_the_shapes_counted() {
        // The word counts as they were asked before the length shortcut.
        let heading = |text: &str| {
            opens_and_closes_like_a_title(text)
                && (1..=15).contains(&word_count(text))
                && !more_chars_than(text, 120)
                && text.chars().any(char::is_alphanumeric)
        };
        let title = |text: &str| {
            opens_and_closes_like_a_title(text)
                && (1..=30).contains(&word_count(text))
                && text.chars().any(char::is_alphanumeric)
        };
        // Every word count around the bars, with the fewest bytes it takes
        // and a few more.
        let mut texts: Vec<String> = Vec::new();
        for words in 1..=40 {
            let tight = format!("A{}", " a".repeat(words - 1));
            texts.push(format!("{tight}a"));
            texts.push(format!("{tight} "));
            texts.push(tight.replacen(' ', "  ", 1));
            texts.push(tight.replacen(' ', "\u{a0}", 1));
            texts.push(tight.replace('a', "-"));
            texts.push(tight);
        }
        let pieces = [
            "a", "B", " ", "  ", "\t", "\u{a0}", "1", ".", ":", "é", "“", "-",
        ];
        texts.extend(crate::pipeline::random_texts(&pieces, 45, 0..70, 40));
        for text in &texts {
            assert_eq!(is_heading_shaped(text), heading(text), "{text:?}");
            assert_eq!(is_title_shaped(text), title(text), "{text:?}");
        }
    }

    #[test]
    fn a_lower_case_second_word_is_a_word_not_capitalised() {
        let pieces = [
            "A", "b", " ", "  ", "\t", "\u{a0}", "É", "é", "1", "-", "x y",
        ];
        let mut told = 0;
        for text in crate::pipeline::random_texts(&pieces, 47, 0..12, 300) {
            let capitalised = text
                .split_whitespace()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase));
            if second_word_starts_lowercase(&text) {
                told += 1;
                assert!(!capitalised, "{text:?}");
            }
        }
        assert!(told > 100, "{told}");
    }

    /// [`bare_name_bylines`] as it was before its costliest tests (person
    /// name, outlet) moved after the tests of the lines around: the oracle
    /// of the test that the order changes no label. The per-line tests are
    /// the same functions; what differs is when the name tests are asked.
    fn bare_name_bylines_reference(tables: &Tables, units: &[Unit], labels: &mut [Label]) {
        let text_of = |i: usize| units.get(i).map_or("", Unit::as_str);
        if has_labelled_byline(labels) {
            return;
        }
        let first_text = labels.iter().position(|l| matches!(l, Label::Text));
        let mut found = Vec::new();
        for i in 0..units.len() {
            if Some(i) == first_text {
                continue;
            }
            let bare_name =
                is_name_shaped(labels.get(i), text_of(i)) && is_bare_name(tables, text_of(i));
            if !bare_name || matches!(labels.get(i + 1), Some(Label::Byline(..))) {
                continue;
            }
            let near_date = [i + 1, i + 2]
                .into_iter()
                .any(|j| matches!(labels.get(j), Some(Label::Date(..))));
            if near_date || is_role_line(labels.get(i + 1), text_of(i + 1)) {
                found.push(i);
            }
            if found.len() >= 2 {
                break;
            }
        }
        if let Some(&i) = found.first() {
            set_bare_name_byline(labels, i, text_of(i));
        }
    }

    #[test]
    fn bare_names_are_found_as_before_the_tests_were_reordered() {
        let tables = &*crate::pipeline::tables::TABLES;
        let lines = [
            "Andrew King",
            "Jane Doe",
            "Mary Ann van der Berg",
            "Trending Editor",
            "Senior Correspondent",
            "September 4, 2025",
            "Published 19 June 2024",
            "Reuters",
            "BBC News",
            "By Jane Doe",
            "The council met on Tuesday to talk about the bridge.",
            "Home",
            "World News Today",
            "Andrew King Jr Smith Jones",
            "ANDREW KING",
        ];
        // A line a unit: each piece ends with a blank line.
        let pieces = lines.map(|l| format!("{l}\n\n"));
        let pieces: Vec<&str> = pieces.iter().map(String::as_str).collect();
        let pages = crate::pipeline::random_texts(&pieces, 57, 2..9, 400);
        let mut found = 0;
        for input in &pages {
            let units = crate::pipeline::segment::segment(
                input,
                0,
                &crate::pipeline::repair::Repairer::default(),
                &mut crate::article::Repairs::new(),
            );
            let mut folded = String::new();
            let mut labels: Vec<Label> = units
                .iter()
                .map(|u| intrinsic(tables, u, true, &mut folded, &mut None))
                .collect();
            let mut reference = labels.clone();
            bare_name_bylines(tables, &units, &mut labels);
            bare_name_bylines_reference(tables, &units, &mut reference);
            let (now, before) = (format!("{labels:?}"), format!("{reference:?}"));
            found += usize::from(now.contains("Byline(Byline { authors: [\"Andrew"));
            assert_eq!(now, before, "{input}");
        }
        assert!(found > 20, "{found}");
    }

    #[test]
    fn fold_edges_are_trimmed_as_trim_matches_would() {
        for b in 0..0x80u8 {
            assert_eq!(is_ascii_fold_edge(b), is_fold_edge(char::from(b)), "{b}");
        }
        for text in [
            "",
            " ",
            "»",
            " • Read more » ",
            "...Read more...",
            "—x—",
            "(a)",
            "\u{a0}x\u{2003}",
            "x",
            "é.",
            ".é",
            "[-] ->",
        ] {
            assert_eq!(
                trim_fold_edges(text),
                text.trim_matches(is_fold_edge),
                "{text:?}"
            );
        }
        // Every ASCII first and last byte (the shortcut's cases and the
        // others), around a middle that is and one that is not an edge.
        for first in 0..0x80u8 {
            for last in 0..0x80u8 {
                for middle in ["", " ", "a", ". ."] {
                    let text = format!("{}{middle}{}", char::from(first), char::from(last));
                    assert_eq!(
                        trim_fold_edges(&text),
                        text.trim_matches(is_fold_edge),
                        "{text:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn trim_spaces_is_trim() {
        for text in [
            "",
            " ",
            "a",
            " a",
            "a ",
            "\u{a0}a",
            "a\u{2003}",
            "!x~",
            "\x7Fa",
            "a\x1F",
            "é",
        ] {
            assert_eq!(trim_spaces(text), text.trim(), "{text:?}");
        }
    }

    #[test]
    fn no_non_ascii_character_lowercases_to_a_letter_of_reserved() {
        for c in (0x80..=0x10_FFFF).filter_map(char::from_u32) {
            assert!(!c.to_lowercase().any(|l| "reserved".contains(l)), "{c:?}");
        }
    }

    #[test]
    fn fold_lowercases_character_by_character() {
        // As `fold_into` did word by word: `char::to_lowercase` on each
        // character (a final sigma stays `σ`).
        for text in ["ΟΔΟΣ Σ", "ΑΣ. ΣΑ", "İ\u{307}", "Ǆ ǅ"] {
            let reference = text
                .trim_matches(is_fold_edge)
                .split_whitespace()
                .map(|w| w.chars().flat_map(char::to_lowercase).collect::<String>())
                .collect::<Vec<_>>()
                .join(" ");
            assert_eq!(fold(text), reference, "{text:?}");
        }
    }

    #[test]
    fn fold_lowercases_ascii_and_unicode_alike() {
        assert_eq!(
            fold("  • Read MORE:  Ünïcödé  News »"),
            "read more: ünïcödé news"
        );
    }
}
