//! Open documents: their text, version and format, and incremental sync.
//!
//! The client owns the truth about an open document; the server keeps the
//! last text it was sent, applies each `didChange` edit in order (ranges are
//! positions in the negotiated encoding, converted against the text as it
//! is before that edit), and bumps a generation counter that background
//! work compares against, so a result computed for an old text is dropped
//! instead of published.

use super::encoding::{Encoding, LineIndex};
use guifan::Format;
use lsp_types::{TextDocumentContentChangeEvent, Url};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

/// One open document.
#[derive(Debug)]
pub struct OpenDocument {
    pub uri: Url,
    /// The file's path, for `file:` URIs (configuration discovery,
    /// per-file ignores); `None` for unsaved buffers and other schemes.
    pub path: Option<PathBuf>,
    pub format: Format,
    pub version: i32,
    /// Bumped on every change: identifies one text.
    pub generation: u64,
    pub text: String,
    pub lines: LineIndex,
    /// The text shared with a check, made at most once per generation (a
    /// burst of edits copies nothing until it is checked).
    snapshot: Option<Arc<str>>,
}

impl OpenDocument {
    pub fn new(uri: Url, language_id: &str, version: i32, text: String) -> OpenDocument {
        let path = uri.to_file_path().ok();
        let format = format_of(language_id, &uri);
        let lines = LineIndex::new(&text);
        OpenDocument {
            uri,
            path,
            format,
            version,
            generation: 0,
            text,
            lines,
            snapshot: None,
        }
    }

    /// The current text, shared.
    pub fn snapshot(&mut self) -> Arc<str> {
        self.snapshot
            .get_or_insert_with(|| Arc::from(self.text.as_str()))
            .clone()
    }

    /// Apply `didChange` events in order. A range-less event replaces the
    /// text; each event's positions refer to the text the previous one left.
    pub fn apply(
        &mut self,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
        enc: Encoding,
    ) {
        for change in changes {
            match change.range {
                None => self.text = change.text,
                Some(range) => {
                    let start = self.lines.offset(&self.text, range.start, enc);
                    let end = self.lines.offset(&self.text, range.end, enc).max(start);
                    self.text.replace_range(start..end, &change.text);
                }
            }
            self.lines = LineIndex::new(&self.text);
        }
        self.snapshot = None;
        self.version = version;
        self.generation += 1;
    }
}

/// The format by language id, else by the URI's extension, else plain text.
pub fn format_of(language_id: &str, uri: &Url) -> Format {
    match language_id {
        "markdown" => Format::Markdown,
        "html" => Format::Html,
        // VS Code says plaintext, Neovim and Helix say text.
        "plaintext" | "text" => Format::Plain,
        _ => Format::from_path(std::path::Path::new(uri.path())),
    }
}

/// Every open document by URI.
#[derive(Debug, Default)]
pub struct Documents {
    docs: HashMap<Url, OpenDocument>,
}

impl Documents {
    pub fn open(&mut self, doc: OpenDocument) {
        self.docs.insert(doc.uri.clone(), doc);
    }
    pub fn close(&mut self, uri: &Url) -> Option<OpenDocument> {
        self.docs.remove(uri)
    }
    pub fn get(&self, uri: &Url) -> Option<&OpenDocument> {
        self.docs.get(uri)
    }
    pub fn get_mut(&mut self, uri: &Url) -> Option<&mut OpenDocument> {
        self.docs.get_mut(uri)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp_types::{Position, Range};

    fn change(l0: u32, c0: u32, l1: u32, c1: u32, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(l0, c0), Position::new(l1, c1))),
            range_length: None,
            text: text.into(),
        }
    }

    #[test]
    fn incremental_edits_in_order() {
        let uri = Url::parse("file:///drafts/a.md").unwrap();
        let mut doc = OpenDocument::new(uri, "markdown", 1, "𠮷会议,\r\n学习(扩大)".into());
        assert_eq!(doc.format, Format::Markdown);
        // UTF-16: 𠮷 is two units; replace the comma, then the brackets on line 1.
        doc.apply(
            2,
            vec![
                change(0, 4, 0, 5, "，"),
                change(1, 2, 1, 3, "（"),
                change(1, 5, 1, 6, "）"),
            ],
            Encoding::Utf16,
        );
        assert_eq!(doc.text, "𠮷会议，\r\n学习（扩大）");
        assert_eq!(doc.version, 2);
        assert_eq!(doc.generation, 1);
        // An insertion that adds a line, then an edit on the new line.
        doc.apply(
            3,
            vec![change(0, 5, 0, 5, "\n新行"), change(1, 0, 1, 1, "旧")],
            Encoding::Utf32,
        );
        assert_eq!(doc.text, "𠮷会议，\n旧行\r\n学习（扩大）");
        doc.apply(
            4,
            vec![TextDocumentContentChangeEvent {
                range: None,
                range_length: None,
                text: "全部替换".into(),
            }],
            Encoding::Utf8,
        );
        assert_eq!(doc.text, "全部替换");
        // Out-of-range positions are clamped, never a panic.
        doc.apply(5, vec![change(7, 3, 9, 9, "。")], Encoding::Utf8);
        assert_eq!(doc.text, "全部替换。");
    }

    #[test]
    fn formats() {
        let u = |s: &str| Url::parse(s).unwrap();
        assert_eq!(format_of("html", &u("file:///a.txt")), Format::Html);
        assert_eq!(format_of("plaintext", &u("file:///a.md")), Format::Plain);
        assert_eq!(format_of("", &u("file:///a.htm")), Format::Html);
        assert_eq!(format_of("text", &u("file:///a.md")), Format::Plain);
        assert_eq!(format_of("", &u("untitled:Untitled-1")), Format::Plain);
    }
}
