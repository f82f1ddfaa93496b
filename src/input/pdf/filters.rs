//! Stream filters other than inflating (ISO 32000-1 §7.4): ASCIIHexDecode, ASCII85Decode,
//! LZWDecode, RunLengthDecode, and the PNG/TIFF predictors that follow FlateDecode or LZW.
//! FlateDecode itself is the caller's (see the module documentation of `pdf`). Each decoder
//! stops at `limit` output bytes and returns [`TooLarge`] past it, so no stream can grow
//! without bound; damaged data ends a stream early instead of failing it, as viewers do.

/// The decoded data would pass its limit.
#[derive(Debug, PartialEq, Eq)]
pub struct TooLarge;

/// A filter a stream names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Filter {
    Flate,
    Lzw,
    AsciiHex,
    Ascii85,
    RunLength,
    /// Image codecs (DCT, JPX, JBIG2, CCITT): never decoded; such a stream is an image.
    Image,
    /// Crypt (identity only) and unknown names: data passes through.
    Unknown,
}

impl Filter {
    pub fn from_name(name: &[u8]) -> Filter {
        match name {
            b"FlateDecode" | b"Fl" => Filter::Flate,
            b"LZWDecode" | b"LZW" => Filter::Lzw,
            b"ASCIIHexDecode" | b"AHx" => Filter::AsciiHex,
            b"ASCII85Decode" | b"A85" => Filter::Ascii85,
            b"RunLengthDecode" | b"RL" => Filter::RunLength,
            b"DCTDecode" | b"DCT" | b"JPXDecode" | b"JBIG2Decode" | b"CCITTFaxDecode" | b"CCF" => Filter::Image,
            _ => Filter::Unknown,
        }
    }
}

/// The parameters of a predictor (`/DecodeParms`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Predictor {
    pub predictor: i64,
    pub colors: usize,
    pub bits: usize,
    pub columns: usize,
}

impl Default for Predictor {
    fn default() -> Predictor {
        Predictor { predictor: 1, colors: 1, bits: 8, columns: 1 }
    }
}

pub fn ascii_hex(data: &[u8], limit: usize) -> Result<Vec<u8>, TooLarge> {
    let mut out = Vec::with_capacity(data.len() / 2);
    let mut high: Option<u8> = None;
    for &b in data {
        if b == b'>' {
            break;
        }
        let v = match b {
            b'0'..=b'9' => b - b'0',
            b'a'..=b'f' => b - b'a' + 10,
            b'A'..=b'F' => b - b'A' + 10,
            _ => continue,
        };
        match high.take() {
            Some(h) => push(&mut out, h << 4 | v, limit)?,
            None => high = Some(v),
        }
    }
    if let Some(h) = high {
        push(&mut out, h << 4, limit)?;
    }
    Ok(out)
}

pub fn ascii85(data: &[u8], limit: usize) -> Result<Vec<u8>, TooLarge> {
    let mut out = Vec::with_capacity(data.len());
    let mut group = [0u8; 5];
    let mut n = 0;
    let data = data.strip_prefix(b"<~").unwrap_or(data);
    for &b in data {
        match b {
            b'~' => break,
            b'z' if n == 0 => {
                for _ in 0..4 {
                    push(&mut out, 0, limit)?;
                }
            }
            b'!'..=b'u' => {
                group[n] = b - b'!';
                n += 1;
                if n == 5 {
                    let v = group.iter().fold(0u64, |acc, &d| acc * 85 + u64::from(d));
                    for byte in (v as u32).to_be_bytes() {
                        push(&mut out, byte, limit)?;
                    }
                    n = 0;
                }
            }
            _ => {}
        }
    }
    if n > 1 {
        for slot in group.iter_mut().skip(n) {
            *slot = 84;
        }
        let v = group.iter().fold(0u64, |acc, &d| acc * 85 + u64::from(d));
        for &byte in &(v as u32).to_be_bytes()[..n - 1] {
            push(&mut out, byte, limit)?;
        }
    }
    Ok(out)
}

