//! `--format human` (the default): rustc-style reports drawn by miette, one
//! per diagnostic, and a closing summary.
//!
//! ```text
//! 错误[punctuation/halfwidth-in-cjk]
//!
//!   × 中文语境中应使用全角“，”，而不是半角“,”
//!    ╭─[docs/a.txt:2:5]
//!  1 │ 标题
//!  2 │ 会议指出,要深入学习。
//!    ·         ─
//!  3 │ 第二段。
//!    ╰────
//!   help: 改为“，”（可自动修复）
//! ```
//!
//! Columns in the `[path:line:column]` header count characters (as in JSON);
//! the underline is placed by display width, so it sits under full-width
//! characters exactly.
//!
//! miette is never handed the whole file: each report gets a small window of
//! source — the lines of the span and one line of context either side — so
//! that a 54 MB file with thousands of findings costs a few hundred bytes per
//! finding. Lines wider than the terminal are cut around the span (with
//! `...` where text was left out); context lines that do not fit are left
//! out; spans over more than [`MAX_SPAN_LINES`] lines are shown up to there.

use super::{FileReport, ReportOptions, Reporter, Summary};
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::{LineCol, LineIndex};
use crate::fix::{Applicability, Fix};
use crate::span::Span;
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};
use std::fmt;
use std::io::{self, Write};
use unicode_width::UnicodeWidthChar;

/// Default terminal width when the caller gives none.
pub const DEFAULT_WIDTH: usize = 100;
/// At most this many lines of a multi-line span are shown.
pub const MAX_SPAN_LINES: usize = 4;
/// Marks text left out of a long line.
const ELLIPSIS: &str = "...";
const TAB_WIDTH: usize = 4;

const BOLD: &str = "\x1b[1m";
const RED_BOLD: &str = "\x1b[1;31m";
const RESET: &str = "\x1b[0m";

/// The `human` reporter (see the module docs).
pub struct Human {
    handler: GraphicalReportHandler,
    color: bool,
    unsafe_fixes: bool,
    width: usize,
    /// Files that could not be checked (or written).
    unreadable: usize,
    /// Whether anything was printed (a blank line separates reports).
    printed: bool,
    /// No closing summary (`--quiet`).
    quiet: bool,
}

impl Human {
    /// A human reporter shaped by `options` (width: `options.width` or
    /// [`DEFAULT_WIDTH`] columns, at least 40).
    pub fn new(options: &ReportOptions) -> Self {
        let width = options.width.unwrap_or(DEFAULT_WIDTH).max(40);
        let theme = if options.color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        let handler = GraphicalReportHandler::new_themed(theme)
            .with_width(width)
            .with_links(false)
            .with_context_lines(1)
            .tab_width(TAB_WIDTH)
            .without_syntax_highlighting();
        Human {
            handler,
            color: options.color,
            unsafe_fixes: options.unsafe_fixes,
            width,
            unreadable: 0,
            printed: false,
            quiet: options.quiet,
        }
    }

    /// Render one diagnostic of `report` as miette draws it.
    pub fn render(&self, report: &FileReport<'_>, d: &Diagnostic) -> String {
        let window = Window::new(report, d.span, self.width);
        let rendered = Rendered {
            message: &d.message,
            code: format!("{}[{}]", d.severity.label_zh(), d.rule),
            severity: match d.severity {
                Severity::Error => miette::Severity::Error,
                Severity::Warning => miette::Severity::Warning,
                Severity::Info => miette::Severity::Advice,
            },
            help: help_text(d, report.source, self.unsafe_fixes),
            label: window.label,
            note: window.note.clone(),
            source: window,
        };
        let mut out = String::new();
        if self.handler.render_report(&mut out, &rendered).is_err() {
            // miette could not read the span (it cannot happen with a window
            // built from a valid span); still say what was found, rustc-style.
            out.clear();
            let at = report.lines.line_col(report.source, d.span.start);
            out = format!(
                "{}[{}]: {}\n  --> {}:{}:{}\n",
                d.severity.label_zh(),
                d.rule,
                d.message,
                report.path,
                at.line,
                at.column
            );
        }
        out
    }

    fn paint(&self, style: &str, text: &str) -> String {
        if self.color {
            format!("{style}{text}{RESET}")
        } else {
            text.to_string()
        }
    }
}

