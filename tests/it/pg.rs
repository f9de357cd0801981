//! A throw-away PostgreSQL database per test, on the server `scripts/test.sh` starts with
//! `pg_virtualenv` (it exports PGHOST, PGPORT, PGUSER, PGPASSWORD). Without one the tests
//! that need it are skipped, except on CI, where a missing server is a failure.

use std::sync::atomic::{AtomicU32, Ordering};

/// The maintenance database's URL, if a server was given.
fn base() -> Option<(String, String)> {
    if let Ok(url) = std::env::var("MURMELGLAS_TEST_PG") {
        let (server, _) = url.rsplit_once('/')?;
        return Some((server.to_string(), url));
    }
    let host = std::env::var("PGHOST").ok()?;
    let port = std::env::var("PGPORT").unwrap_or_else(|_| "5432".into());
    let user = std::env::var("PGUSER").unwrap_or_else(|_| "postgres".into());
    let password = std::env::var("PGPASSWORD").unwrap_or_default();
    let server = format!("postgres://{user}:{password}@{host}:{port}");
    Some((server.clone(), format!("{server}/postgres?sslmode=disable")))
}

/// A database created for one test and dropped after it.
pub struct PgDb {
    pub url: String,
    name: String,
    maintenance: String,
}

impl Drop for PgDb {
    fn drop(&mut self) {
        if let Ok(mut client) = postgres::Client::connect(&self.maintenance, postgres::NoTls) {
            let _ = client.batch_execute(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ));
        }
    }
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// A new, empty database, or `None` (a skipped test) where no server runs outside CI.
pub fn empty_database() -> Option<PgDb> {
    let Some((server, maintenance)) = base() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI needs PostgreSQL: run the tests inside pg_virtualenv (scripts/test.sh does)"
        );
        eprintln!("skipped: no PostgreSQL server (PGHOST unset)");
        return None;
    };
    let name = format!(
        "murmelglas_test_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    );
    let mut client = postgres::Client::connect(&maintenance, postgres::NoTls)
        .unwrap_or_else(|e| panic!("PostgreSQL at {maintenance}: {e}"));
    client
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .expect("create database");
    Some(PgDb {
        url: format!("{server}/{name}?sslmode=disable"),
        name,
        maintenance,
    })
}

/// A new database with Murmelglas's schema.
pub fn database() -> Option<PgDb> {
    let db = empty_database()?;
    murmelglas::store::PostgresStore::init(&db.url, None).expect("server init");
    Some(db)
}
