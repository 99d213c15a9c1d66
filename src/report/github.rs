//! `--format github`: GitHub Actions workflow commands, which GitHub shows
//! as annotations on the pull request's changed lines.
//!
//! One line per diagnostic:
//!
//! ```text
//! ::error file=docs/a.txt,line=5,col=9,endLine=5,endColumn=10,title=punctuation/halfwidth-in-cjk::中文语境中应使用全角“，”
//! ```
//!
//! `error`, `warning` and `notice` (for `info`). Columns count characters,
//! as everywhere in guifan. Property values and the message are escaped as
//! GitHub's runner expects (`%`, CR, LF everywhere; `:` and `,` in properties
//! too). A file that could not be checked gets an `::error file=…::` line.
//!
//! In a GitHub Actions job (`GITHUB_STEP_SUMMARY` names a file; the caller
//! passes it as [`ReportOptions::step_summary`](super::ReportOptions)), the
//! reporter also appends a Markdown summary to that file, shown on the
//! run's page: totals, a table of findings per rule, and the first
//! [`SUMMARY_PER_FILE`] findings of each file (at most
//! [`SUMMARY_FILES`] files).

use super::{FileReport, Reporter, Summary};
use crate::diagnostic::Severity;
use std::collections::HashMap;
use std::io::{self, Write};
use std::path::PathBuf;

/// Findings listed per file in the step summary.
pub const SUMMARY_PER_FILE: usize = 3;
/// Files listed in the step summary.
pub const SUMMARY_FILES: usize = 50;

/// The `github` reporter (see the module docs).
#[derive(Default)]
pub struct Github {
    step_summary: Option<StepSummary>,
}

#[derive(Default)]
struct StepSummary {
    path: PathBuf,
    /// rule → (worst severity, count)
    rules: HashMap<String, (Severity, usize)>,
    /// Markdown list items for the first files with findings.
    files: Vec<String>,
    files_with_findings: usize,
    file_errors: Vec<String>,
}

impl Github {
    /// A GitHub reporter; it has no options.
    pub fn new() -> Self {
        Github::default()
    }

    /// Also append a Markdown summary to `path` (`GITHUB_STEP_SUMMARY`).
    pub fn with_step_summary(path: Option<PathBuf>) -> Self {
        Github {
            step_summary: path.map(|path| StepSummary {
                path,
                ..StepSummary::default()
            }),
        }
    }
}

/// Text for a Markdown table cell or list item: no line breaks, `|` and
/// markup characters escaped.
fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' | '\r' => out.push(' '),
            '|' | '*' | '_' | '`' | '<' | '>' | '[' | ']' | '\\' | '#' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

impl StepSummary {
    fn file(&mut self, report: &FileReport<'_>) {
        if let Some(e) = &report.error {
            self.file_errors
                .push(format!("- {}：{}", md(report.path), md(e)));
        }
        for d in report.diagnostics {
            let e = self.rules.entry(d.rule.clone()).or_insert((d.severity, 0));
            e.0 = e.0.max(d.severity);
            e.1 += 1;
        }
        if report.diagnostics.is_empty() {
            return;
        }
        self.files_with_findings += 1;
        if self.files.len() >= SUMMARY_FILES {
            return;
        }
        let mut item = format!(
            "- **{}**（{} 个问题）\n",
            md(report.path),
            report.diagnostics.len()
        );
        for d in report.diagnostics.iter().take(SUMMARY_PER_FILE) {
            let at = report.lines.line_col(report.source, d.span.start);
            item.push_str(&format!(
                "  - 第 {} 行第 {} 列：{} `{}` {}\n",
                at.line,
                at.column,
                d.severity.label_zh(),
                d.rule,
                md(&d.message)
            ));
        }
        if report.diagnostics.len() > SUMMARY_PER_FILE {
            item.push_str(&format!(
                "  - ……另有 {} 个\n",
                report.diagnostics.len() - SUMMARY_PER_FILE
            ));
        }
        self.files.push(item);
    }

    fn markdown(&self, summary: &Summary) -> String {
        let total = summary.errors + summary.warnings + summary.infos;
        let mut m = String::from("## guifan 检查结果\n\n");
        m.push_str(&format!(
            "检查了 {} 个文件：发现 {} 个问题（错误 {}，警告 {}，提示 {}），其中 {} 个可用 guifan fix 自动修复。\n\n",
            summary.files_checked, total, summary.errors, summary.warnings, summary.infos, summary.fixable
        ));
        if !self.file_errors.is_empty() {
            m.push_str(&format!("{} 个文件无法检查：\n\n", self.file_errors.len()));
            for e in &self.file_errors {
                m.push_str(e);
                m.push('\n');
            }
            m.push('\n');
        }
        if total == 0 {
            return m;
        }
        let mut rows: Vec<(&String, &(Severity, usize))> = self.rules.iter().collect();
        rows.sort_by(|a, b| b.1.1.cmp(&a.1.1).then_with(|| a.0.cmp(b.0)));
        m.push_str("| 规则 | 级别 | 数量 |\n| --- | --- | ---: |\n");
        for (rule, (sev, n)) in rows {
            m.push_str(&format!("| `{rule}` | {} | {n} |\n", sev.label_zh()));
        }
        m.push('\n');
        m.push_str(&format!("### 各文件的前 {SUMMARY_PER_FILE} 个问题\n\n"));
        for f in &self.files {
            m.push_str(f);
        }
        if self.files_with_findings > self.files.len() {
            m.push_str(&format!(
                "\n……另有 {} 个文件有问题，未列出。\n",
                self.files_with_findings - self.files.len()
            ));
        }
        m
    }
}

/// Escape a workflow-command message (the part after `::`).
pub fn escape_data(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => out.push(c),
        }
    }
    out
}

/// Escape a workflow-command property value (`file=…`, `title=…`).
pub fn escape_property(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            ':' => out.push_str("%3A"),
            ',' => out.push_str("%2C"),
            c => out.push(c),
        }
    }
    out
}

fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

impl Reporter for Github {
    fn file(&mut self, out: &mut dyn Write, report: &FileReport<'_>) -> io::Result<()> {
        if let Some(s) = &mut self.step_summary {
            s.file(report);
        }
        let file = escape_property(report.path);
        if let Some(error) = &report.error {
            writeln!(
                out,
                "::error file={file},title=guifan::{}",
                escape_data(error)
            )?;
        }
        for d in report.diagnostics {
            let start = report.lines.line_col(report.source, d.span.start);
            let end = report.lines.line_col(report.source, d.span.end);
            writeln!(
                out,
                "::{} file={file},line={},col={},endLine={},endColumn={},title={}::{}",
                command(d.severity),
                start.line,
                start.column,
                end.line,
                end.column,
                escape_property(&d.rule),
                escape_data(&d.message),
            )?;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        out.flush()?;
        if let Some(s) = &self.step_summary {
            let mut f = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(&s.path)
                .map_err(|e| {
                    io::Error::new(
                        e.kind(),
                        format!("无法写入 GITHUB_STEP_SUMMARY（{}）：{e}", s.path.display()),
                    )
                })?;
            f.write_all(s.markdown(summary).as_bytes())?;
            f.write_all(b"\n")?;
        }
        Ok(())
    }
}
