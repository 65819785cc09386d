//! The spin lexicons: data files of spun phrase → original phrase, one file a
//! spinner family, compiled into one automaton so that every unit of text is
//! scanned once.
//!
//! Entry format (tab-separated): `spun  original  confidence  guards`.
//! - `spun` may hold alternations `(a|b|c)`; `original` refers to the chosen
//!   alternative of the n-th group as `$1`, `$2`, …
//! - `confidence` is in [0, 1]; entries below [`WEAK`] are only reported in
//!   articles that other findings already show to be spun.
//! - `guards` is `-` or a comma-separated list of context checks
//!   (see [`Guard`]).

use std::collections::HashMap;

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Anchored, Input, MatchKind};

use crate::lexicon::{self, DataFile};
use crate::pipeline::swar;

/// Findings below this confidence only count in an article already judged spun.
pub(crate) const WEAK: f32 = 0.7;

/// A context check an entry needs to pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Guard {
    /// The word before is a number (`4 many years`, `20-four many years`).
    NumBefore,
    /// The word after starts with a digit (`due to the fact 2000`).
    NumAfter,
    /// The word after is not capitalised (`in the party of aggression`, not
    /// `in the party of Lincoln`).
    LowerAfter,
    /// The word before is an article or possessive (`his to start with`).
    AfterDet,
    /// The word before is not a determiner or possessive (`rose final month`,
    /// not `the final month`).
    NotAfterDet,
    /// The text must match the pattern's case exactly (`People in america`).
    Case,
}

impl Guard {
    fn parse(name: &str) -> Option<Guard> {
        Some(match name {
            "num_before" => Guard::NumBefore,
            "num_after" => Guard::NumAfter,
            "lower_after" => Guard::LowerAfter,
            "after_det" => Guard::AfterDet,
            "not_after_det" => Guard::NotAfterDet,
            "case" => Guard::Case,
            _ => return None,
        })
    }
}

/// What kind of rule an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A phrase only a spinner writes.
    Phrase,
    /// A spinner's substitute for a word of a capitalised name (`Heart` for
    /// `Center`): judged by the name around it.
    NameWord,
}

/// One pattern of the automaton.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    /// The pattern as written (after expansion), for case-exact guards.
    pub pattern: String,
    pub suggestion: String,
    pub confidence: f32,
    pub guards: Vec<Guard>,
    pub kind: Kind,
    /// `lexicon:news`, `lexicon:science`, `name`, …
    pub rule: &'static str,
}

/// The compiled lexicon.
pub(crate) struct SpinLexicon {
    /// The news families and name words: one small automaton, a contiguous
    /// NFA (quick to build, 0.3 MB), walked anchored by a loop of our own
    /// ([`places`]) only where [`SpinLexicon::heads`] lets a pattern open.
    /// A DFA of it (7.5 MB, ten times as long to build) walks no faster
    /// there: few places are tried, and its table is mostly out of cache.
    nfa: NFA,
    /// False when a pattern is empty: an empty match would need the crate's
    /// rules for stepping past it, so its own search runs instead.
    walkable: bool,
    /// Which places can open a match: most are ruled out by a bit look-up
    /// instead of a walk of the automaton.
    heads: AutomatonHeads,
    /// Which places can open a match, told two at a time from four bytes
    /// (see [`Blocks`]): the test before [`SpinLexicon::heads`].
    blocks: Blocks,
    /// Which word starts can open a pair entry (see
    /// [`SpinLexicon::find_all`]).
    pair_heads: PairHeads,
    /// Entry number of each automaton pattern.
    pub automaton_entries: Vec<usize>,
    /// The large science family, looked up by the hash of its first two
    /// words: a DFA over thousands of phrases no longer fits the cache and
    /// would double the cost of normalization.
    pub bigrams: HashMap<u64, (u32, u32), KeyIsHash>,
    /// The entry numbers [`SpinLexicon::bigrams`] points into: those of one
    /// pair side by side, in entry order.
    pub bigram_entries: Vec<usize>,
    /// Bit sets of the hashes of the first and of the second words of the
    /// pairs: most word pairs are ruled out before the map is asked.
    pub first_words: Vec<u64>,
    pub second_words: Vec<u64>,
    /// Bit set of the pair keys: a pair of words both found in the sets
    /// above (`in the`, say) is mostly not a pair of one entry.
    pub pair_keys: Vec<u64>,
    pub entries: Vec<Entry>,
}

/// Size of the word bit sets, in `u64`s (2^16 bits).
const BIT_WORDS: usize = 1 << 10;

fn set_bit(bits: &mut [u64], hash: u64) {
    let bit = (hash as usize) & (BIT_WORDS * 64 - 1);
    if let Some(word) = bits.get_mut(bit / 64) {
        *word |= 1 << (bit % 64);
    }
}

/// True when the bit of `hash` is set.
pub(crate) fn has_bit(bits: &[u64], hash: u64) -> bool {
    let bit = (hash as usize) & (BIT_WORDS * 64 - 1);
    bits.get(bit / 64)
        .is_some_and(|w| w & (1 << (bit % 64)) != 0)
}

/// The pair keys are hashes already: the map uses them as they are.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct KeyIsHash;

/// The hasher of [`KeyIsHash`]: passes a `u64` key through.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct PassThrough(u64);

impl std::hash::Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

impl std::hash::BuildHasher for KeyIsHash {
    type Hasher = PassThrough;
    fn build_hasher(&self) -> PassThrough {
        PassThrough(0)
    }
}

/// The family looked up by word pairs instead of the automaton.
pub(crate) const BIGRAM_RULE: &str = "lexicon:tortured";

/// Words so common that a pair key starting with them would be asked for
/// all the time: patterns opening with them stay in the automaton.
const COMMON_WORDS: &[&str] = &[
    "the", "a", "an", "in", "on", "of", "to", "is", "was", "are", "were", "has", "have", "had",
    "and", "for", "by", "at", "with", "his", "her", "their", "its", "this", "that", "be", "been",
];

/// True when an entry is looked up by the hash of its first two words
/// rather than by the automaton: the whole science family, and news patterns
/// of three or more words that open with two plain words, the first not a
/// common one (the text's words are split on spaces only, so a two-word
/// pattern would miss `assume tank’s`). Keeping the automaton small keeps it
/// in the cache: all in one DFA it takes 15 MB.
fn by_pair(entry: &Entry, first: &str, second: &str) -> bool {
    if entry.rule == BIGRAM_RULE {
        return true;
    }
    let plain = |w: &str| !w.is_empty() && w.bytes().all(is_word_byte);
    entry.pattern.split(' ').filter(|w| !w.is_empty()).count() >= 3
        && plain(first)
        && plain(second)
        && !COMMON_WORDS.contains(&first.to_ascii_lowercase().as_str())
        && entry.lead_is_word()
}

impl Entry {
    fn lead_is_word(&self) -> bool {
        self.pattern
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphanumeric())
    }
}

/// A cheap hash of the ASCII-lower-cased bytes of a word: a rotate and xor
/// per byte ([`hash_step`]), one multiply at the end ([`hash_finish`]).
pub(crate) fn word_hash(word: &[u8]) -> u64 {
    hash_finish(word.iter().fold(0, |h, &b| hash_step(h, b)))
}

/// FNV-1a over the ASCII-lower-cased bytes: equal for patterns equal but
/// for ASCII case.
fn folded_hash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(0x0100_0000_01b3)
    })
}

/// One byte of [`word_hash`].
#[inline]
pub(crate) fn hash_step(h: u64, b: u8) -> u64 {
    h.rotate_left(7) ^ u64::from(b.to_ascii_lowercase())
}

