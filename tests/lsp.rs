//! `guifan server`, driven over stdio like an editor would: Content-Length
//! framed JSON-RPC to the real binary. What the server publishes and fixes
//! is compared with what `guifan check --format json` and `guifan fix`
//! report for the same text in the same folder.

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_guifan");
const TIMEOUT: Duration = Duration::from_secs(30);

/// A test draft: the example report, a line with an astral character (𠮷)
/// before findings, and CRLF line endings on some lines.
fn draft() -> String {
    let example = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/examples/meeting-report.txt"),
    )
    .unwrap();
    let mut lines: Vec<String> = example.lines().map(str::to_string).collect();
    lines.insert(3, "𠮷𠮷同学说,他们(三人)到场了.".into());
    let mut out = String::new();
    for (i, l) in lines.iter().enumerate() {
        out.push_str(l);
        out.push_str(if i % 2 == 0 { "\r\n" } else { "\n" });
    }
    out
}

struct Server {
    child: Child,
    stdin: Option<ChildStdin>,
    rx: Receiver<Value>,
    /// Notifications (and server requests) received while waiting for something else.
    backlog: Vec<Value>,
    next_id: i64,
    enc: String,
    #[allow(dead_code)]
    dir: tempfile::TempDir,
}

fn read_frames(out: impl Read + Send + 'static) -> Receiver<Value> {
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        let mut r = BufReader::new(out);
        loop {
            let mut len = None;
            loop {
                let mut line = String::new();
                if r.read_line(&mut line).unwrap_or(0) == 0 {
                    return;
                }
                let line = line.trim_end();
                if line.is_empty() {
                    break;
                }
                if let Some(v) = line.strip_prefix("Content-Length: ") {
                    len = v.parse::<usize>().ok();
                }
            }
            let mut body = vec![0; len.expect("Content-Length")];
            if r.read_exact(&mut body).is_err() {
                return;
            }
            if tx.send(serde_json::from_slice(&body).unwrap()).is_err() {
                return;
            }
        }
    });
    rx
}

