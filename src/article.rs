//! The data model: what `normalize()` returns.
//!
//! Everything here is `Serialize + Deserialize`; the JSON form is a public
//! contract, versioned by [`SCHEMA_VERSION`] and documented in the README.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::shared_text::SharedText;

/// Version of the JSON schema that [`Article`] serializes to.
///
/// It is written into every article as `"schema": 1` and bumped on any
/// change that is not a pure addition of an optional field.
pub const SCHEMA_VERSION: u32 = 1;

/// A byte range `start..end` in the caller's input.
///
/// For [`normalize`](crate::normalize) the input is the `&str` passed in; for
/// [`Normalizer::normalize_bytes`](crate::Normalizer::normalize_bytes) it is the
/// byte slice passed in (a UTF-8 BOM counts: spans start after it). For input
/// decoded from a legacy encoding, spans index the decoded UTF-8 text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    /// First byte of the range.
    pub start: usize,
    /// One past the last byte of the range.
    pub end: usize,
}

impl Span {
    /// Makes a span from its two ends.
    ///
    /// # Examples
    /// ```
    /// let span = artnorm::Span::new(3, 8);
    /// assert_eq!(span.len(), 5);
    /// ```
    #[must_use]
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// Number of bytes covered.
    ///
    /// # Examples
    /// ```
    /// assert_eq!(artnorm::Span::new(2, 2).len(), 0);
    /// ```
    #[must_use]
    pub const fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// True when the span covers no byte.
    ///
    /// # Examples
    /// ```
    /// assert!(artnorm::Span::new(4, 4).is_empty());
    /// ```
    #[must_use]
    pub const fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// The smallest span covering both `self` and `other`.
    ///
    /// # Examples
    /// ```
    /// use artnorm::Span;
    /// assert_eq!(Span::new(2, 5).cover(Span::new(8, 9)), Span::new(2, 9));
    /// ```
    #[must_use]
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// A calendar date, as read from an explicit date line.
///
/// Serializes as an ISO 8601 `YYYY-MM-DD` string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    /// Year, e.g. 2024.
    pub year: u16,
    /// Month, 1 to 12.
    pub month: u8,
    /// Day of the month, 1 to 31 (checked against the month and leap years).
    pub day: u8,
}

impl Date {
    /// Makes a date, or `None` when the day does not exist.
    ///
    /// # Examples
    /// ```
    /// use artnorm::Date;
    /// assert!(Date::new(2024, 2, 29).is_some());
    /// assert!(Date::new(2023, 2, 29).is_none());
    /// assert_eq!(Date::new(2024, 6, 19).unwrap().to_string(), "2024-06-19");
    /// ```
    #[must_use]
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let leap =
            (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (day >= 1 && day <= days && year > 0).then_some(Date { year, month, day })
    }

    /// Parses an ISO `YYYY-MM-DD` string.
    ///
    /// # Examples
    /// ```
    /// let date = artnorm::Date::parse_iso("2024-06-19").unwrap();
    /// assert_eq!((date.year, date.month, date.day), (2024, 6, 19));
    /// assert!(artnorm::Date::parse_iso("2024-13-01").is_none());
    /// ```
    #[must_use]
    pub fn parse_iso(s: &str) -> Option<Date> {
        let mut parts = s.split('-');
        let year = parts.next()?;
        let month = parts.next()?;
        let day = parts.next()?;
        if parts.next().is_some() || year.len() != 4 || month.len() != 2 || day.len() != 2 {
            return None;
        }
        Date::new(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        Date::parse_iso(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("invalid date {s:?}, want YYYY-MM-DD")))
    }
}

/// Who wrote the article and for whom.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Byline {
    /// Author names in the order given, without `By`, roles or places.
    pub authors: Vec<String>,
    /// The publication or agency the byline names (`BBC News`, `Reuters`), if any.
    pub outlet: Option<String>,
}

impl Byline {
    /// Makes a byline from authors and an optional outlet.
    ///
    /// # Examples
    /// ```
    /// let byline = artnorm::Byline::new(vec!["Tessa Wong".into()], Some("BBC News".into()));
    /// assert_eq!(byline.to_string(), "By Tessa Wong | BBC News");
    /// ```
    #[must_use]
    pub fn new(authors: Vec<String>, outlet: Option<String>) -> Self {
        Byline { authors, outlet }
    }
}

