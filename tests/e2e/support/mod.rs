//! The end-to-end helpers: the app as a reviewer uses it, in user verbs (`paste_report`,
//! `paste_rich`, `drop_files`, `click_sample`, `press`, `click_cell`, `findings`). The DOM
//! lookups live here and nowhere else, so the tests read like what a person does and sees.
//!
//! Every test runs once per engine (`#[e2e]`); `App::open` starts the engine of the running
//! test. What the engines do differently (media emulation, the viewport, where downloads land,
//! how injected scripts meet the page's policy) is handled here, so a test is the same in both.

pub mod browser;
#[path = "../../common/dist.rs"]
mod common;
pub mod server;

use std::future::Future;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use base64::Engine as _;
use fantoccini::Locator;
use serde_json::{Value, json};

use browser::Browser;
use common::dist;
use server::{Quirk, StaticServer};

pub use browser::Engine;
/// Marks an end-to-end test: it runs once in each [`Engine`] (tests `NAME::chromium` and
/// `NAME::firefox`).
pub use nianbao_e2e_macro::e2e;

/// How long any wait-for-condition waits before the test fails.
pub const PATIENCE: Duration = Duration::from_secs(20);

/// A file under tests/fixtures (`samples/…`, `inputs/…`, `ui/…`), as text.
pub fn fixture(path: &str) -> String {
    String::from_utf8(fixture_bytes(path)).unwrap_or_else(|e| panic!("{path} is not UTF-8: {e}"))
}

/// A file under tests/fixtures, as bytes.
pub fn fixture_bytes(path: &str) -> Vec<u8> {
    let path = fixture_path(path);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

pub fn fixture_path(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(path)
}

/// A sample report from tests/fixtures/samples.
pub fn sample(name: &str) -> String {
    fixture(&format!("samples/{name}"))
}

/// One table cell as the page shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShownCell {
    pub name: String,
    pub text: String,
    pub severity: Option<String>,
    pub primary: bool,
    /// The finding numbers of its badge (`data-badge`).
    pub badge: Option<String>,
    /// Its tooltip: the cell's name and every finding on it.
    pub tip: String,
}

/// One finding as the page lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShownFinding {
    pub number: usize,
    pub rule: String,
    pub severity: String,
    /// The cell names of `data-cells`.
    pub cells: Vec<String>,
    pub message: String,
}

/// How to open the app.
#[derive(Clone, Copy)]
pub enum Open {
    /// dist/ served over HTTP under a sub-path, by a server with this quirk.
    Served(Quirk),
    /// dist/nianbao.html opened from disk (file://).
    SingleFile,
}

/// The app open in a headless browser, of the engine the test runs in.
pub struct App {
    browser: Browser,
    pub server: Option<StaticServer>,
    url: String,
    /// Where the browser saves downloads.
    pub downloads: PathBuf,
}

impl App {
    /// Opens the app and waits until it has started.
    pub async fn open(how: Open) -> App {
        let app = App::load(how, &[]).await;
        app.wait_until_started().await;
        app
    }

    /// Opens the page in a browser started with `flags` (added to the command line of the
    /// test's engine), without waiting for the app.
    pub async fn load(how: Open, flags: &[&str]) -> App {
        let engine = Engine::current();
        let dist = dist();
        let server = match how {
            Open::Served(quirk) => Some(StaticServer::start(&dist, quirk)),
            Open::SingleFile => None,
        };
        let url = match &server {
            Some(server) => server.url(""),
            None => format!("file://{}", dist.join("nianbao.html").canonicalize().unwrap().display()),
        };
        let browser = Browser::start(engine, flags).await;
        let downloads = browser.downloads.clone();
        let app = App { browser, server, url, downloads };
        app.viewport(1280, 800).await;
        app.browser.client.goto(&app.url).await.unwrap_or_else(|e| panic!("cannot open {}: {e}", app.url));
        app
    }

    /// The engine the page is open in.
    pub fn engine(&self) -> Engine {
        self.browser.engine
    }

    pub async fn close(self) {
        self.browser.close().await;
    }