impl Server {
    fn start() -> Server {
        let dir = tempfile::tempdir().unwrap();
        let mut child = Command::new(BIN)
            .arg("server")
            .current_dir(dir.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take();
        let rx = read_frames(child.stdout.take().unwrap());
        Server {
            child,
            stdin,
            rx,
            backlog: Vec::new(),
            next_id: 0,
            enc: "utf-16".into(),
            dir,
        }
    }

    /// Start and initialize, offering `encodings`.
    fn init(encodings: Option<&[&str]>, options: Value) -> Server {
        let mut s = Server::start();
        let mut caps = json!({
            "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}},
        });
        if let Some(e) = encodings {
            caps["general"] = json!({"positionEncodings": e});
        }
        let root = url(s.dir.path());
        let r = s.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": root,
                "workspaceFolders": [{"uri": root, "name": "ws"}],
                "capabilities": caps,
                "initializationOptions": options,
            }),
        );
        s.enc = r["result"]["capabilities"]["positionEncoding"]
            .as_str()
            .unwrap()
            .to_string();
        s.notify("initialized", json!({}));
        s
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn raw(&mut self, body: &[u8]) {
        let stdin = self.stdin.as_mut().unwrap();
        write!(stdin, "Content-Length: {}\r\n\r\n", body.len()).unwrap();
        stdin.write_all(body).unwrap();
        stdin.flush().unwrap();
    }

    fn send(&mut self, v: Value) {
        self.raw(v.to_string().as_bytes());
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn recv(&mut self, deadline: Instant) -> Option<Value> {
        let left = deadline.saturating_duration_since(Instant::now());
        match self.rx.recv_timeout(left) {
            Ok(v) => Some(v),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => None,
        }
    }

    fn response(&mut self, id: &Value) -> Value {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let v = self.recv(deadline).expect("a response");
            if v.get("method").is_none() && &v["id"] == id {
                return v;
            }
            self.backlog.push(v);
        }
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = json!(self.next_id);
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.response(&id)
    }

    /// The next notification `method` matching `pred` (earlier ones kept aside).
    fn wait(&mut self, method: &str, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self
            .backlog
            .iter()
            .position(|v| v["method"] == method && pred(&v["params"]))
        {
            return self.backlog.remove(i)["params"].clone();
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let v = self
                .recv(deadline)
                .unwrap_or_else(|| panic!("no {method} in time"));
            if v["method"] == method && pred(&v["params"]) {
                return v["params"].clone();
            }
            self.backlog.push(v);
        }
    }

    fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let p = self.wait("textDocument/publishDiagnostics", |p| {
            p["uri"] == uri && p["version"] == version
        });
        p["diagnostics"].as_array().unwrap().clone()
    }

    fn open(&mut self, name: &str, language: &str, text: &str) -> String {
        let path = self.path(name);
        std::fs::write(&path, text).unwrap();
        let uri = url(&path);
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}),
        );
        uri
    }

    fn shutdown_and_exit(mut self) -> i32 {
        let r = self.request("shutdown", Value::Null);
        assert_eq!(r["result"], Value::Null);
        self.notify("exit", Value::Null);
        self.exit_code()
    }

    fn exit_code(&mut self) -> i32 {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code().unwrap_or(-1);
            }
            assert!(Instant::now() < deadline, "server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn url(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// Units of `s` in the encoding.
fn units(s: &str, enc: &str) -> usize {
    match enc {
        "utf-8" => s.len(),
        "utf-32" => s.chars().count(),
        _ => s.encode_utf16().count(),
    }
}

/// LSP position of byte `offset` (lines end at \n; \r belongs to its line).
fn position(text: &str, offset: usize, enc: &str) -> Value {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    json!({"line": line, "character": units(&text[start..offset], enc)})
}

fn offset(text: &str, pos: &Value, enc: &str) -> usize {
    let line = pos["line"].as_u64().unwrap() as usize;
    let character = pos["character"].as_u64().unwrap() as usize;
    let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    let mut count = 0;
    for (i, c) in text[start..].char_indices() {
        if count >= character || c == '\n' || c == '\r' {
            return start + i;
        }
        count += units(c.encode_utf8(&mut [0; 4]), enc);
    }
    text.len()
}

/// Apply LSP text edits (non-overlapping) to `text`.
fn apply(text: &str, edits: &[Value], enc: &str) -> String {
    let mut spans: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| {
            (
                offset(text, &e["range"]["start"], enc),
                offset(text, &e["range"]["end"], enc),
                e["newText"].as_str().unwrap(),
            )
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_string();
    for (s, e, r) in spans {
        out.replace_range(s..e, r);
    }
    out
}

fn cli(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

/// What the CLI reports for `name` in `dir`, as the LSP diagnostics the
/// server should publish (sorted).
fn expected(dir: &Path, name: &str, text: &str, enc: &str) -> Vec<Value> {
    std::fs::write(dir.join(name), text).unwrap();
    let out = cli(dir, &["check", "--format", "json", name]);
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let severity = |s: &str| match s {
        "error" => 1,
        "warning" => 2,
        _ => 3,
    };
    let mut list: Vec<Value> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let (s, e) = (
                d["start"].as_u64().unwrap() as usize,
                d["end"].as_u64().unwrap() as usize,
            );
            json!({
                "range": {"start": position(text, s, enc), "end": position(text, e, enc)},
                "severity": severity(d["severity"].as_str().unwrap()),
                "code": d["rule"],
                "source": "guifan",
                "message": d["message"],
            })
        })
        .collect();
    list.sort_by_key(Value::to_string);
    list
}

fn sorted(mut list: Vec<Value>) -> Vec<Value> {
    list.sort_by_key(Value::to_string);
    list
}

#[test]
fn diagnostics_equal_the_cli_in_every_position_encoding() {
    let cases: [(Option<&[&str]>, &str); 5] = [
        (Some(&["utf-8", "utf-16"]), "utf-8"),
        (Some(&["utf-32", "utf-16"]), "utf-32"),
        (Some(&["utf-16"]), "utf-16"),
        (Some(&[]), "utf-16"),
        (None, "utf-16"),
    ];
    let text = draft();
    for (offered, want) in cases {
        let mut s = Server::init(offered, Value::Null);
        assert_eq!(s.enc, want);
        let uri = s.open("draft.txt", "plaintext", &text);
        let got = s.diagnostics(&uri, 1);
        let dir = s.dir.path().to_path_buf();
        let exp = expected(&dir, "draft.txt", &text, want);
        assert!(exp.len() > 10, "the draft has findings");
        assert!(
            got.iter().any(|d| d["range"]["start"]["line"] == 3),
            "the astral line"
        );
        assert_eq!(sorted(got), exp, "{want}");
        assert_eq!(s.shutdown_and_exit(), 0);
    }
}

#[test]
fn incremental_changes_update_diagnostics() {
    for enc in ["utf-16", "utf-8"] {
        let mut s = Server::init(Some(&[enc]), json!({"debounce-ms": 20}));
        let mut text = draft();
        let uri = s.open("draft.txt", "plaintext", &text);
        s.diagnostics(&uri, 1);
        // Edit 1: replace the first half-width comma on the astral line; edit
        // 2 (same notification): insert a line at the top.
        let line3 = text
            .split_inclusive('\n')
            .take(3)
            .map(str::len)
            .sum::<usize>();
        let comma = line3 + text[line3..].find(',').unwrap();
        let e1 = json!({"range": {"start": position(&text, comma, enc), "end": position(&text, comma + 1, enc)}, "text": "，"});
        text.replace_range(comma..comma + 1, "，");
        let top = json!({"line": 0, "character": 0});
        let e2 = json!({"range": {"start": top, "end": top}, "text": "新加的一行,有逗号\n"});
        text.insert_str(0, "新加的一行,有逗号\n");
        s.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [e1, e2]}),
        );
        let got = s.diagnostics(&uri, 2);
        let dir = s.dir.path().to_path_buf();
        assert_eq!(sorted(got), expected(&dir, "draft.txt", &text, enc));
        // A full replacement.
        s.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": "会议指出,要学习."}]}),
        );
        let got = s.diagnostics(&uri, 3);
        assert_eq!(got.len(), 2);
        // Close: diagnostics cleared.
        s.notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": uri}}),
        );
        let p = s.wait("textDocument/publishDiagnostics", |p| {
            p["uri"] == uri && p["diagnostics"] == json!([])
        });
        assert_eq!(p["diagnostics"], json!([]));
        assert_eq!(s.shutdown_and_exit(), 0);
    }
}

