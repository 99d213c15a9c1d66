//! Word `.docx` documents: a text view for the rules, and fixes written back
//! into the package without disturbing anything else.
//!
//! Why a *text view* and not a `Document` format of its own: a `.docx` is a
//! ZIP package of XML parts, and the prose is scattered over thousands of
//! `w:t` text nodes (Word splits a word across runs whenever the formatting,
//! the revision id or the spell-checker state changes). Rules need the prose
//! as one string; so the reader joins the paragraphs of the body, then of the
//! headers, footers, footnotes and endnotes, with `\n` (one paragraph per
//! line), and remembers for every byte of that string which text node it
//! came from. Rules then run on the text view as on plain text, and a fix is
//! a diff between the old and the new text view, mapped back onto the text
//! nodes.
//!
//! Why splicing and not re-serializing: a re-written XML part would lose
//! what Word (and other tools) wrote there byte for byte: namespace
//! declarations, attribute order, `mc:Ignorable` extensions. The writer
//! only replaces the content of the `w:t` nodes an edit touches (and adds
//! `xml:space="preserve"` to a node that gains leading or trailing spaces);
//! every other byte of the part, and every other part of the package
//! (copied raw, still compressed), stays as it was, in the same order and
//! with the same compression method.
//!
//! What counts as prose: text of runs (`w:t`), tabs (`\t`), line breaks
//! (`w:br`, `w:cr`: a `\n`, so a manual line break starts a new line of the
//! view), table cells (a cell's paragraphs in order), text boxes, inserted
//! text of tracked changes. Not prose: deleted text (`w:del`, `w:moveFrom`),
//! field codes (between `w:fldChar begin` and `separate`), hidden text
//! (`w:vanish`), comments (not read), the fallback copy of a text box in
//! `mc:Fallback`. Tabs and line breaks have no text node: an edit touching
//! them, or crossing a paragraph boundary, is not applied.
//!
//! With a [`Revision`], edits become tracked changes instead: the run is
//! split around each edit, the old text goes into a `w:del` run and the new
//! one into a `w:ins` run, both with the run's own properties, so the writer
//! can accept or reject each fix in Word.
//!
//! Elements are matched by their qualified names with the `w:` prefix that
//! Word and every common writer use for WordprocessingML (and `mc:` for
//! markup compatibility); a package that binds the namespace to another
//! prefix reads as having no prose.
//!
//! Bounds: only the prose parts (and `docProps/core.xml`) are decompressed,
//! their total size is bounded (`--max-file-size`), and so is the
//! compression ratio of a large part, so a zip bomb is refused before it is
//! inflated; the declared sizes are not trusted (the reads are bounded).
//!
//! This module is pure: bytes in memory in, bytes out; no file system.

use chrono::NaiveDate;
use quick_xml::escape::{partial_escape, unescape};
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;
use std::io::{Cursor, Read, Write};

mod annotate;
pub use annotate::{Annotated, Comment, comments_for};

/// The start of an OLE compound file: an encrypted (password-protected)
/// `.docx`, or a legacy `.doc` / `.wps` / `.xls` renamed.
const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Bounds on what reading a package may decompress (zip bombs).
#[derive(Clone, Copy, Debug)]
pub struct DocxLimits {
    /// The total uncompressed size of the parts read.
    pub max_total: u64,
    /// The largest compression ratio accepted for a part over 1 MiB.
    pub max_ratio: u64,
}

impl Default for DocxLimits {
    fn default() -> Self {
        DocxLimits {
            max_total: 256 * 1024 * 1024,
            // Deflate tops out near 1032:1; real documents stay far below
            // (a repetitive generated one may pass 200:1).
            max_ratio: 500,
        }
    }
}

/// Why a package could not be read or written, in Chinese (the caller adds
/// the path).
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DocxError {
    #[error(
        "是 OLE 复合文件：受密码保护（加密）的文档或旧版二进制 Office 文档，无法读取；请取消密码并另存为 .docx 后再检查"
    )]
    /// An OLE compound file: an encrypted package or a legacy binary Office document.
    Ole,
    #[error("不是有效的 .docx 文件（无法作为 ZIP 压缩包读取：{0}），文件可能已损坏或不完整")]
    /// Not readable as a ZIP archive (the reader's message).
    Zip(String),
    #[error("不是 Word 文档：压缩包中没有 word/document.xml")]
    /// A ZIP archive without `word/document.xml`.
    NoDocument,
    #[error("压缩包中的 {0} 已加密（受密码保护），无法读取；请取消密码后再检查")]
    /// An encrypted entry (its name).
    Encrypted(String),
    #[error("{name} 解压后超过 {limit} 字节的上限（--max-file-size），疑似压缩炸弹，未读取")]
    /// An entry larger than `limit` bytes once decompressed.
    TooLarge {
        /// The entry.
        name: String,
        /// The limit, in bytes.
        limit: u64,
    },
    #[error("{name} 的压缩比异常（约 {ratio}:1），疑似压缩炸弹，未读取")]
    /// An entry whose compression ratio points to a zip bomb.
    Ratio {
        /// The entry.
        name: String,
        /// Uncompressed size over compressed size, rounded.
        ratio: u64,
    },
    #[error("{name} 使用了不支持的压缩方式（{method}），无法读取")]
    /// An entry compressed with a method the reader does not support.
    Compression {
        /// The entry.
        name: String,
        /// The compression method, as the ZIP reader names it.
        method: String,
    },
    #[error("{name} 不是格式正确的 XML（{message}），文件可能已损坏")]
    /// An entry that is not well-formed XML.
    Xml {
        /// The entry.
        name: String,
        /// The XML parser's message.
        message: String,
    },
    #[error("{0} 不是 UTF-8 编码的 XML，无法读取")]
    /// An XML entry that is not UTF-8 (its name).
    Encoding(String),
    #[error("无法生成修复后的 .docx：{0}")]
    /// Writing the new package failed (the writer's message).
    Write(String),
}

