//! 文稿中遗留的模板占位符（`党的××大`、`××同志`、`某某单位`、`【单位名称】`）
//!
//! ## 检查什么
//! 从模板或旧稿改写的文稿里，没有替换掉的占位符：
//! - 固定名称中的届次、日期被`×`、`X`、`＊`、`□`代替：`党的××大`、`××届×中全会`、`第×次全国代表大会`、`20××年×月×日`；
//! - 代替人名、单位名的占位符后接职务或机构：`××同志`、`XX书记`、`某某同志`、`某某某主任`、`某某单位`、`××市`；
//! - 方括号里的待填栏目：`【单位名称】`、`[会议名称]`、`（单位名称）`、`【请填写…】`、`（待补充）`。
//!
//! ## 不报告的情形
//! - 隐去姓名或地名的写法：占位符前紧接汉字（姓或上级地名）时，如`张某某`、`李××同志`、`河北省××市`，这是案件通报、法院报道隐名的正当写法。但前面是“对”“给予”“向”“和”“、”等虚词或标点时，占位符自己就是人名或单位名，仍然报告（`给予××同志警告处分`的`××`是没填的名字）。
//! - 乘号：数字之间的`×`（`3×4`、`100×200毫米`），以及前后是其他拉丁字母或数字的`X`、`x`（`XXL`、`0x1F`）。
//! - 有意留空的用量：药品标签式样中的`一次×片，一日×次`（“次”前的占位符只在`第×次`中报告）。
//! - 行首的栏目标签：`【会议名称】第五届论坛`这类后面紧跟内容的标签不报，只有前面紧接汉字（`在【单位名称】召开`）或独占一行的方括号栏目才报；`（待定）`是正当的说明，不报。
//!
//! ## 修复
//! 无修复：该填什么只有作者知道。
//!
//! ## 依据
//! 《党政机关公文处理工作条例》（中办发〔2012〕14号）第十九条要求公文“内容简洁，主题突出，观点鲜明，结构严谨，表述准确”；占位符留在成稿中是常见的起草失误，校对时必须清除。

// English original of the user documentation above (developer notes):
//
// Template placeholders left in a draft (党的××大, ××同志, 某某单位,
// 【单位名称】).
//
// ## What it does
// Finds placeholders that a draft copied from a template or an old text
// did not fill in: masked numerals in fixed names (党的××大, ××届×中全会,
// 20××年×月×日), masks and 某某 standing for a person's or a unit's name
// before a title or an organ (××同志, 某某单位), and bracketed form fields
// (【单位名称】, （单位名称）, 【请填写…】, （待补充）).
//
// ## What it leaves alone
// * Anonymised names: a mask right after a Han character (a surname or a
//   higher place name: 张某某, 李××同志, 河北省××市), as discipline notices
//   and court reports write them. After a function word or punctuation
//   (对, 给予, 向, 、) the mask *is* the whole name and is reported.
// * The multiplication sign between digits (3×4) and X/x runs touching other
//   ASCII letters or digits (XXL, 0x1F).
// * A dose left open on purpose (一次×片，一日×次 on a drug label's model):
//   a mask before 次 counts only in 第×次.
// * Field labels at the start of a line followed by their content
//   (【会议名称】第五届论坛); only a bracket right after a Han character or
//   alone on its line is a slot. （待定） is information, not a slot.
//
// ## Fix safety
// None: only the author knows what goes there.

use crate::rule::message::Emitter;
use crate::rule::{CheckContext, Checker, Finding};
use crate::rules::NativeArgs;
use crate::span::Span;
use crate::text::chars::is_han;
use regex::Regex;
use std::sync::LazyLock;

/// A run of mask characters, or 某某 / 某某某.
static MASK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[×Ｘ＊□]{1,4}|[Xx]{2,4}|某某某?").expect("mask regex"));

/// Bracketed form fields.
static FIELD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"[【\[［{｛〔（(]",
        r"(?:",
        r"(?:单位|部门|机构|公司|学校|学院|会议|活动|项目|文件|报告|发文|联系人|负责人|作者|领导)",
        r"(?:名称|全称|简称|姓名|文号|标题)",
        r"|(?:请|此处)?(?:填写|输入|插入)[^】\]］}｛〕）)\n]{0,12}",
        r"|待补充|待填写?|待核实",
        r")",
        r"[】\]］}｝〕）)]"
    ))
    .expect("field regex")
});

/// What after a masked numeral makes it part of a fixed name or a date.
const NUMERAL_AFTER: &[&str] = &["大", "届", "次", "中全会", "年", "月", "日", "号"];

