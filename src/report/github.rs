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

use super::{FileReport, Reporter, Summary};
use crate::diagnostic::Severity;
use std::io::{self, Write};

/// The `github` reporter (see the module docs).
#[derive(Default)]
pub struct Github;

impl Github {
    /// A GitHub reporter; it has no options.
    pub fn new() -> Self {
        Github
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

    fn finish(&mut self, out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        out.flush()
    }
}
