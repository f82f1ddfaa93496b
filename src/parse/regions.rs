//! Finding the six parts and the three tables in the token stream.
//!
//! Part headings are recognised by their wording with a numeral before them ("二、主动公开
//! 政府信息情况"); the numeral itself is not trusted, since reports misnumber their parts.
//! Tables are recognised by what only a table contains (表二's "第二十条第（一）项", 表三's
//! "勾稽关系" note and "本年新收政府信息公开申请数量", 表四's "未经复议直接起诉"), so that a
//! table is found even where its heading is missing, and a heading without its table is seen.

use std::collections::BTreeMap;
use std::ops::Range;

use super::tokens::Tokens;
use crate::model::{Part, Table};

/// Where the parts and tables are, as byte ranges of [`Tokens::norm`].
#[derive(Debug, Default)]
pub struct Regions {
    /// Each part heading found: its range in the folded text.
    pub parts: BTreeMap<Part, Range<usize>>,
    /// Each table's stretch of folded text, from its first sign to where the next begins.
    pub tables: BTreeMap<Table, Range<usize>>,
}

/// The wording of each part heading, most specific first.
const PART_KEYS: &[(Part, &[&str])] = &[
    (Part::Overview, &["总体情况", "基本情况", "工作概述", "概述"]),
    (Part::Proactive, &["主动公开政府信息情况", "主动公开政府信息"]),
    (Part::Requests, &["收到和处理政府信息公开申请情况", "收到和处理政府信息公开申请", "依申请公开政府信息情况"]),
    (
        Part::Appeals,
        &[
            "行政复议、行政诉讼情况",
            "行政复议和行政诉讼情况",
            "行政复议及行政诉讼情况",
            "复议、行政诉讼情况",
            "行政复议、提起行政诉讼",
            "行政复议和提起行政诉讼",
        ],
    ),
    (
        Part::Problems,
        &["存在的主要问题及改进情况", "存在的主要问题", "存在问题及改进", "主要问题及改进", "问题及改进情况", "存在的不足", "存在的问题"],
    ),
    (Part::Other, &["其他需要报告的事项", "其他需要报告", "其他需要说明的事项", "其他需要说明", "其他事项"]),
];

/// What only a table contains, per table.
const TABLE_ANCHORS: &[(Table, &[&str])] = &[
    (
        Table::Proactive,
        &[
            "第二十条第(一)项",
            "第二十条第(五)项",
            "第二十条第(六)项",
            "第二十条第(八)项",
            "第二十条第(九)项",
            "本年制发件数",
            "本年新制作数量",
            "本年收费金额",
        ],
    ),
    (Table::Requests, &["勾稽关系", "申请人情况"]),
    (Table::Appeals, &["未经复议直接起诉", "复议后起诉", "尚未审结", "结果维持"]),
];

/// 表三's first row's full label: where its header is lost, it marks the table.
const REQUESTS_FIRST_ROW: &str = "本年新收政府信息公开申请数量";

/// What the one search over the text looks for.
#[derive(Clone, Copy)]
enum Word {
    Heading(Part),
    Anchor(Table),
    RequestsFirstRow,
}

