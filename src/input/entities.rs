//! Character references (`&nbsp;`, `&#x4E00;`) in HTML text and in the XML of a .docx.
//!
//! The table holds the HTML 4 entities (Latin-1, punctuation, arrows, a few symbols) and the
//! HTML 5 names for ASCII punctuation, not all 2,231 names of HTML 5: the full table would add
//! tens of kilobytes to the browser app, and the names left out (Greek letters, mathematical
//! operators, box drawing…) never carry a number or a label of a report. A reference that is
//! not in the table stays in the text as written, which is also what a browser shows for a
//! misspelt one.

/// A decoded reference: its text and how many bytes of the source it took.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    pub text: std::borrow::Cow<'static, str>,
    pub len: usize,
}

/// Decodes the character reference at the start of `src`, which starts with `&`; `None`
/// when the `&` does not start one (it is then an ordinary character).
pub fn decode(src: &str) -> Option<Decoded> {
    let bytes = src.as_bytes();
    if bytes.first() != Some(&b'&') {
        return None;
    }
    if bytes.get(1) == Some(&b'#') {
        return decode_numeric(bytes);
    }
    decode_named(src)
}

/// The longest name looked up; longer runs of letters are not references.
const MAX_NAME: usize = 32;

fn decode_named(src: &str) -> Option<Decoded> {
    let bytes = src.as_bytes();
    let name_len = bytes[1..].iter().take(MAX_NAME).take_while(|b| b.is_ascii_alphanumeric()).count();
    if name_len == 0 {
        return None;
    }
    let name = src.get(1..1 + name_len)?;
    if bytes.get(1 + name_len) == Some(&b';')
        && let Some((text, _)) = lookup(name)
    {
        return Some(Decoded { text: std::borrow::Cow::Borrowed(text), len: name_len + 2 });
    }
    // Without a semicolon only the legacy names count, as a prefix of the letters that
    // follow ("&nbsp" and "&copy2024" decode, "&nbspx" decodes as "&nbsp" + "x").
    (2..=name_len.min(6)).rev().find_map(|n| {
        let (text, legacy) = lookup(name.get(..n)?)?;
        legacy.then(|| Decoded { text: std::borrow::Cow::Borrowed(text), len: n + 1 })
    })
}

fn decode_numeric(bytes: &[u8]) -> Option<Decoded> {
    let hex = matches!(bytes.get(2), Some(b'x' | b'X'));
    let digits_start = if hex { 3 } else { 2 };
    let mut value: u32 = 0;
    let mut n = 0;
    for &b in &bytes[digits_start.min(bytes.len())..] {
        let digit = match (hex, b) {
            (_, b'0'..=b'9') => u32::from(b - b'0'),
            (true, b'a'..=b'f') => u32::from(b - b'a' + 10),
            (true, b'A'..=b'F') => u32::from(b - b'A' + 10),
            _ => break,
        };
        // Saturate: anything past U+10FFFF is replaced below, however long the digits run.
        value = value.saturating_mul(if hex { 16 } else { 10 }).saturating_add(digit).min(0x11_0000);
        n += 1;
    }
    if n == 0 {
        return None;
    }
    let mut len = digits_start + n;
    if bytes.get(len) == Some(&b';') {
        len += 1;
    }
    let c = match value {
        0x80..=0x9F => WINDOWS_1252[(value - 0x80) as usize],
        0 => '\u{FFFD}',
        v => char::from_u32(v).unwrap_or('\u{FFFD}'),
    };
    Some(Decoded { text: std::borrow::Cow::Owned(c.to_string()), len })
}

/// A named reference's text and whether it may be written without the semicolon.
fn lookup(name: &str) -> Option<(&'static str, bool)> {
    let i = ENTITIES.binary_search_by(|(n, _, _)| n.as_bytes().cmp(name.as_bytes())).ok()?;
    Some((ENTITIES[i].1, ENTITIES[i].2))
}

/// What `&#128;`…`&#159;` stand for: browsers read them as windows-1252, as the pages that
/// wrote them meant.
const WINDOWS_1252: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–',
    '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

