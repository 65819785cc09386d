//! Repair, one line at a time, with every change counted and mapped back to
//! the input.
//!
//! A line goes through these stages, each finding edits in the text the
//! previous one left, and every edit keeping the map to the input:
//!
//! 1. **mojibake** ([`mojibake`]): runs of UTF-8 read as
//!    windows-1252 / latin-1 / windows-1250 / windows-1251 restored, each
//!    run as one replacement over its input range;
//! 2. **HTML character references** ([`entities`](super::entities)): the full
//!    HTML5 named table, numeric references and double escapes, unless the
//!    line looks like markup;
//! 3. **characters**: controls (C0 dropped, separators made spaces,
//!    terminal escape sequences removed whole, leftover C1 controls read as
//!    the windows-1252 characters they were), invisible characters, Unicode
//!    spaces, compatibility forms (Latin ligatures, full-width ASCII outside
//!    CJK text) and the typography policy;
//! 4. **NFC**, only where the text is not already NFC;
//! 5. **whitespace**: runs of spaces collapsed, the line trimmed.
//!
//! A pass repeats (at most eight times) while its edits may have made work
//! for another (an entity that decodes to mojibake, a full-width quote, an
//! invisible character between two halves of a sequence), so repairing
//! repaired text is a no-op; a proptest checks it.
//!
//! Typography, when the options ask: curly quotes open after a space,
//! an opening bracket or dash, or another quote, and close otherwise; `'`
//! is an apostrophe (`don’t`, `’90s`, `students’`) unless it opens a quote
//! before a letter. ` - ` and `--` between words become `—` (not `---`, a
//! `--flag` or `<!--`); `...` becomes `…` (not `....`). A quote or dash
//! that would follow a letter that leads a mojibake sequence (`Ð”`) is left
//! as it is, so the next repair does not read it as mojibake.
//!
//! Fast paths: [`Repairer::repair_text`] first scans the whole text (a
//! vectorized byte scan, then each non-ASCII character and a mojibake
//! screen) and returns it borrowed when nothing needs repair; otherwise
//! clean lines are copied and only dirty ones go through the stages.
//!
//! Invisible characters are removed without putting a space in their place:
//! a zero-width space or soft hyphen between two letters was never shown as
//! a gap, so removing it keeps what a reader saw (`infor\u{ad}mation` →
//! `information`). Zero-width spaces between letters of scripts written
//! without spaces (Thai, Lao, Khmer, Myanmar, Tibetan, CJK) mark word breaks
//! there and are kept; so are joiners next to letters of scripts that shape
//! with them (Arabic, Indic) and in emoji sequences, and bidi controls in
//! lines that hold right-to-left text.

use std::borrow::Cow;

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use crate::article::{RepairKind, Repairs};
use crate::options::{DashStyle, EllipsisStyle, Options, QuoteStyle};
use crate::pipeline::entities::{decode_reference, looks_like_markup};
use crate::pipeline::mojibake;
use crate::pipeline::text::{MappedText, Page};

/// The typography policy, copied out of [`Options`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Repairer {
    quotes: QuoteStyle,
    dashes: DashStyle,
    ellipses: EllipsisStyle,
    /// For each byte, whether it needs a closer look under this policy
    /// (every non-ASCII byte does).
    special: [bool; 256],
    /// The typography bytes [`Repairer::scan`] looks for (`"`, `'`, `-`,
    /// `.`), DEL for each the policy leaves alone; and whether any is not.
    typography: [u8; 4],
    restyles: bool,
}

impl Default for Repairer {
    fn default() -> Self {
        Repairer::new(&Options::default())
    }
}

/// Builds the repair tables (the HTML5 entity table, the code pages) now
/// rather than on the first line that needs them.
pub(crate) fn warm_up() {
    let _ = &*crate::pipeline::entities::NAMED;
    mojibake::warm_up();
}

/// Where a repaired line goes: a [`MappedText`] or a unit of a [`Page`]
/// (keeping the map) or a plain string (for [`Repairer::repair_text`]).
pub(crate) trait Sink {
    fn copy(&mut self, piece: &str, raw: usize);
    fn replace(&mut self, text: &str, raw_start: usize, raw_end: usize);
}

impl Sink for MappedText {
    fn copy(&mut self, piece: &str, raw: usize) {
        self.push_copy(piece, raw);
    }
    fn replace(&mut self, text: &str, raw_start: usize, raw_end: usize) {
        self.push_replacement(text, raw_start, raw_end);
    }
}

impl Sink for Page {
    fn copy(&mut self, piece: &str, raw: usize) {
        self.push_copy(piece, raw);
    }
    fn replace(&mut self, text: &str, raw_start: usize, raw_end: usize) {
        self.push_replacement(text, raw_start, raw_end);
    }
}

impl Sink for String {
    fn copy(&mut self, piece: &str, _raw: usize) {
        self.push_str(piece);
    }
    fn replace(&mut self, text: &str, _raw_start: usize, _raw_end: usize) {
        self.push_str(text);
    }
}

/// What [`Repairer::scan`] found in a run of bytes.
#[derive(Debug, Default, Clone, Copy)]
struct Scan {
    bad: bool,
    non_ascii: bool,
    double_space: bool,
}

/// The policy's bytes [`Repairer::scan`] looks for; DEL (bad anyway)
/// stands in for the ones it leaves alone.
struct ScanTargets {
    ampersand: u8,
    double: u8,
    single: u8,
    dash: u8,
    dot: u8,
}

/// What [`Repairer::scan`] found so far, as byte masks lane by lane
/// (folded only at the end).
struct BlockFlags {
    bad: [u8; 16],
    high: [u8; 16],
    double_space: [u8; 16],
}

impl BlockFlags {
    fn new() -> Self {
        BlockFlags {
            bad: [0; 16],
            high: [0; 16],
            double_space: [0; 16],
        }
    }

    /// Adds 16 bytes (`a`), each with the byte after it (`b`); `TYPO`:
    /// whether the policy restyles any typography (else `t`'s typography
    /// bytes are DEL and left out of the loop).
    #[inline]
    fn add<const TYPO: bool, const LF: bool>(
        &mut self,
        a: &[u8; 16],
        b: &[u8; 16],
        t: &ScanTargets,
    ) {
        let lanes = self
            .bad
            .iter_mut()
            .zip(self.high.iter_mut())
            .zip(self.double_space.iter_mut());
        for (((bad, high), double), (&x, &y)) in lanes.zip(a.iter().zip(b)) {
            *high |= x;
            *bad |= Self::bad_byte::<TYPO, LF>(x, t);
            *double |= mask((x == b' ') & (y == b' '));
        }
    }

    /// Adds one byte (with no pair after it).
    #[inline]
    fn add_byte<const TYPO: bool, const LF: bool>(&mut self, x: u8, t: &ScanTargets) {
        self.high[0] |= x;
        self.bad[0] |= Self::bad_byte::<TYPO, LF>(x, t);
    }

