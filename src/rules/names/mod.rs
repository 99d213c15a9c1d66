//! The names family: persons and their titles, leaders' canonical name
//! forms and the titles they held at the document's date, institution
//! rosters, job-title typos, article titles and titles of works (《》).
//!
//! Person detection and the dated people registry are domain models, not
//! rules, and live in [`crate::names`]; the files here are the checks that
//! stand on them. Data-driven names rules live in `rules/names*.toml`.

pub mod helpers;

pub mod byline_spacing;
pub mod comrade_after_title;
pub mod conflicting_titles;
pub mod document_title_quotes;
pub mod foreign_name_separator;
pub mod leader_name_form;
pub mod leader_name_misspelled;
pub mod list_separator;
pub mod name_before_title;
pub mod non_work_in_title_marks;
pub mod padded_name;
pub mod roster_title;
pub mod title_line_punctuation;
pub mod title_not_held;

/// The names rules: `(id, constructor)`.
pub static RULES: &[(&str, super::NativeConstructor)] = &[
    // Persons in the text (person detection).
    ("names/padded-name", padded_name::build),
    ("names/list-separator", list_separator::build),
    ("names/byline-spacing", byline_spacing::build),
    ("names/name-before-title", name_before_title::build),
    ("names/conflicting-titles", conflicting_titles::build),
    ("names/comrade-after-title", comrade_after_title::build),
    // Leaders and rosters (the dated people registry).
    ("names/title-not-held", title_not_held::build),
    ("names/leader-name-form", leader_name_form::build),
    (
        "names/leader-name-misspelled",
        leader_name_misspelled::build,
    ),
    ("names/roster-title", roster_title::build),
    // Titles of works and documents, article title lines.
    ("names/document-title-quotes", document_title_quotes::build),
    (
        "names/non-work-in-title-marks",
        non_work_in_title_marks::build,
    ),
    (
        "names/title-line-punctuation",
        title_line_punctuation::build,
    ),
    (
        "names/foreign-name-separator",
        foreign_name_separator::build,
    ),
];
