//! The open reports as the page keeps them across a reload (in the browser's IndexedDB, on
//! this computer only; `ui::storage` does the storing), and how a save went.
//!
//! The stored forms are small length-prefixed texts (no serde: its deserializer would add
//! more to the wasm than this whole module). A report is one entry: a line `kind len len len`
//! followed by the report's name and its (up to two) texts, each exactly `len` bytes (a PDF's
//! second is its pages, `Pages::to_words` as decimal numbers). Each report is a record of its
//! own (a first line naming the layout, then its entry), so that a change writes one report;
//! the desk's order is a record of its own too ([`encode_order`]). [`encode`] puts several
//! entries after one first line: the form the exports hand to the page's second module, and
//! the one an older page kept in `localStorage` (read once, to move it).

use super::doc::Input;
use crate::input::pdf::Pages;

/// The first word of the stored text, naming its layout; a later layout gets another.
const LAYOUT: &str = "nianbao-reports-1";
/// The first line of one report's record.
const REPORT_LAYOUT: &str = "nianbao-report-1";
/// The first word of the desk's order record.
const ORDER_LAYOUT: &str = "nianbao-desk-1";
/// The first line of a bundle of records.
const BUNDLE_LAYOUT: &str = "nianbao-bundle-1";

/// How a save went.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Saved {
    /// Everything was stored.
    All,
    /// The browser's storage is full: the reports named could not be kept (the others were).
    Partly { not_kept: Vec<String> },
    /// Nothing could be stored (the browser offers no storage to this page).
    Nothing,
}

impl Saved {
    /// The `data-saved` value of the page's note on saving.
    pub fn key(&self) -> &'static str {
        match self {
            Saved::All => "all",
            Saved::Partly { .. } => "partly",
            Saved::Nothing => "nothing",
        }
    }

    /// What the page says about it.
    pub fn words(&self) -> String {
        match self {
            Saved::All => "已保存在本机，刷新页面不会丢失".to_string(),
            Saved::Partly { not_kept } => {
                format!("本机存储空间已满，以下 {} 份报告未能保存，刷新页面后需重新放入：{}", not_kept.len(), not_kept.join("、"))
            }
            Saved::Nothing => "浏览器不允许本页存储，未能保存在本机；刷新页面后需重新放入".to_string(),
        }
    }
}

/// The stored form of `reports`.
pub fn encode(reports: &[(String, Input)], current: usize) -> String {
    let mut out = format!("{LAYOUT} {current}\n");
    for (name, input) in reports {
        push_entry(&mut out, name, input);
    }
    out
}

/// The reports and the index of the one shown, from their stored form; `None` for anything
/// else (another layout, a damaged text).
pub fn decode(stored: &str) -> Option<(Vec<(String, Input)>, usize)> {
    let (head, mut rest) = stored.split_once('\n')?;
    let current = head.strip_prefix(LAYOUT)?.trim().parse().ok()?;
    let mut reports = Vec::new();
    while !rest.is_empty() {
        reports.push(take_entry(&mut rest)?);
    }
    Some((reports, current))
}

/// One report's record.
pub fn encode_report(name: &str, input: &Input) -> String {
    let mut out = format!("{REPORT_LAYOUT}\n");
    push_entry(&mut out, name, input);
    out
}

/// A report's name and input from its record; `None` for anything else.
pub fn decode_report(stored: &str) -> Option<(String, Input)> {
    let mut rest = stored.strip_prefix(REPORT_LAYOUT)?.strip_prefix('\n')?;
    let report = take_entry(&mut rest)?;
    rest.is_empty().then_some(report)
}

/// The desk's order record: the reports' ids in the order they are listed, and the id of the
/// one shown.
pub fn encode_order(ids: &[u32], current: u32) -> String {
    let mut out = format!("{ORDER_LAYOUT} {current}");
    for id in ids {
        out.push_str(&format!(" {id}"));
    }
    out
}

/// The ids and the id shown from the order record; `None` for anything else.
pub fn decode_order(stored: &str) -> Option<(Vec<u32>, u32)> {
    let mut words = stored.strip_prefix(ORDER_LAYOUT)?.split_whitespace().map(|w| w.parse::<u32>().ok());
    let current = words.next()??;
    Some((words.collect::<Option<Vec<u32>>>()?, current))
}

/// A report as it comes back from storage: its id (its key, kept across reloads), its name
/// and input, and its review (the reviewer's decisions and corrections, an opaque text here).
#[derive(Clone, Debug, PartialEq)]
pub struct StoredReport {
    pub id: u32,
    pub name: String,
    pub input: Input,
    pub review: String,
}

