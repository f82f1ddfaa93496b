//! Parse + check time per report and throughput, over the real samples and over large
//! synthetic inputs that show growth with input size (it must be linear: a 10 MB paste
//! must not take quadratic time).
//!
//! Run: `cargo bench --bench parse`. The README's performance figures come from here.

use std::hint::black_box;
use std::path::Path;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

fn sample(name: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/samples").join(name)).expect("sample")
}

/// A report grown to about `bytes` by repeating its own prose (part 一) before its tables:
/// the shape of a very long report pasted whole.
fn grown(bytes: usize) -> String {
    let text = sample("hongze-district-2024.pdf.txt");
    let split = text.find("二、主动公开政府信息情况").expect("the sample has part 二");
    let (head, tables) = text.split_at(split);
    let mut out = String::with_capacity(bytes + text.len());
    while out.len() + tables.len() < bytes {
        out.push_str(head);
    }
    out.push_str(tables);
    out
}

/// One cell per line, fifteen values at a time: a huge table-like paste.
fn one_per_line(bytes: usize) -> String {
    let mut out = sample("anyue-qingliu-town-2019.txt");
    let mut n = 0u64;
    while out.len() < bytes {
        out.push_str(&format!("{}\n", n % 1000));
        n += 7;
    }
    out
}

fn samples(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse+check sample");
    for name in [
        "anyue-qingliu-town-2019.txt",
        "hongze-district-2024.pdf.txt",
        "pingtan-zone-2019.flat.txt",
        "pingtan-zone-2022.flat.txt",
        "shanghai-office-2025.md",
    ] {
        let text = sample(name);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(name), &text, |b, text| {
            b.iter(|| black_box(nianbao::check_text(black_box(text))))
        });
    }
    // A saved web page: the HTML reader before the parser.
    let html = sample("shuyang-ndrc-2023.html");
    group.throughput(Throughput::Bytes(html.len() as u64));
    group.bench_with_input(BenchmarkId::from_parameter("shuyang-ndrc-2023.html"), &html, |b, html| {
        b.iter(|| black_box(nianbao::check_html(black_box(html))))
    });
    // The published PDF of the 洪泽区 report: the PDF reader (inflating natively) before the
    // parser, as `nianbao check report.pdf` reads it.
    let pdf = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/samples/hongze-district-2024.pdf")).expect("sample");
    group.throughput(Throughput::Bytes(pdf.len() as u64));
    group.bench_with_input(BenchmarkId::from_parameter("hongze-district-2024.pdf"), &pdf, |b, pdf| {
        b.iter(|| black_box(nianbao::check_file("hongze-district-2024.pdf", black_box(pdf))))
    });
    group.finish();
}

fn growth(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse+check growth");
    group.sample_size(10);
    for mb in [1usize, 4, 10] {
        for (shape, text) in [("long prose", grown(mb << 20)), ("one value per line", one_per_line(mb << 20))] {
            group.throughput(Throughput::Bytes(text.len() as u64));
            group.bench_with_input(BenchmarkId::new(shape, format!("{mb} MB")), &text, |b, text| {
                b.iter(|| black_box(nianbao::check_text(black_box(text))))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, samples, growth);
criterion_main!(benches);
