//! The wording of every finding, in one place.
//!
//! Each message is one line of plain Chinese that a reviewer understands without knowing the
//! rule ids, and it carries the numbers: what the relation says, what the parts add up to,
//! what the table shows, and the difference.

use super::decimal::Decimal;
use super::finding::{Deadline, Fact, Hint, Line, Other, Relation, SkippedCheck};
use super::report::{Claimed, MixedFormat, Settlement, UnreadReason};
use super::template::{CellKey, Format, Part, ProactiveCol};

/// Formats the message of a finding with `fact`, for a report in `format`.
pub fn render(fact: &Fact, format: Format) -> String {
    match fact {
        Fact::Sum { relation, parts, expected, actual, hint } => {
            let diff = expected.checked_sub(*actual).map(Decimal::abs).unwrap_or(Decimal::ZERO);
            let basis = match relation {
                Relation::OutcomeTotal(_) => "各办理结果之和".to_string(),
                _ => join_sum(parts),
            };
            format!(
                "{}：{}应为 {expected}（{basis}），表中为 {actual}，相差 {diff}{}",
                relation_place(*relation),
                relation_total_name(*relation),
                hint_text(hint.as_ref(), format)
            )
        }
        Fact::Balance { col, new, carried_over, total, carried_forward, hint } => {
            let left = new.checked_add(*carried_over).unwrap_or(Decimal::ZERO);
            let right = total.checked_add(*carried_forward).unwrap_or(Decimal::ZERO);
            let diff = left.checked_sub(right).map(Decimal::abs).unwrap_or(Decimal::ZERO);
            format!(
                "表三「{}」列：本年新收 {new} + 上年结转 {carried_over} = {left}，应等于办理结果总计 {total} + 结转下年度 {carried_forward} = {right}，相差 {diff}{}",
                col.label(),
                hint_text(hint.as_ref(), format)
            )
        }
        Fact::BlankOperand { relation, blanks, total, parts_sum } => {
            let names = blank_names(*relation, blanks);
            match (relation, total) {
                (Relation::Balance(_), _) => format!(
                    "{}：{names}为空白，无法核对“本年新收 + 上年结转 = 办理结果总计 + 结转下年度”（空白不等于 0）",
                    relation_place(*relation)
                ),
                (_, None) => format!(
                    "{}：{}为空白，而{}合计为 {parts_sum}，无法核对（空白不等于 0，请填写数字）",
                    relation_place(*relation),
                    relation_total_name(*relation),
                    relation_parts_name(*relation)
                ),
                (_, Some(total)) => format!(
                    "{}：{names}为空白，{}为 {total}，无法核对（空白不等于 0，请填写数字）",
                    relation_place(*relation),
                    relation_total_name(*relation)
                ),
            }
        }
        Fact::BlankLine { relations, blanks } => blank_line(relations, blanks),
        Fact::Negative { cell, value } => {
            format!("{}为 {value}：此格不应为负数", cell.describe(format))
        }
        Fact::Fractional { cell, value } => {
            format!("{}为 {value}：件数应为整数", cell.describe(format))
        }
        Fact::Unreadable { cell, raw, reason } => match reason {
            UnreadReason::NotANumber => {
                format!("{}的内容“{}”不是数字，未能读取", cell.describe(format), clip(raw))
            }
            UnreadReason::RunTogether => {
                format!("{}的数字与相邻格连在一起，无法确定如何拆分，未读取", cell.describe(format))
            }
            UnreadReason::RowIncomplete => {
                format!("{}：该行数字少于列数，无法确定此格的值，未读取", cell.describe(format))
            }
            UnreadReason::OrderLost => {
                format!("{}：表格的数字在复制时失去了原来的顺序，无法确定此格的值，未读取", cell.describe(format))
            }
        },
        Fact::OrderLost { table } => format!(
            "{}的数字在复制时失去了原来的顺序（数字之间夹着表头的文字，或几行的数字连在一处，常见于从 PDF 阅读器按阅读顺序复制的文字），无法按顺序确定每个数字属于哪一格，这些格未读取；请从原网页或 Word 复制，或用保留版面的方式从 PDF 复制",
            table.short_name()
        ),
        Fact::RowIncomplete { found, expected, raw } if found < expected => {
            format!("该行有 {expected} 列，只读到 {found} 个数字（“{}”），无法确定哪一列缺数；只读取了能确定的格", clip(raw))
        }
        Fact::RowIncomplete { found, expected, raw } => {
            format!("该行有 {expected} 列，却读到 {found} 个数字（“{}”），无法确定对应关系，未读取", clip(raw))
        }
        Fact::TableMissing { table, image: true, .. } => {
            format!("“{}”部分的{}似乎是图片，无法读取其中的数字，请对照原表人工核对", part_title(table.part()), table.short_name())
        }
        Fact::TableMissing { table, heading_present, image: false } => {
            if *heading_present {
                format!("有“{}”部分的标题，但其下没有找到{}；表格缺失不能当作全为 0", table.part().label(), table.short_name())
            } else {
                format!("没有找到{}（{}）", table.short_name(), table.label())
            }
        }
        Fact::TableBlank { table, cells } => format!(
            "{}的 {cells} 个格都是空白，没有一个数字：表格似乎没有填写（空白不等于 0，其中的勾稽关系都无法核对）",
            table.short_name()
        ),
        Fact::RowsMissing { table, rows } => {
            format!("{}缺少 {} 行：{}", table.short_name(), rows.len(), rows.join("、"))
        }
        Fact::SectionMissing { part } => {
            format!("没有找到第{}部分“{}”", part_numeral(*part), part_title(*part))
        }
        Fact::FormatMismatch { year, found, expected } => {
            format!("这是 {year} 年度的报告，应使用{}，但表格使用的是{}", expected.notice(), found.notice())
        }
        Fact::FormatMixed { mixed } => match mixed {
            MixedFormat::SingleOtherRowIn2021 => {
                "表三按 2021 年版格式填写，但“（六）其他处理”只有一行，缺少 2021 年版的三个子项（1.逾期不补正、2.逾期未缴费、3.其他）"
                    .to_string()
            }
            MixedFormat::OtherSubRowsIn2019 => "表三按 2019 年版格式填写，却出现了 2021 年版“（六）其他处理”的三个子项".to_string(),
            MixedFormat::TablesDisagree { proactive, requests } => {
                format!("表二使用{}，表三使用{}，两表格式不一致", proactive.notice(), requests.notice())
            }
        },
        Fact::RunTogetherSplit { raw, values, splits, settled_by } => {
            let joined: Vec<String> = values.iter().map(ToString::to_string).collect();
            let why = match settled_by {
                Settlement::Unique => "这是唯一可能的拆法".to_string(),
                Settlement::RowRelation => format!("在 {splits} 种可能的拆法中，只有这一种使本行总计相符"),
                Settlement::ColumnRelations => {
                    format!("在 {splits} 种可能的拆法中，只有这一种既使本行总计相符，又使各列的办理结果总计与结转关系相符")
                }
                Settlement::FewestBroken { broken } => format!(
                    "{splits} 种可能的拆法都不能使表格的勾稽关系全部相符，这种拆法不相符之处最少（{broken} 处），其余拆法都更多；请对照原文核对本行"
                ),
            };
            format!("数字连在一起（“{}”），已拆分为 {}：{why}", clip(raw), joined.join("、"))
        }
        Fact::RunTogetherAmbiguous { raw, splits, fitting, traceless_blanks } => {
            if *traceless_blanks {
                format!(
                    "数字连在一起（“{}”），{}；表中别的行数字少于列数，可见空白格在连写时不留痕迹，这一行也可能有空白格，无法确定，未读取这些格",
                    clip(raw),
                    if *splits <= 1 { "表面上只有一种拆法".to_string() } else { format!("有 {splits} 种可能的拆法") }
                )
            } else if *splits <= 1 {
                format!("数字连在一起（“{}”），表面上只有一种拆法，但连写时空白格不留痕迹，无法确定，未读取这些格", clip(raw))
            } else if *splits >= crate::parse::runs::MAX_SPLITS {
                format!("数字连在一起（“{}”），可能的拆法太多，无法确定，未读取这些格", clip(raw))
            } else if *fitting == 0 {
                format!("数字连在一起（“{}”），有 {splits} 种可能的拆法，无法确定是哪一种，未读取这些格", clip(raw))
            } else {
                format!("数字连在一起（“{}”），有 {fitting} 种拆法都说得通，无法确定，未读取这些格", clip(raw))
            }
        }
        Fact::RunTogetherInconsistent { rows, broken, complete } => {
            let listed: Vec<String> = rows
                .iter()
                .map(|row| {
                    let name = match row.cells.first() {
                        Some(CellKey::Requests(r, _)) => format!("「{}」", r.short_label()),
                        Some(key) => key.table().short_name().to_string(),
                        None => String::new(),
                    };
                    let cuts: Vec<String> =
                        row.cuts.iter().map(|cut| cut.iter().map(ToString::to_string).collect::<Vec<_>>().join("、")).collect();
                    format!("{name}“{}”可拆为 {}", clip(&row.raw), cuts.join(" 或 "))
                })
                .collect();
            if rows.iter().all(|r| r.cuts.is_empty()) {
                let raws: Vec<String> = rows.iter().map(|r| format!("“{}”", clip(&r.raw))).collect();
                return format!(
                    "数字连在一起（{}），无论怎样拆分，表格的勾稽关系都不能全部相符（本表有误，每种拆法至少 {broken} 处不相符）；可能的拆法太多，无法确定取哪一种，未读取这些格，请对照原文核对",
                    raws.join("、")
                );
            }
            format!(
                "数字连在一起，无论怎样拆分，表格的勾稽关系都不能全部相符（本表有误）；以下{}拆法同样各有 {broken} 处不相符，无法确定取哪一种：{}；未读取这些格，请对照原文核对",
                if *complete { "" } else { "等" },
                listed.join("；")
            )
        }
        Fact::RunTogetherObvious { table, rows, example } => {
            format!("{}有 {rows} 行的数字连在一起（如“{}”），每行只有一种拆法，已按此读取", table.short_name(), clip(example))
        }
        Fact::LatePublication { published, year, deadline: Deadline::Departments } => format!(
            "发布日期 {published} 晚于 {}-01-31：县级以上人民政府部门应在 1 月 31 日前公布上一年度报告（本级人民政府的汇总报告期限为 3 月 31 日{}）",
            year + 1,
            if published.month > 3 || (published.year > year + 1) { "，也已超过" } else { "，如为汇总报告则未超期" }
        ),
        Fact::LatePublication { published, year, deadline: Deadline::Government } => {
            format!("发布日期 {published} 晚于 {}-03-31：本级人民政府应在 3 月 31 日前公布上一年度的政府信息公开工作年度报告", year + 1)
        }
        Fact::MetadataUnknown { year, published, body, unchecked } => metadata_unknown(*year, *published, *body, unchecked),
        Fact::YearMismatch { title, period, published } => {
            let mut parts = Vec::new();
            if let Some(y) = title {
                parts.push(format!("标题为 {y} 年"));
            }
            if let Some(y) = period {
                parts.push(format!("统计期限为 {y} 年"));
            }
            if let Some(d) = published {
                parts.push(format!("发布日期为 {d}"));
            }
            format!("年份不一致：{}", parts.join("，"))
        }
        Fact::ItemsNegative { row, previous, change } => {
            let sum = previous.checked_add(*change).unwrap_or(Decimal::ZERO);
            let (row_label, _) = super::template::proactive_labels(format, *row, ProactiveCol::PreviousItems);
            format!("表二「{row_label}」：上一年项目数量 {previous} 加本年增/减 {change} 为 {sum}，项目数量不可能为负")
        }
        Fact::ProseMismatch { what, quote, stated, table, .. } => {
            let (where_, in_table) = match what {
                Claimed::NewRequests => ("表三“本年新收政府信息公开申请数量”的总计", "件"),
                Claimed::CarriedOver => ("表三“上年结转政府信息公开申请数量”的总计", "件"),
                Claimed::Reviews => ("表四行政复议的总计", "件"),
                Claimed::Suits => ("表四行政诉讼两组总计之和", "件"),
            };
            format!(
                "正文说“{}”，而{where_}为 {table} {in_table}，两者相差 {}：请核对（正文的数字也可能只指本机关的一部分）",
                clip(quote),
                stated.checked_sub(*table).map(Decimal::abs).unwrap_or(Decimal::ZERO)
            )
        }
        Fact::UnitMissing { raw } => format!("表二「政府集中采购」的采购总金额“{}”没有写单位（元或万元），金额无法比较", clip(raw)),
        Fact::CarryOver { other, columns } => {
            let here: Vec<String> = columns.iter().map(|(col, this, _)| format!("「{}」为 {this}", col.label())).collect();
            let there: Vec<String> = columns.iter().map(|(col, _, that)| format!("「{}」为 {that}", col.label())).collect();
            format!(
                "表三「二、上年结转政府信息公开申请数量」应等于{}表三的「四、结转下年度继续办理」：本报告{}，该报告{}",
                other_report(other),
                here.join("、"),
                there.join("、")
            )
        }
        Fact::InForce { other, row, previous, issued, repealed, in_force } => {
            let expected = previous.checked_add(*issued).and_then(|s| s.checked_sub(*repealed)).unwrap_or(Decimal::ZERO);
            let diff = in_force.checked_sub(expected).map(Decimal::abs).unwrap_or(Decimal::ZERO);
            let (row_label, _) = super::template::proactive_labels(format, *row, ProactiveCol::InForce);
            format!(
                "表二「{row_label}」现行有效件数为 {in_force}，而{}的现行有效件数 {previous} 加本年制发 {issued}、减本年废止 {repealed} 为 {expected}，相差 {diff}（修订、失效等情况也可能使两者不等，请核实）",
                other_report(other)
            )
        }
        Fact::PreviousItems { other, row, before, change, previous_items } => {
            let expected = before.checked_add(*change).unwrap_or(Decimal::ZERO);
            let diff = previous_items.checked_sub(expected).map(Decimal::abs).unwrap_or(Decimal::ZERO);
            let (row_label, _) = super::template::proactive_labels(format, *row, ProactiveCol::PreviousItems);
            format!(
                "表二「{row_label}」上一年项目数量为 {previous_items}，而{}的上一年项目数量 {before} 加本年增/减 {change} 为 {expected}，相差 {diff}",
                other_report(other)
            )
        }
        Fact::SameAsPreviousYear { other, tables, numbers } => {
            let names: Vec<&str> = tables.iter().map(|t| t.short_name()).collect();
            format!(
                "{}的数字与{}完全相同（其中 {numbers} 个数字不为 0），可能沿用了上一年度的数据，请核实",
                names.join("、"),
                other_report(other)
            )
        }
        Fact::DuplicateReport { other, more, identical } => {
            let name = clip(last_part(&other.name));
            let others = if *more > 0 { format!("“{name}”等 {} 份报告", more + 1) } else { format!("一份报告“{name}”") };
            let body = other.body.as_ref().map(|b| format!("（机关写作“{}”）", clip(b))).unwrap_or_default();
            if *identical {
                format!("同一机关 {} 年度还有{others}{body}，表格数字完全相同（可能是同一份报告打开了两次）", other.year)
            } else {
                format!(
                    "同一机关 {} 年度还有{others}{body}，表格数字不同：请确认以哪一份为准（下一年度报告与本年度的衔接因此未核对）",
                    other.year
                )
            }
        }
    }
}

