//! The shared middle of the HTML and .docx readers: the text, line breaks and tables read
//! from the markup, and their layout as the lines of fields of a [`Document`].
//!
//! The readers feed a [`Tree`] event by event (text, break, tab, table/row/cell open and
//! close); the tree keeps only what the layout needs: text pieces with their spans, where
//! lines break, and which cells form which rows of which tables. Inline markup (`<span>`,
//! `<font>`, `<o:p>`, `w:r`) leaves no trace, so deep inline nesting costs nothing; only
//! tables nest, and their depth is capped ([`MAX_TABLE_DEPTH`]), which bounds the recursion
//! of the layout.
//!
//! The layout follows what a browser's "copy" gives for the same page, which is what the
//! text parser already reads: a table row is a line of tab-delimited cells, each source cell
//! once (a cell spanning columns or rows is not repeated: the parser maps values by their
//! order in a row); a paragraph is a line whose fields are separated by runs of two or more
//! rendered spaces, as in PDF-layout text; a line break or a block boundary inside a cell is
//! a space.
//!
//! No rowspan/colspan grid is built: within a row, source order is left-to-right grid order,
//! cells covered by a span from another row or column are not in the source at all, and the
//! [`Document`] has no place for column positions (the parser maps values by order). Should it
//! ever need them, the grid can be computed here from the spans, in one pass over the cells.
//!
//! Layout tables: CMS pages wrap the article in tables, and a report's tables may sit inside
//! a cell of such a wrapper. A cell that holds a table, a heading or a list, or a lot of text,
//! is a container, not a value: its row is laid out as the text lines and tables inside its
//! cells, so the wrapper never swallows the report into one line.

use std::borrow::Cow;

use super::limits::{LONG_CELL_CHARS, MAX_TABLE_DEPTH};
use crate::model::Span;
use crate::parse::layout::{Document, Piece};

/// What the readers read, in document order.
#[derive(Debug, Default)]
pub struct Tree<'a> {
    root: Vec<Item<'a>>,
    tables: Vec<Table>,
    cells: Vec<Cell<'a>>,
    /// The tables open now, innermost last.
    open: Vec<OpenTable>,
    /// How many `<table>`s past [`MAX_TABLE_DEPTH`] are open: their structure is ignored and
    /// their rows and cells read as line breaks of the table around them.
    ignored_tables: u32,
    /// Whether any table was nested past [`MAX_TABLE_DEPTH`].
    too_deep: bool,
    /// Whether any text other than white space was read.
    has_text: bool,
}

/// One thing read, in a container (the document, or a cell).
#[derive(Debug)]
enum Item<'a> {
    /// Text. `collapse`: whether ASCII white space in it collapses, as in HTML outside
    /// `<pre>`; in a .docx every space is rendered.
    Text {
        piece: Piece<'a>,
        collapse: bool,
    },
    /// A line break or a block boundary, at the tag that made it.
    Break(Span),
    /// A tab (.docx `w:tab`): a field boundary in a paragraph.
    Tab(Span),
    Table(usize),
}

#[derive(Debug, Default)]
struct Table {
    rows: Vec<Vec<usize>>,
}

#[derive(Debug)]
struct Cell<'a> {
    items: Vec<Item<'a>>,
    /// Where the cell's content starts in the source: the position of an empty cell.
    at: usize,
    /// A cell that continues a vertical merge (.docx): laid out as nothing.
    skip: bool,
    /// Holds a table, a heading, a list or long text: laid out as lines, not as a field.
    container: bool,
    /// Characters of text other than white space, up to [`LONG_CELL_CHARS`].
    chars: usize,
}

#[derive(Debug)]
struct OpenTable {
    id: usize,
    /// The cell the table is in (`None`: the document).
    parent: Option<usize>,
    row_open: bool,
    cell: Option<usize>,
}

/// Where text goes now.
#[derive(Clone, Copy)]
enum Target {
    Root,
    Cell(usize),
    /// Inside a table but not in a cell: text there is shown before the table ("foster
    /// parented"); white space there is markup indentation and is dropped.
    Foster(Option<usize>),
}