/// The help line: the suggestion (from the rule, or read off the fix) and
/// whether `guifan fix` can apply it.
fn help_text(d: &Diagnostic, source: &str, unsafe_fixes: bool) -> Option<String> {
    let suggestion = d
        .help
        .clone()
        .or_else(|| d.fix.as_ref().and_then(|f| describe_fix(f, source)));
    let fixable = d.fix.as_ref().map(|f| match f.applicability {
        Applicability::Safe => "可自动修复",
        Applicability::Unsafe if unsafe_fixes => "可自动修复（不安全修复，请核对）",
        Applicability::Unsafe => "可修复（--unsafe）",
    });
    match (suggestion, fixable) {
        (Some(s), Some(f)) => Some(format!("{s}（{f}）")),
        (Some(s), None) => Some(s),
        (None, Some(f)) => Some(f.to_string()),
        (None, None) => None,
    }
}

/// `改为“…”`, `删除“…”`, `插入“…”` for a single-edit fix.
pub fn describe_fix(fix: &Fix, source: &str) -> Option<String> {
    let [edit] = fix.edits.as_slice() else {
        return None;
    };
    let old = source.get(edit.span.range())?;
    let new = visible(&edit.replacement);
    let old = visible(old);
    Some(match (old.is_empty(), new.is_empty()) {
        (true, false) => format!("插入“{new}”"),
        (false, true) => format!("删除“{old}”"),
        (false, false) => format!("改为“{new}”"),
        (true, true) => return None,
    })
}

/// Text for a one-line help: line breaks, tabs and other control
/// characters written as escapes (`\n`).
fn visible(s: &str) -> String {
    s.chars()
        .flat_map(|c| match c {
            '\n' => "\\n".chars().collect::<Vec<_>>(),
            '\r' => "\\r".chars().collect(),
            '\t' => "\\t".chars().collect(),
            c if c.is_control() => c.escape_unicode().collect(),
            c => vec![c],
        })
        .collect()
}

/// What miette renders: one diagnostic over a window of source.
struct Rendered<'a> {
    message: &'a str,
    code: String,
    severity: miette::Severity,
    help: Option<String>,
    label: SourceSpan,
    note: Option<String>,
    source: Window<'a>,
}

impl fmt::Debug for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Rendered")
            .field("code", &self.code)
            .field("message", &self.message)
            .finish()
    }
}

impl fmt::Display for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message)
    }
}

impl std::error::Error for Rendered<'_> {}

impl miette::Diagnostic for Rendered<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(&self.code))
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(std::iter::once(
            LabeledSpan::new_primary_with_span(self.note.clone(), self.label),
        )))
    }
}

/// A few lines of the file, as miette sees them: `text` holds lines
/// `first_line..` (0-based) of the file, each possibly cut, joined by `\n`.
struct Window<'a> {
    name: &'a str,
    text: String,
    first_line: usize,
    /// The diagnostic's span in window coordinates.
    label: SourceSpan,
    /// Said under the span when it goes on past the window.
    note: Option<String>,
    /// Where the diagnostic starts in the file (for the header).
    at: LineCol,
}

/// A piece of a source line copied into the window.
struct Segment {
    /// Kept bytes of the source line.
    src: Span,
    /// Where they start in the window.
    win: usize,
}

/// Display width (tabs count [`TAB_WIDTH`]).
fn char_width(c: char) -> usize {
    if c == '\t' {
        TAB_WIDTH
    } else {
        c.width().unwrap_or(0)
    }
}

fn fits(s: &str, budget: usize) -> bool {
    let mut w = 0;
    for c in s.chars() {
        w += char_width(c);
        if w > budget {
            return false;
        }
    }
    true
}

/// The largest `i >= from` (a char boundary of `s`) with `width(s[from..i]) <= budget`.
fn take_width(s: &str, from: usize, budget: usize) -> usize {
    let mut w = 0;
    for (i, c) in s[from..].char_indices() {
        w += char_width(c);
        if w > budget {
            return from + i;
        }
    }
    s.len()
}

/// The smallest `i <= to` (a char boundary of `s`) with `width(s[i..to]) <= budget`.
fn take_width_back(s: &str, to: usize, budget: usize) -> usize {
    let mut w = 0;
    for (i, c) in s[..to].char_indices().rev() {
        w += char_width(c);
        if w > budget {
            return i + c.len_utf8();
        }
    }
    0
}

