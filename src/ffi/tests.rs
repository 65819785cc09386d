//! Rust-side tests of the `extern "C"` functions, called as C would.

use std::ffi::{c_char, CStr};
use std::ptr::{null, null_mut};

use super::article::*;
use super::byline::*;
use super::fingerprint::*;
use super::guard::into_raw;
use super::options::*;
use super::restoration::*;
use super::string::*;
use super::*;

const SAMPLE: &[u8] = b"Uncategorized\n\nLeaders meet in Pyongyang\n\n[ad_1]\n\n\
    By\xC2\xA0Tessa WongBBC News\n\n\
    The two leaders signed a pact on Wednesday.\n\n\
    Additional reporting by Joel Guinto and Kelly Ng.\n\n[ad_2]\n\nSource link";

fn bytes(view: artnorm_str) -> Option<&'static [u8]> {
    // SAFETY: views in these tests are read while their handle lives.
    (!view.ptr.is_null()).then(|| unsafe { std::slice::from_raw_parts(view.ptr, view.len) })
}

fn text(view: artnorm_str) -> Option<&'static str> {
    bytes(view).map(|b| std::str::from_utf8(b).unwrap())
}

fn last_error() -> String {
    let mut buf = [0 as c_char; 256];
    let mut written = 0;
    assert_eq!(
        unsafe { artnorm_last_error(buf.as_mut_ptr(), buf.len(), &mut written) },
        artnorm_status::Ok
    );
    let message = unsafe { CStr::from_ptr(buf.as_ptr()) }
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(message.len(), written);
    message
}

fn normalize(input: &[u8], options: *const artnorm_options) -> *mut artnorm_article {
    let mut article = null_mut();
    let status = unsafe { artnorm_normalize(input.as_ptr(), input.len(), options, &mut article) };
    assert_eq!(status, artnorm_status::Ok, "{}", last_error());
    assert!(!article.is_null());
    article
}

fn owned(string: *mut artnorm_string) -> String {
    let mut view = artnorm_str::NULL;
    assert_eq!(
        unsafe { artnorm_string_view(string, &mut view) },
        artnorm_status::Ok
    );
    let text = text(view).unwrap().to_owned();
    // The bytes are NUL-terminated for C.
    assert_eq!(unsafe { *view.ptr.add(view.len) }, 0);
    unsafe { artnorm_string_free(string) };
    text
}

#[test]
fn version_matches_the_crate() {
    let version = unsafe { CStr::from_ptr(artnorm_version()) };
    assert_eq!(version.to_str().unwrap(), env!("CARGO_PKG_VERSION"));
}

#[test]
fn status_strings_cover_every_code() {
    for code in 0..=9 {
        let s = unsafe { CStr::from_ptr(artnorm_status_str(code)) };
        assert_ne!(s.to_str().unwrap(), "unknown status", "code {code}");
    }
    let s = unsafe { CStr::from_ptr(artnorm_status_str(10_000)) };
    assert_eq!(s.to_str().unwrap(), "unknown status");
}

#[test]
fn every_error_maps_to_its_own_code() {
    let cases = [
        (crate::Error::EmptyInput, artnorm_status::EmptyInput),
        (
            crate::Error::InvalidUtf8 { offset: 1 },
            artnorm_status::InvalidUtf8,
        ),
        (
            crate::Error::InputTooLarge { len: 2, limit: 1 },
            artnorm_status::InputTooLarge,
        ),
        (
            crate::Error::UnknownEncoding("x".into()),
            artnorm_status::UnknownEncoding,
        ),
        (
            crate::Error::InvalidOption("x".into()),
            artnorm_status::InvalidOption,
        ),
    ];
    for (error, status) in cases {
        assert_eq!(artnorm_status::from_error(&error), status, "{error}");
    }
}

