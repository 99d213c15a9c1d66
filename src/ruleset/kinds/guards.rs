//! Context guards of literal rules (`existence`, `substitution`,
//! `consistency`, `first-mention`).
//!
//! A literal match is reported only if every guard lets it through:
//!
//! * `boundary = "literal"` (default) matches the string anywhere;
//!   `boundary = "word"` only where the match starts and ends on jieba word
//!   boundaries, so 做为 → 作为 does not fire inside 看做为主 when jieba cuts
//!   it 看做/为主. Segmentation runs only for documents in which a
//!   word-bounded rule has a candidate match.
//! * `exceptions = ["…"]`: longer strings that contain the match and make it
//!   right. If the match lies inside an occurrence of one of them, it is
//!   skipped (exceptions = ["亲自部署"] lets 亲自部署 pass a rule on 部署). Every
//!   exception must contain one of the rule's strings, and none may equal one
//!   (that string could never match): both are load errors.
//! * `not-after = ["…"]`: skip when the match is immediately preceded by one
//!   of these strings (`not-after = ["习近平"]` for 总书记).
//! * `not-before = ["…"]`: skip when the match is immediately followed by one
//!   of these.
//!
//! Substitutions (and consistency/first-mention fixes) additionally never
//! fire where the text already reads as the replacement: if the replacement
//! contains the match and the surrounding text spells the replacement at that
//! position (总书记 → 习近平总书记 inside 习近平总书记), the match is skipped
//! without any guard being declared.

use super::DeclCtx;
use crate::rule::CheckContext;
use crate::source_error::SourceError;
use crate::span::Span;

/// The guards declared on one rule.
#[derive(Clone, Debug, Default)]
pub struct Guards {
    pub word: bool,
    pub exceptions: Vec<String>,
    pub not_after: Vec<String>,
    pub not_before: Vec<String>,
}

/// A string around a match that makes the match right: if the text at
/// `match.start - offset` starts with `text`, the match is skipped.
#[derive(Clone, Debug)]
pub struct Around {
    pub text: String,
    pub offset: usize,
}

/// The compiled guards of one literal (one token of one rule).
#[derive(Clone, Debug, Default)]
pub struct LiteralGuards {
    pub word: bool,
    pub around: Vec<Around>,
    pub not_after: Vec<String>,
    pub not_before: Vec<String>,
}

/// Every offset at which `needle` occurs in `hay` (overlapping).
fn offsets(hay: &str, needle: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = hay[from..].find(needle) {
        out.push(from + i);
        from += i + hay[from + i..].chars().next().map_or(1, char::len_utf8);
    }
    out
}

impl Guards {
    /// Read and check the guard fields of a declaration.
    pub(crate) fn from_decl(cx: &DeclCtx<'_>) -> Result<Guards, SourceError> {
        let d = cx.decl;
        let word = match &d.boundary {
            None => false,
            Some(b) => match b.get_ref().as_str() {
                "literal" => false,
                "word" => true,
                other => {
                    return Err(cx.err(
                        b.span(),
                        format!(
                            "规则 `{}` 的 boundary 值 `{other}` 无效，应为 \"literal\" 或 \"word\"",
                            cx.id()
                        ),
                        "无效的 boundary",
                    ));
                }
            },
        };
        let list = |f: &Option<toml::Spanned<Vec<String>>>, name: &str| match f {
            None => Ok(Vec::new()),
            Some(_) => cx.nonempty_list(f, name, "").map(|l| l.get_ref().clone()),
        };
        Ok(Guards {
            word,
            exceptions: list(&d.exceptions, "exceptions")?,
            not_after: list(&d.not_after, "not-after")?,
            not_before: list(&d.not_before, "not-before")?,
        })
    }

    /// Check that the exceptions fit the rule's `literals`: each exception
    /// must contain one of them, and none may equal one.
    pub(crate) fn check_exceptions<'l>(
        &self,
        cx: &DeclCtx<'_>,
        literals: impl Iterator<Item = &'l str> + Clone,
    ) -> Result<(), SourceError> {
        let Some(field) = &cx.decl.exceptions else {
            return Ok(());
        };
        for e in &self.exceptions {
            if let Some(lit) = literals.clone().find(|l| *l == e) {
                return Err(cx
                    .err(
                        field.span(),
                        format!(
                            "规则 `{}` 的例外“{e}”与要查找的“{lit}”相同，这一项永远不会报告",
                            cx.id()
                        ),
                        "永远不会匹配",
                    )
                    .with_help("例外应是包含该词、使其正确的更长的写法"));
            }
            if !literals.clone().any(|l| e.contains(l)) {
                return Err(cx
                    .err(
                        field.span(),
                        format!(
                            "规则 `{}` 的例外“{e}”不包含本规则查找的任何词语，不起作用",
                            cx.id()
                        ),
                        "无效的例外",
                    )
                    .with_help("例外应是包含所查词语的更长写法，如查“部署”时的“亲自部署”"));
            }
        }
        Ok(())
    }

    /// Compile the guards for one literal; `replacement` is what the literal
    /// is rewritten to, if anything (the text already reading as it is skipped).
    pub fn for_literal(&self, literal: &str, replacement: Option<&str>) -> LiteralGuards {
        let mut around = Vec::new();
        let all = self
            .exceptions
            .iter()
            .map(String::as_str)
            .chain(replacement);
        for e in all {
            for offset in offsets(e, literal) {
                around.push(Around {
                    text: e.to_string(),
                    offset,
                });
            }
        }
        LiteralGuards {
            word: self.word,
            around,
            not_after: self.not_after.clone(),
            not_before: self.not_before.clone(),
        }
    }
}

