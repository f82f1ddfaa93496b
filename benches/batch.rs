//! The command line over a directory of reports: reports a second on one core and on every
//! core, the figure that matters to an office checking hundreds of reports; and where the
//! time of one report goes (reading the file, parse + check, the checks across reports,
//! rendering), measured in process on the same reports. The directory holds copies of the
//! text samples; the binary is run as a user runs it.
//!
//! Run: `cargo bench --bench batch`.

use std::path::{Path, PathBuf};
use std::process::Command;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use nianbao::desk::Desk;
use nianbao::model::Digest;

const COPIES: usize = 200;

fn corpus() -> PathBuf {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/samples");
    let dir = std::env::temp_dir().join(format!("nianbao-batch-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("corpus dir");
    let mut names: Vec<PathBuf> = std::fs::read_dir(&samples)
        .expect("samples")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "md"))
        .collect();
    names.sort();
    for i in 0..COPIES {
        for name in &names {
            let target = dir.join(format!("{i:04}-{}", name.file_name().unwrap().to_string_lossy()));
            std::fs::copy(name, target).expect("copy");
        }
    }
    dir
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    files
}

/// The binary over the directory, as a user runs it: each output format, on one core and
/// on every core.
fn command_line(c: &mut Criterion, dir: &Path, reports: usize) {
    let binary = env!("CARGO_BIN_EXE_nianbao");
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let mut group = c.benchmark_group("nianbao check DIR");
    group.sample_size(10);
    group.throughput(Throughput::Elements(reports as u64));
    let mut jobs = vec![1];
    if cores > 1 {
        jobs.push(cores);
    }
    for jobs in jobs {
        for (name, flag) in [("summary", None), ("json", Some("--json"))] {
            let on = if jobs == 1 { "1 core".to_string() } else { format!("{jobs} cores") };
            group.bench_function(format!("{reports} reports, {name}, {on}"), |b| {
                b.iter(|| {
                    let mut command = Command::new(binary);
                    command.args(["check", "--jobs", &jobs.to_string()]);
                    if let Some(flag) = flag {
                        command.arg(flag);
                    }
                    let output = command.arg(dir).output().expect("runs");
                    assert!(output.status.code().is_some());
                })
            });
        }
    }
    group.finish();
}

/// One thread's work on the batch, stage by stage, in process: what share of a report's
/// time each stage takes, to see what bounds the command line.
fn stages(c: &mut Criterion, dir: &Path, reports: usize) {
    let files = files(dir);
    let inputs: Vec<(String, Vec<u8>)> = files.iter().map(|p| (p.display().to_string(), std::fs::read(p).unwrap())).collect();
    let checked: Vec<nianbao::Checked> = inputs.iter().map(|(name, bytes)| nianbao::check_file(name, bytes).unwrap().1).collect();
    let digests: Vec<Digest> = inputs.iter().zip(&checked).map(|((name, _), c)| Digest::of(name.clone(), &c.report)).collect();
    let desk = Desk::new(digests.clone());

    let mut group = c.benchmark_group("batch stages, one thread");
    group.sample_size(10);
    group.throughput(Throughput::Elements(reports as u64));
    group.bench_function("read the files", |b| {
        b.iter(|| files.iter().map(|p| std::fs::read(p).unwrap().len()).sum::<usize>());
    });
    group.bench_function("parse + check", |b| {
        b.iter(|| inputs.iter().map(|(name, bytes)| nianbao::check_file(name, bytes).unwrap().1.findings.len()).sum::<usize>());
    });
    group.bench_function("digests and desk", |b| {
        b.iter(|| {
            let digests: Vec<Digest> = inputs.iter().zip(&checked).map(|((name, _), c)| Digest::of(name.clone(), &c.report)).collect();
            Desk::new(digests).digests().len()
        });
    });
    group.bench_function("findings across reports", |b| {
        b.iter(|| (0..checked.len()).map(|i| desk.findings(i).len()).sum::<usize>());
    });
    group.bench_function("render json", |b| {
        b.iter(|| {
            inputs.iter().zip(&checked).map(|((name, _), c)| nianbao::export::json::to_line_from(c, Some(name), None).len()).sum::<usize>()
        });
    });
    group.bench_function("render csv", |b| {
        let decisions = nianbao::model::Decisions::new();
        b.iter(|| inputs.iter().zip(&checked).map(|((name, _), c)| nianbao::export::csv::rows(name, c, &decisions).len()).sum::<usize>());
    });
    group.finish();
}

fn batch(c: &mut Criterion) {
    let dir = corpus();
    let reports = std::fs::read_dir(&dir).unwrap().count();
    command_line(c, &dir, reports);
    stages(c, &dir, reports);
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group!(benches, batch);
criterion_main!(benches);
