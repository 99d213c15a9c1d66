//! End-to-end tests of how the `guifan` binary treats files and the
//! filesystem: special files and sizes, owners, hard links, edits saved
//! while `fix` runs, temporary files left by a killed run, and how every
//! format reports the files that could not be checked.

mod support;
use assert_cmd::Command;
use std::fs;
use std::path::Path;
use std::time::Duration;
use tempfile::TempDir;

const BAD: &str = "会议指出,要深入学习。\n";
const GOOD: &str = "会议指出，要深入学习。\n";

fn guifan(dir: &Path) -> Command {
    let mut cmd = support::guifan(dir);
    // A FIFO must not block the run, nor /dev/zero fill the memory.
    cmd.timeout(Duration::from_secs(120));
    cmd
}

fn tree(files: &[(&str, &[u8])]) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, body) in files {
        let p = dir.path().join(name);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, body).unwrap();
    }
    dir
}

/// stdout and stderr together.
fn all_output(out: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn json(out: &std::process::Output) -> serde_json::Value {
    let s = String::from_utf8_lossy(&out.stdout);
    serde_json::from_str(&s).unwrap_or_else(|e| panic!("not JSON ({e}): {s:?}"))
}

/// Whether `text` has a line naming `path` that contains `why`.
fn says(text: &str, path: &str, why: &str) -> bool {
    text.lines().any(|l| l.contains(path) && l.contains(why))
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[cfg(unix)]
fn is_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("probe");
    fs::write(&p, "").unwrap();
    fs::metadata(&p).unwrap().uid() == 0
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let ok = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap()
        .success();
    assert!(ok, "mkfifo {}", path.display());
}

/// `/dev/zero`, a FIFO and a socket named on the command line are per-file
/// errors (nothing is read from them); the other files are still checked.
#[cfg(unix)]
#[test]
fn special_files_named_on_the_command_line_are_per_file_errors() {
    let d = tree(&[("a.txt", BAD.as_bytes())]);
    mkfifo(&d.path().join("pipe.txt"));
    let _socket = std::os::unix::net::UnixListener::bind(d.path().join("sock.txt")).unwrap();
    for cmd in ["check", "fix"] {
        let out = guifan(d.path())
            .args([
                cmd,
                "--no-config",
                "pipe.txt",
                "sock.txt",
                "/dev/zero",
                "a.txt",
            ])
            .timeout(Duration::from_secs(60))
            .assert()
            .code(2)
            .get_output()
            .clone();
        let text = all_output(&out);
        for (path, kind) in [
            ("pipe.txt", "命名管道"),
            ("sock.txt", "套接字"),
            ("/dev/zero", "字符设备"),
        ] {
            assert!(
                text.lines()
                    .any(|l| l.contains(path) && l.contains(kind) && l.contains("不是普通文件")),
                "{cmd}: no message for {path}:\n{text}"
            );
        }
        if cmd == "check" {
            assert!(text.contains("punctuation/halfwidth-in-cjk"), "{text}");
            assert!(text.contains("另有 3 个文件无法处理"), "{text}");
        }
    }
    assert_eq!(fs::read_to_string(d.path().join("a.txt")).unwrap(), GOOD);
}

/// In a walked folder, a FIFO with a text file's name is skipped with a
/// warning (it would block); the run is not an error.
#[cfg(unix)]
#[test]
fn special_files_in_folders_are_skipped_with_a_warning() {
    let d = tree(&[("docs/a.txt", GOOD.as_bytes())]);
    mkfifo(&d.path().join("docs/pipe.md"));
    let out = guifan(d.path())
        .args(["check", "--no-config", "docs"])
        .timeout(Duration::from_secs(60))
        .assert()
        .code(0)
        .get_output()
        .clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(says(&stderr, "docs/pipe.md", "命名管道"), "{stderr}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("检查了 1 个文件"));
    guifan(d.path())
        .args(["fix", "--no-config", "docs"])
        .timeout(Duration::from_secs(60))
        .assert()
        .code(0);
}

/// `--max-file-size` refuses larger files (check and fix, stdin too) with a
/// per-file error, and accepts sizes with units.
#[test]
fn files_above_max_file_size_are_not_read() {
    let big = BAD.repeat(100); // 3,200 bytes
    let d = tree(&[("big.txt", big.as_bytes()), ("a.txt", BAD.as_bytes())]);
    for cmd in ["check", "fix"] {
        let out = guifan(d.path())
            .args([
                cmd,
                "--no-config",
                "--max-file-size",
                "2KiB",
                "big.txt",
                "a.txt",
            ])
            .assert()
            .code(2)
            .get_output()
            .clone();
        let text = all_output(&out);
        assert!(says(&text, "big.txt", "文件过大"), "{text}");
        assert!(says(&text, "big.txt", "3200 字节"), "{text}");
        assert!(says(&text, "big.txt", "--max-file-size 2KiB"), "{text}");
    }
    // Not fixed: it was not read; the small one was.
    assert_eq!(fs::read_to_string(d.path().join("big.txt")).unwrap(), big);
    assert_eq!(fs::read_to_string(d.path().join("a.txt")).unwrap(), GOOD);

    // JSON says which file and why.
    let out = guifan(d.path())
        .args([
            "check",
            "--no-config",
            "--format",
            "json",
            "--max-file-size",
            "3000",
        ])
        .args(["big.txt", "a.txt"])
        .assert()
        .code(2)
        .get_output()
        .clone();
    let v = json(&out);
    assert_eq!(v["files_failed"], 1);
    assert_eq!(v["file_errors"][0]["path"], "big.txt");

    // Units: 4KB = 4,000 bytes, 1M = 1 MiB (read: its findings are reported).
    for size in ["4KB", "4 kb", "1M", "1048576"] {
        guifan(d.path())
            .args(["check", "--no-config", "--max-file-size", size, "big.txt"])
            .assert()
            .code(1);
    }
    let out = guifan(d.path())
        .args(["check", "--max-file-size", "10XB", "a.txt"])
        .assert()
        .code(2)
        .get_output()
        .clone();
    assert!(all_output(&out).contains("10XB"));

    // Standard input is bounded the same way.
    let out = guifan(d.path())
        .args(["check", "--no-config", "--max-file-size", "100", "-"])
        .write_stdin(big.clone())
        .assert()
        .code(2)
        .get_output()
        .clone();
    assert!(all_output(&out).contains("标准输入超过 --max-file-size"));
}

/// `fix` run by root keeps the file's owner and group (not root's).
#[cfg(unix)]
#[test]
fn fix_keeps_the_owner_and_group() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    if !is_root() {
        eprintln!("note: not running as root, cannot give a file away; skipping");
        return;
    }
    let d = tree(&[("a.txt", BAD.as_bytes())]);
    let p = d.path().join("a.txt");
    std::os::unix::fs::chown(&p, Some(4242), Some(4343)).unwrap();
    fs::set_permissions(&p, fs::Permissions::from_mode(0o640)).unwrap();
    guifan(d.path())
        .args(["fix", "--no-config", "a.txt"])
        .assert()
        .code(0);
    assert_eq!(fs::read_to_string(&p).unwrap(), GOOD);
    let m = fs::metadata(&p).unwrap();
    assert_eq!((m.uid(), m.gid()), (4242, 4343));
    assert_eq!(m.permissions().mode() & 0o7777, 0o640);
}

/// A file with two names is fixed through its inode: both names see the
/// fix, the link survives, no backup is left.
#[cfg(unix)]
#[test]
fn fix_keeps_hard_links() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let d = tree(&[("docs/a.txt", BAD.as_bytes())]);
    let a = d.path().join("docs/a.txt");
    let b = d.path().join("other.txt");
    fs::hard_link(&a, &b).unwrap();
    fs::set_permissions(&a, fs::Permissions::from_mode(0o604)).unwrap();
    let ino = fs::metadata(&a).unwrap().ino();
    guifan(d.path())
        .args(["fix", "--no-config", "docs/a.txt"])
        .assert()
        .code(0);
    assert_eq!(fs::read_to_string(&a).unwrap(), GOOD);
    assert_eq!(
        fs::read_to_string(&b).unwrap(),
        GOOD,
        "the other name kept the old text"
    );
    let m = fs::metadata(&a).unwrap();
    assert_eq!((m.ino(), m.nlink()), (ino, 2));
    assert_eq!(m.permissions().mode() & 0o777, 0o604);
    assert_eq!(names(&d.path().join("docs")), ["a.txt"]);

    // Both names on the command line: fixed once (not twice at once), both right.
    fs::write(&b, BAD).unwrap();
    guifan(d.path())
        .args(["fix", "--no-config", "docs/a.txt", "other.txt"])
        .assert()
        .code(0);
    assert_eq!(fs::read_to_string(&a).unwrap(), GOOD);
    assert_eq!(fs::metadata(&a).unwrap().nlink(), 2);
}

