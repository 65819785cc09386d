//! Properties over generated input: no panic, exact spans, determinism, JSON
//! round-trip.

use proptest::prelude::*;

/// Lines that look like pieces of a scraped article.
fn article_line() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Z][a-z]{2,8}( [a-z]{2,8}){3,20}\\.",
        "[A-Z][a-z]{2,8}( [A-Z][a-z]{2,8}){1,6}",
        Just("[ad_1]".to_owned()),
        Just("By\u{a0}Jane DoeReuters".to_owned()),
        Just("Share this:".to_owned()),
        Just("Source link".to_owned()),
        Just("Sputnik / Getty Images A photo of a thing.Sputnik / Getty Visuals".to_owned()),
        Just("Additional reporting by Ann Lee and Bo Kim.".to_owned()),
        Just("Published 19 June 2024".to_owned()),
        Just("Putinâ€™s aides said the talks were â€œproductiveâ€\u{9d}.".to_owned()),
        Just("Fish &amp; chips&nbsp;cost&#160;more than\u{200b} ever.".to_owned()),
        Just("Image source, Getty Images".to_owned()),
        Just("Image caption, Crowds gathered in the square".to_owned()),
        Just("Category: World".to_owned()),
        Just("• A list item here".to_owned()),
        Just("> A quoted line of text".to_owned()),
        Just("Posted on 12 March 2024 by Jane Doe".to_owned()),
        Just("By Jane Doe, Senior Correspondent, in London".to_owned()),
        Just("[caption id=\"attachment_1\" width=\"300\"]A caption here[/caption]".to_owned()),
        Just("They agreed to assist each individual other in the party of aggression.".to_owned()),
        "\\PC{0,40}",
    ]
}

fn article_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (article_line(), prop_oneof!["\n", "\n\n", "\r\n", "\n \n"]),
        1..30,
    )
    .prop_map(|lines| lines.into_iter().map(|(l, sep)| l + &sep).collect())
}

pub(crate) fn check_article(input: &str) -> Result<(), TestCaseError> {
    match artnorm::normalize(input) {
        Ok(article) => {
            for removal in &article.removed {
                let at = input.get(removal.span.start..removal.span.end);
                prop_assert!(at.is_some(), "span off a char boundary: {:?}", removal);
                prop_assert_eq!(at.map(str::trim), Some(removal.text.as_str()));
            }
            for finding in &article.spin.findings {
                let at = input.get(finding.span.start..finding.span.end);
                prop_assert!(at.is_some(), "finding off a char boundary: {:?}", finding);
                let (repaired, _) = artnorm::Normalizer::default().repair_text(at.unwrap_or(""));
                prop_assert!(
                    at == Some(finding.found.as_str()) || repaired.trim() == finding.found,
                    "finding {:?} is not what the input holds there: {:?}",
                    finding,
                    at
                );
            }
            let json = article.to_json();
            let back: artnorm::Article = serde_json::from_str(&json).unwrap();
            prop_assert_eq!(&back, &article);
            let again = artnorm::normalize(input).unwrap();
            prop_assert_eq!(again.to_json(), json);
        }
        Err(artnorm::Error::EmptyInput) => {
            let invisible = |c: char| {
                c.is_whitespace() || "\u{200b}\u{200c}\u{200d}\u{2060}\u{feff}\u{ad}".contains(c)
            };
            // Nothing visible, or nothing visible once repaired (a line of
            // only `Â` is a mis-decoded no-break space).
            let (repaired, _) = artnorm::Normalizer::default().repair_text(input);
            prop_assert!(
                input.chars().all(invisible) || repaired.chars().all(invisible),
                "EmptyInput for {:?}",
                input
            );
        }
        Err(e) => prop_assert!(false, "unexpected error {e}"),
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn article_shaped_text(input in article_text()) {
        check_article(&input)?;
    }

    #[test]
    fn arbitrary_text(input in "\\PC*") {
        check_article(&input)?;
    }

    #[test]
    fn arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = artnorm::Normalizer::default().normalize_bytes(&bytes);
    }
}

