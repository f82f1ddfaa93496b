//! Reading a zip archive's directory and entries; inflating is plugged in.
//!
//! Written by hand rather than with the `zip` crate: a .docx needs only the central
//! directory and one deflated entry, the `zip` crate reads through `Read + Seek` and
//! inflates itself, so the browser could not hand the inflating to the platform's
//! `DecompressionStream`, and it would add its code to the wasm. Here the directory is
//! parsed in plain Rust (runs everywhere), and the compressed bytes of an entry go to an
//! [`Inflate`] implementation: [`NativeInflate`] (`miniz_oxide`) natively, the browser's own
//! in the app. Every offset and length read from the file is checked before use.

use super::limits::{MAX_COMPRESSION_RATIO, MAX_ZIP_ENTRIES, RATIO_FREE_BYTES};

/// A zip archive's entries, read from its central directory.
#[derive(Debug)]
pub struct Archive<'a> {
    data: &'a [u8],
    pub entries: Vec<Entry<'a>>,
}

/// One entry of the central directory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry<'a> {
    /// The name as stored (UTF-8 or CP437; the names looked for are ASCII).
    pub name: &'a [u8],
    /// 0: stored; 8: deflated; anything else is not supported.
    pub method: u16,
    pub encrypted: bool,
    pub crc32: u32,
    pub compressed_size: u64,
    /// The inflated size the directory states (checked after inflating).
    pub size: u64,
    local_offset: u64,
}

/// Why an archive or an entry cannot be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ZipError {
    /// Not a zip, or its directory or an entry is damaged.
    Corrupt,
    /// The entry is encrypted.
    Encrypted,
    /// The entry uses a compression method other than stored or deflate.
    UnsupportedMethod,
    /// The entry inflates past the limit, or past the highest compression ratio.
    TooLarge,
}

/// Inflates raw deflate data (zip method 8), stopping with [`ZipError::TooLarge`] as soon
/// as the output would pass `limit` bytes.
pub trait Inflate {
    fn inflate(&self, compressed: &[u8], limit: usize) -> Result<Vec<u8>, ZipError>;
}

/// The native inflater.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Clone, Copy, Debug, Default)]
pub struct NativeInflate;

#[cfg(not(target_arch = "wasm32"))]
impl Inflate for NativeInflate {
    fn inflate(&self, compressed: &[u8], limit: usize) -> Result<Vec<u8>, ZipError> {
        use miniz_oxide::inflate::{TINFLStatus, decompress_to_vec_with_limit};
        decompress_to_vec_with_limit(compressed, limit).map_err(|e| match e.status {
            TINFLStatus::HasMoreOutput => ZipError::TooLarge,
            _ => ZipError::Corrupt,
        })
    }
}

impl<'a> Archive<'a> {
    /// Reads the central directory (ZIP64 included). At most [`MAX_ZIP_ENTRIES`] entries are
    /// read.
    pub fn open(data: &'a [u8]) -> Result<Archive<'a>, ZipError> {
        let eocd = find_end_of_directory(data).ok_or(ZipError::Corrupt)?;
        let mut count = u64::from(le16(data, eocd + 10)?);
        let mut cd_size = u64::from(le32(data, eocd + 12)?);
        let mut cd_offset = u64::from(le32(data, eocd + 16)?);
        if count == 0xFFFF || cd_size == 0xFFFF_FFFF || cd_offset == 0xFFFF_FFFF {
            // ZIP64: the locator right before the end record points at the ZIP64 end record.
            let locator = eocd.checked_sub(20).ok_or(ZipError::Corrupt)?;
            if le32(data, locator)? != 0x0706_4B50 {
                return Err(ZipError::Corrupt);
            }
            let record = usize::try_from(le64(data, locator + 8)?).map_err(|_| ZipError::Corrupt)?;
            if le32(data, record)? != 0x0606_4B50 {
                return Err(ZipError::Corrupt);
            }
            count = le64(data, record + 32)?;
            cd_size = le64(data, record + 40)?;
            cd_offset = le64(data, record + 48)?;
        }
        let start = usize::try_from(cd_offset).map_err(|_| ZipError::Corrupt)?;
        let end = start.checked_add(usize::try_from(cd_size).map_err(|_| ZipError::Corrupt)?).ok_or(ZipError::Corrupt)?;
        if end > data.len() {
            return Err(ZipError::Corrupt);
        }
        let mut entries = Vec::new();
        let mut at = start;
        while (entries.len() as u64) < count && entries.len() < MAX_ZIP_ENTRIES && at < end {
            let (entry, next) = read_entry(data, at)?;
            entries.push(entry);
            at = next;
        }
        Ok(Archive { data, entries })
    }

    /// The entry named `name`.
    pub fn find(&self, name: &str) -> Option<&Entry<'a>> {
        self.entries.iter().find(|e| e.name == name.as_bytes())
    }

