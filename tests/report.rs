//! The reporters (README, "Output formats"): every format snapshotted, plus exactness tests —
//! JSON fields and columns, GitHub escaping, diffs of CRLF files and files
//! without a final newline, SARIF structure, the human format's underline
//! under full-width text, and streaming.

use guifan::document::{DateSource, DocumentDate, LineIndex};
use guifan::report::{self, FileReport, OutputFormat, ReportOptions, Reporter, RuleInfo, Summary};
use guifan::{Applicability, Diagnostic, Document, DocumentOptions, Edit, Fix, Format, Linter};
use guifan::{Severity, Span};
use serde_json::Value;
use std::io::{self, Write};
use std::sync::LazyLock;
use unicode_width::UnicodeWidthStr;

mod support;

/// The reporters are tested on the punctuation family only, so that rules
/// added to other families do not change these snapshots.
static LINTER: LazyLock<Linter> = LazyLock::new(|| {
    let sets = guifan::ruleset::builtin_rule_sets().expect("built-in rule sets");
    let settings = guifan::Settings {
        select: Some(vec!["punctuation".into()]),
        ..guifan::Settings::default()
    };
    Linter::new(&sets, &settings).expect("linter")
});

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap()
}

/// One file as a reporter sees it: text, diagnostics, fixed text.
struct Checked {
    path: String,
    source: String,
    lines: LineIndex,
    diagnostics: Vec<Diagnostic>,
    date: Option<DocumentDate>,
    fixed: Option<String>,
    error: Option<String>,
}

/// Check `text` with the default rules, as `guifan check` would.
fn check(path: &str, text: &str) -> Checked {
    let format = Format::from_path(std::path::Path::new(path));
    let options = DocumentOptions::new(format, today());
    let doc = Document::new(text.to_string(), &options);
    let diagnostics = LINTER.check(&doc);
    let fixed = LINTER.fix(text, &options, Applicability::Safe).text;
    Checked {
        path: path.to_string(),
        source: text.to_string(),
        lines: LineIndex::new(text),
        diagnostics,
        date: Some(*doc.date()),
        fixed: (fixed != text).then_some(fixed),
        error: None,
    }
}

/// A file with hand-made diagnostics.
fn manual(path: &str, text: &str, diagnostics: Vec<Diagnostic>) -> Checked {
    Checked {
        path: path.to_string(),
        source: text.to_string(),
        lines: LineIndex::new(text),
        diagnostics,
        date: None,
        fixed: None,
        error: None,
    }
}

/// A file that could not be checked.
fn unreadable(path: &str, error: &str) -> Checked {
    Checked {
        error: Some(error.to_string()),
        ..manual(path, "", vec![])
    }
}

fn diag(rule: &str, severity: Severity, message: &str, span: Span) -> Diagnostic {
    Diagnostic {
        rule: rule.to_string(),
        severity,
        message: message.to_string(),
        help: None,
        span,
        fix: None,
    }
}

/// The span of the `n`th (0-based) occurrence of `needle` in `text`.
fn find(text: &str, needle: &str, n: usize) -> Span {
    let start = text
        .match_indices(needle)
        .nth(n)
        .unwrap_or_else(|| panic!("{needle:?} #{n} not in {text:?}"))
        .0;
    Span::new(start, start + needle.len())
}

impl Checked {
    fn report(&self) -> FileReport<'_> {
        FileReport {
            path: &self.path,
            source: &self.source,
            lines: &self.lines,
            diagnostics: &self.diagnostics,
            date: self.date,
            error: self.error.clone(),
            fixed: self.fixed.as_deref(),
            view: None,
            chars: None,
        }
    }
}

fn rules() -> Vec<RuleInfo> {
    LINTER
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
        .collect()
}

fn summary_of(files: &[Checked]) -> Summary {
    let mut summary = Summary::default();
    for f in files {
        // As the CLI counts: a file that could not be checked is not checked.
        if f.error.is_some() {
            summary.files_failed += 1;
        } else {
            summary.files_checked += 1;
        }
        summary.add(&f.diagnostics);
    }
    summary
}

fn render(format: OutputFormat, options: &ReportOptions, files: &[Checked]) -> String {
    let summary = summary_of(files);
    let mut reporter = report::reporter(format, options, &rules());
    let mut out: Vec<u8> = Vec::new();
    reporter.start(&mut out).unwrap();
    for f in files {
        reporter.file(&mut out, &f.report()).unwrap();
    }
    reporter.finish(&mut out, &summary).unwrap();
    String::from_utf8(out).unwrap()
}

fn plain() -> ReportOptions {
    ReportOptions::default()
}

/// The sample every format is snapshotted on: CJK, a CRLF Markdown file, a
/// file with no final newline, an unreadable file, a clean file.
fn sample() -> Vec<Checked> {
    vec![
        check(
            "docs/a.txt",
            "标题\n发布时间:2023-04-03 10:49\n会议指出,要深入学习。\n第二段:好!\n",
        ),
        check("docs/b.md", "# 标题\r\n\r\n她说:“听完分享,我很受触动!”\r\n"),
        check("docs/c.txt", "没有结尾换行,对吧"),
        unreadable("docs/d.txt", "不是 UTF-8 编码（可能是 GBK）"),
        check("docs/e.txt", "干净的文本。\n"),
    ]
}

