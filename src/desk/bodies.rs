//! Which reports are of the same body: matching the bodies' names, conservatively.
//!
//! A report names its body as its title and signature write it, and the same body writes
//! itself differently from year to year and from one copy to another: 淮安市洪泽区人民政府,
//! 洪泽区人民政府, 洪泽区政府, 洪泽区. Two names are taken for one body when
//!
//! 1. their normalised forms are equal: full-width folded, white space and punctuation
//!    dropped (the words inside brackets kept), 人民政府 written 政府 and 管理委员会 管委会,
//!    and a 政府 that ends a place's name dropped (洪泽区人民政府 → 洪泽区, but
//!    洪泽区人民政府办公室 → 洪泽区政府办公室, a body of its own); or
//! 2. one is the other with higher places in front (淮安市洪泽区 ⊃ 洪泽区; 江苏省淮安市洪泽区
//!    ⊃ 淮安市洪泽区 ⊃ 洪泽区), where the shorter one itself starts with a place name of at
//!    least two characters before its 市/县/区… (洪泽区发展和改革局, not 市场监督管理局 nor
//!    城市管理局, which every city has), and only one body among the reports has it so:
//!    洪泽区 joins 淮安市洪泽区 unless another 某市洪泽区 is among them too.
//!
//! A false match would compare one body's report with another's, which is worse than leaving
//! a pair unmatched, so nothing else is matched: not abbreviations (发改委 for 发展和改革委员会),
//! not two names with different higher places (北京市朝阳区, 长春市朝阳区), not a department
//! named without its place. The messages of the checks across reports name the other
//! report's body whenever it is written differently, so a reviewer sees what was matched.

use std::collections::{BTreeMap, BTreeSet};

use crate::parse::fold_str;

/// The endings of a place's name, longest first.
const PLACE_ENDINGS: &[&str] =
    &["特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "街道", "苏木", "省", "市", "州", "盟", "县", "区", "旗", "镇", "乡"];

/// Characters that end the names of institutions, not places: a segment holding one is not
/// a place (国家税务总局沭阳县 is not a place before 税务局).
const INSTITUTION: &[char] = &['局', '委', '办', '厅', '院', '所', '站', '队', '处'];

/// The normalised form of a body's name (see the module documentation); `None` when nothing
/// is left of it.
pub fn normalise(name: &str) -> Option<String> {
    let folded: String = fold_str(name)
        .chars()
        .filter(|c| matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}') || c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let mut key = folded.replace("人民政府", "政府").replace("管理委员会", "管委会");
    if let Some(place) = key.strip_suffix("政府")
        && PLACE_ENDINGS.iter().any(|e| place.ends_with(e))
        && place.chars().count() >= 2
    {
        key.truncate(place.len());
    }
    (!key.is_empty()).then_some(key)
}

/// Groups the bodies of reports: for each name, the group it belongs to (the position of the
/// group's first name among `names`), `None` for a report whose body is unknown.
pub fn group(names: &[Option<&str>]) -> Vec<Option<usize>> {
    let keys: Vec<Option<String>> = names.iter().map(|n| n.and_then(normalise)).collect();
    // The distinct keys, each with the first report that has it.
    let mut first: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, key) in keys.iter().enumerate() {
        if let Some(key) = key {
            first.entry(key.as_str()).or_insert(i);
        }
    }
    let mut parent: BTreeMap<&str, &str> = first.keys().map(|k| (*k, *k)).collect();
    // Which longer keys each key is, with higher places in front.
    let mut longer: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for long in first.keys() {
        let chars: Vec<(usize, char)> = long.char_indices().collect();
        for (cut, (at, _)) in chars.iter().enumerate().skip(1) {
            let short = &long[*at..];
            if first.contains_key(short) && places(&chars[..cut].iter().map(|(_, c)| *c).collect::<Vec<_>>()) && starts_with_place(short) {
                longer.entry(short).or_default().push(long);
            }
        }
    }
    // Longest first, so that a name joins a group its longer forms already make.
    let mut by_length: Vec<&str> = first.keys().copied().collect();
    by_length.sort_by_key(|k| std::cmp::Reverse(k.chars().count()));
    for short in by_length {
        let Some(candidates) = longer.get(short) else { continue };
        let roots: BTreeSet<&str> = candidates.iter().map(|l| root(&parent, l)).collect();
        if let [only] = roots.into_iter().collect::<Vec<_>>()[..] {
            let mine = root(&parent, short);
            parent.insert(mine, only);
        }
    }
    // Name each group by its first report.
    let mut group_first: BTreeMap<&str, usize> = BTreeMap::new();
    for (key, i) in &first {
        let r = root(&parent, key);
        let slot = group_first.entry(r).or_insert(*i);
        *slot = (*slot).min(*i);
    }
    keys.iter().map(|k| k.as_deref().map(|k| group_first[root(&parent, k)])).collect()
}

