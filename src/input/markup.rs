//! A tolerant tokenizer for HTML and for the XML inside a .docx, with byte positions.
//!
//! It yields text runs, decoded character references, start tags and end tags, each with
//! the byte range it covers in the source, and never fails: whatever is not a tag, a comment
//! or a reference is text, a tag cut off by the end of the input is dropped (as browsers
//! do), and every step moves forward, so the time is linear in the input.
//!
//! It follows the WHATWG tokenizer where that matters for reading text: comments, bogus
//! comments (`<!…>`, `<?…>`), quoted attribute values that may hold `>`, raw-text elements
//! (`script`, `style`…) whose content is skipped, and RCDATA elements (`title`, `textarea`)
//! whose content is text with references. It builds no tree: see `html` and `docx`.

use std::borrow::Cow;

use super::entities;
use crate::model::Span;

/// Which language the input is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// HTML: raw-text and RCDATA elements; `/>` only closes void and prefixed elements.
    Html,
    /// XML (a .docx part): no raw-text elements, `<![CDATA[…]]>` is text, `/>` closes.
    Xml,
}

/// One token with where it stands in the source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Token<'a> {
    /// Text without references, exactly as in the source.
    Text {
        text: &'a str,
        start: usize,
    },
    /// A character reference, decoded.
    Reference {
        text: Cow<'static, str>,
        span: Span,
    },
    Start(Tag<'a>),
    End(Tag<'a>),
}

/// A start or end tag.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tag<'a> {
    /// The name as written (compare it with [`Tag::is`]).
    pub name: &'a str,
    /// The source of the attributes, read with [`Tag::attributes`].
    attrs: &'a str,
    /// Whether the tag ends with `/>` (`<w:tab/>`, `<br/>`).
    pub self_closing: bool,
    /// The whole tag, `<` to `>`.
    pub span: Span,
}

impl<'a> Tag<'a> {
    /// Whether the tag's name is `name` (ASCII case-insensitive, as HTML names are).
    pub fn is(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name)
    }

    /// The tag's name without a namespace prefix (`w:t` → `t`) and the prefix.
    pub fn local(&self) -> (&'a str, &'a str) {
        match self.name.split_once(':') {
            Some((prefix, local)) => (prefix, local),
            None => ("", self.name),
        }
    }

    /// The attributes as (name, raw value) pairs, in source order. Values are not decoded:
    /// the attributes read here (`charset`, `w:val`) are plain ASCII.
    pub fn attributes(&self) -> Attributes<'a> {
        Attributes { src: self.attrs, pos: 0 }
    }

    /// The raw value of the first attribute named `name` (ASCII case-insensitive).
    pub fn attribute(&self, name: &str) -> Option<&'a str> {
        self.attributes().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v)
    }
}

/// The tokens of `src`.
pub fn tokens(src: &str, mode: Mode) -> Tokens<'_> {
    Tokens { src, pos: 0, mode, rcdata_end: None }
}

/// The token iterator.
pub struct Tokens<'a> {
    src: &'a str,
    pos: usize,
    mode: Mode,
    /// Inside an RCDATA element (`title`, `textarea`): where its text ends.
    rcdata_end: Option<usize>,
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        let bytes = self.src.as_bytes();
        loop {
            if self.pos >= bytes.len() {
                return None;
            }
            if let Some(end) = self.rcdata_end {
                if self.pos < end {
                    return Some(self.text(end, false));
                }
                self.rcdata_end = None;
            }
            if bytes[self.pos] != b'<' {
                return Some(self.text(bytes.len(), true));
            }
            match self.markup() {
                Markup::Token(token) => return Some(token),
                Markup::Skipped => continue,
                Markup::Text => return Some(self.text(bytes.len(), true)),
            }
        }
    }
}

/// What a `<` turned out to start.
enum Markup<'a> {
    Token(Token<'a>),
    /// A comment, a doctype or a processing instruction: nothing to report.
    Skipped,
    /// A `<` that is plain text ("a < b").
    Text,
}

