//! The names domain: who is mentioned in a text, under which title, and who
//! held which title when.
//!
//! Rules of the `names` family stand on these models, so they are kept apart
//! from the rules and free of I/O: detection works on the prose view of a
//! document, and the registry is built from rule-set data (`[[person]]`
//! tables), whether built in (`rules/people.toml`) or an institution's own
//! roster.

pub mod detect;
pub(crate) mod lexicon;
pub mod registry;
pub(crate) mod schema;

pub use detect::{Evidence, KnownNames, PersonMention, detect};
