//! Page chrome: finding the article inside a whole-page text dump.
//!
//! A scraper that keeps every visible line of a page hands us menus, share
//! bars, related links, comment threads and footers around the story. This
//! stage reads only what the text offers: each unit's shape (length, words,
//! terminal punctuation, stop words, capitals, digits, symbols), runs of
//! short lines, repetition within the page, position relative to the headline
//! and to the densest run of prose, similarity to the page's `<title>` line,
//! known chrome phrases and the markers after which a page turns to comments
//! or links, and the same features of the neighbouring units.
//!
//! A small gradient-boosted tree model (`data/chrome/model.json`, trained on
//! half of a CC-BY-4.0 corpus by `scripts/train_chrome.py` from features that
//! this very module computes) turns them into a probability that a unit is
//! article text; probabilities are smoothed over ±2 units, and what falls
//! below the model's threshold is chrome. Inference tests every split node
//! for 32 units at a time and ANDs leaf masks (see [`Model`]): linear in the
//! number of units.

use std::cell::Cell;
use std::collections::HashSet;
use std::sync::LazyLock;

use serde::Deserialize;

use crate::article::RemovalKind;
use crate::lexicon;
use crate::pipeline::byline;
#[cfg(test)]
use crate::pipeline::classify::fold;
use crate::pipeline::classify::{boilerplate_kind, fold_into, Label};
use crate::pipeline::date::parse_date_line;
use crate::pipeline::segment::{starts_like_list_item, Unit};
use crate::pipeline::swar::{padded_tail, ONES, TOPS};
use crate::pipeline::tables::{FastHash, Tables};

/// Own features of a unit (see [`own_features`]).
const OWN: usize = 40;
/// Features of a neighbour taken into a unit's row.
const NEIGHBOUR: usize = 8;
/// Neighbour offsets whose features a row holds.
const OFFSETS: [isize; 4] = [-2, -1, 1, 2];
/// Windowed aggregates.
const WINDOW: usize = 6;
/// Length of one feature row.
pub(crate) const FEATURES: usize = OWN + NEIGHBOUR * OFFSETS.len() + WINDOW;

/// The feature that holds the page's share of words in the densest run:
/// the same in every row of a page (see [`Model::starts`]).
const RUN_SHARE: usize = FEATURES - 2;

/// Smoothing weights over units `i-2 ..= i+2`.
const SMOOTH: [f32; 5] = [1.0, 2.0, 4.0, 2.0, 1.0];

/// The lexicons and the model, built once per process.
struct Chrome {
    /// The stop words, for the rare lower-cased word longer than a
    /// [`StopTable`] key.
    stopwords: HashSet<&'static str, FastHash>,
    /// The stop words of up to eight bytes, packed into integers.
    stop_table: StopTable,
    /// For the first and last bytes of an ASCII stop word (see
    /// [`shape_slot`]), bit `len` set for each of its byte lengths: most
    /// words that are not stop words fail this test before a lookup.
    stop_shapes: [u16; 1024],
    /// Length in bytes of the longest stop word.
    longest_stopword: usize,
    /// No stop word is longer than eight bytes, and every one sits at most
    /// [`HOLD_PROBES`] slots from its own in `stop_table`: an ASCII core is
    /// looked up by [`packed_stop_word`].
    packed_stops: bool,
    /// [`class`] of every ASCII character, by byte.
    ascii: [u64; 128],
    /// [`class`] of the characters from U+0080 to U+07FF (Latin, Greek,
    /// Cyrillic, Hebrew, Arabic …), then of those from U+2000 to U+206F
    /// (spaces, dashes, quotes): see [`Chrome::class_of`].
    wide: Vec<u64>,
    /// Each of [`UNIFORM`] with the [`class`] of its first code point, which
    /// every code point in it has.
    uniform: [(std::ops::RangeInclusive<u32>, u64); UNIFORM.len()],
    /// Section markers: folded phrase and the kind of what follows.
    markers: Vec<(&'static str, RemovalKind)>,
    /// For each byte, the indices (into `markers`, in order) of the markers
    /// whose phrase starts with it; `None` if a phrase is empty.
    markers_by_first: Option<Vec<Vec<usize>>>,
    /// The first words of the marker phrases, by first byte (see
    /// [`may_be_marker`]); `None` if a phrase does not start with a letter
    /// or its first word has a character that lower-cases by its place
    /// (σ/ς).
    marker_words: Option<Vec<Vec<MarkerWord>>>,
    /// [`needle_letters`] of every ASCII character, by byte, with
    /// [`AT_BIT`] for `@` and [`LINK_BIT`] for `#`, `+` and `=`.
    letters8: [u32; 256],
    /// [`needle_mask`] of each of [`MENTION_NEEDLES`].
    needle_masks: [u32; MENTION_NEEDLES.len()],
    /// Needle letters of which every needle has one: a word without any
    /// holds no needle.
    needle_any: u32,
    /// `(n as f32).ln_1p()` for the first [`LN_1P`] counts.
    ln_1p: Vec<f32>,
    model: Option<Model>,
}

/// The code points whose [`class`] `Chrome::wide` holds, in order.
const WIDE: [std::ops::Range<u32>; 2] = [0x80..0x800, 0x2000..0x2070];

/// Ranges of code points that all have one [`class`] (letters of no case,
/// their own lower case): Hangul syllables and the CJK unified ideographs.
const UNIFORM: [std::ops::RangeInclusive<u32>; 2] = [0xac00..=0xd7a3, 0x4e00..=0x9fff];

impl Chrome {
    /// Whether `c` is its own lower case ([`OWN_LOWER`]), from the table
    /// for the common ranges; `false` outside them, where it may be.
    fn own_lower(&self, c: char) -> bool {
        let u = u32::from(c);
        let mut base = 0usize;
        for range in &WIDE {
            if range.contains(&u) {
                let at = base + (u - range.start) as usize;
                return self.wide.get(at).is_some_and(|&f| f & OWN_LOWER != 0);
            }
            base += range.len();
        }
        // Elsewhere the caller asks `to_lowercase`.
        false
    }

    /// [`class`]`(c)`, from a table for the common ranges, else from the
    /// page's cache (Hangul, CJK, symbols …).
    fn class_of(&self, c: char, cache: &mut ClassCache) -> u64 {
        let u = u32::from(c);
        let mut base = 0usize;
        for range in &WIDE {
            if range.contains(&u) {
                let at = base + (u - range.start) as usize;
                return self.wide.get(at).copied().unwrap_or_else(|| class(c));
            }
            base += range.len();
        }
        // Hangul syllables and CJK ideographs: one class each range (a test
        // checks every code point), where a page's many distinct ones
        // would evict each other from the cache.
        for (range, class) in &self.uniform {
            if range.contains(&u) {
                return *class;
            }
        }
        match cache.0.get_mut(u as usize % CLASS_CACHE) {
            Some(entry) if entry.0 == u => entry.1,
            Some(entry) => {
                *entry = (u, class(c));
                entry.1
            }
            None => class(c),
        }
    }
}

/// Entries of a [`ClassCache`].
const CLASS_CACHE: usize = 256;

/// A direct-mapped cache of [`class`] by code point, for the characters
/// outside the tables (`u32::MAX`, not a character, marks an empty slot).
/// An array (4 KiB), so that it takes no heap on a short page.
struct ClassCache([(u32, u64); CLASS_CACHE]);

impl ClassCache {
    fn new() -> ClassCache {
        ClassCache([(u32::MAX, 0); CLASS_CACHE])
    }
}

/// Buffers [`scan`] reuses from one unit to the next.
struct Scratch {
    text: String,
    classes: ClassCache,
    bits: Vec<Bits>,
    /// The unit's text, padded (see [`classify_text`]).
    padded: Vec<u8>,
}

impl Scratch {
    #[cfg(test)]
    fn new() -> Scratch {
        Scratch::for_units(0)
    }

    /// Buffers with room for units of up to `longest` bytes, so that the
    /// page's longest unit does not grow them from empty one doubling at a
    /// time.
    fn for_units(longest: usize) -> Scratch {
        Scratch {
            text: String::new(),
            classes: ClassCache::new(),
            bits: Vec::with_capacity(longest / 64 + 2),
            padded: Vec::with_capacity(longest + 18),
        }
    }
}

/// Counts whose `ln_1p` [`Chrome::ln_1p`] keeps (word and character
/// counts of most units).
const LN_1P: usize = 4096;

impl Chrome {
    /// `(n as f32).ln_1p()`, from a table for small counts.
    fn ln_1p(&self, n: usize) -> f32 {
        self.ln_1p
            .get(n)
            .copied()
            .unwrap_or_else(|| (n as f32).ln_1p())
    }
}

/// Slots of a [`StopTable`] (a power of two, at least twice the number of
/// stop words).
const STOP_SLOTS: usize = 1024;

/// Slots [`StopTable::holds`] compares (keys sit at most this far from
/// their own slot, or it falls back to [`StopTable::contains`]).
const HOLD_PROBES: usize = 4;

/// An open-addressing set of words of up to eight bytes, each packed
/// little-endian into a `u64` (0 is the empty slot: a word is never empty).
/// A lookup is a multiply, a load and a compare, where a `HashSet<&str>`
/// would hash the word's bytes and compare slices.
struct StopTable {
    /// [`STOP_SLOTS`] slots, then the first [`HOLD_PROBES`] again.
    slots: Box<[u64; STOP_SLOTS + HOLD_PROBES]>,
    /// Slots from its own to the one a key sits in, at most (see
    /// [`StopTable::holds`]).
    probes: usize,
}

impl StopTable {
    fn new<'w>(words: impl Iterator<Item = &'w str>) -> StopTable {
        let mut table = StopTable {
            slots: Box::new([0; STOP_SLOTS + HOLD_PROBES]),
            probes: 0,
        };
        for word in words {
            if let Some(key) = pack(word.as_bytes()) {
                table.insert(key);
            }
        }
        // The first slots again after the last, for [`StopTable::holds`].
        for k in 0..HOLD_PROBES {
            let head = table.slots.get(k).copied().unwrap_or(0);
            if let Some(slot) = table.slots.get_mut(STOP_SLOTS + k) {
                *slot = head;
            }
        }
        table
    }

    fn slot(key: u64) -> usize {
        (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 54) as usize
    }

    fn insert(&mut self, key: u64) {
        let mut at = Self::slot(key);
        for probe in 1..=STOP_SLOTS {
            match self.slots.get_mut(at & (STOP_SLOTS - 1)) {
                Some(slot) if *slot == 0 || *slot == key => {
                    *slot = key;
                    self.probes = self.probes.max(probe);
                    return;
                }
                _ => at += 1,
            }
        }
    }

    fn contains(&self, key: u64) -> bool {
        let mut at = Self::slot(key);
        for _ in 0..STOP_SLOTS {
            match self.slots.get(at & (STOP_SLOTS - 1)) {
                Some(&slot) if slot == key => return true,
                Some(0) | None => return false,
                _ => at += 1,
            }
        }
        false
    }

    /// [`StopTable::holds`] for a table whose keys all sit at most
    /// [`HOLD_PROBES`] slots from their own (see [`Chrome::packed_stops`]):
    /// the slots are compared with no check of the table's probes.
    fn near(&self, key: u64) -> bool {
        let at = Self::slot(key);
        self.slots.get(at..at + HOLD_PROBES).is_some_and(|slots| {
            slots
                .iter()
                .fold(false, |found, &slot| found | (slot == key))
        })
    }

    /// [`StopTable::contains`] without a branch on what the slots hold:
    /// every slot a key may sit in is compared.
    fn holds(&self, key: u64) -> bool {
        let at = Self::slot(key);
        match self.slots.get(at..at + HOLD_PROBES) {
            Some(slots) if self.probes <= HOLD_PROBES => slots
                .iter()
                .fold(false, |found, &slot| found | (slot == key)),
            _ => self.contains(key),
        }
    }
}

/// `bytes` packed little-endian into a `u64`; `None` if empty or longer
/// than eight bytes.
fn pack(bytes: &[u8]) -> Option<u64> {
    if bytes.is_empty() || bytes.len() > 8 {
        return None;
    }
    let mut key = [0u8; 8];
    key.get_mut(..bytes.len())?.copy_from_slice(bytes);
    Some(u64::from_le_bytes(key))
}

static CHROME: LazyLock<Chrome> = LazyLock::new(|| {
    let stop_table = StopTable::new(lexicon::CHROME_STOPWORDS.words());
    let longest_stopword = lexicon::CHROME_STOPWORDS
        .words()
        .map(str::len)
        .max()
        .unwrap_or(0);
    let markers: Vec<(&'static str, RemovalKind)> = lexicon::CHROME_MARKERS
        .entries()
        .filter_map(|fields| {
            let kind = RemovalKind::from_name(fields.get(1)?)?;
            Some((*fields.first()?, kind))
        })
        .collect();
    let mut by_first = vec![Vec::new(); 256];
    let mut complete = true;
    for (i, (phrase, _)) in markers.iter().enumerate() {
        match phrase.bytes().next() {
            Some(first) => by_first
                .get_mut(usize::from(first))
                .into_iter()
                .for_each(|bucket| bucket.push(i)),
            None => complete = false,
        }
    }
    let marker_words = {
        let mut by_first: Vec<Vec<MarkerWord>> = vec![Vec::new(); 256];
        let mut usable = true;
        for (phrase, _) in &markers {
            let word = phrase.split(' ').next().unwrap_or("");
            usable &= word.chars().next().is_some_and(char::is_alphabetic)
                && !word.contains(|c: char| c.is_whitespace() || "σςΣ".contains(c));
            if let Some(bucket) = word
                .bytes()
                .next()
                .and_then(|b| by_first.get_mut(usize::from(b)))
            {
                if !bucket.iter().any(|w| w.word == word) {
                    bucket.push(MarkerWord::new(word));
                }
            }
        }
        usable.then_some(by_first)
    };
    Chrome {
        stopwords: lexicon::CHROME_STOPWORDS.words().collect(),
        packed_stops: longest_stopword <= 8 && stop_table.probes <= HOLD_PROBES,
        stop_table,
        stop_shapes: {
            let mut shapes = [0u16; 1024];
            for word in lexicon::CHROME_STOPWORDS.words() {
                let bytes = word.as_bytes();
                if let (Some(&first), Some(&last), 1..=8) =
                    (bytes.first(), bytes.last(), bytes.len())
                {
                    if let Some(bits) = shapes.get_mut(shape_slot(first, last)) {
                        *bits |= 1 << bytes.len();
                    }
                }
            }
            shapes
        },
        longest_stopword,
        ascii: std::array::from_fn(|b| u8::try_from(b).map_or(0, |b| class(char::from(b)))),
        wide: WIDE
            .iter()
            .flat_map(|range| range.clone())
            .map(|u| char::from_u32(u).map_or(0, class))
            .collect(),
        uniform: UNIFORM.map(|range| {
            let class = char::from_u32(*range.start()).map_or(0, class);
            (range, class)
        }),
        ln_1p: (0..LN_1P).map(|n| (n as f32).ln_1p()).collect(),
        markers,
        marker_words,
        markers_by_first: complete.then_some(by_first),
        letters8: std::array::from_fn(|b| {
            u8::try_from(b).map_or(0, |b| letters_of_byte(char::from(b)))
        }),
        needle_any: MENTION_NEEDLES.iter().fold(0, |any, needle| {
            // Each needle's rarest letter (in English text, roughly).
            let mask = needle_mask(needle);
            let rarest = ".zqxjkvbpygfwmucldrhsnioate"
                .chars()
                .map(needle_letters)
                .find(|&bit| bit & mask != 0);
            any | rarest.unwrap_or(mask)
        }),
        needle_masks: MENTION_NEEDLES.map(needle_mask),
        model: serde_json::from_str(include_str!("../../data/chrome/model.json"))
            .ok()
            .and_then(Model::from_file),
    }
});

/// One regression tree as the model file stores it: node `k` sends a row
/// left when `row[split[k]] <= threshold[k]`; a child `c < 0` is leaf `!c`.
#[derive(Debug, Deserialize)]
struct TreeFile {
    split: Vec<usize>,
    threshold: Vec<f32>,
    left: Vec<i32>,
    right: Vec<i32>,
    leaf: Vec<f32>,
}

/// The model file: a gradient-boosted tree ensemble (logistic).
#[derive(Debug, Deserialize)]
struct ModelFile {
    features: usize,
    /// Smoothed probability under which a unit is chrome.
    threshold: f32,
    trees: Vec<TreeFile>,
}

/// Columns of a [`Block`]: [`FEATURES`] rounded up to a power of two, so
/// that a masked feature index needs no bounds check (every split's feature
/// is checked against FEATURES when the model is loaded).
const COLUMNS: usize = FEATURES.next_power_of_two();

/// Deepest tree accepted (the training script grows trees of depth 5); it
/// also stops a cycle in a malformed file.
const MAX_DEPTH: usize = 8;

/// Most leaves a tree may have: one bit each in a `u32` (the training
/// script grows 15).
const MAX_LEAVES: usize = u32::BITS as usize;

/// [`LANES`] feature rows stored feature by feature (`cols[f][lane]`), so
/// that a split node reads its feature for every lane from one place.
/// Lanes past the rows a block was filled with hold stale values, whose
/// scores are dropped. Aligned so that a column's vector loads need no
/// instruction of their own.
#[repr(align(64))]
struct Block {
    cols: [[f32; LANES]; COLUMNS],
}

impl Block {
    fn new() -> Block {
        Block {
            cols: [[0.0; LANES]; COLUMNS],
        }
    }

    /// Sets feature `f` of the row in `lane`.
    fn set(&mut self, lane: usize, f: usize, v: f32) {
        if let Some(slot) = self
            .cols
            .get_mut(f & (COLUMNS - 1))
            .and_then(|col| col.get_mut(lane & (LANES - 1)))
        {
            *slot = v;
        }
    }
}

/// A split node, QuickScorer style: a row whose `feature` is above
/// `threshold` goes right, so none of the leaves of the node's left
/// subtree can be its exit; `mask` has their bits clear. Both are held
/// once for each of four vector lanes, so that a block's compares and ANDs
/// read them from memory as they are.
#[derive(Debug, Clone, Copy)]
#[repr(align(16))]
struct Node {
    threshold: [f32; 4],
    mask: [u32; 4],
    feature: u8,
}

impl Node {
    fn threshold(&self) -> f32 {
        self.threshold.first().copied().unwrap_or(f32::NAN)
    }

    fn mask(&self) -> u32 {
        self.mask.first().copied().unwrap_or(u32::MAX)
    }
}

/// One tree: its split nodes (the `page` ones that split on [`RUN_SHARE`]
/// first) and its leaf values, numbered left to right.
struct Tree {
    nodes: Vec<Node>,
    page: usize,
    leaves: [f32; MAX_LEAVES],
}

/// The forest, evaluated as in QuickScorer (Lucchese et al., SIGIR 2015):
/// a row's exit leaf in a tree is the leftmost leaf that no node it goes
/// right at rules out, so a tree's score is the lowest set bit of the AND
/// of the masks of the nodes whose test the row fails. Every node is
/// tested, with no branch and no load that depends on an earlier one, for
/// [`LANES`] rows at a time (a compare and a masked AND over the lanes,
/// which the compiler vectorises); then one leaf a tree and lane is read.
/// A row's sum adds the trees in order, as a walk down each would.
///
/// Settling nodes for a whole block from its lowest and highest value of
/// a feature (two in three node tests over the corpus could be) was tried
/// three ways and lost: the ranges, the searches or branches and the
/// indirect node lists cost more than the skipped tests (about 38
/// instructions a node) in instructions, or in CPU time (2-5% slower).
struct Model {
    threshold: f32,
    trees: Vec<Tree>,
}

impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Model")
            .field("threshold", &self.threshold)
            .field("trees", &self.trees.len())
            .finish()
    }
}

/// Appends the split nodes of the file tree below `node` to `nodes`, each
/// with the mask of the leaves of its left subtree, numbering leaves left
/// to right from `*leaves` into `values`; `None` if the tree is malformed
/// or has more than [`MAX_LEAVES`] leaves. Checked by [`tree_depth`] first,
/// so the recursion is at most [`MAX_DEPTH`] deep.
fn flatten(
    tree: &TreeFile,
    node: i32,
    nodes: &mut Vec<Node>,
    leaves: &mut usize,
    values: &mut [f32; MAX_LEAVES],
) -> Option<()> {
    if node < 0 || tree.split.is_empty() {
        let k = if tree.split.is_empty() {
            0
        } else {
            usize::try_from(!node).ok()?
        };
        *values.get_mut(*leaves)? = *tree.leaf.get(k)?;
        *leaves += 1;
        return Some(());
    }
    let k = usize::try_from(node).ok()?;
    let at = nodes.len();
    nodes.push(Node {
        threshold: [*tree.threshold.get(k)?; 4],
        mask: [u32::MAX; 4],
        feature: u8::try_from(*tree.split.get(k)?).ok()?,
    });
    let first = *leaves;
    flatten(tree, *tree.left.get(k)?, nodes, leaves, values)?;
    // Bits `first..*leaves` clear (a left subtree of all 32 leaves leaves
    // none for the right one, which fails below).
    let below = u32::try_from(*leaves - first).ok()?;
    let left = 1u32.checked_shl(below).map_or(u32::MAX, |bit| bit - 1) << first;
    nodes.get_mut(at)?.mask = [!left; 4];
    flatten(tree, *tree.right.get(k)?, nodes, leaves, values)
}

