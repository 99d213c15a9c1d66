//! Compilers for the data-driven rule kinds.
//!
//! A data-driven rule is entirely described by its TOML table; the kinds are
//!
//! | kind            | fields (besides the common ones)                                   | file |
//! |-----------------|--------------------------------------------------------------------|------|
//! | `existence`     | `tokens`, guards                                                   | [`existence`] |
//! | `substitution`  | `swap`, guards                                                     | [`substitution`] |
//! | `sequence`      | `name`, `members`                                                  | [`sequence`] |
//! | `consistency`   | `variants`, guards                                                 | [`consistency`] |
//! | `first-mention` | `full`, `short`, guards                                            | [`first_mention`] |
//! | `pattern`       | `regex`, `replacement`                                             | [`pattern`] |
//!
//! "Guards" are the context conditions of [`guards`]: `boundary`,
//! `exceptions`, `not-after`, `not-before`.
//!
//! Every rule is validated when its rule set loads ([`validate`], called by
//! [`super::RuleSet::parse`]): a field that does not belong to the kind, a
//! missing or empty field, an invalid regex or a rule that can never match is
//! an error pointing at the TOML line. [`compile`] then builds the checkers for
//! the selected rules *once*: all literals of all `existence`/`substitution`
//! rules go into one Aho-Corasick automaton searched once per document, and
//! likewise one automaton per kind for `sequence`, `consistency` and
//! `first-mention`; regexes are compiled once.

// `SourceError` carries its source for miette; the core returns it unboxed
// everywhere, so the kinds do too.

pub mod consistency;
pub mod existence;
pub mod first_mention;
pub mod guards;
mod literal;
pub mod pattern;
pub mod sequence;
pub mod substitution;
mod window;

use super::RuleDef;
use super::schema::RuleDecl;
use crate::fix::Applicability;
use crate::rule::{Checker, Kind, RuleIndex};
use crate::source_error::SourceError;
use std::ops::Range;
use std::sync::Arc;

/// A selected data-driven rule handed to the compilers.
pub struct Selected<'a> {
    pub index: RuleIndex,
    pub def: &'a RuleDef,
    /// The rule set's origin and TOML text, for errors.
    pub origin: &'a str,
    pub source: &'a std::sync::Arc<str>,
}

/// Where a declaration comes from: enough to build a [`SourceError`].
pub(crate) struct DeclCtx<'a> {
    pub decl: &'a RuleDecl,
    pub origin: &'a str,
    pub source: &'a Arc<str>,
}

impl DeclCtx<'_> {
    pub fn id(&self) -> &str {
        self.decl.id.get_ref()
    }

    /// An error at `span` of the rule's TOML.
    pub fn err(&self, span: Range<usize>, message: String, label: &str) -> SourceError {
        SourceError::new(self.origin, self.source, Some(span), message, label)
    }

    /// An error for a required field that is absent (points at the rule id).
    pub fn missing(&self, field: &str, what: &str) -> SourceError {
        self.err(
            self.decl.id.span(),
            format!(
                "{} 规则 `{}` 缺少字段 `{field}`（{what}）",
                self.decl.kind.get_ref(),
                self.id()
            ),
            "此规则",
        )
    }

    /// A list field that must be present and hold non-empty, distinct strings.
    pub fn nonempty_list<'d>(
        &self,
        field: &'d Option<toml::Spanned<Vec<String>>>,
        name: &str,
        what: &str,
    ) -> Result<&'d toml::Spanned<Vec<String>>, SourceError> {
        let Some(list) = field else {
            return Err(self.missing(name, what));
        };
        self.check_list(list, name)?;
        if list.get_ref().is_empty() {
            return Err(self.err(
                list.span(),
                format!("规则 `{}` 的 `{name}` 是空列表", self.id()),
                "空列表",
            ));
        }
        Ok(list)
    }

    /// Entries of a list must be non-empty and distinct.
    pub fn check_list(
        &self,
        list: &toml::Spanned<Vec<String>>,
        name: &str,
    ) -> Result<(), SourceError> {
        let items = list.get_ref();
        for (i, s) in items.iter().enumerate() {
            if s.is_empty() {
                return Err(self.err(
                    list.span(),
                    format!("规则 `{}` 的 `{name}` 含有空字符串", self.id()),
                    "空字符串",
                ));
            }
            if items[..i].contains(s) {
                return Err(self.err(
                    list.span(),
                    format!("规则 `{}` 的 `{name}` 重复列出了“{s}”", self.id()),
                    "重复项",
                ));
            }
        }
        Ok(())
    }
}