/// The end of [`word_hash`].
#[inline]
pub(crate) fn hash_finish(h: u64) -> u64 {
    (h ^ (h >> 29)).wrapping_mul(0xbf58_476d_1ce4_e5b9)
}

/// The key of a pair of words.
pub(crate) fn pair_key(first: u64, second: u64) -> u64 {
    first.rotate_left(17) ^ second.wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// True for the bytes a word is made of, for the pair lookup.
#[inline]
pub(crate) fn is_word_byte(b: u8) -> bool {
    WORD_BYTES.get(usize::from(b)).copied().unwrap_or(false)
}

/// A word byte ([`is_word_byte`]) ASCII-lower-cased ([`hash_step`] takes
/// it so), 0 for any other byte: one table look-up a byte in the pair scan.
#[inline]
pub(crate) fn word_lower(b: u8) -> u8 {
    WORD_LOWER.get(usize::from(b)).copied().unwrap_or(0)
}

/// [`word_lower`] as a table, built at compile time.
#[allow(clippy::indexing_slicing)]
static WORD_LOWER: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        if byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'\'' || !byte.is_ascii() {
            table[b] = byte.to_ascii_lowercase();
        }
        b += 1;
    }
    table
};

/// [`is_word_byte`] as a table. Built at compile time, so an out-of-range
/// index would fail the build, not a caller.
#[allow(clippy::indexing_slicing)]
static WORD_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        table[b] =
            byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'\'' || !byte.is_ascii();
        b += 1;
    }
    table
};

/// Phrase files and the rule name their findings carry.
pub(crate) const PHRASE_FILES: &[(DataFile, &str)] = &[
    (lexicon::SPIN_SUPPLY_HYPERLINK, "lexicon:news-synonym"),
    (lexicon::SPIN_THESAURUS, "lexicon:news-thesaurus"),
    (lexicon::SPIN_TORTURED, "lexicon:tortured"),
];

/// Expands `(a|b)` groups: every combination, with the chosen alternatives.
pub(crate) fn expand(pattern: &str) -> Vec<(String, Vec<String>)> {
    let mut out = vec![(String::new(), Vec::new())];
    let mut rest = pattern;
    while let Some(open) = rest.find('(') {
        let Some(close) = rest.get(open..).and_then(|r| r.find(')')).map(|c| c + open) else {
            break;
        };
        let lead = rest.get(..open).unwrap_or("");
        let group = rest.get(open + 1..close).unwrap_or("");
        let mut next = Vec::new();
        for (text, picks) in &out {
            for alt in group.split('|') {
                let mut picks = picks.clone();
                picks.push(alt.to_owned());
                next.push((format!("{text}{lead}{alt}"), picks));
            }
        }
        out = next;
        rest = rest.get(close + 1..).unwrap_or("");
    }
    for (text, _) in &mut out {
        text.push_str(rest);
    }
    out
}

/// Fills `$1`, `$2`, … in `template` with `picks`.
fn fill(template: &str, picks: &[String]) -> String {
    if picks.is_empty() || !template.contains('$') {
        return template.to_owned();
    }
    let mut out = template.to_owned();
    for (i, pick) in picks.iter().enumerate().rev() {
        out = out.replace(&format!("${}", i + 1), pick);
    }
    out
}

/// Parses one phrase entry into its expanded entries; `None` when malformed.
pub(crate) fn parse_entry(fields: &[&str], rule: &'static str, kind: Kind) -> Option<Vec<Entry>> {
    let [spun, original, confidence, guards] = fields else {
        return None;
    };
    let confidence: f32 = confidence.parse().ok()?;
    if !(0.0..=1.0).contains(&confidence) {
        return None;
    }
    let guards = if *guards == "-" {
        Vec::new()
    } else {
        guards
            .split(',')
            .map(Guard::parse)
            .collect::<Option<Vec<_>>>()?
    };
    Some(
        expand(spun)
            .into_iter()
            .filter_map(|(pattern, picks)| {
                let suggestion = fill(original, &picks);
                // An alternation may spell the original itself (`World Health
                // Organization` among its spun forms): that one is no entry.
                (!pattern.eq_ignore_ascii_case(&suggestion)).then(|| Entry {
                    suggestion,
                    pattern,
                    confidence,
                    guards: guards.clone(),
                    kind,
                    rule,
                })
            })
            .collect(),
    )
}

impl SpinLexicon {
    /// Builds the automaton from the data files.
    #[allow(clippy::expect_used)]
    pub(crate) fn build() -> SpinLexicon {
        let mut entries = Vec::new();
        for &(file, rule) in PHRASE_FILES {
            for fields in file.entries() {
                entries.extend(parse_entry(&fields, rule, Kind::Phrase).unwrap_or_default());
            }
        }
        for fields in lexicon::SPIN_NAME_WORDS.entries() {
            if let [word, original] = fields.as_slice() {
                entries.push(Entry {
                    pattern: (*word).to_owned(),
                    suggestion: (*original).to_owned(),
                    confidence: 0.9,
                    guards: vec![Guard::Case],
                    kind: Kind::NameWord,
                    rule: "name",
                });
            }
        }
        // Scrapers keep typographic apostrophes; the data is written with `'`.
        let curly: Vec<Entry> = entries
            .iter()
            .filter(|e| e.pattern.contains('\''))
            .map(|e| Entry {
                pattern: e.pattern.replace('\'', "\u{2019}"),
                suggestion: e.suggestion.replace('\'', "\u{2019}"),
                ..e.clone()
            })
            .collect();
        entries.extend(curly);
        // One pattern, one entry: the first file wins. Entries sorted by
        // the hash of their ASCII-case-folded pattern (then by place), only
        // those of one hash are compared.
        let pattern = |i: usize| entries.get(i).map_or(&b""[..], |e| e.pattern.as_bytes());
        let mut order: Vec<(u64, usize)> = (0..entries.len())
            .map(|i| (folded_hash(pattern(i)), i))
            .collect();
        order.sort_unstable();
        let mut keep = vec![true; entries.len()];
        for run in order
            .chunk_by(|a, b| a.0 == b.0)
            .filter(|run| run.len() > 1)
        {
            for (n, &(_, later)) in run.iter().enumerate() {
                let repeated = run
                    .iter()
                    .take(n)
                    .any(|&(_, earlier)| pattern(earlier).eq_ignore_ascii_case(pattern(later)));
                if let (true, Some(slot)) = (repeated, keep.get_mut(later)) {
                    *slot = false;
                }
            }
        }
        let mut keep = keep.into_iter();
        entries.retain(|_| keep.next().unwrap_or(true));
        let mut automaton_entries = Vec::new();
        let mut first_words = vec![0u64; BIT_WORDS];
        let mut second_words = vec![0u64; BIT_WORDS];
        let mut pairs: Vec<(u64, usize)> = Vec::new();
        for (i, entry) in entries.iter().enumerate() {
            let mut words = entry.pattern.split(' ').filter(|w| !w.is_empty());
            let pair = (words.next(), words.next());
            match pair {
                (Some(first), Some(second)) if by_pair(entry, first, second) => {
                    let (a, b) = (word_hash(first.as_bytes()), word_hash(second.as_bytes()));
                    set_bit(&mut first_words, a);
                    set_bit(&mut second_words, b);
                    pairs.push((pair_key(a, b), i));
                }
                _ => automaton_entries.push(i),
            }
        }
        // Each pair's entries side by side (a stable sort keeps their order).
        pairs.sort_by_key(|&(key, _)| key);
        let mut bigrams: HashMap<u64, (u32, u32), KeyIsHash> = HashMap::default();
        let bigram_entries: Vec<usize> = pairs.iter().map(|&(_, i)| i).collect();
        let mut pair_keys = vec![0u64; BIT_WORDS];
        for &(key, _) in &pairs {
            set_bit(&mut pair_keys, key);
        }
        let mut at = 0;
        for run in pairs.chunk_by(|a, b| a.0 == b.0) {
            if let Some(&(key, _)) = run.first() {
                let end = at + run.len();
                bigrams.insert(key, (at as u32, end as u32));
                at = end;
            }
        }
        let patterns = |chosen: &'_ [usize]| {
            chosen
                .iter()
                .filter_map(|&i| entries.get(i))
                .map(|e| e.pattern.as_bytes())
                .collect::<Vec<_>>()
        };
        let heads = Heads::new(patterns(&automaton_entries).into_iter());
        let blocks = Blocks::with_pairs(
            patterns(&automaton_entries).into_iter(),
            patterns(&bigram_entries).into_iter(),
        );
        let pair_heads = Heads::new(patterns(&bigram_entries).into_iter());
        let nfa = aho_corasick::nfa::contiguous::Builder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .build(patterns(&automaton_entries))
            .expect("spin lexicon builds");
        SpinLexicon {
            nfa,
            walkable: patterns(&automaton_entries).iter().all(|p| !p.is_empty()),
            heads,
            blocks,
            pair_heads,
            automaton_entries,
            bigrams,
            bigram_entries,
            first_words,
            second_words,
            pair_keys,
            entries,
        }
    }
}