impl fmt::Display for Byline {
    /// Renders `By A, B and C | Outlet`; this form parses back to the same byline.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names = join_names(&self.authors);
        match (&names[..], &self.outlet) {
            ("", Some(outlet)) => write!(f, "{outlet}"),
            ("", None) => Ok(()),
            (names, Some(outlet)) => write!(f, "By {names} | {outlet}"),
            (names, None) => write!(f, "By {names}"),
        }
    }
}

/// Joins names as `A`, `A and B`, `A, B and C`.
pub(crate) fn join_names(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// One block of the article body, in reading order.
///
/// Serialized with a `"type"` tag: `paragraph`, `heading`, `quote`,
/// `list_item` (each with `text`) or `figure` (with `credit`, `alt`, `caption`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Block {
    /// A paragraph of running text.
    Paragraph {
        /// The text, typography repaired, on one line.
        text: SharedText,
    },
    /// A subheading inside the body.
    Heading {
        /// The heading text.
        text: SharedText,
    },
    /// A block quotation set apart from the running text.
    Quote {
        /// The quoted text, without the quotation marker.
        text: SharedText,
    },
    /// One item of a bulleted or numbered list, marker removed.
    ListItem {
        /// The item text.
        text: SharedText,
    },
    /// A picture, known from its credit, alt text and/or visible caption.
    Figure {
        /// Who owns the picture (`Sputnik / Getty Images`).
        credit: Option<String>,
        /// The description written for screen readers, when the scraper kept it.
        alt: Option<String>,
        /// The visible caption printed under the picture.
        caption: Option<String>,
    },
}

impl Block {
    /// The block's kind as its JSON tag (`"paragraph"`, `"figure"`, …).
    ///
    /// # Examples
    /// ```
    /// let block = artnorm::Block::Heading { text: "Aftermath".into() };
    /// assert_eq!(block.kind(), "heading");
    /// ```
    #[must_use]
    pub fn kind(&self) -> &'static str {
        match self {
            Block::Paragraph { .. } => "paragraph",
            Block::Heading { .. } => "heading",
            Block::Quote { .. } => "quote",
            Block::ListItem { .. } => "list_item",
            Block::Figure { .. } => "figure",
        }
    }

    /// The text of a paragraph, heading, quote or list item; `None` for a figure.
    ///
    /// # Examples
    /// ```
    /// let block = artnorm::Block::Paragraph { text: "Hello.".into() };
    /// assert_eq!(block.text(), Some("Hello."));
    /// ```
    #[must_use]
    pub fn text(&self) -> Option<&str> {
        match self {
            Block::Paragraph { text }
            | Block::Heading { text }
            | Block::Quote { text }
            | Block::ListItem { text } => Some(text.as_str()),
            Block::Figure { .. } => None,
        }
    }

    /// The text of a paragraph, heading, quote or list item, to rewrite or
    /// to give its buffer.
    pub(crate) fn text_mut(&mut self) -> Option<&mut SharedText> {
        match self {
            Block::Paragraph { text }
            | Block::Heading { text }
            | Block::Quote { text }
            | Block::ListItem { text } => Some(text),
            Block::Figure { .. } => None,
        }
    }
}

/// Why a piece of input is not part of the article.
///
/// Serialized in snake_case (`ad_marker`, `source_link`, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum RemovalKind {
    /// A CMS default category such as WordPress' `Uncategorized`.
    CategoryPlaceholder,
    /// An ad slot marker left by an autoblog plugin (`[ad_1]`).
    AdMarker,
    /// A CMS shortcode tag (`[caption id=…]`, `[/caption]`, `[embed]`).
    Shortcode,
    /// A link back to the copied source (`Source link`, `Supply hyperlink`).
    SourceLink,
    /// A share or follow prompt (`Share this:`, `Share on Facebook`).
    Share,
    /// A newsletter or subscription prompt.
    Newsletter,
    /// An advertisement label (`Advertisement`, `Story continues below advertisement`).
    Advertisement,
    /// A pointer to other stories (`Read more:`, `Related:`, `More on this story`).
    Related,
    /// A copyright or rights notice.
    Copyright,
    /// Site navigation: menus, breadcrumbs, skip links.
    Navigation,
    /// A cookie or privacy consent notice.
    CookieNotice,
    /// Reader comments and the prompts around them.
    Comments,
    /// Site footer text: legal links, addresses, "about us" blurbs.
    Footer,
    /// A repeat of something the article already holds (a folded photo credit, a duplicated paragraph).
    Duplicate,
    /// Any other line judged to be page chrome rather than article text.
    Boilerplate,
}

