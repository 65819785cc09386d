//! Detection: one automaton pass over a unit of text, then context guards and
//! the name rule.

use super::lexicon::{
    has_bit, hash_finish, pair_key, word_lower, Batches, Entry, Guard, Kind, SpinLexicon, WEAK,
};

/// A finding in one unit of text, byte offsets into that text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Hit {
    pub start: usize,
    pub end: usize,
    pub found: String,
    pub suggestion: String,
    pub confidence: f32,
    pub rule: &'static str,
}

impl Hit {
    /// True when the hit counts toward the verdict on its own.
    pub fn is_strong(&self) -> bool {
        self.confidence >= WEAK
    }
}

const DETERMINERS: &[&str] = &[
    "the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "this", "that", "these",
    "those", "whose",
];

/// Number words, read as numbers by the guards (data/spin/number-words.txt).
static NUMBER_WORDS: std::sync::LazyLock<crate::lexicon::WordSet> =
    std::sync::LazyLock::new(|| crate::lexicon::WordSet::new(crate::lexicon::SPIN_NUMBER_WORDS));

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The word just before byte `pos` (letters, digits, `-`, `'`, `’`).
fn word_before(text: &str, pos: usize) -> &str {
    let head = text.get(..pos).unwrap_or("").trim_end();
    let start = head
        .char_indices()
        .rev()
        .find(|&(_, c)| !(is_word_char(c) || matches!(c, '-' | '\'' | '\u{2019}' | '.' | ',')))
        .map_or(0, |(i, c)| i + c.len_utf8());
    head.get(start..).unwrap_or("")
}

/// The word just after byte `pos`.
fn word_after(text: &str, pos: usize) -> &str {
    let tail = text.get(pos..).unwrap_or("");
    let trimmed = tail.trim_start_matches([' ', '\u{a0}']);
    let end = trimmed
        .char_indices()
        .find(|&(_, c)| !(is_word_char(c) || matches!(c, '-' | '\'' | '\u{2019}')))
        .map_or(trimmed.len(), |(i, _)| i);
    trimmed.get(..end).unwrap_or("")
}

fn is_number(word: &str) -> bool {
    let word = word.trim_end_matches(['.', ',']);
    if word.is_empty() {
        return false;
    }
    if word
        .chars()
        .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    {
        return word.chars().any(|c| c.is_ascii_digit());
    }
    // `20-four`, `twenty-four`, `4`
    word.split('-').all(|part| {
        let lower = part.to_ascii_lowercase();
        (!part.is_empty() && part.chars().all(|c| c.is_ascii_digit()))
            || NUMBER_WORDS.contains(&lower)
    })
}

fn is_determiner(word: &str) -> bool {
    let lower = word.to_lowercase();
    DETERMINERS.contains(&lower.as_str()) || is_possessive(&lower)
}

fn is_possessive(lower: &str) -> bool {
    lower.ends_with("'s") || lower.ends_with("\u{2019}s")
}

/// An article or possessive before a noun (`his to start with`); narrower
/// than [`is_determiner`]: `that to start with` is ordinary English.
fn is_article_or_possessive(word: &str) -> bool {
    let lower = word.to_lowercase();
    matches!(
        lower.as_str(),
        "the" | "his" | "her" | "its" | "their" | "our" | "my" | "your"
    ) || is_possessive(&lower)
}

fn guard_holds(guard: Guard, text: &str, start: usize, end: usize, entry: &Entry) -> bool {
    match guard {
        Guard::NumBefore => is_number(word_before(text, start)),
        Guard::NumAfter => word_after(text, end)
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit()),
        Guard::LowerAfter => word_after(text, end)
            .chars()
            .next()
            .is_some_and(char::is_lowercase),
        Guard::AfterDet => is_article_or_possessive(word_before(text, start)),
        Guard::NotAfterDet => !is_determiner(word_before(text, start)),
        Guard::Case => text
            .get(start..end)
            .is_some_and(|found| same_case_after_first(found, &entry.pattern)),
    }
}