#[test]
fn normalizes_and_reads_every_field() {
    let article = normalize(SAMPLE, null());
    let mut view = artnorm_str::NULL;
    unsafe {
        let mut schema = 0;
        assert_eq!(
            artnorm_article_schema(article, &mut schema),
            artnorm_status::Ok
        );
        assert_eq!(schema, ARTNORM_SCHEMA_VERSION);
        assert_eq!(
            artnorm_article_title(article, &mut view),
            artnorm_status::Ok
        );
        assert_eq!(text(view), Some("Leaders meet in Pyongyang"));
        assert_eq!(
            artnorm_article_category(article, &mut view),
            artnorm_status::Ok
        );
        assert_eq!(text(view), None);
        assert_eq!(view.len, 0);
        assert_eq!(
            artnorm_article_published(article, &mut view),
            artnorm_status::Ok
        );
        assert_eq!(text(view), None);

        let mut flag = 7;
        assert_eq!(
            artnorm_article_has_byline(article, &mut flag),
            artnorm_status::Ok
        );
        assert_eq!(flag, 1);
        assert_eq!(artnorm_article_byline_author_count(article), 1);
        assert_eq!(
            artnorm_article_byline_author(article, 0, &mut view),
            artnorm_status::Ok
        );
        assert_eq!(text(view), Some("Tessa Wong"));
        assert_eq!(
            artnorm_article_byline_author(article, 1, &mut view),
            artnorm_status::OutOfRange
        );
        assert!(last_error().contains("index 1"));
        assert_eq!(
            artnorm_article_byline_outlet(article, &mut view),
            artnorm_status::Ok
        );
        assert_eq!(text(view), Some("BBC News"));

        assert_eq!(artnorm_article_block_count(article), 1);
        let mut kind = 99;
        assert_eq!(
            artnorm_article_block_type(article, 0, &mut kind),
            artnorm_status::Ok
        );
        assert_eq!(kind, artnorm_block_type::Paragraph as u32);
        assert_eq!(
            artnorm_article_block_text(article, 0, &mut view),
            artnorm_status::Ok
        );
        assert_eq!(
            text(view),
            Some("The two leaders signed a pact on Wednesday.")
        );
        for read in [
            artnorm_article_block_credit,
            artnorm_article_block_alt,
            artnorm_article_block_caption,
        ] {
            assert_eq!(read(article, 0, &mut view), artnorm_status::Ok);
            assert_eq!(text(view), None);
            assert_eq!(read(article, 1, &mut view), artnorm_status::OutOfRange);
        }

        assert_eq!(artnorm_article_contributor_count(article), 2);
        assert_eq!(
            artnorm_article_contributor(article, 1, &mut view),
            artnorm_status::Ok
        );
        assert_eq!(text(view), Some("Kelly Ng"));

        assert_eq!(artnorm_article_removed_count(article), 4);
        assert_eq!(
            artnorm_article_removed_kind(article, 3, &mut view),
            artnorm_status::Ok
        );
        assert_eq!(text(view), Some("source_link"));
        assert_eq!(
            artnorm_article_removed_text(article, 0, &mut view),
            artnorm_status::Ok
        );
        assert_eq!(text(view), Some("Uncategorized"));
        let mut span = artnorm_span { start: 9, end: 9 };
        assert_eq!(
            artnorm_article_removed_span(article, 0, &mut span),
            artnorm_status::Ok
        );
        assert_eq!(&SAMPLE[span.start..span.end], b"Uncategorized");

        let repairs = artnorm_article_repair_count(article);
        assert!(repairs >= 1, "a no-break space was repaired");
        let mut count = 0u64;
        let mut names = Vec::new();
        for i in 0..repairs {
            assert_eq!(
                artnorm_article_repair(article, i, &mut view, &mut count),
                artnorm_status::Ok
            );
            assert!(count > 0);
            names.push(text(view).unwrap());
        }
        assert!(names.contains(&"unicode_space"), "{names:?}");
        assert_eq!(
            artnorm_article_repair(article, repairs, &mut view, &mut count),
            artnorm_status::OutOfRange
        );

        assert_eq!(
            artnorm_article_encoding_name(article, &mut view),
            artnorm_status::Ok
        );
        assert_eq!(text(view), Some("UTF-8"));
        assert_eq!(
            artnorm_article_encoding_detected(article, &mut flag),
            artnorm_status::Ok
        );
        assert_eq!(flag, 0);
        assert_eq!(
            artnorm_article_encoding_bom(article, &mut flag),
            artnorm_status::Ok
        );
        assert_eq!(flag, 0);

        assert_eq!(
            artnorm_article_spin_is_spun(article, &mut flag),
            artnorm_status::Ok
        );
        let mut score = -1.0f32;
        assert_eq!(
            artnorm_article_spin_score(article, &mut score),
            artnorm_status::Ok
        );
        assert!((0.0..=1.0).contains(&score));
        let findings = artnorm_article_spin_finding_count(article);
        let mut confidence = 0.0f32;
        assert_eq!(
            artnorm_article_spin_finding_span(article, findings, &mut span),
            artnorm_status::OutOfRange
        );
        assert_eq!(
            artnorm_article_spin_finding_confidence(article, findings, &mut confidence),
            artnorm_status::OutOfRange
        );
        for read in [
            artnorm_article_spin_finding_found,
            artnorm_article_spin_finding_suggestion,
            artnorm_article_spin_finding_rule,
        ] {
            assert_eq!(
                read(article, findings, &mut view),
                artnorm_status::OutOfRange
            );
        }
        assert_eq!(
            artnorm_article_spin_finding_applied(article, findings, &mut flag),
            artnorm_status::OutOfRange
        );

        let rust = crate::Normalizer::default()
            .normalize_bytes(SAMPLE)
            .unwrap();
        let mut out = null_mut();
        assert_eq!(
            artnorm_article_to_json(article, &mut out),
            artnorm_status::Ok
        );
        assert_eq!(owned(out), rust.to_json());
        assert_eq!(
            artnorm_article_to_text(article, &mut out),
            artnorm_status::Ok
        );
        assert_eq!(owned(out), rust.to_text());
        assert_eq!(
            artnorm_article_to_markdown(article, &mut out),
            artnorm_status::Ok
        );
        assert_eq!(owned(out), rust.to_markdown());
        assert_eq!(
            artnorm_article_body_text(article, &mut out),
            artnorm_status::Ok
        );
        assert_eq!(owned(out), rust.body_text());
        artnorm_article_free(article);
    }
}

#[test]
fn spin_findings_are_read_through() {
    // Build the findings by hand: detection is not what is tested here.
    let mut rust = crate::Article::default();
    rust.spin.is_spun = true;
    rust.spin.score = 0.75;
    rust.spin.findings.push(crate::SpinFinding {
        span: crate::Span::new(3, 9),
        found: "assist each individual other".into(),
        suggestion: "help each other".into(),
        confidence: 0.9,
        rule: "lexicon:news".into(),
        applied: true,
    });
    let article = into_raw(artnorm_article::new(rust));
    let mut view = artnorm_str::NULL;
    let mut flag = 0;
    let mut number = 0.0f32;
    let mut span = artnorm_span { start: 0, end: 0 };
    unsafe {
        assert_eq!(
            artnorm_article_spin_is_spun(article, &mut flag),
            artnorm_status::Ok
        );
        assert_eq!(flag, 1);
        assert_eq!(
            artnorm_article_spin_score(article, &mut number),
            artnorm_status::Ok
        );
        assert_eq!(number, 0.75);
        assert_eq!(artnorm_article_spin_finding_count(article), 1);
        assert_eq!(
            artnorm_article_spin_finding_span(article, 0, &mut span),
            artnorm_status::Ok
        );
        assert_eq!(span, artnorm_span { start: 3, end: 9 });
        assert_eq!(
            artnorm_article_spin_finding_found(article, 0, &mut view),
            artnorm_status::Ok
        );
        assert_eq!(text(view), Some("assist each individual other"));
        assert_eq!(
            artnorm_article_spin_finding_suggestion(article, 0, &mut view),
            artnorm_status::Ok
        );
        assert_eq!(text(view), Some("help each other"));
        assert_eq!(
            artnorm_article_spin_finding_confidence(article, 0, &mut number),
            artnorm_status::Ok
        );
        assert_eq!(number, 0.9);
        assert_eq!(
            artnorm_article_spin_finding_rule(article, 0, &mut view),
            artnorm_status::Ok
        );
        assert_eq!(text(view), Some("lexicon:news"));
        assert_eq!(
            artnorm_article_spin_finding_applied(article, 0, &mut flag),
            artnorm_status::Ok
        );
        assert_eq!(flag, 1);
        artnorm_article_free(article);
    }
}

