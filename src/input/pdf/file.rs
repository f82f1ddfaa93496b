//! The file structure: cross-reference tables and streams, incremental updates, object
//! streams, a rebuilt index for a damaged file; resolving references; decrypting and
//! decoding streams (ISO 32000-1 §7.5).
//!
//! A [`File`] is built once per round (see `pdf::Reader`) from the bytes and the streams
//! inflated so far. Whatever needs a stream that is not inflated yet stops with
//! [`Stop::Pending`] and records an inflate request; the callers gather as many requests
//! as they can before the round ends, so a file needs three or four rounds: its
//! cross-reference streams, its object streams, then the pages' content, fonts and forms.

use std::cell::Cell;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use super::PdfError;
use super::filters::{self, Filter, Predictor, TooLarge};
use super::lexer::{Dict, Lexer, Object, Token};
use super::limits::{PDF_MAX_OBJECTS, PDF_MAX_STREAM_BYTES, pdf_max_decoded};
use super::security::Decryptor;

/// Why a computation did not finish: a stream still to be inflated (the round goes on
/// with other work), or a fault that ends the reading.
#[derive(Debug)]
pub enum Stop {
    Pending,
    Fatal(PdfError),
}

impl From<PdfError> for Stop {
    fn from(e: PdfError) -> Stop {
        Stop::Fatal(e)
    }
}

pub type Step<T> = Result<T, Stop>;

/// A compressed stream the caller is asked to inflate (zlib, RFC 1950, as `FlateDecode`
/// is), stopping past `limit` bytes of output.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    pub key: u64,
    pub data: Vec<u8>,
    pub limit: usize,
}

/// What the caller's inflater returned for a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Inflated {
    /// The output; for damaged data, what came out before the damage.
    Data(Vec<u8>),
    /// The output passed the request's limit.
    TooLarge,
}

/// Where an object is.
#[derive(Clone, Copy, Debug)]
enum Location {
    Offset(usize),
    InStream(u32),
}

/// A stream: its dictionary and where its data lies in the file.
#[derive(Clone, Debug)]
pub struct Stream {
    pub num: u32,
    pub generation: u16,
    pub dict: Dict,
    start: usize,
    end: usize,
}

/// A resolved object: a plain object or a stream.
#[derive(Clone, Debug)]
pub enum Resolved {
    Object(Object),
    Stream(Stream),
}

impl Resolved {
    pub fn dict(&self) -> Option<&Dict> {
        match self {
            Resolved::Object(Object::Dict(d)) => Some(d),
            Resolved::Stream(s) => Some(&s.dict),
            _ => None,
        }
    }
}

pub struct File<'a> {
    data: &'a [u8],
    xref: HashMap<u32, Location>,
    pub trailer: Dict,
    decryptor: Option<Decryptor>,
    inflated: &'a HashMap<u64, Vec<u8>>,
    pub requests: Vec<Request>,
    requested: HashSet<u64>,
    objects: HashMap<u32, Rc<Resolved>>,
    object_streams: HashMap<u32, Rc<HashMap<u32, Object>>>,
    decoded: HashMap<usize, Rc<Vec<u8>>>,
    /// Bytes lexed for objects this round: bounded, so that no file can make the reader
    /// parse the same bytes again and again (thousands of objects pointing into one
    /// unclosed string).
    work: Cell<usize>,
}

