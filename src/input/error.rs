//! Why an input is not read, in one plain Chinese message each.

use std::fmt;

use super::Kind;
use super::limits::{MAX_DOCX_XML_BYTES, MAX_FILE_BYTES, MAX_TABLE_DEPTH, MAX_TEXT_BYTES};
#[cfg(not(target_arch = "wasm32"))]
use super::pdf::PdfError;

/// Why a file (or a paste) is not read: what it is, when it is a kind this tool does not
/// read, or which limit it passed. `Display` is the message the user sees: what was
/// received, what is supported, and what to do instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadError {
    Empty,
    /// A PDF where PDFs are not read (the browser, until it loads the PDF reader).
    Pdf,
    /// A PDF the reader refuses: a scan, a password, damage, a limit passed. Native only:
    /// the page is to read PDFs with the reader compiled into a module of its own, loaded
    /// when a PDF is opened, which words its refusals itself (`PdfError`'s `Display`), so
    /// the first page's wasm carries none of it.
    #[cfg(not(target_arch = "wasm32"))]
    PdfUnreadable(PdfError),
    /// An OFD file (the Chinese fixed-layout format).
    Ofd,
    /// An old binary Office file (OLE compound file).
    LegacyOffice(Legacy),
    /// A password-protected Office file (or an encrypted zip entry).
    Encrypted,
    /// A spreadsheet: .xlsx, .ods.
    Spreadsheet,
    /// A presentation: .pptx, .odp.
    Presentation,
    /// An OpenDocument text (.odt).
    OpenDocumentText,
    Image(Image),
    /// An archive other than a document.
    Archive(Archive),
    /// A single-file web archive (.mht, .mhtml).
    WebArchive,
    Rtf,
    /// Not text and no known document format.
    Binary,
    FileTooLarge {
        bytes: usize,
    },
    TextTooLarge {
        bytes: usize,
    },
    /// A .docx whose zip or document part is damaged, or that has no document part.
    DocxCorrupt,
    /// A .docx whose document inflates past the limit or the compression ratio (a zip bomb).
    DocxTooLarge,
    /// A .docx compressed with a method other than deflate.
    DocxCompression,
    /// HTML or a .docx whose tables nest past [`MAX_TABLE_DEPTH`].
    TablesTooDeep,
    /// A file that was read but holds no text: white space only, a page whose markup holds
    /// no text (only tags, as empty tables), a .docx without text.
    NoText(Kind),
}

