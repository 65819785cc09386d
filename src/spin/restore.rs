//! Restore from a reference: align a spun article with a candidate original
//! and copy the original wording back where the alignment is confident.
//!
//! Names, numbers and quotations survive spinning, so a word diff (patience
//! alignment, anchored on words that occur once on each side) lines the two
//! texts up; a short run of differing words with at least two matching words
//! on both sides is a substitution, and the original's words replace it.

use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use similar::{capture_diff_slices_deadline, Algorithm, DiffOp};

use crate::article::{Article, Block};
use crate::spin::Field;

/// The longest run of words, on either side, that is replaced.
const MAX_RUN: usize = 8;
/// Matching words needed on each side of a replaced run.
const MIN_ANCHOR: usize = 2;
/// Below this share of aligned words the texts are not copies of each other
/// and nothing is restored.
const MIN_ALIGNED: f32 = 0.5;
/// Time allowed for the diff of one article.
const DEADLINE: Duration = Duration::from_millis(500);

/// One phrase copied back from the original.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RestoredPhrase {
    /// The wording in the spun article.
    pub found: String,
    /// The original's wording that replaced it.
    pub original: String,
}

/// The result of [`restore_from`](crate::restore_from): the article with the
/// original wording copied back, and what was restored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Restoration {
    /// The article, its text restored where the alignment was confident.
    pub article: Article,
    /// Every phrase replaced, in reading order.
    pub restored: Vec<RestoredPhrase>,
    /// Words of the article's text that were replaced.
    pub words_restored: usize,
    /// Words of the article's text in all.
    pub words_total: usize,
    /// Share of the article's words that the alignment matched word for word
    /// with the original, in [0, 1]; below 0.5 the texts are taken to be
    /// different stories and nothing is restored.
    pub aligned: f32,
}

/// A word of a text: its byte range and its comparison key.
#[derive(Debug, Clone)]
struct Word {
    start: usize,
    end: usize,
    key: String,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The words of `text`: letters and digits, with inner `'`, `’`, `-`, `.`, `,`
/// (`O'Carroll`, `face-to-face`, `1,000`, `0.5`).
fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next_is_word = chars.peek().is_some_and(|&(_, n)| is_word_char(n));
        let inner =
            matches!(c, '\'' | '\u{2019}' | '-' | '.' | ',') && start.is_some() && next_is_word;
        if is_word_char(c) || inner {
            start.get_or_insert(i);
            continue;
        }
        if let Some(s) = start.take() {
            out.push(word(text, s, i));
        }
    }
    if let Some(s) = start {
        out.push(word(text, s, text.len()));
    }
    out
}

fn word(text: &str, start: usize, end: usize) -> Word {
    Word {
        start,
        end,
        key: text
            .get(start..end)
            .unwrap_or("")
            .replace('\u{2019}', "'")
            .to_lowercase(),
    }
}

/// The article's text fields, in reading order, to rewrite.
fn fields_mut(article: &mut Article) -> Vec<Field<'_>> {
    let mut fields: Vec<Field<'_>> = article.title.iter_mut().map(Field::Owned).collect();
    for block in &mut article.blocks {
        match block {
            Block::Paragraph { text }
            | Block::Heading { text }
            | Block::Quote { text }
            | Block::ListItem { text } => fields.push(Field::Shared(text)),
            Block::Figure { alt, caption, .. } => {
                fields.extend(alt.iter_mut().map(Field::Owned));
                fields.extend(caption.iter_mut().map(Field::Owned));
            }
        }
    }
    fields
}

/// A planned replacement: field, byte range in it, new text.
struct Edit {
    field: usize,
    start: usize,
    end: usize,
    text: String,
    words: usize,
}

