//! Writing results: a readable summary, JSON Lines, or CSV.
//!
//! A report's result is rendered on its own ([`render`], on any thread) and then written in
//! turn ([`Output::report`], on one), which also counts the batch's summary.

use std::fmt::Write as _;
use std::io::{self, Write};

use nianbao::Checked;
use nianbao::input::pdf::Pages;
use nianbao::model::{Severity, Tally};

use super::args::OutputFormat;

/// One report's result as it is written, and how it counts in the batch's summary.
pub struct Rendered {
    pub text: String,
    pub outcome: Outcome,
}

/// How a report counts in the summary line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    WithErrors,
    WarningsOnly,
    /// No finding, but relations that could not be checked.
    CleanButUnchecked,
    Clean,
}

/// Renders one report's result in `format`, its relations counted (`tally`).
pub fn render(format: OutputFormat, name: &str, checked: &Checked, tally: &Tally, pdf: Option<&Pages>) -> Rendered {
    let count = |s| checked.findings.iter().filter(|f| f.severity == s).count();
    let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
    let outcome = if errors > 0 {
        Outcome::WithErrors
    } else if warnings > 0 {
        Outcome::WarningsOnly
    } else if !tally.unchecked.is_empty() {
        Outcome::CleanButUnchecked
    } else {
        Outcome::Clean
    };
    let text = match format {
        OutputFormat::Json => super::json_line::line(name, checked, pdf, tally),
        OutputFormat::Csv => super::csv_rows::rows(name, checked, tally),
        OutputFormat::Summary => summary(name, checked, errors, warnings, tally, pdf),
    };
    Rendered { text, outcome }
}

fn summary(name: &str, checked: &Checked, errors: usize, warnings: usize, tally: &Tally, pdf: Option<&Pages>) -> String {
    let report = &checked.report;
    let mut facts = Vec::new();
    facts.push(report.body.clone().unwrap_or_else(|| "（未识别机关）".to_string()));
    facts.push(report.year.map_or("年度不详".to_string(), |y| format!("{y} 年度")));
    facts.push(report.format.map_or("格式不详".to_string(), |f| format!("{} 年版格式", f.key())));
    facts.push(format!("{errors} 处错误 · {warnings} 处提醒"));
    facts.push(nianbao::export::text::tally_line(tally));
    if let Some(pages) = pdf {
        facts.push(format!("PDF {} 页", pages.count()));
    }
    // Writing into a String cannot fail.
    let mut out = String::new();
    let _ = writeln!(out, "{name}");
    let _ = writeln!(out, "  {}", facts.join(" · "));
    if let Some(notice) = pdf.and_then(Pages::notice) {
        let _ = writeln!(out, "  [提示] {notice}");
    }
    for finding in &checked.findings {
        let _ = writeln!(out, "  [{}] {}  {}", finding.severity.label(), finding.rule, finding.message);
        let primary: Vec<String> = finding.primary_cells().map(|c| c.name()).collect();
        if !primary.is_empty() {
            let _ = writeln!(out, "      {}", primary.join(" "));
        }
    }
    out.push('\n');
    out
}

/// Writes results in turn and the batch summary at the end.
pub struct Output<W: Write> {
    format: OutputFormat,
    out: W,
    reports: usize,
    with_errors: usize,
    with_warnings_only: usize,
    /// Reports with no finding but relations that could not be checked.
    clean_but_unchecked: usize,
    failures: usize,
}

impl<W: Write> Output<W> {
    pub fn new(format: OutputFormat, out: W) -> Output<W> {
        Output { format, out, reports: 0, with_errors: 0, with_warnings_only: 0, clean_but_unchecked: 0, failures: 0 }
    }

    pub fn report(&mut self, rendered: &Rendered) -> io::Result<()> {
        self.reports += 1;
        match rendered.outcome {
            Outcome::WithErrors => self.with_errors += 1,
            Outcome::WarningsOnly => self.with_warnings_only += 1,
            Outcome::CleanButUnchecked => self.clean_but_unchecked += 1,
            Outcome::Clean => {}
        }
        if self.format == OutputFormat::Csv && self.reports == 1 {
            self.out.write_all(nianbao::export::csv::head().as_bytes())?;
        }
        self.out.write_all(rendered.text.as_bytes())
    }

    /// An input that could not be checked. Its message goes to standard error (the caller
    /// writes it) in every format, and into the JSON stream as an object with "error", so
    /// that a consumer of the lines sees every file.
    pub fn failure(&mut self, name: &str, message: &str) -> io::Result<()> {
        self.failures += 1;
        match self.format {
            OutputFormat::Json => {
                let line = serde_json::json!({ "file": name, "error": message });
                writeln!(self.out, "{line}")
            }
            _ => Ok(()),
        }
    }

    /// Reports with an error finding so far.
    pub fn with_errors(&self) -> usize {
        self.with_errors
    }

    /// Inputs that could not be checked so far.
    pub fn failures(&self) -> usize {
        self.failures
    }

    /// Writes out what is buffered (before a result is seen on a terminal).
    pub fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    /// Ends the batch: the summary line (in the summary format). In JSON and CSV, whose
    /// standard output is data, returns the line for standard error that says how many
    /// inputs could not be checked, if any.
    pub fn finish(&mut self) -> io::Result<Option<String>> {
        if self.format == OutputFormat::Summary {
            let clean = self.reports - self.with_errors - self.with_warnings_only;
            writeln!(
                self.out,
                "共检查 {} 份报告：{} 份有错误，{} 份仅有提醒，{} 份未发现问题{}{}",
                self.reports,
                self.with_errors,
                self.with_warnings_only,
                clean,
                if self.clean_but_unchecked > 0 {
                    format!("（其中 {} 份有勾稽关系未能核对）", self.clean_but_unchecked)
                } else {
                    String::new()
                },
                if self.failures > 0 { format!("；{} 个文件未能检查", self.failures) } else { String::new() }
            )?;
        }
        self.out.flush()?;
        let note = (self.format != OutputFormat::Summary && self.failures > 0)
            .then(|| format!("nianbao: {} 个文件未能检查（原因见上），退出码为 2", self.failures));
        Ok(note)
    }
}
