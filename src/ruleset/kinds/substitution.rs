//! `kind = "substitution"`: flag a wrong form and offer the right one.
//!
//! ```toml
//! [[rule]]
//! id = "terminology/party-titles"
//! kind = "substitution"
//! fix = "unsafe"                       # optional: "safe" or "unsafe"; absent = no fix
//! summary = "称谓须完整"
//! message = "“{match}”应写作“{replacement}”"
//! swap = { "总书记" = "习近平总书记" }   # wrong = "right"
//! not-after = ["习近平"]                # optional guards, as for existence
//! ```
//!
//! Fields: `swap` (required, non-empty table wrong → right) and the guards
//! `boundary`, `exceptions`, `not-after`, `not-before` (see
//! [`super::guards`]). The message may use `{match}` and `{replacement}`.
//! With `fix`, each finding carries a replacement of that applicability.
//!
//! A substitution never fires where the text already reads as the
//! replacement: when the replacement contains the wrong form (总书记 in
//! 习近平总书记) and the text around the match spells the replacement, the
//! match is skipped with no guard declared.
//!
//! Load errors: an entry whose two sides are equal, an empty wrong form, a
//! replacement that is itself a wrong form of the rule (A → B, B → C: the
//! fixes would chain), an exception equal to a wrong form (it could never
//! match) and an exception that merely repeats a replacement containing the
//! wrong form (that case is recognised automatically).

use super::DeclCtx;
use super::guards::Guards;
use super::literal::{Entry, RuleInfo};
use crate::source_error::SourceError;
use std::sync::Arc;

pub(crate) fn build(cx: &DeclCtx<'_>, rule: RuleInfo) -> Result<Vec<Entry>, SourceError> {
    let Some(swap) = &cx.decl.swap else {
        return Err(cx.missing("swap", "错误写法 = \"正确写法\" 的表"));
    };
    let map = swap.get_ref();
    let at = swap.span();
    if map.is_empty() {
        return Err(cx.err(at, format!("规则 `{}` 的 `swap` 是空表", cx.id()), "空表"));
    }
    for (wrong, right) in map {
        if wrong.is_empty() {
            return Err(cx.err(
                at,
                format!("规则 `{}` 的 `swap` 含有空的错误写法", cx.id()),
                "空字符串",
            ));
        }
        if wrong == right {
            return Err(cx.err(
                at.clone(),
                format!(
                    "规则 `{}` 的 `swap` 把“{wrong}”替换为它自己，永远不会有意义",
                    cx.id()
                ),
                "两边相同",
            ));
        }
        if map.contains_key(right) {
            return Err(cx
                .err(
                    at.clone(),
                    format!(
                        "规则 `{}` 的 `swap` 把“{wrong}”改为“{right}”，而“{right}”本身又被列为错误写法",
                        cx.id()
                    ),
                    "替换结果又会被替换",
                )
                .with_help("直接写出最终的正确写法"));
        }
    }
    let guards = Guards::from_decl(cx)?;
    guards.check_exceptions(cx, map.keys().map(String::as_str))?;
    if let Some(field) = &cx.decl.exceptions {
        for (wrong, right) in map {
            if right.contains(wrong.as_str()) && guards.exceptions.contains(right) {
                return Err(cx
                    .err(
                        field.span(),
                        format!(
                            "规则 `{}` 把替换结果“{right}”列为例外：已经写作替换结果的文字本来就不会被报告",
                            cx.id()
                        ),
                        "多余的例外",
                    )
                    .with_help(format!("删去例外“{right}”")));
            }
        }
    }
    let rule = Arc::new(rule);
    Ok(map
        .iter()
        .map(|(wrong, right)| Entry {
            rule: rule.clone(),
            literal: wrong.clone(),
            replacement: Some(right.clone()),
            guards: guards.for_literal(wrong, Some(right)),
        })
        .collect())
}
