//! 写成`--`、`－－`、`――`、`──`或`— —`的破折号
//!
//! ## 检查什么
//! 报告破折号的各种替代写法，并改为`——`（两个`U+2014 EM DASH`）：
//! - 两个全角连字符`－－`（`U+FF0D`）或两个水平线`――`（`U+2015`），出现在任何位置；
//! - 两个制表线`──`（`U+2500`）或两个ASCII连字符`--`，前提是相邻字符中有中文，且两侧都不是拉丁字母或数字；
//! - 中间夹有空格的两个长划线`— —`。
//!
//! ## 不报告的情形
//! - 汉字之间的单个`—`：它可能是表示范围的一字线（`北京—上海`、`1949—2019年`），GB/T 15834第4.13条允许这种用法；
//! - 命令行选项和拉丁文复合词（`--help`、`a--b`）；
//! - 较长的制表线串（`──────`，用作表格线或分隔线）；
//! - `——`本身。
//!
//! ## 修复
//! 安全修复：替换后是同一标点的标准形式。
//!
//! ## 依据
//! GB/T 15834—2011第4.9条：破折号写作`——`，占两个字的位置，且不能断开（第5.1.4条）。各种形近的替代符号显示时会出现间隙或高低不齐，也会妨碍检索。

// English original of the user documentation above (developer notes):
//
// Dashes written as `--`, `－－`, `――`, `──` or `— —`.
//
// ## What it does
// Flags the stand-ins for the Chinese dash (破折号) and replaces them with
// `——` (two U+2014 EM DASH):
// - two full-width hyphen-minus `－－` (U+FF0D) or two horizontal bars
//   `――` (U+2015), anywhere;
// - two box-drawing lines `──` (U+2500) or two ASCII hyphens `--`, when a
//   neighbour is Chinese and neither neighbour is a Latin letter or digit;
// - two em dashes with a space between them, `— —`.
//
// ## Why
// GB/T 15834—2011 4.9: the dash is `——`, two character cells wide and never
// broken (5.1.4). The look-alikes render with gaps or at the wrong height
// and break search.
//
// ## What it leaves alone
// - a single `—` between Chinese characters: it may be the 一字线 of a
//   range (`北京—上海`, `1949—2019年`), which GB/T 15834 4.13 allows;
// - command-line options and Latin compounds (`--help`, `a--b`);
// - longer box-drawing runs (`──────`: table rules, separators);
// - `——` itself.
//
// ## Fix safety
// Safe: the replacement is the same mark in its standard form.

use super::Needles;
use crate::fix::{Applicability, Fix};
use crate::rule::message::Emitter;
use crate::rule::{CheckContext, Checker, Finding};
use crate::rules::NativeArgs;
use crate::span::Span;
use crate::text::chars::{char_at, char_before, is_ascii_alnum, is_cjk};
use std::sync::LazyLock;

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    args.no_params()?;
    Ok(Box::new(DashForm {
        base: args.emitter(),
    }))
}

struct DashForm {
    base: Emitter,
}

static TRIGGERS: LazyLock<Needles> =
    LazyLock::new(|| Needles::new(&["－－", "――", "──", "--", "— —", "—\u{3000}—"]));

impl Checker for DashForm {
    fn check(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = ctx.text();
        for (m_start, m_end, m_pat) in TRIGGERS.find_all(text) {
            let (s, e) = (m_start, m_end);
            let before = char_before(text, s);
            let after = char_at(text, e);
            let unit = char_at(text, s).expect("match");
            // The run must be exactly the matched pair.
            if before == Some(unit) || after == Some(unit) {
                continue;
            }
            let context_ok = || {
                (before.is_some_and(is_cjk) || after.is_some_and(is_cjk))
                    && !before.is_some_and(is_ascii_alnum)
                    && !after.is_some_and(is_ascii_alnum)
            };
            let flag = match m_pat {
                0 | 1 => true,
                2 | 3 => context_ok(),
                _ => before != Some('—') && after != Some('—'),
            };
            if !flag {
                continue;
            }
            let span = Span::new(s, e);
            self.base.push(
                out,
                span,
                &[("found", &text[s..e])],
                Some("改为“——”".into()),
                Some(Fix::replace(Applicability::Safe, span, "——")),
            );
        }
    }
}
