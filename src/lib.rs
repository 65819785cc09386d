//! artnorm turns the raw text of a scraped news article into a clean,
//! structured [`Article`]: title, byline (authors and outlet apart),
//! category, date, the body as ordered blocks (paragraphs, headings, quotes,
//! list items, figures with credit, alt text and caption), contributors,
//! repaired typography, and an audit trail of every piece of input it left
//! out, with the reason and the byte span.
//!
//! # Overview
//! - [`normalize`] normalizes one text with the default options.
//! - [`Normalizer`] holds [`Options`] and is reused across articles; it is
//!   `Send + Sync`, so one can serve every thread.
//! - [`Article`] is the result; it renders with [`Article::to_text`],
//!   [`Article::to_markdown`] and [`Article::to_json`] (schema
//!   [`SCHEMA_VERSION`], documented in the README).
//! - [`parse_byline`] reads a byline on its own.
//! - [`repair_text`] repairs text on its own (mojibake, HTML references,
//!   invisible characters, spaces, typography).
//! - Spin: [`Article::spin`] reports machine-spun wording (and
//!   [`SpinMode::Repair`] rewrites it); [`restore_from`] copies the wording of
//!   a known original back; [`Article::fingerprint`] and [`similarity`] match
//!   a spun copy with its source.
//! - [`Error`] says why an input was refused.
//!
//! # Example
//! ```
//! let text = "Uncategorized\n\nLeaders meet in Pyongyang\n\n[ad_1]\n\n\
//!             By\u{a0}Tessa WongBBC News\n\n\
//!             The two leaders signed a pact on Wednesday.\n\n\
//!             Additional reporting by Joel Guinto and Kelly Ng.\n\n[ad_2]\n\nSource link";
//! let article = artnorm::normalize(text)?;
//! assert_eq!(article.title.as_deref(), Some("Leaders meet in Pyongyang"));
//! let byline = article.byline.as_ref().unwrap();
//! assert_eq!(byline.authors, ["Tessa Wong"]);
//! assert_eq!(byline.outlet.as_deref(), Some("BBC News"));
//! assert_eq!(article.category, None);
//! assert_eq!(article.contributors, ["Joel Guinto", "Kelly Ng"]);
//! assert_eq!(article.body_text(), "The two leaders signed a pact on Wednesday.\n");
//! // Every removal is recorded with its reason and its place in the input.
//! let kinds: Vec<&str> = article.removed.iter().map(|r| r.kind.as_str()).collect();
//! assert_eq!(kinds, ["category_placeholder", "ad_marker", "ad_marker", "source_link"]);
//! let first = &article.removed[0];
//! assert_eq!(&text[first.span.start..first.span.end], "Uncategorized");
//! # Ok::<(), artnorm::Error>(())
//! ```

#![deny(missing_docs)]
#![forbid(unsafe_op_in_unsafe_fn)]

/// One pipeline stage at a time, for `benches/stages.rs`; not part of the API.
#[doc(hidden)]
#[path = "bench.rs"]
pub mod __bench;
mod article;
mod error;
mod ffi;
mod lexicon;
mod options;
mod pipeline;
mod render;
mod shared_text;
mod spin;
mod stream;

use std::sync::LazyLock;

pub use article::{
    Article, Block, Byline, Date, Removal, RemovalKind, RepairKind, Repairs, SourceEncoding, Span,
    SpinFinding, SpinReport, SCHEMA_VERSION,
};
pub use error::Error;
pub use options::{
    DashStyle, EllipsisStyle, Options, QuoteStyle, SpinMode, DEFAULT_MAX_INPUT_BYTES,
};
pub use shared_text::SharedText;
pub use spin::fingerprint::{Fingerprint, SIGNATURE_LEN};
pub use spin::restore::{Restoration, RestoredPhrase};
pub use stream::{NormalizeStream, Normalized};

/// A reusable normalizer: [`Options`] plus the compiled lexicons and rules.
///
/// The lexicons and rules are compiled once per process and shared by every
/// normalizer, so building one is cheap; keep one per set of options.
/// `Normalizer` is `Send + Sync`: share it between threads freely.
///
/// # Examples
/// ```
/// use artnorm::{Normalizer, Options, QuoteStyle};
/// let normalizer = Normalizer::new(Options::default().quotes(QuoteStyle::Straight))?;
/// let article = normalizer.normalize("A headline\n\n“Quoted,” she said.")?;
/// assert_eq!(article.body_text(), "\"Quoted,\" she said.\n");
/// # Ok::<(), artnorm::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Normalizer {
    options: Options,
}

