//! Repair: invisible characters, Unicode spaces, HTML character references,
//! runs of spaces and typography, one line at a time, with every change
//! counted and mapped back to the input.

use std::borrow::Cow;

use crate::article::{RepairKind, Repairs};
use crate::options::{DashStyle, EllipsisStyle, Options, QuoteStyle};
use crate::pipeline::text::MappedText;

/// The typography policy, copied out of [`Options`].
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Repairer {
    quotes: QuoteStyle,
    dashes: DashStyle,
    ellipses: EllipsisStyle,
}

/// What to do with one input character.
enum Action {
    Keep,
    Drop(RepairKind),
    Space(Option<RepairKind>),
    Replace(&'static str, RepairKind),
}

impl Repairer {
    pub fn new(options: &Options) -> Self {
        Repairer {
            quotes: options.quotes,
            dashes: options.dashes,
            ellipses: options.ellipses,
        }
    }

    /// True when `raw` needs no change at all: the fast path.
    fn is_clean_line(&self, raw: &str) -> bool {
        let bytes = raw.as_bytes();
        if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') {
            return false;
        }
        let mut previous_space = false;
        for &byte in bytes {
            match byte {
                b' ' if previous_space => return false,
                b'&' | b'\t' | b'\r' => return false,
                0..=0x1f | 0x7f => return false,
                0x80.. => return false,
                b'"' | b'\'' if self.quotes != QuoteStyle::Preserve => return false,
                b'-' if self.dashes != DashStyle::Preserve => return false,
                b'.' if self.ellipses == EllipsisStyle::Unicode => return false,
                _ => {}
            }
            previous_space = byte == b' ';
        }
        true
    }

