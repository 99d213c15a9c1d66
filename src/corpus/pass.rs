//! The corpus pass as a library: what the command line, a server or a
//! distributed job runs over many documents, with the threads, files and
//! partitions left to the caller.
//!
//! The two corpus rules (`boilerplate/corpus-repeated`,
//! `boilerplate/near-duplicate`) need every document of a group before they
//! can judge one, so the pass has two stages with a merge between them:
//!
//! 1. [`CorpusPlan::collector`] gives a [`Collector`] per worker; each
//!    document's prose view goes through [`Collector::add`] (line
//!    fingerprints and a MinHash signature are kept, the text is not).
//!    Collectors from several workers combine with [`Collector::merge`] —
//!    the reduce step of a distributed run.
//! 2. [`Collector::finish`] turns the merged collector into [`Findings`];
//!    [`Findings::add_diagnostics`] appends a document's corpus-wide
//!    findings to what the linter found in it.
//!
//! A job whose reduce is not in Rust (Spark, a database) uses the plain-data
//! form of `boilerplate/corpus-repeated` instead: [`Collector::fingerprints`]
//! gives what stage 1 counts of one document, the job sums the documents and
//! the counts per (group, fingerprint) into a [`GroupCounts`], and
//! [`Collector::group_diagnostics`] is stage 2 for one document against its
//! group's counts. The results are those of the merged pass. (Near-duplicate
//! documents need the MinHash signatures of the whole run, not a per-group
//! count, and are not part of this form.)
//!
//! ```
//! use guifan::corpus::pass::CorpusPlan;
//! use guifan::ruleset::builtin_rule_sets;
//! use guifan::{Document, DocumentOptions, Format, Linter, Settings};
//! let sets = builtin_rule_sets().unwrap();
//! let settings = Settings {
//!     extend_select: vec!["boilerplate/corpus-repeated".into()],
//!     ..Settings::default()
//! };
//! let linter = Linter::new(&sets, &settings).unwrap();
//! let plan = CorpusPlan::new(&linter, &sets, &settings).expect("a corpus rule is on");
//! let today = chrono::NaiveDate::from_ymd_opt(2024, 6, 1).unwrap();
//! let options = DocumentOptions::new(Format::Plain, today);
//! let docs: Vec<Document> = (1..=3)
//!     .map(|i| {
//!         let text = format!("标题{i}\n第{i}篇正文，内容各不相同。\n主办单位：某某市人民政府办公室\n");
//!         Document::new(text, &options)
//!     })
//!     .collect();
//! let mut collector = plan.collector();
//! for (i, doc) in docs.iter().enumerate() {
//!     collector.add(i as u64, "site-a", doc);
//! }
//! let findings = collector.finish(|i| format!("{i}.txt"));
//! let mut found = linter.check(&docs[0]);
//! findings.add_diagnostics(&linter, "site-a", "0.txt", &docs[0], &mut found);
//! assert!(found.iter().any(|d| d.rule == "boilerplate/corpus-repeated"));
//! ```

use super::near::{self, NearDuplicates, NearOptions};
use super::{CorpusIndex, CorpusOptions, GroupCounts, RULE_ID};
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::engine::Linter;
use crate::rule::message::fill;
use crate::ruleset::RuleSet;
use crate::settings::Settings;
use crate::span::Span;
use std::collections::HashMap;

/// Which corpus rules are on for a run, with their thresholds.
#[derive(Clone, Debug)]
pub struct CorpusPlan {
    lines: Option<CorpusOptions>,
    near: Option<NearOptions>,
}

impl CorpusPlan {
    /// The plan for `linter` (built from `sets` and `settings`), or `None`
    /// when neither corpus rule is enabled: then no corpus pass is needed.
    pub fn new(linter: &Linter, sets: &[RuleSet], settings: &Settings) -> Option<Self> {
        let enabled = |id: &str| linter.rule(id).is_some_and(|r| r.enabled);
        let lines = enabled(RULE_ID).then(|| {
            let options = CorpusOptions::from_rule_sets(sets);
            match settings.options.get(RULE_ID) {
                // Validated when the linter was built.
                Some(over) => options.clone().with_params(over).unwrap_or(options),
                None => options,
            }
        });
        let near = enabled(near::RULE_ID).then(|| near_options(sets, settings));
        (lines.is_some() || near.is_some()).then_some(CorpusPlan { lines, near })
    }