impl SpinLexicon {
    /// Calls `found(start, end, pattern)` for each match of the automaton in
    /// `text`, leftmost-longest and not overlapping, as the crate's own
    /// search finds them (see [`places`]): the automaton's half of
    /// [`SpinLexicon::find_all`] alone, which the tests hold against the
    /// crate's search.
    #[cfg(test)]
    pub(crate) fn find_each(&self, text: &str, mut found: impl FnMut(usize, usize, usize)) {
        let walked = self.walkable
            && places::<false>(
                &self.nfa,
                &self.heads,
                &self.blocks,
                &self.pair_heads,
                text.as_bytes(),
                &mut Batches::new(),
                &mut found,
                |_| {},
            );
        if !walked {
            self.find_each_by_crate(text, found);
        }
    }

    /// `SpinLexicon::find_each` (test-only) by the crate's own search loop: where our
    /// walk cannot run, and the reference of the differential tests.
    pub(crate) fn find_each_by_crate(
        &self,
        text: &str,
        mut found: impl FnMut(usize, usize, usize),
    ) {
        let mut input = Input::new(text);
        let mut last_end = None;
        while input.start() <= text.len() {
            let Ok(Some(m)) = self.nfa.try_find(&input) else {
                return;
            };
            // An empty match right where the last one ended: step past it,
            // as the crate's iterator does.
            if m.is_empty() && Some(m.end()) == last_end {
                input.set_start(m.end() + 1);
                continue;
            }
            found(m.start(), m.end(), m.pattern().as_usize());
            input.set_start(m.end());
            last_end = Some(m.end());
        }
    }

    /// The matches of `SpinLexicon::find_each` (test-only) and the word starts where
    /// an entry looked up by word pairs may open, in one cheap pass over
    /// `text` (see [`places`]):
    /// calls `found(start, end, pattern)` for each match and
    /// `pair_place(start)` for each such word start, each in order (a word
    /// is a run of
    /// [`is_word_byte`]s). False (having called neither) where the walk
    /// cannot run (see [`SpinLexicon::walkable`]).
    /// `batches` are left empty, for the next text.
    pub(crate) fn find_all(
        &self,
        text: &str,
        batches: &mut Batches,
        found: impl FnMut(usize, usize, usize),
        pair_place: impl FnMut(usize),
    ) -> bool {
        self.walkable
            && places::<true>(
                &self.nfa,
                &self.heads,
                &self.blocks,
                &self.pair_heads,
                text.as_bytes(),
                batches,
                found,
                pair_place,
            )
    }
}

/// The key bytes OR-ed with this: ASCII letters of either case agree (as
/// under the automaton's ASCII case folding), so do a few other bytes.
const KEY_FOLD: u64 = 0x2020_2020_2020_2020;

/// The 8 bytes of `bytes` from `at` as a little-endian `u64`, zero bytes
/// past the end.
#[inline]
fn load8(bytes: &[u8], at: usize) -> u64 {
    match bytes.get(at..at.saturating_add(8)) {
        Some(eight) => eight.try_into().map_or(0, u64::from_le_bytes),
        None => swar::padded_word(bytes.get(at..).unwrap_or(&[]), 0),
    }
}

/// Which places in a text can open a match of some patterns, judged by the
/// key of the place: its next bytes as little-endian `u64`s OR-ed with
/// [`KEY_FOLD`] (zero bytes past the text's end). Bit sets of hashes of key
/// prefixes: a place whose bit is clear opens no match; one whose bit is
/// set may open none (the automaton or the pair look-up decides).
///
/// A first set, of the first `FIRST` bytes of every pattern (fewer when a
/// pattern is shorter), rules out most places with one look-up; the places
/// left are judged by their first `LONG` bytes (8 to 16) for the patterns
/// that long, or by the first bytes of the shorter ones (as many as the
/// shortest of them has).
struct Heads<const FIRST: usize, const LONG: usize, const FIRST_WORDS: usize> {
    first: KeySet<FIRST_WORDS>,
    /// The prefix of a key [`Heads::first`] holds.
    first_mask: u64,
    long: KeySet<BIT_WORDS>,
    short: KeySet<BIT_WORDS>,
    /// The prefix of a key [`Heads::short`] holds.
    short_mask: u64,
    /// True when every pattern opens with an ASCII letter or digit.
    alphanumeric_leads: bool,
}

/// The first `len` bytes (at most 8) of a key.
fn prefix_mask(len: usize) -> u64 {
    u64::MAX
        .checked_shr(64 - 8 * len.min(8) as u32)
        .unwrap_or(0)
}

