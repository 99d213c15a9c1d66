//! Word comments (margin comments) at findings: `guifan check --annotate`.
//!
//! A comment is three things in the package: its text, a `w:comment` in
//! the comments part (`word/comments.xml`, created with its relationship
//! and content type when the document has none, appended to otherwise);
//! the range it comments, between `w:commentRangeStart` and
//! `w:commentRangeEnd` in the story; and the reference mark, a run with
//! `w:commentReference` after the range, where Word and LibreOffice anchor
//! the margin balloon.
//!
//! The range marks go exactly around the characters of the finding. Where
//! the finding starts or ends inside a run, the run is split there (its
//! start tag and properties repeated, as for a tracked change), so the
//! formatting stays as it was; at a run's edge the mark goes beside the
//! run. A range stays within the line of the text view where the finding
//! starts. Word has no comments in headers and footers, and LibreOffice
//! refuses a document with a comment in a footnote: a finding in a header,
//! footer, footnote or endnote is commented at the start of the body, the
//! comment saying where the finding is.
//!
//! As for fixes, the story parts are spliced, not re-serialized, and every
//! other entry of the package is copied raw.

use super::{
    Docx, DocxError, DocxLimits, Node, Revision, SegKind, is_xml_space, read_entry, repack,
    zip_error,
};
use quick_xml::escape::{escape, partial_escape};
use quick_xml::events::Event;
use quick_xml::reader::Reader;
use std::io::Cursor;
use std::ops::Range;

const COMMENTS_TYPE: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments";
const COMMENTS_CONTENT_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml";
const RELS: &str = "word/_rels/document.xml.rels";
const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// A comment to add: the range of the text view it is about, and its text
/// (one paragraph per item).
#[derive(Clone, Debug)]
pub struct Comment {
    /// Byte range of the text view the comment marks.
    pub span: Range<usize>,
    /// The comment's paragraphs (message, suggestion, rule).
    pub paragraphs: Vec<String>,
}

/// The comments for `diagnostics` (byte spans of the text view): at every
/// finding with `all`, else at those without a fix of at least
/// `applicability` (what `guifan fix` would not change). Each says the
/// message, the suggestion and the rule with its severity.
pub fn comments_for(
    diagnostics: &[crate::diagnostic::Diagnostic],
    all: bool,
    applicability: crate::fix::Applicability,
) -> Vec<Comment> {
    diagnostics
        .iter()
        .filter(|d| {
            all || d
                .fix
                .as_ref()
                .is_none_or(|f| f.applicability < applicability)
        })
        .map(|d| {
            let mut paragraphs = vec![d.message.clone()];
            if let Some(help) = &d.help {
                paragraphs.push(format!("建议：{help}"));
            }
            paragraphs.push(format!("规则：{}（{}）", d.rule, d.severity.label_zh()));
            Comment {
                span: d.span.range(),
                paragraphs,
            }
        })
        .collect()
}

/// Range marks by position, the comment elements, and how many comments
/// were moved to the start of the body.
type PlacedMarks = (Vec<(Point, Mark)>, String, usize);

/// A package with comments added.
#[derive(Debug)]
pub struct Annotated {
    /// The new package.
    pub bytes: Vec<u8>,
    /// Comments written (all of those asked for).
    pub comments: usize,
    /// Of them, comments on headers or footers, anchored at the start of
    /// the body.
    pub moved: usize,
}

/// A point of the story: a text node and a byte offset in its text.
type Point = (usize, usize);

/// A mark to insert at a point: range start, or range end and reference.
#[derive(Clone, Copy, Debug)]
enum Mark {
    Start(u64),
    End(u64),
}

impl Mark {
    fn xml(self) -> String {
        match self {
            Mark::Start(id) => format!("<w:commentRangeStart w:id=\"{id}\"/>"),
            Mark::End(id) => format!(
                "<w:commentRangeEnd w:id=\"{id}\"/><w:r><w:commentReference w:id=\"{id}\"/></w:r>"
            ),
        }
    }
}