    /// Waits until the app has replaced the loading notice with its page.
    pub async fn wait_until_started(&self) {
        self.wait_until("the app to start", || async {
            let started = self
                .js("return !document.getElementById('boot') && !document.getElementById('app').hidden && !!document.getElementById('summary')")
                .await;
            (started == json!(true)).then_some(())
        })
        .await;
    }

    /// Reloads the page and waits until the app has started again.
    pub async fn reload(&self) {
        self.browser.client.goto(&self.url).await.expect("reloading the page");
        self.wait_until_started().await;
    }

    // ---- putting a report in -------------------------------------------------------------

    /// Pastes `text` (plain text only, as from a PDF viewer) into the report input,
    /// replacing what is there.
    pub async fn paste_report(&self, text: &str) {
        self.paste(None, text).await;
    }

    /// Pastes rich content, as copied from a web page or Word: `html` and its plain text.
    pub async fn paste_rich(&self, html: &str, text: &str) {
        self.paste(Some(html), text).await;
    }

    /// Pastes `text` with the focus outside the report input (on the page itself).
    pub async fn paste_on_the_page(&self, text: &str) {
        self.js("document.activeElement.blur()").await;
        self.copy_to_clipboard(None, text).await;
        self.press_ctrl('v').await;
    }

    /// A paste as the reviewer makes one, through the browser's own clipboard: the flavours
    /// are copied there, the input is focused with its text selected, and Ctrl+V pastes. A
    /// real (trusted) paste, not a made-up event: Firefox ignores the `clipboardData` given to
    /// `new ClipboardEvent(…)`, and a made-up event proves less anyway.
    async fn paste(&self, html: Option<&str>, text: &str) {
        self.js("const area = document.getElementById('report-input');
             area.focus();
             area.select();")
            .await;
        self.copy_to_clipboard(html, text).await;
        self.press_ctrl('v').await;
    }

    /// Puts `text` (and `html`, if any) on the browser's clipboard, as copying in another
    /// program does: Ctrl+C, with a listener that sets the data of that one copy (and keeps
    /// the copy from the page). It also arms `window.__pastedAt`, the moment the next paste
    /// starts (`performance.now()`), for tests that time what follows a paste.
    async fn copy_to_clipboard(&self, html: Option<&str>, text: &str) {
        self.js_with(
            "const [html, text] = arguments;
             document.addEventListener('copy', (event) => {
               if (html !== null) event.clipboardData.setData('text/html', html);
               event.clipboardData.setData('text/plain', text);
               event.preventDefault();
               event.stopImmediatePropagation();
             }, { capture: true, once: true });
             window.addEventListener('paste', () => { window.__pastedAt = performance.now(); }, { capture: true, once: true });",
            vec![json!(html), json!(text)],
        )
        .await;
        self.press_ctrl('c').await;
    }

    /// Presses Ctrl and `key` on whatever has the focus.
    async fn press_ctrl(&self, key: char) {
        use fantoccini::actions::{InputSource, KeyAction, KeyActions};
        let control = '\u{E009}';
        let keys = KeyActions::new("keyboard".into())
            .then(KeyAction::Down { value: control })
            .then(KeyAction::Down { value: key })
            .then(KeyAction::Up { value: key })
            .then(KeyAction::Up { value: control });
        self.browser.client.perform_actions(keys).await.unwrap_or_else(|e| panic!("pressing Ctrl+{key}: {e}"));
    }

    /// Drops files (name, bytes) on the page, as from the file manager.
    pub async fn drop_files(&self, files: &[(&str, &[u8])]) {
        let files: Vec<Value> =
            files.iter().map(|(name, bytes)| json!([name, base64::engine::general_purpose::STANDARD.encode(bytes)])).collect();
        self.js_with(
            "const data = new DataTransfer();
             for (const [name, b64] of arguments[0]) {
               const raw = atob(b64);
               const bytes = new Uint8Array(raw.length);
               for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
               data.items.add(new File([bytes], name));
             }
             const target = document.querySelector('.tables') || document.body;
             target.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
             target.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));",
            vec![json!(files)],
        )
        .await;
    }

    /// Picks files with “打开文件…” (the browser's file dialog, given the paths).
    pub async fn pick_files(&self, paths: &[&Path]) {
        let picker = self.browser.client.find(Locator::Id("file-input")).await.expect("the file input");
        let list: Vec<String> = paths.iter().map(|p| p.canonicalize().unwrap().display().to_string()).collect();
        picker.send_keys(&list.join("\n")).await.expect("picking files");
    }

    /// Picks a folder with “打开文件夹…” (the browser's folder dialog, given its path). In
    /// Chromium through the driver; geckodriver uploads no folders, so in Firefox the input
    /// is given the folder's files as the dialog would (each with its `webkitRelativePath`)
    /// and told that they changed.
    pub async fn pick_folder(&self, path: &Path) {
        let path = path.canonicalize().unwrap();
        if self.engine() == Engine::Chromium {
            let picker = self.browser.client.find(Locator::Id("folder-input")).await.expect("the folder input");
            picker.send_keys(&path.display().to_string()).await.expect("picking a folder");
            return;
        }
        let mut files = Vec::new();
        let mut folders = vec![path.clone()];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(&folder).unwrap() {
                let entry = entry.unwrap().path();
                if entry.is_dir() {
                    folders.push(entry);
                    continue;
                }
                let relative = entry.strip_prefix(path.parent().unwrap()).unwrap().display().to_string();
                let name = entry.file_name().unwrap().to_string_lossy().to_string();
                files.push(json!([relative, name, base64::engine::general_purpose::STANDARD.encode(std::fs::read(&entry).unwrap())]));
            }
        }
        self.js_with(
            "const files = arguments[0].map(([path, name, b64]) => {
               const raw = atob(b64);
               const bytes = new Uint8Array(raw.length);
               for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
               const file = new File([bytes], name);
               Object.defineProperty(file, 'webkitRelativePath', { value: path });
               return file;
             });
             const input = document.getElementById('folder-input');
             Object.defineProperty(input, 'files', { value: files, configurable: true });
             input.dispatchEvent(new Event('change'));",
            vec![json!(files)],
        )
        .await;
    }

    /// Types `text` at the end of the report input, key by key.
    pub async fn type_text(&self, text: &str) {
        self.input().await.send_keys(text).await.expect("typing into the report input");
    }

    /// Clicks “示例：真实年报”.
    pub async fn click_sample(&self) {
        self.click_id("load-sample").await;
    }

    /// Clicks “示例：含错误的年报”.
    pub async fn click_errors_sample(&self) {
        self.click_id("load-errors-sample").await;
    }

    /// Clicks “清空”.
    pub async fn click_clear(&self) {
        self.button("清空").await.click().await.expect("clicking the clear button");
    }

    /// Clicks the toolbar button with this id.
    pub async fn click_id(&self, id: &str) {
        let button = self.browser.client.find(Locator::Id(id)).await.unwrap_or_else(|_| panic!("no #{id}"));
        button.click().await.unwrap_or_else(|e| panic!("clicking #{id}: {e}"));
    }

    /// Clicks the element `css` finds (waiting for it to be drawn).
    pub async fn click_css(&self, css: &str) {
        let el = self.wait_until(&format!("{css} to be drawn"), || async { self.browser.client.find(Locator::Css(css)).await.ok() }).await;
        el.click().await.unwrap_or_else(|e| panic!("clicking {css}: {e}"));
    }

    /// Types `text` into the field `css` finds (waiting for it), key by key, after what it holds.
    pub async fn type_into(&self, css: &str, text: &str) {
        let el = self.wait_until(&format!("{css} to be drawn"), || async { self.browser.client.find(Locator::Css(css)).await.ok() }).await;
        el.send_keys(text).await.unwrap_or_else(|e| panic!("typing into {css}: {e}"));
    }

    /// Clears the field `css` finds.
    pub async fn clear_field(&self, css: &str) {
        let el = self.browser.client.find(Locator::Css(css)).await.unwrap_or_else(|_| panic!("no {css}"));
        el.clear().await.unwrap_or_else(|e| panic!("clearing {css}: {e}"));
    }

    /// Opens `path` (a file on this computer) in the browser, in place of the app.
    pub async fn open_file(&self, path: &Path) {
        let url = format!("file://{}", path.canonicalize().unwrap().display());
        self.browser.client.goto(&url).await.unwrap_or_else(|e| panic!("cannot open {url}: {e}"));
    }

    // ---- what the page shows ---------------------------------------------------------------

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
        self.wait_until(&what, || async { (self.cell_text(cell).await.as_deref() == Some(expected)).then_some(()) }).await;
    }

    /// Every table cell the page shows, in page order.
    pub async fn cells(&self) -> Vec<ShownCell> {
        let rows = self
            .js("return Array.from(document.querySelectorAll('#tables-slot td')).map(td => [
                    td.getAttribute('data-cell'), td.textContent.trim(),
                    td.getAttribute('data-severity'), td.hasAttribute('data-primary'),
                    td.getAttribute('data-badge'), td.getAttribute('title') || ''])")
            .await;
        rows.as_array()
            .unwrap()
            .iter()
            .map(|r| ShownCell {
                name: r[0].as_str().unwrap_or("<td without data-cell>").to_string(),
                text: r[1].as_str().unwrap().to_string(),
                severity: r[2].as_str().map(str::to_string),
                primary: r[3].as_bool().unwrap(),
                badge: r[4].as_str().map(str::to_string),
                tip: r[5].as_str().unwrap().to_string(),
            })
            .collect()
    }

    /// The findings listed beside the tables.
    pub async fn findings(&self) -> Vec<ShownFinding> {
        let rows = self
            .js("return Array.from(document.querySelectorAll('#findings li[data-rule]')).map(li => [
                    li.getAttribute('data-number'), li.getAttribute('data-rule'), li.getAttribute('data-severity'),
                    li.getAttribute('data-cells') || '', li.querySelector('.message').textContent])")
            .await;
        rows.as_array()
            .unwrap()
            .iter()
            .map(|r| ShownFinding {
                number: r[0].as_str().and_then(|n| n.parse().ok()).unwrap_or(0),
                rule: r[1].as_str().unwrap_or("<no data-rule>").to_string(),
                severity: r[2].as_str().unwrap_or("<no data-severity>").to_string(),
                cells: r[3].as_str().unwrap().split_whitespace().map(str::to_string).collect(),
                message: r[4].as_str().unwrap().to_string(),
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

    /// The counts of the headline: (errors, warnings, infos), and its words.
    pub async fn headline(&self) -> (usize, usize, usize, String) {
        let v = self
            .js("const h = document.getElementById('headline');
                 return [h.getAttribute('data-errors'), h.getAttribute('data-warnings'), h.getAttribute('data-infos'), h.textContent]")
            .await;
        let n = |i: usize| v[i].as_str().and_then(|s| s.parse().ok()).unwrap_or(usize::MAX);
        (n(0), n(1), n(2), v[3].as_str().unwrap_or_default().to_string())
    }

    /// What the summary says about the page as a whole: `empty`, `no-tables`, `read` or
    /// `refused`.
    pub async fn status(&self) -> String {
        self.attr_of("#summary", "data-status").await.unwrap_or_default()
    }

    /// Waits until the summary's status is `expected`.
    pub async fn see_status(&self, expected: &str) {
        self.wait_until(&format!("the status {expected:?}"), || async { (self.status().await == expected).then_some(()) }).await;
    }

    /// What the page says beside the text area about how the report was read.
    pub async fn input_note(&self) -> String {
        self.js("return document.getElementById('input-note').textContent").await.as_str().unwrap_or_default().to_string()
    }

    /// What the results column says of an input that was not read, if it is shown.
    pub async fn refused_line(&self) -> Option<String> {
        let v = self
            .js("const el = document.getElementById('refused-line'); return el.getClientRects().length > 0 ? el.textContent : null")
            .await;
        v.as_str().map(str::to_string)
    }

    /// The summary's message (when no report is read), or its title.
    pub async fn summary_text(&self) -> String {
        self.js("return document.getElementById('summary').textContent").await.as_str().unwrap_or_default().to_string()
    }

    /// A field of the summary (`title`, `year`, `format`, `published`, `body`, `read-from`).
    pub async fn summary_field(&self, field: &str) -> String {
        let el = self.browser.client.find(Locator::Css(&format!("#summary [data-field='{field}']"))).await;
        el.expect("summary field").text().await.unwrap()
    }

    /// The names of the six parts the summary marks as found.
    pub async fn parts_found(&self) -> Vec<bool> {
        let v = self
            .js("return Array.from(document.querySelectorAll('#summary .part')).map(p => p.getAttribute('data-part-found') === 'true')")
            .await;
        v.as_array().unwrap().iter().map(|b| b.as_bool().unwrap()).collect()
    }

    /// The open reports as the overview shows them: (name, the row's text), and which is
    /// shown.
    pub async fn reports(&self) -> (Vec<(String, String)>, Option<usize>) {
        let v = self
            .js("const rows = Array.from(document.querySelectorAll('#reports-slot tr[data-row]'));
                 return [rows.map(tr => [tr.querySelector('button[data-report]').textContent,
                                         Array.from(tr.cells).map(td => td.textContent).join(' ')]),
                         rows.findIndex(tr => tr.classList.contains('current'))]")
            .await;
        let list =
            v[0].as_array().unwrap().iter().map(|r| (r[0].as_str().unwrap().to_string(), r[1].as_str().unwrap().to_string())).collect();
        let current = v[1].as_i64().filter(|i| *i >= 0).map(|i| i as usize);
        (list, current)
    }

    /// Clicks the open report named `name` in the overview.
    pub async fn switch_to_report(&self, name: &str) {
        let done = self
            .js_with(
                "const b = Array.from(document.querySelectorAll('#reports-slot button[data-report]')).find(b => b.textContent === arguments[0]);
                 if (b) b.click();
                 return !!b;",
                vec![json!(name)],
            )
            .await;
        assert_eq!(done, json!(true), "no open report named {name}");
    }

    // ---- moving around ---------------------------------------------------------------------

    /// Presses a key on whatever has the focus (`"n"`, `"\u{E015}"` for ArrowDown, …).
    pub async fn press(&self, key: &str) {
        let active = self.browser.client.active_element().await.expect("an active element");
        active.send_keys(key).await.expect("pressing a key");
    }

    /// Clicks a table cell.
    pub async fn click_cell(&self, cell: &str) {
        let td =
            self.browser.client.find(Locator::Css(&format!("td[data-cell='{cell}']"))).await.unwrap_or_else(|_| panic!("no cell {cell}"));
        td.click().await.unwrap_or_else(|e| panic!("clicking {cell}: {e}"));
    }

    /// Clicks a table cell if it is there to be clicked: false when it is not, or when the
    /// tables were drawn again between finding the cell and clicking it (the element gone
    /// stale), for a caller that clicks until the page shows what it waits for.
    pub async fn try_click_cell(&self, cell: &str) -> bool {
        match self.browser.client.find(Locator::Css(&format!("td[data-cell='{cell}']"))).await {
            Ok(td) => td.click().await.is_ok(),
            Err(_) => false,
        }
    }

    /// Clicks the message of finding number `number`.
    pub async fn click_finding(&self, number: usize) {
        let css = format!("#findings li[data-number='{number}'] .message");
        let el = self.browser.client.find(Locator::Css(&css)).await.unwrap_or_else(|_| panic!("no finding {number}"));
        el.click().await.expect("clicking a finding");
    }

    /// Clicks “在输入框中查看原文” on the finding of `rule` (a finding about the prose).
    pub async fn click_finding_source(&self, rule: &str) {
        let css = format!("#findings li[data-rule='{rule}'] button[data-start]");
        let el = self.browser.client.find(Locator::Css(&css)).await.unwrap_or_else(|_| panic!("no source button on {rule}"));
        el.click().await.expect("clicking the source button");
    }

    /// The `data-cell` of the focused element, if it is a cell.
    pub async fn focused_cell(&self) -> Option<String> {
        self.js("return document.activeElement && document.activeElement.getAttribute('data-cell')").await.as_str().map(str::to_string)
    }

    /// Whether the element matching `css` is rendered (not hidden by the stylesheet).
    pub async fn is_shown(&self, css: &str) -> bool {
        let script = "const el = document.querySelector(arguments[0]); return !!el && el.getClientRects().length > 0;";
        self.js_with(script, vec![json!(css)]).await == json!(true)
    }

    /// Whether the element matching `css` lies within the window.
    pub async fn in_view(&self, css: &str) -> bool {
        let v = self
            .js_with(
                "const el = document.querySelector(arguments[0]);
                 if (!el) return false;
                 const r = el.getBoundingClientRect();
                 return r.top >= 0 && r.bottom <= window.innerHeight && r.left >= 0 && r.right <= window.innerWidth;",
                vec![json!(css)],
            )
            .await;
        v == json!(true)
    }

    /// The number of the current finding, if any.
    pub async fn current_finding(&self) -> Option<usize> {
        let v =
            self.js("const li = document.querySelector('#findings li.current-finding'); return li && li.getAttribute('data-number')").await;
        v.as_str().and_then(|n| n.parse().ok())
    }

    /// The cell the cell panel shows, and the text it highlights in the source excerpt.
    pub async fn cell_panel(&self) -> (Option<String>, Option<String>, String) {
        let v = self
            .js("const p = document.getElementById('cell-panel');
                 const hit = document.getElementById('source-hit');
                 return [p && p.getAttribute('data-selected'), hit && hit.textContent, p ? p.textContent : ''];")
            .await;
        (v[0].as_str().map(str::to_string), v[1].as_str().map(str::to_string), v[2].as_str().unwrap_or_default().to_string())
    }

    /// The text selected in the report input, its range (UTF-16 code units) and how far the
    /// input is scrolled.
    pub async fn input_selection(&self) -> (String, u64, u64, u64) {
        let v = self
            .js("const a = document.getElementById('report-input');
                 return [a.value.substring(a.selectionStart, a.selectionEnd), a.selectionStart, a.selectionEnd, a.scrollTop];")
            .await;
        (v[0].as_str().unwrap().to_string(), v[1].as_u64().unwrap(), v[2].as_u64().unwrap(), v[3].as_f64().unwrap_or(0.0) as u64)
    }

    /// The text marked in the report input, and whether the mark lies within the part of the
    /// input scrolled into view.
    pub async fn input_mark(&self) -> Option<(String, bool)> {
        let v = self
            .js("const a = document.getElementById('report-input');
                 const m = document.querySelector('#input-backdrop mark');
                 if (!m) return null;
                 const top = m.offsetTop - a.scrollTop;
                 return [m.textContent, top >= 0 && top + m.offsetHeight <= a.clientHeight];")
            .await;
        v.as_array().map(|v| (v[0].as_str().unwrap().to_string(), v[1].as_bool().unwrap()))
    }

    // ---- the browser -------------------------------------------------------------------------

    /// Waits until a file named `name` has been downloaded, and returns its bytes.
    pub async fn downloaded(&self, name: &str) -> Vec<u8> {
        let path = self.downloads.join(name);
        self.wait_until(&format!("the download {name}"), || async {
            let bytes = std::fs::read(&path).ok()?;
            // Chromium writes NAME.crdownload and renames it; Firefox makes NAME empty at once
            // and writes NAME.part beside it.
            let partial = std::fs::read_dir(&self.downloads).ok()?.any(|e| {
                e.ok().is_some_and(|e| {
                    let name = e.file_name().to_string_lossy().to_string();
                    name.ends_with(".crdownload") || name.ends_with(".part")
                })
            });
            (!partial && !bytes.is_empty()).then_some(bytes)
        })
        .await
    }

    /// Whether the unsupported-browser notice is visible, and its text.
    pub async fn unsupported_notice(&self) -> Option<String> {
        let el = self.browser.client.find(Locator::Id("unsupported")).await.ok()?;
        if el.is_displayed().await.ok()? { el.text().await.ok() } else { None }
    }

    /// Whether the notice that the server did not deliver the wasm is visible, and its text.
    pub async fn not_delivered_notice(&self) -> Option<String> {
        let el = self.browser.client.find(Locator::Id("not-delivered")).await.ok()?;
        if el.is_displayed().await.ok()? { el.text().await.ok() } else { None }
    }

    /// Whether the unsupported-browser notice can no longer appear (the stylesheet has taken
    /// it out of the page, so its delayed reveal has nothing to show).
    pub async fn unsupported_notice_is_gone(&self) -> bool {
        self.js("return getComputedStyle(document.getElementById('unsupported')).display === 'none'").await == json!(true)
    }

    /// Whether the app's text area is shown.
    pub async fn has_input(&self) -> bool {
        self.js("const a = document.getElementById('report-input'); return !!a && a.offsetParent !== null").await == json!(true)
    }

    /// The URLs of every resource the page has loaded (the Resource Timing entries).
    pub async fn loaded_resources(&self) -> Vec<String> {
        let v = self.js("return performance.getEntriesByType('resource').map(e => e.name)").await;
        v.as_array().unwrap().iter().map(|s| s.as_str().unwrap().to_string()).collect()
    }

    /// Whether code in the page may still evaluate a string (`eval`). It runs in a task of
    /// the page itself, with the page's own `eval`: code that WebDriver injects is not the
    /// page's, and the page's policy does not govern it (Chromium evaluates it through the
    /// DevTools protocol; Firefox in a sandbox of its own, with an `eval` of its own).
    pub async fn can_eval(&self) -> bool {
        let verdict = self
            .js_async(
                "const done = arguments[arguments.length - 1];
                 setTimeout(() => { try { window.eval('1'); done('allowed'); } catch (e) { done('blocked'); } }, 0);",
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

    /// Emulates print media (what “打印” prints), or the screen again.
    ///
    /// Chromium emulates the medium itself (DevTools `Emulation.setEmulatedMedia`). Firefox
    /// offers no media emulation through geckodriver: its equivalent (a browsing context's
    /// `mediumOverride`) needs WebDriver's chrome context, which Firefox 153 refuses unless
    /// started with `-remote-allow-system-access`, an argument geckodriver does not pass on.
    /// There the helper rewrites the page's `@media` rules instead, each query as it reads on
    /// paper (`print …` as `all …`, `screen …` as `not all`), and restores them afterwards.
    /// What a page prints for real is what [`App::print_pdf`] returns, in both engines.
    pub async fn emulate_print(&self, print: bool) {
        match self.engine() {
            Engine::Chromium => {
                let media = if print { "print" } else { "" };
                self.cdp("Emulation.setEmulatedMedia", json!({ "media": media })).await;
            }
            Engine::Firefox => {
                self.js_with(
                    "const print = arguments[0];
                     const saved = window.__screenMedia || [];
                     for (const [rule, text] of saved) rule.media.mediaText = text;
                     window.__screenMedia = [];
                     if (!print) return;
                     const onPaper = (query) => {
                       const m = /^\\s*(not\\s+|only\\s+)?(print|screen)\\b(.*)$/i.exec(query);
                       if (!m) return query;
                       const not = /^not/i.test(m[1] || '');
                       if (m[2].toLowerCase() === 'print') return (not ? 'not ' : '') + 'all' + m[3];
                       return not ? 'all' : 'not all';
                     };
                     const visit = (rules) => {
                       for (const rule of rules) {
                         if (rule.media && rule.type === CSSRule.MEDIA_RULE) {
                           const text = rule.media.mediaText;
                           window.__screenMedia.push([rule, text]);
                           rule.media.mediaText = text.split(',').map(onPaper).join(',');
                         }
                         if (rule.cssRules) visit(rule.cssRules);
                       }
                     };
                     for (const sheet of document.styleSheets) visit(sheet.cssRules);",
                    vec![json!(print)],
                )
                .await;
            }
        }
    }

    /// Prints the page to PDF, as “打印” does (A4, backgrounds on).
    pub async fn print_pdf(&self) -> Vec<u8> {
        let config = fantoccini::wd::PrintConfiguration::builder().background(true).build().expect("a print configuration");
        self.browser.client.print(config).await.expect("printing the page")
    }

    /// Saves a screenshot as tests/e2e/screenshots/ENGINE/NAME.png (for a person to look at).
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        let png = self.browser.client.screenshot().await.expect("screenshot");
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/e2e/screenshots").join(self.engine().name());
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, &png).unwrap();
        assert!(png.starts_with(b"\x89PNG"), "the screenshot is not a PNG");
        path
    }

    /// Sets the size of the page's viewport (screenshots are of the viewport): 1280×800, a
    /// common office screen, unless a test says otherwise.
    pub async fn viewport(&self, width: u32, height: u32) {
        match self.engine() {
            Engine::Chromium => {
                let metrics = json!({ "width": width, "height": height, "deviceScaleFactor": 1, "mobile": false });
                self.cdp("Emulation.setDeviceMetricsOverride", metrics).await;
            }
            Engine::Firefox => {
                // The window, sized so that what is left for the page (without Firefox's own
                // toolbars, which headless Firefox still counts) is the viewport asked for.
                let client = &self.browser.client;
                let inner = || async {
                    let v = self.js("return [window.innerWidth, window.innerHeight]").await;
                    (v[0].as_u64().unwrap() as u32, v[1].as_u64().unwrap() as u32)
                };
                let (outer_width, outer_height) = client.get_window_size().await.expect("the window's size");
                let (inner_width, inner_height) = inner().await;
                let (extra_width, extra_height) = (outer_width as u32 - inner_width, outer_height as u32 - inner_height);
                client.set_window_size(width + extra_width, height + extra_height).await.expect("sizing the window");
                assert_eq!(inner().await, (width, height), "the viewport after sizing the window");
            }
        }
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
        self.js_async_with(script, vec![]).await
    }

    pub async fn js_async_with(&self, script: &str, args: Vec<Value>) -> Value {
        self.browser.client.execute_async(script, args).await.unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
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

    /// A DevTools command (Chromium only).
    async fn cdp(&self, cmd: &str, params: Value) {
        assert_eq!(self.engine(), Engine::Chromium, "DevTools command {cmd} outside Chromium");
        self.browser
            .client
            .issue_cmd(Cdp { cmd: cmd.to_string(), params })
            .await
            .unwrap_or_else(|e| panic!("DevTools command {cmd} failed: {e}"));
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

/// A DevTools command through chromedriver (`goog/cdp/execute`).
#[derive(Debug)]
struct Cdp {
    cmd: String,
    params: Value,
}

impl fantoccini::wd::WebDriverCompatibleCommand for Cdp {
    fn endpoint(&self, base_url: &url::Url, session_id: Option<&str>) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!("session/{}/goog/cdp/execute", session_id.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(json!({ "cmd": self.cmd, "params": self.params }).to_string()))
    }
}

/// The number of pages of a PDF: its page objects (`/Type /Page`), in the file itself and in
/// its compressed streams (Firefox, through cairo, keeps its objects in compressed object
/// streams; Chromium, through Skia, writes them plainly).
pub fn pdf_page_count(pdf: &[u8]) -> usize {
    let mut pages = count_page_objects(pdf);
    let mut rest = pdf;
    while let Some(at) = find(rest, b"stream") {
        let after = &rest[at + b"stream".len()..];
        if rest[..at].ends_with(b"end") {
            rest = after; // the end of a stream
            continue;
        }
        let data = after.strip_prefix(b"\r\n").or_else(|| after.strip_prefix(b"\n")).unwrap_or(after);
        let end = find(data, b"endstream").unwrap_or(data.len());
        if let Ok(inflated) = miniz_oxide::inflate::decompress_to_vec_zlib(&data[..end]) {
            pages += count_page_objects(&inflated);
        }
        rest = &data[end..];
    }
    pages
}

/// How many times `/Type /Page` (not `/Pages`) occurs, with or without the space.
fn count_page_objects(bytes: &[u8]) -> usize {
    let mut count = 0;
    let mut rest = bytes;
    while let Some(at) = find(rest, b"/Type") {
        rest = &rest[at + b"/Type".len()..];
        let name = rest.trim_ascii_start();
        if name.starts_with(b"/Page") && !name[b"/Page".len()..].first().is_some_and(u8::is_ascii_alphanumeric) {
            count += 1;
        }
    }
    count
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// A number no other call in this process gets (for folder names).
fn unique() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    NEXT.fetch_add(1, Ordering::SeqCst)
}
