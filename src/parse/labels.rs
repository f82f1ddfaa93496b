//! Matching the text before a row of numbers to the official row it labels.
//!
//! The text before a row's numbers is whatever the copy left there: the row label, often
//! preceded by header words or a group label, sometimes wrapped, cut short, garbled by a
//! PDF extraction ("2.其他法律行政止公开"), followed by an annotation ("规章(设区的市…)"),
//! or only a fragment ("行政机关不再处理其政府信息公"). The matcher looks at the end of that
//! text, where the label of the row stands, and answers with the rows it could be and how
//! sure it is. Choosing among candidates is left to the aligner, which knows the order of
//! the rows.

use crate::model::{ProactiveRow, RequestRow};

/// A row of 表二 or 表三 that text can label.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Target {
    Proactive(ProactiveRow),
    Requests(RequestRow),
}

/// How sure a match is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Strength {
    /// The row's label (or a close variant) ends the text, modulo annotations.
    Exact,
    /// The text ends with a piece of the row's label of four characters or more.
    Fragment,
    /// The text's last label resembles the row's label (a garbled copy).
    Fuzzy,
}

/// What the text before a row of numbers says about which row it is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LabelMatch {
    /// The rows the text may label, all of the same (best) strength.
    pub candidates: Vec<Target>,
    pub strength: Option<Strength>,
    /// Whether the text is empty once punctuation and group labels are removed: a row of
    /// numbers with no label of its own.
    pub unlabeled: bool,
}

/// One official row with the keys that identify it, in matching form (see [`match_form`]).
struct Pattern {
    target: Target,
    /// The full label without its numbering: fragments are matched against it.
    full: &'static str,
    /// Distinctive endings, longest first; the first is usually `full`.
    keys: &'static [&'static str],
}

/// The rows of 表二, both formats.
const PROACTIVE: &[Pattern] = {
    use ProactiveRow::*;
    use Target::Proactive as P;
    &[
        Pattern { target: P(Regulations), full: "规章", keys: &["规章"] },
        Pattern { target: P(NormativeDocuments), full: "行政规范性文件", keys: &["行政规范性文件", "规范性文件"] },
        Pattern { target: P(Licensing), full: "行政许可", keys: &["行政许可"] },
        Pattern {
            target: P(OtherServices), full: "其他对外管理服务事项", keys: &["其他对外管理服务事项", "对外管理服务事项"]
        },
        Pattern { target: P(Penalty), full: "行政处罚", keys: &["行政处罚"] },
        Pattern { target: P(Coercion), full: "行政强制", keys: &["行政强制"] },
        Pattern { target: P(Fees), full: "行政事业性收费", keys: &["行政事业性收费", "事业性收费"] },
        Pattern { target: P(Procurement), full: "政府集中采购", keys: &["政府集中采购", "集中采购"] },
    ]
};

/// The rows of 表三, both formats (the single （六） row and the three 2021 sub-rows).
const REQUESTS: &[Pattern] = {
    use RequestRow::*;
    use Target::Requests as R;
    &[
        Pattern {
            target: R(New),
            full: "本年新收政府信息公开申请数量",
            keys: &["本年新收政府信息公开申请数量", "本年新收政府信息公开申请", "新收政府信息公开申请数量", "本年新收"],
        },
        Pattern {
            target: R(CarriedOver),
            full: "上年结转政府信息公开申请数量",
            keys: &["上年结转政府信息公开申请数量", "上年结转政府信息公开申请", "上年结转"],
        },
        Pattern { target: R(Granted), full: "予以公开", keys: &["予以公开"] },
        Pattern {
            target: R(PartiallyGranted),
            full: "部分公开区分处理的只计这一情形不计其他情形",
            keys: &["部分公开区分处理的只计这一情形不计其他情形", "部分公开"],
        },
        Pattern { target: R(DeniedStateSecret), full: "属于国家秘密", keys: &["属于国家秘密", "国家秘密"] },
        Pattern {
            target: R(DeniedProhibitedByLaw),
            full: "其他法律行政法规禁止公开",
            keys: &["其他法律行政法规禁止公开", "法律行政法规禁止公开", "行政法规禁止公开"],
        },
        Pattern {
            target: R(DeniedThreeSafeties), full: "危及三安全一稳定", keys: &["危及三安全一稳定", "三安全一稳定"]
        },
        Pattern {
            target: R(DeniedThirdParty), full: "保护第三方合法权益", keys: &["保护第三方合法权益", "第三方合法权益"]
        },
        Pattern {
            target: R(DeniedInternalAffairs), full: "属于三类内部事务信息", keys: &["属于三类内部事务信息", "内部事务信息"]
        },
        Pattern {
            target: R(DeniedProcessInfo), full: "属于四类过程性信息", keys: &["属于四类过程性信息", "过程性信息"]
        },
        Pattern {
            target: R(DeniedEnforcementCase), full: "属于行政执法案卷", keys: &["属于行政执法案卷", "行政执法案卷"]
        },
        Pattern {
            target: R(DeniedQueryMatter), full: "属于行政查询事项", keys: &["属于行政查询事项", "行政查询事项"]
        },
        Pattern {
            target: R(UnavailableNotHeld),
            full: "本机关不掌握相关政府信息",
            keys: &["本机关不掌握相关政府信息", "不掌握相关政府信息", "本机关不掌握"],
        },
        Pattern {
            target: R(UnavailableNeedsCreation),
            full: "没有现成信息需要另行制作",
            keys: &["没有现成信息需要另行制作", "需要另行制作"],
        },
        Pattern {
            target: R(UnavailableUnclear), full: "补正后申请内容仍不明确", keys: &["补正后申请内容仍不明确", "申请内容仍不明确"]
        },
        Pattern {
            target: R(RejectedPetition), full: "信访举报投诉类申请", keys: &["信访举报投诉类申请", "信访举报投诉"]
        },
        Pattern { target: R(RejectedDuplicate), full: "重复申请", keys: &["重复申请"] },
        Pattern {
            target: R(RejectedPublication), full: "要求提供公开出版物", keys: &["要求提供公开出版物", "公开出版物"]
        },
        Pattern {
            target: R(RejectedExcessive), full: "无正当理由大量反复申请", keys: &["无正当理由大量反复申请", "大量反复申请"]
        },
        Pattern {
            target: R(RejectedConfirmation),
            full: "要求行政机关确认或重新出具已获取信息",
            keys: &["要求行政机关确认或重新出具已获取信息", "重新出具已获取信息", "已获取信息"],
        },
        Pattern { target: R(Other), full: "其他处理", keys: &["其他处理"] },
        Pattern {
            target: R(OtherNoCorrection),
            full: "申请人无正当理由逾期不补正行政机关不再处理其政府信息公开申请",
            keys: &["申请人无正当理由逾期不补正行政机关不再处理其政府信息公开申请", "逾期不补正"],
        },
        Pattern {
            target: R(OtherUnpaidFee),
            full: "申请人逾期未按收费通知要求缴纳费用行政机关不再处理其政府信息公开申请",
            keys: &["申请人逾期未按收费通知要求缴纳费用行政机关不再处理其政府信息公开申请", "未按收费通知要求缴纳费用"],
        },
        // "3.其他" is too short to stand alone: only its numbered form identifies it.
        Pattern { target: R(OtherOther), full: "3其他", keys: &["3其他"] },
        Pattern { target: R(Total), full: "总计", keys: &["七总计", "总计", "合计"] },
        Pattern {
            target: R(CarriedForward), full: "结转下年度继续办理", keys: &["结转下年度继续办理", "结转下年度", "转下年度继续办理"]
        },
    ]
};