#[test]
fn code_actions_and_fix_all_equal_guifan_fix() {
    let mut s = Server::init(Some(&["utf-16"]), Value::Null);
    let enc = s.enc.clone();
    let text = draft();
    let uri = s.open("draft.txt", "plaintext", &text);
    let diags = s.diagnostics(&uri, 1);
    let halfwidth = diags
        .iter()
        .find(|d| d["code"] == "punctuation/halfwidth-in-cjk" && d["range"]["start"]["line"] == 3)
        .unwrap()
        .clone();
    let r = s.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": halfwidth["range"], "context": {"diagnostics": [halfwidth]}}),
    );
    let actions = r["result"].as_array().unwrap();
    let quick = actions
        .iter()
        .find(|a| {
            a["kind"] == "quickfix" && a["diagnostics"][0]["code"] == "punctuation/halfwidth-in-cjk"
        })
        .expect("a quick fix");
    assert_eq!(quick["title"], "改为“，”");
    assert_eq!(quick["isPreferred"], true);
    let edits = quick["edit"]["changes"][&uri].as_array().unwrap();
    let fixed = apply(&text, edits, &enc);
    assert!(fixed.contains("𠮷𠮷同学说，他们"));
    // Plain text has no suppression comments.
    assert!(
        !actions
            .iter()
            .any(|a| a["title"].as_str().unwrap().contains("禁用"))
    );
    // Over the whole text: every finding with a fix has its quick fix, the
    // unsafe ones marked so and not preferred.
    let end = position(&text, text.len(), &enc);
    let r = s.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": end},
               "context": {"diagnostics": [], "only": ["quickfix"]}}),
    );
    let all = r["result"].as_array().unwrap();
    let dir = s.dir.path().to_path_buf();
    std::fs::write(dir.join("count.txt"), &text).unwrap();
    let report: Value =
        serde_json::from_slice(&cli(&dir, &["check", "--format", "json", "count.txt"]).stdout)
            .unwrap();
    let fixes: Vec<&Value> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| !d["fix"].is_null())
        .collect();
    assert_eq!(all.len(), fixes.len());
    let unsafe_count = fixes
        .iter()
        .filter(|d| d["fix"]["applicability"] == "unsafe")
        .count();
    assert!(unsafe_count > 0);
    let not_preferred: Vec<&Value> = all.iter().filter(|a| a["isPreferred"] == false).collect();
    assert_eq!(not_preferred.len(), unsafe_count);
    assert!(not_preferred.iter().all(|a| {
        a["title"]
            .as_str()
            .unwrap()
            .ends_with("（不安全修复，请核对）")
    }));
    // fixAll, asked for by kind.
    let r = s.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
               "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
    );
    let actions = r["result"].as_array().unwrap();
    assert_eq!(actions.len(), 1, "{actions:?}");
    assert_eq!(actions[0]["kind"], "source.fixAll.guifan");
    let edits = actions[0]["edit"]["changes"][&uri].as_array().unwrap();
    assert_eq!(edits.len(), 1);
    let fixed = apply(&text, edits, &enc);
    let dir = s.dir.path().to_path_buf();
    std::fs::write(dir.join("fixme.txt"), &text).unwrap();
    cli(&dir, &["fix", "fixme.txt"]);
    assert_eq!(
        fixed,
        std::fs::read_to_string(dir.join("fixme.txt")).unwrap()
    );
    assert_ne!(fixed, text);
    assert_eq!(s.shutdown_and_exit(), 0);
}

