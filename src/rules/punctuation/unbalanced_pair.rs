//! 缺少另一半的成对标号：`“…`、`…）`、`《…`、`【…`
//!
//! ## 检查什么
//! 在每个块（段落、标题或列表项；纯文本中为一行）之内，对`“”`、`‘’`、`（）`、`《》`、`【】`、`〔〕`、`〈〉`、`「」`的前后两半进行配对，报告没有配对的一半。半角的`(`或`)`可以与全角的一半配对（`(区、市）`，由标点宽度规则修复），只报告全角的一半。
//!
//! ## 不报告的情形
//! - 跨越多个段落的引文：GB/T 15834—2011第4.4.3.4条规定每段开头用`“`、只在最后一段末尾用`”`，因此，如果一个块开头的`“`没有闭合，而下一个块以`“`开头，不予报告；
//! - 硬换行分成多行的段落：一个块末尾未闭合的前半与下一个块开头多出的后半跨越换行配对；
//! - 块首的列表序号，如`1）`、`一）`。
//!
//! 跨段引文（GB/T 15834—2011 4.1.3.3）的第一段里，前引号可以在引语之前的文字之后
//! （`他说：“……`）：只要它是本段最后一个未配对的同类前引号、且下一段以同类前引号开头，
//! 就不报告。每句一行的文本中，引文可能跨越几行才收尾：一个前引号在其后11行以内
//! 遇到同类后引号、其间没有别的同类引号时，二者配对，不报告。
//!
//! ## 修复
//! 不提供修复：缺失的另一半应放在哪里，由作者决定。
//!
//! ## 依据
//! GB/T 15834—2011第4.4条至第4.6条和第4.10条把这些标号规定为成对使用；丢失一半是剪切粘贴造成的意外，会改变读者对引文、括注或标题范围的理解。

// English original of the user documentation above (developer notes):
//
// Paired marks without a partner: `“…`, `…）`, `《…`, `【…`.
//
// ## What it does
// Within each block (a paragraph, heading or list item; in plain text, a
// line) matches the opening and closing halves of `“”` `‘’` `（）` `《》`
// `【】` `〔〕` `〈〉` `「」` and reports a half that has no partner. A
// half-width `(` or `)` may partner a full-width half (`(区、市）`: the
// width rule fixes that one), and only full-width halves are reported.
//
// ## Why
// GB/T 15834—2011 4.4–4.6 and 4.10 define these marks as pairs; a lost half
// is a cut-and-paste accident that changes what the reader takes as quoted,
// bracketed or a title.
//
// ## What it leaves alone
// - a quotation over several paragraphs: GB/T 15834—2011 4.4.3.4 opens each
//   paragraph with `“` and closes only the last, so an unclosed `“` at the
//   start of a block that is followed by a block starting with `“` is fine;
// - a paragraph hard-wrapped over several lines: an opener left open at the
//   end of a block and a closer left over at the start of the next one are
//   paired across the break;
// - list labels such as `1）` and `一）` at the start of a block.
//
// ## Fix safety
// No fix: where the missing half belongs is the writer's call.

use crate::document::Block;
use crate::rule::message::Emitter;
use crate::rule::{CheckContext, Checker, Finding};
use crate::rules::NativeArgs;
use crate::rules::helpers::CJK_PAIRS;
use crate::span::Span;
use crate::text::chars::is_space;

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    args.no_params()?;
    Ok(Box::new(UnbalancedPair {
        base: args.emitter(),
    }))
}

struct UnbalancedPair {
    base: Emitter,
}

/// An unmatched half: offset, pair type (index into [`CJK_PAIRS`]), opening?
type Half = (usize, usize, bool);

/// The pair type and side of the mark starting with `b` (up to three bytes).
fn kind_of(b: &[u8]) -> Option<(usize, bool)> {
    Some(match b {
        [b'(', ..] => (2, true),
        [b')', ..] => (2, false),
        [0xE2, 0x80, 0x9C, ..] => (0, true),
        [0xE2, 0x80, 0x9D, ..] => (0, false),
        [0xE2, 0x80, 0x98, ..] => (1, true),
        [0xE2, 0x80, 0x99, ..] => (1, false),
        [0xEF, 0xBC, 0x88, ..] => (2, true),
        [0xEF, 0xBC, 0x89, ..] => (2, false),
        [0xE3, 0x80, x, ..] => match x {
            0x8A => (3, true),
            0x8B => (3, false),
            0x90 => (4, true),
            0x91 => (4, false),
            0x94 => (5, true),
            0x95 => (5, false),
            0x88 => (6, true),
            0x89 => (6, false),
            0x8C => (7, true),
            0x8D => (7, false),
            _ => return None,
        },
        _ => return None,
    })
}

fn is_full(text: &str, at: usize) -> bool {
    !matches!(text.as_bytes()[at], b'(' | b')')
}