/// The keys of a table grouped by their last byte, so that matching the end of a text looks
/// only at the keys that can end it (a handful of the table's sixty): built at compile time.
struct KeyIndex<const N: usize> {
    /// Where each group starts in `keys`, by last byte modulo [`KEY_GROUPS`]; one more for the end.
    starts: [u8; KEY_GROUPS + 1],
    /// (pattern, key) positions in the table, grouped, in table order within a group.
    keys: [(u8, u8); N],
}

/// The keys' groups: every key ends with a CJK character, whose last byte is one of 64
/// (0x80..=0xBF), so that keys in one group end with the same byte.
const KEY_GROUPS: usize = 64;

static PROACTIVE_KEYS: KeyIndex<{ key_count(PROACTIVE) }> = KeyIndex::of(PROACTIVE);
static REQUEST_KEYS: KeyIndex<{ key_count(REQUESTS) }> = KeyIndex::of(REQUESTS);

/// A key's group: its last byte's.
const fn key_group(key: &str) -> usize {
    key.as_bytes()[key.len() - 1] as usize % KEY_GROUPS
}

const fn key_count(patterns: &[Pattern]) -> usize {
    let (mut n, mut p) = (0, 0);
    while p < patterns.len() {
        n += patterns[p].keys.len();
        p += 1;
    }
    n
}

impl<const N: usize> KeyIndex<N> {
    /// Sorts the keys by group, stably (a counting sort).
    const fn of(patterns: &[Pattern]) -> Self {
        // Positions and counts are bytes.
        assert!(patterns.len() <= u8::MAX as usize && N <= u8::MAX as usize);
        let mut starts = [0u8; KEY_GROUPS + 1];
        let mut p = 0;
        while p < patterns.len() {
            let mut k = 0;
            while k < patterns[p].keys.len() {
                starts[key_group(patterns[p].keys[k]) + 1] += 1;
                k += 1;
            }
            p += 1;
        }
        let mut g = 0;
        while g < KEY_GROUPS {
            starts[g + 1] += starts[g];
            g += 1;
        }
        let mut next = starts;
        let mut keys = [(0u8, 0u8); N];
        let mut p = 0;
        while p < patterns.len() {
            let mut k = 0;
            while k < patterns[p].keys.len() {
                let g = key_group(patterns[p].keys[k]);
                keys[next[g] as usize] = (p as u8, k as u8);
                next[g] += 1;
                k += 1;
            }
            p += 1;
        }
        KeyIndex { starts, keys }
    }

    /// The keys whose last byte may be `last`, in table order.
    fn ending_with(&self, last: u8) -> &[(u8, u8)] {
        let g = usize::from(last) % KEY_GROUPS;
        &self.keys[self.starts[g] as usize..self.starts[g + 1] as usize]
    }
}

/// Group labels and header words that may stand between a row's label and its numbers,
/// or stand alone before a row: removed from the end before matching.
const NOISE_ENDINGS: &[&str] = &[
    "三本年度办理结果",
    "本年度办理结果",
    "三不予公开",
    "不予公开",
    "四无法提供",
    "无法提供",
    "五不予处理",
    "不予处理",
    "申请人情况",
    "法人或其他组织",
    "信息内容",
];

/// Which table's rows to match against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    Proactive,
    Requests,
}

impl Scope {
    fn patterns(self) -> &'static [Pattern] {
        match self {
            Scope::Proactive => PROACTIVE,
            Scope::Requests => REQUESTS,
        }
    }

    /// The (pattern, key) positions of the keys whose last byte may be `last`, in table order.
    fn keys_ending_with(self, last: u8) -> &'static [(u8, u8)] {
        match self {
            Scope::Proactive => PROACTIVE_KEYS.ending_with(last),
            Scope::Requests => REQUEST_KEYS.ending_with(last),
        }
    }
}

