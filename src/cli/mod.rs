//! The `guifan` binary: argument parsing, configuration, walking, running
//! and reporting. The library does the linting; this module does the I/O.
//!
//! Exit codes (README, "Usage"): 0 = no finding at or above the failing severity,
//! 1 = findings, 2 = usage, configuration or I/O error (a file that could
//! not be read or decoded makes the whole run exit 2, after every other
//! file was checked). A closed output pipe ends the run quietly with the
//! code reached so far.

pub mod args;
pub mod baseline;
pub mod changed;
pub mod check;
pub mod config;
pub mod corpus;
pub mod explain;
pub mod load;
pub mod options;
pub mod output;
pub mod paths;
pub mod read;
pub mod report;
pub mod report_parquet;
pub mod walk;
pub mod write;

use args::{
    BaselineArgs, CheckArgs, ColorArg, Command, FixArgs, LintOptions, OutputFormatArg, ReportFlags,
};
use guifan::report::{OutputFormat, ReportOptions, RuleInfo, reporter};
use guifan::{Applicability, Severity};
use miette::{Report, miette};
use options::{Mode, RunOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Print an error (miette, on stderr) and return exit code 2.
pub fn fail(e: Report) -> ExitCode {
    let _ = writeln!(io::stderr(), "{e:?}");
    ExitCode::from(2)
}

fn set_color(color: ColorArg) {
    let enabled = match color {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => return,
    };
    let _ = miette::set_hook(Box::new(move |_| {
        Box::new(miette::MietteHandlerOpts::new().color(enabled).build())
    }));
}

/// One `check`, `fix` or `baseline` run: what to do besides the lint options.
struct Job<'a> {
    mode: Mode,
    format: OutputFormat,
    report: ReportFlags,
    show_fixes: bool,
    track_changes: Option<guifan::document::docx::Revision>,
    /// `check --baseline FILE`
    baseline: Option<&'a Path>,
    /// `check --changed-since REF`
    changed_since: Option<&'a str>,
    /// `guifan baseline -o FILE`: record the findings there.
    record: Option<&'a Path>,
    /// `check --annotate -o FILE`: a Word copy with comments at the findings.
    annotate: Option<options::Annotate>,
}

impl Job<'_> {
    fn new(mode: Mode, format: OutputFormat) -> Self {
        Job {
            mode,
            format,
            report: ReportFlags::default(),
            show_fixes: false,
            track_changes: None,
            baseline: None,
            changed_since: None,
            record: None,
            annotate: None,
        }
    }
}

/// Run a command of the command line proper (`guifan serve` and `guifan
/// server` are other front-ends; `main.rs` dispatches to them).
pub fn run(command: Command, cwd: &Path) -> ExitCode {
    match command {
        Command::Check(args) => check(args, cwd),
        Command::Fix(args) => fix(args, cwd),
        Command::Rules(args) => {
            let config = match config::resolve(&args.rules, cwd) {
                Ok(c) => c,
                Err(e) => return fail(e),
            };
            let mut out = io::stdout().lock();
            finish_output(explain::rules(&config, args.format, &mut out).and_then(|()| out.flush()))
        }
        Command::Explain(args) => {
            let config = match config::resolve(&args.rules, cwd) {
                Ok(c) => c,
                Err(e) => return fail(e),
            };
            let mut out = io::stdout().lock();
            match explain::explain(&config, &args.rule, &mut out) {
                Ok(r) => finish_output(r.and_then(|()| out.flush())),
                Err(e) => fail(e),
            }
        }
        Command::Init(args) => match explain::init(cwd, &args, false) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(e),
        },
        Command::Baseline(args) => record_baseline(args, cwd),
        Command::Report(args) => match report::run(&args) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(e),
        },
        Command::Serve(_) | Command::Server(_) => {
            unreachable!("main.rs dispatches the other front-ends")
        }
    }
}

