//! Adoption in large repositories and CI: output at volume (`--format
//! concise`, `--statistics`, `--output-file`, `--exit-zero`, `fix
//! --show-fixes`, colours), gradual adoption (`guifan baseline`, `check
//! --baseline`, `--changed-since`, `force-exclude`) and CI formats
//! (`gitlab`, `junit`, the GitHub step summary, SARIF fingerprints).

mod support;
use assert_cmd::Command;
use std::collections::HashSet;
use std::fs;
use std::path::Path;
use std::time::Instant;
use tempfile::TempDir;

const BAD: &str = "会议指出,要深入学习。\n";
const RULE: &str = "punctuation/halfwidth-in-cjk";

use support::{guifan, tree};

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(cmd: &mut Command) -> Out {
    let o = cmd.output().unwrap();
    Out {
        code: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8(o.stdout).unwrap(),
        stderr: String::from_utf8(o.stderr).unwrap(),
    }
}

fn sample() -> TempDir {
    tree(&[
        (
            "a.txt",
            "标题\n\n会议指出,要深入学习.\n李明强调:要抓好落实!\n",
        ),
        ("b.md", "# 标题\n\n第二段使用 GPU 计算。\n\n他说\"好\"。\n"),
        ("sub/c.txt", "标题\n\n他说:好。\n"),
    ])
}

#[test]
fn concise_is_one_line_per_finding() {
    let dir = sample();
    let out = run(guifan(dir.path()).args(["check", "--format", "concise"]));
    assert_eq!(out.code, 1, "{}", out.stderr);
    insta::assert_snapshot!("concise", out.stdout);
    let findings: Vec<&str> = out.stdout.lines().filter(|l| l.contains(": ")).collect();
    for l in &findings[..findings.len() - 1] {
        let mut parts = l.splitn(4, ':');
        let path = parts.next().unwrap();
        assert!(Path::new(&dir.path().join(path)).is_file(), "{l}");
        assert!(parts.next().unwrap().parse::<usize>().is_ok(), "{l}");
        assert!(parts.next().unwrap().parse::<usize>().is_ok(), "{l}");
    }
    // --quiet: the findings only.
    let quiet = run(guifan(dir.path()).args(["check", "--format", "concise", "-q"]));
    assert!(
        quiet
            .stdout
            .lines()
            .all(|l| l.contains(RULE) || l.contains('/'))
    );
    assert!(!quiet.stdout.contains("检查了"));
}

#[test]
fn statistics_counts_per_rule() {
    let dir = sample();
    let out = run(guifan(dir.path()).args(["check", "--statistics"]));
    assert_eq!(out.code, 1);
    insta::assert_snapshot!("statistics", out.stdout);
    let json = run(guifan(dir.path()).args(["check", "--statistics", "--format", "json"]));
    let rows: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let rows = rows.as_array().unwrap();
    let counts: Vec<u64> = rows.iter().map(|r| r["count"].as_u64().unwrap()).collect();
    let mut sorted = counts.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(counts, sorted);
    // The rows add up to what the JSON report lists.
    let full = run(guifan(dir.path()).args(["check", "--format", "json"]));
    let full: serde_json::Value = serde_json::from_str(&full.stdout).unwrap();
    let n = full["diagnostics"].as_array().unwrap().len() as u64;
    assert_eq!(counts.iter().sum::<u64>(), n);
    let halfwidth = rows.iter().find(|r| r["rule"] == RULE).unwrap();
    assert_eq!(halfwidth["count"], 5);
    assert_eq!(halfwidth["fixable"], 5);
    let bad = run(guifan(dir.path()).args(["check", "--statistics", "--format", "sarif"]));
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("--statistics"), "{}", bad.stderr);
}