// ---------------------------------------------------------------------------
// Nothing is lost.
//
// The rule, exactly: take the input through `Normalizer::repair_text` (the
// documented repairs: entities, mojibake, spaces, typography) and split it
// into words, a word being a maximal run of alphanumeric characters,
// compared case-folded (`to_lowercase`). Do the same for everything the
// article holds: title, category, byline authors and outlet, every block
// (text, figure credit, alt and caption), contributors, and the text of every
// `removed` entry. Each input word must occur in the article at least as
// often as in the input, except:
//
// * the structural label words in `LABEL_WORDS` below (`By` and the other
//   byline labels of data/byline_prefixes.txt, `Image source`, `Published`,
//   `Additional reporting by … and …`, …): they mark a field the article now
//   holds as structure;
// * when the article has a `published` date: numbers, month and weekday
//   names and time words, which the date line became;
// * a word the segmenter unglued (`DoeReuters` → `Doe`, `Reuters`), which
//   counts as present when it splits at a lower→upper or digit→letter
//   boundary into words that are present.
//
// List markers are not words: `•` and `-` are not alphanumeric, and an
// ordered-list number (`1.`, `2)` opening a line) is dropped before counting.
// ---------------------------------------------------------------------------

/// Structural label words that may become structure instead of text.
const LABEL_WORDS: &[&str] = &[
    "by",
    "and",
    "with",
    "image",
    "images",
    "source",
    "caption",
    "photo",
    "photograph",
    "credit",
    "published",
    "updated",
    "posted",
    "on",
    "at",
    "additional",
    "reporting",
    "category",
    "categories",
    "filed",
    "under",
    "written",
    "words",
    "author",
    "authors",
    "story",
    "reported",
    "byline",
    "von",
    "por",
    "par",
    "di",
    "door",
    "av",
];

/// Words a date line is made of.
const DATE_WORDS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thurs",
    "fri",
    "sat",
    "sun",
    "am",
    "pm",
    "gmt",
    "bst",
    "utc",
    "et",
    "edt",
    "est",
    "pt",
    "cet",
    "cest",
    "st",
    "nd",
    "rd",
    "th",
    "last",
    "first",
    "t",
];

fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

fn article_words(
    article: &artnorm::Article,
    input: &str,
) -> std::collections::HashMap<String, usize> {
    let normalizer = artnorm::Normalizer::default();
    let mut counts = std::collections::HashMap::new();
    let mut add = |text: &str| {
        for word in words(text) {
            *counts.entry(word).or_insert(0) += 1;
        }
    };
    for text in article.title.iter().chain(&article.category) {
        add(text);
    }
    if let Some(byline) = &article.byline {
        byline.authors.iter().for_each(|a| add(a));
        byline.outlet.iter().for_each(|o| add(o));
    }
    for block in &article.blocks {
        match block {
            artnorm::Block::Figure {
                credit,
                alt,
                caption,
            } => {
                for text in [credit, alt, caption].into_iter().flatten() {
                    add(text);
                }
            }
            other => add(other.text().unwrap_or("")),
        }
    }
    article.contributors.iter().for_each(|c| add(c));
    // A removal's words as repair reads them in the input: its text is the
    // span trimmed, and a trimmed no-break space can be the second byte of
    // a mis-decoded `à` (`Ã` + U+00A0), which repair reads only whole.
    for removal in &article.removed {
        let raw = input
            .get(removal.span.start..removal.span.end)
            .unwrap_or(&removal.text);
        add(&normalizer.repair_text(raw).0);
    }
    counts
}

/// Splits `word` (case preserved) at lower→upper and digit↔letter boundaries.
fn unglued_parts(word: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut prev: Option<char> = None;
    for c in word.chars() {
        if let Some(p) = prev {
            let boundary =
                (p.is_lowercase() && c.is_uppercase()) || (p.is_numeric() != c.is_numeric());
            if boundary && !current.is_empty() {
                parts.push(std::mem::take(&mut current).to_lowercase());
            }
        }
        current.push(c);
        prev = Some(c);
    }
    if !current.is_empty() {
        parts.push(current.to_lowercase());
    }
    parts
}