/// Before `fix` writes anything: remove the temporary files that
/// interrupted runs left beside the inputs, and point at their backups.
fn remove_leftovers(inputs: &[walk::Input], quiet: bool) {
    let mut dirs: Vec<&Path> = inputs
        .iter()
        .filter_map(|i| match &i.source {
            walk::Source::File(p) => Some(p.parent().unwrap_or(Path::new(""))),
            _ => None,
        })
        .map(|d| {
            if d.as_os_str().is_empty() {
                Path::new(".")
            } else {
                d
            }
        })
        .collect();
    dirs.sort();
    dirs.dedup();
    let now = std::time::SystemTime::now();
    for dir in dirs {
        let left = write::remove_leftovers(dir, now);
        if quiet {
            continue;
        }
        for p in &left.removed {
            let _ = writeln!(
                io::stderr(),
                "提示：已删除中断的 guifan fix 留下的临时文件 {}",
                paths::display(p)
            );
        }
        for p in &left.backups {
            let _ = writeln!(
                io::stderr(),
                "警告：{} 是中断的 guifan fix 留下的备份（文件修复前的内容），请核对后删除",
                paths::display(p)
            );
        }
    }
}

/// Exit 0 after writing, quietly also when the pipe was closed.
fn finish_output(r: io::Result<()>) -> ExitCode {
    match r {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => fail(miette!("输出失败：{e}")),
    }
}

fn check(args: CheckArgs, cwd: &Path) -> ExitCode {
    let format = if args.diff {
        OutputFormatArg::Diff
    } else {
        args.format
    };
    let mode = Mode::Check {
        with_fixes: format == OutputFormatArg::Diff,
    };
    let annotate = match annotate_options(&args, cwd) {
        Ok(a) => a,
        Err(e) => return fail(e),
    };
    let mut job = Job::new(mode, format.into());
    job.report = args.report.clone();
    if annotate.is_some() {
        // `-o` names the annotated copy; the report goes to standard output.
        job.report.output_file = None;
    }
    job.annotate = annotate;
    job.baseline = args.baseline.as_deref();
    job.changed_since = args.changed_since.as_deref();
    lint(&args.lint, cwd, job)
}

/// `check --annotate -o FILE`: one Word document in, a new file out.
fn annotate_options(args: &CheckArgs, cwd: &Path) -> Result<Option<options::Annotate>, Report> {
    const EXAMPLE: &str = "例如：guifan check --annotate -o reviewed.docx report.docx";
    let (which, output) = match (args.annotate, &args.report.output_file) {
        // Without --annotate, -o is the report's output file.
        (None, _) => return Ok(None),
        (Some(_), None) => {
            return Err(miette!(
                code = "guifan::usage",
                help = EXAMPLE,
                "--annotate 需要用 -o 指定批注版文件的保存位置（原文件不会被改动）"
            ));
        }
        (Some(w), Some(o)) => (w, o),
    };
    let lint = &args.lint;
    let input: Option<PathBuf> = match lint.paths.as_slice() {
        [] => lint.stdin_filename.as_ref().map(PathBuf::from),
        [p] if p.as_os_str() == "-" => Some(
            lint.stdin_filename
                .as_ref()
                .map_or_else(|| PathBuf::from("-"), PathBuf::from),
        ),
        [p] => Some(p.clone()),
        _ => None,
    };
    let Some(input) = input else {
        return Err(miette!(
            code = "guifan::usage",
            help = EXAMPLE,
            "--annotate 一次只处理一个 .docx 文件（给出了 {} 个路径）",
            lint.paths.len()
        ));
    };
    let is_docx = input
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("docx"));
    if !is_docx || cwd.join(&input).is_dir() {
        return Err(miette!(
            code = "guifan::usage",
            help = "--annotate 把问题写成 Word 批注，只适用于 .docx；其他格式请用 --format json 等报告",
            "--annotate 只适用于 Word 文档（.docx）：{} 不是 .docx 文件",
            paths::display(&input)
        ));
    }
    let out_abs = cwd.join(output);
    let same = match (
        std::fs::canonicalize(&out_abs),
        std::fs::canonicalize(cwd.join(&input)),
    ) {
        (Ok(a), Ok(b)) => a == b,
        _ => paths::normalize(&out_abs) == paths::normalize(&cwd.join(&input)),
    };
    if same {
        return Err(miette!(
            code = "guifan::usage",
            help = EXAMPLE,
            "-o 不能是输入文件本身：批注版另存为新文件，原文件不动"
        ));
    }
    Ok(Some(options::Annotate {
        all: which == args::AnnotateArg::All,
        output: out_abs,
        display: paths::display(output),
        revision: guifan::document::docx::Revision {
            author: "guifan".into(),
            date: chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        },
    }))
}

