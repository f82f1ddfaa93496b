//! A private headless browser per test, in either engine: Chromium through chromedriver, or
//! Firefox ESR through geckodriver.
//!
//! Each browser gets its own driver (on a free port, in its own process group) and a fresh
//! profile directory. Closing (or dropping, after a failed assertion) kills the process group,
//! so no browser outlives its test; nothing is left to save, so there is no need to wait for
//! a browser to quit (Firefox takes a second or two).

use std::cell::Cell;
use std::future::Future;
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{Value, json};
use tokio::sync::OnceCell;

/// A browser engine the end-to-end tests run in. Every test runs in each (`#[e2e]`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    /// Debian's `chromium`, driven by `chromedriver` (`$CHROMIUM`, `$CHROMEDRIVER`).
    Chromium,
    /// Debian's `firefox-esr`, driven by `geckodriver` (`$FIREFOX`, `$GECKODRIVER`).
    Firefox,
}

thread_local! {
    /// The engine of the test running on this thread (libtest runs each test on its own
    /// thread, and `#[tokio::test]` drives it there).
    static CURRENT: Cell<Option<Engine>> = const { Cell::new(None) };
}

impl Engine {
    /// Lower case, as in test names and the screenshots' folders.
    pub fn name(self) -> &'static str {
        match self {
            Engine::Chromium => "chromium",
            Engine::Firefox => "firefox",
        }
    }

    /// Runs a test's body with this engine as the one `App::open` starts. `#[e2e]` calls it
    /// once per engine; a benchmark calls it to choose its engine.
    pub async fn run<F: Future<Output = ()>>(self, test: F) {
        CURRENT.set(Some(self));
        test.await;
        CURRENT.set(None);
    }

    /// The engine of the running test.
    pub fn current() -> Engine {
        CURRENT.get().unwrap_or_else(|| {
            panic!(
                "this end-to-end test runs in no engine: mark it #[e2e] instead of #[tokio::test] \
                 (tests/e2e/main.rs), so that it runs once in Chromium and once in Firefox"
            )
        })
    }
}

/// The flags Chromium needs here: as root it needs --no-sandbox, and on this closed network
/// it stalls unless its background services are off (toolchain.md).
const CHROMIUM_FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--window-size=1280,800",
];

/// Firefox's preferences for the tests: downloads saved to the test's folder without asking.
/// (Marionette sets the ones that keep Firefox off the network on its own: no updates, no
/// safe-browsing lists, no telemetry.)
fn firefox_prefs(downloads: &Path) -> Value {
    json!({
        "browser.download.dir": downloads.display().to_string(),
        "browser.download.folderList": 2,
        "browser.download.useDownloadDir": true,
        "browser.download.always_ask_before_handling_new_types": false,
        "browser.download.manager.showWhenStarting": false,
        "browser.download.start_downloads_in_tmp_dir": false,
        "browser.helperApps.neverAsk.saveToDisk": "application/json,text/csv,text/plain,text/html,application/octet-stream",
    })
}

pub struct Browser {
    pub client: Client,
    pub engine: Engine,
    /// Where the browser saves downloads (in the browser's own folder, gone with it).
    pub downloads: PathBuf,
    driver: Child,
    /// The browser's own folder: its profile and its downloads.
    folder: PathBuf,
}

impl Browser {
    /// Starts a headless browser of `engine` with `extra_args` added to its command line (in
    /// that engine's own syntax).
    pub async fn start(engine: Engine, extra_args: &[&str]) -> Browser {
        // A session that cannot be made (a busy machine, a driver gone) is tried again with a
        // new driver before the test fails.
        let mut last_error = String::new();
        for _attempt in 0..3 {
            match Browser::try_start(engine, extra_args).await {
                Ok(browser) => return browser,
                Err(e) => last_error = e,
            }
        }
        panic!("cannot start a {} session (three tries): {last_error}", engine.name());
    }

