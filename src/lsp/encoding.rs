//! Positions: byte offsets inside, LSP `Position`s only at the edge.
//!
//! The engine reports byte spans into the document's text. An LSP client
//! counts columns in the position encoding negotiated at `initialize`:
//! UTF-16 code units (the protocol's default, what VS Code uses), UTF-8
//! bytes or UTF-32 code points. [`LineIndex`] holds one document version's
//! line starts and converts between the two in both directions, so nothing
//! else in the server needs to know which encoding is in use.
//!
//! Line terminators are those of the LSP specification: `\n`, `\r\n` and a
//! lone `\r`. A byte order mark is an ordinary character (U+FEFF, one UTF-16
//! unit) when the client sends it as part of the text. A position past the
//! end of its line is clamped to the line's end (before its terminator), as
//! the specification asks, and one inside a character is moved to the start
//! of that character; conversions therefore never panic and always land on
//! a char boundary.

use lsp_types::{Position, PositionEncodingKind, Range};

/// The encoding the client counts columns in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
    Utf32,
}

impl Encoding {
    /// Pick from the encodings the client offers: UTF-8 first (no
    /// conversion at all), then UTF-32, else the mandatory UTF-16.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        let offered = offered.unwrap_or_default();
        if offered.contains(&PositionEncodingKind::UTF8) {
            Encoding::Utf8
        } else if offered.contains(&PositionEncodingKind::UTF32) {
            Encoding::Utf32
        } else {
            Encoding::Utf16
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
            Encoding::Utf32 => PositionEncodingKind::UTF32,
        }
    }

    /// How many units `c` counts for.
    fn width(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
            Encoding::Utf32 => 1,
        }
    }

    /// How many units `s` counts for.
    pub fn len(self, s: &str) -> usize {
        match self {
            Encoding::Utf8 => s.len(),
            Encoding::Utf16 => s.chars().map(char::len_utf16).sum(),
            Encoding::Utf32 => s.chars().count(),
        }
    }
}