// ---------------------------------------------------------------- snapshots

#[test]
fn snapshot_human() {
    insta::assert_snapshot!(render(OutputFormat::Human, &plain(), &sample()));
}

#[test]
fn snapshot_json() {
    insta::assert_snapshot!(render(OutputFormat::Json, &plain(), &sample()));
}

#[test]
fn snapshot_json_with_files() {
    let options = ReportOptions {
        show_files: true,
        ..plain()
    };
    insta::assert_snapshot!(render(OutputFormat::Json, &options, &sample()));
}

#[test]
fn snapshot_sarif() {
    insta::assert_snapshot!(render(OutputFormat::Sarif, &plain(), &sample()));
}

#[test]
fn snapshot_github() {
    insta::assert_snapshot!(render(OutputFormat::Github, &plain(), &sample()));
}

#[test]
fn snapshot_diff() {
    insta::assert_snapshot!(render(OutputFormat::Diff, &plain(), &sample()));
}

// --------------------------------------------------------------------- JSON

const SPEC_KEYS: [&str; 11] = [
    "path",
    "rule",
    "severity",
    "message",
    "start",
    "end",
    "line",
    "column",
    "end_line",
    "end_column",
    "fix",
];

#[test]
fn json_fields_are_exact_on_cjk_and_crlf() {
    // Line 2 of a CRLF file: "中文,中文" — the comma is byte 14 ("标题" is 6
    // bytes, CRLF 2, "中文" 6) but column 3 (two characters before it).
    let text = "标题\r\n中文,中文\r\n第三行:结束\r\n";
    let file = check("dir/crlf.txt", text);
    let out = render(OutputFormat::Json, &plain(), &[file]);
    let v: Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(v["version"], 1);
    assert_eq!(v["files_checked"], 1);
    let ds = v["diagnostics"].as_array().unwrap();
    assert_eq!(ds.len(), 2, "{out}");

    let comma = text.find(',').unwrap();
    assert_eq!(comma, 14);
    let d = &ds[0];
    assert_eq!(d["path"], "dir/crlf.txt");
    assert_eq!(d["rule"], "punctuation/halfwidth-in-cjk");
    assert_eq!(d["severity"], "error");
    assert!(d["message"].as_str().unwrap().contains('，'));
    assert_eq!(d["start"], 14);
    assert_eq!(d["end"], 15);
    assert_eq!(d["line"], 2);
    assert_eq!(d["column"], 3, "columns count characters, not bytes");
    assert_eq!(d["end_line"], 2);
    assert_eq!(d["end_column"], 4);
    assert_eq!(d["fix"]["applicability"], "safe");
    assert_eq!(
        d["fix"]["edits"],
        serde_json::json!([{ "start": 14, "end": 15, "replacement": "，" }])
    );

    let colon = text.find(':').unwrap();
    let d = &ds[1];
    assert_eq!(d["start"], colon);
    assert_eq!(d["end"], colon + 1);
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(3), Some(4))
    );
    assert_eq!(
        (d["end_line"].as_u64(), d["end_column"].as_u64()),
        (Some(3), Some(5))
    );

    // Key order as the README documents it, then `help`.
    let first_line = out.lines().nth(1).unwrap();
    let positions: Vec<usize> = SPEC_KEYS
        .iter()
        .chain(["help"].iter())
        .map(|k| {
            first_line
                .find(&format!("\"{k}\":"))
                .unwrap_or_else(|| panic!("no key {k}"))
        })
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{first_line}");
}

