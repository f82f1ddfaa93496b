//! CMap programs (ISO 32000-1 §9.7.5, §9.10.3; Adobe technical note #5014): the
//! `ToUnicode` maps that give each character code its text, and embedded encoding CMaps
//! (code → CID). Only the operators that carry mappings are read: codespace ranges,
//! `bfchar`/`bfrange` (with destination arrays) and `cidchar`/`cidrange`; `usecmap` of a
//! predefined map is not followed (a ToUnicode map is complete in practice).

use std::collections::HashMap;

use super::lexer::{Lexer, Object, Token};

/// A code of one to four bytes.
pub type Code = (u8, u32);

#[derive(Clone, Debug, Default)]
pub struct CMap {
    /// Codespace ranges: (bytes, low, high).
    pub codespace: Vec<(u8, u32, u32)>,
    /// Code → text (ToUnicode).
    pub unicode: HashMap<Code, String>,
    /// Code → CID (an encoding CMap).
    pub cid: HashMap<Code, u32>,
    /// Ranges of CIDs too large to expand: (bytes, low, high, first CID).
    pub cid_ranges: Vec<(u8, u32, u32, u32)>,
}

impl CMap {
    /// Reads a CMap, adding at most `budget` mappings (the document's budget, which this
    /// lowers: see `PDF_MAX_CMAP_ENTRIES`).
    pub fn parse(data: &[u8], budget: &mut usize) -> CMap {
        let mut cmap = CMap::default();
        let mut lexer = Lexer::new(data, 0);
        let mut entries = 0usize;
        let limit = *budget;
        let mut operands: Vec<Object> = Vec::new();
        while !lexer.at_end() {
            let before = lexer.pos;
            if let Some(o) = lexer.object(false) {
                // A block holds at most 100 entries by the specification; some writers put
                // more, and a hostile map cannot make the list grow past this.
                if operands.len() < 30_000 {
                    operands.push(o);
                }
                continue;
            }
            let Some(token) = lexer.token() else { break };
            if lexer.pos == before {
                lexer.pos += 1;
            }
            let Token::Keyword(op) = token else {
                operands.clear();
                continue;
            };
            match op {
                b"begincodespacerange" | b"beginbfchar" | b"beginbfrange" | b"begincidchar" | b"begincidrange" => operands.clear(),
                b"endcodespacerange" => {
                    for pair in operands.chunks_exact(2) {
                        if let (Some(lo), Some(hi)) = (pair[0].as_str(), pair[1].as_str())
                            && !lo.is_empty()
                            && lo.len() <= 4
                            && lo.len() == hi.len()
                        {
                            cmap.codespace.push((lo.len() as u8, be(lo), be(hi)));
                        }
                    }
                    operands.clear();
                }
                b"endbfchar" => {
                    for pair in operands.chunks_exact(2) {
                        if let Some(code) = pair[0].as_str().and_then(code_of)
                            && let Some(text) = destination(&pair[1])
                        {
                            entries += 1;
                            cmap.unicode.insert(code, text);
                        }
                    }
                    operands.clear();
                }
                b"endbfrange" => {
                    for triple in operands.chunks_exact(3) {
                        let (Some((len, lo)), Some((_, hi))) = (triple[0].as_str().and_then(code_of), triple[1].as_str().and_then(code_of))
                        else {
                            continue;
                        };
                        if hi < lo {
                            continue;
                        }
                        let count = (hi - lo).min(65_535) + 1;
                        if entries + count as usize > limit {
                            break;
                        }
                        entries += count as usize;
                        match &triple[2] {
                            Object::Array(items) => {
                                for (i, item) in items.iter().take(count as usize).enumerate() {
                                    if let Some(text) = destination(item) {
                                        cmap.unicode.insert((len, lo + i as u32), text);
                                    }
                                }
                            }
                            Object::Str(start) => {
                                let units = utf16_units(start);
                                let Some(&last) = units.last() else { continue };
                                for i in 0..count {
                                    let mut units = units.clone();
                                    let n = units.len();
                                    units[n - 1] = last.wrapping_add(i as u16);
                                    cmap.unicode.insert((len, lo + i), String::from_utf16_lossy(&units));
                                }
                            }
                            _ => {}
                        }
                    }
                    operands.clear();
                }
                b"endcidchar" => {
                    for pair in operands.chunks_exact(2) {
                        if let (Some(code), Some(cid)) = (pair[0].as_str().and_then(code_of), pair[1].as_int()) {
                            entries += 1;
                            cmap.cid.insert(code, cid.clamp(0, u32::MAX as i64) as u32);
                        }
                    }
                    operands.clear();
                }
                b"endcidrange" => {
                    for triple in operands.chunks_exact(3) {
                        if let (Some((len, lo)), Some((_, hi)), Some(cid)) =
                            (triple[0].as_str().and_then(code_of), triple[1].as_str().and_then(code_of), triple[2].as_int())
                            && hi >= lo
                        {
                            cmap.cid_ranges.push((len, lo, hi, cid.clamp(0, u32::MAX as i64) as u32));
                        }
                    }
                    operands.clear();
                }
                _ => operands.clear(),
            }
            if entries > limit {
                break;
            }
        }
        *budget = budget.saturating_sub(entries);
        cmap
    }

