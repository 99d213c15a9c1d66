//! 中文与拉丁字母、阿拉伯数字之间的空格
//!
//! ## 检查什么
//! 在默认设置`policy = "remove"`下，报告正文中汉字与拉丁字母或数字之间的空格，并将其删除：`建校70 周年` → `建校70周年`，`使用 5G 网络` → `使用5G网络`。
//!
//! 设为`policy = "require"`时（即《中文文案排版指北》等指南所倡导的技术写作惯例），改为报告汉字与拉丁字母或数字紧挨的情形，并插入一个空格。设为`policy = "ignore"`时，本规则不再报告，但仍保留在所选规则之中。
//!
//! ## 不报告的情形
//! - 数字与拉丁文单位或单词之间的空格（`100 Mbps`），这不属于中文与拉丁文字之间的空格；
//! - `5G`、`COVID-19`、`020-12345678`之类的词元；
//! - 在`remove`设置下：标题式的行（不含“。”、不超过80个字符）中用于分隔分句的空格（`火山喷发 4万多人受灾`），以及`“…”`和`《…》`内部的空格；
//! - 在`remove`设置下：用空格分隔一串短条目的行（关键词、标签云、导航栏、链接行）；
//! - 网址、电子邮件地址和代码。
//!
//! 网址、电子邮件地址与其后（或其前）汉字之间的空格起分隔作用，删去后地址会与正文粘连
//! （链接会把汉字吞进去）：`remove` 模式下不再报告、也不再删除这类空格。
//!
//! ## 修复
//! 安全修复：只删除或插入空白。
//!
//! ## 依据
//! 公文和新闻稿件（GB/T 15834—2011、GB/T 15835—2011，以及新华社、人民日报的体例）中，汉字、数字与拉丁字母之间不加空格：`5G数字展厅`、`617会议室`。技术写作往往相反；通过参数可由团队自行选择，但同一文档不应两种做法混用。

// English original of the user documentation above (developer notes):
//
// Spacing between Chinese and Latin letters or digits.
//
// ## What it does
// With the default `policy = "remove"`, flags spaces between a Han
// character and a Latin letter or digit in running text and deletes them:
// `建校70 周年` → `建校70周年`, `使用 5G 网络` → `使用5G网络`.
//
// With `policy = "require"` (the tech-writing convention of 中文文案排版指北
// and similar guides), flags a Han character touching a Latin letter or
// digit and inserts one space. `policy = "ignore"` turns the rule off
// without removing it from the selection.
//
// ## Why
// Official and news prose (GB/T 15834—2011, GB/T 15835—2011, and the house
// style of Xinhua and People's Daily) sets Chinese, digits and Latin words
// without spaces: `5G数字展厅`, `617会议室`. Technical writing often wants
// the opposite; the parameter lets a team choose, but a document should not
// mix both.
//
// ## What it leaves alone
// - spacing between a digit and a Latin unit or word (`100 Mbps`), which is
//   not Chinese–Latin spacing;
// - tokens such as `5G`, `COVID-19`, `020-12345678`;
// - with `remove`: headline-like lines (no 。, at most 80 characters),
//   where a space separates clauses (`火山喷发 4万多人受灾`), and spaces
//   inside “…” and 《…》;
// - with `remove`: lines of short items separated by spaces (a keyword or
//   tag cloud, a navigation bar, a row of links);
// - URLs, e-mail addresses and code.
//
// ## Fix safety
// Safe: only whitespace is removed or inserted.

use crate::fix::{Applicability, Edit, Fix};
use crate::rule::message::Emitter;
use crate::rule::params::{deny_unknown_params, param_choice};
use crate::rule::{CheckContext, Checker, Finding};
use crate::rules::NativeArgs;
use crate::rules::helpers::{TitleMarkScanner, is_spaced_list, is_title_like};
use crate::span::Span;
use crate::text::chars::{LineCursor, char_at, char_before, is_ascii_alnum, is_han};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Policy {
    Remove,
    Require,
    Ignore,
}

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    deny_unknown_params(args.params, &["policy"])?;
    let policy = match param_choice(args.params, "policy", &["remove", "require", "ignore"])? {
        None | Some("remove") => Policy::Remove,
        Some("require") => Policy::Require,
        _ => Policy::Ignore,
    };
    Ok(Box::new(CjkLatinSpacing {
        base: args.emitter(),
        policy,
    }))
}

struct CjkLatinSpacing {
    base: Emitter,
    policy: Policy,
}

impl CjkLatinSpacing {
    fn remove(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = ctx.text();
        // Per-line facts, computed once per line (see space-between-han).
        let mut lines = LineCursor::new(text);
        let mut line_cache: Option<(usize, bool, TitleMarkScanner<'_>)> = None;
        for &run in ctx.space_runs() {
            let (Some(p), Some(n)) = (char_before(text, run.start), char_at(text, run.end)) else {
                continue;
            };
            if !(is_han(p) && is_ascii_alnum(n) || is_ascii_alnum(p) && is_han(n)) {
                continue;
            }
            // The space that keeps a URL or an e-mail address apart from the
            // Chinese text around it is not spacing: without it the address
            // would run into the text (and links would take the characters).
            let latin = if is_ascii_alnum(n) {
                Span::new(run.end, run.end + 1)
            } else {
                Span::new(run.start - 1, run.start)
            };
            if ctx.doc.is_masked(latin) {
                continue;
            }
            let (ls, le) = lines.bounds(run.start);
            if line_cache.as_ref().is_none_or(|(start, _, _)| *start != ls) {
                let line = &text[ls..le];
                let skip = is_title_like(line) || is_spaced_list(line);
                line_cache = Some((ls, skip, TitleMarkScanner::new(line, &[])));
            }
            let (_, skip_line, marks) = line_cache.as_mut().expect("cached line");
            if *skip_line || marks.inside(run.start - ls) {
                continue;
            }
            let pair = format!("{p}{n}");
            self.base.push(
                out,
                run,
                &[("action", "不加空格"), ("pair", &pair)],
                Some(format!("删除“{p}”与“{n}”之间的空格")),
                Some(Fix::replace(Applicability::Safe, run, "")),
            );
        }
    }

    fn require(&self, text: &str, out: &mut Vec<Finding>) {
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if !bytes[i].is_ascii_alphanumeric() {
                i += 1;
                continue;
            }
            let s = i;
            while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
                i += 1;
            }
            if let Some(p) = char_before(text, s).filter(|c| is_han(*c)) {
                let n = bytes[s] as char;
                self.insert(out, s, p.len_utf8(), 1, p, n);
            }
            if let Some(n) = char_at(text, i).filter(|c| is_han(*c)) {
                let p = bytes[i - 1] as char;
                self.insert(out, i, 1, n.len_utf8(), p, n);
            }
        }
    }

    fn insert(
        &self,
        out: &mut Vec<Finding>,
        at: usize,
        left: usize,
        right: usize,
        p: char,
        n: char,
    ) {
        let pair = format!("{p}{n}");
        self.base.push(
            out,
            Span::new(at - left, at + right),
            &[("action", "加一个空格"), ("pair", &pair)],
            Some(format!("在“{p}”与“{n}”之间加空格")),
            Some(Fix::new(Applicability::Safe, vec![Edit::insert(at, " ")])),
        );
    }
}

impl Checker for CjkLatinSpacing {
    fn check(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        match self.policy {
            Policy::Remove => self.remove(ctx, out),
            Policy::Require => self.require(ctx.text(), out),
            Policy::Ignore => {}
        }
    }
}
