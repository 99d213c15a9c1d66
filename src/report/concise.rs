//! `--format concise`: one line per finding, for large runs and for
//! editors and scripts that read `path:line:col:` lines.
//!
//! ```text
//! docs/a.txt:2:5: 错误 punctuation/halfwidth-in-cjk 中文语境中应使用全角“，”，而不是半角“,” [可修复]
//! ```
//!
//! Columns count characters, as everywhere in guifan. `[可修复]` marks a
//! finding `guifan fix` fixes (with `--unsafe`, unsafe fixes too);
//! `[可修复（--unsafe）]` one that only `guifan fix --unsafe` fixes. A file
//! that could not be checked gets `path: 错误：why`. The closing summary is
//! the human format's (left out with `--quiet`).

use super::human::summary_lines;
use super::{FileReport, ReportOptions, Reporter, Summary};
use crate::fix::Applicability;
use std::io::{self, Write};

/// The concise reporter: one line per finding.
pub struct Concise {
    unsafe_fixes: bool,
    quiet: bool,
    color: bool,
    unreadable: usize,
    printed: bool,
}

const BOLD: &str = "\x1b[1m";
const RED_BOLD: &str = "\x1b[1;31m";
const YELLOW_BOLD: &str = "\x1b[1;33m";
const CYAN_BOLD: &str = "\x1b[1;36m";
const RESET: &str = "\x1b[0m";

impl Concise {
    /// A reporter with `options` (only the fix applicability is read).
    pub fn new(options: &ReportOptions) -> Self {
        Concise {
            unsafe_fixes: options.unsafe_fixes,
            quiet: options.quiet,
            color: options.color,
            unreadable: 0,
            printed: false,
        }
    }

    fn paint(&self, style: &str, text: &str) -> String {
        if self.color {
            format!("{style}{text}{RESET}")
        } else {
            text.to_string()
        }
    }
}

/// One line without its line break: the message's own line breaks and
/// control characters would break the one-line-per-finding promise.
fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// The fixable marker of a finding (`None`: no fix).
pub fn fix_marker(fix: Option<Applicability>, unsafe_fixes: bool) -> Option<&'static str> {
    match fix? {
        Applicability::Safe => Some("[可修复]"),
        Applicability::Unsafe if unsafe_fixes => Some("[可修复]"),
        Applicability::Unsafe => Some("[可修复（--unsafe）]"),
    }
}

impl Reporter for Concise {
    fn file(&mut self, out: &mut dyn Write, report: &FileReport<'_>) -> io::Result<()> {
        if let Some(error) = &report.error {
            self.unreadable += 1;
            self.printed = true;
            writeln!(
                out,
                "{}: {}{}",
                report.path,
                self.paint(RED_BOLD, "错误："),
                one_line(error)
            )?;
        }
        for d in report.diagnostics {
            self.printed = true;
            let at = report.lines.line_col(report.source, d.span.start);
            let style = match d.severity {
                crate::Severity::Error => RED_BOLD,
                crate::Severity::Warning => YELLOW_BOLD,
                crate::Severity::Info => CYAN_BOLD,
            };
            write!(
                out,
                "{}:{}:{}: {} {} {}",
                self.paint(BOLD, report.path),
                at.line,
                at.column,
                self.paint(style, d.severity.label_zh()),
                d.rule,
                one_line(&d.message)
            )?;
            match fix_marker(d.fix.as_ref().map(|f| f.applicability), self.unsafe_fixes) {
                Some(m) => writeln!(out, " {m}")?,
                None => writeln!(out)?,
            }
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        if self.quiet {
            return out.flush();
        }
        if self.printed {
            out.write_all(b"\n")?;
        }
        for line in summary_lines(summary, self.unreadable, self.unsafe_fixes) {
            writeln!(out, "{}", self.paint(BOLD, &line))?;
        }
        out.flush()
    }
}