/// One `w:t` text node of a part: byte offsets into the part's XML.
#[derive(Clone, Debug)]
struct Node {
    part: usize,
    /// Just after the element name of the start tag (`<w:t|>`), where an
    /// `xml:space` attribute can be added.
    name_end: usize,
    content_start: usize,
    content_end: usize,
    preserve: bool,
    /// Its segment of the text view (`usize::MAX`: not in the view).
    seg: usize,
    /// The whole element, `<w:t …>` to `</w:t>`.
    elem_start: usize,
    elem_end: usize,
    /// The start tag and the properties (`w:rPr`) of its run, to repeat
    /// them around a tracked change or a comment mark (`None`: no run).
    run: Option<RunInfo>,
    /// Inside a tracked insertion (`w:ins`, `w:moveTo`): edited directly.
    in_ins: bool,
}

/// Where a run's start tag and properties are in its part.
#[derive(Clone, Copy, Debug)]
struct RunInfo {
    start_tag: (usize, usize),
    rpr: Option<(usize, usize)>,
}

/// A tracked change's author and date (`w:author`, `w:date`).
#[derive(Clone, Debug)]
pub struct Revision {
    /// The author Word shows for the change (`guifan`).
    pub author: String,
    /// ISO 8601, as Word writes it: `2024-03-18T08:00:00Z`.
    pub date: String,
}

/// What a run of the text view is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum SegKind {
    /// The text of node `n`.
    Node(usize),
    /// A paragraph separator, a tab or a line break: no text node.
    Synthetic,
}

#[derive(Clone, Copy, Debug)]
struct Seg {
    start: usize,
    len: usize,
    kind: SegKind,
}

impl Seg {
    fn end(&self) -> usize {
        self.start + self.len
    }
}

/// An XML part that holds prose.
#[derive(Debug)]
struct Part {
    /// Index of the entry in the ZIP archive.
    index: usize,
    name: String,
    xml: Vec<u8>,
}

/// A `.docx` read into memory: its prose parts, the text view and the map
/// from the view to the text nodes.
#[derive(Debug)]
pub struct Docx {
    parts: Vec<Part>,
    nodes: Vec<Node>,
    text: String,
    segs: Vec<Seg>,
    created: Option<NaiveDate>,
    /// For each `\n` of the text view in order: whether it ends a
    /// paragraph (else it is a manual line break, or in a text node).
    newline_ends_paragraph: Vec<bool>,
}

/// The result of writing fixes back: the new package, if anything changed.
#[derive(Debug)]
pub struct DocxFix {
    /// The new package (`None` when no edit could be applied).
    pub bytes: Option<Vec<u8>>,
    /// The text view of the new package.
    pub text: String,
    /// Edits applied and edits left out (they touched a tab, a line break
    /// or a paragraph boundary).
    pub applied: usize,
    /// Edits left out (see `applied`).
    pub skipped: usize,
    /// With a [`Revision`]: the tracked deletions and insertions written
    /// (an edit replacing text writes one of each).
    pub deletions: usize,
    /// See `deletions`.
    pub insertions: usize,
}

/// Whether these bytes start like an OLE compound file.
pub fn is_ole(bytes: &[u8]) -> bool {
    bytes.starts_with(&OLE_MAGIC)
}

fn zip_error(e: zip::result::ZipError) -> DocxError {
    DocxError::Zip(e.to_string())
}

/// The order of the parts in the text view: the body, then headers,
/// footers, footnotes and endnotes (numbered parts in numeric order).
fn part_rank(name: &str) -> Option<(u8, u32)> {
    let numbered = |prefix: &str| -> Option<u32> {
        let rest = name.strip_prefix(prefix)?.strip_suffix(".xml")?;
        if rest.is_empty() {
            Some(0)
        } else {
            rest.parse().ok()
        }
    };
    if name == "word/document.xml" {
        Some((0, 0))
    } else if let Some(n) = numbered("word/header") {
        Some((1, n))
    } else if let Some(n) = numbered("word/footer") {
        Some((2, n))
    } else if name == "word/footnotes.xml" {
        Some((3, 0))
    } else if name == "word/endnotes.xml" {
        Some((4, 0))
    } else {
        None
    }
}

/// Read one entry, bounded by `limits` (with `total` the bytes read so far).
fn read_entry<R: Read + std::io::Seek>(
    archive: &mut zip::ZipArchive<R>,
    index: usize,
    limits: &DocxLimits,
    total: &mut u64,
) -> Result<Vec<u8>, DocxError> {
    let entry_name = archive.name_for_index(index).unwrap_or("?").to_string();
    let file = match archive.by_index(index) {
        Ok(f) => f,
        Err(zip::result::ZipError::UnsupportedArchive(m))
            if m == zip::result::ZipError::PASSWORD_REQUIRED =>
        {
            return Err(DocxError::Encrypted(entry_name));
        }
        Err(zip::result::ZipError::UnsupportedArchive(m)) => {
            return Err(DocxError::Compression {
                name: entry_name,
                method: m.to_string(),
            });
        }
        Err(e) => return Err(zip_error(e)),
    };
    let name = file.name().to_string();
    if file.encrypted() {
        return Err(DocxError::Encrypted(name));
    }
    let size = file.size();
    let compressed = file.compressed_size().max(1);
    if size > 1 << 20 && size / compressed > limits.max_ratio {
        return Err(DocxError::Ratio {
            name,
            ratio: size / compressed,
        });
    }
    let left = limits.max_total.saturating_sub(*total);
    if size > left {
        return Err(DocxError::TooLarge {
            name,
            limit: limits.max_total,
        });
    }
    // The declared size may lie: the read itself is bounded too.
    let mut buf = Vec::with_capacity(size as usize);
    file.take(left.saturating_add(1))
        .read_to_end(&mut buf)
        .map_err(|e| DocxError::Zip(format!("{name}：{e}")))?;
    if buf.len() as u64 > left {
        return Err(DocxError::TooLarge {
            name,
            limit: limits.max_total,
        });
    }
    *total += buf.len() as u64;
    Ok(buf)
}