#[test]
fn disable_next_line_in_markdown_and_html() {
    for (name, language, text) in [
        (
            "a.md",
            "markdown",
            "# 标题\n\n第一段没有问题。\n会议指出,要学习。\n",
        ),
        (
            "a.html",
            "html",
            "<p>第一段没有问题。</p>\r\n<p>会议指出,要学习。</p>\r\n",
        ),
    ] {
        let mut s = Server::init(Some(&["utf-32"]), Value::Null);
        let enc = s.enc.clone();
        let uri = s.open(name, language, text);
        let diags = s.diagnostics(&uri, 1);
        let d = diags
            .iter()
            .find(|d| d["code"] == "punctuation/halfwidth-in-cjk")
            .unwrap()
            .clone();
        let r = s.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": d["range"], "context": {"diagnostics": [d], "only": ["quickfix"]}}),
        );
        let actions = r["result"].as_array().unwrap();
        let disable = actions
            .iter()
            .find(|a| {
                a["title"]
                    .as_str()
                    .unwrap()
                    .contains("guifan-disable-next-line")
            })
            .expect("a disable action");
        let edits = disable["edit"]["changes"][&uri].as_array().unwrap();
        let new = apply(text, edits, &enc);
        assert!(new.contains("<!-- guifan-disable-next-line punctuation/halfwidth-in-cjk -->"));
        s.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": new}]}),
        );
        let after = s.diagnostics(&uri, 2);
        assert!(
            !after
                .iter()
                .any(|d| d["code"] == "punctuation/halfwidth-in-cjk"),
            "{name}: {after:?}"
        );
        let dir = s.dir.path().to_path_buf();
        assert_eq!(sorted(after), expected(&dir, name, &new, &enc));
        assert_eq!(s.shutdown_and_exit(), 0);
    }
}