impl Model {
    /// Checks and flattens the model file; `None` if it is malformed.
    fn from_file(file: ModelFile) -> Option<Model> {
        if file.features != FEATURES || FEATURES > COLUMNS || COLUMNS > 1 << u8::BITS {
            return None;
        }
        let mut trees = Vec::with_capacity(file.trees.len());
        for tree in &file.trees {
            tree_depth(tree, 0, 0)?;
            let mut nodes = Vec::new();
            let mut values = [0.0f32; MAX_LEAVES];
            flatten(tree, 0, &mut nodes, &mut 0, &mut values)?;
            // The page's nodes first: a page's rows skip them.
            nodes.sort_by_key(|node| usize::from(node.feature) != RUN_SHARE);
            let page = nodes
                .iter()
                .filter(|node| usize::from(node.feature) == RUN_SHARE)
                .count();
            trees.push(Tree {
                nodes,
                page,
                leaves: values,
            });
        }
        Some(Model {
            threshold: file.threshold,
            trees,
        })
    }

    #[cfg(test)]
    fn probability(&self, row: &[f32; FEATURES]) -> f32 {
        let mut block = Block::new();
        for (f, &v) in row.iter().enumerate() {
            block.set(0, f, v);
        }
        let mut out = 0.0;
        let starts = self.starts(row[RUN_SHARE]);
        self.probabilities(&block, 1, &starts, |p| out = p);
        out
    }

    /// Hands the article-text probability of the first `filled` rows of
    /// `block` to `out`, in order. `starts` are [`Model::starts`] for the
    /// rows' [`RUN_SHARE`].
    fn probabilities(
        &self,
        block: &Block,
        filled: usize,
        starts: &[(u32, usize)],
        out: impl FnMut(f32),
    ) {
        let sigmoid = |s: f32| 1.0 / (1.0 + (-s).exp());
        // A page's last block is often half empty: half its lanes (or a
        // quarter) are scored then.
        if filled <= HALF / 2 {
            let scores: [f32; HALF / 2] = self.scores(block, starts);
            scores.into_iter().take(filled).map(sigmoid).for_each(out);
        } else if filled <= HALF {
            let scores: [f32; HALF] = self.scores(block, starts);
            scores.into_iter().take(filled).map(sigmoid).for_each(out);
        } else {
            let scores: [f32; LANES] = self.scores(block, starts);
            scores.into_iter().take(filled).map(sigmoid).for_each(out);
        }
    }

    /// What a page's rows, whose [`RUN_SHARE`] is `run_share`, start each
    /// tree with: the leaves its nodes on that feature leave (the tree's
    /// first nodes), and how many of those nodes the rows then skip. 54 of
    /// the model's 420 nodes, in 20 trees, split on it.
    fn starts(&self, run_share: f32) -> Vec<(u32, usize)> {
        self.trees
            .iter()
            .map(|tree| {
                let nodes = tree.nodes.get(..tree.page).unwrap_or_default();
                let alive = nodes
                    .iter()
                    .filter(|node| run_share > node.threshold())
                    .fold(u32::MAX, |alive, node| alive & node.mask());
                (alive, nodes.len())
            })
            .collect()
    }

    /// The summed leaf values of the first `N` rows of `block` ([`LANES`],
    /// [`HALF`] or half that), each tree started from `starts` (see
    /// [`Model::starts`]).
    // Called once a block: kept out of line, where profiles show it.
    #[inline(never)]
    fn scores<const N: usize>(&self, block: &Block, starts: &[(u32, usize)]) -> [f32; N] {
        let mut score = [0.0f32; N];
        for (tree, &(start, skip)) in self.trees.iter().zip(starts) {
            let mut alive = [start; N];
            let nodes = tree.nodes.get(skip..);
            for node in nodes.unwrap_or_default() {
                let Some(col) = block
                    .cols
                    .get(usize::from(node.feature) & (COLUMNS - 1))
                    .and_then(|col| col.first_chunk::<N>())
                else {
                    continue;
                };
                // All ones where the row goes right (a form the compiler
                // turns into vector compares and ANDs, where a select
                // becomes a branch a lane).
                let node_lanes = node.threshold.iter().zip(&node.mask);
                for (four, xs) in alive.chunks_exact_mut(4).zip(col.chunks_exact(4)) {
                    for ((a, &x), (&threshold, &mask)) in
                        four.iter_mut().zip(xs).zip(node_lanes.clone())
                    {
                        let right = u32::from(x > threshold).wrapping_neg();
                        *a &= !(right & !mask);
                    }
                }
            }
            for (s, &a) in score.iter_mut().zip(&alive) {
                // The rightmost leaf is never ruled out: the top bit only
                // tells the compiler that the count is below 32.
                let exit = (a | 1 << (MAX_LEAVES - 1)).trailing_zeros() as usize;
                *s += tree.leaves.get(exit).copied().unwrap_or(0.0);
            }
        }
        score
    }
}

/// Rows scored together (see [`Model`]): a whole [`Block`]. A node's test
/// is then eight SSE compares and eight ANDs, whose lanes fit in registers
/// with the node's threshold and mask. Against 16 lanes: 193M instead of
/// 214M instructions in `scores` over the bench subset, and 3.02-3.15 ms
/// instead of 3.19-3.26 ms for 40 000 corpus rows in a loop (best of 30);
/// a page's last block leaves more lanes idle, and a block takes 16 KiB.
const LANES: usize = 32;

/// The lanes scored of a block filled up to half (see
/// [`Model::probabilities`]).
const HALF: usize = LANES / 2;

/// Depth of a file tree below `node` (a leaf has depth 0); `None` when it
/// is malformed: a child out of range, a feature out of range, or deeper
/// than [`MAX_DEPTH`] (which also stops cycles).
fn tree_depth(tree: &TreeFile, node: i32, level: usize) -> Option<usize> {
    if level > MAX_DEPTH {
        return None;
    }
    if tree.split.is_empty() {
        return (!tree.leaf.is_empty()).then_some(0);
    }
    if node < 0 {
        return (usize::try_from(!node).ok()? < tree.leaf.len()).then_some(0);
    }
    let k = usize::try_from(node).ok()?;
    if *tree.split.get(k)? >= FEATURES || tree.threshold.get(k).is_none() {
        return None;
    }
    let left = tree_depth(tree, *tree.left.get(k)?, level + 1)?;
    let right = tree_depth(tree, *tree.right.get(k)?, level + 1)?;
    Some(1 + left.max(right))
}

/// What the whole-page pass found.
#[derive(Debug, Default)]
pub(crate) struct PageChrome {
    /// The unit that repeats the page's `<title>` line as the story's
    /// headline, when the page has one below its first line.
    pub headline: Option<usize>,
}

/// Per-unit facts the features and the decision share. The page pass
/// keeps one for every unit of the page at once, so it holds the counts the
/// own features are computed from (40 bytes) rather than the features
/// (160), and no text: the unit's text is `units[k]`.
#[derive(Debug, Default, Clone, Copy)]
struct Line {
    /// Whitespace-separated words (saturating at `u32::MAX`, which only a
    /// unit over 4 GiB reaches).
    words: u32,
    /// The unit's [`Sizes`], when they fit (see [`LINE_WIDE`]).
    sizes: Sizes<u16>,
    /// `Counts::inner_sentences`, up to 20 (as much as the feature reads).
    inner_sentences: u8,
    /// `Counts::separators`, up to 20.
    separators: u8,
    /// `Counts::quotes`, up to 10.
    quotes: u8,
    /// Which of [`MENTION_NEEDLES`] the unit mentions (bit `i` for needle
    /// `i`): in the trimmed, lower-cased text of a title-sized unit (at most
    /// [`SHORT_WORDS`] words), as they are or with a capital first letter in
    /// a longer one.
    mentioned: u8,
    boilerplate: Option<RemovalKind>,
    marker: Option<RemovalKind>,
    /// The kind of the last section marker at or above the unit and below
    /// the start of the densest run.
    section: Option<RemovalKind>,
    /// Units since that marker, up to 50; -1 without one.
    since_marker: i8,
    /// Length of the run of short lines the unit is in, up to 50.
    short_run: u8,
    /// `LINE_*` bits.
    flags: u8,
    /// Units with the unit's repeat key on the page. While the page is
    /// read, a unit that is not the first with its key ([`LINE_FIRST`])
    /// holds the index of that first one instead.
    repeat: u32,
}

/// The counts of a unit's trimmed text that its own features and the
/// headline search read: as `usize`, or as `u16` inside a [`Line`].
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Sizes<T> {
    chars: T,
    tokens: T,
    stop: T,
    caps: T,
    all_caps: T,
    digits: T,
    symbols: T,
    commas: T,
    /// How the [`tokens`] of a title-sized unit's lower-cased text meet
    /// those of the page's first line: its tokens, those that are title
    /// tokens (repeats counted) and the distinct title tokens among them.
    title_tokens: T,
    title_shared: T,
    title_distinct: T,
}

impl Sizes<usize> {
    /// The sizes as `u16`, or `None` when one is larger (only in a unit
    /// longer than `u16::MAX` bytes: each counts characters or words).
    fn narrow(&self) -> Option<Sizes<u16>> {
        let n = |v: usize| u16::try_from(v).ok();
        Some(Sizes {
            chars: n(self.chars)?,
            tokens: n(self.tokens)?,
            stop: n(self.stop)?,
            caps: n(self.caps)?,
            all_caps: n(self.all_caps)?,
            digits: n(self.digits)?,
            symbols: n(self.symbols)?,
            commas: n(self.commas)?,
            title_tokens: n(self.title_tokens)?,
            title_shared: n(self.title_shared)?,
            title_distinct: n(self.title_distinct)?,
        })
    }
}

impl Sizes<u16> {
    fn widen(&self) -> Sizes<usize> {
        let w = usize::from;
        Sizes {
            chars: w(self.chars),
            tokens: w(self.tokens),
            stop: w(self.stop),
            caps: w(self.caps),
            all_caps: w(self.all_caps),
            digits: w(self.digits),
            symbols: w(self.symbols),
            commas: w(self.commas),
            title_tokens: w(self.title_tokens),
            title_shared: w(self.title_shared),
            title_distinct: w(self.title_distinct),
        }
    }
}

/// The [`Sizes`] of unit `k`, from its line or, for a [`LINE_WIDE`] one,
/// from `wide` (sorted by unit).
fn sizes_of(lines: &[Line], wide: &[(usize, Sizes<usize>)], k: usize) -> Sizes<usize> {
    match lines.get(k) {
        Some(line) if line.has(LINE_WIDE) => wide
            .binary_search_by_key(&k, |&(j, _)| j)
            .ok()
            .and_then(|at| wide.get(at))
            .map(|&(_, sizes)| sizes)
            .unwrap_or_default(),
        Some(line) => line.sizes.widen(),
        None => Sizes::default(),
    }
}

/// [`Line::flags`]: the unit's text, trimmed at the end, ends a sentence.
const LINE_ENDS_SENTENCE: u8 = 1;
/// [`Line::flags`]: the unit holds `@`.
const LINE_AT: u8 = 2;
/// [`Line::flags`]: the unit holds `©`.
const LINE_COPYRIGHT_SIGN: u8 = 4;
/// [`Line::flags`]: the unit holds `#`, `+` or `=`.
const LINE_LINK_SYMBOL: u8 = 8;
/// [`Line::flags`]: the unit is the first with its repeat key.
const LINE_FIRST: u8 = 16;
/// [`Line::flags`]: the unit's [`Sizes`] do not fit in `u16`; they are in
/// [`Page::wide`].
const LINE_WIDE: u8 = 32;

