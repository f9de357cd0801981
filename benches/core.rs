//! Core benchmarks; results go to BENCHMARKS.md. Run with `cargo bench --bench core`.
//!
//! The 1,000,000-contact database and its CSV export are built once into
//! `target/bench-data/` and reused by later runs.

// A benchmark that cannot set up its data stops there, as a test does.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use criterion::{BatchSize, Criterion, SamplingMode, Throughput};

use murmelglas::analytics::{self, Granularity};
use murmelglas::breakdown::{breakdowns, ReviewFilter};
use murmelglas::chart::{CellKind, Chart, Drawn};
use murmelglas::demo::{self, DemoOptions};
use murmelglas::export::{self, Format};
use murmelglas::import;
use murmelglas::report::{self, Report};
use murmelglas::review::{self, Review, ReviewQuery};
use murmelglas::store::Scope;
use murmelglas::store::{ContactFilter, HistoryQuery, Store};
use murmelglas::{Channel, Contact, Lang, Rating};

fn data_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    std::fs::create_dir_all(&dir).expect("bench data folder");
    dir
}

/// About 1,050,000 contacts over five years (260 weeks, 20 members, 38 a day each).
fn million_db() -> PathBuf {
    let path = data_dir().join("million.sqlite3");
    if !path.exists() {
        let partial = data_dir().join("million.partial.sqlite3");
        let _ = std::fs::remove_file(&partial);
        let mut store = Store::open(&partial).expect("open");
        let started = Instant::now();
        let summary = demo::fill(
            &mut store,
            &DemoOptions {
                weeks: 260,
                members: 20,
                per_day: 38,
                seed: 1,
                until: NaiveDate::from_ymd_opt(2026, 11, 20).expect("date"),
            },
        )
        .expect("demo data");
        store
            .connection()
            .expect("a SQLite file")
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
            .expect("checkpoint");
        drop(store);
        std::fs::rename(&partial, &path).expect("rename");
        eprintln!(
            "built {} contacts in {:.1} s",
            summary.contacts,
            started.elapsed().as_secs_f64()
        );
    }
    path
}

fn million_csv(db: &Path) -> PathBuf {
    let path = data_dir().join("million.csv");
    if !path.exists() {
        let store = Store::open(db).expect("open");
        let started = Instant::now();
        let n = export::write_contacts_to_file(
            &store,
            &ContactFilter::default(),
            Format::Csv,
            Lang::En,
            &path,
            false,
        )
        .expect("export");
        eprintln!(
            "exported {n} contacts in {:.1} s",
            started.elapsed().as_secs_f64()
        );
    }
    path
}

fn bench_log(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(&dir.path().join("log.sqlite3")).expect("open");
    c.bench_function("log one contact (file, WAL, commit)", |b| {
        b.iter(|| {
            let contact = Contact::new(Rating::Golden, murmelglas::datetime::now());
            store.insert_contact(black_box(&contact)).expect("insert");
        })
    });
}

/// Criterion reports the median; the tail needs every sample. Measured as configured
/// (WAL, synchronous=NORMAL: survives an app crash, not a power cut) and with
/// synchronous=FULL (an fsync per commit: survives a power cut).
fn log_percentiles() {
    for synchronous in ["NORMAL", "FULL"] {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut store = Store::open(&dir.path().join("log.sqlite3")).expect("open");
        store
            .connection()
            .expect("a SQLite file")
            .execute_batch(&format!("PRAGMA synchronous = {synchronous};"))
            .expect("pragma");
        let mut samples: Vec<Duration> = (0..5000)
            .map(|_| {
                let contact = Contact::new(Rating::Ordinary, murmelglas::datetime::now());
                let started = Instant::now();
                store.insert_contact(&contact).expect("insert");
                started.elapsed()
            })
            .collect();
        samples.sort();
        let at = |q: f64| samples[((samples.len() as f64 * q) as usize).min(samples.len() - 1)];
        println!(
            "log one contact (synchronous={synchronous}), 5000 samples: median {:?}, p99 {:?}, max {:?}",
            at(0.5),
            at(0.99),
            samples[samples.len() - 1]
        );
    }
}

fn bench_stats(c: &mut Criterion, db: &Path) {
    let store = Store::open(db).expect("open");
    let total = store.count_contacts().expect("count");
    c.bench_function(&format!("stats --by week over {total} contacts"), |b| {
        b.iter(|| {
            let s = analytics::stats(&store, None, None, Some(Granularity::Week)).expect("stats");
            black_box(s.series.map(|v| v.len()))
        })
    });
}

