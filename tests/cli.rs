//! Runs the `normalize` example binary as a user (or a Spark/Hadoop job)
//! would: its modes, its JSON Lines filter and its error handling.
//!
//! Cargo gives integration tests the path of `[[bin]]` targets only, so the
//! example is built once per test run with `cargo build --example normalize`
//! under the profile and target folder of this test binary (a no-op when
//! `cargo test` already built it).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

/// The built example: `<target>/<profile>/examples/normalize`.
fn binary() -> &'static Path {
    static BINARY: OnceLock<PathBuf> = OnceLock::new();
    BINARY.get_or_init(|| {
        // This test runs as <target>/<profile>/deps/cli-HASH.
        let exe = std::env::current_exe().expect("test binary path");
        let profile_dir = exe
            .parent()
            .and_then(Path::parent)
            .expect("test binary under <target>/<profile>/deps");
        let target_dir = profile_dir.parent().expect("profile folder has a parent");
        let profile = match profile_dir.file_name().and_then(|n| n.to_str()) {
            Some("debug") | None => "dev",
            Some(other) => other,
        };
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let status = Command::new(cargo)
            .args([
                "build",
                "--quiet",
                "--example",
                "normalize",
                "--profile",
                profile,
            ])
            .arg("--target-dir")
            .arg(target_dir)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .status()
            .expect("running cargo build");
        assert!(status.success(), "cargo build --example normalize failed");
        let binary = profile_dir
            .join("examples")
            .join(format!("normalize{}", std::env::consts::EXE_SUFFIX));
        assert!(
            binary.is_file(),
            "no example binary at {}",
            binary.display()
        );
        binary
    })
}

/// Runs the example with `args` and `stdin`.
fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(binary())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starting the example");
    let mut input = child.stdin.take().expect("stdin is piped");
    let stdin = stdin.to_vec();
    let writer = std::thread::spawn(move || input.write_all(&stdin));
    let output = child.wait_with_output().expect("waiting for the example");
    writer
        .join()
        .expect("stdin writer thread")
        .expect("writing stdin");
    output
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

fn sample_title() -> String {
    let sample = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/samples/bbc-putin-kim-spun.txt"
    ))
    .expect("bundled sample");
    artnorm::Normalizer::default()
        .normalize_bytes(&sample)
        .expect("sample normalizes")
        .title
        .expect("sample has a title")
}

#[test]
fn default_run_prints_the_sample_starting_with_its_title() {
    let output = run(&[], b"");
    assert!(output.status.success(), "{output:?}");
    let text = stdout(&output);
    let title = sample_title();
    // The sample's first line is a category label ("Uncategorized"): the
    // normalized text must start with the headline instead.
    assert!(title.contains("Putin"), "{title}");
    assert!(text.starts_with(&title), "{}", &text[..text.len().min(200)]);
}

#[test]
fn json_format_parses_and_has_schema_1() {
    let output = run(&["--format", "json"], b"");
    assert!(output.status.success(), "{output:?}");
    let value: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("valid JSON");
    assert_eq!(value["schema"], 1);
    assert_eq!(value["title"].as_str(), Some(sample_title().as_str()));
}

#[test]
fn jsonl_keeps_ids_order_and_reports_bad_lines() {
    let input = concat!(
        r#"{"id": 7, "text": "First headline here\n\nThe first story has a body paragraph."}"#,
        "\n",
        "{\"id\": 8, \"text\": \"unterminated\n",
        "\n",
        r#"{"id": "c", "text": "Third headline here\n\nThe third story has a body too."}"#,
        "\n",
    );
    let output = run(&["--jsonl", "--spin", "off"], input.as_bytes());
    assert!(output.status.success(), "{output:?}");
    let lines: Vec<serde_json::Value> = stdout(&output)
        .lines()
        .map(|line| serde_json::from_str(line).expect("each output line is JSON"))
        .collect();
    assert_eq!(lines.len(), 3, "one line out per non-blank line in");
    assert_eq!(lines[0]["id"], 7);
    assert_eq!(lines[0]["article"]["title"], "First headline here");
    assert_eq!(lines[0]["article"]["schema"], 1);
    assert!(lines[0].get("error").is_none());
    assert_eq!(lines[1]["id"], serde_json::Value::Null);
    assert!(lines[1]["error"].as_str().is_some_and(|e| !e.is_empty()));
    assert!(lines[1].get("article").is_none());
    assert_eq!(lines[2]["id"], "c");
    assert_eq!(lines[2]["article"]["title"], "Third headline here");
}

