//! Person detection against the People's Daily 1998 NER annotations
//! (`corpus/pd1998-ner-spans.tsv`, read at run time, never copied): the PER
//! spans of [`guifan::names::detect`] (with the names the default linter
//! knows: the people registry and historical figures) must be right at least 90 % of the time
//! (exact span match), and recall must not fall below what it reached when
//! this test was written.
//!
//! `GUIFAN_NAMES_DUMP=1` prints the false positives and the misses.

use guifan::default_linter;
use guifan::names::detect;
use std::collections::HashSet;

mod support;

/// Floors. Measured last: exact precision 0.948 (959/1012), recall 0.349
/// (959/2748); overlap precision 0.972, recall 0.358.
const MIN_PRECISION: f64 = 0.90;
const MIN_RECALL: f64 = 0.34;

#[test]
#[ignore = "corpus: needs ../shared/corpus (or GUIFAN_SHARED); run with: cargo test --release -- --ignored"]
fn pd1998_person_spans() {
    let tsv = support::read_shared("corpus/pd1998-ner-spans.tsv");
    let dump = std::env::var_os("GUIFAN_NAMES_DUMP").is_some();
    // What the linter detects with: the registry and historical figures known.
    let linter = default_linter().unwrap();
    let known = linter.known_names();
    let (mut tp, mut fp, mut gold_n, mut lenient_tp, mut lenient_found) = (0, 0, 0, 0, 0);
    for line in tsv.lines().skip(1) {
        let mut cols = line.split('\t');
        let (Some(_), Some(sentence)) = (cols.next(), cols.next()) else {
            continue;
        };
        let gold: HashSet<(usize, usize)> = cols
            .next()
            .unwrap_or("")
            .split("; ")
            .filter_map(|e| {
                let mut p = e.splitn(4, ':');
                (p.next()? == "PER").then_some(())?;
                Some((p.next()?.parse().ok()?, p.next()?.parse().ok()?))
            })
            .collect();
        gold_n += gold.len();
        // Byte offset → char offset.
        let char_of = |b: usize| sentence[..b].chars().count();
        let mentions = detect(sentence, known);
        let found: Vec<(usize, usize)> = mentions
            .iter()
            .map(|m| (char_of(m.name.start), char_of(m.name.end)))
            .collect();
        let overlaps = |a: &(usize, usize), b: &(usize, usize)| a.0 < b.1 && b.0 < a.1;
        for (f, m) in found.iter().zip(&mentions) {
            if gold.contains(f) {
                tp += 1;
            } else {
                fp += 1;
                if dump {
                    let s: String = sentence.chars().take(f.1).skip(f.0).collect();
                    println!("FP  {s}\t{:?}\t{sentence}", m.evidence);
                }
            }
            if gold.iter().any(|g| overlaps(f, g)) {
                lenient_found += 1;
            }
        }
        for g in &gold {
            if found.iter().any(|f| overlaps(f, g)) {
                lenient_tp += 1;
            } else if dump {
                let s: String = sentence.chars().take(g.1).skip(g.0).collect();
                println!("MISS {s}\t{sentence}");
            }
        }
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / gold_n.max(1) as f64;
    let lenient_p = lenient_found as f64 / (tp + fp).max(1) as f64;
    let lenient_r = lenient_tp as f64 / gold_n.max(1) as f64;
    println!(
        "PER exact: precision {precision:.3} ({tp}/{}), recall {recall:.3} ({tp}/{gold_n})",
        tp + fp
    );
    println!("PER overlap: precision {lenient_p:.3}, recall {lenient_r:.3}");
    assert!(precision >= MIN_PRECISION, "precision {precision:.3}");
    assert!(recall >= MIN_RECALL, "recall {recall:.3}");
}
