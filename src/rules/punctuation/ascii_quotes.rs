//! 中文文本中的直引号`"…"`和`'…'`
//!
//! ## 检查什么
//! 逐行按顺序配对ASCII双引号（第一个为前引号，第二个为后引号，依此类推）；当一行中的每个`"`都能配对时，把属于中文文本的每一对改为`“…”`。所谓属于中文文本，是指引号内含有汉字，或者紧挨引号外侧的是汉字或全角标点（`"武汉农业农村"微信公众号` → `“武汉农业农村”微信公众号`）。ASCII单引号同样处理，改为`‘…’`，但仅限于引号内含有汉字的情形（`他说“要做到'三个必须'”`）。
//!
//! ## 不报告的情形
//! - 一行中`"`的个数为奇数（英寸符号，或引文跨行延续）：此时配对只能靠猜；
//! - 两侧都没有中文的英文引语（`He said "yes" then.`）；
//! - 字母之间的撇号（`don't`、`China's`），以及单引号无法配对的行；
//! - 网址、电子邮件地址和代码。
//!
//! ## 修复
//! 安全修复：每对引号作为一对转换，引文的结构保持不变。
//!
//! ## 依据
//! GB/T 15834—2011第4.4条（引号）：中文使用弯引号`“”`和`‘’`。直引号来自键盘输入和网页抓取，并非标准规定的形式。

// English original of the user documentation above (developer notes):
//
// Straight ASCII quotes `"…"` and `'…'` around Chinese text.
//
// ## What it does
// On each line, pairs the ASCII double quotes in order (first opens,
// second closes, …) and, when every `"` of the line finds a partner,
// replaces each pair that belongs to Chinese text with `“…”`: the quoted
// text holds a Han character, or a Han character or full-width mark sits
// right outside it (`"武汉农业农村"微信公众号` → `“武汉农业农村”微信公众号`).
// ASCII single quotes are treated the same way and become `‘…’`, but only
// when the quoted text holds a Han character (`他说“要做到'三个必须'”`).
//
// ## Why
// GB/T 15834—2011 4.4 (引号) gives Chinese text the curly quotes “ ” and
// ‘ ’; straight quotes come from keyboards and scrapers, not from the norm.
//
// ## What it leaves alone
// - a line with an odd number of `"` (inch marks, a quotation that runs on
//   to the next line: pairing would be a guess);
// - quoted English with no Chinese on either side (`He said "yes" then.`);
// - apostrophes between letters (`don't`, `China's`), and any line whose
//   single quotes do not pair up;
// - URLs, e-mail addresses, code.
//
// ## Fix safety
// Safe: each pair is converted as a pair, so the quotation keeps its shape.

use crate::fix::{Applicability, Edit, Fix};
use crate::rule::message::Emitter;
use crate::rule::{CheckContext, Checker, Finding};
use crate::rules::NativeArgs;
use crate::span::Span;
use crate::text::chars::{char_at, char_before, is_cjk, is_han};

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    args.no_params()?;
    Ok(Box::new(AsciiQuotes {
        base: args.emitter(),
    }))
}

struct AsciiQuotes {
    base: Emitter,
}

impl AsciiQuotes {
    fn line(&self, text: &str, start: usize, end: usize, q: u8, out: &mut Vec<Finding>) {
        let bytes = &text.as_bytes()[start..end];
        let mut marks: Vec<usize> = memchr::memchr_iter(q, bytes).map(|p| start + p).collect();
        if q == b'\'' {
            // Apostrophes between letters are not quotes.
            marks.retain(|&i| {
                !(char_before(text, i).is_some_and(|c| c.is_ascii_alphabetic())
                    && char_at(text, i + 1).is_some_and(|c| c.is_ascii_alphabetic()))
            });
        }
        if marks.is_empty() || marks.len() % 2 == 1 {
            return;
        }
        let (open_q, close_q) = if q == b'"' {
            ("“", "”")
        } else {
            ("‘", "’")
        };
        for pair in marks.chunks(2) {
            let (a, b) = (pair[0], pair[1]);
            let inner = &text[a + 1..b];
            let inner_han = inner.chars().any(is_han);
            let outer = char_before(text, a).is_some_and(is_cjk)
                || char_at(text, b + 1).is_some_and(is_cjk);
            let chinese = if q == b'"' {
                inner_han || (outer && !inner.trim().is_empty())
            } else {
                inner_han
            };
            if !chinese {
                continue;
            }
            let fix = Fix::new(
                Applicability::Safe,
                vec![
                    Edit::replace(Span::new(a, a + 1), open_q),
                    Edit::replace(Span::new(b, b + 1), close_q),
                ],
            );
            let found = if q == b'"' { "\"…\"" } else { "'…'" };
            let expected = format!("{open_q}…{close_q}");
            self.base.push(
                out,
                Span::new(a, b + 1),
                &[("expected", &expected), ("found", found)],
                Some(format!("改为“{open_q}{inner}{close_q}”")),
                Some(fix),
            );
        }
    }
}

impl Checker for AsciiQuotes {
    fn check(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = ctx.text();
        let bytes = text.as_bytes();
        for q in [b'"', b'\''] {
            let mut next_line = 0;
            for p in memchr::memchr_iter(q, bytes) {
                if p < next_line {
                    continue;
                }
                let start = memchr::memrchr(b'\n', &bytes[..p]).map_or(0, |s| s + 1);
                let end = memchr::memchr(b'\n', &bytes[p..]).map_or(bytes.len(), |e| p + e);
                self.line(text, start, end, q, out);
                next_line = end;
            }
        }
    }
}
