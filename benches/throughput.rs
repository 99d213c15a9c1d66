//! Throughput benchmark: MB/s, findings and peak memory of the
//! library over the CCTV transcript corpus (54 MB, 35,247 items).
//!
//! ```text
//! cargo bench --bench throughput
//! GUIFAN_BENCH_MB=4 GUIFAN_BENCH_RUNS=1 cargo bench --bench throughput   # quick
//! ```
//!
//! For all default rules and for each family's default rules alone, it
//! measures three modes:
//!
//! - `whole`: single thread, the whole file as one document;
//! - `items`: single thread, one document per item (items are separated by
//!   blank lines), which is how archives are checked;
//! - `par`: the items over all threads (rayon).
//!
//! Timed work is `Document::new` (copying the text in, building the prose
//! view) plus `Linter::check`. MB/s is input bytes / wall time, the median
//! and the best of `GUIFAN_BENCH_RUNS` runs (default 3). Peak memory is the
//! process's VmHWM, reset before each measurement through
//! `/proc/self/clear_refs` where the kernel allows it; it includes the input
//! held in memory and the loaded jieba dictionary.
//!
//! `GUIFAN_BENCH_PER_RULE=1` adds a row for each default rule alone.
//!
//! Environment: `GUIFAN_SHARED` (the shared folder; default
//! `$CARGO_MANIFEST_DIR/../shared`; without it the benchmark says so and
//! skips), `GUIFAN_BENCH_MB`
//! (limit the input to about that many MB, cut at an item boundary),
//! `GUIFAN_BENCH_RUNS`, `GUIFAN_BENCH_JSON` (where to write the JSON results;
//! default `<target dir>/bench-throughput.json`).
//!
//! Run without `--bench` (as `cargo test --all-targets` does) it makes a
//! smoke run over 1 MB, once, and writes no JSON.

#[path = "support/mod.rs"]
mod support;
use support::{cut_at_item, env_number, proc_status_kb, reset_peak, split_items, target_dir};

use chrono::NaiveDate;
use guifan::rule::Family;
use guifan::ruleset::builtin_rule_sets;
use guifan::{Document, DocumentOptions, Format, Linter, Settings};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const CORPUS: &str = "corpus/cctv-xwlb-2020-2026.txt";

