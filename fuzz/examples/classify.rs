//! Group pipeline inputs by which rules' safe fixes ran in the first pass
//! and in later passes (the later ones are where cascades come from).
//!
//!   cargo run --release --example classify -- FILE...
//!
//! Prints one line per file, `first-pass rules | later-pass rules | file`.

use guifan::{Applicability, Document};
use std::collections::BTreeSet;

fn main() {
    let linter = guifan_fuzz::default_linter();
    for path in std::env::args().skip(1) {
        let data = std::fs::read(&path).expect("read input");
        let Some((&selector, rest)) = data.split_first() else {
            continue;
        };
        let opts = guifan_fuzz::options(guifan_fuzz::format_of(selector));
        let mut text = guifan_fuzz::text_from(rest);
        let mut first = BTreeSet::new();
        let mut later = BTreeSet::new();
        for pass in 1..=guifan::engine::MAX_FIX_PASSES {
            let found = linter.check(&Document::new(text.clone(), &opts));
            let safe: Vec<_> = found
                .iter()
                .filter(|d| {
                    d.fix
                        .as_ref()
                        .is_some_and(|f| f.applicability >= Applicability::Safe)
                })
                .collect();
            let applied = guifan::fix::apply_fixes(
                &text,
                safe.iter().filter_map(|d| d.fix.as_ref()),
                Applicability::Safe,
            );
            if applied.applied == 0 || applied.text == text {
                break;
            }
            let set = if pass == 1 { &mut first } else { &mut later };
            set.extend(safe.iter().map(|d| d.rule.clone()));
            text = applied.text;
        }
        let join = |s: &BTreeSet<String>| s.iter().cloned().collect::<Vec<_>>().join(",");
        println!("{} | {} | {path}", join(&first), join(&later));
    }
}
