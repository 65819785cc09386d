//! Decoding: the caller's bytes to text.
//!
//! Order: a byte-order mark (UTF-8, UTF-16LE, UTF-16BE) decides first; then
//! the encoding the caller named ([`Options::encoding`](crate::Options::encoding));
//! then UTF-8 when the bytes are valid UTF-8; otherwise Firefox's detector
//! (`chardetng`) guesses a legacy encoding and `encoding_rs` decodes it.
//!
//! Spans: for UTF-8 input they index the caller's bytes (`base` is the length
//! of a UTF-8 BOM). For anything decoded from another encoding (UTF-16 or a
//! legacy code page) they index the decoded UTF-8 text, whose bytes no longer
//! line up with the input's; `base` is then 0.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

use crate::article::SourceEncoding;
use crate::error::Error;

/// Decoded text, the number of BOM bytes skipped, and how it was decoded.
pub(crate) struct Decoded<'a> {
    pub text: Cow<'a, str>,
    pub base: usize,
    pub encoding: SourceEncoding,
}

/// The encoding a WHATWG label names, or [`Error::UnknownEncoding`]. The
/// `replacement` encoding (labels such as `iso-2022-kr`) decodes everything
/// to U+FFFD, so it counts as unknown here.
///
/// # Errors
/// [`Error::UnknownEncoding`] for a label the Encoding Standard does not know.
pub(crate) fn encoding_for_label(label: &str) -> Result<&'static Encoding, Error> {
    match Encoding::for_label(label.trim().as_bytes()) {
        Some(encoding) if encoding != encoding_rs::REPLACEMENT => Ok(encoding),
        _ => Err(Error::UnknownEncoding(label.to_owned())),
    }
}

/// Decodes `bytes`: BOM, then the named encoding `label` if any, then UTF-8,
/// then detection.
///
/// # Errors
/// [`Error::InvalidUtf8`] with the offset of the first bad byte when the
/// caller named UTF-8 and the bytes are not; [`Error::UnknownEncoding`] for
/// a label the Encoding Standard does not know.
pub(crate) fn decode<'a>(bytes: &'a [u8], label: Option<&str>) -> Result<Decoded<'a>, Error> {
    let named = label.map(encoding_for_label).transpose()?;
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let body = bytes.get(bom_len..).unwrap_or(&[]);
        if encoding == UTF_8 {
            return utf8(body, bom_len, true, false);
        }
        let (text, _) = encoding.decode_without_bom_handling(body);
        return Ok(legacy(text, encoding, false, true));
    }
    match named {
        Some(encoding) if encoding == UTF_8 => utf8(bytes, 0, false, false),
        Some(encoding) => {
            let (text, _) = encoding.decode_without_bom_handling(bytes);
            Ok(legacy(text, encoding, false, false))
        }
        // NUL bytes are valid UTF-8, but text with one in every other byte
        // is UTF-16.
        None if memchr::memchr(0, bytes).is_some() && utf16_without_bom(bytes).is_some() => {
            let encoding = utf16_without_bom(bytes).unwrap_or(UTF_16LE);
            let (text, _) = encoding.decode_without_bom_handling(bytes);
            Ok(legacy(text, encoding, true, false))
        }
        None => match utf8(bytes, 0, false, false) {
            Ok(decoded) => Ok(decoded),
            Err(_) => {
                let encoding = detect(bytes);
                let (text, _) = encoding.decode_without_bom_handling(bytes);
                Ok(legacy(text, encoding, true, false))
            }
        },
    }
}

/// Guesses the legacy encoding of bytes that are not UTF-8.
fn detect(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector.guess(None, chardetng::Utf8Detection::Deny)
}

/// UTF-16 without a BOM, which `chardetng` does not consider: mostly
/// ASCII text has a NUL in nearly every odd (LE) or even (BE) byte and none
/// in the others.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let pairs = bytes.len() / 2;
    let (mut even, mut odd) = (0, 0);
    for pair in bytes.chunks_exact(2) {
        if let [a, b] = pair {
            even += usize::from(*a == 0);
            odd += usize::from(*b == 0);
        }
    }
    if odd * 10 >= pairs * 9 && even == 0 {
        Some(UTF_16LE)
    } else if even * 10 >= pairs * 9 && odd == 0 {
        Some(UTF_16BE)
    } else {
        None
    }
}

