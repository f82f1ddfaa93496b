//! Realistic whole reports, read and checked as a careful reviewer reads and checks them.
//!
//! Each report (`reports/catalogue.rs`) is what a real body of its kind publishes: a title,
//! the page's metadata, a preamble with the statistics period, part 一 in prose with figures,
//! the three tables, parts 五 and 六. It is printed (`reports/build.rs`) in the shapes users
//! paste: a browser copy (a cell per line), a Word/WPS copy (tabs), `pdftotext -layout` text,
//! PDF text with loose columns or single spaces, markdown from a PDF converter, a crawler's
//! flattened text, and a CMS page's HTML with Word-pasted tables and navigation chrome.
//! Genuine errors are put in the way real reports have them (formats.md §8, rules.md).
//!
//! For every report the tests assert what a careful reviewer would list: every genuine error
//! found with the cell to look at, no error finding on a correct table, no warning a
//! reviewer would call wrong, every cell read as printed, and the metadata.
//!
//! The reports the checker once got wrong sit as minimal reproductions in `mod once_failed`,
//! each asserting the right result.

#[path = "reports/build.rs"]
mod build;
#[path = "reports/catalogue.rs"]
mod catalogue;
#[path = "reports/expect.rs"]
mod expect;
#[path = "variants/render.rs"]
mod render;
#[path = "variants/truth.rs"]
mod truth;

use build::{Block, Doc};
use catalogue as cat;
use expect::Seen;
use nianbao::model::{Format, Part, RequestRow, Severity, Table};
use render::{Shape, Style};
use truth::Truth;

// =======================================================================================
// The shapes a report is pasted in

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Paste {
    /// A browser copy of the page text: every table cell on its own line.
    Browser,
    /// A browser copy of the page's tables as Chrome and Firefox make it: tab-separated
    /// cells, a merged cell only on its first row, empty cells as empty fields.
    BrowserTabs,
    /// A Word/WPS copy: tab-separated rows, merged cells as empty fields.
    Word,
    /// Tab-separated rows with the 表三 group labels on their own lines (an Excel copy).
    Tabs,
    /// `pdftotext -layout`: aligned columns, wrapped labels.
    Pdf,
    /// PDF text whose columns are runs of spaces, not aligned.
    PdfLoose,
    /// PDF text without layout: single spaces.
    PdfRaw,
    /// Markdown from a PDF converter.
    Markdown,
    /// A crawler's flattened text: header lines, then the body with no separators.
    Crawler,
    /// A CMS page's HTML.
    Html,
}

impl Paste {
    const ALL: [Paste; 10] = [
        Paste::Browser,
        Paste::BrowserTabs,
        Paste::Word,
        Paste::Tabs,
        Paste::Pdf,
        Paste::PdfLoose,
        Paste::PdfRaw,
        Paste::Markdown,
        Paste::Crawler,
        Paste::Html,
    ];

    /// Every shape but the crawler's, which loses the cell boundaries (its own tests).
    const READABLE: [Paste; 9] = [
        Paste::Browser,
        Paste::BrowserTabs,
        Paste::Word,
        Paste::Tabs,
        Paste::Pdf,
        Paste::PdfLoose,
        Paste::PdfRaw,
        Paste::Markdown,
        Paste::Html,
    ];

    /// Whether an empty cell keeps its place (a field, a table cell, a column position).
    fn keeps_empty_cells(self) -> bool {
        matches!(self, Paste::BrowserTabs | Paste::Word | Paste::Tabs | Paste::Markdown | Paste::Html)
    }

    fn print(self, doc: &Doc) -> String {
        match self {
            Paste::Browser => doc.browser(),
            Paste::BrowserTabs => doc.text(&Style::new(Shape::Tabs).labels(|l| l.groups = render::Groups::InlineFirst)),
            Paste::Word => doc.word(),
            Paste::Tabs => doc.text(&Style::new(Shape::Tabs)),
            Paste::Pdf => doc.pdf(),
            Paste::PdfLoose => doc.pdf_loose(),
            Paste::PdfRaw => doc.pdf_raw(),
            Paste::Markdown => doc.markdown(),
            Paste::Crawler => doc.crawler(),
            Paste::Html => build::html_page(doc, &page_title(doc)),
        }
    }

    /// The report as pasted in this shape and checked. Where the shape loses empty cells,
    /// the report prints them as "-", as many real ones do.
    fn read(self, doc: &Doc) -> Seen {
        let doc = if self.keeps_empty_cells() {
            doc.clone()
        } else {
            Doc { truth: doc.truth.clone().blanks_as("-"), blocks: doc.blocks.clone() }
        };
        let input = self.print(&doc);
        match self {
            Paste::Html => expect::html(input, &doc.truth),
            _ => expect::text(input, &doc.truth),
        }
    }
}

/// A CMS page's `<title>`: the report's title and the site's name.
fn page_title(doc: &Doc) -> String {
    let title = doc.blocks.iter().find_map(|b| if let Block::Title(t) = b { Some(t.clone()) } else { None }).unwrap_or_default();
    format!("{title}_政府信息公开年报_某某市人民政府门户网站")
}

/// Runs `check` on the report in every shape of `shapes`, reporting every failing shape.
fn each(doc: &Doc, shapes: &[Paste], check: impl Fn(Paste, &Seen)) {
    let mut failures = Vec::new();
    for &shape in shapes {
        let seen = shape.read(doc);
        if let Err(e) = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(shape, &seen))) {
            let msg = e.downcast_ref::<String>().cloned().or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string())).unwrap_or_default();
            failures.push(format!("===== {shape:?}:\n{msg}"));
        }
    }
    assert!(failures.is_empty(), "{} of {} shapes failed:\n{}", failures.len(), shapes.len(), failures.join("\n"));
}

/// A crawler's flattened copy: nothing read wrong, no error finding on a correct report,
/// 表三 and 表四 read in full (their relations settle every run of digits).
fn crawler_reads_correct_report(doc: &Doc) {
    let seen = Paste::Crawler.read(doc);
    seen.nothing_wrong();
    assert!(seen.checked.findings.iter().all(|f| f.severity != Severity::Error), "an error on a correct report\n{}", seen.describe());
    let unread: Vec<String> = seen.cell_problems(&[]).into_iter().filter(|p| !p.contains("proactive.")).collect();
    assert!(unread.is_empty(), "表三/表四 not read:\n{}\n{}", unread.join("\n"), seen.describe());
}

// =======================================================================================
// Correct reports: no error, no false warning, every cell read, the metadata right

mod correct_reports {
    use super::*;

    #[test]
    fn a_districts_aggregate_report_with_big_numbers() {
        let doc = cat::district(cat::district_tables());
        each(&doc, &Paste::READABLE, |_, seen| {
            // The district's own report, published on 20 March by the office that compiles
            // it (“发布机构：东湖区人民政府办公室”): on time for a 本级政府 report.
            seen.cells().clean().format(Some(Format::V2021));
            seen.meta(cat::DISTRICT_TITLE, "东湖区", 2023, "2024-03-20");
        });
        crawler_reads_correct_report(&doc);
    }

    #[test]
    fn a_districts_report_with_thousands_separators() {
        let doc = cat::district(cat::district_tables().thousands());
        each(&doc, &Paste::READABLE, |_, seen| {
            seen.cells().clean();
        });
        Paste::Crawler.read(&doc).nothing_wrong();
    }

    #[test]
    fn a_township_with_all_zeros() {
        let doc = cat::township(cat::township_tables());
        each(&doc, &Paste::ALL, |_, seen| {
            seen.cells().clean().format(Some(Format::V2021));
            if seen.checked.report.title.is_some() {
                seen.meta("王集镇人民政府2023年政府信息公开工作年度报告", "王集镇人民政府", 2023, "2024-01-12");
            }
        });
        // The crawler keeps the title in its header lines.
        Paste::Crawler.read(&doc).meta("王集镇人民政府2023年政府信息公开工作年度报告", "王集镇人民政府", 2023, "2024-01-12");
    }

    #[test]
    fn a_city_bureau_in_every_shape() {
        let doc = cat::city_bureau(cat::gen_2021(2023), "2024-01-25");
        each(&doc, &Paste::READABLE, |_, seen| {
            seen.cells().clean().format(Some(Format::V2021));
            seen.meta("南平市住房和城乡建设局2023年政府信息公开工作年度报告", "南平市住房和城乡建设局", 2023, "2024-01-25");
            for part in Part::ALL {
                assert!(seen.has_part(*part), "{part:?} not found\n{}", seen.describe());
            }
        });
        crawler_reads_correct_report(&doc);
    }