impl Docx {
    /// Read a package from its bytes.
    pub fn read(bytes: &[u8], limits: &DocxLimits) -> Result<Docx, DocxError> {
        if is_ole(bytes) {
            return Err(DocxError::Ole);
        }
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(zip_error)?;
        let mut ranked: Vec<((u8, u32), usize)> = (0..archive.len())
            .filter_map(|i| {
                let name = archive.name_for_index(i)?;
                part_rank(name).map(|r| (r, i))
            })
            .collect();
        ranked.sort();
        if ranked.first().is_none_or(|(r, _)| *r != (0, 0)) {
            return Err(DocxError::NoDocument);
        }
        let mut total = 0u64;
        let mut parts = Vec::new();
        for (_, index) in &ranked {
            let xml = read_entry(&mut archive, *index, limits, &mut total)?;
            let name = archive.name_for_index(*index).unwrap_or("?").to_string();
            parts.push(Part {
                index: *index,
                name,
                xml,
            });
        }
        let created = match archive.index_for_name("docProps/core.xml") {
            Some(i) => {
                let xml = read_entry(&mut archive, i, limits, &mut total)?;
                core_date(&xml)
            }
            None => None,
        };
        let mut builder = Builder::default();
        for (p, part) in parts.iter().enumerate() {
            builder.body = p == 0;
            parse_part(p, part, &mut builder)?;
        }
        let breaks = &builder.paragraph_breaks;
        let newline_ends_paragraph = memchr::memchr_iter(b'\n', builder.text.as_bytes())
            .map(|i| breaks.binary_search(&i).is_ok())
            .collect();
        Ok(Docx {
            parts,
            nodes: builder.nodes,
            text: builder.text,
            segs: builder.segs,
            created,
            newline_ends_paragraph,
        })
    }

    /// The text view: paragraphs (body first, then headers, footers,
    /// footnotes, endnotes) joined by `\n`.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Where the paragraphs of `text` start: `text` is the text view or
    /// the view after fixes written back by [`Docx::apply_with`] (which
    /// never adds nor removes a `\n`: edits touching one are left out).
    /// Reports count lines by these, so a line is a paragraph and a manual
    /// line break (`w:br`) within one does not start a line; rules see the
    /// break as a `\n`. `None` when `text` has other line breaks.
    pub fn paragraph_starts(&self, text: &str) -> Option<Vec<usize>> {
        let mut starts = vec![0];
        let mut flags = self.newline_ends_paragraph.iter();
        for i in memchr::memchr_iter(b'\n', text.as_bytes()) {
            if *flags.next()? {
                starts.push(i + 1);
            }
        }
        flags.next().is_none().then_some(starts)
    }

    /// The date the document was created (`dcterms:created`, else
    /// `dcterms:modified`, in `docProps/core.xml`).
    pub fn created(&self) -> Option<NaiveDate> {
        self.created
    }

    /// Write `new_text` (the text view after fixes) back into the package
    /// `original` (the bytes this `Docx` was read from).
    pub fn apply(&self, original: &[u8], new_text: &str) -> Result<DocxFix, DocxError> {
        self.apply_with(original, new_text, None)
    }

    /// Like [`Docx::apply`], but with `revision` every edit is written as a
    /// tracked change (the old text in `w:del`, the new in `w:ins`, the run
    /// split around them, its properties repeated), for the author to
    /// accept or reject in Word. Text that is itself a tracked insertion is
    /// edited directly.
    pub fn apply_with(
        &self,
        original: &[u8],
        new_text: &str,
        revision: Option<&Revision>,
    ) -> Result<DocxFix, DocxError> {
        let edits = diff_edits(&self.text, new_text);
        // Per node: (local start, local end, replacement), in order.
        let mut node_edits: Vec<Vec<(usize, usize, String)>> = vec![Vec::new(); self.nodes.len()];
        let mut view = String::with_capacity(self.text.len());
        let mut copied = 0usize;
        let (mut applied, mut skipped) = (0usize, 0usize);
        for (a, b, new) in edits {
            match self.place(a, b, &new) {
                Some(placed) => {
                    for (n, s, e, r) in placed {
                        node_edits[n].push((s, e, r));
                    }
                    view.push_str(&self.text[copied..a]);
                    view.push_str(&new);
                    copied = b;
                    applied += 1;
                }
                None => skipped += 1,
            }
        }
        view.push_str(&self.text[copied..]);
        if applied == 0 {
            return Ok(DocxFix {
                bytes: None,
                text: self.text.clone(),
                applied,
                skipped,
                deletions: 0,
                insertions: 0,
            });
        }
        // New XML for every part with an edited node.
        let mut new_parts: Vec<Option<Vec<u8>>> = vec![None; self.parts.len()];
        let mut next_id = revision.map_or(0, |_| self.max_revision_id() + 1);
        let (mut deletions, mut insertions) = (0usize, 0usize);
        for (p, part) in self.parts.iter().enumerate() {
            let mut out: Vec<u8> = Vec::new();
            let mut at = 0usize;
            let mut touched = false;
            for (n, node) in self.nodes.iter().enumerate() {
                if node.part != p || node_edits[n].is_empty() {
                    continue;
                }
                touched = true;
                let old = self.node_text(n);
                if let (Some(rev), Some(run), false) = (revision, node.run, node.in_ins) {
                    out.extend_from_slice(&part.xml[at..node.elem_start]);
                    for (s, e, r) in &node_edits[n] {
                        deletions += usize::from(s < e);
                        insertions += usize::from(!r.is_empty());
                    }
                    tracked(
                        &mut out,
                        &part.xml,
                        node,
                        run,
                        old,
                        &node_edits[n],
                        rev,
                        &mut next_id,
                    );
                    at = node.elem_end;
                    continue;
                }
                at = edit_in_place(&mut out, &part.xml, at, node, old, &node_edits[n]);
            }
            if touched {
                out.extend_from_slice(&part.xml[at..]);
                new_parts[p] = Some(out);
            }
        }
        let bytes = self.rewrite(original, &new_parts)?;
        Ok(DocxFix {
            bytes: Some(bytes),
            text: view,
            applied,
            skipped,
            deletions,
            insertions,
        })
    }

    /// The largest `w:id` in the prose parts (new revisions go above it).
    fn max_revision_id(&self) -> u64 {
        let mut max = 0;
        for part in &self.parts {
            let mut rest = part.xml.as_slice();
            while let Some(i) = memchr::memmem::find(rest, b"w:id=\"") {
                rest = &rest[i + 6..];
                let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
                if let Some(v) = std::str::from_utf8(&rest[..digits])
                    .ok()
                    .and_then(|d| d.parse::<u64>().ok())
                {
                    max = max.max(v);
                }
            }
        }
        max.min(i32::MAX as u64 / 2)
    }