/// The stored reports in the order they were listed, and the index of the one shown, from the
/// order record and the records (id, text) of the reports and of their reviews. A record the
/// order does not name is a closed report's that was not yet deleted, and stays closed
/// (without an order, every record is open); a damaged record is left out rather than half
/// read.
pub fn restore(order: Option<&str>, reports: Vec<(u32, String)>, reviews: &[(u32, String)]) -> (Vec<StoredReport>, usize) {
    let order = order.and_then(decode_order);
    let rank = |id: u32| order.as_ref().map_or(Some(0), |(ids, _)| ids.iter().position(|&i| i == id));
    let current = order.as_ref().map_or(0, |(_, current)| *current);
    let mut restored: Vec<StoredReport> = reports
        .into_iter()
        .filter_map(|(id, text)| {
            rank(id)?;
            let (name, input) = decode_report(&text)?;
            let review = reviews.iter().find(|(r, _)| *r == id).map(|(_, text)| text.clone()).unwrap_or_default();
            Some(StoredReport { id, name, input, review })
        })
        .collect();
    crate::model::order::sort_stable_by(&mut restored, |a, b| (rank(a.id), a.id).cmp(&(rank(b.id), b.id)));
    let shown = restored.iter().position(|r| r.id == current).unwrap_or(0);
    (restored, shown)
}

/// Several records (key, text) in one text: what the page writes at once when it goes away.
pub fn encode_bundle(records: &[(String, String)]) -> String {
    let mut out = format!("{BUNDLE_LAYOUT}\n");
    for (key, text) in records {
        out.push_str(&format!("{} {}\n{key}{text}", key.len(), text.len()));
    }
    out
}

/// The records of a bundle; `None` for anything else.
pub fn decode_bundle(stored: &str) -> Option<Vec<(String, String)>> {
    let mut rest = stored.strip_prefix(BUNDLE_LAYOUT)?.strip_prefix('\n')?;
    let mut records = Vec::new();
    while !rest.is_empty() {
        let (line, after) = rest.split_once('\n')?;
        let (key_len, text_len) = line.split_once(' ')?;
        rest = after;
        let key = after_part(&mut rest, key_len.parse().ok()?)?.to_string();
        records.push((key, after_part(&mut rest, text_len.parse().ok()?)?.to_string()));
    }
    Some(records)
}

/// Writes one report's entry: its kind and lengths, then its name and texts.
fn push_entry(out: &mut String, name: &str, input: &Input) {
    let words;
    let (kind, first, second) = match input {
        Input::Text { text } => ("text", text.as_str(), ""),
        Input::Pasted { html, text } => ("pasted", html.as_str(), text.as_str()),
        Input::Html { html, text } => ("html", html.as_str(), text.as_str()),
        Input::Docx { xml, text } => ("docx", xml.as_str(), text.as_str()),
        Input::Pdf { text, pages } => {
            words = pages.to_words().iter().map(u32::to_string).collect::<Vec<_>>().join(" ");
            ("pdf", text.as_str(), words.as_str())
        }
        Input::Refused { message } => ("refused", message.as_str(), ""),
    };
    out.push_str(&format!("{kind} {} {} {}\n", name.len(), first.len(), second.len()));
    for part in [name, first, second] {
        out.push_str(part);
    }
}

/// Reads one report's entry off the front of `rest`.
fn take_entry(rest: &mut &str) -> Option<(String, Input)> {
    let (line, after) = rest.split_once('\n')?;
    let mut words = line.split(' ');
    let kind = words.next()?;
    *rest = after;
    let mut take = |len: &str| -> Option<String> { after_part(rest, len.parse().ok()?).map(str::to_string) };
    let (name, first, second) = (take(words.next()?)?, take(words.next()?)?, take(words.next()?)?);
    let input = match kind {
        "text" => Input::Text { text: first },
        "pasted" => Input::Pasted { html: first, text: second },
        "html" => Input::Html { html: first, text: second },
        "docx" => Input::Docx { xml: first, text: second },
        "pdf" => {
            let words: Option<Vec<u32>> = second.split_whitespace().map(|w| w.parse().ok()).collect();
            Input::Pdf { text: first, pages: Pages::from_words(&words?)? }
        }
        "refused" => Input::Refused { message: first },
        _ => return None,
    };
    Some((name, input))
}