/// A count in a [`Line`].
fn packed(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A count from a [`Line`].
fn unpacked(n: u32) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

/// The needles [`Line::mentions`] is asked about (`HTTP`, … index them).
const MENTION_NEEDLES: [&str; 5] = ["http", "www.", ".com", "copyright", "cookie"];
/// [`MENTION_NEEDLES`] with a capital first letter.
const CAPITAL_NEEDLES: [&str; 5] = ["Http", "Www.", ".com", "Copyright", "Cookie"];
const HTTP: usize = 0;
const WWW: usize = 1;
const DOT_COM: usize = 2;
const COPYRIGHT: usize = 3;
const COOKIE: usize = 4;

fn kind_code(kind: Option<RemovalKind>) -> f32 {
    kind.and_then(|k| RemovalKind::ALL.iter().position(|&x| x == k))
        .map_or(0.0, |p| p as f32 + 1.0)
}

fn marker_kind(chrome: &Chrome, folded: &str, words: usize) -> Option<RemovalKind> {
    // `3 comments`, `12 responses to …`, `59 thoughts on “<the title>”`: a
    // count may stand before the phrase, and then the line may be as long as
    // a title.
    let without_count = folded.trim_start_matches(|c: char| c.is_ascii_digit() || c == ' ');
    let counted = without_count.len() < folded.len();
    if words > 8 && !(counted && words <= MARKER_WORDS_COUNTED) {
        return None;
    }
    let matches = |&(phrase, kind): &(&str, RemovalKind)| {
        let rest = without_count.strip_prefix(phrase)?;
        (rest.is_empty() || rest.starts_with([' ', ':', ',', '(', '\''])).then_some(kind)
    };
    // Only the phrases that start with the line's first byte, in order.
    let Some(by_first) = &chrome.markers_by_first else {
        return chrome.markers.iter().find_map(matches);
    };
    let bucket = by_first.get(usize::from(*without_count.as_bytes().first()?))?;
    bucket
        .iter()
        .filter_map(|&i| chrome.markers.get(i))
        .find_map(matches)
}

/// Whether a line whose trimmed, lower-cased text is `lower` may be a
/// section marker, so that it is worth folding for [`marker_kind`]. A
/// marker phrase starts the folded line after a count; before it, the
/// folded line holds only digits and spaces, and folding trimmed only
/// punctuation, bullets and arrows from the line's start: the phrase's first
/// word starts at the line's first letter.
fn may_be_marker(chrome: &Chrome, lower: &str) -> bool {
    let Some(by_first) = &chrome.marker_words else {
        return true;
    };
    let at = if lower
        .as_bytes()
        .first()
        .is_some_and(u8::is_ascii_alphabetic)
    {
        0
    } else {
        let Some(at) = lower.find(char::is_alphabetic) else {
            return false;
        };
        at
    };
    let rest = lower.get(at..).unwrap_or("");
    let head = first_eight(rest.as_bytes());
    rest.bytes()
        .next()
        .and_then(|b| by_first.get(usize::from(b)))
        .is_some_and(|words| words.iter().any(|w| w.starts(rest, head)))
}

/// A first word of a marker phrase, with its first eight bytes packed for
/// a test without a byte comparison call.
#[derive(Clone)]
struct MarkerWord {
    word: &'static str,
    /// [`first_eight`] of the word, and the mask of its bytes there.
    head: u64,
    mask: u64,
}

impl MarkerWord {
    fn new(word: &'static str) -> MarkerWord {
        let len = word.len().min(8);
        MarkerWord {
            word,
            head: first_eight(word.as_bytes()),
            mask: if len == 0 {
                0
            } else {
                u64::MAX >> (64 - 8 * len)
            },
        }
    }

    /// Whether `text`, whose [`first_eight`] is `head`, starts with the
    /// word.
    fn starts(&self, text: &str, head: u64) -> bool {
        head & self.mask == self.head
            && text.len() >= self.word.len()
            && (self.word.len() <= 8 || text.starts_with(self.word))
    }
}

/// The first eight bytes of `bytes` (NUL after its end), little-endian.
fn first_eight(bytes: &[u8]) -> u64 {
    if let Some(Ok(eight)) = bytes.get(..8).map(<[u8; 8]>::try_from) {
        return u64::from_le_bytes(eight);
    }
    let mut eight = [0u8; 8];
    for (to, &from) in eight.iter_mut().zip(bytes) {
        *to = from;
    }
    u64::from_le_bytes(eight)
}

/// Longest line read as a section marker when it starts with a count.
const MARKER_WORDS_COUNTED: usize = 30;

/// Units up to this many words are compared lower-cased (repeats, title,
/// the marker prefilter).
const SHORT_WORDS: usize = 40;
const _: () = assert!(MARKER_WORDS_COUNTED <= SHORT_WORDS);

impl Line {
    /// Whether the unit mentions `MENTION_NEEDLES[needle]` (see
    /// [`Line::mentioned`]).
    fn mentions(&self, needle: usize) -> bool {
        self.mentioned & (1 << needle) != 0
    }

    /// Whether [`Line::flags`] has `flag`.
    fn has(&self, flag: u8) -> bool {
        self.flags & flag != 0
    }

    fn words(&self) -> usize {
        unpacked(self.words)
    }

    fn ends_sentence(&self) -> bool {
        self.has(LINE_ENDS_SENTENCE)
    }
}

/// Lower-case word tokens (letters and digits) of a text.
fn tokens(lower: &str) -> impl Iterator<Item = &str> {
    lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
}

/// Calls `f` with each of [`tokens`]`(lower)`, byte by byte for ASCII text.
fn for_each_token<'t>(lower: &'t str, mut f: impl FnMut(&'t str)) {
    if !lower.is_ascii() {
        tokens(lower).for_each(f);
        return;
    }
    let mut start = None;
    for (i, b) in lower.bytes().enumerate() {
        match (b.is_ascii_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                f(lower.get(s..i).unwrap_or(""));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        f(lower.get(s..).unwrap_or(""));
    }
}

/// For each first byte, bit `len` (at most 63) set when a token of that
/// byte length starts with it: most tokens that are not among a few fail
/// this test before any hashing.
type Shapes = [u64; 256];

/// Whether a token that starts with byte `first` and is `len` bytes long
/// has one of `shapes`.
fn has_shape(shapes: &Shapes, first: u8, len: usize) -> bool {
    shapes
        .get(usize::from(first))
        .is_some_and(|bits| bits & (1 << len.min(63)) != 0)
}

/// The number of [`tokens`] of `lower`; calls `f` with those that have
/// one of `shapes`. The text is read 64 bytes at a time: the bytes of its
/// letters and digits make a bit mask (eight ASCII bytes at once, the
/// characters outside ASCII through `classes`), tokens start where a set
/// bit follows a clear one and end where a clear bit follows a set one.
fn count_tokens<'t>(
    chrome: &Chrome,
    lower: &'t str,
    shapes: &Shapes,
    classes: &mut ClassCache,
    f: impl FnMut(&'t str),
) -> usize {
    let bytes = lower.as_bytes();
    let mut edges = TokenEdges::default();
    let mut emit = shaped_tokens(lower, shapes, f);
    let mut words = bytes.chunks_exact(8);
    let (mut block, mut base) = (0u64, 0usize);
    // Bits of the next word for the bytes of a character that starts in
    // this one.
    let mut spill = 0u64;
    for (w, word) in words.by_ref().enumerate() {
        let word = <[u8; 8]>::try_from(word).map_or(0, u64::from_le_bytes);
        let bits = if word & TOPS == 0 {
            ascii_alnum_bits(word)
        } else {
            wide_alnum_bits(chrome, lower, 8 * w, 8, classes)
        };
        block |= (bits & 0xff | spill) << (8 * (w % 8));
        spill = bits >> 8;
        if w % 8 == 7 {
            edges.block(block, base, &mut emit);
            (block, base) = (0, base + 64);
        }
    }
    // The last, short word: NUL (not a letter or digit) after it.
    let rest = words.remainder();
    let mut tail = [0u8; 8];
    for (to, &from) in tail.iter_mut().zip(rest) {
        *to = from;
    }
    let (w, word) = (bytes.len() / 8, u64::from_le_bytes(tail));
    let bits = if word & TOPS == 0 {
        ascii_alnum_bits(word)
    } else {
        wide_alnum_bits(chrome, lower, 8 * w, rest.len(), classes)
    };
    block |= (bits & 0xff | spill) << (8 * (w % 8));
    edges.block(block, base, &mut emit);
    edges.count
}

/// [`count_tokens`] of an ASCII text whose letter and digit bits
/// [`classify_text`] left in `bits` (its lower case, or the text itself).
fn count_tokens_in_bits<'t>(
    lower: &'t str,
    bits: &[Bits],
    shapes: &Shapes,
    f: impl FnMut(&'t str),
) -> usize {
    let mut edges = TokenEdges::default();
    let mut emit = shaped_tokens(lower, shapes, f);
    for (b, entry) in bits.iter().enumerate() {
        edges.block(entry.alnum, 64 * b, &mut emit);
    }
    edges.count
}

/// Hands `f` each token of `lower`, given as a byte range, whose first byte
/// and length fit one of `shapes` (the tokens the title features look at).
fn shaped_tokens<'t, 's, F: FnMut(&'t str)>(
    lower: &'t str,
    shapes: &'s Shapes,
    mut f: F,
) -> impl FnMut(usize, usize) + use<'t, 's, F> {
    move |start: usize, end: usize| {
        let shaped = lower
            .as_bytes()
            .get(start)
            .is_some_and(|&b| has_shape(shapes, b, end - start));
        if shaped {
            f(lower.get(start..end).unwrap_or(""));
        }
    }
}

/// The running state of [`count_tokens`].
#[derive(Default)]
struct TokenEdges {
    /// Tokens started so far.
    count: usize,
    /// The start of the last token started.
    start: usize,
    /// 1 when the byte before the next block is a letter or digit.
    carry: u64,
}

impl TokenEdges {
    /// Takes the next 64 bytes, from `base`, bit `i` of `alnum` set when
    /// byte `i` is a letter or digit; calls `emit` with the byte range of
    /// each token that ends in them.
    /// One step a token: the tokens are counted at once, and each start's
    /// end is the first clear bit above it.
    // Always inlined: called out of line (as the title lookups grew its
    // caller), the token loop cost 13M more Ir over the bench subset.
    #[inline(always)]
    fn block(&mut self, alnum: u64, base: usize, emit: &mut impl FnMut(usize, usize)) {
        let before = alnum << 1 | self.carry;
        let mut starts = alnum & !before;
        self.count += starts.count_ones() as usize;
        // A token open from the block before ends at the first clear bit
        // (or runs on through this block).
        if self.carry != 0 {
            let end = (!alnum).trailing_zeros();
            if end < 64 {
                emit(self.start, base + end as usize);
            }
        }
        while starts != 0 {
            let s = starts.trailing_zeros();
            starts &= starts - 1;
            self.start = base + s as usize;
            // Bit 0 is the start's own, clear here; zeros above bit 63.
            let rest = !alnum >> s;
            if rest != 0 {
                emit(self.start, base + (s + rest.trailing_zeros()) as usize);
            }
        }
        self.carry = alnum >> 63;
    }

    /// [`TokenEdges::block`] as it was first written, one step an edge:
    /// the oracle of the test that the one-step-a-token version agrees.
    #[cfg(test)]
    fn block_by_edges(&mut self, alnum: u64, base: usize, emit: &mut impl FnMut(usize, usize)) {
        let before = alnum << 1 | self.carry;
        let mut edges = (alnum & !before) | (before & !alnum);
        while edges != 0 {
            let i = edges.trailing_zeros();
            edges &= edges - 1;
            if alnum >> i & 1 != 0 {
                self.start = base + i as usize;
                self.count += 1;
            } else {
                emit(self.start, base + i as usize);
            }
        }
        self.carry = alnum >> 63;
    }
}

/// Bit `i` set when byte `at + i` of `text` (`i` below `len`, at most 8)
/// belongs to a letter or digit; a character that starts there and runs
/// past the eight bytes sets bits 8 and up.
fn wide_alnum_bits(
    chrome: &Chrome,
    text: &str,
    at: usize,
    len: usize,
    classes: &mut ClassCache,
) -> u64 {
    let mut bits = 0u64;
    for (i, &b) in text.as_bytes().iter().enumerate().skip(at).take(len) {
        let alnum = if b.is_ascii() {
            b.is_ascii_alphanumeric()
        } else if b >= 0xc0 {
            // A leading byte: the character's bytes are set together.
            let Some(c) = text.get(i..).and_then(|s| s.chars().next()) else {
                continue;
            };
            if chrome.class_of(c, classes) & ALNUM != 0 {
                bits |= ((1 << c.len_utf8()) - 1) << (i - at);
            }
            continue;
        } else {
            // A continuation byte, set with its leading byte.
            continue;
        };
        bits |= u64::from(alnum) << (i - at);
    }
    bits
}

/// Bit `i` set when byte `i` of the ASCII bytes packed little-endian in
/// `word` is an ASCII letter or digit.
fn ascii_alnum_bits(word: u64) -> u64 {
    // No byte is above 0x7f, so no sum below carries into the next byte;
    // `word + (0x80 - lo)` has its high bit from `lo` up, `word + (0x7f - hi)`
    // above `hi`. Setting 0x20 folds `A..=Z` (and only those) onto `a..=z`.
    let folded = word | (ONES * 0x20);
    let letters =
        folded.wrapping_add(ONES * (0x80 - 0x61)) & !folded.wrapping_add(ONES * (0x7f - 0x7a));
    let digits = word.wrapping_add(ONES * (0x80 - 0x30)) & !word.wrapping_add(ONES * (0x7f - 0x39));
    // Byte `i`'s high bit moves to bit `56 + i` (the products do not overlap).
    (((letters | digits) & TOPS) >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56
}

/// Appends `text.to_lowercase()` to `out` without a new allocation.
fn push_lowercase(out: &mut String, text: &str) {
    push_lowercase_with(out, text, |c| {
        let mut lower = c.to_lowercase();
        lower.next() == Some(c) && lower.next().is_none()
    });
}

/// [`push_lowercase`], asking `own_lower` whether a character outside
/// ASCII is its own lower case.
fn push_lowercase_with(out: &mut String, text: &str, mut own_lower: impl FnMut(char) -> bool) {
    if text.is_ascii() {
        let from = out.len();
        out.push_str(text);
        if let Some(tail) = out.get_mut(from..) {
            tail.make_ascii_lowercase();
        }
        return;
    }
    if text.contains('Σ') {
        // Capital sigma lower-cases by its place in the word.
        out.push_str(&text.to_lowercase());
        return;
    }
    // ASCII runs a byte at a time, the other characters one by one.
    let mut rest = text;
    loop {
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        let from = out.len();
        out.push_str(rest.get(..ascii).unwrap_or(""));
        if let Some(tail) = out.get_mut(from..) {
            tail.make_ascii_lowercase();
        }
        let mut chars = rest.get(ascii..).unwrap_or("").chars();
        let Some(c) = chars.next() else {
            break;
        };
        if own_lower(c) {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
        rest = chars.as_str();
    }
}

// Character classes (see [`class`]). Bits 0 to 26 hold the ASCII letters
// (`a` to `z`) and the full stop that the character's lower case holds,
// for the needle filter (see [`needle_letters`]).
const NEEDLE_LETTERS: u64 = (1 << 27) - 1;
const DOT_BIT: u32 = 1 << 26;
const WS: u64 = 1 << 32;
const ALNUM: u64 = 1 << 33;
const ALPHA: u64 = 1 << 34;
const UPPER: u64 = 1 << 35;
const LOWER: u64 = 1 << 36;
const DIGIT: u64 = 1 << 37;
const COMMA: u64 = 1 << 38;
const SEPARATOR: u64 = 1 << 39;
const QUOTE: u64 = 1 << 40;
/// `' '` itself.
const SPACE: u64 = 1 << 41;
const TERMINAL: u64 = 1 << 42;
const AT: u64 = 1 << 43;
/// `#`, `+` or `=`.
const LINK_SYMBOL: u64 = 1 << 44;
const COPYRIGHT_SIGN: u64 = 1 << 45;
const NON_ASCII: u64 = 1 << 46;
/// The character is its own lower case.
const OWN_LOWER: u64 = 1 << 47;

/// The classes [`Counts::flags`] tells about.
const FLAG_CLASSES: u64 = AT | LINK_SYMBOL | COPYRIGHT_SIGN | NON_ASCII;

/// The class bits of a character.
fn class(c: char) -> u64 {
    let mut bits = u64::from(needle_letters(c));
    for (flag, on) in [
        (WS, c.is_whitespace()),
        (ALNUM, c.is_alphanumeric()),
        (ALPHA, c.is_alphabetic()),
        (UPPER, c.is_uppercase()),
        (LOWER, c.is_lowercase()),
        (DIGIT, c.is_ascii_digit()),
        (COMMA, c == ','),
        (
            SEPARATOR,
            matches!(c, '|' | '•' | '·' | '»' | '›' | '/' | '>'),
        ),
        (QUOTE, matches!(c, '"' | '“' | '”' | '«')),
        (SPACE, c == ' '),
        (TERMINAL, matches!(c, '.' | '!' | '?')),
        (AT, c == '@'),
        (LINK_SYMBOL, matches!(c, '#' | '+' | '=')),
        (COPYRIGHT_SIGN, c == '©'),
        (NON_ASCII, !c.is_ascii()),
        (OWN_LOWER, {
            let mut lower = c.to_lowercase();
            lower.next() == Some(c) && lower.next().is_none()
        }),
    ] {
        if on {
            bits |= flag;
        }
    }
    bits
}

/// The ASCII letters and full stops of `c`'s lower case, as bits (only `K`,
/// the Kelvin sign, and `İ` give any outside ASCII).
fn needle_letters(c: char) -> u32 {
    c.to_lowercase().fold(0, |bits, l| match l {
        'a'..='z' => bits | 1 << (u32::from(l) - u32::from('a')),
        '.' => bits | DOT_BIT,
        _ => bits,
    })
}

/// [`Chrome::letters8`]: the byte is `@`.
const AT_BIT: u32 = 1 << 27;
/// [`Chrome::letters8`]: the byte is `#`, `+` or `=`.
const LINK_BIT: u32 = 1 << 28;

/// [`Chrome::letters8`] of an ASCII character (0 for any other).
fn letters_of_byte(c: char) -> u32 {
    if !c.is_ascii() {
        return 0;
    }
    let f = class(c);
    let mut bits = needle_letters(c);
    if f & AT != 0 {
        bits |= AT_BIT;
    }
    if f & LINK_SYMBOL != 0 {
        bits |= LINK_BIT;
    }
    bits
}

/// The [`needle_letters`] a word must hold to contain `needle`.
fn needle_mask(needle: &str) -> u32 {
    needle.chars().fold(0, |bits, c| bits | needle_letters(c))
}

/// Counts over a unit's trimmed text, from one pass over its characters
/// (see [`scan`]).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Counts {
    /// Whitespace-separated words.
    words: usize,
    /// Words with a letter or digit.
    tokens: usize,
    /// Tokens whose letters and digits (from the first to the last),
    /// lower-cased, are a stop word.
    stop: usize,
    /// Tokens whose first letter or digit is a capital.
    caps: usize,
    /// Tokens with two letters or more and none in lower case.
    all_caps: usize,
    digits: usize,
    /// Characters neither alphanumeric nor whitespace.
    symbols: usize,
    commas: usize,
    separators: usize,
    quotes: usize,
    /// Capitals that open a sentence after `. `, `! ` or `? `.
    inner_sentences: usize,
    /// Needles (bit `i` for `MENTION_NEEDLES[i]`) in the lower-cased text.
    mentions_lower: u8,
    /// Needles as they are or with a capital first letter.
    mentions_cased: u8,
    /// The [`FLAG_CLASSES`] that some character has.
    flags: u64,
}

impl Chrome {
    /// [`class`]`(c)`, from the ASCII table first.
    fn class_of_any(&self, c: char, cache: &mut ClassCache) -> u64 {
        match u8::try_from(c) {
            Ok(b) if b.is_ascii() => self.ascii.get(usize::from(b)).copied().unwrap_or(0),
            _ => self.class_of(c, cache),
        }
    }
}

// Class bits of one byte as [`classify_chunk`] writes them. A byte from
// 0x80 has [`B_SPECIAL`] alone.
/// ASCII whitespace.
const B_WS: u8 = 1;
/// An ASCII letter or digit.
const B_ALNUM: u8 = 2;
/// An ASCII lower-case letter.
const B_LOWER: u8 = 4;
/// A byte from 0x80, or the third of three that may start a needle (see
/// [`may_end_needle_start`]): the word is looked at more closely.
const B_SPECIAL: u8 = 8;

/// Whether bytes `b2`, `b1`, `b0` (in this order) may be the first three
/// of one of [`MENTION_NEEDLES`] in any case: `htt`, `www`, `.co`, `cop`
/// or `coo` (a test checks that every needle starts so). `| 0x20` takes an
/// ASCII capital to its lower case (and a few other bytes elsewhere, which
/// only costs a closer look).
fn may_end_needle_start(b2: u8, b1: u8, b0: u8) -> bool {
    let (l2, l1, l0) = (b2 | 0x20, b1 | 0x20, b0 | 0x20);
    ((l2 == b'h') & (l1 == b't') & (l0 == b't'))
        | ((l2 == b'w') & (l1 == b'w') & (l0 == b'w'))
        | ((l2 == b'.') & (l1 == b'c') & (l0 == b'o'))
        | ((l2 == b'c') & (l1 == b'o') & ((l0 == b'p') | (l0 == b'o')))
}

/// One bit a byte for 64 bytes of a unit, by the class bits of
/// [`classify_chunk`].
#[derive(Debug, Default, Clone, Copy)]
struct Bits {
    ws: u64,
    alnum: u64,
    lower: u64,
    special: u64,
}

/// Running counts of [`classify_chunk`], a lane for each byte position of
/// a 16-byte chunk, two counts a lane (four bits each). A lane counts at
/// most one a chunk, so the lanes are added up every [`LANE_CHUNKS`]
/// chunks.
#[derive(Default)]
struct Lanes {
    /// Digits, and symbols above them.
    digits_symbols: [u8; 16],
    /// Commas, and separators above them.
    commas_separators: [u8; 16],
    /// Quotes, and above them ASCII capitals after `. `, `! ` or `? `.
    quotes_inner: [u8; 16],
    /// Bit 0 where an `@` was seen, bit 1 where a `#`, `+` or `=` was.
    flags: [u8; 16],
}

/// Chunks a [`Lanes`] counts before it is added up: few enough that a
/// count fits its four bits and the 16 lanes' sum a byte (see
/// [`lane_sums`]).
const LANE_CHUNKS: usize = 15;
const _: () = assert!(16 * LANE_CHUNKS <= u8::MAX as usize);

impl Lanes {
    /// Adds the lanes to `counts` and clears them.
    fn flush(&mut self, counts: &mut Counts) {
        let (digits, symbols) = lane_sums(&self.digits_symbols);
        let (commas, separators) = lane_sums(&self.commas_separators);
        let (quotes, inner) = lane_sums(&self.quotes_inner);
        counts.digits += digits;
        counts.symbols += symbols;
        counts.commas += commas;
        counts.separators += separators;
        counts.quotes += quotes;
        counts.inner_sentences += inner;
        let flags = u128::from_le_bytes(self.flags);
        if flags & 0x0101_0101_0101_0101_0101_0101_0101_0101 != 0 {
            counts.flags |= AT;
        }
        if flags & 0x0202_0202_0202_0202_0202_0202_0202_0202 != 0 {
            counts.flags |= LINK_SYMBOL;
        }
        *self = Lanes::default();
    }
}

/// The sums of the low and the high four bits of 16 lanes (each sum fits
/// a byte): the halves added bytewise, then their eight bytes by a
/// multiplication.
fn lane_sums(lanes: &[u8; 16]) -> (usize, usize) {
    let (lo, hi) = lanes.split_at(8);
    let half = |h: &[u8]| u64::from_le_bytes(<[u8; 8]>::try_from(h).unwrap_or_default());
    let (lo, hi) = (half(lo), half(hi));
    const NIBBLES: u64 = 0x0f0f_0f0f_0f0f_0f0f;
    let sum = |x: u64| (x.wrapping_mul(ONES) >> 56) as usize;
    (
        sum((lo & NIBBLES) + (hi & NIBBLES)),
        sum((lo >> 4 & NIBBLES) + (hi >> 4 & NIBBLES)),
    )
}

/// Class bits of the 16 bytes `c` into `out`, and their counts into
/// `lanes`; `p1` and `p2` hold the bytes one and two places before them.
/// Every step is the same for each lane, so that the compiler turns the
/// loop into vector compares. Bytes from 0x80 count nowhere: [`scan`]
/// reads their characters on its own.
#[inline(always)]
fn classify_chunk(
    c: &[u8; 16],
    p1: &[u8; 16],
    p2: &[u8; 16],
    lanes: &mut Lanes,
    out: &mut [u8; 16],
) {
    // `get` on 16-byte arrays with `i < 16`: the checks fold away.
    fn add(lanes: &mut [u8; 16], i: usize, v: u8) {
        if let Some(n) = lanes.get_mut(i) {
            *n += v;
        }
    }
    fn or(lanes: &mut [u8; 16], i: usize, v: u8) {
        if let Some(n) = lanes.get_mut(i) {
            *n |= v;
        }
    }
    for i in 0..16 {
        let (Some(&b), Some(&b1), Some(&b2)) = (c.get(i), p1.get(i), p2.get(i)) else {
            continue;
        };
        let ws = (b == b' ') | (b.wrapping_sub(9) < 5);
        let upper = b.wrapping_sub(b'A') < 26;
        let lower = b.wrapping_sub(b'a') < 26;
        let digit = b.wrapping_sub(b'0') < 10;
        let alnum = upper | lower | digit;
        if let Some(o) = out.get_mut(i) {
            *o = u8::from(ws)
                | u8::from(alnum) << 1
                | u8::from(lower) << 2
                | u8::from((b >= 0x80) | may_end_needle_start(b2, b1, b)) << 3;
        }
        let symbol = !(ws | alnum | (b >= 0x80));
        add(
            &mut lanes.digits_symbols,
            i,
            u8::from(digit) | u8::from(symbol) << 4,
        );
        let separator = (b == b'|') | (b == b'/') | (b == b'>');
        add(
            &mut lanes.commas_separators,
            i,
            u8::from(b == b',') | u8::from(separator) << 4,
        );
        let inner = upper & (b1 == b' ') & ((b2 == b'.') | (b2 == b'!') | (b2 == b'?'));
        add(
            &mut lanes.quotes_inner,
            i,
            u8::from(b == b'"') | u8::from(inner) << 4,
        );
        let link = (b == b'#') | (b == b'+') | (b == b'=');
        or(
            &mut lanes.flags,
            i,
            u8::from(b == b'@') | u8::from(link) << 1,
        );
    }
}

/// Moves bit `bit` of eight class bytes into eight bits, byte `i`'s to bit `i`.
fn gather(eight: u64, bit: u8) -> u64 {
    let ones = (eight >> bit.trailing_zeros()) & ONES;
    ones.wrapping_mul(0x0102_0408_1020_4080) >> 56
}

/// Fills `scratch.bits` with the class bits of `bytes`, 64 bytes an entry,
/// with at least one byte of whitespace after the end (and
/// `scratch.padded` with the bytes, two zeros before them and spaces
/// after), and adds the ASCII
/// characters' counts (digits, symbols, commas, separators, quotes,
/// capitals opening an inner sentence, `@` and link symbols) to `counts`.
// Out of line: the vector loop keeps its registers to itself, and a
// profile tells it from the word loop.
#[inline(never)]
fn classify_text(bytes: &[u8], scratch: &mut Scratch, counts: &mut Counts) {
    let (bits, padded) = (&mut scratch.bits, &mut scratch.padded);
    bits.clear();
    // The text with two zeros before it and spaces after it, so that every
    // chunk has the two bytes before it and the last is whole.
    padded.clear();
    padded.extend_from_slice(&[0, 0]);
    padded.extend_from_slice(bytes);
    padded.extend_from_slice(&[b' '; 16]);
    let mut lanes = Lanes::default();
    let mut counted = 0;
    let mut entry = Bits::default();
    // Chunks in `entry` so far.
    let mut k = 0;
    // The chunks holding the text and the whitespace after it (its length
    // over 16, plus one), each with the one and the two bytes before it:
    // slices of known length, so that the loop has no bounds checks.
    let chunks = padded.get(2..).unwrap_or_default().chunks_exact(16);
    let ones_before = padded.get(1..).unwrap_or_default().chunks_exact(16);
    for ((c, p1), p2) in chunks.zip(ones_before).zip(padded.chunks_exact(16)) {
        let (Some(c), Some(p1), Some(p2)) = (
            c.first_chunk::<16>(),
            p1.first_chunk::<16>(),
            p2.first_chunk::<16>(),
        ) else {
            continue;
        };
        let mut out = [0u8; 16];
        classify_chunk(c, p1, p2, &mut lanes, &mut out);
        let (lo, hi) = out.split_at(8);
        let half = |h: &[u8]| u64::from_le_bytes(<[u8; 8]>::try_from(h).unwrap_or_default());
        let (lo, hi) = (half(lo), half(hi));
        let shift = 16 * k;
        let sixteen = |bit: u8| (gather(lo, bit) | gather(hi, bit) << 8) << shift;
        entry.ws |= sixteen(B_WS);
        entry.alnum |= sixteen(B_ALNUM);
        entry.lower |= sixteen(B_LOWER);
        entry.special |= sixteen(B_SPECIAL);
        k += 1;
        if k == 4 {
            bits.push(entry);
            entry = Bits::default();
            k = 0;
        }
        counted += 1;
        if counted == LANE_CHUNKS {
            lanes.flush(counts);
            counted = 0;
        }
    }
    if k > 0 {
        // The rest of the entry is whitespace.
        entry.ws |= u64::MAX << (16 * k);
        bits.push(entry);
    }
    lanes.flush(counts);
}

/// Adds the counts of a character outside ASCII, of class `f`.
fn count_wide(counts: &mut Counts, f: u64) {
    counts.flags |= f & FLAG_CLASSES;
    counts.symbols += usize::from(f & (ALNUM | WS) == 0);
    counts.separators += usize::from(f & SEPARATOR != 0);
    counts.quotes += usize::from(f & QUOTE != 0);
}

/// One pass over a trimmed unit text: words, tokens, stop words, capitals
/// and character counts. The bytes are classified 16 at a time into bit
/// masks ([`classify_text`]); a word's tests then read its bits between
/// the whitespace around it, and its bytes only when it has a
/// [`B_SPECIAL`] one.
fn scan(chrome: &Chrome, text: &str, scratch: &mut Scratch) -> Counts {
    let mut counts = Counts::default();
    classify_text(text.as_bytes(), scratch, &mut counts);
    let bits = std::mem::take(&mut scratch.bits);
    // Whether the byte before the current entry is whitespace (the start
    // of the text counts as such).
    let mut carry = 1u64;
    // The start of a word whose end is not seen yet.
    let mut open: Option<usize> = None;
    // The entry before the current one.
    let mut prev = Bits::default();
    for (b, entry) in bits.iter().enumerate() {
        let before = (entry.ws << 1) | carry;
        carry = entry.ws >> 63;
        let mut starts = !entry.ws & before;
        let mut ends = entry.ws & !before;
        let base = 64 * b;
        // A word open from an earlier entry ends at this one's first end;
        // one from the entry before is read from both entries' bits.
        if let Some(start) = open {
            if ends == 0 {
                prev = *entry;
                continue;
            }
            let e = ends.trailing_zeros();
            ends &= ends - 1;
            open = None;
            let end = base + e as usize;
            match start.checked_sub(base - 64) {
                Some(s) if s < 64 => {
                    // Bits `s..` of the entry before, `..e` of this one.
                    let (head, tail) = (u64::MAX << s, (1u64 << e) - 1);
                    let joined = |a: u64, b: u64| (a & head, b & tail);
                    if let ((0, 0), (ha, ta)) = (
                        joined(prev.special, entry.special),
                        joined(prev.alnum, entry.alnum),
                    ) {
                        counts.words += 1;
                        if ha | ta != 0 {
                            let first = match ha {
                                0 => base + ta.trailing_zeros() as usize,
                                _ => base - 64 + ha.trailing_zeros() as usize,
                            };
                            let last_end = match ta {
                                0 => base - ha.leading_zeros() as usize,
                                _ => base + 64 - ta.leading_zeros() as usize,
                            };
                            let (hl, tl) = joined(prev.lower, entry.lower);
                            let core = (first, last_end);
                            let lower = hl | tl != 0;
                            ascii_token(
                                chrome,
                                text,
                                start..end,
                                core,
                                lower,
                                &mut counts,
                                scratch,
                            );
                        }
                    } else {
                        bits_word(chrome, text, &bits, start, end, &mut counts, scratch);
                    }
                }
                _ => bits_word(chrome, text, &bits, start, end, &mut counts, scratch),
            }
        }
        // Then each start pairs with the next end; a word whose end is in
        // this entry too is read from the entry's bits here.
        while starts != 0 {
            let s = starts.trailing_zeros();
            starts &= starts - 1;
            if ends == 0 {
                open = Some(base + s as usize);
                break;
            }
            let e = ends.trailing_zeros();
            ends &= ends - 1;
            // Ends follow their starts: `s < e`.
            let range = (1u64 << e).wrapping_sub(1u64 << s);
            if entry.special & range != 0 {
                let (start, end) = (base + s as usize, base + e as usize);
                bits_word(chrome, text, &bits, start, end, &mut counts, scratch);
                continue;
            }
            counts.words += 1;
            let alnum = entry.alnum & range;
            if alnum == 0 {
                continue;
            }
            let core = (
                base + alnum.trailing_zeros() as usize,
                base + 64 - alnum.leading_zeros() as usize,
            );
            let word = (base + s as usize)..(base + e as usize);
            let lower = entry.lower & range != 0;
            ascii_token(chrome, text, word, core, lower, &mut counts, scratch);
        }
        prev = *entry;
    }
    scratch.bits = bits;
    counts
}

/// Counts an ASCII token `text[word]` without a [`B_SPECIAL`] byte, whose
/// letters and digits run from `core.0` to `core.1` (`lower` if one is a
/// small letter): as [`bits_word`] does after its word count.
#[inline(always)]
fn ascii_token(
    chrome: &Chrome,
    text: &str,
    word: std::ops::Range<usize>,
    (core_start, core_end): (usize, usize),
    lower: bool,
    counts: &mut Counts,
    scratch: &mut Scratch,
) {
    let bytes = text.as_bytes();
    counts.tokens += 1;
    counts.caps += usize::from(bytes.get(core_start).is_some_and(u8::is_ascii_uppercase));
    if !lower {
        let word = bytes.get(word).unwrap_or_default();
        let letters = word.iter().filter(|b| b.is_ascii_alphabetic()).count();
        counts.all_caps += usize::from(letters > 1);
    }
    let len = core_end - core_start;
    let stop = if chrome.packed_stops {
        packed_stop_word(chrome, &scratch.padded, core_start, len)
    } else if chrome.longest_stopword > 8 && len > 8 {
        stop_word(chrome, text, core_start, core_end, scratch)
    } else {
        ascii_stop_word(chrome, &scratch.padded, core_start, len)
    };
    counts.stop += usize::from(stop);
}

/// [`ascii_stop_word`] when [`Chrome::packed_stops`]: no stop word is
/// longer than a key, and [`StopTable::near`] holds every key.
fn packed_stop_word(chrome: &Chrome, padded: &[u8], core_start: usize, len: usize) -> bool {
    let raw = padded
        .get(core_start + 2..)
        .and_then(|b| b.first_chunk::<8>())
        .map_or(0, |b| u64::from_le_bytes(*b));
    // A core has a byte: the shift is below 64.
    let key = raw & (u64::MAX >> (8 * (8 - len.min(8))));
    (len <= chrome.longest_stopword) & chrome.stop_table.near(ascii_lowercase(key))
}

/// The word `text[start..end]` (between ASCII whitespace), read by its
/// class bits: the words [`scan`] does not read at once (across entries,
/// or with a [`B_SPECIAL`] byte).
// Out of line: the rare path, kept out of the word loop.
#[inline(never)]
fn bits_word(
    chrome: &Chrome,
    text: &str,
    bits: &[Bits],
    start: usize,
    end: usize,
    counts: &mut Counts,
    scratch: &mut Scratch,
) {
    let (mut special, mut lower) = (false, false);
    let (mut first, mut last) = (None, 0);
    // Most words lie within one entry.
    let mut at = start;
    if start / 64 == (end - 1) / 64 {
        if let Some(entry) = bits.get(start / 64) {
            let range = (u64::MAX >> (64 - (end - start))) << (start % 64);
            special = entry.special & range != 0;
            lower = entry.lower & range != 0;
            let alnum = entry.alnum & range;
            let base = start - start % 64;
            if alnum != 0 {
                first = Some(base + alnum.trailing_zeros() as usize);
                last = base + 63 - alnum.leading_zeros() as usize;
            }
        }
        at = end;
    }
    while at < end {
        let (b, from) = (at / 64, at % 64);
        let to = (end - 64 * b).min(64);
        let Some(entry) = bits.get(b) else {
            break;
        };
        let range = (u64::MAX >> (64 - (to - from))) << from;
        special |= entry.special & range != 0;
        lower |= entry.lower & range != 0;
        let alnum = entry.alnum & range;
        if alnum != 0 {
            first = first.or(Some(64 * b + alnum.trailing_zeros() as usize));
            last = 64 * b + 63 - alnum.leading_zeros() as usize;
        }
        at = 64 * b + to;
    }
    let bytes = text.as_bytes();
    let word = bytes.get(start..end).unwrap_or_default();
    if special {
        if !word.is_ascii() {
            let core = first.map(|first| (first, last + 1));
            if !symbol_word(chrome, text, start..end, core, lower, counts, scratch) {
                wide_word(chrome, text, start, end, counts, scratch);
            }
            return;
        }
        let letters8 = word.iter().fold(0, |l, &b| {
            l | chrome.letters8.get(usize::from(b)).copied().unwrap_or(0)
        });
        needles(
            chrome,
            text.get(start..end).unwrap_or(""),
            letters8,
            counts,
            scratch,
        );
    }
    counts.words += 1;
    let Some(core_start) = first else {
        return;
    };
    ascii_token(
        chrome,
        text,
        start..end,
        (core_start, last + 1),
        lower,
        counts,
        scratch,
    );
}

/// Whether the ASCII core of `len` bytes at `core_start` of the text that
/// `padded` holds (see [`classify_text`]) is a stop word of up to eight
/// bytes, without a branch on what it holds.
fn ascii_stop_word(chrome: &Chrome, padded: &[u8], core_start: usize, len: usize) -> bool {
    let raw = padded
        .get(core_start + 2..)
        .and_then(|b| b.first_chunk::<8>())
        .map_or(0, |b| u64::from_le_bytes(*b));
    let n = len.clamp(1, 8);
    let key = raw & (u64::MAX >> (64 - 8 * n));
    // The table is exact: no first/last-byte filter in front of it, which
    // only pays where it saves a branch.
    (len <= chrome.longest_stopword) & chrome.stop_table.holds(ascii_lowercase(key))
}

/// [`bits_word`] for a word (`text[word]`) with characters outside ASCII
/// that are all symbols (see [`wide_symbols`]; `false`, and nothing counted, if one is
/// not), given the first and the end of the last of its letters and digits
/// (all ASCII then) and whether one is lower-case, from its bits.
// Out of line: the rare path, kept out of the word loop.
#[inline(never)]
fn symbol_word(
    chrome: &Chrome,
    text: &str,
    word: std::ops::Range<usize>,
    core: Option<(usize, usize)>,
    lower: bool,
    counts: &mut Counts,
    scratch: &mut Scratch,
) -> bool {
    let word = text.get(word).unwrap_or("");
    if !wide_symbols(chrome, word, counts, &mut scratch.classes) {
        return false;
    }
    // The characters outside ASCII hold no needle letter.
    let letters8 = word.bytes().fold(0, |l, b| {
        l | chrome.letters8.get(usize::from(b)).copied().unwrap_or(0)
    });
    needles(chrome, word, letters8, counts, scratch);
    counts.words += 1;
    let Some((core_start, core_end)) = core else {
        return true;
    };
    counts.tokens += 1;
    counts.caps += usize::from(
        text.as_bytes()
            .get(core_start)
            .is_some_and(u8::is_ascii_uppercase),
    );
    if !lower {
        let letters = word.bytes().filter(u8::is_ascii_alphabetic).count();
        counts.all_caps += usize::from(letters > 1);
    }
    // The core may hold a symbol outside ASCII (`don’t`).
    counts.stop += usize::from(stop_word(chrome, text, core_start, core_end, scratch));
    true
}

/// Whether every character outside ASCII of `word` is a symbol: no
/// whitespace, letter or digit, and no needle letter in its lower case
/// (apostrophes, quotes, dashes …). Then the word reads as an ASCII one
/// whose letters and digits are its ASCII ones, and these characters'
/// counts are added to `counts` (as [`count_wide`] would); otherwise
/// `counts` is left as it is.
fn wide_symbols(
    chrome: &Chrome,
    word: &str,
    counts: &mut Counts,
    classes: &mut ClassCache,
) -> bool {
    const NOT_SYMBOL: u64 = WS | ALNUM | ALPHA | UPPER | LOWER | NEEDLE_LETTERS;
    let bytes = word.as_bytes();
    let (mut at, mut symbols) = (0, true);
    let mut found = Counts::default();
    // From one leading byte outside ASCII to the next.
    while let Some(k) = bytes
        .get(at..)
        .and_then(|b| b.iter().position(|b| !b.is_ascii()))
    {
        let Some(c) = word.get(at + k..).and_then(|s| s.chars().next()) else {
            break;
        };
        let f = chrome.class_of(c, classes);
        symbols &= f & NOT_SYMBOL == 0;
        count_wide(&mut found, f);
        at += k + c.len_utf8();
    }
    if symbols {
        counts.flags |= found.flags;
        counts.symbols += found.symbols;
        counts.separators += found.separators;
        counts.quotes += found.quotes;
    }
    symbols
}

/// [`bits_word`] for a word with characters outside ASCII, which may be
/// whitespace: read one character at a time. The ASCII characters' counts
/// are already in (see [`classify_text`]).
// Out of line: the rare path, kept out of the word loop.
#[inline(never)]
fn wide_word(
    chrome: &Chrome,
    text: &str,
    start: usize,
    end: usize,
    counts: &mut Counts,
    scratch: &mut Scratch,
) {
    let bytes = text.as_bytes();
    /// A word inside the stretch, so far.
    struct Open {
        start: usize,
        letters: usize,
        lower: usize,
        letters8: u32,
        /// First letter or digit and its class; end of the last one.
        first: Option<(usize, u64)>,
        last_end: usize,
    }
    let finish = |w: Open, end: usize, counts: &mut Counts, scratch: &mut Scratch| {
        needles(
            chrome,
            text.get(w.start..end).unwrap_or(""),
            w.letters8,
            counts,
            scratch,
        );
        let Some((core_start, core_first)) = w.first else {
            return;
        };
        counts.tokens += 1;
        counts.caps += usize::from(core_first & UPPER != 0);
        counts.all_caps += usize::from(w.letters > 1 && w.lower == 0);
        counts.stop += usize::from(stop_word(chrome, text, core_start, w.last_end, scratch));
    };
    let mut word: Option<Open> = None;
    for (k, c) in text.get(start..end).unwrap_or("").char_indices() {
        let at = start + k;
        let f = chrome.class_of_any(c, &mut scratch.classes);
        let wide = !c.is_ascii();
        if wide {
            count_wide(counts, f);
        }
        if f & WS != 0 {
            if let Some(w) = word.take() {
                finish(w, at, counts, scratch);
            }
            continue;
        }
        let w = word.get_or_insert_with(|| {
            counts.words += 1;
            // An ASCII capital after `. ` is counted with the ASCII
            // characters' counts.
            let after_stop = at
                .checked_sub(2)
                .and_then(|j| bytes.get(j..at))
                .is_some_and(|p| matches!(p, [b'.' | b'!' | b'?', b' ']));
            counts.inner_sentences += usize::from(wide && f & UPPER != 0 && after_stop);
            Open {
                start: at,
                letters: 0,
                lower: 0,
                letters8: 0,
                first: None,
                last_end: at,
            }
        });
        w.letters += usize::from(f & ALPHA != 0);
        w.lower += usize::from(f & LOWER != 0);
        w.letters8 |= (f & NEEDLE_LETTERS) as u32;
        if f & ALNUM != 0 {
            w.first = w.first.or(Some((at, f)));
            w.last_end = at + c.len_utf8();
        }
    }
    if let Some(w) = word {
        finish(w, end, counts, scratch);
    }
}

/// Adds to `counts` the needles `word` holds, given its
/// [`needle_letters`]: a needle never spans whitespace, so it lies within
/// one word, and most words lack a letter every needle has.
fn needles(chrome: &Chrome, word: &str, letters8: u32, counts: &mut Counts, scratch: &mut Scratch) {
    if letters8 & chrome.needle_any == 0 {
        return;
    }
    let m = &chrome.needle_masks;
    let candidates = [
        letters8 & m[0] == m[0],
        letters8 & m[1] == m[1],
        letters8 & m[2] == m[2],
        letters8 & m[3] == m[3],
        letters8 & m[4] == m[4],
    ];
    if candidates.contains(&true) {
        let (lower, cased) = find_needles(word, candidates, &mut scratch.text);
        counts.mentions_lower |= lower;
        counts.mentions_cased |= cased;
    }
}

#[inline(always)]
/// Whether the core `text[core_start..core_end]` (its first letter or
/// digit to its last), lower-cased, is a stop word. Only words as short as
/// the longest stop word are looked up; an ASCII core with eight bytes
/// from its start is packed at once.
fn stop_word(
    chrome: &Chrome,
    text: &str,
    core_start: usize,
    core_end: usize,
    scratch: &mut Scratch,
) -> bool {
    let len = core_end - core_start;
    if len > chrome.longest_stopword {
        return false;
    }
    let eight = text
        .as_bytes()
        .get(core_start..)
        .and_then(|b| b.first_chunk::<8>())
        .filter(|_| (1..=8).contains(&len))
        .map(|b| u64::from_le_bytes(*b) & (u64::MAX >> (64 - 8 * len)));
    match eight {
        Some(key) if key & TOPS == 0 => {
            may_be_stopword(chrome, key, len) && chrome.stop_table.contains(ascii_lowercase(key))
        }
        _ => is_stopword(chrome, text, core_start, core_end, &mut scratch.text),
    }
}

/// The needles among `candidates` that `word` holds lower-cased, and as
/// they are or with a capital first letter (as bits).
fn find_needles(
    word: &str,
    candidates: [bool; MENTION_NEEDLES.len()],
    scratch: &mut String,
) -> (u8, u8) {
    scratch.clear();
    push_lowercase(scratch, word);
    let (mut lower, mut cased) = (0, 0);
    for (k, ((needle, capital), candidate)) in MENTION_NEEDLES
        .iter()
        .zip(CAPITAL_NEEDLES)
        .zip(candidates)
        .enumerate()
    {
        if !candidate {
            continue;
        }
        if word.contains(needle) || word.contains(capital) {
            cased |= 1 << k;
        }
        if scratch.contains(needle) {
            lower |= 1 << k;
        }
    }
    (lower, cased)
}

/// Eight ASCII bytes (none with [`TOPS`]) packed in a `u64`, lower-cased:
/// the bytes from `A` to `Z` get 0x20 (no carry crosses a byte below 0x80).
fn ascii_lowercase(key: u64) -> u64 {
    let at_least_a = key.wrapping_add(0x3f3f_3f3f_3f3f_3f3f);
    let above_z = key.wrapping_add(0x2525_2525_2525_2525);
    key | (at_least_a & !above_z & TOPS) >> 2
}

/// The [`Chrome::stop_shapes`] slot of a word with these first and last
/// bytes: the same for either case of an ASCII letter.
fn shape_slot(first: u8, last: u8) -> usize {
    (usize::from(first | 0x20) & 31) << 5 | (usize::from(last | 0x20) & 31)
}

/// Whether the ASCII word of `len` bytes (1 to 8) packed in `key` may be a
/// stop word in either case, by its first and last bytes and its length.
fn may_be_stopword(chrome: &Chrome, key: u64, len: usize) -> bool {
    let last = (key >> (8 * len.saturating_sub(1)).min(56)) as u8;
    chrome
        .stop_shapes
        .get(shape_slot(key as u8, last))
        .is_some_and(|bits| bits & (1 << len.min(15)) != 0)
}

/// Whether `text[start..end]`, lower-cased, is a stop word.
fn is_stopword(
    chrome: &Chrome,
    text: &str,
    start: usize,
    end: usize,
    scratch: &mut String,
) -> bool {
    let len = end.saturating_sub(start);
    if (1..=8).contains(&len) {
        // Eight bytes at once (the next ones masked off) where the text
        // has them.
        let bytes = text.as_bytes();
        let eight = bytes
            .get(start..start + 8)
            .and_then(|b| <[u8; 8]>::try_from(b).ok())
            .unwrap_or_else(|| {
                let mut key = [0u8; 8];
                for (slot, &b) in key
                    .iter_mut()
                    .zip(bytes.get(start..end).unwrap_or_default())
                {
                    *slot = b;
                }
                key
            });
        let key = u64::from_le_bytes(eight) & (u64::MAX >> (64 - 8 * len));
        if key & TOPS == 0 {
            return chrome.stop_table.contains(ascii_lowercase(key));
        }
    }
    let core = text.get(start..end).unwrap_or("");
    let mut key = [0u8; 8];
    let mut len = 0;
    let mut buf = [0u8; 4];
    let mut push = |l: char| {
        for &b in l.encode_utf8(&mut buf).as_bytes() {
            if let Some(slot) = key.get_mut(len) {
                *slot = b;
            }
            len += 1;
        }
    };
    // Most characters outside ASCII in a word (apostrophes, accented
    // small letters) are their own lower case: the table tells, where
    // `to_lowercase` would search the case tables.
    for c in core.chars() {
        if c.is_ascii() || chrome.own_lower(c) {
            push(c.to_ascii_lowercase());
        } else {
            c.to_lowercase().for_each(&mut push);
        }
    }
    if len <= key.len() {
        return chrome.stop_table.contains(u64::from_le_bytes(key));
    }
    // Lower-casing made it longer than a packed key.
    scratch.clear();
    scratch.extend(core.chars().flat_map(char::to_lowercase));
    chrome.stopwords.contains(scratch.as_str())
}

/// The unit's own features (its text is `text`), written into `row`; the
/// page's features at its end are left as they are.
fn own_features(
    chrome: &Chrome,
    tables: &Tables,
    line: &Line,
    sizes: &Sizes<usize>,
    text: &str,
    dated: Option<bool>,
    row: &mut [f32],
) {
    // Classification's answer holds for the trimmed text only if trimming
    // changed nothing.
    let trimmed = trim(text);
    let dated = dated.filter(|_| trimmed.len() == text.len());
    let text = trimmed;
    let &Sizes {
        tokens: tok_count,
        stop,
        caps,
        all_caps,
        digits,
        ..
    } = sizes;
    let (line_words, line_chars) = (line.words(), sizes.chars);
    let chars = line_chars.max(1) as f32;
    let words = line_words.max(1) as f32;
    let toks = tok_count.max(1) as f32;
    let first = text.chars().next().unwrap_or(' ');
    // Closing quotes and brackets off the end; most units end in another
    // ASCII character, which none of them is.
    let trimmed_end = match text.as_bytes().last() {
        Some(&b) if b.is_ascii() && !matches!(b, b'"' | b'\'' | b')') => text,
        _ => text.trim_end_matches(['"', '\'', '”', '’', ')', '»']),
    };
    let last = trimmed_end.as_bytes().last().copied();
    let has_link =
        line.mentions(HTTP) || line.mentions(WWW) || line.mentions(DOT_COM) || line.has(LINE_AT);
    let values: [f32; OWN - PAGE_VALUES] = [
        chrome.ln_1p(line_chars),
        chrome.ln_1p(line_words),
        chars / words,
        f32::from(matches!(last, Some(b'.' | b'!' | b'?')) || trimmed_end.ends_with('…')),
        f32::from(last == Some(b':')),
        f32::from(last == Some(b'?')),
        f32::from(line.inner_sentences),
        stop as f32 / toks,
        caps as f32 / toks,
        all_caps as f32 / toks,
        digits as f32 / chars,
        sizes.symbols as f32 / chars,
        f32::from(first.is_uppercase()),
        f32::from(first.is_lowercase()),
        f32::from(first.is_ascii_digit()),
        f32::from(line.separators),
        sizes.commas as f32 / words,
        f32::from(starts_like_list_item(text)),
        f32::from(line.boilerplate.is_some()),
        kind_code(line.boilerplate),
        kind_code(line.marker),
        f32::from(has_link),
        f32::from(
            line_words <= 12
                && digits > 0
                && dated.unwrap_or_else(|| parse_date_line(text).is_some()),
        ),
        f32::from(line_words <= 20 && tables.starts_byline(text)),
        f32::from(line.has(LINE_COPYRIGHT_SIGN) || line.mentions(COPYRIGHT)),
        f32::from(line.quotes),
        f32::from(caps == tok_count && tok_count > 0),
        f32::from(line.ends_sentence()),
        f32::from(line.mentions(COOKIE)),
        f32::from(line.has(LINE_LINK_SYMBOL)),
        f32::from(
            line_words >= 3
                && matches!(text.as_bytes().last(), Some(b'.' | b'!' | b'?'))
                && stop * 5 >= tok_count,
        ),
    ];
    for (slot, v) in row.iter_mut().zip(values) {
        *slot = v;
    }
}

/// Own features the page pass computes (repetition, position, title, run,
/// short-line run): the last of a unit's own features.
const PAGE_VALUES: usize = 9;

/// Prose-ness of a unit for finding the densest run of prose: positive for
/// sentences, negative for short lines and known chrome.
fn prose_score(line: &Line) -> f32 {
    if line.boilerplate.is_some() || line.marker.is_some() {
        return -20.0;
    }
    let repeats = line.repeat;
    let mut score = line.words().min(80) as f32 - 8.0;
    if line.ends_sentence() && line.words >= 5 {
        score += 4.0;
    }
    if repeats > 1 {
        score -= 10.0;
    }
    score
}

/// The densest run of prose: the span of units with the largest sum of
/// prose scores (Kadane).
fn densest_run(scores: impl Iterator<Item = f32>) -> (usize, usize) {
    let (mut best, mut best_span) = (f32::MIN, (0, 0));
    let (mut sum, mut start) = (0.0f32, 0usize);
    for (i, s) in scores.enumerate() {
        if sum <= 0.0 {
            sum = 0.0;
            start = i;
        }
        sum += s;
        if sum > best {
            best = sum;
            best_span = (start, i);
        }
    }
    best_span
}

/// The unit below the first line that repeats the first line (the page's
/// `<title>`, often with the site's name glued on) as a headline: the
/// nearest such unit above the densest run of prose, else the first one
/// inside it.
fn find_headline(
    lines: &[Line],
    wide: &[(usize, Sizes<usize>)],
    run: (usize, usize),
    title_len: usize,
) -> Option<usize> {
    let first = lines.first()?;
    if title_len < 2 || first.words > 40 {
        return None;
    }
    let mut above = None;
    let mut inside = None;
    for (j, line) in lines.iter().enumerate().skip(1) {
        if j > run.1 {
            break;
        }
        if !(2..=40).contains(&line.words) || line.boilerplate.is_some() {
            continue;
        }
        let sizes = sizes_of(lines, wide, j);
        let (n, shared) = (sizes.title_tokens, sizes.title_distinct);
        if n < 2 || shared * 10 < n * 8 || shared * 2 < title_len.min(8) {
            continue;
        }
        if j <= run.0 {
            above = Some(j);
        } else if inside.is_none() {
            inside = Some(j);
        }
    }
    above.or(inside)
}

/// When no unit repeats the page's `<title>` line closely, the headline is
/// often a reworded one just above the story: the title-shaped unit among the
/// few above the first body unit that shares the most words with the
/// `<title>` line (at least two, and 40% of its own).
fn loose_headline(
    page: &Page,
    units: &[Unit],
    labels: &[Label],
    first_body: usize,
) -> Option<usize> {
    let mut best: Option<(f32, usize)> = None;
    for j in first_body.saturating_sub(8).max(1)..first_body {
        let (Some(line), Some(unit)) = (page.lines.get(j), units.get(j)) else {
            continue;
        };
        let text = unit.as_str().trim();
        let shaped = (3..=30).contains(&line.words)
            && !text.ends_with(['.', ':', ',', ';'])
            && text
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_numeric() || "\"“‘'¿¡".contains(c));
        if !shaped || line.marker.is_some() || !matches!(labels.get(j), Some(Label::Text)) {
            continue;
        }
        let sizes = page.sizes(j);
        let (n, shared) = (sizes.title_tokens, sizes.title_distinct);
        if shared < 2 || shared * 10 < n * 4 {
            continue;
        }
        let score = shared as f32 / n as f32;
        if best.is_none_or(|(b, _)| score >= b) {
            best = Some((score, j));
        }
    }
    best.map(|(_, j)| j)
}

/// The part of a title line that is the headline: `Headline | Site Name`,
/// `Site Name | Headline` and `Headline - Site` lose the site's name. Returns
/// the byte range to keep.
pub(crate) fn headline_range(title: &str) -> (usize, usize) {
    let whole = (0, title.len());
    let words = |s: &str| s.split_whitespace().count();
    // `|` and `::` always separate a site's name; take the longest part.
    for sep in [" | ", " :: ", " // "] {
        if title.contains(sep) {
            let mut best = whole;
            let mut best_words = 0;
            let mut start = 0;
            for part in title.split(sep) {
                let n = words(part);
                if n > best_words {
                    best_words = n;
                    best = (start, start + part.len());
                }
                start += part.len() + sep.len();
            }
            return if best_words >= 2 { best } else { whole };
        }
    }
    // A dash only when what follows is short and name-like: `… - Site`.
    for sep in [" - ", " – ", " — ", " · "] {
        if let Some(at) = title.rfind(sep) {
            let (head, tail) = (
                title.get(..at).unwrap_or(""),
                title.get(at + sep.len()..).unwrap_or(""),
            );
            let name_like = tail.split_whitespace().all(|w| {
                w.chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_numeric())
            });
            if words(tail) <= 3 && words(head) >= 3 && name_like && !tail.ends_with(['?', '!']) {
                return (0, at);
            }
        }
    }
    whole
}

/// Everything the page pass computed: every unit's [`Line`] and the page's
/// own facts.
struct Page {
    lines: Vec<Line>,
    /// The [`Sizes`] of the [`LINE_WIDE`] units, by unit.
    wide: Vec<(usize, Sizes<usize>)>,
    /// Words on the page (at least 1).
    total_words: usize,
    /// Share of the page's words in the densest run.
    run_share: f32,
    /// First and last unit of the densest run of prose.
    run: (usize, usize),
    headline: Option<usize>,
}

impl Page {
    fn sizes(&self, k: usize) -> Sizes<usize> {
        sizes_of(&self.lines, &self.wide, k)
    }
}

/// Own features of a neighbour that a unit's row takes.
const TAKE: [usize; NEIGHBOUR] = [1, 3, 7, 17, 18, 27, 31, 39];

/// `(repeat as f32).ln()`, at once for the units that do not repeat (most
/// of them): `ln(1)` is 0 exactly. A call to `logf` a unit was 3M Ir over
/// the bench subset.
fn repeat_ln(repeat: u32) -> f32 {
    if repeat == 1 {
        0.0
    } else {
        (repeat as f32).ln()
    }
}

/// Own-feature rows a [`Rows`] keeps (a power of two, at least the five a
/// row reads).
const OWN_RING: usize = 8;
/// Widest reach of the windowed aggregates.
const WIDEST: usize = 8;
/// Prefix sums a [`Rows`] keeps (a power of two, more than the
/// `2 * WIDEST + 1` a row reads).
const PREFIX_RING: usize = 32;
const _: () = assert!(OWN_RING >= 5 && PREFIX_RING > 2 * WIDEST + 1);
// The windowed aggregates fill the row up to RUN_SHARE.
const _: () = assert!(OWN + NEIGHBOUR * OFFSETS.len() + 4 == RUN_SHARE);

/// The feature rows of a page's units, one after another. A unit's row
/// holds its own features, the [`TAKE`]n ones of units `k-2 ..= k+2` and
/// window sums over up to `k-8 ..= k+8`: each unit's own features and
/// prefix sums are computed just ahead of the rows that read them and kept
/// in small rings, so the page never holds them all (160 bytes a unit).
struct Rows<'p> {
    chrome: &'p Chrome,
    tables: &'p Tables,
    page: &'p Page,
    units: &'p [Unit],
    /// Whether classification read unit `k` as a date line, where it asked
    /// (see [`strip`]); units past its end or `None` are asked here.
    dated: &'p [Option<bool>],
    /// The next row's unit.
    next: usize,
    /// Own features of unit `j` at `j % OWN_RING`.
    own: [[f32; OWN]; OWN_RING],
    /// The next unit whose own features are computed.
    own_next: usize,
    /// Words of the units before `own_next`.
    words_before: usize,
    /// `(prose, words)` sums over the units before `j`, at `j % PREFIX_RING`.
    prefix: [(f32, f32); PREFIX_RING],
    /// The next prefix sum computed, and the sums up to it.
    prefix_next: usize,
    sums: (f32, f32),
}

