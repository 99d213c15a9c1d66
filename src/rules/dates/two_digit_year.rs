//! 简写的年份：`22年3月`、`九〇年`
//!
//! ## 检查什么
//! 报告用两位数字书写的年份，并建议改为完整年份：`22年3月` → `2022年3月`，`九〇年` → `一九九〇年`，`’98年5月` → `1998年5月`。两位阿拉伯数字年份只在后接月份时才认定（`22年3月`）；汉字数字年份在含有零（`九〇年`、`零八年`）或后接月份时认定。
//!
//! ## 不报告的情形
//! 代际和年代（`“00后”`、`“90后”`、`20世纪90年代`、`八〇年代`）；时长（`建校50年`、`50年来`、`工作了12年3个月`）；汉字数字表示的概数（`七八年`、`二三年`）；以及四位数的年份。
//!
//! ## 修复
//! 不安全修复：世纪是推测的（不晚于文档年份的两位年份视为20xx年，否则视为19xx年）。
//!
//! ## 依据
//! GB/T 15835—2011（与此前1995年版第5.1.1.1条相同）：“年份一般不用简写”，例如`1990年`不应简作`九〇年`或`90年`。GB/T 9704—2012第7.3.5条：年份应标全称。

// English original of the user documentation above (developer notes):
//
// Abbreviated years: `22年3月`, `九〇年`.
//
// ## What it does
// Flags a year written with two digits and offers the full year:
// `22年3月` → `2022年3月`, `九〇年` → `一九九〇年`, `’98年5月` → `1998年5月`.
// An Arabic two-digit year is recognised only when a month follows it
// (`22年3月`); a Chinese one when it contains a zero (`九〇年`, `零八年`) or
// a month follows.
//
// ## Why
// GB/T 15835—2011 (as 1995 5.1.1.1 before it): “年份一般不用简写。如：
// 1990年不应简作‘九〇年’或‘90年’”. GB/T 9704—2012 7.3.5: 年份应标全称.
//
// ## What it leaves alone
// Generations and decades (`“00后”`, `“90后”`, `20世纪90年代`, `八〇年代`),
// durations (`建校50年`, `50年来`, `工作了12年3个月`), approximate counts in
// Chinese numerals (`七八年`, `二三年`), and four-digit years.
//
// ## Fix safety
// Unsafe: the century is a guess (a two-digit year not after the document's
// year is taken as 20xx, otherwise 19xx).

use super::{
    cn_year_digit, digits_after, digits_before, is_cn_1_9, is_cn_numeral, num, parse_cn_small,
    prev_char,
};
use crate::fix::{Applicability, Fix};
use crate::rule::message::Emitter;
use crate::rule::{CheckContext, Checker, Finding};
use crate::rules::NativeArgs;
use crate::span::Span;
use crate::text::needle;
use chrono::Datelike;

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    args.no_params()?;
    Ok(Box::new(TwoDigitYear {
        emit: args.emitter(),
    }))
}

struct TwoDigitYear {
    emit: Emitter,
}

/// Whether a month (`3月`, `十二月`) starts at `i`.
fn month_at(text: &str, i: usize) -> bool {
    let de = digits_after(text, i);
    if de > i {
        return de - i <= 2
            && text[de..].starts_with('月')
            && num(&text[i..de]).is_some_and(|m| (1..=12).contains(&m));
    }
    let cn: String = text[i..]
        .chars()
        .take_while(|c| is_cn_1_9(*c) || *c == '十')
        .take(2)
        .collect();
    !cn.is_empty()
        && text[i + cn.len()..].starts_with('月')
        && parse_cn_small(&cn).is_some_and(|m| (1..=12).contains(&m))
}

const CN_DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

impl TwoDigitYear {
    fn report(
        &self,
        ctx: &CheckContext<'_>,
        span: Span,
        yy: u32,
        chinese: bool,
        out: &mut Vec<Finding>,
    ) {
        let text = ctx.text();
        let this_year = ctx.date().year();
        let full = if 2000 + yy as i32 <= this_year {
            2000 + yy
        } else {
            1900 + yy
        };
        let year = if chinese {
            full.to_string()
                .chars()
                .map(|c| CN_DIGITS[c.to_digit(10).unwrap_or(0) as usize])
                .collect::<String>()
        } else {
            full.to_string()
        };
        let expected = format!("{year}年");
        let found = &text[span.range()];
        out.push(
            self.emit
                .at(span, &[("found", found), ("expected", &expected)])
                .with_help(format!("年份应写全，如“{expected}”"))
                .with_fix(Fix::replace(Applicability::Unsafe, span, expected)),
        );
    }
}

impl Checker for TwoDigitYear {
    fn check(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = ctx.text();
        let b = text.as_bytes();
        for p in needle!("年").find_iter(b) {
            let after = p + '年'.len_utf8();
            if text[after..].starts_with('代') || text[after..].starts_with("级") {
                continue;
            }
            // Arabic: `22年3月`, `’22年3月`.
            let ds = digits_before(text, p);
            if ds < p {
                if p - ds != 2 || !month_at(text, after) {
                    continue;
                }
                let mut start = ds;
                match prev_char(text, ds) {
                    Some('\'' | '’' | '‘') => {
                        start -= prev_char(text, ds).map_or(0, char::len_utf8)
                    }
                    Some(c) if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '/' | '第') => {
                        continue;
                    }
                    _ => {}
                }
                let Some(yy) = num(&text[ds..p]) else {
                    continue;
                };
                self.report(ctx, Span::new(start, after), yy, false, out);
                continue;
            }
            // Chinese: `九〇年`, `零八年`, `九八年五月`.
            let mut start = p;
            let mut digits = Vec::new();
            for c in text[..p].chars().rev() {
                match cn_year_digit(c) {
                    Some(d) if !c.is_ascii() && c != '０' && digits.len() < 3 => {
                        digits.push((c, d));
                        start -= c.len_utf8();
                    }
                    _ => break,
                }
            }
            if digits.len() != 2 || prev_char(text, start).is_some_and(is_cn_numeral) {
                continue;
            }
            let has_zero = digits.iter().any(|(_, d)| *d == 0);
            if !has_zero && !month_at(text, after) {
                continue;
            }
            let yy = digits[1].1 * 10 + digits[0].1;
            self.report(ctx, Span::new(start, after), yy, true, out);
        }
    }
}
