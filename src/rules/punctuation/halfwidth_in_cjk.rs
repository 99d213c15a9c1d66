//! Half-width `, ; : ! ? ( )` in Chinese text.
//!
//! ## What it does
//! Flags the ASCII comma, semicolon, colon, exclamation mark, question mark
//! and parentheses when they touch Chinese text, and replaces them with the
//! full-width marks `，；：！？（）`.
//!
//! ## Why
//! GB/T 15834—2011 5.1 gives every 点号 and 标号 of Chinese text a full
//! character cell ("占一个字位置"); half-width marks are the single most
//! common slip in scraped and hastily edited official prose (`发布时间:2023`,
//! `她说:“`, `电池盒(托盘)`).
//!
//! ## What it leaves alone
//! Marks between digits (`10:49`, `1,000`), marks inside Latin runs or whole
//! English sentences, URLs and e-mail addresses, and parentheses that hold
//! no Chinese text and sit next to none (`COVID-19 (SARS-CoV-2)`).
//!
//! ## Fix safety
//! Safe: the replacement changes the glyph width only.

use crate::fix::{Applicability, Fix};
use crate::rule::{CheckContext, Checker, Finding, RuleIndex};
use crate::rules::NativeArgs;
use crate::rules::util::{deny_unknown_params, is_cjk, is_han};
use crate::span::Span;

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    deny_unknown_params(args.params, &[])?;
    Ok(Box::new(HalfwidthInCjk {
        rule: args.index,
        message: args.meta.message.clone(),
    }))
}

struct HalfwidthInCjk {
    rule: RuleIndex,
    message: String,
}

fn fullwidth(c: char) -> Option<char> {
    Some(match c {
        ',' => '，',
        ';' => '；',
        ':' => '：',
        '!' => '！',
        '?' => '？',
        '(' => '（',
        ')' => '）',
        _ => return None,
    })
}

/// The nearest character before `i` / from `i` on the same line, skipping spaces.
fn prev_char(text: &str, i: usize) -> Option<char> {
    text[..i]
        .chars()
        .rev()
        .find(|c| *c != ' ' && *c != '\u{3000}' && *c != '\u{a0}')
        .filter(|c| *c != '\n')
}
fn next_char(text: &str, i: usize) -> Option<char> {
    text[i..]
        .chars()
        .find(|c| *c != ' ' && *c != '\u{3000}' && *c != '\u{a0}')
        .filter(|c| *c != '\n')
}

impl HalfwidthInCjk {
    fn report(&self, out: &mut Vec<Finding>, at: usize, mark: char) {
        let full = fullwidth(mark).expect("mark");
        let span = Span::new(at, at + 1);
        out.push(
            Finding::new(
                self.rule,
                span,
                self.message
                    .replace("{expected}", &full.to_string())
                    .replace("{found}", &mark.to_string()),
            )
            .with_help(format!("改为“{full}”"))
            .with_fix(Fix::replace(Applicability::Safe, span, full.to_string())),
        );
    }
}

impl Checker for HalfwidthInCjk {
    fn check(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = ctx.text();
        let bytes = text.as_bytes();
        let mut open_parens: Vec<usize> = Vec::new();
        for i in memchr_marks(bytes) {
            let mark = bytes[i] as char;
            match mark {
                '(' => open_parens.push(i),
                ')' => {
                    let Some(open) = open_parens.pop() else {
                        if prev_char(text, i).is_some_and(is_cjk) {
                            self.report(out, i, ')');
                        }
                        continue;
                    };
                    let inner = &text[open + 1..i];
                    let outer_cjk = prev_char(text, open).is_some_and(is_han)
                        || next_char(text, i + 1).is_some_and(is_han);
                    if inner.contains('\n') {
                        continue;
                    }
                    if inner.chars().any(is_han) || outer_cjk && !inner.contains(' ') {
                        self.report(out, open, '(');
                        self.report(out, i, ')');
                    }
                }
                '\n' => open_parens.clear(),
                _ => {
                    let before = prev_char(text, i);
                    let after = next_char(text, i + 1);
                    let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
                    if matches!(mark, ':' | ',') && digit(before) && digit(after) {
                        continue;
                    }
                    if before.is_some_and(is_cjk)
                        || (after.is_some_and(is_han)
                            && !before.is_some_and(|c| c.is_ascii_alphanumeric()))
                    {
                        self.report(out, i, mark);
                    }
                }
            }
        }
        // Unmatched `(` next to Chinese text.
        let _ = open_parens;
    }
}

/// Offsets of the marks this rule looks at, plus newlines (to reset pairing).
fn memchr_marks(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| matches!(b, b',' | b';' | b':' | b'!' | b'?' | b'(' | b')' | b'\n'))
        .map(|(i, _)| i)
}
