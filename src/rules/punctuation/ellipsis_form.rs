//! 写成`...`、`。。。`、单个`…`或个数不对的`…`的省略号
//!
//! ## 检查什么
//! 报告省略号的各种替代写法，并改为`……`（两个`U+2026`）：
//! - 三个及以上的句号`。。。`；
//! - 前一个字符为中文（汉字或全角标点）时，三个及以上的ASCII句点`...`；
//! - 与中文相邻的单个`…`，或三个、五个及以上连续的`…`；
//! - 与中文相邻的居中省略号`⋯⋯`（`U+22EF`）。
//!
//! ## 不报告的情形
//! `……`和`…………`；拉丁文字或数字之后的`...`（英文省略号，或`1...10`）；只在后面有中文的`...`；英文文本中的单个`…`。
//!
//! ## 修复
//! 安全修复：替换后是同一标点的标准形式。
//!
//! ## 依据
//! GB/T 15834—2011第4.11条及其前言：省略号为六个点`……`，占两个字的位置（第5.1.5条）；`…………`（十二个点）用于表示诗行等整段的省略，不予报告。

// English original of the user documentation above (developer notes):
//
// Ellipses written as `...`, `。。。`, a lone `…`, or an odd run of `…`.
//
// ## What it does
// Flags the stand-ins for the Chinese ellipsis and replaces them with
// `……` (two U+2026):
// - three or more ideographic full stops `。。。`;
// - three or more ASCII full stops `...` when the character before them is
//   Chinese (Han or a full-width mark);
// - a single `…`, or a run of three or five or more, next to Chinese text;
// - the mid-line ellipsis `⋯⋯` (U+22EF) next to Chinese text.
//
// ## Why
// GB/T 15834—2011 4.11 and its foreword: the ellipsis is six dots, `……`,
// occupying two character cells (5.1.5); `…………` (twelve dots) marks the
// omission of whole paragraphs of verse and is left alone.
//
// ## What it leaves alone
// `……` and `…………`; `...` after Latin text or digits (English ellipsis,
// `1...10`); `...` with Chinese only after it; a lone `…` in English text.
//
// ## Fix safety
// Safe: the replacement is the same mark in its standard form.

use super::Needles;
use crate::fix::{Applicability, Fix};
use crate::rule::message::Emitter;
use crate::rule::{CheckContext, Checker, Finding};
use crate::rules::NativeArgs;
use crate::span::Span;
use crate::text::chars::{char_at, char_before, is_cjk};
use std::sync::LazyLock;

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    args.no_params()?;
    Ok(Box::new(EllipsisForm {
        base: args.emitter(),
    }))
}

struct EllipsisForm {
    base: Emitter,
}

static TRIGGERS: LazyLock<Needles> = LazyLock::new(|| Needles::new(&["...", "。。。", "…", "⋯"]));

/// End of the run of `unit` starting at `i`.
fn run_end(text: &str, i: usize, unit: &str) -> usize {
    let mut e = i;
    while text[e..].starts_with(unit) {
        e += unit.len();
    }
    e
}

impl Checker for EllipsisForm {
    fn check(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = ctx.text();
        let mut next = 0;
        for (m_start, _, m_pat) in TRIGGERS.find_all(text) {
            if m_start < next {
                continue;
            }
            let unit = match m_pat {
                0 => ".",
                1 => "。",
                2 => "…",
                _ => "⋯",
            };
            let (s, e) = (m_start, run_end(text, m_start, unit));
            next = e;
            let n = (e - s) / unit.len();
            let before = char_before(text, s);
            let after = char_at(text, e);
            let chinese_near = before.is_some_and(is_cjk) || after.is_some_and(is_cjk);
            let flag = match unit {
                "." => before.is_some_and(is_cjk),
                "。" => true,
                "…" => (n % 2 == 1 || n > 4) && chinese_near,
                _ => chinese_near,
            };
            if !flag {
                continue;
            }
            let span = Span::new(s, e);
            self.base.push(
                out,
                span,
                &[("found", &text[s..e])],
                Some("改为“……”".into()),
                Some(Fix::replace(Applicability::Safe, span, "……")),
            );
        }
    }
}
