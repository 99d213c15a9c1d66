//! `--format junit`: JUnit XML, which CI systems (GitLab, Jenkins, Azure
//! Pipelines, …) show as a test report: one `testcase` per checked file,
//! one `failure` per finding, an `error` for a file that could not be
//! checked.
//!
//! ```text
//! <?xml version="1.0" encoding="UTF-8"?>
//! <testsuites name="guifan" tests="2" failures="1" errors="0">
//!   <testsuite name="guifan" tests="2" failures="1" errors="0">
//!     <testcase name="docs/a.txt" classname="docs/a.txt" file="docs/a.txt">
//!       <failure type="punctuation/halfwidth-in-cjk" message="2:5: 中文语境中…">错误 punctuation/halfwidth-in-cjk 2:5 …</failure>
//!     </testcase>
//!     <testcase name="docs/b.txt" classname="docs/b.txt" file="docs/b.txt"/>
//!   </testsuite>
//! </testsuites>
//! ```
//!
//! The counts go into the opening tags, so the test cases are kept until
//! the end (a few hundred bytes per finding).

use super::{FileReport, Reporter, Summary};
use quick_xml::escape::escape;
use std::io::{self, Write};

/// The JUnit XML reporter: one test case per file, one failure per finding.
#[derive(Default)]
pub struct Junit {
    cases: String,
    tests: usize,
    failures: usize,
    errors: usize,
}

impl Junit {
    /// An empty report.
    pub fn new() -> Self {
        Junit::default()
    }
}

/// XML 1.0 text: characters XML cannot carry (most control characters)
/// become U+FFFD, then markup characters are escaped.
fn xml(s: &str) -> String {
    let clean: String = s
        .chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => c,
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => '\u{FFFD}',
            c => c,
        })
        .collect();
    escape(clean.as_str()).into_owned()
}

impl Reporter for Junit {
    fn file(&mut self, _out: &mut dyn Write, report: &FileReport<'_>) -> io::Result<()> {
        use std::fmt::Write as _;
        self.tests += 1;
        let path = xml(report.path);
        let _ = write!(
            self.cases,
            "    <testcase name=\"{path}\" classname=\"{path}\" file=\"{path}\""
        );
        if report.error.is_none() && report.diagnostics.is_empty() {
            self.cases.push_str("/>\n");
            return Ok(());
        }
        self.cases.push_str(">\n");
        if let Some(e) = &report.error {
            self.errors += 1;
            let e = xml(e);
            let _ = writeln!(
                self.cases,
                "      <error type=\"guifan/io\" message=\"{e}\">{e}</error>"
            );
        }
        if !report.diagnostics.is_empty() {
            self.failures += 1;
        }
        for d in report.diagnostics {
            let at = report.lines.line_col(report.source, d.span.start);
            let message = xml(&format!("{}:{}: {}", at.line, at.column, d.message));
            let body = xml(&format!(
                "{} {} {}:{}:{}: {}",
                d.severity.label_zh(),
                d.rule,
                report.path,
                at.line,
                at.column,
                d.message
            ));
            let _ = writeln!(
                self.cases,
                "      <failure type=\"{}\" message=\"{message}\">{body}</failure>",
                xml(&d.rule)
            );
        }
        self.cases.push_str("    </testcase>\n");
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        let counts = format!(
            "tests=\"{}\" failures=\"{}\" errors=\"{}\"",
            self.tests, self.failures, self.errors
        );
        writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
        writeln!(out, "<testsuites name=\"guifan\" {counts}>")?;
        writeln!(out, "  <testsuite name=\"guifan\" {counts}>")?;
        out.write_all(std::mem::take(&mut self.cases).as_bytes())?;
        writeln!(out, "  </testsuite>")?;
        writeln!(out, "</testsuites>")?;
        out.flush()
    }
}
