//! The small text form in which the page's two modules pass data to each other (no serde
//! in the first load): tokens each followed by a space, a text as its length in bytes, `:`
//! and the text, an absent value as `-`. The first token names the layout. [`across`] (the
//! digests and the findings across reports) and [`reading`] (a report as read) are written
//! in it; what is not in the form decodes to `None`.
//!
//! [`across`]: super::across
//! [`reading`]: super::reading

use std::fmt::Display;
use std::str::FromStr;

use crate::model::{CellKey, Decimal, Span};

/// The text being written.
pub(crate) struct Out(pub(crate) String);

impl Out {
    pub(crate) fn new(layout: &str) -> Out {
        let mut out = Out(String::new());
        out.token(layout);
        out
    }

    pub(crate) fn token(&mut self, value: impl Display) {
        self.0.push_str(&value.to_string());
        self.0.push(' ');
    }

    pub(crate) fn text(&mut self, text: &str) {
        self.0.push_str(&text.len().to_string());
        self.0.push(':');
        self.0.push_str(text);
        self.0.push(' ');
    }

    pub(crate) fn optional<T>(&mut self, value: Option<T>, write: impl Fn(&mut Out, T)) {
        match value {
            Some(value) => write(self, value),
            None => self.token("-"),
        }
    }

    /// A byte range of the input, as its two ends.
    pub(crate) fn span(&mut self, span: Span) {
        self.token(span.start);
        self.token(span.end);
    }

    /// Cells with their numbers.
    pub(crate) fn numbers(&mut self, cells: &[(CellKey, Decimal)]) {
        self.token(cells.len());
        for (key, n) in cells {
            self.token(key);
            self.token(n);
        }
    }
}

/// The text being read.
pub(crate) struct In<'a>(&'a str);

impl<'a> In<'a> {
    /// The text after its first token, when that names `layout`.
    pub(crate) fn new(text: &'a str, layout: &str) -> Option<In<'a>> {
        let mut input = In(text);
        (input.token()? == layout).then_some(input)
    }

    pub(crate) fn token(&mut self) -> Option<&'a str> {
        let (token, rest) = self.0.split_once(' ')?;
        self.0 = rest;
        Some(token)
    }

    pub(crate) fn parse<T: FromStr>(&mut self) -> Option<T> {
        self.token()?.parse().ok()
    }

    pub(crate) fn text(&mut self) -> Option<String> {
        let (len, rest) = self.0.split_once(':')?;
        let len: usize = len.parse().ok()?;
        let text = rest.get(..len)?;
        self.0 = rest[len..].strip_prefix(' ')?;
        Some(text.to_string())
    }

    /// A value or `-` (`Some(None)`); `None` when neither is there.
    pub(crate) fn optional<T>(&mut self, read: impl Fn(&mut In<'a>) -> Option<T>) -> Option<Option<T>> {
        if let Some(rest) = self.0.strip_prefix("- ") {
            self.0 = rest;
            return Some(None);
        }
        read(self).map(Some)
    }

    pub(crate) fn decimal(&mut self) -> Option<Decimal> {
        let token = self.token()?;
        let (negative, digits) = token.strip_prefix('-').map_or((false, token), |d| (true, d));
        let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
        let n = Decimal::parse_digits(int, frac)?;
        if negative { Decimal::ZERO.checked_sub(n) } else { Some(n) }
    }

    pub(crate) fn span(&mut self) -> Option<Span> {
        let start = self.parse()?;
        let end = self.parse()?;
        (start <= end).then_some(Span { start, end })
    }

    pub(crate) fn key(&mut self) -> Option<CellKey> {
        CellKey::parse(self.token()?)
    }

    pub(crate) fn numbers(&mut self) -> Option<Vec<(CellKey, Decimal)>> {
        let count: usize = self.parse()?;
        let mut cells = Vec::new();
        for _ in 0..count {
            cells.push((self.key()?, self.decimal()?));
        }
        Some(cells)
    }

    /// `value`, when the text is all read.
    pub(crate) fn end<T>(self, value: T) -> Option<T> {
        self.0.is_empty().then_some(value)
    }
}
