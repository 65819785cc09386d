//! Everything compiled once per process: lexicons turned into sets and
//! automata, and the regular expressions of the rules.
//!
//! None of it depends on [`Options`](crate::Options), so every
//! [`Normalizer`](crate::Normalizer) shares one copy and building a
//! normalizer costs nothing.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind, StartKind};
use regex::Regex;

use crate::article::RemovalKind;
use crate::lexicon;

pub(crate) struct Tables {
    /// Known outlets, longest first (for unglueing `WongBBC News`).
    pub outlets: Vec<&'static str>,
    /// Known outlets, lower-case.
    pub outlet_set: HashSet<String>,
    /// A photo credit at the start of a line: optional `Name /` then an agency.
    pub credit_lead: Regex,
    /// Known picture agencies, lower-case.
    pub agency_set: HashSet<String>,
    /// Known picture agencies as written (`credit_lead`'s alternatives): a
    /// line without a `/` that starts with none of them cannot match it.
    pub agencies: Vec<&'static str>,
    /// The words `trailing_credit` needs (ASCII case-insensitive): a line
    /// without one of them cannot match it.
    pub credit_words: AhoCorasick,
    pub category_placeholders: HashSet<&'static str>,
    pub source_links: HashSet<&'static str>,
    /// `By`, `Written by`, … at the start of a line.
    pub byline_prefix: Regex,
    pub months: HashMap<String, u8>,
    /// Whole-line boilerplate phrases.
    pub boilerplate_lines: HashMap<&'static str, RemovalKind>,
    /// Boilerplate phrases a short line may start with.
    pub boilerplate_prefixes: AhoCorasick,
    pub boilerplate_prefix_kinds: Vec<RemovalKind>,
    pub date: Regex,
    pub time: Regex,
    pub contributors: Regex,
    pub shortcode: Regex,
    pub ad_marker: Regex,
    pub trailing_credit: Regex,
    pub credit_line: Regex,
    pub byline_trailer: Regex,
    pub posted_by: Regex,
    pub category_line: Regex,
    /// ` in London`, ` in New York` after a name.
    pub in_place: Regex,
    /// Shortcode pairs whose content is an embed, not prose: `[embed]URL[/embed]`.
    pub embed_pair: Regex,
    /// The spin lexicons, one automaton.
    pub spin: crate::spin::lexicon::SpinLexicon,
}

pub(crate) static TABLES: LazyLock<Tables> = LazyLock::new(Tables::build);

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

        let months: HashMap<String, u8> = lexicon::MONTHS
            .entries()
            .filter_map(|f| Some((f.first()?.to_string(), f.get(1)?.parse().ok()?)))
            .collect();

        let mut boilerplate_lines = HashMap::new();
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
                boilerplate_lines.insert(*phrase, kind);
            }
        }
        let boilerplate_prefixes = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .build(&prefixes)
            .expect("boilerplate prefixes build");

        // Every alternative of `trailing_credit`'s keyword group contains
        // one of these (`photograph`, `imagen`, `fotografía` included).
        let credit_words = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .build(["photo", "image", "picture", "credit", "foto", "bild"])
            .expect("credit words build");

        Tables {
            outlets,
            outlet_set,
            credit_lead,
            agency_set,
            agencies,
            credit_words,
            category_placeholders: lexicon::CATEGORY_PLACEHOLDERS.words().collect(),
            source_links: lexicon::SOURCE_LINKS.words().collect(),
            byline_prefix,
            months,
            boilerplate_lines,
            boilerplate_prefixes,
            boilerplate_prefix_kinds,
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
            contributors: regex(
                r"(?i)^(?:additional\s+reporting|additional\s+research|reporting|writing|editing|edited|compiled|produced|research|graphics|fact-checking|con\s+información\s+de|mit\s+material\s+von)\s+(?:by\s+|de\s+|von\s+)?",
            ),
            shortcode: regex(r#"\[/?[A-Za-z_][A-Za-z0-9_-]*(?:\s+[^\[\]]*)?\]"#),
            ad_marker: regex(
                r"(?i)^\[/?(?:ad|ads|adsense|advert|advertisement)(?:[_-]?\d+)?(?:\s[^\]]*)?\]$",
            ),
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
            category_line: regex(
                r"(?i)^(?:category|categories|filed\s+under|posted\s+in|section|categoría|rubrik|rubrique)\s*:?\s+(?P<cat>.{1,60})$",
            ),
            spin: spin(),
        }
    }

    /// True for a known outlet name, compared case-insensitively.
    pub fn is_outlet(&self, text: &str) -> bool {
        self.outlet_set.contains(&text.to_lowercase())
    }

    /// True for a known picture agency, compared case-insensitively.
    pub fn is_agency(&self, text: &str) -> bool {
        self.agency_set.contains(&text.to_lowercase())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_build() {
        let tables = &*TABLES;
        assert!(tables.is_outlet("bbc news"));
        assert!(tables.is_agency("Getty Images"));
        assert_eq!(tables.months.get("june"), Some(&6));
    }
}
