#!/usr/bin/env bash
# Installs what building and testing Murmelglas needs on Debian 12, and nothing twice:
# apt packages that are missing, Rust (via rustup) when cargo is not there, Node.js 20+
# when node is missing or too old, and tauri-driver for the end-to-end tests.
# Sourced by scripts/run.sh and scripts/test.sh.
set -euo pipefail

# The core and the desktop app (Tauri 2 on WebKitGTK).
MURMELGLAS_APT_BUILD=(build-essential pkg-config curl ca-certificates tzdata
  libssl-dev libwebkit2gtk-4.1-dev libxdo-dev libayatana-appindicator3-dev librsvg2-dev
  libsoup-3.0-dev)
# Tests: a real spreadsheet for the German Excel/Calc round trip (and Writer + pdfinfo for
# the printable feedback cards), sqlite3 for the docs,
# the headless display and WebDriver that drive the real app window, and a real
# PostgreSQL (started per run by pg_virtualenv) for the team-server engine, and a real
# Secret Service (GNOME Keyring in a private D-Bus session) for the server's password.
MURMELGLAS_APT_TEST=(libreoffice-calc-nogui libreoffice-writer-nogui poppler-utils sqlite3
  xvfb xauth webkit2gtk-driver xdotool postgresql postgresql-contrib postgresql-common
  dbus-daemon gnome-keyring)

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

install_apt() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "==> apt: installing ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
  fi
}

install_rust() {
  if ! command -v cargo >/dev/null 2>&1 && [ -x "$HOME/.cargo/bin/cargo" ]; then
    export PATH="$HOME/.cargo/bin:$PATH"
  fi
  if ! command -v cargo >/dev/null 2>&1; then
    echo "==> installing Rust with rustup"
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal -c rustfmt -c clippy
    export PATH="$HOME/.cargo/bin:$PATH"
  fi
  # rustup-managed toolchains may lack the lint components.
  if command -v rustup >/dev/null 2>&1; then
    rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt
    rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy
  fi
}

# Vite 7 needs Node.js 20.19 or newer; Debian 12's own nodejs is 18.
install_node() {
  local major=0
  if command -v node >/dev/null 2>&1; then
    major=$(node -p 'process.versions.node.split(".")[0]')
  fi
  if [ "$major" -lt 20 ]; then
    echo "==> installing Node.js 22 (NodeSource)"
    curl -fsSL https://deb.nodesource.com/setup_22.x | as_root bash -
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q nodejs
  fi
}

# `npm install`, not `npm ci`: the npm 11 here writes lock files without the other
# platforms' optional packages and then refuses them in `npm ci`. With the lock file in
# place, `npm install` installs exactly the locked versions.
install_front_end() {
  echo "==> npm install (ui/)"
  (cd ui && npm install --no-audit --no-fund)
}

install_tauri_driver() {
  export PATH="$HOME/.cargo/bin:$PATH"
  if ! command -v tauri-driver >/dev/null 2>&1; then
    echo "==> cargo install tauri-driver"
    cargo install tauri-driver --version '^2' --locked
  fi
}

# Fuzzing (scripts/fuzz.sh): cargo-fuzz on the nightly toolchain, which the machine image
# carries. On CI a missing nightly fails the run; it never skips the fuzz targets.
install_fuzz() {
  export PATH="$HOME/.cargo/bin:$PATH"
  if ! cargo +nightly --version >/dev/null 2>&1; then
    if [ "${CI:-}" = "true" ] || ! command -v rustup >/dev/null 2>&1; then
      echo "deps.sh: the nightly Rust toolchain is missing; cargo fuzz (scripts/fuzz.sh) needs it." \
        "The machine image carries it (rustup toolchain list). On CI this is an error, not a skip." >&2
      return 1
    fi
    echo "==> rustup toolchain install nightly"
    rustup toolchain install nightly --profile minimal
  fi
  if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "==> cargo install cargo-fuzz"
    cargo install cargo-fuzz --version '^0.13' --locked
  fi
}
