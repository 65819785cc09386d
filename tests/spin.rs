//! Spin detection, repair, restoration and fingerprints, end to end.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use artnorm::{Article, Normalizer, SpinMode};

const SAMPLE: &str = include_str!("../samples/bbc-putin-kim-spun.txt");

fn normalize(text: &str, mode: SpinMode) -> Article {
    Normalizer::builder()
        .spin(mode)
        .build()
        .and_then(|n| n.normalize(text))
        .unwrap()
}

/// Every text the article shows: title, blocks, figure parts.
fn shown(article: &Article) -> String {
    article.to_text()
}

#[test]
fn the_sample_is_judged_spun_and_spans_point_into_the_input() {
    let article = normalize(SAMPLE, SpinMode::Detect);
    assert!(article.spin.is_spun);
    assert!(article.spin.score > 0.9, "{}", article.spin.score);
    assert!(
        article.spin.findings.len() >= 30,
        "{}",
        article.spin.findings.len()
    );
    for finding in &article.spin.findings {
        assert_eq!(
            SAMPLE.get(finding.span.start..finding.span.end),
            Some(finding.found.as_str())
        );
        assert!(!finding.applied);
    }
    // Detection leaves the text alone.
    let off = normalize(SAMPLE, SpinMode::Off);
    assert_eq!(off.blocks, article.blocks);
    assert_eq!(off.spin.findings.len(), 0);
}

/// The phrases the issue lists, spun → original.
const LISTED: &[(&str, &str)] = &[
    ("thirty day period", "earlier this month"),
    ("to start with due to the fact 2000", "his first since 2000"),
    ("each individual other", "each other"),
    ("in the party of", "in the event of"),
    ("Nationwide Safety adviser", "National Security adviser"),
    ("Stimson Heart assume tank", "Stimson Center think tank"),
    ("encounter-to-experience", "face-to-face"),
    ("20-four many years later on", "Twenty-four years later"),
    ("Pink carpet", "Red carpet"),
    ("rooster soup", "chicken soup"),
    ("tea established", "tea set"),
];

#[test]
fn repair_restores_every_listed_phrase_and_only_rewrites_findings() {
    let repaired = normalize(SAMPLE, SpinMode::Repair);
    let text = shown(&repaired);
    for (spun, original) in LISTED {
        assert!(!text.contains(spun), "still spun: {spun}");
        assert!(text.contains(original), "not restored: {original}");
    }
    assert!(!text.contains("Getty Visuals") && !text.contains("Getty Photos"));
    // Correct wording stays: names, numbers and unspun phrases.
    for kept in [
        "James Martin Center for Nonproliferation Studies",
        "a red carpet welcome",
        "Kim Il Sung Square",
        "June 19, 2024",
        "Additional reporting",
    ] {
        assert!(
            text.contains(kept) || repaired.contributors.len() == 3,
            "lost: {kept}"
        );
    }
    let applied = repaired.spin.findings.iter().filter(|f| f.applied).count();
    assert!(applied >= 30, "{applied}");
    // Unapplied findings are either below the threshold or outside the shown text.
    let detect = normalize(SAMPLE, SpinMode::Detect);
    assert_eq!(detect.spin.findings.len(), repaired.spin.findings.len());
    // Nothing but the applied findings changed: replaying them on the
    // detect-mode text gives the repaired text exactly.
    let mut replayed = shown(&detect);
    for finding in repaired.spin.findings.iter().filter(|f| f.applied) {
        assert!(replayed.contains(&finding.found), "{finding:?}");
        replayed = replayed.replacen(&finding.found, &finding.suggestion, 1);
    }
    assert_eq!(replayed, text);
}

#[test]
fn clean_text_is_not_spun() {
    let text = "Markets rally as rates hold\n\n\
        Stocks rose on Wednesday after the central bank held interest rates steady for the first time \
        since March, and investors bet that inflation had peaked.\n\n\
        To start with, the bank said it would watch the data. Due to the fact that prices are falling, \
        analysts at the Stimson Center think tank expect a cut later this month.\n\n\
        The American Heart Association and the National Safety Council were not involved.";
    let article = normalize(text, SpinMode::Repair);
    assert!(!article.spin.is_spun);
    assert!(
        article.spin.findings.is_empty(),
        "{:?}",
        article.spin.findings
    );
}

#[test]
fn a_single_odd_phrase_is_reported_but_the_article_is_not_spun() {
    let text = "Headline here\n\nThe soup was rooster soup with ginseng, and the guests loved it very much indeed.";
    let article = normalize(text, SpinMode::Repair);
    assert_eq!(article.spin.findings.len(), 1);
    assert!(!article.spin.is_spun);
    assert!(!article.spin.findings[0].applied);
    assert!(article.body_text().contains("rooster soup"));
}