#[test]
fn json_unfixable_and_multi_line_and_empty_spans() {
    let text = "第一行\n第二行\n";
    let mut d1 = diag(
        "boilerplate/repeated-paragraph",
        Severity::Warning,
        "重复",
        Span::new(0, text.len()),
    );
    d1.help = Some("删掉一段".into());
    let d2 = Diagnostic {
        fix: Some(Fix::unsafe_(vec![Edit::insert(3, "，")])),
        ..diag("punctuation/x", Severity::Info, "插入", Span::empty(3))
    };
    let out = render(
        OutputFormat::Json,
        &plain(),
        &[manual("m.txt", text, vec![d1, d2])],
    );
    let v: Value = serde_json::from_str(&out).unwrap();
    let a = &v["diagnostics"][0];
    assert_eq!(a["fix"], Value::Null);
    assert_eq!(a["help"], "删掉一段");
    assert_eq!(a["severity"], "warning");
    // The exclusive end after the final line break is line 3, column 1.
    assert_eq!(
        (a["line"].as_u64(), a["column"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(
        (a["end_line"].as_u64(), a["end_column"].as_u64()),
        (Some(3), Some(1))
    );
    let b = &v["diagnostics"][1];
    assert_eq!(b["severity"], "info");
    assert_eq!(b["help"], Value::Null);
    assert_eq!(b["fix"]["applicability"], "unsafe");
    assert_eq!(b["start"], 3);
    assert_eq!(b["end"], 3);
    assert_eq!(
        (b["column"].as_u64(), b["end_column"].as_u64()),
        (Some(2), Some(2))
    );
}

#[test]
fn json_is_valid_with_zero_files() {
    for show_files in [false, true] {
        let options = ReportOptions {
            show_files,
            ..plain()
        };
        let out = render(OutputFormat::Json, &options, &[]);
        let v: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
        assert_eq!(v["version"], 1);
        assert_eq!(v["files_checked"], 0);
        assert_eq!(v["diagnostics"], serde_json::json!([]));
        assert_eq!(v.get("files").is_some(), show_files);
        // Without start(): still a whole object.
        let mut r = report::reporter(OutputFormat::Json, &options, &[]);
        let mut buf = Vec::new();
        r.finish(&mut buf, &Summary::default()).unwrap();
        let again: Value = serde_json::from_slice(&buf).unwrap();
        assert_eq!(again, v);
    }
}

#[test]
fn json_files_array_carries_dates_and_errors() {
    let options = ReportOptions {
        show_files: true,
        ..plain()
    };
    let mut as_of = manual("as-of.txt", "正文。\n", vec![]);
    as_of.date = Some(DocumentDate {
        date: chrono::NaiveDate::from_ymd_opt(2022, 11, 12).unwrap(),
        source: DateSource::AsOf,
        span: None,
    });
    let files = [
        check("meta.txt", "标题\n发布时间：2023-04-03 10:49\n正文。\n"),
        check("today.txt", "正文。\n"),
        as_of,
        unreadable("bad.txt", "不是 UTF-8 编码"),
    ];
    let out = render(OutputFormat::Json, &options, &files);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["files_checked"], 4);
    assert_eq!(v["files_failed"], 1);
    assert_eq!(
        v["file_errors"],
        serde_json::json!([{ "path": "bad.txt", "error": "不是 UTF-8 编码" }])
    );
    assert_eq!(
        v["files"],
        serde_json::json!([
            { "path": "meta.txt", "date": "2023-04-03", "date_source": "metadata", "date_known": true, "error": null },
            { "path": "today.txt", "date": "2024-01-01", "date_source": "today", "date_known": false, "error": null },
            { "path": "as-of.txt", "date": "2022-11-12", "date_source": "as-of", "date_known": true, "error": null },
            { "path": "bad.txt", "date": null, "date_source": null, "error": "不是 UTF-8 编码" },
        ])
    );
}

/// A sink that counts bytes and remembers how many had been written at
/// each mark, without keeping them.
#[derive(Default)]
struct CountingSink {
    bytes: usize,
    newlines: usize,
}

impl Write for CountingSink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.bytes += buf.len();
        self.newlines += buf.iter().filter(|&&b| b == b'\n').count();
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[test]
fn json_and_sarif_stream_without_accumulating() {
    let empty = manual("empty.txt", "", vec![]);
    let text = "会议指出,要深入学习。\n";
    let one = manual(
        "one.txt",
        text,
        vec![Diagnostic {
            fix: Some(Fix::replace(Applicability::Safe, find(text, ",", 0), "，")),
            ..diag(
                "punctuation/halfwidth-in-cjk",
                Severity::Error,
                "半角",
                find(text, ",", 0),
            )
        }],
    );
    for format in [OutputFormat::Json, OutputFormat::Sarif] {
        let mut reporter = report::reporter(format, &plain(), &rules());
        let mut sink = CountingSink::default();
        reporter.start(&mut sink).unwrap();
        let mut summary = Summary::default();
        // 10,000 files without findings write nothing at all.
        let after_start = sink.bytes;
        for _ in 0..10_000 {
            reporter.file(&mut sink, &empty.report()).unwrap();
            summary.files_checked += 1;
        }
        assert_eq!(
            sink.bytes, after_start,
            "{format:?}: empty files wrote output"
        );
        // 10,000 findings: each is written during its file's call (one line each).
        let mut per_file = None;
        for _ in 0..10_000 {
            let before = (sink.bytes, sink.newlines);
            reporter.file(&mut sink, &one.report()).unwrap();
            summary.files_checked += 1;
            summary.add(&one.diagnostics);
            let written = sink.bytes - before.0;
            assert_eq!(sink.newlines - before.1, 1, "one line per finding");
            match per_file {
                None => per_file = Some(written),
                // Constant per finding (the first lacks the comma).
                Some(n) => assert!(written == n || written == n + 1, "{written} vs {n}"),
            }
        }
        // The closing is small and does not grow with the number of files.
        let before = sink.bytes;
        reporter.finish(&mut sink, &summary).unwrap();
        assert!(
            sink.bytes - before < 200,
            "{format:?}: tail of {} bytes",
            sink.bytes - before
        );
    }
}

#[test]
fn json_streams_each_file_as_it_comes() {
    let files = sample();
    let mut reporter = report::reporter(OutputFormat::Json, &plain(), &[]);
    let mut out = Vec::new();
    reporter.start(&mut out).unwrap();
    for f in &files {
        let before = out.len();
        reporter.file(&mut out, &f.report()).unwrap();
        let written = String::from_utf8(out[before..].to_vec()).unwrap();
        assert_eq!(
            written.matches("\"rule\":").count(),
            f.diagnostics.len(),
            "{}",
            f.path
        );
    }
}

// ------------------------------------------------------------------- GitHub

#[test]
fn github_escapes_properties_and_data() {
    let text = "100%完成\n";
    let d = diag(
        "names/odd:rule,x",
        Severity::Warning,
        "第一行 50%\r\n第二行: a,b",
        Span::new(0, 3),
    );
    let info = diag("dates/style", Severity::Info, "提示", Span::new(3, 6));
    let file = manual("dir/a,b:c%d.txt", text, vec![d, info]);
    let out = render(OutputFormat::Github, &plain(), &[file]);
    assert_eq!(
        out,
        "::warning file=dir/a%2Cb%3Ac%25d.txt,line=1,col=1,endLine=1,endColumn=4,\
         title=names/odd%3Arule%2Cx::第一行 50%25%0D%0A第二行: a,b\n\
         ::notice file=dir/a%2Cb%3Ac%25d.txt,line=1,col=4,endLine=1,endColumn=5,\
         title=dates/style::提示\n"
    );
}

#[test]
fn github_reports_unreadable_files_and_cjk_columns() {
    let files = [
        unreadable("bad.txt", "无法读取：权限不足\n"),
        check("good.txt", "标题\n中文中文中文,继续\n"),
    ];
    let out = render(OutputFormat::Github, &plain(), &files);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "::error file=bad.txt,title=guifan::无法读取：权限不足%0A"
    );
    assert!(
        lines[1].starts_with("::error file=good.txt,line=2,col=7,endLine=2,endColumn=8,"),
        "{}",
        lines[1]
    );
    assert_eq!(lines.len(), 2);
}

// --------------------------------------------------------------------- diff

/// Apply a unified diff (as written by the diff reporter, one file) to `old`.
fn apply_unified(old: &str, diff: &str) -> String {
    let old_lines: Vec<&str> = old.split_inclusive('\n').collect();
    let mut out = String::new();
    let mut next_old = 0usize; // 0-based index of the next old line to copy
    let mut last_pushed_from_new = false;
    let mut lines = diff.split_inclusive('\n').peekable();
    assert!(lines.next().unwrap().starts_with("--- a/"));
    assert!(lines.next().unwrap().starts_with("+++ b/"));
    while let Some(line) = lines.next() {
        if let Some(header) = line.strip_prefix("@@ -") {
            let old_start: usize = header.split([',', ' ']).next().unwrap().parse().unwrap();
            let first = old_start.saturating_sub(1);
            while next_old < first {
                out.push_str(old_lines[next_old]);
                next_old += 1;
            }
            continue;
        }
        if line.starts_with("\\ No newline at end of file") {
            // The previous line had a newline added for the diff's sake.
            if last_pushed_from_new {
                assert_eq!(out.pop(), Some('\n'));
            }
            continue;
        }
        let (sign, content) = line.split_at(1);
        match sign {
            " " => {
                let has_hint = lines.peek().is_some_and(|l| l.starts_with("\\ No newline"));
                let expected = old_lines[next_old];
                if has_hint {
                    assert_eq!(format!("{expected}\n"), content);
                } else {
                    assert_eq!(expected, content);
                }
                out.push_str(content);
                next_old += 1;
                last_pushed_from_new = true;
            }
            "-" => {
                let has_hint = lines.peek().is_some_and(|l| l.starts_with("\\ No newline"));
                let expected = old_lines[next_old];
                if has_hint {
                    assert_eq!(format!("{expected}\n"), content);
                } else {
                    assert_eq!(expected, content);
                }
                next_old += 1;
                last_pushed_from_new = false;
            }
            "+" => {
                out.push_str(content);
                last_pushed_from_new = true;
            }
            other => panic!("unexpected diff line {other:?}{content:?}"),
        }
    }
    for rest in &old_lines[next_old..] {
        out.push_str(rest);
    }
    out
}

fn diff_of(path: &str, old: &str, new: &str) -> String {
    let mut file = manual(path, old, vec![]);
    file.fixed = Some(new.to_string());
    render(OutputFormat::Diff, &plain(), &[file])
}

#[test]
fn diff_keeps_crlf_line_endings() {
    let old = "标题\r\n会议指出,要深入学习。\r\n结尾。\r\n";
    let new = "标题\r\n会议指出，要深入学习。\r\n结尾。\r\n";
    let out = diff_of("crlf.txt", old, new);
    assert_eq!(
        out,
        "--- a/crlf.txt\n+++ b/crlf.txt\n@@ -1,3 +1,3 @@\n 标题\r\n-会议指出,要深入学习。\r\n\
         +会议指出，要深入学习。\r\n 结尾。\r\n"
    );
    assert_eq!(apply_unified(old, &out), new);
}

#[test]
fn diff_marks_missing_final_newline() {
    let old = "第一行\n会议指出,要深入学习。";
    let new = "第一行\n会议指出，要深入学习。";
    let out = diff_of("nonl.txt", old, new);
    assert_eq!(
        out,
        "--- a/nonl.txt\n+++ b/nonl.txt\n@@ -1,2 +1,2 @@\n 第一行\n-会议指出,要深入学习。\n\
         \\ No newline at end of file\n+会议指出，要深入学习。\n\\ No newline at end of file\n"
    );
    assert_eq!(apply_unified(old, &out), new);

    // A final newline added by a fix: only the old side has the marker.
    let out = diff_of("add.txt", "甲,乙", "甲，乙\n");
    assert_eq!(
        out,
        "--- a/add.txt\n+++ b/add.txt\n@@ -1 +1 @@\n-甲,乙\n\\ No newline at end of file\n+甲，乙\n"
    );
    assert_eq!(apply_unified("甲,乙", &out), "甲，乙\n");
}

#[test]
fn diff_hunks_apply_on_longer_files() {
    let mut old = String::new();
    for i in 0..40 {
        old.push_str(&format!("第{i}行,内容。\r\n"));
    }
    let file = check("long.txt", &old);
    let fixed = file.fixed.clone().expect("something to fix");
    let out = render(OutputFormat::Diff, &plain(), &[file]);
    assert_eq!(apply_unified(&old, &out), fixed);
    assert!(out.contains("\r\n"));
}

#[test]
fn diff_skips_unchanged_and_unreadable_files_and_colours_without_eating_crlf() {
    let mut same = manual("same.txt", "文本\n", vec![]);
    same.fixed = Some("文本\n".into());
    let none = manual("none.txt", "文本,\n", vec![]);
    let mut bad = unreadable("bad.txt", "x");
    bad.fixed = Some("y".into());
    assert_eq!(render(OutputFormat::Diff, &plain(), &[same, none, bad]), "");

    let mut f = manual("c.txt", "甲,乙\r\n", vec![]);
    f.fixed = Some("甲，乙\r\n".into());
    let options = ReportOptions {
        color: true,
        ..plain()
    };
    let out = render(OutputFormat::Diff, &options, &[f]);
    assert!(out.contains("\x1b[31m-甲,乙\x1b[0m\r\n"), "{out:?}");
    assert!(out.contains("\x1b[32m+甲，乙\x1b[0m\r\n"), "{out:?}");
}

// -------------------------------------------------------------------- SARIF

#[test]
fn sarif_has_the_required_structure() {
    let files = sample();
    let out = render(OutputFormat::Sarif, &plain(), &files);
    let v: Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(v["version"], "2.1.0");
    assert!(v["$schema"].as_str().unwrap().contains("sarif-2.1.0"));
    let runs = v["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let run = &runs[0];
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "guifan");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    let rules = driver["rules"].as_array().unwrap();
    assert_eq!(rules.len(), self::rules().len());
    for rule in rules {
        assert!(rule["id"].as_str().unwrap().contains('/'));
        assert!(
            !rule["shortDescription"]["text"]
                .as_str()
                .unwrap()
                .is_empty()
        );
        assert!(matches!(
            rule["defaultConfiguration"]["level"].as_str(),
            Some("error" | "warning" | "note")
        ));
        assert!(rule["help"]["text"].is_string());
    }
    let results = run["results"].as_array().unwrap();
    let expected: usize = files.iter().map(|f| f.diagnostics.len()).sum();
    assert_eq!(results.len(), expected);
    let all: Vec<(&Checked, &Diagnostic)> = files
        .iter()
        .flat_map(|f| f.diagnostics.iter().map(move |d| (f, d)))
        .collect();
    for (result, (file, d)) in results.iter().zip(all) {
        assert_eq!(result["ruleId"], d.rule.as_str());
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], d.rule.as_str());
        assert!(matches!(
            result["level"].as_str(),
            Some("error" | "warning" | "note")
        ));
        assert_eq!(result["message"]["text"], d.message.as_str());
        let loc = &result["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uri"], file.path.as_str());
        let region = &loc["region"];
        let start = file.lines.line_col(&file.source, d.span.start);
        let end = file.lines.line_col(&file.source, d.span.end);
        assert_eq!(region["startLine"], start.line);
        assert_eq!(region["startColumn"], start.column);
        assert_eq!(region["endLine"], end.line);
        assert_eq!(region["endColumn"], end.column);
        assert_eq!(region["byteOffset"], d.span.start);
        assert_eq!(region["byteLength"], d.span.len());
        // Fixes: applying the replacements gives the fix's text.
        let fix = d.fix.as_ref().unwrap();
        let change = &result["fixes"][0]["artifactChanges"][0];
        assert_eq!(change["artifactLocation"]["uri"], file.path.as_str());
        let reps = change["replacements"].as_array().unwrap();
        assert_eq!(reps.len(), fix.edits.len());
        for (rep, edit) in reps.iter().zip(&fix.edits) {
            assert_eq!(rep["deletedRegion"]["byteOffset"], edit.span.start);
            assert_eq!(rep["deletedRegion"]["byteLength"], edit.span.len());
            assert_eq!(rep["insertedContent"]["text"], edit.replacement.as_str());
        }
    }
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let notes = run["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(
        notes[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "docs/d.txt"
    );
    assert_eq!(run["invocations"][0]["executionSuccessful"], true);
}