    #[inline]
    fn bad_byte<const TYPO: bool, const LF: bool>(x: u8, t: &ScanTargets) -> u8 {
        let mut bad = (x < 0x20) & (!LF | (x != b'\n')) | (x == 0x7f) | (x == t.ampersand);
        if TYPO {
            bad |= (x == t.double) | (x == t.single) | (x == t.dash) | (x == t.dot);
        }
        mask(bad)
    }

    fn scan(&self) -> Scan {
        let fold = |lanes: &[u8; 16]| lanes.iter().fold(0, |acc, &l| acc | l);
        Scan {
            bad: fold(&self.bad) != 0,
            non_ascii: fold(&self.high) >= 0x80,
            double_space: fold(&self.double_space) != 0,
        }
    }
}

/// All ones for true, zero for false: a lane mask.
#[inline]
fn mask(flag: bool) -> u8 {
    0u8.wrapping_sub(u8::from(flag))
}

/// One edit of a stage: text bytes `start..end` become `text`.
#[derive(Debug)]
struct Edit {
    start: usize,
    end: usize,
    text: Cow<'static, str>,
}

impl Edit {
    fn new(start: usize, end: usize, text: impl Into<Cow<'static, str>>) -> Self {
        Edit {
            start,
            end,
            text: text.into(),
        }
    }
}

/// A stretch of a line under repair: text bytes from `out` on, standing for
/// input `raw_start..raw_end`, byte for byte when `identity`.
#[derive(Debug, Clone, Copy)]
struct Seg {
    out: usize,
    raw_start: usize,
    raw_end: usize,
    identity: bool,
}

/// A line under repair: its current text and the map back to the input.
struct Line {
    text: String,
    segs: Vec<Seg>,
}

impl Line {
    fn new(raw: &str, raw_offset: usize) -> Line {
        Line {
            text: raw.to_owned(),
            segs: vec![Seg {
                out: 0,
                raw_start: raw_offset,
                raw_end: raw_offset + raw.len(),
                identity: true,
            }],
        }
    }

    fn seg_end(&self, index: usize) -> usize {
        self.segs.get(index + 1).map_or(self.text.len(), |s| s.out)
    }

    /// Index of the segment holding text byte `pos`.
    fn seg_at(&self, pos: usize) -> usize {
        self.segs
            .partition_point(|s| s.out <= pos)
            .saturating_sub(1)
    }

    fn raw_start(&self, pos: usize) -> usize {
        let seg = self.segs.get(self.seg_at(pos));
        match seg {
            Some(s) if s.identity => s.raw_start + (pos - s.out),
            Some(s) => s.raw_start,
            None => 0,
        }
    }

    fn raw_end(&self, pos: usize) -> usize {
        if pos == 0 {
            return self.raw_start(0);
        }
        let seg = self.segs.get(self.seg_at(pos - 1));
        match seg {
            Some(s) if s.identity => s.raw_start + (pos - s.out),
            Some(s) => s.raw_end,
            None => 0,
        }
    }

    /// Copies text bytes `from..to` with their map into `text`/`segs`.
    fn copy_range(&self, from: usize, to: usize, text: &mut String, segs: &mut Vec<Seg>) {
        if from >= to {
            return;
        }
        let mut index = self.seg_at(from);
        while let Some(seg) = self.segs.get(index) {
            if seg.out >= to {
                break;
            }
            let seg_end = self.seg_end(index);
            let a = from.max(seg.out);
            let b = to.min(seg_end);
            if a < b {
                if let Some(piece) = self.text.get(a..b) {
                    let (raw_start, raw_end) = if seg.identity {
                        (seg.raw_start + (a - seg.out), seg.raw_start + (b - seg.out))
                    } else {
                        (seg.raw_start, seg.raw_end)
                    };
                    push_seg(text, segs, piece, raw_start, raw_end, seg.identity);
                }
            }
            index += 1;
        }
    }

    /// Applies sorted, disjoint edits.
    fn apply(&mut self, edits: &[Edit]) {
        if edits.is_empty() {
            return;
        }
        let mut text = String::with_capacity(self.text.len());
        let mut segs = Vec::with_capacity(self.segs.len() + edits.len() * 2);
        let mut at = 0;
        for edit in edits {
            if edit.start < at || edit.end < edit.start {
                continue;
            }
            self.copy_range(at, edit.start, &mut text, &mut segs);
            if !edit.text.is_empty() {
                let raw_start = self.raw_start(edit.start);
                let raw_end = self.raw_end(edit.end).max(raw_start);
                push_seg(&mut text, &mut segs, &edit.text, raw_start, raw_end, false);
            }
            at = edit.end;
        }
        self.copy_range(at, self.text.len(), &mut text, &mut segs);
        self.text = text;
        self.segs = segs;
    }

    fn emit(&self, sink: &mut impl Sink) {
        for (index, seg) in self.segs.iter().enumerate() {
            let Some(piece) = self.text.get(seg.out..self.seg_end(index)) else {
                continue;
            };
            if seg.identity {
                sink.copy(piece, seg.raw_start);
            } else {
                sink.replace(piece, seg.raw_start, seg.raw_end);
            }
        }
    }
}

fn push_seg(
    text: &mut String,
    segs: &mut Vec<Seg>,
    piece: &str,
    raw_start: usize,
    raw_end: usize,
    identity: bool,
) {
    if piece.is_empty() {
        return;
    }
    if identity {
        if let Some(last) = segs.last_mut() {
            if last.identity && last.raw_end == raw_start {
                last.raw_end = raw_end;
                text.push_str(piece);
                return;
            }
        }
    }
    segs.push(Seg {
        out: text.len(),
        raw_start,
        raw_end,
        identity,
    });
    text.push_str(piece);
}

/// What to do with one character.
enum Action {
    Keep,
    Drop(RepairKind),
    Replace(&'static str, RepairKind),
    ReplaceChar(char, RepairKind),
}

impl Repairer {
    pub fn new(options: &Options) -> Self {
        let mut repairer = Repairer {
            quotes: options.quotes,
            dashes: options.dashes,
            ellipses: options.ellipses,
            special: [true; 256],
            typography: [0x7f; 4],
            restyles: false,
        };
        // A character the policy leaves alone is looked for as DEL, which
        // is bad anyway: the scan stays free of branches on the policy.
        let pick = |on: bool, byte: u8| if on { byte } else { 0x7f };
        let curly = repairer.quotes == QuoteStyle::Curly;
        repairer.typography = [
            pick(curly, b'"'),
            pick(curly, b'\''),
            pick(repairer.dashes == DashStyle::Typographic, b'-'),
            pick(repairer.ellipses == EllipsisStyle::Unicode, b'.'),
        ];
        repairer.restyles = repairer.typography != [0x7f; 4];
        for byte in 0..0x80u8 {
            let rule = repairer.ascii_rule(byte);
            if let Some(slot) = repairer.special.get_mut(usize::from(byte)) {
                *slot = rule;
            }
        }
        repairer
    }

