//! The C ABI driven as a C caller would: options, normalize, every accessor
//! (in range and one past the end), every renderer, the byline parser, and
//! every free function, through raw pointers to the `extern "C"` symbols.
//!
//! Input layout: byte 0 picks options (quotes, dashes, ellipses, spin mode,
//! strip-chrome), byte 1 a small `max_input_bytes` cap when its top bit is
//! set; the rest is the text handed to `artnorm_normalize`.
#![no_main]

// Link the library: the target names none of its Rust items, only its
// `extern "C"` symbols.
extern crate artnorm;

use libfuzzer_sys::fuzz_target;
use std::ffi::{c_char, CStr};
use std::ptr;

#[repr(C)]
struct Opaque {
    _private: [u8; 0],
}
type Article = Opaque;
type Byline = Opaque;
type Options = Opaque;
type OwnedString = Opaque;

#[repr(C)]
#[derive(Clone, Copy)]
struct Str {
    ptr: *const u8,
    len: usize,
}

#[repr(C)]
#[derive(Clone, Copy)]
struct Span {
    start: usize,
    end: usize,
}

const OK: u32 = 0;
const NULL_ARGUMENT: u32 = 2;
const INVALID_OPTION: u32 = 6;
const OUT_OF_RANGE: u32 = 8;
const PANIC: u32 = 9;

