//! Findings per family at warning or above, per 10,000 characters, on the
//! edited corpora read the way they were published: every CCTV transcript
//! item as a dated document (`support/cctv.rs`), every People's Daily
//! sentence or paragraph of PD1998 and PD2001 as a document of its month.
//! Edited text: every finding there is a false alarm or one of the rare
//! slips the editors let through, so these rates bound the noise an editor
//! sees, family by family. The bounds sit above today's rates by a margin
//! (a third or so);
//! a change that makes a family noisier on edited text fails here.
//!
//! With `GUIFAN_JUDGE_SAMPLE=N` it also prints, per family, `N` findings at
//! warning or above drawn at random (a fixed seed) from these corpora and
//! the scraped web pages, each in context, for judging true or false by
//! hand: the precision estimates in the accuracy notes come from there.
//!
//! Run: `cargo test --release --test family_rates -- --ignored --nocapture`.

use chrono::NaiveDate;
use guifan::{Diagnostic, Document, DocumentOptions, Format, Linter, Severity, default_linter};
use std::collections::BTreeMap;

#[path = "support/cctv.rs"]
mod cctv;
mod support;
#[path = "support/tally.rs"]
mod tally;

const FAMILIES: [&str; 5] = [
    "punctuation",
    "terminology",
    "dates",
    "names",
    "boilerplate",
];

/// Per-family bounds (warning or above per 10,000 characters) on the CCTV
/// items, PD1998 and PD2001.
const BOUNDS: [(&str, [f64; 5]); 3] = [
    ("CCTV", [0.75, 0.03, 0.04, 0.05, 0.025]),
    ("PD1998", [2.50, 0.25, 0.10, 0.10, 0.10]),
    ("PD2001", [6.00, 0.10, 1.40, 0.10, 0.10]),
];

/// A small deterministic generator (SplitMix64) for the judged samples.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

/// Findings at warning or above per family, and a reservoir sample of them
/// in context.
struct Rates {
    chars: usize,
    per_family: BTreeMap<&'static str, usize>,
    per_rule: BTreeMap<String, usize>,
    seen: BTreeMap<&'static str, usize>,
    samples: BTreeMap<&'static str, Vec<String>>,
}

impl Rates {
    fn new() -> Self {
        Rates {
            chars: 0,
            per_family: BTreeMap::new(),
            per_rule: BTreeMap::new(),
            seen: BTreeMap::new(),
            samples: BTreeMap::new(),
        }
    }

    fn family(d: &Diagnostic) -> Option<&'static str> {
        let f = d.rule.split('/').next()?;
        FAMILIES.into_iter().find(|x| *x == f)
    }

    /// Counts `found` (when `counted`) and offers it to the judged sample.
    fn add(
        &mut self,
        label: &str,
        text: &str,
        found: &[Diagnostic],
        counted: bool,
        rng: &mut Rng,
        keep: usize,
    ) {
        if counted {
            self.chars += text.chars().count();
        }
        for d in found.iter().filter(|d| d.severity >= Severity::Warning) {
            let Some(family) = Self::family(d) else {
                continue;
            };
            if counted {
                *self.per_family.entry(family).or_default() += 1;
                *self.per_rule.entry(d.rule.clone()).or_default() += 1;
            }
            if keep == 0 {
                continue;
            }
            let seen = self.seen.entry(family).or_default();
            *seen += 1;
            let sample = self.samples.entry(family).or_default();
            let line = format!("[{label}] {} {}", d.rule, tally::context(text, d));
            if sample.len() < keep {
                sample.push(line);
            } else {
                let j = (rng.next() % *seen as u64) as usize;
                if j < keep {
                    sample[j] = line;
                }
            }
        }
    }

    fn rate(&self, family: &str) -> f64 {
        let n = self.per_family.get(family).copied().unwrap_or(0);
        n as f64 * 10_000.0 / self.chars.max(1) as f64
    }
}

