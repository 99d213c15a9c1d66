//! 粘在正文或元数据行中的网页小组件：`阅读量：356`、`点击数:`、`【打印】`
//!
//! ## 检查什么
//! 报告夹在一行文字中间或末尾的网页组件：浏览、阅读、点击、访问计数（有没有数字都算：`阅读量：1,024`、`点击数:`），带数字的评论、点赞计数（`评论：0`），字号栏（`字号：大 中 小`），打印、关闭按钮（`【打印】【关闭】`），以及行末的`分享到：`。这些组件是网页的一部分，抓取时粘在了元数据行（`发布时间：2021-06-08  阅读量：1,024`）或正文段落的末尾（`……按期销号。 阅读量：356`）。整行都是组件的，由`boilerplate/site-chrome`报告。
//!
//! ## 不报告的情形
//! 正文中提到这些词的句子：`阅读量达到5451万`（没有冒号），`总阅读量：10万`（数字后接汉字，是在陈述数量），以及紧跟在汉字后面的计数标签（`文章阅读量：`可能是句子的一部分）——只有在行首、空白、数字、字母、句末点号或右括号之后，组件才算粘上去的。组件之后必须是行尾、空白或分隔符。
//!
//! ## 修复
//! 安全修复：只删除组件本身和它前面的空白（以及它与行尾之间的分隔符），行中其余文字一字不动。
//!
//! ## 依据
//! 计数和按钮不是文章的内容；留在转发的稿件中，读起来像是正文或元数据的一部分（`按期销号。 阅读量：356`）。

// English original of the user documentation above (developer notes):
//
// Page widgets glued inside a body or metadata line.
//
// ## What it does
// Flags page widgets in the middle or at the end of a line of text: view,
// read, click and visit counters with or without their number
// (`阅读量：1,024`, `点击数:`), comment and like counters with a number
// (`评论：0`), font-size bars (`字号：大 中 小`), print/close buttons
// (`【打印】【关闭】`) and a trailing `分享到：`. Scraping glued them to a
// metadata line (`发布时间：2021-06-08  阅读量：1,024`) or to the end of a
// paragraph (`……按期销号。 阅读量：356`). A line that is nothing but widgets is
// `boilerplate/site-chrome`'s.
//
// ## What it leaves alone
// Prose that mentions the words: `阅读量达到5451万` (no colon), `总阅读量：10万`
// (a number followed by a Han character states a quantity), and a counter
// label right after a Han character (`文章阅读量：` may be part of a
// sentence): a widget is glued on only after the line start, whitespace, a
// digit, a letter, a sentence mark or a closing bracket, and it must be
// followed by the end of the line, whitespace or a separator.
//
// ## Fix safety
// Safe: only the widget and the whitespace before it (and a separator
// between it and the end of the line) are deleted; the rest of the line is
// untouched.

use super::helpers::lines::{marked_lines, marks};
use crate::fix::{Applicability, Edit, Fix};
use crate::rule::message::Emitter;
use crate::rule::params::{deny_unknown_params, param_list};
use crate::rule::{CheckContext, Checker, Finding};
use crate::rules::NativeArgs;
use crate::span::Span;
use crate::text::chars::is_han;
use crate::text::compare::is_blank;
use regex::Regex;

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    deny_unknown_params(args.params, &["patterns"])?;
    let patterns = param_list(args.params, "patterns")?;
    if patterns.is_empty() {
        return Err("参数 `patterns` 不能为空".into());
    }
    let alt = patterns
        .iter()
        .map(|p| format!("(?:{p})"))
        .collect::<Vec<_>>()
        .join("|");
    Ok(Box::new(InlineWidget {
        emit: args.emitter(),
        widget: Regex::new(&alt).map_err(|e| format!("参数 `patterns` 中的正则表达式无效：{e}"))?,
        marks: marks(&WIDGET_MARKS),
    }))
}