#[test]
fn hover_shows_the_explain_text() {
    let mut s = Server::init(None, Value::Null);
    let text = draft();
    let uri = s.open("draft.txt", "plaintext", &text);
    let diags = s.diagnostics(&uri, 1);
    let d = diags
        .iter()
        .find(|d| d["code"] == "punctuation/halfwidth-in-cjk")
        .unwrap()
        .clone();
    let r = s.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": d["range"]["start"]}),
    );
    let dir = s.dir.path().to_path_buf();
    let explain = cli(&dir, &["explain", "punctuation/halfwidth-in-cjk"]);
    let value = r["result"]["contents"]["value"].as_str().unwrap();
    assert_eq!(value, String::from_utf8(explain.stdout).unwrap());
    assert_eq!(r["result"]["range"], d["range"]);
    // Nothing to show where there is no finding.
    let clean = s.open("clean.txt", "plaintext", "会议召开。\n");
    assert_eq!(s.diagnostics(&clean, 1), Vec::<Value>::new());
    let r = s.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": clean}, "position": {"line": 0, "character": 1}}),
    );
    assert_eq!(r["result"], Value::Null);
    assert_eq!(s.shutdown_and_exit(), 0);
}

#[test]
fn bad_messages_get_errors_and_the_server_goes_on() {
    let mut s = Server::start();
    // Before initialize: ServerNotInitialized.
    let r = s.request("textDocument/hover", json!({}));
    assert_eq!(r["error"]["code"], -32002);
    let mut s = {
        drop(s);
        Server::init(None, Value::Null)
    };
    s.raw(b"{this is not json");
    let r = s.response(&Value::Null);
    assert_eq!(r["error"]["code"], -32700);
    s.raw(br#"{"jsonrpc":"2.0","id":77}"#);
    let r = s.response(&json!(77));
    assert_eq!(r["error"]["code"], -32600);
    s.raw(b"[1,2,3]");
    let r = s.response(&Value::Null);
    assert_eq!(r["error"]["code"], -32600);
    let r = s.request("no/such/method", json!({}));
    assert_eq!(r["error"]["code"], -32601);
    let r = s.request("textDocument/hover", json!({"textDocument": 5}));
    assert_eq!(r["error"]["code"], -32602);
    let r = s.request("textDocument/codeAction", json!([]));
    assert_eq!(r["error"]["code"], -32602);
    let r = s.request("initialize", json!({"capabilities": {}}));
    assert_eq!(r["error"]["code"], -32600);
    // Bad notifications are ignored; unknown documents are no error.
    s.notify("textDocument/didOpen", json!({"textDocument": 1}));
    s.notify("textDocument/didChange", json!({"textDocument": {"uri": "file:///nope.txt", "version": 2}, "contentChanges": [{"text": "x"}]}));
    s.notify("$/unknown", json!(null));
    let r = s.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///nope.txt"}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(r["result"], Value::Null);
    // Still serving.
    let uri = s.open("ok.txt", "plaintext", "会议指出,要学习。");
    assert_eq!(s.diagnostics(&uri, 1).len(), 1);
    // After shutdown, requests are refused; exit ends with 0.
    let r = s.request("shutdown", Value::Null);
    assert_eq!(r["result"], Value::Null);
    let r = s.request("textDocument/hover", json!({}));
    assert_eq!(r["error"]["code"], -32600);
    s.notify("exit", Value::Null);
    assert_eq!(s.exit_code(), 0);
}

#[test]
fn exit_without_shutdown_and_closed_stdin() {
    let mut s = Server::init(None, Value::Null);
    s.notify("exit", Value::Null);
    assert_eq!(s.exit_code(), 1);
    let mut s = Server::init(None, Value::Null);
    s.open("x.txt", "plaintext", "会议指出,要学习。");
    s.stdin = None;
    assert_eq!(s.exit_code(), 0);
}

#[test]
fn broken_config_keeps_the_last_good_one() {
    let mut s = Server::init(None, Value::Null);
    let dir = s.dir.path().to_path_buf();
    std::fs::write(
        dir.join("guifan.toml"),
        "ignore = [\"punctuation/halfwidth-in-cjk\"]\n",
    )
    .unwrap();
    let text = "会议指出,要学习(扩大)。2024年3月5号召开。\n";
    let uri = s.open("doc.txt", "plaintext", text);
    let first = s.diagnostics(&uri, 1);
    assert!(
        !first
            .iter()
            .any(|d| d["code"] == "punctuation/halfwidth-in-cjk")
    );
    assert_eq!(
        sorted(first.clone()),
        expected(&dir, "doc.txt", text, "utf-16")
    );
    // The config breaks: a diagnostic on it, a message, and the document is
    // still checked with the last good configuration.
    std::fs::write(
        dir.join("guifan.toml"),
        "ignore = [\"punctuation/no-such-rule\"]\n",
    )
    .unwrap();
    let config_uri = url(&dir.join("guifan.toml"));
    s.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": config_uri, "type": 2}]}),
    );
    let p = s.wait("textDocument/publishDiagnostics", |p| {
        p["uri"] == config_uri
    });
    let d = &p["diagnostics"][0];
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("punctuation/no-such-rule"),
        "{d}"
    );
    assert_eq!(d["range"]["start"]["line"], 0);
    assert!(d["range"]["start"]["character"].as_u64().unwrap() > 0);
    let m = s.wait("window/showMessage", |_| true);
    assert_eq!(m["type"], 1);
    let again = s.diagnostics(&uri, 1);
    assert_eq!(sorted(again), sorted(first));
    // Fixed: the diagnostic on the config is cleared and the new config serves.
    std::fs::write(dir.join("guifan.toml"), "ignore = [\"dates\"]\n").unwrap();
    s.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": config_uri, "type": 2}]}),
    );
    let p = s.wait("textDocument/publishDiagnostics", |p| {
        p["uri"] == config_uri
    });
    assert_eq!(p["diagnostics"], json!([]));
    let now = s.diagnostics(&uri, 1);
    assert!(
        now.iter()
            .any(|d| d["code"] == "punctuation/halfwidth-in-cjk")
    );
    assert_eq!(sorted(now), expected(&dir, "doc.txt", text, "utf-16"));
    assert_eq!(s.shutdown_and_exit(), 0);
}

