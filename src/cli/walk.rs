//! Turning the paths on the command line into the sorted list of inputs.
//!
//! Folders are walked with the `ignore` crate: `.gitignore` (in or out of a
//! git repository), `.ignore` and `.guifanignore` are respected unless
//! `--no-ignore`; hidden files and folders are skipped unless `--hidden`;
//! the config's `exclude` globs prune the walk. Only files with a known
//! extension (`.txt .md .html .docx` …, and `.doc .wps` to be reported as
//! unreadable) are picked up in folders, but a file named
//! on the command line is always checked, whatever its extension and even
//! if ignore files or `exclude` would skip it (as ruff does by default).
//!
//! Only regular files are read: a FIFO, a device or a socket named on the
//! command line is a per-file error; one found in a folder is skipped with
//! a warning. Symlinks in folders are not followed. guifan's own temporary
//! files and backups (`.<name>.guifan-<pid>-<random>.tmp`/`.bak`) are never
//! picked up.

use super::config::{Resolved, is_excluded};
use super::paths::{display, normalize};
use super::read::{is_symlink_loop, not_regular, special_kind};
use super::write::leftover;
use guifan::Format;
use ignore::WalkBuilder;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// A legacy binary word-processing document (`.doc`, `.wps`): never
/// checked, but reported, so that a folder walk does not pass over it in
/// silence (spreadsheets and slides are reported only when named).
fn is_binary_word(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("doc") || e.eq_ignore_ascii_case("wps"))
}

/// What a path names.
#[derive(Debug)]
pub enum Source {
    /// A file seen to be a regular file when the inputs were collected
    /// (its directory entry in a walk, or a `stat` of a named path).
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
    /// `--force-exclude` (or `force-exclude = true` in the config): the
    /// config's `exclude` also skips files named on the command line.
    pub force_exclude: bool,
    pub no_ignore: bool,
    pub hidden: bool,
    pub stdin_filename: Option<&'a str>,
}

/// What the paths on the command line name.
#[derive(Debug, Default)]
pub struct Collected {
    /// The inputs, sorted by displayed path.
    pub inputs: Vec<Input>,
    /// Folders that held nothing to check.
    pub empty_dirs: Vec<String>,
    /// Entries of walked folders that look like inputs but are not regular
    /// files (a FIFO named `x.txt`): the path and why, sorted.
    pub skipped: Vec<(String, String)>,
}

/// The inputs, the folders that held nothing to check, and what was skipped.
pub fn collect(
    paths: &[PathBuf],
    cwd: &Path,
    opts: &WalkOptions<'_>,
    config: &Resolved,
) -> Collected {
    let mut inputs = Vec::new();
    let mut empty_dirs = Vec::new();
    let mut skipped = Vec::new();
    // FxHash: SipHash of every path was a tenth of the walk's cost.
    let mut seen = rustc_hash::FxHashSet::default();
    let mut push = |inputs: &mut Vec<Input>, input: Input| {
        if input.abs.as_ref().is_none_or(|k| seen.insert(k.clone()))
            || matches!(input.source, Source::Stdin)
        {
            inputs.push(input);
        }
    };
    let force_excluded = |abs: &Path| config.force_excluded(abs, opts.force_exclude);
    for path in paths {
        if path.as_os_str() == "-" {
            let name = opts.stdin_filename.unwrap_or("-");
            if opts
                .stdin_filename
                .is_some_and(|n| force_excluded(&normalize(&cwd.join(n))))
            {
                continue;
            }
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
                let why = if is_symlink_loop(&e) {
                    "是符号链接循环（符号链接层数过多），无法解析".to_string()
                } else if e.kind() == std::io::ErrorKind::NotFound
                    && std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
                {
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
                walk_dir(path, cwd, opts, config, &mut skipped, &mut |i| {
                    push(&mut inputs, i)
                });
                if inputs.len() == before {
                    empty_dirs.push(shown);
                }
            }
            Ok(meta) if !meta.is_dir() && force_excluded(&abs) => {}
            Ok(meta) => push(
                &mut inputs,
                Input {
                    display: shown,
                    abs: Some(abs.clone()),
                    source: match special_kind(&meta) {
                        Some(kind) => Source::Error(not_regular(kind)),
                        None => Source::File(path.clone()),
                    },
                },
            ),
        }
    }
    inputs.sort_by(|a, b| a.display.cmp(&b.display));
    skipped.sort();
    Collected {
        inputs,
        empty_dirs,
        skipped,
    }
}

/// Keep one name of each file (the first): `fix` must not rewrite one file
/// twice at once through two hard links or a symlink and its target.
pub fn one_name_per_file(inputs: Vec<Input>) -> Vec<Input> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let mut seen = HashSet::new();
        inputs
            .into_iter()
            .filter(|i| match &i.source {
                Source::File(p) => {
                    std::fs::metadata(p).map_or(true, |m| seen.insert((m.dev(), m.ino())))
                }
                _ => true,
            })
            .collect()
    }
    #[cfg(not(unix))]
    {
        inputs
    }
}

fn walk_dir(
    dir: &Path,
    cwd: &Path,
    opts: &WalkOptions<'_>,
    config: &Resolved,
    skipped: &mut Vec<(String, String)>,
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
    // Entries below `dir` are `dir` joined with plain names (never `.` or
    // `..`): their absolute path is `dir`'s, normalized once, joined with
    // the rest.
    let dir_abs = normalize(&cwd.join(dir));
    let exclude = config.exclude.clone();
    let cwd_owned = cwd.to_path_buf();
    let root = config.root.clone();
    builder.filter_entry(move |entry| {
        if entry.depth() == 0 {
            return true;
        }
        // guifan's own temporary files and backups, whatever `--hidden` says.
        if entry.file_name().to_str().and_then(leftover).is_some() {
            return false;
        }
        exclude.as_ref().is_none_or(|gi| {
            let abs = normalize(&cwd_owned.join(entry.path()));
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            !is_excluded(gi, &root, &abs, is_dir)
        })
    });
    for entry in builder.build() {
        match entry {
            Ok(e) => {
                let Some(file_type) = e.file_type() else {
                    continue;
                };
                if e.depth() == 0 || file_type.is_dir() || file_type.is_symlink() {
                    continue;
                }
                // Binary Word-processing documents (.doc, .wps) are taken up
                // too, to be reported as not checked (save as .docx).
                if !Format::is_known_extension(e.path()) && !is_binary_word(e.path()) {
                    continue;
                }
                let abs = match e.path().strip_prefix(dir) {
                    Ok(rest) => dir_abs.join(rest),
                    Err(_) => normalize(&cwd.join(e.path())),
                };
                // A nearer configuration's `exclude` (the run's own prunes
                // the walk above).
                if config.excluded(&abs, false) {
                    continue;
                }
                if !file_type.is_file() {
                    // A FIFO, device or socket with a text file's name:
                    // reading it could block or never end.
                    let why = e
                        .metadata()
                        .ok()
                        .and_then(|m| special_kind(&m))
                        .unwrap_or("特殊文件");
                    skipped.push((display(e.path()), format!("是{why}，不是普通文件")));
                    continue;
                }
                push(Input {
                    display: display(e.path()),
                    abs: Some(abs),
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
