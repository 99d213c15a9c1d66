//! 网页框架内容：抓取文本中残留的导航、面包屑、分享按钮、相关文章列表、页脚和免责声明
//!
//! ## 检查什么
//! 找出文档中属于文章周围网页、而不属于文章本身的行：面包屑和导航（`首页 > 新闻中心 > 正文`、`简体|繁体|无障碍`），分享和打印组件（`分享到：`、`【打印本页】【关闭窗口】`），浏览、点击和评论计数（有没有数字都算，也包括成组的`浏览：12  评论：0`），字号栏（`字号：大 中 小`），登录提示（`登录后查看全文`），文档分享网站的页码和下载提示（`第 3 页 / 共 12 页`、`下载积分：5`），公众号关注提示（`长按识别二维码关注`），标题正上方的栏目名（`学院新闻`、`工作动态`：一行只有几个汉字、以栏目名称的常见结尾收尾，见`column-suffixes`），相关文章列表（`相关新闻`及其后内容），页脚（`版权所有`、`主办单位`、`ICP备`、`公网安备`、`网站标识码`）和免责声明（`本网站所收集的部分公开资料来源于互联网…`）。粘在正文或元数据行中的单个组件由`boilerplate/inline-widget`报告。每一段连续的框架行报告为一个问题。
//!
//! 判断综合多种信号（见`[rule.params]`）：该行相对于文章正文（最长的一段连续正文行）的位置，行的长度和句末点号，导航分隔符，强信号模式，只在短行上才计数的弱信号词，元数据标签，以及相邻的行。
//!
//! ## 不报告的情形
//! 标题及其副本，元数据行（`发布时间：…`、`来源：…`，以及`（文/刘艺 图/刘艺）`或`责任编辑：…`之类的署名），正文中的图片说明和小标题，以及只是提到某个信号词的正文行：一篇介绍无障碍服务或长者专区的文章是内容。法律法规自身的结构也不是框架：题注中的制定和修订说明（`（2015年……常务委员会第……次会议修订）`）、目录和章节标题（`第一章　总　　则`）。弱信号词只在短行上计数；在正文内部，只有带强信号且不具正文形态的行才算框架内容。
//!
//! ## 修复
//! 修复恰好删除问题所示的那些行（连同换行，以及只起分隔作用、删除后会多余的空行；在HTML中只删除其文字，从不删除周围的标签），消息中给出行数。在前导部分（文章正文之前）和尾部（正文之后）删除这些行是安全修复；正文内部的框架行为不安全修复，因为从文章中间删除文字需要人工查看。读起来像完整句子（六个及以上汉字并以`。！？…`结尾，或以结束句子的`.`结尾）且不带强框架信号的行，同样为不安全修复：相关文章的摘要看起来是这样，版面分析无法与框架内容区分的短消息也是这样，而安全修复从不删除正文。这类行与所在的连续段分开报告，该段的其余部分仍可安全删除。免责声明或版权声明套语（强信号）无论形态如何都算框架内容，只要该信号出现在它的某个句子中，而不仅仅是出现在开头的标签中：免责声明段落会被整段删除，但在`版权所有：党员们参观了校史馆。`中，标签并不能证明其后的内容是框架，该行只得到不安全修复。
//!
//! ## 依据
//! 从网页复制的文本会把网页本身一并带走。再次发布时（在报告、档案、简报中），框架内容轻则是干扰，重则（页脚和免责声明）会造成来源张冠李戴。