    #[test]
    fn a_2019_report_in_the_2019_format() {
        let doc = cat::report_2019(cat::report_2019_tables());
        each(&doc, &Paste::READABLE, |_, seen| {
            // 本年增/减 of -8 and -1 is allowed; the 采购总金额 carries its unit.
            seen.cells().clean().format(Some(Format::V2019));
            seen.meta("安康市汉滨区交通运输局2019年政府信息公开工作年度报告", "安康市汉滨区交通运输局", 2019, "2020-01-21");
            assert!(seen.infos().is_empty() || seen.infos().iter().all(|r| *r == "cells-run-together"), "{:?}", seen.infos());
        });
        Paste::Crawler.read(&doc).nothing_wrong();
    }

    #[test]
    fn a_county_bureau_whose_table_three_runs_onto_a_second_page() {
        for repeat_header in [true, false] {
            let doc = cat::bureau(cat::bureau_tables()).split_requests_before(RequestRow::UnavailableNotHeld, "- 3 -", repeat_header);
            each(&doc, &[Paste::Pdf, Paste::PdfLoose, Paste::PdfRaw, Paste::Markdown], |_, seen| {
                assert!(seen.input.contains("- 3 -"));
                seen.cells().clean();
                // Signed at the end: "2024年1月26日".
                seen.meta("云溪县市场监督管理局2023年政府信息公开工作年度报告", "云溪县市场监督管理局", 2023, "2024-01-26");
            });
        }
        let doc = cat::bureau(cat::bureau_tables()).split_requests_before(RequestRow::DeniedThirdParty, "—  4  —", true);
        each(&doc, &[Paste::Pdf, Paste::PdfLoose], |_, seen| {
            seen.cells().clean();
        });
    }

    #[test]
    fn a_hubei_report_with_annotations_and_the_extra_row() {
        let doc = cat::hubei(cat::hubei_tables());
        let styles: [(&str, Style); 3] = [
            (
                "word",
                Style::new(Shape::Tabs).labels(|l| {
                    l.annotations = true;
                    l.extra_rows = true;
                    l.halfwidth = true;
                }),
            ),
            (
                "markdown",
                Style::new(Shape::Markdown).labels(|l| {
                    l.annotations = true;
                    l.extra_rows = true;
                }),
            ),
            ("tabs", Style::new(Shape::Tabs).labels(|l| l.extra_rows = true)),
        ];
        for (name, style) in styles {
            let seen = expect::text(doc.text(&style), &doc.truth);
            assert!(seen.input.contains("其他主动公开文件"), "{name}");
            // "-" in 行政强制, an empty 行政事业性收费 row, 本年增/减 of -2 and +1: nothing to flag.
            seen.cells().clean().format(Some(Format::V2019));
            seen.meta("武汉市江岸区生态环境分局2020年政府信息公开工作年度报告", "武汉市江岸区生态环境分局", 2020, "2021-01-28");
        }
        expect::html(build::html_page(&doc, "x"), &doc.truth).cells().clean();
    }

    #[test]
    fn a_hubei_report_whose_empty_fee_row_leaves_no_trace_is_not_misread() {
        // Copied as text, the empty 行政事业性收费 row is only its label. In these two copies the
        // checker may say the row is missing (in a plain browser copy it no longer does:
        // once_failed::an_empty_fee_row_is_not_a_missing_row); whatever it says, it reads
        // nothing wrong and flags no error.
        let doc = cat::hubei(cat::hubei_tables());
        for style in [
            Style::new(Shape::OneCellPerLine).labels(|l| {
                l.annotations = true;
                l.extra_rows = true;
            }),
            Style::new(Shape::Pdf).labels(|l| {
                l.annotations = true;
                l.extra_rows = true;
                l.wrap = Some(18);
            }),
        ] {
            let seen = expect::text(doc.text(&style), &doc.truth);
            seen.cells_except(&["proactive.fees.previous_items", "proactive.fees.change"]).findings_except(&["missing-table"], &[]);
        }
    }

    #[test]
    fn a_department_that_leaves_the_legal_person_columns_blank() {
        // Blank is not zero: each row whose 自然人 is not zero cannot be checked; they are so
        // for the same five blank columns, so one warning says it (the blank cells primary);
        // rows of zeros and blanks are silent.
        let doc = cat::department(cat::department_tables());
        let rows = [
            "new",
            "carried_over",
            "granted",
            "partially_granted",
            "denied_third_party",
            "unavailable_not_held",
            "rejected_petition",
            "total",
            "carried_forward",
        ];
        let cells: Vec<String> = rows
            .iter()
            .flat_map(|r| ["commercial", "research", "social_welfare", "legal_services", "other_org"].map(|c| format!("requests.{r}.{c}")))
            .collect();
        let expected = format!("warning blank-operand {}", cells.join(","));
        let expected = [expected.as_str()];
        each(&doc, &[Paste::BrowserTabs, Paste::Word, Paste::Tabs, Paste::Markdown, Paste::Html], |_, seen| {
            seen.cells().findings(&expected);
            seen.meta("清河县自然资源和规划局2022年政府信息公开工作年度报告", "清河县自然资源和规划局", 2022, "2023-01-16");
        });
        // Printed "-" instead, as a browser or PDF copy keeps them.
        each(&doc, &[Paste::Browser, Paste::PdfLoose, Paste::PdfRaw], |_, seen| {
            seen.cells().findings(&expected);
        });
    }

    #[test]
    fn a_department_with_blank_legal_person_columns_in_pdf_layout_is_never_misread() {
        // `pdftotext -layout` keeps the empty cells as spaces; no row is complete, and this
        // rendering's header words do not stand above their columns, so the checker leaves
        // 表三 unread (once_failed::blank_legal_person_columns_in_pdf_layout says why and
        // asserts it). It must read nothing wrong and raise no error.
        let doc = cat::department(cat::department_tables());
        let seen = expect::text(doc.pdf(), &doc.truth);
        seen.nothing_wrong();
        assert!(seen.checked.findings.iter().all(|f| f.severity != Severity::Error), "{}", seen.describe());
    }

    #[test]
    fn a_2021_table_with_a_single_other_row() {
        let doc = cat::city_bureau(cat::gen_2021(2023).single_other_row(), "2024-01-25");
        each(&doc, &Paste::READABLE, |_, seen| {
            seen.cells().findings(&["warning format-mismatch"]).message("warning format-mismatch", &["（六）其他处理", "只有一行"]);
        });
    }

    #[test]
    fn the_2019_format_used_for_a_2021_report() {
        let mut t = cat::report_2019_tables();
        t.year = 2021;
        let doc = cat::city_bureau(t, "2022-01-20");
        each(&doc, &Paste::READABLE, |_, seen| {
            seen.cells().findings(&["warning format-mismatch"]).format(Some(Format::V2019));
            seen.message("warning format-mismatch", &["2021 年度", "2019年版"]);
            assert_eq!(seen.checked.report.year, Some(2021));
        });
    }

    #[test]
    fn the_2021_format_used_for_a_2020_report() {
        let doc = cat::city_bureau(cat::gen_2021(2020), "2021-01-22");
        each(&doc, &Paste::READABLE, |_, seen| {
            seen.cells().findings(&["warning format-mismatch"]).format(Some(Format::V2021));
        });
    }

    #[test]
    fn prose_with_row_labels_and_numbers_around_the_tables() {
        let city = || cat::city_bureau(cat::gen_2021(2023), "2024-01-25");
        let docs = [
            city().para_before_table(Table::Proactive, "2023年，本局制发规章1件、行政规范性文件9件，废止行政规范性文件3件，现行有效行政规范性文件64件；办理行政许可2315件、行政处罚186件。"),
            city().para_before_table(Table::Requests, "2023年，本局共新收政府信息公开申请71件，从申请人情况看，自然人申请62件，法人或其他组织申请9件；上年结转政府信息公开申请4件。"),
            city().para_before_table(Table::Appeals, "2023年，本局共发生政府信息公开行政复议案件5件，其中结果维持3件、结果纠正1件、尚未审结1件；行政诉讼案件4件，其中未经复议直接起诉3件、复议后起诉1件。"),
            city().para_after_table(Table::Proactive, "本年度制发规章1件，行政规范性文件9件；行政许可2315件，行政处罚186件，行政强制12件。"),
            city().para_after_table(Table::Requests, "本年度新收政府信息公开申请71件，上年结转4件，办结70件，结转下年度继续办理5件。"),
            city().para_after_table(Table::Requests, "注：1.表中“其他”指个体工商户等；2.本年度有1件申请因申请人撤回而终止办理，计入“（六）其他处理3.其他”。"),
            city().para_after_table(Table::Appeals, "本年度行政复议结果维持3件，结果纠正1件，尚未审结1件；行政诉讼未经复议直接起诉3件，复议后起诉1件，总计9件。"),
        ];
        for doc in docs {
            each(&doc, &Paste::READABLE, |_, seen| {
                seen.cells().clean();
            });
        }
    }

