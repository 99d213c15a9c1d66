//! Errors of the HTTP API: always JSON, `{"error": {"code", "message"}}`,
//! with the message in Chinese (the page shows it as is) and a stable
//! English `code` for programs.
//!
//! Some refusals are made by tower layers, not by our handlers (the body
//! limit answers 413, the timeout 504, the panic catcher 500, each with a
//! plain-text or empty body); [`jsonify`] rewrites those into the same JSON
//! shape, so that a client never has to parse two kinds of error.

use axum::Json;
use axum::body::Body;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// An error answer of the API.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    /// Extra keys inside `error` (the TOML line of a broken rule set, …).
    pub details: Option<serde_json::Value>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code,
            message: message.into(),
            details: None,
        }
    }

    pub fn bad_request(code: &'static str, message: impl Into<String>) -> Self {
        ApiError::new(StatusCode::BAD_REQUEST, code, message)
    }

    pub fn with_details(mut self, details: serde_json::Value) -> Self {
        self.details = Some(details);
        self
    }

    pub fn too_large(limit: u64) -> Self {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
            format!(
                "请求体超过服务器的上限 {}，未检查；请分段提交，或请管理员调高 --max-body",
                super::show_size(limit)
            ),
        )
    }

    pub fn timeout() -> Self {
        ApiError::new(
            StatusCode::GATEWAY_TIMEOUT,
            "timeout",
            "检查超过了服务器的处理时限，未完成；请缩短文稿后重试",
        )
    }

    pub fn busy() -> Self {
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "busy",
            "服务器正忙（同时处理的请求已达上限），请稍后重试",
        )
    }

    pub fn internal() -> Self {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "服务器内部错误，本次请求未完成（服务仍在运行）；请把文稿和操作步骤报告给维护者",
        )
    }

    pub fn unauthorized() -> Self {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "需要访问令牌：请在请求头中加上 Authorization: Bearer <令牌>",
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut error = serde_json::json!({ "code": self.code, "message": self.message });
        if let (Some(serde_json::Value::Object(extra)), Some(obj)) =
            (self.details, error.as_object_mut())
        {
            obj.extend(extra);
        }
        let mut response =
            (self.status, Json(serde_json::json!({ "error": error }))).into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}

/// Give error answers made by layers (no JSON body) the API's JSON shape.
pub fn jsonify(response: Response, max_body: u64) -> Response {
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if is_json {
        return response;
    }
    let error = match status {
        StatusCode::PAYLOAD_TOO_LARGE => ApiError::too_large(max_body),
        StatusCode::GATEWAY_TIMEOUT | StatusCode::REQUEST_TIMEOUT => ApiError::timeout(),
        StatusCode::INTERNAL_SERVER_ERROR => ApiError::internal(),
        StatusCode::NOT_FOUND => ApiError::new(status, "not_found", "没有这个地址"),
        StatusCode::METHOD_NOT_ALLOWED => {
            ApiError::new(status, "method_not_allowed", "此地址不支持这种请求方法")
        }
        _ => ApiError::new(
            status,
            "error",
            status.canonical_reason().unwrap_or("错误").to_string(),
        ),
    };
    let (mut parts, _) = response.into_parts();
    let fresh = error.into_response();
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    let (_, body) = fresh.into_parts();
    Response::from_parts(parts, Body::new(body))
}
