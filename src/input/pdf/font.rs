//! Fonts (ISO 32000-1 §9.5–9.10): for each character code of a shown string, its text and
//! its advance. Text comes from the font's `ToUnicode` map first (what WPS, Word and
//! Chromium write for their embedded subsets); without one, from a predefined Unicode
//! CMap (UniGB-UCS2-H and the like) for composite fonts, or from the encoding (a base
//! encoding with `/Differences`, glyph names read for the common names) for simple fonts.
//! The font programs themselves are never read.

use super::cmap::{CMap, Code};
use super::file::{File, Resolved, Step};
use super::lexer::{Dict, Object};

/// A loaded font.
#[derive(Debug)]
pub struct Font {
    kind: Kind,
    pub vertical: bool,
    to_unicode: Option<CMap>,
    /// Type 3: the font matrix's horizontal scale (glyph space → text space); else 1/1000.
    pub scale: f64,
    /// Type 3: the font matrix's vertical scale relative to 1/1000 (how tall an em is).
    pub height: f64,
}

#[derive(Debug)]
enum Kind {
    Simple {
        encoding: Box<[Option<char>; 256]>,
        first_char: u32,
        widths: Vec<f64>,
        missing_width: f64,
    },
    Composite {
        encoding: CompositeEncoding,
        widths: Vec<(u32, u32, f64)>,
        default_width: f64,
    },
}

#[derive(Debug)]
enum CompositeEncoding {
    /// Identity-H/V: two-byte codes that are CIDs.
    Identity,
    /// A predefined Unicode CMap (UCS-2 or UTF-16, big-endian): the code is the text.
    Unicode,
    /// An embedded CMap, or a predefined one that is not read: codes by codespace.
    CMap(CMap),
}

/// One character of a shown string.
#[derive(Debug, PartialEq)]
pub struct Char {
    pub text: Option<String>,
    /// The horizontal advance in text space units per unit of font size (before Tc, Tw).
    pub width: f64,
    /// A single-byte code 32, to which the word spacing applies.
    pub is_space: bool,
}

impl Font {
    /// Loads the font dictionary `dict`; a stream it needs (`ToUnicode`, an embedded
    /// CMap) not inflated yet stops with `Pending`.
    pub fn load(file: &mut File, dict: &Dict) -> Step<Font> {
        let subtype = dict.name(b"Subtype").unwrap_or(b"");
        let to_unicode = match dict.get(b"ToUnicode") {
            Some(o) => match &*file.resolve(o)? {
                Resolved::Stream(s) => Some(CMap::parse(&file.decode(s)?)),
                _ => None,
            },
            None => None,
        };
        if subtype == b"Type0" {
            return Font::composite(file, dict, to_unicode);
        }
        let mut scale = 0.001;
        let mut height = 1.0;
        if subtype == b"Type3"
            && let Some(m) = dict.get(b"FontMatrix").and_then(Object::as_array)
        {
            let v: Vec<f64> = m.iter().map(|o| o.as_f64().unwrap_or(0.0)).collect();
            if v.len() == 6 && v[0].abs() > 1e-9 {
                scale = v[0];
                height = (v[3] / 0.001).abs().clamp(0.01, 100.0);
            }
        }
        let first_char = dict.int(b"FirstChar").unwrap_or(0).clamp(0, 255) as u32;
        let widths: Vec<f64> = match dict.get(b"Widths") {
            Some(w) => match file.resolve_object(w)? {
                Object::Array(a) => a
                    .iter()
                    .take(256)
                    .map(|o| o.as_f64().unwrap_or(0.0))
                    .collect(),
                _ => Vec::new(),
            },
            None => Vec::new(),
        };
        let descriptor = match dict.get(b"FontDescriptor") {
            Some(d) => file.resolve_dict(d)?,
            None => None,
        };
        let base_font = dict.name(b"BaseFont").unwrap_or(b"");
        let missing_width = descriptor
            .as_ref()
            .and_then(|d| d.get(b"MissingWidth"))
            .and_then(Object::as_f64)
            .unwrap_or_else(|| {
                if subtype == b"Type3" {
                    0.0
                } else if find_bytes(base_font, b"Courier") {
                    600.0
                } else {
                    500.0
                }
            });
        let encoding = simple_encoding(file, dict)?;
        Ok(Font {
            kind: Kind::Simple {
                encoding,
                first_char,
                widths,
                missing_width,
            },
            vertical: false,
            to_unicode,
            scale,
            height,
        })
    }

