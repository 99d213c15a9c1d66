//! `guifan check --changed-since REF`: only findings on lines changed since
//! a git revision.
//!
//! Runs `git diff --unified=0 REF -- PATHS` (the work tree against REF,
//! staged or not) and reads the hunk headers: a hunk `+c,d` marks lines
//! `c..c+d` of the new file as changed; a pure deletion (`d = 0`) marks the
//! lines on both sides of the gap (`c` and `c + 1`), since joining two
//! sentences can create a finding there. Untracked files (`git ls-files
//! --others --exclude-standard`) count as changed throughout. A finding is
//! kept when any of its lines is changed. The `git` command is run as a
//! subprocess; outside a repository, or for a revision git does not know,
//! the run stops with a precise message (exit 2).

use super::options::Filter;
use super::paths::normalize;
use guifan::Diagnostic;
use guifan::document::LineIndex;
use miette::{Report, miette};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Lines changed per file (keys: absolute, normalized paths).
#[derive(Debug, Default)]
pub struct Changed {
    cwd: PathBuf,
    /// Changed line numbers (1-based) per file.
    lines: HashMap<PathBuf, BTreeSet<usize>>,
    /// Files changed throughout (untracked).
    whole: HashSet<PathBuf>,
}

fn git(cwd: &Path, args: &[&str]) -> Result<std::process::Output, Report> {
    Command::new("git")
        .args(["-c", "core.quotepath=false"])
        .args(args)
        .current_dir(cwd)
        .output()
        .map_err(|e| {
            miette!(
                code = "guifan::git",
                help = "--changed-since 需要 git：请安装 git 并确认它在 PATH 中",
                "无法运行 git：{e}"
            )
        })
}

fn stderr_line(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr)
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim()
        .to_string()
}

