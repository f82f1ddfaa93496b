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

/// Reports of one body for consecutive years (tests/fixtures/years/README.md).
fn years() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/years")
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
    let lines: Vec<serde_json::Value> = stdout(&output).lines().map(|l| serde_json::from_str(l).expect("each line is JSON")).collect();
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
    // Five copies of the 洪泽 report, some changed: each says the body has several for the year.
    assert!(text.contains("i-report.pdf\n  淮安市洪泽区人民政府 · 2024 年度 · 2021 年版格式 · 0 处错误 · 3 处提醒 · "), "{text}");
    assert!(text.contains("[提醒] duplicate-report  同一机关 2024 年度还有“d-page.html”等 4 份报告"), "{text}");
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
    // The header counts the report's relations on every row (issue 17: how much was checked),
    // then the finding's identity and the reviewer's decision (issue 19).
    assert_eq!(lines.next(), Some("\u{FEFF}文件,规则,级别,单元格,说明,勾稽关系相符,勾稽关系不符,勾稽关系未能核对,标识,决定,理由,备注"));
    let row = lines.find(|l| l.contains("unreadable-cell")).expect("a finding row");
    assert!(row.contains(",unreadable-cell,提醒,proactive.regulations."), "{row}");
    assert!(row.contains(",42,0,0,"), "every relation of the sample holds: {row}");
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

/// The JSON line of the report whose file name ends with `name`.
fn line_of<'a>(lines: &'a [serde_json::Value], name: &str) -> &'a serde_json::Value {
    lines.iter().find(|l| l["file"].as_str().is_some_and(|f| f.ends_with(name))).unwrap_or_else(|| panic!("no line for {name}"))
}

fn json_lines(output: &Output) -> Vec<serde_json::Value> {
    stdout(output).lines().map(|l| serde_json::from_str(l).expect("each line is JSON")).collect()
}

/// The rules of a report's findings that compare it with other reports.
fn across(line: &serde_json::Value) -> Vec<String> {
    let findings = line["findings"].as_array().unwrap();
    findings.iter().filter(|f| f.get("other").is_some()).map(|f| f["rule"].as_str().unwrap().to_string()).collect()
}

