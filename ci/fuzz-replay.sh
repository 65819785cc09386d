#!/usr/bin/env bash
# Builds every cargo-fuzz target and replays the committed seeds, the fixture and
# sample inputs, and the crash regressions through each (-runs=0: each input once,
# no mutation), so the targets and their regressions cannot rot. Not a campaign.
# Needs the nightly toolchain (cargo-fuzz uses sanitizers); installs cargo-fuzz when
# missing. Usage: bash ci/fuzz-replay.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never

rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked

cargo +nightly fuzz build -O

targets=$(cargo +nightly fuzz list)
for target in $targets; do
  inputs=()
  for dir in "fuzz/seeds/$target" "fuzz/regressions/$target"; do
    [[ -d $dir ]] && inputs+=("$dir")
  done
  # The fixtures and the sample are valid inputs for every target.
  inputs+=(tests/fixtures samples)
  echo "=== replay $target: ${inputs[*]}"
  log=$(mktemp)
  if ! cargo +nightly fuzz run -O "$target" "${inputs[@]}" -- \
      -runs=0 -rss_limit_mb=4096 -timeout=60 -max_len=1048576 >"$log" 2>&1; then
    tail -n 60 "$log" >&2
    echo "fuzz replay failed for $target" >&2
    exit 1
  fi
  grep -E 'INITED|DONE' "$log" || true
  rm -f "$log"
done
echo "fuzz replay ok"