/// The hash of a key: its top bits pick a bit of a [`KeySet`].
#[inline]
fn key_hash(key: u64) -> u64 {
    key.wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// A bit set of key hashes ([`key_hash`]) of `WORDS` words (a power of
/// two), a bit for each value of their top bits.
struct KeySet<const WORDS: usize> {
    words: Box<[u64; WORDS]>,
}

impl<const WORDS: usize> KeySet<WORDS> {
    /// How far a hash is shifted right to leave its top bits.
    const SHIFT: u32 = {
        assert!(WORDS.is_power_of_two() && WORDS <= 1 << 26);
        64 - (WORDS * 64).trailing_zeros()
    };

    fn new() -> Self {
        KeySet {
            words: Box::new([0; WORDS]),
        }
    }

    fn insert(&mut self, hash: u64) {
        let bit = (hash >> Self::SHIFT) as usize;
        if let Some(word) = self.words.get_mut(bit / 64) {
            *word |= 1 << (bit % 64);
        }
    }

    #[inline]
    fn contains(&self, hash: u64) -> bool {
        let bit = (hash >> Self::SHIFT) as usize;
        self.words
            .get(bit / 64)
            .is_some_and(|w| w & (1 << (bit % 64)) != 0)
    }
}

impl<const FIRST: usize, const LONG: usize, const FIRST_WORDS: usize>
    Heads<FIRST, LONG, FIRST_WORDS>
{
    /// The bit sets of `patterns`; with an empty pattern, every place is
    /// tried.
    fn new<'a>(patterns: impl Iterator<Item = &'a [u8]> + Clone) -> Self {
        const { assert!(FIRST <= 8 && LONG >= 8 && LONG <= 16) };
        let shortest = |long: bool| {
            patterns
                .clone()
                .map(<[u8]>::len)
                .filter(|&n| (n >= LONG) == long)
                .min()
                .unwrap_or(LONG)
        };
        let mut heads = Heads {
            first: KeySet::new(),
            first_mask: prefix_mask(shortest(false).min(shortest(true)).min(FIRST)),
            long: KeySet::new(),
            short: KeySet::new(),
            short_mask: prefix_mask(shortest(false)),
            alphanumeric_leads: patterns
                .clone()
                .all(|p| p.first().is_some_and(u8::is_ascii_alphanumeric)),
        };
        for pattern in patterns {
            let key = load8(pattern, 0) | KEY_FOLD;
            heads.first.insert(key_hash(key & heads.first_mask));
            if pattern.len() >= LONG {
                heads.long.insert(Self::long_hash(pattern, 0, key));
            } else {
                heads.short.insert(key_hash(key & heads.short_mask));
            }
        }
        if heads.first_mask == 0 {
            heads.first.words.fill(u64::MAX);
            heads.long.words.fill(u64::MAX);
            heads.short.words.fill(u64::MAX);
        }
        heads
    }

    /// The hash of the first `LONG` bytes of the place `at` of key `key`.
    #[inline]
    fn long_hash(bytes: &[u8], at: usize, key: u64) -> u64 {
        if LONG <= 8 {
            return key_hash(key);
        }
        let more = (load8(bytes, at.saturating_add(8)) | KEY_FOLD) & prefix_mask(LONG - 8);
        key_hash(key ^ more.wrapping_mul(0xff51_afd7_ed55_8ccd))
    }

    /// The first test of a place of key `key`: false when it opens no match.
    #[inline]
    fn first(&self, key: u64) -> bool {
        self.first.contains(key_hash(key & self.first_mask))
    }

    /// The second test of the place `at` of key `key` in `bytes`, one that
    /// passed the first: false when it opens no match.
    #[inline]
    fn second(&self, bytes: &[u8], at: usize, key: u64) -> bool {
        self.long.contains(Self::long_hash(bytes, at, key))
            || self.short.contains(key_hash(key & self.short_mask))
    }
}

/// The heads of the automaton's patterns: 4 bytes, then 8.
type AutomatonHeads = Heads<4, 8, BIT_WORDS>;

/// The heads of the entries looked up by word pairs: 8 bytes, then 12. Most
/// of their patterns are long and open with a long word (`business`), so 8
/// bytes still pass one word start in 10 of the corpus, 12 one in 100.
/// A first set of 8 KB instead of 32 (measured, round 5, with the
/// `time_spin_detection` harness): 23% more word starts pass it (17% more
/// pair places with a hash of its own), and no wall time is won.
type PairHeads = Heads<8, 12, { BIT_WORDS * 4 }>;

/// The places of `haystack` in one pass of its blocks ([`Blocks`]): calls
/// `found(start, end, pattern)` for the non-overlapping leftmost-longest
/// matches of the automaton `nfa` walked anchored, as the crate's unanchored
/// search reports them ([`automaton_matches`]), and, when `PAIRS`,
/// `pair_place(at)` at each word start that `pair_heads` says may open a
/// pair entry, in order (each kind in order; the two interleaved). False
/// (having called neither) when the automaton has no anchored start.
#[allow(clippy::too_many_arguments)]
fn places<const PAIRS: bool>(
    nfa: &NFA,
    heads: &AutomatonHeads,
    blocks: &Blocks,
    pair_heads: &PairHeads,
    haystack: &[u8],
    batches: &mut Batches,
    found: impl FnMut(usize, usize, usize),
    pair_place: impl FnMut(usize),
) -> bool {
    let Ok(start) = nfa.start_state(Anchored::Yes) else {
        return false;
    };
    automaton_matches::<PAIRS>(
        nfa, start, heads, blocks, pair_heads, haystack, batches, found, pair_place,
    );
    true
}

/// The two batches of places [`places`] gathers (automaton's and pairs'),
/// kept from one text to the next: made once for the units of an article
/// rather than once a unit (each is 1 KB to clear, and most units are
/// short). Empty between texts.
pub(crate) struct Batches {
    automaton: Batch,
    pairs: Batch,
}

impl Batches {
    pub(crate) fn new() -> Self {
        Batches {
            automaton: Batch::new(),
            pairs: Batch::new(),
        }
    }
}

/// The keys of the places of a text, unfolded: its 8 bytes from a place as
/// a little-endian `u64`, zero bytes past its end. The last places' keys
/// are shifted out of one load of the last bytes (a loop of the padded
/// copy at every one of them cost more than the scan of a short unit).
struct Keys<'a> {
    bytes: &'a [u8],
    /// Where the last 8 bytes start (0 in a shorter text)…
    from: usize,
    /// …and those bytes, padded.
    tail: u64,
}

impl<'a> Keys<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        let from = bytes.len().saturating_sub(8);
        Keys {
            bytes,
            from,
            tail: load8(bytes, from),
        }
    }

    #[inline]
    fn at(&self, at: usize) -> u64 {
        match self.bytes.get(at..).and_then(<[u8]>::first_chunk::<8>) {
            Some(eight) => u64::from_le_bytes(*eight),
            None => self
                .tail
                .checked_shr(8 * at.saturating_sub(self.from) as u32)
                .unwrap_or(0),
        }
    }
}

/// Calls `found(start, end, pattern)` for the non-overlapping
/// leftmost-longest matches of `nfa` (anchored start state `start`) in
/// `haystack`, in order, and when `PAIRS`, `pair_place(at)` at the word
/// starts that may open a pair entry, in order.
///
/// The leftmost-longest match from a place is the longest anchored match at
/// the first place on where one opens; the next search starts where it
/// ends. A place is tried only when `blocks`, then `heads` say a match may
/// open there. Sixteen bytes loaded give `blocks` the four bytes at seven
/// places two apart, which tell fourteen places.
///
/// The same look-ups tell the places where a pair entry may open: of those,
/// the ones that follow no ASCII letter or digit (and, when every pair
/// pattern opens with one, hold one), told from the same sixteen bytes, are
/// tried as `pair_places` (the separate pass this replaced, kept for the
/// tests) tries them: first test of `pair_heads`, a word start, second
/// test. The places it tried that `blocks` rules out open no pair entry; a
/// pass over the bytes of its own and a test of every word start are saved.
#[allow(clippy::too_many_arguments)]
fn automaton_matches<const PAIRS: bool>(
    nfa: &NFA,
    start: StateID,
    heads: &AutomatonHeads,
    blocks: &Blocks,
    pair_heads: &PairHeads,
    haystack: &[u8],
    batches: &mut Batches,
    mut found: impl FnMut(usize, usize, usize),
    mut pair_place: impl FnMut(usize),
) {
    let keys = Keys::new(haystack);
    // Where the next search starts.
    let mut search = 0;
    // Tries the places (in order) that passed the blocks, those past the
    // first test of `heads` in turn.
    let mut flush = |batch: &mut Batch, search: &mut usize| {
        batch.retain(|place| place < haystack.len() && heads.first(keys.at(place) | KEY_FOLD));
        for &place in batch.places() {
            let key = keys.at(place) | KEY_FOLD;
            if place >= *search && heads.second(haystack, place, key) {
                if let Some((end, pattern)) = longest_at(nfa, start, haystack, place) {
                    found(place, end, pattern);
                    *search = end;
                }
            }
        }
        batch.clear();
    };
    // The same for the pair places.
    let mut flush_pairs =
        |batch: &mut Batch| try_pair_places(batch, &keys, pair_heads, haystack, &mut pair_place);
    let Batches {
        automaton: batch,
        pairs: pair_batch,
    } = batches;
    // Every place may open a pair entry, or only those that hold a letter
    // or digit.
    let any: u32 = if pair_heads.alphanumeric_leads {
        0
    } else {
        u32::MAX
    };
    // Bit `j` set: the byte `at - 2 + j` is an ASCII letter or digit (the
    // two before the sixteen loaded, carried over).
    let mut carried = u32::from(haystack.first().is_some_and(u8::is_ascii_alphanumeric)) << 1;
    // The block of four bytes at `at` tells the places `at - 1` and `at`.
    let mut at: usize = 1;
    while at <= haystack.len() {
        let sixteen = match haystack.get(at..).and_then(<[u8]>::first_chunk::<16>) {
            Some(sixteen) => u128::from_le_bytes(*sixteen),
            // Padded: a pattern holds no block that runs past the text's
            // end, but for the any fourth byte of one of 4 bytes.
            None => u128::from(keys.at(at + 8)) << 64 | u128::from(keys.at(at)),
        };
        // Bit `i` set: the place `at - 1 + i` may open a match.
        let (open, pair_open) = blocks.places_of_fourteen(sixteen);
        batch.push::<0>(at - 1, u64::from(open));
        if PAIRS {
            let with_before = alphanumeric_bits(sixteen) << 2 | carried;
            // Bit `i` set: the place `at - 1 + i` follows no letter or digit
            // (and holds one).
            let starts = (with_before >> 1 | any) & !with_before;
            pair_batch.push::<0>(at - 1, u64::from(starts & pair_open));
            carried = with_before >> 14 & 3;
            if pair_batch.is_full() {
                flush_pairs(pair_batch);
            }
        }
        if batch.is_full() {
            flush(batch, &mut search);
        }
        at += 14;
    }
    flush(batch, &mut search);
    if PAIRS {
        flush_pairs(pair_batch);
    }
}

