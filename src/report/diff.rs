//! `--format diff` (`--diff`): what `guifan fix` would change, as unified
//! diffs (crate `similar`, 3 lines of context), one per file that would
//! change. Nothing is written to disk.
//!
//! ```text
//! --- a/docs/a.txt
//! +++ b/docs/a.txt
//! @@ -1 +1 @@
//! -会议指出,要深入学习。
//! +会议指出，要深入学习。
//! ```
//!
//! Lines are written byte for byte, so CRLF line endings survive and the
//! diff applies with `patch`/`git apply`; a last line without a final newline
//! is followed by `\ No newline at end of file`. Colours, when asked for,
//! wrap the line text but never the line terminator.

use super::{FileReport, ReportOptions, Reporter, Summary};
use similar::{ChangeTag, TextDiff};
use std::io::{self, Write};

const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const CYAN: &str = "\x1b[36m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

/// The `diff` reporter (see the module docs).
pub struct Diff {
    color: bool,
}

impl Diff {
    /// A diff reporter, coloured if `options.color`.
    pub fn new(options: &ReportOptions) -> Self {
        Diff {
            color: options.color,
        }
    }

    fn styled(&self, out: &mut dyn Write, style: &str, text: &str) -> io::Result<()> {
        if self.color && !text.is_empty() {
            write!(out, "{style}{text}{RESET}")
        } else {
            out.write_all(text.as_bytes())
        }
    }
}

/// Split a line into its text and its terminator (`\r\n`, `\n`, `\r` or none).
fn split_terminator(line: &str) -> (&str, &str) {
    if let Some(text) = line.strip_suffix("\r\n") {
        (text, "\r\n")
    } else if let Some(text) = line.strip_suffix('\n') {
        (text, "\n")
    } else if let Some(text) = line.strip_suffix('\r') {
        (text, "\r")
    } else {
        (line, "")
    }
}

/// Write the unified diff of `old` → `new` for `path` (nothing if equal).
pub fn write_diff(
    out: &mut dyn Write,
    path: &str,
    old: &str,
    new: &str,
    color: bool,
) -> io::Result<()> {
    Diff { color }.write(out, path, old, new)
}

impl Diff {
    fn write(&self, out: &mut dyn Write, path: &str, old: &str, new: &str) -> io::Result<()> {
        if old == new {
            return Ok(());
        }
        let diff = TextDiff::from_lines(old, new);
        let unified = diff.unified_diff();
        let mut header = true;
        for hunk in unified.iter_hunks() {
            if header {
                header = false;
                let path = path.replace('\\', "/");
                let path = path.strip_prefix("./").unwrap_or(&path);
                self.styled(out, BOLD, &format!("--- a/{path}"))?;
                out.write_all(b"\n")?;
                self.styled(out, BOLD, &format!("+++ b/{path}"))?;
                out.write_all(b"\n")?;
            }
            self.styled(out, CYAN, &hunk.header().to_string())?;
            out.write_all(b"\n")?;
            for change in hunk.iter_changes() {
                let (sign, style) = match change.tag() {
                    ChangeTag::Delete => ("-", RED),
                    ChangeTag::Insert => ("+", GREEN),
                    ChangeTag::Equal => (" ", ""),
                };
                let (text, terminator) = split_terminator(change.value());
                if style.is_empty() {
                    write!(out, "{sign}{text}")?;
                } else {
                    self.styled(out, style, &format!("{sign}{text}"))?;
                }
                if terminator.is_empty() {
                    out.write_all(b"\n\\ No newline at end of file\n")?;
                } else {
                    out.write_all(terminator.as_bytes())?;
                }
            }
        }
        Ok(())
    }
}

impl Reporter for Diff {
    fn file(&mut self, out: &mut dyn Write, report: &FileReport<'_>) -> io::Result<()> {
        if report.error.is_some() {
            return Ok(());
        }
        match report.fixed {
            Some(fixed) => self.write(out, report.path, report.source, fixed),
            None => Ok(()),
        }
    }

    fn finish(&mut self, out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        out.flush()
    }
}
