//! Reading what the report says about itself: title, issuing body, year, statistics period
//! and publication date.

use super::fold::fold;
use super::layout::{Document, Piece};
use crate::model::{Date, Located, Span};

/// What the report says about itself.
#[derive(Debug, Default)]
pub struct Meta {
    pub title: Option<String>,
    /// The body whose report this is: the subject of the title, else the body that signs
    /// it, else the page's publisher line (see [`read`]).
    pub body: Option<String>,
    pub title_year: Option<Located<i32>>,
    pub period_year: Option<Located<i32>>,
    pub published: Option<Located<Date>>,
}

/// How much of the start and the end of the text is searched: metadata stands there, and a
/// bounded search keeps huge inputs fast.
const HEAD_CHARS: usize = 3_000;
const TAIL_CHARS: usize = 1_000;

/// Reads the metadata of a document on its own (the parser has it gathered by the tokens'
/// pass instead: [`read_gathered`]).
pub fn read(doc: &Document<'_>) -> Meta {
    read_gathered(Gatherer::walk(doc))
}

/// Reads the metadata from the head and tail gathered while the document was tokenized.
///
/// The body is whose report this is, which decides its deadline (条例第四十九条): the
/// subject the title names first ("平潭综合实验区2023年度…报告" is the zone's own report, due
/// by 3月31日, even when "发布机构：平潭综合实验区管委会办公室" published it: the office
/// that compiles the region's report publishes it), then the body that signs it, and only
/// then the page's publisher line, which names whoever runs the page (a government's portal
/// publishes its departments' reports too).
pub fn read_gathered(gathered: Gatherer) -> Meta {
    let text = gathered.text;
    let mut meta = Meta::default();
    let title = find_title(&text);
    let title_span = title.as_ref().map(|(_, span)| *span);
    let mut title_body = None;
    if let Some((title, span)) = title {
        let year = title_year(&title);
        meta.title_year = year.map(|value| Located { value, span: Some(span) });
        title_body = body_from_title(&title);
        meta.title = Some(title);
    }
    let publisher = labelled_value(&text, &["发布机构", "发文机关", "发布单位"]);
    meta.period_year = find_period(&text);
    let signature = find_signature(&text);
    let signer = signature.as_ref().and_then(|(_, body)| body.clone());
    meta.body = title_body.or(signer).or(publisher);
    meta.published =
        find_published(&text).or_else(|| title_span.and_then(|span| find_date_by_title(&text, span))).or(signature.map(|(date, _)| date));
    meta
}

/// The searched head and tail of the document, folded, as one run of characters (line breaks
/// dropped) with each character's source span and where each line starts and ends.
#[derive(Debug)]
struct Text {
    chars: Vec<char>,
    spans: Vec<Span>,
    lines: Vec<std::ops::Range<usize>>,
    /// Where each character that starts a searched label stands, one list for each of
    /// [`LABEL_STARTS`], so that a search visits only the places of its first character.
    starts: [Vec<usize>; LABEL_STARTS.len()],
}

/// The first characters of every label the metadata search looks for.
const LABEL_STARTS: [char; 8] = ['发', '公', '成', '印', '生', '1', '时', '日'];

/// Each of [`LABEL_STARTS`] at its code point modulo 64, as its index plus one (0: none; no
/// two share a slot, which the build checks), so that telling a label's first character is
/// one look-up and one comparison.
static LABEL_START_SLOTS: [u8; 64] = {
    let mut slots = [0u8; 64];
    let mut i = 0;
    while i < LABEL_STARTS.len() {
        let slot = LABEL_STARTS[i] as usize % 64;
        assert!(slots[slot] == 0, "two label starts share a slot");
        slots[slot] = i as u8 + 1;
        i += 1;
    }
    slots
};

/// Which of [`LABEL_STARTS`] `c` is, if any.
fn label_start(c: char) -> Option<usize> {
    let index = usize::from(LABEL_START_SLOTS[c as usize % 64]).checked_sub(1)?;
    (LABEL_STARTS[index] == c).then_some(index)
}

/// Gathers the searched head and tail of a document as its lines come in order: the first
/// lines up to [`HEAD_CHARS`] folded characters, then the last lines (about [`TAIL_CHARS`]
/// characters, at most twice that, not going back into the head). The tokens' pass feeds it
/// the characters it has folded anyway ([`super::tokens::tokenize_gathering`]), so that the
/// metadata does not decode and fold the text a second time; [`Gatherer::walk`] feeds it a
/// document on its own.
#[derive(Debug)]
pub struct Gatherer {
    text: Text,
    part: Part,
    /// The first of the last lines that hold about [`TAIL_CHARS`] characters: where the tail
    /// starts, unless the head reaches further.
    tail_from: usize,
    /// How many characters the part being gathered may bring the text to.
    limit: usize,
    /// Where the line being gathered starts in the text.
    line_start: usize,
}

