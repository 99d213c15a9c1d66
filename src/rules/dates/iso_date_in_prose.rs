//! 正文中的ISO格式（`2022-11-12`）、点分格式（`2022.11.12`）或斜线格式（`2022/11/12`）日期
//!
//! ## 检查什么
//! 报告正文句子中年、月、日俱全的全数字日期，并改写为“年月日”形式：`于2022-11-12召开` → `于2022年11月12日召开`。
//!
//! ## 不报告的情形
//! 元数据行和网页框架行（`发布时间：2023-04-03 10:49`、`来源：…`，单独成行的短日期戳或署名行，用制表符或`|`分隔的表格行，Markdown和HTML的表格单元格）；列表中的日期戳（位于行末的日期，或位于行首且后接空格的日期：`相关新闻标题2019-09-07`）；日期加时刻的时间戳（`2019-09-07 13:43`）；网址和文件名；版本号（`v2022.11.12`、`1.2022.11.3`）；不可能的日期（`2022-13-45`不是日期）；不完整的日期（`2023-04`）；以及范围（`2016-2020年`，见`dates/range-dash`）。
//!
//! ## 修复
//! 安全修复：日期不变，只是按标准要求的方式书写（去掉前导零）。
//!
//! ## 依据
//! GB/T 15835—2011和GB/T 9704—2012第7.3.5条规定，正文中的日期写作`2022年11月12日`；全数字的扩展格式（GB/T 7408）用于元数据、表格、引文和索引等篇幅有限的场合。

// English original of the user documentation above (developer notes):
//
// ISO (`2022-11-12`), dotted (`2022.11.12`) or slashed (`2022/11/12`) dates in running prose.
//
// ## What it does
// Flags a full numeric date with year, month and day in a body sentence and
// rewrites it in 年月日 form: `于2022-11-12召开` → `于2022年11月12日召开`.
//
// ## Why
// GB/T 15835—2011 and GB/T 9704—2012 7.3.5 write dates in prose as
// `2022年11月12日`; the all-numeric extended format (GB/T 7408) belongs to
// metadata, tables, citations and indexes, where space is short.
//
// ## What it leaves alone
// Metadata and chrome lines (`发布时间：2023-04-03 10:49`, `来源：…`,
// a date stamp or byline on a short line of its own, table rows with tabs or
// `|`, Markdown and HTML table cells), list stamps (a date that ends its
// line, or starts it followed by a space: `相关新闻标题2019-09-07`), date-and-time stamps (`2019-09-07 13:43`), URLs and file names,
// version numbers (`v2022.11.12`, `1.2022.11.3`), impossible dates
// (`2022-13-45` is not a date), incomplete dates (`2023-04`) and ranges
// (`2016-2020年`, see `dates/range-dash`).
//
// ## Fix safety
// Safe: the same date, written the way the norm asks (leading zeros dropped).

use super::{digits_after, digits_before, is_metadata_line, line_span, num};
use crate::fix::Applicability;
use crate::rule::message::Emitter;
use crate::rule::{CheckContext, Checker, Finding};
use crate::rules::NativeArgs;
use crate::span::Span;
use chrono::NaiveDate;

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    args.no_params()?;
    Ok(Box::new(IsoDateInProse {
        emit: args.emitter(),
    }))
}

struct IsoDateInProse {
    emit: Emitter,
}

/// A numeric `Y-M-D` date (one separator throughout) found in the text.
#[derive(Clone, Copy, Debug)]
pub(crate) struct NumericDate {
    pub span: Span,
    pub date: NaiveDate,
    /// Whether month and day both have two digits.
    pub padded: bool,
    pub sep: u8,
}

/// Every full numeric date `YYYY-M-D`, `YYYY.M.D` or `YYYY/M/D` in `text`.
pub(crate) fn numeric_dates(text: &str) -> Vec<NumericDate> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut from = 0;
    for p in memchr::memchr3_iter(b'-', b'.', b'/', b) {
        if p < from {
            continue;
        }
        let ys = digits_before(text, p);
        if p - ys != 4 {
            continue;
        }
        if ys > 0 && (b[ys - 1].is_ascii_alphanumeric() || b".-/:_#=?&%".contains(&b[ys - 1])) {
            continue;
        }
        let sep = b[p];
        let me = digits_after(text, p + 1);
        if !(1..=2).contains(&(me - p - 1)) || b.get(me) != Some(&sep) {
            continue;
        }
        let de = digits_after(text, me + 1);
        if !(1..=2).contains(&(de - me - 1)) {
            continue;
        }
        if let Some(&next) = b.get(de) {
            if next.is_ascii_alphanumeric() || next == b'_' {
                continue;
            }
            // `2022.11.12.1` (a version), `2022-11-12.pdf` (a file name).
            if (next == sep || next == b'.') && b.get(de + 1).is_some_and(u8::is_ascii_alphanumeric)
            {
                continue;
            }
        }
        let (Some(y), Some(m), Some(d)) = (
            num(&text[ys..p]),
            num(&text[p + 1..me]),
            num(&text[me + 1..de]),
        ) else {
            continue;
        };
        if !(1900..=2100).contains(&y) {
            continue;
        }
        let Some(date) = NaiveDate::from_ymd_opt(y as i32, m, d) else {
            continue;
        };
        out.push(NumericDate {
            span: Span::new(ys, de),
            date,
            padded: me - p - 1 == 2 && de - me - 1 == 2,
            sep,
        });
        from = de;
    }
    out
}

/// Whether a clock time (`10:49`, `09:28:05`) follows `i`, after optional spaces.
pub(crate) fn time_follows(text: &str, i: usize) -> bool {
    let rest = text[i..].trim_start_matches([' ', '\u{3000}', '\u{a0}']);
    let b = rest.as_bytes();
    let h = b.iter().take_while(|c| c.is_ascii_digit()).count();
    (1..=2).contains(&h) && (rest[h..].starts_with(':') || rest[h..].starts_with('：'))
}

impl Checker for IsoDateInProse {
    fn check(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = ctx.text();
        for nd in numeric_dates(text) {
            let line = line_span(text, nd.span.start);
            // A date closing a line with nothing after it, or opening one and
            // followed by a space, is a list stamp (`相关新闻标题2019-09-07`).
            let ws = [' ', '\u{3000}', '\u{a0}', '\t'];
            let stamp_at_end = text[nd.span.end..line.end].trim_matches(ws).is_empty();
            let stamp_at_start = text[line.start..nd.span.start].trim_matches(ws).is_empty()
                && text[nd.span.end..line.end].starts_with(ws);
            if is_metadata_line(&text[line.range()])
                || stamp_at_end
                || stamp_at_start
                || time_follows(text, nd.span.end)
                || super::in_table(ctx, nd.span.start)
            {
                continue;
            }
            // `2022-11-12日`: the stray 日 goes with the date.
            let mut span = nd.span;
            if text[span.end..].starts_with('日') {
                span.end += '日'.len_utf8();
            }
            let found = &text[span.range()];
            let expected = format!(
                "{}年{}月{}日",
                chrono::Datelike::year(&nd.date),
                chrono::Datelike::month(&nd.date),
                chrono::Datelike::day(&nd.date)
            );
            out.push(self.emit.replace(
                span,
                &[("found", found), ("expected", &expected)],
                &expected,
                Applicability::Safe,
            ));
        }
    }
}
