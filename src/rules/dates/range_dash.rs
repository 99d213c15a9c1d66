//! 用连字符或波浪号表示的范围：`3月30日-31日`、`2016-2020年`、`8~12℃`
//!
//! ## 检查什么
//! 报告用作日期、时间或数量范围连接号的连字符`-`、全角连字符`－`、短划线`–`以及ASCII波浪号和波浪线`~`、`〜`，并改为一字线`—`或浪纹线`～`：`2016-2020年` → `2016—2020年`，`0-24时` → `0—24时`，`8~12℃` → `8～12℃`，`8:00-12:00` → `8:00—12:00`。选用哪个符号以文档为准：如果文档的范围只用了`—`和`～`中的一种，就用那一种；否则日期和时间用`—`，数量用`～`。
//!
//! 本规则默认是体例提示（`info`）：即使在经过专业编辑的文本中，范围中的连字符也是最常见的符号形式错误（在中央电视台的文字稿中约每86,000字出现一次），且从不改变意思。如本单位体例要求更严，可在`guifan.toml`中用`severity`提高其级别。
//!
//! ## 不报告的情形
//! ISO日期（`2022-11-12`）、电话号码（`010-12345678`）、型号和代码（`波音737-800`、`ARJ21-700`、`C1-3级`、`垦利10-2油田`、`歼-20`）、发文字号（`〔2018〕59号`）、比分（`3-1获胜`）。只有当范围以带单位（年、月、日、时、%、℃、米、岁、人等）的数结尾，且其开头没有紧贴拉丁字母或数字时，才认定为范围。
//!
//! ## 修复
//! 安全修复：改变的只是连接号的形式，而不是它所连接的内容。
//!
//! ## 依据
//! GB/T 15834—2011第4.13条和GB/T 15835—2011：范围的连接号用一字线或浪纹线；短横线`-`用于连接数字、代码和复合名称的各部分（`2011-02-15`、`010-12345678`、`吐鲁番-哈密`）。

// English original of the user documentation above (developer notes):
//
// Ranges written with a hyphen or a tilde: `3月30日-31日`, `2016-2020年`, `8~12℃`.
//
// ## What it does
// Flags the hyphen `-`, the full-width hyphen `－`, the en dash `–` and the
// ASCII/wave tildes `~` `〜` used as the connector of a range of dates,
// times or quantities, and replaces them with the 一字线 `—` or the 浪纹线
// `～`: `2016-2020年` → `2016—2020年`, `0-24时` → `0—24时`,
// `8~12℃` → `8～12℃`, `8:00-12:00` → `8:00—12:00`. The mark follows the document: if it already uses
// only one of `—` and `～` for ranges, that one; otherwise `—` for dates
// and times, `～` for quantities.
//
// ## Why
// GB/T 15834—2011 4.13 and GB/T 15835—2011: the connector of a range is the
// 一字线 or the 浪纹线; the 短横线 `-` links the parts of numbers, codes and
// compounds (`2011-02-15`, `010-12345678`, `吐鲁番-哈密`).
// The rule is a style note (`info`) by default: the hyphen in ranges is the
// most common form slip even in professionally edited text (about one per
// 86,000 characters of CCTV transcripts), and never changes the meaning.
// Raise it with `severity` in `guifan.toml` for stricter house style.
//
// ## What it leaves alone
// ISO dates (`2022-11-12`), phone numbers (`010-12345678`), model numbers
// and codes (`波音737-800`, `ARJ21-700`, `C1-3级`, `垦利10-2油田`, `歼-20`),
// document numbers (`〔2018〕59号`), scores (`3-1获胜`) — a range is
// recognised only when a number with a unit (年、月、日、时、%、℃、米、岁、人…)
// closes it and nothing Latin or numeric is glued to its start.
//
// ## Fix safety
// Safe: the connector's form changes, not what it connects.

use crate::fix::{Applicability, Fix};
use crate::rule::message::Emitter;
use crate::rule::{CheckContext, Checker, Finding};
use crate::rules::NativeArgs;
use crate::span::Span;
use crate::text::needle;
use memchr::memmem;
use std::sync::LazyLock;

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    args.no_params()?;
    Ok(Box::new(RangeDash {
        emit: args.emitter(),
    }))
}

