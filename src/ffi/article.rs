//! Normalizing and reading an article.

use super::artnorm_status;
use super::guard::{arg_bytes, arg_ref, at, free_raw, guard, guard_or, into_raw, Failure, Out};
use super::options::artnorm_options;
use super::string::{artnorm_str, artnorm_string};
use crate::article::{Article, Block};
use crate::Normalizer;

/// A normalized article, made by `artnorm_normalize` and released with
/// `artnorm_article_free`. Read it with the `artnorm_article_*` accessors or
/// as JSON with `artnorm_article_to_json`. Every view read from it lives
/// until it is freed.
///
/// Thread safety: immutable; any number of threads may call accessors and
/// renderers on one article at once. Free it once, when no thread uses it
/// or a view of it any more.
#[derive(Debug)]
pub struct artnorm_article {
    pub(crate) article: Article,
    /// `published` as `YYYY-MM-DD`, kept so a view of it can be lent out.
    published: Option<String>,
}

impl artnorm_article {
    pub(crate) fn new(article: Article) -> artnorm_article {
        let published = article.published.map(|date| date.to_string());
        artnorm_article { article, published }
    }
}

/// The type of a body block (`artnorm_article_block_type`).
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum artnorm_block_type {
    /// A paragraph of running text.
    Paragraph = 0,
    /// A subheading inside the body.
    Heading = 1,
    /// A block quotation set apart from the running text.
    Quote = 2,
    /// One item of a bulleted or numbered list.
    ListItem = 3,
    /// A picture: credit, alt text and caption, each possibly missing.
    Figure = 4,
}

impl artnorm_block_type {
    fn of(block: &Block) -> artnorm_block_type {
        match block {
            Block::Paragraph { .. } => artnorm_block_type::Paragraph,
            Block::Heading { .. } => artnorm_block_type::Heading,
            Block::Quote { .. } => artnorm_block_type::Quote,
            Block::ListItem { .. } => artnorm_block_type::ListItem,
            Block::Figure { .. } => artnorm_block_type::Figure,
        }
    }
}

/// A byte range `start..end` into the caller's input (a BOM counts).
///
/// Thread safety: plain data.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct artnorm_span {
    /// First byte of the range.
    pub start: usize,
    /// One past the last byte of the range.
    pub end: usize,
}

impl From<crate::article::Span> for artnorm_span {
    fn from(span: crate::article::Span) -> artnorm_span {
        artnorm_span {
            start: span.start,
            end: span.end,
        }
    }
}

/// Normalizes the article text in the `len` bytes at `text` (UTF-8, with or
/// without a BOM) and writes a new article handle to `*out`, which the
/// caller frees with `artnorm_article_free`. `options` NULL means the
/// defaults. `(NULL, 0)` is empty input.
///
/// Returns `ARTNORM_STATUS_NULL_ARGUMENT` (`out` NULL, or `text` NULL with
/// `len > 0`), `ARTNORM_STATUS_INVALID_UTF8`, `ARTNORM_STATUS_EMPTY_INPUT`,
/// `ARTNORM_STATUS_INPUT_TOO_LARGE`, `ARTNORM_STATUS_INVALID_OPTION`,
/// `ARTNORM_STATUS_UNKNOWN_ENCODING`; `*out` is written only on success.
///
/// # Safety
/// `text` is NULL or points to `len` readable bytes; `options` is NULL or a
/// live options handle; `out` is NULL or writable.
///
/// Thread safety: may be called from any number of threads at once, also
/// with the same options.
#[no_mangle]
pub unsafe extern "C" fn artnorm_normalize(
    text: *const u8,
    len: usize,
    options: *const artnorm_options,
    out: *mut *mut artnorm_article,
) -> artnorm_status {
    guard(|| {
        // SAFETY: the caller's contract.
        let out = unsafe { Out::new(out, "out") }?;
        // SAFETY: the caller's contract.
        let bytes = unsafe { arg_bytes(text, len, "text") }?;
        // SAFETY: the caller's contract; NULL means the defaults.
        let normalizer = match unsafe { options.as_ref() } {
            Some(options) => Normalizer::new(options.options.clone())?,
            None => Normalizer::default(),
        };
        let article = normalizer.normalize_bytes(bytes)?;
        out.write(into_raw(artnorm_article::new(article)));
        Ok(())
    })
}

