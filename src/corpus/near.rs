//! Near-duplicate documents: the same article reposted with small edits.
//!
//! Each document gets a MinHash signature over the 5-character shingles of
//! its normalized text (widths folded, whitespace removed), 32 hash values;
//! locality-sensitive hashing in 8 bands of 4 values proposes candidate
//! pairs, and the signatures estimate their Jaccard similarity. Memory is
//! 128 bytes plus 8 bucket entries per document, whatever its length.
//!
//! ```
//! use guifan::corpus::near::{NearDuplicates, NearOptions};
//! let mut near = NearDuplicates::new(NearOptions::default());
//! let a = "10月11日，市农业农村局召开全市秋冬种生产工作推进会，总结前一阶段工作，\
//!          分析当前面临的形势，部署下一步重点任务。会议指出，今年以来全市粮食生产形势\
//!          总体平稳，但部分地区土壤墒情偏差，播种进度不均衡，必须提早谋划、压茬推进。\
//!          会议要求，各区要压实属地责任，组织农技人员深入田间地头开展技术指导。";
//! // The same article reposted, with its date and one word changed.
//! let b = a.replace("10月11日", "近日").replace("技术指导", "指导服务");
//! let c = "学院召开新学期工作部署会议，院长作工作报告，各部门负责人结合分管工作作交流发言，会议对开学各项准备工作进行了安排。";
//! near.add(0, a);
//! near.add(1, &b);
//! near.add(2, c);
//! let pairs = near.pairs();
//! assert_eq!(pairs.len(), 1);
//! assert_eq!((pairs[0].first, pairs[0].second), (0, 1));
//! assert!(pairs[0].similarity > 0.8);
//! ```

use crate::rules::boilerplate::near_duplicate;
use crate::text::compare::fold;
use std::collections::HashMap;

/// The rule id under which near-duplicate documents are reported.
pub const RULE_ID: &str = "boilerplate/near-duplicate";

const HASHES: usize = 32;
const BANDS: usize = 8;
const ROWS: usize = HASHES / BANDS;
const SHINGLE: usize = 5;

/// Thresholds of near-duplicate detection.
#[derive(Clone, Debug)]
pub struct NearOptions {
    /// Pairs with an estimated Jaccard similarity at or above this are reported.
    pub min_similarity: f64,
    /// Documents with fewer normalized characters are skipped (a short notice
    /// is "similar" to every other short notice).
    pub min_chars: usize,
}

impl Default for NearOptions {
    /// Similarity ≥ 0.8, documents of at least 50 characters.
    fn default() -> Self {
        NearOptions {
            min_similarity: 0.8,
            min_chars: 50,
        }
    }
}

/// A pair of near-duplicate documents, by the ids given to [`NearDuplicates::add`].
#[derive(Clone, Debug, PartialEq)]
pub struct NearPair {
    /// The document added first.
    pub first: u64,
    /// The document added later (the likely repost).
    pub second: u64,
    /// Estimated Jaccard similarity of their 5-character shingles (0–1).
    pub similarity: f64,
}

/// MinHash signatures of a corpus, with LSH buckets.
#[derive(Debug, Default)]
pub struct NearDuplicates {
    options: NearOptions,
    ids: Vec<u64>,
    signatures: Vec<[u32; HASHES]>,
    buckets: HashMap<u64, Vec<u32>>,
}

