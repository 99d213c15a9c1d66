//! The terminology family on our own fixtures (`fixtures/terminology/`):
//! every wrong form is caught by the right rule with the right suggestion,
//! canonical text raises nothing, the real seed articles raise nothing at
//! warning or above (a corpus test, see `support`), and a substitution never
//! fires on text that is already right.

use chrono::NaiveDate;
use guifan::diagnostic::{Diagnostic, Severity};
use guifan::document::{Document, DocumentOptions, Format};
use guifan::engine::Linter;
use guifan::fix::{Applicability, apply_fixes};
use guifan::ruleset::{RuleSet, builtin_rule_sets};
use guifan::settings::Settings;
use std::path::Path;

mod support;

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/terminology")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every terminology rule, including those disabled by default.
fn linter(extra: &[RuleSet]) -> Linter {
    let mut sets = builtin_rule_sets().expect("built-in rule sets");
    sets.extend_from_slice(extra);
    let settings = Settings {
        select: Some(vec![
            "terminology".into(),
            "names".into(),
            "boilerplate".into(),
        ]),
        ..Settings::default()
    };
    Linter::new(&sets, &settings).expect("linter")
}

fn check(linter: &Linter, text: &str) -> Vec<Diagnostic> {
    let options = DocumentOptions {
        format: Format::Plain,
        as_of: None,
        today: NaiveDate::from_ymd_opt(2024, 6, 1).unwrap(),
    };
    linter.check(&Document::new(text.to_string(), &options))
}

/// What the text reads like at the finding after its fix is applied alone.
fn fixed_at(text: &str, d: &Diagnostic) -> Option<String> {
    let fix = d.fix.as_ref()?;
    let applied = apply_fixes(text, [fix], Applicability::Unsafe);
    let start = d.span.start;
    Some(applied.text[start..].to_string())
}

