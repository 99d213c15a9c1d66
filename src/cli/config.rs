//! Finding `guifan.toml`, loading rule sets, and resolving the settings the
//! linter is built with (config file first, command-line flags over it).
//!
//! Discovery: the nearest `guifan.toml` (or `.guifan.toml`; `guifan.toml`
//! wins when both exist) in the current directory or one of its parents
//! sets up the run (the rules listed, `fail-on`, `as-of`). Then, as ruff
//! does, each file is checked with the configuration nearest to it: a
//! `guifan.toml` in a sub-folder (a second site with its own house style)
//! governs the files below it — its rules, `exclude` and
//! `per-file-ignores` — with the command-line flags applied over it.
//! `--config FILE` names one configuration for every file, `--no-config`
//! uses none.
//! Paths inside the file (`rules`, `exclude`, `per-file-ignores`) are
//! relative to the folder that holds it.

use super::args::RuleOptions;
use super::paths::normalize;
use chrono::NaiveDate;
use guifan::engine::LinterError;
use guifan::{ConfigFile, Linter, RuleSet, Settings, Severity, SourceError};
use ignore::gitignore::{Gitignore, GitignoreBuilder};
use miette::{Report, miette};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

pub const CONFIG_NAMES: [&str; 2] = ["guifan.toml", ".guifan.toml"];

/// The nearest configuration file at or above `dir`.
pub fn discover(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .find_map(|d| CONFIG_NAMES.iter().map(|n| d.join(n)).find(|p| p.is_file()))
}

/// Whether `path` (absolute, normalized) is excluded by the config's
/// `exclude` globs, which are rooted at the config's folder.
pub fn is_excluded(gi: &Gitignore, root: &Path, path: &Path, is_dir: bool) -> bool {
    path.starts_with(root) && gi.matched_path_or_any_parents(path, is_dir).is_ignore()
}

/// A configuration file as read, kept to point at its lines in errors.
struct LoadedConfig {
    path: PathBuf,
    origin: String,
    text: Arc<str>,
    file: ConfigFile,
}

/// Everything a run needs to build linters and choose files.
pub struct Resolved {
    /// The folder config-relative paths are resolved against (cwd without a config).
    pub root: PathBuf,
    pub sets: Vec<RuleSet>,
    pub settings: Settings,
    pub linter: Arc<Linter>,
    pub fail_on: Option<Severity>,
    pub as_of: Option<NaiveDate>,
    pub exclude: Option<Gitignore>,
    /// `force-exclude = true`: `exclude` applies to files named on the
    /// command line too.
    pub force_exclude: bool,
    per_file: Vec<(Gitignore, Vec<String>)>,
    per_file_linters: Mutex<HashMap<Vec<usize>, Arc<Linter>>>,
    /// The configuration file read (`None`: none).
    pub path: Option<PathBuf>,
    /// Found by discovery: files under a folder with a nearer
    /// configuration file use that one.
    nested: Option<Nested>,
}

/// The configurations nearer to some files than the run's own.
struct Nested {
    opts: RuleOptions,
    cwd: PathBuf,
    /// folder → its nearest configuration file
    dirs: Mutex<HashMap<PathBuf, Option<PathBuf>>>,
    /// configuration file → resolved (or why it could not be)
    configs: Mutex<HashMap<PathBuf, Result<Arc<Resolved>, String>>>,
}

impl Nested {
    fn nearest(&self, dir: &Path) -> Option<PathBuf> {
        let mut dirs = self.dirs.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(found) = dirs.get(dir) {
            return found.clone();
        }
        let found = discover(dir);
        dirs.insert(dir.to_path_buf(), found.clone());
        found
    }

    fn resolved(&self, config: &Path) -> Result<Arc<Resolved>, String> {
        let mut configs = self.configs.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(r) = configs.get(config) {
            return r.clone();
        }
        let r = resolve_with(&self.opts, &self.cwd, Some(config.to_path_buf()))
            .map(Arc::new)
            .map_err(|e| e.to_string());
        configs.insert(config.to_path_buf(), r.clone());
        r
    }
}

impl Resolved {
    /// The configuration nearer to `path` (absolute, normalized) than this
    /// one, if there is one (`Err`: it is invalid; the message says why).
    pub fn nearer(&self, path: &Path) -> Result<Option<Arc<Resolved>>, String> {
        let Some(nested) = &self.nested else {
            return Ok(None);
        };
        let Some(dir) = path.parent() else {
            return Ok(None);
        };
        match nested.nearest(dir) {
            Some(found) if Some(&found) != self.path.as_ref() => nested.resolved(&found).map(Some),
            _ => Ok(None),
        }
    }

