//! The handlers of API v1 (documented in `page/openapi.json` and README).
//!
//! Why the work is shaped this way:
//!
//! - Checking is CPU work of up to hundreds of milliseconds on a large
//!   draft. It runs on the server's checking threads ([`super::pool`], one
//!   per core), never on a reactor thread, so a long check cannot stall the
//!   accept loop, `/healthz` or other requests.
//!   Parsing the JSON body and serializing the answer happen there too:
//!   on a 10 MB body they are CPU work as well.
//! - `admit` (`--max-concurrent`) bounds the load: it counts every check or
//!   fix request taken in, waiting or running; when it is exhausted the
//!   answer is an immediate 503 rather than an ever-growing queue. The
//!   checking threads are what runs: admitted requests wait for one in
//!   order, so sixteen concurrent clients on two cores get two checks at a
//!   time at full speed instead of sixteen thrashing ones. The permit moves
//!   into the job: a request that timed out (504) still holds it until its
//!   check really ends, so timeouts cannot pile up unbounded work behind
//!   the limit.
//! - The server-wide linter is built once at start. A request that changes
//!   the selection or brings its own house rule set needs another one;
//!   those are built in the worker and kept in a small cache keyed by the
//!   request's rule options (the page asks for the same few combinations
//!   over and over while the editor types).
//! - Nothing here touches the filesystem: documents come in the body and
//!   go out in the answer; a house rule set is TOML text in the body.

use super::error::ApiError;
use super::offsets::Utf16Map;
use super::{AppState, FaultMode};
use crate::cli::config::{closest, suggestion};
use crate::cli::explain::{rule_json, write_explain};
use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use guifan::document::LineIndex;
use guifan::engine::LinterError;
use guifan::report::json::{JSON_VERSION, JsonDiagnostic};
use guifan::rule::Family;
use guifan::{Applicability, Diagnostic, Document, DocumentOptions, Format, Linter, RuleSet};
use guifan::{Severity, SourceError};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// The body of `POST /api/v1/check` and `POST /api/v1/fix`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckRequest {
    text: String,
    #[serde(default)]
    format: Option<String>,
    /// A file name, shown as `path` in diagnostics; its extension decides
    /// the format when `format` is absent.
    #[serde(default)]
    path: Option<String>,
    /// The date for documents whose text carries none (as `--as-of`).
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    select: Option<Vec<String>>,
    #[serde(default)]
    ignore: Option<Vec<String>>,
    /// A house rule set, as TOML text.
    #[serde(default)]
    rules: Option<String>,
    #[serde(default)]
    min_severity: Option<String>,
    /// `fix` only: also apply unsafe fixes.
    #[serde(default, rename = "unsafe")]
    unsafe_fixes: bool,
}

/// What one check or fix request resolved to.
pub(super) struct Prepared {
    pub(super) linter: Arc<Linter>,
    pub(super) options: DocumentOptions,
    pub(super) path: String,
    pub(super) min_severity: Severity,
}

/// The key of a request-specific linter in the cache.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct LinterKey {
    select: Option<Vec<String>>,
    ignore: Vec<String>,
    rules: Option<String>,
}

/// How many request-specific linters are kept.
const LINTER_CACHE: usize = 32;

fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|m| m.trim().eq_ignore_ascii_case("application/json"))
}

pub(super) fn parse_request(body: &[u8]) -> Result<CheckRequest, ApiError> {
    serde_json::from_slice(body).map_err(|e| {
        let what = if e.is_data() {
            "请求的字段不符合接口要求"
        } else {
            "请求体不是有效的 JSON"
        };
        ApiError::bad_request(
            "bad_request",
            format!("{what}（第 {} 行第 {} 列）：{e}", e.line(), e.column()),
        )
    })
}

/// `key` of the TOML line `line` (1-based) of `text`: the bare or quoted
/// key before `=`, or the table header.
fn toml_key(text: &str, line: usize) -> Option<String> {
    let l = text.lines().nth(line.checked_sub(1)?)?.trim();
    if l.starts_with('[') {
        return Some(l.trim_matches(|c| c == '[' || c == ']').trim().to_string());
    }
    let (k, _) = l.split_once('=')?;
    Some(k.trim().trim_matches('"').to_string()).filter(|k| !k.is_empty())
}

