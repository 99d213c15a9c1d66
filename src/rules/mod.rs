//! Native rules: the checks of the engine-native families, written in Rust.
//!
//! Each rule is one file, `src/rules/<family>/<name>.rs`, whose inner doc
//! comment is its user documentation (collected by `build.rs` for
//! `guifan explain`). The rule is *declared* in `rules/<family>.toml` with
//! `kind = "native"` (id, severity, message, norm, parameters, examples); the
//! file provides a constructor that reads the parameters and returns a
//! [`Checker`]. each family's `RULES` table maps ids to constructors; a TOML rule naming an id
//! that is not here is a load error.

pub(crate) mod boilerplate;
pub(crate) mod dates;
pub(crate) mod helpers;
pub(crate) mod names;
pub(crate) mod punctuation;
pub(crate) mod terminology;

use crate::rule::message::Emitter;
use crate::rule::{Checker, RuleIndex, RuleMeta};

include!(concat!(env!("OUT_DIR"), "/native_docs.rs"));

/// Everything a native rule's constructor gets.
pub(crate) struct NativeArgs<'a> {
    /// The rule's index, to put in its findings.
    pub index: RuleIndex,
    pub meta: &'a RuleMeta,
    /// `params` from the TOML declaration, with config overrides merged in.
    pub params: &'a toml::Table,
    /// The people registry merged from every loaded rule set.
    pub registry: &'a std::sync::Arc<crate::names::registry::Registry>,
}

impl NativeArgs<'_> {
    /// The rule's [`Emitter`]: its index and message template.
    pub fn emitter(&self) -> Emitter {
        Emitter::new(self.index, self.meta)
    }

    /// For a rule without parameters: any parameter is an error.
    pub fn no_params(&self) -> Result<(), String> {
        crate::rule::params::deny_unknown_params(self.params, &[])
    }
}

/// Builds a checker, or says what is wrong with the parameters.
pub(crate) type NativeConstructor = fn(&NativeArgs<'_>) -> Result<Box<dyn Checker>, String>;

/// Every family's native rules; each family module owns its `(id, constructor)` table.
pub(crate) static FAMILIES: &[&[(&str, NativeConstructor)]] = &[
    punctuation::RULES,
    terminology::RULES,
    dates::RULES,
    names::RULES,
    boilerplate::RULES,
];

/// Every native rule: `(id, constructor)`.
pub(crate) fn native_rules() -> impl Iterator<Item = &'static (&'static str, NativeConstructor)> {
    FAMILIES.iter().flat_map(|f| f.iter())
}

pub(crate) fn native_constructor(id: &str) -> Option<NativeConstructor> {
    native_rules().find(|(i, _)| *i == id).map(|(_, c)| *c)
}

/// The ids of every native rule (implemented in Rust).
pub fn native_rule_ids() -> impl Iterator<Item = &'static str> {
    native_rules().map(|(id, _)| *id)
}

/// The doc comment of a native rule's source file.
pub fn native_doc(id: &str) -> Option<&'static str> {
    NATIVE_DOCS.iter().find(|(i, _)| *i == id).map(|(_, d)| *d)
}