    /// An empty collector for one worker of stage 1.
    pub fn collector(&self) -> Collector {
        Collector {
            lines: self.lines.clone().map(CorpusIndex::new),
            near: self.near.clone().map(NearDuplicates::new),
        }
    }
}

/// The declared parameters of `boilerplate/near-duplicate` (the last
/// declaration wins, as in the linter) with the settings' overrides.
fn near_options(sets: &[RuleSet], settings: &Settings) -> NearOptions {
    let mut params = sets
        .iter()
        .flat_map(|s| &s.rules)
        .filter(|r| r.meta.id == near::RULE_ID)
        .filter_map(|r| r.decl.params.as_ref())
        .next_back()
        .map(|p| p.get_ref().clone())
        .unwrap_or_default();
    if let Some(over) = settings.options.get(near::RULE_ID) {
        params.extend(over.clone());
    }
    // Validated when the linter was built.
    NearDuplicates::options_with_params(NearOptions::default(), &params).unwrap_or_default()
}

/// Stage 1's state: line fingerprints per group and near-duplicate
/// signatures per document, never the text.
#[derive(Debug)]
pub struct Collector {
    lines: Option<CorpusIndex>,
    near: Option<NearDuplicates>,
}

impl Collector {
    /// Count document `id` (the caller's number for it, unique in the run)
    /// of group `group` (a site, a folder: see [`super::group_of`]).
    pub fn add(&mut self, id: u64, group: &str, doc: &Document) {
        if let Some(index) = &mut self.lines {
            index.add(group, doc.prose());
        }
        if let Some(near) = &mut self.near {
            near.add(id, doc.prose());
        }
    }

    /// Stage 1 as plain data: the line fingerprints of `doc` that
    /// [`Collector::add`] would count (each once), or nothing when
    /// `boilerplate/corpus-repeated` is off.
    pub fn fingerprints(&self, doc: &Document) -> Vec<u64> {
        self.lines
            .as_ref()
            .map(|index| index.line_fingerprints(doc.prose()))
            .unwrap_or_default()
    }

    /// The document count a line needs to be boilerplate in a group of
    /// `documents` documents (`None` when `boilerplate/corpus-repeated` is
    /// off): counts below it can be dropped before they are shipped back.
    pub fn threshold_for(&self, documents: u32) -> Option<u32> {
        self.lines.as_ref().map(|i| i.threshold_for(documents))
    }

    /// Stage 2 as plain data: append the `boilerplate/corpus-repeated`
    /// findings of `doc` against its group's reduced `counts` to `out`, as
    /// [`Findings::add_diagnostics`] does (configured severity, inline
    /// suppressions, `out` kept sorted). The collector itself is not read:
    /// an empty one of the plan will do, built once.
    pub fn group_diagnostics(
        &self,
        linter: &Linter,
        counts: &GroupCounts,
        doc: &Document,
        out: &mut Vec<Diagnostic>,
    ) {
        if let Some(index) = &self.lines {
            let found = index.diagnostics_in(counts, doc);
            append_lines(linter, doc, found, out);
        }
    }

    /// Fold in the collector of another worker (of the same plan).
    pub fn merge(&mut self, other: Collector) {
        if let (Some(a), Some(b)) = (&mut self.lines, other.lines) {
            a.merge(b);
        }
        if let (Some(a), Some(b)) = (&mut self.near, other.near) {
            a.merge(b);
        }
    }