impl<'a> File<'a> {
    pub fn new(data: &'a [u8], inflated: &'a HashMap<u64, Vec<u8>>) -> File<'a> {
        File {
            data,
            xref: HashMap::new(),
            trailer: Dict::default(),
            decryptor: None,
            inflated,
            requests: Vec::new(),
            requested: HashSet::new(),
            objects: HashMap::new(),
            object_streams: HashMap::new(),
            decoded: HashMap::new(),
            work: Cell::new(0),
        }
    }

    /// Reads the cross-reference information (rebuilding it by scanning when it is
    /// damaged) and opens the security handler.
    pub fn open(&mut self) -> Step<()> {
        let read = self.read_xref_chain();
        let usable = match read {
            Ok(()) => {
                self.open_security()?;
                self.root_is_usable()
            }
            Err(Stop::Pending) => return Err(Stop::Pending),
            Err(Stop::Fatal(PdfError::TooManyObjects)) => {
                return Err(Stop::Fatal(PdfError::TooManyObjects));
            }
            Err(Stop::Fatal(_)) => false,
        };
        if !usable {
            self.rebuild()?;
        }
        Ok(())
    }

    /// Sets up decryption from the trailer's `/Encrypt`, before any object stream is read
    /// (object streams are encrypted; cross-reference streams are not).
    fn open_security(&mut self) -> Step<()> {
        self.decryptor = None;
        let Some(encrypt) = self.trailer.get(b"Encrypt").cloned() else {
            return Ok(());
        };
        let encrypt = self.resolve(&encrypt)?;
        let Some(dict) = encrypt.dict() else {
            return Err(Stop::Fatal(PdfError::Corrupt));
        };
        let id = self.trailer.get(b"ID").and_then(Object::as_array).and_then(|a| a.first()).and_then(Object::as_str).unwrap_or(b"");
        self.decryptor = Some(Decryptor::new(dict, id)?);
        Ok(())
    }

    fn root_is_usable(&mut self) -> bool {
        let Some(root) = self.trailer.get(b"Root").cloned() else {
            return false;
        };
        match self.resolve(&root) {
            Ok(o) => o.dict().is_some_and(|d| d.get(b"Pages").is_some()),
            Err(_) => {
                // A root in an object stream not inflated yet counts as usable.
                !self.requests.is_empty()
            }
        }
    }

    // -----------------------------------------------------------------------------------
    // Cross-reference sections

    fn read_xref_chain(&mut self) -> Step<()> {
        let start = startxref(self.data).ok_or(Stop::Fatal(PdfError::Corrupt))?;
        let mut seen = HashSet::new();
        let mut next = Some(start);
        let mut pending = false;
        let mut first = true;
        while let Some(offset) = next.take() {
            if !seen.insert(offset) || seen.len() > 1000 {
                break;
            }
            let (trailer, result) = self.read_section(offset)?;
            pending |= matches!(result, Err(Stop::Pending));
            if first {
                self.trailer = trailer.clone();
                first = false;
            }
            // A hybrid file's table points at the cross-reference stream of the same
            // revision; its entries come before the older revisions'.
            if let Some(stm) = trailer.int(b"XRefStm").and_then(|o| usize::try_from(o).ok())
                && seen.insert(stm)
                && let Ok((_, r)) = self.read_section(stm)
            {
                pending |= matches!(r, Err(Stop::Pending));
            }
            next = trailer.int(b"Prev").and_then(|o| usize::try_from(o).ok());
        }
        if pending {
            return Err(Stop::Pending);
        }
        if self.xref.is_empty() {
            return Err(Stop::Fatal(PdfError::Corrupt));
        }
        Ok(())
    }

    /// One section at `offset`: a classic table with its trailer, or a cross-reference
    /// stream. Returns the trailer dictionary (readable even when the stream is not
    /// inflated yet) and whether the entries were read.
    fn read_section(&mut self, offset: usize) -> Step<(Dict, Step<()>)> {
        let mut lexer = Lexer::new(self.data, offset);
        lexer.skip_white();
        if self.data.get(lexer.pos..lexer.pos + 4) == Some(b"xref") {
            lexer.pos += 4;
            return Ok((self.read_table(&mut lexer)?, Ok(())));
        }
        // A cross-reference stream: "n g obj << … >> stream".
        let Some((_, stream)) = self.parse_indirect_at(offset) else {
            return Err(Stop::Fatal(PdfError::Corrupt));
        };
        let Resolved::Stream(stream) = stream else {
            return Err(Stop::Fatal(PdfError::Corrupt));
        };
        if stream.dict.name(b"Type") != Some(b"XRef") {
            return Err(Stop::Fatal(PdfError::Corrupt));
        }
        let dict = stream.dict.clone();
        let result = self.decode(&stream).and_then(|data| self.read_xref_stream(&dict, &data));
        Ok((dict, result))
    }

    fn read_table(&mut self, lexer: &mut Lexer<'a>) -> Step<Dict> {
        loop {
            let save = lexer.pos;
            match lexer.token() {
                Some(Token::Int(first)) => {
                    let Some(Token::Int(count)) = lexer.token() else {
                        return Err(Stop::Fatal(PdfError::Corrupt));
                    };
                    let (Ok(first), Ok(count)) = (u32::try_from(first), usize::try_from(count)) else {
                        return Err(Stop::Fatal(PdfError::Corrupt));
                    };
                    // Each entry takes 20 bytes; a count past the data is cut where it ends.
                    for i in 0..count.min(self.data.len() / 18 + 1) {
                        let (Some(Token::Int(offset)), Some(Token::Int(_)), Some(Token::Keyword(kind))) =
                            (lexer.token(), lexer.token(), lexer.token())
                        else {
                            break;
                        };
                        let num = first.saturating_add(i as u32);
                        if kind == b"n" && offset > 0 && !self.xref.contains_key(&num) {
                            self.add(num, Location::Offset(offset as usize))?;
                        } else if kind == b"f" && !self.xref.contains_key(&num) {
                            // A free entry in a newer revision hides the older object.
                            self.add(num, Location::Offset(usize::MAX))?;
                        }
                    }
                }
                Some(Token::Keyword(b"trailer")) => {
                    let trailer = lexer.object(true).and_then(|o| if let Object::Dict(d) = o { Some(d) } else { None });
                    return trailer.ok_or(Stop::Fatal(PdfError::Corrupt));
                }
                _ => {
                    lexer.pos = save;
                    return Err(Stop::Fatal(PdfError::Corrupt));
                }
            }
        }
    }

    fn read_xref_stream(&mut self, dict: &Dict, data: &[u8]) -> Step<()> {
        let widths: Vec<usize> =
            dict.get(b"W").and_then(Object::as_array).unwrap_or(&[]).iter().map(|w| w.as_int().unwrap_or(0).clamp(0, 8) as usize).collect();
        if widths.len() < 3 {
            return Err(Stop::Fatal(PdfError::Corrupt));
        }
        let row: usize = widths.iter().sum();
        if row == 0 {
            return Ok(());
        }
        let size = dict.int(b"Size").unwrap_or(0).max(0);
        let index: Vec<i64> = match dict.get(b"Index").and_then(Object::as_array) {
            Some(a) => a.iter().map(|o| o.as_int().unwrap_or(0)).collect(),
            None => vec![0, size],
        };
        let mut rows = data.chunks_exact(row);
        for pair in index.chunks_exact(2) {
            let (Ok(first), Ok(count)) = (u32::try_from(pair[0]), u64::try_from(pair[1])) else {
                continue;
            };
            for i in 0..count {
                let Some(entry) = rows.next() else {
                    return Ok(());
                };
                let field = |k: usize, default: u64| -> u64 {
                    let start: usize = widths[..k].iter().sum();
                    if widths[k] == 0 {
                        return default;
                    }
                    entry[start..start + widths[k]].iter().fold(0u64, |acc, &b| acc << 8 | u64::from(b))
                };
                let num = first.saturating_add(i as u32);
                if self.xref.contains_key(&num) {
                    continue;
                }
                match field(0, 1) {
                    0 => self.add(num, Location::Offset(usize::MAX))?,
                    1 => {
                        let offset = usize::try_from(field(1, 0)).unwrap_or(usize::MAX);
                        self.add(num, Location::Offset(offset))?;
                    }
                    2 => {
                        let stream = u32::try_from(field(1, 0)).unwrap_or(u32::MAX);
                        self.add(num, Location::InStream(stream))?;
                    }
                    _ => {}
                }
            }
        }
        Ok(())
    }

    fn add(&mut self, num: u32, location: Location) -> Step<()> {
        if self.xref.len() >= PDF_MAX_OBJECTS {
            return Err(Stop::Fatal(PdfError::TooManyObjects));
        }
        self.xref.insert(num, location);
        Ok(())
    }

    /// Rebuilds the index by scanning for "n g obj" (the last definition of a number wins,
    /// as in an incremental update), takes the trailer from the last `trailer` or
    /// cross-reference stream that names a root, or else finds the catalog; objects in
    /// object streams are indexed from the streams themselves.
    fn rebuild(&mut self) -> Step<()> {
        self.xref.clear();
        self.objects.clear();
        let data = self.data;
        let mut trailer: Option<Dict> = None;
        let mut object_streams = Vec::new();
        let mut catalog = None;
        let mut i = 0;
        while i < data.len() {
            let Some(found) = find(&data[i..], b"obj") else {
                break;
            };
            let at = i + found;
            i = at + 3;
            if let Some((num, start)) = object_header_before(data, at) {
                if self.xref.len() >= PDF_MAX_OBJECTS {
                    return Err(Stop::Fatal(PdfError::TooManyObjects));
                }
                self.xref.insert(num, Location::Offset(start));
                if let Some((_, resolved)) = self.parse_indirect_at(start) {
                    let dict = resolved.dict();
                    match dict.and_then(|d| d.name(b"Type")) {
                        Some(b"ObjStm") => object_streams.push(num),
                        Some(b"XRef") if dict.is_some_and(|d| d.get(b"Root").is_some()) => trailer = dict.cloned(),
                        Some(b"Catalog") => catalog = Some(num),
                        _ => {}
                    }
                }
            }
        }
        let mut at = 0;
        while let Some(found) = find(&data[at..], b"trailer") {
            let mut lexer = Lexer::new(data, at + found + 7);
            if let Some(Object::Dict(d)) = lexer.object(true)
                && d.get(b"Root").is_some()
            {
                trailer = Some(d);
            }
            at += found + 7;
        }
        self.trailer = trailer.unwrap_or_default();
        if self.trailer.get(b"Root").is_none()
            && let Some(num) = catalog
        {
            self.trailer.0.push((b"Root".to_vec(), Object::Ref(num, 0)));
        }
        self.open_security()?;
        self.index_object_streams(&object_streams)?;
        if self.trailer.get(b"Root").is_none() {
            // The catalog may be in an object stream.
            let found = self.object_streams.values().find_map(|objects| {
                objects.iter().find(|(_, o)| o.as_dict().is_some_and(|d| d.name(b"Type") == Some(b"Catalog"))).map(|(&n, _)| n)
            });
            let num = found.ok_or(Stop::Fatal(PdfError::Corrupt))?;
            self.trailer.0.push((b"Root".to_vec(), Object::Ref(num, 0)));
        }
        Ok(())
    }

    fn index_object_streams(&mut self, streams: &[u32]) -> Step<()> {
        let mut pending = false;
        for &stream in streams {
            match self.object_stream(stream) {
                Ok(objects) => {
                    for &num in objects.keys() {
                        if !matches!(self.xref.get(&num), Some(Location::Offset(_))) {
                            self.add(num, Location::InStream(stream))?;
                        }
                    }
                }
                Err(Stop::Pending) => pending = true,
                Err(Stop::Fatal(PdfError::TooManyObjects)) => {
                    return Err(Stop::Fatal(PdfError::TooManyObjects));
                }
                Err(Stop::Fatal(_)) => {}
            }
        }
        if pending { Err(Stop::Pending) } else { Ok(()) }
    }

    // -----------------------------------------------------------------------------------
    // Objects

    /// Follows references (a few hops: a reference to a reference) to an object or stream.
    pub fn resolve(&mut self, object: &Object) -> Step<Rc<Resolved>> {
        let mut current = object.clone();
        for _ in 0..8 {
            let Object::Ref(num, _) = current else {
                return Ok(Rc::new(Resolved::Object(current)));
            };
            let resolved = self.object(num)?;
            match &*resolved {
                Resolved::Object(Object::Ref(..)) => {
                    let Resolved::Object(o) = &*resolved else { unreachable!() };
                    current = o.clone();
                }
                _ => return Ok(resolved),
            }
        }
        Ok(Rc::new(Resolved::Object(Object::Null)))
    }

    /// Resolves to a plain object (a stream's dictionary for a stream).
    pub fn resolve_object(&mut self, object: &Object) -> Step<Object> {
        Ok(match &*self.resolve(object)? {
            Resolved::Object(o) => o.clone(),
            Resolved::Stream(s) => Object::Dict(s.dict.clone()),
        })
    }

    pub fn resolve_dict(&mut self, object: &Object) -> Step<Option<Dict>> {
        Ok(match self.resolve_object(object)? {
            Object::Dict(d) => Some(d),
            _ => None,
        })
    }

    /// Object `num`; a missing or unreadable object is null, as the standard says.
    pub fn object(&mut self, num: u32) -> Step<Rc<Resolved>> {
        if let Some(o) = self.objects.get(&num) {
            return Ok(o.clone());
        }
        let resolved = match self.xref.get(&num).copied() {
            Some(Location::Offset(offset)) => match self.parse_indirect_at(offset) {
                Some((n, r)) if n == num => r,
                _ => Resolved::Object(Object::Null),
            },
            Some(Location::InStream(stream)) => {
                let objects = self.object_stream(stream)?;
                Resolved::Object(objects.get(&num).cloned().unwrap_or(Object::Null))
            }
            None => Resolved::Object(Object::Null),
        };
        let resolved = Rc::new(resolved);
        self.objects.insert(num, resolved.clone());
        Ok(resolved)
    }

    /// The objects of object stream `num` (ISO 32000-1 §7.5.7).
    fn object_stream(&mut self, num: u32) -> Step<Rc<HashMap<u32, Object>>> {
        if let Some(o) = self.object_streams.get(&num) {
            return Ok(o.clone());
        }
        let Some(Location::Offset(offset)) = self.xref.get(&num).copied() else {
            return Err(Stop::Fatal(PdfError::Corrupt));
        };
        let Some((_, Resolved::Stream(stream))) = self.parse_indirect_at(offset) else {
            return Err(Stop::Fatal(PdfError::Corrupt));
        };
        let data = self.decode(&stream)?;
        let count = stream.dict.int(b"N").unwrap_or(0).clamp(0, data.len() as i64 / 2 + 1) as usize;
        let first = stream.dict.int(b"First").unwrap_or(0).clamp(0, data.len() as i64) as usize;
        let mut header = Lexer::new(&data[..first], 0);
        let mut objects = HashMap::new();
        for _ in 0..count {
            let (Some(Token::Int(n)), Some(Token::Int(off))) = (header.token(), header.token()) else {
                break;
            };
            let (Ok(n), Ok(off)) = (u32::try_from(n), usize::try_from(off)) else {
                continue;
            };
            let mut lexer = Lexer::new(&data, first.saturating_add(off));
            if let Some(object) = lexer.object(true) {
                objects.entry(n).or_insert(object);
            }
        }
        let objects = Rc::new(objects);
        self.object_streams.insert(num, objects.clone());
        Ok(objects)
    }

    /// Parses "num gen obj OBJECT [stream … endstream]" at `offset`.
    fn parse_indirect_at(&self, offset: usize) -> Option<(u32, Resolved)> {
        if self.work.get() > self.data.len().saturating_mul(8).saturating_add(64 << 20) {
            return None;
        }
        let mut lexer = Lexer::new(self.data, offset);
        let parsed = self.parse_indirect(&mut lexer);
        self.work.set(self.work.get() + lexer.pos.saturating_sub(offset) + 16);
        parsed
    }

    fn parse_indirect(&self, lexer: &mut Lexer<'a>) -> Option<(u32, Resolved)> {
        let (Some(Token::Int(num)), Some(Token::Int(generation)), Some(Token::Keyword(b"obj"))) =
            (lexer.token(), lexer.token(), lexer.token())
        else {
            return None;
        };
        let num = u32::try_from(num).ok()?;
        let generation = u16::try_from(generation).unwrap_or(0);
        let object = lexer.object(true).unwrap_or(Object::Null);
        let Object::Dict(dict) = object else {
            return Some((num, Resolved::Object(object)));
        };
        let after = lexer.pos;
        lexer.skip_white();
        if self.data.get(lexer.pos..lexer.pos + 6) != Some(b"stream") {
            lexer.pos = after;
            return Some((num, Resolved::Object(Object::Dict(dict))));
        }
        let mut start = lexer.pos + 6;
        if self.data.get(start) == Some(&b'\r') {
            start += 1;
        }
        if self.data.get(start) == Some(&b'\n') {
            start += 1;
        }
        let end = self.stream_end(&dict, start);
        Some((num, Resolved::Stream(Stream { num, generation, dict, start, end })))
    }

    /// Where a stream's data ends: at its direct `/Length` when `endstream` follows there,
    /// otherwise before the next `endstream` (an indirect or wrong length).
    fn stream_end(&self, dict: &Dict, start: usize) -> usize {
        if let Some(length) = dict.int(b"Length").and_then(|l| usize::try_from(l).ok())
            && let Some(end) = start.checked_add(length)
            && end <= self.data.len()
        {
            let mut lexer = Lexer::new(self.data, end);
            lexer.skip_white();
            if self.data[lexer.pos..].starts_with(b"endstream") {
                return end;
            }
        }
        let rest = &self.data[start.min(self.data.len())..];
        match find(rest, b"endstream") {
            Some(at) => {
                let mut end = start + at;
                if end > start && self.data[end - 1] == b'\n' {
                    end -= 1;
                }
                if end > start && self.data[end - 1] == b'\r' {
                    end -= 1;
                }
                end
            }
            None => self.data.len(),
        }
    }

    // -----------------------------------------------------------------------------------
    // Stream data

    /// A stream's data, decrypted and decoded through all its filters; image codecs are
    /// not decoded (`None`). Flate output comes from the caller (a request when missing).
    pub fn decode(&mut self, stream: &Stream) -> Step<Rc<Vec<u8>>> {
        if let Some(d) = self.decoded.get(&stream.start) {
            return Ok(d.clone());
        }
        let raw = &self.data[stream.start.min(self.data.len())..stream.end.min(self.data.len())];
        let is_xref = stream.dict.name(b"Type") == Some(b"XRef");
        let mut data = match &self.decryptor {
            Some(d) if !is_xref => d.stream(stream.num, stream.generation, raw),
            _ => raw.to_vec(),
        };
        let filters: Vec<Filter> = match stream.dict.get(b"Filter") {
            Some(Object::Name(n)) => vec![Filter::from_name(n)],
            Some(Object::Array(a)) => a.iter().filter_map(Object::as_name).map(Filter::from_name).collect(),
            _ => Vec::new(),
        };
        let parms: Vec<Option<Dict>> = match stream.dict.get(b"DecodeParms").or_else(|| stream.dict.get(b"DP")) {
            Some(Object::Array(a)) => a.iter().map(|o| o.as_dict().cloned()).collect(),
            Some(Object::Dict(d)) => vec![Some(d.clone())],
            _ => Vec::new(),
        };
        for (stage, filter) in filters.iter().enumerate().take(8) {
            let parm = parms.get(stage).cloned().flatten();
            let compressed = data.len();
            let limit = pdf_max_decoded(compressed);
            data = match filter {
                Filter::Flate => {
                    let key = (stream.start as u64) << 8 | stage as u64;
                    match self.inflated.get(&key) {
                        Some(out) => out.clone(),
                        None => {
                            if self.requested.insert(key) {
                                self.requests.push(Request { key, data, limit });
                            }
                            return Err(Stop::Pending);
                        }
                    }
                }
                Filter::Lzw => {
                    let early = parm.as_ref().and_then(|p| p.int(b"EarlyChange")).unwrap_or(1) != 0;
                    filters::lzw(&data, early, limit).map_err(too_large)?
                }
                Filter::AsciiHex => filters::ascii_hex(&data, limit).map_err(too_large)?,
                Filter::Ascii85 => filters::ascii85(&data, limit).map_err(too_large)?,
                Filter::RunLength => filters::run_length(&data, limit).map_err(too_large)?,
                // An image's data is never needed as text.
                Filter::Image => return Ok(Rc::new(Vec::new())),
                Filter::Unknown => data,
            };
            if matches!(filter, Filter::Flate | Filter::Lzw)
                && let Some(p) = parm
            {
                let get = |k: &[u8], d: i64| p.int(k).unwrap_or(d).clamp(0, 1 << 20) as usize;
                let predictor = Predictor {
                    predictor: p.int(b"Predictor").unwrap_or(1),
                    colors: get(b"Colors", 1),
                    bits: get(b"BitsPerComponent", 8),
                    columns: get(b"Columns", 1),
                };
                data = filters::unpredict(data, predictor);
            }
        }
        if data.len() > PDF_MAX_STREAM_BYTES {
            return Err(Stop::Fatal(PdfError::StreamTooLarge));
        }
        let data = Rc::new(data);
        self.decoded.insert(stream.start, data.clone());
        Ok(data)
    }
}

