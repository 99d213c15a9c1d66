//! 省略了整数位“0”的纯小数：`.46`
//!
//! ## 检查什么
//! 报告小数点前什么也没有、直接跟数字的数，并补上0：`增长.46个百分点` → `增长0.46个百分点`。
//!
//! ## 不报告的情形
//! 带整数部分的小数（`17.5`、`4.1亿`），版本号和章节号（`v1.2`、`3.1.2`），文件扩展名和域名（`.jpg`、`.cn`；网址本来就会被屏蔽），省略号（`...5`），以及紧贴拉丁字母或代码中其他符号的情形（`a.5`、`/.5`）。
//!
//! ## 修复
//! 安全修复：补上前导的0不改变数值。
//!
//! ## 依据
//! GB/T 15835—2011（1995年版第8.2条）：纯小数须在小数点前写0（写作`0.46`，不写作`.46`）；没有这个0，小数点容易被忽略，数值会被误读为46。

// English original of the user documentation above (developer notes):
//
// Decimal fractions without the leading zero: `.46`.
//
// ## What it does
// Flags a number written as a decimal point followed by digits with nothing
// before the point, and adds the zero: `增长.46个百分点` → `增长0.46个百分点`.
//
// ## Why
// GB/T 15835—2011 (1995 edition 8.2): a pure decimal keeps the 0 before the
// decimal point (`0.46`, not `.46`); without it the point is easily missed
// and the number read as 46.
//
// ## What it leaves alone
// Decimals with an integer part (`17.5`, `4.1亿`), version and section
// numbers (`v1.2`, `3.1.2`), file extensions and domains (`.jpg`, `.cn`,
// URLs are masked anyway), ellipses (`...5`) and anything glued to Latin
// letters or other punctuation of code (`a.5`, `/.5`).
//
// ## Fix safety
// Safe: adding the leading zero does not change the value.

use crate::fix::{Edit, Fix};
use crate::rule::message::Emitter;
use crate::rule::{CheckContext, Checker, Finding};
use crate::rules::NativeArgs;
use crate::span::Span;

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    args.no_params()?;
    Ok(Box::new(BareDecimal {
        emit: args.emitter(),
    }))
}

struct BareDecimal {
    emit: Emitter,
}

impl Checker for BareDecimal {
    fn check(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = ctx.text();
        let b = text.as_bytes();
        for p in memchr::memchr_iter(b'.', b) {
            if !b.get(p + 1).is_some_and(u8::is_ascii_digit) {
                continue;
            }
            if p > 0 && b[p - 1].is_ascii() {
                let c = b[p - 1];
                // Only after spaces or ASCII brackets/quotes may a bare decimal start.
                if !matches!(c, b' ' | b'(' | b'\n' | b'"' | b'\'' | b'+' | b'=') {
                    continue;
                }
            }
            let end = super::digits_after(text, p + 1);
            if b.get(end).is_some_and(|c| {
                c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'/' | b'-')
            }) {
                continue;
            }
            let span = Span::new(p, end);
            let found = &text[span.range()];
            let expected = format!("0{found}");
            out.push(
                self.emit
                    .at(span, &[("found", found), ("expected", &expected)])
                    .with_help(format!("改为“{expected}”"))
                    .with_fix(Fix::safe(vec![Edit::insert(p, "0")])),
            );
        }
    }
}