/// Frees an article. NULL does nothing.
///
/// # Safety
/// `article` is NULL or a live article not used afterwards; every view read
/// from it is invalid afterwards.
///
/// Thread safety: call once, when no other thread uses the article.
#[no_mangle]
pub unsafe extern "C" fn artnorm_article_free(article: *mut artnorm_article) {
    // SAFETY: the caller's contract.
    guard_or((), || unsafe { free_raw(article) });
}

/// Runs an accessor: checks `article` and `out`, then writes what `read`
/// returns.
///
/// # Safety
/// `article` is NULL or a live article; `out` is NULL or writable.
unsafe fn read<T>(
    article: *const artnorm_article,
    out: *mut T,
    read: impl FnOnce(&artnorm_article) -> Result<T, Failure>,
) -> artnorm_status {
    guard(|| {
        // SAFETY: the caller's contract.
        let out = unsafe { Out::new(out, "out") }?;
        // SAFETY: the caller's contract.
        let article = unsafe { arg_ref(article, "article") }?;
        out.write(read(article)?);
        Ok(())
    })
}

/// Runs a count: 0 for a NULL article.
///
/// # Safety
/// `article` is NULL or a live article.
unsafe fn count(article: *const artnorm_article, count: impl FnOnce(&Article) -> usize) -> usize {
    guard_or(0, || {
        // SAFETY: the caller's contract.
        unsafe { article.as_ref() }.map_or(0, |a| count(&a.article))
    })
}

/// Writes the JSON schema version of the article (`ARTNORM_SCHEMA_VERSION`)
/// to `*out`.
///
/// # Safety
/// `article` is NULL or a live article; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn artnorm_article_schema(
    article: *const artnorm_article,
    out: *mut u32,
) -> artnorm_status {
    // SAFETY: forwarded contract.
    unsafe { read(article, out, |a| Ok(a.article.schema)) }
}

/// Writes a view of the headline to `*out` (NULL view when there is none).
///
/// # Safety
/// `article` is NULL or a live article; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn artnorm_article_title(
    article: *const artnorm_article,
    out: *mut artnorm_str,
) -> artnorm_status {
    // SAFETY: forwarded contract.
    unsafe {
        read(article, out, |a| {
            Ok(artnorm_str::of_opt(a.article.title.as_deref()))
        })
    }
}

/// Writes a view of the site's category label to `*out` (NULL view when
/// there is none; CMS placeholders like `Uncategorized` are no category).
///
/// # Safety
/// `article` is NULL or a live article; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn artnorm_article_category(
    article: *const artnorm_article,
    out: *mut artnorm_str,
) -> artnorm_status {
    // SAFETY: forwarded contract.
    unsafe {
        read(article, out, |a| {
            Ok(artnorm_str::of_opt(a.article.category.as_deref()))
        })
    }
}

/// Writes a view of the publication date as `YYYY-MM-DD` to `*out` (NULL
/// view when the input had no explicit date line).
///
/// # Safety
/// `article` is NULL or a live article; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn artnorm_article_published(
    article: *const artnorm_article,
    out: *mut artnorm_str,
) -> artnorm_status {
    // SAFETY: forwarded contract.
    unsafe {
        read(article, out, |a| {
            Ok(artnorm_str::of_opt(a.published.as_deref()))
        })
    }
}