/// Finds the parts and tables.
pub fn find(tokens: &Tokens) -> Regions {
    let norm = tokens.norm.as_str();
    let hay = Haystack::new(norm);
    // Every heading key and table anchor, found in one pass over the text.
    let mut words: Vec<(Word, &str)> =
        PART_KEYS.iter().flat_map(|(part, keys)| keys.iter().map(move |k| (Word::Heading(*part), *k))).collect();
    words.extend(TABLE_ANCHORS.iter().flat_map(|(table, anchors)| anchors.iter().map(move |a| (Word::Anchor(*table), *a))));
    words.push((Word::RequestsFirstRow, REQUESTS_FIRST_ROW));
    let needles: Vec<&str> = words.iter().map(|(_, w)| *w).collect();
    let found = hay.find_all_of(&needles);
    let headings = found.iter().filter_map(|(k, range)| match words[*k].0 {
        Word::Heading(part) => Some((part, range.clone())),
        _ => None,
    });
    let parts = find_parts(norm, headings);
    let mut regions = Regions { parts, tables: BTreeMap::new() };
    // The first occurrence of a table's anchors (or of 表三's first row) at or after `floor`.
    let first_of = |wanted: &dyn Fn(Word) -> bool, floor: usize| {
        found.iter().filter(|(k, range)| wanted(words[*k].0) && range.start >= floor).map(|(_, range)| range.start).min()
    };

    // Each table starts at its first anchor after the previous table's start. (Not at its
    // part heading: prose between a heading and its table may mention row labels with
    // numbers, "办理行政许可123件", which must not be read as table rows.)
    let mut floor = 0;
    let mut starts: Vec<(Table, usize)> = Vec::new();
    for (table, _) in TABLE_ANCHORS {
        let mut anchor = first_of(&|w| matches!(w, Word::Anchor(t) if t == *table), floor);
        // 表三 without its header (a copy that lost it): its first row's full label marks it.
        // Only as a fallback, since prose before the table may say "本年新收政府信息公开申请…".
        if anchor.is_none() && *table == Table::Requests {
            anchor = first_of(&|w| matches!(w, Word::RequestsFirstRow), floor);
        }
        // Header words broken beyond recognition (a narrow PDF column): the part heading.
        if anchor.is_none() && *table == Table::Requests {
            anchor = regions.parts.get(&Part::Requests).map(|r| r.end).filter(|at| *at >= floor);
        }
        // 表四's header words may be broken beyond recognition in a PDF copy; its part heading
        // then marks where it starts.
        if anchor.is_none() && *table == Table::Appeals {
            anchor = regions.parts.get(&Part::Appeals).map(|r| r.end).filter(|at| *at >= floor && floor > 0);
        }
        if let Some(at) = anchor {
            starts.push((*table, at));
            floor = at;
        }
    }
    for (i, (table, start)) in starts.iter().enumerate() {
        let next_table = starts.get(i + 1).map(|(_, s)| *s);
        // A table ends where the next table or the next part begins.
        let next_part =
            regions.parts.iter().filter(|(part, range)| **part > table.part() && range.start > *start).map(|(_, range)| range.start).min();
        let end = [next_table, next_part].into_iter().flatten().min().unwrap_or(norm.len()).max(*start);
        regions.tables.insert(*table, *start..end);
    }
    regions
}

/// Finds the part headings among the occurrences of their keys in the folded text `norm`,
/// keeping a set that reads in order.
fn find_parts(norm: &str, keys_found: impl Iterator<Item = (Part, Range<usize>)>) -> BTreeMap<Part, Range<usize>> {
    let mut candidates: Vec<(Part, Range<usize>)> = Vec::new();
    for (part, found) in keys_found {
        if let Some(start) = heading_start(norm, found.start) {
            candidates.push((part, start..found.end));
        }
    }
    crate::model::sort_stable_by(&mut candidates, |a, b| (a.1.start, a.0).cmp(&(b.1.start, b.0)));
    candidates.dedup_by(|a, b| a.0 == b.0 && a.1.start == b.1.start);
    // The longest chain of headings in part order and text order (few candidates: quadratic
    // is fine, and the count is capped so hostile input cannot make it slow).
    candidates.truncate(400);
    let n = candidates.len();
    let mut best = vec![1usize; n];
    let mut prev = vec![usize::MAX; n];
    for i in 0..n {
        for j in 0..i {
            if candidates[j].0 < candidates[i].0 && candidates[j].1.end <= candidates[i].1.start && best[j] + 1 > best[i] {
                best[i] = best[j] + 1;
                prev[i] = j;
            }
        }
    }
    let mut parts = BTreeMap::new();
    if let Some(mut i) = (0..n).max_by_key(|&i| (best[i], usize::MAX - i)) {
        loop {
            parts.insert(candidates[i].0, candidates[i].1.clone());
            if prev[i] == usize::MAX {
                break;
            }
            i = prev[i];
        }
    }
    // Parts 五 and 六 under one heading: "五、存在的主要问题、改进情况及其他需要报告的事项".
    if let (Some(five), false) = (parts.get(&Part::Problems).cloned(), parts.contains_key(&Part::Other)) {
        let line_end = norm[five.start..].find('\n').map_or(norm.len(), |i| five.start + i);
        let line = &norm[five.start..line_end];
        if line.contains("其他需要报告") || line.contains("其他事项") {
            parts.insert(Part::Other, five);
        }
    }
    parts
}

