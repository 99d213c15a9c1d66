//! Fixes that delete whole lines (issue 15, item 8): every boilerplate rule
//! that deletes lines deletes them the same way — with their line breaks,
//! and with the blank lines that only separated them — wherever the lines
//! stand (first, between paragraphs, last, with or without a final line
//! break, CRLF). After fixing there is no blank-line debris and no prose
//! line is lost.

use guifan::settings::Settings;
use guifan::{Applicability, DocumentOptions, Format, Linter};

/// The boilerplate rules whose fixes delete whole lines, and those whose
/// fixes never do (a rule added to the family must be put in one of them).
const LINE_DELETING: &[&str] = &[
    "boilerplate/site-chrome",
    "boilerplate/repeated-title",
    "boilerplate/repeated-sentence",
    "boilerplate/image-filename",
];
const IN_LINE: &[&str] = &[
    "boilerplate/duplicated-label",
    "boilerplate/glued-label",
    "boilerplate/inline-widget",
    // Empties a line of invisible spaces: the blank line stays a paragraph break.
    "boilerplate/nbsp-line",
    "boilerplate/indent-debris",
    // No fix.
    "boilerplate/repeated-phrase",
    "boilerplate/corpus-repeated",
    "boilerplate/near-duplicate",
];

fn fix(rule: &str, text: &str) -> String {
    let sets = guifan::ruleset::builtin_rule_sets().expect("built-in rule sets");
    let settings = Settings {
        select: Some(vec![rule.to_string()]),
        ..Settings::default()
    };
    let linter = Linter::new(&sets, &settings).expect("linter");
    let opts = DocumentOptions::new(
        Format::Plain,
        chrono::NaiveDate::from_ymd_opt(2024, 6, 1).unwrap(),
    );
    linter.fix(text, &opts, Applicability::Unsafe).text
}

/// The text of `lines` in a layout: `sep` between the blocks, `eol` as line
/// break, with or without a final one.
fn layout(blocks: &[&[&str]], sep: &str, eol: &str, final_break: bool) -> String {
    let blocks: Vec<String> = blocks.iter().map(|b| b.join(eol)).collect();
    let mut text = blocks.join(&format!("{eol}{sep}"));
    if final_break {
        text.push_str(eol);
    }
    text
}

/// `fixed` has every line of `keep`, in order, and no blank-line debris:
/// no blank line first or last, none doubled, and (when the input had no
/// blank lines) none at all.
fn assert_clean(rule: &str, input: &str, fixed: &str, keep: &[&str]) {
    let lines: Vec<&str> = fixed.lines().map(|l| l.trim_end_matches('\r')).collect();
    let kept: Vec<&str> = lines.iter().copied().filter(|l| !l.is_empty()).collect();
    assert_eq!(
        kept, keep,
        "{rule}: prose lost or debris left\n{input:?}\n→ {fixed:?}"
    );
    let blank = |l: &&str| l.trim().is_empty();
    assert!(
        !lines.first().is_some_and(blank) && !lines.last().is_some_and(blank),
        "{rule}: blank line at an edge\n{input:?}\n→ {fixed:?}"
    );
    assert!(
        !lines.windows(2).any(|w| blank(&w[0]) && blank(&w[1])),
        "{rule}: doubled blank line\n{input:?}\n→ {fixed:?}"
    );
    if !input.lines().any(|l| l.trim().is_empty()) {
        assert!(
            !lines.iter().any(blank),
            "{rule}: blank line left\n{input:?}\n→ {fixed:?}"
        );
    }
}

const TITLE: &str = "区政府召开防汛工作部署会";
const P1: &str = "6月3日，区政府召开防汛工作部署会，分析研判当前防汛形势，安排部署下一步重点工作。";
const P2: &str = "会议要求，各街道、各部门要压实责任，做好隐患排查和应急值守，确保安全度汛。";
const P3: &str = "会议强调，要加强监测预警，及时发布预警信息，提前转移受威胁群众。";