/// Where a half can begin in `bytes`: the lead bytes of the full-width
/// marks and the ASCII parentheses.
fn half_positions(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    super::mark_positions(bytes, [0xE2, 0xE3, 0xEF], [b'(', b')'])
}

/// The unmatched halves of one block, in text order, from `positions`:
/// where a half can begin in the block, in order. `stacks` is scratch
/// space reused across blocks (most blocks leave nothing behind, and then
/// nothing is allocated).
fn scan_block(
    text: &str,
    positions: impl Iterator<Item = usize>,
    stacks: &mut [Vec<usize>; CJK_PAIRS.len()],
) -> Vec<Half> {
    let mut left: Vec<Half> = Vec::new();
    let bytes = text.as_bytes();
    for at in positions {
        let Some((k, open)) = kind_of(&bytes[at..]) else {
            continue;
        };
        if open {
            stacks[k].push(at);
        } else if stacks[k].pop().is_none() {
            left.push((at, k, false));
        }
    }
    for (k, stack) in stacks.iter_mut().enumerate() {
        left.extend(stack.drain(..).map(|at| (at, k, true)));
    }
    left.sort_unstable();
    left
}

/// The unmatched halves of each block ([`scan_block`]). Blocks in order
/// (lines, paragraphs) share one search over the text instead of one set up
/// per block.
fn unmatched_by_block(text: &str, blocks: &[Block]) -> Vec<Vec<Half>> {
    let mut stacks: [Vec<usize>; CJK_PAIRS.len()] = Default::default();
    let in_order = blocks.windows(2).all(|w| w[0].span.end <= w[1].span.start);
    if in_order {
        let mut positions = half_positions(text.as_bytes()).peekable();
        blocks
            .iter()
            .map(|b| {
                while positions.next_if(|&p| p < b.span.start).is_some() {}
                let inside = std::iter::from_fn(|| positions.next_if(|&p| p < b.span.end));
                scan_block(text, inside, &mut stacks)
            })
            .collect()
    } else {
        blocks
            .iter()
            .map(|b| {
                let start = b.span.start;
                let inside = half_positions(&text.as_bytes()[b.span.range()]).map(|p| start + p);
                scan_block(text, inside, &mut stacks)
            })
            .collect()
    }
}

/// How many blocks a quotation may run over in a one-sentence-per-line file.
const QUOTE_LINES: usize = 12;

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
            owned = crate::rules::helpers::line_blocks(text);
            &owned
        } else {
            ctx.doc.blocks()
        };
        let mut lefts = unmatched_by_block(text, blocks);
        for i in 0..lefts.len() {
            if lefts[i].is_empty() {
                continue;
            }
            let next_start = blocks.get(i + 1).and_then(|b| {
                text[b.span.range()]
                    .trim_start_matches(is_space)
                    .chars()
                    .next()
            });
            // Multi-paragraph quotation: `“` opens this block and the next.
            // In the first paragraph it may open after a lead-in (`他说：“…`):
            // then it is the block's last unmatched opener of its kind.
            let span = blocks[i].span;
            let last_open = |k: usize| lefts[i].iter().rev().find(|h| h.1 == k && h.2).map(|h| h.0);
            let last = [last_open(0), last_open(1)];
            lefts[i].retain(|&(at, k, open)| {
                !(open
                    && k <= 1
                    && next_start == Some(CJK_PAIRS[k].0)
                    && (at_block_start(text, span, at) || last[k] == Some(at)))
            });
            // Hard-wrapped paragraph: open at the end, closed in the next block.
            if i + 1 < lefts.len() {
                for k in 0..CJK_PAIRS.len() {
                    loop {
                        let open = lefts[i].iter().rposition(|h| h.1 == k && h.2);
                        let close = lefts[i + 1].iter().position(|h| h.1 == k && !h.2);
                        let (Some(o), Some(c)) = (open, close) else {
                            break;
                        };
                        lefts[i].remove(o);
                        lefts[i + 1].remove(c);
                    }
                }
            }
            // A quotation over several lines of a one-sentence-per-line file:
            // the closer comes a few lines later, with no quotation of the
            // same kind opened or closed between.
            for k in 0..=1 {
                let Some(o) = lefts[i].iter().rposition(|h| h.1 == k && h.2) else {
                    continue;
                };
                for j in i + 2..lefts.len().min(i + QUOTE_LINES) {
                    if let Some(c) = lefts[j].iter().position(|h| h.1 == k && !h.2) {
                        lefts[i].remove(o);
                        lefts[j].remove(c);
                        break;
                    }
                    if lefts[j].iter().any(|h| h.1 == k) {
                        break;
                    }
                }
            }
        }
        for (block, left) in blocks.iter().zip(&lefts) {
            for &(at, k, open) in left {
                if !is_full(text, at) {
                    continue;
                }
                let (o, c) = CJK_PAIRS[k];
                if open {
                    self.report(out, text, at, o, c, "缺少后一半");
                } else if !(k == 2 && is_list_label(text, block.span, at)) {
                    self.report(out, text, at, c, o, "缺少前一半");
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
