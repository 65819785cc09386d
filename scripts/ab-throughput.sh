#!/usr/bin/env bash
# Wall-clock A/B of normalize() between two builds of the throughput example,
# interleaved (A, B, A, B, ...) so that drift on a shared or throttled
# machine falls on both alike. Prints each run's one-thread and all-core
# MB/s and the median of each side.
#
#   bash scripts/ab-throughput.sh BIN_A BIN_B [RUNS] [DIR]
#
# BIN_A/BIN_B are throughput binaries (target/release/examples/throughput of
# two checkouts; copy one aside before rebuilding). RUNS defaults to 5; DIR to
# the throughput example's own default corpus. Only meaningful on an idle
# machine: check `uptime` first.
set -euo pipefail
a=${1:?usage: ab-throughput.sh BIN_A BIN_B [RUNS] [DIR]}
b=${2:?usage: ab-throughput.sh BIN_A BIN_B [RUNS] [DIR]}
runs=${3:-5}
dir=${4:-}
results=$(mktemp)
trap 'rm -f "$results"' EXIT
for i in $(seq "$runs"); do
  for side in A B; do
    bin=$a
    [ "$side" = B ] && bin=$b
    # shellcheck disable=SC2086 # an empty DIR means the example's default
    out=$("$bin" $dir --rounds 3)
    one=$(awk '/^1 thread/ {print $3}' <<<"$out")
    all=$(awk '/cores / && !/speed/ {print $3}' <<<"$out")
    echo "$side run $i: one thread $one MB/s, all cores $all MB/s"
    echo "$side $one $all" >>"$results"
  done
done
for side in A B; do
  awk -v s="$side" '$1 == s {print $2}' "$results" | sort -n |
    awk -v s="$side" '{v[NR]=$1} END {printf "%s one-thread median %.1f MB/s\n", s, v[int((NR+1)/2)]}'
  awk -v s="$side" '$1 == s {print $3}' "$results" | sort -n |
    awk -v s="$side" '{v[NR]=$1} END {printf "%s all-core median  %.1f MB/s\n", s, v[int((NR+1)/2)]}'
done