impl LiteralGuards {
    /// Whether a match at `span` passes every guard.
    pub fn accepts(&self, words: &mut Words<'_, '_>, span: Span) -> bool {
        let text = words.ctx.text();
        let before = &text[..span.start];
        let after = &text[span.end..];
        if self.not_after.iter().any(|g| before.ends_with(g.as_str())) {
            return false;
        }
        if self
            .not_before
            .iter()
            .any(|g| after.starts_with(g.as_str()))
        {
            return false;
        }
        let inside = self.around.iter().any(|a| {
            span.start >= a.offset
                && text
                    .get(span.start - a.offset..)
                    .is_some_and(|t| t.starts_with(a.text.as_str()))
        });
        if inside {
            return false;
        }
        !self.word || words.on_boundaries(span)
    }
}

/// Longest run of block chars we segment locally; beyond it, the whole
/// document is segmented once (cached in the context).
const LOCAL_SEGMENT_MAX: usize = 4096;

/// Word boundaries for one checker's pass over one document.
///
/// Segments only the jieba blocks around a match (a clause, typically),
/// which gives exactly the boundaries a whole-document segmentation would,
/// at a fraction of the cost when candidates are few. The last region's
/// words are kept for the next candidate. Once the regions segmented add up
/// to half the document, or a region is a huge run without punctuation, it
/// switches to the context's whole-document segmentation (computed once).
pub struct Words<'c, 'a> {
    pub ctx: &'c CheckContext<'a>,
    spent: usize,
    /// The last region segmented and the starts of its words.
    last: Option<(usize, usize, Vec<usize>)>,
}

impl<'c, 'a> Words<'c, 'a> {
    pub fn new(ctx: &'c CheckContext<'a>) -> Self {
        Words {
            ctx,
            spent: 0,
            last: None,
        }
    }

    /// Whether `span` starts and ends on jieba word boundaries.
    pub fn on_boundaries(&mut self, span: Span) -> bool {
        let text = self.ctx.text();
        if self.spent > text.len() / 2 {
            return self.ctx.on_word_boundaries(span);
        }
        let (start, end) = crate::text::segment::block_around(text, span);
        if end - start > LOCAL_SEGMENT_MAX {
            return self.ctx.on_word_boundaries(span);
        }
        let cached = matches!(&self.last, Some((s, e, _)) if *s == start && *e == end);
        if !cached {
            self.spent += end - start;
            let starts = crate::text::segment::words(&text[start..end])
                .into_iter()
                .map(|w| start + w.start)
                .collect();
            self.last = Some((start, end, starts));
        }
        let starts = &self.last.as_ref().expect("just set").2;
        let at = |o: usize| o == start || o == end || starts.binary_search(&o).is_ok();
        at(span.start) && at(span.end)
    }
}

#[cfg(test)]
mod tests {
    use super::{Words, offsets};
    use crate::document::{Document, DocumentOptions, Format};
    use crate::rule::CheckContext;
    use crate::span::Span;

    #[test]
    fn local_segmentation_agrees_with_the_whole_document() {
        let text =
            "这就叫做为人民服务。他做为代表发言，ABC公司2024年做为主办方！看做为主的工作 做为";
        let doc = Document::new(
            text.to_string(),
            &DocumentOptions::new(
                Format::Plain,
                chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
            ),
        );
        let ctx = CheckContext::new(&doc);
        let mut words = Words::new(&ctx);
        let prose = ctx.text();
        let mut checked = 0;
        for (i, _) in prose.char_indices() {
            for len in [3, 6, 9] {
                let Some(end) = (i + len <= prose.len()).then_some(i + len) else {
                    continue;
                };
                if !prose.is_char_boundary(end) {
                    continue;
                }
                let span = Span::new(i, end);
                let global = ctx.on_word_boundaries(span);
                assert_eq!(words.on_boundaries(span), global);
                assert_eq!(
                    Words::new(&ctx).on_boundaries(span),
                    global,
                    "{:?}",
                    &prose[i..end]
                );
                checked += 1;
            }
        }
        assert!(checked > 50);
    }

    #[test]
    fn offsets_are_overlapping_byte_offsets() {
        assert_eq!(offsets("习近平总书记", "总书记"), vec![9]);
        assert_eq!(offsets("aaa", "aa"), vec![0, 1]);
        assert!(offsets("abc", "x").is_empty());
    }
}
