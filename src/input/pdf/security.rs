//! The standard security handler (ISO 32000-1 §7.6.3, ISO 32000-2 §7.6.4) with the empty
//! user password: government sites often publish reports that open without a password but
//! restrict copying. RC4 40–128 bit (V1, V2, V4 /V2), AES-128 (V4 /AESV2) and AES-256
//! (V5, R5 and R6). A file whose user password is not empty is refused
//! ([`PdfError::Password`]); other handlers (public-key) are refused as unsupported.

use super::PdfError;
use super::crypto::{Aes, md5, rc4, sha256, sha512};
use super::lexer::{Dict, Object};

/// The padding string of Algorithm 2: also the whole "password" when it is empty.
const PADDING: [u8; 32] = [
    0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E, 0x56, 0xFF, 0xFA, 0x01, 0x08, 0x2E, 0x2E, 0x00, 0xB6, 0xD0, 0x68,
    0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A,
];

/// How streams are encrypted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Method {
    None,
    Rc4,
    Aes128,
    Aes256,
}

/// The file key and the method, ready to decrypt streams.
#[derive(Clone, Debug)]
pub struct Decryptor {
    key: Vec<u8>,
    streams: Method,
}

impl Decryptor {
    /// Opens the standard security handler of `encrypt` with the empty user password.
    /// `id` is the first element of the trailer's `/ID`.
    pub fn new(encrypt: &Dict, id: &[u8]) -> Result<Decryptor, PdfError> {
        if encrypt.name(b"Filter").is_some_and(|f| f != b"Standard") {
            return Err(PdfError::EncryptionUnsupported);
        }
        let v = encrypt.int(b"V").unwrap_or(0);
        let r = encrypt.int(b"R").unwrap_or(2);
        let o = bytes(encrypt, b"O");
        let u = bytes(encrypt, b"U");
        let p = encrypt.int(b"P").unwrap_or(0) as i32;
        let encrypt_metadata = !matches!(encrypt.get(b"EncryptMetadata"), Some(Object::Bool(false)));
        let streams = match v {
            1 | 2 => Method::Rc4,
            4 => crypt_filter_method(encrypt, b"StmF"),
            5 => match crypt_filter_method(encrypt, b"StmF") {
                Method::None => Method::None,
                _ => Method::Aes256,
            },
            _ => return Err(PdfError::EncryptionUnsupported),
        };
        if v == 5 {
            let key = aes256_key(r, &u, &bytes(encrypt, b"UE")).ok_or(PdfError::Password)?;
            return Ok(Decryptor { key, streams });
        }
        let length = match v {
            1 => 5,
            _ => (encrypt.int(b"Length").unwrap_or(40).clamp(40, 128) / 8) as usize,
        };
        if o.len() < 32 || u.len() < 16 {
            return Err(PdfError::Corrupt);
        }
        let key = rc4_file_key(r, length, &o[..32], p, id, encrypt_metadata);
        if !user_password_is_empty(r, &key, &u, id) {
            return Err(PdfError::Password);
        }
        Ok(Decryptor { key, streams })
    }

    /// Decrypts the data of stream `num gen`.
    pub fn stream(&self, num: u32, generation: u16, data: &[u8]) -> Vec<u8> {
        match self.streams {
            Method::None => data.to_vec(),
            Method::Rc4 => rc4(&self.object_key(num, generation, false), data),
            Method::Aes128 => aes_cbc(&self.object_key(num, generation, true), data),
            Method::Aes256 => aes_cbc(&self.key, data),
        }
    }

    /// Algorithm 1: the key of one object.
    fn object_key(&self, num: u32, generation: u16, aes: bool) -> Vec<u8> {
        let n = num.to_le_bytes();
        let g = generation.to_le_bytes();
        let salt: &[u8] = if aes { b"sAlT" } else { b"" };
        let hash = md5(&[&self.key, &n[..3], &g, salt]);
        hash[..(self.key.len() + 5).min(16)].to_vec()
    }
}

/// The method of the crypt filter named by `/StmF` (V4 and V5).
fn crypt_filter_method(encrypt: &Dict, which: &[u8]) -> Method {
    let Some(name) = encrypt.name(which) else {
        return Method::None;
    };
    if name == b"Identity" {
        return Method::None;
    }
    let filter = encrypt.get(b"CF").and_then(Object::as_dict).and_then(|cf| cf.get(name)).and_then(Object::as_dict);
    match filter.and_then(|f| f.name(b"CFM")) {
        Some(b"V2") => Method::Rc4,
        Some(b"AESV2") => Method::Aes128,
        Some(b"AESV3") => Method::Aes256,
        Some(b"None") | None => Method::None,
        Some(_) => Method::Aes128,
    }
}

