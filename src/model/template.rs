//! The official tables, as the State Council's two formats draw them.
//!
//! This is the one place where the official Chinese labels live. Everything else names
//! tables, rows and columns by the typed keys defined here; their ASCII `key()`s are the
//! naming scheme of `report-json.md` (`requests.new.total`), their `label()`s are what the
//! template prints. The layouts (which rows and columns a format has, how the 表二 blocks
//! are grouped, how 表三 nests its outcome rows) are data here too, so that the reader,
//! the rules and the UI all follow the same definition.

use std::fmt;

/// Defines a fieldless enum whose variants carry an ASCII key and an official label.
macro_rules! keyed_enum {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $key:literal, $label:literal;)* }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name { $($(#[$vmeta])* $variant),* }

        impl $name {
            /// Every variant, in the order the official table reads.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The ASCII key used in cell names and JSON.
            pub fn key(self) -> &'static str {
                match self { $($name::$variant => $key),* }
            }

            /// The official label (for rows and columns whose label differs between the
            /// formats, the 2021 one; see the format-specific layouts).
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),* }
            }

            /// The variant with this ASCII key.
            pub fn from_key(key: &str) -> Option<Self> {
                match key { $($key => Some($name::$variant),)* _ => None }
            }
        }
    };
}

/// The two official formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// 国办公开办函〔2019〕60号, the trial format, for reports on 2019 and 2020.
    V2019,
    /// 国办公开办函〔2021〕30号, for reports on 2021 onward.
    V2021,
}

impl Format {
    /// The JSON value: `"2019"` or `"2021"`.
    pub fn key(self) -> &'static str {
        match self {
            Format::V2019 => "2019",
            Format::V2021 => "2021",
        }
    }

    /// The format a report on `year` must use.
    pub fn for_year(year: i32) -> Format {
        if year <= 2020 { Format::V2019 } else { Format::V2021 }
    }

    /// The notice that fixed the format, as a reviewer would cite it.
    pub fn notice(self) -> &'static str {
        match self {
            Format::V2019 => "2019年版格式（国办公开办函〔2019〕60号）",
            Format::V2021 => "2021年版格式（国办公开办函〔2021〕30号）",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

keyed_enum! {
    /// The three tables of a report, named after the part that holds them.
    pub enum Table {
        Proactive = "proactive", "主动公开政府信息情况";
        Requests = "requests", "收到和处理政府信息公开申请情况";
        Appeals = "appeals", "政府信息公开行政复议、行政诉讼情况";
    }
}

impl Table {
    /// The number of the report part that holds the table (二, 三, 四).
    pub fn part(self) -> Part {
        match self {
            Table::Proactive => Part::Proactive,
            Table::Requests => Part::Requests,
            Table::Appeals => Part::Appeals,
        }
    }

    /// How reviewers refer to the table: 表二, 表三, 表四.
    pub fn short_name(self) -> &'static str {
        match self {
            Table::Proactive => "表二",
            Table::Requests => "表三",
            Table::Appeals => "表四",
        }
    }
}

keyed_enum! {
    /// The six parts every report has, in both formats.
    pub enum Part {
        Overview = "overview", "一、总体情况";
        Proactive = "proactive", "二、主动公开政府信息情况";
        Requests = "requests", "三、收到和处理政府信息公开申请情况";
        Appeals = "appeals", "四、政府信息公开行政复议、行政诉讼情况";
        Problems = "problems", "五、存在的主要问题及改进情况";
        Other = "other", "六、其他需要报告的事项";
    }
}

keyed_enum! {
    /// Rows of 表二 in both formats (each format uses a subset; see [`proactive_layout`]).
    pub enum ProactiveRow {
        Regulations = "regulations", "规章";
        NormativeDocuments = "normative_documents", "行政规范性文件";
        Licensing = "licensing", "行政许可";
        OtherServices = "other_services", "其他对外管理服务事项";
        Penalty = "penalty", "行政处罚";
        Coercion = "coercion", "行政强制";
        Fees = "fees", "行政事业性收费";
        Procurement = "procurement", "政府集中采购";
    }
}