    #[test]
    fn counting_words_inside_the_table_two_cells() {
        let t = cat::gen_2021(2023).map_numbers(|k, raw| {
            if k.table() == Table::Proactive && k.col_key() != "amount" { format!("{raw}件") } else { raw.to_string() }
        });
        each(&cat::city_bureau(t, "2024-01-25"), &Paste::READABLE, |_, seen| {
            seen.cells().clean();
        });
    }

    #[test]
    fn group_subtotals_written_on_the_group_label_rows() {
        // Some reports fill the 表三 group rows (（三）不予公开 …) with the group's sum, or add
        // 小计 rows: they are not official rows and must not be counted twice.
        let doc = cat::city_bureau(cat::gen_2021(2023), "2024-01-25");
        let text = doc.text(&Style::new(Shape::Tabs));
        let sums = [
            ("（三）不予公开", "3\t1\t0\t0\t0\t0\t4"),
            ("（四）无法提供", "13\t2\t0\t0\t0\t1\t16"),
            ("（五）不予处理", "4\t0\t0\t0\t0\t0\t4"),
            ("（六）其他处理", "3\t0\t0\t0\t0\t0\t3"),
        ];
        let mut on_group_rows = text.clone();
        for (label, sum) in sums {
            on_group_rows = on_group_rows.replace(&format!("\n{label}\n"), &format!("\n{label}\t{sum}\n"));
        }
        assert_ne!(on_group_rows, text);
        expect::text(on_group_rows, &doc.truth).cells().clean();
        let mut with_rows = text.clone();
        for (last, (_, sum)) in [
            "8.属于行政查询事项\t0\t0\t0\t0\t0\t0\t0",
            "3.补正后申请内容仍不明确\t0\t0\t0\t0\t0\t0\t0",
            "5.要求行政机关确认或重新出具已获取信息\t0\t0\t0\t0\t0\t0\t0",
            "3.其他\t1\t0\t0\t0\t0\t0\t1",
        ]
        .iter()
        .zip(sums)
        {
            assert!(with_rows.contains(last), "{last}");
            with_rows = with_rows.replace(last, &format!("{last}\n小计\t{sum}"));
        }
        expect::text(with_rows, &doc.truth).cells().clean();
    }

    #[test]
    fn word_files() {
        let doc = cat::bureau(cat::bureau_tables());
        expect::docx(&build::docx(&doc), &doc.truth).cells().clean().meta(
            "云溪县市场监督管理局2023年政府信息公开工作年度报告",
            "云溪县市场监督管理局",
            2023,
            "2024-01-26",
        );
        let doc = cat::department(cat::department_tables());
        let seen = expect::docx(&build::docx(&doc), &doc.truth);
        seen.cells();
        assert!(seen.lines().iter().all(|l| l.starts_with("warning blank-operand")) && seen.lines().len() == 1, "{}", seen.describe());
        let doc = cat::hubei(cat::hubei_tables());
        expect::docx(&build::docx(&doc), &doc.truth).cells().clean().format(Some(Format::V2019));
        let doc = cat::city_bureau(cat::gen_2021(2023).single_other_row(), "2024-01-25");
        expect::docx(&build::docx(&doc), &doc.truth).cells().findings(&["warning format-mismatch"]);
        assert!(cells_have_no_spans(&expect::docx(&build::docx(&doc), &doc.truth)));
    }

    fn cells_have_no_spans(seen: &Seen) -> bool {
        !seen.checked.report.cells.is_empty() && seen.checked.report.cells.values().all(|c| c.span.is_none())
    }

    #[test]
    fn a_legal_person_subtotal_column_before_the_five_kinds() {
        // A variant some bodies print: 法人或其他组织 小计, then its five kinds.
        let doc = cat::city_bureau(cat::gen_2021(2023), "2024-01-25");
        let seen = expect::text(super::with_legal_person_subtotal(&doc.word(), false), &doc.truth);
        assert!(seen.input.contains("小计\t商业企业"));
        seen.cells().clean();
    }

    #[test]
    fn a_report_pasted_twice_by_mistake_reads_as_once() {
        let doc = cat::city_bureau(cat::gen_2021(2023), "2024-01-25");
        let mut blocks = doc.blocks.clone();
        blocks.extend(doc.blocks.clone());
        let twice = Doc { truth: doc.truth.clone(), blocks };
        each(&twice, &Paste::READABLE, |_, seen| {
            seen.cells().clean();
            seen.meta("南平市住房和城乡建设局2023年政府信息公开工作年度报告", "南平市住房和城乡建设局", 2023, "2024-01-25");
        });
    }

    #[test]
    fn two_reports_pasted_one_after_the_other_read_the_first() {
        // The second report's tables and dates never leak into the first's (its date once
        // did: once_failed::two_reports_pasted_take_the_first_ones_date).
        let first = cat::city_bureau(cat::gen_2021(2023), "2024-01-25");
        let second = cat::township(cat::township_tables());
        let mut blocks = first.blocks.clone();
        blocks.extend(second.blocks.clone());
        let both = Doc { truth: first.truth.clone(), blocks };
        each(&both, &Paste::READABLE, |_, seen| {
            seen.cells().clean();
            seen.meta("南平市住房和城乡建设局2023年政府信息公开工作年度报告", "南平市住房和城乡建设局", 2023, "2024-01-25");
        });
        // The other way round: the township's zeros, not the bureau's numbers.
        let mut blocks = second.blocks.clone();
        blocks.extend(first.blocks.clone());
        let both = Doc { truth: second.truth.clone(), blocks };
        each(&both, &Paste::READABLE, |_, seen| {
            seen.cells().clean();
            seen.meta("王集镇人民政府2023年政府信息公开工作年度报告", "王集镇人民政府", 2023, "2024-01-12");
        });
    }
}

/// A Word copy of a report with a 法人或其他组织 小计 column added to 表三, after 其他
/// (`after`) or before 商业企业.
fn with_legal_person_subtotal(word: &str, after: bool) -> String {
    let mut out = Vec::new();
    let mut in_requests = false;
    for line in word.lines() {
        if line.contains("勾稽关系") {
            in_requests = true;
        }
        if line.starts_with("四、政府信息公开行政复议") {
            in_requests = false;
        }
        let mut fields: Vec<String> = line.split('\t').map(str::to_string).collect();
        let values = fields.len().saturating_sub(7);
        if in_requests && line.starts_with("商业企业") {
            if after {
                fields.push("小计".into());
            } else {
                fields.insert(0, "小计".into());
            }
        } else if in_requests && fields.len() >= 8 && fields[values..].iter().all(|f| f.parse::<i64>().is_ok()) {
            let kinds: i64 = fields[values + 1..values + 6].iter().map(|f| f.parse::<i64>().unwrap()).sum();
            fields.insert(if after { values + 6 } else { values + 1 }, kinds.to_string());
        }
        out.push(fields.join("\t"));
    }
    out.join("\n") + "\n"
}

// =======================================================================================
// Parts headed and numbered as real reports head them

mod headings {
    use super::*;

    fn city() -> Doc {
        cat::city_bureau(cat::gen_2021(2023), "2024-01-25")
    }

    #[test]
    fn long_wording_and_the_di_wu_bu_fen_style() {
        let doc = city()
            .rename_heading("五、存在的主要问题及改进情况", "五、政府信息公开工作存在的主要问题及改进情况")
            .rename_heading("六、其他需要报告的事项", "第六部分 其他需要报告的事项");
        each(&doc, &Paste::READABLE, |_, seen| {
            seen.cells().clean();
        });
    }

    #[test]
    fn the_overview_heading_left_out_is_reported() {
        let doc = city().rename_heading("一、总体情况", "");
        each(&doc, &Paste::READABLE, |_, seen| {
            seen.cells().findings(&["warning missing-section"]).message("warning missing-section", &["第一部分", "总体情况"]);
        });
    }

    #[test]
    fn a_part_inserted_shifts_the_numbering() {
        let doc = city()
            .rename_heading("四、政府信息公开行政复议、行政诉讼情况", "五、政府信息公开行政复议、行政诉讼情况")
            .rename_heading("五、存在的主要问题及改进情况", "六、存在的主要问题及改进情况")
            .rename_heading("六、其他需要报告的事项", "七、其他需要报告的事项")
            .insert_before(
                "五、政府信息公开行政复议、行政诉讼情况",
                vec![Block::Heading("四、主要做法".into()), Block::Para("一是强化组织领导；二是完善工作机制；三是加强监督考核。".into())],
            );
        each(&doc, &Paste::READABLE, |_, seen| {
            seen.cells().clean();
        });
    }