/// Name, text, and whether the name may be written without its semicolon (the HTML legacy
/// names); sorted by name bytes for binary search (a test checks it).
static ENTITIES: &[(&str, &str, bool)] = &[
    ("AElig", "\u{C6}", true),
    ("AMP", "&", true),
    ("Aacute", "\u{C1}", true),
    ("Acirc", "\u{C2}", true),
    ("Agrave", "\u{C0}", true),
    ("Aring", "\u{C5}", true),
    ("Atilde", "\u{C3}", true),
    ("Auml", "\u{C4}", true),
    ("COPY", "\u{A9}", true),
    ("Ccedil", "\u{C7}", true),
    ("Dagger", "\u{2021}", false),
    ("ETH", "\u{D0}", true),
    ("Eacute", "\u{C9}", true),
    ("Ecirc", "\u{CA}", true),
    ("Egrave", "\u{C8}", true),
    ("Euml", "\u{CB}", true),
    ("GT", ">", true),
    ("Hat", "^", false),
    ("Iacute", "\u{CD}", true),
    ("Icirc", "\u{CE}", true),
    ("Igrave", "\u{CC}", true),
    ("Iuml", "\u{CF}", true),
    ("LT", "<", true),
    ("NewLine", "\u{A}", false),
    ("Ntilde", "\u{D1}", true),
    ("OElig", "\u{152}", false),
    ("Oacute", "\u{D3}", true),
    ("Ocirc", "\u{D4}", true),
    ("Ograve", "\u{D2}", true),
    ("Oslash", "\u{D8}", true),
    ("Otilde", "\u{D5}", true),
    ("Ouml", "\u{D6}", true),
    ("Prime", "\u{2033}", false),
    ("QUOT", "\"", true),
    ("REG", "\u{AE}", true),
    ("Scaron", "\u{160}", false),
    ("THORN", "\u{DE}", true),
    ("Tab", "\u{9}", false),
    ("Uacute", "\u{DA}", true),
    ("Ucirc", "\u{DB}", true),
    ("Ugrave", "\u{D9}", true),
    ("Uuml", "\u{DC}", true),
    ("Yacute", "\u{DD}", true),
    ("Yuml", "\u{178}", false),
    ("aacute", "\u{E1}", true),
    ("acirc", "\u{E2}", true),
    ("acute", "\u{B4}", true),
    ("aelig", "\u{E6}", true),
    ("agrave", "\u{E0}", true),
    ("amp", "&", true),
    ("apos", "'", false),
    ("aring", "\u{E5}", true),
    ("ast", "*", false),
    ("asymp", "\u{2248}", false),
    ("atilde", "\u{E3}", true),
    ("auml", "\u{E4}", true),
    ("bdquo", "\u{201E}", false),
    ("brvbar", "\u{A6}", true),
    ("bsol", "\\", false),
    ("bull", "\u{2022}", false),
    ("ccedil", "\u{E7}", true),
    ("cedil", "\u{B8}", true),
    ("cent", "\u{A2}", true),
    ("check", "\u{2713}", false),
    ("circ", "\u{2C6}", false),
    ("colon", ":", false),
    ("comma", ",", false),
    ("commat", "@", false),
    ("copy", "\u{A9}", true),
    ("curren", "\u{A4}", true),
    ("dagger", "\u{2020}", false),
    ("darr", "\u{2193}", false),
    ("dash", "\u{2010}", false),
    ("deg", "\u{B0}", true),
    ("divide", "\u{F7}", true),
    ("dollar", "$", false),
    ("eacute", "\u{E9}", true),
    ("ecirc", "\u{EA}", true),
    ("egrave", "\u{E8}", true),
    ("emsp", "\u{2003}", false),
    ("ensp", "\u{2002}", false),
    ("equals", "=", false),
    ("equiv", "\u{2261}", false),
    ("eth", "\u{F0}", true),
    ("euml", "\u{EB}", true),
    ("euro", "\u{20AC}", false),
    ("excl", "!", false),
    ("fnof", "\u{192}", false),
    ("frac12", "\u{BD}", true),
    ("frac14", "\u{BC}", true),
    ("frac34", "\u{BE}", true),
    ("frasl", "\u{2044}", false),
    ("ge", "\u{2265}", false),
    ("grave", "`", false),
    ("gt", ">", true),
    ("hairsp", "\u{200A}", false),
    ("harr", "\u{2194}", false),
    ("hellip", "\u{2026}", false),
    ("horbar", "\u{2015}", false),
    ("hyphen", "\u{2010}", false),
    ("iacute", "\u{ED}", true),
    ("icirc", "\u{EE}", true),
    ("iexcl", "\u{A1}", true),
    ("igrave", "\u{EC}", true),
    ("infin", "\u{221E}", false),
    ("iquest", "\u{BF}", true),
    ("iuml", "\u{EF}", true),
    ("laquo", "\u{AB}", true),
    ("larr", "\u{2190}", false),
    ("lbrace", "{", false),
    ("lbrack", "[", false),
    ("lcub", "{", false),
    ("ldquo", "\u{201C}", false),
    ("le", "\u{2264}", false),
    ("lowast", "\u{2217}", false),
    ("lowbar", "_", false),
    ("loz", "\u{25CA}", false),
    ("lpar", "(", false),
    ("lrm", "\u{200E}", false),
    ("lsaquo", "\u{2039}", false),
    ("lsqb", "[", false),
    ("lsquo", "\u{2018}", false),
    ("lt", "<", true),
    ("macr", "\u{AF}", true),
    ("mdash", "\u{2014}", false),
    ("micro", "\u{B5}", true),
    ("middot", "\u{B7}", true),
    ("minus", "\u{2212}", false),
    ("nbsp", "\u{A0}", true),
    ("ndash", "\u{2013}", false),
    ("ne", "\u{2260}", false),
    ("not", "\u{AC}", true),
    ("ntilde", "\u{F1}", true),
    ("num", "#", false),
    ("oacute", "\u{F3}", true),
    ("ocirc", "\u{F4}", true),
    ("oelig", "\u{153}", false),
    ("ograve", "\u{F2}", true),
    ("oline", "\u{203E}", false),
    ("ordf", "\u{AA}", true),
    ("ordm", "\u{BA}", true),
    ("oslash", "\u{F8}", true),
    ("otilde", "\u{F5}", true),
    ("ouml", "\u{F6}", true),
    ("para", "\u{B6}", true),
    ("percnt", "%", false),
    ("period", ".", false),
    ("permil", "\u{2030}", false),
    ("plus", "+", false),
    ("plusmn", "\u{B1}", true),
    ("pound", "\u{A3}", true),
    ("prime", "\u{2032}", false),
    ("prod", "\u{220F}", false),
    ("quest", "?", false),
    ("quot", "\"", true),
    ("radic", "\u{221A}", false),
    ("raquo", "\u{BB}", true),
    ("rarr", "\u{2192}", false),
    ("rbrace", "}", false),
    ("rbrack", "]", false),
    ("rcub", "}", false),
    ("rdquo", "\u{201D}", false),
    ("reg", "\u{AE}", true),
    ("rlm", "\u{200F}", false),
    ("rpar", ")", false),
    ("rsaquo", "\u{203A}", false),
    ("rsqb", "]", false),
    ("rsquo", "\u{2019}", false),
    ("sbquo", "\u{201A}", false),
    ("scaron", "\u{161}", false),
    ("sect", "\u{A7}", true),
    ("semi", ";", false),
    ("shy", "\u{AD}", true),
    ("sol", "/", false),
    ("sum", "\u{2211}", false),
    ("sup1", "\u{B9}", true),
    ("sup2", "\u{B2}", true),
    ("sup3", "\u{B3}", true),
    ("szlig", "\u{DF}", true),
    ("thinsp", "\u{2009}", false),
    ("thorn", "\u{FE}", true),
    ("tilde", "\u{2DC}", false),
    ("times", "\u{D7}", true),
    ("trade", "\u{2122}", false),
    ("uacute", "\u{FA}", true),
    ("uarr", "\u{2191}", false),
    ("ucirc", "\u{FB}", true),
    ("ugrave", "\u{F9}", true),
    ("uml", "\u{A8}", true),
    ("uuml", "\u{FC}", true),
    ("verbar", "|", false),
    ("vert", "|", false),
    ("yacute", "\u{FD}", true),
    ("yen", "\u{A5}", true),
    ("yuml", "\u{FF}", true),
    ("zwj", "\u{200D}", false),
    ("zwnj", "\u{200C}", false),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn check(src: &str, want: Option<(&str, usize)>) {
        let got = decode(src);
        assert_eq!(got.as_ref().map(|d| (d.text.as_ref(), d.len)), want, "{src}");
    }

    #[test]
    fn table_is_sorted() {
        assert!(ENTITIES.windows(2).all(|w| w[0].0.as_bytes() < w[1].0.as_bytes()));
    }

    #[test]
    fn named_and_numeric_references() {
        check("&nbsp;x", Some(("\u{A0}", 6)));
        check("&amp;", Some(("&", 5)));
        check("&ldquo;", Some(("“", 7)));
        check("&nbsp", Some(("\u{A0}", 5)));
        check("&copy2024", Some(("©", 5)));
        check("&ldquo", None);
        check("&unknown;", None);
        check("& b", None);
        check("&#20013;", Some(("中", 8)));
        check("&#x4e2D;", Some(("中", 8)));
        check("&#x4e2d", Some(("中", 7)));
        check("&#150;", Some(("–", 6)));
        check("&#0;", Some(("\u{FFFD}", 4)));
        check("&#xD800;", Some(("\u{FFFD}", 8)));
        check("&#99999999999999999999;", Some(("\u{FFFD}", 23)));
        check("&#;", None);
        check("&#x;", None);
    }
}
