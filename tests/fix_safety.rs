//! What `guifan fix` promises an editor: a safe fix never loses prose, a fix
//! run applies exactly what `check` reported, markup and the BOM survive,
//! and fixing converges in a pass or two whatever the input.

use chrono::NaiveDate;
use guifan::fix::apply_fixes;
use guifan::{Applicability, Diagnostic, Document, DocumentOptions, Format, default_linter};

fn opts(format: Format) -> DocumentOptions {
    DocumentOptions::new(format, NaiveDate::from_ymd_opt(2024, 6, 1).unwrap())
}

fn check(text: &str, format: Format) -> Vec<Diagnostic> {
    default_linter()
        .unwrap()
        .check(&Document::new(text, &opts(format)))
}

fn fix(text: &str, format: Format) -> guifan::FixOutcome {
    default_linter()
        .unwrap()
        .fix(text, &opts(format), Applicability::Safe)
}

/// The byte ranges of `before` that `after` does not keep as they were
/// (a character diff), each as `start..end` in `before`.
fn changed_ranges(before: &str, after: &str) -> Vec<(usize, usize)> {
    use similar::{DiffTag, TextDiff};
    let diff = TextDiff::from_chars(before, after);
    diff.ops()
        .iter()
        .filter(|op| op.tag() != DiffTag::Equal)
        .map(|op| {
            let r = op.old_range();
            // Old ranges count characters; turn them into bytes.
            let start: usize = before.chars().take(r.start).map(char::len_utf8).sum();
            let len: usize = before
                .chars()
                .skip(r.start)
                .take(r.len())
                .map(char::len_utf8)
                .sum();
            (start, start + len)
        })
        .collect()
}

/// Every change `fix` made lies inside an edit of a safe fix that the first
/// `check` of the text reported.
fn assert_fix_stays_inside_reported_edits(text: &str, format: Format) {
    let reported: Vec<(usize, usize)> = check(text, format)
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .filter(|f| f.applicability == Applicability::Safe)
        .flat_map(|f| f.edits.iter().map(|e| (e.span.start, e.span.end)))
        .collect();
    let fixed = fix(text, format).text;
    for (a, b) in changed_ranges(text, &fixed) {
        assert!(
            reported.iter().any(|&(s, e)| s <= a && b <= e.max(s)),
            "fix changed bytes {a}..{b} ({:?}) that no reported edit covers; reported: {reported:?}\nfixed: {fixed}",
            &text[a..b]
        );
    }
}

/// The example: scraped embed debris between two short news
/// sentences, with no line long enough to be an article body.
const DEBRIS: &str = "5月10日，第一党支部开展主题党日活动。\nwidth=\"100%\" height=\"385\"></iframe>\n‹!-- 天下财经 end-->\n<div style=\"display:none\">\n\n活动结束后，党员们参观了校史馆。\n随后，支部召开会议。\n";

#[test]
fn site_chrome_never_deletes_prose_sentences() {
    let fixed = fix(DEBRIS, Format::Plain).text;
    for sentence in [
        "第一党支部开展主题党日活动",
        "活动结束后，党员们参观了校史馆。",
        "随后，支部召开会议。",
    ] {
        assert!(fixed.contains(sentence), "lost {sentence:?}: {fixed:?}");
    }
    assert!(!fixed.contains("iframe"), "the debris stays: {fixed:?}");
}

