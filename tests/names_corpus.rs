//! The whole names family on clean, professionally edited text: the CCTV
//! 新闻联播 transcripts 2020–2026, each item checked at its broadcast date
//! (bounded from the days items name, see `support/cctv.rs`), so that leaders' titles are judged
//! against the registry at the right time. The bound: findings at
//! warning or above ≤ 0.1 per 10,000 characters.
//!
//! The sample (every 11th item, about 5 MB) runs with the suite; the whole
//! file is `--ignored` (release mode: `cargo test --release --test
//! names_corpus -- --ignored --nocapture`).

use guifan::config::Settings;
use guifan::ruleset::builtin_rule_sets;
use guifan::{Diagnostic, Document, DocumentOptions, Format, Linter, Severity};
use std::collections::BTreeMap;

mod support;
use support::shared_dir;
#[path = "support/cctv.rs"]
mod cctv;

fn names_linter() -> Linter {
    let sets = builtin_rule_sets().unwrap();
    let settings = Settings {
        select: Some(vec!["names".to_string()]),
        ..Settings::default()
    };
    Linter::new(&sets, &settings).unwrap()
}

fn context(text: &str, d: &Diagnostic) -> String {
    let mut s = d.span.start.saturating_sub(36);
    while !text.is_char_boundary(s) {
        s += 1;
    }
    let mut e = (d.span.end + 36).min(text.len());
    while !text.is_char_boundary(e) {
        e -= 1;
    }
    format!(
        "{}【{}】{}",
        &text[s..d.span.start],
        &text[d.span.range()],
        &text[d.span.end..e]
    )
    .replace('\n', "⏎")
}

fn run(keep: impl Fn(usize) -> bool) {
    let Some(shared) = shared_dir() else {
        eprintln!("corpus not found: skipped");
        return;
    };
    let text = std::fs::read_to_string(shared.join("corpus/cctv-xwlb-2020-2026.txt")).unwrap();
    let linter = names_linter();
    let (mut chars, mut items) = (0usize, 0usize);
    let mut counts: BTreeMap<(String, Severity), usize> = BTreeMap::new();
    let mut samples: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (i, item) in cctv::dated_items(&text).into_iter().enumerate() {
        if !keep(i) {
            continue;
        }
        items += 1;
        chars += item.text.chars().count();
        let check = |date| {
            let opts = DocumentOptions {
                format: Format::Plain,
                as_of: Some(date),
                today: date,
            };
            linter.check(&Document::new(item.text.to_string(), &opts))
        };
        let mut found = check(item.earliest);
        if item.latest != item.earliest && !found.is_empty() {
            // Wrong at every date the item may have been broadcast on.
            let later = check(item.latest);
            found.retain(|d| later.iter().any(|l| l.rule == d.rule && l.span == d.span));
        }
        for d in found {
            *counts.entry((d.rule.clone(), d.severity)).or_default() += 1;
            let s = samples.entry(d.rule.clone()).or_default();
            if s.len() < 15 {
                s.push(format!("{} {}", item.earliest, context(item.text, &d)));
            }
        }
    }
    let per10k = |n: usize| n as f64 * 10_000.0 / chars as f64;
    println!("CCTV: {items} items, {chars} characters");
    let mut serious = 0;
    for ((rule, sev), n) in &counts {
        println!("  {rule} ({sev}): {n} = {:.4} per 10,000", per10k(*n));
        if *sev >= Severity::Warning {
            serious += n;
        }
    }
    for (rule, s) in &samples {
        println!("samples of {rule}:");
        for x in s {
            println!("    {x}");
        }
    }
    let rate = per10k(serious);
    println!("names at warning or above: {serious} = {rate:.4} per 10,000 characters");
    assert!(
        rate <= 0.1,
        "names findings at warning+: {rate:.4} per 10,000"
    );
}

#[test]
fn cctv_sample_stays_quiet() {
    run(|i| i % 11 == 0);
}

#[test]
#[ignore = "whole 54 MB file: run with --release --ignored"]
fn cctv_full_stays_quiet() {
    run(|_| true);
}