/// Writes 1 to `*out` when the article has a byline (authors, an outlet or
/// both), else 0.
///
/// # Safety
/// `article` is NULL or a live article; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn artnorm_article_has_byline(
    article: *const artnorm_article,
    out: *mut u32,
) -> artnorm_status {
    // SAFETY: forwarded contract.
    unsafe { read(article, out, |a| Ok(u32::from(a.article.byline.is_some()))) }
}

/// The number of byline authors; 0 without a byline or for a NULL article.
///
/// # Safety
/// `article` is NULL or a live article.
#[no_mangle]
pub unsafe extern "C" fn artnorm_article_byline_author_count(
    article: *const artnorm_article,
) -> usize {
    // SAFETY: forwarded contract.
    unsafe {
        count(article, |a| {
            a.byline.as_ref().map_or(0, |b| b.authors.len())
        })
    }
}

/// Writes a view of byline author `index` to `*out`. Returns
/// `ARTNORM_STATUS_OUT_OF_RANGE` for `index >=
/// artnorm_article_byline_author_count(article)`.
///
/// # Safety
/// `article` is NULL or a live article; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn artnorm_article_byline_author(
    article: *const artnorm_article,
    index: usize,
    out: *mut artnorm_str,
) -> artnorm_status {
    // SAFETY: forwarded contract.
    unsafe {
        read(article, out, |a| {
            let authors = a
                .article
                .byline
                .as_ref()
                .map_or(&[][..], |b| &b.authors[..]);
            at(authors, index, "byline author").map(|s| artnorm_str::of(s))
        })
    }
}

/// Writes a view of the outlet the byline names (`BBC News`) to `*out`
/// (NULL view when there is none).
///
/// # Safety
/// `article` is NULL or a live article; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn artnorm_article_byline_outlet(
    article: *const artnorm_article,
    out: *mut artnorm_str,
) -> artnorm_status {
    // SAFETY: forwarded contract.
    unsafe {
        read(article, out, |a| {
            Ok(artnorm_str::of_opt(
                a.article.byline.as_ref().and_then(|b| b.outlet.as_deref()),
            ))
        })
    }
}

/// The number of body blocks; 0 for a NULL article.
///
/// # Safety
/// `article` is NULL or a live article.
#[no_mangle]
pub unsafe extern "C" fn artnorm_article_block_count(article: *const artnorm_article) -> usize {
    // SAFETY: forwarded contract.
    unsafe { count(article, |a| a.blocks.len()) }
}

/// The block at `index`, or an out-of-range failure.
fn block(article: &artnorm_article, index: usize) -> Result<&Block, Failure> {
    at(&article.article.blocks, index, "block")
}

/// The figure fields of `block`: (credit, alt, caption); NULL views for
/// other blocks.
fn figure(block: &Block) -> (artnorm_str, artnorm_str, artnorm_str) {
    match block {
        Block::Figure {
            credit,
            alt,
            caption,
        } => (
            artnorm_str::of_opt(credit.as_deref()),
            artnorm_str::of_opt(alt.as_deref()),
            artnorm_str::of_opt(caption.as_deref()),
        ),
        _ => (artnorm_str::NULL, artnorm_str::NULL, artnorm_str::NULL),
    }
}

/// Writes the type of block `index` (an `artnorm_block_type` value) to
/// `*out`. Returns `ARTNORM_STATUS_OUT_OF_RANGE` for `index >=
/// artnorm_article_block_count(article)`.
///
/// # Safety
/// `article` is NULL or a live article; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn artnorm_article_block_type(
    article: *const artnorm_article,
    index: usize,
    out: *mut u32,
) -> artnorm_status {
    // SAFETY: forwarded contract.
    unsafe {
        read(article, out, |a| {
            block(a, index).map(|b| artnorm_block_type::of(b) as u32)
        })
    }
}

