//! Everything compiled once per process: lexicons turned into sets and
//! automata, and the regular expressions of the rules.
//!
//! None of it depends on [`Options`](crate::Options), so every
//! [`Normalizer`](crate::Normalizer) shares one copy and building a
//! normalizer costs nothing.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, Hasher};
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind, StartKind};
use regex::Regex;

use crate::article::RemovalKind;
use crate::lexicon;

pub(crate) struct Tables {
    /// Known outlets, longest first (for unglueing `WongBBC News`).
    pub outlets: Vec<&'static str>,
    /// Known outlets, lower-case.
    pub outlet_set: HashSet<String, FastHash>,
    /// A photo credit at the start of a line: optional `Name /` then an agency.
    pub credit_lead: Regex,
    /// Known picture agencies, lower-case.
    pub agency_set: HashSet<String, FastHash>,
    /// Known picture agencies as written (`credit_lead`'s alternatives), by
    /// their first two bytes: most lines start with none, and
    /// a line that does is compared with those agencies only.
    pub agencies_by_start: HashMap<[u8; 2], Vec<&'static str>, FastHash>,
    /// The agencies shorter than two bytes (compared with every line).
    pub short_agencies: Vec<&'static str>,
    /// The first bytes of the agencies: a line with none of them is looked
    /// up no further.
    pub agency_gate: PrefixGate,
    /// Whole folded lines that are boilerplate (source links, category
    /// placeholders, chrome phrases), one lookup for all three lists.
    pub line_phrases: HashMap<&'static str, LinePhrase, FastHash>,
    /// The shortest and longest key of `line_phrases`, in bytes.
    pub line_phrase_lengths: (usize, usize),
    /// The first two bytes of the keys of `line_phrases`.
    pub line_phrase_gate: PrefixGate,
    /// `By`, `Written by`, … at the start of a line.
    pub byline_prefix: Regex,
    /// The bytes a line matching `byline_prefix` may start with.
    pub byline_first: FirstBytes,
    pub months: HashMap<String, u8, FastHash>,
    /// Boilerplate phrases a short line may start with.
    pub boilerplate_prefixes: AhoCorasick,
    /// The first two bytes of the phrases in `boilerplate_prefixes`.
    pub boilerplate_prefix_gate: PrefixGate,
    pub boilerplate_prefix_kinds: Vec<RemovalKind>,
    /// One byte more than the longest key of `line_phrases` and the longest
    /// boilerplate prefix: a folded line's first `fold_head` bytes tell
    /// whether either list can hold it.
    pub fold_head: usize,
    /// The first [`FOLD_GATE`] bytes of the keys of `line_phrases` and of
    /// the boilerplate prefixes.
    pub fold_gate: FoldGate,
    pub date: Regex,
    pub time: Regex,
    pub contributors: Regex,
    /// The bytes a line matching `contributors` may start with.
    pub contributors_first: FirstBytes,
    pub shortcode: Regex,
    pub ad_marker: Regex,
    /// A picture credit closing a line (`… Photograph: Jane Doe/Reuters`):
    /// the definition `figure::trailing_credit_from` follows by hand, kept
    /// for the tests that hold it to it.
    #[cfg(test)]
    pub trailing_credit: Regex,
    pub credit_line: Regex,
    pub byline_trailer: Regex,
    pub posted_by: Regex,
    pub category_line: Regex,
    /// The bytes a line matching `category_line` may start with.
    pub category_first: FirstBytes,
    /// ` in London`, ` in New York` after a name.
    pub in_place: Regex,
    /// Shortcode pairs whose content is an embed, not prose: `[embed]URL[/embed]`.
    pub embed_pair: Regex,
    /// The spin lexicons, one automaton.
    pub spin: crate::spin::lexicon::SpinLexicon,
}

pub(crate) static TABLES: LazyLock<Tables> = LazyLock::new(Tables::build);

/// What one whole folded line is, by the phrase lists (`data/source_links.txt`,
/// `data/category_placeholders.txt`, the `line` entries of
/// `data/boilerplate.tsv`).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct LinePhrase {
    pub source_link: bool,
    pub category_placeholder: bool,
    /// The kind of a page-chrome line (removed only when chrome is stripped).
    pub chrome: Option<RemovalKind>,
}

