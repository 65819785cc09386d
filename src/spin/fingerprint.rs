//! A spin-robust fingerprint: MinHash over pairs of the tokens spinners leave
//! alone — numbers and capitalised names inside sentences — in reading order.
//!
//! A spinner rewrites the common words but keeps `Kim Jong Un`, `Pyongyang`,
//! `2000` and `18:00` where they were, so a copy and its source share most
//! pairs of consecutive anchors; another story on the same topic shares some
//! names but rarely the same sequence of them.

use serde::{Deserialize, Serialize};

use crate::article::{Article, Block};

/// Number of MinHash values in a signature.
pub const SIGNATURE_LEN: usize = 128;

/// A MinHash signature of an article's anchor tokens; compare two with
/// [`Fingerprint::similarity`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Fingerprint {
    /// The minimum hash of the article's anchor pairs under each of
    /// [`SIGNATURE_LEN`] hash functions; empty when the article has fewer
    /// than two anchors.
    pub minhash: Vec<u64>,
    /// How many distinct anchor pairs the signature summarises.
    pub pairs: usize,
}

impl Fingerprint {
    /// Estimated Jaccard similarity of the two articles' anchor pairs, in
    /// [0, 1]; 0 when either has no anchors.
    ///
    /// # Examples
    /// ```
    /// let a = artnorm::normalize("Title\n\nMr Kim met Mr Putin in Pyongyang on June 19, 2024.")?;
    /// let b = artnorm::normalize("Title\n\nMr Kim greeted Mr Putin in Pyongyang on June 19, 2024.")?;
    /// assert!(a.fingerprint().similarity(&b.fingerprint()) > 0.9);
    /// # Ok::<(), artnorm::Error>(())
    /// ```
    #[must_use]
    pub fn similarity(&self, other: &Fingerprint) -> f32 {
        if self.minhash.is_empty() || self.minhash.len() != other.minhash.len() {
            return 0.0;
        }
        let same = self
            .minhash
            .iter()
            .zip(&other.minhash)
            .filter(|(a, b)| a == b)
            .count();
        same as f32 / self.minhash.len() as f32
    }
}

/// 64-bit mixer (splitmix64's finaliser).
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

fn hash_str(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The anchors of one text, in order: numbers and capitalised words that do
/// not open a sentence, lower-cased.
fn anchors(text: &str, out: &mut Vec<String>) {
    let mut sentence_start = true;
    for raw in text.split_whitespace() {
        let word = raw.trim_matches(|c: char| !c.is_alphanumeric());
        let ends_sentence = raw.ends_with(['.', '!', '?', ':']) || raw.ends_with(".\u{201d}");
        if !word.is_empty() {
            let has_digit = word.chars().any(|c| c.is_ascii_digit());
            let capital = word.chars().next().is_some_and(char::is_uppercase)
                && !matches!(word, "I" | "Mr" | "Mrs" | "Ms" | "Dr");
            if has_digit || (capital && !sentence_start) {
                out.push(word.to_lowercase());
            }
            sentence_start = false;
        }
        if ends_sentence {
            sentence_start = true;
        }
    }
}

impl Article {
    /// A spin-robust fingerprint of the article: a MinHash signature over
    /// consecutive pairs of the tokens spinners leave alone (numbers and
    /// capitalised names inside sentences). A spun copy and its source score
    /// high with [`Fingerprint::similarity`]; other stories on the same topic
    /// share names but not their sequence, and score low.
    ///
    /// # Examples
    /// ```
    /// let spun = artnorm::normalize(
    ///     "Title\n\nPutin made the announcement in Pyongyang, his to start with due to the fact 2000, \
    ///      and Kim Jong Un greeted him at Kim Il Sung Square at 0300 community time.",
    /// )?;
    /// let source = artnorm::normalize(
    ///     "Title\n\nPutin made the announcement in Pyongyang, his first since 2000, \
    ///      and Kim Jong Un greeted him at Kim Il Sung Square at 0300 local time.",
    /// )?;
    /// let other = artnorm::normalize(
    ///     "Title\n\nIn Seoul, officials said Kim Jong Un had tested missiles; \
    ///      Putin was in Moscow on Friday and Biden in Washington.",
    /// )?;
    /// assert!(artnorm::similarity(&spun, &source) > 0.8);
    /// assert!(artnorm::similarity(&spun, &other) < 0.3);
    /// # Ok::<(), artnorm::Error>(())
    /// ```
    #[must_use]
    pub fn fingerprint(&self) -> Fingerprint {
        fingerprint(self)
    }
}

pub(crate) fn fingerprint(article: &Article) -> Fingerprint {
    let mut tokens = Vec::new();
    if let Some(title) = &article.title {
        anchors(title, &mut tokens);
    }
    for block in &article.blocks {
        match block {
            Block::Figure { caption, .. } => {
                if let Some(caption) = caption {
                    anchors(caption, &mut tokens);
                }
            }
            other => {
                if let Some(text) = other.text() {
                    anchors(text, &mut tokens);
                }
            }
        }
    }
    let mut pairs: Vec<u64> = tokens
        .windows(2)
        .filter_map(|w| match w {
            [a, b] => Some(mix(hash_str(a) ^ mix(hash_str(b)))),
            _ => None,
        })
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    if pairs.is_empty() {
        return Fingerprint {
            minhash: Vec::new(),
            pairs: 0,
        };
    }
    let minhash = (0..SIGNATURE_LEN as u64)
        .map(|seed| {
            let salt = mix(seed.wrapping_add(0x9e37_79b9_7f4a_7c15));
            pairs
                .iter()
                .map(|&p| mix(p ^ salt))
                .min()
                .unwrap_or(u64::MAX)
        })
        .collect();
    Fingerprint {
        minhash,
        pairs: pairs.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_skip_sentence_openers() {
        let mut out = Vec::new();
        anchors(
            "The two met. Mr Kim said Putin came in 2000, not Xi.",
            &mut out,
        );
        assert_eq!(out, ["kim", "putin", "2000", "xi"]);
    }

    #[test]
    fn empty_articles_are_similar_to_nothing() {
        let empty = fingerprint(&Article::default());
        assert!(empty.minhash.is_empty());
        assert_eq!(empty.similarity(&empty), 0.0);
    }
}
