//! 以`。`或`，`（或半角的`.`、`,`）结尾的文章标题
//!
//! ## 检查什么
//! 找出文档的标题行，即各级标题（Markdown的`#`、HTML的`<h1>`至`<h6>`）、标有`标题:`或`标题：`的行，以及纯文本文档中较短（不超过`max-chars`个字符）且后面还有正文的第一个非空行；报告其末尾的`。`、`，`、`.`或`,`。安全修复删除该标点。
//!
//! ## 不报告的情形
//! - 标题可以使用的`？`和`！`，省略号`……`，以及系列或栏目标记（`（七）`、`【团结奋斗二十大】`）；
//! - 在末尾之前就含有句末点号（`。！？`）的第一行：它是一个段落，不是标题（即文档没有标题行）；
//! - 构成整个文档的第一行；
//! - 像新闻导语那样以时间和逗号开头的第一行（`5月10日，…`、`近日，…`）：它是第一句话，不是标题；
//! - 数字或拉丁字母之后的`.`（`v1.0.`、`No.`）。
//!
//! 纯文本的首行也可能是正文而非标题（标题在复制时丢失）：首行引述他人话语（`他说：“……`，
//! 或前引号留待下一段闭合）、是含逗号的长句（超过 25 字），或以只有正文句子才用的词开头
//! （`会议强调`、`他表示`、`此外`……）或是法规条文（`第一条 为了……`）时，不再把它当作标题报告句末的“。”。
//!
//! ## 修复
//! 安全修复：只删除末尾的标点。
//!
//! ## 依据
//! 标题不是句子：文章和文件的标题末尾不用句号或逗号（GB/T 15834—2011的用法；公文标题见GB/T 9704—2012第7.3.1条）。末尾的标点通常是复制正文第一句时带过来的。

// English original of the user documentation above (developer notes):
//
// An article title that ends in `。` or `，` (or a half-width `.` / `,`).
//
// ## What it does
// Finds the title lines of a document — headings (Markdown `#`, HTML
// `<h1>`–`<h6>`), a line labelled `标题:` / `标题：`, and the first
// non-blank line of a plain-text document when it is short (at most
// `max-chars` characters) and followed by more text — and flags a
// `。`, `，`, `.` or `,` at its very end. The safe fix deletes the mark.
//
// ## Why
// A headline is not a sentence: titles of articles and documents carry no
// final 句号 or 逗号 (GB/T 15834—2011 usage; GB/T 9704—2012 7.3.1 for the
// titles of official documents). A trailing mark is usually left over from
// copying the first sentence of the text.
//
// ## What it leaves alone
// - `？` and `！`, which a headline may end with, an ellipsis `……`, and
//   series or column tags (`（七）`, `【团结奋斗二十大】`);
// - a first line that holds a sentence mark before its end (`。！？`): it is
//   a paragraph, not a title (a document without a title line);
// - a first line that is the whole document;
// - a first line that opens like a news lead, with a time and a comma
//   (`5月10日，…`, `近日，…`): it is the first sentence, not a title;
// - `.` after a digit or a Latin letter (`v1.0.`, `No.`).
//
// ## Fix safety
// Safe: only the final mark is deleted.

use crate::document::BlockKind;
use crate::fix::{Applicability, Fix};
use crate::rule::message::Emitter;
use crate::rule::params::deny_unknown_params;
use crate::rule::{CheckContext, Checker, Finding};
use crate::rules::NativeArgs;
use crate::span::Span;
use crate::text::chars::{char_before, is_cjk, is_space, line_bounds};

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    deny_unknown_params(args.params, &["max-chars"])?;
    let max_chars = match args.params.get("max-chars") {
        None => 60,
        Some(toml::Value::Integer(n)) if *n >= 4 => *n as usize,
        Some(_) => return Err("参数 `max-chars` 应为不小于 4 的整数".into()),
    };
    Ok(Box::new(TitleLinePunctuation {
        emit: args.emitter(),
        max_chars,
    }))
}

struct TitleLinePunctuation {
    emit: Emitter,
    max_chars: usize,
}

/// Strip a `标题:` / `标题：` label; `None` when the line has none.
fn strip_label(line: &str) -> Option<&str> {
    let t = line.trim_start_matches(is_space);
    let rest = t.strip_prefix("标题")?;
    let rest = rest.trim_start_matches(is_space);
    let rest = rest.strip_prefix([':', '：'])?;
    Some(rest.trim_start_matches(is_space))
}

/// Whether a line opens the way a news lead does, with when it happened and
/// a comma: `5月10日，…`, `2024年5月10日上午，…`, `近日，…`. Such a first line
/// is the text's first sentence (the title was lost in copying, or deleted
/// as page chrome), not a headline.
fn opens_like_a_lead(line: &str) -> bool {
    const WHEN: &[&str] = &[
        "日", "时", "月", "上午", "下午", "晚上", "晚", "近日", "日前", "近期", "今天", "昨天",
        "前夕", "期间", "之际", "以来", "上旬", "中旬", "下旬", "初", "底",
    ];
    let Some(comma) = line.find('，') else {
        return false;
    };
    let head = &line[..comma];
    head.chars().count() <= 14 && WHEN.iter().any(|w| head.ends_with(w))
}

