//! Normalizes a scraped article and prints it.
//!
//! ```text
//! cargo run --example normalize -- [--format json|text|markdown|body] [--spin off|detect|repair] [--reference FILE] [FILE|-]
//! cargo run --example normalize -- --format body --in-dir DIR --out-dir DIR [--meta]
//! cargo run --example normalize -- --jsonl [--spin off|detect|repair] [FILE|-] > out.jsonl
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
//! body). Files are read lazily and normalized on every core with
//! `normalize_stream`, a few at a time, so memory stays bounded whatever the
//! folder holds. Errors go to standard error with a non-zero exit code.
//!
//! `--jsonl` is a filter for Spark's `pipe`, Hadoop streaming or GNU
//! parallel: one JSON object a line in (`{"id": ANY, "text": "..."}`, from FILE
//! or standard input), one line out for each, in the same order, on standard
//! output: `{"id": ANY, "article": {...}}` or `{"id": ANY, "error": "..."}`
//! (`"id": null` when the line had none). Blank lines are skipped. Lines are
//! read lazily and normalized on every core with `normalize_stream`, a few
//! at a time (twice the number of cores); each output line is written and
//! flushed as soon as it and every line before it are done, so an output can
//! wait for the next few input lines to arrive. It exits 0 once the whole
//! input was read, whatever failed on single lines, and non-zero only on an
//! I/O error.
//!
//! A progress bar goes to standard error in batch and JSON Lines modes when it
//! is a terminal, and nothing otherwise.