// English original of the user documentation above (developer notes):
//
// Site chrome: navigation, breadcrumbs, share buttons, related-article
// lists, footers and disclaimers left in a scraped text.
//
// ## What it does
// Finds the lines of a document that belong to the web page around the
// article rather than to the article: breadcrumbs and navigation
// (`首页 > 新闻中心 > 正文`, `简体|繁体|无障碍`), share and print widgets
// (`分享到：`, `【打印本页】【关闭窗口】`), view, click and comment counters
// with or without a number, alone or grouped (`浏览：12  评论：0`), font-size
// bars (`字号：大 中 小`), login walls (`登录后查看全文`), page markers and
// download prompts of document-sharing sites (`第 3 页 / 共 12 页`,
// `下载积分：5`), "follow our account" footers (`长按识别二维码关注`), a
// column label right above the headline (`学院新闻`: a few Han characters
// ending like a column name, `column-suffixes`), related-article lists
// (`相关新闻` and what follows), footers (`版权所有`,
// `主办单位`, `ICP备`, `公网安备`, `网站标识码`) and disclaimers
// (`本网站所收集的部分公开资料来源于互联网…`). Each run of consecutive chrome
// lines is one finding.
//
// The decision combines several signals (see `[rule.params]`): the line's
// position relative to the article body (the longest run of prose lines),
// its length and sentence punctuation, navigation separators, strong signal
// patterns, weak signal words that only count on short lines, metadata
// labels, and its neighbours.
//
// ## Why
// Text copied from a web page carries the page with it. Published again
// (in a report, an archive, a newsletter) the chrome is noise at best and,
// for footers and disclaimers, misattribution at worst.
//
// ## What it leaves alone
// The title and its copies, metadata lines (`发布时间：…`, `来源：…`,
// bylines such as `（文/刘艺 图/刘艺）` or `责任编辑：…`), photo captions and
// subheads inside the body, and any prose line that merely *mentions* a
// signal word: an article about 无障碍 services or a 长者专区 is content.
// Weak signal words count only on short lines; inside the body only a line
// with a strong signal and no prose shape is chrome.
// A statute's own structure is not chrome either: the note on its adoption
// and revisions (`（2015年……常务委员会第……次会议修订）`), its table of
// contents and chapter headings (`第一章　总　　则`). A single widget glued
// inside a body or metadata line is `boilerplate/inline-widget`'s.
//
// ## Fix safety
// The fix deletes exactly the lines the finding shows (with their line
// breaks and the blank lines that would be left over, see
// `helpers::lines`; in HTML only their text, never the tags around it), and the
// message counts them. Deleting them is safe in the leading block (before
// the article body) and the trailing block (after it); a chrome line inside
// the body gets an unsafe fix, since removing text from the middle of an
// article needs a look. So does a line that reads as a complete sentence
// (six or more Han characters ending in `。！？…`, or a `.` that ends a
// sentence) and carries no strong
// signal of chrome: a related article's summary looks like that, but so
// does a short news item that the layout analysis could not tell from
// chrome, and a safe fix never deletes prose. Such lines are reported
// apart from the rest of their run, which stays safe to delete. A
// disclaimer or copyright formula (a strong signal) is chrome whatever its
// shape, as long as the signal stands in one of its sentences and not only
// in a leading label: a disclaimer paragraph is deleted whole, but in
// `版权所有：党员们参观了校史馆。` the label vouches for nothing after it,
// and the line gets an unsafe fix.

use super::helpers::layout::{
    CHROME_PARAMS, ChromeParams, Layout, Region, SENTENCE_MIN_HAN, ends_sentence,
    has_prose_sentence,
};
use super::helpers::lines::deletion;
use crate::fix::{Applicability, Edit, Fix};
use crate::rule::message::Emitter;
use crate::rule::params::deny_unknown_params;
use crate::rule::{CheckContext, Checker, Finding};
use crate::rules::NativeArgs;
use crate::span::Span;

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    deny_unknown_params(args.params, CHROME_PARAMS)?;
    Ok(Box::new(SiteChrome {
        emit: args.emitter(),
        params: ChromeParams::from_params(args.params)?,
    }))
}

struct SiteChrome {
    emit: Emitter,
    params: ChromeParams,
}

/// Runs of chrome lines: `(first line, last line, region)`, blank lines
/// between chrome lines of the same region joining a run.
pub fn chrome_runs(layout: &Layout) -> Vec<(usize, usize, Region)> {
    let mut runs: Vec<(usize, usize, Region)> = Vec::new();
    let mut last_nonblank_chrome: Option<usize> = None;
    for &i in &layout.nonblank {
        match layout.chrome[i] {
            Some(region) => {
                match runs.last_mut() {
                    Some(run) if last_nonblank_chrome == Some(run.1) && run.2 == region => {
                        run.1 = i
                    }
                    _ => runs.push((i, i, region)),
                }
                last_nonblank_chrome = Some(i);
            }
            None => last_nonblank_chrome = None,
        }
    }
    runs
}

/// Whether the chrome signal of a line that reads as prose vouches for its
/// sentences: some sentence of the line (at least [`SENTENCE_MIN_HAN`] Han
/// characters up to a sentence mark) states a chrome formula (`statement-patterns`:
/// copyright, disclaimer, filing numbers) in its own words, not only in a
/// leading label. Navigation signals (`【打印本页】`, `当前位置：`) vouch
/// for no sentence. A disclaimer paragraph
/// (`本网站所收集的部分资料……不代表本站观点。如有侵权，我们会及时删除。`) is
/// chrome as a whole; in `版权所有：党员们参观了校史馆。` the label vouches
/// for nothing after it, and the line is not deleted without a look.
fn signal_vouches_for_sentences(line: &str, params: &ChromeParams) -> bool {
    let mut from = 0;
    let mut han = 0;
    for (i, c) in line.char_indices() {
        if ends_sentence(line, i, c) {
            if han >= SENTENCE_MIN_HAN && params.is_chrome_statement(strip_label(&line[from..i])) {
                return true;
            }
            from = i + c.len_utf8();
            han = 0;
        } else if crate::text::chars::is_han(c) {
            han += 1;
        }
    }
    false
}

