//! From guifan's findings to what an editor shows and does: diagnostics,
//! quick fixes, fix-all, suppression comments and hover text.
//!
//! Everything here works on byte spans and converts to positions only when
//! building the LSP value, with the [`LineIndex`] of the exact text the
//! findings were computed on. Fix-all calls [`Linter::fix`], the function
//! behind `guifan fix`, so the editor and the command line can never
//! disagree on what "fix everything safe" means.

use super::encoding::{Encoding, LineIndex};
use guifan::{Applicability, Diagnostic, DocumentOptions, Fix, Format, Linter, Severity};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Diagnostic as LspDiagnostic,
    DiagnosticSeverity, NumberOrString, Range, TextEdit, Url, WorkspaceEdit,
};
use std::collections::HashMap;

/// The code action kind of "apply every safe fix".
pub const FIX_ALL: &str = "source.fixAll.guifan";

/// What the editor needs to turn diagnostics into positions.
pub struct Text<'a> {
    pub text: &'a str,
    pub lines: &'a LineIndex,
    pub enc: Encoding,
}

impl Text<'_> {
    fn range(&self, start: usize, end: usize) -> Range {
        self.lines.range(self.text, start, end, self.enc)
    }
}

pub fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

pub fn to_lsp(d: &Diagnostic, t: &Text) -> LspDiagnostic {
    LspDiagnostic {
        range: t.range(d.span.start, d.span.end),
        severity: Some(severity(d.severity)),
        code: Some(NumberOrString::String(d.rule.clone())),
        code_description: None,
        source: Some("guifan".into()),
        message: d.message.clone(),
        related_information: None,
        tags: None,
        data: None,
    }
}

/// `改为“…”`, `删除“…”`, `插入“…”`, as `guifan check` words its help; the
/// rule's own help when it has one.
pub fn fix_title(d: &Diagnostic, fix: &Fix, source: &str) -> String {
    let suggestion = d
        .help
        .clone()
        .or_else(|| guifan::report::human::describe_fix(fix, source))
        .unwrap_or_else(|| format!("修复 {}", d.rule));
    match fix.applicability {
        Applicability::Safe => suggestion,
        Applicability::Unsafe => format!("{suggestion}（不安全修复，请核对）"),
    }
}

fn edit(uri: &Url, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    }
}

/// Quick fixes (and suppression comments) for the findings that touch
/// `range` (byte offsets).
pub fn quick_fixes(
    uri: &Url,
    diagnostics: &[Diagnostic],
    (from, to): (usize, usize),
    format: Format,
    t: &Text,
) -> Vec<CodeActionOrCommand> {
    let mut out = Vec::new();
    let mut disabled: Vec<(usize, &str)> = Vec::new();
    for d in diagnostics {
        let touches = d.span.start <= to && from <= d.span.end;
        if !touches {
            continue;
        }
        let lsp = to_lsp(d, t);
        if let Some(fix) = &d.fix {
            let edits = fix
                .edits
                .iter()
                .map(|e| TextEdit::new(t.range(e.span.start, e.span.end), e.replacement.clone()))
                .collect();
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: fix_title(d, fix, t.text),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![lsp.clone()]),
                edit: Some(edit(uri, edits)),
                is_preferred: Some(fix.applicability == Applicability::Safe),
                ..CodeAction::default()
            }));
        }
        if format != Format::Plain {
            let line = t.lines.line_of(d.span.start);
            if disabled.contains(&(line, d.rule.as_str())) {
                continue;
            }
            disabled.push((line, d.rule.as_str()));
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: format!(
                    "在下一行禁用规则 {}（插入 guifan-disable-next-line 注释）",
                    d.rule
                ),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![lsp]),
                edit: Some(edit(uri, vec![disable_next_line(&d.rule, line, t)])),
                is_preferred: Some(false),
                ..CodeAction::default()
            }));
        }
    }
    out
}

/// The comment the Markdown and HTML readers honour, on a line of its own
/// just above `line` (with that line's indentation and line ending).
pub fn disable_next_line(rule: &str, line: usize, t: &Text) -> TextEdit {
    let start = t.lines.line_start(line);
    let rest = &t.text[start..];
    let indent = &rest[..rest.len() - rest.trim_start_matches([' ', '\t']).len()];
    let eol = t.lines.terminator(t.text, line);
    let at = t.lines.position(t.text, start, t.enc);
    TextEdit::new(
        Range::new(at, at),
        format!("{indent}<!-- guifan-disable-next-line {rule} -->{eol}"),
    )
}

