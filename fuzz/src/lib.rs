//! Invariant checks shared by the fuzz targets in `fuzz_targets/`.
//!
//! Every check panics with a message that names the broken invariant, so a
//! libFuzzer crash report says what went wrong, not only where. The checks
//! are plain functions over the public API of `guifan`, unit-tested on the
//! stable toolchain (`cargo test` in `fuzz/`) so that a change to them can be
//! tried without a fuzzing run.

use chrono::NaiveDate;
use guifan::document::decode;
use guifan::{
    Applicability, ConfigFile, Diagnostic, Document, DocumentOptions, Format, Linter, RuleSet,
    Settings, Span,
};
use std::sync::OnceLock;

/// The date every fuzzed document is read at (no clock: runs must repeat).
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 6, 1).expect("valid date")
}

pub fn options(format: Format) -> DocumentOptions {
    DocumentOptions::new(format, today())
}

/// The built-in rule sets, parsed once per process.
pub fn builtin_sets() -> &'static [RuleSet] {
    static SETS: OnceLock<Vec<RuleSet>> = OnceLock::new();
    SETS.get_or_init(|| guifan::ruleset::builtin_rule_sets().expect("built-in rule sets parse"))
}

/// The default linter, built once per process (`Linter` is `Sync`).
pub fn default_linter() -> &'static Linter {
    static LINTER: OnceLock<Linter> = OnceLock::new();
    LINTER.get_or_init(|| guifan::default_linter().expect("default linter builds"))
}

/// The format a pipeline input asks for: its first byte modulo 3.
pub fn format_of(byte: u8) -> Format {
    match byte % 3 {
        0 => Format::Plain,
        1 => Format::Markdown,
        _ => Format::Html,
    }
}

/// The format's selector byte (the inverse of [`format_of`]), for seeding.
pub fn format_byte(format: Format) -> u8 {
    match format {
        Format::Plain => 0,
        Format::Markdown => 1,
        Format::Html => 2,
    }
}

/// Bytes to text the way the CLI reads a file: through
/// [`guifan::document::decode`]. What it refuses (not UTF-8, NUL bytes, a
/// UTF-16 BOM) is still turned into a document, from the lossy UTF-8 of the
/// bytes, so that every input exercises the readers.
pub fn text_from(data: &[u8]) -> String {
    match decode(data.to_vec()) {
        Ok(text) => {
            assert_eq!(
                text.as_bytes(),
                data,
                "decode: accepted text must be the bytes unchanged (BOM kept)"
            );
            text
        }
        Err(e) => {
            // The message is shown to users: building it must not panic.
            let _ = e.to_string();
            String::from_utf8_lossy(data).into_owned()
        }
    }
}

/// A reader target: decode, build a document of `format`, check it.
pub fn reader(data: &[u8], format: Format) {
    let text = text_from(data);
    let doc = Document::new(text, &options(format));
    check_document(&doc);
}

fn boundary(text: &str, offset: usize) -> bool {
    offset <= text.len() && text.is_char_boundary(offset)
}

/// Panics unless `span` lies inside `text` on char boundaries; `what` names
/// the span in the message (a closure: it is only built on failure, which
/// keeps the checks cheap enough to run on every prose offset).
fn assert_in(text: &str, span: Span, what: impl Fn() -> String) {
    let ok = span.start <= span.end
        && span.end <= text.len()
        && text.is_char_boundary(span.start)
        && text.is_char_boundary(span.end);
    if !ok {
        panic!(
            "{}: span {span:?} is reversed, past the text ({} bytes) or off its char boundaries",
            what(),
            text.len()
        );
    }
}