/// An FxHash-style hasher (a multiply and a rotate per eight bytes) for the
/// sets built from the crate's own lexicons: their keys are fixed, so a
/// crafted input can lengthen no probe sequence, and SipHash's resistance
/// buys nothing while it costs a large share of each lookup.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct FastHash;

/// The state of [`FastHash`].
pub(crate) struct FastHasher(u64);

const FAST_HASH_K: u64 = 0xf135_7aea_2e62_a9c5;

impl BuildHasher for FastHash {
    type Hasher = FastHasher;
    fn build_hasher(&self) -> FastHasher {
        FastHasher(0)
    }
}

impl FastHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0 ^ word).wrapping_mul(FAST_HASH_K);
    }
}

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            if let Some(head) = word.get_mut(..rest.len()) {
                head.copy_from_slice(rest);
            }
            // The length keeps `ab` and `ab\0` apart.
            self.add(u64::from_le_bytes(word) ^ ((rest.len() as u64) << 59));
        }
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte) | 0x100);
    }

    fn finish(&self) -> u64 {
        // The multiply leaves its best bits high; hashbrown takes the bucket
        // from the low ones.
        self.0.rotate_left(26)
    }
}

/// The first two bytes a line matching a `(?i)^(?:lead|lead|…)` regex may
/// start with: two table lookups that rule most lines out before the regex
/// runs on them.
#[derive(Clone)]
pub(crate) struct FirstBytes {
    /// A bit for every two-byte start, indexed by `first << 8 | second`.
    two: Vec<u64>,
}

impl FirstBytes {
    /// The starts of `(?i)`-matched regex alternatives `leads`. An ASCII
    /// letter or digit stands for its two cases; anything else (a regex
    /// escape, a space) for any byte. Unicode case folding gives `k` and `s`
    /// non-ASCII partners (the Kelvin sign, the long s), and a non-ASCII
    /// letter has its own: where one of those is the first character, any
    /// non-ASCII first byte is let through with any second byte.
    pub fn case_insensitive<'a>(leads: impl IntoIterator<Item = &'a str>) -> FirstBytes {
        let mut gate = FirstBytes { two: vec![0; 1024] };
        // The bytes a character of a lead may be matched by, and whether a
        // non-ASCII character may match it.
        let bytes_of = |c: Option<char>| -> (Vec<u8>, bool) {
            match c {
                Some(c) if c.is_ascii_alphanumeric() => {
                    let partner = matches!(c.to_ascii_lowercase(), 'k' | 's');
                    (
                        vec![c.to_ascii_lowercase() as u8, c.to_ascii_uppercase() as u8],
                        partner,
                    )
                }
                _ => ((0..=0xFF).collect(), true),
            }
        };
        for lead in leads {
            let mut chars = lead.chars();
            let (firsts, first_wide) = bytes_of(chars.next());
            let (seconds, second_wide) = bytes_of(chars.next());
            let mut set = |a: u8, b: u8| {
                let at = usize::from(a) << 8 | usize::from(b);
                if let Some(word) = gate.two.get_mut(at / 64) {
                    *word |= 1 << (at % 64);
                }
            };
            for &a in &firsts {
                for &b in &seconds {
                    set(a, b);
                }
                if second_wide {
                    for b in 0x80..=0xFF {
                        set(a, b);
                    }
                }
            }
            if first_wide {
                for a in 0x80..=0xFF {
                    for b in 0..=0xFF {
                        set(a, b);
                    }
                }
            }
        }
        gate
    }

    /// False when `text` surely matches none of the leads.
    #[inline(always)]
    pub fn may_start(&self, text: &str) -> bool {
        let Some(&[a, b]) = text.as_bytes().first_chunk::<2>() else {
            // Every lead is longer.
            return false;
        };
        let at = usize::from(a) << 8 | usize::from(b);
        self.two
            .get(at / 64)
            .is_none_or(|word| word & (1 << (at % 64)) != 0)
    }
}

