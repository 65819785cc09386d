#!/usr/bin/env bash
# Performance work must not change what normalize() returns. This writes the
# JSON of every corpus page (every field, removal spans included) with the
# current build, and compares it with a saved baseline.
#
#   bash scripts/output-baseline.sh save  [DIR]   # before a change: DIR gets the baseline
#   bash scripts/output-baseline.sh check [DIR]   # after: IDENTICAL, or which pages differ
#
# DIR defaults to target/output-baseline; the corpus is $ARTNORM_BENCH_CORPUS or
# ../shared/corpus/wcxb-dev-articles/text.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:?usage: output-baseline.sh save|check [DIR]}
baseline=${2:-target/output-baseline}
corpus=${ARTNORM_BENCH_CORPUS:-../shared/corpus/wcxb-dev-articles/text}
cargo build --release --example normalize >/dev/null 2>&1 || cargo build --release --example normalize
run() {
  rm -rf "$1" && mkdir -p "$1"
  ./target/release/examples/normalize --format json --in-dir "$corpus" --out-dir "$1" >/dev/null 2>&1
}
case "$mode" in
  save)
    run "$baseline"
    echo "saved $(ls "$baseline" | wc -l) pages to $baseline"
    ;;
  check)
    out=$(mktemp -d)
    run "$out"
    if diff -rq "$baseline" "$out" >/dev/null; then
      echo "IDENTICAL: $(ls "$out" | wc -l) pages byte-identical to $baseline"
      rm -rf "$out"
    else
      echo "DIFFERENT: $(diff -rq "$baseline" "$out" | wc -l) pages differ, e.g.:"
      diff -rq "$baseline" "$out" | head -5
      rm -rf "$out"
      exit 1
    fi
    ;;
  *) echo "usage: output-baseline.sh save|check [DIR]" >&2; exit 2 ;;
esac