/// The invariants of a document's prose view and its map to the source:
///
/// * an identity map (no chunks) means the prose is the source after the
///   shift, or empty;
/// * the source map's chunks cover the prose view in order without gaps;
///   verbatim chunks are byte-for-byte copies of their source; every chunk's
///   source run lies inside the source on char boundaries;
/// * every prose span maps (`to_source`) to a span inside the source on char
///   boundaries — all spans when the prose is short, otherwise every empty
///   span, every span of one, two and three chars, every prefix and every
///   block; `edit_to_source`, when it maps, does too;
/// * `to_prose` of every source char boundary is a prose char boundary;
/// * blocks and masks lie inside the prose view on char boundaries, blocks in
///   prose order, masks sorted; directives inside the source;
/// * line/column look-ups and `is_masked` do not panic.
pub fn check_document(doc: &Document) {
    let source = doc.source();
    let prose = doc.prose();
    let map = doc.source_map();

    if map.is_identity() {
        let shift = map.to_source(Span::empty(0)).start;
        assert!(
            boundary(source, shift),
            "identity map: shift {shift} off the source"
        );
        // A reader with nothing to map (no prose at all) leaves the map empty.
        assert!(
            prose.is_empty() || &source[shift..] == prose,
            "identity map: prose {prose:?} is not the shifted source"
        );
    } else {
        let mut expected = 0;
        for (i, c) in map.chunks().iter().enumerate() {
            assert_eq!(
                c.prose_start, expected,
                "source map: chunk {i} {c:?} leaves a gap or overlaps in the prose"
            );
            expected = c.prose_start + c.prose_len;
            assert!(
                boundary(prose, c.prose_start) && boundary(prose, expected),
                "source map: chunk {i} {c:?} is off the prose's char boundaries"
            );
            let source_len = match c.kind {
                guifan::document::ChunkKind::Verbatim => c.prose_len,
                guifan::document::ChunkKind::Replaced { source_len } => source_len,
                guifan::document::ChunkKind::Synthetic => 0,
            };
            let src = Span::new(c.source_start, c.source_start + source_len);
            assert_in(source, src, || {
                format!("source map: chunk {i} {c:?} source run")
            });
            if c.kind == guifan::document::ChunkKind::Verbatim {
                assert_eq!(
                    &prose[c.prose_start..expected],
                    &source[src.range()],
                    "source map: verbatim chunk {i} {c:?} is not a copy of its source"
                );
            }
        }
        assert_eq!(
            expected,
            prose.len(),
            "source map: chunks cover {expected} of {} prose bytes",
            prose.len()
        );
    }

    let bounds: Vec<usize> = prose
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(prose.len()))
        .collect();
    let check_span = |span: Span| {
        let mapped = map.to_source(span);
        assert_in(source, mapped, || format!("to_source({span:?})"));
        if let Some(edit) = map.edit_to_source(span) {
            assert_in(source, edit, || format!("edit_to_source({span:?})"));
        }
    };
    if bounds.len() <= 48 {
        for (i, &s) in bounds.iter().enumerate() {
            for &e in &bounds[i..] {
                check_span(Span::new(s, e));
            }
        }
    } else {
        for (i, &s) in bounds.iter().enumerate() {
            for &e in bounds[i..].iter().take(4) {
                check_span(Span::new(s, e));
            }
            check_span(Span::new(0, s));
        }
    }

    for (i, b) in doc.blocks().iter().enumerate() {
        assert_in(prose, b.span, || format!("block {i} {b:?}"));
        check_span(b.span);
        if i > 0 {
            let prev = doc.blocks()[i - 1];
            assert!(
                prev.span.start <= b.span.start,
                "blocks out of prose order: {prev:?} before {b:?}"
            );
        }
    }
    for (i, m) in doc.masks().iter().enumerate() {
        assert_in(prose, *m, || format!("mask {i} {m:?}"));
        if i > 0 {
            assert!(doc.masks()[i - 1] <= *m, "masks not sorted at {i}");
        }
    }
    for d in doc.directives() {
        assert!(
            boundary(source, d.offset),
            "directive {d:?} outside the source or off a char boundary"
        );
    }

    // to_prose of every source char boundary (meaningless for the empty map
    // of a document without prose, which maps nothing).
    let mapped_nothing = map.is_identity() && prose.is_empty();
    for (offset, _) in source
        .char_indices()
        .chain(std::iter::once((source.len(), ' ')))
        .filter(|_| !mapped_nothing)
    {
        if let Some(p) = map.to_prose(offset) {
            assert!(
                boundary(prose, p),
                "to_prose({offset}) = {p}: outside the prose or off a char boundary"
            );
        }
    }

    // Look-ups the engine and the reporters make must not panic.
    let _ = doc.line_col(0);
    let _ = doc.line_col(source.len());
    if let Some(span) = doc.date().span {
        let _ = doc.line_col(span.start.min(source.len()));
    }
    for w in bounds.windows(2) {
        let _ = doc.is_masked(Span::new(w[0], w[1]));
        let _ = doc.is_masked(Span::empty(w[0]));
    }
}

