//! The layout stage: input → lines of fields, each field pointing into the source.
//!
//! Every input shape becomes the same [`Document`]: a list of lines, each a list of fields.
//! A line of text copied from Word or Excel is split at its tabs, a markdown or pipe table
//! row at its pipes, PDF-layout text at runs of spaces; a line with none of these is one
//! field. An HTML table row (see `input::html`) is a line whose fields are its cells. Fields
//! keep where each piece of their text stands in the source, so every number read later
//! can be traced to its bytes.

use std::borrow::Cow;

use crate::model::Span;

/// The input as lines of fields.
#[derive(Debug, Default)]
pub struct Document<'a> {
    pub lines: Vec<Line>,
    pub fields: Vec<Field>,
    pub pieces: Vec<Piece<'a>>,
    /// Whether the text was extracted from a container (a .docx) rather than given: spans
    /// then point into the extracted XML, which the user never sees, so a report read from
    /// it carries no spans (`input::forget_positions`, applied by `check_document`).
    pub extracted: bool,
}

/// One line: a range of [`Document::fields`].
#[derive(Clone, Copy, Debug)]
pub struct Line {
    pub fields: (u32, u32),
    /// Whether the fields were delimited explicitly (tabs, pipes, table cells), so that an
    /// empty field is an empty cell. Fields split at runs of spaces are not: an empty cell
    /// leaves no trace there.
    pub delimited: bool,
}

/// One field: a range of [`Document::pieces`].
#[derive(Clone, Copy, Debug)]
pub struct Field {
    pub pieces: (u32, u32),
    /// For text laid out with spaces (PDF extractions), the column where the field starts,
    /// counted in characters as pdftotext aligns its output (not in display width): it tells
    /// which column a number stands under when an empty cell left no trace.
    pub col: Option<u32>,
    /// How many columns wider the line is before the field when wide characters (CJK) count
    /// two, as an editor aligns text for the eye.
    pub wide: u32,
}

/// A piece of a field's text and where it stands in the source.
#[derive(Clone, Debug)]
pub struct Piece<'a> {
    pub text: Cow<'a, str>,
    pub span: Span,
    /// Whether `text` is the source bytes at `span` verbatim (then each character's own
    /// position is known); otherwise the piece stands for the whole span, as a decoded
    /// HTML entity does.
    pub verbatim: bool,
}

impl<'a> Document<'a> {
    /// Lays out plain text (pasted text, a .txt file, markdown).
    pub fn from_text(text: &'a str) -> Document<'a> {
        let lines = split_lines(text);
        // Room for two fields a line, or for a field every few dozen bytes where lines run
        // long (flattened text): the lists grow seldom.
        let fields = (lines.len() * 2).max(estimate(text.len(), 48));
        let mut doc = Document {
            lines: Vec::with_capacity(lines.len()),
            fields: Vec::with_capacity(fields),
            pieces: Vec::with_capacity(fields),
            ..Document::default()
        };
        let page_numbers = bare_page_numbers(&lines);
        // One buffer for the fields of every line laid out with spaces, reused.
        let mut space_fields = Vec::new();
        for (i, line) in lines.iter().enumerate() {
            if page_numbers.binary_search(&i).is_err() {
                doc.push_text_line(line, &mut space_fields);
            }
        }
        doc
    }

    /// Starts a new line; fields are added with [`Document::push_field`].
    pub fn begin_line(&mut self, delimited: bool) {
        let at = self.fields.len() as u32;
        self.lines.push(Line { fields: (at, at), delimited });
    }

    /// Adds a field made of `pieces` to the current line.
    pub fn push_field(&mut self, pieces: impl IntoIterator<Item = Piece<'a>>) {
        self.push_field_at(pieces, None, 0);
    }

    /// Adds a field that starts at character column `col` of its line, `wide` columns further
    /// in display width.
    fn push_field_at(&mut self, pieces: impl IntoIterator<Item = Piece<'a>>, col: Option<u32>, wide: u32) {
        let start = self.pieces.len() as u32;
        self.pieces.extend(pieces);
        let end = self.pieces.len() as u32;
        self.fields.push(Field { pieces: (start, end), col, wide });
        if let Some(line) = self.lines.last_mut() {
            line.fields.1 = self.fields.len() as u32;
        }
    }

    pub fn line_fields(&self, line: &Line) -> &[Field] {
        &self.fields[line.fields.0 as usize..line.fields.1 as usize]
    }

    pub fn field_pieces(&self, field: &Field) -> &[Piece<'a>] {
        &self.pieces[field.pieces.0 as usize..field.pieces.1 as usize]
    }

    /// The document as plain text: one line per line, fields joined by tabs, the
    /// whitespace inside a field folded to single spaces. A file read from HTML or a .docx
    /// is shown to the user this way, and checking this text reads the same tables.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let mut fields = Vec::new();
        for line in &self.lines {
            fields.clear();
            fields.extend(self.line_fields(line).iter().map(|field| {
                let text: String = self.field_pieces(field).iter().map(|p| p.text.as_ref()).collect();
                text.split_whitespace().collect::<Vec<_>>().join(" ")
            }));
            if fields.iter().all(String::is_empty) && !line.delimited {
                continue;
            }
            out.push_str(&fields.join("\t"));
            out.push('\n');
        }
        out
    }

