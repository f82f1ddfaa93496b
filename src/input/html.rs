//! HTML → [`Document`]: pasted `text/html`, and .html/.htm files once decoded.
//!
//! Table rows become delimited lines with one field per source cell; paragraphs, headings,
//! list items, divs and `<br>` outside tables end text lines; the first `<title>` is the
//! first line (the parser looks for the report's title near the top). Scripts, styles,
//! comments and other elements a browser does not show as text are skipped. Every piece
//! keeps its span in the HTML source: text runs verbatim, character references
//! (`&nbsp;`) as decoded non-verbatim pieces covering the reference. See `tree` for the
//! layout rules and `markup` for the tokenizer.

use std::borrow::Cow;

use super::markup::{self, Mode, Tag, Token};
use super::tree::Tree;
use super::{Kind, ReadError};
use crate::model::Span;
use crate::parse::layout::{Document, Piece};

/// Lays out an HTML source as lines of fields whose spans point into `html`. Never fails:
/// broken markup reads as a browser would roughly show it.
pub fn document(html: &str) -> Document<'_> {
    let (tree, title) = read(html);
    let mut doc = Document::default();
    tree.layout(title, &mut doc);
    doc
}

/// Why a page is not read, if it is not: its tables nest past [`MAX_TABLE_DEPTH`] (no real
/// page does; [`document`] alone reads those tables as text), or it holds no text at all
/// (only tags, as a page of empty tables). [`Loaded::new`](super::Loaded::new) refuses such
/// a page.
///
/// [`MAX_TABLE_DEPTH`]: super::limits::MAX_TABLE_DEPTH
pub fn refusal(html: &str) -> Option<ReadError> {
    let (tree, title) = read(html);
    if tree.too_deep() {
        Some(ReadError::TablesTooDeep)
    } else if !tree.has_text() && title.iter().all(|p| p.text.chars().all(char::is_whitespace)) {
        Some(ReadError::NoText(Kind::Html))
    } else {
        None
    }
}

/// Reads the tokens of `html` into a tree, and the first `<title>`'s pieces.
fn read(html: &str) -> (Tree<'_>, Vec<Piece<'_>>) {
    let mut tree = Tree::default();
    let mut title: Vec<Piece<'_>> = Vec::new();
    let mut seen_title = false;
    // Inside RCDATA: the first `<title>` (kept) or a later one or a `<textarea>` (dropped).
    let mut rcdata: Option<bool> = None;
    // How many `<pre>`s are open: their white space is kept and their newlines break lines.
    let mut pre = 0u32;
    for token in markup::tokens(html, Mode::Html) {
        match token {
            Token::Text { text, start } => {
                let piece = Piece { text: Cow::Borrowed(text), span: Span::new(start, start + text.len()), verbatim: true };
                match rcdata {
                    Some(true) => title.push(piece),
                    Some(false) => {}
                    None if pre > 0 => preformatted(&mut tree, text, start),
                    None => tree.text(piece, true),
                }
            }
            Token::Reference { text, span } => {
                let piece = Piece { text, span, verbatim: false };
                match rcdata {
                    Some(true) => title.push(piece),
                    Some(false) => {}
                    None => tree.text(piece, pre == 0),
                }
            }
            Token::Start(tag) => {
                let role = role(&tag);
                match role {
                    Role::Title => {
                        rcdata = Some(!seen_title);
                        seen_title = true;
                    }
                    Role::Textarea => rcdata = Some(false),
                    Role::Pre => {
                        tree.line_break(tag.span);
                        pre += 1;
                    }
                    _ => start(&mut tree, role, &tag),
                }
            }
            Token::End(tag) => {
                let role = role(&tag);
                match role {
                    Role::Title | Role::Textarea => rcdata = None,
                    Role::Pre => {
                        tree.line_break(tag.span);
                        pre = pre.saturating_sub(1);
                    }
                    _ => end(&mut tree, role, &tag),
                }
            }
        }
    }
    (tree, title)
}

