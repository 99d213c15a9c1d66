//! What a run of `check` or `fix` is asked to do, shared by the per-file
//! pass ([`super::check`]) and the corpus pass ([`super::corpus`]).

use chrono::NaiveDate;
use guifan::document::LineIndex;
use guifan::report::Summary;
use guifan::{Applicability, Diagnostic, Format, Severity};

/// What to do with each file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Report findings; `with_fixes` also computes the fixed text (diff format).
    Check { with_fixes: bool },
    /// Apply fixes in place (stdin: print the fixed text).
    Fix,
}

pub struct RunOptions {
    pub mode: Mode,
    /// `fix --track-changes`: Word documents get their fixes as tracked
    /// changes by this author, at this time.
    pub track_changes: Option<guifan::document::docx::Revision>,
    /// `check --annotate`: write the Word document with comments there.
    pub annotate: Option<Annotate>,
    pub applicability: Applicability,
    pub min_severity: Severity,
    pub fail_on: Severity,
    pub input_format: Option<Format>,
    pub as_of: Option<NaiveDate>,
    pub today: NaiveDate,
    pub show_date: bool,
    /// Where `--show-date` lines go (JSON carries dates in its `files` array).
    pub date_lines: DateLines,
    pub threads: usize,
    /// `--max-file-size`: larger files are not read.
    pub max_file_size: u64,
    pub quiet: bool,
    /// The reporter is the human one, which shows per-file errors and the
    /// fix summary itself; otherwise they go to stderr.
    pub human_report: bool,
    /// What pass 1 found, when a corpus-wide rule (`boilerplate/corpus-repeated`,
    /// `boilerplate/near-duplicate`) runs.
    pub corpus: Option<guifan::corpus::pass::Findings>,
    /// `fix --show-fixes`: list each applied fix.
    pub show_fixes: bool,
    /// Drops findings before they are counted and reported (`--baseline`,
    /// `--changed-since`), in output order on the main thread.
    pub filters: Vec<std::sync::Arc<dyn Filter>>,
}

/// A step between checking and reporting that drops findings.
pub trait Filter: Send + Sync {
    /// Keep only the findings of the file shown as `path` that should be
    /// reported.
    fn filter(
        &self,
        path: &str,
        source: &str,
        lines: &LineIndex,
        diagnostics: &mut Vec<Diagnostic>,
    );
    /// Called once after the last file, before the reporter's closing.
    fn finish(&self, _summary: &mut Summary) {}
}

/// `check --annotate -o FILE`.
pub struct Annotate {
    /// Every finding, or only those without a fix `guifan fix` would apply.
    pub all: bool,
    pub output: std::path::PathBuf,
    /// How `output` is shown.
    pub display: String,
    /// The comments' author and date.
    pub revision: guifan::document::docx::Revision,
}

/// Where the `--show-date` lines go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateLines {
    /// Into the report stream, before the file's report (human format).
    Inline,
    /// On stderr, not to disturb machine-readable output.
    Stderr,
    /// Not at all (the format carries the dates).
    Omit,
}