pub fn run_length(data: &[u8], limit: usize) -> Result<Vec<u8>, TooLarge> {
    let mut out = Vec::with_capacity(data.len());
    let mut i = 0;
    while let Some(&len) = data.get(i) {
        i += 1;
        match len {
            128 => break,
            0..=127 => {
                let n = usize::from(len) + 1;
                let end = (i + n).min(data.len());
                if out.len() + (end - i) > limit {
                    return Err(TooLarge);
                }
                out.extend_from_slice(&data[i..end]);
                i = end;
            }
            _ => {
                let Some(&b) = data.get(i) else { break };
                i += 1;
                for _ in 0..(257 - usize::from(len)) {
                    push(&mut out, b, limit)?;
                }
            }
        }
    }
    Ok(out)
}

/// LZWDecode with `early_change` (the default 1, as in TIFF).
pub fn lzw(data: &[u8], early_change: bool, limit: usize) -> Result<Vec<u8>, TooLarge> {
    const CLEAR: usize = 256;
    const EOD: usize = 257;
    let mut out = Vec::with_capacity(data.len() * 2);
    // The table as (prefix code, last byte, length); strings are rebuilt from the end.
    let mut table: Vec<(u16, u8, u32)> = Vec::with_capacity(4096);
    let reset = |table: &mut Vec<(u16, u8, u32)>| {
        table.clear();
        table.extend((0..256).map(|b| (u16::MAX, b as u8, 1)));
        table.push((0, 0, 0));
        table.push((0, 0, 0));
    };
    reset(&mut table);
    let mut width = 9;
    let mut previous: Option<usize> = None;
    let (mut buffer, mut bits) = (0u32, 0u32);
    let mut scratch = Vec::new();
    for &byte in data {
        buffer = buffer << 8 | u32::from(byte);
        bits += 8;
        while bits >= width {
            let code = ((buffer >> (bits - width)) & ((1 << width) - 1)) as usize;
            bits -= width;
            buffer &= (1 << bits) - 1;
            if code == CLEAR {
                reset(&mut table);
                width = 9;
                previous = None;
                continue;
            }
            if code == EOD {
                return Ok(out);
            }
            let entry = if code < table.len() {
                code
            } else if code == table.len() && previous.is_some() {
                // The KwKwK case: the string of the previous code plus its own first byte.
                usize::MAX
            } else {
                return Ok(out);
            };
            scratch.clear();
            if entry == usize::MAX {
                let p = previous.unwrap_or(0);
                string_of(&table, p, &mut scratch);
                let first = scratch[0];
                scratch.push(first);
            } else {
                string_of(&table, entry, &mut scratch);
            }
            if out.len() + scratch.len() > limit {
                return Err(TooLarge);
            }
            out.extend_from_slice(&scratch);
            if let Some(p) = previous
                && table.len() < 4096
            {
                let len = table[p].2 + 1;
                table.push((p as u16, scratch[0], len));
            }
            previous = Some(if entry == usize::MAX { table.len() - 1 } else { entry });
            let next = table.len() + usize::from(early_change);
            width = if next >= 2048 {
                12
            } else if next >= 1024 {
                11
            } else if next >= 512 {
                10
            } else {
                9
            };
        }
    }
    Ok(out)
}

fn string_of(table: &[(u16, u8, u32)], mut code: usize, out: &mut Vec<u8>) {
    let start = out.len();
    // Each entry's prefix is an earlier code, so this ends within the table's size.
    for _ in 0..4096 {
        let (prefix, byte, _) = table[code];
        out.push(byte);
        if prefix == u16::MAX || usize::from(prefix) >= table.len() {
            break;
        }
        code = usize::from(prefix);
    }
    out[start..].reverse();
}

