#!/usr/bin/env bash
# Runs every fuzz target (fuzz/fuzz_targets/) for SECONDS each, one after the other,
# seeded from the committed corpus in tests/fixtures/malformed/, and fails on any crash,
# timeout or out-of-memory. Prints each target's executions and coverage.
#
#   scripts/fuzz.sh [SECONDS]     default 15 s per target (the test command's short run)
#   FUZZ_KEEP_GOING=1 scripts/fuzz.sh 600
#                                 a long run that goes on past crashes (libFuzzer's fork
#                                 mode), saves each one, and fails at the end if any
#
# Needs the nightly toolchain and cargo-fuzz (scripts/deps.sh: install_fuzz). What the
# fuzzer finds stays in fuzz/corpus/<target>/ (not committed); a crash is saved in
# fuzz/artifacts/<target>/ and its reproducer printed.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-15}"
# FUZZ_TARGETS="datetime commands" runs only those.
read -r -a targets <<<"${FUZZ_TARGETS:-import_csv import_json datetime commands}"
# The committed seeds of each target, a folder of tests/fixtures/malformed/.
declare -A seeds=([import_csv]=csv [import_json]=json [datetime]=datetime [commands]=commands)

if ! cargo +nightly --version >/dev/null 2>&1; then
  echo "fuzz.sh: the nightly toolchain is missing (rustup toolchain install nightly)" >&2
  exit 1
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz.sh: cargo-fuzz is missing (cargo install cargo-fuzz --locked)" >&2
  exit 1
fi

# Debug assertions and overflow checks on; no sanitizer: the core forbids unsafe code, and
# without ASan the same seconds run about twice as many inputs.
fuzz_flags=(--debug-assertions --sanitizer none)
# Wall-clock times without an offset are read in this zone, which has summer time.
export TZ=Europe/Berlin

echo "==> cargo fuzz build (nightly)"
cargo +nightly fuzz build "${fuzz_flags[@]}"

keep_going=()
if [ -n "${FUZZ_KEEP_GOING:-}" ]; then
  keep_going=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
fi

logs=fuzz/artifacts/logs
mkdir -p "$logs"
failed=()
summary=()
for target in "${targets[@]}"; do
  corpus="fuzz/corpus/$target"
  artifacts="fuzz/artifacts/$target"
  mkdir -p "$corpus" "$artifacts"
  found_before=$(find "$artifacts" -type f | wc -l)
  log="$logs/$target.log"
  echo "==> fuzz $target for ${seconds}s"
  status=0
  cargo +nightly fuzz run "${fuzz_flags[@]}" "$target" "$corpus" \
    "tests/fixtures/malformed/${seeds[$target]}" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -dict="fuzz/dict/$target.dict" -print_final_stats=1 "${keep_going[@]}" >"$log" 2>&1 ||
    status=$?
  if [ ${#keep_going[@]} -gt 0 ]; then
    # Fork mode reports "#RUNS: cov: … ft: … corp: … exec/s: … oom/timeout/crash: a/b/c".
    last=$(grep -E '^#[0-9]+: cov:' "$log" | tail -n 1 || true)
    runs=$(sed -n 's/^#\([0-9]*\):.*/\1/p' <<<"$last")
    done_line=$last
    found=$(($(find "$artifacts" -type f | wc -l) - found_before))
    if [ "$status" -eq 0 ] && [ "$found" -gt 0 ]; then status=1; fi
  else
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    done_line=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -n 1 || true)
  fi
  cov=$(sed -n 's/.* cov: \([0-9]*\) ft: \([0-9]*\) corp: \([0-9]*\).*/cov \1, features \2, corpus \3/p' \
    <<<"$done_line")
  if [ "$status" -ne 0 ]; then
    failed+=("$target")
    summary+=("$target: FAILED after ${runs:-?} executions (${cov:-}); log $log, crashes in $artifacts")
    # The crash: what broke, where in our code, and the reproducer's path.
    {
      grep -E -m1 -A3 'panicked at|ERROR: libFuzzer' "$log" || true
      grep -E '^ +at \./(src|fuzz/src)/' "$log" | head -n 8 || true
      grep -E 'SUMMARY|Test unit written' "$log" || true
    } >&2
  else
    summary+=("$target: ${runs:-?} executions in ${seconds}s (${cov:-no final stats})")
  fi
done

echo "==> fuzz summary"
printf '  %s\n' "${summary[@]}"
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz.sh: ${failed[*]} found a crash (see above)" >&2
  exit 1
fi
