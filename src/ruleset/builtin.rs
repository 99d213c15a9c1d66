//! The built-in rule sets, embedded at compile time from `rules/*.toml`.

use super::RuleSet;
use crate::source_error::SourceError;

/// `(name, toml)` of every built-in rule set, in family order.
pub const BUILTIN: &[(&str, &str)] = &[
    ("punctuation", include_str!("../../rules/punctuation.toml")),
    (
        "terminology-canonical",
        include_str!("../../rules/terminology-canonical.toml"),
    ),
    (
        "terminology-enumerations",
        include_str!("../../rules/terminology-enumerations.toml"),
    ),
    (
        "terminology-quotes",
        include_str!("../../rules/terminology-quotes.toml"),
    ),
    (
        "terminology-congresses",
        include_str!("../../rules/terminology-congresses.toml"),
    ),
    (
        "terminology-renames",
        include_str!("../../rules/terminology-renames.toml"),
    ),
    (
        "terminology-campaigns",
        include_str!("../../rules/terminology-campaigns.toml"),
    ),
    (
        "terminology-organs",
        include_str!("../../rules/terminology-organs.toml"),
    ),
    (
        "terminology-placeholders",
        include_str!("../../rules/terminology-placeholders.toml"),
    ),
    (
        "terminology-banned",
        include_str!("../../rules/terminology-banned.toml"),
    ),
    ("dates", include_str!("../../rules/dates.toml")),
    ("names", include_str!("../../rules/names.toml")),
    ("people", include_str!("../../rules/people.toml")),
    (
        "names-leaders",
        include_str!("../../rules/names-leaders.toml"),
    ),
    ("names-works", include_str!("../../rules/names-works.toml")),
    ("boilerplate", include_str!("../../rules/boilerplate.toml")),
];

/// Parse the built-in rule sets. They are checked by the test suite (each
/// is validated whole, its patterns compiled, in this module's tests), so
/// an error here is a bug in guifan, reported like any other rule-set error.
pub fn builtin_rule_sets() -> Result<Vec<RuleSet>, SourceError> {
    BUILTIN
        .iter()
        .map(|(name, text)| RuleSet::parse_trusted(&format!("builtin:{name}"), text))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `builtin_rule_sets` skips at run time holds: every built-in set
    /// passes the full validation of a user's rule set, patterns compiled,
    /// and gives the same rules.
    #[test]
    fn every_builtin_set_passes_full_validation() {
        let trusted = builtin_rule_sets().unwrap();
        for ((name, text), fast) in BUILTIN.iter().zip(&trusted) {
            let full = RuleSet::parse(&format!("builtin:{name}"), text)
                .unwrap_or_else(|e| panic!("builtin:{name}: {e:?}"));
            let ids = |s: &RuleSet| {
                s.rules
                    .iter()
                    .map(|r| r.meta.id.clone())
                    .collect::<Vec<_>>()
            };
            assert_eq!(ids(&full), ids(fast), "builtin:{name}");
        }
    }
}
