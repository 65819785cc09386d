//! HTML character references: the full HTML5 table of named references
//! (data/html5_entities.tsv), numeric references, double escapes, and the
//! test for lines that are markup rather than prose.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::lexicon;

/// The HTML5 named references, name (case-sensitive, no `&`/`;`) to text.
pub(crate) static NAMED: LazyLock<HashMap<&'static str, String>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    for fields in lexicon::HTML5_ENTITIES.entries() {
        let (Some(name), Some(points)) = (fields.first(), fields.get(1)) else {
            continue;
        };
        let text: Option<String> = points
            .split(' ')
            .map(|hex| u32::from_str_radix(hex, 16).ok().and_then(char::from_u32))
            .collect();
        if let Some(text) = text {
            map.insert(*name, text);
        }
    }
    map
});

/// The longest name in the table is 31 bytes (`CounterClockwiseContourIntegral`).
const MAX_NAME: usize = 32;

/// Decodes the character reference at the start of `s` (which starts with
/// `&`): its text and the number of input bytes it spans. Only references
/// closed by `;` are decoded, so prose like `AT&T`, `R&D` or a query string
/// `?a=1&b=2` is left alone. A double escape (`&amp;amp;`, `&amp;#8217;`) is
/// decoded through: `&amp;` followed by another reference body decodes as
/// that reference.
pub(crate) fn decode_reference(s: &str) -> Option<(String, usize)> {
    let (mut text, mut len) = decode_one(s)?;
    // `&amp;` followed by `name;` or `#123;`: decode the escaped reference too.
    while text == "&" {
        let rest = s.get(len..)?;
        let Some((inner, inner_len)) = decode_body(rest) else {
            break;
        };
        text = inner;
        len += inner_len;
    }
    Some((text, len))
}

/// One reference `&…;` at the start of `s`, or one of the few legacy
/// names browsers also read without the `;` (`&amp `, `&nbsp `, `&copy `)
/// when a space, punctuation or the end follows: never before a letter,
/// digit or `=` (`&ampfoo`, `?a=1&copy=2`).
fn decode_one(s: &str) -> Option<(String, usize)> {
    let body = s.strip_prefix('&')?;
    if let Some((text, len)) = decode_body(body) {
        return Some((text, len + 1));
    }
    const LEGACY: [&str; 7] = ["amp", "lt", "gt", "quot", "nbsp", "copy", "reg"];
    let name_len = body.bytes().take_while(u8::is_ascii_alphanumeric).count();
    let name = body.get(..name_len)?;
    let after = body.as_bytes().get(name_len).copied();
    if !LEGACY.contains(&name)
        || after.is_some_and(|b| b == b'=' || b == b';' || b.is_ascii_alphanumeric() || b == b'_')
    {
        return None;
    }
    NAMED.get(name).map(|text| (text.clone(), name_len + 1))
}

/// A reference body (`amp;`, `#8217;`, `#x2019;`) at the start of `s`.
fn decode_body(s: &str) -> Option<(String, usize)> {
    let bytes = s.as_bytes();
    let limit = bytes.len().min(MAX_NAME + 2);
    let semicolon = bytes.get(..limit)?.iter().position(|&b| b == b';')?;
    let name = s.get(..semicolon)?;
    let len = semicolon + 1;
    if let Some(number) = name.strip_prefix('#') {
        let code = if let Some(hex) = number.strip_prefix(['x', 'X']) {
            if hex.is_empty() || hex.len() > 8 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                return None;
            }
            u32::from_str_radix(hex, 16).ok()?
        } else {
            if number.is_empty() || number.len() > 10 || !number.bytes().all(|b| b.is_ascii_digit())
            {
                return None;
            }
            number.parse::<u32>().ok()?
        };
        let c = match code {
            // Windows-1252 numbers that pages write where they mean the
            // character (the HTML5 parser does the same).
            0x80..=0x9f => windows_1252_c1(code)?,
            // NUL and surrogates are not characters; the HTML5 parser turns
            // them into U+FFFD, which helps no reader: leave them as written.
            0 | 0xd800..=0xdfff => return None,
            _ => char::from_u32(code)?,
        };
        return Some((c.to_string(), len));
    }
    if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return None;
    }
    NAMED.get(name).map(|text| (text.clone(), len))
}

