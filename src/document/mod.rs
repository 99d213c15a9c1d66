//! Documents: the text of one file, and the prose inside it that rules read.
//!
//! A [`Document`] owns the source exactly as read (BOM and CRLF included, so
//! offsets are offsets into the file) and a *prose view*: the visible text,
//! without markup, code, or anything else a linter of prose must not touch.
//! Rules run on the prose view; the engine maps what they report back to the
//! source through a [`SourceMap`]. Plain text is its own prose view (no copy).
//!
//! The document also carries what rules need beyond the text: its blocks
//! (paragraphs, headings, list items: the unit for pairing brackets or finding
//! repeats), the masked spans inside prose (URLs, e-mail addresses, inline
//! code placeholders) that no rule may flag, inline suppression directives,
//! and the document's date.

mod date;
mod decode;
pub mod docx;
mod html;
mod line_index;
mod markdown;
mod masks;
mod plain;
mod source_map;

pub use date::{
    DateSource, DocumentDate, detect_document_date, detect_metadata_date, infer_text_date,
};
pub use decode::{DecodeError, decode};
pub use line_index::{LineCol, LineIndex};
pub use source_map::{Chunk, ChunkKind, SourceMap, SourceMapBuilder};

use crate::span::Span;
use chrono::NaiveDate;
use std::path::Path;
use std::sync::OnceLock;

/// The markup a document is written in, which decides what counts as prose.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text: every byte is prose.
    Plain,
    /// Markdown (CommonMark with tables and front matter): code, tags, link
    /// destinations and front matter are not prose.
    Markdown,
    /// HTML: only the text a reader of the page sees is prose (no tags, scripts,
    /// styles or `<pre>`).
    Html,
}

impl Format {
    /// By extension: `.md .markdown` → Markdown, `.html .htm` → HTML,
    /// `.txt` and anything else → plain text.
    pub fn from_path(path: &Path) -> Format {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase());
        match ext.as_deref() {
            Some("md" | "markdown" | "mdown" | "mkd") => Format::Markdown,
            Some("html" | "htm" | "xhtml") => Format::Html,
            _ => Format::Plain,
        }
    }

    /// Whether walking a folder should pick up files with this path.
    pub fn is_known_extension(path: &Path) -> bool {
        const KNOWN: [&str; 10] = [
            "txt", "text", "md", "markdown", "mdown", "mkd", "html", "htm", "xhtml", "docx",
        ];
        path.extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| KNOWN.iter().any(|k| e.eq_ignore_ascii_case(k)))
    }

    /// The lowercase name used in options and output (`plain`, `markdown`,
    /// `html`); `FromStr` parses it back.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Plain => "plain",
            Format::Markdown => "markdown",
            Format::Html => "html",
        }
    }
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "plain" | "text" | "txt" => Ok(Format::Plain),
            "markdown" | "md" => Ok(Format::Markdown),
            "html" | "htm" => Ok(Format::Html),
            other => Err(format!(
                "unknown format `{other}` (expected plain, markdown or html)"
            )),
        }
    }
}

/// What kind of block a run of prose is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BlockKind {
    /// An ordinary paragraph (in plain text, each non-blank line).
    Paragraph,
    /// A heading; level 1–6 (plain text has none).
    Heading(u8),
    /// One item of a bulleted or numbered list.
    ListItem,
    /// A block quote (Markdown `>` or HTML `<blockquote>`).
    BlockQuote,
    /// One cell of a table.
    TableCell,
}

/// A block of prose: its span in the prose view (without the line terminator).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Block {
    /// The block's text as a byte range of the prose view.
    pub span: Span,
    /// What kind of block it is.
    pub kind: BlockKind,
}

/// An inline suppression comment (`<!-- guifan-disable RULE -->` …), found by
/// the Markdown and HTML readers. `offset` is a byte offset into the source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directive {
    /// Byte offset in the source where the comment starts; the line holding it
    /// decides which lines the directive covers.
    pub offset: usize,
    /// What the directive does.
    pub kind: DirectiveKind,
    /// Rule ids or families; empty means every rule.
    pub rules: Vec<String>,
}

/// What a suppression directive does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DirectiveKind {
    /// `guifan-disable`: suppress from the directive's line until a matching
    /// `guifan-enable` (or the end of the document).
    Disable,
    /// `guifan-enable`: end the open `disable` directives that share a rule with
    /// this one (all of them when it names no rule), its own line still included.
    Enable,
    /// `guifan-disable-next-line`: suppress on the line after the directive's line only.
    DisableNextLine,
}

/// What a format reader produces: the prose view and its structure.
#[derive(Debug, Default)]
pub(crate) struct ProseView {
    /// `None` when the prose view is the source itself (after the shift in `map`).
    pub text: Option<String>,
    pub map: SourceMap,
    pub blocks: Vec<Block>,
    pub directives: Vec<Directive>,
    /// Spans (in the prose view) to mask besides the URL/e-mail ones
    /// (e.g. the placeholders standing for inline code).
    pub masks: Vec<Span>,
    /// A date from the document's own metadata outside the prose (Markdown
    /// front matter `date:`); it wins over a date line found in the prose.
    pub date: Option<NaiveDate>,
}

/// How to read a document.
#[derive(Clone, Debug)]
pub struct DocumentOptions {
    /// The markup to read the source as.
    pub format: Format,
    /// The date to use when the document's metadata carries none.
    pub as_of: Option<NaiveDate>,
    /// Today's date, for documents with neither metadata nor `as_of`.
    /// Passed in (not read from the clock) to keep the core pure.
    pub today: NaiveDate,
}