static DEFAULT: LazyLock<Normalizer> = LazyLock::new(|| {
    pipeline::warm_up();
    Normalizer {
        options: Options::default(),
    }
});

impl Default for Normalizer {
    fn default() -> Self {
        DEFAULT.clone()
    }
}

impl Normalizer {
    /// Makes a normalizer with `options`.
    ///
    /// # Errors
    /// [`Error::InvalidOption`] when an option is out of range (see
    /// [`Options::validate`]).
    ///
    /// # Examples
    /// ```
    /// use artnorm::{Normalizer, Options};
    /// assert!(Normalizer::new(Options::default()).is_ok());
    /// assert!(Normalizer::new(Options::default().spin_threshold(2.0)).is_err());
    /// ```
    pub fn new(options: Options) -> Result<Normalizer, Error> {
        options.validate()?;
        // Compile the shared tables now rather than on the first article.
        pipeline::warm_up();
        Ok(Normalizer { options })
    }

    /// A builder starting from the default options.
    ///
    /// # Examples
    /// ```
    /// use artnorm::{Normalizer, SpinMode};
    /// let normalizer = Normalizer::builder().spin(SpinMode::Off).build()?;
    /// assert_eq!(normalizer.options().get_spin(), SpinMode::Off);
    /// # Ok::<(), artnorm::Error>(())
    /// ```
    #[must_use]
    pub fn builder() -> Builder {
        Builder {
            options: Options::default(),
        }
    }

    /// The options this normalizer applies.
    #[must_use]
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// Normalizes the text of one article.
    ///
    /// # Errors
    /// [`Error::EmptyInput`] when the text holds nothing but whitespace;
    /// [`Error::InputTooLarge`] past [`Options::max_input_bytes`].
    ///
    /// # Examples
    /// ```
    /// let normalizer = artnorm::Normalizer::default();
    /// let article = normalizer.normalize("Headline\n\nBody text of the story.")?;
    /// assert_eq!(article.title.as_deref(), Some("Headline"));
    /// assert!(normalizer.normalize(" \n\u{a0}\n").is_err());
    /// # Ok::<(), artnorm::Error>(())
    /// ```
    pub fn normalize(&self, text: &str) -> Result<Article, Error> {
        pipeline::run(&self.options, text, 0, SourceEncoding::default())
    }

    /// Normalizes an article given as bytes. A byte-order mark (UTF-8,
    /// UTF-16LE, UTF-16BE) decides the encoding first, then
    /// [`Options::encoding`] if set, then UTF-8 if the bytes are valid UTF-8;
    /// otherwise the legacy encoding is detected (Firefox's `chardetng`) and
    /// decoded (`encoding_rs`). [`Article::encoding`] says which encoding was
    /// used and whether it was detected.
    ///
    /// Spans index `bytes` for UTF-8 input (a BOM counts); for input decoded
    /// from any other encoding they index the decoded UTF-8 text.
    ///
    /// # Errors
    /// [`Error::InvalidUtf8`] when the options name UTF-8 and the bytes are
    /// not; [`Error::UnknownEncoding`] for an unknown encoding label; and the
    /// errors of [`Normalizer::normalize`].
    ///
    /// # Examples
    /// ```
    /// let normalizer = artnorm::Normalizer::default();
    /// let article = normalizer.normalize_bytes(b"\xEF\xBB\xBFHeadline\n\nBody text.")?;
    /// assert!(article.encoding.bom);
    /// // Not UTF-8: the encoding is detected.
    /// let article = normalizer.normalize_bytes(b"Caf\xE9 news\n\nLe caf\xE9 est ferm\xE9.")?;
    /// assert_eq!(article.encoding.name, "windows-1252");
    /// assert!(article.encoding.detected);
    /// assert_eq!(article.body_text(), "Le café est fermé.\n");
    /// // The caller may insist on UTF-8.
    /// let strict = artnorm::Normalizer::builder().encoding("utf-8").build()?;
    /// assert!(strict.normalize_bytes(b"bad \xFF byte").is_err());
    /// # Ok::<(), artnorm::Error>(())
    /// ```
    pub fn normalize_bytes(&self, bytes: &[u8]) -> Result<Article, Error> {
        if bytes.len() > self.options.max_input_bytes {
            return Err(Error::InputTooLarge {
                len: bytes.len(),
                limit: self.options.max_input_bytes,
            });
        }
        let decoded = pipeline::decode::decode(bytes, self.options.encoding.as_deref())?;
        pipeline::run(&self.options, &decoded.text, decoded.base, decoded.encoding)
    }

