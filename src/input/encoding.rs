//! Which character encoding a text or HTML file is in, and decoding it.
//!
//! Detection is pure and runs everywhere; decoding the legacy Chinese encodings needs the
//! WHATWG Encoding Standard's tables, which the browser has (`TextDecoder`) and the native
//! build takes from `encoding_rs` (the same standard, so both give the same text). UTF-8 and
//! UTF-16 are decoded here in both builds ([`decode_unicode`]).
//!
//! The order of evidence: a byte order mark; UTF-16 without one (zero bytes in every other
//! position); bytes that are valid UTF-8 (a GBK text is practically never valid UTF-8, so
//! this beats a wrong `<meta charset>`, a common slip on government sites); the HTML's
//! `<meta charset>` or `http-equiv` declaration of GBK, GB2312, GB18030 or Big5; and
//! otherwise GB18030, the superset of GBK and GB2312 that most non-UTF-8 Chinese text is in.

use super::limits::CHARSET_PRESCAN_BYTES;
use super::markup::{self, Mode, Token};

/// An encoding a file can be read in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Charset {
    Utf8,
    Utf16Le,
    Utf16Be,
    /// GB18030, which also reads GBK and GB2312 (the WHATWG decoders for them are one).
    Gb18030,
    Big5,
}

impl Charset {
    /// The WHATWG label to hand to `TextDecoder` (and to `encoding_rs`).
    pub fn label(self) -> &'static str {
        match self {
            Charset::Utf8 => "utf-8",
            Charset::Utf16Le => "utf-16le",
            Charset::Utf16Be => "utf-16be",
            Charset::Gb18030 => "gb18030",
            Charset::Big5 => "big5",
        }
    }

    /// The charset a WHATWG label names, for the labels a Chinese page declares; `None` for
    /// any other (the declaration is then ignored and the bytes decide). UTF-16 labels in a
    /// `<meta>` are read as UTF-8, as browsers do: the declaration could only be read
    /// because the bytes are ASCII-compatible.
    pub fn from_label(label: &str) -> Option<Charset> {
        let label = label.trim_matches(|c: char| c.is_ascii_whitespace() || c == '"' || c == '\'').to_ascii_lowercase();
        match label.as_str() {
            "utf-8" | "utf8" | "unicode-1-1-utf-8" | "unicode11utf8" | "unicode20utf8" | "x-unicode20utf8" | "utf-16" | "utf-16le"
            | "utf-16be" | "unicode" | "ucs-2" => Some(Charset::Utf8),
            "gbk" | "gb2312" | "gb_2312" | "gb_2312-80" | "chinese" | "csgb2312" | "csiso58gb231280" | "iso-ir-58" | "x-gbk"
            | "gb18030" | "euc-cn" | "cp936" | "x-euc-cn" | "windows-936" | "ms936" => Some(Charset::Gb18030),
            "big5" | "big5-hkscs" | "cn-big5" | "csbig5" | "x-x-big5" => Some(Charset::Big5),
            _ => None,
        }
    }

    /// Whether decoding needs the legacy tables (`TextDecoder` in the browser).
    pub fn is_legacy(self) -> bool {
        matches!(self, Charset::Gb18030 | Charset::Big5)
    }
}

/// Detects the encoding of a text or HTML file from its bytes (and, for HTML, its
/// `<meta charset>`). Pure: runs in the browser and natively alike.
pub fn detect(bytes: &[u8], html: bool) -> Charset {
    detect_by_bytes(bytes).unwrap_or_else(|| legacy(bytes, html))
}

/// The charset the bytes alone tell (a byte order mark, UTF-16 without one, UTF-8), before
/// any declaration is looked at; `None` for a legacy Chinese encoding.
pub fn detect_by_bytes(bytes: &[u8]) -> Option<Charset> {
    if let Some((charset, _)) = bom(bytes) {
        return Some(charset);
    }
    if let Some(charset) = utf16_without_bom(bytes) {
        return Some(charset);
    }
    Utf8Stats::looks_valid(bytes).then_some(Charset::Utf8)
}

/// The legacy charset of bytes that are not Unicode: the one an HTML file declares, else
/// GB18030.
pub fn legacy(bytes: &[u8], html: bool) -> Charset {
    match html.then(|| declared(bytes)).flatten() {
        Some(charset) if charset.is_legacy() => charset,
        _ => Charset::Gb18030,
    }
}

