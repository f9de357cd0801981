#!/usr/bin/env python3
"""The analyst's way to the team review's weekly figures: pandas + matplotlib over the
English CSV export, as the yardstick for Murmelglas's own figures and trend chart.

    python3 scripts/bench-review-pandas.py CSV OUT_DIR [--from 2026-07-01] [--to 2026-09-30]
        [--target 0.5] [--check STATS.json] [--repeat N] [--usecols]

Reads the whole export (`murmelglas export --out FILE.csv`, columns id, occurred_at,
logged_at, member, rating, ...), keeps the contacts of the range by their local date (the
date as written in `occurred_at`, before its offset: the day Murmelglas counts them on),
and per ISO week (clipped to the range, weeks without contacts kept with share empty)
computes contacts, golden, 08/15, golden share and the Wilson 95 % interval. Writes
OUT_DIR/weekly.csv and the trend chart (share line, interval band, target line) as
OUT_DIR/trend.svg and OUT_DIR/trend.png (960x480 px, like Murmelglas's).

Prints one JSON line of timings in seconds: `imports` (pandas, numpy, matplotlib),
`read` (read_csv; all columns, as an analyst would, or with --usecols only
occurred_at and rating), `compute`, `svg`, `png` of the first run, and with --repeat N the
median of N more compute+plot runs on the loaded data (`warm_*`).

--check STATS.json compares the weekly figures with
`murmelglas stats --from F --to T --by week --format json` and prints every difference;
exits 1 if there is one.

Needs pandas and matplotlib (`pip install -r scripts/requirements-bench.txt`). Numbers: BENCHMARKS.md,
"Team review (issue 5)".
"""

import time

STARTED = time.perf_counter()

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402

import matplotlib  # noqa: E402

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

IMPORTED = time.perf_counter()

Z95 = 1.959963984540054  # two-sided 95 %, as Murmelglas's analytics.rs
TOLERANCE = 1e-9


def wilson(golden, total):
    """Wilson score interval at 95 % for arrays of counts; NaN where total is 0."""
    n = total.astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = golden / n
        z2 = Z95 * Z95
        centre = p + z2 / (2 * n)
        margin = Z95 * np.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
        denominator = 1 + z2 / n
        low = np.maximum((centre - margin) / denominator, 0.0)
        high = np.minimum((centre + margin) / denominator, 1.0)
    return p, low, high


def weekly_figures(df, first, last):
    """Per ISO week of first..last (inclusive, clipped): the review's weekly figures."""
    day = pd.to_datetime(df["occurred_at"].str.slice(0, 10), format="%Y-%m-%d")
    in_range = (day >= first) & (day <= last)
    day = day[in_range]
    golden = df.loc[in_range, "rating"].eq("golden")
    iso = day.dt.isocalendar()
    week = iso["year"].astype(str) + "-W" + iso["week"].astype(str).str.zfill(2)
    counted = (
        pd.DataFrame({"period": week, "golden": golden})
        .groupby("period")["golden"]
        .agg(total="size", golden="sum")
    )
    # Every week of the range, also those without contacts (a gap, not a zero).
    days = pd.date_range(first, last, freq="D")
    cal = days.isocalendar()
    labels = cal["year"].astype(str) + "-W" + cal["week"].astype(str).str.zfill(2)
    spans = (
        pd.DataFrame({"period": labels.to_numpy(), "day": days})
        .groupby("period", sort=True)["day"]
        .agg(**{"from": "min", "to": "max"})
    )
    weeks = spans.join(counted).fillna({"total": 0, "golden": 0})
    weeks["total"] = weeks["total"].astype(int)
    weeks["golden"] = weeks["golden"].astype(int)
    weeks["ordinary"] = weeks["total"] - weeks["golden"]
    share, low, high = wilson(weeks["golden"].to_numpy(), weeks["total"].to_numpy())
    weeks["golden_share"] = share
    weeks["ci_low"] = low
    weeks["ci_high"] = high
    return weeks.reset_index()