    /// Normalizes many articles, in parallel on every core when the
    /// `parallel` feature is on (the default), and returns the results in the
    /// order of the inputs. Each input is bytes, as for
    /// [`Normalizer::normalize_bytes`].
    ///
    /// # Examples
    /// ```
    /// let normalizer = artnorm::Normalizer::default();
    /// let inputs = ["Headline one\n\nText.", "", "Headline two\n\nMore text."];
    /// let results = normalizer.normalize_batch(&inputs);
    /// assert_eq!(results.len(), 3);
    /// assert_eq!(results[0].as_ref().unwrap().title.as_deref(), Some("Headline one"));
    /// assert!(results[1].is_err());
    /// ```
    pub fn normalize_batch<T: AsRef<[u8]> + Sync>(
        &self,
        inputs: &[T],
    ) -> Vec<Result<Article, Error>> {
        #[cfg(feature = "parallel")]
        {
            use rayon::prelude::*;
            inputs
                .par_iter()
                .map(|input| self.normalize_bytes(input.as_ref()))
                .collect()
        }
        #[cfg(not(feature = "parallel"))]
        {
            inputs
                .iter()
                .map(|input| self.normalize_bytes(input.as_ref()))
                .collect()
        }
    }

    /// Normalizes a stream of inputs, a few at a time on every core, and
    /// yields each input back with its result, in input order. Unlike
    /// [`Normalizer::normalize_batch`] it pulls inputs lazily and holds only
    /// a small window of them (see [`NormalizeStream::in_flight`]), so a
    /// pipeline can feed it millions of articles from a file or a socket in
    /// bounded memory. Each input is bytes, as for
    /// [`Normalizer::normalize_bytes`], and is owned (`String`, `Vec<u8>`, or
    /// your own type carrying an id) because it travels to a worker thread.
    ///
    /// # Examples
    /// ```
    /// let normalizer = artnorm::Normalizer::default();
    /// let lines = ["Headline one\n\nText.", "Headline two\n\nMore text."];
    /// let titles: Vec<_> = normalizer
    ///     .normalize_stream(lines.iter().map(|l| l.to_string()))
    ///     .map(|(_input, result)| result.map(|a| a.title))
    ///     .collect::<Result<_, _>>()?;
    /// assert_eq!(titles, [Some("Headline one".to_owned()), Some("Headline two".to_owned())]);
    /// # Ok::<(), artnorm::Error>(())
    /// ```
    pub fn normalize_stream<I>(&self, inputs: I) -> NormalizeStream<I::IntoIter>
    where
        I: IntoIterator,
        I::Item: AsRef<[u8]> + Send + 'static,
    {
        NormalizeStream::new(self.clone(), inputs.into_iter())
    }

    /// Decodes bytes to text as [`Normalizer::normalize_bytes`] does (BOM,
    /// [`Options::encoding`], UTF-8, detection), without normalizing: the
    /// text (borrowed for UTF-8 input, after any BOM) and how it was decoded.
    ///
    /// # Errors
    /// [`Error::InvalidUtf8`] when the options name UTF-8 and the bytes are
    /// not; [`Error::UnknownEncoding`] for an unknown encoding label.
    ///
    /// # Examples
    /// ```
    /// let (text, encoding) = artnorm::Normalizer::default().decode_bytes(b"\xFF\xFEh\x00i\x00")?;
    /// assert_eq!(text, "hi");
    /// assert_eq!(encoding.name, "UTF-16LE");
    /// # Ok::<(), artnorm::Error>(())
    /// ```
    pub fn decode_bytes<'a>(
        &self,
        bytes: &'a [u8],
    ) -> Result<(std::borrow::Cow<'a, str>, SourceEncoding), Error> {
        let decoded = pipeline::decode::decode(bytes, self.options.encoding.as_deref())?;
        Ok((decoded.text, decoded.encoding))
    }

    /// Repairs text on its own (no segmentation or classification), line by
    /// line: mojibake (UTF-8 read as windows-1252, latin-1, windows-1250 or
    /// windows-1251, once or several times over), HTML character references
    /// (outside lines that look like markup), invisible and control
    /// characters, Unicode spaces, compatibility forms (Latin ligatures,
    /// full-width ASCII), NFC, runs of spaces and line edges, line endings,
    /// and typography as the options ask. Text that is merely unusual
    /// (accented names, Cyrillic, math, box drawing, `AT&T`) is left as it
    /// is. Returns the text (borrowed when nothing changed) and the repairs
    /// made, counted by kind. Repairing the result again changes nothing.
    ///
    /// # Examples
    /// ```
    /// use artnorm::{Normalizer, RepairKind};
    /// let (text, repairs) = Normalizer::default().repair_text("Tom &amp;\u{a0}Jerry\r\n");
    /// assert_eq!(text, "Tom & Jerry\n");
    /// assert_eq!(repairs.get(RepairKind::HtmlEntity), 1);
    /// let (text, repairs) = Normalizer::default().repair_text("Putinâ€™s visit to SÃ£o Paulo");
    /// assert_eq!(text, "Putin’s visit to São Paulo");
    /// assert_eq!(repairs.get(RepairKind::Mojibake), 2);
    /// // Clean text comes back borrowed.
    /// let (text, _) = Normalizer::default().repair_text("JOÃO in São Paulo, 3×4\n");
    /// assert!(matches!(text, std::borrow::Cow::Borrowed(_)));
    /// ```
    pub fn repair_text<'a>(&self, text: &'a str) -> (std::borrow::Cow<'a, str>, Repairs) {
        let mut repairs = Repairs::new();
        let repaired =
            pipeline::repair::Repairer::new(&self.options).repair_text(text, &mut repairs);
        (repaired, repairs)
    }
}