/// Copy `s`, replacing control characters (a stray CR, an ESC that would
/// drive the terminal, …) with one `?` per byte, so offsets stay the same.
fn push_sanitized(out: &mut String, s: &str) {
    for c in s.chars() {
        if c != '\t' && c.is_control() {
            for _ in 0..c.len_utf8() {
                out.push('?');
            }
        } else {
            out.push(c);
        }
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The part of a line shown in a window `budget` columns wide: all of it
/// if it fits; on the span's first line (`span_start` given) a third of the
/// width before the span, then what fits; on other lines their start.
fn shown_part(source: &str, content: Span, span_start: Option<usize>, budget: usize) -> Span {
    if fits(&source[content.range()], budget) {
        return content;
    }
    if let Some(start) = span_start {
        let from = take_width_back(source, start.max(content.start), budget / 3).max(content.start);
        let room = budget.saturating_sub(if from > content.start { 6 } else { 3 });
        return Span::new(from, take_width(source, from, room).min(content.end));
    }
    let room = budget.saturating_sub(3);
    Span::new(
        content.start,
        take_width(source, content.start, room).min(content.end),
    )
}

/// Source offset → window offset on shown line `line` (clamped to the part
/// of the line that was kept).
fn window_offset(segments: &[(usize, Segment)], line: usize, offset: usize) -> usize {
    let (_, seg) = segments
        .iter()
        .find(|(l, _)| *l == line)
        .expect("span lines are in the window");
    seg.win + offset.clamp(seg.src.start, seg.src.end) - seg.src.start
}

impl<'a> Window<'a> {
    fn new(report: &FileReport<'a>, span: Span, width: usize) -> Window<'a> {
        let source = report.source;
        let lines: &LineIndex = report.lines;
        let start = floor_char_boundary(source, span.start);
        let end = floor_char_boundary(source, span.end.max(start));
        let at = lines.line_col(source, start);
        let l0 = lines.line_of(start);
        // A span that ends right after a line break belongs to the line it breaks.
        let mut l1 = lines
            .line_of(if end > start { end - 1 } else { end })
            .max(l0);
        let mut end = end;
        let span_lines = l1 - l0 + 1;
        let cut = span_lines > MAX_SPAN_LINES;
        if cut {
            l1 = l0 + MAX_SPAN_LINES - 1;
            end = lines.line_span(l1, source).end;
        }
        let digits = (l1 + 2).to_string().len();
        let budget = width.saturating_sub(digits + 6).max(20);

        let mut text = String::new();
        let mut segments: Vec<(usize, Segment)> = Vec::new();
        let mut first_line = l0;
        let push_line = |text: &mut String,
                         segments: &mut Vec<(usize, Segment)>,
                         line: usize,
                         keep: Span,
                         content: Span| {
            if !text.is_empty() || !segments.is_empty() {
                text.push('\n');
            }
            if keep.start > content.start {
                text.push_str(ELLIPSIS);
            }
            let win = text.len();
            push_sanitized(text, &source[keep.range()]);
            if keep.end < content.end {
                text.push_str(ELLIPSIS);
            }
            segments.push((line, Segment { src: keep, win }));
        };

        // One line of context before, if it fits.
        if l0 > 0 {
            let content = lines.line_span(l0 - 1, source);
            if fits(&source[content.range()], budget) {
                first_line = l0 - 1;
                push_line(&mut text, &mut segments, l0 - 1, content, content);
            }
        }
        for line in l0..=l1 {
            let content = lines.line_span(line, source);
            let keep = shown_part(source, content, (line == l0).then_some(start), budget);
            push_line(&mut text, &mut segments, line, keep, content);
        }
        // One line of context after, if there is one and it fits (not when
        // the span goes on past the window: that line is not context).
        if !cut && l1 + 1 < lines.line_count() {
            let content = lines.line_span(l1 + 1, source);
            // The empty "line" after a final line break is not shown.
            let after_final_break = content.start == source.len();
            if !after_final_break && fits(&source[content.range()], budget) {
                push_line(&mut text, &mut segments, l1 + 1, content, content);
            }
        }

        // End the window with a line break: miette only marks an empty span
        // at the end of a line if the line has a terminator to point at.
        text.push('\n');

        // Source offset → window offset, on a given shown line (clamped to
        // the part of the line that was kept).
        let map = |line: usize, offset: usize| window_offset(&segments, line, offset);
        let win_start = map(l0, start);
        // An end right after a line break maps to the end of the line it breaks.
        let win_end = if end > start {
            map(lines.line_of(end - 1).clamp(l0, l1), end)
        } else {
            win_start
        };
        Window {
            name: report.path,
            text,
            first_line,
            label: SourceSpan::from(win_start..win_end.max(win_start)),
            note: cut.then(|| {
                format!(
                    "共 {span_lines} 行，只显示前 {MAX_SPAN_LINES} 行（到第 {} 行）",
                    l0 + span_lines
                )
            }),
            at,
        }
    }
}

impl SourceCode for Window<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let inner =
            self.text
                .as_str()
                .read_span(span, context_lines_before, context_lines_after)?;
        let (line, column) = if *span == self.label && context_lines_before == 0 {
            // The header: the real line and character column in the file.
            (self.at.line - 1, self.at.column - 1)
        } else {
            (inner.line() + self.first_line, inner.column())
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.to_string(),
            inner.data(),
            *inner.span(),
            line,
            column,
            inner.line_count(),
        )))
    }
}