    /// Whether the `exclude` of the configuration that governs `path`
    /// (absolute, normalized) excludes it.
    pub fn excluded(&self, path: &Path, is_dir: bool) -> bool {
        match self.nearer(path) {
            Ok(Some(sub)) => sub.excluded(path, is_dir),
            Err(_) => false,
            Ok(None) => self
                .exclude
                .as_ref()
                .is_some_and(|gi| is_excluded(gi, &self.root, path, is_dir)),
        }
    }

    /// Whether `force-exclude` (of the governing configuration, or the flag)
    /// removes a file named on the command line.
    pub fn force_excluded(&self, path: &Path, flag: bool) -> bool {
        match self.nearer(path) {
            Ok(Some(sub)) => sub.force_excluded(path, flag),
            Err(_) => false,
            Ok(None) => (flag || self.force_exclude) && self.excluded(path, false),
        }
    }

    /// The linter for a file: the one of its nearest configuration, with
    /// the file's `per-file-ignores` added (built once per combination,
    /// then shared).
    pub fn linter_for(&self, path: Option<&Path>) -> Result<Arc<Linter>, Report> {
        let Some(path) = path else {
            return Ok(self.linter.clone());
        };
        match self.nearer(path) {
            Ok(Some(sub)) => return sub.linter_for(Some(path)),
            Err(e) => return Err(miette!("{e}")),
            Ok(None) => {}
        }
        let matching: Vec<usize> = self
            .per_file
            .iter()
            .enumerate()
            .filter(|(_, (g, _))| {
                path.starts_with(&self.root)
                    && g.matched_path_or_any_parents(path, false).is_ignore()
            })
            .map(|(i, _)| i)
            .collect();
        if matching.is_empty() {
            return Ok(self.linter.clone());
        }
        let mut cache = self
            .per_file_linters
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        if let Some(l) = cache.get(&matching) {
            return Ok(l.clone());
        }
        let mut settings = self.settings.clone();
        for &i in &matching {
            settings.ignore.extend(self.per_file[i].1.iter().cloned());
        }
        let linter = Arc::new(Linter::new(&self.sets, &settings).map_err(Report::new)?);
        cache.insert(matching, linter.clone());
        Ok(linter)
    }
}

fn read_config(path: &Path, cwd: &Path) -> Result<LoadedConfig, Report> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        miette!(
            code = "guifan::io",
            "无法读取配置文件 {}：{e}",
            path.display()
        )
    })?;
    // Shown relative to the current folder when it is inside it.
    let origin = path.strip_prefix(cwd).unwrap_or(path).display().to_string();
    let file = ConfigFile::parse(&origin, &text).map_err(Report::new)?;
    Ok(LoadedConfig {
        path: path.to_path_buf(),
        origin,
        text: Arc::from(text),
        file,
    })
}

/// Read and validate a rule-set file.
pub fn load_rule_set(path: &Path) -> Result<RuleSet, Report> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        miette!(
            code = "guifan::io",
            "无法读取规则集 {}：{e}",
            path.display()
        )
    })?;
    RuleSet::parse(&path.display().to_string(), &text).map_err(Report::new)
}

/// Levenshtein distance over chars.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The known name closest to `wanted`, if it is close enough to be a typo
/// (or `wanted` is the name part of an id without its family).
pub fn closest<'a>(wanted: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let mut best: Option<(usize, &str)> = None;
    for k in known {
        let tail = k.rsplit('/').next().unwrap_or(k);
        let d = if tail == wanted {
            0
        } else {
            distance(wanted, k).min(distance(wanted, tail) + 1)
        };
        if best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, k));
        }
    }
    let limit = |w: &str| (w.chars().count() / 3).max(2);
    best.filter(|(d, _)| *d <= limit(wanted)).map(|(_, k)| k)
}

/// Every valid selector: rule ids, families, `all` (sorted).
pub fn selectors(sets: &[RuleSet]) -> Vec<String> {
    let mut out: Vec<String> = sets
        .iter()
        .flat_map(|s| s.rules.iter().map(|r| r.meta.id.clone()))
        .collect();
    out.extend(
        guifan::rule::Family::ALL
            .iter()
            .map(|f| f.as_str().to_string()),
    );
    out.push("all".into());
    out.sort();
    out.dedup();
    out
}

/// The help line for an unknown selector: the closest known one, if any.
pub fn suggestion(bad: &str, known: &[String]) -> String {
    match closest(bad, known.iter().map(String::as_str)) {
        Some(s) => format!("你是不是想写 `{s}`？用 `guifan rules` 查看全部规则 id"),
        None => "用 `guifan rules` 查看全部规则 id".to_string(),
    }
}