#[test]
fn consecutive_years_that_follow_on() {
    let dir = scratch("years-agree");
    for name in ["hongze-district-2023.txt", "hongze-district-2024.txt"] {
        std::fs::copy(years().join(name), dir.join(name)).unwrap();
    }
    let output = nianbao(&["check", "--json", dir.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let lines = json_lines(&output);
    assert_eq!(lines.len(), 2);
    // 2024's 上年结转 (2) is 2023's 结转下年度 (2); its 现行有效件数 8 = 5 + 3 − 0.
    for line in &lines {
        assert_eq!(across(line), Vec::<String>::new(), "{}", line["file"]);
        assert!(line["findings"].as_array().unwrap().iter().all(|f| f["severity"] != "error"), "each year adds up on its own");
    }
    let y2024 = line_of(&lines, "2024.txt");
    assert_eq!(y2024["tables"]["requests"]["carried_over"]["total"]["value"], 2);
    assert_eq!(line_of(&lines, "2023.txt")["tables"]["requests"]["carried_forward"]["total"]["value"], 2);
}

#[test]
fn consecutive_years_that_do_not_follow_on() {
    let dir = scratch("years-disagree");
    for name in ["hongze-district-2023.disagrees.txt", "hongze-district-2024.txt"] {
        std::fs::copy(years().join(name), dir.join(name)).unwrap();
    }
    let output = nianbao(&["check", "--json", dir.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "findings across years are warnings");
    let lines = json_lines(&output);
    let y2023 = line_of(&lines, "2023.disagrees.txt");
    assert_eq!(across(y2023), Vec::<String>::new(), "the findings belong to the later year");
    let y2024 = line_of(&lines, "2024.txt");
    assert_eq!(across(y2024), ["in-force-mismatch", "carry-over-mismatch"]);
    let carry = y2024["findings"].as_array().unwrap().iter().find(|f| f["rule"] == "carry-over-mismatch").unwrap();
    assert_eq!(carry["severity"], "warning");
    assert_eq!(carry["cells"][0], serde_json::json!({ "cell": "requests.carried_over.natural_person", "role": "primary" }));
    assert_eq!(carry["other"]["file"], y2023["file"], "names the other file as its own line does");
    assert_eq!(carry["other"]["year"], 2023);
    assert_eq!(carry["other"]["cells"][1], serde_json::json!({ "cell": "requests.carried_forward.total", "value": 3 }));
    assert_eq!(
        carry["message"],
        "表三「二、上年结转政府信息公开申请数量」应等于 2023 年度报告“hongze-district-2023.disagrees.txt”表三的「四、结转下年度继续办理」：本报告「自然人」为 2、「总计」为 2，该报告「自然人」为 3、「总计」为 3"
    );
    let in_force = y2024["findings"].as_array().unwrap().iter().find(|f| f["rule"] == "in-force-mismatch").unwrap();
    assert!(in_force["message"].as_str().unwrap().contains(
        "现行有效件数为 8，而 2023 年度报告“hongze-district-2023.disagrees.txt”的现行有效件数 6 加本年制发 3、减本年废止 0 为 9"
    ));

    // The summary and the CSV say the same.
    let summary = stdout(&nianbao(&["check", dir.to_str().unwrap()]));
    assert!(summary.contains("[提醒] carry-over-mismatch  表三「二、上年结转"), "{summary}");
    let csv = stdout(&nianbao(&["check", "--csv", dir.to_str().unwrap()]));
    assert!(
        csv.contains("hongze-district-2024.txt,carry-over-mismatch,提醒,requests.carried_over.natural_person requests.carried_over.total,"),
        "{csv}"
    );

    // The body written another way (洪泽区人民政府, a page saved from the web) is the same body:
    // that 2024 report has nothing carried over, and says so against 2023's 2.
    let inputs = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/inputs");
    std::fs::remove_file(dir.join("hongze-district-2024.txt")).unwrap();
    std::fs::copy(inputs.join("hongze-district-2024.gbk.html"), dir.join("page-2024.html")).unwrap();
    let lines = json_lines(&nianbao(&["check", "--json", dir.to_str().unwrap()]));
    let page = line_of(&lines, "page-2024.html");
    assert_eq!(page["body"], "洪泽区人民政府");
    let carry = page["findings"].as_array().unwrap().iter().find(|f| f["rule"] == "carry-over-mismatch").expect("matched by name");
    assert!(carry["message"].as_str().unwrap().contains("（机关写作“淮安市洪泽区人民政府”）"), "{}", carry["message"]);
    assert_eq!(carry["other"]["body"], "淮安市洪泽区人民政府");
}

#[test]
fn the_same_report_twice_and_a_report_copied_from_the_year_before() {
    let dir = scratch("years-copies");
    let y2024 = std::fs::read_to_string(years().join("hongze-district-2024.txt")).unwrap();
    std::fs::write(dir.join("a-2024.txt"), &y2024).unwrap();
    std::fs::create_dir(dir.join("copy")).unwrap();
    std::fs::write(dir.join("copy/b-2024.txt"), &y2024).unwrap();
    // 2025's report: 2024's with the years moved on and nothing else changed (E4).
    std::fs::write(dir.join("c-2025.txt"), y2024.replace("2025", "2026").replace("2024", "2025")).unwrap();
    let lines = json_lines(&nianbao(&["check", "--json", dir.to_str().unwrap()]));
    let messages = |name: &str, rule: &str| -> Vec<String> {
        let findings = line_of(&lines, name)["findings"].as_array().unwrap();
        findings.iter().filter(|f| f["rule"] == rule).map(|f| f["message"].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(
        messages("a-2024.txt", "duplicate-report"),
        ["同一机关 2024 年度还有一份报告“b-2024.txt”，表格数字完全相同（可能是同一份报告打开了两次）"]
    );
    assert_eq!(messages("b-2024.txt", "duplicate-report").len(), 1);
    let same = messages("c-2025.txt", "same-as-previous-year");
    assert_eq!(same.len(), 1, "{same:?}");
    assert!(same[0].starts_with("表二、表三、表四的数字与 2024 年度报告“a-2024.txt”完全相同"), "{}", same[0]);
    // 2024's 结转下年度 (2) is carried over, and the two copies of 2024 are one report.
    assert_eq!(across(line_of(&lines, "c-2025.txt")), ["same-as-previous-year", "in-force-mismatch"]);
}

#[test]
fn standard_input_is_compared_with_the_files() {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(["check", "--json", "-", years().join("hongze-district-2024.txt").to_str().unwrap()])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(&std::fs::read(years().join("hongze-district-2023.disagrees.txt")).unwrap()).unwrap();
    let output = child.wait_with_output().unwrap();
    let lines = json_lines(&output);
    assert_eq!(lines[0]["file"], "-");
    assert_eq!(lines[0]["year"], 2023, "standard input is read once and kept for both passes");
    let carry = lines[1]["findings"].as_array().unwrap().iter().find(|f| f["rule"] == "carry-over-mismatch").unwrap();
    assert_eq!(carry["other"]["file"], "-");
}

#[test]
fn memos_for_a_batch() {
    let dir = scratch("memos-in");
    let out = scratch("memos-out").join("校验意见");
    for name in ["hongze-district-2023.disagrees.txt", "hongze-district-2024.txt"] {
        std::fs::copy(years().join(name), dir.join(name)).unwrap();
    }
    // A second copy of 2024 wants the same memo name; a file with a hostile name another.
    std::fs::copy(years().join("hongze-district-2024.txt"), dir.join("z-copy-2024.txt")).unwrap();
    std::fs::copy(samples().join("anyue-qingliu-town-2019.txt"), dir.join("x<img src=x onerror=alert(1)>.txt")).unwrap();

    let (out_dir, in_dir) = (out.to_str().unwrap(), dir.to_str().unwrap());
    let output = nianbao(&["check", "--memo", out_dir, "--reviewer", "李四", "--date", "2025-03-20", in_dir]);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(String::from_utf8_lossy(&output.stderr).contains("已写出 4 份校验意见到"));
    let mut names: Vec<String> = std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    assert_eq!(
        names,
        [
            "安岳县清流镇人民政府-2019年度-校验意见.html",
            "淮安市洪泽区人民政府-2023年度-校验意见.html",
            "淮安市洪泽区人民政府-2024年度-校验意见.html",
            "淮安市洪泽区人民政府-2024年度-校验意见（2）.html",
        ]
    );
    let memo = std::fs::read_to_string(out.join("淮安市洪泽区人民政府-2024年度-校验意见.html")).unwrap();
    assert!(memo.starts_with("\u{FEFF}<!DOCTYPE html>"));
    assert!(memo.contains("<h2>二、待确认的问题</h2>"), "no decisions from the command line: every finding is to be confirmed");
    assert!(memo.contains("上年结转与上一年度不符"));
    assert!(memo.contains("该报告「自然人」为 3、「总计」为 3"));
    assert!(memo.contains("审核人：李四　　　日期：2025-03-20"));
    assert!(memo.contains("跨年度核对：已与 2023 年度报告"), "what it was compared with");
    assert!(memo.contains("同一机关 2024 年度还有一份报告“z-copy-2024.txt”"));
    // The carried-over cells are marked, with the finding's number.
    let marked = memo.split("<td").filter(|td| td.contains("<sup>▲")).count();
    assert!(marked >= 3, "{marked}");
    let hostile = std::fs::read_to_string(out.join(&names[0])).unwrap();
    assert!(!hostile.contains("<img"), "escaped");
    assert!(hostile.contains("x&lt;img src=x onerror=alert(1)&gt;.txt"));

    // --reviewer and --date belong to --memo; a date must be one.
    let output = nianbao(&["check", "--reviewer", "李四", dir.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let output = nianbao(&["check", "--memo", out.to_str().unwrap(), "--date", "2025-02-30", dir.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--date 的日期“2025-02-30”不对"));
}

/// Runs the tool with `args` on `jobs` threads (`--jobs`).
fn nianbao_on(jobs: usize, args: &[&str]) -> Output {
    let mut all = vec!["check".to_string(), "--jobs".to_string(), jobs.to_string()];
    all.extend(args.iter().map(|a| a.to_string()));
    Command::new(env!("CARGO_BIN_EXE_nianbao")).args(&all).output().expect("the binary runs")
}

/// A batch of `bodies` bodies' reports for 2023 and 2024 (the 2023 ones not following on),
/// the 2023 ones first and the 2024 ones after them all, so that the two reports of a body
/// are far apart in the batch and handled by different threads; and a file that cannot be
/// checked in the middle. Returns the directory and the report files in name order.
fn generated_batch(name: &str, bodies: usize) -> (PathBuf, Vec<String>) {
    let dir = scratch(name);
    let y2023 = std::fs::read_to_string(years().join("hongze-district-2023.disagrees.txt")).unwrap();
    let y2024 = std::fs::read_to_string(years().join("hongze-district-2024.txt")).unwrap();
    let mut files = Vec::new();
    for k in 0..bodies {
        let place = body_place(k);
        for (prefix, year, text) in [("a", 2023, &y2023), ("b", 2024, &y2024)] {
            let file = format!("{prefix}-{k:03}-{year}.txt");
            std::fs::write(dir.join(&file), text.replace("洪泽区", &place)).unwrap();
            files.push(file);
        }
    }
    std::fs::write(dir.join("a-050-binary.txt"), [0u8, 159, 146, 150, 0, 1, 2]).unwrap();
    files.push("a-050-binary.txt".to_string());
    files.sort();
    (dir, files)
}

/// A place name of its own for body `k` (two characters from a list of twenty: 400 bodies).
fn body_place(k: usize) -> String {
    let signs: Vec<char> = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉".chars().collect();
    format!("{}{}区", signs[k / signs.len()], signs[k % signs.len()])
}

#[test]
fn a_large_batch_comes_out_in_the_order_of_its_inputs_as_one_thread_writes_it() {
    let (dir, files) = generated_batch("many", 100);
    let dir = dir.to_str().unwrap();
    for format in [&["--json"][..], &["--csv"], &[]] {
        let args: Vec<&str> = format.iter().copied().chain([dir]).collect();
        let alone = nianbao_on(1, &args);
        assert_eq!(alone.status.code(), Some(2), "{format:?}: the binary file could not be checked");
        // More threads than this machine may have cores: the order must not depend on timing.
        for jobs in [2, 5] {
            let parallel = nianbao_on(jobs, &args);
            assert_eq!(parallel.status.code(), alone.status.code(), "{format:?} on {jobs} threads");
            assert!(stdout(&parallel) == stdout(&alone), "{format:?} on {jobs} threads: the same output, byte for byte");
            assert_eq!(String::from_utf8_lossy(&parallel.stderr), String::from_utf8_lossy(&alone.stderr), "{format:?} on {jobs} threads");
        }
    }
    // The order is the inputs' (name order in a directory), the failure in its place.
    let lines = json_lines(&nianbao_on(3, &["--json", dir]));
    let named: Vec<&str> = lines.iter().map(|l| l["file"].as_str().unwrap().rsplit('/').next().unwrap()).collect();
    assert_eq!(named, files);
    assert!(line_of(&lines, "a-050-binary.txt")["error"].is_string());
}

#[test]
fn a_batch_read_twice_writes_what_a_batch_read_once_writes() {
    // The first pass keeps reports whole within a memory budget; the reports beyond it are
    // read again. Kept all, none, or some (the budget of about 40 reports): the same output.
    let (dir, _) = generated_batch("reread", 50);
    let run = |budget: Option<&str>, format: &[&str]| -> Output {
        let mut command = Command::new(env!("CARGO_BIN_EXE_nianbao"));
        command.args(["check", "--jobs", "2"]).args(format).arg(&dir);
        if let Some(budget) = budget {
            command.env("NIANBAO_KEEP_BYTES", budget);
        }
        command.output().expect("the binary runs")
    };
    for format in [&["--json"][..], &[]] {
        let kept = run(None, format);
        for budget in ["0", "3000000"] {
            let reread = run(Some(budget), format);
            assert_eq!(reread.status.code(), kept.status.code(), "{format:?} {budget}");
            assert!(stdout(&reread) == stdout(&kept), "{format:?} with a budget of {budget} bytes");
        }
    }
    let lines = json_lines(&run(Some("0"), &["--json"]));
    assert_eq!(across(line_of(&lines, "b-049-2024.txt")), ["in-force-mismatch", "carry-over-mismatch"]);
}

#[test]
fn findings_across_years_are_found_across_threads() {
    let (dir, _) = generated_batch("many-years", 100);
    let lines = json_lines(&nianbao_on(4, &["--json", dir.to_str().unwrap()]));
    for k in 0..100 {
        let (earlier, later) = (line_of(&lines, &format!("a-{k:03}-2023.txt")), line_of(&lines, &format!("b-{k:03}-2024.txt")));
        assert_eq!(earlier["body"], format!("淮安市{}人民政府", body_place(k)), "each body its own name");
        assert_eq!(across(earlier), Vec::<String>::new(), "{k}");
        assert_eq!(across(later), ["in-force-mismatch", "carry-over-mismatch"], "{k}");
        for finding in later["findings"].as_array().unwrap().iter().filter(|f| f.get("other").is_some()) {
            assert_eq!(finding["other"]["file"], earlier["file"], "{k}: compared with its own body's 2023, not another's");
        }
    }
}

#[test]
fn memos_are_the_same_on_every_core() {
    let (dir, _) = generated_batch("memos-many", 20);
    // Copies of one report want one memo name: the first in the batch gets it.
    let y2024 = std::fs::read_to_string(years().join("hongze-district-2024.txt")).unwrap();
    for copy in ["c-copy.txt", "d-copy.txt", "e-copy.txt"] {
        std::fs::write(dir.join(copy), &y2024).unwrap();
    }
    let memos_of = |jobs: usize| -> Vec<(String, String)> {
        let out = scratch(&format!("memos-many-out-{jobs}"));
        let output = nianbao_on(jobs, &["--memo", out.to_str().unwrap(), "--date", "2025-03-20", dir.to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(2), "the binary file");
        assert!(String::from_utf8_lossy(&output.stderr).contains("已写出 43 份校验意见到"), "{}", String::from_utf8_lossy(&output.stderr));
        let mut memos: Vec<(String, String)> = std::fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap())
            .map(|e| (e.file_name().into_string().unwrap(), std::fs::read_to_string(e.path()).unwrap()))
            .collect();
        memos.sort();
        memos
    };
    let alone = memos_of(1);
    assert_eq!(alone.len(), 43);
    assert!(alone.iter().any(|(name, _)| name == "淮安市洪泽区人民政府-2024年度-校验意见（3）.html"));
    let first_copy = alone.iter().find(|(name, _)| name == "淮安市洪泽区人民政府-2024年度-校验意见.html").unwrap();
    assert!(first_copy.1.contains("/c-copy.txt</td></tr>"), "the first copy's memo has the name without a number");
    assert!(memos_of(4) == alone, "the same memos, under the same names");
}

#[test]
fn no_progress_line_when_standard_error_is_piped() {
    let (dir, _) = generated_batch("quiet", 30);
    std::fs::remove_file(dir.join("a-050-binary.txt")).ok();
    let output = nianbao_on(2, &["--json", dir.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stderr), "", "standard error holds messages only, and there are none");
}

#[test]
fn a_progress_line_on_a_terminal() {
    // Standard error on a pseudo-terminal, as in a shell; standard output to a pipe, as in
    // `nianbao check --json 年报目录/ > results.jsonl`.
    let (dir, _) = generated_batch("progress", 30);
    let (mut master, slave) = pseudo_terminal();
    // The terminal's other end is read as the tool writes (a terminal holds only so much),
    // until the tool's end is closed (EIO on Linux).
    let reader = std::thread::spawn(move || {
        let mut shown = Vec::new();
        let _ = std::io::Read::read_to_end(&mut master, &mut shown);
        String::from_utf8_lossy(&shown).into_owned()
    });
    let output = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(["check", "--json", dir.to_str().unwrap()])
        .stderr(slave)
        .output()
        .expect("the binary runs");
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(json_lines(&output).len(), 61, "the results are written as without a terminal");
    let shown = reader.join().unwrap();
    assert!(shown.contains("nianbao: 读取并校验 "), "{shown:?}");
    assert!(shown.contains("/61 个文件 · 每秒 "), "{shown:?}");
    assert!(shown.contains("a-050-binary.txt: 这个文件既不是文字"), "messages still come: {shown:?}");
    assert!(shown.contains("1 个文件未能检查（原因见上），退出码为 2"), "{shown:?}");
    // Drawn in place, and taken away at the end: the last thing written is the last message.
    assert!(shown.contains("\r\x1b[K"), "{shown:?}");
    assert!(shown.trim_end().ends_with("退出码为 2"), "{shown:?}");
}

/// A pseudo-terminal: its reading end, and its terminal end to give a child.
fn pseudo_terminal() -> (std::fs::File, std::process::Stdio) {
    use std::os::fd::FromRawFd;
    let (mut master, mut slave) = (0, 0);
    // SAFETY: openpty writes two new descriptors, which are then owned by the files.
    let status = unsafe { libc::openpty(&mut master, &mut slave, std::ptr::null_mut(), std::ptr::null(), std::ptr::null()) };
    assert_eq!(status, 0, "openpty");
    // SAFETY: both descriptors are open and owned by nothing else.
    unsafe { (std::fs::File::from_raw_fd(master), std::process::Stdio::from(std::fs::File::from_raw_fd(slave))) }
}
