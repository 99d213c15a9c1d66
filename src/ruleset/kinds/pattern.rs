//! `kind = "pattern"`: a regular expression, with an optional capture-based
//! replacement.
//!
//! ```toml
//! [[rule]]
//! id = "dates/two-digit-year"
//! kind = "pattern"
//! fix = "unsafe"                          # optional; needs `replacement`
//! summary = "年份应写全"
//! message = "“{match}”中的年份“{yy}”应写成四位"
//! regex = '(?P<yy>\d{2})年(?P<m>\d{1,2})月'
//! replacement = '20${yy}年${m}月'
//! ```
//!
//! Fields: `regex` (required; Rust `regex` syntax, matched against the prose
//! view, Unicode-aware) and `replacement` (optional; `$1`, `${1}`, `$name`,
//! `${name}` refer to captures, `$$` is a dollar sign). Each match is one
//! finding. The message may use `{match}`, `{replacement}` (the expanded
//! replacement) and `{name}` for every named capture. With `fix` and a
//! `replacement`, the match is replaced.
//!
//! Load errors: an invalid regex (with the regex error), a regex that can
//! match the empty string (it would match everywhere), a replacement that
//! refers to a capture the regex does not have, and `fix` without
//! `replacement`. Each regex is compiled once, when the linter is built.

use super::literal::RuleInfo;
use super::window::Windowed;
use super::{DeclCtx, fill};
use crate::fix::Fix;
use crate::rule::{CheckContext, Checker, Finding};
use crate::source_error::SourceError;
use crate::span::Span;

pub struct PatRule {
    info: RuleInfo,
    regex: Windowed,
    replacement: Option<String>,
    names: Vec<String>,
}

/// The capture references of a replacement string (`$1`, `${x}`, `$x`).
fn references(rep: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let b = rep.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'$' {
            i += 1;
            continue;
        }
        if b.get(i + 1) == Some(&b'$') {
            i += 2;
            continue;
        }
        if b.get(i + 1) == Some(&b'{') {
            if let Some(close) = rep[i + 2..].find('}') {
                out.push(&rep[i + 2..i + 2 + close]);
                i += 3 + close;
                continue;
            }
            i += 1;
            continue;
        }
        let start = i + 1;
        let mut end = start;
        while end < b.len() && (b[end].is_ascii_alphanumeric() || b[end] == b'_') {
            end += 1;
        }
        if end > start {
            out.push(&rep[start..end]);
        }
        i = end.max(i + 1);
    }
    out
}

pub(crate) fn build(cx: &DeclCtx<'_>, info: RuleInfo) -> Result<PatRule, SourceError> {
    let Some(field) = &cx.decl.regex else {
        return Err(cx.missing("regex", "正则表达式"));
    };
    let src = field.get_ref();
    let invalid = |e: &dyn std::fmt::Display| {
        cx.err(
            field.span(),
            format!("规则 `{}` 的正则表达式无效：\n{e}", cx.id()),
            "无效的正则表达式",
        )
    };
    // The `regex` crate's engine with the `regex` crate's limits, used
    // directly for its windowed search ([`Windowed`]); an invalid pattern
    // is reported with the `regex` crate's message.
    let regex = regex_automata::meta::Builder::new()
        .configure(
            regex_automata::meta::Config::new()
                .match_kind(regex_automata::MatchKind::LeftmostFirst)
                .utf8_empty(true)
                .nfa_size_limit(Some(10 * (1 << 20)))
                .hybrid_cache_capacity(2 * (1 << 20)),
        )
        .build(src)
        .map_err(|e| match regex::Regex::new(src) {
            Err(e) => invalid(&e),
            Ok(_) => invalid(&e),
        })?;
    let hir = regex_syntax::parse(src).map_err(|e| invalid(&e))?;
    if hir.properties().minimum_len() == Some(0) {
        return Err(cx
            .err(
                field.span(),
                format!(
                    "规则 `{}` 的正则表达式能匹配空字符串，会在任何位置报告",
                    cx.id()
                ),
                "可匹配空串",
            )
            .with_help("把 `*` 改为 `+`，或去掉可省略整个表达式的 `?`"));
    }
    let names: Vec<String> = regex
        .group_info()
        .pattern_names(regex_automata::PatternID::ZERO)
        .flatten()
        .map(String::from)
        .collect();
    let replacement = match &cx.decl.replacement {
        None => None,
        Some(rep) => {
            for r in references(rep.get_ref()) {
                let ok = match r.parse::<usize>() {
                    Ok(n) => n < regex.captures_len(),
                    Err(_) => names.iter().any(|n| n == r),
                };
                if !ok {
                    return Err(cx
                        .err(
                            rep.span(),
                            format!(
                                "规则 `{}` 的 replacement 引用了正则表达式中不存在的分组 `{r}`",
                                cx.id()
                            ),
                            "不存在的分组",
                        )
                        .with_help(
                            "分组写作 (…) 或 (?P<名>…)；在 replacement 中用 $1 或 ${名} 引用，$$ 表示 $",
                        ));
                }
            }
            Some(rep.get_ref().clone())
        }
    };
    if info.fix.is_some() && replacement.is_none() {
        return Err(cx.err(
            cx.decl.id.span(),
            format!(
                "pattern 规则 `{}` 设置了 `fix`，却没有 `replacement`",
                cx.id()
            ),
            "此规则",
        ));
    }
    Ok(PatRule {
        info,
        regex: Windowed::new(regex, &hir),
        replacement,
        names,
    })
}

pub struct PatternChecker {
    rules: Vec<PatRule>,
}

impl PatternChecker {
    pub fn new(rules: Vec<PatRule>) -> Self {
        PatternChecker { rules }
    }
}

impl Checker for PatternChecker {
    fn check(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = ctx.text();
        for rule in &self.rules {
            rule.regex.for_each_match(text, |caps| {
                let Some(m) = caps.get_match() else {
                    return;
                };
                if m.is_empty() {
                    return;
                }
                let whole = &text[m.range()];
                let span = Span::new(m.start(), m.end());
                let expanded = rule.replacement.as_ref().map(|r| {
                    let mut dst = String::new();
                    caps.interpolate_string_into(text, r, &mut dst);
                    dst
                });
                let mut values: Vec<(&str, &str)> = vec![
                    ("match", whole),
                    ("replacement", expanded.as_deref().unwrap_or("")),
                ];
                for n in &rule.names {
                    let group = caps.get_group_by_name(n).map_or("", |g| &text[g.range()]);
                    values.push((n, group));
                }
                let message = fill(&rule.info.message, &values);
                let mut f = Finding::new(rule.info.index, span, message);
                if let Some(rep) = expanded {
                    if rep == whole {
                        return;
                    }
                    f = f.with_help(format!("改为“{rep}”"));
                    if let Some(app) = rule.info.fix {
                        f = f.with_fix(Fix::replace(app, span, rep));
                    }
                }
                out.push(f);
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::references;

    #[test]
    fn replacement_references() {
        assert_eq!(references("20${yy}年$m月$$1 $2x"), vec!["yy", "m", "2x"]);
        assert!(references("no refs").is_empty());
    }
}
