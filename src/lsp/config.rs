//! Configuration per document, cached per `guifan.toml`.
//!
//! The command line resolves one configuration per run; an editor has many
//! documents in many folders, each governed by the `guifan.toml` nearest to
//! it. This cache maps each configuration file (or none) to what
//! [`crate::cli::config::resolve`] built from it, so discovery, rule-set
//! loading and validation stay exactly the CLI's, and a linter is compiled
//! once per configuration, not per keystroke.
//!
//! Reloading keeps the last good configuration: a `guifan.toml` or rule set
//! that fails to load while the user is editing it is reported (a
//! diagnostic on the broken file and a message), and documents keep being
//! checked with what loaded before, instead of losing every finding or the
//! server.

use crate::cli::args::RuleOptions;
use crate::cli::config::{CONFIG_NAMES, Resolved, discover, resolve};
use chrono::NaiveDate;
use guifan::engine::LinterError;
use guifan::{Linter, SourceError};
use miette::Report;
use serde::Deserialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What the client may pass in `initializationOptions` (all optional).
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "kebab-case", default)]
pub struct InitOptions {
    /// Replaces the configuration's `select`.
    pub select: Option<Vec<String>>,
    pub extend_select: Vec<String>,
    pub ignore: Vec<String>,
    /// The date for documents whose text carries none (over the config's).
    pub as_of: Option<String>,
    /// Extra rule sets, after the configuration's; relative to the first
    /// workspace folder.
    pub rules: Vec<PathBuf>,
    /// Milliseconds to wait after a change before checking (default 150).
    pub debounce_ms: Option<u64>,
}

/// A configuration or rule set that did not load.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The file to report it on.
    pub file: PathBuf,
    /// The file's text and the byte span the error points at, when known.
    pub text: Option<Arc<str>>,
    pub span: Option<(usize, usize)>,
    /// The error in Chinese, with its help.
    pub message: String,
}

struct Entry {
    /// What serves documents: the latest configuration that loaded.
    current: Arc<Resolved>,
    /// Why the latest load failed, if it did.
    problem: Option<Problem>,
}

/// What a document is checked with.
pub struct ForDocument {
    pub linter: Arc<Linter>,
    pub as_of: Option<NaiveDate>,
}

/// The configuration cache.
pub struct Configs {
    base: RuleOptions,
    as_of: Option<NaiveDate>,
    /// Workspace folders: where documents without a path look for a config.
    roots: Vec<PathBuf>,
    entries: HashMap<Option<PathBuf>, Entry>,
    /// Folder → nearest configuration file (cleared when files change).
    discovered: HashMap<PathBuf, Option<PathBuf>>,
}

impl Configs {
    /// `Err` names an invalid initialization option (the server then runs
    /// without the options).
    pub fn new(options: InitOptions, roots: Vec<PathBuf>) -> (Configs, Option<String>) {
        let mut error = None;
        let as_of = options.as_of.as_deref().and_then(|s| {
            let d = NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
            if d.is_none() {
                error = Some(format!(
                    "initializationOptions 中的 as-of 日期 `{s}` 无效，应为 YYYY-MM-DD"
                ));
            }
            d
        });
        let anchor = roots
            .first()
            .cloned()
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_default();
        let base = RuleOptions {
            config: None,
            no_config: false,
            rules: options.rules.iter().map(|r| anchor.join(r)).collect(),
            select: options.select,
            extend_select: options.extend_select,
            ignore: options.ignore,
        };
        let configs = Configs {
            base,
            as_of,
            roots,
            entries: HashMap::new(),
            discovered: HashMap::new(),
        };
        (configs, error)
    }

    /// The configuration file that governs a document at `path`.
    fn key_for(&mut self, path: Option<&Path>) -> Option<PathBuf> {
        let dir = match path.and_then(Path::parent) {
            Some(d) => d.to_path_buf(),
            None => self.roots.first().cloned()?,
        };
        self.discovered
            .entry(dir)
            .or_insert_with_key(|d| discover(d))
            .clone()
    }

    fn load(&self, key: &Option<PathBuf>) -> Result<Resolved, Problem> {
        let mut opts = self.base.clone();
        let cwd = match key {
            Some(path) => {
                opts.config = Some(path.clone());
                path.parent().map(Path::to_path_buf).unwrap_or_default()
            }
            None => {
                opts.no_config = true;
                self.roots.first().cloned().unwrap_or_default()
            }
        };
        resolve(&opts, &cwd).map_err(|e| problem(&e, key.as_deref(), &cwd))
    }