#[test]
fn output_file_is_written_atomically_and_exit_zero() {
    let dir = sample();
    let expected = run(guifan(dir.path()).args(["check", "--format", "json"]));
    let out = run(guifan(dir.path()).args([
        "check",
        "--format",
        "json",
        "--output-file",
        "out/report.json",
    ]));
    // The folder does not exist: nothing is written, exit 2.
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("out/report.json"), "{}", out.stderr);
    fs::create_dir(dir.path().join("out")).unwrap();
    fs::write(dir.path().join("out/report.json"), "old").unwrap();
    let out = run(guifan(dir.path()).args(["check", "--format", "json", "-o", "out/report.json"]));
    assert_eq!(out.code, 1);
    assert_eq!(out.stdout, "");
    assert_eq!(
        fs::read_to_string(dir.path().join("out/report.json")).unwrap(),
        expected.stdout
    );
    // Only the report is left in the folder (no temporary file).
    let names: Vec<_> = fs::read_dir(dir.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
    let zero = run(guifan(dir.path()).args(["check", "--exit-zero", "-q"]));
    assert_eq!(zero.code, 0);
    assert!(zero.stdout.contains(RULE));
    // --exit-zero does not hide errors: a missing file is still exit 2.
    let missing = run(guifan(dir.path()).args(["check", "--exit-zero", "nope.txt"]));
    assert_eq!(missing.code, 2);
}

#[test]
fn fix_shows_what_it_changed() {
    let dir = sample();
    let out = run(guifan(dir.path()).args(["fix", "--show-fixes", "a.txt"]));
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    for line in [
        "a.txt:3:5: 已修复 punctuation/halfwidth-in-cjk “,” → “，”",
        "a.txt:4:5: 已修复 punctuation/halfwidth-in-cjk “:” → “：”",
        "a.txt:4:11: 已修复 punctuation/halfwidth-in-cjk “!” → “！”",
    ] {
        assert!(out.stdout.contains(line), "{line} not in {}", out.stdout);
    }
    assert_eq!(
        fs::read_to_string(dir.path().join("a.txt")).unwrap(),
        "标题\n\n会议指出，要深入学习。\n李明强调：要抓好落实！\n"
    );
    // Nothing left to fix: nothing shown.
    let again = run(guifan(dir.path()).args(["fix", "--show-fixes", "a.txt"]));
    assert!(
        !again.stdout.contains("已修复 punctuation"),
        "{}",
        again.stdout
    );
}

#[test]
fn colour_follows_flags_and_environment() {
    let dir = sample();
    let esc = |o: &Out| o.stdout.contains('\x1b');
    let base = || {
        let mut c = guifan(dir.path());
        c.env_remove("NO_COLOR")
            .args(["check", "--format", "concise", "a.txt"]);
        c
    };
    // Not a terminal: no colour by default.
    assert!(!esc(&run(&mut base())));
    assert!(esc(&run(base().env("FORCE_COLOR", "1"))));
    assert!(esc(&run(base().env("CLICOLOR_FORCE", "1"))));
    assert!(!esc(&run(base().env("FORCE_COLOR", "0"))));
    assert!(esc(&run(base().arg("--color=always"))));
    assert!(!esc(&run(base()
        .env("FORCE_COLOR", "1")
        .arg("--color=never"))));
    // A report file is plain unless colour is asked for.
    let out = run(base().args(["-o", "r.txt"]));
    assert_eq!(out.code, 1);
    assert!(
        !fs::read_to_string(dir.path().join("r.txt"))
            .unwrap()
            .contains('\x1b')
    );
    // COLUMNS sets the width of the human report: a long line is cut
    // around the finding to fit.
    let long = format!(
        "{}会议指出,要深入学习。{}\n",
        "前文".repeat(40),
        "后文".repeat(40)
    );
    fs::write(dir.path().join("long.txt"), long).unwrap();
    let width = |columns: &str| {
        let out = run(guifan(dir.path())
            .env("COLUMNS", columns)
            .args(["check", "long.txt"]));
        out.stdout
            .lines()
            .filter(|l| l.contains('│'))
            .map(unicode_width::UnicodeWidthStr::width)
            .max()
            .unwrap()
    };
    assert!(width("60") <= 60, "{}", width("60"));
    assert!(width("300") > 150, "{}", width("300"));
}

/// Text for generated file `i`: a few clean paragraphs and, in every third
/// file, two errors (one of them twice, to exercise counting).
fn generated(i: usize, extra: &str) -> String {
    let mut s = format!("第{i}号通报\n\n");
    for p in 0..6 {
        s.push_str(&format!(
            "第{p}段：本市第{i}批项目进展顺利，各项工作有序推进。\n\n"
        ));
    }
    if i % 3 == 0 {
        s.push_str(&format!("会议指出,要抓好第{i}批项目。\n\n"));
        s.push_str("他说:好。\n\n他说:好。\n\n");
    }
    s.push_str(extra);
    s
}

