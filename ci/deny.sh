#!/usr/bin/env bash
# Supply-chain check: licences, bans and sources of every dependency against
# deny.toml, on the committed Cargo.lock. Installs cargo-deny when missing.
# Works offline once the crates are fetched (it reads the local registry cache;
# no advisory database is needed for these three checks).
# Usage: bash ci/deny.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never

command -v cargo-deny >/dev/null || cargo install cargo-deny --locked
# Fetch what the lock file names (a no-op when the cache has it), then check
# without touching the network.
cargo fetch --locked >/dev/null 2>&1 || true
cargo deny --offline --locked check licenses bans sources