#[test]
fn site_chrome_deletes_exactly_the_lines_it_shows_and_counts_them() {
    let found = check(DEBRIS, Format::Plain);
    let chrome: Vec<&Diagnostic> = found
        .iter()
        .filter(|d| d.rule == "boilerplate/site-chrome")
        .collect();
    assert!(!chrome.is_empty(), "{found:#?}");
    for d in chrome {
        let fix = d.fix.as_ref().expect("site-chrome has a fix");
        assert_eq!(fix.edits.len(), 1);
        let edit = &fix.edits[0];
        assert_eq!(edit.span.start, d.span.start);
        // The deletion is the shown lines with their final line break.
        assert_eq!(&DEBRIS[d.span.end..edit.span.end], "\n");
        let lines = DEBRIS[edit.span.range()].lines().count();
        assert!(
            d.message.contains(&format!("{lines} 行")),
            "{} does not count the {lines} deleted lines",
            d.message
        );
        if fix.applicability == Applicability::Safe {
            assert!(
                !DEBRIS[edit.span.range()].contains('。'),
                "a safe deletion takes a sentence: {:?}",
                &DEBRIS[edit.span.range()]
            );
        }
    }
}

#[test]
fn chrome_lines_that_read_as_sentences_get_an_unsafe_fix_of_their_own() {
    // After a related-articles header everything is chrome, but a summary
    // that reads as a sentence could be prose: it waits for a look, while
    // the header, the links and the footer around it are deleted.
    let text = "学院召开安全工作会议\n\n5月6日下午，学院在行政楼第一会议室召开安全工作会议，学院党委书记主持会议并讲话，全体教职工参加会议。\n会议强调，要压实安全责任，抓好隐患排查整改，确保校园安全稳定，为学校各项事业发展营造良好环境。\n\n相关新闻\n学校召开党风廉政建设工作会议，部署全年工作任务。\n上一篇：学院举办读书分享会\n版权所有：西京理工大学\n本网站所收集的部分公开资料来源于互联网，转载的目的在于传递更多信息及用于网络分享。\n";
    let found = check(text, Format::Plain);
    let chrome: Vec<&Diagnostic> = found
        .iter()
        .filter(|d| d.rule == "boilerplate/site-chrome")
        .collect();
    let summary = chrome
        .iter()
        .find(|d| text[d.span.range()].contains("部署全年工作任务"))
        .unwrap_or_else(|| panic!("summary not found: {chrome:#?}"));
    assert_eq!(
        summary.fix.as_ref().unwrap().applicability,
        Applicability::Unsafe
    );
    assert!(!text[summary.span.range()].contains("相关新闻"));
    let fixed = fix(text, Format::Plain).text;
    assert!(fixed.contains("学校召开党风廉政建设工作会议，部署全年工作任务。"));
    // The disclaimer formula is a strong signal: chrome whatever its shape.
    for gone in ["相关新闻", "上一篇", "版权所有", "转载的目的"] {
        assert!(!fixed.contains(gone), "{gone} stays: {fixed}");
    }
}

/// The tags of an HTML text, in order.
fn tags(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(a) = rest.find('<') {
        let Some(b) = rest[a..].find('>') else { break };
        out.push(&rest[a..a + b + 1]);
        rest = &rest[a + b + 1..];
    }
    out
}

const PAGE: &str = "<!DOCTYPE html>\n<html><head><title>学院召开安全工作会议</title></head>\n<body>\n<div class=\"crumb\"><span>首页</span> &gt; <span>新闻中心</span> &gt; <span>学院动态</span></div>\n<div class=\"tools\"><a href=\"#\">【打印本页】</a><a href=\"#\">【关闭窗口】</a></div>\n<h1>学院召开安全工作会议</h1>\n<p>5月6日下午，学院在行政楼第一会议室召开安全工作会议，学院党委书记主持会议并讲话，全体教职工参加会议。</p>\n<p>会议强调，要压实安全责任，抓好隐患排查整改，确保校园安全稳定，为学校各项事业发展营造良好环境。</p>\n<div class=\"foot\"><span>版权所有 西京理工大学</span> <span>陕ICP备05001234号</span></div>\n</body></html>\n";

