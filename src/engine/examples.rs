//! Running the inline examples of rules.
//!
//! Every rule carries `bad`/`good`/`fixed` examples; this module checks them
//! against the rule alone (so another rule's findings never make an example
//! pass). The test suite runs it over the built-in sets, and users can run it
//! over their own sets, so a house-style rule is tested like a built-in one.

use crate::document::{Document, DocumentOptions, Format};
use crate::engine::Linter;
use crate::fix::Applicability;
use crate::ruleset::RuleSet;
use crate::settings::Settings;
use chrono::NaiveDate;

/// One example that did not behave as declared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleFailure {
    /// The id of the rule whose example failed.
    pub rule: String,
    /// The example's text (`bad` or `good`); empty when the rule itself did not build.
    pub example: String,
    /// What went wrong, e.g. not flagged, flagged, or a different fix result.
    pub problem: String,
}

impl std::fmt::Display for ExampleFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {:?}: {}", self.rule, self.example, self.problem)
    }
}

/// The document date examples are checked at unless they name one.
pub fn default_example_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 6, 1).expect("valid date")
}

/// Check every example of every rule in `sets` (later sets override earlier
/// rules with the same id, as in the linter). Rules that fail to build are
/// reported as failures too.
pub fn check_examples(sets: &[RuleSet]) -> Vec<ExampleFailure> {
    let mut failures = Vec::new();
    let mut ids: Vec<String> = Vec::new();
    for set in sets {
        for def in &set.rules {
            if !ids.contains(&def.meta.id) {
                ids.push(def.meta.id.clone());
            }
        }
    }
    for id in ids {
        let settings = Settings {
            select: Some(vec![id.clone()]),
            ..Settings::default()
        };
        let linter = match Linter::new(sets, &settings) {
            Ok(l) => l,
            Err(e) => {
                failures.push(ExampleFailure {
                    rule: id,
                    example: String::new(),
                    problem: format!("rule does not build: {e}"),
                });
                continue;
            }
        };
        let meta = &linter.rule(&id).expect("selected rule").meta;
        for ex in &meta.examples {
            let options = DocumentOptions {
                format: Format::Plain,
                as_of: Some(ex.date.unwrap_or_else(default_example_date)),
                today: default_example_date(),
            };
            let fail = |example: &str, problem: String| ExampleFailure {
                rule: id.clone(),
                example: example.to_string(),
                problem,
            };
            if let Some(good) = &ex.good {
                let found = linter.check(&Document::new(good.clone(), &options));
                if let Some(d) = found.first() {
                    failures.push(fail(
                        good,
                        format!(
                            "good example flagged: {} at {}..{}",
                            d.message, d.span.start, d.span.end
                        ),
                    ));
                }
            }
            if let Some(bad) = &ex.bad
                && let Err(problem) = check_bad(&linter, ex, bad, meta, &options)
            {
                failures.push(fail(bad, problem));
            }
        }
    }
    failures
}

/// A `bad` example: flagged, its messages filled, and fixed to its
/// `fixed` text (once, idempotently) when it declares one.
fn check_bad(
    linter: &Linter,
    ex: &crate::rule::Example,
    bad: &str,
    meta: &crate::rule::RuleMeta,
    options: &DocumentOptions,
) -> Result<(), String> {
    let min = meta.fix.unwrap_or(Applicability::Safe);
    let found = linter.check(&Document::new(bad.to_string(), options));
    if found.is_empty() {
        return Err("bad example not flagged".into());
    }
    for d in &found {
        let texts = std::iter::once(&d.message).chain(d.help.as_ref());
        if let Some(slot) = texts.filter_map(|t| unfilled_placeholder(t)).next() {
            return Err(format!(
                "message names the placeholder `{slot}`, which the rule does not fill: {}",
                d.message
            ));
        }
    }
    if let Some(fixed) = &ex.fixed {
        if meta.fix.is_none() {
            return Err("example has `fixed` but the rule declares no `fix`".into());
        }
        let outcome = linter.fix(bad, options, min);
        if &outcome.text != fixed {
            return Err(format!("fixed to {:?}, expected {:?}", outcome.text, fixed));
        } else if !outcome.converged {
            return Err("fixes did not converge".into());
        } else {
            let again = linter.fix(&outcome.text, options, min);
            if again.text != outcome.text {
                return Err(format!(
                    "fix is not idempotent: second pass gave {:?}",
                    again.text
                ));
            }
        }
    } else if meta.fix.is_some() && found.iter().any(|d| d.fix.is_some()) {
        return Err("the rule fixes this example: declare the expected `fixed` text".into());
    }
    Ok(())
}

/// The first `{name}` left in a reported text: a placeholder of the TOML
/// message that the rule's code does not fill (a misspelt or renamed
/// placeholder). Names are ASCII identifiers or kebab-case, as in messages.
fn unfilled_placeholder(text: &str) -> Option<&str> {
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let len = after
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_' || *b == b'-')
            .count();
        if len > 0 && after.as_bytes().get(len) == Some(&b'}') {
            return Some(&rest[open..open + len + 2]);
        }
        rest = after;
    }
    None
}