    /// Lays out one line of text (`space_fields`: a buffer for its fields when they are split
    /// at runs of spaces).
    fn push_text_line(&mut self, text_line: &TextLine<'a>, space_fields: &mut Vec<(usize, &'a str)>) {
        let TextLine { start, text: line, tab } = *text_line;
        let trimmed = trim_spaces(line);
        if is_page_marker(trimmed) {
            return;
        }
        let verbatim = |text: &'a str, at: usize| Piece { text: Cow::Borrowed(text), span: Span::new(at, at + text.len()), verbatim: true };
        if tab {
            self.begin_line(true);
            let mut at = start;
            for field in line.split('\t') {
                self.push_field([verbatim(field, at)]);
                at += field.len() + 1;
            }
        } else if let Some(cells) = pipe_cells(line) {
            if cells.iter().all(|(_, text)| is_rule_cell(text)) {
                // The |---|---| line under a markdown table header holds nothing.
                return;
            }
            self.begin_line(true);
            for (at, text) in cells {
                self.push_field([verbatim(text, start + at)]);
            }
        } else if trimmed.is_empty() {
            self.begin_line(false);
        } else {
            self.begin_line(false);
            // Columns counted once along the line, from one field to the next.
            let (mut measured, mut col, mut wide) = (0, 0u32, 0u32);
            split_at_space_runs(line, space_fields);
            for &(at, text) in space_fields.iter() {
                for c in line[measured..at].chars() {
                    col += 1;
                    wide += extra_width(c);
                }
                measured = at;
                self.push_field_at([verbatim(text, start + at)], Some(col), wide);
            }
        }
    }
}

/// A line of the text, without its line end.
#[derive(Clone, Copy)]
struct TextLine<'a> {
    /// Its byte offset in the text.
    start: usize,
    text: &'a str,
    /// Whether it holds a tab.
    tab: bool,
}

/// The lines of a text, without line ends (\n, \r\n, or a lone \r), found in one pass over
/// its bytes, eight at a time, which also tells the lines that hold no tab nor \r.
fn split_lines(text: &str) -> Vec<TextLine<'_>> {
    let bytes = text.as_bytes();
    let mut lines = Vec::with_capacity(estimate(bytes.len(), 32));
    let mut offset = 0;
    while offset < bytes.len() {
        let (end, tab_or_cr) = find_newline(bytes, offset);
        let raw_line = &text[offset..end];
        let next = (end + 1).min(bytes.len());
        // Most lines hold neither: no line end to trim, no need to split them.
        if !tab_or_cr {
            lines.push(TextLine { start: offset, text: raw_line, tab: false });
            offset = next;
            continue;
        }
        let line = raw_line.trim_end_matches('\r');
        let mut start = offset;
        for part in line.split('\r') {
            lines.push(TextLine { start, text: part, tab: part.as_bytes().contains(&b'\t') });
            start += part.len() + 1;
        }
        offset = next;
    }
    lines
}

/// How many items a list made of a text of `len` bytes is likely to need, at one item per
/// `bytes_each` bytes: room made at once rather than grown by doubling. Bounded: a huge text
/// reserves no more up front than 16 384 items, and its lists grow from there.
fn estimate(len: usize, bytes_each: usize) -> usize {
    (len / bytes_each).min(1 << 14)
}

/// Eight bytes of ones: multiplied by a byte, that byte in each of the eight places.
const ONES: u64 = 0x0101_0101_0101_0101;

/// The bytes of `word` that equal `byte`, as their high bits: the lowest set bit is exact (a
/// borrow may set bits above a match, never below it), so the first match is found by
/// `trailing_zeros`, and whether any of the lowest k bytes match by masking.
fn bytes_equal(word: u64, byte: u8) -> u64 {
    let x = word ^ (ONES * u64::from(byte));
    x.wrapping_sub(ONES) & !x & (ONES << 7)
}