#[test]
fn html_chrome_deletion_keeps_every_tag() {
    let found = check(PAGE, Format::Html);
    assert!(
        found
            .iter()
            .any(|d| d.rule == "boilerplate/site-chrome" && d.fix.is_some()),
        "{found:#?}"
    );
    let fixed = fix(PAGE, Format::Html).text;
    assert_ne!(fixed, PAGE, "nothing was fixed");
    assert_eq!(tags(&fixed), tags(PAGE), "markup changed:\n{fixed}");
    assert!(!fixed.contains("打印本页"), "{fixed}");
    assert!(fixed.contains("全体教职工参加会议。"));
    assert_fix_stays_inside_reported_edits(PAGE, Format::Html);
}

#[test]
fn fix_applies_only_what_check_reported() {
    // Once the chrome above it is deleted, the first paragraph is the first
    // line: a later pass must not take it for a title and drop its `。`.
    let text = "首页 > 新闻中心 > 学院动态\n【打印本页】【关闭窗口】\n浏览次数：312\n各党支部召开专题组织生活会。\n5月6日下午，学院在行政楼第一会议室召开安全工作会议，学院党委书记主持会议并讲话，全体教职工参加会议。\n会议强调，要压实安全责任，抓好隐患排查整改，确保校园安全稳定，为学校各项事业发展营造良好环境。\n";
    let fixed = fix(text, Format::Plain).text;
    assert!(!fixed.contains("首页"), "the chrome stays: {fixed}");
    assert!(fixed.contains("各党支部召开专题组织生活会。"), "{fixed}");
    assert_fix_stays_inside_reported_edits(text, Format::Plain);
}

#[test]
fn fix_equals_the_reported_fixes_applied() {
    // With no overlapping fixes, `fix` is exactly `check`'s fixes applied.
    for text in [
        "会议指出,要深入学习(扩大)会议精神;确保落实.\n二是加强领导:各单位要高度重视!",
        "首页 > 新闻中心\n浏览次数：5\n学院召开会议\n5月6日下午，学院在行政楼第一会议室召开安全工作会议,学院党委书记主持会议并讲话，全体教职工参加会议。\n",
    ] {
        let found = check(text, Format::Plain);
        let fixes: Vec<&guifan::Fix> = found
            .iter()
            .filter_map(|d| d.fix.as_ref())
            .filter(|f| f.applicability == Applicability::Safe)
            .collect();
        let by_hand = apply_fixes(text, fixes.iter().copied(), Applicability::Safe);
        assert_eq!(by_hand.deferred, 0, "the example should not overlap");
        assert_eq!(fix(text, Format::Plain).text, by_hand.text);
    }
}

#[test]
fn the_bom_of_an_html_file_is_never_prose() {
    let text = "\u{feff}<p>学院召开会议。</p>\n";
    assert!(check(text, Format::Html).is_empty());
    assert_eq!(fix(text, Format::Html).text, text);
    // Markdown and plain text kept it already.
    for format in [Format::Plain, Format::Markdown] {
        let text = "\u{feff}学院召开会议。\n";
        assert_eq!(fix(text, format).text, text);
    }
}

#[test]
fn runs_of_halfwidth_marks_converge_in_two_passes() {
    let linter = default_linter().unwrap();
    let runs: Vec<String> = (1..=40)
        .flat_map(|n| {
            [
                ";".repeat(n),
                ",".repeat(n),
                "!".repeat(n),
                "?".repeat(n),
                ":".repeat(n),
                "?!".repeat(n),
                ",;".repeat(n),
                "，,".repeat(n),
            ]
        })
        .collect();
    for run in runs {
        let text = format!("会议指出{run}要深入学习。");
        for min in [Applicability::Safe, Applicability::Unsafe] {
            let options = opts(Format::Plain);
            let once = linter.fix(&text, &options, min);
            assert!(once.converged, "{text}: not converged");
            // Two fix passes and the final check.
            assert!(once.passes <= 3, "{text}: {} passes", once.passes);
            let twice = linter.fix(&once.text, &options, min);
            assert_eq!(
                twice.text, once.text,
                "{text}: a second fix changes more ({min:?})"
            );
            assert!(
                !once
                    .remaining
                    .iter()
                    .any(|d| d.rule == "punctuation/halfwidth-in-cjk"),
                "{text}: {:?}",
                once.remaining
            );
        }
    }
}