    fn ascii_rule(&self, byte: u8) -> bool {
        match byte {
            b'&' | b'\t' | b'\r' => true,
            0..=0x1f | 0x7f => true,
            b'"' | b'\'' => self.quotes == QuoteStyle::Curly,
            b'-' => self.dashes == DashStyle::Typographic,
            b'.' => self.ellipses == EllipsisStyle::Unicode,
            _ => false,
        }
    }

    /// True when `raw` needs no change at all: the fast path. Conservative:
    /// a line it rejects may still come out unchanged (a pair of characters
    /// that only looks like mojibake, say).
    fn is_clean_line(&self, raw: &str) -> bool {
        let bytes = raw.as_bytes();
        if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') {
            return false;
        }
        let scan = self.scan(bytes, false);
        if scan.double_space || scan.bad && !self.only_prose_ampersands(raw) {
            return false;
        }
        !scan.non_ascii || self.non_ascii_is_clean(raw)
    }

    /// True when the only bytes of `raw` the scan finds bad are ampersands
    /// that repair leaves alone: none starts a character reference
    /// (`AT&T`, `Tom & Jerry`), or the line looks like markup.
    fn only_prose_ampersands(&self, raw: &str) -> bool {
        let bytes = raw.as_bytes();
        if memchr::memchr(b'&', bytes).is_none() || self.scan_for(bytes, false, b'\x7f').bad {
            return false;
        }
        memchr::memchr_iter(b'&', bytes)
            .all(|at| raw.get(at..).and_then(decode_reference).is_none())
            || looks_like_markup(raw)
    }

    /// A branch-free look at every byte, which the compiler vectorizes:
    /// ASCII bytes the policy rewrites (controls other than `\n`, and `\n`
    /// too unless `newlines` allows it, `&`, and the typography characters it
    /// restyles), non-ASCII bytes, and two spaces in a row.
    fn scan(&self, bytes: &[u8], newlines: bool) -> Scan {
        self.scan_for(bytes, newlines, b'&')
    }

    /// [`Repairer::scan`] with the ampersand looked for (`&`) or not (DEL).
    #[inline]
    fn scan_for(&self, bytes: &[u8], newlines: bool, ampersand: u8) -> Scan {
        let [double, single, dash, dot] = self.typography;
        let targets = ScanTargets {
            ampersand,
            double,
            single,
            dash,
            dot,
        };
        match (self.restyles, newlines) {
            (true, true) => Self::scan_blocks::<true, true>(bytes, &targets),
            (true, false) => Self::scan_blocks::<true, false>(bytes, &targets),
            (false, true) => Self::scan_blocks::<false, true>(bytes, &targets),
            (false, false) => Self::scan_blocks::<false, false>(bytes, &targets),
        }
    }

    /// [`Repairer::scan`] with the targets chosen.
    fn scan_blocks<const TYPO: bool, const LF: bool>(bytes: &[u8], targets: &ScanTargets) -> Scan {
        let mut flags = BlockFlags::new();
        let mut at = 0;
        // 16 bytes at a time, each beside the next one (two overlapping
        // loads of fixed length, which vectorize).
        while let (Some(a), Some(b)) = (
            bytes
                .get(at..at + 16)
                .and_then(|s| <&[u8; 16]>::try_from(s).ok()),
            bytes
                .get(at + 1..at + 17)
                .and_then(|s| <&[u8; 16]>::try_from(s).ok()),
        ) {
            flags.add::<TYPO, LF>(a, b, targets);
            at += 16;
        }
        let len = bytes.len();
        if len >= 17 {
            // The last 1 to 16 bytes, within the last 17: the pairs that
            // end in them, then the very last byte on its own.
            if let (Some(a), Some(b)) = (
                bytes
                    .get(len - 17..len - 1)
                    .and_then(|s| <&[u8; 16]>::try_from(s).ok()),
                bytes
                    .get(len - 16..)
                    .and_then(|s| <&[u8; 16]>::try_from(s).ok()),
            ) {
                flags.add::<TYPO, LF>(a, b, targets);
                flags.add_byte::<TYPO, LF>(b[15], targets);
            }
            return flags.scan();
        }
        // A short run (1 to 16 bytes), padded with a letter.
        let mut tail = [b'a'; 17];
        let rest = bytes.get(at..).unwrap_or(&[]);
        if let Some(slot) = tail.get_mut(..rest.len()) {
            slot.copy_from_slice(rest);
        }
        if let (Some(a), Some(b)) = (
            tail.get(..16).and_then(|s| <&[u8; 16]>::try_from(s).ok()),
            tail.get(1..17).and_then(|s| <&[u8; 16]>::try_from(s).ok()),
        ) {
            flags.add::<TYPO, LF>(a, b, targets);
        }
        flags.scan()
    }

    /// The first position from `at` on holding a byte that needs a closer
    /// look (see [`Repairer::is_special`]), 32 bytes at a time.
    fn skip_plain(&self, bytes: &[u8], mut at: usize) -> usize {
        let quotes = self.quotes == QuoteStyle::Curly;
        let dashes = self.dashes == DashStyle::Typographic;
        let dots = self.ellipses == EllipsisStyle::Unicode;
        while let Some(chunk) = bytes.get(at..at + 32) {
            let mut any = false;
            for &b in chunk {
                any |= !(0x20..0x7f).contains(&b)
                    | (b == b'&')
                    | (quotes & ((b == b'"') | (b == b'\'')))
                    | (dashes & (b == b'-'))
                    | (dots & (b == b'.'));
            }
            if any {
                break;
            }
            at += 32;
        }
        while bytes.get(at).is_some_and(|&b| !self.is_special(b)) {
            at += 1;
        }
        at
    }

    #[inline]
    fn is_special(&self, byte: u8) -> bool {
        self.special.get(usize::from(byte)).copied().unwrap_or(true)
    }

    /// The non-ASCII characters of `raw` need no repair.
    fn non_ascii_is_clean(&self, raw: &str) -> bool {
        self.non_ascii_is_clean_screening::<true>(raw)
    }

    /// [`Repairer::non_ascii_is_clean`]; with `SKIP_PUNCTUATION` false,
    /// general punctuation goes through the NFC and mojibake screens too
    /// (the tests' oracle that the shortcut changes no answer).
    fn non_ascii_is_clean_screening<const SKIP_PUNCTUATION: bool>(&self, raw: &str) -> bool {
        let bytes = raw.as_bytes();
        let mut suspect = false;
        // The screens of `mojibake::has_sequence`, on the way: a character
        // whose UTF-8 lead byte is C3–C5, D0 or D1, and two non-ASCII
        // characters in a row or an `Ã` or `Â` before a space or the end.
        let mut lead_byte = false;
        let mut pair = false;
        let mut previous_end = usize::MAX;
        let mut at = 0;
        // Only the non-ASCII characters are decoded: ASCII runs are skipped
        // 16 bytes at a time.
        while let Some(next) = next_non_ascii(bytes, at) {
            let Some(c) = raw.get(next..).and_then(|rest| rest.chars().next()) else {
                return false;
            };
            if self.char_needs_work(c) {
                return false;
            }
            at = next + c.len_utf8();
            // General punctuation (curly quotes, dashes, ellipses: most of
            // the characters outside ASCII of a page in English) is no NFC
            // suspect and no mojibake lead: told by one range.
            if !(SKIP_PUNCTUATION && ('\u{2010}'..='\u{206f}').contains(&c)) {
                suspect |= nfc_suspect_char(c);
                lead_byte |= matches!(c, '\u{c0}'..='\u{17f}' | '\u{400}'..='\u{47f}');
            }
            pair |= next == previous_end
                || (matches!(c, 'Ã' | 'Â')
                    && bytes
                        .get(at)
                        .is_none_or(|&b| matches!(b, b' ' | b'\n' | b'\r' | 0xe2)));
            previous_end = at;
        }
        if suspect && is_nfc_quick(raw.chars()) != IsNormalized::Yes {
            return false;
        }
        !(lead_byte && pair && mojibake::has_sequence_screened(raw))
    }

