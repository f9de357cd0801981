//! The team server (PostgreSQL) beside the file (SQLite), on the same data; results go to
//! BENCHMARKS.md. Needs a server: run inside `pg_virtualenv`, e.g.
//! `pg_virtualenv -t cargo bench --bench server` (it reads PGHOST, PGPORT, PGUSER,
//! PGPASSWORD). Uses the 1,000,000-contact database and CSV that `cargo bench --bench
//! core` builds into `target/bench-data/`.

// A benchmark that cannot set up its data stops there, as a test does.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use murmelglas::chart::{CellKind, Chart};
use murmelglas::domain::ContactDraft;
use murmelglas::import;
use murmelglas::review::{self, ReviewQuery};
use murmelglas::store::{PostgresStore, Store};
use murmelglas::{Lang, Rating};

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-data")
}

/// A fresh database on the server, with or without Murmelglas's schema.
fn database(name: &str, schema: bool) -> String {
    let host = std::env::var("PGHOST").expect("PGHOST: run inside pg_virtualenv");
    let port = std::env::var("PGPORT").unwrap_or_else(|_| "5432".into());
    let user = std::env::var("PGUSER").unwrap_or_else(|_| "postgres".into());
    let password = std::env::var("PGPASSWORD").unwrap_or_default();
    let server = format!("postgres://{user}:{password}@{host}:{port}");
    let mut admin =
        postgres::Client::connect(&format!("{server}/postgres"), postgres::NoTls).expect("connect");
    // One statement each: several in one call run as one transaction, which DROP
    // DATABASE refuses.
    admin
        .batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        .expect("drop database");
    admin
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .expect("create database");
    let url = format!("{server}/{name}?sslmode=disable");
    if schema {
        PostgresStore::init(&url, None).expect("init");
    }
    url
}

fn percentiles(mut samples: Vec<Duration>) -> (Duration, Duration) {
    samples.sort();
    let at = |q: f64| samples[((samples.len() as f64 * q) as usize).min(samples.len() - 1)];
    (at(0.5), at(0.99))
}

fn log_one(store: &mut Store, n: usize) -> (Duration, Duration) {
    let now = murmelglas::datetime::now();
    let samples = (0..n)
        .map(|_| {
            let started = Instant::now();
            store
                .log_contact(ContactDraft::new(Rating::Golden), now)
                .expect("log");
            started.elapsed()
        })
        .collect();
    percentiles(samples)
}

/// The dashboard of a quarter: the review and its 8 charts as SVG, as the app builds it
/// (the same charts as `benches/core.rs`).
fn dashboard(store: &Store, query: &ReviewQuery) -> usize {
    let r = review::review(store, query).expect("review");
    let b = &r.breakdowns;
    let cells = |kind, cells| Chart::Cells {
        kind,
        cells,
        target: r.target,
    };
    let charts = [
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
    ];
    charts
        .iter()
        .map(|c| c.svg(Lang::De, c.default_size()).expect("chart").svg.len())
        .sum()
}

fn median_of(runs: usize, mut f: impl FnMut()) -> Duration {
    let mut samples: Vec<Duration> = (0..runs)
        .map(|_| {
            let started = Instant::now();
            f();
            started.elapsed()
        })
        .collect();
    samples.sort();
    samples[samples.len() / 2]
}

