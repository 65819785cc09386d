//! The C ABI as C and C++ callers see it: compiles the header alone (C11 and
//! C++17), the C and C++ examples, `tests/c/test_abi.c` and
//! `tests/c/test_wrapper.cpp` (the C++ wrapper) against the static
//! library with `-Wall -Wextra -Werror`, runs them plain, with
//! AddressSanitizer + UndefinedBehaviorSanitizer, and under valgrind, and
//! checks the committed header against the library's symbols.
//!
//! Compilers come from `CC` / `CXX` (default `cc` / `c++`). The static
//! library is the one cargo built for this test run, found next to the test
//! binary (`target/<profile>/deps/libartnorm.a`), so the test needs no
//! `capi` feature: it uses the committed `include/artnorm.h`.
#![cfg(unix)]
// Test code: a failed step should panic with its message.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

const SAMPLE: &str = "samples/bbc-putin-kim-spun.txt";
const LIBS: [&str; 3] = ["-lpthread", "-ldl", "-lm"];
const WARNINGS: [&str; 4] = ["-Wall", "-Wextra", "-Werror", "-pedantic"];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Where this test writes its programs.
fn work_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("c_abi");
        std::fs::create_dir_all(&dir).unwrap();
        dir
    })
}

/// The static library cargo built alongside this test binary.
fn static_lib() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let deps = exe.parent().unwrap();
    let candidates = [
        deps.join("libartnorm.a"),
        deps.parent().unwrap().join("libartnorm.a"),
    ];
    candidates
        .iter()
        .find(|path| path.is_file())
        .cloned()
        .unwrap_or_else(|| panic!("no libartnorm.a in {candidates:?}; run `cargo build` first"))
}

fn compiler(var: &str, default: &str) -> String {
    std::env::var(var).unwrap_or_else(|_| default.to_owned())
}

