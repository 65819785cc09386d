//! Every page of the development corpus (`../shared/corpus/wcxb-dev-articles`,
//! real scraped pages with all their chrome) gives an article or a typed
//! error, never a panic, and every span it reports is exact.

use std::path::Path;

#[test]
fn every_corpus_page_normalizes() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/wcxb-dev-articles/text");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("SKIPPED: no corpus at {}", dir.display());
        return;
    };
    let normalizer = artnorm::Normalizer::default();
    let mut pages = 0;
    for entry in entries {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        match normalizer.normalize_bytes(&bytes) {
            Ok(article) => {
                for removal in &article.removed {
                    let at = bytes
                        .get(removal.span.start..removal.span.end)
                        .map(String::from_utf8_lossy);
                    assert_eq!(
                        at.as_deref().map(str::trim),
                        Some(removal.text.as_str()),
                        "{}: {removal:?}",
                        path.display()
                    );
                }
            }
            Err(artnorm::Error::EmptyInput) => {}
            Err(e) => panic!("{}: {e}", path.display()),
        }
        pages += 1;
    }
    assert!(pages >= 700, "only {pages} pages read");
}
