//! The token stage: fields → a stream of text, value and line-break tokens.
//!
//! Inside a field, text and numbers are told apart character by character, so that flattened
//! copies where labels and numbers run together ("规章000行政规范性文件8855698") still yield
//! their parts. What counts as a number: digits (any width), with an optional sign, thousands
//! separators, decimals and a unit written after them ("251000元", "12件"). What does not:
//! a label's numbering ("1.属于…", "（1）"), dates ("2024年", "2020-01-14"), anything inside
//! parentheses, and digits glued to Latin letters.

use super::fold::{fold, is_cjk};
use super::layout::{Document, Field, Piece};
use super::meta::Gatherer;
use crate::model::{Decimal, Span, Unit};

/// The token stream of a document, with the folded text of every token in one string.
#[derive(Debug, Default)]
pub struct Tokens {
    pub list: Vec<Token>,
    /// Folded text: text tokens' folded characters, `#` for each value, `\n` for each line end.
    pub norm: String,
    /// The raw text of every value token, one after another (see [`Tokens::raw_of`]): one
    /// string for the document, not one per value.
    pub raws: String,
}

#[derive(Clone, Debug)]
pub struct Token {
    pub kind: Kind,
    /// Where the token stands in the source.
    pub span: Span,
    /// The token's range in [`Tokens::norm`].
    pub norm: (u32, u32),
    /// The index of the field the token came from (for line ends: of the line's last field).
    pub field: u32,
    /// In text laid out with spaces: the columns (in characters) the token covers on its line.
    pub cols: Option<(u32, u32)>,
    /// In text laid out with spaces: how many columns further the token stands when wide
    /// characters count two (see [`super::layout::Field::wide`]).
    pub wide: u32,
}

#[derive(Clone, Debug)]
pub enum Kind {
    Text,
    Value(ValueTok),
    /// The end of a line; `values` counts the value tokens the line held.
    Break {
        values: u32,
    },
}

/// A token that stands in a value's place.
#[derive(Clone, Debug)]
pub struct ValueTok {
    /// The token's text as it stood in the input: its range in [`Tokens::raws`].
    pub raw: (u32, u32),
    pub read: Read,
    /// Whether the token may hold the digits of several cells run together: a plain run of
    /// digits that shares its field with other tokens (a token alone in a tab-, pipe-,
    /// space-delimited or table cell is one cell).
    pub splittable: bool,
}

/// What a value token says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Read {
    Number {
        value: Decimal,
        unit: Unit,
        signed: bool,
    },
    /// "-", "—", "/", "无" and the like.
    Blank,
    /// An empty delimited field.
    Empty,
    /// Stands where a number should be but is not one ("1O", "十二", "2件3").
    NotANumber,
}

impl Tokens {
    /// The text of a value token as it stood in the input.
    pub fn raw_of(&self, value: &ValueTok) -> &str {
        &self.raws[value.raw.0 as usize..value.raw.1 as usize]
    }

    /// The folded text of a token.
    pub fn norm_of(&self, token: &Token) -> &str {
        &self.norm[token.norm.0 as usize..token.norm.1 as usize]
    }

    /// The index of the token whose folded text contains byte `pos` of [`Tokens::norm`]
    /// (the token at or after it, for positions between tokens).
    pub fn token_at_norm(&self, pos: usize) -> usize {
        self.list.partition_point(|t| (t.norm.1 as usize) <= pos)
    }

    /// The tokens of a stretch of folded text.
    pub fn token_range(&self, norm: &std::ops::Range<usize>) -> std::ops::Range<usize> {
        self.token_at_norm(norm.start)..self.token_at_norm(norm.end)
    }

    /// The source span covered by the tokens of a stretch of folded text.
    pub fn span_of_norm(&self, range: std::ops::Range<usize>) -> Option<Span> {
        let (first, last) = (self.token_at_norm(range.start), self.token_at_norm(range.end.saturating_sub(1)));
        self.list
            .get(first..=last.min(self.list.len().saturating_sub(1)))?
            .iter()
            .filter(|t| !matches!(t.kind, Kind::Break { .. }))
            .map(|t| t.span)
            .reduce(Span::cover)
    }
}

/// Tokenizes a document.
pub fn tokenize(doc: &Document<'_>) -> Tokens {
    tokenize_gathering(doc, &mut Gatherer::none())
}

/// Tokenizes a document, handing the metadata's gatherer the characters of the lines it
/// gathers, as they are folded here.
pub fn tokenize_gathering(doc: &Document<'_>, head_tail: &mut Gatherer) -> Tokens {
    let source_len: usize = doc.pieces.iter().map(|p| p.text.len()).sum();
    let mut out = Tokens {
        list: Vec::with_capacity(doc.fields.len() * 2 + doc.lines.len()),
        norm: String::with_capacity(source_len),
        raws: String::with_capacity(source_len / 8),
    };
    // One buffer for the characters of every field, reused; sized for a usual field at once
    // (and well under the size whose release makes the allocator tidy up all its bins).
    let mut chars: Vec<Ch> = Vec::with_capacity(256);
    // And one for folded text matched as a whole (a field, a number, a blank marker).
    let mut scratch = String::new();
    for (line_index, line) in doc.lines.iter().enumerate() {
        let gathered = head_tail.start_line(line_index);
        let first_field = line.fields.0;
        let mut values = 0;
        let mut last_end = None;
        for (i, field) in doc.line_fields(line).iter().enumerate() {
            let index = first_field + i as u32;
            let pieces = doc.field_pieces(field);
            let before = out.list.len();
            if !plain_field(pieces, field, index, &mut out, gathered.then_some(&mut *head_tail)) {
                let shape = field_chars(pieces, field.wide, &mut chars);
                let cx = FieldChars::new(&chars, pieces, field.col, index, COPY_RUNS);
                tokenize_field(&cx, shape, pieces, line.delimited, &mut scratch, &mut out);
                if gathered {
                    gather_chars(&chars, head_tail);
                }
            }
            values += out.list[before..].iter().filter(|t| matches!(t.kind, Kind::Value(_))).count() as u32;
            if let Some(p) = pieces.last() {
                last_end = Some(p.span.end);
            }
        }
        if gathered {
            head_tail.end_line();
        }
        let at = last_end.unwrap_or_else(|| out.list.last().map_or(0, |t| t.span.end));
        let n = out.norm.len() as u32;
        out.norm.push('\n');
        out.list.push(Token {
            kind: Kind::Break { values },
            span: Span::new(at, at),
            norm: (n, n + 1),
            field: line.fields.1.saturating_sub(1),
            cols: None,
            wide: 0,
        });
    }
    out
}