/// What an element means for the layout.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Image,
    Table,
    Row,
    Cell,
    /// `tbody`, `thead`, `tfoot`: ends a row.
    Section,
    /// A table caption: read as a row of one cell.
    Caption,
    /// `br`, `hr`, and blocks (`p`, `div`…): a line break.
    Break,
    /// Headings and lists: a line break, and a sign that a cell holding one is a container.
    Structure,
    Pre,
    Title,
    Textarea,
    /// Inline elements and everything else: no trace.
    Inline,
}

fn role(tag: &Tag<'_>) -> Role {
    let mut buf = [0u8; 10];
    let name = tag.name.as_bytes();
    if name.len() > buf.len() {
        return Role::Inline;
    }
    for (d, s) in buf.iter_mut().zip(name) {
        *d = s.to_ascii_lowercase();
    }
    match &buf[..name.len()] {
        b"table" => Role::Table,
        b"tr" => Role::Row,
        b"td" | b"th" => Role::Cell,
        b"tbody" | b"thead" | b"tfoot" => Role::Section,
        b"caption" => Role::Caption,
        b"h1" | b"h2" | b"h3" | b"h4" | b"h5" | b"h6" | b"ul" | b"ol" | b"li" | b"dl" | b"menu" | b"dir" | b"nav" => Role::Structure,
        b"br" | b"hr" | b"p" | b"div" | b"dd" | b"dt" | b"blockquote" | b"center" | b"section" | b"article" | b"header" | b"footer"
        | b"aside" | b"main" | b"address" | b"figure" | b"figcaption" | b"form" | b"fieldset" | b"legend" | b"details" | b"summary"
        | b"dialog" | b"option" | b"hgroup" | b"search" => Role::Break,
        b"pre" | b"listing" => Role::Pre,
        b"img" => Role::Image,
        b"title" => Role::Title,
        b"textarea" => Role::Textarea,
        _ => Role::Inline,
    }
}

fn start(tree: &mut Tree<'_>, role: Role, tag: &Tag<'_>) {
    let at = tag.span;
    match role {
        Role::Table => tree.open_table(at),
        Role::Row => tree.open_row(at),
        Role::Cell => tree.open_cell(at, at.end),
        Role::Section => tree.close_row(at),
        Role::Caption => {
            tree.open_row(at);
            tree.open_cell(at, at.end);
        }
        Role::Break => tree.line_break(at),
        Role::Structure => {
            tree.line_break(at);
            tree.structure_inside();
        }
        Role::Image => {
            // A table published as a picture must not look left out: the reader sees where
            // an image stood (see IMAGE).
            tree.line_break(at);
            tree.text(Piece { text: Cow::Borrowed(IMAGE), span: at, verbatim: false }, false);
            tree.line_break(at);
        }
        Role::Pre | Role::Title | Role::Textarea | Role::Inline => {}
    }
}

/// What stands in the laid-out text where the page had an image.
pub const IMAGE: &str = "〔图片〕";

fn end(tree: &mut Tree<'_>, role: Role, tag: &Tag<'_>) {
    let at = tag.span;
    match role {
        Role::Table => tree.close_table(at),
        Role::Row | Role::Section | Role::Caption => tree.close_row(at),
        Role::Cell => tree.close_cell(at),
        Role::Break | Role::Structure => tree.line_break(at),
        Role::Pre | Role::Title | Role::Textarea | Role::Inline | Role::Image => {}
    }
}

