//! Bylines: authors and outlet from one line of text.

use std::sync::LazyLock;

use crate::article::Byline;
use crate::lexicon::WordSet;
use crate::pipeline::names::{fix_case, is_person_name, split_names};
use crate::pipeline::segment::more_chars_than;
use crate::pipeline::tables::{Tables, TABLES};

/// Words that name a role, not a person or an outlet (`Staff Writer`;
/// data/byline_roles.txt).
pub(crate) static ROLE_WORDS: LazyLock<WordSet> =
    LazyLock::new(|| WordSet::new(crate::lexicon::BYLINE_ROLES));

/// Words that mark the name of an outlet (`… News`, `… Times`;
/// data/outlet_words.txt).
static OUTLET_WORDS: LazyLock<WordSet> =
    LazyLock::new(|| WordSet::new(crate::lexicon::OUTLET_WORDS));

/// How a byline line was recognised.
pub(crate) struct ParsedByline {
    pub byline: Byline,
    /// True when an outlet glued to the last name was split off.
    pub unglued: bool,
}

/// Parses a byline. See [`crate::parse_byline`].
pub(crate) fn parse(text: &str) -> Option<ParsedByline> {
    let tables = &*TABLES;
    let text = text.trim();
    if text.is_empty() || more_chars_than(text, 200) {
        return None;
    }
    // An e-mail address alone: `jane.doe@example.com`.
    if let Some(byline) = from_email(text) {
        return Some(ParsedByline {
            byline,
            unglued: false,
        });
    }
    let mut rest = text;
    let mut posted_by = false;
    // `Posted on 12 March 2024 by Jane Doe`. Only a line that opens with
    // `posted` or `published` is searched (its captures cost ~2k
    // instructions a line): the text before `by` must, lower-cased, and no
    // non-ASCII character lower-cases to one of their letters alone (`İ`
    // gives `i` and a combining dot, which neither word holds), so an ASCII
    // comparison of the line's start tells.
    if opens_posted(rest) {
        if let Some(caps) = tables.posted_by.captures(rest) {
            let head = rest
                .get(..caps.get(0).map_or(0, |m| m.start()))
                .unwrap_or("");
            if head.to_lowercase().starts_with("posted")
                || head.to_lowercase().starts_with("published")
            {
                rest = caps.name("who").map_or("", |m| m.as_str());
                posted_by = true;
            }
        }
    }
    let had_prefix = if let Some(m) = tables.byline_prefix.find(rest) {
        rest = rest.get(m.end()..).unwrap_or("");
        true
    } else {
        posted_by
    };
    // `… Updated 3:04 PM EDT`, `…, published 19 June`.
    if let Some(m) = may_hold_trailer(rest)
        .then(|| tables.byline_trailer.find(rest))
        .flatten()
    {
        if m.start() > 0 {
            rest = rest.get(..m.start()).unwrap_or(rest);
        }
    }
    let rest = rest
        .trim()
        .trim_end_matches(['.', ',', ';', ':', '|'])
        .trim();
    parse_body(tables, rest, had_prefix)
}

/// The first three letters of each keyword of `byline_trailer` (`updated`,
/// `published`, `posted`, `last updated`, `modified`, `actualizado`,
/// `publicado`, `aktualisiert`; `mis à jour` is not ASCII).
const TRAILER_STARTS: [&[u8; 3]; 6] = [b"upd", b"pub", b"pos", b"mod", b"act", b"akt"];

/// False when `text` surely holds no match of `byline_trailer`, told
/// without it: ASCII text holds one only where it holds a keyword, which
/// starts with one of [`TRAILER_STARTS`] in any ASCII case. Text outside
/// ASCII is left to the pattern (in any case `k` also matches the Kelvin
/// sign, `s` the long s, and `mis à jour` is not ASCII).
fn may_hold_trailer(text: &str) -> bool {
    let bytes = text.as_bytes();
    !bytes.is_ascii()
        || bytes.windows(3).any(|w| match w {
            // A letter's lower case in ASCII is it with bit 5 set.
            [a, b, c] => TRAILER_STARTS.contains(&&[a | 0x20, b | 0x20, c | 0x20]),
            _ => false,
        })
}

