//! 连续输入两次的点号：`，，`、`。。`、`、、`、`；；`、`：：`
//!
//! ## 检查什么
//! 报告连续出现的两个相同的全角点号，并删去其中一个。在中文文本中，半角的`,`和`;`视同其全角形式（`,,`、`，,`、`;;`）：按原文报告重复，修复后保留一个全角标点。三个及以上连续的`，`、`、`、`；`、`：`也予报告，但其修复为不安全修复（作者可能本想输入省略号）。
//!
//! ## 不报告的情形
//! 三个及以上的`。`（这是省略号的替代写法，由`punctuation/ellipsis-form`处理）；`？？`和`！！`（由`punctuation/repeated-terminal-marks`处理）；两个不同的标点（如`？！`，GB/T 15834允许这种连用）。
//!
//! ## 修复
//! 成对重复时为安全修复：两个相同标点删去一个。更长的连续重复为不安全修复。
//!
//! ## 依据
//! GB/T 15834—2011为每个点号规定了一个位置；重复的逗号或句号是输入失误（按键按住不放、粘贴接缝），从来不是一种文体。

// English original of the user documentation above (developer notes):
//
// A pause mark typed twice: `，，` `。。` `、、` `；；` `：：`.
//
// ## What it does
// Flags two identical full-width pause marks in a row and replaces them with
// one. In Chinese text the half-width `,` and `;` count as their
// full-width twins (`,,` `，,` `;;`): the repetition is reported on the
// text as written, and the fix leaves one full-width mark. Runs of three or more `，` `、` `；` `：` are flagged too, with an
// unsafe fix (someone may have meant an ellipsis).
//
// ## Why
// GB/T 15834—2011 gives each 点号 one position; a doubled comma or full
// stop is a keyboard slip (a key held, a paste seam), never a style.
//
// ## What it leaves alone
// Three or more `。` (an ellipsis stand-in: `punctuation/ellipsis-form`);
// `？？` and `！！` (`punctuation/repeated-terminal-marks`); two different
// marks (`？！`, which GB/T 15834 allows).
//
// ## Fix safety
// Safe for a pair: one of two identical marks is dropped. Unsafe for longer
// runs.

use crate::fix::{Applicability, Fix};
use crate::rule::message::Emitter;
use crate::rule::{CheckContext, Checker, Finding};
use crate::rules::NativeArgs;
use crate::span::Span;
use crate::text::chars::{char_before, is_cjk, is_han};

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    args.no_params()?;
    Ok(Box::new(DoubledPunctuation {
        base: args.emitter(),
    }))
}

struct DoubledPunctuation {
    base: Emitter,
}

/// The full-width mark a pause mark stands for (`,` and `;` count as their
/// full-width twins; a half-width `:` or `.` doubled is markup or an
/// ellipsis, not a slip).
fn unit(c: char) -> Option<&'static str> {
    match c {
        '，' | ',' => Some("，"),
        '；' | ';' => Some("；"),
        '。' => Some("。"),
        '、' => Some("、"),
        '：' => Some("："),
        _ => None,
    }
}

impl Checker for DoubledPunctuation {
    fn check(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = ctx.text();
        let mut next = 0;
        // Every mark of a unit begins with one of these bytes: `，；：` with
        // 0xEF, `。、` with 0xE3.
        let bytes = text.as_bytes();
        let starts = super::mark_positions(bytes, [0xE3, 0xEF, b','], [b';', b';']);
        let may_start_unit = |b: Option<&u8>| matches!(b, Some(0xE3 | 0xEF | b',' | b';'));
        for m_start in starts {
            if m_start < next {
                continue;
            }
            // A doubled mark: another unit right after this one (which is
            // three bytes long, or one for `,` and `;`). Most marks are
            // followed by a character, and are passed over here.
            let len = if bytes[m_start] < 0x80 { 1 } else { 3 };
            if !may_start_unit(bytes.get(m_start + len)) {
                continue;
            }
            let mut marks = text[m_start..].chars().map(self::unit);
            let Some(unit) = marks.next().flatten() else {
                continue;
            };
            if marks.next().flatten() != Some(unit) {
                continue;
            }
            if char_before(text, m_start).and_then(self::unit) == Some(unit) {
                continue;
            }
            let mut e = m_start;
            let mut n = 0;
            let mut halfwidth = false;
            for c in text[m_start..].chars() {
                if self::unit(c) != Some(unit) {
                    break;
                }
                halfwidth |= c.is_ascii();
                e += c.len_utf8();
                n += 1;
            }
            next = e;
            if unit == "。" && n >= 3 {
                continue;
            }
            // Half-width marks are pause marks only in Chinese text (as
            // `punctuation/halfwidth-in-cjk` judges them): `a,,b` is not.
            if halfwidth
                && !(char_before(text, m_start).is_some_and(is_cjk)
                    || text[e..].chars().next().is_some_and(is_han))
            {
                continue;
            }
            let applicability = if n == 2 {
                Applicability::Safe
            } else {
                Applicability::Unsafe
            };
            let span = Span::new(m_start, e);
            self.base.push(
                out,
                span,
                &[("found", &text[span.range()]), ("expected", unit)],
                Some(format!("只保留一个“{unit}”")),
                Some(Fix::replace(applicability, span, unit)),
            );
        }
    }
}
