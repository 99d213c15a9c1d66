//! Rule sets: TOML files that declare rules (README, "Writing rule sets").
//!
//! Every built-in rule is declared in `rules/*.toml`, embedded in the binary,
//! so users can read, tune, disable or copy any of them; users add their own
//! sets through `guifan.toml` or `--rules`. A rule set is data: for the
//! engine-native families (punctuation width, dates, names, boilerplate) the
//! TOML declares the rule's identity, message, norm, parameters and inline
//! examples and names Rust code (`kind = "native"`); for the data-driven kinds
//! (`existence`, `substitution`, `sequence`, `consistency`, `first-mention`,
//! `pattern`) the TOML is the whole rule.
//!
//! Loading is strict: unknown keys, malformed ids, unknown kinds, bad dates,
//! bad regexes and rules that can never match are errors that point at the
//! TOML line (a [`SourceError`], rendered by miette), never a panic and never
//! silently ignored.

mod builtin;
pub(crate) mod kinds;
pub(crate) mod schema;

pub use builtin::builtin_rule_sets;
pub use schema::{ExampleDecl, RuleDecl};

use crate::rule::{Example, Family, Kind, RuleMeta, is_kebab};
use crate::source_error::SourceError;
use schema::RuleSetFile;
use std::collections::HashSet;
use std::sync::Arc;

/// A parsed and validated rule set.
#[derive(Clone, Debug)]
pub struct RuleSet {
    /// The set's name from its `[ruleset]` header, or `origin` when it has none.
    pub name: String,
    /// The set's description from its `[ruleset]` header; empty when absent.
    pub description: String,
    /// `builtin:<name>` or the file's path.
    pub origin: String,
    /// The TOML text, kept for error reporting while compiling.
    pub source: Arc<str>,
    /// The set's rules in file order, ids unique within the set.
    pub rules: Vec<RuleDef>,
    /// The people and titles of the set (`[[person]]`, `[[title]]`).
    pub registry: crate::names::registry::RegistryData,
}

/// One declared rule: its metadata plus the kind-specific declaration.
#[derive(Clone, Debug)]
pub struct RuleDef {
    /// The rule's identity and documentation, resolved and validated.
    pub meta: RuleMeta,
    /// The `[[rule]]` table as written, for the kind's compiler.
    pub decl: RuleDecl,
}

impl RuleSet {
    /// Parse and validate a rule-set file. `origin` names it in messages.
    pub fn parse(origin: &str, text: &str) -> Result<RuleSet, SourceError> {
        Self::parse_checked(origin, text, true)
    }

    /// Parse a rule set whose kind-specific fields the test suite has
    /// validated (the built-in sets): everything is checked as by
    /// [`RuleSet::parse`] except that a rule's kind is not compiled to see
    /// whether it can match (a pattern rule's regex is compiled only when
    /// the rule is selected). Compiling every pattern was half of the cost
    /// of loading the built-in sets, paid by every process, for errors that
    /// cannot be there.
    pub(crate) fn parse_trusted(origin: &str, text: &str) -> Result<RuleSet, SourceError> {
        Self::parse_checked(origin, text, false)
    }

    fn parse_checked(origin: &str, text: &str, compile: bool) -> Result<RuleSet, SourceError> {
        let source: Arc<str> = Arc::from(text);
        let file: RuleSetFile = toml::from_str(text).map_err(|e| {
            SourceError::new(
                origin,
                &source,
                e.span(),
                format!("规则集 {origin} 无法解析：{}", e.message().trim()),
                "此处",
            )
        })?;
        let cx = FileCx {
            origin,
            source: &source,
            compile,
        };
        let mut seen = HashSet::new();
        let mut rules = Vec::with_capacity(file.rule.len());
        for decl in file.rule {
            rules.push(cx.rule(decl, &mut seen)?);
        }
        let name = file
            .ruleset
            .as_ref()
            .map(|r| r.name.clone())
            .unwrap_or_else(|| origin.to_string());
        let description = file.ruleset.and_then(|r| r.description).unwrap_or_default();
        let registry = crate::names::registry::parse(origin, &source, file.person, file.title)?;
        Ok(RuleSet {
            registry,
            name,
            description,
            origin: origin.to_string(),
            source,
            rules,
        })
    }
}

/// The file a rule set is parsed from, for errors that point into it.
struct FileCx<'a> {
    origin: &'a str,
    source: &'a Arc<str>,
    /// Compile each rule's kind to validate it ([`RuleSet::parse_trusted`]).
    compile: bool,
}