fn bytes(dict: &Dict, key: &[u8]) -> Vec<u8> {
    dict.get(key).and_then(Object::as_str).map(<[u8]>::to_vec).unwrap_or_default()
}

/// Algorithm 2 with the empty password.
fn rc4_file_key(r: i64, length: usize, o: &[u8], p: i32, id: &[u8], encrypt_metadata: bool) -> Vec<u8> {
    let p = p.to_le_bytes();
    let no_metadata: &[u8] = if r >= 4 && !encrypt_metadata { &[0xFF; 4] } else { &[] };
    let mut hash = md5(&[&PADDING, o, &p, id, no_metadata]);
    if r >= 3 {
        for _ in 0..50 {
            hash = md5(&[&hash[..length]]);
        }
    }
    hash[..length].to_vec()
}

/// Algorithms 4–6: whether `key` (from the empty password) reproduces `/U`.
fn user_password_is_empty(r: i64, key: &[u8], u: &[u8], id: &[u8]) -> bool {
    if r == 2 {
        return rc4(key, &PADDING).as_slice() == &u[..32.min(u.len())];
    }
    let mut value = rc4(key, &md5(&[&PADDING, id]));
    for i in 1..=19u8 {
        let round_key: Vec<u8> = key.iter().map(|k| k ^ i).collect();
        value = rc4(&round_key, &value);
    }
    value[..16] == u[..16]
}

/// Algorithm 2.A for the empty user password: checks `/U` and unwraps the file key from
/// `/UE`; `None` when the user password is not empty.
fn aes256_key(r: i64, u: &[u8], ue: &[u8]) -> Option<Vec<u8>> {
    if u.len() < 48 || ue.len() < 32 {
        return None;
    }
    let (hash, validation_salt, key_salt) = (&u[..32], &u[32..40], &u[40..48]);
    let check = if r >= 6 { hash_2b(b"", validation_salt, b"") } else { sha256(&[validation_salt]).to_vec() };
    if check != hash {
        return None;
    }
    let intermediate = if r >= 6 { hash_2b(b"", key_salt, b"") } else { sha256(&[key_salt]).to_vec() };
    Some(Aes::new(&intermediate).decrypt_cbc(&[0; 16], &ue[..32]))
}

/// Algorithm 2.B (ISO 32000-2): the hash of R6.
fn hash_2b(password: &[u8], salt: &[u8], user: &[u8]) -> Vec<u8> {
    let mut k = sha256(&[password, salt, user]).to_vec();
    let mut round = 0usize;
    loop {
        let one: Vec<u8> = [password, &k, user].concat();
        let k1 = one.repeat(64);
        let mut iv = [0u8; 16];
        iv.copy_from_slice(&k[16..32]);
        let e = Aes::new(&k[..16]).encrypt_cbc(&iv, &k1);
        let sum: u32 = e[..16].iter().map(|&b| u32::from(b)).sum();
        k = match sum % 3 {
            0 => sha256(&[&e]).to_vec(),
            1 => sha512(&[&e], true),
            _ => sha512(&[&e], false),
        };
        round += 1;
        // At least 64 rounds, then until the last byte of E is at most round − 32; the
        // bound below is never reached by a real file and stops a hostile one.
        let last = usize::from(*e.last().unwrap_or(&0));
        if (round >= 64 && last + 32 <= round) || round > 4096 {
            break;
        }
    }
    k.truncate(32);
    k
}

/// AES-CBC with the IV in the first 16 bytes and PKCS#5 padding, as PDF writes it.
fn aes_cbc(key: &[u8], data: &[u8]) -> Vec<u8> {
    if data.len() < 16 {
        return Vec::new();
    }
    let mut iv = [0u8; 16];
    iv.copy_from_slice(&data[..16]);
    let mut out = Aes::new(key).decrypt_cbc(&iv, &data[16..]);
    if let Some(&pad) = out.last()
        && (1..=16).contains(&pad)
        && out.len() >= usize::from(pad)
    {
        out.truncate(out.len() - usize::from(pad));
    }
    out
}