#[test]
fn sarif_is_valid_with_zero_files_and_unknown_rules() {
    let out = render(OutputFormat::Sarif, &plain(), &[]);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["runs"][0]["results"], serde_json::json!([]));

    let text = "甲乙丙\n";
    let file = manual(
        "x.txt",
        text,
        vec![diag(
            "house/own-rule",
            Severity::Info,
            "自定义",
            Span::new(3, 6),
        )],
    );
    let out = render(OutputFormat::Sarif, &plain(), &[file]);
    let v: Value = serde_json::from_str(&out).unwrap();
    let r = &v["runs"][0]["results"][0];
    assert_eq!(r["level"], "note");
    assert!(r.get("ruleIndex").is_none());
    assert!(r.get("fixes").is_none());
    assert_eq!(
        r["locations"][0]["physicalLocation"]["region"]["startColumn"],
        2
    );
}

#[test]
fn sarif_uris_are_forward_slashed_and_percent_encoded() {
    use guifan::report::sarif::path_to_uri;
    assert_eq!(path_to_uri("docs\\a b.txt"), "docs/a%20b.txt");
    assert_eq!(
        path_to_uri("./新闻/稿.md"),
        "%E6%96%B0%E9%97%BB/%E7%A8%BF.md"
    );
    assert_eq!(path_to_uri("/srv/a#1.txt"), "file:///srv/a%231.txt");
    assert_eq!(path_to_uri("C:\\x\\y.txt"), "file:///C:/x/y.txt");
    assert_eq!(path_to_uri("a%b.txt"), "a%25b.txt");
}