pub(crate) fn check_nothing_lost(input: &str) -> Result<(), TestCaseError> {
    let Ok(article) = artnorm::normalize(input) else {
        return Ok(());
    };
    let (repaired, _) = artnorm::Normalizer::default().repair_text(input);
    let mut have = article_words(&article, input);
    let dated = article.published.is_some();
    let exempt = |w: &str| {
        LABEL_WORDS.contains(&w)
            || (dated && (DATE_WORDS.contains(&w) || w.chars().all(char::is_numeric)))
    };
    // An ordered-list marker (`1.`, `2)`) at the start of a line is structure.
    let unmarked: String = repaired
        .lines()
        .map(|line| {
            let trimmed = line.trim_start();
            let digits = trimmed.len()
                - trimmed
                    .trim_start_matches(|c: char| c.is_ascii_digit())
                    .len();
            match trimmed.get(digits..) {
                Some(rest)
                    if (1..=3).contains(&digits)
                        && (rest.starts_with(". ") || rest.starts_with(") ")) =>
                {
                    rest
                }
                _ => line,
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let raw_words = unmarked
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty());
    for raw in raw_words {
        let word = raw.to_lowercase();
        if let Some(n) = have.get_mut(&word).filter(|n| **n > 0) {
            *n -= 1;
            continue;
        }
        if exempt(&word) {
            continue;
        }
        let parts = unglued_parts(raw);
        if parts.len() > 1
            && parts
                .iter()
                .all(|p| have.get(p).is_some_and(|n| *n > 0) || exempt(p))
        {
            for part in parts {
                if let Some(n) = have.get_mut(&part).filter(|n| **n > 0) {
                    *n -= 1;
                }
            }
            continue;
        }
        prop_assert!(
            false,
            "word {:?} of the input is neither in the article nor in removed\ninput: {:?}\narticle: {}",
            raw,
            input,
            article.to_json()
        );
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Idempotence: normalizing `article.to_text()` gives back the same title,
// byline, category, date, blocks and contributors. Exemption: `to_text` does
// not print a figure's alt text when the figure has a caption or a credit, so
// figure alt text is compared only when it is all the figure holds.
//
// Checked with `strip_chrome(false)`: the page-chrome model scores a unit by
// its neighbours and position, which `to_text` changes (metadata moves to the
// top, removed lines vanish), so its decisions are not idempotent and are
// exempt; every rule-based decision is checked.
// Reproducer for the chrome model: normalize "Category: World\n\na\u{1bfc}\n\n
// Fish & chips cost more than ever.\n\nImage caption, …" (see the report).

// ---------------------------------------------------------------------------

fn without_alt(blocks: &[artnorm::Block]) -> Vec<artnorm::Block> {
    blocks
        .iter()
        .map(|block| match block {
            artnorm::Block::Figure {
                credit,
                alt,
                caption,
            } if caption.is_some() || credit.is_some() => artnorm::Block::Figure {
                credit: credit.clone(),
                alt: alt.as_ref().and(None),
                caption: caption.clone(),
            },
            other => other.clone(),
        })
        .collect()
}

pub(crate) fn check_idempotent(input: &str) -> Result<(), TestCaseError> {
    let normalizer = artnorm::Normalizer::builder()
        .strip_chrome(false)
        .build()
        .unwrap();
    let Ok(first) = normalizer.normalize(input) else {
        return Ok(());
    };
    let text = first.to_text();
    let second = match normalizer.normalize(&text) {
        Ok(second) => second,
        Err(e) => {
            // An article with nothing in it renders as an empty line.
            prop_assert!(
                text.trim().is_empty(),
                "to_text() fails to normalize: {e}\n{text:?}"
            );
            return Ok(());
        }
    };
    let context = format!("input: {input:?}\ntext: {text:?}");
    prop_assert_eq!(&second.title, &first.title, "title\n{}", context);
    prop_assert_eq!(&second.category, &first.category, "category\n{}", context);
    prop_assert_eq!(&second.byline, &first.byline, "byline\n{}", context);
    prop_assert_eq!(
        &second.published,
        &first.published,
        "published\n{}",
        context
    );
    prop_assert_eq!(
        without_alt(&second.blocks),
        without_alt(&first.blocks),
        "blocks\n{}",
        context
    );
    prop_assert_eq!(
        &second.contributors,
        &first.contributors,
        "contributors\n{}",
        context
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn nothing_is_lost_article_shaped(input in article_text()) {
        check_nothing_lost(&input)?;
    }

    #[test]
    fn nothing_is_lost_arbitrary(input in "\\PC*") {
        check_nothing_lost(&input)?;
    }

    #[test]
    fn idempotent_article_shaped(input in article_text()) {
        check_idempotent(&input)?;
    }

    #[test]
    fn idempotent_arbitrary(input in "\\PC*") {
        check_idempotent(&input)?;
    }
}