/// Bit `j` set for each byte `j` of `sixteen` (little-endian) that is an
/// ASCII letter or digit.
#[inline]
fn alphanumeric_bits(sixteen: u128) -> u32 {
    // The top bit of each byte moved to bit `k` of the top byte: the
    // products of the bits land on distinct bits, so nothing carries.
    let gather = |tops: u64| ((tops >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56) as u32;
    gather(ascii_alphanumerics(sixteen as u64))
        | gather(ascii_alphanumerics((sixteen >> 64) as u64)) << 8
}

/// Places gathered for a test in a batch: a place a byte of the text
/// passes or fails a cheap test at random, and a branch on each, taken at
/// random, costs more than the test (a mispredicted branch, 15 cycles or
/// so). [`Batch::push`] and [`Batch::retain`] branch on no place.
struct Batch {
    places: [usize; BATCH_ROOM],
    len: usize,
}

/// The places a [`Batch`] gathers before they are tested…
const BATCH: usize = 64;
/// …and its room: a push adds at most 64 more. A power of two, so that a
/// place's slot is its number masked, with no check of bounds.
const BATCH_ROOM: usize = 2 * BATCH;

impl Batch {
    fn new() -> Self {
        Batch {
            places: [0; BATCH_ROOM],
            len: 0,
        }
    }

    /// Adds `first + (i >> SHIFT)` for each set bit `i` of `bits`, in
    /// order: the first three with no branch on them (a fourth is rare).
    /// The batch must not be full ([`Batch::is_full`]). Two stores instead
    /// of three in the automaton's pass were measured (round 5): no wall
    /// time won.
    #[inline(always)]
    fn push<const SHIFT: u32>(&mut self, first: usize, mut bits: u64) {
        // The count in a local, not in `self`, where the stores to the
        // slots would make the compiler reload it each time.
        let mut len = self.len;
        for _ in 0..3 {
            let place = first + (bits.trailing_zeros() >> SHIFT) as usize;
            if let Some(slot) = self.places.get_mut(len % BATCH_ROOM) {
                *slot = place;
            }
            len += usize::from(bits != 0);
            bits &= bits.wrapping_sub(1);
        }
        while bits != 0 {
            let place = first + (bits.trailing_zeros() >> SHIFT) as usize;
            if let Some(slot) = self.places.get_mut(len % BATCH_ROOM) {
                *slot = place;
            }
            len += 1;
            bits &= bits - 1;
        }
        self.len = len;
    }

    /// True when the batch is due for its test.
    #[inline]
    fn is_full(&self) -> bool {
        self.len >= BATCH
    }

    /// Keeps the places that pass `test`, in order, with no branch on them.
    #[inline(always)]
    fn retain(&mut self, mut test: impl FnMut(usize) -> bool) {
        let mut kept = 0;
        for i in 0..self.len.min(BATCH_ROOM) {
            let place = self.places.get(i).copied().unwrap_or(0);
            if let Some(slot) = self.places.get_mut(kept % BATCH_ROOM) {
                *slot = place;
            }
            kept += usize::from(test(place));
        }
        self.len = kept;
    }

    fn places(&self) -> &[usize] {
        self.places.get(..self.len).unwrap_or(&[])
    }

    fn clear(&mut self) {
        self.len = 0;
    }
}

/// The blocks of four bytes (folded as keys are, see [`KEY_FOLD`]) that
/// the automaton's patterns hold first, or second to fifth: of two
/// neighbouring places, the four bytes from the second tell whether either
/// may open a match. An entry for each block hash, of two bits (the first
/// for the place before, the second for the place itself): one look-up
/// tells two places. Two more bits tell the same of the patterns of the
/// pair entries (bits 2 and 3), at no cost of a look-up: on the corpus
/// about half the word starts pass them (true prefixes such as `with `
/// and `the s` more than chance: a table twice as large lets through 4%
/// fewer).
///
/// A pattern of 4 bytes has only three from its second: its blocks are
/// those with any fourth byte. A shorter one would escape the blocks: then
/// every bit of its kind is set.
struct Blocks {
    entries: Box<[u8; BLOCKS]>,
}

/// Number of entries of [`Blocks`] (a byte each: 16 KB, most of them never
/// read; a quarter as many let twice as many places through, twice as many
/// let through a fifth fewer).
const BLOCKS: usize = 1 << 14;

impl Blocks {
    /// The blocks of the automaton's patterns alone (no pair places).
    #[cfg(test)]
    fn new<'a>(patterns: impl Iterator<Item = &'a [u8]>) -> Blocks {
        Self::with_pairs(patterns, std::iter::empty())
    }

    /// The blocks of the automaton's `patterns` (bits 0 and 1 of an entry)
    /// and of the pair entries' (`pairs`, bits 2 and 3).
    fn with_pairs<'a>(
        patterns: impl Iterator<Item = &'a [u8]>,
        pairs: impl Iterator<Item = &'a [u8]>,
    ) -> Blocks {
        let mut blocks = Blocks {
            entries: Box::new([0; BLOCKS]),
        };
        let mut set = |block: u64, bit: u8| {
            if let Some(entry) = blocks.entries.get_mut(Self::entry(block)) {
                *entry |= bit;
            }
        };
        // The bits each kind sets where every place may open a pattern.
        let mut short = 0;
        for (pattern, shift) in patterns.map(|p| (p, 0)).chain(pairs.map(|p| (p, 2))) {
            let key = load8(pattern, 0) | KEY_FOLD;
            // Bit 1: the pattern opens at the block's place; bit 0: one
            // before it.
            match pattern.len() {
                0..4 => short |= 3 << shift,
                4 => {
                    set(key, 2 << shift);
                    for last in 0..=u8::MAX {
                        set(
                            key >> 8 & 0xff_ffff | u64::from(last) << 24 | KEY_FOLD,
                            1 << shift,
                        );
                    }
                }
                _ => {
                    set(key, 2 << shift);
                    set(key >> 8, 1 << shift);
                }
            }
        }
        if short != 0 {
            blocks.entries.iter_mut().for_each(|e| *e |= short);
        }
        blocks
    }

    /// The entry of the block of the first four bytes of `key`.
    #[inline]
    fn entry(key: u64) -> usize {
        ((key & 0xffff_ffff).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - BLOCKS.trailing_zeros()))
            as usize
    }

    /// The places that may open a match of the automaton, then of a pair
    /// entry, among the fourteen from the place before the first of
    /// `bytes` (16 bytes, little-endian): bit `i` for the place `i - 1`
    /// bytes on.
    #[inline]
    fn places_of_fourteen(&self, bytes: u128) -> (u32, u32) {
        let folded = bytes | u128::from(KEY_FOLD) << 64 | u128::from(KEY_FOLD);
        // An entry's pair bits moved up by 12 (to bits 14 and 15): shifted
        // by `2 k` for the `k`-th block, the automaton's bits fill bits 0
        // to 13, the pairs' bits 14 to 27.
        let open = (0..7).fold(0, |open, k| {
            let entry = Self::entry((folded >> (16 * k)) as u64);
            let four = self.entries.get(entry).map_or(15, |&e| u32::from(e));
            open | ((four * (1 + (1 << 12))) & 0xc003) << (2 * k)
        });
        (open & 0x3fff, open >> 14)
    }
}

