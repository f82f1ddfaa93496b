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

fn per_run_ms(runs: u32, mut f: impl FnMut()) -> f64 {
    f();
    let start = js_sys::Date::now();
    for _ in 0..runs {
        f();
    }
    (js_sys::Date::now() - start) / f64::from(runs)
}

#[wasm_bindgen_test]
fn parse_and_check_each_sample() {
    for (name, text) in SAMPLES {
        let ms = per_run_ms(200, || {
            std::hint::black_box(nianbao::check_text(std::hint::black_box(text)));
        });
        console_log!("browser parse+check {name}: {:.3} ms ({} bytes)", ms, text.len());
        assert!(ms > 0.0);
    }
    let ms = per_run_ms(100, || {
        std::hint::black_box(nianbao::check_html(std::hint::black_box(HTML)));
    });
    console_log!("browser parse+check shuyang-ndrc-2023.html: {:.3} ms ({} bytes)", ms, HTML.len());
}
