//! 残留在文本中的图片文件名：`会议现场3.jpg`、`IMG_2041.JPG`
//!
//! ## 检查什么
//! 报告正文中带图片扩展名（由`extensions`参数给出：jpg、jpeg、png、gif、bmp、webp等）的文件名，并将其删除：这类文件名或者单独占一行（原来放图片的位置），或者粘在图片说明的末尾（`（中心组一行参观展厅）会议现场3.jpg`）。
//!
//! ## 不报告的情形
//! 网址和网址中的路径（已屏蔽），作为词语提及的扩展名（`支持jpg、png格式`，没有带点的文件名），以及文件名部分为空的情形。
//!
//! ## 修复
//! 当文件名（其拉丁文部分之前至多`max-name-chars`个汉字）单独成行，或与前面的文字之间隔有空格、括号或标点时，为安全修复。单独成行的文件名连同整行（及换行、删除后会多余的空行）一起删除。当它粘在一段较长的中文之后时，文件名从哪里开始只能推测：此时报告只覆盖确定属于文件名的部分（拉丁字母、数字和扩展名），修复为不安全修复。
//!
//! ## 依据
//! 把网页复制为文本时，以文件名作为`alt`文字的图片会留下文件名，这对读者毫无意义。

// English original of the user documentation above (developer notes):
//
// Image file names left in the text: `会议现场3.jpg`, `IMG_2041.JPG`.
//
// ## What it does
// Flags file names with an image extension (the `extensions` parameter:
// jpg, jpeg, png, gif, bmp, webp …) standing in the prose — alone on a line
// where the picture used to be, or glued to the end of a caption
// (`（中心组一行参观展厅）会议现场3.jpg`) — and removes them.
//
// ## Why
// When a page is copied as text, an image whose `alt` text is its file name
// leaves the name behind. It means nothing to a reader.
//
// ## What it leaves alone
// URLs and paths inside URLs (masked), extensions named as words
// (`支持jpg、png格式`, no dot-name), and anything whose name part is empty.
//
// ## Fix safety
// Safe when the file name — at most `max-name-chars` Chinese characters
// before its Latin part — is a line of its own, or is separated from the
// text before it by a space, a bracket or punctuation. A name on a line of
// its own goes with the line (its line break, and blank lines that would
// be left over). When it is glued to
// a longer run of Chinese text, where the name starts is a guess: the
// finding covers only the part that is surely the file name (the Latin
// letters, digits and extension) and the fix is unsafe.

use super::helpers::lines::{deletion, lines_with};
use crate::fix::{Applicability, Edit, Fix};
use crate::rule::message::Emitter;
use crate::rule::params::param_usize;
use crate::rule::params::{deny_unknown_params, param_strings};
use crate::rule::{CheckContext, Checker, Finding};
use crate::rules::NativeArgs;
use crate::span::Span;
use crate::text::chars::is_han;
use crate::text::compare::is_blank;
use regex::Regex;

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    deny_unknown_params(args.params, &["extensions", "max-name-chars"])?;
    let exts = param_strings(args.params, "extensions")?.unwrap_or_default();
    if exts.is_empty() {
        return Err("参数 `extensions` 不能为空".into());
    }
    let alt = exts
        .iter()
        .map(|e| regex::escape(e.trim_start_matches('.')))
        .collect::<Vec<_>>()
        .join("|");
    Ok(Box::new(ImageFilename {
        emit: args.emitter(),
        ext: Regex::new(&format!(r"(?i)\.(?:{alt})(?:$|[^A-Za-z0-9])"))
            .map_err(|e| format!("扩展名正则无法编译：{e}"))?,
        dotted: Regex::new(&format!(r"(?i)\.(?:{alt})"))
            .map_err(|e| format!("扩展名正则无法编译：{e}"))?,
        max_name_chars: param_usize(args.params, "max-name-chars")?.unwrap_or(12),
    }))
}

struct ImageFilename {
    emit: Emitter,
    ext: Regex,
    /// The extension alone, searched in the whole text: only the lines
    /// with one are looked at.
    dotted: Regex,
    max_name_chars: usize,
}

fn is_ascii_name(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '(' | ')')
}

impl Checker for ImageFilename {
    fn check(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = ctx.text();
        let extensions = lines_with(text, |from| {
            self.dotted.find_at(text, from).map(|m| m.start())
        });
        for line in extensions {
            let s = &text[line.span.range()];
            for m in self.ext.find_iter(s) {
                // The extension without the character after it.
                let ext_end = m.start()
                    + 1
                    + s[m.start() + 1..]
                        .find(|c: char| !c.is_ascii_alphanumeric())
                        .unwrap_or(s.len() - m.start() - 1);
                // Walk back over the ASCII part of the name …
                let mut start = m.start();
                while let Some(c) = s[..start].chars().next_back() {
                    if is_ascii_name(c) {
                        start -= c.len_utf8();
                    } else {
                        break;
                    }
                }
                let ascii_start = start;
                // … then over at most `max-name-chars` Chinese characters, up
                // to a delimiter.
                let mut han = 0;
                let mut limited = false;
                while let Some(c) = s[..start].chars().next_back() {
                    if !is_han(c) {
                        break;
                    }
                    if han == self.max_name_chars {
                        limited = true;
                        break;
                    }
                    han += 1;
                    start -= c.len_utf8();
                }
                if start == m.start() {
                    continue; // `.jpg` with no name
                }
                let delimited = !limited
                    && (start == 0
                        || s[..start]
                            .chars()
                            .next_back()
                            .is_some_and(|c| !is_han(c) && !c.is_alphanumeric()));
                let whole_line =
                    s[..start].chars().all(is_blank) && s[ext_end..].chars().all(is_blank);
                let (span, edit, applicability) = if delimited && whole_line {
                    (
                        Span::new(line.span.start + start, line.span.start + ext_end),
                        deletion(text, line.full),
                        Applicability::Safe,
                    )
                } else if delimited {
                    let mut del = Span::new(line.span.start + start, line.span.start + ext_end);
                    // Take one space before the name along with it.
                    if s[..start].ends_with(' ') && !s[..start].trim_end().is_empty() {
                        del.start -= 1;
                    }
                    (
                        Span::new(line.span.start + start, line.span.start + ext_end),
                        del,
                        Applicability::Safe,
                    )
                } else {
                    // Glued to a longer run of text: only the Latin part is
                    // surely the name; where the name starts needs a human.
                    let sure = Span::new(line.span.start + ascii_start, line.span.start + ext_end);
                    (sure, sure, Applicability::Unsafe)
                };
                let name = &text[span.range()];
                out.push(
                    self.emit
                        .at(span, &[("name", name)])
                        .with_help("删除图片文件名")
                        .with_fix(Fix::new(applicability, vec![Edit::delete(edit)])),
                );
            }
        }
    }
}
