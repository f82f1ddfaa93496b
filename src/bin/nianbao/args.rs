//! Command line arguments.

use std::ffi::OsString;

pub const USAGE: &str = "\
用法：nianbao check [选项] 路径...

检查政府信息公开工作年度报告。路径可以是文件、目录（递归读取其中的 .txt .md .html .htm .docx 文件）
或 -（从标准输入读取）。

选项：
  --json       每份报告输出一行 JSON（JSON Lines），字段见 report-json.md，另加 \"file\"
  --csv        每条发现输出一行 CSV：文件,规则,级别,单元格,说明,标识,决定,理由,备注
               （UTF-8 带 BOM，可用 Excel/WPS 打开）
  --memo 目录  为每份报告写一份校验意见（HTML，可用浏览器、Word、WPS 打开和打印）到该目录；
               命令行没有审核决定，意见中所有问题都列为“待确认”
  --reviewer 姓名  校验意见上的审核人
  --date 日期  校验意见上的日期（YYYY-MM-DD，默认今天，北京时间）
  --jobs 数目  同时检查的线程数（默认为处理器的核数；1 即逐份检查）
  -h, --help   显示本说明
  -V, --version 显示版本

同一机关相邻年度的报告一并检查时，还核对跨年度的衔接（上年结转、现行有效件数、上一年项目数量）、
表格是否与上一年度完全相同、同一年度是否有两份报告；机关按名称判断（见 README）。

目录中的 .pdf .ofd .doc .wps .rtf .odt .mht 文件本工具不能读取，会列为未能检查。

退出码：0 全部检查完毕，没有报告有错误；1 有报告存在错误；
        2 用法错误，或有文件未能检查（不存在、无法读取、不是可读取的报告，如 PDF、图片、超过大小上限、没有文字）。";

/// The most threads `--jobs` asks for: more than any machine has cores is a typing error.
const MAX_JOBS: usize = 1024;

/// How results are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    Summary,
    Json,
    Csv,
}

/// Where and how to write review memos (`--memo`).
#[derive(Debug)]
pub struct Memos {
    pub dir: std::path::PathBuf,
    pub reviewer: String,
    /// `YYYY-MM-DD`; `None`: today.
    pub date: Option<String>,
}

#[derive(Debug)]
pub enum Command {
    Check {
        format: OutputFormat,
        paths: Vec<OsString>,
        memos: Option<Memos>,
        /// Threads that read and check (`--jobs`); `None`: one per core.
        jobs: Option<usize>,
    },
    Help,
    Version,
}

/// Parses the arguments (without the program name). Errors are messages for the user.
pub fn parse(args: impl IntoIterator<Item = OsString>) -> Result<Command, String> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_args(args);
    let mut subcommand: Option<String> = None;
    let mut format = OutputFormat::Summary;
    let mut paths = Vec::new();
    let mut memo_dir = None;
    let mut reviewer = None;
    let mut date = None;
    let mut jobs = None;
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Short('h') | Long("help") => return Ok(Command::Help),
            Short('V') | Long("version") => return Ok(Command::Version),
            Long("json") => format = pick(format, OutputFormat::Json)?,
            Long("csv") => format = pick(format, OutputFormat::Csv)?,
            Long("memo") => memo_dir = Some(std::path::PathBuf::from(parser.value().map_err(|e| e.to_string())?)),
            Long("reviewer") => reviewer = Some(text(parser.value().map_err(|e| e.to_string())?, "--reviewer")?),
            Long("date") => {
                let value = text(parser.value().map_err(|e| e.to_string())?, "--date")?;
                if !valid_date(&value) {
                    return Err(format!("--date 的日期“{value}”不对，应写作 YYYY-MM-DD，如 2025-03-20"));
                }
                date = Some(value);
            }
            Long("jobs") => {
                let value = text(parser.value().map_err(|e| e.to_string())?, "--jobs")?;
                match value.parse::<usize>() {
                    Ok(n) if (1..=MAX_JOBS).contains(&n) => jobs = Some(n),
                    _ => return Err(format!("--jobs 的值“{value}”不对，应为 1 到 {MAX_JOBS} 之间的整数")),
                }
            }
            Value(value) if subcommand.is_none() => {
                let name = value.into_string().map_err(|_| "未知的子命令".to_string())?;
                if name != "check" {
                    return Err(format!("未知的子命令“{name}”，目前只有 check"));
                }
                subcommand = Some(name);
            }
            Value(value) => paths.push(value),
            other => return Err(other.unexpected().to_string()),
        }
    }
    if memo_dir.is_none() && (reviewer.is_some() || date.is_some()) {
        return Err("--reviewer 和 --date 只用于校验意见，需与 --memo 目录 一起使用".to_string());
    }
    let memos = memo_dir.map(|dir| Memos { dir, reviewer: reviewer.unwrap_or_default(), date });
    match subcommand {
        None => Err("缺少子命令：nianbao check 路径...".to_string()),
        Some(_) if paths.is_empty() => Err("缺少要检查的文件或目录".to_string()),
        Some(_) => Ok(Command::Check { format, paths, memos, jobs }),
    }
}

fn text(value: OsString, option: &str) -> Result<String, String> {
    value.into_string().map_err(|_| format!("{option} 的值不是有效的文字"))
}

/// Whether `value` is a date written `YYYY-MM-DD` that exists.
fn valid_date(value: &str) -> bool {
    let parts: Vec<&str> = value.split('-').collect();
    let [y, m, d] = parts[..] else { return false };
    let number = |s: &str, len: usize| (s.len() == len && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse::<u32>().ok()).flatten();
    match (number(y, 4), number(m, 2), number(d, 2)) {
        (Some(y), Some(m), Some(d)) => nianbao::model::Date::new(y as i32, m, d).is_some(),
        _ => false,
    }
}

fn pick(current: OutputFormat, wanted: OutputFormat) -> Result<OutputFormat, String> {
    if current != OutputFormat::Summary && current != wanted {
        return Err("--json 与 --csv 只能选一个".to_string());
    }
    Ok(wanted)
}
