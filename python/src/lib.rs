//! `guifan._guifan`: the native half of the Python package `guifan`
//! (python/guifan/__init__.py re-exports it; the stubs are `_guifan.pyi`).
//!
//! A [`Linter`] is built once (rule sets, settings, the corpus plan) and is
//! immutable afterwards, so it is shared between Python threads as is, and
//! every check runs with the GIL released (`Python::allow_threads`): the text
//! is copied out of the Python string first, and the findings are turned into
//! Python objects after the GIL is taken back. Findings are serialised by the
//! library's [`JsonDiagnostic`], the shape of `guifan check --format json`,
//! so the two can never drift apart.
//!
//! Pickling sends the constructor's arguments, and the receiving process
//! builds the linter again (how Spark ships it to its executors): a compiled
//! linter holds automata that are cheaper to rebuild than to serialise.

use guifan::corpus::GroupCounts;
use guifan::corpus::pass::{Collector, CorpusPlan};
use guifan::report::json::JsonDiagnostic;
use guifan::ruleset::{RuleSet, builtin_rule_sets};
use guifan::{
    Applicability, ConfigFile, Diagnostic, Document, DocumentOptions, Format, LinterError, Settings,
};
use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

create_exception!(
    _guifan,
    GuifanError,
    PyException,
    "A configuration, rule-set or argument error, with the message the command line gives."
);

fn err(message: impl Into<String>) -> PyErr {
    GuifanError::new_err(message.into())
}

/// The arguments a linter was built from (what pickling sends).
#[derive(Clone, Debug, Default)]
struct Args {
    config: Option<String>,
    rules: Vec<String>,
    select: Option<Vec<String>>,
    ignore: Option<Vec<String>>,
    extend_select: Option<Vec<String>>,
}

/// A compiled rule configuration: built once, used from any thread.
#[pyclass(frozen, module = "guifan._guifan")]
struct Linter {
    args: Args,
    linter: Arc<guifan::Linter>,
    /// An empty stage-1 collector of the corpus plan (`None`: no corpus rule
    /// is on); it carries the thresholds and the canonical formulations.
    corpus: Option<Collector>,
    /// The config file's `as-of`, for documents without a date.
    as_of: Option<chrono::NaiveDate>,
}

/// Read a guifan.toml as the CLI does: its settings, its rule sets (paths
/// relative to the file) and its `as-of`.
fn read_config(path: &Path) -> Result<(ConfigFile, Vec<RuleSet>), PyErr> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| err(format!("无法读取配置文件 {}：{e}", path.display())))?;
    let file =
        ConfigFile::parse(&path.display().to_string(), &text).map_err(|e| err(e.to_string()))?;
    let root = path.parent().unwrap_or(Path::new("."));
    let mut sets = Vec::new();
    for r in &file.rules {
        let p = root.join(r);
        if !p.is_file() {
            return Err(err(format!("配置中的规则集 {} 不存在", p.display())));
        }
        sets.push(read_rule_set(&p)?);
    }
    Ok((file, sets))
}

fn read_rule_set(path: &Path) -> Result<RuleSet, PyErr> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| err(format!("无法读取规则集 {}：{e}", path.display())))?;
    RuleSet::parse(&path.display().to_string(), &text).map_err(|e| err(e.to_string()))
}

fn linter_error(e: LinterError) -> PyErr {
    err(e.to_string())
}

fn parse_date(s: &str) -> PyResult<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| err(format!("日期 `{s}` 无效，应为 YYYY-MM-DD，如 2024-01-01")))
}

/// A `str` or `datetime.date` as a date.
fn date_arg(date: Option<&Bound<'_, PyAny>>) -> PyResult<Option<chrono::NaiveDate>> {
    let Some(d) = date.filter(|d| !d.is_none()) else {
        return Ok(None);
    };
    if let Ok(s) = d.extract::<String>() {
        return parse_date(&s).map(Some);
    }
    let iso: String = d.call_method0("isoformat")?.extract()?;
    parse_date(iso.get(..10).unwrap_or(&iso)).map(Some)
}

/// The document options of one call: the format by name, else by the
/// path's extension (as the CLI), else plain.
fn doc_options(
    format: Option<&str>,
    path: Option<&str>,
    date: Option<chrono::NaiveDate>,
    as_of: Option<chrono::NaiveDate>,
) -> PyResult<DocumentOptions> {
    let format = match (format, path) {
        (Some(f), _) => f
            .parse::<Format>()
            .map_err(|_| err(format!("未知的格式 `{f}`（应为 plain、markdown 或 html）")))?,
        (None, Some(p)) => Format::from_path(Path::new(p)),
        (None, None) => Format::Plain,
    };
    Ok(DocumentOptions {
        format,
        as_of: date.or(as_of),
        today: chrono::Local::now().date_naive(),
    })
}