/// The kind-specific fields of the schema, with whether and where each is set.
fn kind_fields(d: &RuleDecl) -> Vec<(&'static str, Option<Range<usize>>)> {
    fn sp<T>(f: &Option<toml::Spanned<T>>) -> Option<Range<usize>> {
        f.as_ref().map(|s| s.span())
    }
    vec![
        ("params", sp(&d.params)),
        ("tokens", sp(&d.tokens)),
        ("swap", sp(&d.swap)),
        ("boundary", sp(&d.boundary)),
        ("exceptions", sp(&d.exceptions)),
        ("not-after", sp(&d.not_after)),
        ("not-before", sp(&d.not_before)),
        ("name", sp(&d.name)),
        ("members", sp(&d.members)),
        ("variants", sp(&d.variants)),
        ("full", sp(&d.full)),
        ("short", sp(&d.short)),
        ("regex", sp(&d.regex)),
        ("replacement", sp(&d.replacement)),
    ]
}

const GUARDS: &[&str] = &["boundary", "exceptions", "not-after", "not-before"];

/// The kind-specific fields each kind accepts.
fn allowed_fields(kind: Option<Kind>) -> Vec<&'static str> {
    let mut v: Vec<&'static str> = match kind {
        Some(Kind::Native) => vec!["params"],
        Some(Kind::Existence) => vec!["tokens"],
        Some(Kind::Substitution) => vec!["swap"],
        Some(Kind::Sequence) => vec!["name", "members"],
        Some(Kind::Consistency) => vec!["variants"],
        Some(Kind::FirstMention) => vec!["full", "short"],
        Some(Kind::Pattern) => vec!["regex", "replacement"],
        None => vec![],
    };
    if matches!(
        kind,
        Some(Kind::Existence | Kind::Substitution | Kind::Consistency | Kind::FirstMention)
    ) {
        v.extend_from_slice(GUARDS);
    }
    v
}

/// A rule compiled to its kind's specification (before automata are built).
enum Spec {
    Literal(Vec<literal::Entry>),
    Sequence(sequence::SeqRule),
    Consistency(consistency::ConsRule),
    FirstMention(first_mention::FmRule),
    Pattern(pattern::PatRule),
}

/// Check that a rule's fields fit its kind, and build its specification.
fn build(
    cx: &DeclCtx<'_>,
    index: RuleIndex,
    message: &str,
    fix: Option<Applicability>,
) -> Result<Option<Spec>, SourceError> {
    let kind_name = cx.decl.kind.get_ref().as_str();
    let kind = Kind::from_name(kind_name);
    let allowed = allowed_fields(kind);
    for (field, span) in kind_fields(cx.decl) {
        if let Some(span) = span
            && !allowed.contains(&field)
        {
            let help = if allowed.is_empty() {
                String::new()
            } else {
                format!(
                    "{kind_name} 规则可用的字段：{}",
                    allowed
                        .iter()
                        .map(|f| format!("`{f}`"))
                        .collect::<Vec<_>>()
                        .join("、")
                )
            };
            return Err(cx
                .err(
                    span,
                    format!("字段 `{field}` 不属于 {kind_name} 规则 `{}`", cx.id()),
                    "此类型不使用这个字段",
                )
                .with_help(help));
        }
    }
    let rule = literal::RuleInfo {
        index,
        message: message.to_string(),
        fix,
    };
    Ok(Some(match kind {
        Some(Kind::Existence) => Spec::Literal(existence::build(cx, rule)?),
        Some(Kind::Substitution) => Spec::Literal(substitution::build(cx, rule)?),
        Some(Kind::Sequence) => Spec::Sequence(sequence::build(cx, rule)?),
        Some(Kind::Consistency) => Spec::Consistency(consistency::build(cx, rule)?),
        Some(Kind::FirstMention) => Spec::FirstMention(first_mention::build(cx, rule)?),
        Some(Kind::Pattern) => Spec::Pattern(pattern::build(cx, rule)?),
        Some(Kind::Native) | None => return Ok(None),
    }))
}

