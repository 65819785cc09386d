//! Date lines: `Published 19 June 2024`, `June 19, 2024 at 3:04 pm`.
//!
//! A date is only taken from a line that is a date and nothing more (give or
//! take a `Published`, a weekday, a time and a time zone), never from prose.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Captures;

use crate::article::Date;
use crate::lexicon::WordSet;
use crate::pipeline::segment::more_chars_than;
use crate::pipeline::swar::{padded_tail, ONES, TOPS};
use crate::pipeline::tables::{with_lowercase, Tables, TABLES};

/// Words a date line may hold besides the date and time (data/date_line_words.txt).
pub(crate) static DATE_LINE_WORDS: LazyLock<WordSet> =
    LazyLock::new(|| WordSet::new(crate::lexicon::DATE_LINE_WORDS));

/// The date of a date line, or `None` when the line is not one.
/// `by_rest` receives the text after `by` when the line also names an author
/// (`Posted on 12 March 2024 by Jane Doe`).
pub(crate) fn parse_date_line(line: &str) -> Option<(Date, Option<String>)> {
    parse_date_line_with(line, true)
}

/// [`parse_date_line`]; `precheck` false skips [`surely_not_held`], so that
/// a test can show the shortcut changes no answer.
fn parse_date_line_with(line: &str, precheck: bool) -> Option<(Date, Option<String>)> {
    // A date line is short: told from the length first, which rules out
    // the paragraphs (most of the text) without reading them (a character
    // is at most four bytes), or from a count that stops past 120.
    if more_chars_than(line, 120) {
        return None;
    }
    // Every alternative of the date pattern holds a year, four digits in a
    // row (`\d` is any Unicode decimal digit; `is_numeric` covers them all).
    // It rules out most of the short lines.
    if !has_four_digits(line) {
        return None;
    }
    search_date_line(line, precheck)
}

/// [`parse_date_line_with`] past its two cheap tests, which most lines fail:
/// out of line, so that the call every unit makes stays a small one.
#[inline(never)]
fn search_date_line(line: &str, precheck: bool) -> DateLine {
    let tables = &*TABLES;
    if !precheck {
        return read_date_line(tables, line, find_date(tables, line)?, false);
    }
    // Where the date is searched by hand (cheaply), the search goes first:
    // most lines with a year in them hold no date, and where one does,
    // [`surely_not_held`] on what is left of the line is the cheaper
    // pre-check. Elsewhere [`surely_not_near_a_date`] goes first, saving
    // the date regex.
    if by_hand(line) {
        let span = ascii_find(line.as_bytes())?;
        return read_date_line(tables, line, span, true);
    }
    if surely_not_near_a_date(line) {
        return None;
    }
    read_date_line(tables, line, find_date(tables, line)?, true)
}

/// An answer of [`read_date_line`].
type DateLine = Option<(Date, Option<String>)>;

/// Bytes of a date line's residue that [`read_date_line`] builds on the
/// stack: all of any line [`parse_date_line`] reads (120 characters, four
/// bytes each at most, less the date, plus a space).
const RESIDUE_ON_STACK: usize = 4 * 120 + 1;

/// [`parse_date_line`] past its cheap tests, given the first match of the
/// date pattern in `line` (its start and end, from [`find_date`]).
fn read_date_line(
    tables: &Tables,
    line: &str,
    (start, end): (usize, usize),
    precheck: bool,
) -> DateLine {
    // The line with its date cut out, on the stack: a date line is 480
    // bytes at most (120 characters).
    let (head, tail) = (line.get(..start)?, line.get(end..)?);
    let mut stack = [0u8; RESIDUE_ON_STACK];
    let on_heap;
    let joined = match stack.get_mut(..head.len() + 1 + tail.len()) {
        Some(slot) => {
            let (to_head, rest) = slot.split_at_mut(head.len());
            to_head.copy_from_slice(head.as_bytes());
            if let Some((space, to_tail)) = rest.split_first_mut() {
                *space = b' ';
                to_tail.copy_from_slice(tail.as_bytes());
            }
            std::str::from_utf8(slot).ok()?
        }
        None => {
            on_heap = format!("{head} {tail}");
            on_heap.as_str()
        }
    };
    // Copied to the heap only when a later step rewrites it.
    let mut residue = Cow::Borrowed(joined);
    // Prose with a date in it fails on its other words: tell so before the
    // captures, the costliest step.
    if precheck && surely_not_held(&residue) {
        return None;
    }
    // An ASCII match is read by hand; the captures (the costliest step of
    // all) are left for the others.
    let parts = match ascii_parts(line.get(start..end)?) {
        Some(parts) => parts,
        None => parts_of(&tables.date.captures(line)?)?,
    };
    let date = date_of(tables, parts)?;
    let mut author = None;
    // `by` (`posted_by` matches it in any case, and neither letter has a
    // case outside ASCII) is looked for before the captures are made.
    if holds_by(joined) {
        if let Some(by) = tables.posted_by.captures(joined) {
            author = by.name("who").map(|m| m.as_str().trim().to_owned());
            let start = by.get(0).map_or(joined.len(), |m| m.start());
            residue = Cow::Borrowed(joined.get(..start).unwrap_or(joined));
        }
    }
    // Copied only when a time is cut out. Every time starts with a digit
    // (`\d`: ASCII, or a character outside ASCII): a residue with neither
    // skips the pattern.
    if residue.bytes().any(|b| b.is_ascii_digit() || !b.is_ascii()) {
        let cut = match tables.time.replace_all(&residue, " ") {
            Cow::Owned(cut) => Some(cut),
            Cow::Borrowed(_) => None,
        };
        if let Some(cut) = cut {
            residue = Cow::Owned(cut);
        }
    }
    // `Zach Lezberg | May 22, 2025`, `Dec 17, 2025 Julian K. Arni`: a name
    // beside the date, set off by a separator or standing alone.
    if author.is_none() {
        let parts = || {
            residue
                .split(['|', '·', '•', '—', '–'])
                .map(|p| p.trim().trim_matches(',').trim())
                .filter(|p| !p.is_empty())
        };
        let named = parts().position(|p| {
            (2..=4).contains(&p.split_whitespace().count())
                && p.split_whitespace()
                    .all(|w| w.chars().next().is_some_and(char::is_uppercase))
                && crate::pipeline::names::is_person_name(p)
                && !p
                    .split_whitespace()
                    .any(|w| with_lowercase(w, |lower| DATE_LINE_WORDS.contains(lower)))
        });
        if let Some(index) = named {
            author = parts().nth(index).map(str::to_owned);
            let rest = parts()
                .enumerate()
                .filter(|(i, _)| *i != index)
                .map(|(_, p)| p)
                .collect::<Vec<_>>()
                .join(" ");
            residue = Cow::Owned(rest);
        }
    }
    if !residue_held(&residue) {
        return None;
    }
    Some((date, author))
}