#[test]
fn baseline_hides_recorded_findings_only() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..200 {
        fs::write(dir.path().join(format!("doc{i:03}.txt")), generated(i, "")).unwrap();
    }
    let t = Instant::now();
    let rec = run(guifan(dir.path()).args(["baseline", ".", "-o", "guifan-baseline.json"]));
    let record_secs = t.elapsed().as_secs_f64();
    assert_eq!(rec.code, 0, "{}", rec.stderr);
    let text = fs::read_to_string(dir.path().join("guifan-baseline.json")).unwrap();
    let file: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(file["version"], 1);
    let files = file["files"].as_object().unwrap();
    assert_eq!(files.len(), 67);
    let keys: Vec<&String> = files.keys().collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    // Two equal findings in one file are one entry with count 2.
    assert!(
        files["doc000.txt"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["count"] == 2)
    );
    // Recording again gives the same bytes (stable diffs).
    run(guifan(dir.path()).args(["baseline", "-o", "again.json"]));
    assert_eq!(
        fs::read_to_string(dir.path().join("again.json")).unwrap(),
        text
    );
    fs::remove_file(dir.path().join("again.json")).unwrap();

    let check = |dir: &Path| {
        run(guifan(dir).args([
            "check",
            "--baseline",
            "guifan-baseline.json",
            "--format",
            "json",
        ]))
    };
    let t = Instant::now();
    let out = check(dir.path());
    let check_secs = t.elapsed().as_secs_f64();
    assert_eq!(out.code, 0, "{}", out.stdout);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(json["diagnostics"].as_array().unwrap().len(), 0);
    let hidden = json["baseline"]["matched"].as_u64().unwrap();
    assert_eq!(hidden, 67 * 3);
    assert_eq!(json["baseline"]["stale"].as_array().unwrap().len(), 0);

    // Lines added above and between the findings: nothing new.
    for i in (0..200).step_by(3) {
        let p = dir.path().join(format!("doc{i:03}.txt"));
        let body = fs::read_to_string(&p).unwrap();
        let shifted = body.replacen("\n\n", "\n\n新增的第一段。\n\n新增的第二段。\n\n", 2);
        fs::write(&p, shifted).unwrap();
    }
    let out = check(dir.path());
    assert_eq!(out.code, 0, "{}", out.stdout);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(json["diagnostics"].as_array().unwrap().len(), 0);

    // One new error (the same text as a recorded one, a third time): exactly it.
    let p = dir.path().join("doc003.txt");
    let body = fs::read_to_string(&p).unwrap();
    fs::write(&p, format!("{body}他说:好。\n")).unwrap();
    let out = check(dir.path());
    assert_eq!(out.code, 1);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let diags = json["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0]["path"], "doc003.txt");
    assert_eq!(diags[0]["rule"], RULE);

    // Fixing recorded findings leaves stale entries: named on stderr and in JSON.
    fs::write(dir.path().join("doc006.txt"), generated(7, "")).unwrap();
    fs::remove_file(dir.path().join("doc009.txt")).unwrap();
    let out = check(dir.path());
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let stale: HashSet<&str> = json["baseline"]["stale"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["path"].as_str().unwrap())
        .collect();
    assert_eq!(stale, HashSet::from(["doc006.txt", "doc009.txt"]));
    assert!(out.stderr.contains("不再出现"), "{}", out.stderr);
    eprintln!(
        "baseline scenario: 200 files, {} recorded findings in 67 files; record {record_secs:.2}s, check {check_secs:.2}s",
        hidden
    );

    // A broken baseline file: exit 2 with its name.
    fs::write(dir.path().join("bad.json"), "{\"version\": 9}").unwrap();
    let bad = run(guifan(dir.path()).args(["check", "--baseline", "bad.json"]));
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("bad.json"), "{}", bad.stderr);
    let missing = run(guifan(dir.path()).args(["check", "--baseline", "none.json"]));
    assert_eq!(missing.code, 2);
    assert!(missing.stderr.contains("none.json"), "{}", missing.stderr);
}

fn git(dir: &Path, args: &[&str]) {
    let ok = std::process::Command::new("git")
        .args(["-c", "user.email=ci@example.com", "-c", "user.name=ci"])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
        .status
        .success();
    assert!(ok, "git {args:?}");
}

