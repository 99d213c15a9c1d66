//! The names family, case by case, from `fixtures/names/cases.toml`: every
//! wrong form is caught by the named rule (and fixed exactly, where the case
//! says how), and every trap — correctly written leader titles among them —
//! gives no names finding at all.
//!
//! Cases are ours (written for this test), not corpus text.

use chrono::NaiveDate;
use guifan::ruleset::builtin_rule_sets;
use guifan::settings::Settings;
use guifan::{Applicability, Document, DocumentOptions, Format, Linter, RuleSet};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Cases {
    bad: Vec<Bad>,
    good: Vec<Good>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Bad {
    class: String,
    text: String,
    rule: String,
    fixed: Option<String>,
    date: Option<String>,
    #[serde(default)]
    roster: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Good {
    text: String,
    date: Option<String>,
    #[serde(default)]
    roster: bool,
}

const DEFAULT_DATE: &str = "2024-06-01";

fn cases() -> Cases {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/names/cases.toml");
    toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn options(date: Option<&str>) -> DocumentOptions {
    let d = NaiveDate::parse_from_str(date.unwrap_or(DEFAULT_DATE), "%Y-%m-%d").unwrap();
    DocumentOptions {
        format: Format::Plain,
        as_of: Some(d),
        today: d,
    }
}

/// The built-in sets, plus the example roster when asked for.
fn linter(select: &str, roster: bool) -> Linter {
    let mut sets = builtin_rule_sets().unwrap();
    if roster {
        let path =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/rosters/example-university.toml");
        let text = std::fs::read_to_string(&path).unwrap();
        sets.push(RuleSet::parse(&path.display().to_string(), &text).unwrap());
    }
    let settings = Settings {
        select: Some(vec![select.to_string()]),
        ..Settings::default()
    };
    Linter::new(&sets, &settings).unwrap()
}

fn check_bad(family: &Linter, case: &Bad) -> Result<(), String> {
    let opts = options(case.date.as_deref());
    let found = family.check(&Document::new(case.text.clone(), &opts));
    if !found.iter().any(|f| f.rule == case.rule) {
        let others: Vec<&str> = found.iter().map(|f| f.rule.as_str()).collect();
        return Err(format!(
            "{:?}: {} not reported (found {others:?})",
            case.text, case.rule
        ));
    }
    if let Some(want) = &case.fixed {
        let one = linter(&case.rule, case.roster);
        let out = one.fix(&case.text, &opts, Applicability::Unsafe);
        if &out.text != want {
            return Err(format!(
                "{:?}: fixed to {:?}, expected {want:?}",
                case.text, out.text
            ));
        }
        let again = one.fix(&out.text, &opts, Applicability::Unsafe);
        if again.text != out.text {
            return Err(format!("{:?}: fix not idempotent", case.text));
        }
    }
    Ok(())
}

#[test]
fn every_wrong_form_is_caught() {
    let cases = cases();
    let plain = linter("names", false);
    let rostered = linter("names", true);
    let mut failures = Vec::new();
    let mut per_class: BTreeMap<&str, usize> = BTreeMap::new();
    for case in &cases.bad {
        *per_class.entry(case.class.as_str()).or_default() += 1;
        let family = if case.roster { &rostered } else { &plain };
        if let Err(e) = check_bad(family, case) {
            failures.push(e);
        }
    }
    println!(
        "names cases: {} wrong forms ({per_class:?}), {} caught; {} traps",
        cases.bad.len(),
        cases.bad.len() - failures.len(),
        cases.good.len()
    );
    assert!(cases.bad.len() >= 60, "at least 60 wrong forms");
    for class in ["persons", "leaders", "rosters", "works"] {
        assert!(
            per_class.get(class).copied().unwrap_or(0) >= 5,
            "class {class} has fewer than 5 cases"
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_trap_is_silent() {
    let cases = cases();
    let plain = linter("names", false);
    let rostered = linter("names", true);
    let mut failures = Vec::new();
    for case in &cases.good {
        let family = if case.roster { &rostered } else { &plain };
        let doc = Document::new(case.text.clone(), &options(case.date.as_deref()));
        for f in family.check(&doc) {
            failures.push(format!(
                "{:?}: {} at {:?}: {}",
                case.text,
                f.rule,
                &case.text[f.span.range()],
                f.message
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every names rule that is on by default has at least two cases.
#[test]
fn every_rule_is_covered() {
    let cases = cases();
    let family = linter("names", true);
    for r in family.rules().iter().filter(|r| r.enabled) {
        let n = cases.bad.iter().filter(|b| b.rule == r.meta.id).count();
        assert!(n >= 2, "{} has {n} cases", r.meta.id);
    }
}
