//! Helpers of the boilerplate rules (not rules): the layout of a scraped
//! page, deleting whole lines, the allow-list of canonical formulations, the articles of a
//! statute (repeated on purpose).

pub mod canonical;
pub mod layout;
pub mod lines;
pub mod statute;
