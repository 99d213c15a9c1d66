//! The dates family and document-date detection on real text (read at run
//! time, never copied):
//!
//! * the CCTV transcripts (professionally edited): at most 0.1 findings at
//!   warning or above per 10,000 characters — on a deterministic 5 MB sample
//!   and on the whole file;
//! * the seeds: every one gets its date from its metadata;
//! * the 62 web pages: at least 95 % of the pages that show a date get it;
//! * throughput of the family alone (`--ignored`, run it with `--release`).
//!
//! The corpus is found at `$GUIFAN_SHARED`, else `../shared` beside the
//! crate. These are corpus tests: ignored by default, run with
//! `cargo test --release -- --ignored`; there the corpus is required.

use chrono::NaiveDate;
use guifan::document::DateSource;
use guifan::ruleset::builtin_rule_sets;
use guifan::settings::Settings;
use guifan::{Document, DocumentOptions, Format, Linter, Severity};
use std::collections::BTreeMap;
use std::path::PathBuf;

mod support;
#[path = "support/tally.rs"]
mod tally;
use tally::{Tally, context};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 7, 1).unwrap()
}

/// Options with no `--as-of`: the date must come from the document.
fn options(format: Format) -> DocumentOptions {
    DocumentOptions::new(format, today())
}

fn dates_linter() -> Linter {
    let sets = builtin_rule_sets().unwrap();
    let settings = Settings {
        select: Some(vec!["dates".to_string()]),
        ..Settings::default()
    };
    let linter = Linter::new(&sets, &settings).unwrap();
    let n = linter.rules().iter().filter(|r| r.enabled).count();
    assert!(n >= 12, "dates rules enabled: {n}");
    linter
}

/// The linter of the corpus tests below has the family's rules (this needs
/// no corpus and always runs).
#[test]
fn the_dates_family_linter_has_its_rules() {
    dates_linter();
}

/// Lint the CCTV items (one document each, blank-line separated) whose
/// index satisfies `keep`; print per-rule rates and samples; check the bound.
fn cctv(keep: impl Fn(usize) -> bool) {
    let shared = support::shared();
    let text = std::fs::read_to_string(shared.join("corpus/cctv-xwlb-2020-2026.txt")).unwrap();
    let linter = dates_linter();
    let mut tally = Tally::new("CCTV dates", 12);
    for (i, item) in text.split("\n\n").enumerate() {
        if !keep(i) {
            continue;
        }
        let found = linter.check(&Document::new(item.to_string(), &options(Format::Plain)));
        tally.add(item, &found, "");
    }
    tally.print();
    let rate = tally.serious_rate();
    assert!(
        rate <= 0.1,
        "dates findings at warning+: {rate:.4} per 10,000 chars"
    );
}

#[test]
#[ignore = "corpus: needs ../shared/corpus (or GUIFAN_SHARED); run with: cargo test --release -- --ignored"]
fn cctv_sample_stays_quiet() {
    // Every 11th item: about 5 MB spread over all six years.
    cctv(|i| i % 11 == 0);
}

#[test]
#[ignore = "corpus: the whole 54 MB CCTV file, needs ../shared/corpus (or GUIFAN_SHARED); run with: cargo test --release -- --ignored"]
fn cctv_full_stays_quiet() {
    cctv(|_| true);
}