#[test]
fn changed_since_reports_changed_lines_only() {
    let dir = tree(&[
        (
            "a.txt",
            "标题\n\n会议指出,要深入学习。\n\n李明强调:要抓好落实。\n",
        ),
        ("b.txt", "标题\n\n旧文件,旧问题。\n"),
    ]);
    // Outside a git repository: exit 2.
    let out = run(guifan(dir.path()).args(["check", "--changed-since", "HEAD"]));
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("git 仓库"), "{}", out.stderr);
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-qm", "init"]);
    fs::write(
        dir.path().join("a.txt"),
        "标题\n\n会议指出,要深入学习。\n\n新增一句,有错。\n\n李明强调:要抓好落实。\n",
    )
    .unwrap();
    fs::write(dir.path().join("new.txt"), "未跟踪,文件。\n").unwrap();
    let out = run(guifan(dir.path()).args([
        "check",
        "--changed-since",
        "HEAD",
        "--format",
        "concise",
        "-q",
    ]));
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "a.txt:5:5: 错误 punctuation/halfwidth-in-cjk 中文语境中应使用全角“，”，而不是半角“,” [可修复]\n\
         new.txt:1:4: 错误 punctuation/halfwidth-in-cjk 中文语境中应使用全角“，”，而不是半角“,” [可修复]\n"
    );
    let bad = run(guifan(dir.path()).args(["check", "--changed-since", "no-such-ref"]));
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("no-such-ref"), "{}", bad.stderr);
    // An option-looking revision is not passed to git as an option.
    let opt = run(guifan(dir.path()).args(["check", "--changed-since=--output=x"]));
    assert_eq!(opt.code, 2);
    assert!(!dir.path().join("x").exists());
}

#[test]
fn force_exclude_applies_to_named_files() {
    let dir = tree(&[
        ("guifan.toml", "exclude = [\"drafts/\"]\n"),
        ("drafts/x.txt", BAD),
        ("y.txt", BAD),
    ]);
    let named =
        run(guifan(dir.path()).args(["check", "drafts/x.txt", "y.txt", "--format", "concise"]));
    assert!(named.stdout.contains("drafts/x.txt"));
    let forced = run(guifan(dir.path()).args([
        "check",
        "--force-exclude",
        "drafts/x.txt",
        "y.txt",
        "--format",
        "concise",
    ]));
    assert!(!forced.stdout.contains("drafts/x.txt"), "{}", forced.stdout);
    assert!(forced.stdout.contains("y.txt"));
    fs::write(
        dir.path().join("guifan.toml"),
        "exclude = [\"drafts/\"]\nforce-exclude = true\n",
    )
    .unwrap();
    let config = run(guifan(dir.path()).args(["check", "drafts/x.txt", "--format", "concise"]));
    assert!(!config.stdout.contains("drafts/x.txt"), "{}", config.stdout);
    assert_eq!(config.code, 0);
}

#[test]
fn gitlab_code_quality() {
    let dir = sample();
    let out = run(guifan(dir.path()).args(["check", "--format", "gitlab"]));
    assert_eq!(out.code, 1);
    let issues: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let issues = issues.as_array().unwrap();
    assert_eq!(issues.len(), 8);
    let mut prints = HashSet::new();
    for i in issues {
        assert!(i["description"].as_str().is_some_and(|s| !s.is_empty()));
        assert!(i["check_name"].as_str().unwrap().contains('/'));
        assert!(
            ["info", "minor", "major", "critical", "blocker"]
                .contains(&i["severity"].as_str().unwrap())
        );
        assert!(i["location"]["path"].as_str().is_some());
        assert!(i["location"]["lines"]["begin"].as_u64().unwrap() >= 1);
        assert!(prints.insert(i["fingerprint"].as_str().unwrap().to_string()));
    }
    // Lines added above: the same fingerprints.
    let a = dir.path().join("a.txt");
    let body = fs::read_to_string(&a).unwrap();
    fs::write(&a, body.replacen("\n\n", "\n\n新增一段。\n\n", 1)).unwrap();
    let out = run(guifan(dir.path()).args(["check", "--format", "gitlab"]));
    let again: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let again: HashSet<String> = again
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(again, prints);
}

