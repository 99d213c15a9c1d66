//! Errors in the TOML files a user writes: rule sets, `guifan.toml` and
//! rosters. One type for all of them, because they are reported the same
//! way: the file, the line, a label at the offending span and a hint
//! (rendered by miette). It sits low in the layers so that every file
//! parser can use it without depending on the rule-set parser.

use miette::{Diagnostic, NamedSource, SourceSpan};
use std::sync::Arc;

/// A TOML source (a rule set, a `guifan.toml`, a roster) that cannot be
/// used, with the place in the file that says why.
#[derive(Debug, thiserror::Error, Diagnostic)]
#[error("{message}")]
#[diagnostic(code(guifan::config))]
pub struct SourceError {
    /// What is wrong, in Chinese; the error's `Display`.
    pub message: String,
    /// The file's name and full text, for rendering the offending line.
    #[source_code]
    pub src: NamedSource<Arc<str>>,
    /// The offending bytes of the file; `None` when the error has no single place.
    #[label("{label}")]
    pub span: Option<SourceSpan>,
    /// Short text shown at `span` (Chinese).
    pub label: String,
    /// A hint on how to fix the file (Chinese), if any.
    #[help]
    pub help: Option<String>,
}

impl SourceError {
    /// An error in the file `origin` whose text is `source`, at byte range `span`
    /// (clamped to the text's end) with `label` shown there.
    pub fn new(
        origin: &str,
        source: &Arc<str>,
        span: Option<std::ops::Range<usize>>,
        message: impl Into<String>,
        label: impl Into<String>,
    ) -> Self {
        SourceError {
            message: message.into(),
            src: NamedSource::new(origin, source.clone()).with_language("TOML"),
            span: span.map(|r| SourceSpan::from(r.start..r.end.min(source.len()))),
            label: label.into(),
            help: None,
        }
    }

    /// The same error with `help` as its hint.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// 1-based line of the error in its file, if it has a span.
    pub fn line(&self) -> Option<usize> {
        let span = self.span?;
        let src: &str = self.src.inner();
        Some(src[..span.offset().min(src.len())].matches('\n').count() + 1)
    }
}