fn windows_1252_c1(code: u32) -> Option<char> {
    const TABLE: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    TABLE
        .get(usize::try_from(code.checked_sub(0x80)?).ok()?)
        .copied()
}

/// True when a line looks like HTML source: it holds a tag such as `<p>`,
/// `</div>`, `<br/>` or `<a href=…`. Character references in such a line are
/// markup, not text, and stay as written.
pub(crate) fn looks_like_markup(line: &str) -> bool {
    let bytes = line.as_bytes();
    let mut from = 0;
    while let Some(found) = bytes
        .get(from..)
        .and_then(|rest| memchr::memchr(b'<', rest))
    {
        let at = from + found;
        from = at + 1;
        let mut i = at + 1;
        if bytes.get(i) == Some(&b'/') {
            i += 1;
        }
        let name_start = i;
        while bytes.get(i).is_some_and(|b| b.is_ascii_alphanumeric()) {
            i += 1;
        }
        if i == name_start || !bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        match bytes.get(i) {
            Some(b'>') => return true,
            Some(b'/') if bytes.get(i + 1) == Some(&b'>') => return true,
            Some(b' ') => {
                // `<a href=`, `<div class=`: an attribute name then `=`.
                let rest = bytes.get(i + 1..).unwrap_or(&[]);
                let attr = rest
                    .iter()
                    .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':'))
                    .count();
                if attr > 0 && rest.get(attr) == Some(&b'=') {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(s: &str) -> Option<(String, usize)> {
        decode_reference(s)
    }

    #[test]
    fn the_table_is_complete() {
        assert_eq!(NAMED.len(), 2125);
        assert_eq!(NAMED.get("amp").map(String::as_str), Some("&"));
        assert_eq!(NAMED.get("AMP").map(String::as_str), Some("&"));
        assert_eq!(NAMED.get("rsquo").map(String::as_str), Some("’"));
        assert_eq!(
            NAMED
                .get("CounterClockwiseContourIntegral")
                .map(String::as_str),
            Some("∳")
        );
        // Two code points.
        assert_eq!(NAMED.get("nvlt").map(String::as_str), Some("<\u{20d2}"));
    }

    #[test]
    fn named_numeric_and_double_escaped() {
        assert_eq!(decode("&amp; x"), Some(("&".into(), 5)));
        assert_eq!(decode("&eacute;t"), Some(("é".into(), 8)));
        assert_eq!(decode("&#8217;s"), Some(("’".into(), 7)));
        assert_eq!(decode("&#x2019;"), Some(("’".into(), 8)));
        assert_eq!(decode("&#146;"), Some(("’".into(), 6)));
        assert_eq!(decode("&amp;amp;"), Some(("&".into(), 9)));
        assert_eq!(decode("&amp;#8217;"), Some(("’".into(), 11)));
        assert_eq!(decode("&amp;amp;quot;"), Some(("\"".into(), 14)));
        // `&amp;` followed by plain text stays one `&`.
        assert_eq!(decode("&amp;T"), Some(("&".into(), 5)));
        // A few legacy names without `;`, before a space or punctuation.
        assert_eq!(decode("&amp Jerry"), Some(("&".into(), 4)));
        assert_eq!(decode("&copy 2024"), Some(("©".into(), 5)));
        assert_eq!(decode("&nbsp"), Some(("\u{a0}".into(), 5)));
        assert_eq!(decode("&copy=2"), None);
        assert_eq!(decode("&copyright"), None);
        assert_eq!(decode("&para=2"), None);
    }

    #[test]
    fn prose_ampersands_are_not_references() {
        for s in [
            "&T", "& D;", "&", "&;", "&#;", "&#x;", "&#0;", "&#xD800;", "&nosuch;", "&a b;",
        ] {
            assert_eq!(decode(s), None, "{s:?}");
        }
        assert_eq!(decode("&#99999999999;"), None);
    }

    #[test]
    fn markup_lines_are_recognised() {
        assert!(looks_like_markup("<p>Tom &amp; Jerry</p>"));
        assert!(looks_like_markup("<div class=\"x\">"));
        assert!(looks_like_markup("line<br/>break"));
        assert!(!looks_like_markup("if a < b and c > d"));
        assert!(!looks_like_markup("x <3 y"));
        assert!(!looks_like_markup("Tom &amp; Jerry"));
    }
}
