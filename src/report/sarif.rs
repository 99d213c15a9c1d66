//! `--format sarif`: SARIF 2.1.0, for GitHub code scanning and other
//! static-analysis dashboards.
//!
//! One run; `tool.driver.rules` lists every rule that ran ([`RuleInfo`]),
//! each result points at its rule by `ruleId` and `ruleIndex`. Regions carry
//! 1-based lines and columns (the run declares `columnKind:
//! "unicodeCodePoints"`: columns count characters, as everywhere in guifan)
//! and the exact `byteOffset`/`byteLength` into the file; `endColumn` is
//! exclusive, as SARIF defines it. Fixable results carry `fixes` with byte
//! regions to delete and the text to insert (an unsafe fix says so in its
//! `properties.applicability`). Files that could not be checked are reported
//! as `toolExecutionNotifications` of the run's invocation.
//!
//! Results are streamed: the run's header (tool and rules) is written first,
//! each result as its file is reported, and the closing (invocation) last.
//! Only the (rare) per-file errors are kept until the end.

use super::{FileReport, Reporter, RuleInfo, Summary};
use crate::diagnostic::{Diagnostic, Severity};
use crate::fix::Applicability;
use serde_json::{Map, Value, json};
use std::collections::HashMap;
use std::io::{self, Write};

pub const SARIF_SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
pub const SARIF_VERSION: &str = "2.1.0";

pub struct Sarif {
    rules: Vec<RuleInfo>,
    index: HashMap<String, usize>,
    started: bool,
    any: bool,
    /// (uri, message) of files that could not be checked.
    notifications: Vec<(String, String)>,
}

impl Sarif {
    pub fn new(rules: &[RuleInfo]) -> Self {
        let mut index = HashMap::new();
        for (i, r) in rules.iter().enumerate() {
            index.entry(r.id.clone()).or_insert(i);
        }
        Sarif {
            rules: rules.to_vec(),
            index,
            started: false,
            any: false,
            notifications: Vec::new(),
        }
    }

    fn ensure_started(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if self.started {
            return Ok(());
        }
        self.started = true;
        let rules: Vec<Value> = self.rules.iter().map(rule_descriptor).collect();
        let mut driver = Map::new();
        driver.insert("name".into(), json!("guifan"));
        driver.insert("version".into(), json!(env!("CARGO_PKG_VERSION")));
        driver.insert("semanticVersion".into(), json!(env!("CARGO_PKG_VERSION")));
        if let Some(uri) = information_uri() {
            driver.insert("informationUri".into(), json!(uri));
        }
        driver.insert("rules".into(), Value::Array(rules));
        let tool = json!({ "driver": driver });
        write!(
            out,
            "{{\"$schema\":\"{SARIF_SCHEMA}\",\"version\":\"{SARIF_VERSION}\",\"runs\":[{{\"tool\":"
        )?;
        serde_json::to_writer(&mut *out, &tool).map_err(io::Error::other)?;
        out.write_all(b",\"columnKind\":\"unicodeCodePoints\",\"results\":[")?;
        Ok(())
    }