fn mix(mut x: u64) -> u64 {
    // splitmix64 finalizer
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// The MinHash signature of `text`, or `None` when it is too short.
fn signature(text: &str, min_chars: usize) -> Option<[u32; HASHES]> {
    let chars: Vec<char> = text.chars().filter_map(fold).collect();
    if chars.len() < min_chars.max(SHINGLE) {
        return None;
    }
    let mut sig = [u32::MAX; HASHES];
    for w in chars.windows(SHINGLE) {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for &c in w {
            h = (h ^ c as u64).wrapping_mul(0x0100_0000_01b3);
        }
        for (k, slot) in sig.iter_mut().enumerate() {
            let v = (mix(h ^ (k as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)) >> 32) as u32;
            if v < *slot {
                *slot = v;
            }
        }
    }
    Some(sig)
}

impl NearDuplicates {
    /// An empty index with `options`' thresholds.
    pub fn new(options: NearOptions) -> Self {
        NearDuplicates {
            options,
            ..NearDuplicates::default()
        }
    }

    /// Add a document under a caller-chosen id (e.g. its index in a file list).
    pub fn add(&mut self, id: u64, text: &str) {
        let Some(sig) = signature(text, self.options.min_chars) else {
            return;
        };
        let index = self.signatures.len() as u32;
        for band in 0..BANDS {
            let mut key = mix(band as u64 + 1);
            for v in &sig[band * ROWS..(band + 1) * ROWS] {
                key = mix(key ^ u64::from(*v));
            }
            self.buckets.entry(key).or_default().push(index);
        }
        self.ids.push(id);
        self.signatures.push(sig);
    }

    /// Take in the documents of another index (built on another thread).
    /// Pairs across the two are found as if every document had been added
    /// here; `first`/`second` then follow this index's order, so callers
    /// that care which is the repost should order by their own ids.
    pub fn merge(&mut self, other: NearDuplicates) {
        let base = self.signatures.len() as u32;
        for (key, docs) in other.buckets {
            self.buckets
                .entry(key)
                .or_default()
                .extend(docs.into_iter().map(|d| d + base));
        }
        self.ids.extend(other.ids);
        self.signatures.extend(other.signatures);
    }

    /// These options with the thresholds of `params` (the parameters of
    /// `boilerplate/near-duplicate`: `min-similarity`, `min-chars`).
    pub fn options_with_params(
        mut options: NearOptions,
        params: &toml::Table,
    ) -> Result<NearOptions, String> {
        let t = near_duplicate::Thresholds::parse(params)?;
        options.min_similarity = t.min_similarity.unwrap_or(options.min_similarity);
        options.min_chars = t.min_chars.unwrap_or(options.min_chars);
        Ok(options)
    }

    /// How many documents have a signature.
    pub fn len(&self) -> usize {
        self.signatures.len()
    }

    /// Whether no document has a signature (none was added, or each was shorter
    /// than `min_chars` counted characters).
    pub fn is_empty(&self) -> bool {
        self.signatures.is_empty()
    }

    /// Every pair at or above the similarity threshold, ordered by the ids'
    /// insertion order.
    pub fn pairs(&self) -> Vec<NearPair> {
        let mut candidates: Vec<(u32, u32)> = Vec::new();
        for docs in self.buckets.values() {
            if docs.len() < 2 {
                continue;
            }
            for (n, &a) in docs.iter().enumerate() {
                for &b in &docs[n + 1..] {
                    candidates.push((a.min(b), a.max(b)));
                }
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        candidates
            .into_iter()
            .filter_map(|(a, b)| {
                let (sa, sb) = (&self.signatures[a as usize], &self.signatures[b as usize]);
                let same = sa.iter().zip(sb).filter(|(x, y)| x == y).count();
                let similarity = same as f64 / HASHES as f64;
                (similarity >= self.options.min_similarity).then(|| NearPair {
                    first: self.ids[a as usize],
                    second: self.ids[b as usize],
                    similarity,
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merged_indexes_find_pairs_across_them() {
        let text = "会议指出，今年以来全市粮食生产形势总体平稳，但部分地区土壤墒情偏差，播种进度不均衡，必须提早谋划、压茬推进。";
        let mut a = NearDuplicates::new(NearOptions::default());
        let mut b = NearDuplicates::new(NearOptions::default());
        a.add(3, text);
        b.add(8, &text.replace("必须", "务必"));
        b.add(9, "学院召开新学期工作部署会议，院长作工作报告，各部门负责人结合分管工作作交流发言，会议对开学准备工作进行了安排。");
        a.merge(b);
        let pairs = a.pairs();
        assert_eq!(pairs.len(), 1);
        assert_eq!((pairs[0].first, pairs[0].second), (3, 8));
    }

    #[test]
    fn identical_texts_are_similarity_one_and_width_does_not_matter() {
        let mut near = NearDuplicates::new(NearOptions::default());
        let text = "会议指出，今年以来全市粮食生产形势总体平稳，但部分地区土壤墒情偏差，播种进度不均衡，必须提早谋划、压茬推进。";
        near.add(7, text);
        near.add(9, &text.replace('，', ","));
        let pairs = near.pairs();
        assert_eq!(
            pairs,
            [NearPair {
                first: 7,
                second: 9,
                similarity: 1.0
            }]
        );
    }

    #[test]
    fn short_and_unrelated_documents_are_not_pairs() {
        let mut near = NearDuplicates::new(NearOptions::default());
        near.add(0, "会议要求，各单位抓好落实。");
        near.add(1, "会议要求，各单位抓好落实。");
        near.add(2, "全市召开冬季农田水利建设现场会，要求各地抓住有利时机，加快推进高标准农田建设和小型水利设施维修养护。");
        near.add(3, "市图书馆在读者服务大厅举办读书月启动仪式，为市民送上图书推荐和阅读讲座，活动持续一个月，期间开展亲子共读。");
        assert!(near.pairs().is_empty());
        assert_eq!(near.len(), 2);
    }
}
