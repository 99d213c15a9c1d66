//! Corpus-wide boilerplate: lines that recur across the documents of one
//! site or folder.
//!
//! A single page cannot tell its own footer from its content when the footer
//! looks like prose (`本站所有稿件均为原创…`) or a slogan line sits above
//! every article; a site's corpus can. This module counts, per *group* (a
//! site, a folder), in how many documents each line occurs, and reports the
//! lines that occur in at least [`CorpusOptions::min_documents`] documents
//! **and** in at least [`CorpusOptions::min_share`] of the group.
//!
//! ## Two passes, streaming
//!
//! ```
//! use guifan::corpus::{CorpusIndex, CorpusOptions};
//! let mut index = CorpusIndex::new(CorpusOptions::default());
//! let docs = [
//!     ("site-a", "标题一\n正文第一篇，内容各不相同。\n主办单位：某某市人民政府办公室\n"),
//!     ("site-a", "标题二\n正文第二篇，另有内容。\n主办单位：某某市人民政府办公室\n"),
//!     ("site-a", "标题三\n正文第三篇，又有内容。\n主办单位：某某市人民政府办公室\n"),
//! ];
//! // Pass 1: fingerprints only (the text is not kept).
//! for (group, text) in docs {
//!     index.add(group, text);
//! }
//! // Pass 2: read each document again and ask what recurs.
//! let hits = index.findings("site-a", docs[0].1);
//! assert_eq!(hits.len(), 1);
//! assert_eq!(&docs[0].1[hits[0].span.range()], "主办单位：某某市人民政府办公室");
//! assert_eq!(hits[0].documents, 3);
//! ```
//!
//! Pass 1 ([`CorpusIndex::add`]) keeps, per group, a document count and a
//! map from 64-bit line fingerprints to the number of documents containing
//! the line, so memory grows with the number of *distinct* lines, not with
//! the text; each document is read, fingerprinted and dropped. Indexes built
//! on several threads combine with [`CorpusIndex::merge`]. Pass 2
//! ([`CorpusIndex::findings`], or [`CorpusIndex::diagnostics`] for a
//! [`Document`]) reads each document again and reports its recurring lines.
//! A CLI over many files runs pass 1 over all files, then pass 2, using e.g.
//! [`group_of`] (the parent folder) as the group.
//!
//! Near-duplicate *documents* (the same article reposted with small edits)
//! are found by [`near::NearDuplicates`] (MinHash with LSH).
//!
//! ## What is never boilerplate
//!
//! Lines made of canonical formulations (规范表述) and slogans: many articles
//! of a party or government site share `深入学习贯彻党的二十大精神` or
//! `以习近平同志为核心的党中央`, which is content. A line with fewer than
//! [`CorpusOptions::min_chars`] letters, digits or ideographs outside the
//! canonical list is not counted. The built-in list is the `canonical`
//! parameter of `boilerplate/repeated-sentence` in `rules/boilerplate.toml`
//! ([`CorpusOptions::from_rule_sets`] reads it). Lines are compared whole
//! (normalized: widths folded, whitespace removed), so a shared prefix such
//! as the dateline `央视网消息（新闻联播）：` of otherwise different first
//! paragraphs is not a recurring line.

pub mod near;
pub mod pass;

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::rules::boilerplate::corpus_repeated;
use crate::rules::boilerplate::helpers::canonical::Canonical;
use crate::ruleset::RuleSet;
use crate::span::Span;
use crate::text::compare::{fingerprint, fold, is_blank, is_word_char, lines};
use std::collections::HashMap;
use std::path::Path;

/// The rule id under which corpus-wide findings are reported.
pub const RULE_ID: &str = "boilerplate/corpus-repeated";

/// Thresholds of the corpus-wide pass.
#[derive(Clone, Debug)]
pub struct CorpusOptions {
    /// A line must occur in at least this many documents of its group …
    pub min_documents: usize,
    /// … and in at least this share (0–1) of the group's documents.
    pub min_share: f64,
    /// Lines with fewer letters, digits or ideographs (outside canonical
    /// formulations) are ignored: `微博`, `返回` are the per-document rules' job.
    pub min_chars: usize,
    /// Canonical formulations and slogans (never boilerplate).
    pub canonical: Vec<String>,
}