    /// Whether an entry named `name` exists (ASCII case-insensitive).
    pub fn has(&self, name: &str) -> bool {
        self.entries.iter().any(|e| e.name.eq_ignore_ascii_case(name.as_bytes()))
    }

    /// The compressed bytes of an entry, found through its local header.
    pub fn raw(&self, entry: &Entry<'a>) -> Result<&'a [u8], ZipError> {
        let at = usize::try_from(entry.local_offset).map_err(|_| ZipError::Corrupt)?;
        if le32(self.data, at)? != 0x0403_4B50 {
            return Err(ZipError::Corrupt);
        }
        let name_len = usize::from(le16(self.data, at + 26)?);
        let extra_len = usize::from(le16(self.data, at + 28)?);
        let start = at + 30 + name_len + extra_len;
        let len = usize::try_from(entry.compressed_size).map_err(|_| ZipError::Corrupt)?;
        let end = start.checked_add(len).ok_or(ZipError::Corrupt)?;
        self.data.get(start..end).ok_or(ZipError::Corrupt)
    }

    /// An entry's content: read, inflated with `inflater` and checked (see
    /// [`Entry::inflate`]).
    pub fn extract(&self, entry: &Entry<'a>, inflater: &dyn Inflate, limit: usize) -> Result<Vec<u8>, ZipError> {
        entry.inflate(self.raw(entry)?, inflater, limit)
    }
}

impl Entry<'_> {
    /// How many bytes the entry may inflate to, given the caller's `limit`: refused at once
    /// when encrypted, compressed with another method, or when the directory states more.
    pub fn inflate_limit(&self, limit: usize) -> Result<usize, ZipError> {
        if self.encrypted {
            return Err(ZipError::Encrypted);
        }
        if !matches!(self.method, 0 | 8) {
            return Err(ZipError::UnsupportedMethod);
        }
        if self.size > limit as u64 {
            return Err(ZipError::TooLarge);
        }
        let by_ratio = usize::try_from(self.compressed_size).unwrap_or(usize::MAX).saturating_mul(MAX_COMPRESSION_RATIO);
        // Nor past the size the directory states: an entry that inflates further lies about
        // itself, which is how zip bombs get past size checks.
        let stated = usize::try_from(self.size).unwrap_or(usize::MAX);
        Ok(limit.min(by_ratio.max(RATIO_FREE_BYTES)).min(stated))
    }

    /// Inflates the entry's compressed bytes `raw` with `inflater`, to at most `limit` bytes
    /// and no more than [`MAX_COMPRESSION_RATIO`] times its compressed size
    /// ([`ZipError::TooLarge`] past either), and checks the result against the size and
    /// CRC-32 the directory states. Inflating past the stated size stops there: the entry is
    /// [`ZipError::Corrupt`] (or lies about its size, as zip bombs do).
    pub fn inflate(&self, raw: &[u8], inflater: &dyn Inflate, limit: usize) -> Result<Vec<u8>, ZipError> {
        let cap = self.inflate_limit(limit)?;
        let data = match self.method {
            0 if raw.len() <= cap => raw.to_vec(),
            0 => return Err(self.past(cap)),
            _ => inflater.inflate(raw, cap).map_err(|e| if e == ZipError::TooLarge { self.past(cap) } else { e })?,
        };
        self.check(&data)?;
        Ok(data)
    }

    /// The error for content longer than `cap` (from [`Entry::inflate_limit`]): corrupt when
    /// the cap is the stated size, too large when it is the limit or the ratio.
    pub fn past(&self, cap: usize) -> ZipError {
        if cap as u64 == self.size { ZipError::Corrupt } else { ZipError::TooLarge }
    }

    /// Checks inflated content against the stated size and CRC-32.
    pub fn check(&self, data: &[u8]) -> Result<(), ZipError> {
        if data.len() as u64 != self.size || crc32(data) != self.crc32 {
            return Err(ZipError::Corrupt);
        }
        Ok(())
    }

