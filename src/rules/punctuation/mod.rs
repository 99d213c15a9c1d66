//! The punctuation family (GB/T 15834—2011): width by context, forms,
//! pairing, doubling, stray spaces.

pub mod halfwidth_in_cjk;

/// The punctuation rules: `(id, constructor)`.
pub static RULES: &[(&str, super::NativeConstructor)] =
    &[("punctuation/halfwidth-in-cjk", halfwidth_in_cjk::build)];