#[test]
fn registers_a_file_watcher_and_takes_initialization_options() {
    let mut s = Server::init(
        None,
        json!({"ignore": ["punctuation"], "as-of": "2023-01-01"}),
    );
    let reg = loop {
        let v = s
            .recv(Instant::now() + TIMEOUT)
            .expect("registerCapability");
        if v["method"] == "client/registerCapability" {
            break v;
        }
    };
    let id = reg["id"].clone();
    assert_eq!(
        reg["params"]["registrations"][0]["method"],
        "workspace/didChangeWatchedFiles"
    );
    s.send(json!({"jsonrpc": "2.0", "id": id, "result": null}));
    let uri = s.open("x.txt", "plaintext", "会议指出,要学习。");
    assert_eq!(s.diagnostics(&uri, 1), Vec::<Value>::new());
    assert_eq!(s.shutdown_and_exit(), 0);
}

#[test]
fn a_broken_rule_set_is_reported_on_its_own_file() {
    let mut s = Server::init(None, Value::Null);
    let dir = s.dir.path().to_path_buf();
    let house = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/house-style.toml"),
    )
    .unwrap();
    std::fs::write(dir.join("house.toml"), &house).unwrap();
    std::fs::write(dir.join("guifan.toml"), "rules = [\"house.toml\"]\n").unwrap();
    let text = "西安交大举行会议,全体师生参加。\n";
    let uri = s.open("doc.txt", "plaintext", text);
    let first = s.diagnostics(&uri, 1);
    assert_eq!(
        sorted(first.clone()),
        expected(&dir, "doc.txt", text, "utf-16")
    );
    // The rule set breaks on its third line.
    std::fs::write(
        dir.join("house.toml"),
        "[ruleset]\nname = \"x\"\n[[rule]]\nid = \"NOT AN ID\"\nkind = \"existence\"\n",
    )
    .unwrap();
    let house_uri = url(&dir.join("house.toml"));
    s.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": house_uri, "type": 2}]}),
    );
    let p = s.wait("textDocument/publishDiagnostics", |p| p["uri"] == house_uri);
    let d = &p["diagnostics"][0];
    assert_eq!(d["severity"], 1);
    assert!(d["range"]["start"]["line"].as_u64().unwrap() >= 2, "{d}");
    s.wait("window/showMessage", |m| m["type"] == 1);
    let again = s.diagnostics(&uri, 1);
    assert_eq!(sorted(again), sorted(first));
    assert_eq!(s.shutdown_and_exit(), 0);
}