/// Texts for `rule`: `(blocks, lines to keep)`; each block is a paragraph
/// group, and the deletable lines are where the rule finds them.
fn cases(rule: &str) -> Vec<(Vec<Vec<&'static str>>, Vec<&'static str>)> {
    match rule {
        "boilerplate/site-chrome" => vec![
            (
                vec![
                    vec!["首页 > 新闻中心 > 正文"],
                    vec![TITLE, P1, P2, P3],
                    vec!["【打印本页】【关闭窗口】", "版权所有：某某区人民政府办公室"],
                ],
                vec![TITLE, P1, P2, P3],
            ),
            (
                vec![vec![
                    "当前位置：首页 > 新闻中心",
                    TITLE,
                    P1,
                    P2,
                    P3,
                    "上一篇：区长会见客商",
                    "下一篇：全区举行消防演练",
                ]],
                vec![TITLE, P1, P2, P3],
            ),
        ],
        "boilerplate/repeated-title" => vec![
            (
                vec![
                    vec![TITLE, "发布时间：2023-04-03"],
                    vec![TITLE],
                    vec![P1, P2],
                ],
                vec![TITLE, "发布时间：2023-04-03", P1, P2],
            ),
            (
                vec![vec![
                    TITLE,
                    "发布时间：2023-04-03",
                    "区政府召开防汛",
                    "工作部署会",
                    P1,
                    P2,
                ]],
                vec![TITLE, "发布时间：2023-04-03", P1, P2],
            ),
        ],
        "boilerplate/repeated-sentence" => vec![
            (
                vec![vec![TITLE], vec![P1, P2], vec![P2], vec![P3]],
                vec![TITLE, P1, P2, P3],
            ),
            (vec![vec![TITLE, P1, P2, P3, P2]], vec![TITLE, P1, P2, P3]),
            (
                vec![vec![TITLE], vec![P1], vec![P2], vec![P2]],
                vec![TITLE, P1, P2],
            ),
        ],
        "boilerplate/image-filename" => vec![
            (
                vec![vec![TITLE], vec!["会议现场3.jpg"], vec![P1, P2]],
                vec![TITLE, P1, P2],
            ),
            (
                vec![vec![TITLE, P1, "IMG_2041.JPG", P2, "现场2.png"]],
                vec![TITLE, P1, P2],
            ),
        ],
        other => panic!("no cases for {other}"),
    }
}

#[test]
fn line_deleting_fixes_leave_no_debris_and_lose_no_prose() {
    for rule in LINE_DELETING {
        for (blocks, keep) in cases(rule) {
            let blocks: Vec<&[&str]> = blocks.iter().map(|b| b.as_slice()).collect();
            for (sep, eol, final_break) in [
                ("", "\n", true),
                ("", "\n", false),
                ("\n", "\n", true),
                ("\n", "\n", false),
                ("\r\n", "\r\n", true),
            ] {
                let input = layout(&blocks, sep, eol, final_break);
                let fixed = fix(rule, &input);
                assert_ne!(fixed, input, "{rule}: nothing fixed in {input:?}");
                assert_clean(rule, &input, &fixed, &keep);
            }
        }
    }
}

#[test]
fn every_boilerplate_rule_is_classified() {
    let sets = guifan::ruleset::builtin_rule_sets().expect("built-in rule sets");
    for rule in sets.iter().flat_map(|s| &s.rules) {
        let id = rule.meta.id.as_str();
        if id.starts_with("boilerplate/") {
            assert!(
                LINE_DELETING.contains(&id) || IN_LINE.contains(&id),
                "{id}: does its fix delete whole lines? add it to a list here"
            );
        }
    }
}

/// The README's table of rules without a fix lists exactly the built-in
/// rules that declare none, so it cannot go stale.
#[test]
fn readme_lists_every_rule_without_a_fix() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let section = readme
        .split("**Rules without a fix.**")
        .nth(1)
        .expect("README section on rules without a fix");
    let listed: std::collections::BTreeSet<&str> = section
        .lines()
        .skip_while(|l| !l.starts_with("| rule"))
        .skip(2)
        .take_while(|l| l.starts_with("| `"))
        // Every rule id in the row's first cell (a row may group rules).
        .flat_map(|l| {
            let cell = l.split('|').nth(1).unwrap_or("");
            cell.split('`').skip(1).step_by(2)
        })
        .collect();
    let sets = guifan::ruleset::builtin_rule_sets().expect("built-in rule sets");
    let without: std::collections::BTreeSet<&str> = sets
        .iter()
        .flat_map(|s| &s.rules)
        .filter(|r| r.meta.fix.is_none())
        .map(|r| r.meta.id.as_str())
        .collect();
    assert_eq!(listed, without);
}
