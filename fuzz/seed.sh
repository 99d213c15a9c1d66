#!/usr/bin/env bash
# Seed the fuzz corpora from the repository's own fixtures and rule examples.
#
#   fuzz/seed.sh            # fills fuzz/corpus/<target>/ (kept across runs)
#
# The corpora are generated, never committed (fuzz/.gitignore): libFuzzer adds
# what it finds to the same folders, and this script only adds files (named by
# content hash, so running it again changes nothing). Text from ../shared is
# never used.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
corpus="$here/corpus"

targets=(reader_plain reader_markdown reader_html reader_docx ruleset config pipeline)
for t in "${targets[@]}"; do
    mkdir -p "$corpus/$t"
done

# put TARGET FILE [PREFIX-BYTE-OCTAL]: copy FILE into TARGET's corpus under
# the hash of its contents (with an optional leading format byte).
put() {
    local target="$1" file="$2" prefix="${3:-}" tmp name
    tmp="$(mktemp)"
    if [[ -n "$prefix" ]]; then
        printf "\\$prefix" >"$tmp"
    fi
    cat "$file" >>"$tmp"
    name="$(sha1sum "$tmp" | cut -c1-40)"
    mv -f "$tmp" "$corpus/$target/$name"
}

# Format bytes of the pipeline target (first byte modulo 3).
plain=000 markdown=001 html=002

shopt -s globstar nullglob
cd "$root"
docs=(fixtures/**/*.txt fixtures/**/*.md fixtures/**/*.html)
for f in "${docs[@]}"; do
    case "$f" in
        *.md) fmt=$markdown ;;
        *.html) fmt=$html ;;
        *) fmt=$plain ;;
    esac
    for t in reader_plain reader_markdown reader_html; do
        put "$t" "$f"
    done
    put pipeline "$f" "$fmt"
    # Markup read as plain text too: the pipeline should survive that.
    [[ "$fmt" != "$plain" ]] && put pipeline "$f" "$plain"
done

for f in fixtures/docx/*.docx; do
    put reader_docx "$f"
done

for f in rules/*.toml fixtures/**/*.toml; do
    put ruleset "$f"
done
# A small rule set of every kind, and the starter config.
put config src/starter.toml
for f in fixtures/**/*.toml; do
    # Config-looking fixtures (house-style config) and a few rule sets,
    # which the config loader must refuse cleanly.
    put config "$f"
done

# Every inline example of the built-in rules (bad, fixed and good texts) as
# a plain-text pipeline input and a reader input: short documents, each
# aimed at one rule.
if command -v python3 >/dev/null 2>&1 && python3 -c 'import tomllib' 2>/dev/null; then
    python3 - "$corpus" rules/*.toml fixtures/rulesets/*.toml <<'PY'
import hashlib, os, sys, tomllib
corpus, files = sys.argv[1], sys.argv[2:]
n = 0
for path in files:
    with open(path, "rb") as f:
        data = tomllib.load(f)
    for rule in data.get("rule", []):
        for ex in rule.get("examples", []):
            for key in ("bad", "fixed", "good"):
                text = ex.get(key)
                if not text:
                    continue
                body = text.encode("utf-8")
                for target, blob in (("pipeline", b"\0" + body),
                                     ("pipeline", b"\1" + body),
                                     ("reader_plain", body),
                                     ("reader_markdown", body),
                                     ("reader_html", body)):
                    name = hashlib.sha1(blob).hexdigest()
                    with open(os.path.join(corpus, target, name), "wb") as out:
                        out.write(blob)
                n += 1
print(f"seed: {n} rule examples")
PY
else
    echo "seed: python3 with tomllib not found; rule examples not seeded"
fi

for t in "${targets[@]}"; do
    printf 'seed: %-16s %4d files\n' "$t" "$(find "$corpus/$t" -type f | wc -l)"
done