#[test]
fn figures_and_dates_are_read_through() {
    let mut rust = crate::Article {
        published: crate::Date::new(2024, 6, 19),
        category: Some(String::new()),
        ..Default::default()
    };
    rust.blocks.push(crate::Block::Figure {
        credit: Some("Sputnik / Getty Images".into()),
        alt: None,
        caption: Some("All smiles".into()),
    });
    let article = into_raw(artnorm_article::new(rust));
    let mut view = artnorm_str::NULL;
    let mut kind = 0;
    unsafe {
        assert_eq!(
            artnorm_article_published(article, &mut view),
            artnorm_status::Ok
        );
        assert_eq!(text(view), Some("2024-06-19"));
        // Present but empty: a non-NULL pointer and length 0.
        assert_eq!(
            artnorm_article_category(article, &mut view),
            artnorm_status::Ok
        );
        assert_eq!(text(view), Some(""));
        assert_eq!(
            artnorm_article_block_type(article, 0, &mut kind),
            artnorm_status::Ok
        );
        assert_eq!(kind, artnorm_block_type::Figure as u32);
        assert_eq!(
            artnorm_article_block_text(article, 0, &mut view),
            artnorm_status::Ok
        );
        assert_eq!(text(view), None);
        assert_eq!(
            artnorm_article_block_credit(article, 0, &mut view),
            artnorm_status::Ok
        );
        assert_eq!(text(view), Some("Sputnik / Getty Images"));
        assert_eq!(
            artnorm_article_block_alt(article, 0, &mut view),
            artnorm_status::Ok
        );
        assert_eq!(text(view), None);
        assert_eq!(
            artnorm_article_block_caption(article, 0, &mut view),
            artnorm_status::Ok
        );
        assert_eq!(text(view), Some("All smiles"));
        let mut flag = 5;
        assert_eq!(
            artnorm_article_has_byline(article, &mut flag),
            artnorm_status::Ok
        );
        assert_eq!(flag, 0);
        assert_eq!(artnorm_article_byline_author_count(article), 0);
        assert_eq!(
            artnorm_article_byline_author(article, 0, &mut view),
            artnorm_status::OutOfRange
        );
        artnorm_article_free(article);
    }
}

#[test]
fn input_errors_map_to_status_codes() {
    let mut article = null_mut();
    unsafe {
        assert_eq!(
            artnorm_normalize(null(), 0, null(), &mut article),
            artnorm_status::EmptyInput
        );
        assert!(article.is_null(), "out is written only on success");
        assert_eq!(last_error(), "input is empty or only whitespace");
        assert_eq!(
            artnorm_normalize(null(), 3, null(), &mut article),
            artnorm_status::NullArgument
        );
        assert_eq!(last_error(), "argument `text` is NULL");
        let input = b"Head\n\nBody";
        assert_eq!(
            artnorm_normalize(input.as_ptr(), input.len(), null(), null_mut()),
            artnorm_status::NullArgument
        );
        // Not UTF-8: decoded by detection by default, refused when the
        // options insist on UTF-8.
        let bad = b"bad \xFF byte";
        assert_eq!(
            artnorm_normalize(bad.as_ptr(), bad.len(), null(), &mut article),
            artnorm_status::Ok
        );
        artnorm_article_free(article);
        article = null_mut();
        let mut utf8_only = null_mut();
        assert_eq!(artnorm_options_new(&mut utf8_only), artnorm_status::Ok);
        assert_eq!(
            artnorm_options_set_encoding(utf8_only, b"utf-8".as_ptr(), 5),
            artnorm_status::Ok
        );
        assert_eq!(
            artnorm_normalize(bad.as_ptr(), bad.len(), utf8_only, &mut article),
            artnorm_status::InvalidUtf8
        );
        assert!(last_error().contains("offset 4"));
        artnorm_options_free(utf8_only);
        let blank = b" \n\t\n";
        assert_eq!(
            artnorm_normalize(blank.as_ptr(), blank.len(), null(), &mut article),
            artnorm_status::EmptyInput
        );

        let mut options = null_mut();
        assert_eq!(artnorm_options_new(&mut options), artnorm_status::Ok);
        assert_eq!(
            artnorm_options_set_max_input_bytes(options, 4),
            artnorm_status::Ok
        );
        assert_eq!(
            artnorm_normalize(input.as_ptr(), input.len(), options, &mut article),
            artnorm_status::InputTooLarge
        );
        assert!(article.is_null());
        artnorm_options_free(options);
    }
}