/// Hands the metadata's gatherer a field's characters as laid out: their folded forms (a
/// markdown line break, which the tokens blank out, is text to the metadata, as it was
/// before the tokens saw it) and places.
fn gather_chars(chars: &[Ch], head_tail: &mut Gatherer) {
    for ch in chars {
        let folded = if ch.has_content() { Some(ch.folded) } else { fold(ch.orig) };
        if let Some(folded) = folded {
            head_tail.push(folded, Span::new(ch.start as usize, ch.end as usize));
        }
    }
}

/// Tokenizes a field that is a plain number or plain text by a short way, as
/// [`tokenize_field`] reads it, handing its characters to `gather` if given; whether it was
/// one. Not in the page's wasm, which is built for size: there every field takes the long
/// way, to the same tokens.
#[cfg(not(target_arch = "wasm32"))]
fn plain_field(pieces: &[Piece<'_>], field: &Field, index: u32, out: &mut Tokens, mut gather: Option<&mut Gatherer>) -> bool {
    plain_number_field(pieces, field, index, out, gather.as_deref_mut()) || plain_text_field(pieces, field, index, out, gather)
}

#[cfg(target_arch = "wasm32")]
fn plain_field(_: &[Piece<'_>], _: &Field, _: u32, _: &mut Tokens, _: Option<&mut Gatherer>) -> bool {
    false
}

/// Tokenizes a field that is a plain number as it stands in the input (ASCII digits, with
/// spaces around them at most), as [`tokenize_field`] reads it, without laying out its
/// characters: the usual cell. Whether the field was one.
#[cfg(not(target_arch = "wasm32"))]
fn plain_number_field(pieces: &[Piece<'_>], field: &Field, index: u32, out: &mut Tokens, gather: Option<&mut Gatherer>) -> bool {
    let [piece] = pieces else { return false };
    let lead = piece.text.len() - piece.text.trim_start_matches(' ').len();
    let digits = piece.text[lead..].trim_end_matches(' ');
    // (A longer run takes the long way: past 24 characters a field is scanned, not read whole.)
    if !piece.verbatim || digits.is_empty() || digits.len() > 18 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let Some((value, unit, signed)) = parse_number(digits) else { return false };
    let read = Read::Number { value, unit, signed };
    let start = piece.span.start + lead;
    let span = Span::new(start, start + digits.len());
    // ASCII: a character is a byte and has no extra width.
    let cols = field.col.map(|col| (col + lead as u32, col + (lead + digits.len()) as u32, field.wide));
    let raw = push_raw(out, digits);
    push_value(out, index, span, raw, read, false, cols);
    if let Some(gather) = gather {
        // The spaces around fold to nothing; each digit folds to itself.
        for (i, digit) in digits.bytes().enumerate() {
            gather.push(char::from(digit), Span::new(start + i, start + i + 1));
        }
    }
    true
}

/// Tokenizes a field that is text through and through (no character that may start a value,
/// no markup, and not something [`read_whole_field`] reads as a value), as
/// [`tokenize_field`] reads it, folding its characters straight into [`Tokens::norm`]: most
/// prose and most labels. Whether the field was one; if not, nothing was added.
#[cfg(not(target_arch = "wasm32"))]
fn plain_text_field(pieces: &[Piece<'_>], field: &Field, index: u32, out: &mut Tokens, mut gather: Option<&mut Gatherer>) -> bool {
    let n = out.norm.len();
    // The characters handed to `gather` go back if the field is no plain text after all.
    let gathered = gather.as_ref().map(|g| g.gathered());
    let mut shape = Shape::default();
    let mut gap = false;
    let (mut first, mut last) = ((0, 0, 0, '\0'), 0);
    let mut wide = field.wide;
    let mut i = 0;
    for piece in pieces {
        let (start, end) = (piece.span.start as u32, piece.span.end as u32);
        let text = piece.text.as_ref();
        // Where the run of characters that fold to themselves, not yet in `norm`, starts:
        // such a run is copied at once.
        let mut run = 0;
        for (at, c) in text.char_indices() {
            let folded = fold(c);
            if c == '<' || folded.is_some_and(may_start_value) {
                out.norm.truncate(n);
                if let (Some(gather), Some(gathered)) = (gather, gathered) {
                    gather.truncate(gathered);
                }
                return false;
            }
            let (start, end) = if piece.verbatim { (start + at as u32, start + (at + c.len_utf8()) as u32) } else { (start, end) };
            if let Some(f) = folded {
                if let Some(gather) = gather.as_deref_mut() {
                    gather.push(f, Span::new(start as usize, end as usize));
                }
                if shape.content == 0 {
                    first = (i, start, wide, f);
                }
                last = end;
            }
            if folded != Some(c) {
                out.norm.push_str(&text[run..at]);
                if let Some(f) = folded {
                    out.norm.push(f);
                }
                run = at + c.len_utf8();
            }
            shape.add(i, folded.is_some(), &mut gap);
            wide += super::layout::extra_width(c);
            i += 1;
        }
        out.norm.push_str(&text[run..]);
    }
    let (first_index, first_start, first_wide, first_folded) = first;
    // Refused: a field of no content, and a short field the long way reads whole as a value
    // ("空", "十二"; not "一、本年新收", which is text).
    let whole_value =
        || shape.content <= 24 && !shape.inner_space && may_be_whole_value(first_folded) && read_whole_field(&out.norm[n..]).is_some();
    if shape.content == 0 || whole_value() {
        out.norm.truncate(n);
        if let (Some(gather), Some(gathered)) = (gather, gathered) {
            gather.truncate(gathered);
        }
        return false;
    }
    let cols = field.col.map(|col| (col + first_index as u32, col + shape.last as u32 + 1));
    push_text_token(out, index, n as u32, Span::new(first_start as usize, last as usize), cols, first_wide);
    true
}

/// Whether a folded character may start a value: a digit, a sign, a blank marker's, a
/// parenthesis (which the scan skips as a whole).
fn may_start_value(c: char) -> bool {
    matches!(c, '0'..='9' | '(' | '-' | '+' | '/' | '\\' | '_' | '…' | '.' | '—' | '无')
}

/// A character of a field with its folded form and where it stands in the source (20 bytes:
/// one is laid out for each character of each field that takes the long way).
#[derive(Clone, Copy, Debug)]
struct Ch {
    orig: char,
    /// The folded form, or '\0' when folding drops the character (`fold` never yields '\0').
    folded: char,
    /// Where it stands in the source (as u32, like every offset of the tokens: inputs are
    /// bounded far below 4 GB, `input::limits`).
    start: u32,
    end: u32,
    /// How many columns further it stands in display width (see [`Field::wide`]).
    wide: u32,
}

impl Ch {
    fn folded(&self) -> Option<char> {
        (self.folded != '\0').then_some(self.folded)
    }

    fn has_content(&self) -> bool {
        self.folded != '\0'
    }

    /// Whether the character stands in the folded text as itself.
    fn folds_to_itself(&self) -> bool {
        self.orig == self.folded && self.has_content()
    }
}

/// The characters of the field being tokenized; a character's column on its line, in text
/// laid out with spaces, is the field's column plus its index.
struct FieldChars<'c> {
    chars: &'c [Ch],
    col: Option<u32>,
    field: u32,
    /// The field's text and where it starts in the source, when the field is one verbatim
    /// piece (the usual field) and runs are copied ([`COPY_RUNS`]): a run of its characters
    /// is then copied from it at once rather than character by character.
    verbatim: Option<(&'c str, u32)>,
}

/// Whether the long way copies runs of characters that fold to themselves from the source at
/// once ([`FieldChars::verbatim`]): natively only. In the page's wasm, built for size, the
/// copying cost about 700 bytes brotli; there each character is pushed in turn, to the same
/// tokens (a test holds the two ways equal).
const COPY_RUNS: bool = cfg!(not(target_arch = "wasm32"));

impl<'c> FieldChars<'c> {
    fn new(chars: &'c [Ch], pieces: &'c [Piece<'_>], col: Option<u32>, field: u32, copy_runs: bool) -> FieldChars<'c> {
        let verbatim = match pieces {
            [piece] if copy_runs && piece.verbatim => Some((piece.text.as_ref(), piece.span.start as u32)),
            _ => None,
        };
        FieldChars { chars, col, field, verbatim }
    }

    /// The source text of `chars` (characters of this field, one after another), when the
    /// field is one verbatim piece.
    fn source_of(&self, chars: &[Ch]) -> Option<&'c str> {
        if !COPY_RUNS {
            return None;
        }
        let ((text, base), first, last) = (self.verbatim?, chars.first()?, chars.last()?);
        text.get((first.start - base) as usize..(last.end - base) as usize)
    }

    fn folded(&self, i: usize) -> Option<char> {
        self.chars.get(i).and_then(Ch::folded)
    }

    #[cfg_attr(target_arch = "wasm32", inline(never))]
    fn span(&self, range: std::ops::Range<usize>) -> Span {
        Span::new(self.chars[range.start].start as usize, self.chars[range.end - 1].end as usize)
    }

    /// The character columns covered by the characters of `range` (not empty), if known,
    /// and how much further they stand in display width.
    #[cfg_attr(target_arch = "wasm32", inline(never))]
    fn cols(&self, range: std::ops::Range<usize>) -> Option<(u32, u32, u32)> {
        let col = self.col?;
        Some((col + range.start as u32, col + range.end as u32, self.chars[range.start].wide))
    }
}

/// What a field's characters hold: how many have content, the first and last of them, and
/// whether white space stands between two of them.
#[derive(Clone, Copy, Default)]
struct Shape {
    content: usize,
    first: usize,
    last: usize,
    inner_space: bool,
}

impl Shape {
    fn of(chars: &[Ch]) -> Shape {
        let mut shape = Shape::default();
        let mut gap = false;
        for (i, c) in chars.iter().enumerate() {
            shape.add(i, c.has_content(), &mut gap);
        }
        shape
    }

    fn add(&mut self, i: usize, content: bool, gap: &mut bool) {
        if content {
            if self.content == 0 {
                self.first = i;
            }
            self.last = i;
            self.content += 1;
            self.inner_space |= *gap;
        } else {
            *gap |= self.content > 0;
        }
    }
}

/// Lays out the characters of a field's pieces into `chars`, and tells their shape.
#[cfg_attr(target_arch = "wasm32", inline(never))]
fn field_chars(pieces: &[Piece<'_>], wide: u32, chars: &mut Vec<Ch>) -> Shape {
    chars.clear();
    chars.reserve(pieces.iter().map(|p| p.text.len()).sum());
    let mut wide = wide;
    let mut markup = false;
    for piece in pieces {
        let (start, end) = (piece.span.start as u32, piece.span.end as u32);
        // A verbatim piece's characters stand at their own bytes; any other piece's at the
        // whole piece (a decoded entity).
        let mut at = start;
        for c in piece.text.chars() {
            let next = at + c.len_utf8() as u32;
            let (start, end) = if piece.verbatim { (at, next) } else { (start, end) };
            chars.push(Ch { orig: c, folded: fold(c).unwrap_or('\0'), start, end, wide });
            wide += super::layout::extra_width(c);
            markup |= c == '<';
            at = next;
        }
    }
    // Markup can start no earlier than the first '<'.
    if markup && let Some(from) = chars.iter().position(|c| c.orig == '<') {
        blank_out_line_breaks(chars, from);
    }
    Shape::of(chars)
}

/// Markdown converters write line breaks inside cells as "<br>" ("<br/>", "<br />"): they
/// are white space, not text: those at or after `from` fold to nothing.
fn blank_out_line_breaks(chars: &mut [Ch], from: usize) {
    let mut i = from;
    while i + 3 < chars.len() {
        if chars[i].orig == '<' && matches!(chars[i + 1].orig, 'b' | 'B') && matches!(chars[i + 2].orig, 'r' | 'R') {
            let close = (i + 3..chars.len().min(i + 7)).find(|&k| chars[k].orig == '>');
            let only_slash = close.is_some_and(|c| chars[i + 3..c].iter().all(|x| x.orig == '/' || x.orig == ' '));
            if let (Some(close), true) = (close, only_slash) {
                for ch in &mut chars[i..=close] {
                    ch.folded = '\0';
                }
                i = close + 1;
                continue;
            }
        }
        i += 1;
    }
}

fn tokenize_field(cx: &FieldChars<'_>, shape: Shape, pieces: &[Piece<'_>], delimited: bool, scratch: &mut String, out: &mut Tokens) {
    let chars = cx.chars;
    if shape.content == 0 {
        if delimited {
            let span = pieces.first().map_or(Span::new(0, 0), |p| Span::new(p.span.start, p.span.start));
            let raw = push_raw(out, "");
            push_value(out, cx.field, span, raw, Read::Empty, false, None);
        }
        return;
    }
    // A whole field that is a number, a blank marker or a failed number (such a field is
    // short; longer ones go straight to the scan). Not a field with spaces inside: "3 0 12"
    // is three numbers, not 3012. Nor one that starts as a label does (a CJK character that
    // is no numeral nor a blank's): `read_whole_field` would refuse it.
    let (first, last) = (shape.first, shape.last);
    if shape.content <= 24
        && !shape.inner_space
        && chars[first].folded().is_some_and(may_be_whole_value)
        && let Some(read) = read_whole_field(folded_into(cx, chars, scratch))
    {
        let whole = first..last + 1;
        let raw = push_raw_chars(out, cx, &chars[whole.clone()]);
        push_value(out, cx.field, cx.span(whole.clone()), raw, read, false, cx.cols(whole));
        return;
    }
    // Text with nothing that could start a value (a digit, a sign, a blank marker, a
    // parenthesis) is text through and through: most prose lines.
    if !chars.iter().any(|c| may_start_value(c.folded)) {
        push_text(out, cx, 0..chars.len());
        return;
    }
    let before = out.list.len();
    scan(cx, scratch, out);
    // A lone plain number in its field is one cell; several tokens sharing a field may be
    // digits of several cells run together.
    let shared = out.list.len() - before > 1;
    for token in &mut out.list[before..] {
        if let Kind::Value(v) = &mut token.kind {
            v.splittable &= shared;
        }
    }
}

/// Whether a field whose first folded character is `c` may be one value as a whole (see
/// [`read_whole_field`]).
fn may_be_whole_value(c: char) -> bool {
    !is_cjk(c) || matches!(c, '无' | '空' | '暂') || is_numeral(c)
}

/// Whether `c` is a Chinese numeral ("十二" is not a number a cell may hold, but it stands
/// where one should be). Told by `matches!`, not by searching a string: it is asked of
/// most fields.
fn is_numeral(c: char) -> bool {
    matches!(c, '〇' | '零' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '百' | '千' | '两')
}

/// The folded text of `chars`, written into `scratch` (one buffer for the whole document:
/// a field or a number is matched without a `String` of its own).
fn folded_into<'s>(cx: &FieldChars<'_>, chars: &[Ch], scratch: &'s mut String) -> &'s str {
    scratch.clear();
    push_folded(scratch, cx, chars);
    scratch
}

/// Adds a value's text as it stood in the input to [`Tokens::raws`]: its range there.
fn push_raw(out: &mut Tokens, raw: &str) -> (u32, u32) {
    let start = out.raws.len() as u32;
    out.raws.push_str(raw);
    (start, out.raws.len() as u32)
}

/// [`push_raw`] for characters of a field: copied from the source where the field has it.
#[cfg_attr(target_arch = "wasm32", inline(never))]
fn push_raw_chars(out: &mut Tokens, cx: &FieldChars<'_>, chars: &[Ch]) -> (u32, u32) {
    let start = out.raws.len() as u32;
    match cx.source_of(chars) {
        Some(source) => out.raws.push_str(source),
        None => out.raws.extend(chars.iter().map(|c| c.orig)),
    }
    (start, out.raws.len() as u32)
}

/// Adds a value token whose text as it stood in the input is `raw` in [`Tokens::raws`].
#[cfg_attr(target_arch = "wasm32", inline(never))]
fn push_value(out: &mut Tokens, field: u32, span: Span, raw: (u32, u32), read: Read, splittable: bool, cols: Option<(u32, u32, u32)>) {
    let n = out.norm.len() as u32;
    out.norm.push('#');
    out.list.push(Token {
        kind: Kind::Value(ValueTok { raw, read, splittable }),
        span,
        norm: (n, n + 1),
        field,
        cols: cols.map(|(a, b, _)| (a, b)),
        wide: cols.map_or(0, |c| c.2),
    });
}

/// Adds the characters of `range` as text (nothing if none has content).
#[cfg_attr(target_arch = "wasm32", inline(never))]
fn push_text(out: &mut Tokens, cx: &FieldChars<'_>, range: std::ops::Range<usize>) {
    let chars = &cx.chars[range.clone()];
    let Some(first) = chars.iter().position(Ch::has_content) else { return };
    let last = chars.iter().rposition(Ch::has_content).unwrap_or(first);
    let n = out.norm.len() as u32;
    push_folded(&mut out.norm, cx, &chars[first..=last]);
    let (first, last) = (range.start + first, range.start + last);
    let cols = cx.col.map(|col| (col + first as u32, col + last as u32 + 1));
    push_text_token(out, cx.field, n, cx.span(first..last + 1), cols, cx.chars[first].wide);
}

/// Adds the folded text of `chars` to `norm`: a run of characters that fold to themselves
/// (most ideographs, most ASCII) copied from the source at once where the field has it.
fn push_folded(norm: &mut String, cx: &FieldChars<'_>, chars: &[Ch]) {
    if !COPY_RUNS || cx.verbatim.is_none() {
        norm.extend(chars.iter().filter_map(Ch::folded));
        return;
    }
    let mut run = 0;
    for (i, c) in chars.iter().enumerate() {
        if c.folds_to_itself() {
            continue;
        }
        norm.push_str(cx.source_of(&chars[run..i]).unwrap_or_default());
        if let Some(f) = c.folded() {
            norm.push(f);
        }
        run = i + 1;
    }
    norm.push_str(cx.source_of(&chars[run..]).unwrap_or_default());
}

/// Adds a text token for the folded text from byte `n` of `out.norm` to its end, merged with
/// a text token right before it in the same field.
#[cfg_attr(target_arch = "wasm32", inline(never))]
fn push_text_token(out: &mut Tokens, field: u32, n: u32, span: Span, cols: Option<(u32, u32)>, wide: u32) {
    let m = out.norm.len() as u32;
    if let Some(prev) = out.list.last_mut()
        && matches!(prev.kind, Kind::Text)
        && prev.field == field
        && prev.norm.1 == n
    {
        prev.norm.1 = m;
        prev.span.end = span.end;
        prev.cols = prev.cols.zip(cols).map(|((a, _), (_, b))| (a, b));
        return;
    }
    out.list.push(Token { kind: Kind::Text, span, norm: (n, m), field, cols, wide });
}

/// Reads a whole field as one value if it is one: a number, a blank marker, or something
/// short that stands where a number should be but is not one.
fn read_whole_field(folded: &str) -> Option<Read> {
    // A label ("规章", "一、本年新收…") has neither digits nor a blank marker's characters:
    // skip it at once.
    let first = folded.chars().next()?;
    if !may_be_whole_value(first) {
        return None;
    }
    if is_blank_marker(folded) {
        return Some(Read::Blank);
    }
    if let Some((value, unit, signed)) = parse_number(folded) {
        return Some(Read::Number { value, unit, signed });
    }
    let allowed =
        |c: char| c.is_ascii_alphanumeric() || is_numeral(c) || matches!(c, '件' | '个' | '项' | '条' | '次' | '元' | '万' | '.' | ',');
    // At most eight characters, all allowed: counted without a list of them.
    let (mut count, mut has_digit, mut all_numerals) = (0, false, true);
    for c in folded.chars() {
        count += 1;
        if count > 8 || !allowed(c) {
            return None;
        }
        has_digit |= c.is_ascii_digit();
        all_numerals &= is_numeral(c);
    }
    if has_digit || (all_numerals && count >= 2) {
        // Letters around digits ("1O", "l2") or counting words between them ("2件3").
        return Some(Read::NotANumber);
    }
    None
}

/// "-", "—", "/", "无" and their kin: a cell left without a number.
pub fn is_blank_marker(folded: &str) -> bool {
    !folded.is_empty()
        && (folded.chars().all(|c| matches!(c, '-' | '/' | '\\' | '_' | '…' | '.' | '—')) && !folded.chars().all(|c| c == '.')
            || matches!(folded, "无" | "空" | "暂无" | "/无" | "无/" | "--" | "N/A" | "n/a" | "NA"))
}

/// Parses a folded string that is exactly one number: sign, digits with optional thousands
/// separators, decimals, and a unit. Returns the value (converted to 万元 when written in 元),
/// the unit and whether a sign was written.
pub fn parse_number(folded: &str) -> Option<(Decimal, Unit, bool)> {
    // Plain digits, the common case.
    if !folded.is_empty() && folded.len() <= 18 && folded.bytes().all(|b| b.is_ascii_digit()) {
        let n = folded.bytes().fold(0i64, |n, b| n * 10 + i64::from(b - b'0'));
        return Some((Decimal::from_int(n), Unit::None, false));
    }
    let (body, unit) = split_unit(folded);
    let (negative, signed, body) = match body.as_bytes().first() {
        Some(b'-') => (true, true, &body[1..]),
        Some(b'+') => (false, true, &body[1..]),
        _ => (false, false, body),
    };
    let (int_part, frac_part) = match body.split_once('.') {
        Some((i, f)) if !f.is_empty() && !i.is_empty() => (i, f),
        Some(_) => return None,
        None => (body, ""),
    };
    let int_digits = strip_thousands(int_part)?;
    let mut value = Decimal::parse_digits(&int_digits, frac_part)?;
    if negative {
        value = value.negated();
    }
    if unit == Unit::Yuan {
        value = value.yuan_to_wan()?;
    }
    Some((value, unit, signed))
}

/// Splits a trailing unit off a folded number.
fn split_unit(folded: &str) -> (&str, Unit) {
    for (suffix, unit) in [
        ("万元", Unit::WanYuan),
        ("元", Unit::Yuan),
        ("人次", Unit::Count),
        ("件", Unit::Count),
        ("个", Unit::Count),
        ("项", Unit::Count),
        ("条", Unit::Count),
        ("次", Unit::Count),
        ("家", Unit::Count),
    ] {
        if let Some(body) = folded.strip_suffix(suffix) {
            return (body, unit);
        }
    }
    (folded, Unit::None)
}

/// "1,234,567" → "1234567"; `None` if commas are not in thousands positions.
fn strip_thousands(int_part: &str) -> Option<std::borrow::Cow<'_, str>> {
    if !int_part.contains(',') {
        return Some(std::borrow::Cow::Borrowed(int_part));
    }
    let groups: Vec<&str> = int_part.split(',').collect();
    let ok = !groups[0].is_empty()
        && groups[0].len() <= 3
        && groups[1..].iter().all(|g| g.len() == 3)
        && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()));
    ok.then(|| std::borrow::Cow::Owned(groups.concat()))
}

/// The units a number may carry right after it, as characters.
const UNITS: [&[char]; 9] = [&['万', '元'], &['元'], &['人', '次'], &['件'], &['个'], &['项'], &['条'], &['次'], &['家']];

/// Scans a field that is not one value as a whole, splitting text from numbers.
fn scan(cx: &FieldChars<'_>, scratch: &mut String, out: &mut Tokens) {
    let chars = cx.chars;
    let f = |i: usize| cx.folded(i);
    let digit = |i: usize| matches!(f(i), Some('0'..='9'));
    let space = |i: usize| chars.get(i).is_some_and(|c| !c.has_content());
    let mut text_start = 0;
    let mut i = 0;
    while i < chars.len() {
        // Most characters are text that follows text: nothing below starts there (a step
        // taken natively only, as the runs copied are: the checks below tell the same).
        if COPY_RUNS && !starts_anything(chars, i) {
            i += 1;
            continue;
        }
        // A parenthetical is text, digits and all ("（其中修订16件）").
        if f(i) == Some('(')
            && let Some(close) = matching_paren(chars, i)
        {
            i = close + 1;
            continue;
        }
        // A standalone blank marker between spaces.
        if let Some(end) = standalone_blank(cx, i, scratch) {
            push_text(out, cx, text_start..i);
            let raw = push_raw_chars(out, cx, &chars[i..end]);
            push_value(out, cx.field, cx.span(i..end), raw, Read::Blank, false, cx.cols(i..end));
            i = end;
            text_start = i;
            continue;
        }
        let sign = matches!(f(i), Some('-' | '+'))
            && digit(i + 1)
            && (i == 0 || !digit(i - 1))
            && (i == 0 || space(i - 1) || f(i - 1).is_some_and(is_cjk));
        if !(digit(i) || sign) {
            i += 1;
            continue;
        }
        let start = i;
        let mut j = if sign { i + 1 } else { i };
        while digit(j) || (f(j) == Some(',') && digit(j + 1) && digit(j + 2) && digit(j + 3) && !digit(j + 4)) {
            j += 1;
        }
        let int_end = j;
        if f(j) == Some('.') && digit(j + 1) {
            j += 1;
            while digit(j) {
                j += 1;
            }
        }
        let number_end = j;
        let prev = if start > 0 { f(start - 1) } else { None };
        let next = f(number_end);
        // Digits that belong to text: glued to Latin letters, part of a date or a time, an
        // ordinal (第3), a percentage, or a label's numbering ("1.属于", "2、重复申请").
        let glued_latin = prev.is_some_and(|c| c.is_ascii_alphabetic()) || next.is_some_and(|c| c.is_ascii_alphabetic());
        let date_like = matches!(next, Some('年' | '月' | '日' | '号' | '时' | ':' | '%' | '期' | '届' | '季' | '周' | '岁'))
            || (matches!(next, Some('-' | '/')) && digit(number_end + 1))
            || matches!(prev, Some('第' | '/' | ':'))
            || (prev == Some('-') && start > 1 && digit(start - 2));
        if glued_latin || date_like {
            i = number_end.max(i + 1);
            continue;
        }
        // (Spaces may stand around the dot: "3. 其他", letter-spaced "3 . 其 他".)
        let dot_at = (number_end..chars.len()).find(|&k| !space(k));
        let dot = dot_at.and_then(f);
        let after_dot = dot_at.and_then(|d| (d + 1..chars.len()).find(|&k| !space(k))).and_then(f);
        // A numbering may end its line, its label on the next (PDF text wraps "00000005." and
        // "属于三类内部事务信息"): a cell's number never ends with a dot.
        let numbering =
            number_end == int_end && matches!(dot, Some('.' | '、')) && after_dot.is_none_or(|c| !c.is_ascii_digit() && c != '.');
        if numbering {
            // The last digit numbers the label that follows; digits before it are a value
            // that ran into the label ("00000002.其他法律…").
            let label_digit = int_end - 1;
            if label_digit > start {
                push_text(out, cx, text_start..start);
                emit_number(cx, start..label_digit, scratch, out);
                text_start = label_digit;
            }
            i = dot_at.map_or(number_end, |d| d + 1);
            continue;
        }
        // A unit right after the number belongs to it.
        let mut end = number_end;
        let mut k = end;
        while space(k) {
            k += 1;
        }
        if let Some(unit) = UNITS.iter().find(|unit| unit.iter().enumerate().all(|(u, &c)| f(k + u) == Some(c))) {
            end = k + unit.len();
        }
        push_text(out, cx, text_start..start);
        emit_number(cx, start..end, scratch, out);
        i = end;
        text_start = i;
    }
    push_text(out, cx, text_start..chars.len());
}

/// Whether the scan may find something other than text at `i`: a parenthetical, a number
/// (a digit or a sign), or a blank marker standing alone (after a space or at the start).
fn starts_anything(chars: &[Ch], i: usize) -> bool {
    let after_space = i == 0 || chars.get(i - 1).is_some_and(|c| !c.has_content());
    after_space || chars.get(i).is_some_and(|c| matches!(c.folded, '0'..='9' | '(' | '-' | '+'))
}

#[cfg_attr(target_arch = "wasm32", inline(never))]
fn emit_number(cx: &FieldChars<'_>, range: std::ops::Range<usize>, scratch: &mut String, out: &mut Tokens) {
    let raw = &cx.chars[range.clone()];
    let folded = folded_into(cx, raw, scratch);
    let number = parse_number(folded);
    let plain = folded.bytes().all(|b| b.is_ascii_digit())
        || (folded.bytes().next().is_some_and(|b| b.is_ascii_digit())
            && number.as_ref().is_some_and(|(_, _, signed)| !signed)
            && !folded.contains(','));
    let (read, splittable) = match number {
        Some((value, unit, signed)) => (Read::Number { value, unit, signed }, plain),
        None => (Read::NotANumber, false),
    };
    let raw = push_raw_chars(out, cx, raw);
    push_value(out, cx.field, cx.span(range.clone()), raw, read, splittable, cx.cols(range));
}

/// The index of the parenthesis closing the one at `open`, within the field and within a
/// reasonable length; `None` leaves the opening parenthesis as ordinary text.
fn matching_paren(chars: &[Ch], open: usize) -> Option<usize> {
    let mut depth = 0;
    for (k, c) in chars.iter().enumerate().skip(open).take(160) {
        match c.folded {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(k);
                }
            }
            _ => {}
        }
    }
    None
}