/// Titles and organs after a masked name.
const NAME_AFTER: &[&str] = &[
    "同志",
    "书记",
    "副书记",
    "主任",
    "副主任",
    "局长",
    "副局长",
    "部长",
    "副部长",
    "处长",
    "副处长",
    "科长",
    "院长",
    "副院长",
    "校长",
    "副校长",
    "市长",
    "副市长",
    "县长",
    "区长",
    "镇长",
    "乡长",
    "省长",
    "主席",
    "副主席",
    "委员",
    "代表",
    "教授",
    "老师",
    "总经理",
    "董事长",
    "厂长",
    "所长",
    "单位",
    "部门",
    "公司",
    "学院",
    "学校",
    "大学",
    "医院",
    "集团",
    "委员会",
    "党委",
    "党组",
    "党支部",
    "支部",
    "办公室",
    "街道",
    "社区",
    "市",
    "县",
    "区",
    "镇",
    "乡",
    "村",
    "局",
    "厅",
];

/// Function words after which a mask is a whole name, not an anonymised given name.
const FUNCTION_CHARS: &str = "的给予向对由经和与及或请为是让将把被同跟在于从等致";

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    args.no_params()?;
    Ok(Box::new(Placeholder {
        emit: args.emitter(),
    }))
}

struct Placeholder {
    emit: Emitter,
}

/// Whether the mask `m` at `start..end` of `text` is an unfilled placeholder.
fn is_placeholder(text: &str, start: usize, end: usize) -> bool {
    let m = &text[start..end];
    let before = text[..start].chars().next_back();
    let after_text = &text[end..];
    let after = after_text.chars().next();
    let ascii_x = m.starts_with(['X', 'x']);
    if ascii_x
        && (before.is_some_and(|c| c.is_ascii_alphanumeric())
            || after.is_some_and(|c| c.is_ascii_alphanumeric()))
    {
        return false;
    }
    let is_mask = !m.starts_with('某');
    if is_mask
        && m.chars().count() == 1
        && (before.is_some_and(|c| c.is_ascii_digit()) || after.is_some_and(|c| c.is_ascii_digit()))
    {
        // 3×4, 100×200毫米.
        return false;
    }
    if is_mask {
        if text[..start].ends_with("党的") || text[..start].ends_with('第') {
            return true;
        }
        // ××届×中全会, 20××年×月×日: a unit of a fixed name or a date after
        // the mask, which starts the name or follows its own characters
        // (年 before 月, 届 before 中全会). 次 counts only after 第: 一日×次
        // on a drug label is a dose left open on purpose.
        let opens = !before.is_some_and(is_han);
        let follows = before.is_some_and(|c| "年月届".contains(c));
        if ["届", "中全会"].iter().any(|a| after_text.starts_with(a))
            || (["年", "大"].iter().any(|a| after_text.starts_with(a)) && opens)
            || (["月", "日", "号"].iter().any(|a| after_text.starts_with(a)) && (opens || follows))
        {
            return true;
        }
    }
    if NAME_AFTER.iter().any(|a| after_text.starts_with(a)) {
        if text[..start].ends_with("中共") {
            // 中共××市委: the mask is the whole place name.
            return true;
        }
        return match before {
            None => true,
            Some(c) => !is_han(c) || FUNCTION_CHARS.contains(c),
        };
    }
    false
}

impl Checker for Placeholder {
    fn check(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = ctx.text();
        let mut spans: Vec<Span> = Vec::new();
        for m in MASK.find_iter(text) {
            if is_placeholder(text, m.start(), m.end()) {
                // The whole masked number: 20××年, ××届, ×中全会.
                let start = text[..m.start()]
                    .trim_end_matches(|c: char| c.is_ascii_digit())
                    .len();
                let rest = &text[m.end()..];
                let unit = if NAME_AFTER.iter().any(|a| rest.starts_with(a)) {
                    0
                } else {
                    NUMERAL_AFTER
                        .iter()
                        .find(|a| rest.starts_with(**a))
                        .map_or(0, |a| a.len())
                };
                spans.push(Span::new(start, m.end() + unit));
            }
        }
        for m in FIELD.find_iter(text) {
            let before = text[..m.start()].chars().next_back();
            let line_end = text[m.end()..]
                .chars()
                .next()
                .is_none_or(|c| c == '\n' || c == '\r');
            let fill_note = !m.as_str().contains("名称")
                && !m.as_str().contains("全称")
                && !m.as_str().contains("简称")
                && !m.as_str().contains("姓名")
                && !m.as_str().contains("文号")
                && !m.as_str().contains("标题");
            if fill_note || before.is_some_and(is_han) || line_end {
                spans.push(Span::new(m.start(), m.end()));
            }
        }
        spans.sort_unstable();
        // Masks close together are one placeholder (××届×中全会, 20××年×月×日).
        let mut merged: Vec<Span> = Vec::new();
        for s in spans {
            match merged.last_mut() {
                Some(last)
                    if s.start <= last.end + 6
                        && !text[last.end..s.start.max(last.end)].contains(|c: char| {
                            c.is_whitespace() || "，。；：、！？".contains(c)
                        }) =>
                {
                    last.end = last.end.max(s.end);
                }
                _ => merged.push(s),
            }
        }
        for span in merged {
            out.push(self.emit.at(span, &[("match", &text[span.range()])]));
        }
    }
}
