//! Rendering diagnostics: human (miette), JSON, SARIF, GitHub workflow
//! commands, unified diffs.
//!
//! Reporters write into any `Write`; they never open files or pick stdout
//! themselves, so the CLI, tests and embedders decide where output goes.
//! Output is streamed: [`Reporter::file`] is called once per file, in the
//! final (sorted) order, and must not keep per-file data beyond what its
//! format needs at the end (JSON and SARIF close their arrays in
//! [`Reporter::finish`]; they keep nothing else).

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::{DocumentDate, LineIndex};
use std::io::{self, Write};

/// Everything a reporter may need about one checked file.
pub struct FileReport<'a> {
    /// The path as given on the command line or found by walking (`-` or
    /// the `--stdin-filename` for stdin).
    pub path: &'a str,
    /// The file's text as read (empty when it could not be read).
    pub source: &'a str,
    /// Line starts of `source`.
    pub lines: &'a LineIndex,
    /// Diagnostics, sorted by position.
    pub diagnostics: &'a [Diagnostic],
    /// The document date used by date-aware rules.
    pub date: Option<DocumentDate>,
    /// Why the file could not be checked (unreadable, not UTF-8, …).
    pub error: Option<String>,
    /// The text after fixes, for the diff format (`None`: nothing to fix).
    pub fixed: Option<&'a str>,
    /// What `source` is when it is not the file's own text: `docx-text`,
    /// the text view of a Word document (offsets point into it).
    pub view: Option<&'static str>,
    /// The length of the document's prose in characters (what rates of
    /// findings per 10,000 characters divide by), when it was counted
    /// (`--show-date`; JSON key `files[].chars`).
    pub chars: Option<usize>,
}

/// Totals for the closing summary.
#[derive(Clone, Debug, Default)]
pub struct Summary {
    /// Files read and checked (those that failed are not counted here).
    pub files_checked: usize,
    /// Files that could not be checked (or, for `guifan fix`, written):
    /// unreadable, not a regular file, too large, not UTF-8, …
    pub files_failed: usize,
    /// Findings at severity error.
    pub errors: usize,
    /// Findings at severity warning.
    pub warnings: usize,
    /// Findings at severity info.
    pub infos: usize,
    /// Findings with a safe fix.
    pub fixable: usize,
    /// Findings with an unsafe fix (shown with `--unsafe`).
    pub unsafe_fixable: usize,
    /// For `guifan fix`: fixes applied and files changed.
    pub fixed: usize,
    /// For `guifan fix`: files whose text was changed.
    pub files_fixed: usize,
    /// `guifan check --baseline`: what the baseline hid and which of its
    /// entries no longer occur (JSON key `baseline`).
    pub baseline: Option<BaselineSummary>,
}

/// How a run compared with a baseline file.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct BaselineSummary {
    /// The baseline file, as named on the command line.
    pub file: String,
    /// Findings hidden because the baseline records them.
    pub matched: usize,
    /// Entries that no longer occur (fixed, or the file is gone): they can
    /// be removed by recording the baseline again.
    pub stale: Vec<StaleEntry>,
}

/// A baseline entry (or several equal ones, `count`) with no finding left.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct StaleEntry {
    /// The file, as the baseline records it.
    pub path: String,
    /// The rule id.
    pub rule: String,
    /// The finding's fingerprint (its text and a little context).
    pub fingerprint: String,
    /// How many equal entries found no finding.
    pub count: usize,
}

impl Summary {
    /// Count `diagnostics` into the severity and fixability totals (file counts
    /// are the caller's to keep).
    pub fn add(&mut self, diagnostics: &[Diagnostic]) {
        for d in diagnostics {
            match d.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
            match d.fix.as_ref().map(|f| f.applicability) {
                Some(crate::fix::Applicability::Safe) => self.fixable += 1,
                Some(crate::fix::Applicability::Unsafe) => self.unsafe_fixable += 1,
                None => {}
            }
        }
    }
}