/// Matches the folded text before a row of numbers.
pub fn match_label(folded: &str, scope: Scope) -> LabelMatch {
    let patterns = scope.patterns();
    let text = strip_trailing_annotations(folded);
    let form = match_form(text);
    let form = strip_noise_endings(&form);
    if form.is_empty() || is_numbering_only(form) {
        return LabelMatch { candidates: Vec::new(), strength: None, unlabeled: true };
    }
    // The group label of （六） printed after one of its own sub-rows' labels (a merged cell
    // centred on the group) labels the sub-row, not the 2019 single row.
    if let Some(before) = form.strip_suffix("其他处理").map(|f| f.strip_suffix('六').unwrap_or(f))
        && let Some(found) = exact(before, scope).filter(|m| m.candidates.iter().all(|t| matches!(t, Target::Requests(r) if r.only_2021())))
    {
        return found;
    }
    if let Some(found) = exact(form, scope) {
        return found;
    }
    if let Some(found) = numbered_beginning(text, scope) {
        return found;
    }
    // The tail of a wrapped group cell after the row label: "(一)予以公开" + "果" (of
    // "三、本年度办理结果").
    for noise in NOISE_ENDINGS {
        // Every cut of the word ends as the word does.
        if form.as_bytes().last() != noise.as_bytes().last() {
            continue;
        }
        for (at, _) in noise.char_indices().skip(1) {
            if let Some(found) = form.strip_suffix(&noise[at..]).and_then(|rest| exact(rest, scope)) {
                return found;
            }
        }
    }
    if let Some(found) = fragment(form, patterns) {
        return found;
    }
    if let Some(found) = fuzzy(form, patterns) {
        return found;
    }
    LabelMatch { candidates: Vec::new(), strength: None, unlabeled: false }
}

/// Whether folded text is the row's label and nothing else (numbering, quotes and an
/// annotation aside): "行政事业性收费", "（七）总计", not "自然人法人或其他组织总计".
pub fn is_whole_label(folded: &str, target: Target) -> bool {
    let text = strip_trailing_annotations(folded);
    let form = match_form(text);
    let form = form.trim_start_matches(|c: char| c.is_ascii_digit() || "一二三四五六七八".contains(c));
    let patterns = match target {
        Target::Proactive(_) => PROACTIVE,
        Target::Requests(_) => REQUESTS,
    };
    patterns.iter().filter(|p| p.target == target).any(|p| {
        let full = p.full.trim_start_matches(|c: char| c.is_ascii_digit());
        form == full || p.keys.contains(&form)
    })
}

/// The matching form of folded text: only CJK characters, ASCII letters and digits.
pub fn match_form(folded: &str) -> String {
    let bytes = folded.as_bytes();
    let mut form = String::with_capacity(folded.len());
    // Copied in runs between the characters left out: a label is mostly characters kept, so
    // a run is a few characters copied at once rather than one at a time.
    let mut run = 0;
    let mut at = 0;
    while let Some(&lead) = bytes.get(at) {
        let (kept, len) = match lead {
            // Most characters: the ideographs U+5000..=U+9FFF, told by their first byte.
            0xE5..=0xE9 => (true, 3),
            0..=0x7F => (lead.is_ascii_alphanumeric(), 1),
            _ => match folded[at..].chars().next() {
                Some(c) => (super::fold::is_cjk(c), c.len_utf8()),
                None => break,
            },
        };
        if !kept {
            if run < at {
                form.push_str(&folded[run..at]);
            }
            run = at + len;
        }
        at += len;
    }
    form.push_str(&folded[run..]);
    form
}

/// Removes parenthetical annotations at the end: "规章(设区的市…)" → "规章". A label whose
/// parenthetical is its own ("部分公开(区分处理的…)") still matches through its short key.
/// Reads the text from its end only as far as the annotations go (the text before a row can
/// be long).
fn strip_trailing_annotations(folded: &str) -> &str {
    let mut text = folded.trim_end_matches(['.', '、', ',', ':', ';', '。', '，']);
    // An annotation cut by a line wrap has no closing parenthesis: "规章(设区的市、自治州人".
    // Only near the end: an older unclosed parenthesis (a header note cut short) must not
    // swallow the label after it.
    if let Some(open) = unclosed_paren_near_end(text, 30)
        && open > 0
    {
        text = &text[..open];
    }
    // Parentheses are read as bytes: ASCII bytes are whole characters.
    while text.ends_with(')') {
        let mut depth = 0;
        let mut open = None;
        for (i, &b) in text.as_bytes().iter().enumerate().rev() {
            match b {
                b')' => depth += 1,
                b'(' => {
                    depth -= 1;
                    if depth == 0 {
                        open = Some(i);
                        break;
                    }
                }
                _ => {}
            }
        }
        match open {
            Some(i) if i > 0 => text = &text[..i],
            _ => break,
        }
    }
    text
}

/// The byte position of the last opening parenthesis that is never closed, if it is among
/// the last `within` characters. Read from the end: the first opening parenthesis met with
/// no closing one pending is the last unclosed one (the pairs are those a reading from the
/// start would make).
fn unclosed_paren_near_end(text: &str, within: usize) -> Option<usize> {
    let mut pending = 0usize;
    // Read as bytes: parentheses are ASCII, and every byte but a continuation byte starts a
    // character.
    let mut chars = 0;
    for (i, &b) in text.as_bytes().iter().enumerate().rev() {
        if b & 0xC0 == 0x80 {
            continue;
        }
        if chars == within {
            break;
        }
        chars += 1;
        match b {
            b')' => pending += 1,
            b'(' if pending == 0 => return Some(i),
            b'(' => pending -= 1,
            _ => {}
        }
    }
    None
}

