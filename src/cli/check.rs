//! `guifan check` and `guifan fix`: read, decode, check (and fix) files in
//! parallel, and report them in sorted order as soon as each file and every
//! file before it are done.
//!
//! The main thread and `threads − 1` workers take files in order from a
//! shared counter; a reorder buffer on the main thread emits results in
//! order. The main thread checks files itself and only collects the
//! workers' results between its own, so with one thread nothing crosses a
//! thread at all, and with more a hand-off costs a channel send, not a
//! wake-up per file (a folder of 35,000 news items spent more CPU in the
//! kernel passing files between two threads than on checking them). Files
//! are taken at most `WINDOW_PER_THREAD × threads` ahead of the last emitted
//! one, so the memory held does not grow with the number of files (a slow
//! file stalls the window rather than piling results up), and the output
//! never depends on the thread count.

use super::config::Resolved;
use super::load::{Loaded, load};
use super::options::{Annotate, DateLines, Mode, RunOptions};
use super::read::io_message;
use super::walk::{Input, Source};
use super::write::{WriteError, write_fixed, write_new};
use guifan::document::docx::{Docx, DocxLimits, comments_for};
use guifan::document::{DateSource, DocumentDate, LineIndex};
use guifan::report::{FileReport, Reporter, Summary};
use guifan::{Diagnostic, Document, DocumentOptions};
use std::collections::BTreeMap;
use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Condvar, Mutex};

const WINDOW_PER_THREAD: usize = 8;

/// A fix that `guifan fix` applied, for `--show-fixes`.
pub struct ShownFix {
    pub line: usize,
    pub column: usize,
    pub rule: String,
    pub before: String,
    pub after: String,
}

/// The fixes `out` applied to `source`, with their lines in `source`.
fn shown_fixes(source: &str, fixes: &[guifan::engine::AppliedFix]) -> Vec<ShownFix> {
    let lines = LineIndex::new(source);
    let mut shown: Vec<ShownFix> = fixes
        .iter()
        .map(|f| {
            let at = lines.line_col(source, f.span.start.min(source.len()));
            ShownFix {
                line: at.line,
                column: at.column,
                rule: f.rule.clone(),
                before: f.before.clone(),
                after: f.after.clone(),
            }
        })
        .collect();
    shown.sort_by(|a, b| (a.line, a.column, &a.rule).cmp(&(b.line, b.column, &b.rule)));
    shown
}

/// The result for one file, owned, sent from a worker to the main thread.
struct Outcome {
    display: String,
    source: String,
    /// Line starts of `source`, built by the worker (not the emitting thread).
    lines: LineIndex,
    diagnostics: Vec<Diagnostic>,
    date: Option<DocumentDate>,
    error: Option<String>,
    fixed: Option<String>,
    fixes_applied: usize,
    file_changed: bool,
    not_converged: bool,
    /// `docx-text` for a Word document.
    view: Option<&'static str>,
    /// A line for stderr (what `--annotate` wrote).
    note: Option<String>,
    /// The fixes applied (`--show-fixes`).
    shown: Vec<ShownFix>,
    /// Characters of the document's prose (counted with `--show-date`).
    chars: Option<usize>,
}

impl Outcome {
    fn failed(display: &str, error: String) -> Outcome {
        Outcome {
            display: display.to_string(),
            source: String::new(),
            lines: LineIndex::new(""),
            diagnostics: Vec::new(),
            date: None,
            error: Some(error),
            fixed: None,
            fixes_applied: 0,
            file_changed: false,
            not_converged: false,
            view: None,
            note: None,
            shown: Vec::new(),
            chars: None,
        }
    }
}

/// The outcome of a whole run.
pub struct RunResult {
    /// 0, 1 or 2 (see the exit codes in `cli`); a closed output pipe ends
    /// the run quietly with the code reached so far.
    pub exit: u8,
}

/// Why a fix could not be written, in Chinese.
fn write_message(e: &WriteError) -> String {
    match e {
        WriteError::Changed => {
            "文件在读取之后被修改过，未写入修复结果，以免覆盖这些改动（可再次运行 guifan fix）"
                .into()
        }
        WriteError::Io(e) => format!("无法写入修复结果，文件未改动：{}", io_message(e)),
        WriteError::InPlace { error, backup } => format!(
            "就地写入修复结果失败（{}），文件可能已不完整；原内容备份在 {}",
            io_message(error),
            backup.display()
        ),
    }
}