/// The team review's breakdowns for the last quarter of data (13 weeks) and one week,
/// all filters off and with a channel filter.
fn bench_breakdowns(c: &mut Criterion, db: &Path) {
    let store = Store::open(db).expect("open");
    let (_, last) = store.date_span().expect("span").expect("contacts");
    let quarter = last - chrono::Days::new(7 * 13 - 1);
    let week = last - chrono::Days::new(6);
    let mut group = c.benchmark_group("breakdowns");
    group.sample_size(20);
    for (name, from) in [("13 weeks", quarter), ("1 week", week)] {
        let n = breakdowns(&store, from, last, &ReviewFilter::default())
            .expect("breakdowns")
            .figures
            .total;
        group.bench_function(format!("{name} ({n} contacts)"), |b| {
            b.iter(|| black_box(breakdowns(&store, from, last, &ReviewFilter::default())))
        });
    }
    let phone = ReviewFilter {
        channel: Some(Channel::Phone),
        ..Default::default()
    };
    group.bench_function("13 weeks, phone only", |b| {
        b.iter(|| black_box(breakdowns(&store, quarter, last, &phone)))
    });
    group.finish();
}

/// The history view over the whole file: the first page, a page 10,000 contacts deep
/// (keyset paging), a filtered page, the counts shown above the list, and story searches:
/// one that matches nothing, and a common word (in about a quarter of the stories).
fn bench_history(c: &mut Criterion, db: &Path) {
    let store = Store::open(db).expect("open");
    let all = HistoryQuery::default();
    let mut deep = None;
    for _ in 0..100 {
        deep = store.history_page(&all, deep, 100).expect("page").next;
    }
    let golden_phone = HistoryQuery {
        rating: Some(Rating::Golden),
        channel: Some(Channel::Phone),
        ..HistoryQuery::default()
    };
    let text = HistoryQuery {
        text: Some("überraschung".into()),
        ..HistoryQuery::default()
    };
    let common = HistoryQuery {
        text: Some("Kunde".into()),
        ..HistoryQuery::default()
    };
    let common_golden_phone = HistoryQuery {
        text: Some("Kunde".into()),
        ..golden_phone.clone()
    };
    let mut group = c.benchmark_group("history");
    group.bench_function("first page (100)", |b| {
        b.iter(|| {
            black_box(
                store
                    .history_page(&all, None, 100)
                    .expect("page")
                    .contacts
                    .len(),
            )
        })
    });
    group.bench_function("page 10,000 contacts deep", |b| {
        b.iter(|| {
            black_box(
                store
                    .history_page(&all, deep, 100)
                    .expect("page")
                    .contacts
                    .len(),
            )
        })
    });
    group.bench_function("first page, golden by phone", |b| {
        b.iter(|| {
            black_box(
                store
                    .history_page(&golden_phone, None, 100)
                    .expect("page")
                    .contacts
                    .len(),
            )
        })
    });
    group.bench_function("count, all", |b| {
        b.iter(|| black_box(store.history_count(&all).expect("count")))
    });
    group.sample_size(10);
    group.bench_function("count, golden by phone", |b| {
        b.iter(|| black_box(store.history_count(&golden_phone).expect("count")))
    });
    for (name, query) in [
        ("text in story", &text),
        ("common word in story", &common),
        (
            "common word in story, golden by phone",
            &common_golden_phone,
        ),
    ] {
        let n = store.history_count(query).expect("count");
        group.bench_function(format!("first page, {name} ({n} contacts)"), |b| {
            b.iter(|| {
                black_box(
                    store
                        .history_page(query, None, 100)
                        .expect("page")
                        .contacts
                        .len(),
                )
            })
        });
        group.bench_function(format!("count, {name}"), |b| {
            b.iter(|| black_box(store.history_count(query).expect("count")))
        });
    }
    group.finish();
}

