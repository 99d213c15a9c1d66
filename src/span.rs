//! Byte-offset spans.
//!
//! Every position inside guifan is a byte offset into UTF-8 text, as in ruff and
//! typos: cheap to slice with, exact for fixes, and independent of how a client
//! counts columns. Line and column numbers are derived only when a diagnostic
//! is reported (see [`crate::document::LineIndex`]).

use std::ops::Range;

/// A half-open byte range `start..end`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// First byte of the span (inclusive), as a byte offset into the text it belongs to.
    pub start: usize,
    /// One past the last byte (exclusive); equal to `start` for an empty span.
    pub end: usize,
}

impl Span {
    /// The span `start..end` (byte offsets); `start` must not exceed `end`
    /// (checked in debug builds only).
    pub const fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }

    /// An empty span at `offset` (an insertion point).
    pub const fn empty(offset: usize) -> Self {
        Span {
            start: offset,
            end: offset,
        }
    }

    /// Length in bytes (not characters).
    pub const fn len(self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no bytes, i.e. is an insertion point.
    pub const fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The span as a `Range`, for slicing the text it belongs to (`&text[span.range()]`).
    pub const fn range(self) -> Range<usize> {
        self.start..self.end
    }

    /// Whether the two spans share at least one byte, or touch as insertions at the same point.
    pub fn overlaps(self, other: Span) -> bool {
        if self.is_empty() || other.is_empty() {
            return self.start >= other.start && self.start <= other.end
                || other.start >= self.start && other.start <= self.end;
        }
        self.start < other.end && other.start < self.end
    }

    /// Whether `other` lies inside this span; both ends are inclusive, so a span
    /// contains itself and the empty spans at its two ends.
    pub const fn contains_span(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The same span moved `by` bytes later, e.g. from offsets in a slice to
    /// offsets in the text the slice starts in.
    pub fn shifted(self, by: usize) -> Span {
        Span::new(self.start + by, self.end + by)
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Self {
        Span::new(r.start, r.end)
    }
}
