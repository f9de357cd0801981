//! Starting the real app through tauri-driver, talking WebDriver to it, and reading the
//! database it writes.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use murmelglas::store::{ContactFilter, Store};
use murmelglas::Contact;

pub type Error = Box<dyn std::error::Error + Send + Sync>;

/// How long the window may take to come up before the setup counts as broken.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(45);
/// How long the page may take to show an expected state.
const WAIT: Duration = Duration::from_secs(10);

pub enum Outcome {
    Ready(App),
    Skipped,
}

/// A running app with its own database and a WebDriver session on its window.
pub struct App {
    pub client: Client,
    pub db: PathBuf,
    name: String,
    _driver: Driver,
    _home: tempfile::TempDir,
}

/// tauri-driver, stopped with SIGTERM when dropped — also when a test panics — which also
/// stops WebKitWebDriver and the app (SIGKILL would leave them behind).
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.0.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.0.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// tauri-driver from PATH or from cargo's install folder.
/// `minutes` before now, but still today: in the first three hours after midnight the
/// seeds of "today's" jar would fall on yesterday, so then every seed is spread over the
/// time since midnight instead, in the same order.
pub fn earlier_today(minutes: i64) -> chrono::DateTime<chrono::FixedOffset> {
    let now = murmelglas::datetime::now();
    let midnight = now - (now.time() - chrono::NaiveTime::MIN);
    let since = (now - midnight).num_seconds();
    if since >= 3 * 3600 {
        return now - chrono::Duration::minutes(minutes);
    }
    // A day has 1,440 minutes: earlier seeds stay earlier.
    midnight + chrono::Duration::seconds(since * (1440 - minutes.clamp(0, 1440)) / 1440)
}

fn tauri_driver() -> Option<PathBuf> {
    let in_path = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join("tauri-driver"))
            .find(|p| p.is_file())
    });
    in_path.or_else(|| {
        let home = std::env::var_os("HOME")?;
        let p = Path::new(&home).join(".cargo/bin/tauri-driver");
        p.is_file().then_some(p)
    })
}

fn missing(what: &str) -> Outcome {
    let message = format!("end-to-end tests need {what}; see scripts/test.sh");
    if std::env::var_os("CI").is_some() {
        panic!("{message}");
    }
    eprintln!("skipped: {message}");
    Outcome::Skipped
}

/// Each test gets its own ports, so a slow shutdown never collides with the next start.
fn ports(name: &str) -> (u16, u16) {
    let offset = name
        .bytes()
        .fold(0u16, |a, b| a.wrapping_mul(31).wrapping_add(u16::from(b)))
        % 500;
    (14_444 + offset * 2, 14_445 + offset * 2)
}

impl App {
    pub async fn launch(name: &str) -> Outcome {
        Self::launch_with(name, |_| {}).await
    }

    /// Starts the app on a fresh database that `prepare` may fill first.
    pub async fn launch_with(name: &str, prepare: impl FnOnce(&mut Store)) -> Outcome {
        Self::launch_env(name, prepare, &[]).await
    }

    /// As [`App::launch_with`], with extra environment for the app.
    pub async fn launch_env(
        name: &str,
        prepare: impl FnOnce(&mut Store),
        env: &[(&str, &Path)],
    ) -> Outcome {
        Self::launch_file(
            name,
            |db| {
                let mut store = Store::open(db).expect("create test database");
                prepare(&mut store);
            },
            env,
        )
        .await
    }

