//! Text that remembers where each of its bytes came from in the caller's input.
//!
//! Repairs and line joins change lengths, but every removal and spin finding
//! must report a byte span in the caller's input. `MappedText` is built by
//! appending pieces of input (copied or replaced) and maps any range of its
//! own text back to the input range it came from.

use std::rc::Rc;

use crate::article::Span;

/// One stretch of the text: `out_len` bytes at `out` that came from
/// `raw_len()` bytes at `raw` in the input, either byte for byte
/// (`identity()`) or as a replacement.
///
/// 32 bytes: an identity stretch stores [`IDENTITY`] as its input length
/// (which is its `out_len`), rather than a flag that would pad it to 40.
#[derive(Debug, Clone, Copy)]
struct Segment {
    out: usize,
    out_len: usize,
    raw: usize,
    /// The replaced input's length, or [`IDENTITY`].
    raw_len_or_identity: usize,
}

/// `Segment::raw_len_or_identity` of a byte-for-byte stretch (no input
/// range is that long).
const IDENTITY: usize = usize::MAX;

impl Segment {
    fn copy(out: usize, len: usize, raw: usize) -> Self {
        Segment {
            out,
            out_len: len,
            raw,
            raw_len_or_identity: IDENTITY,
        }
    }

    fn replacement(out: usize, out_len: usize, raw_start: usize, raw_end: usize) -> Self {
        Segment {
            out,
            out_len,
            raw: raw_start,
            raw_len_or_identity: raw_end.saturating_sub(raw_start).min(IDENTITY - 1),
        }
    }

    /// Grows this stretch by a copied piece of `len` bytes at `out` from
    /// `raw` when the piece follows it in both the text and the input: one
    /// stretch for a clean line however it was appended. False otherwise.
    #[inline]
    fn extend_copy(&mut self, out: usize, len: usize, raw: usize) -> bool {
        let follows =
            self.identity() && self.raw + self.out_len == raw && self.out + self.out_len == out;
        if follows {
            self.out_len += len;
        }
        follows
    }

    #[inline]
    fn identity(&self) -> bool {
        self.raw_len_or_identity == IDENTITY
    }

    #[inline]
    fn raw_len(&self) -> usize {
        if self.identity() {
            self.out_len
        } else {
            self.raw_len_or_identity
        }
    }
}

/// The stretches of an owned [`MappedText`], in output order. Not kept
/// inline: units live in their page, and an inline stretch would make every
/// unit (owned or not) 16 bytes larger.
#[derive(Debug, Clone, Default)]
enum Segments {
    #[default]
    Empty,
    Many(Vec<Segment>),
}

impl Segments {
    fn as_slice(&self) -> &[Segment] {
        match self {
            Segments::Empty => &[],
            Segments::Many(segs) => segs,
        }
    }

    #[inline]
    fn last_mut(&mut self) -> Option<&mut Segment> {
        match self {
            Segments::Empty => None,
            Segments::Many(segs) => segs.last_mut(),
        }
    }

    #[inline]
    fn push(&mut self, seg: Segment) {
        match self {
            Segments::Empty => *self = Segments::Many(vec![seg]),
            Segments::Many(segs) => segs.push(seg),
        }
    }

    fn pop(&mut self) -> Option<Segment> {
        match self {
            Segments::Empty => None,
            Segments::Many(segs) => segs.pop(),
        }
    }
}

/// A string with an offset map back to the input.
///
/// A text under construction owns its bytes and map; a unit's finished text
/// lives in its page's shared buffer ([`Page`]), so that a page's units cost
/// one allocation rather than one (or two) each.
#[derive(Debug, Clone)]
pub(crate) struct MappedText {
    repr: Repr,
}

#[derive(Debug, Clone)]
enum Repr {
    Owned {
        text: String,
        segments: Segments,
    },
    /// Bytes `range` of the page's text and its segments `segment_range`
    /// (their `out` offsets counted from the start of this text).
    Shared {
        page: Rc<Page>,
        range: (usize, usize),
        segment_range: (usize, usize),
    },
}

impl Default for MappedText {
    fn default() -> Self {
        MappedText::owned(String::new(), Segments::Empty)
    }
}

/// The texts and maps of a page's units, one after another, each built in
/// place (the unit under construction is the text from `unit_text` on).
#[derive(Debug, Default)]
pub(crate) struct Page {
    text: String,
    segments: Vec<Segment>,
    /// Where the unit under construction starts, in `text` and `segments`.
    unit_text: usize,
    unit_segments: usize,
}