/// The other report of a finding across reports, as a message names it: its year, its
/// name (a path's last part), and its body when written differently from this report's.
fn other_report(other: &Other) -> String {
    let body = other.body.as_ref().map(|b| format!("（机关写作“{}”）", clip(b))).unwrap_or_default();
    format!(" {} 年度报告“{}”{body}", other.year, clip(last_part(&other.name)))
}

/// The last part of a path ("年报/2023/x.txt" → "x.txt"), or the whole name.
fn last_part(name: &str) -> &str {
    name.rsplit(['/', '\\']).find(|part| !part.is_empty()).unwrap_or(name)
}

/// "258 + 12 + 0" for the parts of a short sum.
fn join_sum(parts: &[Decimal]) -> String {
    let parts: Vec<String> = parts.iter().map(ToString::to_string).collect();
    parts.join("+")
}

/// Where the relation sits, as the message's lead.
fn relation_place(relation: Relation) -> String {
    match relation {
        Relation::RowTotal(row) => format!("表三「{}」行", row.short_label()),
        Relation::OutcomeTotal(col) | Relation::Balance(col) => format!("表三「{}」列", col.label()),
        Relation::AppealsTotal(row) => format!("表四{}", row.short_label()),
    }
}

fn relation_total_name(relation: Relation) -> &'static str {
    match relation {
        Relation::RowTotal(_) | Relation::AppealsTotal(_) => "总计",
        Relation::OutcomeTotal(_) => "（七）总计",
        Relation::Balance(_) => "办理结果总计 + 结转下年度",
    }
}

