//! `nianbao`: checks annual reports from the command line with the same core as the app.
//!
//! ```text
//! nianbao check [--json | --csv] [--memo DIR [--reviewer NAME] [--date YYYY-MM-DD]] PATH...
//! ```
//!
//! A PATH is a file, a directory (read recursively) or `-` for standard input. Reports are
//! read and checked one at a time and their results written at once, so memory stays that of
//! one report however large the batch, plus a digest of each (well under a kilobyte) for the
//! checks across reports: with more than one input, every report is read twice, first for
//! the digests (which body, which year, what the next year continues from), then to check
//! it, with the findings that comparing it with the other reports of its body gives, and to
//! write its results (and its memo, with `--memo`). Exit status: 2 on a usage error or when
//! any input could not be checked (not found, unreadable, or not a report this tool reads: a
//! PDF, an image, a binary, a file over the size limit, a file without text) or a memo could
//! not be written, so that a batch never passes with inputs left unchecked; otherwise 1
//! when some report has an error finding, 0 when none has.

#[cfg(not(target_arch = "wasm32"))]
mod args;
#[cfg(not(target_arch = "wasm32"))]
mod memos;
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
        Command::Check { format, paths, memos } => check(format, &paths, memos.as_ref()),
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn check(format: OutputFormat, paths: &[std::ffi::OsString], memo_options: Option<&args::Memos>) -> ExitCode {
    use nianbao::desk::{Desk, add_findings};
    use nianbao::model::Digest;

    let mut memos = match memo_options.map(memos::Memos::new).transpose() {
        Ok(memos) => memos,
        Err(message) => {
            eprintln!("nianbao: {message}");
            return ExitCode::from(2);
        }
    };
    let sources: Vec<_> = sources::walk(paths).collect();
    let mut stdin = sources::Stdin::default();
    // First pass: the digest of every report, for the checks across reports (none with one
    // input alone). `digest_of[i]` is the place of source i's digest on the desk.
    let mut digests = Vec::new();
    let mut digest_of = vec![None; sources.len()];
    if sources.len() > 1 {
        for (i, source) in sources.iter().enumerate() {
            if let Ok(source) = source
                && let Ok(read) = sources::read(source, &mut stdin)
            {
                digest_of[i] = Some(digests.len());
                digests.push(Digest::of(source.name.clone(), &read.checked.report));
            }
        }
    }
    let desk = Desk::new(digests);

    let stdout = std::io::stdout();
    let mut out = Output::new(format, stdout.lock());
    let mut any_error_finding = false;
    let mut unchecked = false;
    for (i, source) in sources.iter().enumerate() {
        let result = match source {
            Ok(source) => sources::read(source, &mut stdin).map(|read| (source, read)),
            Err(failure) => Err(failure.clone()),
        };
        let written = match result {
            Ok((source, sources::Report { mut checked, pdf })) => {
                if let Some(d) = digest_of[i] {
                    let across = desk.findings(d, &checked.report);
                    add_findings(&mut checked, across);
                }
                any_error_finding |= checked.findings.iter().any(|f| f.severity == nianbao::model::Severity::Error);
                if let Some(memos) = memos.as_mut() {
                    let compared = match digest_of[i] {
                        Some(d) => desk.compared(d),
                        None => Desk::new(vec![Digest::of(source.name.clone(), &checked.report)]).compared(0),
                    };
                    if let Err(message) = memos.write(&source.name, &checked, compared) {
                        eprintln!("{}: {message}", source.name);
                        unchecked = true;
                    }
                }
                out.report(&source.name, &checked, pdf.as_ref())
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
    if let Some(memos) = &memos {
        eprintln!("{}", memos.summary());
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