    fn composite(file: &mut File, dict: &Dict, to_unicode: Option<CMap>) -> Step<Font> {
        let (encoding, vertical) = match dict.get(b"Encoding") {
            Some(Object::Name(name)) => {
                let vertical = name.ends_with(b"-V");
                let encoding = if name.starts_with(b"Identity") {
                    CompositeEncoding::Identity
                } else if find_bytes(name, b"UCS2") || find_bytes(name, b"UTF16") {
                    CompositeEncoding::Unicode
                } else {
                    CompositeEncoding::CMap(predefined_codespace(name))
                };
                (encoding, vertical)
            }
            Some(o) => match &*file.resolve(o)? {
                Resolved::Stream(s) => {
                    let cmap = CMap::parse(&file.decode(s)?);
                    let vertical = s.dict.int(b"WMode") == Some(1);
                    (CompositeEncoding::CMap(cmap), vertical)
                }
                Resolved::Object(Object::Name(name)) => (
                    if name.starts_with(b"Identity") {
                        CompositeEncoding::Identity
                    } else {
                        CompositeEncoding::CMap(predefined_codespace(name))
                    },
                    name.ends_with(b"-V"),
                ),
                _ => (CompositeEncoding::Identity, false),
            },
            None => (CompositeEncoding::Identity, false),
        };
        let descendant = match dict.get(b"DescendantFonts") {
            Some(d) => match file.resolve_object(d)? {
                Object::Array(a) => match a.first() {
                    Some(first) => file.resolve_dict(first)?,
                    None => None,
                },
                Object::Dict(d) => Some(d),
                _ => None,
            },
            None => None,
        }
        .unwrap_or_default();
        let default_width = descendant
            .get(b"DW")
            .and_then(Object::as_f64)
            .unwrap_or(1000.0);
        let mut widths = Vec::new();
        if let Some(w) = descendant.get(b"W") {
            let w = file.resolve_object(w)?;
            let items = w.as_array().unwrap_or(&[]);
            let mut i = 0;
            while i < items.len() {
                let Some(first) = items[i].as_int() else {
                    break;
                };
                let first = first.clamp(0, u32::MAX as i64) as u32;
                match items.get(i + 1) {
                    Some(Object::Array(list)) => {
                        for (k, w) in list.iter().enumerate() {
                            let cid = first.saturating_add(k as u32);
                            widths.push((cid, cid, w.as_f64().unwrap_or(default_width)));
                        }
                        i += 2;
                    }
                    Some(last) => {
                        let last = last.as_int().unwrap_or(0).clamp(0, u32::MAX as i64) as u32;
                        let w = items
                            .get(i + 2)
                            .and_then(Object::as_f64)
                            .unwrap_or(default_width);
                        widths.push((first, last, w));
                        i += 3;
                    }
                    None => break,
                }
            }
        }
        widths.sort_by_key(|&(lo, _, _)| lo);
        Ok(Font {
            kind: Kind::Composite {
                encoding,
                widths,
                default_width,
            },
            vertical,
            to_unicode,
            scale: 0.001,
            height: 1.0,
        })
    }

