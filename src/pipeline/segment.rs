//! Segmentation: the input's lines, grouped into units (one paragraph-sized
//! piece of text each), with hard-wrapped lines joined back together.

use crate::article::{RepairKind, Repairs};
use crate::pipeline::repair::Repairer;
use crate::pipeline::swar::{padded_tail, ONES, TOPS};
use crate::pipeline::text::{expected_items, MappedText, Page, PagePlace};

/// One line of the input, without its line ending.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RawLine<'a> {
    pub text: &'a str,
    /// Offset of the line's first byte in the text that was split.
    pub start: usize,
    /// The line ending that closed it (`"\n"`, `"\r\n"`, `"\r"`, U+2028, U+2029), if any.
    pub ending: Option<&'static str>,
}

/// Splits text into lines on `\n`, `\r\n`, `\r`, U+2028 and U+2029.
pub(crate) fn raw_lines(text: &str) -> impl Iterator<Item = RawLine<'_>> {
    let bytes = text.as_bytes();
    // Most texts end every line with `\n` alone: then a search for `\n`
    // finds each line's end, without stopping at every `E2` byte of a curly
    // quote or dash on the way.
    let only_lf = only_lf_endings(bytes);
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= bytes.len() {
            return None;
        }
        let rest = bytes.get(start..)?;
        if only_lf {
            let line = match memchr::memchr(b'\n', rest) {
                Some(at) => RawLine {
                    text: text.get(start..start + at)?,
                    start,
                    ending: Some("\n"),
                },
                None => RawLine {
                    text: text.get(start..)?,
                    start,
                    ending: None,
                },
            };
            start += line.text.len() + 1;
            return Some(line);
        }
        // \n and \r are ASCII; U+2028/2029 are E2 80 A8/A9.
        let mut search = 0;
        loop {
            let Some(found) = memchr::memchr3(b'\n', b'\r', 0xE2, rest.get(search..)?) else {
                let line = RawLine {
                    text: text.get(start..)?,
                    start,
                    ending: None,
                };
                start = bytes.len();
                return Some(line);
            };
            let at = search + found;
            let (ending, len): (&'static str, usize) = match rest.get(at..) {
                Some([b'\r', b'\n', ..]) => ("\r\n", 2),
                Some([b'\r', ..]) => ("\r", 1),
                Some([b'\n', ..]) => ("\n", 1),
                Some([0xE2, 0x80, 0xA8, ..]) => ("\u{2028}", 3),
                Some([0xE2, 0x80, 0xA9, ..]) => ("\u{2029}", 3),
                _ => {
                    search = at + 1;
                    continue;
                }
            };
            let line = RawLine {
                text: text.get(start..start + at)?,
                start,
                ending: Some(ending),
            };
            start += at + len;
            return Some(line);
        }
    })
}

/// True when `bytes` hold no `\r` and no U+2028 or U+2029 (`E2 80 A8`,
/// `E2 80 A9`): every line ends in `\n` alone. One search for `\r` and `E2`
/// together, rather than one for each of the three: `E2` (the lead byte of
/// curly quotes and dashes too) is rare enough that looking at each one
/// costs less than two more passes over the text.
fn only_lf_endings(bytes: &[u8]) -> bool {
    memchr::memchr2_iter(b'\r', 0xE2, bytes).all(|at| {
        !matches!(
            bytes.get(at..).unwrap_or_default(),
            [b'\r', ..] | [0xE2, 0x80, 0xA8 | 0xA9, ..]
        )
    })
}

/// A paragraph-sized piece of the input: one line, or several hard-wrapped
/// lines joined, repaired.
#[derive(Debug, Clone)]
pub(crate) struct Unit {
    pub text: MappedText,
    /// True when the text sat inside a `[caption]…[/caption]` shortcode.
    pub caption_shortcode: bool,
}

impl Unit {
    #[inline]
    pub fn as_str(&self) -> &str {
        self.text.as_str()
    }
}