/// The first two bytes of a set of strings (the first byte alone for a
/// one-byte string): a line whose start is in neither cannot start with any
/// of them, found with two table lookups instead of a scan of the list.
#[derive(Clone)]
pub(crate) struct PrefixGate {
    one: [bool; 256],
    /// A bit for every two-byte start, indexed by `first << 8 | second`.
    two: Vec<u64>,
}

impl PrefixGate {
    pub fn new<'a>(strings: impl IntoIterator<Item = &'a str>) -> PrefixGate {
        let mut gate = PrefixGate {
            one: [false; 256],
            two: vec![0; 1024],
        };
        for s in strings {
            match *s.as_bytes() {
                [] => gate.one = [true; 256],
                [a] => {
                    if let Some(slot) = gate.one.get_mut(usize::from(a)) {
                        *slot = true;
                    }
                }
                [a, b, ..] => {
                    let at = usize::from(a) << 8 | usize::from(b);
                    if let Some(word) = gate.two.get_mut(at / 64) {
                        *word |= 1 << (at % 64);
                    }
                }
            }
        }
        gate
    }

    /// False when `text` starts with none of the strings.
    #[inline(always)]
    pub fn may_start(&self, text: &str) -> bool {
        self.may_start_bytes(text.as_bytes())
    }

    /// [`PrefixGate::may_start`] of the bytes a text starts with.
    #[inline(always)]
    pub fn may_start_bytes(&self, bytes: &[u8]) -> bool {
        match *bytes {
            [] => self.one.iter().all(|&b| b),
            [a, ..] if self.one.get(usize::from(a)).copied().unwrap_or(true) => true,
            [_] => false,
            [a, b, ..] => {
                let at = usize::from(a) << 8 | usize::from(b);
                self.two
                    .get(at / 64)
                    .is_none_or(|word| word & (1 << (at % 64)) != 0)
            }
        }
    }
}

/// How many bytes of a folded line [`FoldGate`] looks at.
pub(crate) const FOLD_GATE: usize = 6;

/// The first [`FOLD_GATE`] bytes of a set of phrases, hashed into a bitmap
/// (a few false passes, none missed), and the phrases shorter than that:
/// a folded line whose first bytes are in neither equals none of the
/// phrases, nor starts with one.
pub(crate) struct FoldGate {
    bits: Vec<u64>,
    short: Vec<&'static str>,
}

impl FoldGate {
    /// Bits of the bitmap, as a power of two: 4 KB for a few hundred phrases.
    const BITS_LOG2: u32 = 15;

    /// A gate for folded lines equal to one of `whole` or starting with one
    /// of `prefixes`. A whole phrase shorter than [`FOLD_GATE`] bytes is
    /// left out: no line with that many folded bytes equals it.
    pub fn new<'a>(
        whole: impl IntoIterator<Item = &'a str>,
        prefixes: impl IntoIterator<Item = &'static str>,
    ) -> FoldGate {
        let mut gate = FoldGate {
            bits: vec![0; (1 << Self::BITS_LOG2) / 64],
            short: Vec::new(),
        };
        let mut add = |phrase: &str| {
            if let Some(start) = phrase.as_bytes().first_chunk::<FOLD_GATE>() {
                let at = Self::slot(start);
                if let Some(word) = gate.bits.get_mut(at / 64) {
                    *word |= 1 << (at % 64);
                }
            }
        };
        for phrase in whole {
            add(phrase);
        }
        for prefix in prefixes {
            add(prefix);
            if prefix.len() < FOLD_GATE {
                gate.short.push(prefix);
            }
        }
        gate
    }

    #[inline]
    fn slot(start: &[u8; FOLD_GATE]) -> usize {
        let mut word = [0; 8];
        if let Some(head) = word.first_chunk_mut::<FOLD_GATE>() {
            *head = *start;
        }
        let hash = u64::from_le_bytes(word).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (hash >> (64 - Self::BITS_LOG2)) as usize
    }

    /// False when a folded line starting with `start` surely equals none of
    /// the whole phrases and starts with none of the prefixes.
    #[inline(always)]
    pub fn may_start(&self, start: &[u8; FOLD_GATE]) -> bool {
        let at = Self::slot(start);
        self.bits
            .get(at / 64)
            .is_none_or(|word| word & (1 << (at % 64)) != 0)
            || self
                .short
                .iter()
                .any(|prefix| start.starts_with(prefix.as_bytes()))
    }
}

