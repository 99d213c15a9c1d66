//! 使用全角冒号的时刻：`10：49`
//!
//! ## 检查什么
//! 报告时刻中位于时与分之间的全角冒号`：`，并改为半角`:`：`晚上22：30` → `晚上22:30`，`10：49：30` → `10:49:30`。
//!
//! ## 不报告的情形
//! 比分（`以86：76战胜`、`3：1获胜`、`比分2：0`）；比例和比例尺（`比例为1：50`、`1：500`、`1：50万`）；任何不是一天中时刻的情形（时数大于24、分数大于59、分钟只有一位）；全角数字（`１６：３２`，由标点规则族的`fullwidth-alphanumeric`处理）。
//!
//! ## 修复
//! 安全修复：只改变冒号的宽度。
//!
//! ## 依据
//! 时刻是用阿拉伯数字书写的数，应使用半角标点（GB/T 15835—2011；1995年版第5.1.2条注：`15:40`）。全角冒号是中文点号，会在数字内部留下空隙。

// English original of the user documentation above (developer notes):
//
// Clock times with a full-width colon: `10：49`.
//
// ## What it does
// Flags a full-width colon `：` between the hours and minutes of a clock
// time and replaces it with the half-width `:`: `晚上22：30` → `晚上22:30`,
// `10：49：30` → `10:49:30`.
//
// ## Why
// Clock times are numbers in Arabic numerals and take half-width marks
// (GB/T 15835—2011; 1995 edition 5.1.2 注: `15:40`); the full-width colon is
// a Chinese 点号 and leaves a gap inside the number.
//
// ## What it leaves alone
// Scores (`以86：76战胜`, `3：1获胜`, `比分2：0`), ratios and scales
// (`比例为1：50`, `1：500`, `1：50万`), anything that is not a time of day
// (hours above 24, minutes above 59, a single-digit minute), and full-width
// digits (`１６：３２`, the punctuation family's `fullwidth-alphanumeric`).
//
// ## Fix safety
// Safe: only the width of the colon changes.

use super::{digits_after, digits_before, num, prev_char};
use crate::fix::{Applicability, Edit, Fix};
use crate::rule::message::Emitter;
use crate::rule::{CheckContext, Checker, Finding};
use crate::rules::NativeArgs;
use crate::span::Span;
use crate::text::needle;

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    args.no_params()?;
    Ok(Box::new(FullwidthTimeColon {
        emit: args.emitter(),
    }))
}

struct FullwidthTimeColon {
    emit: Emitter,
}

const COLON: &str = "：";

/// Words after `a：b` that make it a score.
const SCORE_AFTER: &[&str] = &[
    "战胜",
    "击败",
    "获胜",
    "取胜",
    "胜",
    "负",
    "落败",
    "力克",
    "大胜",
    "告负",
    "险胜",
    "不敌",
    "输",
    "赢",
    "打败",
    "逆转",
    "淘汰",
    "战平",
    "平",
    "的比分",
    "的总比分",
    "比分",
    "领先",
    "结束",
    "拿下",
    "晋级",
    "零封",
    "横扫",
];
/// Words shortly before `a：b` that make it a score or a ratio.
const SCORE_BEFORE: &[&str] = &[
    "比分", "比例", "比为", "比率", "配比", "之比", "以", "比赛", "局", "盘",
];

impl Checker for FullwidthTimeColon {
    fn check(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = ctx.text();
        let b = text.as_bytes();
        let mut skip_until = 0;
        for p in needle!(COLON).find_iter(b) {
            if p < skip_until {
                continue;
            }
            let hs = digits_before(text, p);
            let ms = p + COLON.len();
            let me = digits_after(text, ms);
            if hs == p || p - hs > 2 || me - ms != 2 {
                continue;
            }
            if hs > 0 && matches!(b[hs - 1], b'.' | b':') {
                continue;
            }
            let (Some(h), Some(m)) = (num(&text[hs..p]), num(&text[ms..me])) else {
                continue;
            };
            if h > 24 || m > 59 {
                continue;
            }
            // Seconds: `10：49：30`.
            let mut colons = vec![p];
            let mut end = me;
            if text[me..].starts_with(COLON) {
                let se = digits_after(text, me + COLON.len());
                if se - me - COLON.len() == 2
                    && num(&text[me + COLON.len()..se]).is_some_and(|s| s <= 59)
                {
                    colons.push(me);
                    end = se;
                }
            }
            let rest = &text[end..];
            if rest.starts_with(|c: char| c.is_ascii_digit() || c == '.' || c == '万' || c == '：')
            {
                continue;
            }
            if SCORE_AFTER.iter().any(|w| rest.starts_with(w)) {
                continue;
            }
            let mut ws = hs.saturating_sub(12);
            while !text.is_char_boundary(ws) {
                ws += 1;
            }
            let window = &text[ws..hs];
            if SCORE_BEFORE.iter().any(|w| window.contains(w)) {
                continue;
            }
            // `1：2：3` ratios with more parts.
            if prev_char(text, hs) == Some('：') {
                continue;
            }
            skip_until = end;
            let span = Span::new(hs, end);
            let found = &text[span.range()];
            let expected = found.replace(COLON, ":");
            out.push(
                self.emit
                    .at(span, &[("found", found), ("expected", &expected)])
                    .with_help(format!("改为“{expected}”"))
                    .with_fix(Fix::new(
                        Applicability::Safe,
                        colons
                            .iter()
                            .map(|&c| Edit::replace(Span::new(c, c + COLON.len()), ":"))
                            .collect(),
                    )),
            );
        }
    }
}
