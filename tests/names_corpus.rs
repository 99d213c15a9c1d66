//! The names family on clean, professionally edited text (the CCTV
//! transcripts, read at run time, never copied): at most 0.1 findings at
//! warning or above per 10,000 characters — a deterministic 1 MB sample in
//! the normal run, the whole file with `cargo test --release --test
//! names_corpus -- --ignored`. Per-rule rates and samples are printed.
//!
//! The corpus is located via `GUIFAN_SHARED`, `$CARGO_MANIFEST_DIR/../shared`
//! or `/work/shared`; the tests are skipped (with a message) when it is absent.

use chrono::NaiveDate;
use guifan::config::Settings;
use guifan::ruleset::builtin_rule_sets;
use guifan::{Diagnostic, Document, DocumentOptions, Format, Linter, Severity};
use std::collections::BTreeMap;
use std::time::Instant;

mod support;
use support::shared_dir;

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

fn cctv(keep: impl Fn(usize) -> bool) {
    let Some(shared) = shared_dir() else {
        eprintln!("corpus not found: skipped");
        return;
    };
    let Ok(text) = std::fs::read_to_string(shared.join("corpus/cctv-xwlb-2020-2026.txt")) else {
        eprintln!("cctv-xwlb-2020-2026.txt not found: skipped");
        return;
    };
    let linter = names_linter();
    let options = DocumentOptions::new(Format::Plain, NaiveDate::from_ymd_opt(2026, 7, 1).unwrap());
    let (mut chars, mut bytes, mut items) = (0usize, 0usize, 0usize);
    let mut counts: BTreeMap<(String, Severity), usize> = BTreeMap::new();
    let mut samples: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let t = Instant::now();
    for (i, item) in text.split("\n\n").enumerate() {
        if !keep(i) {
            continue;
        }
        items += 1;
        chars += item.chars().count();
        bytes += item.len();
        let doc = Document::new(item.to_string(), &options);
        for d in linter.check(&doc) {
            *counts.entry((d.rule.clone(), d.severity)).or_default() += 1;
            let s = samples.entry(d.rule.clone()).or_default();
            if s.len() < 15 {
                s.push(context(item, &d));
            }
        }
    }
    let secs = t.elapsed().as_secs_f64();
    let per10k = |n: usize| n as f64 * 10_000.0 / chars as f64;
    println!(
        "CCTV: {items} items, {chars} characters, {:.1} MB/s",
        bytes as f64 / 1e6 / secs
    );
    let mut serious = 0;
    for ((rule, sev), n) in &counts {
        println!("  {rule} ({sev}): {n} = {:.4} per 10,000 chars", per10k(*n));
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
    println!("warning or above: {serious} = {rate:.4} per 10,000 chars");
    assert!(
        rate <= 0.1,
        "names findings at warning+: {rate:.4} per 10,000 chars"
    );
}

#[test]
fn cctv_sample_stays_quiet() {
    // Every 37th item: about 1.5 MB spread over all six years.
    cctv(|i| i % 37 == 0);
}

#[test]
#[ignore = "whole 54 MB file: run with --release -- --ignored"]
fn cctv_full_stays_quiet() {
    cctv(|_| true);
}
