//! The reader and the checker timed in the browser, for the README's performance figures:
//! each sample read and checked many times in headless Chromium, the time per report printed.
//!
//! Run (size-tuned code, as shipped, but without wasm-opt):
//! `cargo test --profile wasm --target wasm32-unknown-unknown --test wasm_bench -- --nocapture`
//! Not part of `scripts/test.sh`: it measures, it does not test.

#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const SAMPLES: &[(&str, &str)] = &[
    ("anyue-qingliu-town-2019.txt", include_str!("fixtures/samples/anyue-qingliu-town-2019.txt")),
    ("hongze-district-2024.pdf.txt", include_str!("fixtures/samples/hongze-district-2024.pdf.txt")),
    ("pingtan-zone-2019.flat.txt", include_str!("fixtures/samples/pingtan-zone-2019.flat.txt")),
    ("pingtan-zone-2022.flat.txt", include_str!("fixtures/samples/pingtan-zone-2022.flat.txt")),
    ("shanghai-office-2025.md", include_str!("fixtures/samples/shanghai-office-2025.md")),
];

const HTML: &str = include_str!("fixtures/samples/shuyang-ndrc-2023.html");

/// Milliseconds per call of `f`: the median of `BATCHES` batches of `runs` calls (the clock
/// is coarse, and a batch now and then meets a garbage collection of the page).
fn per_run_ms(runs: u32, mut f: impl FnMut()) -> f64 {
    const BATCHES: usize = 7;
    let mut batches: Vec<f64> = (0..BATCHES)
        .map(|_| {
            let start = js_sys::Date::now();
            for _ in 0..runs {
                f();
            }
            (js_sys::Date::now() - start) / f64::from(runs)
        })
        .collect();
    batches.sort_by(f64::total_cmp);
    batches[BATCHES / 2]
}

fn check_html() {
    std::hint::black_box(nianbao::check_html(std::hint::black_box(HTML)));
}

#[wasm_bindgen_test]
fn parse_and_check_each_sample() {
    // Warm up first: the engine compiles the wasm quickly at first and optimizes the hot
    // functions a little later, in the background; a page that checks report after report
    // runs the optimized code.
    for _ in 0..50 {
        for (_, text) in SAMPLES {
            std::hint::black_box(nianbao::check_text(std::hint::black_box(text)));
        }
        check_html();
    }
    for (name, text) in SAMPLES {
        let ms = per_run_ms(50, || {
            std::hint::black_box(nianbao::check_text(std::hint::black_box(text)));
        });
        console_log!("browser parse+check {name}: {:.3} ms ({} bytes)", ms, text.len());
        assert!(ms > 0.0);
    }
    let ms = per_run_ms(50, check_html);
    console_log!("browser parse+check shuyang-ndrc-2023.html: {:.3} ms ({} bytes)", ms, HTML.len());
}
