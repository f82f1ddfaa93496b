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
    /// How tall an em is, in text space units per unit of font size (1 but for Type 3).
    pub height: f64,
}

#[derive(Debug)]
enum Kind {
    Simple { encoding: Box<[Option<char>; 256]>, first_char: u32, widths: Vec<f64>, missing_width: f64 },
    Composite { encoding: CompositeEncoding, widths: Vec<(u32, u32, f64)>, default_width: f64 },
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
    /// CMap) not inflated yet stops with `Pending`. Its maps take from the document's
    /// `cmap_budget`.
    pub fn load(file: &mut File, dict: &Dict, cmap_budget: &mut usize) -> Step<Font> {
        let subtype = dict.name(b"Subtype").unwrap_or(b"");
        let to_unicode = match dict.get(b"ToUnicode") {
            Some(o) => match &*file.resolve(o)? {
                Resolved::Stream(s) => Some(CMap::parse(&file.decode(s)?, cmap_budget)),
                _ => None,
            },
            None => None,
        };
        if subtype == b"Type0" {
            return Font::composite(file, dict, to_unicode, cmap_budget);
        }
        let mut scale = 0.001;
        let mut height = 1.0;
        if subtype == b"Type3"
            && let Some(m) = dict.get(b"FontMatrix").and_then(Object::as_array)
        {
            let v: Vec<f64> = m.iter().map(|o| o.as_f64().unwrap_or(0.0)).collect();
            if v.len() == 6 && v[0].abs() > 1e-9 {
                scale = v[0];
                // A Type 3 font has no em: its bounding box's height in text space stands
                // for one (Chromium writes glyphs of 2048 units scaled to the font size).
                let bbox: Vec<f64> =
                    dict.get(b"FontBBox").and_then(Object::as_array).unwrap_or(&[]).iter().map(|o| o.as_f64().unwrap_or(0.0)).collect();
                let box_height = if bbox.len() == 4 { (bbox[3] - bbox[1]).abs() } else { 0.0 };
                height = if box_height > 0.0 { box_height * v[3].abs() } else { 1.0 };
                height = height.clamp(0.05, 100.0);
            }
        }
        let first_char = dict.int(b"FirstChar").unwrap_or(0).clamp(0, 255) as u32;
        let widths: Vec<f64> = match dict.get(b"Widths") {
            Some(w) => match file.resolve_object(w)? {
                Object::Array(a) => a.iter().take(256).map(|o| o.as_f64().unwrap_or(0.0)).collect(),
                _ => Vec::new(),
            },
            None => Vec::new(),
        };
        let descriptor = match dict.get(b"FontDescriptor") {
            Some(d) => file.resolve_dict(d)?,
            None => None,
        };
        let base_font = dict.name(b"BaseFont").unwrap_or(b"");
        let missing_width = descriptor.as_ref().and_then(|d| d.get(b"MissingWidth")).and_then(Object::as_f64).unwrap_or_else(|| {
            if subtype == b"Type3" {
                0.0
            } else if find_bytes(base_font, b"Courier") {
                600.0
            } else {
                500.0
            }
        });
        let encoding = simple_encoding(file, dict)?;
        Ok(Font { kind: Kind::Simple { encoding, first_char, widths, missing_width }, vertical: false, to_unicode, scale, height })
    }

    fn composite(file: &mut File, dict: &Dict, to_unicode: Option<CMap>, cmap_budget: &mut usize) -> Step<Font> {
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
                    let cmap = CMap::parse(&file.decode(s)?, cmap_budget);
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
        let default_width = descendant.get(b"DW").and_then(Object::as_f64).unwrap_or(1000.0);
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
                        let w = items.get(i + 2).and_then(Object::as_f64).unwrap_or(default_width);
                        widths.push((first, last, w));
                        i += 3;
                    }
                    None => break,
                }
            }
        }
        crate::model::order::sort_stable_by(&mut widths, |a, b| a.0.cmp(&b.0));
        Ok(Font { kind: Kind::Composite { encoding, widths, default_width }, vertical, to_unicode, scale: 0.001, height: 1.0 })
    }

    /// The characters of a shown string.
    pub fn chars(&self, bytes: &[u8]) -> Vec<Char> {
        match &self.kind {
            Kind::Simple { encoding, first_char, widths, missing_width } => bytes
                .iter()
                .map(|&b| {
                    let code = u32::from(b);
                    let text = self
                        .to_unicode
                        .as_ref()
                        .and_then(|m| m.text((1, code)))
                        .map(String::from)
                        .or_else(|| encoding[usize::from(b)].map(String::from));
                    let w = code.checked_sub(*first_char).and_then(|i| widths.get(i as usize)).copied().unwrap_or(*missing_width);
                    Char { text, width: w * self.scale, is_space: b == b' ' }
                })
                .collect(),
            Kind::Composite { encoding, widths, default_width } => {
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
                    let mut text = self.to_unicode.as_ref().and_then(|m| m.text(code)).map(String::from);
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
                    chars.push(Char { text, width: w * self.scale, is_space: code.0 == 1 && code.1 == 32 });
                }
                chars
            }
        }
    }
}

