//! False-alarm traps of issue 15: each class of legitimate text that a rule
//! used to report, written by us (never corpus text).

use chrono::NaiveDate;
use guifan::{Applicability, Document, DocumentOptions, Format, Severity, default_linter};

fn check(text: &str) -> Vec<guifan::Diagnostic> {
    let linter = default_linter().unwrap();
    let mut opts = DocumentOptions::new(Format::Plain, NaiveDate::from_ymd_opt(2026, 7, 1).unwrap());
    opts.as_of = NaiveDate::from_ymd_opt(2024, 10, 15);
    linter.check(&Document::new(text, &opts))
}

fn of_rule<'a>(found: &'a [guifan::Diagnostic], rule: &str) -> Vec<&'a guifan::Diagnostic> {
    found.iter().filter(|d| d.rule == rule).collect()
}

#[test]
fn comrade_after_title_in_messages_between_parties() {
    let telegram = "某国人民党主席致电习近平。\n电文说，我们坚信，在以习近平总书记同志为核心的中国共产党领导下，中国人民必将取得新的更大成就。\n";
    assert!(of_rule(&check(telegram), "names/comrade-after-title").is_empty());
    // Quoted words are someone else's: reported, but not rewritten safely.
    let quoted = "他在讲话中说：“王明书记同志多次指出，要抓好落实。”\n";
    let found = check(quoted);
    let f = of_rule(&found, "names/comrade-after-title");
    assert_eq!(f.len(), 1, "{found:?}");
    assert_eq!(f[0].fix.as_ref().unwrap().applicability, Applicability::Unsafe);
    // Our own prose keeps the safe fix.
    let found = check("会上，王明书记同志作了讲话。\n");
    let f = of_rule(&found, "names/comrade-after-title");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].fix.as_ref().unwrap().applicability, Applicability::Safe);
    assert!(f[0].severity >= Severity::Info);
}
