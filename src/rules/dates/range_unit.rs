//! 只在后一个数上标出`%`、`万`或`亿`的范围：`15～30%`
//!
//! ## 检查什么
//! 如果范围的后一个数带有`%`、`‰`、`万`、`亿`或`万亿`，而前一个数什么也没带，就予报告，并把符号或数量级复制到前一个数上：`15～30%` → `15%～30%`，`9～16亿` → `9亿～16亿`，`13—17万元` → `13万—17万元`。
//!
//! ## 不报告的情形
//! 可以共用的单位（`3～5天`、`8～12℃`、`100～150kg`、`2016—2020年`）；已经完整书写的范围（`15%～30%`）；破折号`——`。
//!
//! ## 修复
//! 安全修复：范围表达的仍是原意，只是不再有歧义。
//!
//! ## 依据
//! GB/T 15835—2011规定，表示范围时写作`15%～30%（不写为15～30%）`、`9亿～16亿（不写为9～16亿）`、`13万元～17万元（不写为13～17万元）`。缺少符号或数量级，前一个数会被读作单纯的15或9。

// English original of the user documentation above (developer notes):
//
// Ranges that write `%`, `万` or `亿` on the second number only: `15～30%`.
//
// ## What it does
// Flags a range whose second number carries `%`, `‰`, `万`, `亿` or `万亿`
// while the first carries nothing, and copies the sign or magnitude to the
// first: `15～30%` → `15%～30%`, `9～16亿` → `9亿～16亿`,
// `13—17万元` → `13万—17万元`.
//
// ## Why
// GB/T 15835—2011: in a range, “15%～30%（不写为15～30%）”, “9亿～16亿（不写为
// 9～16亿）”, “13万元～17万元（不写为13～17万元）”. Without the sign or the
// magnitude, the first number reads as a plain 15 or 9.
//
// ## What it leaves alone
// Units that may be shared (`3～5天`, `8～12℃`, `100～150kg`, `2016—2020年`),
// ranges already written in full (`15%～30%`), and `——` dashes.
//
// ## Fix safety
// Safe: the range means what it was meant to mean, now unambiguously.

use super::range_dash::{left_operand, right_operand};
use crate::fix::{Edit, Fix};
use crate::rule::message::Emitter;
use crate::rule::{CheckContext, Checker, Finding};
use crate::rules::NativeArgs;
use crate::span::Span;
use crate::text::needle;

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    args.no_params()?;
    Ok(Box::new(RangeUnit {
        emit: args.emitter(),
    }))
}

struct RangeUnit {
    emit: Emitter,
}

const CONNECTORS: &[&str] = &["～", "—", "-", "~", "〜", "－", "–", "至"];

impl Checker for RangeUnit {
    fn check(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = ctx.text();
        let b = text.as_bytes();
        let units = [
            ("%", needle!("%")),
            ("％", needle!("％")),
            ("‰", needle!("‰")),
            ("万", needle!("万")),
            ("亿", needle!("亿")),
        ];
        for (unit, finder) in units {
            for u in finder.find_iter(b) {
                let ns = super::digits_before(text, u);
                if ns == u {
                    continue;
                }
                let mut ns = ns;
                if ns >= 2 && b[ns - 1] == b'.' && b[ns - 2].is_ascii_digit() {
                    ns = super::digits_before(text, ns - 1);
                }
                let Some(conn) = CONNECTORS.iter().find(|c| text[..ns].ends_with(*c)) else {
                    continue;
                };
                let p = ns - conn.len();
                if *conn == "—" && text[..p].ends_with('—') {
                    continue;
                }
                let Some(left) = left_operand(text, p) else {
                    continue;
                };
                let Some(right) = right_operand(text, ns) else {
                    continue;
                };
                if left.unit.is_some() || right.num_end != u {
                    continue;
                }
                // The magnitude to copy: `万亿` as a whole, `万` of `万元`.
                let magnitude = if text[u..].starts_with("万亿") {
                    "万亿"
                } else {
                    unit
                };
                if unit == "亿" && text[..u].ends_with('万') {
                    continue;
                }
                let span = Span::new(left.span.start, u + magnitude.len());
                let found = &text[span.range()];
                let expected = format!(
                    "{}{magnitude}{}",
                    &text[left.span.range()],
                    &text[p..u + magnitude.len()]
                );
                out.push(
                    self.emit
                        .at(
                            span,
                            &[
                                ("found", found),
                                ("expected", &expected),
                                ("unit", magnitude),
                            ],
                        )
                        .with_help(format!("改为“{expected}”"))
                        .with_fix(Fix::safe(vec![Edit::insert(left.span.end, magnitude)])),
                );
            }
        }
    }
}
