//! The content-stream interpreter (ISO 32000-1 §8–9): runs a page's operators and puts
//! down every shown character with its position, size and advance in the displayed page's
//! space (the page's `/Rotate` applied, y upwards). It tracks only what places text: the
//! CTM (`q`/`Q`/`cm`), the text state (`Tc Tw Tz TL Ts Tf`), the text matrices (`Tm Td TD
//! T* ' "`), strings and their adjustments (`Tj TJ`), and Form XObjects (`Do`), which run
//! with their own matrix and resources, nested at most [`PDF_MAX_FORM_DEPTH`] deep, never
//! into themselves, at most [`PDF_MAX_FORMS_PER_PAGE`] times a page. Images (`Do` of an
//! image, inline `BI … EI`) are only noted: a page with images and no text is a scan.
//! Every page has an operator budget
//! ([`PDF_MAX_OPERATORS_PER_PAGE`], forms included), so no content can run long.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use super::PdfError;
use super::file::{File, Resolved, Step, Stop};
use super::font::Font;
use super::lexer::{Dict, Lexer, Object, Token};
use super::limits::{
    PDF_MAX_CMAP_ENTRIES, PDF_MAX_DIRECT_FONT_LOADS, PDF_MAX_FORM_DEPTH, PDF_MAX_FORMS_PER_PAGE, PDF_MAX_GLYPHS, PDF_MAX_OPERATORS_PER_PAGE,
};
use super::pages::Page;

/// Which way a character's baseline runs on the displayed page, in quarter turns
/// clockwise from left-to-right: 0 →, 1 ↓, 2 ←, 3 ↑ (the nearest; slanted text rounds).
pub type Quarter = u8;

/// One shown character.
#[derive(Clone, Debug)]
pub struct Glyph {
    /// The origin on the displayed page (points, y upwards).
    pub x: f64,
    pub y: f64,
    /// The advance along the reading direction, in points.
    pub width: f64,
    /// The font size on the page, in points.
    pub size: f64,
    pub text: String,
    pub quarter: Quarter,
    /// Set in a vertical font (Identity-V): upright characters, advancing down the line.
    pub vertical: bool,
}

/// What a page holds.
#[derive(Debug, Default)]
pub struct PageContent {
    pub glyphs: Vec<Glyph>,
    /// Characters shown whose text no map gives (a subset font without `ToUnicode`).
    pub unmapped: usize,
    pub has_images: bool,
}

type Matrix = [f64; 6];

const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

