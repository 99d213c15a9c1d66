//! `kind = "first-mention"`: an abbreviation needs its full form earlier in
//! the document.
//!
//! ```toml
//! [[rule]]
//! id = "names/xjtu-full-name-first"
//! kind = "first-mention"
//! fix = "unsafe"                    # optional: replace the early short form with the full one
//! summary = "首次出现应使用全称"
//! message = "“{match}”首次出现前应先写全称“{full}”"
//! full = "西安交通大学"
//! short = ["西安交大", "西交大"]
//! ```
//!
//! Fields: `full` (required, non-empty), `short` (required, non-empty list
//! of distinct strings, none equal to `full`) and the guards `boundary`,
//! `exceptions`, `not-after`, `not-before` (see [`super::guards`]). If a
//! short form occurs before any occurrence of the full form, the first such
//! short form is flagged (only the first: once the reader has been told, the
//! rest follow); with `fix`, it is replaced by the full form. A short form
//! that is part of the full form as written in the text (人民大学 inside
//! 中国人民大学) is the full form, not an abbreviation. The message may use
//! `{match}` and `{full}`.

use super::guards::{Guards, LiteralGuards, Words};
use super::literal::RuleInfo;
use super::{DeclCtx, PatternTable, fill, next_char};
use crate::fix::Fix;
use crate::rule::{CheckContext, Checker, Finding};
use crate::source_error::SourceError;
use crate::span::Span;
use aho_corasick::{AhoCorasick, Input};

pub struct FmRule {
    info: RuleInfo,
    full: String,
    short: Vec<String>,
    guards: Guards,
}

pub(crate) fn build(cx: &DeclCtx<'_>, info: RuleInfo) -> Result<FmRule, SourceError> {
    let Some(full) = &cx.decl.full else {
        return Err(cx.missing("full", "全称"));
    };
    if full.get_ref().is_empty() {
        return Err(cx.err(
            full.span(),
            format!("规则 `{}` 的 `full` 是空字符串", cx.id()),
            "空字符串",
        ));
    }
    let short = cx.nonempty_list(&cx.decl.short, "short", "简称列表")?;
    if short.get_ref().contains(full.get_ref()) {
        return Err(cx.err(
            short.span(),
            format!(
                "规则 `{}` 的简称列表含有全称“{}”本身",
                cx.id(),
                full.get_ref()
            ),
            "简称与全称相同",
        ));
    }
    let guards = Guards::from_decl(cx)?;
    guards.check_exceptions(cx, short.get_ref().iter().map(String::as_str))?;
    Ok(FmRule {
        info,
        full: full.get_ref().clone(),
        short: short.get_ref().clone(),
        guards,
    })
}

enum Role {
    Full,
    Short(LiteralGuards),
}

pub struct FirstMentionChecker {
    rules: Vec<FmRule>,
    automaton: AhoCorasick,
    by_pattern: Vec<Vec<(usize, Role)>>,
}

impl FirstMentionChecker {
    pub fn new(rules: Vec<FmRule>) -> Self {
        let mut table = PatternTable::new();
        let mut add = |s: &str, entry: (usize, Role)| table.add(s, entry);
        for (r, rule) in rules.iter().enumerate() {
            add(&rule.full, (r, Role::Full));
            for s in &rule.short {
                add(
                    s,
                    (r, Role::Short(rule.guards.for_literal(s, Some(&rule.full)))),
                );
            }
        }
        let (automaton, by_pattern) = table.build();
        FirstMentionChecker {
            automaton,
            rules,
            by_pattern,
        }
    }
}

impl Checker for FirstMentionChecker {
    fn check(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = ctx.text();
        let mut words = Words::new(ctx);
        // Per rule: the full form was seen, or the rule has been decided.
        let mut done = vec![false; self.rules.len()];
        let mut open = self.rules.len();
        let mut pos = 0;
        while pos < text.len() && open > 0 {
            let Some(m) = self.automaton.find(Input::new(text).range(pos..)) else {
                break;
            };
            let span = Span::new(m.start(), m.end());
            let mut hit = false;
            for (r, role) in &self.by_pattern[m.pattern().as_usize()] {
                match role {
                    Role::Full => {
                        hit = true;
                        if !done[*r] {
                            done[*r] = true;
                            open -= 1;
                        }
                    }
                    Role::Short(guards) => {
                        if !guards.accepts(&mut words, span) {
                            continue;
                        }
                        hit = true;
                        if done[*r] {
                            continue;
                        }
                        done[*r] = true;
                        open -= 1;
                        let rule = &self.rules[*r];
                        let matched = &text[span.range()];
                        let message = fill(
                            &rule.info.message,
                            &[("match", matched), ("full", &rule.full)],
                        );
                        let mut f = Finding::new(rule.info.index, span, message)
                            .with_help(format!("首次提及时写全称“{}”", rule.full));
                        if let Some(app) = rule.info.fix {
                            f = f.with_fix(Fix::replace(app, span, rule.full.clone()));
                        }
                        out.push(f);
                    }
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
