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
    pub start: usize,
    pub end: usize,
}

impl Span {
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

    pub const fn len(self) -> usize {
        self.end - self.start
    }

    pub const fn is_empty(self) -> bool {
        self.start == self.end
    }

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

    pub const fn contains_span(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn shifted(self, by: usize) -> Span {
        Span::new(self.start + by, self.end + by)
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Self {
        Span::new(r.start, r.end)
    }
}