impl Default for CorpusOptions {
    /// At least 3 documents and 20 % of the group, lines of 6 or more
    /// characters, no canonical list (see [`CorpusOptions::from_rule_sets`]).
    fn default() -> Self {
        CorpusOptions {
            min_documents: 3,
            min_share: 0.2,
            min_chars: 6,
            canonical: Vec::new(),
        }
    }
}

impl CorpusOptions {
    /// Defaults, with the canonical list taken from the `canonical`
    /// parameter of `boilerplate/repeated-sentence` in `sets` (the last
    /// declaration wins, as in the linter).
    pub fn from_rule_sets(sets: &[RuleSet]) -> Self {
        let thresholds = sets
            .iter()
            .flat_map(|s| &s.rules)
            .filter(|r| r.meta.id == RULE_ID)
            .filter_map(|r| r.decl.params.as_ref())
            .next_back()
            .and_then(|p| CorpusOptions::default().with_params(p.get_ref()).ok())
            .unwrap_or_default();
        let canonical = sets
            .iter()
            .flat_map(|s| &s.rules)
            .filter(|r| r.meta.id == "boilerplate/repeated-sentence")
            .filter_map(|r| r.decl.params.as_ref())
            .filter_map(|p| p.get_ref().get("canonical")?.as_array().cloned())
            .next_back()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        CorpusOptions {
            canonical,
            ..thresholds
        }
    }

    /// These options with the thresholds of `params` (the parameters of
    /// `boilerplate/corpus-repeated`: `min-documents`, `min-share`,
    /// `min-chars`) applied; unknown or ill-typed parameters are an error.
    pub fn with_params(mut self, params: &toml::Table) -> Result<Self, String> {
        let t = corpus_repeated::Thresholds::parse(params)?;
        self.min_documents = t.min_documents.unwrap_or(self.min_documents);
        self.min_chars = t.min_chars.unwrap_or(self.min_chars);
        self.min_share = t.min_share.unwrap_or(self.min_share);
        Ok(self)
    }
}

/// Per-group statistics: what pass 1 keeps of a group, as plain data, so
/// that a distributed job can reduce it itself (sum `documents` and the
/// counts per fingerprint over its partitions) and hand it back for pass 2
/// ([`CorpusIndex::insert_group`], [`pass::Collector::group_diagnostics`]).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct GroupCounts {
    /// How many documents of the group were counted.
    pub documents: u32,
    /// Line fingerprint ([`CorpusIndex::line_fingerprints`]) → number of
    /// documents containing the line. Pass 2 only looks up the fingerprints
    /// that reach [`CorpusIndex::threshold_for`], so the others may be left out.
    pub counts: HashMap<u64, u32>,
}

/// A recurring line of one document.
#[derive(Clone, Debug, PartialEq)]
pub struct CorpusHit {
    /// The line, in the text given to [`CorpusIndex::findings`] (without terminator).
    pub span: Span,
    /// In how many documents of the group the line occurs.
    pub documents: u32,
    /// The group's size.
    pub group_documents: u32,
}

/// Pass-1 state: line fingerprints counted per group.
pub struct CorpusIndex {
    options: CorpusOptions,
    canonical: Canonical,
    groups: HashMap<String, GroupCounts>,
}

impl std::fmt::Debug for CorpusIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CorpusIndex")
            .field("groups", &self.groups.len())
            .field("fingerprints", &self.fingerprints())
            .finish()
    }
}

impl CorpusIndex {
    /// An empty index. A canonical list that cannot be compiled (it always
    /// can: phrases are literal) is treated as empty.
    pub fn new(options: CorpusOptions) -> Self {
        let canonical = Canonical::new(&options.canonical)
            .unwrap_or_else(|_| Canonical::new(&[]).expect("empty list"));
        CorpusIndex {
            options,
            canonical,
            groups: HashMap::new(),
        }
    }

    /// The thresholds the index was built with.
    pub fn options(&self) -> &CorpusOptions {
        &self.options
    }

    /// The fingerprint of each countable line of `text`, with its span.
    fn line_prints<'t>(&'t self, text: &'t str) -> impl Iterator<Item = (u64, Span)> + 't {
        let mut key = String::new();
        lines(text).into_iter().filter_map(move |line| {
            let s = &text[line.span.range()];
            key.clear();
            key.extend(s.chars().filter_map(fold));
            let words = key.chars().filter(|c| is_word_char(*c)).count();
            if words < self.options.min_chars {
                return None;
            }
            if self.options.canonical.is_empty()
                || self.canonical.residue(&key) >= self.options.min_chars
            {
                let trimmed = s.trim_start_matches(is_blank);
                let lead = s.len() - trimmed.len();
                let trail = trimmed.len() - trimmed.trim_end_matches(is_blank).len();
                Some((
                    fingerprint(key.chars()),
                    Span::new(line.span.start + lead, line.span.end - trail),
                ))
            } else {
                None
            }
        })
    }