/// The charset an HTML file declares in a `<meta>` near its start, if any.
pub fn declared(bytes: &[u8]) -> Option<Charset> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(CHARSET_PRESCAN_BYTES)]);
    for token in markup::tokens(&head, Mode::Html) {
        let Token::Start(tag) = token else { continue };
        if !tag.is("meta") {
            continue;
        }
        if let Some(label) = tag.attribute("charset") {
            return Charset::from_label(label);
        }
        let content_type = tag.attribute("http-equiv").is_some_and(|v| v.trim().eq_ignore_ascii_case("content-type"));
        if let Some(content) = tag.attribute("content").filter(|_| content_type) {
            let lower = content.to_ascii_lowercase();
            if let Some(at) = lower.find("charset") {
                let rest = lower.get(at + 7..)?.trim_start().strip_prefix('=')?;
                let label: String = rest.trim_start().chars().take_while(|c| !matches!(c, ';' | ' ')).collect();
                return Charset::from_label(&label);
            }
        }
    }
    None
}

/// The byte order mark at the start of `bytes`: its charset and length.
pub fn bom(bytes: &[u8]) -> Option<(Charset, usize)> {
    match bytes {
        [0xEF, 0xBB, 0xBF, ..] => Some((Charset::Utf8, 3)),
        [0xFF, 0xFE, ..] => Some((Charset::Utf16Le, 2)),
        [0xFE, 0xFF, ..] => Some((Charset::Utf16Be, 2)),
        _ => None,
    }
}

/// Decodes UTF-8 and UTF-16 (a byte order mark of the same encoding is removed, and
/// invalid sequences become U+FFFD, as `TextDecoder` does); `None` for the legacy charsets.
pub fn decode_unicode(bytes: &[u8], charset: Charset) -> Option<String> {
    let body = match bom(bytes) {
        Some((c, len)) if c == charset => &bytes[len..],
        _ => bytes,
    };
    match charset {
        Charset::Utf8 => Some(String::from_utf8_lossy(body).into_owned()),
        Charset::Utf16Le | Charset::Utf16Be => {
            let units = body.chunks(2).map(|pair| match (pair, charset) {
                ([a, b], Charset::Utf16Le) => u16::from_le_bytes([*a, *b]),
                ([a, b], _) => u16::from_be_bytes([*a, *b]),
                // A lone last byte is an incomplete unit.
                _ => 0xFFFD,
            });
            Some(char::decode_utf16(units).map(|r| r.unwrap_or('\u{FFFD}')).collect())
        }
        Charset::Gb18030 | Charset::Big5 => None,
    }
}

/// Decodes `bytes` in `charset` (natively, with `encoding_rs` for the legacy charsets).
/// Spans of a report read from the result point into the decoded text, not the file bytes.
#[cfg(not(target_arch = "wasm32"))]
pub fn decode(bytes: &[u8], charset: Charset) -> String {
    if let Some(text) = decode_unicode(bytes, charset) {
        return text;
    }
    let encoding = match charset {
        Charset::Big5 => encoding_rs::BIG5,
        _ => encoding_rs::GB18030,
    };
    encoding.decode_with_bom_removal(bytes).0.into_owned()
}

/// Whether bytes decoded in `charset` look like text rather than a binary file: few control
/// characters, and (for the legacy charsets) few byte sequences the charset cannot have.
pub fn looks_like_text(bytes: &[u8], charset: Charset) -> bool {
    match charset {
        Charset::Utf16Le | Charset::Utf16Be => {
            let text = decode_unicode(bytes, charset).unwrap_or_default();
            let total = text.chars().count().max(1);
            let odd = text.chars().filter(|&c| is_binary_char(c) || c == '\u{FFFD}').count();
            odd * 100 <= total
        }
        _ => {
            let binary = binary_bytes(bytes);
            if binary * 100 > bytes.len() || bytes.contains(&0) {
                return false;
            }
            match charset {
                Charset::Utf8 => true,
                Charset::Gb18030 | Charset::Big5 => {
                    let (errors, multibyte) = legacy_errors(bytes, charset);
                    errors * 100 <= multibyte + errors
                }
                Charset::Utf16Le | Charset::Utf16Be => true,
            }
        }
    }
}

/// Control characters that text files do not hold (tab, line ends, form feed — pdftotext
/// writes one per page — vertical tab and the old DOS end-of-file mark are allowed).
fn is_binary_char(c: char) -> bool {
    u8::try_from(c).is_ok_and(is_binary_byte)
}

/// [`is_binary_char`] for a byte, as comparisons the compiler can run on many bytes at once
/// (it is asked of every byte of a file): a control character other than tab, line feed,
/// vertical tab, form feed, carriage return (9 to 13), the end-of-file mark (26) and 27.
fn is_binary_byte(b: u8) -> bool {
    (b < 0x20) & (b.wrapping_sub(9) >= 5) & (b | 1 != 0x1B)
}

/// How many bytes are [`is_binary_byte`]: counted in runs of 255 with a byte-wide count, so
/// that the compiler counts sixteen bytes in one step.
fn binary_bytes(bytes: &[u8]) -> usize {
    bytes.chunks(255).map(|run| usize::from(run.iter().fold(0u8, |n, &b| n + u8::from(is_binary_byte(b))))).sum()
}

