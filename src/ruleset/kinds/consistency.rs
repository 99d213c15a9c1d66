//! `kind = "consistency"`: one variant per document.
//!
//! ```toml
//! [[rule]]
//! id = "terminology/consistent-forms"
//! kind = "consistency"
//! fix = "unsafe"                    # optional: rewrite later variants to the first one
//! summary = "同一篇文稿中写法应统一"
//! message = "前文已写作“{replacement}”，此处却写作“{match}”"
//! variants = [["微信公众号", "微信公号"], ["登录", "登陆"]]
//! boundary = "word"                 # optional guards, as for existence
//! ```
//!
//! Fields: `variants` (required: a list of groups, each a list of at least
//! two distinct, non-empty strings; a string may belong to one group only)
//! and the guards `boundary`, `exceptions`, `not-after`, `not-before` (see
//! [`super::guards`]). The first variant of a group that occurs in a
//! document wins; every later occurrence of another variant of that group is
//! flagged, with the winner as replacement (a fix of the rule's `fix`
//! applicability, if set). The message may use `{match}` and
//! `{replacement}` (the winning form). Variants of all consistency rules are
//! searched with one leftmost-longest automaton, so a longer variant that
//! contains a shorter one is recognised as itself.

use super::guards::{Guards, LiteralGuards, Words};
use super::literal::RuleInfo;
use super::{DeclCtx, PatternTable, fill, next_char};
use crate::fix::Fix;
use crate::rule::{CheckContext, Checker, Finding};
use crate::source_error::SourceError;
use crate::span::Span;
use aho_corasick::{AhoCorasick, Input};
use std::collections::HashMap;

pub struct ConsRule {
    info: RuleInfo,
    groups: Vec<Vec<String>>,
    guards: Guards,
}

pub(crate) fn build(cx: &DeclCtx<'_>, info: RuleInfo) -> Result<ConsRule, SourceError> {
    let Some(field) = &cx.decl.variants else {
        return Err(cx.missing("variants", "写法组的列表，如 [[\"登录\", \"登陆\"]]"));
    };
    let groups = field.get_ref();
    let at = field.span();
    if groups.is_empty() {
        return Err(cx.err(
            at,
            format!("规则 `{}` 的 `variants` 是空列表", cx.id()),
            "空列表",
        ));
    }
    let mut seen: Vec<&str> = Vec::new();
    for g in groups {
        if g.len() < 2 {
            return Err(cx.err(
                at.clone(),
                format!(
                    "规则 `{}` 的写法组 {:?} 至少需要两种写法，否则永远不会报告",
                    cx.id(),
                    g
                ),
                "写法组太小",
            ));
        }
        for v in g {
            if v.is_empty() {
                return Err(cx.err(
                    at.clone(),
                    format!("规则 `{}` 的 `variants` 含有空字符串", cx.id()),
                    "空字符串",
                ));
            }
            if seen.contains(&v.as_str()) {
                return Err(cx.err(
                    at.clone(),
                    format!("规则 `{}` 的写法“{v}”重复出现", cx.id()),
                    "重复的写法",
                ));
            }
            seen.push(v);
        }
    }
    let guards = Guards::from_decl(cx)?;
    guards.check_exceptions(cx, seen.iter().copied())?;
    Ok(ConsRule {
        info,
        groups: groups.clone(),
        guards,
    })
}

struct Variant {
    rule: usize,
    group: usize,
    variant: usize,
    guards: LiteralGuards,
}

pub struct ConsistencyChecker {
    rules: Vec<ConsRule>,
    automaton: AhoCorasick,
    by_pattern: Vec<Vec<Variant>>,
}

impl ConsistencyChecker {
    pub fn new(rules: Vec<ConsRule>) -> Self {
        let mut table = PatternTable::new();
        for (r, rule) in rules.iter().enumerate() {
            for (g, group) in rule.groups.iter().enumerate() {
                for (v, s) in group.iter().enumerate() {
                    table.add(
                        s,
                        Variant {
                            rule: r,
                            group: g,
                            variant: v,
                            guards: rule.guards.for_literal(s, None),
                        },
                    );
                }
            }
        }
        let (automaton, by_pattern) = table.build();
        ConsistencyChecker {
            automaton,
            rules,
            by_pattern,
        }
    }
}

/// Whether the text around `span` already spells `form` (which contains the match).
fn reads_as(text: &str, span: Span, form: &str) -> bool {
    let matched = &text[span.range()];
    form.match_indices(matched).any(|(k, _)| {
        span.start >= k
            && text
                .get(span.start - k..)
                .is_some_and(|t| t.starts_with(form))
    })
}

impl Checker for ConsistencyChecker {
    fn check(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = ctx.text();
        let mut words = Words::new(ctx);
        // (rule, group) → the winning variant.
        let mut first: HashMap<(usize, usize), usize> = HashMap::new();
        let mut pos = 0;
        while pos < text.len() {
            let Some(m) = self.automaton.find(Input::new(text).range(pos..)) else {
                break;
            };
            let span = Span::new(m.start(), m.end());
            let mut hit = false;
            for v in &self.by_pattern[m.pattern().as_usize()] {
                if !v.guards.accepts(&mut words, span) {
                    continue;
                }
                hit = true;
                let winner = *first.entry((v.rule, v.group)).or_insert(v.variant);
                if winner == v.variant {
                    continue;
                }
                let rule = &self.rules[v.rule];
                let form = &rule.groups[v.group][winner];
                if reads_as(text, span, form) {
                    continue;
                }
                let matched = &text[span.range()];
                let message = fill(
                    &rule.info.message,
                    &[("match", matched), ("replacement", form)],
                );
                let mut f = Finding::new(rule.info.index, span, message)
                    .with_help(format!("本文前面使用的是“{form}”，全文应统一"));
                if let Some(app) = rule.info.fix {
                    f = f.with_fix(Fix::replace(app, span, form.clone()));
                }
                out.push(f);
            }
            pos = if hit {
                m.end()
            } else {
                next_char(text, m.start())
            };
        }
    }
}
