//! [`SharedText`]: an immutable string that is a slice of a reference-counted
//! buffer, so that the many texts of one article (block texts, audit-trail
//! entries) live in one heap allocation instead of one each.

use std::borrow::{Borrow, Cow};
use std::cell::Cell;
use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// `end` of a text that runs to the end of its buffer: a text made from one
/// string, whose length need not fit a `u32`. Slices of a shared buffer end
/// before it (see [`TextBuffer::push`] and [`CHUNK`]).
const TO_END: u32 = u32::MAX;

/// An immutable, cheaply clonable string: a slice of a reference-counted
/// buffer.
///
/// [`normalize`](crate::normalize) appends the block texts and audit-trail
/// texts of one article to shared buffers of up to 16 KiB and hands out
/// slices of them, so that a typical article's ~200 texts cost one or two
/// heap allocations (and frees) rather than one each. Cloning a `SharedText`
/// copies no text: it bumps the buffer's reference count.
///
/// It reads like a `&str` (it derefs to `str`), compares, orders and hashes
/// by content (a slice of a shared buffer equals an owned text with the same
/// characters, and a `HashSet<SharedText>` can be searched with a `&str`),
/// prints with `Display` and `Debug` exactly as the `&str` would, and
/// serializes as a plain string. Build one from a `String` or `&str` with
/// `into()`; turn it back into a `String` with `String::from`.
///
/// A `SharedText` keeps its whole buffer alive: keeping one removal text of
/// an article keeps the texts next to it (up to 16 KiB) in memory. Copy it
/// into a `String` to keep just that text.
///
/// It is 24 bytes, as a `String`: an `Option<Arc<str>>` (the buffer; `None`
/// for the empty text, which allocates nothing) and a `u32` start and end.
/// It is `Send + Sync`.
///
/// # Examples
/// ```
/// use artnorm::SharedText;
///
/// let text = SharedText::from("Share this:");
/// assert_eq!(text, "Share this:");
/// assert_eq!(text.len(), 11);
/// assert!(text.starts_with("Share"));
/// assert_eq!(format!("{text} / {text:?}"), "Share this: / \"Share this:\"");
/// let owned: String = text.clone().into();
/// assert_eq!(owned, text);
///
/// let block = artnorm::Block::Paragraph { text: "Hello.".into() };
/// assert_eq!(block.text(), Some("Hello."));
/// ```
#[derive(Clone, Default)]
pub struct SharedText {
    /// The buffer; `None` for the empty text and, inside the pipeline, for a
    /// text of a [`TextBuffer`] not frozen yet.
    buffer: Option<Arc<str>>,
    /// First byte of the text in the buffer.
    start: u32,
    /// One past its last byte, or [`TO_END`].
    end: u32,
}

impl SharedText {
    /// The text as a `&str`.
    ///
    /// # Examples
    /// ```
    /// let text = artnorm::SharedText::from(String::from("[ad_1]"));
    /// assert_eq!(text.as_str(), "[ad_1]");
    /// ```
    #[must_use]
    pub fn as_str(&self) -> &str {
        let Some(buffer) = &self.buffer else {
            return "";
        };
        let start = self.start as usize;
        let text = if self.end == TO_END {
            buffer.get(start..)
        } else {
            buffer.get(start..self.end as usize)
        };
        text.unwrap_or("")
    }

    /// True when `self` and `other` are slices of the same buffer (for the
    /// tests that check an article's texts share one).
    #[cfg(test)]
    pub(crate) fn shares_buffer_with(&self, other: &SharedText) -> bool {
        match (&self.buffer, &other.buffer) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            _ => false,
        }
    }

    /// Replaces the bytes in `range` by `with`, as `String::replace_range`
    /// does, but without panicking: a range that is out of bounds or not on
    /// char boundaries changes nothing. The result is a text of its own.
    pub(crate) fn replace_range(&mut self, range: std::ops::Range<usize>, with: &str) {
        let text = self.as_str();
        let (Some(head), Some(tail)) = (text.get(..range.start), text.get(range.end..)) else {
            return;
        };
        if range.start > range.end {
            return;
        }
        let mut out = String::with_capacity(head.len() + with.len() + tail.len());
        out.push_str(head);
        out.push_str(with);
        out.push_str(tail);
        *self = SharedText::from(out);
    }
}

