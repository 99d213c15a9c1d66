//! Gradual adoption: `guifan baseline` records the findings a repository
//! has today; `guifan check --baseline FILE` then reports only new ones.
//!
//! A finding is matched by its file (relative to the baseline file's
//! folder), its rule and its [`fingerprint`] (the text it covers and a few
//! characters of context, not its line), counting repetitions: a baseline
//! entry with `count: 2` hides two equal findings in that file, a third is
//! new. Adding or removing lines elsewhere therefore resurrects nothing,
//! while a new error in a recorded sentence is reported.
//!
//! Entries that no longer match anything (the finding was fixed, or its
//! file is gone) are stale: they are named on stderr (and in the JSON
//! report's `baseline` key) so the file can be recorded again.
//!
//! The file is JSON, versioned, with files and entries sorted, so it diffs
//! well under version control:
//!
//! ```json
//! {
//!   "version": 1,
//!   "tool": "guifan",
//!   "fingerprint": "sha256(rule, text, context 8 chars)/v1",
//!   "files": {
//!     "docs/a.md": [
//!       { "rule": "punctuation/halfwidth-in-cjk", "fingerprint": "0f1e…", "count": 1, "text": "," }
//!     ]
//!   }
//! }
//! ```

use super::check::Filter;
use super::paths::normalize;
use guifan::Diagnostic;
use guifan::document::LineIndex;
use guifan::report::fingerprint::{FINGERPRINT_VERSION, fingerprint, parts};
use guifan::report::{BaselineSummary, FileReport, Reporter, StaleEntry, Summary};
use miette::{Report, miette};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The baseline file format's version.
pub const BASELINE_VERSION: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaselineFile {
    pub version: u32,
    pub tool: String,
    pub fingerprint: String,
    pub files: BTreeMap<String, Vec<Entry>>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub rule: String,
    pub fingerprint: String,
    pub count: usize,
    /// The text of the finding (for people reading the file; not matched).
    #[serde(default)]
    pub text: String,
}

fn scheme() -> String {
    format!("sha256(rule, text, context 8 chars)/v{FINGERPRINT_VERSION}")
}

/// How a file is named in a baseline: relative to the baseline's folder
/// with `/` separators when it lies inside it, else absolute; stdin
/// without a name is `-`.
pub fn key(display: &str, cwd: &Path, base: &Path) -> String {
    if display == "-" {
        return "-".into();
    }
    let abs = normalize(&cwd.join(display));
    match abs.strip_prefix(base) {
        Ok(rel) => rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/"),
        Err(_) => abs.to_string_lossy().into_owned(),
    }
}

/// The folder a baseline file's paths are relative to.
pub fn base_dir(file: &Path, cwd: &Path) -> PathBuf {
    normalize(&cwd.join(file))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| cwd.to_path_buf())
}

/// (rule, fingerprint) → (count, text) for one file.
type FileEntries = BTreeMap<(String, String), (usize, String)>;

/// Records findings for `guifan baseline`.
pub struct Recorder {
    cwd: PathBuf,
    base: PathBuf,
    /// key → (rule, fingerprint) → (count, text)
    files: BTreeMap<String, FileEntries>,
    pub findings: usize,
    pub failed: Vec<(String, String)>,
}

impl Recorder {
    pub fn new(file: &Path, cwd: &Path) -> Self {
        Recorder {
            cwd: cwd.to_path_buf(),
            base: base_dir(file, cwd),
            files: BTreeMap::new(),
            findings: 0,
            failed: Vec::new(),
        }
    }

    pub fn into_file(self) -> BaselineFile {
        BaselineFile {
            version: BASELINE_VERSION,
            tool: "guifan".into(),
            fingerprint: scheme(),
            files: self
                .files
                .into_iter()
                .map(|(path, entries)| {
                    let list = entries
                        .into_iter()
                        .map(|((rule, fingerprint), (count, text))| Entry {
                            rule,
                            fingerprint,
                            count,
                            text,
                        })
                        .collect();
                    (path, list)
                })
                .collect(),
        }
    }
}

/// At most this many characters of a finding's text are kept in the file.
const TEXT_CHARS: usize = 40;

impl Reporter for Recorder {
    fn file(&mut self, _out: &mut dyn Write, report: &FileReport<'_>) -> io::Result<()> {
        if let Some(e) = &report.error {
            self.failed.push((report.path.to_string(), e.clone()));
        }
        if report.diagnostics.is_empty() {
            return Ok(());
        }
        let entries = self
            .files
            .entry(key(report.path, &self.cwd, &self.base))
            .or_default();
        for d in report.diagnostics {
            self.findings += 1;
            let text: String = parts(report.source, d).0.chars().take(TEXT_CHARS).collect();
            let e = entries
                .entry((d.rule.clone(), fingerprint(report.source, d)))
                .or_insert((0, text));
            e.0 += 1;
        }
        Ok(())
    }

    fn finish(&mut self, _out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        Ok(())
    }
}

