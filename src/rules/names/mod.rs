//! The names family: persons and their titles, leaders' canonical name
//! forms and the titles they held at the document's date, institution
//! rosters, job-title typos, article titles and titles of works (《》).
//!
//! Person detection and the dated people registry are domain models, not
//! rules, and live in [`crate::names`]; the files here are the checks that
//! stand on them. Data-driven names rules live in `rules/names*.toml`.

/// The names rules: `(id, constructor)`.
pub static RULES: &[(&str, super::NativeConstructor)] = &[];

#[path = "_registry.rs"]
pub mod registry;
#[path = "_tenure.rs"]
mod tenure;

pub mod leader_name_form;
pub mod leader_name_misspelled;
pub mod roster_title;
pub mod title_not_held;

/// The registry rules (people, leaders, rosters): `(id, constructor)`.
pub static REGISTRY_RULES: &[(&str, super::NativeConstructor)] = &[
    ("names/title-not-held", title_not_held::build),
    ("names/leader-name-form", leader_name_form::build),
    (
        "names/leader-name-misspelled",
        leader_name_misspelled::build,
    ),
    ("names/roster-title", roster_title::build),
];
