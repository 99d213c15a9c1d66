//! 在正文中重复出现的文章标题，包括被拆成多行的情形
//!
//! ## 检查什么
//! 取标题（既不是导航、也不是元数据字段的第一行；允许带`标题:`标签），报告正文中（从第一段起：即至少`body-min-chars`个字符且带句末点号的行）重复该标题的行：规范化（宽度、空格、引号）后文字相同的行，拆成连续两三行的标题，或者加上、去掉了网站名称的标题（`标题-新华网`、`标题_中山网`）。
//!
//! 标题区中，发布时间、来源、浏览量等元数据行之后再次出现的标题（也包括分成两三行的）
//! 是网页模板带来的重复，即使位于第一段正文之前也报告；没有元数据行隔开的标题区（窗口标题加
//! 正文标题、央视网“央视网消息（新闻联播）：”下的标题）仍不报告。
//!
//! ## 不报告的情形
//! 第一段之前的标题区中的副本：窗口标题后跟正文标题，或者信息源的标题字段后跟文本自身的标题（`央视网消息（新闻联播）：`之下的`…全体会议公报`），这是页面或信息源的结构，应保留哪一份并不明显。只与标题共有一些词语的副标题和提要，在句子中包含标题的行，以及可能理应反复出现的短标题（少于`min-chars`个字符）。
//!
//! ## 修复
//! 安全修复：删除较后的副本（连同换行，以及只起分隔作用、删除后会多余的空行），保留第一处。
//!
//! ## 依据
//! 复制网页时，会带上窗口标题、正文标题，还常常带上分享组件中的第二个标题；于是文章开头就有两遍标题。转载也是如此。

// English original of the user documentation above (developer notes):
//
// The article title repeated in the text, also when split over lines.
//
// ## What it does
// Takes the title (the first line that is neither navigation nor a
// metadata field; a `标题:` label is allowed) and flags lines of the body
// (from the first paragraph on: a line of at least `body-min-chars`
// characters with sentence punctuation) that repeat it: the same text after normalization (width, spaces, quotes), the
// title split over two or three consecutive lines, or the title with a
// site name appended or removed (`标题-新华网`, `标题_中山网`).
//
// ## Why
// Copying a page takes the window title, the headline and often a second
// headline from a share widget; the article then starts with its title
// twice. Reposts do the same.
//
// ## What it leaves alone
// Copies in the headline block above the first paragraph: a window title
// followed by the headline, or a feed's title field followed by the text's
// own heading (`…全体会议公报` under `央视网消息（新闻联播）：`) is the
// structure of the page or feed, and which copy to keep is not obvious.
// Subheads and decks that only share words with the title, lines that
// contain the title inside a sentence, and short titles (fewer than
// `min-chars` characters) that may legitimately recur.
//
// ## Fix safety
// Safe: the later copy is deleted (with its line breaks and the blank
// lines that would be left over); the first stays.

use super::helpers::canonical::strip_title_label;
use super::helpers::lines::deletion;
use crate::fix::{Applicability, Edit, Fix};
use crate::rule::message::Emitter;
use crate::rule::params::deny_unknown_params;
use crate::rule::params::param_usize;
use crate::rule::{CheckContext, Checker, Finding};
use crate::rules::NativeArgs;
use crate::span::Span;
use crate::text::compare::{Line, fold, is_blank, is_word_char, lines, normalize};

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    deny_unknown_params(
        args.params,
        &[
            "min-chars",
            "scan-lines",
            "suffix-max-chars",
            "body-min-chars",
        ],
    )?;
    Ok(Box::new(RepeatedTitle {
        emit: args.emitter(),
        min_chars: param_usize(args.params, "min-chars")?.unwrap_or(6),
        scan_lines: param_usize(args.params, "scan-lines")?.unwrap_or(12),
        suffix_max: param_usize(args.params, "suffix-max-chars")?.unwrap_or(12),
        body_min_chars: param_usize(args.params, "body-min-chars")?.unwrap_or(30),
    }))
}

struct RepeatedTitle {
    emit: Emitter,
    min_chars: usize,
    scan_lines: usize,
    suffix_max: usize,
    body_min_chars: usize,
}

fn navigation_like(s: &str) -> bool {
    s.contains(['|', '丨', '｜', '>', '»', '›'])
        || s.contains("_")
        || s.trim_start_matches(is_blank).starts_with("首页")
}

/// A field `label: value` (other than `标题`): not a title.
fn is_field(s: &str) -> bool {
    let t = s.trim_start_matches(is_blank);
    let Some(i) = t.find([':', '：']) else {
        return false;
    };
    let label = &t[..i];
    let n = label.chars().count();
    (1..=6).contains(&n) && label.chars().all(|c| !is_blank(c)) && !label.starts_with("标题")
}

