//! Two build steps: the documentation of native rules, and jieba's
//! dictionary as a finite-state transducer.
//!
//! ## Native rule documentation
//!
//! A native rule lives in `src/rules/<family>/<name>.rs`, and the file's
//! inner doc comment (`//!`) *is* the rule's documentation. This script
//! gathers those comments into a generated table so that `guifan explain`
//! shows exactly what the source says; nobody maintains a second copy.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    native_docs();
    jieba_dictionary();
}

fn native_docs() {
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

/// ## jieba's dictionary, prebuilt
///
/// Loading jieba's dictionary (349,045 words) costs 60–110 ms, more than all
/// the rest of a check of a short draft, which is what a pre-commit hook or
/// an editor asks for, once per file. `src/text/segment.rs` therefore reads
/// the words a text needs from a finite-state transducer that this step
/// builds from the very dictionary file of the jieba-rs version in
/// Cargo.lock (`word → frequency << 8 | tag index`), embedded in the binary
/// and used in place without a load. Cargo gives a build script no path to
/// a dependency's sources, so the file is looked for where Cargo unpacks
/// registry crates (beside this crate when it is itself unpacked there, or
/// under `$CARGO_HOME/registry/src`). When it is not found (a vendored or
/// unusual build), an empty transducer is written and guifan loads the full
/// dictionary on first use, as jieba-rs does: slower to start, same results.
fn jieba_dictionary() {
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    println!("cargo:rerun-if-changed=Cargo.lock");
    println!("cargo:rerun-if-env-changed=CARGO_HOME");
    let (fst_bytes, tags, total, words) = match find_jieba_dict() {
        Some(path) => {
            println!("cargo:rerun-if-changed={}", path.display());
            match build_fst(&path) {
                Ok(built) => built,
                Err(why) => {
                    println!(
                        "cargo:warning=jieba dictionary {} not usable ({why}); guifan will load it at run time",
                        path.display()
                    );
                    empty_fst()
                }
            }
        }
        None => {
            println!(
                "cargo:warning=jieba-rs's dictionary file was not found; guifan will load it at run time (slower start-up)"
            );
            empty_fst()
        }
    };
    std::fs::write(out.join("jieba_dict.fst"), fst_bytes).expect("write jieba_dict.fst");
    let mut rs = String::new();
    writeln!(
        rs,
        "/// Tags of the dictionary's words, by the index in a transducer value's low byte."
    )
    .unwrap();
    writeln!(rs, "pub const TAGS: &[&str] = &{tags:?};").unwrap();
    writeln!(
        rs,
        "/// Sum of the dictionary's frequencies (0: no prebuilt dictionary)."
    )
    .unwrap();
    writeln!(rs, "pub const TOTAL: usize = {total};").unwrap();
    writeln!(rs, "/// Words in the dictionary.").unwrap();
    writeln!(rs, "pub const WORDS: usize = {words};").unwrap();
    std::fs::write(out.join("jieba_dict.rs"), rs).expect("write jieba_dict.rs");
}

type Built = (Vec<u8>, Vec<String>, u64, usize);

fn empty_fst() -> Built {
    let map = fst::Map::from_iter(std::iter::empty::<(&[u8], u64)>()).expect("empty fst");
    (map.into_fst().into_inner(), Vec::new(), 0, 0)
}

/// The jieba-rs version that Cargo.lock resolves.
fn jieba_version() -> Option<String> {
    let lock = std::fs::read_to_string("Cargo.lock").ok()?;
    let mut lines = lock.lines();
    while let Some(l) = lines.next() {
        if l.trim() == "name = \"jieba-rs\"" {
            let v = lines.next()?.trim().strip_prefix("version = \"")?;
            return Some(v.trim_end_matches('"').to_string());
        }
    }
    None
}

fn find_jieba_dict() -> Option<PathBuf> {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").ok()?);
    let version = jieba_version().unwrap_or_else(|| "0.11.0".into());
    let dir_name = format!("jieba-rs-{version}");
    let mut roots: Vec<PathBuf> = Vec::new();
    // Unpacked from a registry: the dependency is a sibling of this crate.
    if let Some(parent) = manifest.parent() {
        roots.push(parent.to_path_buf());
    }
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")));
    if let Some(home) = cargo_home {
        for index in read_dir_sorted(&home.join("registry").join("src")) {
            roots.push(index);
        }
    }
    roots
        .into_iter()
        .map(|r| r.join(&dir_name).join("src").join("data").join("dict.txt"))
        .find(|p| p.is_file())
}

/// The transducer, the tag list, the total frequency and the word count of
/// the dictionary at `path` (`word freq [tag]` lines, as jieba-rs reads them).
fn build_fst(path: &Path) -> Result<Built, String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let mut tags: Vec<String> = Vec::new();
    let mut entries: Vec<(&str, u64)> = Vec::new();
    let mut total: u64 = 0;
    for line in text.lines() {
        let mut it = line.split_ascii_whitespace();
        let Some(word) = it.next() else { continue };
        let freq: u64 = match it.next() {
            Some(f) => f
                .parse()
                .map_err(|_| format!("bad frequency in {line:?}"))?,
            None => 0,
        };
        if freq >= 1 << 55 {
            return Err(format!("frequency too large in {line:?}"));
        }
        let tag = it.next().unwrap_or("");
        let t = match tags.iter().position(|x| x == tag) {
            Some(i) => i,
            None => {
                tags.push(tag.to_string());
                tags.len() - 1
            }
        };
        if t > 255 {
            return Err("more than 256 tags".into());
        }
        total += freq;
        entries.push((word, freq << 8 | t as u64));
    }
    let words = entries.len();
    entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
    // jieba-rs adds duplicates' frequencies to its total but keeps one
    // record: a prebuilt form would not match it exactly, so refuse.
    if entries.windows(2).any(|w| w[0].0 == w[1].0) {
        return Err("duplicate words".into());
    }
    let map = fst::Map::from_iter(entries.iter().map(|(w, v)| (w.as_bytes(), *v)))
        .map_err(|e| e.to_string())?;
    Ok((map.into_fst().into_inner(), tags, total, words))
}
