//! The bottom layer: facts about characters and text that every other layer
//! may use and that know nothing of documents, rules or findings.
//!
//! Helpers that grew inside one rule family and were then borrowed by
//! another layer (person detection wanting `is_han`, the corpus pass wanting
//! the boilerplate rules' folding) live here, so that the borrowing goes
//! down the layers instead of sideways.

/// A SIMD substring searcher (`memchr::memmem::Finder`) for a literal
/// needle, built on first use and then shared by every later search.
/// `memmem::find_iter(text, needle)` builds a new searcher at each call,
/// which for a short document costs about as much as the search itself.
macro_rules! needle {
    ($needle:expr) => {{
        static FINDER: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
            std::sync::LazyLock::new(|| memchr::memmem::Finder::new($needle));
        &*FINDER
    }};
}
pub(crate) use needle;

pub mod chars;
pub(crate) mod compare;
pub mod segment;