impl<'a> Tree<'a> {
    /// Adds text.
    pub fn text(&mut self, piece: Piece<'a>, collapse: bool) {
        let target = match self.target() {
            Target::Foster(_) if piece.text.chars().all(char::is_whitespace) => return,
            Target::Foster(None) => Target::Root,
            Target::Foster(Some(cell)) => Target::Cell(cell),
            t => t,
        };
        self.has_text = self.has_text || !piece.text.chars().all(char::is_whitespace);
        if let Target::Cell(c) = target {
            let cell = &mut self.cells[c];
            if cell.chars < LONG_CELL_CHARS {
                cell.chars += piece.text.chars().filter(|c| !c.is_whitespace()).count();
                cell.container |= cell.chars >= LONG_CELL_CHARS;
            }
        }
        self.push(target, Item::Text { piece, collapse });
    }

    /// Adds a line break (`<br>`, a block boundary, `w:br`, a paragraph end).
    pub fn line_break(&mut self, at: Span) {
        let target = self.target();
        self.push(target, Item::Break(at));
    }

    /// Adds a tab (.docx).
    pub fn tab(&mut self, at: Span) {
        let target = self.target();
        self.push(target, Item::Tab(at));
    }

    /// Marks the cell being read as a container: it holds a heading or a list, which value
    /// cells never do.
    pub fn structure_inside(&mut self) {
        if let Target::Cell(c) = self.target() {
            self.cells[c].container = true;
        }
    }

    /// Opens a table. A table opened directly inside another (not in a cell) closes that
    /// one first, as in HTML; tables nested past [`MAX_TABLE_DEPTH`] are read as text.
    pub fn open_table(&mut self, at: Span) {
        if self.ignored_tables > 0 || self.open.len() >= MAX_TABLE_DEPTH {
            self.too_deep = true;
            self.ignored_tables += 1;
            self.line_break(at);
            return;
        }
        if self.open.last().is_some_and(|t| t.cell.is_none()) {
            self.open.pop();
        }
        let parent = match self.target() {
            Target::Cell(c) => Some(c),
            Target::Root => None,
            Target::Foster(p) => p,
        };
        let id = self.tables.len();
        self.tables.push(Table::default());
        match parent {
            Some(c) => {
                self.cells[c].container = true;
                self.cells[c].items.push(Item::Table(id));
            }
            None => self.root.push(Item::Table(id)),
        }
        self.open.push(OpenTable { id, parent, row_open: false, cell: None });
    }

    /// Closes the innermost open table (a stray close is ignored).
    pub fn close_table(&mut self, at: Span) {
        if self.ignored_tables > 0 {
            self.ignored_tables -= 1;
            self.line_break(at);
            return;
        }
        self.open.pop();
    }

    /// Starts a row of the innermost table (outside tables: a line break).
    pub fn open_row(&mut self, at: Span) {
        if self.ignored_tables > 0 || self.open.is_empty() {
            self.line_break(at);
            return;
        }
        if let Some(t) = self.open.last_mut() {
            t.cell = None;
            t.row_open = true;
            self.tables[t.id].rows.push(Vec::new());
        }
    }

    /// Ends the row being read, if any.
    pub fn close_row(&mut self, at: Span) {
        if self.ignored_tables > 0 {
            self.line_break(at);
            return;
        }
        if let Some(t) = self.open.last_mut() {
            t.cell = None;
            t.row_open = false;
        }
    }

    /// Starts a cell whose content starts at byte `content_at` (outside tables: a break).
    pub fn open_cell(&mut self, at: Span, content_at: usize) {
        if self.ignored_tables > 0 || self.open.is_empty() {
            self.line_break(at);
            return;
        }
        if self.open.last().is_some_and(|t| !t.row_open) {
            self.open_row(at);
        }
        let id = self.cells.len();
        self.cells.push(Cell { items: Vec::new(), at: content_at, skip: false, container: false, chars: 0 });
        if let Some(t) = self.open.last_mut() {
            t.cell = Some(id);
            if let Some(row) = self.tables[t.id].rows.last_mut() {
                row.push(id);
            }
        }
    }

    /// Ends the cell being read, if any.
    pub fn close_cell(&mut self, at: Span) {
        if self.ignored_tables > 0 {
            self.line_break(at);
            return;
        }
        if let Some(t) = self.open.last_mut() {
            t.cell = None;
        }
    }

    /// Marks the cell being read as the continuation of a vertical merge: it is laid out as
    /// nothing, as HTML leaves out the cells a rowspan covers.
    pub fn skip_cell(&mut self) {
        if let Some(c) = self.open.last().and_then(|t| t.cell) {
            self.cells[c].skip = true;
        }
    }

    /// Whether a table was nested past [`MAX_TABLE_DEPTH`] (and read as text).
    pub fn too_deep(&self) -> bool {
        self.too_deep
    }