    fn action(&self, c: char, previous: Option<char>, next: Option<char>) -> Action {
        match c {
            '\t' => Action::Space(Some(RepairKind::Whitespace)),
            ' ' => Action::Space(None),
            '\u{a0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200a}'
            | '\u{202f}'
            | '\u{205f}'
            | '\u{3000}' => Action::Space(Some(RepairKind::UnicodeSpace)),
            '\u{200b}' | '\u{2060}' | '\u{feff}' => Action::Drop(RepairKind::ZeroWidth),
            // Joiners shape Arabic, Indic and emoji sequences: drop them only
            // between ASCII, where they can only be debris.
            '\u{200c}' | '\u{200d}'
                if previous.is_none_or(|p| p.is_ascii()) && next.is_none_or(|n| n.is_ascii()) =>
            {
                Action::Drop(RepairKind::ZeroWidth)
            }
            '\u{ad}' => Action::Drop(RepairKind::SoftHyphen),
            '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => {
                Action::Drop(RepairKind::ControlChar)
            }
            '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
                Action::Drop(RepairKind::BidiControl)
            }
            '“' | '”' | '„' | '‟' | '″' if self.quotes == QuoteStyle::Straight => {
                Action::Replace("\"", RepairKind::Quote)
            }
            '‘' | '’' | '‚' | '‛' | '′' if self.quotes == QuoteStyle::Straight => {
                Action::Replace("'", RepairKind::Quote)
            }
            '"' if self.quotes == QuoteStyle::Curly => {
                if opens(previous) {
                    Action::Replace("“", RepairKind::Quote)
                } else {
                    Action::Replace("”", RepairKind::Quote)
                }
            }
            '\'' if self.quotes == QuoteStyle::Curly => {
                let starts_word = opens(previous);
                let elides_number = next.is_some_and(|n| n.is_ascii_digit());
                if starts_word && !elides_number {
                    Action::Replace("‘", RepairKind::Quote)
                } else {
                    Action::Replace("’", RepairKind::Quote)
                }
            }
            '—' if self.dashes == DashStyle::Ascii => Action::Replace("--", RepairKind::Dash),
            '–' if self.dashes == DashStyle::Ascii => Action::Replace("-", RepairKind::Dash),
            '…' if self.ellipses == EllipsisStyle::Ascii => {
                Action::Replace("...", RepairKind::Ellipsis)
            }
            _ => Action::Keep,
        }
    }

    /// Repairs one line of input (`raw`, found at input offset `raw_offset`)
    /// and appends it to `out`, trimmed and with runs of spaces collapsed.
    pub fn repair_line(
        &self,
        raw: &str,
        raw_offset: usize,
        out: &mut MappedText,
        repairs: &mut Repairs,
    ) {
        if self.is_clean_line(raw) {
            out.push_copy(raw, raw_offset);
            return;
        }
        let line_start = out.len();
        // Input offset where the pending run of unchanged text begins.
        let mut run_start = 0;
        let mut pending_space: Option<(usize, usize, bool)> = None;
        let mut previous: Option<char> = None;
        let mut chars = raw.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            let next = chars.peek().map(|&(_, n)| n);
            let end = at + c.len_utf8();
            // Character references and typographic sequences span several chars.
            if c == '&' {
                if let Some((decoded, len)) = decode_reference(raw.get(at..).unwrap_or("")) {
                    flush(
                        out,
                        raw,
                        run_start,
                        at,
                        raw_offset,
                        &mut pending_space,
                        line_start,
                    );
                    out.push_replacement(&decoded, raw_offset + at, raw_offset + at + len);
                    repairs.add(RepairKind::HtmlEntity, 1);
                    while chars.peek().is_some_and(|&(i, _)| i < at + len) {
                        chars.next();
                    }
                    run_start = at + len;
                    previous = decoded.chars().last();
                    continue;
                }
            }
            if let Some(len) = self.sequence_len(raw, at) {
                let replacement = match (c, self.ellipses, self.dashes) {
                    ('.', EllipsisStyle::Unicode, _) => "…",
                    (_, _, _) => "—",
                };
                let kind = if c == '.' {
                    RepairKind::Ellipsis
                } else {
                    RepairKind::Dash
                };
                flush(
                    out,
                    raw,
                    run_start,
                    at,
                    raw_offset,
                    &mut pending_space,
                    line_start,
                );
                out.push_replacement(replacement, raw_offset + at, raw_offset + at + len);
                repairs.add(kind, 1);
                while chars.peek().is_some_and(|&(i, _)| i < at + len) {
                    chars.next();
                }
                run_start = at + len;
                previous = replacement.chars().last();
                continue;
            }
            match self.action(c, previous, next) {
                Action::Keep => {
                    if let Some((space_at, space_end, counted)) = pending_space.take() {
                        emit_space(
                            out, raw, space_at, space_end, raw_offset, line_start, counted, repairs,
                        );
                        run_start = at;
                    }
                }
                Action::Drop(kind) => {
                    // Between two spaces the dropped char must not split the run.
                    if pending_space.is_none() {
                        flush_run(out, raw, run_start, at, raw_offset);
                    }
                    repairs.add(kind, 1);
                    run_start = end;
                    // A dropped character is invisible: the previous char stays the context.
                    continue;
                }
                Action::Space(kind) => {
                    if let Some(kind) = kind {
                        repairs.add(kind, 1);
                    }
                    match &mut pending_space {
                        Some((_, space_end, counted)) => {
                            *space_end = end;
                            *counted = true;
                        }
                        None => {
                            flush_run(out, raw, run_start, at, raw_offset);
                            pending_space = Some((at, end, kind.is_some()));
                        }
                    }
                    run_start = end;
                }
                Action::Replace(replacement, kind) => {
                    flush(
                        out,
                        raw,
                        run_start,
                        at,
                        raw_offset,
                        &mut pending_space,
                        line_start,
                    );
                    out.push_replacement(replacement, raw_offset + at, raw_offset + end);
                    repairs.add(kind, 1);
                    run_start = end;
                }
            }
            previous = Some(c);
        }
        // Trailing spaces are trimmed: drop any pending one.
        flush_run(out, raw, run_start, raw.len(), raw_offset);
        out.trim_end_spaces();
    }

    /// Length of a multi-character sequence at `at` that the typography policy
    /// rewrites as one character: `...` and ` -- ` / `--`.
    fn sequence_len(&self, raw: &str, at: usize) -> Option<usize> {
        let rest = raw.get(at..)?;
        if self.ellipses == EllipsisStyle::Unicode
            && rest.starts_with("...")
            && !rest.starts_with("....")
        {
            return Some(3);
        }
        if self.dashes == DashStyle::Typographic
            && rest.starts_with("--")
            && !rest.starts_with("---")
        {
            return Some(2);
        }
        None
    }

    /// Repairs a whole text, line by line, keeping line breaks (`\r\n`, `\r`,
    /// U+2028 and U+2029 become `\n`).
    pub fn repair_text<'a>(&self, input: &'a str, repairs: &mut Repairs) -> Cow<'a, str> {
        let mut out = String::with_capacity(input.len());
        let mut changed = false;
        for line in crate::pipeline::segment::raw_lines(input) {
            let mut mapped = MappedText::new();
            self.repair_line(line.text, line.start, &mut mapped, repairs);
            if mapped.as_str() != line.text {
                changed = true;
            }
            out.push_str(mapped.as_str());
            if let Some(ending) = line.ending {
                if ending != "\n" {
                    repairs.add(RepairKind::LineEnding, 1);
                    changed = true;
                }
                out.push('\n');
            }
        }
        if changed {
            Cow::Owned(out)
        } else {
            Cow::Borrowed(input)
        }
    }
}

