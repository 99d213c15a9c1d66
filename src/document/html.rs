//! HTML: the visible text of a page, with a source map back to the file.
//!
//! The page is tokenized by `html5gum` (a WHATWG tokenizer that reports the
//! byte span of every token; a tree builder such as html5ever would lose
//! them). The reader keeps the text nodes a reader of the page sees and drops
//! everything else:
//!
//! * never prose: tags and attributes, comments (and CDATA), the doctype,
//!   `<head>` (except the `<title>`, read as a level-1 heading), and the
//!   content of `<script> <style> <noscript> <template> <svg> <math> <pre>
//!   <textarea> <select> <iframe> <object> …`;
//! * inline `<code>…</code>` becomes one U+FFFC placeholder (masked) so the
//!   text on both sides is not glued together;
//! * character references (`&nbsp;` `&amp;` `&#x4E2D;` `&ldquo;` …) are
//!   decoded into `replaced` chunks covering their source bytes;
//! * block-level elements (`p div li h1 td br …`) end a block: blocks are
//!   separated by a synthetic `\n`; inline elements (`a b span font …`) do not
//!   break the text, so `中文<b>,</b>中文` reads as `中文,中文`.
//!
//! Whitespace is kept as written (not collapsed); whitespace at the start of
//! a block is left out of the prose, and block spans are trimmed.
//!
//! Comments also carry the suppression directives (`<!-- guifan-disable … -->`),
//! parsed by [`parse_directive`] for Markdown too.

use super::{Block, BlockKind, Directive, DirectiveKind, ProseView, SourceMap, SourceMapBuilder};
use crate::span::Span;
use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};
use html5gum::{Span as GumSpan, Tokenizer};
use std::convert::Infallible;

/// The object replacement character that stands for inline code.
pub(crate) const PLACEHOLDER: &str = "\u{fffc}";

/// Elements whose content is never prose.
const SKIPPED: &[&[u8]] = &[
    b"script",
    b"style",
    b"noscript",
    b"template",
    b"svg",
    b"math",
    b"pre",
    b"textarea",
    b"select",
    b"iframe",
    b"object",
    b"embed",
    b"canvas",
    b"video",
    b"audio",
    b"xmp",
    b"noembed",
    b"noframes",
    b"plaintext",
];

/// Elements that end a block (their start and end tags both do).
const BLOCK_LEVEL: &[&[u8]] = &[
    b"address",
    b"article",
    b"aside",
    b"blockquote",
    b"body",
    b"br",
    b"button",
    b"caption",
    b"center",
    b"dd",
    b"details",
    b"dialog",
    b"dir",
    b"div",
    b"dl",
    b"dt",
    b"fieldset",
    b"figcaption",
    b"figure",
    b"footer",
    b"form",
    b"frameset",
    b"h1",
    b"h2",
    b"h3",
    b"h4",
    b"h5",
    b"h6",
    b"header",
    b"hgroup",
    b"hr",
    b"html",
    b"input",
    b"legend",
    b"li",
    b"main",
    b"menu",
    b"nav",
    b"ol",
    b"option",
    b"p",
    b"section",
    b"summary",
    b"table",
    b"tbody",
    b"td",
    b"tfoot",
    b"th",
    b"thead",
    b"title",
    b"tr",
    b"ul",
];

/// Elements a `<head>` may hold; any other start tag ends the head.
const HEAD_CONTENT: &[&[u8]] = &[
    b"title",
    b"meta",
    b"link",
    b"style",
    b"script",
    b"noscript",
    b"base",
    b"template",
];

/// Deeper nesting than this is not tracked (tag soup must stay linear).
const MAX_DEPTH: usize = 512;

pub(crate) fn read(source: &str) -> ProseView {
    let mut reader = Reader::new(source);
    // A byte-order mark is not text of the page: tokenize after it, offsets
    // shifted back to the file.
    let base = if source.starts_with('\u{feff}') { 3 } else { 0 };
    {
        let mut emitter = CallbackEmitter::new(
            |event: CallbackEvent<'_>, span: GumSpan<usize>| -> Option<Infallible> {
                reader.event(event, base + span.start, base + span.end);
                None
            },
        );
        emitter.naively_switch_states(true);
        // Reading from a `&str` cannot fail.
        let _ = Tokenizer::new_with_emitter(&source[base..], emitter).finish();
    }
    reader.finish()
}

