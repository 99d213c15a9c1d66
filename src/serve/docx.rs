//! Word documents over API v1: `POST /api/v1/docx/{action}` with the
//! `.docx` itself as the body (`Content-Type:
//! application/vnd.openxmlformats-officedocument.wordprocessingml.document`,
//! or `application/octet-stream`), options in the query string.
//!
//! - `check`: the findings on the document's text view, as JSON (the shape
//!   of `/api/v1/check`, with the text view in `text`).
//! - `fix`: the fixed document (`track_changes=true`: the fixes as tracked
//!   changes by `guifan`), with `X-Guifan-Applied` and
//!   `X-Guifan-Remaining` headers.
//! - `annotate`: the document with a Word comment at each finding without
//!   a fix (`all=true`: at every finding), with `X-Guifan-Comments`.
//!
//! Query options as in the JSON body of `/api/v1/check`: `path` (the file
//! name, used in the download's name), `date`, `select`, `ignore` (comma
//! separated), `min_severity`, `unsafe`. The body is bounded by
//! `--max-body`; what the package decompresses to is bounded by the
//! reader's zip-bomb limits. Nothing is written to disk.

use super::AppState;
use super::api::{Prepared, diagnostics_json_with, parse_request, run_in_worker};
use super::error::ApiError;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use guifan::document::LineIndex;
use guifan::document::docx::{Docx, DocxLimits, Revision, comments_for};
use guifan::report::json::JSON_VERSION;
use guifan::{Applicability, Document};
use serde::Serialize;
use std::sync::Arc;

pub const DOCX_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Action {
    Check,
    Fix,
    Annotate,
}

/// The query string: the options of a JSON check request, and the Word
/// ones.
struct Options {
    request: serde_json::Value,
    path: String,
    track_changes: bool,
    all: bool,
}

fn flag(name: &str, value: &str) -> Result<bool, ApiError> {
    match value {
        "" | "1" | "true" | "yes" => Ok(true),
        "0" | "false" | "no" => Ok(false),
        other => Err(ApiError::bad_request(
            "bad_request",
            format!("查询参数 `{name}` 的值 `{other}` 无效，应为 true 或 false"),
        )),
    }
}

fn options(uri: &Uri) -> Result<Options, ApiError> {
    let mut request = serde_json::Map::new();
    request.insert("text".into(), "".into());
    let mut out = Options {
        request: serde_json::Value::Null,
        path: "document.docx".into(),
        track_changes: false,
        all: false,
    };
    let query = uri.query().unwrap_or("");
    for (k, v) in form_urlencoded::parse(query.as_bytes()) {
        let list = || -> serde_json::Value {
            v.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| serde_json::Value::from(s.to_string()))
                .collect::<Vec<_>>()
                .into()
        };
        match k.as_ref() {
            "path" => {
                out.path = v.to_string();
                request.insert("path".into(), v.to_string().into());
            }
            "date" | "min_severity" => {
                request.insert(k.to_string(), v.to_string().into());
            }
            "select" | "ignore" => {
                request.insert(k.to_string(), list());
            }
            "unsafe" => {
                request.insert("unsafe".into(), flag(&k, &v)?.into());
            }
            "track_changes" => out.track_changes = flag(&k, &v)?,
            "all" => out.all = flag(&k, &v)?,
            other => {
                return Err(ApiError::bad_request(
                    "bad_request",
                    format!(
                        "未知的查询参数 `{other}`；可用：path、date、select、ignore、min_severity、unsafe、track_changes、all"
                    ),
                ));
            }
        }
    }
    // Plain text rules: the text view is plain text.
    request.insert("format".into(), "plain".into());
    out.request = request.into();
    Ok(out)
}

fn is_docx(headers: &HeaderMap) -> Result<(), ApiError> {
    let ok = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|m| {
            let m = m.trim();
            m.eq_ignore_ascii_case(DOCX_TYPE) || m.eq_ignore_ascii_case("application/octet-stream")
        });
    if ok {
        Ok(())
    } else {
        Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            format!("请求体须为 .docx 文件本身：请设置 Content-Type: {DOCX_TYPE}"),
        ))
    }
}