impl<'a> Tokens<'a> {
    /// A text run or a reference starting at `pos`, ending before `limit`. Outside RCDATA
    /// (`lt_ends`) a `<` ends the run; the first character is always taken, so a `<` that
    /// is not markup becomes text.
    fn text(&mut self, limit: usize, lt_ends: bool) -> Token<'a> {
        let bytes = self.src.as_bytes();
        let start = self.pos;
        if bytes[start] == b'&'
            && let Some(d) = self.src.get(start..limit).and_then(entities::decode)
        {
            self.pos = start + d.len;
            return Token::Reference { text: d.text, span: Span::new(start, start + d.len) };
        }
        let mut end = start + 1;
        while end < limit && !(bytes[end] == b'&' || (lt_ends && bytes[end] == b'<')) {
            end += 1;
        }
        // Text ends at an ASCII byte or at `limit`, both character boundaries; the first byte
        // may start a multibyte character, so move `end` past its continuation bytes.
        while end < limit && !self.src.is_char_boundary(end) {
            end += 1;
        }
        self.pos = end;
        Token::Text { text: self.src.get(start..end).unwrap_or(""), start }
    }

    fn markup(&mut self) -> Markup<'a> {
        let bytes = self.src.as_bytes();
        let start = self.pos;
        let rest = &bytes[start..];
        if rest.starts_with(b"<!--") {
            // `<!-->` and `<!--->` are empty comments; otherwise up to `-->` or the end.
            let body = start + 4;
            self.pos = if bytes.get(body) == Some(&b'>') {
                body + 1
            } else if bytes[body.min(bytes.len())..].starts_with(b"->") {
                body + 2
            } else {
                find(bytes, body, b"-->").map_or(bytes.len(), |i| i + 3)
            };
            return Markup::Skipped;
        }
        if self.mode == Mode::Xml && rest.starts_with(b"<![CDATA[") {
            let body = start + 9;
            let end = find(bytes, body, b"]]>").unwrap_or(bytes.len());
            self.pos = (end + 3).min(bytes.len());
            return Markup::Token(Token::Text { text: self.src.get(body..end).unwrap_or(""), start: body });
        }
        match rest.get(1) {
            Some(b'!' | b'?') => {
                self.pos = find(bytes, start + 2, b">").map_or(bytes.len(), |i| i + 1);
                Markup::Skipped
            }
            Some(b'/') => match rest.get(2) {
                Some(c) if c.is_ascii_alphabetic() => self.tag(true),
                Some(b'>') => {
                    self.pos = start + 3;
                    Markup::Skipped
                }
                // `</` + anything else is a bogus comment; `</` at the very end is text.
                Some(_) => {
                    self.pos = find(bytes, start + 2, b">").map_or(bytes.len(), |i| i + 1);
                    Markup::Skipped
                }
                None => Markup::Text,
            },
            Some(c) if c.is_ascii_alphabetic() => self.tag(false),
            _ => Markup::Text,
        }
    }

    /// A start or end tag at `pos`. A tag the input ends inside of is dropped.
    fn tag(&mut self, end_tag: bool) -> Markup<'a> {
        let bytes = self.src.as_bytes();
        let start = self.pos;
        let name_start = start + if end_tag { 2 } else { 1 };
        let mut i = name_start;
        while i < bytes.len() && !is_space(bytes[i]) && bytes[i] != b'/' && bytes[i] != b'>' {
            i += 1;
        }
        let name_end = i;
        let Some(close) = attributes_end(bytes, name_end) else {
            self.pos = bytes.len();
            return Markup::Skipped;
        };
        self.pos = close + 1;
        let self_closing = close > name_end && bytes[close - 1] == b'/';
        let tag = Tag {
            name: self.src.get(name_start..name_end).unwrap_or(""),
            attrs: self.src.get(name_end..close).unwrap_or(""),
            self_closing,
            span: Span::new(start, close + 1),
        };
        if end_tag {
            return Markup::Token(Token::End(tag));
        }
        if self.mode == Mode::Html {
            self.enter_content_of(&tag);
        }
        Markup::Token(Token::Start(tag))
    }

    /// After an HTML start tag: skip the content of raw-text elements, mark RCDATA.
    fn enter_content_of(&mut self, tag: &Tag<'a>) {
        const RAW_TEXT: [&str; 7] = ["script", "style", "xmp", "iframe", "noembed", "noframes", "noscript"];
        const RCDATA: [&str; 2] = ["title", "textarea"];
        if RAW_TEXT.iter().any(|n| tag.is(n)) {
            self.pos = find_end_tag(self.src.as_bytes(), self.pos, tag.name);
        } else if RCDATA.iter().any(|n| tag.is(n)) {
            self.rcdata_end = Some(find_end_tag(self.src.as_bytes(), self.pos, tag.name));
        } else if tag.is("plaintext") {
            // Everything after `<plaintext>` is text, tags and all.
            self.rcdata_end = Some(self.src.len());
        }
    }
}