impl Docx {
    /// Write `comments` into the package `original` (the bytes this `Docx`
    /// was read from), by `rev.author` at `rev.date`. `limits` bound the
    /// package parts read besides the prose (relationships, content types,
    /// existing comments).
    pub fn annotate(
        &self,
        original: &[u8],
        comments: &[Comment],
        rev: &Revision,
        limits: &DocxLimits,
    ) -> Result<Annotated, DocxError> {
        if comments.is_empty() {
            return Ok(Annotated {
                bytes: original.to_vec(),
                comments: 0,
                moved: 0,
            });
        }
        let mut archive = zip::ZipArchive::new(Cursor::new(original)).map_err(zip_error)?;
        let mut total = 0u64;
        let rels = read_named(&mut archive, RELS, limits, &mut total)?;
        let existing = match rels.as_ref().and_then(|(_, xml)| comments_target(xml)) {
            Some(target) => read_named(&mut archive, &target, limits, &mut total)?,
            None => None,
        };
        let first_id = self
            .max_revision_id()
            .max(existing.as_ref().map_or(0, |(_, xml)| max_id(xml)))
            + 1;

        let (marks, elements, moved) = self.place_marks(comments, first_id, rev)?;
        let mut replaced = self.marked_parts(&marks);

        // The comments part, its relationship and its content type.
        let mut added: Vec<(String, Vec<u8>)> = Vec::new();
        match existing {
            Some((index, xml)) => {
                let xml = append_child(&xml, b"w:comments", elements.as_bytes())
                    .ok_or_else(|| DocxError::Write("批注部件中没有 w:comments 元素".into()))?;
                replaced.push((index, xml));
            }
            None => {
                let name = (0..)
                    .map(|i| match i {
                        0 => "word/comments.xml".to_string(),
                        i => format!("word/comments{i}.xml"),
                    })
                    .find(|n| archive.index_for_name(n).is_none())
                    .unwrap_or_default();
                let part = format!(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<w:comments xmlns:w=\"{W_NS}\">{elements}</w:comments>"
                );
                let target = name.trim_start_matches("word/");
                let (rels_index, rels_xml) = match &rels {
                    Some((i, xml)) => (Some(*i), xml.clone()),
                    None => (
                        None,
                        b"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"></Relationships>".to_vec(),
                    ),
                };
                let rel = format!(
                    "<Relationship Id=\"{}\" Type=\"{COMMENTS_TYPE}\" Target=\"{target}\"/>",
                    fresh_rel_id(&rels_xml)
                );
                let new_rels = append_child(&rels_xml, b"Relationships", rel.as_bytes())
                    .ok_or_else(|| DocxError::Write(format!("{RELS} 中没有 Relationships 元素")))?;
                match rels_index {
                    Some(i) => replaced.push((i, new_rels)),
                    None => added.push((RELS.to_string(), new_rels)),
                }
                let (ct_index, ct) =
                    read_named(&mut archive, "[Content_Types].xml", limits, &mut total)?
                        .ok_or_else(|| {
                            DocxError::Write(
                                "压缩包中没有 [Content_Types].xml，不是完整的 Word 文档".into(),
                            )
                        })?;
                let part_name = format!("/{name}");
                if !has_override(&ct, &part_name) {
                    let o = format!(
                        "<Override PartName=\"{part_name}\" ContentType=\"{COMMENTS_CONTENT_TYPE}\"/>"
                    );
                    let ct = append_child(&ct, b"Types", o.as_bytes()).ok_or_else(|| {
                        DocxError::Write("[Content_Types].xml 中没有 Types 元素".into())
                    })?;
                    replaced.push((ct_index, ct));
                }
                added.push((name, part.into_bytes()));
            }
        }
        let replaced_refs: Vec<(usize, &[u8])> =
            replaced.iter().map(|(i, x)| (*i, x.as_slice())).collect();
        let bytes = repack(original, &replaced_refs, &added)?;
        Ok(Annotated {
            bytes,
            comments: comments.len(),
            moved,
        })
    }