/// (wrong form as flagged, rule, what the text reads at that place after the fix).
const CASES: &[(&str, &str, Option<&str>)] = &[
    (
        "中华人名共和国",
        "terminology/canonical-near-miss",
        Some("中华人民共和国"),
    ),
    (
        "中国人民政治协上会议",
        "terminology/canonical-near-miss",
        Some("中国人民政治协商会议"),
    ),
    (
        "以习近平为核心的党中央",
        "terminology/canonical-near-miss",
        Some("以习近平同志为核心的党中央"),
    ),
    (
        "第一个百年目标",
        "terminology/canonical-near-miss",
        Some("第一个百年奋斗目标"),
    ),
    (
        "爱国、诚信、敬业、友善",
        "terminology/core-values-personal",
        Some("爱国、敬业、诚信、友善"),
    ),
    (
        "千万工程",
        "terminology/quoted-slogans-media",
        Some("“千万工程”"),
    ),
    ("14五", "terminology/plan-numerals", Some("“十四五”规划")),
    (
        "两会会议精神",
        "terminology/meeting-spirit",
        Some("两会精神"),
    ),
    (
        "国土资源部",
        "terminology/institution-renames-2018",
        Some("自然资源部"),
    ),
    (
        "“一带一路”战略",
        "terminology/belt-and-road-strategy",
        Some("“一带一路”倡议"),
    ),
    ("台湾总统", "terminology/taiwan", Some("台湾地区领导人")),
    ("瞎子", "terminology/disability-slurs", Some("盲人")),
    ("影帝", "terminology/celebrity-titles", None),
    // 1. canonical formulations (near-misses)
    (
        "习近平新时代中国特色社会思想",
        "terminology/canonical-near-miss",
        Some("习近平新时代中国特色社会主义思想"),
    ),
    (
        "习近平新时代中国特设社会主义思想",
        "terminology/canonical-near-miss",
        Some("习近平新时代中国特色社会主义思想"),
    ),
    (
        "习近平新时代中国特色社会主义思相",
        "terminology/canonical-near-miss",
        Some("习近平新时代中国特色社会主义思想"),
    ),
    (
        "以习近平总书记为核心的党中央",
        "terminology/canonical-near-miss",
        Some("以习近平同志为核心的党中央"),
    ),
    (
        "以习近平主席为核心的党中央",
        "terminology/canonical-near-miss",
        Some("以习近平同志为核心的党中央"),
    ),
    (
        "以习近平同志为核心的党中中央",
        "terminology/canonical-near-miss",
        Some("以习近平同志为核心的党中央周围"),
    ),
    (
        "以习近平同志为核心的党央",
        "terminology/canonical-near-miss",
        Some("以习近平同志为核心的党中央周围"),
    ),
    (
        "全过程人民名主",
        "terminology/canonical-near-miss",
        Some("全过程人民民主"),
    ),
    (
        "中国式现代代化",
        "terminology/canonical-near-miss",
        Some("中国式现代化全面"),
    ),
    (
        "不忘初心，牢记使命主题教育",
        "terminology/canonical-near-miss",
        Some("“不忘初心、牢记使命”主题教育"),
    ),
    (
        "第二个百年目标",
        "terminology/canonical-near-miss",
        Some("第二个百年奋斗目标"),
    ),
    (
        "两个坚决维护",
        "terminology/canonical-near-miss",
        Some("两个维护"),
    ),
    (
        "习近平同志为党中央的核心、全党的核心地位",
        "terminology/canonical-near-miss",
        Some("习近平同志党中央的核心、全党的核心地位"),
    ),
    (
        "党中央权威和集中同一领导",
        "terminology/canonical-near-miss",
        Some("党中央权威和集中统一领导"),
    ),
    (
        "社会主义核心价值关",
        "terminology/canonical-near-miss",
        Some("社会主义核心价值观"),
    ),
    (
        "人类命运共同休",
        "terminology/canonical-near-miss",
        Some("人类命运共同体"),
    ),
    (
        "铸牢中华民族共同体意思",
        "terminology/canonical-near-miss",
        Some("铸牢中华民族共同体意识"),
    ),
    (
        "以人民为中心的发展思路想",
        "terminology/canonical-near-miss",
        Some("以人民为中心的发展思想"),
    ),
    // 2. ordered enumerations
    (
        "大局意识、政治意识、核心意识、看齐意识",
        "terminology/four-consciousnesses",
        Some("政治意识、大局意识、核心意识、看齐意识"),
    ),
    (
        "理论自信、道路自信、制度自信、文化自信",
        "terminology/four-confidences",
        Some("道路自信、理论自信、制度自信、文化自信"),
    ),
    ("政治自信", "terminology/four-confidences", Some("制度自信")),
    (
        "全面建设社会主义现代化国家、全面依法治国、全面深化改革、全面从严治党",
        "terminology/four-comprehensives",
        Some("全面建设社会主义现代化国家、全面深化改革、全面依法治国、全面从严治党"),
    ),
    (
        "经济建设、文化建设、政治建设、社会建设、生态文明建设",
        "terminology/five-in-one",
        Some("经济建设、政治建设、文化建设、社会建设、生态文明建设"),
    ),
    (
        "创新、协调、开放、绿色、共享的新发展理念",
        "terminology/new-development-philosophy",
        Some("创新、协调、绿色、开放、共享的新发展理念"),
    ),
    (
        "“三个代表”重要思想、邓小平理论、科学发展观",
        "terminology/guiding-thoughts-later",
        Some("邓小平理论、“三个代表”重要思想、科学发展观"),
    ),
    (
        "坚持中国共产党的领导、坚持社会主义道路、坚持人民民主专政、坚持马克思列宁主义毛泽东思想",
        "terminology/four-cardinal-principles",
        Some(
            "坚持社会主义道路、坚持人民民主专政、坚持中国共产党的领导、坚持马克思列宁主义毛泽东思想",
        ),
    ),
    (
        "责任意识",
        "terminology/four-consciousnesses",
        Some("看齐意识"),
    ),
    // 3. quotes
    ("四个意识", "terminology/quoted-slogans", Some("“四个意识”")),
    ("四个自信", "terminology/quoted-slogans", Some("“四个自信”")),
    ("两个维护", "terminology/quoted-slogans", Some("“两个维护”")),
    ("两个确立", "terminology/quoted-slogans", Some("“两个确立”")),
    (
        "三个代表",
        "terminology/quoted-slogans",
        Some("“三个代表”重要思想"),
    ),
    ("一带一路", "terminology/quoted-slogans", Some("“一带一路”")),
    ("一国两制", "terminology/quoted-slogans", Some("“一国两制”")),
    (
        "两个一百年",
        "terminology/quoted-slogans",
        Some("“两个一百年”奋斗目标"),
    ),
    (
        "五位一体总体布局",
        "terminology/quoted-slogans",
        Some("“五位一体”总体布局"),
    ),
    (
        "四个全面战略布局",
        "terminology/quoted-slogans",
        Some("“四个全面”战略布局"),
    ),
    ("十四五", "terminology/quoted-plans", Some("“十四五”规划")),
    ("十五五", "terminology/quoted-plans", Some("“十五五”时期")),
    // 4. congresses and plenums
    (
        "党的20大",
        "terminology/congress-numerals",
        Some("党的二十大"),
    ),
    (
        "19届6中全会",
        "terminology/congress-numerals",
        Some("十九届六中全会"),
    ),
    (
        "二十届3中全会",
        "terminology/congress-numerals",
        Some("二十届三中全会"),
    ),
    (
        "十四届全国人大2次会议",
        "terminology/congress-numerals",
        Some("十四届全国人大二次会议"),
    ),
    (
        "第20次全国代表大会",
        "terminology/congress-numerals",
        Some("第二十次全国代表大会"),
    ),
    (
        "全会会议精神",
        "terminology/meeting-spirit",
        Some("全会精神"),
    ),
    (
        "二十大会议精神",
        "terminology/meeting-spirit",
        Some("二十大精神"),
    ),
    (
        "二十大",
        "terminology/party-congress-prefix",
        Some("党的二十大精神"),
    ),
    (
        "二十届三中全会",
        "terminology/party-congress-prefix",
        Some("党的二十届三中全会"),
    ),
    // 5. date-aware renames (the fixture is dated 2023-05-10)
    ("新冠肺炎疫情", "terminology/covid-rename", Some("新冠疫情")),
    (
        "新冠肺炎患者",
        "terminology/covid-rename",
        Some("新冠病毒感染者"),
    ),
    (
        "新型冠状病毒肺炎",
        "terminology/covid-rename",
        Some("新型冠状病毒感染"),
    ),
    (
        "新冠肺炎疫苗",
        "terminology/covid-rename",
        Some("新冠病毒疫苗"),
    ),
    // 6. banned and cautious words
    ("彭麻麻", "terminology/leader-nicknames", None),
    ("武汉肺炎", "terminology/stigmatizing-names", None),
    (
        "省省委",
        "terminology/double-province-party-secretary",
        Some("省委书记"),
    ),
    (
        "香港政府",
        "terminology/hong-kong-macao",
        Some("香港特区政府"),
    ),
    ("北朝鲜", "terminology/deprecated-terms", Some("朝鲜")),
    ("前苏联", "terminology/deprecated-terms", Some("苏联")),
    (
        "一带一路战略",
        "terminology/belt-and-road-strategy",
        Some("“一带一路”倡议"),
    ),
    ("台湾政府", "terminology/taiwan", Some("台湾当局")),
    ("残废人", "terminology/disability-slurs", Some("残疾人")),
    ("亲自", "terminology/in-person", None),
    ("隆重召开", "terminology/grand-opening", None),
    (
        "村长",
        "terminology/deprecated-terms-cautious",
        Some("村委会主任"),
    ),
];

