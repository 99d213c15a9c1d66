//! What `cargo package` ships: everything the build needs (the sources, the
//! files they embed with `include_str!`/`include_bytes!`, the rule sets,
//! build.rs and the files it reads) and nothing else, within a size budget.
//!
//! Runs `cargo package --list` (no build, no network), so it takes well under
//! a second.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::process::Command;

/// Uncompressed size of everything in the package. It is about 1.3 MB now:
/// the sources, the rule sets, README.md and Cargo.lock.
const SIZE_BUDGET: u64 = 2 * 1024 * 1024;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The files `cargo package` would put into the .crate, as `/`-separated
/// paths relative to the package root.
fn package_list() -> BTreeSet<String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let out = Command::new(cargo)
        .args([
            "package",
            "--locked",
            "--offline",
            "--list",
            "--allow-dirty",
            "--quiet",
        ])
        .current_dir(root())
        .output()
        .expect("run cargo package --list");
    assert!(
        out.status.success(),
        "cargo package --list failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("UTF-8 file list")
        .lines()
        .map(|l| l.trim().replace('\\', "/"))
        .filter(|l| !l.is_empty())
        .collect()
}

/// Every file under `dir` (relative to the repository root), recursively.
fn files_under(dir: &str) -> Vec<String> {
    fn walk(path: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(path).expect("read dir").flatten() {
            let p = entry.path();
            if p.is_dir() {
                walk(&p, out);
            } else {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    walk(&root().join(dir), &mut out);
    out.iter()
        .map(|p| rel(p.strip_prefix(root()).expect("under the root")))
        .collect()
}

fn rel(p: &Path) -> String {
    let mut parts: Vec<String> = Vec::new();
    for c in p.components() {
        match c {
            Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
            Component::ParentDir => {
                parts.pop();
            }
            _ => {}
        }
    }
    parts.join("/")
}

/// The files the sources embed: the argument of every `include_str!("…")`
/// and `include_bytes!("…")` in a .rs file under src/, resolved against
/// that file's folder.
fn embedded_files() -> Vec<(String, String)> {
    let mut found = Vec::new();
    for file in files_under("src") {
        if !file.ends_with(".rs") {
            continue;
        }
        let text = std::fs::read_to_string(root().join(&file)).expect("read source");
        for mac in ["include_str!(\"", "include_bytes!(\""] {
            for (at, _) in text.match_indices(mac) {
                let rest = &text[at + mac.len()..];
                let Some(end) = rest.find('"') else { continue };
                let arg = &rest[..end];
                let dir = Path::new(&file).parent().expect("a folder");
                found.push((file.clone(), rel(&dir.join(arg))));
            }
        }
    }
    found
}

#[test]
fn the_package_holds_what_the_build_needs() {
    let list = package_list();
    let mut missing = Vec::new();
    for required in ["Cargo.toml", "Cargo.lock", "README.md", "build.rs"] {
        if !list.contains(required) {
            missing.push(required.to_string());
        }
    }
    // build.rs reads src/rules; the rule sets and the page's assets are
    // embedded; the rest of src/ is compiled.
    for dir in ["src", "rules"] {
        for file in files_under(dir) {
            if !list.contains(&file) {
                missing.push(file);
            }
        }
    }
    assert!(missing.is_empty(), "not in the package: {missing:?}");

    let embedded = embedded_files();
    assert!(
        embedded.iter().any(|(_, f)| f.starts_with("rules/")),
        "no embedded rule set found: {embedded:?}"
    );
    assert!(
        embedded
            .iter()
            .any(|(_, f)| f.starts_with("src/serve/page/")),
        "no embedded page asset found: {embedded:?}"
    );
    for (from, file) in &embedded {
        assert!(
            list.contains(file),
            "{from} embeds {file}, which is not in the package"
        );
    }
}

#[test]
fn the_package_leaves_out_tests_fixtures_and_tooling() {
    let list = package_list();
    let forbidden_prefixes = [
        "fixtures/",
        "tests/",
        "benches/",
        "fuzz/",
        "target/",
        "docs/",
        ".ci/",
        ".github/",
    ];
    let stray: Vec<&String> = list
        .iter()
        .filter(|f| {
            forbidden_prefixes.iter().any(|p| f.starts_with(p))
                || f.contains("node_modules/")
                || f.starts_with("corpus/")
                || f.starts_with("shared/")
        })
        .collect();
    assert!(stray.is_empty(), "should not be in the package: {stray:?}");
}

#[test]
fn the_package_stays_within_its_size_budget() {
    let list = package_list();
    let mut total = 0;
    for file in &list {
        // Generated by cargo; Cargo.toml.orig is the repository's Cargo.toml.
        let on_disk = match file.as_str() {
            ".cargo_vcs_info.json" => continue,
            "Cargo.toml.orig" => "Cargo.toml",
            f => f,
        };
        total += std::fs::metadata(root().join(on_disk))
            .unwrap_or_else(|e| panic!("{on_disk}: {e}"))
            .len();
    }
    assert!(
        total < SIZE_BUDGET,
        "the package is {total} bytes, over the budget of {SIZE_BUDGET}"
    );
}

/// `cargo tree` of the package: each package (`name vX.Y.Z`) with its
/// resolved features; `dev`: with the dev-dependencies (as `cargo test`
/// builds), else without (as `cargo build` and maturin build).
fn resolved_features(dev: bool) -> std::collections::BTreeMap<String, BTreeSet<String>> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut cmd = Command::new(cargo);
    cmd.args([
        "tree",
        "--locked",
        "--offline",
        "--prefix",
        "none",
        "--format",
        "{p}|{f}",
    ]);
    if !dev {
        cmd.args(["--edges", "no-dev"]);
    }
    let out = cmd.current_dir(root()).output().expect("run cargo tree");
    assert!(
        out.status.success(),
        "cargo tree failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // A crate built for the host (build scripts, proc macros) may appear
    // again with other features: each variant is kept.
    let mut map: std::collections::BTreeMap<String, BTreeSet<String>> = Default::default();
    for l in String::from_utf8(out.stdout).unwrap().lines() {
        let Some((p, f)) = l.trim_end_matches(" (*)").split_once('|') else {
            continue;
        };
        // `name vX.Y.Z (path)` for the package itself: keep name and version.
        let p: Vec<&str> = p.split(' ').take(2).collect();
        map.entry(p.join(" ")).or_default().insert(f.to_string());
    }
    map
}

/// `cargo build --release` (and the wheel's maturin build) reuse the
/// release build of `cargo test --release` only if every crate both builds
/// share resolves to the same features; a dev-dependency that turns on
/// more features of a shared crate makes them recompile that crate and
/// everything above it, guifan included (Cargo.toml's feature
/// unification block turns those features on for both).
#[test]
fn builds_with_and_without_dev_dependencies_share_features() {
    let plain = resolved_features(false);
    let with_dev = resolved_features(true);
    assert!(plain.len() > 50, "{plain:?}");
    let differ: Vec<String> = plain
        .iter()
        .filter(|(p, f)| with_dev.get(*p).is_some_and(|g| g != *f))
        .map(|(p, f)| {
            format!(
                "{p}: {f:?} without dev-dependencies, {:?} with",
                with_dev[p]
            )
        })
        .collect();
    assert!(
        differ.is_empty(),
        "add these features to [dependencies] (feature unification):\n{}",
        differ.join("\n")
    );
}
