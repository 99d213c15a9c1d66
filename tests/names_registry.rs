//! The people registry, the leader rules and institution rosters:
//!
//! * the CCTV transcripts (2020–2026, professionally edited), each item
//!   checked at its own date (estimated from the dates the items mention,
//!   the file being in broadcast order): at most 0.1 findings at warning or
//!   above per 10,000 characters for the registry rules together — a
//!   deterministic sample in the normal run, the whole file with `--ignored`;
//! * the example roster (`fixtures/rosters/example-university.toml`) through
//!   the library, `guifan.toml` and `--rules`;
//! * registry lookups and rule-set errors.

use assert_cmd::Command;
use chrono::{Datelike, NaiveDate};
use guifan::config::Settings;
use guifan::names::registry::Registry;
use guifan::ruleset::builtin_rule_sets;
use guifan::{Diagnostic, Document, DocumentOptions, Format, Linter, RuleSet, Severity};
use regex::Regex;
use std::collections::BTreeMap;
use std::path::Path;

mod support;
use support::shared_dir;

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

// ------------------------------------------------------------ CCTV

/// The broadcast date of each item, estimated: the file is in broadcast
/// order, and items mention the day they report (`3月11日`, `今天（11日）`).
/// The estimate only moves forward, and only to dates close ahead of it.
fn item_dates(items: &[&str]) -> Vec<NaiveDate> {
    let md = Regex::new(r"(?:(20[12][0-9])年)?([0-9]{1,2})月([0-9]{1,2})日").unwrap();
    let mut est = ymd(2019, 12, 31);
    let mut recent: std::collections::VecDeque<NaiveDate> = Default::default();
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        // The dates the item mentions, read forward from the estimate.
        let mut ahead: Vec<NaiveDate> = Vec::new();
        for c in md.captures_iter(item) {
            let (m, d): (u32, u32) = (c[2].parse().unwrap(), c[3].parse().unwrap());
            let years: Vec<i32> = match c.get(1) {
                Some(y) => vec![y.as_str().parse().unwrap()],
                None => vec![est.year(), est.year() + 1],
            };
            for y in years {
                if let Some(date) = NaiveDate::from_ymd_opt(y, m, d)
                    && date >= est
                    && date <= est + chrono::Days::new(45)
                {
                    ahead.push(date);
                }
            }
        }
        ahead.sort();
        // The item's own day: the nearest mentioned day close ahead.
        let own = ahead
            .first()
            .copied()
            .filter(|d| *d <= est + chrono::Days::new(2));
        out.push(own.unwrap_or(est).max(est));
        // The running estimate: the median of recent items' nearest dates
        // (robust to announcements of future events and to gaps).
        if let Some(&first) = ahead.first() {
            recent.push_back(first);
            if recent.len() > 9 {
                recent.pop_front();
            }
        }
        if recent.len() >= 5 {
            let mut v: Vec<NaiveDate> = recent.iter().copied().collect();
            v.sort();
            est = est.max(v[v.len() / 2]);
        }
    }
    out
}

fn context(text: &str, d: &Diagnostic) -> String {
    let mut s = d.span.start.saturating_sub(45);
    while !text.is_char_boundary(s) {
        s += 1;
    }
    let mut e = (d.span.end + 30).min(text.len());
    while !text.is_char_boundary(e) {
        e -= 1;
    }
    format!(
        "{}【{}】{}",
        &text[s..d.span.start],
        &text[d.span.range()],
        &text[d.span.end..e]
    )
    .replace('\n', "⏎")
}

fn cctv(keep: impl Fn(usize) -> bool) {
    let Some(shared) = shared_dir() else {
        eprintln!("corpus not found: skipped");
        return;
    };
    let text = std::fs::read_to_string(shared.join("corpus/cctv-xwlb-2020-2026.txt")).unwrap();
    let items: Vec<&str> = text.split("\n\n").collect();
    let dates = item_dates(&items);
    println!("dates: {} .. {}", dates[0], dates[dates.len() - 1]);
    let l = linter(&[]);
    let (mut chars, mut n_items) = (0usize, 0usize);
    let mut counts: BTreeMap<(String, Severity), usize> = BTreeMap::new();
    let mut samples: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (i, item) in items.iter().enumerate() {
        if !keep(i) {
            continue;
        }
        n_items += 1;
        chars += item.chars().count();
        let doc = Document::new(item.to_string(), &at(dates[i]));
        for d in l.check(&doc) {
            *counts.entry((d.rule.clone(), d.severity)).or_default() += 1;
            let s = samples.entry(d.rule.clone()).or_default();
            if s.len() < 40 {
                s.push(format!(
                    "{} {} | {}",
                    dates[i],
                    d.message,
                    context(item, &d)
                ));
            }
        }
    }
    let per10k = |n: usize| n as f64 * 10_000.0 / chars as f64;
    println!("CCTV: {n_items} items, {chars} characters");
    let mut serious = 0;
    for ((rule, sev), n) in &counts {
        println!("  {rule} ({sev}): {n} = {:.4} per 10,000 chars", per10k(*n));
        if *sev >= Severity::Warning {
            serious += n;
        }
    }
    for (rule, s) in &samples {
        println!("samples of {rule}:");
        for x in s {
            println!("    {x}");
        }
    }
    let rate = per10k(serious);
    println!("warning or above: {serious} = {rate:.4} per 10,000 chars");
    assert!(
        rate <= 0.1,
        "registry rules at warning+: {rate:.4} per 10,000 chars"
    );
}

#[test]
fn cctv_sample_stays_quiet() {
    cctv(|i| i % 11 == 0);
}

#[test]
#[ignore = "whole 54 MB file: run with --release --ignored"]
fn cctv_full_stays_quiet() {
    cctv(|_| true);
}