/// A metadata line of the page: a publication field or counter
/// (`发布时间：2021-06-08`, `来源：党委宣传部`, `2021-06-08阅读次数：35`).
fn metadata_field(s: &str) -> bool {
    const LABELS: &[&str] = &[
        "发布", "来源", "作者", "日期", "时间", "浏览", "阅读", "点击", "编辑", "供稿", "审核",
    ];
    let dated = s
        .as_bytes()
        .windows(5)
        .any(|w| w[..4].iter().all(u8::is_ascii_digit) && matches!(w[4], b'-' | b'/' | b'.'))
        || s.contains('年') && s.contains('日') && s.chars().any(|c| c.is_ascii_digit());
    let labelled = LABELS.iter().any(|l| {
        s.match_indices(l).any(|(at, _)| {
            s[at + l.len()..]
                .trim_start_matches(|c: char| !matches!(c, ':' | '：') && !c.is_whitespace())
                .starts_with([':', '：'])
        })
    });
    labelled || (dated && s.chars().count() <= 60 && !s.contains(['。', '，']))
}

/// A separator that starts a site suffix: `-`, `_`, `|`, `--`, `—`.
fn site_suffix(rest: &str, max: usize) -> bool {
    let mut chars = rest.chars();
    matches!(chars.next(), Some('-' | '_' | '|' | '—' | '丨')) && rest.chars().count() <= max + 3
}

impl RepeatedTitle {
    fn same(&self, title: &str, other: &str) -> bool {
        if title == other {
            return true;
        }
        if let Some(rest) = title.strip_prefix(other) {
            return other.chars().count() >= self.min_chars && site_suffix(rest, self.suffix_max);
        }
        if let Some(rest) = other.strip_prefix(title) {
            return site_suffix(rest, self.suffix_max);
        }
        false
    }
}

impl Checker for RepeatedTitle {
    fn check(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = ctx.text();
        let all: Vec<Line> = lines(text)
            .into_iter()
            .filter(|l| !text[l.span.range()].chars().all(is_blank))
            .collect();
        let Some((t, title)) = all
            .iter()
            .enumerate()
            .take(self.scan_lines)
            .find_map(|(i, l)| {
                let s = &text[l.span.range()];
                if navigation_like(s) || is_field(s) {
                    return None;
                }
                let key = normalize(strip_title_label(s));
                (key.chars().filter(|c| is_word_char(*c)).count() >= self.min_chars)
                    .then_some((i, key))
            })
        else {
            return;
        };
        // Normalize only lines short enough to be (part of) a copy: folding
        // never lengthens text, and whitespace is at most a few bytes a char.
        // Keys are made on demand: a copy starts with the title's first
        // character, so most lines are passed over without one.
        let max_bytes = 4 * (title.len() + 4 * self.suffix_max + 16);
        let mut keys: Vec<Option<Option<String>>> = vec![None; all.len()];
        let mut key = |k: usize| -> Option<String> {
            keys[k]
                .get_or_insert_with(|| {
                    let l = &all[k];
                    (l.span.len() <= max_bytes).then(|| normalize(&text[l.span.range()]))
                })
                .clone()
        };
        let title_first = title.chars().next();
        // Only copies in the body count: the headline block above the first
        // paragraph (a window title and a headline, a title field and the
        // heading of the text) is the page's or the feed's structure.
        let Some(body) = (t + 1..all.len()).find(|&i| {
            let s = &text[all[i].span.range()];
            s.chars().filter(|c| !is_blank(*c)).count() >= self.body_min_chars
                && s.contains(['。', '，', '；', '！', '？'])
        }) else {
            return;
        };
        // A copy after the page's metadata (`发布时间：…`, `来源：…`) is a
        // repeat even above the first paragraph: the headline block ended
        // with the metadata.
        let after_meta = (t + 1..body)
            .rev()
            .find(|&k| metadata_field(&text[all[k].span.range()]))
            .map(|k| k + 1);
        let mut i = after_meta.unwrap_or(body + 1).min(body + 1);
        while i < all.len() {
            if text[all[i].span.range()].chars().find_map(fold) != title_first {
                i += 1;
                continue;
            }
            // The copy on one line, or split over up to three lines.
            let mut joined = String::new();
            let mut matched = None;
            for k in (i..all.len()).take(3) {
                let Some(key) = key(k) else { break };
                joined.push_str(&key);
                if joined.chars().count() > title.chars().count() + self.suffix_max + 3 {
                    break;
                }
                if self.same(&title, &joined) {
                    matched = Some(k);
                    break;
                }
                if !title.starts_with(joined.as_str()) {
                    break;
                }
            }
            if let Some(last) = matched {
                let span = Span::new(all[i].span.start, all[last].span.end);
                let delete = deletion(text, Span::new(all[i].full.start, all[last].full.end));
                let parts = last - i + 1;
                let how = if parts > 1 {
                    format!("（分成 {parts} 行）")
                } else {
                    String::new()
                };
                let message = self.emit.message(&[("how", &how)]);
                out.push(
                    Finding::new(self.emit.rule, span, message)
                        .with_help("删除重复的标题")
                        .with_fix(Fix::new(Applicability::Safe, vec![Edit::delete(delete)])),
                );
                i = last + 1;
            } else {
                i += 1;
            }
        }
    }
}