/// An edit saved while `fix` works on a file is kept: `fix` notices that
/// the file changed since it read it and does not write (exit 2, message
/// naming the path). The test waits until guifan has read the file (its
/// access time moves), then saves an edit while the (slow, 1 MB) fix runs.
#[test]
fn fix_does_not_overwrite_an_edit_saved_while_it_runs() {
    use std::fs::FileTimes;
    use std::time::{Instant, SystemTime};
    let body = BAD.repeat(1024 * 1024 / BAD.len());
    let d = tree(&[("a.txt", body.as_bytes())]);
    let p = d.path().join("a.txt");
    // An old access time: reading the file moves it (relatime included).
    let long_ago = SystemTime::now() - Duration::from_secs(3 * 24 * 3600);
    fs::File::options()
        .write(true)
        .open(&p)
        .unwrap()
        .set_times(FileTimes::new().set_accessed(long_ago))
        .unwrap();
    let accessed = || fs::metadata(&p).unwrap().accessed().unwrap();
    let before = accessed();

    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("guifan"))
        .current_dir(d.path())
        .env("NO_COLOR", "1")
        .args(["fix", "--no-config", "a.txt"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let edit = "用户保存的新版本。\n";
    let start = Instant::now();
    let mut edited_in_time = false;
    loop {
        if accessed() != before {
            fs::write(&p, edit).unwrap();
            edited_in_time = child.try_wait().unwrap().is_none();
            break;
        }
        if child.try_wait().unwrap().is_some() || start.elapsed() > Duration::from_secs(100) {
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    let out = child.wait_with_output().unwrap();
    let text = all_output(&out);
    if !edited_in_time {
        eprintln!(
            "note: could not save the edit while guifan ran (no access-time update?); skipping:\n{text}"
        );
        return;
    }
    assert_eq!(
        fs::read_to_string(&p).unwrap(),
        edit,
        "the edit was overwritten:\n{text}"
    );
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(says(&text, "a.txt", "被修改"), "{text}");
    assert_eq!(names(d.path()), ["a.txt"]);
}

/// Temporary files of a killed `fix` are removed by the next one (not
/// those of a run still going), backups are reported and kept, and
/// neither is ever checked.
#[cfg(unix)]
#[test]
fn leftovers_of_a_killed_fix_are_removed_and_never_checked() {
    use std::fs::FileTimes;
    use std::time::SystemTime;
    // A pid that is surely gone: a child that ran and was reaped.
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let dead_pid = child.id();
    child.wait().unwrap();
    let live_pid = std::process::id();

    let killed = format!(".a.txt.guifan-{dead_pid}-AbC123.tmp");
    let running = format!(".a.txt.guifan-{live_pid}-XyZ789.tmp");
    let old_style = ".guifan-Qw3rty.tmp";
    let backup = format!(".b.txt.guifan-{dead_pid}-AbC123.bak");
    let d = tree(&[
        ("docs/a.txt", BAD.as_bytes()),
        ("docs/b.txt", GOOD.as_bytes()),
        (&format!("docs/{killed}"), BAD.as_bytes()),
        (&format!("docs/{running}"), BAD.as_bytes()),
        (&format!("docs/{old_style}"), BAD.as_bytes()),
        (&format!("docs/{backup}"), BAD.as_bytes()),
    ]);
    let docs = d.path().join("docs");
    // The old-style name has no pid: only its age says it is stale.
    fs::File::options()
        .write(true)
        .open(docs.join(old_style))
        .unwrap()
        .set_times(FileTimes::new().set_modified(SystemTime::now() - Duration::from_secs(3600)))
        .unwrap();

    // Never checked, even with --hidden.
    let out = guifan(d.path())
        .args([
            "check",
            "--no-config",
            "--hidden",
            "--format",
            "json",
            "--show-date",
        ])
        .arg("docs")
        .assert()
        .code(1)
        .get_output()
        .clone();
    let v = json(&out);
    let paths: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["docs/a.txt", "docs/b.txt"]);

    let out = guifan(d.path())
        .args(["fix", "--no-config", "--hidden", "docs"])
        .assert()
        .code(0)
        .get_output()
        .clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(fs::read_to_string(docs.join("a.txt")).unwrap(), GOOD);
    let mut want = vec![
        backup.clone(),
        running.clone(),
        "a.txt".to_string(),
        "b.txt".to_string(),
    ];
    want.sort();
    assert_eq!(names(&docs), want, "{stderr}");
    assert!(says(&stderr, &backup, "备份"), "{stderr}");
    assert!(says(&stderr, &killed, "临时文件"), "{stderr}");
    // The backup is the user's to look at: untouched.
    assert_eq!(fs::read_to_string(docs.join(&backup)).unwrap(), BAD);
}

/// Files that could not be read are in every format, and the summary does
/// not count them as checked.
#[test]
fn every_format_reports_the_files_that_could_not_be_read() {
    let d = tree(&[
        ("a.txt", BAD.as_bytes()),
        ("ok.txt", GOOD.as_bytes()),
        ("gbk.txt", b"\xb5\xb3\xce\xaf"),
    ]);
    let args = ["--no-config", "a.txt", "ok.txt", "gbk.txt", "missing.txt"];

    let out = guifan(d.path())
        .arg("check")
        .args(args)
        .assert()
        .code(2)
        .get_output()
        .clone();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("检查了 2 个文件：发现 1 个问题"), "{text}");
    assert!(text.contains("另有 2 个文件无法处理"), "{text}");

    let out = guifan(d.path())
        .args(["check", "--format", "json"])
        .args(args)
        .assert()
        .code(2)
        .get_output()
        .clone();
    let v = json(&out);
    assert_eq!(v["version"], 1);
    // Every file taken up (version 1), two of them failed.
    assert_eq!(v["files_checked"], 4);
    assert_eq!(v["files_failed"], 2);
    let errors = v["file_errors"].as_array().unwrap();
    let failed: Vec<&str> = errors.iter().map(|e| e["path"].as_str().unwrap()).collect();
    assert_eq!(failed, ["gbk.txt", "missing.txt"]);
    assert!(errors[0]["error"].as_str().unwrap().contains("UTF-8"));
    assert!(errors[1]["error"].as_str().unwrap().contains("不存在"));

    let out = guifan(d.path())
        .args(["check", "--format", "sarif"])
        .args(args)
        .assert()
        .code(2)
        .get_output()
        .clone();
    let v = json(&out);
    let notes = v["runs"][0]["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .unwrap();
    assert_eq!(notes.len(), 2);

    let out = guifan(d.path())
        .args(["check", "--format", "github"])
        .args(args)
        .assert()
        .code(2)
        .get_output()
        .clone();
    let text = String::from_utf8_lossy(&out.stdout);
    for f in ["gbk.txt", "missing.txt"] {
        assert!(
            text.lines()
                .any(|l| l.starts_with("::error file=") && l.contains(f)),
            "{text}"
        );
    }

    // Nothing could be checked: the summary does not claim "no problems".
    let out = guifan(d.path())
        .args(["check", "--no-config", "gbk.txt"])
        .assert()
        .code(2)
        .get_output()
        .clone();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains("没有发现问题"), "{text}");
    assert!(text.contains("没有检查任何文件"), "{text}");
}

/// A symlink loop is reported as a loop, not as a dangling link.
#[cfg(unix)]
#[test]
fn a_symlink_loop_is_not_a_dangling_link() {
    let d = tree(&[]);
    std::os::unix::fs::symlink("loop-b.txt", d.path().join("loop-a.txt")).unwrap();
    std::os::unix::fs::symlink("loop-a.txt", d.path().join("loop-b.txt")).unwrap();
    std::os::unix::fs::symlink("nowhere.txt", d.path().join("dangling.txt")).unwrap();
    let out = guifan(d.path())
        .args(["check", "--no-config", "loop-a.txt", "dangling.txt"])
        .assert()
        .code(2)
        .get_output()
        .clone();
    let text = all_output(&out);
    assert!(says(&text, "loop-a.txt", "符号链接循环"), "{text}");
    assert!(!says(&text, "loop-a.txt", "不存在"), "{text}");
    assert!(says(&text, "dangling.txt", "不存在"), "{text}");
}
