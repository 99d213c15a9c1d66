//! The engine's contract: selection, severity overrides, rule overriding,
//! validity dates, masks, and the fix loop, with the built-in punctuation rule
//! as the subject.

use chrono::NaiveDate;
use guifan::ruleset::builtin_rule_sets;
use guifan::settings::Settings;
use guifan::{
    Applicability, Document, DocumentOptions, Format, Linter, LinterError, RuleSet, Severity,
};

fn opts() -> DocumentOptions {
    DocumentOptions::new(Format::Plain, NaiveDate::from_ymd_opt(2024, 6, 1).unwrap())
}

fn linter(settings: Settings) -> Linter {
    Linter::new(&builtin_rule_sets().unwrap(), &settings).unwrap()
}

fn rules_of(linter: &Linter, text: &str) -> Vec<String> {
    linter
        .check(&Document::new(text, &opts()))
        .into_iter()
        .map(|d| d.rule)
        .collect()
}

#[test]
fn ignore_by_family_and_by_id() {
    let text = "会议指出,要深入学习。";
    assert!(!rules_of(&linter(Settings::default()), text).is_empty());
    let by_family = linter(Settings {
        ignore: vec!["punctuation".into()],
        ..Settings::default()
    });
    assert!(rules_of(&by_family, text).is_empty());
    let by_id = linter(Settings {
        ignore: vec!["punctuation/halfwidth-in-cjk".into()],
        ..Settings::default()
    });
    assert!(!rules_of(&by_id, text).contains(&"punctuation/halfwidth-in-cjk".to_string()));
}

#[test]
fn unknown_selectors_are_errors() {
    for settings in [
        Settings {
            select: Some(vec!["punctuation/no-such-rule".into()]),
            ..Settings::default()
        },
        Settings {
            ignore: vec!["punctation".into()],
            ..Settings::default()
        },
        Settings {
            severity: [("nope/x".to_string(), Severity::Info)].into(),
            ..Settings::default()
        },
    ] {
        match Linter::new(&builtin_rule_sets().unwrap(), &settings) {
            Err(LinterError::UnknownSelector { .. }) => {}
            other => panic!("expected UnknownSelector, got {other:?}"),
        }
    }
}

#[test]
fn severity_override_id_beats_family() {
    let l = linter(Settings {
        severity: [
            ("punctuation".to_string(), Severity::Info),
            (
                "punctuation/halfwidth-in-cjk".to_string(),
                Severity::Warning,
            ),
        ]
        .into(),
        ..Settings::default()
    });
    let d = l.check(&Document::new("会议指出,要深入学习。", &opts()));
    assert_eq!(d[0].severity, Severity::Warning);
}

const HOUSE: &str = r#"
[ruleset]
name = "house"

[[rule]]
id = "punctuation/halfwidth-in-cjk"
kind = "native"
severity = "info"
fix = "safe"
summary = "overridden"
message = "本单位规定：{expected}"
source = "house style"
examples = [{ bad = "甲,乙", fixed = "甲，乙" }, { good = "1,000" }]

[[rule]]
id = "terminology/dated-rename"
kind = "native"
summary = "a native id without an implementation"
source = "test"
"#;

#[test]
fn later_rule_sets_override_rules_with_the_same_id() {
    let mut sets = builtin_rule_sets().unwrap();
    let house = RuleSet::parse("house.toml", HOUSE).unwrap();
    // The second rule names a native implementation that does not exist: an
    // error when selected, pointing at the id's line in house.toml.
    sets.push(house);
    let err = Linter::new(&sets, &Settings::default()).unwrap_err();
    let LinterError::RuleSet(e) = err else {
        panic!("{err:?}")
    };
    assert_eq!(e.line(), Some(16));
    let l = Linter::new(
        &sets,
        &Settings {
            ignore: vec!["terminology/dated-rename".into()],
            ..Settings::default()
        },
    )
    .unwrap();
    let d = l.check(&Document::new("甲,乙", &opts()));
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].severity, Severity::Info);
    assert_eq!(d[0].message, "本单位规定：，");
}