fn fix(args: FixArgs, cwd: &Path) -> ExitCode {
    if args.diff {
        let mut job = Job::new(Mode::Check { with_fixes: true }, OutputFormat::Diff);
        job.report = args.report.clone();
        return lint(&args.lint, cwd, job);
    }
    let mut job = Job::new(Mode::Fix, args.format.into());
    job.report = args.report.clone();
    job.show_fixes = args.show_fixes;
    job.track_changes = args
        .track_changes
        .then(|| guifan::document::docx::Revision {
            author: "guifan".into(),
            date: chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        });
    lint(&args.lint, cwd, job)
}

fn record_baseline(args: BaselineArgs, cwd: &Path) -> ExitCode {
    let mut job = Job::new(Mode::Check { with_fixes: false }, OutputFormat::Json);
    job.record = Some(&args.output);
    lint(&args.lint, cwd, job)
}

fn lint(opts: &LintOptions, cwd: &Path, mut job: Job<'_>) -> ExitCode {
    match lint_stages(opts, cwd, &mut job) {
        Ok(code) => code,
        Err(e) => fail(e),
    }
}

/// The stages of a `check`/`fix`/`baseline` run: validate, resolve the
/// configuration, find the inputs, run (the corpus pass first when one of
/// its rules is on), report.
fn lint_stages(opts: &LintOptions, cwd: &Path, job: &mut Job<'_>) -> Result<ExitCode, Report> {
    let mode = job.mode;
    let format = job.format;
    set_color(opts.color);
    let statistics = job.report.statistics;
    if statistics
        && !matches!(
            format,
            OutputFormat::Human | OutputFormat::Concise | OutputFormat::Json
        )
    {
        return Err(miette!(
            code = "guifan::usage",
            help = "--statistics 与 --format human、concise 或 json 一起使用",
            "--statistics 不能与此输出格式一起使用"
        ));
    }
    let config = config::resolve(&opts.rules, cwd)?;
    let (paths, reads_stdin) = input_paths(opts, mode)?;
    let (filters, baseline_filter) = filters(job, &paths, cwd)?;
    let stdin = if reads_stdin {
        Some(read_stdin(opts)?)
    } else {
        None
    };
    let inputs = collect_inputs(opts, &paths, cwd, &config, mode);
    let mut run_opts = run_options(opts, job, &config, filters);
    // The corpus-wide pass (stage 1 over every input) runs only when one of
    // its rules is selected, and only when checking.
    if matches!(mode, Mode::Check { .. }) {
        run_opts.corpus = corpus::run(&inputs, stdin.as_deref(), &config, &run_opts);
    }
    if let Some(file) = job.record {
        return record(
            opts,
            cwd,
            file,
            &inputs,
            stdin.as_deref(),
            &config,
            &run_opts,
        );
    }
    let run = Run {
        inputs: &inputs,
        stdin: stdin.as_deref(),
        config: &config,
        options: &run_opts,
        fixed_to_stdout: mode == Mode::Fix && reads_stdin,
    };
    let mut exit = report(opts, cwd, job, &run)?;
    if let Some(f) = &baseline_filter
        && !opts.quiet
        && let Some(note) = f.summary().as_ref().and_then(baseline::stale_note)
    {
        let _ = writeln!(io::stderr(), "{note}");
    }
    if exit == 1 && job.report.exit_zero {
        exit = 0;
    }
    Ok(ExitCode::from(exit))
}