/// True when every word of what is left of a date line is one a date line
/// may hold: a date word, a number, a time zone.
fn residue_held(residue: &str) -> bool {
    residue
        .split(|c: char| !(c.is_alphanumeric() || c == '.'))
        .all(|word| {
            let word = word.trim_matches('.');
            if word.is_empty() || word.chars().all(|c| c.is_ascii_digit()) {
                return true;
            }
            let is_zone =
                (2..=5).contains(&word.len()) && word.chars().all(|c| c.is_ascii_uppercase());
            is_zone
                || with_lowercase(word, |lower| {
                    DATE_LINE_WORDS.contains(lower) || lower == "utc" || lower == "gmt"
                })
        })
}

/// True when `line` holds a word that the date (wherever the date regex
/// finds it) cannot take, that none of the later steps of
/// [`parse_date_line`] can take away and that [`residue_held`] rejects: the
/// line is surely no date line, and the date regex need not run.
///
/// Every whitespace-separated token a date match touches holds a number or
/// stands within two tokens of one (`19 de junio de 2024`, `June 19, 2024`),
/// so a token three or more away from every number is left whole with a
/// number-free token before it. It is judged as [`surely_not_held`] judges
/// tokens.
fn surely_not_near_a_date(line: &str) -> bool {
    // Bit `i`: token `i` holds a number (lines this long have at most 60).
    let mut numeric: u128 = 0;
    for (i, token) in line.split_whitespace().enumerate() {
        if i >= 120 {
            return false;
        }
        if token.chars().any(char::is_numeric) {
            numeric |= 1 << i;
        }
    }
    for (i, token) in line.split_whitespace().enumerate() {
        if holds_by(token) {
            return false;
        }
        // Tokens i-2 ..= i+2.
        let near = (numeric << 2) >> i & 0b11111 != 0;
        if !near && !may_be_cut(token) && !residue_held(token) {
            return true;
        }
    }
    false
}

/// True when `token` holds `by` in any case: from there on a line may name
/// its author, which the later steps cut out, so the pre-checks give up.
fn holds_by(token: &str) -> bool {
    token
        .as_bytes()
        .windows(2)
        .any(|w| w.eq_ignore_ascii_case(b"by"))
}

/// True when a later step of [`parse_date_line`] may cut `token` out
/// whatever it says: a name separator, or a capitalised word (a name
/// beside the date).
fn may_be_cut(token: &str) -> bool {
    token.contains(['|', '·', '•', '—', '–'])
        || token
            .trim_start_matches(',')
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
}

/// True when `residue` (a line with its date cut out) holds a word that
/// none of the later steps of [`parse_date_line`] can take away and that
/// [`residue_held`] rejects, so the line is surely no date line.
///
/// Only whitespace-separated tokens that every step leaves whole are judged:
/// those before the first `by` (everything from `by …` on is an author),
/// without a digit and not right after a token ending in one (a time
/// `3 pm` is cut out), without a name separator, and not capitalised (a
/// name beside the date is cut out).
fn surely_not_held(residue: &str) -> bool {
    let mut after_number = false;
    for token in residue.split_whitespace() {
        if holds_by(token) {
            return false;
        }
        let numeric = token.chars().any(char::is_numeric);
        let skip = numeric || after_number || may_be_cut(token);
        after_number = token.chars().next_back().is_some_and(char::is_numeric);
        if !skip && !residue_held(token) {
            return true;
        }
    }
    false
}

/// True when `line` holds four numeric characters in a row.
///
/// Each byte is flagged when it is an ASCII digit or not ASCII (a byte of a
/// character that may be numeric), so four numeric characters in a row
/// always make four flagged bytes in a row, and such a run holds exactly
/// one byte at an index `4k + 3`. Sixteen bytes a step, only the flags of
/// those bytes are looked at: most lines have none flagged, and are told
/// so. From the first step with one, [`four_digits_from`] looks for the
/// runs themselves.
fn has_four_digits(line: &str) -> bool {
    // The top bits of bytes 3 and 7 of a word: the step starts at a
    // multiple of 16, so they are at indices `4k + 3` of the line.
    const FOURTHS: u64 = 0x8000_0000_8000_0000;
    let bytes = line.as_bytes();
    let mut steps = bytes.chunks_exact(16);
    for (n, step) in (&mut steps).enumerate() {
        let (Some(lo), Some(hi)) = (step.first_chunk::<8>(), step.last_chunk::<8>()) else {
            continue;
        };
        let flags = digit_flags(u64::from_le_bytes(*lo)).1 | digit_flags(u64::from_le_bytes(*hi)).1;
        if flags & FOURTHS != 0 {
            // A run's `4k + 3` byte is here or further on (the steps before
            // had none flagged), the earliest at the step's byte 3: the run
            // starts in this step or after it.
            return four_digits_from(line, 16 * n);
        }
    }
    // The last bytes, padded with NUL (not a digit).
    let rest = steps.remainder();
    let (lo, hi) = match rest.first_chunk::<8>() {
        Some(lo) => (
            u64::from_le_bytes(*lo),
            padded_tail(bytes, rest.len() - 8, 0),
        ),
        None => (padded_tail(bytes, rest.len(), 0), 0),
    };
    if (digit_flags(lo).1 | digit_flags(hi).1) & FOURTHS != 0 {
        return four_digits_from(line, bytes.len() - rest.len());
    }
    false
}

