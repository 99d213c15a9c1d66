//! Rules: what the engine knows about each rule, and the trait that checks text.
//!
//! Two things are kept apart on purpose:
//!
//! * [`RuleMeta`] is a rule's identity and documentation (id, family,
//!   severity, message, norm, examples). Every rule has exactly one, whether
//!   it is implemented in Rust (engine-native families) or declared as data
//!   in a TOML rule set.
//! * [`Checker`] is code that reads a document and reports [`Finding`]s for
//!   one *or more* rules. Native rules get one checker each; data-driven
//!   rules of the same kind are compiled together, so that, e.g., every term
//!   list of every rule set is searched with a single Aho-Corasick automaton
//!   and a single pass over the text.
//!
//! Checkers are `Send + Sync` and take `&self`: one instance serves all
//! threads. They read the prose view and report in prose coordinates; the
//! engine maps to source offsets, applies severities, suppressions and
//! validity dates.

pub(crate) mod message;
pub(crate) mod params;

use crate::diagnostic::Severity;
use crate::document::Document;
use crate::fix::{Applicability, Fix};
use crate::span::Span;
use chrono::NaiveDate;
use std::fmt;
use std::sync::OnceLock;

/// The five rule families (README, "The rule families"). Fixed: rule ids are `family/name`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Family {
    /// Punctuation marks (GB/T 15834—2011): widths, forms, pairing, spacing.
    Punctuation,
    /// Canonical formulations, ordered enumerations, banned and cautious words.
    Terminology,
    /// Dates, times and numbers (GB/T 15835—2011, GB/T 9704—2012).
    Dates,
    /// Persons and titles: name forms, title order, titles checked against the dated registry.
    Names,
    /// Scraped site chrome and repeated text, within a document or across a corpus.
    Boilerplate,
}

impl Family {
    /// Every family, in the order the documentation lists them.
    pub const ALL: [Family; 5] = [
        Family::Punctuation,
        Family::Terminology,
        Family::Dates,
        Family::Names,
        Family::Boilerplate,
    ];

    /// The family's name: the part of a rule id before the `/`.
    pub fn as_str(self) -> &'static str {
        match self {
            Family::Punctuation => "punctuation",
            Family::Terminology => "terminology",
            Family::Dates => "dates",
            Family::Names => "names",
            Family::Boilerplate => "boilerplate",
        }
    }

    /// The family named `name` (exact, lowercase); `None` for any other string.
    pub fn from_name(name: &str) -> Option<Family> {
        Family::ALL.into_iter().find(|f| f.as_str() == name)
    }

    /// The family of a rule id `family/name`, if the id is well formed.
    pub fn of_rule_id(id: &str) -> Option<Family> {
        let (family, name) = id.split_once('/')?;
        is_kebab(name).then_some(())?;
        Family::from_name(family)
    }
}

impl fmt::Display for Family {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a rule is implemented: Rust code (`native`) or one of the
/// data-driven kinds a rule set declares in full.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// Rust code in `src/rules/<family>/`, declared in TOML.
    Native,
    /// Flag literal terms.
    Existence,
    /// Replace one term with another.
    Substitution,
    /// Members of a fixed enumeration in their fixed order.
    Sequence,
    /// One document writes a term one way throughout.
    Consistency,
    /// An abbreviation needs its full form earlier in the document.
    FirstMention,
    /// A regular expression, with an optional replacement.
    Pattern,
}

impl Kind {
    /// Every kind, in the order the documentation lists them.
    pub const ALL: [Kind; 7] = [
        Kind::Native,
        Kind::Existence,
        Kind::Substitution,
        Kind::Sequence,
        Kind::Consistency,
        Kind::FirstMention,
        Kind::Pattern,
    ];

    /// The kind's name in rule-set files (`kind = "first-mention"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Native => "native",
            Kind::Existence => "existence",
            Kind::Substitution => "substitution",
            Kind::Sequence => "sequence",
            Kind::Consistency => "consistency",
            Kind::FirstMention => "first-mention",
            Kind::Pattern => "pattern",
        }
    }

    /// The kind named `name` in a rule-set file.
    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `lower-kebab-case`: ASCII lowercase letters and digits in dash-separated words.
