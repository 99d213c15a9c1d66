//! Word documents against other readers: every fixture's findings equal
//! those of its text view checked as plain text, and (ignored: they need
//! LibreOffice) what `fix`, `fix --track-changes` and `check --annotate`
//! write is opened by LibreOffice headless (`fixtures/docx/lo_check.py`,
//! run with a python3 that has the uno module: `GUIFAN_UNO_PYTHON`, else
//! /usr/bin/python3) and, when there is a python with python-docx
//! (`GUIFAN_DOCX_PYTHON`, else target/docx-venv made by
//! `fixtures/docx/clients.sh`), by python-docx.

mod support;
use guifan::document::LineIndex;
use guifan::document::docx::{Docx, DocxLimits};
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/docx");
    let mut v: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "docx"))
        .collect();
    v.sort();
    assert!(v.len() >= 2, "{v:?}");
    v
}

use support::guifan;

use support::docx_text as view;

fn json(out: &std::process::Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)))
}

fn without_path(v: &Value) -> Vec<Value> {
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let mut d = d.clone();
            d.as_object_mut().unwrap().remove("path");
            d
        })
        .collect()
}

#[test]
fn findings_on_each_fixture_equal_findings_on_its_text() {
    for path in fixtures() {
        let dir = tempfile::tempdir().unwrap();
        let bytes = fs::read(&path).unwrap();
        fs::write(dir.path().join("doc.docx"), &bytes).unwrap();
        fs::write(dir.path().join("doc.txt"), view(&bytes)).unwrap();
        let docx = guifan(dir.path())
            .args(["check", "--no-config", "--format", "json", "--show-date"])
            .arg("doc.docx")
            .output()
            .unwrap();
        let d = json(&docx);
        // The document's own date stands in for the text's.
        let date = d["files"][0]["date"].as_str().unwrap().to_string();
        let txt = guifan(dir.path())
            .args(["check", "--no-config", "--format", "json", "--as-of", &date])
            .arg("doc.txt")
            .output()
            .unwrap();
        let (a, mut b) = (without_path(&d), without_path(&json(&txt)));
        assert!(a.len() >= 5, "{}: {a:?}", path.display());
        // The same positions, with lines counted as paragraphs: a manual
        // line break does not start a line of a Word document.
        let doc = Docx::read(&bytes, &DocxLimits::default()).unwrap();
        let text = doc.text();
        let lines = LineIndex::from_starts(text, doc.paragraph_starts(text).unwrap());
        for d in &mut b {
            for (offset, line, column) in [
                ("start", "line", "column"),
                ("end", "end_line", "end_column"),
            ] {
                let at = lines.line_col(text, d[offset].as_u64().unwrap() as usize);
                d[line] = at.line.into();
                d[column] = at.column.into();
            }
        }
        assert_eq!(a, b, "{}", path.display());
        assert_eq!(docx.status.code(), txt.status.code());
    }
}

/// The python3 with the uno module: `GUIFAN_UNO_PYTHON`, else Debian's.
fn uno_python() -> String {
    std::env::var("GUIFAN_UNO_PYTHON").unwrap_or_else(|_| "/usr/bin/python3".into())
}

/// What LibreOffice sees in each file (see `fixtures/docx/lo_check.py`).
fn libreoffice(dir: &Path, files: &[String]) -> Vec<Value> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/docx/lo_check.py");
    let out = std::process::Command::new(uno_python())
        .arg(script)
        .args(files)
        .current_dir(dir)
        .output()
        .expect("python3 with uno (python3-uno) and soffice (libreoffice-writer-nogui)");
    assert!(
        out.status.success(),
        "lo_check failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice::<Vec<Value>>(&out.stdout).unwrap()
}

/// The stderr line `N 处删除、M 处插入` of `fix --track-changes`.
fn revisions(stderr: &str) -> (u64, u64) {
    let line = stderr
        .lines()
        .find(|l| l.contains("以修订方式写入"))
        .unwrap_or_else(|| panic!("{stderr}"));
    let nums: Vec<u64> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().unwrap())
        .collect();
    let n = nums.len();
    (nums[n - 2], nums[n - 1])
}