// -------------------------------------------------------------------- human

/// Display width of a rendered line (miette's measure).
fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Render one diagnostic with the human reporter, without colour.
fn human(text: &str, diagnostics: Vec<Diagnostic>, options: &ReportOptions) -> String {
    render(
        OutputFormat::Human,
        options,
        &[manual("t.txt", text, diagnostics)],
    )
}

/// The rendered source line holding `needle` and the underline row below it.
fn underline_rows<'a>(out: &'a str, needle: &str) -> (&'a str, &'a str) {
    let lines: Vec<&str> = out.lines().collect();
    let i = lines
        .iter()
        .position(|l| l.contains(needle) && l.contains('│'))
        .unwrap_or_else(|| panic!("no source row with {needle:?} in\n{out}"));
    (lines[i], lines[i + 1])
}

/// Display column of the first underline character in an underline row.
fn marker_column(row: &str) -> usize {
    let after_gutter = row.find('·').expect("underline row") + '·'.len_utf8();
    let rest = &row[after_gutter..];
    let at = rest
        .find(['─', '┬', '▲'])
        .unwrap_or_else(|| panic!("no marker in {row:?}"));
    width(&row[..after_gutter]) + width(&rest[..at])
}

#[test]
fn human_underline_sits_under_full_width_text() {
    let cases = [
        // (line, the flagged text, occurrence)
        ("会议指出,要深入学习。", ",", 0),
        ("他说“好”,然后A股上涨,", ",", 1),
        ("全角ＡＢＣ，半角abc;继续", ";", 0),
        ("中文\t制表符,后面", ",", 0),
        ("前文「引号」与《书名》:冒号", ":", 0),
        ("第二十三届中国国际高新技术成果交易会", "高新技术", 0),
    ];
    for (line, needle, n) in cases {
        let text = format!("上一行\n{line}\n下一行\n");
        let span = find(&text, needle, n);
        let d = diag("punctuation/test", Severity::Error, "测试", span);
        let out = human(&text, vec![d], &plain());
        let (src_row, under_row) = underline_rows(&out, line.split('\t').next().unwrap());
        // The source row is " N │ <line>": the prefix before the flagged text,
        // as displayed (tabs expanded to the next multiple of 4).
        let bar = src_row.find('│').unwrap() + '│'.len_utf8() + 1;
        let shown = &src_row[bar..];
        let local = span.start - text.find(line).unwrap();
        let mut prefix_width = 0;
        for c in line[..local].chars() {
            prefix_width += if c == '\t' {
                4 - prefix_width % 4
            } else {
                unicode_width::UnicodeWidthChar::width(c).unwrap_or(0)
            };
        }
        assert_eq!(
            marker_column(under_row),
            width(&src_row[..bar]) + prefix_width,
            "underline misplaced for {line:?}:\n{out}"
        );
        // And the underline is as wide as the flagged text.
        let marks = under_row.chars().filter(|c| *c == '─').count();
        assert_eq!(marks, width(needle), "{line:?}:\n{out}");
        assert!(shown.contains(needle) || line.contains('\t'));
        // The header gives the character column.
        let col = line[..local].chars().count() + 1;
        assert!(out.contains(&format!("[t.txt:2:{col}]")), "{out}");
    }
}