fn strip_noise_endings(form: &str) -> &str {
    let mut form = form;
    loop {
        let before = form.len();
        for noise in NOISE_ENDINGS {
            if ends_with(form, noise) {
                form = &form[..form.len() - noise.len()];
            }
        }
        if form.len() == before {
            return form;
        }
    }
}

/// Text that is only numbering, such as "3" or "二": no label.
fn is_numbering_only(form: &str) -> bool {
    form.chars().all(|c| matches!(c, '0'..='9' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'))
}

/// The rows whose key ends the text; the longest key wins (行政规范性文件 over 规范性文件).
fn exact(form: &str, scope: Scope) -> Option<LabelMatch> {
    // A key that ends the text ends with its last byte: only those keys are looked at, in
    // the table's order, which decides the order of equally long matches.
    let &last = form.as_bytes().last()?;
    let patterns = scope.patterns();
    let mut best: Option<(usize, Vec<Target>)> = None;
    for &(p, k) in scope.keys_ending_with(last) {
        let pattern = &patterns[p as usize];
        let key = pattern.keys[k as usize];
        if form.ends_with(key) && !(key.len() < form.len() && part_of_longer_word(form, key)) {
            // The longest key in characters, told by bytes: keys that end the same text end
            // one another, so the longer in bytes is the longer in characters.
            let len = key.len();
            match &mut best {
                Some((l, targets)) if *l == len => targets.push(pattern.target),
                Some((l, _)) if *l > len => {}
                _ => best = Some((len, vec![pattern.target])),
            }
        }
    }
    best.map(|(_, mut candidates)| {
        candidates.dedup();
        LabelMatch { candidates, strength: Some(Strength::Exact), unlabeled: false }
    })
}

/// Whether `form` ends with `key`, its last byte compared first: most keys end otherwise,
/// and that answers without a call to compare memory.
fn ends_with(form: &str, key: &str) -> bool {
    form.as_bytes().last() == key.as_bytes().last() && form.ends_with(key)
}

/// Whether `key` at the end of `form` is the tail of a longer word that names something
/// else: "政府集中采购" must not be read as 表三's "采购"; "其他处理" preceded by "不予" is
/// not a row. Only the cases that occur are listed.
fn part_of_longer_word(form: &str, key: &str) -> bool {
    let before = &form[..form.len() - key.len()];
    (key == "总计" && before.ends_with("合")) || (key == "予以公开" && before.ends_with("不"))
}

/// How a label is numbered: "1." ("1、", "（1）" fold to it), "（一）", "一、".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Numbering {
    Dot(u8),
    Paren(u8),
    Top(u8),
}

/// The last numbering in folded text and where the label after it starts. Read from the
/// end: the first numbering met is the last.
fn last_numbering(text: &str) -> Option<(Numbering, usize)> {
    let numeral = |c: char| "一二三四五六七八".chars().position(|n| n == c).map(|p| p as u8 + 1);
    // The three characters after the one looked at, with their byte positions.
    let mut next: [Option<(usize, char)>; 3] = [None; 3];
    for (i, c) in text.char_indices().rev() {
        // Where the label starts: at the `n`th character after this one (the text's end when
        // there is none).
        let after = |n: usize| next[n - 1].map_or(text.len(), |(at, _)| at);
        let (next1, next2) = (next[0].map(|(_, c)| c), next[1].map(|(_, c)| c));
        // (The character before is a digit when the byte before is one: ASCII bytes are whole
        // characters. Looked at last, as the rarest condition.)
        let digit_before = || text.as_bytes()[..i].last().is_some_and(u8::is_ascii_digit);
        if c.is_ascii_digit() && c != '0' && matches!(next1, Some('.' | '、')) && !digit_before() {
            return Some((Numbering::Dot(c as u8 - b'0'), after(2)));
        } else if c == '(' {
            match (next1.and_then(numeral), next2) {
                (Some(n), Some(')')) => return Some((Numbering::Paren(n), after(3))),
                _ => {
                    if let (Some(d), Some(')')) = (next1.filter(char::is_ascii_digit), next2) {
                        return Some((Numbering::Dot(d as u8 - b'0'), after(3)));
                    }
                }
            }
        } else if next1 == Some('、')
            && let Some(n) = numeral(c)
        {
            return Some((Numbering::Top(n), after(2)));
        }
        next = [Some((i, c)), next[0], next[1]];
    }
    None
}

/// 表三's rows by numbering, with their labels after it in matching form.
fn numbered_rows() -> &'static [(Target, Numbering, String)] {
    static ROWS: std::sync::OnceLock<Vec<(Target, Numbering, String)>> = std::sync::OnceLock::new();
    ROWS.get_or_init(|| {
        RequestRow::ALL
            .iter()
            .filter_map(|row| {
                let folded = super::fold::fold_str(row.label());
                let (numbering, at) = last_numbering(&folded)?;
                Some((Target::Requests(*row), numbering, match_form(&folded[at..])))
            })
            .collect()
    })
}