#[test]
fn options_are_validated_and_applied() {
    let mut options = null_mut();
    unsafe {
        assert_eq!(
            artnorm_options_new(null_mut()),
            artnorm_status::NullArgument
        );
        assert_eq!(artnorm_options_new(&mut options), artnorm_status::Ok);
        let setters: [(
            unsafe extern "C" fn(*mut artnorm_options, u32) -> artnorm_status,
            u32,
        ); 5] = [
            (artnorm_options_set_quotes, 2),
            (artnorm_options_set_dashes, 2),
            (artnorm_options_set_ellipses, 2),
            (artnorm_options_set_spin, 2),
            (artnorm_options_set_strip_chrome, 1),
        ];
        for (set, max) in setters {
            for value in 0..=max {
                assert_eq!(set(options, value), artnorm_status::Ok);
            }
            assert_eq!(set(options, max + 1), artnorm_status::InvalidOption);
            assert_eq!(set(options, u32::MAX), artnorm_status::InvalidOption);
            assert_eq!(set(null_mut(), 0), artnorm_status::NullArgument);
        }
        assert_eq!(
            artnorm_options_set_spin_threshold(options, 0.5),
            artnorm_status::Ok
        );
        for bad in [-0.1, 1.5, f32::NAN, f32::INFINITY] {
            assert_eq!(
                artnorm_options_set_spin_threshold(options, bad),
                artnorm_status::InvalidOption
            );
        }
        assert!(last_error().starts_with("invalid option"));
        assert_eq!(
            artnorm_options_set_max_input_bytes(options, 0),
            artnorm_status::InvalidOption
        );
        assert_eq!(
            artnorm_options_set_max_input_bytes(options, 1 << 20),
            artnorm_status::Ok
        );
        let label = b"windows-1252";
        assert_eq!(
            artnorm_options_set_encoding(options, label.as_ptr(), label.len()),
            artnorm_status::Ok
        );
        let bad = b"\xFF";
        assert_eq!(
            artnorm_options_set_encoding(options, bad.as_ptr(), bad.len()),
            artnorm_status::InvalidUtf8
        );
        assert_eq!(
            artnorm_options_set_encoding(options, null(), 2),
            artnorm_status::NullArgument
        );
        // Failed setters leave the options as they were.
        let expected = crate::Options::default()
            .quotes(crate::QuoteStyle::Curly)
            .dashes(crate::DashStyle::Typographic)
            .ellipses(crate::EllipsisStyle::Unicode)
            .spin(crate::SpinMode::Repair)
            .strip_chrome(true)
            .spin_threshold(0.5)
            .max_input_bytes(1 << 20)
            .encoding("windows-1252");
        assert_eq!((*options).options, expected);
        artnorm_options_free(options);
    }
}

#[test]
fn options_change_the_output() {
    let mut options = null_mut();
    unsafe {
        assert_eq!(artnorm_options_new(&mut options), artnorm_status::Ok);
        assert_eq!(
            artnorm_options_set_quotes(options, artnorm_quote_style::Straight as u32),
            artnorm_status::Ok
        );
    }
    let article = normalize("A headline\n\n“Quoted,” she said.".as_bytes(), options);
    let mut out = null_mut();
    unsafe {
        assert_eq!(
            artnorm_article_body_text(article, &mut out),
            artnorm_status::Ok
        );
        assert_eq!(owned(out), "\"Quoted,\" she said.\n");
        artnorm_article_free(article);
        artnorm_options_free(options);
    }
}

#[test]
fn null_handles_are_refused_not_dereferenced() {
    let mut view = artnorm_str::NULL;
    let mut flag = 0;
    let mut out = null_mut();
    let article = normalize(SAMPLE, null());
    unsafe {
        assert_eq!(
            artnorm_article_title(null(), &mut view),
            artnorm_status::NullArgument
        );
        assert_eq!(last_error(), "argument `article` is NULL");
        assert_eq!(
            artnorm_article_title(article, null_mut()),
            artnorm_status::NullArgument
        );
        assert_eq!(
            artnorm_article_schema(null(), &mut flag),
            artnorm_status::NullArgument
        );
        assert_eq!(artnorm_article_block_count(null()), 0);
        assert_eq!(artnorm_article_contributor_count(null()), 0);
        assert_eq!(artnorm_article_removed_count(null()), 0);
        assert_eq!(artnorm_article_repair_count(null()), 0);
        assert_eq!(artnorm_article_spin_finding_count(null()), 0);
        assert_eq!(artnorm_article_byline_author_count(null()), 0);
        assert_eq!(
            artnorm_article_repair(article, 0, null_mut(), &mut 0),
            artnorm_status::NullArgument
        );
        assert_eq!(
            artnorm_article_repair(article, 0, &mut view, null_mut()),
            artnorm_status::NullArgument
        );
        assert_eq!(
            artnorm_article_to_json(null(), &mut out),
            artnorm_status::NullArgument
        );
        assert_eq!(
            artnorm_article_to_json(article, null_mut()),
            artnorm_status::NullArgument
        );
        assert_eq!(
            artnorm_string_view(null(), &mut view),
            artnorm_status::NullArgument
        );
        assert_eq!(artnorm_byline_author_count(null()), 0);
        assert_eq!(
            artnorm_byline_outlet(null(), &mut view),
            artnorm_status::NullArgument
        );
        assert_eq!(
            artnorm_byline_author(null(), 0, &mut view),
            artnorm_status::NullArgument
        );
        assert_eq!(
            artnorm_byline_to_json(null(), &mut out),
            artnorm_status::NullArgument
        );
        assert_eq!(
            artnorm_parse_byline(null(), 0, null_mut()),
            artnorm_status::NullArgument
        );
        artnorm_article_free(null_mut());
        artnorm_options_free(null_mut());
        artnorm_string_free(null_mut());
        artnorm_byline_free(null_mut());
        artnorm_article_free(article);
    }
}

#[test]
fn bylines_parse_on_their_own() {
    let text = b"By Jane Doe and John Roe, Reuters";
    let mut byline = null_mut();
    let mut view = artnorm_str::NULL;
    let mut out = null_mut();
    unsafe {
        assert_eq!(
            artnorm_parse_byline(text.as_ptr(), text.len(), &mut byline),
            artnorm_status::Ok
        );
        assert_eq!(artnorm_byline_author_count(byline), 2);
        assert_eq!(
            artnorm_byline_author(byline, 1, &mut view),
            artnorm_status::Ok
        );
        assert_eq!(super::tests::text(view), Some("John Roe"));
        assert_eq!(
            artnorm_byline_author(byline, 2, &mut view),
            artnorm_status::OutOfRange
        );
        assert_eq!(artnorm_byline_outlet(byline, &mut view), artnorm_status::Ok);
        assert_eq!(super::tests::text(view), Some("Reuters"));
        assert_eq!(artnorm_byline_to_json(byline, &mut out), artnorm_status::Ok);
        assert_eq!(
            owned(out),
            r#"{"authors":["Jane Doe","John Roe"],"outlet":"Reuters"}"#
        );
        artnorm_byline_free(byline);

        let nobody = b"By the way, it rained.";
        byline = std::ptr::dangling_mut::<artnorm_byline>();
        assert_eq!(
            artnorm_parse_byline(nobody.as_ptr(), nobody.len(), &mut byline),
            artnorm_status::Ok
        );
        assert!(byline.is_null());
        assert_eq!(
            artnorm_parse_byline(null(), 0, &mut byline),
            artnorm_status::Ok
        );
        assert!(byline.is_null());
        let bad = b"By \xC3";
        assert_eq!(
            artnorm_parse_byline(bad.as_ptr(), bad.len(), &mut byline),
            artnorm_status::InvalidUtf8
        );
    }
}