impl FileCx<'_> {
    fn err(&self, span: std::ops::Range<usize>, msg: String, label: &str) -> SourceError {
        SourceError::new(self.origin, self.source, Some(span), msg, label)
    }

    /// One `[[rule]]` checked and turned into its definition; `seen` holds
    /// the ids of the rules before it.
    fn rule(&self, decl: RuleDecl, seen: &mut HashSet<String>) -> Result<RuleDef, SourceError> {
        let origin = self.origin;
        let err = |span, msg, label: &str| self.err(span, msg, label);
        let id = decl.id.get_ref().clone();
        let id_span = decl.id.span();
        let family = self.family(&id, id_span.clone())?;
        if !seen.insert(id.clone()) {
            return Err(err(
                id_span,
                format!("规则 id `{id}` 在本规则集中重复出现"),
                "重复的 id",
            ));
        }
        let Some(kind) = Kind::from_name(decl.kind.get_ref()) else {
            let names: Vec<_> = Kind::ALL.iter().map(|k| k.as_str()).collect();
            return Err(err(
                decl.kind.span(),
                format!("规则 `{id}` 的类型 `{}` 未知", decl.kind.get_ref()),
                "未知类型",
            )
            .with_help(format!("可用类型：{}", names.join("、"))));
        };
        let parse_date = |d: &Option<toml::Spanned<String>>| -> Result<_, SourceError> {
            d.as_ref()
                .map(|d| {
                    chrono::NaiveDate::parse_from_str(d.get_ref(), "%Y-%m-%d").map_err(|_| {
                        err(
                            d.span(),
                            format!("规则 `{id}` 的日期 `{}` 无效，应为 YYYY-MM-DD", d.get_ref()),
                            "无效日期",
                        )
                    })
                })
                .transpose()
        };
        let since = parse_date(&decl.since)?;
        let until = parse_date(&decl.until)?;
        let examples = self.examples(&decl, &id)?;
        if self.compile {
            kinds::validate(&decl, origin, self.source)?;
        }
        let meta = RuleMeta {
            id: id.clone(),
            family,
            kind,
            severity: decl.severity,
            fix: decl.fix,
            default_enabled: decl.enabled,
            summary: decl.summary.clone(),
            message: decl.message.clone().unwrap_or_else(|| decl.summary.clone()),
            description: decl.description.clone().unwrap_or_default(),
            source: decl.source.clone(),
            since,
            until,
            examples,
            origin: origin.to_string(),
        };
        Ok(RuleDef { meta, decl })
    }

    /// The family of a rule id, or why the id is malformed.
    fn family(&self, id: &str, id_span: std::ops::Range<usize>) -> Result<Family, SourceError> {
        let Some(family) = Family::of_rule_id(id) else {
            let (fam, name) = id.split_once('/').unwrap_or(("", id));
            let why = if Family::from_name(fam).is_none() {
                format!(
                    "规则 id `{id}` 的族名无效：应为 punctuation、terminology、dates、names、boilerplate 之一"
                )
            } else if !is_kebab(name) {
                format!(
                    "规则 id `{id}` 的名称应为小写短横线形式（kebab-case），如 `halfwidth-in-cjk`"
                )
            } else {
                format!("规则 id `{id}` 应为 `族/名称` 形式")
            };
            return Err(self.err(id_span, why, "无效的规则 id"));
        };
        Ok(family)
    }

    /// The inline examples of a rule, checked.
    fn examples(&self, decl: &RuleDecl, id: &str) -> Result<Vec<Example>, SourceError> {
        let err = |span, msg, label: &str| self.err(span, msg, label);
        let mut examples = Vec::with_capacity(decl.examples.len());
        for ex in &decl.examples {
            let ex_span = ex.span();
            let ex = ex.get_ref();
            if ex.bad.is_none() && ex.good.is_none() {
                return Err(err(
                    ex_span,
                    format!("规则 `{id}` 的示例需要 `bad` 或 `good`"),
                    "空示例",
                ));
            }
            if ex.fixed.is_some() && ex.bad.is_none() {
                return Err(err(
                    ex_span,
                    format!("规则 `{id}` 的示例有 `fixed` 却没有 `bad`"),
                    "缺少 bad",
                ));
            }
            let date = ex
                .date
                .as_deref()
                .map(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d"))
                .transpose()
                .map_err(|_| {
                    err(
                        ex_span.clone(),
                        format!("规则 `{id}` 示例的日期无效，应为 YYYY-MM-DD"),
                        "无效日期",
                    )
                })?;
            examples.push(Example {
                bad: ex.bad.clone(),
                fixed: ex.fixed.clone(),
                good: ex.good.clone(),
                date,
            });
        }
        Ok(examples)
    }
}
