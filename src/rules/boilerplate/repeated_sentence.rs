//! 文档内部重复的段落和句子
//!
//! ## 检查什么
//! 对文档中的每个段落（行）和每个句子进行规范化（统一全半角、去掉空白、统一引号）后比较，凡出现两次且至少有`min-chars`个字母、数字或汉字的，报告其中较后的一处。整段重复报告为一个问题；否则每个重复的句子各报告一次。
//!
//! ## 不报告的情形
//! 理应反复出现的规范表述和标语：由`canonical`中所列的短语（`以习近平同志为核心的党中央`、`深入学习贯彻党的二十大精神`等）构成、其他字符少于`min-chars`个的句子，从不报告。标题、列表项和其他不含句末点号的行（重复的标题由`boilerplate/repeated-title`报告）。法律法规条文中（以`第…条`开头的行及其后的款、项，以及修改决定中引用的条文）两处共有的句子：同样的罚则（`情节严重的，……责令停业、关闭。`）一条接一条地出现，是法律的写法。程序性记录（以`formulas`中所列的开头写成的句子或段落，如`表决结果：……`）在两个不同事项之后各出现一次时，是会议记录的写法；紧挨着的两行相同则仍是粘贴两遍。
//!
//! ## 修复
//! 不安全修复：删除较后的一处通常是对的，但应保留哪一处（以及重复是否为修辞需要），须由人工判断。重复的整段、或独占一行的重复句子，连同其换行一起删除，不留空行。
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
// A sentence found twice in the text of a statute (lines opening with
// `第…条`, the paragraphs and items that follow them, and the articles an
// amending decision quotes): the same penalty closes one article after another, as laws are
// written. A procedural record (a sentence or paragraph opening with one of
// `formulas`, such as `表决结果：……`) that closes two different items, as
// minutes are written; the same line twice in a row is still a paste.
//
// ## Fix safety
// Unsafe: deleting the later copy is usually right, but which copy should
// stay (and whether the repetition is rhetorical) needs a human.
// A repeated paragraph, or a repeated sentence that is its whole line, is
// deleted with its line break: no empty line is left.

use super::helpers::canonical::Canonical;
use super::helpers::lines::deletion;
use super::helpers::prints::PrintMap;
use super::helpers::statute::Statute;
use crate::fix::{Applicability, Edit, Fix};
use crate::rule::message::Emitter;
use crate::rule::params::deny_unknown_params;
use crate::rule::params::{param_list, param_usize};
use crate::rule::{CheckContext, Checker, Finding};
use crate::rules::NativeArgs;
use crate::span::Span;
use crate::text::chars::is_han;
use crate::text::compare::{Fingerprint, Line, fold, is_blank, is_word_char, split_lines};

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    deny_unknown_params(args.params, &["min-chars", "canonical", "formulas"])?;
    Ok(Box::new(RepeatedSentence {
        emit: args.emitter(),
        formulas: param_list(args.params, "formulas")?,
        min_chars: param_usize(args.params, "min-chars")?.unwrap_or(10),
        canonical: Canonical::new(&param_list(args.params, "canonical")?)?,
    }))
}

struct RepeatedSentence {
    emit: Emitter,
    /// How procedural records open (`表决结果：`): repeated on purpose.
    formulas: Vec<String>,
    min_chars: usize,
    canonical: Canonical,
}

/// Sentence-ending marks; the mark belongs to its sentence.
fn is_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '…')
}

/// The punctuation that makes a unit a sentence rather than a heading.
fn is_sentence_mark(c: char) -> bool {
    matches!(c, '，' | '。' | '；' | '！' | '？' | ',' | ';')
}

/// What may close a sentence after its end marks.
fn is_closer(c: char) -> bool {
    matches!(c, '”' | '’' | '"' | '）' | ')' | '」')
}

impl RepeatedSentence {
    /// Whether a repeat of `first`'s text, `raw` (with `words` word
    /// characters, at least `min-chars`, and sentence punctuation or not:
    /// `marked`), is reported: it needs the punctuation and `min-chars` word
    /// characters outside canonical formulations. The latter depends on the
    /// normalized text alone: it is decided at the first repeat (in `key`,
    /// a buffer for the normalized text) and kept with `first`.
    fn eligible(
        &self,
        first: &mut First,
        raw: &str,
        (words, marked): (usize, bool),
        key: &mut String,
    ) -> bool {
        marked
            && first.residue(|| {
                key.clear();
                key.extend(raw.chars().filter_map(fold));
                words - self.canonical.covered(key) >= self.min_chars
            })
    }