/// True when byte `pos` opens the text or a sentence.
fn opens_sentence(text: &str, pos: usize) -> bool {
    let head = text.get(..pos).unwrap_or("").trim_end();
    head.is_empty() || head.ends_with(['.', '!', '?'])
}

/// True when `a` and `b` are equal but for the case of their first letter
/// (a phrase may open a sentence).
fn same_case_after_first(a: &str, b: &str) -> bool {
    let mut x = a.chars();
    let mut y = b.chars();
    match (x.next(), y.next()) {
        (Some(p), Some(q)) => p.to_lowercase().eq(q.to_lowercase()) && x.eq(y),
        _ => false,
    }
}

/// Carries the case of `found` over to `suggestion`: all capitals stay all
/// capitals, a capital first letter stays capital; a suggestion that is
/// itself capitalised (a name) keeps its case.
pub(crate) fn match_case(found: &str, suggestion: &str) -> String {
    // Two letters or more, all capitals: counted up to the first letter
    // that is not a capital, without collecting them.
    let mut letters = 0;
    let all_capitals = found.chars().filter(|c| c.is_alphabetic()).all(|c| {
        letters += 1;
        c.is_uppercase()
    });
    if letters > 1 && all_capitals {
        return suggestion.to_uppercase();
    }
    sentence_case(found, suggestion)
}

/// `suggestion` with a capital first letter when `found` opens with one
/// that is not an acronym's.
fn sentence_case(found: &str, suggestion: &str) -> String {
    // An acronym (`PC preparing power`) says nothing about the sentence.
    let first_word = found.split([' ', '-']).next().unwrap_or("");
    let acronym = first_word.chars().filter(|c| c.is_alphabetic()).count() > 1
        && first_word
            .chars()
            .all(|c| !c.is_alphabetic() || c.is_uppercase());
    let starts_upper = !acronym && found.chars().next().is_some_and(char::is_uppercase);
    let mut chars = suggestion.chars();
    match chars.next() {
        Some(first) if starts_upper => first.to_uppercase().chain(chars).collect(),
        _ => suggestion.to_owned(),
    }
}

/// True when the first character of `text` is its own upper case, so that
/// `match_case("A", text)` (which upper-cases it) gives `text` back.
fn first_is_capital(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(|first| {
        let mut upper = first.to_uppercase();
        upper.next() == Some(first) && upper.next().is_none()
    })
}

/// Scans `text` once. Phrase hits are final; name words are judged by the
/// capitalised name around them. `batches` are scratch space, kept from one
/// text to the next.
pub(crate) fn scan(lexicon: &SpinLexicon, text: &str, batches: &mut Batches) -> Vec<Hit> {
    let mut candidates = candidates(lexicon, text, batches);
    // Leftmost first, longest first; overlaps lose.
    candidates.sort_by_key(|&(start, end, _)| (start, std::cmp::Reverse(end)));
    let mut hits = Vec::new();
    let mut names = Vec::new();
    let mut covered = 0;
    for (start, end, index) in candidates {
        if start < covered {
            continue;
        }
        let Some(entry) = lexicon.entries.get(index) else {
            continue;
        };
        let before = text.get(..start).and_then(|h| h.chars().next_back());
        let after = text.get(end..).and_then(|t| t.chars().next());
        let first = entry.pattern.chars().next().is_some_and(is_word_char);
        let last = entry.pattern.chars().next_back().is_some_and(is_word_char);
        if (first && before.is_some_and(is_word_char)) || (last && after.is_some_and(is_word_char))
        {
            continue;
        }
        if !entry
            .guards
            .iter()
            .all(|&g| guard_holds(g, text, start, end, entry))
        {
            continue;
        }
        covered = end;
        let found = text.get(start..end).unwrap_or("").to_owned();
        let mut suggestion = match_case(&found, &entry.suggestion);
        // `match_case("A", …)` capitalises the first letter: made again only
        // when that changes it.
        if opens_sentence(text, start) && !first_is_capital(&suggestion) {
            suggestion = match_case("A", &suggestion);
        }
        let hit = Hit {
            start,
            end,
            suggestion,
            found,
            confidence: entry.confidence,
            rule: entry.rule,
        };
        match entry.kind {
            Kind::Phrase => hits.push(hit),
            Kind::NameWord => names.push(hit),
        }
    }
    judge_names(text, &hits, &mut names);
    hits.extend(names);
    hits.sort_by_key(|h| h.start);
    hits
}