/// Whether two names are of the same body, alone among other names (rule 1 or 2 above).
pub fn same_body(a: &str, b: &str) -> bool {
    let groups = group(&[Some(a), Some(b)]);
    groups[0].is_some() && groups[0] == groups[1]
}

fn root<'a>(parent: &BTreeMap<&'a str, &'a str>, mut key: &'a str) -> &'a str {
    while let Some(up) = parent.get(key).filter(|up| **up != key) {
        key = up;
    }
    key
}

/// Whether `chars` is one or more place names in a row (江苏省淮安市).
fn places(chars: &[char]) -> bool {
    // reachable[i]: chars[..i] is a run of places.
    let mut reachable = vec![false; chars.len() + 1];
    reachable[0] = true;
    for start in 0..chars.len() {
        if !reachable[start] {
            continue;
        }
        for end in start + 1..=chars.len() {
            if is_place(&chars[start..end], 1) {
                reachable[end] = true;
            }
        }
    }
    reachable[chars.len()]
}

/// Whether `name` starts with a place name of at least two characters before its ending.
fn starts_with_place(name: &str) -> bool {
    let chars: Vec<char> = name.chars().collect();
    (1..=chars.len()).any(|end| is_place(&chars[..end], 2))
}

/// Whether `segment` is a place's name: `before` or more characters, none of them an
/// institution's, then a place ending.
fn is_place(segment: &[char], before: usize) -> bool {
    let text: String = segment.iter().collect();
    PLACE_ENDINGS
        .iter()
        .any(|ending| text.strip_suffix(ending).is_some_and(|name| name.chars().count() >= before && !name.contains(INSTITUTION)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_forms() {
        assert_eq!(normalise("淮安市洪泽区人民政府").as_deref(), Some("淮安市洪泽区"));
        assert_eq!(normalise(" 洪泽区 人民政府 ").as_deref(), Some("洪泽区"));
        assert_eq!(normalise("洪泽区政府").as_deref(), Some("洪泽区"));
        assert_eq!(normalise("洪泽区人民政府办公室").as_deref(), Some("洪泽区政府办公室"));
        assert_eq!(normalise("平潭综合实验区管理委员会").as_deref(), Some("平潭综合实验区管委会"));
        assert_eq!(normalise("沭阳县发展和改革局（物价局）").as_deref(), Some("沭阳县发展和改革局物价局"));
        assert_eq!(normalise("ＡＢＣ市人民政府").as_deref(), Some("abc市"));
        assert_eq!(normalise("“ ”"), None);
    }

    #[test]
    fn the_same_body_written_differently() {
        for (a, b) in [
            ("淮安市洪泽区人民政府", "洪泽区人民政府"),
            ("洪泽区人民政府", "洪泽区"),
            ("淮安市洪泽区人民政府", "洪泽区"),
            ("江苏省淮安市洪泽区人民政府", "洪泽区政府"),
            ("沭阳县发展和改革局", "宿迁市沭阳县发展和改革局"),
            ("安岳县清流镇人民政府", "清流镇人民政府"),
            ("上海市人民政府办公厅", "上海市政府办公厅"),
        ] {
            assert!(same_body(a, b), "{a} = {b}");
        }
    }

    #[test]
    fn different_bodies_stay_apart() {
        for (a, b) in [
            ("洪泽区人民政府", "洪泽区人民政府办公室"),
            ("洪泽区人民政府", "洪泽区发展和改革局"),
            ("北京市朝阳区人民政府", "长春市朝阳区人民政府"),
            ("沭阳县市场监督管理局", "市场监督管理局"),
            ("淮安市城市管理局", "城市管理局"),
            ("洪泽区发展和改革委员会", "洪泽区发改委"),
            ("淮安市人民政府", "淮安市洪泽区人民政府"),
        ] {
            assert!(!same_body(a, b), "{a} ≠ {b}");
        }
        // Missed on purpose: what stands before the place is a body, not a higher place.
        assert!(!same_body("国家税务总局沭阳县税务局", "沭阳县税务局"));
    }

    #[test]
    fn a_short_name_joins_only_a_body_it_can_only_be() {
        let names =
            ["北京市朝阳区人民政府", "朝阳区人民政府", "长春市朝阳区人民政府", "淮安市洪泽区人民政府", "洪泽区", "江苏省淮安市洪泽区"];
        let groups = group(&names.map(Some));
        assert_eq!(groups[0], Some(0));
        assert_eq!(groups[1], Some(1), "two 朝阳区 among the reports: the short name stays alone");
        assert_eq!(groups[2], Some(2));
        assert_eq!(groups[3..], [Some(3), Some(3), Some(3)], "three forms of one 洪泽区");
        assert_eq!(group(&[None, Some("洪泽区"), Some("  ")]), vec![None, Some(1), None]);
    }
}