/// Which old Office program a compound file belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Legacy {
    Word,
    Excel,
    PowerPoint,
    Unknown,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Image {
    Png,
    Jpeg,
    Gif,
    Bmp,
    Webp,
    Tiff,
    Heic,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Archive {
    Zip,
    Rar,
    SevenZip,
    Gzip,
    Xz,
}

/// What every refusal says is supported.
pub const SUPPORTED: &str = "本工具可读取：粘贴的文字或网页内容、.txt、.html/.htm、.docx、.pdf 文件。";

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = SUPPORTED;
        match self {
            ReadError::Empty => write!(f, "这个文件是空的。{s}"),
            ReadError::NoText(Kind::Text) => write!(f, "这个文本文件中只有空白，没有报告的文字。{s}请确认选对了文件。"),
            ReadError::NoText(Kind::Html) => write!(
                f,
                "这个网页（HTML）中没有文字：其中只有标签（如空的表格框架），没有报告的内容。{s}请确认选对了文件；如果在浏览器中能看到报告，请全选复制后粘贴。"
            ),
            ReadError::NoText(Kind::Docx) => write!(
                f,
                "这个 Word 文档（.docx）中没有文字，没有报告的内容。{s}请确认选对了文件；如果报告在文档中是图片，其中的文字无法读取，请对照原文人工核对。"
            ),
            ReadError::NoText(Kind::Pdf) => write!(f, "这个 PDF 文件中没有文字，没有报告的内容。{s}请确认选对了文件。"),
            ReadError::Pdf => write!(f, "这是一个 PDF 文件。{s}请在 PDF 阅读器中全选复制文字后粘贴。"),
            #[cfg(not(target_arch = "wasm32"))]
            ReadError::PdfUnreadable(e) => write!(f, "{e}"),
            ReadError::Ofd => write!(f, "这是一个 OFD 版式文件。{s}请在 OFD 阅读器中全选复制文字后粘贴。"),
            ReadError::LegacyOffice(Legacy::Word) => {
                write!(f, "这是一个旧版 Word 文件（.doc）。{s}请在 Word 或 WPS 中另存为 .docx，或全选复制后粘贴。")
            }
            ReadError::LegacyOffice(Legacy::Excel) => {
                write!(f, "这是一个旧版 Excel 表格（.xls）。{s}请在 Excel 或 WPS 中选中表格复制后粘贴。")
            }
            ReadError::LegacyOffice(Legacy::PowerPoint) => {
                write!(f, "这是一个旧版 PowerPoint 演示文稿（.ppt）。{s}请打开后复制报告文字粘贴。")
            }
            ReadError::LegacyOffice(Legacy::Unknown) => {
                write!(f, "这是一个旧版 Office 文件（如 .doc、.xls）。{s}请另存为 .docx，或打开后全选复制粘贴。")
            }
            ReadError::Encrypted => {
                write!(f, "这是一个设有密码的 Office 文件。{s}请先在 Word 或 WPS 中取消密码并另存为 .docx，或全选复制后粘贴。")
            }
            ReadError::Spreadsheet => write!(f, "这是一个电子表格文件（如 .xlsx）。{s}请在 Excel 或 WPS 中选中表格复制后粘贴。"),
            ReadError::Presentation => write!(f, "这是一个演示文稿文件（如 .pptx）。{s}请打开后复制报告文字粘贴。"),
            ReadError::OpenDocumentText => {
                write!(f, "这是一个 OpenDocument 文本文件（.odt）。{s}请另存为 .docx，或全选复制后粘贴。")
            }
            ReadError::Image(image) => {
                let name = match image {
                    Image::Png => "PNG",
                    Image::Jpeg => "JPEG",
                    Image::Gif => "GIF",
                    Image::Bmp => "BMP",
                    Image::Webp => "WebP",
                    Image::Tiff => "TIFF",
                    Image::Heic => "HEIC",
                };
                write!(f, "这是一张 {name} 图片，图片中的文字无法读取。{s}请找到报告的网页或文档，复制文字后粘贴。")
            }
            ReadError::Archive(archive) => {
                let name = match archive {
                    Archive::Zip => "ZIP",
                    Archive::Rar => "RAR",
                    Archive::SevenZip => "7z",
                    Archive::Gzip => "gzip",
                    Archive::Xz => "xz",
                };
                write!(f, "这是一个 {name} 压缩包，不是报告文档。{s}请先解压，再选择其中的报告文件。")
            }
            ReadError::WebArchive => {
                write!(f, "这是一个 MHT 网页存档文件。{s}请在浏览器中打开它后全选复制粘贴，或另存为 .html 文件。")
            }
            ReadError::Rtf => write!(f, "这是一个 RTF 文件。{s}请在 Word 或 WPS 中另存为 .docx，或全选复制后粘贴。"),
            ReadError::Binary => write!(f, "这个文件既不是文字，也不是可识别的文档格式。{s}"),
            ReadError::FileTooLarge { bytes } => write!(
                f,
                "这个文件有 {}，超过了 {} 的上限。{s}年度报告通常只有几百 KB，请确认选对了文件。",
                megabytes(*bytes),
                megabytes(MAX_FILE_BYTES)
            ),
            ReadError::TextTooLarge { bytes } => write!(
                f,
                "这段文字有 {}，超过了 {} 的上限。{s}年度报告通常只有几十 KB 文字，请确认内容是否正确。",
                megabytes(*bytes),
                megabytes(MAX_TEXT_BYTES)
            ),
            ReadError::DocxCorrupt => {
                write!(f, "这个 .docx 文件已损坏或不完整，无法读取。{s}请在 Word 或 WPS 中打开后重新保存，或全选复制后粘贴。")
            }
            ReadError::DocxTooLarge => write!(
                f,
                "这个 .docx 文件解压后超过 {}，或压缩比异常，可能已损坏或被恶意构造，已停止读取。{s}请在 Word 或 WPS 中打开核对后全选复制粘贴。",
                megabytes(MAX_DOCX_XML_BYTES)
            ),
            ReadError::DocxCompression => {
                write!(f, "这个 .docx 文件使用了不支持的压缩方式。{s}请在 Word 或 WPS 中打开后重新保存。")
            }
            ReadError::TablesTooDeep => write!(
                f,
                "这份内容的表格嵌套超过 {MAX_TABLE_DEPTH} 层，不是正常的年度报告，可能已损坏或被恶意构造，已停止读取。{s}请在浏览器、Word 或 WPS 中打开后全选复制，粘贴文字。"
            ),
        }
    }
}

impl std::error::Error for ReadError {}

/// A byte count as megabytes with one decimal ("20 MB", "50.3 MB").
pub(super) fn megabytes(bytes: usize) -> String {
    let tenths = (bytes as u64 * 10 + 512 * 1024) / (1024 * 1024);
    if tenths.is_multiple_of(10) { format!("{} MB", tenths / 10) } else { format!("{}.{} MB", tenths / 10, tenths % 10) }
}
