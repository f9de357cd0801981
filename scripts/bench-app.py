#!/usr/bin/env python3
"""Start time, memory and key-press latency of the Murmelglas window, next to a minimal
Tauri "hello world" built the same way (bench/hello-tauri). Numbers go to BENCHMARKS.md.

Run from the repository root, with a display (the script starts Xvfb itself if none):
    python3 scripts/bench-app.py [--runs 10] [--no-build] [--compare OLD-BINARY]

Start = from spawning the process to the window having its data, reported by a line on
stdout: hello world at its page's load event, after its first layout and before its first
paint; Murmelglas once today's jar is laid out in the page and the window listens to the
app's events, whose answers WebKit often delivers only after its first paint. The
candidates take turns, run by run; `--compare` adds an earlier build as one more. Of the
start, "the page" is from WebKit starting to load the page to the ready line: before it
Tauri, GTK and WebKit start alike in both, and the machine's noise is mostly there. Memory =
proportional set size (PSS) of the app and every WebKit process it started, 2 s after
it is ready, so shared libraries count once. Caches are warm: the first of the runs is
dropped. Murmelglas also sends its page's timing marks with the ready line (early script,
module run, mounted, listeners asked and answered, WebKit's first contentful paint); the
script prints their medians, so where the page's time goes needs no special build.
"""

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(cmd, **kw):
    print("+", " ".join(str(c) for c in cmd), flush=True)
    subprocess.run(cmd, check=True, **kw)


def build():
    run(["npm", "run", "build"], cwd=ROOT / "ui")
    run(["cargo", "build", "--release", "-p", "murmelglas-app"], cwd=ROOT)
    hello = ROOT / "bench/hello-tauri"
    # Same dependency versions as the app.
    shutil.copy(ROOT / "Cargo.lock", hello / "Cargo.lock")
    run(["cargo", "build", "--release", "--manifest-path", str(hello / "Cargo.toml"),
         "--target-dir", str(ROOT / "target")], cwd=ROOT)


def descendants(pid):
    """pid and every process below it."""
    children = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


def pss_kib(pid):
    total = 0
    for p in descendants(pid):
        try:
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total


def measure(binary, ready_line, env_extra):
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ)
        env.update({
            "HOME": home,
            "XDG_CONFIG_HOME": f"{home}/config",
            "XDG_DATA_HOME": f"{home}/data",
            "XDG_CACHE_HOME": f"{home}/cache",
            "MURMELGLAS_DB": f"{home}/bench.sqlite3",
            "DBUS_SESSION_BUS_ADDRESS": "disabled:",
        })
        env.update(env_extra)
        start = time.perf_counter()
        proc = subprocess.Popen([binary], env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, text=True, start_new_session=True)
        page_loading = None
        timings = {}
        try:
            for line in proc.stdout:
                if page_loading is None and "page loading" in line:
                    page_loading = time.perf_counter()
                if "page timings " in line:
                    for entry in line.split("page timings ", 1)[1].strip().split(";"):
                        name, ms = entry.rsplit("=", 1)
                        timings[name] = float(ms)
                if ready_line in line:
                    break
            else:
                raise RuntimeError(f"{binary} ended without '{ready_line}'")
            elapsed = time.perf_counter() - start
            time.sleep(2)
            memory = pss_kib(proc.pid)
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=10)
        # An older build may not say when its page starts loading.
        page = None if page_loading is None else (elapsed - (page_loading - start)) * 1000
        return elapsed * 1000, page, memory / 1024, timings


def has_render_node():
    """Whether a GPU offers WebKit a DRM render node (the app's own test, rendering.rs)."""
    try:
        return any(e.name.startswith("renderD") for e in os.scandir("/dev/dri"))
    except OSError:
        return False