/// The invariants of diagnostics on `source`: every span and every fix edit
/// inside the source on char boundaries.
pub fn check_diagnostics(source: &str, diagnostics: &[Diagnostic], what: &str) {
    for d in diagnostics {
        assert_in(source, d.span, || {
            format!("{what}: diagnostic {} span", d.rule)
        });
        if let Some(fix) = &d.fix {
            for e in &fix.edits {
                assert_in(source, e.span, || format!("{what}: fix edit of {}", d.rule));
            }
        }
    }
}

/// The source spans of the safe fix edits among `diagnostics`, sorted and
/// merged where they overlap or touch (an insertion at the end of a
/// replaced run joins it).
pub fn safe_edit_regions(diagnostics: &[Diagnostic]) -> Vec<Span> {
    let mut spans: Vec<Span> = diagnostics
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .filter(|f| f.applicability >= Applicability::Safe)
        .flat_map(|f| f.edits.iter().map(|e| e.span))
        .collect();
    spans.sort();
    let mut merged: Vec<Span> = Vec::with_capacity(spans.len());
    for s in spans {
        match merged.last_mut() {
            Some(last) if s.start <= last.end => last.end = last.end.max(s.end),
            _ => merged.push(s),
        }
    }
    merged
}

/// Whether `output` can be obtained from `input` by replacing each of the
/// (sorted, disjoint, non-touching) `regions` of `input` with some string —
/// any string, empty included — and changing nothing else.
///
/// That is a glob match: `input` outside the regions gives the literal
/// segments `L0 * L1 * … * Lk`, each region a `*`. Anchored first and last
/// segments, and leftmost matches for the middle ones, decide it exactly
/// (greedy leftmost matching is complete for patterns whose only wildcard is
/// `*`).
pub fn changed_only_in(input: &str, regions: &[Span], output: &str) -> bool {
    if regions.is_empty() {
        return input == output;
    }
    let first = &input[..regions[0].start];
    let last = &input[regions[regions.len() - 1].end..];
    if !output.starts_with(first) || output.len() < first.len() + last.len() {
        return false;
    }
    if !output.ends_with(last) {
        return false;
    }
    let limit = output.len() - last.len();
    let mut at = first.len();
    for w in regions.windows(2) {
        let segment = &input[w[0].end..w[1].start];
        match output[at..limit].find(segment) {
            Some(i) => at += i + segment.len(),
            None => return false,
        }
    }
    true
}

/// A readable account of how `output` differs from `input` (for panics).
pub fn describe_changes(input: &str, output: &str) -> String {
    use similar::{ChangeTag, TextDiff};
    let diff = TextDiff::from_chars(input, output);
    let mut out = String::new();
    let mut offset = 0usize;
    for op in diff.ops() {
        for change in diff.iter_changes(op) {
            let v = change.value();
            match change.tag() {
                ChangeTag::Equal => offset += v.len(),
                ChangeTag::Delete => {
                    out.push_str(&format!("  -{offset}: {v:?}\n"));
                    offset += v.len();
                }
                ChangeTag::Insert => out.push_str(&format!("  +{offset}: {v:?}\n")),
            }
        }
        if out.len() > 4000 {
            out.push_str("  …\n");
            break;
        }
    }
    out
}

pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F | 0x3007)
}

/// Half-width and full-width forms of the same mark made equal (to the
/// full-width form), so that a fix replacing one with the other does not
/// count as a change to a sentence.
pub fn normalize_marks(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            ',' => '，',
            '.' | '．' | '｡' => '。',
            ';' => '；',
            ':' => '：',
            '?' => '？',
            '!' => '！',
            '(' => '（',
            ')' => '）',
            c => c,
        })
        .collect()
}