    /// A non-ASCII character the character stage may change.
    fn char_needs_work(&self, c: char) -> bool {
        match c {
            '\u{80}'..='\u{a0}' | '\u{ad}' | '\u{61c}' | '\u{1680}' | '\u{180e}' => true,
            '\u{2000}'..='\u{200f}' | '\u{2028}'..='\u{202f}' | '\u{205f}'..='\u{206f}' => true,
            '\u{3000}' | '\u{feff}' | '\u{fb00}'..='\u{fb06}' | '\u{ff01}'..='\u{ff5e}' => true,
            '“' | '”' | '„' | '‟' | '″' | '‘' | '’' | '‚' | '‛' | '′' => {
                self.quotes == QuoteStyle::Straight
            }
            '—' | '–' | '‒' | '―' => self.dashes == DashStyle::Ascii,
            '…' => self.ellipses == EllipsisStyle::Ascii,
            _ => false,
        }
    }

    /// Repairs one line of input (`raw`, found at input offset `raw_offset`)
    /// and appends it to `out`, trimmed and with runs of spaces collapsed.
    pub fn repair_line(
        &self,
        raw: &str,
        raw_offset: usize,
        out: &mut impl Sink,
        repairs: &mut Repairs,
    ) {
        self.repair_line_into(raw, raw_offset, out, repairs);
    }

    /// [`Repairer::repair_line`] into any sink; true when the line changed.
    fn repair_line_into(
        &self,
        raw: &str,
        raw_offset: usize,
        out: &mut impl Sink,
        repairs: &mut Repairs,
    ) -> bool {
        if self.is_clean_line(raw) {
            out.copy(raw, raw_offset);
            return false;
        }
        self.repair_dirty_line(raw, raw_offset, out, repairs)
    }

    /// [`Repairer::repair_line_into`] for a line the fast path turned down.
    fn repair_dirty_line(
        &self,
        raw: &str,
        raw_offset: usize,
        out: &mut impl Sink,
        repairs: &mut Repairs,
    ) -> bool {
        let mut line = Line::new(raw, raw_offset);
        // Each pass that asks for another shrank the text (restored
        // mojibake, decoded references) or removed characters, so this
        // ends; the cap only bounds pathological input.
        for _ in 0..8 {
            // Another pass only when this one may have uncovered work.
            if !self.pass(&mut line, repairs) {
                break;
            }
        }
        line.emit(out);
        line.text != raw
    }

    /// One pass of every stage; true when something changed.
    /// One pass of every stage. True when its edits may have made work
    /// for another pass: restored or decoded text that may be mojibake or
    /// a reference again, a removed invisible character that joined two
    /// characters, a full-width form turned ASCII, a recomposition, or
    /// collapsed spaces under the typographic dash rule.
    fn pass(&self, line: &mut Line, repairs: &mut Repairs) -> bool {
        let mut changed = false;
        let mut again = false;
        let mut edits = Vec::new();
        // 1. Mojibake.
        if mojibake::may_hold(&line.text) {
            for fix in mojibake::find(&line.text) {
                repairs.add(RepairKind::Mojibake, 1);
                edits.push(Edit::new(fix.start, fix.end, fix.text));
            }
            again |= !edits.is_empty();
            changed |= !edits.is_empty();
            line.apply(&edits);
            edits.clear();
        }
        // 2. HTML character references.
        if line.text.contains('&') && !looks_like_markup(&line.text) {
            entity_edits(&line.text, &mut edits, repairs);
            again |= !edits.is_empty();
            changed |= !edits.is_empty();
            line.apply(&edits);
            edits.clear();
        }
        // 3. Characters and typography.
        let (suspect, uncovered) = self.char_edits(&line.text, &mut edits, repairs);
        again |= uncovered;
        changed |= !edits.is_empty();
        line.apply(&edits);
        edits.clear();
        // 4. NFC.
        if suspect && is_nfc_quick(line.text.chars()) != IsNormalized::Yes {
            nfc_edits(&line.text, &mut edits, repairs);
            again |= !edits.is_empty();
            changed |= !edits.is_empty();
            line.apply(&edits);
            edits.clear();
        }
        // 5. Whitespace.
        whitespace_edits(&line.text, &mut edits, repairs);
        again |= !edits.is_empty() && self.dashes == DashStyle::Typographic;
        changed |= !edits.is_empty();
        line.apply(&edits);
        // The character stage changes the neighbours of what the mojibake
        // stage turned down (a no-break space becomes a space): look again.
        again || (changed && mojibake::has_sequence(&line.text))
    }