/// True when `text` starts with `posted` or `published` in any ASCII case.
fn opens_posted(text: &str) -> bool {
    let opens = |word: &str| {
        text.as_bytes()
            .get(..word.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(word.as_bytes()))
    };
    opens("posted") || opens("published")
}

fn parse_body(tables: &Tables, text: &str, had_prefix: bool) -> Option<ParsedByline> {
    let mut names_part = text;
    let mut outlet: Option<String> = None;
    let mut unglued = false;
    // A separator or a role after the names marks the line as a byline.
    let mut marked = had_prefix;

    // `Jane Doe | AP`, `Jane Doe — Staff Writer`, `Jane Doe - Reuters`.
    if let Some((at, separator)) = first_separator(names_part) {
        let right = names_part.get(at + separator.len()..).unwrap_or("").trim();
        names_part = names_part.get(..at).unwrap_or("").trim();
        outlet = outlet_of(tables, right);
        // Without `By`, the right-hand side must read as an outlet or a
        // role: `Kitchen Blog | Recipes and Reviews` is a site's header.
        if !had_prefix && !looks_like_outlet_or_role(tables, right) {
            return None;
        }
        marked = true;
    }
    // `Jane Doe in Paris`, `Jane Doe en Madrid`, `Jane Doe, Correspondent, in Rome`
    // (the place first, so that a role before it is seen).
    for marker in [" in ", " en ", " à ", " aus ", " from "] {
        if let Some(at) = rfind_spaced(names_part, marker) {
            let place = names_part.get(at + marker.len()..).unwrap_or("");
            if place.chars().next().is_some_and(char::is_uppercase)
                && place.split_whitespace().count() <= 3
            {
                names_part = names_part
                    .get(..at)
                    .unwrap_or("")
                    .trim()
                    .trim_end_matches(',')
                    .trim();
            }
        }
    }
    // `A and B, Reuters`, `A, BBC News correspondent`.
    if outlet.is_none() {
        if let Some(at) = names_part.rfind(", ") {
            let right = names_part.get(at + 2..).unwrap_or("").trim();
            if looks_like_outlet_or_role(tables, right) {
                outlet = outlet_of(tables, right);
                names_part = names_part.get(..at).unwrap_or("").trim();
                marked = true;
            }
        }
    }
    let mut authors = split_names(names_part);
    // A role standing alone (`Jane Doe, Senior Correspondent`) names nobody.
    let before = authors.len();
    authors.retain(|a| !a.split_whitespace().all(is_role_word));
    marked |= authors.len() < before;
    // `Tessa WongBBC News`: an outlet glued to the last name.
    if outlet.is_none() {
        if let Some(last) = authors.last_mut() {
            if let Some((name, glued)) = unglue_outlet(tables, last) {
                *last = name;
                outlet = Some(glued);
                unglued = true;
            }
        }
    }
    if authors.is_empty() && outlet.is_none() {
        return None;
    }
    let all_names = authors.iter().all(|a| is_person_name(a));
    if !all_names {
        // Without `By`, an outlet alone (`Reuters`) still makes a byline.
        if authors.len() == 1
            && outlet.is_none()
            && authors.first().is_some_and(|a| tables.is_outlet(a))
        {
            return Some(ParsedByline {
                byline: Byline::new(Vec::new(), authors.pop()),
                unglued,
            });
        }
        return None;
    }
    if !marked && outlet.is_none() && authors.len() < 2 {
        // A lone capitalised phrase is not a byline without some sign that it is one.
        return None;
    }
    Some(ParsedByline {
        byline: Byline::new(authors, outlet),
        unglued,
    })
}

/// What sets off a byline's names from an outlet or a role, in the order
/// they are looked for (`Jane Doe | AP`, `Jane Doe — Staff Writer`).
const SEPARATORS: [&str; 6] = [" | ", "|", " — ", " – ", " - ", " / "];

