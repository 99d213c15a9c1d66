//! `guifan report FINDINGS... -o report.html`: the audit page from the
//! findings of `guifan check --format json` (JSON v1, streamed), of JSON
//! Lines (one finding per line) or of a Spark job's Parquet.
//!
//! The inputs are read twice, each time as a stream: the first pass counts
//! (guifan::audit::aggregate), the second keeps the findings of the worst
//! pages only. Memory so grows with the number of documents, not with the
//! number of findings; reading standard input is therefore not offered.
//! With `--text-root`, the worst pages are read again from there to show
//! each finding in its text (the offsets are bytes of the checked file; a
//! file that changed since is shown without context).

use super::args::{FindingsFormatArg, GroupByArg, ReportArgs};
use super::read::io_message;
use guifan::audit::aggregate::{Aggregator, Audit, Options};
use guifan::audit::{DocumentFacts, Finding, GroupBy, Record, html, parse_date, table};
use guifan::{Document, DocumentOptions, Format};
use miette::{Report, miette};
use serde::Deserialize;
use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};

/// The largest document re-read for context.
const MAX_TEXT: u64 = 64 * 1024 * 1024;
/// Characters of context on each side of a finding.
const CONTEXT_CHARS: usize = 30;

impl From<GroupByArg> for GroupBy {
    fn from(g: GroupByArg) -> Self {
        match g {
            GroupByArg::Folder => GroupBy::Folder,
            GroupByArg::Parent => GroupBy::Parent,
            GroupByArg::None => GroupBy::None,
        }
    }
}

/// Run `guifan report`.
pub fn run(args: &ReportArgs) -> Result<(), Report> {
    let options = Options {
        group_by: args.group_by.into(),
        worst_pages: args.worst_pages,
        findings_per_page: args.findings_per_page,
        ..Options::default()
    };
    let inputs = inputs(args)?;
    let mut agg = Aggregator::new(options);
    for (path, format) in &inputs {
        read(path, *format, &mut |r| match r {
            Record::Finding(f) => agg.add_finding(&f),
            Record::Document(d) => agg.add_document(&d),
        })?;
    }
    let mut audit = agg.finish();
    for (path, format) in &inputs {
        read(path, *format, &mut |r| {
            if let Record::Finding(f) = r {
                audit.collect(&f);
            }
        })?;
    }
    if let Some(root) = &args.text_root {
        add_context(&mut audit, root);
    }
    let page = html::render(&audit, &args.title);
    std::fs::write(&args.output, page)
        .map_err(|e| miette!("无法写入 {}：{}", args.output.display(), io_message(&e)))?;
    if let Some(csv) = &args.csv {
        let file = File::create(csv)
            .map_err(|e| miette!("无法写入 {}：{}", csv.display(), io_message(&e)))?;
        table::write_pages_csv(&audit, io::BufWriter::new(file))
            .map_err(|e| miette!("无法写入 {}：{}", csv.display(), io_message(&e)))?;
    }
    let documents: u64 = audit.sites.iter().map(|s| s.documents).sum();
    let _ = writeln!(
        io::stderr(),
        "已写入 {}：{} 个网站、{} 篇文档、{} 个问题",
        args.output.display(),
        audit.sites.len(),
        documents,
        audit.findings
    );
    Ok(())
}

/// The input files and their formats: a folder stands for the `.parquet`
/// files in it (a Spark job writes one folder of parts).
fn inputs(args: &ReportArgs) -> Result<Vec<(PathBuf, FindingsFormatArg)>, Report> {
    let mut out = Vec::new();
    for path in &args.inputs {
        if path.as_os_str() == "-" {
            return Err(miette!(
                "guifan report 要读两遍输入，不能读标准输入：请先存成文件"
            ));
        }
        if path.is_dir() {
            let entries = std::fs::read_dir(path)
                .map_err(|e| miette!("无法读取 {}：{}", path.display(), io_message(&e)))?;
            let mut parts: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "parquet"))
                .collect();
            if parts.is_empty() {
                return Err(miette!("{} 中没有 .parquet 文件", path.display()));
            }
            parts.sort();
            out.extend(parts.into_iter().map(|p| (p, FindingsFormatArg::Parquet)));
            continue;
        }
        let format = match args.input_format {
            Some(f) => f,
            None => sniff(path).map_err(|e| miette!("无法读取 {}：{e}", path.display()))?,
        };
        out.push((path.clone(), format));
    }
    Ok(out)
}