/// Room to reserve for the segments (or the units) of `bytes` bytes of
/// text: over the corpus a page has one of each per 70 bytes (median), one
/// per 40 bytes or more on nine pages in ten, so that most pages fill it
/// without growing it, where a vector grown from empty was reallocated
/// eight times or so. Capped (pages over 40 KB grow it) so that an input of
/// one huge line, or of blank lines, which make neither, reserves 64 KB at
/// most for both.
pub(crate) fn expected_items(bytes: usize) -> usize {
    (bytes / 40).min(1024)
}

/// A finished [`Page`], shared by its units' texts.
#[derive(Debug)]
pub(crate) struct SharedPage(Rc<Page>);

/// Where a unit of a [`Page`] is.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PagePlace {
    text: (usize, usize),
    segments: (usize, usize),
}

impl Page {
    /// An empty page with room for `bytes` bytes of text, and for the
    /// segments of that much text as most pages have them.
    pub fn with_capacity(bytes: usize) -> Self {
        Page {
            text: String::with_capacity(bytes),
            segments: Vec::with_capacity(expected_items(bytes)),
            ..Page::default()
        }
    }

    /// The page, finished, for [`MappedText::in_page`].
    pub fn finish(mut self) -> SharedPage {
        self.text.shrink_to_fit();
        self.segments.shrink_to_fit();
        SharedPage(Rc::new(self))
    }

    /// True while the unit under construction has no text.
    pub fn unit_is_empty(&self) -> bool {
        self.text.len() == self.unit_text
    }

    /// Appends `piece` to the unit under construction: the input holds it
    /// unchanged at `raw` (as [`MappedText::push_copy`]).
    pub fn push_copy(&mut self, piece: &str, raw: usize) {
        if piece.is_empty() {
            return;
        }
        let out = self.text.len() - self.unit_text;
        self.text.push_str(piece);
        if self.segments.len() > self.unit_segments {
            if let Some(last) = self.segments.last_mut() {
                if last.extend_copy(out, piece.len(), raw) {
                    return;
                }
            }
        }
        self.segments.push(Segment::copy(out, piece.len(), raw));
    }

    /// Appends `replacement` to the unit under construction: it stands for
    /// the input's `raw_start..raw_end` (as [`MappedText::push_replacement`]).
    pub fn push_replacement(&mut self, replacement: &str, raw_start: usize, raw_end: usize) {
        let out = self.text.len() - self.unit_text;
        self.text.push_str(replacement);
        self.segments.push(Segment::replacement(
            out,
            replacement.len(),
            raw_start,
            raw_end,
        ));
    }

    /// Ends the unit under construction: where it is, or None (and nothing
    /// kept) when it has no text.
    pub fn finish_unit(&mut self) -> Option<PagePlace> {
        let place = PagePlace {
            text: (self.unit_text, self.text.len()),
            segments: (self.unit_segments, self.segments.len()),
        };
        if self.unit_is_empty() {
            self.segments.truncate(self.unit_segments);
            return None;
        }
        self.unit_text = self.text.len();
        self.unit_segments = self.segments.len();
        Some(place)
    }
}

impl MappedText {
    pub fn new() -> Self {
        MappedText::default()
    }

    fn owned(text: String, segments: Segments) -> Self {
        MappedText {
            repr: Repr::Owned { text, segments },
        }
    }

    /// The text `place` of `page`.
    pub fn in_page(page: &SharedPage, place: PagePlace) -> Self {
        MappedText {
            repr: Repr::Shared {
                page: Rc::clone(&page.0),
                range: place.text,
                segment_range: place.segments,
            },
        }
    }

    #[inline]
    pub fn as_str(&self) -> &str {
        match &self.repr {
            Repr::Owned { text, .. } => text,
            Repr::Shared { page, range, .. } => page.text.get(range.0..range.1).unwrap_or(""),
        }
    }

    /// A text that holds this one: its page's whole text when it has one.
    pub fn page_str(&self) -> &str {
        match &self.repr {
            Repr::Owned { text, .. } => text,
            Repr::Shared { page, .. } => &page.text,
        }
    }

    /// True when both texts live in the same page (so that
    /// [`MappedText::page_str`] of one holds the other).
    pub fn shares_page(&self, other: &MappedText) -> bool {
        match (&self.repr, &other.repr) {
            (Repr::Shared { page: a, .. }, Repr::Shared { page: b, .. }) => Rc::ptr_eq(a, b),
            _ => false,
        }
    }

    /// The stretches, in output order.
    fn segs(&self) -> &[Segment] {
        match &self.repr {
            Repr::Owned { segments, .. } => segments.as_slice(),
            Repr::Shared {
                page,
                segment_range,
                ..
            } => page
                .segments
                .get(segment_range.0..segment_range.1)
                .unwrap_or(&[]),
        }
    }

