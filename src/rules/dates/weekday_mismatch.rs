//! 星期与日期不符：`2025年6月18日（星期四）`
//!
//! ## 检查什么
//! 对照日历检查紧跟在完整日期之后（带或不带括号）的`星期X`、`周X`和`礼拜X`，并建议正确的星期：2025年6月18日是星期三，因此`（星期四）`应改为`（星期三）`。
//!
//! ## 不报告的情形
//! 不附在日期上的星期（`每个星期六`、`今天是星期天`）；文档日期不明（没有元数据，也没有`--as-of`）时不带年份的日期，句中其他位置写的年份不作为依据；农历日期。
//!
//! ## 修复
//! 不安全修复：修复以日期为准更正星期，但错误也可能出在日期上。
//!
//! ## 依据
//! 日期与星期不符，读者就不知道哪个是对的：对一份会议通知来说，就是不知道该6月18日来还是星期四来。星期多见于通知和日程安排，而这里的错误代价最大。

// English original of the user documentation above (developer notes):
//
// A weekday that does not match its date: `2025年6月18日（星期四）`.
//
// ## What it does
// Checks `星期X`, `周X` and `礼拜X` written right after a full date (with or
// without brackets) against the calendar, and offers the right weekday:
// 18 June 2025 is a Wednesday, so `（星期四）` becomes `（星期三）`.
//
// ## Why
// A date and its weekday that disagree leave the reader unsure which one is
// right — for a meeting notice, whether to come on the 18th or on Thursday.
// Notices and schedules are where weekdays appear, and where the error costs
// the most.
//
// ## What it leaves alone
// Weekdays not attached to a date (`每个星期六`, `今天是星期天`); dates with
// no year when the document's date is unknown (no metadata, no `--as-of`:
// a year written elsewhere in the sentence is not trusted); lunar dates.
//
// ## Fix safety
// Unsafe: the fix trusts the date and corrects the weekday, but the slip may
// be in the date instead.

use super::{each_day_date, known_date, lunar_before, nearest_year};
use crate::fix::{Applicability, Fix};
use crate::rule::message::Emitter;
use crate::rule::{CheckContext, Checker, Finding};
use crate::rules::NativeArgs;
use crate::span::Span;
use chrono::{Datelike, NaiveDate};

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    args.no_params()?;
    Ok(Box::new(WeekdayMismatch {
        emit: args.emitter(),
    }))
}

struct WeekdayMismatch {
    emit: Emitter,
}

/// `(prefix, weekday 0=Mon..6=Sun, span of the weekday character)` after `end`.
fn weekday_after(text: &str, end: usize) -> Option<(&'static str, u32, Span)> {
    let mut i = end;
    let rest = &text[i..];
    if rest.starts_with('（') || rest.starts_with('(') {
        i += rest.chars().next()?.len_utf8();
    } else if rest.starts_with(' ') {
        i += 1;
    }
    let rest = &text[i..];
    let prefix = ["星期", "礼拜", "周"]
        .into_iter()
        .find(|p| rest.starts_with(p))?;
    i += prefix.len();
    let c = text[i..].chars().next()?;
    let wd = match c {
        '一' => 0,
        '二' => 1,
        '三' => 2,
        '四' => 3,
        '五' => 4,
        '六' => 5,
        '日' | '天' => 6,
        _ => return None,
    };
    // `周一至周五` after a date is a schedule, `周末` is not a weekday.
    Some((prefix, wd, Span::new(i, i + c.len_utf8())))
}

fn weekday_char(prefix: &str, wd: u32) -> char {
    match wd {
        0 => '一',
        1 => '二',
        2 => '三',
        3 => '四',
        4 => '五',
        5 => '六',
        _ if prefix == "礼拜" => '天',
        _ => '日',
    }
}

impl WeekdayMismatch {
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
        let Some((prefix, wd, wspan)) = weekday_after(text, span.end) else {
            return;
        };
        if lunar_before(text, span.start) {
            return;
        }
        let year = year.or_else(|| known_date(ctx).and_then(|d| nearest_year(d, month, day)));
        let Some(date) = year.and_then(|y| NaiveDate::from_ymd_opt(y, month, day)) else {
            return;
        };
        let actual = date.weekday().num_days_from_monday();
        if actual == wd {
            return;
        }
        let right = weekday_char(prefix, actual);
        let mut end = wspan.end;
        if text[end..].starts_with('）') || text[end..].starts_with(')') {
            end += text[end..].chars().next().map_or(0, char::len_utf8);
        }
        let found = &text[span.start..end];
        let expected = format!("{prefix}{right}");
        out.push(
            self.emit
                .at(
                    Span::new(span.start, end),
                    &[
                        ("found", found),
                        ("date", &format!("{}年{}月{}日", date.year(), month, day)),
                        ("expected", &expected),
                    ],
                )
                .with_help(format!("改为“{expected}”，或核对日期"))
                .with_fix(Fix::replace(
                    Applicability::Unsafe,
                    wspan,
                    right.to_string(),
                )),
        );
    }
}

impl Checker for WeekdayMismatch {
    fn check(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        each_day_date(ctx.text(), |span, year, month, day| {
            self.judge(ctx, span, year, month, day, out);
        });
    }
}
