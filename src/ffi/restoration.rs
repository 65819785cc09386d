//! Restoring a spun article from a candidate original.

use serde::Serialize;

use super::article::artnorm_article;
use super::artnorm_status;
use super::guard::{arg_ref, arg_str, at, free_raw, guard, guard_or, into_raw, Failure, Out};
use super::string::{artnorm_str, artnorm_string};
use crate::article::Article;
use crate::{Restoration, RestoredPhrase};

/// The result of `artnorm_restore_from`: the article with the original
/// wording copied back, and what was restored. Released with
/// `artnorm_restoration_free`.
///
/// The restored article (`artnorm_restoration_article`) and every view read
/// from the restoration or that article live until the restoration is
/// freed.
///
/// Thread safety: immutable; any number of threads may read one restoration
/// (and its article) at once. Free it once, when no thread uses it, its
/// article or a view of either any more.
#[derive(Debug)]
pub struct artnorm_restoration {
    /// The restored article, lent out as a `const artnorm_article *`.
    article: artnorm_article,
    restored: Vec<RestoredPhrase>,
    words_restored: usize,
    words_total: usize,
    aligned: f32,
}

impl artnorm_restoration {
    pub(crate) fn new(restoration: Restoration) -> artnorm_restoration {
        let Restoration {
            article,
            restored,
            words_restored,
            words_total,
            aligned,
        } = restoration;
        artnorm_restoration {
            article: artnorm_article::new(article),
            restored,
            words_restored,
            words_total,
            aligned,
        }
    }
}

/// The JSON of a restoration, borrowing its parts: the same fields, in the
/// same order, as the Rust `Restoration` (a test compares the two).
#[derive(Serialize)]
struct RestorationJson<'a> {
    article: &'a Article,
    restored: &'a [RestoredPhrase],
    words_restored: usize,
    words_total: usize,
    aligned: f32,
}

/// Aligns `article` (typically spun) with a candidate original, the `len`
/// bytes of UTF-8 at `original` (its raw text; page chrome in it is fine,
/// only its wording is copied), and copies the original wording back where
/// the alignment is confident. Writes a new restoration handle to `*out`,
/// which the caller frees with `artnorm_restoration_free`; `article` itself
/// is not changed. When the two texts are not copies of each other (under
/// half the article's words align) nothing is restored: the restoration's
/// article reads like `article` and it lists no phrases.
///
/// Returns `ARTNORM_STATUS_NULL_ARGUMENT` (`article` or `out` NULL, or
/// `original` NULL with `len > 0`) or `ARTNORM_STATUS_INVALID_UTF8`;
/// `*out` is written only on success.
///
/// # Safety
/// `article` is NULL or a live article; `original` is NULL or points to
/// `len` readable bytes; `out` is NULL or writable.
///
/// Thread safety: may be called from any number of threads at once, also
/// with the same article.
#[no_mangle]
pub unsafe extern "C" fn artnorm_restore_from(
    article: *const artnorm_article,
    original: *const u8,
    len: usize,
    out: *mut *mut artnorm_restoration,
) -> artnorm_status {
    guard(|| {
        // SAFETY: the caller's contract.
        let out = unsafe { Out::new(out, "out") }?;
        // SAFETY: the caller's contract.
        let article = unsafe { arg_ref(article, "article") }?;
        // SAFETY: the caller's contract.
        let original = unsafe { arg_str(original, len, "original") }?;
        let restoration = crate::restore_from(&article.article, original);
        out.write(into_raw(artnorm_restoration::new(restoration)));
        Ok(())
    })
}

/// Frees a restoration, with its article. NULL does nothing.
///
/// # Safety
/// `restoration` is NULL or a live restoration not used afterwards; its
/// article and every view read from either are invalid afterwards.
///
/// Thread safety: call once, when no other thread uses the restoration or
/// its article.
#[no_mangle]
pub unsafe extern "C" fn artnorm_restoration_free(restoration: *mut artnorm_restoration) {
    // SAFETY: the caller's contract.
    guard_or((), || unsafe { free_raw(restoration) });
}

/// Runs an accessor: checks `restoration` and `out`, then writes what `read`
/// returns.
///
/// # Safety
/// `restoration` is NULL or a live restoration; `out` is NULL or writable.
unsafe fn read<T>(
    restoration: *const artnorm_restoration,
    out: *mut T,
    read: impl FnOnce(&artnorm_restoration) -> Result<T, Failure>,
) -> artnorm_status {
    guard(|| {
        // SAFETY: the caller's contract.
        let out = unsafe { Out::new(out, "out") }?;
        // SAFETY: the caller's contract.
        let restoration = unsafe { arg_ref(restoration, "restoration") }?;
        out.write(read(restoration)?);
        Ok(())
    })
}

