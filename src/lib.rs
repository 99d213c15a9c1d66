//! guifan (规范): a linter and style-consistency checker for Chinese official
//! and news prose.
//!
//! The library is the pure core — documents, rule sets, rules, the engine and
//! fixes — with no filesystem access, no printing and no process-global
//! mutable state, so that it can run inside a CLI, an LSP server or a WASM
//! page alike. Reading files, walking folders and printing reports happen at
//! the edges (the `guifan` binary; [`report`] renders into any `Write`).
//!
//! ```
//! use guifan::{Document, DocumentOptions, Format, default_linter};
//! let linter = default_linter().unwrap();
//! let today = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
//! let doc = Document::new("会议指出,要深入学习。", &DocumentOptions::new(Format::Plain, today));
//! let found = linter.check(&doc);
//! assert_eq!(found[0].rule, "punctuation/halfwidth-in-cjk");
//! ```

#![warn(missing_docs)]

pub mod audit;
pub mod corpus;
pub mod diagnostic;
pub mod document;
pub mod engine;
pub mod fix;
pub mod names;
pub mod report;
pub mod rule;
pub mod rules;
pub mod ruleset;
pub mod settings;
pub mod source_error;
pub mod span;
pub mod text;

pub use diagnostic::{Diagnostic, Severity};
pub use document::{Document, DocumentOptions, Format};
pub use engine::{FixOutcome, Linter, LinterError, default_linter};
pub use fix::{Applicability, Edit, Fix};
pub use ruleset::RuleSet;
pub use settings::{ConfigFile, Settings};
pub use source_error::SourceError;
pub use span::Span;
