//! `nianbao`: checks annual reports from the command line with the same core as the app.
//!
//! ```text
//! nianbao check [--json | --csv] PATH...
//! ```
//!
//! A PATH is a file, a directory (read recursively) or `-` for standard input. Reports are
//! read and checked one at a time and their results written at once, so memory stays that of
//! one report however large the batch. Exit status: 2 on a usage error or when any input
//! could not be checked (not found, unreadable, or not a report this tool reads: a PDF, an
//! image, a binary, a file over the size limit, a file without text), so that a batch
//! never passes with inputs left unchecked; otherwise 1 when some report has an error
//! finding, 0 when none has.

#[cfg(not(target_arch = "wasm32"))]
mod args;
#[cfg(not(target_arch = "wasm32"))]
mod output;
#[cfg(not(target_arch = "wasm32"))]
mod sources;

#[cfg(not(target_arch = "wasm32"))]
use std::io::Write;
#[cfg(not(target_arch = "wasm32"))]
use std::process::ExitCode;

#[cfg(not(target_arch = "wasm32"))]
use args::{Command, OutputFormat};
#[cfg(not(target_arch = "wasm32"))]
use output::Output;

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
        Command::Check { format, paths } => check(format, &paths),
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn check(format: OutputFormat, paths: &[std::ffi::OsString]) -> ExitCode {
    let stdout = std::io::stdout();
    let mut out = Output::new(format, stdout.lock());
    let mut any_error_finding = false;
    let mut unchecked = false;
    for source in sources::walk(paths) {
        let result = match source {
            Ok(source) => sources::read(&source).map(|read| (source, read)),
            Err(failure) => Err(failure),
        };
        let written = match result {
            Ok((source, read)) => {
                any_error_finding |= read.checked.findings.iter().any(|f| f.severity == nianbao::model::Severity::Error);
                out.report(&source.name, &read.checked, read.pdf.as_ref())
            }
            Err(failure) => {
                unchecked = true;
                out.failure(&failure.name, &failure.message)
            }
        };
        if written.is_err() {
            // Standard output closed (e.g. piped into `head`): nothing more to say.
            return ExitCode::from(2);
        }
    }
    if out.finish().is_err() {
        return ExitCode::from(2);
    }
    let _ = std::io::stdout().flush();
    if unchecked {
        ExitCode::from(2)
    } else if any_error_finding {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
