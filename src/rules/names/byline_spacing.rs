//! 人名之间`、`两侧多余的空格：`文/刘艺 、陈安娜`
//!
//! ## 检查什么
//! 删除分隔两个人名的`、`旁边的空白：包括署名中的（`文/刘艺 、陈安娜` → `文/刘艺、陈安娜`，`记者 张三、 李四`），以及任何位置上两个被识别出的人名之间的（`张三 、李四出席`）；还删除`文/`、`图/`、`摄/`标记与第一个人名之间的空白（`文/ 刘艺`）。
//!
//! ## 不报告的情形
//! 署名本身的惯例：`文/`、`图/`标记，身份与人名之间的空格（`记者 王明`），不同身份之间的空格（`记者 王明 通讯员 李华`），以及只用空格分隔的人名（`记者 张三 李四`）。
//!
//! ## 修复
//! 安全修复：只删除空白。
//!
//! ## 依据
//! `、`是自带间距的全角标点（GB/T 15834—2011第5.1条）；旁边的空格是输入或粘贴失误，在署名中还会割裂作者名单。

// English original of the user documentation above (developer notes):
//
// Stray spaces around `、` between names: `文/刘艺 、陈安娜`.
//
// ## What it does
// Removes whitespace next to a `、` that separates two names — in a byline
// (`文/刘艺 、陈安娜` → `文/刘艺、陈安娜`, `记者 张三、 李四`) or between
// two detected persons anywhere (`张三 、李四出席`) — and whitespace
// between a `文/` `图/` `摄/` marker and the first name (`文/ 刘艺`).
//
// ## Why
// `、` is a full-width mark that carries its own spacing (GB/T 15834—2011
// 5.1); a space beside it is a typing or paste slip, and in a byline it
// breaks the list of authors.
//
// ## What it leaves alone
// The byline conventions themselves: `文/` `图/` markers, a space between a
// role and a name (`记者 王明`), spaces between roles (`记者 王明 通讯员
// 李华`) and names listed with spaces only (`记者 张三 李四`).
//
// ## Fix safety
// Safe: only whitespace is removed.

use super::helpers::persons::{ending_at, starting_at};
use crate::fix::{Applicability, Fix};
use crate::names::lexicon::BYLINE_MARKERS;
use crate::rule::message::Emitter;
use crate::rule::{CheckContext, Checker, Finding};
use crate::rules::NativeArgs;
use crate::span::Span;
use crate::text::chars::{is_han, line_bounds};

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    args.no_params()?;
    Ok(Box::new(BylineSpacing {
        emit: args.emitter(),
    }))
}

struct BylineSpacing {
    emit: Emitter,
}

fn is_pad(c: char) -> bool {
    matches!(c, ' ' | '\u{3000}' | '\u{a0}' | '\t')
}

fn pads_before(text: &str, i: usize) -> usize {
    let mut s = i;
    while let Some(c) = text[..s].chars().next_back()
        && is_pad(c)
    {
        s -= c.len_utf8();
    }
    s
}

fn pads_after(text: &str, i: usize) -> usize {
    let mut e = i;
    while let Some(c) = text[e..].chars().next()
        && is_pad(c)
    {
        e += c.len_utf8();
    }
    e
}

/// Whether the line holding byte `i` is a byline: it starts (after spaces
/// and an opening bracket) with a byline marker such as `记者`, `文/`.
fn is_byline(text: &str, i: usize) -> bool {
    let (ls, le) = line_bounds(text, i);
    let line = text[ls..le].trim_start_matches(|c: char| is_pad(c) || "（(【[".contains(c));
    BYLINE_MARKERS.iter().any(|m| line.starts_with(m))
        || line.contains("文/")
        || line.contains("图/")
        || line.contains("文／")
        || line.contains("图／")
}

impl BylineSpacing {
    fn report(&self, text: &str, span: Span, pads: &[Span], out: &mut Vec<Finding>) {
        let found = &text[span.range()];
        let mut expected = String::new();
        let mut at = span.start;
        for p in pads {
            expected.push_str(&text[at..p.start]);
            at = p.end;
        }
        expected.push_str(&text[at..span.end]);
        let mut f = self
            .emit
            .at(span, &[("found", found), ("expected", &expected)])
            .with_help(format!("改为“{expected}”"));
        if let [p] = pads {
            f = f.with_fix(Fix::replace(Applicability::Safe, *p, ""));
        } else {
            f = f.with_fix(Fix::safe(
                pads.iter().map(|p| crate::fix::Edit::delete(*p)).collect(),
            ));
        }
        out.push(f);
    }
}

impl Checker for BylineSpacing {
    fn check(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = ctx.text();
        // Spaces around 、.
        for p in crate::text::needle!("、").find_iter(text.as_bytes()) {
            let e = p + "、".len();
            let (bs, ae) = (pads_before(text, p), pads_after(text, e));
            if bs == p && ae == e {
                continue;
            }
            let (Some(l), Some(r)) = (text[..bs].chars().next_back(), text[ae..].chars().next())
            else {
                continue;
            };
            if !is_han(l) || !is_han(r) {
                continue;
            }
            let persons = ctx.persons();
            let named_left = ending_at(persons, bs).is_some();
            let named_right = starting_at(persons, ae).is_some();
            if !(named_left && named_right || is_byline(text, p) && (named_left || named_right)) {
                continue;
            }
            let mut pads = Vec::new();
            if bs < p {
                pads.push(Span::new(bs, p));
            }
            if ae > e {
                pads.push(Span::new(e, ae));
            }
            // Quote the names around the mark when they are known.
            let start = ending_at(persons, bs).map_or(bs - l.len_utf8(), |m| m.name.start);
            let end = starting_at(persons, ae).map_or(ae + r.len_utf8(), |m| m.name.end);
            let span = Span::new(start, end);
            self.report(text, span, &pads, out);
        }
        // `文/ 刘艺`.
        // Found from their slashes: two passes over the text, not one per marker.
        let mut after_slash = |q: usize| {
            let Some(p) = ["文", "图", "摄"]
                .iter()
                .find(|w| text[..q].ends_with(*w))
                .map(|w| q - w.len())
            else {
                return;
            };
            let e = q + text[q..].chars().next().map_or(0, char::len_utf8);
            let ae = pads_after(text, e);
            if ae == e || !text[ae..].chars().next().is_some_and(is_han) {
                return;
            }
            // The marker starts a word: line start, space or punctuation before.
            if text[..p].chars().next_back().is_some_and(is_han) {
                return;
            }
            let r = text[ae..].chars().next().unwrap();
            self.report(
                text,
                Span::new(p, ae + r.len_utf8()),
                &[Span::new(e, ae)],
                out,
            );
        };
        memchr::memchr_iter(b'/', text.as_bytes()).for_each(&mut after_slash);
        crate::text::needle!("／")
            .find_iter(text.as_bytes())
            .for_each(&mut after_slash);
    }
}