fn process(input: &Input, stdin: Option<&[u8]>, config: &Resolved, opts: &RunOptions) -> Outcome {
    let Loaded {
        source,
        format,
        stamp,
        docx,
    } = match load(input, stdin, opts) {
        Ok(loaded) => loaded,
        Err(e) => return Outcome::failed(&input.display, e),
    };
    let linter = match config.linter_for(input.abs.as_deref()) {
        Ok(l) => l,
        Err(e) => return Outcome::failed(&input.display, format!("{e}")),
    };
    // A Word document's creation date stands in when its text has none.
    let created = docx.as_ref().and_then(|d| d.0.created());
    let cx = FileCx {
        input,
        opts,
        linter,
        doc_opts: DocumentOptions {
            format,
            as_of: created.or(opts.as_of),
            today: opts.today,
        },
        created,
        view: docx.is_some().then_some("docx-text"),
    };
    if docx.is_some() && opts.mode == Mode::Fix && !matches!(input.source, Source::File(_)) {
        return Outcome::failed(
            &input.display,
            "标准输入中的 .docx 无法就地修复：请对文件运行 guifan fix".into(),
        );
    }
    match (opts.mode, docx) {
        (Mode::Check { with_fixes }, docx) => check_file(&cx, source, docx.as_deref(), with_fixes),
        (Mode::Fix, Some(docx)) => fix_docx(&cx, source, stamp, *docx),
        (Mode::Fix, None) => fix_text(&cx, source, stamp),
    }
}

/// One file being processed: its input, the linter that applies to it, and
/// how its document is read.
struct FileCx<'a> {
    input: &'a Input,
    opts: &'a RunOptions,
    linter: std::sync::Arc<guifan::Linter>,
    doc_opts: DocumentOptions,
    /// A Word document's creation date (`docProps/core.xml`).
    created: Option<chrono::NaiveDate>,
    /// `docx-text` for a Word document.
    view: Option<&'static str>,
}

impl FileCx<'_> {
    /// The document's date, with a Word document's creation date reported
    /// as such.
    fn date_of(&self, d: &Document) -> DocumentDate {
        let mut date = *d.date();
        if self.created.is_some() && date.source == DateSource::AsOf {
            date.source = DateSource::Properties;
        }
        date
    }

    /// Whether a finding is at or above `--min-severity`.
    fn keep(&self, d: &Diagnostic) -> bool {
        d.severity >= self.opts.min_severity
    }
}

/// `check`: findings (the corpus pass's too), the fixed text for `--diff`,
/// comments for `--annotate`.
fn check_file(
    cx: &FileCx<'_>,
    source: String,
    docx: Option<&(Docx, Vec<u8>)>,
    with_fixes: bool,
) -> Outcome {
    let doc = Document::new(source, &cx.doc_opts);
    let mut diagnostics = cx.linter.check(&doc);
    let wanted = |d: &Diagnostic| {
        d.fix
            .as_ref()
            .is_some_and(|f| f.applicability >= cx.opts.applicability)
    };
    // The linter's own findings, for fixing without checking again (the
    // corpus pass's findings are reported, not fixed).
    let own = (with_fixes && diagnostics.iter().any(wanted)).then(|| diagnostics.clone());
    if let Some(corpus) = &cx.opts.corpus {
        let group = guifan::corpus::group_of(std::path::Path::new(&cx.input.display));
        corpus.add_diagnostics(
            &cx.linter,
            &group,
            &cx.input.display,
            &doc,
            &mut diagnostics,
        );
    }
    // Reported with --show-date only; found on demand (most runs never
    // need the document's date).
    let date = cx.opts.show_date.then(|| cx.date_of(&doc));
    let chars = cx.opts.show_date.then(|| doc.prose().chars().count());
    let mut fixed = None;
    let mut not_converged = false;
    let source = match own {
        Some(own) => {
            let source = doc.source().to_string();
            let out = cx
                .linter
                .fix_checked(doc, own, &cx.doc_opts, cx.opts.applicability);
            not_converged = !out.converged;
            if out.text != source {
                // A Word document: what the writer can really apply.
                fixed = match docx {
                    Some(d) => match d.0.apply(&d.1, &out.text) {
                        Ok(f) => (f.text != source).then_some(f.text),
                        Err(e) => return Outcome::failed(&cx.input.display, e.to_string()),
                    },
                    None => Some(out.text),
                };
            }
            source
        }
        None => doc.into_source(),
    };
    diagnostics.retain(|d| cx.keep(d));
    let mut note = None;
    if let (Some(a), Some(d)) = (&cx.opts.annotate, docx) {
        match annotate(a, &d.0, &d.1, &diagnostics, cx.opts) {
            Ok(n) => note = Some(n),
            Err(e) => return Outcome::failed(&cx.input.display, e),
        }
    }
    Outcome {
        display: cx.input.display.clone(),
        lines: line_index(&source, docx.map(|d| &d.0)),
        source,
        diagnostics,
        date,
        error: None,
        fixed,
        fixes_applied: 0,
        file_changed: false,
        not_converged,
        view: cx.view,
        note,
        shown: Vec::new(),
        chars,
    }
}

