//! 只由不可见空白（不换行空格、`U+3000`、零宽字符）构成的行
//!
//! ## 检查什么
//! 报告看似空白、实际含有不换行空格、全角空格或零宽字符的行，并将其清空；这些行是`<p>&nbsp;</p>`占位段落和复制时丢失的图片留下的残迹。
//!
//! ## 不报告的情形
//! 真正的空行，以及只含ASCII空格或制表符的行（普通的行尾空白，交由编辑器处理）。
//!
//! ## 修复
//! 安全修复：删除不可见字符后留下一个空行，因此分段不变。
//!
//! ## 依据
//! 对软件来说，这样的行并不是空行：它会割裂段落，使合并空行的处理失效，在编辑器中还会显示为多余的缩进。

// English original of the user documentation above (developer notes):
//
// Lines made only of invisible spaces (NBSP, U+3000, zero-width).
//
// ## What it does
// Flags lines that look blank but contain non-breaking spaces, ideographic
// spaces or zero-width characters — the remains of `<p>&nbsp;</p>` spacer
// paragraphs and of images that did not survive copying — and empties them.
//
// ## Why
// Such a line is not blank to software: it splits paragraphs, defeats
// blank-line collapsing, and shows up as stray indentation in editors.
//
// ## What it leaves alone
// Truly blank lines and lines with only ASCII spaces or tabs (ordinary
// trailing whitespace, left to editors).
//
// ## Fix safety
// Safe: the invisible characters are removed and an empty line remains, so
// paragraph breaks are unchanged.

use super::helpers::lines::{marked_lines, marks};
use crate::fix::{Applicability, Edit, Fix};
use crate::rule::message::Emitter;
use crate::rule::{CheckContext, Checker, Finding};
use crate::rules::NativeArgs;
use regex::Regex;

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    args.no_params()?;
    Ok(Box::new(NbspLine {
        emit: args.emitter(),
        invisible: marks(&INVISIBLE),
    }))
}

struct NbspLine {
    emit: Emitter,
    /// Finds the invisible characters: only a line with one can be a finding.
    invisible: Regex,
}

const INVISIBLE: [char; 7] = [
    '\u{a0}', '\u{3000}', '\u{200b}', '\u{200c}', '\u{200d}', '\u{2060}', '\u{feff}',
];

fn invisible(c: char) -> bool {
    INVISIBLE.contains(&c)
}

impl Checker for NbspLine {
    fn check(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = ctx.text();
        // Only a line with an invisible character can be one.
        for line in marked_lines(text, &self.invisible) {
            let s = &text[line.span.range()];
            if !s.chars().all(|c| invisible(c) || c == ' ' || c == '\t') {
                continue;
            }
            out.push(
                self.emit
                    .at(line.span, &[])
                    .with_help("清空这一行")
                    .with_fix(Fix::new(Applicability::Safe, vec![Edit::delete(line.span)])),
            );
        }
    }
}