/// The paths to check (stdin named `-`), and whether stdin is among them.
fn input_paths(opts: &LintOptions, mode: Mode) -> Result<(Vec<PathBuf>, bool), Report> {
    // Without paths, `--stdin-filename` means stdin (as in ruff: editors
    // pipe the buffer and name it); otherwise the current folder.
    let paths: Vec<PathBuf> = if opts.paths.is_empty() && opts.stdin_filename.is_some() {
        vec![PathBuf::from("-")]
    } else if opts.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        opts.paths.clone()
    };
    let reads_stdin = paths.iter().any(|p| p.as_os_str() == "-");
    if reads_stdin && mode == Mode::Fix && paths.len() > 1 {
        return Err(miette!(
            code = "guifan::usage",
            help = "分开运行：`guifan fix -` 把修复后的文本写到标准输出",
            "`guifan fix -`（标准输入）不能与其他路径一起使用"
        ));
    }
    if opts.stdin_filename.is_some() && !reads_stdin && !opts.quiet {
        let _ = writeln!(
            io::stderr(),
            "警告：未读取标准输入（路径中没有 `-`），--stdin-filename 被忽略"
        );
    }
    Ok((paths, reads_stdin))
}

/// The filters of a run, and the baseline's among them.
type Filters = (
    Vec<std::sync::Arc<dyn options::Filter>>,
    Option<std::sync::Arc<baseline::BaselineFilter>>,
);

/// The filters between checking and reporting: `--baseline` (also
/// returned, for its note on stale entries) and `--changed-since`.
fn filters(job: &Job<'_>, paths: &[PathBuf], cwd: &Path) -> Result<Filters, Report> {
    let mut filters: Vec<std::sync::Arc<dyn options::Filter>> = Vec::new();
    let mut baseline_filter = None;
    if let Some(file) = job.baseline {
        let b = baseline::read(&cwd.join(file))?;
        let f = std::sync::Arc::new(baseline::BaselineFilter::new(file, b, cwd));
        baseline_filter = Some(f.clone());
        filters.push(f);
    }
    if let Some(rev) = job.changed_since {
        filters.push(std::sync::Arc::new(changed::Changed::since(
            rev, paths, cwd,
        )?));
    }
    Ok((filters, baseline_filter))
}

/// All of stdin, within `--max-file-size`.
fn read_stdin(opts: &LintOptions) -> Result<Vec<u8>, Report> {
    match read::read_bounded(io::stdin().lock(), opts.max_file_size, 0) {
        Ok(Some(buf)) => Ok(buf),
        Ok(None) => Err(miette!(
            code = "guifan::input",
            help = "用 --max-file-size 调高上限",
            "标准输入超过 --max-file-size {}，未检查",
            read::show_size(opts.max_file_size)
        )),
        Err(e) => Err(miette!("无法读取标准输入：{e}")),
    }
}

/// The files under `paths`, with warnings for what was skipped; before a
/// fix, leftovers of interrupted runs are cleared.
fn collect_inputs(
    opts: &LintOptions,
    paths: &[PathBuf],
    cwd: &Path,
    config: &config::Resolved,
    mode: Mode,
) -> Vec<walk::Input> {
    let walk_opts = walk::WalkOptions {
        force_exclude: opts.force_exclude,
        no_ignore: opts.no_ignore,
        hidden: opts.hidden,
        stdin_filename: opts.stdin_filename.as_deref(),
    };
    let walk::Collected {
        inputs,
        empty_dirs,
        skipped,
    } = walk::collect(paths, cwd, &walk_opts, config);
    let inputs = if mode == Mode::Fix {
        walk::one_name_per_file(inputs)
    } else {
        inputs
    };
    if !opts.quiet {
        for (path, why) in &skipped {
            let _ = writeln!(io::stderr(), "警告：跳过 {path}：{why}");
        }
        for d in &empty_dirs {
            let _ = writeln!(
                io::stderr(),
                "警告：{d} 中没有可检查的文件（.txt .md .markdown .html .htm .docx）"
            );
        }
        if inputs.is_empty() && empty_dirs.is_empty() {
            let _ = writeln!(io::stderr(), "警告：没有可检查的文件");
        }
    }

    if mode == Mode::Fix {
        remove_leftovers(&inputs, opts.quiet);
    }
    inputs
}