/// Aligns `article` with `original` and copies the original wording back.
pub(crate) fn restore(article: &Article, original: &str) -> Restoration {
    let mut result = article.clone();
    let mut fields = fields_mut(&mut result);
    // The spun side: every field's words, a separator between fields that
    // matches nothing in the original.
    let mut keys: Vec<String> = Vec::new();
    let mut places: Vec<Option<(usize, usize)>> = Vec::new(); // (field, word index)
    let field_words: Vec<Vec<Word>> = fields.iter().map(|f| words(f.as_str())).collect();
    for (f, list) in field_words.iter().enumerate() {
        for (w, word) in list.iter().enumerate() {
            keys.push(word.key.clone());
            places.push(Some((f, w)));
        }
        keys.push("\u{0}".to_owned());
        places.push(None);
    }
    let original_words = words(original);
    let original_keys: Vec<String> = original_words.iter().map(|w| w.key.clone()).collect();
    let words_total = field_words.iter().map(Vec::len).sum();
    let ops = capture_diff_slices_deadline(
        Algorithm::Patience,
        &keys,
        &original_keys,
        Some(Instant::now() + DEADLINE),
    );
    let aligned_words: usize = ops
        .iter()
        .map(|op| match op {
            DiffOp::Equal { len, .. } => *len,
            _ => 0,
        })
        .sum();
    let aligned = if words_total == 0 {
        0.0
    } else {
        aligned_words as f32 / words_total as f32
    };
    let mut edits = Vec::new();
    if aligned >= MIN_ALIGNED {
        let is_separator = |i: usize| places.get(i).is_some_and(Option::is_none);
        let runs = merge_changes(&ops, &is_separator);
        for (i, run) in runs.iter().enumerate() {
            let Change::Replace {
                old,
                old_len,
                new,
                new_len,
            } = *run
            else {
                continue;
            };
            // Anchor strength on each side: matching words, or the edge of a
            // field (which counts as two, but then the original's side may
            // not be longer: it could hold text the article left out).
            let strength = |r: Option<&Change>| match r {
                Some(Change::Equal(len)) => *len,
                Some(Change::Boundary) => MIN_ANCHOR,
                _ => 0,
            };
            let before = i.checked_sub(1).and_then(|p| runs.get(p));
            let after = runs.get(i + 1);
            let (left, right) = (strength(before), strength(after));
            let at_edge = matches!(before, Some(Change::Boundary) | None)
                || matches!(after, Some(Change::Boundary) | None);
            // A pure deletion or insertion takes in the word before it, so
            // that the edit replaces words with words.
            let (old, old_len, new, new_len) = if old_len == 0 || new_len == 0 {
                if old == 0 || new == 0 || is_separator(old - 1) {
                    continue;
                }
                (old - 1, old_len + 1, new - 1, new_len + 1)
            } else {
                (old, old_len, new, new_len)
            };
            if old_len > MAX_RUN
                || new_len > MAX_RUN
                || left == 0
                || right == 0
                || left + right < MIN_ANCHOR + 1
                || (at_edge && new_len > old_len)
            {
                continue;
            }
            if let Some(edit) = plan(
                &places,
                &field_words,
                &original_words,
                original,
                old,
                old_len,
                new,
                new_len,
            ) {
                edits.push(edit);
            }
        }
    }
    let mut restored = Vec::new();
    let mut words_restored = 0;
    // Apply from the end of each field so earlier ranges stay valid.
    edits.sort_by_key(|e| (e.field, std::cmp::Reverse(e.start)));
    let mut applied: Vec<(usize, usize, RestoredPhrase)> = Vec::new();
    for edit in edits {
        let Some(field) = fields.get_mut(edit.field) else {
            continue;
        };
        let Some(found) = field.as_str().get(edit.start..edit.end).map(str::to_owned) else {
            continue;
        };
        field.replace_range(edit.start..edit.end, &edit.text);
        words_restored += edit.words;
        applied.push((
            edit.field,
            edit.start,
            RestoredPhrase {
                found,
                original: edit.text,
            },
        ));
    }
    applied.sort_by_key(|(f, s, _)| (*f, *s));
    restored.extend(applied.into_iter().map(|(_, _, r)| r));
    Restoration {
        article: result,
        restored,
        words_restored,
        words_total,
        aligned,
    }
}

/// The diff as runs: equal words, or a changed run on either side.
#[derive(Debug, Clone, Copy)]
enum Change {
    Equal(usize),
    /// The edge between two fields of the article.
    Boundary,
    /// A change that crosses fields: never restored.
    Blocked,
    Replace {
        old: usize,
        old_len: usize,
        new: usize,
        new_len: usize,
    },
}

/// Merges adjacent deletes, inserts and replaces into one replace each, and
/// two changes around a single matching word (`outcomes and previously` →
/// `consequences and earlier`) into one.
fn merge_changes(ops: &[DiffOp], is_separator: &dyn Fn(usize) -> bool) -> Vec<Change> {
    let runs = merge_adjacent(ops, is_separator);
    let mut out: Vec<Change> = Vec::new();
    let mut i = 0;
    while let Some(&run) = runs.get(i) {
        if let (
            Some(Change::Replace {
                old_len: ol,
                new_len: nl,
                ..
            }),
            Change::Equal(1),
            Some(Change::Replace {
                old_len: next_ol,
                new_len: next_nl,
                ..
            }),
        ) = (out.last_mut(), run, runs.get(i + 1))
        {
            *ol += 1 + next_ol;
            *nl += 1 + next_nl;
            i += 2;
            continue;
        }
        out.push(run);
        i += 1;
    }
    out
}

/// Merges adjacent deletes, inserts and replaces into one replace each.
fn merge_adjacent(ops: &[DiffOp], is_separator: &dyn Fn(usize) -> bool) -> Vec<Change> {
    let mut out: Vec<Change> = Vec::new();
    for op in split_at_separators(ops, is_separator) {
        let op = match op {
            Split::Boundary => {
                out.push(Change::Boundary);
                continue;
            }
            Split::Blocked => {
                out.push(Change::Blocked);
                continue;
            }
            Split::Op(op) => op,
        };
        let (old, old_len, new, new_len) = match op {
            DiffOp::Equal { len, .. } => {
                out.push(Change::Equal(len));
                continue;
            }
            DiffOp::Delete {
                old_index,
                old_len,
                new_index,
            } => (old_index, old_len, new_index, 0),
            DiffOp::Insert {
                old_index,
                new_index,
                new_len,
            } => (old_index, 0, new_index, new_len),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => (old_index, old_len, new_index, new_len),
        };
        if let Some(Change::Replace {
            old_len: ol,
            new_len: nl,
            ..
        }) = out.last_mut()
        {
            *ol += old_len;
            *nl += new_len;
        } else {
            out.push(Change::Replace {
                old,
                old_len,
                new,
                new_len,
            });
        }
    }
    out
}