/// Writes the restored article to `*out`: a borrowed handle, owned by the
/// restoration. Read it with every `artnorm_article_*` function, but do not
/// free it: it lives, like the views read from it, until
/// `artnorm_restoration_free(restoration)`.
///
/// # Safety
/// `restoration` is NULL or a live restoration; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn artnorm_restoration_article(
    restoration: *const artnorm_restoration,
    out: *mut *const artnorm_article,
) -> artnorm_status {
    // SAFETY: forwarded contract.
    unsafe { read(restoration, out, |r| Ok(&raw const r.article)) }
}

/// The number of phrases copied back from the original, in reading order; 0
/// for a NULL restoration.
///
/// # Safety
/// `restoration` is NULL or a live restoration.
#[no_mangle]
pub unsafe extern "C" fn artnorm_restoration_phrase_count(
    restoration: *const artnorm_restoration,
) -> usize {
    guard_or(0, || {
        // SAFETY: the caller's contract.
        unsafe { restoration.as_ref() }.map_or(0, |r| r.restored.len())
    })
}

/// The restored phrase at `index`, or an out-of-range failure.
fn phrase(restoration: &artnorm_restoration, index: usize) -> Result<&RestoredPhrase, Failure> {
    at(&restoration.restored, index, "restored phrase")
}

/// Writes a view of restored phrase `index` as the spun article had it to
/// `*out`. Returns `ARTNORM_STATUS_OUT_OF_RANGE` for `index >=
/// artnorm_restoration_phrase_count(restoration)`.
///
/// # Safety
/// `restoration` is NULL or a live restoration; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn artnorm_restoration_phrase_found(
    restoration: *const artnorm_restoration,
    index: usize,
    out: *mut artnorm_str,
) -> artnorm_status {
    // SAFETY: forwarded contract.
    unsafe {
        read(restoration, out, |r| {
            phrase(r, index).map(|p| artnorm_str::of(&p.found))
        })
    }
}

/// Writes a view of the original's wording that replaced restored phrase
/// `index` to `*out`. Returns `ARTNORM_STATUS_OUT_OF_RANGE` for an index
/// past the end.
///
/// # Safety
/// `restoration` is NULL or a live restoration; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn artnorm_restoration_phrase_original(
    restoration: *const artnorm_restoration,
    index: usize,
    out: *mut artnorm_str,
) -> artnorm_status {
    // SAFETY: forwarded contract.
    unsafe {
        read(restoration, out, |r| {
            phrase(r, index).map(|p| artnorm_str::of(&p.original))
        })
    }
}

/// Writes how many words of the article's text were replaced to `*out`.
///
/// # Safety
/// `restoration` is NULL or a live restoration; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn artnorm_restoration_words_restored(
    restoration: *const artnorm_restoration,
    out: *mut usize,
) -> artnorm_status {
    // SAFETY: forwarded contract.
    unsafe { read(restoration, out, |r| Ok(r.words_restored)) }
}

/// Writes how many words the article's text has in all to `*out`.
///
/// # Safety
/// `restoration` is NULL or a live restoration; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn artnorm_restoration_words_total(
    restoration: *const artnorm_restoration,
    out: *mut usize,
) -> artnorm_status {
    // SAFETY: forwarded contract.
    unsafe { read(restoration, out, |r| Ok(r.words_total)) }
}

/// Writes the share of the article's words that the alignment matched word
/// for word with the original, in [0, 1], to `*out`; below 0.5 the texts
/// were taken to be different stories and nothing was restored.
///
/// # Safety
/// `restoration` is NULL or a live restoration; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn artnorm_restoration_aligned(
    restoration: *const artnorm_restoration,
    out: *mut f32,
) -> artnorm_status {
    // SAFETY: forwarded contract.
    unsafe { read(restoration, out, |r| Ok(r.aligned)) }
}

/// Renders the restoration as compact JSON into a new string written to
/// `*out`; free it with `artnorm_string_free`. The object has the fields
/// `article` (the restored article, as `artnorm_article_to_json` renders
/// it), `restored` (`[{"found":…,"original":…}, …]`), `words_restored`,
/// `words_total` and `aligned`.
///
/// # Safety
/// `restoration` is NULL or a live restoration; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn artnorm_restoration_to_json(
    restoration: *const artnorm_restoration,
    out: *mut *mut artnorm_string,
) -> artnorm_status {
    // SAFETY: forwarded contract.
    unsafe {
        read(restoration, out, |r| {
            let json = RestorationJson {
                article: &r.article.article,
                restored: &r.restored,
                words_restored: r.words_restored,
                words_total: r.words_total,
                aligned: r.aligned,
            };
            // Serializing plain structs, strings and numbers cannot fail; a
            // non-finite f32 becomes `null` rather than an error.
            let text = serde_json::to_string(&json).unwrap_or_default();
            Ok(into_raw(artnorm_string::new(text)))
        })
    }
}