/// Validate one declaration at load time (fields, values, can-it-match).
pub(crate) fn validate(
    decl: &RuleDecl,
    origin: &str,
    source: &Arc<str>,
) -> Result<(), SourceError> {
    let cx = DeclCtx {
        decl,
        origin,
        source,
    };
    build(&cx, 0, "", decl.fix).map(|_| ())
}

/// Compile the selected data-driven rules into checkers.
pub fn compile(rules: &[Selected<'_>]) -> Result<Vec<Box<dyn Checker>>, SourceError> {
    let mut lit = Vec::new();
    let mut seq = Vec::new();
    let mut cons = Vec::new();
    let mut fm = Vec::new();
    let mut pat = Vec::new();
    for sel in rules {
        let cx = DeclCtx {
            decl: &sel.def.decl,
            origin: sel.origin,
            source: sel.source,
        };
        match build(&cx, sel.index, &sel.def.meta.message, sel.def.meta.fix)? {
            Some(Spec::Literal(entries)) => lit.extend(entries),
            Some(Spec::Sequence(r)) => seq.push(r),
            Some(Spec::Consistency(r)) => cons.push(r),
            Some(Spec::FirstMention(r)) => fm.push(r),
            Some(Spec::Pattern(r)) => pat.push(r),
            None => {}
        }
    }
    let mut out: Vec<Box<dyn Checker>> = Vec::new();
    if !lit.is_empty() {
        out.push(Box::new(literal::LiteralChecker::new(lit)));
    }
    if !seq.is_empty() {
        out.push(Box::new(sequence::SequenceChecker::new(seq)));
    }
    if !cons.is_empty() {
        out.push(Box::new(consistency::ConsistencyChecker::new(cons)));
    }
    if !fm.is_empty() {
        out.push(Box::new(first_mention::FirstMentionChecker::new(fm)));
    }
    if !pat.is_empty() {
        out.push(Box::new(pattern::PatternChecker::new(pat)));
    }
    Ok(out)
}

pub(crate) use crate::rule::message::fill;

/// Pattern sets up to this many bytes get a full DFA (about 2.5× faster
/// than the contiguous NFA on Chinese text, where no prefilter helps since
/// every character starts with one of a few lead bytes); larger sets let
/// the crate choose, to bound memory.
const DFA_MAX_PATTERN_BYTES: usize = 48 * 1024;

/// The literals of many rules interned into one pattern list: each distinct
/// string is one pattern of a single automaton, carrying every rule entry
/// that uses it (so a literal shared by two rules is searched once).
pub(crate) struct PatternTable<E> {
    ids: std::collections::HashMap<String, usize>,
    patterns: Vec<String>,
    by_pattern: Vec<Vec<E>>,
}

impl<E> PatternTable<E> {
    pub(crate) fn new() -> Self {
        PatternTable {
            ids: Default::default(),
            patterns: Vec::new(),
            by_pattern: Vec::new(),
        }
    }

    /// Register `entry` under `literal`.
    pub(crate) fn add(&mut self, literal: &str, entry: E) {
        let id = match self.ids.get(literal) {
            Some(&id) => id,
            None => {
                self.ids.insert(literal.to_string(), self.patterns.len());
                self.patterns.push(literal.to_string());
                self.by_pattern.push(Vec::new());
                self.patterns.len() - 1
            }
        };
        self.by_pattern[id].push(entry);
    }

    /// The automaton over the literals, and the entries by pattern id.
    pub(crate) fn build(self) -> (aho_corasick::AhoCorasick, Vec<Vec<E>>) {
        (automaton(&self.patterns), self.by_pattern)
    }
}

/// Build a leftmost-longest automaton over `patterns`.
pub(crate) fn automaton(patterns: &[String]) -> aho_corasick::AhoCorasick {
    let bytes: usize = patterns.iter().map(String::len).sum();
    let kind = (bytes <= DFA_MAX_PATTERN_BYTES).then_some(aho_corasick::AhoCorasickKind::DFA);
    aho_corasick::AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .kind(kind)
        .build(patterns)
        .or_else(|_| {
            aho_corasick::AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::LeftmostLongest)
                .build(patterns)
        })
        .expect("literal patterns always build")
}

/// The byte offset just after the char starting at `at`.
pub(crate) fn next_char(text: &str, at: usize) -> usize {
    text[at..]
        .chars()
        .next()
        .map_or(text.len(), |c| at + c.len_utf8())
}
