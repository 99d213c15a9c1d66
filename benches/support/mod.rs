//! What the benchmarks share: the CCTV items, the target dir, environment
//! numbers, the process's peak memory, and running a measured child.
//!
//! Include with `#[path = "support/mod.rs"] mod support;` (a folder, so
//! Cargo does not take it for a benchmark of its own).

#![allow(dead_code)]

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread::JoinHandle;

/// Items: runs of non-blank lines; each keeps its final newline.
pub fn split_items(text: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let mut start = 0;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if line.trim().is_empty() {
            if offset > start {
                items.push(&text[start..offset]);
            }
            start = offset + line.len();
        }
        offset += line.len();
    }
    if offset > start && !text[start..].trim().is_empty() {
        items.push(&text[start..]);
    }
    items
}

/// The longest prefix of `text` of at most `limit` bytes that ends at an item
/// boundary (or a line boundary when a single item is longer than `limit`).
pub fn cut_at_item(text: &str, limit: usize) -> &str {
    if limit >= text.len() {
        return text;
    }
    let mut end = limit;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    match head.rfind("\n\n").or_else(|| head.rfind('\n')) {
        Some(i) => &text[..i + 1],
        None => head,
    }
}

/// `CARGO_TARGET_DIR`, else the target dir this binary was built into
/// (`<target>/<profile>/deps/throughput-…`), else `./target`.
pub fn target_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("CARGO_TARGET_DIR") {
        return PathBuf::from(dir);
    }
    std::env::current_exe()
        .ok()
        .and_then(|exe| {
            let deps = exe.parent()?;
            (deps.file_name()? == "deps").then(|| deps.parent()?.parent().map(Path::to_path_buf))?
        })
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"))
}

pub fn env_number(name: &str) -> Option<f64> {
    let v = std::env::var(name).ok()?;
    match v.trim().parse::<f64>() {
        Ok(n) if n > 0.0 => Some(n),
        _ => panic!("{name} must be a positive number, not {v:?}"),
    }
}

/// A `kB` field of `/proc/self/status` (Linux only; `None` elsewhere).
pub fn proc_status_kb(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status.lines().find_map(|l| {
        let rest = l.strip_prefix(field)?.strip_prefix(':')?;
        rest.trim().trim_end_matches("kB").trim().parse().ok()
    })
}

/// Reset VmHWM to the current RSS (Linux ≥ 4.0). False when not possible.
pub fn reset_peak() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

/// Start `cmd` as a measured child: no colour, no input, stdout piped for
/// the caller, stderr collected on a thread (joined for the error message).
pub fn spawn_piped(cmd: &mut Command) -> std::io::Result<(Child, JoinHandle<Vec<u8>>)> {
    let mut child = cmd
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let mut stderr = child.stderr.take().expect("piped stderr");
    let reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = stderr.read_to_end(&mut buf);
        buf
    });
    Ok((child, reader))
}

/// The last `chars` characters of a child's stderr.
pub fn tail(stderr: &[u8], chars: usize) -> String {
    let err = String::from_utf8_lossy(stderr);
    let skip = err.chars().count().saturating_sub(chars);
    err.chars().skip(skip).collect()
}