#[test]
fn every_wrong_form_is_caught_with_the_right_suggestion() {
    let text = fixture("wrong-forms.txt");
    let linter = linter(&[]);
    let found = check(&linter, &text);
    let mut missed = Vec::new();
    for (wrong, rule, expected) in CASES {
        let hit = found
            .iter()
            .find(|d| d.rule == *rule && &text[d.span.start..d.span.end] == *wrong);
        let Some(d) = hit else {
            missed.push(format!("{rule}: “{wrong}” not flagged"));
            continue;
        };
        if let Some(expected) = expected {
            match fixed_at(&text, d) {
                Some(after) if after.starts_with(expected) => {}
                Some(after) => missed.push(format!(
                    "{rule}: “{wrong}” fixed to “{}…”, expected “{expected}”",
                    after
                        .chars()
                        .take(expected.chars().count() + 2)
                        .collect::<String>()
                )),
                None => missed.push(format!("{rule}: “{wrong}” has no fix")),
            }
        }
    }
    let classes = CASES.len();
    println!("{} wrong forms, {} caught", classes, classes - missed.len());
    assert!(
        CASES.len() >= 60,
        "the fixture must hold at least 60 wrong forms"
    );
    assert!(missed.is_empty(), "missed:\n  {}", missed.join("\n  "));
}

#[test]
fn every_line_of_the_wrong_forms_fixture_is_flagged() {
    let text = fixture("wrong-forms.txt");
    let found = check(&linter(&[]), &text);
    for (i, line) in text.lines().enumerate().skip(3) {
        let section = ["一、", "二、", "三、", "四、", "五、", "六、"];
        if line.is_empty() || section.iter().any(|s| line.starts_with(s)) {
            continue;
        }
        let start = text.lines().take(i).map(|l| l.len() + 1).sum::<usize>();
        let end = start + line.len();
        assert!(
            found
                .iter()
                .any(|d| d.span.start >= start && d.span.end <= end),
            "line {} has no finding: {line}",
            i + 1
        );
    }
}

