//! 月或日未补足两位的ISO日期（`YYYY-MM-DD`）
//!
//! ## 检查什么
//! 在适合使用全数字形式的场合（元数据头、日期戳、表格），报告`2019-2-1`这样的写法，并改为`2019-02-01`。
//!
//! ## 不报告的情形
//! 已补足两位的日期（`2019-02-01`）；点分和斜线形式（`2019.2.1`、`2019/2/1`），它们不属于ISO格式；正文中的日期，由`dates/iso-date-in-prose`改写为“年月日”形式。
//!
//! ## 修复
//! 安全修复：日期不变，只是补上前导零。
//!
//! ## 依据
//! GB/T 15835—2011在全数字日期方面援引的GB/T 7408—2005（ISO 8601）扩展格式中，月和日都是两位；`2008-8-8`混用了两种体系（不编虚位的“年月日”形式和定宽的全数字形式），作为文本排序时也会出错。

// English original of the user documentation above (developer notes):
//
// ISO dates (`YYYY-MM-DD`) with unpadded month or day.
//
// ## What it does
// Where the all-numeric form is in its place — metadata headers, date
// stamps, tables — flags `2019-2-1` and rewrites it as `2019-02-01`.
//
// ## Why
// The extended format of GB/T 7408—2005 (ISO 8601), which GB/T 15835—2011
// refers to for all-numeric dates, has two-digit months and days; `2008-8-8`
// mixes the two systems (the 年月日 form, which has no 虚位, and the
// fixed-width numeric form) and sorts wrongly as text.
//
// ## What it leaves alone
// Padded dates (`2019-02-01`); dotted and slashed forms (`2019.2.1`,
// `2019/2/1`), which are not ISO; dates in running prose, which
// `dates/iso-date-in-prose` rewrites in 年月日 form instead.
//
// ## Fix safety
// Safe: the same date with leading zeros added.

use super::iso_date_in_prose::{numeric_dates, time_follows};
use super::{is_metadata_line, line_span};
use crate::fix::Applicability;
use crate::rule::message::Emitter;
use crate::rule::{CheckContext, Checker, Finding};
use crate::rules::NativeArgs;

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    args.no_params()?;
    Ok(Box::new(IsoDatePadding {
        emit: args.emitter(),
    }))
}

struct IsoDatePadding {
    emit: Emitter,
}

impl Checker for IsoDatePadding {
    fn check(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = ctx.text();
        for nd in numeric_dates(text) {
            if nd.padded || nd.sep != b'-' {
                continue;
            }
            let line = line_span(text, nd.span.start);
            if !is_metadata_line(&text[line.range()]) && !time_follows(text, nd.span.end) {
                continue;
            }
            let found = &text[nd.span.range()];
            let expected = nd.date.format("%Y-%m-%d").to_string();
            out.push(self.emit.replace(
                nd.span,
                &[("found", found), ("expected", &expected)],
                &expected,
                Applicability::Safe,
            ));
        }
    }
}