fn run(command: &mut Command) -> Output {
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("cannot run {command:?}: {e}"));
    assert!(
        output.status.success(),
        "{command:?} failed with {}\n--- stdout\n{}\n--- stderr\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

#[derive(Clone, Copy, PartialEq)]
enum Lang {
    C,
    Cpp,
}

/// Compiles and links `source` against the static library into `name`.
fn build(source: &str, name: &str, lang: Lang, extra: &[&str]) -> PathBuf {
    let out = work_dir().join(name);
    let (cc, std) = match lang {
        Lang::C => (compiler("CC", "cc"), "-std=c11"),
        Lang::Cpp => (compiler("CXX", "c++"), "-std=c++17"),
    };
    run(Command::new(cc)
        .current_dir(root())
        .arg(std)
        .args(WARNINGS)
        .arg("-g")
        .args(extra)
        .arg("-Iinclude")
        .arg(source)
        .arg(static_lib())
        .args(LIBS)
        .arg("-o")
        .arg(&out));
    out
}

const SANITIZE: [&str; 3] = [
    "-fsanitize=address,undefined",
    "-fno-sanitize-recover=all",
    "-fno-omit-frame-pointer",
];

/// Runs `program` from the crate root (so the default sample path works).
fn execute(program: &Path, args: &[&str]) -> String {
    let output = run(Command::new(program)
        .current_dir(root())
        .env("ASAN_OPTIONS", "detect_leaks=1:abort_on_error=0")
        .env("UBSAN_OPTIONS", "print_stacktrace=1:halt_on_error=1")
        .args(args));
    String::from_utf8(output.stdout).unwrap()
}

fn valgrind_present() -> bool {
    let found = Command::new("valgrind").arg("--version").output().is_ok();
    if !found {
        eprintln!(
            "\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n\
             !!! valgrind is not installed: the valgrind runs of the C ABI   !!!\n\
             !!! tests are SKIPPED. Install valgrind to run them.            !!!\n\
             !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n"
        );
    }
    found
}

/// Runs `program` under valgrind: any memory error or definite/indirect leak
/// fails. "Possibly lost" blocks are not errors: the process-wide lexicon and
/// regex tables (a `LazyLock` static) stay alive until exit and hash tables
/// point into the middle of their allocations.
fn valgrind(program: &Path, args: &[&str]) -> String {
    let output = run(Command::new("valgrind")
        .current_dir(root())
        .args([
            "--quiet",
            "--error-exitcode=1",
            "--leak-check=full",
            "--errors-for-leak-kinds=definite,indirect",
            "--show-possibly-lost=no",
        ])
        .arg(program)
        .args(args));
    String::from_utf8(output.stdout).unwrap()
}

fn header() -> String {
    std::fs::read_to_string(root().join("include/artnorm.h")).unwrap()
}

/// The names of the functions the header declares.
fn header_functions() -> BTreeSet<String> {
    let header = header();
    let mut names = BTreeSet::new();
    for line in header
        .lines()
        .filter(|l| !l.starts_with(' ') && !l.starts_with('#'))
    {
        let Some(open) = line.find('(') else { continue };
        let before = &line[..open];
        let name = before
            .rsplit(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .next()
            .unwrap();
        if name.starts_with("artnorm_") {
            names.insert(name.to_owned());
        }
    }
    names
}

#[test]
fn header_compiles_alone_as_c11_and_cpp17() {
    let dir = work_dir();
    let c = dir.join("header_only.c");
    std::fs::write(&c, "#include \"artnorm.h\"\n").unwrap();
    run(Command::new(compiler("CC", "cc"))
        .current_dir(root())
        .args(["-std=c11", "-fsyntax-only", "-Iinclude"])
        .args(WARNINGS)
        .arg(&c));
    for header in ["artnorm.h", "artnorm.hpp"] {
        let cpp = dir.join(format!("header_only_{}.cpp", header.replace('.', "_")));
        std::fs::write(&cpp, format!("#include \"{header}\"\n")).unwrap();
        run(Command::new(compiler("CXX", "c++"))
            .current_dir(root())
            .args(["-std=c++17", "-fsyntax-only", "-Iinclude"])
            .args(WARNINGS)
            .arg(&cpp));
    }
}

#[test]
fn header_version_macros_match_the_crate() {
    let header = header();
    for (name, value) in [
        ("ARTNORM_VERSION_MAJOR", env!("CARGO_PKG_VERSION_MAJOR")),
        ("ARTNORM_VERSION_MINOR", env!("CARGO_PKG_VERSION_MINOR")),
        ("ARTNORM_VERSION_PATCH", env!("CARGO_PKG_VERSION_PATCH")),
        (
            "ARTNORM_VERSION",
            &format!("\"{}\"", env!("CARGO_PKG_VERSION")),
        ),
    ] {
        let line = format!("#define {name} {value}\n");
        assert!(
            header.contains(&line),
            "include/artnorm.h lacks `{}`: regenerate it with `cargo build --features capi`",
            line.trim()
        );
    }
}

#[test]
fn header_declares_exactly_the_exported_functions() {
    let output = run(Command::new("nm")
        .args(["-g", "--defined-only"])
        .arg(static_lib()));
    let exported: BTreeSet<String> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| {
            let mut fields = line.split_whitespace();
            let (_, kind, name) = (fields.next()?, fields.next()?, fields.next()?);
            (kind == "T" && name.starts_with("artnorm_")).then(|| name.to_owned())
        })
        .collect();
    let declared = header_functions();
    assert!(declared.len() > 50, "parsed only {declared:?}");
    assert_eq!(
        declared, exported,
        "include/artnorm.h is stale: regenerate it with `cargo build --features capi`"
    );
}

#[test]
fn c_test_calls_every_header_function() {
    let test = std::fs::read_to_string(root().join("tests/c/test_abi.c")).unwrap();
    let used: BTreeSet<&str> = test
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .collect();
    let missing: Vec<String> = header_functions()
        .into_iter()
        .filter(|name| !used.contains(name.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "tests/c/test_abi.c never calls {missing:?}"
    );
}

/// What the examples print before the block list, from the Rust API.
fn expected_summary() -> (Vec<String>, usize) {
    let bytes = std::fs::read(root().join(SAMPLE)).unwrap();
    let article = artnorm::Normalizer::default()
        .normalize_bytes(&bytes)
        .unwrap();
    let byline = article.byline.clone().unwrap_or_default();
    let authors = if byline.authors.is_empty() {
        "(none)".to_owned()
    } else {
        byline.authors.join("; ")
    };
    let lines = vec![
        format!("title: {}", article.title.as_deref().unwrap_or("(none)")),
        format!("authors: {authors}"),
        format!("outlet: {}", byline.outlet.as_deref().unwrap_or("(none)")),
        format!("blocks: {}", article.blocks.len()),
    ];
    (lines, article.blocks.len())
}

fn check_example_output(output: &str) {
    let (expected, blocks) = expected_summary();
    let lines: Vec<&str> = output.lines().collect();
    assert_eq!(lines.len(), 4 + blocks, "{output}");
    assert_eq!(&lines[..4], &expected[..], "{output}");
    for (i, line) in lines[4..].iter().enumerate() {
        assert!(line.starts_with(&format!("{}. ", i + 1)), "{line}");
    }
}

#[test]
fn c_and_cpp_examples_match_the_rust_api() {
    let c = build("examples/c/normalize.c", "normalize_c", Lang::C, &[]);
    let cpp = build(
        "examples/cpp/normalize.cpp",
        "normalize_cpp",
        Lang::Cpp,
        &[],
    );
    let c_out = execute(&c, &[]);
    check_example_output(&c_out);
    // A path given on the command line reads the same.
    assert_eq!(execute(&c, &[SAMPLE]), c_out);
    assert_eq!(execute(&cpp, &[]), c_out);
    if valgrind_present() {
        assert_eq!(valgrind(&c, &[]), c_out);
        assert_eq!(valgrind(&cpp, &[]), c_out);
    }
}

#[test]
fn c_test_program_passes() {
    let test = build("tests/c/test_abi.c", "test_abi", Lang::C, &[]);
    let out = execute(&test, &[SAMPLE]);
    assert!(out.contains("checks passed"), "{out}");
    if valgrind_present() {
        valgrind(&test, &[SAMPLE]);
    }
}

#[test]
fn c_and_cpp_programs_pass_under_sanitizers() {
    let test = build("tests/c/test_abi.c", "test_abi_asan", Lang::C, &SANITIZE);
    let out = execute(&test, &[SAMPLE]);
    assert!(out.contains("checks passed"), "{out}");
    let cpp = build(
        "examples/cpp/normalize.cpp",
        "normalize_cpp_asan",
        Lang::Cpp,
        &SANITIZE,
    );
    check_example_output(&execute(&cpp, &[]));
    let wrapper = build(
        "tests/c/test_wrapper.cpp",
        "test_wrapper_asan",
        Lang::Cpp,
        &SANITIZE,
    );
    let out = execute(&wrapper, &[]);
    assert!(out.contains("checks passed"), "{out}");
}