    /// Starts the app on whatever `write` puts at the database's path (a damaged file, a
    /// file from a newer version, …), with extra environment for the app.
    pub async fn launch_file(
        name: &str,
        write: impl FnOnce(&Path),
        env: &[(&str, &Path)],
    ) -> Outcome {
        let Some(driver_bin) = tauri_driver() else {
            return missing("tauri-driver (cargo install tauri-driver --locked)");
        };
        if Command::new("WebKitWebDriver")
            .arg("--version")
            .output()
            .is_err()
        {
            return missing("WebKitWebDriver (Debian package webkit2gtk-driver)");
        }
        if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
            return missing("a display (run under xvfb-run)");
        }
        let home = tempfile::tempdir().expect("temp home");
        let db = home.path().join("murmelglas.sqlite3");
        write(&db);
        let (port, native_port) = ports(name);
        // The app inherits this environment through tauri-driver and WebKitWebDriver: its
        // database and its WebKit storage live in the temporary home.
        let log_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/e2e-screenshots");
        std::fs::create_dir_all(&log_dir).expect("screenshot folder");
        // The driver's output goes to a file: inheriting our pipes would keep a test
        // runner's output open after the tests end.
        let log =
            std::fs::File::create(log_dir.join(format!("{name}-driver.log"))).expect("driver log");
        let mut command = Command::new(driver_bin);
        command
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .env("MURMELGLAS_DB", &db)
            .env("XDG_DATA_HOME", home.path().join("data"))
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .env("XDG_CACHE_HOME", home.path().join("cache"));
        // After the defaults, so a test may open another database (a server's URL).
        for (key, value) in env {
            command.env(key, value);
        }
        let driver = command
            .stdout(log.try_clone().expect("driver log"))
            .stderr(log)
            .stdin(Stdio::null())
            .spawn()
            .map(Driver)
            .expect("start tauri-driver");
        let application = env!("CARGO_BIN_EXE_murmelglas-app");
        let mut capabilities = serde_json::Map::new();
        capabilities.insert(
            "tauri:options".into(),
            serde_json::json!({ "application": application }),
        );
        let url = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        let client = loop {
            let attempt = tokio::time::timeout(
                Duration::from_secs(20),
                ClientBuilder::rustls()
                    .expect("TLS roots")
                    .capabilities(capabilities.clone())
                    .connect(&url),
            )
            .await;
            match attempt {
                Ok(Ok(client)) => break client,
                _ if started.elapsed() < CONNECT_TIMEOUT => {
                    tokio::time::sleep(Duration::from_millis(250)).await;
                }
                Ok(Err(e)) => {
                    panic!("no WebDriver session with the app after {CONNECT_TIMEOUT:?}: {e}")
                }
                Err(_) => panic!("the app window did not come up within {CONNECT_TIMEOUT:?}"),
            }
        };
        Outcome::Ready(App {
            client,
            db,
            name: name.to_string(),
            _driver: driver,
            _home: home,
        })
    }

    /// Runs a scenario on the launched app, closes the app (with a screenshot when the
    /// scenario failed) and fails the test with the scenario's error.
    pub async fn run(self, scenario: impl AsyncFnOnce(&App) -> Result<(), Error>) {
        let result = scenario(&self).await;
        self.close(result.is_err()).await;
        result.expect("end-to-end scenario");
    }

    /// Ends the session, which closes the app; dropping `self` stops tauri-driver. After
    /// a failed scenario it saves a screenshot of how the window looked.
    pub async fn close(self, failed: bool) {
        if failed {
            let _ = self.screenshot("failure").await;
        }
        let _ = self.client.clone().close().await;
    }

    /// The app's database, opened beside the running app.
    pub fn store(&self) -> Store {
        Store::open(&self.db).expect("open the app's database")
    }

    pub fn contacts(&self) -> Vec<Contact> {
        Store::open(&self.db)
            .expect("open the app's database")
            .list_contacts(&ContactFilter::default())
            .expect("list contacts")
    }

    pub async fn find(&self, css: &str) -> Result<Element, Error> {
        let deadline = Instant::now() + WAIT;
        loop {
            match self.client.find(Locator::Css(css)).await {
                Ok(e) => return Ok(e),
                Err(_) if Instant::now() < deadline => {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(e) => return Err(format!("{css}: {e}").into()),
            }
        }
    }

    pub async fn click(&self, css: &str) -> Result<(), Error> {
        let element = self.find(css).await?;
        // Bring it to the middle of the window first, away from fixed notices.
        self.client
            .execute(
                "arguments[0].scrollIntoView({block: 'center'});",
                vec![serde_json::to_value(&element)?],
            )
            .await?;
        element
            .click()
            .await
            .map_err(|e| format!("click {css}: {e}"))?;
        Ok(())
    }

    /// The WebDriver session, for scripts the helpers do not cover.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// A number computed by a script in the page (`return ...`).
    pub async fn number(&self, script: &str) -> Result<f64, Error> {
        let value = self.client.execute(script, vec![]).await?;
        value
            .as_f64()
            .ok_or_else(|| format!("{script} gave {value}, not a number").into())
    }

    /// Moves the keyboard focus to the element, as Tab would.
    pub async fn focus(&self, css: &str) -> Result<(), Error> {
        let element = self.find(css).await?;
        self.client
            .execute(
                "arguments[0].focus();",
                vec![serde_json::to_value(&element)?],
            )
            .await?;
        Ok(())
    }

    /// Every element matching `css`, once at least one is there.
    pub async fn all(&self, css: &str) -> Result<Vec<Element>, Error> {
        self.find(css).await?;
        Ok(self.client.find_all(Locator::Css(css)).await?)
    }

    /// Chooses the option with `value` in a select box.
    pub async fn select(&self, css: &str, value: &str) -> Result<(), Error> {
        self.find(css).await?.select_by_value(value).await?;
        Ok(())
    }

    /// Chooses the first option ("all") in a select box.
    pub async fn clear_select(&self, css: &str) -> Result<(), Error> {
        self.find(css).await?.select_by_index(0).await?;
        Ok(())
    }

    /// Clicks into a field and types, as a person would.
    pub async fn type_into(&self, css: &str, text: &str) -> Result<(), Error> {
        self.click(css).await?;
        self.find(css).await?.send_keys(text).await?;
        Ok(())
    }

    pub async fn text(&self, css: &str) -> Result<String, Error> {
        Ok(self.find(css).await?.text().await?)
    }

    /// Types keys into the page (at whatever has the focus, as a person would).
    pub async fn press(&self, keys: &str) -> Result<(), Error> {
        self.find("body").await?.send_keys(keys).await?;
        Ok(())
    }

    /// Types keys into the element that has the focus.
    pub async fn press_focused(&self, keys: &str) -> Result<(), Error> {
        self.client.active_element().await?.send_keys(keys).await?;
        Ok(())
    }

    pub async fn wait_for_text(&self, css: &str, expected: &str) -> Result<(), Error> {
        let deadline = Instant::now() + WAIT;
        loop {
            let text = self.text(css).await.unwrap_or_default();
            if text.contains(expected) {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err(format!("{css} shows '{text}', not '{expected}'").into());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until the element shows the number `n`, in whatever digit grouping
    /// (`1.234` in German).
    pub async fn wait_for_number(&self, css: &str, n: u64) -> Result<(), Error> {
        let digits = |text: &str| -> String { text.chars().filter(char::is_ascii_digit).collect() };
        let expected = n.to_string();
        let deadline = Instant::now() + WAIT;
        loop {
            let text = self.text(css).await.unwrap_or_default();
            if digits(&text) == expected {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err(format!("{css} shows '{text}', not {n}").into());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until the element's attribute has the expected value; returns the element.
    pub async fn wait_for_attr(
        &self,
        css: &str,
        attr: &str,
        expected: &str,
    ) -> Result<Element, Error> {
        let deadline = Instant::now() + WAIT;
        loop {
            let element = self.find(css).await?;
            let value = element.attr(attr).await?.unwrap_or_default();
            if value == expected {
                return Ok(element);
            }
            if Instant::now() > deadline {
                return Err(format!("{css} has {attr}='{value}', not '{expected}'").into());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until nothing matches `css` any more.
    pub async fn wait_until_gone(&self, css: &str) -> Result<(), Error> {
        let deadline = Instant::now() + WAIT;
        loop {
            match self.client.find_all(Locator::Css(css)).await {
                Ok(found) if found.is_empty() => break,
                Ok(_) => {}
                // Removed while WebDriver made its handle: going; looked at again.
                Err(e) if e.is_stale_element_reference() => {}
                Err(e) => return Err(e.into()),
            }
            if Instant::now() > deadline {
                return Err(format!("{css} is still there").into());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Ok(())
    }

    /// Waits until the jar shows these counts.
    pub async fn wait_for_jar(&self, golden: u64, ordinary: u64) -> Result<(), Error> {
        let deadline = Instant::now() + WAIT;
        loop {
            let jar = self.find("[data-testid=jar]").await?;
            // The jar is drawn anew when the log view comes back: a handle found just
            // before is stale then, and the jar is looked at again.
            let counts = match (
                jar.attr("data-golden").await,
                jar.attr("data-ordinary").await,
            ) {
                (Ok(g), Ok(o)) => Some((g.unwrap_or_default(), o.unwrap_or_default())),
                (Err(e), _) | (_, Err(e)) if e.is_stale_element_reference() => None,
                (Err(e), _) | (_, Err(e)) => return Err(e.into()),
            };
            let (g, o) = counts.unwrap_or_default();
            if g == golden.to_string() && o == ordinary.to_string() {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err(format!(
                    "jar shows {g} golden, {o} ordinary; expected {golden}, {ordinary}"
                )
                .into());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Saves a screenshot once animations have finished and the page has painted (two
    /// animation frames). Endless animations (a waiting marble's pulse) are not waited for.
    pub async fn screenshot(&self, label: &str) -> Result<PathBuf, Error> {
        self.client
            .execute_async(
                "const done = arguments[arguments.length - 1]; \
                 const ending = document.getAnimations().filter( \
                   (a) => a.effect?.getComputedTiming().iterations !== Infinity); \
                 Promise.all(ending.map((a) => a.finished)) \
                   .catch(() => null) \
                   .then(() => requestAnimationFrame(() => requestAnimationFrame(() => done(true))));",
                vec![],
            )
            .await?;
        // WebKitWebDriver's screenshot waits for the page's next paint. Without compositing
        // (the app's choice on computers without a GPU, as here) an idle page paints
        // nothing: the screenshot took 1.7-5.5 s and, in the feedback view, never came.
        // A pixel in the corner changing from 1 % to 2 % grey until it is taken gives
        // WebKit a paint (40-110 ms), and goes again afterwards.
        self.client
            .execute(
                "const pixel = document.createElement('div'); \
                 pixel.style.cssText = 'position:fixed;left:0;top:0;width:1px;height:1px;\
                   z-index:2147483647;pointer-events:none'; \
                 document.body.appendChild(pixel); \
                 let n = 0; \
                 const tick = setInterval(() => { \
                   pixel.style.background = n++ % 2 ? 'rgba(0,0,0,0.01)' : 'rgba(0,0,0,0.02)'; \
                 }, 30); \
                 window.__e2eShotDone = () => { clearInterval(tick); pixel.remove(); };",
                vec![],
            )
            .await?;
        let png = self.client.screenshot().await;
        self.client
            .execute("window.__e2eShotDone?.()", vec![])
            .await?;
        let png = png?;
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/e2e-screenshots");
        std::fs::create_dir_all(&dir)?;
        let path = dir.join(format!("{}-{label}.png", self.name));
        std::fs::write(&path, png)?;
        Ok(path)
    }
}