struct RangeDash {
    emit: Emitter,
}

/// Units that close a range, longest first where one is a prefix of another.
pub(crate) const UNITS: &[&str] = &[
    "平方公里",
    "平方千米",
    "平方米",
    "立方米",
    "百分点",
    "万亿",
    "千米",
    "公里",
    "厘米",
    "毫米",
    "公斤",
    "千克",
    "千瓦",
    "公顷",
    "小时",
    "分钟",
    "个月",
    "周岁",
    "美元",
    "万元",
    "亿元",
    "年",
    "月",
    "日",
    "时",
    "点",
    "分",
    "秒",
    "岁",
    "天",
    "周",
    "个",
    "人",
    "名",
    "次",
    "家",
    "万",
    "亿",
    "千",
    "元",
    "%",
    "％",
    "‰",
    "℃",
    "度",
    "米",
    "吨",
    "克",
    "斤",
    "亩",
    "倍",
    "级",
    "层",
    "所",
    "辆",
    "架",
    "艘",
    "座",
    "项",
    "种",
    "条",
    "批",
    "期",
    "届",
    "款",
    "篇",
    "部",
    "只",
    "头",
    "户",
    "位",
    "kg",
    "km",
    "cm",
    "mm",
    "m",
];

/// Units of dates and clock times: their ranges take the 一字线 by default.
pub(crate) fn is_time_unit(u: &str) -> bool {
    matches!(u, "年" | "月" | "日" | "时" | "点" | "分" | "秒")
}

/// One side of a range: its span and its unit (if any).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Operand {
    pub span: Span,
    /// End of the number (before the unit).
    pub num_end: usize,
    pub unit: Option<&'static str>,
}

/// The number (digits, optional decimal part) that ends at `end`.
fn number_ending_at(text: &str, end: usize) -> Option<usize> {
    let b = text.as_bytes();
    let mut s = super::digits_before(text, end);
    if s == end {
        return None;
    }
    if s >= 2 && b[s - 1] == b'.' && b[s - 2].is_ascii_digit() {
        s = super::digits_before(text, s - 1);
    }
    let int_len = text[s..end].split('.').next().map_or(0, str::len);
    if int_len > 4 {
        return None;
    }
    if s > 0 {
        let c = b[s - 1];
        if c.is_ascii_alphanumeric() || b"-./#_:+*".contains(&c) {
            return None;
        }
    }
    Some(s)
}

/// The left side of a connector at `p`: a number, or a number and a unit.
pub(crate) fn left_operand(text: &str, p: usize) -> Option<Operand> {
    if let Some(s) = number_ending_at(text, p) {
        return Some(Operand {
            span: Span::new(s, p),
            num_end: p,
            unit: None,
        });
    }
    let unit = UNITS.iter().find(|u| text[..p].ends_with(*u))?;
    let ne = p - unit.len();
    let s = number_ending_at(text, ne)?;
    Some(Operand {
        span: Span::new(s, p),
        num_end: ne,
        unit: Some(unit),
    })
}

/// The right side of a connector ending at `q`: a number followed by a unit.
pub(crate) fn right_operand(text: &str, q: usize) -> Option<Operand> {
    let b = text.as_bytes();
    let mut e = super::digits_after(text, q);
    if e == q || e - q > 4 {
        return None;
    }
    if b.get(e) == Some(&b'.') && b.get(e + 1).is_some_and(u8::is_ascii_digit) {
        e = super::digits_after(text, e + 1);
    }
    let unit = UNITS.iter().find(|u| text[e..].starts_with(*u))?;
    let ue = e + unit.len();
    // `2-3m` but not `2-3min`, `3-5kg` but not `3-5kgs`.
    if unit.is_ascii() && b.get(ue).is_some_and(u8::is_ascii_alphanumeric) {
        return None;
    }
    Some(Operand {
        span: Span::new(q, ue),
        num_end: e,
        unit: Some(unit),
    })
}

