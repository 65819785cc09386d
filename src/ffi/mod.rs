//! The C ABI: every `extern "C"` item of the crate and nothing else.
//!
//! The header `include/artnorm.h` is generated from this module tree by
//! cbindgen (run by `build.rs` with `--features capi`); the doc comments here
//! become the header's comments, so they are written for C readers.
//!
//! Conventions (see `docs/c-abi.md`):
//! - every fallible call returns an [`artnorm_status`] (0 = OK) and writes its
//!   result through an out-parameter only on success;
//! - strings go in as `(const uint8_t *ptr, size_t len)`, UTF-8, no NUL
//!   needed, `(NULL, 0)` being the empty string;
//! - strings come out as borrowed [`artnorm_str`](string::artnorm_str) views that live as long as
//!   the handle they came from, or as owned [`artnorm_string`]s;
//! - handles are opaque, each owned type has one `_free` function and
//!   `_free(NULL)` does nothing;
//! - no panic crosses the boundary; no Rust enum or `bool` is read from C
//!   memory (enumerated values come in as `uint32_t` and are checked).
//!
//! Nothing here holds logic a Rust caller lacks: each function calls the
//! public Rust API.

// C names on purpose: the Rust identifiers are the C identifiers.
#![allow(non_camel_case_types)]

mod article;
mod byline;
mod fingerprint;
mod guard;
mod options;
mod restoration;
mod string;
#[cfg(test)]
mod tests;

use std::cell::RefCell;
use std::ffi::c_char;

use article::artnorm_article;
use byline::artnorm_byline;
use fingerprint::artnorm_fingerprint;
use options::artnorm_options;
use restoration::artnorm_restoration;
use string::artnorm_string;

use crate::error::Error;
use guard::{guard_or, Failure, Out};

/// What a call did: `ARTNORM_STATUS_OK` (0) or why it failed. After a
/// failure, `artnorm_last_error` gives the message on the same thread.
///
/// Each `artnorm::Error` of the Rust API maps to one code; an error kind
/// added to the Rust API after this header was made maps to
/// `ARTNORM_STATUS_ERROR` until it gets its own code. Values never change
/// meaning; new codes are added at the end.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum artnorm_status {
    /// Success.
    Ok = 0,
    /// An error without a more specific code.
    Error = 1,
    /// A pointer argument that must not be NULL was NULL (or a `(NULL, n)`
    /// string with `n > 0`).
    NullArgument = 2,
    /// The input (or a string argument) is not valid UTF-8.
    InvalidUtf8 = 3,
    /// The input holds no text once whitespace is set aside; `(NULL, 0)` is
    /// empty input.
    EmptyInput = 4,
    /// The input is longer than the `max_input_bytes` option.
    InputTooLarge = 5,
    /// An option value out of its range or an unknown enumerated value.
    InvalidOption = 6,
    /// An encoding label that the WHATWG Encoding Standard does not know.
    UnknownEncoding = 7,
    /// An index past the end of a list.
    OutOfRange = 8,
    /// A bug inside artnorm: a Rust panic was caught at the boundary. The
    /// handles passed in are still valid.
    Panic = 9,
}

impl artnorm_status {
    /// The code for a Rust [`Error`].
    pub(crate) fn from_error(error: &Error) -> artnorm_status {
        // `Error` is `#[non_exhaustive]` for dependents; inside the crate the
        // match is exhaustive today, and the catch-all keeps the C codes
        // stable when a variant is added before it gets its own code.
        #[allow(unreachable_patterns)]
        match error {
            Error::EmptyInput => artnorm_status::EmptyInput,
            Error::InvalidUtf8 { .. } => artnorm_status::InvalidUtf8,
            Error::InputTooLarge { .. } => artnorm_status::InputTooLarge,
            Error::UnknownEncoding(_) => artnorm_status::UnknownEncoding,
            Error::InvalidOption(_) => artnorm_status::InvalidOption,
            Error::Internal(_) => artnorm_status::Panic,
            _ => artnorm_status::Error,
        }
    }

    /// A short description, NUL-terminated.
    fn description(code: u32) -> &'static str {
        match code {
            0 => "ok\0",
            1 => "error\0",
            2 => "null argument\0",
            3 => "invalid UTF-8\0",
            4 => "empty input\0",
            5 => "input too large\0",
            6 => "invalid option\0",
            7 => "unknown encoding\0",
            8 => "index out of range\0",
            9 => "internal error (panic)\0",
            _ => "unknown status\0",
        }
    }
}

/// JSON schema version of `artnorm_article_to_json` (the Rust
/// `artnorm::SCHEMA_VERSION`).
pub const ARTNORM_SCHEMA_VERSION: u32 = 1;