/// True when a quote after `previous` opens a quotation.
fn opens(previous: Option<char>) -> bool {
    previous.is_none_or(|p| {
        p.is_whitespace()
            || matches!(
                p,
                '(' | '[' | '{' | '—' | '–' | '-' | '“' | '‘' | '"' | '\''
            )
    })
}

/// Writes the unchanged run `raw[run_start..at]`, after any pending space.
fn flush(
    out: &mut MappedText,
    raw: &str,
    run_start: usize,
    at: usize,
    raw_offset: usize,
    pending_space: &mut Option<(usize, usize, bool)>,
    line_start: usize,
) {
    if let Some((space_at, space_end, counted)) = pending_space.take() {
        let mut ignored = crate::article::Repairs::new();
        emit_space(
            out,
            raw,
            space_at,
            space_end,
            raw_offset,
            line_start,
            counted,
            &mut ignored,
        );
    }
    flush_run(out, raw, run_start, at, raw_offset);
}

fn flush_run(out: &mut MappedText, raw: &str, run_start: usize, at: usize, raw_offset: usize) {
    if run_start < at {
        if let Some(piece) = raw.get(run_start..at) {
            out.push_copy(piece, raw_offset + run_start);
        }
    }
}

/// Writes one space for the input run of spaces `space_at..space_end`;
/// nothing at the start of a line (trimmed).
#[allow(clippy::too_many_arguments)]
fn emit_space(
    out: &mut MappedText,
    raw: &str,
    space_at: usize,
    space_end: usize,
    raw_offset: usize,
    line_start: usize,
    counted: bool,
    repairs: &mut Repairs,
) {
    if out.len() == line_start {
        return;
    }
    if raw.get(space_at..space_end) == Some(" ") {
        out.push_copy(" ", raw_offset + space_at);
    } else {
        if !counted {
            repairs.add(RepairKind::Whitespace, 1);
        }
        out.push_replacement(" ", raw_offset + space_at, raw_offset + space_end);
    }
}

/// Decodes the HTML character reference at the start of `s`: its text and
/// the number of input bytes it spans. Only well-formed references (ending
/// in `;`) are decoded, so prose like `AT&T` or `R&D` is left alone.
pub(crate) fn decode_reference(s: &str) -> Option<(String, usize)> {
    let body = s.strip_prefix('&')?;
    let semicolon = body.get(..body.len().min(34))?.find(';')?;
    let name = body.get(..semicolon)?;
    let len = semicolon + 2;
    if let Some(number) = name.strip_prefix('#') {
        let code = if let Some(hex) = number.strip_prefix(['x', 'X']) {
            u32::from_str_radix(hex, 16).ok()?
        } else {
            number.parse::<u32>().ok()?
        };
        let c = match code {
            // Windows-1252 numbers that pages write where they mean the character.
            0x80..=0x9f => windows_1252_c1(code)?,
            0 => return None,
            _ => char::from_u32(code)?,
        };
        return Some((c.to_string(), len));
    }
    named_reference(name).map(|text| (text.to_owned(), len))
}

