//! End-to-end tests of the `guifan` binary: commands, exit codes, formats,
//! configuration, walking, fixing, and a table of bad inputs.

mod support;
use assert_cmd::Command;
use predicates::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;
use tempfile::TempDir;

const BAD: &str = "会议指出,要深入学习。\n";
const GOOD: &str = "会议指出，要深入学习。\n";
const RULE: &str = "punctuation/halfwidth-in-cjk";

use support::guifan;

fn tree(files: &[(&str, &[u8])]) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, body) in files {
        let p = dir.path().join(name);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, body).unwrap();
    }
    dir
}

fn stdout_of(cmd: &mut Command) -> String {
    String::from_utf8(cmd.output().unwrap().stdout).unwrap()
}

/// stdout and stderr together: the human report shows per-file errors on
/// stdout, other formats leave them to stderr.
fn all_output(out: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn json_of(cmd: &mut Command) -> serde_json::Value {
    let out = stdout_of(cmd);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("not JSON ({e}): {out:?}"))
}

/// Every file under `dir` with its bytes (to prove nothing was modified).
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    for e in walk(dir) {
        if let Ok(b) = fs::read(&e) {
            out.push((e, b));
        }
    }
    out.sort();
    out
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

fn is_root() -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        fs::metadata("/proc/self")
            .map(|m| m.uid() == 0)
            .unwrap_or(false)
    }
    #[cfg(not(unix))]
    false
}

// ---------- exit codes ----------

#[test]
fn exit_codes_0_1_2() {
    let d = tree(&[("good.txt", GOOD.as_bytes()), ("bad.txt", BAD.as_bytes())]);
    guifan(d.path())
        .args(["check", "good.txt"])
        .assert()
        .code(0);
    guifan(d.path()).args(["check", "bad.txt"]).assert().code(1);
    guifan(d.path()).arg("check").assert().code(1);
    let out = guifan(d.path())
        .args(["check", "missing.txt", "good.txt"])
        .assert()
        .code(2)
        .get_output()
        .clone();
    let text = all_output(&out);
    assert!(
        text.lines()
            .any(|l| l.contains("missing.txt") && l.contains("不存在")),
        "{text}"
    );
    // A per-file error wins over findings.
    guifan(d.path())
        .args(["check", "missing.txt", "bad.txt"])
        .assert()
        .code(2);
    // Usage errors.
    guifan(d.path())
        .args(["check", "--format", "xml"])
        .assert()
        .code(2);
    guifan(d.path())
        .args(["check", "--as-of", "2024-13-01"])
        .assert()
        .code(2);
    guifan(d.path()).arg("frobnicate").assert().code(2);
    guifan(d.path())
        .args(["check", "--threads", "0"])
        .assert()
        .code(2);
    guifan(d.path())
        .args(["check", "--min-severity", "fatal"])
        .assert()
        .code(2);
    guifan(d.path())
        .args(["check", "--config", "nope.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nope.toml"));
    guifan(d.path())
        .args(["check", "--config", "x.toml", "--no-config"])
        .assert()
        .code(2);
    // Aliases and options that change nothing here still parse.
    guifan(d.path())
        .args([
            "check",
            "--format-override",
            "plain",
            "--color",
            "never",
            "--quiet",
            "--threads",
            "3",
            "bad.txt",
        ])
        .assert()
        .code(1);
    guifan(d.path())
        .arg("--version")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("guifan"));
}

// ---------- formats ----------

