//! Every limit on what the readers accept, in one place. Each is far above what a real
//! annual report needs (the largest real report page seen is about 300 KB of HTML; a report
//! .docx is a few hundred KB) and far below what would stall a browser tab.

/// The largest file read at all, in bytes: a .docx with many pictures can be big, and only
/// its document XML is read.
pub const MAX_FILE_BYTES: usize = 50 * 1024 * 1024;

/// The largest text read (pasted text or HTML, a .txt or .html file, decoded), in bytes.
pub const MAX_TEXT_BYTES: usize = 20 * 1024 * 1024;

/// The largest `word/document.xml` inflated from a .docx, in bytes. Reading stops as soon
/// as inflating goes past it, so a zip bomb costs at most this much memory.
pub const MAX_DOCX_XML_BYTES: usize = 20 * 1024 * 1024;

/// The highest compression ratio (inflated ÷ compressed) accepted past
/// [`RATIO_FREE_BYTES`]. Word's XML compresses about 10:1; a zip bomb, 1000:1.
pub const MAX_COMPRESSION_RATIO: usize = 100;

/// Below this many inflated bytes the ratio is not checked: small, very regular parts can
/// compress far better than 100:1 and are harmless.
pub const RATIO_FREE_BYTES: usize = 1024 * 1024;

/// The most entries read from a zip's central directory.
pub const MAX_ZIP_ENTRIES: usize = 65_535;

/// How deeply tables may nest; deeper `<table>`s (and `w:tbl`s) are read as text of the
/// table around them. This bounds the reader's recursion, so absurd nesting cannot overflow
/// the stack; real pages nest layout tables a handful of levels deep. A file (or a paste
/// wrapped in `Loaded::new`) nesting deeper is refused (`ReadError::TablesTooDeep`).
pub const MAX_TABLE_DEPTH: usize = 32;

/// A cell with at least this many characters of text is a container (a layout table's
/// cell holding the article), not a value; the longest label of the official tables has
/// under 100 characters even with a provincial annotation.
pub const LONG_CELL_CHARS: usize = 300;

/// How many bytes at the start of an HTML file are searched for `<meta charset>`. The
/// WHATWG prescan reads 1024; Chinese government pages often put long comments or scripts
/// first, so more is read.
pub const CHARSET_PRESCAN_BYTES: usize = 16 * 1024;

// PDF (`input::pdf`). A published report is a few hundred KB with a few hundred objects,
// five to fifty pages, content streams of tens of KB.

/// The most objects a PDF's cross-reference information (or a scan of a damaged file) may
/// list.
pub const PDF_MAX_OBJECTS: usize = 500_000;

/// How deeply arrays and dictionaries may nest in a PDF object, and page-tree nodes in
/// the page tree: the parser's recursion stops there.
pub const PDF_MAX_DEPTH: usize = 64;

/// The largest stream decoded (inflated, or through any other filter), in bytes.
pub const PDF_MAX_STREAM_BYTES: usize = 32 * 1024 * 1024;

/// The most bytes inflated for one PDF in all.
pub const PDF_MAX_INFLATED_TOTAL: usize = 128 * 1024 * 1024;

/// The most pages read.
pub const PDF_MAX_PAGES: usize = 2_000;

/// The most content-stream operators run for one page, its Form XObjects included.
pub const PDF_MAX_OPERATORS_PER_PAGE: usize = 2_000_000;

/// The most characters shown in one PDF.
pub const PDF_MAX_GLYPHS: usize = 1_000_000;

/// The most times a font given directly in a resource dictionary (not as a reference, so
/// it cannot be loaded once and shared) is loaded in one PDF; past it such fonts show
/// nothing.
pub const PDF_MAX_DIRECT_FONT_LOADS: usize = 64;

/// The most Form XObjects run for one page (forms drawing forms ten times each, a few
/// levels deep, would otherwise multiply); a real page draws a few dozen.
pub const PDF_MAX_FORMS_PER_PAGE: usize = 10_000;

/// How deeply Form XObjects may run inside each other.
pub const PDF_MAX_FORM_DEPTH: usize = 12;

/// The most mappings read from all the CMaps of one PDF (a range maps each of its codes);
/// past it, maps read nothing more.
pub const PDF_MAX_CMAP_ENTRIES: usize = 1_000_000;

/// The most rounds of asking the caller to inflate streams (a file needs three or four).
pub const PDF_MAX_ROUNDS: usize = 12;

/// The most bytes a stream of `compressed` bytes may decode to: the stream limit, and
/// past [`RATIO_FREE_BYTES`] the [`MAX_COMPRESSION_RATIO`].
pub fn pdf_max_decoded(compressed: usize) -> usize {
    PDF_MAX_STREAM_BYTES.min(compressed.saturating_mul(MAX_COMPRESSION_RATIO).max(RATIO_FREE_BYTES))
}