/// Splits `len` bytes off the front of `rest`, if they end on a character boundary.
fn after_part<'a>(rest: &mut &'a str, len: usize) -> Option<&'a str> {
    if len > rest.len() || !rest.is_char_boundary(len) {
        return None;
    }
    let (part, after) = rest.split_at(len);
    *rest = after;
    Some(part)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_reports_come_back_as_they_were() {
        let reports = vec![
            ("粘贴的内容".to_string(), Input::Text { text: "年报\n表三 95\t0".into() }),
            ("网页.html".to_string(), Input::Html { html: "<td>“96”</td>".into(), text: "“96”\n".into() }),
            ("粘贴的内容".to_string(), Input::Pasted { html: "<b>𠀀</b>".into(), text: "𠀀".into() }),
            ("a.docx".to_string(), Input::Docx { xml: "<w:t>1 2</w:t>".into(), text: "1 2".into() }),
            ("扫描件.pdf".to_string(), Input::Refused { message: "这个 PDF 是扫描件。".into() }),
            (
                "年报.pdf".to_string(),
                Input::Pdf {
                    text: "一、总体情况\n\u{c}\n表三 95".into(),
                    pages: Pages { starts: vec![0, 20], scanned: vec![3], unmapped: vec![] },
                },
            ),
            ("空的".to_string(), Input::Text { text: String::new() }),
        ];
        let stored = encode(&reports, 2);
        assert_eq!(decode(&stored), Some((reports, 2)));
        assert_eq!(decode(&encode(&[], 0)), Some((Vec::new(), 0)));
    }

    #[test]
    fn anything_else_is_not_read() {
        let stored = encode(&[("a".to_string(), Input::Text { text: "年报 1".into() })], 0);
        assert_eq!(decode("something else"), None);
        assert_eq!(decode(&stored.replace(LAYOUT, "nianbao-reports-2")), None, "another layout");
        assert_eq!(decode(&stored.replace("text ", "ofd ")), None, "an unknown kind");
        let cut: String = stored.chars().take(stored.chars().count() - 1).collect();
        assert_eq!(decode(&cut), None, "a cut-off copy is not half read");
        // A length that ends inside a character is damage, not a shorter text.
        assert_eq!(decode(&stored.replace("text 1 8 0", "text 1 5 3")), None);
    }

    #[test]
    fn each_report_is_a_record_of_its_own_and_comes_back_as_it_was() {
        let reports = [
            ("洪泽区2024年报.html", Input::Html { html: "<td>“96”</td>".into(), text: "“96”\n".into() }),
            ("年报.pdf", Input::Pdf { text: "表三 95".into(), pages: Pages { starts: vec![0], scanned: vec![], unmapped: vec![1] } }),
            ("空的", Input::Text { text: String::new() }),
        ];
        for (name, input) in reports {
            let record = encode_report(name, &input);
            assert_eq!(decode_report(&record), Some((name.to_string(), input.clone())));
            assert_eq!(decode_report(&format!("{record}x")), None, "nothing may follow the report");
            assert_eq!(decode_report(&record.replace(REPORT_LAYOUT, LAYOUT)), None, "another layout");
        }
    }

    #[test]
    fn the_order_record_keeps_the_ids_and_the_one_shown() {
        assert_eq!(decode_order(&encode_order(&[7, 0, 12], 12)), Some((vec![7, 0, 12], 12)));
        assert_eq!(decode_order(&encode_order(&[], 0)), Some((vec![], 0)));
        assert_eq!(decode_order("nianbao-desk-1 3 4 x"), None, "a damaged record is not half read");
        assert_eq!(decode_order("nianbao-reports-1 0"), None);
    }

    #[test]
    fn reports_come_back_in_their_order_with_their_reviews() {
        let record = |n: &str| encode_report(n, &Input::Text { text: format!("{n} 的年报") });
        let reports = vec![(3, record("丙")), (1, record("甲")), (9, "damaged".to_string()), (5, record("乙")), (2, record("丁"))];
        let reviews = vec![(5, "决定若干".to_string())];
        let (restored, shown) = restore(Some(&encode_order(&[5, 1, 3, 9], 3)), reports.clone(), &reviews);
        let names: Vec<&str> = restored.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["乙", "甲", "丙"], "in order; one the order does not name was closed; the damaged one is left out");
        assert_eq!(shown, 2, "the one shown is shown again");
        let (without_order, _) = restore(None, reports, &reviews);
        assert_eq!(without_order.iter().map(|r| r.id).collect::<Vec<_>>(), [1, 2, 3, 5], "without an order, every record, by id");
        assert_eq!(restored[0].review, "决定若干");
        assert_eq!(restored[1].review, "", "no review yet");
        assert_eq!(restored[0].id, 5, "ids are kept: they are the records' keys");
        assert_eq!(restore(None, Vec::new(), &[]), (Vec::new(), 0));
    }

    #[test]
    fn a_bundle_keeps_its_records() {
        let records = vec![("order".to_string(), encode_order(&[2, 1], 1)), ("report 2".to_string(), "年报\n12 3\n𠀀".to_string())];
        let bundle = encode_bundle(&records);
        assert_eq!(decode_bundle(&bundle), Some(records));
        assert_eq!(decode_bundle(&bundle[..bundle.len() - 4]), None, "a cut-off bundle is not half read");
        assert_eq!(decode_bundle("nianbao-reports-1 0\n"), None);
    }

    #[test]
    fn every_outcome_of_a_save_has_its_words_and_key() {
        let partly = Saved::Partly { not_kept: vec!["甲镇.html".into(), "乙镇.pdf".into()] };
        let keys: Vec<&str> = [&Saved::All, &partly, &Saved::Nothing].iter().map(|s| s.key()).collect();
        assert_eq!(keys, ["all", "partly", "nothing"]);
        assert!(Saved::All.words().contains("已保存") && Saved::Nothing.words().contains("未能保存"));
        // The reviewer is told which reports are not kept, by name.
        let words = partly.words();
        assert!(words.contains("2 份报告未能保存") && words.contains("甲镇.html、乙镇.pdf"), "{words}");
    }
}
