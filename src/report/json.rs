//! `--format json`: the machine-readable report (version 1; README, "Output formats").
//!
//! The report is streamed: the opening of the object is written by
//! [`Reporter::start`], each diagnostic as soon as its file is reported (one
//! compact JSON object per line), and the object is closed by
//! [`Reporter::finish`]. Nothing about a diagnostic is kept once written.
//!
//! Because the number of files is only known at the end, `files_checked`
//! comes *after* the `diagnostics` array:
//!
//! ```text
//! {"version":1,"diagnostics":[
//! {"path":"a.txt","rule":"punctuation/halfwidth-in-cjk",…},
//! {"path":"b.txt",…}
//! ],"files_checked":2,"files_failed":0,"file_errors":[]}
//! ```
//!
//! JSON objects are unordered (RFC 8259 §4), so this is the same object as
//! the one in the specification; consumers that parse JSON see no difference.
//! With [`ReportOptions::show_files`] a `"files"` array follows, built from
//! the few facts kept per file (path, date, where the date came from, error).
//!
//! Files that could not be checked (unreadable, not a regular file, too
//! large, not UTF-8, or for `guifan fix` not writable) are always listed:
//! `files_failed` counts them and `file_errors` gives each one's `path` and
//! `error` (kept until the end, like SARIF's notifications; they are rare).
//! `files_checked` keeps its version-1 meaning, every file taken up (those
//! among them), so `files_checked - files_failed` were checked.
//!
//! After `guifan check --baseline FILE`, a `"baseline"` object follows:
//! `file`, `matched` (findings the baseline hid) and `stale` (entries that
//! no longer occur: `path`, `rule`, `fingerprint`, `count`).
//!
//! Each diagnostic carries the keys of the README's JSON format in that order, then `help` (a
//! short hint or `null`; consumers ignore keys they do not know).

use super::{FileReport, ReportOptions, Reporter, Summary};
use crate::diagnostic::Diagnostic;
use crate::document::LineIndex;
use crate::fix::Fix;
use serde::Serialize;
use std::io::{self, Write};

/// The JSON schema version written in `"version"`.
pub const JSON_VERSION: u32 = 1;

/// The JSON reporter.
pub struct Json {
    show_files: bool,
    started: bool,
    /// Whether a diagnostic has been written (a comma goes before the next).
    any: bool,
    /// Per-file facts for the `files` array (only with `show_files`).
    files: Vec<FileFacts>,
    /// The files that could not be checked, for `file_errors`.
    failed: Vec<FileError>,
    /// One file's diagnostics, serialized here and written at once: serde
    /// writing field by field through `dyn Write` cost more than building
    /// the diagnostics did when a file has many.
    buf: Vec<u8>,
}

#[derive(Serialize)]
struct FileError {
    path: String,
    error: String,
}

#[derive(Serialize)]
struct FileFacts {
    path: String,
    date: Option<String>,
    date_source: Option<&'static str>,
    /// `false` when the document has no date and is taken as of today
    /// (added in version 1; absent for a file that could not be read).
    #[serde(skip_serializing_if = "Option::is_none")]
    date_known: Option<bool>,
    error: Option<String>,
    /// `docx-text` for a Word document (key left out otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    view: Option<&'static str>,
    /// The document's prose in characters (added in version 1; absent for
    /// a file that could not be read).
    #[serde(skip_serializing_if = "Option::is_none")]
    chars: Option<usize>,
}

/// One diagnostic as serialized (the documented key order), for this report and for
/// embedders that answer with the same shape (the HTTP API of `guifan
/// serve`), so that the two can never drift apart.
///
/// Offsets are bytes, as the README says; [`JsonDiagnostic::with_utf16`] adds
/// `start_utf16`/`end_utf16` (to the diagnostic and to each edit) for
/// clients whose strings count UTF-16 code units (JavaScript).
#[derive(Serialize)]
pub struct JsonDiagnostic<'a> {
    path: &'a str,
    rule: &'a str,
    severity: &'static str,
    message: &'a str,
    start: usize,
    end: usize,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    fix: Option<JsonFix<'a>>,
    help: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_utf16: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_utf16: Option<usize>,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    applicability: &'static str,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    start: usize,
    end: usize,
    replacement: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_utf16: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_utf16: Option<usize>,
}

impl<'a> JsonFix<'a> {
    fn new(fix: &'a Fix) -> Self {
        JsonFix {
            applicability: fix.applicability.as_str(),
            edits: fix
                .edits
                .iter()
                .map(|e| JsonEdit {
                    start: e.span.start,
                    end: e.span.end,
                    replacement: &e.replacement,
                    start_utf16: None,
                    end_utf16: None,
                })
                .collect(),
        }
    }
}

