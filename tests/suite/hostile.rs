//! Hostile input: each completes with an article or a typed error.

fn normalize_ok_or_typed_error(input: &str) {
    match artnorm::normalize(input) {
        Ok(article) => {
            for removal in &article.removed {
                assert!(input.get(removal.span.start..removal.span.end).is_some());
            }
        }
        Err(artnorm::Error::EmptyInput | artnorm::Error::InputTooLarge { .. }) => {}
        Err(e) => panic!("unexpected error {e}"),
    }
}

#[test]
fn a_50_mb_line_without_spaces() {
    let input = "x".repeat(50 << 20);
    let article = artnorm::normalize(&input).unwrap();
    assert_eq!(article.blocks.len(), 1);
}

#[test]
fn a_million_blank_lines() {
    let mut input = "\n".repeat(1_000_000);
    assert_eq!(artnorm::normalize(&input), Err(artnorm::Error::EmptyInput));
    input.push_str("Headline\n\nA paragraph of text.\n");
    assert_eq!(artnorm::normalize(&input).unwrap().blocks.len(), 1);
}

#[test]
fn a_hundred_thousand_ad_markers() {
    let input = "[ad_1]\n".repeat(100_000) + "Headline\n\nBody text here.\n";
    let article = artnorm::normalize(&input).unwrap();
    assert_eq!(article.removed.len(), 100_000);
    assert_eq!(article.title.as_deref(), Some("Headline"));
}

#[test]
fn runs_of_by() {
    normalize_ok_or_typed_error(&"By ".repeat(100_000));
    normalize_ok_or_typed_error(&"By By By By\n".repeat(10_000));
}

#[test]
fn unbalanced_caption_shortcodes() {
    normalize_ok_or_typed_error(&"[caption id=\"a\" width=\"1\"]Some text ".repeat(10_000));
    normalize_ok_or_typed_error(&"[/caption]\n[caption\n".repeat(10_000));
    normalize_ok_or_typed_error("[caption id=\"attachment_1\"");
}

#[test]
fn ten_million_a_tilde() {
    normalize_ok_or_typed_error(&"Ã".repeat(10_000_000));
}

#[test]
fn nul_bytes_and_controls() {
    normalize_ok_or_typed_error("\0\0\0Headline\0\n\n\u{1}Body\u{7f} text\u{9c}.\0");
    normalize_ok_or_typed_error(&"\0".repeat(1000));
}

#[test]
fn lone_surrogates_through_the_byte_api() {
    // CESU-style encoded surrogate halves are not UTF-8.
    let bytes = b"Headline\n\n\xED\xA0\x80 text \xED\xB0\x80";
    // By default the bytes go to encoding detection and come back as an
    // article; a caller who insists on UTF-8 gets the offset of the first
    // surrogate half.
    let article = artnorm::Normalizer::default()
        .normalize_bytes(bytes)
        .unwrap();
    assert!(article.encoding.detected);
    assert_eq!(article.title.as_deref(), Some("Headline"));
    let utf8_only = artnorm::Normalizer::builder()
        .encoding("utf-8")
        .build()
        .unwrap();
    assert_eq!(
        utf8_only.normalize_bytes(bytes),
        Err(artnorm::Error::InvalidUtf8 { offset: 10 })
    );
}

#[test]
fn mixed_line_endings() {
    let article = artnorm::normalize(
        "Headline\r\n\r\nFirst paragraph here.\r\rSecond one here.\n\u{2028}Third.\u{2029}",
    )
    .unwrap();
    assert_eq!(article.title.as_deref(), Some("Headline"));
    assert_eq!(
        article.body_text(),
        "First paragraph here.\nSecond one here.\nThird.\n"
    );
}

#[test]
fn input_over_the_limit_is_a_typed_error() {
    let normalizer = artnorm::Normalizer::builder()
        .max_input_bytes(10)
        .build()
        .unwrap();
    assert_eq!(
        normalizer.normalize("0123456789ab"),
        Err(artnorm::Error::InputTooLarge { len: 12, limit: 10 })
    );
}