    async fn try_start(engine: Engine, extra_args: &[&str]) -> Result<Browser, String> {
        let folder = std::env::temp_dir().join(format!("nianbao-e2e-{}-{}-{}", engine.name(), std::process::id(), super::unique()));
        let (profile, downloads) = (folder.join("profile"), folder.join("downloads"));
        std::fs::create_dir_all(&downloads).map_err(|e| e.to_string())?;
        let (driver, port) = start_driver(engine).await;
        let mut caps = serde_json::Map::new();
        match engine {
            Engine::Chromium => {
                let mut args: Vec<String> = CHROMIUM_FLAGS.iter().map(|s| s.to_string()).collect();
                args.push(format!("--user-data-dir={}", profile.display()));
                args.extend(extra_args.iter().map(|s| s.to_string()));
                let prefs = json!({
                    "download.default_directory": downloads.display().to_string(),
                    "download.prompt_for_download": false,
                });
                let mut options = json!({ "args": args, "prefs": prefs });
                if let Some(binary) = binary("CHROMIUM", "/usr/bin/chromium") {
                    options["binary"] = json!(binary);
                }
                caps.insert("goog:chromeOptions".into(), options);
            }
            Engine::Firefox => {
                // A copy of the profile made ready once; geckodriver adds these prefs to it.
                copy_dir(firefox_profile_template().await, &profile).map_err(|e| format!("copying the Firefox profile: {e}"))?;
                let mut args = vec!["-headless".to_string(), "-profile".to_string(), profile.display().to_string()];
                args.extend(extra_args.iter().map(|s| s.to_string()));
                let mut options = json!({ "args": args, "prefs": firefox_prefs(&downloads) });
                if let Some(binary) = binary("FIREFOX", "/usr/bin/firefox-esr") {
                    options["binary"] = json!(binary);
                }
                caps.insert("browserName".into(), json!("firefox"));
                caps.insert("moz:firefoxOptions".into(), options);
            }
        }
        let connected = connect(caps, port).await;
        match connected {
            Ok(client) => Ok(Browser { client, engine, downloads, driver, folder }),
            Err(e) => {
                kill_group(&driver);
                let _ = std::fs::remove_dir_all(&folder);
                Err(e.to_string())
            }
        }
    }

    /// Ends the browser (and so its session).
    pub async fn close(self) {
        // Drop does it.
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        kill_group(&self.driver);
        let _ = self.driver.wait();
        let _ = std::fs::remove_dir_all(&self.folder);
    }
}

async fn connect(caps: serde_json::Map<String, Value>, port: u16) -> Result<Client, fantoccini::error::NewSessionError> {
    ClientBuilder::new(HttpConnector::new()).capabilities(caps).connect(&format!("http://127.0.0.1:{port}")).await
}

