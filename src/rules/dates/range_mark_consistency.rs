//! 同一文档中同类范围既用`—`又用`～`
//!
//! ## 检查什么
//! 分别收集文档中的日期和时间范围（`3月30日—31日`、`8—10时`）与数量范围（`3～5天`、`15%～30%`）；如果同一类范围既用了一字线`—`，又用了浪纹线`～`，就报告使用较少见符号的那些范围（两者数量相同时，报告不是该类常用符号的那一种：日期和时间常用`—`，数量常用`～`）。
//!
//! ## 不报告的情形
//! 每类范围只用一种符号的文档，包括日期用`—`、数量用`～`这种常见且正确的做法；以及破折号`——`。
//!
//! ## 修复
//! 不安全修复：文档应统一用哪个符号，属于本单位体例的选择。
//!
//! ## 依据
//! GB/T 15834—2011第4.13条倾向于时间和地域范围用一字线、数值范围用浪纹线，而GB/T 15835—2011允许数值范围任用其一；两种都对，但同一文档中同类范围不应来回切换。

// English original of the user documentation above (developer notes):
//
// Ranges of one kind written with both `—` and `～` in one document.
//
// ## What it does
// Collects the ranges of the document — date and time ranges (`3月30日—31日`,
// `8—10时`) and quantity ranges (`3～5天`, `15%～30%`) separately — and,
// where one kind uses both the 一字线 `—` and the 浪纹线 `～`, flags the
// ranges that use the less common mark (on a tie, the mark that is not
// the usual one for that kind: `—` for dates and times, `～` for quantities).
//
// ## Why
// GB/T 15834—2011 4.13 prefers the 一字线 for ranges of time and place and
// the 浪纹线 for numeric ranges, while GB/T 15835—2011 allows either for
// numbers; both are right, but one document should not switch between them
// for the same kind of range.
//
// ## What it leaves alone
// Documents that keep one mark per kind — including the common and correct
// `—` for dates with `～` for quantities — and `——` dashes.
//
// ## Fix safety
// Unsafe: which mark the document should settle on is a house-style choice.

use super::range_dash::{is_time_unit, left_operand, right_operand};
use crate::fix::{Applicability, Fix};
use crate::rule::message::Emitter;
use crate::rule::{CheckContext, Checker, Finding};
use crate::rules::NativeArgs;
use crate::span::Span;
use crate::text::needle;

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    args.no_params()?;
    Ok(Box::new(RangeMarkConsistency {
        emit: args.emitter(),
    }))
}

struct RangeMarkConsistency {
    emit: Emitter,
}

impl Checker for RangeMarkConsistency {
    fn check(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = ctx.text();
        let b = text.as_bytes();
        // (position, mark, is a time range)
        let mut ranges: Vec<(usize, char, bool)> = Vec::new();
        for (mark, m, finder) in [('—', "—", needle!("—")), ('～', "～", needle!("～"))] {
            for p in finder.find_iter(b) {
                let q = p + m.len();
                if text[..p].ends_with('—') || text[q..].starts_with('—') {
                    continue;
                }
                if left_operand(text, p).is_none() {
                    continue;
                }
                let Some(right) = right_operand(text, q) else {
                    continue;
                };
                ranges.push((p, mark, is_time_unit(right.unit.unwrap_or(""))));
            }
        }
        for time in [true, false] {
            let dash = ranges.iter().filter(|r| r.2 == time && r.1 == '—').count();
            let tilde = ranges.iter().filter(|r| r.2 == time && r.1 == '～').count();
            if dash == 0 || tilde == 0 {
                continue;
            }
            let keep = match dash.cmp(&tilde) {
                std::cmp::Ordering::Greater => '—',
                std::cmp::Ordering::Less => '～',
                std::cmp::Ordering::Equal if time => '—',
                std::cmp::Ordering::Equal => '～',
            };
            for &(p, mark, _) in ranges.iter().filter(|r| r.2 == time && r.1 != keep) {
                let span = Span::new(p, p + mark.len_utf8());
                out.push(
                    self.emit
                        .at(
                            span,
                            &[
                                ("found", &mark.to_string()),
                                ("expected", &keep.to_string()),
                                ("kind", if time { "日期、时间" } else { "数值" }),
                            ],
                        )
                        .with_help(format!("统一为“{keep}”"))
                        .with_fix(Fix::replace(Applicability::Unsafe, span, keep.to_string())),
                );
            }
        }
    }
}
