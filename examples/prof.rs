//! Times each stage of reading and checking a report (for profiling by hand):
//! `cargo run --release --example prof -- FILE [ITERATIONS]`; with `check` as the third
//! argument, only runs parse + check (for a profiler).

use std::time::Instant;

use nianbao::parse::{layout::Document, meta, regions, tokens};

fn main() {
    let path = std::env::args().nth(1).expect("a file");
    let n: u32 = std::env::args().nth(2).map_or(1000, |s| s.parse().expect("a count"));
    let only_check = std::env::args().nth(3).is_some_and(|a| a == "check");
    let text = std::fs::read_to_string(path).expect("readable");
    let time = |name: &str, f: &mut dyn FnMut()| {
        let start = Instant::now();
        for _ in 0..n {
            f();
        }
        println!("{name:<12} {:>8.1} µs", start.elapsed().as_secs_f64() * 1e6 / f64::from(n));
    };
    if only_check {
        time("check", &mut || drop(std::hint::black_box(nianbao::check_text(&text))));
        return;
    }
    let doc = Document::from_text(&text);
    let toks = tokens::tokenize(&doc);
    let report = nianbao::parse::parse(&text);
    time("layout", &mut || drop(std::hint::black_box(Document::from_text(&text))));
    time("tokenize", &mut || drop(std::hint::black_box(tokens::tokenize(&doc))));
    time("regions", &mut || drop(std::hint::black_box(regions::find(&toks))));
    time("meta", &mut || drop(std::hint::black_box(meta::read(&doc))));
    time("parse", &mut || drop(std::hint::black_box(nianbao::parse::parse(&text))));
    time("rules", &mut || drop(std::hint::black_box(nianbao::rules::check(&report))));
    time("check", &mut || drop(std::hint::black_box(nianbao::check_text(&text))));
}