struct Reader<'a> {
    src: &'a str,
    prose: String,
    map: SourceMapBuilder,
    blocks: Vec<Block>,
    directives: Vec<Directive>,
    masks: Vec<crate::span::Span>,
    /// Open elements whose content is skipped.
    skipped: Vec<&'static [u8]>,
    /// Open block-level elements (for the kind of the current block).
    open: Vec<&'static [u8]>,
    in_head: bool,
    in_title: bool,
    /// Source start of an open inline `<code>`.
    code_start: Option<usize>,
    /// The last start tag seen, to honour `<svg/>`.
    last_start: Option<&'static [u8]>,
    /// Prose start and kind of the block being read, once it has content.
    block: Option<(usize, BlockKind)>,
}

fn find_name(list: &[&'static [u8]], name: &[u8]) -> Option<&'static [u8]> {
    list.iter().copied().find(|n| *n == name)
}

impl<'a> Reader<'a> {
    fn new(src: &'a str) -> Self {
        Reader {
            src,
            prose: String::with_capacity(src.len() / 4),
            map: SourceMap::builder(),
            blocks: Vec::new(),
            directives: Vec::new(),
            masks: Vec::new(),
            skipped: Vec::new(),
            open: Vec::new(),
            in_head: false,
            in_title: false,
            code_start: None,
            last_start: None,
            block: None,
        }
    }

    fn finish(mut self) -> ProseView {
        if let Some(start) = self.code_start.take() {
            self.placeholder(Span::new(start, self.src.len()));
        }
        self.end_block();
        ProseView {
            text: Some(self.prose),
            map: self.map.finish(),
            blocks: self.blocks,
            directives: self.directives,
            masks: self.masks,
            date: None,
        }
    }

    fn event(&mut self, event: CallbackEvent<'_>, start: usize, end: usize) {
        // Guard against spans outside the source (never expected).
        let end = end.min(self.src.len());
        let start = start.min(end);
        match event {
            CallbackEvent::OpenStartTag { name } => self.start_tag(name, start),
            CallbackEvent::CloseStartTag { self_closing } => {
                // `<svg … />` and `<math/>` are closed by their own tag.
                if self_closing
                    && matches!(self.last_start, Some(b"svg" | b"math"))
                    && self.skipped.last() == self.last_start.as_ref()
                {
                    self.skipped.pop();
                }
                self.last_start = None;
            }
            CallbackEvent::EndTag { name } => self.end_tag(name, start, end),
            CallbackEvent::String { .. } => self.text(start, end),
            CallbackEvent::Comment { value } => {
                if let Some(d) = parse_directive(&String::from_utf8_lossy(value), start) {
                    self.directives.push(d);
                }
            }
            _ => {}
        }
    }

    fn start_tag(&mut self, name: &[u8], start: usize) {
        let skip_name = find_name(SKIPPED, name);
        self.last_start = skip_name;
        if !self.skipped.is_empty() {
            if let Some(n) = skip_name {
                if self.skipped.len() < MAX_DEPTH {
                    self.skipped.push(n);
                }
            }
            return;
        }
        let block_name = find_name(BLOCK_LEVEL, name);
        if let Some(code) = self.code_start {
            if block_name.is_none() && skip_name.is_none() {
                return;
            }
            self.code_start = None;
            self.placeholder(Span::new(code, start));
        }
        match name {
            b"head" => {
                self.in_head = true;
                return;
            }
            b"body" => self.in_head = false,
            _ if self.in_head && find_name(HEAD_CONTENT, name).is_none() => self.in_head = false,
            _ => {}
        }
        if let Some(n) = skip_name {
            self.skipped.push(n);
            return;
        }
        if name == b"code" {
            self.code_start = Some(start);
            return;
        }
        if let Some(n) = block_name {
            self.end_block();
            if n == b"title" {
                self.in_title = true;
            }
            // Elements that close an open sibling of their kind.
            let closes: &[&[u8]] = match n {
                b"p" => &[b"p"],
                b"li" => &[b"li"],
                b"dt" | b"dd" => &[b"dt", b"dd"],
                b"td" | b"th" => &[b"td", b"th"],
                b"tr" => &[b"td", b"th", b"tr"],
                b"option" => &[b"option"],
                _ => &[],
            };
            while self.open.last().is_some_and(|top| closes.contains(top)) {
                self.open.pop();
            }
            if !is_void(n) && self.open.len() < MAX_DEPTH {
                self.open.push(n);
            }
        }
    }

    fn end_tag(&mut self, name: &[u8], start: usize, end: usize) {
        if !self.skipped.is_empty() {
            if let Some(i) = self.skipped.iter().rposition(|n| *n == name) {
                self.skipped.truncate(i);
            }
            return;
        }
        let block_name = find_name(BLOCK_LEVEL, name);
        if let Some(code) = self.code_start {
            if name == b"code" {
                self.code_start = None;
                self.placeholder(Span::new(code, end));
                return;
            }
            if block_name.is_none() {
                return;
            }
            self.code_start = None;
            self.placeholder(Span::new(code, start));
        }
        if name == b"head" {
            self.in_head = false;
        }
        if let Some(n) = block_name {
            self.end_block();
            if n == b"title" {
                self.in_title = false;
            }
            if let Some(i) = self.open.iter().rposition(|o| *o == n) {
                self.open.truncate(i);
            }
        }
    }

    fn text(&mut self, start: usize, end: usize) {
        if !self.skipped.is_empty() || self.code_start.is_some() {
            return;
        }
        // html5gum spans fall on character boundaries; never trust that blindly.
        let Some(raw) = self.src.get(start..end) else {
            return;
        };
        if self.in_head && !self.in_title {
            if raw.trim().is_empty() {
                return;
            }
            // Text cannot stay in a head: the body has begun.
            self.in_head = false;
        }
        let bytes = raw.as_bytes();
        let mut run = 0;
        let mut i = 0;
        while let Some(k) = memchr::memchr(b'&', &bytes[i..]) {
            let amp = i + k;
            match decode_char_ref(&raw[amp..]) {
                Some((consumed, decoded)) => {
                    self.verbatim(start + run, &raw[run..amp]);
                    self.replaced(&decoded, Span::new(start + amp, start + amp + consumed));
                    i = amp + consumed;
                    run = i;
                }
                None => i = amp + 1,
            }
        }
        self.verbatim(start + run, &raw[run..]);
    }

    /// Opens a block (with a separator from the previous one) if none is open.
    fn open_block(&mut self, at: usize) {
        if self.block.is_some() {
            return;
        }
        if !self.prose.is_empty() {
            self.prose.push('\n');
            self.map.synthetic(1, at);
        }
        let kind = if self.in_title {
            BlockKind::Heading(1)
        } else {
            self.open
                .iter()
                .rev()
                .find_map(|n| match *n {
                    b"h1" => Some(BlockKind::Heading(1)),
                    b"h2" => Some(BlockKind::Heading(2)),
                    b"h3" => Some(BlockKind::Heading(3)),
                    b"h4" => Some(BlockKind::Heading(4)),
                    b"h5" => Some(BlockKind::Heading(5)),
                    b"h6" => Some(BlockKind::Heading(6)),
                    b"li" | b"dt" | b"dd" => Some(BlockKind::ListItem),
                    b"td" | b"th" => Some(BlockKind::TableCell),
                    b"blockquote" => Some(BlockKind::BlockQuote),
                    _ => None,
                })
                .unwrap_or(BlockKind::Paragraph)
        };
        self.block = Some((self.prose.len(), kind));
    }

    fn end_block(&mut self) {
        if let Some((start, kind)) = self.block.take() {
            let end = start + self.prose[start..].trim_end().len();
            if end > start {
                self.blocks.push(Block {
                    span: Span::new(start, end),
                    kind,
                });
            }
        }
    }

    /// Source text copied as is (`at` is its source offset).
    fn verbatim(&mut self, at: usize, text: &str) {
        let text = if self.block.is_none() {
            let trimmed = text.trim_start();
            if trimmed.is_empty() {
                return;
            }
            let at = at + (text.len() - trimmed.len());
            self.open_block(at);
            self.prose.push_str(trimmed);
            self.map.verbatim(at, trimmed.len());
            return;
        } else {
            text
        };
        self.prose.push_str(text);
        self.map.verbatim(at, text.len());
    }

    /// Decoded text standing for `source` (a character reference).
    fn replaced(&mut self, decoded: &str, source: Span) {
        if self.block.is_none() {
            if decoded.trim().is_empty() {
                return;
            }
            self.open_block(source.start);
        }
        self.prose.push_str(decoded);
        self.map.replaced(decoded.len(), source);
    }

    /// A masked placeholder standing for inline code at `source`.
    fn placeholder(&mut self, source: Span) {
        if !self.skipped.is_empty() || source.start > source.end {
            return;
        }
        self.open_block(source.start);
        let start = self.prose.len();
        self.prose.push_str(PLACEHOLDER);
        self.map.replaced(PLACEHOLDER.len(), source);
        self.masks.push(Span::new(start, self.prose.len()));
    }
}

fn is_void(name: &[u8]) -> bool {
    matches!(name, b"br" | b"hr" | b"input")
}

/// Decodes the character reference at the start of `text` (which starts
/// with `&`): the number of source bytes it takes and what it stands for, or
/// `None` when the `&` is a literal ampersand.
///
/// The decoding is html5gum's own (the WHATWG table of 2,231 names, legacy
/// references without `;`, numeric references with their replacement rules),
/// run on the reference alone, so the prose agrees with the tokenizer.
pub(crate) fn decode_char_ref(text: &str) -> Option<(usize, String)> {
    let bytes = text.as_bytes();
    // A reference is `&` + name or `#` number (ASCII alphanumerics) + optional `;`.
    let mut len = 1;
    while len < bytes.len()
        && len < 48
        && (bytes[len].is_ascii_alphanumeric() || bytes[len] == b'#')
    {
        len += 1;
    }
    if len == 1 {
        return None;
    }
    if bytes.get(len) == Some(&b';') {
        len += 1;
    }
    let candidate = &text[..len];
    if let Some(fast) = common_reference(candidate) {
        return Some((len, fast.to_string()));
    }
    let mut decoded = Vec::with_capacity(len);
    for token in Tokenizer::new(candidate).flatten() {
        if let html5gum::Token::String(s) = token {
            decoded.extend_from_slice(&s);
        }
    }
    if decoded == candidate.as_bytes() {
        return None;
    }
    // What follows the reference inside `candidate` is copied unchanged:
    // the longest common suffix, leaving at least one decoded byte.
    let max = decoded.len().saturating_sub(1);
    let common = candidate
        .bytes()
        .rev()
        .zip(decoded.iter().rev())
        .take(max)
        .take_while(|(a, b)| a == *b)
        .count();
    let consumed = len - common;
    decoded.truncate(decoded.len() - common);
    if decoded.is_empty() || consumed <= 1 {
        return None;
    }
    Some((consumed, String::from_utf8_lossy(&decoded).into_owned()))
}

fn common_reference(candidate: &str) -> Option<&'static str> {
    Some(match candidate {
        "&nbsp;" => "\u{a0}",
        "&amp;" => "&",
        "&lt;" => "<",
        "&gt;" => ">",
        "&quot;" => "\"",
        "&ldquo;" => "\u{201c}",
        "&rdquo;" => "\u{201d}",
        "&middot;" => "\u{b7}",
        _ => return None,
    })
}

/// Reads a suppression directive from a comment's text (without `<!--`/`-->`):
/// `guifan-disable [RULE…]`, `guifan-enable [RULE…]`,
/// `guifan-disable-next-line [RULE…]`. Rules are separated by spaces or commas.
pub(crate) fn parse_directive(comment: &str, offset: usize) -> Option<Directive> {
    let body = comment.trim();
    let (kind, rest) = [
        ("guifan-disable-next-line", DirectiveKind::DisableNextLine),
        ("guifan-disable", DirectiveKind::Disable),
        ("guifan-enable", DirectiveKind::Enable),
    ]
    .into_iter()
    .find_map(|(word, kind)| {
        let rest = body.strip_prefix(word)?;
        (rest.is_empty() || rest.starts_with(|c: char| c.is_whitespace() || c == ':'))
            .then_some((kind, rest))
    })?;
    let rules = rest
        .trim_start_matches(':')
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|r| !r.is_empty())
        .map(str::to_string)
        .collect();
    Some(Directive {
        offset,
        kind,
        rules,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prose(src: &str) -> String {
        read(src).text.unwrap()
    }

    #[test]
    fn inline_elements_do_not_break_text() {
        let src = "<p>中文<b>,</b>中文</p>";
        let v = read(src);
        assert_eq!(v.text.as_deref(), Some("中文,中文"));
        let comma = v.text.as_ref().unwrap().find(',').unwrap();
        let s = v.map.to_source(Span::new(comma, comma + 1));
        assert_eq!(&src[s.range()], ",");
        assert_eq!(v.blocks.len(), 1);
    }

    #[test]
    fn blocks_are_separated_and_trimmed() {
        let v = read("<div>\n  <p>  第一段。 </p>\n<p>第二段</p><br>第三</div>");
        let text = v.text.unwrap();
        assert_eq!(text, "第一段。 \n第二段\n第三");
        let spans: Vec<&str> = v.blocks.iter().map(|b| &text[b.span.range()]).collect();
        assert_eq!(spans, ["第一段。", "第二段", "第三"]);
    }

    #[test]
    fn skips_scripts_styles_head_and_pre() {
        let src = "<html><head><meta charset=utf-8><title>标题,一</title><style>p{a:b}</style>\
                   <script>var a=1,b;</script></head><body><noscript>x,y</noscript>\
                   <svg><text>a,b</text></svg><pre>c,d</pre><p title=\"a,b\">正文</p></body>";
        let v = read(src);
        assert_eq!(v.text.as_deref(), Some("标题,一\n正文"));
        assert_eq!(v.blocks[0].kind, BlockKind::Heading(1));
        assert_eq!(v.blocks[1].kind, BlockKind::Paragraph);
    }

    #[test]
    fn self_closing_svg_does_not_swallow_the_page() {
        assert_eq!(prose("<p><svg class=i /> 中文</p>"), "中文");
    }

    #[test]
    fn entities_are_replaced_chunks() {
        let src = "<p>&ldquo;中&#x4E2D;&amp;&nbsp;x&copy;y&notin;</p>";
        let v = read(src);
        let text = v.text.unwrap();
        assert_eq!(text, "\u{201c}中中&\u{a0}x©y∉");
        let at = text.find('&').unwrap();
        assert_eq!(
            &src[v.map.to_source(Span::new(at, at + 1)).range()],
            "&amp;"
        );
        let at = text.find('©').unwrap();
        assert_eq!(
            &src[v.map.to_source(Span::new(at, at + 2)).range()],
            "&copy;"
        );
    }

    #[test]
    fn literal_ampersands_stay() {
        assert_eq!(prose("<p>A & B &unknown; &#;</p>"), "A & B &unknown; &#;");
        assert_eq!(decode_char_ref("&copyx"), Some((5, "©".to_string())));
        assert_eq!(decode_char_ref("&#x3b;"), Some((6, ";".to_string())));
        assert_eq!(decode_char_ref("&#65"), Some((4, "A".to_string())));
    }

    #[test]
    fn inline_code_is_a_masked_placeholder() {
        let v = read("<p>中文<code>a,b</code>,中文</p><pre><code>x</code></pre>");
        assert_eq!(v.text.as_deref(), Some("中文\u{fffc},中文"));
        assert_eq!(v.masks, vec![Span::new(6, 9)]);
    }

    #[test]
    fn directives_from_comments() {
        let v = read(
            "<!-- guifan-disable punctuation/halfwidth-in-cjk, dates --><p>x</p>\
             <!--guifan-enable--><!-- guifan-disable-next-line names --><!-- guifan-disabled -->",
        );
        assert_eq!(v.directives.len(), 3);
        assert_eq!(v.directives[0].kind, DirectiveKind::Disable);
        assert_eq!(v.directives[0].offset, 0);
        assert_eq!(
            v.directives[0].rules,
            ["punctuation/halfwidth-in-cjk", "dates"]
        );
        assert_eq!(v.directives[1].kind, DirectiveKind::Enable);
        assert!(v.directives[1].rules.is_empty());
        assert_eq!(v.directives[2].kind, DirectiveKind::DisableNextLine);
    }

    #[test]
    fn bom_is_not_prose() {
        let v = read("\u{feff}<p>学院召开会议。</p>\n");
        assert_eq!(v.text.as_deref(), Some("学院召开会议。"));
        assert_eq!(v.map.to_source(Span::new(0, 3)), Span::new(6, 9));
    }

    #[test]
    fn crlf_is_kept_verbatim() {
        let src = "<p>\r\n  第一行,\r\n第二行</p>\r\n<p>第三行</p>";
        let v = read(src);
        let text = v.text.unwrap();
        assert_eq!(text, "第一行,\r\n第二行\n第三行");
        let comma = text.find(',').unwrap();
        assert_eq!(
            v.map.to_source(Span::new(comma, comma + 1)),
            Span::new(16, 17)
        );
        assert_eq!(&text[v.blocks[0].span.range()], "第一行,\r\n第二行");
    }

    #[test]
    fn malformed_input_does_not_panic() {
        for src in [
            "<",
            "<p",
            "&",
            "&#",
            "&#x",
            "<![CDATA[a,b]]>中",
            "<code>unclosed",
            "<script>never closed",
            "</p></div></code>",
            "<p>中<!-- unterminated",
            "\u{0}<p>\u{0}</p>",
        ] {
            let v = read(src);
            let text = v.text.unwrap();
            for b in &v.blocks {
                assert!(b.span.end <= text.len());
            }
        }
    }
}