/// Calls `pair_place(at)` at each word start ([`is_word_byte`]s after
/// none) that `pair_heads` says may open a pair entry, in order: the pass
/// of its own [`automaton_matches`] replaced, the reference of its tests.
///
/// Eight bytes at a time, the places that follow no ASCII letter or digit
/// are told at once ([`ascii_alphanumerics`]), and of those, when every
/// pair pattern opens with one, the places that hold one: a few more than
/// the word starts, and far cheaper to tell. Each has its key shifted out
/// of the 16 bytes loaded and passes the first test of `pair_heads` before
/// it is asked whether a word starts there.
#[cfg(test)]
fn pair_places(pair_heads: &PairHeads, haystack: &[u8], mut pair_place: impl FnMut(usize)) {
    use swar::TOPS;
    let keys = Keys::new(haystack);
    let mut flush =
        |batch: &mut Batch| try_pair_places(batch, &keys, pair_heads, haystack, &mut pair_place);
    let mut batch = Batch::new();
    // Every place may open a pair entry, or only those that hold a letter
    // or digit.
    let any = if pair_heads.alphanumeric_leads {
        0
    } else {
        TOPS
    };
    // The letters and digits of the eight bytes before (none before the
    // text).
    let mut before = 0;
    let mut base: usize = 0;
    while base < haystack.len() {
        let alphanumerics = ascii_alphanumerics(keys.at(base));
        // Bit `8 k + 7` set: the place `k` bytes on may open a pair entry.
        batch.push::<3>(
            base,
            (alphanumerics | any) & !(alphanumerics << 8 | before >> 56),
        );
        before = alphanumerics;
        if batch.is_full() {
            flush(&mut batch);
        }
        base += 8;
    }
    flush(&mut batch);
}

/// Tries the places gathered in `batch` (in order) as pair places: the first
/// test of `pair_heads`, a word start, the second test; calls `pair_place`
/// for each that passes and empties the batch. Shared by the one-pass
/// search and the separate pass its tests hold it against, which differ
/// only in which places they gather. (`word_start` is false past the end:
/// the padding's places.)
#[inline]
fn try_pair_places(
    batch: &mut Batch,
    keys: &Keys<'_>,
    pair_heads: &PairHeads,
    haystack: &[u8],
    pair_place: &mut impl FnMut(usize),
) {
    batch.retain(|at| pair_heads.first(keys.at(at) | KEY_FOLD));
    for &at in batch.places() {
        if word_start(haystack, at) && pair_heads.second(haystack, at, keys.at(at) | KEY_FOLD) {
            pair_place(at);
        }
    }
    batch.clear();
}

/// The top bit of each byte of `x` that is an ASCII letter or digit, the
/// other bits clear: told in each byte at once (no carry leaves a byte:
/// the sums are of 7-bit values).
#[inline]
fn ascii_alphanumerics(x: u64) -> u64 {
    use swar::{ONES, TOPS};
    // Top bit set in the bytes of `v` (7-bit values) from `lo` to `hi`.
    let within = |v: u64, lo: u8, hi: u8| {
        (v + ONES * u64::from(0x80 - lo)) & !(v + ONES * u64::from(0x7f - hi))
    };
    let low = x & !TOPS;
    (within(low | (ONES * 0x20), b'a', b'z') | within(low, b'0', b'9')) & !x & TOPS
}

/// True when a word ([`is_word_byte`]s) starts at `at`.
#[inline]
fn word_start(bytes: &[u8], at: usize) -> bool {
    bytes.get(at).is_some_and(|&b| is_word_byte(b))
        && !at
            .checked_sub(1)
            .and_then(|before| bytes.get(before))
            .is_some_and(|&b| is_word_byte(b))
}