    /// The characters of a shown string.
    pub fn chars(&self, bytes: &[u8]) -> Vec<Char> {
        match &self.kind {
            Kind::Simple {
                encoding,
                first_char,
                widths,
                missing_width,
            } => bytes
                .iter()
                .map(|&b| {
                    let code = u32::from(b);
                    let text = self
                        .to_unicode
                        .as_ref()
                        .and_then(|m| m.text((1, code)))
                        .map(String::from)
                        .or_else(|| encoding[usize::from(b)].map(String::from));
                    let w = code
                        .checked_sub(*first_char)
                        .and_then(|i| widths.get(i as usize))
                        .copied()
                        .unwrap_or(*missing_width);
                    Char {
                        text,
                        width: w * self.scale,
                        is_space: b == b' ',
                    }
                })
                .collect(),
            Kind::Composite {
                encoding,
                widths,
                default_width,
            } => {
                let codes: Vec<Code> = match encoding {
                    CompositeEncoding::Identity => two_byte_codes(bytes),
                    CompositeEncoding::Unicode => two_byte_codes(bytes),
                    CompositeEncoding::CMap(cmap) => cmap.codes(bytes, 2),
                };
                let mut chars = Vec::with_capacity(codes.len());
                let mut k = 0;
                while k < codes.len() {
                    let code = codes[k];
                    k += 1;
                    let cid = match encoding {
                        CompositeEncoding::CMap(cmap) => cmap.cid_of(code).unwrap_or(code.1),
                        _ => code.1,
                    };
                    let mut text = self
                        .to_unicode
                        .as_ref()
                        .and_then(|m| m.text(code))
                        .map(String::from);
                    if text.is_none() && matches!(encoding, CompositeEncoding::Unicode) {
                        let mut units = vec![code.1 as u16];
                        if (0xD800..0xDC00).contains(&code.1)
                            && let Some(&next) = codes.get(k)
                        {
                            units.push(next.1 as u16);
                            k += 1;
                        }
                        text = Some(String::from_utf16_lossy(&units));
                    }
                    let w = width_of(widths, cid).unwrap_or(*default_width);
                    chars.push(Char {
                        text,
                        width: w * self.scale,
                        is_space: code.0 == 1 && code.1 == 32,
                    });
                }
                chars
            }
        }
    }
}

fn two_byte_codes(bytes: &[u8]) -> Vec<Code> {
    bytes
        .chunks(2)
        .map(|c| {
            if c.len() == 2 {
                (2, u32::from(c[0]) << 8 | u32::from(c[1]))
            } else {
                (1, u32::from(c[0]))
            }
        })
        .collect()
}

fn width_of(widths: &[(u32, u32, f64)], cid: u32) -> Option<f64> {
    let i = widths.partition_point(|&(lo, _, _)| lo <= cid);
    widths[..i]
        .iter()
        .rev()
        .take(64)
        .find(|&&(lo, hi, _)| lo <= cid && cid <= hi)
        .map(|&(_, _, w)| w)
}

/// The codespace of a predefined CJK CMap that is not read: one byte below 0x80, two
/// above (the EUC and GBK maps), so that at least the advances come out right.
fn predefined_codespace(_name: &[u8]) -> CMap {
    CMap {
        codespace: vec![(1, 0x00, 0x80), (2, 0x8140, 0xFEFE)],
        ..CMap::default()
    }
}

/// A simple font's code → character table: the base encoding (`/Encoding` name or a
/// dictionary's `/BaseEncoding`, else Standard, or WinAnsi for TrueType) and then
/// `/Differences`.
fn simple_encoding(file: &mut File, dict: &Dict) -> Step<Box<[Option<char>; 256]>> {
    let truetype = dict.name(b"Subtype") == Some(b"TrueType");
    let encoding = match dict.get(b"Encoding") {
        Some(o) => file.resolve_object(o)?,
        None => Object::Null,
    };
    let base = match &encoding {
        Object::Name(n) => Some(n.clone()),
        Object::Dict(d) => d.name(b"BaseEncoding").map(<[u8]>::to_vec),
        _ => None,
    };
    let mut table: Box<[Option<char>; 256]> = Box::new([None; 256]);
    for (code, slot) in table.iter_mut().enumerate() {
        *slot = match base.as_deref() {
            Some(b"MacRomanEncoding") => mac_roman(code as u8),
            Some(b"WinAnsiEncoding") | Some(b"PDFDocEncoding") => win_ansi(code as u8),
            _ if truetype => win_ansi(code as u8),
            _ => standard(code as u8),
        };
    }
    if let Object::Dict(d) = &encoding
        && let Some(differences) = d.get(b"Differences")
    {
        let differences = file.resolve_object(differences)?;
        let mut code = 0usize;
        for item in differences.as_array().unwrap_or(&[]) {
            match item {
                Object::Int(i) => code = (*i).clamp(0, 256) as usize,
                Object::Name(name) => {
                    if code < 256 {
                        // An unknown name (a subset's "g12") is no base-encoding character either.
                        table[code] = glyph_name_to_char(name);
                    }
                    code += 1;
                }
                _ => {}
            }
        }
    }
    Ok(table)
}

fn standard(code: u8) -> Option<char> {
    match code {
        0x27 => Some('’'),
        0x60 => Some('‘'),
        0x20..=0x7E => Some(char::from(code)),
        _ => None,
    }
}

