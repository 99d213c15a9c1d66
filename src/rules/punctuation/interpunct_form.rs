//! 汉字人名之间形似间隔号的符号：`马克•吐温`、`马克・吐温`
//!
//! ## 检查什么
//! 当项目符号`•`（`U+2022`）、片假名中点`・`（`U+30FB`）、连字点`‧`（`U+2027`）或项目符号运算符`∙`（`U+2219`）两侧都是汉字时，予以报告，并改为间隔号`·`（`U+00B7`）：`马克•吐温` → `马克·吐温`。
//!
//! ## 不报告的情形
//! - `·`本身；
//! - 片假名之间的`・`（日文），以及用作列表符号的`•`；
//! - 汉字之间的ASCII句点（`马克.吐温`）：它也可能是半角句号，因此留待人工审读。
//!
//! ## 修复
//! 安全修复：替换后是同一标点的标准形式。
//!
//! ## 依据
//! GB/T 15834—2011第4.14条：间隔号`·`用于分隔外国人和某些少数民族人名的各部分（`爱新觉罗·玄烨`）、书名与篇（章）名，以及以月、日表示的事件名称中的月和日（`“9·11”`）。形近的替代符号显示高低不一，并妨碍检索。

// English original of the user documentation above (developer notes):
//
// Look-alikes of the 间隔号 between Han names: `马克•吐温`, `马克・吐温`.
//
// ## What it does
// Flags the bullet `•` (U+2022), the katakana middle dot `・` (U+30FB), the
// hyphenation point `‧` (U+2027) and the bullet operator `∙` (U+2219) when
// both neighbours are Han characters, and replaces them with the 间隔号 `·`
// (U+00B7): `马克•吐温` → `马克·吐温`.
//
// ## Why
// GB/T 15834—2011 4.14: the 间隔号 `·` separates the parts of foreign and
// minority names (`爱新觉罗·玄烨`), a book and its chapter, and the month
// and day of event names (`“9·11”`). Look-alikes render at different
// heights and break search.
//
// ## What it leaves alone
// - `·` itself;
// - `・` between katakana (Japanese), `•` as a list bullet;
// - an ASCII full stop between Han characters (`马克.吐温`): it may as well
//   be a half-width 句号, so it is left to review.
//
// ## Fix safety
// Safe: the replacement is the same mark in its standard form.

use super::Needles;
use crate::fix::{Applicability, Fix};
use crate::rule::message::Emitter;
use crate::rule::{CheckContext, Checker, Finding};
use crate::rules::NativeArgs;
use crate::span::Span;
use crate::text::chars::{char_at, char_before, is_han};
use std::sync::LazyLock;

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    args.no_params()?;
    Ok(Box::new(InterpunctForm {
        base: args.emitter(),
    }))
}

struct InterpunctForm {
    base: Emitter,
}

static TRIGGERS: LazyLock<Needles> = LazyLock::new(|| Needles::new(&["•", "・", "‧", "∙"]));

impl Checker for InterpunctForm {
    fn check(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = ctx.text();
        for (m_start, m_end, _) in TRIGGERS.find_all(text) {
            let (s, e) = (m_start, m_end);
            if !(char_before(text, s).is_some_and(is_han) && char_at(text, e).is_some_and(is_han)) {
                continue;
            }
            let span = Span::new(s, e);
            self.base.push(
                out,
                span,
                &[("found", &text[s..e])],
                Some("改为间隔号“·”".into()),
                Some(Fix::replace(Applicability::Safe, span, "·")),
            );
        }
    }
}
