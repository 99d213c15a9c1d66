//! 用ASCII方括号括起的栏目标签：`[编者按]`、`[通知]`
//!
//! ## 检查什么
//! 位于段首或后接中文的、由一至十个汉字组成的短标签，若用ASCII方括号括起，即予报告，并建议改用方头括号`【…】`：`[编者按]本文…` → `【编者按】本文…`。
//!
//! ## 不报告的情形
//! - 句中位于拉丁文字之后的注释和参考文献标记，如`[1]`、`[注]`，以及括号内含数字或拉丁字母的情形；
//! - Markdown式链接`[文字](…)`；
//! - 超过十个字的较长括注内容。
//!
//! ## 修复
//! 不安全修复：用`【】`还是用`〔〕`或`［］`，部分取决于本单位的体例，须人工确认。
//!
//! ## 依据
//! GB/T 15834—2011第4.6条（括号）：编者按、新闻栏目、通知等标签用方头括号`【】`；ASCII方括号只是键盘上的替代品。

// English original of the user documentation above (developer notes):
//
// Column labels in ASCII brackets: `[编者按]`, `[通知]`.
//
// ## What it does
// Flags a short Chinese label in ASCII square brackets — one to ten Han
// characters — at the start of a block or followed by Chinese text, and
// offers `【…】`: `[编者按]本文…` → `【编者按】本文…`.
//
// ## Why
// GB/T 15834—2011 4.6 (括号) uses the 方头括号 `【】` for labels such as
// 编者按, 新闻 columns and notices; ASCII brackets are a keyboard stand-in.
//
// ## What it leaves alone
// - footnote and reference marks `[1]`, `[注]` inside a sentence after
//   Latin text, and anything holding digits or Latin letters;
// - Markdown-style links `[文字](…)`;
// - long bracketed passages (more than ten characters).
//
// ## Fix safety
// Unsafe: `【】` versus `〔〕` or `［］` is partly house style.

use crate::fix::{Applicability, Edit, Fix};
use crate::rule::message::Emitter;
use crate::rule::{CheckContext, Checker, Finding};
use crate::rules::NativeArgs;
use crate::span::Span;
use crate::text::chars::{char_at, is_cjk, is_han, is_space};

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    args.no_params()?;
    Ok(Box::new(AsciiBracketLabel {
        base: args.emitter(),
    }))
}

struct AsciiBracketLabel {
    base: Emitter,
}

impl Checker for AsciiBracketLabel {
    fn check(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = ctx.text();
        let bytes = text.as_bytes();
        for open in memchr::memchr_iter(b'[', bytes) {
            let rest = &bytes[open + 1..bytes.len().min(open + 1 + 10 * 4 + 1)];
            let Some(len) = memchr::memchr(b']', rest) else {
                continue;
            };
            let close = open + 1 + len;
            let label = &text[open + 1..close];
            let n = label.chars().count();
            if !(1..=10).contains(&n) || !label.chars().all(|c| is_han(c) || c == '·') {
                continue;
            }
            let line_start = memchr::memrchr(b'\n', &bytes[..open]).map_or(0, |p| p + 1);
            let at_start = text[line_start..open].chars().all(is_space);
            let next = char_at(text, close + 1);
            if next == Some('(') || !(at_start || next.is_some_and(is_cjk)) {
                continue;
            }
            let fix = Fix::new(
                Applicability::Unsafe,
                vec![
                    Edit::replace(Span::new(open, open + 1), "【"),
                    Edit::replace(Span::new(close, close + 1), "】"),
                ],
            );
            self.base.push(
                out,
                Span::new(open, close + 1),
                &[("found", &text[open..=close]), ("label", label)],
                Some(format!("改为“【{label}】”")),
                Some(fix),
            );
        }
    }
}