    fn node_text(&self, n: usize) -> &str {
        self.segs
            .get(self.nodes[n].seg)
            .map_or("", |s| &self.text[s.start..s.end()])
    }

    /// Where the edit replacing `a..b` of the view by `new` goes: node
    /// edits (node, local start, local end, replacement), or `None` when it
    /// touches a tab, a line break or a paragraph boundary.
    fn place(&self, a: usize, b: usize, new: &str) -> Option<Vec<(usize, usize, usize, String)>> {
        let first = self.segs.partition_point(|s| s.end() < a);
        if a == b {
            // An insertion: inside a node, else at the end of the node
            // before it, else at the start of the node after it.
            let mut before = None;
            let mut after = None;
            for s in &self.segs[first..] {
                if s.start > a {
                    break;
                }
                if let SegKind::Node(n) = s.kind {
                    if s.start < a && a < s.end() {
                        return Some(vec![(n, a - s.start, a - s.start, new.to_string())]);
                    }
                    if s.end() == a && before.is_none() {
                        before = Some((n, s.len));
                    } else if s.start == a && after.is_none() {
                        after = Some(n);
                    }
                }
            }
            return match (before, after) {
                (Some((n, len)), _) => Some(vec![(n, len, len, new.to_string())]),
                (None, Some(n)) => Some(vec![(n, 0, 0, new.to_string())]),
                (None, None) => None,
            };
        }
        let mut out = Vec::new();
        for s in &self.segs[first..] {
            if s.start >= b {
                break;
            }
            if s.end() <= a {
                continue;
            }
            let SegKind::Node(n) = s.kind else {
                return None;
            };
            let ls = a.max(s.start) - s.start;
            let le = b.min(s.end()) - s.start;
            let replacement = if out.is_empty() {
                new.to_string()
            } else {
                String::new()
            };
            out.push((n, ls, le, replacement));
        }
        (!out.is_empty()).then_some(out)
    }

    /// The package with the parts in `new_parts` replaced: entries in the
    /// same order, unchanged ones copied raw, changed ones compressed with
    /// their own method.
    fn rewrite(
        &self,
        original: &[u8],
        new_parts: &[Option<Vec<u8>>],
    ) -> Result<Vec<u8>, DocxError> {
        let replaced: Vec<(usize, &[u8])> = self
            .parts
            .iter()
            .zip(new_parts)
            .filter_map(|(p, n)| n.as_deref().map(|xml| (p.index, xml)))
            .collect();
        repack(original, &replaced, &[])
    }
}

/// The package `original` with the entries `replaced` (by index) given new
/// contents and the entries `added` (name, contents) appended: entries in
/// the same order, unchanged ones copied raw, changed ones compressed with
/// their own method and keeping their time stamp and mode, new ones
/// deflated with the time stamp of `word/document.xml`.
fn repack(
    original: &[u8],
    replaced: &[(usize, &[u8])],
    added: &[(String, Vec<u8>)],
) -> Result<Vec<u8>, DocxError> {
    let write_err = |e: zip::result::ZipError| DocxError::Write(e.to_string());
    let io_err = |e: std::io::Error| DocxError::Write(e.to_string());
    let mut archive = zip::ZipArchive::new(Cursor::new(original)).map_err(zip_error)?;
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(original.len())));
    let mut stamp = None;
    for i in 0..archive.len() {
        let file = archive.by_index_raw(i).map_err(zip_error)?;
        if file.name() == "word/document.xml" {
            stamp = file.last_modified();
        }
        match replaced.iter().find(|(index, _)| *index == i) {
            Some((_, xml)) => {
                let mut options = zip::write::SimpleFileOptions::default()
                    .compression_method(file.compression())
                    .large_file(xml.len() as u64 >= u32::MAX as u64);
                if let Some(t) = file.last_modified() {
                    options = options.last_modified_time(t);
                }
                if let Some(mode) = file.unix_mode() {
                    options = options.unix_permissions(mode);
                }
                let name = file.name().to_string();
                drop(file);
                writer.start_file(name, options).map_err(write_err)?;
                writer.write_all(xml).map_err(io_err)?;
            }
            None => writer.raw_copy_file(file).map_err(write_err)?,
        }
    }
    for (name, contents) in added {
        let mut options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        if let Some(t) = stamp {
            options = options.last_modified_time(t);
        }
        writer
            .start_file(name.as_str(), options)
            .map_err(write_err)?;
        writer.write_all(contents).map_err(io_err)?;
    }
    let out = writer.finish().map_err(write_err)?;
    Ok(out.into_inner())
}