keyed_enum! {
    /// Columns of 表二 in both formats.
    pub enum ProactiveCol {
        Made = "made", "本年新制作数量";
        Published = "published", "本年新公开数量";
        TotalPublished = "total_published", "对外公开总数量";
        Issued = "issued", "本年制发件数";
        Repealed = "repealed", "本年废止件数";
        InForce = "in_force", "现行有效件数";
        PreviousItems = "previous_items", "上一年项目数量";
        Change = "change", "本年增/减";
        Decisions = "decisions", "本年处理决定数量";
        Items = "items", "采购项目数量";
        Amount = "amount", "本年收费金额（单位：万元）";
    }
}

keyed_enum! {
    /// Rows of 表三. `Other` is the single （六） row of the 2019 format; the 2021 format
    /// splits it into the three `Other…` rows that follow it.
    pub enum RequestRow {
        New = "new", "一、本年新收政府信息公开申请数量";
        CarriedOver = "carried_over", "二、上年结转政府信息公开申请数量";
        Granted = "granted", "（一）予以公开";
        PartiallyGranted = "partially_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）";
        DeniedStateSecret = "denied_state_secret", "1.属于国家秘密";
        DeniedProhibitedByLaw = "denied_prohibited_by_law", "2.其他法律行政法规禁止公开";
        DeniedThreeSafeties = "denied_three_safeties", "3.危及“三安全一稳定”";
        DeniedThirdParty = "denied_third_party", "4.保护第三方合法权益";
        DeniedInternalAffairs = "denied_internal_affairs", "5.属于三类内部事务信息";
        DeniedProcessInfo = "denied_process_info", "6.属于四类过程性信息";
        DeniedEnforcementCase = "denied_enforcement_case", "7.属于行政执法案卷";
        DeniedQueryMatter = "denied_query_matter", "8.属于行政查询事项";
        UnavailableNotHeld = "unavailable_not_held", "1.本机关不掌握相关政府信息";
        UnavailableNeedsCreation = "unavailable_needs_creation", "2.没有现成信息需要另行制作";
        UnavailableUnclear = "unavailable_unclear", "3.补正后申请内容仍不明确";
        RejectedPetition = "rejected_petition", "1.信访举报投诉类申请";
        RejectedDuplicate = "rejected_duplicate", "2.重复申请";
        RejectedPublication = "rejected_publication", "3.要求提供公开出版物";
        RejectedExcessive = "rejected_excessive", "4.无正当理由大量反复申请";
        RejectedConfirmation = "rejected_confirmation", "5.要求行政机关确认或重新出具已获取信息";
        Other = "other", "（六）其他处理";
        OtherNoCorrection = "other_no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请";
        OtherUnpaidFee = "other_unpaid_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请";
        OtherOther = "other_other", "3.其他";
        Total = "total", "（七）总计";
        CarriedForward = "carried_forward", "四、结转下年度继续办理";
    }
}

keyed_enum! {
    /// Columns of 表三: the applicant types and their total.
    pub enum RequestCol {
        NaturalPerson = "natural_person", "自然人";
        Commercial = "commercial", "商业企业";
        Research = "research", "科研机构";
        SocialWelfare = "social_welfare", "社会公益组织";
        LegalServices = "legal_services", "法律服务机构";
        OtherOrg = "other_org", "其他";
        Total = "total", "总计";
    }
}

keyed_enum! {
    /// Rows of 表四: the three groups of the single printed row.
    pub enum AppealRow {
        Review = "review", "行政复议";
        LitigationDirect = "litigation_direct", "行政诉讼·未经复议直接起诉";
        LitigationAfterReview = "litigation_after_review", "行政诉讼·复议后起诉";
    }
}

keyed_enum! {
    /// Columns of each 表四 group.
    pub enum AppealCol {
        Upheld = "upheld", "结果维持";
        Corrected = "corrected", "结果纠正";
        Other = "other", "其他结果";
        Pending = "pending", "尚未审结";
        Total = "total", "总计";
    }
}

impl AppealRow {
    /// The short label a reviewer reads in messages (the group heading of 表四).
    pub fn short_label(self) -> &'static str {
        match self {
            AppealRow::Review => "行政复议",
            AppealRow::LitigationDirect => "行政诉讼（未经复议直接起诉）",
            AppealRow::LitigationAfterReview => "行政诉讼（复议后起诉）",
        }
    }
}

