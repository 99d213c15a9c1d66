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

use super::fingerprint::fingerprint;
use super::{FileReport, Reporter, RuleInfo, Summary};
use crate::diagnostic::{Diagnostic, Severity};
use crate::fix::Applicability;
use serde::Serialize;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::io::{self, Write};

/// The `$schema` URI written into every SARIF log.
pub const SARIF_SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// The SARIF version written into every log.
pub const SARIF_VERSION: &str = "2.1.0";

/// The `sarif` reporter (see the module docs).
pub struct Sarif {
    rules: Vec<RuleInfo>,
    index: HashMap<String, usize>,
    started: bool,
    any: bool,
    /// (uri, message) of files that could not be checked.
    notifications: Vec<(String, String)>,
}

impl Sarif {
    /// A SARIF reporter listing `rules` as the run's rules (their order gives
    /// each result's `ruleIndex`; a repeated id keeps its first index).
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
        let tool = Tool {
            driver: Driver {
                name: "guifan",
                version: env!("CARGO_PKG_VERSION"),
                semantic_version: env!("CARGO_PKG_VERSION"),
                information_uri: information_uri(),
                rules: self.rules.iter().map(rule_descriptor).collect(),
            },
        };
        write!(
            out,
            "{{\"$schema\":\"{SARIF_SCHEMA}\",\"version\":\"{SARIF_VERSION}\",\"runs\":[{{\"tool\":"
        )?;
        serde_json::to_writer(&mut *out, &tool).map_err(io::Error::other)?;
        out.write_all(b",\"columnKind\":\"unicodeCodePoints\",\"results\":[")?;
        Ok(())
    }

    fn result<'a>(
        &self,
        report: &FileReport<'_>,
        uri: &'a str,
        d: &'a Diagnostic,
        partial: String,
    ) -> SarifResult<'a> {
        let start = report.lines.line_col(report.source, d.span.start);
        let end = report.lines.line_col(report.source, d.span.end);
        let fixes = d.fix.as_ref().map(|fix| {
            let description = match (&d.help, fix.applicability) {
                (Some(help), _) => help.clone(),
                (None, Applicability::Safe) => "可自动修复".to_string(),
                (None, Applicability::Unsafe) => "可修复（--unsafe）".to_string(),
            };
            [SarifFix {
                description: Text { text: description },
                artifact_changes: [ArtifactChange {
                    artifact_location: ArtifactLocation { uri },
                    replacements: fix
                        .edits
                        .iter()
                        .map(|e| Replacement {
                            deleted_region: ByteRegion {
                                byte_offset: e.span.start,
                                byte_length: e.span.len(),
                            },
                            inserted_content: Text {
                                text: e.replacement.as_str(),
                            },
                        })
                        .collect(),
                }],
                properties: FixProperties {
                    applicability: fix.applicability.as_str(),
                },
            }]
        });
        SarifResult {
            rule_id: &d.rule,
            rule_index: self.index.get(&d.rule).copied(),
            level: level(d.severity),
            message: Text { text: &d.message },
            locations: [Location {
                physical_location: PhysicalLocation {
                    artifact_location: ArtifactLocation { uri },
                    region: Region {
                        start_line: start.line,
                        start_column: start.column,
                        end_line: end.line,
                        end_column: end.column,
                        byte_offset: d.span.start,
                        byte_length: d.span.len(),
                    },
                },
            }],
            partial_fingerprints: PartialFingerprints { guifan: partial },
            fixes,
        }
    }
}

// The shapes of a SARIF result, serialized in this key order.

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Text<&'a str>,
    locations: [Location<'a>; 1],
    partial_fingerprints: PartialFingerprints,
    #[serde(skip_serializing_if = "Option::is_none")]
    fixes: Option<[SarifFix<'a>; 1]>,
}

/// `guifanFingerprint/v1`: the finding's [`fingerprint`] (rule, text and
/// context, not the line), with `:n` for its n-th repetition in the file,
/// so a result keeps its identity when lines move.
#[derive(Serialize)]
struct PartialFingerprints {
    #[serde(rename = "guifanFingerprint/v1")]
    guifan: String,
}

#[derive(Serialize)]
struct Text<T> {
    text: T,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    physical_location: PhysicalLocation<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation<'a> {
    artifact_location: ArtifactLocation<'a>,
    region: Region,
}

#[derive(Serialize)]
struct ArtifactLocation<'a> {
    uri: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
    byte_offset: usize,
    byte_length: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix<'a> {
    description: Text<String>,
    artifact_changes: [ArtifactChange<'a>; 1],
    properties: FixProperties,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange<'a> {
    artifact_location: ArtifactLocation<'a>,
    replacements: Vec<Replacement<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement<'a> {
    deleted_region: ByteRegion,
    inserted_content: Text<&'a str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ByteRegion {
    byte_offset: usize,
    byte_length: usize,
}

#[derive(Serialize)]
struct FixProperties {
    applicability: &'static str,
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

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    information_uri: Option<&'static str>,
    rules: Vec<RuleDescriptor<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RuleDescriptor<'a> {
    id: &'a str,
    short_description: Text<&'a str>,
    full_description: Text<&'a str>,
    default_configuration: Configuration,
    help: MultiformatText,
    properties: RuleProperties<'a>,
}

#[derive(Serialize)]
struct MultiformatText {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties<'a> {
    tags: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
}

/// The rule's help in Markdown: the summary, the norm, the documentation
/// and how to read more.
fn help_markdown(rule: &RuleInfo) -> String {
    let mut m = format!("**{}**", rule.summary);
    if let Some(source) = &rule.source {
        m.push_str(&format!("\n\n依据：{source}"));
    }
    let description = rule.description.trim();
    if !description.is_empty() {
        m.push_str("\n\n");
        m.push_str(description);
    }
    m.push_str(&format!("\n\n详见 `guifan explain {}`。", rule.id));
    m
}

fn rule_descriptor(rule: &RuleInfo) -> RuleDescriptor<'_> {
    let help = match &rule.source {
        Some(source) => format!(
            "{}（依据：{source}）。详见 guifan explain {}",
            rule.summary, rule.id
        ),
        None => format!("{}。详见 guifan explain {}", rule.summary, rule.id),
    };
    RuleDescriptor {
        id: &rule.id,
        short_description: Text {
            text: &rule.summary,
        },
        full_description: Text {
            text: if rule.description.trim().is_empty() {
                &rule.summary
            } else {
                rule.description.trim()
            },
        },
        default_configuration: Configuration {
            level: level(rule.severity),
        },
        help: MultiformatText {
            markdown: help_markdown(rule),
            text: help,
        },
        properties: RuleProperties {
            tags: rule
                .id
                .split_once('/')
                .map(|(f, _)| f)
                .into_iter()
                .collect(),
            source: rule.source.as_deref(),
        },
    }
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
        let mut seen: HashMap<String, usize> = HashMap::new();
        for d in report.diagnostics {
            out.write_all(if self.any { b",\n" } else { b"\n" })?;
            self.any = true;
            let key = fingerprint(report.source, d);
            let n = seen.entry(key.clone()).or_insert(0);
            let partial = format!("{key}:{n}");
            *n += 1;
            let result = self.result(report, &uri, d, partial);
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
