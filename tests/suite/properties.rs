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

fn check_article(input: &str) -> Result<(), TestCaseError> {
    match artnorm::normalize(input) {
        Ok(article) => {
            for removal in &article.removed {
                let at = input.get(removal.span.start..removal.span.end);
                prop_assert!(at.is_some(), "span off a char boundary: {:?}", removal);
                prop_assert_eq!(at.map(str::trim), Some(removal.text.as_str()));
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
            prop_assert!(input.chars().all(invisible), "EmptyInput for {:?}", input);
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