/// Which part of the document the lines coming belong to.
#[derive(Clone, Copy, Debug)]
enum Part {
    Head,
    /// Past the head, which ended before line `head_end`; the tail not reached yet.
    Between {
        head_end: usize,
    },
    Tail,
    Done,
}

impl Gatherer {
    pub fn new(doc: &Document<'_>) -> Gatherer {
        let mut count = 0;
        let mut tail_from = doc.lines.len();
        while tail_from > 0 && count < TAIL_CHARS {
            tail_from -= 1;
            count += line_len(doc, &doc.lines[tail_from]);
        }
        let text = Text {
            chars: Vec::with_capacity(HEAD_CHARS + TAIL_CHARS),
            spans: Vec::with_capacity(HEAD_CHARS + TAIL_CHARS),
            lines: Vec::new(),
            starts: Default::default(),
        };
        Gatherer { text, part: Part::Head, tail_from, limit: HEAD_CHARS, line_start: 0 }
    }

    /// One that gathers nothing, for tokens wanted without the metadata.
    pub fn none() -> Gatherer {
        let text = Text { chars: Vec::new(), spans: Vec::new(), lines: Vec::new(), starts: Default::default() };
        Gatherer { text, part: Part::Done, tail_from: 0, limit: 0, line_start: 0 }
    }

    /// Gathers a document on its own, folding its characters.
    pub fn walk(doc: &Document<'_>) -> Gatherer {
        let mut gatherer = Gatherer::new(doc);
        for (index, line) in doc.lines.iter().enumerate() {
            if gatherer.start_line(index) {
                for field in doc.line_fields(line) {
                    gatherer.push_pieces(doc.field_pieces(field));
                }
                gatherer.end_line();
            }
        }
        gatherer
    }

    /// Whether line `index` is gathered (lines come in order, each once); if so, its
    /// characters follow ([`Gatherer::push`], [`Gatherer::push_pieces`]), then
    /// [`Gatherer::end_line`].
    pub fn start_line(&mut self, index: usize) -> bool {
        let len = self.text.chars.len();
        if let Part::Head = self.part {
            if len < self.limit {
                self.line_start = len;
                return true;
            }
            self.part = Part::Between { head_end: index };
        }
        if let Part::Between { head_end } = self.part {
            if index < self.tail_from.max(head_end) {
                return false;
            }
            self.part = Part::Tail;
            self.limit = len + TAIL_CHARS * 2;
        }
        if matches!(self.part, Part::Tail) && len < self.limit {
            self.line_start = len;
            return true;
        }
        self.part = Part::Done;
        false
    }

    /// Adds a character of the line being gathered, folded, and where it stands; past the
    /// part's limit, nothing.
    #[cfg_attr(not(target_arch = "wasm32"), inline)]
    pub fn push(&mut self, folded: char, span: Span) {
        let text = &mut self.text;
        if text.chars.len() >= self.limit {
            return;
        }
        if let Some(index) = label_start(folded) {
            text.starts[index].push(text.chars.len());
        }
        text.chars.push(folded);
        text.spans.push(span);
    }

    /// Adds the characters of a field of the line being gathered, folding them.
    pub fn push_pieces(&mut self, pieces: &[Piece<'_>]) {
        for piece in pieces {
            for (i, c) in piece.text.char_indices() {
                let Some(f) = fold(c) else { continue };
                if self.text.chars.len() >= self.limit {
                    return;
                }
                let span = if piece.verbatim { Span::new(piece.span.start + i, piece.span.start + i + c.len_utf8()) } else { piece.span };
                self.push(f, span);
            }
        }
    }

    /// How many characters are gathered so far (to go back to with [`Gatherer::truncate`]).
    pub fn gathered(&self) -> usize {
        self.text.chars.len()
    }

    /// Takes back the characters pushed since there were `len`, within the line being
    /// gathered (a field whose characters were handed on before it was known how it reads).
    pub fn truncate(&mut self, len: usize) {
        let text = &mut self.text;
        text.chars.truncate(len);
        text.spans.truncate(len);
        for places in &mut text.starts {
            while places.last().is_some_and(|&at| at >= len) {
                places.pop();
            }
        }
    }

    pub fn end_line(&mut self) {
        self.text.lines.push(self.line_start..self.text.chars.len());
    }
}

impl Text {
    fn line_text(&self, line: usize) -> String {
        self.chars[self.lines[line].clone()].iter().collect()
    }

    fn line_span(&self, line: usize) -> Option<Span> {
        self.span(self.lines[line].clone())
    }

    fn span(&self, range: std::ops::Range<usize>) -> Option<Span> {
        Some(self.spans.get(range.start)?.cover(*self.spans.get(range.end.checked_sub(1)?)?))
    }

