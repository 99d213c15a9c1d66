//! 职务之后多余的“同志”：`习近平总书记同志`、`王明书记同志`
//!
//! ## 检查什么
//! 报告既在人名之后、又在职务之后的`同志`，并建议删去：`王明书记同志指出` → `王明书记指出`。
//!
//! ## 不报告的情形
//! `习近平同志`、`王明同志`（人名加“同志”）；`同志们`；以及不带人名、只跟在职务之后的`同志`（`书记同志`，一种称呼）。
//!
//! 外国政党、领导人的贺电、贺信、致电等函电中，`习近平总书记同志`是对方的称呼习惯，
//! 不是本文的写法：前文（约500字以内）提到贺电、贺信、致电、复电、口信等函电时不报告。
//! 两党领导人通电话、会谈、会晤、会见和宴会的报道转述对方的话，称呼也是两党之间的习惯：
//! 前文或本段提到通电话、通话、会谈、会晤、会见、宴会，或者标题（第一行）就是这样的报道时，同样不报告。
//! 引号内的文字是他人原话，不能径直改动：此时修复改为不安全，需编辑确认。
//!
//! ## 修复
//! 安全修复：只删除多余的`同志`。
//!
//! ## 依据
//! `同志`本身就是与单独的人名搭配的称谓（`习近平同志`、`王明同志`）；放在职务之后就成了重复称呼。标准形式是`习近平总书记`或`习近平同志`，二者不能叠用。

// English original of the user documentation above (developer notes):
//
// `同志` after a full title: `习近平总书记同志`, `王明书记同志`.
//
// ## What it does
// Reports `同志` that follows a name *and* a title and offers to drop it:
// `王明书记同志指出` → `王明书记指出`.
//
// ## Why
// `同志` is itself the form of address that goes with a bare name
// (`习近平同志`, `王明同志`); after a title it doubles the address. The
// standard forms are `习近平总书记` or `习近平同志`, never both.
//
// ## What it leaves alone
// `习近平同志`, `王明同志` (name + 同志), `同志们`, and `同志` after a
// title without a name (`书记同志`, a form of address).
//
// ## Fix safety
// Safe: only the redundant `同志` is removed.

use super::helpers::persons::ending_at;
use crate::fix::{Applicability, Fix};
use crate::names::detect::{name_ends, title_ending_at};
use crate::rule::message::Emitter;
use crate::rule::{CheckContext, Checker, Finding};
use crate::rules::NativeArgs;
use crate::span::Span;

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    args.no_params()?;
    Ok(Box::new(ComradeAfterTitle {
        emit: args.emitter(),
    }))
}

struct ComradeAfterTitle {
    emit: Emitter,
}

const COMRADE: &str = "同志";

impl Checker for ComradeAfterTitle {
    fn check(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = ctx.text();
        for p in crate::text::needle!(COMRADE).find_iter(text.as_bytes()) {
            let end = p + COMRADE.len();
            if text[end..].starts_with('们') {
                continue;
            }
            let Some(title) = title_ending_at(text, p) else {
                continue;
            };
            // A past marker (`原书记`) belongs to the title; the name is before it.
            // The name: a detected person ending at the title, or a surname
            // with one or two given characters right before it.
            let persons = ctx.persons();
            let name = ending_at(persons, title.start).map(|m| m.name).or_else(|| {
                [3usize, 2, 4].into_iter().find_map(|n| {
                    let mut s = title.start;
                    for _ in 0..n {
                        let c = text[..s].chars().next_back()?;
                        s -= c.len_utf8();
                    }
                    let before = text[..s].chars().next_back();
                    // Three characters anywhere; two or four only after a
                    // clause boundary.
                    (name_ends(text, s).contains(&title.start)
                        && (n == 3 || before.is_none_or(|c| !crate::text::chars::is_han(c))))
                    .then(|| Span::new(s, title.start))
                })
            });
            let Some(name) = name else { continue };
            if in_message(text, name.start) {
                continue;
            }
            let applicability = if in_quotation(text, name.start) {
                Applicability::Unsafe
            } else {
                Applicability::Safe
            };
            let found = &text[name.start..end];
            let expected = &text[name.start..p];
            out.push(
                self.emit
                    .at(
                        Span::new(name.start, end),
                        &[("found", found), ("expected", expected)],
                    )
                    .with_help(format!("改为“{expected}”或“{}同志”", &text[name.range()]))
                    .with_fix(Fix::replace(applicability, Span::new(p, end), "")),
            );
        }
    }
}

/// How far back a mention of a message between parties covers the text.
const MESSAGE_WINDOW: usize = 1500;

/// Words that introduce a message from another party or leader, whose
/// forms of address are the sender's (`习近平总书记同志` in a telegram).
const MESSAGE_MARKERS: &[&str] = &[
    "贺电",
    "贺信",
    "贺函",
    "贺词",
    "致电",
    "致信",
    "致函",
    "复电",
    "复信",
    "来电",
    "来信",
    "口信",
    "电文",
    "通电话",
    "通话",
    "会谈",
    "会晤",
    "会见",
    "宴会",
];

/// Whether `at` lies within reach of a mention of such a message, or the
/// whole document reports one (its headline, the first line, names it).
fn in_message(text: &str, at: usize) -> bool {
    let headline = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    if MESSAGE_MARKERS.iter().any(|m| headline.contains(m)) {
        return true;
    }
    let mut start = at.saturating_sub(MESSAGE_WINDOW);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    // Before, within the window; after, to the end of the paragraph
    // (`我与习近平总书记同志时隔9个月再次会晤`).
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let window = &text[start..end];
    MESSAGE_MARKERS.iter().any(|m| window.contains(m))
}

/// Whether `at` lies inside a quotation opened earlier in its paragraph
/// (more `“` than `”` before it), where the words are someone else's.
fn in_quotation(text: &str, at: usize) -> bool {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..at];
    before.matches('“').count() > before.matches('”').count()
}