/// Sentences for the deletion check: every maximal run of at least six Han
/// characters followed by `。` (after [`normalize_marks`]: a half-width `.`
/// counts, unless a letter or digit follows it, as in `图片.jpg`) in
/// `prose`, as prose spans including the full stop.
pub fn sentences(prose: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut run_start: Option<(usize, usize)> = None; // (byte start, chars)
    for (i, c) in prose.char_indices() {
        if is_han(c) {
            match &mut run_start {
                Some((_, n)) => *n += 1,
                None => run_start = Some((i, 1)),
            }
            continue;
        }
        if let Some((start, n)) = run_start.take() {
            let end = i + c.len_utf8();
            // A half-width or other full stop ends a sentence unless a
            // letter or digit follows it: `图片.jpg` is a file name.
            let stop = c == '。'
                || (matches!(c, '.' | '．' | '｡')
                    && !prose[end..]
                        .chars()
                        .next()
                        .is_some_and(|n| n.is_ascii_alphanumeric()));
            if n >= 6 && stop {
                out.push(Span::new(start, end));
            }
        }
    }
    out
}

/// The whole check-then-fix pipeline on `source`, with its invariants:
///
/// 1. No panic, anywhere (reading, checking, fixing, checking again).
/// 2. Every diagnostic span and fix edit span of the first check lies inside
///    the source on char boundaries; so do those left after fixing, inside the
///    fixed text.
/// 3. The fixed text is valid UTF-8 (guaranteed by `String`; asserted on the
///    bytes anyway, since an edit off a char boundary would be the way to
///    break it).
/// 4. **Changed only where the first check said.** Let R be the union of the
///    source spans of the safe fix edits that the first check reported,
///    merged where they overlap or touch. The fixed text must be obtainable
///    from the input by replacing each region of R with some string and
///    leaving every byte outside R as it was, in order ([`changed_only_in`]).
///    Later passes may rewrite text inside R — a deferred overlapping fix, or
///    a fix of a fix's own replacement — but a pass that edits text that no
///    first-check fix touched (a cascade: fixing one thing creates a finding
///    elsewhere, which the next pass "fixes") breaks it. The test is a glob
///    match, not a diff: a minimal diff (e.g. `similar`'s) may align
///    repeated text differently from how the fixes changed it and report a
///    change outside R that no fix made, so it would not be sound. The glob
///    match is exact — it fails if and only if no way of rewriting the
///    regions of R yields the output — so it never reports a false failure.
///    (It can miss a change that happens to reproduce identical text, which
///    no one could see anyway.)
/// 5. **Idempotent after convergence.** When the fix converged, fixing the
///    fixed text again changes nothing.
/// 6. **No sentence deleted.** Every sentence of the input's prose view
///    (a maximal run of ≥6 Han characters ending in 。, see [`sentences`];
///    compared after [`normalize_marks`]) that does not state site chrome
///    (copyright, a disclaimer: [`states_site_chrome`]) still occurs in the prose view or
///    the source of the fixed text. A sentence that does not occur verbatim
///    may have been changed inside by a safe substitution (二零 → 二〇, a
///    term, a deleted 同志): it passes only if (a) the first check's safe
///    edits touching it delete fewer than half of its Han characters net
///    (Han characters covered minus Han characters in their replacements),
///    and (b) every stretch of two or more of its characters that no
///    first-check edit touched still occurs in the fixed text.
pub fn check_pipeline(linter: &Linter, source: &str, format: Format) {
    let opts = options(format);
    let doc = Document::new(source.to_string(), &opts);
    let first = linter.check(&doc);
    check_diagnostics(source, &first, "first check");
    let regions = safe_edit_regions(&first);

    let out = linter.fix(source, &opts, Applicability::Safe);
    assert!(
        std::str::from_utf8(out.text.as_bytes()).is_ok(),
        "fixed text is not UTF-8"
    );
    check_diagnostics(&out.text, &out.remaining, "after fix");

    if !changed_only_in(source, &regions, &out.text) {
        violation(
            "outside-edits",
            source,
            format,
            format!(
                "fix changed text outside the safe edits of the first check\n\
                 first-check safe edit regions: {regions:?}\nchanges:\n{}",
                describe_changes(source, &out.text)
            ),
        );
    }

    // `fix` applies only what the first check reported; findings that its
    // own edits bring about are left to the next run (they show in
    // `remaining`). Idempotence is required where none are left.
    let fixable_left = out.remaining.iter().any(|d| {
        d.fix
            .as_ref()
            .is_some_and(|f| f.applicability == Applicability::Safe)
    });
    if out.converged && !fixable_left {
        let again = linter.fix(&out.text, &opts, Applicability::Safe);
        if again.text != out.text {
            violation(
                "not-idempotent",
                source,
                format,
                format!(
                    "fix is not idempotent after convergence ({} passes, {} fixes); \
                     the second fix changed:\n{}",
                    out.passes,
                    out.applied,
                    describe_changes(&out.text, &again.text)
                ),
            );
        }
    }

    check_sentences(&doc, &first, &out.text, format);
}