/// The automaton's matches, then the entries looked up by word pairs, as
/// `(start, end, entry)`: by our walk and the pair places
/// ([`SpinLexicon::find_all`]), by the crate's search and the bytewise pair
/// pass where the walk cannot run.
fn candidates(
    lexicon: &SpinLexicon,
    text: &str,
    batches: &mut Batches,
) -> Vec<(usize, usize, usize)> {
    let mut candidates: Vec<(usize, usize, usize)> = Vec::new();
    let mut pairs = Vec::new();
    let mut automaton_match = |start, end, pattern| {
        if let Some(&entry) = lexicon.automaton_entries.get(pattern) {
            candidates.push((start, end, entry));
        }
    };
    let pair_place = |start| pair_from(lexicon, text, start, &mut pairs);
    // False only where the walk cannot run at all: then the crate's search
    // and the bytewise pair pass.
    if !lexicon.find_all(text, batches, &mut automaton_match, pair_place) {
        lexicon.find_each_by_crate(text, automaton_match);
        pair_candidates(lexicon, text, &mut pairs);
    }
    candidates.append(&mut pairs);
    candidates
}

/// The entries looked up by word pairs that open at the word start `at`,
/// as [`pair_candidates`] finds them there: the word at `at`, one space,
/// the next word, their pair's entries that the text holds in full.
fn pair_from(lexicon: &SpinLexicon, text: &str, at: usize, out: &mut Vec<(usize, usize, usize)>) {
    let bytes = text.as_bytes();
    // The hash of the word at `from` and its end.
    let word = |from: usize| {
        let mut hash = 0u64;
        let mut end = from;
        for &b in bytes.get(from..).unwrap_or(&[]) {
            let lower = word_lower(b);
            if lower == 0 {
                break;
            }
            hash = hash.rotate_left(7) ^ u64::from(lower);
            end += 1;
        }
        (hash_finish(hash), end)
    };
    let (first, space) = word(at);
    if space == at || bytes.get(space) != Some(&b' ') {
        return;
    }
    let (second, end) = word(space + 1);
    if end > space + 1
        && has_bit(&lexicon.second_words, second)
        && has_bit(&lexicon.first_words, first)
    {
        let key = pair_key(first, second);
        if has_bit(&lexicon.pair_keys, key) {
            pair_at(lexicon, text, at, key, out);
        }
    }
}

/// Adds the entries looked up by word pairs (the large science family)
/// whose whole pattern the text holds at that place.
///
/// A pair is two words (runs of word bytes) with one space between them. One
/// pass over the bytes, one table look-up each; a word's bytes in a loop of
/// their own, the word's place read off the iterator only at its start.
fn pair_candidates(lexicon: &SpinLexicon, text: &str, out: &mut Vec<(usize, usize, usize)>) {
    if lexicon.bigrams.is_empty() {
        return;
    }
    let bytes = text.as_bytes();
    let mut iter = bytes.iter();
    // The word just read, when it ended on a space: its start and hash.
    let mut first: Option<(usize, u64)> = None;
    while let Some(&b) = iter.next() {
        let lower = word_lower(b);
        if lower == 0 {
            first = None;
            continue;
        }
        let start = bytes.len() - iter.as_slice().len() - 1;
        let mut hash = u64::from(lower);
        let mut on_space = false;
        for &b in iter.by_ref() {
            let lower = word_lower(b);
            if lower == 0 {
                on_space = b == b' ';
                break;
            }
            hash = hash.rotate_left(7) ^ u64::from(lower);
        }
        let hash = hash_finish(hash);
        if let Some((first_start, first_hash)) = first {
            if has_bit(&lexicon.second_words, hash) && has_bit(&lexicon.first_words, first_hash) {
                let key = pair_key(first_hash, hash);
                if has_bit(&lexicon.pair_keys, key) {
                    pair_at(lexicon, text, first_start, key, out);
                }
            }
        }
        first = on_space.then_some((start, hash));
    }
}

