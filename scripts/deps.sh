#!/usr/bin/env bash
# Installs what building and testing Murmelglas needs on Debian 12, and nothing twice:
# apt packages that are missing, and Rust (via rustup) when cargo is not there.
# Sourced by scripts/run.sh and scripts/test.sh.
set -euo pipefail

# What the core build needs; the test suite adds to this list.
MURMELGLAS_APT_BUILD=(build-essential pkg-config curl ca-certificates tzdata)
# A real spreadsheet for the German Excel/Calc round-trip test, and sqlite3 for the docs.
MURMELGLAS_APT_TEST=(libreoffice-calc-nogui sqlite3)

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
