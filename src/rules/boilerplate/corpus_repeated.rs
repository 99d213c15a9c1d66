//! 在同一网站或同一文件夹的多篇文档中反复出现的行
//!
//! ## 检查什么
//! 当`guifan check`一次检查多个文件时，报告在同一文件夹中至少出现于`min-documents`篇文档、且至少占其中`min-share`比例的每一行：即网站在每个页面上重复的页脚、标语横幅、免责声明或链接列表，即使它读起来像正文。
//!
//! ## 运行方式
//! 本规则默认不启用，因为它要把每个输入读两遍：可用`--extend-select boilerplate/corpus-repeated`（或在`guifan.toml`中）选用。第一遍为每篇文档正文的每一行生成指纹（统一全半角、去掉空白），并按文件夹统计包含该行的文档数；第二遍报告每篇文档中反复出现的行。内存占用随不同行的数量增长，而不随文本总量增长。本规则的逐篇检查不报告任何问题，其结果全部来自语料遍历（库接口：`guifan::corpus::CorpusIndex`）。
//!
//! ## 不报告的情形
//! 由规范表述和标语构成的行（见`boilerplate/repeated-sentence`的`canonical`参数）：党政网站的许多文章都理所当然地含有`深入学习贯彻党的二十大精神`。短于`min-chars`的行。各篇第一段内容不同、只是开头相同的情形（如电头），因为比较的是整行。
//!
//! ## 修复
//! 不提供修复：反复出现的行是否删除，由网站自行决定。
//!
//! ## 依据
//! 当页脚是一个句子（`本站所有稿件均为原创…`）时，单个页面无法区分自己的页脚和正文，而整个网站的语料可以。档案清理需要借此一次处理成千上万个抓取的页面。

// English original of the user documentation above (developer notes):
//
// Lines that recur across the documents of one site or folder.
//
// ## What it does
// When `guifan check` is given many files, flags every line that occurs in
// at least `min-documents` documents of the same folder and in at least
// `min-share` of them: the footer, slogan banner, disclaimer or link list
// that a site repeats on every page, even where it reads like prose.
//
// ## Why
// A single page cannot tell its own footer from its content when the footer
// is a sentence (`本站所有稿件均为原创…`); the site's corpus can. Archive
// audits need this to clean thousands of scraped pages at once.
//
// ## How it runs
// Off by default, because it reads every input twice: select it with
// `--extend-select boilerplate/corpus-repeated` (or in `guifan.toml`). Pass
// 1 fingerprints each line of each document's prose (widths folded,
// whitespace removed) and counts, per folder, the documents containing it;
// pass 2 reports the recurring lines of each document. Memory grows with
// the number of distinct lines, not with the text. The per-document checker
// of this rule reports nothing: its findings come from the corpus pass
// (library: `guifan::corpus::CorpusIndex`).
//
// ## What it leaves alone
// Lines made of canonical formulations and slogans (the `canonical`
// parameter of `boilerplate/repeated-sentence`): many articles of a party
// or government site legitimately share `深入学习贯彻党的二十大精神`. Lines
// shorter than `min-chars`. A shared prefix such as a dateline of otherwise
// different first paragraphs, since lines are compared whole.
//
// ## Fix safety
// None: whether a recurring line should go is the site's decision.

use crate::rule::params::deny_unknown_params;
use crate::rule::{CheckContext, Checker, Finding};
use crate::rules::NativeArgs;

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    Thresholds::parse(args.params)?;
    Ok(Box::new(CorpusRepeated))
}

/// The rule's parameters, read by the corpus pass ([`crate::corpus`]);
/// `None` keeps the pass's default.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Thresholds {
    /// `min-documents`: a line must occur in at least this many documents.
    pub min_documents: Option<usize>,
    /// `min-share`: … and in at least this share (0–1) of its group.
    pub min_share: Option<f64>,
    /// `min-chars`: shorter lines are ignored.
    pub min_chars: Option<usize>,
}

impl Thresholds {
    /// Read and check `params`; unknown or ill-typed parameters are an error.
    pub fn parse(params: &toml::Table) -> Result<Self, String> {
        deny_unknown_params(params, &["min-documents", "min-share", "min-chars"])?;
        let count = |key: &str| -> Result<Option<usize>, String> {
            match params.get(key) {
                None => Ok(None),
                Some(toml::Value::Integer(n)) if *n >= 1 => Ok(Some(*n as usize)),
                Some(_) => Err(format!("参数 `{key}` 应为正整数")),
            }
        };
        let min_share = match params.get("min-share") {
            None => None,
            Some(toml::Value::Float(f)) if (0.0..=1.0).contains(f) => Some(*f),
            Some(_) => return Err("参数 `min-share` 应为 0 到 1 之间的小数".into()),
        };
        Ok(Thresholds {
            min_documents: count("min-documents")?,
            min_share,
            min_chars: count("min-chars")?,
        })
    }
}

/// Validates the parameters; the findings come from the corpus pass.
struct CorpusRepeated;

impl Checker for CorpusRepeated {
    fn check(&self, _ctx: &CheckContext<'_>, _out: &mut Vec<Finding>) {}
}
