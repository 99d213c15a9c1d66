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

#[test]
fn fullwidth_zeros_in_a_chinese_year_become_ling_not_ascii_zero() {
    let found = check("二００一年，学校迁入新校区。\n");
    for d in &found {
        if let Some(fix) = &d.fix {
            for e in &fix.edits {
                assert!(!e.replacement.contains('0'), "{}: {:?}", d.rule, fix);
            }
        }
    }
    assert!(
        found.iter().any(|d| d.rule == "dates/chinese-year-zero"),
        "{found:?}"
    );
    // Full-width digits elsewhere are still made half-width.
    assert_eq!(of_rule(&check("共１０００元。\n"), "punctuation/fullwidth-alphanumeric").len(), 1);
}

#[test]
fn a_bare_29_february_is_this_years_once_february_is_past() {
    // Checked as of 2024-10-15: 2024 is a leap year.
    assert!(of_rule(&check("2月29日，学院启动春季学期工作。\n"), "dates/invalid-date").is_empty());
}
