//! The names family: persons and their titles, leaders' canonical name
//! forms and the titles they held at the document's date, institution
//! rosters, job-title typos, article titles and titles of works (《》).
//!
//! Person detection and the dated people registry are domain models, not
//! rules, and live in [`crate::names`]; the files here are the checks that
//! stand on them. Data-driven names rules live in `rules/names*.toml`.

/// The names rules: `(id, constructor)`.
pub static RULES: &[(&str, super::NativeConstructor)] = &[
    ("names/byline-spacing", byline_spacing::build),
    ("names/comrade-after-title", comrade_after_title::build),
    ("names/conflicting-titles", conflicting_titles::build),
    ("names/list-separator", list_separator::build),
    ("names/name-before-title", name_before_title::build),
    ("names/padded-name", padded_name::build),
];

#[path = "_persons.rs"]
pub mod persons;

pub mod byline_spacing;
pub mod comrade_after_title;
pub mod conflicting_titles;
pub mod list_separator;
pub mod name_before_title;
pub mod padded_name;
