//! 由不换行空格或全角空格构成的行首缩进和行尾残留
//!
//! ## 检查什么
//! 报告文本行首或行尾连续的不换行空格（`U+00A0`）或全角空格（`U+3000`），并将其删除；例如从`&nbsp;&nbsp;&nbsp;&nbsp;`缩进抓取而来的`\u{a0}\u{a0}\u{a0}\u{a0}2023年3月31日…`。
//!
//! ## 不报告的情形
//! 纯文本中文文档惯用的两个全角空格段首缩进`　　`（见`allowed-indents`参数），ASCII空格和制表符，行内的空格，以及只由空格构成的行（见`boilerplate/nbsp-line`）。
//!
//! ## 修复
//! 安全修复：只删除行首行尾的不可见字符。
//!
//! ## 依据
//! 在网页中，这类字符串用于排版；复制到文本中，就成了看不见的垃圾字符，妨碍检索、比对和重新排版，也不是中文文档的段首缩进（段首缩进由排版系统添加）。

// English original of the user documentation above (developer notes):
//
// Indentation and trailing debris made of NBSP or ideographic spaces.
//
// ## What it does
// Flags runs of non-breaking spaces (U+00A0) or ideographic spaces (U+3000)
// at the start or the end of a line of text — `\u{a0}\u{a0}\u{a0}\u{a0}2023年3月31日…`
// as scraped from `&nbsp;&nbsp;&nbsp;&nbsp;` indents — and removes them.
//
// ## Why
// In a web page such runs are layout; copied into text they are invisible
// junk that breaks search, diffing and re-typesetting, and they are not the
// paragraph indent of a Chinese document (which a typesetting system adds).
//
// ## What it leaves alone
// The conventional two-ideographic-space paragraph indent `　　` of plain-text
// Chinese documents (the `allowed-indents` parameter), ASCII spaces and
// tabs, spaces inside a line, and lines that are nothing but spaces (see
// `boilerplate/nbsp-line`).
//
// ## Fix safety
// Safe: only invisible characters at the edges of a line are removed.

use super::helpers::lines::{marked_lines, marks};
use crate::fix::{Applicability, Edit, Fix};
use crate::rule::message::Emitter;
use crate::rule::params::deny_unknown_params;
use crate::rule::params::param_list;
use crate::rule::{CheckContext, Checker, Finding};
use crate::rules::NativeArgs;
use crate::span::Span;
use regex::Regex;

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    deny_unknown_params(args.params, &["allowed-indents"])?;
    Ok(Box::new(IndentDebris {
        emit: args.emitter(),
        allowed: param_list(args.params, "allowed-indents")?,
        debris: marks(&DEBRIS),
    }))
}

struct IndentDebris {
    emit: Emitter,
    allowed: Vec<String>,
    /// Finds NBSP and U+3000: only a line with one can be a finding.
    debris: Regex,
}

/// The spaces that are debris at a line's edge (ASCII spaces are not).
const DEBRIS: [char; 2] = ['\u{a0}', '\u{3000}'];

fn edge_space(c: char) -> bool {
    matches!(c, '\u{a0}' | '\u{3000}' | ' ' | '\t')
}

impl Checker for IndentDebris {
    fn check(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = ctx.text();
        for line in marked_lines(text, &self.debris) {
            let s = &text[line.span.range()];
            if s.chars().all(edge_space) {
                continue;
            }
            let body = s.trim_start_matches(edge_space);
            let lead = &s[..s.len() - body.len()];
            if lead.contains(DEBRIS) && !self.allowed.iter().any(|a| a == lead) {
                let span = Span::new(line.span.start, line.span.start + lead.len());
                out.push(self.finding(span, "行首"));
            }
            let rest = body.trim_end_matches(edge_space);
            let trail = &body[rest.len()..];
            if trail.contains(DEBRIS) {
                let span = Span::new(line.span.end - trail.len(), line.span.end);
                out.push(self.finding(span, "行尾"));
            }
        }
    }
}

impl IndentDebris {
    fn finding(&self, span: Span, place: &str) -> Finding {
        self.emit
            .at(span, &[("place", place)])
            .with_help("删除这些空白字符")
            .with_fix(Fix::new(Applicability::Safe, vec![Edit::delete(span)]))
    }
}
