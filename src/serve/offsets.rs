//! Byte offsets to UTF-16 code-unit offsets.
//!
//! The library speaks in byte offsets into UTF-8 text (the JSON format in the README), but the
//! page is JavaScript, whose strings count UTF-16 code units: an astral
//! character such as 𠮷 (U+20BB7) is four bytes, one `char` and two code
//! units. Getting this wrong shifts every highlight after the first such
//! character, so the API hands out both and the page never converts.
//!
//! A map keeps a checkpoint every [`STRIDE`] bytes, so one lookup costs at
//! most that many bytes of counting, whatever the document's size and the
//! number of diagnostics.

/// Bytes between checkpoints.
const STRIDE: usize = 1024;

/// Byte offset → UTF-16 offset for one text.
pub struct Utf16Map<'a> {
    text: &'a str,
    /// `checkpoints[i]` = UTF-16 units before byte `i * STRIDE` (rounded
    /// down to a character boundary, kept in `bytes[i]`).
    bytes: Vec<usize>,
    units: Vec<usize>,
}

impl<'a> Utf16Map<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut bytes = vec![0];
        let mut units = vec![0];
        let (mut at, mut count) = (0usize, 0usize);
        while at + STRIDE < text.len() {
            let next = floor(text, at + STRIDE);
            if next <= at {
                break;
            }
            count += utf16_len(&text[at..next]);
            bytes.push(next);
            units.push(count);
            at = next;
        }
        Utf16Map { text, bytes, units }
    }

    /// UTF-16 code units before byte `offset` (clamped to the text, and
    /// rounded down to a character boundary).
    pub fn at(&self, offset: usize) -> usize {
        let offset = floor(self.text, offset.min(self.text.len()));
        let i = self.bytes.partition_point(|&b| b <= offset) - 1;
        self.units[i] + utf16_len(&self.text[self.bytes[i]..offset])
    }
}

fn utf16_len(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

fn floor(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_astral_characters_twice() {
        let text = "𠮷a，b\r\n𠮷";
        let map = Utf16Map::new(text);
        assert_eq!(map.at(0), 0);
        assert_eq!(map.at(4), 2); // after 𠮷
        assert_eq!(map.at(5), 3); // after a
        assert_eq!(map.at(8), 4); // after ，
        assert_eq!(map.at(text.len()), text.encode_utf16().count());
        assert_eq!(map.at(text.len() + 10), text.encode_utf16().count());
    }

    #[test]
    fn long_texts_use_checkpoints() {
        let text = "𠮷一a".repeat(2000);
        let map = Utf16Map::new(&text);
        for (i, _) in text.char_indices().step_by(7) {
            assert_eq!(map.at(i), text[..i].encode_utf16().count());
        }
    }
}
