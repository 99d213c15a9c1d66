//! `kind = "existence"`: flag literal terms.
//!
//! ```toml
//! [[rule]]
//! id = "terminology/banned-words"
//! kind = "existence"
//! summary = "禁用词"
//! message = "“{match}”是禁用词"
//! tokens = ["最高级", "国家级产品"]
//! boundary = "word"            # optional: "literal" (default) or "word"
//! exceptions = ["最高级别"]     # optional: longer strings that make a match right
//! not-after = ["非"]           # optional: skip when preceded by one of these
//! not-before = ["会议"]        # optional: skip when followed by one of these
//! ```
//!
//! Fields: `tokens` (required, non-empty list of distinct strings) and the
//! guards `boundary`, `exceptions`, `not-after`, `not-before` (see
//! [`super::guards`]). The message may use `{match}`. An existence rule
//! offers no fix, so `fix` is rejected. All tokens of all existence and
//! substitution rules are searched together with one Aho-Corasick automaton
//! (leftmost-longest: the longest token starting at the leftmost position
//! wins).

use super::DeclCtx;
use super::guards::Guards;
use super::literal::{Entry, RuleInfo};
use crate::source_error::SourceError;
use std::sync::Arc;

pub(crate) fn build(cx: &DeclCtx<'_>, rule: RuleInfo) -> Result<Vec<Entry>, SourceError> {
    let tokens = cx.nonempty_list(&cx.decl.tokens, "tokens", "要查找的词语列表")?;
    if rule.fix.is_some() {
        return Err(cx
            .err(
                cx.decl.id.span(),
                format!("existence 规则 `{}` 不提供修复，不能设置 `fix`", cx.id()),
                "此规则",
            )
            .with_help("需要修复时请改用 substitution 类型（swap = { 错 = \"对\" }）"));
    }
    let guards = Guards::from_decl(cx)?;
    guards.check_exceptions(cx, tokens.get_ref().iter().map(String::as_str))?;
    let rule = Arc::new(rule);
    Ok(tokens
        .get_ref()
        .iter()
        .map(|t| Entry {
            rule: rule.clone(),
            literal: t.clone(),
            replacement: None,
            guards: guards.for_literal(t, None),
        })
        .collect())
}
