//! Parsing a byline on its own.

use super::artnorm_status;
use super::guard::{arg_ref, arg_str, at, free_raw, guard, guard_or, into_raw, Out};
use super::string::{artnorm_str, artnorm_string};
use crate::article::Byline;

/// A byline parsed by `artnorm_parse_byline`, released with
/// `artnorm_byline_free`. Views read from it live until it is freed.
///
/// Thread safety: immutable; any number of threads may read one byline at
/// once. Free it once, when no thread uses it or a view of it any more.
#[derive(Debug)]
pub struct artnorm_byline {
    pub(crate) byline: Byline,
}

/// Parses a byline given on its own (from a feed or a CMS field) with the
/// rules `artnorm_normalize` applies: `By Jane Doe and John Roe, Reuters`,
/// `JANE DOE | AP`, `jane.doe@example.com`. On success writes a new byline
/// handle to `*out`, or NULL when the text names nobody (still
/// `ARTNORM_STATUS_OK`).
///
/// Returns `ARTNORM_STATUS_NULL_ARGUMENT` or `ARTNORM_STATUS_INVALID_UTF8`.
///
/// # Safety
/// `text` is NULL or points to `len` readable bytes; `out` is NULL or
/// writable.
///
/// Thread safety: may be called from any number of threads at once.
#[no_mangle]
pub unsafe extern "C" fn artnorm_parse_byline(
    text: *const u8,
    len: usize,
    out: *mut *mut artnorm_byline,
) -> artnorm_status {
    guard(|| {
        // SAFETY: the caller's contract.
        let out = unsafe { Out::new(out, "out") }?;
        // SAFETY: the caller's contract.
        let text = unsafe { arg_str(text, len, "text") }?;
        let parsed = crate::parse_byline(text);
        out.write(parsed.map_or(std::ptr::null_mut(), |byline| {
            into_raw(artnorm_byline { byline })
        }));
        Ok(())
    })
}

/// The number of authors of a byline; 0 for NULL.
///
/// # Safety
/// `byline` is NULL or a live byline.
#[no_mangle]
pub unsafe extern "C" fn artnorm_byline_author_count(byline: *const artnorm_byline) -> usize {
    guard_or(0, || {
        // SAFETY: the caller's contract.
        unsafe { byline.as_ref() }.map_or(0, |b| b.byline.authors.len())
    })
}

/// Writes a view of author `index` to `*out`. Returns
/// `ARTNORM_STATUS_OUT_OF_RANGE` for an index past the end.
///
/// # Safety
/// `byline` is NULL or a live byline; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn artnorm_byline_author(
    byline: *const artnorm_byline,
    index: usize,
    out: *mut artnorm_str,
) -> artnorm_status {
    guard(|| {
        // SAFETY: the caller's contract.
        let out = unsafe { Out::new(out, "out") }?;
        // SAFETY: the caller's contract.
        let byline = unsafe { arg_ref(byline, "byline") }?;
        out.write(artnorm_str::of(at(
            &byline.byline.authors,
            index,
            "author",
        )?));
        Ok(())
    })
}

/// Writes a view of the outlet the byline names to `*out` (NULL view when
/// there is none).
///
/// # Safety
/// `byline` is NULL or a live byline; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn artnorm_byline_outlet(
    byline: *const artnorm_byline,
    out: *mut artnorm_str,
) -> artnorm_status {
    guard(|| {
        // SAFETY: the caller's contract.
        let out = unsafe { Out::new(out, "out") }?;
        // SAFETY: the caller's contract.
        let byline = unsafe { arg_ref(byline, "byline") }?;
        out.write(artnorm_str::of_opt(byline.byline.outlet.as_deref()));
        Ok(())
    })
}

/// Renders the byline as JSON (`{"authors":[…],"outlet":…}`, as in the
/// article JSON) into a new string written to `*out`; free it with
/// `artnorm_string_free`.
///
/// # Safety
/// `byline` is NULL or a live byline; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn artnorm_byline_to_json(
    byline: *const artnorm_byline,
    out: *mut *mut artnorm_string,
) -> artnorm_status {
    guard(|| {
        // SAFETY: the caller's contract.
        let out = unsafe { Out::new(out, "out") }?;
        // SAFETY: the caller's contract.
        let byline = unsafe { arg_ref(byline, "byline") }?;
        // Serializing strings cannot fail.
        let json = serde_json::to_string(&byline.byline).unwrap_or_default();
        out.write(into_raw(artnorm_string::new(json)));
        Ok(())
    })
}

/// Frees a byline. NULL does nothing.
///
/// # Safety
/// `byline` is NULL or a live byline not used afterwards.
///
/// Thread safety: call once, when no other thread uses the byline.
#[no_mangle]
pub unsafe extern "C" fn artnorm_byline_free(byline: *mut artnorm_byline) {
    // SAFETY: the caller's contract.
    guard_or((), || unsafe { free_raw(byline) });
}