/// What each file's run is asked to do.
fn run_options(
    opts: &LintOptions,
    job: &mut Job<'_>,
    config: &config::Resolved,
    filters: Vec<std::sync::Arc<dyn options::Filter>>,
) -> RunOptions {
    let (mode, format, statistics) = (job.mode, job.format, job.report.statistics);
    let applicability = if opts.unsafe_fixes {
        Applicability::Unsafe
    } else {
        Applicability::Safe
    };
    let fail_on = opts
        .fail_on
        .map(Severity::from)
        .or(config.fail_on)
        .unwrap_or(Severity::Error);
    let threads = opts
        .threads
        .map(usize::from)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    RunOptions {
        mode,
        track_changes: job.track_changes.clone(),
        annotate: job.annotate.take(),
        applicability,
        min_severity: opts
            .min_severity
            .map(Severity::from)
            .unwrap_or(Severity::Info),
        fail_on,
        input_format: opts.input_format.map(Into::into),
        as_of: opts.as_of.or(config.as_of),
        today: chrono::Local::now().date_naive(),
        show_date: opts.show_date,
        date_lines: match format {
            _ if job.record.is_some() => options::DateLines::Stderr,
            OutputFormat::Human | OutputFormat::Concise => options::DateLines::Inline,
            OutputFormat::Json => options::DateLines::Omit,
            _ => options::DateLines::Stderr,
        },
        threads,
        max_file_size: opts.max_file_size,
        quiet: opts.quiet,
        human_report: match format {
            OutputFormat::Human | OutputFormat::Concise => job.record.is_none(),
            OutputFormat::Json => false,
            _ => statistics,
        },
        corpus: None,
        show_fixes: job.show_fixes,
        filters,
    }
}

/// `guifan baseline`: record the findings, write the file, exit 0 (2 when
/// a file could not be checked).
fn record(
    opts: &LintOptions,
    cwd: &Path,
    file: &Path,
    inputs: &[walk::Input],
    stdin: Option<&[u8]>,
    config: &config::Resolved,
    run_opts: &RunOptions,
) -> Result<ExitCode, Report> {
    let mut recorder = baseline::Recorder::new(file, cwd);
    let result = check::run(
        inputs,
        stdin,
        config,
        run_opts,
        &mut recorder,
        &mut io::sink(),
        &mut io::sink(),
    );
    let (findings, files) = (recorder.findings, recorder.failed.len());
    let recorded = recorder.into_file();
    baseline::write(&cwd.join(file), &recorded)?;
    if !opts.quiet {
        let _ = writeln!(
            io::stderr(),
            "已把 {} 个文件中的 {findings} 个问题记录到基线 {}",
            recorded.files.len(),
            paths::display(file)
        );
        if files > 0 {
            let _ = writeln!(
                io::stderr(),
                "警告：{files} 个文件无法检查，未记入基线（原因见上）"
            );
        }
    }
    Ok(ExitCode::from(if result.exit == 2 { 2 } else { 0 }))
}

/// One run's inputs and options.
struct Run<'a> {
    inputs: &'a [walk::Input],
    stdin: Option<&'a [u8]>,
    config: &'a config::Resolved,
    options: &'a RunOptions,
    /// `guifan fix -`: the fixed text takes stdout, the report goes to stderr.
    fixed_to_stdout: bool,
}