impl RequestRow {
    /// The rows of 表三 in `format`, in reading order.
    pub fn rows_of(format: Format) -> &'static [RequestRow] {
        use RequestRow::*;
        const COMMON_HEAD: [RequestRow; 20] = [
            New,
            CarriedOver,
            Granted,
            PartiallyGranted,
            DeniedStateSecret,
            DeniedProhibitedByLaw,
            DeniedThreeSafeties,
            DeniedThirdParty,
            DeniedInternalAffairs,
            DeniedProcessInfo,
            DeniedEnforcementCase,
            DeniedQueryMatter,
            UnavailableNotHeld,
            UnavailableNeedsCreation,
            UnavailableUnclear,
            RejectedPetition,
            RejectedDuplicate,
            RejectedPublication,
            RejectedExcessive,
            RejectedConfirmation,
        ];
        const V2019: [RequestRow; 23] = {
            let mut rows = [New; 23];
            let mut i = 0;
            while i < 20 {
                rows[i] = COMMON_HEAD[i];
                i += 1;
            }
            rows[20] = Other;
            rows[21] = Total;
            rows[22] = CarriedForward;
            rows
        };
        const V2021: [RequestRow; 25] = {
            let mut rows = [New; 25];
            let mut i = 0;
            while i < 20 {
                rows[i] = COMMON_HEAD[i];
                i += 1;
            }
            rows[20] = OtherNoCorrection;
            rows[21] = OtherUnpaidFee;
            rows[22] = OtherOther;
            rows[23] = Total;
            rows[24] = CarriedForward;
            rows
        };
        match format {
            Format::V2019 => &V2019,
            Format::V2021 => &V2021,
        }
    }

    /// Whether the row is one of the outcomes that add up to （七）总计.
    pub fn is_outcome(self) -> bool {
        !matches!(self, RequestRow::New | RequestRow::CarriedOver | RequestRow::Total | RequestRow::CarriedForward)
    }

    /// The outcome group the row belongs to in the official layout, if any:
    /// （三）不予公开, （四）无法提供, （五）不予处理 or （六）其他处理.
    pub fn group(self) -> Option<RequestGroup> {
        use RequestRow::*;
        match self {
            DeniedStateSecret
            | DeniedProhibitedByLaw
            | DeniedThreeSafeties
            | DeniedThirdParty
            | DeniedInternalAffairs
            | DeniedProcessInfo
            | DeniedEnforcementCase
            | DeniedQueryMatter => Some(RequestGroup::Denied),
            UnavailableNotHeld | UnavailableNeedsCreation | UnavailableUnclear => Some(RequestGroup::Unavailable),
            RejectedPetition | RejectedDuplicate | RejectedPublication | RejectedExcessive | RejectedConfirmation => {
                Some(RequestGroup::Rejected)
            }
            OtherNoCorrection | OtherUnpaidFee | OtherOther => Some(RequestGroup::Other),
            _ => None,
        }
    }

    /// The label a reviewer reads in a message: the row label with its group, without the
    /// long parenthetical of （二）.
    pub fn short_label(self) -> String {
        match (self, self.group()) {
            (RequestRow::PartiallyGranted, _) => "（二）部分公开".to_string(),
            (row, Some(group)) => format!("{}{}", group.label(), row.label()),
            (row, None) => row.label().to_string(),
        }
    }

    /// Whether the row exists only in the 2021 format.
    pub fn only_2021(self) -> bool {
        matches!(self, RequestRow::OtherNoCorrection | RequestRow::OtherUnpaidFee | RequestRow::OtherOther)
    }
}

/// The outcome groups of 表三 whose header cell spans several rows and has no numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RequestGroup {
    Denied,
    Unavailable,
    Rejected,
    Other,
}

impl RequestGroup {
    pub fn label(self) -> &'static str {
        match self {
            RequestGroup::Denied => "（三）不予公开",
            RequestGroup::Unavailable => "（四）无法提供",
            RequestGroup::Rejected => "（五）不予处理",
            RequestGroup::Other => "（六）其他处理",
        }
    }
}

