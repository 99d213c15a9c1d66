//! Ellipses written as `...`, `。。。`, a lone `…`, or an odd run of `…`.
//!
//! ## What it does
//! Flags the stand-ins for the Chinese ellipsis and replaces them with
//! `……` (two U+2026):
//! - three or more ideographic full stops `。。。`;
//! - three or more ASCII full stops `...` when the character before them is
//!   Chinese (Han or a full-width mark);
//! - a single `…`, or a run of three or five or more, next to Chinese text;
//! - the mid-line ellipsis `⋯⋯` (U+22EF) next to Chinese text.
//!
//! ## Why
//! GB/T 15834—2011 4.11 and its foreword: the ellipsis is six dots, `……`,
//! occupying two character cells (5.1.5); `…………` (twelve dots) marks the
//! omission of whole paragraphs of verse and is left alone.
//!
//! ## What it leaves alone
//! `……` and `…………`; `...` after Latin text or digits (English ellipsis,
//! `1...10`); `...` with Chinese only after it; a lone `…` in English text.
//!
//! ## Fix safety
//! Safe: the replacement is the same mark in its standard form.

use super::{Base, Needles};
use crate::fix::{Applicability, Fix};
use crate::rule::params::deny_unknown_params;
use crate::rule::{CheckContext, Checker, Finding};
use crate::rules::NativeArgs;
use crate::span::Span;
use crate::text::chars::{char_at, char_before, is_cjk};
use std::sync::LazyLock;

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    deny_unknown_params(args.params, &[])?;
    Ok(Box::new(EllipsisForm {
        base: Base::new(args),
    }))
}

struct EllipsisForm {
    base: Base,
}

static TRIGGERS: LazyLock<Needles> = LazyLock::new(|| Needles::new(&["...", "。。。", "…", "⋯"]));

/// End of the run of `unit` starting at `i`.
fn run_end(text: &str, i: usize, unit: &str) -> usize {
    let mut e = i;
    while text[e..].starts_with(unit) {
        e += unit.len();
    }
    e
}

impl Checker for EllipsisForm {
    fn check(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = ctx.text();
        let mut next = 0;
        for (m_start, _, m_pat) in TRIGGERS.find_all(text) {
            if m_start < next {
                continue;
            }
            let unit = match m_pat {
                0 => ".",
                1 => "。",
                2 => "…",
                _ => "⋯",
            };
            let (s, e) = (m_start, run_end(text, m_start, unit));
            next = e;
            let n = (e - s) / unit.len();
            let before = char_before(text, s);
            let after = char_at(text, e);
            let chinese_near = before.is_some_and(is_cjk) || after.is_some_and(is_cjk);
            let flag = match unit {
                "." => before.is_some_and(is_cjk),
                "。" => true,
                "…" => (n % 2 == 1 || n > 4) && chinese_near,
                _ => chinese_near,
            };
            if !flag {
                continue;
            }
            let span = Span::new(s, e);
            self.base.push(
                out,
                span,
                &[("found", &text[s..e])],
                Some("改为“……”".into()),
                Some(Fix::replace(Applicability::Safe, span, "……")),
            );
        }
    }
}
