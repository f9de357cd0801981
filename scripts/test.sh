#!/usr/bin/env bash
# The whole test suite, exactly as CI runs it: installs what is missing, then formatting,
# lints and every test.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
install_apt "${MURMELGLAS_APT_BUILD[@]}" "${MURMELGLAS_APT_TEST[@]}"
install_rust

echo "==> cargo fmt --check"
cargo fmt --all --check
echo "==> cargo clippy --all-targets -- -D warnings"
cargo clippy --workspace --all-targets -- -D warnings
echo "==> cargo test"
cargo test --workspace