/// Undo git's C-style quoting of a path (`"a\tb"`, `"\346\226\207"`).
pub fn unquote(s: &str) -> String {
    let Some(inner) = s.strip_prefix('"').and_then(|s| s.strip_suffix('"')) else {
        return s.to_string();
    };
    let mut bytes = Vec::with_capacity(inner.len());
    let b = inner.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' && i + 1 < b.len() {
            let c = b[i + 1];
            if (b'0'..=b'7').contains(&c) && i + 4 <= b.len() {
                if let Some(v) = std::str::from_utf8(&b[i + 1..i + 4])
                    .ok()
                    .and_then(|oct| u8::from_str_radix(oct, 8).ok())
                {
                    bytes.push(v);
                    i += 4;
                    continue;
                }
            }
            bytes.push(match c {
                b'n' => b'\n',
                b't' => b'\t',
                b'r' => b'\r',
                b'a' => 7,
                b'b' => 8,
                b'f' => 12,
                b'v' => 11,
                other => other,
            });
            i += 2;
        } else {
            bytes.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Parse `git diff --unified=0` output: path (relative to the repository
/// root) → changed lines of the new file.
pub fn parse_diff(diff: &str) -> HashMap<String, BTreeSet<usize>> {
    let mut out: HashMap<String, BTreeSet<usize>> = HashMap::new();
    let mut current: Option<String> = None;
    for line in diff.lines() {
        if let Some(rest) = line.strip_prefix("+++ ") {
            current = if rest == "/dev/null" {
                None
            } else {
                let path = unquote(rest);
                Some(path.strip_prefix("b/").unwrap_or(&path).to_string())
            };
            continue;
        }
        let (Some(path), Some(rest)) = (&current, line.strip_prefix("@@ ")) else {
            continue;
        };
        // @@ -a[,b] +c[,d] @@
        let Some(plus) = rest.split(' ').find(|p| p.starts_with('+')) else {
            continue;
        };
        let mut it = plus[1..].splitn(2, ',');
        let start: usize = it.next().and_then(|s| s.parse().ok()).unwrap_or(0);
        let count: usize = it.next().and_then(|s| s.parse().ok()).unwrap_or(1);
        let set = out.entry(path.clone()).or_default();
        if count == 0 {
            set.insert(start.max(1));
            set.insert(start + 1);
        } else {
            set.extend(start..start + count);
        }
    }
    out
}

impl Changed {
    /// Ask git what changed since `rev` under `paths`.
    pub fn since(rev: &str, paths: &[PathBuf], cwd: &Path) -> Result<Changed, Report> {
        let top = git(cwd, &["rev-parse", "--show-toplevel"])?;
        if !top.status.success() {
            return Err(miette!(
                code = "guifan::git",
                help = "--changed-since 只能在 git 仓库中使用",
                "当前文件夹 {} 不在 git 仓库中（git：{}）",
                cwd.display(),
                stderr_line(&top)
            ));
        }
        let root =
            PathBuf::from(String::from_utf8_lossy(&top.stdout).trim_end_matches(['\n', '\r']));
        let commit = format!("{rev}^{{commit}}");
        let verify = git(
            cwd,
            &[
                "rev-parse",
                "--verify",
                "--quiet",
                "--end-of-options",
                &commit,
            ],
        )?;
        if !verify.status.success() {
            return Err(miette!(
                code = "guifan::git",
                help = "给出一个提交、分支或标签，如 HEAD~1、origin/main、v1.0",
                "--changed-since：git 仓库中没有修订 `{rev}`"
            ));
        }
        let commit = String::from_utf8_lossy(&verify.stdout).trim().to_string();
        let pathspecs: Vec<String> = paths
            .iter()
            .filter(|p| p.as_os_str() != "-")
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        let mut diff_args = vec![
            "diff",
            "--unified=0",
            "--no-color",
            "--no-ext-diff",
            "--no-textconv",
            &commit,
        ];
        diff_args.push("--");
        diff_args.extend(pathspecs.iter().map(String::as_str));
        let diff = git(cwd, &diff_args)?;
        if !diff.status.success() {
            return Err(miette!(
                code = "guifan::git",
                "git diff 失败：{}",
                stderr_line(&diff)
            ));
        }
        let mut ls_args = vec![
            "ls-files",
            "--others",
            "--exclude-standard",
            "--full-name",
            "--",
        ];
        ls_args.extend(pathspecs.iter().map(String::as_str));
        let untracked = git(cwd, &ls_args)?;
        let canon_root = root.canonicalize().unwrap_or_else(|_| root.clone());
        let mut changed = Changed {
            cwd: cwd.to_path_buf(),
            ..Changed::default()
        };
        for (path, lines) in parse_diff(&String::from_utf8_lossy(&diff.stdout)) {
            changed
                .lines
                .insert(normalize(&canon_root.join(path)), lines);
        }
        if untracked.status.success() {
            for line in String::from_utf8_lossy(&untracked.stdout).lines() {
                if !line.is_empty() {
                    changed
                        .whole
                        .insert(normalize(&canon_root.join(unquote(line))));
                }
            }
        }
        Ok(changed)
    }

    fn lookup(&self, display: &str) -> (Option<&BTreeSet<usize>>, bool) {
        let abs = normalize(&self.cwd.join(display));
        let canon = abs.canonicalize().unwrap_or_else(|_| abs.clone());
        for p in [&abs, &canon] {
            if self.whole.contains(p) {
                return (None, true);
            }
            if let Some(l) = self.lines.get(p) {
                return (Some(l), false);
            }
        }
        (None, false)
    }
}

impl Filter for Changed {
    fn filter(
        &self,
        path: &str,
        source: &str,
        lines: &LineIndex,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        match self.lookup(path) {
            (_, true) => {}
            (None, false) => diagnostics.clear(),
            (Some(changed), false) => diagnostics.retain(|d| {
                let first = lines.line_col(source, d.span.start).line;
                let last = lines
                    .line_col(source, d.span.end.max(d.span.start))
                    .line
                    .max(first);
                changed.range(first..=last).next().is_some()
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_hunks() {
        let diff = "diff --git a/a.txt b/a.txt\n--- a/a.txt\n+++ b/a.txt\n@@ -1,0 +2,2 @@\n+x\n+y\n@@ -5 +7 @@\n-a\n+b\n@@ -9,2 +10,0 @@\n-c\n-d\ndiff --git a/gone.txt b/gone.txt\n--- a/gone.txt\n+++ /dev/null\n@@ -1 +0,0 @@\n-z\n--- a/\"\\346\\226\\207 x.md\"\n+++ \"b/\\346\\226\\207 x.md\"\n@@ -0,0 +1 @@\n+new\n";
        let m = parse_diff(diff);
        assert_eq!(
            m["a.txt"].iter().copied().collect::<Vec<_>>(),
            vec![2, 3, 7, 10, 11]
        );
        assert!(!m.contains_key("gone.txt"));
        assert_eq!(m["文 x.md"].iter().copied().collect::<Vec<_>>(), vec![1]);
    }

    #[test]
    fn unquotes() {
        assert_eq!(unquote("\"a\\tb\""), "a\tb");
        assert_eq!(unquote("plain.txt"), "plain.txt");
        assert_eq!(unquote("\"\\346\\226\\207.md\""), "文.md");
    }
}
