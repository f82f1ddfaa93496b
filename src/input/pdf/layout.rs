//! Glyphs → text laid out in columns, the way `pdftotext -layout` lays out a page, which
//! is what the text parser reads as PDF layout (`parse::layout`): one line per baseline,
//! fields apart by two or more spaces, each field starting at the character column of its
//! position on the page, so a number stands under its column's heading and an empty cell
//! leaves a gap. The columns come from the glyphs' real positions, not from spaces a
//! producer wrote.
//!
//! Vertical text becomes one field on a line of its own, placed where it starts: text in a
//! vertical font (WPS writes side labels such as 三、本年度办理结果 with Identity-V) or
//! turned a quarter, and upright characters stacked one per line in one column (another
//! way WPS and Word set such labels). Duplicates drawn over each other (fake bold) are
//! shown once.

use super::content::{Glyph, PageContent};
use crate::model::order::sort_stable_by;

/// A laid-out page: its text, lines separated by `\n`, without a final line end; it stops
/// past `budget` bytes (the caller refuses the file then).
pub fn page_text(content: &PageContent, budget: usize) -> String {
    let glyphs = upright(&content.glyphs);
    let mut horizontal: Vec<&Glyph> = Vec::new();
    let mut down: Vec<&Glyph> = Vec::new();
    for g in &glyphs {
        match (g.quarter, g.vertical) {
            (0, false) => horizontal.push(g),
            (0, true) | (1, false) => down.push(g),
            _ => {}
        }
    }
    if horizontal.is_empty() && down.is_empty() {
        return String::new();
    }
    let unit = half_em(&horizontal, &down);
    let mut lines = lines_of(dedupe(horizontal));
    let mut columns = vertical_columns(dedupe(down));
    columns.extend(stacked_columns(&mut lines));
    let left = lines.iter().flat_map(|l| l.glyphs.first().map(|g| g.x)).chain(columns.iter().map(|c| c.x)).fold(f64::INFINITY, f64::min);
    // Lines and vertical labels in reading order: from the top; a label goes before the
    // line it starts on.
    let mut items: Vec<(f64, bool, usize)> = lines.iter().enumerate().map(|(i, l)| (l.y, false, i)).collect();
    items.extend(columns.iter().enumerate().map(|(i, c)| (c.top, true, i)));
    sort_stable_by(&mut items, |a, b| b.0.total_cmp(&a.0).then(b.1.cmp(&a.1)));
    let mut out = String::new();
    let mut previous: Option<(f64, f64)> = None;
    for &(y, is_column, i) in &items {
        if out.len() > budget {
            break;
        }
        let size = if is_column { columns[i].size } else { lines[i].size };
        if let Some((py, psize)) = previous
            && py - y > 2.0 * size.max(psize)
            && !out.is_empty()
        {
            out.push('\n');
        }
        previous = Some((y, size));
        if !out.is_empty() {
            out.push('\n');
        }
        if is_column {
            let c = &columns[i];
            push_spaces(&mut out, column(c.x, left, unit));
            out.push_str(&c.text);
        } else {
            write_line(&mut out, &lines[i], left, unit);
        }
    }
    out
}

/// The glyphs turned so that most of the page's text reads left to right: a page whose
/// text runs down (turned by `/Rotate` without its content turned back, or a landscape
/// table set sideways) is read as it would be when turned upright.
fn upright(glyphs: &[Glyph]) -> Vec<Glyph> {
    let mut counts = [0usize; 4];
    for g in glyphs.iter().filter(|g| !g.vertical) {
        counts[usize::from(g.quarter)] += 1;
    }
    let turn = (0..4).max_by_key(|&q| (counts[q], q == 0)).unwrap_or(0) as u8;
    glyphs
        .iter()
        .map(|g| {
            let (x, y) = match turn {
                1 => (-g.y, g.x),
                2 => (-g.x, -g.y),
                3 => (g.y, -g.x),
                _ => (g.x, g.y),
            };
            Glyph { x, y, quarter: (g.quarter + 4 - turn) % 4, text: g.text.clone(), ..*g }
        })
        .collect()
}

struct Line<'g> {
    y: f64,
    size: f64,
    glyphs: Vec<&'g Glyph>,
}

struct Column {
    x: f64,
    top: f64,
    size: f64,
    text: String,
}

/// Half the page's typical font size: the width of one character column.
fn half_em(horizontal: &[&Glyph], down: &[&Glyph]) -> f64 {
    let mut sizes: Vec<f64> = horizontal.iter().chain(down).map(|g| g.size).collect();
    sort_stable_by(&mut sizes, |a, b| a.total_cmp(b));
    (sizes[sizes.len() / 2] / 2.0).max(0.5)
}

