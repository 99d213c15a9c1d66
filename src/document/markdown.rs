//! Markdown: the text of paragraphs, headings, list items, quotes and table
//! cells (with link text and emphasis), mapped back to the file.
//!
//! Parsed with pulldown-cmark (`into_offset_iter`, CommonMark + tables,
//! footnotes, strikethrough, task lists, front matter). Never prose: fenced
//! and indented code blocks, HTML blocks and inline HTML tags (and the
//! content of inline `<script>`/`<style>`), link and image destinations,
//! image alt text, front matter (YAML `---` / TOML `+++`).
//!
//! * Inline code becomes one U+FFFC placeholder (a masked `replaced` chunk),
//!   so `中文`code`,中文` does not glue its two sides together.
//! * Backslash escapes (`\*`) and character references (`&amp;`) are
//!   `replaced` chunks covering their source bytes.
//! * A soft or hard line break is the source's `\n` byte (verbatim; the `\r`
//!   of a CRLF file stays out of the prose).
//! * Blocks are separated by a synthetic `\n`.
//! * Suppression directives come from HTML comments, wherever they are.

use super::html::{PLACEHOLDER, parse_directive};
use super::{Block, BlockKind, Directive, ProseView, SourceMap, SourceMapBuilder};
use crate::span::Span;
use chrono::NaiveDate;
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// A `date` key in YAML (`date: 2024-03-05`) or TOML (`date = 2024-03-05`)
/// front matter, quoted or not, possibly with a time after it.
static FRONT_MATTER_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?mi)^\s*(?:date|pubdate|publishdate|published|发布日期|日期)\s*[:=]\s*["']?(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})"#,
    )
    .expect("front matter date regex")
});

/// The date of a front matter block's text, if it has one.
fn front_matter_date(text: &str) -> Option<NaiveDate> {
    let caps = FRONT_MATTER_DATE.captures(text)?;
    NaiveDate::from_ymd_opt(
        caps[1].parse().ok()?,
        caps[2].parse().ok()?,
        caps[3].parse().ok()?,
    )
}

pub(crate) fn read(source: &str) -> ProseView {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    // pulldown-cmark sees a BOM as text; parse after it, offsets shifted back.
    let base = if source.starts_with('\u{feff}') { 3 } else { 0 };
    let mut reader = Reader::new(source, base);
    for (event, range) in Parser::new_ext(&source[base..], options).into_offset_iter() {
        reader.event(event, range.start + base..range.end + base);
    }
    reader.finish()
}

struct Reader<'a> {
    src: &'a str,
    prose: String,
    map: SourceMapBuilder,
    blocks: Vec<Block>,
    directives: Vec<Directive>,
    masks: Vec<Span>,
    /// Kinds of the open containers (paragraph, heading, item, quote, cell).
    containers: Vec<BlockKind>,
    /// Nesting of content that is not prose (code blocks, HTML blocks,
    /// front matter, images).
    hidden: usize,
    /// Inline HTML element whose content is hidden (`script`, `style`), or
    /// the source start of an inline `<code>` element.
    inline_raw: Option<InlineRaw>,
    /// Source end of the last inline event, to tell escapes from other backslashes.
    inline_end: usize,
    block: Option<(usize, BlockKind)>,
    /// Inside front matter.
    in_metadata: bool,
    date: Option<NaiveDate>,
}

#[derive(Clone, Copy)]
enum InlineRaw {
    Hidden(&'static str),
    Code(usize),
}

impl<'a> Reader<'a> {
    fn new(src: &'a str, base: usize) -> Self {
        Reader {
            src,
            prose: String::with_capacity(src.len()),
            map: SourceMap::builder(),
            blocks: Vec::new(),
            directives: Vec::new(),
            masks: Vec::new(),
            containers: Vec::new(),
            hidden: 0,
            inline_raw: None,
            inline_end: base,
            block: None,
            in_metadata: false,
            date: None,
        }
    }

