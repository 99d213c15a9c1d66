//! 日期中表示“日”的口语用字“号”：`5月8号`
//!
//! ## 检查什么
//! 报告以`号`结尾的月日日期，并建议改为`日`：`5月8号召开` → `5月8日召开`，`五月八号` → `五月八日`。
//!
//! ## 不报告的情形
//! 用于编号而不是表示日子的`号`：`号`之后紧跟线、楼、院、文、令、车、位等名词时，即使前面有月份也不报告（`5月1号线路调整`）；`1号线`、`3号楼`、发文字号（`〔2018〕59号`）以及前面没有月份的其他`N号`，都不是日期。
//!
//! ## 修复
//! 不安全修复：在引语中，口语形式可能是有意保留的。
//!
//! ## 依据
//! 用`号`表示日子是口语说法；书面的公文和新闻稿件用`日`（见GB/T 15835—2011中的示例，以及GB/T 9704—2012第7.3.5条关于成文日期的规定）。

// English original of the user documentation above (developer notes):
//
// Colloquial `号` for the day of a date: `5月8号`.
//
// ## What it does
// Flags a month–day date whose day ends in `号` and offers `日`:
// `5月8号召开` → `5月8日召开`, `五月八号` → `五月八日`.
//
// ## Why
// `号` for the day is spoken Chinese; written official and news prose uses
// `日` (GB/T 15835—2011 examples, GB/T 9704—2012 7.3.5 成文日期).
//
// ## What it leaves alone
// `号` that numbers things rather than days: a `号` followed by a noun such
// as 线、楼、院、文、令、车、位 stays even after a month (`5月1号线路调整`);
// `1号线`, `3号楼`, document numbers (`〔2018〕59号`) and any other `N号`
// not preceded by a month are never dates.
//
// ## Fix safety
// Unsafe: in a quotation the spoken form may be intended.

use super::{cn_month_date, month_dates, next_char};
use crate::fix::{Applicability, Fix};
use crate::rule::message::Emitter;
use crate::rule::{CheckContext, Checker, Finding};
use crate::rules::NativeArgs;
use crate::span::Span;
use crate::text::needle;

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    args.no_params()?;
    Ok(Box::new(ColloquialHao {
        emit: args.emitter(),
    }))
}

struct ColloquialHao {
    emit: Emitter,
}

/// Nouns that make `N号` a serial number, not a day.
const NUMBERED_THINGS: &str = "线楼院馆门文令机车房位台店字码坑井桥口路街巷舱窗厅厂仓柜箱球站桩泊场栋室床洞堆墩孔罐炉舰艇星船键牌卡章件展桌池段区桶道岛仓卫通";

impl ColloquialHao {
    fn report(&self, ctx: &CheckContext<'_>, span: Span, out: &mut Vec<Finding>) {
        let text = ctx.text();
        if next_char(text, span.end).is_some_and(|c| NUMBERED_THINGS.contains(c)) {
            return;
        }
        let hao = Span::new(span.end - '号'.len_utf8(), span.end);
        let found = &text[span.range()];
        let expected = format!("{}日", &text[span.start..hao.start]);
        out.push(
            self.emit
                .at(span, &[("found", found), ("expected", &expected)])
                .with_help(format!("改为“{expected}”"))
                .with_fix(Fix::replace(Applicability::Unsafe, hao, "日")),
        );
    }
}

impl Checker for ColloquialHao {
    fn check(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = ctx.text();
        for md in month_dates(text) {
            if md
                .day
                .is_some_and(|(d, _, mark)| mark == '号' && (1..=31).contains(&d))
                && (1..=12).contains(&md.month)
            {
                self.report(ctx, md.span, out);
            }
        }
        for p in needle!("月").find_iter(text.as_bytes()) {
            if let Some(cd) = cn_month_date(text, p) {
                if cd.day.is_some() && text[..cd.span.end].ends_with('号') {
                    self.report(ctx, cd.span, out);
                }
            }
        }
    }
}