fn main() {
    let bench_mode = std::env::args().any(|a| a == "--bench");
    let Some(shared) = shared_dir() else {
        println!(
            "throughput: skipped: no shared folder with {CORPUS} \
             (set GUIFAN_SHARED, or put shared/ beside the repository)"
        );
        return;
    };
    let corpus_path = shared.join(CORPUS);
    if !corpus_path.is_file() {
        println!(
            "throughput: skipped: {} does not exist",
            corpus_path.display()
        );
        return;
    }

    let runs = env_number("GUIFAN_BENCH_RUNS")
        .map(|n| n.max(1.0) as usize)
        .unwrap_or(if bench_mode { 3 } else { 1 });
    let limit_mb = env_number("GUIFAN_BENCH_MB").or(if bench_mode { None } else { Some(1.0) });

    // jieba first, timed on its own: the names and terminology rules need it,
    // and a process pays for it once.
    let rss_before = proc_status_kb("VmRSS");
    let t = Instant::now();
    let words = guifan::text::segment::words("预热");
    let jieba_load = t.elapsed();
    assert!(!words.is_empty());
    let jieba_rss_kb = proc_status_kb("VmRSS")
        .zip(rss_before)
        .map(|(a, b)| a.saturating_sub(b));

    let full = std::fs::read_to_string(&corpus_path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", corpus_path.display()));
    let text: String = match limit_mb {
        Some(mb) => {
            let cut = cut_at_item(&full, (mb * 1_000_000.0) as usize).to_owned();
            drop(full);
            cut
        }
        None => full,
    };
    let text = text.as_str();
    let items = split_items(text);
    let bytes = text.len();
    let chars = text.chars().count();

    let sets = builtin_rule_sets().expect("the built-in rule sets parse");
    let threads = rayon::current_num_threads();
    // The default rules, then each family's default rules alone (rules that
    // are off by default are opt-in house styles or corpus audits, and are
    // not what a user runs by default).
    let mut configs: Vec<(String, Settings)> = vec![("default".into(), Settings::default())];
    configs.extend(Family::ALL.iter().map(|f| {
        let others = Family::ALL
            .iter()
            .filter(|o| *o != f)
            .map(|o| o.as_str().to_string())
            .collect();
        (
            f.as_str().to_string(),
            Settings {
                ignore: others,
                ..Settings::default()
            },
        )
    }));

    let today = NaiveDate::from_ymd_opt(2026, 7, 1).expect("a valid date");
    let options = DocumentOptions::new(Format::Plain, today);

    println!(
        "guifan throughput: {} ({:.1} MB, {} chars, {} items), {} run(s), {} thread(s)",
        corpus_path.display(),
        mb(bytes),
        chars,
        items.len(),
        runs,
        threads
    );
    println!(
        "jieba load: {:.0} ms (+{:.0} MB RSS)",
        ms(jieba_load),
        jieba_rss_kb.unwrap_or(0) as f64 / 1024.0
    );
    let hwm_resets = reset_peak();
    if !hwm_resets {
        println!("note: cannot reset VmHWM here; peak memory is cumulative");
    }
    println!(
        "baseline RSS (input + jieba + rule sets): {:.0} MB",
        proc_status_kb("VmRSS").unwrap_or(0) as f64 / 1024.0
    );
    println!();
    println!(
        "{:<13} {:>5} {:>6} {:>9} {:>9} {:>10} {:>9} {:>9}",
        "rules", "count", "mode", "MB/s med", "MB/s best", "time med", "findings", "peak MB"
    );
    println!("{}", "-".repeat(77));

    let mut results = Vec::new();
    for (name, settings) in &configs {
        let t = Instant::now();
        let linter = match Linter::new(&sets, settings) {
            Ok(l) => l,
            Err(e) => panic!("cannot build a linter for `{name}`: {e}"),
        };
        let build = t.elapsed();
        let enabled = linter.rules().iter().filter(|r| r.enabled).count();
        if enabled == 0 {
            println!("{name:<13} {:>5} {:>6} no rules", 0, "-");
            results.push(serde_json::json!({
                "rules": name, "enabled_rules": 0, "mode": null, "status": "no rules",
            }));
            continue;
        }
        let modes: [(&str, &dyn Fn() -> usize); 3] = [
            ("whole", &|| check_one(&linter, text, &options)),
            ("items", &|| {
                items.iter().map(|i| check_one(&linter, i, &options)).sum()
            }),
            ("par", &|| {
                items
                    .par_iter()
                    .map(|i| check_one(&linter, i, &options))
                    .sum()
            }),
        ];
        for (mode, work) in modes {
            reset_peak();
            let mut times = Vec::with_capacity(runs);
            let mut findings = 0;
            for _ in 0..runs {
                let t = Instant::now();
                findings = std::hint::black_box(work());
                times.push(t.elapsed());
            }
            let peak_kb = proc_status_kb("VmHWM");
            times.sort();
            let median = times[times.len() / 2];
            let best = times[0];
            println!(
                "{name:<13} {enabled:>5} {mode:>6} {:>9.1} {:>9.1} {:>8.0}ms {findings:>9} {:>9}",
                rate(bytes, median),
                rate(bytes, best),
                ms(median),
                peak_kb.map_or("?".into(), |k| format!("{:.0}", k as f64 / 1024.0)),
            );
            results.push(serde_json::json!({
                "rules": name,
                "enabled_rules": enabled,
                "mode": mode,
                "threads": if mode == "par" { threads } else { 1 },
                "documents": if mode == "whole" { 1 } else { items.len() },
                "mb_per_s_median": rate(bytes, median),
                "mb_per_s_best": rate(bytes, best),
                "seconds_median": median.as_secs_f64(),
                "seconds_best": best.as_secs_f64(),
                "findings": findings,
                "peak_rss_kb": peak_kb,
                "linter_build_ms": ms(build),
            }));
        }
    }

    // Per rule (GUIFAN_BENCH_PER_RULE=1): each default rule alone, items on
    // one thread, the best of the runs — to find the rule that costs most.
    if std::env::var_os("GUIFAN_BENCH_PER_RULE").is_some() {
        println!("\nper rule (items, single thread, best of {runs}):");
        let all = Linter::new(&sets, &Settings::default()).expect("default linter");
        for rule in all.rules().iter().filter(|r| r.enabled) {
            let settings = Settings {
                select: Some(vec![rule.meta.id.clone()]),
                ..Settings::default()
            };
            let one = Linter::new(&sets, &settings).expect("single-rule linter");
            let mut best = std::time::Duration::MAX;
            let mut findings = 0;
            for _ in 0..runs {
                let t = Instant::now();
                findings = std::hint::black_box(
                    items
                        .iter()
                        .map(|i| check_one(&one, i, &options))
                        .sum::<usize>(),
                );
                best = best.min(t.elapsed());
            }
            println!(
                "  {:<45} {:>9.1} MB/s {findings:>7} findings",
                rule.meta.id,
                rate(bytes, best)
            );
            results.push(serde_json::json!({
                "rules": rule.meta.id, "mode": "items", "threads": 1,
                "mb_per_s_best": rate(bytes, best), "findings": findings,
            }));
        }
    }

    let peak_total = if hwm_resets {
        None
    } else {
        proc_status_kb("VmHWM")
    };
    if let Some(k) = peak_total {
        println!(
            "\npeak memory (VmHWM, whole run): {:.0} MB",
            k as f64 / 1024.0
        );
    }
    println!("(peak MB includes the input text held in memory and jieba)");

    if !bench_mode {
        return;
    }
    let json = serde_json::json!({
        "corpus": corpus_path.display().to_string(),
        "bytes": bytes,
        "chars": chars,
        "items": items.len(),
        "limited_to_mb": limit_mb,
        "runs": runs,
        "threads": threads,
        "jieba_load_ms": ms(jieba_load),
        "jieba_rss_kb": jieba_rss_kb,
        "peak_rss_resets": hwm_resets,
        "results": results,
    });
    let out = json_path();
    if let Some(dir) = out.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    match std::fs::write(
        &out,
        serde_json::to_string_pretty(&json).expect("json") + "\n",
    ) {
        Ok(()) => println!("results written to {}", out.display()),
        Err(e) => eprintln!("cannot write {}: {e}", out.display()),
    }
}

/// Build a document (copying the text in, as reading a file would) and check it.
fn check_one(linter: &Linter, text: &str, options: &DocumentOptions) -> usize {
    let doc = Document::new(text.to_owned(), options);
    linter.check(&doc).len()
}

fn shared_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("GUIFAN_SHARED") {
        return Some(PathBuf::from(dir));
    }
    Some(Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"))
        .filter(|p| p.join(CORPUS).is_file())
}

/// `GUIFAN_BENCH_JSON`, else `bench-throughput.json` in the target dir.
fn json_path() -> PathBuf {
    if let Some(p) = std::env::var_os("GUIFAN_BENCH_JSON") {
        return PathBuf::from(p);
    }
    target_dir().join("bench-throughput.json")
}

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1e6
}

fn rate(bytes: usize, t: Duration) -> f64 {
    mb(bytes) / t.as_secs_f64().max(1e-9)
}

fn ms(t: Duration) -> f64 {
    t.as_secs_f64() * 1e3
}
