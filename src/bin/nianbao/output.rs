//! Writing results: a readable summary, JSON Lines, or CSV.

use std::io::{self, Write};

use nianbao::Checked;
use nianbao::input::pdf::Pages;
use nianbao::model::{Severity, Tally};

use super::args::OutputFormat;

/// Writes results as they come and the batch summary at the end.
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

    pub fn report(&mut self, name: &str, checked: &Checked, pdf: Option<&Pages>) -> io::Result<()> {
        let count = |s| checked.findings.iter().filter(|f| f.severity == s).count();
        let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
        let tally = checked.relations();
        self.reports += 1;
        if errors > 0 {
            self.with_errors += 1;
        } else if warnings > 0 {
            self.with_warnings_only += 1;
        } else if !tally.unchecked.is_empty() {
            self.clean_but_unchecked += 1;
        }
        match self.format {
            OutputFormat::Json => writeln!(self.out, "{}", nianbao::export::json::to_line_from(checked, Some(name), pdf)),
            OutputFormat::Csv => {
                if self.reports == 1 {
                    write!(self.out, "{}{}\r\n", nianbao::export::csv::BOM, nianbao::export::csv::HEADER)?;
                }
                write!(self.out, "{}", nianbao::export::csv::rows(name, checked, &nianbao::model::Decisions::new()))
            }
            OutputFormat::Summary => self.summary(name, checked, errors, warnings, &tally, pdf),
        }
    }

    fn summary(
        &mut self,
        name: &str,
        checked: &Checked,
        errors: usize,
        warnings: usize,
        tally: &Tally,
        pdf: Option<&Pages>,
    ) -> io::Result<()> {
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
        writeln!(self.out, "{name}")?;
        writeln!(self.out, "  {}", facts.join(" · "))?;
        if let Some(notice) = pdf.and_then(Pages::notice) {
            writeln!(self.out, "  [提示] {notice}")?;
        }
        for finding in &checked.findings {
            writeln!(self.out, "  [{}] {}  {}", finding.severity.label(), finding.rule, finding.message)?;
            let primary: Vec<String> = finding.primary_cells().map(|c| c.to_string()).collect();
            if !primary.is_empty() {
                writeln!(self.out, "      {}", primary.join(" "))?;
            }
        }
        writeln!(self.out)
    }

    pub fn failure(&mut self, name: &str, message: &str) -> io::Result<()> {
        self.failures += 1;
        // Failures go to standard error in every format, and into the JSON stream as an
        // object with "error" so that a consumer of the lines sees every file.
        eprintln!("{name}: {message}");
        match self.format {
            OutputFormat::Json => {
                let line = serde_json::json!({ "file": name, "error": message });
                writeln!(self.out, "{line}")
            }
            _ => Ok(()),
        }
    }

    /// Ends the batch: the summary line (in the summary format), and in every format, when
    /// some inputs could not be checked, how many (on standard error in JSON and CSV, whose
    /// standard output is data).
    pub fn finish(&mut self) -> io::Result<()> {
        if self.format != OutputFormat::Summary && self.failures > 0 {
            eprintln!("nianbao: {} 个文件未能检查（原因见上），退出码为 2", self.failures);
        }
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
        self.out.flush()
    }
}