fn relation_parts_name(relation: Relation) -> &'static str {
    match relation {
        Relation::RowTotal(_) => "各申请人类型",
        Relation::OutcomeTotal(_) => "各办理结果",
        Relation::AppealsTotal(_) => "结果维持、结果纠正、其他结果、尚未审结",
        Relation::Balance(_) => "本年新收 + 上年结转",
    }
}

/// A line (a column across rows, a row across columns) blank in many relations of one kind.
fn blank_line(relations: &[Relation], blanks: &[CellKey]) -> String {
    let Some(first) = relations.first() else { return String::new() };
    let n = relations.len();
    let mut lines: Vec<String> = Vec::new();
    for name in blanks.iter().filter_map(|cell| first.line_of(*cell).map(Line::label)) {
        if !lines.contains(&name) {
            lines.push(name);
        }
    }
    let lines: String = lines.iter().map(|l| format!("「{l}」")).collect();
    let examples = |names: Vec<String>| {
        let shown: String = names.iter().take(2).map(|l| format!("「{l}」")).collect();
        if names.len() > 2 { format!("{shown}等") } else { shown }
    };
    let fill = "（空白不等于 0，请填写数字，没有的填 0）";
    match first {
        Relation::RowTotal(_) => {
            let rows = examples(
                relations
                    .iter()
                    .filter_map(|r| match r {
                        Relation::RowTotal(row) => Some(row.short_label().to_string()),
                        _ => None,
                    })
                    .collect(),
            );
            format!("表三{lines}列在 {n} 行中为空白（{rows}），这些行的总计都无法核对{fill}")
        }
        Relation::OutcomeTotal(_) => format!("表三{lines}行在 {n} 列中为空白，这些列的（七）总计都无法核对{fill}"),
        Relation::Balance(_) => {
            format!("表三{lines}行在 {n} 列中为空白，这些列的“本年新收 + 上年结转 = 办理结果总计 + 结转下年度”都无法核对{fill}")
        }
        Relation::AppealsTotal(_) => format!("表四{lines}在 {n} 组中为空白，这些组的总计都无法核对{fill}"),
    }
}

