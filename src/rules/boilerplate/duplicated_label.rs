//! 重复的元数据标签：`发布日期: 日期：2022-11-21`
//!
//! ## 检查什么
//! 报告后面直接跟着同类标签（两个日期标签、两个来源标签等）的元数据标签，这是抓取程序给页面上已有标签的字段又加了一个前缀造成的；修复时保留第一个：`发布日期: 日期：2022-11-21 09:28` → `发布日期：2022-11-21 09:28`。表示同一字段的各组标签由`groups`参数给出。
//!
//! ## 不报告的情形
//! 值为空的标签后面跟着另一字段的标签（`来源： 作者：张三`是缺少值，而不是重复），以及不相邻的标签。
//!
//! ## 修复
//! 安全修复：删除第二个标签和第一个分隔符，留下一个标签和一个全角冒号；字段的值不变。
//!
//! ## 依据
//! 重复的标签是明显的抓取痕迹，还会使读取该字段的工具出错（`日期：`会被解析为`发布日期`的值）。

// English original of the user documentation above (developer notes):
//
// Duplicated metadata labels: `发布日期: 日期：2022-11-21`.
//
// ## What it does
// Flags a metadata label followed directly by another label of the same
// kind (two date labels, two source labels …), as left behind when a
// scraper prefixes a field that the page already labelled, and keeps the
// first: `发布日期: 日期：2022-11-21 09:28` → `发布日期：2022-11-21 09:28`.
// The groups of labels that mean the same field are the `groups` parameter.
//
// ## Why
// A doubled label is an obvious scraping artefact; it also breaks tools
// that read the field (`日期：` is parsed as the value of `发布日期`).
//
// ## What it leaves alone
// A label with an empty value followed by a label of another field
// (`来源： 作者：张三` is a missing value, not a duplicate), and labels that are
// not adjacent.
//
// ## Fix safety
// Safe: the second label and the first separator are removed, leaving one
// label and a full-width colon; the value is untouched.

use super::helpers::lines::{marked_lines, marks};
use crate::fix::{Applicability, Fix};
use crate::rule::message::Emitter;
use crate::rule::params::deny_unknown_params;
use crate::rule::{CheckContext, Checker, Finding};
use crate::rules::NativeArgs;
use crate::span::Span;
use crate::text::compare::is_blank;
use regex::Regex;

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    deny_unknown_params(args.params, &["groups"])?;
    let groups: Vec<Vec<String>> = match args.params.get("groups") {
        Some(toml::Value::Array(a)) => a
            .iter()
            .map(|g| {
                g.as_array()
                    .ok_or("参数 `groups` 应为字符串数组的数组")?
                    .iter()
                    .map(|s| {
                        s.as_str()
                            .map(str::to_owned)
                            .ok_or("参数 `groups` 应为字符串数组的数组")
                    })
                    .collect::<Result<Vec<_>, _>>()
            })
            .collect::<Result<_, _>>()?,
        _ => return Err("缺少参数 `groups`（字符串数组的数组）".into()),
    };
    let mut all: Vec<&String> = groups.iter().flatten().collect();
    if all.is_empty() {
        return Err("参数 `groups` 不能为空".into());
    }
    all.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    let alt = all
        .iter()
        .map(|w| regex::escape(w))
        .collect::<Vec<_>>()
        .join("|");
    let pattern = Regex::new(&format!(
        r"({alt})([ \t\u{{a0}}\u{{3000}}]*[:：][ \t\u{{a0}}\u{{3000}}]*)({alt})[ \t\u{{a0}}\u{{3000}}]*[:：]"
    ))
    .map_err(|e| format!("标签正则无法编译：{e}"))?;
    Ok(Box::new(DuplicatedLabel {
        emit: args.emitter(),
        per_line: !groups.iter().flatten().any(|l| l.contains('\n')),
        groups,
        pattern,
        colons: marks(&[':', '：']),
    }))
}

struct DuplicatedLabel {
    emit: Emitter,
    groups: Vec<Vec<String>>,
    pattern: Regex,
    /// A match has two colons and, unless a label holds a line break
    /// (`per_line`), no line break: only lines with a colon are searched.
    colons: Regex,
    per_line: bool,
}

impl DuplicatedLabel {
    /// The findings of the matches in `text[range]`.
    fn check_in(&self, text: &str, range: std::ops::Range<usize>, out: &mut Vec<Finding>) {
        let base = range.start;
        for caps in self.pattern.captures_iter(&text[range]) {
            let (first, second) = (caps.get(1).expect("g1"), caps.get(3).expect("g3"));
            let whole = caps.get(0).expect("match");
            // The first label must start a field: line start, or after a space or bracket.
            let before = text[..base + first.start()].chars().next_back();
            if before
                .is_some_and(|c| !is_blank(c) && !matches!(c, '\n' | '(' | '（' | '【' | '[' | '|'))
            {
                continue;
            }
            if !self.same_field(first.as_str(), second.as_str()) {
                continue;
            }
            let span = Span::new(base + second.start(), base + whole.end());
            let message = self
                .emit
                .message(&[("first", first.as_str()), ("second", second.as_str())]);
            out.push(
                Finding::new(self.emit.rule, span, message)
                    .with_help(format!("只保留“{}：”", first.as_str()))
                    .with_fix(Fix::replace(
                        Applicability::Safe,
                        Span::new(base + first.end(), base + whole.end()),
                        "：",
                    )),
            );
        }
    }

    fn same_field(&self, a: &str, b: &str) -> bool {
        self.groups
            .iter()
            .any(|g| g.iter().any(|x| x == a) && g.iter().any(|x| x == b))
    }
}

impl Checker for DuplicatedLabel {
    fn check(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = ctx.text();
        if !self.per_line {
            self.check_in(text, 0..text.len(), out);
            return;
        }
        for line in marked_lines(text, &self.colons) {
            self.check_in(text, line.span.range(), out);
        }
    }
}