#[derive(Serialize)]
struct DocxCheckResponse<'a> {
    version: u32,
    files_checked: usize,
    diagnostics: Vec<guifan::report::json::JsonDiagnostic<'a>>,
    date: String,
    date_source: &'static str,
    format: &'static str,
    view: &'static str,
    /// The text view the offsets refer to.
    text: &'a str,
}

/// What a worker hands back: a body, its content type and extra headers.
struct Answer {
    body: Vec<u8>,
    content_type: &'static str,
    headers: Vec<(&'static str, String)>,
}

fn bad_document(e: impl std::fmt::Display) -> ApiError {
    ApiError::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        "bad_document",
        format!("上传的文件无法作为 Word 文档读取：{e}"),
    )
}

fn work(state: &AppState, action: Action, opts: &Options, body: &[u8]) -> Result<Answer, ApiError> {
    let request = serde_json::to_vec(&opts.request).map_err(|_| ApiError::internal())?;
    let mut req = parse_request(&request)?;
    let prepared = state.prepare(&mut req)?;
    let unsafe_fixes = opts.request["unsafe"].as_bool().unwrap_or(false);
    let limits = DocxLimits::default();
    let docx = Docx::read(body, &limits).map_err(bad_document)?;
    let mut doc_opts = prepared.options.clone();
    // The document's creation date stands in when its text has none.
    if let Some(created) = docx.created() {
        doc_opts.as_of = Some(created);
    }
    let text = docx.text();
    let lines = |t: &str| match docx.paragraph_starts(t) {
        Some(starts) => LineIndex::from_starts(t, starts),
        None => LineIndex::new(t),
    };
    let applicability = if unsafe_fixes {
        Applicability::Unsafe
    } else {
        Applicability::Safe
    };
    match action {
        Action::Check => {
            let d = Document::new(text, &doc_opts);
            let mut found = prepared.linter.check(&d);
            found.retain(|x| x.severity >= prepared.min_severity);
            let date = *d.date();
            let index = lines(text);
            let response = DocxCheckResponse {
                version: JSON_VERSION,
                files_checked: 1,
                diagnostics: diagnostics_json_with(&prepared.path, text, &index, &found),
                date: date.date.format("%Y-%m-%d").to_string(),
                date_source: if docx.created().is_some()
                    && date.source == guifan::document::DateSource::AsOf
                {
                    "properties"
                } else {
                    date.source.as_str()
                },
                format: "docx",
                view: "docx-text",
                text,
            };
            Ok(Answer {
                body: serde_json::to_vec(&response).map_err(|_| ApiError::internal())?,
                content_type: "application/json",
                headers: Vec::new(),
            })
        }
        Action::Fix => fix_answer(&prepared, &docx, opts, body, &doc_opts, applicability),
        Action::Annotate => {
            let d = Document::new(text, &doc_opts);
            let mut found = prepared.linter.check(&d);
            found.retain(|x| x.severity >= prepared.min_severity);
            let comments = comments_for(&found, opts.all, applicability);
            let revision = Revision {
                author: "guifan".into(),
                date: chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            };
            let out = docx
                .annotate(body, &comments, &revision, &limits)
                .map_err(bad_document)?;
            Ok(Answer {
                body: out.bytes,
                content_type: DOCX_TYPE,
                headers: vec![("x-guifan-comments", out.comments.to_string())],
            })
        }
    }
}

/// The name of the file to download: `报告（已修复）.docx` for `报告.docx`.
fn download_name(path: &str, action: Action, track: bool) -> String {
    let base = std::path::Path::new(path)
        .file_stem()
        .and_then(|s| s.to_str())
        .filter(|s| !s.is_empty())
        .unwrap_or("document");
    let tag = match (action, track) {
        (Action::Annotate, _) => "批注",
        (_, true) => "修订",
        _ => "已修复",
    };
    format!("{base}（{tag}）.docx")
}