/// A group's reduced counts from Python: `{"documents": n, "counts": {fingerprint: n}}`.
fn group_counts(corpus: &Bound<'_, PyAny>) -> PyResult<GroupCounts> {
    let missing = |k: &str| {
        err(format!(
            "corpus 缺少键 `{k}`（应为 {{\"documents\": 文档数, \"counts\": {{指纹: 文档数}}}}）"
        ))
    };
    let documents: u32 = corpus
        .get_item("documents")
        .map_err(|_| missing("documents"))?
        .extract()?;
    let counts_obj = corpus.get_item("counts").map_err(|_| missing("counts"))?;
    let raw: HashMap<i64, u32> = counts_obj.extract()?;
    Ok(GroupCounts {
        documents,
        counts: raw.into_iter().map(|(k, v)| (k as u64, v)).collect(),
    })
}

/// Findings as the dicts of `--format json`.
fn to_python(
    py: Python<'_>,
    path: &str,
    doc: &Document,
    found: &[Diagnostic],
) -> PyResult<Py<PyList>> {
    let lines = doc.line_index();
    let out = PyList::empty(py);
    for d in found {
        let json = JsonDiagnostic::new(path, doc.source(), lines, d);
        out.append(pythonize::pythonize(py, &json)?)?;
    }
    Ok(out.unbind())
}

impl Linter {
    fn build(args: Args) -> PyResult<Self> {
        let mut sets = builtin_rule_sets().map_err(|e| err(e.to_string()))?;
        let (mut settings, as_of) = match &args.config {
            Some(c) => {
                let (file, extra) = read_config(Path::new(c))?;
                sets.extend(extra);
                let as_of = file.as_of.as_deref().map(parse_date).transpose()?;
                (file.settings(), as_of)
            }
            None => (Settings::default(), None),
        };
        for r in &args.rules {
            sets.push(read_rule_set(&PathBuf::from(r))?);
        }
        if let Some(s) = &args.select {
            settings.select = Some(s.clone());
        }
        settings
            .extend_select
            .extend(args.extend_select.iter().flatten().cloned());
        settings
            .ignore
            .extend(args.ignore.iter().flatten().cloned());
        let linter = guifan::Linter::new(&sets, &settings).map_err(linter_error)?;
        let corpus = CorpusPlan::new(&linter, &sets, &settings).map(|p| p.collector());
        Ok(Linter {
            args,
            linter: Arc::new(linter),
            corpus,
            as_of,
        })
    }

    /// Check with the GIL released; corpus-wide findings added with `counts`.
    fn run(
        &self,
        py: Python<'_>,
        text: String,
        options: DocumentOptions,
        counts: Option<GroupCounts>,
    ) -> PyResult<(Document, Vec<Diagnostic>)> {
        if counts.is_some() && self.corpus.is_none() {
            return Err(err(
                "corpus 需要启用 boilerplate/corpus-repeated（extend_select=[\"boilerplate/corpus-repeated\"]）",
            ));
        }
        Ok(py.allow_threads(|| {
            let doc = Document::new(text, &options);
            let mut found = self.linter.check(&doc);
            if let (Some(c), Some(counts)) = (&self.corpus, &counts) {
                c.group_diagnostics(&self.linter, counts, &doc, &mut found);
            }
            (doc, found)
        }))
    }
}

#[pymethods]
impl Linter {
    #[new]
    #[pyo3(signature = (config=None, rules=Vec::new(), select=None, ignore=None, extend_select=None))]
    fn new(
        config: Option<PathBuf>,
        rules: Vec<PathBuf>,
        select: Option<Vec<String>>,
        ignore: Option<Vec<String>>,
        extend_select: Option<Vec<String>>,
    ) -> PyResult<Self> {
        let path = |p: PathBuf| p.to_string_lossy().into_owned();
        Linter::build(Args {
            config: config.map(path),
            rules: rules.into_iter().map(path).collect(),
            select,
            ignore,
            extend_select,
        })
    }

