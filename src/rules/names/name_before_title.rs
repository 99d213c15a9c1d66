//! 正文中人名在前、职务在后：`王明书记讲话`
//!
//! ## 检查什么
//! 当完整人名后跟职务（`书记`、`校长`、`主任`、`董事长`等），而人名之前没有职务时，予以报告，并建议采用新闻稿的“职务+姓名”顺序：`王明书记讲话` → `书记王明讲话`（最好加上机构：`党委书记王明`）。
//!
//! ## 不报告的情形
//! - 姓加职务（`李书记说`）：这是称呼，不是完整人名；
//! - 引语（“王明书记说得对”），这是说话人的原话；
//! - 国家最高领导人的职务（`习近平总书记`、`普京总统`、`李强总理`）：这些称呼形式由领导人姓名相关规则处理；
//! - 学术职称和尊称，它们放在人名之后（`王明教授`、`王明院士`、`王明老师`、`王明同志`）；
//! - 前面已经有职务的人名（`校长王明书记`，虽然别扭，但不归本规则管），以及标题式的行。
//!
//! ## 修复
//! 不提供修复：正确的职务（及其所属机构）须由作者选定。
//!
//! ## 依据
//! 时政新闻的报道规范（两会报道规范，见领域规则第4节N1）：“新闻稿中对人物一般使用‘职务+姓名’的表述方式，而不使用‘姓名+职务’”。

// English original of the user documentation above (developer notes):
//
// A person's name before their post in running text: `王明书记讲话`.
//
// ## What it does
// Reports a full name followed by a post (`书记`, `校长`, `主任`, `董事长`
// …) when no title stands before the name, and suggests the news order
// 职务+姓名: `王明书记讲话` → `书记王明讲话` (better with the organisation:
// `党委书记王明`).
//
// ## Why
// Reporting guides for official news (两会报道规范, domain-rules §4 N1):
// “新闻稿中对人物一般使用‘职务+姓名’的表述方式，而不使用‘姓名+职务’”.
//
// ## What it leaves alone
// - a surname with a post (`李书记说`): a form of address, not a full name;
// - quotations (“王明书记说得对”) — the speaker's words;
// - the top state leaders' titles (`习近平总书记`, `普京总统`, `李强总理`):
//   their forms are the leader-name rules' business;
// - academic ranks and courtesy forms, which go after the name
//   (`王明教授`, `王明院士`, `王明老师`, `王明同志`);
// - a name that already has a title before it (`校长王明书记`, odd but
//   not this rule's concern), and headline-like lines.
//
// ## Fix safety
// None: the right title (with its organisation) is the writer's to choose.

use super::helpers::persons::{in_quotes, is_leader_title, is_post};
use crate::rule::message::Emitter;
use crate::rule::{CheckContext, Checker, Finding};
use crate::rules::NativeArgs;
use crate::rules::helpers::is_title_like;
use crate::span::Span;
use crate::text::chars::line_bounds;

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    args.no_params()?;
    Ok(Box::new(NameBeforeTitle {
        emit: args.emitter(),
    }))
}

struct NameBeforeTitle {
    emit: Emitter,
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
                self.emit
                    .at(
                        Span::new(m.name.start, t.end),
                        &[
                            ("found", &format!("{name}{title}")),
                            ("expected", &expected),
                        ],
                    )
                    .with_help(format!("改为“{expected}”，职务前最好写明单位")),
            );
        }
    }
}
