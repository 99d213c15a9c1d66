//! Maps keyed by fingerprints ([`crate::text::compare::fingerprint`], a
//! rolling hash): the keys are hashes already, so the map spends FxHash's
//! one multiply on them instead of a keyed SipHash (the repeat rules look up
//! one key per sentence or per character window).

use std::collections::HashMap;

/// A map from fingerprints to `V`.
pub type PrintMap<V> = HashMap<u64, V, rustc_hash::FxBuildHasher>;
