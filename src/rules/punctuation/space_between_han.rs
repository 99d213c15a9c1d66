//! A space between two Han characters inside a sentence.
//!
//! ## What it does
//! Flags spaces (including the ideographic space U+3000) between two Han
//! characters in running text and deletes them: `党委 书记` → `党委书记`.
//!
//! ## Why
//! Chinese is written without spaces between words (GB/T 15834—2011 5.1:
//! every mark and character takes its own cell, nothing else is inserted);
//! a space inside a sentence is a paste seam, a scraper's join or a
//! justified-text artefact.
//!
//! ## What it leaves alone
//! - headline-like lines (no 。, at most 80 characters): web headlines
//!   separate clauses with spaces (`菲律宾火山持续喷发 数万人受灾`) and
//!   bylines separate names (`记者 王小明 通讯员 李华`);
//! - spaces inside “…”, 《…》, 【…】 or （…）, where a slogan, the title of a
//!   work or a byline keeps its own separators (`《增强必胜之心 仁爱之心》`);
//! - the dateline space of news agencies (`新华社北京6月1日电 记者…`);
//! - indentation at the start of a line.
//!
//! ## Fix safety
//! Safe: only whitespace is removed.

use super::{Base, describe_spaces, space_runs};
use crate::fix::{Applicability, Fix};
use crate::rule::{CheckContext, Checker, Finding};
use crate::rules::NativeArgs;
use crate::rules::util::{
    char_at, char_before, deny_unknown_params, inside_title_marks, is_han, is_title_like,
    line_bounds,
};

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    deny_unknown_params(args.params, &[])?;
    Ok(Box::new(SpaceBetweenHan {
        base: Base::new(args),
    }))
}

struct SpaceBetweenHan {
    base: Base,
}

impl Checker for SpaceBetweenHan {
    fn check(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = ctx.text();
        for run in space_runs(text) {
            let (Some(p), Some(n)) = (char_before(text, run.start), char_at(text, run.end)) else {
                continue;
            };
            if !is_han(p) || !is_han(n) {
                continue;
            }
            if p == '电' && text[..run.start].ends_with("日电") {
                continue;
            }
            let (ls, le) = line_bounds(text, run.start);
            let line = &text[ls..le];
            if is_title_like(line)
                || inside_title_marks(line, run.start - ls, &[('（', '）'), ('〔', '〕')])
            {
                continue;
            }
            let found = describe_spaces(&text[run.range()]);
            let both = format!("{p}{n}");
            self.base.push(
                out,
                run,
                &[("found", found)],
                Some(format!("删除{found}：“{both}”")),
                Some(Fix::replace(Applicability::Safe, run, "")),
            );
        }
    }
}