/// The entries of the pair `key` that the text holds in full at `start`.
fn pair_at(
    lexicon: &SpinLexicon,
    text: &str,
    start: usize,
    key: u64,
    out: &mut Vec<(usize, usize, usize)>,
) {
    let Some(entries) = lexicon
        .bigrams
        .get(&key)
        .and_then(|&(from, to)| lexicon.bigram_entries.get(from as usize..to as usize))
    else {
        return;
    };
    let bytes = text.as_bytes();
    for &index in entries {
        let Some(entry) = lexicon.entries.get(index) else {
            continue;
        };
        let end = start + entry.pattern.len();
        if bytes
            .get(start..end)
            .is_some_and(|t| t.eq_ignore_ascii_case(entry.pattern.as_bytes()))
            && text.is_char_boundary(end)
        {
            out.push((start, end, index));
        }
    }
}

/// The capitalised run of words around `start..end`: its byte range.
fn capitalised_run(text: &str, start: usize, end: usize) -> (usize, usize, usize) {
    let mut words = 1;
    let mut run_start = start;
    loop {
        let prev = word_before(text, run_start);
        let gap = text.get(..run_start).unwrap_or("");
        let joined = ends_with_word_and_space(gap, prev);
        if prev.is_empty()
            || prev.ends_with([',', '.'])
            || !joined
            || !prev.chars().next().is_some_and(char::is_uppercase)
        {
            break;
        }
        run_start = gap.len() - prev.len() - 1;
        words += 1;
    }
    let mut run_end = end;
    loop {
        let next = word_after(text, run_end);
        let tail = text.get(run_end..).unwrap_or("");
        let joined = starts_with_space_and_word(tail, next);
        if next.is_empty() || !joined || !next.chars().next().is_some_and(char::is_uppercase) {
            break;
        }
        run_end += 1 + next.len();
        words += 1;
    }
    (run_start, run_end, words)
}

/// `gap` ends with `word` and a space: `gap.ends_with(&format!("{word} "))`
/// without formatting that.
fn ends_with_word_and_space(gap: &str, word: &str) -> bool {
    gap.strip_suffix(' ').is_some_and(|g| g.ends_with(word))
}

/// `tail` starts with a space and `word`: `tail.starts_with(&format!(" {word}"))`
/// without formatting that.
fn starts_with_space_and_word(tail: &str, word: &str) -> bool {
    tail.strip_prefix(' ').is_some_and(|t| t.starts_with(word))
}

/// Longest capitalised run taken for a name.
const MAX_NAME_WORDS: usize = 6;

