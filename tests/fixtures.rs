//! Snapshot tests over fixture documents, for every rule family.
//!
//! Every file in `fixtures/<family>/` (`.txt`, `.md`, `.html`) is checked by
//! the built-in linter with `select = [<family>]` (opt-in rules of the family
//! included) at document date 2024-06-01 unless the document's metadata
//! carries a date, and rendered compactly:
//!
//! ```text
//! line:col rule severity message
//!     → safe|unsafe: `old` → `new`; …
//! ```
//!
//! followed by the text after `Linter::fix` with safe fixes. The rendering is
//! compared with `tests/snapshots/fixtures__<family>__<file>.snap` (insta).
//! Fixtures are written by us (never copied from a corpus).

use guifan::ruleset::builtin_rule_sets;
use guifan::settings::Settings;
use guifan::{Applicability, Document, DocumentOptions, Format, Linter};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn options(format: Format) -> DocumentOptions {
    let d = chrono::NaiveDate::from_ymd_opt(2024, 6, 1).unwrap();
    DocumentOptions {
        format,
        as_of: Some(d),
        today: d,
    }
}

/// The compact rendering of one fixture.
fn render(linter: &Linter, path: &Path) -> String {
    let source = std::fs::read_to_string(path).unwrap();
    let opts = options(Format::from_path(path));
    let doc = Document::new(source.clone(), &opts);
    let diags = linter.check(&doc);
    let mut out = String::new();
    for d in &diags {
        let lc = doc.line_col(d.span.start);
        writeln!(
            out,
            "{}:{} {} {} {}",
            lc.line,
            lc.column,
            d.rule,
            d.severity.as_str(),
            d.message
        )
        .unwrap();
        if let Some(fix) = &d.fix {
            let edits: Vec<String> = fix
                .edits
                .iter()
                .map(|e| format!("`{}` → `{}`", &source[e.span.range()], e.replacement))
                .collect();
            writeln!(
                out,
                "    → {}: {}",
                fix.applicability.as_str(),
                edits.join("; ")
            )
            .unwrap();
        }
    }
    let fixed = linter.fix(&source, &opts, Applicability::Safe);
    assert!(
        fixed.converged,
        "{}: safe fixes did not converge",
        path.display()
    );
    let again = linter.fix(&fixed.text, &opts, Applicability::Safe);
    assert_eq!(
        again.text,
        fixed.text,
        "{}: fixing twice changed the text",
        path.display()
    );
    writeln!(
        out,
        "---- after safe fixes ({} applied, {} remaining) ----",
        fixed.applied,
        fixed.remaining.len()
    )
    .unwrap();
    out.push_str(&fixed.text);
    out
}

#[test]
fn fixtures_snapshots() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let sets = builtin_rule_sets().unwrap();
    let mut families: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    families.sort();
    let mut checked = 0;
    for dir in families {
        let family = dir.file_name().unwrap().to_string_lossy().to_string();
        // `fixtures/<family>/` runs that family alone; `fixtures/examples/`
        // runs the default rule set, as a user would; other folders hold
        // rule sets and labels, not documents.
        let select = if family == "examples" {
            None
        } else if guifan::rule::Family::from_name(&family).is_some() {
            Some(vec![family.clone()])
        } else {
            continue;
        };
        let settings = Settings {
            select,
            ..Settings::default()
        };
        let linter = Linter::new(&sets, &settings)
            .unwrap_or_else(|e| panic!("fixtures/{family}: no such family? {e}"));
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| {
                p.extension()
                    .is_some_and(|e| e == "txt" || e == "md" || e == "html")
            })
            .collect();
        files.sort();
        for file in files {
            let name = format!(
                "{family}__{}",
                file.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .replace('.', "_")
            );
            let rendered = render(&linter, &file);
            insta::with_settings!({ prepend_module_to_snapshot => true, omit_expression => true }, {
                insta::assert_snapshot!(name, rendered);
            });
            checked += 1;
        }
    }
    assert!(checked > 0, "no fixtures found under {}", root.display());
}
