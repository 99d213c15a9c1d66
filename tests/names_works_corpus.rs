//! The titles-of-works rules of the names family on real text (read at run
//! time, never copied): `names/document-title-quotes`,
//! `names/non-work-in-title-marks`, `names/title-line-punctuation`,
//! `names/foreign-name-separator`.
//!
//! * the CCTV transcripts (professionally edited): together at most 0.05
//!   findings at warning or above per 10,000 characters — on a deterministic
//!   sample of every 11th item (about 5 MB) and on the whole file;
//! * the 62 web pages and the three seeds: rates printed with samples, and
//!   the seed 001 document titles (its L7, L9, L10) found.
//!
//! The corpus is found at `$GUIFAN_SHARED`, else `../shared` beside the
//! crate. These are corpus tests: ignored by default, run with
//! `cargo test --release -- --ignored`; there the corpus is required.

use chrono::NaiveDate;
use guifan::ruleset::builtin_rule_sets;
use guifan::settings::Settings;
use guifan::{Document, DocumentOptions, Format, Linter};

mod support;
#[path = "support/tally.rs"]
mod tally;
use tally::Tally;

const RULES: [&str; 4] = [
    "names/document-title-quotes",
    "names/non-work-in-title-marks",
    "names/title-line-punctuation",
    "names/foreign-name-separator",
];

fn options() -> DocumentOptions {
    let d = NaiveDate::from_ymd_opt(2024, 6, 1).unwrap();
    DocumentOptions {
        format: Format::Plain,
        as_of: Some(d),
        today: d,
    }
}

fn linter() -> Linter {
    let sets = builtin_rule_sets().unwrap();
    let settings = Settings {
        select: Some(RULES.iter().map(|s| s.to_string()).collect()),
        ..Settings::default()
    };
    let linter = Linter::new(&sets, &settings).unwrap();
    assert_eq!(linter.rules().iter().filter(|r| r.enabled).count(), 4);
    linter
}

/// Findings of every document in `docs`: per-rule counts with samples
/// printed; returns (characters, findings at warning or above).
fn measure<'a>(
    name: &str,
    docs: impl Iterator<Item = &'a str>,
    samples_per_rule: usize,
) -> (usize, usize) {
    let linter = linter();
    let mut tally = Tally::new(name, samples_per_rule);
    for doc_text in docs {
        let found = linter.check(&Document::new(doc_text.to_string(), &options()));
        tally.add(doc_text, &found, "");
    }
    tally.print();
    (tally.chars, tally.serious())
}

fn cctv(keep: impl Fn(usize) -> bool) {
    let shared = support::shared();
    let text = std::fs::read_to_string(shared.join("corpus/cctv-xwlb-2020-2026.txt")).unwrap();
    let items = text
        .split("\n\n")
        .enumerate()
        .filter(|(i, _)| keep(*i))
        .map(|(_, t)| t);
    let (chars, serious) = measure("CCTV", items, 40);
    let rate = serious as f64 * 10_000.0 / chars as f64;
    assert!(
        rate <= 0.05,
        "titles-of-works findings at warning+: {rate:.4} per 10,000 chars"
    );
}

#[test]
#[ignore = "corpus: needs ../shared/corpus (or GUIFAN_SHARED); run with: cargo test --release -- --ignored"]
fn cctv_sample_stays_quiet() {
    cctv(|i| i % 11 == 0);
}

#[test]
#[ignore = "corpus: the whole 54 MB CCTV file, needs ../shared/corpus (or GUIFAN_SHARED); run with: cargo test --release -- --ignored"]
fn cctv_full_stays_quiet() {
    cctv(|_| true);
}

#[test]
#[ignore = "corpus: needs ../shared/corpus (or GUIFAN_SHARED); run with: cargo test --release -- --ignored"]
fn web_pages_and_seeds() {
    let shared = support::shared();
    let all = std::fs::read_to_string(shared.join("corpus/web-pages-text.txt")).unwrap();
    let pages: Vec<&str> = support::web_pages(&all)
        .into_iter()
        .map(|(_, b)| b)
        .collect();
    assert_eq!(pages.len(), 62);
    measure("web pages", pages.into_iter(), 40);

    let mut seeds: Vec<_> = std::fs::read_dir(shared.join("corpus/seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    seeds.sort();
    let texts: Vec<String> = seeds
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    measure("seeds", texts.iter().map(String::as_str), 40);

    // Seed 001 cites its university's notice three times without 《》.
    let seed = texts
        .iter()
        .find(|t| t.contains("正文内容"))
        .expect("seed 001");
    let doc = Document::new(seed.clone(), &options());
    let titles = linter()
        .check(&doc)
        .into_iter()
        .filter(|d| d.rule == "names/document-title-quotes")
        .count();
    assert_eq!(titles, 3, "document titles in seed 001");
}
