//! The command line tool, run as a user runs it: over the samples, over a directory with good
//! and bad files, with each output format, checking what it prints and its exit status.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn nianbao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao")).args(args).output().expect("the binary runs")
}

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/samples")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

/// A scratch directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nianbao-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

#[test]
fn summary_of_a_clean_sample() {
    let output = nianbao(&["check", samples().join("hongze-district-2024.pdf.txt").to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "no error finding → exit 0");
    let text = stdout(&output);
    assert!(text.contains("hongze-district-2024.pdf.txt\n  淮安市洪泽区人民政府 · 2024 年度 · 2021 年版格式 · 0 处错误 · 2 处提醒 · 勾稽关系 40 个：40 个相符，0 个不符，0 个未能核对\n"), "{text}");
    assert!(text.contains("[提醒] format-mismatch"), "{text}");
    assert!(text.contains("[提醒] prose-table-mismatch"), "{text}");
    assert!(text.ends_with("共检查 1 份报告：0 份有错误，1 份仅有提醒，0 份未发现问题\n"), "{text}");
}

#[test]
fn json_lines_carry_every_expected_cell() {
    // The whole samples directory: text, PDF-layout, flattened, markdown, an HTML page and a
    // PDF (read against the expected cells of its text).
    let output = nianbao(&["check", "--json", samples().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0));
    let lines: Vec<serde_json::Value> =
        stdout(&output).lines().map(|l| serde_json::from_str(l).expect("each line is JSON")).collect();
    let names = [
        "anyue-qingliu-town-2019.txt",
        "hongze-district-2024.pdf",
        "hongze-district-2024.pdf.txt",
        "pingtan-zone-2019.flat.txt",
        "pingtan-zone-2022.flat.txt",
        "shanghai-office-2025.md",
        "shuyang-ndrc-2023.html",
    ];
    assert_eq!(lines.len(), names.len(), "one line per report, in name order; .json files are not read");
    for (line, name) in lines.iter().zip(names) {
        assert!(line["file"].as_str().unwrap().ends_with(name));
        let stem = if name.ends_with(".pdf") { name } else { name.rsplit_once('.').unwrap().0 };
        let expected: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(samples().join(format!("{stem}.expected.json"))).unwrap()).unwrap();
        assert_eq!(line["format"], expected["format"]);
        assert_eq!(line["year"], expected["year"]);
        for (cell, value) in expected["cells"].as_object().unwrap() {
            let parts: Vec<&str> = cell.split('.').collect();
            let read = &line["tables"][parts[0]][parts[1]][parts[2]]["value"];
            assert_eq!(read.as_f64(), value.as_f64(), "{name} {cell}");
        }
        // A PDF says so, and where each cell stands: the page it was read on.
        if name.ends_with(".pdf") {
            assert_eq!(line["input"], serde_json::json!({"kind": "pdf", "pages": 5, "scanned_pages": [], "unmapped_pages": []}));
            assert_eq!(line["tables"]["proactive"]["licensing"]["decisions"]["page"], 2);
            assert_eq!(line["tables"]["requests"]["total"]["total"]["page"], 4);
        } else {
            assert!(line.get("input").is_none() && line["tables"]["proactive"]["licensing"]["decisions"].get("page").is_none());
        }
    }
}