#[test]
fn last_error_truncates_like_snprintf() {
    let mut article = null_mut();
    unsafe {
        assert_eq!(
            artnorm_normalize(null(), 0, null(), &mut article),
            artnorm_status::EmptyInput
        );
        let full = "input is empty or only whitespace";
        let mut written = 0;
        assert_eq!(
            artnorm_last_error(null_mut(), 0, &mut written),
            artnorm_status::Ok
        );
        assert_eq!(written, full.len());
        let mut buf = [0x55 as c_char; 6];
        assert_eq!(
            artnorm_last_error(buf.as_mut_ptr(), buf.len(), &mut written),
            artnorm_status::Ok
        );
        assert_eq!(CStr::from_ptr(buf.as_ptr()).to_str().unwrap(), "input");
        assert_eq!(written, full.len());
        assert_eq!(
            artnorm_last_error(buf.as_mut_ptr(), 1, null_mut()),
            artnorm_status::Ok
        );
        assert_eq!(buf[0], 0);
        assert_eq!(
            artnorm_last_error(null_mut(), 4, &mut written),
            artnorm_status::NullArgument
        );
        // A failed artnorm_last_error does not replace the message.
        assert_eq!(last_error(), full);
    }
}

#[test]
fn last_error_cuts_at_a_character_boundary() {
    set_last_error("é".repeat(10));
    let mut buf = [0 as c_char; 4];
    let mut written = 0;
    unsafe {
        assert_eq!(
            artnorm_last_error(buf.as_mut_ptr(), buf.len(), &mut written),
            artnorm_status::Ok
        );
        assert_eq!(CStr::from_ptr(buf.as_ptr()).to_str().unwrap(), "é");
    }
    assert_eq!(written, 20);
}

#[test]
fn last_error_is_per_thread() {
    set_last_error("main thread".into());
    std::thread::spawn(|| assert_eq!(last_error(), ""))
        .join()
        .unwrap();
    assert_eq!(last_error(), "main thread");
}

#[test]
fn panics_become_a_status() {
    let status = guard::guard(|| panic!("boom"));
    assert_eq!(status, artnorm_status::Panic);
    assert!(last_error().contains("boom"));
    let value = guard::guard_or(7usize, || panic!("{}", String::from("bang")));
    assert_eq!(value, 7);
    assert!(last_error().contains("bang"));
}

#[test]
fn articles_are_shared_between_threads() {
    struct Shared(*const artnorm_article);
    // SAFETY: the article is immutable and Send + Sync (asserted in mod.rs).
    unsafe impl Send for Shared {}
    unsafe impl Sync for Shared {}
    let article = normalize(SAMPLE, null());
    let shared = Shared(article);
    std::thread::scope(|scope| {
        for _ in 0..4 {
            scope.spawn(|| {
                let shared = &shared;
                let mut view = artnorm_str::NULL;
                assert_eq!(
                    unsafe { artnorm_article_title(shared.0, &mut view) },
                    artnorm_status::Ok
                );
                assert_eq!(text(view), Some("Leaders meet in Pyongyang"));
            });
        }
    });
    unsafe { artnorm_article_free(article) };
}

/// Reads every field of `article` through the C accessors, checking each
/// call succeeds and each view is UTF-8.
fn walk(article: *const artnorm_article) {
    let mut view = artnorm_str::NULL;
    let mut flag = 0;
    let mut number = 0.0f32;
    let mut span = artnorm_span { start: 0, end: 0 };
    let mut count = 0u64;
    unsafe {
        let getters: [unsafe extern "C" fn(
            *const artnorm_article,
            *mut artnorm_str,
        ) -> artnorm_status; 5] = [
            artnorm_article_title,
            artnorm_article_category,
            artnorm_article_published,
            artnorm_article_byline_outlet,
            artnorm_article_encoding_name,
        ];
        for get in getters {
            assert_eq!(get(article, &mut view), artnorm_status::Ok);
            let _ = bytes(view).map(|b| std::str::from_utf8(b).unwrap());
        }
        let lists: [(
            unsafe extern "C" fn(*const artnorm_article) -> usize,
            unsafe extern "C" fn(*const artnorm_article, usize, *mut artnorm_str) -> artnorm_status,
        ); 8] = [
            (
                artnorm_article_byline_author_count,
                artnorm_article_byline_author,
            ),
            (artnorm_article_block_count, artnorm_article_block_text),
            (artnorm_article_block_count, artnorm_article_block_caption),
            (
                artnorm_article_contributor_count,
                artnorm_article_contributor,
            ),
            (artnorm_article_removed_count, artnorm_article_removed_kind),
            (artnorm_article_removed_count, artnorm_article_removed_text),
            (
                artnorm_article_spin_finding_count,
                artnorm_article_spin_finding_found,
            ),
            (
                artnorm_article_spin_finding_count,
                artnorm_article_spin_finding_rule,
            ),
        ];
        for (len, get) in lists {
            let n = len(article);
            for i in 0..n {
                assert_eq!(get(article, i, &mut view), artnorm_status::Ok);
                let _ = bytes(view).map(|b| std::str::from_utf8(b).unwrap());
            }
            assert_eq!(get(article, n, &mut view), artnorm_status::OutOfRange);
        }
        for i in 0..artnorm_article_block_count(article) {
            assert_eq!(
                artnorm_article_block_type(article, i, &mut flag),
                artnorm_status::Ok
            );
            assert!(flag <= artnorm_block_type::Figure as u32);
        }
        for i in 0..artnorm_article_removed_count(article) {
            assert_eq!(
                artnorm_article_removed_span(article, i, &mut span),
                artnorm_status::Ok
            );
            assert!(span.start <= span.end);
        }
        for i in 0..artnorm_article_repair_count(article) {
            assert_eq!(
                artnorm_article_repair(article, i, &mut view, &mut count),
                artnorm_status::Ok
            );
            assert!(count > 0);
        }
        for i in 0..artnorm_article_spin_finding_count(article) {
            assert_eq!(
                artnorm_article_spin_finding_confidence(article, i, &mut number),
                artnorm_status::Ok
            );
        }
        let mut out = null_mut();
        assert_eq!(
            artnorm_article_to_json(article, &mut out),
            artnorm_status::Ok
        );
        owned(out);
    }
}

