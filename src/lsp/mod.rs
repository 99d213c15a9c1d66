//! `guifan server`: a Language Server Protocol (3.17) server over stdio.
//!
//! Editors show guifan's findings while the text is written, offer its
//! fixes as quick fixes and `source.fixAll.guifan`, insert the suppression
//! comments the engine honours, and show `guifan explain` on hover. The
//! server is a thin edge around the same library calls and configuration
//! code as `guifan check` and `guifan fix`, so an editor and the command
//! line never disagree.
//!
//! Shape: one synchronous main loop owns every piece of state (open
//! documents, configurations, pending checks) and handles messages in
//! order; checking, the only slow part, runs on worker threads. A change
//! schedules a check after a short debounce; each document carries a
//! generation number, and a check whose document changed meanwhile is
//! skipped before it starts and its result dropped if it finishes, so a
//! burst of typing costs one check of the final text, never a backlog.
//! Requests that need findings (code actions, hover) use the last result
//! when it is for the current text and check synchronously otherwise.
//!
//! Robustness: no message may bring the server down. Bad frames get
//! JSON-RPC errors from the transport, unknown requests MethodNotFound,
//! bad parameters InvalidParams, and a panic inside a handler or a check
//! becomes an InternalError (or an empty result) for that message only.

mod actions;
mod config;
mod documents;
mod encoding;
mod transport;

use actions::Text;
use config::{Configs, InitOptions, Problem};
use crossbeam_channel::{Receiver, Sender, select};
use documents::{Documents, OpenDocument};
use encoding::{Encoding, LineIndex};
use guifan::{Diagnostic, Document, DocumentOptions, Format, Linter};
use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{self as note, Notification as _};
use lsp_types::request::{self as req, Request as _};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionParams, CodeActionProviderCapability,
    DidChangeTextDocumentParams, DidChangeWatchedFilesRegistrationOptions,
    DidCloseTextDocumentParams, DidOpenTextDocumentParams, DidSaveTextDocumentParams,
    FileSystemWatcher, GlobPattern, Hover, HoverContents, HoverParams, HoverProviderCapability,
    InitializeParams, InitializeResult, MarkupContent, MarkupKind, MessageType,
    PublishDiagnosticsParams, Registration, RegistrationParams, SaveOptions, ServerCapabilities,
    ServerInfo, ShowMessageParams, TextDocumentSyncCapability, TextDocumentSyncKind,
    TextDocumentSyncOptions, TextDocumentSyncSaveOptions, Url,
};
use std::collections::{HashMap, HashSet};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use transport::{Incoming, Outgoing};

/// Default wait after a change before checking.
const DEBOUNCE: Duration = Duration::from_millis(150);
/// How many checks may run at once.
const WORKERS: usize = 2;

/// One check to run on a worker.
struct Job {
    uri: Url,
    generation: u64,
    text: Arc<str>,
    linter: Arc<Linter>,
    options: DocumentOptions,
}

/// A finished check.
struct Done {
    uri: Url,
    generation: u64,
    diagnostics: Vec<Diagnostic>,
}

/// The generation each open document is at, shared with the workers so
/// that they skip superseded jobs.
type Latest = Arc<Mutex<HashMap<Url, u64>>>;

/// Run the server until `exit` or the end of input.
pub fn run() -> ExitCode {
    let (in_tx, in_rx) = crossbeam_channel::unbounded();
    let (out_tx, out_rx) = crossbeam_channel::unbounded();
    let writer = match (
        transport::spawn_reader(in_tx),
        transport::spawn_writer(out_rx),
    ) {
        (Ok(_), Ok(w)) => w,
        _ => {
            eprintln!("guifan server：无法启动读写线程");
            return ExitCode::from(2);
        }
    };
    let (job_tx, job_rx) = crossbeam_channel::unbounded::<Job>();
    let (done_tx, done_rx) = crossbeam_channel::unbounded::<Done>();
    let latest: Latest = Arc::default();
    for i in 0..WORKERS {
        let (jobs, done, latest) = (job_rx.clone(), done_tx.clone(), latest.clone());
        let spawned = std::thread::Builder::new()
            .name(format!("guifan-lsp-worker-{i}"))
            .spawn(move || worker(jobs, done, latest));
        if spawned.is_err() {
            eprintln!("guifan server：无法启动检查线程");
            return ExitCode::from(2);
        }
    }
    let mut server = Server::new(out_tx, job_tx, latest);
    let code = server.main_loop(&in_rx, &done_rx);
    drop(server);
    let _ = writer.join();
    code
}