def trend_chart(weeks, target):
    """Share per week with its 95 % band and the target, like Murmelglas's trend chart."""
    fig, ax = plt.subplots(figsize=(9.6, 4.8), dpi=100)
    x = np.arange(len(weeks))
    ax.fill_between(
        x,
        weeks["ci_low"] * 100,
        weeks["ci_high"] * 100,
        color="#e0b040",
        alpha=0.3,
        linewidth=0,
        label="95 % interval",
    )
    ax.plot(x, weeks["golden_share"] * 100, color="#b8860b", marker="o", label="golden share")
    ax.axhline(target * 100, color="#555555", linestyle="--", linewidth=1, label="target")
    ax.set_xticks(x, weeks["period"], rotation=45, ha="right", fontsize=8)
    ax.set_ylim(0, 100)
    ax.set_ylabel("golden share (%)")
    ax.set_title("Golden share per week")
    ax.grid(axis="y", color="#dddddd")
    ax.legend(loc="lower right", fontsize=8)
    fig.tight_layout()
    return fig


def run(df, first, last, target, out_dir):
    """Compute, then draw and save SVG and PNG; the time of each step."""
    t0 = time.perf_counter()
    weeks = weekly_figures(df, first, last)
    weeks.to_csv(os.path.join(out_dir, "weekly.csv"), index=False, date_format="%Y-%m-%d")
    t1 = time.perf_counter()
    fig = trend_chart(weeks, target)
    fig.savefig(os.path.join(out_dir, "trend.svg"))
    t2 = time.perf_counter()
    fig.savefig(os.path.join(out_dir, "trend.png"))
    plt.close(fig)
    t3 = time.perf_counter()
    return weeks, {"compute": t1 - t0, "svg": t2 - t1, "png": t3 - t2}


def check(weeks, path):
    """Differences between our weekly figures and Murmelglas's stats JSON."""
    with open(path, encoding="utf-8") as f:
        stats = json.load(f)
    theirs = stats.get("series") or []
    problems = []
    if len(theirs) != len(weeks):
        problems.append(f"{len(weeks)} weeks here, {len(theirs)} in {path}")
    for ours, other in zip(weeks.to_dict("records"), theirs):
        for key in ["period", "from", "to", "total", "golden", "ordinary"]:
            mine = ours[key]
            if key in ("from", "to"):
                mine = mine.strftime("%Y-%m-%d")
            if mine != other[key]:
                problems.append(f"{ours['period']} {key}: {mine} here, {other[key]} in Murmelglas")
        for key in ["golden_share", "ci_low", "ci_high"]:
            mine = ours[key]
            mine = None if pd.isna(mine) else float(mine)
            if (mine is None) != (other[key] is None) or (
                mine is not None and abs(mine - other[key]) > TOLERANCE
            ):
                problems.append(f"{ours['period']} {key}: {mine} here, {other[key]} in Murmelglas")
    total = int(weeks["total"].sum())
    if total != stats.get("total"):
        problems.append(f"range total: {total} here, {stats.get('total')} in Murmelglas")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("csv")
    parser.add_argument("out_dir")
    parser.add_argument("--from", dest="first", default="2026-07-01")
    parser.add_argument("--to", dest="last", default="2026-09-30")
    parser.add_argument("--target", type=float, default=0.5, help="target golden share, 0-1")
    parser.add_argument("--check", metavar="STATS_JSON")
    parser.add_argument("--repeat", type=int, default=0, metavar="N")
    parser.add_argument(
        "--usecols", action="store_true", help="read only occurred_at and rating"
    )
    args = parser.parse_args()
    os.makedirs(args.out_dir, exist_ok=True)
    first, last = pd.Timestamp(args.first), pd.Timestamp(args.last)

    t0 = time.perf_counter()
    df = pd.read_csv(args.csv, usecols=["occurred_at", "rating"] if args.usecols else None)
    t1 = time.perf_counter()
    weeks, first_run = run(df, first, last, args.target, args.out_dir)
    timings = {
        "imports": IMPORTED - STARTED,
        "read": t1 - t0,
        **first_run,
        "rows": len(df),
        "weeks": len(weeks),
        "contacts_in_range": int(weeks["total"].sum()),
    }
    if args.repeat > 0:
        warm = [run(df, first, last, args.target, args.out_dir)[1] for _ in range(args.repeat)]
        for key in ["compute", "svg", "png"]:
            timings[f"warm_{key}"] = statistics.median(w[key] for w in warm)
        timings["warm_total"] = statistics.median(sum(w.values()) for w in warm)
    timings["script"] = time.perf_counter() - STARTED
    print(json.dumps({k: round(v, 4) if isinstance(v, float) else v for k, v in timings.items()}))

    if args.check:
        problems = check(weeks, args.check)
        for p in problems:
            print(p, file=sys.stderr)
        if problems:
            return 1
        print(f"check: {len(weeks)} weeks equal to {args.check}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
