//! `--statistics`: instead of the findings, one row per rule with the
//! number of findings and how many of them `guifan fix` can fix, most
//! frequent first (ties by rule id).
//!
//! ```text
//!  数量  可修复  级别  规则                          说明
//!   120     118  错误  punctuation/halfwidth-in-cjk  中文语境中使用了半角标点
//!     3       0  警告  dates/weekday-mismatch        日期与星期不符
//! ```
//!
//! With `--format json` the same rows as a JSON array of objects (`rule`,
//! `severity`, `count`, `fixable`, `summary`). Files that could not be
//! checked are listed after the table (JSON: on stderr, by the caller).

use super::human::summary_lines;
use super::{FileReport, ReportOptions, Reporter, RuleInfo, Summary};
use crate::diagnostic::Severity;
use crate::fix::Applicability;
use serde::Serialize;
use std::collections::HashMap;
use std::io::{self, Write};
use unicode_width::UnicodeWidthStr;

#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
/// One row of `--statistics`.
pub struct RuleCount {
    /// The rule id.
    pub rule: String,
    /// The findings' severity (`error`, `warning`, `info`).
    pub severity: &'static str,
    /// How many findings.
    pub count: usize,
    /// How many of them `guifan fix` (with `--unsafe` when given) fixes.
    pub fixable: usize,
    /// The rule's one-line summary.
    pub summary: String,
}

/// The `--statistics` reporter: findings counted per rule, most frequent first.
pub struct Statistics {
    json: bool,
    unsafe_fixes: bool,
    quiet: bool,
    summaries: HashMap<String, String>,
    /// rule → (severity, count, fixable)
    counts: HashMap<String, (Severity, usize, usize)>,
    errors: Vec<(String, String)>,
}

impl Statistics {
    /// A table (or, with `json`, a JSON array) over the rules `rules`.
    pub fn new(options: &ReportOptions, rules: &[RuleInfo], json: bool) -> Self {
        Statistics {
            json,
            unsafe_fixes: options.unsafe_fixes,
            quiet: options.quiet,
            summaries: rules
                .iter()
                .map(|r| (r.id.clone(), r.summary.clone()))
                .collect(),
            counts: HashMap::new(),
            errors: Vec::new(),
        }
    }

    /// The rows, most frequent first.
    pub fn rows(&self) -> Vec<RuleCount> {
        let mut rows: Vec<RuleCount> = self
            .counts
            .iter()
            .map(|(rule, (severity, count, fixable))| RuleCount {
                rule: rule.clone(),
                severity: severity.as_str(),
                count: *count,
                fixable: *fixable,
                summary: self.summaries.get(rule).cloned().unwrap_or_default(),
            })
            .collect();
        rows.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.rule.cmp(&b.rule)));
        rows
    }
}

fn pad(s: &str, width: usize) -> String {
    let w = UnicodeWidthStr::width(s);
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

fn severity_zh(s: &str) -> &'static str {
    match s {
        "error" => Severity::Error.label_zh(),
        "warning" => Severity::Warning.label_zh(),
        _ => Severity::Info.label_zh(),
    }
}

impl Reporter for Statistics {
    fn file(&mut self, _out: &mut dyn Write, report: &FileReport<'_>) -> io::Result<()> {
        if let Some(e) = &report.error {
            self.errors.push((report.path.to_string(), e.clone()));
        }
        for d in report.diagnostics {
            let entry = self
                .counts
                .entry(d.rule.clone())
                .or_insert((d.severity, 0, 0));
            entry.0 = entry.0.max(d.severity);
            entry.1 += 1;
            let fixable = d
                .fix
                .as_ref()
                .is_some_and(|f| f.applicability == Applicability::Safe || self.unsafe_fixes);
            entry.2 += usize::from(fixable);
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        let rows = self.rows();
        if self.json {
            serde_json::to_writer_pretty(&mut *out, &rows).map_err(io::Error::other)?;
            out.write_all(b"\n")?;
            return out.flush();
        }
        if !rows.is_empty() {
            let count_w = rows
                .iter()
                .map(|r| r.count.to_string().len())
                .max()
                .unwrap_or(1)
                .max(4);
            let fix_w = rows
                .iter()
                .map(|r| r.fixable.to_string().len())
                .max()
                .unwrap_or(1)
                .max(6);
            let rule_w = rows.iter().map(|r| r.rule.len()).max().unwrap_or(0).max(4);
            writeln!(
                out,
                "{}  {}  级别  {}  说明",
                " ".repeat(count_w - 4) + "数量",
                " ".repeat(fix_w - 6) + "可修复",
                pad("规则", rule_w)
            )?;
            for r in &rows {
                let line = format!(
                    "{:>count_w$}  {:>fix_w$}  {}  {}  {}",
                    r.count,
                    r.fixable,
                    severity_zh(r.severity),
                    pad(&r.rule, rule_w),
                    r.summary
                );
                writeln!(out, "{}", line.trim_end())?;
            }
        }
        for (path, e) in &self.errors {
            writeln!(out, "{path}: 错误：{e}")?;
        }
        if !self.quiet {
            if !rows.is_empty() || !self.errors.is_empty() {
                out.write_all(b"\n")?;
            }
            for line in summary_lines(summary, self.errors.len(), self.unsafe_fixes) {
                writeln!(out, "{line}")?;
            }
        }
        out.flush()
    }
}
