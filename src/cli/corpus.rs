//! The corpus-wide boilerplate pass of `guifan check`.
//!
//! A site's footer or slogan line can read like prose on any one page; only
//! across the site does it show as boilerplate. When the rule
//! `boilerplate/corpus-repeated` is selected (it is off by default: it reads
//! every input twice), `check` first runs pass 1 over all inputs — each
//! document's prose view is fingerprinted line by line into a
//! [`CorpusIndex`] and dropped, on every thread, and the per-thread indexes
//! are merged — and then, in the normal per-file pass, asks the index which
//! lines of each document recur in its group. A group is the document's
//! folder ([`group_of`]). Memory grows with the number of distinct lines,
//! not with the text.

use super::check::{Loaded, RunOptions, load};
use super::config::Resolved;
use super::walk::Input;
use guifan::corpus::near::{self, NearDuplicates, NearOptions};
use guifan::corpus::{CorpusIndex, CorpusOptions, RULE_ID, group_of};
use guifan::{Diagnostic, Document, DocumentOptions, Linter, Severity, Span};
use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

/// What pass 1 learnt about the whole run.
pub struct CorpusPass {
    /// Line fingerprints per group (`boilerplate/corpus-repeated`).
    lines: Option<CorpusIndex>,
    /// Later document of a near-duplicate pair → (earlier document, similarity)
    /// (`boilerplate/near-duplicate`).
    near: HashMap<String, (String, f64)>,
}

fn enabled(linter: &Linter, id: &str) -> bool {
    linter.rule(id).is_some_and(|r| r.enabled)
}

/// Whether the corpus pass should run for this linter.
pub fn wanted(linter: &Linter) -> bool {
    enabled(linter, RULE_ID) || enabled(linter, near::RULE_ID)
}

/// Pass 1: fingerprint every readable input. Unreadable inputs are skipped
/// here; pass 2 reports them.
pub fn build_index(
    inputs: &[Input],
    stdin: Option<&[u8]>,
    config: &Resolved,
    opts: &RunOptions,
) -> CorpusPass {
    let want_lines = enabled(&config.linter, RULE_ID);
    let want_near = enabled(&config.linter, near::RULE_ID);
    let mut options = CorpusOptions::from_rule_sets(&config.sets);
    if let Some(over) = config.settings.options.get(RULE_ID) {
        // Already validated when the linter was built.
        options = options.clone().with_params(over).unwrap_or(options);
    }
    let near_options = near_options(config);
    let next = AtomicUsize::new(0);
    let threads = opts.threads.clamp(1, inputs.len().max(1));
    let partial: Vec<(CorpusIndex, NearDuplicates)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                let (next, options, near_options) = (&next, options.clone(), near_options.clone());
                scope.spawn(move || {
                    let mut index = CorpusIndex::new(options);
                    let mut near = NearDuplicates::new(near_options);
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(input) = inputs.get(i) else { break };
                        let Ok(Loaded { source, format, .. }) = load(input, stdin, opts) else {
                            continue;
                        };
                        let doc_opts = DocumentOptions {
                            format,
                            as_of: opts.as_of,
                            today: opts.today,
                        };
                        let doc = Document::new(source, &doc_opts);
                        if want_lines {
                            index.add(&group_of(Path::new(&input.display)), doc.prose());
                        }
                        if want_near {
                            near.add(i as u64, doc.prose());
                        }
                    }
                    (index, near)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("corpus worker"))
            .collect()
    });
    let mut index = CorpusIndex::new(options);
    let mut all_near = NearDuplicates::new(near_options);
    for (lines, near) in partial {
        index.merge(lines);
        all_near.merge(near);
    }
    // The later file of a pair (in path order) is the one reported.
    let mut near_map: HashMap<String, (String, f64)> = HashMap::new();
    for pair in all_near.pairs() {
        let (earlier, later) = (pair.first.min(pair.second), pair.first.max(pair.second));
        let later = inputs[later as usize].display.clone();
        let earlier = inputs[earlier as usize].display.clone();
        let entry = near_map
            .entry(later)
            .or_insert((earlier.clone(), pair.similarity));
        if pair.similarity > entry.1 {
            *entry = (earlier, pair.similarity);
        }
    }
    CorpusPass {
        lines: want_lines.then_some(index),
        near: near_map,
    }
}

fn near_options(config: &Resolved) -> NearOptions {
    let declared = config
        .sets
        .iter()
        .flat_map(|s| &s.rules)
        .filter(|r| r.meta.id == near::RULE_ID)
        .filter_map(|r| r.decl.params.as_ref())
        .next_back()
        .map(|p| p.get_ref().clone())
        .unwrap_or_default();
    let mut params = declared;
    if let Some(over) = config.settings.options.get(near::RULE_ID) {
        params.extend(over.clone());
    }
    // Already validated when the linter was built.
    NearDuplicates::options_with_params(NearOptions::default(), &params).unwrap_or_default()
}

/// Pass 2 for one document: append its corpus-wide findings, at the rules'
/// configured severities, for the rules enabled for this file, except those
/// its inline suppression comments turn off.
pub fn add_diagnostics(
    pass: &CorpusPass,
    linter: &Linter,
    display: &str,
    doc: &Document,
    out: &mut Vec<Diagnostic>,
) {
    let mut found = Vec::new();
    if let (Some(index), Some(entry)) = (&pass.lines, linter.rule(RULE_ID).filter(|r| r.enabled)) {
        found.extend(
            index
                .diagnostics(&group_of(Path::new(display)), doc)
                .into_iter()
                .map(|mut d| {
                    d.severity = entry.severity;
                    d
                }),
        );
    }
    if let (Some((other, similarity)), Some(entry)) = (
        pass.near.get(display),
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
    // Inline suppression comments apply as to any other finding.
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
        message: template
            .replace("{other}", other)
            .replace("{percent}", &percent),
        help: Some(format!("与 {other} 比较，保留一份即可")),
        span: doc.source_map().to_source(prose_span),
        fix: None,
    }
}
