//! 同一日期混用两种数字：`二〇二三年4月3日`、`2023年四月三日`
//!
//! ## 检查什么
//! 报告年、月、日不全是阿拉伯数字、也不全是汉字数字的日期，并建议改为全阿拉伯数字形式：`二〇二三年4月3日` → `2023年4月3日`。
//!
//! ## 不报告的情形
//! 全部用汉字数字书写的日期（`二〇二三年四月三日`，即庄重的写法）或全部用阿拉伯数字书写的日期；农历日期（`农历2023年正月初一`）。
//!
//! ## 修复
//! 不安全修复：作者可能更想用全汉字数字的形式（两种写法都正确）。
//!
//! ## 依据
//! GB/T 15835—2011要求同一表述中只用一种数字；一半汉字数字、一半阿拉伯数字的日期看上去像是笔误（开源的公文检查工具也报告“同一日期中汉字数字与阿拉伯数字混用”）。GB/T 9704—2012第7.3.5条规定日期用阿拉伯数字书写。

// English original of the user documentation above (developer notes):
//
// One date written in two numeral systems: `二〇二三年4月3日`, `2023年四月三日`.
//
// ## What it does
// Flags a date whose year, month and day are not all Arabic or all Chinese
// numerals, and offers the all-Arabic form: `二〇二三年4月3日` →
// `2023年4月3日`.
//
// ## Why
// GB/T 15835—2011 asks for one numeral system within one expression; a date
// half in Chinese and half in Arabic numerals reads as a slip (open-source
// 公文 checkers flag “同一日期中汉字数字与阿拉伯数字混用”). GB/T 9704—2012
// 7.3.5 writes dates in Arabic numerals.
//
// ## What it leaves alone
// Dates written wholly in Chinese numerals (`二〇二三年四月三日`, the
// solemn form) or wholly in Arabic numerals; lunar dates (`农历2023年正月初一`).
//
// ## Fix safety
// Unsafe: the writer may prefer the all-Chinese form (both are correct).

use super::chinese_year_zero::cn_year_before;
use super::{
    cn_year_digit, digits_after, digits_before, is_cn_1_9, lunar_before, next_char, num,
    parse_cn_small, prev_char,
};
use crate::fix::{Applicability, Fix};
use crate::rule::message::Emitter;
use crate::rule::{CheckContext, Checker, Finding};
use crate::rules::NativeArgs;
use crate::span::Span;
use crate::text::needle;

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    args.no_params()?;
    Ok(Box::new(MixedNumerals {
        emit: args.emitter(),
    }))
}

struct MixedNumerals {
    emit: Emitter,
}

/// A date part: its value, and whether it is in Chinese numerals.
type Part = (u32, bool);

/// A Chinese small number (1–31) ending at `end`: its start and value.
fn cn_small_before(text: &str, end: usize, max_chars: usize) -> Option<(usize, u32)> {
    let mut start = end;
    for c in text[..end].chars().rev().take(max_chars) {
        if !(is_cn_1_9(c) || c == '十') {
            break;
        }
        start -= c.len_utf8();
    }
    if start == end
        || prev_char(text, start).is_some_and(|c| is_cn_1_9(c) || matches!(c, '十' | '〇'))
    {
        return None;
    }
    Some((start, parse_cn_small(&text[start..end])?))
}

impl Checker for MixedNumerals {
    fn check(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = ctx.text();
        let b = text.as_bytes();
        for p in needle!("月").find_iter(b) {
            // Month.
            let ms = digits_before(text, p);
            let (mstart, month): (usize, Part) = if ms < p {
                if p - ms > 2 || ms > 0 && (b[ms - 1].is_ascii_alphanumeric() || b[ms - 1] == b'.')
                {
                    continue;
                }
                let Some(m) = num(&text[ms..p]) else { continue };
                (ms, (m, false))
            } else {
                match cn_small_before(text, p, 2) {
                    Some((s, m)) => (s, (m, true)),
                    None => continue,
                }
            };
            if !(1..=12).contains(&month.0) {
                continue;
            }
            // Year, right before the month.
            let mut start = mstart;
            let mut year: Option<Part> = None;
            if text[..mstart].ends_with('年') {
                let ye = mstart - '年'.len_utf8();
                let ys = digits_before(text, ye);
                if ye - ys == 4 && (ys == 0 || !b[ys - 1].is_ascii_alphanumeric()) {
                    year = num(&text[ys..ye]).map(|y| (y, false));
                    start = ys;
                } else if let Some((span, chars)) = cn_year_before(text, ye) {
                    if chars.iter().all(|(_, c)| !c.is_ascii() && *c != '０') {
                        let y = chars
                            .iter()
                            .fold(0, |acc, (_, c)| acc * 10 + cn_year_digit(*c).unwrap_or(0));
                        year = Some((y, true));
                        start = span.start;
                    }
                }
            }
            // Day, right after the month.
            let after = p + '月'.len_utf8();
            let mut end = after;
            let mut day: Option<Part> = None;
            let de = digits_after(text, after);
            if de > after {
                if de - after <= 2 && matches!(next_char(text, de), Some('日' | '号')) {
                    day = num(&text[after..de]).map(|d| (d, false));
                    end = de + '日'.len_utf8();
                }
            } else {
                let cn: usize = text[after..]
                    .chars()
                    .take_while(|c| is_cn_1_9(*c) || *c == '十')
                    .take(3)
                    .map(char::len_utf8)
                    .sum();
                if cn > 0 && matches!(next_char(text, after + cn), Some('日' | '号')) {
                    day = parse_cn_small(&text[after..after + cn]).map(|d| (d, true));
                    end = after + cn + '日'.len_utf8();
                }
            }
            let parts: Vec<Part> = [year, Some(month), day].into_iter().flatten().collect();
            if parts.len() < 2 || parts.iter().all(|x| x.1) || parts.iter().all(|x| !x.1) {
                continue;
            }
            if lunar_before(text, start) {
                continue;
            }
            let span = Span::new(start, end);
            let mark = if text[..end].ends_with('号') {
                "号"
            } else {
                "日"
            };
            let mut expected = String::new();
            if let Some((y, _)) = year {
                expected.push_str(&format!("{y}年"));
            }
            expected.push_str(&format!("{}月", month.0));
            if let Some((d, _)) = day {
                expected.push_str(&format!("{d}{mark}"));
            }
            let found = &text[span.range()];
            out.push(
                self.emit
                    .at(span, &[("found", found), ("expected", &expected)])
                    .with_help(format!("统一为阿拉伯数字：“{expected}”"))
                    .with_fix(Fix::replace(Applicability::Unsafe, span, expected)),
            );
        }
    }
}