    /// Where each comment's range marks go (a finding in a header, footer
    /// or note, or in no text, is marked at the start of the body), sorted;
    /// the comment elements; how many were moved to the body.
    fn place_marks(
        &self,
        comments: &[Comment],
        first_id: u64,
        rev: &Revision,
    ) -> Result<PlacedMarks, DocxError> {
        // The marks, per node, and the comment elements.
        let mut marks: Vec<(Point, Mark)> = Vec::new();
        let mut elements = String::new();
        let mut moved = 0;
        let body_start = self.body_start();
        for (id, c) in (first_id..).zip(comments) {
            let located = self.locate(&c.span);
            let (start, end, place) = match located {
                Some((s, e)) => match self.story(s.0) {
                    Story::Own => (s, e, None),
                    other => match body_start {
                        Some(b) => (b, b, Some(other)),
                        None => (s, e, None),
                    },
                },
                None => match body_start {
                    Some(b) => (b, b, Some(Story::Own)),
                    None => return Err(DocxError::Write("文档中没有可加批注的正文".into())),
                },
            };
            if place.is_some() {
                moved += 1;
            }
            marks.push((start, Mark::Start(id)));
            marks.push((end, Mark::End(id)));
            elements.push_str(&comment_xml(id, c, rev, place));
        }
        // Stable: at one point, marks stay in the order pushed.
        marks.sort_by_key(|(p, _)| *p);
        Ok((marks, elements, moved))
    }

    /// The new XML of every part with marks in it: `(entry index, xml)`.
    fn marked_parts(&self, marks: &[(Point, Mark)]) -> Vec<(usize, Vec<u8>)> {
        let mut replaced: Vec<(usize, Vec<u8>)> = Vec::new();
        for (p, part) in self.parts.iter().enumerate() {
            let xml = &part.xml;
            let mut out = Vec::with_capacity(xml.len() + 256);
            let mut at = 0usize;
            let mut touched = false;
            let mut i = 0;
            while i < marks.len() {
                let n = marks[i].0.0;
                let mut j = i;
                while j < marks.len() && marks[j].0.0 == n {
                    j += 1;
                }
                if self.nodes[n].part == p {
                    touched = true;
                    let mut groups: Vec<(usize, String)> = Vec::new();
                    for ((_, k), m) in &marks[i..j] {
                        match groups.last_mut() {
                            Some((last, s)) if last == k => s.push_str(&m.xml()),
                            _ => groups.push((*k, m.xml())),
                        }
                    }
                    self.mark_node(&mut out, xml, &mut at, n, &groups);
                }
                i = j;
            }
            if touched {
                out.extend_from_slice(&xml[at..]);
                replaced.push((part.index, out));
            }
        }
        replaced
    }

    /// Which story the node is in.
    fn story(&self, n: usize) -> Story {
        let name = &self.parts[self.nodes[n].part].name;
        if name.starts_with("word/header") {
            Story::Header
        } else if name.starts_with("word/footer") {
            Story::Footer
        } else if name == "word/footnotes.xml" {
            Story::Footnote
        } else if name == "word/endnotes.xml" {
            Story::Endnote
        } else {
            Story::Own
        }
    }

    /// The first point of the body's text.
    fn body_start(&self) -> Option<Point> {
        self.nodes
            .iter()
            .enumerate()
            .filter(|(_, node)| node.part == 0 && node.seg != usize::MAX)
            .min_by_key(|(_, node)| self.segs[node.seg].start)
            .map(|(n, _)| (n, 0))
    }