/// Counts of UTF-8 sequences in a byte string.
struct Utf8Stats {
    /// Valid multibyte sequences.
    multibyte: usize,
    /// Invalid sequences (an incomplete one at the very end is not counted: files get cut).
    errors: usize,
}

impl Utf8Stats {
    fn of(bytes: &[u8]) -> Utf8Stats {
        let mut stats = Utf8Stats { multibyte: 0, errors: 0 };
        let mut rest = bytes;
        loop {
            match std::str::from_utf8(rest) {
                Ok(valid) => {
                    stats.multibyte += count_multibyte(valid.as_bytes());
                    return stats;
                }
                Err(e) => {
                    let (valid, after) = rest.split_at(e.valid_up_to());
                    stats.multibyte += count_multibyte(valid);
                    match e.error_len() {
                        Some(n) => {
                            stats.errors += 1;
                            rest = &after[n..];
                        }
                        None => return stats,
                    }
                }
            }
        }
    }

    /// Valid UTF-8, or so nearly (at most one bad sequence per hundred good ones, as in a
    /// UTF-8 page with a damaged byte) that reading it otherwise would garble it all. Valid
    /// bytes, the usual case, are told by one validation, without counting.
    fn looks_valid(bytes: &[u8]) -> bool {
        if std::str::from_utf8(bytes).is_ok() {
            return true;
        }
        let stats = Utf8Stats::of(bytes);
        stats.errors == 0 || (stats.errors * 100 <= stats.multibyte && stats.errors <= 16)
    }
}

fn count_multibyte(valid: &[u8]) -> usize {
    valid.iter().filter(|&&b| b >= 0xC0).count()
}

/// UTF-16 without a byte order mark: zero bytes (the high bytes of ASCII characters) in
/// the odd positions (little-endian) or the even ones (big-endian), far fewer in the other.
fn utf16_without_bom(bytes: &[u8]) -> Option<Charset> {
    let sample = &bytes[..bytes.len().min(64 * 1024) & !1];
    let pairs = sample.len() / 2;
    // Without a zero byte (most files: one fast search tells) it is not UTF-16.
    if pairs < 2 || !sample.contains(&0) {
        return None;
    }
    let even = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd = sample.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    let (zeros, other, charset) = if odd > even { (odd, even, Charset::Utf16Le) } else { (even, odd, Charset::Utf16Be) };
    // Zero bytes on the other side come from characters such as 开 (U+5F00) and 一 (U+4E00),
    // about one in ten in Chinese text; a binary file has them evenly on both sides, and
    // then fails the text check too.
    (zeros * 20 >= pairs && other * 3 <= zeros && looks_like_text(bytes, charset)).then_some(charset)
}

/// Invalid sequences and valid multibyte sequences of a GB18030 or Big5 byte string,
/// following the structure of the WHATWG decoders (which byte ranges may follow which).
fn legacy_errors(bytes: &[u8], charset: Charset) -> (usize, usize) {
    let (mut errors, mut multibyte) = (0, 0);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 || (b == 0x80 && charset == Charset::Gb18030) {
            i += 1;
            continue;
        }
        let at = |k: usize| bytes.get(i + k).copied().unwrap_or(0);
        let lead = (0x81..=0xFE).contains(&b);
        let two = match charset {
            Charset::Big5 => lead && matches!(at(1), 0x40..=0x7E | 0xA1..=0xFE),
            _ => lead && matches!(at(1), 0x40..=0x7E | 0x80..=0xFE),
        };
        let four = charset == Charset::Gb18030
            && lead
            && matches!(at(1), 0x30..=0x39)
            && matches!(at(2), 0x81..=0xFE)
            && matches!(at(3), 0x30..=0x39);
        if four {
            multibyte += 1;
            i += 4;
        } else if two {
            multibyte += 1;
            i += 2;
        } else {
            // A lead byte cut off by the end of the file is not held against it.
            if !(lead && i + 1 == bytes.len()) {
                errors += 1;
            }
            i += 1;
        }
    }
    (errors, multibyte)
}