/// Keeps a name word when it sits in a capitalised name of two or more words
/// and the evidence is good: another substitute in the same name, or a spun
/// phrase right next to it. A lone substitute (`American Heart Association`
/// is a real name) is kept as a weak hit, reported only in spun articles.
fn judge_names(text: &str, phrases: &[Hit], names: &mut Vec<Hit>) {
    if names.is_empty() {
        return;
    }
    // Title-case text (headlines, menus) is capitalised throughout: no names
    // stand out in it.
    let (mut words, mut capitalised) = (0, 0);
    for word in text.split_whitespace() {
        words += 1;
        if word.chars().next().is_some_and(char::is_uppercase) {
            capitalised += 1;
        }
    }
    if words >= 8 && capitalised * 2 > words {
        names.clear();
        return;
    }
    let runs: Vec<(usize, usize, usize)> = names
        .iter()
        .map(|n| capitalised_run(text, n.start, n.end))
        .collect();
    let mut kept = Vec::new();
    for (i, hit) in names.iter().enumerate() {
        let Some(&(run_start, run_end, words)) = runs.get(i) else {
            continue;
        };
        if !(2..=MAX_NAME_WORDS).contains(&words)
            || !hit.found.chars().next().is_some_and(char::is_uppercase)
        {
            continue;
        }
        let mut same_run: Vec<String> = names
            .iter()
            .zip(&runs)
            .filter(|(_, r)| r.0 == run_start)
            .map(|(n, _)| n.found.to_lowercase())
            .collect();
        same_run.sort();
        same_run.dedup();
        let same_run = same_run.len();
        let beside_phrase = phrases.iter().any(|p| {
            (p.start >= run_end && p.start <= run_end + 1)
                || (p.end <= run_start && p.end + 1 >= run_start)
        });
        let mut hit = hit.clone();
        hit.confidence = if same_run >= 2 {
            0.9
        } else if beside_phrase {
            0.85
        } else {
            0.6
        };
        kept.push(hit);
    }
    *names = kept;
}

