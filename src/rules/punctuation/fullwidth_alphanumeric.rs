//! 全角数字和拉丁字母：`１２３`、`ＡＢＣ`
//!
//! ## 检查什么
//! 报告连续的全角数字和字母（`U+FF10`至`U+FF19`、`U+FF21`至`U+FF3A`、`U+FF41`至`U+FF5A`），并改为对应的ASCII字符：`１０００元` → `1000元`，`ＧＤＰ` → `GDP`。
//!
//! ## 不报告的情形
//! 全角标点（由其他规则判断）和全角空格（由`punctuation/space-between-han`、`punctuation/space-around-fullwidth`处理）。
//!
//! 汉字数字年份中的全角零（`二００一年`）代表的是“〇”，改成半角 `0`（`二00一年`）仍是错的：
//! 这类零与汉字数字相邻时本规则不报告，交由 `dates/chinese-year-zero` 建议改为“〇”。
//!
//! ## 修复
//! 安全修复：替换后是同一字符的标准宽度形式。
//!
//! ## 依据
//! GB/T 15835—2011（出版物上数字用法）规定阿拉伯数字用半角，中文文本中的拉丁字母也用其正常（比例宽度）形式；全角形式来自处于全角状态的输入法，还会妨碍检索（`２０２４`检索不到`2024`）。

// English original of the user documentation above (developer notes):
//
// Full-width digits and Latin letters: `１２３`, `ＡＢＣ`.
//
// ## What it does
// Flags runs of full-width digits and letters (U+FF10–FF19, U+FF21–FF3A,
// U+FF41–FF5A) and replaces them with their ASCII forms:
// `１０００元` → `1000元`, `ＧＤＰ` → `GDP`.
//
// ## Why
// GB/T 15835—2011 (出版物上数字用法) writes Arabic numerals half-width, and
// Latin letters in Chinese text are set in their normal (proportional) form;
// full-width forms come from an input method left in full-width mode. They
// also defeat search (`２０２４` does not match `2024`).
//
// ## What it leaves alone
// Full-width punctuation (other rules decide it) and the ideographic space
// (`punctuation/space-between-han`, `punctuation/space-around-fullwidth`).
//
// ## Fix safety
// Safe: the replacement is the same character in its standard width.

use crate::fix::{Applicability, Fix};
use crate::rule::message::Emitter;
use crate::rule::{CheckContext, Checker, Finding};
use crate::rules::NativeArgs;
use crate::span::Span;

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    args.no_params()?;
    Ok(Box::new(FullwidthAlphanumeric {
        base: args.emitter(),
    }))
}

struct FullwidthAlphanumeric {
    base: Emitter,
}

/// The ASCII form of a full-width letter or digit. All of them are encoded
/// EF BC 90–99 / EF BC A1–BA / EF BD 81–9A.
fn halfwidth(c: char) -> Option<char> {
    match c {
        '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => char::from_u32(c as u32 - 0xFEE0),
        _ => None,
    }
}

/// Whether `bytes` begins with a full-width letter or digit (U+FF10–FF19,
/// FF21–FF3A, FF41–FF5A) in UTF-8.
fn starts_alphanumeric(bytes: &[u8]) -> bool {
    matches!(
        bytes,
        [0xEF, 0xBC, 0x90..=0x99 | 0xA1..=0xBA, ..] | [0xEF, 0xBD, 0x81..=0x9A, ..]
    )
}

impl Checker for FullwidthAlphanumeric {
    fn check(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = ctx.text();
        let bytes = text.as_bytes();
        let mut next = 0;
        // Every full-width letter or digit is `EF BC xx` or `EF BD xx`; most
        // `EF` in Chinese text begin a full-width mark (`，`: `EF BC 8C`).
        for s in memchr::memchr_iter(0xEF, bytes) {
            if s < next || !starts_alphanumeric(&bytes[s..]) {
                continue;
            }
            let mut e = s;
            let mut ascii = String::new();
            while let Some(h) = text[e..].chars().next().and_then(halfwidth) {
                ascii.push(h);
                e += 3;
            }
            next = e;
            // Zeros inside a year in Chinese numerals (`二００一年`) stand for
            // `〇`: `dates/chinese-year-zero` reports them; `0` would be wrong.
            let cn = |c: Option<char>| c.is_some_and(|c| "〇○零一二三四五六七八九十".contains(c));
            if ascii.chars().all(|c| c == '0' || c == 'O' || c == 'o')
                && (cn(text[..s].chars().next_back()) || cn(text[e..].chars().next()))
            {
                continue;
            }
            let span = Span::new(s, e);
            self.base.push(
                out,
                span,
                &[("found", &text[s..e]), ("expected", &ascii)],
                Some(format!("改为“{ascii}”")),
                Some(Fix::replace(Applicability::Safe, span, ascii.clone())),
            );
        }
    }
}