use std::io::{self, BufRead, IsTerminal, Read, Write};
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
       normalize --jsonl [--spin MODE] [FILE|-]   (JSON Lines: {\"id\", \"text\"} in,
                 {\"id\", \"article\"} or {\"id\", \"error\"} out, one line per line, same order)
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
    jsonl: bool,
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
        jsonl: false,
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
            "--jsonl" => args.jsonl = true,
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
    if args.jsonl {
        return jsonl(args.spin, args.input.as_deref());
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

/// A progress bar on standard error when it is a terminal, else a hidden one.
fn progress(total: Option<u64>) -> indicatif::ProgressBar {
    if !io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = match total {
        Some(total) => indicatif::ProgressBar::new(total).with_style(
            indicatif::ProgressStyle::with_template(
                "{bar:40} {pos}/{len} files {elapsed} (eta {eta})",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        ),
        None => indicatif::ProgressBar::new_spinner().with_style(
            indicatif::ProgressStyle::with_template("{spinner} {human_pos} lines {elapsed}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        ),
    };
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    bar
}

/// One file of a batch: its path and its bytes, or why they could not be read.
struct FileInput {
    path: std::path::PathBuf,
    bytes: Result<Vec<u8>, String>,
}

impl AsRef<[u8]> for FileInput {
    fn as_ref(&self) -> &[u8] {
        self.bytes.as_deref().unwrap_or_default()
    }
}

/// Normalizes every file in `in_dir` into `out_dir`. A file that cannot be
/// normalized (empty, not text) gets an empty output and a warning, so a
/// scorer sees every page. Files are read lazily and normalized on every core
/// by `normalize_stream`, a few at a time, and the outputs written in the
/// sorted order of the inputs as they complete.
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
        .filter(|path| path.is_file() && path.file_stem().is_some())
        .collect();
    paths.sort();
    let normalizer = artnorm::Normalizer::default();
    let (mut bytes_in, mut files) = (0usize, 0usize);
    let mut metadata = serde_json::Map::new();
    let bar = progress(Some(paths.len() as u64));
    let started = std::time::Instant::now();
    let inputs = paths.into_iter().map(|path| {
        let bytes = std::fs::read(&path).map_err(|e| format!("reading {}: {e}", path.display()));
        FileInput { path, bytes }
    });
    for (input, result) in normalizer.normalize_stream(inputs) {
        let path = &input.path;
        let Some(stem) = path.file_stem() else {
            continue;
        };
        let bytes = input.bytes.as_ref()?;
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
                bar.suspend(|| eprintln!("normalize: {}: {e}", path.display()));
                String::new()
            }
        };
        let mut name = stem.to_os_string();
        name.push(".");
        name.push(extension);
        let out = std::path::Path::new(out_dir).join(name);
        std::fs::write(&out, rendered).map_err(|e| format!("writing {}: {e}", out.display()))?;
        bar.inc(1);
    }
    bar.finish_and_clear();
    if meta {
        let path = std::path::Path::new(out_dir).join("meta.json");
        let json = serde_json::Value::Object(metadata).to_string();
        std::fs::write(&path, json).map_err(|e| format!("writing {}: {e}", path.display()))?;
    }
    // Wall clock for the whole run: reading, normalizing (every core),
    // rendering and writing overlap.
    eprintln!(
        "normalize: {files} files, {:.1} MB read, normalized and written in {:.1} ms",
        bytes_in as f64 / 1e6,
        started.elapsed().as_secs_f64() * 1e3
    );
    Ok(())
}

/// One line of JSON Lines output.
#[derive(serde::Serialize)]
struct JsonlOut<'a> {
    id: &'a serde_json::Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    article: Option<&'a artnorm::Article>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a str>,
}

/// One input line: its id, and its text or why it has none.
struct JsonlLine {
    id: serde_json::Value,
    text: Result<String, String>,
}

impl AsRef<[u8]> for JsonlLine {
    fn as_ref(&self) -> &[u8] {
        self.text.as_deref().unwrap_or_default().as_bytes()
    }
}

/// Reads `{"id", "text"}` lines, writes `{"id", "article"|"error"}` lines in
/// the same order. Lines are read lazily and normalized on every core by
/// `normalize_stream`, a few at a time; each output line is flushed as soon
/// as it and every line before it are done.
fn jsonl(spin: artnorm::SpinMode, input: Option<&str>) -> Result<(), String> {
    let normalizer = artnorm::Normalizer::builder()
        .spin(spin)
        .build()
        .map_err(|e| format!("cannot build the normalizer: {e}"))?;
    let mut reader: Box<dyn BufRead> = match input {
        None | Some("-") => Box::new(io::stdin().lock()),
        Some(path) => Box::new(io::BufReader::new(
            std::fs::File::open(path).map_err(|e| format!("reading {path}: {e}"))?,
        )),
    };
    let source = input.filter(|&p| p != "-").unwrap_or("standard input");
    let mut out = io::BufWriter::new(io::stdout().lock());
    let bar = progress(None);
    // A read error ends the input; it is reported once the lines read before
    // it are written.
    let read_error = std::rc::Rc::new(std::cell::RefCell::new(None));
    let lines = {
        let read_error = std::rc::Rc::clone(&read_error);
        let mut line = Vec::new();
        std::iter::from_fn(move || loop {
            line.clear();
            match reader.read_until(b'\n', &mut line) {
                Ok(0) => return None,
                Ok(_) if line.iter().all(u8::is_ascii_whitespace) => continue,
                Ok(_) => return Some(parse_jsonl_line(&line)),
                Err(e) => {
                    *read_error.borrow_mut() = Some(format!("reading {source}: {e}"));
                    return None;
                }
            }
        })
    };
    for (entry, result) in normalizer.normalize_stream(lines) {
        let (article, message) = match (&entry.text, &result) {
            (Err(message), _) => (None, Some(message.clone())),
            (Ok(_), Ok(article)) => (Some(article), None),
            (Ok(_), Err(e)) => (None, Some(e.to_string())),
        };
        let record = JsonlOut {
            id: &entry.id,
            article,
            error: message.as_deref(),
        };
        serde_json::to_writer(&mut out, &record)
            .map_err(|e| format!("writing standard output: {e}"))?;
        out.write_all(b"\n")
            .and_then(|()| out.flush())
            .map_err(|e| format!("writing standard output: {e}"))?;
        bar.inc(1);
    }
    bar.finish_and_clear();
    let read_error = read_error.borrow_mut().take();
    read_error.map_or(Ok(()), Err)
}

/// Parses one input line into its id and text.
fn parse_jsonl_line(line: &[u8]) -> JsonlLine {
    let value: serde_json::Value = match serde_json::from_slice(line) {
        Ok(value) => value,
        Err(e) => {
            return JsonlLine {
                id: serde_json::Value::Null,
                text: Err(format!("malformed JSON line: {e}")),
            }
        }
    };
    let serde_json::Value::Object(mut object) = value else {
        return JsonlLine {
            id: serde_json::Value::Null,
            text: Err("a line must be a JSON object with \"id\" and \"text\"".to_owned()),
        };
    };
    let id = object.remove("id").unwrap_or(serde_json::Value::Null);
    let text = match object.remove("text") {
        Some(serde_json::Value::String(text)) => Ok(text),
        Some(_) => Err("\"text\" must be a string".to_owned()),
        None => Err("the line has no \"text\"".to_owned()),
    };
    JsonlLine { id, text }
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
