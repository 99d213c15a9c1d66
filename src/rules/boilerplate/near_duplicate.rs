//! Documents that are near-copies of another document checked in the same run.
//!
//! ## What it does
//! When `guifan check` is given many files, finds pairs of documents whose
//! text is nearly the same (an estimated Jaccard similarity of their
//! 5-character shingles of at least `min-similarity`, 0.8 by default) and
//! reports, on the later file of each pair (in path order), which earlier
//! file it repeats. Documents shorter than `min-chars` are not compared.
//!
//! ## Why
//! Reposted articles — the same report on the college site, the university
//! site and the city site, with a changed date or lead — inflate an archive
//! and drift apart when one copy is corrected and the others are not.
//!
//! ## How it runs
//! Off by default (it reads every input twice): select it with
//! `--extend-select boilerplate/near-duplicate`. During the corpus pass each
//! document's prose gets a MinHash signature (32 values, LSH in 8 bands), so
//! memory per document is constant whatever its length
//! (`guifan::corpus::near`). The per-document checker of this rule reports
//! nothing: its findings come from the corpus pass.
//!
//! ## What it leaves alone
//! Short documents, and documents that only share canonical formulations or
//! a few paragraphs: the similarity is over the whole text.
//!
//! ## Fix safety
//! None: which copy to keep is an editor's decision.

use crate::rule::params::deny_unknown_params;
use crate::rule::{CheckContext, Checker, Finding};
use crate::rules::NativeArgs;

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    Thresholds::parse(args.params)?;
    Ok(Box::new(NearDuplicate))
}

/// The rule's parameters, read by the corpus pass
/// ([`crate::corpus::near`]); `None` keeps the pass's default.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Thresholds {
    /// `min-similarity`: pairs at or above this estimated Jaccard similarity.
    pub min_similarity: Option<f64>,
    /// `min-chars`: shorter documents are skipped.
    pub min_chars: Option<usize>,
}

impl Thresholds {
    /// Read and check `params`; unknown or ill-typed parameters are an error.
    pub fn parse(params: &toml::Table) -> Result<Self, String> {
        deny_unknown_params(params, &["min-similarity", "min-chars"])?;
        let min_similarity = match params.get("min-similarity") {
            None => None,
            Some(toml::Value::Float(f)) if (0.0..=1.0).contains(f) => Some(*f),
            Some(_) => return Err("参数 `min-similarity` 应为 0 到 1 之间的小数".into()),
        };
        let min_chars = match params.get("min-chars") {
            None => None,
            Some(toml::Value::Integer(n)) if *n >= 1 => Some(*n as usize),
            Some(_) => return Err("参数 `min-chars` 应为正整数".into()),
        };
        Ok(Thresholds {
            min_similarity,
            min_chars,
        })
    }
}

/// Validates the parameters; the findings come from the corpus pass.
struct NearDuplicate;

impl Checker for NearDuplicate {
    fn check(&self, _ctx: &CheckContext<'_>, _out: &mut Vec<Finding>) {}
}