impl RemovalKind {
    /// The kind's snake_case name, as in the JSON.
    ///
    /// # Examples
    /// ```
    /// assert_eq!(artnorm::RemovalKind::AdMarker.as_str(), "ad_marker");
    /// ```
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            RemovalKind::CategoryPlaceholder => "category_placeholder",
            RemovalKind::AdMarker => "ad_marker",
            RemovalKind::Shortcode => "shortcode",
            RemovalKind::SourceLink => "source_link",
            RemovalKind::Share => "share",
            RemovalKind::Newsletter => "newsletter",
            RemovalKind::Advertisement => "advertisement",
            RemovalKind::Related => "related",
            RemovalKind::Copyright => "copyright",
            RemovalKind::Navigation => "navigation",
            RemovalKind::CookieNotice => "cookie_notice",
            RemovalKind::Comments => "comments",
            RemovalKind::Footer => "footer",
            RemovalKind::Duplicate => "duplicate",
            RemovalKind::Boilerplate => "boilerplate",
        }
    }

    /// Every kind, in declaration order.
    pub const ALL: [RemovalKind; 15] = [
        RemovalKind::CategoryPlaceholder,
        RemovalKind::AdMarker,
        RemovalKind::Shortcode,
        RemovalKind::SourceLink,
        RemovalKind::Share,
        RemovalKind::Newsletter,
        RemovalKind::Advertisement,
        RemovalKind::Related,
        RemovalKind::Copyright,
        RemovalKind::Navigation,
        RemovalKind::CookieNotice,
        RemovalKind::Comments,
        RemovalKind::Footer,
        RemovalKind::Duplicate,
        RemovalKind::Boilerplate,
    ];

    /// Looks a kind up by its snake_case name.
    ///
    /// # Examples
    /// ```
    /// use artnorm::RemovalKind;
    /// assert_eq!(RemovalKind::from_name("source_link"), Some(RemovalKind::SourceLink));
    /// assert_eq!(RemovalKind::from_name("nope"), None);
    /// ```
    #[must_use]
    pub fn from_name(name: &str) -> Option<RemovalKind> {
        RemovalKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == name)
    }
}

impl fmt::Display for RemovalKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One entry of the audit trail: a piece of input left out of the article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Removal {
    /// Why it was left out.
    pub kind: RemovalKind,
    /// The text that was left out, as the input held it (trimmed).
    pub text: SharedText,
    /// Where it was in the caller's input.
    pub span: Span,
}

impl Removal {
    /// Makes an audit-trail entry.
    ///
    /// # Examples
    /// ```
    /// use artnorm::{Removal, RemovalKind, Span};
    /// let removal = Removal::new(RemovalKind::AdMarker, "[ad_1]", Span::new(0, 6));
    /// assert_eq!(removal.text, "[ad_1]");
    /// ```
    #[must_use]
    pub fn new(kind: RemovalKind, text: impl Into<SharedText>, span: Span) -> Self {
        Removal {
            kind,
            text: text.into(),
            span,
        }
    }
}

/// A kind of typography or encoding repair.
///
/// Serialized in snake_case as the keys of [`Repairs`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum RepairKind {
    /// `\r\n`, `\r`, U+2028 or U+2029 turned into `\n`.
    LineEnding,
    /// A no-break or other Unicode space turned into a plain space.
    UnicodeSpace,
    /// A zero-width space, joiner, word joiner or BOM removed.
    ZeroWidth,
    /// A soft hyphen removed.
    SoftHyphen,
    /// A C0/C1 control character removed.
    ControlChar,
    /// A bidirectional control removed from left-to-right text.
    BidiControl,
    /// An HTML character reference decoded (`&amp;`, `&#8217;`).
    HtmlEntity,
    /// A run of mojibake (UTF-8 read as a legacy code page) restored.
    Mojibake,
    /// A compatibility form (ligature, full-width letter) replaced.
    Compatibility,
    /// Text recomposed to Unicode NFC.
    Nfc,
    /// A run of spaces collapsed, or a line's edge trimmed.
    Whitespace,
    /// A quotation mark or apostrophe restyled as the options ask.
    Quote,
    /// A dash restyled as the options ask.
    Dash,
    /// An ellipsis restyled as the options ask.
    Ellipsis,
    /// Hard-wrapped lines joined back into one paragraph.
    Unwrap,
    /// Two words a scraper glued together split apart (`WongBBC News`).
    Unglue,
}