fn two_byte_codes(bytes: &[u8]) -> Vec<Code> {
    bytes.chunks(2).map(|c| if c.len() == 2 { (2, u32::from(c[0]) << 8 | u32::from(c[1])) } else { (1, u32::from(c[0])) }).collect()
}

fn width_of(widths: &[(u32, u32, f64)], cid: u32) -> Option<f64> {
    let i = widths.partition_point(|&(lo, _, _)| lo <= cid);
    widths[..i].iter().rev().take(64).find(|&&(lo, hi, _)| lo <= cid && cid <= hi).map(|&(_, _, w)| w)
}

/// The codespace of a predefined CJK CMap that is not read: one byte below 0x80, two
/// above (the EUC and GBK maps), so that at least the advances come out right.
fn predefined_codespace(_name: &[u8]) -> CMap {
    CMap { codespace: vec![(1, 0x00, 0x80), (2, 0x8140, 0xFEFE)], ..CMap::default() }
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
        '€', '\0', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\0', 'Ž', '\0', '\0', '‘', '’', '“', '”', '•', '–', '—', '˜',
        '™', 'š', '›', 'œ', '\0', 'ž', 'Ÿ',
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
    if let Some(hex) = name.strip_prefix("uni").and_then(|rest| rest.get(..4))
        && hex.bytes().all(|b| b.is_ascii_hexdigit())
    {
        return u32::from_str_radix(hex, 16).ok().and_then(char::from_u32);
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

/// The ordinary character of a CJK radical or a vertical presentation form: the unified
/// ideograph a radical stands for. Fonts such as Noto CJK map one glyph
/// from both the radical's code point and the ideograph's, and writers that build
/// `ToUnicode` from the font's cmap (Chromium) may pick the radical: 人 comes out as ⼈
/// (U+2F08), 民 as ⺠ (U+2EA0). Readers show them alike, but no label would match.
pub fn unify_radical(c: char) -> char {
    const KANGXI: [u16; 214] = [
        0x4E00, 0x4E28, 0x4E36, 0x4E3F, 0x4E59, 0x4E85, 0x4E8C, 0x4EA0, 0x4EBA, 0x513F, 0x5165, 0x516B, 0x5182, 0x5196, 0x51AB, 0x51E0,
        0x51F5, 0x5200, 0x529B, 0x52F9, 0x5315, 0x531A, 0x5338, 0x5341, 0x535C, 0x5369, 0x5382, 0x53B6, 0x53C8, 0x53E3, 0x56D7, 0x571F,
        0x58EB, 0x5902, 0x590A, 0x5915, 0x5927, 0x5973, 0x5B50, 0x5B80, 0x5BF8, 0x5C0F, 0x5C22, 0x5C38, 0x5C6E, 0x5C71, 0x5DDB, 0x5DE5,
        0x5DF1, 0x5DFE, 0x5E72, 0x5E7A, 0x5E7F, 0x5EF4, 0x5EFE, 0x5F0B, 0x5F13, 0x5F50, 0x5F61, 0x5F73, 0x5FC3, 0x6208, 0x6236, 0x624B,
        0x652F, 0x6534, 0x6587, 0x6597, 0x65A4, 0x65B9, 0x65E0, 0x65E5, 0x66F0, 0x6708, 0x6728, 0x6B20, 0x6B62, 0x6B79, 0x6BB3, 0x6BCB,
        0x6BD4, 0x6BDB, 0x6C0F, 0x6C14, 0x6C34, 0x706B, 0x722A, 0x7236, 0x723B, 0x723F, 0x7247, 0x7259, 0x725B, 0x72AC, 0x7384, 0x7389,
        0x74DC, 0x74E6, 0x7518, 0x751F, 0x7528, 0x7530, 0x758B, 0x7592, 0x7676, 0x767D, 0x76AE, 0x76BF, 0x76EE, 0x77DB, 0x77E2, 0x77F3,
        0x793A, 0x79B8, 0x79BE, 0x7A74, 0x7ACB, 0x7AF9, 0x7C73, 0x7CF8, 0x7F36, 0x7F51, 0x7F8A, 0x7FBD, 0x8001, 0x800C, 0x8012, 0x8033,
        0x807F, 0x8089, 0x81E3, 0x81EA, 0x81F3, 0x81FC, 0x820C, 0x821B, 0x821F, 0x826E, 0x8272, 0x8278, 0x864D, 0x866B, 0x8840, 0x884C,
        0x8863, 0x897E, 0x898B, 0x89D2, 0x8A00, 0x8C37, 0x8C46, 0x8C55, 0x8C78, 0x8C9D, 0x8D64, 0x8D70, 0x8DB3, 0x8EAB, 0x8ECA, 0x8F9B,
        0x8FB0, 0x8FB5, 0x9091, 0x9149, 0x91C6, 0x91CC, 0x91D1, 0x9577, 0x9580, 0x961C, 0x96B6, 0x96B9, 0x96E8, 0x9751, 0x975E, 0x9762,
        0x9769, 0x97CB, 0x97ED, 0x97F3, 0x9801, 0x98A8, 0x98DB, 0x98DF, 0x9996, 0x9999, 0x99AC, 0x9AA8, 0x9AD8, 0x9ADF, 0x9B25, 0x9B2F,
        0x9B32, 0x9B3C, 0x9B5A, 0x9CE5, 0x9E75, 0x9E7F, 0x9EA5, 0x9EBB, 0x9EC3, 0x9ECD, 0x9ED1, 0x9EF9, 0x9EFD, 0x9F0E, 0x9F13, 0x9F20,
        0x9F3B, 0x9F4A, 0x9F52, 0x9F8D, 0x9F9C, 0x9FA0,
    ];
    // CJK Radicals Supplement: the forms that stand for a simplified or common ideograph.
    const SUPPLEMENT: &[(u32, char)] = &[
        (0x2E8C, '小'),
        (0x2E8D, '小'),
        (0x2E9C, '日'),
        (0x2E9F, '母'),
        (0x2EA0, '民'),
        (0x2EC4, '西'),
        (0x2EC5, '见'),
        (0x2EC6, '角'),
        (0x2EC8, '讠'),
        (0x2EC9, '贝'),
        (0x2ECB, '车'),
        (0x2ED3, '长'),
        (0x2ED4, '门'),
        (0x2EDB, '风'),
        (0x2EDC, '飞'),
        (0x2EDD, '食'),
        (0x2EE2, '马'),
        (0x2EE3, '骨'),
        (0x2EE5, '鱼'),
        (0x2EE6, '鸟'),
        (0x2EE8, '麦'),
        (0x2EE9, '黄'),
        (0x2EEC, '齐'),
        (0x2EEE, '齿'),
        (0x2EF0, '龙'),
        (0x2EF3, '龟'),
    ];
    let cp = c as u32;
    // Presentation forms for vertical writing (︑ for 、), which vertical text may show.
    const VERTICAL: [char; 10] = ['，', '、', '。', '：', '；', '！', '？', '〖', '〗', '…'];
    const VERTICAL_BRACKETS: [char; 21] =
        ['‥', '—', '–', '_', '_', '（', '）', '｛', '｝', '〔', '〕', '【', '】', '《', '》', '〈', '〉', '「', '」', '『', '』'];
    if (0xFE10..0xFE1A).contains(&cp) {
        return VERTICAL[(cp - 0xFE10) as usize];
    }
    if (0xFE30..0xFE45).contains(&cp) {
        return VERTICAL_BRACKETS[(cp - 0xFE30) as usize];
    }
    if (0x2F00..0x2F00 + 214).contains(&cp) {
        return char::from_u32(u32::from(KANGXI[(cp - 0x2F00) as usize])).unwrap_or(c);
    }
    if (0x2E80..0x2F00).contains(&cp) {
        return SUPPLEMENT.iter().find(|&&(k, _)| k == cp).map_or(c, |&(_, v)| v);
    }
    c
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
        // Found by the pdf fuzz target: a name going on past "uni" in Chinese, where the
        // fourth byte falls inside a character.
        assert_eq!(glyph_name_to_char("uni、年".as_bytes()), None);
        assert_eq!(glyph_name_to_char(b"uni+123"), None);
        assert_eq!(unify_radical('⼈'), '人');
        assert_eq!(unify_radical('⺠'), '民');
        assert_eq!(unify_radical('⼀'), '一');
        assert_eq!(unify_radical('年'), '年');
        assert_eq!(unify_radical('︑'), '、');
        assert_eq!(unify_radical('︵'), '（');
    }
}
