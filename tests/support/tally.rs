//! Findings on a corpus, tallied per rule and severity with samples in
//! context, printed and turned into a rate per 10,000 characters — the
//! figure every corpus test bounds.
//!
//! Include with `#[path = "support/tally.rs"] mod tally;`.

#![allow(dead_code)]

use guifan::{Diagnostic, Severity};
use std::collections::BTreeMap;

/// `text` around a finding, the finding itself in 【】, line breaks as ⏎.
pub fn context(text: &str, d: &Diagnostic) -> String {
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

pub struct Tally {
    name: String,
    samples_per_rule: usize,
    pub documents: usize,
    pub chars: usize,
    counts: BTreeMap<(String, Severity), usize>,
    samples: BTreeMap<String, Vec<String>>,
}

impl Tally {
    pub fn new(name: &str, samples_per_rule: usize) -> Self {
        Tally {
            name: name.to_string(),
            samples_per_rule,
            documents: 0,
            chars: 0,
            counts: BTreeMap::new(),
            samples: BTreeMap::new(),
        }
    }

    /// One document and its findings; `label` prefixes its samples.
    pub fn add(&mut self, text: &str, found: &[Diagnostic], label: &str) {
        self.documents += 1;
        self.chars += text.chars().count();
        for d in found {
            *self.counts.entry((d.rule.clone(), d.severity)).or_default() += 1;
            let s = self.samples.entry(d.rule.clone()).or_default();
            if s.len() < self.samples_per_rule {
                s.push(format!("{label}{}", context(text, d)));
            }
        }
    }

    /// Findings at warning or above.
    pub fn serious(&self) -> usize {
        self.counts
            .iter()
            .filter(|((_, sev), _)| *sev >= Severity::Warning)
            .map(|(_, n)| n)
            .sum()
    }

    pub fn per10k(&self, n: usize) -> f64 {
        n as f64 * 10_000.0 / self.chars.max(1) as f64
    }

    /// Findings at warning or above per 10,000 characters.
    pub fn serious_rate(&self) -> f64 {
        self.per10k(self.serious())
    }

    /// Per-rule rates, samples and the warning-or-above rate, on stdout.
    pub fn print(&self) {
        println!(
            "{}: {} documents, {} characters",
            self.name, self.documents, self.chars
        );
        for ((rule, sev), n) in &self.counts {
            println!("  {rule} ({sev}): {n} = {:.4} per 10,000", self.per10k(*n));
        }
        for (rule, s) in &self.samples {
            println!("samples of {rule}:");
            for x in s {
                println!("    {x}");
            }
        }
        println!(
            "{}: warning or above: {} = {:.4} per 10,000 characters",
            self.name,
            self.serious(),
            self.serious_rate()
        );
    }
}
