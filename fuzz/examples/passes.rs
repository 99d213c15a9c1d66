//! Triage a pipeline input: show what each fix pass reports and changes.
//!
//!   cargo run --release --example passes -- fuzz/regressions/pipeline/FILE
//!
//! The file is a pipeline input (first byte: format, modulo 3).

use guifan::{Applicability, Document};

fn main() {
    let path = std::env::args().nth(1).expect("usage: passes FILE");
    let data = std::fs::read(&path).expect("read input");
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let format = guifan_fuzz::format_of(selector);
    let opts = guifan_fuzz::options(format);
    let linter = guifan_fuzz::default_linter();
    let mut text = guifan_fuzz::text_from(rest);
    println!("format: {format:?}\ninput: {text:?}");
    for pass in 1..=guifan::engine::MAX_FIX_PASSES {
        let doc = Document::new(text.clone(), &opts);
        let found = linter.check(&doc);
        println!("pass {pass}:");
        for d in &found {
            let fix = d.fix.as_ref().map(|f| {
                let edits: Vec<String> = f
                    .edits
                    .iter()
                    .map(|e| {
                        format!(
                            "{:?} {:?} → {:?}",
                            e.span,
                            &text[e.span.range()],
                            e.replacement
                        )
                    })
                    .collect();
                format!("{} [{}]", f.applicability.as_str(), edits.join(", "))
            });
            println!(
                "  {} {:?} {:?} fix: {}",
                d.rule,
                d.span,
                &text[d.span.range()],
                fix.unwrap_or_else(|| "-".into())
            );
        }
        let fixes = found
            .iter()
            .filter_map(|d| d.fix.as_ref())
            .filter(|f| f.applicability >= Applicability::Safe);
        let applied = guifan::fix::apply_fixes(&text, fixes, Applicability::Safe);
        if applied.applied == 0 || applied.text == text {
            break;
        }
        text = applied.text;
        println!("  → {text:?}");
    }
    let out = linter.fix(&guifan_fuzz::text_from(rest), &opts, Applicability::Safe);
    println!(
        "Linter::fix: {:?} ({} passes, {} fixes, converged: {})",
        out.text, out.passes, out.applied, out.converged
    );
}