/// `fix` of a Word document: the fixes spliced into its runs (as tracked
/// changes with `--track-changes`), written in place.
fn fix_docx(
    cx: &FileCx<'_>,
    source: String,
    stamp: Option<super::read::FileStamp>,
    (docx, original): (Docx, Vec<u8>),
) -> Outcome {
    let out = cx.linter.fix(&source, &cx.doc_opts, cx.opts.applicability);
    let (fix, mut remaining) = if out.text == source {
        (None, out.remaining)
    } else {
        match docx.apply_with(&original, &out.text, cx.opts.track_changes.as_ref()) {
            Ok(f) if f.text == out.text => (Some(f), out.remaining),
            // Some edits could not be placed: check what was.
            Ok(f) => {
                let d = Document::new(f.text.as_str(), &cx.doc_opts);
                let remaining = cx.linter.check(&d);
                (Some(f), remaining)
            }
            Err(e) => return Outcome::failed(&cx.input.display, e.to_string()),
        }
    };
    let mut error = None;
    let mut applied = 0;
    let mut note = None;
    let shown = if cx.opts.show_fixes {
        shown_fixes(&source, &out.fixes)
    } else {
        Vec::new()
    };
    let mut text = source;
    if let Some(f) = fix {
        if let (Some(bytes), Source::File(p)) = (&f.bytes, &cx.input.source) {
            match write_fixed(p, bytes, stamp.as_ref()) {
                Ok(()) => {
                    applied = out.applied.saturating_sub(f.skipped).max(f.applied.min(1));
                    text = f.text;
                    if cx.opts.track_changes.is_some() {
                        note = Some(format!(
                            "{}：以修订方式写入 {} 处删除、{} 处插入",
                            cx.input.display, f.deletions, f.insertions
                        ));
                    }
                }
                Err(e) => error = Some(write_message(&e)),
            }
        }
    }
    let date = cx
        .opts
        .show_date
        .then(|| cx.date_of(&Document::new(text.as_str(), &cx.doc_opts)));
    remaining.retain(|d| cx.keep(d));
    Outcome {
        display: cx.input.display.clone(),
        lines: line_index(&text, Some(&docx)),
        source: text,
        diagnostics: if error.is_some() {
            Vec::new()
        } else {
            remaining
        },
        date,
        error,
        fixed: None,
        fixes_applied: applied,
        file_changed: applied > 0,
        not_converged: !out.converged,
        view: cx.view,
        note,
        shown: if applied > 0 { shown } else { Vec::new() },
        chars: None,
    }
}

/// `fix` of a text file: written in place, or (stdin) printed fixed.
fn fix_text(cx: &FileCx<'_>, source: String, stamp: Option<super::read::FileStamp>) -> Outcome {
    let out = cx.linter.fix(&source, &cx.doc_opts, cx.opts.applicability);
    let changed = out.text != source;
    let mut error = None;
    if changed
        && let Source::File(p) = &cx.input.source
        && let Err(e) = write_fixed(p, out.text.as_bytes(), stamp.as_ref())
    {
        error = Some(write_message(&e));
    }
    let date = cx
        .opts
        .show_date
        .then(|| *Document::new(out.text.as_str(), &cx.doc_opts).date());
    let mut remaining = out.remaining;
    remaining.retain(|d| cx.keep(d));
    // Written in place, or (stdin) printed fixed.
    let wrote = changed && error.is_none();
    let shown = if cx.opts.show_fixes && wrote {
        shown_fixes(&source, &out.fixes)
    } else {
        Vec::new()
    };
    // The report describes the text as it now is.
    let source = if wrote || matches!(cx.input.source, Source::Stdin) {
        out.text.clone()
    } else {
        source
    };
    Outcome {
        display: cx.input.display.clone(),
        lines: LineIndex::new(&source),
        source,
        diagnostics: if error.is_some() {
            Vec::new()
        } else {
            remaining
        },
        date,
        error,
        fixed: matches!(cx.input.source, Source::Stdin).then_some(out.text),
        fixes_applied: if wrote { out.applied } else { 0 },
        file_changed: wrote,
        not_converged: !out.converged,
        view: cx.view,
        note: None,
        shown,
        chars: None,
    }
}

