//! 与文档日期不符的相对日期
//!
//! ## 检查什么
//! 对照文档日期（来自文档元数据或`--as-of`），报告以下情形：
//!
//! - 句中没有月份的单独日子`23日`，出现在发布日期早于当月23日的报道中：这一天不可能在发布当月，因此必须写明月份（`2月23日`）；
//! - 附注了明确年份但年份不符的`今年`、`去年`、`前年`、`明年`（2024年的文档中写`今年（2023年）`）。
//!
//! ## 不报告的情形
//! 落在发布当月的日子；关于将来的句子中的日子（`将于`、`计划`、`预计`、`届时`等）；周期性的日子（`每月15日`）；同一段落中前面已经出现月份之后的日子（`3月1日至5日`、`3月31日……30日，`）；以及日期不明的文档（今天的日期说明不了文本是何时写的）。
//!
//! ## 修复
//! 不提供修复：正确的月份或年份须由作者提供。
//!
//! ## 依据
//! 新闻报道只有在事件发生于发布当月时，才只写日不写月；3月5日发布的文章中写`23日`，指的是2月23日，读者却无从判断。`今年`的附注年份写错，通常是沿用了上一年的文稿。

// English original of the user documentation above (developer notes):
//
// Relative dates that disagree with the document's date.
//
// ## What it does
// Against the document's date (from its metadata or `--as-of`), flags
//
// * a bare day `23日` with no month in its sentence, in a report dated
//   before the 23rd of its month: the day cannot be in the publication
//   month, so the month must be written (`2月23日`);
// * `今年`, `去年`, `前年`, `明年` glossed with an explicit year that does
//   not match (`今年（2023年）` in a document of 2024).
//
// ## Why
// News reports date events by the day alone only when the month is that of
// publication; an article published on 5 March that says `23日` means
// February, and readers cannot tell. A wrong gloss of `今年` usually comes
// from reusing last year's text.
//
// ## What it leaves alone
// Days that fit the publication month, days in sentences about the future
// (`将于`, `计划`, `预计`, `届时`…), recurring days (`每月15日`), days after a
// month earlier in the same paragraph (`3月1日至5日`, `3月31日……30日，`), and
// documents whose date is unknown (today's date says nothing about when
// the text was written).
//
// ## Fix safety
// No fix: the right month or year has to come from the writer.

use super::{digits_after, digits_before, known_date, num, prev_char};
use crate::rule::message::Emitter;
use crate::rule::{CheckContext, Checker, Finding};
use crate::rules::NativeArgs;
use crate::span::Span;
use crate::text::needle;
use chrono::{Datelike, NaiveDate};

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    args.no_params()?;
    Ok(Box::new(RelativeDate {
        emit: args.emitter(),
    }))
}

struct RelativeDate {
    emit: Emitter,
}

const FUTURE: &[&str] = &[
    "至",
    "将",
    "拟",
    "计划",
    "预计",
    "即将",
    "届时",
    "预报",
    "安排",
    "准备",
    "开始",
    "起",
    "以后",
    "之前",
    "截至",
    "截止",
    "下月",
    "明天",
    "后天",
    "每月",
    "每年",
    "上月",
    "上个月",
    "本月",
    "前",
];

/// The sentence around byte `i`: from after the last `。！？\n` to the next.
fn sentence(text: &str, i: usize) -> Span {
    let enders = ['。', '！', '？', '\n', '；'];
    let start = text[..i].rfind(enders).map_or(0, |p| {
        p + text[p..].chars().next().map_or(1, char::len_utf8)
    });
    let end = text[i..].find(enders).map_or(text.len(), |p| i + p);
    Span::new(start, end)
}

impl RelativeDate {
    fn push(&self, out: &mut Vec<Finding>, span: Span, found: &str, reason: &str) {
        out.push(
            self.emit
                .at(span, &[("found", found), ("reason", reason)])
                .with_help("写明月份或年份"),
        );
    }

    fn bare_days(&self, text: &str, date: &dyn Fn() -> Option<NaiveDate>, out: &mut Vec<Finding>) {
        let b = text.as_bytes();
        for p in needle!("日").find_iter(b) {
            let ds = digits_before(text, p);
            if ds == p || p - ds > 2 {
                continue;
            }
            let Some(day) = num(&text[ds..p]) else {
                continue;
            };
            if day > 31 {
                continue;
            }
            if prev_char(text, ds).is_some_and(|c| {
                c.is_ascii_alphanumeric()
                    || matches!(
                        c,
                        '月' | '-'
                            | '—'
                            | '～'
                            | '~'
                            | '至'
                            | '到'
                            | '、'
                            | '和'
                            | '及'
                            | '.'
                            | '/'
                    )
            }) {
                continue;
            }
            // `10日线`, `5日均线` (moving averages), `30日内` (a span of days).
            if text[p + '日'.len_utf8()..].starts_with(['线', '均', '内']) {
                continue;
            }
            let s = sentence(text, ds);
            let sent = &text[s.range()];
            // A month earlier in the paragraph sets the context (`3月31日……30日，`).
            let para = super::line_span(text, ds);
            if text[para.start..ds].contains('月')
                || sent.contains('月')
                || FUTURE.iter().any(|w| sent.contains(w))
            {
                continue;
            }
            // The document's date last: finding it costs more than all the
            // checks above, and most days never get here.
            let Some(doc) = date() else { return };
            if day <= doc.day() {
                continue;
            }
            let span = Span::new(ds, p + '日'.len_utf8());
            let reason = format!(
                "文档日期为{}年{}月{}日，本月尚无{}日，应写明月份",
                doc.year(),
                doc.month(),
                doc.day(),
                day
            );
            self.push(out, span, &text[span.range()], &reason);
        }
    }

    fn glossed_years(
        &self,
        text: &str,
        date: &dyn Fn() -> Option<NaiveDate>,
        out: &mut Vec<Finding>,
    ) {
        let years = [
            ("今年", 0, needle!("今年")),
            ("去年", -1, needle!("去年")),
            ("前年", -2, needle!("前年")),
            ("明年", 1, needle!("明年")),
        ];
        for (word, offset, finder) in years {
            for p in finder.find_iter(text.as_bytes()) {
                let mut i = p + word.len();
                let rest = &text[i..];
                if rest.starts_with('（') || rest.starts_with('(') {
                    i += rest.chars().next().map_or(0, char::len_utf8);
                }
                let e = digits_after(text, i);
                if e - i != 4 || !text[e..].starts_with('年') {
                    continue;
                }
                let Some(y) = num(&text[i..e]) else { continue };
                let Some(doc) = date() else { return };
                let expected = doc.year() + offset;
                if y as i32 == expected {
                    continue;
                }
                let span = Span::new(p, e + '年'.len_utf8());
                let reason = format!("文档日期为{}年，“{word}”应为{expected}年", doc.year());
                self.push(out, span, &text[span.range()], &reason);
            }
        }
    }
}

impl Checker for RelativeDate {
    fn check(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        // Asked for only when a candidate needs it (see `Document::date`).
        let date = || known_date(ctx);
        let text = ctx.text();
        self.bare_days(text, &date, out);
        self.glossed_years(text, &date, out);
    }
}
