//! Fixes: sets of non-overlapping byte edits, and applying them.
//!
//! The model is ruff's: a [`Fix`] is a sorted list of [`Edit`]s with an
//! [`Applicability`]. Fixes from different findings may overlap; [`apply_fixes`]
//! applies them front to back and skips any fix that overlaps one already
//! applied, so the skipped ones get another chance on the next pass (the
//! engine re-lints until nothing changes, see [`crate::engine::Linter::fix`]).

use crate::span::Span;
use serde::{Deserialize, Serialize};

/// Whether a fix can be applied without a human looking at it.
///
/// Ordered: `Unsafe < Safe`, so `fix.applicability >= wanted` selects fixes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Changes meaning or may be wrong in context: applied only with `--unsafe`.
    Unsafe,
    /// Meaning-preserving: applied by `guifan fix`.
    Safe,
}

impl Applicability {
    /// The lowercase name used in machine-readable output (`safe`, `unsafe`).
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Unsafe => "unsafe",
            Applicability::Safe => "safe",
        }
    }
}

/// Replace `span` with `replacement` (empty replacement deletes, empty span inserts).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Edit {
    /// The bytes to replace, as offsets into the text the fix applies to; empty for an insertion.
    pub span: Span,
    /// The text written in place of `span`; empty for a deletion.
    pub replacement: String,
}

impl Edit {
    /// Replace the bytes of `span` with `replacement`.
    pub fn replace(span: Span, replacement: impl Into<String>) -> Self {
        Edit {
            span,
            replacement: replacement.into(),
        }
    }
    /// Delete the bytes of `span`.
    pub fn delete(span: Span) -> Self {
        Edit {
            span,
            replacement: String::new(),
        }
    }
    /// Insert `text` at byte offset `at`, before the byte already there.
    pub fn insert(at: usize, text: impl Into<String>) -> Self {
        Edit {
            span: Span::empty(at),
            replacement: text.into(),
        }
    }
}

/// One finding's fix: edits sorted by position, pairwise non-overlapping.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Fix {
    /// Whether the fix may be applied without review.
    pub applicability: Applicability,
    /// The edits, sorted by start (then end) offset; they must not overlap
    /// (see [`Fix::is_well_formed`]).
    pub edits: Vec<Edit>,
}

impl Fix {
    /// A fix of `edits`, sorted by position (overlap is not checked here; see
    /// [`Fix::is_well_formed`]).
    pub fn new(applicability: Applicability, mut edits: Vec<Edit>) -> Self {
        edits.sort_by_key(|e| (e.span.start, e.span.end));
        Fix {
            applicability,
            edits,
        }
    }
    /// A safe fix: applied by `guifan fix` without `--unsafe`.
    pub fn safe(edits: Vec<Edit>) -> Self {
        Fix::new(Applicability::Safe, edits)
    }
    /// An unsafe fix: applied only with `--unsafe` (the trailing underscore
    /// avoids the keyword).
    pub fn unsafe_(edits: Vec<Edit>) -> Self {
        Fix::new(Applicability::Unsafe, edits)
    }
    /// A single replacement.
    pub fn replace(
        applicability: Applicability,
        span: Span,
        replacement: impl Into<String>,
    ) -> Self {
        Fix::new(applicability, vec![Edit::replace(span, replacement)])
    }

    /// The smallest span covering every edit.
    pub fn span(&self) -> Option<Span> {
        let first = self.edits.first()?;
        let last = self.edits.iter().map(|e| e.span.end).max()?;
        Some(Span::new(first.span.start, last))
    }

    /// Whether the edits are sorted and pairwise disjoint.
    pub fn is_well_formed(&self) -> bool {
        self.edits
            .windows(2)
            .all(|w| w[0].span.end <= w[1].span.start && w[0].span != w[1].span)
    }
}

/// The result of one pass of [`apply_fixes`].
#[derive(Debug, Default)]
pub struct Applied {
    /// The input text with the applied fixes' edits made.
    pub text: String,
    /// How many fixes were applied.
    pub applied: usize,
    /// How many applicable fixes were skipped because they overlapped an applied one.
    pub deferred: usize,
    /// Indices (in the order given) of the fixes that were applied; a fix
    /// identical to an applied one counts as applied too.
    pub applied_fixes: Vec<usize>,
    /// Where the edits moved the text: offsets of `text` back to the input.
    pub map: EditMap,
}

/// One applied edit: the input bytes it replaced and the output bytes it wrote.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Moved {
    before: Span,
    after: Span,
}

/// How one pass of edits moved the text, so that an offset in the edited
/// text can be traced back to the text before the pass.
///
/// The fix loop uses it to recognise, in a later pass, the findings that the
/// first check reported (and that overlapping fixes held back), and to tell
/// them from findings the earlier edits created.
#[derive(Clone, Debug, Default)]
pub struct EditMap {
    /// Sorted by position; pairwise disjoint on both sides.
    moves: Vec<Moved>,
}

impl EditMap {
    /// The offset before the edits of a span *start* at `at` after them: a
    /// start inside replaced text goes to the start of what it replaced.
    pub fn start_before(&self, at: usize) -> usize {
        let i = self.moves.partition_point(|m| m.after.start <= at);
        match i.checked_sub(1).map(|k| self.moves[k]) {
            None => at,
            Some(m) if at < m.after.end => m.before.start,
            Some(m) => m.before.end + (at - m.after.end),
        }
    }