/// The line index of a report: a Word document's lines are its paragraphs.
fn line_index(text: &str, docx: Option<&Docx>) -> LineIndex {
    match docx.and_then(|d| d.paragraph_starts(text)) {
        Some(starts) => LineIndex::from_starts(text, starts),
        None => LineIndex::new(text),
    }
}

/// Write the Word document with a comment at each finding `a` asks for,
/// atomically to `a.output`; the line to show, or the error.
fn annotate(
    a: &Annotate,
    doc: &Docx,
    original: &[u8],
    diagnostics: &[Diagnostic],
    opts: &RunOptions,
) -> Result<String, String> {
    let comments = comments_for(diagnostics, a.all, opts.applicability);
    let limits = DocxLimits {
        max_total: opts.max_file_size,
        ..DocxLimits::default()
    };
    let out = doc
        .annotate(original, &comments, &a.revision, &limits)
        .map_err(|e| e.to_string())?;
    write_new(&a.output, &out.bytes)
        .map_err(|e| format!("无法写入批注版 {}：{}", a.display, io_message(&e)))?;
    let mut line = format!("已写入批注版 {}：{} 条批注", a.display, out.comments);
    if out.moved > 0 {
        line.push_str(&format!(
            "（其中 {} 条针对页眉、页脚、脚注、尾注或无文字行中的问题，加在正文开头）",
            out.moved
        ));
    }
    Ok(line)
}

/// The `--show-date` line of a file.
fn date_line(display: &str, d: &DocumentDate) -> String {
    if d.source == DateSource::Today {
        format!(
            "{display}：文档日期 未知（按 {} 计，随日期变化的规则只作提示；来源：{}）",
            d.date.format("%Y-%m-%d"),
            d.source.as_str()
        )
    } else {
        format!(
            "{display}：文档日期 {}（来源：{}）",
            d.date.format("%Y-%m-%d"),
            d.source.as_str()
        )
    }
}

/// The `--show-fixes` lines of a file: `path:line:col: 已修复 rule “before” → “after”`.
fn shown_lines(o: &Outcome) -> String {
    let mut lines = String::new();
    for f in &o.shown {
        lines.push_str(&format!(
            "{}:{}:{}: 已修复 {} “{}” → “{}”\n",
            o.display,
            f.line,
            f.column,
            f.rule,
            one_line(&f.before),
            one_line(&f.after)
        ));
    }
    lines
}

/// Line breaks and control characters written as escapes (`\n`).
fn one_line(s: &str) -> String {
    s.chars()
        .flat_map(|c| match c {
            '\n' => vec!['\\', 'n'],
            '\r' => vec!['\\', 'r'],
            '\t' => vec!['\\', 't'],
            c if c.is_control() => c.escape_unicode().collect(),
            c => vec![c],
        })
        .collect()
}

fn is_broken_pipe(e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::BrokenPipe
}