impl<'p> Rows<'p> {
    fn new(
        chrome: &'p Chrome,
        tables: &'p Tables,
        page: &'p Page,
        units: &'p [Unit],
        dated: &'p [Option<bool>],
    ) -> Self {
        Rows {
            chrome,
            tables,
            page,
            units,
            dated,
            next: 0,
            own: [[0.0; OWN]; OWN_RING],
            own_next: 0,
            words_before: 0,
            prefix: [(0.0, 0.0); PREFIX_RING],
            prefix_next: 0,
            sums: (0.0, 0.0),
        }
    }

    /// Computes unit `own_next`'s own features, page features included.
    fn push_own(&mut self) {
        let k = self.own_next;
        self.own_next += 1;
        let page = self.page;
        let (Some(line), Some(row)) = (page.lines.get(k), self.own.get_mut(k % OWN_RING)) else {
            return;
        };
        let text = self.units.get(k).map_or("", Unit::as_str);
        let sizes = page.sizes(k);
        let dated = self.dated.get(k).copied().flatten();
        own_features(self.chrome, self.tables, line, &sizes, text, dated, row);
        let n = page.lines.len();
        // Only title-sized units can repeat the title.
        let (count, shared) = (sizes.title_tokens, sizes.title_shared);
        let signed =
            |from: Option<usize>| from.map_or(-99.0, |h| (k as f32 - h as f32).clamp(-60.0, 60.0));
        let (run, words_before) = (page.run, self.words_before);
        let page_values: [f32; PAGE_VALUES] = [
            repeat_ln(line.repeat),
            k as f32 / n.max(1) as f32,
            words_before as f32 / page.total_words as f32,
            if k == 0 || count == 0 {
                0.0
            } else {
                shared as f32 / count as f32
            },
            signed(page.headline),
            f32::from(run.0 <= k && k <= run.1),
            (run.0 as f32 - k as f32).clamp(-60.0, 60.0),
            (k as f32 - run.1 as f32).clamp(-60.0, 60.0),
            f32::from(line.short_run),
        ];
        for (slot, v) in row.iter_mut().skip(OWN - PAGE_VALUES).zip(page_values) {
            *slot = v;
        }
        self.words_before += line.words();
    }