    #[test]
    fn parts_numbered_one_short_as_the_anyue_township_does() {
        let doc = city()
            .rename_heading("一、总体情况", "")
            .rename_heading("二、主动公开政府信息情况", "一、主动公开政府信息情况")
            .rename_heading("三、收到和处理政府信息公开申请情况", "二、收到和处理政府信息公开申请情况")
            .rename_heading("四、政府信息公开行政复议、行政诉讼情况", "三、政府信息公开行政复议、行政诉讼情况")
            .rename_heading("五、存在的主要问题及改进情况", "四、存在的主要问题及改进情况")
            .rename_heading("六、其他需要报告的事项", "五、其他需要报告的事项");
        each(&doc, &Paste::READABLE, |_, seen| {
            // Only the overview is really missing.
            seen.cells().findings(&["warning missing-section"]).message("warning missing-section", &["总体情况"]);
        });
    }

    #[test]
    fn tables_left_out_with_only_prose_are_errors() {
        // formats.md §8 O7: the headings are there, the tables are not ("本年度未收到…").
        let doc = city()
            .without_table(Table::Proactive)
            .without_table(Table::Requests)
            .without_table(Table::Appeals)
            .para_after_heading("三、收到和处理政府信息公开申请情况", "本年度未收到政府信息公开申请。")
            .para_after_heading("四、政府信息公开行政复议、行政诉讼情况", "本年度未发生政府信息公开行政复议、行政诉讼情况。");
        each(&doc, &Paste::ALL, |_, seen| {
            seen.findings(&["error missing-table", "error missing-table", "error missing-table"]).format(None);
            assert!(seen.checked.report.cells.is_empty(), "{}", seen.describe());
            for (table, words) in [(Table::Proactive, "表二"), (Table::Requests, "表三"), (Table::Appeals, "表四")] {
                assert!(!seen.checked.report.has_table(table));
                assert!(
                    seen.checked.findings.iter().any(|f| f.message.contains(words) && f.message.contains("不能当作全为 0")),
                    "{}",
                    seen.describe()
                );
            }
        });
    }
}

// =======================================================================================
// What the report says about itself: dates, years, titles

mod metadata {
    use super::*;

    fn with_header(title: &str, meta: &str) -> Doc {
        let mut d = cat::city_bureau(cat::gen_2021(2023), "2024-01-25");
        d.blocks[0] = Block::Title(title.into());
        d.blocks[1] = Block::Meta(meta.into());
        d
    }

    const TITLE: &str = "南平市住房和城乡建设局2023年政府信息公开工作年度报告";
    const BODY: &str = "南平市住房和城乡建设局";

    #[test]
    fn two_dates_on_the_page_the_publication_date_counts() {
        for meta in [
            "索引号：003568921/2024-00017　发布机构：南平市住房和城乡建设局　成文日期：2024-01-18　发布日期：2024-01-25",
            "发布日期：2024-01-25　成文日期：2024-01-18",
            "成文日期：2024年01月18日　发布日期：2024年01月25日",
        ] {
            each(&with_header(TITLE, meta), &Paste::READABLE, |_, seen| {
                seen.clean().meta(TITLE, BODY, 2023, "2024-01-25");
            });
        }
    }

    #[test]
    fn written_in_january_published_in_february_is_late() {
        each(&with_header(TITLE, "成文日期：2024-01-30　发布日期：2024-02-05"), &Paste::READABLE, |_, seen| {
            seen.findings(&["warning late-publication"]).message("warning late-publication", &["2024-02-05", "1 月 31 日"]);
        });
    }

    #[test]
    fn published_on_31_january_is_on_time_and_in_february_late() {
        each(&with_header(TITLE, "发布日期：2024-01-31"), &Paste::READABLE, |_, seen| {
            seen.clean().meta(TITLE, BODY, 2023, "2024-01-31");
        });
        each(&with_header(TITLE, "发布时间：2024-02-06 10:12:33"), &Paste::READABLE, |_, seen| {
            seen.findings(&["warning late-publication"]).meta(TITLE, BODY, 2023, "2024-02-06");
        });
    }

    #[test]
    fn titles_with_the_year_as_niandu_or_in_chinese_numerals() {
        let t = "南平市住房和城乡建设局2023年度政府信息公开工作年度报告";
        each(&with_header(t, "发布日期：2024-01-25"), &Paste::READABLE, |_, seen| {
            seen.clean().meta(t, BODY, 2023, "2024-01-25");
        });
        let t = "南平市住房和城乡建设局二〇二三年政府信息公开工作年度报告";
        each(&with_header(t, "发布日期：2024-01-25"), &Paste::READABLE, |_, seen| {
            // The body before a year in numerals was once not found
            // (once_failed::the_body_before_a_year_in_chinese_numerals).
            seen.clean().meta(t, BODY, 2023, "2024-01-25");
        });
    }

    #[test]
    fn a_report_reused_from_last_year_with_only_the_title_changed() {
        // formats.md §8 E4: the statistics period still says the previous year.
        let mut doc = with_header(TITLE, "发布日期：2024-01-25");
        doc.blocks[2] = Block::Para("根据《中华人民共和国政府信息公开条例》规定，特向社会公布本机关政府信息公开工作年度报告。本报告所列数据的统计期限为2022年1月1日至2022年12月31日。".into());
        each(&doc, &Paste::READABLE, |_, seen| {
            seen.findings(&["warning year-mismatch"]).message("warning year-mismatch", &["2023", "2022"]);
        });
    }

    #[test]
    fn a_report_on_2023_published_in_2023_is_flagged() {
        each(&with_header(TITLE, "发布日期：2023-12-28"), &Paste::READABLE, |_, seen| {
            seen.findings(&["warning year-mismatch"]);
        });
    }

    #[test]
    fn a_title_on_a_crawled_page_and_a_signature_at_the_end() {
        let doc = cat::bureau(cat::bureau_tables());
        let seen = Paste::Crawler.read(&doc);
        seen.nothing_wrong();
        assert_eq!(seen.checked.report.title.as_deref(), Some("云溪县市场监督管理局2023年政府信息公开工作年度报告"));
        assert_eq!(seen.checked.report.year, Some(2023));
    }
}

// =======================================================================================
// Whose report it is, which sets its deadline (条例第四十九条): the subject the title names
// first, then the body that signs it, then the page's publisher line

mod whose_report {
    use super::*;

    /// The township's report (all zeros, correct) with this title and page metadata line,
    /// and when given a signature at its end: the body's name over the date.
    fn report(title: &str, meta: &str, signature: Option<&str>) -> Doc {
        let mut doc = cat::township(cat::township_tables());
        for b in doc.blocks.iter_mut() {
            match b {
                Block::Title(t) => *t = title.to_string(),
                Block::Meta(m) => *m = meta.to_string(),
                _ => {}
            }
        }
        if let Some(name) = signature {
            let end = doc.blocks.iter().rposition(|b| matches!(b, Block::Para(_))).unwrap() + 1;
            doc.blocks.insert(end, Block::Para(name.to_string()));
            doc.blocks.insert(end + 1, Block::Para("2024年3月18日".to_string()));
        }
        doc
    }

    /// Every shape of the report reads `body` and finds exactly `findings`.
    fn reads(doc: &Doc, body: &str, findings: &[&str]) {
        each(doc, &Paste::READABLE, |_, seen| {
            seen.cells().findings(findings);
            assert_eq!(seen.checked.report.body.as_deref(), Some(body), "{}", seen.describe());
        });
    }

    const LATE: &str = "warning late-publication";

    /// Once said: late-publication (发布日期 2024-03-20 晚于 2024-01-31): the body was taken
    /// from the publisher line, the office that compiles and publishes the zone's report.
    #[test]
    fn a_regions_report_published_by_its_office_is_due_by_31_march() {
        for (title, body, publisher) in [
            ("平潭综合实验区2023年度政府信息公开工作年度报告", "平潭综合实验区", "平潭综合实验区管委会办公室"),
            ("沭阳县2023年政府信息公开工作年度报告", "沭阳县", "沭阳县人民政府办公室"),
            ("宿迁市人民政府2023年政府信息公开工作年度报告", "宿迁市人民政府", "宿迁市人民政府办公室"),
            ("江苏省人民政府2023年政府信息公开工作年度报告", "江苏省人民政府", "江苏省人民政府办公厅"),
            ("宿迁经济技术开发区管委会2023年政府信息公开工作年度报告", "宿迁经济技术开发区管委会", "宿迁经济技术开发区党政办公室"),
            ("雄安新区2023年政府信息公开工作年度报告", "雄安新区", "雄安新区管理委员会综合办公室"),
        ] {
            let meta = format!("发布机构：{publisher}　发布日期：2024-03-20");
            reads(&report(title, &meta, Some(publisher)), body, &[]);
            let late = report(title, &meta.replace("2024-03-20", "2024-04-08"), Some(publisher));
            each(&late, &Paste::READABLE, |_, seen| {
                seen.findings(&[LATE]).message(LATE, &["2024-04-08", "2024-03-31", "本级人民政府"]);
            });
        }
    }