    fn action(&self, c: char, previous: Option<char>, next: Option<char>, rtl: bool) -> Action {
        match c {
            '\t' => Action::Replace(" ", RepairKind::Whitespace),
            '\u{a0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200a}'
            | '\u{202f}'
            | '\u{205f}'
            | '\u{2028}'
            | '\u{2029}' => Action::Replace(" ", RepairKind::UnicodeSpace),
            '\u{200b}'
                if previous.is_some_and(spaceless_script) && next.is_some_and(spaceless_script) =>
            {
                Action::Keep
            }
            '\u{200b}' | '\u{2060}' | '\u{feff}' | '\u{180e}' => {
                Action::Drop(RepairKind::ZeroWidth)
            }
            // Joiners shape Arabic, Indic and emoji sequences: drop them only
            // next to Latin letters, ASCII or nothing, where they are debris.
            '\u{200c}' | '\u{200d}'
                if previous.is_none_or(is_plain) && next.is_none_or(is_plain) =>
            {
                Action::Drop(RepairKind::ZeroWidth)
            }
            '\u{ad}' => Action::Drop(RepairKind::SoftHyphen),
            // Separators among the controls stand between words: a space.
            '\u{b}' | '\u{c}' | '\u{1c}'..='\u{1f}' => {
                Action::Replace(" ", RepairKind::ControlChar)
            }
            // C1 controls left over once mojibake is undone are
            // windows-1252 text read as latin-1 (`\u{93}quoted\u{94}`): the
            // windows-1252 characters, as ftfy's fix_c1_controls does.
            '\u{80}'..='\u{9f}' => match c1_as_windows_1252(c) {
                Some(replacement) => Action::ReplaceChar(replacement, RepairKind::Mojibake),
                None => Action::Drop(RepairKind::ControlChar),
            },
            '\u{0}'..='\u{8}' | '\u{e}'..='\u{1b}' | '\u{7f}' => {
                Action::Drop(RepairKind::ControlChar)
            }
            // A lone carriage return inside a line (only a caller of
            // repair_line can pass one): a line break, so a space.
            '\r' | '\n' => Action::Replace(" ", RepairKind::LineEnding),
            '\u{200e}'
            | '\u{200f}'
            | '\u{61c}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
                if !rtl =>
            {
                Action::Drop(RepairKind::BidiControl)
            }
            '\u{fb00}' => Action::Replace("ff", RepairKind::Compatibility),
            '\u{fb01}' => Action::Replace("fi", RepairKind::Compatibility),
            '\u{fb02}' => Action::Replace("fl", RepairKind::Compatibility),
            '\u{fb03}' => Action::Replace("ffi", RepairKind::Compatibility),
            '\u{fb04}' => Action::Replace("ffl", RepairKind::Compatibility),
            '\u{fb05}' | '\u{fb06}' => Action::Replace("st", RepairKind::Compatibility),
            // Full-width punctuation and the ideographic space belong to CJK
            // text: kept next to it, made ASCII elsewhere.
            '\u{3000}' if !previous.is_some_and(is_cjk) && !next.is_some_and(is_cjk) => {
                Action::Replace(" ", RepairKind::UnicodeSpace)
            }
            '\u{ff01}'..='\u{ff5e}'
                if c.is_alphanumeric()
                    || (!previous.is_some_and(is_cjk) && !next.is_some_and(is_cjk)) =>
            {
                match char::from_u32(u32::from(c) - 0xfee0) {
                    Some(ascii) => Action::ReplaceChar(ascii, RepairKind::Compatibility),
                    None => Action::Keep,
                }
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
                // `don’t`, `’90s`, `the students’`: an apostrophe unless it
                // opens a quotation before a letter or another quote.
                let opening = opens(previous)
                    && next.is_some_and(|n| !n.is_ascii_digit() && !n.is_whitespace());
                if opening {
                    Action::Replace("‘", RepairKind::Quote)
                } else {
                    Action::Replace("’", RepairKind::Quote)
                }
            }
            '—' | '―' if self.dashes == DashStyle::Ascii => {
                Action::Replace("--", RepairKind::Dash)
            }
            '–' | '‒' if self.dashes == DashStyle::Ascii => {
                Action::Replace("-", RepairKind::Dash)
            }
            '…' if self.ellipses == EllipsisStyle::Ascii => {
                Action::Replace("...", RepairKind::Ellipsis)
            }
            _ => Action::Keep,
        }
    }

    /// Length of a multi-character sequence at `at` that the typography
    /// policy rewrites as one character: `...` (not part of a longer run of
    /// dots), `--` between words (not `---`, not a `--flag`), and a spaced
    /// ` - ` between words.
    fn sequence(
        &self,
        text: &str,
        at: usize,
        previous: Option<char>,
    ) -> Option<(usize, &'static str, RepairKind)> {
        let rest = text.get(at..)?;
        if self.ellipses == EllipsisStyle::Unicode
            && rest.starts_with("...")
            && !rest.starts_with("....")
            && previous != Some('.')
        {
            return Some((3, "…", RepairKind::Ellipsis));
        }
        if self.dashes == DashStyle::Typographic && previous != Some('-') {
            let after = |n: usize| rest.get(n..).and_then(|r| r.chars().next());
            if rest.starts_with("--") && after(2) != Some('-') {
                let flag = previous.is_none_or(char::is_whitespace)
                    && after(2).is_some_and(char::is_alphanumeric);
                let arrow = after(2) == Some('>') || previous == Some('!');
                if !flag && !arrow && previous.is_some() {
                    return Some((2, "—", RepairKind::Dash));
                }
            }
            // Spaces of any kind after the hyphen: they all become one space.
            let mut following = rest.chars().skip(1).peekable();
            let spaced = following.peek().copied().is_some_and(is_space_like);
            let word = following.find(|&c| !is_space_like(c));
            if rest.starts_with('-')
                && spaced
                && previous == Some(' ')
                && text
                    .get(..at)
                    .is_some_and(|before| !before.trim_end().is_empty())
                && word.is_some_and(|c| !c.is_whitespace())
            {
                return Some((1, "—", RepairKind::Dash));
            }
        }
        None
    }

