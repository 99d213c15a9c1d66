//! Collects the documentation of native rules.
//!
//! A native rule lives in `src/rules/<family>/<name>.rs`, and the file's
//! inner doc comment (`//!`) *is* the rule's documentation. This script
//! gathers those comments into a generated table so that `guifan explain`
//! shows exactly what the source says; nobody maintains a second copy.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let rules_dir = Path::new("src/rules");
    println!("cargo:rerun-if-changed=src/rules");
    let mut entries = Vec::new();
    for family in read_dir_sorted(rules_dir) {
        if !family.is_dir() {
            continue;
        }
        println!("cargo:rerun-if-changed={}", family.display());
        let fam = family.file_name().unwrap().to_string_lossy().to_string();
        for file in read_dir_sorted(&family) {
            let stem = file.file_stem().unwrap().to_string_lossy().to_string();
            if file.extension().is_none_or(|e| e != "rs") || stem == "mod" || stem.starts_with('_')
            {
                continue;
            }
            let text = std::fs::read_to_string(&file).expect("read rule source");
            let doc: Vec<&str> = text
                .lines()
                .take_while(|l| l.starts_with("//!") || l.trim().is_empty())
                .filter_map(|l| l.strip_prefix("//!"))
                .map(|l| l.strip_prefix(' ').unwrap_or(l))
                .collect();
            let id = format!("{fam}/{}", stem.replace('_', "-"));
            entries.push((id, doc.join("\n").trim().to_string()));
        }
    }
    let mut out = String::from(
        "/// `(rule id, doc comment)` of every native rule source file.\npub const NATIVE_DOCS: &[(&str, &str)] = &[\n",
    );
    for (id, doc) in entries {
        writeln!(out, "    ({id:?}, {doc:?}),").unwrap();
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("native_docs.rs");
    std::fs::write(dest, out).expect("write native_docs.rs");
}

fn read_dir_sorted(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    v.sort();
    v
}