    #[test]
    fn a_departments_report_is_due_by_31_january_whoever_publishes_it() {
        // A county's portal publishes its departments' reports.
        let doc = report("沭阳县教育局2023年政府信息公开工作年度报告", "发布机构：沭阳县人民政府　发布日期：2024-03-20", None);
        reads(&doc, "沭阳县教育局", &[LATE]);
        // The office that compiles the region's report has a report of its own, as a department.
        let doc = report("平潭综合实验区管委会办公室2023年度政府信息公开工作年度报告", "发布日期：2024-02-20", None);
        reads(&doc, "平潭综合实验区管委会办公室", &[LATE]);
    }

    #[test]
    fn townships_and_jiedao_have_no_deadline() {
        for (title, body) in [
            ("某某街道办事处2023年政府信息公开工作年度报告", "某某街道办事处"),
            ("沭阳县胡集镇2023年政府信息公开工作年度报告", "沭阳县胡集镇"),
        ] {
            reads(&report(title, "发布机构：沭阳县人民政府　发布日期：2024-04-10", None), body, &[]);
        }
    }

    #[test]
    fn a_title_without_a_body_the_signature_before_the_publisher() {
        let title = "2023年政府信息公开工作年度报告";
        // Signed by a department, published on the county's portal: the department's.
        reads(&report(title, "发布机构：沭阳县人民政府　发布日期：2024-03-20", Some("沭阳县教育局")), "沭阳县教育局", &[LATE]);
        // Signed by the county, published by its office: the county's.
        reads(&report(title, "发布机构：沭阳县人民政府办公室　发布日期：2024-03-20", Some("沭阳县人民政府")), "沭阳县人民政府", &[]);
        // Only the office's publisher line: whether the office's own report or the county's
        // cannot be told; held to 1月31日, and the message says the 3月31日 of a 本级 report.
        let doc = report(title, "发布机构：沭阳县人民政府办公室　发布日期：2024-03-20", None);
        each(&doc, &Paste::READABLE, |_, seen| {
            seen.findings(&[LATE]).message(LATE, &["2024-01-31", "3 月 31 日", "如为汇总报告则未超期"]);
        });
    }
}

// =======================================================================================
// A page's source pasted as plain text (copied from the browser's source view, or from a
// CMS editor's source mode): read as the HTML it is, as the page itself reads

mod source_pasted_as_text {
    use super::*;

    fn reports() -> Vec<(&'static str, Doc)> {
        vec![
            ("district", cat::district(cat::district_tables())),
            ("township", cat::township(cat::township_tables())),
            ("department", cat::department(cat::department_tables())),
            ("2019", cat::report_2019(cat::report_2019_tables())),
            ("city bureau", cat::city_bureau(cat::gen_2021(2023), "2024-01-25")),
        ]
    }

    /// The report read from a plain-text paste of `text`, and what it was read as.
    fn pasted(text: String, truth: &Truth) -> (Seen, nianbao::PasteSource) {
        let (checked, source) = nianbao::check_paste(None, &text);
        (Seen { checked, input: text, truth: truth.clone() }, source)
    }

    /// Once said: 有“二、主动公开政府信息情况”部分的标题，但其下没有找到表二 (and the same
    /// for 表三, 表四): the tags were read as text, and the tables not at all.
    #[test]
    fn a_pages_source_reads_as_the_page() {
        for (name, doc) in reports() {
            let page = Paste::Html.print(&doc);
            let (seen, source) = pasted(page.clone(), &doc.truth);
            assert_eq!(source, nianbao::PasteSource::Markup, "{name}");
            assert_eq!(seen.checked, nianbao::check_html(&page), "{name}: as the page itself");
            seen.cells();
        }
    }

    #[test]
    fn a_cms_editors_source_view_reads_as_the_page() {
        // The article's markup alone: no doctype, no <html>, no <head>.
        for (name, doc) in reports() {
            let page = Paste::Html.print(&doc);
            let article = &page[page.find("<div class=\"main\">").unwrap()..page.find("</body>").unwrap()];
            let (seen, source) = pasted(article.to_string(), &doc.truth);
            assert_eq!(source, nianbao::PasteSource::Markup, "{name}");
            let from_page = expect::html(page.clone(), &doc.truth);
            seen.cells().findings(&from_page.lines().iter().map(String::as_str).collect::<Vec<_>>());
            assert_eq!(seen.checked.report.title, from_page.checked.report.title, "{name}: the title is read");
        }
    }

    #[test]
    fn text_that_mentions_tags_stays_text() {
        for (name, doc) in reports() {
            for shape in Paste::READABLE.into_iter().filter(|s| *s != Paste::Html) {
                let text = shape.print(&doc);
                let (_, source) = pasted(text.clone(), &doc.truth);
                assert_eq!(source, nianbao::PasteSource::Text, "{name} {shape:?}");
                // Tags named in the prose; and a stray tag left by a conversion at the top,
                // which with the closing tag further on makes the text look like markup: the
                // reading as HTML, which runs the lines together, reads fewer cells.
                let mentions = text.replacen("一、总体情况", "一、总体情况（网站改版后，表格用<table>、<td>标签发布，段落用<p>…</p>）", 1);
                let stray = format!("<p>\n{mentions}");
                assert!(nianbao::input::looks_like_markup(&stray));
                for (what, changed) in [("mentions", mentions), ("stray", stray)] {
                    let (seen, _) = pasted(changed.clone(), &doc.truth);
                    let plain = nianbao::check_text(&changed);
                    assert_eq!(seen.checked.report.cells, plain.report.cells, "{name} {shape:?} {what}: read as text");
                }
            }
        }
    }
}

// =======================================================================================
// Genuine errors, as real reports have them: found, pointing at the cell to fix

mod genuine_errors {
    use super::*;

    fn city(t: Truth) -> Doc {
        cat::city_bureau(t, "2024-01-25")
    }

    fn misprinted(cells: &[(&str, &str)]) -> Doc {
        let mut t = cat::gen_2021(2023);
        for (cell, raw) in cells {
            build::misprint(&mut t, cell, raw);
        }
        city(t)
    }

    /// In every readable shape, exactly these findings; in the crawler's copy, nothing
    /// read wrong and no error that is not one of these.
    fn found(doc: &Doc, expected: &[&str]) {
        each(doc, &Paste::READABLE, |_, seen| {
            seen.cells().findings(expected);
        });
        let seen = Paste::Crawler.read(doc);
        seen.nothing_wrong();
        for l in seen.lines().iter().filter(|l| l.starts_with("error")) {
            assert!(expected.contains(&l.as_str()), "a false error in the crawler's copy: {l}\n{}", seen.describe());
        }
    }

    #[test]
    fn a_wrong_row_total() {
        // （一）予以公开: 32 + 5 + 1 = 38, printed 37.
        let doc = misprinted(&[("requests.granted.total", "37")]);
        found(&doc, &["error requests-outcome-total requests.granted.total", "error requests-row-total requests.granted.total"]);
        each(&doc, &[Paste::Word], |_, seen| {
            seen.message("error requests-row-total requests.granted.total", &["（一）予以公开", "38", "37"]);
        });
    }

    #[test]
    fn a_wrong_outcome_total() {
        // （七）总计 自然人: the outcomes add to 59, printed 60.
        let doc = misprinted(&[("requests.total.natural_person", "60")]);
        found(
            &doc,
            &[
                "error requests-balance requests.total.natural_person",
                "error requests-outcome-total requests.total.natural_person",
                "error requests-row-total requests.total.natural_person",
            ],
        );
    }

    #[test]
    fn new_plus_carried_over_not_equal_to_handled_plus_carried_forward() {
        // 结转下年度 printed 5 (自然人) and 6 (总计) instead of 4 and 5; the row adds up.
        let doc = misprinted(&[("requests.carried_forward.natural_person", "5"), ("requests.carried_forward.total", "6")]);
        found(
            &doc,
            &["error requests-balance requests.carried_forward.natural_person", "error requests-balance requests.carried_forward.total"],
        );
        each(&doc, &[Paste::Html], |_, seen| {
            seen.message("error requests-balance requests.carried_forward.natural_person", &["自然人", "60", "3", "59", "5"]);
        });
    }