    fn finish(mut self) -> ProseView {
        self.end_block();
        ProseView {
            text: Some(self.prose),
            map: self.map.finish(),
            blocks: self.blocks,
            directives: self.directives,
            masks: self.masks,
            date: self.date,
        }
    }

    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => {
                if self.in_metadata && self.date.is_none() {
                    self.date = front_matter_date(&text);
                }
                if self.hidden == 0 && self.inline_raw.is_none() {
                    self.text(&text, range.clone());
                }
                self.inline_end = range.end;
            }
            Event::Code(_) => {
                if self.hidden == 0 && self.inline_raw.is_none() {
                    self.placeholder(Span::new(range.start, range.end));
                }
                self.inline_end = range.end;
            }
            Event::SoftBreak | Event::HardBreak => {
                if self.hidden == 0 && self.inline_raw.is_none() && self.block.is_some() {
                    let slice = &self.src[range.clone()];
                    if slice.ends_with('\n') {
                        self.prose.push('\n');
                        self.map.verbatim(range.end - 1, 1);
                    } else {
                        self.prose.push('\n');
                        self.map.replaced(1, Span::new(range.start, range.end));
                    }
                }
                self.inline_end = range.end;
            }
            Event::InlineHtml(html) => {
                self.comments(range.clone());
                self.inline_html(&html, range.clone());
                self.inline_end = range.end;
            }
            Event::Html(_) => {}
            Event::FootnoteReference(_) | Event::TaskListMarker(_) => {
                self.inline_end = range.end;
            }
            Event::InlineMath(_) | Event::DisplayMath(_) => {
                if self.hidden == 0 && self.inline_raw.is_none() {
                    self.placeholder(Span::new(range.start, range.end));
                }
                self.inline_end = range.end;
            }
            Event::Rule => self.end_block(),
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>) {
        match tag {
            Tag::Paragraph => self.container(BlockKind::Paragraph),
            Tag::Heading { level, .. } => self.container(BlockKind::Heading(heading(level))),
            Tag::Item | Tag::DefinitionListDefinition | Tag::DefinitionListTitle => {
                self.container(BlockKind::ListItem)
            }
            Tag::BlockQuote(_) => self.container(BlockKind::BlockQuote),
            Tag::TableCell => self.container(BlockKind::TableCell),
            Tag::FootnoteDefinition(_) => self.container(BlockKind::Paragraph),
            Tag::CodeBlock(_) => {
                self.end_block();
                self.hidden += 1;
            }
            Tag::MetadataBlock(_) => {
                self.end_block();
                self.hidden += 1;
                self.in_metadata = true;
            }
            Tag::HtmlBlock => {
                self.end_block();
                self.hidden += 1;
                self.comments(range);
            }
            Tag::Image { .. } => self.hidden += 1,
            Tag::List(_) | Tag::Table(_) | Tag::TableHead | Tag::TableRow | Tag::DefinitionList => {
                self.end_block()
            }
            Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. } => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::Item
            | TagEnd::DefinitionListDefinition
            | TagEnd::DefinitionListTitle
            | TagEnd::BlockQuote(_)
            | TagEnd::TableCell
            | TagEnd::FootnoteDefinition => {
                self.end_block();
                self.containers.pop();
                self.inline_raw = None;
            }
            TagEnd::CodeBlock | TagEnd::MetadataBlock(_) | TagEnd::HtmlBlock => {
                self.end_block();
                self.hidden = self.hidden.saturating_sub(1);
                self.in_metadata = false;
            }
            TagEnd::Image => self.hidden = self.hidden.saturating_sub(1),
            TagEnd::List(_)
            | TagEnd::Table
            | TagEnd::TableHead
            | TagEnd::TableRow
            | TagEnd::DefinitionList => self.end_block(),
            TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link => {}
        }
    }

    fn container(&mut self, kind: BlockKind) {
        self.end_block();
        self.containers.push(kind);
    }

    fn text(&mut self, text: &str, range: Range<usize>) {
        let slice = &self.src[range.clone()];
        if slice != text {
            // A character reference (or anything else pulldown-cmark rewrote).
            self.open_block(range.start);
            self.prose.push_str(text);
            self.map
                .replaced(text.len(), Span::new(range.start, range.end));
            return;
        }
        let mut start = range.start;
        // A backslash escape: the `\` is left out of the range that follows it.
        let escaped = start > self.inline_end
            && self.src.as_bytes()[start - 1] == b'\\'
            && text
                .as_bytes()
                .first()
                .is_some_and(u8::is_ascii_punctuation);
        self.open_block(start);
        if escaped {
            self.prose.push_str(&text[..1]);
            self.map.replaced(1, Span::new(start - 1, start + 1));
            start += 1;
        }
        let rest = &self.src[start..range.end];
        self.prose.push_str(rest);
        self.map.verbatim(start, rest.len());
    }

    fn inline_html(&mut self, html: &str, range: Range<usize>) {
        let lower = html.trim_start().to_ascii_lowercase();
        match self.inline_raw {
            Some(InlineRaw::Hidden(name)) => {
                if lower.starts_with("</") && lower[2..].starts_with(name) {
                    self.inline_raw = None;
                }
            }
            Some(InlineRaw::Code(start)) => {
                if lower.starts_with("</code") {
                    self.inline_raw = None;
                    if self.hidden == 0 {
                        self.placeholder(Span::new(start, range.end));
                    }
                }
            }
            None => {
                let opens = |name: &str| {
                    lower.strip_prefix('<').is_some_and(|rest| {
                        rest.strip_prefix(name)
                            .is_some_and(|after| after.starts_with(['>', ' ', '\t', '\n', '\r']))
                    })
                };
                if let Some(name) = ["script", "style"].into_iter().find(|n| opens(n)) {
                    self.inline_raw = Some(InlineRaw::Hidden(name));
                } else if opens("code") {
                    self.inline_raw = Some(InlineRaw::Code(range.start));
                }
            }
        }
    }

    /// Finds suppression comments in a run of HTML.
    fn comments(&mut self, range: Range<usize>) {
        let html = &self.src[range.clone()];
        let mut from = 0;
        while let Some(open) = html[from..].find("<!--") {
            let body_start = from + open + 4;
            let Some(close) = html[body_start..].find("-->") else {
                break;
            };
            if let Some(d) = parse_directive(
                &html[body_start..body_start + close],
                range.start + from + open,
            ) {
                self.directives.push(d);
            }
            from = body_start + close + 3;
        }
    }

    fn open_block(&mut self, at: usize) {
        if self.block.is_some() {
            return;
        }
        if !self.prose.is_empty() {
            self.prose.push('\n');
            self.map.synthetic(1, at);
        }
        let kind = self
            .containers
            .iter()
            .rev()
            .copied()
            .find(|k| *k != BlockKind::Paragraph)
            .unwrap_or(BlockKind::Paragraph);
        self.block = Some((self.prose.len(), kind));
    }

    fn end_block(&mut self) {
        if let Some((start, kind)) = self.block.take() {
            let text = &self.prose[start..];
            let lead = text.len() - text.trim_start().len();
            let end = start + text.trim_end().len();
            if end > start + lead {
                self.blocks.push(Block {
                    span: Span::new(start + lead, end),
                    kind,
                });
            }
        }
    }

    fn placeholder(&mut self, source: Span) {
        self.open_block(source.start);
        let start = self.prose.len();
        self.prose.push_str(PLACEHOLDER);
        self.map.replaced(PLACEHOLDER.len(), source);
        self.masks.push(Span::new(start, self.prose.len()));
    }
}

