//! False-alarm traps of issue 15: each class of legitimate text that a rule
//! used to report, written by us (never corpus text).

use chrono::NaiveDate;
use guifan::{Applicability, Document, DocumentOptions, Format, Severity, default_linter};

fn check(text: &str) -> Vec<guifan::Diagnostic> {
    let linter = default_linter().unwrap();
    let mut opts =
        DocumentOptions::new(Format::Plain, NaiveDate::from_ymd_opt(2026, 7, 1).unwrap());
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
    assert_eq!(
        f[0].fix.as_ref().unwrap().applicability,
        Applicability::Unsafe
    );
    // Our own prose keeps the safe fix.
    let found = check("会上，王明书记同志作了讲话。\n");
    let f = of_rule(&found, "names/comrade-after-title");
    assert_eq!(f.len(), 1);
    assert_eq!(
        f[0].fix.as_ref().unwrap().applicability,
        Applicability::Safe
    );
    assert!(f[0].severity >= Severity::Info);
}

#[test]
fn comrade_after_title_in_calls_and_talks_between_parties() {
    // A report of talks renders the other party's forms of address.
    let talks = "两党领导人举行会谈\n某国共产党总书记表示，在以习近平总书记同志为核心的中共中央坚强领导下，中国取得了举世瞩目的成就。\n";
    assert!(of_rule(&check(talks), "names/comrade-after-title").is_empty());
    let call = "某国领导人同习近平通电话。\n他说，王明主席同志的访问意义重大。\n";
    assert!(of_rule(&check(call), "names/comrade-after-title").is_empty());
    let banquet =
        "某领导人出席欢迎宴会\n他表示，我与习近平总书记同志时隔9个月再次会晤，达成重要共识。\n";
    assert!(of_rule(&check(banquet), "names/comrade-after-title").is_empty());
    // An ordinary report still gets the finding.
    let own = "学院召开全体教师大会\n会上，王明书记同志作了讲话。\n";
    assert_eq!(of_rule(&check(own), "names/comrade-after-title").len(), 1);
}

#[test]
fn spaces_separating_the_items_of_a_tag_cloud_or_navigation_bar() {
    let spacing = [
        "punctuation/space-between-han",
        "punctuation/space-around-fullwidth",
        "punctuation/cjk-latin-spacing",
    ];
    let quiet = |text: &str| {
        let found = check(text);
        for rule in spacing {
            assert!(
                of_rule(&found, rule).is_empty(),
                "{rule} in {text:?}: {found:?}"
            );
        }
    };
    // A keyword cloud under a scraped article, a navigation bar, a row of links.
    quiet(
        "学院召开干部大会\n会议强调要抓好落实。\n热门标签 党建 主题教育 “三会一课” 乡村振兴 2024年 学习强国 基层治理 志愿服务\n",
    );
    quiet("首页 学院概况 新闻中心 通知公告 党建工作 教学科研 招生就业 English\n");
    // Prose with stray spaces is still reported.
    let prose = "学院召开会议\n会议指出，要坚持以人民为中心的发展 思想，持续推进全面从严 治党向纵深发展。\n";
    assert!(!of_rule(&check(prose), "punctuation/space-between-han").is_empty());
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
    assert_eq!(
        of_rule(
            &check("共１０００元。\n"),
            "punctuation/fullwidth-alphanumeric"
        )
        .len(),
        1
    );
}

#[test]
fn a_bare_29_february_is_this_years_once_february_is_past() {
    // Checked as of 2024-10-15: 2024 is a leap year.
    assert!(
        of_rule(
            &check("2月29日，学院启动春季学期工作。\n"),
            "dates/invalid-date"
        )
        .is_empty()
    );
}

#[test]
fn structural_spaces_are_left_alone() {
    for text in [
        "第三条  本办法适用于全校各单位和全体教职工。\n",
        "第十二章　附则\n本办法自发布之日起施行。\n",
        "又讯 学院近日召开党委理论学习中心组学习会议。\n",
        "本报讯 近日，学院召开党委理论学习中心组学习会议。\n",
    ] {
        let found = check(text);
        assert!(
            of_rule(&found, "punctuation/space-between-han").is_empty(),
            "{text}: {found:?}"
        );
    }
    // A space inside a sentence is still reported.
    let found = check("学院党委 书记主持会议，全体党员参加。\n");
    assert_eq!(of_rule(&found, "punctuation/space-between-han").len(), 1);
}

#[test]
fn the_space_after_a_url_is_not_deleted() {
    let text = "详情请访问 https://www.example.edu.cn/news/123.html 查看。\n";
    assert!(of_rule(&check(text), "punctuation/cjk-latin-spacing").is_empty());
    assert_eq!(
        of_rule(
            &check("会议邀请了 5 名专家参加，共同研讨。\n"),
            "punctuation/cjk-latin-spacing"
        )
        .len(),
        2
    );
}

