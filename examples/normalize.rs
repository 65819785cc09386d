//! Normalizes a scraped article and prints it.
//!
//! ```text
//! cargo run --example normalize -- [--format json|text|markdown|body] [--spin off|detect|repair] [--reference FILE] [FILE|-]
//! cargo run --example normalize -- --format body --in-dir DIR --out-dir DIR [--meta]
//! cargo run --example normalize -- --parse-byline < bylines.txt
//! cargo run --example normalize -- --repair-only [FILE|-]
//! ```
//!
//! `--repair-only` decodes the input as `normalize_bytes` does, repairs it
//! (mojibake, HTML references, invisible characters, spaces) and writes the
//! repaired text to standard output and nothing else.
//!
//! With no FILE it normalizes the bundled sample (`samples/bbc-putin-kim-spun.txt`)
//! and prints text. `-` reads standard input. Batch mode (`--in-dir`,
//! `--out-dir`) normalizes every file of a folder and writes one output per
//! input, named after the input's stem with `.json`, `.md` or `.txt` (text and
//! body). Errors go to standard error with a non-zero exit code.

use std::io::{self, BufRead, Read, Write};
use std::process::ExitCode;

const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/samples/bbc-putin-kim-spun.txt"
);

const USAGE: &str = "usage: normalize [--format json|text|markdown|body] [--spin off|detect|repair]
                 [--reference ORIGINAL] [FILE|-]
       (--reference copies the wording of a known original back; a report goes to standard error)
       normalize [--format F] --in-dir DIR --out-dir DIR [--meta]   (one output per input file;
                 --meta also writes meta.json: {stem: {title, byline}} for scoring)
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
    in_dir: Option<String>,
    out_dir: Option<String>,
    meta: bool,
    parse_byline: bool,
    repair_only: bool,
    spin: artnorm::SpinMode,
    reference: Option<String>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        format: Format::Text,
        input: None,
        in_dir: None,
        out_dir: None,
        meta: false,
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
            "--in-dir" => args.in_dir = Some(iter.next().ok_or("--in-dir needs a folder")?),
            "--out-dir" => args.out_dir = Some(iter.next().ok_or("--out-dir needs a folder")?),
            "--meta" => args.meta = true,
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
    match (&args.in_dir, &args.out_dir) {
        (Some(in_dir), Some(out_dir)) => return batch(args.format, in_dir, out_dir, args.meta),
        (None, None) => {}
        _ => return Err(format!("--in-dir and --out-dir go together\n{USAGE}")),
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
    io::stdout()
        .write_all(render(&article, args.format).as_bytes())
        .map_err(|e| format!("writing output: {e}"))
}

/// Normalizes every file in `in_dir` into `out_dir`. A file that cannot be
/// normalized (empty, not text) gets an empty output and a warning, so a
/// scorer sees every page.
fn batch(format: Format, in_dir: &str, out_dir: &str, meta: bool) -> Result<(), String> {
    let extension = match format {
        Format::Json => "json",
        Format::Markdown => "md",
        Format::Text | Format::Body => "txt",
    };
    std::fs::create_dir_all(out_dir).map_err(|e| format!("creating {out_dir}: {e}"))?;
    let mut paths: Vec<std::path::PathBuf> = std::fs::read_dir(in_dir)
        .map_err(|e| format!("reading {in_dir}: {e}"))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.is_file())
        .collect();
    paths.sort();
    let normalizer = artnorm::Normalizer::default();
    let (mut spent, mut bytes_in, mut files) = (std::time::Duration::ZERO, 0usize, 0usize);
    let mut metadata = serde_json::Map::new();
    for path in paths {
        let Some(stem) = path.file_stem() else {
            continue;
        };
        let bytes = std::fs::read(&path).map_err(|e| format!("reading {}: {e}", path.display()))?;
        let started = std::time::Instant::now();
        let result = normalizer.normalize_bytes(&bytes);
        spent += started.elapsed();
        bytes_in += bytes.len();
        files += 1;
        let rendered = match result {
            Ok(article) => {
                let byline = article.byline.as_ref().map(|b| b.authors.join(", "));
                metadata.insert(
                    stem.to_string_lossy().into_owned(),
                    serde_json::json!({ "title": article.title, "byline": byline }),
                );
                render(&article, format)
            }
            Err(e) => {
                eprintln!("normalize: {}: {e}", path.display());
                String::new()
            }
        };
        let mut name = stem.to_os_string();
        name.push(".");
        name.push(extension);
        let out = std::path::Path::new(out_dir).join(name);
        std::fs::write(&out, rendered).map_err(|e| format!("writing {}: {e}", out.display()))?;
    }
    if meta {
        let path = std::path::Path::new(out_dir).join("meta.json");
        let json = serde_json::Value::Object(metadata).to_string();
        std::fs::write(&path, json).map_err(|e| format!("writing {}: {e}", path.display()))?;
    }
    // Only the normalization is timed, not reading, rendering or writing.
    eprintln!(
        "normalize: {files} files, {:.1} MB normalized in {:.1} ms",
        bytes_in as f64 / 1e6,
        spent.as_secs_f64() * 1e3
    );
    Ok(())
}

fn render(article: &artnorm::Article, format: Format) -> String {
    match format {
        Format::Json => {
            let mut json = article.to_json_pretty();
            json.push('\n');
            json
        }
        Format::Text => article.to_text(),
        Format::Markdown => article.to_markdown(),
        Format::Body => article.body_text(),
    }
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