    /// Where a comment on `span` of the text view starts and ends: points
    /// in text nodes of the line where the span starts (`None`: that line
    /// has no text node).
    fn locate(&self, span: &Range<usize>) -> Option<(Point, Point)> {
        let text = &self.text;
        let mut a = span.start.min(text.len());
        while !text.is_char_boundary(a) {
            a -= 1;
        }
        let line_start = text[..a].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[a..].find('\n').map_or(text.len(), |i| a + i);
        let b = span.end.clamp(a, line_end);
        let first = self.segs.partition_point(|s| s.end() < line_start);
        let line: Vec<(usize, usize, usize)> = self.segs[first..]
            .iter()
            .take_while(|s| s.start <= line_end)
            .filter_map(|s| match s.kind {
                SegKind::Node(n) if s.len > 0 && s.start >= line_start && s.end() <= line_end => {
                    Some((n, s.start, s.end()))
                }
                _ => None,
            })
            .collect();
        // A start in a tab or a line break: just after the text before
        // it; an end there: just before the text after it (the range
        // encloses the tab).
        let start = if let Some((n, s, _)) = line.iter().find(|(_, s, e)| *s <= a && a < *e) {
            (*n, a - s)
        } else if let Some((n, s, e)) = line.iter().rev().find(|(_, _, e)| *e <= a) {
            (*n, e - s)
        } else {
            let (n, _, _) = line.iter().find(|(_, s, _)| *s >= a)?;
            (*n, 0)
        };
        let end = if b == a {
            start
        } else if let Some((n, s, _)) = line.iter().find(|(_, s, e)| *s < b && b <= *e) {
            (*n, b - s)
        } else if let Some((n, _, _)) = line.iter().find(|(_, s, _)| *s >= b) {
            (*n, 0)
        } else {
            line.last().map_or(start, |(n, s, e)| (*n, e - s))
        };
        Some((start, end.max(start)))
    }

    /// Copy `xml` from `at` through node `n`, with the marks `groups`
    /// (offset in the node's text, marks) put in: beside the run at its
    /// edges, else in the run split there.
    fn mark_node(
        &self,
        out: &mut Vec<u8>,
        xml: &[u8],
        at: &mut usize,
        n: usize,
        groups: &[(usize, String)],
    ) {
        let node: &Node = &self.nodes[n];
        let text = self.node_text(n);
        let mut groups = groups;
        let Some(run) = node.run else {
            // No run to split: the marks go before the text node.
            out.extend_from_slice(&xml[*at..node.elem_start]);
            for (_, m) in groups {
                out.extend_from_slice(m.as_bytes());
            }
            *at = node.elem_start;
            return;
        };
        // At the start of a run's first text: before the run.
        let content = run.rpr.map_or(run.start_tag.1, |r| r.1);
        if let Some((0, m)) = groups.first()
            && run.start_tag.0 >= *at
            && content <= node.elem_start
            && xml[content..node.elem_start]
                .iter()
                .all(u8::is_ascii_whitespace)
        {
            out.extend_from_slice(&xml[*at..run.start_tag.0]);
            out.extend_from_slice(m.as_bytes());
            *at = run.start_tag.0;
            groups = &groups[1..];
        }
        // At the end of a run's last text: after the run.
        let mut trailing = None;
        if let Some((k, m)) = groups.last()
            && *k == text.len()
            && xml[node.elem_end..].starts_with(b"</w:r>")
        {
            trailing = Some(m);
            groups = &groups[..groups.len() - 1];
        }
        if let Some((first, _)) = groups.first() {
            let rpr = run.rpr.map_or(&b""[..], |(s, e)| &xml[s..e]);
            let start_tag = &xml[run.start_tag.0..run.start_tag.1];
            let kept = &text[..*first];
            if kept.is_empty() {
                // Nothing before the first mark: the text node goes.
                out.extend_from_slice(&xml[*at..node.elem_start]);
            } else if (kept.starts_with(is_xml_space) || kept.ends_with(is_xml_space))
                && !node.preserve
            {
                out.extend_from_slice(&xml[*at..node.name_end]);
                out.extend_from_slice(b" xml:space=\"preserve\"");
                out.extend_from_slice(&xml[node.name_end..node.content_start]);
            } else {
                out.extend_from_slice(&xml[*at..node.content_start]);
            }
            if !kept.is_empty() {
                out.extend_from_slice(partial_escape(kept).as_bytes());
                out.extend_from_slice(&xml[node.content_end..node.elem_end]);
            }
            for (i, (k, m)) in groups.iter().enumerate() {
                let until = groups.get(i + 1).map_or(text.len(), |g| g.0);
                out.extend_from_slice(b"</w:r>");
                out.extend_from_slice(m.as_bytes());
                out.extend_from_slice(start_tag);
                out.extend_from_slice(rpr);
                if until > *k {
                    out.extend_from_slice(b"<w:t xml:space=\"preserve\">");
                    out.extend_from_slice(partial_escape(&text[*k..until]).as_bytes());
                    out.extend_from_slice(b"</w:t>");
                }
            }
            *at = node.elem_end;
        }
        if let Some(m) = trailing {
            let after = node.elem_end + b"</w:r>".len();
            out.extend_from_slice(&xml[*at..after]);
            out.extend_from_slice(m.as_bytes());
            *at = after;
        }
    }
}