    #[test]
    fn new_applications_counted_with_the_carried_over_ones() {
        // A common slip: 一、本年新收 written as everything handled this year, carried over
        // included (60+3 and 8+1 instead of 60 and 8; total 75 instead of 71).
        let doc = misprinted(&[("requests.new.natural_person", "63"), ("requests.new.commercial", "9"), ("requests.new.total", "75")]);
        each(&doc, &Paste::READABLE, |_, seen| {
            seen.cells();
            let errors: Vec<String> = seen.lines().into_iter().filter(|l| l.starts_with("error")).collect();
            for col in ["natural_person", "commercial", "total"] {
                assert!(
                    errors.iter().any(|l| l.starts_with("error requests-balance") && l.contains(&format!("requests.new.{col}"))
                        || l.starts_with("error requests-balance") && l.contains(&format!(".{col}"))),
                    "balance of {col}\n{}",
                    seen.describe()
                );
            }
            assert!(errors.iter().all(|l| l.starts_with("error requests-balance")), "{}", seen.describe());
        });
    }

    #[test]
    fn an_application_counted_in_the_wrong_column() {
        // One application of （一）予以公开 moved from 商业企业 to 自然人; the row total and
        // （七）总计 were not touched.
        let doc = misprinted(&[("requests.granted.natural_person", "33"), ("requests.granted.commercial", "4")]);
        each(&doc, &Paste::READABLE, |_, seen| {
            seen.cells();
            let errors: Vec<&nianbao::model::Finding> = seen.checked.findings.iter().filter(|f| f.severity == Severity::Error).collect();
            assert_eq!(errors.len(), 2, "{}", seen.describe());
            for f in &errors {
                assert_eq!(f.rule, "requests-outcome-total");
                assert!(f.message.contains("可能有 1 件申请计入了错误"), "{}", f.message);
                // Which cells are primary: once_failed::a_misclassified_application_is_not_blamed_on_the_totals.
            }
            assert!(seen.checked.findings.iter().all(|f| f.severity != Severity::Warning), "{}", seen.describe());
        });
    }

    #[test]
    fn a_total_left_blank_beside_values() {
        let doc = misprinted(&[("requests.granted.total", "")]);
        each(&doc, &[Paste::BrowserTabs, Paste::Word, Paste::Tabs, Paste::Markdown, Paste::Html], |_, seen| {
            seen.cells().findings(&["warning blank-operand requests.granted.total", "warning blank-operand requests.granted.total"]);
        });
        // Where the empty cell leaves no trace the row cannot be placed: said, not misread.
        each(&doc, &[Paste::Browser, Paste::Pdf, Paste::PdfLoose, Paste::PdfRaw], |_, seen| {
            seen.nothing_wrong();
            assert!(seen.lines().iter().all(|l| l.starts_with("warning")), "{}", seen.describe());
            assert!(!seen.lines().is_empty());
        });
    }

    #[test]
    fn the_total_column_left_blank_for_every_outcome_row() {
        // formats.md §8 O1 (上海 2019): only 一, 二, （七） and 四 have a 总计.
        let mut t = cat::gen_2021(2023);
        for row in RequestRow::rows_of(Format::V2021).iter().filter(|r| r.is_outcome()) {
            build::misprint(&mut t, &format!("requests.{}.total", row.key()), "");
        }
        let doc = city(t);
        each(&doc, &[Paste::BrowserTabs, Paste::Word, Paste::Tabs, Paste::Markdown, Paste::Html], |_, seen| {
            seen.cells();
            assert!(seen.lines().iter().all(|l| l.starts_with("warning blank-operand")), "{}", seen.describe());
            // One for the outcome rows with applications (their 总计 blank alike), one for the
            // 总计 column.
            assert_eq!(seen.lines().len(), 2, "{}", seen.describe());
            assert!(seen.checked.findings.iter().any(|f| f.message.contains("「总计」列在 10 行中为空白")), "{}", seen.describe());
        });
    }

    #[test]
    fn an_appeals_total_off_by_one() {
        found(&misprinted(&[("appeals.review.total", "4")]), &["error appeals-total appeals.review.total"]);
        found(&misprinted(&[("appeals.litigation_direct.total", "2")]), &["error appeals-total appeals.litigation_direct.total"]);
    }

    #[test]
    fn a_negative_number() {
        found(
            &misprinted(&[("proactive.normative_documents.repealed", "-3")]),
            &["error negative-value proactive.normative_documents.repealed"],
        );
    }

    #[test]
    fn a_fraction_among_counts() {
        let doc = misprinted(&[("requests.unavailable_not_held.natural_person", "11.5")]);
        each(&doc, &Paste::READABLE, |_, seen| {
            seen.cells().findings(&[
                "error fractional-count requests.unavailable_not_held.natural_person",
                "error requests-outcome-total requests.unavailable_not_held.natural_person",
                "error requests-row-total requests.unavailable_not_held.natural_person",
            ]);
        });
    }

    #[test]
    fn a_letter_for_a_digit() {
        let doc = misprinted(&[("requests.unavailable_not_held.natural_person", "1l")]);
        each(&doc, &[Paste::Browser, Paste::Word, Paste::Tabs, Paste::Pdf, Paste::PdfLoose, Paste::Markdown, Paste::Html], |_, seen| {
            seen.cells().findings(&["warning unreadable-cell requests.unavailable_not_held.natural_person"]);
        });
    }

    #[test]
    fn a_wrong_row_total_in_a_word_file() {
        let mut t = cat::bureau_tables();
        build::misprint(&mut t, "requests.total.total", "46");
        let doc = cat::bureau(t);
        expect::docx(&build::docx(&doc), &doc.truth).cells().findings(&[
            "error requests-balance requests.total.total",
            "error requests-outcome-total requests.total.total",
            "error requests-row-total requests.total.total",
        ]);
    }

    #[test]
    fn a_wrong_row_total_in_a_districts_cms_page() {
        let mut t = cat::district_tables();
        build::misprint(&mut t, "requests.unavailable_not_held.total", "214");
        let doc = cat::district(t);
        let seen = Paste::Html.read(&doc);
        seen.cells().findings(&[
            "error requests-outcome-total requests.unavailable_not_held.total",
            "error requests-row-total requests.unavailable_not_held.total",
        ]);
        seen.message("error requests-row-total requests.unavailable_not_held.total", &["241", "214"]);
    }

    #[test]
    fn a_2019_item_count_driven_below_zero() {
        let mut t = cat::report_2019_tables();
        build::misprint(&mut t, "proactive.coercion.change", "-8");
        let doc = cat::report_2019(t);
        each(&doc, &Paste::READABLE, |_, seen| {
            seen.cells().findings(&["warning proactive-items-negative proactive.coercion.previous_items,proactive.coercion.change"]);
        });
    }

    #[test]
    fn a_2019_procurement_amount_without_a_unit() {
        let mut t = cat::report_2019_tables();
        build::misprint(&mut t, "proactive.procurement.amount", "1250000");
        let doc = cat::report_2019(t);
        each(&doc, &[Paste::Word, Paste::Html, Paste::Markdown, Paste::Browser], |_, seen| {
            seen.cells().clean();
            assert_eq!(seen.infos(), vec!["unit-missing"], "{}", seen.describe());
        });
    }

    #[test]
    fn a_cell_split_by_a_pdf_copy_is_not_misread() {
        // "11" printed as "1 1": eight numbers in a seven-column row.
        let doc = cat::city_bureau(cat::gen_2021(2023), "2024-01-25");
        let text = doc.pdf_loose();
        let line = text.lines().find(|l| l.contains("1.本机关不掌握相关政府信息")).unwrap().to_string();
        let split = line.replacen("11     2", "1 1     2", 1);
        assert_ne!(split, line);
        let seen = expect::text(text.replace(&line, &split), &doc.truth);
        seen.nothing_wrong();
        assert!(seen.lines().iter().all(|l| l.starts_with("warning")), "{}", seen.describe());
        assert!(seen.lines().iter().any(|l| l.contains("requests.unavailable_not_held")), "{}", seen.describe());
    }
}

// =======================================================================================
// Where the checker was once wrong: minimal reproductions asserting what it now says

/// Reports the checker once got wrong (found by the adversarial pass), each now right.
mod once_failed {
    use super::*;

    fn check(text: &str) -> nianbao::Checked {
        nianbao::check_text(text)
    }

