//! A person's name before their post in running text: `王明书记讲话`.
//!
//! ## What it does
//! Reports a full name followed by a post (`书记`, `校长`, `主任`, `董事长`
//! …) when no title stands before the name, and suggests the news order
//! 职务+姓名: `王明书记讲话` → `书记王明讲话` (better with the organisation:
//! `党委书记王明`).
//!
//! ## Why
//! Reporting guides for official news (两会报道规范, domain-rules §4 N1):
//! “新闻稿中对人物一般使用‘职务+姓名’的表述方式，而不使用‘姓名+职务’”.
//!
//! ## What it leaves alone
//! - a surname with a post (`李书记说`): a form of address, not a full name;
//! - quotations (“王明书记说得对”) — the speaker's words;
//! - the top state leaders' titles (`习近平总书记`, `普京总统`, `李强总理`):
//!   their forms are the leader-name rules' business;
//! - academic ranks and courtesy forms, which go after the name
//!   (`王明教授`, `王明院士`, `王明老师`, `王明同志`);
//! - a name that already has a title before it (`校长王明书记`, odd but
//!   not this rule's concern), and headline-like lines.
//!
//! ## Fix safety
//! None: the right title (with its organisation) is the writer's to choose.

use super::helpers::persons::{fill, in_quotes, is_leader_title, is_post};
use crate::rule::params::deny_unknown_params;
use crate::rule::{CheckContext, Checker, Finding, RuleIndex};
use crate::rules::NativeArgs;
use crate::rules::helpers::is_title_like;
use crate::span::Span;
use crate::text::chars::line_bounds;

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    deny_unknown_params(args.params, &[])?;
    Ok(Box::new(NameBeforeTitle {
        rule: args.index,
        message: args.meta.message.clone(),
    }))
}

struct NameBeforeTitle {
    rule: RuleIndex,
    message: String,
}

impl Checker for NameBeforeTitle {
    fn check(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = ctx.text();
        for m in ctx.persons() {
            let Some(t) = m.trailing_title else { continue };
            if m.title.is_some() {
                continue;
            }
            let title = &text[t.range()];
            if !is_post(title) || is_leader_title(title) {
                continue;
            }
            if text[t.end..].starts_with("同志") || in_quotes(text, m.name.start) {
                continue;
            }
            let (ls, le) = line_bounds(text, m.name.start);
            if is_title_like(&text[ls..le]) {
                continue;
            }
            let name = &text[m.name.range()];
            let expected = format!("{title}{name}");
            out.push(
                Finding::new(
                    self.rule,
                    Span::new(m.name.start, t.end),
                    fill(
                        &self.message,
                        &[
                            ("found", &format!("{name}{title}")),
                            ("expected", &expected),
                        ],
                    ),
                )
                .with_help(format!("改为“{expected}”，职务前最好写明单位")),
            );
        }
    }
}
