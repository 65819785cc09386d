//! Decoding: the caller's bytes to text.

use std::borrow::Cow;

use crate::article::SourceEncoding;
use crate::error::Error;

/// Decoded text, the number of BOM bytes skipped, and how it was decoded.
pub(crate) struct Decoded<'a> {
    pub text: Cow<'a, str>,
    pub base: usize,
    pub encoding: SourceEncoding,
}

/// Decodes UTF-8 with or without a BOM.
///
/// # Errors
/// [`Error::InvalidUtf8`] with the offset of the first bad byte.
pub(crate) fn decode(bytes: &[u8]) -> Result<Decoded<'_>, Error> {
    let (body, base, bom) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (rest, 3, true),
        None => (bytes, 0, false),
    };
    match std::str::from_utf8(body) {
        Ok(text) => Ok(Decoded {
            text: Cow::Borrowed(text),
            base,
            encoding: SourceEncoding {
                name: "UTF-8".to_owned(),
                detected: false,
                bom,
            },
        }),
        Err(error) => Err(Error::InvalidUtf8 {
            offset: base + error.valid_up_to(),
        }),
    }
}
