//! Strings going out: borrowed views and owned strings.

use super::artnorm_status;
use super::guard::{arg_ref, free_raw, guard, guard_or, Out};

/// A borrowed UTF-8 string: `len` bytes at `ptr`, not NUL-terminated.
///
/// A view lives as long as the handle it was read from (an article, a
/// byline, an owned string) and must not be freed. A missing value is
/// `{NULL, 0}`; a present but empty value has a non-NULL `ptr` and `len` 0.
/// Print one with `printf("%.*s", (int)v.len, (const char *)v.ptr)`.
///
/// Thread safety: a view is plain data; reading it is safe from any thread
/// while its handle lives.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct artnorm_str {
    /// First byte, or NULL for a missing value.
    pub ptr: *const u8,
    /// Number of bytes.
    pub len: usize,
}

/// Present-but-empty values point here rather than at a dangling address.
static EMPTY: [u8; 1] = [0];

impl artnorm_str {
    /// The view of a missing value.
    pub(crate) const NULL: artnorm_str = artnorm_str {
        ptr: std::ptr::null(),
        len: 0,
    };

    /// A view of `s`, valid while `s` is.
    pub(crate) fn of(s: &str) -> artnorm_str {
        if s.is_empty() {
            return artnorm_str {
                ptr: EMPTY.as_ptr(),
                len: 0,
            };
        }
        artnorm_str {
            ptr: s.as_ptr(),
            len: s.len(),
        }
    }

    /// A view of `s`, or the NULL view for `None`.
    pub(crate) fn of_opt(s: Option<&str>) -> artnorm_str {
        s.map_or(artnorm_str::NULL, artnorm_str::of)
    }
}

/// An owned UTF-8 string made by artnorm (JSON, text, Markdown). Read it with
/// `artnorm_string_view`, release it with `artnorm_string_free`.
///
/// The bytes are followed by a NUL (not counted in the view's `len`), so
/// `view.ptr` may also be used as a C string when the text holds no NUL.
///
/// Thread safety: immutable; any number of threads may read it at once.
/// Free it once, when no thread uses it or a view of it any more.
#[derive(Debug)]
pub struct artnorm_string {
    /// The text followed by one NUL byte.
    bytes: Box<[u8]>,
}

impl artnorm_string {
    /// Takes `text` and appends the NUL.
    pub(crate) fn new(text: String) -> artnorm_string {
        let mut bytes = text.into_bytes();
        bytes.push(0);
        artnorm_string {
            bytes: bytes.into_boxed_slice(),
        }
    }

    /// The text without the NUL.
    pub(crate) fn as_bytes(&self) -> &[u8] {
        self.bytes.split_last().map_or(&[], |(_, text)| text)
    }
}

/// Writes a view of `string`'s bytes to `*out`; the view lives until
/// `artnorm_string_free(string)`.
///
/// Returns `ARTNORM_STATUS_NULL_ARGUMENT` when an argument is NULL.
///
/// # Safety
/// `string` is NULL or a live string from this library; `out` is NULL or
/// writable.
///
/// Thread safety: may be called from any thread.
#[no_mangle]
pub unsafe extern "C" fn artnorm_string_view(
    string: *const artnorm_string,
    out: *mut artnorm_str,
) -> artnorm_status {
    guard(|| {
        // SAFETY: the caller's contract.
        let out = unsafe { Out::new(out, "out") }?;
        // SAFETY: the caller's contract.
        let string = unsafe { arg_ref(string, "string") }?;
        let bytes = string.as_bytes();
        out.write(artnorm_str {
            ptr: string.bytes.as_ptr(),
            len: bytes.len(),
        });
        Ok(())
    })
}

/// Frees a string returned by this library. NULL does nothing.
///
/// # Safety
/// `string` is NULL or a string from this library not yet freed; views of
/// it are invalid afterwards.
///
/// Thread safety: call once, when no other thread uses the string.
#[no_mangle]
pub unsafe extern "C" fn artnorm_string_free(string: *mut artnorm_string) {
    // SAFETY: the caller's contract.
    guard_or((), || unsafe { free_raw(string) });
}
