//! Paired marks without a partner: `“…`, `…）`, `《…`, `【…`.
//!
//! ## What it does
//! Within each block (a paragraph, heading or list item; in plain text, a
//! line) matches the opening and closing halves of `“”` `‘’` `（）` `《》`
//! `【】` `〔〕` `〈〉` `「」` and reports a half that has no partner. A
//! half-width `(` or `)` may partner a full-width half (`(区、市）`: the
//! width rule fixes that one), and only full-width halves are reported.
//!
//! ## Why
//! GB/T 15834—2011 4.4–4.6 and 4.10 define these marks as pairs; a lost half
//! is a cut-and-paste accident that changes what the reader takes as quoted,
//! bracketed or a title.
//!
//! ## What it leaves alone
//! - a quotation over several paragraphs: GB/T 15834—2011 4.4.3.4 opens each
//!   paragraph with `“` and closes only the last, so an unclosed `“` at the
//!   start of a block that is followed by a block starting with `“` is fine;
//! - a paragraph hard-wrapped over several lines: an opener left open at the
//!   end of a block and a closer left over at the start of the next one are
//!   paired across the break;
//! - list labels such as `1）` and `一）` at the start of a block.
//!
//! ## Fix safety
//! No fix: where the missing half belongs is the writer's call.

use super::Base;
use crate::document::Block;
use crate::rule::{CheckContext, Checker, Finding};
use crate::rules::NativeArgs;
use crate::rules::util::{CJK_PAIRS, deny_unknown_params, is_space};
use crate::span::Span;

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    deny_unknown_params(args.params, &[])?;
    Ok(Box::new(UnbalancedPair {
        base: Base::new(args),
    }))
}

struct UnbalancedPair {
    base: Base,
}

/// Unmatched halves of one block: per pair type, openers and closers.
#[derive(Default, Clone)]
struct Leftover {
    opens: [Vec<usize>; CJK_PAIRS.len()],
    closes: [Vec<usize>; CJK_PAIRS.len()],
}

fn kind_of(c: char) -> Option<(usize, bool)> {
    match c {
        '(' => return Some((2, true)),
        ')' => return Some((2, false)),
        _ => {}
    }
    CJK_PAIRS.iter().enumerate().find_map(|(k, (o, cl))| {
        if c == *o {
            Some((k, true))
        } else if c == *cl {
            Some((k, false))
        } else {
            None
        }
    })
}

fn is_full(text: &str, at: usize) -> bool {
    !matches!(text.as_bytes()[at], b'(' | b')')
}

fn scan_block(text: &str, span: Span) -> Leftover {
    let mut left = Leftover::default();
    let block = &text[span.range()];
    // Only bytes that can start a paired mark are decoded.
    for (off, &b) in block.as_bytes().iter().enumerate() {
        if !matches!(b, b'(' | b')' | 0xE2 | 0xE3 | 0xEF) {
            continue;
        }
        let Some((k, open)) = block[off..].chars().next().and_then(kind_of) else {
            continue;
        };
        let at = span.start + off;
        if open {
            left.opens[k].push(at);
        } else if left.opens[k].pop().is_none() {
            left.closes[k].push(at);
        }
    }
    left
}

/// Whether the first visible character of `block` is at `at`.
fn at_block_start(text: &str, block: Span, at: usize) -> bool {
    text[block.start..at].chars().all(is_space)
}

/// `1）`, `一）`, `a）` at the start of a block.
fn is_list_label(text: &str, block: Span, at: usize) -> bool {
    let label = text[block.start..at].trim_matches(is_space);
    let n = label.chars().count();
    (1..=3).contains(&n)
        && label
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "一二三四五六七八九十".contains(c))
}

impl Checker for UnbalancedPair {
    fn check(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = ctx.text();
        let owned;
        let blocks: &[Block] = if ctx.doc.blocks().is_empty() {
            owned = crate::rules::util::line_blocks(text);
            &owned
        } else {
            ctx.doc.blocks()
        };
        let mut lefts: Vec<Leftover> = blocks.iter().map(|b| scan_block(text, b.span)).collect();
        for i in 0..lefts.len() {
            let next_start = blocks.get(i + 1).map(|b| {
                let s = &text[b.span.range()];
                s.trim_start_matches(is_space).chars().next()
            });
            for k in 0..CJK_PAIRS.len() {
                // Multi-paragraph quotation: `“` opens this block and the next.
                if k <= 1 {
                    let opener = CJK_PAIRS[k].0;
                    if next_start == Some(Some(opener)) {
                        lefts[i].opens[k].retain(|&at| !at_block_start(text, blocks[i].span, at));
                    }
                }
                // Hard-wrapped paragraph: open at the end, closed in the next block.
                if i + 1 < lefts.len() {
                    while !lefts[i].opens[k].is_empty() && !lefts[i + 1].closes[k].is_empty() {
                        lefts[i].opens[k].pop();
                        lefts[i + 1].closes[k].remove(0);
                    }
                }
            }
        }
        for (block, left) in blocks.iter().zip(&lefts) {
            for k in 0..CJK_PAIRS.len() {
                let (o, c) = CJK_PAIRS[k];
                for &at in &left.opens[k] {
                    if is_full(text, at) {
                        self.report(out, text, at, o, c, "缺少后一半");
                    }
                }
                for &at in &left.closes[k] {
                    if is_full(text, at) && !(k == 2 && is_list_label(text, block.span, at)) {
                        self.report(out, text, at, c, o, "缺少前一半");
                    }
                }
            }
        }
    }
}

impl UnbalancedPair {
    fn report(
        &self,
        out: &mut Vec<Finding>,
        text: &str,
        at: usize,
        mark: char,
        partner: char,
        what: &str,
    ) {
        let len = text[at..].chars().next().map_or(1, char::len_utf8);
        self.base.push(
            out,
            Span::new(at, at + len),
            &[
                ("mark", &mark.to_string()),
                ("partner", &partner.to_string()),
                ("what", what),
            ],
            Some(format!("补上配对的“{partner}”，或删去多余的“{mark}”")),
            None,
        );
    }
}
