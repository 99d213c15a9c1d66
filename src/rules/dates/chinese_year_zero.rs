//! Years in Chinese numerals written with 零, ○ or 0 instead of 〇.
//!
//! ## What it does
//! Flags a year written digit by digit in Chinese numerals whose zero is
//! `零`, `○` (U+25CB WHITE CIRCLE), a digit `0` or a letter `O`, and
//! rewrites the zero as `〇` (U+3007): `二零二五年`, `二0二五年`, `二○二五年` →
//! `二〇二五年`.
//!
//! ## Why
//! GB/T 15835—2011 5.2.5: the Chinese-numeral form of “公元2012年” is
//! “二〇一二年”, not “二零一二年”. `〇` is the numeral; `○` is a geometric
//! shape that merely looks like it, and `零` reads as a quantity word. The
//! 2022 党章 writes `二〇三五年`.
//!
//! ## What it leaves alone
//! `零` in quantities (`三千零五十二`, `一千零一年`), where it is right; years
//! already written with `〇`; runs that are not four digits long (`零五年`
//! is a two-digit year: see `dates/two-digit-year`); full-width `０` and `Ｏ`,
//! which `punctuation/fullwidth-alphanumeric` reports first (its fix makes
//! them half-width, and this rule then offers `〇`).
//!
//! ## Fix safety
//! Safe: the same year with the standard zero character.
//!
//! ## 全角零
//! 全角 `０`、`Ｏ` 现在也由本规则直接改为“〇”（`二００一年` → `二〇〇一年`）：
//! `punctuation/fullwidth-alphanumeric` 不再把它们改成半角 `0`，以免一步修复得到错误的 `二00一年`。

use super::{cn_year_digit, fill, is_cn_1_9, is_cn_numeral, prev_char};
use crate::fix::{Applicability, Edit, Fix};
use crate::rule::{CheckContext, Checker, Finding, RuleIndex};
use crate::rules::NativeArgs;
use crate::rules::util::deny_unknown_params;
use crate::span::Span;
use memchr::memmem;

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    deny_unknown_params(args.params, &[])?;
    Ok(Box::new(ChineseYearZero {
        rule: args.index,
        message: args.meta.message.clone(),
    }))
}

struct ChineseYearZero {
    rule: RuleIndex,
    message: String,
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
        for p in memmem::find_iter(text.as_bytes(), "年".as_bytes()) {
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
                Finding::new(
                    self.rule,
                    span,
                    fill(&self.message, &[("found", found), ("expected", &expected)]),
                )
                .with_help(format!("改为“{expected}”"))
                .with_fix(Fix::new(Applicability::Safe, edits)),
            );
        }
    }
}