/// If the key at `key_start` is a heading, where the heading starts: a numeral with "、" or
/// "." shortly before the key, at the start of a line, a sentence or after a number; or the
/// key opening a short line of its own.
fn heading_start(norm: &str, key_start: usize) -> Option<usize> {
    let before = &norm[..key_start];
    // Look back at most 16 characters, stopping at a line, sentence or value boundary.
    let mut context_start = key_start;
    for (count, (i, c)) in before.char_indices().rev().enumerate() {
        if count >= 14 || matches!(c, '\n' | '#' | '。' | ';' | '；' | ':' | '!' | '?') {
            break;
        }
        context_start = i;
    }
    let context: Vec<(usize, char)> = norm[context_start..key_start].char_indices().map(|(i, c)| (context_start + i, c)).collect();
    let numeral = |c: char| matches!(c, '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九');
    // The numbering closest to the key: "六、", "6.", "第六部分".
    for k in (0..context.len()).rev() {
        let (at, c) = context[k];
        let next = context.get(k + 1).map(|(_, c)| *c);
        if (numeral(c) || c.is_ascii_digit()) && matches!(next, Some('、' | '.' | ',')) {
            let digit_glued = k > 0 && context[k - 1].1.is_ascii_digit();
            return (!digit_glued).then_some(at);
        }
        if c == '第' && next.is_some_and(numeral) && context[k..].iter().any(|(_, c)| *c == '部') {
            return Some(at);
        }
        // "（五）…": the numeral in parentheses.
        if c == '(' && next.is_some_and(numeral) && context.get(k + 2).is_some_and(|(_, c)| *c == ')') {
            return Some(at);
        }
    }
    if context.is_empty() {
        // The key opens its line; a heading if the line is short.
        let line_end = norm[key_start..].find('\n').map_or(norm.len(), |i| key_start + i);
        let at_line_start = before.is_empty() || before.ends_with('\n');
        return (at_line_start && norm[key_start..line_end].chars().count() <= 24).then_some(key_start);
    }
    None
}

/// The folded text prepared for searching: a match may have line breaks inside it, so that
/// labels that wrap in PDF text still match.
pub struct Haystack<'a> {
    norm: &'a str,
}

/// How many buckets the needles' first characters are spread over (by code point): a
/// character of the text looks at its bucket only.
const BUCKETS: usize = 1024;

/// The length in bytes of the UTF-8 character that `text` starts with, and its bucket: its
/// code point modulo [`BUCKETS`], which is its last byte's six low bits under the four low
/// bits of the byte before. None at the end.
fn len_and_bucket(text: &[u8]) -> Option<(usize, usize)> {
    let bucket = |before: u8, last: u8| (usize::from(before & 0x0F) << 6) | usize::from(last & 0x3F);
    match *text {
        [lead, ..] if lead < 0x80 => Some((1, usize::from(lead))),
        [lead, b1, b2, ..] if lead & 0xF0 == 0xE0 => Some((3, bucket(b1, b2))),
        [lead, b1, ..] if lead < 0xE0 => Some((2, bucket(lead, b1))),
        [_, _, b2, b3, ..] => Some((4, bucket(b2, b3))),
        _ => None,
    }
}