#[test]
fn a_directory_with_good_and_bad_files() {
    let dir = scratch("mixed");
    std::fs::copy(samples().join("anyue-qingliu-town-2019.txt"), dir.join("a-good.txt")).unwrap();
    std::fs::write(dir.join("b-binary.txt"), [0u8, 159, 146, 150, 0, 1, 2]).unwrap();
    std::fs::create_dir(dir.join("sub")).unwrap();
    let broken = std::fs::read_to_string(samples().join("hongze-district-2024.pdf.txt"))
        .unwrap()
        .replace("（七）总计                             95", "（七）总计                             96");
    std::fs::write(dir.join("sub/c-broken.txt"), broken).unwrap();
    std::fs::write(dir.join("notes.json"), "{}").unwrap();
    let inputs = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/inputs");
    std::fs::copy(inputs.join("hongze-district-2024.gbk.html"), dir.join("d-page.html")).unwrap();
    std::fs::write(dir.join("e-word.docx"), docx(&std::fs::read(inputs.join("hongze-district-2024.document.xml")).unwrap())).unwrap();
    std::fs::write(dir.join("f-cut.docx"), b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj").unwrap();
    // A page whose markup holds no text, an old Word file, an image (not a report).
    std::fs::write(dir.join("g-empty.html"), "<table><tr><td><table><tr><td> </td></tr></table></td></tr></table>").unwrap();
    std::fs::write(dir.join("h-old.doc"), b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1").unwrap();
    std::fs::write(dir.join("logo.png"), b"\x89PNG\r\n\x1A\n\0\0\0\rIHDR").unwrap();
    // The published PDF, a scan and a PDF with a scanned page.
    std::fs::copy(samples().join("hongze-district-2024.pdf"), dir.join("i-report.pdf")).unwrap();
    let pdfs = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf");
    std::fs::copy(pdfs.join("scan.pdf"), dir.join("j-scan.pdf")).unwrap();
    std::fs::copy(pdfs.join("mixed.pdf"), dir.join("k-mixed.pdf")).unwrap();

    let output = nianbao(&["check", dir.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2), "files could not be checked (although a report has an error finding)");
    let text = stdout(&output);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("b-binary.txt: 这个文件既不是文字，也不是可识别的文档格式。本工具可读取："), "{stderr}");
    assert!(stderr.contains("f-cut.docx: 这个 PDF 文件已损坏"), "{stderr}");
    assert!(stderr.contains("g-empty.html: 这个网页（HTML）中没有文字"), "{stderr}");
    assert!(stderr.contains("h-old.doc: 这是一个旧版 Word 文件"), "documents the tool cannot read are listed, not skipped: {stderr}");
    assert!(!stderr.contains("logo.png") && !text.contains("logo.png"), "images in a directory are skipped: {stderr}");
    assert!(stderr.contains("j-scan.pdf: 这个 PDF 是扫描件"), "{stderr}");
    assert!(text.contains("i-report.pdf\n  淮安市洪泽区人民政府 · 2024 年度 · 2021 年版格式 · 0 处错误 · 2 处提醒 · "), "{text}");
    assert!(text.contains(" · PDF 5 页\n"), "{text}");
    assert!(text.contains("k-mixed.pdf\n") && text.contains("[提示] 第 2 页只有图片、没有文字层（扫描页），其中的内容未读取"), "{text}");
    assert!(text.contains("a-good.txt\n"), "{text}");
    assert!(text.contains("c-broken.txt\n"), "{text}");
    assert!(text.contains("[错误] requests-outcome-total"), "{text}");
    assert!(text.contains("d-page.html\n  洪泽区人民政府 · 2024 年度 · 2021 年版格式 · 0 处错误"), "{text}");
    assert!(text.contains("e-word.docx\n  淮安市洪泽区人民政府 · 2024 年度 · 2021 年版格式 · 0 处错误"), "{text}");
    assert!(!text.contains("notes.json"), "files that are not reports are not read");
    assert!(text.contains("共检查 6 份报告：1 份有错误，5 份仅有提醒，0 份未发现问题；5 个文件未能检查"), "{text}");
    // Without the files that cannot be checked, the error finding decides.
    for name in ["b-binary.txt", "f-cut.docx", "g-empty.html", "h-old.doc", "j-scan.pdf"] {
        std::fs::remove_file(dir.join(name)).unwrap();
    }
    let output = nianbao(&["check", dir.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1), "one report has an error finding");
    assert!(stdout(&output).ends_with("共检查 6 份报告：1 份有错误，5 份仅有提醒，0 份未发现问题\n"), "{}", stdout(&output));
}

#[test]
fn any_input_that_could_not_be_checked_exits_with_2_in_every_format() {
    let dir = scratch("unchecked");
    let good = samples().join("hongze-district-2024.pdf.txt");
    let inputs: [(&str, &[u8]); 5] = [
        ("scan.pdf", b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj"),
        ("photo.jpg", b"\xFF\xD8\xFF\xE0\0\x10JFIF"),
        ("data.bin", &[0u8, 159, 146, 150, 0, 1, 2]),
        ("empty.txt", b""),
        ("tags.html", b"<table><tr><td></td></tr></table>"),
    ];
    for (name, bytes) in inputs {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        for format in [None, Some("--json"), Some("--csv")] {
            let mut args = vec!["check"];
            args.extend(format);
            args.extend([good.to_str().unwrap(), path.to_str().unwrap()]);
            let output = nianbao(&args);
            assert_eq!(output.status.code(), Some(2), "{name} {format:?}: a clean report and one that could not be checked");
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert!(stderr.contains(name), "{name} {format:?}: {stderr}");
            match format {
                None => assert!(stdout(&output).ends_with("；1 个文件未能检查\n"), "{name}: {}", stdout(&output)),
                Some(_) => assert!(stderr.contains("1 个文件未能检查"), "{name} {format:?}: {stderr}"),
            }
        }
    }
    let output = nianbao(&["check", good.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "the clean report alone");
}

#[test]
fn a_text_file_holding_a_pages_source_is_read_as_html() {
    // A CMS editor's source view saved as .txt: markup from the article on, no doctype.
    let dir = scratch("source");
    let page = std::fs::read_to_string(samples().join("shuyang-ndrc-2023.html")).unwrap();
    let fragment = &page[page.find("<div class=\"meta\">").unwrap()..];
    std::fs::write(dir.join("source.txt"), fragment).unwrap();
    let as_json = |path: &Path| -> serde_json::Value {
        let output = nianbao(&["check", "--json", path.to_str().unwrap()]);
        serde_json::from_str(stdout(&output).trim()).unwrap()
    };
    let from_txt = as_json(&dir.join("source.txt"));
    let from_html = as_json(&samples().join("shuyang-ndrc-2023.html"));
    assert!(!values(&from_html).is_empty());
    assert_eq!(values(&from_txt), values(&from_html), "the same cells as the page itself");
    assert_eq!(from_txt["findings"], from_html["findings"]);
    // A text report that mentions tags stays text.
    let mut report = std::fs::read_to_string(samples().join("anyue-qingliu-town-2019.txt")).unwrap();
    report.insert_str(report.find("一、").unwrap(), "（网站改版后表格以<table>标签发布，见</p>说明）\n");
    std::fs::write(dir.join("mentions.txt"), &report).unwrap();
    assert_eq!(values(&as_json(&dir.join("mentions.txt"))), values(&as_json(&samples().join("anyue-qingliu-town-2019.txt"))));
}

/// Every cell's value and raw text in a report's JSON, by name ("requests.new.total"); the
/// spans are left out.
fn values(report: &serde_json::Value) -> Vec<(String, serde_json::Value, serde_json::Value)> {
    let mut out = Vec::new();
    for (table, rows) in report["tables"].as_object().unwrap() {
        for (row, cols) in rows.as_object().unwrap() {
            for (col, cell) in cols.as_object().unwrap() {
                out.push((format!("{table}.{row}.{col}"), cell["value"].clone(), cell["raw"].clone()));
            }
        }
    }
    out
}

/// A minimal .docx whose main part is `document`.
fn docx(document: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("[Content_Types].xml", options).unwrap();
    zip.write_all(br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#).unwrap();
    zip.start_file("word/document.xml", options).unwrap();
    zip.write_all(document).unwrap();
    zip.finish().unwrap().into_inner()
}

#[test]
fn csv_rows_per_finding() {
    let output = nianbao(&["check", "--csv", samples().join("shanghai-office-2025.md").to_str().unwrap()]);
    let text = stdout(&output);
    let mut lines = text.split("\r\n");
    // The header counts the report's relations on every row (issue 17: how much was checked).
    assert_eq!(lines.next(), Some("\u{FEFF}文件,规则,级别,单元格,说明,勾稽关系相符,勾稽关系不符,勾稽关系未能核对"));
    let row = lines.find(|l| l.contains("unreadable-cell")).expect("a finding row");
    assert!(row.contains(",unreadable-cell,提醒,proactive.regulations."), "{row}");
    assert!(row.ends_with(",42,0,0"), "every relation of the sample holds: {row}");
}

#[test]
fn standard_input() {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(["check", "--json", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let text = "行政复议\t行政诉讼\n未经复议直接起诉\t复议后起诉\n1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\n";
    child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let line: serde_json::Value = serde_json::from_str(stdout(&output).trim()).unwrap();
    assert_eq!(line["file"], "-");
    assert_eq!(line["findings"].as_array().unwrap().iter().filter(|f| f["severity"] == "error").count(), 1);
}

#[test]
fn usage_and_io_errors_exit_with_2() {
    let output = nianbao(&["check"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("缺少要检查的文件或目录"));
    let output = nianbao(&["lint", "x"]);
    assert_eq!(output.status.code(), Some(2));
    let output = nianbao(&["check", "--json", "--csv", "x"]);
    assert_eq!(output.status.code(), Some(2));
    let output = nianbao(&["check", "/no/such/file.txt"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("/no/such/file.txt: 无法读取文件：文件不存在"));
}

#[test]
fn a_file_over_the_size_limit_is_refused_and_the_batch_goes_on() {
    let dir = scratch("big");
    let big = dir.join("big.txt");
    let file = std::fs::File::create(&big).unwrap();
    file.set_len(60 * 1024 * 1024).unwrap();
    std::fs::copy(samples().join("anyue-qingliu-town-2019.txt"), dir.join("good.txt")).unwrap();
    let output = nianbao(&["check", dir.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("big.txt: 文件太大（60 MB），超过 50 MB 的上限，未读取"), "{stderr}");
    assert!(stdout(&output).contains("共检查 1 份报告：0 份有错误，1 份仅有提醒，0 份未发现问题；1 个文件未能检查"), "{}", stdout(&output));
    assert_eq!(output.status.code(), Some(2), "a file that could not be checked");
}