/// Check (or fix) `inputs` and stream reports to `out`. `fixed_out` gets the
/// fixed text of stdin in fix mode.
pub fn run(
    inputs: &[Input],
    stdin: Option<&[u8]>,
    config: &Resolved,
    opts: &RunOptions,
    reporter: &mut dyn Reporter,
    out: &mut dyn Write,
    fixed_out: &mut dyn Write,
) -> RunResult {
    let mut summary = Summary::default();
    let mut exit = 0u8;
    let mut broken = false;
    let mut stderr = io::stderr();
    let mut fail = |e: io::Error, broken: &mut bool, exit: &mut u8| {
        if is_broken_pipe(&e) {
            *broken = true;
        } else {
            let _ = writeln!(stderr, "guifan: 输出失败：{e}");
            *exit = 2;
        }
    };

    if let Err(e) = reporter.start(out) {
        fail(e, &mut broken, &mut exit);
        return RunResult { exit };
    }

    let n = inputs.len();
    let threads = opts.threads.clamp(1, n.max(1));
    let window = WINDOW_PER_THREAD * threads;
    let next = AtomicUsize::new(0);
    let gate = Gate::default();
    let (tx, rx) = mpsc::channel::<(usize, Outcome)>();

    std::thread::scope(|scope| {
        for _ in 1..threads {
            let tx = tx.clone();
            let (next, gate) = (&next, &gate);
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= n {
                        break;
                    }
                    if !gate.wait_turn(i, window) {
                        break;
                    }
                    let outcome = process(&inputs[i], stdin, config, opts);
                    if tx.send((i, outcome)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);

        let shared = Shared {
            inputs,
            stdin,
            config,
            opts,
            next: &next,
            gate: &gate,
            window,
        };
        check_and_emit(&shared, &rx, |mut o| {
            for f in &opts.filters {
                f.filter(&o.display, &o.source, &o.lines, &mut o.diagnostics);
            }
            match emit(&o, opts, reporter, out, fixed_out, &mut summary, &mut exit) {
                Ok(()) => true,
                Err(e) => {
                    fail(e, &mut broken, &mut exit);
                    false
                }
            }
        });
        // Stop the workers (after an output error) and let them go.
        gate.stop();
        drop(rx);
    });

    for f in &opts.filters {
        f.finish(&mut summary);
    }
    if !broken && let Err(e) = reporter.finish(out, &summary).and_then(|()| out.flush()) {
        fail(e, &mut broken, &mut exit);
    }
    if !broken && let Err(e) = fixed_out.flush() {
        fail(e, &mut broken, &mut exit);
    }
    if !broken {
        note_fixes(opts, &summary);
    }
    RunResult { exit }
}

/// What the main thread and the workers share.
struct Shared<'a> {
    inputs: &'a [Input],
    stdin: Option<&'a [u8]>,
    config: &'a Resolved,
    opts: &'a RunOptions,
    next: &'a AtomicUsize,
    gate: &'a Gate,
    window: usize,
}

/// The main thread's part: check files itself, collect the workers'
/// outcomes between its own, and hand every outcome to `emit` in input
/// order until all are out or `emit` says stop.
fn check_and_emit(
    s: &Shared<'_>,
    rx: &mpsc::Receiver<(usize, Outcome)>,
    mut emit: impl FnMut(Outcome) -> bool,
) {
    let n = s.inputs.len();
    let process = |i: usize| process(&s.inputs[i], s.stdin, s.config, s.opts);
    let mut pending: BTreeMap<usize, Outcome> = BTreeMap::new();
    let mut emitted = 0usize;
    // The file the main thread took and has not checked yet.
    let mut mine: Option<usize> = None;
    let mut exhausted = false;
    while emitted < n {
        // Emit what is ready, in order.
        while let Some(o) = pending.remove(&emitted) {
            emitted += 1;
            s.gate.advance(emitted);
            if !emit(o) {
                return;
            }
        }
        if emitted == n {
            break;
        }
        if mine.is_none() && !exhausted {
            let i = s.next.fetch_add(1, Ordering::Relaxed);
            if i < n {
                mine = Some(i);
            } else {
                exhausted = true;
            }
        }
        match mine {
            // Within the window: check it here, then collect what the
            // workers finished meanwhile.
            Some(i) if i < emitted + s.window => {
                mine = None;
                pending.insert(i, process(i));
                pending.extend(rx.try_iter());
            }
            // Nothing to check here (or too far ahead): wait for a worker.
            _ => match rx.recv() {
                Ok((i, o)) => {
                    pending.insert(i, o);
                    pending.extend(rx.try_iter());
                }
                // Every worker is gone and what they checked is in.
                Err(_) => match mine.take() {
                    Some(i) => {
                        pending.insert(i, process(i));
                    }
                    None => break,
                },
            },
        }
    }
}