    /// Whether a repeat of `raw` on line `here`, first written on line `first`,
    /// is the text's own wording: a clause shared by two articles of a
    /// statute, or a procedural record (`表决结果：……`) that closes two
    /// different items (not a line pasted twice in a row).
    fn legitimate(&self, raw: &str, first: usize, here: &Here) -> bool {
        if here.article[first] && here.article[here.line] {
            return true;
        }
        let raw = raw.trim_start_matches(is_blank);
        self.formulas.iter().any(|f| raw.starts_with(f.as_str())) && here.previous != Some(first)
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
        // the normalized string itself is built only for the first repeat
        // of a text (a text pasted many times is judged once).
        let mut paragraphs: PrintMap<First> = PrintMap::default();
        let mut seen: PrintMap<First> = PrintMap::default();
        let mut key = String::new();
        let mut statute = Statute::default();
        let mut article: Vec<bool> = Vec::new();
        let mut previous_nonblank = None;
        let mut units: Vec<Unit> = Vec::new();
        let mut start = 0;
        for (n, raw_line) in split_lines(text).enumerate() {
            let s = raw_line.trim_end_matches(['\n', '\r']);
            let line = Line {
                span: Span::new(start, start + s.len()),
                full: Span::new(start, start + raw_line.len()),
            };
            start += raw_line.len();
            article.push(statute.holds(s));
            let previous = previous_nonblank;
            if s.chars().all(is_blank) {
                continue;
            }
            previous_nonblank = Some(n);
            let here = Here {
                line: n,
                previous,
                article: &article,
            };
            let (words, print) = summarize(s, &mut units);
            if words >= self.min_chars {
                match paragraphs.get_mut(&print) {
                    Some(first) => {
                        if self.legitimate(s, first.line(), &here) {
                            continue;
                        }
                        let marked = units.iter().any(|u| u.marked);
                        if self.eligible(first, s, (words, marked), &mut key) {
                            let line_no = first.line() + 1;
                            self.report(out, line.span, deletion(text, line.full), "段落", line_no);
                            continue;
                        }
                    }
                    None => {
                        paragraphs.insert(print, First::at(n));
                    }
                }
            }
            for unit in &units {
                let raw = &s[unit.span.range()];
                if unit.words < self.min_chars || !unit.marked {
                    continue;
                }
                match seen.get_mut(&unit.print) {
                    Some(first) => {
                        if self.legitimate(raw, first.line(), &here)
                            || !self.eligible(first, raw, (unit.words, true), &mut key)
                        {
                            continue;
                        }
                        let first = first.line();
                        // Report without the leading spaces of the sentence.
                        let sent = unit.span;
                        let lead = raw.len() - raw.trim_start_matches(is_blank).len();
                        let span = Span::new(
                            line.span.start + sent.start + lead,
                            line.span.start + sent.end,
                        );
                        // A sentence that is the whole line goes with its
                        // line break: no empty line is left behind.
                        let delete = if s.trim_matches(is_blank) == raw.trim_matches(is_blank) {
                            deletion(text, line.full)
                        } else {
                            span
                        };
                        self.report(out, span, delete, "句子", first + 1);
                    }
                    None => {
                        seen.insert(unit.print, First::at(n));
                    }
                }
            }
        }
    }
}

/// The first copy of a text: its line, and once a repeat asked, whether
/// enough of it lies outside canonical formulations (in the top two bits:
/// an entry of the maps stays 16 bytes).
struct First(u64);

impl First {
    const ASKED: u64 = 1 << 63;
    const ENOUGH: u64 = 1 << 62;

    fn at(line: usize) -> First {
        First(line as u64)
    }

    fn line(&self) -> usize {
        (self.0 & !(Self::ASKED | Self::ENOUGH)) as usize
    }