fn worker(jobs: Receiver<Job>, done: Sender<Done>, latest: Latest) {
    let current = |uri: &Url, generation: u64| {
        latest
            .lock()
            .map(|l| l.get(uri) == Some(&generation))
            .unwrap_or(true)
    };
    for job in jobs {
        if !current(&job.uri, job.generation) {
            continue;
        }
        let diagnostics = catch_unwind(AssertUnwindSafe(|| {
            job.linter
                .check(&Document::new(job.text.to_string(), &job.options))
        }))
        .unwrap_or_default();
        let result = Done {
            uri: job.uri,
            generation: job.generation,
            diagnostics,
        };
        if done.send(result).is_err() {
            break;
        }
    }
}

/// Whether a document is one guifan reads (by language id or extension);
/// others (a `guifan.toml` open in the editor) are synced but not checked.
/// A Word document is never checked here: what an editor holds of a `.docx`
/// is the ZIP package read as text, not its prose (`guifan check` reads it).
fn lintable(language_id: &str, uri: &Url) -> bool {
    let ext = std::path::Path::new(uri.path())
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    if matches!(
        ext.as_deref(),
        Some("docx" | "doc" | "wps" | "et" | "dps" | "xls" | "xlsx" | "ppt" | "pptx")
    ) {
        return false;
    }
    matches!(language_id, "plaintext" | "text" | "markdown" | "html")
        || Format::is_known_extension(std::path::Path::new(uri.path()))
}

struct Server {
    out: Sender<Outgoing>,
    jobs: Sender<Job>,
    latest: Latest,
    initialized: bool,
    shutdown: bool,
    enc: Encoding,
    debounce: Duration,
    docs: Documents,
    /// Documents that are checked (the others are only synced).
    checked: HashSet<Url>,
    configs: Option<Configs>,
    /// Checks waiting for their debounce deadline.
    pending: HashMap<Url, Instant>,
    /// The last findings per document, with the generation they are for.
    findings: HashMap<Url, (u64, Arc<Vec<Diagnostic>>)>,
    /// Configuration problems reported, by file.
    problems: Vec<Problem>,
    watch_files: bool,
    next_id: i32,
}

impl Server {
    fn new(out: Sender<Outgoing>, jobs: Sender<Job>, latest: Latest) -> Server {
        Server {
            out,
            jobs,
            latest,
            initialized: false,
            shutdown: false,
            enc: Encoding::Utf16,
            debounce: DEBOUNCE,
            docs: Documents::default(),
            checked: HashSet::new(),
            configs: None,
            pending: HashMap::new(),
            findings: HashMap::new(),
            problems: Vec::new(),
            watch_files: false,
            next_id: 0,
        }
    }

    fn send(&self, msg: impl Into<Message>) {
        let _ = self.out.send(Outgoing::Message(msg.into()));
    }

    fn notify<N: note::Notification>(&self, params: N::Params) {
        self.send(Notification::new(N::METHOD.to_string(), params));
    }

    fn error(&self, id: RequestId, code: ErrorCode, message: String) {
        self.send(Response::new_err(id, code as i32, message));
    }

    fn show(&self, typ: MessageType, message: String) {
        self.notify::<note::ShowMessage>(ShowMessageParams { typ, message });
    }

    /// Returns the process's exit code.
    fn main_loop(&mut self, incoming: &Receiver<Incoming>, done: &Receiver<Done>) -> ExitCode {
        loop {
            let wait = self
                .pending
                .values()
                .min()
                .map(|d| d.saturating_duration_since(Instant::now()));
            let timer = match wait {
                Some(w) => crossbeam_channel::after(w),
                None => crossbeam_channel::never(),
            };
            select! {
                recv(incoming) -> msg => match msg {
                    // End of input: the client is gone.
                    Err(_) => return ExitCode::SUCCESS,
                    Ok(Incoming::Invalid(v)) => { let _ = self.out.send(Outgoing::Raw(v)); }
                    Ok(Incoming::Message(msg)) => {
                        if let Some(code) = self.handle(msg) {
                            return code;
                        }
                    }
                },
                recv(done) -> result => if let Ok(result) = result {
                    self.finished(result);
                },
                recv(timer) -> _ => {},
            }
            self.start_due();
        }
    }

