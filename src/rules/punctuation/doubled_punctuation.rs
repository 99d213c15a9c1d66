//! A pause mark typed twice: `，，` `。。` `、、` `；；` `：：`.
//!
//! ## What it does
//! Flags two identical full-width pause marks in a row and replaces them with
//! one. Runs of three or more `，` `、` `；` `：` are flagged too, with an
//! unsafe fix (someone may have meant an ellipsis).
//!
//! ## Why
//! GB/T 15834—2011 gives each 点号 one position; a doubled comma or full
//! stop is a keyboard slip (a key held, a paste seam), never a style.
//!
//! ## What it leaves alone
//! Three or more `。` (an ellipsis stand-in: `punctuation/ellipsis-form`);
//! `？？` and `！！` (`punctuation/repeated-terminal-marks`); two different
//! marks (`？！`, which GB/T 15834 allows).
//!
//! ## Fix safety
//! Safe for a pair: one of two identical marks is dropped. Unsafe for longer
//! runs.

use super::{Base, Needles};
use crate::fix::{Applicability, Fix};
use crate::rule::{CheckContext, Checker, Finding};
use crate::rules::NativeArgs;
use crate::rules::util::deny_unknown_params;
use crate::span::Span;
use std::sync::LazyLock;

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    deny_unknown_params(args.params, &[])?;
    Ok(Box::new(DoubledPunctuation {
        base: Base::new(args),
    }))
}

struct DoubledPunctuation {
    base: Base,
}

const MARKS: [&str; 5] = ["，", "。", "、", "；", "："];

static TRIGGERS: LazyLock<Needles> =
    LazyLock::new(|| Needles::new(&["，，", "。。", "、、", "；；", "：："]));

impl Checker for DoubledPunctuation {
    fn check(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = ctx.text();
        let mut next = 0;
        for (m_start, _, m_pat) in TRIGGERS.find_all(text) {
            if m_start < next {
                continue;
            }
            let unit = MARKS[m_pat];
            if text[..m_start].ends_with(unit) {
                continue;
            }
            let mut e = m_start;
            while text[e..].starts_with(unit) {
                e += unit.len();
            }
            next = e;
            let n = (e - m_start) / unit.len();
            if unit == "。" && n >= 3 {
                continue;
            }
            let applicability = if n == 2 {
                Applicability::Safe
            } else {
                Applicability::Unsafe
            };
            let span = Span::new(m_start, e);
            self.base.push(
                out,
                span,
                &[("found", &text[span.range()]), ("expected", unit)],
                Some(format!("只保留一个“{unit}”")),
                Some(Fix::replace(applicability, span, unit)),
            );
        }
    }
}