fn multiply(m: &Matrix, n: &Matrix) -> Matrix {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

fn apply(m: &Matrix, x: f64, y: f64) -> (f64, f64) {
    (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
}

/// The interpreter of one document: fonts are loaded once and shared by its pages.
pub struct Interpreter {
    fonts: HashMap<u32, Rc<Font>>,
    /// Fonts given directly in a resource dictionary, loaded so far.
    direct_fonts: usize,
    /// What the document's CMaps may still map.
    cmap_budget: usize,
    /// Glyphs put down so far in the document.
    glyphs: usize,
}

impl Default for Interpreter {
    fn default() -> Interpreter {
        Interpreter { fonts: HashMap::new(), direct_fonts: 0, cmap_budget: PDF_MAX_CMAP_ENTRIES, glyphs: 0 }
    }
}

#[derive(Clone)]
struct TextState {
    char_spacing: f64,
    word_spacing: f64,
    scale: f64,
    leading: f64,
    rise: f64,
    size: f64,
    font: Option<Rc<Font>>,
}

#[derive(Clone)]
struct State {
    ctm: Matrix,
    text: TextState,
}

struct Run<'r, 'f, 'a> {
    file: &'r mut File<'a>,
    interpreter: &'f mut Interpreter,
    content: PageContent,
    state: State,
    stack: Vec<State>,
    tm: Matrix,
    tlm: Matrix,
    operators: usize,
    /// Form XObjects being run (their object numbers), to refuse running one inside itself.
    forms: Vec<u32>,
    /// Form XObjects run on this page so far.
    forms_run: usize,
}

impl Interpreter {
    /// Asks for everything a page needs (its content streams, the fonts' maps, the forms and
    /// their resources) and reports whether any of it is still pending, so that a page is
    /// run only once all of it is there.
    pub fn prefetch(&mut self, file: &mut File, page: &Page) -> Step<()> {
        let mut pending = false;
        for stream in content_streams(file, &page.dict)? {
            note(file.decode(&stream).map(drop), &mut pending)?;
        }
        self.prefetch_resources(file, &page.resources, 0, &mut HashSet::new(), &mut pending)?;
        if pending { Err(Stop::Pending) } else { Ok(()) }
    }

    /// Each form is visited once (`forms`), so that forms listing each other in their
    /// resources cannot multiply the walk.
    fn prefetch_resources(
        &mut self,
        file: &mut File,
        resources: &Dict,
        depth: usize,
        forms: &mut HashSet<u32>,
        pending: &mut bool,
    ) -> Step<()> {
        if depth > PDF_MAX_FORM_DEPTH {
            return Ok(());
        }
        if let Some(fonts) = resources.get(b"Font") {
            let fonts = match file.resolve_dict(fonts) {
                Ok(d) => d.unwrap_or_default(),
                Err(Stop::Pending) => {
                    *pending = true;
                    Dict::default()
                }
                Err(e) => return Err(e),
            };
            for (_, font) in &fonts.0 {
                note(self.font(file, font).map(drop), pending)?;
            }
        }
        if let Some(xobjects) = resources.get(b"XObject") {
            let xobjects = match file.resolve_dict(xobjects) {
                Ok(d) => d.unwrap_or_default(),
                Err(Stop::Pending) => {
                    *pending = true;
                    Dict::default()
                }
                Err(e) => return Err(e),
            };
            for (_, xobject) in &xobjects.0 {
                if let Object::Ref(num, _) = xobject
                    && !forms.insert(*num)
                {
                    continue;
                }
                let resolved = match file.resolve(xobject) {
                    Ok(r) => r,
                    Err(Stop::Pending) => {
                        *pending = true;
                        continue;
                    }
                    Err(e) => return Err(e),
                };
                if let Resolved::Stream(stream) = &*resolved
                    && stream.dict.name(b"Subtype") == Some(b"Form")
                {
                    note(file.decode(stream).map(drop), pending)?;
                    if let Some(inner) = stream.dict.get(b"Resources") {
                        let inner = match file.resolve_dict(inner) {
                            Ok(d) => d.unwrap_or_default(),
                            Err(Stop::Pending) => {
                                *pending = true;
                                Dict::default()
                            }
                            Err(e) => return Err(e),
                        };
                        self.prefetch_resources(file, &inner, depth + 1, forms, pending)?;
                    }
                }
            }
        }
        Ok(())
    }

    /// The font of a resource entry: loaded once per reference; a font given directly is
    /// loaded each time, at most `PDF_MAX_DIRECT_FONT_LOADS` times a document (`None`
    /// past that: its text is not shown).
    fn font(&mut self, file: &mut File, font: &Object) -> Step<Option<Rc<Font>>> {
        if let Object::Ref(num, _) = font
            && let Some(f) = self.fonts.get(num)
        {
            return Ok(Some(f.clone()));
        }
        if !matches!(font, Object::Ref(..)) {
            if self.direct_fonts >= PDF_MAX_DIRECT_FONT_LOADS {
                return Ok(None);
            }
            self.direct_fonts += 1;
        }
        let dict = file.resolve_dict(font)?.unwrap_or_default();
        let loaded = Rc::new(Font::load(file, &dict, &mut self.cmap_budget)?);
        if let Object::Ref(num, _) = font {
            self.fonts.insert(*num, loaded.clone());
        }
        Ok(Some(loaded))
    }

    /// Runs a page whose streams are all there (see [`Interpreter::prefetch`]).
    pub fn run(&mut self, file: &mut File, page: &Page) -> Step<PageContent> {
        let rotate = rotation(page);
        let mut run = Run {
            file,
            interpreter: self,
            content: PageContent::default(),
            state: State {
                ctm: rotate,
                text: TextState { char_spacing: 0.0, word_spacing: 0.0, scale: 1.0, leading: 0.0, rise: 0.0, size: 0.0, font: None },
            },
            stack: Vec::new(),
            tm: IDENTITY,
            tlm: IDENTITY,
            operators: 0,
            forms: Vec::new(),
            forms_run: 0,
        };
        for stream in content_streams(run.file, &page.dict)? {
            let data = run.file.decode(&stream)?;
            // Streams of one page are one content stream, split anywhere; each is read on
            // its own, which splits a token only in files no viewer shows right either.
            run.execute(&data, &page.resources, 0)?;
        }
        Ok(run.content)
    }
}

/// Looks at the entry `name` of the resource category `kind` (`/Font`, `/XObject`) through
/// `look`, without copying the category's dictionary (a page may select a font a million
/// times from a dictionary of thousands).
fn resource<T>(file: &mut File, resources: &Dict, kind: &[u8], name: &[u8], look: impl FnOnce(&Object) -> T) -> Step<Option<T>> {
    let Some(category) = resources.get(kind) else { return Ok(None) };
    Ok(match category {
        Object::Dict(d) => d.get(name).map(look),
        other => file.resolve(other)?.dict().and_then(|d| d.get(name)).map(look),
    })
}

/// Records a pending stream and goes on; other stops end the round.
fn note(step: Step<()>, pending: &mut bool) -> Step<()> {
    match step {
        Ok(()) => Ok(()),
        Err(Stop::Pending) => {
            *pending = true;
            Ok(())
        }
        Err(e) => Err(e),
    }
}

/// The page's `/Contents`: one stream or an array of them.
fn content_streams(file: &mut File, page: &Dict) -> Step<Vec<super::file::Stream>> {
    let Some(contents) = page.get(b"Contents") else {
        return Ok(Vec::new());
    };
    let items = match contents {
        Object::Array(a) => a.clone(),
        Object::Ref(..) => match &*file.resolve(contents)? {
            Resolved::Object(Object::Array(a)) => a.clone(),
            _ => vec![contents.clone()],
        },
        _ => Vec::new(),
    };
    let mut streams = Vec::new();
    for item in items.iter().take(10_000) {
        if let Resolved::Stream(s) = &*file.resolve(item)? {
            streams.push(s.clone());
        }
    }
    Ok(streams)
}

/// The matrix that turns default user space into the displayed page (rotated clockwise
/// by `/Rotate`, its lower left corner at the origin).
fn rotation(page: &Page) -> Matrix {
    let [x0, y0, x1, y1] = page.media_box;
    match page.rotate {
        90 => [0.0, -1.0, 1.0, 0.0, -y0, x1],
        180 => [-1.0, 0.0, 0.0, -1.0, x1, y1],
        270 => [0.0, 1.0, -1.0, 0.0, y1, -x0],
        _ => [1.0, 0.0, 0.0, 1.0, -x0, -y0],
    }
}

fn number(o: &Object) -> f64 {
    o.as_f64().unwrap_or(0.0)
}

impl Run<'_, '_, '_> {
    fn execute(&mut self, data: &[u8], resources: &Dict, depth: usize) -> Step<()> {
        let mut lexer = Lexer::new(data, 0);
        let mut operands: Vec<Object> = Vec::new();
        loop {
            let before = lexer.pos;
            if let Some(o) = lexer.object(false) {
                if operands.len() < 64 {
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
            self.operators += 1;
            if self.operators > PDF_MAX_OPERATORS_PER_PAGE {
                return Err(Stop::Fatal(PdfError::TooManyOperators));
            }
            self.operator(op, &operands, resources, depth, &mut lexer)?;
            operands.clear();
        }
        Ok(())
    }

    fn operator(&mut self, op: &[u8], args: &[Object], resources: &Dict, depth: usize, lexer: &mut Lexer) -> Step<()> {
        let n = |i: usize| args.get(i).map(number).unwrap_or(0.0);
        let last = |k: usize| -> f64 { if args.len() >= k { number(&args[args.len() - k]) } else { 0.0 } };
        match op {
            // Deeper saves than any real content are not kept; their `Q` restores less.
            b"q" if self.stack.len() < 256 => self.stack.push(self.state.clone()),
            b"Q" => {
                if let Some(s) = self.stack.pop() {
                    self.state = s;
                }
            }
            b"cm" if args.len() >= 6 => {
                let m = [last(6), last(5), last(4), last(3), last(2), last(1)];
                self.state.ctm = multiply(&m, &self.state.ctm);
            }
            b"BT" => {
                self.tm = IDENTITY;
                self.tlm = IDENTITY;
            }
            b"Tc" => self.state.text.char_spacing = last(1),
            b"Tw" => self.state.text.word_spacing = last(1),
            b"Tz" => self.state.text.scale = last(1) / 100.0,
            b"TL" => self.state.text.leading = last(1),
            b"Ts" => self.state.text.rise = last(1),
            b"Tf" => {
                self.state.text.size = last(1);
                let name = args.iter().rev().find_map(Object::as_name);
                self.state.text.font = match name {
                    Some(name) => self.load_font(resources, name)?,
                    None => None,
                };
            }
            b"Td" => self.move_line(last(2), last(1)),
            b"TD" => {
                self.state.text.leading = -last(1);
                self.move_line(last(2), last(1));
            }
            b"Tm" if args.len() >= 6 => {
                self.tlm = [last(6), last(5), last(4), last(3), last(2), last(1)];
                self.tm = self.tlm;
            }
            b"T*" => self.move_line(0.0, -self.state.text.leading),
            b"Tj" => {
                if let Some(s) = args.last().and_then(Object::as_str) {
                    self.show(s)?;
                }
            }
            b"'" => {
                self.move_line(0.0, -self.state.text.leading);
                if let Some(s) = args.last().and_then(Object::as_str) {
                    self.show(s)?;
                }
            }
            b"\"" => {
                if args.len() >= 3 {
                    self.state.text.word_spacing = n(args.len() - 3);
                    self.state.text.char_spacing = n(args.len() - 2);
                }
                self.move_line(0.0, -self.state.text.leading);
                if let Some(s) = args.last().and_then(Object::as_str) {
                    self.show(s)?;
                }
            }
            b"TJ" => {
                if let Some(items) = args.last().and_then(Object::as_array) {
                    for item in items {
                        match item {
                            Object::Str(s) => self.show(s)?,
                            other => {
                                if let Some(adjust) = other.as_f64() {
                                    self.adjust(adjust);
                                }
                            }
                        }
                    }
                }
            }
            b"Do" => {
                if let Some(name) = args.last().and_then(Object::as_name) {
                    self.xobject(resources, name, depth)?;
                }
            }
            b"BI" => {
                self.content.has_images = true;
                skip_inline_image(lexer);
            }
            _ => {}
        }
        Ok(())
    }

    fn load_font(&mut self, resources: &Dict, name: &[u8]) -> Step<Option<Rc<Font>>> {
        // A font given directly is copied out only while it may still be loaded: copying it
        // at every `Tf` would cost its size each time.
        let may_load_direct = self.interpreter.direct_fonts < PDF_MAX_DIRECT_FONT_LOADS;
        let font = resource(self.file, resources, b"Font", name, |o| match o {
            Object::Ref(..) => Some(o.clone()),
            _ if may_load_direct => Some(o.clone()),
            _ => None,
        })?;
        match font.flatten() {
            Some(font) => self.interpreter.font(self.file, &font),
            None => Ok(None),
        }
    }

    fn move_line(&mut self, tx: f64, ty: f64) {
        self.tlm = multiply(&[1.0, 0.0, 0.0, 1.0, tx, ty], &self.tlm);
        self.tm = self.tlm;
    }

    /// A `TJ` number: moves the next glyph back by thousandths of the font size.
    fn adjust(&mut self, amount: f64) {
        let t = &self.state.text;
        let vertical = t.font.as_ref().is_some_and(|f| f.vertical);
        let d = -amount / 1000.0 * t.size;
        let shift = if vertical { [1.0, 0.0, 0.0, 1.0, 0.0, d] } else { [1.0, 0.0, 0.0, 1.0, d * t.scale, 0.0] };
        self.tm = multiply(&shift, &self.tm);
    }

    fn show(&mut self, bytes: &[u8]) -> Step<()> {
        let Some(font) = self.state.text.font.clone() else {
            return Ok(());
        };
        let t = self.state.text.clone();
        for ch in font.chars(bytes) {
            let trm = multiply(&[t.size * t.scale, 0.0, 0.0, t.size, 0.0, t.rise], &multiply(&self.tm, &self.state.ctm));
            let (x, y) = apply(&trm, 0.0, 0.0);
            let spacing = t.char_spacing + if ch.is_space { t.word_spacing } else { 0.0 };
            let advance = if font.vertical {
                // Vertical writing moves down by the vertical advance (one em by default).
                let ty = -t.size + spacing;
                self.tm = multiply(&[1.0, 0.0, 0.0, 1.0, 0.0, ty], &self.tm);
                ty.abs()
            } else {
                let tx = (ch.width * t.size + spacing) * t.scale;
                self.tm = multiply(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &self.tm);
                tx
            };
            let Some(text) = ch.text else {
                self.content.unmapped += 1;
                continue;
            };
            if text.chars().all(|c| c.is_whitespace() || c.is_control()) {
                continue;
            }
            let m = multiply(&self.tm, &self.state.ctm);
            let x_scale = (m[0] * m[0] + m[1] * m[1]).sqrt();
            let y_scale = (m[2] * m[2] + m[3] * m[3]).sqrt();
            let size = (t.size.abs() * y_scale * font.height).max(0.01);
            let (dx, dy) = if x_scale > 0.0 { (m[0] / x_scale, m[1] / x_scale) } else { (1.0, 0.0) };
            let quarter = if dx.abs() >= dy.abs() {
                if dx >= 0.0 { 0 } else { 2 }
            } else if dy < 0.0 {
                1
            } else {
                3
            };
            let width = if font.vertical { advance * y_scale } else { advance * x_scale };
            if !(x.is_finite() && y.is_finite() && width.is_finite() && size.is_finite()) {
                continue;
            }
            self.interpreter.glyphs += 1;
            if self.interpreter.glyphs > PDF_MAX_GLYPHS {
                return Err(Stop::Fatal(PdfError::TooManyOperators));
            }
            let text: String = text.chars().filter(|c| !c.is_control()).map(super::font::unify_radical).collect();
            self.content.glyphs.push(Glyph { x, y, width: width.abs(), size, text, quarter, vertical: font.vertical });
        }
        Ok(())
    }

    fn xobject(&mut self, resources: &Dict, name: &[u8], depth: usize) -> Step<()> {
        let Some(reference) = resource(self.file, resources, b"XObject", name, Object::clone)? else {
            return Ok(());
        };
        let resolved = self.file.resolve(&reference)?;
        let Resolved::Stream(stream) = &*resolved else {
            return Ok(());
        };
        match stream.dict.name(b"Subtype") {
            Some(b"Image") => self.content.has_images = true,
            Some(b"Form") => {
                let id = stream.num;
                if depth >= PDF_MAX_FORM_DEPTH || self.forms.contains(&id) {
                    return Ok(());
                }
                self.forms_run += 1;
                if self.forms_run > PDF_MAX_FORMS_PER_PAGE {
                    return Err(Stop::Fatal(PdfError::TooManyOperators));
                }
                let data = self.file.decode(stream)?;
                let inner = match stream.dict.get(b"Resources") {
                    Some(r) => self.file.resolve_dict(r)?.unwrap_or_else(|| resources.clone()),
                    None => resources.clone(),
                };
                let matrix = stream.dict.get(b"Matrix").and_then(Object::as_array).filter(|a| a.len() == 6).map(|a| {
                    let v: Vec<f64> = a.iter().map(number).collect();
                    [v[0], v[1], v[2], v[3], v[4], v[5]]
                });
                let saved = (self.state.clone(), self.tm, self.tlm, self.stack.len());
                self.state.ctm = multiply(&matrix.unwrap_or(IDENTITY), &self.state.ctm);
                self.forms.push(id);
                let result = self.execute(&data, &inner, depth + 1);
                self.forms.pop();
                self.state = saved.0;
                self.tm = saved.1;
                self.tlm = saved.2;
                self.stack.truncate(saved.3);
                result?;
            }
            _ => {}
        }
        Ok(())
    }
}

/// Skips an inline image: its dictionary up to `ID`, then its data up to an `EI` that
/// stands alone (whitespace before, whitespace or the end after).
fn skip_inline_image(lexer: &mut Lexer) {
    loop {
        match lexer.token() {
            None => return,
            Some(Token::Keyword(b"ID")) => break,
            _ => {}
        }
    }
    let data = lexer.data;
    let mut i = lexer.pos + 1;
    while i + 2 <= data.len() {
        if &data[i..i + 2] == b"EI" && super::lexer::is_white(data[i - 1]) && data.get(i + 2).is_none_or(|&b| super::lexer::is_white(b)) {
            lexer.pos = i + 2;
            return;
        }
        i += 1;
    }
    lexer.pos = data.len();
}
