//! Helpers shared by the integration tests.
//!
//! # Corpus tests
//!
//! The text corpora are not part of this repository: they live in the
//! project's `shared/` folder, `$GUIFAN_SHARED` if set, else `../shared`
//! beside the crate (where CI puts it). A clone without it runs every other
//! test with `cargo test --locked`; the tests that read the corpora are
//! ignored there, with their reason shown:
//!
//! ```text
//! #[test]
//! #[ignore = "corpus: needs ../shared/corpus (or GUIFAN_SHARED); run with: cargo test --release -- --ignored"]
//! fn on_real_text() {
//!     let text = support::read_shared("corpus/cctv-xwlb-2020-2026.txt");
//!     …
//! }
//! ```
//!
//! Inside such a test the corpus is required: [`shared`] and [`read_shared`]
//! panic with a clear message when it is missing, so that a run with
//! `--ignored` (CI's) fails loudly instead of passing without checking
//! anything. A corpus test never returns early.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::time::Duration;

/// The `guifan` binary run in `dir`, with what shapes its output from the
/// environment cleared (colour, terminal width, a GitHub step summary) and
/// a time limit, so that a hang fails its test instead of the suite.
pub fn guifan(dir: &Path) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::new(env!("CARGO_BIN_EXE_guifan"));
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("FORCE_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("CLICOLOR")
        .env_remove("COLUMNS")
        .env_remove("GITHUB_STEP_SUMMARY")
        .timeout(Duration::from_secs(180));
    cmd
}

/// The text view of a Word document.
pub fn docx_text(bytes: &[u8]) -> String {
    guifan::document::docx::Docx::read(bytes, &guifan::document::docx::DocxLimits::default())
        .unwrap()
        .text()
        .to_string()
}

/// The project's `shared/` folder with the test corpora: `$GUIFAN_SHARED`,
/// else `../shared` beside the crate. Panics, naming the folder it looked
/// for, when that folder has no `corpus/`: only corpus tests (ignored by
/// default, see the module documentation) call it.
pub fn shared() -> PathBuf {
    let (dir, origin) = match std::env::var_os("GUIFAN_SHARED") {
        Some(dir) => (PathBuf::from(dir), "$GUIFAN_SHARED"),
        None => (
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"),
            "../shared beside the crate",
        ),
    };
    assert!(
        dir.join("corpus").is_dir(),
        "this corpus test needs the project's shared/ folder, but {} ({origin}) has no corpus/ \
         folder: put shared/ beside the repository or set GUIFAN_SHARED to it \
         (without it, run `cargo test` without --ignored: corpus tests are skipped)",
        dir.display()
    );
    dir
}

/// The path of `rel` inside the shared folder (see [`shared`]).
pub fn shared_path(rel: &str) -> PathBuf {
    shared().join(rel)
}

/// The text of `rel` inside the shared folder; panics naming the file when it
/// cannot be read.
pub fn read_shared(rel: &str) -> String {
    let path = shared_path(rel);
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("corpus test: cannot read {}: {e}", path.display()))
}

/// The pages of `corpus/web-pages-text.txt` (each under a `##### <path>`
/// header): `(path, visible text)`.
pub fn web_pages(all: &str) -> Vec<(&str, &str)> {
    all.split("##### ")
        .skip(1)
        .map(|part| {
            let (name, body) = part.split_once('\n').unwrap_or((part, ""));
            (name.trim(), body)
        })
        .collect()
}

/// The oracle for "the page shows a date": a full date on a short line
/// (a date stamp, a metadata field) among the page's lines — independent
/// of the detector's regexes and order of preference. Returns every such date.
pub fn shown_dates(body: &str) -> Vec<chrono::NaiveDate> {
    let re =
        regex::Regex::new(r"((?:19|20)\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})").unwrap();
    let mut out = Vec::new();
    for line in body.lines() {
        if line.chars().count() > 60 {
            continue;
        }
        for c in re.captures_iter(line) {
            let p = |i: usize| c[i].parse::<u32>().unwrap();
            if let Some(d) = chrono::NaiveDate::from_ymd_opt(p(1) as i32, p(2), p(3)) {
                out.push(d);
            }
        }
    }
    out
}

/// A temporary folder holding `files` (paths relative to it, folders made
/// as needed).
pub fn tree<B: AsRef<[u8]>>(files: &[(&str, B)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, body) in files {
        let p = dir.path().join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, body).unwrap();
    }
    dir
}