/// The first of [`SEPARATORS`] that `text` holds (in their order), with
/// where it first stands.
///
/// A text holds a separator only when it holds each of its bytes, its first
/// non-space byte (`|`, `-`, `/` or the lead byte of a dash) above all: one
/// pass over the bytes tells which of them are there, and only those
/// separators are searched for. Most lines hold none of them, and each
/// search costs the setup of a substring searcher.
fn first_separator(text: &str) -> Option<(usize, &'static str)> {
    let key = |separator: &str| separator.trim_start().as_bytes().first().copied();
    let (mut bar, mut dash, mut hyphen, mut slash) = (false, false, false, false);
    for &b in text.as_bytes() {
        match b {
            b'|' => bar = true,
            0xE2 => dash = true,
            b'-' => hyphen = true,
            b'/' => slash = true,
            _ => {}
        }
    }
    SEPARATORS.into_iter().find_map(|separator| {
        let present = match key(separator)? {
            b'|' => bar,
            0xE2 => dash,
            b'-' => hyphen,
            b'/' => slash,
            _ => true,
        };
        if !present {
            return None;
        }
        text.find(separator).map(|at| (at, separator))
    })
}

/// The outlet named by the right-hand side of a byline, or `None` for a role.
fn outlet_of(tables: &Tables, text: &str) -> Option<String> {
    let text = text.trim().trim_end_matches(['.', ',']);
    if text.is_empty() || tables.is_outlet(text) {
        return (!text.is_empty()).then(|| text.to_owned());
    }
    // Strip role words from the end: `BBC News correspondent` → `BBC News`.
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut keep = words.len();
    while keep > 0 && words.get(keep - 1).is_some_and(|w| is_role_word(w)) {
        keep -= 1;
    }
    if keep == words.len() {
        return Some(text.to_owned());
    }
    let rest = words.get(..keep).unwrap_or(&[]).join(" ");
    if rest.is_empty()
        || words
            .get(..keep)
            .unwrap_or(&[])
            .iter()
            .all(|w| is_role_word(w))
    {
        return None;
    }
    // `Asia correspondent`: what is left is a beat, not an outlet.
    if !tables.is_outlet(&rest)
        && !rest.split_whitespace().any(is_outlet_word)
        && rest.split_whitespace().count() < 2
    {
        return None;
    }
    Some(rest)
}

/// True for a line that only names a role (`Trending Editor`, `VP -
/// Technology`, `Staff Writer`).
pub(crate) fn is_role_only(text: &str) -> bool {
    // Read twice rather than collected: a line has a few words.
    let words = || {
        text.split(|c: char| c.is_whitespace() || c == '-' || c == ',')
            .filter(|w| !w.is_empty())
    };
    words().any(is_role_word)
        && words().all(|w| {
            is_role_word(w) || w.len() <= 3 || w.chars().next().is_some_and(char::is_uppercase)
        })
}

/// `text.rfind(marker)` for a marker that starts with a space: the spaces
/// are looked at from the end, with no searcher built per call.
///
/// The byte after the space is compared first: most spaces are followed by
/// some other letter, and are passed over without a full comparison.
fn rfind_spaced(text: &str, marker: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let marker = marker.as_bytes();
    let second = marker.get(1);
    memchr::memrchr_iter(b' ', bytes).find(|&at| {
        second.is_none_or(|second| bytes.get(at + 1) == Some(second))
            && bytes.get(at..).is_some_and(|rest| rest.starts_with(marker))
    })
}

fn is_role_word(word: &str) -> bool {
    ROLE_WORDS.contains_folded(word)
}

fn is_outlet_word(word: &str) -> bool {
    if word.is_ascii() {
        let bytes = word.as_bytes();
        let ends_with = |suffix: &[u8]| {
            bytes.len() >= suffix.len()
                && bytes
                    .get(bytes.len() - suffix.len()..)
                    .is_some_and(|tail| tail.eq_ignore_ascii_case(suffix))
        };
        return OUTLET_WORDS.contains_folded(word) || ends_with(b".com") || ends_with(b".org");
    }
    let lower = word.to_lowercase();
    OUTLET_WORDS.contains(lower.trim_matches(|c: char| !c.is_alphanumeric()))
        || lower.ends_with(".com")
        || lower.ends_with(".org")
}

fn looks_like_outlet_or_role(tables: &Tables, text: &str) -> bool {
    tables.is_outlet(text)
        || text.split_whitespace().any(is_role_word)
        || text.split_whitespace().any(is_outlet_word)
}