/// Text inside `<pre>`: each newline ends a line, and white space is kept.
fn preformatted<'a>(tree: &mut Tree<'a>, text: &'a str, start: usize) {
    let mut at = 0;
    for (i, _) in text.match_indices('\n') {
        let line = &text[at..i];
        if !line.is_empty() {
            tree.text(Piece { text: Cow::Borrowed(line), span: Span::new(start + at, start + i), verbatim: true }, false);
        }
        tree.line_break(Span::new(start + i, start + i + 1));
        at = i + 1;
    }
    if at < text.len() {
        let rest = &text[at..];
        tree.text(Piece { text: Cow::Borrowed(rest), span: Span::new(start + at, start + text.len()), verbatim: true }, false);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lays out `html` and renders each line as its fields joined by " | " (a delimited
    /// line starts with "‖"); checks that every verbatim piece's span holds its text.
    fn show(html: &str) -> String {
        let doc = document(html);
        let mut lines = Vec::new();
        for line in &doc.lines {
            let fields: Vec<String> = doc
                .line_fields(line)
                .iter()
                .map(|f| {
                    let pieces = doc.field_pieces(f);
                    for p in pieces {
                        if p.verbatim {
                            assert_eq!(&html[p.span.start..p.span.end], p.text, "span of {:?}", p.text);
                        }
                    }
                    pieces.iter().map(|p| p.text.as_ref()).collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ")
                })
                .collect();
            lines.push(format!("{}{}", if line.delimited { "‖" } else { "" }, fields.join(" | ")));
        }
        lines.join("\n")
    }

    #[test]
    fn rows_are_lines_of_cells_and_spanned_cells_come_once() {
        let html = "<table><tr><td rowspan=2>规章</td><td colspan=3>5</td></tr><tr><td>1</td><td></td><td>&nbsp;</td></tr></table>";
        assert_eq!(show(html), "‖规章 | 5\n‖1 |  | ");
    }

    #[test]
    fn cell_text_crosses_inline_markup_and_breaks_become_spaces() {
        let html = "<table><tr><td><p><span>商业</span><o:p></o:p></p><p><span>企</span><font>业</font></p></td>\
                    <td>a<br>b</td></tr></table>";
        assert_eq!(show(html), "‖商业 企业 | a b");
    }

    #[test]
    fn blocks_outside_tables_are_lines() {
        let html = "<html><head><title>标题</title><style>p{}</style><script>var a='<p>x</p>';</script></head>\
                    <body><h1>报告</h1><p>一、总体情况</p>正文<br>第二行<div>规章&nbsp;&nbsp;5&nbsp;&nbsp;6</div>\
                    <p>a  \n  b</p><!-- <p>comment</p> --></body></html>";
        assert_eq!(show(html), "标题\n报告\n一、总体情况\n正文\n第二行\n规章 | 5 | 6\na b");
    }

    #[test]
    fn layout_tables_are_containers() {
        let html = "<table><tr><td>站点导航</td><td><h1>报告</h1><p>二、主动公开</p>\
                    <table><tr><td>规章</td><td>1</td></tr></table><p>三、</p></td></tr></table>";
        assert_eq!(show(html), "站点导航\n报告\n二、主动公开\n‖规章 | 1\n三、");
    }

    #[test]
    fn references_have_their_spans() {
        let html = "<p>A&amp;B</p>";
        let doc = document(html);
        let spans: Vec<(String, usize, usize, bool)> =
            doc.pieces.iter().map(|p| (p.text.to_string(), p.span.start, p.span.end, p.verbatim)).collect();
        assert_eq!(spans, [("A".into(), 3, 4, true), ("&".into(), 4, 9, false), ("B".into(), 9, 10, true)]);
    }

    #[test]
    fn broken_html_still_yields_tables() {
        // Unclosed cells and rows, a stray </td>, a table inside <p>, an unclosed table.
        let html = "<p>前言<table><tr><td>规章<td>1</td></td><tr><td>规范性文件<td>2</p></table>尾<table><tr><td>x";
        assert_eq!(show(html), "前言\n‖规章 | 1\n‖规范性文件 | 2\n尾\n‖x");
    }

    #[test]
    fn preformatted_text_keeps_its_lines_and_columns() {
        assert_eq!(show("<pre>规章    0  1\n行政许可  3</pre>"), "规章 | 0 | 1\n行政许可 | 3");
    }

    #[test]
    fn absurd_nesting_does_not_overflow() {
        let deep = "<table><tr><td>".repeat(100_000) + "1" + &"</td></tr></table>".repeat(100_000);
        let out = show(&deep);
        assert!(out.contains('1'));
        let divs = "<div>".repeat(200_000) + "2" + &"</div>".repeat(200_000);
        assert_eq!(show(&divs), "2");
    }
}