/// True when a line holds nothing but whitespace and invisible characters
/// (what repair would turn into an empty line).
pub(crate) fn is_blank(line: &str) -> bool {
    // Most lines open on a visible ASCII character.
    if line.as_bytes().first().is_some_and(u8::is_ascii_graphic) {
        return false;
    }
    line.chars().all(crate::pipeline::repair::is_invisible)
}

/// The number of characters in `text`: its bytes less its UTF-8
/// continuation bytes (a count the compiler vectorizes).
fn char_count(text: &str) -> usize {
    text.len() - text.bytes().filter(|&b| b & 0xC0 == 0x80).count()
}

/// `text.chars().count() > n` without a full count: told by the length
/// alone for most texts, by the first `n + 1` bytes when they are ASCII,
/// else by counting continuation bytes eight at a time until the count
/// passes `n`.
// Inlined: most callers' texts are told by their length alone.
#[inline]
pub(crate) fn more_chars_than(text: &str, n: usize) -> bool {
    // A character takes one to four bytes.
    text.len() > n && (text.len() > n.saturating_mul(4) || counts_more_chars_than(text, n))
}

/// [`more_chars_than`] for a text of `n + 1` to `4 * n` bytes.
fn counts_more_chars_than(text: &str, n: usize) -> bool {
    let bytes = text.as_bytes();
    // Its first `n + 1` bytes ASCII (as most lines' are): that many
    // characters already, told by their words OR-ed together.
    if let Some(head) = bytes.get(..=n) {
        let mut words = head.chunks_exact(8);
        let mut or = 0;
        for word in &mut words {
            or |= word
                .first_chunk::<8>()
                .map_or(0, |w| u64::from_le_bytes(*w));
        }
        or |= padded_tail(head, words.remainder().len(), 0);
        if or & TOPS == 0 {
            return true;
        }
    }
    let mut chars = 0;
    let mut blocks = bytes.chunks_exact(8);
    for block in &mut blocks {
        let Some(&word) = block.first_chunk::<8>() else {
            continue;
        };
        let x = u64::from_le_bytes(word);
        // Continuation bytes (`10xxxxxx`) as a one in each byte, summed
        // into the top byte by the multiplication.
        let continuation = (x & !(x << 1) & TOPS) >> 7;
        chars += 8 - (continuation.wrapping_mul(ONES) >> 56) as usize;
        if chars > n {
            return true;
        }
    }
    let rest = blocks.remainder();
    chars + rest.len() - rest.iter().filter(|&&b| b & 0xC0 == 0x80).count() > n
}

/// Splits `input` into units. `base` is added to every offset (the length of
/// a BOM the caller's bytes began with).
pub(crate) fn segment(
    input: &str,
    base: usize,
    repairer: &Repairer,
    repairs: &mut Repairs,
) -> Vec<Unit> {
    // Every unit is built in place at the end of one page buffer, which the
    // units then share: one allocation for all their texts and maps rather
    // than one or two a unit.
    let mut group = Group {
        page: Page::with_capacity(input.len()),
        places: Vec::with_capacity(expected_items(input.len())),
        // Kept from one group to the next: room for most groups at once.
        lines: Vec::with_capacity(16),
        breaks: Vec::with_capacity(16),
        widths: Vec::with_capacity(16),
    };
    for line in raw_lines(input) {
        if let Some(ending) = line.ending {
            if ending != "\n" {
                repairs.add(RepairKind::LineEnding, 1);
            }
        }
        if is_blank(line.text) {
            group.flush(base, repairer, repairs);
        } else {
            group.lines.push(line);
        }
    }
    group.flush(base, repairer, repairs);
    let page = group.page.finish();
    group
        .places
        .iter()
        .map(|&place| Unit {
            text: MappedText::in_page(&page, place),
            caption_shortcode: false,
        })
        .collect()
}