impl Reporter for Human {
    fn file(&mut self, out: &mut dyn Write, report: &FileReport<'_>) -> io::Result<()> {
        if let Some(error) = &report.error {
            self.unreadable += 1;
            if self.printed {
                out.write_all(b"\n")?;
            }
            writeln!(
                out,
                "{}: {}{}",
                report.path,
                self.paint(RED_BOLD, "错误："),
                error
            )?;
            self.printed = true;
        }
        for d in report.diagnostics {
            let rendered = self.render(report, d);
            if self.printed {
                out.write_all(b"\n")?;
            }
            out.write_all(rendered.as_bytes())?;
            self.printed = true;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        if self.quiet {
            return out.flush();
        }
        if self.printed {
            out.write_all(b"\n")?;
        }
        let lines = summary_lines(summary, self.unreadable, self.unsafe_fixes);
        for line in lines {
            writeln!(out, "{}", self.paint(BOLD, &line))?;
        }
        out.flush()
    }
}

/// The closing summary, in Chinese. `unreadable` files could not be
/// checked (or written): they are not among the `files_checked`, and a
/// line of their own says so.
pub fn summary_lines(summary: &Summary, unreadable: usize, unsafe_fixes: bool) -> Vec<String> {
    let mut lines = Vec::new();
    if summary.fixed > 0 {
        lines.push(format!(
            "已修复 {} 个问题（{} 个文件）",
            summary.fixed, summary.files_fixed
        ));
    }
    let total = summary.errors + summary.warnings + summary.infos;
    if summary.files_checked == 0 && unreadable > 0 && total == 0 {
        lines.push(format!(
            "没有检查任何文件：{unreadable} 个文件无法处理，原因见上"
        ));
        return lines;
    }
    let mut line = if total == 0 {
        format!("检查了 {} 个文件，没有发现问题", summary.files_checked)
    } else {
        format!(
            "检查了 {} 个文件：发现 {} 个问题（错误 {}，警告 {}，提示 {}）",
            summary.files_checked, total, summary.errors, summary.warnings, summary.infos
        )
    };
    if total > 0 {
        let (safe, unsafe_) = (summary.fixable, summary.unsafe_fixable);
        if unsafe_fixes && safe + unsafe_ > 0 {
            line.push_str(&format!(
                "，其中 {} 个可用 guifan fix --unsafe 自动修复",
                safe + unsafe_
            ));
            if unsafe_ > 0 {
                line.push_str(&format!("（含 {unsafe_} 个不安全修复，请核对）"));
            }
        } else if safe > 0 {
            line.push_str(&format!("，其中 {safe} 个可用 guifan fix 自动修复"));
            if unsafe_ > 0 {
                line.push_str(&format!("，另有 {unsafe_} 个可用 --unsafe 修复"));
            }
        } else if unsafe_ > 0 {
            line.push_str(&format!("，其中 {unsafe_} 个可用 guifan fix --unsafe 修复"));
        }
    }
    lines.push(line);
    if unreadable > 0 {
        lines.push(format!("另有 {unreadable} 个文件无法处理，原因见上"));
    }
    lines
}
