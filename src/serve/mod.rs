//! `guifan serve`: a proofreading page and an HTTP JSON API over the same
//! linter as `guifan check` and `guifan fix`.
//!
//! Why it is built this way:
//!
//! - **One linter, built at start.** Building compiles every automaton and
//!   regex of the rule sets; doing it per request would cost more than the
//!   check itself. The configuration (`--config`, `--rules`) is read once,
//!   exactly as `guifan check` reads it, so the page and the command line
//!   agree on every finding. The linter is `Send + Sync` and shared behind
//!   an `Arc`.
//! - **Loopback by default.** The page is a tool for the editor at this
//!   machine. Listening elsewhere is a decision (`--host`), announced at
//!   start; `--token` then guards the API. TLS is left to a reverse proxy
//!   (README, Deployment).
//! - **No filesystem from requests.** Documents and house rule sets come in
//!   the request body; nothing a request says is used as a path. The page's
//!   assets are compiled into the binary (`page/`), so the server needs no
//!   files around it and cannot be made to serve any.
//! - **Nothing of a document is logged.** The access log (stderr) has the
//!   method, path, status, size and duration, never a body; the panic hook
//!   prints where a panic happened but not its message, which may quote the
//!   text (a failed slice prints the string it cut).
//! - **Bounded work.** Body size (`--max-body`), time (`--timeout`) and
//!   concurrency (`--max-concurrent`) are limits with JSON refusals (413,
//!   504, 503) that the page turns into a message; see [`api`] for how
//!   checks are scheduled on the checking threads ([`pool`]).
//! - **Graceful shutdown.** SIGTERM or Ctrl-C stops accepting, lets the
//!   requests in flight finish, then exits 0 (what systemd expects).
//!
//! For the tests only, `GUIFAN_SERVE_TEST_FAULTS=1` in the environment makes
//! the header `x-guifan-test-fault: panic` (or `sleep=MS`) panic (or sleep)
//! inside the worker, to test that a panic is a 500 that leaves the server
//! running, and the 503 and 504 refusals, deterministically.

pub mod api;
pub mod docx;
pub mod error;
pub mod offsets;
pub mod page;
pub mod pool;

use crate::cli::args::ServeArgs;
use crate::cli::config::{resolve, selectors};
use axum::Router;
use axum::body::HttpBody;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use chrono::NaiveDate;
use error::ApiError;
use guifan::{Linter, RuleSet, Settings};
use miette::{Report, miette};
use std::collections::HashMap;
use std::io::Write;
use std::net::{IpAddr, SocketAddr};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::Semaphore;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

/// What every handler shares.
pub struct AppState {
    pub linter: Arc<Linter>,
    pub sets: Vec<RuleSet>,
    pub settings: Settings,
    pub as_of: Option<NaiveDate>,
    /// Every valid selector of the server's rule sets, sorted.
    pub known: Vec<String>,
    pub cache: Mutex<HashMap<api::LinterKey, Arc<Linter>>>,
    /// Check and fix requests taken in (`--max-concurrent`).
    pub admit: Arc<Semaphore>,
    /// The threads that run checks and fixes (one per core).
    pub pool: pool::CheckPool,
    pub token: Option<String>,
    pub max_body: u64,
    pub test_faults: bool,
}

/// A fault injected by a test (see the module documentation).
#[derive(Clone, Copy, Debug)]
pub enum FaultMode {
    Panic,
    Sleep(u64),
}

impl AppState {
    fn fault(&self, headers: &HeaderMap) -> Option<FaultMode> {
        if !self.test_faults {
            return None;
        }
        let v = headers.get("x-guifan-test-fault")?.to_str().ok()?;
        if v == "panic" {
            return Some(FaultMode::Panic);
        }
        v.strip_prefix("sleep=")?.parse().ok().map(FaultMode::Sleep)
    }
}

/// `n` bytes as `--max-body` takes them: `10MB`, `512KiB`.
pub fn show_size(n: u64) -> String {
    for (unit, size) in [("GB", 1_000_000_000u64), ("MB", 1_000_000), ("KB", 1_000)] {
        if n >= size && n % size == 0 && n % 1024 != 0 {
            return format!("{}{unit}", n / size);
        }
    }
    crate::cli::read::show_size(n)
}

/// Constant-time comparison, so that the token cannot be guessed byte by
/// byte from response times.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

async fn require_token(State(state): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    if let Some(token) = &state.token {
        let given = req
            .headers()
            .get(axum::http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim);
        if !given.is_some_and(|g| same(g.as_bytes(), token.as_bytes())) {
            return ApiError::unauthorized().into_response();
        }
    }
    next.run(req).await
}

/// One line per request on stderr: method, path, status, size, duration.
async fn access_log(req: Request, next: Next) -> Response {
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    let start = Instant::now();
    let response = next.run(req).await;
    let size = response
        .body()
        .size_hint()
        .exact()
        .map_or_else(|| "-".to_string(), |n| n.to_string());
    let _ = writeln!(
        std::io::stderr(),
        "{} {method} {path} {} {size} {:.1}ms",
        chrono::Local::now().format("%Y-%m-%dT%H:%M:%S%.3f%:z"),
        response.status().as_u16(),
        start.elapsed().as_secs_f64() * 1000.0
    );
    response
}

