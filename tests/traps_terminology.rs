//! False-alarm traps of the terminology family (issue 15, items 4 and 7):
//! each class of legitimate text a terminology rule used to report, or
//! could report, next to the error it must still find. Written by us,
//! never corpus text.

use chrono::NaiveDate;
use guifan::{Document, DocumentOptions, Format, Severity, default_linter};

fn check_on(text: &str, as_of: Option<NaiveDate>) -> Vec<guifan::Diagnostic> {
    let linter = default_linter().unwrap();
    let mut opts =
        DocumentOptions::new(Format::Plain, NaiveDate::from_ymd_opt(2026, 7, 1).unwrap());
    opts.as_of = as_of;
    linter.check(&Document::new(text, &opts))
}

fn check(text: &str) -> Vec<guifan::Diagnostic> {
    check_on(text, NaiveDate::from_ymd_opt(2024, 10, 15))
}

fn of_rule(found: &[guifan::Diagnostic], rule: &str) -> Vec<String> {
    found
        .iter()
        .filter(|d| d.rule == rule)
        .map(|d| format!("{} {}", d.severity, d.message))
        .collect()
}

const PREFIX: &str = "terminology/party-congress-prefix";
const NEAR: &str = "terminology/canonical-near-miss";
const PLACEHOLDER: &str = "terminology/template-placeholder";

#[test]
fn party_congress_prefix_stays_out_of_banner_slogans() {
    for slogan in [
        "喜迎二十大 奋进新征程\n",
        "喜迎二十大、永远跟党走、奋进新征程\n",
        "全院师生以优异成绩献礼二十大。\n",
        "学习二十大，奋进新征程，建功新时代\n",
    ] {
        assert!(of_rule(&check(slogan), PREFIX).is_empty(), "{slogan}");
    }
    // Running prose still gets the note.
    let prose = "会议强调，要认真学习二十大报告，结合实际抓好落实。\n";
    assert_eq!(of_rule(&check(prose), PREFIX).len(), 1);
}

#[test]
fn near_miss_leaves_a_sentence_verb_before_a_campaign_name_alone() {
    for text in [
        "支部组织党员学习习近平新时代中国特色社会主义思想主题教育读本。\n",
        "各级党组织认真贯彻中央八项规定精神学习教育部署要求。\n",
    ] {
        let found = check(text);
        assert!(
            found
                .iter()
                .all(|d| d.rule != NEAR || d.severity < Severity::Error),
            "{text}: {:?}",
            of_rule(&found, NEAR)
        );
    }
    // A name really misspelt inside is still an error.
    let found = check("扎实开展学习贯彻习近平新时代中国特色社会义思想主题教育。\n");
    assert_eq!(of_rule(&found, NEAR).len(), 1, "{found:?}");
}

#[test]
fn campaigns_called_by_another_campaigns_kind_are_errors() {
    for (text, right) in [
        ("推进“两学一做”主题教育常态化。\n", "“两学一做”学习教育"),
        ("开展党史主题教育。\n", "党史学习教育"),
        ("深入开展“三严三实”学习教育。\n", "“三严三实”专题教育"),
    ] {
        let found = of_rule(&check(text), NEAR);
        assert_eq!(found.len(), 1, "{text}");
        assert!(found[0].contains(right), "{found:?}");
    }
    assert!(of_rule(&check("开展党史学习教育和党纪学习教育。\n"), NEAR).is_empty());
}

#[test]
fn a_campaign_name_before_its_start_warns_only_with_a_known_date() {
    let text = "扎实开展学习贯彻习近平新时代中国特色社会主义思想主题教育。\n";
    let rule = "terminology/campaign-thought-2023";
    assert_eq!(
        of_rule(
            &check_on(text, NaiveDate::from_ymd_opt(2021, 5, 1)),
            rule
        ),
        vec![
            "warning “学习贯彻习近平新时代中国特色社会主义思想主题教育”于2023年开展，早于2023年的文稿出现此名称，请核对文稿日期或名称"
                .to_string()
        ]
    );
    assert!(of_rule(&check(text), rule).is_empty());
    // No date at all: a note at info, saying under which date it holds.
    let undated = of_rule(&check_on(text, None), rule);
    assert_eq!(undated.len(), 1);
    assert!(undated[0].starts_with("info"), "{undated:?}");
    // The words of a generic phrase before the campaign are not its name.
    let generic = "加强党史学习和党纪教育，开展党史教育活动。\n";
    let found = check_on(generic, NaiveDate::from_ymd_opt(2001, 7, 1));
    assert!(
        found
            .iter()
            .all(|d| !d.rule.starts_with("terminology/campaign-")),
        "{found:?}"
    );
}

#[test]
fn standard_short_forms_of_organs_are_right() {
    let text = "中央纪委国家监委、中央网信办、中组部、中央组织部、中宣部、国务院国资委、\
                国家发展改革委、工业和信息化部、住房城乡建设部、市场监管总局、海关总署联合发文。\n";
    let found = check(text);
    assert!(
        found.iter().all(|d| !d.rule.starts_with("terminology/")),
        "{found:?}"
    );
    // Non-standard forms drafts use are flagged.
    let found = check("国家国资委、国家海关总署、中纪委国家监委、工业与信息化部。\n");
    assert_eq!(of_rule(&found, "terminology/organ-name-form").len(), 3);
    assert_eq!(of_rule(&found, NEAR).len(), 1, "{found:?}");
    // State departments in general and foreign ministries are not names.
    let found = check("国家财政部门、国家科技部署和法国国家教育部。\n");
    assert!(
        found.iter().all(|d| !d.rule.starts_with("terminology/")),
        "{found:?}"
    );
}

#[test]
fn anonymised_names_and_arithmetic_are_not_placeholders() {
    for text in [
        "被告人张某某、李某某犯盗窃罪，判处有期徒刑。\n",
        "决定给予王××同志党内警告处分。\n",
        "河北省××市某村村民反映情况。\n",
        "展板规格为3×4米，尺码XXL。\n",
        "【会议名称】第五届数字中国建设峰会\n",
        "开幕时间：6月8日（待定）。\n",
        "说明书应标示“一次×片，一日×次”等字样。\n",
    ] {
        assert!(of_rule(&check(text), PLACEHOLDER).is_empty(), "{text}");
    }
    for (text, placeholder) in [
        ("深入学习贯彻党的××大精神。\n", "××大"),
        ("××同志在会上讲话。\n", "××"),
        ("会议定于20××年×月×日召开。\n", "20××年×月×日"),
        ("经【单位名称】党委研究决定。\n", "【单位名称】"),
        ("某某书记出席会议。\n", "某某"),
    ] {
        let found = of_rule(&check(text), PLACEHOLDER);
        assert_eq!(found.len(), 1, "{text}");
        assert!(found[0].contains(placeholder), "{found:?}");
    }
}
