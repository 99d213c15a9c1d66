//! 党的代表大会和全会简称前的“党的”
//!
//! ## 检查什么
//! 提示前面没有“党的”或“中共”的单独的`二十大`、`十九大精神`、`二十届三中全会`（第十五次及以后的代表大会及其全会），并建议写作`党的二十大`、`党的二十届三中全会`。
//!
//! ## 不报告的情形
//! - 前面有“党的”“中共”“中国共产党”“党”或数字的名称。
//! - 引号、`【】`栏目标记、书名号或`「」`内的名称（如口号`“学思践悟二十大”`，栏目标记`【团结奋斗二十大】`）。
//! - 不加引号的标语：紧跟在“喜迎”“献礼”“奋进”等标语动词之后（`喜迎二十大`），或所在的行只由空格、逗号、顿号隔开的几个短语组成（`喜迎二十大 奋进新征程`）。
//! - 以“党的”开头的列举中后面的各项（`党的十八大、十九大`）。
//! - 后接量词或名词的`二十大`（`二十大类`、`二十大项目`）：只认定表示代表大会的读法（`二十大精神`、`二十大以来`、`二十大报告`、`二十大召开`、`二十大的`等，或其后为标点）。
//!
//! ## 修复
//! 不安全修复：插入“党的”。
//!
//! ## 依据
//! 中央文件和媒体写作`党的二十大`、`党的二十届三中全会`。但党章本身写`十八大以来`，不加“党的”，所以这是一条体例提示（级别为`info`），从不作为错误。

// English original of the user documentation above (developer notes):
//
// 党的 before the short names of party congresses and plenums.
//
// ## What it does
// Notes a bare 二十大, 十九大精神, 二十届三中全会 (the congresses from the
// fifteenth on, and their plenums) without 党的 or 中共 before it and
// suggests 党的二十大, 党的二十届三中全会.
//
// ## Why
// Central documents and media write 党的二十大, 党的二十届三中全会. But
// the 党章 itself writes 十八大以来 without 党的, so this is a style note
// (severity `info`), never an error.
//
// ## What it leaves alone
// * Names preceded by 党的, 中共, 中国共产党, 党 or a numeral.
// * Names inside quotation marks, 【】 column tags, 《》 titles or 「」
//   (slogans such as “学思践悟二十大”, tags such as 【团结奋斗二十大】).
// * Unquoted banner slogans: right after a slogan verb (喜迎二十大, 献礼二十大),
//   or on a line made only of short phrases separated by spaces, commas or
//   顿号 (喜迎二十大 奋进新征程).
// * Later members of a list that began with 党的 (党的十八大、十九大).
// * 二十大 followed by a classifier or noun (二十大类, 二十大项目): only
//   the congress readings are taken (二十大精神, 二十大以来, 二十大报告,
//   二十大召开, 二十大的 … or punctuation after it).
//
// ## Fix safety
// Unsafe: inserts 党的.

use crate::fix::{Applicability, Edit, Fix};
use crate::rule::message::Emitter;
use crate::rule::{CheckContext, Checker, Finding};
use crate::rules::NativeArgs;
use crate::span::Span;
use regex::Regex;
use std::sync::LazyLock;

static PATTERN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:十[五六七八九]|二十[一二三四五]?)(?:大|届[一二三四五六七八九]中全会)")
        .expect("congress regex")
});

/// What may follow N大 for it to be the congress.
const AFTER_DA: &[&str] = &[
    "精神", "报告", "以来", "召开", "胜利", "代表", "开幕", "闭幕", "期间", "提出", "作出", "确立",
    "强调", "部署", "擘画", "描绘", "明确", "的", "、", "，", "。", "；", "和", "后", "以后", "前",
    "上", "主题", "党章", "重大", "重要", "关于", "新闻",
];

/// What before the name makes it right.
const BEFORE: &[&str] = &["党的", "中共", "中国共产党", "党", "在党的"];

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    args.no_params()?;
    Ok(Box::new(PartyPrefix {
        emit: args.emitter(),
        applicability: args.meta.fix.unwrap_or(Applicability::Unsafe),
    }))
}

struct PartyPrefix {
    emit: Emitter,
    applicability: Applicability,
}

/// Whether `at` lies inside “…”, 【…】, 《…》, 「…」 or ‘…’ opened on the same line.
fn enclosed(text: &str, at: usize) -> bool {
    for c in text[..at].chars().rev() {
        match c {
            '\n' | '”' | '】' | '》' | '」' | '’' | '』' => return false,
            '“' | '【' | '《' | '「' | '‘' | '『' => return true,
            _ => {}
        }
    }
    false
}

/// Verbs that open a banner slogan (喜迎二十大, 献礼二十大).
const SLOGAN_VERBS: &[&str] = &[
    "喜迎",
    "迎接",
    "献礼",
    "礼赞",
    "奋进",
    "聚焦",
    "唱响",
    "喜庆",
    "庆祝",
    "讴歌",
    "歌颂",
    "放歌",
    "盛赞",
    "筑梦",
    "献给",
    "建功",
    "追梦",
    "聚力",
    "学思践悟",
];

/// Whether the name at `start..end` stands in a banner slogan: right after a
/// slogan verb (喜迎二十大), or on a line made only of short segments
/// separated by spaces or commas (喜迎二十大 奋进新征程), which slogans are
/// and sentences are not.
fn in_slogan(text: &str, start: usize, end: usize) -> bool {
    if SLOGAN_VERBS.iter().any(|v| text[..start].ends_with(v)) {
        return true;
    }
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    let line = text[line_start..line_end].trim();
    if line.contains(['。', '；', '：', '？']) {
        return false;
    }
    let segments: Vec<&str> = line
        .split(|c: char| c.is_whitespace() || "、，！!·—".contains(c))
        .filter(|s| !s.is_empty())
        .collect();
    segments.len() >= 2 && segments.iter().all(|s| s.chars().count() <= 8)
}

impl Checker for PartyPrefix {
    fn check(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = ctx.text();
        for m in PATTERN.find_iter(text) {
            let found = m.as_str();
            let before = &text[..m.start()];
            if BEFORE.iter().any(|b| before.ends_with(b)) {
                continue;
            }
            if before
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_digit() || "〇一二三四五六七八九十第".contains(c))
            {
                continue;
            }
            if found.ends_with('大') && !AFTER_DA.iter().any(|a| text[m.end()..].starts_with(a)) {
                continue;
            }
            // A list that began with 党的: 党的十八大、十九大.
            let recent: String = {
                let mut v: Vec<char> = before.chars().rev().take(16).collect();
                v.reverse();
                v.into_iter().collect()
            };
            if before.ends_with(['、', '和', '及', '与', '至', '到'])
                && (recent.contains("党的") || recent.contains("中共"))
            {
                continue;
            }
            if enclosed(text, m.start()) || in_slogan(text, m.start(), m.end()) {
                continue;
            }
            let span = Span::new(m.start(), m.end());
            out.push(
                self.emit
                    .at(span, &[("match", found)])
                    .with_help(format!("宜写作“党的{found}”"))
                    .with_fix(Fix::new(
                        self.applicability,
                        vec![Edit::insert(m.start(), "党的")],
                    )),
            );
        }
    }
}