/// The attribute iterator of a [`Tag`].
pub struct Attributes<'a> {
    src: &'a str,
    pos: usize,
}

impl<'a> Iterator for Attributes<'a> {
    type Item = (&'a str, &'a str);

    fn next(&mut self) -> Option<(&'a str, &'a str)> {
        match scan_attribute(self.src.as_bytes(), self.pos) {
            Scan::Attribute { name, value, next } => {
                self.pos = next;
                Some((self.src.get(name.0..name.1).unwrap_or(""), self.src.get(value.0..value.1).unwrap_or("")))
            }
            Scan::End(_) | Scan::Eof => {
                self.pos = self.src.len();
                None
            }
        }
    }
}

/// One step of reading a tag's attributes.
enum Scan {
    /// An attribute: the byte ranges of its name and raw value, and where the next starts.
    Attribute { name: (usize, usize), value: (usize, usize), next: usize },
    /// The `>` that ends the tag.
    End(usize),
    /// The input ended inside the tag.
    Eof,
}

/// Reads the attribute at `i` the way the WHATWG tokenizer does: spaces and `/` separate
/// attributes, a name runs to a space, `/`, `>` or `=`, and a value is quoted (a `>`
/// inside the quotes does not end the tag) or runs to a space or `>`.
fn scan_attribute(bytes: &[u8], mut i: usize) -> Scan {
    while i < bytes.len() && (is_space(bytes[i]) || bytes[i] == b'/') {
        i += 1;
    }
    match bytes.get(i) {
        None => return Scan::Eof,
        Some(b'>') => return Scan::End(i),
        Some(_) => {}
    }
    let name_start = i;
    // The first character may be `=` (`<a =x>`): it is then part of the name.
    i += 1;
    while i < bytes.len() && !is_space(bytes[i]) && !matches!(bytes[i], b'/' | b'>' | b'=') {
        i += 1;
    }
    let name = (name_start, i);
    let mut j = i;
    while j < bytes.len() && is_space(bytes[j]) {
        j += 1;
    }
    if bytes.get(j) != Some(&b'=') {
        return Scan::Attribute { name, value: (i, i), next: i };
    }
    j += 1;
    while j < bytes.len() && is_space(bytes[j]) {
        j += 1;
    }
    match bytes.get(j) {
        None => Scan::Eof,
        Some(&q @ (b'"' | b'\'')) => match bytes[j + 1..].iter().position(|&b| b == q) {
            Some(p) => Scan::Attribute { name, value: (j + 1, j + 1 + p), next: j + 2 + p },
            None => Scan::Eof,
        },
        Some(_) => {
            let end = bytes[j..].iter().position(|&b| is_space(b) || b == b'>').map_or(bytes.len(), |p| j + p);
            Scan::Attribute { name, value: (j, end), next: end }
        }
    }
}

/// Where the `>` that ends a tag stands, reading attributes from `i` (just after the tag
/// name); `None` when the input ends first.
fn attributes_end(bytes: &[u8], mut i: usize) -> Option<usize> {
    loop {
        match scan_attribute(bytes, i) {
            Scan::Attribute { next, .. } => i = next,
            Scan::End(at) => return Some(at),
            Scan::Eof => return None,
        }
    }
}

