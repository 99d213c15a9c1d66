//! 相邻引号或书名号成分之间的顿号：`“四个意识”、“四个自信”`
//!
//! ## 检查什么
//! 当一个成分的后引号`”`或后书名号`》`与下一个成分的前引号`“`或前书名号`《`之间只有`、`时，报告该顿号并将其删除：`“四个意识”、“四个自信”` → `“四个意识”“四个自信”`，`《民法典》、《刑法》` → `《民法典》《刑法》`。
//!
//! 本规则默认启用，但默认只报告书名号之间的顿号；引号之间的顿号属于体例选择（标准的措辞是“通常”，中央广播电视机构按本单位体例保留顿号），用参数开启，见“参数”。
//!
//! ## 不报告的情形
//! - 成分之后带有括注或其他词语时的顿号（`《红楼梦》（节选）、《水浒传》`）：同一条款规定此时应保留顿号；
//! - “和”“及”“等”之前最后一个成分后面的顿号。
//!
//! ## 修复
//! 安全修复：只删除顿号，两侧的标号仍能把各成分分开。
//!
//! ## 参数
//! 并列书名号之间的顿号（`《民法典》、《刑法》`）现在默认报告；引号之间（`“四个意识”、“四个自信”`）
//! 以及引号与书名号之间仍属体例选择，只在参数 `quotes = true` 时报告：
//! `[options."punctuation/dunhao-between-quoted"]` 下写 `quotes = true`。
//!
//! ## 依据
//! GB/T 15834—2011第4.5.3.5条：“标有引号的并列成分之间、标有书名号的并列成分之间通常不用顿号”。引号或书名号本身已经把各成分分隔开了。

// English original of the user documentation above (developer notes):
//
// A 顿号 between adjacent quoted items or titles: `“四个意识”、“四个自信”`.
//
// ## What it does
// Flags `、` when nothing else sits between the closing `”` or `》` of one
// item and the opening `“` or `《` of the next, and deletes it:
// `“四个意识”、“四个自信”` → `“四个意识”“四个自信”`,
// `《民法典》、《刑法》` → `《民法典》《刑法》`.
//
// ## Why
// GB/T 15834—2011 4.5.3.5: "标有引号的并列成分之间、标有书名号的并列成分之间
// 通常不用顿号". The quotation marks or 书名号 already separate the items.
//
// ## What it leaves alone
// - a 顿号 after a 括注 or any other words that follow an item
//   (`《红楼梦》（节选）、《水浒传》`): the same clause says to keep it then;
// - the last item before 和/及/等.
//
// Off by default: the norm says "通常" (usually), and national broadcasters
// keep the 顿号 as house style. Enable it with
// `extend-select = ["punctuation/dunhao-between-quoted"]`.
//
// ## Fix safety
// Safe: only the 顿号 is removed; the marks around it keep the items apart.

use super::Needles;
use crate::fix::{Applicability, Fix};
use crate::rule::message::Emitter;
use crate::rule::params::{deny_unknown_params, param_bool};
use crate::rule::{CheckContext, Checker, Finding};
use crate::rules::NativeArgs;
use crate::span::Span;
use std::sync::LazyLock;

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    deny_unknown_params(args.params, &["quotes"])?;
    Ok(Box::new(DunhaoBetweenQuoted {
        base: args.emitter(),
        quotes: param_bool(args.params, "quotes")?.unwrap_or(false),
    }))
}

struct DunhaoBetweenQuoted {
    base: Emitter,
    /// Also between quoted items (`”、“`, `”、《`, `》、“`), a house-style
    /// choice; between titles (`》、《`) always.
    quotes: bool,
}

static TRIGGERS: LazyLock<Needles> =
    LazyLock::new(|| Needles::new(&["”、“", "”、《", "》、“", "》、《"]));

impl Checker for DunhaoBetweenQuoted {
    fn check(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = ctx.text();
        for (m_start, m_end, _) in TRIGGERS.find_all(text) {
            if !self.quotes && &text[m_start..m_end] != "》、《" {
                continue;
            }
            let at = m_start + "”".len();
            let span = Span::new(at, at + "、".len());
            let found = &text[m_start..m_end];
            self.base.push(
                out,
                span,
                &[("found", found)],
                Some("删除顿号".into()),
                Some(Fix::replace(Applicability::Safe, span, "")),
            );
        }
    }
}
