//! Site chrome: navigation, breadcrumbs, share buttons, related-article
//! lists, footers and disclaimers left in a scraped text.
//!
//! ## What it does
//! Finds the lines of a document that belong to the web page around the
//! article rather than to the article: breadcrumbs and navigation
//! (`首页 > 新闻中心 > 正文`, `简体|繁体|无障碍`), share and print widgets
//! (`分享到：`, `【打印本页】【关闭窗口】`), view counters (`浏览次数：801`),
//! related-article lists (`相关新闻` and what follows), footers (`版权所有`,
//! `主办单位`, `ICP备`, `公网安备`, `网站标识码`) and disclaimers
//! (`本网站所收集的部分公开资料来源于互联网…`). Each run of consecutive chrome
//! lines is one finding.
//!
//! The decision combines several signals (see `[rule.params]`): the line's
//! position relative to the article body (the longest run of prose lines),
//! its length and sentence punctuation, navigation separators, strong signal
//! patterns, weak signal words that only count on short lines, metadata
//! labels, and its neighbours.
//!
//! ## Why
//! Text copied from a web page carries the page with it. Published again
//! (in a report, an archive, a newsletter) the chrome is noise at best and,
//! for footers and disclaimers, misattribution at worst.
//!
//! ## What it leaves alone
//! The title and its copies, metadata lines (`发布时间：…`, `来源：…`,
//! bylines such as `（文/刘艺 图/刘艺）` or `责任编辑：…`), photo captions and
//! subheads inside the body, and any prose line that merely *mentions* a
//! signal word: an article about 无障碍 services or a 长者专区 is content.
//! Weak signal words count only on short lines; inside the body only a line
//! with a strong signal and no prose shape is chrome.
//!
//! ## Fix safety
//! Deleting the lines is safe in the leading block (before the article body)
//! and the trailing block (after it); a chrome line inside the body gets an
//! unsafe fix, since removing text from the middle of an article needs a look.

use super::layout::{CHROME_PARAMS, ChromeParams, Layout, Region};
use crate::fix::{Applicability, Edit, Fix};
use crate::rule::{CheckContext, Checker, Finding, RuleIndex};
use crate::rules::NativeArgs;
use crate::rules::util::deny_unknown_params;
use crate::span::Span;

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    deny_unknown_params(args.params, CHROME_PARAMS)?;
    Ok(Box::new(SiteChrome {
        rule: args.index,
        message: args.meta.message.clone(),
        params: ChromeParams::from_params(args.params)?,
    }))
}

struct SiteChrome {
    rule: RuleIndex,
    message: String,
    params: ChromeParams,
}

/// Runs of chrome lines: `(first line, last line, region)`, blank lines
/// between chrome lines of the same region joining a run.
pub fn chrome_runs(layout: &Layout) -> Vec<(usize, usize, Region)> {
    let mut runs: Vec<(usize, usize, Region)> = Vec::new();
    let mut last_nonblank_chrome: Option<usize> = None;
    for &i in &layout.nonblank {
        match layout.chrome[i] {
            Some(region) => {
                match runs.last_mut() {
                    Some(run) if last_nonblank_chrome == Some(run.1) && run.2 == region => {
                        run.1 = i
                    }
                    _ => runs.push((i, i, region)),
                }
                last_nonblank_chrome = Some(i);
            }
            None => last_nonblank_chrome = None,
        }
    }
    runs
}

impl Checker for SiteChrome {
    fn check(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = ctx.text();
        let layout = Layout::analyze(text, &self.params);
        for (first, last, region) in chrome_runs(&layout) {
            // Findings touching a masked span (a URL or domain in a footer)
            // are dropped by the engine: underline the whole run when it is
            // free of masks, else its first line that is.
            let whole = Span::new(layout.lines[first].span.start, layout.lines[last].span.end);
            let span = if !ctx.doc.is_masked(whole) {
                whole
            } else {
                match layout
                    .nonblank
                    .iter()
                    .filter(|&&i| i >= first && i <= last)
                    .map(|&i| layout.lines[i].span)
                    .find(|s| !ctx.doc.is_masked(*s))
                {
                    Some(s) => s,
                    None => continue,
                }
            };
            let delete = Span::new(layout.lines[first].full.start, layout.lines[last].full.end);
            let lines = layout
                .nonblank
                .iter()
                .filter(|&&i| i >= first && i <= last)
                .count();
            let (what, applicability) = match region {
                Region::Leading => ("正文前的网页导航、栏目或工具栏", Applicability::Safe),
                Region::Trailing => ("正文后的相关链接、页脚或声明", Applicability::Safe),
                Region::Body => ("正文中的网页元素", Applicability::Unsafe),
            };
            let message = self
                .message
                .replace("{what}", what)
                .replace("{lines}", &lines.to_string());
            out.push(
                Finding::new(self.rule, span, message)
                    .with_help("删除这些行")
                    .with_fix(Fix::new(applicability, vec![Edit::delete(delete)])),
            );
        }
    }
}