#[test]
fn quotations_over_several_paragraphs_or_lines() {
    // GB/T 15834—2011: each paragraph opens with “, only the last closes.
    let paragraphs = "他在会上说：“第一段讲的是形势和任务。\n“第二段讲的是目标和要求。\n“第三段讲的是措施和保障。”\n";
    let found = check(paragraphs);
    assert!(
        of_rule(&found, "punctuation/unbalanced-pair").is_empty(),
        "{found:?}"
    );
    // One sentence a line: the quotation closes a few lines later.
    let lines = "他强调：“要坚持问题导向。\n要加强统筹协调。\n要狠抓工作落实。”\n会议要求各单位抓好落实。\n";
    let found = check(lines);
    assert!(
        of_rule(&found, "punctuation/unbalanced-pair").is_empty(),
        "{found:?}"
    );
    // A quotation never closed is still reported.
    let found = check("他强调：“要坚持问题导向。\n会议要求各单位抓好落实。\n");
    assert_eq!(of_rule(&found, "punctuation/unbalanced-pair").len(), 1);
}

#[test]
fn a_first_line_of_body_text_is_not_a_title() {
    for text in [
        "他在会上说：“第一段讲的是形势和任务。\n“第二段讲的是目标。”\n",
        "会议强调要把学习成果转化为推动工作的实际成效。\n全体党员参加。\n",
        "第一条 为了规范管理，制定本办法。\n第二条 本办法适用于全校。\n",
        "全院上下要把思想和行动统一到学校党委的决策部署上来，以更加昂扬的精神状态投入工作。\n会议要求抓好落实。\n",
    ] {
        let found = check(text);
        assert!(
            of_rule(&found, "names/title-line-punctuation").is_empty(),
            "{text}: {found:?}"
        );
    }
    let found = check("学院召开党史学习教育动员大会。\n6月8日下午，学院召开大会。\n");
    assert_eq!(of_rule(&found, "names/title-line-punctuation").len(), 1);
}

#[test]
fn dunhao_between_titles_is_on_by_default_quotes_are_an_option() {
    let text = "认真学习《民法典》、《刑法》，增强“四个意识”、“四个自信”。\n";
    let found = check(text);
    let f = of_rule(&found, "punctuation/dunhao-between-quoted");
    assert_eq!(f.len(), 1, "{found:?}");
    let sets = guifan::ruleset::builtin_rule_sets().unwrap();
    let mut options = std::collections::BTreeMap::new();
    let table: toml::Table = toml::from_str("quotes = true").unwrap();
    options.insert("punctuation/dunhao-between-quoted".to_string(), table);
    let linter = guifan::Linter::new(
        &sets,
        &guifan::Settings {
            options,
            ..guifan::Settings::default()
        },
    )
    .unwrap();
    let opts = DocumentOptions::new(Format::Plain, NaiveDate::from_ymd_opt(2026, 7, 1).unwrap());
    let found = linter.check(&Document::new(text, &opts));
    assert_eq!(
        of_rule(&found, "punctuation/dunhao-between-quoted").len(),
        2
    );
}

#[test]
fn halfwidth_commas_between_short_parallel_items_become_dunhao() {
    for text in [
        "各单位,各部门,各学院等要抓好落实。\n",
        "认真学习党章,党规,党纪。\n",
    ] {
        let found = check(text);
        let f = of_rule(&found, "punctuation/halfwidth-in-cjk");
        assert!(!f.is_empty(), "{text}");
        for d in f {
            let fix = d.fix.as_ref().unwrap();
            assert_eq!(fix.applicability, Applicability::Unsafe, "{text}");
            assert_eq!(fix.edits[0].replacement, "、", "{text}");
        }
    }
    // Clauses keep the full-width comma, safely.
    let found = check("会议指出,要深入学习贯彻党的二十大精神。\n");
    let f = of_rule(&found, "punctuation/halfwidth-in-cjk");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].fix.as_ref().unwrap().edits[0].replacement, "，");
    assert_eq!(
        f[0].fix.as_ref().unwrap().applicability,
        Applicability::Safe
    );
}

#[test]
fn nested_titles_use_single_title_marks() {
    let found = check("学习《关于《决定》的说明》和《学习<纲要>的体会》。\n");
    let f = of_rule(&found, "punctuation/nested-title-marks");
    assert_eq!(f.len(), 2, "{found:?}");
    assert!(
        of_rule(
            &check("阅读《人民日报》《光明日报》。\n"),
            "punctuation/nested-title-marks"
        )
        .is_empty()
    );
}

#[test]
fn the_title_repeated_after_the_metadata() {
    let page = "学院召开党史学习教育动员大会\n发布时间：2021-06-08  阅读量：1,024\n学院召开党史学习教育动员大会\n6月8日下午，学院召开党史学习教育动员大会，全体教职工参加。\n";
    let found = check(page);
    assert_eq!(
        of_rule(&found, "boilerplate/repeated-title").len(),
        1,
        "{found:?}"
    );
    // Without metadata between them, a window title and a headline stay.
    let feed = "学院召开党史学习教育动员大会\n学院召开党史学习教育动员大会\n6月8日下午，学院召开党史学习教育动员大会，全体教职工参加。\n";
    assert!(of_rule(&check(feed), "boilerplate/repeated-title").is_empty());
}
