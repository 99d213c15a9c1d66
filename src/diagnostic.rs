//! What a rule reports, once the engine has resolved it against the document.

use crate::fix::Fix;
use crate::span::Span;
use serde::{Deserialize, Serialize};
use std::fmt;

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth a look; fails a run only with `fail-on = "info"`.
    Info,
    /// Probably wrong; fails a run with `fail-on = "warning"` or lower.
    Warning,
    /// Wrong; fails `guifan check` under the default `fail-on`.
    Error,
}

impl Severity {
    /// Every severity, most serious first.
    pub const ALL: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

    /// The lowercase name used in configuration and machine-readable output
    /// (`error`, `warning`, `info`); `FromStr` parses it back.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// The Chinese label shown to users.
    pub fn label_zh(self) -> &'static str {
        match self {
            Severity::Info => "提示",
            Severity::Warning => "警告",
            Severity::Error => "错误",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "info" => Ok(Severity::Info),
            "warning" => Ok(Severity::Warning),
            "error" => Ok(Severity::Error),
            other => Err(format!(
                "unknown severity `{other}` (expected error, warning or info)"
            )),
        }
    }
}

/// A finding located in the original source text (byte offsets into the file as read).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// `family/name`.
    pub rule: String,
    /// The rule's severity after the settings' severity overrides.
    pub severity: Severity,
    /// What is wrong at this place, in Chinese, with the rule's placeholders filled in.
    pub message: String,
    /// An optional short hint, e.g. the suggested replacement.
    pub help: Option<String>,
    /// The flagged text, as a byte range into the source as read (not the prose view).
    pub span: Span,
    /// Edits that resolve the finding, in source byte offsets; `None` when the
    /// rule offers no automatic fix here.
    pub fix: Option<Fix>,
}