    /// Edits of the character stage. Returns whether the text may not be
    /// NFC, and whether an edit may have uncovered more work (an invisible
    /// character removed between two visible ones, a full-width form made
    /// ASCII).
    fn char_edits(&self, text: &str, edits: &mut Vec<Edit>, repairs: &mut Repairs) -> (bool, bool) {
        let mut uncovered = false;
        let bytes = text.as_bytes();
        let mut rtl: Option<bool> = None;
        let mut suspect = false;
        let mut previous: Option<char> = None;
        let mut at = 0;
        while let Some(&byte) = bytes.get(at) {
            if !self.is_special(byte) {
                // Skip the run of plain ASCII in one go.
                at = self.skip_plain(bytes, at + 1);
                previous = bytes.get(at - 1).map(|&b| char::from(b));
                continue;
            }
            let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
                break;
            };
            let end = at + c.len_utf8();
            // Most non-ASCII characters (letters of any script, curly
            // quotes under the preserve policy) need nothing.
            if !c.is_ascii() && !self.char_needs_work(c) {
                suspect |= nfc_suspect_char(c);
                previous = Some(c);
                at = end;
                continue;
            }
            // A terminal escape sequence (`ESC [ 36;44 m`) goes whole.
            if c == '\u{1b}' {
                if let Some(len) = terminal_escape_len(bytes.get(at..).unwrap_or(&[])) {
                    edits.push(Edit::new(at, at + len, ""));
                    repairs.add(RepairKind::ControlChar, 1);
                    uncovered = true;
                    at += len;
                    continue;
                }
            }
            if matches!(c, '.' | '-') {
                let sequence = self
                    .sequence(text, at, previous)
                    .filter(|_| !previous.is_some_and(mojibake::is_lead));
                if let Some((len, replacement, kind)) = sequence {
                    edits.push(Edit::new(at, at + len, replacement));
                    repairs.add(kind, 1);
                    previous = replacement.chars().last();
                    at += len;
                    continue;
                }
            }
            suspect |= nfc_suspect_char(c);
            // The next visible character: invisible ones that repair may
            // remove are looked through, so the decision holds once they go.
            let next = text.get(end..).and_then(|rest| {
                rest.chars().find(|&n| {
                    !matches!(
                        n,
                        '\u{200b}'..='\u{200d}'
                            | '\u{2060}'
                            | '\u{feff}'
                            | '\u{ad}'
                            | '\u{0}'..='\u{8}'
                            | '\u{e}'..='\u{1b}'
                            | '\u{7f}'..='\u{84}'
                            | '\u{86}'..='\u{9f}'
                    ) && !is_bidi_control(n)
                })
            });
            let in_rtl = is_bidi_control(c) && *rtl.get_or_insert_with(|| text.chars().any(is_rtl));
            let mut action = self.action(c, previous, next, in_rtl);
            // A typographic character written after a letter that leads a
            // mojibake sequence (`Ð` then `”`) would read as mojibake (`Д`)
            // to the next repair: leave such a quote or dash as it is.
            if let Action::Replace(
                replacement,
                RepairKind::Quote | RepairKind::Dash | RepairKind::Ellipsis,
            ) = action
            {
                if !replacement.is_ascii() && previous.is_some_and(mojibake::is_lead) {
                    action = Action::Keep;
                }
            }
            match action {
                Action::Keep => previous = Some(c),
                Action::Drop(kind) => {
                    // Invisible: the previous character stays the context.
                    edits.push(Edit::new(at, end, ""));
                    repairs.add(kind, 1);
                    uncovered |=
                        previous.is_some_and(|p| p != ' ') && next.is_some_and(|n| n != ' ');
                }
                Action::Replace(replacement, kind) => {
                    edits.push(Edit::new(at, end, replacement));
                    repairs.add(kind, 1);
                    previous = replacement.chars().last();
                }
                Action::ReplaceChar(replacement, kind) => {
                    edits.push(Edit::new(at, end, replacement.to_string()));
                    repairs.add(kind, 1);
                    previous = Some(replacement);
                    uncovered = true;
                }
            }
            at = end;
        }
        (suspect, uncovered)
    }

    /// Repairs a whole text, line by line, keeping line breaks (`\r\n`, `\r`,
    /// U+2028 and U+2029 become `\n`). Clean text takes a fast path and
    /// comes back borrowed.
    pub fn repair_text<'a>(&self, input: &'a str, repairs: &mut Repairs) -> Cow<'a, str> {
        if self.is_clean_text(input) {
            return Cow::Borrowed(input);
        }
        // Build the output only from the first line that changes.
        let mut out: Option<String> = None;
        for line in crate::pipeline::segment::raw_lines(input) {
            let ending_changed = line.ending.is_some_and(|e| e != "\n");
            if ending_changed {
                repairs.add(RepairKind::LineEnding, 1);
            }
            match &mut out {
                Some(out) => {
                    self.repair_line_into(line.text, line.start, out, repairs);
                }
                None => {
                    if self.is_clean_line(line.text) && !ending_changed {
                        continue;
                    }
                    let mut text = String::with_capacity(input.len());
                    text.push_str(input.get(..line.start).unwrap_or(""));
                    self.repair_dirty_line(line.text, line.start, &mut text, repairs);
                    out = Some(text);
                }
            }
            if let (Some(out), Some(_)) = (&mut out, line.ending) {
                out.push('\n');
            }
        }
        match out {
            Some(out) if out != input => Cow::Owned(out),
            _ => Cow::Borrowed(input),
        }
    }

    /// True when the whole text needs no repair: a branch-free scan of its
    /// bytes that the compiler vectorizes, three substring searches, then a
    /// look at each non-ASCII character (if any) and at the lines that may
    /// hold mojibake.
    fn is_clean_text(&self, input: &str) -> bool {
        let bytes = input.as_bytes();
        let scan = self.scan(bytes, true);
        if scan.bad || scan.double_space {
            return false;
        }
        if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') {
            return false;
        }
        if memchr::memmem::find(bytes, b" \n").is_some()
            || memchr::memmem::find(bytes, b"\n ").is_some()
        {
            return false;
        }
        let non_ascii = scan.non_ascii;
        if !non_ascii {
            return true;
        }
        self.non_ascii_is_clean(input)
    }
}

/// The position of the first non-ASCII byte at or after `at`.
#[inline]
fn next_non_ascii(bytes: &[u8], mut at: usize) -> Option<usize> {
    while let Some(chunk) = bytes.get(at..at + 16) {
        if chunk.iter().fold(0u8, |acc, &b| acc | b) >= 0x80 {
            break;
        }
        at += 16;
    }
    Some(at + bytes.get(at..)?.iter().position(|&b| b >= 0x80)?)
}

/// Edits decoding every character reference in `text`.
fn entity_edits(text: &str, edits: &mut Vec<Edit>, repairs: &mut Repairs) {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(found) = bytes
        .get(from..)
        .and_then(|rest| memchr::memchr(b'&', rest))
    {
        let at = from + found;
        match text.get(at..).and_then(decode_reference) {
            Some((decoded, len)) => {
                edits.push(Edit::new(at, at + len, decoded));
                repairs.add(RepairKind::HtmlEntity, 1);
                from = at + len;
            }
            None => from = at + 1,
        }
    }
}

/// Edits recomposing the stretches of `text` that are not NFC: each
/// stretch runs from the starter before a character that may change under
/// NFC through the combining marks after it.
fn nfc_edits(text: &str, edits: &mut Vec<Edit>, repairs: &mut Repairs) {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let Some(&(_, c)) = chars.get(i) else { break };
        if c.is_ascii() || is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes && !is_combining(c)
        {
            i += 1;
            continue;
        }
        // Back to the last starter before i.
        let mut start = i;
        while start > 0 {
            let Some(&(_, p)) = chars.get(start) else {
                break;
            };
            if !is_combining(p) && !is_nfc_maybe(p) {
                break;
            }
            start -= 1;
        }
        let mut end = i + 1;
        while chars
            .get(end)
            .is_some_and(|&(_, n)| is_combining(n) || is_nfc_maybe(n))
        {
            end += 1;
        }
        let from = chars.get(start).map_or(text.len(), |&(at, _)| at);
        let to = chars.get(end).map_or(text.len(), |&(at, _)| at);
        if let Some(piece) = text.get(from..to) {
            let composed: String = piece.nfc().collect();
            if composed != piece {
                edits.push(Edit::new(from, to, composed));
                repairs.add(RepairKind::Nfc, 1);
            }
        }
        i = end;
    }
}

/// A character the repair turns into a plain space.
fn is_space_like(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}'
    )
}

/// The windows-1252 character for C1 control `c`, if the code page has one.
fn c1_as_windows_1252(c: char) -> Option<char> {
    const TABLE: [Option<char>; 32] = [
        Some('€'),
        None,
        Some('‚'),
        Some('ƒ'),
        Some('„'),
        Some('…'),
        Some('†'),
        Some('‡'),
        Some('ˆ'),
        Some('‰'),
        Some('Š'),
        Some('‹'),
        Some('Œ'),
        None,
        Some('Ž'),
        None,
        None,
        Some('‘'),
        Some('’'),
        Some('“'),
        Some('”'),
        Some('•'),
        Some('–'),
        Some('—'),
        Some('˜'),
        Some('™'),
        Some('š'),
        Some('›'),
        Some('œ'),
        None,
        Some('ž'),
        Some('Ÿ'),
    ];
    let index = u32::from(c).checked_sub(0x80)?;
    TABLE.get(usize::try_from(index).ok()?).copied().flatten()
}