fn bench_import(c: &mut Criterion, csv: &Path) {
    let rows = std::fs::read_to_string(csv)
        .expect("read csv")
        .lines()
        .count() as u64
        - 1;
    let mut group = c.benchmark_group("import");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(60));
    group.throughput(Throughput::Elements(rows));
    group.bench_function(format!("{rows}-row CSV into a new file"), |b| {
        b.iter_batched(
            || {
                let dir = tempfile::tempdir().expect("temp dir");
                let store = Store::open(&dir.path().join("import.sqlite3")).expect("open");
                (dir, store)
            },
            |(dir, mut store)| {
                let summary = import::import_file(&mut store, csv, None).expect("import");
                assert_eq!(summary.added, rows);
                (dir, store)
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

fn bytes_per_contact(db: &Path) {
    let store = Store::open(db).expect("open");
    let total = store.count_contacts().expect("count") as f64;
    let size = |s: &Store| -> f64 {
        s.connection()
            .expect("a SQLite file")
            .query_row(
                "SELECT page_count * page_size FROM pragma_page_count, pragma_page_size",
                [],
                |r| r.get::<_, i64>(0),
            )
            .expect("size") as f64
    };
    let as_filled = size(&store);
    let copy = data_dir().join("vacuumed.sqlite3");
    let _ = std::fs::remove_file(&copy);
    store
        .connection()
        .expect("a SQLite file")
        .execute("VACUUM INTO ?1", [copy.to_string_lossy()])
        .expect("vacuum");
    let vacuumed = std::fs::metadata(&copy).expect("size").len() as f64;
    let _ = std::fs::remove_file(&copy);
    let notes: f64 = store
        .connection()
        .expect("a SQLite file")
        .query_row("SELECT avg(note IS NOT NULL) FROM contact", [], |r| {
            r.get(0)
        })
        .expect("notes");
    println!(
        "bytes per contact: {:.1} as filled, {:.1} after VACUUM ({} contacts, {:.1} % with a story)",
        as_filled / total,
        vacuumed / total,
        total,
        notes * 100.0
    );
}

/// The last full quarter of the demo data, as the dashboard asks for it.
fn review_quarter() -> (NaiveDate, NaiveDate) {
    (
        NaiveDate::from_ymd_opt(2026, 7, 1).expect("date"),
        NaiveDate::from_ymd_opt(2026, 9, 30).expect("date"),
    )
}

/// The dashboard's charts in the order the desktop app's `review` command draws them
/// (`ChartId::ALL` in src-tauri/src/review.rs; the core crate cannot depend on the app).
fn dashboard_charts(r: &Review) -> [Chart<'_>; 8] {
    let b = &r.breakdowns;
    let cells = |kind, cells| Chart::Cells {
        kind,
        cells,
        target: r.target,
    };
    [
        Chart::Trend {
            series: &r.series,
            target: r.target,
        },
        Chart::Stacked { series: &r.weeks },
        Chart::WeekJars { weeks: &r.weeks },
        Chart::Tags { breakdowns: b },
        Chart::Heat { breakdowns: b },
        cells(CellKind::Channel, &b.by_channel),
        cells(CellKind::Phase, &b.by_phase),
        cells(CellKind::Purpose, &b.by_purpose),
    ]
}

/// Every chart of the dashboard as SVG at its default size, as the app sends them.
fn draw_dashboard(r: &Review) -> Vec<Drawn> {
    dashboard_charts(r)
        .iter()
        .map(|chart| chart.svg(Lang::De, chart.default_size()).expect("chart"))
        .collect()
}

/// The dashboard for a quarter over the 1M file: what the app's `review` command does
/// (the review, then all eight charts as SVG), for the team, filtered to phone, and one
/// member's own figures; and the two parts alone. Then each chart alone, and the weekly
/// figures with the trend chart that `scripts/bench-review-pandas.py` makes with pandas
/// and matplotlib.
fn bench_review(c: &mut Criterion, db: &Path) {
    let store = Store::open(db).expect("open");
    let (from, to) = review_quarter();
    let team = ReviewQuery {
        from,
        to,
        ..ReviewQuery::default()
    };
    let phone = ReviewQuery {
        filter: ReviewFilter {
            channel: Some(Channel::Phone),
            ..ReviewFilter::default()
        },
        ..team.clone()
    };
    let member = store
        .list_members(true)
        .expect("members")
        .into_iter()
        .next()
        .expect("a member");
    let mine = ReviewQuery {
        member: Some(member.name),
        ..team.clone()
    };
    let mut group = c.benchmark_group("review");
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    for (name, query, scope) in [
        ("quarter", &team, Scope::Team),
        ("quarter, phone", &phone, Scope::Team),
        ("quarter, my figures", &mine, Scope::Member(member.id)),
    ] {
        let prepared = review::review(&store, query).expect("review");
        let n = prepared.figures.total;
        group.bench_function(format!("dashboard, {name} ({n} contacts)"), |b| {
            b.iter(|| {
                let r = review::review(&store, query).expect("review");
                black_box(draw_dashboard(&r).len())
            })
        });
        group.bench_function(format!("review() alone, {name}"), |b| {
            b.iter(|| black_box(review::review(&store, query).expect("review")))
        });
        // review() = one pass over the rows it needs (the quarter, the weeks before it
        // for the bars, and the quarter before when filtered) + the stories + settings.
        let selection = query
            .filter
            .selection(&store, from, to, scope.clone())
            .expect("selection");
        group.bench_function(
            format!("one pass over the quarter's rows alone, {name}"),
            |b| {
                b.iter(|| {
                    let mut n = 0u64;
                    store
                        .scan(&selection, &mut |row| n += u64::from(row.golden))
                        .expect("scan");
                    black_box(n)
                })
            },
        );
        group.bench_function(format!("8 charts alone, {name}"), |b| {
            b.iter(|| black_box(draw_dashboard(&prepared).len()))
        });
    }
    let prepared = review::review(&store, &team).expect("review");
    for chart in dashboard_charts(&prepared) {
        group.bench_function(format!("chart {}, quarter", chart.file_stem()), |b| {
            b.iter(|| black_box(chart.svg(Lang::De, chart.default_size()).expect("chart")))
        });
    }
    // The analyst's figures: per ISO week contacts, golden, share and interval for the
    // quarter, and the trend chart (share, band, target) as SVG and PNG.
    let weekly = || {
        analytics::stats(&store, Some(from), Some(to), Some(Granularity::Week))
            .expect("stats")
            .series
            .expect("series")
    };
    // The team's overall goal in force at the quarter's end, as the review reads it.
    let target_at_end = || {
        let goals = store.list_goals().expect("goals");
        murmelglas::cycle::target_on(&goals, None, to).map(|(_, value)| value)
    };
    let target = target_at_end();
    group.bench_function("weekly figures, quarter", |b| {
        b.iter(|| black_box(weekly().len()))
    });
    let series = weekly();
    let trend = Chart::Trend {
        series: &series,
        target,
    };
    group.bench_function("trend chart svg, quarter", |b| {
        b.iter(|| black_box(trend.svg(Lang::En, trend.default_size()).expect("svg")))
    });
    group.bench_function("trend chart png, quarter", |b| {
        b.iter(|| black_box(trend.png(Lang::En, trend.default_size()).expect("png")))
    });
    group.bench_function("weekly figures + trend svg + png, quarter", |b| {
        b.iter(|| {
            let series = weekly();
            let target = target_at_end();
            let trend = Chart::Trend {
                series: &series,
                target,
            };
            let svg = trend.svg(Lang::En, trend.default_size()).expect("svg");
            let png = trend.png(Lang::En, trend.default_size()).expect("png");
            black_box((svg.svg.len(), png.len()))
        })
    });
    group.finish();
}

/// The weekly report for 2026-W38 as one HTML file (review, eight inline SVG charts,
/// tables, stories), and its two parts: reading the review and rendering the HTML.
fn bench_report(c: &mut Criterion, db: &Path) {
    let store = Store::open(db).expect("open");
    let (from, to) = review::iso_week("2026-W38").expect("week");
    let mut group = c.benchmark_group("report");
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    group.bench_function("weekly HTML, 2026-W38", |b| {
        b.iter(|| black_box(report::render_html(&store, from, to, Lang::De).expect("report")))
    });
    group.bench_function("build alone (reads the week), 2026-W38", |b| {
        b.iter(|| black_box(Report::build(&store, from, to, Lang::De).expect("report")))
    });
    let built = Report::build(&store, from, to, Lang::De).expect("report");
    group.bench_function("html() alone, 2026-W38", |b| {
        b.iter(|| black_box(built.html().expect("html").len()))
    });
    group.finish();
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    let db = million_db();
    let csv = million_csv(&db);
    bench_log(&mut c);
    bench_stats(&mut c, &db);
    bench_breakdowns(&mut c, &db);
    bench_history(&mut c, &db);
    bench_review(&mut c, &db);
    bench_report(&mut c, &db);
    bench_import(&mut c, &csv);
    c.final_summary();
    log_percentiles();
    bytes_per_contact(&db);
}
