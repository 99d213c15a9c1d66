//! 机构名册中的人员被冠以名册显示其在文档日期并未担任的职务，或名册中的职务与名册中另一个人的姓名写在了一起
//!
//! ## 检查什么
//! 名册是带有`[[person]]`表的规则集（见README中的“Institution rosters”一节）：列有该机构的负责人、其职务及任职起止日期。对于每个紧前面（`党委书记张三`，也可以是职务链`党委副书记、校长李四`）或紧后面（`张三书记`，须名册给出了`short`简称形式）写有名册职务的名册人名，本规则按文档日期对照名册检查该职务，并指出当时由谁担任该职务。
//!
//! ## 如何比较职务
//! 书写的职务与名册职务相符，是指它就是名册职务或其某个`aliases`别名（见`[[title]]`表），可以单独书写（`党委书记张三`），也可以写在该职务的某个`org`限定语之后（在`org = ["学校", "西京大学"]`时，`学校党委书记张三`、`西京大学党委书记张三`）。写在其他机构名称之后（`计算机学院党委书记`，即以院、系、部、处、中心、委、局等结尾且不属于`org`限定语的限定语）的职务是那个机构的职务，不予判断。职务前加`副`、`代`、`常`、`总`就成了另一个职务（`副校长`不是`校长`），须在名册中分别登记。
//!
//! ## 不报告的情形
//! 与`names/title-not-held`相同的表示过去的标记（`时任`、`原`、`曾任`、早于文档年份的年份等）。不在名册中的姓名：在一般文本中找出职务之后的人名属于人名识别的范畴，而不是名册数据的范畴。
//!
//! 文稿既无日期行、无法从正文推断日期，又未给出 `--as-of` 时，文稿可能写于任何时间：
//! 此时只报告此人从未担任过的职务，不再以今天为准判断“某日是否在任”。
//!
//! ## 修复
//! 不提供修复：名册可能已经过时，文本也可能说的是过去的事。
//!
//! ## 依据
//! 名册是本机构提供的任职数据；职务与任期不符，与领导人职务写错一样，属于须由编辑核实的事实错误（参见`names/title-not-held`）。

// English original of the user documentation above (developer notes):
//
// A person of an institution roster named with a title the roster says he
// or she did not hold at the document's date, or a rostered title written
// with another rostered person's name.
//
// ## What it does
// A roster is a rule set with `[[person]]` tables (see the README,
// "Institution rosters"): the institution's officials, their titles and
// the dates of their tenures. For every roster name with a roster title
// written right before it (`党委书记张三`, also a chain `党委副书记、校长李四`) or
// right after it (`张三书记`, when the roster gives `short` forms), the rule
// checks the title against the roster at the document's date and says who
// held the title then.
//
// ## How titles compare
// A written title matches a roster title when it is the roster title or one
// of its `aliases` (`[[title]]` table), written bare (`党委书记张三`) or after
// one of the title's `org` qualifiers (`学校党委书记张三`, `西京大学党委书记张三`
// with `org = ["学校", "西京大学"]`). After another institution's name
// (`计算机学院党委书记`, any qualifier ending in 院、系、部、处、中心、委、
// 局 … that is not one of the `org` qualifiers) it is that institution's
// title and is not judged. `副`, `代`, `常`, `总` before a title make
// another title (`副校长` is not `校长`): roster them separately.
//
// ## What it leaves alone
// The same past markers as `names/title-not-held` (`时任`, `原`, `曾任`, a year
// before the document's …). Names that are not in a roster: finding the
// person after a title in general text is person detection, not roster
// data.
//
// ## Fix safety
// None: the roster may be out of date, or the text may mean the past.

use crate::rule::Checker;
use crate::rules::NativeArgs;

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    super::helpers::tenure::build(args, false)
}