/// The labels `contributors` opens with (regex alternatives).
const CONTRIBUTOR_LEADS: &[&str] = &[
    r"additional\s+reporting",
    r"additional\s+research",
    "reporting",
    "writing",
    "editing",
    "edited",
    "compiled",
    "produced",
    "research",
    "graphics",
    "fact-checking",
    r"con\s+información\s+de",
    r"mit\s+material\s+von",
];

/// The labels `category_line` opens with (regex alternatives).
const CATEGORY_LEADS: &[&str] = &[
    "category",
    "categories",
    r"filed\s+under",
    r"posted\s+in",
    "section",
    "categoría",
    "rubrik",
    "rubrique",
];

/// Compiles a pattern that is a constant of this crate; the unit test
/// `tables_build` forces every one of them, so this cannot fail at run time.
#[allow(clippy::expect_used)]
fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).expect("constant pattern compiles")
}

/// `[embed]…[/embed]` and its kin, as one alternation (the regex crate has
/// no back-references).
fn embed_pair_pattern() -> String {
    let pairs: Vec<String> = [
        "embed",
        "video",
        "audio",
        "youtube",
        "vimeo",
        "tweet",
        "instagram",
        "facebook",
        "playlist",
        "gallery",
        "soundcloud",
    ]
    .iter()
    .map(|name| format!(r"\[{name}(?:\s[^\]]*)?\][^\[]*\[/{name}\]"))
    .collect();
    format!("(?i){}", pairs.join("|"))
}

impl Tables {
    #[allow(clippy::expect_used)]
    fn build() -> Tables {
        // The spin lexicon is the largest single table (a third of the build);
        // on a machine with a second core it is built there, beside the rest.
        std::thread::scope(|scope| {
            let spin = std::thread::Builder::new()
                .name("artnorm-tables".into())
                .spawn_scoped(scope, crate::spin::lexicon::SpinLexicon::build);
            Tables::build_rest(move || match spin.map(|handle| handle.join()) {
                Ok(Ok(lexicon)) => lexicon,
                // No thread to be had (or it failed): build it here.
                _ => crate::spin::lexicon::SpinLexicon::build(),
            })
        })
    }