impl RepairKind {
    /// The kind's snake_case name, as in the JSON.
    ///
    /// # Examples
    /// ```
    /// assert_eq!(artnorm::RepairKind::UnicodeSpace.as_str(), "unicode_space");
    /// ```
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            RepairKind::LineEnding => "line_ending",
            RepairKind::UnicodeSpace => "unicode_space",
            RepairKind::ZeroWidth => "zero_width",
            RepairKind::SoftHyphen => "soft_hyphen",
            RepairKind::ControlChar => "control_char",
            RepairKind::BidiControl => "bidi_control",
            RepairKind::HtmlEntity => "html_entity",
            RepairKind::Mojibake => "mojibake",
            RepairKind::Compatibility => "compatibility",
            RepairKind::Nfc => "nfc",
            RepairKind::Whitespace => "whitespace",
            RepairKind::Quote => "quote",
            RepairKind::Dash => "dash",
            RepairKind::Ellipsis => "ellipsis",
            RepairKind::Unwrap => "unwrap",
            RepairKind::Unglue => "unglue",
        }
    }

    /// Every kind, in declaration order.
    pub const ALL: [RepairKind; 16] = [
        RepairKind::LineEnding,
        RepairKind::UnicodeSpace,
        RepairKind::ZeroWidth,
        RepairKind::SoftHyphen,
        RepairKind::ControlChar,
        RepairKind::BidiControl,
        RepairKind::HtmlEntity,
        RepairKind::Mojibake,
        RepairKind::Compatibility,
        RepairKind::Nfc,
        RepairKind::Whitespace,
        RepairKind::Quote,
        RepairKind::Dash,
        RepairKind::Ellipsis,
        RepairKind::Unwrap,
        RepairKind::Unglue,
    ];
}

impl fmt::Display for RepairKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How many repairs of each kind were applied. Serialized as `{"kind": count}`,
/// kinds with a zero count left out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Repairs {
    counts: BTreeMap<RepairKind, u64>,
}

impl Repairs {
    /// An empty tally.
    #[must_use]
    pub fn new() -> Self {
        Repairs::default()
    }

    /// Adds `n` repairs of `kind`.
    ///
    /// # Examples
    /// ```
    /// use artnorm::{RepairKind, Repairs};
    /// let mut repairs = Repairs::new();
    /// repairs.add(RepairKind::ZeroWidth, 2);
    /// assert_eq!(repairs.get(RepairKind::ZeroWidth), 2);
    /// assert_eq!(repairs.get(RepairKind::Nfc), 0);
    /// ```
    pub fn add(&mut self, kind: RepairKind, n: u64) {
        if n > 0 {
            *self.counts.entry(kind).or_insert(0) += n;
        }
    }

    /// The count for one kind (0 when none).
    #[must_use]
    pub fn get(&self, kind: RepairKind) -> u64 {
        self.counts.get(&kind).copied().unwrap_or(0)
    }

    /// All repairs, added up.
    ///
    /// # Examples
    /// ```
    /// assert_eq!(artnorm::Repairs::new().total(), 0);
    /// ```
    #[must_use]
    pub fn total(&self) -> u64 {
        self.counts.values().sum()
    }

    /// The non-zero counts, in [`RepairKind`] order.
    pub fn iter(&self) -> impl Iterator<Item = (RepairKind, u64)> + '_ {
        self.counts.iter().map(|(kind, n)| (*kind, *n))
    }

    /// True when nothing was repaired.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// Adds every count of `other` into `self`.
    pub fn merge(&mut self, other: &Repairs) {
        for (kind, n) in other.iter() {
            self.add(kind, n);
        }
    }
}

/// How the input's bytes were turned into text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SourceEncoding {
    /// The WHATWG name of the encoding used (`UTF-8`, `windows-1252`, …).
    pub name: String,
    /// True when the encoding was guessed by detection rather than known
    /// (a `&str`, a BOM, valid UTF-8, or a caller-named encoding).
    pub detected: bool,
    /// True when the input began with a byte-order mark.
    pub bom: bool,
}

impl Default for SourceEncoding {
    fn default() -> Self {
        SourceEncoding {
            name: "UTF-8".to_owned(),
            detected: false,
            bom: false,
        }
    }
}

/// One phrase that looks machine-spun.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SpinFinding {
    /// Where the phrase is in the caller's input.
    pub span: Span,
    /// The phrase as found.
    pub found: String,
    /// The wording it most likely replaced.
    pub suggestion: String,
    /// How sure the rule is, in [0, 1].
    pub confidence: f32,
    /// Which rule found it (`lexicon:news-synonym`, `lexicon:news-thesaurus`, `lexicon:tortured`, `name`).
    pub rule: String,
    /// True when the finding was rewritten in the article's text.
    pub applied: bool,
}