    /// Pickle the constructor's arguments; unpickling builds the linter again.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let a = &slf.get().args;
        let args = (
            a.config.clone(),
            a.rules.clone(),
            a.select.clone(),
            a.ignore.clone(),
            a.extend_select.clone(),
        );
        (slf.get_type(), args.into_pyobject(py)?).into_pyobject(py)
    }

    fn __repr__(&self) -> String {
        let enabled = self.linter.rules().iter().filter(|r| r.enabled).count();
        format!("<guifan.Linter: {enabled} rules>")
    }

    #[pyo3(signature = (text, format=None, date=None, path=None, corpus=None))]
    fn check(
        &self,
        py: Python<'_>,
        text: String,
        format: Option<&str>,
        date: Option<&Bound<'_, PyAny>>,
        path: Option<&str>,
        corpus: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyList>> {
        let options = doc_options(format, path, date_arg(date)?, self.as_of)?;
        let counts = corpus
            .filter(|c| !c.is_none())
            .map(group_counts)
            .transpose()?;
        let (doc, found) = self.run(py, text, options, counts)?;
        to_python(py, path.unwrap_or("-"), &doc, &found)
    }

    #[pyo3(signature = (text, format=None, date=None, path=None, corpus=None))]
    fn check_document(
        &self,
        py: Python<'_>,
        text: String,
        format: Option<&str>,
        date: Option<&Bound<'_, PyAny>>,
        path: Option<&str>,
        corpus: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyDict>> {
        let options = doc_options(format, path, date_arg(date)?, self.as_of)?;
        let format = options.format;
        let counts = corpus
            .filter(|c| !c.is_none())
            .map(group_counts)
            .transpose()?;
        let (doc, found) = self.run(py, text, options, counts)?;
        let path = path.unwrap_or("-");
        let out = PyDict::new(py);
        out.set_item("path", path)?;
        out.set_item("format", format.as_str())?;
        let date = doc.date();
        out.set_item("date", date.date.format("%Y-%m-%d").to_string())?;
        out.set_item("date_source", date.source.as_str())?;
        out.set_item(
            "date_known",
            date.source != guifan::document::DateSource::Today,
        )?;
        out.set_item("characters", doc.source().chars().count())?;
        out.set_item("diagnostics", to_python(py, path, &doc, &found)?)?;
        Ok(out.unbind())
    }

    #[pyo3(signature = (text, r#unsafe=false, format=None, date=None, path=None))]
    fn fix(
        &self,
        py: Python<'_>,
        text: String,
        r#unsafe: bool,
        format: Option<&str>,
        date: Option<&Bound<'_, PyAny>>,
        path: Option<&str>,
    ) -> PyResult<(String, usize)> {
        let options = doc_options(format, path, date_arg(date)?, self.as_of)?;
        let min = if r#unsafe {
            Applicability::Unsafe
        } else {
            Applicability::Safe
        };
        let outcome = py.allow_threads(|| self.linter.fix(&text, &options, min));
        Ok((outcome.text, outcome.applied))
    }

    #[pyo3(signature = (text, format=None, date=None, path=None))]
    fn fingerprints(
        &self,
        py: Python<'_>,
        text: String,
        format: Option<&str>,
        date: Option<&Bound<'_, PyAny>>,
        path: Option<&str>,
    ) -> PyResult<Vec<i64>> {
        let options = doc_options(format, path, date_arg(date)?, self.as_of)?;
        let Some(corpus) = &self.corpus else {
            return Ok(Vec::new());
        };
        Ok(py.allow_threads(|| {
            let doc = Document::new(text, &options);
            corpus
                .fingerprints(&doc)
                .into_iter()
                .map(|h| h as i64)
                .collect()
        }))
    }

    fn corpus_threshold(&self, documents: u32) -> Option<u32> {
        self.corpus.as_ref()?.threshold_for(documents)
    }

    #[getter]
    fn corpus_enabled(&self) -> bool {
        self.corpus.is_some()
    }

    fn rules<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        rule_list(py, &self.linter)
    }
}

fn rule_list<'py>(py: Python<'py>, linter: &guifan::Linter) -> PyResult<Bound<'py, PyList>> {
    let out = PyList::empty(py);
    for r in linter.rules() {
        let d = PyDict::new(py);
        d.set_item("id", &r.meta.id)?;
        d.set_item("family", r.meta.family.as_str())?;
        d.set_item("severity", r.severity.as_str())?;
        d.set_item("enabled", r.enabled)?;
        d.set_item("fix", r.meta.fix.map(Applicability::as_str))?;
        d.set_item("summary", &r.meta.summary)?;
        d.set_item("source", r.meta.source.as_deref())?;
        out.append(d)?;
    }
    Ok(out)
}

/// Every built-in rule, with its default state.
#[pyfunction]
fn rules(py: Python<'_>) -> PyResult<Bound<'_, PyList>> {
    let linter = guifan::default_linter().map_err(linter_error)?;
    rule_list(py, &linter)
}

#[pymodule]
fn _guifan(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Linter>()?;
    m.add_function(wrap_pyfunction!(rules, m)?)?;
    m.add("GuifanError", m.py().get_type::<GuifanError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