/// The lines between two blank lines, with buffers kept from one group to
/// the next.
#[derive(Default)]
struct Group<'a> {
    lines: Vec<RawLine<'a>>,
    /// Whether a unit ends after each line.
    breaks: Vec<bool>,
    /// Each line's width in characters, trimmed.
    widths: Vec<usize>,
    /// The units built so far, and where each one is.
    page: Page,
    places: Vec<PagePlace>,
}

impl Group<'_> {
    /// Repairs the group's lines into units and empties it.
    fn flush(&mut self, base: usize, repairer: &Repairer, repairs: &mut Repairs) {
        if self.lines.is_empty() {
            return;
        }
        paragraph_breaks(&self.lines, &mut self.breaks, &mut self.widths);
        let page = &mut self.page;
        for (index, line) in self.lines.iter().enumerate() {
            if !page.unit_is_empty() {
                page.push_replacement(" ", base + line.start, base + line.start);
                repairs.add(RepairKind::Unwrap, 1);
            }
            repairer.repair_line(line.text, base + line.start, page, repairs);
            if self.breaks.get(index).copied().unwrap_or(true) {
                self.places.extend(page.finish_unit());
            }
        }
        self.lines.clear();
    }
}

/// For each line of a group, whether a unit ends after it (into `breaks`).
/// Lines of a hard-wrapped paragraph (similar widths, most not ending a
/// sentence) are joined; any other line is a unit of its own.
fn paragraph_breaks(group: &[RawLine<'_>], breaks: &mut Vec<bool>, widths: &mut Vec<usize>) {
    breaks.clear();
    breaks.resize(group.len(), true);
    if group.len() < 2 {
        return;
    }
    // The widest line must be 30 to 110 characters wide. A line holds at
    // most as many characters as bytes and at least a quarter as many: most
    // groups are told by their lines' lengths in bytes, before any
    // character is counted.
    let mut all_short = true;
    for line in group {
        let len = line.text.len();
        if len > 4 * 110 && line.text.trim().len() > 4 * 110 {
            return;
        }
        all_short &= len < 30;
    }
    if all_short {
        return;
    }
    // Most lines must run on (not end a sentence): told before any
    // character is counted.
    let body = group.len() - 1;
    let open_ended = group
        .iter()
        .take(body)
        .filter(|l| !ends_sentence(l.text.trim_end()))
        .count();
    if open_ended * 2 < body {
        return;
    }
    widths.clear();
    widths.extend(group.iter().map(|l| char_count(l.text.trim())));
    let max = widths.iter().copied().max().unwrap_or(0);
    if !(30..=110).contains(&max) {
        return;
    }
    let wide = widths
        .iter()
        .take(body)
        .filter(|&&w| w * 10 >= max * 6)
        .count();
    if wide * 10 < body * 8 {
        return;
    }
    let listy = group
        .iter()
        .any(|l| starts_like_list_item(l.text.trim_start()));
    if listy {
        return;
    }
    // Two short lines are more often a label and a line of metadata
    // (`Sewing Blog | Reviews` over `By Jane Doe`) than one wrapped sentence:
    // join them only when the first is long or the second goes on in lower case.
    if let [first, second] = group {
        let continues = second
            .text
            .trim_start()
            .chars()
            .next()
            .is_some_and(|c| c.is_lowercase());
        if first.text.trim().chars().count() < 60 && !continues {
            return;
        }
    }
    // A labelled figure line (`Image source, …`, `Image caption, …`), a
    // caption shortcode, a byline or a date line is a unit of its own, never
    // a piece of a wrapped paragraph: joined to its neighbours it would be
    // read as prose (or take the prose into a caption), and the rendered
    // article, read again, would split it back apart. Asked last: it is the
    // costliest test (a regex and a date parse for every line).
    if group.iter().any(|l| is_metadata_line(l.text.trim())) {
        return;
    }
    for (index, line) in group.iter().enumerate().take(body) {
        let short = widths.get(index).copied().unwrap_or(0) * 10 < max * 6;
        if let Some(slot) = breaks.get_mut(index) {
            *slot = short && ends_sentence(line.text.trim_end());
        }
    }
}

/// True for a line that carries an article's metadata or a figure's parts
/// rather than prose: a credit or caption label, a `[caption]` shortcode, a
/// `By …` byline or a date line. Asked only of groups that look hard-wrapped.
fn is_metadata_line(text: &str) -> bool {
    let tables = &*crate::pipeline::tables::TABLES;
    (crate::pipeline::figure::opens_like_credit_line(text) && tables.credit_line.is_match(text))
        || crate::pipeline::figure::explicit_caption(text).is_some()
        || has_caption_shortcode(text)
        || (tables.starts_byline(text) && crate::pipeline::byline::parse(text).is_some())
        || crate::pipeline::date::parse_date_line(text).is_some()
}

/// True when `text` holds a `[caption …]` or `[/caption]` tag (any case).
fn has_caption_shortcode(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'[', bytes)
        .any(|at| crate::pipeline::starts_caption_tag(bytes.get(at..).unwrap_or_default(), true))
}

