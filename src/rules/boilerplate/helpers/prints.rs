//! Maps keyed by fingerprints ([`crate::text::compare::fingerprint`], a
//! rolling hash): the keys are hashes already, so the map spends one
//! multiply-xorshift round on them instead of a keyed SipHash (the repeat
//! rules look up one key per sentence or per character window).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A map from fingerprints to `V`.
pub type PrintMap<V> = HashMap<u64, V, BuildHasherDefault<Mix>>;

/// A hasher for keys that are already hashes: one multiply-xorshift round.
#[derive(Default)]
pub struct Mix(u64);

impl Hasher for Mix {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }
    fn write_u64(&mut self, n: u64) {
        let mut x = (self.0 ^ n).wrapping_mul(0xff51_afd7_ed55_8ccd);
        x ^= x >> 33;
        self.0 = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53) ^ (x >> 29);
    }
}