fn dated(text: &str, date: NaiveDate) -> Document {
    let mut opts = DocumentOptions::new(Format::Plain, date);
    opts.as_of = Some(date);
    Document::new(text.to_string(), &opts)
}

/// One People's Daily file, a document per line, as of the month it is from.
fn peoples_daily(
    linter: &Linter,
    file: &str,
    date: NaiveDate,
    label: &str,
    rng: &mut Rng,
    keep: usize,
    all: &mut Rates,
) -> Rates {
    let text = support::read_shared(&format!("corpus/{file}"));
    let mut rates = Rates::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let found = linter.check(&dated(line, date));
        rates.add(label, line, &found, true, rng, 0);
        all.add(label, line, &found, false, rng, keep);
    }
    rates
}

#[test]
#[ignore = "corpus: needs ../shared/corpus (or GUIFAN_SHARED); run with: cargo test --release -- --ignored"]
fn findings_per_family_on_edited_text() {
    let keep: usize = std::env::var("GUIFAN_JUDGE_SAMPLE")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let mut rng = Rng(15);
    let linter = default_linter().unwrap();
    let mut pool = Rates::new();

    let cctv_text = support::read_shared("corpus/cctv-xwlb-2020-2026.txt");
    let mut cctv_rates = Rates::new();
    for (i, item) in cctv::dated_items(&cctv_text).iter().enumerate() {
        let mut found = linter.check(&dated(item.text, item.earliest));
        if item.latest != item.earliest && !found.is_empty() {
            // Wrong at every date the item may have been broadcast on.
            let later = linter.check(&dated(item.text, item.latest));
            found.retain(|d| later.iter().any(|l| l.rule == d.rule && l.span == d.span));
        }
        cctv_rates.add("CCTV", item.text, &found, true, &mut rng, 0);
        pool.add(
            &format!("CCTV {i}"),
            item.text,
            &found,
            false,
            &mut rng,
            keep,
        );
    }
    let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    let pd1998 = peoples_daily(
        &linter,
        "pd1998-ner-sentences.txt",
        d(1998, 1, 31),
        "PD1998",
        &mut rng,
        keep,
        &mut pool,
    );
    let pd2001 = peoples_daily(
        &linter,
        "pd2001-sighan-pku-test.txt",
        d(2001, 1, 31),
        "PD2001",
        &mut rng,
        keep,
        &mut pool,
    );

    // The scraped pages only feed the judged sample: they are not edited.
    let pages = support::read_shared("corpus/web-pages-text.txt");
    let today = chrono::Local::now().date_naive();
    for (path, body) in support::web_pages(&pages) {
        let doc = Document::new(
            body.to_string(),
            &DocumentOptions::new(Format::Plain, today),
        );
        let found = linter.check(&doc);
        pool.add(path, body, &found, false, &mut rng, keep);
    }

    let mut failures = Vec::new();
    for ((name, bounds), rates) in BOUNDS.iter().zip([&cctv_rates, &pd1998, &pd2001]) {
        println!("{name}: {} characters", rates.chars);
        for (family, bound) in FAMILIES.iter().zip(bounds) {
            let n = rates.per_family.get(family).copied().unwrap_or(0);
            let rate = rates.rate(family);
            println!("  {family}: {n} = {rate:.4} per 10,000 (bound {bound})");
            if rate > *bound {
                failures.push(format!("{name} {family}: {rate:.4} > {bound}"));
            }
        }
        for (rule, n) in &rates.per_rule {
            println!("    {rule}: {n}");
        }
    }
    for (family, sample) in &pool.samples {
        println!(
            "judged sample, {family} ({} of {} findings):",
            sample.len(),
            pool.seen[family]
        );
        for (i, line) in sample.iter().enumerate() {
            println!("  {:2}. {line}", i + 1);
        }
    }
    assert!(failures.is_empty(), "{failures:?}");
}