    /// The offset before the edits of a span *end* at `at` after them: an end
    /// inside replaced text goes to the end of what it replaced.
    pub fn end_before(&self, at: usize) -> usize {
        let i = self.moves.partition_point(|m| m.after.start < at);
        match i.checked_sub(1).map(|k| self.moves[k]) {
            None => at,
            Some(m) => m.before.end + at.saturating_sub(m.after.end),
        }
    }

    /// A span of the edited text traced back to the text before the edits.
    pub fn span_before(&self, span: Span) -> Span {
        let start = self.start_before(span.start);
        let end = if span.is_empty() {
            start
        } else {
            self.end_before(span.end).max(start)
        };
        Span::new(start, end)
    }
}

/// Apply every fix at or above `min` to `text`, skipping fixes that overlap an
/// earlier applied fix. Fixes whose edits fall outside `text` or off a char
/// boundary are skipped too (they would corrupt the file).
pub fn apply_fixes<'a>(
    text: &str,
    fixes: impl IntoIterator<Item = &'a Fix>,
    min: Applicability,
) -> Applied {
    let mut fixes: Vec<(usize, &Fix)> = fixes
        .into_iter()
        .enumerate()
        .filter(|(_, f)| f.applicability >= min && !f.edits.is_empty())
        .collect();
    fixes.sort_by_key(|(_, f)| f.span().map(|s| (s.start, s.end)));
    let mut out = String::with_capacity(text.len());
    let mut cursor = 0usize;
    let mut last: Option<Span> = None;
    let mut applied = 0;
    let mut deferred = 0;
    let mut applied_fixes = Vec::new();
    let mut moves = Vec::new();
    let mut seen: Vec<&Fix> = Vec::new();
    for (index, fix) in fixes {
        // Sorted by span: only fixes with this span can be the same fix
        // (keeps this linear on files with very many fixes).
        if seen.last().is_some_and(|s| s.span() != fix.span()) {
            seen.clear();
        }
        if seen.contains(&fix) {
            // Two findings proposing the very same fix: apply it once.
            applied_fixes.push(index);
            continue;
        }
        let span = fix.span().expect("non-empty fix");
        let valid = fix.edits.iter().all(|e| {
            e.span.end <= text.len()
                && text.is_char_boundary(e.span.start)
                && text.is_char_boundary(e.span.end)
        }) && fix.is_well_formed();
        if !valid {
            continue;
        }
        if let Some(prev) = last {
            if span.start < prev.end
                || (span.start == prev.end && (span.is_empty() || prev.is_empty()))
            {
                deferred += 1;
                continue;
            }
        }
        for edit in &fix.edits {
            out.push_str(&text[cursor..edit.span.start]);
            let at = out.len();
            out.push_str(&edit.replacement);
            moves.push(Moved {
                before: edit.span,
                after: Span::new(at, out.len()),
            });
            cursor = edit.span.end;
        }
        last = Some(span);
        seen.push(fix);
        applied += 1;
        applied_fixes.push(index);
    }
    out.push_str(&text[cursor..]);
    Applied {
        text: out,
        applied,
        deferred,
        applied_fixes,
        map: EditMap { moves },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applies_disjoint_and_defers_overlapping() {
        let text = "中文,中文,中文";
        let a = Fix::replace(Applicability::Safe, Span::new(6, 7), "，");
        let b = Fix::replace(Applicability::Safe, Span::new(13, 14), "，");
        let c = Fix::replace(Applicability::Safe, Span::new(6, 10), "X");
        let r = apply_fixes(text, [&a, &b, &c], Applicability::Safe);
        assert_eq!(r.applied, 2);
        assert_eq!(r.deferred, 1);
        assert_eq!(r.text, "中文，中文，中文");
    }

    #[test]
    fn unsafe_fixes_need_opt_in() {
        let f = Fix::replace(Applicability::Unsafe, Span::new(0, 1), "b");
        assert_eq!(apply_fixes("a", [&f], Applicability::Safe).text, "a");
        assert_eq!(apply_fixes("a", [&f], Applicability::Unsafe).text, "b");
    }

    #[test]
    fn refuses_edits_off_char_boundaries() {
        let f = Fix::replace(Applicability::Safe, Span::new(1, 2), "x");
        assert_eq!(apply_fixes("中", [&f], Applicability::Safe).text, "中");
    }

    #[test]
    fn edit_map_traces_offsets_back() {
        // `a,b,,c` → `a，b，c`: two replacements and a deletion.
        let text = "a,b,,c";
        let fixes = [
            Fix::replace(Applicability::Safe, Span::new(1, 2), "，"),
            Fix::replace(Applicability::Safe, Span::new(3, 4), "，"),
            Fix::safe(vec![Edit::delete(Span::new(4, 5))]),
        ];
        let r = apply_fixes(text, &fixes, Applicability::Safe);
        assert_eq!(r.text, "a，b，c");
        assert_eq!(r.applied_fixes, vec![0, 1, 2]);
        let m = &r.map;
        assert_eq!(m.span_before(Span::new(0, 1)), Span::new(0, 1)); // a
        assert_eq!(m.span_before(Span::new(1, 4)), Span::new(1, 2)); // ，
        assert_eq!(m.span_before(Span::new(4, 5)), Span::new(2, 3)); // b
        assert_eq!(m.span_before(Span::new(8, 9)), Span::new(5, 6)); // c
        assert_eq!(m.span_before(Span::new(0, 9)), Span::new(0, 6));
    }

    #[test]
    fn identical_fixes_apply_once() {
        let a = Fix::replace(Applicability::Safe, Span::new(0, 1), "，");
        let b = a.clone();
        let r = apply_fixes(",", [&a, &b], Applicability::Safe);
        assert_eq!(r.text, "，");
        assert_eq!(r.applied, 1);
    }
}