/// The development corpus, if this machine has it: `ARTNORM_CORPUS` or the
/// shared folder beside the checkout.
fn corpus_dir() -> Option<std::path::PathBuf> {
    let candidates = [
        std::env::var("ARTNORM_CORPUS").ok(),
        Some("/work/shared/corpus/wcxb-dev-articles".to_owned()),
        Some("../shared/corpus/wcxb-dev-articles".to_owned()),
    ];
    candidates
        .into_iter()
        .flatten()
        .map(std::path::PathBuf::from)
        .find(|p| p.join("ground-truth.json").exists())
}

/// False positives on clean news: the reviewed `articleBody` of every page of
/// the development corpus. Run with
/// `cargo test --release --test spin -- --ignored --nocapture clean_corpus`.
#[test]
#[ignore = "needs the development corpus; prints figures"]
fn clean_corpus_false_positives() {
    let Some(dir) = corpus_dir() else {
        eprintln!("no corpus: set ARTNORM_CORPUS");
        return;
    };
    let truth: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("ground-truth.json")).unwrap())
            .unwrap();
    let normalizer = Normalizer::builder()
        .spin(SpinMode::Detect)
        .build()
        .unwrap();
    // [all, even half (the tortured-phrase filter saw it), odd half (held out)]
    let mut words = [0usize; 3];
    let mut findings = [0usize; 3];
    let mut spun = Vec::new();
    let mut pages = 0;
    for (page, record) in truth.as_object().unwrap() {
        let Some(body) = record["articleBody"].as_str() else {
            continue;
        };
        let Ok(article) = normalizer.normalize(body) else {
            continue;
        };
        pages += 1;
        let half = 1 + page.parse::<usize>().unwrap_or(0) % 2;
        let n = body.split_whitespace().count();
        for slot in [0, half] {
            words[slot] += n;
            findings[slot] += article.spin.findings.len();
        }
        for f in &article.spin.findings {
            println!(
                "{page}\t{:.2}\t{}\t{} -> {}",
                f.confidence, f.rule, f.found, f.suggestion
            );
        }
        if article.spin.is_spun {
            spun.push(page.clone());
        }
    }
    let rate = |i: usize| findings[i] as f64 * 5000.0 / words[i].max(1) as f64;
    println!(
        "pages {pages}, words {}, findings {} ({:.3} per 5,000 words); even half {:.3}, held-out odd half {:.3}; judged spun: {spun:?}",
        words[0],
        findings[0],
        rate(0),
        rate(1),
        rate(2)
    );
    // The scraped pages too, chrome and all (menus, related links, comments).
    let (mut page_words, mut page_findings, mut pages_spun) = (0usize, 0usize, Vec::new());
    for entry in std::fs::read_dir(dir.join("text")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let Ok(article) = normalizer.normalize(&text) else {
            continue;
        };
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        page_words += article.to_text().split_whitespace().count();
        page_findings += article.spin.findings.len();
        for f in &article.spin.findings {
            println!(
                "page {name}\t{:.2}\t{}\t{} -> {}",
                f.confidence, f.rule, f.found, f.suggestion
            );
        }
        if article.spin.is_spun {
            pages_spun.push(name);
        }
    }
    println!(
        "scraped pages: words kept {page_words}, findings {page_findings} ({:.3} per 5,000 words); judged spun: {pages_spun:?}",
        page_findings as f64 * 5000.0 / page_words.max(1) as f64
    );
    assert!(spun.is_empty(), "clean articles judged spun: {spun:?}");
    assert!(rate(0) < 1.0);
}

/// Detection cost: `normalize()` over the corpus text files, spin off vs
/// detect, best of five. Run in release:
/// `cargo test --release --test spin -- --ignored --nocapture detection_cost`.
#[test]
#[ignore = "needs the development corpus; a timing, run in release"]
fn detection_cost() {
    let Some(dir) = corpus_dir() else {
        eprintln!("no corpus: set ARTNORM_CORPUS");
        return;
    };
    let mut texts = Vec::new();
    for entry in std::fs::read_dir(dir.join("text")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            texts.push(std::fs::read_to_string(path).unwrap());
        }
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    let off_normalizer = Normalizer::builder().spin(SpinMode::Off).build().unwrap();
    let detect_normalizer = Normalizer::builder()
        .spin(SpinMode::Detect)
        .build()
        .unwrap();
    let once = |normalizer: &Normalizer| {
        let start = std::time::Instant::now();
        for text in &texts {
            std::hint::black_box(normalizer.normalize(text).ok());
        }
        start.elapsed().as_secs_f64()
    };
    let _ = once(&detect_normalizer); // warm the tables
                                      // Interleaved, best of nine each: the machine is shared.
    let (mut off, mut detect) = (f64::MAX, f64::MAX);
    for _ in 0..9 {
        off = off.min(once(&off_normalizer));
        detect = detect.min(once(&detect_normalizer));
    }
    println!(
        "{} files, {:.1} MB: spin off {:.3} s, detect {:.3} s, +{:.1}%",
        texts.len(),
        bytes as f64 / 1e6,
        off,
        detect,
        (detect / off - 1.0) * 100.0
    );
}

