//! 与同一次检查中另一篇文档几乎相同的文档
//!
//! ## 检查什么
//! 当`guifan check`一次检查多个文件时，找出文本几乎相同的文档对（按5字片段集合估算的Jaccard相似度不低于`min-similarity`，默认为0.8），并在每对中较后的文件（按路径顺序）上报告它重复了哪个较早的文件。短于`min-chars`的文档不参与比较。
//!
//! ## 运行方式
//! 本规则默认不启用（它要把每个输入读两遍）：可用`--extend-select boilerplate/near-duplicate`选用。在语料遍历中，为每篇文档的正文计算一个MinHash签名（32个值，LSH分为8段），因此无论文档多长，每篇文档占用的内存都是固定的（`guifan::corpus::near`）。本规则的逐篇检查不报告任何问题，其结果全部来自语料遍历。
//!
//! ## 不报告的情形
//! 短文档，以及只是共有一些规范表述或若干段落的文档：相似度是按全文计算的。
//!
//! ## 修复
//! 不提供修复：保留哪一份，由编辑决定。
//!
//! ## 依据
//! 转载的文章，即学院网站、大学网站和市政府网站上同一篇报道，只改了日期或导语，会使档案膨胀；一份更正了而其他几份没有更正，各份之间就会出现差异。

// English original of the user documentation above (developer notes):
//
// Documents that are near-copies of another document checked in the same run.
//
// ## What it does
// When `guifan check` is given many files, finds pairs of documents whose
// text is nearly the same (an estimated Jaccard similarity of their
// 5-character shingles of at least `min-similarity`, 0.8 by default) and
// reports, on the later file of each pair (in path order), which earlier
// file it repeats. Documents shorter than `min-chars` are not compared.
//
// ## Why
// Reposted articles — the same report on the college site, the university
// site and the city site, with a changed date or lead — inflate an archive
// and drift apart when one copy is corrected and the others are not.
//
// ## How it runs
// Off by default (it reads every input twice): select it with
// `--extend-select boilerplate/near-duplicate`. During the corpus pass each
// document's prose gets a MinHash signature (32 values, LSH in 8 bands), so
// memory per document is constant whatever its length
// (`guifan::corpus::near`). The per-document checker of this rule reports
// nothing: its findings come from the corpus pass.
//
// ## What it leaves alone
// Short documents, and documents that only share canonical formulations or
// a few paragraphs: the similarity is over the whole text.
//
// ## Fix safety
// None: which copy to keep is an editor's decision.

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
