//! Settings that shape a linter: which rules run, at which severity, with
//! which parameters. Parsed from `guifan.toml` (the CLI finds the file and
//! resolves paths; parsing and validation are pure and live here).

use crate::diagnostic::Severity;
use crate::source_error::SourceError;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Rule selection and tuning, the library-level view of configuration.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// Rules to run: ids, family names or `all`. `None` = each rule's default.
    pub select: Option<Vec<String>>,
    /// Added to the selection (ids, families, `all`).
    pub extend_select: Vec<String>,
    /// Removed from the selection (ids or families).
    pub ignore: Vec<String>,
    /// Severity overrides by rule id or family (an id beats its family).
    pub severity: BTreeMap<String, Severity>,
    /// Parameter overrides by rule id, merged over the rule's TOML `params`.
    pub options: BTreeMap<String, toml::Table>,
}

/// The contents of a `guifan.toml`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ConfigFile {
    /// Rules to run (ids, families or `all`); default: every rule enabled by default.
    pub select: Option<Vec<String>>,
    /// Added to the selection (ids, families or `all`).
    #[serde(default)]
    pub extend_select: Vec<String>,
    /// Removed from the selection (ids or families); wins over `select` and `extend-select`.
    #[serde(default)]
    pub ignore: Vec<String>,
    /// Extra rule-set files, relative to the config file.
    #[serde(default)]
    pub rules: Vec<String>,
    /// Gitignore-style globs of paths not to check.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Apply `exclude` to files named on the command line too (the CLI's
    /// `--force-exclude`; for tools such as pre-commit that pass file names).
    #[serde(default)]
    pub force_exclude: bool,
    /// Per-path rule ignores: glob → rule ids or families.
    #[serde(default)]
    pub per_file_ignores: BTreeMap<String, Vec<String>>,
    /// The lowest severity that makes `guifan check` fail (exit 1). Default `error`.
    pub fail_on: Option<Severity>,
    /// The date for documents without a metadata date (YYYY-MM-DD).
    pub as_of: Option<String>,
    /// Severity overrides: rule id or family → severity.
    #[serde(default)]
    pub severity: BTreeMap<String, Severity>,
    /// Rule parameters: rule id → table merged over the rule's `params`.
    #[serde(default)]
    pub options: BTreeMap<String, toml::Table>,
}

impl ConfigFile {
    /// Parse a `guifan.toml`; `origin` names the file in messages. Checks the
    /// TOML and its keys only: rule selectors are checked when a linter is built.
    pub fn parse(origin: &str, text: &str) -> Result<ConfigFile, SourceError> {
        let source: Arc<str> = Arc::from(text);
        toml::from_str(text).map_err(|e| {
            SourceError::new(
                origin,
                &source,
                e.span(),
                format!("配置文件 {origin} 无效：{}", e.message().trim()),
                "此处",
            )
        })
    }

    /// The linter-level part of the file (selection, severities, options); paths,
    /// excludes, `fail-on` and `as-of` are the caller's to apply.
    pub fn settings(&self) -> Settings {
        Settings {
            select: self.select.clone(),
            extend_select: self.extend_select.clone(),
            ignore: self.ignore.clone(),
            severity: self.severity.clone(),
            options: self.options.clone(),
        }
    }
}

/// The starter `guifan.toml` written by `guifan init`.
pub const STARTER_CONFIG: &str = include_str!("starter.toml");
