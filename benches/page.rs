//! The page timed in headless Chromium, for the README's performance figures: how long the
//! built dist/ takes to start from a local server (and the single file from disk), how long
//! a pasted report takes to show as marked tables, and a dropped PDF.
//!
//! Run: `scripts/bench.sh` (which builds dist/ first), or `cargo bench --bench page` on a
//! built dist/ (`NIANBAO_DIST=DIR` for one elsewhere, e.g. a build of another branch;
//! `QUICK=1` for the pastes only). It measures, it does not test: the end-to-end tests
//! (tests/e2e/) check that the page shows the right things; this only times it. Times are
//! taken inside the page with `performance.now()`, so the WebDriver round trips are not in
//! them.

#[allow(dead_code, unused_imports)]
#[path = "../tests/e2e/support/mod.rs"]
mod support;

use serde_json::{Value, json};
use support::server::Quirk;
use support::{App, Engine, Open, fixture, fixture_bytes, sample};

/// Fresh browsers (empty cache) per cold-load figure.
const LOADS: usize = 10;
/// Pastes per report.
const PASTES: usize = 30;

/// Median and 90th percentile of `times`.
fn spread(mut times: Vec<f64>) -> (f64, f64) {
    times.sort_by(f64::total_cmp);
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    (at(0.5), at(0.9))
}

/// From navigation start to the app started (the `nianbao-started` mark set once the wasm
/// has run `start`), in a new browser each time.
async fn cold_load(how: Open) -> (f64, f64) {
    let mut times = Vec::new();
    for _ in 0..LOADS {
        let app = App::open(how).await;
        let ms = app.js("const m = performance.getEntriesByName('nianbao-started'); return m.length ? m[0].startTime : null").await;
        times.push(ms.as_f64().expect("the page sets the nianbao-started mark"));
        app.close().await;
    }
    spread(times)
}

/// Pastes `text` (with `html` as rich content, if any) and times, inside the page: the
/// paste event's own handling; the moment the report has been read (the page's mark
/// `nianbao-report-read`: the reading asked of the second module, its answer decoded); the
/// moment the marked tables are in the page (the check and the drawing after the reading);
/// the moment after the next frame was painted.
const PASTE: &str = "
    const [html, text] = arguments;
    const done = arguments[arguments.length - 1];
    const area = document.getElementById('report-input');
    area.focus();
    area.select();
    const data = new DataTransfer();
    if (html !== null) data.setData('text/html', html);
    data.setData('text/plain', text);
    const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
    const shown = () => document.querySelector('#summary[data-status=read]') && document.querySelector('td[data-cell]');
    const start = performance.now();
    area.dispatchEvent(event);
    const handled = performance.now() - start;
    const read = () => performance.getEntriesByName('nianbao-report-read').filter((m) => m.startTime >= start).map((m) => m.startTime - start).pop();
    const painted = (inPage) => requestAnimationFrame(() => setTimeout(() => done([handled, read(), inPage, performance.now() - start]), 0));
    if (shown()) { painted(handled); return; }
    const observer = new MutationObserver(() => {
        if (!shown()) return;
        observer.disconnect();
        painted(performance.now() - start);
    });
    observer.observe(document.body, { childList: true, subtree: true, attributes: true });
";

/// Drops a PDF (base64) and times, inside the page: reading (the second module's PDF reader,
/// the browser's inflating, the layout, then the parse, also in the second module), between
/// the app's marks `nianbao-file-read` and `nianbao-report-read`; and from the drop to the
/// marked tables in the page (the check included).
const DROP: &str = "
    const [name, b64] = arguments;
    const done = arguments[arguments.length - 1];
    const raw = atob(b64);
    const bytes = new Uint8Array(raw.length);
    for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    const data = new DataTransfer();
    data.items.add(new File([bytes], name));
    const shown = () => document.querySelector('#app[data-status=read]') && document.querySelector('td[data-cell]');
    const start = performance.now();
    document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    const observer = new MutationObserver(() => {
        if (!shown()) return;
        observer.disconnect();
        const mark = (name) => performance.getEntriesByName(name).pop().startTime;
        done([mark('nianbao-report-read') - mark('nianbao-file-read'), performance.now() - start]);
    });
    observer.observe(document.body, { childList: true, subtree: true, attributes: true });
";

