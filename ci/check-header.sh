#!/bin/sh
# Fails when the committed include/artnorm.h differs from the header cbindgen
# generates from src/ffi (build.rs with --features capi). On failure the
# fresh header is left in include/ so it can be reviewed and committed.
set -eu
cd "$(dirname "$0")/.."

committed=$(mktemp)
trap 'rm -f "$committed"' EXIT
cp include/artnorm.h "$committed"

# build.rs rewrites include/artnorm.h only when the fresh bytes differ.
cargo build --quiet --lib --features capi

if ! cmp -s "$committed" include/artnorm.h; then
    echo "include/artnorm.h is stale; the fresh header differs:" >&2
    diff -u "$committed" include/artnorm.h >&2 || true
    echo "Commit the regenerated include/artnorm.h (cargo build --features capi)." >&2
    exit 1
fi
if command -v git >/dev/null 2>&1 && git rev-parse --git-dir >/dev/null 2>&1; then
    if ! git ls-files --error-unmatch include/artnorm.h >/dev/null 2>&1; then
        echo "include/artnorm.h is not committed" >&2
        exit 1
    fi
fi
echo "include/artnorm.h is fresh"