#[test]
fn human_cuts_long_lines_around_the_span() {
    let mut line = String::new();
    for i in 0..300 {
        line.push_str(if i % 7 == 0 { "改革" } else { "中文" });
    }
    let text = format!("短行\n{line}结束,后文{line}\n尾行\n");
    let span = find(&text, ",", 0);
    let options = ReportOptions {
        width: Some(80),
        ..plain()
    };
    let out = human(
        &text,
        vec![diag("punctuation/test", Severity::Warning, "测试", span)],
        &options,
    );
    for l in out.lines() {
        assert!(width(l) <= 80, "line wider than 80: {l:?}\n{out}");
    }
    let (src_row, under_row) = underline_rows(&out, "结束,后文");
    assert!(src_row.contains("..."), "{src_row}");
    // The character above the marker is the comma.
    let col = marker_column(under_row);
    let mut w = 0;
    let above = src_row
        .chars()
        .find(|c| {
            let here = w;
            w += unicode_width::UnicodeWidthChar::width(*c).unwrap_or(0);
            here == col
        })
        .unwrap();
    assert_eq!(above, ',', "{out}");
    let column = text[text.find(&line).unwrap()..span.start].chars().count() + 1;
    assert!(out.contains(&format!("[t.txt:2:{column}]")), "{out}");
    // Short context lines are kept.
    assert!(out.contains("短行") && out.contains("尾行"), "{out}");
}