#[test]
fn junit_is_well_formed() {
    let dir = sample();
    fs::write(dir.path().join("bad.txt"), b"\xff\xfe<&>").unwrap();
    let out = run(guifan(dir.path()).args(["check", "--format", "junit"]));
    assert_eq!(out.code, 2);
    let mut reader = quick_xml::Reader::from_str(&out.stdout);
    let (mut cases, mut failures, mut errors, mut depth) = (0, 0, 0, 0i32);
    loop {
        match reader.read_event().unwrap() {
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e)
                if e.name().as_ref() == b"testcase" =>
            {
                cases += 1;
            }
            quick_xml::events::Event::Start(e) if e.name().as_ref() == b"failure" => {
                failures += 1;
                depth += 1;
            }
            quick_xml::events::Event::Start(e) if e.name().as_ref() == b"error" => {
                errors += 1;
                depth += 1;
            }
            quick_xml::events::Event::End(e)
                if matches!(e.name().as_ref(), b"failure" | b"error") =>
            {
                depth -= 1;
            }
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(depth, 0);
    assert_eq!(cases, 4);
    assert_eq!(errors, 1);
    assert!(
        out.stdout
            .contains("tests=\"4\" failures=\"3\" errors=\"1\"")
    );
    let json = run(guifan(dir.path()).args(["check", "--format", "json"]));
    let json: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(failures, json["diagnostics"].as_array().unwrap().len());
}

#[test]
fn github_step_summary() {
    let dir = sample();
    let summary = dir.path().join("summary.md");
    fs::write(&summary, "# earlier step\n").unwrap();
    let out = run(guifan(dir.path())
        .env("GITHUB_STEP_SUMMARY", &summary)
        .args(["check", "--format", "github"]));
    assert_eq!(out.code, 1);
    assert!(out.stdout.starts_with("::error file="));
    let md = fs::read_to_string(&summary).unwrap();
    assert!(md.starts_with("# earlier step\n## guifan 检查结果"), "{md}");
    assert!(
        md.contains("| `punctuation/halfwidth-in-cjk` | 错误 | 5 |"),
        "{md}"
    );
    assert!(md.contains("- **a.txt**（"), "{md}");
    assert!(md.contains("……另有"), "{md}");
    // Other formats leave the summary alone.
    let before = fs::read_to_string(&summary).unwrap();
    run(guifan(dir.path())
        .env("GITHUB_STEP_SUMMARY", &summary)
        .args(["check", "--format", "json"]));
    assert_eq!(fs::read_to_string(&summary).unwrap(), before);
}

#[test]
fn sarif_rules_have_help_and_results_stable_fingerprints() {
    let dir = sample();
    let sarif = |dir: &Path| -> serde_json::Value {
        let out = run(guifan(dir).args(["check", "--format", "sarif"]));
        serde_json::from_str(&out.stdout).unwrap()
    };
    let first = sarif(dir.path());
    let run0 = &first["runs"][0];
    for rule in run0["tool"]["driver"]["rules"].as_array().unwrap() {
        assert!(
            rule["fullDescription"]["text"]
                .as_str()
                .is_some_and(|s| !s.is_empty())
        );
        assert!(rule["help"]["text"].as_str().is_some_and(|s| !s.is_empty()));
        let md = rule["help"]["markdown"].as_str().unwrap();
        assert!(md.contains(rule["id"].as_str().unwrap()), "{md}");
    }
    let prints = |v: &serde_json::Value| -> Vec<String> {
        v["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                r["partialFingerprints"]["guifanFingerprint/v1"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect()
    };
    let before = prints(&first);
    let unique: HashSet<(&str, &String)> = first["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .zip(&before)
        .map(|(r, p)| {
            (
                r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                    .as_str()
                    .unwrap(),
                p,
            )
        })
        .collect();
    assert_eq!(unique.len(), before.len());
    let a = dir.path().join("a.txt");
    let body = fs::read_to_string(&a).unwrap();
    fs::write(&a, body.replacen("\n\n", "\n\n新增一段。\n\n", 1)).unwrap();
    assert_eq!(prints(&sarif(dir.path())), before);
}

#[test]
fn nearest_configuration_applies_per_file() {
    let dir = tree(&[
        ("guifan.toml", "fail-on = \"warning\"\n"),
        ("a.txt", BAD),
        (
            "site-a/guifan.toml",
            "ignore = [\"punctuation/halfwidth-in-cjk\"]\nexclude = [\"drafts/\"]\n",
        ),
        ("site-a/news/x.txt", BAD),
        ("site-a/drafts/y.txt", BAD),
        (
            "site-b/guifan.toml",
            "[severity]\n\"punctuation/halfwidth-in-cjk\" = \"info\"\n",
        ),
        ("site-b/news/z.txt", BAD),
    ]);
    let findings = |out: &Out| -> Vec<String> {
        out.stdout
            .lines()
            .filter(|l| l.contains(RULE))
            .map(|l| l.split(' ').take(2).collect::<Vec<_>>().join(" "))
            .collect()
    };
    let out = run(guifan(dir.path()).args(["check", "--format", "concise"]));
    assert_eq!(
        findings(&out),
        vec!["a.txt:1:5: 错误", "site-b/news/z.txt:1:5: 提示"],
        "{}",
        out.stdout
    );
    // The same from inside a site, and for a file named directly.
    let inside = run(guifan(&dir.path().join("site-b")).args(["check", "--format", "concise"]));
    assert_eq!(findings(&inside), vec!["news/z.txt:1:5: 提示"]);
    let named = run(guifan(dir.path()).args(["check", "--format", "concise", "site-a/news/x.txt"]));
    assert!(findings(&named).is_empty(), "{}", named.stdout);
    // --config: one configuration for every file.
    let one = run(guifan(dir.path()).args([
        "check",
        "--format",
        "concise",
        "--config",
        "site-b/guifan.toml",
    ]));
    assert_eq!(findings(&one).len(), 4, "{}", one.stdout);
    assert!(findings(&one).iter().all(|f| f.ends_with("提示")));
    // A broken configuration in a third site: its files fail (exit 2,
    // the message names it), the others are still checked.
    fs::create_dir_all(dir.path().join("site-c")).unwrap();
    fs::write(
        dir.path().join("site-c/guifan.toml"),
        "select = [\"no/such-rule\"]\n",
    )
    .unwrap();
    fs::write(dir.path().join("site-c/w.txt"), BAD).unwrap();
    let broken = run(guifan(dir.path()).args(["check", "--format", "concise"]));
    assert_eq!(broken.code, 2);
    assert!(
        broken.stdout.contains("site-c/w.txt: 错误："),
        "{}",
        broken.stdout
    );
    assert!(broken.stdout.contains("no/such-rule"), "{}", broken.stdout);
    assert_eq!(findings(&broken).len(), 2, "{}", broken.stdout);
}

/// The SARIF output, validated against the SARIF 2.1.0 JSON schema by a
/// real validator (ajv, with the schema that @microsoft/jest-sarif ships),
/// for the fixtures, a tree with an unreadable file and fixes, and an
/// empty run.
#[test]
#[ignore = "needs node and npm (installs tests/sarif/package-lock.json); run by .ci/run"]
fn sarif_validates_against_the_schema() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let here = root.join("tests/sarif");
    if !here.join("node_modules/ajv").is_dir() {
        let ok = std::process::Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
            .current_dir(&here)
            .status()
            .expect("npm")
            .success();
        assert!(ok, "npm ci in tests/sarif failed");
    }
    let out_dir = tempfile::tempdir().unwrap();
    let dir = sample();
    fs::write(dir.path().join("bad.txt"), b"\xff\xfe").unwrap();
    let empty = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for (name, cwd, args) in [
        ("fixtures", root, vec!["fixtures/examples", "--unsafe"]),
        ("sample", dir.path(), vec!["."]),
        ("empty", empty.path(), vec!["."]),
    ] {
        let out = run(guifan(cwd).args(["check", "--format", "sarif"]).args(&args));
        assert!(out.code <= 2, "{}", out.stderr);
        let path = out_dir.path().join(format!("{name}.sarif"));
        fs::write(&path, &out.stdout).unwrap();
        files.push(path);
    }
    let out = std::process::Command::new("node")
        .arg(here.join("validate.mjs"))
        .args(&files)
        .output()
        .expect("node");
    let text = String::from_utf8_lossy(&out.stdout);
    eprintln!("{text}{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{text}");
    assert_eq!(text.matches("valid SARIF 2.1.0").count(), 3, "{text}");
}