/// The eight bytes of `bytes` from `i` as a word, zeros past its end (a zero byte is none of
/// the bytes searched for).
#[cfg_attr(target_arch = "wasm32", inline(never))]
fn word_at(bytes: &[u8], i: usize) -> u64 {
    // Natively, eight whole bytes without a copy (not in the page's module, held to its size).
    #[cfg(not(target_arch = "wasm32"))]
    if let Some(chunk) = bytes.get(i..i + 8) {
        return u64::from_le_bytes(chunk.try_into().unwrap_or_default());
    }
    let mut word = [0u8; 8];
    let rest = bytes.get(i..).unwrap_or_default();
    let n = rest.len().min(8);
    word[..n].copy_from_slice(&rest[..n]);
    u64::from_le_bytes(word)
}

/// The position of the first \n at or after `from` (or the end of `bytes`), and whether a
/// \r or a tab may stand before it (one may stand in the eight bytes after it instead: the
/// caller looks again).
fn find_newline(bytes: &[u8], from: usize) -> (usize, bool) {
    let mut tab_or_cr = false;
    let mut i = from;
    while i < bytes.len() {
        let word = word_at(bytes, i);
        tab_or_cr |= bytes_equal(word, b'\r') | bytes_equal(word, b'\t') != 0;
        let newline = bytes_equal(word, b'\n');
        if newline != 0 {
            return (i + newline.trailing_zeros() as usize / 8, tab_or_cr);
        }
        i += 8;
    }
    (bytes.len(), tab_or_cr)
}