/// After `fix` with a machine-readable report: what was fixed, on stderr
/// (the human report says it itself).
fn note_fixes(opts: &RunOptions, summary: &Summary) {
    if !opts.quiet && !opts.human_report && opts.mode == Mode::Fix && summary.files_fixed > 0 {
        let _ = writeln!(
            io::stderr(),
            "已修复 {} 处问题，改动 {} 个文件。",
            summary.fixed,
            summary.files_fixed
        );
    }
}

/// Keeps the workers at most a window ahead of the files already emitted
/// (memory stays bounded however slow the output), and stops them. The
/// common case (within the window) is one atomic load; the lock and the
/// condition variable are used only while a worker really waits.
#[derive(Default)]
struct Gate {
    emitted: AtomicUsize,
    stopped: AtomicBool,
    /// Workers sleeping in `wait_turn`.
    waiting: AtomicUsize,
    lock: Mutex<()>,
    moved: Condvar,
}

impl Gate {
    /// Wait until file `i` is within `window` of the emitted ones; false
    /// when the run stops instead.
    fn wait_turn(&self, i: usize, window: usize) -> bool {
        let ready = || {
            self.stopped.load(Ordering::SeqCst) || i < self.emitted.load(Ordering::SeqCst) + window
        };
        if !ready() {
            let mut g = self.lock.lock().unwrap_or_else(|e| e.into_inner());
            self.waiting.fetch_add(1, Ordering::SeqCst);
            while !ready() {
                g = self.moved.wait(g).unwrap_or_else(|e| e.into_inner());
            }
            self.waiting.fetch_sub(1, Ordering::SeqCst);
        }
        !self.stopped.load(Ordering::SeqCst)
    }

    /// `emitted` files are out.
    fn advance(&self, emitted: usize) {
        self.emitted.store(emitted, Ordering::SeqCst);
        self.wake();
    }

    /// Stop every worker.
    fn stop(&self) {
        self.stopped.store(true, Ordering::SeqCst);
        self.wake();
    }

    /// Wake the sleeping workers, if any. A worker counts itself as
    /// waiting under the lock before it checks the state again, so either
    /// it sees the new state or this sees it waiting.
    fn wake(&self) {
        if self.waiting.load(Ordering::SeqCst) > 0 {
            let _g = self.lock.lock().unwrap_or_else(|e| e.into_inner());
            self.moved.notify_all();
        }
    }
}