#[test]
fn human_handles_multi_line_empty_and_end_of_file_spans() {
    let text = "第一段第一句。\n第一段第二句。\n第三行\n第四行\n第五行\n第六行\n第七行";
    let ds = vec![
        diag(
            "boilerplate/repeated-paragraph",
            Severity::Warning,
            "重复的段落",
            Span::new(0, text.find("第三行").unwrap()),
        ),
        Diagnostic {
            fix: Some(Fix::safe(vec![Edit::insert(text.len(), "\n")])),
            ..diag(
                "punctuation/final-newline",
                Severity::Info,
                "文件末尾缺少换行",
                Span::empty(text.len()),
            )
        },
        diag(
            "boilerplate/long",
            Severity::Info,
            "跨越很多行",
            Span::new(text.find("第三行").unwrap(), text.len()),
        ),
    ];
    let out = human(text, ds, &plain());
    insta::assert_snapshot!(out);
}

#[test]
fn human_help_says_how_to_fix() {
    let text = "会议指出,要深入学习。\n";
    let comma = find(text, ",", 0);
    let safe = Diagnostic {
        fix: Some(Fix::replace(Applicability::Safe, comma, "，")),
        ..diag("a/b", Severity::Error, "半角逗号", comma)
    };
    let unsafe_ = Diagnostic {
        fix: Some(Fix::unsafe_(vec![Edit::delete(comma)])),
        ..diag("a/c", Severity::Warning, "多余逗号", comma)
    };
    let with_help = Diagnostic {
        help: Some("写成“要深入学习”".into()),
        fix: Some(Fix::unsafe_(vec![Edit::insert(0, "“")])),
        ..diag("a/d", Severity::Info, "提示", Span::empty(0))
    };
    let out = human(
        text,
        vec![safe.clone(), unsafe_.clone(), with_help.clone()],
        &plain(),
    );
    assert!(out.contains("help: 改为“，”（可自动修复）"), "{out}");
    assert!(out.contains("help: 删除“,”（可修复（--unsafe））"), "{out}");
    assert!(
        out.contains("help: 写成“要深入学习”（可修复（--unsafe））"),
        "{out}"
    );
    assert!(out.contains("错误[a/b]") && out.contains("警告[a/c]") && out.contains("提示[a/d]"));
    assert!(out.ends_with(
        "检查了 1 个文件：发现 3 个问题（错误 1，警告 1，提示 1），其中 1 个可用 guifan fix 自动修复，另有 2 个可用 --unsafe 修复\n"
    ), "{out}");

    let options = ReportOptions {
        unsafe_fixes: true,
        ..plain()
    };
    let out = human(text, vec![safe, unsafe_], &options);
    assert!(
        out.contains("删除“,”（可自动修复（不安全修复，请核对））"),
        "{out}"
    );
    assert!(
        out.contains("其中 2 个可用 guifan fix --unsafe 自动修复（含 1 个不安全修复，请核对）"),
        "{out}"
    );
}