/// Where `needle` appears as a TOML string or bare key in `text`.
fn locate(text: &str, needle: &str) -> Option<std::ops::Range<usize>> {
    for q in ['"', '\''] {
        let quoted = format!("{q}{needle}{q}");
        if let Some(i) = text.find(&quoted) {
            return Some(i + 1..i + 1 + needle.len());
        }
    }
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix(needle)
            && rest.trim_start().starts_with('=')
        {
            let start = offset + (line.len() - trimmed.len());
            return Some(start..start + needle.len());
        }
        offset += line.len();
    }
    None
}

fn config_error(
    cfg: &LoadedConfig,
    span: Option<std::ops::Range<usize>>,
    message: String,
    label: &str,
    help: String,
) -> Report {
    Report::new(SourceError::new(&cfg.origin, &cfg.text, span, message, label).with_help(help))
}

/// Load the configuration and rule sets and build the linter.
pub fn resolve(opts: &RuleOptions, cwd: &Path) -> Result<Resolved, Report> {
    let (config_path, discovered) = if opts.no_config {
        (None, false)
    } else if let Some(p) = &opts.config {
        (Some(normalize(&cwd.join(p))), false)
    } else {
        (discover(cwd), true)
    };
    let mut resolved = resolve_with(opts, cwd, config_path)?;
    if discovered {
        resolved.nested = Some(Nested {
            opts: opts.clone(),
            cwd: cwd.to_path_buf(),
            dirs: Mutex::new(HashMap::new()),
            configs: Mutex::new(HashMap::new()),
        });
    }
    Ok(resolved)
}

/// Resolve with the configuration file `config_path` (or none).
fn resolve_with(
    opts: &RuleOptions,
    cwd: &Path,
    config_path: Option<PathBuf>,
) -> Result<Resolved, Report> {
    let cfg = config_path
        .as_deref()
        .map(|p| read_config(p, cwd))
        .transpose()?;
    let root = cfg
        .as_ref()
        .and_then(|c| c.path.parent().map(Path::to_path_buf))
        .unwrap_or_else(|| cwd.to_path_buf());
    let sets = rule_sets(opts, cwd, cfg.as_ref(), &root)?;
    let known = selectors(&sets);
    check_cli_selectors(opts, &known)?;
    let mut settings = cfg.as_ref().map(|c| c.file.settings()).unwrap_or_default();
    if let Some(sel) = &opts.select {
        settings.select = Some(sel.clone());
    }
    settings
        .extend_select
        .extend(opts.extend_select.iter().cloned());
    settings.ignore.extend(opts.ignore.iter().cloned());
    let linter = build_linter(&sets, &settings, cfg.as_ref(), &known)?;
    let policies = match &cfg {
        Some(c) => file_policies(c, &root, &known)?,
        None => FilePolicies::default(),
    };
    Ok(Resolved {
        root,
        sets,
        settings,
        linter: Arc::new(linter),
        fail_on: policies.fail_on,
        as_of: policies.as_of,
        exclude: policies.exclude,
        force_exclude: cfg.as_ref().is_some_and(|c| c.file.force_exclude),
        per_file: policies.per_file,
        per_file_linters: Mutex::new(HashMap::new()),
        path: config_path,
        nested: None,
    })
}

/// The rule sets of a run: built-ins, then the config file's, then `--rules`.
fn rule_sets(
    opts: &RuleOptions,
    cwd: &Path,
    cfg: Option<&LoadedConfig>,
    root: &Path,
) -> Result<Vec<RuleSet>, Report> {
    let mut sets = guifan::ruleset::builtin_rule_sets().map_err(Report::new)?;
    if let Some(c) = cfg {
        for r in &c.file.rules {
            let path = normalize(&root.join(r));
            if !path.is_file() {
                let span = locate(&c.text, r);
                return Err(config_error(
                    c,
                    span,
                    format!("配置中的规则集 {} 不存在", path.display()),
                    "找不到此文件",
                    "`rules` 中的路径相对于配置文件所在的文件夹".into(),
                ));
            }
            sets.push(load_rule_set(&path)?);
        }
    }
    for r in &opts.rules {
        sets.push(load_rule_set(&cwd.join(r))?);
    }
    Ok(sets)
}

/// Command-line selectors are checked here, so that the error names the flag.
fn check_cli_selectors(opts: &RuleOptions, known: &[String]) -> Result<(), Report> {
    for (flag, list) in [
        ("--select", opts.select.iter().flatten().collect::<Vec<_>>()),
        ("--extend-select", opts.extend_select.iter().collect()),
        ("--ignore", opts.ignore.iter().collect()),
    ] {
        if let Some(bad) = list.into_iter().find(|s| known.binary_search(s).is_err()) {
            return Err(miette!(
                code = "guifan::unknown_rule",
                help = suggestion(bad, known),
                "未知的规则或规则族 `{bad}`（出现在 {flag}）"
            ));
        }
    }
    Ok(())
}