#[test]
fn canonical_text_raises_nothing() {
    let text = fixture("canonical-ok.txt");
    let found = check(&linter(&[]), &text);
    let shown: Vec<String> = found
        .iter()
        .filter(|d| {
            d.rule.starts_with("terminology/") && d.rule != "terminology/general-secretary-bare"
        })
        .map(|d| {
            format!(
                "{} {:?}: {}",
                d.rule,
                &text[d.span.start..d.span.end],
                d.message
            )
        })
        .collect();
    assert!(shown.is_empty(), "{}", shown.join("\n"));
}

#[test]
fn house_style_fixture_is_caught() {
    let rules = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/house-style.toml"),
    )
    .unwrap();
    let set = RuleSet::parse("fixtures/house-style.toml", &rules).expect("house style parses");
    let text = fixture("house-style.txt");
    let found = check(&linter(&[set]), &text);
    for (wrong, rule) in [
        ("西安交大", "names/xjtu-full-name-first"),
        ("西交大", "names/xjtu-short-form"),
        ("高大上", "terminology/banned-words"),
        ("刷屏", "terminology/banned-words"),
        ("其它", "terminology/preferred-forms"),
        ("兴庆校园", "names/campus-names"),
    ] {
        assert!(
            found
                .iter()
                .any(|d| d.rule == rule && &text[d.span.start..d.span.end] == wrong),
            "{rule}: “{wrong}” not flagged"
        );
    }
}

#[test]
#[ignore = "corpus: needs ../shared/corpus (or GUIFAN_SHARED); run with: cargo test --release -- --ignored"]
fn seeds_raise_no_terminology_warnings() {
    let dir = support::shared();
    let sets = builtin_rule_sets().unwrap();
    let linter = Linter::new(&sets, &Settings::default()).unwrap();
    let mut entries: Vec<_> = std::fs::read_dir(dir.join("corpus/seeds"))
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    entries.sort();
    assert!(!entries.is_empty());
    for path in entries {
        let text = std::fs::read_to_string(&path).unwrap();
        let found: Vec<String> = check(&linter, &text)
            .into_iter()
            .filter(|d| d.rule.starts_with("terminology/") && d.severity >= Severity::Warning)
            .map(|d| {
                format!(
                    "{} {:?}: {}",
                    d.rule,
                    &text[d.span.start..d.span.end],
                    d.message
                )
            })
            .collect();
        assert!(
            found.is_empty(),
            "{}:\n{}",
            path.display(),
            found.join("\n")
        );
    }
}

#[test]
fn general_secretary_rule_leaves_the_full_form_alone() {
    let linter = linter(&[]);
    let text = "习近平总书记强调，要坚持人民至上。总书记指出，要久久为功。";
    let found: Vec<_> = check(&linter, text)
        .into_iter()
        .filter(|d| d.rule == "terminology/general-secretary-bare")
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(&text[found[0].span.start..found[0].span.end], "总书记");
    assert!(found[0].span.start > "习近平总书记".len());
    let options = DocumentOptions::new(Format::Plain, NaiveDate::from_ymd_opt(2024, 6, 1).unwrap());
    let out = linter.fix(text, &options, Applicability::Unsafe);
    assert!(out.text.starts_with("习近平总书记强调"), "{}", out.text);
    assert!(!out.text.contains("习近平习近平"), "{}", out.text);
}

#[test]
fn covid_rename_is_silent_before_the_rename() {
    let linter = linter(&[]);
    let before = "发布时间：2022-11-12\n做好新冠肺炎疫情防控工作。";
    let after = "发布时间：2023-01-12\n做好新冠肺炎疫情防控工作。";
    let rule = "terminology/covid-rename";
    assert!(!check(&linter, before).iter().any(|d| d.rule == rule));
    assert!(check(&linter, after).iter().any(|d| d.rule == rule));
}

/// The rule-set example in the README (section "Writing rule sets") parses
/// and its inline examples hold.
#[test]
fn readme_rule_set_example_works() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let section = readme
        .split("## Writing rule sets")
        .nth(1)
        .expect("README.md has a section \"Writing rule sets\"");
    let block = section
        .split("```toml\n")
        .nth(1)
        .and_then(|b| b.split("```").next())
        .expect("the section \"Writing rule sets\" has a ```toml block");
    let set = RuleSet::parse("README.md", block).expect("README example parses");
    let failures = guifan::engine::examples::check_examples(&[set]);
    assert!(failures.is_empty(), "{failures:?}");
}
