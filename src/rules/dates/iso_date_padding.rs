//! ISO dates (`YYYY-MM-DD`) with unpadded month or day.
//!
//! ## What it does
//! Where the all-numeric form is in its place — metadata headers, date
//! stamps, tables — flags `2019-2-1` and rewrites it as `2019-02-01`.
//!
//! ## Why
//! The extended format of GB/T 7408—2005 (ISO 8601), which GB/T 15835—2011
//! refers to for all-numeric dates, has two-digit months and days; `2008-8-8`
//! mixes the two systems (the 年月日 form, which has no 虚位, and the
//! fixed-width numeric form) and sorts wrongly as text.
//!
//! ## What it leaves alone
//! Padded dates (`2019-02-01`); dotted and slashed forms (`2019.2.1`,
//! `2019/2/1`), which are not ISO; dates in running prose, which
//! `dates/iso-date-in-prose` rewrites in 年月日 form instead.
//!
//! ## Fix safety
//! Safe: the same date with leading zeros added.

use super::iso_date_in_prose::{numeric_dates, time_follows};
use super::{fill, is_metadata_line, line_span};
use crate::fix::{Applicability, Fix};
use crate::rule::params::deny_unknown_params;
use crate::rule::{CheckContext, Checker, Finding, RuleIndex};
use crate::rules::NativeArgs;

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    deny_unknown_params(args.params, &[])?;
    Ok(Box::new(IsoDatePadding {
        rule: args.index,
        message: args.meta.message.clone(),
    }))
}

struct IsoDatePadding {
    rule: RuleIndex,
    message: String,
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
            out.push(
                Finding::new(
                    self.rule,
                    nd.span,
                    fill(&self.message, &[("found", found), ("expected", &expected)]),
                )
                .with_help(format!("改为“{expected}”"))
                .with_fix(Fix::replace(Applicability::Safe, nd.span, expected)),
            );
        }
    }
}