/// The linter, with an unknown selector in the config file pointed at there.
fn build_linter(
    sets: &[RuleSet],
    settings: &Settings,
    cfg: Option<&LoadedConfig>,
    known: &[String],
) -> Result<Linter, Report> {
    match Linter::new(sets, settings) {
        Ok(l) => Ok(l),
        Err(LinterError::UnknownSelector { selector, place }) => {
            let help = suggestion(&selector, known);
            Err(match cfg {
                Some(c) => config_error(
                    c,
                    locate(&c.text, &selector),
                    format!(
                        "配置文件 {} 中有未知的规则或规则族 `{selector}`（{place}）",
                        c.origin
                    ),
                    "未知的规则",
                    help,
                ),
                None => miette!(
                    code = "guifan::unknown_rule",
                    help = help,
                    "未知的规则或规则族 `{selector}`（{place}）"
                ),
            })
        }
        Err(e) => Err(Report::new(e)),
    }
}

/// What a config file says about files beyond rule selection.
#[derive(Default)]
struct FilePolicies {
    fail_on: Option<Severity>,
    as_of: Option<NaiveDate>,
    exclude: Option<Gitignore>,
    per_file: Vec<(Gitignore, Vec<String>)>,
}

/// `fail-on`, `as-of`, `exclude` and `per-file-ignores` of a config file.
fn file_policies(c: &LoadedConfig, root: &Path, known: &[String]) -> Result<FilePolicies, Report> {
    let fail_on = c.file.fail_on;
    let mut as_of = None;
    let mut exclude = None;
    let mut per_file = Vec::new();
    if let Some(s) = &c.file.as_of {
        as_of = Some(NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| {
            config_error(
                c,
                locate(&c.text, s),
                format!("配置文件 {} 中的 as-of 日期 `{s}` 无效", c.origin),
                "应为 YYYY-MM-DD",
                "例如 as-of = \"2024-01-01\"".into(),
            )
        })?);
    }
    if !c.file.exclude.is_empty() {
        let mut b = GitignoreBuilder::new(root);
        for glob in &c.file.exclude {
            b.add_line(None, glob).map_err(|e| {
                config_error(
                    c,
                    locate(&c.text, glob),
                    format!("exclude 中的模式无效：{e}"),
                    "此处",
                    "exclude 使用 .gitignore 语法".into(),
                )
            })?;
        }
        exclude = Some(b.build().map_err(|e| miette!("exclude 无效：{e}"))?);
    }
    for (glob, ids) in &c.file.per_file_ignores {
        for id in ids {
            if known.binary_search(id).is_err() {
                return Err(config_error(
                    c,
                    locate(&c.text, id),
                    format!(
                        "配置文件 {} 中有未知的规则或规则族 `{id}`（per-file-ignores）",
                        c.origin
                    ),
                    "未知的规则",
                    suggestion(id, known),
                ));
            }
        }
        let mut b = GitignoreBuilder::new(root);
        b.add_line(None, glob).map_err(|e| {
            config_error(
                c,
                locate(&c.text, glob),
                format!("per-file-ignores 中的模式无效：{e}"),
                "此处",
                "使用 .gitignore 语法".into(),
            )
        })?;
        let g = b
            .build()
            .map_err(|e| miette!("per-file-ignores 无效：{e}"))?;
        per_file.push((g, ids.clone()));
    }
    Ok(FilePolicies {
        fail_on,
        as_of,
        exclude,
        per_file,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_ids() {
        let known = [
            "punctuation/halfwidth-in-cjk",
            "punctuation",
            "dates",
            "all",
        ];
        assert_eq!(
            closest("punctuation/halfwidth-in-cjc", known),
            Some("punctuation/halfwidth-in-cjk")
        );
        assert_eq!(
            closest("halfwidth-in-cjk", known),
            Some("punctuation/halfwidth-in-cjk")
        );
        assert_eq!(closest("date", known), Some("dates"));
        assert_eq!(closest("zzzzzzzzzz", known), None);
    }

    #[test]
    fn locates_strings_and_keys() {
        let text = "select = [\"punctuation/x\"]\n[severity]\ndates2 = \"info\"\n";
        assert_eq!(locate(text, "punctuation/x"), Some(11..24));
        let r = locate(text, "dates2").unwrap();
        assert_eq!(&text[r], "dates2");
    }
}