    /// The built-in rules with the initialization options, or without them
    /// if they are what is broken.
    fn fallback(&self) -> Arc<Resolved> {
        if let Some(entry) = self.entries.get(&None) {
            return entry.current.clone();
        }
        let cwd = std::env::current_dir().unwrap_or_default();
        let mut opts = self.base.clone();
        opts.no_config = true;
        let resolved = resolve(&opts, &cwd).or_else(|_| {
            resolve(
                &RuleOptions {
                    no_config: true,
                    ..RuleOptions::default()
                },
                &cwd,
            )
        });
        Arc::new(resolved.expect("the built-in rule sets load"))
    }

    fn entry(&mut self, key: Option<PathBuf>) -> &Entry {
        if !self.entries.contains_key(&key) {
            let entry = match self.load(&key) {
                Ok(r) => Entry {
                    current: Arc::new(r),
                    problem: None,
                },
                Err(p) => Entry {
                    current: self.fallback(),
                    problem: Some(p),
                },
            };
            self.entries.insert(key.clone(), entry);
        }
        &self.entries[&key]
    }

    /// The linter and date options for a document at `path`.
    pub fn for_document(&mut self, path: Option<&Path>) -> ForDocument {
        let key = self.key_for(path);
        let as_of = self.as_of;
        let entry = self.entry(key);
        let resolved = &entry.current;
        let linter = resolved
            .linter_for(path)
            .unwrap_or_else(|_| resolved.linter.clone());
        ForDocument {
            linter,
            as_of: as_of.or(resolved.as_of),
        }
    }

    /// Whether a change to these files may change a configuration: a
    /// configuration file anywhere (one may appear nearer to a document),
    /// a rule set one of them loaded, or anything while one is broken.
    pub fn affected_by(&self, paths: &[PathBuf]) -> bool {
        let broken = self.entries.values().any(|e| e.problem.is_some());
        broken
            || paths.iter().any(|p| {
                let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
                let shown = p.display().to_string();
                CONFIG_NAMES.contains(&name)
                    || self
                        .entries
                        .values()
                        .any(|e| e.current.sets.iter().any(|s| s.origin == shown))
            })
    }

    /// Load every known configuration again (files changed on disk);
    /// those that fail keep their last good state.
    pub fn reload(&mut self) {
        self.discovered.clear();
        // A deleted configuration governs nothing any more (documents find
        // the next one up on their next check).
        self.entries
            .retain(|key, _| key.as_ref().is_none_or(|path| path.is_file()));
        let keys: Vec<Option<PathBuf>> = self.entries.keys().cloned().collect();
        for key in keys {
            match self.load(&key) {
                Ok(r) => {
                    let entry = self.entries.get_mut(&key).expect("known key");
                    entry.current = Arc::new(r);
                    entry.problem = None;
                }
                Err(p) => {
                    if let Some(entry) = self.entries.get_mut(&key) {
                        entry.problem = Some(p);
                    }
                }
            }
        }
    }

    /// The current problems, one per broken configuration.
    pub fn problems(&self) -> Vec<Problem> {
        let mut out: Vec<Problem> = self
            .entries
            .values()
            .filter_map(|e| e.problem.clone())
            .collect();
        out.sort_by(|a, b| a.file.cmp(&b.file));
        out.dedup();
        out
    }
}

/// Where a load error points: the rule set or configuration file it
/// names, and the span inside it.
fn problem(report: &Report, config: Option<&Path>, cwd: &Path) -> Problem {
    let mut message = report.to_string();
    if let Some(help) = report.help() {
        message.push_str("\n提示：");
        message.push_str(&help.to_string());
    }
    let rule_set = report.downcast_ref::<SourceError>().or_else(|| {
        match report.downcast_ref::<LinterError>() {
            Some(LinterError::RuleSet(e)) => Some(&**e),
            _ => None,
        }
    });
    let fallback = config
        .map(Path::to_path_buf)
        .unwrap_or_else(|| cwd.join("guifan.toml"));
    match rule_set {
        Some(e) => {
            let name = Path::new(e.src.name());
            let file = if name.is_absolute() {
                name.to_path_buf()
            } else if e.src.name().starts_with("builtin:") {
                fallback
            } else {
                cwd.join(name)
            };
            Problem {
                file,
                text: Some(e.src.inner().clone()),
                span: e.span.map(|s| (s.offset(), s.offset() + s.len())),
                message,
            }
        }
        None => Problem {
            file: fallback,
            text: None,
            span: None,
            message,
        },
    }
}
