//! The names family: persons and their titles, leaders' canonical name
//! forms and the titles they held at the document's date, institution
//! rosters, job-title typos, article titles and titles of works (《》).
//!
//! Person detection and the dated people registry are domain models, not
//! rules, and live in [`crate::names`]; the files here are the checks that
//! stand on them. Data-driven names rules live in `rules/names*.toml`.

/// The names rules: `(id, constructor)`.
pub static RULES: &[(&str, super::NativeConstructor)] = &[];
