//! Line starts, computed once and only for reporting.

use memchr::memchr_iter;

/// Byte offsets of line starts, for turning byte offsets into 1-based line
/// and character columns (columns count Unicode scalar values, as the README's JSON format says).
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// Inside lines longer than [`STRIDE`] bytes: `(byte offset, characters
    /// from its line start)` every `STRIDE` bytes, so that a column costs at
    /// most `STRIDE` bytes of counting even on a 10 MB single-line file.
    checkpoints: Vec<(usize, usize)>,
}

/// Distance between column checkpoints in long lines.
const STRIDE: usize = 4096;

/// A 1-based line and column; the column counts characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineCol {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, counted in characters (Unicode scalar values), not bytes.
    pub column: usize,
}

impl LineIndex {
    /// Index the line starts of `text`; lines end at `\n` (a preceding `\r`
    /// stays part of the line).
    pub fn new(text: &str) -> Self {
        let mut starts = Vec::with_capacity(text.len() / 40 + 1);
        starts.push(0);
        starts.extend(memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        Self::from_starts(text, starts)
    }

    /// An index whose lines start at `starts` (ascending, the first 0,
    /// each just after a `\n` of `text`): a Word document's lines are its
    /// paragraphs, and a manual line break within one does not start a
    /// line.
    pub fn from_starts(text: &str, starts: Vec<usize>) -> Self {
        debug_assert!(starts.first() == Some(&0));
        let mut checkpoints = Vec::new();
        for (i, &start) in starts.iter().enumerate() {
            let end = starts.get(i + 1).copied().unwrap_or(text.len());
            if end - start <= STRIDE {
                continue;
            }
            let (mut at, mut chars) = (start, 0);
            loop {
                let mut next = (at + STRIDE).min(end);
                while !text.is_char_boundary(next) {
                    next -= 1;
                }
                if next >= end || next <= at {
                    break;
                }
                chars += text[at..next].chars().count();
                checkpoints.push((next, chars));
                at = next;
            }
        }
        LineIndex {
            starts,
            checkpoints,
        }
    }

    /// 0-based line number holding byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset) - 1
    }

    /// Byte offset where 0-based `line` starts; panics if `line >= line_count()`.
    pub fn line_start(&self, line: usize) -> usize {
        self.starts[line]
    }

    /// Number of lines: one more than the number of `\n` (a text ending in a
    /// newline has an empty last line).
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

    /// 1-based line and character column of byte `offset` in `text` (the text
    /// this index was built from). An offset past the end is clamped to the end;
    /// one inside a character counts as that character's start.
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = offset.min(text.len());
        let line = self.line_of(offset);
        let start = self.starts[line];
        let mut o = offset;
        while !text.is_char_boundary(o) {
            o -= 1;
        }
        // The nearest checkpoint at or before `o` on this line, if any.
        let (from, before) = match self.checkpoints.partition_point(|&(b, _)| b <= o) {
            0 => (start, 0),
            i if self.checkpoints[i - 1].0 > start => self.checkpoints[i - 1],
            _ => (start, 0),
        };
        let column = before + text[from..o].chars().count() + 1;
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

    #[test]
    fn long_lines_use_checkpoints_with_the_same_answers() {
        let text = format!("短行\n{}\n尾", "中文,abc，".repeat(3000));
        let idx = LineIndex::new(&text);
        assert!(!idx.checkpoints.is_empty());
        let mut naive_line_start = 0;
        for (o, c) in text.char_indices().step_by(7) {
            if c == '\n' {
                continue;
            }
            let line = text[..o].matches('\n').count();
            if line > 0 {
                naive_line_start = text[..o].rfind('\n').unwrap() + 1;
            }
            let column = text[naive_line_start..o].chars().count() + 1;
            assert_eq!(
                idx.line_col(&text, o),
                LineCol {
                    line: line + 1,
                    column
                },
                "at {o}"
            );
        }
    }
}
