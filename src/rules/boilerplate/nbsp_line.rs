//! Lines made only of invisible spaces (NBSP, U+3000, zero-width).
//!
//! ## What it does
//! Flags lines that look blank but contain non-breaking spaces, ideographic
//! spaces or zero-width characters — the remains of `<p>&nbsp;</p>` spacer
//! paragraphs and of images that did not survive copying — and empties them.
//!
//! ## Why
//! Such a line is not blank to software: it splits paragraphs, defeats
//! blank-line collapsing, and shows up as stray indentation in editors.
//!
//! ## What it leaves alone
//! Truly blank lines and lines with only ASCII spaces or tabs (ordinary
//! trailing whitespace, left to editors).
//!
//! ## Fix safety
//! Safe: the invisible characters are removed and an empty line remains, so
//! paragraph breaks are unchanged.

use crate::fix::{Applicability, Edit, Fix};
use crate::rule::params::deny_unknown_params;
use crate::rule::{CheckContext, Checker, Finding, RuleIndex};
use crate::rules::NativeArgs;
use crate::text::compare::lines;

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    deny_unknown_params(args.params, &[])?;
    Ok(Box::new(NbspLine {
        rule: args.index,
        message: args.meta.message.clone(),
    }))
}

struct NbspLine {
    rule: RuleIndex,
    message: String,
}

fn invisible(c: char) -> bool {
    matches!(
        c,
        '\u{a0}' | '\u{3000}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}'
    )
}

impl Checker for NbspLine {
    fn check(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = ctx.text();
        // Every invisible character here is non-ASCII: skip pure-ASCII texts fast.
        if !text.contains(invisible) {
            return;
        }
        for line in lines(text) {
            let s = &text[line.span.range()];
            if s.is_empty()
                || !s.chars().all(|c| invisible(c) || c == ' ' || c == '\t')
                || !s.contains(invisible)
            {
                continue;
            }
            out.push(
                Finding::new(self.rule, line.span, self.message.clone())
                    .with_help("清空这一行")
                    .with_fix(Fix::new(Applicability::Safe, vec![Edit::delete(line.span)])),
            );
        }
    }
}