/// Drops a glyph drawn again at (nearly) the same place with the same text.
fn dedupe(mut glyphs: Vec<&Glyph>) -> Vec<&Glyph> {
    sort_stable_by(&mut glyphs, |a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
    let mut kept: Vec<&Glyph> = Vec::with_capacity(glyphs.len());
    for g in glyphs {
        let near = |k: &&Glyph| (k.y - g.y).abs() < 0.2 * g.size && (k.x - g.x).abs() < 0.2 * g.size && k.text == g.text;
        // Duplicates are drawn right after each other or a few glyphs apart.
        if kept.iter().rev().take(8).any(near) {
            continue;
        }
        kept.push(g);
    }
    kept
}

/// Groups glyphs into lines by baseline, top to bottom, each sorted left to right.
fn lines_of(glyphs: Vec<&Glyph>) -> Vec<Line<'_>> {
    let mut lines: Vec<Line> = Vec::new();
    for g in glyphs {
        match lines.last_mut() {
            Some(line) if (line.y - g.y).abs() <= 0.35 * line.size.max(g.size) => {
                line.size = line.size.max(g.size);
                line.glyphs.push(g);
            }
            _ => lines.push(Line { y: g.y, size: g.size, glyphs: vec![g] }),
        }
    }
    for line in &mut lines {
        sort_stable_by(&mut line.glyphs, |a, b| a.x.total_cmp(&b.x));
    }
    lines
}

/// Runs of vertical glyphs: one column per x, split where a gap opens.
fn vertical_columns(mut glyphs: Vec<&Glyph>) -> Vec<Column> {
    sort_stable_by(&mut glyphs, |a, b| a.x.total_cmp(&b.x).then(b.y.total_cmp(&a.y)));
    let mut columns: Vec<(f64, Vec<&Glyph>)> = Vec::new();
    for g in glyphs {
        let joined = columns.iter_mut().rev().take(4).find(|(x, members)| {
            let last = members[members.len() - 1];
            (x - g.x).abs() < 0.5 * g.size && last.y - g.y < last.width.max(g.size) * 2.5 && last.y >= g.y
        });
        match joined {
            Some((_, members)) => members.push(g),
            None => columns.push((g.x, vec![g])),
        }
    }
    columns
        .into_iter()
        .map(|(x, members)| Column {
            x: x - members[0].size / 2.0,
            top: members[0].y + members[0].size,
            size: members[0].size,
            text: members.iter().map(|g| g.text.as_str()).collect(),
        })
        .collect()
}

/// Upright characters stacked one per line in one column, each alone in its place on its
/// line (a side label set one character per line): taken out of their lines and joined.
/// At least three characters, none of them a digit, so a column of single numbers stays.
fn stacked_columns(lines: &mut [Line]) -> Vec<Column> {
    // Candidates: (line index, glyph index) of a lone CJK character.
    let lone = |line: &Line, k: usize| -> bool {
        let g = line.glyphs[k];
        let mut chars = g.text.chars();
        let (Some(c), None) = (chars.next(), chars.next()) else {
            return false;
        };
        if !is_cjk(c) {
            return false;
        }
        let gap = 1.5 * g.size;
        let before = k.checked_sub(1).map(|p| line.glyphs[p]).is_none_or(|p| g.x - (p.x + p.width) > gap);
        let after = line.glyphs.get(k + 1).is_none_or(|n| n.x - (g.x + g.width) > gap);
        before && after
    };
    let mut candidates: Vec<(usize, usize)> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        for k in 0..line.glyphs.len() {
            if lone(line, k) {
                candidates.push((i, k));
            }
        }
    }
    // Chains: each next member on a later line, in the same column, within two lines' pitch.
    let mut used = vec![false; candidates.len()];
    let mut columns = Vec::new();
    let mut taken: Vec<(usize, usize)> = Vec::new();
    for start in 0..candidates.len() {
        if used[start] {
            continue;
        }
        let mut chain = vec![start];
        let mut current = start;
        // A chain's next member is among the next few candidates (a line holds few lone
        // characters), so the search is bounded whatever the page.
        for next in (start + 1..candidates.len()).take(256) {
            let (a, b) = (candidates[current], candidates[next]);
            let (ga, gb) = (lines[a.0].glyphs[a.1], lines[b.0].glyphs[b.1]);
            if b.0 == a.0 || used[next] {
                continue;
            }
            if ga.y - gb.y > 3.0 * ga.size {
                break;
            }
            if (ga.x - gb.x).abs() < 0.3 * ga.size && (ga.size - gb.size).abs() < 0.2 * ga.size {
                chain.push(next);
                current = next;
            }
        }
        if chain.len() >= 3 {
            let first = lines[candidates[chain[0]].0].glyphs[candidates[chain[0]].1];
            let text: String = chain.iter().map(|&c| lines[candidates[c].0].glyphs[candidates[c].1].text.as_str()).collect();
            columns.push(Column { x: first.x, top: first.y + first.size, size: first.size, text });
            for &c in &chain {
                used[c] = true;
                taken.push(candidates[c]);
            }
        }
    }
    sort_stable_by(&mut taken, |a, b| a.cmp(b));
    for &(i, k) in taken.iter().rev() {
        lines[i].glyphs.remove(k);
    }
    columns
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{FF01}'..='\u{FF60}')
        && !c.is_ascii_digit()
        && !('０'..='９').contains(&c)
}