/// Names the blank cells of a relation the way the relation reads: columns of a row, rows of
/// a column.
fn blank_names(relation: Relation, blanks: &[CellKey]) -> String {
    let names: Vec<String> = blanks
        .iter()
        .map(|cell| relation.line_of(*cell).map(Line::label).map_or_else(|| cell.to_string(), |name| format!("「{name}」")))
        .collect();
    if names.len() > 4 { format!("{}等 {} 格", names[..3].join(""), names.len()) } else { names.join("") }
}

fn hint_text(hint: Option<&Hint>, format: Format) -> String {
    match hint {
        None => String::new(),
        Some(Hint::Crossing(cell)) => {
            format!("；所在的行和列都对不上，两者交汇于{}，最可能是这一格有误", cell.describe(format))
        }
        Some(Hint::Misclassified { row: Some(row), over, under, by }) => format!(
            "；「{}」多 {by}、「{}」少 {by}，而总计列相符：可能是「{}」行有 {by} 件申请计入了「{}」列，应计入「{}」列",
            over.label(),
            under.label(),
            row.short_label(),
            over.label(),
            under.label()
        ),
        Some(Hint::Misclassified { row: None, over, under, by }) => format!(
            "；「{}」多 {by}、「{}」少 {by}，而总计列相符：可能有 {by} 件申请计入了错误的列（无法确定是哪一行）",
            over.label(),
            under.label()
        ),
        Some(Hint::SplitCell { first, second, joined }) => format!(
            "；相邻的「{}」与「{}」两格连起来是 {joined}，正好相符：可能是一格数字被拆成了两格（PDF 复制常见）",
            col_name(*first),
            col_name(*second)
        ),
    }
}