fn ruleset_error(e: &SourceError) -> ApiError {
    let line = e.line();
    let source: &str = e.src.inner();
    let key = line.and_then(|l| toml_key(source, l));
    let place = match (line, &key) {
        (Some(l), Some(k)) => format!("（第 {l} 行，键 `{k}`）"),
        (Some(l), None) => format!("（第 {l} 行）"),
        _ => String::new(),
    };
    let help = e
        .help
        .as_deref()
        .map(|h| format!("；{h}"))
        .unwrap_or_default();
    ApiError::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        "bad_rules",
        format!("请求中的规则集无法使用{place}：{}{help}", e.message),
    )
    .with_details(serde_json::json!({ "line": line, "key": key, "label": e.label }))
}

fn linter_error(e: LinterError) -> ApiError {
    match e {
        LinterError::RuleSet(e) => ruleset_error(&e),
        other => ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "bad_rules",
            format!("请求中的规则集无法使用：{other}"),
        ),
    }
}

impl AppState {
    /// The linter for a request's rule options.
    fn linter_for(&self, req: &mut CheckRequest) -> Result<Arc<Linter>, ApiError> {
        let key = LinterKey {
            select: req.select.take(),
            ignore: req.ignore.take().unwrap_or_default(),
            rules: req.rules.take().filter(|r| !r.trim().is_empty()),
        };
        if key.select.is_none() && key.ignore.is_empty() && key.rules.is_none() {
            return Ok(self.linter.clone());
        }
        if let Some(l) = self
            .cache
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&key)
        {
            return Ok(l.clone());
        }
        let house = match &key.rules {
            Some(text) => Some(RuleSet::parse("rules", text).map_err(|e| ruleset_error(&e))?),
            None => None,
        };
        let mut known = std::borrow::Cow::Borrowed(&self.known);
        if let Some(set) = &house {
            let known = known.to_mut();
            known.extend(set.rules.iter().map(|r| r.meta.id.clone()));
            known.sort();
            known.dedup();
        }
        for (field, list) in [
            ("select", key.select.iter().flatten().collect::<Vec<_>>()),
            ("ignore", key.ignore.iter().collect()),
        ] {
            if let Some(bad) = list.into_iter().find(|s| known.binary_search(s).is_err()) {
                let closest = closest(bad, known.iter().map(String::as_str));
                return Err(ApiError::bad_request(
                    "unknown_rule",
                    format!(
                        "未知的规则或规则族 `{bad}`（出现在 {field}）；{}",
                        suggestion(bad, &known)
                    ),
                )
                .with_details(serde_json::json!({ "rule": bad, "suggestion": closest })));
            }
        }
        let mut sets = self.sets.clone();
        sets.extend(house);
        let mut settings = self.settings.clone();
        if let Some(sel) = &key.select {
            settings.select = Some(sel.clone());
        }
        settings.ignore.extend(key.ignore.iter().cloned());
        let linter = Arc::new(Linter::new(&sets, &settings).map_err(linter_error)?);
        let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        if cache.len() >= LINTER_CACHE {
            cache.clear();
        }
        cache.insert(key, linter.clone());
        Ok(linter)
    }

    /// Everything but the text, resolved and validated.
    pub(super) fn prepare(&self, req: &mut CheckRequest) -> Result<Prepared, ApiError> {
        let format = match (&req.format, &req.path) {
            (Some(f), _) => match f.as_str() {
                "plain" => Format::Plain,
                "markdown" => Format::Markdown,
                "html" => Format::Html,
                other => {
                    return Err(ApiError::bad_request(
                        "bad_format",
                        format!("未知的格式 `{other}`，应为 plain、markdown 或 html"),
                    ));
                }
            },
            (None, Some(p)) => Format::from_path(std::path::Path::new(p)),
            (None, None) => Format::Plain,
        };
        let as_of = match &req.date {
            None => self.as_of,
            Some(d) if d.is_empty() => self.as_of,
            Some(d) => Some(NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| {
                ApiError::bad_request(
                    "bad_date",
                    format!("日期 `{d}` 无效，应为 YYYY-MM-DD，如 2024-01-01"),
                )
            })?),
        };
        let min_severity = match req.min_severity.as_deref() {
            None => Severity::Info,
            Some(s) => s.parse().map_err(|_| {
                ApiError::bad_request(
                    "bad_severity",
                    format!("未知的级别 `{s}`，应为 error、warning 或 info"),
                )
            })?,
        };
        let linter = self.linter_for(req)?;
        Ok(Prepared {
            linter,
            options: DocumentOptions {
                format,
                as_of,
                today: chrono::Local::now().date_naive(),
            },
            path: req.path.clone().unwrap_or_else(|| "-".to_string()),
            min_severity,
        })
    }
}