def series(candidates, runs):
    """Runs each candidate in turn, `runs` + 1 times, interleaved so that a busy minute
    of the machine falls on all of them alike; the first round fills the caches."""
    starts = {name: [] for name, *_ in candidates}
    timings = {name: {} for name, *_ in candidates}
    pages = {name: [] for name, *_ in candidates}
    mems = {name: [] for name, *_ in candidates}
    for i in range(runs + 1):
        for name, binary, ready_line, env_extra in candidates:
            ms, page_ms, mib, marks = measure(binary, ready_line, env_extra)
            if i > 0:
                for mark, at in marks.items():
                    timings[name].setdefault(mark, []).append(at)
                starts[name].append(ms)
                if page_ms is not None:
                    pages[name].append(page_ms)
                mems[name].append(mib)
            page = "" if page_ms is None else f" (page {page_ms:.0f})"
            print(f"  {name} run {i}: start {ms:.0f} ms{page}, PSS {mib:.1f} MiB", flush=True)
    return {name: (statistics.median(starts[name]),
                   statistics.median(pages[name]) if pages[name] else float("nan"),
                   statistics.median(mems[name]),
                   {mark: (statistics.median(ats), len(ats)) for mark, ats in timings[name].items()})
            for name in starts}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--no-build", action="store_true")
    parser.add_argument("--compare", metavar="BINARY", type=Path,
                        help="an earlier build of murmelglas-app (a copy of "
                             "target/release/murmelglas-app), measured in the same turns")
    args = parser.parse_args()
    if not os.environ.get("DISPLAY"):
        os.execvp("xvfb-run", ["xvfb-run", "-a", "-s", "-screen 0 1280x1024x24",
                               sys.executable, *sys.argv])
    if not args.no_build:
        build()
    app = ROOT / "target/release/murmelglas-app"
    hello = ROOT / "target/release/hello-tauri"
    # Where there is no render node the app draws without WebKit's compositing (it sets
    # WEBKIT_DISABLE_COMPOSITING_MODE=1 itself); hello world is measured both ways.
    candidates = [
        ("murmelglas", app, "murmelglas: ready", {"MURMELGLAS_REPORT_READY": "1"}),
        ("hello", hello, "hello: ready", {}),
    ]
    if args.compare:
        candidates.append(("murmelglas, compared", args.compare.resolve(), "murmelglas: ready",
                           {"MURMELGLAS_REPORT_READY": "1"}))
    like_for_like = not has_render_node()
    if like_for_like:
        candidates.append(("hello, no compositing", hello, "hello: ready",
                           {"WEBKIT_DISABLE_COMPOSITING_MODE": "1"}))
    result = series(candidates, args.runs)
    app_start, app_page, app_mem, app_marks = result["murmelglas"]
    print()
    print("| what | hello world | Murmelglas | ratio | aim |")
    print("|---|---|---|---|---|")
    for name in [n for n, *_ in candidates if not n.startswith("murmelglas")]:
        hello_start, hello_page, hello_mem, _ = result[name]
        print(f"| start to window with data, median of {args.runs} ({name}) "
              f"| {hello_start:.0f} ms | {app_start:.0f} ms | {app_start / hello_start:.2f}× "
              f"| ≤ 1.15× |")
        print(f"| of it the page, from WebKit starting to load it, median ({name}) "
              f"| {hello_page:.0f} ms | {app_page:.0f} ms | +{app_page - hello_page:.0f} ms "
              f"| |")
        print(f"| memory (PSS, app + WebKit processes), median ({name}) "
              f"| {hello_mem:.1f} MiB | {app_mem:.1f} MiB | {app_mem / hello_mem:.2f}× "
              f"| ≤ 1.25× |")
    if args.compare:
        old_start, old_page, old_mem, _ = result["murmelglas, compared"]
        print(f"| {args.compare} (compared): start, its page, memory, medians "
              f"| | {old_start:.0f} ms, {old_page:.0f} ms, {old_mem:.1f} MiB "
              f"| {app_start / old_start:.2f}×, {app_page - old_page:+.0f} ms, "
              f"{app_mem / old_mem:.2f}× | |")
    if app_marks:
        # The page's own marks (ui/src/lib/timings.ts) and WebKit's paint entries.
        print()
        # The first paint can come after the ready line, and then that run has no entry.
        print(f"Where Murmelglas's page goes, ms after it starts loading, medians of {args.runs}"
              " (fewer where a run had no such entry yet):")
        order = sorted(app_marks, key=lambda m: app_marks[m][0])
        print("| " + " | ".join(m if app_marks[m][1] == args.runs else f"{m} ({app_marks[m][1]})"
                                for m in order) + " |")
        print("|" + "---|" * len(order))
        print("| " + " | ".join(f"{app_marks[m][0]:.0f}" for m in order) + " |")
    print(flush=True)
    # Key press → stored → jar updated, in the real window through WebDriver.
    run(["cargo", "test", "--release", "-p", "murmelglas-app", "--test", "e2e", "--",
         "--ignored", "--nocapture", "bench_key_press"], cwd=ROOT,
        env={**os.environ, "DBUS_SESSION_BUS_ADDRESS": "disabled:"})


if __name__ == "__main__":
    main()
