//! PDF syntax: tokens and objects (ISO 32000-1 §7.2–7.3), for the file body and for content
//! streams alike. Every read is bounds-checked; nesting is limited ([`PDF_MAX_DEPTH`]) so that
//! no input can overflow the stack, and every loop advances, so no input hangs the lexer.

use super::limits::PDF_MAX_DEPTH;

/// A PDF object. Streams are not objects here: the file reader sees `stream` after a
/// dictionary and records where its data lies.
#[derive(Clone, Debug, PartialEq)]
pub enum Object {
    Null,
    Bool(bool),
    Int(i64),
    Real(f64),
    Str(Vec<u8>),
    Name(Vec<u8>),
    Array(Vec<Object>),
    Dict(Dict),
    Ref(u32, u16),
}

/// A dictionary: few keys, so a list searched in order (the last of a repeated key wins,
/// as in most readers, by searching from the end).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Dict(pub Vec<(Vec<u8>, Object)>);

impl Dict {
    pub fn get(&self, key: &[u8]) -> Option<&Object> {
        self.0.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn name(&self, key: &[u8]) -> Option<&[u8]> {
        self.get(key).and_then(Object::as_name)
    }

    pub fn int(&self, key: &[u8]) -> Option<i64> {
        self.get(key).and_then(Object::as_int)
    }
}

impl Object {
    pub fn as_int(&self) -> Option<i64> {
        match self {
            Object::Int(i) => Some(*i),
            Object::Real(r) if r.is_finite() && r.fract() == 0.0 && r.abs() < 1e15 => Some(*r as i64),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Object::Int(i) => Some(*i as f64),
            Object::Real(r) if r.is_finite() => Some(*r),
            _ => None,
        }
    }

    pub fn as_name(&self) -> Option<&[u8]> {
        match self {
            Object::Name(n) => Some(n),
            _ => None,
        }
    }

