//! Options: an opaque builder over the Rust `Options`.

use super::artnorm_status;
use super::guard::{arg_mut, arg_str, free_raw, guard, guard_or, into_raw, Failure, Out};
use crate::options::{DashStyle, EllipsisStyle, Options, QuoteStyle, SpinMode};

/// Settings for `artnorm_normalize`; create with `artnorm_options_new`, set
/// with the `artnorm_options_set_*` functions, release with
/// `artnorm_options_free`. Passing NULL options anywhere means the defaults.
///
/// Thread safety: any number of threads may normalize with the same options
/// at once (normalizing only reads them); a setter needs exclusive access,
/// so do not set an option while another thread uses the handle.
#[derive(Debug, Clone, Default)]
pub struct artnorm_options {
    pub(crate) options: Options,
}

/// Values for `artnorm_options_set_quotes`: how quotation marks and
/// apostrophes are written.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum artnorm_quote_style {
    /// Leave them as the input has them (the default).
    Preserve = 0,
    /// ASCII `"` and `'`.
    Straight = 1,
    /// Typographic quotes, apostrophes as U+2019.
    Curly = 2,
}

/// Values for `artnorm_options_set_dashes`: how dashes are written.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum artnorm_dash_style {
    /// Leave them as the input has them (the default).
    Preserve = 0,
    /// ASCII: an em dash becomes `--`, an en dash `-`.
    Ascii = 1,
    /// Typographic: a spaced ` - ` or `--` between words becomes an em dash.
    Typographic = 2,
}

/// Values for `artnorm_options_set_ellipses`: how ellipses are written.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum artnorm_ellipsis_style {
    /// Leave them as the input has them (the default).
    Preserve = 0,
    /// Three ASCII dots.
    Ascii = 1,
    /// The single character U+2026.
    Unicode = 2,
}

/// Values for `artnorm_options_set_spin`: what to do about machine-spun
/// wording.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum artnorm_spin_mode {
    /// No spin detection.
    Off = 0,
    /// Report findings, leave the text as it is (the default).
    Detect = 1,
    /// Report findings and, in articles judged spun, rewrite confident ones.
    Repair = 2,
}

fn quote_style(value: u32) -> Option<QuoteStyle> {
    Some(match value {
        v if v == artnorm_quote_style::Preserve as u32 => QuoteStyle::Preserve,
        v if v == artnorm_quote_style::Straight as u32 => QuoteStyle::Straight,
        v if v == artnorm_quote_style::Curly as u32 => QuoteStyle::Curly,
        _ => return None,
    })
}

fn dash_style(value: u32) -> Option<DashStyle> {
    Some(match value {
        v if v == artnorm_dash_style::Preserve as u32 => DashStyle::Preserve,
        v if v == artnorm_dash_style::Ascii as u32 => DashStyle::Ascii,
        v if v == artnorm_dash_style::Typographic as u32 => DashStyle::Typographic,
        _ => return None,
    })
}

fn ellipsis_style(value: u32) -> Option<EllipsisStyle> {
    Some(match value {
        v if v == artnorm_ellipsis_style::Preserve as u32 => EllipsisStyle::Preserve,
        v if v == artnorm_ellipsis_style::Ascii as u32 => EllipsisStyle::Ascii,
        v if v == artnorm_ellipsis_style::Unicode as u32 => EllipsisStyle::Unicode,
        _ => return None,
    })
}

fn spin_mode(value: u32) -> Option<SpinMode> {
    Some(match value {
        v if v == artnorm_spin_mode::Off as u32 => SpinMode::Off,
        v if v == artnorm_spin_mode::Detect as u32 => SpinMode::Detect,
        v if v == artnorm_spin_mode::Repair as u32 => SpinMode::Repair,
        _ => return None,
    })
}

/// Reads an enumerated value, failing with `InvalidOption` naming `option`.
fn decode<T>(value: u32, option: &str, convert: fn(u32) -> Option<T>) -> Result<T, Failure> {
    convert(value).ok_or_else(|| Failure::invalid_option(format!("unknown {option} value {value}")))
}

/// Applies `change` to the options behind `options` when the result
/// validates; on failure the options are left as they were.
///
/// # Safety
/// `options` is NULL or a live, exclusively used options handle.
unsafe fn update(
    options: *mut artnorm_options,
    change: impl FnOnce(Options) -> Result<Options, Failure>,
) -> artnorm_status {
    guard(|| {
        // SAFETY: the caller's contract.
        let handle = unsafe { arg_mut(options, "options") }?;
        let changed = change(handle.options.clone())?;
        changed.validate()?;
        handle.options = changed;
        Ok(())
    })
}

/// Creates options holding the defaults (quotes, dashes and ellipses
/// preserved, spin detected with threshold 0.8, chrome stripped, 64 MiB
/// input limit, encoding detected) and writes the handle to `*out`.
///
/// # Safety
/// `out` is NULL or writable.
///
/// Thread safety: may be called from any thread.
#[no_mangle]
pub unsafe extern "C" fn artnorm_options_new(out: *mut *mut artnorm_options) -> artnorm_status {
    guard(|| {
        // SAFETY: the caller's contract.
        let out = unsafe { Out::new(out, "out") }?;
        out.write(into_raw(artnorm_options::default()));
        Ok(())
    })
}