    /// The owned text and stretches, copied out of the page first if shared.
    fn parts_mut(&mut self) -> Option<(&mut String, &mut Segments)> {
        if let Repr::Shared { .. } = self.repr {
            let segs = self.segs();
            let segments = match segs {
                [] => Segments::Empty,
                many => Segments::Many(many.to_vec()),
            };
            *self = MappedText::owned(self.as_str().to_owned(), segments);
        }
        match &mut self.repr {
            Repr::Owned { text, segments } => Some((text, segments)),
            // Made owned above.
            Repr::Shared { .. } => None,
        }
    }

    pub fn len(&self) -> usize {
        self.as_str().len()
    }

    /// Appends `piece`, which the input holds unchanged at `raw`.
    pub fn push_copy(&mut self, piece: &str, raw: usize) {
        if piece.is_empty() {
            return;
        }
        let Some((text, segments)) = self.parts_mut() else {
            return;
        };
        let out = text.len();
        text.push_str(piece);
        if let Some(last) = segments.last_mut() {
            if last.extend_copy(out, piece.len(), raw) {
                return;
            }
        }
        segments.push(Segment::copy(out, piece.len(), raw));
    }

    /// Appends `replacement`, which stands for the input's `raw_start..raw_end`.
    pub fn push_replacement(&mut self, replacement: &str, raw_start: usize, raw_end: usize) {
        let Some((text, segments)) = self.parts_mut() else {
            return;
        };
        let out = text.len();
        text.push_str(replacement);
        segments.push(Segment::replacement(
            out,
            replacement.len(),
            raw_start,
            raw_end,
        ));
    }

    /// Removes trailing ASCII spaces (their input bytes stay unmapped).
    pub fn trim_end_spaces(&mut self) {
        let trimmed = self.as_str().trim_end_matches(' ').len();
        self.truncate(trimmed);
    }

    /// Cuts the text to `len` bytes (a char boundary).
    pub fn truncate(&mut self, len: usize) {
        if len >= self.len() || !self.as_str().is_char_boundary(len) {
            return;
        }
        let Some((text, segments)) = self.parts_mut() else {
            return;
        };
        text.truncate(len);
        while let Some(last) = segments.last_mut() {
            if last.out >= len {
                segments.pop();
            } else {
                if last.out + last.out_len > len {
                    let cut = last.out + last.out_len - len;
                    // An identity stretch's input length follows.
                    last.out_len -= cut;
                }
                break;
            }
        }
    }

    /// The segment holding byte `pos` of the text.
    fn segment_at(&self, pos: usize) -> Option<&Segment> {
        let segments = self.segs();
        let index = segments.partition_point(|seg| seg.out <= pos);
        segments
            .get(index.checked_sub(1)?)
            .filter(|seg| pos < seg.out + seg.out_len.max(1))
    }

    /// Input offset where text byte `pos` starts.
    pub fn raw_start(&self, pos: usize) -> usize {
        match self.segment_at(pos) {
            Some(seg) if seg.identity() => seg.raw + (pos - seg.out),
            Some(seg) => seg.raw,
            None => self.segs().last().map_or(0, |s| s.raw + s.raw_len()),
        }
    }

    /// Input offset where text ending just before byte `pos` ends.
    pub fn raw_end(&self, pos: usize) -> usize {
        if pos == 0 {
            return self.segs().first().map_or(0, |s| s.raw);
        }
        match self.segment_at(pos - 1) {
            Some(seg) if seg.identity() => seg.raw + (pos - seg.out),
            Some(seg) => seg.raw + seg.raw_len(),
            None => self.segs().last().map_or(0, |s| s.raw + s.raw_len()),
        }
    }

    /// The input span of text bytes `start..end`.
    pub fn raw_span(&self, start: usize, end: usize) -> Span {
        let raw_start = self.raw_start(start);
        Span::new(raw_start, self.raw_end(end).max(raw_start))
    }

    /// The input span of the whole text.
    pub fn full_span(&self) -> Span {
        self.raw_span(0, self.len())
    }