/// Writes a view of the text of block `index` to `*out`: the text of a
/// paragraph, heading, quote or list item; a NULL view for a figure.
/// Returns `ARTNORM_STATUS_OUT_OF_RANGE` for an index past the end.
///
/// # Safety
/// `article` is NULL or a live article; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn artnorm_article_block_text(
    article: *const artnorm_article,
    index: usize,
    out: *mut artnorm_str,
) -> artnorm_status {
    // SAFETY: forwarded contract.
    unsafe {
        read(article, out, |a| {
            block(a, index).map(|b| artnorm_str::of_opt(b.text()))
        })
    }
}

/// Writes a view of the credit of figure block `index` to `*out`
/// (`Sputnik / Getty Images`); a NULL view when it has none or the block is
/// not a figure. Returns `ARTNORM_STATUS_OUT_OF_RANGE` for an index past the
/// end.
///
/// # Safety
/// `article` is NULL or a live article; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn artnorm_article_block_credit(
    article: *const artnorm_article,
    index: usize,
    out: *mut artnorm_str,
) -> artnorm_status {
    // SAFETY: forwarded contract.
    unsafe { read(article, out, |a| block(a, index).map(|b| figure(b).0)) }
}

/// Writes a view of the alt text of figure block `index` to `*out`; a NULL
/// view when it has none or the block is not a figure. Returns
/// `ARTNORM_STATUS_OUT_OF_RANGE` for an index past the end.
///
/// # Safety
/// `article` is NULL or a live article; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn artnorm_article_block_alt(
    article: *const artnorm_article,
    index: usize,
    out: *mut artnorm_str,
) -> artnorm_status {
    // SAFETY: forwarded contract.
    unsafe { read(article, out, |a| block(a, index).map(|b| figure(b).1)) }
}

/// Writes a view of the visible caption of figure block `index` to `*out`;
/// a NULL view when it has none or the block is not a figure. Returns
/// `ARTNORM_STATUS_OUT_OF_RANGE` for an index past the end.
///
/// # Safety
/// `article` is NULL or a live article; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn artnorm_article_block_caption(
    article: *const artnorm_article,
    index: usize,
    out: *mut artnorm_str,
) -> artnorm_status {
    // SAFETY: forwarded contract.
    unsafe { read(article, out, |a| block(a, index).map(|b| figure(b).2)) }
}

/// The number of contributors ("Additional reporting by …"); 0 for a NULL
/// article.
///
/// # Safety
/// `article` is NULL or a live article.
#[no_mangle]
pub unsafe extern "C" fn artnorm_article_contributor_count(
    article: *const artnorm_article,
) -> usize {
    // SAFETY: forwarded contract.
    unsafe { count(article, |a| a.contributors.len()) }
}

/// Writes a view of contributor `index` to `*out`. Returns
/// `ARTNORM_STATUS_OUT_OF_RANGE` for an index past the end.
///
/// # Safety
/// `article` is NULL or a live article; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn artnorm_article_contributor(
    article: *const artnorm_article,
    index: usize,
    out: *mut artnorm_str,
) -> artnorm_status {
    // SAFETY: forwarded contract.
    unsafe {
        read(article, out, |a| {
            at(&a.article.contributors, index, "contributor").map(|s| artnorm_str::of(s))
        })
    }
}

/// The number of audit-trail entries (pieces of input left out of the
/// article); 0 for a NULL article.
///
/// # Safety
/// `article` is NULL or a live article.
#[no_mangle]
pub unsafe extern "C" fn artnorm_article_removed_count(article: *const artnorm_article) -> usize {
    // SAFETY: forwarded contract.
    unsafe { count(article, |a| a.removed.len()) }
}

/// Writes a view of the kind of removed entry `index` to `*out`, as its
/// snake_case name (`ad_marker`, `source_link`, `share`, …, the names of the
/// JSON). Returns `ARTNORM_STATUS_OUT_OF_RANGE` for an index past the end.
///
/// # Safety
/// `article` is NULL or a live article; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn artnorm_article_removed_kind(
    article: *const artnorm_article,
    index: usize,
    out: *mut artnorm_str,
) -> artnorm_status {
    // SAFETY: forwarded contract.
    unsafe {
        read(article, out, |a| {
            at(&a.article.removed, index, "removed entry").map(|r| artnorm_str::of(r.kind.as_str()))
        })
    }
}