fn column(x: f64, left: f64, unit: f64) -> usize {
    (((x - left) / unit).round().max(0.0) as usize).min(2000)
}

fn push_spaces(out: &mut String, n: usize) {
    out.extend(std::iter::repeat_n(' ', n));
}

/// Writes one line: fields at their columns, at least two spaces apart; one space where
/// words stand apart within a field.
fn write_line(out: &mut String, line: &Line, left: f64, unit: f64) {
    let line_start = out.len();
    let mut chars = 0usize;
    let mut previous: Option<&Glyph> = None;
    for &g in &line.glyphs {
        match previous {
            None => {
                let col = column(g.x, left, unit);
                push_spaces(out, col);
                chars += col;
            }
            Some(p) => {
                let gap = g.x - (p.x + p.width);
                let em = p.size.max(g.size);
                // Numbers in neighbouring narrow cells stand closer than words in a table
                // do; no number of a report is written with a space inside it.
                let digits = p.text.ends_with(|c: char| c.is_ascii_digit()) && g.text.starts_with(|c: char| c.is_ascii_digit());
                let field_gap = if digits { 0.4 } else { 0.8 };
                if gap > field_gap * em {
                    let col = column(g.x, left, unit).max(chars + 2);
                    push_spaces(out, col - chars);
                    chars = col;
                } else if gap > 0.15 * em {
                    out.push(' ');
                    chars += 1;
                }
            }
        }
        out.push_str(&g.text);
        chars += g.text.chars().count();
        previous = Some(g);
    }
    if out[line_start..].trim().is_empty() {
        out.truncate(line_start);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyph(x: f64, y: f64, text: &str) -> Glyph {
        let width = if text.is_ascii() { 6.0 } else { 12.0 };
        Glyph { x, y, width, size: 12.0, text: text.to_string(), quarter: 0, vertical: false }
    }

    fn page(glyphs: Vec<Glyph>) -> String {
        page_text(&PageContent { glyphs, unmapped: 0, has_images: false }, 1 << 20)
    }

    #[test]
    fn columns_come_from_positions() {
        let text = page(vec![
            glyph(0.0, 100.0, "行"),
            glyph(12.0, 100.0, "政"),
            glyph(120.0, 100.0, "9"),
            glyph(180.0, 100.0, "1"),
            glyph(0.0, 80.0, "规"),
            glyph(12.0, 80.0, "章"),
            glyph(180.0, 80.0, "2"),
        ]);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2);
        // The "1" and the "2" stand in the same character column.
        assert_eq!(lines[0].find('1').map(|b| lines[0][..b].chars().count()), lines[1].find('2').map(|b| lines[1][..b].chars().count()));
        assert!(lines[0].starts_with("行政  "));
    }

    #[test]
    fn fake_bold_is_shown_once() {
        assert_eq!(page(vec![glyph(0.0, 0.0, "总"), glyph(0.3, 0.0, "总"), glyph(12.0, 0.0, "计")]), "总计");
    }

    #[test]
    fn stacked_characters_become_one_label() {
        let mut glyphs = Vec::new();
        for (i, c) in ["办", "理", "结", "果"].iter().enumerate() {
            let y = 200.0 - 20.0 * i as f64;
            glyphs.push(glyph(0.0, y, c));
            glyphs.push(glyph(100.0, y, "（"));
            glyphs.push(glyph(112.0, y, "一"));
            glyphs.push(glyph(200.0, y, "5"));
        }
        let text = page(glyphs);
        assert!(text.lines().next().unwrap().trim() == "办理结果", "{text}");
        assert_eq!(text.matches('5').count(), 4);
    }
}