#[test]
fn json_format_follows_spec() {
    let d = tree(&[("a.txt", BAD.as_bytes()), ("b.txt", GOOD.as_bytes())]);
    let v = json_of(guifan(d.path()).args(["check", "--format", "json"]));
    assert_eq!(v["version"], 1);
    assert_eq!(v["files_checked"], 2);
    let diags = v["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 1);
    let d0 = &diags[0];
    assert_eq!(d0["path"], "a.txt");
    assert_eq!(d0["rule"], RULE);
    assert_eq!(d0["severity"], "error");
    let (start, end) = (
        d0["start"].as_u64().unwrap() as usize,
        d0["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&BAD.as_bytes()[start..end], b",");
    assert_eq!(start, "会议指出".len());
    assert_eq!(
        (d0["line"].as_u64(), d0["column"].as_u64()),
        (Some(1), Some(5))
    );
    assert_eq!(
        (d0["end_line"].as_u64(), d0["end_column"].as_u64()),
        (Some(1), Some(6))
    );
    assert_eq!(d0["fix"]["applicability"], "safe");
    let e = &d0["fix"]["edits"][0];
    assert_eq!(e["start"].as_u64(), Some(start as u64));
    assert_eq!(e["replacement"], "，");
    assert!(d0["message"].as_str().is_some_and(|m| !m.is_empty()));
}

#[test]
fn sarif_format() {
    let d = tree(&[("a.txt", BAD.as_bytes())]);
    let v = json_of(guifan(d.path()).args(["check", "--format", "sarif"]));
    assert_eq!(v["version"], "2.1.0");
    let r = &v["runs"][0]["results"][0];
    assert_eq!(r["ruleId"], RULE);
    let loc = &r["locations"][0]["physicalLocation"];
    assert!(
        loc["artifactLocation"]["uri"]
            .as_str()
            .unwrap()
            .ends_with("a.txt")
    );
    assert_eq!(loc["region"]["startLine"], 1);
}

#[test]
fn github_format() {
    let d = tree(&[("a.txt", BAD.as_bytes())]);
    guifan(d.path())
        .args(["check", "--format", "github"])
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains("::error")
                .and(predicate::str::contains("file=a.txt,line=1,col=5")),
        );
}

#[test]
fn human_format_names_file_and_rule() {
    let d = tree(&[("a.txt", BAD.as_bytes())]);
    guifan(d.path())
        .args(["check", "a.txt"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("a.txt").and(predicate::str::contains(RULE)));
}

#[test]
fn diff_shows_fixes_and_changes_nothing() {
    let d = tree(&[("a.txt", BAD.as_bytes())]);
    let before = snapshot(d.path());
    for args in [
        &["check", "--diff"][..],
        &["check", "--format", "diff"],
        &["fix", "--diff"],
    ] {
        guifan(d.path()).args(args).assert().stdout(
            predicate::str::contains("-会议指出,要").and(predicate::str::contains("+会议指出，要")),
        );
    }
    assert_eq!(snapshot(d.path()), before);
}

// ---------- configuration ----------

#[test]
fn config_is_discovered_upward_from_a_nested_folder() {
    let d = tree(&[
        ("guifan.toml", b"ignore = [\"punctuation\"]\n"),
        ("sub/deeper/a.txt", BAD.as_bytes()),
    ]);
    let nested = d.path().join("sub/deeper");
    guifan(&nested).args(["check", "a.txt"]).assert().code(0);
    guifan(&nested)
        .args(["check", "--no-config", "a.txt"])
        .assert()
        .code(1);
    // .guifan.toml is found too.
    fs::rename(d.path().join("guifan.toml"), d.path().join(".guifan.toml")).unwrap();
    guifan(&nested).args(["check", "a.txt"]).assert().code(0);
    // --config names one explicitly.
    fs::write(d.path().join("other.toml"), "fail-on = \"error\"\n").unwrap();
    guifan(&nested)
        .args(["check", "--config", "../../other.toml", "a.txt"])
        .assert()
        .code(1);
}

#[test]
fn select_and_ignore() {
    let d = tree(&[("a.txt", BAD.as_bytes())]);
    guifan(d.path())
        .args(["check", "--ignore", "punctuation"])
        .assert()
        .code(0);
    guifan(d.path())
        .args(["check", "--ignore", RULE])
        .assert()
        .code(0);
    guifan(d.path())
        .args(["check", "--select", "dates,names"])
        .assert()
        .code(0);
    guifan(d.path())
        .args(["check", "--select", "dates", "--extend-select", RULE])
        .assert()
        .code(1);
    guifan(d.path())
        .args(["check", "--select", &format!("dates,{RULE}")])
        .assert()
        .code(1);
    guifan(d.path())
        .args(["check", "--select", "all"])
        .assert()
        .code(1);
    fs::write(d.path().join("guifan.toml"), "select = [\"dates\"]\n").unwrap();
    guifan(d.path()).arg("check").assert().code(0);
    // The command line replaces the config's select.
    guifan(d.path())
        .args(["check", "--select", "punctuation"])
        .assert()
        .code(1);
}

#[test]
fn unknown_rule_on_the_command_line_is_a_usage_error() {
    let d = tree(&[("a.txt", GOOD.as_bytes())]);
    guifan(d.path())
        .args(["check", "--select", "punctuation/halfwidth-in-cjc"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("punctuation/halfwidth-in-cjc")
                .and(predicate::str::contains("--select"))
                .and(predicate::str::contains(RULE)),
        );
    guifan(d.path())
        .args(["check", "--ignore", "punctuatoin"])
        .assert()
        .code(2);
}

#[test]
fn unknown_rule_in_config_points_at_its_line() {
    let d = tree(&[
        (
            "guifan.toml",
            b"# house style\nignore = [\"punctuation/halfwidth-in-cjc\"]\n",
        ),
        ("a.txt", GOOD.as_bytes()),
    ]);
    guifan(d.path()).arg("check").assert().code(2).stderr(
        predicate::str::contains("guifan.toml:2:")
            .and(predicate::str::contains("punctuation/halfwidth-in-cjc"))
            .and(predicate::str::contains(RULE)),
    );
    // In a severity table key, too.
    fs::write(
        d.path().join("guifan.toml"),
        "fail-on = \"error\"\n\n[severity]\npunctuaton = \"info\"\n",
    )
    .unwrap();
    guifan(d.path())
        .arg("check")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("guifan.toml:4:"));
}

#[test]
fn broken_config_is_an_error_with_its_line() {
    let d = tree(&[
        (
            "guifan.toml",
            b"select = [\"all\"]\nfail-on = \"sometimes\"\n",
        ),
        ("a.txt", GOOD.as_bytes()),
    ]);
    guifan(d.path())
        .arg("check")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("guifan.toml:2:"));
    fs::write(d.path().join("guifan.toml"), "selekt = [\"all\"]\n").unwrap();
    guifan(d.path())
        .arg("check")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("guifan.toml:1:"));
    fs::write(d.path().join("guifan.toml"), "\nas-of = \"2024-02-30\"\n").unwrap();
    guifan(d.path()).arg("check").assert().code(2).stderr(
        predicate::str::contains("guifan.toml:2:").and(predicate::str::contains("2024-02-30")),
    );
}

#[test]
fn severity_override_changes_the_exit_code() {
    let d = tree(&[
        (
            "guifan.toml",
            format!("[severity]\n\"{RULE}\" = \"warning\"\n").as_bytes(),
        ),
        ("a.txt", BAD.as_bytes()),
    ]);
    guifan(d.path()).arg("check").assert().code(0);
    guifan(d.path())
        .args(["check", "--fail-on", "warning"])
        .assert()
        .code(1);
    // Hidden findings do not fail the run.
    guifan(d.path())
        .args(["check", "--fail-on", "warning", "--min-severity", "error"])
        .assert()
        .code(0);
    fs::write(
        d.path().join("guifan.toml"),
        "fail-on = \"warning\"\n[severity]\npunctuation = \"warning\"\n",
    )
    .unwrap();
    guifan(d.path()).arg("check").assert().code(1);
    guifan(d.path())
        .args(["check", "--fail-on", "error"])
        .assert()
        .code(0);
}

#[test]
fn extra_rule_sets_from_flag_and_config() {
    // A user copy of a built-in rule overrides it (here: demoted to info).
    let copy = format!(
        "[ruleset]\nname = \"house\"\n\n[[rule]]\nid = \"{RULE}\"\nkind = \"native\"\nseverity = \"info\"\nfix = \"safe\"\nsummary = \"本单位：半角标点\"\nmessage = \"应使用全角“{{expected}}”\"\n"
    );
    let d = tree(&[
        ("house/style.toml", copy.as_bytes()),
        ("a.txt", BAD.as_bytes()),
    ]);
    guifan(d.path()).arg("check").assert().code(1);
    guifan(d.path())
        .args(["check", "--rules", "house/style.toml"])
        .assert()
        .code(0);
    guifan(d.path())
        .args(["rules", "--rules", "house/style.toml"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("本单位：半角标点").and(predicate::str::contains("提示")));
    // From the config, relative to the config file's folder.
    fs::create_dir_all(d.path().join("nested")).unwrap();
    fs::write(
        d.path().join("guifan.toml"),
        "rules = [\"house/style.toml\"]\n",
    )
    .unwrap();
    guifan(&d.path().join("nested"))
        .args(["check", "../a.txt"])
        .assert()
        .code(0);
    // A missing rule file named in the config points at its line.
    fs::write(
        d.path().join("guifan.toml"),
        "\nrules = [\"house/nope.toml\"]\n",
    )
    .unwrap();
    guifan(d.path()).arg("check").assert().code(2).stderr(
        predicate::str::contains("nope.toml").and(predicate::str::contains("guifan.toml:2:")),
    );
}

#[test]
fn broken_rule_file_names_its_line() {
    let d = tree(&[
        ("broken.toml", b"[[rule]]\nid = \"punctuation/x\"\nkind = \"existence\"\nseverity = \"fatal\"\nsummary = \"x\"\n"),
        ("a.txt", GOOD.as_bytes()),
    ]);
    guifan(d.path())
        .args(["check", "--rules", "broken.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("broken.toml:4:"));
    fs::write(d.path().join("broken.toml"), "[[rule]\nid = 1\n").unwrap();
    guifan(d.path())
        .args(["check", "--rules", "broken.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("broken.toml:1:"));
    guifan(d.path())
        .args(["check", "--rules", "absent.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("absent.toml"));
}

#[test]
fn per_file_ignores_and_exclude() {
    let d = tree(&[
        (
            "guifan.toml",
            b"exclude = [\"archive/\"]\n[per-file-ignores]\n\"drafts/**\" = [\"punctuation\"]\n",
        ),
        ("drafts/a.txt", BAD.as_bytes()),
        ("archive/old.txt", BAD.as_bytes()),
        ("ok.txt", GOOD.as_bytes()),
    ]);
    guifan(d.path()).arg("check").assert().code(0);
    guifan(d.path()).args(["check", "drafts"]).assert().code(0);
    fs::write(d.path().join("now.txt"), BAD).unwrap();
    guifan(d.path()).arg("check").assert().code(1);
    fs::remove_file(d.path().join("now.txt")).unwrap();
    // Excluded folders are skipped when walking, but a file named explicitly is checked.
    guifan(d.path())
        .args(["check", "archive/old.txt"])
        .assert()
        .code(1);
}

// ---------- walking ----------

#[test]
fn walking_respects_ignore_files_hidden_files_and_extensions() {
    let d = tree(&[
        ("ok.md", GOOD.as_bytes()),
        ("notes.log", BAD.as_bytes()),
        ("skip.txt", BAD.as_bytes()),
        ("gen/out.html", BAD.as_bytes()),
        (".hidden/a.txt", BAD.as_bytes()),
        (".guifanignore", b"skip.txt\n"),
        (".gitignore", b"gen/\n"),
    ]);
    guifan(d.path()).arg("check").assert().code(0);
    guifan(d.path())
        .args(["check", "--no-ignore"])
        .assert()
        .code(1);
    // `.hidden` still skipped with --no-ignore unless --hidden: remove the others first.
    fs::remove_file(d.path().join("skip.txt")).unwrap();
    fs::remove_dir_all(d.path().join("gen")).unwrap();
    guifan(d.path())
        .args(["check", "--no-ignore"])
        .assert()
        .code(0);
    guifan(d.path())
        .args(["check", "--hidden"])
        .assert()
        .code(1);
    // Unknown extensions are skipped in folders, but checked when named.
    guifan(d.path())
        .args(["check", "notes.log"])
        .assert()
        .code(1);
}

#[test]
fn folder_without_text_files_is_a_warning_not_an_error() {
    let d = tree(&[("data/img.png", b"\x89PNG"), ("data/x.csv", b"a,b")]);
    guifan(d.path())
        .args(["check", "data"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains("data").and(predicate::str::contains("没有可检查的文件")));
    guifan(d.path())
        .args(["check", "--quiet", "data"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains("没有可检查的文件").not());
}

#[test]
fn quiet_prints_findings_without_the_summary() {
    let d = tree(&[("bad.txt", BAD.as_bytes()), ("good.txt", GOOD.as_bytes())]);
    let loud = guifan(d.path())
        .args(["check", "--color", "never", "bad.txt", "good.txt"])
        .assert()
        .code(1);
    let loud = String::from_utf8_lossy(&loud.get_output().stdout).into_owned();
    assert!(loud.contains("检查了 2 个文件"), "{loud}");
    let quiet = guifan(d.path())
        .args([
            "check", "--quiet", "--color", "never", "bad.txt", "good.txt",
        ])
        .assert()
        .code(1);
    let quiet = String::from_utf8_lossy(&quiet.get_output().stdout).into_owned();
    assert!(quiet.contains("halfwidth-in-cjk"), "{quiet}");
    assert!(!quiet.contains("检查了"), "{quiet}");
    // A clean run under --quiet prints nothing at all.
    guifan(d.path())
        .args(["check", "--quiet", "good.txt"])
        .assert()
        .code(0)
        .stdout(predicate::str::is_empty());
}

#[test]
fn output_order_is_sorted_and_independent_of_threads() {
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for i in 0..60 {
        let body = if i % 3 == 0 {
            BAD.repeat(1 + i % 7)
        } else {
            GOOD.repeat(1 + i % 5)
        };
        files.push((
            format!("d{}/f{:02}.txt", i % 4, (i * 37) % 60),
            body.into_bytes(),
        ));
    }
    let refs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    let d = tree(&refs);
    let run = |threads: &str| {
        stdout_of(guifan(d.path()).args([
            "check",
            "--show-date",
            "--as-of",
            "2024-01-01",
            "--threads",
            threads,
        ]))
    };
    let one = run("1");
    let date_lines: Vec<&str> = one.lines().filter(|l| l.contains("文档日期")).collect();
    assert_eq!(date_lines.len(), 60);
    let mut sorted = date_lines.clone();
    sorted.sort();
    assert_eq!(date_lines, sorted);
    assert_eq!(one, run("2"));
    assert_eq!(one, run("7"));
}

#[test]
fn show_date_names_the_source() {
    let d = tree(&[
        (
            "meta.txt",
            "发布时间：2023-04-03 10:49\n会议指出，要深入学习。\n".as_bytes(),
        ),
        ("plain.txt", GOOD.as_bytes()),
    ]);
    guifan(d.path())
        .args(["check", "--show-date", "--as-of", "2020-05-06"])
        .assert()
        .code(0)
        .stdout(
            predicate::str::contains("meta.txt：文档日期 2023-04-03（来源：metadata）").and(
                predicate::str::contains("plain.txt：文档日期 2020-05-06（来源：as-of）"),
            ),
        );
    // No date line and no --as-of: a date the text reports, else unknown.
    fs::write(
        d.path().join("event.txt"),
        "6月8日下午，学院召开大会。\n2021年6月1日，学院启动活动。\n",
    )
    .unwrap();
    guifan(d.path())
        .args(["check", "--show-date", "event.txt", "plain.txt"])
        .assert()
        .stdout(
            predicate::str::contains("event.txt：文档日期 2021-06-08（来源：text）")
                .and(predicate::str::contains("plain.txt：文档日期 未知")),
        );
    fs::write(d.path().join("guifan.toml"), "as-of = \"2019-01-02\"\n").unwrap();
    guifan(d.path())
        .args(["check", "--show-date", "plain.txt"])
        .assert()
        .stdout(predicate::str::contains("2019-01-02（来源：as-of）"));
}

#[test]
fn broken_pipe_is_not_an_error() {
    let mut files = Vec::new();
    for i in 0..400 {
        files.push((format!("f{i:03}.txt"), GOOD.as_bytes().to_vec()));
    }
    let refs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    let d = tree(&refs);
    let bin = assert_cmd::cargo::cargo_bin("guifan");
    let mut child = std::process::Command::new(bin)
        .current_dir(d.path())
        .args(["check", "--show-date"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{:?} {stderr}",
        out.status
    );
}

// ---------- stdin ----------

#[test]
fn stdin_with_a_filename_decides_the_format() {
    let d = tempfile::tempdir().unwrap();
    let md = "`会议指出,要深入学习`\n";
    guifan(d.path())
        .args(["check", "-", "--stdin-filename", "x.md"])
        .write_stdin(md)
        .assert()
        .code(0);
    guifan(d.path())
        .args(["check", "-", "--stdin-filename", "x.txt"])
        .write_stdin(md)
        .assert()
        .code(1);
    guifan(d.path())
        .args(["check", "-"])
        .write_stdin(BAD)
        .assert()
        .code(1);
    guifan(d.path())
        .args([
            "check",
            "-",
            "--stdin-filename",
            "x.txt",
            "--input-format",
            "markdown",
        ])
        .write_stdin(md)
        .assert()
        .code(0);
    let v = json_of(
        guifan(d.path())
            .args(["check", "-", "--stdin-filename", "x.md", "--format", "json"])
            .write_stdin(BAD),
    );
    assert_eq!(v["diagnostics"][0]["path"], "x.md");
}

#[test]
fn fix_stdin_prints_the_fixed_text() {
    let d = tempfile::tempdir().unwrap();
    guifan(d.path())
        .args(["fix", "-"])
        .write_stdin(BAD)
        .assert()
        .code(0)
        .stdout(GOOD);
    guifan(d.path())
        .args(["fix", "-", "other.txt"])
        .write_stdin(BAD)
        .assert()
        .code(2);
}

// ---------- fix ----------

#[test]
fn fix_in_place_is_idempotent_and_keeps_crlf_bom_and_permissions() {
    let crlf = "\u{feff}发布时间:2023-04-03\r\n会议指出,要深入学习。\r\n他说:“好!”\r\n";
    let d = tree(&[("a.txt", crlf.as_bytes()), ("clean.txt", GOOD.as_bytes())]);
    let a = d.path().join("a.txt");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&a, fs::Permissions::from_mode(0o640)).unwrap();
    }
    let clean_mtime = fs::metadata(d.path().join("clean.txt"))
        .unwrap()
        .modified()
        .unwrap();
    guifan(d.path()).arg("fix").assert().code(0);
    let fixed = fs::read_to_string(&a).unwrap();
    assert_eq!(
        fixed,
        "\u{feff}发布时间：2023-04-03\r\n会议指出，要深入学习。\r\n他说：“好！”\r\n"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            fs::metadata(&a).unwrap().permissions().mode() & 0o777,
            0o640
        );
    }
    // Untouched files keep their mtime; a second run changes nothing.
    assert_eq!(
        fs::metadata(d.path().join("clean.txt"))
            .unwrap()
            .modified()
            .unwrap(),
        clean_mtime
    );
    let mtime = fs::metadata(&a).unwrap().modified().unwrap();
    std::thread::sleep(Duration::from_millis(20));
    guifan(d.path()).arg("fix").assert().code(0);
    assert_eq!(fs::read_to_string(&a).unwrap(), fixed);
    assert_eq!(fs::metadata(&a).unwrap().modified().unwrap(), mtime);
    guifan(d.path()).arg("check").assert().code(0);
    // No temporary files are left behind.
    assert_eq!(walk(d.path()).len(), 2);
}

#[test]
fn fix_reports_read_only_files_and_fixes_the_others() {
    let d = tree(&[("ro.txt", BAD.as_bytes()), ("rw.txt", BAD.as_bytes())]);
    let ro = d.path().join("ro.txt");
    let mut perm = fs::metadata(&ro).unwrap().permissions();
    perm.set_readonly(true);
    fs::set_permissions(&ro, perm).unwrap();
    let out = guifan(d.path())
        .arg("fix")
        .assert()
        .code(2)
        .get_output()
        .clone();
    let text = all_output(&out);
    assert!(
        text.lines()
            .any(|l| l.contains("ro.txt") && l.contains("只读")),
        "{text}"
    );
    assert_eq!(fs::read_to_string(&ro).unwrap(), BAD);
    assert_eq!(fs::read_to_string(d.path().join("rw.txt")).unwrap(), GOOD);
}

// ---------- rules, explain, init ----------

#[test]
fn rules_lists_every_rule_and_respects_config() {
    let d = tempfile::tempdir().unwrap();
    guifan(d.path())
        .arg("rules")
        .assert()
        .code(0)
        .stdout(predicate::str::contains(RULE).and(predicate::str::contains("安全")));
    let v = json_of(guifan(d.path()).args(["rules", "--format", "json"]));
    let rule = v
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == RULE)
        .unwrap();
    assert_eq!(rule["enabled"], true);
    assert_eq!(rule["fix"], "safe");
    fs::write(
        d.path().join("guifan.toml"),
        format!("ignore = [\"{RULE}\"]\n[severity]\npunctuation = \"info\"\n"),
    )
    .unwrap();
    let v = json_of(guifan(d.path()).args(["rules", "--format", "json"]));
    let rule = v
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == RULE)
        .unwrap();
    assert_eq!(rule["enabled"], false);
    assert_eq!(rule["severity"], "info");
}

#[test]
fn explain_known_and_unknown_rules() {
    let d = tempfile::tempdir().unwrap();
    guifan(d.path())
        .args(["explain", RULE])
        .assert()
        .code(0)
        .stdout(
            predicate::str::contains(RULE)
                .and(predicate::str::contains("GB/T 15834"))
                .and(predicate::str::contains("示例"))
                .and(predicate::str::contains("✗ 会议指出,要深入学习。"))
                .and(predicate::str::contains("→ 会议指出，要深入学习。"))
                // The native rule's doc comment.
                .and(predicate::str::contains("## 依据")),
        );
    guifan(d.path())
        .args(["explain", "punctuation/halfwidth-in-cjc"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(RULE));
    guifan(d.path())
        .args(["explain", "halfwidth-in-cjk"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(RULE));
}

#[test]
fn init_writes_the_starter_config_and_refuses_to_overwrite() {
    let d = tree(&[("a.txt", GOOD.as_bytes())]);
    guifan(d.path()).arg("init").assert().code(0);
    let path = d.path().join("guifan.toml");
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        guifan::settings::STARTER_CONFIG
    );
    // The starter config is valid.
    guifan(d.path()).arg("check").assert().code(0);
    fs::write(&path, "# mine\n").unwrap();
    guifan(d.path())
        .arg("init")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("guifan.toml"));
    assert_eq!(fs::read_to_string(&path).unwrap(), "# mine\n");
    guifan(d.path()).args(["init", "--force"]).assert().code(0);
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        guifan::settings::STARTER_CONFIG
    );
}

/// Every commented-out setting of the starter file, uncommented, loads: each
/// line alone (with the `[table]` header it sits under) and all of them
/// together. A setting line is a `# ` comment whose rest parses as TOML.
#[test]
fn every_commented_setting_of_the_starter_config_loads() {
    let lines: Vec<&str> = guifan::settings::STARTER_CONFIG.lines().collect();
    let setting = |line: &str| -> Option<String> {
        let rest = line.strip_prefix("# ")?;
        toml::from_str::<toml::Table>(rest).ok()?;
        Some(rest.to_string())
    };
    let is_header = |s: &str| s.trim_start().starts_with('[');
    // (the setting, the table header it belongs to)
    let mut settings: Vec<(String, Option<String>)> = Vec::new();
    let mut header: Option<String> = None;
    for line in &lines {
        match setting(line) {
            Some(s) if is_header(&s) => header = Some(s),
            Some(s) => settings.push((s, header.clone())),
            // A blank line ends a commented table.
            None if line.trim().is_empty() => header = None,
            None => {}
        }
    }
    assert!(settings.len() >= 10, "settings found: {settings:?}");

    let house = fs::read("fixtures/house-style.toml").unwrap();
    let d = tree(&[
        ("a.txt", GOOD.as_bytes()),
        ("guifan/house-style.toml", &house),
    ]);
    let config = d.path().join("guifan.toml");
    let loads = |text: &str| {
        fs::write(&config, text).unwrap();
        let out = guifan(d.path()).args(["check", "a.txt"]).output().unwrap();
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "guifan.toml\n{text}\ndoes not load:\n{}",
            all_output(&out)
        );
    };
    for (s, header) in &settings {
        let text = match header {
            Some(h) => format!("{h}\n{s}\n"),
            None => format!("{s}\n"),
        };
        loads(&text);
    }
    // All at once: the starter file with every setting uncommented.
    let all: String = lines
        .iter()
        .map(|line| setting(line).unwrap_or_else(|| line.to_string()) + "\n")
        .collect();
    loads(&all);
}

// ---------- bad inputs ----------

#[test]
fn bad_inputs_are_reported_per_file_and_the_rest_is_checked() {
    let (gbk, _, _) = encoding_rs::GBK.encode("党委书记表示，要深入学习。");
    let d = tree(&[
        ("bad.txt", BAD.as_bytes()),
        ("empty.txt", b""),
        ("binary.txt", b"PK\x03\x04\x00\x00\x14\x00binary"),
        ("gbk.txt", &gbk),
        ("utf16.txt", b"\xff\xfe\x1a\x4f"),
        ("bom.txt", "\u{feff}会议指出，要深入学习。\n".as_bytes()),
        (
            "crlf.txt",
            "会议指出，要深入学习。\r\n第二段。\r\n".as_bytes(),
        ),
        ("emptydir/.keep", b""),
    ]);
    #[cfg(unix)]
    std::os::unix::fs::symlink("nowhere.txt", d.path().join("dangling.txt")).unwrap();
    let before = snapshot(d.path());
    let assert = guifan(d.path())
        .args([
            "check",
            "--format",
            "json",
            ".",
            "missing.txt",
            "dangling.txt",
            "emptydir",
        ])
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    for (name, why) in [
        ("missing.txt", "不存在"),
        ("binary.txt", "二进制"),
        ("gbk.txt", "GBK"),
        ("utf16.txt", "UTF-16"),
        ("emptydir", "没有可检查的文件"),
    ] {
        assert!(
            stderr.lines().any(|l| l.contains(name) && l.contains(why)),
            "no message for {name} ({why}) in:\n{stderr}"
        );
    }
    #[cfg(unix)]
    assert!(stderr.contains("dangling.txt"), "{stderr}");
    for quiet in ["empty.txt", "bom.txt", "crlf.txt", "bad.txt"] {
        assert!(
            !stderr.contains(quiet),
            "{quiet} reported as an error:\n{stderr}"
        );
    }
    assert_eq!(snapshot(d.path()), before);

    // `fix` leaves the undecodable files alone and still fixes the rest.
    guifan(d.path()).arg("fix").assert().code(2);
    assert_eq!(fs::read_to_string(d.path().join("bad.txt")).unwrap(), GOOD);
    assert_eq!(fs::read(d.path().join("gbk.txt")).unwrap(), gbk.to_vec());
    assert_eq!(
        fs::read(d.path().join("binary.txt")).unwrap(),
        b"PK\x03\x04\x00\x00\x14\x00binary"
    );
}

#[test]
fn bad_inputs_appear_in_json_files() {
    let d = tree(&[
        ("bad.txt", BAD.as_bytes()),
        ("gbk.txt", b"\xb5\xb3\xce\xaf"),
    ]);
    let v = json_of(guifan(d.path()).args([
        "check",
        "--format",
        "json",
        "--show-date",
        "bad.txt",
        "gbk.txt",
    ]));
    assert_eq!(v["diagnostics"][0]["path"], "bad.txt");
    let files = v["files"].as_array().expect("files array");
    let gbk = files.iter().find(|f| f["path"] == "gbk.txt").unwrap();
    assert!(gbk["error"].as_str().is_some_and(|e| e.contains("UTF-8")));
}

#[test]
fn unreadable_files_are_errors() {
    let d = tree(&[("secret.txt", BAD.as_bytes()), ("ok.txt", BAD.as_bytes())]);
    // A directory named like a text file, named explicitly, is walked (and is empty).
    fs::create_dir(d.path().join("dir.txt")).unwrap();
    guifan(d.path()).args(["check", "dir.txt"]).assert().code(0);
    // A path through a regular file cannot be read, even by root.
    let out = guifan(d.path())
        .args(["check", "--format", "github", "ok.txt/inner.txt", "ok.txt"])
        .assert()
        .code(2)
        .get_output()
        .clone();
    let text = all_output(&out);
    assert!(
        text.lines()
            .any(|l| l.contains("ok.txt/inner.txt") && l.contains("无法访问")),
        "{text}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let p = d.path().join("secret.txt");
        fs::set_permissions(&p, fs::Permissions::from_mode(0o000)).unwrap();
        if is_root() {
            eprintln!(
                "note: running as root, chmod 000 does not prevent reading; skipping that assertion"
            );
        } else {
            let out = guifan(d.path())
                .args(["check", "secret.txt", "ok.txt"])
                .assert()
                .code(2)
                .get_output()
                .clone();
            let text = all_output(&out);
            assert!(
                text.lines()
                    .any(|l| l.contains("secret.txt") && l.contains("无法读取")),
                "{text}"
            );
        }
        fs::set_permissions(&p, fs::Permissions::from_mode(0o644)).unwrap();
    }
}

/// A file of one line of `mb` MB with a half-width comma every 11
/// characters: `check` reports it and `fix` fixes every comma, each command
/// within the 180 s timeout of `guifan()`.
fn single_line_is_checked_and_fixed(mb: usize) {
    let line = "会议指出,要深入学习。".repeat(mb * 1024 * 1024 / "会议指出,要深入学习。".len());
    let d = tree(&[("big.txt", line.as_bytes())]);
    let start = std::time::Instant::now();
    guifan(d.path())
        .args(["check", "--format", "github", "big.txt"])
        .assert()
        .code(1);
    guifan(d.path()).args(["fix", "big.txt"]).assert().code(0);
    let fixed = fs::read_to_string(d.path().join("big.txt")).unwrap();
    assert!(!fixed.contains(','));
    assert_eq!(fixed.len(), line.len() + 2 * line.matches(',').count());
    eprintln!("{mb} MB single line: check + fix in {:?}", start.elapsed());
}

/// The same as the 10 MB test below at a tenth of its size, so that it runs
/// with every `cargo test` (a few seconds in a debug build): still far too
/// long a line for anything quadratic in its length to finish in time.
#[test]
fn a_one_megabyte_single_line_is_checked_and_fixed() {
    single_line_is_checked_and_fixed(1);
}

#[test]
#[ignore = "heavy: minutes in a debug build, seconds in release; run with: cargo test --release -- --ignored"]
fn a_ten_megabyte_single_line_is_checked_and_fixed() {
    single_line_is_checked_and_fixed(10);
}

/// The corpus-wide pass: a footer shared by the pages of one folder is
/// boilerplate there, but not in another folder where it appears once; a
/// canonical formulation shared by every page never is; the pass is off
/// unless selected.
#[test]
fn corpus_pass_reports_lines_shared_across_a_folder() {
    let footer = "本站所有稿件均为本单位原创，未经许可不得转载，违者必究。";
    let canonical = "深入学习贯彻党的二十大精神";
    let page = |n: usize| {
        format!(
            "第{n}篇新闻的标题\n这是第{n}篇稿件的正文，内容各不相同，编号{n}。\n{canonical}\n{footer}\n"
        )
    };
    let mut files: Vec<(String, Vec<u8>)> = (1..=4)
        .map(|n| (format!("site/p{n}.txt"), page(n).into_bytes()))
        .collect();
    files.push((
        "other/a.txt".into(),
        format!("另一个网站的文章。\n{footer}\n").into_bytes(),
    ));
    let refs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(p, b)| (p.as_str(), b.as_slice()))
        .collect();
    let dir = tree(&refs);
    let rule = "boilerplate/corpus-repeated";

    // Off by default.
    let out = stdout_of(guifan(dir.path()).args(["check", "--format", "json", "."]));
    assert!(!out.contains(rule), "{out}");

    let out = stdout_of(guifan(dir.path()).args([
        "check",
        "--format",
        "json",
        "--extend-select",
        rule,
        ".",
    ]));
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let hits: Vec<(String, String)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == rule)
        .map(|d| {
            let path = d["path"].as_str().unwrap().to_string();
            let text = fs::read_to_string(dir.path().join(&path)).unwrap();
            let (s, e) = (
                d["start"].as_u64().unwrap() as usize,
                d["end"].as_u64().unwrap() as usize,
            );
            (path, text[s..e].to_string())
        })
        .collect();
    assert_eq!(hits.len(), 4, "{hits:?}");
    assert!(
        hits.iter().all(|(p, t)| p.contains("site") && t == footer),
        "{hits:?}"
    );

    // Thresholds and severity come from config like any rule's.
    fs::write(
        dir.path().join("guifan.toml"),
        format!("extend-select = [\"{rule}\"]\n[severity]\n\"{rule}\" = \"info\"\n[options.\"{rule}\"]\nmin-documents = 5\n"),
    )
    .unwrap();
    let out = stdout_of(guifan(dir.path()).args(["check", "--format", "json", "."]));
    assert!(!out.contains(rule), "min-documents = 5 of 4 pages: {out}");
    fs::write(
        dir.path().join("guifan.toml"),
        format!("extend-select = [\"{rule}\"]\n[severity]\n\"{rule}\" = \"info\"\n"),
    )
    .unwrap();
    let out = stdout_of(guifan(dir.path()).args(["check", "--format", "json", "."]));
    assert!(
        out.contains(&format!("\"rule\":\"{rule}\",\"severity\":\"info\"")),
        "{out}"
    );
}

/// Corpus-wide findings honour inline suppression comments like any other:
/// `guifan-disable-next-line` before the shared line, `guifan-disable` for a
/// whole family, and `guifan-disable` of `near-duplicate` in a repost.
#[test]
fn corpus_findings_honour_inline_suppression_comments() {
    let footer = "本站所有稿件均为本单位原创，未经许可不得转载，违者必究。";
    let page = |n: usize, before_footer: &str, top: &str| {
        format!(
            "{top}# 第{n}篇新闻的标题\n\n这是第{n}篇稿件的正文，内容各不相同，编号{n}。\n\n{before_footer}{footer}\n"
        )
    };
    let article = "10月11日，市农业农村局召开全市秋冬种生产工作推进会，总结前一阶段工作，分析当前面临的形势，\
部署下一步重点任务。会议指出，今年以来全市粮食生产形势总体平稳，但部分地区土壤墒情偏差，播种进度不均衡，\
必须提早谋划、压茬推进。会议要求，各区要压实属地责任，组织农技人员深入田间地头开展技术指导。\n";
    let files: Vec<(String, String)> = vec![
        ("site/p1.md".into(), page(1, "", "")),
        ("site/p2.md".into(), page(2, "", "")),
        (
            "site/p3.md".into(),
            page(
                3,
                "<!-- guifan-disable-next-line boilerplate/corpus-repeated -->\n",
                "",
            ),
        ),
        (
            "site/p4.md".into(),
            page(4, "", "<!-- guifan-disable boilerplate -->\n"),
        ),
        ("news/a.md".into(), article.to_string()),
        (
            "news/b.md".into(),
            format!("<!-- guifan-disable boilerplate/near-duplicate -->\n{article}"),
        ),
        ("news/c.md".into(), article.replace("技术指导", "指导服务")),
    ];
    let refs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(p, b)| (p.as_str(), b.as_bytes()))
        .collect();
    let dir = tree(&refs);
    let out = stdout_of(guifan(dir.path()).args([
        "check",
        "--format",
        "json",
        "--extend-select",
        "boilerplate/corpus-repeated",
        "--extend-select",
        "boilerplate/near-duplicate",
        ".",
    ]));
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let hits = |rule: &str| -> Vec<String> {
        let mut paths: Vec<String> = json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["rule"] == rule)
            .map(|d| d["path"].as_str().unwrap().replace('\\', "/"))
            .collect();
        paths.sort();
        paths
    };
    // p3 (next-line) and p4 (whole family) are suppressed.
    assert_eq!(
        hits("boilerplate/corpus-repeated"),
        ["site/p1.md", "site/p2.md"],
        "{out}"
    );
    // b and c both repeat a; b's report is suppressed, c's is not.
    assert_eq!(hits("boilerplate/near-duplicate"), ["news/c.md"], "{out}");
}

