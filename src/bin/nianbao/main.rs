//! `nianbao`: checks annual reports from the command line with the same core as the app.
//!
//! ```text
//! nianbao check [--json | --csv] [--memo DIR [--reviewer NAME] [--date YYYY-MM-DD]] [--jobs N] PATH...
//! ```
//!
//! A PATH is a file, a directory (read recursively) or `-` for standard input. Reports are
//! read, checked and rendered on every core (`--jobs`) and their results written in the
//! order of the inputs, with the findings that comparing each with the other reports of
//! its body gives; memory stays bounded however large the batch (batch.rs says how). A
//! progress line on standard error, when it is a terminal, says how far the batch is.
//! Exit status: 2 on a usage error or when
//! any input could not be checked (not found, unreadable, or not a report this tool reads: a
//! PDF, an image, a binary, a file over the size limit, a file without text) or a memo could
//! not be written, so that a batch never passes with inputs left unchecked; otherwise 1
//! when some report has an error finding, 0 when none has.

/// mimalloc rather than the system's allocator: see Cargo.toml.
#[cfg(not(target_arch = "wasm32"))]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[cfg(not(target_arch = "wasm32"))]
mod args;
#[cfg(not(target_arch = "wasm32"))]
mod batch;
#[cfg(not(target_arch = "wasm32"))]
mod csv_rows;
#[cfg(test)]
mod fixtures;
#[cfg(not(target_arch = "wasm32"))]
mod json_line;
#[cfg(not(target_arch = "wasm32"))]
mod memos;
#[cfg(not(target_arch = "wasm32"))]
mod output;
#[cfg(not(target_arch = "wasm32"))]
mod parallel;
#[cfg(not(target_arch = "wasm32"))]
mod progress;
#[cfg(not(target_arch = "wasm32"))]
mod sources;

#[cfg(not(target_arch = "wasm32"))]
use std::process::ExitCode;

#[cfg(not(target_arch = "wasm32"))]
use args::Command;

/// The tool is native; cargo still builds every binary of the package for the wasm32
/// component tests, so it compiles there as an empty program.
#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> ExitCode {
    let command = match args::parse(std::env::args_os().skip(1)) {
        Ok(command) => command,
        Err(message) => {
            eprintln!("nianbao: {message}\n\n{}", args::USAGE);
            return ExitCode::from(2);
        }
    };
    match command {
        Command::Help => {
            println!("{}", args::USAGE);
            ExitCode::SUCCESS
        }
        Command::Version => {
            println!("nianbao {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Command::Check { format, paths, memos, jobs } => batch::check(format, &paths, memos.as_ref(), jobs),
    }
}
