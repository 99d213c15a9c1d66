//! Line starts, computed once and only for reporting.

use memchr::memchr_iter;

/// Byte offsets of line starts, for turning byte offsets into 1-based line
/// and character columns (columns count Unicode scalar values, per SPEC 3).
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
}

/// A 1-based line and column; the column counts characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = Vec::with_capacity(text.len() / 40 + 1);
        starts.push(0);
        starts.extend(memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { starts }
    }

    /// 0-based line number holding byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset) - 1
    }

    pub fn line_start(&self, line: usize) -> usize {
        self.starts[line]
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The byte span of 0-based `line`, without its line terminator.
    pub fn line_span(&self, line: usize, text: &str) -> crate::span::Span {
        let start = self.starts[line];
        let mut end = self.starts.get(line + 1).map_or(text.len(), |&n| n - 1);
        if end > start && text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        crate::span::Span::new(start, end.max(start))
    }

    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = offset.min(text.len());
        let line = self.line_of(offset);
        let start = self.starts[line];
        let mut o = offset;
        while !text.is_char_boundary(o) {
            o -= 1;
        }
        let column = text[start..o].chars().count() + 1;
        LineCol {
            line: line + 1,
            column,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters() {
        let text = "标题\r\n中文,中文\n";
        let idx = LineIndex::new(text);
        let comma = text.find(',').unwrap();
        assert_eq!(idx.line_col(text, comma), LineCol { line: 2, column: 3 });
        assert_eq!(idx.line_span(0, text), crate::span::Span::new(0, 6));
    }
}
