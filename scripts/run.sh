#!/usr/bin/env bash
# Installs what is missing, builds Murmelglas and runs it against the default database
# (~/.local/share/murmelglas/murmelglas.sqlite3; --db PATH or MURMELGLAS_DB override it).
# Arguments are passed to the `murmelglas` command; without any it shows today's jar.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
install_apt "${MURMELGLAS_APT_BUILD[@]}"
install_rust
cargo build --release --quiet --bin murmelglas
exec target/release/murmelglas "$@"