/// [`detect_by_bytes`] of bytes known to be valid UTF-8, without validating them again: a
/// byte order mark, or UTF-16 without one (valid UTF-8 may hold zero bytes, as ASCII text in
/// UTF-16 does), else UTF-8. Natively only, for the command line, which validates each file
/// once; placed after the code the page links, whose wasm keeps the line of each panic.
#[cfg(not(target_arch = "wasm32"))]
pub fn detect_utf8(bytes: &[u8]) -> Charset {
    match bom(bytes) {
        Some((charset, _)) => charset,
        None => utf16_without_bom(bytes).unwrap_or(Charset::Utf8),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_control_characters_of_binary_files_are_those_text_files_never_hold() {
        for b in 0..=u8::MAX {
            let listed = matches!(b, 0x00..=0x08 | 0x0E..=0x19 | 0x1C..=0x1F);
            assert_eq!(is_binary_byte(b), listed, "byte {b:#04x}");
        }
        // Tab, line feed, vertical tab, form feed, carriage return and the DOS end-of-file
        // mark stand in text files.
        assert!(!"\t\n\x0B\x0C\r\x1A".chars().any(is_binary_char));
        let mixed: Vec<u8> = (0..1000u32).map(|i| (i % 64) as u8).collect();
        assert_eq!(binary_bytes(&mixed), mixed.iter().filter(|&&b| is_binary_byte(b)).count());
    }

    #[test]
    fn byte_order_marks_decide() {
        assert_eq!(detect(b"\xEF\xBB\xBFabc", false), Charset::Utf8);
        assert_eq!(detect(b"\xFF\xFEa\0b\0", false), Charset::Utf16Le);
        assert_eq!(detect(b"\xFE\xFF\0a\0b", false), Charset::Utf16Be);
    }

    #[test]
    fn utf16_without_bom_is_recognised() {
        let le: Vec<u8> = "规章 12\n行政许可 3\n".encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = "规章 12\n行政许可 3\n".encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(detect(&le, false), Charset::Utf16Le);
        assert_eq!(detect(&be, false), Charset::Utf16Be);
        assert_eq!(decode_unicode(&le, Charset::Utf16Le).as_deref(), Some("规章 12\n行政许可 3\n"));
    }

    #[test]
    fn valid_utf8_wins_over_a_wrong_declaration() {
        let page = "<meta charset=\"gb2312\"><p>规章</p>".as_bytes();
        assert_eq!(detect(page, true), Charset::Utf8);
    }

    #[test]
    fn declarations_decide_between_legacy_charsets() {
        // "规章" in GBK is B9 E6 D5 C2.
        let gbk = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><p>\xB9\xE6\xD5\xC2</p>";
        assert_eq!(declared(gbk), Some(Charset::Gb18030));
        assert_eq!(detect(gbk, true), Charset::Gb18030);
        let big5 = b"<meta charset=big5><p>\xB3\x57\xB3\xB9</p>";
        assert_eq!(detect(big5, true), Charset::Big5);
        assert_eq!(detect(b"\xB9\xE6\xD5\xC2", false), Charset::Gb18030);
        // A page that says UTF-8 but is not: the bytes decide.
        assert_eq!(detect(b"<meta charset=utf-8>\xB9\xE6\xD5\xC2", true), Charset::Gb18030);
    }

    #[test]
    fn binary_is_not_text() {
        assert!(looks_like_text("规章\t12\x0C\n".as_bytes(), Charset::Utf8));
        assert!(!looks_like_text(b"\x01\x02\x03abc", Charset::Utf8));
        assert!(!looks_like_text(b"ab\0cd", Charset::Utf8));
        assert!(looks_like_text(b"\xB9\xE6\xD5\xC2", Charset::Gb18030));
        assert!(!looks_like_text(b"\xFF\xFF\xFF\xFF\xB9\xE6", Charset::Gb18030));
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn valid_utf8_is_detected_as_the_bytes_tell_without_validating_again() {
        let utf16le: Vec<u8> = "Rules 12\nLicences 3\n".encode_utf16().flat_map(u16::to_le_bytes).collect();
        let utf16be: Vec<u8> = "Rules 12\nLicences 3\n".encode_utf16().flat_map(u16::to_be_bytes).collect();
        let zeros_evenly = b"a\0\0b\0\0c\0\0d".to_vec();
        let cases: Vec<Vec<u8>> = vec![
            b"".to_vec(),
            b"a".to_vec(),
            "规章 12\n".as_bytes().to_vec(),
            "\u{FEFF}规章 12".as_bytes().to_vec(),
            "\u{FEFF}".as_bytes().to_vec(),
            "<meta charset=\"gb2312\"><p>规章</p>".as_bytes().to_vec(),
            utf16le,
            utf16be,
            zeros_evenly,
            b"\0\0\0\0".to_vec(),
            b"ab\0cd".to_vec(),
        ];
        for bytes in cases {
            assert!(std::str::from_utf8(&bytes).is_ok(), "{bytes:?} is valid UTF-8");
            assert_eq!(Some(detect_utf8(&bytes)), detect_by_bytes(&bytes), "{bytes:?}");
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn native_decoding() {
        assert_eq!(decode(b"\xB9\xE6\xD5\xC2", Charset::Gb18030), "规章");
        assert_eq!(decode("\u{FEFF}规章".as_bytes(), Charset::Utf8), "规章");
    }
}
