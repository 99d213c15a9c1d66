//! A person of an institution roster named with a title the roster says he
//! or she did not hold at the document's date, or a rostered title written
//! with another rostered person's name.
//!
//! ## What it does
//! A roster is a rule set with `[[person]]` tables (see the README,
//! "Institution rosters"): the institution's officials, their titles and
//! the dates of their tenures. For every roster name with a roster title
//! written right before it (`党委书记张三`, also a chain `党委副书记、校长李四`) or
//! right after it (`张三书记`, when the roster gives `short` forms), the rule
//! checks the title against the roster at the document's date and says who
//! held the title then.
//!
//! ## How titles compare
//! A written title matches a roster title when it is the roster title or one
//! of its `aliases` (`[[title]]` table), written bare (`党委书记张三`) or after
//! one of the title's `org` qualifiers (`学校党委书记张三`, `西京大学党委书记张三`
//! with `org = ["学校", "西京大学"]`). After another institution's name
//! (`计算机学院党委书记`, any qualifier ending in 院、系、部、处、中心、委、
//! 局 … that is not one of the `org` qualifiers) it is that institution's
//! title and is not judged. `副`, `代`, `常`, `总` before a title make
//! another title (`副校长` is not `校长`): roster them separately.
//!
//! ## What it leaves alone
//! The same past markers as `names/title-not-held` (`时任`, `原`, `曾任`, a year
//! before the document's …). Names that are not in a roster: finding the
//! person after a title in general text is person detection, not roster
//! data.
//!
//! ## Fix safety
//! None: the roster may be out of date, or the text may mean the past.
//!
//! ## 日期不明时
//! 文稿既无日期行、无法从正文推断日期，又未给出 `--as-of` 时，文稿可能写于任何时间：
//! 此时只报告此人从未担任过的职务，不再以今天为准判断“某日是否在任”。

use crate::rule::Checker;
use crate::rules::NativeArgs;

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    super::tenure::build(args, false)
}