/// A broken pipeline invariant (`kind` is `outside-edits`, `not-idempotent`
/// or `sentence-deleted`): a panic, so libFuzzer reports the input.
///
/// For long exploratory runs past bugs that are already known, and only
/// then, `GUIFAN_FUZZ_RECORD_ONLY` may list kinds (comma-separated, or
/// `all`) that are recorded instead: the input (format byte and text, ready
/// to replay) is written to `$GUIFAN_FUZZ_RECORD_DIR` (default
/// `fuzz/artifacts/pipeline-invariants`) as `<kind>-<hash>`, the first few
/// messages go to stderr, and fuzzing goes on. Unset (CI, `ci.sh`), every
/// violation fails the run.
pub fn violation(kind: &str, source: &str, format: Format, message: String) {
    use std::collections::hash_map::DefaultHasher;
    use std::hash::{Hash, Hasher};
    use std::sync::Mutex;
    let recorded = std::env::var("GUIFAN_FUZZ_RECORD_ONLY")
        .is_ok_and(|v| v.split(',').any(|k| k.trim() == kind || k.trim() == "all"));
    if !recorded {
        panic!("pipeline invariant `{kind}` broken: {message}");
    }
    static COUNTS: Mutex<Vec<(String, usize)>> = Mutex::new(Vec::new());
    let n = {
        let mut counts = COUNTS.lock().unwrap_or_else(|e| e.into_inner());
        match counts.iter_mut().find(|(k, _)| k == kind) {
            Some((_, n)) => {
                *n += 1;
                *n
            }
            None => {
                counts.push((kind.to_string(), 1));
                1
            }
        }
    };
    if n <= 3 {
        eprintln!("recorded pipeline invariant `{kind}` broken: {message}");
    }
    if n > 500 {
        return;
    }
    let dir = std::env::var("GUIFAN_FUZZ_RECORD_DIR")
        .unwrap_or_else(|_| "fuzz/artifacts/pipeline-invariants".to_string());
    let mut bytes = vec![format_byte(format)];
    bytes.extend_from_slice(source.as_bytes());
    let mut h = DefaultHasher::new();
    bytes.hash(&mut h);
    let _ = std::fs::create_dir_all(&dir);
    let _ = std::fs::write(format!("{dir}/{kind}-{:016x}", h.finish()), &bytes);
}

/// Words of the formulas a site states about itself: copyright, filing
/// numbers, reprint disclaimers. A sentence that states one is site chrome,
/// not prose, and `boilerplate/site-chrome` may delete it with its line.
/// Deliberately broader than the rule's own patterns: the oracle must not
/// call a deleted disclaimer a lost sentence, but it still catches a
/// sentence that only sits behind such a label.
const CHROME_STATEMENT_WORDS: &[&str] = &[
    "版权",
    "copyright",
    "Copyright",
    "COPYRIGHT",
    "©",
    "ICP",
    "公网安备",
    "公安网备",
    "本网",
    "本站",
    "转载",
    "免责",
    "投资建议",
    "风险自担",
    "不得",
];

/// Whether the sentence `s` of `prose` states site chrome: the statement it
/// ends (back to the previous 。！？ or line break), less a leading label of
/// up to six characters (`版权所有：`), holds one of
/// [`CHROME_STATEMENT_WORDS`].
fn states_site_chrome(prose: &str, s: Span) -> bool {
    let from = prose[..s.start]
        .rfind(['。', '！', '？', '\n'])
        .map_or(0, |i| {
            i + prose[i..].chars().next().map_or(1, char::len_utf8)
        });
    let statement = prose[from..s.end].trim_start();
    let statement = statement
        .char_indices()
        .take(7)
        .find(|&(_, c)| matches!(c, '：' | ':'))
        .map_or(statement, |(i, c)| &statement[i + c.len_utf8()..]);
    CHROME_STATEMENT_WORDS.iter().any(|w| statement.contains(w))
}