pub fn is_kebab(s: &str) -> bool {
    !s.is_empty()
        && s.split('-').all(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// One inline example of a rule, run by the test suite.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Example {
    /// Text the rule must flag.
    pub bad: Option<String>,
    /// What `bad` becomes after fixing (with `--unsafe` if the rule's fixes are unsafe).
    pub fixed: Option<String>,
    /// Text the rule must leave alone.
    pub good: Option<String>,
    /// The document date to check the example at (date-aware rules).
    pub date: Option<NaiveDate>,
}

/// A rule's identity and documentation.
#[derive(Clone, Debug)]
pub struct RuleMeta {
    /// `family/name`, kebab-case.
    pub id: String,
    /// The family named by the id's first part.
    pub family: Family,
    /// Native code or one of the data-driven kinds.
    pub kind: Kind,
    /// The severity declared by the rule set (before the settings' overrides).
    pub severity: Severity,
    /// The applicability of the fixes this rule offers, if it offers any.
    pub fix: Option<Applicability>,
    /// Whether the rule runs when nothing selects it explicitly.
    pub default_enabled: bool,
    /// One line, shown by `guifan rules`.
    pub summary: String,
    /// The message template (placeholders such as `{match}` are filled by the checker).
    pub message: String,
    /// Long documentation, shown by `guifan explain`.
    pub description: String,
    /// The norm behind the rule, e.g. "GB/T 15834—2011 4.13".
    pub source: Option<String>,
    /// The rule applies to documents dated on or after `since` …
    pub since: Option<NaiveDate>,
    /// … and before `until`.
    pub until: Option<NaiveDate>,
    /// The inline examples the rule must pass (checked by [`crate::engine::examples`]).
    pub examples: Vec<Example>,
    /// Where the rule was declared: `builtin:punctuation` or a file path.
    pub origin: String,
}

impl RuleMeta {
    /// Whether a document dated `date` falls in the rule's validity window.
    pub fn applies_on(&self, date: NaiveDate) -> bool {
        self.since.is_none_or(|s| date >= s) && self.until.is_none_or(|u| date < u)
    }
}

/// Index of a rule in the linter's rule table.
pub type RuleIndex = usize;

/// What a checker reports, in prose-view coordinates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// The rule reported, as an index into the linter's rule table.
    pub rule: RuleIndex,
    /// The flagged text, as a byte range of the prose view.
    pub span: Span,
    /// The filled-in message for the user (Chinese).
    pub message: String,
    /// A short hint, e.g. the suggested replacement; `None` when there is none.
    pub help: Option<String>,
    /// Edits in prose-view coordinates.
    pub fix: Option<Fix>,
    /// The finding is about whole lines, URLs and e-mail addresses on them
    /// included (a footer with the site's address): the engine keeps it
    /// even though its span touches masked text.
    pub whole_lines: bool,
}

impl Finding {
    /// A finding of `rule` at `span` (prose view) with no help and no fix.
    pub fn new(rule: RuleIndex, span: Span, message: impl Into<String>) -> Self {
        Finding {
            rule,
            span,
            message: message.into(),
            help: None,
            fix: None,
            whole_lines: false,
        }
    }
    /// The same finding with `help` as its hint.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
    /// The same finding with `fix` (edits in prose-view coordinates).
    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }
    /// See [`Finding::whole_lines`].
    pub fn of_whole_lines(mut self) -> Self {
        self.whole_lines = true;
        self
    }
}

/// What a checker may read: the document and lazily computed analyses of it.
pub struct CheckContext<'a> {
    /// The document being checked.
    pub doc: &'a Document,
    words: OnceLock<Vec<Span>>,
    spaces: OnceLock<Vec<Span>>,
    persons: OnceLock<Vec<crate::names::PersonMention>>,
    known: &'a crate::names::KnownNames,
}

impl<'a> CheckContext<'a> {
    /// A context for `doc` in which person detection knows no names in advance.
    pub fn new(doc: &'a Document) -> Self {
        Self::with_known_names(doc, crate::names::KnownNames::none())
    }

    /// A context whose person detection takes `known` (the registry's
    /// leaders and rostered people) as certainly persons.
    pub fn with_known_names(doc: &'a Document, known: &'a crate::names::KnownNames) -> Self {
        CheckContext {
            doc,
            words: OnceLock::new(),
            spaces: OnceLock::new(),
            persons: OnceLock::new(),
            known,
        }
    }

    /// The prose view.
    pub fn text(&self) -> &'a str {
        self.doc.prose()
    }

    /// The document's date.
    pub fn date(&self) -> NaiveDate {
        self.doc.date().date
    }

    /// Word boundaries of the prose view from jieba, computed on first use
    /// (only rules that need word boundaries pay for segmentation).
    pub fn words(&self) -> &[Span] {
        self.words
            .get_or_init(|| crate::text::segment::words(self.doc.prose()))
    }

    /// The runs of horizontal space in the prose view
    /// ([`crate::text::chars::space_runs`]), found on first use and shared
    /// by the rules on spacing.
    pub fn space_runs(&self) -> &[Span] {
        self.spaces
            .get_or_init(|| crate::text::chars::space_runs(self.doc.prose()))
    }

    /// The persons mentioned in the prose view ([`crate::names::detect`]),
    /// detected on first use and shared by every names rule.
    pub fn persons(&self) -> &[crate::names::PersonMention] {
        self.persons
            .get_or_init(|| crate::names::detect(self.doc.prose(), self.known))
    }

    /// Whether byte `offset` of the prose view falls between two words.
    pub fn is_word_boundary(&self, offset: usize) -> bool {
        offset == 0
            || offset >= self.text().len()
            || self
                .words()
                .binary_search_by_key(&offset, |w| w.start)
                .is_ok()
    }

    /// Whether `span` starts and ends between words (it does not cut a word).
    pub fn on_word_boundaries(&self, span: Span) -> bool {
        self.is_word_boundary(span.start) && self.is_word_boundary(span.end)
    }
}

/// Code that checks a document for one or more rules.
pub trait Checker: Send + Sync {
    /// Append to `out` the findings of this checker's rules in `ctx`'s document,
    /// in prose-view coordinates and in any order.
    fn check(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>);

    /// Whether the check holds tables in proportion to the whole document
    /// while it runs (a fingerprint of every window, a copy of the text).
    /// The engine runs such checkers first, while the findings of the
    /// others do not yet take room, so that a large document's peak memory
    /// is the larger of the two and not their sum. Order does not change
    /// what is reported.
    fn holds_document_tables(&self) -> bool {
        false
    }
}
