//! 领导人被冠以其在文档日期并未担任的职务：2024年文档中的`国务院总理李克强`，2023年3月以后的`全国人大常委会委员长栗战书`
//!
//! ## 检查什么
//! 查找内置人物登记表（`rules/people.toml`：2002年至2026年的国家领导人及其任职日期）中的姓名：其前面紧挨着登记的职务（单个职务或职务链，如`中共中央总书记、国家主席、中央军委主席习近平`），或其后面紧跟着完整或简称形式的职务（`李强总理`、`习近平总书记`）；报告该人在文档日期（取文档元数据中的日期，其次为`--as-of`，再次为当天）并未担任的职务。消息中给出此人担任该职务的任期，以及在该日期担任该职务的人。
//!
//! ## 不报告的情形
//! 关于过去的句子：职务前紧挨着`时任`、`原`、`前`、`曾任`、`历任`、`已故`，或者分句中前面有`原`、`时任`（`原国务委员兼国防部长`）；句中任何位置有`曾`、`新当选`、`生前`、`逝世`、`回忆`、`缅怀`、`诞辰`、`当年`、`当时`、`任内`、`去年`等；句中有早于文档年份的年份（`2015年，国务院总理李克强…`），或句中的日期、年份正处于此人担任该职务期间（在2023年3月13日的文档中，`3月5日，国务院总理李克强作政府工作报告`）；书名号`《》`内的职务。前面加`副`、`代`、`常`或`总`的职务是另外的职务。旁边没有登记职务的姓名不予判断。
//!
//! 文稿既无日期行、无法从正文推断日期，又未给出 `--as-of` 时，文稿可能写于任何时间：
//! 此时只报告此人从未担任过的职务，不再以今天为准判断“某日是否在任”。
//!
//! ## 数据
//! 内置数据：`rules/people.toml`（每段任期都附有公开来源）。用户规则集可以添加`[[person]]`表；首次在用户规则集中登记的人员改由`names/roster-title`检查。
//!
//! ## 修复
//! 不提供修复：是职务错了还是姓名错了，抑或文本说的是过去，须由编辑判断。
//!
//! ## 依据
//! 时政新闻中，领导人的职务要最先核对：已经卸任的职务，或者属于他人的职务，是政治性差错，而非文字体例问题（在省级网站检查中，领导人姓名或职务写错属于严重错误）。

// English original of the user documentation above (developer notes):
//
// A leader named with a title he did not hold at the document's date:
// `国务院总理李克强` in a 2024 document, `全国人大常委会委员长栗战书` after
// March 2023.
//
// ## What it does
// Finds the names of the built-in people registry (`rules/people.toml`:
// national leaders 2002–2026 with the dates of their appointments) with a
// registry title written right before them — alone or as a chain,
// `中共中央总书记、国家主席、中央军委主席习近平` — or right after them in full or
// short form (`李强总理`, `习近平总书记`), and reports a title the person did not
// hold on the document's date (its metadata date, else `--as-of`, else
// today). The message gives the person's tenure of that title and who held
// it on that date.
//
// ## Why
// A leader's title is checked before anything else in official news: a
// title that ended, or one that belongs to someone else, is a political
// error, not a style slip (a leader's name or title written wrong is a
// 严重错误 in provincial website audits).
//
// ## What it leaves alone
// Sentences about the past: `时任`, `原`, `前`, `曾任`, `历任`, `已故` right
// before the title, or `原`/`时任` earlier in the clause (`原国务委员兼国防部长`);
// `曾`, `新当选`, `生前`, `逝世`, `回忆`, `缅怀`, `诞辰`, `当年`, `当时`,
// `任内`, `去年` … anywhere in the sentence; a year in the sentence before the
// document's year (`2015年，国务院总理李克强…`), or a date or year in the
// sentence at which the person did hold the title (`3月5日，国务院总理李克强作
// 政府工作报告` in a document of 13 March 2023); titles inside `《》`.
// Titles preceded by `副`, `代`, `常` or `总` are other titles. Names with no
// registry title next to them are not judged.
//
// ## Data
// Built-in: `rules/people.toml` (each tenure with its public source). A
// user rule set can add `[[person]]` tables; people first declared in a user
// set are checked by `names/roster-title` instead.
//
// ## Fix safety
// None: whether the title or the name is wrong, or the text means the past,
// needs an editor.

use crate::rule::Checker;
use crate::rules::NativeArgs;

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    super::helpers::tenure::build(args, true)
}