/// `source.fixAll.guifan`: every safe fix, as `guifan fix` applies them,
/// as one edit covering only what changed. `None` when nothing changes.
pub fn fix_all(
    uri: &Url,
    linter: &Linter,
    options: &DocumentOptions,
    t: &Text,
) -> Option<CodeActionOrCommand> {
    let fixed = linter.fix(t.text, options, Applicability::Safe).text;
    let edit_ = minimal_edit(t.text, &fixed)?;
    let (start, end, replacement) = edit_;
    Some(CodeActionOrCommand::CodeAction(CodeAction {
        title: "guifan：应用全部安全修复".into(),
        kind: Some(CodeActionKind::from(FIX_ALL)),
        edit: Some(edit(
            uri,
            vec![TextEdit::new(t.range(start, end), replacement)],
        )),
        ..CodeAction::default()
    }))
}

/// The single replacement turning `old` into `new`: the common prefix and
/// suffix (on char boundaries) are left alone.
pub fn minimal_edit(old: &str, new: &str) -> Option<(usize, usize, String)> {
    if old == new {
        return None;
    }
    let mut prefix = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(prefix) || !new.is_char_boundary(prefix) {
        prefix -= 1;
    }
    let max_suffix = old.len().min(new.len()) - prefix;
    let mut suffix = old
        .bytes()
        .rev()
        .zip(new.bytes().rev())
        .take(max_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(old.len() - suffix) || !new.is_char_boundary(new.len() - suffix) {
        suffix -= 1;
    }
    // A position cannot point between the \r and \n of a line break: take
    // the whole break into the edit.
    let splits = |at: usize| at > 0 && old[..at].ends_with('\r') && old[at..].starts_with('\n');
    if splits(prefix) {
        prefix -= 1;
    }
    if splits(old.len() - suffix) && suffix > 0 && prefix < old.len() - suffix {
        suffix -= 1;
    }
    Some((
        prefix,
        old.len() - suffix,
        new[prefix..new.len() - suffix].to_string(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(old: &str, (s, e, r): (usize, usize, String)) -> String {
        format!("{}{}{}", &old[..s], r, &old[e..])
    }

    #[test]
    fn minimal_edits() {
        for (old, new) in [
            ("会议指出,要学习。", "会议指出，要学习。"),
            ("a,,b", "a，b"),
            ("，，", "，"),
            ("中文", "中文。"),
            ("中文", "。中文"),
            ("𠮷𠮷", "𠮷"),
            ("一二", "一三"),
            ("", "x"),
            ("a\r\nb\r\n", "a\n"),
            ("a\r\n", "a\r\r\n"),
            ("x\r\nb", "x\r\r\nb"),
        ] {
            let e = minimal_edit(old, new).unwrap();
            assert_eq!(apply(old, e), new, "{old} → {new}");
        }
        assert_eq!(minimal_edit("同", "同"), None);
        // Never between \r and \n.
        for (old, new) in [
            ("a\r\nb\r\n", "a\n"),
            ("x\r\nb", "x\r\r\nb"),
            ("a\r\n", "a\n"),
        ] {
            let (s, e, _) = minimal_edit(old, new).unwrap();
            for at in [s, e] {
                assert!(
                    !(old[..at].ends_with('\r') && old[at..].starts_with('\n')),
                    "{old:?} {at}"
                );
            }
        }
        // Differing in the middle of a multi-byte character: whole characters.
        let e = minimal_edit("会议", "会计").unwrap();
        assert_eq!(e, (3, 6, "计".to_string()));
    }

    #[test]
    fn suppression_comment_keeps_indent_and_line_ending() {
        let text = "# 标题\r\n  学习(扩大)会\r\n";
        let lines = LineIndex::new(text);
        let t = Text {
            text,
            lines: &lines,
            enc: Encoding::Utf16,
        };
        let e = disable_next_line("punctuation/halfwidth-in-cjk", 1, &t);
        assert_eq!(e.range.start, lsp_types::Position::new(1, 0));
        assert_eq!(
            e.new_text,
            "  <!-- guifan-disable-next-line punctuation/halfwidth-in-cjk -->\r\n"
        );
    }
}
