//! 句中两个汉字之间的空格
//!
//! ## 检查什么
//! 报告正文中两个汉字之间的空白（包括全角空格`U+3000`），并将其删除：`党委 书记` → `党委书记`。
//!
//! ## 不报告的情形
//! - 标题式的行（不含“。”、不超过80个字符）：网页标题用空格分隔分句（`菲律宾火山持续喷发 数万人受灾`），署名行用空格分隔人名（`记者 王小明 通讯员 李华`）；
//! - `“…”`、`《…》`、`【…】`或`（…）`内部的空格：口号、作品标题或署名在其中保留自己的分隔（`《增强必胜之心 仁爱之心》`）；
//! - 通讯社电头后的空格（`新华社北京6月1日电 记者…`）；
//! - 职务或身份之后的空格（`疾控中心主任 雷德菲尔德`、`院长 薛澜：`），这是图片说明的惯例；以及用空格分隔的人名列表（`丁学东 丁薛祥 万立骏`），即两侧都是两至四个汉字、各自以空格、行首行尾或冒号为界的情形；
//! - 用空格分隔一串短条目的行：网页的关键词、标签云、导航栏、链接行（至少六处空格，条目平均不超过十二个字，没有“。，；”）；
//! - 行首缩进。
//!
//! 行首条款序号后的空格（`第三条　本办法适用于……`、`第十二章 附则`）和新闻导语标记后的空格
//! （`又讯 …`、`本报讯 …`）是格式的一部分，不是误加的空格：不报告。
//!
//! ## 修复
//! 安全修复：只删除空白。
//!
//! ## 依据
//! 汉语书写时词与词之间不加空格（GB/T 15834—2011第5.1条：每个标点和汉字各占一个位置，不另插入其他内容）；句中的空格是粘贴接缝、抓取程序的拼接或两端对齐排版留下的痕迹。

// English original of the user documentation above (developer notes):
//
// A space between two Han characters inside a sentence.
//
// ## What it does
// Flags spaces (including the ideographic space U+3000) between two Han
// characters in running text and deletes them: `党委 书记` → `党委书记`.
//
// ## Why
// Chinese is written without spaces between words (GB/T 15834—2011 5.1:
// every mark and character takes its own cell, nothing else is inserted);
// a space inside a sentence is a paste seam, a scraper's join or a
// justified-text artefact.
//
// ## What it leaves alone
// - headline-like lines (no 。, at most 80 characters): web headlines
//   separate clauses with spaces (`菲律宾火山持续喷发 数万人受灾`) and
//   bylines separate names (`记者 王小明 通讯员 李华`);
// - spaces inside “…”, 《…》, 【…】 or （…）, where a slogan, the title of a
//   work or a byline keeps its own separators (`《增强必胜之心 仁爱之心》`);
// - the dateline space of news agencies (`新华社北京6月1日电 记者…`);
// - a space after a title or role (`疾控中心主任 雷德菲尔德`, `院长 薛澜：`)
//   — a caption convention — and lists of names separated by spaces
//   (`丁学东 丁薛祥 万立骏`): runs of two to four Han characters on both
//   sides, each bounded by a space, the line's edge or a colon;
// - lines that list short items separated by spaces: a page's keyword or
//   tag cloud, a navigation bar, a row of links (six spaces or more, items
//   of at most twelve characters on average, no 。，；);
// - indentation at the start of a line.
//
// ## Fix safety
// Safe: only whitespace is removed.

use super::describe_spaces;
use crate::fix::{Applicability, Fix};
use crate::rule::message::Emitter;
use crate::rule::{CheckContext, Checker, Finding};
use crate::rules::NativeArgs;
use crate::rules::helpers::{TitleMarkScanner, is_name_list, is_spaced_list, is_title_like};
use crate::span::Span;
use crate::text::chars::{LineCursor, char_at, char_before, is_han, is_space};

/// Titles and roles that a caption puts before a name with a space.
const ROLES: &[&str] = &[
    "书记",
    "主任",
    "主席",
    "总统",
    "首相",
    "总理",
    "教授",
    "专家",
    "代表",
    "委员",
    "经理",
    "总裁",
    "大使",
    "记者",
    "编辑",
    "摄影",
    "主编",
    "总监",
    "司令",
    "部长",
    "干部",
    "村民",
    "居民",
    "市民",
    "游客",
    "学生",
    "老师",
    "医生",
    "护士",
    "负责人",
    "发言人",
    "创始人",
    "董事",
    "参赞",
    "顾问",
    "议员",
    "法官",
    "检察官",
    "警官",
    "工人",
    "农民",
    "党员",
];