/// A label cut short by a wrap keeps its numbering and its beginning: "（一）予以公",
/// "3.危及三", "7.属于行政". The rows with that numbering whose label begins so.
fn numbered_beginning(text: &str, scope: Scope) -> Option<LabelMatch> {
    if scope != Scope::Requests {
        return None;
    }
    let (numbering, at) = last_numbering(text)?;
    let beginning = match_form(&text[at..]);
    if beginning.chars().count() < 2 {
        return None;
    }
    let candidates: Vec<Target> = numbered_rows()
        .iter()
        .filter(|(_, n, label)| *n == numbering && label.starts_with(&beginning) && *label != beginning)
        .map(|(t, _, _)| *t)
        .collect();
    (!candidates.is_empty()).then_some(LabelMatch { candidates, strength: Some(Strength::Fragment), unlabeled: false })
}

/// The rows whose full label contains the longest ending of the text (four characters or more).
fn fragment(form: &str, patterns: &[Pattern]) -> Option<LabelMatch> {
    // The text's last 40 characters, the last first: no label is longer.
    let mut ending = ['\0'; 40];
    let mut len = 0;
    for (slot, c) in ending.iter_mut().zip(form.chars().rev()) {
        *slot = c;
        len += 1;
    }
    let ending = &ending[..len];
    // A label that contains an ending of the text contains every shorter one: the longest
    // ending some label contains decides, and the candidates are the labels that contain it.
    let mut longest = 4;
    let mut candidates = Vec::new();
    for pattern in patterns {
        let contained = longest_ending_in(ending, pattern.full);
        if contained > longest {
            longest = contained;
            candidates.clear();
        }
        if contained == longest {
            candidates.push(pattern.target);
        }
    }
    (!candidates.is_empty()).then_some(LabelMatch { candidates, strength: Some(Strength::Fragment), unlabeled: false })
}

/// How many characters of `ending` (characters the last first) `label` contains, as a run that
/// ends where the text does: the length of the longest ending of the text in `label`.
fn longest_ending_in(ending: &[char], label: &str) -> usize {
    let Some(&last) = ending.first() else { return 0 };
    label
        .char_indices()
        .filter(|&(_, c)| c == last)
        .map(|(at, _)| 1 + label[..at].chars().rev().zip(&ending[1..]).take_while(|(a, b)| a == *b).count())
        .max()
        .unwrap_or(0)
}

/// The rows whose label resembles the text's last label (bigram similarity ≥ 0.6), for
/// copies that lost or garbled characters.
fn fuzzy(form: &str, patterns: &[Pattern]) -> Option<LabelMatch> {
    // The last label starts after the last numbering digit, if any.
    let after_number = match form.char_indices().rfind(|(_, c)| c.is_ascii_digit()) {
        Some((i, c)) => &form[i + c.len_utf8()..],
        None => form,
    };
    // At most the last 40 characters: a label is short, and the comparison is quadratic.
    let skip = after_number.chars().count().saturating_sub(40);
    let tail: String = after_number.chars().skip(skip).collect();
    if tail.chars().count() < 4 {
        return None;
    }
    let tail_bigrams = bigrams(&tail);
    let in_tail = char_bits(&tail);
    let mut best: Option<(u32, Vec<Target>)> = None;
    let mut full_bigrams = Vec::new();
    for pattern in patterns {
        let full = pattern.full.trim_start_matches(|c: char| c.is_ascii_digit());
        let (b, possible) = bigrams_within(full, in_tail);
        // The similarity cannot reach 0.6 when one string is much shorter than the other, nor
        // when too few of the label's bigrams have both their characters in the text (only
        // those can be in common): most labels are ruled out so, without the quadratic count.
        let a = tail_bigrams.len();
        if 200 * a.min(b) < 60 * (a + b) || 200 * possible < 60 * (a + b) {
            continue;
        }
        full_bigrams.clear();
        full_bigrams.extend(full.chars().zip(full.chars().skip(1)));
        let score = (dice_from(common_bigrams(&tail_bigrams, &full_bigrams), a + b) * 100.0) as u32;
        if score < 60 {
            continue;
        }
        match &mut best {
            Some((s, targets)) if *s == score => targets.push(pattern.target),
            Some((s, _)) if *s > score => {}
            _ => best = Some((score, vec![pattern.target])),
        }
    }
    best.map(|(_, candidates)| LabelMatch { candidates, strength: Some(Strength::Fuzzy), unlabeled: false })
}

/// A character's bit in a set of 64: characters that share a bit are told apart by the count
/// that follows, not by the set.
fn char_bit(c: char) -> u64 {
    1 << (u32::from(c) % 64)
}

/// The set of a string's characters, as [`char_bit`]s.
fn char_bits(s: &str) -> u64 {
    s.chars().fold(0, |bits, c| bits | char_bit(c))
}

/// How many bigrams a string has, and how many of them have both characters in the set `within`.
fn bigrams_within(s: &str, within: u64) -> (usize, usize) {
    let (mut chars, mut inside) = (0usize, 0);
    let mut last_within = false;
    for c in s.chars() {
        let is_within = within & char_bit(c) != 0;
        inside += usize::from(last_within && is_within);
        last_within = is_within;
        chars += 1;
    }
    (chars.saturating_sub(1), inside)
}

/// The character bigrams of a string.
fn bigrams(s: &str) -> Vec<(char, char)> {
    s.chars().zip(s.chars().skip(1)).collect()
}

/// The Dice coefficient of two strings' character bigrams.
#[cfg(test)]
fn dice(a: &str, b: &str) -> f64 {
    dice_of(&bigrams(a), &bigrams(b))
}

/// The Dice coefficient of two lists of bigrams.
#[cfg(test)]
fn dice_of(x: &[(char, char)], y: &[(char, char)]) -> f64 {
    if x.is_empty() || y.is_empty() {
        return 0.0;
    }
    dice_from(common_bigrams(x, y), x.len() + y.len())
}