/// Write the text node `node` with its edits as tracked changes: the run
/// is closed after the kept text before each edit, the deleted text goes in
/// a `w:del` run and the new text in a `w:ins` run (both with the run's
/// properties), and the run is reopened for the text after it.
#[allow(clippy::too_many_arguments)]
fn tracked(
    out: &mut Vec<u8>,
    xml: &[u8],
    node: &Node,
    run: RunInfo,
    old: &str,
    edits: &[(usize, usize, String)],
    rev: &Revision,
    next_id: &mut u64,
) {
    let rpr = run.rpr.map_or(&b""[..], |(s, e)| &xml[s..e]);
    let start_tag = &xml[run.start_tag.0..run.start_tag.1];
    let attrs = |id: u64| {
        format!(
            " w:id=\"{id}\" w:author=\"{}\" w:date=\"{}\"",
            quick_xml::escape::escape(rev.author.as_str()),
            quick_xml::escape::escape(rev.date.as_str())
        )
    };
    let text = |out: &mut Vec<u8>, tag: &str, t: &str| {
        out.extend_from_slice(format!("<w:{tag} xml:space=\"preserve\">").as_bytes());
        out.extend_from_slice(partial_escape(t).as_bytes());
        out.extend_from_slice(format!("</w:{tag}>").as_bytes());
    };
    // The text before the first edit stays in the node as it was written.
    let first = edits.first().map_or(old.len(), |e| e.0);
    let kept = &old[..first];
    if (kept.starts_with(is_xml_space) || kept.ends_with(is_xml_space)) && !node.preserve {
        out.extend_from_slice(&xml[node.elem_start..node.name_end]);
        out.extend_from_slice(b" xml:space=\"preserve\"");
        out.extend_from_slice(&xml[node.name_end..node.content_start]);
    } else {
        out.extend_from_slice(&xml[node.elem_start..node.content_start]);
    }
    out.extend_from_slice(partial_escape(kept).as_bytes());
    out.extend_from_slice(&xml[node.content_end..node.elem_end]);
    for (i, (s, e, r)) in edits.iter().enumerate() {
        out.extend_from_slice(b"</w:r>");
        if s < e {
            out.extend_from_slice(format!("<w:del{}><w:r>", attrs(*next_id)).as_bytes());
            *next_id += 1;
            out.extend_from_slice(rpr);
            text(out, "delText", &old[*s..*e]);
            out.extend_from_slice(b"</w:r></w:del>");
        }
        if !r.is_empty() {
            out.extend_from_slice(format!("<w:ins{}><w:r>", attrs(*next_id)).as_bytes());
            *next_id += 1;
            out.extend_from_slice(rpr);
            text(out, "t", r);
            out.extend_from_slice(b"</w:r></w:ins>");
        }
        let until = edits.get(i + 1).map_or(old.len(), |n| n.0);
        out.extend_from_slice(start_tag);
        out.extend_from_slice(rpr);
        text(out, "t", &old[*e..until]);
    }
}

fn is_xml_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

/// The edits turning `old` into `new`: (start, end, replacement) in bytes
/// of `old`, in order, not overlapping. Paragraph by paragraph: a character
/// diff of the whole view would cost O(length × edits), seconds on a long
/// document with many fixes; lines first, then characters within the
/// changed lines, is linear in practice.
fn diff_edits(old: &str, new: &str) -> Vec<(usize, usize, String)> {
    let mut edits = Vec::new();
    if old == new {
        return edits;
    }
    let lines = |s: &str| -> Vec<(usize, usize)> {
        let mut v = Vec::new();
        let mut at = 0;
        for l in s.split_inclusive('\n') {
            v.push((at, at + l.len()));
            at += l.len();
        }
        v
    };
    let (ol, nl) = (lines(old), lines(new));
    if ol.len() == nl.len() {
        for (o, n) in ol.iter().zip(&nl) {
            char_edits(&old[o.0..o.1], &new[n.0..n.1], o.0, &mut edits);
        }
        return edits;
    }
    let old_text: Vec<&str> = ol.iter().map(|r| &old[r.0..r.1]).collect();
    let new_text: Vec<&str> = nl.iter().map(|r| &new[r.0..r.1]).collect();
    let ops = similar::capture_diff_slices(similar::Algorithm::Myers, &old_text, &new_text);
    let span = |v: &[(usize, usize)], r: std::ops::Range<usize>, len: usize| {
        let start = v.get(r.start).map_or(len, |x| x.0);
        let end = if r.end > r.start {
            v[r.end - 1].1
        } else {
            start
        };
        (start, end)
    };
    for op in ops {
        if matches!(op, similar::DiffOp::Equal { .. }) {
            continue;
        }
        let (o, n) = (op.old_range(), op.new_range());
        if o.len() == n.len() {
            for (i, j) in o.zip(n) {
                char_edits(
                    &old[ol[i].0..ol[i].1],
                    &new[nl[j].0..nl[j].1],
                    ol[i].0,
                    &mut edits,
                );
            }
        } else {
            let (a, b) = span(&ol, o, old.len());
            let (c, d) = span(&nl, n, new.len());
            char_edits(&old[a..b], &new[c..d], a, &mut edits);
        }
    }
    edits
}

/// The character edits turning `old` into `new`, shifted by `offset`.
fn char_edits(old: &str, new: &str, offset: usize, edits: &mut Vec<(usize, usize, String)>) {
    if old == new {
        return;
    }
    let diff = similar::TextDiff::configure()
        .algorithm(similar::Algorithm::Myers)
        .diff_chars(old, new);
    let offsets = |s: &str| -> Vec<usize> {
        let mut v: Vec<usize> = s.char_indices().map(|(i, _)| i).collect();
        v.push(s.len());
        v
    };
    let (old_at, new_at) = (offsets(old), offsets(new));
    let mut pending: Option<(usize, usize, usize, usize)> = None;
    let flush = |p: (usize, usize, usize, usize), edits: &mut Vec<_>| {
        let (a, b, c, d) = p;
        edits.push((
            offset + old_at[a],
            offset + old_at[b],
            new[new_at[c]..new_at[d]].to_string(),
        ));
    };
    for op in diff.ops() {
        let (o, n) = (op.old_range(), op.new_range());
        if matches!(op, similar::DiffOp::Equal { .. }) {
            if let Some(p) = pending.take() {
                flush(p, edits);
            }
            continue;
        }
        pending = Some(match pending {
            Some((a, _, c, _)) => (a, o.end, c, n.end),
            None => (o.start, o.end, n.start, n.end),
        });
    }
    if let Some(p) = pending {
        flush(p, edits);
    }
}

/// Collects the text view while the parts are parsed.
#[derive(Default)]
struct Builder {
    body: bool,
    nodes: Vec<Node>,
    text: String,
    segs: Vec<Seg>,
    /// Whether any paragraph was emitted (the next one needs a separator).
    started: bool,
    /// Offsets of the `\n`s that end paragraphs (not manual line breaks).
    paragraph_breaks: Vec<usize>,
}

/// A piece of a paragraph: text, and the node it came from.
type Piece = (String, SegKind);

impl Builder {
    fn push(&mut self, s: &str, kind: SegKind) {
        if let SegKind::Node(n) = kind {
            self.nodes[n].seg = self.segs.len();
        }
        self.segs.push(Seg {
            start: self.text.len(),
            len: s.len(),
            kind,
        });
        self.text.push_str(s);
    }