/// Diagnostics of `source` in the JSON v1 shape, with UTF-16 offsets.
fn diagnostics_json<'a>(
    path: &'a str,
    source: &str,
    diagnostics: &'a [Diagnostic],
) -> Vec<JsonDiagnostic<'a>> {
    diagnostics_json_with(path, source, &LineIndex::new(source), diagnostics)
}

/// [`diagnostics_json`] with the lines given (a Word document's are its
/// paragraphs).
pub(super) fn diagnostics_json_with<'a>(
    path: &'a str,
    source: &str,
    lines: &LineIndex,
    diagnostics: &'a [Diagnostic],
) -> Vec<JsonDiagnostic<'a>> {
    let utf16 = Utf16Map::new(source);
    diagnostics
        .iter()
        .map(|d| JsonDiagnostic::new(path, source, lines, d).with_utf16(|b| utf16.at(b)))
        .collect()
}

#[derive(Serialize)]
struct FileFacts<'a> {
    path: &'a str,
    date: String,
    date_source: &'static str,
    error: Option<String>,
}

#[derive(Serialize)]
struct CheckResponse<'a> {
    version: u32,
    files_checked: usize,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    files: [FileFacts<'a>; 1],
    /// The document date used by date-aware rules, and where it came from.
    date: String,
    date_source: &'static str,
    format: &'static str,
}

#[derive(Serialize)]
struct FixResponse<'a> {
    text: &'a str,
    applied: usize,
    remaining: Vec<JsonDiagnostic<'a>>,
    converged: bool,
    date: String,
    date_source: &'static str,
}

fn json_bytes(value: &impl Serialize) -> Result<Vec<u8>, ApiError> {
    serde_json::to_vec(value).map_err(|_| ApiError::internal())
}

fn run_check(state: &AppState, body: &[u8]) -> Result<Vec<u8>, ApiError> {
    let mut req = parse_request(body)?;
    let prepared = state.prepare(&mut req)?;
    let doc = Document::new(std::mem::take(&mut req.text), &prepared.options);
    let mut found = prepared.linter.check(&doc);
    found.retain(|d| d.severity >= prepared.min_severity);
    let date = *doc.date();
    let path = prepared.path.as_str();
    let source = doc.source();
    let response = CheckResponse {
        version: JSON_VERSION,
        files_checked: 1,
        diagnostics: diagnostics_json(path, source, &found),
        files: [FileFacts {
            path,
            date: date.date.format("%Y-%m-%d").to_string(),
            date_source: date.source.as_str(),
            error: None,
        }],
        date: date.date.format("%Y-%m-%d").to_string(),
        date_source: date.source.as_str(),
        format: prepared.options.format.as_str(),
    };
    json_bytes(&response)
}

fn run_fix(state: &AppState, body: &[u8]) -> Result<Vec<u8>, ApiError> {
    let mut req = parse_request(body)?;
    let prepared = state.prepare(&mut req)?;
    let min = if req.unsafe_fixes {
        Applicability::Unsafe
    } else {
        Applicability::Safe
    };
    // As `guifan fix` does (src/cli/check.rs): fix, count what was applied
    // only when the text changed, report what remains at or above the
    // minimum severity.
    let out = prepared.linter.fix(&req.text, &prepared.options, min);
    let changed = out.text != req.text;
    let mut remaining = out.remaining;
    remaining.retain(|d| d.severity >= prepared.min_severity);
    let date = *Document::new(out.text.as_str(), &prepared.options).date();
    let response = FixResponse {
        text: &out.text,
        applied: if changed { out.applied } else { 0 },
        remaining: diagnostics_json(&prepared.path, &out.text, &remaining),
        converged: out.converged,
        date: date.date.format("%Y-%m-%d").to_string(),
        date_source: date.source.as_str(),
    };
    json_bytes(&response)
}

