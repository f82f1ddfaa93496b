//! The end-to-end helpers: the app as a reviewer uses it, in user verbs (`paste_report`,
//! `click_sample`, `cell_text`, `findings`). The DOM lookups live here and nowhere else, so
//! the tests read like what a person does and see.

pub mod browser;
#[path = "../../common/dist.rs"]
mod common;
pub mod server;

use std::future::Future;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use fantoccini::Locator;
use serde_json::{Value, json};

use browser::Browser;
use common::dist;
use server::{Quirk, StaticServer};

/// How long any wait-for-condition waits before the test fails.
const PATIENCE: Duration = Duration::from_secs(15);

/// A sample report from tests/fixtures/samples.
pub fn sample(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/samples").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// One table cell as the page shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShownCell {
    pub name: String,
    pub text: String,
    pub severity: Option<String>,
    pub primary: bool,
}

/// One finding as the page lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShownFinding {
    pub rule: String,
    pub severity: String,
    /// The cell names of `data-cells`.
    pub cells: Vec<String>,
    pub message: String,
}

/// How to open the app.
pub enum Open {
    /// dist/ served over HTTP under a sub-path, by a server with this quirk.
    Served(Quirk),
    /// dist/nianbao.html opened from disk (file://).
    SingleFile,
}

/// The app open in a headless Chromium.
pub struct App {
    browser: Browser,
    pub server: Option<StaticServer>,
}

impl App {
    /// Opens the app and waits until it has started.
    pub async fn open(how: Open) -> App {
        let app = App::load(how, &[]).await;
        app.wait_until_started().await;
        app
    }

    /// Opens the page in a browser started with `flags`, without waiting for the app.
    pub async fn load(how: Open, flags: &[&str]) -> App {
        let dist = dist();
        let server = match how {
            Open::Served(quirk) => Some(StaticServer::start(&dist, quirk)),
            Open::SingleFile => None,
        };
        let url = match &server {
            Some(server) => server.url(""),
            None => format!("file://{}", dist.join("nianbao.html").canonicalize().unwrap().display()),
        };
        let browser = Browser::start(flags).await;
        browser.client.goto(&url).await.unwrap_or_else(|e| panic!("cannot open {url}: {e}"));
        App { browser, server }
    }

    pub async fn close(self) {
        self.browser.close().await;
    }

    /// Waits until the app has replaced the loading notice with the input.
    pub async fn wait_until_started(&self) {
        self.wait_until("the app to start", || async {
            let started = self.js("return !!document.getElementById('report-input') && !document.getElementById('boot')").await;
            (started == json!(true)).then_some(())
        })
        .await;
    }

    /// Pastes `text` into the report input, replacing what is there, as one edit (the same
    /// single `input` event a paste fires).
    pub async fn paste_report(&self, text: &str) {
        self.js_with(
            "const area = document.getElementById('report-input');
             area.focus();
             area.select();
             if (!document.execCommand('insertText', false, arguments[0])) throw new Error('insertText refused');",
            vec![json!(text)],
        )
        .await;
    }

    /// Types `text` at the end of the report input, key by key.
    pub async fn type_text(&self, text: &str) {
        self.input().await.send_keys(text).await.expect("typing into the report input");
    }

    /// Clicks “载入示例年报”.
    pub async fn click_sample(&self) {
        self.button("载入示例年报").await.click().await.expect("clicking the sample button");
    }

    /// Clicks “清空”.
    pub async fn click_clear(&self) {
        self.button("清空").await.click().await.expect("clicking the clear button");
    }

    /// What the report input holds.
    pub async fn input_text(&self) -> String {
        self.input().await.prop("value").await.unwrap().unwrap_or_default()
    }

    /// The text of a table cell (`requests.new.total`), if the page shows that cell.
    pub async fn cell_text(&self, cell: &str) -> Option<String> {
        self.cells().await.into_iter().find(|c| c.name == cell).map(|c| c.text)
    }

    /// Waits until the cell shows `expected`, and fails with what it shows otherwise.
    pub async fn see_cell(&self, cell: &str, expected: &str) {
        let what = format!("cell {cell} to show {expected:?}");
        self.wait_until(&what, || async { (self.cell_text(cell).await.as_deref() == Some(expected)).then_some(()) })
            .await;
    }