#[test]
#[ignore = "corpus: needs ../shared/corpus (or GUIFAN_SHARED); run with: cargo test --release -- --ignored"]
fn seeds_get_their_metadata_date() {
    let shared = support::shared();
    let mut seeds: Vec<PathBuf> = std::fs::read_dir(shared.join("corpus/seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    seeds.sort();
    assert_eq!(seeds.len(), 3);
    let linter = dates_linter();
    for path in &seeds {
        let text = std::fs::read_to_string(path).unwrap();
        let doc = Document::new(text.clone(), &options(Format::Plain));
        let date = doc.date();
        println!(
            "{}: {} ({})",
            path.file_name().unwrap().to_string_lossy(),
            date.date,
            date.source.as_str()
        );
        assert_eq!(date.source, DateSource::Metadata, "{}", path.display());
        let span = date.span.expect("metadata span");
        assert!(doc.prose()[span.range()].contains(&date.date.format("%Y").to_string()));
        for d in linter.check(&doc) {
            println!("  {} {}: {}", d.rule, d.severity, context(&text, &d));
        }
    }
}

use support::shown_dates;

#[test]
#[ignore = "corpus: needs ../shared/corpus (or GUIFAN_SHARED); run with: cargo test --release -- --ignored"]
fn web_pages_get_the_date_they_show() {
    let shared = support::shared();
    let all = std::fs::read_to_string(shared.join("corpus/web-pages-text.txt")).unwrap();
    let sections = support::web_pages(&all);
    assert_eq!(sections.len(), 62);
    let (mut showing, mut detected, mut right) = (0, 0, 0);
    for (name, body) in &sections {
        let shown = shown_dates(body);
        let doc = Document::new(body.to_string(), &options(Format::Plain));
        let d = doc.date();
        let found = d.source == DateSource::Metadata;
        // The same page as HTML: meta tags may carry the date too.
        let html_name = name.trim_start_matches("tests/").replacen('/', "-", 1);
        let html_path = shared.join("corpus/web-pages-html").join(&html_name);
        let html_date = std::fs::read(&html_path).ok().map(|bytes| {
            let src = String::from_utf8_lossy(&bytes).into_owned();
            let doc = Document::new(src, &options(Format::Html));
            (doc.date().source == DateSource::Metadata).then_some(doc.date().date)
        });
        println!(
            "{name}: shows {:?}; detected {}; as HTML {:?}",
            shown.first(),
            if found {
                d.date.to_string()
            } else {
                "-".into()
            },
            html_date.flatten()
        );
        if shown.is_empty() {
            continue;
        }
        showing += 1;
        if found {
            detected += 1;
            if shown.contains(&d.date) {
                right += 1;
            }
        }
    }
    let rate = detected as f64 / showing as f64;
    println!(
        "web pages showing a date: {showing}; date detected: {detected} ({:.1} %); one the page shows: {right}",
        rate * 100.0
    );
    assert!(rate >= 0.95, "detection rate {rate:.3}");
    assert_eq!(right, detected, "every detected date is one the page shows");
}

#[test]
#[ignore = "corpus: needs ../shared/corpus (or GUIFAN_SHARED); run with: cargo test --release -- --ignored"]
fn cctv_items_get_no_spurious_dates() {
    let shared = support::shared();
    let text = std::fs::read_to_string(shared.join("corpus/cctv-xwlb-2020-2026.txt")).unwrap();
    let (mut items, mut dated) = (0, 0);
    for (i, item) in text.split("\n\n").enumerate() {
        if i % 11 != 0 {
            continue;
        }
        items += 1;
        let doc = Document::new(item.to_string(), &options(Format::Plain));
        if doc.date().source == DateSource::Metadata {
            dated += 1;
            let d = doc.date().date;
            let span = doc.date().span.unwrap();
            println!("item {i}: {d} from {:?}", &item[span.range()]);
            assert!(
                (2019..=2026).contains(&chrono::Datelike::year(&d)),
                "implausible date {d} for a 2020–2026 item"
            );
        }
    }
    println!("CCTV items (sample): {items}, with a detected date: {dated}");
}

/// People's Daily text (1998, 2000–2001): print what the family reports, for
/// review. The 2001 file writes years with ○ (U+25CB): those are real
/// findings of `dates/chinese-year-zero`. Nothing else may pass warning
/// level more than 0.5 times per 10,000 characters.
#[test]
#[ignore = "corpus: needs ../shared/corpus (or GUIFAN_SHARED); run with: cargo test --release -- --ignored"]
fn peoples_daily_review() {
    let shared = support::shared();
    let linter = dates_linter();
    for file in ["pd1998-ner-sentences.txt", "pd2001-sighan-pku-test.txt"] {
        let text = std::fs::read_to_string(shared.join("corpus").join(file)).unwrap();
        let chars = text.chars().count();
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        let mut others = 0;
        for line in text.lines() {
            let doc = Document::new(line.to_string(), &options(Format::Plain));
            for d in linter.check(&doc) {
                let n = counts.entry(d.rule.clone()).or_default();
                *n += 1;
                if *n <= 6 {
                    println!("{file}: {} {}", d.rule, context(line, &d));
                }
                if d.severity >= Severity::Warning && d.rule != "dates/chinese-year-zero" {
                    others += 1;
                }
            }
        }
        println!("{file}: {chars} chars, {counts:?}");
        let rate = others as f64 * 10_000.0 / chars as f64;
        assert!(rate <= 0.5, "{file}: {rate:.3} per 10,000 chars");
    }
}

/// The visible text of the 62 web pages (chrome kept): print what the family
/// reports, for review.
#[test]
#[ignore = "corpus: needs ../shared/corpus (or GUIFAN_SHARED); run with: cargo test --release -- --ignored"]
fn web_pages_review() {
    let shared = support::shared();
    let all = std::fs::read_to_string(shared.join("corpus/web-pages-text.txt")).unwrap();
    let linter = dates_linter();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for (name, body) in support::web_pages(&all) {
        let doc = Document::new(body.to_string(), &options(Format::Plain));
        for d in linter.check(&doc) {
            let n = counts.entry(d.rule.clone()).or_default();
            *n += 1;
            if *n <= 8 {
                println!("{name}: {} {}", d.rule, context(body, &d));
            }
        }
    }
    println!("web pages: {counts:?}");
}