/// The most bytes of texts one shared buffer holds. Safe code builds an
/// `Arc<str>` only by copying one contiguous `&str`, so the texts are first
/// appended to a scratch string of this size, which is copied into a buffer
/// whenever it fills. A typical page's texts fill one or two buffers
/// (against one allocation a text without them).
pub(crate) const CHUNK: usize = 16 * 1024;

thread_local! {
    /// The scratch of the last [`TextBuffer`] frozen on this thread, kept
    /// for the next: one [`CHUNK`] a thread for good rather than one
    /// allocated (and counted in its peak heap) for every article.
    static SCRATCH: Cell<String> = const { Cell::new(String::new()) };
}

/// The texts of one article while it is being built. Each text pushed is
/// handed out at once as a [`SharedText`] that reads empty until
/// [`TextBuffer::freeze`] has made the last buffer and [`Frozen::attach`]
/// has given it its buffer. Its `start..end` meanwhile are offsets in all
/// the texts pushed, end to end.
#[derive(Debug, Default)]
pub(crate) struct TextBuffer {
    /// The texts pushed since the last buffer was made.
    scratch: String,
    /// Offset of the scratch's first byte in all the texts pushed.
    base: usize,
    /// The buffers made so far, each with the offset of its first byte.
    chunks: Vec<(u32, Arc<str>)>,
}

impl TextBuffer {
    /// Appends `text`; returns its slice, to be attached once frozen.
    pub(crate) fn push(&mut self, text: &str) -> SharedText {
        let len = text.len();
        if len == 0 {
            return SharedText::default();
        }
        // A text longer than a chunk gets a buffer of its own now.
        if len > CHUNK {
            return SharedText::from(text);
        }
        if self.scratch.len() + len > CHUNK {
            self.flush();
        }
        let start = self.base + self.scratch.len();
        match (
            u32::try_from(start),
            u32::try_from(start.saturating_add(len)),
        ) {
            // So does one past the reach of a `u32`.
            (Ok(start), Ok(end)) if end != TO_END => {
                if self.scratch.capacity() == 0 {
                    // The thread's scratch (on the way out it may be gone).
                    self.scratch = SCRATCH.try_with(Cell::take).unwrap_or_default();
                    self.scratch.clear();
                    self.scratch.reserve_exact(CHUNK);
                }
                self.scratch.push_str(text);
                SharedText {
                    buffer: None,
                    start,
                    end,
                }
            }
            _ => SharedText::from(text),
        }
    }

    /// Copies the scratch into a buffer of its own and empties it.
    fn flush(&mut self) {
        if self.scratch.is_empty() {
            return;
        }
        // Always fits: every text in the scratch starts within a `u32`.
        if let Ok(start) = u32::try_from(self.base) {
            self.chunks.push((start, Arc::from(self.scratch.as_str())));
        }
        self.base += self.scratch.len();
        self.scratch.clear();
    }

    /// Makes the last buffer; returns them all.
    pub(crate) fn freeze(mut self) -> Frozen {
        self.flush();
        Frozen {
            chunks: std::mem::take(&mut self.chunks),
        }
    }
}

impl Drop for TextBuffer {
    /// Gives the scratch back to the thread for the next article.
    fn drop(&mut self) {
        if self.scratch.capacity() > 0 {
            let scratch = std::mem::take(&mut self.scratch);
            // On the way out the thread's slot may be gone: then it is freed.
            let _ = SCRATCH.try_with(|slot| slot.set(scratch));
        }
    }
}

/// The buffers a [`TextBuffer`] made, each with the offset of its first
/// byte in all the texts pushed.
#[derive(Debug)]
pub(crate) struct Frozen {
    chunks: Vec<(u32, Arc<str>)>,
}

