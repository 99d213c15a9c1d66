//! The corpus-wide boilerplate pass at archive scale (issue: "it must handle
//! 1,000,000 documents on one of our 2-core machines").
//!
//! ```text
//! cargo bench --bench corpus                       # 1,000 sites × 1,000 documents
//! GUIFAN_BENCH_DOCS=100000 cargo bench --bench corpus
//! ```
//!
//! Generates a synthetic corpus (every site's pages share a header, a
//! canonical formulation and two footer lines around text of their own),
//! runs pass 1 (fingerprints) and pass 2 (findings) of
//! `guifan::corpus::CorpusIndex` over it, streaming — no document is kept —
//! and prints wall time, fingerprints and peak RSS. It checks that exactly
//! the three template lines of each document are found. Run without
//! `--bench` (as `cargo test --all-targets` does) it makes a small run.

#[path = "../tests/support/synthetic.rs"]
mod synthetic;

use guifan::corpus::{CorpusIndex, CorpusOptions};
use std::time::Instant;
use synthetic::Synthetic;

fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn main() {
    let bench = std::env::args().any(|a| a == "--bench");
    let docs: u64 = std::env::var("GUIFAN_BENCH_DOCS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if bench { 1_000_000 } else { 4_000 });
    let per_group: u64 = 1000.min(docs.max(1));
    let groups = docs.div_ceil(per_group);
    let sets = guifan::ruleset::builtin_rule_sets().expect("built-in rule sets");
    let mut index = CorpusIndex::new(CorpusOptions::from_rule_sets(&sets));
    let mut generator = Synthetic::new();
    let mut text = String::new();
    let started = Instant::now();
    let mut bytes = 0usize;
    for g in 0..groups {
        for d in 0..per_group {
            generator.document(g as u32, d as u32, &mut text);
            bytes += text.len();
            index.add(&g.to_string(), &text);
        }
    }
    let pass1 = started.elapsed();
    let (mut hits, mut wrong) = (0u64, 0u64);
    for g in 0..groups {
        for d in 0..per_group {
            generator.document(g as u32, d as u32, &mut text);
            for hit in index.findings(&g.to_string(), &text) {
                hits += 1;
                let line = &text[hit.span.range()];
                if !(line.contains("首页")
                    || line.contains("主办单位")
                    || line.contains("版权所有"))
                {
                    wrong += 1;
                }
            }
        }
    }
    let total = started.elapsed();
    let n = groups * per_group;
    println!(
        "corpus pass: {n} documents in {groups} groups, {:.0} MB of text: pass 1 {:.1} s, both passes {:.1} s ({:.0} MB/s), {} fingerprints, peak RSS {} MB",
        bytes as f64 / 1e6,
        pass1.as_secs_f64(),
        total.as_secs_f64(),
        2.0 * bytes as f64 / 1e6 / total.as_secs_f64(),
        index.fingerprints(),
        peak_rss_mb().map_or("n/a".into(), |m| format!("{m:.0}"))
    );
    assert_eq!(wrong, 0, "non-template lines reported");
    assert_eq!(hits, 3 * n, "every document's three template lines");
}
