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
        // A session that cannot be made (a busy machine, a driver gone) is tried again with a
        // new chromedriver before the test fails.
        let mut last_error = String::new();
        for _attempt in 0..3 {
            match Browser::try_start(extra_flags, downloads).await {
                Ok(browser) => return browser,
                Err(e) => last_error = e,
            }
        }
        panic!("cannot start a Chromium session through chromedriver (three tries): {last_error}");
    }

    async fn try_start(extra_flags: &[&str], downloads: &std::path::Path) -> Result<Browser, String> {
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
            Ok(client) => Ok(Browser { client, driver, profile }),
            Err(e) => {
                kill_group(&driver);
                let _ = std::fs::remove_dir_all(&profile);
                Err(e.to_string())
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
            // Not just something listening on the port (another test's server may have taken
            // it between `free_port` and chromedriver's bind): chromedriver, ready.
            if answers_as_chromedriver(port) && driver.try_wait().ok().flatten().is_none() {
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

/// Whether the server on `port` answers `GET /status` as a ready chromedriver does (it wants
/// the port in the Host header, and may keep the connection open: read until the answer).
fn answers_as_chromedriver(port: u16) -> bool {
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