/// One block of 表二: a 第二十条 item with its column headings and rows.
#[derive(Debug)]
pub struct ProactiveBlock {
    /// The item of 第二十条, e.g. "第二十条第（一）项".
    pub heading: &'static str,
    /// The value columns with the label this format prints for them.
    pub columns: &'static [(ProactiveCol, &'static str)],
    /// The rows with the label this format prints for them.
    pub rows: &'static [(ProactiveRow, &'static str)],
}

/// The layout of 表二 in `format`: its blocks in reading order.
pub fn proactive_layout(format: Format) -> &'static [ProactiveBlock] {
    use ProactiveCol as C;
    use ProactiveRow as R;
    const V2021: &[ProactiveBlock] = &[
        ProactiveBlock {
            heading: "第二十条第（一）项",
            columns: &[(C::Issued, "本年制发件数"), (C::Repealed, "本年废止件数"), (C::InForce, "现行有效件数")],
            rows: &[(R::Regulations, "规章"), (R::NormativeDocuments, "行政规范性文件")],
        },
        ProactiveBlock {
            heading: "第二十条第（五）项",
            columns: &[(C::Decisions, "本年处理决定数量")],
            rows: &[(R::Licensing, "行政许可")],
        },
        ProactiveBlock {
            heading: "第二十条第（六）项",
            columns: &[(C::Decisions, "本年处理决定数量")],
            rows: &[(R::Penalty, "行政处罚"), (R::Coercion, "行政强制")],
        },
        ProactiveBlock {
            heading: "第二十条第（八）项",
            columns: &[(C::Amount, "本年收费金额（单位：万元）")],
            rows: &[(R::Fees, "行政事业性收费")],
        },
    ];
    const V2019: &[ProactiveBlock] = &[
        ProactiveBlock {
            heading: "第二十条第（一）项",
            columns: &[(C::Made, "本年新制作数量"), (C::Published, "本年新公开数量"), (C::TotalPublished, "对外公开总数量")],
            rows: &[(R::Regulations, "规章"), (R::NormativeDocuments, "规范性文件")],
        },
        ProactiveBlock {
            heading: "第二十条第（五）项",
            columns: &[(C::PreviousItems, "上一年项目数量"), (C::Change, "本年增/减"), (C::Decisions, "处理决定数量")],
            rows: &[(R::Licensing, "行政许可"), (R::OtherServices, "其他对外管理服务事项")],
        },
        ProactiveBlock {
            heading: "第二十条第（六）项",
            columns: &[(C::PreviousItems, "上一年项目数量"), (C::Change, "本年增/减"), (C::Decisions, "处理决定数量")],
            rows: &[(R::Penalty, "行政处罚"), (R::Coercion, "行政强制")],
        },
        ProactiveBlock {
            heading: "第二十条第（八）项",
            columns: &[(C::PreviousItems, "上一年项目数量"), (C::Change, "本年增/减")],
            rows: &[(R::Fees, "行政事业性收费")],
        },
        ProactiveBlock {
            heading: "第二十条第（九）项",
            columns: &[(C::Items, "采购项目数量"), (C::Amount, "采购总金额")],
            rows: &[(R::Procurement, "政府集中采购")],
        },
    ];
    match format {
        Format::V2019 => V2019,
        Format::V2021 => V2021,
    }
}

/// The block of 表二 that holds `row` in `format`, if the format has the row.
pub fn proactive_block(format: Format, row: ProactiveRow) -> Option<&'static ProactiveBlock> {
    proactive_layout(format).iter().find(|block| block.rows.iter().any(|(r, _)| *r == row))
}

/// Header texts of the official layout that name no cell (formats.md §3.2, §3.3, §3.4): the
/// UI draws them, and they stay here with every other official label.
pub mod heading {
    pub const REQUESTS_NOTE: &str = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";
    pub const APPLICANTS: &str = "申请人情况";
    pub const ORGANISATIONS: &str = "法人或其他组织";
    pub const OUTCOMES: &str = "三、本年度办理结果";
    pub const REVIEW: &str = "行政复议";
    pub const LITIGATION: &str = "行政诉讼";
    pub const LITIGATION_DIRECT: &str = "未经复议直接起诉";
    pub const LITIGATION_AFTER_REVIEW: &str = "复议后起诉";
    pub const CONTENT: &str = "信息内容";
}