impl Frozen {
    /// Gives a text handed out by the [`TextBuffer`] its buffer. Texts that
    /// already have one, and empty ones, are left as they are.
    pub(crate) fn attach(&self, text: &mut SharedText) {
        if text.buffer.is_some() || text.start >= text.end {
            return;
        }
        let after = self
            .chunks
            .partition_point(|(start, _)| *start <= text.start);
        let Some((base, buffer)) = after.checked_sub(1).and_then(|i| self.chunks.get(i)) else {
            return;
        };
        text.start -= base;
        text.end -= base;
        text.buffer = Some(Arc::clone(buffer));
    }
}

/// Reads as a `str`: every `&str` method works on a `SharedText`.
///
/// # Examples
/// ```
/// let text = artnorm::SharedText::from("Read more: ");
/// assert_eq!(text.trim_end().len(), 10);
/// let s: &str = &text;
/// assert_eq!(s, "Read more: ");
/// ```
impl Deref for SharedText {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

/// # Examples
/// ```
/// fn shout(text: impl AsRef<str>) -> String {
///     text.as_ref().to_uppercase()
/// }
/// assert_eq!(shout(artnorm::SharedText::from("ad")), "AD");
/// ```
impl AsRef<str> for SharedText {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

/// # Examples
/// ```
/// let text = artnorm::SharedText::from("ab");
/// assert_eq!(AsRef::<[u8]>::as_ref(&text), b"ab");
/// ```
impl AsRef<[u8]> for SharedText {
    fn as_ref(&self) -> &[u8] {
        self.as_str().as_bytes()
    }
}

/// Lets a `&str` look a `SharedText` up in a map or set (it hashes and
/// compares as the `str` does).
///
/// # Examples
/// ```
/// use std::collections::HashSet;
/// let seen: HashSet<artnorm::SharedText> = ["Share this:".into()].into_iter().collect();
/// assert!(seen.contains("Share this:"));
/// ```
impl Borrow<str> for SharedText {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

/// # Examples
/// ```
/// let text = artnorm::SharedText::from("Related");
/// assert_eq!(format!("[{text:<9}]"), "[Related  ]");
/// ```
impl fmt::Display for SharedText {
    /// Writes the text as `str`'s `Display` does (width and alignment included).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

/// # Examples
/// ```
/// let text = artnorm::SharedText::from("say \"hi\"");
/// assert_eq!(format!("{text:?}"), format!("{:?}", "say \"hi\""));
/// ```
impl fmt::Debug for SharedText {
    /// Writes the text quoted and escaped, as `str`'s `Debug` does, so that an
    /// [`Article`](crate::Article)'s `Debug` output reads as it did with `String`s.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

/// Equal when the texts are, wherever they are stored.
///
/// # Examples
/// ```
/// use artnorm::SharedText;
/// assert_eq!(SharedText::from("a"), SharedText::from(String::from("a")));
/// assert_ne!(SharedText::from("a"), SharedText::from("b"));
/// ```
impl PartialEq for SharedText {
    fn eq(&self, other: &SharedText) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for SharedText {}

/// # Examples
/// ```
/// use artnorm::SharedText;
/// assert!(SharedText::from("apple") < SharedText::from("banana"));
/// ```
impl PartialOrd for SharedText {
    fn partial_cmp(&self, other: &SharedText) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for SharedText {
    fn cmp(&self, other: &SharedText) -> Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl Hash for SharedText {
    /// Hashes as the `str` does, so that a `&str` finds it in a hash set.
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

/// # Examples
/// ```
/// let text = artnorm::SharedText::from("x");
/// assert!(text == *"x" && *"x" == text);
/// assert!(text == "x" && "x" == text);
/// assert!(text == String::from("x") && String::from("x") == text);
/// ```
impl PartialEq<str> for SharedText {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for SharedText {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for SharedText {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<SharedText> for str {
    fn eq(&self, other: &SharedText) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<SharedText> for &str {
    fn eq(&self, other: &SharedText) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<SharedText> for String {
    fn eq(&self, other: &SharedText) -> bool {
        self.as_str() == other.as_str()
    }
}

/// # Examples
/// ```
/// let text = artnorm::SharedText::from(format!("{} {}", "Source", "link"));
/// assert_eq!(text, "Source link");
/// ```
impl From<String> for SharedText {
    /// Copies the text into a buffer of its own (the empty text allocates
    /// nothing).
    fn from(text: String) -> Self {
        SharedText::from(text.as_str())
    }
}

/// # Examples
/// ```
/// let block = artnorm::Block::Quote { text: "We will act.".into() };
/// assert_eq!(block.text(), Some("We will act."));
/// ```
impl From<&str> for SharedText {
    /// Copies the text into a buffer of its own (the empty text allocates
    /// nothing).
    fn from(text: &str) -> Self {
        if text.is_empty() {
            return SharedText::default();
        }
        SharedText::from(Arc::<str>::from(text))
    }
}

impl From<&String> for SharedText {
    fn from(text: &String) -> Self {
        SharedText::from(text.as_str())
    }
}

impl From<Box<str>> for SharedText {
    fn from(text: Box<str>) -> Self {
        SharedText::from(&*text)
    }
}

impl From<Cow<'_, str>> for SharedText {
    fn from(text: Cow<'_, str>) -> Self {
        SharedText::from(&*text)
    }
}

/// # Examples
/// ```
/// use std::sync::Arc;
/// let buffer: Arc<str> = Arc::from("shared");
/// assert_eq!(artnorm::SharedText::from(buffer), "shared");
/// ```
impl From<Arc<str>> for SharedText {
    /// Takes the buffer as it is, without copying: the whole of it is the text.
    fn from(buffer: Arc<str>) -> Self {
        if buffer.is_empty() {
            return SharedText::default();
        }
        SharedText {
            buffer: Some(buffer),
            start: 0,
            end: TO_END,
        }
    }
}

/// Copies the text out (the buffer may hold other texts).
///
/// # Examples
/// ```
/// let mut owned = String::from(artnorm::SharedText::from("Advert"));
/// owned.push_str("isement");
/// assert_eq!(owned, "Advertisement");
/// ```
impl From<SharedText> for String {
    fn from(text: SharedText) -> Self {
        text.as_str().to_owned()
    }
}

impl From<&SharedText> for String {
    fn from(text: &SharedText) -> Self {
        text.as_str().to_owned()
    }
}

/// # Examples
/// ```
/// let text = artnorm::SharedText::from("\u{201c}Hi\u{201d}");
/// assert_eq!(serde_json::to_string(&text).unwrap(), "\"\u{201c}Hi\u{201d}\"");
/// let back: artnorm::SharedText = serde_json::from_str("\"Hi\"").unwrap();
/// assert_eq!(back, "Hi");
/// ```
impl Serialize for SharedText {
    /// Serializes as a plain string.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for SharedText {
    /// Deserializes from a string, into a buffer of its own.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;

        impl serde::de::Visitor<'_> for Visitor {
            type Value = SharedText;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }

            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<SharedText, E> {
                Ok(SharedText::from(text))
            }
        }

        deserializer.deserialize_str(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::hash_map::DefaultHasher;
    use std::collections::HashSet;

    fn hash_of<T: Hash + ?Sized>(value: &T) -> u64 {
        let mut hasher = DefaultHasher::new();
        value.hash(&mut hasher);
        hasher.finish()
    }

    /// The texts, through a frozen [`TextBuffer`].
    fn shared(texts: &[&str]) -> Vec<SharedText> {
        let mut buffer = TextBuffer::default();
        let mut out: Vec<SharedText> = texts.iter().map(|t| buffer.push(t)).collect();
        let frozen = buffer.freeze();
        for text in &mut out {
            frozen.attach(text);
        }
        out
    }

    #[test]
    fn is_no_bigger_than_a_string_and_thread_safe() {
        fn send_sync<T: Send + Sync>() {}
        send_sync::<SharedText>();
        assert_eq!(
            std::mem::size_of::<SharedText>(),
            std::mem::size_of::<String>()
        );
    }

    #[test]
    fn slices_of_a_shared_buffer_equal_owned_texts() {
        let texts = ["Share this:", "", "Caf\u{e9} \u{201c}quoted\u{201d}", "x"];
        let slices = shared(&texts);
        for (slice, text) in slices.iter().zip(texts) {
            let owned = SharedText::from(text.to_owned());
            assert_eq!(slice.as_str(), text);
            assert_eq!(*slice, owned);
            assert_eq!(slice, text);
            assert_eq!(text, *slice);
            assert_eq!(*slice, text.to_owned());
            assert_eq!(text.to_owned(), *slice);
            assert_eq!(slice.cmp(&owned), Ordering::Equal);
            assert_eq!(hash_of(slice), hash_of(text), "hashes as str");
            assert_eq!(hash_of(slice), hash_of(&owned));
            assert_eq!(String::from(slice.clone()), text);
        }
        let [a, empty, c, x] = &slices[..] else {
            panic!("four slices");
        };
        assert!(a.shares_buffer_with(c) && c.shares_buffer_with(x));
        assert!(
            !empty.shares_buffer_with(a),
            "the empty text holds no buffer"
        );
        assert_ne!(*a, *c);
        assert_eq!(a.cmp(c), a.as_str().cmp(c.as_str()), "orders as str");
        assert_ne!(hash_of(a), hash_of(c));
    }

    #[test]
    fn clones_share_the_buffer() {
        let text = SharedText::from("Advertisement");
        let copy = text.clone();
        assert!(copy.shares_buffer_with(&text));
        assert_eq!(copy, text);
        let slices = shared(&["a", "b"]);
        let copy = slices.first().cloned().unwrap_or_default();
        assert!(slices.iter().all(|s| s.shares_buffer_with(&copy)));
    }

    #[test]
    fn a_hash_set_is_searched_with_str() {
        let set: HashSet<SharedText> = shared(&["one", "two"]).into_iter().collect();
        assert!(set.contains("one") && set.contains("two") && !set.contains("three"));
    }

    #[test]
    fn prints_as_str_prints() {
        for text in [
            "plain",
            "quote \" and \\ and \n newline",
            "\u{0}\u{7f}\u{200b}é",
            "",
        ] {
            let shared = shared(&["before", text]).pop().unwrap_or_default();
            assert_eq!(format!("{shared:?}"), format!("{text:?}"));
            assert_eq!(format!("{shared}"), text);
            assert_eq!(format!("[{shared:>8}]"), format!("[{text:>8}]"));
        }
    }

    #[test]
    fn serde_round_trip_is_a_plain_string() {
        for text in ["plain", "quote \" \u{201c}x\u{201d}", ""] {
            let shared = shared(&["before", text]).pop().unwrap_or_default();
            let json = serde_json::to_string(&shared).unwrap_or_default();
            assert_eq!(json, serde_json::to_string(text).unwrap_or_default());
            let back: SharedText = serde_json::from_str(&json).unwrap_or_default();
            assert_eq!(back, text);
        }
        assert!(serde_json::from_str::<SharedText>("12").is_err());
    }

    #[test]
    fn conversions_keep_the_text() {
        let from_arc = SharedText::from(Arc::<str>::from("whole"));
        assert_eq!(from_arc, "whole");
        assert_eq!(SharedText::from(Cow::Borrowed("cow")), "cow");
        assert_eq!(SharedText::from(Box::<str>::from("box")), "box");
        assert_eq!(SharedText::from(&String::from("ref")), "ref");
        assert_eq!(SharedText::default(), "");
        assert_eq!(SharedText::from(""), SharedText::default());
        let bytes: &[u8] = from_arc.as_ref();
        assert_eq!(bytes, b"whole");
    }

    #[test]
    fn replace_range_rewrites_or_leaves_alone() {
        let mut text = shared(&["xx", "a thirty day period ago"])
            .pop()
            .unwrap_or_default();
        text.replace_range(2..19, "month");
        assert_eq!(text, "a month ago");
        for bad in [(3, 2), (0, 99), (99, 100)] {
            text.replace_range(bad.0..bad.1, "!");
            assert_eq!(text, "a month ago");
        }
        let mut accented = SharedText::from("é");
        accented.replace_range(1..2, "e");
        assert_eq!(accented, "é", "not on a char boundary");
    }

    #[test]
    fn unattached_slices_read_empty_and_attach_once() {
        let mut buffer = TextBuffer::default();
        let mut slice = buffer.push("text");
        let mut owned_piece = buffer.push("owned");
        assert_eq!(slice, "", "pending until frozen");
        let frozen = buffer.freeze();
        frozen.attach(&mut slice);
        frozen.attach(&mut owned_piece);
        assert_eq!(slice, "text");
        assert_eq!(owned_piece, "owned");
        assert!(slice.shares_buffer_with(&owned_piece));
        frozen.attach(&mut slice);
        assert_eq!(slice, "text", "attached once");
        let mut own = SharedText::from("own");
        frozen.attach(&mut own);
        assert_eq!(own, "own", "a text with a buffer keeps it");
        assert!(!own.shares_buffer_with(&slice));
        assert!(TextBuffer::default().freeze().chunks.is_empty());
    }

    #[test]
    fn the_scratch_is_kept_for_the_next_article() {
        let capacity = || {
            SCRATCH.with(|slot| {
                let scratch = slot.take();
                let capacity = scratch.capacity();
                slot.set(scratch);
                capacity
            })
        };
        let kept = std::thread::spawn(move || {
            let before = capacity();
            let mut buffer = TextBuffer::default();
            let _ = buffer.push("text");
            let during = capacity();
            drop(buffer.freeze());
            (before, during, capacity())
        })
        .join()
        .unwrap_or_default();
        assert_eq!(kept, (0, 0, CHUNK));
    }

    #[test]
    fn texts_fill_chunks_in_order() {
        // Texts of 1000 to 1999 bytes: several chunks, none cut; a text
        // longer than a chunk has a buffer of its own at once.
        let texts: Vec<String> = (0..60)
            .map(|n| format!("{n:04}").repeat(250 + n * 5 % 250))
            .collect();
        let long = "é".repeat(CHUNK);
        let mut buffer = TextBuffer::default();
        let mut out: Vec<SharedText> = texts.iter().map(|t| buffer.push(t)).collect();
        let mut alone = buffer.push(&long);
        assert_eq!(alone, long, "not pending");
        out.push(buffer.push("last"));
        let total: usize = texts.iter().map(String::len).sum::<usize>() + 4;
        let frozen = buffer.freeze();
        let sizes: Vec<usize> = frozen.chunks.iter().map(|(_, c)| c.len()).collect();
        assert_eq!(sizes.iter().sum::<usize>(), total);
        assert!(
            sizes.len() > 2 && sizes.iter().all(|&n| n <= CHUNK),
            "{sizes:?}"
        );
        let filled = sizes.iter().rev().skip(1).all(|&n| n > CHUNK - 2000);
        assert!(filled, "{sizes:?}");
        for text in &mut out {
            frozen.attach(text);
        }
        frozen.attach(&mut alone);
        for (text, want) in out
            .iter()
            .zip(texts.iter().map(String::as_str).chain(["last"]))
        {
            assert_eq!(text, want);
        }
        assert!(out.iter().all(|t| !t.shares_buffer_with(&alone)));
        let first = out.first().cloned().unwrap_or_default();
        let sharing = out.iter().filter(|t| t.shares_buffer_with(&first)).count();
        assert!(sharing >= 2 && sharing < out.len(), "{sharing}");
    }
}