/// The BBC wording behind some of the sample's spun phrases (spun → original),
/// to make a de-spun reference of the sample for the restore and fingerprint
/// tests. Independent of the lexicons: taken from the original story.
const ORIGINAL_WORDING: &[(&str, &str)] = &[
    ("mutual assist in opposition to", "mutual help against"),
    ("each individual other", "each other"),
    (
        "his to start with due to the fact 2000",
        "his first since 2000",
    ),
    (
        "Mr Kim claimed it took their romance",
        "Mr Kim said it took their relationship",
    ),
    ("has apprehensive the West", "has worried the West"),
    ("is imagined to be supplying", "is thought to be supplying"),
    ("in the party of aggression", "in the event of aggression"),
    ("in current months", "in recent months"),
    ("encounter-to-experience conference", "face-to-face meeting"),
    ("previously this thirty day period", "earlier this month"),
    ("prolonged-array weapons", "long-range weapons"),
    ("historic minute", "historic moment"),
    ("Pink carpet", "Red carpet"),
    ("is probable to anger", "is likely to anger"),
    ("Nationwide Safety adviser", "National Security adviser"),
    ("experienced informed", "had told"),
    ("Stimson Heart assume tank", "Stimson Center think tank"),
    ("0300 community time", "0300 local time"),
    ("no cost was spared", "no expense was spared"),
    ("numerous of whom", "many of whom"),
    ("named following the", "named after the"),
    ("portraits of them selves", "portraits of themselves"),
    ("point out reception", "state reception"),
    ("these types of as cod", "such as cod"),
    ("rooster soup", "chicken soup"),
    ("tea established", "tea set"),
    ("Getty Visuals", "Getty Images"),
    ("Getty Photos", "Getty Images"),
    ("20-four many years later on", "Twenty-four years later"),
    ("intercontinental sanctions", "international sanctions"),
    ("Soviet instances", "Soviet times"),
    ("delicate power", "soft power"),
    ("Supply hyperlink", "Source link"),
];

fn despun_sample() -> String {
    let mut text = SAMPLE.to_owned();
    for (spun, original) in ORIGINAL_WORDING {
        assert!(text.contains(spun), "{spun}");
        text = text.replace(spun, original);
    }
    text
}

#[test]
fn restore_from_the_original_copies_its_wording_back() {
    let spun = normalize(SAMPLE, SpinMode::Detect);
    let reference = despun_sample();
    let restored = artnorm::restore_from(&spun, &reference);
    assert!(restored.aligned > 0.9, "{}", restored.aligned);
    let text = shown(&restored.article);
    let mut missed = Vec::new();
    for (spun_phrase, original) in ORIGINAL_WORDING {
        if shown(&spun).contains(spun_phrase) && !text.contains(original) {
            missed.push(*spun_phrase);
        }
    }
    // Each restored phrase is one of the known substitutions.
    for phrase in &restored.restored {
        assert!(
            ORIGINAL_WORDING
                .iter()
                .any(|(s, o)| s.contains(phrase.found.as_str())
                    && o.contains(phrase.original.as_str())),
            "unexpected restoration {phrase:?}"
        );
    }
    println!(
        "restore: {} phrases, {} of {} words, aligned {:.3}, missed {missed:?}",
        restored.restored.len(),
        restored.words_restored,
        restored.words_total,
        restored.aligned
    );
    assert!(missed.len() <= 2, "not restored: {missed:?}");
    assert!(restored.words_restored > 40, "{}", restored.words_restored);
    // Restoring from the article's own text changes nothing.
    let same = artnorm::restore_from(&spun, SAMPLE);
    assert!(same.restored.is_empty());
    assert_eq!(same.article, spun);
}

/// A different story on the same topic, with many of the same names.
const SAME_TOPIC: &str = "Kim Jong Un hosts Putin\n\n\
    Russian President Vladimir Putin arrived in Pyongyang on Tuesday night for talks with Kim Jong Un, \
    his first visit to North Korea in 24 years, state media KCNA reported.\n\n\
    Analysts in Seoul said the summit showed how far ties between Moscow and Pyongyang had grown since \
    Russia invaded Ukraine in February 2022. The United States and South Korea accuse North Korea of \
    shipping artillery shells to Russia, which both countries deny.\n\n\
    Putin later flew to Hanoi, where Vietnam's leaders welcomed him on Thursday. The White House said \
    it was watching the visits closely, and Japan said it would consult with Washington and Seoul.";