/// Builds a [`Normalizer`]; each setter is the [`Options`] setter of the same name.
#[derive(Debug, Clone)]
pub struct Builder {
    options: Options,
}

impl Builder {
    /// Quotation mark style; default [`QuoteStyle::Preserve`].
    #[must_use]
    pub fn quotes(mut self, style: QuoteStyle) -> Self {
        self.options = self.options.quotes(style);
        self
    }
    /// Dash style; default [`DashStyle::Preserve`].
    #[must_use]
    pub fn dashes(mut self, style: DashStyle) -> Self {
        self.options = self.options.dashes(style);
        self
    }
    /// Ellipsis style; default [`EllipsisStyle::Preserve`].
    #[must_use]
    pub fn ellipses(mut self, style: EllipsisStyle) -> Self {
        self.options = self.options.ellipses(style);
        self
    }
    /// Spin handling; default [`SpinMode::Detect`].
    #[must_use]
    pub fn spin(mut self, mode: SpinMode) -> Self {
        self.options = self.options.spin(mode);
        self
    }
    /// Spin rewrite threshold; default 0.8.
    #[must_use]
    pub fn spin_threshold(mut self, threshold: f32) -> Self {
        self.options = self.options.spin_threshold(threshold);
        self
    }
    /// Whether page chrome is removed; default true.
    #[must_use]
    pub fn strip_chrome(mut self, strip: bool) -> Self {
        self.options = self.options.strip_chrome(strip);
        self
    }
    /// Input size limit in bytes; default 64 MiB.
    #[must_use]
    pub fn max_input_bytes(mut self, limit: usize) -> Self {
        self.options = self.options.max_input_bytes(limit);
        self
    }
    /// Encoding label for byte input; default none (detect).
    #[must_use]
    pub fn encoding(mut self, label: impl Into<String>) -> Self {
        self.options = self.options.encoding(label);
        self
    }
    /// Builds the normalizer.
    ///
    /// # Errors
    /// [`Error::InvalidOption`] as for [`Normalizer::new`].
    pub fn build(self) -> Result<Normalizer, Error> {
        Normalizer::new(self.options)
    }
}

/// Normalizes the text of one article with the default options.
///
/// # Errors
/// [`Error::EmptyInput`] for empty or whitespace-only text;
/// [`Error::InputTooLarge`] past 64 MiB.
///
/// # Examples
/// ```
/// let article = artnorm::normalize("Headline\n\nBy Jane Doe | AP\n\nThe story.")?;
/// assert_eq!(article.byline.unwrap().outlet.as_deref(), Some("AP"));
/// assert_eq!(artnorm::normalize("  \n "), Err(artnorm::Error::EmptyInput));
/// # Ok::<(), artnorm::Error>(())
/// ```
pub fn normalize(text: &str) -> Result<Article, Error> {
    DEFAULT.normalize(text)
}