/// Length of the ANSI terminal escape sequence at the start of `bytes`
/// (`ESC [`, parameters, one final byte), if there is one.
fn terminal_escape_len(bytes: &[u8]) -> Option<usize> {
    if bytes.get(..2)? != b"\x1b[" {
        return None;
    }
    let params = bytes
        .get(2..)?
        .iter()
        .take_while(|b| matches!(b, b'0'..=b'9' | b';' | b'?' | b':'))
        .count();
    let last = *bytes.get(2 + params)?;
    (0x40..=0x7e).contains(&last).then_some(3 + params)
}

/// False when `c` is NFC on its own and cannot combine with a neighbour
/// (Latin-1, Latin Extended, most Cyrillic, punctuation, currency, box
/// drawing, CJK, kana, Hangul syllables, emoji): text of such characters
/// skips the NFC quick check.
fn nfc_suspect_char(c: char) -> bool {
    c >= '\u{300}'
        && !matches!(
            c,
            '\u{400}'..='\u{482}'
                | '\u{48a}'..='\u{52f}'
                | '\u{2010}'..='\u{206f}'
                | '\u{20a0}'..='\u{20bf}'
                | '\u{2500}'..='\u{25ff}'
                | '\u{3040}'..='\u{3098}'
                | '\u{309b}'..='\u{30ff}'
                | '\u{4e00}'..='\u{9fff}'
                | '\u{ac00}'..='\u{d7a3}'
                | '\u{1f300}'..='\u{1faff}'
        )
}

fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{200e}' | '\u{200f}' | '\u{61c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
    )
}

fn is_combining(c: char) -> bool {
    unicode_normalization::char::canonical_combining_class(c) != 0
}

fn is_nfc_maybe(c: char) -> bool {
    !c.is_ascii() && is_nfc_quick(std::iter::once(c)) != IsNormalized::Yes
}

/// Edits collapsing runs of spaces and trimming the line.
fn whitespace_edits(text: &str, edits: &mut Vec<Edit>, repairs: &mut Repairs) {
    let bytes = text.as_bytes();
    let mut double = false;
    for (&a, &b) in bytes.iter().zip(bytes.iter().skip(1)) {
        double |= (a == b' ') & (b == b' ');
    }
    if !double && bytes.first() != Some(&b' ') && bytes.last() != Some(&b' ') {
        return;
    }
    let mut at = 0;
    while at < bytes.len() {
        if bytes.get(at) != Some(&b' ') {
            at += 1;
            continue;
        }
        let start = at;
        while bytes.get(at) == Some(&b' ') {
            at += 1;
        }
        if start == 0 || at == bytes.len() {
            edits.push(Edit::new(start, at, ""));
            repairs.add(RepairKind::Whitespace, 1);
        } else if at - start > 1 {
            edits.push(Edit::new(start, at, " "));
            repairs.add(RepairKind::Whitespace, 1);
        }
    }
}

/// True when a quote after `previous` opens a quotation.
fn opens(previous: Option<char>) -> bool {
    previous.is_none_or(|p| {
        p.is_whitespace()
            || matches!(
                p,
                '(' | '[' | '{' | '—' | '–' | '-' | '“' | '‘' | '"' | '\'' | '«' | '/'
            )
    })
}

/// A character a zero-width joiner cannot be shaping: ASCII or a Latin letter.
fn is_plain(c: char) -> bool {
    c.is_ascii()
        || c.is_whitespace()
        || c.is_control()
        || matches!(
            u32::from(c),
            0xa0..=0x24f | 0x1e00..=0x1eff | 0x2000..=0x206f | 0xfb00..=0xfb06 | 0xff01..=0xff5e
        )
}

/// Letters of scripts written without spaces, where a zero-width space marks
/// a word break.
fn spaceless_script(c: char) -> bool {
    matches!(
        u32::from(c),
        0x0e00..=0x0fff | 0x1000..=0x109f | 0x1780..=0x17ff | 0x1950..=0x19df
            | 0x3040..=0x30ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xf900..=0xfaff
    )
}

/// A character of CJK text: ideographs, kana, Hangul, CJK punctuation and
/// full-width forms.
fn is_cjk(c: char) -> bool {
    matches!(
        u32::from(c),
        0x1100..=0x11ff
            | 0x2e80..=0x2fff
            | 0x3001..=0x30ff
            | 0x3130..=0x318f
            | 0x3400..=0x4dbf
            | 0x4e00..=0x9fff
            | 0xac00..=0xd7af
            | 0xf900..=0xfaff
            | 0xff01..=0xffef
            | 0x20000..=0x2ffff
    )
}

/// A character of a right-to-left script.
fn is_rtl(c: char) -> bool {
    matches!(
        u32::from(c),
        0x0590..=0x08ff | 0xfb1d..=0xfdff | 0xfe70..=0xfefe | 0x10800..=0x10fff | 0x1e800..=0x1efff
    )
}

