//! 文档内部重复的段落和句子
//!
//! ## 检查什么
//! 对文档中的每个段落（行）和每个句子进行规范化（统一全半角、去掉空白、统一引号）后比较，凡出现两次且至少有`min-chars`个字母、数字或汉字的，报告其中较后的一处。整段重复报告为一个问题；否则每个重复的句子各报告一次。
//!
//! ## 不报告的情形
//! 理应反复出现的规范表述和标语：由`canonical`中所列的短语（`以习近平同志为核心的党中央`、`深入学习贯彻党的二十大精神`等）构成、其他字符少于`min-chars`个的句子，从不报告。标题、列表项和其他不含句末点号的行（重复的标题由`boilerplate/repeated-title`报告）。
//!
//! ## 修复
//! 不安全修复：删除较后的一处通常是对的，但应保留哪一处（以及重复是否为修辞需要），须由人工判断。
//!
//! ## 依据
//! 把一个段落粘贴两遍，或者在导语和正文中保留同一个句子，是由多份草稿拼成的报告中常见的编辑失误；公文检查工具把它列为“句子查重”或“片段重复”。

// English original of the user documentation above (developer notes):
//
// Repeated paragraphs and sentences within a document.
//
// ## What it does
// Compares every paragraph (line) and every sentence of the document after
// normalization (full/half width folded, whitespace removed, quotes
// unified) and flags the *later* copy of any that occurs twice, when it has
// at least `min-chars` letters, digits or ideographs. A repeated whole
// paragraph is one finding; otherwise each repeated sentence is.
//
// ## Why
// Pasting a paragraph twice, or keeping a sentence both in the lead and in
// the body, is a common editing slip in reports assembled from several
// drafts; checkers of official prose list it as 句子查重 / 片段重复.
//
// ## What it leaves alone
// Canonical formulations (规范表述) and slogans, which legitimately recur:
// a sentence that is made of the phrases in `canonical` (`以习近平同志为核心的党中央`,
// `深入学习贯彻党的二十大精神` …) with fewer than `min-chars` other characters
// is never a finding. Headings, list items and other lines without any
// sentence punctuation (repeated titles are `boilerplate/repeated-title`).
//
// ## Fix safety
// Unsafe: deleting the later copy is usually right, but which copy should
// stay (and whether the repetition is rhetorical) needs a human.

use super::helpers::canonical::Canonical;
use crate::fix::{Applicability, Edit, Fix};
use crate::rule::message::Emitter;
use crate::rule::params::deny_unknown_params;
use crate::rule::params::{param_list, param_usize};
use crate::rule::{CheckContext, Checker, Finding};
use crate::rules::NativeArgs;
use crate::span::Span;
use crate::text::compare::{fingerprint, fold, is_blank, is_word_char, lines, normalize};
use std::collections::HashMap;

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    deny_unknown_params(args.params, &["min-chars", "canonical"])?;
    Ok(Box::new(RepeatedSentence {
        emit: args.emitter(),
        min_chars: param_usize(args.params, "min-chars")?.unwrap_or(10),
        canonical: Canonical::new(&param_list(args.params, "canonical")?)?,
    }))
}

struct RepeatedSentence {
    emit: Emitter,
    min_chars: usize,
    canonical: Canonical,
}

/// Sentence-ending marks; the mark belongs to its sentence.
fn is_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '…')
}

fn has_sentence_mark(s: &str) -> bool {
    s.contains(['，', '。', '；', '！', '？', ',', ';'])
}

/// Split a line into sentences: spans (relative to the line) that end
/// after a run of end marks and any closing quotes.
pub fn sentences(s: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if is_end(c) {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = it.peek() {
                if is_end(d) || matches!(d, '”' | '’' | '"' | '）' | ')' | '」') {
                    end = j + d.len_utf8();
                    it.next();
                } else {
                    break;
                }
            }
            out.push(Span::new(start, end));
            start = end;
        }
    }
    if start < s.len() {
        out.push(Span::new(start, s.len()));
    }
    out
}

fn word_chars(s: &str) -> usize {
    s.chars().filter(|c| is_word_char(*c)).count()
}

impl RepeatedSentence {
    fn eligible(&self, key: &str, raw: &str) -> bool {
        word_chars(key) >= self.min_chars
            && has_sentence_mark(raw)
            && self.canonical.residue(key) >= self.min_chars
    }

    fn report(&self, out: &mut Vec<Finding>, span: Span, delete: Span, what: &str, line: usize) {
        let message = self
            .emit
            .message(&[("what", what), ("line", &line.to_string())]);
        out.push(
            Finding::new(self.emit.rule, span, message)
                .with_help(format!("删除重复的{what}"))
                .with_fix(Fix::new(Applicability::Unsafe, vec![Edit::delete(delete)])),
        );
    }
}

impl Checker for RepeatedSentence {
    fn check(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = ctx.text();
        // Units are keyed by the 64-bit fingerprint of their normalized text;
        // the normalized string itself is built only for a repeat.
        let mut paragraphs: HashMap<u64, usize> = HashMap::new();
        let mut seen: HashMap<u64, usize> = HashMap::new();
        for (n, line) in lines(text).into_iter().enumerate() {
            let s = &text[line.span.range()];
            if s.chars().all(is_blank) {
                continue;
            }
            let (words, print) = summary(s);
            if words >= self.min_chars {
                match paragraphs.get(&print) {
                    Some(&first) if self.eligible(&normalize(s), s) => {
                        self.report(out, line.span, line.full, "段落", first + 1);
                        continue;
                    }
                    Some(_) => {}
                    None => {
                        paragraphs.insert(print, n);
                    }
                }
            }
            for sent in sentences(s) {
                let raw = &s[sent.range()];
                let (words, print) = summary(raw);
                if words < self.min_chars || !has_sentence_mark(raw) {
                    continue;
                }
                match seen.get(&print) {
                    Some(&first) => {
                        if !self.eligible(&normalize(raw), raw) {
                            continue;
                        }
                        // Report without the leading spaces of the sentence.
                        let lead = raw.len() - raw.trim_start_matches(is_blank).len();
                        let span = Span::new(
                            line.span.start + sent.start + lead,
                            line.span.start + sent.end,
                        );
                        self.report(out, span, span, "句子", first + 1);
                    }
                    None => {
                        seen.insert(print, n);
                    }
                }
            }
        }
    }
}

/// Word characters and fingerprint of the normalized form of `s`, without
/// building it.
fn summary(s: &str) -> (usize, u64) {
    let mut words = 0;
    let print = fingerprint(s.chars().filter_map(fold).inspect(|c| {
        if is_word_char(*c) {
            words += 1;
        }
    }));
    (words, print)
}