    /// Handle one message; `Some` to exit with that code.
    fn handle(&mut self, msg: Message) -> Option<ExitCode> {
        match msg {
            Message::Request(r) => {
                let id = r.id.clone();
                let method = r.method.clone();
                let outcome = catch_unwind(AssertUnwindSafe(|| self.request(r)));
                if outcome.is_err() {
                    self.error(
                        id,
                        ErrorCode::InternalError,
                        format!("处理 {method} 时出现内部错误"),
                    );
                }
                None
            }
            Message::Notification(n) => {
                if n.method == note::Exit::METHOD {
                    return Some(if self.shutdown {
                        ExitCode::SUCCESS
                    } else {
                        ExitCode::from(1)
                    });
                }
                let method = n.method.clone();
                if catch_unwind(AssertUnwindSafe(|| self.notification(n))).is_err() {
                    eprintln!("guifan server：处理 {method} 时出现内部错误");
                }
                None
            }
            // Answers to our own requests (registerCapability): nothing to do.
            Message::Response(_) => None,
        }
    }

    fn request(&mut self, r: Request) {
        let id = r.id.clone();
        if r.method == req::Initialize::METHOD {
            if self.initialized {
                return self.error(id, ErrorCode::InvalidRequest, "服务器已初始化".into());
            }
            return match serde_json::from_value::<InitializeParams>(r.params) {
                Ok(params) => {
                    let result = self.initialize(params);
                    self.send(Response::new_ok(id, result));
                }
                Err(e) => self.error(id, ErrorCode::InvalidParams, format!("参数无效：{e}")),
            };
        }
        if !self.initialized {
            return self.error(
                id,
                ErrorCode::ServerNotInitialized,
                "服务器尚未初始化".into(),
            );
        }
        if self.shutdown {
            return self.error(id, ErrorCode::InvalidRequest, "服务器已关闭".into());
        }
        match r.method.as_str() {
            req::Shutdown::METHOD => {
                self.shutdown = true;
                self.send(Response::new_ok(id, serde_json::Value::Null));
            }
            req::CodeActionRequest::METHOD => match serde_json::from_value(r.params) {
                Ok(p) => {
                    let result = self.code_action(p);
                    self.send(Response::new_ok(id, result));
                }
                Err(e) => self.error(id, ErrorCode::InvalidParams, format!("参数无效：{e}")),
            },
            req::HoverRequest::METHOD => match serde_json::from_value(r.params) {
                Ok(p) => {
                    let result = self.hover(p);
                    self.send(Response::new_ok(id, result));
                }
                Err(e) => self.error(id, ErrorCode::InvalidParams, format!("参数无效：{e}")),
            },
            other => self.error(
                id,
                ErrorCode::MethodNotFound,
                format!("不支持的请求：{other}"),
            ),
        }
    }

    fn notification(&mut self, n: Notification) {
        if !self.initialized || self.shutdown {
            return;
        }
        fn params<P: serde::de::DeserializeOwned>(n: Notification) -> Option<P> {
            let method = n.method.clone();
            serde_json::from_value(n.params)
                .map_err(|e| eprintln!("guifan server：{method} 的参数无效：{e}"))
                .ok()
        }
        match n.method.as_str() {
            note::Initialized::METHOD => self.register_watcher(),
            note::DidOpenTextDocument::METHOD => {
                if let Some(p) = params::<DidOpenTextDocumentParams>(n) {
                    self.did_open(p);
                }
            }
            note::DidChangeTextDocument::METHOD => {
                if let Some(p) = params::<DidChangeTextDocumentParams>(n) {
                    self.did_change(p);
                }
            }
            note::DidSaveTextDocument::METHOD => {
                if let Some(p) = params::<DidSaveTextDocumentParams>(n) {
                    self.did_save(p);
                }
            }
            note::DidCloseTextDocument::METHOD => {
                if let Some(p) = params::<DidCloseTextDocumentParams>(n) {
                    self.did_close(p);
                }
            }
            note::DidChangeWatchedFiles::METHOD => {
                if let Some(p) = params::<lsp_types::DidChangeWatchedFilesParams>(n) {
                    let paths: Vec<PathBuf> = p
                        .changes
                        .iter()
                        .filter_map(|c| c.uri.to_file_path().ok())
                        .collect();
                    if self.configs().affected_by(&paths) {
                        self.reload_configs();
                    }
                }
            }
            // $/cancelRequest, $/setTrace, didChangeConfiguration, …:
            // requests are answered in order, nothing to cancel or change.
            _ => {}
        }
    }