    /// Whether any text other than white space (`&nbsp;` included) was read.
    pub fn has_text(&self) -> bool {
        self.has_text
    }

    /// Lays the tree out as lines of fields, after `first` (the HTML `<title>`, if any).
    pub fn layout(mut self, first: Vec<Piece<'a>>, doc: &mut Document<'a>) {
        let mut line = Line::default();
        for piece in first {
            line.items.push(Item::Text { piece, collapse: true });
        }
        line.flush(doc);
        let root = std::mem::take(&mut self.root);
        self.lay_out_items(root, &mut line, doc);
        line.flush(doc);
    }

    fn target(&self) -> Target {
        match self.open.last() {
            None => Target::Root,
            Some(OpenTable { cell: Some(c), .. }) => Target::Cell(*c),
            Some(t) => Target::Foster(t.parent),
        }
    }

    fn push(&mut self, target: Target, item: Item<'a>) {
        match target {
            Target::Root => self.root.push(item),
            Target::Cell(c) => self.cells[c].items.push(item),
            // Breaks between table tags say nothing.
            Target::Foster(_) => {}
        }
    }

    /// Lays out the items of a container. Recursion: container → table → container, at most
    /// [`MAX_TABLE_DEPTH`] tables deep.
    fn lay_out_items(&mut self, items: Vec<Item<'a>>, line: &mut Line<'a>, doc: &mut Document<'a>) {
        for item in items {
            match item {
                Item::Break(_) => line.flush(doc),
                Item::Table(id) => {
                    line.flush(doc);
                    self.lay_out_table(id, doc);
                }
                item => line.items.push(item),
            }
        }
    }

    fn lay_out_table(&mut self, id: usize, doc: &mut Document<'a>) {
        let rows = std::mem::take(&mut self.tables[id].rows);
        for row in rows {
            let cells: Vec<usize> = row.into_iter().filter(|&c| !self.cells[c].skip).collect();
            if cells.is_empty() {
                continue;
            }
            if cells.iter().any(|&c| self.cells[c].container) {
                for c in cells {
                    let items = std::mem::take(&mut self.cells[c].items);
                    let mut line = Line::default();
                    self.lay_out_items(items, &mut line, doc);
                    line.flush(doc);
                }
                continue;
            }
            doc.begin_line(true);
            for c in cells {
                let at = self.cells[c].at;
                let items = std::mem::take(&mut self.cells[c].items);
                doc.push_field(cell_pieces(items, at));
            }
        }
    }
}

/// The pieces of a value cell: its text, with breaks and tabs as spaces, trimmed; an empty
/// cell is one empty piece at its position.
fn cell_pieces<'a>(items: Vec<Item<'a>>, at: usize) -> Vec<Piece<'a>> {
    let mut pieces: Vec<Piece<'a>> = Vec::with_capacity(items.len());
    for item in items {
        match item {
            Item::Text { piece, .. } => pieces.push(piece),
            Item::Break(span) | Item::Tab(span) => {
                if pieces.last().is_some_and(|p| !p.text.chars().all(char::is_whitespace)) {
                    pieces.push(Piece { text: Cow::Borrowed(" "), span, verbatim: false });
                }
            }
            // Cells with tables are containers, never laid out as a field.
            Item::Table(_) => {}
        }
    }
    let blank = |p: &Piece<'_>| p.text.chars().all(char::is_whitespace);
    let end = pieces.iter().rposition(|p| !blank(p)).map_or(0, |i| i + 1);
    pieces.truncate(end);
    let start = pieces.iter().position(|p| !blank(p)).unwrap_or(pieces.len());
    pieces.drain(..start);
    if pieces.is_empty() {
        pieces.push(Piece { text: Cow::Borrowed(""), span: Span::new(at, at), verbatim: true });
    }
    pieces
}

/// The text line being gathered.
#[derive(Default)]
struct Line<'a> {
    items: Vec<Item<'a>>,
}