    fn paragraph(&mut self, pieces: Vec<Piece>) {
        // Outside the body, empty paragraphs (note separators, empty
        // headers) are left out; in the body they keep the numbering.
        if !self.body && pieces.iter().all(|(t, _)| t.is_empty()) {
            return;
        }
        if self.started {
            self.paragraph_breaks.push(self.text.len());
            self.push("\n", SegKind::Synthetic);
        }
        self.started = true;
        for (t, kind) in pieces {
            self.push(&t, kind);
        }
    }
}

fn is_false(v: &[u8]) -> bool {
    matches!(v, b"0" | b"false" | b"off")
}

fn attr(e: &BytesStart<'_>, name: &[u8]) -> Option<Vec<u8>> {
    e.try_get_attribute(name)
        .ok()
        .flatten()
        .map(|a| a.value.into_owned())
}
/// Write `xml[at..]` up to `node`'s text, then the text with `edits`
/// (local ranges of `old`) applied, keeping `xml:space="preserve"` right
/// when the text gains edge spaces; where the copy goes on from.
fn edit_in_place(
    out: &mut Vec<u8>,
    xml: &[u8],
    mut at: usize,
    node: &Node,
    old: &str,
    edits: &[(usize, usize, String)],
) -> usize {
    let mut text = String::with_capacity(old.len() + 8);
    let mut c = 0;
    for (s, e, r) in edits {
        text.push_str(&old[c..*s]);
        text.push_str(r);
        c = *e;
    }
    text.push_str(&old[c..]);
    let spaced = text.starts_with(is_xml_space) || text.ends_with(is_xml_space);
    if spaced && !node.preserve {
        out.extend_from_slice(&xml[at..node.name_end]);
        out.extend_from_slice(b" xml:space=\"preserve\"");
        at = node.name_end;
    }
    out.extend_from_slice(&xml[at..node.content_start]);
    out.extend_from_slice(partial_escape(text.as_str()).as_bytes());
    node.content_end
}

/// What is open while a part is parsed.
#[derive(Default)]
struct PartState {
    /// Open paragraphs (text boxes nest paragraphs inside a run).
    paragraphs: Vec<Vec<Piece>>,
    /// Open runs: whether each is hidden.
    runs: Vec<bool>,
    /// Depth inside `w:rPr`.
    in_rpr: usize,
    /// Open fields: true while in the field code (before `separate`).
    fields: Vec<bool>,
    /// The open runs' start tags and properties.
    run_info: Vec<RunInfo>,
    /// Depth inside insertions (`w:ins`, `w:moveTo`).
    ins_depth: usize,
}

impl PartState {
    /// Text here is not prose: a hidden run, or a field code.
    fn excluded(&self) -> bool {
        self.runs.last().copied().unwrap_or(false) || self.fields.iter().any(|f| *f)
    }

    /// `w:vanish` in a run's properties hides the run.
    fn vanish(&mut self, e: &BytesStart<'_>) {
        if self.in_rpr > 0
            && let Some(r) = self.runs.last_mut()
        {
            *r = !attr(e, b"w:val").is_some_and(|v| is_false(&v));
        }
    }

    /// An empty element from byte `before` to `after`.
    fn on_empty(&mut self, e: &BytesStart<'_>, before: usize, after: usize, out: &mut Builder) {
        match e.name().as_ref() {
            b"w:rPr" => {
                if self.in_rpr == 0
                    && let Some(r) = self.run_info.last_mut()
                {
                    r.rpr = Some((before, after));
                }
            }
            b"w:p" => {
                self.paragraphs.push(Vec::new());
                let done = self.paragraphs.pop().unwrap_or_default();
                out.paragraph(done);
            }
            b"w:vanish" | b"w:specVanish" => self.vanish(e),
            b"w:fldChar" => match attr(e, b"w:fldCharType").as_deref() {
                Some(b"begin") => self.fields.push(true),
                Some(b"separate") => {
                    if let Some(f) = self.fields.last_mut() {
                        *f = false;
                    }
                }
                Some(b"end") => {
                    self.fields.pop();
                }
                _ => {}
            },
            b"w:tab" | b"w:ptab" | b"w:br" | b"w:cr" => {
                if self.runs.is_empty() || self.in_rpr > 0 || self.excluded() {
                    return;
                }
                let s = if e.name().as_ref().ends_with(b"tab") {
                    "\t"
                } else {
                    "\n"
                };
                if let Some(para) = self.paragraphs.last_mut() {
                    para.push((s.to_string(), SegKind::Synthetic));
                }
            }
            _ => {}
        }
    }

    /// The end tag `name`, ending at byte `after`.
    fn on_end(&mut self, name: &[u8], after: usize, out: &mut Builder) {
        match name {
            b"w:p" => {
                let done = self.paragraphs.pop().unwrap_or_default();
                out.paragraph(done);
            }
            b"w:r" => {
                self.runs.pop();
                self.run_info.pop();
            }
            b"w:ins" | b"w:moveTo" => self.ins_depth = self.ins_depth.saturating_sub(1),
            b"w:rPr" => {
                self.in_rpr = self.in_rpr.saturating_sub(1);
                if self.in_rpr == 0
                    && let Some(r) = self.run_info.last_mut()
                    && let Some(rpr) = &mut r.rpr
                {
                    rpr.1 = after;
                }
            }
            _ => {}
        }
    }
}