/// Writes a view of the text of removed entry `index` (as the input held it,
/// trimmed) to `*out`. Returns `ARTNORM_STATUS_OUT_OF_RANGE` for an index
/// past the end.
///
/// # Safety
/// `article` is NULL or a live article; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn artnorm_article_removed_text(
    article: *const artnorm_article,
    index: usize,
    out: *mut artnorm_str,
) -> artnorm_status {
    // SAFETY: forwarded contract.
    unsafe {
        read(article, out, |a| {
            at(&a.article.removed, index, "removed entry").map(|r| artnorm_str::of(&r.text))
        })
    }
}

/// Writes where removed entry `index` was in the caller's input to `*out`.
/// Returns `ARTNORM_STATUS_OUT_OF_RANGE` for an index past the end.
///
/// # Safety
/// `article` is NULL or a live article; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn artnorm_article_removed_span(
    article: *const artnorm_article,
    index: usize,
    out: *mut artnorm_span,
) -> artnorm_status {
    // SAFETY: forwarded contract.
    unsafe {
        read(article, out, |a| {
            at(&a.article.removed, index, "removed entry").map(|r| r.span.into())
        })
    }
}

/// The number of repair kinds applied (kinds with a non-zero count); 0 for a
/// NULL article.
///
/// # Safety
/// `article` is NULL or a live article.
#[no_mangle]
pub unsafe extern "C" fn artnorm_article_repair_count(article: *const artnorm_article) -> usize {
    // SAFETY: forwarded contract.
    unsafe { count(article, |a| a.repairs.iter().count()) }
}

/// Writes repair kind `index` (in a fixed order) to `*kind`, as its
/// snake_case name (`html_entity`, `mojibake`, …, the keys of the JSON), and
/// how many repairs of that kind were made to `*count`. Returns
/// `ARTNORM_STATUS_OUT_OF_RANGE` for an index past the end.
///
/// # Safety
/// `article` is NULL or a live article; `kind` and `count` are NULL or
/// writable.
#[no_mangle]
pub unsafe extern "C" fn artnorm_article_repair(
    article: *const artnorm_article,
    index: usize,
    kind: *mut artnorm_str,
    count: *mut u64,
) -> artnorm_status {
    guard(|| {
        // SAFETY: the caller's contract.
        let kind = unsafe { Out::new(kind, "kind") }?;
        // SAFETY: the caller's contract.
        let count = unsafe { Out::new(count, "count") }?;
        // SAFETY: the caller's contract.
        let article = unsafe { arg_ref(article, "article") }?;
        let repairs = &article.article.repairs;
        let (name, n) = repairs
            .iter()
            .nth(index)
            .ok_or_else(|| Failure::out_of_range("repair", index, repairs.iter().count()))?;
        kind.write(artnorm_str::of(name.as_str()));
        count.write(n);
        Ok(())
    })
}

/// Writes a view of the WHATWG name of the encoding the input was decoded
/// from (`UTF-8`, `windows-1252`, …) to `*out`.
///
/// # Safety
/// `article` is NULL or a live article; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn artnorm_article_encoding_name(
    article: *const artnorm_article,
    out: *mut artnorm_str,
) -> artnorm_status {
    // SAFETY: forwarded contract.
    unsafe {
        read(article, out, |a| {
            Ok(artnorm_str::of(&a.article.encoding.name))
        })
    }
}

/// Writes 1 to `*out` when the encoding was guessed by detection, 0 when it
/// was known (valid UTF-8, a BOM, or the `encoding` option).
///
/// # Safety
/// `article` is NULL or a live article; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn artnorm_article_encoding_detected(
    article: *const artnorm_article,
    out: *mut u32,
) -> artnorm_status {
    // SAFETY: forwarded contract.
    unsafe { read(article, out, |a| Ok(u32::from(a.article.encoding.detected))) }
}

