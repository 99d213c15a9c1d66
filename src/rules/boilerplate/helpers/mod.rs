//! Helpers of the boilerplate rules (not rules): the layout of a scraped
//! page and the allow-list of canonical formulations.

pub mod canonical;
pub mod layout;