fn disposition(name: &str) -> String {
    // RFC 6266 / 5987: an ASCII fallback and the UTF-8 name.
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = form_urlencoded::byte_serialize(name.as_bytes())
        .collect::<String>()
        .replace('+', "%20");
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

pub async fn handle(
    State(state): State<Arc<AppState>>,
    Path(action): Path<String>,
    uri: Uri,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let action = match action.as_str() {
        "check" => Action::Check,
        "fix" => Action::Fix,
        "annotate" => Action::Annotate,
        other => {
            return Err(ApiError::new(
                StatusCode::NOT_FOUND,
                "not_found",
                format!("没有 Word 文档操作 `{other}`：可用 check、fix、annotate"),
            ));
        }
    };
    let opts = options(&uri)?;
    let name = download_name(&opts.path, action, opts.track_changes);
    let answer = run_in_worker(state, &headers, body, is_docx, move |state, body| {
        work(state, action, &opts, body)
    })
    .await?;
    let mut response = answer.body.into_response();
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(answer.content_type),
    );
    if answer.content_type == DOCX_TYPE {
        if let Ok(v) = HeaderValue::from_str(&disposition(&name)) {
            h.insert(header::CONTENT_DISPOSITION, v);
        }
        h.insert(
            header::ACCESS_CONTROL_EXPOSE_HEADERS,
            HeaderValue::from_static(
                "content-disposition, x-guifan-applied, x-guifan-remaining, x-guifan-comments",
            ),
        );
    }
    for (k, v) in answer.headers {
        if let Ok(v) = HeaderValue::from_str(&v) {
            h.insert(k, v);
        }
    }
    Ok(response)
}

/// `POST /api/v1/docx/fix`: the fixed document (as tracked changes with
/// `track_changes`), with the fixes applied and the findings left in headers.
fn fix_answer(
    prepared: &Prepared,
    docx: &Docx,
    opts: &Options,
    body: &[u8],
    doc_opts: &guifan::DocumentOptions,
    applicability: Applicability,
) -> Result<Answer, ApiError> {
    let text = docx.text();
    let out = prepared.linter.fix(text, doc_opts, applicability);
    let revision = opts.track_changes.then(|| Revision {
        author: "guifan".into(),
        date: chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string(),
    });
    let (bytes, applied, remaining) = if out.text == text {
        (body.to_vec(), 0, out.remaining)
    } else {
        let f = docx
            .apply_with(body, &out.text, revision.as_ref())
            .map_err(bad_document)?;
        let remaining = if f.text == out.text {
            out.remaining
        } else {
            prepared
                .linter
                .check(&Document::new(f.text.as_str(), doc_opts))
        };
        let applied = out.applied.saturating_sub(f.skipped).max(f.applied.min(1));
        match f.bytes {
            Some(b) => (b, applied, remaining),
            None => (body.to_vec(), 0, remaining),
        }
    };
    let remaining = remaining
        .iter()
        .filter(|d| d.severity >= prepared.min_severity)
        .count();
    Ok(Answer {
        body: bytes,
        content_type: DOCX_TYPE,
        headers: vec![
            ("x-guifan-applied", applied.to_string()),
            ("x-guifan-remaining", remaining.to_string()),
        ],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_download() {
        assert_eq!(
            download_name("报告.docx", Action::Fix, false),
            "报告（已修复）.docx"
        );
        assert_eq!(
            download_name("", Action::Annotate, false),
            "document（批注）.docx"
        );
        let d = disposition("报告（修订）.docx");
        assert!(
            d.starts_with("attachment; filename=\"______.docx\"; filename*=UTF-8''%E6%8A%A5"),
            "{d}"
        );
    }

    #[test]
    fn reads_the_query() {
        let uri: Uri = "/api/v1/docx/fix?select=punctuation,terminology&unsafe=true&track_changes&path=%E6%8A%A5.docx"
            .parse()
            .unwrap();
        let o = options(&uri).unwrap();
        assert!(o.track_changes && !o.all);
        assert_eq!(o.path, "报.docx");
        assert_eq!(
            o.request["select"],
            serde_json::json!(["punctuation", "terminology"])
        );
        assert_eq!(o.request["unsafe"], true);
        let bad: Uri = "/x?colour=red".parse().unwrap();
        assert!(options(&bad).is_err());
    }
}
