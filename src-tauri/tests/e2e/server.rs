//! The team's server in the real window: two computers on one PostgreSQL database, and
//! the settings' connection test. The server comes from PGHOST, PGPORT, PGUSER and
//! PGPASSWORD (`pg_virtualenv`, as scripts/test.sh runs it); each test makes a database
//! of its own with `createdb` and drops it after. Without a server the tests are skipped,
//! except on CI, where that is a failure.

use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicU32, Ordering};

use murmelglas::store::{ContactFilter, PostgresStore, Store};
use murmelglas::{Contact, Rating};

use crate::harness::{self, App, Outcome};
use crate::pg_cluster::Cluster;

/// The server's connection settings from the environment.
struct Server {
    host: String,
    port: String,
    user: String,
    password: String,
}

impl Server {
    fn from_env() -> Option<Server> {
        let Ok(host) = std::env::var("PGHOST") else {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI needs PostgreSQL: run the tests inside pg_virtualenv (scripts/test.sh does)"
            );
            eprintln!("skipped: no PostgreSQL server (PGHOST unset)");
            return None;
        };
        Some(Server {
            host,
            port: std::env::var("PGPORT").unwrap_or_else(|_| "5432".into()),
            user: std::env::var("PGUSER").unwrap_or_else(|_| "postgres".into()),
            password: std::env::var("PGPASSWORD").unwrap_or_default(),
        })
    }
}

