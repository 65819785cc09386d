//! Golden files: an article's JSON compared byte for byte with a file under
//! `tests/golden/`. Run with `ARTNORM_BLESS=1` to rewrite the files after an
//! intended change, then review the diff.

use std::path::{Path, PathBuf};

pub fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

/// Every figure of the article as `(credit, alt, caption)`, in order.
pub fn figures(
    article: &artnorm::Article,
) -> Vec<(Option<String>, Option<String>, Option<String>)> {
    article
        .blocks
        .iter()
        .filter_map(|b| match b {
            artnorm::Block::Figure {
                credit,
                alt,
                caption,
            } => Some((credit.clone(), alt.clone(), caption.clone())),
            _ => None,
        })
        .collect()
}

/// Compares `actual` with the golden file `name`, or rewrites it when blessing.
pub fn check(name: &str, actual: &str) {
    let path = golden_dir().join(name);
    if std::env::var_os("ARTNORM_BLESS").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run with ARTNORM_BLESS=1 to create it)",
            path.display()
        )
    });
    if expected != actual {
        let first_diff = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(expected.lines().count().min(actual.lines().count()));
        panic!(
            "{} differs from the output at line {}:\n  golden: {:?}\n  actual: {:?}\n(run with ARTNORM_BLESS=1 to accept the new output, then review the diff)",
            path.display(),
            first_diff + 1,
            expected.lines().nth(first_diff),
            actual.lines().nth(first_diff)
        );
    }
}