extern "C" {
    fn artnorm_version() -> *const c_char;
    fn artnorm_status_str(status: u32) -> *const c_char;
    fn artnorm_last_error(buf: *mut c_char, cap: usize, written: *mut usize) -> u32;
    fn artnorm_normalize(text: *const u8, len: usize, options: *const Options, out: *mut *mut Article) -> u32;
    fn artnorm_article_free(article: *mut Article);
    fn artnorm_article_schema(a: *const Article, out: *mut u32) -> u32;
    fn artnorm_article_title(a: *const Article, out: *mut Str) -> u32;
    fn artnorm_article_category(a: *const Article, out: *mut Str) -> u32;
    fn artnorm_article_published(a: *const Article, out: *mut Str) -> u32;
    fn artnorm_article_has_byline(a: *const Article, out: *mut u32) -> u32;
    fn artnorm_article_byline_author_count(a: *const Article) -> usize;
    fn artnorm_article_byline_author(a: *const Article, i: usize, out: *mut Str) -> u32;
    fn artnorm_article_byline_outlet(a: *const Article, out: *mut Str) -> u32;
    fn artnorm_article_block_count(a: *const Article) -> usize;
    fn artnorm_article_block_type(a: *const Article, i: usize, out: *mut u32) -> u32;
    fn artnorm_article_block_text(a: *const Article, i: usize, out: *mut Str) -> u32;
    fn artnorm_article_block_credit(a: *const Article, i: usize, out: *mut Str) -> u32;
    fn artnorm_article_block_alt(a: *const Article, i: usize, out: *mut Str) -> u32;
    fn artnorm_article_block_caption(a: *const Article, i: usize, out: *mut Str) -> u32;
    fn artnorm_article_contributor_count(a: *const Article) -> usize;
    fn artnorm_article_contributor(a: *const Article, i: usize, out: *mut Str) -> u32;
    fn artnorm_article_removed_count(a: *const Article) -> usize;
    fn artnorm_article_removed_kind(a: *const Article, i: usize, out: *mut Str) -> u32;
    fn artnorm_article_removed_text(a: *const Article, i: usize, out: *mut Str) -> u32;
    fn artnorm_article_removed_span(a: *const Article, i: usize, out: *mut Span) -> u32;
    fn artnorm_article_repair_count(a: *const Article) -> usize;
    fn artnorm_article_repair(a: *const Article, i: usize, kind: *mut Str, count: *mut u64) -> u32;
    fn artnorm_article_encoding_name(a: *const Article, out: *mut Str) -> u32;
    fn artnorm_article_encoding_detected(a: *const Article, out: *mut u32) -> u32;
    fn artnorm_article_encoding_bom(a: *const Article, out: *mut u32) -> u32;
    fn artnorm_article_spin_is_spun(a: *const Article, out: *mut u32) -> u32;
    fn artnorm_article_spin_score(a: *const Article, out: *mut f32) -> u32;
    fn artnorm_article_spin_finding_count(a: *const Article) -> usize;
    fn artnorm_article_spin_finding_span(a: *const Article, i: usize, out: *mut Span) -> u32;
    fn artnorm_article_spin_finding_found(a: *const Article, i: usize, out: *mut Str) -> u32;
    fn artnorm_article_spin_finding_suggestion(a: *const Article, i: usize, out: *mut Str) -> u32;
    fn artnorm_article_spin_finding_confidence(a: *const Article, i: usize, out: *mut f32) -> u32;
    fn artnorm_article_spin_finding_rule(a: *const Article, i: usize, out: *mut Str) -> u32;
    fn artnorm_article_spin_finding_applied(a: *const Article, i: usize, out: *mut u32) -> u32;
    fn artnorm_article_to_json(a: *const Article, out: *mut *mut OwnedString) -> u32;
    fn artnorm_article_to_text(a: *const Article, out: *mut *mut OwnedString) -> u32;
    fn artnorm_article_to_markdown(a: *const Article, out: *mut *mut OwnedString) -> u32;
    fn artnorm_article_body_text(a: *const Article, out: *mut *mut OwnedString) -> u32;
    fn artnorm_parse_byline(text: *const u8, len: usize, out: *mut *mut Byline) -> u32;
    fn artnorm_byline_author_count(b: *const Byline) -> usize;
    fn artnorm_byline_author(b: *const Byline, i: usize, out: *mut Str) -> u32;
    fn artnorm_byline_outlet(b: *const Byline, out: *mut Str) -> u32;
    fn artnorm_byline_to_json(b: *const Byline, out: *mut *mut OwnedString) -> u32;
    fn artnorm_byline_free(b: *mut Byline);
    fn artnorm_options_new(out: *mut *mut Options) -> u32;
    fn artnorm_options_set_quotes(o: *mut Options, style: u32) -> u32;
    fn artnorm_options_set_dashes(o: *mut Options, style: u32) -> u32;
    fn artnorm_options_set_ellipses(o: *mut Options, style: u32) -> u32;
    fn artnorm_options_set_spin(o: *mut Options, mode: u32) -> u32;
    fn artnorm_options_set_spin_threshold(o: *mut Options, threshold: f32) -> u32;
    fn artnorm_options_set_strip_chrome(o: *mut Options, strip: u32) -> u32;
    fn artnorm_options_set_max_input_bytes(o: *mut Options, limit: usize) -> u32;
    fn artnorm_options_set_encoding(o: *mut Options, label: *const u8, len: usize) -> u32;
    fn artnorm_options_free(o: *mut Options);
    fn artnorm_string_view(s: *const OwnedString, out: *mut Str) -> u32;
    fn artnorm_string_free(s: *mut OwnedString);
}

/// Reads a view as a C caller would and checks it is valid UTF-8.
unsafe fn read(view: Str) -> Option<&'static str> {
    if view.ptr.is_null() {
        assert_eq!(view.len, 0, "NULL view with a length");
        return None;
    }
    let bytes = std::slice::from_raw_parts(view.ptr, view.len);
    Some(std::str::from_utf8(bytes).expect("a view is not UTF-8"))
}

fn ok_or_range(status: u32, in_range: bool) {
    assert_ne!(status, PANIC, "a panic crossed into the C ABI");
    if in_range {
        assert_eq!(status, OK);
    } else {
        assert_eq!(status, OUT_OF_RANGE);
    }
}

unsafe fn str_at(
    f: unsafe extern "C" fn(*const Article, usize, *mut Str) -> u32,
    a: *const Article,
    i: usize,
    in_range: bool,
) {
    let mut v = Str { ptr: ptr::null(), len: 0 };
    let status = f(a, i, &mut v);
    ok_or_range(status, in_range);
    if status == OK {
        read(v);
    }
}

