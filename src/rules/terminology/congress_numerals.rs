//! 党的代表大会、全会和人大、政协会议名称中的阿拉伯数字
//!
//! ## 检查什么
//! 报告党的代表大会和全体会议以及全国人大、全国政协会议等固定名称中的阿拉伯数字，并改为汉字数字：`党的20大` → `党的二十大`，`19届6中全会` → `十九届六中全会`，`十四届全国人大2次会议` → `十四届全国人大二次会议`，`中国共产党第20次全国代表大会` → `中国共产党第二十次全国代表大会`。
//!
//! ## 不报告的情形
//! 这些名称之外的数量和序数（`召开20次会议`、`20大类项目`、`第3届运动会`）；前面还有数字的数（`2023届`）；全国人大常委会会议的次数（`十三届全国人大常委会第16次会议`：媒体用阿拉伯数字书写，但其中的“届”仍会检查）；以及单独的`N大`，除非前面有“党的”或“中共”，或后面跟着“以来”“精神”“报告”“代表”“召开”“开幕”“闭幕”“期间”。
//!
//! ## 修复
//! 安全修复：只改变数字。
//!
//! ## 依据
//! GB/T 15835—2011第4.3条：具有固定含义、风格庄重的表述用汉字数字（其示例包括`十一届全国人大一次会议`和`十三届四中全会`）。

// English original of the user documentation above (developer notes):
//
// Arabic numerals in the names of party congresses, plenums and sessions.
//
// ## What it does
// Flags Arabic numerals in the fixed names of party congresses and plenary
// sessions and of NPC/CPPCC sessions, and writes them in Chinese numerals:
// 党的20大 → 党的二十大, 19届6中全会 → 十九届六中全会,
// 十四届全国人大2次会议 → 十四届全国人大二次会议,
// 中国共产党第20次全国代表大会 → 中国共产党第二十次全国代表大会.
//
// ## Why
// GB/T 15835—2011 4.3: expressions with a fixed meaning that are solemn in
// style use Chinese numerals (its examples include 十一届全国人大一次会议
// and 十三届四中全会).
//
// ## What it leaves alone
// Counts and ordinals outside these names (召开20次会议, 20大类项目,
// 第3届运动会), numbers preceded by another digit (2023届), the session
// numbers of the NPC Standing Committee (十三届全国人大常委会第16次会议:
// media write them in Arabic numerals; the 届 is still checked), and bare N大
// unless 党的/中共 precedes it or 以来/精神/报告/代表/召开/开幕/闭幕/期间
// follows it.
//
// ## Fix safety
// Safe: only the numerals change.

use super::chinese_numeral;
use crate::fix::{Applicability, Fix};
use crate::rule::message::Emitter;
use crate::rule::{CheckContext, Checker, Finding};
use crate::rules::NativeArgs;
use crate::span::Span;
use regex::Regex;
use std::sync::LazyLock;

const NUM: &str = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})";

static PATTERN: LazyLock<Regex> = LazyLock::new(|| {
    let alts = [
        r"(?:党的|中共)\d{1,2}大".to_string(),
        r"\d{1,2}大(?:以来|精神|报告|代表|召开|胜利召开|开幕|闭幕|期间)".to_string(),
        format!(r"第?{NUM}届(?:中央委员会)?第?{NUM}(?:中全会|次全体会议)"),
        format!(r"第?{NUM}届(?:全国人大|全国政协|全国人民代表大会|全国委员会)第?{NUM}次(?:全体)?会议"),
        r"第?\d{1,2}届(?:全国人大|全国政协|全国人民代表大会|中央政治局|中央委员会|中央纪委|中共中央)"
            .to_string(),
        r"第\d{1,2}次全国代表大会".to_string(),
    ];
    Regex::new(&alts.join("|")).expect("congress regex")
});

static DIGITS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\d+").expect("digits"));

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    args.no_params()?;
    Ok(Box::new(CongressNumerals {
        emit: args.emitter(),
        applicability: args.meta.fix.unwrap_or(Applicability::Safe),
    }))
}

struct CongressNumerals {
    emit: Emitter,
    applicability: Applicability,
}

impl Checker for CongressNumerals {
    fn check(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = ctx.text();
        // Cheap prefilter: these names need 届, 大 or 次 next to a digit.
        if !text.bytes().any(|b| b.is_ascii_digit()) {
            return;
        }
        for m in PATTERN.find_iter(text) {
            let found = m.as_str();
            if !found.bytes().any(|b| b.is_ascii_digit()) {
                continue;
            }
            if text[..m.start()]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_digit() || c == '.')
            {
                continue;
            }
            let mut ok = true;
            let replacement = DIGITS.replace_all(found, |c: &regex::Captures<'_>| {
                match c[0].parse::<u32>().ok().and_then(chinese_numeral) {
                    Some(s) => s,
                    None => {
                        ok = false;
                        c[0].to_string()
                    }
                }
            });
            if !ok {
                continue;
            }
            let span = Span::new(m.start(), m.end());
            out.push(
                self.emit
                    .at(span, &[("match", found), ("replacement", &replacement)])
                    .with_fix(Fix::replace(self.applicability, span, replacement.as_ref())),
            );
        }
    }
}
