//! Documents of unknown date: no date line, no `--as-of`, nothing in the
//! text to date them. Date-aware rules must not judge them at warning level
//! against today's date (see the README, "Document date").

use chrono::NaiveDate;
use guifan::document::DateSource;
use guifan::{Document, DocumentOptions, Format, Severity, default_linter};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 7, 1).unwrap()
}

fn check(text: &str, as_of: Option<NaiveDate>) -> (DateSource, Vec<guifan::Diagnostic>) {
    let linter = default_linter().unwrap();
    let mut opts = DocumentOptions::new(Format::Plain, today());
    opts.as_of = as_of;
    let doc = Document::new(text, &opts);
    (doc.date().source, linter.check(&doc))
}

fn of_rule<'a>(d: &'a [guifan::Diagnostic], rule: &str) -> Vec<&'a guifan::Diagnostic> {
    d.iter().filter(|d| d.rule == rule).collect()
}

#[test]
fn a_rename_in_an_undated_text_is_only_a_hint() {
    let text = "做好新冠肺炎疫情防控工作。\n";
    let (source, found) = check(text, None);
    assert_eq!(source, DateSource::Today);
    let covid = of_rule(&found, "terminology/covid-rename");
    assert_eq!(covid.len(), 1, "{found:?}");
    assert_eq!(covid[0].severity, Severity::Info);
    assert!(
        covid[0].message.contains("2022-12-26"),
        "{}",
        covid[0].message
    );
    // A date line, `--as-of` or a dated event restores the warning …
    for (text, as_of) in [
        ("发布时间：2023-02-01\n做好新冠肺炎疫情防控工作。\n", None),
        (text, NaiveDate::from_ymd_opt(2023, 2, 1)),
        (
            "2023年2月1日上午，学院部署做好新冠肺炎疫情防控工作。\n",
            None,
        ),
    ] {
        let (_, found) = check(text, as_of);
        let covid = of_rule(&found, "terminology/covid-rename");
        assert_eq!(covid.len(), 1, "{text}");
        assert_eq!(covid[0].severity, Severity::Warning, "{text}");
        assert!(!covid[0].message.contains("未注明日期"));
    }
    // … and a date before the rename keeps it silent.
    let (source, found) = check("2021年6月8日下午，学院部署新冠肺炎疫情防控工作。\n", None);
    assert_eq!(source, DateSource::Text);
    assert!(of_rule(&found, "terminology/covid-rename").is_empty());
}

#[test]
fn a_title_held_in_the_past_is_not_judged_in_an_undated_text() {
    // Held 2013–2023: right in a text of 2015, wrong in one of 2024.
    let text = "国务院总理李克强出席会议并讲话。\n";
    let (_, found) = check(text, None);
    assert!(
        of_rule(&found, "names/title-not-held").is_empty(),
        "{found:?}"
    );
    let (_, found) = check(text, NaiveDate::from_ymd_opt(2024, 6, 1));
    assert_eq!(of_rule(&found, "names/title-not-held").len(), 1);
}
