#!/usr/bin/env bash
# Installs what is missing, builds Murmelglas and starts the desktop app on the default
# database (~/.local/share/murmelglas/murmelglas.sqlite3; MURMELGLAS_DB overrides it).
# With arguments it runs the `murmelglas` command line instead: ./scripts/run.sh stats
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
install_apt "${MURMELGLAS_APT_BUILD[@]}"
install_rust
if [ $# -gt 0 ]; then
  cargo build --release --quiet --bin murmelglas
  exec target/release/murmelglas "$@"
fi
install_node
install_front_end
(cd ui && npm run build)
cargo build --release -p murmelglas-app
exec target/release/murmelglas-app