/// The lines that are bare page numbers of a PDF extraction: a number of one to three digits
/// alone on a line set far in ("                 3"), either just before a page break (form
/// feed) or one of a run of such lines counting up page by page. A single value on its own
/// line is none of these.
fn bare_page_numbers(lines: &[TextLine<'_>]) -> Vec<usize> {
    let candidate = |line: &str| -> Option<u32> {
        // Most lines start with text: no indent, no page number.
        if !line.bytes().next().is_some_and(may_start_space) || !line.starts_with(char::is_whitespace) {
            return None;
        }
        // One to three digits far in, then only white space (a form feed is white space).
        let body = line.trim_start();
        let digits = body.bytes().take_while(u8::is_ascii_digit).count();
        let far_in = line.len() - body.len() >= 10;
        (far_in && (1..=3).contains(&digits) && body[digits..].trim_end().is_empty()).then(|| body[..digits].parse().ok()).flatten()
    };
    let candidates: Vec<(usize, u32)> = lines.iter().enumerate().filter_map(|(i, l)| candidate(l.text).map(|n| (i, n))).collect();
    let mut found = Vec::new();
    for (k, &(i, n)) in candidates.iter().enumerate() {
        let before_break = lines[i + 1..].iter().take(3).any(|l| l.text.starts_with('\u{c}'));
        let counts_up = candidates.get(k + 1).is_some_and(|&(_, m)| m == n + 1)
            || k.checked_sub(1).and_then(|p| candidates.get(p)).is_some_and(|&(_, m)| m + 1 == n);
        if before_break || counts_up {
            found.push(i);
        }
    }
    found
}

/// Whether a line (trimmed) is only a page number such as "-2-", "— 5 —" or "第 3 页".
fn is_page_marker(line: &str) -> bool {
    if line.len() > 40 {
        return false;
    }
    let dash = |c: char| matches!(c, '-' | '—' | '–' | '－' | '―' | '‐');
    // One page number of at most four digits: a line of table values between dash blanks
    // ("—\t0\t1\t…\t—") is not one.
    let page = |s: &str| {
        let s = s.trim();
        (1..=4).contains(&s.chars().count()) && s.chars().all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
    };
    if let Some(inner) = line.strip_prefix(dash).and_then(|s| s.strip_suffix(dash)) {
        return page(inner.trim().trim_matches(dash));
    }
    if let Some(inner) = line.strip_prefix('第').and_then(|s| s.strip_suffix('页')) {
        return page(inner);
    }
    false
}

/// The cells of a markdown or pipe-separated table row, with their byte offsets in the line;
/// `None` when the line is not one.
fn pipe_cells(line: &str) -> Option<Vec<(usize, &str)>> {
    let is_pipe = |c: char| c == '|' || c == '｜';
    if !trim_spaces(line).starts_with(is_pipe) {
        return None;
    }
    let pipes: Vec<(usize, usize)> = line.char_indices().filter(|(_, c)| is_pipe(*c)).map(|(i, c)| (i, i + c.len_utf8())).collect();
    if pipes.len() < 2 {
        return None;
    }
    let mut cells: Vec<(usize, &str)> = pipes.windows(2).map(|w| (w[0].1, &line[w[0].1..w[1].0])).collect();
    // Text after the last pipe is a cell only when the row does not end with a pipe.
    let (_, last_end) = pipes[pipes.len() - 1];
    if !line[last_end..].trim().is_empty() {
        cells.push((last_end, &line[last_end..]));
    }
    Some(cells)
}

/// Whether a character whose UTF-8 encoding starts with byte `b` may be white space: ASCII
/// white space, or the first byte of U+0085, U+00A0, U+1680, U+2000–U+205F or U+3000. No
/// character that starts with another byte is.
fn may_start_space(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ' | 0xC2 | 0xE1 | 0xE2 | 0xE3)
}

/// `text.trim()`, answered from the first bytes of its first and last characters when neither
/// may be white space, as most lines start and end with text.
fn trim_spaces(text: &str) -> &str {
    let bytes = text.as_bytes();
    let Some(&first) = bytes.first() else { return text };
    // The last character starts at the last byte that is not a continuation byte.
    let last = bytes.iter().rposition(|b| b & 0xC0 != 0x80).map_or(first, |at| bytes[at]);
    if may_start_space(first) || may_start_space(last) { trim_indented(text) } else { text }
}

/// `text.trim()` for text that may start or end with white space: ASCII spaces at either end
/// (a PDF layout line's indent) skipped byte by byte, then the rest trimmed.
fn trim_indented(text: &str) -> &str {
    let bytes = text.as_bytes();
    let start = bytes.iter().position(|&b| b != b' ').unwrap_or(bytes.len());
    let end = bytes.iter().rposition(|&b| b != b' ').map_or(start, |at| at + 1);
    // (A space is one byte: both ends stand between characters.)
    text.get(start..end).unwrap_or_default().trim()
}

/// How many columns more than one a character takes in a monospace display: one for the
/// wide and fullwidth characters of East Asian scripts (CJK ideographs and punctuation,
/// kana, hangul, fullwidth forms), none for the rest.
pub fn extra_width(c: char) -> u32 {
    // The common cases first: ASCII and the like, then the CJK ideographs.
    let code = c as u32;
    if code < 0x1100 {
        return 0;
    }
    if (0x4E00..=0x9FFF).contains(&code) {
        return 1;
    }
    let wide = matches!(code,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD);
    u32::from(wide)
}

/// A markdown header rule cell: "---", ":--:".
fn is_rule_cell(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty() && t.chars().all(|c| matches!(c, '-' | ':' | '—'))
}

/// Splits a line at runs of two or more spaces (or one ideographic space), as PDF-layout
/// text separates its columns; `fields` becomes the non-empty fields with their byte offsets.
fn split_at_space_runs<'a>(line: &'a str, fields: &mut Vec<(usize, &'a str)>) {
    fields.clear();
    let mut field_start: Option<usize> = None;
    let mut space_run_start = 0;
    let mut space_run_width = 0;
    // Byte by byte: the three spaces are told by their UTF-8 bytes (a continuation byte is
    // never a space's, nor a character's start).
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let (width, len) = match bytes[i] {
            b' ' => (1, 1),
            0xC2 if bytes.get(i + 1) == Some(&0xA0) => (1, 2),
            0xE3 if bytes.get(i + 1..i + 3) == Some(&[0x80, 0x80]) => (2, 3),
            _ => (0, 1),
        };
        if width > 0 {
            if space_run_width == 0 {
                space_run_start = i;
            }
            space_run_width += width;
            i += len;
            continue;
        }
        let char_start = bytes[i] & 0xC0 != 0x80;
        if char_start {
            if space_run_width >= 2
                && let Some(s) = field_start.take()
            {
                fields.push((s, &line[s..space_run_start]));
            }
            space_run_width = 0;
            if field_start.is_none() {
                field_start = Some(i);
            }
        }
        // The rest of a field at once, up to a byte that may start a space: such a byte is a
        // character's start, never a continuation byte.
        i = next_space_byte(bytes, i + 1);
    }
    if let Some(s) = field_start {
        let end = if space_run_width > 0 { space_run_start } else { line.len() };
        fields.push((s, &line[s..end]));
    }
}