/// Normalizes `input` through the C entry point: it returns a status (never
/// PANIC), writes an article exactly when it returns OK, and the article
/// reads back.
fn normalize_any(input: &[u8]) -> Result<(), proptest::test_runner::TestCaseError> {
    let mut article = null_mut();
    let status = unsafe { artnorm_normalize(input.as_ptr(), input.len(), null(), &mut article) };
    proptest::prop_assert_ne!(status, artnorm_status::Panic, "{}", last_error());
    proptest::prop_assert_eq!(status == artnorm_status::Ok, !article.is_null());
    if !article.is_null() {
        walk(article);
        walk_spin(article, input);
        unsafe { artnorm_article_free(article) };
    }
    Ok(())
}

/// Fingerprints `article` and restores it from `input` (cut to its UTF-8
/// prefix) through the C entry points; every call must succeed.
fn walk_spin(article: *const artnorm_article, input: &[u8]) {
    let original = match std::str::from_utf8(input) {
        Ok(text) => text,
        Err(error) => std::str::from_utf8(&input[..error.valid_up_to()]).unwrap(),
    };
    let mut fingerprint = null_mut();
    let mut restoration = null_mut();
    let mut restored: *const artnorm_article = null();
    let mut similarity = -1.0f32;
    let mut view = artnorm_str::NULL;
    unsafe {
        assert_eq!(
            artnorm_article_fingerprint(article, &mut fingerprint),
            artnorm_status::Ok
        );
        assert_eq!(
            artnorm_fingerprint_similarity(fingerprint, fingerprint, &mut similarity),
            artnorm_status::Ok
        );
        assert!(similarity == 0.0 || similarity == 1.0);
        artnorm_fingerprint_free(fingerprint);
        assert_eq!(
            artnorm_restore_from(article, original.as_ptr(), original.len(), &mut restoration),
            artnorm_status::Ok,
            "{}",
            last_error()
        );
        for i in 0..artnorm_restoration_phrase_count(restoration) {
            assert_eq!(
                artnorm_restoration_phrase_found(restoration, i, &mut view),
                artnorm_status::Ok
            );
        }
        assert_eq!(
            artnorm_restoration_article(restoration, &mut restored),
            artnorm_status::Ok
        );
        walk(restored);
        artnorm_restoration_free(restoration);
    }
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config::with_cases(64))]

    #[test]
    fn any_bytes_give_a_status(input in proptest::collection::vec(proptest::num::u8::ANY, 0..400)) {
        normalize_any(&input)?;
    }

    #[test]
    fn any_text_gives_a_status(input in "([\\PC\u{a0}\u{200b}]{0,30}(\n|\n\n|\r\n)){0,12}") {
        normalize_any(input.as_bytes())?;
    }
}

const SPUN: &[u8] =
    b"Title\n\nThey agreed to assist each individual other in the party of aggression, Mr Putin said.";
const ORIGINAL: &[u8] =
    b"They agreed to assist each other in the event of aggression, Mr Putin said.";

#[test]
fn restorations_read_like_the_rust_api() {
    let article = normalize(SPUN, null());
    let rust = crate::restore_from(
        unsafe { &(*article).article },
        std::str::from_utf8(ORIGINAL).unwrap(),
    );
    assert_eq!(rust.restored.len(), 2, "the sample must restore something");
    let mut restoration = null_mut();
    let mut view = artnorm_str::NULL;
    let mut words = 0usize;
    let mut aligned = -1.0f32;
    let mut borrowed: *const artnorm_article = null();
    let mut out = null_mut();
    unsafe {
        assert_eq!(
            artnorm_restore_from(article, ORIGINAL.as_ptr(), ORIGINAL.len(), &mut restoration),
            artnorm_status::Ok
        );
        // The input article is left as it was.
        assert_eq!(
            artnorm_article_body_text(article, &mut out),
            artnorm_status::Ok
        );
        assert!(owned(out).contains("each individual other"));
        assert_eq!(artnorm_restoration_phrase_count(restoration), 2);
        for (i, phrase) in rust.restored.iter().enumerate() {
            assert_eq!(
                artnorm_restoration_phrase_found(restoration, i, &mut view),
                artnorm_status::Ok
            );
            assert_eq!(text(view), Some(phrase.found.as_str()));
            assert_eq!(
                artnorm_restoration_phrase_original(restoration, i, &mut view),
                artnorm_status::Ok
            );
            assert_eq!(text(view), Some(phrase.original.as_str()));
        }
        assert_eq!(
            artnorm_restoration_phrase_found(restoration, 0, &mut view),
            artnorm_status::Ok
        );
        assert_eq!(text(view), Some("each individual"));
        assert_eq!(
            artnorm_restoration_phrase_found(restoration, 2, &mut view),
            artnorm_status::OutOfRange
        );
        assert_eq!(
            artnorm_restoration_phrase_original(restoration, 2, &mut view),
            artnorm_status::OutOfRange
        );
        assert_eq!(
            artnorm_restoration_words_restored(restoration, &mut words),
            artnorm_status::Ok
        );
        assert_eq!(words, rust.words_restored);
        assert!(words > 0);
        assert_eq!(
            artnorm_restoration_words_total(restoration, &mut words),
            artnorm_status::Ok
        );
        assert_eq!(words, rust.words_total);
        assert_eq!(
            artnorm_restoration_aligned(restoration, &mut aligned),
            artnorm_status::Ok
        );
        assert_eq!(aligned, rust.aligned);
        assert_eq!(
            artnorm_restoration_article(restoration, &mut borrowed),
            artnorm_status::Ok
        );
        assert_eq!(
            artnorm_article_body_text(borrowed, &mut out),
            artnorm_status::Ok
        );
        assert_eq!(
            owned(out),
            format!("{}\n", std::str::from_utf8(ORIGINAL).unwrap())
        );
        assert_eq!(
            artnorm_article_title(borrowed, &mut view),
            artnorm_status::Ok
        );
        assert_eq!(text(view), Some("Title"));
        // The JSON is the Rust `Restoration`'s, field for field.
        assert_eq!(
            artnorm_restoration_to_json(restoration, &mut out),
            artnorm_status::Ok
        );
        assert_eq!(owned(out), serde_json::to_string(&rust).unwrap());
        artnorm_restoration_free(restoration);

        // Another story: nothing restored, the article reads the same.
        let other = b"Markets fell sharply on Monday as traders sold shares in banks.";
        assert_eq!(
            artnorm_restore_from(article, other.as_ptr(), other.len(), &mut restoration),
            artnorm_status::Ok
        );
        assert_eq!(artnorm_restoration_phrase_count(restoration), 0);
        assert_eq!(
            artnorm_restoration_aligned(restoration, &mut aligned),
            artnorm_status::Ok
        );
        assert!(aligned < 0.5);
        assert_eq!(
            artnorm_restoration_article(restoration, &mut borrowed),
            artnorm_status::Ok
        );
        assert_eq!(
            artnorm_article_to_json(borrowed, &mut out),
            artnorm_status::Ok
        );
        assert_eq!(owned(out), (*article).article.to_json());
        artnorm_restoration_free(restoration);

        // An empty original is valid input and restores nothing.
        assert_eq!(
            artnorm_restore_from(article, null(), 0, &mut restoration),
            artnorm_status::Ok
        );
        assert_eq!(artnorm_restoration_phrase_count(restoration), 0);
        artnorm_restoration_free(restoration);
        artnorm_article_free(article);
    }
}

