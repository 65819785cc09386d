//! The one private place for raw pointers and unwinding: every `extern "C"`
//! function in this module tree runs its body through [`guard`] (or
//! [`guard_or`]) and touches C memory only through the helpers below.

use std::any::Any;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::ptr::NonNull;

use super::{artnorm_status, set_last_error};
use crate::error::Error;

/// Why a C call failed: the status it returns and the message
/// `artnorm_last_error` gives back.
#[derive(Debug)]
pub(crate) struct Failure {
    pub(crate) status: artnorm_status,
    pub(crate) message: String,
}

impl Failure {
    /// A NULL pointer where `name` must point somewhere.
    pub(crate) fn null(name: &str) -> Failure {
        Failure {
            status: artnorm_status::NullArgument,
            message: format!("argument `{name}` is NULL"),
        }
    }

    /// `index` past the `len` items of `what`.
    pub(crate) fn out_of_range(what: &str, index: usize, len: usize) -> Failure {
        Failure {
            status: artnorm_status::OutOfRange,
            message: format!("{what} index {index} is out of range (count {len})"),
        }
    }

    /// An option value C passed that maps to nothing.
    pub(crate) fn invalid_option(message: String) -> Failure {
        Failure {
            status: artnorm_status::InvalidOption,
            message: format!("invalid option: {message}"),
        }
    }
}

impl From<Error> for Failure {
    fn from(error: Error) -> Failure {
        Failure {
            status: artnorm_status::from_error(&error),
            message: error.to_string(),
        }
    }
}

/// Runs `body`, turning its failure or panic into a status and recording the
/// message as the thread's last error.
pub(crate) fn guard(body: impl FnOnce() -> Result<(), Failure>) -> artnorm_status {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(())) => artnorm_status::Ok,
        Ok(Err(failure)) => {
            set_last_error(failure.message);
            failure.status
        }
        Err(payload) => {
            set_last_error(panic_message(payload.as_ref()));
            artnorm_status::Panic
        }
    }
}

/// Runs `body` for a function without a status to return (counts, frees):
/// a panic yields `fallback` and is recorded as the last error.
pub(crate) fn guard_or<T>(fallback: T, body: impl FnOnce() -> T) -> T {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(value) => value,
        Err(payload) => {
            set_last_error(panic_message(payload.as_ref()));
            fallback
        }
    }
}

fn panic_message(payload: &(dyn Any + Send)) -> String {
    let detail = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("unknown payload");
    format!("internal error (panic caught at the C boundary): {detail}")
}

/// Borrows the value behind a `const` handle.
///
/// # Safety
/// `ptr` is NULL or points to a live `T` that nobody mutates for `'a`.
pub(crate) unsafe fn arg_ref<'a, T>(ptr: *const T, name: &str) -> Result<&'a T, Failure> {
    // SAFETY: non-NULL checked by `as_ref`; validity is the caller's contract.
    unsafe { ptr.as_ref() }.ok_or_else(|| Failure::null(name))
}

/// Borrows the value behind a mutable handle.
///
/// # Safety
/// `ptr` is NULL or points to a live `T` nobody else uses for `'a`.
pub(crate) unsafe fn arg_mut<'a, T>(ptr: *mut T, name: &str) -> Result<&'a mut T, Failure> {
    // SAFETY: non-NULL checked by `as_mut`; validity is the caller's contract.
    unsafe { ptr.as_mut() }.ok_or_else(|| Failure::null(name))
}

/// Borrows `len` bytes at `ptr`; `(NULL, 0)` is the empty slice, `(NULL, n)`
/// a NULL-argument failure. `slice::from_raw_parts` never sees NULL.
///
/// # Safety
/// When `ptr` is not NULL, it points to `len` readable bytes that stay
/// unchanged for `'a`.
pub(crate) unsafe fn arg_bytes<'a>(
    ptr: *const u8,
    len: usize,
    name: &str,
) -> Result<&'a [u8], Failure> {
    if ptr.is_null() {
        return if len == 0 {
            Ok(&[])
        } else {
            Err(Failure::null(name))
        };
    }
    if isize::try_from(len).is_err() {
        return Err(Failure::from(Error::InputTooLarge {
            len,
            limit: isize::MAX.unsigned_abs(),
        }));
    }
    // SAFETY: non-NULL, length within isize::MAX; readability is the caller's contract.
    Ok(unsafe { std::slice::from_raw_parts(ptr, len) })
}

/// Borrows `len` bytes at `ptr` as UTF-8 text (see [`arg_bytes`]).
///
/// # Safety
/// As for [`arg_bytes`].
pub(crate) unsafe fn arg_str<'a>(
    ptr: *const u8,
    len: usize,
    name: &str,
) -> Result<&'a str, Failure> {
    // SAFETY: forwarded contract.
    let bytes = unsafe { arg_bytes(ptr, len, name) }?;
    std::str::from_utf8(bytes).map_err(|error| {
        Failure::from(Error::InvalidUtf8 {
            offset: error.valid_up_to(),
        })
    })
}

/// An out-parameter: checked for NULL before any work is done, written once
/// on success, never read (C may hand over uninitialised memory).
pub(crate) struct Out<T>(NonNull<T>);

impl<T> Out<T> {
    /// Checks `ptr` for NULL.
    ///
    /// # Safety
    /// `ptr` is NULL or valid for a write of one `T` until [`Out::write`].
    pub(crate) unsafe fn new(ptr: *mut T, name: &str) -> Result<Out<T>, Failure> {
        NonNull::new(ptr)
            .map(Out)
            .ok_or_else(|| Failure::null(name))
    }

    /// Stores `value` without reading or dropping what was there.
    pub(crate) fn write(self, value: T) {
        // SAFETY: `Out::new`'s contract: valid for one write.
        unsafe { self.0.as_ptr().write(value) }
    }
}

/// Hands ownership of `value` to C.
pub(crate) fn into_raw<T>(value: T) -> *mut T {
    Box::into_raw(Box::new(value))
}

/// Takes back and drops what [`into_raw`] handed out; NULL does nothing.
///
/// # Safety
/// `ptr` is NULL or came from [`into_raw`] for the same `T` and is not used
/// again.
pub(crate) unsafe fn free_raw<T>(ptr: *mut T) {
    if !ptr.is_null() {
        // SAFETY: the caller's contract: `ptr` came from `Box::into_raw`.
        drop(unsafe { Box::from_raw(ptr) });
    }
}

/// The item at `index`, or an out-of-range failure naming `what`.
pub(crate) fn at<'a, T>(items: &'a [T], index: usize, what: &str) -> Result<&'a T, Failure> {
    items
        .get(index)
        .ok_or_else(|| Failure::out_of_range(what, index, items.len()))
}