    /// Computes prefix sum `prefix_next`.
    fn push_prefix(&mut self) {
        let j = self.prefix_next;
        self.prefix_next += 1;
        if let Some(line) = j.checked_sub(1).and_then(|k| self.page.lines.get(k)) {
            let prose = line.words >= 10 && line.ends_sentence() && line.boilerplate.is_none();
            self.sums.0 += f32::from(prose);
            self.sums.1 += self.chrome.ln_1p(line.words());
        }
        if let Some(slot) = self.prefix.get_mut(j % PREFIX_RING) {
            *slot = self.sums;
        }
    }

    /// Writes the next unit's full feature row into `row[..FEATURES]` and
    /// returns the unit, or `None` after the last.
    fn next_row(&mut self, row: &mut [f32]) -> Option<usize> {
        self.next_row_with(true, |f, v| {
            if let Some(slot) = row.get_mut(f) {
                *slot = v;
            }
        })
    }

    /// Writes the next unit's row into `lane` of `block` and returns the
    /// unit, or `None` after the last.
    #[cfg(test)]
    fn next_lane(&mut self, block: &mut Block, lane: usize) -> Option<usize> {
        self.next_row_with(true, |f, v| block.set(lane, f, v))
    }

    /// The [`TAKE`]n own features of unit `j`, or all -1 for a unit off the
    /// page (`None` or past its end), as a row reads a neighbour's. `j` is
    /// one of the units the ring holds.
    fn taken(&self, j: Option<usize>) -> [f32; NEIGHBOUR] {
        let n = self.page.lines.len();
        let own = j
            .filter(|&j| j < n && j < self.own_next && j + OWN_RING >= self.own_next)
            .and_then(|j| self.own.get(j % OWN_RING));
        match own {
            Some(o) => TAKE.map(|f| o.get(f).copied().unwrap_or(-1.0)),
            None => [-1.0; NEIGHBOUR],
        }
    }

    /// Fills `block` with the next rows, up to [`LANES`], and returns how
    /// many. The rows are written without their neighbours' features, which
    /// are then copied column by column from the block's own columns
    /// (shifted by the offset) and the ring's units just outside it: the
    /// same values [`Rows::next_row`] puts one by one, a vector copy a
    /// column instead of 32 scattered stores a row.
    fn next_block(&mut self, block: &mut Block) -> usize {
        let first = self.next;
        // The ring still holds the two units before the block: the last
        // row read pushed own features up to two units past it.
        let before = [
            self.taken(first.checked_sub(2)),
            self.taken(first.checked_sub(1)),
        ];
        let mut filled = 0;
        while filled < LANES
            && self
                .next_row_with(false, |f, v| block.set(filled, f, v))
                .is_some()
        {
            filled += 1;
        }
        if filled == 0 {
            return 0;
        }
        let after = [
            self.taken(Some(first + filled)),
            self.taken(Some(first + filled + 1)),
        ];
        for (t, &f) in TAKE.iter().enumerate() {
            // Unit `first + i` at `ext[i + 2]`, for `i` in `-2..filled + 2`;
            // whole columns are copied (fixed-size copies, no `memcpy`
            // call), the lanes past `filled` being stale anyway.
            let mut ext = [-1.0f32; LANES + 4];
            if let (Some(to), Some(own)) =
                (ext.get_mut(2..2 + LANES), block.cols.get(f & (COLUMNS - 1)))
            {
                to.copy_from_slice(own);
            }
            for (i, side) in [
                (0, &before[0]),
                (1, &before[1]),
                (filled + 2, &after[0]),
                (filled + 3, &after[1]),
            ] {
                if let (Some(slot), Some(&v)) = (ext.get_mut(i), side.get(t)) {
                    *slot = v;
                }
            }
            for (o, off) in OFFSETS.iter().enumerate() {
                let from = (2 + off) as usize;
                let col = block
                    .cols
                    .get_mut((OWN + o * NEIGHBOUR + t) & (COLUMNS - 1));
                if let (Some(to), Some(from)) =
                    (col, ext.get(from..).and_then(|e| e.first_chunk::<LANES>()))
                {
                    *to = *from;
                }
            }
        }
        filled
    }

    /// Hands each feature of the next unit's row to `put` (index, value)
    /// and returns the unit, or `None` after the last; the neighbours'
    /// features only if `neighbours` (see [`Rows::next_block`]).
    fn next_row_with(
        &mut self,
        neighbours: bool,
        mut put: impl FnMut(usize, f32),
    ) -> Option<usize> {
        let page = self.page;
        let n = page.lines.len();
        let k = self.next;
        if k >= n {
            return None;
        }
        self.next += 1;
        while self.own_next < n && self.own_next <= k + 2 {
            self.push_own();
        }
        while self.prefix_next <= n && self.prefix_next <= k + WIDEST + 1 {
            self.push_prefix();
        }
        let own = |j: usize| self.own.get(j % OWN_RING).filter(|_| j < n);
        if let Some(own) = own(k) {
            for (f, &v) in own.iter().enumerate() {
                put(f, v);
            }
        }
        let mut at = OWN;
        for off in OFFSETS.into_iter().filter(|_| neighbours) {
            match k.checked_add_signed(off).and_then(own) {
                Some(o) => {
                    for (t, &f) in TAKE.iter().enumerate() {
                        put(at + t, o.get(f).copied().unwrap_or(-1.0));
                    }
                }
                None => {
                    for t in 0..NEIGHBOUR {
                        put(at + t, -1.0);
                    }
                }
            }
            at += NEIGHBOUR;
        }
        let at = OWN + NEIGHBOUR * OFFSETS.len();
        let prefix = |j: usize| {
            self.prefix
                .get(j % PREFIX_RING)
                .copied()
                .unwrap_or((0.0, 0.0))
        };
        let window = |r: usize| {
            let lo = k.saturating_sub(r);
            let hi = (k + r + 1).min(n);
            let len = hi.saturating_sub(lo).max(1) as f32;
            let (high, low) = (prefix(hi), prefix(lo));
            ((high.0 - low.0) / len, (high.1 - low.1) / len)
        };
        let (p3, w3) = window(3);
        let (p8, w8) = window(WIDEST);
        for (i, v) in [p3, w3, p8, w8].into_iter().enumerate() {
            put(at + i, v);
        }
        put(RUN_SHARE, page.run_share);
        if let Some(line) = page.lines.get(k) {
            put(FEATURES - 1, f32::from(line.since_marker));
        }
        Some(k)
    }
}

/// The repeat key of a unit whose trimmed text is `trimmed`: its
/// lower-cased text (in `lower`) if title-sized, its trimmed text otherwise.
/// `ascii` is true when the caller knows `trimmed` is ASCII.
fn repeat_key<'t>(
    chrome: &Chrome,
    trimmed: &'t str,
    words: usize,
    ascii: bool,
    lower: &'t mut String,
    classes: &mut ClassCache,
) -> &'t str {
    lower.clear();
    if words <= SHORT_WORDS {
        if ascii {
            lower.push_str(trimmed);
            lower.make_ascii_lowercase();
        } else {
            push_lowercase_with(lower, trimmed, |c| {
                chrome.class_of(c, classes) & OWN_LOWER != 0
            });
        }
    }
    if lower.is_empty() {
        trimmed
    } else {
        lower
    }
}

/// [`crate::pipeline::segment::ends_sentence`], at once for a text whose
/// last byte is ASCII and no closing quote or bracket (the others are not
/// ASCII), as most units' is.
fn ends_sentence(text: &str) -> bool {
    match text.as_bytes().last() {
        Some(&b) if b.is_ascii() && !matches!(b, b'"' | b'\'' | b')') => {
            matches!(b, b'.' | b'!' | b'?' | b':')
        }
        _ => crate::pipeline::segment::ends_sentence(text),
    }
}

/// `text.trim()`, at once for a text that starts and ends with printable
/// ASCII (no whitespace is), as most units do.
fn trim(text: &str) -> &str {
    let printable = |b: Option<&u8>| b.is_some_and(|b| (b'!'..=b'~').contains(b));
    if printable(text.as_bytes().first()) && printable(text.as_bytes().last()) {
        text
    } else {
        text.trim()
    }
}

/// The hash of a repeat key for [`page`]'s table: four running products
/// over 32-byte strides, so that a long key (a paragraph's whole text) is
/// not one chain of dependent multiplications, then folded together. Only
/// the speed of the lookup depends on it: keys that hash alike are
/// compared.
fn repeat_hash(key: &str) -> u64 {
    const K: u64 = 0xf135_7aea_2e62_a9c5;
    // Whole words are loaded at once; the last, short one (padded with
    // zeros) by one load of the key's last eight bytes, shifted. A copy
    // into a zeroed array cost a call to `memcpy` a word (a thousand a
    // page).
    // Arrays of known length, so that the loops unroll.
    let bytes = key.as_bytes();
    let (strides, rest) = bytes.as_chunks::<32>();
    let mut h = (bytes.len() as u64).wrapping_mul(K);
    if !strides.is_empty() {
        let mut lanes = [1u64, 2, 3, 4];
        for stride in strides {
            for (lane, w) in lanes.iter_mut().zip(stride.as_chunks::<8>().0) {
                *lane = (*lane ^ u64::from_le_bytes(*w)).wrapping_mul(K);
            }
        }
        for lane in lanes {
            h = (h ^ lane).wrapping_mul(K);
        }
    }
    let (words, tail) = rest.as_chunks::<8>();
    for w in words {
        h = (h ^ u64::from_le_bytes(*w)).wrapping_mul(K);
    }
    if !tail.is_empty() {
        h = (h ^ padded_tail(bytes, tail.len(), 0)).wrapping_mul(K);
    }
    // The products' best bits are high; the slot is taken from the low.
    h ^ h >> 29
}

/// [`repeat_hash`] as it was first written, each word copied into a
/// zeroed array: the oracle of the test that the loads give the same hash.
#[cfg(test)]
fn repeat_hash_by_copies(key: &str) -> u64 {
    const K: u64 = 0xf135_7aea_2e62_a9c5;
    let word = |b: &[u8]| {
        let mut w = [0u8; 8];
        for (to, &from) in w.iter_mut().zip(b) {
            *to = from;
        }
        u64::from_le_bytes(w)
    };
    let bytes = key.as_bytes();
    let mut strides = bytes.chunks_exact(32);
    let mut h = (bytes.len() as u64).wrapping_mul(K);
    if bytes.len() >= 32 {
        let mut lanes = [1u64, 2, 3, 4];
        for stride in &mut strides {
            for (lane, w) in lanes.iter_mut().zip(stride.chunks_exact(8)) {
                *lane = (*lane ^ word(w)).wrapping_mul(K);
            }
        }
        for lane in lanes {
            h = (h ^ lane).wrapping_mul(K);
        }
    }
    for w in strides.remainder().chunks(8) {
        h = (h ^ word(w)).wrapping_mul(K);
    }
    h ^ h >> 29
}

/// The page's distinct title tokens, in the order first met. Each one's
/// head (first eight bytes, see [`token_head`]) and length sit side by side
/// in one array, so that a lookup compares those and reads a token's text
/// only when they match: the text, elsewhere on the page, was a load a title
/// token on the lookup's path (a cache miss as often as not). The tokens are
/// chained by a hash of head and length, so that a lookup compares about
/// one, where a scan of all of them mispredicted a branch on most.
struct TitleTokens<'t> {
    heads: Vec<(u64, usize)>,
    tokens: Vec<&'t str>,
    /// By [`TitleTokens::slot`]: the first token (plus one) in the slot's
    /// chain, 0 for none.
    chains: [u32; TITLE_SLOTS],
    /// By token: the next token (plus one) in its slot's chain.
    next: Vec<u32>,
}

/// Chains of a [`TitleTokens`] (a power of two).
const TITLE_SLOTS: usize = 64;

impl Default for TitleTokens<'_> {
    fn default() -> Self {
        TitleTokens::with_capacity(0)
    }
}

impl<'t> TitleTokens<'t> {
    /// Room for `n` tokens before any array grows.
    fn with_capacity(n: usize) -> Self {
        TitleTokens {
            heads: Vec::with_capacity(n),
            tokens: Vec::with_capacity(n),
            chains: [0; TITLE_SLOTS],
            next: Vec::with_capacity(n),
        }
    }