/// The end and pattern of the longest match of `nfa` walked anchored (start
/// state `start`) at `place` in `haystack`, if any.
#[inline]
fn longest_at(nfa: &NFA, start: StateID, haystack: &[u8], place: usize) -> Option<(usize, usize)> {
    let mut sid = start;
    let mut last = None;
    for (offset, &byte) in haystack.get(place..)?.iter().enumerate() {
        sid = nfa.next_state(Anchored::Yes, sid, byte);
        if nfa.is_special(sid) {
            if nfa.is_dead(sid) {
                break;
            }
            if nfa.is_match(sid) {
                last = Some((place + offset + 1, nfa.match_pattern(sid, 0).as_usize()));
            }
        }
    }
    last
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind};

    /// Wall time of spin detection over the corpus pages' paragraphs (their
    /// non-blank lines), min of `ARTNORM_ROUNDS` rounds (default 15), with
    /// the places each pass lets through. For A/B runs of two builds:
    /// `cargo test --release --lib time_spin_detection -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn time_spin_detection() {
        let pages = crate::spin::test_texts::corpus_pages(usize::MAX);
        let units: Vec<&str> = pages
            .iter()
            .flat_map(|p| p.lines())
            .filter(|l| !l.trim().is_empty())
            .collect();
        let lexicon = &crate::pipeline::tables::TABLES.spin;
        let (mut matches, mut pair_places, mut first_passed) = (0usize, 0usize, 0usize);
        for unit in &units {
            lexicon.find_all(
                unit,
                &mut Batches::new(),
                |_, _, _| matches += 1,
                |_| pair_places += 1,
            );
            let bytes = unit.as_bytes();
            let keys = Keys::new(bytes);
            first_passed += (0..bytes.len())
                .filter(|&at| {
                    word_start(bytes, at) && lexicon.pair_heads.first(keys.at(at) | KEY_FOLD)
                })
                .count();
        }
        let rounds: usize = std::env::var("ARTNORM_ROUNDS")
            .ok()
            .and_then(|r| r.parse().ok())
            .unwrap_or(15);
        let mut best = f64::MAX;
        for _ in 0..rounds {
            let start = std::time::Instant::now();
            let mut hits = 0;
            // One for all units, as `spin::run` has one for an article's.
            let mut batches = Batches::new();
            for unit in &units {
                hits +=
                    crate::spin::detect::scan(lexicon, std::hint::black_box(unit), &mut batches)
                        .len();
            }
            best = best.min(start.elapsed().as_secs_f64());
            std::hint::black_box(hits);
        }
        println!(
            "{} units: scan {:.2} ms (min of {rounds}); automaton matches {matches}, \
             word starts past the first pair test {first_passed}, pair places {pair_places}",
            units.len(),
            best * 1e3
        );
    }

    /// The automaton of the entries numbered `chosen`, of `kind`.
    fn automaton(
        entries: &[Entry],
        chosen: &[usize],
        kind: AhoCorasickKind,
    ) -> Option<AhoCorasick> {
        AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(kind))
            .build(
                chosen
                    .iter()
                    .filter_map(|&i| entries.get(i))
                    .map(|e| e.pattern.as_str()),
            )
            .ok()
    }

    #[test]
    fn alternations_expand_with_their_picks() {
        let entries = parse_entry(
            &["(a|the) brand new (York|Jersey)", "$1 New $2", "0.9", "-"],
            "t",
            Kind::Phrase,
        )
        .unwrap();
        let pairs: Vec<(String, String)> = entries
            .into_iter()
            .map(|e| (e.pattern, e.suggestion))
            .collect();
        assert_eq!(pairs.len(), 4);
        assert!(pairs.contains(&("the brand new Jersey".into(), "the New Jersey".into())));
        assert!(pairs.contains(&("a brand new York".into(), "a New York".into())));
    }

    /// The sample, then every automaton pattern, some upper-cased, some
    /// run into the next one, some cut short.
    fn probe_text(lexicon: &SpinLexicon) -> String {
        let mut text = include_str!("../../samples/bbc-putin-kim-spun.txt").to_owned();
        for (n, &i) in lexicon.automaton_entries.iter().enumerate() {
            let pattern = &lexicon.entries[i].pattern;
            match n % 4 {
                0 => text.push_str(&pattern.to_uppercase()),
                1 => text.extend(pattern.chars().take(pattern.len() / 2 + n % 3)),
                _ => text.push_str(pattern),
            }
            text.push_str(["s ", " x ", "", "-", " ", "’"][n % 6]);
        }
        text
    }

    #[test]
    fn the_anchored_walk_finds_what_the_crate_finds() {
        let lexicon = SpinLexicon::build();
        assert!(lexicon.walkable);
        let probe = probe_text(&lexicon);
        let mut texts = vec![probe.clone()];
        texts.extend(crate::spin::test_texts::cuts(
            &probe,
            300,
            300,
            0x9e37_79b9_7f4a_7c15,
        ));
        // Short ones: matches at the very end, keys padded past it.
        texts.extend(crate::spin::test_texts::cuts(
            &probe,
            3000,
            20,
            0x2545_f491_4f6c_dd1d,
        ));
        texts.extend(crate::spin::test_texts::corpus_pages(150));
        // The crate's own DFA and search loop: a reference independent of
        // our automaton.
        let reference = automaton(
            &lexicon.entries,
            &lexicon.automaton_entries,
            AhoCorasickKind::DFA,
        )
        .unwrap();
        let mut total = 0;
        for text in &texts {
            let expected: Vec<(usize, usize, usize)> = reference
                .find_iter(text.as_str())
                .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
                .collect();
            let (mut walked, mut by_crate) = (Vec::new(), Vec::new());
            lexicon.find_each(text, |s, e, p| walked.push((s, e, p)));
            lexicon.find_each_by_crate(text, |s, e, p| by_crate.push((s, e, p)));
            assert_eq!(by_crate, expected, "{text:?}");
            assert_eq!(walked, expected, "{text:?}");
            total += expected.len();
        }
        assert!(total > lexicon.automaton_entries.len(), "{total}");
    }

    #[test]
    fn alphanumerics_are_told_eight_at_a_time() {
        for filler in [0u8, b' ', b'a', b'Z', b'7', 0x80, 0xff] {
            for byte in 0..=u8::MAX {
                for lane in 0..8 {
                    let mut bytes = [filler; 8];
                    bytes[lane] = byte;
                    let told = ascii_alphanumerics(u64::from_le_bytes(bytes));
                    for (k, &b) in bytes.iter().enumerate() {
                        let bit = told >> (8 * k) & 0xff;
                        let expected = if b.is_ascii_alphanumeric() { 0x80 } else { 0 };
                        assert_eq!(bit, expected, "{bytes:?} lane {k}");
                    }
                }
            }
        }
    }

    /// The places that [`Blocks::places_of_fourteen`] lets through in
    /// `text`, from every first place on, as `automaton_matches` loads them.
    fn block_places(blocks: &Blocks, text: &[u8]) -> Vec<(usize, usize)> {
        let keys = Keys::new(text);
        let mut out = Vec::new();
        for at in 1..=text.len() {
            let sixteen = u128::from(keys.at(at + 8)) << 64 | u128::from(keys.at(at));
            let (open, _) = blocks.places_of_fourteen(sixteen);
            for i in 0..14 {
                if open >> i & 1 == 1 {
                    out.push((at, at - 1 + i));
                }
            }
        }
        out
    }

    #[test]
    fn blocks_let_every_pattern_through() {
        let patterns: [&[u8]; 5] = [
            b"p.c.",
            b"Firm",
            b"Heart",
            b"thirty day period",
            b"x\xe2\x80\x99s",
        ];
        let blocks = Blocks::new(patterns.iter().copied());
        for pattern in patterns {
            for case in [pattern.to_vec(), pattern.to_ascii_uppercase()] {
                for lead in 0..20 {
                    for trail in [0, 1, 2, 3, 7, 16] {
                        let mut text = b"ab ".repeat(8)[..lead].to_vec();
                        text.extend(&case);
                        text.extend(&b"zy ".repeat(8)[..trail]);
                        let through = block_places(&blocks, &text);
                        // Every window that holds the place lets it through.
                        for at in lead.saturating_sub(12).max(1)..=lead + 1 {
                            assert!(
                                through.contains(&(at, lead)),
                                "{:?} at {lead}, window {at}",
                                String::from_utf8_lossy(&text)
                            );
                        }
                    }
                }
            }
        }
        // Most places of other text are ruled out.
        let text = b"Nothing here is one of them: the quick brown fox.".repeat(4);
        assert!(block_places(&blocks, &text).len() < text.len() * 14 / 4);
        // A pattern shorter than a block lets every place through.
        let blocks = Blocks::new([&b"ab"[..], b"thirty"].into_iter());
        assert_eq!(block_places(&blocks, b"xyz").len(), 3 * 14);
    }

    #[test]
    fn pair_places_are_the_word_starts_the_heads_let_through() {
        let texts = |patterns: &[&str]| {
            let mut probe = String::new();
            let seps = [
                " ", "  ", ", ", "x", ".", "-", "\u{a0}", "’", "\n", "(", "é", "7",
            ];
            for n in 0..200 {
                let pattern = patterns[n % patterns.len()];
                probe.push_str(seps[n % seps.len()]);
                match n % 3 {
                    0 => probe.push_str(&pattern.to_uppercase()),
                    1 => probe.push_str(&pattern[..pattern.len() / 2]),
                    _ => probe.push_str(pattern),
                }
                probe.push_str(seps[(n / 5) % seps.len()]);
            }
            let mut texts = vec![probe.clone()];
            texts.extend(crate::spin::test_texts::cuts(
                &probe,
                2000,
                40,
                0x5851_f42d_4c95_7f2d,
            ));
            texts
        };
        for patterns in [
            &["quantum mechanics theory", "12 months ago", "b4 long"][..],
            &[
                "quantum mechanics theory",
                "'tis the season",
                "-based on it",
            ][..],
        ] {
            let heads = PairHeads::new(patterns.iter().map(|p| p.as_bytes()));
            let leads_alphanumeric = patterns
                .iter()
                .all(|p| p.as_bytes()[0].is_ascii_alphanumeric());
            assert_eq!(heads.alphanumeric_leads, leads_alphanumeric);
            let mut through = 0;
            for text in texts(patterns) {
                let bytes = text.as_bytes();
                let keys = Keys::new(bytes);
                let expected: Vec<usize> = (0..bytes.len())
                    .filter(|&at| {
                        let key = keys.at(at) | KEY_FOLD;
                        word_start(bytes, at)
                            && (!leads_alphanumeric || bytes[at].is_ascii_alphanumeric())
                            && heads.first(key)
                            && heads.second(bytes, at, key)
                    })
                    .collect();
                let mut places = Vec::new();
                pair_places(&heads, bytes, |at| places.push(at));
                assert_eq!(places, expected, "{text:?}");
                through += places.len();
            }
            assert!(through > 300, "{through}");
        }
    }

    /// The pair places of the one pass over the blocks ([`places`]) in
    /// `texts`, checked against those of the separate pass
    /// ([`pair_places`]): the same but for places where none of `pairs`
    /// opens. The number of places kept and dropped.
    fn check_pair_places(
        nfa: &NFA,
        heads: &AutomatonHeads,
        blocks: &Blocks,
        pair_heads: &PairHeads,
        pairs: &[&[u8]],
        texts: &[String],
    ) -> (usize, usize) {
        let (mut kept, mut dropped) = (0, 0);
        for text in texts {
            let bytes = text.as_bytes();
            let mut ours = Vec::new();
            let walked = places::<true>(
                nfa,
                heads,
                blocks,
                pair_heads,
                bytes,
                &mut Batches::new(),
                |_, _, _| {},
                |at| ours.push(at),
            );
            assert!(walked);
            let mut theirs = Vec::new();
            pair_places(pair_heads, bytes, |at| theirs.push(at));
            let mut ours_left = ours.iter().peekable();
            for &at in &theirs {
                if ours_left.peek() == Some(&&at) {
                    ours_left.next();
                    kept += 1;
                    continue;
                }
                dropped += 1;
                let rest = &bytes[at..];
                assert!(
                    !pairs
                        .iter()
                        .any(|p| rest.len() >= p.len() && rest[..p.len()].eq_ignore_ascii_case(p)),
                    "{at} in {text:?}"
                );
            }
            assert_eq!(ours_left.next(), None, "{text:?}: {ours:?} {theirs:?}");
        }
        (kept, dropped)
    }

    /// Each pattern, in varied case and glued to words and punctuation,
    /// cut at random.
    fn pair_texts(pairs: &[&[u8]], count: usize) -> Vec<String> {
        let glue = ["", " ", "data", "-", "’", ".", "(", "é", "A", "  ", "7"];
        let mut probe = String::new();
        for n in 0..pairs.len().max(200) {
            let pattern = std::str::from_utf8(pairs[n % pairs.len()]).unwrap();
            probe.push_str(glue[n % glue.len()]);
            match n % 3 {
                0 => probe.push_str(&pattern.to_uppercase()),
                1 => probe.extend(pattern.chars().take(pattern.len() / 2 + n % 5)),
                _ => probe.push_str(pattern),
            }
            probe.push_str(glue[(n / 3) % glue.len()]);
        }
        let mut texts = vec![probe.clone()];
        texts.extend(crate::spin::test_texts::cuts(
            &probe,
            count,
            60,
            0x2545_f491_4f6c_dd1d,
        ));
        texts
    }

    #[test]
    fn the_blocks_drop_only_pair_places_where_no_pair_opens() {
        let lexicon = &crate::pipeline::tables::TABLES.spin;
        let pairs: Vec<&[u8]> = lexicon
            .bigram_entries
            .iter()
            .map(|&i| lexicon.entries[i].pattern.as_bytes())
            .collect();
        let mut texts = pair_texts(&pairs, 3000);
        texts.extend(crate::spin::test_texts::corpus_pages(100));
        let (kept, dropped) = check_pair_places(
            &lexicon.nfa,
            &lexicon.heads,
            &lexicon.blocks,
            &lexicon.pair_heads,
            &pairs,
            &texts,
        );
        // Pair patterns are found, and some places the separate pass tried
        // are dropped (most of those it tests are: they fail its first test).
        assert!(kept > pairs.len() / 4 && dropped > 0, "{kept} {dropped}");
        // Pair patterns that open with other bytes than letters and digits
        // (every place after none is tried), or are short.
        for pairs in [
            &[
                &b"quantum mechanics theory"[..],
                b"'tis the season",
                b"-based on it",
            ][..],
            &[&b"b4 long"[..], b"12 months ago", b"x y", b"ab c"][..],
        ] {
            let automaton: [&[u8]; 2] = [b"thirty day period", b"Heart"];
            let nfa = aho_corasick::nfa::contiguous::Builder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .ascii_case_insensitive(true)
                .build(automaton)
                .unwrap();
            let (kept, dropped) = check_pair_places(
                &nfa,
                &AutomatonHeads::new(automaton.into_iter()),
                &Blocks::with_pairs(automaton.into_iter(), pairs.iter().copied()),
                &PairHeads::new(pairs.iter().copied()),
                pairs,
                &pair_texts(pairs, 2000),
            );
            assert!(kept > 100, "{kept} {dropped}");
        }
    }

    #[test]
    fn batches_keep_their_places_in_order() {
        let mut batch = Batch::new();
        batch.push::<0>(10, 0);
        assert!(batch.places().is_empty());
        // More than the three pushed without a branch.
        batch.push::<0>(10, 0b1011_0110_1001);
        assert_eq!(batch.places(), [10, 13, 15, 16, 18, 19, 21]);
        batch.push::<3>(100, 0x8000_0080_0000_8080);
        assert_eq!(batch.places()[7..], [100, 101, 104, 107]);
        batch.retain(|place| place % 2 == 1);
        assert_eq!(batch.places(), [13, 15, 19, 21, 101, 107]);
        while !batch.is_full() {
            batch.push::<0>(0, u64::MAX);
        }
        assert!(batch.places().len() >= BATCH);
        batch.clear();
        assert!(batch.places().is_empty());
    }

    #[test]
    fn every_spin_entry_parses() {
        for &(file, rule) in PHRASE_FILES {
            for fields in file.entries() {
                let parsed = parse_entry(&fields, rule, Kind::Phrase);
                assert!(parsed.is_some(), "{}: bad entry {:?}", file.name, fields);
                for entry in parsed.unwrap_or_default() {
                    assert!(
                        !entry.suggestion.contains('$'),
                        "{}: unfilled {:?}",
                        file.name,
                        fields
                    );
                    assert_ne!(
                        entry.pattern.to_lowercase(),
                        entry.suggestion.to_lowercase(),
                        "{}: entry changes nothing",
                        file.name
                    );
                    // A bare word is never a spin on its own.
                    assert!(
                        entry.pattern.contains([' ', '-', '.'])
                            || entry.guards.contains(&Guard::Case),
                        "{}: single-word entry {:?}",
                        file.name,
                        entry.pattern
                    );
                }
            }
        }
    }

    #[test]
    fn no_pattern_is_listed_twice_with_different_originals() {
        // Within a file; across files the first file listed wins.
        for &(file, rule) in PHRASE_FILES {
            let mut seen = std::collections::HashMap::new();
            for fields in file.entries() {
                for entry in parse_entry(&fields, rule, Kind::Phrase).unwrap_or_default() {
                    if let Some(previous) =
                        seen.insert(entry.pattern.to_lowercase(), entry.suggestion.clone())
                    {
                        assert_eq!(
                            previous.to_lowercase(),
                            entry.suggestion.to_lowercase(),
                            "{}: {:?} conflicts",
                            file.name,
                            entry.pattern
                        );
                    }
                }
            }
        }
    }
}