    fn result(&self, report: &FileReport<'_>, uri: &str, d: &Diagnostic) -> Value {
        let mut result = Map::new();
        result.insert("ruleId".into(), json!(d.rule));
        if let Some(&i) = self.index.get(&d.rule) {
            result.insert("ruleIndex".into(), json!(i));
        }
        result.insert("level".into(), json!(level(d.severity)));
        result.insert("message".into(), json!({ "text": d.message }));
        let start = report.lines.line_col(report.source, d.span.start);
        let end = report.lines.line_col(report.source, d.span.end);
        result.insert(
            "locations".into(),
            json!([{
                "physicalLocation": {
                    "artifactLocation": { "uri": uri },
                    "region": {
                        "startLine": start.line,
                        "startColumn": start.column,
                        "endLine": end.line,
                        "endColumn": end.column,
                        "byteOffset": d.span.start,
                        "byteLength": d.span.len(),
                    }
                }
            }]),
        );
        if let Some(fix) = &d.fix {
            let replacements: Vec<Value> = fix
                .edits
                .iter()
                .map(|e| {
                    json!({
                        "deletedRegion": { "byteOffset": e.span.start, "byteLength": e.span.len() },
                        "insertedContent": { "text": e.replacement },
                    })
                })
                .collect();
            let description = match (&d.help, fix.applicability) {
                (Some(help), _) => help.clone(),
                (None, Applicability::Safe) => "可自动修复".to_string(),
                (None, Applicability::Unsafe) => "可修复（--unsafe）".to_string(),
            };
            result.insert(
                "fixes".into(),
                json!([{
                    "description": { "text": description },
                    "artifactChanges": [{
                        "artifactLocation": { "uri": uri },
                        "replacements": replacements,
                    }],
                    "properties": { "applicability": fix.applicability.as_str() },
                }]),
            );
        }
        Value::Object(result)
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn information_uri() -> Option<&'static str> {
    [env!("CARGO_PKG_HOMEPAGE"), env!("CARGO_PKG_REPOSITORY")]
        .into_iter()
        .find(|u| !u.is_empty())
}

fn rule_descriptor(rule: &RuleInfo) -> Value {
    let mut d = Map::new();
    d.insert("id".into(), json!(rule.id));
    d.insert("shortDescription".into(), json!({ "text": rule.summary }));
    d.insert(
        "defaultConfiguration".into(),
        json!({ "level": level(rule.severity) }),
    );
    let help = match &rule.source {
        Some(source) => format!(
            "{}（依据：{source}）。详见 guifan explain {}",
            rule.summary, rule.id
        ),
        None => format!("{}。详见 guifan explain {}", rule.summary, rule.id),
    };
    d.insert("help".into(), json!({ "text": help }));
    let mut props = Map::new();
    if let Some(family) = rule.id.split_once('/').map(|(f, _)| f) {
        props.insert("tags".into(), json!([family]));
    }
    if let Some(source) = &rule.source {
        props.insert("source".into(), json!(source));
    }
    d.insert("properties".into(), Value::Object(props));
    Value::Object(d)
}

/// A path as a SARIF `artifactLocation.uri`: a relative URI reference with
/// forward slashes, percent-encoded (non-ASCII file names included); absolute
/// paths become `file://` URIs.
pub fn path_to_uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let path = path.strip_prefix("./").unwrap_or(&path);
    let (prefix, rest) = if path.starts_with('/') {
        ("file://", path)
    } else if path.len() >= 2
        && path.as_bytes()[1] == b':'
        && path.as_bytes()[0].is_ascii_alphabetic()
    {
        // A Windows drive path: `C:/x` → `file:///C:/x`.
        ("file:///", path)
    } else {
        ("", path)
    };
    let mut out = String::with_capacity(prefix.len() + rest.len());
    out.push_str(prefix);
    for (i, b) in rest.bytes().enumerate() {
        let keep = b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/')
            || (b == b':' && prefix == "file:///" && i == 1);
        if keep {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

impl Reporter for Sarif {
    fn start(&mut self, out: &mut dyn Write) -> io::Result<()> {
        self.ensure_started(out)
    }

    fn file(&mut self, out: &mut dyn Write, report: &FileReport<'_>) -> io::Result<()> {
        self.ensure_started(out)?;
        let uri = path_to_uri(report.path);
        if let Some(error) = &report.error {
            self.notifications.push((uri.clone(), error.clone()));
        }
        for d in report.diagnostics {
            out.write_all(if self.any { b",\n" } else { b"\n" })?;
            self.any = true;
            let result = self.result(report, &uri, d);
            serde_json::to_writer(&mut *out, &result).map_err(io::Error::other)?;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        self.ensure_started(out)?;
        if self.any {
            out.write_all(b"\n")?;
        }
        let notifications: Vec<Value> = self
            .notifications
            .drain(..)
            .map(|(uri, message)| {
                json!({
                    "level": "error",
                    "message": { "text": message },
                    "locations": [{ "physicalLocation": { "artifactLocation": { "uri": uri } } }],
                })
            })
            .collect();
        let invocation = json!({
            "executionSuccessful": true,
            "toolExecutionNotifications": notifications,
        });
        out.write_all(b"],\"invocations\":[")?;
        serde_json::to_writer(&mut *out, &invocation).map_err(io::Error::other)?;
        out.write_all(b"]}]}\n")?;
        out.flush()
    }
}