#[test]
fn jsonl_reports_a_failed_article_with_its_id() {
    let output = run(&["--jsonl"], b"{\"id\": [1, 2], \"text\": \"   \"}\n");
    assert!(output.status.success(), "{output:?}");
    let line: serde_json::Value = serde_json::from_str(stdout(&output).trim()).expect("JSON");
    assert_eq!(line["id"], serde_json::json!([1, 2]));
    assert!(line["error"].is_string());
}

#[test]
fn in_dir_writes_one_output_per_input() {
    let root = std::env::temp_dir().join(format!("artnorm-cli-{}", std::process::id()));
    let (in_dir, out_dir) = (root.join("in"), root.join("out"));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&in_dir).expect("temp folder");
    let articles = [
        ("a", "Alpha headline today\n\nA body paragraph about alpha."),
        ("b", ""),
        ("c", "Gamma headline today\n\nA body paragraph about gamma."),
    ];
    for (stem, text) in articles {
        std::fs::write(in_dir.join(format!("{stem}.txt")), text).expect("write input");
    }
    let output = run(
        &[
            "--format",
            "json",
            "--in-dir",
            in_dir.to_str().expect("UTF-8 temp path"),
            "--out-dir",
            out_dir.to_str().expect("UTF-8 temp path"),
            "--meta",
        ],
        b"",
    );
    assert!(output.status.success(), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("normalize: 3 files"), "{stderr}");
    let a: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out_dir.join("a.json")).expect("a.json"))
            .expect("a.json is JSON");
    assert_eq!(a["title"], "Alpha headline today");
    // The empty input cannot be normalized: an empty output and a warning.
    assert_eq!(std::fs::read(out_dir.join("b.json")).expect("b.json"), b"");
    assert!(stderr.contains("b.txt"), "{stderr}");
    assert!(out_dir.join("c.json").is_file());
    let meta: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out_dir.join("meta.json")).expect("meta"))
            .expect("meta.json is JSON");
    assert_eq!(meta["c"]["title"], "Gamma headline today");
    let mut names: Vec<String> = std::fs::read_dir(&out_dir)
        .expect("out folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["a.json", "b.json", "c.json", "meta.json"]);
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn parse_byline_prints_one_line_per_byline() {
    let output = run(&["--parse-byline"], b"By Jane Smith and John Doe\n\n");
    assert!(output.status.success(), "{output:?}");
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    let byline: serde_json::Value = serde_json::from_str(lines[0]).expect("JSON byline");
    let authors = byline["authors"].as_array().expect("authors");
    assert!(authors.iter().any(|a| a == "Jane Smith"), "{byline}");
    assert_eq!(lines[1], "null");
}

#[test]
fn repair_only_prints_the_repaired_text() {
    let output = run(
        &["--repair-only", "-"],
        "caf\u{c3}\u{a9} &amp; cr\u{e8}me".as_bytes(),
    );
    assert!(output.status.success(), "{output:?}");
    assert_eq!(stdout(&output), "café & crème");
}

#[test]
fn unknown_flag_fails_with_a_message() {
    let output = run(&["--no-such-flag"], b"");
    assert!(!output.status.success());
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("--no-such-flag"), "{stderr}");
}

#[test]
fn jsonl_keeps_order_across_the_window() {
    // Many more lines than the stream's window, so lines finish out of order
    // on the worker threads and must be written back in input order.
    let input: String = (0..600)
        .map(|i| format!("{{\"id\": {i}, \"text\": \"Headline number {i}\\n\\nBody {i}.\"}}\n"))
        .collect();
    let output = run(&["--jsonl"], input.as_bytes());
    assert!(output.status.success(), "{output:?}");
    let text = stdout(&output);
    let ids: Vec<u64> = text
        .lines()
        .map(|line| {
            let value: serde_json::Value = serde_json::from_str(line).expect("JSON line");
            assert!(value.get("article").is_some(), "{line}");
            value["id"].as_u64().expect("numeric id")
        })
        .collect();
    assert_eq!(ids, (0..600).collect::<Vec<u64>>());
}