/// True when `line` holds four numeric characters in a row, given that no
/// run of four flagged bytes starts before `from` (a multiple of eight).
///
/// Eight bytes at a time: four ASCII digits settle it; a run that needs
/// non-ASCII bytes is judged by the characters themselves.
fn four_digits_from(line: &str, from: usize) -> bool {
    let bytes = line.as_bytes().get(from..).unwrap_or_default();
    // The flags of the block before, for runs across its end.
    let mut before = (0, 0);
    let mut blocks = bytes.chunks_exact(8);
    for block in &mut blocks {
        let mut word = [0; 8];
        word.copy_from_slice(block);
        if let Some(ascii) = four_flagged(u64::from_le_bytes(word), &mut before) {
            return ascii || has_four_numeric_chars(line);
        }
    }
    // The last bytes, padded with NUL (not a digit).
    let word = padded_tail(bytes, blocks.remainder().len(), 0);
    four_flagged(word, &mut before).is_some_and(|ascii| ascii || has_four_numeric_chars(line))
}

/// Whether four flagged bytes (see [`digit_flags`]) stand in a row, ending
/// in the eight bytes of `x`: `Some(true)` when four ASCII digits do.
/// `before` holds the flags of the eight bytes before, and receives those of
/// `x`.
#[inline(always)]
fn four_flagged(x: u64, before: &mut (u64, u64)) -> Option<bool> {
    let (ascii, any) = digit_flags(x);
    let (before_ascii, before_any) = std::mem::replace(before, (ascii, any));
    if any | before_any == 0 || four_in_a_row(any, before_any) == 0 {
        return None;
    }
    Some(four_in_a_row(ascii, before_ascii) != 0)
}

/// The ASCII digits among the eight bytes of `x`, and those with the
/// non-ASCII bytes, as the top bit of each byte. With the top bits cleared
/// first, no per-byte sum carries into the next byte.
#[inline(always)]
fn digit_flags(x: u64) -> (u64, u64) {
    let low = x & !TOPS;
    let at_least_0 = low.wrapping_add(ONES * (0x80 - u64::from(b'0')));
    let above_9 = low.wrapping_add(ONES * (0x80 - u64::from(b'9') - 1));
    let ascii = at_least_0 & !above_9 & !x & TOPS;
    (ascii, ascii | (x & TOPS))
}

/// Non-zero when four flagged bytes stand in a row and the last of them is
/// in `flags` (`before`: the flags of the eight bytes before).
#[inline(always)]
fn four_in_a_row(flags: u64, before: u64) -> u64 {
    flags
        & ((flags << 8) | (before >> 56))
        & ((flags << 16) | (before >> 48))
        & ((flags << 24) | (before >> 40))
}

/// True when `line` holds four numeric characters in a row, character by
/// character.
fn has_four_numeric_chars(line: &str) -> bool {
    let mut run = 0;
    for c in line.chars() {
        run = if c.is_numeric() { run + 1 } else { 0 };
        if run == 4 {
            return true;
        }
    }
    false
}