/// Near-duplicate documents: the later file of a reposted pair (in path
/// order) is reported as info, naming the earlier one; an unrelated file
/// is not; the rule is off by default.
#[test]
fn near_duplicate_documents_are_reported_on_the_later_copy() {
    let original = "10月11日，市农业农村局召开全市秋冬种生产工作推进会，总结前一阶段工作，分析当前面临的形势，\
部署下一步重点任务。会议指出，今年以来全市粮食生产形势总体平稳，但部分地区土壤墒情偏差，播种进度不均衡，\
必须提早谋划、压茬推进。会议要求，各区要压实属地责任，组织农技人员深入田间地头开展技术指导。\n";
    let repost = original
        .replace("10月11日", "近日")
        .replace("技术指导", "指导服务");
    let other = "学院召开新学期工作部署会议，院长作工作报告，各部门负责人结合分管工作作交流发言，会议对开学各项准备工作进行了安排，要求全院上下凝心聚力。\n";
    let dir = tree(&[
        ("a/original.txt", original.as_bytes()),
        ("b/repost.txt", repost.as_bytes()),
        ("c/other.txt", other.as_bytes()),
    ]);
    let rule = "boilerplate/near-duplicate";
    let out = stdout_of(guifan(dir.path()).args(["check", "--format", "json", "."]));
    assert!(!out.contains(rule), "off by default: {out}");
    let out = stdout_of(guifan(dir.path()).args([
        "check",
        "--format",
        "json",
        "--extend-select",
        rule,
        ".",
    ]));
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let hits: Vec<&serde_json::Value> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == rule)
        .collect();
    assert_eq!(hits.len(), 1, "{out}");
    assert_eq!(hits[0]["severity"], "info");
    assert!(
        hits[0]["path"].as_str().unwrap().ends_with("repost.txt"),
        "{out}"
    );
    assert!(
        hits[0]["message"]
            .as_str()
            .unwrap()
            .contains("original.txt"),
        "{out}"
    );
}
