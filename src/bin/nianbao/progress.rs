//! The progress line on standard error: files done of the total, reports a second, and what
//! went wrong so far, redrawn in place. Only when standard error is a terminal: piped or
//! redirected, it says nothing, so logs and scripts see only the results and the messages.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

/// How often the line is redrawn at most: often enough to look alive, seldom enough to cost
/// nothing next to the checking.
const REDRAW_EVERY: Duration = Duration::from_millis(100);

pub struct Progress {
    enabled: bool,
    /// What is being done ("读取", "检查").
    stage: &'static str,
    total: usize,
    started: Instant,
    last_drawn: Option<Instant>,
    /// Whether the line is on the screen now (and must be cleared before other output).
    shown: bool,
}

/// What the line reports, counted by the caller.
#[derive(Clone, Copy, Default)]
pub struct Counts {
    pub done: usize,
    /// Reports with an error finding.
    pub with_errors: usize,
    /// Inputs that could not be checked.
    pub failures: usize,
}

impl Progress {
    /// A progress line for `total` files, drawn when standard error is a terminal.
    pub fn new(stage: &'static str, total: usize) -> Progress {
        Progress::with(std::io::stderr().is_terminal(), stage, total)
    }

    fn with(enabled: bool, stage: &'static str, total: usize) -> Progress {
        Progress { enabled, stage, total, started: Instant::now(), last_drawn: None, shown: false }
    }

    /// Redraws the line if it is due.
    pub fn tick(&mut self, counts: Counts) {
        if !self.enabled || self.last_drawn.is_some_and(|t| t.elapsed() < REDRAW_EVERY) {
            return;
        }
        self.last_drawn = Some(Instant::now());
        let line = self.line(counts, self.started.elapsed());
        // \r and "erase to the end of the line": the line is redrawn where it stands.
        let mut stderr = std::io::stderr().lock();
        let _ = write!(stderr, "\r{line}\x1b[K");
        let _ = stderr.flush();
        self.shown = true;
    }

    /// Takes the line off the screen, before a message on standard error or a result on a
    /// terminal's standard output, and at the end.
    pub fn clear(&mut self) {
        if self.shown {
            let mut stderr = std::io::stderr().lock();
            let _ = write!(stderr, "\r\x1b[K");
            let _ = stderr.flush();
            self.shown = false;
            // Drawn again at the next tick.
            self.last_drawn = None;
        }
    }

    /// Writes a message on standard error, the progress line taken off first.
    pub fn message(&mut self, message: &str) {
        self.clear();
        eprintln!("{message}");
    }

    fn line(&self, counts: Counts, elapsed: Duration) -> String {
        let seconds = elapsed.as_secs_f64();
        let rate = if seconds > 0.0 { (counts.done as f64 / seconds).round() } else { 0.0 };
        let mut line = format!("nianbao: {} {}/{} 个文件 · 每秒 {rate} 份", self.stage, counts.done, self.total);
        if counts.with_errors > 0 {
            line.push_str(&format!(" · {} 份有错误", counts.with_errors));
        }
        if counts.failures > 0 {
            line.push_str(&format!(" · {} 个未能检查", counts.failures));
        }
        line
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_says_how_far_how_fast_and_what_went_wrong() {
        let progress = Progress::with(false, "检查", 1000);
        let counts = Counts { done: 250, with_errors: 3, failures: 1 };
        assert_eq!(
            progress.line(counts, Duration::from_millis(500)),
            "nianbao: 检查 250/1000 个文件 · 每秒 500 份 · 3 份有错误 · 1 个未能检查"
        );
        let clean = Counts { done: 0, ..Counts::default() };
        assert_eq!(progress.line(clean, Duration::ZERO), "nianbao: 检查 0/1000 个文件 · 每秒 0 份");
    }
}
