//! The module tree states the layers, and this test keeps it that way.
//!
//! The library is built in layers; each imports only the layers before it
//! (a module may also use the modules of its own layer, but never two of
//! them each other):
//!
//! ```text
//! span → text → fix, diagnostic, source_error, settings → document, names
//!      → rule → ruleset, rules → corpus, engine → report
//! ```
//!
//! and the binary stands on top of the library: `cli` (the command line,
//! and the configuration discovery and file reading the other front-ends
//! share), then `serve` and `lsp`, then `main`, which dispatches. The test reads every source file's `crate::…` paths (imports
//! and inline paths, outside comments) and fails on a path that points to a
//! later layer, on two modules that use each other (at any level of the
//! tree: `rules/dates` and `rules/names`, `cli/check.rs` and
//! `cli/corpus.rs`), and on a module that is in no layer. It also keeps
//! functions short: none over [`MAX_FN_LINES`] lines.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The library's layers, first to last.
const LAYERS: &[&[&str]] = &[
    &["span"],
    &["text"],
    &["fix", "diagnostic", "source_error", "settings"],
    &["document", "names"],
    &["rule"],
    &["ruleset", "rules"],
    &["corpus", "engine"],
    &["report", "audit"],
    // The binary (`crate::` in it is the binary crate).
    &["cli"],
    &["serve", "lsp"],
    &["main"],
];

/// The longest function body allowed in `src/`, in lines.
const MAX_FN_LINES: usize = 100;

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

/// One source file: its module path (`["rules", "dates", "mod"]` becomes
/// `["rules", "dates"]`) and its text.
struct Source {
    path: PathBuf,
    module: Vec<String>,
    text: String,
}

fn sources(root: &Path) -> Vec<Source> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let rel = path.strip_prefix(root).unwrap();
                let mut module: Vec<String> = rel
                    .with_extension("")
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                if module.last().is_some_and(|m| m == "mod") {
                    module.pop();
                }
                let text = std::fs::read_to_string(&path).unwrap();
                out.push(Source { path, module, text });
            }
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

/// The module paths a file names with `crate::a::b…`, from code (comment
/// lines and the text after `//` are skipped), plus `super::` paths
/// resolved against the file's own module.
fn references(src: &Source) -> BTreeSet<Vec<String>> {
    let mut refs = BTreeSet::new();
    for line in src.text.lines() {
        let code = line.trim_start();
        if code.starts_with("//") {
            continue;
        }
        let code = match code.find("//") {
            Some(i) if !code[..i].contains('"') => &code[..i],
            _ => code,
        };
        for (i, _) in code.match_indices("crate::") {
            let before = code[..i].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue; // `guifan_crate::`, not ours
            }
            refs.insert(path_after(&code[i + "crate::".len()..]));
        }
        for (i, _) in code.match_indices("super::") {
            let before = code[..i].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue; // counted with the first `super::`
            }
            // A file `a/b.rs` is module a::b; `super` is a.
            let mut base = src.module.clone();
            let mut rest = &code[i..];
            while let Some(r) = rest.strip_prefix("super::") {
                base.pop();
                rest = r;
            }
            let mut full = base;
            full.extend(path_after(rest));
            refs.insert(full);
        }
    }
    refs
}

/// The lower-case path segments at the start of `s` (`a::b::C` gives `[a, b]`).
fn path_after(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    for seg in s.split("::") {
        let ident: String = seg
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if ident.is_empty() || !ident.starts_with(|c: char| c.is_ascii_lowercase()) {
            break;
        }
        let whole = ident.len() == seg.len();
        out.push(ident);
        if !whole {
            break;
        }
    }
    out
}

/// The module of `reference` as far as it exists in `modules` (a reference
/// may end in a function or constant name).
fn resolve(reference: &[String], modules: &BTreeSet<Vec<String>>) -> Vec<String> {
    (1..=reference.len())
        .rev()
        .map(|n| reference[..n].to_vec())
        .find(|m| modules.contains(m))
        .unwrap_or_default()
}

/// Every edge `from → to` between modules, where neither contains the
/// other, lifted to the first level at which the two paths differ: an
/// import of `rules::dates::helpers` in `rules::names::x` is the edge
/// `rules::names → rules::dates`.
fn edges(root: &Path) -> BTreeMap<(Vec<String>, Vec<String>), Vec<String>> {
    let sources = sources(root);
    let modules: BTreeSet<Vec<String>> = sources
        .iter()
        .flat_map(|s| (1..=s.module.len()).map(|n| s.module[..n].to_vec()))
        .collect();
    let mut out: BTreeMap<(Vec<String>, Vec<String>), Vec<String>> = BTreeMap::new();
    for src in &sources {
        for r in references(src) {
            let target = resolve(&r, &modules);
            if target.is_empty() {
                continue;
            }
            let common = src
                .module
                .iter()
                .zip(&target)
                .take_while(|(a, b)| a == b)
                .count();
            if common == src.module.len() || common == target.len() {
                continue; // a module using its own parent or child
            }
            let from = src.module[..=common].to_vec();
            let to = target[..=common].to_vec();
            out.entry((from, to))
                .or_default()
                .push(src.path.strip_prefix(root).unwrap().display().to_string());
        }
    }
    out
}