/// Invariant 6 of [`check_pipeline`].
fn check_sentences(doc: &Document, first: &[Diagnostic], fixed: &str, format: Format) {
    if fixed == doc.source() {
        return;
    }
    let prose = doc.prose();
    let found = sentences(prose);
    if found.is_empty() {
        return;
    }
    let fixed_doc = Document::new(fixed.to_string(), &options(format));
    let haystacks = [normalize_marks(fixed_doc.prose()), normalize_marks(fixed)];
    let occurs = |s: &str| {
        let s = normalize_marks(s);
        haystacks.iter().any(|h| h.contains(&s))
    };
    let edits: Vec<&guifan::Edit> = first
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .filter(|f| f.applicability >= Applicability::Safe)
        .flat_map(|f| f.edits.iter())
        .collect();
    let map = doc.source_map();
    for s in found {
        let text = &prose[s.range()];
        if occurs(text) || states_site_chrome(prose, s) {
            continue;
        }
        // Which first-check edits touch which characters of the sentence.
        let mut touching: Vec<usize> = Vec::new();
        let mut covered_han = 0usize;
        let mut han = 0usize;
        let mut fragments: Vec<&str> = Vec::new();
        let mut frag_start: Option<usize> = None;
        for (i, c) in text.char_indices() {
            let at = s.start + i;
            let src = map.to_source(Span::new(at, at + c.len_utf8()));
            let mut touched = false;
            for (k, e) in edits.iter().enumerate() {
                if e.span.overlaps(src) && !(e.span.is_empty() && e.span.start == src.start) {
                    touched = true;
                    if !touching.contains(&k) {
                        touching.push(k);
                    }
                }
            }
            if is_han(c) {
                han += 1;
                if touched {
                    covered_han += 1;
                }
            }
            match (touched, frag_start) {
                (false, None) => frag_start = Some(i),
                (true, Some(f)) => {
                    fragments.push(&text[f..i]);
                    frag_start = None;
                }
                _ => {}
            }
        }
        if let Some(f) = frag_start {
            fragments.push(&text[f..]);
        }
        let replaced_han: usize = touching
            .iter()
            .map(|&k| edits[k].replacement.chars().filter(|&c| is_han(c)).count())
            .sum();
        let lost = covered_han.saturating_sub(replaced_han);
        let src = map.to_source(s);
        if 2 * lost >= han {
            violation(
                "sentence-deleted",
                doc.source(),
                format,
                format!(
                    "safe fix deleted a sentence: {text:?} (source {src:?}); the first \
                     check's safe edits delete {lost} of its {han} Han characters\n\
                     changes:\n{}",
                    describe_changes(doc.source(), fixed)
                ),
            );
            return;
        }
        if let Some(gone) = fragments
            .iter()
            .find(|f| f.chars().count() >= 2 && !occurs(f))
        {
            violation(
                "sentence-deleted",
                doc.source(),
                format,
                format!(
                    "safe fix deleted part of a sentence that no first-check edit \
                     touched: {gone:?} of {text:?} (source {src:?})\nchanges:\n{}",
                    describe_changes(doc.source(), fixed)
                ),
            );
            return;
        }
    }
}

/// The rule-set loader: parse `text` as a rule-set file; if it loads, build
/// a linter from the built-in sets plus it (its rules selected, so that the
/// built-in ones it does not override are not compiled again per input),
/// check and fix small documents, and run its inline examples.
pub fn ruleset(text: &str) {
    let set = match RuleSet::parse("fuzz.toml", text) {
        Ok(set) => set,
        Err(e) => {
            let _ = e.to_string();
            let _ = e.line();
            return;
        }
    };
    let ids: Vec<String> = set.rules.iter().map(|r| r.meta.id.clone()).collect();
    let mut sets: Vec<RuleSet> = builtin_sets().to_vec();
    sets.push(set.clone());
    // The set's own rules, plus the names family when the set extends the
    // people registry it reads ([[person]], [[title]]). Not every built-in
    // rule: compiling them all for every input would make the target too
    // slow to fuzz, and they are the pipeline target's business.
    let mut select = ids.clone();
    if !set.registry.persons.is_empty() || !set.registry.titles.is_empty() {
        select.push("names".to_string());
    }
    let settings = Settings {
        select: Some(select),
        ..Settings::default()
    };
    let linter = match Linter::new(&sets, &settings) {
        Ok(l) => l,
        Err(e) => {
            let _ = e.to_string();
            return;
        }
    };
    for (format, doc) in SMALL_DOCUMENTS {
        let opts = options(*format);
        let d = Document::new(doc.to_string(), &opts);
        let found = linter.check(&d);
        check_diagnostics(doc, &found, "rule-set linter");
        let out = linter.fix(doc, &opts, Applicability::Unsafe);
        check_diagnostics(&out.text, &out.remaining, "rule-set linter after fix");
    }
    // The set's own examples (each rule alone); bounded, since each rule
    // builds a linter of its own.
    if set.rules.len() <= 8 {
        let _ = guifan::engine::examples::check_examples(std::slice::from_ref(&set));
    }
}