fn heading(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source_of<'s>(src: &'s str, v: &ProseView, needle: &str) -> &'s str {
        let text = v.text.as_deref().unwrap();
        let at = text.find(needle).unwrap();
        &src[v.map.to_source(Span::new(at, at + needle.len())).range()]
    }

    #[test]
    fn paragraphs_headings_lists_quotes_tables() {
        let src = "# 标题\n\n第一段,\n第二行。\n\n- 甲\n- 乙\n\n> 引用\n\n| 表 | 格 |\n|---|---|\n| 中 | 文 |\n";
        let v = read(src);
        let text = v.text.as_deref().unwrap();
        assert_eq!(
            text,
            "标题\n第一段,\n第二行。\n甲\n乙\n引用\n表\n格\n中\n文"
        );
        let kinds: Vec<BlockKind> = v.blocks.iter().map(|b| b.kind).collect();
        use BlockKind::*;
        assert_eq!(
            kinds,
            [
                Heading(1),
                Paragraph,
                ListItem,
                ListItem,
                BlockQuote,
                TableCell,
                TableCell,
                TableCell,
                TableCell
            ]
        );
        assert_eq!(&text[v.blocks[1].span.range()], "第一段,\n第二行。");
    }

    #[test]
    fn code_is_never_prose() {
        let src =
            "中文`a,b`,中文\n\n```\nx,y\n```\n\n    indented,code\n\n<div>\nhtml,块\n</div>\n";
        let v = read(src);
        assert_eq!(v.text.as_deref(), Some("中文\u{fffc},中文"));
        assert_eq!(v.masks, vec![Span::new(6, 9)]);
        assert_eq!(source_of(src, &v, "\u{fffc}"), "`a,b`");
    }

    #[test]
    fn escapes_and_entities_are_replaced() {
        let src = "中文\\,中文&amp;x&#x4E2D;\n";
        let v = read(src);
        assert_eq!(v.text.as_deref(), Some("中文,中文&x中"));
        assert_eq!(source_of(src, &v, ","), "\\,");
        assert_eq!(source_of(src, &v, "&"), "&amp;");
        assert_eq!(source_of(src, &v, "x"), "x");
    }

    #[test]
    fn crlf_soft_breaks_are_the_newline_byte() {
        let src = "第一行,\r\n第二行  \r\n第三行\r\n";
        let v = read(src);
        assert_eq!(v.text.as_deref(), Some("第一行,\n第二行\n第三行"));
        assert_eq!(source_of(src, &v, ",\n第二"), ",\r\n第二");
        assert_eq!(v.blocks.len(), 1);
    }

    #[test]
    fn links_keep_text_not_urls_and_images_are_dropped() {
        let v = read("见[通知,全文](http://a.cn/x,y) ![图,片](b.png)。");
        assert_eq!(v.text.as_deref(), Some("见通知,全文 。"));
    }

    #[test]
    fn front_matter_is_skipped() {
        let v = read("---\ntitle: a,b\ndate: 2024-01-02 10:00\n---\n\n正文\n");
        assert_eq!(v.text.as_deref(), Some("正文"));
        assert_eq!(v.date, NaiveDate::from_ymd_opt(2024, 1, 2));
        let v = read("+++\ntitle = \"a,b\"\ndate = \"2023-12-31\"\n+++\n\n正文\n");
        assert_eq!(v.text.as_deref(), Some("正文"));
        assert_eq!(v.date, NaiveDate::from_ymd_opt(2023, 12, 31));
        let v = read("---\ntitle: 无日期\n---\n\n正文\n");
        assert_eq!(v.date, None);
    }

    #[test]
    fn inline_html_tags_are_not_prose() {
        let src = "中文<b>,</b>中文<script>a,b</script>。<code>x,y</code>好\n";
        let v = read(src);
        assert_eq!(v.text.as_deref(), Some("中文,中文。\u{fffc}好"));
        assert_eq!(source_of(src, &v, ","), ",");
        assert_eq!(source_of(src, &v, "\u{fffc}"), "<code>x,y</code>");
    }

    #[test]
    fn directives_in_blocks_and_inline() {
        let src = "<!-- guifan-disable dates -->\n\n段落<!-- guifan-enable dates -->\n\n<!-- guifan-disable-next-line -->\n下一行\n";
        let v = read(src);
        let kinds: Vec<_> = v.directives.iter().map(|d| (d.kind, d.offset)).collect();
        use super::super::DirectiveKind::*;
        assert_eq!(kinds, [(Disable, 0), (Enable, 37), (DisableNextLine, 67)]);
        assert_eq!(v.directives[0].rules, ["dates"]);
    }

    #[test]
    fn bom_is_not_prose() {
        let src = "\u{feff}# 标题\n";
        let v = read(src);
        assert_eq!(v.text.as_deref(), Some("标题"));
        assert_eq!(source_of(src, &v, "标题"), "标题");
    }
}
