//! Dumps the page-chrome feature rows of every file in a folder as JSON
//! lines, for `scripts/train_chrome.py`:
//!
//! ```text
//! cargo run --release --example chrome_features -- DIR > features.jsonl
//! ```
//!
//! One line per file: `{"id": STEM, "lines": [TEXT, …], "x": [[F, …], …]}`.

use std::io::Write;
use std::process::ExitCode;

fn run() -> Result<(), String> {
    let dir = std::env::args()
        .nth(1)
        .ok_or("usage: chrome_features DIR")?;
    let mut paths: Vec<std::path::PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| format!("reading {dir}: {e}"))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.is_file())
        .collect();
    paths.sort();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for path in paths {
        let id = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let bytes = std::fs::read(&path).map_err(|e| format!("reading {}: {e}", path.display()))?;
        let text = String::from_utf8_lossy(&bytes);
        let rows = artnorm::chrome_line_features(&text);
        let (lines, x): (Vec<String>, Vec<Vec<f32>>) = rows.into_iter().unzip();
        let record = serde_json::json!({ "id": id, "lines": lines, "x": x });
        writeln!(out, "{record}").map_err(|e| e.to_string())?;
    }
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("chrome_features: {message}");
            ExitCode::FAILURE
        }
    }
}
