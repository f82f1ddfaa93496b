//! The command line over a directory of reports: reports per second on one core, the figure
//! that matters to an office checking hundreds of reports. The directory holds copies of the
//! text samples; the binary is run as a user runs it.
//!
//! Run: `cargo bench --bench batch`.

use std::path::{Path, PathBuf};
use std::process::Command;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const COPIES: usize = 200;

fn corpus() -> PathBuf {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/samples");
    let dir = std::env::temp_dir().join(format!("nianbao-batch-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("corpus dir");
    let names: Vec<PathBuf> = std::fs::read_dir(&samples)
        .expect("samples")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "md"))
        .collect();
    for i in 0..COPIES {
        for name in &names {
            let target = dir.join(format!("{i:04}-{}", name.file_name().unwrap().to_string_lossy()));
            std::fs::copy(name, target).expect("copy");
        }
    }
    dir
}

fn batch(c: &mut Criterion) {
    let dir = corpus();
    let reports = std::fs::read_dir(&dir).unwrap().count();
    let binary = env!("CARGO_BIN_EXE_nianbao");
    let mut group = c.benchmark_group("nianbao check DIR");
    group.sample_size(10);
    group.throughput(Throughput::Elements(reports as u64));
    for (name, flag) in [("summary", None), ("json", Some("--json"))] {
        group.bench_function(format!("{reports} reports, {name}"), |b| {
            b.iter(|| {
                let mut command = Command::new(binary);
                command.arg("check");
                if let Some(flag) = flag {
                    command.arg(flag);
                }
                let output = command.arg(&dir).output().expect("runs");
                assert!(output.status.code().is_some());
            })
        });
    }
    group.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group!(benches, batch);
criterion_main!(benches);