    fn initialize(&mut self, params: InitializeParams) -> InitializeResult {
        self.initialized = true;
        let caps = &params.capabilities;
        self.enc = Encoding::negotiate(
            caps.general
                .as_ref()
                .and_then(|g| g.position_encodings.as_deref()),
        );
        self.watch_files = caps
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false);
        let mut roots: Vec<PathBuf> = params
            .workspace_folders
            .iter()
            .flatten()
            .filter_map(|f| f.uri.to_file_path().ok())
            .collect();
        #[allow(deprecated)]
        if roots.is_empty()
            && let Some(root) = params.root_uri.as_ref().and_then(|u| u.to_file_path().ok())
        {
            roots.push(root);
        }
        let mut problems = Vec::new();
        let options = match params.initialization_options {
            None | Some(serde_json::Value::Null) => InitOptions::default(),
            Some(v) => serde_json::from_value::<InitOptions>(v).unwrap_or_else(|e| {
                problems.push(format!("initializationOptions 无效，已忽略：{e}"));
                InitOptions::default()
            }),
        };
        if let Some(ms) = options.debounce_ms {
            self.debounce = Duration::from_millis(ms.min(10_000));
        }
        let (configs, error) = Configs::new(options, roots);
        problems.extend(error);
        self.configs = Some(configs);
        for p in problems {
            self.show(MessageType::ERROR, format!("guifan：{p}"));
        }
        InitializeResult {
            capabilities: ServerCapabilities {
                position_encoding: Some(self.enc.kind()),
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::INCREMENTAL),
                        will_save: None,
                        will_save_wait_until: None,
                        save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                            include_text: Some(false),
                        })),
                    },
                )),
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(vec![
                            CodeActionKind::QUICKFIX,
                            CodeActionKind::from(actions::FIX_ALL),
                        ]),
                        ..CodeActionOptions::default()
                    },
                )),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                ..ServerCapabilities::default()
            },
            server_info: Some(ServerInfo {
                name: "guifan".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
        }
    }

    /// Ask the client to tell us when configuration or rule-set files change.
    fn register_watcher(&mut self) {
        if !self.watch_files {
            return;
        }
        let options = DidChangeWatchedFilesRegistrationOptions {
            watchers: ["**/*.toml", "**/.guifan.toml"]
                .into_iter()
                .map(|glob| FileSystemWatcher {
                    glob_pattern: GlobPattern::String(glob.into()),
                    kind: None,
                })
                .collect(),
        };
        let params = RegistrationParams {
            registrations: vec![Registration {
                id: "guifan-watch-config".into(),
                method: note::DidChangeWatchedFiles::METHOD.into(),
                register_options: serde_json::to_value(options).ok(),
            }],
        };
        self.next_id += 1;
        let id = RequestId::from(format!("guifan-{}", self.next_id));
        self.send(Request::new(
            id,
            req::RegisterCapability::METHOD.into(),
            params,
        ));
    }

    fn configs(&mut self) -> &mut Configs {
        self.configs
            .get_or_insert_with(|| Configs::new(InitOptions::default(), Vec::new()).0)
    }

    fn set_latest(&self, uri: &Url, generation: Option<u64>) {
        if let Ok(mut l) = self.latest.lock() {
            match generation {
                Some(g) => l.insert(uri.clone(), g),
                None => l.remove(uri),
            };
        }
    }

    fn did_open(&mut self, p: DidOpenTextDocumentParams) {
        let d = p.text_document;
        let check = lintable(&d.language_id, &d.uri);
        let doc = OpenDocument::new(d.uri.clone(), &d.language_id, d.version, d.text);
        self.set_latest(&d.uri, Some(doc.generation));
        self.docs.open(doc);
        self.findings.remove(&d.uri);
        if check {
            self.checked.insert(d.uri.clone());
            self.check_now(&d.uri);
        } else {
            self.checked.remove(&d.uri);
        }
    }

    fn did_change(&mut self, p: DidChangeTextDocumentParams) {
        let uri = p.text_document.uri;
        let enc = self.enc;
        let Some(doc) = self.docs.get_mut(&uri) else {
            return;
        };
        doc.apply(p.text_document.version, p.content_changes, enc);
        let generation = doc.generation;
        self.set_latest(&uri, Some(generation));
        if self.checked.contains(&uri) {
            self.pending.insert(uri, Instant::now() + self.debounce);
        }
    }

    fn did_save(&mut self, p: DidSaveTextDocumentParams) {
        let uri = p.text_document.uri;
        if let Ok(path) = uri.to_file_path()
            && path.extension().is_some_and(|e| e == "toml")
        {
            if self.configs().affected_by(&[path]) {
                self.reload_configs();
            }
            return;
        }
        if self.checked.contains(&uri) {
            self.pending.remove(&uri);
            self.check_now(&uri);
        }
    }

    fn did_close(&mut self, p: DidCloseTextDocumentParams) {
        let uri = p.text_document.uri;
        self.docs.close(&uri);
        self.set_latest(&uri, None);
        self.pending.remove(&uri);
        self.findings.remove(&uri);
        if self.checked.remove(&uri) {
            self.notify::<note::PublishDiagnostics>(PublishDiagnosticsParams {
                uri,
                diagnostics: Vec::new(),
                version: None,
            });
        }
    }

    fn reload_configs(&mut self) {
        self.configs().reload();
        self.report_problems();
        let uris: Vec<Url> = self.checked.iter().cloned().collect();
        for uri in uris {
            self.pending.remove(&uri);
            self.findings.remove(&uri);
            self.check_now(&uri);
        }
    }

    /// Publish (and clear) the diagnostics on broken configuration files,
    /// with a message for each newly broken one.
    fn report_problems(&mut self) {
        let now = self.configs().problems();
        if now == self.problems {
            return;
        }
        let enc = self.enc;
        let mut files: Vec<PathBuf> = self.problems.iter().map(|p| p.file.clone()).collect();
        files.extend(now.iter().map(|p| p.file.clone()));
        files.sort();
        files.dedup();
        for file in files {
            let Ok(uri) = Url::from_file_path(&file) else {
                continue;
            };
            let diagnostics = now
                .iter()
                .filter(|p| p.file == file)
                .map(|p| {
                    let range = match (&p.text, p.span) {
                        (Some(text), Some((s, e))) => LineIndex::new(text).range(text, s, e, enc),
                        _ => lsp_types::Range::default(),
                    };
                    lsp_types::Diagnostic {
                        range,
                        severity: Some(lsp_types::DiagnosticSeverity::ERROR),
                        code: Some(lsp_types::NumberOrString::String("config".into())),
                        source: Some("guifan".into()),
                        message: p.message.clone(),
                        ..lsp_types::Diagnostic::default()
                    }
                })
                .collect();
            self.notify::<note::PublishDiagnostics>(PublishDiagnosticsParams {
                uri,
                diagnostics,
                version: None,
            });
        }
        for p in now.iter().filter(|p| !self.problems.contains(p)) {
            let first = p.message.lines().next().unwrap_or_default();
            self.show(
                MessageType::ERROR,
                format!(
                    "guifan：{} 无法加载，仍按上一次有效的配置（没有时按默认配置）检查：{first}",
                    p.file.display()
                ),
            );
        }
        self.problems = now;
    }

    /// The linter and options for a document.
    fn setup(
        &mut self,
        path: Option<&std::path::Path>,
        format: Format,
    ) -> (Arc<Linter>, DocumentOptions) {
        let fd = self.configs().for_document(path);
        self.report_problems();
        let options = DocumentOptions {
            format,
            as_of: fd.as_of,
            today: chrono::Local::now().date_naive(),
        };
        (fd.linter, options)
    }

    /// Send a document to the workers now.
    fn check_now(&mut self, uri: &Url) {
        let Some(doc) = self.docs.get_mut(uri) else {
            return;
        };
        let (path, format, generation, text) =
            (doc.path.clone(), doc.format, doc.generation, doc.snapshot());
        let (linter, options) = self.setup(path.as_deref(), format);
        let _ = self.jobs.send(Job {
            uri: uri.clone(),
            generation,
            text,
            linter,
            options,
        });
    }

    fn start_due(&mut self) {
        let now = Instant::now();
        let due: Vec<Url> = self
            .pending
            .iter()
            .filter(|(_, d)| **d <= now)
            .map(|(u, _)| u.clone())
            .collect();
        for uri in due {
            self.pending.remove(&uri);
            self.check_now(&uri);
        }
    }

    fn finished(&mut self, done: Done) {
        let Some(doc) = self.docs.get(&done.uri) else {
            return;
        };
        if doc.generation != done.generation {
            return;
        }
        let t = Text {
            text: &doc.text,
            lines: &doc.lines,
            enc: self.enc,
        };
        let diagnostics = done
            .diagnostics
            .iter()
            .map(|d| actions::to_lsp(d, &t))
            .collect();
        self.notify::<note::PublishDiagnostics>(PublishDiagnosticsParams {
            uri: done.uri.clone(),
            diagnostics,
            version: Some(doc.version),
        });
        self.findings
            .insert(done.uri, (done.generation, Arc::new(done.diagnostics)));
    }

    /// The findings for the document's current text, the linter and options.
    fn current(
        &mut self,
        uri: &Url,
    ) -> Option<(Arc<Vec<Diagnostic>>, Arc<Linter>, DocumentOptions)> {
        if !self.checked.contains(uri) {
            return None;
        }
        let doc = self.docs.get_mut(uri)?;
        let (path, format, generation, text) =
            (doc.path.clone(), doc.format, doc.generation, doc.snapshot());
        let (linter, options) = self.setup(path.as_deref(), format);
        let findings = match self.findings.get(uri) {
            Some((g, f)) if *g == generation => f.clone(),
            _ => {
                let f = Arc::new(linter.check(&Document::new(text.to_string(), &options)));
                self.findings.insert(uri.clone(), (generation, f.clone()));
                f
            }
        };
        Some((findings, linter, options))
    }

    fn code_action(&mut self, p: CodeActionParams) -> Option<lsp_types::CodeActionResponse> {
        let uri = p.text_document.uri;
        let (findings, linter, options) = self.current(&uri)?;
        let doc = self.docs.get(&uri)?;
        let t = Text {
            text: &doc.text,
            lines: &doc.lines,
            enc: self.enc,
        };
        let wants = |kind: &CodeActionKind| match &p.context.only {
            None => true,
            Some(only) => only.iter().any(|k| {
                let (k, kind) = (k.as_str(), kind.as_str());
                k.is_empty() || kind == k || kind.starts_with(&format!("{k}."))
            }),
        };
        let mut out = Vec::new();
        if wants(&CodeActionKind::QUICKFIX) {
            let from = doc.lines.offset(&doc.text, p.range.start, self.enc);
            let to = doc.lines.offset(&doc.text, p.range.end, self.enc);
            out.extend(actions::quick_fixes(
                &uri,
                &findings,
                (from, to),
                doc.format,
                &t,
            ));
        }
        let any_safe = findings.iter().any(|d| {
            d.fix
                .as_ref()
                .is_some_and(|f| f.applicability == guifan::Applicability::Safe)
        });
        if any_safe && wants(&CodeActionKind::from(actions::FIX_ALL)) {
            out.extend(actions::fix_all(&uri, &linter, &options, &t));
        }
        Some(out)
    }

    fn hover(&mut self, p: HoverParams) -> Option<Hover> {
        let uri = p.text_document_position_params.text_document.uri;
        let pos = p.text_document_position_params.position;
        let (findings, linter, _) = self.current(&uri)?;
        let doc = self.docs.get(&uri)?;
        let at = doc.lines.offset(&doc.text, pos, self.enc);
        let here: Vec<&Diagnostic> = findings
            .iter()
            .filter(|d| d.span.start <= at && (at < d.span.end || d.span.start == d.span.end))
            .collect();
        let first = here.first()?;
        let range = doc
            .lines
            .range(&doc.text, first.span.start, first.span.end, self.enc);
        let mut rules: Vec<&str> = here.iter().map(|d| d.rule.as_str()).collect();
        rules.sort_unstable();
        rules.dedup();
        let mut text = Vec::new();
        for (i, rule) in rules.iter().enumerate() {
            let Some(entry) = linter.rule(rule) else {
                continue;
            };
            if i > 0 {
                text.extend_from_slice(b"\n");
            }
            let _ = crate::cli::explain::write_explain(entry, &mut text);
        }
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::PlainText,
                value: String::from_utf8_lossy(&text).into_owned(),
            }),
            range: Some(range),
        })
    }
}

#[cfg(test)]
mod lintable_tests {
    use super::*;

    #[test]
    fn word_documents_are_not_linted() {
        let url = |s: &str| Url::parse(s).unwrap();
        assert!(!lintable("plaintext", &url("file:///a/report.docx")));
        assert!(!lintable("plaintext", &url("file:///a/old.DOC")));
        assert!(lintable("plaintext", &url("file:///a/report.txt")));
        assert!(lintable("markdown", &url("file:///a/report")));
    }
}
