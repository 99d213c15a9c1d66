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
