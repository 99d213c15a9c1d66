//! Mapping between the prose view and the original source.
//!
//! Rules never see markup: they read the *prose view* of a document — the
//! visible text of a Markdown or HTML file, with entities decoded and code
//! replaced by a placeholder. Every diagnostic and every fix must still point
//! at bytes of the file as read, so the prose view carries a [`SourceMap`]:
//! a sorted list of chunks, each saying how a run of prose bytes relates to
//! source bytes.
//!
//! * `Verbatim`: the prose bytes are a copy of the same number of source bytes.
//! * `Replaced`: the prose bytes stand for a different source run (an entity
//!   such as `&nbsp;`, a Markdown escape, or a code span shown as U+FFFC).
//!   A span may cover such a chunk whole, never part of it.
//! * `Synthetic`: the prose bytes have no source (a newline put between two
//!   HTML blocks). They map to a point and can never be edited.

use crate::span::Span;

/// How a chunk's prose bytes relate to source bytes (see the module docs).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChunkKind {
    /// The prose bytes are a copy of as many source bytes.
    Verbatim,
    /// The prose bytes stand for a different source run (an entity, an escape,
    /// a code placeholder): reported spans widen to the whole run, and an edit
    /// that cuts it cannot be mapped.
    Replaced {
        /// Length of that source run in bytes.
        source_len: usize,
    },
    /// The prose bytes have no source (e.g. a newline between two HTML blocks);
    /// they map to the point at the chunk's `source_start` and cannot be edited.
    Synthetic,
}

/// One run of prose bytes and the source bytes it came from; all offsets are byte offsets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Chunk {
    /// Offset of the run's first byte in the prose view.
    pub prose_start: usize,
    /// Length of the run in prose bytes (never 0).
    pub prose_len: usize,
    /// Offset in the source of the first byte the run was read from (for a
    /// synthetic run, the point it maps to).
    pub source_start: usize,
    /// How the run relates to the source, including the source length when it differs.
    pub kind: ChunkKind,
}

impl Chunk {
    fn prose_end(&self) -> usize {
        self.prose_start + self.prose_len
    }
    fn source_len(&self) -> usize {
        match self.kind {
            ChunkKind::Verbatim => self.prose_len,
            ChunkKind::Replaced { source_len } => source_len,
            ChunkKind::Synthetic => 0,
        }
    }
}

/// Prose offsets → source offsets. An empty map (or [`SourceMap::identity`])
/// means the prose view *is* the source shifted by a constant (plain text,
/// possibly after a BOM).
#[derive(Clone, Debug, Default)]
pub struct SourceMap {
    /// Constant shift when `chunks` is empty.
    shift: usize,
    chunks: Vec<Chunk>,
}

impl SourceMap {
    /// Prose offset `n` is source offset `n + shift`.
    pub fn identity(shift: usize) -> Self {
        SourceMap {
            shift,
            chunks: Vec::new(),
        }
    }

    /// Whether the map is a constant shift (no chunks): the prose view is the
    /// source minus a fixed prefix (a BOM), as for plain text.
    pub fn is_identity(&self) -> bool {
        self.chunks.is_empty()
    }

    /// The chunks in prose order, covering the prose view without gaps (empty for
    /// an identity map).
    pub fn chunks(&self) -> &[Chunk] {
        &self.chunks
    }

    /// Builds a map chunk by chunk. Chunks must be pushed in prose order and
    /// cover the prose view without gaps.
    pub fn builder() -> SourceMapBuilder {
        SourceMapBuilder {
            map: SourceMap::default(),
            prose_len: 0,
        }
    }

    /// The chunk holding prose byte `offset` (for an end offset, the chunk
    /// *ending* there wins, so spans never swallow markup that follows them).
    fn chunk_at(&self, offset: usize, is_end: bool) -> Option<&Chunk> {
        if self.chunks.is_empty() {
            return None;
        }
        let idx = if is_end {
            self.chunks.partition_point(|c| c.prose_start < offset)
        } else {
            self.chunks.partition_point(|c| c.prose_start <= offset)
        };
        self.chunks.get(idx.saturating_sub(1))
    }