/// What kind of number a cell holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueKind {
    /// A whole number ≥ 0 (applications, documents, decisions, items).
    Count,
    /// A whole number that may be negative: the 2019 表二 本年增/减.
    SignedCount,
    /// Money in 万元, with decimals.
    Amount,
}

/// Names one cell of one table: `TABLE.ROW.COL` in the JSON naming scheme.
///
/// The derived order is the reading order of the report: 表二, 表三, 表四, each row by row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CellKey {
    Proactive(ProactiveRow, ProactiveCol),
    Requests(RequestRow, RequestCol),
    Appeals(AppealRow, AppealCol),
}

impl CellKey {
    /// How many distinct cells there are in both formats together: the size of a table
    /// indexed by [`CellKey::index`].
    pub const COUNT: usize = ProactiveRow::ALL.len() * ProactiveCol::ALL.len()
        + RequestRow::ALL.len() * RequestCol::ALL.len()
        + AppealRow::ALL.len() * AppealCol::ALL.len();

    /// A dense index below [`CellKey::COUNT`], in reading order, for lookup tables.
    pub fn index(self) -> usize {
        let proactive = ProactiveRow::ALL.len() * ProactiveCol::ALL.len();
        let requests = RequestRow::ALL.len() * RequestCol::ALL.len();
        match self {
            CellKey::Proactive(r, c) => r as usize * ProactiveCol::ALL.len() + c as usize,
            CellKey::Requests(r, c) => proactive + r as usize * RequestCol::ALL.len() + c as usize,
            CellKey::Appeals(r, c) => proactive + requests + r as usize * AppealCol::ALL.len() + c as usize,
        }
    }

    pub fn table(self) -> Table {
        match self {
            CellKey::Proactive(..) => Table::Proactive,
            CellKey::Requests(..) => Table::Requests,
            CellKey::Appeals(..) => Table::Appeals,
        }
    }

    /// The ASCII keys of the row and the column.
    pub fn row_key(self) -> &'static str {
        match self {
            CellKey::Proactive(r, _) => r.key(),
            CellKey::Requests(r, _) => r.key(),
            CellKey::Appeals(r, _) => r.key(),
        }
    }

    pub fn col_key(self) -> &'static str {
        match self {
            CellKey::Proactive(_, c) => c.key(),
            CellKey::Requests(_, c) => c.key(),
            CellKey::Appeals(_, c) => c.key(),
        }
    }

    /// What the cell holds.
    pub fn kind(self, format: Format) -> ValueKind {
        match self {
            CellKey::Proactive(_, ProactiveCol::Amount) => ValueKind::Amount,
            CellKey::Proactive(_, ProactiveCol::Change) if format == Format::V2019 => ValueKind::SignedCount,
            _ => ValueKind::Count,
        }
    }

    /// Parses a cell name such as `requests.new.total`.
    pub fn parse(name: &str) -> Option<CellKey> {
        let mut parts = name.split('.');
        let (table, row, col) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() {
            return None;
        }
        match Table::from_key(table)? {
            Table::Proactive => Some(CellKey::Proactive(ProactiveRow::from_key(row)?, ProactiveCol::from_key(col)?)),
            Table::Requests => Some(CellKey::Requests(RequestRow::from_key(row)?, RequestCol::from_key(col)?)),
            Table::Appeals => Some(CellKey::Appeals(AppealRow::from_key(row)?, AppealCol::from_key(col)?)),
        }
    }

    /// How a reviewer names the cell in Chinese, e.g. 表三「（一）予以公开」行「自然人」列.
    pub fn describe(self, format: Format) -> String {
        match self {
            CellKey::Proactive(row, col) => {
                let (row_label, col_label) = proactive_labels(format, row, col);
                format!("表二「{row_label}」行「{col_label}」列")
            }
            CellKey::Requests(row, col) => format!("表三「{}」行「{}」列", row.short_label(), col.label()),
            CellKey::Appeals(row, col) => format!("表四「{}」的「{}」", row.short_label(), col.label()),
        }
    }

    /// Every cell a table of `format` has, in reading order.
    pub fn all_of(table: Table, format: Format) -> Vec<CellKey> {
        match table {
            Table::Proactive => proactive_layout(format)
                .iter()
                .flat_map(|block| {
                    block.rows.iter().flat_map(move |(row, _)| block.columns.iter().map(move |(col, _)| CellKey::Proactive(*row, *col)))
                })
                .collect(),
            Table::Requests => RequestRow::rows_of(format)
                .iter()
                .flat_map(|row| RequestCol::ALL.iter().map(move |col| CellKey::Requests(*row, *col)))
                .collect(),
            Table::Appeals => {
                AppealRow::ALL.iter().flat_map(|row| AppealCol::ALL.iter().map(move |col| CellKey::Appeals(*row, *col))).collect()
            }
        }
    }
}