unsafe fn owned(f: unsafe extern "C" fn(*const Article, *mut *mut OwnedString) -> u32, a: *const Article) {
    let mut s: *mut OwnedString = ptr::null_mut();
    assert_eq!(f(a, &mut s), OK);
    let mut v = Str { ptr: ptr::null(), len: 0 };
    assert_eq!(artnorm_string_view(s, &mut v), OK);
    assert!(read(v).is_some());
    artnorm_string_free(s);
    // NULL handles are answered, not dereferenced.
    assert_eq!(f(ptr::null(), &mut s), NULL_ARGUMENT);
    assert_eq!(f(a, ptr::null_mut()), NULL_ARGUMENT);
}

unsafe fn walk(a: *const Article, input_len: usize) {
    let mut n = 0u32;
    assert_eq!(artnorm_article_schema(a, &mut n), OK);
    // Spans index the caller's bytes for UTF-8 input, the decoded text
    // otherwise (whose length only the library knows).
    let mut name = Str { ptr: ptr::null(), len: 0 };
    assert_eq!(artnorm_article_encoding_name(a, &mut name), OK);
    let len = if read(name) == Some("UTF-8") { input_len } else { usize::MAX };
    for f in [artnorm_article_title, artnorm_article_category, artnorm_article_published,
              artnorm_article_byline_outlet, artnorm_article_encoding_name] {
        let mut v = Str { ptr: ptr::null(), len: 0 };
        assert_eq!(f(a, &mut v), OK);
        read(v);
    }
    for f in [artnorm_article_has_byline, artnorm_article_encoding_detected,
              artnorm_article_encoding_bom, artnorm_article_spin_is_spun] {
        assert_eq!(f(a, &mut n), OK);
        assert!(n <= 1);
    }
    let mut score = 0f32;
    assert_eq!(artnorm_article_spin_score(a, &mut score), OK);
    assert!(score.is_finite());

    let count = artnorm_article_byline_author_count(a);
    for i in 0..=count {
        str_at(artnorm_article_byline_author, a, i, i < count);
    }
    let count = artnorm_article_block_count(a);
    for i in 0..=count {
        let mut kind = 0u32;
        ok_or_range(artnorm_article_block_type(a, i, &mut kind), i < count);
        assert!(i == count || kind <= 4);
        for f in [artnorm_article_block_text, artnorm_article_block_credit,
                  artnorm_article_block_alt, artnorm_article_block_caption] {
            str_at(f, a, i, i < count);
        }
    }
    let count = artnorm_article_contributor_count(a);
    for i in 0..=count {
        str_at(artnorm_article_contributor, a, i, i < count);
    }
    let count = artnorm_article_removed_count(a);
    for i in 0..=count {
        str_at(artnorm_article_removed_kind, a, i, i < count);
        str_at(artnorm_article_removed_text, a, i, i < count);
        let mut span = Span { start: 0, end: 0 };
        ok_or_range(artnorm_article_removed_span(a, i, &mut span), i < count);
        assert!(span.start <= span.end && span.end <= len, "removed span outside the input");
    }
    let count = artnorm_article_repair_count(a);
    for i in 0..=count {
        let mut kind = Str { ptr: ptr::null(), len: 0 };
        let mut times = 0u64;
        ok_or_range(artnorm_article_repair(a, i, &mut kind, &mut times), i < count);
    }
    let count = artnorm_article_spin_finding_count(a);
    for i in 0..=count {
        let mut span = Span { start: 0, end: 0 };
        ok_or_range(artnorm_article_spin_finding_span(a, i, &mut span), i < count);
        assert!(span.start <= span.end && span.end <= len, "finding span outside the input");
        for f in [artnorm_article_spin_finding_found, artnorm_article_spin_finding_suggestion,
                  artnorm_article_spin_finding_rule] {
            str_at(f, a, i, i < count);
        }
        let mut c = 0f32;
        ok_or_range(artnorm_article_spin_finding_confidence(a, i, &mut c), i < count);
        ok_or_range(artnorm_article_spin_finding_applied(a, i, &mut n), i < count);
    }
    // Far past the end, and NULL out-pointers.
    str_at(artnorm_article_block_text, a, usize::MAX, false);
    assert_eq!(artnorm_article_title(a, ptr::null_mut()), NULL_ARGUMENT);
    for f in [artnorm_article_to_json, artnorm_article_to_text,
              artnorm_article_to_markdown, artnorm_article_body_text] {
        owned(f, a);
    }
}