#[test]
fn broken_rule_files_point_at_the_line() {
    let cases = [
        (
            "[[rule]]\nid = \"punctuation/x\"\nkind = \"native\"\nsummary = \"s\"\nbogus = 1\n",
            5,
        ),
        (
            "[[rule]]\nid = \"Punctuation/x\"\nkind = \"native\"\nsummary = \"s\"\n",
            2,
        ),
        (
            "[[rule]]\nid = \"punctuation/x\"\nkind = \"nativ\"\nsummary = \"s\"\n",
            3,
        ),
        (
            "[[rule]]\nid = \"punctuation/x\"\nkind = \"native\"\nsummary = \"s\"\nsince = \"2023-13-01\"\n",
            5,
        ),
        ("[[rule]\nid = 1\n", 1),
    ];
    for (text, line) in cases {
        let err = RuleSet::parse("bad.toml", text).unwrap_err();
        assert_eq!(err.line(), Some(line), "{text:?}: {err}");
    }
}

#[test]
fn masks_and_validity_dates() {
    let l = linter(Settings::default());
    // URLs and e-mail addresses are never prose.
    assert_eq!(
        rules_of(&l, "详见http://www.gov.cn/a?b=1,c=2。会议指出,要学习").len(),
        1
    );
    let mut sets = builtin_rule_sets().unwrap();
    let dated = HOUSE.replace(
        "source = \"house style\"",
        "source = \"house style\"\nsince = \"2025-01-01\"",
    );
    sets.push(RuleSet::parse("house.toml", &dated).unwrap());
    let l = Linter::new(
        &sets,
        &Settings {
            ignore: vec!["terminology/dated-rename".into()],
            ..Settings::default()
        },
    )
    .unwrap();
    // Dated 2024-06-01 by `--as-of`: before `since`, so silent.
    let mut as_of = opts();
    as_of.as_of = NaiveDate::from_ymd_opt(2024, 6, 1);
    assert!(l.check(&Document::new("甲,乙", &as_of)).is_empty());
    // With no date at all (taken as of today) the rule cannot judge: it
    // reports at info, naming the period in which the finding would hold.
    let undated = l.check(&Document::new("甲,乙", &opts()));
    assert_eq!(undated.len(), 1);
    assert_eq!(undated[0].severity, guifan::Severity::Info);
    assert!(
        undated[0].message.contains("2025-01-01"),
        "{}",
        undated[0].message
    );
    // A metadata date inside the window turns it on.
    assert_eq!(rules_of(&l, "发布日期：2025-03-01\n甲,乙").len(), 1);
}

#[test]
fn fix_loop_is_idempotent_and_keeps_crlf_and_bom() {
    let l = linter(Settings::default());
    let text = "\u{feff}标题\r\n会议指出,要深入学习;她说:好!\r\n";
    let out = l.fix(text, &opts(), Applicability::Safe);
    assert!(out.converged);
    assert_eq!(
        out.text,
        "\u{feff}标题\r\n会议指出，要深入学习；她说：好！\r\n"
    );
    let again = l.fix(&out.text, &opts(), Applicability::Safe);
    assert_eq!(again.text, out.text);
    assert_eq!(again.applied, 0);
}

#[test]
fn diagnostics_are_sorted_and_point_into_the_source() {
    let l = linter(Settings::default());
    let text = "\u{feff}第一,第二;第三";
    let doc = Document::new(text, &opts());
    let d = l.check(&doc);
    assert!(d.windows(2).all(|w| w[0].span.start <= w[1].span.start));
    for diag in &d {
        assert!(matches!(&text[diag.span.range()], "," | ";"));
    }
    let lc = doc.line_col(d[0].span.start);
    assert_eq!((lc.line, lc.column), (1, 4)); // BOM counts as a character of the file
}