/// Whether a first line reads as running text rather than a headline: it
/// quotes someone (`他说：“…`, a quotation left open for the next
/// paragraph), is a long sentence with commas, or opens the way only a
/// sentence inside a text does (`会议强调，…`, `他表示…`, `此外…`).
fn reads_as_body(line: &str) -> bool {
    if line.contains("：“")
        || line.contains(":“")
        || line.matches('“').count() > line.matches('”').count()
    {
        return true;
    }
    let n = line.chars().filter(|c| !is_space(*c)).count();
    if line.contains('，') && n > 25 {
        return true;
    }
    const OPENINGS: &[&str] = &[
        "会议",
        "会上",
        "他",
        "她",
        "我们",
        "大家",
        "同时",
        "此外",
        "另外",
        "据悉",
        "据了解",
        "其中",
        "因此",
        "但是",
        "而且",
        "并且",
    ];
    let line = line.trim_start_matches(is_space);
    if OPENINGS.iter().any(|o| line.starts_with(o)) {
        return true;
    }
    // An article of a law or regulation (`第一条 为了……`).
    line.strip_prefix('第').is_some_and(|rest| {
        let n = rest
            .chars()
            .take_while(|c| c.is_ascii_digit() || "〇零一二三四五六七八九十百".contains(*c))
            .count();
        n > 0 && rest.chars().nth(n) == Some('条')
    })
}

impl TitleLinePunctuation {
    /// The span of the final mark of the title line `s..e`, if it has one.
    fn final_mark(&self, text: &str, s: usize, e: usize, first_line: bool) -> Option<Span> {
        let line = &text[s..e];
        let title = strip_label(line).unwrap_or(line);
        let trimmed = title.trim_end_matches(is_space);
        let mark = trimmed.chars().next_back()?;
        if !matches!(mark, '。' | '，' | '.' | ',') {
            return None;
        }
        let body = &trimmed[..trimmed.len() - mark.len_utf8()];
        let n = body.chars().filter(|c| !is_space(*c)).count();
        if n < 2 || n > self.max_chars {
            return None;
        }
        if matches!(mark, '.' | ',') && !char_before(body, body.len()).is_some_and(is_cjk) {
            return None;
        }
        // A repeated mark (`。。`, `...`) is another rule's.
        if char_before(body, body.len()).is_some_and(|c| matches!(c, '。' | '，' | '.' | ',')) {
            return None;
        }
        if first_line && body.contains(['。', '！', '？', '!', '?']) {
            return None;
        }
        if first_line && body.contains(['；', ';']) {
            return None;
        }
        if first_line && (opens_like_a_lead(body) || reads_as_body(body)) {
            return None;
        }
        let end = s + (title.as_ptr() as usize - line.as_ptr() as usize) + trimmed.len();
        Some(Span::new(end - mark.len_utf8(), end))
    }
}

impl Checker for TitleLinePunctuation {
    fn check(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = ctx.text();
        let mut lines: Vec<(usize, usize, bool)> = Vec::new();
        // Headings.
        for b in ctx.doc.blocks() {
            if matches!(b.kind, BlockKind::Heading(_)) && !b.span.is_empty() {
                lines.push((b.span.start, b.span.end, false));
            }
        }
        // The first non-blank line when more text follows, and `标题:` lines.
        let mut first_line: Option<(usize, usize)> = None;
        let mut seen_first = false;
        let mut pos = 0;
        while pos < text.len() {
            let (s, e) = line_bounds(text, pos);
            let line = &text[s..e];
            if !line.chars().all(is_space) {
                if !seen_first {
                    seen_first = true;
                    first_line = Some((s, e));
                } else if let Some((fs, fe)) = first_line.take()
                    && !text[fs..fe].starts_with(is_space)
                {
                    lines.push((fs, fe, true));
                }
                if strip_label(line).is_some() {
                    lines.push((s, e, false));
                }
            }
            pos = match memchr::memchr(b'\n', &text.as_bytes()[e..]) {
                Some(p) => e + p + 1,
                None => text.len(),
            };
        }
        // A heading or a label line wins over the same line as a first line.
        lines.sort_unstable_by_key(|l| (l.0, l.2));
        lines.dedup_by_key(|l| l.0);
        for (s, e, first_line) in lines {
            let Some(span) = self.final_mark(text, s, e, first_line) else {
                continue;
            };
            let mark = &text[span.range()];
            out.push(
                self.emit
                    .at(span, &[("found", mark)])
                    .with_help(format!("删除标题末尾的“{mark}”"))
                    .with_fix(Fix::new(
                        Applicability::Safe,
                        vec![crate::fix::Edit::delete(span)],
                    )),
            );
        }
    }
}