/// Parse one part's XML into the builder.
fn parse_part(p: usize, part: &Part, out: &mut Builder) -> Result<(), DocxError> {
    let name = &part.name;
    let xml_err = |e: &dyn std::fmt::Display, pos: u64| DocxError::Xml {
        name: name.clone(),
        message: format!("{e}，位于第 {pos} 字节"),
    };
    let text = std::str::from_utf8(&part.xml).map_err(|_| DocxError::Encoding(name.clone()))?;
    let mut reader = Reader::from_str(text);
    reader.config_mut().trim_text(false);
    let mut st = PartState::default();
    loop {
        let before = reader.buffer_position() as usize;
        let event = reader
            .read_event()
            .map_err(|e| xml_err(&e, reader.error_position()))?;
        match event {
            Event::Eof => break,
            Event::Start(e) => match e.name().as_ref() {
                // Not prose, or a second copy of it: skipped whole.
                b"w:del" | b"w:moveFrom" | b"mc:Fallback" | b"w:pPr" | b"w:rPrChange"
                | b"w:instrText" | b"w:delText" => {
                    let end = e.name().as_ref().to_vec();
                    reader
                        .read_to_end(quick_xml::name::QName(&end))
                        .map_err(|e| xml_err(&e, reader.error_position()))?;
                }
                b"w:p" => st.paragraphs.push(Vec::new()),
                b"w:r" => {
                    st.runs.push(false);
                    st.run_info.push(RunInfo {
                        start_tag: (before, reader.buffer_position() as usize),
                        rpr: None,
                    });
                }
                b"w:ins" | b"w:moveTo" => st.ins_depth += 1,
                b"w:rPr" => {
                    if st.in_rpr == 0
                        && let Some(r) = st.run_info.last_mut()
                    {
                        r.rpr = Some((before, before));
                    }
                    st.in_rpr += 1
                }
                b"w:vanish" | b"w:specVanish" => st.vanish(&e),
                b"w:t" => {
                    let name_end = before + 1 + e.name().as_ref().len();
                    let preserve = attr(&e, b"xml:space").is_some_and(|v| v == b"preserve");
                    let span = reader
                        .read_to_end(e.name())
                        .map_err(|e| xml_err(&e, reader.error_position()))?;
                    let (cs, ce) = (span.start as usize, span.end as usize);
                    if st.excluded() {
                        continue;
                    }
                    let Some(para) = st.paragraphs.last_mut() else {
                        continue;
                    };
                    let raw = &text[cs..ce];
                    let value = unescape(raw).map_err(|e| xml_err(&e, cs as u64))?;
                    let n = out.nodes.len();
                    out.nodes.push(Node {
                        part: p,
                        name_end,
                        content_start: cs,
                        content_end: ce,
                        preserve,
                        seg: usize::MAX,
                        elem_start: before,
                        elem_end: reader.buffer_position() as usize,
                        run: st.run_info.last().copied(),
                        in_ins: st.ins_depth > 0,
                    });
                    para.push((value.into_owned(), SegKind::Node(n)));
                }
                _ => {}
            },
            Event::Empty(e) => st.on_empty(&e, before, reader.buffer_position() as usize, out),
            Event::End(e) => st.on_end(e.name().as_ref(), reader.buffer_position() as usize, out),
            _ => {}
        }
    }
    Ok(())
}

