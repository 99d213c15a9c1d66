//! Long repeated phrases within a document (info).
//!
//! ## What it does
//! Finds stretches of at least `min-chars` characters (after normalization:
//! width folded, whitespace removed) that occur twice in the document on
//! different lines or far apart on one line — a clause pasted into two
//! paragraphs, a long organization or document name spelled out again —
//! and reports the later copy as information.
//!
//! ## Why
//! A long stretch written twice is often an editing leftover (a sentence
//! half rewritten, a paragraph merged from two drafts) or a name that an
//! abbreviation could replace the second time. It is not always wrong, so
//! this is a hint, not an error.
//!
//! ## What it leaves alone
//! Canonical formulations (规范表述) and slogans (the `canonical` list):
//! a repeat with fewer than `min-residue` letters outside them is skipped.
//! Whole repeated sentences (reported by `boilerplate/repeated-sentence`).
//!
//! ## Fix safety
//! No fix: what to do with the repetition is an editorial decision.

use super::text::{Canonical, is_space, normalize_mapped, param_list, param_usize};
use crate::rule::{CheckContext, Checker, Finding, RuleIndex};
use crate::rules::NativeArgs;
use crate::rules::util::deny_unknown_params;
use crate::span::Span;
use std::collections::HashMap;

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    deny_unknown_params(args.params, &["min-chars", "min-residue", "canonical"])?;
    let min_chars = param_usize(args.params, "min-chars")?.unwrap_or(20).max(4);
    Ok(Box::new(RepeatedPhrase {
        rule: args.index,
        message: args.meta.message.clone(),
        min_chars,
        min_residue: param_usize(args.params, "min-residue")?.unwrap_or(12),
        canonical: Canonical::new(&param_list(args.params, "canonical")?)?,
    }))
}

struct RepeatedPhrase {
    rule: RuleIndex,
    message: String,
    min_chars: usize,
    min_residue: usize,
    canonical: Canonical,
}

fn is_end(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '\n' | '…')
}

impl Checker for RepeatedPhrase {
    fn check(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = ctx.text();
        // Normalized characters with their offsets; lines stay apart through '\n'.
        let mut chars: Vec<char> = Vec::new();
        let mut offs: Vec<usize> = Vec::new();
        let mut base = 0;
        for raw in text.split_inclusive('\n') {
            let line = raw.trim_end_matches(['\n', '\r']);
            if !line.chars().all(is_space) {
                let (c, o) = normalize_mapped(line);
                chars.extend_from_slice(&c);
                offs.extend(o[..c.len()].iter().map(|x| x + base));
                chars.push('\n');
                offs.push(base + line.len());
            }
            base += raw.len();
        }
        let k = self.min_chars;
        if chars.len() < 2 * k {
            return;
        }
        // Polynomial rolling hash of every k-window that has no line break.
        const B: u64 = 0x100_0000_01b3;
        let pow = (0..k).fold(1u64, |p, _| p.wrapping_mul(B));
        let mut first: HashMap<u64, usize> = HashMap::new();
        let mut h: u64 = 0;
        let mut last_break: isize = -1;
        let mut i = 0;
        // Positions before `skip_until` are inside a reported copy.
        let mut skip_until = 0;
        while i < chars.len() {
            let c = chars[i];
            h = h.wrapping_mul(B).wrapping_add(c as u64);
            if i >= k {
                h = h.wrapping_sub((chars[i - k] as u64).wrapping_mul(pow));
            }
            if c == '\n' {
                last_break = i as isize;
            }
            i += 1;
            if (i as isize) - 1 - last_break < k as isize {
                continue;
            }
            let start = i - k;
            match first.get(&h) {
                Some(&j)
                    if j + k <= start
                        && start >= skip_until
                        && chars[j..j + k] == chars[start..i] =>
                {
                    // Extend the match as far as it goes.
                    let mut len = k;
                    while start + len < chars.len()
                        && chars[j + len] == chars[start + len]
                        && chars[start + len] != '\n'
                        && j + len < start
                    {
                        len += 1;
                    }
                    let end = start + len;
                    skip_until = end;
                    let whole_sentence = (start == 0 || is_end(chars[start - 1]))
                        && (end >= chars.len() || is_end(chars[end]) || is_end(chars[end - 1]))
                        && (j == 0 || is_end(chars[j - 1]));
                    let copy: String = chars[start..end].iter().collect();
                    if whole_sentence || self.canonical.residue(&copy) < self.min_residue {
                        continue;
                    }
                    let span = Span::new(
                        offs[start],
                        offs[end - 1]
                            + text[offs[end - 1]..]
                                .chars()
                                .next()
                                .map_or(0, char::len_utf8),
                    );
                    let first_line = text[..offs[j]].matches('\n').count() + 1;
                    out.push(
                        Finding::new(
                            self.rule,
                            span,
                            self.message
                                .replace("{chars}", &len.to_string())
                                .replace("{line}", &first_line.to_string()),
                        )
                        .with_help("确认是否为多余的重复；必要时删去或改用简称"),
                    );
                }
                Some(_) => {}
                None => {
                    first.insert(h, start);
                }
            }
        }
    }
}