impl<'a> Haystack<'a> {
    pub fn new(norm: &'a str) -> Haystack<'a> {
        Haystack { norm }
    }

    /// Every occurrence of each of `needles` (none of which holds a line break), in one pass
    /// over the text: (needle index, range in the folded text), by position, then by needle.
    pub fn find_all_of(&self, needles: &[&str]) -> Vec<(usize, Range<usize>)> {
        // The needles by bucket of their first character, then by that character, then in
        // their own order, so that a character of the text visits only the needles of its
        // bucket. Each put in its place as it comes: there are a few dozen, and the standard
        // sort would add its own copy for this type to the wasm (about 2 KB compressed).
        let mut firsts: Vec<(usize, char, usize)> = Vec::with_capacity(needles.len());
        for (k, needle) in needles.iter().enumerate() {
            if let Some(c) = needle.chars().next() {
                let key = (c as usize % BUCKETS, c);
                let at = firsts.partition_point(|&(bucket, first, _)| (bucket, first) <= key);
                firsts.insert(at, (key.0, c, k));
            }
        }
        // Where each bucket's needles start in `firsts` (u16::MAX: none).
        let mut bucket_start = [u16::MAX; BUCKETS];
        for (i, &(bucket, _, _)) in firsts.iter().enumerate().rev() {
            bucket_start[bucket] = i as u16;
        }
        let text = self.norm.as_bytes();
        let mut found = Vec::new();
        // Byte by byte rather than char by char: a character's bucket (its code point's low
        // ten bits) is told from its last two bytes, and only a character whose bucket holds a
        // needle is decoded.
        let mut rest = text;
        while let Some((len, bucket)) = len_and_bucket(rest) {
            let start = bucket_start[bucket];
            let i = text.len() - rest.len();
            if start != u16::MAX
                && let Some(c) = self.norm.get(i..).and_then(|rest| rest.chars().next())
            {
                for &(_, first, k) in firsts[usize::from(start)..].iter().take_while(|&&(b, _, _)| b == bucket) {
                    if first != c {
                        continue;
                    }
                    if let Some(end) = match_across_breaks(text, i + len, &needles[k].as_bytes()[len..]) {
                        found.push((k, i..end));
                    }
                }
            }
            rest = rest.get(len..).unwrap_or_default();
        }
        found
    }
}

/// Whether the bytes `rest` follow at `from` in `text`, line breaks in the text skipped;
/// where the match ends.
fn match_across_breaks(text: &[u8], from: usize, rest: &[u8]) -> Option<usize> {
    let mut at = from;
    for &b in rest {
        while *text.get(at)? == b'\n' {
            at += 1;
        }
        if text[at] != b {
            return None;
        }
        at += 1;
    }
    Some(at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::layout::Document;
    use crate::parse::tokens::tokenize;

    fn regions(text: &str) -> (Vec<Part>, Vec<(Table, String)>) {
        let doc = Document::from_text(text);
        let tokens = tokenize(&doc);
        let r = find(&tokens);
        let tables = r.tables.iter().map(|(t, range)| (*t, tokens.norm[range.clone()].replace('\n', "/"))).collect();
        (r.parts.keys().copied().collect(), tables)
    }

    #[test]
    fn finds_numbered_headings_in_order_even_when_misnumbered() {
        let text = "标题\n本报告包括总体情况、主动公开政府信息情况等六个部分。\n一、主动公开政府信息情况\n第二十条第（一）项\n规章\t1\n二、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量\t1\n四、结转下年度继续办理\t0\n三、政府信息公开行政复议、行政诉讼情况\n结果维持\n五、存在的主要问题及改进情况\n无\n";
        let (parts, tables) = regions(text);
        assert_eq!(parts, [Part::Proactive, Part::Requests, Part::Appeals, Part::Problems]);
        assert_eq!(tables.len(), 3);
        assert!(tables[0].1.starts_with("第二十条第(一)项"), "{}", tables[0].1);
        assert!(tables[1].1.contains("本年新收"));
        assert!(tables[2].1.contains("结果维持"));
        assert!(!tables[2].1.contains("存在的主要问题"));
    }

    #[test]
    fn flattened_text_headings_after_sentences() {
        let text = "前言。一、总体情况2019年，我区……。二、主动公开政府信息情况 第二十条第（一）项信息内容规章000三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为）一、本年新收政府信息公开申请数量0000000四、政府信息公开行政法复议、行政诉讼情况行政复议行政诉讼结果维持000000000000000 五、存在的主要问题及改进情况 六、其他需要报告的事项 无";
        let (parts, tables) = regions(text);
        assert_eq!(parts, Part::ALL);
        assert_eq!(tables.iter().map(|(t, _)| *t).collect::<Vec<_>>(), Table::ALL);
    }

    #[test]
    fn a_heading_without_its_table() {
        let (parts, tables) =
            regions("二、主动公开政府信息情况\n本年主动公开信息20条。\n三、收到和处理政府信息公开申请情况\n本年未收到申请。");
        assert_eq!(parts, [Part::Proactive, Part::Requests]);
        // 表二 has no sign at all; 表三's stretch falls back to its heading (and holds no rows,
        // which the reader reports as a table missing under its heading).
        assert_eq!(tables, [(Table::Requests, "/本年未收到申请。/".to_string())]);
    }

    #[test]
    fn search_lets_line_breaks_fall_inside() {
        let find = |hay: &str, needle: &str, from: usize| {
            Haystack::new(hay).find_all_of(&[needle]).into_iter().map(|(_, range)| range).find(|range| range.start >= from)
        };
        assert_eq!(find("ab\ncd", "bc", 0), Some(1..4));
        assert_eq!(find("abcd", "bd", 0), None);
        assert_eq!(find("xbc bc", "bc", 2), Some(4..6));
        assert_eq!(find("a\n\nb\ncd\n", "cd", 0), Some(5..7));
        assert_eq!(find("一\n二三", "一二", 0), Some(0..7));
        assert_eq!(find("一\n二三一二", "一二", 3), Some(10..16));
        // Characters of two and four bytes, as needles' first characters and between them.
        assert_eq!(find("aé\n😀b", "😀b", 0), Some(4..9));
        assert_eq!(find("😀éx", "éx", 0), Some(4..7));
    }

    #[test]
    fn a_characters_bucket_is_its_code_point_modulo_the_buckets() {
        for c in (0..=0x10FFFF).step_by(7).filter_map(char::from_u32) {
            let mut bytes = [0; 4];
            let encoded = c.encode_utf8(&mut bytes).as_bytes();
            assert_eq!(len_and_bucket(encoded), Some((c.len_utf8(), c as usize % BUCKETS)), "{c:?}");
        }
        assert_eq!(len_and_bucket(b""), None);
    }
}