impl<'a> Line<'a> {
    /// Ends the line: a line with tabs is delimited at them; any other is split at runs of two
    /// or more rendered spaces. A line without text adds nothing.
    fn flush(&mut self, doc: &mut Document<'a>) {
        let items = std::mem::take(&mut self.items);
        let has_text = items.iter().any(|i| matches!(i, Item::Text { piece, .. } if !piece.text.chars().all(char::is_whitespace)));
        if !has_text {
            return;
        }
        if items.iter().any(|i| matches!(i, Item::Tab(_))) {
            doc.begin_line(true);
            let mut field = Vec::new();
            let mut last_tab_end = None;
            for item in items {
                match item {
                    // An empty field before a tab stands right before it.
                    Item::Tab(span) => {
                        doc.push_field(cell_pieces(std::mem::take(&mut field), span.start));
                        last_tab_end = Some(span.end);
                    }
                    item => field.push(item),
                }
            }
            let at = last_tab_end.unwrap_or(0);
            doc.push_field(cell_pieces(field, at));
            return;
        }
        let mut split = Splitter::default();
        for item in items {
            if let Item::Text { piece, collapse } = item {
                split.piece(piece, collapse);
            }
        }
        if !split.current.is_empty() {
            split.fields.push(split.current);
        }
        doc.begin_line(false);
        for field in split.fields {
            doc.push_field(field);
        }
    }
}

/// Splits a line's pieces into fields at runs of rendered white space at least two spaces
/// wide, as `Document::from_text` splits PDF-layout text: a run of collapsible white space
/// (HTML source spaces and newlines) renders as one space, `&nbsp;` as one, an ideographic
/// space as two.
#[derive(Default)]
struct Splitter<'a> {
    fields: Vec<Vec<Piece<'a>>>,
    current: Vec<Piece<'a>>,
    /// White space pieces since the last text, and their rendered width.
    spaces: Vec<Piece<'a>>,
    width: usize,
    /// Whether the last white space character was collapsible (the next one then adds nothing).
    last_collapsible: bool,
}

impl<'a> Splitter<'a> {
    fn piece(&mut self, piece: Piece<'a>, collapse: bool) {
        if !piece.verbatim {
            if piece.text.chars().all(char::is_whitespace) {
                let w = self.space_width(&piece.text, collapse);
                self.space(piece, w);
            } else {
                self.content(piece);
            }
            return;
        }
        // Cut a verbatim piece into runs of white space and of text.
        let text = piece.text.as_ref();
        let mut run_start = 0;
        let mut run_space = None;
        let mut cuts = Vec::new();
        for (i, c) in text.char_indices() {
            let space = c.is_whitespace();
            if run_space != Some(space) {
                if let Some(s) = run_space {
                    cuts.push((run_start, i, s));
                }
                run_start = i;
                run_space = Some(space);
            }
        }
        if let Some(s) = run_space {
            cuts.push((run_start, text.len(), s));
        }
        if cuts.len() == 1 {
            if cuts[0].2 {
                let w = self.space_width(text, collapse);
                self.space(piece, w);
            } else {
                self.content(piece);
            }
            return;
        }
        for (a, b, space) in cuts {
            let part = sub_piece(&piece, a, b);
            if space {
                let w = self.space_width(&part.text, collapse);
                self.space(part, w);
            } else {
                self.content(part);
            }
        }
    }

    fn space_width(&mut self, text: &str, collapse: bool) -> usize {
        let mut width = 0;
        for c in text.chars() {
            let ascii = matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0C');
            if ascii && collapse {
                if !self.last_collapsible {
                    width += 1;
                }
                self.last_collapsible = true;
                continue;
            }
            self.last_collapsible = false;
            width += match c {
                // A tab in preserved text (`<pre>`) separates columns as in a .txt.
                '\t' | '\u{3000}' => 2,
                _ => 1,
            };
        }
        width
    }

    fn space(&mut self, piece: Piece<'a>, width: usize) {
        self.spaces.push(piece);
        self.width += width;
    }

    fn content(&mut self, piece: Piece<'a>) {
        if self.width >= 2 && !self.current.is_empty() {
            self.fields.push(std::mem::take(&mut self.current));
            self.spaces.clear();
        } else if self.current.is_empty() {
            self.spaces.clear();
        } else {
            self.current.append(&mut self.spaces);
        }
        self.width = 0;
        self.last_collapsible = false;
        self.current.push(piece);
    }
}

/// Bytes `a..b` of a verbatim piece, as a piece (both are character boundaries).
fn sub_piece<'a>(piece: &Piece<'a>, a: usize, b: usize) -> Piece<'a> {
    let text = match &piece.text {
        Cow::Borrowed(s) => Cow::Borrowed(s.get(a..b).unwrap_or("")),
        Cow::Owned(s) => Cow::Owned(s.get(a..b).unwrap_or("").to_string()),
    };
    Piece { text, span: Span::new(piece.span.start + a, piece.span.start + b), verbatim: true }
}