    fn map_offset(&self, offset: usize, is_end: bool) -> usize {
        let Some(c) = self.chunk_at(offset, is_end) else {
            return offset + self.shift;
        };
        match c.kind {
            ChunkKind::Verbatim => c.source_start + (offset - c.prose_start).min(c.prose_len),
            // A replaced chunk is atomic: a start rounds down to its first
            // source byte, an end rounds up to its last.
            ChunkKind::Replaced { source_len } => {
                if is_end || offset >= c.prose_end() {
                    c.source_start + source_len
                } else {
                    c.source_start
                }
            }
            ChunkKind::Synthetic => c.source_start,
        }
    }

    /// Maps a prose span to the source span it was read from (for reporting).
    pub fn to_source(&self, span: Span) -> Span {
        if span.is_empty() {
            let at = self.map_offset(span.start, false);
            return Span::empty(at);
        }
        let start = self.map_offset(span.start, false);
        let end = self.map_offset(span.end, true).max(start);
        Span::new(start, end)
    }

    /// Maps a prose span that an edit would replace. `None` when the span
    /// touches text that has no source (synthetic) or cuts a replaced chunk
    /// in two: such an edit cannot be expressed on the file.
    pub fn edit_to_source(&self, span: Span) -> Option<Span> {
        if self.chunks.is_empty() {
            return Some(span.shifted(self.shift));
        }
        let first = self.chunks.partition_point(|c| c.prose_end() <= span.start);
        for c in &self.chunks[first..] {
            if c.prose_start >= span.end && !(span.is_empty() && c.prose_start == span.start) {
                break;
            }
            match c.kind {
                ChunkKind::Verbatim => {}
                ChunkKind::Synthetic => {
                    if c.prose_len > 0 && span.start < c.prose_end() && c.prose_start < span.end {
                        return None;
                    }
                }
                ChunkKind::Replaced { .. } => {
                    let inside_start = span.start > c.prose_start && span.start < c.prose_end();
                    let inside_end = span.end > c.prose_start && span.end < c.prose_end();
                    if inside_start || inside_end {
                        return None;
                    }
                }
            }
        }
        Some(self.to_source(span))
    }

    /// The source runs that the prose bytes of `span` were read from, in
    /// order, with runs that touch in the source merged: one run when the
    /// span covers no markup, several when markup (tags, a block boundary)
    /// sits between its parts. Synthetic bytes have no source and add no
    /// run. `None` when the span cuts a replaced chunk in two.
    ///
    /// A deletion of `span` deletes exactly these runs, so it never removes
    /// markup the finding did not show (`<p>甲</p><p>乙</p>` keeps both tags).
    pub fn source_runs(&self, span: Span) -> Option<Vec<Span>> {
        if self.chunks.is_empty() {
            return Some(vec![span.shifted(self.shift)]);
        }
        let mut runs: Vec<Span> = Vec::new();
        let first = self.chunks.partition_point(|c| c.prose_end() <= span.start);
        for c in &self.chunks[first..] {
            if c.prose_start >= span.end {
                break;
            }
            let (a, b) = (span.start.max(c.prose_start), span.end.min(c.prose_end()));
            if a >= b {
                continue;
            }
            let piece = match c.kind {
                ChunkKind::Synthetic => continue,
                ChunkKind::Verbatim => Span::new(
                    c.source_start + (a - c.prose_start),
                    c.source_start + (b - c.prose_start),
                ),
                ChunkKind::Replaced { source_len } => {
                    if a > c.prose_start || b < c.prose_end() {
                        return None;
                    }
                    Span::new(c.source_start, c.source_start + source_len)
                }
            };
            match runs.last_mut() {
                Some(last) if last.end == piece.start => last.end = piece.end,
                _ => runs.push(piece),
            }
        }
        Some(runs)
    }

    /// The prose offset of a source offset, if that source byte is prose.
    pub fn to_prose(&self, source_offset: usize) -> Option<usize> {
        if self.chunks.is_empty() {
            return source_offset.checked_sub(self.shift);
        }
        self.chunks.iter().find_map(|c| {
            let src = c.source_start..c.source_start + c.source_len();
            if !src.contains(&source_offset) {
                return None;
            }
            match c.kind {
                ChunkKind::Verbatim => Some(c.prose_start + (source_offset - c.source_start)),
                _ => Some(c.prose_start),
            }
        })
    }
}

/// Builds a [`SourceMap`] chunk by chunk (see [`SourceMap::builder`]);
/// adjacent verbatim chunks that are also adjacent in the source are merged.
pub struct SourceMapBuilder {
    map: SourceMap,
    prose_len: usize,
}