fn utf8(body: &[u8], base: usize, bom: bool, detected: bool) -> Result<Decoded<'_>, Error> {
    match std::str::from_utf8(body) {
        Ok(text) => Ok(Decoded {
            text: Cow::Borrowed(text),
            base,
            encoding: SourceEncoding {
                name: "UTF-8".to_owned(),
                detected,
                bom,
            },
        }),
        Err(error) => Err(Error::InvalidUtf8 {
            offset: base + error.valid_up_to(),
        }),
    }
}

fn legacy<'a>(
    text: Cow<'a, str>,
    encoding: &'static Encoding,
    detected: bool,
    bom: bool,
) -> Decoded<'a> {
    Decoded {
        text,
        base: 0,
        encoding: SourceEncoding {
            name: encoding.name().to_owned(),
            detected,
            bom,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        let plain = decode(b"caf\xC3\xA9", None).unwrap();
        assert_eq!(plain.text, "café");
        assert_eq!((plain.base, plain.encoding.bom), (0, false));
        let bom = decode(b"\xEF\xBB\xBFcaf\xC3\xA9", None).unwrap();
        assert_eq!(bom.text, "café");
        assert_eq!((bom.base, bom.encoding.bom), (3, true));
        assert_eq!(bom.encoding.name, "UTF-8");
    }

    #[test]
    fn utf16_boms() {
        let le = decode(b"\xFF\xFEh\x00\xE9\x00", None).unwrap();
        assert_eq!(le.text, "hé");
        assert_eq!(le.encoding.name, "UTF-16LE");
        assert!(le.encoding.bom && !le.encoding.detected);
        let be = decode(b"\xFE\xFF\x00h\x00\xE9", None).unwrap();
        assert_eq!(be.text, "hé");
        assert_eq!(be.encoding.name, "UTF-16BE");
    }

    #[test]
    fn legacy_text_is_detected() {
        let bytes =
            b"Le pr\xE9sident fran\xE7ais a d\xE9clar\xE9 mercredi que l'\xE9t\xE9 serait long.";
        let decoded = decode(bytes, None).unwrap();
        assert_eq!(decoded.encoding.name, "windows-1252");
        assert!(decoded.encoding.detected);
        assert!(decoded.text.contains("président français"));
        let russian = "Президент России заявил в среду, что лето будет долгим и жарким.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(russian);
        let decoded = decode(&bytes, None).unwrap();
        assert_eq!(decoded.text, russian);
        assert_eq!(decoded.encoding.name, "windows-1251");
    }

    #[test]
    fn utf16_without_bom_is_detected() {
        let decoded = decode(b"H\x00e\x00l\x00l\x00o\x00", None).unwrap();
        assert_eq!(decoded.text, "Hello");
        assert_eq!(decoded.encoding.name, "UTF-16LE");
    }

    #[test]
    fn the_named_encoding_wins_over_detection() {
        let decoded = decode(b"caf\xE9", Some("latin1")).unwrap();
        assert_eq!(decoded.text, "café");
        assert_eq!(decoded.encoding.name, "windows-1252");
        assert!(!decoded.encoding.detected);
        // A valid UTF-8 text read as the caller says.
        let decoded = decode("café".as_bytes(), Some("windows-1252")).unwrap();
        assert_eq!(decoded.text, "cafÃ©");
        assert_eq!(
            decode(b"bad \xFF", Some("utf-8")).err(),
            Some(Error::InvalidUtf8 { offset: 4 })
        );
        assert_eq!(
            decode(b"x", Some("no-such-encoding")).err(),
            Some(Error::UnknownEncoding("no-such-encoding".into()))
        );
        assert!(decode(b"x", Some("iso-2022-kr")).is_err());
    }
}