/// Line starts of one text, for converting offsets and positions.
#[derive(Clone, Debug)]
pub struct LineIndex {
    /// Byte offset of each line's first byte.
    starts: Vec<usize>,
    /// Byte offset where each line's content ends (before its terminator).
    ends: Vec<usize>,
    /// Whether the text is ASCII only: then every encoding is bytes.
    ascii: bool,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut ends = Vec::new();
        let mut i = 0;
        while let Some(j) = memchr::memchr2(b'\n', b'\r', &bytes[i..]) {
            let at = i + j;
            ends.push(at);
            let next = if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') {
                at + 2
            } else {
                at + 1
            };
            starts.push(next);
            i = next;
        }
        ends.push(text.len());
        LineIndex {
            starts,
            ends,
            ascii: text.is_ascii(),
        }
    }

    #[cfg(test)]
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The 0-based line holding byte `offset` (a terminator belongs to its line).
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1)
    }

    /// The byte offset where `line` starts (the text's length past the last line).
    pub fn line_start(&self, line: usize) -> usize {
        self.starts
            .get(line)
            .copied()
            .unwrap_or_else(|| *self.ends.last().unwrap_or(&0))
    }

    /// The line terminator used at the end of `line` in `text` (`\n` if none).
    pub fn terminator<'t>(&self, text: &'t str, line: usize) -> &'t str {
        match (self.ends.get(line), self.starts.get(line + 1)) {
            (Some(&e), Some(&n)) => &text[e..n],
            _ => "\n",
        }
    }

    /// The position of byte `offset` (clamped to the text and to a char boundary).
    pub fn position(&self, text: &str, offset: usize, enc: Encoding) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_of(offset);
        let start = self.starts[line];
        let column = if self.ascii {
            offset - start
        } else {
            enc.len(&text[start..offset])
        };
        Position::new(line as u32, column as u32)
    }

    pub fn range(&self, text: &str, start: usize, end: usize, enc: Encoding) -> Range {
        Range::new(
            self.position(text, start, enc),
            self.position(text, end, enc),
        )
    }

    /// The byte offset of `pos`: past the last line is the end of the text,
    /// past the end of a line is the end of that line, inside a character
    /// is that character's start.
    pub fn offset(&self, text: &str, pos: Position, enc: Encoding) -> usize {
        let line = pos.line as usize;
        if line >= self.starts.len() {
            return text.len();
        }
        let (start, end) = (self.starts[line], self.ends[line]);
        let want = pos.character as usize;
        if self.ascii || enc == Encoding::Utf8 {
            let mut at = (start + want).min(end);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            return at;
        }
        let mut units = 0;
        for (i, c) in text[start..end].char_indices() {
            let w = enc.width(c);
            if units + w > want {
                return start + i;
            }
            units += w;
        }
        end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [Encoding; 3] = [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32];

    #[test]
    fn negotiates_utf8_then_utf32_then_utf16() {
        use PositionEncodingKind as K;
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
        assert_eq!(Encoding::negotiate(Some(&[K::UTF16])), Encoding::Utf16);
        assert_eq!(
            Encoding::negotiate(Some(&[K::UTF16, K::UTF32])),
            Encoding::Utf32
        );
        assert_eq!(
            Encoding::negotiate(Some(&[K::UTF32, K::UTF8])),
            Encoding::Utf8
        );
        assert_eq!(Encoding::negotiate(Some(&[])), Encoding::Utf16);
    }

    #[test]
    fn astral_characters() {
        // 𠮷 is U+20BB7: 4 bytes, 2 UTF-16 units, 1 code point.
        let text = "a𠮷b,中";
        let idx = LineIndex::new(text);
        let b = text.find('b').unwrap();
        assert_eq!(idx.position(text, b, Encoding::Utf8), Position::new(0, 5));
        assert_eq!(idx.position(text, b, Encoding::Utf16), Position::new(0, 3));
        assert_eq!(idx.position(text, b, Encoding::Utf32), Position::new(0, 2));
        for enc in ALL {
            let p = idx.position(text, b, enc);
            assert_eq!(idx.offset(text, p, enc), b);
        }
        // Inside the surrogate pair: the character's start.
        assert_eq!(idx.offset(text, Position::new(0, 2), Encoding::Utf16), 1);
        // Inside the UTF-8 sequence: the character's start.
        assert_eq!(idx.offset(text, Position::new(0, 3), Encoding::Utf8), 1);
        // An offset inside a character is moved to its start.
        assert_eq!(idx.position(text, 2, Encoding::Utf16), Position::new(0, 1));
    }

    #[test]
    fn crlf_and_lone_cr() {
        let text = "第一行,\r\n第二行\r第三𠮷行\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 4);
        let second = text.find("第二").unwrap();
        let third = text.find("第三").unwrap();
        for enc in ALL {
            assert_eq!(idx.position(text, second, enc), Position::new(1, 0));
            assert_eq!(idx.position(text, third, enc), Position::new(2, 0));
            assert_eq!(idx.offset(text, Position::new(1, 0), enc), second);
            // Past the end of line 0: before its \r\n.
            assert_eq!(
                idx.offset(text, Position::new(0, 99), enc),
                text.find('\r').unwrap()
            );
            // Past the last line: the end of the text.
            assert_eq!(idx.offset(text, Position::new(9, 0), enc), text.len());
            assert_eq!(idx.position(text, text.len(), enc), Position::new(3, 0));
        }
        assert_eq!(idx.terminator(text, 0), "\r\n");
        assert_eq!(idx.terminator(text, 1), "\r");
        assert_eq!(idx.terminator(text, 2), "\n");
        let xing = text.rfind('行').unwrap();
        assert_eq!(
            idx.position(text, xing, Encoding::Utf16),
            Position::new(2, 4)
        );
        assert_eq!(
            idx.position(text, xing, Encoding::Utf32),
            Position::new(2, 3)
        );
        assert_eq!(
            idx.position(text, xing, Encoding::Utf8),
            Position::new(2, 10)
        );
    }

    #[test]
    fn bom_is_one_character() {
        let text = "\u{feff}会议指出,要学习。";
        let idx = LineIndex::new(text);
        let comma = text.find(',').unwrap();
        assert_eq!(comma, 15);
        assert_eq!(
            idx.position(text, comma, Encoding::Utf16),
            Position::new(0, 5)
        );
        assert_eq!(
            idx.position(text, comma, Encoding::Utf32),
            Position::new(0, 5)
        );
        assert_eq!(
            idx.position(text, comma, Encoding::Utf8),
            Position::new(0, 15)
        );
        for enc in ALL {
            let p = idx.position(text, comma, enc);
            assert_eq!(idx.offset(text, p, enc), comma);
            assert_eq!(idx.offset(text, Position::new(0, 0), enc), 0);
        }
    }

    #[test]
    fn round_trips_every_boundary() {
        let text = "\u{feff}a𠮷\r\n中文,(x)\r\r\n\n😀😀end";
        let idx = LineIndex::new(text);
        for enc in ALL {
            for (i, _) in text.char_indices().chain([(text.len(), ' ')]) {
                let p = idx.position(text, i, enc);
                let back = idx.offset(text, p, enc);
                // Offsets inside a terminator map to the line's end.
                let line = idx.line_of(i);
                assert!(back == i || back == idx.ends[line], "{enc:?} {i}");
            }
        }
    }
}