    /// The entry's deflate data wrapped as a gzip stream (header, data, CRC-32, size), for
    /// browsers whose `DecompressionStream` has "gzip" but not "deflate-raw" (Chromium
    /// before 103).
    pub fn gzip(&self, raw: &[u8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(raw.len() + 18);
        out.extend_from_slice(&[0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF]);
        out.extend_from_slice(raw);
        out.extend_from_slice(&self.crc32.to_le_bytes());
        out.extend_from_slice(&(self.size as u32).to_le_bytes());
        out
    }
}

/// The CRC-32 (IEEE) of `data`, as zip stores it. Its table is made at each call (256 × 8
/// steps, about a microsecond, once per file) rather than kept as a constant: a constant is
/// 1 KB of data that does not compress, in the page's first load.
pub fn crc32(data: &[u8]) -> u32 {
    let table = crc_table();
    let mut crc = !0u32;
    for &b in data {
        crc = table[((crc ^ u32::from(b)) & 0xFF) as usize] ^ (crc >> 8);
    }
    !crc
}

fn crc_table() -> [u32; 256] {
    let mut table = [0u32; 256];
    for (i, entry) in table.iter_mut().enumerate() {
        let mut c = i as u32;
        for _ in 0..8 {
            c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
        }
        *entry = c;
    }
    table
}

/// The position of the end-of-central-directory record: searched backwards over the last
/// 64 KB (its comment may be up to 65,535 bytes long).
fn find_end_of_directory(data: &[u8]) -> Option<usize> {
    let last = data.len().checked_sub(22)?;
    let first = last.saturating_sub(0xFFFF);
    (first..=last).rev().find(|&i| data[i..i + 4] == [0x50, 0x4B, 0x05, 0x06])
}

/// Reads the central directory entry at `at`; returns it and where the next one starts.
fn read_entry(data: &[u8], at: usize) -> Result<(Entry<'_>, usize), ZipError> {
    if le32(data, at)? != 0x0201_4B50 {
        return Err(ZipError::Corrupt);
    }
    let flags = le16(data, at + 8)?;
    let method = le16(data, at + 10)?;
    let crc32 = le32(data, at + 16)?;
    let mut compressed_size = u64::from(le32(data, at + 20)?);
    let mut size = u64::from(le32(data, at + 24)?);
    let name_len = usize::from(le16(data, at + 28)?);
    let extra_len = usize::from(le16(data, at + 30)?);
    let comment_len = usize::from(le16(data, at + 32)?);
    let mut local_offset = u64::from(le32(data, at + 42)?);
    let name_start = at + 46;
    let name = data.get(name_start..name_start + name_len).ok_or(ZipError::Corrupt)?;
    let extra = data.get(name_start + name_len..name_start + name_len + extra_len).ok_or(ZipError::Corrupt)?;
    // The ZIP64 extra field holds, in this order, the fields whose 32-bit value is all ones.
    let mut i = 0;
    while i + 4 <= extra.len() {
        let id = le16(extra, i)?;
        let len = usize::from(le16(extra, i + 2)?);
        if id == 0x0001 {
            let mut k = i + 4;
            for field in [&mut size, &mut compressed_size, &mut local_offset] {
                if *field == 0xFFFF_FFFF {
                    *field = le64(extra, k)?;
                    k += 8;
                }
            }
        }
        i += 4 + len;
    }
    let entry = Entry { name, method, encrypted: flags & 1 != 0, crc32, compressed_size, size, local_offset };
    Ok((entry, name_start + name_len + extra_len + comment_len))
}

fn le16(data: &[u8], at: usize) -> Result<u16, ZipError> {
    let b = data.get(at..at.checked_add(2).ok_or(ZipError::Corrupt)?).ok_or(ZipError::Corrupt)?;
    Ok(u16::from_le_bytes([b[0], b[1]]))
}

fn le32(data: &[u8], at: usize) -> Result<u32, ZipError> {
    let b = data.get(at..at.checked_add(4).ok_or(ZipError::Corrupt)?).ok_or(ZipError::Corrupt)?;
    Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

fn le64(data: &[u8], at: usize) -> Result<u64, ZipError> {
    let b = data.get(at..at.checked_add(8).ok_or(ZipError::Corrupt)?).ok_or(ZipError::Corrupt)?;
    let mut bytes = [0u8; 8];
    bytes.copy_from_slice(b);
    Ok(u64::from_le_bytes(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_of_known_strings() {
        assert_eq!(crc32(b""), 0);
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn garbage_is_corrupt_not_a_panic() {
        assert_eq!(Archive::open(b"").unwrap_err(), ZipError::Corrupt);
        assert_eq!(Archive::open(b"PK\x05\x06").unwrap_err(), ZipError::Corrupt);
        let mut eocd = vec![0x50, 0x4B, 0x05, 0x06, 0, 0, 0, 0, 1, 0, 1, 0];
        eocd.extend_from_slice(&0xFFFF_FFF0u32.to_le_bytes());
        eocd.extend_from_slice(&0xFFFF_FFF0u32.to_le_bytes());
        eocd.extend_from_slice(&[0, 0]);
        assert_eq!(Archive::open(&eocd).unwrap_err(), ZipError::Corrupt);
    }
}
