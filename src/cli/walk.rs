//! Turning the paths on the command line into the sorted list of inputs.
//!
//! Folders are walked with the `ignore` crate: `.gitignore` (in or out of a
//! git repository), `.ignore` and `.guifanignore` are respected unless
//! `--no-ignore`; hidden files and folders are skipped unless `--hidden`;
//! the config's `exclude` globs prune the walk. Only files with a known
//! extension (`.txt .md .html` …) are picked up in folders, but a file named
//! on the command line is always checked, whatever its extension and even
//! if ignore files or `exclude` would skip it (as ruff does by default).

use super::config::{Resolved, is_excluded};
use super::paths::{display, normalize};
use guifan::Format;
use ignore::WalkBuilder;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// What a path names.
#[derive(Debug)]
pub enum Source {
    File(PathBuf),
    Stdin,
    /// The path could not be used: the message says why.
    Error(String),
}

#[derive(Debug)]
pub struct Input {
    /// As shown in reports.
    pub display: String,
    /// Absolute and normalized (for config globs); `None` for stdin without a name.
    pub abs: Option<PathBuf>,
    pub source: Source,
}

pub struct WalkOptions<'a> {
    pub no_ignore: bool,
    pub hidden: bool,
    pub stdin_filename: Option<&'a str>,
}

/// The inputs, sorted by displayed path, and the folders that held nothing to check.
pub fn collect(
    paths: &[PathBuf],
    cwd: &Path,
    opts: &WalkOptions<'_>,
    config: &Resolved,
) -> (Vec<Input>, Vec<String>) {
    let mut inputs = Vec::new();
    let mut empty_dirs = Vec::new();
    let mut seen = HashSet::new();
    let mut push = |inputs: &mut Vec<Input>, input: Input| {
        let key = input.abs.clone();
        if key.as_ref().is_none_or(|k| seen.insert(k.clone()))
            || matches!(input.source, Source::Stdin)
        {
            inputs.push(input);
        }
    };
    for path in paths {
        if path.as_os_str() == "-" {
            let name = opts.stdin_filename.unwrap_or("-");
            push(
                &mut inputs,
                Input {
                    display: name.to_string(),
                    abs: opts.stdin_filename.map(|n| normalize(&cwd.join(n))),
                    source: Source::Stdin,
                },
            );
            continue;
        }
        let abs = normalize(&cwd.join(path));
        let shown = display(path);
        match std::fs::metadata(path) {
            Err(e) => {
                let why = if std::fs::symlink_metadata(path).is_ok() {
                    "是指向不存在文件的符号链接".to_string()
                } else if e.kind() == std::io::ErrorKind::NotFound {
                    "不存在".to_string()
                } else {
                    format!("无法访问：{e}")
                };
                push(
                    &mut inputs,
                    Input {
                        display: shown,
                        abs: Some(abs),
                        source: Source::Error(why),
                    },
                );
            }
            Ok(meta) if meta.is_dir() => {
                let before = inputs.len();
                walk_dir(path, cwd, opts, config, &mut |i| push(&mut inputs, i));
                if inputs.len() == before {
                    empty_dirs.push(shown);
                }
            }
            Ok(_) => push(
                &mut inputs,
                Input {
                    display: shown,
                    abs: Some(abs.clone()),
                    source: Source::File(path.clone()),
                },
            ),
        }
    }
    inputs.sort_by(|a, b| a.display.cmp(&b.display));
    (inputs, empty_dirs)
}

fn walk_dir(
    dir: &Path,
    cwd: &Path,
    opts: &WalkOptions<'_>,
    config: &Resolved,
    push: &mut dyn FnMut(Input),
) {
    let mut builder = WalkBuilder::new(dir);
    builder
        .hidden(!opts.hidden)
        .ignore(!opts.no_ignore)
        .git_ignore(!opts.no_ignore)
        .git_global(!opts.no_ignore)
        .git_exclude(!opts.no_ignore)
        .parents(!opts.no_ignore)
        .require_git(false)
        .follow_links(false);
    if !opts.no_ignore {
        builder.add_custom_ignore_filename(".guifanignore");
    }
    if let Some(gi) = config.exclude.clone() {
        let cwd = cwd.to_path_buf();
        let root = config.root.clone();
        builder.filter_entry(move |entry| {
            let abs = normalize(&cwd.join(entry.path()));
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            entry.depth() == 0 || !is_excluded(&gi, &root, &abs, is_dir)
        });
    }
    for entry in builder.build() {
        match entry {
            Ok(e) => {
                if e.depth() == 0 || !e.file_type().is_some_and(|t| t.is_file()) {
                    continue;
                }
                if !Format::is_known_extension(e.path()) {
                    continue;
                }
                push(Input {
                    display: display(e.path()),
                    abs: Some(normalize(&cwd.join(e.path()))),
                    source: Source::File(e.path().to_path_buf()),
                });
            }
            // A malformed line in an ignore file: the walk goes on without it.
            Err(ignore::Error::Partial(_)) => {}
            Err(err) => {
                let (path, msg) = walk_error(&err);
                push(Input {
                    display: path.map(|p| display(&p)).unwrap_or_else(|| display(dir)),
                    abs: None,
                    source: Source::Error(msg),
                });
            }
        }
    }
}

fn walk_error(err: &ignore::Error) -> (Option<PathBuf>, String) {
    match err {
        ignore::Error::WithPath { path, err } => (Some(path.clone()), format!("无法读取：{err}")),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            walk_error(err)
        }
        other => (None, format!("遍历文件夹时出错：{other}")),
    }
}