#[test]
fn restoration_errors_map_to_status_codes() {
    let article = normalize(SPUN, null());
    let mut restoration = std::ptr::dangling_mut::<artnorm_restoration>();
    let bad = b"They agreed \xC3";
    unsafe {
        assert_eq!(
            artnorm_restore_from(article, bad.as_ptr(), bad.len(), &mut restoration),
            artnorm_status::InvalidUtf8
        );
        assert_eq!(
            artnorm_restore_from(article, null(), 3, &mut restoration),
            artnorm_status::NullArgument
        );
        assert_eq!(last_error(), "argument `original` is NULL");
        assert_eq!(
            artnorm_restore_from(null(), ORIGINAL.as_ptr(), ORIGINAL.len(), &mut restoration),
            artnorm_status::NullArgument
        );
        assert_eq!(last_error(), "argument `article` is NULL");
        assert_eq!(
            artnorm_restore_from(article, ORIGINAL.as_ptr(), ORIGINAL.len(), null_mut()),
            artnorm_status::NullArgument
        );
        // Nothing was written on failure.
        assert_eq!(restoration, std::ptr::dangling_mut());

        let mut view = artnorm_str::NULL;
        let mut words = 0usize;
        let mut number = 0.0f32;
        let mut borrowed: *const artnorm_article = null();
        let mut out = null_mut();
        assert_eq!(artnorm_restoration_phrase_count(null()), 0);
        assert_eq!(
            artnorm_restoration_phrase_found(null(), 0, &mut view),
            artnorm_status::NullArgument
        );
        assert_eq!(last_error(), "argument `restoration` is NULL");
        assert_eq!(
            artnorm_restoration_phrase_original(null(), 0, &mut view),
            artnorm_status::NullArgument
        );
        assert_eq!(
            artnorm_restoration_words_restored(null(), &mut words),
            artnorm_status::NullArgument
        );
        assert_eq!(
            artnorm_restoration_words_total(null(), &mut words),
            artnorm_status::NullArgument
        );
        assert_eq!(
            artnorm_restoration_aligned(null(), &mut number),
            artnorm_status::NullArgument
        );
        assert_eq!(
            artnorm_restoration_article(null(), &mut borrowed),
            artnorm_status::NullArgument
        );
        assert_eq!(
            artnorm_restoration_to_json(null(), &mut out),
            artnorm_status::NullArgument
        );
        let restoration = {
            let mut r = null_mut();
            assert_eq!(
                artnorm_restore_from(article, ORIGINAL.as_ptr(), ORIGINAL.len(), &mut r),
                artnorm_status::Ok
            );
            r
        };
        assert_eq!(
            artnorm_restoration_phrase_found(restoration, 0, null_mut()),
            artnorm_status::NullArgument
        );
        assert_eq!(
            artnorm_restoration_phrase_original(restoration, 0, null_mut()),
            artnorm_status::NullArgument
        );
        assert_eq!(
            artnorm_restoration_words_restored(restoration, null_mut()),
            artnorm_status::NullArgument
        );
        assert_eq!(
            artnorm_restoration_words_total(restoration, null_mut()),
            artnorm_status::NullArgument
        );
        assert_eq!(
            artnorm_restoration_aligned(restoration, null_mut()),
            artnorm_status::NullArgument
        );
        assert_eq!(
            artnorm_restoration_article(restoration, null_mut()),
            artnorm_status::NullArgument
        );
        assert_eq!(
            artnorm_restoration_to_json(restoration, null_mut()),
            artnorm_status::NullArgument
        );
        artnorm_restoration_free(restoration);
        artnorm_restoration_free(null_mut());
        artnorm_article_free(article);
    }
}

const SOURCE: &[u8] = b"Title\n\nPutin made the announcement in Pyongyang, his first since 2000, \
    and Kim Jong Un greeted him at Kim Il Sung Square at 0300 local time.";
const SPUN_COPY: &[u8] = b"Title\n\nPutin made the announcement in Pyongyang, his to start with \
    due to the fact 2000, and Kim Jong Un greeted him at Kim Il Sung Square at 0300 community time.";
const OTHER_STORY: &[u8] = b"Title\n\nIn Seoul, officials said Kim Jong Un had tested missiles; \
    Putin was in Moscow on Friday and Biden in Washington.";