/// Repairs text with the default options: [`Normalizer::repair_text`] on
/// the default normalizer.
///
/// # Examples
/// ```
/// use artnorm::RepairKind;
/// let (text, repairs) = artnorm::repair_text("It\u{2019}s &amp;amp; the \u{fb01}nal  word.");
/// assert_eq!(text, "It\u{2019}s & the final word.");
/// assert_eq!(repairs.get(RepairKind::HtmlEntity), 1);
/// assert_eq!(repairs.get(RepairKind::Compatibility), 1);
/// ```
#[must_use]
pub fn repair_text(text: &str) -> (std::borrow::Cow<'_, str>, Repairs) {
    DEFAULT.repair_text(text)
}

/// Aligns a (spun) article with a candidate original text and copies the
/// original wording back where the alignment is confident: a short run of
/// differing words with matching words on both sides, not touching a number.
/// Names, numbers and quotations survive spinning and anchor the alignment.
/// When the two texts are not copies of each other (under half the
/// article's words align) nothing is restored.
///
/// `original` is the reference's raw text (it may hold page chrome; only
/// its wording is copied).
///
/// # Examples
/// ```
/// let spun = artnorm::normalize(
///     "Title\n\nThey agreed to assist each individual other in the party of aggression, Mr Putin said.",
/// )?;
/// let original = "They agreed to assist each other in the event of aggression, Mr Putin said.";
/// let restored = artnorm::restore_from(&spun, original);
/// assert_eq!(restored.article.body_text(), format!("{original}\n"));
/// assert_eq!(restored.restored.len(), 2);
/// assert_eq!(restored.restored[0].found, "each individual");
/// assert_eq!(restored.restored[0].original, "each");
/// assert!(restored.aligned > 0.7);
/// # Ok::<(), artnorm::Error>(())
/// ```
#[must_use]
pub fn restore_from(article: &Article, original: &str) -> Restoration {
    spin::restore::restore(article, original)
}

/// Similarity of two articles' spin-robust fingerprints, in [0, 1]: a spun
/// copy scores high against its source, another story on the same topic
/// low. Shorthand for `a.fingerprint().similarity(&b.fingerprint())`; keep
/// the [`Fingerprint`]s when comparing many articles.
///
/// # Examples
/// ```
/// let a = artnorm::normalize("Title\n\nMr Kim met Putin in Pyongyang on June 19, 2024.")?;
/// assert_eq!(artnorm::similarity(&a, &a), 1.0);
/// # Ok::<(), artnorm::Error>(())
/// ```
#[must_use]
pub fn similarity(a: &Article, b: &Article) -> f32 {
    a.fingerprint().similarity(&b.fingerprint())
}

/// Parses a byline given on its own (from a feed or a CMS field), with the
/// same rules [`normalize`] applies: `By Jane Doe and John Roe, Reuters`,
/// `JANE DOE | AP`, `Jane Doe — Staff Writer`, `jane.doe@example.com`,
/// `By Jane Doe Updated 3:04 PM EDT`. `None` when it names nobody.
///
/// # Examples
/// ```
/// let byline = artnorm::parse_byline("By Jane Doe and John Roe, Reuters").unwrap();
/// assert_eq!(byline.authors, ["Jane Doe", "John Roe"]);
/// assert_eq!(byline.outlet.as_deref(), Some("Reuters"));
/// assert!(artnorm::parse_byline("By the way, it rained.").is_none());
/// ```
#[must_use]
pub fn parse_byline(text: &str) -> Option<Byline> {
    let (repaired, _) = DEFAULT.repair_text(text);
    let line = repaired
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    pipeline::byline::parse(&line).map(|parsed| parsed.byline)
}

/// Each unit of `text` with the feature row the page-chrome model reads.
/// Not part of the stable API: it exists so that `scripts/train_chrome.py`
/// trains on features computed by the same code that runs at inference.
///
/// # Examples
/// ```
/// let rows = artnorm::chrome_line_features("Headline\n\nA line of text.\n\nHome");
/// assert_eq!(rows.len(), 3);
/// assert_eq!(rows[0].0, "Headline");
/// assert!(rows.iter().all(|(_, row)| row.len() == rows[0].1.len()));
/// ```
#[doc(hidden)]
#[must_use]
pub fn chrome_line_features(text: &str) -> Vec<(String, Vec<f32>)> {
    pipeline::chrome_features(text)
}

/// The README's Rust snippets, compiled and run as doc tests so they stay true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn public_types_are_send_and_sync() {
        assert_send_sync::<Normalizer>();
        assert_send_sync::<Article>();
        assert_send_sync::<Options>();
        assert_send_sync::<Error>();
    }

    #[test]
    fn lazy_statics_initialise() {
        let _ = &*DEFAULT;
        let _ = &*pipeline::tables::TABLES;
        pipeline::repair::warm_up();
    }
}
