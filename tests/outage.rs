//! The team's server goes away while people log, and comes back: every contact logged
//! meanwhile waits on the computer and arrives exactly once. A test binary of its own, so
//! stopping the server (its postmaster, for real) cannot disturb the other tests, which
//! share the server `scripts/test.sh` starts.

// Test set-up that cannot go on without its server says so by panicking, as a test does.
#![allow(clippy::expect_used, clippy::unwrap_used)]

#[path = "it/pg.rs"]
mod pg;
#[path = "support/pg_cluster.rs"]
mod pg_cluster;

use std::path::Path;
use std::process::{Command, Output};

use pg_cluster::Cluster;

/// The cluster behind the test server at `url`.
fn cluster_of(url: &str) -> Cluster {
    let mut client = postgres::Client::connect(url, postgres::NoTls).expect("connect");
    let mut show = |what: &str| -> String {
        client
            .query_one(&format!("SHOW {what}"), &[])
            .expect("show")
            .get(0)
    };
    let data = show("data_directory");
    let config = show("config_file");
    Cluster::new(data, config)
}

fn cli(url: &str, outbox: &Path, args: &[&str]) -> Output {
    Command::new(assert_cmd::cargo::cargo_bin("murmelglas"))
        .env_remove("MURMELGLAS_DB")
        .env("TZ", "Europe/Berlin")
        .env("MURMELGLAS_OUTBOX", outbox)
        .arg("--db")
        .arg(url)
        .args(args)
        .output()
        .expect("run")
}

fn count(url: &str) -> u64 {
    murmelglas::store::Store::open_server(url)
        .expect("open")
        .count_contacts()
        .expect("count")
}

#[test]
fn contacts_logged_while_the_server_is_stopped_arrive_exactly_once() {
    let Some(db) = pg::database() else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let outbox = dir.path().join("outbox.sqlite3");
    for _ in 0..2 {
        assert!(cli(&db.url, &outbox, &["log", "golden"]).status.success());
    }
    let cluster = cluster_of(&db.url);
    cluster.stop();
    let restart = scopeguard(&cluster);
    for rating in ["golden", "08/15", "golden"] {
        let out = cli(
            &db.url,
            &outbox,
            &["log", rating, "--note", "während der Pause"],
        );
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{stdout}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(stdout.contains("on this computer"), "{stdout}");
    }
    let out = cli(&db.url, &outbox, &["stats"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("cannot reach the team server"), "{stderr}");
    assert!(stderr.contains("3 logged contacts wait"), "{stderr}");

    drop(restart);
    let out = cli(&db.url, &outbox, &["stats"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("Sent 3 contacts"), "{stderr}");
    assert_eq!(count(&db.url), 5);
    // Nothing waits any more, and nothing is sent twice.
    let out = cli(&db.url, &outbox, &["stats"]);
    assert!(!String::from_utf8_lossy(&out.stderr).contains("Sent"));
    assert_eq!(count(&db.url), 5);
    let stored = murmelglas::store::Store::open_server(&db.url)
        .expect("open")
        .history_count(&murmelglas::store::HistoryQuery {
            text: Some("während der pause".into()),
            ..Default::default()
        })
        .expect("search");
    assert_eq!(stored, 3, "the stories arrived with the contacts");
}

/// Starts the cluster again when dropped, also when an assertion failed in between: the
/// server is shared by the test run.
struct Restart<'a>(&'a Cluster);

impl Drop for Restart<'_> {
    fn drop(&mut self) {
        self.0.start();
    }
}

fn scopeguard(cluster: &Cluster) -> Restart<'_> {
    Restart(cluster)
}