/// Documents the rule-set and config targets check with the linters they
/// build: a few lines that many kinds of rules have something to say about.
pub const SMALL_DOCUMENTS: &[(Format, &str)] = &[
    (
        Format::Plain,
        "2024年6月1日，习近平总书记在会上指出,要深入学习。张三同志、李四同志出席。\
         二零二四年，“十八大”以来 GDP 增长3.5%~4%。",
    ),
    (
        Format::Markdown,
        "# 标题\n\n会议指出,要加强 `code` 学习……详见 https://example.com 。\n\n- 第一项；\n- 第二项。\n",
    ),
];

/// The config loader: parse `text` as a `guifan.toml`; if it loads, turn it
/// into settings, build a linter from the built-in sets with them (a file
/// without `select` compiles only the rules it tunes), and check a small
/// document.
pub fn config(text: &str) {
    let file = match ConfigFile::parse("guifan.toml", text) {
        Ok(f) => f,
        Err(e) => {
            let _ = e.to_string();
            let _ = e.line();
            return;
        }
    };
    let mut settings = file.settings();
    // Selectors are validated whatever the selection; what a selection
    // compiles is the cost. Without a `select` of its own, compile only the
    // rules the file tunes (options, severities, extend-select) and one more,
    // rather than every built-in rule for every input.
    if settings.select.is_none() {
        let mut select: Vec<String> = settings.options.keys().cloned().collect();
        select.extend(settings.severity.keys().cloned());
        select.extend(settings.extend_select.iter().cloned());
        select.push("punctuation/halfwidth-in-cjk".to_string());
        settings.select = Some(select);
    }
    let linter = match Linter::new(builtin_sets(), &settings) {
        Ok(l) => l,
        Err(e) => {
            let _ = e.to_string();
            return;
        }
    };
    let (format, doc) = SMALL_DOCUMENTS[0];
    let found = linter.check(&Document::new(doc.to_string(), &options(format)));
    check_diagnostics(doc, &found, "config linter");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glob_match_allows_changes_only_in_regions() {
        let input = "abcdef";
        assert!(changed_only_in(input, &[], "abcdef"));
        assert!(!changed_only_in(input, &[], "abcdeF"));
        assert!(changed_only_in(input, &[Span::new(2, 3)], "abXYdef"));
        assert!(changed_only_in(input, &[Span::new(2, 3)], "abdef"));
        assert!(!changed_only_in(input, &[Span::new(2, 3)], "abXdeF"));
        assert!(changed_only_in(input, &[Span::empty(0)], "XXabcdef"));
        assert!(!changed_only_in(input, &[Span::empty(0)], "abcdefX"));
        assert!(changed_only_in(
            input,
            &[Span::new(1, 2), Span::new(4, 5)],
            "a-cd-f"
        ));
        assert!(!changed_only_in(
            input,
            &[Span::new(1, 2), Span::new(4, 5)],
            "a-c-f"
        ));
        // Repeated text: a deletion that a minimal diff would place elsewhere.
        assert!(changed_only_in("，，", &[Span::new(3, 6)], "，"));
        // The literal text around a region stays in place.
        assert!(changed_only_in("abc", &[Span::new(1, 2)], "ac"));
        assert!(!changed_only_in("abc", &[Span::new(1, 2)], "bc"));
        assert!(!changed_only_in("abc", &[Span::new(1, 2)], "a"));
    }

    #[test]
    fn regions_merge_touching_edits() {
        use guifan::{Edit, Fix};
        let d = |fix: Fix| Diagnostic {
            rule: "punctuation/x".into(),
            severity: guifan::Severity::Warning,
            message: String::new(),
            help: None,
            span: Span::new(0, 0),
            fix: Some(fix),
        };
        let found = [
            d(Fix::safe(vec![Edit::replace(Span::new(0, 2), "x")])),
            d(Fix::safe(vec![Edit::insert(2, "y")])),
            d(Fix::unsafe_(vec![Edit::replace(Span::new(5, 6), "z")])),
            d(Fix::safe(vec![Edit::replace(Span::new(7, 9), "")])),
        ];
        assert_eq!(
            safe_edit_regions(&found),
            vec![Span::new(0, 2), Span::new(7, 9)]
        );
    }

    #[test]
    fn sentences_are_long_han_runs_with_a_full_stop() {
        let p = "短句。这是一个完整的句子。abc这也是一个句子.不算，会议现场图片.jpg";
        let s: Vec<&str> = sentences(p).iter().map(|s| &p[s.range()]).collect();
        assert_eq!(s, ["这是一个完整的句子。", "这也是一个句子."]);
    }

    #[test]
    fn fixtures_pass_the_reader_checks() {
        for format in [Format::Plain, Format::Markdown, Format::Html] {
            for (_, doc) in SMALL_DOCUMENTS {
                reader(doc.as_bytes(), format);
            }
            reader(b"\xEF\xBB\xBF<p>a&amp;b</p>\r\n", format);
            reader(b"\xFF\xFEa\0", format);
        }
    }

    #[test]
    fn small_documents_pass_the_pipeline() {
        for (format, doc) in SMALL_DOCUMENTS {
            check_pipeline(default_linter(), doc, *format);
        }
    }

    #[test]
    fn loaders_take_their_fixtures() {
        ruleset(include_str!("../../fixtures/rulesets/kinds.toml"));
        ruleset("[[rule]]\nid = 1\n");
        config(include_str!("../../src/starter.toml"));
        config("select = [\"nope\"]\n");
    }
}