/// A database made for one test, with Murmelglas's schema; dropped after it.
struct TeamDb {
    name: String,
    /// With the password: what the app gets as MURMELGLAS_DB.
    url: String,
    server: Server,
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// One server test at a time: the outage stops the server the others use.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

impl TeamDb {
    fn create() -> Option<TeamDb> {
        let server = Server::from_env()?;
        let name = format!(
            "murmelglas_e2e_{}_{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        );
        let made = Command::new("createdb")
            .arg(&name)
            .status()
            .expect("createdb");
        assert!(made.success(), "createdb {name}");
        let url = format!(
            "postgres://{}:{}@{}:{}/{name}?sslmode=disable",
            server.user, server.password, server.host, server.port
        );
        let init = url.clone();
        // The blocking client runs a runtime of its own: not on the test's.
        std::thread::spawn(move || PostgresStore::init(&init, None).expect("server init"))
            .join()
            .expect("init thread");
        Some(TeamDb { name, url, server })
    }

    /// Every contact on the server, oldest first.
    fn contacts(&self) -> Vec<Contact> {
        let url = self.url.clone();
        std::thread::spawn(move || {
            Store::open_server(&url)
                .expect("open the team database")
                .list_contacts(&ContactFilter::default())
                .expect("list contacts")
        })
        .join()
        .expect("read thread")
    }
}

impl Drop for TeamDb {
    fn drop(&mut self) {
        let _ = Command::new("dropdb")
            .args(["--force", "--if-exists", &self.name])
            .status();
    }
}

async fn launch_on(name: &str, url: &str) -> Outcome {
    App::launch_file(name, |_| {}, &[("MURMELGLAS_DB", Path::new(url))]).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_computers_log_into_one_team_jar_and_review() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let Some(team) = TeamDb::create() else {
        return;
    };
    let Outcome::Ready(counter) = launch_on("server-counter", &team.url).await else {
        return;
    };
    let Outcome::Ready(office) = launch_on("server-office", &team.url).await else {
        counter.close(false).await;
        return;
    };
    let result = async {
        counter.wait_for_jar(0, 0).await?;
        office.wait_for_jar(0, 0).await?;

        // The counter's place goes with what is logged there.
        counter.click("[data-testid=nav-settings]").await?;
        counter
            .wait_for_text("[data-testid=db-path]", "postgres://")
            .await?;
        let shown = counter.text("[data-testid=db-path]").await?;
        assert!(
            !shown.contains(&team.server.password) || team.server.password.is_empty(),
            "the window never shows the password: {shown}"
        );
        counter
            .wait_for_text("[data-testid=server-connected]", "Verbunden")
            .await?;
        // A server has no folder to open nor a file to switch to beside it.
        counter
            .wait_for_text("[data-testid=server-no-file]", "Team-Server")
            .await?;
        let file_buttons = counter
            .number("return document.querySelectorAll('[data-testid=open-other]').length")
            .await?;
        assert_eq!(file_buttons, 0.0, "no file buttons while on the server");
        counter
            .type_into("[data-testid=place]", "Filiale Markt")
            .await?;
        counter.click("[data-testid=prefs-save]").await?;
        counter
            .wait_for_text("[data-testid=toast]", "Gespeichert")
            .await?;
        counter.screenshot("settings-connected").await?;
        counter.click("[data-testid=nav-log]").await?;

        // One golden at the counter, one 08/15 in the office: one jar.
        counter.press("g").await?;
        counter.wait_for_jar(1, 0).await?;
        office.press("n").await?;
        office.wait_for_jar(1, 1).await?;
        counter.press("g").await?;
        counter.wait_for_jar(2, 1).await?;
        office.press("n").await?;
        office.wait_for_jar(2, 2).await?;
        counter.screenshot("team-jar").await?;
        office.screenshot("team-jar").await?;

        let contacts = team.contacts();
        assert_eq!(contacts.len(), 4, "four contacts on the server");
        let at_counter: Vec<_> = contacts
            .iter()
            .filter(|c| c.place.as_deref() == Some("Filiale Markt"))
            .collect();
        assert_eq!(at_counter.len(), 2, "the counter's place: {contacts:?}");
        assert!(at_counter.iter().all(|c| c.rating == Rating::Golden));

        // Each review reads the same rows.
        for app in [&counter, &office] {
            app.click("[data-testid=nav-review]").await?;
            app.wait_for_number("[data-testid=kf-total]", 4).await?;
            app.screenshot("review").await?;
        }
        Ok::<_, harness::Error>(())
    }
    .await;
    counter.close(result.is_err()).await;
    office.close(result.is_err()).await;
    result.expect("end-to-end scenario");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_password_is_said_in_words_and_switches_nothing() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let Some(team) = TeamDb::create() else {
        return;
    };
    let Outcome::Ready(app) = App::launch("server-connect").await else {
        return;
    };
    let result = async {
        app.press("g").await?;
        app.wait_for_jar(1, 0).await?;
        app.click("[data-testid=nav-settings]").await?;
        let file = app.text("[data-testid=db-path]").await?;
        assert!(file.ends_with("murmelglas.sqlite3"), "{file}");

        app.type_into("[data-testid=server-host]", &team.server.host)
            .await?;
        let port = app.find("[data-testid=server-port]").await?;
        port.clear().await?;
        port.send_keys(&team.server.port).await?;
        app.type_into("[data-testid=server-database]", &team.name)
            .await?;
        app.type_into("[data-testid=server-user]", &team.server.user)
            .await?;
        app.type_into("[data-testid=server-password]", "ganz-falsch")
            .await?;
        app.select("[data-testid=server-tls]", "disable").await?;
        app.screenshot("form").await?;

        // Keyboard: Enter in the form runs the test.
        app.press_focused("\u{E007}").await?;
        app.wait_for_text("[data-testid=server-result]", "Passwort stimmt nicht")
            .await?;
        app.screenshot("wrong-password").await?;
        // "Connect" with it refuses too, and nothing switched.
        app.click("[data-testid=server-connect]").await?;
        app.wait_for_text("[data-testid=server-result]", "Passwort stimmt nicht")
            .await?;
        assert_eq!(app.text("[data-testid=db-path]").await?, file);
        assert!(team.contacts().is_empty(), "nothing written on the server");
        assert_eq!(app.contacts().len(), 1, "the file keeps its contact");

        // A database of that name does not exist: said so.
        let database = app.find("[data-testid=server-database]").await?;
        database.clear().await?;
        database.send_keys("gibt_es_nicht").await?;
        let password = app.find("[data-testid=server-password]").await?;
        password.clear().await?;
        password.send_keys(&team.server.password).await?;
        app.click("[data-testid=server-test]").await?;
        app.wait_for_text(
            "[data-testid=server-result]",
            "keine Datenbank mit diesem Namen",
        )
        .await?;

        // The right one: test, connect, and the file's contact goes up with the upload.
        database.clear().await?;
        database.send_keys(&team.name).await?;
        app.click("[data-testid=server-test]").await?;
        app.wait_for_text("[data-testid=server-result]", "Die Verbindung steht")
            .await?;
        app.click("[data-testid=server-connect]").await?;
        app.wait_for_text("[data-testid=server-connected]", "postgres://")
            .await?;
        // No keyring answers on a headless machine: the window says the password is not kept.
        app.wait_for_text("[data-testid=server-password-note]", "nicht gespeichert")
            .await?;
        app.click("[data-testid=server-upload]").await?;
        app.wait_for_text(
            "[data-testid=server-uploaded]",
            "Kontakte: 1 neu, 0 schon da",
        )
        .await?;
        app.screenshot("uploaded").await?;
        assert_eq!(
            team.contacts().len(),
            1,
            "the file's contact is on the server"
        );
        app.click("[data-testid=server-upload]").await?;
        app.wait_for_text(
            "[data-testid=server-uploaded]",
            "Kontakte: 0 neu, 1 schon da",
        )
        .await?;
        assert_eq!(team.contacts().len(), 1, "uploading twice adds nothing");

        // Back to the file.
        app.click("[data-testid=server-back-local]").await?;
        app.wait_for_text("[data-testid=db-path]", "murmelglas.sqlite3")
            .await?;
        assert_eq!(app.text("[data-testid=db-path]").await?, file);
        Ok::<_, harness::Error>(())
    }
    .await;
    app.close(result.is_err()).await;
    result.expect("end-to-end scenario");
}

fn psql_show(what: &str) -> String {
    let out = Command::new("psql")
        .args(["-XAtc", &format!("SHOW {what}"), "postgres"])
        .output()
        .expect("psql");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// The cluster behind the test server `pg_virtualenv` set up (PG* in the environment).
fn cluster_of_env() -> Cluster {
    Cluster::new(psql_show("data_directory"), psql_show("config_file"))
}

/// Starts the server again if a test stopped it and failed before starting it.
struct Restart<'a>(&'a Cluster, bool);

impl Drop for Restart<'_> {
    fn drop(&mut self) {
        if self.1 {
            self.0.start();
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logging_goes_on_while_the_server_is_away_and_arrives_once() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let Some(team) = TeamDb::create() else {
        return;
    };
    let cluster = cluster_of_env();
    let Outcome::Ready(app) = launch_on("server-outage", &team.url).await else {
        return;
    };
    app.run(async |app| {
        app.press("g").await?;
        app.wait_for_jar(1, 0).await?;

        cluster.stop();
        let mut restart = Restart(&cluster, true);
        app.press("g").await?;
        app.wait_for_text("[data-testid=server-offline]", "antwortet nicht")
            .await?;
        app.press("n").await?;
        app.wait_for_text(
            "[data-testid=server-waiting]",
            "2 Kontakte warten auf den Server (1 Gold, 1 08/15)",
        )
        .await?;
        assert_eq!(app.all("[data-testid=jar-pending]").await?.len(), 2);
        app.screenshot("offline").await?;
        // Editing and the review need the server, and say so.
        app.click("[data-testid=nav-review]").await?;
        app.wait_for_text("[data-testid=error]", "Das braucht den Team-Server")
            .await?;
        app.screenshot("offline-review").await?;
        app.click("[data-testid=error-close]").await?;
        app.click("[data-testid=nav-log]").await?;

        cluster.start();
        restart.1 = false;
        app.wait_until_gone("[data-testid=server-offline]").await?;
        app.wait_for_jar(2, 1).await?;
        app.screenshot("back").await?;
        let contacts = team.contacts();
        assert_eq!(contacts.len(), 3, "each contact exactly once: {contacts:?}");
        let mut ids: Vec<_> = contacts.iter().map(|c| c.id).collect();
        ids.dedup();
        assert_eq!(ids.len(), 3);
        Ok(())
    })
    .await;
}
