//! Command line arguments.

use std::ffi::OsString;

pub const USAGE: &str = "\
用法：nianbao check [选项] 路径...

检查政府信息公开工作年度报告。路径可以是文件、目录（递归读取其中的 .txt .md .html .htm .docx 文件）
或 -（从标准输入读取）。

选项：
  --json       每份报告输出一行 JSON（JSON Lines），字段见 report-json.md，另加 \"file\"
  --csv        每条发现输出一行 CSV：文件,规则,级别,单元格,说明（UTF-8 带 BOM，可用 Excel/WPS 打开）
  -h, --help   显示本说明
  -V, --version 显示版本

目录中的 .pdf .ofd .doc .wps .rtf .odt .mht 文件本工具不能读取，会列为未能检查。

退出码：0 全部检查完毕，没有报告有错误；1 有报告存在错误；
        2 用法错误，或有文件未能检查（不存在、无法读取、不是可读取的报告，如 PDF、图片、超过大小上限、没有文字）。";

/// How results are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    Summary,
    Json,
    Csv,
}

#[derive(Debug)]
pub enum Command {
    Check { format: OutputFormat, paths: Vec<OsString> },
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
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Short('h') | Long("help") => return Ok(Command::Help),
            Short('V') | Long("version") => return Ok(Command::Version),
            Long("json") => format = pick(format, OutputFormat::Json)?,
            Long("csv") => format = pick(format, OutputFormat::Csv)?,
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
    match subcommand {
        None => Err("缺少子命令：nianbao check 路径...".to_string()),
        Some(_) if paths.is_empty() => Err("缺少要检查的文件或目录".to_string()),
        Some(_) => Ok(Command::Check { format, paths }),
    }
}

fn pick(current: OutputFormat, wanted: OutputFormat) -> Result<OutputFormat, String> {
    if current != OutputFormat::Summary && current != wanted {
        return Err("--json 与 --csv 只能选一个".to_string());
    }
    Ok(wanted)
}
