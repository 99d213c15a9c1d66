//! A leader named with a title he did not hold at the document's date:
//! `国务院总理李克强` in a 2024 document, `全国人大常委会委员长栗战书` after
//! March 2023.
//!
//! ## What it does
//! Finds the names of the built-in people registry (`rules/people.toml`:
//! national leaders 2002–2026 with the dates of their appointments) with a
//! registry title written right before them — alone or as a chain,
//! `中共中央总书记、国家主席、中央军委主席习近平` — or right after them in full or
//! short form (`李强总理`, `习近平总书记`), and reports a title the person did not
//! hold on the document's date (its metadata date, else `--as-of`, else
//! today). The message gives the person's tenure of that title and who held
//! it on that date.
//!
//! ## Why
//! A leader's title is checked before anything else in official news: a
//! title that ended, or one that belongs to someone else, is a political
//! error, not a style slip (a leader's name or title written wrong is a
//! 严重错误 in provincial website audits).
//!
//! ## What it leaves alone
//! Sentences about the past: `时任`, `原`, `前`, `曾任`, `历任`, `已故` right
//! before the title, or `原`/`时任` earlier in the clause (`原国务委员兼国防部长`);
//! `曾`, `新当选`, `生前`, `逝世`, `回忆`, `缅怀`, `诞辰`, `当年`, `当时`,
//! `任内`, `去年` … anywhere in the sentence; a year in the sentence before the
//! document's year (`2015年，国务院总理李克强…`), or a date or year in the
//! sentence at which the person did hold the title (`3月5日，国务院总理李克强作
//! 政府工作报告` in a document of 13 March 2023); titles inside `《》`.
//! Titles preceded by `副`, `代`, `常` or `总` are other titles. Names with no
//! registry title next to them are not judged.
//!
//! ## Data
//! Built-in: `rules/people.toml` (each tenure with its public source). A
//! user rule set can add `[[person]]` tables; people first declared in a user
//! set are checked by `names/roster-title` instead.
//!
//! ## Fix safety
//! None: whether the title or the name is wrong, or the text means the past,
//! needs an editor.
//!
//! ## 日期不明时
//! 文稿既无日期行、无法从正文推断日期，又未给出 `--as-of` 时，文稿可能写于任何时间：
//! 此时只报告此人从未担任过的职务，不再以今天为准判断“某日是否在任”。

use crate::rule::Checker;
use crate::rules::NativeArgs;

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    super::tenure::build(args, true)
}
