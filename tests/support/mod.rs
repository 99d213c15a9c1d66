//! Helpers shared by the integration tests.

use std::path::PathBuf;

/// The project's `shared/` folder with the test corpora: `$GUIFAN_SHARED`,
/// else `../shared` beside the crate (where CI puts it), else
/// `/work/shared`; the first that holds a `corpus/` folder. `None` when
/// there is none (corpus tests then skip with a message).
pub fn shared_dir() -> Option<PathBuf> {
    [
        std::env::var_os("GUIFAN_SHARED").map(PathBuf::from),
        Some(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared")),
        Some(PathBuf::from("/work/shared")),
    ]
    .into_iter()
    .flatten()
    .find(|p| p.join("corpus").is_dir())
}

/// The pages of `corpus/web-pages-text.txt` (each under a `##### <path>`
/// header): `(path, visible text)`.
#[allow(dead_code)]
pub fn web_pages(all: &str) -> Vec<(&str, &str)> {
    all.split("##### ")
        .skip(1)
        .map(|part| {
            let (name, body) = part.split_once('\n').unwrap_or((part, ""));
            (name.trim(), body)
        })
        .collect()
}
