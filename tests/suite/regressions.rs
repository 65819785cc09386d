//! Crash regressions: every input a fuzz target ever failed on, replayed
//! through the same checks as the targets (fuzz/regressions/<target>/).
//! Each completes with an article or a typed error, with exact spans.

use std::path::Path;

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/regressions")
        .join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|entries| entries.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    files
        .into_iter()
        .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
        .collect()
}

fn check_bytes(name: &str, data: &[u8]) {
    match artnorm::Normalizer::default().normalize_bytes(data) {
        Ok(article) => {
            let utf8 = article.encoding.name == "UTF-8";
            let spans = article
                .removed
                .iter()
                .map(|r| r.span)
                .chain(article.spin.findings.iter().map(|f| f.span));
            for span in spans {
                assert!(span.start <= span.end, "{name}: {span:?}");
                if utf8 {
                    let at = data.get(span.start..span.end);
                    assert!(
                        at.is_some_and(|b| std::str::from_utf8(b).is_ok()),
                        "{name}: span {span:?} not on the input's char boundaries"
                    );
                }
            }
            let back = artnorm::Article::from_json(&article.to_json()).unwrap();
            assert_eq!(back, article, "{name}: JSON round-trip");
            let _ = (article.to_text(), article.to_markdown());
        }
        Err(
            artnorm::Error::EmptyInput
            | artnorm::Error::InputTooLarge { .. }
            | artnorm::Error::InvalidUtf8 { .. },
        ) => {}
        Err(e) => panic!("{name}: unexpected error {e}"),
    }
}

#[test]
fn normalize_bytes_regressions() {
    let cases = inputs("normalize_bytes");
    assert!(
        !cases.is_empty(),
        "fuzz/regressions/normalize_bytes is empty"
    );
    for (name, data) in cases {
        check_bytes(&name, &data);
    }
}

#[test]
fn every_target_regression_normalizes() {
    for target in ["repair_text", "c_abi", "restore_from"] {
        for (name, data) in inputs(target) {
            check_bytes(&name, &data);
            if target == "repair_text" {
                let text = String::from_utf8_lossy(&data);
                let (once, _) = artnorm::repair_text(&text);
                let (twice, _) = artnorm::repair_text(&once);
                assert_eq!(once, twice, "{name}: repair is not idempotent");
            }
            if target == "restore_from" {
                let at = data.iter().position(|&b| b == 0).unwrap_or(data.len());
                let spun = String::from_utf8_lossy(&data[..at]);
                let original = String::from_utf8_lossy(data.get(at + 1..).unwrap_or(&[]));
                if let Ok(article) = artnorm::normalize(&spun) {
                    let restored = artnorm::restore_from(&article, &original);
                    assert!(restored.words_restored <= restored.words_total, "{name}");
                }
            }
        }
    }
}