/// Admit, wait for a checking thread, run `work` on it.
async fn in_worker(
    state: Arc<AppState>,
    headers: &HeaderMap,
    body: Result<Bytes, BytesRejection>,
    work: fn(&AppState, &[u8]) -> Result<Vec<u8>, ApiError>,
) -> Result<Response, ApiError> {
    let is_json = |h: &HeaderMap| {
        if is_json(h) {
            Ok(())
        } else {
            Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "请求体须为 JSON：请设置 Content-Type: application/json",
            ))
        }
    };
    let bytes = run_in_worker(state, headers, body, is_json, work).await?;
    Ok((
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        bytes,
    )
        .into_response())
}

/// Admit the request, check its body and content type (`accept`), wait
/// for a checking thread and run `work` on it.
pub(super) async fn run_in_worker<T: Send + 'static>(
    state: Arc<AppState>,
    headers: &HeaderMap,
    body: Result<Bytes, BytesRejection>,
    accept: impl FnOnce(&HeaderMap) -> Result<(), ApiError>,
    work: impl FnOnce(&AppState, &[u8]) -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    let admit = state
        .admit
        .clone()
        .try_acquire_owned()
        .map_err(|_| ApiError::busy())?;
    let body = body.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::too_large(state.max_body)
        } else {
            ApiError::bad_request("bad_request", format!("无法读取请求体：{e}"))
        }
    })?;
    accept(headers)?;
    let fault = state.fault(headers);
    let task_state = state.clone();
    let joined = state
        .pool
        .run(move || {
            let _admitted = admit;
            match fault {
                Some(FaultMode::Panic) => panic!("injected fault (GUIFAN_SERVE_TEST_FAULTS)"),
                Some(FaultMode::Sleep(ms)) => {
                    std::thread::sleep(std::time::Duration::from_millis(ms))
                }
                None => {}
            }
            work(&task_state, &body)
        })
        .await;
    match joined {
        Ok(result) => result,
        // A panic in a check: this request fails, the server goes on.
        Err(_) => Err(ApiError::internal()),
    }
}

pub async fn check(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    in_worker(state, &headers, body, run_check).await
}

pub async fn fix(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    in_worker(state, &headers, body, run_fix).await
}

pub async fn rules(State(state): State<Arc<AppState>>) -> Json<serde_json::Value> {
    let rules: Vec<serde_json::Value> = state.linter.rules().iter().map(rule_json).collect();
    let families: Vec<&str> = Family::ALL.iter().map(|f| f.as_str()).collect();
    Json(serde_json::json!({ "families": families, "rules": rules }))
}

pub async fn rule(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let Some(entry) = state.linter.rule(&id) else {
        let ids = state.linter.rules().iter().map(|r| r.meta.id.as_str());
        let closest = closest(&id, ids);
        let hint = match closest {
            Some(s) => format!("你是不是想查 `{s}`？"),
            None => "用 GET /api/v1/rules 查看全部规则".to_string(),
        };
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "unknown_rule",
            format!("没有规则 `{id}`；{hint}"),
        )
        .with_details(serde_json::json!({ "rule": id, "suggestion": closest })));
    };
    let mut text = Vec::new();
    write_explain(entry, &mut text).map_err(|_| ApiError::internal())?;
    let mut value = rule_json(entry);
    if let Some(obj) = value.as_object_mut() {
        obj.insert(
            "explain".into(),
            String::from_utf8_lossy(&text).into_owned().into(),
        );
        let m = &entry.meta;
        obj.insert("since".into(), m.since.map(|d| d.to_string()).into());
        obj.insert("until".into(), m.until.map(|d| d.to_string()).into());
    }
    Ok(Json(value))
}

pub async fn healthz(State(state): State<Arc<AppState>>) -> Json<serde_json::Value> {
    Json(serde_json::json!({
        "status": "ok",
        "version": env!("CARGO_PKG_VERSION"),
        "rules": state.linter.rules().len(),
        "enabled": state.linter.rules().iter().filter(|r| r.enabled).count(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_key_of_a_toml_line() {
        let text = "[[rule]]\nid = \"x/y\"\n\"kind\" = 3\n";
        assert_eq!(toml_key(text, 1).as_deref(), Some("rule"));
        assert_eq!(toml_key(text, 2).as_deref(), Some("id"));
        assert_eq!(toml_key(text, 3).as_deref(), Some("kind"));
        assert_eq!(toml_key(text, 9), None);
    }

    #[test]
    fn content_types() {
        let mut h = HeaderMap::new();
        assert!(!is_json(&h));
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("Application/JSON; charset=utf-8"),
        );
        assert!(is_json(&h));
        h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain"));
        assert!(!is_json(&h));
    }
}