    pub fn as_dict(&self) -> Option<&Dict> {
        match self {
            Object::Dict(d) => Some(d),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Object]> {
        match self {
            Object::Array(a) => Some(a),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&[u8]> {
        match self {
            Object::Str(s) => Some(s),
            _ => None,
        }
    }
}

/// One token.
#[derive(Clone, Debug, PartialEq)]
pub enum Token<'a> {
    Int(i64),
    Real(f64),
    Str(Vec<u8>),
    Name(Vec<u8>),
    ArrayOpen,
    ArrayClose,
    DictOpen,
    DictClose,
    /// `{` and `}` (PostScript calculator functions; skipped).
    Brace,
    /// A keyword or content-stream operator: `obj`, `R`, `Tj`, `true`, …
    Keyword(&'a [u8]),
}

/// A cursor over PDF bytes.
#[derive(Clone)]
pub struct Lexer<'a> {
    pub data: &'a [u8],
    pub pos: usize,
}

pub fn is_white(b: u8) -> bool {
    matches!(b, b' ' | b'\n' | b'\r' | b'\t' | b'\x0c' | b'\0')
}

pub fn is_delimiter(b: u8) -> bool {
    matches!(b, b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%')
}

fn is_regular(b: u8) -> bool {
    !is_white(b) && !is_delimiter(b)
}

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

impl<'a> Lexer<'a> {
    pub fn new(data: &'a [u8], pos: usize) -> Lexer<'a> {
        Lexer { data, pos: pos.min(data.len()) }
    }

    pub fn at_end(&self) -> bool {
        self.pos >= self.data.len()
    }

    /// Skips whitespace and comments.
    pub fn skip_white(&mut self) {
        while let Some(&b) = self.data.get(self.pos) {
            if is_white(b) {
                self.pos += 1;
            } else if b == b'%' {
                while let Some(&c) = self.data.get(self.pos) {
                    if c == b'\n' || c == b'\r' {
                        break;
                    }
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    /// The next token, or `None` at the end of the data.
    pub fn token(&mut self) -> Option<Token<'a>> {
        self.skip_white();
        let b = *self.data.get(self.pos)?;
        let start = self.pos;
        self.pos += 1;
        Some(match b {
            b'[' => Token::ArrayOpen,
            b']' => Token::ArrayClose,
            b'{' | b'}' => Token::Brace,
            b'(' => Token::Str(self.literal_string()),
            b'<' if self.data.get(self.pos) == Some(&b'<') => {
                self.pos += 1;
                Token::DictOpen
            }
            b'<' => Token::Str(self.hex_string()),
            b'>' if self.data.get(self.pos) == Some(&b'>') => {
                self.pos += 1;
                Token::DictClose
            }
            // A stray `>` or `)`: a keyword nobody knows, so it is skipped by the callers.
            b'>' | b')' => Token::Keyword(&self.data[start..self.pos]),
            b'/' => Token::Name(self.name()),
            _ => {
                while self.data.get(self.pos).is_some_and(|&c| is_regular(c)) {
                    self.pos += 1;
                }
                let word = &self.data[start..self.pos];
                number(word).unwrap_or(Token::Keyword(word))
            }
        })
    }

    fn literal_string(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut depth = 0usize;
        while let Some(&b) = self.data.get(self.pos) {
            self.pos += 1;
            match b {
                b'(' => {
                    depth += 1;
                    out.push(b);
                }
                b')' if depth == 0 => return out,
                b')' => {
                    depth -= 1;
                    out.push(b);
                }
                b'\\' => {
                    let Some(&e) = self.data.get(self.pos) else {
                        break;
                    };
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'\r' => {
                            if self.data.get(self.pos) == Some(&b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        b'0'..=b'7' => {
                            let mut v = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.data.get(self.pos) {
                                    Some(&d @ b'0'..=b'7') => {
                                        v = v * 8 + u32::from(d - b'0');
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push(v as u8);
                        }
                        other => out.push(other),
                    }
                }
                other => out.push(other),
            }
        }
        out
    }

    fn hex_string(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut high: Option<u8> = None;
        while let Some(&b) = self.data.get(self.pos) {
            self.pos += 1;
            if b == b'>' {
                break;
            }
            if let Some(v) = hex_value(b) {
                match high.take() {
                    Some(h) => out.push(h << 4 | v),
                    None => high = Some(v),
                }
            }
        }
        if let Some(h) = high {
            out.push(h << 4);
        }
        out
    }

    fn name(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        while let Some(&b) = self.data.get(self.pos) {
            if !is_regular(b) {
                break;
            }
            self.pos += 1;
            if b == b'#'
                && let (Some(h), Some(l)) =
                    (self.data.get(self.pos).copied().and_then(hex_value), self.data.get(self.pos + 1).copied().and_then(hex_value))
            {
                out.push(h << 4 | l);
                self.pos += 2;
                continue;
            }
            out.push(b);
        }
        out
    }

    /// Reads one object starting at the next token. `refs` allows `a b R` (the file body;
    /// content streams have no references). `None` at the end of the data or at a token
    /// that starts no object (a keyword, a closing bracket): the caller decides.
    pub fn object(&mut self, refs: bool) -> Option<Object> {
        self.object_at_depth(refs, 0)
    }

    fn object_at_depth(&mut self, refs: bool, depth: usize) -> Option<Object> {
        let save = self.pos;
        let token = self.token()?;
        let object = match token {
            Token::Int(i) => {
                if refs && let Some(r) = self.reference_after(i) {
                    return Some(r);
                }
                Object::Int(i)
            }
            Token::Real(r) => Object::Real(r),
            Token::Str(s) => Object::Str(s),
            Token::Name(n) => Object::Name(n),
            Token::Keyword(b"true") => Object::Bool(true),
            Token::Keyword(b"false") => Object::Bool(false),
            Token::Keyword(b"null") => Object::Null,
            Token::ArrayOpen => {
                if depth >= PDF_MAX_DEPTH {
                    self.skip_container(1);
                    return Some(Object::Null);
                }
                let mut items = Vec::new();
                loop {
                    let before = self.pos;
                    self.skip_white();
                    match self.data.get(self.pos) {
                        None => break,
                        Some(b']') => {
                            self.pos += 1;
                            break;
                        }
                        _ => {}
                    }
                    match self.object_at_depth(refs, depth + 1) {
                        Some(o) => items.push(o),
                        None => {
                            // A keyword inside an array ends it (damaged data): stop at it.
                            if self.stops_container(before) {
                                break;
                            }
                        }
                    }
                }
                Object::Array(items)
            }
            Token::DictOpen => {
                if depth >= PDF_MAX_DEPTH {
                    self.skip_container(1);
                    return Some(Object::Null);
                }
                let mut entries: Vec<(Vec<u8>, Object)> = Vec::new();
                loop {
                    let before = self.pos;
                    match self.token() {
                        None | Some(Token::DictClose) => break,
                        Some(Token::Name(key)) => {
                            self.skip_white();
                            if self.data.get(self.pos..self.pos + 2) == Some(b">>") {
                                entries.push((key, Object::Null));
                                continue;
                            }
                            let value_at = self.pos;
                            match self.object_at_depth(refs, depth + 1) {
                                Some(v) => entries.push((key, v)),
                                None => {
                                    if self.stops_container(value_at) {
                                        break;
                                    }
                                }
                            }
                        }
                        Some(Token::Keyword(k)) if is_structure_keyword(k) => {
                            self.pos = before;
                            break;
                        }
                        Some(_) => {}
                    }
                }
                Object::Dict(Dict(entries))
            }
            _ => {
                self.pos = save;
                return None;
            }
        };
        Some(object)
    }

    /// After a token that starts no object inside a container at `before`: whether the
    /// container ends here (a structural keyword such as `endobj`, which is left for the
    /// caller); otherwise the token is skipped and reading goes on.
    fn stops_container(&mut self, before: usize) -> bool {
        self.pos = before;
        match self.token() {
            None => true,
            Some(Token::Keyword(k)) if is_structure_keyword(k) => {
                self.pos = before;
                true
            }
            Some(Token::DictClose) => true,
            _ => false,
        }
    }

    /// Skips to the end of a container nested past the depth limit, counting brackets.
    fn skip_container(&mut self, mut open: usize) {
        while open > 0 {
            match self.token() {
                None => return,
                Some(Token::ArrayOpen | Token::DictOpen) => open += 1,
                Some(Token::ArrayClose | Token::DictClose) => open -= 1,
                Some(Token::Keyword(k)) if is_structure_keyword(k) => return,
                _ => {}
            }
        }
    }

    /// `gen R` after the object number `num` just read, if that is what follows.
    fn reference_after(&mut self, num: i64) -> Option<Object> {
        let save = self.pos;
        if let (Some(Token::Int(generation)), Some(Token::Keyword(b"R"))) = (self.token(), self.token())
            && (0..=i64::from(u32::MAX)).contains(&num)
            && (0..=65535).contains(&generation)
        {
            return Some(Object::Ref(num as u32, generation as u16));
        }
        self.pos = save;
        None
    }
}

fn is_structure_keyword(k: &[u8]) -> bool {
    matches!(k, b"endobj" | b"stream" | b"endstream" | b"obj" | b"xref" | b"trailer" | b"startxref")
}

/// A numeric token: `12`, `-3`, `+.5`, `4.`; `None` for any other word.
fn number(word: &[u8]) -> Option<Token<'static>> {
    let (negative, digits) = match word.first()? {
        b'-' => (true, &word[1..]),
        b'+' => (false, &word[1..]),
        _ => (false, word),
    };
    // Some producers write "--5" or "-.5-": tolerated where harmless, as other readers do.
    let digits = digits.strip_prefix(b"-").unwrap_or(digits);
    if digits.is_empty() || !digits.iter().all(|&b| b.is_ascii_digit() || b == b'.') {
        return None;
    }
    let dots = digits.iter().filter(|&&b| b == b'.').count();
    if dots > 1 || digits == b"." {
        return None;
    }
    if dots == 0 {
        let mut v: i64 = 0;
        for &d in digits {
            v = v.saturating_mul(10).saturating_add(i64::from(d - b'0'));
        }
        return Some(Token::Int(if negative { -v } else { v }));
    }
    let mut v = 0f64;
    let mut scale = 0f64;
    for &d in digits {
        if d == b'.' {
            scale = 1.0;
        } else if scale == 0.0 {
            v = v * 10.0 + f64::from(d - b'0');
        } else {
            scale /= 10.0;
            v += f64::from(d - b'0') * scale;
        }
    }
    Some(Token::Real(if negative { -v } else { v }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obj(text: &str) -> Option<Object> {
        Lexer::new(text.as_bytes(), 0).object(true)
    }

    #[test]
    fn reads_each_kind_of_object() {
        assert_eq!(obj("12"), Some(Object::Int(12)));
        assert_eq!(obj("-.5"), Some(Object::Real(-0.5)));
        assert_eq!(obj("(a\\(b\\)\\101\\\nc)"), Some(Object::Str(b"a(b)Ac".to_vec())));
        assert_eq!(obj("<4E6F7>"), Some(Object::Str(vec![0x4E, 0x6F, 0x70])));
        assert_eq!(obj("/A#20B"), Some(Object::Name(b"A B".to_vec())));
        assert_eq!(obj("3 0 R"), Some(Object::Ref(3, 0)));
        assert_eq!(obj("[1 2 R 3]"), Some(Object::Array(vec![Object::Ref(1, 2), Object::Int(3)])));
        let dict = obj("<</Type/Page/Kids[1 0 R]/N null>>").unwrap();
        let dict = dict.as_dict().unwrap();
        assert_eq!(dict.name(b"Type"), Some(&b"Page"[..]));
        assert_eq!(dict.get(b"Kids"), Some(&Object::Array(vec![Object::Ref(1, 0)])));
    }

    #[test]
    fn deep_nesting_is_cut_not_overflowed() {
        let deep = "[".repeat(100_000);
        assert!(obj(&deep).is_some());
        let deep = "<</A ".repeat(50_000);
        assert!(obj(&deep).is_some());
    }

    #[test]
    fn damaged_syntax_ends_without_panic() {
        for text in ["<</A (unclosed", "[1 2", "<<>> >>", ")", "<</A 1 0 R /B endobj", "/", "<"] {
            let mut lexer = Lexer::new(text.as_bytes(), 0);
            for _ in 0..20 {
                let _ = lexer.object(true);
                let _ = lexer.token();
            }
        }
    }
}