    /// Stage 2's view of the whole run. `name` gives the name a document id
    /// is reported under (its path). Of a near-duplicate pair, the document
    /// with the larger id is reported (number documents in path order, and
    /// the later path is the copy), against its most similar earlier
    /// document, the first in id order among equally similar ones: the
    /// order in which worker threads merged their collectors does not
    /// show.
    pub fn finish(self, name: impl Fn(u64) -> String) -> Findings {
        // Later id → (earlier id, similarity).
        let mut best: HashMap<u64, (u64, f64)> = HashMap::new();
        for pair in self.near.iter().flat_map(|n| n.pairs()) {
            let earlier = pair.first.min(pair.second);
            let later = pair.first.max(pair.second);
            let entry = best.entry(later).or_insert((earlier, pair.similarity));
            if pair.similarity > entry.1 || (pair.similarity == entry.1 && earlier < entry.0) {
                *entry = (earlier, pair.similarity);
            }
        }
        let near = best
            .into_iter()
            .map(|(later, (earlier, similarity))| (name(later), (name(earlier), similarity)))
            .collect();
        Findings {
            lines: self.lines,
            near,
        }
    }
}

/// What the corpus pass knows about the whole run, to ask per document.
#[derive(Debug)]
pub struct Findings {
    /// Line fingerprints per group (`boilerplate/corpus-repeated`).
    lines: Option<CorpusIndex>,
    /// Later document of a near-duplicate pair → (earlier document,
    /// similarity) (`boilerplate/near-duplicate`).
    near: HashMap<String, (String, f64)>,
}

impl Findings {
    /// Append the corpus-wide findings of document `name` of `group` to
    /// `out`, at the rules' configured severities, except those its inline
    /// suppression comments turn off; `out` stays sorted by position.
    pub fn add_diagnostics(
        &self,
        linter: &Linter,
        group: &str,
        name: &str,
        doc: &Document,
        out: &mut Vec<Diagnostic>,
    ) {
        let mut found = Vec::new();
        if let Some(index) = &self.lines {
            found = index.diagnostics(group, doc);
        }
        if let (Some((other, similarity)), Some(entry)) = (
            self.near.get(name),
            linter.rule(near::RULE_ID).filter(|r| r.enabled),
        ) {
            found.push(near_diagnostic(
                doc,
                &entry.meta.message,
                entry.severity,
                other,
                *similarity,
            ));
        }
        append_lines(linter, doc, found, out);
    }
}

/// Append corpus-wide findings to a document's: `boilerplate/corpus-repeated`
/// at its configured severity (dropped if the rule is off), inline
/// suppressions applied, `out` kept sorted by position.
fn append_lines(
    linter: &Linter,
    doc: &Document,
    mut found: Vec<Diagnostic>,
    out: &mut Vec<Diagnostic>,
) {
    match linter.rule(RULE_ID).filter(|r| r.enabled) {
        Some(entry) => found
            .iter_mut()
            .filter(|d| d.rule == RULE_ID)
            .for_each(|d| d.severity = entry.severity),
        None => found.retain(|d| d.rule != RULE_ID),
    }
    linter.retain_unsuppressed(doc, &mut found);
    if !found.is_empty() {
        out.append(&mut found);
        out.sort_by(|a, b| {
            (a.span.start, a.span.end, &a.rule).cmp(&(b.span.start, b.span.end, &b.rule))
        });
    }
}

