#!/usr/bin/env bash
# The whole test suite, exactly as CI runs it: installs what is missing, then formatting,
# lints, front-end unit tests, and every Rust test including the end-to-end tests in the
# real app window under Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
install_apt "${MURMELGLAS_APT_BUILD[@]}" "${MURMELGLAS_APT_TEST[@]}"
install_rust
install_node
install_front_end
install_tauri_driver
install_fuzz

echo "==> front end: lint, type check, unit tests, build"
(cd ui && npm run lint && npm run check && npm test && npm run build)
echo "==> cargo fmt --check"
cargo fmt --all --check
echo "==> cargo clippy --all-targets -- -D warnings"
cargo clippy --workspace --all-targets -- -D warnings
echo "==> cargo test (a throw-away PostgreSQL; end-to-end tests in a real window under Xvfb)"
# pg_virtualenv starts a PostgreSQL cluster on 127.0.0.1 for the run (also as root, where
# initdb alone refuses) and exports PGHOST, PGPORT, PGUSER and PGPASSWORD to the tests.
pg_virtualenv -t xvfb-run -a -s '-screen 0 1280x1024x24' env DBUS_SESSION_BUS_ADDRESS=disabled: \
  cargo test --workspace
echo "==> the server's password in a real keyring (GNOME Keyring in a private D-Bus session)"
keyring_log=$(dbus-run-session -- scripts/with-keyring.sh \
  cargo test -p murmelglas-app --lib keyring -- --nocapture 2>&1) || { echo "$keyring_log"; exit 1; }
echo "$keyring_log" | grep -E "^test |answered"
# The test passes without a keyring too (nothing kept, nothing claimed): here one must answer.
echo "$keyring_log" | grep -q "a keyring answered: true" || { echo "no keyring answered"; exit 1; }
echo "==> fuzz: every target 15 s (scripts/fuzz.sh)"
scripts/fuzz.sh 15
