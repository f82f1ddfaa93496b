//! Headless Chromium through chromedriver, one private browser per test.
//!
//! Each browser gets its own chromedriver (on a free port, in its own process group) and a
//! fresh profile directory. Closing ends the session; dropping without closing (a failed
//! assertion) kills the process group, so no browser outlives its test.

use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;

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

pub struct Browser {
    pub client: Client,
    driver: Child,
    profile: PathBuf,
}

impl Browser {
    /// Starts chromedriver and a headless Chromium with `extra_flags` added; downloads go to
    /// `downloads`.
    pub async fn start(extra_flags: &[&str], downloads: &std::path::Path) -> Browser {
        let (driver, port) = start_chromedriver().await;
        let profile = std::env::temp_dir().join(format!("nianbao-e2e-{}-{port}", std::process::id()));
        let mut args: Vec<String> = CHROMIUM_FLAGS.iter().map(|s| s.to_string()).collect();
        args.push(format!("--user-data-dir={}", profile.display()));
        args.extend(extra_flags.iter().map(|s| s.to_string()));
        let prefs = json!({
            "download.default_directory": downloads.display().to_string(),
            "download.prompt_for_download": false,
        });
        let mut options = json!({ "args": args, "prefs": prefs });
        if let Ok(binary) = std::env::var("CHROMIUM") {
            options["binary"] = json!(binary);
        } else if std::path::Path::new("/usr/bin/chromium").exists() {
            options["binary"] = json!("/usr/bin/chromium");
        }
        let mut caps = serde_json::Map::new();
        caps.insert("goog:chromeOptions".into(), options);
        let connected = ClientBuilder::new(HttpConnector::new())
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await;
        match connected {
            Ok(client) => Browser { client, driver, profile },
            Err(e) => {
                kill_group(&driver);
                panic!("cannot start a Chromium session through chromedriver: {e}");
            }
        }
    }

    /// Ends the session and the browser.
    pub async fn close(self) {
        let _ = self.client.clone().close().await;
        // Drop does the rest.
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        kill_group(&self.driver);
        let _ = self.driver.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// Starts chromedriver on a free port and waits until it listens. Another process may take the
/// port between our probe and chromedriver's bind; then chromedriver exits and we try again.
async fn start_chromedriver() -> (Child, u16) {
    let chromedriver = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
    for _attempt in 0..3 {
        let port = free_port();
        let mut driver = Command::new(&chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {chromedriver} ({e}); run scripts/test.sh, which installs it"));
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return (driver, port);
            }
            if driver.try_wait().ok().flatten().is_some() {
                break; // it exited: most likely the port was taken
            }
            if Instant::now() > deadline {
                kill_group(&driver);
                panic!("chromedriver did not listen on port {port} within 20 s");
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
    panic!("chromedriver exited three times without listening");
}

/// Kills chromedriver and the Chromium it started (they share chromedriver's process group).
fn kill_group(driver: &Child) {
    // SAFETY: killpg only sends a signal, to the group this test created for chromedriver.
    unsafe {
        libc::killpg(driver.id() as libc::pid_t, libc::SIGKILL);
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}