/// Undoes a PNG (10–15) or TIFF (2) predictor; other values leave the data as it is.
pub fn unpredict(data: Vec<u8>, p: Predictor) -> Vec<u8> {
    let bpp = ((p.colors * p.bits).div_ceil(8)).max(1);
    let row = (p.colors * p.bits * p.columns).div_ceil(8);
    if row == 0 || row > 1 << 24 {
        return data;
    }
    match p.predictor {
        2 if p.bits == 8 => {
            let mut data = data;
            for line in data.chunks_mut(row) {
                for i in bpp..line.len() {
                    line[i] = line[i].wrapping_add(line[i - bpp]);
                }
            }
            data
        }
        10..=15 => {
            let mut out = Vec::with_capacity(data.len());
            let mut previous = vec![0u8; row];
            for chunk in data.chunks(row + 1) {
                let kind = chunk[0];
                let mut line = chunk[1..].to_vec();
                line.resize(row, 0);
                for i in 0..row {
                    let left = if i >= bpp { line[i - bpp] } else { 0 };
                    let up = previous[i];
                    let up_left = if i >= bpp { previous[i - bpp] } else { 0 };
                    line[i] = match kind {
                        1 => line[i].wrapping_add(left),
                        2 => line[i].wrapping_add(up),
                        3 => line[i].wrapping_add(((u16::from(left) + u16::from(up)) / 2) as u8),
                        4 => line[i].wrapping_add(paeth(left, up, up_left)),
                        _ => line[i],
                    };
                }
                out.extend_from_slice(&line[..chunk.len().saturating_sub(1).min(row)]);
                previous = line;
            }
            out
        }
        _ => data,
    }
}

fn paeth(a: u8, b: u8, c: u8) -> u8 {
    let p = i16::from(a) + i16::from(b) - i16::from(c);
    let (pa, pb, pc) = ((p - i16::from(a)).abs(), (p - i16::from(b)).abs(), (p - i16::from(c)).abs());
    if pa <= pb && pa <= pc {
        a
    } else if pb <= pc {
        b
    } else {
        c
    }
}

fn push(out: &mut Vec<u8>, b: u8, limit: usize) -> Result<(), TooLarge> {
    if out.len() >= limit {
        return Err(TooLarge);
    }
    out.push(b);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_filters() {
        assert_eq!(ascii_hex(b"48 65 6C6c6F7>", 100), Ok(b"Hellop".to_vec()));
        assert_eq!(ascii85(b"<~87cURD]i,\"Ebo80~>", 100), Ok(b"Hello World!".to_vec()));
        assert_eq!(ascii85(b"z~>", 100), Ok(vec![0; 4]));
        assert_eq!(run_length(&[2, b'a', b'b', b'c', 254, b'x', 128], 100), Ok(b"abcxxx".to_vec()));
        assert_eq!(run_length(&[129, b'x'], 10), Err(TooLarge));
    }

    #[test]
    fn lzw_example_of_the_standard() {
        // ISO 32000-1 §7.4.4.2: "-----A---B" encodes as 80 0B 60 50 22 0C 0C 85 01.
        let data = [0x80, 0x0B, 0x60, 0x50, 0x22, 0x0C, 0x0C, 0x85, 0x01];
        assert_eq!(lzw(&data, true, 100), Ok(b"-----A---B".to_vec()));
        assert_eq!(lzw(&data, true, 5), Err(TooLarge));
        // Garbage ends early, never panics.
        let _ = lzw(&[0xFF; 64], true, 1000);
        let _ = lzw(&[0x00, 0x40, 0xFF, 0xFF, 0xFF], false, 1000);
    }

    #[test]
    fn png_up_predictor() {
        let p = Predictor { predictor: 12, colors: 1, bits: 8, columns: 3 };
        let data = vec![2, 1, 2, 3, 2, 1, 1, 1];
        assert_eq!(unpredict(data, p), vec![1, 2, 3, 2, 3, 4]);
    }
}
