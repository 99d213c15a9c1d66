//! The front-ends driven by real clients that nobody here wrote: the
//! proofreading page in headless Chromium through Playwright
//! (`tests/web/`), and the language server through pytest-lsp
//! (`tests/lsp_client/`). Each suite has its own runner script, which
//! installs its client packages into a local folder (`tests/web/node_modules`,
//! `target/lsp-venv`) from pinned versions; these tests run the scripts
//! against the binary this build made, so `cargo test --release -- --ignored`
//! (what CI runs, after installing Debian's chromium) covers them.
//!
//! They are ignored by default: they need node, Debian's chromium, python3
//! with venv, and a package registry for the first install.

use std::path::Path;
use std::process::Command;

fn run_script(script: &str) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bin = env!("CARGO_BIN_EXE_guifan");
    let status = Command::new("bash")
        .arg(root.join(script))
        .arg(bin)
        .current_dir(root)
        .status()
        .unwrap_or_else(|e| panic!("{script}: cannot start bash: {e}"));
    assert!(status.success(), "{script} {bin} failed: {status}");
}

#[test]
#[ignore = "e2e: needs node and Debian's chromium (apt-get install chromium); run with: cargo test --release -- --ignored"]
fn the_page_in_headless_chromium() {
    run_script("tests/web/run.sh");
}

#[test]
#[ignore = "e2e: needs python3 with venv and PyPI for the first install; run with: cargo test --release -- --ignored"]
fn the_language_server_with_pytest_lsp() {
    run_script("tests/lsp_client/run.sh");
}