/// Whether the Han text before `at` ends with a title or role.
fn after_role(text: &str, at: usize) -> bool {
    let before = &text[..at];
    let Some(last) = before.chars().next_back() else {
        return false;
    };
    matches!(last, '长' | '员' | '师' | '士' | '者' | '官')
        || ROLES
            .iter()
            .any(|r| r.ends_with(last) && before.ends_with(r))
}

/// Runs longer than this are never name-sized: stop counting there, so a
/// long run of Han text costs nothing per space.
const RUN_CAP: usize = 5;

/// Length in characters of the Han run ending at `end` (capped at
/// [`RUN_CAP`]), and the character before it.
fn han_run_back(text: &str, end: usize) -> (usize, Option<char>) {
    let mut n = 0;
    for c in text[..end].chars().rev() {
        if !is_han(c) || n == RUN_CAP {
            return (n, Some(c));
        }
        n += 1;
    }
    (n, None)
}

/// Length of the Han run starting at `start` (capped at [`RUN_CAP`]), and
/// the character after it.
fn han_run_fwd(text: &str, start: usize) -> (usize, Option<char>) {
    let mut n = 0;
    for c in text[start..].chars() {
        if !is_han(c) || n == RUN_CAP {
            return (n, Some(c));
        }
        n += 1;
    }
    (n, None)
}

/// `丁学东 丁薛祥 万立骏`: short Han runs separated by spaces.
fn name_list(text: &str, run: Span) -> bool {
    let edge = |c: Option<char>| {
        c.is_none_or(|c| {
            is_space(c) || matches!(c, '\n' | '\r' | '：' | ':' | '）' | '、' | '。' | '，')
        })
    };
    let (left, lc) = han_run_back(text, run.start);
    let (right, rc) = han_run_fwd(text, run.end);
    (2..=4).contains(&left) && (2..=4).contains(&right) && edge(lc) && edge(rc)
}

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    args.no_params()?;
    Ok(Box::new(SpaceBetweenHan {
        base: args.emitter(),
    }))
}

struct SpaceBetweenHan {
    base: Emitter,
}

impl Checker for SpaceBetweenHan {
    fn check(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = ctx.text();
        // Per-line facts, computed once per line (a long line with many
        // spaces must not be rescanned for each of them).
        let mut lines = LineCursor::new(text);
        let mut line_cache: Option<(usize, bool, TitleMarkScanner<'_>)> = None;
        for &run in ctx.space_runs() {
            let (Some(p), Some(n)) = (char_before(text, run.start), char_at(text, run.end)) else {
                continue;
            };
            if !is_han(p) || !is_han(n) {
                continue;
            }
            if p == '电' && text[..run.start].ends_with("日电") {
                continue;
            }
            let (ls, le) = lines.bounds(run.start);
            // A line already found to be a title or a list: nothing to weigh.
            if line_cache
                .as_ref()
                .is_some_and(|(start, skip, _)| *start == ls && *skip)
            {
                continue;
            }
            if after_role(text, run.start) || name_list(text, run) {
                continue;
            }
            if line_cache.as_ref().is_none_or(|(start, _, _)| *start != ls) {
                let line = &text[ls..le];
                let skip = is_title_like(line) || is_name_list(line) || is_spaced_list(line);
                let marks = TitleMarkScanner::new(line, &[('（', '）'), ('〔', '〕')]);
                line_cache = Some((ls, skip, marks));
            }
            let (_, skip_line, marks) = line_cache.as_mut().expect("cached line");
            if *skip_line || marks.inside(run.start - ls) {
                continue;
            }
            if structural_lead(&text[ls..run.start]) {
                continue;
            }
            let found = describe_spaces(&text[run.range()]);
            let both = format!("{p}{n}");
            self.base.push(
                out,
                run,
                &[("found", found)],
                Some(format!("删除{found}：“{both}”")),
                Some(Fix::replace(Applicability::Safe, run, "")),
            );
        }
    }
}

/// Whether `lead` (a line up to a space) is a heading the space sets off
/// from its text: an article number (`第三条`, `第十二章`, `第2节`) or a
/// news lead (`又讯`, `本报讯`, `据悉`-less `讯`).
fn structural_lead(lead: &str) -> bool {
    let lead = lead.trim_start_matches(is_space);
    if matches!(
        lead,
        "又讯" | "本报讯" | "本刊讯" | "本网讯" | "快讯" | "简讯" | "综合讯"
    ) {
        return true;
    }
    let Some(rest) = lead.strip_prefix('第') else {
        return false;
    };
    let Some(unit) = rest.chars().next_back() else {
        return false;
    };
    let number = &rest[..rest.len() - unit.len_utf8()];
    matches!(unit, '条' | '章' | '节' | '款' | '编' | '部' | '篇' | '项')
        && !number.is_empty()
        && number.chars().count() <= 6
        && number
            .chars()
            .all(|c| c.is_ascii_digit() || "〇零一二三四五六七八九十百千两".contains(c))
}