/// Read the entry `name`, if the package has it.
fn read_named(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
    limits: &DocxLimits,
    total: &mut u64,
) -> Result<Option<(usize, Vec<u8>)>, DocxError> {
    match archive.index_for_name(name) {
        Some(i) => Ok(Some((i, read_entry(archive, i, limits, total)?))),
        None => Ok(None),
    }
}

/// The story a finding is in, for comments that cannot go there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Story {
    /// Where it can be commented (the body, its tables and text boxes).
    Own,
    Header,
    Footer,
    /// Word allows comments in notes, but LibreOffice (7.4) refuses to
    /// open a document with one: notes are commented at the body's start.
    Footnote,
    Endnote,
}

/// One `w:comment` element.
fn comment_xml(id: u64, c: &Comment, rev: &Revision, place: Option<Story>) -> String {
    let mut s = format!(
        "<w:comment w:id=\"{id}\" w:author=\"{}\" w:date=\"{}\" w:initials=\"{}\">",
        escape(rev.author.as_str()),
        escape(rev.date.as_str()),
        escape(initials(&rev.author).as_str()),
    );
    let note = match place {
        None => None,
        Some(Story::Header) => Some("（此问题位于页眉）"),
        Some(Story::Footer) => Some("（此问题位于页脚）"),
        Some(Story::Footnote) => Some("（此问题位于脚注）"),
        Some(Story::Endnote) => Some("（此问题位于尾注）"),
        Some(Story::Own) => Some("（此问题所在的行没有可加批注的文字）"),
    };
    let paragraphs = c.paragraphs.iter().map(String::as_str).chain(note);
    for (i, p) in paragraphs.enumerate() {
        s.push_str("<w:p>");
        if i == 0 {
            s.push_str("<w:r><w:annotationRef/></w:r>");
        }
        s.push_str("<w:r><w:t xml:space=\"preserve\">");
        s.push_str(&escape(p));
        s.push_str("</w:t></w:r></w:p>");
    }
    s.push_str("</w:comment>");
    s
}

fn initials(author: &str) -> String {
    author.chars().take(2).collect::<String>().to_uppercase()
}

/// The attributes of the elements named `name` in `xml`.
fn elements_with(xml: &[u8], name: &[u8], mut f: impl FnMut(&quick_xml::events::BytesStart<'_>)) {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Eof) | Err(_) => break,
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) if e.name().as_ref() == name => f(&e),
            _ => {}
        }
        buf.clear();
    }
}

fn attr_str(e: &quick_xml::events::BytesStart<'_>, name: &[u8]) -> Option<String> {
    super::attr(e, name).map(|v| String::from_utf8_lossy(&v).into_owned())
}

/// The comments part of the document's relationships, as a package path.
fn comments_target(rels: &[u8]) -> Option<String> {
    let mut target = None;
    elements_with(rels, b"Relationship", |e| {
        if target.is_none()
            && attr_str(e, b"Type").as_deref() == Some(COMMENTS_TYPE)
            && attr_str(e, b"TargetMode").as_deref() != Some("External")
        {
            target = attr_str(e, b"Target");
        }
    });
    let target = target?;
    Some(match target.strip_prefix('/') {
        Some(abs) => abs.to_string(),
        None => format!("word/{target}"),
    })
}

/// A relationship id not used in `rels`: `rId` and one more than the
/// largest number used.
fn fresh_rel_id(rels: &[u8]) -> String {
    let mut max = 0u64;
    elements_with(rels, b"Relationship", |e| {
        if let Some(n) = attr_str(e, b"Id")
            .and_then(|id| id.strip_prefix("rId").and_then(|d| d.parse::<u64>().ok()))
        {
            max = max.max(n);
        }
    });
    format!("rId{}", max + 1)
}

