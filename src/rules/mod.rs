//! Native rules: the checks of the engine-native families, written in Rust.
//!
//! Each rule is one file, `src/rules/<family>/<name>.rs`, whose inner doc
//! comment is its user documentation (collected by `build.rs` for
//! `guifan explain`). The rule is *declared* in `rules/<family>.toml` with
//! `kind = "native"` (id, severity, message, norm, parameters, examples); the
//! file provides a constructor that reads the parameters and returns a
//! [`Checker`]. [`NATIVE`] maps ids to constructors; a TOML rule naming an id
//! that is not here is a load error.

pub mod dates;
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
    ("dates/bare-decimal", dates::bare_decimal::build),
    ("dates/chinese-year-zero", dates::chinese_year_zero::build),
    ("dates/colloquial-hao", dates::colloquial_hao::build),
    ("dates/digit-grouping", dates::digit_grouping::build),
    (
        "dates/fullwidth-time-colon",
        dates::fullwidth_time_colon::build,
    ),
    ("dates/invalid-date", dates::invalid_date::build),
    ("dates/iso-date-in-prose", dates::iso_date_in_prose::build),
    ("dates/iso-date-padding", dates::iso_date_padding::build),
    ("dates/mixed-numerals", dates::mixed_numerals::build),
    ("dates/range-dash", dates::range_dash::build),
    (
        "dates/range-mark-consistency",
        dates::range_mark_consistency::build,
    ),
    ("dates/range-unit", dates::range_unit::build),
    ("dates/relative-date", dates::relative_date::build),
    ("dates/two-digit-year", dates::two_digit_year::build),
    ("dates/weekday-mismatch", dates::weekday_mismatch::build),
    ("dates/zero-padded", dates::zero_padded::build),
];

pub fn native_constructor(id: &str) -> Option<NativeConstructor> {
    NATIVE.iter().find(|(i, _)| *i == id).map(|(_, c)| *c)
}

/// The doc comment of a native rule's source file.
pub fn native_doc(id: &str) -> Option<&'static str> {
    NATIVE_DOCS.iter().find(|(i, _)| *i == id).map(|(_, d)| *d)
}
