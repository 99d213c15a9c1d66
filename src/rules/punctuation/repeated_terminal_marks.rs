//! 连续的问号或叹号：`？？`、`！！！`
//!
//! ## 检查什么
//! 把两个及以上连续的相同`？`或`！`（全角或半角）作为提示信息报告，不提供修复。
//!
//! ## 不报告的情形
//! 单个标点，以及GB/T 15834允许的混合连用`？！`和`！？`。
//!
//! ## 修复
//! 不提供修复：是否保留强调语气，由作者决定。
//!
//! ## 依据
//! GB/T 15834—2011第4.2条和第4.3条允许叠用问号和叹号以表达强烈感情，但公文和新闻稿件只用一个；连续重复值得再看一眼，但不宜自动修改。

// English original of the user documentation above (developer notes):
//
// Runs of question or exclamation marks: `？？`, `！！！`.
//
// ## What it does
// Reports two or more identical `？` or `！` in a row (full- or half-width)
// as information, without a fix.
//
// ## Why
// GB/T 15834—2011 4.2 and 4.3 allow stacked question and exclamation marks
// for strong feeling, but official and news prose keeps to one; a run is
// worth a second look, not an automatic change.
//
// ## What it leaves alone
// A single mark, and the mixed pair `？！` / `！？` that GB/T 15834 allows.
//
// ## Fix safety
// No fix: whether the emphasis stays is the writer's call.

use super::Needles;
use crate::rule::message::Emitter;
use crate::rule::{CheckContext, Checker, Finding};
use crate::rules::NativeArgs;
use crate::span::Span;
use std::sync::LazyLock;

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    args.no_params()?;
    Ok(Box::new(RepeatedTerminalMarks {
        base: args.emitter(),
    }))
}

struct RepeatedTerminalMarks {
    base: Emitter,
}

static TRIGGERS: LazyLock<Needles> = LazyLock::new(|| Needles::new(&["？？", "！！", "??", "!!"]));

impl Checker for RepeatedTerminalMarks {
    fn check(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = ctx.text();
        let mut next = 0;
        for (m_start, m_end, _) in TRIGGERS.find_all(text) {
            if m_start < next {
                continue;
            }
            let unit = &text[m_start..m_start + (m_end - m_start) / 2];
            let mut e = m_start;
            while text[e..].starts_with(unit) {
                e += unit.len();
            }
            next = e;
            // Half-width runs count only in Chinese text (the width rule converts them).
            if unit.len() == 1
                && !crate::text::chars::prev_non_space(text, m_start)
                    .is_some_and(crate::text::chars::is_cjk)
            {
                continue;
            }
            let span = Span::new(m_start, e);
            self.base.push(
                out,
                span,
                &[("found", &text[span.range()])],
                Some("正式文稿中一般只用一个".into()),
                None,
            );
        }
    }
}
