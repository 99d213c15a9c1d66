//! The people registry, the leader rules and institution rosters (their
//! rate on the CCTV transcripts is measured with the whole family in
//! `tests/names_corpus.rs`):
//!
//! * the example roster (`fixtures/rosters/example-university.toml`) through
//!   the library, `guifan.toml` and `--rules`;
//! * registry lookups and rule-set errors.

use assert_cmd::Command;
use chrono::NaiveDate;
use guifan::names::registry::Registry;
use guifan::ruleset::builtin_rule_sets;
use guifan::settings::Settings;
use guifan::{Diagnostic, Document, DocumentOptions, Format, Linter, RuleSet, Severity};
use std::path::Path;

const RULES: &[&str] = &[
    "names/title-not-held",
    "names/leader-name-form",
    "names/leader-name-misspelled",
    "names/roster-title",
];

fn linter(extra: &[RuleSet]) -> Linter {
    let mut sets = builtin_rule_sets().unwrap();
    sets.extend(extra.iter().cloned());
    let settings = Settings {
        select: Some(RULES.iter().map(|s| s.to_string()).collect()),
        ..Settings::default()
    };
    Linter::new(&sets, &settings).unwrap()
}

fn at(date: NaiveDate) -> DocumentOptions {
    DocumentOptions {
        format: Format::Plain,
        as_of: Some(date),
        today: date,
    }
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn roster() -> RuleSet {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/rosters/example-university.toml");
    RuleSet::parse(
        &path.display().to_string(),
        &std::fs::read_to_string(&path).unwrap(),
    )
    .unwrap()
}

// ------------------------------------------------------------ registry

#[test]
fn registry_answers_who_held_a_title_when() {
    let sets = builtin_rule_sets().unwrap();
    let reg = Registry::new(sets.iter().map(|s| (&s.registry, true)));
    let names = |t: &str, d: NaiveDate| -> Vec<String> {
        reg.holders(t, d).iter().map(|p| p.name.clone()).collect()
    };
    assert_eq!(names("国务院总理", ymd(2023, 3, 10)), ["李克强"]);
    assert_eq!(names("国务院总理", ymd(2023, 3, 11)), ["李强"]);
    assert_eq!(names("国务院总理", ymd(2013, 3, 14)), ["温家宝"]);
    assert_eq!(names("全国人大常委会委员长", ymd(2020, 1, 1)), ["栗战书"]);
    assert_eq!(names("全国政协主席", ymd(2024, 1, 1)), ["王沪宁"]);
    assert_eq!(names("中共中央总书记", ymd(2012, 11, 14)), ["胡锦涛"]);
    assert_eq!(names("中共中央总书记", ymd(2012, 11, 15)), ["习近平"]);
    assert_eq!(names("外交部部长", ymd(2023, 5, 1)), ["秦刚"]);
    assert_eq!(names("外交部部长", ymd(2024, 5, 1)), ["王毅"]);
    assert_eq!(names("国务院副总理", ymd(2020, 1, 1)).len(), 4);
    assert_eq!(names("国务院副总理", ymd(2024, 1, 1)).len(), 4);
    let li = reg.person("李克强").unwrap();
    assert!(li.builtin && li.holds("国务院总理", ymd(2020, 1, 1)));
    assert!(!li.holds("国务院总理", ymd(2024, 1, 1)));
    // Every built-in tenure names its source.
    for p in reg.persons() {
        for t in &p.tenures {
            assert!(t.source.is_some(), "{} {} has no source", p.name, t.title);
        }
    }
}

#[test]
fn person_tables_are_strict() {
    for (toml, why) in [
        (
            "[[person]]\nname = \"甲\"\nnick = \"x\"\n[[person.tenure]]\ntitle = \"校长\"\n",
            "unknown field",
        ),
        (
            "[[person]]\nname = \"甲\"\n[[person.tenure]]\ntitle = \"校长\"\nsince = \"2020-13-01\"\n",
            "无效",
        ),
        (
            "[[person]]\nname = \"甲\"\n[[person.tenure]]\ntitle = \"校长\"\nsince = \"2021-01-01\"\nuntil = \"2020-01-01\"\n",
            "不早于",
        ),
        ("[[person]]\nname = \"甲\"\n", "没有任职"),
        (
            "[[person]]\nname = \"甲\"\n[[person.tenure]]\ntitle = \"校长\"\n[[person]]\nname = \"甲\"\n[[person.tenure]]\ntitle = \"院长\"\n",
            "重复",
        ),
    ] {
        let err = RuleSet::parse("roster.toml", toml).unwrap_err();
        assert!(err.to_string().contains(why), "{toml}: {err}");
        assert!(err.line().is_some(), "{toml}: no line");
    }
    // A set with only people loads.
    let set = RuleSet::parse(
        "roster.toml",
        "[[person]]\nname = \"甲乙\"\n[[person.tenure]]\ntitle = \"校长\"\n",
    )
    .unwrap();
    assert!(set.rules.is_empty());
    assert_eq!(set.registry.persons.len(), 1);
}

// ------------------------------------------------------------ rosters

#[test]
fn roster_titles_are_checked_at_the_document_date() {
    let l = linter(&[roster()]);
    let check = |text: &str, d: NaiveDate| -> Vec<Diagnostic> {
        l.check(&Document::new(text.to_string(), &at(d)))
    };
    // 周明远 was 党委书记 until 2023-07-01, then 林静 (see the roster).
    assert!(check("党委书记周明远主持会议。", ymd(2022, 5, 1)).is_empty());
    let d = check("党委书记周明远主持会议。", ymd(2024, 5, 1));
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0].rule, "names/roster-title");
    assert_eq!(d[0].severity, Severity::Warning);
    assert!(d[0].help.as_deref().unwrap().contains("林静"), "{d:?}");
    // A rostered title with another rostered person's name.
    let d = check("学校党委书记高建华讲话。", ymd(2024, 5, 1));
    assert_eq!(d.len(), 1, "{d:?}");
    // Another institution's title: not judged.
    assert!(check("计算机学院党委书记高建华讲话。", ymd(2024, 5, 1)).is_empty());
    // 副书记 is not 书记 (党委书记).
    assert!(check("副书记高建华讲话。", ymd(2024, 5, 1)).is_empty());
    // 副校长 is a title of its own: 许文涛 left it on 2024-01-01.
    assert!(check("副校长许文涛讲话。", ymd(2023, 5, 1)).is_empty());
    assert_eq!(check("副校长许文涛讲话。", ymd(2024, 5, 1)).len(), 1);
    // A title chain.
    assert!(check("党委副书记、校长高建华讲话。", ymd(2024, 5, 1)).is_empty());
    // The past.
    assert!(check("时任党委书记周明远主持会议。", ymd(2024, 5, 1)).is_empty());
}

fn bin() -> Command {
    Command::cargo_bin("guifan").unwrap()
}

#[test]
fn roster_loads_through_rules_flag_and_config() {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(
        root.join("fixtures/rosters/example-university.toml"),
        dir.path().join("roster.toml"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("news.txt"),
        "发布时间：2024-05-10\n党委书记周明远出席会议并讲话。\n",
    )
    .unwrap();
    // --rules
    let out = bin()
        .current_dir(dir.path())
        .args([
            "check",
            "--format",
            "json",
            "--rules",
            "roster.toml",
            "news.txt",
        ])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rules: Vec<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"names/roster-title"), "{json}");
    // guifan.toml
    std::fs::write(
        dir.path().join("guifan.toml"),
        "rules = [\"roster.toml\"]\n",
    )
    .unwrap();
    let out = bin()
        .current_dir(dir.path())
        .args(["check", "--format", "json", "news.txt"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["rule"] == "names/roster-title"),
        "{json}"
    );
    // Without the roster: nothing.
    std::fs::remove_file(dir.path().join("guifan.toml")).unwrap();
    let out = bin()
        .current_dir(dir.path())
        .args(["check", "--format", "json", "news.txt"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        !json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["rule"] == "names/roster-title"),
        "{json}"
    );
}