fn too_large(_: TooLarge) -> Stop {
    Stop::Fatal(PdfError::StreamTooLarge)
}

/// The offset after the last `startxref`.
fn startxref(data: &[u8]) -> Option<usize> {
    let tail_start = data.len().saturating_sub(4096);
    let at = rfind(&data[tail_start..], b"startxref")? + tail_start;
    let mut lexer = Lexer::new(data, at + 9);
    match lexer.token() {
        Some(Token::Int(o)) => usize::try_from(o).ok().filter(|&o| o < data.len()),
        _ => None,
    }
}

/// For an `obj` keyword at `at`, the object number and the offset of "num gen obj" when
/// they stand right before it.
fn object_header_before(data: &[u8], at: usize) -> Option<(u32, usize)> {
    if data.get(at + 3).is_some_and(|&b| b.is_ascii_alphanumeric()) {
        return None;
    }
    let mut i = at;
    let digits_back = |i: &mut usize| -> Option<(usize, usize)> {
        while *i > 0 && super::lexer::is_white(data[*i - 1]) {
            *i -= 1;
        }
        let end = *i;
        while *i > 0 && data[*i - 1].is_ascii_digit() && end - *i < 10 {
            *i -= 1;
        }
        (end > *i).then_some((*i, end))
    };
    digits_back(&mut i)?;
    let (num_start, num_end) = digits_back(&mut i)?;
    if num_start > 0 && data[num_start - 1].is_ascii_alphanumeric() {
        return None;
    }
    let num = std::str::from_utf8(&data[num_start..num_end]).ok()?.parse().ok()?;
    Some((num, num_start))
}

pub fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || haystack.len() < needle.len() {
        return None;
    }
    let first = needle[0];
    let mut i = 0;
    while i + needle.len() <= haystack.len() {
        match haystack[i..haystack.len() - needle.len() + 1].iter().position(|&b| b == first) {
            None => return None,
            Some(p) => {
                i += p;
                if &haystack[i..i + needle.len()] == needle {
                    return Some(i);
                }
                i += 1;
            }
        }
    }
    None
}

fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    (0..=haystack.len().checked_sub(needle.len())?).rev().find(|&i| &haystack[i..i + needle.len()] == needle)
}