    /// What pass 1 counts of `text`: the fingerprints of its countable
    /// lines, each once, sorted.
    pub fn line_fingerprints(&self, text: &str) -> Vec<u64> {
        let mut prints: Vec<u64> = self.line_prints(text).map(|(h, _)| h).collect();
        prints.sort_unstable();
        prints.dedup();
        prints
    }

    /// Pass 1: count the lines of one document of `group`.
    pub fn add(&mut self, group: &str, text: &str) {
        let prints = self.line_fingerprints(text);
        let g = match self.groups.get_mut(group) {
            Some(g) => g,
            None => self.groups.entry(group.to_string()).or_default(),
        };
        g.documents += 1;
        for h in prints {
            *g.counts.entry(h).or_insert(0) += 1;
        }
    }

    /// Combine an index built on another thread (same options) into this one.
    pub fn merge(&mut self, other: CorpusIndex) {
        for (name, theirs) in other.groups {
            self.insert_group(&name, theirs);
        }
    }

    /// Add counts reduced elsewhere (another process, a Spark stage) to
    /// those of `group`.
    pub fn insert_group(&mut self, group: &str, theirs: GroupCounts) {
        let ours = match self.groups.get_mut(group) {
            Some(g) => g,
            None => self.groups.entry(group.to_string()).or_default(),
        };
        ours.documents += theirs.documents;
        if ours.counts.len() < theirs.counts.len() {
            let mine = std::mem::replace(&mut ours.counts, theirs.counts);
            for (h, n) in mine {
                *ours.counts.entry(h).or_insert(0) += n;
            }
        } else {
            for (h, n) in theirs.counts {
                *ours.counts.entry(h).or_insert(0) += n;
            }
        }
    }

    /// The counts of `group`, as plain data.
    pub fn group(&self, group: &str) -> Option<&GroupCounts> {
        self.groups.get(group)
    }

    /// How many documents of `group` were added.
    pub fn documents(&self, group: &str) -> u32 {
        self.groups.get(group).map_or(0, |g| g.documents)
    }

    /// How many distinct line fingerprints are held, over all groups.
    pub fn fingerprints(&self) -> usize {
        self.groups.values().map(|g| g.counts.len()).sum()
    }

    /// The document count a line needs in `group` to be boilerplate.
    pub fn threshold(&self, group: &str) -> u32 {
        self.threshold_for(self.documents(group))
    }

    /// The document count a line needs to be boilerplate in a group of `n`
    /// documents: the larger of `min_documents` and `min_share` of `n`.
    pub fn threshold_for(&self, n: u32) -> u32 {
        let share = (self.options.min_share * f64::from(n)).ceil() as u32;
        share.max(self.options.min_documents as u32).max(2)
    }

    /// Pass 2: the lines of `text` (a document of `group`, added in pass 1)
    /// that recur across the group. Spans are byte ranges of `text`.
    pub fn findings(&self, group: &str, text: &str) -> Vec<CorpusHit> {
        match self.groups.get(group) {
            Some(g) => self.findings_in(g, text),
            None => Vec::new(),
        }
    }

    /// Pass 2 against a group's counts given as plain data.
    pub fn findings_in(&self, g: &GroupCounts, text: &str) -> Vec<CorpusHit> {
        let need = self.threshold_for(g.documents);
        self.line_prints(text)
            .filter_map(|(h, span)| {
                let n = *g.counts.get(&h)?;
                (n >= need).then_some(CorpusHit {
                    span,
                    documents: n,
                    group_documents: g.documents,
                })
            })
            .collect()
    }

    /// Pass 2 for a [`Document`]: findings on its prose view, as diagnostics
    /// of rule [`RULE_ID`] with source offsets (severity warning, no fix:
    /// whether a recurring line should go is the site's decision).
    pub fn diagnostics(&self, group: &str, doc: &Document) -> Vec<Diagnostic> {
        match self.groups.get(group) {
            Some(g) => self.diagnostics_in(g, doc),
            None => Vec::new(),
        }
    }

