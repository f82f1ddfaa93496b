//! Figures the prose states that the tables also count: "共收到政府信息公开申请72件",
//! "上年结转4件", "被申请行政复议3件". Only a figure right after its words, with the unit 件,
//! outside the tables, and not about last year or a part ("其中", "同比") is taken.

use std::ops::Range;

use super::tokens::{Kind, Read, Tokens};
use crate::model::{Claim, Claimed, Unit};

/// The claims of the prose, outside the tables' stretches of tokens.
pub fn find(tokens: &Tokens, tables: &[Range<usize>]) -> Vec<Claim> {
    let mut claims = Vec::new();
    for (i, token) in tokens.list.iter().enumerate() {
        if tables.iter().any(|r| r.contains(&i)) {
            continue;
        }
        let Kind::Value(v) = &token.kind else { continue };
        let Read::Number { value, unit: Unit::Count, signed: false } = v.read else { continue };
        // The words before the figure, across the line breaks of wrapped prose (a line of
        // prose is long; a short line before is a heading, not part of the sentence).
        let mut text = String::new();
        let mut line = String::new();
        for prior in tokens.list[..i].iter().rev() {
            match prior.kind {
                Kind::Text => line.insert_str(0, tokens.norm_of(prior)),
                Kind::Value(_) => break,
                Kind::Break { .. } => {
                    let first_line = text.is_empty();
                    if !first_line && (line.chars().count() <= 16 || is_heading(&line)) {
                        line.clear();
                        break;
                    }
                    text.insert_str(0, &line);
                    line.clear();
                }
            }
            if text.len() + line.len() > 120 || line.contains(['。', ';', ',']) {
                break;
            }
        }
        if !line.is_empty() && (text.is_empty() || (line.chars().count() > 16 && !is_heading(&line)) || line.contains(['。', ';', ','])) {
            text.insert_str(0, &line);
        }
        if text.is_empty() {
            continue;
        }
        let text = text.as_str();
        let clause_start = text
            .rfind([',', '。', ';', ':', '，', '；', '、', '(', ')'])
            .map_or(0, |i| i + text[i..].chars().next().map_or(1, char::len_utf8));
        let clause = &text[clause_start..];
        let Some(what) = classify(clause) else { continue };
        if clause.chars().count() > 30
            || ["其中", "同比", "去年", "上一年度", "较上年", "累计", "以来", "历年"].iter().any(|w| clause.contains(w))
        {
            continue;
        }
        claims.push(Claim {
            what,
            value,
            quote: format!("{clause}{}", tokens.raw_of(v).trim()),
            // The figure's own place: the words were folded, their bytes are not the input's.
            span: Some(token.span),
        });
    }
    claims
}

/// A numbered heading ("四、政府信息公开行政复议、行政诉讼情况", "(二)…"): not the start of the
/// sentence below it.
fn is_heading(line: &str) -> bool {
    let mut chars = line.chars();
    let numeral = |c: Option<char>| c.is_some_and(|c| "一二三四五六七八九十".contains(c));
    match chars.next() {
        Some('(') => numeral(chars.next()),
        first => numeral(first) && matches!(chars.next(), Some('、' | '.')),
    }
}

/// How the words before each kind of claimed figure may end.
const CARRIED_OVER_ENDINGS: &[&str] = &["上年结转", "上年度结转", "结转上年度", "结转上年", "申请", "上年结转申请"];
const NEW_REQUESTS_ENDINGS: &[&str] = &["申请", "公开申请", "申请共", "申请数量"];
const REVIEWS_ENDINGS: &[&str] = &["行政复议", "行政复议案件", "行政复议申请"];
const SUITS_ENDINGS: &[&str] = &["行政诉讼", "行政诉讼案件"];

/// What the words right before a figure count, if they name something a table counts.
fn classify(clause: &str) -> Option<Claimed> {
    let ends = |words: &[&str]| words.iter().any(|w| clause.ends_with(w));
    // Most figures' words end otherwise: told at once, before the words are searched.
    if ![CARRIED_OVER_ENDINGS, NEW_REQUESTS_ENDINGS, REVIEWS_ENDINGS, SUITS_ENDINGS].iter().any(|endings| ends(endings)) {
        return None;
    }
    if clause.contains("上年结转") || clause.contains("上年度结转") || clause.contains("结转上年") {
        return ends(CARRIED_OVER_ENDINGS).then_some(Claimed::CarriedOver);
    }
    if (clause.contains("收到") || clause.contains("受理") || clause.contains("新收"))
        && clause.contains("申请")
        && !clause.contains("结转")
    {
        return ends(NEW_REQUESTS_ENDINGS).then_some(Claimed::NewRequests);
    }
    if clause.contains("行政复议") && !clause.contains("诉讼") {
        return ends(REVIEWS_ENDINGS).then_some(Claimed::Reviews);
    }
    if clause.contains("行政诉讼") && !clause.contains("复议") {
        return ends(SUITS_ENDINGS).then_some(Claimed::Suits);
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::model::Claimed;

    fn claims(text: &str) -> Vec<(Claimed, String, String)> {
        crate::parse::parse(text).claims.into_iter().map(|c| (c.what, c.value.to_string(), c.quote)).collect()
    }

    #[test]
    fn figures_right_after_their_words() {
        assert_eq!(
            claims(
                "一、总体情况\n2023年，本局共收到政府信息公开申请72件，上年结转4件，均已按时办结。本年度被申请行政复议3件，行政诉讼1件。\n"
            ),
            [
                (Claimed::NewRequests, "72".to_string(), "本局共收到政府信息公开申请72件".to_string()),
                (Claimed::CarriedOver, "4".to_string(), "上年结转4件".to_string()),
                (Claimed::Reviews, "3".to_string(), "本年度被申请行政复议3件".to_string()),
                (Claimed::Suits, "1".to_string(), "行政诉讼1件".to_string()),
            ]
        );
    }

    #[test]
    fn a_figure_on_the_line_under_a_heading_is_read_without_the_heading() {
        assert_eq!(
            claims("四、政府信息公开行政复议、行政诉讼情况\n全年共发生政府信息公开行政复议100件。\n"),
            [(Claimed::Reviews, "100".to_string(), "全年共发生政府信息公开行政复议100件".to_string())]
        );
        assert_eq!(
            claims("四、政府信息公开行政复议、行政诉讼情况\n全年共发生政府信息公开行政诉讼2件。\n"),
            [(Claimed::Suits, "2".to_string(), "全年共发生政府信息公开行政诉讼2件".to_string())]
        );
        // A long line of prose wrapped onto the figure's line still counts.
        assert_eq!(claims("一、总体情况\n本年度，本机关认真贯彻落实条例要求，全年共收到政府\n信息公开申请35件。\n")[0].1, "35");
    }

    #[test]
    fn not_last_years_nor_parts() {
        assert!(claims("其中收到政府信息公开申请12件；同比收到申请减少5件；上一年度收到申请30件。").is_empty());
        assert!(claims("发布政府信息2428条，公开政府常务会议7期。").is_empty());
    }
}