/// The invariants of the `reader_docx` target: reading arbitrary bytes as a
/// Word package never panics and stays within a small bound; when a package
/// reads, its text view fixed by the default linter is written back (plain
/// and as tracked changes), and the written package reads again with exactly
/// the text view the writer reported; with a comment at every finding
/// (`check --annotate=all`), the package reads again with the same text view,
/// and the paragraph starts of the view are found.
pub fn check_docx(data: &[u8]) {
    use guifan::document::docx::{Comment, Docx, DocxLimits, Revision};
    let limits = DocxLimits {
        max_total: 8 * 1024 * 1024,
        ..DocxLimits::default()
    };
    let Ok(docx) = Docx::read(data, &limits) else {
        return;
    };
    let text = docx.text();
    let fixed = default_linter().fix(text, &options(Format::Plain), Applicability::Safe);
    let revision = Revision {
        author: "guifan".to_string(),
        date: "2024-06-01T00:00:00Z".to_string(),
    };
    for revision in [None, Some(&revision)] {
        let Ok(out) = docx.apply_with(data, &fixed.text, revision) else {
            continue;
        };
        let Some(bytes) = out.bytes else {
            continue;
        };
        let again = Docx::read(&bytes, &DocxLimits::default())
            .unwrap_or_else(|e| panic!("a written package does not read again: {e}"));
        if revision.is_none() {
            assert_eq!(
                again.text(),
                out.text,
                "the written package's text view differs from the one the writer reported"
            );
        }
    }
    assert!(docx.paragraph_starts(text).is_some());
    let found = default_linter().check(&Document::new(text.to_string(), &options(Format::Plain)));
    let comments: Vec<Comment> = found
        .iter()
        .map(|d| Comment {
            span: d.span.range(),
            paragraphs: vec![d.message.clone(), d.rule.clone()],
        })
        .collect();
    if let Ok(out) = docx.annotate(data, &comments, &revision, &limits) {
        let again = Docx::read(&out.bytes, &DocxLimits::default())
            .unwrap_or_else(|e| panic!("an annotated package does not read again: {e}"));
        assert_eq!(again.text(), text, "comments changed the text view");
        assert_eq!(out.comments, comments.len());
    }
}