fn emit(
    o: &Outcome,
    opts: &RunOptions,
    reporter: &mut dyn Reporter,
    out: &mut dyn Write,
    fixed_out: &mut dyn Write,
    summary: &mut Summary,
    exit: &mut u8,
) -> io::Result<()> {
    if let Some(err) = &o.error {
        summary.files_failed += 1;
        *exit = 2;
        if !opts.human_report {
            let _ = writeln!(io::stderr(), "错误：{}：{err}", o.display);
        }
    }
    if let Some(note) = &o.note
        && !opts.quiet
    {
        let _ = writeln!(io::stderr(), "{note}");
    }
    if o.not_converged {
        let _ = writeln!(
            io::stderr(),
            "警告：{}：修复经过 {} 轮仍未稳定，请检查结果（可能是规则之间的冲突）",
            o.display,
            guifan::engine::MAX_FIX_PASSES
        );
    }
    if o.error.is_none() {
        summary.files_checked += 1;
    }
    summary.add(&o.diagnostics);
    summary.fixed += o.fixes_applied;
    summary.files_fixed += usize::from(o.file_changed);
    if *exit < 1 && o.diagnostics.iter().any(|d| d.severity >= opts.fail_on) {
        *exit = 1;
    }
    if opts.show_date
        && let Some(d) = &o.date
    {
        let line = date_line(&o.display, d);
        match opts.date_lines {
            DateLines::Inline => writeln!(out, "{line}")?,
            DateLines::Stderr => {
                let _ = writeln!(io::stderr(), "{line}");
            }
            DateLines::Omit => {}
        }
    }
    if !o.shown.is_empty() {
        // In the report stream for the human formats, else on stderr.
        let lines = shown_lines(o);
        if opts.human_report {
            out.write_all(lines.as_bytes())?;
        } else {
            let _ = io::stderr().write_all(lines.as_bytes());
        }
    }
    if opts.mode == Mode::Fix
        && let Some(text) = &o.fixed
    {
        // stdin in fix mode: the fixed text is the output.
        fixed_out.write_all(text.as_bytes())?;
    }
    let report = FileReport {
        path: &o.display,
        source: &o.source,
        lines: &o.lines,
        diagnostics: &o.diagnostics,
        date: o.date,
        error: o.error.clone(),
        fixed: match opts.mode {
            Mode::Check { .. } => o.fixed.as_deref(),
            Mode::Fix => None,
        },
        view: o.view,
        chars: o.chars,
    };
    reporter.file(out, &report)?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::args::RuleOptions;
    use crate::cli::walk::{WalkOptions, collect};
    use chrono::NaiveDate;
    use guifan::{Applicability, Severity};

    /// (path, diagnostics, error, fixed text, source length)
    type Seen = (String, usize, Option<String>, Option<String>, usize);

    /// Records what the runner hands to a reporter.
    #[derive(Default)]
    struct Recorder {
        files: Vec<Seen>,
        started: bool,
        finished: Option<Summary>,
    }

    impl Reporter for Recorder {
        fn start(&mut self, _out: &mut dyn Write) -> io::Result<()> {
            self.started = true;
            Ok(())
        }
        fn file(&mut self, _out: &mut dyn Write, r: &FileReport<'_>) -> io::Result<()> {
            assert_eq!(r.lines.line_count(), LineIndex::new(r.source).line_count());
            self.files.push((
                r.path.to_string(),
                r.diagnostics.len(),
                r.error.clone(),
                r.fixed.map(str::to_string),
                r.source.len(),
            ));
            Ok(())
        }
        fn finish(&mut self, _out: &mut dyn Write, s: &Summary) -> io::Result<()> {
            self.finished = Some(s.clone());
            Ok(())
        }
    }

    fn options(mode: Mode, threads: usize) -> RunOptions {
        RunOptions {
            mode,
            track_changes: None,
            annotate: None,
            applicability: Applicability::Safe,
            min_severity: Severity::Info,
            fail_on: Severity::Error,
            input_format: None,
            as_of: None,
            today: NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
            show_date: false,
            date_lines: DateLines::Omit,
            threads,
            max_file_size: crate::cli::read::DEFAULT_MAX_FILE_SIZE,
            quiet: true,
            human_report: false,
            corpus: None,
            show_fixes: false,
            filters: Vec::new(),
        }
    }

    #[test]
    fn reports_in_sorted_order_with_errors_and_fixes() {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..40 {
            let body = if i % 2 == 0 {
                "会议指出,要深入学习。"
            } else {
                "会议指出。"
            };
            std::fs::write(dir.path().join(format!("f{i:02}.txt")), body).unwrap();
        }
        std::fs::write(dir.path().join("zz.txt"), b"\xb5\xb3").unwrap();
        let config = crate::cli::config::resolve(
            &RuleOptions {
                no_config: true,
                ..Default::default()
            },
            dir.path(),
        )
        .unwrap();
        let walk = WalkOptions {
            force_exclude: false,
            no_ignore: false,
            hidden: false,
            stdin_filename: None,
        };
        let collected = collect(&[dir.path().to_path_buf()], dir.path(), &walk, &config);
        assert!(collected.empty_dirs.is_empty());
        let inputs = collected.inputs;
        assert_eq!(inputs.len(), 41);
        let mut results = Vec::new();
        for threads in [1, 2, 5] {
            let mut rec = Recorder::default();
            let r = run(
                &inputs,
                None,
                &config,
                &options(Mode::Check { with_fixes: true }, threads),
                &mut rec,
                &mut Vec::new(),
                &mut io::sink(),
            );
            assert_eq!(r.exit, 2);
            assert!(rec.started);
            let s = rec.finished.as_ref().unwrap();
            assert_eq!(
                (s.files_checked, s.files_failed, s.errors, s.fixable),
                (40, 1, 20, 20)
            );
            let paths: Vec<&String> = rec.files.iter().map(|f| &f.0).collect();
            let mut sorted = paths.clone();
            sorted.sort();
            assert_eq!(paths, sorted);
            let first = &rec.files[0];
            assert_eq!(first.1, 1);
            assert_eq!(first.3.as_deref(), Some("会议指出，要深入学习。"));
            assert!(rec.files[1].3.is_none());
            let last = rec.files.last().unwrap();
            assert!(last.2.as_deref().is_some_and(|e| e.contains("UTF-8")));
            results.push(rec.files);
        }
        assert_eq!(results[0], results[1]);
        assert_eq!(results[0], results[2]);
    }
}