    fn slot(head: (u64, usize)) -> usize {
        let mixed = (head.0 ^ head.1 as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        (mixed >> 58) as usize & (TITLE_SLOTS - 1)
    }

    /// The index of `token` among the tokens.
    fn index(&self, token: &str) -> Option<usize> {
        let head = (token_head(token.as_bytes()), token.len());
        let mut plus_one = self.chains.get(Self::slot(head)).copied().unwrap_or(0);
        while let Some(i) = plus_one.checked_sub(1).map(|i| i as usize) {
            if self.heads.get(i) == Some(&head) && self.tokens.get(i) == Some(&token) {
                return Some(i);
            }
            plus_one = self.next.get(i).copied().unwrap_or(0);
        }
        None
    }

    /// Adds `token` unless it is one already.
    fn insert(&mut self, token: &'t str) {
        if self.index(token).is_some() {
            return;
        }
        let head = (token_head(token.as_bytes()), token.len());
        let Ok(plus_one) = u32::try_from(self.tokens.len() + 1) else {
            return;
        };
        let Some(chain) = self.chains.get_mut(Self::slot(head)) else {
            return;
        };
        self.next.push(*chain);
        *chain = plus_one;
        self.heads.push(head);
        self.tokens.push(token);
    }

    fn len(&self) -> usize {
        self.tokens.len()
    }
}

/// A [`TitleTokens`] head of a token's bytes: its first eight; for a
/// shorter token, its first and last four (overlapping) or its first,
/// middle and last byte, which with its length tell it from any other
/// (a few loads, where a copy of the bytes was a loop).
fn token_head(bytes: &[u8]) -> u64 {
    if let Some(eight) = bytes.first_chunk::<8>() {
        return u64::from_le_bytes(*eight);
    }
    if let (Some(first), Some(last)) = (bytes.first_chunk::<4>(), bytes.last_chunk::<4>()) {
        return u64::from(u32::from_le_bytes(*first)) | u64::from(u32::from_le_bytes(*last)) << 32;
    }
    let byte = |i: usize| u64::from(bytes.get(i).copied().unwrap_or(0));
    let n = bytes.len();
    byte(0) | byte(n / 2) << 8 | byte(n.saturating_sub(1)) << 16
}

/// The index of `token` among the page's distinct `title` tokens, as
/// [`TitleTokens::index`] was first written: the oracle of its test.
#[cfg(test)]
fn title_index(title: &[&str], token: &str) -> Option<usize> {
    let first = token.as_bytes().first();
    title
        .iter()
        .position(|t| t.len() == token.len() && t.as_bytes().first() == first && *t == token)
}

/// Every unit's [`Line`], plus the page facts the features and the
/// decision need. `boilerplate` holds each unit's known chrome phrase kind
/// ([`boilerplate_kind`]), which classification has already looked up.
fn page(
    chrome: &Chrome,
    units: &[Unit],
    boilerplate: impl Iterator<Item = Option<RemovalKind>>,
) -> Page {
    let n = units.len();
    let longest = units.iter().map(|u| u.as_str().len()).max().unwrap_or(0);
    let mut scratch = Scratch::for_units(longest);
    // The page's first line (its `<title>`), lower-cased if title-sized, as
    // distinct tokens, each with its index.
    let mut title_lower = String::new();
    if let Some(first) = units.first() {
        let trimmed = first.as_str().trim();
        let counts = scan(chrome, trimmed, &mut scratch);
        let words = counts.words;
        repeat_key(
            chrome,
            trimmed,
            words,
            counts.flags & NON_ASCII == 0,
            &mut title_lower,
            &mut scratch.classes,
        );
        if words > SHORT_WORDS {
            title_lower.clear();
        }
    }
    // A title has a few tokens, and only those of a title token's first
    // byte and length are looked up: a scan beats hashing them.
    // Room for a title-sized unit's tokens at once: grown from empty, the
    // three arrays were 4.7 of the 11.7 reallocations a page.
    let mut title = TitleTokens::with_capacity(SHORT_WORDS);
    for_each_token(&title_lower, |t| title.insert(t));
    let mut title_shapes: Shapes = [0u64; 256];
    for t in &title.tokens {
        if let Some(bits) = t
            .bytes()
            .next()
            .and_then(|b| title_shapes.get_mut(usize::from(b)))
        {
            *bits |= 1 << t.len().min(63);
        }
    }
    // The last unit (plus one) that met each title token.
    let mut met = vec![0usize; title.len()];
    // Repeats: an open-addressing table of `(hash tag, unit + 1)` of the
    // first unit with each repeat key (0 is empty), at most two thirds
    // full. Keys are compared by computing them again: only units whose
    // keys hash alike are, and those nearly always repeat.
    // Measured and lost: a table kept per thread, emptied by the slots a
    // page filled (a list of them), cost 1.1M Ir more over the bench subset
    // than this zeroed one.
    let slots = (n + n / 2 + 1).next_power_of_two();
    let mut firsts: Vec<(u32, u32)> = vec![(0, 0); slots];
    // Keys (title-sized units lower-cased) and folds are short: room for
    // most at once.
    let (mut lower, mut other, mut folded) = (
        String::with_capacity(256),
        String::new(),
        String::with_capacity(256),
    );
    let mut lines: Vec<Line> = Vec::with_capacity(n);
    let mut wide = Vec::new();
    for (k, (u, boilerplate)) in units.iter().zip(boilerplate).enumerate() {
        let text = u.as_str();
        let trimmed = trim(text);
        let counts = scan(chrome, trimmed, &mut scratch);
        let words = counts.words;
        let ascii = counts.flags & NON_ASCII == 0;
        let key = repeat_key(
            chrome,
            trimmed,
            words,
            ascii,
            &mut lower,
            &mut scratch.classes,
        );
        // Title-sized units only have their lower-cased text (the key).
        let lower_text = if words <= SHORT_WORDS { key } else { "" };
        let marker = (words <= 8
            || (words <= MARKER_WORDS_COUNTED
                && trimmed.starts_with(|c: char| c.is_ascii_digit())))
        .then(|| {
            may_be_marker(chrome, lower_text)
                .then(|| {
                    fold_into(text, &mut folded);
                    marker_kind(chrome, &folded, words)
                })
                .flatten()
        })
        .flatten();
        let (mut shared, mut distinct) = (0usize, 0usize);
        let mut title_token = |t: &str| {
            if let Some(slot) = title.index(t).and_then(|i| met.get_mut(i)) {
                shared += 1;
                if *slot != k + 1 {
                    *slot = k + 1;
                    distinct += 1;
                }
            }
        };
        // An ASCII key is the trimmed text lower-cased: the scan's bits
        // mark its letters and digits.
        let tokens = if ascii && !lower_text.is_empty() {
            count_tokens_in_bits(lower_text, &scratch.bits, &title_shapes, &mut title_token)
        } else {
            count_tokens(
                chrome,
                lower_text,
                &title_shapes,
                &mut scratch.classes,
                &mut title_token,
            )
        };
        // The first unit with the same key, if any; else this one is.
        let hash = repeat_hash(key);
        let tag = (hash >> 32) as u32;
        let mut at = hash as usize;
        let first = loop {
            at &= slots - 1;
            match firsts.get(at) {
                Some(&(t, plus_one)) if plus_one > 0 => {
                    let j = unpacked(plus_one) - 1;
                    let same = t == tag
                        && lines.get(j).zip(units.get(j)).is_some_and(|(l, u)| {
                            let earlier = u.as_str().trim();
                            let short = words <= SHORT_WORDS && l.words() <= SHORT_WORDS;
                            if short && earlier.is_ascii() {
                                // Its key is its ASCII lower case, and `key`
                                // (a lower case) holds no ASCII capital.
                                return earlier.eq_ignore_ascii_case(key);
                            }
                            repeat_key(
                                chrome,
                                earlier,
                                l.words(),
                                false,
                                &mut other,
                                &mut scratch.classes,
                            ) == key
                        });
                    if same {
                        break Some(j);
                    }
                    at += 1;
                }
                Some(_) => {
                    if let Some(slot) = firsts.get_mut(at) {
                        *slot = (tag, packed(k + 1));
                    }
                    break None;
                }
                None => break None,
            }
        };
        let sizes = Sizes {
            chars: if ascii && text.len() == trimmed.len() {
                text.len()
            } else {
                text.chars().count()
            },
            tokens: counts.tokens,
            stop: counts.stop,
            caps: counts.caps,
            all_caps: counts.all_caps,
            digits: counts.digits,
            symbols: counts.symbols,
            commas: counts.commas,
            title_tokens: tokens,
            title_shared: shared,
            title_distinct: distinct,
        };
        let narrow = sizes.narrow();
        if narrow.is_none() {
            wide.push((k, sizes));
        }
        let mut flags = 0;
        for (flag, on) in [
            // `trimmed` ends where `text.trim_end()` does.
            (LINE_ENDS_SENTENCE, ends_sentence(trimmed)),
            (LINE_AT, counts.flags & AT != 0),
            (LINE_COPYRIGHT_SIGN, counts.flags & COPYRIGHT_SIGN != 0),
            (LINE_LINK_SYMBOL, counts.flags & LINK_SYMBOL != 0),
            (LINE_FIRST, first.is_none()),
            (LINE_WIDE, narrow.is_none()),
        ] {
            if on {
                flags |= flag;
            }
        }
        let repeat = match first {
            Some(j) => {
                if let Some(first) = lines.get_mut(j) {
                    first.repeat = first.repeat.saturating_add(1);
                }
                packed(j)
            }
            None => 1,
        };
        lines.push(Line {
            words: packed(words),
            sizes: narrow.unwrap_or_default(),
            inner_sentences: counts.inner_sentences.min(20) as u8,
            separators: counts.separators.min(20) as u8,
            quotes: counts.quotes.min(10) as u8,
            mentioned: if words <= SHORT_WORDS {
                counts.mentions_lower
            } else {
                counts.mentions_cased
            },
            boilerplate,
            marker,
            section: None,
            since_marker: -1,
            short_run: 0,
            flags,
            repeat,
        });
    }
    drop(firsts);
    // Every unit gets the size of its key's group from the first unit.
    for k in 0..lines.len() {
        let Some(line) = lines.get(k) else {
            continue;
        };
        if !line.has(LINE_FIRST) {
            let size = lines.get(unpacked(line.repeat)).map_or(1, |f| f.repeat);
            if let Some(line) = lines.get_mut(k) {
                line.repeat = size;
            }
        }
    }

    let run = densest_run(lines.iter().map(prose_score));
    let headline = find_headline(&lines, &wide, run, title.len());

    let total_words: usize = lines.iter().map(Line::words).sum::<usize>().max(1);
    let run_words: usize = lines
        .get(run.0..=run.1)
        .map_or(0, |r| r.iter().map(Line::words).sum());

    // Runs of short lines (menus, link lists): the length of the run each
    // unit is in.
    let mut i = 0;
    while i < n {
        let short = |k: usize| lines.get(k).is_some_and(|l| l.words <= 5);
        if !short(i) {
            i += 1;
            continue;
        }
        let mut j = i;
        while short(j + 1) {
            j += 1;
        }
        let length = (j - i + 1).min(50) as u8;
        for line in lines.get_mut(i..=j).into_iter().flatten() {
            line.short_run = length;
        }
        i = j + 1;
    }

    let mut current: Option<(RemovalKind, usize)> = None;
    let mut named: Option<RemovalKind> = None;
    for (k, line) in lines.iter_mut().enumerate() {
        if k > run.0 {
            if let Some(kind) = line.marker {
                current = Some((kind, k));
            }
            // What follows a newsletter box or a footer heading is named
            // after it too (the distance feature counts markers only).
            named = match line.boilerplate {
                Some(
                    kind @ (RemovalKind::Newsletter
                    | RemovalKind::Footer
                    | RemovalKind::Related
                    | RemovalKind::Comments),
                ) => Some(kind),
                _ => line.marker.or(named),
            };
        }
        line.section = named;
        if let Some((_, at)) = current {
            line.since_marker = (k - at).min(50) as i8;
        }
    }
    Page {
        lines,
        wide,
        total_words,
        // Page-level context: share of the page's words in the densest run.
        run_share: run_words as f32 / total_words as f32,
        run,
        headline,
    }
}

/// Feature rows of every unit, for the training script (through
/// [`crate::chrome_line_features`]).
pub(crate) fn features(tables: &Tables, units: &[Unit]) -> Vec<Vec<f32>> {
    let boilerplate = units
        .iter()
        .map(|u| boilerplate_kind(tables, u.as_str(), true));
    let page = page(&CHROME, units, boilerplate);
    let mut rows = Rows::new(&CHROME, tables, &page, units, &[]);
    let mut out = Vec::with_capacity(units.len());
    let mut row = [0.0f32; FEATURES];
    while rows.next_row(&mut row).is_some() {
        out.push(row.to_vec());
    }
    out
}

/// Raw probabilities [`kept_units`] keeps (a power of two, at least the
/// five a smoothed one reads).
const RAW_RING: usize = 8;

/// For every unit, whether its smoothed article-text probability reaches
/// the model's threshold; `None` without a model.
fn kept_units(
    tables: &Tables,
    page: &Page,
    units: &[Unit],
    dated: &[Option<bool>],
) -> Option<Vec<bool>> {
    CHROME.model.as_ref()?;
    let mut block = BLOCK.take().unwrap_or_else(|| Box::new(Block::new()));
    let kept = kept_units_in(tables, page, units, dated, &mut block);
    BLOCK.set(Some(block));
    kept
}

thread_local! {
    /// The [`Block`] of the last page scored on this thread, kept for the
    /// next: zeroing a new one (16 KiB) a page cost 13M Ir over the bench
    /// subset. What earlier pages left in it is never read: every row
    /// scored is written first, and lanes past the rows filled are not
    /// used.
    static BLOCK: Cell<Option<Box<Block>>> = const { Cell::new(None) };
}

/// [`kept_units`], with the rows assembled in `block` (whatever it holds).
fn kept_units_in(
    tables: &Tables,
    page: &Page,
    units: &[Unit],
    dated: &[Option<bool>],
    block: &mut Block,
) -> Option<Vec<bool>> {
    let model = CHROME.model.as_ref()?;
    let n = page.lines.len();
    let mut rows = Rows::new(&CHROME, tables, page, units, dated);
    let starts = model.starts(page.run_share);
    // Rows assembled a block at a time, each block scored lanes together.
    let mut kept = Vec::with_capacity(n);
    // The raw probability of unit `j` at `j % RAW_RING`; a unit's is
    // smoothed once the two below it are known.
    let mut raw = [0.0f32; RAW_RING];
    // The weights' sum, for a unit with two units on each side.
    let whole: f32 = SMOOTH.iter().sum();
    let smoothed = |raw: &[f32; RAW_RING], k: usize| {
        if k >= 2 && k + 2 < n {
            // The same sums as below, in the same order, none skipped.
            let mut sum = 0.0f32;
            for (i, w) in SMOOTH.iter().enumerate() {
                sum += w * raw.get((k - 2 + i) % RAW_RING).copied().unwrap_or(0.0);
            }
            return sum / whole.max(f32::MIN_POSITIVE);
        }
        let (mut sum, mut weight) = (0.0f32, 0.0f32);
        for (w, off) in SMOOTH.iter().zip(-2isize..=2) {
            let p = k
                .checked_add_signed(off)
                .filter(|&j| j < n)
                .and_then(|j| raw.get(j % RAW_RING));
            if let Some(p) = p {
                sum += w * p;
                weight += w;
            }
        }
        sum / weight.max(f32::MIN_POSITIVE)
    };
    let mut seen = 0usize;
    loop {
        let filled = rows.next_block(block);
        if filled == 0 {
            break;
        }
        model.probabilities(block, filled, &starts, |p| {
            if let Some(slot) = raw.get_mut(seen % RAW_RING) {
                *slot = p;
            }
            if let Some(k) = seen.checked_sub(2) {
                kept.push(smoothed(&raw, k) >= model.threshold);
            }
            seen += 1;
        });
    }
    for k in seen.saturating_sub(2)..seen {
        kept.push(smoothed(&raw, k) >= model.threshold);
    }
    Some(kept)
}

/// The removal kind of a chrome unit, from its own text and where it sits.
fn kind_of(
    page: &Page,
    units: &[Unit],
    k: usize,
    first_body: usize,
    last_body: usize,
) -> RemovalKind {
    let Some(line) = page.lines.get(k) else {
        return RemovalKind::Boilerplate;
    };
    if let Some(kind) = line.boilerplate.or(line.marker) {
        return kind;
    }
    if line.mentions(COOKIE) {
        return RemovalKind::CookieNotice;
    }
    let text = units.get(k).map_or("", Unit::as_str);
    if text.trim_start().starts_with('©') || line.mentions(COPYRIGHT) {
        return RemovalKind::Copyright;
    }
    if k < first_body {
        return if line.words <= 8 {
            RemovalKind::Navigation
        } else {
            RemovalKind::Boilerplate
        };
    }
    if let Some(kind) = line.section {
        return kind;
    }
    if k > last_body {
        return RemovalKind::Footer;
    }
    RemovalKind::Boilerplate
}

/// Builds the model and lexicons now rather than on the first page.
pub(crate) fn warm_up() {
    let _ = &*CHROME;
}

/// Fewer units than this and the text is left to the phrase rules alone.
const MIN_UNITS: usize = 8;

/// True for a unit (`line`, with text `text`) that reads as a sentence of
/// running text (six words or more, ending as a sentence does, not with a
/// colon).
fn is_sentence(line: &Line, text: &str) -> bool {
    line.words >= 6 && ends_sentence(text) && !text.ends_with(':')
}

/// Marks the units of `labels` that are page chrome as removed, with their
/// kind, and finds the headline among them. Labels that are already removals
/// stay as they are; metadata (bylines, dates, figures) is kept where the
/// article is and removed elsewhere.
/// `dated` holds, for each unit classification asked about, whether it read
/// as a date line, so that the date feature does not parse it again.
pub(crate) fn strip(
    tables: &Tables,
    units: &[Unit],
    labels: &mut [Label],
    dated: &[Option<bool>],
) -> PageChrome {
    // A short text has no room for a page's chrome, and the model, trained
    // on whole pages, reads short paragraphs there as chrome.
    if units.len() < MIN_UNITS {
        return PageChrome::default();
    }
    // Classification looked every unit up in the phrase lists already.
    let boilerplate = labels.iter().map(|l| match l {
        Label::Remove(kind) => Some(*kind),
        _ => None,
    });
    let page = page(&CHROME, units, boilerplate);
    let Some(kept_units) = kept_units(tables, &page, units, dated) else {
        return PageChrome::default();
    };
    let is_body_label = |l: &Label| {
        matches!(
            l,
            Label::Text | Label::Paragraph | Label::Heading | Label::ListItem(_) | Label::Quote(_)
        )
    };
    let kept = |k: usize| kept_units.get(k).copied().unwrap_or(false);
    let is_body = |k: &usize| labels.get(*k).is_some_and(is_body_label) && kept(*k);
    let (Some(first_body), Some(last_body)) = (
        (0..units.len()).find(is_body),
        (0..units.len()).rfind(is_body),
    ) else {
        // Nothing reads as an article: leave the page as it is rather than
        // return nothing.
        return PageChrome::default();
    };
    let text_at = |k: usize| units.get(k).map_or("", Unit::as_str);
    // The story may go on past a one-line link or ad slot the model read as
    // its end (`Read more: <headline>`): take in full sentences after it,
    // up to the first section marker or anything that is not a sentence.
    let mut last_body = last_body;
    for k in last_body + 1..units.len() {
        let marker = page.lines.get(k).is_some_and(|l| l.marker.is_some());
        match labels.get(k) {
            Some(Label::Remove(_)) if !marker => {}
            Some(Label::Text)
                if !marker
                    && page
                        .lines
                        .get(k)
                        .is_some_and(|l| l.words >= 12 && is_sentence(l, text_at(k))) =>
            {
                last_body = k;
            }
            _ => break,
        }
    }
    let headline = page
        .headline
        .filter(|&h| h < first_body || h <= page.run.1)
        .or_else(|| loose_headline(&page, units, labels, first_body));
    // Without a headline below it, the first line left may be the title,
    // or a category label with the title under it.
    let free: Vec<usize> = (0..labels.len())
        .filter(|&k| !matches!(labels.get(k), Some(Label::Remove(_))))
        .take(2)
        .collect();
    let first_free = free.first().copied();
    let category_above_title = match (headline, free.as_slice()) {
        (None, &[category, title]) => {
            let is_text = |k: usize| matches!(labels.get(k), Some(Label::Text));
            is_text(category)
                && is_text(title)
                && crate::pipeline::classify::is_category_shaped(text_at(category))
                && crate::pipeline::classify::is_title_shaped(text_at(title))
                && crate::pipeline::classify::word_count(text_at(title))
                    > crate::pipeline::classify::word_count(text_at(category))
        }
        _ => false,
    };
    let title_below_category = if category_above_title {
        free.get(1).copied()
    } else {
        None
    };
    let top = headline
        .or(title_below_category)
        .or(first_free)
        .unwrap_or(0);
    let head_end = (first_body + 2).max(page.run.0 + 2);
    let is_byline = |l: &Label| matches!(l, Label::Byline(..) | Label::Date(_, Some(_)));
    // A story whose head holds no byline may name its author further down,
    // inside the article (`By …` under a lead image or summary box): the
    // first such line there is kept as metadata.
    let late_byline = if (0..=head_end).any(|k| labels.get(k).is_some_and(is_byline)) {
        None
    } else {
        (head_end..=last_body).find(|&k| labels.get(k).is_some_and(is_byline))
    };
    for k in 0..units.len() {
        let Some(label) = labels.get(k) else {
            continue;
        };
        let keep = match label {
            Label::Remove(_) => continue,
            _ if Some(k) == headline
                || Some(k) == late_byline
                || Some(k) == title_below_category =>
            {
                true
            }
            _ if Some(k) == first_free && headline.is_none() => {
                page.lines.get(k).is_some_and(|l| l.words <= 30)
            }
            // Metadata belongs to the story's head: from just above the
            // headline to the start of the body (or of the densest prose).
            Label::Byline(..) | Label::Date(..) | Label::Category(_) => {
                k + 6 >= top.min(first_body) && k <= head_end
            }
            Label::Contributors(_) => k + 3 >= first_body && k <= last_body + 3,
            Label::Figure(_) | Label::Caption(_) => k + 2 >= first_body && k <= last_body + 1,
            Label::Text
                if k > top
                    && k <= top + 3
                    && k < first_body
                    && page.lines.get(k).is_some_and(|l| l.words <= 8) =>
            {
                // A byline without `By` right below the headline.
                kept(k) || byline::parse(units.get(k).map_or("", Unit::as_str)).is_some()
            }
            // Inside the story, a sentence of running text is the story's.
            Label::Text
                if k > first_body
                    && k <= last_body
                    && page
                        .lines
                        .get(k)
                        .is_some_and(|l| is_sentence(l, text_at(k))) =>
            {
                true
            }
            _ => kept(k),
        };
        if keep {
            continue;
        }
        let kind = if k == 0 && headline.is_some() {
            RemovalKind::Duplicate
        } else {
            kind_of(&page, units, k, first_body, last_body)
        };
        if let Some(slot) = labels.get_mut(k) {
            *slot = Label::Remove(kind);
        }
    }
    PageChrome { headline }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeat_logs_are_the_logs() {
        let mut x = 0x853c_49e6_748f_ea9bu64;
        let mut repeats: Vec<u32> = (0..5000).collect();
        for _ in 0..5000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            repeats.push(x as u32);
        }
        repeats.push(u32::MAX);
        for r in repeats {
            assert_eq!(repeat_ln(r).to_bits(), (r as f32).ln().to_bits(), "{r}");
        }
    }