/// The Dice coefficient of two lists of `total` bigrams in all, `common` of them in common.
fn dice_from(common: usize, total: usize) -> f64 {
    2.0 * common as f64 / total as f64
}

/// How many bigrams two lists have in common. Each bigram pairs with one equal bigram of the
/// other list at most: a bigram in common counts as often as it occurs in the list that has it
/// fewer times.
fn common_bigrams(x: &[(char, char)], y: &[(char, char)]) -> usize {
    let mut common = 0;
    for (i, pair) in x.iter().enumerate() {
        if x[..i].contains(pair) {
            continue;
        }
        let in_x = x[i..].iter().filter(|p| *p == pair).count();
        let in_y = y.iter().filter(|p| *p == pair).count();
        common += in_x.min(in_y);
    }
    common
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Strings over the characters the label functions look at, every one up to a length.
    fn strings_over(alphabet: &[char], up_to: usize) -> Vec<String> {
        let mut all = vec![String::new()];
        let mut last = vec![String::new()];
        for _ in 0..up_to {
            last = last.iter().flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}"))).collect();
            all.extend(last.iter().cloned());
        }
        all
    }

    #[test]
    fn numbering_and_open_parentheses_read_from_the_end_as_from_the_start() {
        // The readings from the start these functions replaced, kept here as the reference.
        fn last_numbering_forward(text: &str) -> Option<(Numbering, usize)> {
            let numeral = |c: char| "一二三四五六七八".chars().position(|n| n == c).map(|p| p as u8 + 1);
            let chars: Vec<(usize, char)> = text.char_indices().collect();
            let mut found = None;
            for k in 0..chars.len() {
                let (_, c) = chars[k];
                let next = chars.get(k + 1).map(|(_, c)| *c);
                let after = |n: usize| chars.get(k + n).map_or(text.len(), |(i, _)| *i);
                let digit_before = k > 0 && chars[k - 1].1.is_ascii_digit();
                if c.is_ascii_digit() && c != '0' && !digit_before && matches!(next, Some('.' | '、')) {
                    found = Some((Numbering::Dot(c as u8 - b'0'), after(2)));
                } else if c == '(' {
                    match (next.and_then(numeral), chars.get(k + 2).map(|(_, c)| *c)) {
                        (Some(n), Some(')')) => found = Some((Numbering::Paren(n), after(3))),
                        _ => {
                            if let (Some(d), Some(')')) = (next.filter(char::is_ascii_digit), chars.get(k + 2).map(|(_, c)| *c)) {
                                found = Some((Numbering::Dot(d as u8 - b'0'), after(3)));
                            }
                        }
                    }
                } else if let (Some(n), Some('、')) = (numeral(c), next) {
                    found = Some((Numbering::Top(n), after(2)));
                }
            }
            found
        }
        fn unclosed_paren_forward(text: &str) -> Option<usize> {
            let mut open: Vec<usize> = Vec::new();
            for (i, c) in text.char_indices() {
                match c {
                    '(' => open.push(i),
                    ')' => {
                        open.pop();
                    }
                    _ => {}
                }
            }
            open.last().copied()
        }
        for text in strings_over(&['(', ')', '1', '0', '.', '、', '二', '规'], 5) {
            assert_eq!(last_numbering(&text), last_numbering_forward(&text), "{text}");
            for within in [1, 3, 30] {
                let forward = unclosed_paren_forward(&text).filter(|&open| text[open..].chars().count() <= within);
                assert_eq!(unclosed_paren_near_end(&text, within), forward, "{text} within {within}");
            }
        }
    }
    use crate::parse::fold_str;

    fn check(text: &str, scope: Scope) -> String {
        let m = match_label(&fold_str(text), scope);
        if m.unlabeled {
            return "unlabeled".to_string();
        }
        let names: Vec<String> = m
            .candidates
            .iter()
            .map(|t| match t {
                Target::Proactive(r) => r.key().to_string(),
                Target::Requests(r) => r.key().to_string(),
            })
            .collect();
        format!("{:?} {}", m.strength, names.join("|"))
    }

    fn req(text: &str) -> String {
        check(text, Scope::Requests)
    }

    #[test]
    fn exact_labels_with_numbering_variants() {
        assert_eq!(req("1.属于国家秘密"), "Some(Exact) denied_state_secret");
        assert_eq!(req("（1）属于国家秘密"), "Some(Exact) denied_state_secret");
        assert_eq!(req("1、属于國家秘密"), "Some(Exact) denied_state_secret");
        assert_eq!(req("3.危及\"三安全一稳定\""), "Some(Exact) denied_three_safeties");
        assert_eq!(req("3.危及「三安全一稳定」"), "Some(Exact) denied_three_safeties");
        assert_eq!(req("（七）总计"), "Some(Exact) total");
        assert_eq!(req("(六)其他处理"), "Some(Exact) other");
        assert_eq!(req("3.其他"), "Some(Exact) other_other");
        assert_eq!(
            req("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请（六）其他处理"),
            "Some(Exact) other_unpaid_fee"
        );
        assert_eq!(req("一、本年新收政府信息公开申请数量"), "Some(Exact) new");
        assert_eq!(
            req(&format!("{}1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "（六）其他处理")),
            "Some(Exact) other_no_correction"
        );
    }

    #[test]
    fn label_at_the_end_of_header_and_group_text() {
        assert_eq!(
            req("申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他一、本年新收政府信息公开申请数量"),
            "Some(Exact) new"
        );
        assert_eq!(req("三、本年度办理结果（一）予以公开"), "Some(Exact) granted");
        assert_eq!(req("（三）不予公开"), "unlabeled");
        assert_eq!(req("4.保护第三方合法权益（三）不予公开"), "Some(Exact) denied_third_party");
        assert_eq!(req("（二）部分公开（区分处理的，只计这一情 形，不\n计其他情形）"), "Some(Exact) partially_granted");
        assert_eq!(req("5.要求行政机关确认或重 新出具\n已获取信息"), "Some(Exact) rejected_confirmation");
    }

    #[test]
    fn labels_cut_by_a_wrap_keep_their_numbering_and_beginning() {
        assert_eq!(req("（一）予以公"), "Some(Fragment) granted");
        assert_eq!(req("申请数量三、本年度办理结果（一）予以公"), "Some(Fragment) granted");
        assert_eq!(req("开（二）部分公"), "Some(Fragment) partially_granted");
        assert_eq!(req("3.危及“三"), "Some(Fragment) denied_three_safeties");
        assert_eq!(req("7.属于行政"), "Some(Fragment) denied_enforcement_case");
        assert_eq!(req("8.属于行政"), "Some(Fragment) denied_query_matter");
        assert_eq!(req("（六）其他处"), "Some(Fragment) other");
        assert_eq!(req("1.申请人无正"), "Some(Fragment) other_no_correction");
        assert_eq!(req("2.申请人逾期"), "Some(Fragment) other_unpaid_fee");
        // A numbering that no row has falls back to the fragment: both rows that contain it.
        assert_eq!(req("9.属于行政"), "Some(Fragment) denied_enforcement_case|denied_query_matter");
    }

    #[test]
    fn fragments_and_garbled_labels() {
        assert_eq!(req("行政机关不再处理其政府信息公"), "Some(Fragment) other_no_correction|other_unpaid_fee");
        assert_eq!(
            req("（六）其2.申请人逾期未按收费通知要求他处理府信息公开申请缴纳费用、行政机关不再处理其政"),
            "Some(Fragment) other_unpaid_fee"
        );
        assert_eq!(req("三 、本 年 度办 理 结果\n2.其他法律行政止公开"), "Some(Fuzzy) denied_prohibited_by_law");
        assert_eq!(req(""), "unlabeled");
        assert_eq!(req("（三）不\n予公开"), "unlabeled");
        assert_eq!(req("与本表无关的说明文字"), "None ");
    }

    #[test]
    fn proactive_rows() {
        let pro = |t| check(t, Scope::Proactive);
        assert_eq!(pro("规章(设区的市、自治州人民政府应提供相关数据)"), "Some(Exact) regulations");
        assert_eq!(pro("信息内容本年制发件数本年废止件数现行有效件数规章"), "Some(Exact) regulations");
        assert_eq!(pro("行政规范性文件"), "Some(Exact) normative_documents");
        assert_eq!(pro("规范性文件"), "Some(Exact) normative_documents");
        assert_eq!(pro("第二十条第（九）项信息内容采购项目数量采购总金额政府集中采购"), "Some(Exact) procurement");
        assert_eq!(pro("其他主动公开文件(…)"), "None ");
        assert_eq!(pro("规章（设区的市、自治州人"), "Some(Exact) regulations");
        assert_eq!(pro("民政府应提供相关数据）行政规范性文件"), "Some(Exact) normative_documents");
        assert_eq!(pro("其他主动公开文件（除规章"), "None ");
        assert_eq!(pro("第二十条第（一）项"), "None ");
    }

    #[test]
    fn the_matching_keys_are_the_official_labels() {
        // The official labels live in the template; the full keys here are their folded,
        // punctuation-free forms without numbering, and must stay so.
        let key_of = |label: &str| {
            let form = match_form(&fold_str(label));
            form.trim_start_matches(|c: char| c.is_ascii_digit() || "一二三四五六七".contains(c)).to_string()
        };
        for pattern in REQUESTS {
            let Target::Requests(row) = pattern.target else { unreachable!() };
            let expected = match row {
                RequestRow::OtherOther => "3其他".to_string(),
                RequestRow::Total => "总计".to_string(),
                RequestRow::Other => "其他处理".to_string(),
                _ => key_of(row.label()),
            };
            assert_eq!(pattern.full, expected, "{row:?}");
        }
        for pattern in PROACTIVE {
            let Target::Proactive(row) = pattern.target else { unreachable!() };
            assert_eq!(pattern.full, key_of(row.label()), "{row:?}");
        }
    }

    #[test]
    fn similarity_of_garbled_labels() {
        assert!(dice("其他法律行政止公开", "其他法律行政法规禁止公开") > 0.7);
        assert!(dice("重复申请", "信访举报投诉类申请") < 0.3);
    }

    /// Texts like those before a row: every piece of every label and key, the whole labels
    /// with a character lost, changed or doubled, and pieces after numbering and group words.
    fn label_like_texts() -> Vec<String> {
        let words: Vec<&str> = PROACTIVE
            .iter()
            .chain(REQUESTS)
            .flat_map(|p| std::iter::once(p.full).chain(p.keys.iter().copied()))
            .chain(NOISE_ENDINGS.iter().copied())
            .collect();
        let mut texts = vec![String::new(), "3".to_string(), "二".to_string(), "合计".to_string()];
        for word in &words {
            let chars: Vec<char> = word.chars().collect();
            for i in 0..chars.len() {
                for j in i + 1..=chars.len() {
                    let piece: String = chars[i..j].iter().collect();
                    for before in ["", "2", "(三)不予公开", "三本年度办理结果1", "不", "合"] {
                        texts.push(format!("{before}{piece}"));
                    }
                }
                let lost: String = chars.iter().enumerate().filter(|(k, _)| *k != i).map(|(_, c)| c).collect();
                let changed: String = chars.iter().enumerate().map(|(k, c)| if k == i { '止' } else { *c }).collect();
                let doubled: String =
                    chars.iter().enumerate().flat_map(|(k, c)| std::iter::repeat_n(*c, if k == i { 2 } else { 1 })).collect();
                texts.extend([lost, changed, doubled]);
            }
        }
        texts
    }

    #[test]
    fn short_ways_of_matching_answer_as_the_long_ways() {
        // The plain ways these functions replaced, kept here as the reference: every key
        // compared, every ending searched for, every label's bigrams counted.
        fn match_form_by_chars(folded: &str) -> String {
            folded.chars().filter(|c| c.is_ascii_alphanumeric() || crate::parse::fold::is_cjk(*c)).collect()
        }
        fn exact_by_every_key(form: &str, patterns: &[Pattern]) -> Option<LabelMatch> {
            let mut best: Option<(usize, Vec<Target>)> = None;
            for pattern in patterns {
                for key in pattern.keys {
                    if form.ends_with(key) && !(key.len() < form.len() && part_of_longer_word(form, key)) {
                        let len = key.chars().count();
                        match &mut best {
                            Some((l, targets)) if *l == len => targets.push(pattern.target),
                            Some((l, _)) if *l > len => {}
                            _ => best = Some((len, vec![pattern.target])),
                        }
                    }
                }
            }
            best.map(|(_, mut candidates)| {
                candidates.dedup();
                LabelMatch { candidates, strength: Some(Strength::Exact), unlabeled: false }
            })
        }
        fn fragment_by_search(form: &str, patterns: &[Pattern]) -> Option<LabelMatch> {
            let starts: Vec<usize> = form.char_indices().rev().take(40).map(|(i, _)| i).collect();
            let shortest = &form[*starts.get(3)?..];
            let mut candidates: Vec<&Pattern> = patterns.iter().filter(|p| p.full.contains(shortest)).collect();
            if candidates.is_empty() {
                return None;
            }
            for &start in starts.iter().skip(4) {
                let tail = &form[start..];
                if !candidates.iter().any(|p| p.full.contains(tail)) {
                    break;
                }
                candidates.retain(|p| p.full.contains(tail));
            }
            let candidates: Vec<Target> = candidates.iter().map(|p| p.target).collect();
            Some(LabelMatch { candidates, strength: Some(Strength::Fragment), unlabeled: false })
        }
        fn fuzzy_by_dice(form: &str, patterns: &[Pattern]) -> Option<LabelMatch> {
            let after_number = match form.char_indices().rfind(|(_, c)| c.is_ascii_digit()) {
                Some((i, c)) => &form[i + c.len_utf8()..],
                None => form,
            };
            let skip = after_number.chars().count().saturating_sub(40);
            let tail: String = after_number.chars().skip(skip).collect();
            if tail.chars().count() < 4 {
                return None;
            }
            let mut best: Option<(u32, Vec<Target>)> = None;
            for pattern in patterns {
                let full = pattern.full.trim_start_matches(|c: char| c.is_ascii_digit());
                let score = (dice(&tail, full) * 100.0) as u32;
                if score < 60 {
                    continue;
                }
                match &mut best {
                    Some((s, targets)) if *s == score => targets.push(pattern.target),
                    Some((s, _)) if *s > score => {}
                    _ => best = Some((score, vec![pattern.target])),
                }
            }
            best.map(|(_, candidates)| LabelMatch { candidates, strength: Some(Strength::Fuzzy), unlabeled: false })
        }
        let texts = label_like_texts();
        assert!(texts.len() > 10_000, "{}", texts.len());
        let mut wrong = Vec::new();
        for text in &texts {
            let folded = fold_str(&format!("({text})、{text}(注"));
            if match_form(&folded) != match_form_by_chars(&folded) {
                wrong.push(format!("match_form {folded}"));
            }
            for scope in [Scope::Proactive, Scope::Requests] {
                let patterns = scope.patterns();
                if exact(text, scope) != exact_by_every_key(text, patterns) {
                    wrong.push(format!("exact {text}"));
                }
                if fragment(text, patterns) != fragment_by_search(text, patterns) {
                    wrong.push(format!("fragment {text}"));
                }
                if fuzzy(text, patterns) != fuzzy_by_dice(text, patterns) {
                    wrong.push(format!("fuzzy {text}"));
                }
            }
        }
        assert!(wrong.is_empty(), "{} differ: {:?}", wrong.len(), &wrong[..wrong.len().min(20)]);
    }

    #[test]
    fn every_key_is_indexed_once_under_its_last_byte() {
        fn check_index<const N: usize>(index: &KeyIndex<N>, patterns: &[Pattern]) {
            let mut seen = Vec::new();
            for last in 0..=u8::MAX {
                for &(p, k) in index.ending_with(last) {
                    let key = patterns[p as usize].keys[k as usize];
                    assert_eq!(usize::from(*key.as_bytes().last().unwrap()) % KEY_GROUPS, usize::from(last) % KEY_GROUPS, "{key}");
                    if usize::from(last) < KEY_GROUPS {
                        seen.push((p, k));
                    }
                }
            }
            seen.sort();
            let all: Vec<(u8, u8)> =
                patterns.iter().enumerate().flat_map(|(p, pattern)| (0..pattern.keys.len()).map(move |k| (p as u8, k as u8))).collect();
            assert_eq!(seen, all);
        }
        check_index(&PROACTIVE_KEYS, PROACTIVE);
        check_index(&REQUEST_KEYS, REQUESTS);
    }
}