/// The position of the first byte at or after `from` that may start a space (' ', or the
/// first byte of U+00A0 or U+3000), or the end of `bytes`; eight bytes at a time.
fn next_space_byte(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    while i < bytes.len() {
        let word = word_at(bytes, i);
        let found = bytes_equal(word, b' ') | bytes_equal(word, 0xC2) | bytes_equal(word, 0xE3);
        if found != 0 {
            return i + found.trailing_zeros() as usize / 8;
        }
        i += 8;
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(text: &str) -> Vec<Vec<String>> {
        let doc = Document::from_text(text);
        doc.lines
            .iter()
            .map(|line| {
                doc.line_fields(line)
                    .iter()
                    .map(|f| {
                        let pieces = doc.field_pieces(f);
                        // Every piece's text is the source at its span.
                        for p in pieces {
                            assert_eq!(&text[p.span.start..p.span.end], p.text);
                        }
                        pieces.iter().map(|p| p.text.as_ref()).collect::<String>()
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn splits_each_shape_of_line() {
        assert_eq!(fields("规章\t1\t\t3"), [["规章", "1", "", "3"]]);
        assert_eq!(fields("| 规章 | 22 | 235 |"), [[" 规章 ", " 22 ", " 235 "]]);
        assert_eq!(fields("｜规章｜1｜"), [["规章", "1"]]);
        assert_eq!(fields("|---|:--|\n|a|b|"), [["a", "b"]]);
        assert_eq!(fields("  规章        0     0  0"), [["规章", "0", "0", "0"]]);
        assert_eq!(fields("（二）部分公开 情 形 9 0"), [["（二）部分公开 情 形 9 0"]]);
        assert_eq!(fields("规章\u{3000}5"), [["规章", "5"]]);
    }

    #[test]
    fn drops_bare_page_numbers_of_a_pdf() {
        let counting = "行政许可  1\n                    2\n行政处罚  5\n                    3\n行政强制  0";
        assert_eq!(fields(counting), [["行政许可", "1"], ["行政处罚", "5"], ["行政强制", "0"]]);
        let before_break = "行政强制\n\n                              3\n\u{c}第二十条第（八）项";
        assert_eq!(fields(before_break).len(), 3);
        // A single value on its own line stays.
        assert_eq!(fields("行政许可\n                    9487\n行政处罚\n5"), [["行政许可"], ["9487"], ["行政处罚"], ["5"]]);
    }

    #[test]
    fn lines_and_space_bytes_are_found_as_a_plain_search_finds_them() {
        // Line ends and tabs at every offset around the eight-byte words, and CJK text whose
        // bytes are neither.
        let texts = [
            "规章\t1\r\n行政许可  3\r\r\nabc\rdef\n\n\t",
            "一二三四五六七八九十\n1234567\t89\r\n12345678\n123456789\r",
            "a\u{3000}b\u{a0}c  d\n\r\n\r\r\n",
        ];
        for text in texts {
            for cut in 0..text.len() {
                let Some(text) = text.get(cut..) else { continue };
                let mut plain = Vec::new();
                let mut offset = 0;
                for raw in text.split_inclusive('\n') {
                    let line = raw.trim_end_matches(['\n', '\r']);
                    let mut start = offset;
                    for part in line.split('\r') {
                        plain.push((start, part, part.contains('\t')));
                        start += part.len() + 1;
                    }
                    offset += raw.len();
                }
                let found: Vec<_> = split_lines(text).iter().map(|l| (l.start, l.text, l.tab)).collect();
                assert_eq!(found, plain, "{text:?}");
                let bytes = text.as_bytes();
                for from in 0..=bytes.len() {
                    let plain = bytes[from..].iter().position(|b| matches!(b, b' ' | 0xC2 | 0xE3)).map_or(bytes.len(), |k| from + k);
                    assert_eq!(next_space_byte(bytes, from), plain);
                }
            }
        }
    }

    #[test]
    fn white_space_is_told_by_its_first_byte() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32).filter(|c| c.is_whitespace()) {
            assert!(may_start_space(c.to_string().as_bytes()[0]), "{c:?}");
        }
        for text in [
            "",
            " ",
            "a",
            " a ",
            "规章",
            "\u{3000}规章\u{3000}",
            "规章\u{a0}",
            "\u{85}x",
            "x\u{2029}",
            "\u{c}3\u{c}",
            "一 二",
            "    ",
            "    12   ",
            "   \u{3000} 规章 \u{a0}  ",
            " \t 规章\t ",
        ] {
            assert_eq!(trim_spaces(text), text.trim(), "{text:?}");
        }
    }

    #[test]
    fn drops_page_numbers_and_keeps_line_ends() {
        assert_eq!(fields("a\r\n-2-\n— 5 —\n第 3 页\nb\rc"), [["a"], ["b"], ["c"]]);
        assert_eq!(fields("-8"), [["-8"]]);
        assert_eq!(fields("a\n\nb").len(), 3);
    }
}
