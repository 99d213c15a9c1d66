//! False-alarm traps of the boilerplate family (issue 15, item 7): legitimate
//! repetition and a statute's own structure in edited text, each next to
//! the paste or chrome the rule must still report. Written by us (never
//! corpus text).

use guifan::settings::Settings;
use guifan::{Document, DocumentOptions, Format, Linter};

fn check(rule: &str, text: &str) -> Vec<String> {
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
    let doc = Document::new(text, &opts);
    linter
        .check(&doc)
        .into_iter()
        .map(|d| format!("L{} {}", doc.line_col(d.span.start).line, d.message))
        .collect()
}

const PENALTY_A: &str = "第十条　违反本条例规定，排污单位超过排放标准排放大气污染物的，由生态环境主管部门责令改正或者限制生产、停产整治，并处十万元以上一百万元以下的罚款。情节严重的，报经有批准权的人民政府批准，责令停业、关闭。";
const PENALTY_B: &str = "第十一条　违反本条例规定，排污单位超过排放标准排放大气污染物的，由生态环境主管部门责令改正或者限制生产、停产整治，并处十万元以上一百万元以下的罚款。情节严重的，报经有批准权的人民政府批准，责令停业、关闭。";

#[test]
fn statute_articles_share_their_penalties() {
    let law = format!("某某省大气污染防治条例\n{PENALTY_A}\n{PENALTY_B}\n");
    assert_eq!(
        check("boilerplate/repeated-sentence", &law),
        Vec::<String>::new()
    );
    assert_eq!(
        check("boilerplate/repeated-phrase", &law),
        Vec::<String>::new()
    );
    // The same clauses pasted into a news report are still copies.
    let strip = |s: &str| s.split_once('　').unwrap().1.to_string();
    let news = format!(
        "某某市通报大气污染防治执法情况\n{}\n记者了解到，{}\n",
        strip(PENALTY_A),
        strip(PENALTY_B)
    );
    assert!(!check("boilerplate/repeated-sentence", &news).is_empty());
    assert!(!check("boilerplate/repeated-phrase", &news).is_empty());
}

#[test]
fn minutes_record_each_vote_in_the_same_words() {
    let vote = "表决结果：应到会委员35人，实到会委员33人，赞成33票，反对0票，弃权0票，获得通过。";
    let minutes = format!(
        "市人大常委会举行第十次会议\n会议审议并批准了2022年市级决算。\n{vote}\n会议审议通过了关于修改部分地方性法规的决定。\n{vote}\n"
    );
    assert_eq!(
        check("boilerplate/repeated-sentence", &minutes),
        Vec::<String>::new()
    );
    // The record pasted twice in a row is a paste.
    let pasted =
        format!("市人大常委会举行第十次会议\n会议审议并批准了2022年市级决算。\n{vote}\n{vote}\n");
    assert_eq!(check("boilerplate/repeated-sentence", &pasted).len(), 1);
}

#[test]
fn a_speech_restating_its_point_in_its_own_words() {
    let speech = "在全市干部大会上的讲话\n我们必须始终坚持以人民为中心的发展思想，把人民群众的利益放在首位，让发展成果更多更公平惠及全体人民。\n第二，要狠抓落实。我反复强调过，我们必须始终坚持以人民为中心的发展思想，把人民群众的利益放在首位，让发展成果更多更公平惠及全体人民。\n最后，我再强调一遍：“我们必须始终坚持以人民为中心的发展思想，把人民群众的利益放在首位，让发展成果更多更公平惠及全体人民。”\n";
    assert_eq!(
        check("boilerplate/repeated-sentence", speech),
        Vec::<String>::new()
    );
    assert_eq!(
        check("boilerplate/repeated-phrase", speech),
        Vec::<String>::new()
    );
}

#[test]
fn a_statutes_revision_note_and_headings_are_not_chrome() {
    let law = "某某省大气污染防治条例\n（2015年7月24日某某省第十二届人民代表大会常务委员会第十八次会议通过　根据2019年3月29日某某省第十三届人民代表大会常务委员会第十次会议《关于修改部分地方性法规的决定》修正）\n目　　录\n第一章　总　　则\n第二章　监督管理\n第三章　法律责任\n第一章　总　　则\n第一条　为了防治大气污染，保护和改善大气环境，保障公众健康，推进生态文明建设，根据有关法律、行政法规，结合本省实际，制定本条例。\n第二条　本省行政区域内大气污染防治及其监督管理活动，适用本条例。\n第三章　法律责任\n第四十条　本条例自2016年1月1日起施行。\n";
    assert_eq!(check("boilerplate/site-chrome", law), Vec::<String>::new());
    // The same statute scraped with its page around it: the page is chrome.
    let scraped = format!("当前位置：首页 > 法规库 > 地方性法规\n{law}【打印本页】【关闭窗口】\n");
    let found = check("boilerplate/site-chrome", &scraped);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        found[0].starts_with("L1 ") && found[1].starts_with("L13 "),
        "{found:?}"
    );
}

#[test]
fn counters_in_prose_are_not_widgets() {
    let prose = "疫情会诊室系列直播全球阅读量达到5451万。\n截至目前，该平台总阅读量：10万余次。\n推荐阅读：《关于加强基层党组织建设的意见》\n";
    assert_eq!(
        check("boilerplate/inline-widget", prose),
        Vec::<String>::new()
    );
    assert_eq!(
        check("boilerplate/site-chrome", prose),
        Vec::<String>::new()
    );
    let glued = "检查组督促企业加快整改进度，按期销号。 阅读量：356\n";
    assert_eq!(check("boilerplate/inline-widget", glued).len(), 1);
}

#[test]
fn statute_items_amendments_and_headings() {
    // The same item in two articles' lists, and an amending decision that
    // quotes the article it rewrites.
    let law = "某某法\n第一章　总　　则\n第一条　为了规范人员管理，制定本法。\n第二章　退出现役\n第十条　有下列情形之一的，应当退出现役：\n（一）达到最高年龄的；\n（二）调离本单位，到其他部门工作的；\n第十一条　有下列情形之一的，可以提前退出现役：\n（一）因身体原因不能坚持正常工作的；\n（二）调离本单位，到其他部门工作的；\n关于修改《某某法》的决定\n一、第十条改为第十二条，修改为：\n“有下列情形之一的，应当退出现役：”\n";
    assert_eq!(
        check("boilerplate/repeated-sentence", law),
        Vec::<String>::new()
    );
    assert_eq!(check("boilerplate/site-chrome", law), Vec::<String>::new());
    // A sentence pasted twice into a news report is a paste.
    let news = "某单位开展人员清理\n近日，某单位对人员进行了清理。调离本单位的人员，已按规定全部办结手续。\n调离本单位的人员，已按规定全部办结手续。\n";
    assert!(!check("boilerplate/repeated-sentence", news).is_empty());
}