/// True for characters that a line can hold and still be blank: whitespace
/// and what repair removes as invisible (zero-width characters, soft
/// hyphens, controls, bidi controls). Segmentation's `is_blank` uses it.
pub(crate) fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(
            c,
            '\u{200b}'..='\u{200f}'
                | '\u{2060}'
                | '\u{feff}'
                | '\u{ad}'
                | '\u{180e}'
                | '\u{61c}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_block_scan_agrees_with_a_byte_by_byte_one() {
        let alphabet = b"a Z\"'-.&\n\t\x7f\x01\xc3\xa9";
        let mut seed = 7u64;
        let mut texts: Vec<Vec<u8>> = Vec::new();
        for len in 0..80 {
            for _ in 0..12 {
                let text = (0..len)
                    .map(|_| {
                        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
                        // Mostly letters, so that most texts are clean.
                        let pick = (seed >> 33) as usize % (alphabet.len() * 4);
                        alphabet.get(pick).copied().unwrap_or(b'a')
                    })
                    .collect();
                texts.push(text);
            }
        }
        for quotes in [
            QuoteStyle::Preserve,
            QuoteStyle::Straight,
            QuoteStyle::Curly,
        ] {
            for dashes in [
                DashStyle::Preserve,
                DashStyle::Ascii,
                DashStyle::Typographic,
            ] {
                for ellipses in [EllipsisStyle::Preserve, EllipsisStyle::Unicode] {
                    let options = Options::default()
                        .quotes(quotes)
                        .dashes(dashes)
                        .ellipses(ellipses);
                    let repairer = Repairer::new(&options);
                    for text in &texts {
                        for newlines in [false, true] {
                            let bad = text.iter().any(|&b| {
                                (b < 0x20 && (b != b'\n' || !newlines))
                                    || b == 0x7f
                                    || b == b'&'
                                    || (quotes == QuoteStyle::Curly && (b == b'"' || b == b'\''))
                                    || (dashes == DashStyle::Typographic && b == b'-')
                                    || (ellipses == EllipsisStyle::Unicode && b == b'.')
                            });
                            let scan = repairer.scan(text, newlines);
                            assert_eq!(scan.bad, bad, "{text:?}");
                            if !bad {
                                assert_eq!(scan.non_ascii, !text.is_ascii(), "{text:?}");
                                let double = text.windows(2).any(|w| w == b"  ");
                                assert_eq!(scan.double_space, double, "{text:?}");
                            }
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn the_clean_line_screens_agree_with_the_mojibake_test() {
        let repairer = Repairer::default();
        let pieces = [
            "a", " ", "\n", "é", "Ã", "©", "â", "€", "™", "Ð", "”", "Р", "ё", "’", "ü", "Â", "ž",
            "Ä",
        ];
        for text in crate::pipeline::random_texts(&pieces, 11, 1..10, 400) {
            let clean = repairer.non_ascii_is_clean(&text);
            assert_eq!(clean, !mojibake::has_sequence(&text), "{text:?}");
        }
    }

    #[test]
    fn general_punctuation_skips_no_screen_that_matters() {
        // Punctuation from U+2010 on (and the spaces and marks just before
        // and inside the block, which need work), beside mojibake leads,
        // combining marks and characters that are not NFC.
        let pieces = [
            "a", " ", "’", "“", "”", "—", "–", "…", "\u{2010}", "\u{2028}", "\u{2030}", "\u{205e}",
            "\u{205f}", "\u{2070}", "\u{200f}", "Ã", "©", "â", "€", "Ð", "Р", "e\u{301}",
            "\u{301}", "\u{2126}", "Â", "\u{a0}", "\u{20d7}", "\u{20e8}",
        ];
        let texts = crate::pipeline::random_texts(&pieces, 13, 1..10, 400);
        for options in [
            Options::default(),
            Options::default().quotes(QuoteStyle::Straight),
            Options::default().dashes(DashStyle::Ascii),
            Options::default().ellipses(EllipsisStyle::Ascii),
        ] {
            let repairer = Repairer::new(&options);
            for text in &texts {
                assert_eq!(
                    repairer.non_ascii_is_clean(text),
                    repairer.non_ascii_is_clean_screening::<false>(text),
                    "{text:?}"
                );
            }
        }
    }

    #[test]
    fn a_line_the_fast_path_takes_is_one_repair_leaves_alone() {
        let repairer = Repairer::default();
        assert!(repairer.is_clean_line("AT&T, R&D & Tom & Jerry"));
        assert!(repairer.is_clean_line("<p class=\"x\">Tom &amp; Jerry</p>"));
        assert!(!repairer.is_clean_line("Tom &amp; Jerry"));
        assert!(!repairer.is_clean_line("Tom & Jerry\t"));
        let pieces = [
            "&", "amp;", "#39;", "nbsp", "<p>", "<", "b", " ", "a", ";", "é", "\u{a0}", "Ã©", "=",
        ];
        for line in crate::pipeline::random_texts(&pieces, 5, 1..12, 500) {
            if repairer.is_clean_line(&line) {
                let mut out = String::new();
                let mut repairs = Repairs::new();
                repairer.repair_dirty_line(&line, 0, &mut out, &mut repairs);
                assert_eq!(out, line);
                assert!(repairs.is_empty(), "{line:?}");
            }
        }
    }

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
        assert_eq!(
            repair(&curly, "\"She said 'rock' and the students' book\"").0,
            "“She said ‘rock’ and the students’ book”"
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
        assert_eq!(repair(&typographic, "wait - what").0, "wait — what");
        // Longer runs, flags and arrows stay.
        assert_eq!(repair(&typographic, "---- and ....").0, "---- and ....");
        assert_eq!(
            repair(&typographic, "run --verbose <!-- x -->").0,
            "run --verbose <!-- x -->"
        );
        assert_eq!(repair(&typographic, "- item and 1-2").0, "- item and 1-2");
    }

    #[test]
    fn the_map_points_at_the_input() {
        let line = "x\u{a0}\u{a0}yz";
        let mut out = MappedText::new();
        Repairer::default().repair_line(line, 100, &mut out, &mut Repairs::new());
        assert_eq!(out.as_str(), "x yz");
        assert_eq!(out.raw_span(2, 4), crate::Span::new(105, 107));
    }

    #[test]
    fn a_mojibake_run_maps_to_its_input_range() {
        let line = "Putinâ€™s  visit";
        let mut out = MappedText::new();
        let mut repairs = Repairs::new();
        Repairer::default().repair_line(line, 10, &mut out, &mut repairs);
        assert_eq!(out.as_str(), "Putin’s visit");
        let apostrophe = "Putin".len();
        let span = out.raw_span(apostrophe, apostrophe + '’'.len_utf8());
        assert_eq!(&line[span.start - 10..span.end - 10], "â€™");
        let visit = out.as_str().find("visit").unwrap();
        let span = out.raw_span(visit, visit + 5);
        assert_eq!(&line[span.start - 10..span.end - 10], "visit");
        assert_eq!(repairs.get(RepairKind::Mojibake), 1);
        assert_eq!(repairs.get(RepairKind::Whitespace), 1);
    }

    #[test]
    fn invisible_characters_in_context() {
        let d = Options::default();
        // Thai word breaks, Persian joiners, emoji sequences and Hebrew bidi marks stay.
        for kept in [
            "ภาษา\u{200b}ไทย",
            "می\u{200c}خواهم",
            "👩\u{200d}💻",
            "שלום \u{200f}world",
        ] {
            assert_eq!(repair(&d, kept).0, kept);
        }
        assert_eq!(repair(&d, "left\u{200e} to right").0, "left to right");
        assert_eq!(repair(&d, "a\u{0}b\u{7}c\u{b}d\u{81}e").0, "abc de");
        assert_eq!(
            repair(&d, "ﬁnal ﬂow ＡＢＣ１２３！").0,
            "final flow ABC123!"
        );
        assert_eq!(repair(&d, "e\u{301}te\u{301}").0, "été");
    }

    #[test]
    fn markup_lines_keep_their_references() {
        let d = Options::default();
        let line = "<p class=\"x\">Tom &amp; Jerry</p>";
        assert_eq!(repair(&d, line).0, line);
    }

    #[test]
    fn repair_text_fast_paths_borrow() {
        let mut repairs = Repairs::new();
        let r = Repairer::default();
        assert!(matches!(
            r.repair_text("plain\nascii text\n", &mut repairs),
            Cow::Borrowed(_)
        ));
        assert!(matches!(
            r.repair_text("clean ünïcödé ’ text\n", &mut repairs),
            Cow::Borrowed(_)
        ));
        assert_eq!(r.repair_text("a\r\nb  c\n", &mut repairs), "a\nb c\n");
        assert!(repairs.get(RepairKind::LineEnding) == 1);
    }

    #[test]
    fn lazy_tables_build() {
        warm_up();
        assert!(!crate::pipeline::entities::NAMED.is_empty());
    }
}
