//! Spin-robust fingerprints and article similarity.

use super::article::artnorm_article;
use super::artnorm_status;
use super::guard::{arg_ref, at, free_raw, guard, guard_or, into_raw, Out};
use crate::Fingerprint;

/// A spin-robust fingerprint of an article (a MinHash signature of
/// `ARTNORM_SIGNATURE_LEN` values over consecutive pairs of its numbers and
/// capitalised names), made by `artnorm_article_fingerprint` and released
/// with `artnorm_fingerprint_free`. It does not refer to the article: it may
/// outlive it. Compare two with `artnorm_fingerprint_similarity`.
///
/// Thread safety: immutable; any number of threads may read and compare one
/// fingerprint at once. Free it once, when no thread uses it any more.
#[derive(Debug)]
pub struct artnorm_fingerprint {
    pub(crate) fingerprint: Fingerprint,
}

/// Computes the fingerprint of `article` and writes a new fingerprint
/// handle to `*out`, which the caller frees with `artnorm_fingerprint_free`.
/// Keep fingerprints rather than articles when comparing many articles.
///
/// Returns `ARTNORM_STATUS_NULL_ARGUMENT` when an argument is NULL; `*out`
/// is written only on success.
///
/// # Safety
/// `article` is NULL or a live article; `out` is NULL or writable.
///
/// Thread safety: may be called from any number of threads at once, also
/// with the same article.
#[no_mangle]
pub unsafe extern "C" fn artnorm_article_fingerprint(
    article: *const artnorm_article,
    out: *mut *mut artnorm_fingerprint,
) -> artnorm_status {
    guard(|| {
        // SAFETY: the caller's contract.
        let out = unsafe { Out::new(out, "out") }?;
        // SAFETY: the caller's contract.
        let article = unsafe { arg_ref(article, "article") }?;
        let fingerprint = article.article.fingerprint();
        out.write(into_raw(artnorm_fingerprint { fingerprint }));
        Ok(())
    })
}

/// Frees a fingerprint. NULL does nothing.
///
/// # Safety
/// `fingerprint` is NULL or a live fingerprint not used afterwards.
///
/// Thread safety: call once, when no other thread uses the fingerprint.
#[no_mangle]
pub unsafe extern "C" fn artnorm_fingerprint_free(fingerprint: *mut artnorm_fingerprint) {
    // SAFETY: the caller's contract.
    guard_or((), || unsafe { free_raw(fingerprint) });
}

/// The number of MinHash values of a fingerprint: `ARTNORM_SIGNATURE_LEN`,
/// or 0 when the article has fewer than two anchors (numbers or names
/// inside sentences) or for a NULL fingerprint.
///
/// # Safety
/// `fingerprint` is NULL or a live fingerprint.
#[no_mangle]
pub unsafe extern "C" fn artnorm_fingerprint_len(fingerprint: *const artnorm_fingerprint) -> usize {
    guard_or(0, || {
        // SAFETY: the caller's contract.
        unsafe { fingerprint.as_ref() }.map_or(0, |f| f.fingerprint.minhash.len())
    })
}

/// Writes MinHash value `index` of the fingerprint (the minimum hash of the
/// article's anchor pairs under hash function `index`) to `*out`. Returns
/// `ARTNORM_STATUS_OUT_OF_RANGE` for `index >=
/// artnorm_fingerprint_len(fingerprint)`.
///
/// # Safety
/// `fingerprint` is NULL or a live fingerprint; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn artnorm_fingerprint_value(
    fingerprint: *const artnorm_fingerprint,
    index: usize,
    out: *mut u64,
) -> artnorm_status {
    guard(|| {
        // SAFETY: the caller's contract.
        let out = unsafe { Out::new(out, "out") }?;
        // SAFETY: the caller's contract.
        let fingerprint = unsafe { arg_ref(fingerprint, "fingerprint") }?;
        out.write(*at(
            &fingerprint.fingerprint.minhash,
            index,
            "fingerprint value",
        )?);
        Ok(())
    })
}

/// Writes how many distinct anchor pairs the fingerprint summarises to
/// `*out` (0 when it has no values).
///
/// # Safety
/// `fingerprint` is NULL or a live fingerprint; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn artnorm_fingerprint_pairs(
    fingerprint: *const artnorm_fingerprint,
    out: *mut usize,
) -> artnorm_status {
    guard(|| {
        // SAFETY: the caller's contract.
        let out = unsafe { Out::new(out, "out") }?;
        // SAFETY: the caller's contract.
        let fingerprint = unsafe { arg_ref(fingerprint, "fingerprint") }?;
        out.write(fingerprint.fingerprint.pairs);
        Ok(())
    })
}

/// Writes the estimated Jaccard similarity of the anchor pairs of the two
/// fingerprints' articles, in [0, 1], to `*out`: a spun copy scores high
/// against its source, another story on the same topic low; 0 when either
/// has no values.
///
/// Returns `ARTNORM_STATUS_NULL_ARGUMENT` when an argument is NULL.
///
/// # Safety
/// `a` and `b` are NULL or live fingerprints (possibly the same); `out` is
/// NULL or writable.
///
/// Thread safety: may be called from any number of threads at once, also
/// with the same fingerprints.
#[no_mangle]
pub unsafe extern "C" fn artnorm_fingerprint_similarity(
    a: *const artnorm_fingerprint,
    b: *const artnorm_fingerprint,
    out: *mut f32,
) -> artnorm_status {
    guard(|| {
        // SAFETY: the caller's contract.
        let out = unsafe { Out::new(out, "out") }?;
        // SAFETY: the caller's contract.
        let a = unsafe { arg_ref(a, "a") }?;
        // SAFETY: the caller's contract.
        let b = unsafe { arg_ref(b, "b") }?;
        out.write(a.fingerprint.similarity(&b.fingerprint));
        Ok(())
    })
}

/// Writes the similarity of two articles' fingerprints, in [0, 1], to
/// `*out`: shorthand for fingerprinting both and calling
/// `artnorm_fingerprint_similarity`. Keep fingerprints instead when
/// comparing many articles.
///
/// Returns `ARTNORM_STATUS_NULL_ARGUMENT` when an argument is NULL.
///
/// # Safety
/// `a` and `b` are NULL or live articles (possibly the same); `out` is NULL
/// or writable.
///
/// Thread safety: may be called from any number of threads at once, also
/// with the same articles.
#[no_mangle]
pub unsafe extern "C" fn artnorm_article_similarity(
    a: *const artnorm_article,
    b: *const artnorm_article,
    out: *mut f32,
) -> artnorm_status {
    guard(|| {
        // SAFETY: the caller's contract.
        let out = unsafe { Out::new(out, "out") }?;
        // SAFETY: the caller's contract.
        let a = unsafe { arg_ref(a, "a") }?;
        // SAFETY: the caller's contract.
        let b = unsafe { arg_ref(b, "b") }?;
        out.write(crate::similarity(&a.article, &b.article));
        Ok(())
    })
}
