//! A 顿号 between adjacent quoted items or titles: `“四个意识”、“四个自信”`.
//!
//! ## What it does
//! Flags `、` when nothing else sits between the closing `”` or `》` of one
//! item and the opening `“` or `《` of the next, and deletes it:
//! `“四个意识”、“四个自信”` → `“四个意识”“四个自信”`,
//! `《民法典》、《刑法》` → `《民法典》《刑法》`.
//!
//! ## Why
//! GB/T 15834—2011 4.5.3.5: "标有引号的并列成分之间、标有书名号的并列成分之间
//! 通常不用顿号". The quotation marks or 书名号 already separate the items.
//!
//! ## What it leaves alone
//! - a 顿号 after a 括注 or any other words that follow an item
//!   (`《红楼梦》（节选）、《水浒传》`): the same clause says to keep it then;
//! - the last item before 和/及/等.
//!
//! Off by default: the norm says "通常" (usually), and national broadcasters
//! keep the 顿号 as house style. Enable it with
//! `extend-select = ["punctuation/dunhao-between-quoted"]`.
//!
//! ## Fix safety
//! Safe: only the 顿号 is removed; the marks around it keep the items apart.
//!
//! ## 默认开启（书名号之间）
//! 并列书名号之间的顿号（`《民法典》、《刑法》`）现在默认报告；引号之间（`“四个意识”、“四个自信”`）
//! 以及引号与书名号之间仍属体例选择，只在参数 `quotes = true` 时报告：
//! `[options."punctuation/dunhao-between-quoted"]` 下写 `quotes = true`。

use super::{Base, Needles};
use crate::fix::{Applicability, Fix};
use crate::rule::{CheckContext, Checker, Finding};
use crate::rules::NativeArgs;
use crate::rules::util::{deny_unknown_params, param_bool};
use crate::span::Span;
use std::sync::LazyLock;

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    deny_unknown_params(args.params, &["quotes"])?;
    Ok(Box::new(DunhaoBetweenQuoted {
        base: Base::new(args),
        quotes: param_bool(args.params, "quotes")?.unwrap_or(false),
    }))
}

struct DunhaoBetweenQuoted {
    base: Base,
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
