//! 全角标点旁的空格
//!
//! ## 检查什么
//! 报告行内紧挨全角标点（`，。、；：？！“”‘’《》（）【】〔〕`）之前或之后的空白（ASCII空格、制表符、不换行空格、全角空格`U+3000`），并将其删除：`文/刘艺 、陈安娜` → `文/刘艺、陈安娜`，`“学思践悟二十大” 主题` → `“学思践悟二十大”主题`，`发布日期： 2022` → `发布日期：2022`。
//!
//! ## 不报告的情形
//! - 行首缩进和行尾空格；
//! - 标题式的行（不含“。”、不超过80个字符）中，带引号或括号的成分与下一个分句之间的空格（`忠诚拥护“两个确立” 兴起火热学习高潮`）：网页标题常用空格分隔分句。但紧挨点号（，、。；：？！）的空格在任何位置都会报告；
//! - 带括注的人名列表（`梁惠玲（女） 谌贻琴`），以及引号内的口号或标题中紧挨内层标号的空格（`“新视界 ‘智’发展”`）；
//! - 用空格分隔一串短条目的行（关键词、标签云、导航栏）中，带引号或括号的条目与下一条目之间的空格；
//! - `…`和`——`两侧的空格：按英文排版习惯，两侧可以加空格。
//!
//! ## 修复
//! 安全修复：只删除空白。
//!
//! ## 依据
//! 全角标点本身已带间距（占一个字的位置，GB/T 15834—2011第5.1条）；多出来的空格会显示为空隙，通常说明这里是粘贴接缝或抓取程序拼接之处。

// English original of the user documentation above (developer notes):
//
// Spaces next to full-width punctuation.
//
// ## What it does
// Flags spaces (ASCII space, tab, NBSP, ideographic space U+3000) right
// before or after a full-width mark — `，。、；：？！“”‘’《》（）【】〔〕` —
// inside a line, and deletes them: `文/刘艺 、陈安娜` → `文/刘艺、陈安娜`,
// `“学思践悟二十大” 主题` → `“学思践悟二十大”主题`, `发布日期： 2022` →
// `发布日期：2022`.
//
// ## Why
// A full-width mark already carries its own spacing (it fills a whole
// character cell, GB/T 15834—2011 5.1); an extra space shows as a gap and
// usually betrays a paste seam or a scraper's join.
//
// ## What it leaves alone
// - indentation at the start of a line and spaces at its end;
// - in headline-like lines (no 。, at most 80 characters), a space between
//   a quoted or bracketed item and the next clause (`忠诚拥护“两个确立” 兴起
//   火热学习高潮`): web headlines separate clauses with spaces. A space
//   next to a pause mark (，、。；：？！) is flagged everywhere;
// - lists of names with 括注 (`梁惠玲（女） 谌贻琴`), and a space inside a
//   quoted slogan or title next to a nested mark (`“新视界 ‘智’发展”`);
// - in a line of short items separated by spaces (a keyword or tag
//   cloud, a navigation bar), the space between a quoted or bracketed
//   item and the next;
// - `…` and `——`, which English-style typesetting may surround by spaces.
//
// ## Fix safety
// Safe: only whitespace is removed.

use super::describe_spaces;
use crate::fix::{Applicability, Fix};
use crate::rule::message::Emitter;
use crate::rule::{CheckContext, Checker, Finding};
use crate::rules::NativeArgs;
use crate::rules::helpers::{TitleMarkScanner, is_name_list, is_spaced_list, is_title_like};
use crate::span::Span;
use crate::text::chars::{LineCursor, char_at, char_before};

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    args.no_params()?;
    Ok(Box::new(SpaceAroundFullwidth {
        base: args.emitter(),
    }))
}

struct SpaceAroundFullwidth {
    base: Emitter,
}

/// What decides, for a whole line, whether its spaces are separators.
struct LineFacts {
    title_like: bool,
    name_list: bool,
    spaced_list: bool,
}

fn is_pause(c: char) -> bool {
    matches!(c, '，' | '、' | '。' | '；' | '：' | '？' | '！')
}
fn is_opening(c: char) -> bool {
    matches!(
        c,
        '“' | '‘' | '《' | '（' | '【' | '〔' | '「' | '『' | '〈'
    )
}
fn is_closing(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '》' | '）' | '】' | '〕' | '」' | '』' | '〉'
    )
}

impl Checker for SpaceAroundFullwidth {
    fn check(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = ctx.text();
        // Per-line facts, computed once per line (a long line with many
        // spaces must not be rescanned for each of them).
        let mut lines = LineCursor::new(text);
        let mut line_cache: Option<(usize, LineFacts, TitleMarkScanner<'_>)> = None;
        for &run in ctx.space_runs() {
            let (Some(p), Some(n)) = (char_before(text, run.start), char_at(text, run.end)) else {
                continue;
            };
            if matches!(p, '\n' | '\r') || matches!(n, '\n' | '\r') {
                continue;
            }
            let (pause, bracket) = (
                is_pause(p) || is_pause(n),
                is_closing(p) || is_opening(n) || is_opening(p) || is_closing(n),
            );
            if !pause && !bracket {
                continue;
            }
            if !pause {
                let (ls, le) = lines.bounds(run.start);
                if line_cache.as_ref().is_none_or(|(start, _, _)| *start != ls) {
                    let line = &text[ls..le];
                    let facts = LineFacts {
                        title_like: is_title_like(line),
                        name_list: is_name_list(line),
                        spaced_list: is_spaced_list(line),
                    };
                    line_cache = Some((ls, facts, TitleMarkScanner::new(line, &[])));
                }
                let (_, facts, marks) = line_cache.as_mut().expect("cached line");
                // `”␣兴起` / `开展␣“…`: a clause separator in a headline; a
                // space inside a quoted slogan or title (`“新视界 ‘智’发展”`);
                // a list of names with 括注 (`梁惠玲（女） 谌贻琴`).
                let separator = !is_opening(p) && !is_closing(n) && facts.title_like;
                // A tag cloud or navigation bar (`【专题】 党建 学习 …`):
                // the spaces separate items.
                let inner = !(is_opening(p) || is_closing(n));
                if separator
                    || facts.name_list
                    || facts.spaced_list && inner
                    || inner && marks.inside(run.start - ls)
                {
                    continue;
                }
            }
            let found = describe_spaces(&text[run.range()]);
            let mark = if is_pause(p) || is_closing(p) || is_opening(p) {
                p
            } else {
                n
            };
            self.base.push(
                out,
                run,
                &[("found", found), ("mark", &mark.to_string())],
                Some(format!("删除“{mark}”旁的{found}")),
                Some(Fix::replace(
                    Applicability::Safe,
                    Span::new(run.start, run.end),
                    "",
                )),
            );
        }
    }
}