/// Where `</name` (followed by a space, `/`, `>` or the end) next stands from `from`; the end
/// of the input if nowhere.
fn find_end_tag(bytes: &[u8], from: usize, name: &str) -> usize {
    let name = name.as_bytes();
    let mut i = from;
    while let Some(at) = find(bytes, i, b"</") {
        let after = at + 2 + name.len();
        let matches_name = bytes.get(at + 2..after).is_some_and(|n| n.eq_ignore_ascii_case(name));
        if matches_name && bytes.get(after).is_none_or(|&b| is_space(b) || b == b'/' || b == b'>') {
            return at;
        }
        i = at + 2;
    }
    bytes.len()
}

/// The index of the first `needle` in `bytes` at or after `from`.
fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let hay = bytes.get(from..)?;
    let first = *needle.first()?;
    let mut i = 0;
    while let Some(p) = hay[i..].iter().position(|&b| b == first) {
        let at = i + p;
        if hay[at..].starts_with(needle) {
            return Some(from + at);
        }
        i = at + 1;
    }
    None
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0C')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Renders the tokens compactly and checks that every text token's span holds its text.
    fn show(src: &str, mode: Mode) -> String {
        let mut out = Vec::new();
        for t in tokens(src, mode) {
            match t {
                Token::Text { text, start } => {
                    assert_eq!(&src[start..start + text.len()], text);
                    out.push(format!("'{text}'"));
                }
                Token::Reference { text, span } => out.push(format!("&{text}@{}-{}", span.start, span.end)),
                Token::Start(tag) => {
                    let attrs: Vec<String> = tag.attributes().map(|(n, v)| format!(" {n}={v}")).collect();
                    out.push(format!("<{}{}{}>", tag.name, attrs.concat(), if tag.self_closing { "/" } else { "" }));
                }
                Token::End(tag) => out.push(format!("</{}>", tag.name)),
            }
        }
        out.join(" ")
    }

    fn html(src: &str) -> String {
        show(src, Mode::Html)
    }

    #[test]
    fn text_tags_and_references() {
        assert_eq!(html("<td colspan=3 class=\"a>b\">规章&nbsp;5</td>"), "<td colspan=3 class=a>b> '规章' &\u{A0}@32-38 '5' </td>");
        assert_eq!(html("a < b &x c"), "'a ' '< b ' '&x c'");
        assert_eq!(html("<br/><o:p></o:p>"), "<br/> <o:p> </o:p>");
        assert_eq!(html("<P ALIGN='center'>x</P>"), "<P ALIGN=center> 'x' </P>");
    }

    #[test]
    fn comments_doctype_and_raw_text_are_skipped() {
        assert_eq!(html("<!DOCTYPE html><!-- a <td> -->x<!-->y<?php z ?>"), "'x' 'y'");
        assert_eq!(html("<!--[if gte mso 9]><xml><w:x/></xml><![endif]-->1"), "'1'");
        assert_eq!(html("<script>if (a<b) document.write('<td>')</script>2"), "<script> </script> '2'");
        assert_eq!(html("<style>td{}</STYLE >3"), "<style> </STYLE> '3'");
        assert_eq!(html("<title>A&amp;<b>B</title>"), "<title> 'A' &&@8-13 '<b>B' </title>");
        assert_eq!(html("<script>never closed <td>1</td>"), "<script>");
    }

    #[test]
    fn broken_markup_never_stops_the_text() {
        assert_eq!(html("1<td class=\"x>2"), "'1'");
        assert_eq!(html("1</td"), "'1'");
        assert_eq!(html("1</"), "'1' '</'");
        assert_eq!(html("1<"), "'1' '<'");
        assert_eq!(html("</>2</ 3>4"), "'2' '4'");
        assert_eq!(html("<!-- unclosed"), "");
        assert_eq!(html("中<文"), "'中' '<文'");
    }

    #[test]
    fn xml_mode() {
        assert_eq!(
            show("<w:t xml:space=\"preserve\"> a&lt;b </w:t><w:tab/>", Mode::Xml),
            "<w:t xml:space=preserve> ' a' &<@28-32 'b ' </w:t> <w:tab/>"
        );
        assert_eq!(show("<![CDATA[<x>]]><title>&amp;</title>", Mode::Xml), "'<x>' <title> &&@22-27 </title>");
    }
}