/// Splits a known outlet off the end of a name it was glued to
/// (`Tessa WongBBC News` → `Tessa Wong`, `BBC News`). Only at a
/// lower-case→upper-case seam and only for outlets in the lexicon, so
/// `McDonald`, `DeSantis` and `YouTube` stay whole.
pub(crate) fn unglue_outlet(tables: &Tables, text: &str) -> Option<(String, String)> {
    for outlet in &tables.outlets {
        let Some(head) = text.strip_suffix(outlet) else {
            continue;
        };
        let before = head.chars().last()?;
        let first = outlet.chars().next()?;
        if before.is_lowercase() && first.is_uppercase() && is_person_name(head) {
            return Some((head.to_owned(), (*outlet).to_owned()));
        }
    }
    None
}

fn from_email(text: &str) -> Option<Byline> {
    let (local, domain) = text.split_once('@')?;
    if text.contains(char::is_whitespace) || !domain.contains('.') || local.is_empty() {
        return None;
    }
    let parts: Vec<&str> = local
        .split(['.', '_', '-'])
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() < 2 || parts.iter().any(|p| !p.chars().all(char::is_alphabetic)) {
        return None;
    }
    let name = parts
        .iter()
        .map(|p| {
            let mut chars = p.chars();
            chars
                .next()
                .map(|c| {
                    c.to_uppercase()
                        .chain(chars.flat_map(char::to_lowercase))
                        .collect::<String>()
                })
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ");
    let name = fix_case(&name);
    // The name must read as one, as after `By`: otherwise an address
    // yields a byline that, rendered `By …`, reads back as a title.
    if !is_person_name(&name) {
        return None;
    }
    Some(Byline::new(vec![name], None))
}

#[cfg(test)]
mod tests {
    #[test]
    fn no_non_ascii_character_lowercases_into_posted_or_published() {
        for c in (0x80..=0x10_FFFF).filter_map(char::from_u32) {
            let mut lower = c.to_lowercase();
            let first = lower.next().unwrap_or(c);
            let alone = lower.next().is_none_or(|next| next.is_ascii());
            assert!(!(alone && "postedpublished".contains(first)), "{c:?}");
        }
        assert!(opens_posted("POSTED on"));
        assert!(opens_posted("Published"));
        assert!(!opens_posted("Post"));
        assert!(!opens_posted("Publiéshed"));
    }

    use super::*;

    fn byline(text: &str) -> Option<(Vec<String>, Option<String>)> {
        parse(text).map(|p| (p.byline.authors, p.byline.outlet))
    }

    fn some(authors: &[&str], outlet: Option<&str>) -> Option<(Vec<String>, Option<String>)> {
        Some((
            authors.iter().map(|a| a.to_string()).collect(),
            outlet.map(str::to_owned),
        ))
    }

    #[test]
    fn common_shapes() {
        assert_eq!(
            byline("By Tessa WongBBC News"),
            some(&["Tessa Wong"], Some("BBC News"))
        );
        assert_eq!(
            byline("By Jane Doe and John Roe, Reuters"),
            some(&["Jane Doe", "John Roe"], Some("Reuters"))
        );
        assert_eq!(byline("JANE DOE | AP"), some(&["Jane Doe"], Some("AP")));
        assert_eq!(byline("Jane Doe — Staff Writer"), some(&["Jane Doe"], None));
        assert_eq!(byline("jane.doe@example.com"), some(&["Jane Doe"], None));
        assert_eq!(
            byline("By Jane Doe Updated 3:04 PM EDT"),
            some(&["Jane Doe"], None)
        );
        assert_eq!(byline("By Jane Doe in Paris"), some(&["Jane Doe"], None));
        assert_eq!(
            byline("Written by Anna Schmidt"),
            some(&["Anna Schmidt"], None)
        );
        assert_eq!(
            byline("Author: Anna Schmidt"),
            some(&["Anna Schmidt"], None)
        );
        assert_eq!(
            byline("Posted on 12 March 2024 by Sam Lee"),
            some(&["Sam Lee"], None)
        );
        assert_eq!(
            byline("Laura Bicker, BBC News China correspondent"),
            some(&["Laura Bicker"], Some("BBC News China"))
        );
        assert_eq!(
            byline("By Jane Doe, Asia correspondent"),
            some(&["Jane Doe"], None)
        );
        assert_eq!(
            byline("Por Ana Ruiz y Pedro Gil"),
            some(&["Ana Ruiz", "Pedro Gil"], None)
        );
    }

    #[test]
    fn word_lists_match_lowercased_trimmed_words() {
        for word in [
            "Editor",
            "EDITOR,",
            "(Reporter)",
            "co-founder",
            "Co-Founder.",
            "envoyé",
            "ENVOYÉ",
            "News",
            "example.COM",
            "example.org)",
            "Times-",
            "",
            "--",
        ] {
            let lower = word.to_lowercase();
            let trimmed = lower.trim_matches(|c: char| !c.is_alphanumeric());
            assert_eq!(is_role_word(word), ROLE_WORDS.contains(trimmed), "{word}");
            assert_eq!(
                is_outlet_word(word),
                OUTLET_WORDS.contains(trimmed)
                    || lower.ends_with(".com")
                    || lower.ends_with(".org"),
                "{word}"
            );
        }
        for (text, marker) in [("a in b in c", " in "), ("x", " in "), ("à à", " à ")] {
            assert_eq!(rfind_spaced(text, marker), text.rfind(marker), "{text}");
        }
    }

    /// [`first_separator`] as first written: every separator searched for.
    fn first_separator_by_find(text: &str) -> Option<(usize, &'static str)> {
        SEPARATORS
            .into_iter()
            .find_map(|separator| text.find(separator).map(|at| (at, separator)))
    }

    #[test]
    fn separators_are_found_as_every_search_finds_them() {
        let pieces = [
            " ", "|", " | ", "-", " - ", "/", " / ", "—", " — ", "–", " – ", "’", "€", "a", "Jane",
            "Doe", ",", "\u{2028}",
        ];
        let texts = crate::pipeline::random_texts(&pieces, 61, 0..9, 3000);
        let mut found = 0;
        for text in &texts {
            let expected = first_separator_by_find(text);
            found += usize::from(expected.is_some());
            assert_eq!(first_separator(text), expected, "{text:?}");
        }
        // The texts hold each separator, and lack them, often enough.
        assert!(
            found > texts.len() / 4 && found < texts.len() * 3 / 4,
            "{found}"
        );
    }

    #[test]
    fn spaced_markers_are_found_as_rfind_finds_them() {
        let pieces = [
            " ", "in", "en", "à", "aus", "from", "i", "a", "f", "x", "  in ",
        ];
        let texts = crate::pipeline::random_texts(&pieces, 67, 0..10, 2000);
        let mut found = 0;
        for text in &texts {
            for marker in [" in ", " en ", " à ", " aus ", " from ", " ", " i"] {
                let expected = text.rfind(marker);
                found += usize::from(expected.is_some());
                assert_eq!(rfind_spaced(text, marker), expected, "{text:?} {marker:?}");
            }
        }
        assert!(found > texts.len(), "{found}");
    }

    #[test]
    fn a_line_told_to_hold_no_trailer_holds_none() {
        let pieces = [
            " ",
            "|",
            "-",
            ",",
            "Updated",
            "upd",
            "ated",
            "PUBLISHED",
            "publi",
            "cado",
            "posted",
            "pos",
            "ted",
            "Last",
            "modified",
            "mod",
            "ACTUALIZADO",
            "aktualisiert",
            "Jane",
            "Doe",
            "mis",
            "à",
            "jour",
            "\u{212a}",
        ];
        let trailer = &TABLES.byline_trailer;
        let (mut told, mut held) = (0, 0);
        for text in crate::pipeline::random_texts(&pieces, 79, 0..7, 3000) {
            let holds = trailer.is_match(&text);
            held += usize::from(holds);
            if !may_hold_trailer(&text) {
                told += 1;
                assert!(!holds, "{text:?}");
            }
        }
        assert!(told > 1000 && held > 1000, "{told} {held}");
    }

    #[test]
    fn glued_words_that_are_not_outlets_stay() {
        assert_eq!(
            byline("By Ronald McDonald"),
            some(&["Ronald McDonald"], None)
        );
        assert_eq!(byline("By Ron DeSantis"), some(&["Ron DeSantis"], None));
    }

    #[test]
    fn prose_is_not_a_byline() {
        assert_eq!(
            byline("By the time the sun rose, everyone had left the square."),
            None
        );
        assert_eq!(byline("The two leaders ended up all smiles"), None);
        assert_eq!(byline(""), None);
    }
}