/// A near-duplicate finding on the document's first line (its title, usually).
fn near_diagnostic(
    doc: &Document,
    template: &str,
    severity: Severity,
    other: &str,
    similarity: f64,
) -> Diagnostic {
    let prose_span = doc.blocks().first().map_or(Span::empty(0), |b| b.span);
    let percent = format!("{:.0}", similarity * 100.0);
    Diagnostic {
        rule: near::RULE_ID.to_string(),
        severity,
        message: fill(template, &[("other", other), ("percent", &percent)]),
        help: Some(format!("与 {other} 比较，保留一份即可")),
        span: doc.source_map().to_source(prose_span),
        fix: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{DocumentOptions, Format};
    use crate::ruleset::builtin_rule_sets;

    /// The plain-data stages (fingerprints summed outside, counts handed
    /// back per group) find what the merged collector finds.
    #[test]
    fn plain_data_stages_equal_the_merged_pass() {
        let sets = builtin_rule_sets().unwrap();
        let settings = Settings {
            extend_select: vec![RULE_ID.into()],
            ..Settings::default()
        };
        let linter = Linter::new(&sets, &settings).unwrap();
        let plan = CorpusPlan::new(&linter, &sets, &settings).unwrap();
        let today = chrono::NaiveDate::from_ymd_opt(2024, 6, 1).unwrap();
        let options = DocumentOptions::new(Format::Plain, today);
        let docs: Vec<(&str, Document)> = (0..12)
            .map(|i| {
                let group = if i % 3 == 0 { "b" } else { "a" };
                let footer = if i % 4 == 0 {
                    ""
                } else {
                    "主办单位：某某市人民政府办公室"
                };
                let text = format!(
                    "标题{i}\n第{i}篇正文，内容各不相同。\n{footer}\n网站标识码：12345{i}\n"
                );
                (group, Document::new(text, &options))
            })
            .collect();
        let mut collector = plan.collector();
        let mut reduced: HashMap<&str, GroupCounts> = HashMap::new();
        for (i, (group, doc)) in docs.iter().enumerate() {
            collector.add(i as u64, group, doc);
            let g = reduced.entry(group).or_default();
            g.documents += 1;
            for h in plan.collector().fingerprints(doc) {
                *g.counts.entry(h).or_insert(0) += 1;
            }
        }
        let findings = collector.finish(|i| i.to_string());
        let template = plan.collector();
        let mut any = false;
        for (i, (group, doc)) in docs.iter().enumerate() {
            let mut merged = Vec::new();
            findings.add_diagnostics(&linter, group, &i.to_string(), doc, &mut merged);
            let mut plain = Vec::new();
            template.group_diagnostics(&linter, &reduced[group], doc, &mut plain);
            assert_eq!(merged, plain, "document {i}");
            any |= !plain.is_empty();
        }
        assert!(any, "the footer recurs in group a");
        assert_eq!(template.threshold_for(8), Some(3));
    }

    /// Of equally similar earlier documents, a copy is reported against
    /// the first, whatever order the workers' collectors merge in.
    #[test]
    fn near_duplicate_partner_does_not_depend_on_merge_order() {
        let sets = builtin_rule_sets().unwrap();
        let settings = Settings {
            extend_select: vec![near::RULE_ID.into()],
            ..Settings::default()
        };
        let linter = Linter::new(&sets, &settings).unwrap();
        let plan = CorpusPlan::new(&linter, &sets, &settings).unwrap();
        let options = DocumentOptions::new(Format::Plain, chrono::NaiveDate::MIN);
        let text = "会议指出，今年以来全市粮食生产形势总体平稳，但部分地区土壤墒情偏差，\
                    播种进度不均衡，必须提早谋划、压茬推进，确保夏粮面积稳定、产量不减。\
                    各地要加强田间管理，落实防灾减灾措施，切实做好农资供应和技术指导服务。\n";
        let docs: Vec<Document> = (0..4)
            .map(|_| Document::new(text.to_string(), &options))
            .collect();
        // Worker splits: which documents each of two workers saw, merged
        // one way or the other.
        let splits: [&[u64]; 3] = [&[0, 1], &[2, 3], &[1, 3]];
        for first in splits {
            for swap in [false, true] {
                let mut a = plan.collector();
                let mut b = plan.collector();
                for id in 0..4u64 {
                    let c = if first.contains(&id) { &mut a } else { &mut b };
                    c.add(id, "g", &docs[id as usize]);
                }
                if swap {
                    std::mem::swap(&mut a, &mut b);
                }
                a.merge(b);
                let findings = a.finish(|i| i.to_string());
                for later in ["1", "2", "3"] {
                    assert_eq!(
                        findings.near.get(later).map(|(p, _)| p.as_str()),
                        Some("0"),
                        "document {later}, split {first:?}, swapped {swap}"
                    );
                }
            }
        }
    }
}
