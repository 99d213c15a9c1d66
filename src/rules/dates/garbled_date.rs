//! 抓取时损坏的日期：`2021916日`、`2021年916日`、`1012日上午`
//!
//! ## 检查什么
//! `日`字前三到八位连写的阿拉伯数字，不可能是某月中的一天，显然是网页抓取或重新录入时丢了`年`或`月`：`2021916日`（年月日连成一串）、`2021年916日`（丢了`月`）、`1012日上午`。本规则把这串数字按年（以`19`或`20`开头且位数足够时）、月、日拆开，说明它可能是哪个日期：只有一种读法时给出不安全修复（`2021年9月16日`）；有几种读法时（`111日`：1月11日或11月1日）一一列出；一种也读不通时，报告为无法辨认的日期。
//!
//! 只在文字确实像日期的地方才这样判断：数字串后面紧接时段（`上午`、`下午`、`晚`）、逗号、地点或活动动词（`在`、`召开`、`举行`）、电头（`电`、`讯`）或表示起止的符号。
//!
//! ## 不报告的情形
//! 天数（`180日内`、`第100日`、`满365日`、`为期120日`）、序号、`年`和`月`都在的日期，以及一两位数字（普通的日子）。
//!
//! ## 修复
//! 不安全修复，而且只在只有一种读法时提供：须由作者确认。
//!
//! ## 依据
//! GB/T 15835—2011把日期写作`2021年9月16日`。丢了一个字的数字串，读者无法确信它表示哪一天；网页把日期拆在几个元素里时，抓取后的日期最常见的就是这种损坏。

// English original of the user documentation above (developer notes):
//
// Dates damaged in scraping: `2021916日`, `2021年916日`, `1012日上午`.
//
// ## What it does
// Finds a run of three to eight Arabic digits right before `日` that
// cannot be a day of the month, where a `年` or `月` was evidently lost
// when the page was scraped or retyped: `2021916日` (year, month and day
// run together), `2021年916日` (the `月` lost), `1012日上午`. It reads the
// digits as year (when they start with `19`/`20` and are long enough),
// month and day, and says which dates they can be: one reading gets an
// unsafe fix (`2021年9月16日`), several (`111日`: 1月11日 or 11月1日) are
// listed, none is reported as a date nobody can read.
//
// A date is only assumed where the text reads like one: after the run
// comes a time of day (`上午`, `下午`, `晚`), a comma, a place or an event
// verb (`在`, `召开`, `举行`), a dateline (`电`, `讯`) or a range mark.
//
// ## Why
// GB/T 15835—2011 writes dates as `2021年9月16日`; a run of digits with
// one mark lost is not a date any reader can trust, and it is the most
// common damage a date suffers when text is scraped from a page whose
// date was split over several elements.
//
// ## What it leaves alone
// Counts of days (`180日内`, `第100日`, `满365日`, `为期120日`), serial
// numbers, digits with their `年` and `月` in place, and runs of one or two
// digits (a plain day).
//
// ## Fix safety
// Unsafe, and only when a single reading fits: the writer must confirm it.

use super::{digits_before, max_days, prev_char};
use crate::fix::{Applicability, Fix};
use crate::rule::message::Emitter;
use crate::rule::{CheckContext, Checker, Finding};
use crate::rules::NativeArgs;
use crate::span::Span;
use crate::text::needle;

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    args.no_params()?;
    Ok(Box::new(GarbledDate {
        emit: args.emitter(),
    }))
}

struct GarbledDate {
    emit: Emitter,
}

/// What may follow a date in running text.
const AFTER: &[&str] = &[
    "上午", "下午", "晚", "早", "凌晨", "中午", "，", ",", "在", "召开", "举行", "举办", "电",
    "讯", "至", "—", "-", "（", "(", "起", "、", "是",
];

/// What before a run of digits makes it a count, not a date.
const COUNT_BEFORE: &[&str] = &[
    "第", "满", "为期", "逾", "超过", "连续", "共", "累计", "每", "近", "约", "历时",
];

/// What after `日` makes the run a count of days.
const COUNT_AFTER: &[&str] = &["内", "以内", "之内", "以上", "以下", "左右", "后", "以后"];

/// Every month–day reading of `digits` (one or two digits each).
fn month_days(digits: &str) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    for k in 1..=2 {
        if k >= digits.len() || digits.len() - k > 2 {
            continue;
        }
        let (m, d) = (&digits[..k], &digits[k..]);
        if d.starts_with('0') && d.len() == 2 && k == 2 && m.starts_with('0') {
            continue;
        }
        let (Ok(m), Ok(d)) = (m.parse::<u32>(), d.parse::<u32>()) else {
            continue;
        };
        if max_days(m).is_some_and(|n| (1..=n).contains(&d)) {
            out.push((m, d));
        }
    }
    out
}

impl Checker for GarbledDate {
    fn check(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = ctx.text();
        for p in needle!("日").find_iter(text.as_bytes()) {
            let start = digits_before(text, p);
            let digits = &text[start..p];
            if !(3..=8).contains(&digits.len()) {
                continue;
            }
            let after = &text[p + "日".len()..];
            if COUNT_AFTER.iter().any(|w| after.starts_with(w))
                || !AFTER.iter().any(|w| after.starts_with(w))
            {
                continue;
            }
            let mut from = start.saturating_sub(6);
            while !text.is_char_boundary(from) {
                from += 1;
            }
            let before = &text[from..start];
            if COUNT_BEFORE.iter().any(|w| before.ends_with(w)) {
                continue;
            }
            // Part of a longer token (`A1012日`, `1.5日`, `10月1012日`).
            if prev_char(text, start)
                .is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '月' | '/' | '-'))
            {
                continue;
            }
            let year_written = before.ends_with('年');
            // Readings: year + month + day when the digits start with a
            // year and no 年 precedes; else month + day.
            let mut readings: Vec<String> = Vec::new();
            if !year_written
                && digits.len() >= 6
                && (digits.starts_with("19") || digits.starts_with("20"))
            {
                for (m, d) in month_days(&digits[4..]) {
                    readings.push(format!("{}年{m}月{d}日", &digits[..4]));
                }
            } else if digits.len() <= 4 {
                for (m, d) in month_days(digits) {
                    readings.push(format!("{m}月{d}日"));
                }
            } else {
                continue;
            }
            let span = Span::new(start, p + "日".len());
            let found = &text[span.range()];
            let (meant, fix) = match readings.as_slice() {
                [] => ("无法读成有效日期".to_string(), None),
                [one] => (
                    format!("可能是“{one}”"),
                    Some(Fix::replace(Applicability::Unsafe, span, one.clone())),
                ),
                many => (format!("可能是“{}”", many.join("”或“")), None),
            };
            let mut f = self
                .emit
                .at(span, &[("found", found), ("meant", &meant)])
                .with_help("核对原文，补上丢失的“年”“月”".to_string());
            if let Some(fix) = fix {
                f = f.with_fix(fix);
            }
            out.push(f);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::month_days;

    #[test]
    fn reads_month_and_day() {
        assert_eq!(month_days("916"), vec![(9, 16)]);
        assert_eq!(month_days("1012"), vec![(10, 12)]);
        assert_eq!(month_days("111"), vec![(1, 11), (11, 1)]);
        assert!(month_days("1345").is_empty());
        assert!(month_days("999").is_empty());
    }
}