/// The spin verdict for a whole article.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SpinReport {
    /// True when the article as a whole looks machine-spun.
    pub is_spun: bool,
    /// Strength of the evidence, in [0, 1].
    pub score: f32,
    /// Every phrase that looks spun, in input order.
    pub findings: Vec<SpinFinding>,
}

/// A normalized article.
///
/// Built by [`normalize`](crate::normalize) or a [`Normalizer`](crate::Normalizer).
///
/// # Examples
/// ```
/// let article = artnorm::normalize("A headline\n\nBy Jane Doe\n\nThe first paragraph of the story.\n")?;
/// assert_eq!(article.title.as_deref(), Some("A headline"));
/// assert_eq!(article.byline.unwrap().authors, ["Jane Doe"]);
/// assert_eq!(article.blocks.len(), 1);
/// # Ok::<(), artnorm::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Article {
    /// JSON schema version, [`SCHEMA_VERSION`].
    pub schema: u32,
    /// The headline.
    pub title: Option<String>,
    /// Authors and outlet.
    pub byline: Option<Byline>,
    /// The site's category label; CMS placeholders like `Uncategorized` are no category.
    pub category: Option<String>,
    /// Publication date, only from an explicit date line, never guessed from prose.
    pub published: Option<Date>,
    /// The body, in reading order.
    pub blocks: Vec<Block>,
    /// People credited for additional reporting, writing or editing.
    pub contributors: Vec<String>,
    /// The audit trail: every piece of input left out of the article, in input order.
    pub removed: Vec<Removal>,
    /// Typography and encoding repairs applied, counted by kind.
    pub repairs: Repairs,
    /// How the input was decoded.
    pub encoding: SourceEncoding,
    /// Machine-spinning report.
    pub spin: SpinReport,
}

impl Default for Article {
    fn default() -> Self {
        Article {
            schema: SCHEMA_VERSION,
            title: None,
            byline: None,
            category: None,
            published: None,
            blocks: Vec::new(),
            contributors: Vec::new(),
            removed: Vec::new(),
            repairs: Repairs::new(),
            encoding: SourceEncoding::default(),
            spin: SpinReport::default(),
        }
    }
}

impl Article {
    /// The body as paragraphs, headings, quotes and list items, one block a
    /// line, without title, byline or figures: the text to score against an
    /// extraction benchmark's article body.
    ///
    /// # Examples
    /// ```
    /// let article = artnorm::normalize("Headline\n\nFirst paragraph here.\n\nSecond one here.")?;
    /// assert_eq!(article.body_text(), "First paragraph here.\nSecond one here.\n");
    /// # Ok::<(), artnorm::Error>(())
    /// ```
    #[must_use]
    pub fn body_text(&self) -> String {
        let mut out = String::new();
        for text in self.blocks.iter().filter_map(Block::text) {
            out.push_str(text);
            out.push('\n');
        }
        out
    }

    /// Renders the article as JSON (schema 1), compact.
    ///
    /// # Examples
    /// ```
    /// let article = artnorm::normalize("Headline\n\nSome text.")?;
    /// assert!(article.to_json().starts_with("{\"schema\":1,"));
    /// # Ok::<(), artnorm::Error>(())
    /// ```
    #[must_use]
    pub fn to_json(&self) -> String {
        // Serializing plain structs, strings and numbers cannot fail; a
        // non-finite f32 becomes `null` rather than an error.
        // Sized first, then written once: a growing buffer would hold up to
        // twice the JSON at its peak (a large share of the peak heap for an
        // article with many removals).
        let mut counter = ByteCounter(0);
        if serde_json::to_writer(&mut counter, self).is_err() {
            return String::new();
        }
        let mut out = Vec::with_capacity(counter.0);
        if serde_json::to_writer(&mut out, self).is_err() {
            return String::new();
        }
        String::from_utf8(out).unwrap_or_default()
    }

    /// Reads an article back from its JSON form.
    ///
    /// # Errors
    /// A `serde_json::Error` when the text is not an article of schema 1.
    ///
    /// # Examples
    /// ```
    /// let article = artnorm::normalize("Headline\n\nSome text.")?;
    /// let back = artnorm::Article::from_json(&article.to_json()).unwrap();
    /// assert_eq!(back, article);
    /// # Ok::<(), artnorm::Error>(())
    /// ```
    pub fn from_json(json: &str) -> Result<Article, serde_json::Error> {
        serde_json::from_str(json)
    }

    /// Renders the article as indented JSON (schema 1).
    #[must_use]
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// A writer that only counts bytes (sizes the JSON buffer).
struct ByteCounter(usize);

impl std::io::Write for ByteCounter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
