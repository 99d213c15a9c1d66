//! The bottom layer: facts about characters and text that every other layer
//! may use and that know nothing of documents, rules or findings.
//!
//! Helpers that grew inside one rule family and were then borrowed by
//! another layer (person detection wanting `is_han`, the corpus pass wanting
//! the boilerplate rules' folding) live here, so that the borrowing goes
//! down the layers instead of sideways.

pub mod chars;
pub(crate) mod compare;
pub mod segment;