fn col_name(cell: CellKey) -> &'static str {
    match cell {
        CellKey::Requests(_, col) => col.label(),
        CellKey::Appeals(_, col) => col.label(),
        CellKey::Proactive(_, col) => col.label(),
    }
}

fn part_numeral(part: Part) -> &'static str {
    match part {
        Part::Overview => "一",
        Part::Proactive => "二",
        Part::Requests => "三",
        Part::Appeals => "四",
        Part::Problems => "五",
        Part::Other => "六",
    }
}

/// The part's heading without its numeral.
fn part_title(part: Part) -> &'static str {
    let label = part.label();
    label.split_once('、').map(|(_, title)| title).unwrap_or(label)
}

/// Shortens quoted input so a message stays one line.
fn clip(raw: &str) -> String {
    let one_line: String = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut chars = one_line.chars();
    let head: String = chars.by_ref().take(40).collect();
    if chars.next().is_some() { format!("{head}…") } else { head }
}

/// "未能识别报告年度、发布日期和发布机关，以下检查因此未能进行：“格式版本不符”“年份不一致”
/// “发布时间晚于期限”"; for an unknown body alone, the deadline the check assumed.
fn metadata_unknown(year: bool, published: bool, body: bool, unchecked: &[SkippedCheck]) -> String {
    let missing: Vec<&str> =
        [(year, "报告年度"), (published, "发布日期"), (body, "发布机关")].iter().filter(|(m, _)| *m).map(|(_, w)| *w).collect();
    let mut out = format!("未能识别{}", join_and(&missing));
    let undone: Vec<String> =
        unchecked.iter().filter(|u| **u != SkippedCheck::DeadlineAssumed).map(|u| format!("“{}”", u.rule_title())).collect();
    if !undone.is_empty() {
        out.push_str(&format!("，以下检查因此未能进行：{}", undone.join("")));
    }
    if unchecked.contains(&SkippedCheck::DeadlineAssumed) {
        out.push_str(&format!(
            "，无法判断报告机关的层级：“{}”按县级以上人民政府部门的 1 月 31 日期限检查（本级政府的报告期限为 3 月 31 日，乡镇、街道没有规定期限）",
            SkippedCheck::DeadlineAssumed.rule_title()
        ));
    }
    out
}

/// "甲", "甲和乙", "甲、乙和丙".
fn join_and(words: &[&str]) -> String {
    match words {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{}和{last}", rest.join("、")),
    }
}
