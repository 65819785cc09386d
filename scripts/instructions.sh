#!/usr/bin/env bash
# Instruction counts of normalize() with callgrind: repeatable on a shared,
# noisy machine where wall-clock timings are not (this project's machines have
# no hardware counters). Runs the throughput example over DIR (default: every
# fourth page of the development corpus, copied to target/instr-subset) and
# prints the total and the top functions, inclusive.
#
#   bash scripts/instructions.sh [TOP] [DIR]
#
# Instructions steer most work, not all: a walk bound by chained loads (the
# tree model) can run more instructions and finish sooner. Confirm wall-clock
# with interleaved runs of `cargo run --release --example throughput`.
set -euo pipefail
cd "$(dirname "$0")/.."
top=${1:-25}
dir=${2:-}
if [ -z "$dir" ]; then
  dir=target/instr-subset
  corpus=${ARTNORM_BENCH_CORPUS:-../shared/corpus/wcxb-dev-articles/text}
  if [ ! -d "$dir" ]; then
    mkdir -p "$dir"
    ls "$corpus" | awk 'NR % 4 == 0' | while read -r f; do cp "$corpus/$f" "$dir/"; done
  fi
fi
cargo build --release --example throughput >/dev/null 2>&1 || cargo build --release --example throughput
out=$(mktemp)
RAYON_NUM_THREADS=1 valgrind --tool=callgrind --callgrind-out-file="$out" \
  ./target/release/examples/throughput "$dir" --rounds 1 2>&1 | grep -E "I +refs"
callgrind_annotate --inclusive=yes "$out" 2>/dev/null | grep -E "^ *[0-9,]+ " | head -"$top"
rm -f "$out"
