//! Options and modes.

use crate::error::Error;

/// How quotation marks and apostrophes are written in the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum QuoteStyle {
    /// Leave them as the input has them.
    #[default]
    Preserve,
    /// ASCII `"` and `'`.
    Straight,
    /// Typographic `“ ” ‘ ’`, apostrophes as `’`.
    Curly,
}

/// How dashes are written in the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum DashStyle {
    /// Leave them as the input has them.
    #[default]
    Preserve,
    /// ASCII: an em dash becomes `--`, an en dash `-`.
    Ascii,
    /// Typographic: a spaced ` - ` or `--` between words becomes ` — `.
    Typographic,
}

/// How ellipses are written in the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum EllipsisStyle {
    /// Leave them as the input has them.
    #[default]
    Preserve,
    /// Three ASCII dots `...`.
    Ascii,
    /// The single character `…`.
    Unicode,
}

/// What to do about machine-spun wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum SpinMode {
    /// No spin detection at all.
    Off,
    /// Report findings in [`SpinReport`](crate::SpinReport); leave the text as it is.
    #[default]
    Detect,
    /// Report findings and, in articles judged spun, rewrite confident ones.
    Repair,
}

/// Settings for a [`Normalizer`](crate::Normalizer).
///
/// Build with [`Options::default`] and the chained setters.
///
/// # Defaults
/// - `quotes`, `dashes`, `ellipses`: `Preserve`
/// - `spin`: [`SpinMode::Detect`], `spin_threshold`: 0.8
/// - `strip_chrome`: true
/// - `max_input_bytes`: 64 MiB
/// - `encoding`: none (BOM, then UTF-8, then detection)
///
/// # Examples
/// ```
/// use artnorm::{Options, QuoteStyle};
/// let options = Options::default().quotes(QuoteStyle::Curly).max_input_bytes(1 << 20);
/// assert_eq!(options.get_max_input_bytes(), 1 << 20);
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Options {
    pub(crate) quotes: QuoteStyle,
    pub(crate) dashes: DashStyle,
    pub(crate) ellipses: EllipsisStyle,
    pub(crate) spin: SpinMode,
    pub(crate) spin_threshold: f32,
    pub(crate) strip_chrome: bool,
    pub(crate) max_input_bytes: usize,
    pub(crate) encoding: Option<String>,
}

/// The default input size limit, 64 MiB.
pub const DEFAULT_MAX_INPUT_BYTES: usize = 64 << 20;

impl Default for Options {
    fn default() -> Self {
        Options {
            quotes: QuoteStyle::Preserve,
            dashes: DashStyle::Preserve,
            ellipses: EllipsisStyle::Preserve,
            spin: SpinMode::Detect,
            spin_threshold: 0.8,
            strip_chrome: true,
            max_input_bytes: DEFAULT_MAX_INPUT_BYTES,
            encoding: None,
        }
    }
}

impl Options {
    /// The defaults listed above.
    #[must_use]
    pub fn new() -> Self {
        Options::default()
    }

    /// Quotation mark style. Default: [`QuoteStyle::Preserve`].
    #[must_use]
    pub fn quotes(mut self, style: QuoteStyle) -> Self {
        self.quotes = style;
        self
    }

    /// Dash style. Default: [`DashStyle::Preserve`].
    #[must_use]
    pub fn dashes(mut self, style: DashStyle) -> Self {
        self.dashes = style;
        self
    }

    /// Ellipsis style. Default: [`EllipsisStyle::Preserve`].
    #[must_use]
    pub fn ellipses(mut self, style: EllipsisStyle) -> Self {
        self.ellipses = style;
        self
    }

    /// Spin handling. Default: [`SpinMode::Detect`].
    #[must_use]
    pub fn spin(mut self, mode: SpinMode) -> Self {
        self.spin = mode;
        self
    }

    /// Minimum confidence for a spin finding to be rewritten in
    /// [`SpinMode::Repair`]. Default: 0.8. Checked by
    /// [`Options::validate`]: must lie in [0, 1].
    #[must_use]
    pub fn spin_threshold(mut self, threshold: f32) -> Self {
        self.spin_threshold = threshold;
        self
    }

    /// Whether page chrome (menus, share bars, related links, footers) is
    /// removed. Default: true. Ad markers, shortcodes and source links are
    /// removed either way.
    #[must_use]
    pub fn strip_chrome(mut self, strip: bool) -> Self {
        self.strip_chrome = strip;
        self
    }

    /// Largest input accepted, in bytes; longer input is
    /// [`Error::InputTooLarge`]. Default: 64 MiB.
    #[must_use]
    pub fn max_input_bytes(mut self, limit: usize) -> Self {
        self.max_input_bytes = limit;
        self
    }

    /// Encoding of byte input, as a WHATWG label (`"windows-1252"`,
    /// `"latin1"`, `"shift_jis"`), overriding detection. Default: none.
    #[must_use]
    pub fn encoding(mut self, label: impl Into<String>) -> Self {
        self.encoding = Some(label.into());
        self
    }

    /// The quotation mark style.
    #[must_use]
    pub fn get_quotes(&self) -> QuoteStyle {
        self.quotes
    }
    /// The dash style.
    #[must_use]
    pub fn get_dashes(&self) -> DashStyle {
        self.dashes
    }
    /// The ellipsis style.
    #[must_use]
    pub fn get_ellipses(&self) -> EllipsisStyle {
        self.ellipses
    }
    /// The spin mode.
    #[must_use]
    pub fn get_spin(&self) -> SpinMode {
        self.spin
    }
    /// The spin rewrite threshold.
    #[must_use]
    pub fn get_spin_threshold(&self) -> f32 {
        self.spin_threshold
    }
    /// Whether page chrome is stripped.
    #[must_use]
    pub fn get_strip_chrome(&self) -> bool {
        self.strip_chrome
    }
    /// The input size limit.
    #[must_use]
    pub fn get_max_input_bytes(&self) -> usize {
        self.max_input_bytes
    }
    /// The caller-named encoding, if any.
    #[must_use]
    pub fn get_encoding(&self) -> Option<&str> {
        self.encoding.as_deref()
    }

    /// Checks every value is in range.
    ///
    /// # Errors
    /// [`Error::InvalidOption`] for a spin threshold outside [0, 1] or a
    /// zero input limit; [`Error::UnknownEncoding`] for an encoding label
    /// the WHATWG Encoding Standard does not know.
    ///
    /// # Examples
    /// ```
    /// use artnorm::Options;
    /// assert!(Options::default().validate().is_ok());
    /// assert!(Options::default().spin_threshold(1.5).validate().is_err());
    /// assert!(Options::default().encoding("latin1").validate().is_ok());
    /// assert!(Options::default().encoding("klingon").validate().is_err());
    /// ```
    pub fn validate(&self) -> Result<(), Error> {
        if !(0.0..=1.0).contains(&self.spin_threshold) {
            return Err(Error::InvalidOption(format!(
                "spin_threshold {} is outside [0, 1]",
                self.spin_threshold
            )));
        }
        if self.max_input_bytes == 0 {
            return Err(Error::InvalidOption("max_input_bytes is 0".to_owned()));
        }
        if let Some(label) = &self.encoding {
            crate::pipeline::decode::encoding_for_label(label)?;
        }
        Ok(())
    }
}
