//! Normalizes a scraped article and prints it.
//!
//! ```text
//! cargo run --example normalize -- [--format json|text|markdown|body] [--spin off|detect|repair] [--reference FILE] [FILE|-]
//! cargo run --example normalize -- --parse-byline < bylines.txt
//! cargo run --example normalize -- --repair-only [FILE|-]
//! ```
//!
//! `--repair-only` decodes the input as `normalize_bytes` does, repairs it
//! (mojibake, HTML references, invisible characters, spaces) and writes the
//! repaired text to standard output and nothing else.
//!
//! With no FILE it normalizes the bundled sample (`samples/bbc-putin-kim-spun.txt`)
//! and prints text. `-` reads standard input. Errors go to standard error
//! with a non-zero exit code.

use std::io::{self, BufRead, Read, Write};
use std::process::ExitCode;

const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/samples/bbc-putin-kim-spun.txt"
);

const USAGE: &str = "usage: normalize [--format json|text|markdown|body] [--spin off|detect|repair]
                 [--reference ORIGINAL] [FILE|-]
       (--reference copies the wording of a known original back; a report goes to standard error)
       normalize --parse-byline   (one byline a line on stdin, one JSON byline or null a line out)
       normalize --repair-only [FILE|-]   (the repaired text only)";

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Json,
    Text,
    Markdown,
    Body,
}

struct Args {
    format: Format,
    input: Option<String>,
    parse_byline: bool,
    repair_only: bool,
    spin: artnorm::SpinMode,
    reference: Option<String>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        format: Format::Text,
        input: None,
        parse_byline: false,
        repair_only: false,
        spin: artnorm::SpinMode::Detect,
        reference: None,
    };
    let mut iter = std::env::args().skip(1);
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--format" | "-f" => {
                let value = iter.next().ok_or("--format needs a value")?;
                args.format = match value.as_str() {
                    "json" => Format::Json,
                    "text" => Format::Text,
                    "markdown" | "md" => Format::Markdown,
                    "body" => Format::Body,
                    other => return Err(format!("unknown format {other:?}")),
                };
            }
            "--spin" => {
                args.spin = match iter.next().as_deref() {
                    Some("off") => artnorm::SpinMode::Off,
                    Some("detect") => artnorm::SpinMode::Detect,
                    Some("repair") => artnorm::SpinMode::Repair,
                    _ => return Err("--spin needs off, detect or repair".to_owned()),
                };
            }
            "--reference" => args.reference = Some(iter.next().ok_or("--reference needs a file")?),
            "--parse-byline" => args.parse_byline = true,
            "--repair-only" => args.repair_only = true,
            "--help" | "-h" => return Err(USAGE.to_owned()),
            "-" => args.input = Some(arg),
            flag if flag.starts_with('-') => {
                return Err(format!("unknown option {flag:?}\n{USAGE}"))
            }
            _ if args.input.is_some() => return Err(format!("only one input file\n{USAGE}")),
            _ => args.input = Some(arg),
        }
    }
    Ok(args)
}

fn read_input(input: Option<&str>) -> Result<Vec<u8>, String> {
    match input {
        Some("-") => {
            let mut bytes = Vec::new();
            io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|e| format!("reading standard input: {e}"))?;
            Ok(bytes)
        }
        Some(path) => std::fs::read(path).map_err(|e| format!("reading {path}: {e}")),
        None => {
            std::fs::read(SAMPLE).map_err(|e| format!("reading the bundled sample {SAMPLE}: {e}"))
        }
    }
}

fn parse_bylines() -> Result<(), String> {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    for line in io::stdin().lock().lines() {
        let line = line.map_err(|e| format!("reading standard input: {e}"))?;
        let json = match artnorm::parse_byline(&line) {
            Some(byline) => serde_json::to_string(&byline).map_err(|e| e.to_string())?,
            None => "null".to_owned(),
        };
        writeln!(out, "{json}").map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// Decodes `bytes` (BOM, UTF-8, else the detected legacy encoding) and
/// writes the repaired text.
fn repair_only(bytes: &[u8]) -> Result<(), String> {
    let normalizer = artnorm::Normalizer::default();
    let (text, _) = normalizer
        .decode_bytes(bytes)
        .map_err(|e| format!("cannot decode: {e}"))?;
    let (repaired, _) = normalizer.repair_text(&text);
    io::stdout()
        .write_all(repaired.as_bytes())
        .map_err(|e| format!("writing output: {e}"))
}

fn run() -> Result<(), String> {
    let args = parse_args()?;
    if args.parse_byline {
        return parse_bylines();
    }
    let bytes = read_input(args.input.as_deref())?;
    if args.repair_only {
        return repair_only(&bytes);
    }
    let mut article = artnorm::Normalizer::builder()
        .spin(args.spin)
        .build()
        .and_then(|n| n.normalize_bytes(&bytes))
        .map_err(|e| format!("cannot normalize: {e}"))?;
    if let Some(path) = &args.reference {
        let original = std::fs::read_to_string(path).map_err(|e| format!("reading {path}: {e}"))?;
        let restoration = artnorm::restore_from(&article, &original);
        eprintln!(
            "restored {} phrases ({} of {} words); {:.0}% of the words aligned",
            restoration.restored.len(),
            restoration.words_restored,
            restoration.words_total,
            restoration.aligned * 100.0
        );
        article = restoration.article;
    }
    let rendered = match args.format {
        Format::Json => {
            let mut json = article.to_json_pretty();
            json.push('\n');
            json
        }
        Format::Text => article.to_text(),
        Format::Markdown => article.to_markdown(),
        Format::Body => article.body_text(),
    };
    io::stdout()
        .write_all(rendered.as_bytes())
        .map_err(|e| format!("writing output: {e}"))
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("normalize: {message}");
            ExitCode::FAILURE
        }
    }
}