/// Write `file` to `path` atomically (a temporary file beside it, renamed).
pub fn write(path: &Path, file: &BaselineFile) -> Result<(), Report> {
    let mut text = serde_json::to_string_pretty(file).map_err(|e| miette!("{e}"))?;
    text.push('\n');
    super::output::write_atomic(path, text.as_bytes()).map_err(|e| {
        miette!(
            code = "guifan::io",
            "无法写入基线文件 {}：{e}",
            path.display()
        )
    })
}

/// Read and validate a baseline file.
pub fn read(path: &Path) -> Result<BaselineFile, Report> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        miette!(
            code = "guifan::baseline",
            help = "用 `guifan baseline -o FILE` 生成基线文件",
            "无法读取基线文件 {}：{}",
            path.display(),
            super::read::io_message(&e)
        )
    })?;
    let file: BaselineFile = serde_json::from_str(&text).map_err(|e| {
        miette!(
            code = "guifan::baseline",
            help = "用 `guifan baseline -o FILE` 重新生成",
            "基线文件 {} 无效（第 {} 行第 {} 列）：{e}",
            path.display(),
            e.line(),
            e.column()
        )
    })?;
    if file.version != BASELINE_VERSION || file.fingerprint != scheme() {
        return Err(miette!(
            code = "guifan::baseline",
            help = "用这一版 guifan 的 `guifan baseline` 重新生成",
            "基线文件 {} 的版本（{}，{}）与这一版 guifan 不符（{BASELINE_VERSION}，{}）",
            path.display(),
            file.version,
            file.fingerprint,
            scheme()
        ));
    }
    Ok(file)
}

/// `guifan check --baseline`: hides recorded findings.
pub struct BaselineFilter {
    name: String,
    cwd: PathBuf,
    base: PathBuf,
    state: Mutex<State>,
}

struct State {
    /// key → (rule, fingerprint) → remaining count
    remaining: HashMap<String, HashMap<(String, String), usize>>,
    checked: HashSet<String>,
    matched: usize,
}

impl BaselineFilter {
    pub fn new(name: &Path, file: BaselineFile, cwd: &Path) -> Self {
        let remaining = file
            .files
            .into_iter()
            .map(|(path, entries)| {
                let mut m: HashMap<(String, String), usize> = HashMap::new();
                for e in entries {
                    *m.entry((e.rule, e.fingerprint)).or_insert(0) += e.count;
                }
                (path, m)
            })
            .collect();
        BaselineFilter {
            name: name.display().to_string(),
            cwd: cwd.to_path_buf(),
            base: base_dir(name, cwd),
            state: Mutex::new(State {
                remaining,
                checked: HashSet::new(),
                matched: 0,
            }),
        }
    }

    /// What the run matched and left stale so far.
    pub fn summary(&self) -> Option<BaselineSummary> {
        let state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        Some(BaselineSummary {
            file: self.name.clone(),
            matched: state.matched,
            stale: self.stale(&state),
        })
    }

    /// The entries left unmatched in files that were checked or no longer exist.
    fn stale(&self, state: &State) -> Vec<StaleEntry> {
        let mut out: Vec<StaleEntry> = Vec::new();
        for (path, entries) in &state.remaining {
            let gone = path != "-" && !self.base.join(path).exists();
            if !state.checked.contains(path) && !gone {
                continue;
            }
            for ((rule, fingerprint), count) in entries {
                if *count > 0 {
                    out.push(StaleEntry {
                        path: path.clone(),
                        rule: rule.clone(),
                        fingerprint: fingerprint.clone(),
                        count: *count,
                    });
                }
            }
        }
        out.sort_by(|a, b| {
            (&a.path, &a.rule, &a.fingerprint).cmp(&(&b.path, &b.rule, &b.fingerprint))
        });
        out
    }
}

impl Filter for BaselineFilter {
    fn filter(
        &self,
        path: &str,
        source: &str,
        _lines: &LineIndex,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        let key = key(path, &self.cwd, &self.base);
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let state = &mut *state;
        state.checked.insert(key.clone());
        let Some(entries) = state.remaining.get_mut(&key) else {
            return;
        };
        let before = diagnostics.len();
        diagnostics.retain(
            |d| match entries.get_mut(&(d.rule.clone(), fingerprint(source, d))) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    false
                }
                _ => true,
            },
        );
        state.matched += before - diagnostics.len();
    }

    fn finish(&self, summary: &mut Summary) {
        summary.baseline = self.summary();
    }
}

/// The note on stderr about stale entries (`None`: there are none).
pub fn stale_note(b: &BaselineSummary) -> Option<String> {
    if b.stale.is_empty() {
        return None;
    }
    let n: usize = b.stale.iter().map(|s| s.count).sum();
    let mut note = format!(
        "提示：基线文件 {} 中有 {n} 条记录已不再出现（问题已修复或文件已删除），可以删除：用 guifan baseline -o {} 重新生成",
        b.file, b.file
    );
    const SHOWN: usize = 10;
    for s in b.stale.iter().take(SHOWN) {
        note.push_str(&format!("\n  {} {}（{} 处）", s.path, s.rule, s.count));
    }
    if b.stale.len() > SHOWN {
        note.push_str(&format!("\n  ……另有 {} 组", b.stale.len() - SHOWN));
    }
    Some(note)
}
