//! The serde schema of a rule-set file.
//!
//! One struct holds the fields of every kind (`deny_unknown_fields` catches
//! typos); each kind's compiler rejects fields that do not belong to it.

use crate::diagnostic::Severity;
use crate::fix::Applicability;
use crate::names::schema::{PersonDecl, TitleDecl};
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RuleSetFile {
    pub ruleset: Option<RuleSetHeader>,
    #[serde(default)]
    pub rule: Vec<RuleDecl>,
    /// People and their dated titles (the names registry; see `crate::names::registry`).
    #[serde(default)]
    pub person: Vec<Spanned<PersonDecl>>,
    /// Titles: other written forms and the institution qualifiers of a title.
    #[serde(default)]
    pub title: Vec<Spanned<TitleDecl>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RuleSetHeader {
    pub name: String,
    pub description: Option<String>,
}

fn yes() -> bool {
    true
}

fn warning() -> Severity {
    Severity::Warning
}

/// One `[[rule]]` table.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RuleDecl {
    // ---- common to every kind ----
    /// The rule id `family/name`, with its place in the file.
    pub id: Spanned<String>,
    /// The kind's name (`native`, `existence`, `first-mention`, …), with its place in the file.
    pub kind: Spanned<String>,
    /// The rule's default severity; `warning` when absent.
    #[serde(default = "warning")]
    pub severity: Severity,
    /// The applicability of the rule's fixes; absent = the rule offers none.
    pub fix: Option<Applicability>,
    /// Whether the rule runs when nothing selects it explicitly; `true` when absent.
    #[serde(default = "yes")]
    pub enabled: bool,
    /// One line, shown by `guifan rules`; also the message when `message` is absent.
    pub summary: String,
    /// The message template (placeholders such as `{match}`); `summary` when absent.
    pub message: Option<String>,
    /// Long documentation for `guifan explain`; empty when absent.
    pub description: Option<String>,
    /// The norm behind the rule, e.g. `GB/T 15834—2011 4.13`.
    pub source: Option<String>,
    /// First date (YYYY-MM-DD, inclusive) on which the rule applies to a document.
    pub since: Option<Spanned<String>>,
    /// Date (YYYY-MM-DD, exclusive) from which the rule no longer applies.
    pub until: Option<Spanned<String>>,
    /// The rule's inline examples, each with its place in the file.
    #[serde(default)]
    pub examples: Vec<Spanned<ExampleDecl>>,

    // ---- native ----
    /// Parameters for a native rule (or extra options for any kind).
    pub params: Option<Spanned<toml::Table>>,

    // ---- existence / substitution ----
    /// Literal terms to flag (existence).
    pub tokens: Option<Spanned<Vec<String>>>,
    /// wrong → right (substitution).
    pub swap: Option<Spanned<BTreeMap<String, String>>>,
    /// `literal` (default) or `word` (the match must align with jieba words).
    pub boundary: Option<Spanned<String>>,
    /// Longer strings that contain a match and make it right (e.g. 亲自部署 in a context).
    pub exceptions: Option<Spanned<Vec<String>>>,
    /// The match is not flagged when immediately preceded by one of these.
    pub not_after: Option<Spanned<Vec<String>>>,
    /// The match is not flagged when immediately followed by one of these.
    pub not_before: Option<Spanned<Vec<String>>>,

    // ---- sequence ----
    /// The enumeration's name, e.g. `四个意识`.
    pub name: Option<Spanned<String>>,
    /// Its members, in the canonical order.
    pub members: Option<Spanned<Vec<String>>>,

    // ---- consistency ----
    /// Groups of variants; one variant per group per document.
    pub variants: Option<Spanned<Vec<Vec<String>>>>,

    // ---- first-mention ----
    /// The full form that must come first.
    pub full: Option<Spanned<String>>,
    /// Abbreviations that need the full form earlier in the document.
    pub short: Option<Spanned<Vec<String>>>,

    // ---- pattern ----
    /// A regular expression (Rust `regex` syntax).
    pub regex: Option<Spanned<String>>,
    /// Replacement with `$1`/`${name}` capture references.
    pub replacement: Option<Spanned<String>>,
}

/// One inline example: `{ bad = "…", fixed = "…" }` or `{ good = "…" }`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ExampleDecl {
    /// Text the rule must flag.
    pub bad: Option<String>,
    /// What `bad` becomes after fixing; requires `bad`.
    pub fixed: Option<String>,
    /// Text the rule must leave alone.
    pub good: Option<String>,
    /// The document date for this example (YYYY-MM-DD).
    pub date: Option<String>,
}