    #[allow(clippy::expect_used)]
    fn build_rest(spin: impl FnOnce() -> crate::spin::lexicon::SpinLexicon) -> Tables {
        let mut outlets: Vec<&'static str> = lexicon::OUTLETS.words().collect();
        outlets.sort_by_key(|o| std::cmp::Reverse(o.len()));
        let outlet_set = outlets.iter().map(|o| o.to_lowercase()).collect();

        let mut agencies: Vec<&'static str> = lexicon::PHOTO_AGENCIES.words().collect();
        agencies.sort_by_key(|a| std::cmp::Reverse(a.len()));
        let agency_alternation = agencies
            .iter()
            .map(|a| regex::escape(a))
            .collect::<Vec<_>>()
            .join("|");
        let agency_set = agencies.iter().map(|a| a.to_lowercase()).collect();
        // `Sputnik / Getty Images`, `Reuters`, `John Smith/AFP via Getty Images`.
        let credit_lead = regex(&format!(
            r"^(?:(?P<who>[\p{{Lu}}][\p{{L}}.'’-]*(?:[ -][\p{{Lu}}][\p{{L}}.'’-]*){{0,4}})\s*/\s*)?(?P<agency>{agency_alternation})(?:\b|$)"
        ));

        let byline_prefixes: Vec<String> = lexicon::BYLINE_PREFIXES
            .words()
            .map(|p| regex::escape(p.trim_end_matches(':')))
            .collect();
        let byline_prefix = regex(&format!(
            r"(?i)^(?:{})\s*[:\s]\s*",
            byline_prefixes.join("|")
        ));

        let byline_first = FirstBytes::case_insensitive(lexicon::BYLINE_PREFIXES.words());

        let months: HashMap<String, u8, FastHash> = lexicon::MONTHS
            .entries()
            .filter_map(|f| Some((f.first()?.to_string(), f.get(1)?.parse().ok()?)))
            .collect();

        let mut line_phrases: HashMap<&'static str, LinePhrase, FastHash> = HashMap::default();
        for phrase in lexicon::SOURCE_LINKS.words() {
            line_phrases.entry(phrase).or_default().source_link = true;
        }
        for phrase in lexicon::CATEGORY_PLACEHOLDERS.words() {
            line_phrases.entry(phrase).or_default().category_placeholder = true;
        }
        let mut prefixes = Vec::new();
        let mut boilerplate_prefix_kinds = Vec::new();
        for fields in lexicon::BOILERPLATE.entries() {
            let (Some(kind), Some(mode), Some(phrase)) =
                (fields.first(), fields.get(1), fields.get(2))
            else {
                continue;
            };
            let Some(kind) = RemovalKind::from_name(kind) else {
                continue;
            };
            if *mode == "prefix" {
                prefixes.push(*phrase);
                boilerplate_prefix_kinds.push(kind);
            } else {
                // The last entry for a phrase wins, as a map insert would.
                line_phrases.entry(*phrase).or_default().chrome = Some(kind);
            }
        }
        let line_phrase_lengths = (
            line_phrases.keys().map(|k| k.len()).min().unwrap_or(0),
            line_phrases.keys().map(|k| k.len()).max().unwrap_or(0),
        );
        let boilerplate_prefix_gate = PrefixGate::new(prefixes.iter().copied());
        let line_phrase_gate = PrefixGate::new(line_phrases.keys().copied());
        let fold_head = prefixes
            .iter()
            .map(|p| p.len())
            .max()
            .unwrap_or(0)
            .max(line_phrase_lengths.1)
            + 1;
        let fold_gate = FoldGate::new(line_phrases.keys().copied(), prefixes.iter().copied());
        let boilerplate_prefixes = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .build(&prefixes)
            .expect("boilerplate prefixes build");

        Tables {
            outlets,
            outlet_set,
            credit_lead,
            agency_set,
            agencies_by_start: agencies
                .iter()
                .filter_map(|a| Some((*a.as_bytes().first_chunk::<2>()?, *a)))
                .fold(HashMap::default(), |mut map, (start, a)| {
                    map.entry(start).or_insert_with(Vec::new).push(a);
                    map
                }),
            short_agencies: agencies.iter().copied().filter(|a| a.len() < 2).collect(),
            agency_gate: PrefixGate::new(agencies.iter().copied()),
            line_phrases,
            line_phrase_lengths,
            line_phrase_gate,
            byline_prefix,
            byline_first,
            months,
            boilerplate_prefixes,
            boilerplate_prefix_gate,
            boilerplate_prefix_kinds,
            fold_head,
            fold_gate,
            date: regex(
                r"(?ix)
                (?P<iso>(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2}))
                | (?P<dmy>(?P<d1>\d{1,2})(?:st|nd|rd|th|er|º|\.)?\s+(?:de\s+)?(?P<m1>\p{L}{3,10})\.?,?\s+(?:de\s+)?(?P<y1>\d{4}))
                | (?P<mdy>(?P<m2>\p{L}{3,10})\.?\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{4}))
                | (?P<dot>(?P<d3>\d{1,2})\.(?P<m3>\d{1,2})\.(?P<y3>\d{4}))
                | (?P<slash>(?P<a4>\d{1,2})/(?P<b4>\d{1,2})/(?P<y4>\d{4}))",
            ),
            time: regex(
                r"(?i)\b\d{1,2}(?:[:.h]\d{2})(?::\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)?|\b\d{1,2}\s*(?:a\.?m\.?|p\.?m\.?)",
            ),
            contributors: regex(&format!(
                r"(?i)^(?:{})\s+(?:by\s+|de\s+|von\s+)?",
                CONTRIBUTOR_LEADS.join("|")
            )),
            contributors_first: FirstBytes::case_insensitive(CONTRIBUTOR_LEADS.iter().copied()),
            shortcode: regex(r#"\[/?[A-Za-z_][A-Za-z0-9_-]*(?:\s+[^\[\]]*)?\]"#),
            ad_marker: regex(
                r"(?i)^\[/?(?:ad|ads|adsense|advert|advertisement)(?:[_-]?\d+)?(?:\s[^\]]*)?\]$",
            ),
            #[cfg(test)]
            trailing_credit: regex(
                r"(?i)(?:^|\s|\.|,)(?:\(\s*)?(?:photograph|photo|image|picture|credit|photo\s+credit|image\s+credit|foto|bild|imagen|fotografía)\s*(?:by|:)\s*(?P<credit>[^()]{2,80}?)\s*\)?\s*$",
            ),
            credit_line: regex(
                r"(?i)^(?:image\s+source|photo\s+source|picture\s+source)\s*[,:]\s*(?P<credit>.+)$",
            ),
            byline_trailer: regex(
                r"(?i)\s*(?:[|,·•–—-]\s*)?\b(?:updated|published|posted|last\s+updated|modified|actualizado|publicado|aktualisiert|mis\s+à\s+jour)\b.*$",
            ),
            posted_by: regex(r"(?i)\bby\s+(?P<who>.+)$"),
            in_place: regex(
                r"\s+(?:in|en|à|aus)\s+[\p{Lu}][\p{L}.'’-]*(?:\s+[\p{Lu}][\p{L}.'’-]*){0,2}",
            ),
            embed_pair: regex(&embed_pair_pattern()),
            category_line: regex(&format!(
                r"(?i)^(?:{})\s*:?\s+(?P<cat>.{{1,60}})$",
                CATEGORY_LEADS.join("|")
            )),
            category_first: FirstBytes::case_insensitive(CATEGORY_LEADS.iter().copied()),
            spin: spin(),
        }
    }

    /// True when `text` starts with a known picture agency as written
    /// (case-sensitive, as `credit_lead` matches them).
    #[inline(always)]
    pub fn starts_with_agency(&self, text: &str) -> bool {
        self.agency_gate.may_start(text) && self.starts_with_agency_past_gate(text)
    }

    /// [`Tables::starts_with_agency`] past its gate of first bytes.
    fn starts_with_agency_past_gate(&self, text: &str) -> bool {
        let by_start = text
            .as_bytes()
            .first_chunk::<2>()
            .and_then(|start| self.agencies_by_start.get(start));
        by_start.is_some_and(|list| list.iter().any(|a| text.starts_with(a)))
            || self.short_agencies.iter().any(|a| text.starts_with(a))
    }

    /// True when `text` starts with a byline label (`By`, `Written by`, …):
    /// `byline_prefix`, after a first-byte check that rules out most lines.
    #[inline]
    pub fn starts_byline(&self, text: &str) -> bool {
        self.byline_first.may_start(text) && self.byline_prefix.is_match(text)
    }

    /// True for a known outlet name, compared case-insensitively.
    pub fn is_outlet(&self, text: &str) -> bool {
        with_lowercase(text, |lower| self.outlet_set.contains(lower))
    }

    /// True for a known picture agency, compared case-insensitively.
    pub fn is_agency(&self, text: &str) -> bool {
        with_lowercase(text, |lower| self.agency_set.contains(lower))
    }
}