/// Sets the quotation mark style, an `artnorm_quote_style` value.
/// Returns `ARTNORM_STATUS_INVALID_OPTION` for any other value.
///
/// # Safety
/// `options` is NULL or a live options handle no other thread uses.
#[no_mangle]
pub unsafe extern "C" fn artnorm_options_set_quotes(
    options: *mut artnorm_options,
    style: u32,
) -> artnorm_status {
    // SAFETY: forwarded contract.
    unsafe {
        update(options, |o| {
            Ok(o.quotes(decode(style, "quotes", quote_style)?))
        })
    }
}

/// Sets the dash style, an `artnorm_dash_style` value.
/// Returns `ARTNORM_STATUS_INVALID_OPTION` for any other value.
///
/// # Safety
/// `options` is NULL or a live options handle no other thread uses.
#[no_mangle]
pub unsafe extern "C" fn artnorm_options_set_dashes(
    options: *mut artnorm_options,
    style: u32,
) -> artnorm_status {
    // SAFETY: forwarded contract.
    unsafe {
        update(options, |o| {
            Ok(o.dashes(decode(style, "dashes", dash_style)?))
        })
    }
}

/// Sets the ellipsis style, an `artnorm_ellipsis_style` value.
/// Returns `ARTNORM_STATUS_INVALID_OPTION` for any other value.
///
/// # Safety
/// `options` is NULL or a live options handle no other thread uses.
#[no_mangle]
pub unsafe extern "C" fn artnorm_options_set_ellipses(
    options: *mut artnorm_options,
    style: u32,
) -> artnorm_status {
    // SAFETY: forwarded contract.
    unsafe {
        update(options, |o| {
            Ok(o.ellipses(decode(style, "ellipses", ellipsis_style)?))
        })
    }
}

/// Sets the spin mode, an `artnorm_spin_mode` value.
/// Returns `ARTNORM_STATUS_INVALID_OPTION` for any other value.
///
/// # Safety
/// `options` is NULL or a live options handle no other thread uses.
#[no_mangle]
pub unsafe extern "C" fn artnorm_options_set_spin(
    options: *mut artnorm_options,
    mode: u32,
) -> artnorm_status {
    // SAFETY: forwarded contract.
    unsafe { update(options, |o| Ok(o.spin(decode(mode, "spin", spin_mode)?))) }
}

/// Sets the minimum confidence for a spin finding to be rewritten in
/// `ARTNORM_SPIN_MODE_REPAIR` (default 0.8). Returns
/// `ARTNORM_STATUS_INVALID_OPTION` outside [0, 1] or for NaN.
///
/// # Safety
/// `options` is NULL or a live options handle no other thread uses.
#[no_mangle]
pub unsafe extern "C" fn artnorm_options_set_spin_threshold(
    options: *mut artnorm_options,
    threshold: f32,
) -> artnorm_status {
    // SAFETY: forwarded contract.
    unsafe { update(options, |o| Ok(o.spin_threshold(threshold))) }
}

/// Sets whether page chrome (menus, share bars, related links, footers) is
/// removed: 1 yes (the default), 0 no. Returns
/// `ARTNORM_STATUS_INVALID_OPTION` for any other value.
///
/// # Safety
/// `options` is NULL or a live options handle no other thread uses.
#[no_mangle]
pub unsafe extern "C" fn artnorm_options_set_strip_chrome(
    options: *mut artnorm_options,
    strip: u32,
) -> artnorm_status {
    // SAFETY: forwarded contract.
    unsafe {
        update(options, |o| match strip {
            0 => Ok(o.strip_chrome(false)),
            1 => Ok(o.strip_chrome(true)),
            other => Err(Failure::invalid_option(format!(
                "strip_chrome must be 0 or 1, not {other}"
            ))),
        })
    }
}

/// Sets the largest input accepted, in bytes (default 64 MiB); longer input
/// is `ARTNORM_STATUS_INPUT_TOO_LARGE`. Returns
/// `ARTNORM_STATUS_INVALID_OPTION` for 0.
///
/// # Safety
/// `options` is NULL or a live options handle no other thread uses.
#[no_mangle]
pub unsafe extern "C" fn artnorm_options_set_max_input_bytes(
    options: *mut artnorm_options,
    limit: usize,
) -> artnorm_status {
    // SAFETY: forwarded contract.
    unsafe { update(options, |o| Ok(o.max_input_bytes(limit))) }
}

/// Names the encoding of the input as a WHATWG label (`windows-1252`,
/// `latin1`, `shift_jis`), overriding detection (the default). The label is
/// checked when the input is normalized: an unknown one makes
/// `artnorm_normalize` return `ARTNORM_STATUS_UNKNOWN_ENCODING`. Returns
/// `ARTNORM_STATUS_INVALID_UTF8` for a label that is not UTF-8.
///
/// # Safety
/// `options` is NULL or a live options handle no other thread uses; `label`
/// is NULL or points to `len` readable bytes.
#[no_mangle]
pub unsafe extern "C" fn artnorm_options_set_encoding(
    options: *mut artnorm_options,
    label: *const u8,
    len: usize,
) -> artnorm_status {
    let change = |o: Options| {
        // SAFETY: the caller's contract.
        let label = unsafe { arg_str(label, len, "label") }?;
        Ok(o.encoding(label))
    };
    // SAFETY: forwarded contract.
    unsafe { update(options, change) }
}

/// Frees options made by `artnorm_options_new`. NULL does nothing.
///
/// # Safety
/// `options` is NULL or a live options handle not used afterwards.
///
/// Thread safety: call once, when no other thread uses the options.
#[no_mangle]
pub unsafe extern "C" fn artnorm_options_free(options: *mut artnorm_options) {
    // SAFETY: the caller's contract.
    guard_or((), || unsafe { free_raw(options) });
}