#[test]
fn a_deleted_config_stops_governing() {
    let mut s = Server::init(None, Value::Null);
    let dir = s.dir.path().to_path_buf();
    std::fs::write(dir.join("guifan.toml"), "ignore = [\"punctuation\"]\n").unwrap();
    let uri = s.open("doc.txt", "plaintext", "会议指出,要学习。\n");
    assert_eq!(s.diagnostics(&uri, 1), Vec::<Value>::new());
    std::fs::remove_file(dir.join("guifan.toml")).unwrap();
    s.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": url(&dir.join("guifan.toml")), "type": 3}]}),
    );
    let now = s.diagnostics(&uri, 1);
    assert_eq!(now.len(), 1, "{now:?}");
    assert!(
        !s.backlog
            .iter()
            .any(|m| m["method"] == "window/showMessage")
    );
    assert_eq!(s.shutdown_and_exit(), 0);
}

#[test]
fn save_checks_again_and_stdio_flag_is_accepted() {
    let mut s = Server::start();
    drop(s.stdin.take());
    assert_eq!(s.exit_code(), 0);
    let out = Command::new(BIN)
        .args(["server", "--stdio"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
    let mut s = Server::init(None, json!({"debounce-ms": 5000}));
    let uri = s.open("doc.md", "markdown", "# 标题\n\n会议指出,要学习。\n");
    let first = s.diagnostics(&uri, 1);
    // A change waits for the (long) debounce; a save checks at once.
    s.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": "# 标题\n\n会议指出,要学习(扩大)。\n"}]}),
    );
    s.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri}}),
    );
    let saved = s.diagnostics(&uri, 2);
    assert_eq!(saved.len(), first.len() + 1);
    assert_eq!(s.shutdown_and_exit(), 0);
}

#[test]
fn initialization_options_select_and_rules_like_cli_flags() {
    // The workspace folder is the server's temporary folder; write the rule
    // set there before initializing.
    let mut s = Server::start();
    let dir = s.dir.path().to_path_buf();
    let house = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/house-style.toml"),
    )
    .unwrap();
    std::fs::write(dir.join("house.toml"), house).unwrap();
    let root = url(&dir);
    let r = s.request(
        "initialize",
        json!({"processId": null, "workspaceFolders": [{"uri": root, "name": "ws"}], "capabilities": {},
               "initializationOptions": {"rules": ["house.toml"], "select": ["terminology", "names"], "ignore": ["names/title-line-punctuation"]}}),
    );
    assert!(r["result"]["capabilities"].is_object(), "{r}");
    s.notify("initialized", json!({}));
    let text = "西安交大举行会议,全体师生参加(含教师)。党的20大精神。\n";
    let uri = s.open("doc.txt", "plaintext", text);
    let got = s.diagnostics(&uri, 1);
    std::fs::write(dir.join("doc.txt"), text).unwrap();
    let out = cli(
        &dir,
        &[
            "check",
            "--format",
            "json",
            "--rules",
            "house.toml",
            "--select",
            "terminology,names",
            "--ignore",
            "names/title-line-punctuation",
            "doc.txt",
        ],
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let want: Vec<Value> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].clone())
        .collect();
    let mut got_rules: Vec<Value> = got.iter().map(|d| d["code"].clone()).collect();
    got_rules.sort_by_key(Value::to_string);
    let mut want = want;
    want.sort_by_key(Value::to_string);
    assert!(!want.is_empty());
    assert!(
        want.iter().any(|r| r == "names/xjtu-full-name-first"),
        "{want:?}"
    );
    assert_eq!(got_rules, want);
    assert_eq!(s.shutdown_and_exit(), 0);
}