/// A diff op, or a field edge, after splitting at the field separators.
enum Split {
    Op(DiffOp),
    Boundary,
    Blocked,
}

/// Splits deletions at the separators between fields (a field edge), and
/// marks replacements that hold one as blocked.
fn split_at_separators(ops: &[DiffOp], is_separator: &dyn Fn(usize) -> bool) -> Vec<Split> {
    let mut out = Vec::new();
    for op in ops {
        match *op {
            DiffOp::Delete {
                old_index,
                old_len,
                new_index,
            } => {
                let mut from = old_index;
                for i in old_index..old_index + old_len {
                    if is_separator(i) {
                        if i > from {
                            out.push(Split::Op(DiffOp::Delete {
                                old_index: from,
                                old_len: i - from,
                                new_index,
                            }));
                        }
                        out.push(Split::Boundary);
                        from = i + 1;
                    }
                }
                if old_index + old_len > from {
                    out.push(Split::Op(DiffOp::Delete {
                        old_index: from,
                        old_len: old_index + old_len - from,
                        new_index,
                    }));
                }
            }
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } if (old_index..old_index + old_len).any(is_separator) => {
                // A separator at either end is a field edge beside the
                // change; one inside it makes the change cross fields.
                let lead = is_separator(old_index);
                let trail = old_len > 1 && is_separator(old_index + old_len - 1);
                let inner_start = old_index + usize::from(lead);
                let inner_end = old_index + old_len - usize::from(trail);
                if inner_start >= inner_end || (inner_start..inner_end).any(is_separator) {
                    out.push(Split::Blocked);
                    continue;
                }
                if lead {
                    out.push(Split::Boundary);
                }
                out.push(Split::Op(DiffOp::Replace {
                    old_index: inner_start,
                    old_len: inner_end - inner_start,
                    new_index,
                    new_len,
                }));
                if trail {
                    out.push(Split::Boundary);
                }
            }
            other => out.push(Split::Op(other)),
        }
    }
    out
}

/// Turns a replaced run into an edit of one field, or `None` when the run
/// crosses fields or lines, or touches a name or number (those anchor the
/// alignment; when they differ, the texts differ in fact, not in wording).
#[allow(clippy::too_many_arguments)]
fn plan(
    places: &[Option<(usize, usize)>],
    field_words: &[Vec<Word>],
    original_words: &[Word],
    original: &str,
    old: usize,
    old_len: usize,
    new: usize,
    new_len: usize,
) -> Option<Edit> {
    let (field, first) = (*places.get(old)?)?;
    let (last_field, last) = (*places.get(old + old_len - 1)?)?;
    if field != last_field {
        return None;
    }
    let list = field_words.get(field)?;
    let start = list.get(first)?.start;
    let end = list.get(last)?.end;
    let from = original_words.get(new)?.start;
    let to = original_words.get(new + new_len - 1)?.end;
    let text = original.get(from..to)?;
    if text.contains('\n') {
        return None;
    }
    let is_fact = |w: &Word| {
        w.key.chars().any(|c| c.is_ascii_digit())
            && w.key
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | ':'))
    };
    if list.get(first..=last)?.iter().any(is_fact)
        || original_words.get(new..new + new_len)?.iter().any(is_fact)
    {
        return None;
    }
    Some(Edit {
        field,
        start,
        end,
        text: text.to_owned(),
        words: old_len,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_inner_punctuation() {
        let keys: Vec<String> = words("O’Carroll said face-to-face, 1,000 (x).")
            .into_iter()
            .map(|w| w.key)
            .collect();
        assert_eq!(keys, ["o'carroll", "said", "face-to-face", "1,000", "x"]);
    }

    #[test]
    fn restores_substituted_runs_between_anchors() {
        let mut article = Article::default();
        article.blocks.push(Block::Paragraph {
            text: "Mr Putin warned of outcomes and previously this thirty day period said he would act.".into(),
        });
        let original = "Mr Putin warned of consequences and earlier this month said he would act.";
        let r = restore(&article, original);
        assert_eq!(
            r.article.body_text(),
            "Mr Putin warned of consequences and earlier this month said he would act.\n"
        );
        assert_eq!(r.restored.len(), 1);
        assert_eq!(r.words_restored, 7);
        assert!(r.aligned > 0.6);
    }

    #[test]
    fn unrelated_texts_are_left_alone() {
        let mut article = Article::default();
        article.blocks.push(Block::Paragraph {
            text: "The cat sat on the mat all day long.".into(),
        });
        let r = restore(&article, "Stocks fell sharply in early trading on Monday.");
        assert!(r.restored.is_empty());
        assert_eq!(r.article, article);
    }
}