/// A Firefox profile that Firefox has run in once, made by the first Firefox test of this run
/// and copied for each: Firefox spends seconds setting up an empty profile (its databases,
/// the built-in add-ons, the startup caches), and starts from a copy of one it has set up in
/// about half the time. Made anew in each run, so it is always of the Firefox installed.
async fn firefox_profile_template() -> &'static Path {
    static TEMPLATE: OnceCell<PathBuf> = OnceCell::const_new();
    TEMPLATE
        .get_or_init(|| async {
            let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
            // Those of earlier runs whose process has ended.
            for entry in std::fs::read_dir(tmp).into_iter().flatten().flatten() {
                let name = entry.file_name().to_string_lossy().to_string();
                if let Some(pid) = name.strip_prefix("e2e-firefox-profile-")
                    && !Path::new("/proc").join(pid).exists()
                {
                    let _ = std::fs::remove_dir_all(entry.path());
                }
            }
            let template = tmp.join(format!("e2e-firefox-profile-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&template);
            std::fs::create_dir_all(&template).unwrap();
            let (driver, port) = start_driver(Engine::Firefox).await;
            let mut caps = serde_json::Map::new();
            caps.insert("browserName".into(), json!("firefox"));
            let mut options = json!({ "args": ["-headless", "-profile", template.display().to_string()] });
            if let Some(binary) = binary("FIREFOX", "/usr/bin/firefox-esr") {
                options["binary"] = json!(binary);
            }
            caps.insert("moz:firefoxOptions".into(), options);
            let client = connect(caps, port).await.unwrap_or_else(|e| panic!("cannot start Firefox to make its profile: {e}"));
            client.goto("about:blank").await.expect("Firefox opens a page");
            // Ending the session quits Firefox, which saves the profile; geckodriver answers
            // once Firefox has exited.
            client.close().await.expect("Firefox quits");
            kill_group(&driver);
            // What a copy need not carry: the cache, the crash folders, the session to restore.
            for part in ["cache2", "crashes", "minidumps", "sessionstore-backups", "sessionstore.jsonlz4", "lock", ".parentlock"] {
                let path = template.join(part);
                let _ = std::fs::remove_dir_all(&path).or_else(|_| std::fs::remove_file(&path));
            }
            template
        })
        .await
}

/// Copies the folder `from` to `to`, files and folders (a profile has no links worth keeping).
fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let kind = entry.file_type()?;
        if kind.is_dir() {
            copy_dir(&entry.path(), &to.join(entry.file_name()))?;
        } else if kind.is_file() {
            std::fs::copy(entry.path(), to.join(entry.file_name()))?;
        }
    }
    Ok(())
}

/// The browser binary: `$VAR` if set, else `default` if it exists (else the driver looks).
fn binary(var: &str, default: &str) -> Option<String> {
    std::env::var(var).ok().or_else(|| Path::new(default).exists().then(|| default.to_string()))
}

/// Starts the engine's driver on a free port and waits until it is ready. Another process may
/// take the port between our probe and the driver's bind; then the driver exits and we try
/// again.
async fn start_driver(engine: Engine) -> (Child, u16) {
    let (var, default) = match engine {
        Engine::Chromium => ("CHROMEDRIVER", "chromedriver"),
        Engine::Firefox => ("GECKODRIVER", "geckodriver"),
    };
    let program = std::env::var(var).unwrap_or_else(|_| default.into());
    for _attempt in 0..3 {
        let port = free_port();
        let mut driver = Command::new(&program)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {program} ({e}); run scripts/test.sh, which installs it"));
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            // Not just something listening on the port (another test's server may have taken
            // it between `free_port` and the driver's bind): the driver, ready.
            if answers_as_ready_driver(port) && driver.try_wait().ok().flatten().is_none() {
                return (driver, port);
            }
            if driver.try_wait().ok().flatten().is_some() {
                break; // it exited: most likely the port was taken
            }
            if Instant::now() > deadline {
                kill_group(&driver);
                panic!("{program} did not listen on port {port} within 20 s");
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
    panic!("{program} exited three times without listening");
}

/// Kills the driver and the browser it started (they share the driver's process group).
fn kill_group(driver: &Child) {
    // SAFETY: killpg only sends a signal, to the group this test created for the driver.
    unsafe {
        libc::killpg(driver.id() as libc::pid_t, libc::SIGKILL);
    }
}

/// Whether the server on `port` answers `GET /status` as a ready WebDriver server does (it
/// wants the port in the Host header, and may keep the connection open: read until the answer).
fn answers_as_ready_driver(port: u16) -> bool {
    use std::io::{Read, Write};
    let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) else { return false };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    let request = format!("GET /status HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n");
    if stream.write_all(request.as_bytes()).is_err() {
        return false;
    }
    let mut response = Vec::new();
    let mut chunk = [0u8; 4096];
    while let Ok(n) = stream.read(&mut chunk) {
        if n == 0 {
            break;
        }
        response.extend_from_slice(&chunk[..n]);
        if String::from_utf8_lossy(&response).contains("\"ready\":true") {
            return true;
        }
    }
    false
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}
