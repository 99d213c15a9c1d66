//! The shared literal matcher of `existence` and `substitution` rules.
//!
//! Every literal of every selected existence/substitution rule goes into one
//! leftmost-longest Aho-Corasick automaton, built once when the linter is
//! built and run once per document. A literal shared by several rules is one
//! pattern dispatched to all of them. When no rule accepts a match (its
//! guards reject it), the search resumes one character after the match's
//! start, so a shorter literal inside a rejected longer one still gets its
//! chance; when a rule accepts it, the search resumes after the match, so
//! findings never overlap.

use super::guards::{LiteralGuards, Words};
use super::{PatternTable, fill, next_char};
use crate::fix::{Applicability, Fix};
use crate::rule::{CheckContext, Checker, Finding, RuleIndex};
use crate::span::Span;
use aho_corasick::{AhoCorasick, Input};
use std::sync::Arc;

/// What every finding of a rule needs: its index, message template, fix applicability.
#[derive(Clone, Debug)]
pub struct RuleInfo {
    pub index: RuleIndex,
    pub message: String,
    pub fix: Option<Applicability>,
}

/// One literal of one rule.
#[derive(Clone, Debug)]
pub struct Entry {
    pub rule: Arc<RuleInfo>,
    pub literal: String,
    /// The right form (substitution), or `None` (existence).
    pub replacement: Option<String>,
    pub guards: LiteralGuards,
}

impl Entry {
    fn finding(&self, span: Span, matched: &str) -> Finding {
        let rule = &self.rule;
        let replacement = self.replacement.as_deref().unwrap_or("");
        let message = fill(
            &rule.message,
            &[("match", matched), ("replacement", replacement)],
        );
        let mut f = Finding::new(rule.index, span, message);
        if let Some(r) = &self.replacement {
            f = f.with_help(format!("改为“{r}”"));
            if let Some(app) = rule.fix {
                f = f.with_fix(Fix::replace(app, span, r.clone()));
            }
        }
        f
    }
}

pub struct LiteralChecker {
    automaton: AhoCorasick,
    /// Pattern id → the rule entries with that literal.
    by_pattern: Vec<Vec<Entry>>,
}

impl LiteralChecker {
    pub fn new(entries: Vec<Entry>) -> Self {
        let mut table = PatternTable::new();
        for e in entries {
            let literal = e.literal.clone();
            table.add(&literal, e);
        }
        let (automaton, by_pattern) = table.build();
        LiteralChecker {
            automaton,
            by_pattern,
        }
    }
}

impl Checker for LiteralChecker {
    fn check(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = ctx.text();
        let mut words = Words::new(ctx);
        let mut pos = 0;
        while pos < text.len() {
            let Some(m) = self.automaton.find(Input::new(text).range(pos..)) else {
                break;
            };
            let span = Span::new(m.start(), m.end());
            let matched = &text[m.start()..m.end()];
            let mut hit = false;
            for e in &self.by_pattern[m.pattern().as_usize()] {
                if e.guards.accepts(&mut words, span) {
                    out.push(e.finding(span, matched));
                    hit = true;
                }
            }
            pos = if hit {
                m.end()
            } else {
                next_char(text, m.start())
            };
        }
    }
}