struct InlineWidget {
    emit: Emitter,
    widget: Regex,
    /// Finds [`WIDGET_MARKS`].
    marks: Regex,
}

/// Every widget has a colon or a bracket: only lines with one are searched.
const WIDGET_MARKS: [char; 3] = [':', '：', '【'];

/// Separators between widgets or fields (`阅读：12 | 评论：0`).
fn separator(c: char) -> bool {
    matches!(c, '|' | '丨' | '｜' | '/' | '·')
}

/// Whether a widget may be glued on after `c` (`None`: the line start).
fn glued_after(c: Option<char>) -> bool {
    c.is_none_or(|c| {
        is_blank(c)
            || c.is_ascii_alphanumeric()
            || separator(c)
            || matches!(
                c,
                '。' | '！' | '？' | '；' | '.' | ')' | '）' | ']' | '】' | '”' | '"'
            )
            || (!is_han(c) && !c.is_alphanumeric() && !matches!(c, '“' | '（' | '(' | '《'))
    })
}

/// Whether a widget may be followed by `c` (`None`: the line end).
fn ends_widget(c: Option<char>) -> bool {
    c.is_none_or(|c| is_blank(c) || separator(c) || c == '【')
}

impl Checker for InlineWidget {
    fn check(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = ctx.text();
        for line in marked_lines(text, &self.marks) {
            let s = &text[line.span.range()];
            let found: Vec<(usize, usize)> = self
                .widget
                .find_iter(s)
                .filter(|m| {
                    glued_after(s[..m.start()].chars().next_back())
                        && ends_widget(s[m.end()..].chars().next())
                })
                .map(|m| (m.start(), m.end()))
                .collect();
            if found.is_empty() {
                continue;
            }
            // What the line says besides its widgets: nothing (or only
            // separators) makes it a chrome line, site-chrome's to report.
            let mut rest = String::new();
            let mut at = 0;
            for &(a, b) in &found {
                rest.push_str(&s[at..a]);
                at = b;
            }
            rest.push_str(&s[at..]);
            if !rest.chars().any(|c| is_han(c) || c.is_alphanumeric()) {
                continue;
            }
            // Where the previous widget's deletion ended: deletions stay disjoint.
            let mut done = 0;
            for (a, b) in found {
                // Take the blanks before the widget; at the line end, also a
                // separator left dangling before them.
                let before = s[..a].trim_end_matches(is_blank);
                let at_end = s[b..].chars().all(|c| is_blank(c) || separator(c));
                let start = if at_end {
                    before
                        .trim_end_matches(|c| is_blank(c) || separator(c))
                        .len()
                } else {
                    before.len()
                };
                let end = if at_end { s.len() } else { b };
                // Keep at least the line's first character (a widget at the
                // line start with more after it leaves the rest standing).
                let (start, end) = if start == 0 && !at_end {
                    (
                        a,
                        b + (s[b..].len() - s[b..].trim_start_matches(is_blank).len()),
                    )
                } else {
                    (start.max(done), end)
                };
                done = end;
                let widget = s[a..b].trim_end_matches(is_blank);
                out.push(
                    self.emit
                        .at(
                            Span::new(line.span.start + a, line.span.start + a + widget.len()),
                            &[("widget", widget)],
                        )
                        .with_help("删除这个网页组件")
                        .with_fix(Fix::new(
                            Applicability::Safe,
                            vec![Edit::delete(Span::new(
                                line.span.start + start,
                                line.span.start + end,
                            ))],
                        )),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{ends_widget, glued_after};

    #[test]
    fn glue_points() {
        assert!(glued_after(None));
        assert!(glued_after(Some(' ')));
        assert!(glued_after(Some('8')));
        assert!(glued_after(Some('。')));
        assert!(!glued_after(Some('章')));
        assert!(!glued_after(Some('“')));
        assert!(ends_widget(None));
        assert!(ends_widget(Some('\u{3000}')));
        assert!(!ends_widget(Some('万')));
    }
}
