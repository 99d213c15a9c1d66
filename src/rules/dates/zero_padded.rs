//! “年月日”日期中的虚位（前导零）：`2023年04月03日`
//!
//! ## 检查什么
//! 报告“年月日”日期中带前导零的月或日，并删去零：`2023年04月03日` → `2023年4月3日`，`05月08日` → `5月8日`。
//!
//! ## 不报告的情形
//! ISO日期（`2023-04-03`，见`dates/iso-date-padding`）；元数据行和网页框架行（`发布时间：2019年09月09日 18:13`），这些沿用网站模板；既无年也无日的单独`05月`。
//!
//! ## 修复
//! 安全修复：日期不变，只是去掉了零。
//!
//! ## 依据
//! GB/T 9704—2012第7.3.5条：“用阿拉伯数字将年、月、日标全，年份应标全称，月、日不编虚位（即1不编为01）”。补零属于定宽的全数字形式（`2023-04-03`），不属于“年月日”形式。

// English original of the user documentation above (developer notes):
//
// Leading zeros (虚位) in 年月日 dates: `2023年04月03日`.
//
// ## What it does
// Flags a month or day written with a leading zero in a 年月日 date and
// drops the zero: `2023年04月03日` → `2023年4月3日`, `05月08日` → `5月8日`.
//
// ## Why
// GB/T 9704—2012 7.3.5: “用阿拉伯数字将年、月、日标全，年份应标全称，
// 月、日不编虚位（即1不编为01）”. Zero padding belongs to the fixed-width
// numeric form (`2023-04-03`), not to the 年月日 form.
//
// ## What it leaves alone
// ISO dates (`2023-04-03`, see `dates/iso-date-padding`); metadata and
// chrome lines (`发布时间：2019年09月09日 18:13`), which follow the site's
// template; a bare `05月` with neither year nor day.
//
// ## Fix safety
// Safe: the same date without the zeros.

use super::{is_metadata_line, line_span, month_dates};
use crate::fix::{Applicability, Edit, Fix};
use crate::rule::message::Emitter;
use crate::rule::{CheckContext, Checker, Finding};
use crate::rules::NativeArgs;
use crate::span::Span;

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    args.no_params()?;
    Ok(Box::new(ZeroPadded {
        emit: args.emitter(),
    }))
}

struct ZeroPadded {
    emit: Emitter,
}

impl Checker for ZeroPadded {
    fn check(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = ctx.text();
        let b = text.as_bytes();
        for md in month_dates(text) {
            if md.year.is_none() && md.day.is_none() {
                continue;
            }
            let mut edits = Vec::new();
            let padded = |s: Span| s.len() == 2 && b[s.start] == b'0' && b[s.start + 1] != b'0';
            if padded(md.month_digits) {
                edits.push(Edit::delete(Span::new(
                    md.month_digits.start,
                    md.month_digits.start + 1,
                )));
            }
            if let Some((_, ds, _)) = md.day {
                if padded(ds) {
                    edits.push(Edit::delete(Span::new(ds.start, ds.start + 1)));
                }
            }
            if edits.is_empty() {
                continue;
            }
            let line = line_span(text, md.span.start);
            if is_metadata_line(&text[line.range()]) || super::in_table(ctx, md.span.start) {
                continue;
            }
            let found = &text[md.span.range()];
            let mut expected = String::new();
            let mut cursor = md.span.start;
            for e in &edits {
                expected.push_str(&text[cursor..e.span.start]);
                cursor = e.span.end;
            }
            expected.push_str(&text[cursor..md.span.end]);
            out.push(
                self.emit
                    .at(md.span, &[("found", found), ("expected", &expected)])
                    .with_help(format!("改为“{expected}”"))
                    .with_fix(Fix::new(Applicability::Safe, edits)),
            );
        }
    }
}