fn count(v: &Value, kind: &str) -> u64 {
    v["redlines"][kind].as_u64().unwrap_or(0)
}

/// LibreOffice recomputes the page count of a `NUMPAGES` field (the
/// python-docx fixture says 2 pages, it has 1).
fn as_libreoffice_shows(view: &str) -> String {
    view.replace("本文共2页。", "本文共1页。")
}

#[test]
#[ignore = "needs LibreOffice: soffice (Debian libreoffice-writer-nogui) and python3 with uno (python3-uno)"]
fn libreoffice_opens_fixed_tracked_and_annotated_documents() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    struct Case {
        stem: String,
        original: Vec<u8>,
        fixed: Vec<u8>,
        revisions: (u64, u64),
        fixes: u64,
        all: Vec<Value>,
        unfixed: usize,
    }
    let mut cases = Vec::new();
    for path in fixtures() {
        let stem = path.file_stem().unwrap().to_str().unwrap().to_string();
        let original = fs::read(&path).unwrap();
        let name = |kind: &str| format!("{stem}-{kind}.docx");
        for kind in ["original", "fixed", "tracked"] {
            fs::write(dir.path().join(name(kind)), &original).unwrap();
        }
        let fix = guifan(dir.path())
            .args(["fix", "--no-config", "--format", "json"])
            .arg(name("fixed"))
            .output()
            .unwrap();
        assert_ne!(fix.status.code(), Some(2), "{fix:?}");
        let stderr = String::from_utf8_lossy(&fix.stderr).to_string();
        let fixes: u64 = stderr
            .split("已修复 ")
            .nth(1)
            .and_then(|s| s.split(' ').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("{stderr}"));
        let tracked = guifan(dir.path())
            .args(["fix", "--no-config", "--format", "json", "--track-changes"])
            .arg(name("tracked"))
            .output()
            .unwrap();
        let revisions = revisions(&String::from_utf8_lossy(&tracked.stderr));
        let all = guifan(dir.path())
            .args([
                "check",
                "--no-config",
                "--format",
                "json",
                "--annotate=all",
                "-o",
            ])
            .args([name("all"), name("original")])
            .output()
            .unwrap();
        let all = without_path(&json(&all));
        let unfixed = guifan(dir.path())
            .args(["check", "--no-config", "--annotate", "-o"])
            .args([name("unfixed"), name("original")])
            .output()
            .unwrap();
        let unfixed = String::from_utf8_lossy(&unfixed.stderr)
            .split("：")
            .nth(1)
            .and_then(|s| s.split(' ').next())
            .and_then(|n| n.parse().ok())
            .unwrap();
        for kind in ["original", "fixed", "tracked", "all", "unfixed"] {
            files.push(name(kind));
        }
        cases.push(Case {
            fixed: fs::read(dir.path().join(name("fixed"))).unwrap(),
            stem,
            original,
            revisions,
            fixes,
            all,
            unfixed,
        });
    }

    let seen = libreoffice(dir.path(), &files);
    assert_eq!(seen.len(), files.len());
    for (i, case) in cases.iter().enumerate() {
        let [original, fixed, tracked, all, unfixed] = &seen[i * 5..i * 5 + 5] else {
            unreachable!()
        };
        let stem = &case.stem;
        for v in [original, fixed, tracked, all, unfixed] {
            assert_eq!(v["opened"], true, "{stem}: {v}");
        }
        // LibreOffice reads the text guifan reads, before and after `fix`.
        assert_eq!(
            original["accepted"].as_str().unwrap(),
            as_libreoffice_shows(&view(&case.original)),
            "{stem}: original"
        );
        assert_ne!(case.fixed, case.original, "{stem}: nothing fixed");
        assert_eq!(
            fixed["accepted"].as_str().unwrap(),
            as_libreoffice_shows(&view(&case.fixed)),
            "{stem}: fixed"
        );
        // Tracked changes: accepting all gives the `fix` text, rejecting
        // all gives the original's; LibreOffice counts the deletions and
        // insertions guifan wrote, at least one per fix applied.
        assert_eq!(tracked["accepted"], fixed["accepted"], "{stem}: accept all");
        assert_eq!(
            tracked["rejected"], original["rejected"],
            "{stem}: reject all"
        );
        let added = (
            count(tracked, "Delete") - count(original, "Delete"),
            count(tracked, "Insert") - count(original, "Insert"),
        );
        // LibreOffice merges deletions in consecutive runs into one (the
        // notice's deleted date spans six runs); the python-docx report has
        // no adjacent edits, and there the counts are equal.
        assert!(
            added.0 <= case.revisions.0 && added.1 == case.revisions.1,
            "{stem}: revisions {added:?} {:?}",
            case.revisions
        );
        if stem == "report" {
            assert_eq!(added, case.revisions, "{stem}: revisions");
        }
        assert!(
            case.revisions.0.max(case.revisions.1) >= case.fixes,
            "{stem}"
        );
        assert_eq!(tracked["redline_authors"], serde_json::json!(["guifan"]));

        // Comments: one per finding annotated, by guifan, anchored on the
        // finding's characters (within its line) or, for a finding in a
        // header, footer or note, at the start of the body.
        let comments = all["comments"].as_array().unwrap();
        assert_eq!(comments.len(), case.all.len(), "{stem}: --annotate=all");
        assert_eq!(
            unfixed["comments"].as_array().unwrap().len(),
            case.unfixed,
            "{stem}: --annotate"
        );
        assert!(case.unfixed < case.all.len());
        let text = view(&case.original);
        let mut expected: Vec<(String, String)> = case
            .all
            .iter()
            .map(|d| {
                let (s, e) = (
                    d["start"].as_u64().unwrap() as usize,
                    d["end"].as_u64().unwrap() as usize,
                );
                let line_end = text[s..].find('\n').map_or(text.len(), |i| s + i);
                (
                    d["message"].as_str().unwrap().to_string(),
                    text[s..e.min(line_end)].to_string(),
                )
            })
            .collect();
        let mut got: Vec<(String, String)> = Vec::new();
        let mut moved: Vec<String> = Vec::new();
        for c in comments {
            assert_eq!(c["author"], "guifan");
            let paragraphs: Vec<&str> = c["paragraphs"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p.as_str().unwrap())
                .collect();
            assert!(paragraphs.iter().any(|p| p.starts_with("规则：")), "{c}");
            let message = paragraphs[0].to_string();
            if paragraphs.last().unwrap().starts_with("（此问题位于") {
                assert_eq!(c["anchor"], "", "{c}");
                moved.push(message);
            } else {
                got.push((message, c["anchor"].as_str().unwrap().to_string()));
            }
        }
        // Every comment anchored in place is on its finding's text; the
        // findings left are those commented at the start of the body.
        for g in &got {
            let i = expected
                .iter()
                .position(|e| e == g)
                .unwrap_or_else(|| panic!("{stem}: {g:?} not a finding: {expected:?}"));
            expected.remove(i);
        }
        let mut left: Vec<String> = expected.into_iter().map(|e| e.0).collect();
        left.sort();
        moved.sort();
        assert_eq!(left, moved, "{stem}: comments at the start of the body");
        let moved = moved.len();
        if stem == "report" {
            assert_eq!(moved, 3, "header, footer, footnote");
        }
    }

    // python-docx opens every file written and counts the same comments.
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/docx-venv/bin/python");
    let python = std::env::var_os("GUIFAN_DOCX_PYTHON")
        .map(PathBuf::from)
        .or_else(|| venv.exists().then_some(venv));
    if let Some(python) = python {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/docx/verify.py");
        let out = std::process::Command::new(python)
            .arg(script)
            .arg("--json")
            .args(&files)
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let read: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(read.len(), files.len());
        for (r, lo) in read.iter().zip(&seen) {
            assert_eq!(
                r["comments"].as_array().unwrap().len(),
                lo["comments"].as_array().unwrap().len(),
                "{}",
                r["path"]
            );
        }
    }
}