    /// Whether a label can start at `at`: at a line's start, after a space that folding
    /// dropped, or after punctuation; not inside a word.
    fn starts_label(&self, at: usize) -> bool {
        let Some(prev) = at.checked_sub(1) else { return true };
        self.lines.iter().any(|l| l.start == at) || self.spans[prev].end < self.spans[at].start || !self.chars[prev].is_alphanumeric()
    }

    /// Where `needle` occurs; it must start with one of [`LABEL_STARTS`].
    fn find_all<'a>(&'a self, needle: &'a str) -> impl Iterator<Item = usize> + 'a {
        debug_assert!(needle.chars().next().and_then(label_start).is_some());
        let places = needle.chars().next().and_then(label_start).map_or(&[][..], |index| &self.starts[index][..]);
        let len = needle.chars().count();
        places.iter().copied().filter(move |&i| self.chars[i..].iter().copied().take(len).eq(needle.chars()))
    }
}

/// How many characters a line has (before folding; an upper bound).
fn line_len(doc: &Document<'_>, line: &crate::parse::layout::Line) -> usize {
    doc.line_fields(line).iter().flat_map(|f| doc.field_pieces(f)).map(|p| p.text.len() / 3 + 1).sum()
}

/// The title: the first line near the top that names a year and an information-disclosure
/// report, joined with the line before it when the title wraps.
fn find_title(doc: &Text) -> Option<(String, Span)> {
    let is_report = |t: &str| (t.contains("报告") || t.contains("年报")) && t.contains("公开") && title_year(t).is_some();
    for i in 0..doc.lines.len().min(400) {
        let text = strip_label(&doc.line_text(i));
        if text.is_empty() || text.chars().count() > 80 || is_breadcrumb(&text) {
            continue;
        }
        let Some(span) = doc.line_span(i) else { continue };
        // The title wraps: "…人民政府" / "2024年政府信息公开工作年度报告", or
        // "2025年…政府信息公开" / "工作年度报告".
        // The line before may be a few blank lines up (PDF text often has one between).
        let before = (i.saturating_sub(3)..i).rev().find(|&p| !strip_label(&doc.line_text(p)).is_empty());
        let wrapped = before.and_then(|p| {
            let prev = strip_label(&doc.line_text(p));
            // Not a sentence, not a labelled value ("发布机构:…"), not the site's path.
            let plain = !prev.is_empty()
                && prev.chars().count() <= 40
                && !prev.ends_with(['。', ';'])
                && !prev.contains(':')
                && !prev.contains("报告")
                && !is_breadcrumb(&prev);
            let needs_join = !is_report(&text) || starts_with_year_then_subject(&text);
            (plain && needs_join).then(|| (format!("{prev}{text}"), doc.line_span(p).map_or(span, |s| s.cover(span))))
        });
        if let Some((joined, joined_span)) = wrapped.filter(|(t, _)| is_report(t) && t.chars().count() <= 80) {
            return Some((strip_site_suffix(joined), joined_span));
        }
        if is_report(&text) {
            return Some((strip_site_suffix(text), span));
        }
    }
    None
}

/// A web site's path to the page: "当前位置:首页>政府信息公开>年报>2023年度".
fn is_breadcrumb(text: &str) -> bool {
    text.contains(['>', '›', '»']) || text.starts_with("当前位置") || text.starts_with("您的位置") || text.starts_with("首页")
}

/// A web page's title often carries the site after the report's own title:
/// "…年度报告-沭阳县发改局", "…年报_某某网". Cuts it off.
fn strip_site_suffix(title: String) -> String {
    for end_word in ["报告", "年报"] {
        if let Some(at) = title.rfind(end_word) {
            let rest = &title[at + end_word.len()..];
            if rest.starts_with(['-', '_', '|', '—']) {
                return title[..at + end_word.len()].to_string();
            }
        }
    }
    title
}

/// "标题:…", "名称…": a label before the title in a page's metadata; "# …", "**…**": the
/// markup of a markdown heading or bold line.
fn strip_label(text: &str) -> String {
    let text = text.trim_start_matches('#').trim_matches('*');
    for label in ["标题:", "标题", "名称:", "名称", "题名:"] {
        if let Some(rest) = text.strip_prefix(label) {
            return rest.to_string();
        }
    }
    text.to_string()
}

/// "2024年政府信息公开…": a year followed directly by the subject, with no body in between.
fn starts_with_year_then_subject(title: &str) -> bool {
    let chars: Vec<char> = title.chars().collect();
    if chars.len() < 5 || !chars[..4].iter().all(char::is_ascii_digit) {
        return false;
    }
    let rest: String = chars[4..].iter().collect();
    let rest = rest.trim_start_matches('年').trim_start_matches('度');
    rest.starts_with("政府信息公开") || rest.starts_with("政务公开") || rest.starts_with("信息公开")
}

/// The first plausible year in a title: four digits followed by 年 ("二〇二三年" too).
fn title_year(title: &str) -> Option<i32> {
    year_position(&title.chars().map(numeral_digit).collect::<Vec<_>>()).map(|(_, year)| year)
}

/// 〇…九 as the digit they write in a year ("二〇二三年"); other characters unchanged.
fn numeral_digit(c: char) -> char {
    match chinese_digit(c) {
        Some(d) => char::from(b'0' + d as u8),
        None => c,
    }
}

/// Where the first plausible year stands (a character index) and the year.
fn year_position(chars: &[char]) -> Option<(usize, i32)> {
    (0..chars.len().saturating_sub(4)).find_map(|i| {
        let digits = chars[i..i + 4].iter().all(char::is_ascii_digit);
        let before_ok = i == 0 || !chars[i - 1].is_ascii_digit();
        if !(digits && before_ok && chars[i + 4] == '年') {
            return None;
        }
        let year = four_digits(&chars[i..i + 4]);
        (2000..=2100).contains(&year).then_some((i, year))
    })
}

/// The number four ASCII digits write.
fn four_digits(digits: &[char]) -> i32 {
    digits.iter().fold(0, |n, c| n * 10 + c.to_digit(10).unwrap_or(0) as i32)
}

/// What a report's title is about, after the body's name.
const SUBJECTS: [&str; 3] = ["政府信息公开", "政务公开", "信息公开"];

/// The issuing body named in a title: before the year ("淮安市洪泽区人民政府2024年…"), or
/// between the year and the subject ("2025年上海市人民政府办公厅政府信息公开…").
fn body_from_title(title: &str) -> Option<String> {
    let chars: Vec<char> = title.chars().collect();
    let (at, _) = year_position(&chars.iter().copied().map(numeral_digit).collect::<Vec<_>>())?;
    let before: String = chars[..at].iter().collect();
    // "…人民政府政府信息公开工作年度报告(2023年度)": the year after the subject.
    let before = SUBJECTS.iter().filter_map(|s| before.find(s)).min().map_or(before.as_str(), |end| &before[..end]);
    let before = before.trim_start_matches("关于").trim_end_matches("关于");
    let body = if before.chars().count() >= 2 {
        before.to_string()
    } else {
        let after: String = chars[at + 4..].iter().collect();
        let after = after.trim_start_matches('年').trim_start_matches('度');
        let end = SUBJECTS.iter().filter_map(|s| after.find(s)).min()?;
        after[..end].to_string()
    };
    // "本局2023年…", "我委…": the title names no body by name; the signature does.
    let pronoun = body.starts_with(['本', '我']) && body.chars().count() <= 4;
    (body.chars().count() >= 2 && !pronoun).then_some(body)
}

/// The value after a label such as "发布机构:" up to the next label-like break.
fn labelled_value(flat: &Text, labels: &[&str]) -> Option<String> {
    for label in labels {
        for at in flat.find_all(label) {
            let mut i = at + label.chars().count();
            while i < flat.chars.len() && flat.chars[i] == ':' {
                i += 1;
            }
            let line_end = flat.lines.iter().find(|l| l.contains(&at)).map_or(flat.chars.len(), |l| l.end);
            let value: String = flat.chars[i..line_end.max(i)]
                .iter()
                .take_while(|c| !matches!(c, ':' | '|' | '。' | ',') && !c.is_ascii_digit())
                .take(30)
                .collect();
            // Stop at the next label ("发布机构:X栏目:…" or "X公开日期…").
            let value = [
                "栏目",
                "文号",
                "公开日期",
                "发布日期",
                "发布时间",
                "索引号",
                "分类",
                "主题",
                "成文日期",
                "生成日期",
                "录入",
                "来源",
                "时间",
                "日期",
                "浏览",
                "点击",
                "字号",
                "【",
                "[",
            ]
            .iter()
            .filter_map(|l| value.find(l))
            .min()
            .map_or(value.clone(), |end| value[..end].to_string());
            if value.chars().count() >= 2 {
                return Some(value);
            }
        }
    }
    None
}

/// The year of the statistics period: "统计期限自2024年1月1日起至2024年12月31日止".
fn find_period(flat: &Text) -> Option<Located<i32>> {
    for start in flat.find_all("1月1日") {
        let Some(year_start) = start.checked_sub(5) else { continue };
        let year_chars = &flat.chars[year_start..start];
        if year_chars[4] != '年' || !year_chars[..4].iter().all(char::is_ascii_digit) {
            continue;
        }
        let after: String = flat.chars[start..(start + 30).min(flat.chars.len())].iter().collect();
        let before: String = flat.chars[year_start.saturating_sub(30)..year_start].iter().collect();
        if after.contains("12月31日")
            && (before.contains("统计") || before.contains("期限") || before.contains("时限") || after.contains('至'))
        {
            let year = four_digits(&year_chars[..4]);
            return Some(Located { value: year, span: flat.span(year_start..start + 4) });
        }
    }
    None
}

/// The publication date: after a label such as "发布时间:", else the date that signs the report
/// at its end.
fn find_published(flat: &Text) -> Option<Located<Date>> {
    // The page's own date stands first: a list of related reports further down has dates
    // too. Publication labels before drafting ones.
    // "时间:"/"日期:" alone count only where a label starts ("时间:2024-02-26 来源:…"), not
    // inside "生成日期:" or "打印时间:".
    for labels in [&["发布时间", "发布日期", "公开日期", "发文日期", "时间:", "日期:"][..], &["成文日期", "印发日期", "生成日期"][..]]
    {
        let mut earliest: Option<(usize, Located<Date>)> = None;
        for label in labels {
            let generic = label.ends_with(':');
            for at in flat.find_all(label).filter(|&at| !generic || flat.starts_label(at)) {
                let mut i = at + label.chars().count();
                while i < flat.chars.len() && matches!(flat.chars[i], ':' | '|') {
                    i += 1;
                }
                if let Some((date, len)) = date_at(&flat.chars, i) {
                    if earliest.as_ref().is_none_or(|(e, _)| at < *e) {
                        earliest = Some((at, Located { value: date, span: flat.span(i..i + len) }));
                    }
                    break;
                }
            }
        }
        if let Some((_, date)) = earliest {
            return Some(date);
        }
    }
    None
}

/// The date a web page prints under (or over) its title without a label: "2024-02-26 10:00
/// 来源:…", "[2024-01-26] 【字体:大 中 小】". A line of the few after the title, or just
/// before it, that starts with a date, followed by nothing, a time, a bracket or a label.
fn find_date_by_title(doc: &Text, title: Span) -> Option<Located<Date>> {
    let starts_at = |l: &std::ops::Range<usize>, at: usize| doc.spans.get(l.start).is_some_and(|s| s.start >= at);
    let after = doc.lines.iter().position(|l| starts_at(l, title.end)).unwrap_or(doc.lines.len());
    let before = doc.lines.iter().position(|l| starts_at(l, title.start)).unwrap_or(after);
    let below = doc.lines[after..].iter().filter(|l| !l.is_empty()).take(4);
    let above = doc.lines[..before].iter().rev().filter(|l| !l.is_empty()).take(3);
    below.chain(above).find_map(|line| {
        let chars = &doc.chars[line.clone()];
        let skip = usize::from(chars.first().is_some_and(|c| matches!(c, '[' | '【' | '(')));
        let (date, len) = date_at(chars, skip)?;
        let rest: String = chars[skip + len..].iter().collect();
        let follows = rest.is_empty()
            || rest.starts_with(|c: char| c.is_ascii_digit() || matches!(c, ']' | '】' | ')'))
            || ["来源", "发布", "浏览", "作者", "字体", "点击", "信息来源"].iter().any(|l| rest.starts_with(l));
        follows.then(|| Located { value: date, span: doc.span(line.start + skip..line.start + skip + len) })
    })
}

/// The date that signs the report: a line near the end that is only a date written out in
/// full ("2024年1月25日"), possibly after the body's name; and that name, before the date or
/// on the line above it.
fn find_signature(doc: &Text) -> Option<(Located<Date>, Option<String>)> {
    let lines = &doc.lines;
    let (at, date, before) = (lines.len().saturating_sub(20)..lines.len()).rev().find_map(|n| {
        let line = &lines[n];
        let chars = &doc.chars[line.clone()];
        if chars.len() < 9 || *chars.last()? != '日' {
            return None;
        }
        (0..chars.len()).find_map(|i| {
            let (date, len) = date_at(chars, i)?;
            let at_end = i + len == chars.len();
            // Only the body's name may stand before it, not a sentence ("统计期限自…").
            let before: String = chars[..i].iter().collect();
            let plain_before = before.chars().count() <= 25
                && !["自", "至", "起", "统计", "期限", "为", "于", "在", ","].iter().any(|w| before.contains(w));
            let preceded_by_digit = i > 0 && chars[i - 1].is_ascii_digit();
            (at_end && plain_before && !preceded_by_digit)
                .then(|| (n, Located { value: date, span: doc.span(line.start + i..line.start + i + len) }, before))
        })
    })?;
    // A body's name ends as bodies' names do ("…人民政府", "…局", "…街道办事处"), which
    // "特此报告" and the like do not.
    let name_like = |t: &str| {
        (2..=25).contains(&t.chars().count())
            && !t.contains(|c: char| c.is_ascii_digit() || "。:;,、()".contains(c))
            && t.ends_with(|c: char| "府局委会室办厅院心镇乡道处部署所队站馆司区县市州盟旗社行校团".contains(c))
    };
    let body = if name_like(&before) {
        Some(before)
    } else if before.is_empty() {
        (at.saturating_sub(3)..at).rev().map(|n| doc.line_text(n)).find(|t| !t.is_empty()).filter(|t| name_like(t))
    } else {
        None
    };
    Some((date, body))
}

/// A date starting at `i`: "2020-01-14", "2020/1/14", "2020.01.14", "2020年1月14日",
/// "二〇二〇年一月十四日". Returns the date and its length in characters.
fn date_at(chars: &[char], i: usize) -> Option<(Date, usize)> {
    if chars.get(i).is_some_and(|c| chinese_digit(*c).is_some()) {
        return chinese_date_at(chars, i);
    }
    let number = |from: usize, max: usize| -> Option<(u32, usize)> {
        let len = chars[from..].iter().take(max).take_while(|c| c.is_ascii_digit()).count();
        if len == 0 {
            return None;
        }
        let n = chars[from..from + len].iter().fold(0, |n, c| n * 10 + c.to_digit(10).unwrap_or(0));
        Some((n, from + len))
    };
    let (year, at) = number(i, 4)?;
    if at - i != 4 {
        return None;
    }
    let sep = *chars.get(at)?;
    let (month_sep, day_end) = match sep {
        '-' | '/' | '.' => (sep, None),
        '年' => ('月', Some('日')),
        _ => return None,
    };
    let (month, at) = number(at + 1, 2)?;
    if *chars.get(at)? != month_sep && !(sep != '年' && chars.get(at) == Some(&sep)) {
        return None;
    }
    let (day, mut at) = number(at + 1, 2)?;
    if let Some(end) = day_end {
        if chars.get(at) != Some(&end) {
            return None;
        }
        at += 1;
    }
    Some((Date::new(year as i32, month, day)?, at - i))
}

/// 〇 to 九 as their value.
fn chinese_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' => 0,
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// A date written in Chinese numerals: "二〇二四年二月二十日", "二〇二四年十二月三十一日".
fn chinese_date_at(chars: &[char], i: usize) -> Option<(Date, usize)> {
    let year = chars.get(i..i + 4)?.iter().try_fold(0, |acc, c| Some(acc * 10 + chinese_digit(*c)?))?;
    if chars.get(i + 4) != Some(&'年') {
        return None;
    }
    // A number up to 31 ("十", "十二", "二十", "三十一"), then its unit.
    let small = |from: usize, unit: char| -> Option<(u32, usize)> {
        let len = chars[from..].iter().take(3).take_while(|c| **c == '十' || chinese_digit(**c).is_some()).count();
        let digits = &chars[from..from + len];
        let n = match digits.iter().position(|c| *c == '十') {
            None if len == 1 => chinese_digit(digits[0])?,
            Some(at) if at <= 1 && len - at <= 2 => {
                let tens = if at == 0 { 1 } else { chinese_digit(digits[0])? };
                let ones = if at + 1 < len { chinese_digit(digits[at + 1])? } else { 0 };
                tens * 10 + ones
            }
            _ => return None,
        };
        (chars.get(from + len) == Some(&unit)).then_some((n, from + len + 1))
    };
    let (month, at) = small(i + 5, '月')?;
    let (day, at) = small(at, '日')?;
    Some((Date::new(year as i32, month, day)?, at - i))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(text: &str) -> String {
        let m = read(&Document::from_text(text));
        format!(
            "title={} body={} year={} period={} published={}",
            m.title.unwrap_or_default(),
            m.body.unwrap_or_default(),
            m.title_year.map_or(0, |y| y.value),
            m.period_year.map_or(0, |y| y.value),
            m.published.map_or(String::new(), |d| d.value.to_string())
        )
    }

    #[test]
    fn title_wrapped_after_the_body() {
        assert_eq!(
            meta(
                "         淮安市洪泽区人民政府\n    2024 年政府信息公开工作年度报告\n\n报告中所列数据统计期限自 2024 年 1 月 1 日\n起至 2024 年 12 月 31 日止。"
            ),
            "title=淮安市洪泽区人民政府2024年政府信息公开工作年度报告 body=淮安市洪泽区人民政府 year=2024 period=2024 published="
        );
    }

    #[test]
    fn title_wrapped_before_the_subject_ends() {
        assert_eq!(
            meta(
                "正文\n2025 年上海市人民政府办公厅政府信息公开\n工作年度报告\n本年度报告中所列数据统计期限为 2025\n年 1 月 1 日至 12 月 31 日。"
            ),
            "title=2025年上海市人民政府办公厅政府信息公开工作年度报告 body=上海市人民政府办公厅 year=2025 period=2025 published="
        );
    }

    #[test]
    fn labelled_title_and_date() {
        assert_eq!(
            meta("标题: 平潭综合实验区2019年度政府信息公开工作年度报告\n发布时间: 2020-01-20 15:22\n发布机构: \n栏目: 年报"),
            "title=平潭综合实验区2019年度政府信息公开工作年度报告 body=平潭综合实验区 year=2019 period=0 published=2020-01-20"
        );
        assert_eq!(
            meta(
                "当前位置:首页 > 政府信息公开年报\n安岳县清流镇人民政府2019年政府信息公开工作年度报告\n发布时间:2020-01-14   录入:安岳县清流镇"
            ),
            "title=安岳县清流镇人民政府2019年政府信息公开工作年度报告 body=安岳县清流镇人民政府 year=2019 period=0 published=2020-01-14"
        );
    }

    #[test]
    fn title_lines_apart() {
        // PDF text: a blank line between the body and the rest of the title.
        assert!(meta("          淮安市清江浦区住房和城乡建设局\n\n    2023年政府信息公开工作年度报告\n").starts_with(
            "title=淮安市清江浦区住房和城乡建设局2023年政府信息公开工作年度报告 body=淮安市清江浦区住房和城乡建设局 year=2023"
        ));
        // Prose a few lines up is not part of the title.
        assert!(meta("本报告依据条例编制。\n\n\n\n2023年政府信息公开工作年度报告\n").starts_with("title=2023年政府信息公开工作年度报告 "));
    }

    #[test]
    fn markdown_heading_marks_are_not_part_of_the_title() {
        assert!(
            meta("# 杭州市拱墅区卫生健康局2023年政府信息公开工作年度报告\n")
                .starts_with("title=杭州市拱墅区卫生健康局2023年政府信息公开工作年度报告 body=杭州市拱墅区卫生健康局 ")
        );
        assert!(
            meta("**杭州市拱墅区卫生健康局2023年政府信息公开工作年度报告**\n")
                .starts_with("title=杭州市拱墅区卫生健康局2023年政府信息公开工作年度报告 ")
        );
        assert!(
            meta("## 杭州市拱墅区卫生健康局\n## 2023年政府信息公开工作年度报告\n")
                .starts_with("title=杭州市拱墅区卫生健康局2023年政府信息公开工作年度报告 ")
        );
    }

    #[test]
    fn a_page_title_loses_its_site_suffix() {
        assert!(
            meta("沭阳县发展和改革局2023年政府信息公开年度报告-沭阳县发改局\n")
                .starts_with("title=沭阳县发展和改革局2023年政府信息公开年度报告 body=")
        );
    }

    #[test]
    fn signature_date_at_the_end() {
        let text = "XX局2023年政府信息公开工作年度报告\n正文……\nXX局\n2024年1月25日";
        assert!(meta(text).ends_with("published=2024-01-25"));
    }

    #[test]
    fn dates_in_every_written_form() {
        let d = |s: &str| date_at(&s.chars().collect::<Vec<_>>(), 0).map(|(d, _)| d.to_string());
        assert_eq!(d("2020-01-14"), Some("2020-01-14".into()));
        assert_eq!(d("2020/1/4"), Some("2020-01-04".into()));
        assert_eq!(d("2020年1月14日"), Some("2020-01-14".into()));
        assert_eq!(d("2020年13月14日"), None);
        assert_eq!(d("2020-02-30"), None);
        assert_eq!(d("二〇二四年二月二十日"), Some("2024-02-20".into()));
        assert_eq!(d("二〇二三年十二月三十一日"), Some("2023-12-31".into()));
        assert_eq!(d("二〇二四年一月十日"), Some("2024-01-10".into()));
        assert_eq!(d("二零二四年三月五日"), Some("2024-03-05".into()));
        assert_eq!(d("二〇二四年十三月一日"), None);
        assert_eq!(d("二〇二四年二月二十十日"), None);
        assert_eq!(d("二〇二四年"), None);
    }

    #[test]
    fn a_date_in_chinese_numerals_signs_the_report() {
        let text = "某某县审计局2023年政府信息公开工作年度报告\n正文。\n某某县审计局\n二〇二四年二月二十日\n";
        assert!(meta(text).ends_with("published=2024-02-20"), "{}", meta(text));
        assert!(meta("发布日期：二〇二四年二月二十日\n某某县审计局2023年政府信息公开工作年度报告\n").ends_with("published=2024-02-20"));
    }

    #[test]
    fn labelled_body_ends_with_its_line_or_the_next_label() {
        let town = "发布机构：沭阳县胡集镇人民政府　生成日期：2024-03-12\n2023年政府信息公开工作年度报告\n";
        assert!(meta(town).contains(" body=沭阳县胡集镇人民政府 "), "{}", meta(town));
        let lines =
            "发布机构：沭阳县审计局\n本报告根据《中华人民共和国政府信息公开条例》编制。\n沭阳县审计局2023年政府信息公开工作年度报告\n";
        assert!(meta(lines).contains(" body=沭阳县审计局 "), "{}", meta(lines));
        // The labelled line just before the title is not part of the title.
        assert!(meta(lines).starts_with("title=沭阳县审计局2023年政府信息公开工作年度报告 "), "{}", meta(lines));
    }

    #[test]
    fn body_of_a_title_with_the_year_after_the_subject_or_a_leading_guanyu() {
        assert!(meta("沭阳县胡集镇人民政府政府信息公开工作年度报告（2023年度）\n").contains(" body=沭阳县胡集镇人民政府 year=2023"));
        assert!(meta("关于泗阳县审计局2023年政府信息公开工作年度报告\n").contains(" body=泗阳县审计局 "));
    }

    #[test]
    fn the_body_that_signs_a_title_without_one() {
        let text = "2023年政府信息公开工作年度报告\n正文。\n特此报告。\n沭阳县胡集镇人民政府\n2024年3月12日\n";
        assert!(meta(text).contains(" body=沭阳县胡集镇人民政府 "), "{}", meta(text));
        let same_line = "2023年政府信息公开工作年度报告\n正文。\n沭阳县审计局 2024年1月12日\n";
        assert!(meta(same_line).contains(" body=沭阳县审计局 "), "{}", meta(same_line));
        let no_name = "2023年政府信息公开工作年度报告\n正文。\n特此报告\n2024年1月12日\n";
        assert!(meta(no_name).contains(" body= "), "{}", meta(no_name));
    }

    #[test]
    fn the_body_is_the_titles_subject_then_the_signature_then_the_publisher() {
        let body = |text: &str| read(&Document::from_text(text)).body.unwrap_or_default();
        // The zone's own report, published and signed by the office that compiles it.
        let zone = "平潭综合实验区2023年度政府信息公开工作年度报告\n发布机构：平潭综合实验区管委会办公室　发布日期：2024-03-20\n正文。\n平潭综合实验区管委会办公室\n2024年3月20日\n";
        assert_eq!(body(zone), "平潭综合实验区");
        // The office's own report names the office in its title.
        let office = "平潭综合实验区管委会办公室2023年政府信息公开工作年度报告\n发布机构：平潭综合实验区管委会\n正文。\n";
        assert_eq!(body(office), "平潭综合实验区管委会办公室");
        // No body in the title: the signature, before the publisher line (a county's portal
        // publishes its departments' reports).
        let department = "2023年政府信息公开工作年度报告\n发布机构：沭阳县人民政府\n正文。\n沭阳县教育局\n2024年1月20日\n";
        assert_eq!(body(department), "沭阳县教育局");
        // Neither: the publisher line.
        let unsigned = "2023年政府信息公开工作年度报告\n发布机构：沭阳县教育局\n正文。\n特此报告\n2024年1月20日\n";
        assert_eq!(body(unsigned), "沭阳县教育局");
        // A title that names its body only as 本局: the signature.
        let pronoun = "本局2023年政府信息公开工作年度报告\n正文。\n沭阳县审计局\n2024年1月12日\n";
        assert_eq!(body(pronoun), "沭阳县审计局");
        assert_eq!(body("2023年政府信息公开工作年度报告\n正文。\n"), "", "no body anywhere");
    }

    #[test]
    fn a_date_labelled_only_time_or_date() {
        let title = "沭阳县审计局2023年政府信息公开工作年度报告\n";
        assert!(meta(&format!("{title}时间：2024-02-26　来源：沭阳县审计局\n")).ends_with("published=2024-02-26"));
        assert!(meta(&format!("{title}来源：沭阳县审计局　日期：2024-02-26\n")).ends_with("published=2024-02-26"));
        // Not a word that ends in 时间 or 日期.
        assert!(
            meta(&format!("{title}打印时间：2024-05-01\n")).ends_with("published="),
            "{}",
            meta(&format!("{title}打印时间：2024-05-01\n"))
        );
        assert!(meta(&format!("{title}生成日期：2024-03-12\n发布日期：2024-01-20\n")).ends_with("published=2024-01-20"));
    }

    #[test]
    fn an_unlabelled_date_under_the_title() {
        let title = "沭阳县审计局2023年政府信息公开工作年度报告\n";
        assert!(meta(&format!("{title}2024-02-26 10:00　来源：沭阳县审计局\n")).ends_with("published=2024-02-26"));
        assert!(meta(&format!("{title}\n[2024-01-26]　【字体：大 中 小】\n")).ends_with("published=2024-01-26"));
        assert!(meta(&format!("[2024-01-26]　【字体：大 中 小】\n{title}")).ends_with("published=2024-01-26"));
        // A sentence that starts with a date is not one.
        let period = format!("{title}2023年1月1日至12月31日，本局共收到申请5件。\n");
        assert!(meta(&period).ends_with("published="), "{}", meta(&period));
    }

    #[test]
    fn a_breadcrumb_is_not_the_title() {
        let text = "当前位置：首页 > 政府信息公开 > 政府信息公开年报 > 2023年度\n沭阳县人民政府2023年政府信息公开工作年度报告\n";
        assert!(meta(text).starts_with("title=沭阳县人民政府2023年政府信息公开工作年度报告 body=沭阳县人民政府 "), "{}", meta(text));
    }
}