    /// A copy without the text byte ranges `cut` (sorted, disjoint), its map
    /// still pointing at the input; the result is trimmed of edge spaces.
    pub fn without(&self, cut: &[(usize, usize)]) -> MappedText {
        let mut out = MappedText::new();
        let mut keep_from = 0;
        for &(start, mut end) in cut.iter().chain(std::iter::once(&(self.len(), self.len()))) {
            // A cut between two spaces takes one of them: `a [ad_1] b` → `a b`.
            let bytes = self.as_str().as_bytes();
            if start > 0
                && bytes.get(start - 1) == Some(&b' ')
                && bytes.get(end) == Some(&b' ')
                && start < end
            {
                end += 1;
            }
            if start > keep_from {
                self.copy_range(keep_from, start, &mut out);
            }
            keep_from = keep_from.max(end);
        }
        let leading = out.len() - out.as_str().trim_start_matches(' ').len();
        if leading > 0 {
            let trimmed = out.without(&[(0, leading)]);
            out = trimmed;
        }
        out.trim_end_spaces();
        out
    }

    /// Appends text bytes `start..end` (char boundaries) to `out`, with their map.
    fn copy_range(&self, start: usize, end: usize, out: &mut MappedText) {
        // Segments are sorted by output offset: start at the one holding `start`.
        let segments = self.segs();
        let first = segments.partition_point(|seg| seg.out + seg.out_len <= start);
        for seg in segments.get(first..).unwrap_or(&[]) {
            let seg_end = seg.out + seg.out_len;
            if seg.out >= end {
                break;
            }
            if seg_end <= start {
                continue;
            }
            let from = start.max(seg.out);
            let to = end.min(seg_end);
            let Some(piece) = self.as_str().get(from..to) else {
                continue;
            };
            if seg.identity() {
                out.push_copy(piece, seg.raw + (from - seg.out));
            } else {
                out.push_replacement(piece, seg.raw, seg.raw + seg.raw_len());
            }
        }
    }

    #[cfg(test)]
    pub fn into_string(self) -> String {
        self.as_str().to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_copies_and_replacements_back_to_the_input() {
        let input = "ab\u{a0}cd  ef";
        let mut text = MappedText::new();
        text.push_copy("ab", 0);
        text.push_replacement(" ", 2, 4);
        text.push_copy("cd", 4);
        text.push_replacement(" ", 6, 8);
        text.push_copy("ef", 8);
        assert_eq!(text.as_str(), "ab cd ef");
        assert_eq!(text.raw_span(3, 5), Span::new(4, 6));
        assert_eq!(&input[4..6], "cd");
        assert_eq!(text.raw_span(2, 3), Span::new(2, 4));
        assert_eq!(text.raw_span(6, 8), Span::new(8, 10));
        assert_eq!(text.full_span(), Span::new(0, 10));
    }

    #[test]
    fn cutting_ranges_keeps_the_map() {
        let mut text = MappedText::new();
        text.push_copy("[b]bold[/b] text", 50);
        let cut = text.without(&[(0, 3), (7, 11)]);
        assert_eq!(cut.as_str(), "bold text");
        assert_eq!(cut.raw_span(5, 9), Span::new(62, 66));
    }

    #[test]
    fn page_units_keep_their_own_maps() {
        // "ab cd" then an empty unit (dropped) then "ef", built in place.
        let mut page = Page::with_capacity(0);
        page.push_copy("ab", 10);
        page.push_replacement(" ", 12, 14);
        page.push_copy("cd", 14);
        let first = page.finish_unit();
        assert!(page.finish_unit().is_none());
        page.push_copy("ef", 30);
        page.push_copy("gh", 32);
        let second = page.finish_unit();
        let page = page.finish();
        let (Some(first), Some(second)) = (first, second) else {
            panic!("both units have text");
        };
        let first = MappedText::in_page(&page, first);
        let mut second = MappedText::in_page(&page, second);
        assert_eq!(first.as_str(), "ab cd");
        assert_eq!(first.raw_span(3, 5), Span::new(14, 16));
        assert_eq!(first.full_span(), Span::new(10, 16));
        assert_eq!(second.as_str(), "efgh");
        assert_eq!(second.full_span(), Span::new(30, 34));
        assert!(first.shares_page(&second));
        assert!(first.page_str().contains("efgh"));
        // A change to a shared text copies it out, map and all.
        second.push_copy("ij", 34);
        assert_eq!(second.as_str(), "efghij");
        assert_eq!(second.raw_span(1, 5), Span::new(31, 35));
        assert!(!first.shares_page(&second));
        assert_eq!(first.as_str(), "ab cd");
        let cut = first.without(&[(0, 3)]);
        assert_eq!(cut.as_str(), "cd");
        assert_eq!(cut.full_span(), Span::new(14, 16));
    }

    #[test]
    fn truncation_keeps_the_map_consistent() {
        let mut text = MappedText::new();
        text.push_copy("hello   ", 10);
        text.trim_end_spaces();
        assert_eq!(text.as_str(), "hello");
        assert_eq!(text.full_span(), Span::new(10, 15));
    }
}