    #[test]
    fn repeat_keys_hash_as_the_copying_version_hashed_them() {
        let pieces = ["a", "é", "日本", " ", "x1", "\0", "abcdefgh"];
        for key in crate::pipeline::random_texts(&pieces, 51, 0..60, 20) {
            assert_eq!(repeat_hash(&key), repeat_hash_by_copies(&key), "{key:?}");
        }
    }
    use std::collections::HashMap;

    #[test]
    fn the_model_and_lexicons_load() {
        let chrome = &*CHROME;
        let model = chrome
            .model
            .as_ref()
            .expect("data/chrome/model.json parses");
        assert!(model.trees.iter().any(|tree| !tree.nodes.is_empty()));
        assert!((0.0..1.0).contains(&model.threshold));
        assert!(chrome.stopwords.contains("the") && chrome.stopwords.contains("und"));
        assert!(!chrome.markers.is_empty());
    }

    /// `scan` as the features were first written: one pass per count.
    fn reference_counts(chrome: &Chrome, text: &str) -> Counts {
        let mut counts = Counts::default();
        for word in text.split_whitespace() {
            counts.words += 1;
            let core = word.trim_matches(|c: char| !c.is_alphanumeric());
            let w = word.trim_start_matches(|c: char| !c.is_alphanumeric());
            if core.is_empty() {
                continue;
            }
            counts.tokens += 1;
            if core.len() <= chrome.longest_stopword {
                let lower: String = core.chars().flat_map(char::to_lowercase).collect();
                counts.stop += usize::from(chrome.stopwords.contains(lower.as_str()));
            }
            counts.caps += usize::from(w.chars().next().is_some_and(char::is_uppercase));
            let letters = w.chars().filter(|c| c.is_alphabetic()).count();
            counts.all_caps += usize::from(letters > 1 && w.chars().all(|c| !c.is_lowercase()));
        }
        let (mut prev, mut prev2) = (' ', ' ');
        for c in text.chars() {
            if c.is_ascii_digit() {
                counts.digits += 1;
            } else if !c.is_alphanumeric() && !c.is_whitespace() {
                counts.symbols += 1;
            }
            match c {
                ',' => counts.commas += 1,
                '|' | '•' | '·' | '»' | '›' | '/' | '>' => counts.separators += 1,
                '"' | '“' | '”' | '«' => counts.quotes += 1,
                _ => {}
            }
            if c.is_uppercase() && prev == ' ' && matches!(prev2, '.' | '!' | '?') {
                counts.inner_sentences += 1;
            }
            prev2 = prev;
            prev = c;
            counts.flags |= class(c) & FLAG_CLASSES;
        }
        let lower = text.to_lowercase();
        for (k, (needle, capital)) in MENTION_NEEDLES.iter().zip(CAPITAL_NEEDLES).enumerate() {
            if lower.contains(needle) {
                counts.mentions_lower |= 1 << k;
            }
            if text.contains(needle) || text.contains(capital) {
                counts.mentions_cased |= 1 << k;
            }
        }
        counts
    }

    /// [`scan`] with every word through [`bits_word`], as it was before the
    /// words within one entry were read at once. The words are found from
    /// the bytes (runs between ASCII white space, the bytes [`B_WS`]
    /// marks), not from the bits as `scan` finds them, so that the test
    /// also checks `scan`'s word edges.
    fn scan_by_bits_word(chrome: &Chrome, text: &str, scratch: &mut Scratch) -> Counts {
        let mut counts = Counts::default();
        classify_text(text.as_bytes(), scratch, &mut counts);
        let bits = std::mem::take(&mut scratch.bits);
        let is_space = |b: &u8| matches!(b, b' ' | b'\t'..=b'\r');
        let mut start = None;
        for (at, byte) in text.bytes().chain([b' ']).enumerate() {
            match (start, is_space(&byte)) {
                (None, false) => start = Some(at),
                (Some(from), true) => {
                    bits_word(chrome, text, &bits, from, at, &mut counts, scratch);
                    start = None;
                }
                _ => {}
            }
        }
        scratch.bits = bits;
        counts
    }

    #[test]
    fn words_within_an_entry_count_as_bits_word_counts_them() {
        let chrome = &*CHROME;
        let pieces = [
            " ",
            " ",
            " ",
            "  ",
            "\t",
            "the",
            "The",
            "THE",
            "and",
            "a",
            "I",
            "x",
            "12",
            "U.S.",
            "co-op",
            "(the)",
            "“the”",
            "don’t",
            "—",
            "é",
            "Über",
            "www.",
            "http",
            "Cookie",
            ".com",
            "abcdefghij",
            "because",
            "BECAUSE",
            "zzzzzzzzzzzzzzzzzzzz",
            ",",
            ".",
            "! ",
            "? A",
            "@",
            "#",
            "|",
            "日本",
        ];
        let mut scratch = Scratch::new();
        let mut again = Scratch::new();
        for text in crate::pipeline::random_texts(&pieces, 77, 0..90, 40) {
            let text = text.trim();
            let got = scan(chrome, text, &mut scratch);
            assert_eq!(got, scan_by_bits_word(chrome, text, &mut again), "{text:?}");
            assert_eq!(got, reference_counts(chrome, text), "{text:?}");
        }
    }

    #[test]
    fn one_pass_counts_as_the_separate_passes_did() {
        let chrome = &*CHROME;
        let long_word = "ab,1|“".repeat(400);
        let many_words = "a, b; 1 | “C” D. E ".repeat(300);
        let texts = [
            "",
            "The cat sat. On the mat! Then? It left.  Twice. x",
            "BREAKING NEWS: The U.S. and the E.U. agree",
            "Visit www.example.com or http://x.org/a?b=c#d, +1 (555) 010-0199 @someone",
            "Copyright © 2024 Example Ltd. All rights reserved. COOKIES: we use Cookies",
            "WWW.EXAMPLE.COM HTTP://EXAMPLE.ORG Http Www. CoPyRiGhT cOOKIE",
            "«Guillemets» “quotes” ‘single’ — dashes – and • bullets · and › » arrows / >",
            "Straße ÉCOLE école İstanbul İİ \u{212A}ookie coo\u{212A}ie ΣΊΣΥΦΟΣ σοφός ΑΘΗΝΑ",
            "Für die Stadt und DAS Land; ÜBER alles. Über den Fluss because BECAUSE (because)",
            "\u{a0}nbsp\u{a0}separated\u{2003}em\u{3000}ideographic. Next\u{2028}line",
            "...   --  !!! 123 4,5 ## == ++ ?? ¿Qué? ¡Sí! 1st 2nd",
            "ǅemal ǈubljana ǋ Ⅻ ⅻ ⓐⓑ ªº ˢ x²",
            "日本語のテキスト。中文文本，还有标点！ 한국어 텍스트",
            "a\u{301}b c\u{308} e\u{307}",
            "x\u{1}ctrl\u{1c}\u{1f}\u{7f} a\u{0}b \u{b}vt\u{c}ff\tTab.\rCR. Up \u{85}Nel",
            "http://a.co/ww?x=1 coop cOp Www Htt .Co .c o",
            "Don’t “THE” ‘it’s’ — AND–or… ’t’ don’t’s «you» ©2024 ’S “A”",
            &long_word,
            &many_words,
        ];
        let mut scratch = Scratch::new();
        for text in texts {
            let text = text.trim();
            let got = scan(chrome, text, &mut scratch);
            assert_eq!(got, reference_counts(chrome, text), "{text:?}");
        }
        // Words long enough to be counted again, next to short ones and
        // across many flushes of the running totals.
        let mut text = String::new();
        for n in [1, 2, 62, 63, 64, 65, 127, 128, 1000, 1023, 1024, 1025, 3000] {
            text.push_str(&"aB1,|\"".repeat(n).chars().take(n).collect::<String>());
            text.push_str(" x ");
            text.push_str(&"ab".repeat(n));
            text.push_str(" Ab. Cd ");
        }
        assert_eq!(
            scan(chrome, &text, &mut scratch),
            reference_counts(chrome, &text)
        );
    }

    proptest::proptest! {
        #[test]
        fn one_pass_counts_as_the_separate_passes_do_on_any_text(
            text in "([ a-zA-Z0-9.,!?:;@#+=/|>()'\"“”‘’—–…«»›•·©\u{a0}\u{2003}\u{3000}\u{212a}İıΣσςßÉéÜüẞǅⅫⓐª²日-]|cookie|Copyright|www\\.|\\.com|http|\\. |\\.  |! |Because|the|FÜR){0,40}"
        ) {
            let chrome = &*CHROME;
            let text = text.trim();
            let mut scratch = Scratch::new();
            proptest::prop_assert_eq!(scan(chrome, text, &mut scratch), reference_counts(chrome, text));
        }

        #[test]
        fn marker_words_start_texts_as_starts_with_does(
            word in "[a-zé]{1,12}",
            text in "[a-zé ]{0,14}",
        ) {
            let word: &'static str = Box::leak(word.into_boxed_str());
            let w = MarkerWord::new(word);
            for text in [text.clone(), format!("{word}{text}")] {
                let head = first_eight(text.as_bytes());
                proptest::prop_assert_eq!(w.starts(&text, head), text.starts_with(word));
            }
        }

        #[test]
        fn sentence_ends_are_segment_s(text in "[ a.!?:\"')”’»…]{0,6}") {
            proptest::prop_assert_eq!(
                ends_sentence(&text),
                crate::pipeline::segment::ends_sentence(&text)
            );
        }

        #[test]
        fn trim_is_str_trim(text in "[ a\t\n\u{b}\u{c}\r\u{a0}\u{2003}\u{85}~!é]{0,8}") {
            proptest::prop_assert_eq!(trim(&text), text.trim());
        }

        #[test]
        fn tokens_are_counted_as_the_runs_are(
            text in "([ -~]|bees|early|12|x|é|école|日本|ẞ|’|—|\u{a0}|Ⅻ|²|ᄀ|𝐀|😀){0,150}"
        ) {
            let mut shapes: Shapes = [0; 256];
            for t in ["bees", "early", "12", "x", "é", "école", "日本", "𝐀"] {
                shapes[usize::from(t.as_bytes()[0])] |= 1 << t.len();
            }
            let all: Vec<&str> = tokens(&text).collect();
            let mut got = Vec::new();
            let mut classes = ClassCache::new();
            let n = count_tokens(&CHROME, &text, &shapes, &mut classes, |t| got.push(t));
            proptest::prop_assert_eq!(n, all.len());
            if text.is_ascii() {
                let mut scratch = Scratch::new();
                let mut counts = Counts::default();
                classify_text(text.as_bytes(), &mut scratch, &mut counts);
                let mut again = Vec::new();
                let m = count_tokens_in_bits(&text, &scratch.bits, &shapes, |t| again.push(t));
                proptest::prop_assert_eq!(m, n);
                proptest::prop_assert_eq!(&again, &got);
            }
            let shaped: Vec<&str> = all
                .into_iter()
                .filter(|t| has_shape(&shapes, t.as_bytes()[0], t.len()))
                .collect();
            proptest::prop_assert_eq!(got, shaped);
        }
    }

    proptest::proptest! {
        #[test]
        fn ascii_tokens_from_the_scan_bits_are_the_runs(
            text in "([ -~]|bees|early|12|x){0,200}"
        ) {
            let mut shapes: Shapes = [0; 256];
            for t in ["bees", "early", "12", "x"] {
                shapes[usize::from(t.as_bytes()[0])] |= 1 << t.len();
            }
            let all: Vec<&str> = tokens(&text).collect();
            let mut scratch = Scratch::new();
            let mut counts = Counts::default();
            classify_text(text.as_bytes(), &mut scratch, &mut counts);
            let mut got = Vec::new();
            let n = count_tokens_in_bits(&text, &scratch.bits, &shapes, |t| got.push(t));
            proptest::prop_assert_eq!(n, all.len());
            let shaped: Vec<&str> = all
                .into_iter()
                .filter(|t| has_shape(&shapes, t.as_bytes()[0], t.len()))
                .collect();
            proptest::prop_assert_eq!(got, shaped);
        }
    }

    #[test]
    fn uniform_ranges_have_one_class_and_class_of_reads_it() {
        let chrome = &*CHROME;
        let mut cache = ClassCache::new();
        for (range, want) in &chrome.uniform {
            assert_ne!(*want, 0);
            for u in range.clone() {
                let c = char::from_u32(u).expect("a scalar value");
                assert_eq!(class(c), *want, "{u:#x}");
                assert_eq!(chrome.class_of(c, &mut cache), *want, "{u:#x}");
            }
        }
        // Just outside them, the cache answers as `class` does.
        for u in [0xabff, 0xd7a4, 0x4dff, 0xa000, 0x3042, 0x1f600] {
            let c = char::from_u32(u).expect("a scalar value");
            assert_eq!(chrome.class_of(c, &mut cache), class(c), "{u:#x}");
        }
    }