fn fingerprint_of(article: *const artnorm_article) -> *mut artnorm_fingerprint {
    let mut fingerprint = null_mut();
    assert_eq!(
        unsafe { artnorm_article_fingerprint(article, &mut fingerprint) },
        artnorm_status::Ok
    );
    assert!(!fingerprint.is_null());
    fingerprint
}

#[test]
fn fingerprints_read_like_the_rust_api() {
    let source = normalize(SOURCE, null());
    let spun = normalize(SPUN_COPY, null());
    let other = normalize(OTHER_STORY, null());
    let (fs, fspun, fother) = (
        fingerprint_of(source),
        fingerprint_of(spun),
        fingerprint_of(other),
    );
    let rust = unsafe { (*source).article.fingerprint() };
    let mut value = 0u64;
    let mut pairs = 0usize;
    let mut similarity = -1.0f32;
    unsafe {
        assert_eq!(artnorm_fingerprint_len(fs), ARTNORM_SIGNATURE_LEN);
        for (i, want) in rust.minhash.iter().enumerate() {
            assert_eq!(
                artnorm_fingerprint_value(fs, i, &mut value),
                artnorm_status::Ok
            );
            assert_eq!(value, *want);
        }
        assert_eq!(
            artnorm_fingerprint_value(fs, ARTNORM_SIGNATURE_LEN, &mut value),
            artnorm_status::OutOfRange
        );
        assert_eq!(
            artnorm_fingerprint_pairs(fs, &mut pairs),
            artnorm_status::Ok
        );
        assert_eq!(pairs, rust.pairs);
        assert!(pairs > 0);

        assert_eq!(
            artnorm_fingerprint_similarity(fs, fs, &mut similarity),
            artnorm_status::Ok
        );
        assert_eq!(similarity, 1.0);
        assert_eq!(
            artnorm_fingerprint_similarity(fspun, fs, &mut similarity),
            artnorm_status::Ok
        );
        assert!(similarity > 0.8, "{similarity}");
        let mut direct = -1.0f32;
        assert_eq!(
            artnorm_article_similarity(spun, source, &mut direct),
            artnorm_status::Ok
        );
        assert_eq!(direct, similarity);
        assert_eq!(
            direct,
            crate::similarity(&(*spun).article, &(*source).article)
        );
        assert_eq!(
            artnorm_fingerprint_similarity(fspun, fother, &mut similarity),
            artnorm_status::Ok
        );
        assert!(similarity < 0.3, "{similarity}");

        // A fingerprint outlives its article.
        artnorm_article_free(source);
        assert_eq!(
            artnorm_fingerprint_value(fs, 0, &mut value),
            artnorm_status::Ok
        );
        assert_eq!(Some(&value), rust.minhash.first());

        // No anchors: no values, similar to nothing.
        let plain = normalize(b"Title\n\nthe weather was fine and nobody came.", null());
        let fplain = fingerprint_of(plain);
        assert_eq!(artnorm_fingerprint_len(fplain), 0);
        assert_eq!(
            artnorm_fingerprint_value(fplain, 0, &mut value),
            artnorm_status::OutOfRange
        );
        assert_eq!(
            artnorm_fingerprint_pairs(fplain, &mut pairs),
            artnorm_status::Ok
        );
        assert_eq!(pairs, 0);
        assert_eq!(
            artnorm_fingerprint_similarity(fplain, fplain, &mut similarity),
            artnorm_status::Ok
        );
        assert_eq!(similarity, 0.0);

        for f in [fs, fspun, fother, fplain] {
            artnorm_fingerprint_free(f);
        }
        for a in [spun, other, plain] {
            artnorm_article_free(a);
        }
    }
}

#[test]
fn fingerprint_nulls_are_refused() {
    let article = normalize(SOURCE, null());
    let fingerprint = fingerprint_of(article);
    let mut value = 0u64;
    let mut pairs = 0usize;
    let mut similarity = 0.0f32;
    let mut out = std::ptr::dangling_mut::<artnorm_fingerprint>();
    unsafe {
        assert_eq!(
            artnorm_article_fingerprint(null(), &mut out),
            artnorm_status::NullArgument
        );
        assert_eq!(out, std::ptr::dangling_mut());
        assert_eq!(
            artnorm_article_fingerprint(article, null_mut()),
            artnorm_status::NullArgument
        );
        assert_eq!(artnorm_fingerprint_len(null()), 0);
        assert_eq!(
            artnorm_fingerprint_value(null(), 0, &mut value),
            artnorm_status::NullArgument
        );
        assert_eq!(
            artnorm_fingerprint_value(fingerprint, 0, null_mut()),
            artnorm_status::NullArgument
        );
        assert_eq!(
            artnorm_fingerprint_pairs(null(), &mut pairs),
            artnorm_status::NullArgument
        );
        assert_eq!(
            artnorm_fingerprint_pairs(fingerprint, null_mut()),
            artnorm_status::NullArgument
        );
        assert_eq!(
            artnorm_fingerprint_similarity(null(), fingerprint, &mut similarity),
            artnorm_status::NullArgument
        );
        assert_eq!(last_error(), "argument `a` is NULL");
        assert_eq!(
            artnorm_fingerprint_similarity(fingerprint, null(), &mut similarity),
            artnorm_status::NullArgument
        );
        assert_eq!(last_error(), "argument `b` is NULL");
        assert_eq!(
            artnorm_fingerprint_similarity(fingerprint, fingerprint, null_mut()),
            artnorm_status::NullArgument
        );
        assert_eq!(
            artnorm_article_similarity(null(), article, &mut similarity),
            artnorm_status::NullArgument
        );
        assert_eq!(
            artnorm_article_similarity(article, null(), &mut similarity),
            artnorm_status::NullArgument
        );
        assert_eq!(
            artnorm_article_similarity(article, article, null_mut()),
            artnorm_status::NullArgument
        );
        artnorm_fingerprint_free(fingerprint);
        artnorm_fingerprint_free(null_mut());
        artnorm_article_free(article);
    }
}
