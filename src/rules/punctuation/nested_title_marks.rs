//! 书名号里的书名仍用双书名号，或用了半角尖括号：`《关于《决定》的说明》`、`《学习<纲要>的体会》`
//!
//! ## 检查什么
//! 在同一行中，找出位于另一对`《…》`之内的`《…》`，以及`《…》`之内的`<…>`（或全角`＜…＞`），把里边一层改为单书名号`〈…〉`：`《关于〈决定〉的说明》`。
//!
//! ## 不报告的情形
//! 并列的书名（`《人民日报》《光明日报》`）；外层书名号在本行内没有闭合时的内层（缺了一半的书名号由`punctuation/unbalanced-pair`报告）；已经写对的`〈…〉`；书名号以外的尖括号（标记、公式）。
//!
//! ## 修复
//! 安全修复：里边一层只改变形式，前后两半一起改，而且只在外层书名在其后闭合时才改。
//!
//! ## 依据
//! GB/T 15834—2011第4.15.3条：书名号里边还要用书名号时，外面一层用双书名号，里边一层用单书名号。半角的`<` `>`是小于号和大于号，不是标点符号；全角`＜＞`是它们的全角形式。

// English original of the user documentation above (developer notes):
//
// A title inside a title written with the outer marks again, or with ASCII
// angle brackets: `《关于《决定》的说明》`, `《学习<纲要>的体会》`.
//
// ## What it does
// Within a line, finds a `《…》` pair that lies inside another `《…》`, and
// `<…>` (or full-width `＜…＞`) inside a `《…》`, and rewrites the inner
// pair as `〈…〉`: `《关于〈决定〉的说明》`.
//
// ## Why
// GB/T 15834—2011 4.15.3: 书名号里边还要用书名号时，外面一层用双书名号，
// 里边一层用单书名号. ASCII `<` `>` are less-than and greater-than signs,
// not punctuation, and full-width `＜＞` are their wide forms.
//
// ## What it leaves alone
// Titles side by side (`《人民日报》《光明日报》`), an inner pair whose outer
// title is not closed on the same line (a lost half is
// `punctuation/unbalanced-pair`'s), `〈…〉` already right, and angle
// brackets outside titles (markup, formulas).
//
// ## Fix safety
// Safe: the inner marks only change form; both halves are rewritten
// together, and only when the outer title closes after them.

use crate::fix::{Applicability, Edit, Fix};
use crate::rule::message::Emitter;
use crate::rule::{CheckContext, Checker, Finding};
use crate::rules::NativeArgs;
use crate::span::Span;

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    args.no_params()?;
    Ok(Box::new(NestedTitleMarks {
        base: args.emitter(),
    }))
}

struct NestedTitleMarks {
    base: Emitter,
}

impl Checker for NestedTitleMarks {
    fn check(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = ctx.text();
        let bytes = text.as_bytes();
        // Only lines with a `《` are read, from their first `《` on.
        let mut at = 0;
        while let Some(p) = crate::text::needle!("《").find(&bytes[at..]) {
            let first = at + p;
            let end = memchr::memchr(b'\n', &bytes[first..]).map_or(text.len(), |i| first + i);
            self.line(text, first, &text[first..end], out);
            at = end;
        }
    }
}

impl NestedTitleMarks {
    /// One line from its first `《` (at byte `base`) to its end.
    fn line(&self, text: &str, base: usize, line: &str, out: &mut Vec<Finding>) {
        // Inner pairs found inside the open outer title, reported when it closes.
        let mut depth = 0usize;
        let mut open_inner: Option<(usize, char)> = None;
        let mut pending: Vec<(usize, usize, char, char)> = Vec::new();
        // Every mark read here begins with one of these bytes: `《》` with
        // 0xE3, `＜＞` with 0xEF.
        let marks = super::mark_positions(line.as_bytes(), [0xE3, 0xEF, b'<'], [b'>', b'>']);
        for i in marks {
            let Some(c) = line[i..].chars().next() else {
                break;
            };
            match c {
                '《' if depth == 0 => depth = 1,
                '《' if depth == 1 && open_inner.is_none() => {
                    open_inner = Some((i, c));
                    depth = 2;
                }
                '《' => depth += 1,
                '<' | '＜' if depth == 1 && open_inner.is_none() => {
                    open_inner = Some((i, c));
                }
                '>' | '＞' if depth == 1 && open_inner.is_some_and(|(_, o)| o != '《') => {
                    let (o, oc) = open_inner.take().expect("inner");
                    pending.push((o, i, oc, c));
                }
                '》' if depth == 2 && open_inner.is_some_and(|(_, o)| o == '《') => {
                    let (o, oc) = open_inner.take().expect("inner");
                    pending.push((o, i, oc, c));
                    depth = 1;
                }
                '》' if depth >= 1 => {
                    depth -= 1;
                    if depth == 0 {
                        open_inner = None;
                        for (o, cl, oc, cc) in pending.drain(..) {
                            self.report(text, base + o, base + cl, oc, cc, out);
                        }
                    }
                }
                _ => {}
            }
        }
    }

    fn report(
        &self,
        text: &str,
        open: usize,
        close: usize,
        oc: char,
        cc: char,
        out: &mut Vec<Finding>,
    ) {
        let span = Span::new(open, close + cc.len_utf8());
        let found = &text[span.range()];
        let inner = &text[open + oc.len_utf8()..close];
        let expected = format!("〈{inner}〉");
        self.base.push(
            out,
            span,
            &[("found", found), ("expected", &expected)],
            Some(format!("书名号内的书名号用单书名号：“{expected}”")),
            Some(Fix::new(
                Applicability::Safe,
                vec![
                    Edit::replace(Span::new(open, open + oc.len_utf8()), "〈"),
                    Edit::replace(Span::new(close, close + cc.len_utf8()), "〉"),
                ],
            )),
        );
    }
}
