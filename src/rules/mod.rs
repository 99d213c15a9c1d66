//! Native rules: the checks of the engine-native families, written in Rust.
//!
//! Each rule is one file, `src/rules/<family>/<name>.rs`, whose inner doc
//! comment is its user documentation (collected by `build.rs` for
//! `guifan explain`). The rule is *declared* in `rules/<family>.toml` with
//! `kind = "native"` (id, severity, message, norm, parameters, examples); the
//! file provides a constructor that reads the parameters and returns a
//! [`Checker`]. [`NATIVE`] maps ids to constructors; a TOML rule naming an id
//! that is not here is a load error.

pub mod punctuation;
pub mod util;

use crate::rule::{Checker, RuleIndex, RuleMeta};

include!(concat!(env!("OUT_DIR"), "/native_docs.rs"));

/// Everything a native rule's constructor gets.
pub struct NativeArgs<'a> {
    /// The rule's index, to put in its findings.
    pub index: RuleIndex,
    pub meta: &'a RuleMeta,
    /// `params` from the TOML declaration, with config overrides merged in.
    pub params: &'a toml::Table,
}

/// Builds a checker, or says what is wrong with the parameters.
pub type NativeConstructor = fn(&NativeArgs<'_>) -> Result<Box<dyn Checker>, String>;

/// Every native rule: `(id, constructor)`.
pub static NATIVE: &[(&str, NativeConstructor)] = &[
    (
        "punctuation/halfwidth-in-cjk",
        punctuation::halfwidth_in_cjk::build,
    ),
    ("punctuation/ascii-quotes", punctuation::ascii_quotes::build),
    (
        "punctuation/ellipsis-form",
        punctuation::ellipsis_form::build,
    ),
    ("punctuation/dash-form", punctuation::dash_form::build),
    (
        "punctuation/doubled-punctuation",
        punctuation::doubled_punctuation::build,
    ),
    (
        "punctuation/repeated-terminal-marks",
        punctuation::repeated_terminal_marks::build,
    ),
    (
        "punctuation/space-around-fullwidth",
        punctuation::space_around_fullwidth::build,
    ),
    (
        "punctuation/space-between-han",
        punctuation::space_between_han::build,
    ),
    (
        "punctuation/cjk-latin-spacing",
        punctuation::cjk_latin_spacing::build,
    ),
    (
        "punctuation/fullwidth-alphanumeric",
        punctuation::fullwidth_alphanumeric::build,
    ),
    (
        "punctuation/unbalanced-pair",
        punctuation::unbalanced_pair::build,
    ),
    (
        "punctuation/dunhao-between-quoted",
        punctuation::dunhao_between_quoted::build,
    ),
    (
        "punctuation/ascii-bracket-label",
        punctuation::ascii_bracket_label::build,
    ),
    (
        "punctuation/interpunct-form",
        punctuation::interpunct_form::build,
    ),
];

pub fn native_constructor(id: &str) -> Option<NativeConstructor> {
    NATIVE.iter().find(|(i, _)| *i == id).map(|(_, c)| *c)
}

/// The doc comment of a native rule's source file.
pub fn native_doc(id: &str) -> Option<&'static str> {
    NATIVE_DOCS.iter().find(|(i, _)| *i == id).map(|(_, d)| *d)
}