/// Bytes of ASCII text that [`with_lowercase`] lower-cases on the stack.
const STACK_LOWERCASE: usize = 64;

/// `f(&text.to_lowercase())`, without the allocation when `text` is ASCII
/// and short (as the names and words looked up in the lexicons nearly
/// always are): ASCII lower-cases byte by byte, as `to_lowercase` does it.
pub(crate) fn with_lowercase<R>(text: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; STACK_LOWERCASE];
    if let Some(slot) = buf.get_mut(..text.len()).filter(|_| text.is_ascii()) {
        slot.copy_from_slice(text.as_bytes());
        slot.make_ascii_lowercase();
        if let Ok(lower) = std::str::from_utf8(slot) {
            return f(lower);
        }
    }
    f(&text.to_lowercase())
}

/// `text.to_lowercase() == lower`, without making the lower case: character
/// by character, as `to_lowercase` maps them. Only a capital sigma, which
/// `to_lowercase` maps by its place in the word, takes the allocation.
pub(crate) fn lowercase_eq(text: &str, lower: &str) -> bool {
    if text.is_ascii() {
        return text.len() == lower.len()
            && text
                .bytes()
                .zip(lower.bytes())
                .all(|(a, b)| a.to_ascii_lowercase() == b);
    }
    if text.contains('Σ') {
        return text.to_lowercase() == lower;
    }
    text.chars().flat_map(char::to_lowercase).eq(lower.chars())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pieces for the lower-case helpers' agreement tests: ASCII of both
    /// cases, capitals whose lower case is longer or shorter in UTF-8
    /// (`İ`, `Ω`, `K` the Kelvin sign), sigmas at word ends and inside.
    const CASE_PIECES: &[&str] = &[
        "a", "B", "Jane", "DOE", " ", "-", "É", "é", "İ", "Σ", "ς", "σ", "ΟΔΟΣ", "Ω", "\u{212A}",
        "ß", "ẞ", "Ǆ", "1", ".", "x",
    ];

    #[test]
    fn with_lowercase_is_to_lowercase() {
        let mut texts = crate::pipeline::random_texts(CASE_PIECES, 11, 0..24, 400);
        // Around the stack buffer's size.
        texts.extend((60..70).map(|n| "A".repeat(n)));
        for text in &texts {
            assert_eq!(
                with_lowercase(text, str::to_owned),
                text.to_lowercase(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn lowercase_eq_is_comparing_to_lowercase() {
        let texts = crate::pipeline::random_texts(CASE_PIECES, 12, 0..6, 300);
        for text in &texts {
            let lower = text.to_lowercase();
            assert!(lowercase_eq(text, &lower), "{text:?}");
            for other in texts.iter().take(40) {
                assert_eq!(
                    lowercase_eq(text, other),
                    lower == *other,
                    "{text:?} {other:?}"
                );
                let other_lower = other.to_lowercase();
                assert_eq!(
                    lowercase_eq(text, &other_lower),
                    lower == other_lower,
                    "{text:?} {other:?}"
                );
            }
        }
    }

    #[test]
    fn tables_build() {
        let tables = &*TABLES;
        assert!(tables.is_outlet("bbc news"));
        assert!(tables.is_agency("Getty Images"));
        assert_eq!(tables.months.get("june"), Some(&6));
    }

    #[test]
    fn gates_pass_every_line_their_pattern_can_match() {
        let tables = &*TABLES;
        let agencies: Vec<&str> = lexicon::PHOTO_AGENCIES.words().collect();
        for agency in &agencies {
            assert!(tables.starts_with_agency(&format!("{agency} pictures")));
        }
        for line in [
            "The talks stalled.",
            "",
            "A",
            "AP",
            "Reuters",
            "Reuter",
            "APhoto",
        ] {
            assert_eq!(
                tables.starts_with_agency(line),
                agencies.iter().any(|a| line.starts_with(a)),
                "{line}"
            );
        }
        // The long s folds to `s`, the Kelvin sign to `k`: a non-ASCII first
        // byte stays possible where a lead starts with either.
        for line in [
            "Section: World",
            "ſection: World",
            "FILED UNDER: Politics",
            "Categoría: Mundo",
            "Reporting by Jane Doe",
            "Additional reporting by Sam Lee",
            "By Jane Doe",
            "Story by Jane Doe",
            "ſtory by Jane Doe",
            "Von Anna Schmidt",
        ] {
            for (regex, gate) in [
                (&tables.category_line, &tables.category_first),
                (&tables.contributors, &tables.contributors_first),
                (&tables.byline_prefix, &tables.byline_first),
            ] {
                assert!(!regex.is_match(line) || gate.may_start(line), "{line}");
            }
        }
        assert!(tables.starts_byline("ſtory by Jane Doe"));
        assert!(!tables.contributors_first.may_start("The talks stalled."));
        assert!(!tables.category_first.may_start("The talks stalled."));
    }

    #[test]
    fn fast_hash_tells_keys_apart() {
        let hash = |s: &str| FastHash.hash_one(s);
        assert_ne!(hash("ab"), hash("ab\0"));
        assert_ne!(hash("read more"), hash("read mord"));
        assert_ne!(hash("12345678"), hash("123456789"));
        let set: HashSet<&str, FastHash> =
            ["a", "b", "source", "source link"].into_iter().collect();
        assert!(set.contains("source link") && !set.contains("source lin"));
    }
}