/// Writes 1 to `*out` when the input began with a byte-order mark, else 0.
///
/// # Safety
/// `article` is NULL or a live article; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn artnorm_article_encoding_bom(
    article: *const artnorm_article,
    out: *mut u32,
) -> artnorm_status {
    // SAFETY: forwarded contract.
    unsafe { read(article, out, |a| Ok(u32::from(a.article.encoding.bom))) }
}

/// Writes 1 to `*out` when the article as a whole looks machine-spun, else 0.
///
/// # Safety
/// `article` is NULL or a live article; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn artnorm_article_spin_is_spun(
    article: *const artnorm_article,
    out: *mut u32,
) -> artnorm_status {
    // SAFETY: forwarded contract.
    unsafe { read(article, out, |a| Ok(u32::from(a.article.spin.is_spun))) }
}

/// Writes the strength of the spin evidence, in [0, 1], to `*out`.
///
/// # Safety
/// `article` is NULL or a live article; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn artnorm_article_spin_score(
    article: *const artnorm_article,
    out: *mut f32,
) -> artnorm_status {
    // SAFETY: forwarded contract.
    unsafe { read(article, out, |a| Ok(a.article.spin.score)) }
}

/// The number of spin findings (phrases that look machine-spun); 0 for a
/// NULL article.
///
/// # Safety
/// `article` is NULL or a live article.
#[no_mangle]
pub unsafe extern "C" fn artnorm_article_spin_finding_count(
    article: *const artnorm_article,
) -> usize {
    // SAFETY: forwarded contract.
    unsafe { count(article, |a| a.spin.findings.len()) }
}

/// The finding at `index`, or an out-of-range failure.
fn finding(
    article: &artnorm_article,
    index: usize,
) -> Result<&crate::article::SpinFinding, Failure> {
    at(&article.article.spin.findings, index, "spin finding")
}

/// Writes where spin finding `index` is in the caller's input to `*out`.
/// Returns `ARTNORM_STATUS_OUT_OF_RANGE` for an index past the end.
///
/// # Safety
/// `article` is NULL or a live article; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn artnorm_article_spin_finding_span(
    article: *const artnorm_article,
    index: usize,
    out: *mut artnorm_span,
) -> artnorm_status {
    // SAFETY: forwarded contract.
    unsafe { read(article, out, |a| finding(a, index).map(|f| f.span.into())) }
}

/// Writes a view of the phrase of spin finding `index`, as found, to
/// `*out`. Returns `ARTNORM_STATUS_OUT_OF_RANGE` for an index past the end.
///
/// # Safety
/// `article` is NULL or a live article; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn artnorm_article_spin_finding_found(
    article: *const artnorm_article,
    index: usize,
    out: *mut artnorm_str,
) -> artnorm_status {
    // SAFETY: forwarded contract.
    unsafe {
        read(article, out, |a| {
            finding(a, index).map(|f| artnorm_str::of(&f.found))
        })
    }
}

/// Writes a view of the wording spin finding `index` most likely replaced
/// to `*out`. Returns `ARTNORM_STATUS_OUT_OF_RANGE` for an index past the
/// end.
///
/// # Safety
/// `article` is NULL or a live article; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn artnorm_article_spin_finding_suggestion(
    article: *const artnorm_article,
    index: usize,
    out: *mut artnorm_str,
) -> artnorm_status {
    // SAFETY: forwarded contract.
    unsafe {
        read(article, out, |a| {
            finding(a, index).map(|f| artnorm_str::of(&f.suggestion))
        })
    }
}