fuzz_target!(|data: &[u8]| {
    let (head, text) = data.split_at(data.len().min(2));
    let pick = head.first().copied().unwrap_or(0);
    let cap = head.get(1).copied().unwrap_or(0);
    unsafe {
        assert!(!artnorm_version().is_null());
        assert!(!artnorm_status_str(u32::from(cap)).is_null());

        let mut options: *mut Options = ptr::null_mut();
        assert_eq!(artnorm_options_new(&mut options), OK);
        // Out-of-range enum values are rejected, not transmuted.
        let _ = artnorm_options_set_quotes(options, u32::from(pick & 3));
        let _ = artnorm_options_set_dashes(options, u32::from((pick >> 2) & 3));
        let _ = artnorm_options_set_ellipses(options, u32::from((pick >> 4) & 1));
        let _ = artnorm_options_set_spin(options, u32::from((pick >> 5) & 3));
        assert_eq!(artnorm_options_set_strip_chrome(options, u32::from(pick >> 7)), OK);
        let _ = artnorm_options_set_spin_threshold(options, f32::from(cap) / 200.0);
        if cap & 0x80 != 0 {
            // A limit of 0 is rejected as an invalid option (the handle keeps its limit).
            let limit = usize::from(cap & 0x7f);
            let want = if limit == 0 { INVALID_OPTION } else { OK };
            assert_eq!(artnorm_options_set_max_input_bytes(options, limit), want);
        }
        if cap & 0x40 != 0 {
            let label = b"windows-1252";
            assert_eq!(artnorm_options_set_encoding(options, label.as_ptr(), label.len()), OK);
        }

        let mut article: *mut Article = ptr::null_mut();
        let status = artnorm_normalize(text.as_ptr(), text.len(), options, &mut article);
        assert_ne!(status, PANIC, "a panic crossed into the C ABI");
        if status == OK {
            assert!(!article.is_null());
            walk(article, text.len());
            artnorm_article_free(article);
        } else {
            assert!(article.is_null());
            let mut buf = [0 as c_char; 256];
            let mut written = 0usize;
            assert_eq!(artnorm_last_error(buf.as_mut_ptr(), buf.len(), &mut written), OK);
            assert!(CStr::from_ptr(buf.as_ptr()).to_str().is_ok());
        }
        artnorm_options_free(options);

        let mut byline: *mut Byline = ptr::null_mut();
        if artnorm_parse_byline(text.as_ptr(), text.len(), &mut byline) == OK && !byline.is_null() {
            let count = artnorm_byline_author_count(byline);
            for i in 0..=count {
                let mut v = Str { ptr: ptr::null(), len: 0 };
                ok_or_range(artnorm_byline_author(byline, i, &mut v), i < count);
            }
            let mut v = Str { ptr: ptr::null(), len: 0 };
            assert_eq!(artnorm_byline_outlet(byline, &mut v), OK);
            let mut s: *mut OwnedString = ptr::null_mut();
            assert_eq!(artnorm_byline_to_json(byline, &mut s), OK);
            artnorm_string_free(s);
            artnorm_byline_free(byline);
        }
        // Freeing NULL is a no-op for every owned type.
        artnorm_article_free(ptr::null_mut());
        artnorm_byline_free(ptr::null_mut());
        artnorm_options_free(ptr::null_mut());
        artnorm_string_free(ptr::null_mut());
    }
});