/// `text` without a short leading label (`版权所有：`, `声明:`).
fn strip_label(text: &str) -> &str {
    let text = text.trim_start();
    text.char_indices()
        .take(LABEL_MAX_CHARS + 1)
        .find(|&(_, c)| matches!(c, '：' | ':'))
        .map_or(text, |(i, c)| &text[i + c.len_utf8()..])
}

/// The longest label [`strip_label`] takes off (`版权所有`, `免责声明`, `网站声明`).
const LABEL_MAX_CHARS: usize = 6;

impl SiteChrome {
    /// One finding for chrome lines `first..=last`.
    fn finding(
        &self,
        text: &str,
        layout: &Layout,
        (first, last): (usize, usize),
        region: Region,
        sentence: bool,
    ) -> Finding {
        // The finding shows exactly the lines its fix deletes, URLs and
        // addresses on them included.
        let span = Span::new(layout.lines[first].span.start, layout.lines[last].span.end);
        let delete = deletion(
            text,
            Span::new(layout.lines[first].full.start, layout.lines[last].full.end),
        );
        let (what, mut applicability) = match region {
            Region::Leading => ("正文前的网页导航、栏目或工具栏", Applicability::Safe),
            Region::Trailing => ("正文后的相关链接、页脚或声明", Applicability::Safe),
            Region::Body => ("正文中的网页元素", Applicability::Unsafe),
        };
        if sentence {
            applicability = Applicability::Unsafe;
        }
        let message = self
            .emit
            .message(&[("what", what), ("lines", &(last - first + 1).to_string())]);
        let help = if sentence {
            "删除这些行（其中有成句的文字，请先核对）"
        } else {
            "删除这些行"
        };
        Finding::new(self.emit.rule, span, message)
            .with_help(help)
            .with_fix(Fix::new(applicability, vec![Edit::delete(delete)]))
            .of_whole_lines()
    }
}

impl Checker for SiteChrome {
    fn check(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = ctx.text();
        let layout = Layout::analyze(text, &self.params);
        for (first, last, region) in chrome_runs(&layout) {
            // A line that reads as a sentence and carries no strong signal
            // of chrome (a disclaimer formula, a copyright line), or whose
            // sentence carries none of its own, may be prose the analysis
            // misjudged: such lines are split off into
            // findings of their own with an unsafe fix, so the rest of the
            // run stays safe to delete. The run's non-blank lines are found
            // by bisection (a page may have thousands of runs).
            let a = layout.nonblank.partition_point(|&i| i < first);
            let b = layout.nonblank.partition_point(|&i| i <= last);
            let mut part: Option<(usize, usize, bool)> = None;
            for &i in &layout.nonblank[a..b] {
                let line = &text[layout.lines[i].span.range()];
                let risky = has_prose_sentence(line)
                    && (layout.facts[i].strong == 0
                        || !signal_vouches_for_sentences(line, &self.params));
                part = match part {
                    Some((s, _, r)) if r == risky => Some((s, i, r)),
                    Some((s, _, r)) => {
                        // Blank lines between two parts go with the first.
                        out.push(self.finding(text, &layout, (s, i - 1), region, r));
                        Some((i, i, risky))
                    }
                    None => Some((i, i, risky)),
                };
            }
            if let Some((s, e, r)) = part {
                out.push(self.finding(text, &layout, (s, e), region, r));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{has_prose_sentence, strip_label};

    #[test]
    fn prose_sentences() {
        assert!(has_prose_sentence("5月10日，第一党支部开展主题党日活动。"));
        assert!(has_prose_sentence("活动结束后，党员们参观了校史馆。"));
        assert!(has_prose_sentence("“同志们辛苦了，大家好！”"));
        assert!(!has_prose_sentence("首页 > 新闻中心 > 正文"));
        assert!(!has_prose_sentence("【打印本页】【关闭窗口】"));
        assert!(!has_prose_sentence("版权所有。"));
        assert!(has_prose_sentence("- 及时总结经验做法..."));
        assert!(has_prose_sentence("会议要求各支部认真落实."));
        assert!(!has_prose_sentence("会议现场图片.jpg"));
    }

    #[test]
    fn labels() {
        assert_eq!(
            strip_label("版权所有：党员们参观了校史馆"),
            "党员们参观了校史馆"
        );
        assert_eq!(strip_label(" 声明:本站转载"), "本站转载");
        assert_eq!(
            strip_label("本网站所收集的部分公开资料：来源"),
            "本网站所收集的部分公开资料：来源"
        );
    }
}