fn main() {
    let million = data_dir().join("million.sqlite3");
    let csv = data_dir().join("million.csv");
    assert!(
        million.exists() && csv.exists(),
        "run `cargo bench --bench core` once first: it builds target/bench-data/"
    );

    // Logging one contact, side by side.
    let dir = tempfile::tempdir().expect("temp dir");
    let mut file = Store::open(&dir.path().join("log.sqlite3")).expect("open");
    let (m, p) = log_one(&mut file, 2000);
    println!("log one contact, SQLite file: median {m:?}, p99 {p:?} (2000 samples)");
    let mut server = Store::open_server(&database("murmelglas_bench_log", true)).expect("open");
    let (m, p) = log_one(&mut server, 2000);
    println!("log one contact, PostgreSQL on 127.0.0.1: median {m:?}, p99 {p:?} (2000 samples)");

    // Importing the CSV, against psql \copy of the same rows into the same tables.
    let url = database("murmelglas_bench_import", true);
    let mut server = Store::open_server(&url).expect("open");
    let started = Instant::now();
    let summary = import::import_file(&mut server, &csv, None).expect("import");
    let ours = started.elapsed();
    println!(
        "import {} rows into PostgreSQL: {:.2} s ({:.0} rows/s)",
        summary.added,
        ours.as_secs_f64(),
        summary.added as f64 / ours.as_secs_f64()
    );
    // The same rows as the table holds them, for psql.
    let rows = data_dir().join("million.pg.csv");
    let out = Command::new("psql")
        .arg(url.replace("?sslmode=disable", ""))
        .args([
            "-c",
            &format!(
                "\\copy (SELECT id, occurred_local, occurred_offset, logged_at, logged_offset, \
                 member_id, golden, channel, phase, purpose, motives, perspectives, note, \
                 note_folded, share_in_review, nps FROM contact) TO '{}' CSV",
                rows.display()
            ),
        ])
        .output()
        .expect("psql");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let copy_url = database("murmelglas_bench_copy", true);
    let mut copy = postgres::Client::connect(&copy_url, postgres::NoTls).expect("connect");
    copy.batch_execute(
        "INSERT INTO member (id, name, name_key) \
         SELECT g, 'm' || g, 'm' || g FROM generate_series(1, 100) g",
    )
    .expect("members");
    let started = Instant::now();
    let out = Command::new("psql")
        .arg(copy_url.replace("?sslmode=disable", ""))
        .args([
            "-c",
            &format!(
                "\\copy contact (id, occurred_local, occurred_offset, logged_at, logged_offset, \
                 member_id, golden, channel, phase, purpose, motives, perspectives, note, \
                 note_folded, share_in_review, nps) FROM '{}' CSV",
                rows.display()
            ),
        ])
        .output()
        .expect("psql");
    let theirs = started.elapsed();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    println!(
        "psql \\copy of the same rows into the same tables: {:.2} s; ours / theirs = {:.2}",
        theirs.as_secs_f64(),
        ours.as_secs_f64() / theirs.as_secs_f64()
    );

    // The review of a quarter with its 8 charts, on the same contacts.
    let file = Store::open(&million).expect("open");
    let from = NaiveDate::from_ymd_opt(2026, 7, 1).expect("date");
    let to = NaiveDate::from_ymd_opt(2026, 9, 30).expect("date");
    let quarter = ReviewQuery {
        from,
        to,
        ..ReviewQuery::default()
    };
    let member = file
        .list_members(true)
        .expect("members")
        .into_iter()
        .next()
        .expect("a member");
    let mine = ReviewQuery {
        member: Some(member.name),
        ..quarter.clone()
    };
    let on_server = {
        let url = database("murmelglas_bench_review", true);
        let mut s = Store::open_server(&url).expect("open");
        murmelglas::store::upload(&file, &mut s).expect("upload");
        postgres::Client::connect(&url, postgres::NoTls)
            .expect("connect")
            .batch_execute("VACUUM ANALYZE")
            .expect("analyze");
        s
    };
    for (name, query) in [("team", &quarter), ("my figures", &mine)] {
        let a = median_of(10, || {
            std::hint::black_box(dashboard(&file, query));
        });
        let b = median_of(10, || {
            std::hint::black_box(dashboard(&on_server, query));
        });
        println!(
            "review of a quarter with all 8 charts ({name}): SQLite {:.1} ms, PostgreSQL {:.1} ms ({:.2}×)",
            a.as_secs_f64() * 1e3,
            b.as_secs_f64() * 1e3,
            b.as_secs_f64() / a.as_secs_f64()
        );
    }
}