fn win_ansi(code: u8) -> Option<char> {
    const HIGH: [char; 32] = [
        '€', '\0', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\0', 'Ž', '\0', '\0',
        '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\0', 'ž', 'Ÿ',
    ];
    match code {
        0x20..=0x7E | 0xA0..=0xFF => Some(char::from(code)),
        0x80..=0x9F => Some(HIGH[usize::from(code - 0x80)]).filter(|&c| c != '\0'),
        _ => None,
    }
}

fn mac_roman(code: u8) -> Option<char> {
    match code {
        0x20..=0x7E => Some(char::from(code)),
        0xD0 => Some('–'),
        0xD1 => Some('—'),
        0xD2 => Some('“'),
        0xD3 => Some('”'),
        0xD4 => Some('‘'),
        0xD5 => Some('’'),
        0xA5 => Some('•'),
        0xC9 => Some('…'),
        _ => None,
    }
}

/// The character of a glyph name: `uniXXXX`, `uXXXX[XX]`, and the names of the Adobe
/// Glyph List that reports use (letters, digits, punctuation); a suffix such as `.fw` is
/// ignored.
pub fn glyph_name_to_char(name: &[u8]) -> Option<char> {
    let name = std::str::from_utf8(name).ok()?;
    let name = name.split('.').next().unwrap_or(name);
    if let Some(hex) = name.strip_prefix("uni")
        && hex.len() >= 4
    {
        return u32::from_str_radix(&hex[..4], 16)
            .ok()
            .and_then(char::from_u32);
    }
    if let Some(hex) = name.strip_prefix('u')
        && (4..=6).contains(&hex.len())
        && hex.bytes().all(|b| b.is_ascii_hexdigit())
    {
        return u32::from_str_radix(hex, 16).ok().and_then(char::from_u32);
    }
    if name.len() == 1 && name.as_bytes()[0].is_ascii_alphabetic() {
        return name.chars().next();
    }
    static NAMES: &[(&str, char)] = &[
        ("space", ' '),
        ("zero", '0'),
        ("one", '1'),
        ("two", '2'),
        ("three", '3'),
        ("four", '4'),
        ("five", '5'),
        ("six", '6'),
        ("seven", '7'),
        ("eight", '8'),
        ("nine", '9'),
        ("period", '.'),
        ("comma", ','),
        ("hyphen", '-'),
        ("minus", '−'),
        ("colon", ':'),
        ("semicolon", ';'),
        ("percent", '%'),
        ("parenleft", '('),
        ("parenright", ')'),
        ("bracketleft", '['),
        ("bracketright", ']'),
        ("braceleft", '{'),
        ("braceright", '}'),
        ("slash", '/'),
        ("backslash", '\\'),
        ("plus", '+'),
        ("equal", '='),
        ("less", '<'),
        ("greater", '>'),
        ("exclam", '!'),
        ("question", '?'),
        ("quotedbl", '"'),
        ("quotesingle", '\''),
        ("quoteleft", '‘'),
        ("quoteright", '’'),
        ("quotedblleft", '“'),
        ("quotedblright", '”'),
        ("numbersign", '#'),
        ("dollar", '$'),
        ("ampersand", '&'),
        ("asterisk", '*'),
        ("at", '@'),
        ("underscore", '_'),
        ("bar", '|'),
        ("asciitilde", '~'),
        ("asciicircum", '^'),
        ("grave", '`'),
        ("endash", '–'),
        ("emdash", '—'),
        ("bullet", '•'),
        ("ellipsis", '…'),
        ("periodcentered", '·'),
        ("yen", '¥'),
        ("degree", '°'),
        ("multiply", '×'),
        ("divide", '÷'),
        ("nbspace", '\u{a0}'),
    ];
    NAMES.iter().find(|(n, _)| *n == name).map(|&(_, c)| c)
}

fn find_bytes(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glyph_names() {
        assert_eq!(glyph_name_to_char(b"uni5E74"), Some('年'));
        assert_eq!(glyph_name_to_char(b"u2F00"), Some('⼀'));
        assert_eq!(glyph_name_to_char(b"seven"), Some('7'));
        assert_eq!(glyph_name_to_char(b"zero.fw"), Some('0'));
        assert_eq!(glyph_name_to_char(b"g123"), None);
    }
}