    /// [`CorpusIndex::diagnostics`] against a group's counts given as plain data.
    pub fn diagnostics_in(&self, g: &GroupCounts, doc: &Document) -> Vec<Diagnostic> {
        let map = doc.source_map();
        self.findings_in(g, doc.prose())
            .into_iter()
            .filter(|h| !doc.is_masked(h.span))
            .map(|h| Diagnostic {
                rule: RULE_ID.to_string(),
                severity: Severity::Warning,
                message: format!(
                    "这一行在本组 {} 篇文档中的 {} 篇里重复出现，是网站模板内容",
                    h.group_documents, h.documents
                ),
                help: Some("删除模板内容，或在网站层面处理".into()),
                span: map.to_source(h.span),
                fix: None,
            })
            .collect()
    }
}

/// The default group of a file: its parent folder (`""` for a bare name).
pub fn group_of(path: &Path) -> String {
    path.parent()
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(n: usize, footer: &str) -> String {
        format!("第{n}篇文章的标题\n这是第{n}篇文章的正文，内容与其他文章不同。\n{footer}\n")
    }

    #[test]
    fn reports_lines_shared_by_enough_documents_of_the_group() {
        let mut index = CorpusIndex::new(CorpusOptions::default());
        for n in 0..10 {
            index.add("a", &doc(n, "版权所有：某某大学党委宣传部"));
        }
        index.add("b", &doc(99, "版权所有：某某大学党委宣传部"));
        let text = doc(1, "版权所有：某某大学党委宣传部");
        let hits = index.findings("a", &text);
        assert_eq!(hits.len(), 1);
        assert_eq!(&text[hits[0].span.range()], "版权所有：某某大学党委宣传部");
        assert_eq!((hits[0].documents, hits[0].group_documents), (10, 10));
        // Group b has one document: below the thresholds.
        assert!(
            index
                .findings("b", &doc(99, "版权所有：某某大学党委宣传部"))
                .is_empty()
        );
    }

    #[test]
    fn share_threshold_and_normalization() {
        let mut index = CorpusIndex::new(CorpusOptions::default());
        for n in 0..20 {
            let footer = if n < 3 {
                "主办单位：某某局　 承办：信息中心"
            } else {
                ""
            };
            index.add("a", &doc(n, footer));
        }
        // 3 of 20 documents = 15 % < 20 %.
        assert!(
            index
                .findings("a", &doc(0, "主办单位：某某局 承办：信息中心"))
                .is_empty()
        );
        for n in 20..22 {
            index.add("a", &doc(n, "主办单位:某某局 承办:信息中心"));
        }
        // 5 of 22 ≥ 20 %, and width/space variants count as the same line.
        assert_eq!(
            index
                .findings("a", &doc(0, "主办单位：某某局 承办：信息中心"))
                .len(),
            1
        );
    }

    #[test]
    fn canonical_formulations_and_datelines_are_not_boilerplate() {
        let sets = crate::ruleset::builtin_rule_sets().unwrap();
        let mut index = CorpusIndex::new(CorpusOptions::from_rule_sets(&sets));
        for n in 0..5 {
            index.add(
                "a",
                &format!(
                    "深入学习贯彻党的二十大精神\n央视网消息（新闻联播）：第{n}条新闻的内容各不相同。\n"
                ),
            );
        }
        let hits = index.findings(
            "a",
            "深入学习贯彻党的二十大精神\n央视网消息（新闻联播）：第1条新闻的内容各不相同。\n",
        );
        assert!(hits.is_empty(), "{hits:?}");
    }

    #[test]
    fn merge_equals_sequential() {
        let mut a = CorpusIndex::new(CorpusOptions::default());
        let mut b = CorpusIndex::new(CorpusOptions::default());
        let mut all = CorpusIndex::new(CorpusOptions::default());
        for n in 0..6 {
            let d = doc(n, "网站标识码：1234567890");
            if n % 2 == 0 {
                a.add("g", &d)
            } else {
                b.add("g", &d)
            }
            all.add("g", &d);
        }
        a.merge(b);
        assert_eq!(a.documents("g"), all.documents("g"));
        assert_eq!(
            a.findings("g", &doc(0, "网站标识码：1234567890")),
            all.findings("g", &doc(0, "网站标识码：1234567890"))
        );
    }
}