/// Default of the `max_input_bytes` option: 64 MiB.
pub const ARTNORM_DEFAULT_MAX_INPUT_BYTES: usize = 67_108_864;

/// Number of MinHash values in a fingerprint that has any
/// (`artnorm_fingerprint_len`; the Rust `artnorm::SIGNATURE_LEN`).
pub const ARTNORM_SIGNATURE_LEN: usize = 128;

// The constants above are restated for cbindgen, which cannot follow paths;
// these checks keep them equal to the Rust ones.
const _: () = assert!(ARTNORM_SCHEMA_VERSION == crate::article::SCHEMA_VERSION);
const _: () = assert!(ARTNORM_DEFAULT_MAX_INPUT_BYTES == crate::options::DEFAULT_MAX_INPUT_BYTES);
const _: () = assert!(ARTNORM_SIGNATURE_LEN == crate::SIGNATURE_LEN);

const fn assert_send_sync<T: Send + Sync>() {}

// Every handle type may cross threads; the doc comment of each says which
// calls may run at the same time.
const _: () = {
    assert_send_sync::<artnorm_options>();
    assert_send_sync::<artnorm_article>();
    assert_send_sync::<artnorm_byline>();
    assert_send_sync::<artnorm_string>();
    assert_send_sync::<artnorm_restoration>();
    assert_send_sync::<artnorm_fingerprint>();
};

thread_local! {
    static LAST_ERROR: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Records `message` as this thread's last error.
fn set_last_error(message: String) {
    // During thread teardown the slot may be gone; the message is then lost,
    // which is better than a panic.
    let _ = LAST_ERROR.try_with(|slot| {
        if let Ok(mut slot) = slot.try_borrow_mut() {
            *slot = message;
        }
    });
}

/// The library version, e.g. `"0.1.0"`: a static NUL-terminated string, equal
/// to `ARTNORM_VERSION` of the header the program was compiled with unless
/// it is linked against another release.
///
/// Thread safety: may be called from any thread.
#[no_mangle]
pub extern "C" fn artnorm_version() -> *const c_char {
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast()
}

/// A short English description of a status code, as a static NUL-terminated
/// string (`"ok"`, `"null argument"`, …). Any value is accepted: an unknown
/// code gives `"unknown status"`.
///
/// Thread safety: may be called from any thread.
#[no_mangle]
pub extern "C" fn artnorm_status_str(status: u32) -> *const c_char {
    artnorm_status::description(status).as_ptr().cast()
}

/// Copies the message of the last failed call on this thread into `buf`.
///
/// Like `snprintf`: at most `cap - 1` bytes of the message are copied
/// (cut back to a whole UTF-8 character), then a NUL; `*written` receives
/// the length of the whole message without the NUL, so `*written >= cap`
/// means it was cut. `(NULL, 0)` only measures. `written` may be NULL.
/// When no call on this thread has failed yet the message is empty.
/// Successful calls leave the message as it was.
///
/// Returns `ARTNORM_STATUS_NULL_ARGUMENT` when `buf` is NULL and `cap > 0`.
///
/// # Safety
/// `buf` is NULL or points to `cap` writable bytes; `written` is NULL or
/// points to a writable `size_t`.
///
/// Thread safety: may be called from any thread; each thread has its own
/// message.
#[no_mangle]
pub unsafe extern "C" fn artnorm_last_error(
    buf: *mut c_char,
    cap: usize,
    written: *mut usize,
) -> artnorm_status {
    let body = || {
        if buf.is_null() && cap > 0 {
            return Err(Failure::null("buf"));
        }
        let message = LAST_ERROR
            .try_with(|slot| slot.try_borrow().map(|m| m.clone()).unwrap_or_default())
            .unwrap_or_default();
        if let Some(cap) = cap.checked_sub(1) {
            let mut n = message.len().min(cap);
            while !message.is_char_boundary(n) {
                n -= 1;
            }
            // SAFETY: `buf` is non-NULL (checked above, cap > 0) and holds
            // `cap + 1` bytes by contract; `n <= cap`; the message is a
            // separate Rust allocation, so the ranges do not overlap.
            unsafe {
                std::ptr::copy_nonoverlapping(message.as_ptr(), buf.cast::<u8>(), n);
                buf.add(n).write(0);
            }
        }
        if !written.is_null() {
            // SAFETY: non-NULL, writable by contract.
            unsafe { Out::new(written, "written") }?.write(message.len());
        }
        Ok(())
    };
    // A failure here must not overwrite the message being asked for.
    match guard_or(Err(artnorm_status::Panic), || {
        body().map_err(|failure: Failure| failure.status)
    }) {
        Ok(()) => artnorm_status::Ok,
        Err(status) => status,
    }
}