/// The pieces of a date, by the alternative of the date pattern that
/// matched it (its capture groups, in order).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DateParts<'a> {
    /// `2024-06-19`: year, month, day.
    Iso(&'a str, &'a str, &'a str),
    /// `19 June 2024`: day, month name, year.
    Dmy(&'a str, &'a str, &'a str),
    /// `June 19, 2024`: month name, day, year.
    Mdy(&'a str, &'a str, &'a str),
    /// `19.06.2024`: day, month, year.
    Dot(&'a str, &'a str, &'a str),
    /// `05/06/2024`: the two numbers, year.
    Slash(&'a str, &'a str, &'a str),
}

/// The pieces of a date from the captures of the date pattern.
fn parts_of<'a>(caps: &Captures<'a>) -> Option<DateParts<'a>> {
    let group = |name: &str| caps.name(name).map(|m| m.as_str());
    Some(if caps.name("iso").is_some() {
        DateParts::Iso(group("iy")?, group("im")?, group("id")?)
    } else if caps.name("dmy").is_some() {
        DateParts::Dmy(group("d1")?, group("m1")?, group("y1")?)
    } else if caps.name("mdy").is_some() {
        DateParts::Mdy(group("m2")?, group("d2")?, group("y2")?)
    } else if caps.name("dot").is_some() {
        DateParts::Dot(group("d3")?, group("m3")?, group("y3")?)
    } else {
        DateParts::Slash(group("a4")?, group("b4")?, group("y4")?)
    })
}

/// The pieces of `span`, a whole match of the date pattern, read without
/// the pattern when `span` is ASCII (`None` otherwise).
///
/// A whole match leaves no choice. Its first bytes tell the alternative:
/// four digits start only `iso`, a letter only `mdy`; one or two digits then
/// `.` and a digit only `dot`, then `/` only `slash`, else `dmy`. Every
/// alternative but `iso` ends with the year, and each other group is a whole
/// run of digits or letters at a place the shape fixes: `dmy`'s month is the
/// first run after the spaces that end its day (and a `de` with spaces after
/// it, which the month cannot start with since it holds no space and has
/// three letters or more).
fn ascii_parts(span: &str) -> Option<DateParts<'_>> {
    let bytes = span.as_bytes();
    if !bytes.is_ascii() {
        return None;
    }
    let run_from = |from: usize, take: fn(&u8) -> bool| {
        from + bytes
            .get(from..)
            .map_or(0, |rest| rest.iter().take_while(|b| take(b)).count())
    };
    let piece = |from: usize, to: usize| span.get(from..to);
    let year = span.get(span.len().checked_sub(4)?..)?;
    if bytes.first()?.is_ascii_alphabetic() {
        let month_end = run_from(0, u8::is_ascii_alphabetic);
        let day = run_from(month_end, |b| *b == b'.' || is_space(b));
        let day_end = run_from(day, u8::is_ascii_digit);
        return Some(DateParts::Mdy(
            piece(0, month_end)?,
            piece(day, day_end)?,
            year,
        ));
    }
    let first_end = run_from(0, u8::is_ascii_digit);
    if first_end >= 4 {
        let month_end = run_from(first_end + 1, u8::is_ascii_digit);
        return Some(DateParts::Iso(
            piece(0, first_end)?,
            piece(first_end + 1, month_end)?,
            piece(month_end + 1, span.len())?,
        ));
    }
    let first = piece(0, first_end)?;
    let second_end = run_from(first_end + 1, u8::is_ascii_digit);
    match bytes.get(first_end) {
        Some(b'.') if second_end > first_end + 1 => Some(DateParts::Dot(
            first,
            piece(first_end + 1, second_end)?,
            year,
        )),
        Some(b'/') => Some(DateParts::Slash(
            first,
            piece(first_end + 1, second_end)?,
            year,
        )),
        _ => {
            // Past the day's suffix and the spaces after it.
            let spaces = run_from(first_end, |b| !is_space(b));
            let mut month = run_from(spaces, is_space);
            let de = bytes
                .get(month..month + 2)
                .is_some_and(|w| w.eq_ignore_ascii_case(b"de"));
            if de && bytes.get(month + 2).is_some_and(is_space) {
                month = run_from(month + 2, is_space);
            }
            let month_end = run_from(month, u8::is_ascii_alphabetic);
            Some(DateParts::Dmy(first, piece(month, month_end)?, year))
        }
    }
}

/// The first match of the date pattern in `line` (its start and end).
///
/// Searched by hand ([`ascii_find`]) when every character of the line is
/// ASCII or one no part of the pattern can match: no letter, digit or space
/// (curly quotes, dashes, ellipses). Such a character plays the part of any
/// ASCII punctuation the pattern does not name, and no match holds it.
fn find_date(tables: &Tables, line: &str) -> Option<(usize, usize)> {
    if by_hand(line) {
        return ascii_find(line.as_bytes());
    }
    tables.date.find(line).map(|m| (m.start(), m.end()))
}

/// True when [`find_date`] searches `line` by hand: every character of it
/// is ASCII or one no part of the date pattern can match.
fn by_hand(line: &str) -> bool {
    let inert = |c: char| c.is_ascii() || !(c.is_alphanumeric() || c.is_whitespace());
    line.is_ascii() || line.chars().all(inert)
}

/// The first match of the date pattern in ASCII `bytes` (its start and
/// end), found without the pattern: the leftmost start where one of its
/// alternatives matches, the first of them in the pattern's order.
///
/// In ASCII `\d` is a digit, `\p{L}` a letter and `\s` one of
/// `[\t\n\x0B\x0C\r ]`. Backtracking never changes a match of this
/// pattern: a `\d{1,2}` or `\p{L}{3,10}` is followed by something no
/// digit or letter can be, so it must take a whole run; an optional suffix,
/// `.` or `,` is followed by what it cannot be, so it is taken when present
/// and followed by what comes next; `\s+` is followed by no space; and a
/// `de` with spaces after it must be taken, for a month of three letters or
/// more, or a year, cannot start with it.
///
/// Only the runs of digits are visited. A match starts at a digit, or
/// (`mdy`) at a letter whose run of letters ends its month: the run is
/// followed by an optional `.`, spaces and the day's first digit. So every
/// start is a digit or belongs to the run of digits after it, found by
/// looking back from the run (see [`mdy_start_before`]); and that start
/// comes after every digit before.
fn ascii_find(bytes: &[u8]) -> Option<(usize, usize)> {
    let mut at = 0;
    while let Some(first) = next_digit(bytes, at) {
        let last = first + run(bytes, first, usize::MAX, u8::is_ascii_digit);
        if let Some(start) = mdy_start_before(bytes, first) {
            if let Some(end) = mdy_at(bytes, start) {
                return Some((start, end));
            }
        }
        // In a run of digits only the last four (`iso`'s year, with `-`
        // after it) or the last two or one (a day) can start a match.
        for start in last.saturating_sub(4).max(first)..last {
            if last - start == 3 {
                continue;
            }
            let end = iso_at(bytes, start)
                .or_else(|| dmy_at(bytes, start))
                .or_else(|| numeric_at(bytes, start, b'.'))
                .or_else(|| numeric_at(bytes, start, b'/'));
            if let Some(end) = end {
                return Some((start, end));
            }
        }
        at = last;
    }
    None
}

/// The first ASCII digit in `bytes` from `from` on, eight bytes at a time
/// (see [`digit_flags`]).
fn next_digit(bytes: &[u8], from: usize) -> Option<usize> {
    let mut chunks = bytes.get(from..)?.chunks_exact(8);
    let mut at = from;
    for chunk in &mut chunks {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        let (digits, _) = digit_flags(u64::from_le_bytes(word));
        if digits != 0 {
            return Some(at + digits.trailing_zeros() as usize / 8);
        }
        at += 8;
    }
    let tail = chunks.remainder().iter().position(u8::is_ascii_digit)?;
    Some(at + tail)
}

/// The one start that may hold an `mdy` match whose day begins at the
/// digit at `day`: the leftmost letter from which the run of letters before
/// `\.?\s+` is three to ten letters long. (Further right, a start matches
/// exactly when this one does, since all after the month is the same;
/// further left, the run is too long.) `None` when no letter can.
fn mdy_start_before(bytes: &[u8], day: usize) -> Option<usize> {
    let before = bytes.get(..day)?;
    let spaces = before.iter().rev().take_while(|b| is_space(b)).count();
    if spaces == 0 {
        return None;
    }
    let mut month_end = day - spaces;
    if month_end > 0 && before.get(month_end - 1) == Some(&b'.') {
        month_end -= 1;
    }
    let letters = before
        .get(..month_end)?
        .iter()
        .rev()
        .take(10)
        .take_while(|b| b.is_ascii_alphabetic())
        .count();
    (letters >= 3).then_some(month_end - letters)
}

/// The length of the run of bytes from `at` that `take` accepts, at most `max`.
fn run(bytes: &[u8], at: usize, max: usize, take: fn(&u8) -> bool) -> usize {
    bytes.get(at..).map_or(0, |rest| {
        rest.iter().take(max).take_while(|b| take(b)).count()
    })
}

/// The end of a whole run of one or two digits at `at`.
fn day_at(bytes: &[u8], at: usize) -> Option<usize> {
    let digits = run(bytes, at, 2, u8::is_ascii_digit);
    let whole = digits > 0 && !bytes.get(at + digits).is_some_and(u8::is_ascii_digit);
    whole.then_some(at + digits)
}

/// The end of `\s+` at `at`.
fn spaces_at(bytes: &[u8], at: usize) -> Option<usize> {
    let spaces = run(bytes, at, usize::MAX, is_space);
    (spaces > 0).then_some(at + spaces)
}

/// Past `(?:de\s+)?` at `at`.
fn past_de(bytes: &[u8], at: usize) -> usize {
    let de = bytes
        .get(at..at + 2)
        .is_some_and(|w| w.eq_ignore_ascii_case(b"de"));
    match de {
        true => spaces_at(bytes, at + 2).unwrap_or(at),
        false => at,
    }
}

/// The end of `\d{4}` at `at`.
fn year_at(bytes: &[u8], at: usize) -> Option<usize> {
    (run(bytes, at, 4, u8::is_ascii_digit) == 4).then_some(at + 4)
}

/// The end of `\p{L}{3,10}` at `at`: a whole run of letters.
fn month_name_at(bytes: &[u8], at: usize) -> Option<usize> {
    let letters = run(bytes, at, 11, u8::is_ascii_alphabetic);
    (3..=10).contains(&letters).then_some(at + letters)
}

/// Past one of `suffixes` (in any case) at `at`, when what follows it is
/// accepted by `next`.
///
/// Most bytes at `at` start no suffix (`3:04`, `19,`): told from the first
/// byte before any suffix is compared whole.
fn past_suffix(bytes: &[u8], at: usize, suffixes: &[&[u8]], next: fn(&u8) -> bool) -> usize {
    let Some(first) = bytes.get(at).map(u8::to_ascii_lowercase) else {
        return at;
    };
    if !suffixes.iter().any(|suffix| suffix.first() == Some(&first)) {
        return at;
    }
    past_suffix_by_compares(bytes, at, suffixes, next)
}

/// [`past_suffix`] without its first-byte gate: every suffix compared whole
/// (also the oracle of the test that the gate drops none).
fn past_suffix_by_compares(
    bytes: &[u8],
    at: usize,
    suffixes: &[&[u8]],
    next: fn(&u8) -> bool,
) -> usize {
    let found = suffixes.iter().find(|suffix| {
        bytes
            .get(at..at + suffix.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(suffix))
    });
    match found {
        Some(suffix) if bytes.get(at + suffix.len()).is_some_and(next) => at + suffix.len(),
        _ => at,
    }
}

/// `\d{4}-\d{1,2}-\d{1,2}` at `at`.
fn iso_at(bytes: &[u8], at: usize) -> Option<usize> {
    let dash = year_at(bytes, at)?;
    if bytes.get(dash) != Some(&b'-') {
        return None;
    }
    let month = run(bytes, dash + 1, 2, u8::is_ascii_digit);
    if month == 0 || bytes.get(dash + 1 + month) != Some(&b'-') {
        return None;
    }
    let day = run(bytes, dash + month + 2, 2, u8::is_ascii_digit);
    (day > 0).then_some(dash + month + 2 + day)
}

/// `\d{1,2}(?:st|nd|rd|th|er|º|\.)?\s+(?:de\s+)?\p{L}{3,10}\.?,?\s+(?:de\s+)?\d{4}` at `at`.
fn dmy_at(bytes: &[u8], at: usize) -> Option<usize> {
    let day = day_at(bytes, at)?;
    // No suffix starts with a space (the common case, told cheaply).
    let suffix = match bytes.get(day).is_some_and(is_space) {
        true => day,
        false => past_suffix(
            bytes,
            day,
            &[b"st", b"nd", b"rd", b"th", b"er", b"."],
            is_space,
        ),
    };
    let month = past_de(bytes, spaces_at(bytes, suffix)?);
    let mut at = month_name_at(bytes, month)?;
    if bytes.get(at) == Some(&b'.') {
        at += 1;
    }
    if bytes.get(at) == Some(&b',') {
        at += 1;
    }
    year_at(bytes, past_de(bytes, spaces_at(bytes, at)?))
}

/// `\p{L}{3,10}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}` at `at`.
fn mdy_at(bytes: &[u8], at: usize) -> Option<usize> {
    let mut at = month_name_at(bytes, at)?;
    if bytes.get(at) == Some(&b'.') {
        at += 1;
    }
    let day = day_at(bytes, spaces_at(bytes, at)?)?;
    let mut at = match bytes.get(day).is_some_and(|b| *b == b',' || is_space(b)) {
        true => day,
        false => past_suffix(bytes, day, &[b"st", b"nd", b"rd", b"th"], |b| {
            *b == b',' || is_space(b)
        }),
    };
    if bytes.get(at) == Some(&b',') {
        at += 1;
    }
    year_at(bytes, spaces_at(bytes, at)?)
}

/// `\d{1,2}<sep>\d{1,2}<sep>\d{4}` at `at`.
fn numeric_at(bytes: &[u8], at: usize, sep: u8) -> Option<usize> {
    let first = day_at(bytes, at)?;
    if bytes.get(first) != Some(&sep) {
        return None;
    }
    let second = day_at(bytes, first + 1)?;
    if bytes.get(second) != Some(&sep) {
        return None;
    }
    year_at(bytes, second + 1)
}

/// An ASCII space as the date pattern's `\s` takes it.
fn is_space(b: &u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

fn date_of(tables: &Tables, parts: DateParts<'_>) -> Option<Date> {
    date_with_months(parts, |text| {
        with_lowercase(text, |word| {
            tables.months.get(word.trim_end_matches('.')).copied()
        })
    })
}

/// The date `parts` name, month names read by `month`.
fn date_with_months(parts: DateParts<'_>, month: impl Fn(&str) -> Option<u8>) -> Option<Date> {
    let number = |text: &str| -> Option<u32> { text.parse().ok() };
    let (year, month, day) = match parts {
        DateParts::Iso(y, m, d) => (number(y)?, u8::try_from(number(m)?).ok()?, number(d)?),
        DateParts::Dmy(d, m, y) => (number(y)?, month(m)?, number(d)?),
        DateParts::Mdy(m, d, y) => (number(y)?, month(m)?, number(d)?),
        DateParts::Dot(d, m, y) => (number(y)?, u8::try_from(number(m)?).ok()?, number(d)?),
        DateParts::Slash(a, b, y) => {
            // 05/06/2024 could be May or June: only take it when one reading is impossible.
            let (a, b) = (number(a)?, number(b)?);
            let (month, day) = match (a, b) {
                (a, b) if a > 12 && b <= 12 => (b, a),
                (a, b) if b > 12 && a <= 12 => (a, b),
                (a, b) if a == b => (a, b),
                _ => return None,
            };
            (number(y)?, u8::try_from(month).ok()?, day)
        }
    };
    if !(1900..=2100).contains(&year) {
        return None;
    }
    Date::new(u16::try_from(year).ok()?, month, u8::try_from(day).ok()?)
}

/// [`read_date_line`] as it was first written (lower-cased copies of every
/// word, captures made for every line, the residue copied after the time
/// pattern, the parts collected): the oracle of the test that the version
/// without those copies reads the same dates and authors.
#[cfg(test)]
fn read_date_line_by_copies(tables: &Tables, line: &str, (start, end): (usize, usize)) -> DateLine {
    let residue_held = |residue: &str| {
        residue
            .split(|c: char| !(c.is_alphanumeric() || c == '.'))
            .all(|word| {
                let word = word.trim_matches('.');
                if word.is_empty() || word.chars().all(|c| c.is_ascii_digit()) {
                    return true;
                }
                let lower = word.to_lowercase();
                let is_zone =
                    (2..=5).contains(&word.len()) && word.chars().all(|c| c.is_ascii_uppercase());
                DATE_LINE_WORDS.contains(&lower) || is_zone || lower == "utc" || lower == "gmt"
            })
    };
    let mut residue = String::with_capacity(line.len());
    residue.push_str(line.get(..start)?);
    residue.push(' ');
    residue.push_str(line.get(end..)?);
    let parts = match ascii_parts(line.get(start..end)?) {
        Some(parts) => parts,
        None => parts_of(&tables.date.captures(line)?)?,
    };
    let date = date_of_by_copies(tables, parts)?;
    let mut author = None;
    if let Some(by) = tables.posted_by.captures(&residue) {
        author = by.name("who").map(|m| m.as_str().trim().to_owned());
        let start = by.get(0).map_or(residue.len(), |m| m.start());
        residue.truncate(start);
    }
    let mut residue = tables.time.replace_all(&residue, " ").into_owned();
    if author.is_none() {
        let parts: Vec<&str> = residue
            .split(['|', '·', '•', '—', '–'])
            .map(|p| p.trim().trim_matches(',').trim())
            .filter(|p| !p.is_empty())
            .collect();
        let named = parts.iter().position(|p| {
            (2..=4).contains(&p.split_whitespace().count())
                && p.split_whitespace()
                    .all(|w| w.chars().next().is_some_and(char::is_uppercase))
                && crate::pipeline::names::is_person_name(p)
                && !p
                    .split_whitespace()
                    .any(|w| DATE_LINE_WORDS.contains(&w.to_lowercase()))
        });
        if let Some(index) = named {
            author = parts.get(index).map(|p| (*p).to_owned());
            residue = parts
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != index)
                .map(|(_, p)| *p)
                .collect::<Vec<_>>()
                .join(" ");
        }
    }
    if !residue_held(&residue) {
        return None;
    }
    Some((date, author))
}

/// [`date_of`] with the month name lower-cased into a string of its own.
#[cfg(test)]
fn date_of_by_copies(tables: &Tables, parts: DateParts<'_>) -> Option<Date> {
    date_with_months(parts, |text| {
        let word = text.to_lowercase();
        tables.months.get(word.trim_end_matches('.')).copied()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(line: &str) -> Option<String> {
        parse_date_line(line).map(|(d, _)| d.to_string())
    }

    #[test]
    fn date_lines() {
        assert_eq!(
            date("Published 19 June 2024").as_deref(),
            Some("2024-06-19")
        );
        assert_eq!(
            date("June 19, 2024 at 3:04 pm").as_deref(),
            Some("2024-06-19")
        );
        assert_eq!(
            date("Wednesday 19 June 2024 10:22 BST").as_deref(),
            Some("2024-06-19")
        );
        assert_eq!(date("2024-06-19").as_deref(), Some("2024-06-19"));
        assert_eq!(
            date("Updated: Jun. 19, 2024, 3:04 p.m. ET").as_deref(),
            Some("2024-06-19")
        );
        assert_eq!(date("19 de junio de 2024").as_deref(), Some("2024-06-19"));
        assert_eq!(
            date("19. Juni 2024, 14:30 Uhr").as_deref(),
            Some("2024-06-19")
        );
        assert_eq!(date("19.06.2024").as_deref(), Some("2024-06-19"));
        assert_eq!(date("25/12/2024").as_deref(), Some("2024-12-25"));
    }

    #[test]
    fn posted_on_with_author() {
        let (d, who) = parse_date_line("Posted on 12 March 2024 by Sam Lee").unwrap();
        assert_eq!(d.to_string(), "2024-03-12");
        assert_eq!(who.as_deref(), Some("Sam Lee"));
    }

    #[test]
    fn a_name_beside_the_date() {
        let (d, who) = parse_date_line("Zach Lezberg | May 22, 2025").unwrap();
        assert_eq!(d.to_string(), "2025-05-22");
        assert_eq!(who.as_deref(), Some("Zach Lezberg"));
        let (_, who) = parse_date_line("Dec 17, 2025 Julian K. Arni").unwrap();
        assert_eq!(who.as_deref(), Some("Julian K. Arni"));
        assert_eq!(
            parse_date_line("June 19, 2024 Kim Il Sung Square parade"),
            None
        );
    }

    #[test]
    fn date_lines_are_read_as_the_copying_version_reads_them() {
        let tables = &*TABLES;
        // Dates (ASCII and not), times, `by` in any case, names beside the
        // date, separators, date words in any case, zones, sigmas.
        let pieces = [
            "19 June 2024",
            "June 19, 2024",
            "2024-06-19",
            "19.06.2024",
            "05/06/2024",
            "19 de junio de 2024",
            "19 JUNI 2024",
            "١٩ June ٢٠٢٤",
            " ",
            " ",
            ", ",
            " | ",
            " — ",
            "By ",
            "by ",
            "BY ",
            "Posted ",
            "published ",
            "UPDATED ",
            "Jane ",
            "Doe ",
            "Julian K. Arni ",
            "at ",
            "3:04 pm ",
            "10:22 ",
            "14h30 ",
            "BST ",
            "GMT ",
            "utc ",
            "ΣΑΒΒΑΤΟ ",
            "José ",
            "Ünïcödé ",
            "x",
            ".",
            "Monday ",
            "Sept. ",
        ];
        let mut lines = crate::pipeline::random_texts(&pieces, 31, 1..10, 1_500);
        let sample = include_str!("../../samples/bbc-putin-kim-spun.txt");
        lines.extend(sample.lines().map(str::to_owned));
        // Past the stack buffer (no line parse_date_line reads is so long).
        for (n, piece) in pieces.iter().enumerate() {
            let pad = "Word ".repeat(90 + n);
            lines.push(format!("{pad}19 June 2024 {piece}{pad}"));
            lines.push(format!("19 June 2024{piece}{}", "é".repeat(240 + n)));
        }
        let mut read = 0;
        for line in &lines {
            let Some(span) = find_date(tables, line) else {
                continue;
            };
            let old = read_date_line_by_copies(tables, line, span);
            read += usize::from(old.is_some());
            assert_eq!(read_date_line(tables, line, span, false), old, "{line:?}");
        }
        assert!(read > 500, "{read}");
    }

    #[test]
    fn the_precheck_changes_no_answer() {
        let lines = [
            "Published 19 June 2024 3 amon",
            "19 June 2024 3 amon",
            "19 June 2024, 3 pm on",
            "Posted 19 June 2024 by the desk",
            "19 June 2024 x|Jane Doe",
            "19 June 2024 Jane Doe",
            "19 June 2024 ,Jane Doe",
            "June 19, 2024 — jane doe",
            "19 June 2024 updated at 3:04 pm GMT",
            "19 June 2024 at 3:04\u{a0}pm",
            "Mon 19.06.2024 at 14h30 CET",
            "The two last met in Russia on 13 September 2023.",
            "2024-06-19 x-GMT",
            "2024-06-19 3.Monday",
            "Wednesday 19 June 2024 10:22 BST and more words after it",
            "the talks of 19 de junio de 2024",
            "19 de junio de 2024 tras la cumbre",
            "xJune 19, 2024 was a day",
            "on 2024-06-19abc it rained hard",
        ];
        let sample = include_str!("../../samples/bbc-putin-kim-spun.txt");
        for line in lines.into_iter().chain(sample.lines()) {
            let plain = parse_date_line_with(line, false);
            assert_eq!(parse_date_line_with(line, true), plain, "{line}");
            // The pre-check of non-ASCII lines, on every line.
            if surely_not_near_a_date(line) {
                assert_eq!(plain, None, "{line}");
            }
            // Again, answered from the lines kept.
            assert_eq!(parse_date_line_with(line, true), plain, "{line}");
        }
    }

    #[test]
    fn suffixes_are_passed_as_whole_compares_pass_them() {
        let pieces = [
            "s", "T", "n", "D", "r", "h", "E", ".", " ", ",", "1", "x", "º",
        ];
        let lists: [&[&[u8]]; 2] = [
            &[b"st", b"nd", b"rd", b"th", b"er", b"."],
            &[b"st", b"nd", b"rd", b"th"],
        ];
        let mut passed = 0;
        for text in crate::pipeline::random_texts(&pieces, 89, 0..5, 3000) {
            let bytes = text.as_bytes();
            for at in 0..=bytes.len() {
                for suffixes in lists {
                    let expected = past_suffix_by_compares(bytes, at, suffixes, is_space);
                    passed += usize::from(expected != at);
                    assert_eq!(
                        past_suffix(bytes, at, suffixes, is_space),
                        expected,
                        "{text:?}"
                    );
                }
            }
        }
        assert!(passed > 100, "{passed}");
    }

    #[test]
    fn four_digits_are_found_as_characters_would_be() {
        let pieces = ["1", "2", "x", " ", "é", "²", "٣", "’", "1234", "a\u{a0}"];
        let mut lines = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = lines
                .iter()
                .flat_map(|l| pieces.iter().map(move |p| format!("{l}{p}")))
                .collect();
            lines.extend(longer);
        }
        for line in &lines {
            for pad in ["", "abcdefg", "abc"] {
                let line = format!("{pad}{line}");
                assert_eq!(
                    has_four_digits(&line),
                    has_four_numeric_chars(&line),
                    "{line:?}"
                );
            }
        }
        // Longer lines, across the 16-byte steps and the blocks of the
        // exact search that follows them.
        let pieces = [
            "1", "12", "123", "x", " ", "abcdefgh", "é", "²", "٣", "’", "2024", "a\u{a0}",
        ];
        for line in crate::pipeline::random_texts(&pieces, 71, 0..40, 300) {
            assert_eq!(
                has_four_digits(&line),
                has_four_numeric_chars(&line),
                "{line:?}"
            );
        }
    }

    #[test]
    fn ascii_dates_are_read_as_the_pattern_reads_them() {
        let tables = &*TABLES;
        let sample = include_str!("../../samples/bbc-putin-kim-spun.txt");
        let mut lines: Vec<String> = sample.lines().map(str::to_owned).collect();
        let heads = ["", "x", "123 ", "Sept. ", "de "];
        let days = ["1", "19", "19th", "1ST", "2nd", "3rd", "1er", "19.", "05"];
        let gaps = [" ", "  ", "\t", " de ", " DE  ", " de", " dex "];
        let months = [
            "June",
            "Jun.",
            "JUNE",
            "junio",
            "de",
            "dex",
            "Septembers",
            "Sept",
            "Juni",
            "juneX",
        ];
        let seps = [" ", ", ", ". ", " de ", ".,  ", "\u{a0}"];
        let years = ["2024", "20245", "1999"];
        for head in heads {
            for day in days {
                for gap in gaps {
                    for month in months {
                        for sep in seps {
                            for year in years {
                                lines.push(format!("{head}{day}{gap}{month}{sep}{year}"));
                                lines.push(format!("{head}{month}{gap}{day}{sep}{year}"));
                            }
                        }
                    }
                }
            }
        }
        for a in ["1", "05", "13", "2024"] {
            for sep in ["-", ".", "/"] {
                for b in ["6", "06", "12", "x"] {
                    for tail in ["-19", "-7", ".2024", "/2024", "/20245", ".202"] {
                        lines.push(format!("{a}{sep}{b}{tail}"));
                        lines.push(format!("on {a}{sep}{b}{tail} at noon"));
                    }
                }
            }
        }
        for line in [
            "“19 June 202١” —",
            "’١9/06/2024",
            "June 1٩, 2024 …",
            "19\u{a0}June 2024 ’",
            "19 Juné 2024 ’",
            "1ſt June 2024 ’",
            "19º June 2024 ’",
            "’19 June 2024’ — “2024-06-19”",
        ] {
            lines.push(line.to_owned());
        }
        // Lines of the pattern's own bytes, at random.
        let alphabet = [
            "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "1", "2", "d", "e", "D", "E",
            "J", "u", "n", "s", "t", "r", "h", "S", "T", "N", " ", " ", ".", ",", "-", "/", "\t",
            "’", "—", "…", "“", "é", "\u{a0}", "١", "º", "ſ",
        ];
        // 60,000 lines of 0 to 23 pieces.
        lines.extend(crate::pipeline::random_texts(
            &alphabet,
            0x2545_f491_4f6c_dd1d,
            0..24,
            2_500,
        ));
        let mut found = 0;
        for line in &lines {
            let expected = tables.date.find(line).map(|m| (m.start(), m.end()));
            assert_eq!(find_date(tables, line), expected, "{line:?}");
            found += usize::from(expected.is_some());
        }
        assert!(found > 10_000, "{found}");
        let mut read = 0;
        for line in &lines {
            let Some(whole) = tables.date.find(line) else {
                continue;
            };
            let Some(parts) = ascii_parts(whole.as_str()) else {
                continue;
            };
            read += 1;
            let caps = tables.date.captures(line).unwrap();
            assert_eq!(Some(parts), parts_of(&caps), "{line:?}");
        }
        assert!(read > 10_000, "{read}");
    }

    /// The search [`ascii_find`] replaced: every start tried in turn.
    fn every_start_find(bytes: &[u8]) -> Option<(usize, usize)> {
        (0..bytes.len()).find_map(|start| {
            let first = bytes.get(start)?;
            let end = if first.is_ascii_alphabetic() {
                mdy_at(bytes, start)
            } else if first.is_ascii_digit() {
                iso_at(bytes, start)
                    .or_else(|| dmy_at(bytes, start))
                    .or_else(|| numeric_at(bytes, start, b'.'))
                    .or_else(|| numeric_at(bytes, start, b'/'))
            } else {
                None
            };
            end.map(|end| (start, end))
        })
    }

    #[test]
    fn the_search_by_digits_finds_what_every_start_finds() {
        let sample = include_str!("../../samples/bbc-putin-kim-spun.txt");
        let mut lines: Vec<String> = sample.lines().map(str::to_owned).collect();
        let months = crate::lexicon::MONTHS.words();
        let mut words: Vec<String> = months.map(str::to_owned).collect();
        // Capitalised and upper-case too.
        for word in words.clone() {
            words.push(word.to_uppercase());
            let mut chars = word.chars();
            if let Some(first) = chars.next() {
                words.push(first.to_uppercase().chain(chars).collect());
            }
        }
        assert!(words.len() > 12, "{words:?}");
        for n in 1..=13 {
            words.push("x".repeat(n));
            words.push(format!("{}june", "a".repeat(n)));
        }
        let heads = ["", "on ", "9", "x9 ", "3 x", ". ", "a.", "de "];
        let gaps = [" ", ".  ", "\t", "..", "", ". ", ",", " de "];
        let days = ["1", "19", "123", "19th", "2nd,", "3RD", "05.", "7,"];
        let tails = [" 2024", ", 2024", "  1999 x", " 202", " 20245", ",2024"];
        for word in &words {
            for head in heads {
                for gap in gaps {
                    for day in days {
                        for tail in tails {
                            lines.push(format!("{head}{word}{gap}{day}{tail}"));
                            lines.push(format!("{head}{day}{gap}{word}{tail}"));
                        }
                    }
                }
            }
        }
        // Random lines of date-like pieces, non-ASCII ones among them.
        let pieces = [
            "June",
            "Sept.",
            "mayo",
            "x",
            "abcdefghijk",
            "de",
            " ",
            "  ",
            ".",
            ",",
            "-",
            "/",
            "1",
            "19",
            "2024",
            "2024-06-19",
            "05/06/2024",
            "th",
            "\t",
            "’",
            "—",
            "é",
            "a",
        ];
        // 40,000 lines of 0 to 15 pieces.
        lines.extend(crate::pipeline::random_texts(
            &pieces,
            0x9e37_79b9_7f4a_7c15,
            0..16,
            2_500,
        ));
        let mut found = 0;
        for line in &lines {
            let expected = every_start_find(line.as_bytes());
            assert_eq!(ascii_find(line.as_bytes()), expected, "{line:?}");
            found += usize::from(expected.is_some());
        }
        assert!(found > 20_000, "{found}");
    }

    #[test]
    fn prose_with_a_date_is_not_a_date_line() {
        assert_eq!(
            date("The two last met in Russia on 13 September 2023."),
            None
        );
        assert_eq!(date("05/06/2024"), None);
        assert_eq!(date("June 31, 2024"), None);
    }
}
