//! JSON-RPC framing over stdio, tolerant of bad input.
//!
//! `lsp-server`'s own stdio transport ends the connection on the first
//! payload that is not a valid message. An editor plugin with a bug, or a
//! user typing into the server's terminal, must not kill the server: this
//! reader answers a payload that is not JSON with ParseError and a
//! well-formed JSON value that is not a JSON-RPC message with
//! InvalidRequest (both with `id: null` unless the id can be read, as
//! JSON-RPC 2.0 prescribes), and reads on. The messages themselves are
//! `lsp-server`'s types, written with its framing.

use crossbeam_channel::{Receiver, Sender};
use lsp_server::{ErrorCode, Message};
use serde_json::{Value, json};
use std::io::{self, BufRead, Read, Write};

/// What the reader hands to the main loop.
pub enum Incoming {
    Message(Message),
    /// An error response to write as is: the payload could not be read as
    /// a message, so there is no request to answer through the normal path.
    Invalid(Value),
}

/// What the writer writes.
pub enum Outgoing {
    Message(Message),
    Raw(Value),
}

fn error_response(id: Value, code: ErrorCode, message: &str) -> Value {
    json!({"jsonrpc": "2.0", "id": id, "error": {"code": code as i32, "message": message}})
}

/// Read one frame's body; `Ok(None)` at end of input. A frame whose header
/// has no usable Content-Length is returned as an empty body (a parse error
/// for the caller), after skipping its header.
fn read_frame(r: &mut impl BufRead) -> io::Result<Option<Vec<u8>>> {
    let mut length: Option<usize> = None;
    let mut any_header = false;
    let mut bytes = Vec::new();
    loop {
        bytes.clear();
        // Bounded: a "header" without a line break is read in pieces, and
        // bytes that are not UTF-8 are only garbage, not an I/O error.
        if Read::take(&mut *r, 8192).read_until(b'\n', &mut bytes)? == 0 {
            return Ok(None);
        }
        let line = String::from_utf8_lossy(&bytes);
        let trimmed = line.trim_end_matches(['\r', '\n']);
        if trimmed.is_empty() {
            if any_header {
                break;
            }
            continue;
        }
        any_header = true;
        if let Some((name, value)) = trimmed.split_once(':')
            && name.trim().eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().ok();
        }
    }
    let Some(length) = length else {
        return Ok(Some(Vec::new()));
    };
    if length > MAX_MESSAGE {
        // Skip it without holding it: the next frame is still readable.
        io::copy(&mut Read::take(&mut *r, length as u64), &mut io::sink())?;
        return Ok(Some(TOO_LARGE.to_vec()));
    }
    let mut body = vec![0; length];
    r.read_exact(&mut body)?;
    Ok(Some(body))
}

/// The largest message read (the CLI's default `--max-file-size`).
const MAX_MESSAGE: usize = 256 << 20;
/// What a skipped oversized frame reads as: not JSON, so a ParseError.
const TOO_LARGE: &[u8] = b"\x00too large";

/// Turn one body into what the main loop gets.
pub fn parse(body: &[u8]) -> Incoming {
    let value: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => {
            return Incoming::Invalid(error_response(
                Value::Null,
                ErrorCode::ParseError,
                &format!("无法解析的 JSON：{e}"),
            ));
        }
    };
    // An id that is a number or a string can be answered.
    let id = match value.get("id") {
        Some(id @ (Value::Number(_) | Value::String(_))) => id.clone(),
        _ => Value::Null,
    };
    let well_formed = value.get("jsonrpc").and_then(Value::as_str) == Some("2.0");
    match serde_json::from_value::<Message>(value) {
        Ok(msg) if well_formed => Incoming::Message(msg),
        _ => Incoming::Invalid(error_response(
            id,
            ErrorCode::InvalidRequest,
            "不是有效的 JSON-RPC 2.0 消息",
        )),
    }
}

/// The reader thread: frames from stdin until it closes.
pub fn spawn_reader(to_main: Sender<Incoming>) -> io::Result<std::thread::JoinHandle<()>> {
    std::thread::Builder::new()
        .name("guifan-lsp-reader".into())
        .spawn(move || {
            let stdin = io::stdin();
            let mut stdin = stdin.lock();
            while let Ok(Some(body)) = read_frame(&mut stdin) {
                let msg = parse(&body);
                let exit = matches!(&msg, Incoming::Message(Message::Notification(n)) if n.method == "exit");
                if to_main.send(msg).is_err() || exit {
                    break;
                }
            }
        })
}

/// The writer thread: every outgoing message, flushed one by one.
pub fn spawn_writer(from_main: Receiver<Outgoing>) -> io::Result<std::thread::JoinHandle<()>> {
    std::thread::Builder::new()
        .name("guifan-lsp-writer".into())
        .spawn(move || {
            let stdout = io::stdout();
            let mut out = io::BufWriter::new(stdout.lock());
            for msg in from_main {
                let written = match msg {
                    Outgoing::Message(m) => m.write(&mut out),
                    Outgoing::Raw(v) => {
                        let text = v.to_string();
                        write!(out, "Content-Length: {}\r\n\r\n{text}", text.len())
                            .and_then(|()| out.flush())
                    }
                };
                if written.is_err() {
                    break;
                }
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_and_bad_payloads() {
        let input =
            "Content-Length: 5\r\n\r\nnot{}Content-Type: x\r\n\r\nContent-Length: 2\r\n\r\n[]";
        let mut r = io::BufReader::new(input.as_bytes());
        let body = read_frame(&mut r).unwrap().unwrap();
        assert!(matches!(parse(&body), Incoming::Invalid(v) if v["error"]["code"] == -32700));
        // A header without Content-Length: an empty body, then the next frame.
        assert_eq!(read_frame(&mut r).unwrap().unwrap(), b"");
        let body = read_frame(&mut r).unwrap().unwrap();
        assert!(matches!(parse(&body), Incoming::Invalid(v) if v["error"]["code"] == -32600));
        assert!(read_frame(&mut r).unwrap().is_none());
        // A frame over the limit is skipped, not allocated.
        let huge = format!("Content-Length: {}\r\n\r\n", MAX_MESSAGE + 1);
        let mut input = huge.into_bytes();
        input.resize(input.len() + MAX_MESSAGE + 1, b' ');
        input.extend_from_slice(b"Content-Length: 2\r\n\r\n{}");
        let mut r = io::BufReader::new(input.as_slice());
        let body = read_frame(&mut r).unwrap().unwrap();
        assert!(matches!(parse(&body), Incoming::Invalid(v) if v["error"]["code"] == -32700));
        assert_eq!(read_frame(&mut r).unwrap().unwrap(), b"{}");
        // A header line of any length and any bytes, then a good frame.
        let mut input = vec![b'x'; 100_000];
        input.extend_from_slice(&[0xff, 0xfe, 0xe4]);
        input.extend_from_slice(b"\r\n\r\nContent-Length: 2\r\n\r\n{}");
        let mut r = io::BufReader::new(input.as_slice());
        assert_eq!(read_frame(&mut r).unwrap().unwrap(), b"");
        assert_eq!(read_frame(&mut r).unwrap().unwrap(), b"{}");
        let ok = br#"{"jsonrpc":"2.0","id":3,"method":"x"}"#;
        assert!(matches!(parse(ok), Incoming::Message(Message::Request(_))));
        let no_method = br#"{"jsonrpc":"2.0","id":"a","params":{}}"#;
        assert!(
            matches!(parse(no_method), Incoming::Invalid(v) if v["id"] == "a" && v["error"]["code"] == -32600)
        );
    }
}
