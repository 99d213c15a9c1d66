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

use super::check::{RunOptions, load};
use super::config::Resolved;
use super::walk::Input;
use guifan::corpus::{CorpusIndex, CorpusOptions, RULE_ID, group_of};
use guifan::{Diagnostic, Document, DocumentOptions, Linter};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Whether the corpus pass should run for this linter.
pub fn wanted(linter: &Linter) -> bool {
    linter.rule(RULE_ID).is_some_and(|r| r.enabled)
}

/// Pass 1: fingerprint every readable input. Unreadable inputs are skipped
/// here; pass 2 reports them.
pub fn build_index(
    inputs: &[Input],
    stdin: Option<&[u8]>,
    config: &Resolved,
    opts: &RunOptions,
) -> CorpusIndex {
    let mut options = CorpusOptions::from_rule_sets(&config.sets);
    if let Some(over) = config.settings.options.get(RULE_ID) {
        // Already validated when the linter was built.
        options = options.clone().with_params(over).unwrap_or(options);
    }
    let next = AtomicUsize::new(0);
    let threads = opts.threads.clamp(1, inputs.len().max(1));
    let partial: Vec<CorpusIndex> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                let (next, options) = (&next, options.clone());
                scope.spawn(move || {
                    let mut index = CorpusIndex::new(options);
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(input) = inputs.get(i) else { break };
                        let Ok((source, format)) = load(input, stdin, opts) else {
                            continue;
                        };
                        let doc_opts = DocumentOptions {
                            format,
                            as_of: opts.as_of,
                            today: opts.today,
                        };
                        let doc = Document::new(source, &doc_opts);
                        index.add(&group_of(Path::new(&input.display)), doc.prose());
                    }
                    index
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("corpus worker"))
            .collect()
    });
    let mut index = CorpusIndex::new(options);
    for p in partial {
        index.merge(p);
    }
    index
}

/// Pass 2 for one document: append its corpus-wide findings, at the rule's
/// configured severity, if the rule is enabled for this file.
pub fn add_diagnostics(
    index: &CorpusIndex,
    linter: &Linter,
    display: &str,
    doc: &Document,
    out: &mut Vec<Diagnostic>,
) {
    let Some(entry) = linter.rule(RULE_ID).filter(|r| r.enabled) else {
        return;
    };
    let before = out.len();
    out.extend(
        index
            .diagnostics(&group_of(Path::new(display)), doc)
            .into_iter()
            .map(|mut d| {
                d.severity = entry.severity;
                d
            }),
    );
    if out.len() > before {
        out.sort_by(|a, b| {
            (a.span.start, a.span.end, &a.rule).cmp(&(b.span.start, b.span.end, &b.rule))
        });
    }
}