    #[test]
    fn token_steps_find_the_tokens_the_edge_steps_found() {
        // Blocks of random runs: long and short, across block ends, whole
        // blocks set or clear.
        let mut seed = 0x5eed_u64;
        let mut next = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            seed >> 11
        };
        for _ in 0..4000 {
            let blocks: Vec<u64> = (0..1 + next() % 5)
                .map(|_| match next() % 6 {
                    0 => u64::MAX,
                    1 => 0,
                    2 => next() | next() << 32,
                    _ => {
                        // Runs of 1 to 12 bits.
                        let (mut bits, mut at, mut on) = (0u64, 0u32, next() % 2 == 0);
                        while at < 64 {
                            let len = (1 + next() % 12) as u32;
                            if on {
                                bits |= (u64::MAX >> (64 - len.min(64 - at))) << at;
                            }
                            at += len;
                            on = !on;
                        }
                        bits
                    }
                })
                .collect();
            let (mut new, mut old) = (TokenEdges::default(), TokenEdges::default());
            let (mut got, mut want) = (Vec::new(), Vec::new());
            for (b, &alnum) in blocks.iter().chain([&0]).enumerate() {
                new.block(alnum, 64 * b, &mut |s, e| got.push((s, e)));
                old.block_by_edges(alnum, 64 * b, &mut |s, e| want.push((s, e)));
            }
            assert_eq!(got, want, "{blocks:x?}");
            assert_eq!(new.count, old.count, "{blocks:x?}");
        }
    }

    #[test]
    fn ascii_alnum_bits_mark_letters_and_digits() {
        for b in 0u8..0x80 {
            for at in 0..8 {
                let mut word = [b' '; 8];
                word[at] = b;
                let want = if b.is_ascii_alphanumeric() {
                    1 << at
                } else {
                    0
                };
                let got = ascii_alnum_bits(u64::from_le_bytes(word));
                assert_eq!(got, want, "{b:#x} at {at}");
            }
        }
    }

    #[test]
    fn stop_table_holds_what_it_contains() {
        let table = &CHROME.stop_table;
        assert!(table.probes <= HOLD_PROBES, "holds falls back to contains");
        let words = lexicon::CHROME_STOPWORDS.words();
        let others = ["thee", "andy", "x", "zz", "becaus", "because!", "de la"];
        for word in words.chain(others) {
            if let Some(key) = pack(word.as_bytes()) {
                assert_eq!(table.holds(key), table.contains(key), "{word}");
                assert_eq!(table.near(key), table.contains(key), "{word}");
            }
        }
        for key in (1..200_000u64).map(|k| k.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 8) {
            assert_eq!(table.holds(key), table.contains(key), "{key:#x}");
            assert_eq!(table.near(key), table.contains(key), "{key:#x}");
        }
    }

    #[test]
    fn lookup_tables_agree_with_what_they_stand_for() {
        let chrome = &*CHROME;
        for b in 0u8..128 {
            let c = char::from(b);
            assert_eq!(chrome.ascii.get(usize::from(b)), Some(&class(c)));
            let extra = match c {
                '@' => AT_BIT,
                '#' | '+' | '=' => LINK_BIT,
                _ => 0,
            };
            assert_eq!(
                chrome.letters8.get(usize::from(b)),
                Some(&(needle_letters(c) | extra))
            );
        }
        for b in 128..256 {
            assert_eq!(chrome.letters8.get(b), Some(&0));
        }
        for needle in MENTION_NEEDLES {
            // Whatever its case, a needle's third byte is special.
            for text in [needle.to_string(), needle.to_ascii_uppercase()] {
                let mut scratch = Scratch::new();
                let mut counts = Counts::default();
                classify_text(text.as_bytes(), &mut scratch, &mut counts);
                let special = scratch.bits.first().map_or(0, |b| b.special);
                assert_eq!(special & 0b111, 0b100, "{text}");
            }
        }
        for (needle, capital) in MENTION_NEEDLES.iter().zip(CAPITAL_NEEDLES) {
            let mut expected = needle.to_string();
            expected[..1].make_ascii_uppercase();
            assert_eq!(capital, expected);
        }
        for word in lexicon::CHROME_STOPWORDS.words() {
            let mut scratch = String::new();
            assert!(
                is_stopword(chrome, word, 0, word.len(), &mut scratch),
                "{word}"
            );
            let upper = word.to_uppercase();
            if upper.len() <= chrome.longest_stopword {
                assert!(
                    is_stopword(chrome, &upper, 0, upper.len(), &mut scratch),
                    "{upper}"
                );
            }
        }
        // The shape filter lets every ASCII stop word through, in any case.
        for word in lexicon::CHROME_STOPWORDS.words().filter(|w| w.is_ascii()) {
            for w in [word.to_string(), word.to_uppercase(), {
                let mut t = word.to_string();
                t[..1].make_ascii_uppercase();
                t
            }] {
                let key = pack(w.as_bytes()).unwrap();
                assert!(may_be_stopword(chrome, key, w.len()), "{w}");
            }
        }
        assert!(!may_be_stopword(chrome, pack(b"xyzzy").unwrap(), 5));
        let mut scratch = String::new();
        for word in ["cat", "thee", "a1", "becaus", "becausee", "İ", "ß", "Σ"] {
            assert!(
                !is_stopword(chrome, word, 0, word.len(), &mut scratch),
                "{word}"
            );
        }
        // Twice over, with code points that share a cache slot in turn.
        let mut cache = ClassCache::new();
        for _ in 0..2 {
            for u in (0..0x2200).chain(0x3000..0x3300).chain(0xac00..0xad00) {
                if let Some(c) = char::from_u32(u) {
                    assert_eq!(chrome.class_of(c, &mut cache), class(c), "{c:?}");
                }
            }
        }
        let any = chrome.needle_any;
        assert!(chrome.needle_masks.iter().all(|&m| m & any != 0));
        for n in [0, 1, 2, 7, 40, 999, LN_1P - 1, LN_1P, 1 << 20] {
            assert_eq!(
                chrome.ln_1p(n).to_bits(),
                (n as f32).ln_1p().to_bits(),
                "{n}"
            );
        }
        for text in [
            "MiXeD Case",
            "ΣΊΣΥΦΟΣ ΟΔΟΣ",
            "İstanbul \u{212A}",
            "Straße ǅ “Quoted” ÉCOLE",
            "",
        ] {
            let mut out = String::from("prefix ");
            push_lowercase(&mut out, text);
            assert_eq!(out, format!("prefix {}", text.to_lowercase()));
            let mut out = String::new();
            push_lowercase_with(&mut out, text, |c| {
                chrome.class_of(c, &mut cache) & OWN_LOWER != 0
            });
            assert_eq!(out, text.to_lowercase());
        }
    }

    #[test]
    fn the_marker_prefilter_lets_every_marker_through() {
        let chrome = &*CHROME;
        assert!(chrome.marker_words.is_some());
        let mut found = 0;
        for (phrase, _) in &chrome.markers {
            for line in [
                phrase.to_string(),
                phrase.to_uppercase(),
                format!("12 {phrase}:"),
                format!("» {} (3)", phrase.to_uppercase()),
                format!("#  {phrase}  →"),
            ] {
                let n = crate::pipeline::classify::word_count(&line);
                if marker_kind(chrome, &fold(&line), n).is_some() {
                    found += 1;
                    assert!(may_be_marker(chrome, &line.trim().to_lowercase()), "{line}");
                }
            }
        }
        assert!(found >= chrome.markers.len());
        let n = |t: &str| crate::pipeline::classify::word_count(t);
        for line in ["Share this story", "More", "Read the full report", "Home"] {
            let prefiltered = may_be_marker(chrome, &line.to_lowercase());
            assert!(prefiltered || marker_kind(chrome, &fold(line), n(line)).is_none());
        }
        // Lines that cannot start with a marker's first word are not folded.
        for line in ["Home", "12 Photos", "The more you know", "— Sports —"] {
            assert!(!may_be_marker(chrome, &line.to_lowercase()), "{line}");
        }
    }

    #[test]
    fn a_malformed_model_is_refused() {
        let file = |left: i32| ModelFile {
            features: FEATURES,
            threshold: 0.5,
            trees: vec![TreeFile {
                split: vec![0],
                threshold: vec![1.0],
                left: vec![left],
                right: vec![!1],
                leaf: vec![-2.0, 3.0],
            }],
        };
        let model = Model::from_file(file(!0)).expect("well-formed");
        let mut row = [0.0f32; FEATURES];
        assert!(model.probability(&row) < 0.2);
        row[0] = 2.0;
        assert!(model.probability(&row) > 0.9);
        // A child pointing outside the tree, or a wrong feature count.
        assert!(Model::from_file(file(5)).is_none());
        assert!(Model::from_file(file(!7)).is_none());
        let mut wrong = file(!0);
        wrong.features = FEATURES + 1;
        assert!(Model::from_file(wrong).is_none());
        // Complete trees: 32 leaves fit a mask, 64 do not.
        let complete = |depth: u32| {
            let inner = (1i32 << depth) - 1;
            let child = |c: i32| if c < inner { c } else { !(c - inner) };
            ModelFile {
                features: FEATURES,
                threshold: 0.5,
                trees: vec![TreeFile {
                    split: (0..inner).map(|k| k as usize % FEATURES).collect(),
                    threshold: vec![0.5; inner as usize],
                    left: (0..inner).map(|k| child(2 * k + 1)).collect(),
                    right: (0..inner).map(|k| child(2 * k + 2)).collect(),
                    leaf: (0..=inner).map(|v| v as f32).collect(),
                }],
            }
        };
        let model = Model::from_file(complete(5)).expect("32 leaves");
        // Every split on a feature above its threshold: the rightmost leaf.
        assert_eq!(
            model.probability(&[1.0; FEATURES]),
            1.0 / (1.0 + (-31.0f32).exp())
        );
        assert!(Model::from_file(complete(6)).is_none());
    }

    fn units_of(text: &str) -> Vec<Unit> {
        let repairer = crate::pipeline::repair::Repairer::new(&crate::Options::default());
        crate::pipeline::segment::segment(text, 0, &repairer, &mut crate::Repairs::new())
    }

    /// A page longer than the rings, with repeats (in and out of case),
    /// section markers, runs of short lines and running text.
    fn long_page() -> Vec<Unit> {
        let mut text = String::from("Bees Wake Early | The Garden Ledger\n\n");
        for i in 0..90 {
            let line = match i % 9 {
                0 => "Home".to_string(),
                1 => "HOME".to_string(),
                2 => "Bees wake early as the spring comes in, the keeper said on Tuesday.".into(),
                3 => "Share this story".into(),
                4 => format!("{} Comments", i % 4),
                5 if i % 2 == 0 => "ÉCOLE straße".into(),
                5 => format!("école Straße {}", i % 4),
                6 => "bees wake early".into(),
                7 => "Why THE bees wake early: a long look at hives, honey and the keepers who \
                      tend them through a cold wet spring, and at what the swarms tell us \
                      about the weather, the flowers and the farms nearby, said the report"
                    .into(),
                _ => "Why the bees wake early: a long look at hives, honey and the keepers who \
                      tend them through a cold wet spring, and at what the swarms tell us \
                      about the weather, the flowers and the farms nearby, said the report"
                    .into(),
            };
            text.push_str(&line);
            text.push_str("\n\n");
        }
        units_of(&text)
    }

    #[test]
    fn rows_read_neighbours_and_windows_as_whole_page_arrays_would() {
        let (chrome, tables) = (&*CHROME, &*crate::pipeline::tables::TABLES);
        let units = long_page();
        let boilerplate = units
            .iter()
            .map(|u| boilerplate_kind(tables, u.as_str(), true));
        let page = page(chrome, &units, boilerplate);
        let mut rows = Rows::new(chrome, tables, &page, &units, &[]);
        let mut all = Vec::new();
        let mut row = [0.0f32; FEATURES];
        while let Some(k) = rows.next_row(&mut row) {
            assert_eq!(k, all.len());
            all.push(row);
        }
        let n = all.len();
        assert_eq!(n, units.len());
        assert!(n > 2 * PREFIX_RING);
        assert!(page.lines.iter().any(|l| l.since_marker > 0));
        let (mut prose, mut words) = (vec![0.0f32], vec![0.0f32]);
        for line in &page.lines {
            let p = line.words >= 10 && line.ends_sentence() && line.boilerplate.is_none();
            prose.push(prose[prose.len() - 1] + f32::from(p));
            words.push(words[words.len() - 1] + ((line.words as usize) as f32).ln_1p());
        }
        for (k, row) in all.iter().enumerate() {
            for (o, off) in OFFSETS.iter().enumerate() {
                for (t, &f) in TAKE.iter().enumerate() {
                    let expected = k
                        .checked_add_signed(*off)
                        .filter(|&j| j < n)
                        .map_or(-1.0, |j| all[j][f]);
                    assert_eq!(row[OWN + o * NEIGHBOUR + t].to_bits(), expected.to_bits());
                }
            }
            let at = OWN + OFFSETS.len() * NEIGHBOUR;
            for (i, r) in [3, WIDEST].into_iter().enumerate() {
                let (lo, hi) = (k.saturating_sub(r), (k + r + 1).min(n));
                let len = (hi - lo) as f32;
                assert_eq!(row[at + 2 * i], (prose[hi] - prose[lo]) / len, "{k}");
                assert_eq!(row[at + 2 * i + 1], (words[hi] - words[lo]) / len, "{k}");
            }
            assert_eq!(row[FEATURES - 1], f32::from(page.lines[k].since_marker));
        }
    }

    /// Whether blocks filled by [`Rows::next_block`] hold, in their filled
    /// lanes, the rows [`Rows::next_lane`] writes one feature at a time.
    fn blocks_match_lanes(units: &[Unit]) -> usize {
        let (chrome, tables) = (&*CHROME, &*crate::pipeline::tables::TABLES);
        let boilerplate = units
            .iter()
            .map(|u| boilerplate_kind(tables, u.as_str(), true));
        let page = page(chrome, units, boilerplate);
        let mut by_block = Rows::new(chrome, tables, &page, units, &[]);
        let mut by_lane = Rows::new(chrome, tables, &page, units, &[]);
        // Stale lanes differ between the two: each starts from garbage.
        let (mut block, mut lanes) = (Block::new(), Block::new());
        for (f, col) in block.cols.iter_mut().enumerate() {
            col.fill(f as f32 + 0.5);
        }
        let mut seen = 0;
        loop {
            let filled = by_block.next_block(&mut block);
            let mut expected = 0;
            while expected < LANES && by_lane.next_lane(&mut lanes, expected).is_some() {
                expected += 1;
            }
            assert_eq!(filled, expected);
            if filled == 0 {
                break;
            }
            for f in 0..FEATURES {
                for lane in 0..filled {
                    assert_eq!(
                        block.cols[f][lane].to_bits(),
                        lanes.cols[f][lane].to_bits(),
                        "unit {} feature {f}",
                        seen + lane
                    );
                }
            }
            seen += filled;
        }
        assert_eq!(seen, units.len());
        seen
    }

    #[test]
    fn blocks_hold_the_rows_written_a_feature_at_a_time() {
        let long = long_page();
        for n in [1, 2, 3, 31, 32, 33, 34, 63, 64, 65, 66, long.len()] {
            blocks_match_lanes(&long[..n.min(long.len())]);
        }
        let pieces = [
            "Home",
            "News",
            " ",
            "The ",
            "cat sat. ",
            "A",
            "\n\n",
            "\n\n",
            "\n\n",
            "\n\n",
            "© 2024",
            "| ",
            "x",
        ];
        let mut long_pages = 0;
        for text in crate::pipeline::random_texts(&pieces, 13, 100..400, 1) {
            let units = units_of(&text);
            if blocks_match_lanes(&units) > 2 * LANES {
                long_pages += 1;
            }
        }
        assert!(long_pages > 10, "{long_pages}");
    }

    #[test]
    fn repeats_count_the_units_with_the_same_key() {
        let units = long_page();
        let page = page(&CHROME, &units, units.iter().map(|_| None));
        let key = |u: &Unit| {
            let t = u.as_str().trim();
            if crate::pipeline::classify::word_count(t) <= SHORT_WORDS {
                t.to_lowercase()
            } else {
                t.to_string()
            }
        };
        let mut counts: HashMap<String, u32> = HashMap::new();
        for u in &units {
            *counts.entry(key(u)).or_default() += 1;
        }
        assert!(counts.values().any(|&c| c > 10));
        for (line, u) in page.lines.iter().zip(&units) {
            assert_eq!(line.repeat, counts[&key(u)], "{:?}", u.as_str());
        }
    }

    #[test]
    fn sizes_too_large_for_a_line_are_kept_whole() {
        let long = "ab, ".repeat(20_000);
        let tokens = "ab,".repeat(30_000);
        let text = format!("ab ab ab title\n\nShort line\n\n{long}\n\nMore\n\n{tokens}\n\nEnd");
        let units = units_of(&text);
        let page = page(&CHROME, &units, units.iter().map(|_| None));
        let mut scratch = Scratch::new();
        let mut wide = 0;
        for (k, u) in units.iter().enumerate() {
            let trimmed = u.as_str().trim();
            let counts = scan(&CHROME, trimmed, &mut scratch);
            let sizes = page.sizes(k);
            assert_eq!(sizes.chars, u.as_str().chars().count());
            assert_eq!(
                (sizes.tokens, sizes.commas, sizes.symbols),
                (counts.tokens, counts.commas, counts.symbols)
            );
            let is_wide = page.lines[k].has(LINE_WIDE);
            assert_eq!(is_wide, trimmed.len() > usize::from(u16::MAX), "{k}");
            wide += usize::from(is_wide);
        }
        assert_eq!(wide, 2);
        // `ab,ab,…`: one title-sized word, 30 000 tokens, each the title token `ab`.
        let k = units
            .iter()
            .position(|u| u.as_str().starts_with("ab,ab"))
            .unwrap();
        let sizes = page.sizes(k);
        assert_eq!((sizes.title_tokens, sizes.title_shared), (30_000, 30_000));
        assert_eq!(sizes.title_distinct, 1);
    }

    #[test]
    fn walks_started_below_the_run_share_splits_end_where_whole_walks_do() {
        let (chrome, tables) = (&*CHROME, &*crate::pipeline::tables::TABLES);
        let model = chrome.model.as_ref().expect("model");
        let units = long_page();
        let page = page(chrome, &units, units.iter().map(|_| None));
        let mut rows = Rows::new(chrome, tables, &page, &units, &[]);
        let mut all = Vec::new();
        let mut row = [0.0f32; FEATURES];
        while rows.next_row(&mut row).is_some() {
            all.push(row);
        }
        // Every node tested on every row.
        let whole = vec![(u32::MAX, 0); model.trees.len()];
        let mut skipped = 0;
        for run_share in [0.0, 0.05, 0.2, 0.35, 0.5, 0.65, 0.8, 0.95, 1.0] {
            for row in &mut all {
                row[RUN_SHARE] = run_share;
            }
            let starts = model.starts(run_share);
            skipped += starts.iter().filter(|&&(_, skip)| skip > 0).count();
            let got = block_probabilities(model, &all, &starts);
            let expected = block_probabilities(model, &all, &whole);
            assert_eq!(got, expected, "{run_share}");
        }
        assert!(skipped > 0);
    }

    #[test]
    fn a_block_kept_from_earlier_pages_scores_as_a_new_one() {
        let tables = &*crate::pipeline::tables::TABLES;
        let long = long_page();
        let mut x = 0x2545_f491_4f6c_dd1du64;
        for cut in [8, 9, 31, 32, 33, 40, 64, 65, long.len()] {
            let units = long.get(..cut).expect("cut within the page");
            let page = page(&CHROME, units, units.iter().map(|_| None));
            let fresh = kept_units_in(tables, &page, units, &[], &mut Block::new());
            // A block holding noise, NaNs and infinities among it.
            let mut stale = Block::new();
            for col in &mut stale.cols {
                for v in col.iter_mut() {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    *v = f32::from_bits(x as u32);
                }
            }
            let reused = kept_units_in(tables, &page, units, &[], &mut stale);
            assert!(fresh.is_some());
            assert_eq!(reused, fresh, "{cut} units");
            // The thread's kept block, after the pages before.
            assert_eq!(kept_units(tables, &page, units, &[]), fresh, "{cut} units");
        }
    }

    #[test]
    fn half_a_block_scores_as_the_whole_block_does() {
        let (chrome, tables) = (&*CHROME, &*crate::pipeline::tables::TABLES);
        let model = chrome.model.as_ref().expect("model");
        let units = long_page();
        let page = page(chrome, &units, units.iter().map(|_| None));
        let mut rows = Rows::new(chrome, tables, &page, &units, &[]);
        let mut block = Block::new();
        let mut filled = 0;
        while filled < LANES && rows.next_lane(&mut block, filled).is_some() {
            filled += 1;
        }
        assert_eq!(filled, LANES);
        let starts = model.starts(page.run_share);
        let whole: [f32; LANES] = model.scores(&block, &starts);
        let half: [f32; HALF] = model.scores(&block, &starts);
        let quarter: [f32; HALF / 2] = model.scores(&block, &starts);
        let bits = |s: &[f32]| s.iter().map(|v| v.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&half), bits(&whole[..HALF]));
        assert_eq!(bits(&quarter), bits(&whole[..HALF / 2]));
        assert!(whole.iter().any(|&s| s != whole[0]));
    }

    /// [`Model::probabilities`] of `rows`, as bits, a [`Block`] at a time.
    fn block_probabilities(
        model: &Model,
        rows: &[[f32; FEATURES]],
        starts: &[(u32, usize)],
    ) -> Vec<u32> {
        let mut out = Vec::new();
        for chunk in rows.chunks(LANES) {
            let mut block = Block::new();
            for (lane, row) in chunk.iter().enumerate() {
                for (f, &v) in row.iter().enumerate() {
                    block.set(lane, f, v);
                }
            }
            model.probabilities(&block, chunk.len(), starts, |p| out.push(p.to_bits()));
        }
        out
    }

    /// The model file's trees walked one row at a time, from the root down,
    /// summed in order: what [`Model::scores`] must equal.
    fn walked_probability(file: &ModelFile, row: &[f32; FEATURES]) -> f32 {
        let mut score = 0.0f32;
        for tree in &file.trees {
            let mut node = if tree.split.is_empty() { -1 } else { 0 };
            while node >= 0 {
                let k = node as usize;
                node = if row[tree.split[k]] > tree.threshold[k] {
                    tree.right[k]
                } else {
                    tree.left[k]
                };
            }
            score += tree.leaf[!node as usize];
        }
        1.0 / (1.0 + (-score).exp())
    }

    #[test]
    fn scoring_by_masks_matches_walking_the_trees() {
        let file: ModelFile =
            serde_json::from_str(include_str!("../../data/chrome/model.json")).unwrap();
        let model = CHROME.model.as_ref().expect("model");
        // Every split's threshold, and values just either side of it, so
        // that rows take both branches of every node, and ties go left.
        let mut values: Vec<Vec<f32>> = vec![vec![-1.0, 0.0, 1.0, f32::NAN]; FEATURES];
        for tree in &file.trees {
            for (&f, &t) in tree.split.iter().zip(&tree.threshold) {
                values[f].extend([t, t.next_down(), t.next_up()]);
            }
        }
        // Rows from a page, then rows of values picked by a small LCG.
        let (chrome, tables) = (&*CHROME, &*crate::pipeline::tables::TABLES);
        let units = long_page();
        let page = page(chrome, &units, units.iter().map(|_| None));
        let mut rows_of_page = Rows::new(chrome, tables, &page, &units, &[]);
        let mut rows = Vec::new();
        let mut row = [0.0f32; FEATURES];
        while rows_of_page.next_row(&mut row).is_some() {
            rows.push(row);
        }
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..3000 {
            for (f, slot) in row.iter_mut().enumerate() {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1);
                let pick = (state >> 33) as usize % values[f].len();
                *slot = values[f][pick];
            }
            rows.push(row);
        }
        // Each page has one run share: group the rows by theirs.
        let mut by_share: HashMap<u32, Vec<[f32; FEATURES]>> = HashMap::new();
        for row in rows {
            by_share
                .entry(row[RUN_SHARE].to_bits())
                .or_default()
                .push(row);
        }
        let mut checked = 0;
        for (share, rows) in &by_share {
            let starts = model.starts(f32::from_bits(*share));
            let got = block_probabilities(model, rows, &starts);
            let walked: Vec<u32> = rows
                .iter()
                .map(|row| walked_probability(&file, row).to_bits())
                .collect();
            assert_eq!(got, walked);
            checked += rows.len();
        }
        assert!(checked > 3000 && by_share.len() > 10);
    }

    #[test]
    fn counted_tokens_are_the_runs_of_letters_and_digits() {
        let mut shapes: Shapes = [0; 256];
        for t in ["bees", "early", "12", "é"] {
            shapes[usize::from(t.as_bytes()[0])] |= 1 << t.len();
        }
        for text in [
            "",
            "   ",
            "bees wake early | the garden ledger",
            "bees,beer;bee  12--123 early:",
            "école straße — ünïcödé, é 日本語 δοκιμή bees x2",
            "..early..",
            &"bees early 12 ".repeat(20),
            &"x".repeat(64),
            &"x".repeat(128),
            &format!("{} bees", "y".repeat(63)),
            &format!("{}.bees", "y".repeat(64)),
        ] {
            let all: Vec<&str> = tokens(text).collect();
            let mut got = Vec::new();
            let mut classes = ClassCache::new();
            let n = count_tokens(&CHROME, text, &shapes, &mut classes, |t| got.push(t));
            assert_eq!(n, all.len(), "{text:?}");
            let shaped: Vec<&str> = all
                .into_iter()
                .filter(|t| has_shape(&shapes, t.as_bytes()[0], t.len()))
                .collect();
            assert_eq!(got, shaped, "{text:?}");
        }
    }

    #[test]
    fn a_line_stays_small() {
        assert!(std::mem::size_of::<Line>() <= 40);
    }

    #[test]
    fn title_tokens_are_found_as_the_scan_of_their_texts_found_them() {
        let pieces = ["a", "b", "ab", "é", "12", "abcdefgh", "abcdefghi", " "];
        let texts = crate::pipeline::random_texts(&pieces, 93, 0..24, 30);
        for (title_text, other) in texts.iter().zip(texts.iter().rev()) {
            let mut title = TitleTokens::default();
            let mut oracle: Vec<&str> = Vec::new();
            for t in title_text.split(' ').filter(|t| !t.is_empty()) {
                title.insert(t);
                if title_index(&oracle, t).is_none() {
                    oracle.push(t);
                }
            }
            assert_eq!(title.tokens, oracle, "{title_text:?}");
            for t in other.split(' ').chain(title_text.split(' ')) {
                assert_eq!(
                    title.index(t),
                    title_index(&oracle, t),
                    "{t:?} in {title_text:?}"
                );
            }
        }
    }

    #[test]
    fn title_tokens_share_chains_and_are_all_found() {
        let words: Vec<String> = (0..300).map(|i| format!("w{i}")).collect();
        let mut title = TitleTokens::default();
        for w in &words {
            title.insert(w);
            title.insert(w);
        }
        assert_eq!(title.len(), words.len());
        for (i, w) in words.iter().enumerate() {
            assert_eq!(title.index(w), Some(i), "{w}");
        }
        assert_eq!(title.index("w300"), None);
    }

    #[test]
    fn title_tokens_are_found_by_their_whole_text() {
        let title = ["bees", "beer", "b", "über", "12"];
        for (i, t) in title.iter().enumerate() {
            assert_eq!(title_index(&title, t), Some(i));
        }
        for t in ["bee", "beet", "bees ", "", "Bees", "übe", "13"] {
            assert_eq!(title_index(&title, t), None, "{t}");
        }
    }

    #[test]
    fn the_densest_run_is_the_best_sum() {
        assert_eq!(
            densest_run([-5.0, 3.0, 4.0, -1.0, 6.0, -20.0, 2.0].into_iter()),
            (1, 4)
        );
        assert_eq!(densest_run([-1.0, -2.0].into_iter()), (0, 0));
        assert_eq!(densest_run(std::iter::empty()), (0, 0));
    }

    #[test]
    fn site_names_are_cut_from_titles() {
        let cut = |t: &'static str| {
            let (a, b) = headline_range(t);
            &t[a..b]
        };
        assert_eq!(
            cut("Bees wake early | The Garden Ledger"),
            "Bees wake early"
        );
        assert_eq!(
            cut("Ledger | Why the bees wake early"),
            "Why the bees wake early"
        );
        assert_eq!(
            cut("Why the bees wake early - Garden Ledger"),
            "Why the bees wake early"
        );
        // A dash inside a headline is not a site name.
        assert_eq!(
            cut("Kim and Putin - a partnership that worries the West"),
            "Kim and Putin - a partnership that worries the West"
        );
        assert_eq!(cut("Short - Site"), "Short - Site");
        assert_eq!(cut("No separator here"), "No separator here");
    }
}