pub(crate) fn ends_sentence(text: &str) -> bool {
    let trimmed = text.trim_end_matches(['"', '\'', '”', '’', ')', '»']);
    trimmed.ends_with(['.', '!', '?', '…', ':'])
}

/// A bullet or `1.` / `1)` marker followed by a space.
#[inline]
pub(crate) fn starts_like_list_item(text: &str) -> bool {
    // Most lines open with an ASCII letter, which no marker is: told inline.
    !text.as_bytes().first().is_some_and(u8::is_ascii_alphabetic) && starts_with_marker(text)
}

/// [`starts_like_list_item`] past its first-byte test.
fn starts_with_marker(text: &str) -> bool {
    let mut chars = text.chars();
    match chars.next() {
        Some('•' | '·' | '▪' | '◦' | '‣' | '*' | '-' | '–' | '►' | '✓' | '✔') => {
            chars.next() == Some(' ')
        }
        Some(c) if c.is_ascii_digit() => {
            let rest = text.trim_start_matches(|c: char| c.is_ascii_digit());
            text.len() - rest.len() <= 3 && (rest.starts_with(". ") || rest.starts_with(") "))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(input: &str) -> Vec<String> {
        segment(input, 0, &Repairer::default(), &mut Repairs::new())
            .iter()
            .map(|u| u.as_str().to_owned())
            .collect()
    }

    #[test]
    fn lines_split_on_every_ending() {
        let lines: Vec<_> = raw_lines("a\r\nb\rc\nd\u{2028}e").map(|l| l.text).collect();
        assert_eq!(lines, ["a", "b", "c", "d", "e"]);
    }

    #[test]
    fn lf_only_texts_are_told_in_one_pass() {
        // Every ending, at every offset around the 16-byte blocks and in
        // the tail, is seen.
        for ending in ["\r", "\u{2028}", "\u{2029}"] {
            for len in 0..70 {
                let text = format!(
                    "{}{ending}{}",
                    "a\n".repeat(len).get(..len).unwrap_or(""),
                    "b".repeat(len % 23)
                );
                assert!(!only_lf_endings(text.as_bytes()), "{len} {ending:?}");
            }
        }
        // Look-alikes of U+2028/2029 (U+2027, U+202A, U+1028, curly quotes) are not endings.
        for len in 0..70 {
            let text = format!(
                "{}\u{2027}\u{202a}\u{1028}\u{2019}\ny{}",
                "x".repeat(len),
                "y".repeat(len % 19)
            );
            assert!(only_lf_endings(text.as_bytes()), "{len}");
            let lines: Vec<_> = raw_lines(&text).map(|l| l.text).collect();
            assert_eq!(lines.len(), 2, "{len}");
        }
        assert!(only_lf_endings(b""));
    }

    #[test]
    fn more_chars_than_is_the_count_compared() {
        let pieces = ["a", " ", "é", "日", "👩", "\u{200d}", "Пу́", "xyz"];
        let texts = crate::pipeline::random_texts(&pieces, 3, 0..200, 12);
        for text in &texts {
            let count = text.chars().count();
            for n in [
                0,
                1,
                7,
                8,
                30,
                120,
                200,
                count.saturating_sub(1),
                count,
                count + 1,
            ] {
                assert_eq!(more_chars_than(text, n), count > n, "{text:?} {n}");
            }
        }
    }

    #[test]
    fn characters_are_counted() {
        for text in ["", "abc", "été", "Пу́тин", "日本語", "👩\u{200d}💻 ok"] {
            assert_eq!(char_count(text), text.chars().count(), "{text}");
        }
    }

    #[test]
    fn blank_lines_are_told() {
        assert!(is_blank(""));
        assert!(is_blank(" \t\u{a0}\u{200b}"));
        assert!(!is_blank("a"));
        assert!(!is_blank(" \u{200b}x"));
    }

    #[test]
    fn metadata_lines_are_never_wrapped_prose() {
        // Each group would be joined as a wrapped paragraph but for one line.
        let prose = "and the talks went on well into the night, officials said";
        for metadata in [
            "By Jane Doe, Senior Correspondent, in London",
            "Published 19 June 2024",
            "[caption id=\"attachment_1\" width=\"300\"]A caption here[/caption]",
            "Image source, Getty Images",
        ] {
            let input = format!("{prose}\n{metadata}\n{prose}\n");
            assert_eq!(texts(&input).len(), 3, "{metadata}");
        }
        let wrapped =
            format!("{prose}\nby the end of the week the negotiators had agreed to\n{prose}\n");
        assert_eq!(texts(&wrapped).len(), 1, "prose starting with `by`");
    }

    #[test]
    fn caption_shortcodes_are_found() {
        assert!(has_caption_shortcode("[caption id=\"a\"]x"));
        assert!(has_caption_shortcode("x[/CAPTION]"));
        assert!(has_caption_shortcode("[caption]"));
        assert!(!has_caption_shortcode("[captioned] [cap"));
        assert!(!has_caption_shortcode("a caption"));
        // The shortcode cutter asks for opening tags alone.
        assert!(crate::pipeline::starts_caption_tag(
            b"[CAPTION id=1]",
            false
        ));
        assert!(!crate::pipeline::starts_caption_tag(b"[/caption]", false));
    }

    #[test]
    fn hard_wrapped_lines_are_joined() {
        let input = "The pact cements a fast blossoming partnership\nthat has worried the West and could have\nmajor ramifications, say observers.\n\nNext paragraph.";
        assert_eq!(
            texts(input),
            [
                "The pact cements a fast blossoming partnership that has worried the West and could have major ramifications, say observers.",
                "Next paragraph."
            ]
        );
    }

    #[test]
    fn one_line_per_block_stays_apart() {
        let input = "Headline of the story\nBy Jane Doe\nA first paragraph that is long enough to be a paragraph of its own, clearly.";
        assert_eq!(texts(input).len(), 3);
    }

    #[test]
    fn a_letter_opens_no_list_item() {
        // Every first character up to U+2800 (the bullets and check marks
        // included), before a space and a word.
        for c in (0..0x2800u32).filter_map(char::from_u32) {
            for rest in [" item", "1. item", ". item", ""] {
                let text = format!("{c}{rest}");
                assert_eq!(
                    starts_like_list_item(&text),
                    starts_with_marker(&text),
                    "{text:?}"
                );
            }
        }
    }

    #[test]
    fn list_items_are_detected() {
        assert!(starts_like_list_item("• one"));
        assert!(starts_like_list_item("12. twelve"));
        assert!(!starts_like_list_item("2024. A year"));
        assert!(!starts_like_list_item("-5 degrees"));
    }
}