/// A clock time `H:MM` ending at `end`: its start.
fn clock_before(text: &str, end: usize) -> Option<usize> {
    let b = text.as_bytes();
    let ms = super::digits_before(text, end);
    if end - ms != 2 || ms < 2 || b[ms - 1] != b':' {
        return None;
    }
    let hs = super::digits_before(text, ms - 1);
    let h = ms - 1 - hs;
    if !(1..=2).contains(&h) || hs > 0 && (b[hs - 1].is_ascii_alphanumeric() || b[hs - 1] == b':') {
        return None;
    }
    Some(hs)
}

/// A range of clock times, `8:00-12:00`: both sides, or `None`.
fn clock_range(text: &str, p: usize, q: usize) -> Option<(Operand, Operand)> {
    let ls = clock_before(text, p)?;
    let b = text.as_bytes();
    let he = super::digits_after(text, q);
    if !(1..=2).contains(&(he - q)) || b.get(he) != Some(&b':') {
        return None;
    }
    let me = super::digits_after(text, he + 1);
    if me - he - 1 != 2
        || b.get(me)
            .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b':')
    {
        return None;
    }
    let left = Operand {
        span: Span::new(ls, p),
        num_end: p,
        unit: None,
    };
    let right = Operand {
        span: Span::new(q, me),
        num_end: me,
        unit: Some("时"),
    };
    Some((left, right))
}

/// Connectors that are not the range marks of the norm.
const WRONG: &[&str] = &["-", "－", "–", "﹣", "~", "〜"];

/// The multi-byte connectors of [`WRONG`], each with its searcher (the
/// one-byte ones are found with `memchr2`).
static WIDE_WRONG: LazyLock<Vec<(&str, memmem::Finder<'static>)>> = LazyLock::new(|| {
    WRONG
        .iter()
        .filter(|w| w.len() > 1)
        .map(|w| (*w, memmem::Finder::new(w.as_bytes())))
        .collect()
});

/// The range mark the document already uses, if it uses only one.
pub(crate) fn document_range_mark(text: &str) -> Option<char> {
    let count = |mark: &str, finder: &memmem::Finder<'_>| {
        finder
            .find_iter(text.as_bytes())
            .filter(|&p| {
                let q = p + mark.len();
                !text[..p].ends_with('—')
                    && !text[q..].starts_with('—')
                    && left_operand(text, p).is_some()
                    && right_operand(text, q).is_some()
            })
            .count()
    };
    match (count("—", needle!("—")), count("～", needle!("～"))) {
        (0, 0) => None,
        (_, 0) => Some('—'),
        (0, _) => Some('～'),
        _ => None,
    }
}

impl Checker for RangeDash {
    fn check(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = ctx.text();
        let b = text.as_bytes();
        let mut hits: Vec<(usize, &str)> = Vec::new();
        for p in memchr::memchr2_iter(b'-', b'~', b) {
            hits.push((p, &text[p..p + 1]));
        }
        for (w, finder) in WIDE_WRONG.iter() {
            hits.extend(finder.find_iter(b).map(|p| (p, *w)));
        }
        if hits.is_empty() {
            return;
        }
        hits.sort_unstable();
        let mut style: Option<Option<char>> = None;
        for (p, mark) in hits {
            let q = p + mark.len();
            let (left, right) = match (left_operand(text, p), right_operand(text, q)) {
                (Some(l), Some(r)) => (l, r),
                _ => match clock_range(text, p, q) {
                    Some(lr) => lr,
                    None => continue,
                },
            };
            // `1-2-3年` and `2022-11-12` chains are codes, not ranges.
            if text[right.span.end..].starts_with(['-', '－']) {
                continue;
            }
            let doc = *style.get_or_insert_with(|| document_range_mark(text));
            let unit = right.unit.unwrap_or("");
            let expected = if mark == "~" || mark == "〜" {
                '～'
            } else {
                doc.unwrap_or(if is_time_unit(unit) { '—' } else { '～' })
            };
            let span = Span::new(p, q);
            let whole = Span::new(left.span.start, right.span.end);
            out.push(
                self.emit
                    .at(
                        span,
                        &[
                            ("found", mark),
                            ("expected", &expected.to_string()),
                            ("range", &text[whole.range()]),
                        ],
                    )
                    .with_help(format!("改为“{expected}”"))
                    .with_fix(Fix::replace(
                        Applicability::Safe,
                        span,
                        expected.to_string(),
                    )),
            );
        }
    }
}