impl<'a> JsonDiagnostic<'a> {
    /// `d` as found in `source` (whose line starts are `lines`) at `path`.
    pub fn new(path: &'a str, source: &str, lines: &LineIndex, d: &'a Diagnostic) -> Self {
        let start = lines.line_col(source, d.span.start);
        let end = lines.line_col(source, d.span.end);
        JsonDiagnostic {
            path,
            rule: &d.rule,
            severity: d.severity.as_str(),
            message: &d.message,
            start: d.span.start,
            end: d.span.end,
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
            fix: d.fix.as_ref().map(JsonFix::new),
            help: d.help.as_deref(),
            start_utf16: None,
            end_utf16: None,
        }
    }

    /// Add UTF-16 offsets: `utf16` maps a byte offset of the source to the
    /// number of UTF-16 code units before it.
    pub fn with_utf16(mut self, utf16: impl Fn(usize) -> usize) -> Self {
        self.start_utf16 = Some(utf16(self.start));
        self.end_utf16 = Some(utf16(self.end));
        if let Some(fix) = &mut self.fix {
            for e in &mut fix.edits {
                e.start_utf16 = Some(utf16(e.start));
                e.end_utf16 = Some(utf16(e.end));
            }
        }
        self
    }
}

impl Json {
    /// A JSON reporter; `options.show_files` adds the per-file `files` array.
    pub fn new(options: &ReportOptions) -> Self {
        Json {
            show_files: options.show_files,
            started: false,
            any: false,
            files: Vec::new(),
            failed: Vec::new(),
            buf: Vec::new(),
        }
    }

    fn ensure_started(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if !self.started {
            self.started = true;
            write!(out, "{{\"version\":{JSON_VERSION},\"diagnostics\":[")?;
        }
        Ok(())
    }
}

fn to_io(e: serde_json::Error) -> io::Error {
    io::Error::other(e)
}

impl Reporter for Json {
    fn start(&mut self, out: &mut dyn Write) -> io::Result<()> {
        self.ensure_started(out)
    }

    fn file(&mut self, out: &mut dyn Write, report: &FileReport<'_>) -> io::Result<()> {
        self.ensure_started(out)?;
        for d in report.diagnostics {
            self.buf
                .extend_from_slice(if self.any { b",\n" } else { b"\n" });
            self.any = true;
            let item = JsonDiagnostic::new(report.path, report.source, report.lines, d);
            serde_json::to_writer(&mut self.buf, &item).map_err(to_io)?;
            if self.buf.len() >= 1 << 16 {
                out.write_all(&self.buf)?;
                self.buf.clear();
            }
        }
        out.write_all(&self.buf)?;
        self.buf.clear();
        if let Some(error) = &report.error {
            self.failed.push(FileError {
                path: report.path.to_string(),
                error: error.clone(),
            });
        }
        if self.show_files {
            self.files.push(FileFacts {
                path: report.path.to_string(),
                date: report.date.map(|d| d.date.format("%Y-%m-%d").to_string()),
                date_source: report.date.map(|d| d.source.as_str()),
                date_known: report
                    .date
                    .map(|d| d.source != crate::document::DateSource::Today),
                error: report.error.clone(),
                view: report.view,
                chars: report.chars,
            });
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        self.ensure_started(out)?;
        if self.any {
            out.write_all(b"\n")?;
        }
        let failed = std::mem::take(&mut self.failed);
        write!(
            out,
            "],\"files_checked\":{},\"files_failed\":{},\"file_errors\":[",
            // Version 1 counts every file taken up, failed ones included.
            summary.files_checked + summary.files_failed,
            failed.len()
        )?;
        for (i, f) in failed.iter().enumerate() {
            out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
            serde_json::to_writer(&mut *out, f).map_err(to_io)?;
        }
        out.write_all(if failed.is_empty() { b"]" } else { b"\n]" })?;
        if let Some(b) = &summary.baseline {
            out.write_all(b",\"baseline\":")?;
            serde_json::to_writer(&mut *out, b).map_err(to_io)?;
        }
        if self.show_files {
            out.write_all(b",\"files\":[")?;
            for (i, f) in std::mem::take(&mut self.files).iter().enumerate() {
                out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
                serde_json::to_writer(&mut *out, f).map_err(to_io)?;
            }
            out.write_all(b"\n]")?;
        }
        out.write_all(b"}\n")?;
        out.flush()
    }
}