    /// Splits a string into codes by the codespace ranges; bytes that match no range are
    /// taken `default_len` at a time, as viewers do.
    pub fn codes(&self, bytes: &[u8], default_len: usize) -> Vec<Code> {
        let mut codes = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            let mut len = 0;
            for n in 1..=4usize {
                if i + n > bytes.len() {
                    break;
                }
                let v = be(&bytes[i..i + n]);
                if self.codespace.iter().any(|&(l, lo, hi)| usize::from(l) == n && within(v, lo, hi, n)) {
                    len = n;
                    break;
                }
            }
            if len == 0 {
                len = if self.codespace.is_empty() { default_len } else { self.shortest().unwrap_or(default_len) };
                len = len.clamp(1, bytes.len() - i);
            }
            codes.push((len as u8, be(&bytes[i..i + len])));
            i += len;
        }
        codes
    }

    fn shortest(&self) -> Option<usize> {
        self.codespace.iter().map(|&(l, _, _)| usize::from(l)).min()
    }

    pub fn cid_of(&self, code: Code) -> Option<u32> {
        if let Some(&cid) = self.cid.get(&code) {
            return Some(cid);
        }
        self.cid_ranges
            .iter()
            .find(|&&(l, lo, hi, _)| l == code.0 && (lo..=hi).contains(&code.1))
            .map(|&(_, lo, _, first)| first + (code.1 - lo))
    }

    /// The text of a code; mappings are usually written for the code's own length, but some
    /// writers use two-byte entries for one-byte codes, so the value alone is tried too.
    pub fn text(&self, code: Code) -> Option<&str> {
        self.unicode
            .get(&code)
            .or_else(|| (1..=4u8).filter(|&l| l != code.0).find_map(|l| self.unicode.get(&(l, code.1))))
            .map(String::as_str)
    }
}

/// Codespace ranges compare byte by byte (each byte of the code within the bytes of the
/// bounds), which for the usual ranges is the same as comparing the values.
fn within(v: u32, lo: u32, hi: u32, n: usize) -> bool {
    (0..n).all(|k| {
        let shift = 8 * (n - 1 - k);
        let (b, l, h) = ((v >> shift) & 0xFF, (lo >> shift) & 0xFF, (hi >> shift) & 0xFF);
        l <= b && b <= h
    })
}

fn be(bytes: &[u8]) -> u32 {
    bytes.iter().take(4).fold(0u32, |acc, &b| acc << 8 | u32::from(b))
}

fn code_of(bytes: &[u8]) -> Option<Code> {
    (!bytes.is_empty() && bytes.len() <= 4).then(|| (bytes.len() as u8, be(bytes)))
}

fn utf16_units(bytes: &[u8]) -> Vec<u16> {
    bytes.chunks(2).map(|c| if c.len() == 2 { u16::from_be_bytes([c[0], c[1]]) } else { u16::from(c[0]) }).collect()
}

/// A bfchar destination: UTF-16BE text, or (in old maps) a glyph name.
fn destination(object: &Object) -> Option<String> {
    match object {
        Object::Str(s) if !s.is_empty() => Some(String::from_utf16_lossy(&utf16_units(s))),
        Object::Name(n) => super::font::glyph_name_to_char(n).map(String::from),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_chars_ranges_and_arrays() {
        let mut budget = 1000;
        let cmap = CMap::parse(
            b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
              1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
              2 beginbfchar <0003> <0020> <0010> <D840DC00> endbfchar\n\
              2 beginbfrange <0020> <0022> <0030> <0100> <0101> [<5E74> <6708>] endbfrange\n\
              endcmap",
            &mut budget,
        );
        assert_eq!(budget, 1000 - 7);
        assert_eq!(cmap.text((2, 3)), Some(" "));
        assert_eq!(cmap.text((2, 0x10)), Some("\u{20000}"));
        assert_eq!(cmap.text((2, 0x21)), Some("1"));
        assert_eq!(cmap.text((2, 0x101)), Some("月"));
        assert_eq!(cmap.codes(&[0, 0x20, 0, 0x21, 7], 2), vec![(2, 0x20), (2, 0x21), (1, 7)]);
    }

    #[test]
    fn a_huge_range_is_cut_at_the_limit() {
        let mut budget = 1_000_000;
        let cmap = CMap::parse(b"1 beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange", &mut budget);
        assert!(cmap.unicode.len() <= 65_536);
        // Past the document's budget, a map reads nothing.
        let mut budget = 10;
        let cmap = CMap::parse(b"1 beginbfrange <0000> <FFFF> <0041> endbfrange", &mut budget);
        assert!(cmap.unicode.is_empty());
    }
}
