//! How much of issue 14's budget the least a reader of ours does would take (for measuring
//! by hand; README, “What ten times would take”): `cargo run --release --example floor --
//! FILE N PART`, where PART is
//! - `decode`: every character decoded from the UTF-8, nothing kept;
//! - `fold`: every character folded ([`nianbao::parse::fold`]), the folded text kept, as
//!   labels are matched on it;
//! - `fold-spans`: the same, each kept character with where it stands in the input, as every
//!   cell and finding points into the input;
//! - `cells`: the report's cells put into a new map one by one, as the reader puts them, and
//!   dropped (the report of the JSON contract: a map of cells, each with its raw text).
//!
//! Prints the time of one pass; callgrind over N = 21 less N = 1 gives its instructions.

use std::collections::BTreeMap;
use std::hint::black_box;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(path), Some(n), Some(part)) = (args.next(), args.next(), args.next()) else {
        eprintln!("usage: floor FILE N decode|fold|fold-spans|cells");
        std::process::exit(2);
    };
    let n: u32 = n.parse().expect("a count");
    let text = std::fs::read_to_string(path).expect("readable");
    let report = nianbao::parse::parse(&text);
    let pass: &dyn Fn() -> usize = match part.as_str() {
        "decode" => &|| black_box(text.as_str()).chars().filter(char::is_ascii_digit).count(),
        "fold" => &|| {
            // `fold_str`, with the text's room taken at once: a floor grows no buffer.
            let mut norm = String::with_capacity(text.len());
            norm.extend(black_box(text.as_str()).chars().filter_map(nianbao::parse::fold));
            black_box(norm).len()
        },
        "fold-spans" => &|| {
            let mut norm = String::with_capacity(text.len());
            let mut spans: Vec<(u32, u32)> = Vec::with_capacity(text.len() / 2);
            for (at, c) in black_box(text.as_str()).char_indices() {
                if let Some(folded) = nianbao::parse::fold(c) {
                    norm.push(folded);
                    spans.push((at as u32, (at + c.len_utf8()) as u32));
                }
            }
            black_box((norm, spans)).1.len()
        },
        "cells" => &|| {
            let mut cells = BTreeMap::new();
            for (key, cell) in black_box(&report.cells) {
                cells.insert(*key, cell.clone());
            }
            black_box(cells).len()
        },
        _ => {
            eprintln!("no such part: {part}");
            std::process::exit(2);
        }
    };
    let start = Instant::now();
    let mut total = 0;
    for _ in 0..n {
        total += pass();
    }
    println!("{part:<12} {:>8.2} µs ({total})", start.elapsed().as_secs_f64() * 1e6 / f64::from(n));
}