/// Run and report: to --output-file (a temporary file renamed at the end)
/// or stdout (stderr when the fixed text takes stdout). The exit code.
fn report(opts: &LintOptions, cwd: &Path, job: &Job<'_>, run: &Run<'_>) -> Result<u8, Report> {
    let format = job.format;
    let statistics = job.report.statistics;
    let to_file = job.report.output_file.is_some();
    let report_opts = ReportOptions {
        color: use_color_for(opts.color, to_file, format),
        unsafe_fixes: opts.unsafe_fixes,
        width: output::width(to_file),
        // The JSON `files` array keeps a few facts per file until the end:
        // asked for with --show-date, so plain runs stay flat in memory.
        show_files: opts.show_date,
        quiet: opts.quiet,
        step_summary: (format == OutputFormat::Github)
            .then(|| std::env::var_os("GITHUB_STEP_SUMMARY"))
            .flatten()
            .filter(|p| !p.is_empty())
            .map(PathBuf::from),
    };
    let rule_info: Vec<RuleInfo> = run
        .config
        .linter
        .rules()
        .iter()
        .filter(|r| r.enabled)
        .map(|r| RuleInfo {
            id: r.meta.id.clone(),
            summary: r.meta.summary.clone(),
            severity: r.severity,
            source: r.meta.source.clone(),
            description: r.meta.description.clone(),
        })
        .collect();
    let mut rep = if statistics {
        guifan::report::statistics_reporter(&report_opts, &rule_info, format == OutputFormat::Json)
    } else {
        reporter(format, &report_opts, &rule_info)
    };

    // The report goes to --output-file (a temporary file renamed at the
    // end), or stdout; for `guifan fix -` the fixed text takes stdout and
    // the report goes to stderr.
    let mut report_file = match &job.report.output_file {
        Some(p) => match output::temp_beside(&cwd.join(p)) {
            Ok(t) => Some(t),
            Err(e) => {
                return Err(miette!(
                    code = "guifan::io",
                    "无法写入输出文件 {}：{}",
                    p.display(),
                    read::io_message(&e)
                ));
            }
        },
        None => None,
    };
    let stdout = io::stdout();
    let stderr = io::stderr();
    let fixed_to_stdout = run.fixed_to_stdout;
    let result = {
        let mut fixed_out: Box<dyn Write> = if fixed_to_stdout {
            Box::new(io::BufWriter::new(stdout.lock()))
        } else {
            Box::new(io::sink())
        };
        let mut out: Box<dyn Write> = match &mut report_file {
            Some(t) => Box::new(io::BufWriter::new(t.as_file_mut())),
            None if fixed_to_stdout => Box::new(stderr.lock()),
            None => Box::new(io::BufWriter::new(stdout.lock())),
        };
        let r = check::run(
            run.inputs,
            run.stdin,
            run.config,
            run.options,
            rep.as_mut(),
            &mut out,
            &mut fixed_out,
        );
        let flushed = out.flush();
        (r, flushed)
    };
    let (result, flushed) = result;
    let mut exit = result.exit;
    if let (Some(t), Some(p)) = (report_file, &job.report.output_file) {
        let persisted = flushed
            .and_then(|()| t.as_file().sync_all())
            .and_then(|()| t.persist(cwd.join(p)).map(|_| ()).map_err(|e| e.error));
        if let Err(e) = persisted {
            let _ = writeln!(
                io::stderr(),
                "错误：无法写入输出文件 {}：{}",
                p.display(),
                read::io_message(&e)
            );
            exit = 2;
        }
    }
    Ok(exit)
}

/// Colours for `format`: only the human and concise formats have any.
fn use_color_for(color: ColorArg, to_file: bool, format: OutputFormat) -> bool {
    matches!(
        format,
        OutputFormat::Human | OutputFormat::Concise | OutputFormat::Diff
    ) && output::use_color(color, to_file)
}
