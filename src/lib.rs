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

mod article;
mod error;
mod lexicon;
mod options;
mod pipeline;
mod render;

use std::sync::LazyLock;

pub use article::{
    Article, Block, Byline, Date, Removal, RemovalKind, RepairKind, Repairs, SourceEncoding, Span,
    SpinFinding, SpinReport, SCHEMA_VERSION,
};
pub use error::Error;
pub use options::{
    DashStyle, EllipsisStyle, Options, QuoteStyle, SpinMode, DEFAULT_MAX_INPUT_BYTES,
};

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

static DEFAULT: LazyLock<Normalizer> = LazyLock::new(|| Normalizer {
    options: Options::default(),
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
        let _ = &*pipeline::tables::TABLES;
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

    /// Normalizes an article given as bytes: UTF-8, with or without a BOM.
    /// Spans index `bytes` (a BOM counts).
    ///
    /// # Errors
    /// [`Error::InvalidUtf8`] for bytes that are not UTF-8, and the errors of
    /// [`Normalizer::normalize`].
    ///
    /// # Examples
    /// ```
    /// let normalizer = artnorm::Normalizer::default();
    /// let article = normalizer.normalize_bytes(b"\xEF\xBB\xBFHeadline\n\nBody text.")?;
    /// assert!(article.encoding.bom);
    /// assert!(normalizer.normalize_bytes(b"bad \xFF byte").is_err());
    /// # Ok::<(), artnorm::Error>(())
    /// ```
    pub fn normalize_bytes(&self, bytes: &[u8]) -> Result<Article, Error> {
        if bytes.len() > self.options.max_input_bytes {
            return Err(Error::InputTooLarge {
                len: bytes.len(),
                limit: self.options.max_input_bytes,
            });
        }
        let decoded = pipeline::decode::decode(bytes)?;
        pipeline::run(&self.options, &decoded.text, decoded.base, decoded.encoding)
    }

    /// Repairs text on its own (no segmentation or classification): Unicode
    /// spaces, invisible and control characters, HTML character references,
    /// runs of spaces, line endings, and typography as the options ask.
    /// Returns the text (borrowed when nothing changed) and the repairs made.
    ///
    /// # Examples
    /// ```
    /// use artnorm::{Normalizer, RepairKind};
    /// let (text, repairs) = Normalizer::default().repair_text("Tom &amp;\u{a0}Jerry\r\n");
    /// assert_eq!(text, "Tom & Jerry\n");
    /// assert_eq!(repairs.get(RepairKind::HtmlEntity), 1);
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
    }
}