fn src_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn violations(root: &Path) -> Vec<String> {
    let edges = edges(root);
    let mut found = Vec::new();
    let top: BTreeSet<String> = sources(root)
        .iter()
        .map(|s| s.module[0].clone())
        .filter(|m| m != "lib")
        .collect();
    for m in &top {
        if layer_of(m).is_none() {
            found.push(format!("module `{m}` is in no layer: add it to LAYERS"));
        }
    }
    for ((from, to), files) in &edges {
        let name = |m: &[String]| m.join("::");
        if from.len() == 1
            && let (Some(a), Some(b)) = (layer_of(&from[0]), layer_of(&to[0]))
            && b > a
        {
            found.push(format!(
                "`{}` (layer {a}) uses `{}` (layer {b}), a later layer: {}",
                name(from),
                name(to),
                files.join(", ")
            ));
        }
        if from < to && edges.contains_key(&(to.clone(), from.clone())) {
            found.push(format!(
                "`{}` and `{}` use each other: {} / {}",
                name(from),
                name(to),
                files.join(", "),
                edges[&(to.clone(), from.clone())].join(", ")
            ));
        }
    }
    found
}

#[test]
fn every_import_follows_the_layer_order_and_no_two_modules_tie() {
    let found = violations(&src_root());
    assert!(found.is_empty(), "layer violations:\n{}", found.join("\n"));
}

#[test]
fn an_upward_import_or_a_tie_is_caught() {
    // A scratch tree shaped like ours, with one import pointing up
    // (`text` using `engine`) and one tie (`cli::check` ↔ `cli::corpus`).
    let dir = std::env::temp_dir().join(format!("guifan-layers-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let write = |rel: &str, text: &str| {
        let p = dir.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    write("text/mod.rs", "use crate::engine::Linter;\n");
    write("engine.rs", "use crate::text::fold;\n");
    write("span.rs", "// use crate::engine::x; (a comment)\n");
    write("cli/check.rs", "use super::corpus::CorpusPass;\n");
    write("cli/corpus.rs", "use crate::cli::check::load;\n");
    let found = violations(&dir);
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(
        found
            .iter()
            .any(|v| v.starts_with("`text` (layer 1) uses `engine`")),
        "{found:#?}"
    );
    assert!(
        found
            .iter()
            .any(|v| v.starts_with("`text` and `engine` use each other")
                || v.starts_with("`engine` and `text` use each other")),
        "{found:#?}"
    );
    assert!(
        found
            .iter()
            .any(|v| v.starts_with("`cli::check` and `cli::corpus` use each other")),
        "{found:#?}"
    );
    assert!(
        !found.iter().any(|v| v.contains("span")),
        "a comment is not an import: {found:#?}"
    );
    assert_eq!(found.len(), 3, "{found:#?}");
}

/// Functions in `src/` whose body runs over [`MAX_FN_LINES`] lines, from
/// rustfmt's layout: a `fn` line and the `}` at the same indentation.
fn long_functions(root: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for src in sources(root) {
        let lines: Vec<&str> = src.text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let code = line.trim_start();
            let indent = &line[..line.len() - code.len()];
            let is_fn = [
                "fn ",
                "pub fn ",
                "pub(crate) fn ",
                "pub(super) fn ",
                "const fn ",
            ]
            .iter()
            .any(|p| code.starts_with(p));
            if !is_fn || code.ends_with(';') {
                continue;
            }
            let close = format!("{indent}}}");
            if let Some(end) = lines[i + 1..].iter().position(|l| *l == close) {
                let n = end + 2;
                let file = src.path.strip_prefix(root).unwrap().display().to_string();
                let name: String = code
                    .split("fn ")
                    .nth(1)
                    .unwrap_or("")
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if n > MAX_FN_LINES {
                    found.push(format!("{file}:{}: `{name}`, {n} lines", i + 1));
                }
            }
        }
    }
    found
}

#[test]
fn no_function_runs_over_the_limit() {
    let found = long_functions(&src_root());
    assert!(
        found.is_empty(),
        "functions over {MAX_FN_LINES} lines (split them into named stages):\n{}",
        found.join("\n")
    );
}