/// The largest `w:id` of the comments in a comments part.
fn max_id(xml: &[u8]) -> u64 {
    let mut max = 0;
    elements_with(xml, b"w:comment", |e| {
        if let Some(n) = attr_str(e, b"w:id").and_then(|v| v.parse::<u64>().ok()) {
            max = max.max(n);
        }
    });
    max.min(i32::MAX as u64 / 2)
}

fn has_override(ct: &[u8], part_name: &str) -> bool {
    let mut found = false;
    elements_with(ct, b"Override", |e| {
        found |= attr_str(e, b"PartName").is_some_and(|p| p.eq_ignore_ascii_case(part_name));
    });
    found
}

/// `xml` with `child` added as the last child of its root element `root`
/// (`None` when there is no such root).
fn append_child(xml: &[u8], root: &[u8], child: &[u8]) -> Option<Vec<u8>> {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut depth = 0usize;
    loop {
        let before = reader.buffer_position() as usize;
        match reader.read_event_into(&mut buf).ok()? {
            Event::Eof => return None,
            Event::Start(_) => depth += 1,
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                if depth == 0 && e.name().as_ref() == root {
                    let mut out = Vec::with_capacity(xml.len() + child.len());
                    out.extend_from_slice(&xml[..before]);
                    out.extend_from_slice(child);
                    out.extend_from_slice(&xml[before..]);
                    return Some(out);
                }
            }
            Event::Empty(e) if depth == 0 && e.name().as_ref() == root => {
                // `<root …/>` becomes `<root …>child</root>`.
                let end = reader.buffer_position() as usize;
                let tag = &xml[before..end];
                let slash = tag.iter().rposition(|b| *b == b'/')?;
                let mut out = Vec::with_capacity(xml.len() + child.len() + root.len() + 3);
                out.extend_from_slice(&xml[..before]);
                out.extend_from_slice(&tag[..slash]);
                out.extend_from_slice(&tag[slash + 1..]);
                out.extend_from_slice(child);
                out.extend_from_slice(b"</");
                out.extend_from_slice(root);
                out.extend_from_slice(b">");
                out.extend_from_slice(&xml[end..]);
                return Some(out);
            }
            _ => {}
        }
        buf.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};

    const CT: &str = r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#;

    fn package(entries: &[(&str, &str)]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let o = zip::write::SimpleFileOptions::default();
        for (name, body) in entries {
            w.start_file(*name, o).unwrap();
            w.write_all(body.as_bytes()).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    fn doc(body: &str) -> String {
        format!(r#"<w:document xmlns:w="x"><w:body>{body}</w:body></w:document>"#)
    }

    fn entry(bytes: &[u8], name: &str) -> String {
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut s = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
        s
    }

    fn rev() -> Revision {
        Revision {
            author: "guifan".into(),
            date: "2024-03-18T00:00:00Z".into(),
        }
    }

    fn comment(text: &str, view: &str, what: &str) -> Comment {
        let s = view.find(what).unwrap();
        Comment {
            span: s..s + what.len(),
            paragraphs: vec![text.into()],
        }
    }

    fn annotate(body: &str, extra: &[(&str, &str)], what: &[&str]) -> (Vec<u8>, Annotated) {
        let d = doc(body);
        let mut entries = vec![
            ("[Content_Types].xml", CT),
            ("word/document.xml", d.as_str()),
        ];
        entries.extend_from_slice(extra);
        let bytes = package(&entries);
        let docx = Docx::read(&bytes, &DocxLimits::default()).unwrap();
        let view = docx.text().to_string();
        let comments: Vec<Comment> = what.iter().map(|w| comment("问题", &view, w)).collect();
        let out = docx
            .annotate(&bytes, &comments, &rev(), &DocxLimits::default())
            .unwrap();
        let again = Docx::read(&out.bytes, &DocxLimits::default()).unwrap();
        assert_eq!(again.text(), view, "the text view is unchanged");
        (bytes, out)
    }

    const REF: &str = "<w:r><w:commentReference w:id=\"1\"/></w:r>";

    #[test]
    fn marks_go_beside_whole_runs_and_split_others() {
        let body = r#"<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>会议,</w:t></w:r><w:r w:rsidR="9"><w:rPr><w:i/></w:rPr><w:t xml:space="preserve">强调 要 深入</w:t></w:r></w:p>"#;
        // A whole run: the marks beside it, nothing split.
        let (_, out) = annotate(body, &[], &["会议,"]);
        let xml = entry(&out.bytes, "word/document.xml");
        assert!(xml.contains(&format!(r#"<w:p><w:commentRangeStart w:id="1"/><w:r><w:rPr><w:b/></w:rPr><w:t>会议,</w:t></w:r><w:commentRangeEnd w:id="1"/>{REF}<w:r w:rsidR="9">"#)), "{xml}");
        // Mid-run, across two runs: both split, each keeping its properties.
        let (_, out) = annotate(body, &[], &[",强调 "]);
        let xml = entry(&out.bytes, "word/document.xml");
        assert!(xml.contains(&format!(r#"<w:r><w:rPr><w:b/></w:rPr><w:t>会议</w:t></w:r><w:commentRangeStart w:id="1"/><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">,</w:t></w:r><w:r w:rsidR="9"><w:rPr><w:i/></w:rPr><w:t xml:space="preserve">强调 </w:t></w:r><w:commentRangeEnd w:id="1"/>{REF}<w:r w:rsidR="9"><w:rPr><w:i/></w:rPr><w:t xml:space="preserve">要 深入</w:t></w:r>"#)), "{xml}");
        assert_eq!(out.comments, 1);
        assert_eq!(out.moved, 0);
    }

    #[test]
    fn a_tab_is_enclosed_and_an_insertion_is_commented_inside() {
        let body = r#"<w:p><w:r><w:t>甲</w:t><w:tab/><w:t>乙</w:t></w:r><w:ins w:id="4" w:author="a" w:date="d"><w:r><w:t>丙,丁</w:t></w:r></w:ins></w:p>"#;
        let (_, out) = annotate(body, &[], &["\t", ","]);
        let xml = entry(&out.bytes, "word/document.xml");
        // Ids above the document's revision ids.
        let r5 = "<w:r><w:commentReference w:id=\"5\"/></w:r>";
        let r6 = "<w:r><w:commentReference w:id=\"6\"/></w:r>";
        assert!(xml.contains(&format!(r#"<w:r><w:t>甲</w:t></w:r><w:commentRangeStart w:id="5"/><w:r><w:tab/></w:r><w:commentRangeEnd w:id="5"/>{r5}<w:r><w:t xml:space="preserve">乙</w:t></w:r>"#)), "{xml}");
        assert!(xml.contains(&format!(r#"<w:ins w:id="4" w:author="a" w:date="d"><w:r><w:t>丙</w:t></w:r><w:commentRangeStart w:id="6"/><w:r><w:t xml:space="preserve">,</w:t></w:r><w:commentRangeEnd w:id="6"/>{r6}<w:r><w:t xml:space="preserve">丁</w:t></w:r></w:ins>"#)), "{xml}");
    }

    #[test]
    fn creates_the_comments_part_relationship_and_content_type() {
        let body = "<w:p><w:r><w:t>会议,强调</w:t></w:r></w:p>";
        let (_, out) = annotate(body, &[], &[","]);
        let rels = entry(&out.bytes, "word/_rels/document.xml.rels");
        assert!(rels.contains(&format!(r#"<Relationship Id="rId1" Type="{COMMENTS_TYPE}" Target="comments.xml"/></Relationships>"#)), "{rels}");
        let ct = entry(&out.bytes, "[Content_Types].xml");
        assert!(ct.ends_with(&format!(r#"<Override PartName="/word/comments.xml" ContentType="{COMMENTS_CONTENT_TYPE}"/></Types>"#)), "{ct}");
        let comments = entry(&out.bytes, "word/comments.xml");
        assert!(comments.contains(r#"<w:comment w:id="1" w:author="guifan" w:date="2024-03-18T00:00:00Z" w:initials="GU"><w:p><w:r><w:annotationRef/></w:r><w:r><w:t xml:space="preserve">问题</w:t></w:r></w:p></w:comment></w:comments>"#), "{comments}");
    }

    #[test]
    fn appends_to_an_existing_comments_part() {
        let body = r#"<w:p><w:commentRangeStart w:id="7"/><w:r><w:t>会议,强调</w:t></w:r><w:commentRangeEnd w:id="7"/></w:p>"#;
        let rels = format!(
            r#"<Relationships xmlns="r"><Relationship Id="rId3" Type="{COMMENTS_TYPE}" Target="/word/notes.xml"/></Relationships>"#
        );
        let existing = r#"<w:comments xmlns:w="x"><w:comment w:id="12" w:author="王"><w:p/></w:comment></w:comments>"#;
        let (before, out) = annotate(
            body,
            &[
                ("word/_rels/document.xml.rels", &rels),
                ("word/notes.xml", existing),
            ],
            &[","],
        );
        let notes = entry(&out.bytes, "word/notes.xml");
        assert!(notes.starts_with(r#"<w:comments xmlns:w="x"><w:comment w:id="12" w:author="王"><w:p/></w:comment><w:comment w:id="13" "#), "{notes}");
        // Nothing else of the package changed.
        assert_eq!(entry(&out.bytes, "word/_rels/document.xml.rels"), rels);
        assert_eq!(entry(&out.bytes, "[Content_Types].xml"), CT);
        let zip = zip::ZipArchive::new(Cursor::new(&before[..])).unwrap();
        let names: Vec<&str> = zip.file_names().collect();
        let after = zip::ZipArchive::new(Cursor::new(&out.bytes[..])).unwrap();
        assert_eq!(after.len(), names.len());
        // A self-closing root gets its first child.
        let empty = r#"<w:comments xmlns:w="x"/>"#;
        let (_, out) = annotate(
            body,
            &[
                ("word/_rels/document.xml.rels", &rels),
                ("word/notes.xml", empty),
            ],
            &[","],
        );
        let notes = entry(&out.bytes, "word/notes.xml");
        assert!(
            notes.starts_with(r#"<w:comments xmlns:w="x"><w:comment w:id="8" "#),
            "{notes}"
        );
        assert!(notes.ends_with("</w:comment></w:comments>"), "{notes}");
    }

    #[test]
    fn headers_and_empty_lines_are_commented_at_the_start_of_the_body() {
        let body =
            r#"<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t>正文</w:t></w:r></w:p><w:p/>"#;
        let header = r#"<w:hdr xmlns:w="x"><w:p><w:r><w:t>页眉,</w:t></w:r></w:p></w:hdr>"#;
        let d = doc(body);
        let bytes = package(&[
            ("[Content_Types].xml", CT),
            ("word/document.xml", &d),
            ("word/header1.xml", header),
        ]);
        let docx = Docx::read(&bytes, &DocxLimits::default()).unwrap();
        assert_eq!(docx.text(), "正文\n\n页眉,");
        let comments = [
            comment("页眉问题", docx.text(), ","),
            Comment {
                span: 7..7,
                paragraphs: vec!["空行问题".into()],
            },
        ];
        let out = docx
            .annotate(&bytes, &comments, &rev(), &DocxLimits::default())
            .unwrap();
        assert_eq!((out.comments, out.moved), (2, 2));
        let xml = entry(&out.bytes, "word/document.xml");
        assert!(xml.contains(r#"<w:pPr><w:jc w:val="center"/></w:pPr><w:commentRangeStart w:id="1"/><w:commentRangeEnd w:id="1"/><w:r><w:commentReference w:id="1"/></w:r><w:commentRangeStart w:id="2"/><w:commentRangeEnd w:id="2"/><w:r><w:commentReference w:id="2"/></w:r><w:r><w:t>正文</w:t></w:r>"#), "{xml}");
        assert!(!entry(&out.bytes, "word/header1.xml").contains("comment"));
        let c = entry(&out.bytes, "word/comments.xml");
        assert!(
            c.contains("（此问题位于页眉）") && c.contains("（此问题所在的行没有可加批注的文字）"),
            "{c}"
        );
    }
}
