//! Every built-in rule's inline examples (`bad`/`good`/`fixed` in rules/*.toml) hold.

use guifan::engine::examples::check_examples;
use guifan::ruleset::builtin_rule_sets;

#[test]
fn builtin_rule_examples_hold() {
    let sets = builtin_rule_sets().expect("built-in rule sets parse");
    let failures = check_examples(&sets);
    assert!(
        failures.is_empty(),
        "{} example(s) failed:\n{}",
        failures.len(),
        failures
            .iter()
            .map(|f| format!("  {f}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn every_builtin_rule_has_examples_and_a_source() {
    let sets = builtin_rule_sets().unwrap();
    for set in &sets {
        for def in &set.rules {
            let m = &def.meta;
            if m.id == guifan::corpus::RULE_ID || m.id == guifan::corpus::near::RULE_ID {
                // Corpus-wide: it needs many documents (tested in tests/cli.rs).
                continue;
            }
            if m.id == "names/roster-title" {
                // Needs a user roster (no built-in person is rostered): tested
                // with fixtures/rosters/ in tests/names_registry.rs.
                continue;
            }
            assert!(
                m.examples.iter().any(|e| e.bad.is_some()),
                "{} has no bad example",
                m.id
            );
            assert!(
                m.examples.iter().any(|e| e.good.is_some()),
                "{} has no good example",
                m.id
            );
            assert!(m.source.is_some(), "{} has no source", m.id);
            assert!(!m.summary.is_empty(), "{} has no summary", m.id);
            if m.kind == guifan::rule::Kind::Native {
                assert!(
                    guifan::rules::native_doc(&m.id).is_some_and(|d| !d.is_empty()),
                    "{} has no doc comment",
                    m.id
                );
            }
        }
    }
}

#[test]
fn a_placeholder_the_rule_does_not_fill_fails_its_examples() {
    let set = guifan::RuleSet::parse(
        "t.toml",
        r#"
[[rule]]
id = "terminology/typo-in-message"
kind = "existence"
summary = "a"
message = "不要写“{mach}”"
tokens = ["大学"]
examples = [{ bad = "大学" }, { good = "学院" }]

[[rule]]
id = "terminology/right-message"
kind = "existence"
summary = "b"
message = "不要写“{match}”"
tokens = ["学院"]
examples = [{ bad = "学院" }, { good = "大学" }]
"#,
    )
    .unwrap();
    let failures = check_examples(&[set]);
    assert_eq!(failures.len(), 1, "{failures:?}");
    assert_eq!(failures[0].rule, "terminology/typo-in-message");
    assert!(
        failures[0].problem.contains("`{mach}`"),
        "{}",
        failures[0].problem
    );
}