/// Fill in the context of the worst pages' findings from their files: in
/// the prose view that rules read (an HTML page without its markup) when
/// the span maps into it, else in the file's text.
fn add_context(audit: &mut Audit, root: &Path) {
    let today = chrono::Local::now().date_naive();
    for page in audit.worst_pages_mut() {
        let path = root.join(&page.id);
        // A Word document's offsets point into its text view, not the file.
        if path
            .extension()
            .is_some_and(|x| x.eq_ignore_ascii_case("docx"))
        {
            continue;
        }
        let format = Format::from_path(&path);
        let Ok((bytes, _)) = super::read::read_file(&path, MAX_TEXT) else {
            continue;
        };
        let Ok(text) = String::from_utf8(bytes) else {
            continue;
        };
        let doc = Document::new(text, &DocumentOptions::new(format, today));
        let map = doc.source_map();
        for f in page.shown.iter_mut().chain(page.shown_priority.iter_mut()) {
            if f.context.is_some() {
                continue;
            }
            f.context = match (map.to_prose(f.start), map.to_prose(f.end)) {
                (Some(s), Some(e)) if s <= e => table::snippet(doc.prose(), s, e, CONTEXT_CHARS),
                _ => None,
            }
            .or_else(|| table::snippet(doc.source(), f.start, f.end, CONTEXT_CHARS));
        }
    }
}

/// The format of an input: Parquet by its magic bytes; JSON Lines when the
/// first line is a whole JSON object other than a `guifan check` report.
fn sniff(path: &Path) -> Result<FindingsFormatArg, String> {
    let file = File::open(path).map_err(|e| io_message(&e))?;
    let mut reader = BufReader::new(file);
    let head = reader.fill_buf().map_err(|e| io_message(&e))?;
    if head.starts_with(b"PAR1") {
        return Ok(FindingsFormatArg::Parquet);
    }
    let mut first = String::new();
    reader
        .take(1 << 20)
        .read_line(&mut first)
        .map_err(|e| io_message(&e))?;
    Ok(
        match serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(&first) {
            Ok(obj) if !obj.contains_key("diagnostics") => FindingsFormatArg::Jsonl,
            _ => FindingsFormatArg::Json,
        },
    )
}

/// Read one input, handing each record to `each`.
fn read(
    path: &Path,
    format: FindingsFormatArg,
    each: &mut dyn FnMut(Record),
) -> Result<(), Report> {
    let open =
        || File::open(path).map_err(|e| miette!("无法读取 {}：{}", path.display(), io_message(&e)));
    match format {
        FindingsFormatArg::Json => {
            let reader = BufReader::with_capacity(1 << 16, open()?);
            let mut de = serde_json::Deserializer::from_reader(reader);
            Report1(each)
                .deserialize(&mut de)
                .and_then(|()| de.end())
                .map_err(|e| {
                    miette!(
                        "{} 不是 guifan check --format json 的输出：{e}",
                        path.display()
                    )
                })
        }
        FindingsFormatArg::Jsonl => {
            read_jsonl(path, BufReader::with_capacity(1 << 16, open()?), each)
        }
        FindingsFormatArg::Parquet => super::report_parquet::read(path, open()?, each),
    }
}

fn read_jsonl(
    path: &Path,
    mut reader: impl BufRead,
    each: &mut dyn FnMut(Record),
) -> Result<(), Report> {
    let mut line = String::new();
    let mut n = 0u64;
    loop {
        line.clear();
        n += 1;
        let read = reader
            .read_line(&mut line)
            .map_err(|e| miette!("{}：第 {n} 行：{}", path.display(), io_message(&e)))?;
        if read == 0 {
            return Ok(());
        }
        if line.trim().is_empty() {
            continue;
        }
        let row: Row = serde_json::from_str(&line)
            .map_err(|e| miette!("{}：第 {n} 行不是一条问题记录：{e}", path.display()))?;
        each(
            row.into_record()
                .map_err(|e| miette!("{}：第 {n} 行：{e}", path.display()))?,
        );
    }
}

