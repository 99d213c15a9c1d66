//! Helpers of the boilerplate rules (not rules): the layout of a scraped
//! page, deleting whole lines, the allow-list of canonical formulations, the articles of a
//! statute (repeated on purpose), maps keyed by fingerprints.

pub mod canonical;
pub mod layout;
pub mod lines;
pub mod prints;
pub mod statute;