fn windows_1252_c1(code: u32) -> Option<char> {
    const TABLE: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    TABLE
        .get(usize::try_from(code.checked_sub(0x80)?).ok()?)
        .copied()
}

fn named_reference(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        "nbsp" => "\u{a0}",
        "ndash" => "–",
        "mdash" => "—",
        "hellip" => "…",
        "lsquo" => "‘",
        "rsquo" => "’",
        "ldquo" => "“",
        "rdquo" => "”",
        "laquo" => "«",
        "raquo" => "»",
        "copy" => "©",
        "reg" => "®",
        "trade" => "™",
        "euro" => "€",
        "pound" => "£",
        "deg" => "°",
        "eacute" => "é",
        "egrave" => "è",
        "aacute" => "á",
        "oacute" => "ó",
        "iacute" => "í",
        "uacute" => "ú",
        "ntilde" => "ñ",
        "ccedil" => "ç",
        "uuml" => "ü",
        "ouml" => "ö",
        "auml" => "ä",
        "szlig" => "ß",
        "middot" => "·",
        "bull" => "•",
        "shy" => "\u{ad}",
        "zwj" => "\u{200d}",
        "zwnj" => "\u{200c}",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repair(options: &Options, line: &str) -> (String, Repairs) {
        let mut out = MappedText::new();
        let mut repairs = Repairs::new();
        Repairer::new(options).repair_line(line, 0, &mut out, &mut repairs);
        (out.into_string(), repairs)
    }

    #[test]
    fn clean_text_is_untouched() {
        let (text, repairs) = repair(&Options::default(), "Plain text, nothing to do.");
        assert_eq!(text, "Plain text, nothing to do.");
        assert!(repairs.is_empty());
    }

    #[test]
    fn spaces_and_invisibles_are_repaired_and_counted() {
        let (text, repairs) = repair(
            &Options::default(),
            "  By\u{a0}Tessa\u{200b} Wong\u{ad}  \t",
        );
        assert_eq!(text, "By Tessa Wong");
        assert_eq!(repairs.get(RepairKind::UnicodeSpace), 1);
        assert_eq!(repairs.get(RepairKind::ZeroWidth), 1);
        assert_eq!(repairs.get(RepairKind::SoftHyphen), 1);
    }

    #[test]
    fn entities_are_decoded_but_prose_ampersands_stay() {
        let (text, repairs) = repair(&Options::default(), "Tom &amp; Jerry at AT&T &#8217;s R&D");
        assert_eq!(text, "Tom & Jerry at AT&T ’s R&D");
        assert_eq!(repairs.get(RepairKind::HtmlEntity), 2);
    }

    #[test]
    fn quote_styles() {
        let straight = Options::default().quotes(QuoteStyle::Straight);
        assert_eq!(
            repair(&straight, "“Hi,” she said, ‘don’t’").0,
            "\"Hi,\" she said, 'don't'"
        );
        let curly = Options::default().quotes(QuoteStyle::Curly);
        assert_eq!(
            repair(&curly, "\"Don't\" in the '90s, 'ok'").0,
            "“Don’t” in the ’90s, ‘ok’"
        );
    }

    #[test]
    fn dash_and_ellipsis_styles() {
        let ascii = Options::default()
            .dashes(DashStyle::Ascii)
            .ellipses(EllipsisStyle::Ascii);
        assert_eq!(repair(&ascii, "a — b – c…").0, "a -- b - c...");
        let typographic = Options::default()
            .dashes(DashStyle::Typographic)
            .ellipses(EllipsisStyle::Unicode);
        assert_eq!(repair(&typographic, "wait -- what...").0, "wait — what…");
    }

    #[test]
    fn the_map_points_at_the_input() {
        let line = "x\u{a0}\u{a0}yz";
        let mut out = MappedText::new();
        Repairer::default().repair_line(line, 100, &mut out, &mut Repairs::new());
        assert_eq!(out.as_str(), "x yz");
        assert_eq!(out.raw_span(2, 4), crate::Span::new(105, 107));
    }
}
