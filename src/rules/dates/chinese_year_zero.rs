//! 用“零”“○”或“0”代替“〇”的汉字数字年份
//!
//! ## 检查什么
//! 报告逐位用汉字数字书写、但其中的零写成`零`、`○`（`U+25CB WHITE CIRCLE`）、数字`0`或字母`O`的年份，并把零改为`〇`（`U+3007`）：`二零二五年`、`二0二五年`、`二○二五年` → `二〇二五年`。
//!
//! 全角 `０`、`Ｏ` 现在也由本规则直接改为“〇”（`二００一年` → `二〇〇一年`）：
//! `punctuation/fullwidth-alphanumeric` 不再把它们改成半角 `0`，以免一步修复得到错误的 `二00一年`。
//!
//! ## 不报告的情形
//! 表示数量的`零`（`三千零五十二`、`一千零一年`），此时写“零”是对的；已经用`〇`书写的年份；不足四位的数字串（`零五年`是两位年份，见`dates/two-digit-year`）；全角的`０`和`Ｏ`，这两种先由`punctuation/fullwidth-alphanumeric`报告（其修复将它们改为半角，之后本规则再建议改为`〇`）。
//!
//! ## 修复
//! 安全修复：年份不变，只是零改用标准字符。
//!
//! ## 依据
//! GB/T 15835—2011第5.2.5条：`公元2012年`的汉字数字形式是`二〇一二年`，不是`二零一二年`。`〇`是数字；`○`是外形相似的几何图形符号，`零`则读作数量词。2022年党章写作`二〇三五年`。

// English original of the user documentation above (developer notes):
//
// Years in Chinese numerals written with 零, ○ or 0 instead of 〇.
//
// ## What it does
// Flags a year written digit by digit in Chinese numerals whose zero is
// `零`, `○` (U+25CB WHITE CIRCLE), a digit `0` or a letter `O`, and
// rewrites the zero as `〇` (U+3007): `二零二五年`, `二0二五年`, `二○二五年` →
// `二〇二五年`.
//
// ## Why
// GB/T 15835—2011 5.2.5: the Chinese-numeral form of “公元2012年” is
// “二〇一二年”, not “二零一二年”. `〇` is the numeral; `○` is a geometric
// shape that merely looks like it, and `零` reads as a quantity word. The
// 2022 党章 writes `二〇三五年`.
//
// ## What it leaves alone
// `零` in quantities (`三千零五十二`, `一千零一年`), where it is right; years
// already written with `〇`; runs that are not four digits long (`零五年`
// is a two-digit year: see `dates/two-digit-year`); full-width `０` and `Ｏ`,
// which `punctuation/fullwidth-alphanumeric` reports first (its fix makes
// them half-width, and this rule then offers `〇`).
//
// ## Fix safety
// Safe: the same year with the standard zero character.

use super::{cn_year_digit, is_cn_1_9, is_cn_numeral, prev_char};
use crate::fix::{Applicability, Edit, Fix};
use crate::rule::message::Emitter;
use crate::rule::{CheckContext, Checker, Finding};
use crate::rules::NativeArgs;
use crate::span::Span;
use crate::text::needle;

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    args.no_params()?;
    Ok(Box::new(ChineseYearZero {
        emit: args.emitter(),
    }))
}

struct ChineseYearZero {
    emit: Emitter,
}

/// The four characters of a digit-by-digit year ending at `end` (the `年`), if any.
pub(crate) fn cn_year_before(text: &str, end: usize) -> Option<(Span, Vec<(usize, char)>)> {
    let mut start = end;
    let mut chars = Vec::new();
    for c in text[..end].chars().rev() {
        if chars.len() == 4 || cn_year_digit(c).is_none() {
            break;
        }
        start -= c.len_utf8();
        chars.push((start, c));
    }
    if chars.len() != 4 {
        return None;
    }
    let before = prev_char(text, start);
    if before.is_some_and(|c| is_cn_numeral(c) || c.is_ascii_alphanumeric()) {
        return None;
    }
    chars.reverse();
    // A year written in Chinese numerals has at least one 一…九.
    if !chars.iter().any(|(_, c)| is_cn_1_9(*c)) {
        return None;
    }
    Some((Span::new(start, end), chars))
}

impl Checker for ChineseYearZero {
    fn check(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = ctx.text();
        for p in needle!("年").find_iter(text.as_bytes()) {
            let Some((span, chars)) = cn_year_before(text, p) else {
                continue;
            };
            let edits: Vec<Edit> = chars
                .iter()
                // Full-width `０`/`Ｏ` too: `punctuation/fullwidth-alphanumeric`
                // leaves zeros next to Chinese numerals to this rule.
                .filter(|(_, c)| cn_year_digit(*c) == Some(0) && *c != '〇')
                .map(|(i, c)| Edit::replace(Span::new(*i, i + c.len_utf8()), "〇"))
                .collect();
            if edits.is_empty() {
                continue;
            }
            let span = Span::new(span.start, p + '年'.len_utf8());
            let found = &text[span.range()];
            let expected: String = chars
                .iter()
                .map(|(_, c)| {
                    if cn_year_digit(*c) == Some(0) {
                        '〇'
                    } else {
                        *c
                    }
                })
                .chain(['年'])
                .collect();
            out.push(
                self.emit
                    .at(span, &[("found", found), ("expected", &expected)])
                    .with_help(format!("改为“{expected}”"))
                    .with_fix(Fix::new(Applicability::Safe, edits)),
            );
        }
    }
}
