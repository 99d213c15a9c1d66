//! Reading one input: the bytes of a file or of stdin, decoded to text, or
//! a Word document's text view; and its format.

use super::read::{FileStamp, read_seen_file};
use super::walk::{Input, Source};
use guifan::Format;
use guifan::document::decode;
use guifan::document::docx::{Docx, DocxLimits};

/// One input, read and decoded.
pub(super) struct Loaded {
    pub source: String,
    pub format: Format,
    /// The file as it was when read (`None` for stdin).
    pub stamp: Option<FileStamp>,
    /// A Word document: the package as read and its text view (`source`
    /// is the text view).
    pub docx: Option<Box<(Docx, Vec<u8>)>>,
}

/// Binary office formats guifan cannot read: they must be saved as `.docx`.
const BINARY_OFFICE: &[&str] = &["doc", "wps", "et", "dps", "xls", "ppt", "dot", "wpt"];

fn extension(name: &str) -> Option<String> {
    std::path::Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
}

/// The per-file error for a binary office document (`None` for others).
pub(super) fn binary_office(name: &str) -> Option<String> {
    let ext = extension(name)?;
    BINARY_OFFICE
        .contains(&ext.as_str())
        .then(|| format!("是二进制 Office 文档（.{ext}），无法检查：请另存为 .docx 后再检查"))
}

/// Read and decode one input, and decide its format.
pub(super) fn load(
    input: &Input,
    stdin: Option<&[u8]>,
    opts: &super::options::RunOptions,
) -> Result<Loaded, String> {
    let is_docx = extension(&input.display).as_deref() == Some("docx");
    if !matches!(input.source, Source::Error(_))
        && let Some(e) = binary_office(&input.display)
    {
        return Err(e);
    }
    let (bytes, stamp) = match &input.source {
        Source::Error(e) => return Err(e.clone()),
        Source::Stdin => (stdin.map(<[u8]>::to_vec).unwrap_or_default(), None),
        // Every `Source::File` was seen to be a regular file when the
        // inputs were collected.
        Source::File(p) => {
            let (bytes, stamp) = read_seen_file(p, opts.max_file_size)?;
            (bytes, Some(stamp))
        }
    };
    if is_docx {
        let limits = DocxLimits {
            max_total: opts.max_file_size,
            ..DocxLimits::default()
        };
        let doc = Docx::read(&bytes, &limits).map_err(|e| e.to_string())?;
        return Ok(Loaded {
            source: doc.text().to_string(),
            format: Format::Plain,
            stamp,
            docx: Some(Box::new((doc, bytes))),
        });
    }
    let source = decode(bytes).map_err(|e| e.to_string())?;
    let format = opts.input_format.unwrap_or_else(|| {
        if matches!(input.source, Source::Stdin) && input.abs.is_none() {
            Format::Plain
        } else {
            Format::from_path(std::path::Path::new(&input.display))
        }
    });
    Ok(Loaded {
        source,
        format,
        stamp,
        docx: None,
    })
}
