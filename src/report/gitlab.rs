//! `--format gitlab`: a GitLab Code Quality report (the JSON array that a
//! job declares under `artifacts: reports: codequality`).
//!
//! ```text
//! [
//! {"description":"中文语境中应使用全角“，”…","check_name":"punctuation/halfwidth-in-cjk","fingerprint":"…","severity":"major","location":{"path":"docs/a.txt","lines":{"begin":2}}}
//! ]
//! ```
//!
//! Severities: error → `major`, warning → `minor`, info → `info`. The
//! fingerprint (32 hex digits) is unique within the report and stable when
//! lines are added or removed elsewhere in the file: it hashes the path, the
//! finding's [`fingerprint`](super::fingerprint) and the number of earlier
//! findings in the file with the same one. Files that could not be checked
//! appear as `blocker` issues of the check `guifan/io`.

use super::fingerprint::{fingerprint, hash_hex};
use super::{FileReport, Reporter, Summary};
use crate::diagnostic::Severity;
use serde::Serialize;
use std::collections::HashMap;
use std::io::{self, Write};

/// The GitLab Code Quality reporter: one JSON array over all files.
#[derive(Default)]
pub struct Gitlab {
    started: bool,
    any: bool,
}

impl Gitlab {
    /// An empty report.
    pub fn new() -> Self {
        Gitlab::default()
    }

    fn ensure_started(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if !self.started {
            self.started = true;
            out.write_all(b"[")?;
        }
        Ok(())
    }

    fn item(&mut self, out: &mut dyn Write, issue: &Issue<'_>) -> io::Result<()> {
        out.write_all(if self.any { b",\n" } else { b"\n" })?;
        self.any = true;
        serde_json::to_writer(&mut *out, issue).map_err(io::Error::other)
    }
}

#[derive(Serialize)]
struct Issue<'a> {
    description: &'a str,
    check_name: &'a str,
    fingerprint: String,
    severity: &'static str,
    location: IssueLocation<'a>,
}

#[derive(Serialize)]
struct IssueLocation<'a> {
    path: &'a str,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
}

/// The Code Quality severity of a guifan severity.
pub fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info => "info",
    }
}

impl Reporter for Gitlab {
    fn start(&mut self, out: &mut dyn Write) -> io::Result<()> {
        self.ensure_started(out)
    }

    fn file(&mut self, out: &mut dyn Write, report: &FileReport<'_>) -> io::Result<()> {
        self.ensure_started(out)?;
        if let Some(error) = &report.error {
            let issue = Issue {
                description: error,
                check_name: "guifan/io",
                fingerprint: hash_hex(&["guifan/io", report.path], 32),
                severity: "blocker",
                location: IssueLocation {
                    path: report.path,
                    lines: Lines { begin: 1 },
                },
            };
            self.item(out, &issue)?;
        }
        let mut seen: HashMap<String, usize> = HashMap::new();
        for d in report.diagnostics {
            let key = fingerprint(report.source, d);
            let n = seen.entry(key.clone()).or_insert(0);
            let occurrence = n.to_string();
            *n += 1;
            let issue = Issue {
                description: &d.message,
                check_name: &d.rule,
                fingerprint: hash_hex(&[report.path, &key, &occurrence], 32),
                severity: severity(d.severity),
                location: IssueLocation {
                    path: report.path,
                    lines: Lines {
                        begin: report.lines.line_col(report.source, d.span.start).line,
                    },
                },
            };
            self.item(out, &issue)?;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        self.ensure_started(out)?;
        out.write_all(if self.any { b"\n]\n" } else { b"]\n" })?;
        out.flush()
    }
}