/// Writes how sure the rule behind spin finding `index` is, in [0, 1], to
/// `*out`. Returns `ARTNORM_STATUS_OUT_OF_RANGE` for an index past the end.
///
/// # Safety
/// `article` is NULL or a live article; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn artnorm_article_spin_finding_confidence(
    article: *const artnorm_article,
    index: usize,
    out: *mut f32,
) -> artnorm_status {
    // SAFETY: forwarded contract.
    unsafe { read(article, out, |a| finding(a, index).map(|f| f.confidence)) }
}

/// Writes a view of the name of the rule that found spin finding `index`
/// (`lexicon:news`, `name`, …) to `*out`. Returns
/// `ARTNORM_STATUS_OUT_OF_RANGE` for an index past the end.
///
/// # Safety
/// `article` is NULL or a live article; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn artnorm_article_spin_finding_rule(
    article: *const artnorm_article,
    index: usize,
    out: *mut artnorm_str,
) -> artnorm_status {
    // SAFETY: forwarded contract.
    unsafe {
        read(article, out, |a| {
            finding(a, index).map(|f| artnorm_str::of(&f.rule))
        })
    }
}

/// Writes 1 to `*out` when spin finding `index` was rewritten in the
/// article's text, else 0. Returns `ARTNORM_STATUS_OUT_OF_RANGE` for an
/// index past the end.
///
/// # Safety
/// `article` is NULL or a live article; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn artnorm_article_spin_finding_applied(
    article: *const artnorm_article,
    index: usize,
    out: *mut u32,
) -> artnorm_status {
    // SAFETY: forwarded contract.
    unsafe {
        read(article, out, |a| {
            finding(a, index).map(|f| u32::from(f.applied))
        })
    }
}

/// Renders with `render` into a new owned string.
///
/// # Safety
/// `article` is NULL or a live article; `out` is NULL or writable.
unsafe fn render(
    article: *const artnorm_article,
    out: *mut *mut artnorm_string,
    render: impl FnOnce(&Article) -> String,
) -> artnorm_status {
    // SAFETY: forwarded contract.
    unsafe {
        read(article, out, |a| {
            Ok(into_raw(artnorm_string::new(render(&a.article))))
        })
    }
}

/// Renders the article as compact JSON (schema `ARTNORM_SCHEMA_VERSION`,
/// documented in the README) into a new string written to `*out`; free it
/// with `artnorm_string_free`. The JSON holds every field the accessors
/// read.
///
/// # Safety
/// `article` is NULL or a live article; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn artnorm_article_to_json(
    article: *const artnorm_article,
    out: *mut *mut artnorm_string,
) -> artnorm_status {
    // SAFETY: forwarded contract.
    unsafe { render(article, out, Article::to_json) }
}

/// Renders the article as plain text (title, byline, date, blocks,
/// contributors; no boilerplate) into a new string written to `*out`; free
/// it with `artnorm_string_free`.
///
/// # Safety
/// `article` is NULL or a live article; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn artnorm_article_to_text(
    article: *const artnorm_article,
    out: *mut *mut artnorm_string,
) -> artnorm_status {
    // SAFETY: forwarded contract.
    unsafe { render(article, out, Article::to_text) }
}

/// Renders the article as CommonMark into a new string written to `*out`;
/// free it with `artnorm_string_free`.
///
/// # Safety
/// `article` is NULL or a live article; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn artnorm_article_to_markdown(
    article: *const artnorm_article,
    out: *mut *mut artnorm_string,
) -> artnorm_status {
    // SAFETY: forwarded contract.
    unsafe { render(article, out, Article::to_markdown) }
}

/// Writes the body alone (paragraphs, headings, quotes and list items, one a
/// line; no title, byline or figures) into a new string written to `*out`;
/// free it with `artnorm_string_free`.
///
/// # Safety
/// `article` is NULL or a live article; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn artnorm_article_body_text(
    article: *const artnorm_article,
    out: *mut *mut artnorm_string,
) -> artnorm_status {
    // SAFETY: forwarded contract.
    unsafe { render(article, out, Article::body_text) }
}
