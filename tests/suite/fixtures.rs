//! Fixture articles: `tests/fixtures/<name>/input.txt`, with hand-written
//! expectations in `expect.json` (checked field by field) and the full golden
//! output in `expected.json` (checked byte for byte; `ARTNORM_BLESS=1`
//! rewrites it).

use std::path::{Path, PathBuf};

use artnorm::{Article, Block};
use serde_json::Value;

fn fixture_dirs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("input.txt").exists())
        .collect();
    dirs.sort();
    dirs
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect()
}

fn opt(value: &Value) -> Option<String> {
    value.as_str().map(str::to_owned)
}

/// Every mismatch between `article` and the expectations, as messages.
fn mismatches(article: &Article, expect: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let mut check = |field: &str, expected: String, actual: String| {
        if expected != actual {
            out.push(format!("{field}: expected {expected}, got {actual}"));
        }
    };
    let object = expect.as_object().unwrap();
    if let Some(v) = object.get("title") {
        check(
            "title",
            format!("{:?}", opt(v)),
            format!("{:?}", article.title),
        );
    }
    if let Some(v) = object.get("category") {
        check(
            "category",
            format!("{:?}", opt(v)),
            format!("{:?}", article.category),
        );
    }
    if let Some(v) = object.get("published") {
        check(
            "published",
            format!("{:?}", opt(v)),
            format!("{:?}", article.published.map(|d| d.to_string())),
        );
    }
    if let Some(v) = object.get("byline") {
        let expected = if v.is_null() {
            "None".to_owned()
        } else {
            format!("{:?} / {:?}", strings(&v["authors"]), opt(&v["outlet"]))
        };
        let actual = match &article.byline {
            None => "None".to_owned(),
            Some(b) => format!("{:?} / {:?}", b.authors, b.outlet),
        };
        check("byline", expected, actual);
    }
    if let Some(v) = object.get("contributors") {
        check(
            "contributors",
            format!("{:?}", strings(v)),
            format!("{:?}", article.contributors),
        );
    }
    if let Some(v) = object.get("block_types") {
        let actual: Vec<&str> = article.blocks.iter().map(Block::kind).collect();
        check(
            "block_types",
            format!("{:?}", strings(v)),
            format!("{actual:?}"),
        );
    }
    if let Some(v) = object.get("figures") {
        let expected: Vec<_> = v
            .as_array()
            .unwrap()
            .iter()
            .map(|f| (opt(&f["credit"]), opt(&f["alt"]), opt(&f["caption"])))
            .collect();
        let actual = crate::golden::figures(article);
        check("figures", format!("{expected:?}"), format!("{actual:?}"));
    }
    if let Some(v) = object.get("headings") {
        let actual: Vec<&str> = article
            .blocks
            .iter()
            .filter(|b| matches!(b, Block::Heading { .. }))
            .filter_map(Block::text)
            .collect();
        check(
            "headings",
            format!("{:?}", strings(v)),
            format!("{actual:?}"),
        );
    }
    if let Some(v) = object.get("removed_kinds") {
        let actual: Vec<&str> = article.removed.iter().map(|r| r.kind.as_str()).collect();
        check(
            "removed_kinds",
            format!("{:?}", strings(v)),
            format!("{actual:?}"),
        );
    }
    let body = article.body_text();
    if let Some(v) = object.get("body_must_contain") {
        for phrase in strings(v) {
            if !body.contains(&phrase) {
                out.push(format!(
                    "body_must_contain: {phrase:?} missing from the body"
                ));
            }
        }
    }
    let text = article.to_text();
    if let Some(v) = object.get("text_must_not_contain") {
        for phrase in strings(v) {
            if text.contains(&phrase) {
                out.push(format!(
                    "text_must_not_contain: {phrase:?} is in the rendered text"
                ));
            }
        }
    }
    out
}

#[test]
fn there_are_at_least_twenty_fixtures() {
    assert!(
        fixture_dirs().len() >= 20,
        "{} fixtures",
        fixture_dirs().len()
    );
}

#[test]
fn fixtures_meet_their_expectations() {
    let mut failures = Vec::new();
    for dir in fixture_dirs() {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let input = std::fs::read_to_string(dir.join("input.txt")).unwrap();
        let article = artnorm::normalize(&input).unwrap_or_else(|e| panic!("{name}: {e}"));
        let expect: Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("expect.json")).unwrap())
                .unwrap_or_else(|e| panic!("{name}/expect.json: {e}"));
        for message in mismatches(&article, &expect) {
            failures.push(format!("{name}: {message}"));
        }
        // Every removal points at exactly the text it reports.
        for removal in &article.removed {
            let at = input.get(removal.span.start..removal.span.end);
            if at.map(str::trim) != Some(removal.text.as_str()) {
                failures.push(format!(
                    "{name}: removal {removal:?} does not match the input there ({at:?})"
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn fixtures_match_their_golden_json() {
    let bless = std::env::var_os("ARTNORM_BLESS").is_some();
    let mut failures = Vec::new();
    for dir in fixture_dirs() {
        let input = std::fs::read_to_string(dir.join("input.txt")).unwrap();
        let json = artnorm::normalize(&input).unwrap().to_json_pretty() + "\n";
        let path = dir.join("expected.json");
        if bless {
            std::fs::write(&path, &json).unwrap();
            continue;
        }
        match std::fs::read_to_string(&path) {
            Ok(expected) if expected == json => {}
            Ok(_) => failures.push(format!(
                "{} differs (ARTNORM_BLESS=1 to accept, then review)",
                path.display()
            )),
            Err(e) => failures.push(format!("{}: {e}", path.display())),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