    /// Whether enough of the text lies outside canonical formulations,
    /// decided by `decide` the first time it is asked.
    fn residue(&mut self, decide: impl FnOnce() -> bool) -> bool {
        if self.0 & Self::ASKED == 0 {
            self.0 |= Self::ASKED | if decide() { Self::ENOUGH } else { 0 };
        }
        self.0 & Self::ENOUGH != 0
    }
}

/// The line a repeat is on: its index, the nearest non-blank line before
/// it, and per line so far whether it is in the text of a statute.
struct Here<'a> {
    line: usize,
    previous: Option<usize>,
    article: &'a [bool],
}

/// One sentence of a line: its span in the line, its
/// word characters and fingerprint after normalization, and whether it has
/// sentence punctuation.
struct Unit {
    span: Span,
    words: usize,
    print: u64,
    marked: bool,
}

/// Word characters and fingerprint of the normalized form of the line `s`,
/// without building it; `units` gets the same for each of its sentences
/// (cut after a run of end marks and any closing quotes or brackets), in the same pass over the characters.
fn summarize(s: &str, units: &mut Vec<Unit>) -> (usize, u64) {
    units.clear();
    let (mut line_words, mut line_print) = (0, Fingerprint::new());
    let (mut words, mut print, mut marked, mut start) = (0, Fingerprint::new(), false, 0);
    // Whether `c` may end a sentence (see [`is_end`]).
    let mut feed = |c: char, words: &mut usize, print: &mut Fingerprint, marked: &mut bool| {
        if is_han(c) {
            // Most characters: a word character that folds to itself and
            // is no mark.
            line_print.push(c);
            print.push(c);
            line_words += 1;
            *words += 1;
            return false;
        }
        *marked |= is_sentence_mark(c);
        if let Some(f) = fold(c) {
            line_print.push(f);
            print.push(f);
            if is_word_char(f) {
                line_words += 1;
                *words += 1;
            }
        }
        true
    };
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if feed(c, &mut words, &mut print, &mut marked) && is_end(c) {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = it.peek() {
                if is_end(d) || is_closer(d) {
                    feed(d, &mut words, &mut print, &mut marked);
                    end = j + d.len_utf8();
                    it.next();
                } else {
                    break;
                }
            }
            units.push(Unit {
                span: Span::new(start, end),
                words,
                print: print.finish(),
                marked,
            });
            (words, print, marked, start) = (0, Fingerprint::new(), false, end);
        }
    }
    if start < s.len() {
        units.push(Unit {
            span: Span::new(start, s.len()),
            words,
            print: print.finish(),
            marked,
        });
    }
    (line_words, line_print.finish())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::compare::{fingerprint, normalize};

    fn has_sentence_mark(s: &str) -> bool {
        s.contains(is_sentence_mark)
    }

    /// Split a line into sentences: spans (relative to the line) that end
    /// after a run of end marks and any closing quotes.
    fn sentences(s: &str) -> Vec<Span> {
        let mut out = Vec::new();
        let mut start = 0;
        let mut it = s.char_indices().peekable();
        while let Some((i, c)) = it.next() {
            if is_end(c) {
                let mut end = i + c.len_utf8();
                while let Some(&(j, d)) = it.peek() {
                    if is_end(d) || is_closer(d) {
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

    /// The one-pass summaries are those of the line and of each sentence.
    #[test]
    fn summaries_in_one_pass() {
        let summary = |s: &str| {
            let words = normalize(s).chars().filter(|c| is_word_char(*c)).count();
            (words, fingerprint(s.chars().filter_map(fold)))
        };
        let mut units = Vec::new();
        for line in [
            "会议要求，各单位要认真抓好落实。会后，各支部分组讨论！！”尾巴",
            "他说：“好。”（完）",
            "没有句末点号的一行",
            "　　缩进的句子。",
            "",
        ] {
            assert_eq!(summarize(line, &mut units), summary(line), "{line}");
            let spans: Vec<Span> = units.iter().map(|u| u.span).collect();
            assert_eq!(spans, sentences(line), "{line}");
            for u in &units {
                let raw = &line[u.span.range()];
                assert_eq!((u.words, u.print), summary(raw), "{raw}");
                assert_eq!(u.marked, has_sentence_mark(raw), "{raw}");
            }
        }
    }
}
