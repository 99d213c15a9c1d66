//! The names family: persons and their titles, leaders' canonical name
//! forms and the titles they held at the document's date, institution
//! rosters, job-title typos, article titles and titles of works (《》).
//!
//! Person detection and the dated people registry are domain models, not
//! rules, and live in [`crate::names`]; the files here are the checks that
//! stand on them. Data-driven names rules live in `rules/names*.toml`.

pub mod document_title_quotes;
pub mod foreign_name_separator;
pub mod non_work_in_title_marks;
pub mod title_line_punctuation;

/// The names rules: `(id, constructor)`.
pub static RULES: &[(&str, super::NativeConstructor)] = &[
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