/// A blank marker standing alone between spaces (or field edges) at `i`: its end index.
fn standalone_blank(cx: &FieldChars<'_>, i: usize, scratch: &mut String) -> Option<usize> {
    let chars = cx.chars;
    let boundary = |k: Option<&Ch>| k.is_none_or(|c| !c.has_content());
    if i > 0 && !boundary(chars.get(i - 1)) {
        return None;
    }
    let mut end = i;
    while end < chars.len() && end - i <= 3 && chars[end].has_content() {
        end += 1;
    }
    if end == i || end - i > 3 || !boundary(chars.get(end)) {
        return None;
    }
    let folded = folded_into(cx, &chars[i..end], scratch);
    if !is_blank_marker(folded) {
        return None;
    }
    if folded != "无" {
        return Some(end);
    }
    // "无" alone is a blank cell in a row of values ("规章 3 无 12", "行政强制 无"), but a word
    // in prose ("无 其他事项"): only when a value stands beside it or the field ends after it.
    let valueish = |c: char| c.is_ascii_digit() || matches!(c, '-' | '/' | '无');
    let prev = chars[..i].iter().rev().find_map(Ch::folded);
    let next = chars[end..].iter().find_map(Ch::folded);
    (prev.is_some_and(valueish) || next.is_none_or(valueish)).then_some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Renders the tokens of `text` compactly: text in «», values as their raw text with a
    /// marker for how they were read, line ends as ⏎.
    fn show(text: &str) -> String {
        let doc = Document::from_text(text);
        let tokens = tokenize(&doc);
        let mut out = Vec::new();
        for t in &tokens.list {
            match &t.kind {
                Kind::Text => out.push(format!("«{}»", tokens.norm_of(t))),
                Kind::Value(v) => {
                    assert_eq!(&text[t.span.start..t.span.end], tokens.raw_of(v), "span of {:?}", tokens.raw_of(v));
                    let mark = match &v.read {
                        Read::Number { value, .. } => format!("{value}"),
                        Read::Blank => "∅".to_string(),
                        Read::Empty => "_".to_string(),
                        Read::NotANumber => "?".to_string(),
                    };
                    out.push(format!("{}{}", mark, if v.splittable { "~" } else { "" }));
                }
                Kind::Break { .. } => out.push("⏎".to_string()),
            }
        }
        out.join(" ")
    }

    /// The long way copying runs from the source (natively) gives the tokens it gives pushing
    /// each character (as in the page's wasm), field by field, on every sample and edge field.
    #[test]
    fn runs_copied_read_as_characters_pushed_in_turn() {
        let mut copied_fields = 0;
        each_sample_field(|pieces, field, index| {
            let mut chars = Vec::new();
            let shape = field_chars(pieces, field.wide, &mut chars);
            let [copied, pushed] = [true, false].map(|copy_runs| {
                let cx = FieldChars::new(&chars, pieces, field.col, index, copy_runs);
                copied_fields += usize::from(cx.verbatim.is_some());
                let mut out = Tokens::default();
                tokenize_field(&cx, shape, pieces, false, &mut String::new(), &mut out);
                out
            });
            let text: String = pieces.iter().map(|p| p.text.as_ref()).collect();
            assert_eq!(format!("{copied:?}"), format!("{pushed:?}"), "field {text:?}");
        });
        assert!(copied_fields > 500, "many fields are copied by runs ({copied_fields})");
    }

    /// Calls `check` with each field of each of [`sample_texts`] and its index.
    fn each_sample_field(mut check: impl FnMut(&[Piece<'_>], &Field, u32)) {
        for (text, html) in &sample_texts() {
            let doc = if *html { crate::input::html::document(text) } else { Document::from_text(text) };
            for (i, field) in doc.fields.iter().enumerate() {
                check(doc.field_pieces(field), field, i as u32);
            }
        }
    }

    /// Every text and HTML sample, and a text of fields made to sit at the edges of the
    /// tokenizer's short ways.
    fn sample_texts() -> Vec<(String, bool)> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/samples");
        let mut texts: Vec<(String, bool)> = std::fs::read_dir(&dir)
            .expect("samples")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter_map(|p| {
                let html = p.extension().is_some_and(|e| e == "html");
                let text = (html || p.extension().is_some_and(|e| e == "txt" || e == "md")).then(|| std::fs::read_to_string(&p).ok())??;
                Some((text, html))
            })
            .collect();
        assert!(texts.len() >= 6, "the samples are there");
        let edges = [
            "12",
            "  12  ",
            "12 34",
            "１２",
            "007",
            "1234567890123456789",
            "-3",
            "3.5",
            "空",
            "暂无",
            "NA",
            "十二",
            "两",
            "无",
            "abc",
            "ICP",
            "本机关2024年",
            "（一）予以公开",
            "（一） 空",
            "(一) NA 其他",
            "（空）",
            "(NA)",
            "（十二）",
            "(",
            "（未闭合 的括号",
            "(a b)",
            "一、本年新收",
            "十二 件",
            "二十一",
            "空 空",
            "（其中 暂无 项）",
            "a<br>b",
            "“规章”",
            "行政 许可",
            "　全角空格　",
            "規章",
            "本年度本机关没有收到政府信息公开申请，也没有发生行政复议和行政诉讼的情况，特此说明",
        ];
        let mut synthetic = edges.join("\n");
        synthetic.push('\n');
        synthetic.push_str(&edges.join("\t"));
        synthetic.push('\n');
        synthetic.push_str(&edges.join("    "));
        texts.push((synthetic, false));
        texts
    }

    /// The short ways for plain fields (native only) give the tokens the long way gives, field
    /// by field, on every sample (text and HTML) and on fields made to sit at their edges.
    #[test]
    fn short_ways_read_plain_fields_as_the_long_way() {
        let mut short_fields = 0;
        each_sample_field(|pieces, field, index| {
            let mut short = Tokens::default();
            if !plain_field(pieces, field, index, &mut short, None) {
                assert!(short.list.is_empty() && short.norm.is_empty(), "a field refused leaves nothing behind");
                return;
            }
            short_fields += 1;
            let (mut long, mut chars) = (Tokens::default(), Vec::new());
            let shape = field_chars(pieces, field.wide, &mut chars);
            let cx = FieldChars::new(&chars, pieces, field.col, index, COPY_RUNS);
            tokenize_field(&cx, shape, pieces, false, &mut String::new(), &mut long);
            let text: String = pieces.iter().map(|p| p.text.as_ref()).collect();
            assert_eq!(format!("{short:?}"), format!("{long:?}"), "field {text:?}");
        });
        assert!(short_fields > 500, "many fields take a short way ({short_fields})");
    }

    /// The metadata's head and tail gathered from the tokens' pass are the ones it gathers
    /// walking the document itself, on every sample (text and HTML) and on texts made to sit
    /// at the gathering's edges: a head that ends inside a line, a tail that meets the head,
    /// markdown line breaks the tokens blank out, lines of no field.
    #[test]
    fn the_tokens_gather_the_metadatas_text_as_a_walk_does() {
        let mut texts = sample_texts();
        let long_line = format!("标题:某某县2024年政府信息公开工作年度报告{}", "发布时间:2025年1月2日 12 ".repeat(400));
        let many_lines = "发布机构:某某县人民政府\n\n规章\t0\t１２\t-\n".repeat(700);
        let head_meets_tail = format!("{}\n{}", "公开 1<br>2 日期\n".repeat(300), "生成日期:2025-01-02\n".repeat(90));
        texts.extend([long_line, many_lines, head_meets_tail, String::new(), "\n\n\n".into()].map(|t| (t, false)));
        texts
            .push(("<p>发布日期：2025年1月2日&nbsp;&nbsp;来源：某某县</p><table><tr><td>规章</td><td>１２</td></tr></table>".into(), true));
        for (text, html) in &texts {
            let doc = if *html { crate::input::html::document(text) } else { Document::from_text(text) };
            let mut gathered = Gatherer::new(&doc);
            tokenize_gathering(&doc, &mut gathered);
            let walked = Gatherer::walk(&doc);
            let start = text.chars().take(80).collect::<String>();
            assert_eq!(format!("{gathered:?}"), format!("{walked:?}"), "{start}");
            // Every field the long way, as in the page's wasm.
            let (mut long_way, mut chars) = (Gatherer::new(&doc), Vec::new());
            for (index, line) in doc.lines.iter().enumerate() {
                if long_way.start_line(index) {
                    for field in doc.line_fields(line) {
                        field_chars(doc.field_pieces(field), field.wide, &mut chars);
                        gather_chars(&chars, &mut long_way);
                    }
                    long_way.end_line();
                }
            }
            assert_eq!(format!("{long_way:?}"), format!("{walked:?}"), "{start}");
        }
    }

    #[test]
    fn one_cell_per_line() {
        assert_eq!(show("规章\n0\n0\n0"), "«规章» ⏎ 0 ⏎ 0 ⏎ 0 ⏎");
    }

    #[test]
    fn flattened_runs_and_label_numbers() {
        assert_eq!(show("规章000行政规范性文件8855698第二十条"), "«规章» 0~ «行政规范性文件» 8855698~ «第二十条» ⏎");
        assert_eq!(show("1.属于国家秘密00000002.其他法律"), "«1.属于国家秘密» 0~ «2.其他法律» ⏎");
        assert_eq!(show("数量230 000023二、上年"), "«数量» 230~ 23~ «二、上年» ⏎");
    }

    #[test]
    fn values_with_units_signs_and_separators() {
        assert_eq!(show("采购总金额\t251000元"), "«采购总金额» 25.1 ⏎");
        assert_eq!(show("金额 160.5964万元"), "«金额» 160.5964~ ⏎");
        assert_eq!(show("本年增/减\t-8\t+5\t1,234\t１２"), "«本年增/减» -8 5 1234 12 ⏎");
        assert_eq!(show("行政许可 12件"), "«行政许可» 12~ ⏎");
    }

    #[test]
    fn blanks_and_unreadable_cells() {
        assert_eq!(show("规章\t-\t—\t/\t无\t"), "«规章» ∅ ∅ ∅ ∅ _ ⏎");
        assert_eq!(show("规章\t1O\t十二\t2件3"), "«规章» ? ? ? ⏎");
        assert_eq!(show("行政强制 4 4 -"), "«行政强制» 4~ 4~ ∅ ⏎");
    }

    #[test]
    fn digits_that_are_text() {
        assert_eq!(show("2024年1月1日"), "«2024年1月1日» ⏎");
        assert_eq!(show("（其中修订 16 件）"), "«(其中修订16件)» ⏎");
        assert_eq!(show("发布时间:2020-01-14"), "«发布时间:2020-01-14» ⏎");
        assert_eq!(show("蜀ICP备05007295号"), "«蜀ICP备05007295号» ⏎");
        assert_eq!(show("17.46%"), "«17.46%» ⏎");
    }
}
