//! The corpus-wide pass of `guifan check`: the threads and files around the
//! library's two-stage pass ([`guifan::corpus::pass`]).
//!
//! A site's footer or slogan line can read like prose on any one page; only
//! across the site does it show as boilerplate. When `boilerplate/corpus-repeated`
//! or `boilerplate/near-duplicate` is selected (both are off by default: they
//! read every input twice), `check` first runs stage 1 over all inputs —
//! each document is fingerprinted into a collector and dropped, on every
//! thread, and the collectors are merged — and then, in the normal per-file
//! pass, asks the merged result for each document's corpus-wide findings. A
//! group is the document's folder ([`group_of`]). Memory grows with the
//! number of distinct lines, not with the text.

use super::config::Resolved;
use super::load::{Loaded, load};
use super::options::RunOptions;
use super::walk::Input;
use guifan::corpus::group_of;
use guifan::corpus::pass::{Collector, CorpusPlan, Findings};
use guifan::{Document, DocumentOptions};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Stage 1 over every readable input (unreadable ones are skipped here; the
/// per-file pass reports them), or `None` when no corpus rule is enabled.
pub fn run(
    inputs: &[Input],
    stdin: Option<&[u8]>,
    config: &Resolved,
    opts: &RunOptions,
) -> Option<Findings> {
    let plan = CorpusPlan::new(&config.linter, &config.sets, &config.settings)?;
    let next = AtomicUsize::new(0);
    let threads = opts.threads.clamp(1, inputs.len().max(1));
    let partial: Vec<Collector> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                let (next, plan) = (&next, &plan);
                scope.spawn(move || {
                    let mut collector = plan.collector();
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
                        collector.add(i as u64, &group_of(Path::new(&input.display)), &doc);
                    }
                    collector
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("corpus worker"))
            .collect()
    });
    let mut all = plan.collector();
    for collector in partial {
        all.merge(collector);
    }
    // Inputs are in path order: the later path of a near-duplicate pair is reported.
    Some(all.finish(|i| inputs[i as usize].display.clone()))
}
