//! Message templates: a rule's TOML `message` names placeholders
//! (`“{found}”应为“{expected}”`) that its code fills for each finding.
//!
//! One filler for every rule, native or data-driven, in one pass over the
//! template. A placeholder the code does not fill stays as written, and the
//! inline-example runner ([`crate::engine::examples`]) reports it, so a
//! misspelt placeholder in a rule set fails its own examples.

use super::{Finding, RuleIndex, RuleMeta};
use crate::fix::{Applicability, Fix};
use crate::span::Span;

/// Fill `{key}` placeholders of a message template; unknown ones stay as written.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let key = &after[..close];
                match values.iter().find(|(k, _)| *k == key) {
                    Some((_, v)) => out.push_str(v),
                    None => {
                        out.push('{');
                        out.push_str(key);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// How a native rule reports: its index in the linter's rule table and
/// its message template, filled per finding. Every native rule keeps one
/// (`args.emitter()` in its constructor) instead of copying both.
#[derive(Clone, Debug)]
pub struct Emitter {
    /// The rule's index, put into its findings.
    pub rule: RuleIndex,
    template: String,
}

impl Emitter {
    /// The emitter of the rule at `rule` whose metadata is `meta`.
    pub fn new(rule: RuleIndex, meta: &RuleMeta) -> Self {
        Emitter {
            rule,
            template: meta.message.clone(),
        }
    }

    /// The message with `vars` filled in.
    pub fn message(&self, vars: &[(&str, &str)]) -> String {
        fill(&self.template, vars)
    }

    /// A finding at `span` with the message filled by `vars`; add help and
    /// a fix with [`Finding::with_help`] and [`Finding::with_fix`].
    pub fn at(&self, span: Span, vars: &[(&str, &str)]) -> Finding {
        Finding::new(self.rule, span, self.message(vars))
    }

    /// The commonest finding: `span` should read `expected`. The message is
    /// filled with `vars`, the help says `改为“expected”`, and the fix
    /// replaces the span.
    pub fn replace(
        &self,
        span: Span,
        vars: &[(&str, &str)],
        expected: &str,
        applicability: Applicability,
    ) -> Finding {
        self.at(span, vars)
            .with_help(format!("改为“{expected}”"))
            .with_fix(Fix::replace(applicability, span, expected))
    }

    /// Push a finding at `span` with an optional help and fix.
    pub fn push(
        &self,
        out: &mut Vec<Finding>,
        span: Span,
        vars: &[(&str, &str)],
        help: Option<String>,
        fix: Option<Fix>,
    ) {
        let mut f = self.at(span, vars);
        f.help = help;
        f.fix = fix;
        out.push(f);
    }
}

#[cfg(test)]
mod tests {
    use super::fill;

    #[test]
    fn fill_replaces_known_keys_only() {
        assert_eq!(
            fill(
                "“{match}”应为“{replacement}”{x}",
                &[("match", "a"), ("replacement", "b")]
            ),
            "“a”应为“b”{x}"
        );
        assert_eq!(fill("no { close", &[]), "no { close");
    }
}
