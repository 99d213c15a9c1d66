//! 不存在的日期：`2月30日`、`9月31日`、`2023年2月29日`、`13月5日`
//!
//! ## 检查什么
//! 对照日历检查每个月日日期，无论用阿拉伯数字还是汉字数字书写。年份取与日期写在一起的那个年份；对于没有写年份的`2月29日`，取使该日期最接近文档日期（来自文档元数据或`--as-of`）的那一年。写在句中其他位置的年份不作为依据：`2019年……，截止日期从2月29日延长`说的是2020年。
//!
//! 不再取“离文档日期最近”的年份：文档日期已过当年2月（或距其不足30天）时，无年份的
//! `2月29日`按文档当年计（2024年10月的文稿中的`2月29日`是2024年的，不报告）；
//! 文档日期在当年2月之前时，去年和今年2月都可能，只有两年都不是闰年才报告；
//! 但计划和期限（`2月29日前`、`定于2月29日`）指即将到来的2月，按文档当年计。
//!
//! ## 不报告的情形
//! 农历日期（`农历二月三十`、`腊月三十`：农历月份有30天）；闰年的`2月29日`；年份不明时的`2月29日`（文中没有年份，也没有文档日期）。
//!
//! ## 修复
//! 不提供修复：只有作者知道本来指的是哪一天。
//!
//! ## 依据
//! 不存在的日期是每位读者都会注意到的事实错误，通常源于日子的笔误或照搬上个月的文稿。GB/T 15835—2011规定了日期的写法，但任何书写规范都救不了日历上没有的日子。

// English original of the user documentation above (developer notes):
//
// Dates that do not exist: `2月30日`, `9月31日`, `2023年2月29日`, `13月5日`.
//
// ## What it does
// Checks every month–day date, in Arabic or Chinese numerals, against the
// calendar. The year is the one written with the date; for 29 February
// without a year, the year that puts it nearest the document's date (from
// its metadata or `--as-of`). A year written elsewhere in the sentence is
// not trusted: `2019年……，截止日期从2月29日延长` is about 2020.
//
// ## Why
// A date that does not exist is a factual error that every reader notices;
// it usually comes from a typo in the day or from copying last month's text.
// GB/T 15835—2011 governs how dates are written, but no rule of writing can
// rescue a day that is not in the calendar.
//
// ## What it leaves alone
// Lunar-calendar dates (`农历二月三十`, `腊月三十`: lunar months have 30
// days), `2月29日` in leap years, and 29 February when the year is unknown
// (no year in the text and no document date).
//
// ## Fix safety
// No fix: only the writer knows which day was meant.

use super::{days_in_month, each_day_date, known_date, lunar_before, max_days};
use crate::rule::message::Emitter;
use crate::rule::{CheckContext, Checker, Finding};
use crate::rules::NativeArgs;
use crate::span::Span;

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    args.no_params()?;
    Ok(Box::new(InvalidDate {
        emit: args.emitter(),
    }))
}

struct InvalidDate {
    emit: Emitter,
}

impl InvalidDate {
    fn judge(
        &self,
        ctx: &CheckContext<'_>,
        span: Span,
        year: Option<i32>,
        month: u32,
        day: u32,
        out: &mut Vec<Finding>,
    ) {
        let text = ctx.text();
        if lunar_before(text, span.start) {
            return;
        }
        let reason = match (max_days(month), year) {
            (None, _) => "一年只有12个月".to_string(),
            (Some(max), _) if day > max || day == 0 => format!("{month}月没有{day}日"),
            (Some(_), Some(y)) if days_in_month(y, month).is_some_and(|n| day > n) => {
                format!("{y}年不是闰年，2月只有28天")
            }
            // No year with the date: 29 February is judged in the year that
            // puts it nearest the document's date (a year of its own only).
            (Some(_), None) if month == 2 && day == 29 => {
                let future = ahead(text, span);
                match known_date(ctx).and_then(|doc| bare_february_year(doc, future)) {
                    Some(y) if days_in_month(y, 2) == Some(28) => {
                        format!("按文档日期应为{y}年，{y}年不是闰年，2月只有28天")
                    }
                    _ => return,
                }
            }
            _ => return,
        };
        let found = &text[span.range()];
        out.push(
            self.emit
                .at(span, &[("found", found), ("reason", &reason)])
                .with_help("核对日期"),
        );
    }
}

impl Checker for InvalidDate {
    fn check(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        each_day_date(ctx.text(), |span, year, month, day| {
            self.judge(ctx, span, year, month, day, out);
        });
    }
}

/// The year a bare `2月29日` belongs to in a document of date `doc`: the
/// document's own year once its February is past or near (news reports
/// mostly what happened this year: `2月29日` in October 2024 is 2024's);
/// earlier in the year it may be last February or the coming one, and only
/// when neither is a leap year is the year certain enough to judge.
fn bare_february_year(doc: chrono::NaiveDate, future: bool) -> Option<i32> {
    use chrono::Datelike;
    let feb = chrono::NaiveDate::from_ymd_opt(doc.year(), 2, 28)?;
    // A plan or a deadline (`2月29日前完成`) in a text written before
    // February is about the coming one.
    if future || feb <= doc + chrono::Days::new(30) {
        return Some(doc.year());
    }
    let (last, this) = (doc.year() - 1, doc.year());
    (days_in_month(last, 2) == Some(28) && days_in_month(this, 2) == Some(28)).then_some(this)
}

/// Whether the date at `span` is a plan or a deadline: `2月29日前`,
/// `定于2月29日`, `将于2月29日`.
fn ahead(text: &str, span: Span) -> bool {
    let after = &text[span.end..];
    let mut start = span.start.saturating_sub(12);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    let before = &text[start..span.start];
    after.starts_with(['前', '起'])
        || ["将", "拟", "定于", "计划", "预计", "届时"]
            .iter()
            .any(|w| before.contains(w))
}