#[test]
fn fingerprints_cluster_a_spun_copy_with_its_source_only() {
    let spun = normalize(SAMPLE, SpinMode::Detect);
    let source = normalize(&despun_sample(), SpinMode::Detect);
    let repaired = normalize(SAMPLE, SpinMode::Repair);
    let other = normalize(SAME_TOPIC, SpinMode::Detect);
    let with_source = artnorm::similarity(&spun, &source);
    let with_repaired = artnorm::similarity(&spun, &repaired);
    let with_other = artnorm::similarity(&spun, &other);
    println!("similarity: source {with_source}, repaired {with_repaired}, same topic {with_other}");
    assert!(with_source > 0.8, "{with_source}");
    assert!(with_repaired > 0.8, "{with_repaired}");
    assert!(with_other < 0.2, "{with_other}");
    assert_eq!(spun.fingerprint(), spun.clone().fingerprint());
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    const PIECES: &[&str] = &[
        "thirty day period",
        "Nationwide Safety",
        "Stimson Heart assume tank",
        "20-four many years later on",
        "his to start with due to the fact 2000",
        "rooster soup",
        "counterfeit consciousness",
        "Getty Visuals",
        "People in america",
        " ",
        "\n\n",
        ".",
        "’",
        "\u{a0}",
        "é",
        "Mr Kim",
        "said",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn findings_point_at_their_text_and_repair_never_panics(
            picks in proptest::collection::vec(0..PIECES.len(), 1..40)
        ) {
            let text: String = picks.iter().map(|&i| PIECES[i]).collect();
            for mode in [SpinMode::Detect, SpinMode::Repair] {
                let Ok(normalizer) = Normalizer::builder().spin(mode).build() else { continue };
                let Ok(article) = normalizer.normalize(&text) else { continue };
                prop_assert!((0.0..=1.0).contains(&article.spin.score));
                for f in &article.spin.findings {
                    prop_assert_eq!(text.get(f.span.start..f.span.end), Some(f.found.as_str()));
                }
                let restored = artnorm::restore_from(&article, &text);
                for phrase in &restored.restored {
                    // Only the reference's own wording is copied in.
                    prop_assert!(text.contains(&phrase.original), "{:?}", phrase);
                }
            }
        }
    }
}

#[test]
fn real_names_in_a_spun_article_are_reported_at_most_never_rewritten() {
    // Inside the body (after the footer, a page's text reads as chrome).
    let text = SAMPLE.replacen(
        "Additional reporting by",
        "The American Heart Association and the National Safety Council said nothing about the visit.\n\nAdditional reporting by",
        1,
    );
    let repaired = normalize(&text, SpinMode::Repair);
    assert!(repaired.spin.is_spun);
    let shown = shown(&repaired);
    assert!(shown.contains("The American Heart Association and the National Safety Council"));
    for f in repaired.spin.findings.iter().filter(|f| f.rule == "name") {
        if f.found == "Heart"
            && text
                .get(f.span.start..)
                .is_some_and(|t| t.starts_with("Heart Association"))
        {
            assert!(!f.applied && f.confidence < 0.8, "{f:?}");
        }
    }
}

/// The sample's fingerprint against every article of the development
/// corpus: none is its source, so all should score low. Run with
/// `cargo test --release --test spin -- --ignored --nocapture fingerprint_against`.
#[test]
#[ignore = "needs the development corpus; prints figures"]
fn fingerprint_against_the_corpus() {
    let Some(dir) = corpus_dir() else {
        eprintln!("no corpus: set ARTNORM_CORPUS");
        return;
    };
    let sample = normalize(SAMPLE, SpinMode::Detect).fingerprint();
    let source = normalize(&despun_sample(), SpinMode::Detect).fingerprint();
    let mut scores = Vec::new();
    for entry in std::fs::read_dir(dir.join("text")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        if let Ok(article) = artnorm::normalize(&text) {
            scores.push((sample.similarity(&article.fingerprint()), path));
        }
    }
    scores.sort_by(|a, b| b.0.total_cmp(&a.0));
    println!(
        "sample vs de-spun source {:.3}; vs {} corpus pages: max {:.3} ({:?}), mean {:.4}",
        sample.similarity(&source),
        scores.len(),
        scores[0].0,
        scores[0].1.file_name().unwrap(),
        scores.iter().map(|s| s.0).sum::<f32>() / scores.len() as f32
    );
    assert!(scores[0].0 < 0.2);
}

#[test]
fn spans_count_a_byte_order_mark() {
    let text =
        "\u{feff}Headline\n\nThe soup was rooster soup with ginseng, served on Wednesday evening.";
    let article = Normalizer::default()
        .normalize_bytes(text.as_bytes())
        .unwrap();
    let finding = &article.spin.findings[0];
    assert_eq!(&text[finding.span.start..finding.span.end], "rooster soup");
}