/// One output format.
pub trait Reporter {
    /// Called once before any file.
    fn start(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
    /// Called once per file, in output order.
    fn file(&mut self, out: &mut dyn Write, report: &FileReport<'_>) -> io::Result<()>;
    /// Called once at the end.
    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()>;
}

pub mod concise;
pub mod diff;
pub mod fingerprint;
pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;
pub mod statistics;

/// The output formats of `guifan check --format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OutputFormat {
    /// Rustc-style reports with source excerpts ([`human`]).
    Human,
    /// One JSON document ([`json`]).
    Json,
    /// SARIF 2.1.0 ([`sarif`]).
    Sarif,
    /// GitHub Actions workflow commands ([`github`]).
    Github,
    /// Unified diffs of what `guifan fix` would change ([`diff`]).
    Diff,
    /// One line per finding: `path:line:col: 级别 rule 消息 [可修复]` ([`concise`]).
    Concise,
    /// GitLab Code Quality JSON ([`gitlab`]).
    Gitlab,
    /// JUnit XML, one test case per file ([`junit`]).
    Junit,
}

impl std::str::FromStr for OutputFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "human" | "text" => Ok(OutputFormat::Human),
            "json" => Ok(OutputFormat::Json),
            "sarif" => Ok(OutputFormat::Sarif),
            "github" => Ok(OutputFormat::Github),
            "diff" => Ok(OutputFormat::Diff),
            "concise" => Ok(OutputFormat::Concise),
            "gitlab" => Ok(OutputFormat::Gitlab),
            "junit" => Ok(OutputFormat::Junit),
            other => Err(format!(
                "unknown format `{other}` (expected human, concise, json, sarif, github, gitlab, junit or diff)"
            )),
        }
    }
}

/// Options that shape a reporter.
#[derive(Clone, Debug, Default)]
pub struct ReportOptions {
    /// ANSI colours (human and diff formats).
    pub color: bool,
    /// Whether unsafe fixes count as applicable (`--unsafe`): the human
    /// format says which findings `guifan fix` would fix.
    pub unsafe_fixes: bool,
    /// Terminal width for the human format (`None`: 100 columns).
    pub width: Option<usize>,
    /// Include the per-file `files` array in JSON (document date, errors).
    pub show_files: bool,
    /// `--quiet`: the human format prints the findings only, no closing
    /// summary (machine formats are unaffected).
    pub quiet: bool,
    /// `--format github` in a GitHub Actions job: the file named by
    /// `GITHUB_STEP_SUMMARY`, to which a Markdown summary is appended.
    pub step_summary: Option<std::path::PathBuf>,
}

/// Rule facts a reporter may need (SARIF lists every rule that ran).
#[derive(Clone, Debug)]
pub struct RuleInfo {
    /// The rule id, `family/name`.
    pub id: String,
    /// The rule's one-line summary.
    pub summary: String,
    /// The rule's severity after the settings' overrides.
    pub severity: Severity,
    /// The norm behind the rule, if it names one.
    pub source: Option<String>,
    /// The long documentation (`guifan explain`), Markdown-ish text.
    pub description: String,
}

/// A reporter for `format`.
pub fn reporter(
    format: OutputFormat,
    options: &ReportOptions,
    rules: &[RuleInfo],
) -> Box<dyn Reporter> {
    match format {
        OutputFormat::Human => Box::new(human::Human::new(options)),
        OutputFormat::Json => Box::new(json::Json::new(options)),
        OutputFormat::Sarif => Box::new(sarif::Sarif::new(rules)),
        OutputFormat::Github => Box::new(github::Github::with_step_summary(
            options.step_summary.clone(),
        )),
        OutputFormat::Diff => Box::new(diff::Diff::new(options)),
        OutputFormat::Concise => Box::new(concise::Concise::new(options)),
        OutputFormat::Gitlab => Box::new(gitlab::Gitlab::new()),
        OutputFormat::Junit => Box::new(junit::Junit::new()),
    }
}

/// The `--statistics` reporter: a table of findings per rule (`json`: a
/// JSON array of the same rows).
pub fn statistics_reporter(
    options: &ReportOptions,
    rules: &[RuleInfo],
    json: bool,
) -> Box<dyn Reporter> {
    Box::new(statistics::Statistics::new(options, rules, json))
}