/// A half-width pause mark with spaces around it (`发布时间: 2023`) is fixed
/// in one run: the new full-width mark takes the spaces along, so no
/// `punctuation/space-around-fullwidth` finding is left for a second `fix`.
/// Line breaks and Markdown's two-space hard break stay.
#[test]
fn a_converted_mark_leaves_no_space_for_a_second_fix_run() {
    let linter = default_linter().unwrap();
    for (format, text, expected) in [
        (
            Format::Plain,
            "发布时间: 2023-04-03  来源 : 党委宣传部\n会议指出 ,要深入学习\t;\n",
            "发布时间：2023-04-03  来源：党委宣传部\n会议指出，要深入学习；\n",
        ),
        (
            Format::Markdown,
            "主持人:  \n王明\n\n会议议程:\n1. 学习\n",
            "主持人：  \n王明\n\n会议议程：\n1. 学习\n",
        ),
        (
            Format::Html,
            "<p>字号:<span> [大]</span> 来源 :宣传部</p>\n",
            "<p>字号：<span>[大]</span> 来源：宣传部</p>\n",
        ),
    ] {
        let fixed = linter.fix(text, &opts(format), Applicability::Safe);
        assert_eq!(fixed.text, expected, "{format:?}");
        let left: Vec<&str> = fixed
            .remaining
            .iter()
            .filter(|d| {
                d.fix
                    .as_ref()
                    .is_some_and(|f| f.applicability == Applicability::Safe)
            })
            .map(|d| d.rule.as_str())
            .collect();
        assert!(left.is_empty(), "{format:?}: safe fixes left: {left:?}");
        assert_fix_stays_inside_reported_edits(text, format);
    }
}

/// A strong chrome signal on a line (`版权所有`) vouches only for the words
/// it matches: a sentence after it on the same line is not deleted by a
/// safe fix (found by the pipeline fuzz target), while a copyright line
/// whose words are all chrome still is.
#[test]
fn a_copyright_label_does_not_make_the_sentence_after_it_safe_to_delete() {
    let body = "5月10日，第一党支部开展主题党日活动，党员们重温了入党誓词。\n";
    let risky = format!("{body}【打印本页】【关闭窗口】\n版权所有：党员们随后参观了校史馆。\n");
    let fixed = fix(&risky, Format::Plain).text;
    assert!(fixed.contains("党员们随后参观了校史馆。"), "{fixed}");
    assert_fix_stays_inside_reported_edits(&risky, Format::Plain);
    let unsafe_chrome = check(&risky, Format::Plain)
        .into_iter()
        .filter(|d| d.rule == "boilerplate/site-chrome")
        .any(|d| {
            d.fix
                .is_some_and(|f| f.applicability == guifan::Applicability::Unsafe)
        });
    assert!(unsafe_chrome, "the copyright line keeps an unsafe fix");

    let chrome = format!("{body}【打印本页】【关闭窗口】\n版权所有：某某大学党委宣传部\n");
    assert_eq!(fix(&chrome, Format::Plain).text, body);

    // A navigation signal vouches for no sentence; a disclaimer states
    // itself and goes with its line.
    let nav = format!("{body}【打印本页】【关闭窗口】\n【打印本页】党员们随后参观了校史馆。\n");
    assert!(
        fix(&nav, Format::Plain)
            .text
            .contains("党员们随后参观了校史馆。")
    );
    let disclaimer = format!(
        "{body}【打印本页】【关闭窗口】\n本网站转载的文章仅供学习交流，不代表本站观点。如有侵权，我们会及时删除。\n"
    );
    assert_eq!(fix(&disclaimer, Format::Plain).text, body);
}