    fn rules(c: &nianbao::Checked) -> Vec<&'static str> {
        c.findings.iter().filter(|f| f.severity != Severity::Info).map(|f| f.rule).collect()
    }

    /// A complete, correct report (the township's zeros, pasted from Word) whose title,
    /// publication date and headings of 五 and 六 are replaced (an empty heading is left
    /// out).
    fn report(title: &str, published: &str, five: &str, six: &str) -> String {
        let mut doc = cat::township(cat::township_tables())
            .rename_heading("五、存在的主要问题及改进情况", five)
            .rename_heading("六、其他需要报告的事项", six);
        for b in doc.blocks.iter_mut() {
            match b {
                Block::Title(t) => *t = title.to_string(),
                Block::Meta(m) => *m = format!("发布时间：{published} 09:36　来源：本站"),
                _ => {}
            }
        }
        doc.word()
    }

    fn skeleton(five: &str, six: &str) -> String {
        report("某某局2023年政府信息公开工作年度报告", "2024-01-20", five, six)
    }

    fn missing_parts(text: &str) -> Vec<String> {
        check(text).findings.iter().filter(|f| f.rule == expect::known_rule("missing-section")).map(|f| f.message.clone()).collect()
    }

    #[test]
    fn the_reproductions_start_from_a_clean_report() {
        let c = check(&skeleton("五、存在的主要问题及改进情况", "六、其他需要报告的事项"));
        assert_eq!(rules(&c), Vec::<&str>::new());
        assert_eq!(c.report.title.as_deref(), Some("某某局2023年政府信息公开工作年度报告"));
        assert_eq!(c.report.published.as_ref().map(|d| d.value.to_string()).as_deref(), Some("2024-01-20"));
    }

    /// Once said: 没有找到第五部分 / 没有找到第六部分 (warnings on parts that are there).
    #[test]
    fn parts_numbered_in_full_width_parentheses() {
        assert_eq!(missing_parts(&skeleton("（五）存在的主要问题及改进情况", "（六）其他需要报告的事项")), Vec::<String>::new());
    }

    /// Once said: 没有找到第六部分“其他需要报告的事项”.
    #[test]
    fn parts_five_and_six_merged_under_one_heading() {
        assert_eq!(missing_parts(&skeleton("五、存在的主要问题、改进情况及其他需要报告的事项", "")), Vec::<String>::new());
    }

    /// Once said: 没有找到第五部分 / 没有找到第六部分.
    #[test]
    fn other_wordings_of_parts_five_and_six() {
        for (five, six) in [
            ("五、存在的不足及改进措施", "六、其他事项"),
            ("五、政府信息公开工作存在的问题及下一步工作打算", "六、其他需要说明的事项"),
            ("五、存在的主要问题及整改情况", "六、其他需要报告的情况"),
        ] {
            assert_eq!(missing_parts(&skeleton(five, six)), Vec::<String>::new(), "{five} / {six}");
        }
    }

    /// Once said: four requests-outcome-total errors on a correct report ("「其他」多 1、
    /// 「商业企业」少 1 …"). With the subtotal after 其他, a row such as
    /// "（二）部分公开 4 1 0 0 0 0 1 5" fits both places a subtotal may stand; the checker tries
    /// "after 自然人" first, drops the 商业企业 value as the subtotal and reads the subtotal
    /// as 其他. The header says where 小计 stands, and so do the rows that fit one place only.
    #[test]
    fn a_legal_person_subtotal_column_after_the_five_kinds() {
        let doc = cat::city_bureau(cat::gen_2021(2023), "2024-01-25");
        let seen = expect::text(super::with_legal_person_subtotal(&doc.word(), true), &doc.truth);
        assert!(seen.input.contains("其他\t小计"));
        seen.cells().clean();
    }

    /// Once said: three missing-table errors ("有…部分的标题，但其下没有找到表二；表格缺失
    /// 不能当作全为 0"). The tables are there, as pictures, as many CMS pages publish them:
    /// the checker cannot read them, but must not call them left out.
    #[test]
    fn tables_published_as_images_are_not_missing() {
        let doc = cat::city_bureau(cat::gen_2021(2023), "2024-01-25");
        let mut html = build::html_page(&doc, "x");
        for n in 1..=3 {
            let start = html.find("<table").unwrap();
            let end = html[start..].find("</table>").unwrap() + start + "</table>".len();
            html.replace_range(start..end, &format!("<p style=\"text-align:center\"><img src=\"/uploads/2024/01/nb2023_{n}.png\" width=\"620\" height=\"860\" alt=\"\"/></p>"));
        }
        assert!(!html.contains("<table"));
        let c = nianbao::check_html(&html);
        let errors: Vec<&str> = c.findings.iter().filter(|f| f.severity == Severity::Error).map(|f| f.message.as_str()).collect();
        assert!(errors.is_empty(), "{errors:?}");
    }

    /// Once said: only cells-run-together warnings ("12 种可能的拆法都不能使表格关系相符，未读取
    /// 这些格（本行可能本身有误）"): no error. Every way of cutting "325001037" into the row's
    /// seven cells breaks its total, so the row is wrong whichever cut is right; the reader
    /// used to leave it unread, hiding the error the reviewer came for (issue 17).
    #[test]
    fn a_wrong_row_total_in_flattened_text() {
        // No cut of "325001037" satisfies the row. The cut that breaks the fewest of the
        // table's relations (its row total and the 总计 column's) is the one that reads the
        // misprinted total as printed, and the rules report it as an error on that cell.
        let mut t = cat::gen_2021(2023);
        build::misprint(&mut t, "requests.granted.total", "37");
        let c = check(&cat::city_bureau(t, "2024-01-25").crawler());
        let total = c.report.cell(truth::cell("requests.granted.total"));
        assert_eq!(total.and_then(|c| c.number()), Some(37.into()), "{:#?}", c.findings.iter().map(|f| &f.message).collect::<Vec<_>>());
        let named = c
            .findings
            .iter()
            .any(|f| f.severity == Severity::Error && f.primary_cells().any(|p| p == truth::cell("requests.granted.total")));
        assert!(named, "{:#?}", c.findings.iter().map(|f| (&f.rule, &f.message)).collect::<Vec<_>>());
        let noted = c.findings.iter().any(|f| {
            f.rule == "cells-run-together" && f.involves(truth::cell("requests.granted.total")) && f.message.contains("请对照原文核对")
        });
        assert!(noted, "the cut taken is named, and said to break the table");
    }

    /// Once said: year 2022, year-mismatch and late-publication ("发布日期 2024-01-20 晚于
    /// 2023-01-31 … 也已超过"). The title kept last year's number; the statistics period and
    /// the date both say the report is on 2023 and on time: only the title is wrong.
    #[test]
    fn a_title_with_last_years_number_does_not_make_the_report_late() {
        let text = report("某某局2022年政府信息公开工作年度报告", "2024-01-20", "五、存在的主要问题及改进情况", "六、其他需要报告的事项");
        assert!(text.contains("统计期限为2023年1月1日至2023年12月31日"));
        let c = check(&text);
        assert_eq!(rules(&c), vec!["year-mismatch"]);
        assert_eq!(c.report.year, Some(2023));
    }

    /// Once said: late-publication (发布日期 2024-03-20 晚于 2024-01-31 …), a warning on an
    /// on-time report: the title names a 区 itself (no department), so the report is the
    /// 本级政府's, whose deadline is 31 March (条例第四十九条).
    #[test]
    fn an_aggregate_report_published_in_march_is_on_time() {
        for (title, date) in [
            ("东湖区2023年政府信息公开工作年度报告", "2024-03-20"),
            ("东湖区人民政府2023年政府信息公开工作年度报告", "2024-02-26"),
            ("江西省南昌市2023年政府信息公开工作年度报告", "2024-03-29"),
        ] {
            let text = report(title, date, "五、存在的主要问题及改进情况", "六、其他需要报告的事项");
            assert_eq!(rules(&check(&text)), Vec::<&str>::new(), "{title} {date}");
        }
    }

    /// The township's report with its title and the page's metadata line replaced, and
    /// `above` (the site's path) printed above the title.
    fn page(title: &str, meta: &str, above: &str) -> String {
        let mut doc = cat::township(cat::township_tables());
        for b in doc.blocks.iter_mut() {
            match b {
                Block::Title(t) => *t = title.to_string(),
                Block::Meta(m) => *m = meta.to_string(),
                Block::Chrome(c) if c.starts_with("首页") => *c = above.to_string(),
                _ => {}
            }
        }
        doc.word()
    }

    /// Once said: late-publication (1 月 31 日) for a township, whose body was read as
    /// “沭阳县胡集镇人民政府生成日期”: the metadata line's next label ran into the name.
    #[test]
    fn a_labelled_body_followed_by_another_label() {
        let text = page(
            "2023年政府信息公开工作年度报告",
            "索引号：014-2024-0031　发布机构：沭阳县胡集镇人民政府　生成日期：2024-03-12",
            "首页 > 信息公开",
        );
        let c = check(&text);
        assert_eq!(c.report.body.as_deref(), Some("沭阳县胡集镇人民政府"));
        assert_eq!(c.report.published.as_ref().map(|d| d.value.to_string()).as_deref(), Some("2024-03-12"));
        assert_eq!(rules(&c), Vec::<&str>::new());
    }

    /// Once said: late-publication (1 月 31 日) for a county government published in March:
    /// the site's path above the title ("… > 政府信息公开年报 > 2023年度") was taken for the
    /// title, and so for the body.
    #[test]
    fn the_sites_path_above_the_title() {
        let title = "沭阳县人民政府2023年政府信息公开工作年度报告";
        let text = page(title, "发布时间：2024-03-12 09:36　来源：本站", "当前位置：首页 > 政府信息公开 > 政府信息公开年报 > 2023年度");
        let c = check(&text);
        assert_eq!(c.report.title.as_deref(), Some(title));
        assert_eq!(c.report.body.as_deref(), Some("沭阳县人民政府"));
        assert_eq!(rules(&c), Vec::<&str>::new());
    }

    /// Once said: late-publication (1 月 31 日) for a township: the body was read from a title
    /// with its year at the end, as “…人民政府政府信息公开工作年度报告(”.
    #[test]
    fn a_title_with_its_year_in_brackets_at_the_end() {
        let text =
            page("沭阳县胡集镇人民政府政府信息公开工作年度报告（2023年度）", "发布时间：2024-03-12 09:36　来源：本站", "首页 > 信息公开");
        let c = check(&text);
        assert_eq!(c.report.body.as_deref(), Some("沭阳县胡集镇人民政府"));
        assert_eq!(rules(&c), Vec::<&str>::new());
    }

    /// Once said: late-publication citing the 1 月 31 日 deadline of 县级以上人民政府部门; a
    /// 镇 is not one, and formats.md §9 says not to hard-code a deadline for townships.
    #[test]
    fn a_township_report_published_in_february() {
        let text =
            report("王集镇人民政府2023年政府信息公开工作年度报告", "2024-02-20", "五、存在的主要问题及改进情况", "六、其他需要报告的事项");
        assert_eq!(rules(&check(&text)), Vec::<&str>::new());
    }

    /// Once said: published 2023-01-19 (from the related-articles list) and year-mismatch.
    /// The page's own 发布日期 is 2024-01-20; "发布时间" is preferred to "发布日期" wherever it
    /// stands, so a list of other reports at the foot of the page wins.
    #[test]
    fn the_related_articles_list_does_not_date_the_report() {
        let text = format!(
            "{}相关文章\n· 某某局2022年政府信息公开工作年度报告　发布时间：2023-01-19\n· 某某局2021年政府信息公开工作年度报告　发布时间：2022-01-18\n",
            skeleton("五、存在的主要问题及改进情况", "六、其他需要报告的事项")
                .replace("发布时间：2024-01-20 09:36", "发布日期：2024-01-20")
        );
        let c = check(&text);
        assert_eq!(c.report.published.as_ref().map(|d| d.value.to_string()).as_deref(), Some("2024-01-20"));
        assert_eq!(rules(&c), Vec::<&str>::new());
    }

    /// Once said: published 2024-01-12, the second report's date.
    #[test]
    fn two_reports_pasted_take_the_first_ones_date() {
        let first = cat::city_bureau(cat::gen_2021(2023), "2024-01-25");
        let second = cat::township(cat::township_tables());
        let mut blocks = first.blocks.clone();
        blocks.extend(second.blocks.clone());
        let both = Doc { truth: first.truth.clone(), blocks };
        let c = check(&both.browser());
        assert_eq!(c.report.published.as_ref().map(|d| d.value.to_string()).as_deref(), Some("2024-01-25"));
    }

    /// Once said: body None.
    #[test]
    fn the_body_before_a_year_in_chinese_numerals() {
        let c = check("南平市住房和城乡建设局二〇二三年政府信息公开工作年度报告\n发布日期：2024-01-25\n");
        assert_eq!(c.report.body.as_deref(), Some("南平市住房和城乡建设局"));
    }

    /// Once said: title None (only the first 80 lines are searched).
    #[test]
    fn the_title_after_a_long_navigation_menu() {
        let nav: String = (1..=90).map(|i| format!("栏目{i}\n")).collect();
        let c = check(&format!("{nav}{}", skeleton("五、存在的主要问题及改进情况", "六、其他需要报告的事项")));
        assert_eq!(c.report.title.as_deref(), Some("某某局2023年政府信息公开工作年度报告"));
    }

    /// Once said: "表二缺少 1 行：行政事业性收费" — the row is there, with both cells empty
    /// (formats.md §8 O9, 武汉 2020).
    #[test]
    fn an_empty_fee_row_is_not_a_missing_row() {
        let doc = cat::hubei(cat::hubei_tables());
        let c = check(&doc.browser());
        let missing: Vec<&str> =
            c.findings.iter().filter(|f| f.rule == expect::known_rule("missing-table")).map(|f| f.message.as_str()).collect();
        assert!(missing.is_empty(), "{missing:?}");
    }

    /// Once said: 25 unreadable-cell warnings, 表三 entirely unread. `pdftotext -layout`
    /// keeps every value under its column; the header and the first and last columns show
    /// where 自然人 and 总计 stand.
    #[test]
    fn blank_legal_person_columns_in_pdf_layout() {
        // This rendering lists the header words apart from the columns, and every 表三 row has
        // only 自然人 and 总计: nothing tells which columns the two numbers stand in, so the
        // rows stay unread, with a warning each, and no number is guessed. (Real pdftotext
        // output keeps each header word above its column; the reader then places the numbers
        // by the header: src/parse/tables.rs, empty_columns_of_pdf_layout_text_are_read_by_the_header_words.)
        let doc = cat::department(cat::department_tables());
        let c = check(&doc.pdf());
        let np = c.report.cell(truth::cell("requests.new.natural_person"));
        assert!(np.is_some_and(|c| matches!(c.value, nianbao::model::Value::Unread(_))), "{np:?}");
        assert!(c.findings.iter().any(|f| f.rule == "unreadable-cell" && f.involves(truth::cell("requests.new.natural_person"))));
        assert!(c.findings.iter().all(|f| f.severity != Severity::Error), "no false error");
    }

    /// Once said: np blank, 商业企业 32, 科研机构 5, …, 总计 0 (every value one column to the
    /// right), and four false requests-outcome-total errors. The two lines are aligned for
    /// the eye (a CJK character two columns wide, as a monospace editor shows them); the
    /// second has no 总计.
    #[test]
    fn a_row_aligned_by_display_width_is_not_read_one_column_off() {
        let text = "   一、本年新收政府信息公开申请数量                                60        8        0        0        2        1       71\n   （一）予以公开                                                  32        5        0        0        1        0\n";
        let c = check(text);
        let np = c.report.cell(truth::cell("requests.granted.natural_person"));
        let commercial = c.report.cell(truth::cell("requests.granted.commercial"));
        // Either read right or left unread; never 32 as 商业企业.
        assert!(commercial.and_then(|c| c.number()).is_none_or(|n| n.to_i64() == Some(5)), "{np:?} {commercial:?}");
    }

    /// Once said: no finding. Part 一 says 72 applications were received; 表三 says 68
    /// (formats.md §8 O2; TX-1 of §3.5).
    #[test]
    fn prose_contradicting_the_table() {
        let doc = cat::city_bureau(cat::gen_2021(2023), "2024-01-25")
            .para_before_table(Table::Requests, "2023年，本局共收到政府信息公开申请72件，上年结转4件，均已按时办结。");
        let c = check(&doc.word());
        assert!(!rules(&c).is_empty());
    }

    /// Once said: requests-outcome-total on （七）总计 自然人 and 商业企业 as primary. But
    /// 一 + 二 = （七） + 四 holds in both columns, which confirms those totals: the misplaced
    /// application is in one of the outcome rows, not in （七）总计.
    #[test]
    fn a_misclassified_application_is_not_blamed_on_the_totals() {
        let mut t = cat::gen_2021(2023);
        build::misprint(&mut t, "requests.granted.natural_person", "33");
        build::misprint(&mut t, "requests.granted.commercial", "4");
        let doc = cat::city_bureau(t, "2024-01-25");
        let c = check(&doc.word());
        for f in c.findings.iter().filter(|f| f.severity == Severity::Error) {
            assert!(f.primary_cells().all(|k| !k.to_string().starts_with("requests.total.")), "{}: {:?}", f.message, f.cells);
        }
    }
}