#[test]
fn human_summary_and_file_errors() {
    let files = [
        unreadable("坏.txt", "不是 UTF-8 编码"),
        check("好.txt", "干净。\n"),
    ];
    let out = render(OutputFormat::Human, &plain(), &files);
    assert_eq!(
        out,
        "坏.txt: 错误：不是 UTF-8 编码\n\n检查了 1 个文件，没有发现问题\n另有 1 个文件无法处理，原因见上\n"
    );
    let out = render(OutputFormat::Human, &plain(), &files[..1]);
    assert_eq!(
        out,
        "坏.txt: 错误：不是 UTF-8 编码\n\n没有检查任何文件：1 个文件无法处理，原因见上\n"
    );
    let out = render(OutputFormat::Human, &plain(), &[]);
    assert_eq!(out, "检查了 0 个文件，没有发现问题\n");

    let summary = Summary {
        files_checked: 3,
        errors: 2,
        fixed: 5,
        files_fixed: 2,
        unsafe_fixable: 2,
        ..Summary::default()
    };
    assert_eq!(
        guifan::report::human::summary_lines(&summary, 0, false),
        [
            "已修复 5 个问题（2 个文件）",
            "检查了 3 个文件：发现 2 个问题（错误 2，警告 0，提示 0），其中 2 个可用 guifan fix --unsafe 修复",
        ]
    );
}

#[test]
fn human_colour_is_opt_in_and_control_characters_are_defused() {
    let text = "恶意\x1b[2J文本,继续\n";
    let d = diag(
        "punctuation/test",
        Severity::Error,
        "测试",
        find(text, ",", 0),
    );
    let out = human(text, vec![d.clone()], &plain());
    assert!(!out.contains('\x1b'), "{out:?}");
    assert!(out.contains("恶意?[2J文本,继续"), "{out}");
    let options = ReportOptions {
        color: true,
        ..plain()
    };
    let out = human(text, vec![d], &options);
    assert!(out.contains("\x1b["), "{out:?}");
    assert!(!out.contains("\x1b[2J"));
}

#[test]
#[ignore = "corpus: needs ../shared/corpus (or GUIFAN_SHARED); run with: cargo test --release -- --ignored"]
fn human_reports_on_real_text() {
    // Real prose (read at run time, never copied): the scraped articles and
    // the first 300 KB of the news transcripts (paragraph-long lines). Every
    // finding is rendered, its header gives its line and column, and no
    // output line is wider than the terminal.
    let corpus = support::shared_path("corpus");
    let mut texts: Vec<(String, String)> = Vec::new();
    let seeds = corpus.join("seeds");
    let mut paths: Vec<_> = std::fs::read_dir(&seeds)
        .unwrap_or_else(|e| panic!("{}: {e}", seeds.display()))
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no seeds in {}", seeds.display());
    for p in paths {
        let t = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        texts.push((p.display().to_string(), t));
    }
    let cctv = corpus.join("cctv-xwlb-2020-2026.txt");
    let bytes = std::fs::read(&cctv).unwrap_or_else(|e| panic!("{}: {e}", cctv.display()));
    let mut end = bytes.len().min(300_000);
    while end > 0 && end < bytes.len() && (bytes[end] & 0xC0) == 0x80 {
        end -= 1;
    }
    texts.push((
        "cctv.txt".into(),
        String::from_utf8(bytes[..end].to_vec()).unwrap(),
    ));
    let mut rendered = 0;
    for (path, text) in &texts {
        let file = check(path, text);
        let out = render(OutputFormat::Human, &plain(), std::slice::from_ref(&file));
        for d in &file.diagnostics {
            let at = file.lines.line_col(&file.source, d.span.start);
            assert!(
                out.contains(&format!(":{}:{}]", at.line, at.column)),
                "{path}: no header for {d:?}"
            );
        }
        for l in out.lines() {
            assert!(width(l) <= 100, "{path}: line too wide: {l}");
        }
        rendered += file.diagnostics.len();
    }
    eprintln!("rendered {rendered} findings from {} texts", texts.len());
}

#[test]
fn reporters_accept_every_format_name() {
    for name in ["human", "text", "json", "sarif", "github", "diff"] {
        let format: OutputFormat = name.parse().unwrap();
        let mut r: Box<dyn Reporter> = report::reporter(format, &plain(), &[]);
        let mut out = Vec::new();
        r.start(&mut out).unwrap();
        r.finish(&mut out, &Summary::default()).unwrap();
    }
    assert!("xml".parse::<OutputFormat>().is_err());
}

#[test]
fn human_handles_degenerate_positions() {
    let cases: [(&str, Span, &str); 5] = [
        // An empty file, an insertion at its start.
        ("", Span::empty(0), "[t.txt:1:1]"),
        // After the final line break.
        ("第一行\n", Span::empty("第一行\n".len()), "[t.txt:2:1]"),
        // A span that covers a whole line including its CRLF.
        ("甲\r\n乙\r\n丙\r\n", Span::new(5, 10), "[t.txt:2:1]"),
        // A span reaching past the end of the text (clamped, not a panic).
        ("短", Span::new(0, 99), "[t.txt:1:1]"),
        // A lone CR inside a line.
        ("甲\r乙,丙\n", Span::new(7, 8), "[t.txt:1:4]"),
    ];
    for (text, span, header) in cases {
        let d = diag("punctuation/test", Severity::Error, "测试", span);
        let out = human(text, vec![d], &plain());
        assert!(out.contains(header), "{text:?} {span:?}:\n{out}");
        assert!(
            out.contains('─') || out.contains('▲'),
            "no marker for {text:?}:\n{out}"
        );
        assert!(!out.contains('\r'), "raw CR in output for {text:?}");
    }
}