/// [`match_case`] as it was first written, its letters collected: the
/// oracle of the test that the version without the copy agrees.
#[cfg(test)]
fn match_case_by_copies(found: &str, suggestion: &str) -> String {
    let letters: Vec<char> = found.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        return suggestion.to_uppercase();
    }
    sentence_case(found, suggestion)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::tables::TABLES;

    #[test]
    fn cases_and_name_runs_agree_with_the_copying_versions() {
        let pieces = [
            "A", "a", "PC", "pc", " ", "-", "ǅ", "ǆ", "ß", "É", "é", "ΣΑ", "1", ".", ",", "Kim",
            "Jong", "un", "  ",
        ];
        let texts = crate::pipeline::random_texts(&pieces, 61, 0..8, 300);
        for (found, suggestion) in texts.iter().zip(texts.iter().rev()) {
            let ours = match_case(found, suggestion);
            assert_eq!(
                ours,
                match_case_by_copies(found, suggestion),
                "{found:?} {suggestion:?}"
            );
            // The sentence opener's capital is skipped only where it
            // changes nothing.
            if first_is_capital(&ours) {
                assert_eq!(match_case_by_copies("A", &ours), ours);
            }
        }
        // The name runs' word joins, against the formatting they replace.
        for text in &texts {
            for word in texts.iter().take(40) {
                assert_eq!(
                    ends_with_word_and_space(text, word),
                    text.ends_with(&format!("{word} ")),
                    "{text:?} {word:?}"
                );
                assert_eq!(
                    starts_with_space_and_word(text, word),
                    text.starts_with(&format!(" {word}")),
                    "{text:?} {word:?}"
                );
            }
            for at in (0..=text.len()).filter(|&at| text.is_char_boundary(at)) {
                let (head, tail) = text.split_at(at);
                let word = word_before(text, at);
                assert_eq!(
                    ends_with_word_and_space(head, word),
                    head.ends_with(&format!("{word} "))
                );
                let word = word_after(text, at);
                assert_eq!(
                    starts_with_space_and_word(tail, word),
                    tail.starts_with(&format!(" {word}"))
                );
            }
        }
    }

    fn found(text: &str) -> Vec<(String, String)> {
        scan(&TABLES.spin, text, &mut Batches::new())
            .into_iter()
            .filter(Hit::is_strong)
            .map(|h| (h.found, h.suggestion))
            .collect()
    }

    #[test]
    fn phrases_match_on_word_boundaries_and_keep_case() {
        assert_eq!(
            found("Earlier this thirty day period, it rose."),
            [("thirty day period".into(), "month".into())]
        );
        assert_eq!(
            found("Rooster soup was served."),
            [("Rooster soup".into(), "Chicken soup".into())]
        );
        assert!(found("a thirty day periodical").is_empty());
    }

    #[test]
    fn guards_read_the_context() {
        assert_eq!(
            found("his to start with due to the fact 2000")
                .into_iter()
                .map(|(_, s)| s)
                .collect::<Vec<_>>(),
            ["first since"]
        );
        assert!(found("To start with, we need due to the fact that it rains.").is_empty());
        assert_eq!(found("his to start with visit").len(), 1);
        assert!(found("a plan that to start with looked good").is_empty());
        assert_eq!(
            found("20-four many years later on, it fell"),
            [
                ("20-four".into(), "Twenty-four".into()),
                ("many years later on".into(), "years later".into())
            ]
        );
        assert!(found("many years later, it fell").is_empty());
    }

    #[test]
    fn name_words_need_a_second_clue() {
        let hits = scan(
            &TABLES.spin,
            "Nationwide Safety adviser Chang said",
            &mut Batches::new(),
        );
        let strong: Vec<&str> = hits
            .iter()
            .filter(|h| h.is_strong())
            .map(|h| h.suggestion.as_str())
            .collect();
        assert_eq!(strong, ["National", "Security"]);
        let hits = scan(
            &TABLES.spin,
            "the American Heart Association said",
            &mut Batches::new(),
        );
        assert!(hits.iter().all(|h| !h.is_strong()));
        let hits = scan(&TABLES.spin, "Safety first, he said.", &mut Batches::new());
        assert!(hits.is_empty());
        let hits = scan(
            &TABLES.spin,
            "the Stimson heart Nationwide safety",
            &mut Batches::new(),
        );
        assert!(hits.is_empty(), "{hits:?}");
    }

    #[test]
    fn case_carries_over() {
        assert_eq!(match_case("Pink carpet", "red carpet"), "Red carpet");
        assert_eq!(match_case("PINK CARPET", "red carpet"), "RED CARPET");
        assert_eq!(match_case("getty visuals", "Getty Images"), "Getty Images");
        assert_eq!(
            match_case("PC preparing power", "computer processing power"),
            "computer processing power"
        );
    }

    /// The pair pass as first written: the words' places counted byte by
    /// byte. The reference [`pair_candidates`] must agree with.
    fn pair_candidates_bytewise(lexicon: &SpinLexicon, text: &str) -> Vec<(usize, usize, usize)> {
        use crate::spin::lexicon::hash_step;
        let mut out = Vec::new();
        let bytes = text.as_bytes();
        let mut previous: Option<(usize, u64, usize)> = None;
        let mut at = 0;
        while at < bytes.len() {
            if word_lower(bytes[at]) == 0 {
                at += 1;
                continue;
            }
            let start = at;
            let mut hash = 0;
            while at < bytes.len() && word_lower(bytes[at]) != 0 {
                hash = hash_step(hash, bytes[at]);
                at += 1;
            }
            let hash = hash_finish(hash);
            if let Some((first_start, first_hash, first_end)) = previous {
                if first_end + 1 == start
                    && bytes[first_end] == b' '
                    && has_bit(&lexicon.second_words, hash)
                    && has_bit(&lexicon.first_words, first_hash)
                {
                    let key = pair_key(first_hash, hash);
                    if has_bit(&lexicon.pair_keys, key) {
                        pair_at(lexicon, text, first_start, key, &mut out);
                    }
                }
            }
            previous = Some((start, hash, at));
        }
        out
    }

    /// Text with every pair-looked-up pattern in it, in varied case, glued
    /// to words, after punctuation, cut short, and with curly quotes.
    fn pair_probe_text(lexicon: &SpinLexicon) -> String {
        let mut text = include_str!("../../samples/bbc-putin-kim-spun.txt").to_owned();
        let seps = [
            " ", "  ", ", ", "x", ".", "-", "\u{a0}", "’", "\n", " the ", "(", "é",
        ];
        for (n, &i) in lexicon.bigram_entries.iter().enumerate() {
            let pattern = &lexicon.entries[i].pattern;
            text.push_str(seps[n % seps.len()]);
            match n % 4 {
                0 => text.push_str(&pattern.to_uppercase()),
                1 => {
                    let cut: String = pattern.chars().take(pattern.len() / 2 + n % 3).collect();
                    text.push_str(&cut);
                    text.push_str(seps[n % 5]);
                    text.push_str(&pattern.replace(' ', "  "));
                }
                _ => text.push_str(pattern),
            }
            text.push_str(seps[(n / 3) % seps.len()]);
        }
        text
    }

    #[test]
    fn the_pair_pass_finds_what_the_first_one_found() {
        let lexicon = &TABLES.spin;
        let probe = pair_probe_text(lexicon);
        let mut texts = vec![probe.clone()];
        // Random cuts of it: words and spaces at every offset.
        texts.extend(crate::spin::test_texts::cuts(
            &probe,
            200,
            400,
            0x2545_f491_4f6c_dd1d,
        ));
        texts.extend(crate::spin::test_texts::corpus_pages(200));
        let mut found = 0;
        for text in &texts {
            let mut fast = Vec::new();
            pair_candidates(lexicon, text, &mut fast);
            assert_eq!(fast, pair_candidates_bytewise(lexicon, text), "{text:?}");
            found += fast.len();
        }
        // The patterns put whole between word boundaries are found.
        assert!(found > lexicon.bigram_entries.len() / 4, "{found}");
    }

    #[test]
    fn one_pass_finds_what_the_two_passes_found() {
        let lexicon = &TABLES.spin;
        // Every pair pattern and every automaton pattern, in varied case,
        // glued to words and punctuation, cut short.
        let mut probe = pair_probe_text(lexicon);
        let glue = ["", " ", "data", "-", "’", "\r", "\u{7}", "é", "(", "A"];
        for (n, &i) in lexicon.automaton_entries.iter().enumerate() {
            let pattern = &lexicon.entries[i].pattern;
            probe.push_str(glue[n % glue.len()]);
            match n % 3 {
                0 => probe.push_str(&pattern.to_uppercase()),
                1 => probe.extend(pattern.chars().take(pattern.len() / 2 + n % 4)),
                _ => probe.push_str(pattern),
            }
            probe.push_str(glue[(n / 3) % glue.len()]);
        }
        let mut texts = vec![probe.clone()];
        for (count, longest) in [(300, 400), (3000, 24)] {
            texts.extend(crate::spin::test_texts::cuts(
                &probe,
                count,
                longest,
                0x9e37_79b9_7f4a_7c15 ^ longest as u64,
            ));
        }
        texts.extend(crate::spin::test_texts::corpus_pages(200));
        let (mut automaton, mut pairs) = (0, 0);
        // One for all texts, as `spin::run` has one for an article's.
        let mut batches = Batches::new();
        for text in &texts {
            let mut expected = Vec::new();
            lexicon.find_each_by_crate(text, |start, end, pattern| {
                expected.push((start, end, lexicon.automaton_entries[pattern]));
            });
            automaton += expected.len();
            let by_pairs = pair_candidates_bytewise(lexicon, text);
            pairs += by_pairs.len();
            expected.extend(by_pairs);
            assert!(lexicon.find_all(text, &mut Batches::new(), |_, _, _| {}, |_| {}));
            assert_eq!(
                candidates(lexicon, text, &mut batches),
                expected,
                "{text:?}"
            );
        }
        assert!(automaton > lexicon.automaton_entries.len(), "{automaton}");
        assert!(pairs > lexicon.bigram_entries.len() / 4, "{pairs}");
    }

    #[test]
    fn numbers_are_recognised() {
        for word in ["4", "20-four", "twenty-four", "1,000", "four"] {
            assert!(is_number(word), "{word}");
        }
        for word in ["many", "", "x-4"] {
            assert!(!is_number(word), "{word}");
        }
    }
}
