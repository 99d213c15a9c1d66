//! 长数字在一处用千分撇分节、在另一处不分节
//!
//! ## 检查什么
//! 收集文档中整数部分为五位及以上的数量；如果其中一些用逗号按千位分节（`12,345人`），另一些不分节（`67890人`），就报告较少见的那种写法，并建议改为另一种（两者数量相同时，建议给不分节的数字加上逗号）。
//!
//! ## 不报告的情形
//! 四位及以下的数字（`8703`无论哪种做法都可以不分节）；年份；编号和代码（后接`号`，或紧贴拉丁字母、连字符、斜线的数字：`42010302000223号`、`ICP备12345678`、`010-12345678`）；小数的小数部分；以及通篇只用一种做法的文档。
//!
//! ## 修复
//! 不安全修复：保留哪种做法，属于本单位体例的选择。
//!
//! ## 依据
//! GB/T 15835—2011允许长数字按千位分节（千分撇`2,748,456`或千分空），也允许不分节，但同一出版物应只用一种做法；混用会使数字难以一眼比较。

// English original of the user documentation above (developer notes):
//
// Long numbers grouped with the 千分撇 in one place and not in another.
//
// ## What it does
// Collects the quantities of five or more integer digits in the document;
// when some are grouped by thousands with commas (`12,345人`) and others
// are not (`67890人`), flags the less common form and offers the other
// (on a tie, the ungrouped numbers get commas).
//
// ## Why
// GB/T 15835—2011 allows long numbers to be grouped by thousands (千分撇
// `2,748,456` or 千分空) or written ungrouped, but one publication keeps
// one practice; a mixture makes numbers hard to compare at a glance.
//
// ## What it leaves alone
// Numbers of four digits or fewer (`8703` may stay ungrouped either way),
// years, identifiers and codes (numbers followed by `号`, glued to Latin
// letters, hyphens or slashes: `42010302000223号`, `ICP备12345678`,
// `010-12345678`), decimals' fractional parts, and documents that keep one
// practice.
//
// ## Fix safety
// Unsafe: which practice to keep is a house-style choice.

use super::{digits_after, next_char, prev_char};
use crate::fix::{Applicability, Fix};
use crate::rule::message::Emitter;
use crate::rule::{CheckContext, Checker, Finding};
use crate::rules::NativeArgs;
use crate::span::Span;
use crate::text::chars::is_han;

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    args.no_params()?;
    Ok(Box::new(DigitGrouping {
        emit: args.emitter(),
    }))
}

struct DigitGrouping {
    emit: Emitter,
}

/// A quantity of five or more integer digits: its span and whether it is grouped.
fn quantities(text: &str) -> Vec<(Span, bool)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = digits_after(text, i);
        let first = end - start;
        let mut groups = 0;
        while b.get(end) == Some(&b',')
            && digits_after(text, end + 1) == end + 4
            && !b.get(end + 4).is_some_and(u8::is_ascii_digit)
        {
            end += 4;
            groups += 1;
        }
        i = end.max(start + 1);
        let grouped = groups > 0;
        if grouped && first > 3 {
            continue;
        }
        let digits = first + 3 * groups;
        if digits < 5 {
            continue;
        }
        let before = prev_char(text, start);
        if before.is_some_and(|c| {
            c.is_ascii_alphanumeric() || matches!(c, '-' | '/' | '.' | '_' | '#' | ':' | '+')
        }) {
            continue;
        }
        // A quantity is followed by Chinese text (a unit, a measure word), not by `号` or code.
        let Some(after) = next_char(text, end) else {
            continue;
        };
        if !is_han(after) || matches!(after, '号' | '年') {
            continue;
        }
        if text[end..].starts_with('.') {
            continue;
        }
        out.push((Span::new(start, end), grouped));
    }
    out
}

fn group(digits: &str) -> String {
    let n = digits.len();
    let mut out = String::with_capacity(n + n / 3);
    for (k, c) in digits.chars().enumerate() {
        if k > 0 && (n - k) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

impl Checker for DigitGrouping {
    fn check(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = ctx.text();
        if !text.as_bytes().contains(&b',') {
            return;
        }
        let qs = quantities(text);
        let grouped = qs.iter().filter(|q| q.1).count();
        let plain = qs.len() - grouped;
        if grouped == 0 || plain == 0 {
            return;
        }
        let flag_grouped = grouped < plain;
        for &(span, is_grouped) in qs.iter().filter(|q| q.1 == flag_grouped) {
            let found = &text[span.range()];
            let expected = if is_grouped {
                found.replace(',', "")
            } else {
                group(found)
            };
            out.push(
                self.emit
                    .at(span, &[("found", found), ("expected", &expected)])
                    .with_help(format!("统一为“{expected}”"))
                    .with_fix(Fix::replace(Applicability::Unsafe, span, expected)),
            );
        }
    }
}