/// The labels `format` prints for a 表二 row and column (falling back to the 2021 labels for a
/// cell the format does not have).
pub fn proactive_labels(format: Format, row: ProactiveRow, col: ProactiveCol) -> (&'static str, &'static str) {
    let block = proactive_block(format, row);
    let row_label = block.and_then(|b| b.rows.iter().find(|(r, _)| *r == row).map(|(_, l)| *l)).unwrap_or(row.label());
    let col_label = block.and_then(|b| b.columns.iter().find(|(c, _)| *c == col).map(|(_, l)| *l)).unwrap_or(col.label());
    (row_label, col_label)
}

impl CellKey {
    /// Writes the cell's name (`requests.new.total`) at the end of `out`: a name is written
    /// for every cell of every finding and export, so without a formatter's machinery.
    pub fn push_name(&self, out: &mut String) {
        out.push_str(self.table().key());
        out.push('.');
        out.push_str(self.row_key());
        out.push('.');
        out.push_str(self.col_key());
    }

    /// The cell's name, as [`fmt::Display`] writes it.
    pub fn name(&self) -> String {
        let mut name = String::with_capacity(48);
        self.push_name(&mut name);
        name
    }
}

impl fmt::Display for CellKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.table().key(), self.row_key(), self.col_key())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_counts_match_the_official_formats() {
        // formats.md: 2021 has 10 + 175 + 15 cells, 2019 has 22 + 161 + 15.
        let count = |format| [Table::Proactive, Table::Requests, Table::Appeals].map(|t| CellKey::all_of(t, format).len());
        assert_eq!(count(Format::V2021), [10, 175, 15]);
        assert_eq!(count(Format::V2019), [22, 161, 15]);
    }

    #[test]
    fn cell_names_round_trip() {
        for format in [Format::V2019, Format::V2021] {
            for table in Table::ALL {
                for cell in CellKey::all_of(*table, format) {
                    assert_eq!(CellKey::parse(&cell.to_string()), Some(cell));
                    // The name written without a formatter is the one `Display` writes.
                    assert_eq!(cell.name(), cell.to_string());
                }
            }
        }
        assert_eq!(CellKey::parse("requests.new.total").unwrap().to_string(), "requests.new.total");
        assert_eq!(CellKey::parse("requests.new"), None);
        assert_eq!(CellKey::parse("requests.new.total.x"), None);
        assert_eq!(CellKey::parse("proactive.new.total"), None);
    }

    #[test]
    fn dense_indices_are_distinct_and_in_reading_order() {
        let mut all: Vec<CellKey> = Vec::new();
        for r in ProactiveRow::ALL {
            for c in ProactiveCol::ALL {
                all.push(CellKey::Proactive(*r, *c));
            }
        }
        for r in RequestRow::ALL {
            for c in RequestCol::ALL {
                all.push(CellKey::Requests(*r, *c));
            }
        }
        for r in AppealRow::ALL {
            for c in AppealCol::ALL {
                all.push(CellKey::Appeals(*r, *c));
            }
        }
        assert_eq!(all.len(), CellKey::COUNT);
        for (i, key) in all.iter().enumerate() {
            assert_eq!(key.index(), i, "{key}");
        }
    }

    #[test]
    fn reading_order_is_the_derived_order() {
        for format in [Format::V2019, Format::V2021] {
            let all: Vec<CellKey> = Table::ALL.iter().flat_map(|t| CellKey::all_of(*t, format)).collect();
            let mut sorted = all.clone();
            sorted.sort();
            assert_eq!(all, sorted, "{format}");
        }
    }
}