impl SourceMapBuilder {
    fn push(&mut self, prose_len: usize, source_start: usize, kind: ChunkKind) {
        if prose_len == 0 {
            return;
        }
        // Merge adjacent verbatim chunks that are also adjacent in the source.
        if let (ChunkKind::Verbatim, Some(last)) = (kind, self.map.chunks.last_mut()) {
            if last.kind == ChunkKind::Verbatim
                && last.source_start + last.prose_len == source_start
            {
                last.prose_len += prose_len;
                self.prose_len += prose_len;
                return;
            }
        }
        self.map.chunks.push(Chunk {
            prose_start: self.prose_len,
            prose_len,
            source_start,
            kind,
        });
        self.prose_len += prose_len;
    }
    /// `len` prose bytes copied from `source_start`.
    pub fn verbatim(&mut self, source_start: usize, len: usize) {
        self.push(len, source_start, ChunkKind::Verbatim);
    }
    /// `prose_len` prose bytes standing for `source` (e.g. a decoded entity).
    pub fn replaced(&mut self, prose_len: usize, source: Span) {
        self.push(
            prose_len,
            source.start,
            ChunkKind::Replaced {
                source_len: source.len(),
            },
        );
    }
    /// `prose_len` bytes with no source, placed at source offset `at`.
    pub fn synthetic(&mut self, prose_len: usize, at: usize) {
        self.push(prose_len, at, ChunkKind::Synthetic);
    }
    /// Prose bytes covered so far: the prose offset the next chunk starts at.
    pub fn prose_len(&self) -> usize {
        self.prose_len
    }
    /// The finished map.
    pub fn finish(self) -> SourceMap {
        self.map
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // source: `a<b>中</b>&amp;x`  prose: `a中&x`
    fn html_like() -> SourceMap {
        let mut b = SourceMap::builder();
        b.verbatim(0, 1); // a
        b.verbatim(4, 3); // 中
        b.replaced(1, Span::new(11, 16)); // &amp;
        b.verbatim(16, 1); // x
        b.finish()
    }

    #[test]
    fn maps_spans_around_markup() {
        let m = html_like();
        assert_eq!(m.to_source(Span::new(0, 1)), Span::new(0, 1));
        assert_eq!(m.to_source(Span::new(1, 4)), Span::new(4, 7));
        assert_eq!(m.to_source(Span::new(4, 5)), Span::new(11, 16));
        assert_eq!(m.to_source(Span::new(5, 6)), Span::new(16, 17));
        assert_eq!(m.to_source(Span::new(0, 4)), Span::new(0, 7));
    }

    #[test]
    fn edits_may_not_cut_replaced_or_synthetic_chunks() {
        let mut b = SourceMap::builder();
        b.verbatim(0, 3);
        b.synthetic(1, 3);
        b.verbatim(10, 3);
        let m = b.finish();
        assert_eq!(m.edit_to_source(Span::new(0, 3)), Some(Span::new(0, 3)));
        assert_eq!(m.edit_to_source(Span::new(2, 4)), None);
        assert_eq!(m.edit_to_source(Span::new(4, 7)), Some(Span::new(10, 13)));
        assert_eq!(
            html_like().edit_to_source(Span::new(4, 5)),
            Some(Span::new(11, 16))
        );
    }

    #[test]
    fn source_runs_skip_markup_and_synthetic_bytes() {
        // source: `<p>甲</p><p>乙&amp;</p>`  prose: `甲\n乙&`
        let mut b = SourceMap::builder();
        b.verbatim(3, 3); // 甲
        b.synthetic(1, 10); // \n
        b.verbatim(13, 3); // 乙
        b.replaced(1, Span::new(16, 21)); // &amp;
        let m = b.finish();
        assert_eq!(
            m.source_runs(Span::new(0, 8)),
            Some(vec![Span::new(3, 6), Span::new(13, 21)])
        );
        assert_eq!(
            m.source_runs(Span::new(4, 7)),
            Some(vec![Span::new(13, 16)])
        );
        assert_eq!(
            SourceMap::identity(3).source_runs(Span::new(0, 2)),
            Some(vec![Span::new(3, 5)])
        );
    }

    #[test]
    fn identity_shift() {
        let m = SourceMap::identity(3);
        assert_eq!(m.to_source(Span::new(0, 2)), Span::new(3, 5));
        assert_eq!(m.to_prose(5), Some(2));
    }
}