/// The first drop of a PDF (the second module loaded and compiled), then the median and p90
/// of the drops after it: [read and checked, drop to tables].
async fn drop_to_tables(app: &App, name: &str, pdf: &[u8]) -> ([f64; 2], [(f64, f64); 2]) {
    use base64::Engine as _;
    let b64 = base64::engine::general_purpose::STANDARD.encode(pdf);
    let mut runs: [Vec<f64>; 2] = Default::default();
    for _ in 0..=PASTES {
        app.click_clear().await;
        app.see_status("empty").await;
        let times = app.js_async_with(DROP, vec![json!(name), json!(b64)]).await;
        let times: Vec<f64> = times.as_array().expect("two times").iter().map(|t| Value::as_f64(t).unwrap()).collect();
        for (run, time) in runs.iter_mut().zip(times) {
            run.push(time);
        }
    }
    let first = [runs[0].remove(0), runs[1].remove(0)];
    (first, runs.map(spread))
}

async fn paste_to_tables(app: &App, html: Option<&str>, text: &str) -> [(f64, f64); 4] {
    let mut runs: [Vec<f64>; 4] = Default::default();
    for _ in 0..PASTES {
        app.click_clear().await;
        app.see_status("empty").await;
        let times = app.js_async_with(PASTE, vec![json!(html), json!(text)]).await;
        let times: Vec<f64> = times
            .as_array()
            .expect("four times")
            .iter()
            .map(|t| Value::as_f64(t).expect("each a time: the page marks nianbao-report-read when a reading has come"))
            .collect();
        for (run, time) in runs.iter_mut().zip(times) {
            run.push(time);
        }
    }
    runs.map(spread)
}

fn main() {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a tokio runtime");
    // In Chromium: the paste timing dispatches a made-up paste event (to time the page's own
    // handling of it), and Firefox ignores the data given to a made-up ClipboardEvent.
    runtime.block_on(Engine::Chromium.run(async {
        // QUICK=1: the pastes only (no cold loads, no PDF), for comparing builds in one sitting.
        let quick = std::env::var_os("QUICK").is_some();
        if !quick {
            println!("page: cold load to app started (median / p90 over {LOADS} fresh browsers)");
            let (median, p90) = cold_load(Open::Served(Quirk::None)).await;
            println!("  dist/ from a local server: {median:.0} ms / {p90:.0} ms");
            let (median, p90) = cold_load(Open::SingleFile).await;
            println!("  nianbao.html from disk:    {median:.0} ms / {p90:.0} ms");
        }

        println!("page: paste to marked tables (median / p90 over {PASTES} pastes; ms)");
        println!(
            "  {:<40} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9}",
            "report", "handled", "p90", "read", "p90", "in page", "p90", "painted", "p90"
        );
        let html = sample("shuyang-ndrc-2023.html");
        let reports: Vec<(String, Option<String>, String)> = vec![
            ("anyue-qingliu-town-2019.txt".into(), None, sample("anyue-qingliu-town-2019.txt")),
            ("hongze-district-2024.pdf.txt".into(), None, sample("hongze-district-2024.pdf.txt")),
            ("pingtan-zone-2019.flat.txt (largest text)".into(), None, sample("pingtan-zone-2019.flat.txt")),
            ("hongze errors sample (ui/)".into(), None, fixture("ui/hongze-district-2024.errors.txt")),
            ("shuyang-ndrc-2023.html, as a web page copy".into(), Some(html.clone()), nianbao::input::html::document(&html).to_text()),
        ];
        let app = App::open(Open::Served(Quirk::None)).await;
        for (name, html, text) in &reports {
            let [handled, read, shown, painted] = paste_to_tables(&app, html.as_deref(), text).await;
            println!(
                "  {name:<40} {:>9.1} {:>9.1} {:>9.1} {:>9.1} {:>9.1} {:>9.1} {:>9.1} {:>9.1}",
                handled.0, handled.1, read.0, read.1, shown.0, shown.1, painted.0, painted.1
            );
        }
        println!("page: PDF dropped, read and checked / to marked tables (first drop, then median / p90 over {PASTES} drops; ms)");
        println!("  {:<40} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9}", "report", "first", "read", "p90", "first", "in page", "p90");
        for (name, file) in [("hongze-district-2024.pdf (5 pages)", "samples/hongze-district-2024.pdf")].into_iter().filter(|_| !quick) {
            let (first, [read, shown]) = drop_to_tables(&app, "report.pdf", &fixture_bytes(file)).await;
            println!("  {name:<40} {:>9.1} {:>9.1} {:>9.1} {:>9.1} {:>9.1} {:>9.1}", first[0], read.0, read.1, first[1], shown.0, shown.1);
        }
        app.close().await;
    }));
}