/// The whole application.
pub fn router(state: Arc<AppState>, timeout: Duration) -> Router {
    let max_body = state.max_body;
    let limit = usize::try_from(max_body).unwrap_or(usize::MAX);
    let work = Router::new()
        .route("/api/v1/check", post(api::check))
        .route("/api/v1/fix", post(api::fix))
        .route("/api/v1/docx/{action}", post(docx::handle))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::GATEWAY_TIMEOUT,
            timeout,
        ))
        .layer(DefaultBodyLimit::max(limit))
        .layer(RequestBodyLimitLayer::new(limit));
    let api = Router::new()
        .route("/api/v1/rules", get(api::rules))
        .route("/api/v1/rules/{*id}", get(api::rule))
        .merge(work)
        .layer(middleware::from_fn_with_state(state.clone(), require_token));
    Router::new()
        .route("/", get(page::index))
        .route("/app.js", get(page::script))
        .route("/app.css", get(page::style))
        .route("/api/v1/openapi.json", get(page::openapi))
        .route("/healthz", get(api::healthz))
        .merge(api)
        .fallback(|| async {
            ApiError::new(StatusCode::NOT_FOUND, "not_found", "没有这个地址").into_response()
        })
        .with_state(state)
        .layer(CatchPanicLayer::new())
        .layer(middleware::map_response(move |r: Response| async move {
            error::jsonify(r, max_body)
        }))
        .layer(middleware::from_fn(access_log))
        .layer(CompressionLayer::new())
}

/// Print where a panic happened, not what it said (it may quote a document).
fn quiet_panics() {
    std::panic::set_hook(Box::new(|info| {
        let place = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_else(|| "?".into());
        let _ = writeln!(
            std::io::stderr(),
            "guifan serve：处理请求时出现内部错误（{place}），该请求返回 500，服务继续运行"
        );
    }));
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    let _ = writeln!(
        std::io::stderr(),
        "guifan serve：收到停止信号，处理完进行中的请求后退出"
    );
}

/// `guifan serve`.
/// The address `--host` names: an IP address, `[::1]`, or `localhost`.
fn host_ip(host: &str) -> Result<IpAddr, Report> {
    match host {
        "localhost" => Ok(IpAddr::from([127, 0, 0, 1])),
        h => h
            .trim_matches(|c| c == '[' || c == ']')
            .parse()
            .map_err(|_| {
                miette!(
                    code = "guifan::usage",
                    help = "例如 127.0.0.1（只允许本机）、::1 或 0.0.0.0（所有网卡）",
                    "--host `{h}` 不是 IP 地址"
                )
            }),
    }
}

pub fn run(args: ServeArgs, cwd: &Path) -> Result<(), Report> {
    let started = Instant::now();
    let config = resolve(&args.rules, cwd)?;
    let ip = host_ip(&args.host)?;
    let token = args.token.filter(|t| !t.is_empty());
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let state = Arc::new(AppState {
        known: selectors(&config.sets),
        linter: config.linter.clone(),
        sets: config.sets,
        settings: config.settings,
        as_of: config.as_of,
        cache: Mutex::new(HashMap::new()),
        admit: Arc::new(Semaphore::new(args.max_concurrent as usize)),
        pool: pool::CheckPool::new(cores).map_err(|e| miette!("无法启动检查线程：{e}"))?,
        token: token.clone(),
        max_body: args.max_body,
        test_faults: std::env::var_os("GUIFAN_SERVE_TEST_FAULTS").is_some_and(|v| v == "1"),
    });
    let app = router(state.clone(), Duration::from_secs_f64(args.timeout));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(cores.clamp(1, 4))
        .enable_all()
        .build()
        .map_err(|e| miette!("无法启动异步运行时：{e}"))?;
    quiet_panics();
    let result = runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(SocketAddr::new(ip, args.port))
            .await
            .map_err(|e| {
                miette!(
                    code = "guifan::io",
                    help = "换一个端口（--port），或先停止占用它的程序",
                    "无法在 {ip}:{} 上监听：{e}",
                    args.port
                )
            })?;
        let addr = listener
            .local_addr()
            .map_err(|e| miette!("无法取得监听地址：{e}"))?;
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "guifan serve 正在监听 http://{addr}/");
        let _ = out.flush();
        drop(out);
        let mut err = std::io::stderr().lock();
        let enabled = state.linter.rules().iter().filter(|r| r.enabled).count();
        let _ = writeln!(
            err,
            "已载入 {} 条规则（启用 {enabled} 条），用时 {} ms；请求体上限 {}，时限 {} 秒，并发上限 {}{}",
            state.linter.rules().len(),
            started.elapsed().as_millis(),
            show_size(args.max_body),
            args.timeout,
            args.max_concurrent,
            if token.is_some() { "；接口需要令牌" } else { "" }
        );
        if !ip.is_loopback() {
            let _ = writeln!(
                err,
                "注意：监听 {ip} 不只是本机，网络上的其他机器也能访问此服务{}；对外提供请放在带 TLS 的反向代理之后（见 README 的“部署”）",
                if token.is_some() {
                    ""
                } else {
                    "，且未设置 --token"
                }
            );
        }
        drop(err);
        // The word segmenter and other lazily built tables load on the
        // first check (a few hundred milliseconds): do that now, in the
        // background, rather than in the first editor's request.
        let warm = state.linter.clone();
        state.pool.spawn(move || {
            let options = guifan::DocumentOptions::new(
                guifan::Format::Plain,
                chrono::Local::now().date_naive(),
            );
            warm.check(&guifan::Document::new("会议指出,要深入学习。", &options));
        });
        axum::serve(listener, app)
            .with_graceful_shutdown(shutdown_signal())
            .await
            .map_err(|e| miette!("服务出错：{e}"))
    });
    // Checks still running (their clients timed out) end with the process;
    // none of them writes anything.
    runtime.shutdown_timeout(Duration::from_secs(5));
    result
}
