//! Helpers of the names rules (not rules): the persons around a mention,
//! the registry lookups the leader rules share, and the tenure check behind
//! `names/title-not-held` and `names/roster-title`.

pub mod persons;
pub mod registry;
pub(crate) mod tenure;