/// `dcterms:created` (else `dcterms:modified`) of `docProps/core.xml`.
fn core_date(xml: &[u8]) -> Option<NaiveDate> {
    let text = std::str::from_utf8(xml).ok()?;
    let mut reader = Reader::from_str(text);
    let (mut created, mut modified) = (None, None);
    loop {
        match reader.read_event().ok()? {
            Event::Eof => break,
            Event::Start(e) => {
                let which = match e.name().as_ref() {
                    b"dcterms:created" => 0,
                    b"dcterms:modified" => 1,
                    _ => continue,
                };
                let span = reader.read_to_end(e.name()).ok()?;
                let value = text.get(span.start as usize..span.end as usize)?.trim();
                let date = value
                    .get(..10)
                    .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
                if which == 0 {
                    created = date;
                } else {
                    modified = date;
                }
            }
            _ => {}
        }
    }
    created.or(modified)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn package(document: &str) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let o = zip::write::SimpleFileOptions::default();
        w.start_file("[Content_Types].xml", o).unwrap();
        w.write_all(b"<Types/>").unwrap();
        w.start_file("word/document.xml", o).unwrap();
        w.write_all(document.as_bytes()).unwrap();
        w.finish().unwrap().into_inner()
    }

    fn doc(body: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="x"><w:body>{body}</w:body></w:document>"#
        )
    }

    #[test]
    fn reads_and_fixes_split_runs() {
        let body = r#"<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="1"/></w:tabs></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>学习贯彻党的二十大精</w:t></w:r><w:r><w:t>神,会议</w:t></w:r><w:r><w:tab/><w:t xml:space="preserve">A &amp; B</w:t></w:r></w:p><w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>HYPERLINK</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>链接</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:del><w:r><w:delText>删</w:delText></w:r></w:del><w:ins><w:r><w:t>增</w:t></w:r></w:ins></w:p>"#;
        let bytes = package(&doc(body));
        let d = Docx::read(&bytes, &DocxLimits::default()).unwrap();
        assert_eq!(d.text(), "学习贯彻党的二十大精神,会议\tA & B\n链接增");
        // An edit spanning two runs, one within a run, one crossing a paragraph.
        let fixed = d
            .apply(&bytes, "学习贯彻党的二十大精神，会议\tA & B!\n链接增")
            .unwrap();
        assert_eq!(fixed.applied, 2);
        let again = Docx::read(fixed.bytes.as_ref().unwrap(), &DocxLimits::default()).unwrap();
        assert_eq!(again.text(), "学习贯彻党的二十大精神，会议\tA & B!\n链接增");
        let spanning = d
            .apply(&bytes, "学习贯彻党的二十XY,会议\tA & B\n链接增")
            .unwrap();
        let again = Docx::read(spanning.bytes.as_ref().unwrap(), &DocxLimits::default()).unwrap();
        assert_eq!(again.text(), "学习贯彻党的二十XY,会议\tA & B\n链接增");
        let xml = String::from_utf8(again.parts[0].xml.clone()).unwrap();
        assert!(
            xml.contains("<w:rPr><w:b/></w:rPr><w:t>学习贯彻党的二十XY</w:t>"),
            "{xml}"
        );
        assert!(xml.contains("<w:r><w:t>,会议</w:t>"), "{xml}");
        let crossing = d
            .apply(&bytes, "学习贯彻党的二十大精神,会议\tA & B链接增")
            .unwrap();
        assert_eq!((crossing.applied, crossing.skipped), (0, 1));
        assert!(crossing.bytes.is_none());
        let spaced = d
            .apply(&bytes, " 学习贯彻党的二十大精神,会议\tA & B\n链接增")
            .unwrap();
        let again = Docx::read(spaced.bytes.as_ref().unwrap(), &DocxLimits::default()).unwrap();
        let xml = String::from_utf8(again.parts[0].xml.clone()).unwrap();
        assert!(xml.contains(r#"<w:t xml:space="preserve"> 学习"#), "{xml}");
    }

    #[test]
    fn writes_tracked_changes() {
        let body = r#"<w:p><w:r w:rsidR="1"><w:rPr><w:b/></w:rPr><w:t>会议强调,要深入学习贯彻精</w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>神,坚持</w:t></w:r></w:p><w:p><w:ins w:id="7"><w:r><w:t>新增,内容</w:t></w:r></w:ins></w:p>"#;
        let bytes = package(&doc(body));
        let d = Docx::read(&bytes, &DocxLimits::default()).unwrap();
        let rev = Revision {
            author: "guifan".into(),
            date: "2024-03-18T00:00:00Z".into(),
        };
        let fixed = d
            .apply_with(
                &bytes,
                "会议强调，要深入学习贯彻精神，坚持\n新增，内容",
                Some(&rev),
            )
            .unwrap();
        assert_eq!(fixed.applied, 3);
        let again = Docx::read(fixed.bytes.as_ref().unwrap(), &DocxLimits::default()).unwrap();
        assert_eq!(
            again.text(),
            "会议强调，要深入学习贯彻精神，坚持\n新增，内容"
        );
        let xml = String::from_utf8(again.parts[0].xml.clone()).unwrap();
        let r = r#"w:author="guifan" w:date="2024-03-18T00:00:00Z""#;
        assert!(
            xml.contains(&format!(
                r#"<w:r w:rsidR="1"><w:rPr><w:b/></w:rPr><w:t>会议强调</w:t></w:r><w:del w:id="8" {r}><w:r><w:rPr><w:b/></w:rPr><w:delText xml:space="preserve">,</w:delText></w:r></w:del><w:ins w:id="9" {r}><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">，</w:t></w:r></w:ins><w:r w:rsidR="1"><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">要深入学习贯彻精</w:t></w:r>"#
            )),
            "{xml}"
        );
        // Text inserted as a tracked change is edited directly.
        assert!(
            xml.contains(r#"<w:ins w:id="7"><w:r><w:t>新增，内容</w:t></w:r></w:ins>"#),
            "{xml}"
        );
    }

    #[test]
    fn lines_are_paragraphs() {
        let body = r#"<w:p><w:r><w:t>甲</w:t><w:br/><w:t>乙,</w:t></w:r></w:p><w:p><w:r><w:t>丙</w:t><w:cr/><w:t>丁</w:t></w:r></w:p><w:p/><w:p><w:r><w:t>戊</w:t></w:r></w:p>"#;
        let bytes = package(&doc(body));
        let d = Docx::read(&bytes, &DocxLimits::default()).unwrap();
        assert_eq!(d.text(), "甲\n乙,\n丙\n丁\n\n戊");
        // Paragraphs start at 甲, 丙, the empty one and 戊.
        assert_eq!(d.paragraph_starts(d.text()), Some(vec![0, 9, 17, 18]));
        // The view after a fix keeps its line breaks: same paragraphs,
        // shifted by the longer comma.
        let fixed = d.apply(&bytes, "甲\n乙，\n丙\n丁\n\n戊").unwrap();
        assert_eq!(d.paragraph_starts(&fixed.text), Some(vec![0, 11, 19, 20]));
        assert_eq!(d.paragraph_starts("甲\n乙"), None);
    }

    #[test]
    fn reads_a_text_box_once() {
        let body = r#"<w:p><w:r><w:t>正文</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>文本框,内容</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>文本框,内容</w:t></w:r></w:p></w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>之后</w:t></w:r></w:p>"#;
        let bytes = package(&doc(body));
        let d = Docx::read(&bytes, &DocxLimits::default()).unwrap();
        assert_eq!(d.text(), "文本框,内容\n正文之后");
        let fixed = d.apply(&bytes, "文本框，内容\n正文之后").unwrap();
        let again = Docx::read(fixed.bytes.as_ref().unwrap(), &DocxLimits::default()).unwrap();
        assert_eq!(again.text(), "文本框，内容\n正文之后");
    }

    #[test]
    fn diffs_line_by_line() {
        let apply = |old: &str, edits: &[(usize, usize, String)]| {
            let mut out = String::new();
            let mut at = 0;
            for (a, b, r) in edits {
                out.push_str(&old[at..*a]);
                out.push_str(r);
                at = *b;
            }
            out + &old[at..]
        };
        for (old, new) in [
            ("甲,乙\n丙,丁\n戊", "甲，乙\n丙，丁\n戊"),
            ("甲\n删去这一行\n乙,丙", "甲\n乙，丙"),
            ("甲\n乙", "甲\n新的一行\n乙!"),
            ("𠮷,", "𠮷，"),
            ("", "甲"),
        ] {
            let edits = diff_edits(old, new);
            assert_eq!(apply(old, &edits), new, "{old:?}");
        }
        assert_eq!(
            diff_edits("甲,乙", "甲，乙"),
            vec![(3, 4, "，".to_string())]
        );
    }

    #[test]
    fn bad_input() {
        let limits = DocxLimits::default();
        assert_eq!(
            Docx::read(
                &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0],
                &limits
            )
            .unwrap_err(),
            DocxError::Ole
        );
        assert!(matches!(
            Docx::read(b"PK\x03\x04junk", &limits),
            Err(DocxError::Zip(_))
        ));
        let bytes = package("<w:document><w:body><w:p></w:body>");
        assert!(matches!(
            Docx::read(&bytes, &limits),
            Err(DocxError::Xml { .. })
        ));
        let small = DocxLimits {
            max_total: 10,
            max_ratio: 200,
        };
        let bytes = package(&doc("<w:p/>"));
        assert!(matches!(
            Docx::read(&bytes, &small),
            Err(DocxError::TooLarge { .. })
        ));
    }

    #[test]
    fn reads_the_core_date() {
        let xml = br#"<cp:coreProperties xmlns:dcterms="d"><dcterms:created xsi:type="dcterms:W3CDTF">2023-04-03T08:00:00Z</dcterms:created></cp:coreProperties>"#;
        assert_eq!(core_date(xml), NaiveDate::from_ymd_opt(2023, 4, 3));
    }
}