impl DocumentOptions {
    /// Options for `format`, with `today` as the fallback date and no `as_of`.
    pub fn new(format: Format, today: NaiveDate) -> Self {
        DocumentOptions {
            format,
            as_of: None,
            today,
        }
    }
}

/// One document: source, prose view, structure and date.
#[derive(Debug)]
pub struct Document {
    source: String,
    format: Format,
    prose_text: Option<String>,
    map: SourceMap,
    blocks: Vec<Block>,
    masks: Vec<Span>,
    directives: Vec<Directive>,
    /// The document's date, found on first use: most documents are checked
    /// by rules that never ask for it, and finding it reads the text's head
    /// and tail with several regexes (a fifth of the cost of reading a short
    /// file).
    date: OnceLock<DocumentDate>,
    date_inputs: DateInputs,
    line_index: OnceLock<LineIndex>,
}

/// What the document's date is found from, besides the text.
#[derive(Clone, Copy, Debug)]
struct DateInputs {
    /// A date from the document's metadata outside the prose (front matter).
    front_matter: Option<NaiveDate>,
    html: bool,
    today: NaiveDate,
    as_of: Option<NaiveDate>,
}

impl Document {
    /// Read `source` as `options.format` says: build the prose view, blocks,
    /// masks and directives (the document date is found when first asked
    /// for, [`Document::date`]). Never fails; malformed markup is read
    /// as well as it can be.
    pub fn new(source: impl Into<String>, options: &DocumentOptions) -> Self {
        let source = source.into();
        let view = match options.format {
            Format::Plain => plain::read(&source),
            Format::Markdown => markdown::read(&source),
            Format::Html => html::read(&source),
        };
        let prose: &str = match &view.text {
            Some(t) => t,
            None => {
                let shift = view.map.to_source(Span::empty(0)).start;
                &source[shift..]
            }
        };
        let mut masks = masks::find(prose);
        masks.extend(view.masks.iter().copied());
        masks.sort();
        let date_inputs = DateInputs {
            front_matter: view.date,
            html: options.format == Format::Html,
            today: options.today,
            as_of: options.as_of,
        };
        Document {
            format: options.format,
            prose_text: view.text,
            map: view.map,
            blocks: view.blocks,
            masks,
            directives: view.directives,
            date: OnceLock::new(),
            date_inputs,
            line_index: OnceLock::new(),
            source,
        }
    }

    /// The file's text as read (BOM and line endings kept).
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The source text, giving up the document (no copy).
    pub fn into_source(self) -> String {
        self.source
    }

    /// The format the document was read as.
    pub fn format(&self) -> Format {
        self.format
    }

    /// The prose view that rules read.
    pub fn prose(&self) -> &str {
        match &self.prose_text {
            Some(t) => t,
            None => &self.source[self.map.to_source(Span::empty(0)).start..],
        }
    }

    /// The map from prose-view offsets to source offsets.
    pub fn source_map(&self) -> &SourceMap {
        &self.map
    }

    /// Blocks in prose order.
    pub fn blocks(&self) -> &[Block] {
        &self.blocks
    }

    /// Sorted spans of the prose view that no rule may report in.
    pub fn masks(&self) -> &[Span] {
        &self.masks
    }

    /// Whether `span` (prose coordinates) touches a masked span.
    pub fn is_masked(&self, span: Span) -> bool {
        let i = self.masks.partition_point(|m| m.end <= span.start);
        self.masks[i..]
            .iter()
            .take_while(|m| m.start < span.end.max(span.start + 1))
            .any(|m| m.overlaps(span))
    }

    /// The suppression directives, in source order (always empty for plain text).
    pub fn directives(&self) -> &[Directive] {
        &self.directives
    }

    /// The date the document is checked at, and where it came from.
    pub fn date(&self) -> &DocumentDate {
        self.date.get_or_init(|| self.find_date())
    }

    /// The date by the rules of [`date`]'s module documentation: metadata
    /// (front matter, then the text's own), `--as-of`, the text, today.
    fn find_date(&self) -> DocumentDate {
        let inputs = self.date_inputs;
        let prose = self.prose();
        // Front matter (Markdown) beats a date line in the text.
        let metadata = inputs
            .front_matter
            .map(|date| (date, None))
            .or_else(|| detect_document_date(&self.source, prose, inputs.html, inputs.today));
        match metadata {
            Some((date, span)) => DocumentDate {
                date,
                source: DateSource::Metadata,
                span,
            },
            None => match inputs.as_of {
                Some(date) => DocumentDate {
                    date,
                    source: DateSource::AsOf,
                    span: None,
                },
                None => match infer_text_date(prose, inputs.today) {
                    Some((date, span)) => DocumentDate {
                        date,
                        source: DateSource::Text,
                        span: Some(span),
                    },
                    None => DocumentDate {
                        date: inputs.today,
                        source: DateSource::Today,
                        span: None,
                    },
                },
            },
        }
    }

    /// Line starts of the *source*, built on first use (reporting only).
    pub fn line_index(&self) -> &LineIndex {
        self.line_index.get_or_init(|| LineIndex::new(&self.source))
    }

    /// 1-based line and character column of a byte offset into the *source*
    /// (not the prose view).
    pub fn line_col(&self, source_offset: usize) -> LineCol {
        self.line_index().line_col(&self.source, source_offset)
    }
}