/// A JSON Lines row: a finding (with `rule`), or a document (without).
/// `path` and `id`, `group` and `site` are synonyms; `fix` is a string (the
/// replacement) or a JSON v1 fix object.
#[derive(Deserialize)]
struct Row {
    #[serde(alias = "path")]
    id: String,
    #[serde(default, alias = "site")]
    group: Option<String>,
    #[serde(default)]
    rule: Option<String>,
    #[serde(default)]
    severity: Option<String>,
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    start: usize,
    #[serde(default)]
    end: usize,
    #[serde(default)]
    line: usize,
    #[serde(default)]
    column: usize,
    #[serde(default)]
    fix: Option<serde_json::Value>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    chars: Option<u64>,
    #[serde(default)]
    context: Option<String>,
}

/// A fix as the page shows it: the replacement text of its edits.
fn fix_text(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Object(o) => {
            let edits = o.get("edits")?.as_array()?;
            let text: Vec<&str> = edits
                .iter()
                .filter_map(|e| e.get("replacement")?.as_str())
                .collect();
            // Deletions only (the page says so), else the replacements.
            if text.iter().all(|t| t.is_empty()) {
                Some(String::new())
            } else {
                Some(text.join("…"))
            }
        }
        _ => None,
    }
}

impl Row {
    fn into_record(self) -> Result<Record, String> {
        let date = match &self.date {
            Some(d) => parse_date(d)?,
            None => None,
        };
        let Some(rule) = self.rule else {
            return Ok(Record::Document(DocumentFacts {
                id: self.id,
                group: self.group,
                date,
                chars: self.chars,
            }));
        };
        Ok(Record::Finding(Finding {
            id: self.id,
            group: self.group,
            rule,
            severity: self.severity.unwrap_or_else(|| "warning".to_string()),
            message: self.message.unwrap_or_default(),
            start: self.start,
            end: self.end,
            line: self.line,
            column: self.column,
            fix: self.fix.as_ref().and_then(fix_text),
            date,
            chars: self.chars,
            context: self.context,
        }))
    }
}

/// The `files` entries of JSON v1 (`--show-date`).
#[derive(Deserialize)]
struct FileEntry {
    path: String,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    date_known: Option<bool>,
    #[serde(default)]
    chars: Option<u64>,
    /// Why the file could not be checked (then it is no document of the audit).
    #[serde(default)]
    error: Option<String>,
}

/// Streams a JSON v1 report: each diagnostic and each `files` entry is
/// handed on as soon as it is parsed; nothing else is kept.
struct Report1<'a>(&'a mut dyn FnMut(Record));

impl<'de> DeserializeSeed<'de> for Report1<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Report1<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("一个 JSON 对象（version、diagnostics、files …）")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut version = None;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "version" => version = Some(map.next_value::<u32>()?),
                "diagnostics" => map.next_value_seed(Items {
                    each: &mut *self.0,
                    files: false,
                })?,
                "files" => map.next_value_seed(Items {
                    each: &mut *self.0,
                    files: true,
                })?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        match version {
            Some(1) => Ok(()),
            Some(v) => Err(serde::de::Error::custom(format!(
                "不认识的版本 {v}（只认识 1）"
            ))),
            None => Err(serde::de::Error::missing_field("version")),
        }
    }
}

/// The `diagnostics` or `files` array, element by element.
struct Items<'a> {
    each: &'a mut dyn FnMut(Record),
    files: bool,
}

impl<'de> DeserializeSeed<'de> for Items<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Items<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("一个数组")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        use serde::de::Error;
        if self.files {
            while let Some(f) = seq.next_element::<FileEntry>()? {
                if f.error.is_some() {
                    continue;
                }
                // A date taken as of today is no document date.
                let date = match (f.date, f.date_known) {
                    (Some(d), Some(true) | None) => parse_date(&d).map_err(A::Error::custom)?,
                    _ => None,
                };
                (self.each)(Record::Document(DocumentFacts {
                    id: f.path,
                    group: None,
                    date,
                    chars: f.chars,
                }));
            }
        } else {
            while let Some(row) = seq.next_element::<Row>()? {
                (self.each)(row.into_record().map_err(A::Error::custom)?);
            }
        }
        Ok(())
    }
}