    /// Every table cell the page shows, in page order.
    pub async fn cells(&self) -> Vec<ShownCell> {
        let rows = self
            .js("return Array.from(document.querySelectorAll('td')).map(td => [
                    td.getAttribute('data-cell'), td.textContent.trim(),
                    td.getAttribute('data-severity'), td.hasAttribute('data-primary')])")
            .await;
        rows.as_array()
            .unwrap()
            .iter()
            .map(|r| ShownCell {
                name: r[0].as_str().unwrap_or("<td without data-cell>").to_string(),
                text: r[1].as_str().unwrap().to_string(),
                severity: r[2].as_str().map(str::to_string),
                primary: r[3].as_bool().unwrap(),
            })
            .collect()
    }

    /// The findings listed under the tables.
    pub async fn findings(&self) -> Vec<ShownFinding> {
        let rows = self
            .js("return Array.from(document.querySelectorAll('#findings li')).map(li => [
                    li.getAttribute('data-rule'), li.getAttribute('data-severity'),
                    li.getAttribute('data-cells') || '', li.querySelector('.message').textContent])")
            .await;
        rows.as_array()
            .unwrap()
            .iter()
            .map(|r| ShownFinding {
                rule: r[0].as_str().unwrap_or("<no data-rule>").to_string(),
                severity: r[1].as_str().unwrap_or("<no data-severity>").to_string(),
                cells: r[2].as_str().unwrap().split_whitespace().map(str::to_string).collect(),
                message: r[3].as_str().unwrap().to_string(),
            })
            .collect()
    }

    /// Waits until the page lists exactly these findings, as (rule, severity), in order.
    pub async fn see_findings(&self, expected: &[(String, String)]) {
        let mut last = Vec::new();
        let what = format!("the findings {expected:?}");
        let seen = tokio::time::timeout(PATIENCE, async {
            loop {
                last = self.findings().await.into_iter().map(|f| (f.rule, f.severity)).collect::<Vec<_>>();
                if last == expected {
                    return;
                }
                tokio::time::sleep(Duration::from_millis(25)).await;
            }
        })
        .await;
        assert!(seen.is_ok(), "waited {PATIENCE:?} for {what}; the page lists {last:?}");
    }

    /// What the summary says about the page as a whole: `empty`, `no-tables` or `read`.
    pub async fn status(&self) -> String {
        self.attr_of("#summary", "data-status").await.unwrap_or_default()
    }

    /// Waits until the summary's status is `expected`.
    pub async fn see_status(&self, expected: &str) {
        self.wait_until(&format!("the status {expected:?}"), || async { (self.status().await == expected).then_some(()) })
            .await;
    }

    /// A field of the summary (`title`, `year`, `format`, `published`, `body`).
    pub async fn summary_field(&self, field: &str) -> String {
        let el = self.browser.client.find(Locator::Css(&format!("#summary [data-field='{field}']"))).await;
        el.expect("summary field").text().await.unwrap()
    }

    /// Whether the unsupported-browser notice is visible, and its text.
    pub async fn unsupported_notice(&self) -> Option<String> {
        let el = self.browser.client.find(Locator::Id("unsupported")).await.ok()?;
        if el.is_displayed().await.ok()? { el.text().await.ok() } else { None }
    }

    /// Whether the app's text area is on the page.
    pub async fn has_input(&self) -> bool {
        self.browser.client.find(Locator::Id("report-input")).await.is_ok()
    }

    /// The URLs of every resource the page has loaded (the Resource Timing entries).
    pub async fn loaded_resources(&self) -> Vec<String> {
        let v = self.js("return performance.getEntriesByType('resource').map(e => e.name)").await;
        v.as_array().unwrap().iter().map(|s| s.as_str().unwrap().to_string()).collect()
    }

    /// Whether code in the page may still evaluate a string (`eval`). It runs in a task of
    /// the page itself: code that WebDriver injects directly is evaluated by the DevTools
    /// protocol, which the page's policy does not govern.
    pub async fn can_eval(&self) -> bool {
        let verdict = self
            .js_async(
                "const done = arguments[arguments.length - 1];
                 setTimeout(() => { try { eval('1'); done('allowed'); } catch (e) { done('blocked'); } }, 0);",
            )
            .await;
        verdict == "allowed"
    }

    /// Whether code in the page may still fetch the page's own address (from a task of the
    /// page, as in [`App::can_eval`]).
    pub async fn can_fetch_its_own_address(&self) -> bool {
        let verdict = self
            .js_async(
                "const done = arguments[arguments.length - 1];
                 setTimeout(() => fetch(location.href).then(() => done('fetched'), () => done('blocked')), 0);",
            )
            .await;
        verdict == "fetched"
    }

    /// Saves a screenshot as tests/e2e/screenshots/NAME.png (for a person to look at).
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        let png = self.browser.client.screenshot().await.expect("screenshot");
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/e2e/screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, &png).unwrap();
        assert!(png.starts_with(b"\x89PNG"), "the screenshot is not a PNG");
        path
    }

    /// Runs a script in the page and returns its result.
    pub async fn js(&self, script: &str) -> Value {
        self.js_with(script, vec![]).await
    }

    pub async fn js_with(&self, script: &str, args: Vec<Value>) -> Value {
        self.browser.client.execute(script, args).await.unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
    }

    /// Runs an asynchronous script (it calls its last argument with the result).
    pub async fn js_async(&self, script: &str) -> Value {
        self.browser.client.execute_async(script, vec![]).await.unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
    }

    /// Polls `check` until it gives a value, and fails the test after [`PATIENCE`].
    pub async fn wait_until<T, F, Fut>(&self, what: &str, mut check: F) -> T
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Option<T>>,
    {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(value) = check().await {
                return value;
            }
            assert!(Instant::now() < deadline, "waited {PATIENCE:?} for {what}");
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    async fn input(&self) -> fantoccini::elements::Element {
        self.browser.client.find(Locator::Id("report-input")).await.expect("the report input <textarea id=report-input>")
    }

    async fn button(&self, label: &str) -> fantoccini::elements::Element {
        let xpath = format!("//button[normalize-space()='{label}']");
        self.browser.client.find(Locator::XPath(&xpath)).await.unwrap_or_else(|_| panic!("no button “{label}”"))
    }

    async fn attr_of(&self, css: &str, attr: &str) -> Option<String> {
        let el = self.browser.client.find(Locator::Css(css)).await.ok()?;
        el.attr(attr).await.ok()?
    }
}
