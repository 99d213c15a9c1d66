//! Text prepared for comparison: lines, width and quote folding, and
//! fingerprints.
//!
//! Comparison happens on a *normalized* copy (width-folded, whitespace
//! removed, quotes unified) so that a sentence pasted twice with different
//! punctuation widths or indentation is still the same sentence; spans are
//! always reported in the original text. The boilerplate rules and the
//! corpus pass compare this way.

use crate::span::Span;

/// One line of the prose view: its span without the line terminator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Line {
    pub span: Span,
    /// The span including the line terminator (for deleting the line).
    pub full: Span,
}

/// Every line of `text` (blank ones included), with and without terminators.
pub fn lines(text: &str) -> Vec<Line> {
    let mut out = Vec::with_capacity(memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1);
    let mut start = 0;
    for raw in split_lines(text) {
        let content = raw.trim_end_matches(['\n', '\r']).len();
        out.push(Line {
            span: Span::new(start, start + content),
            full: Span::new(start, start + raw.len()),
        });
        start += raw.len();
    }
    out
}

/// The lines of `text` with their terminators, as `text.split_inclusive('\n')`
/// cuts them, found by a vectorized search for the line breaks (several
/// times faster than the standard library's on lines of Chinese text).
pub fn split_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    let mut breaks = memchr::memchr_iter(b'\n', text.as_bytes());
    std::iter::from_fn(move || {
        let end = match breaks.next() {
            Some(p) => p + 1,
            None if start < text.len() => text.len(),
            None => return None,
        };
        let line = &text[start..end];
        start = end;
        Some(line)
    })
}

/// Whitespace as scraped pages have it: ASCII space and tab, NBSP, the
/// ideographic space, zero-width and BOM characters.
pub fn is_blank(c: char) -> bool {
    // Above the ideographic space only the BOM is blank: Han characters
    // and full-width punctuation are answered without a table lookup.
    if c > '\u{3000}' {
        return c == '\u{feff}';
    }
    c.is_whitespace()
        || matches!(
            c,
            '\u{feff}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}'
        )
}

/// Fold one character for comparison: full-width ASCII to ASCII, Chinese
/// quotes to ASCII quotes, the other full-width punctuation to its ASCII
/// twin; `None` for whitespace.
#[inline]
pub fn fold(c: char) -> Option<char> {
    if is_blank(c) {
        return None;
    }
    Some(match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '“' | '”' | '„' | '「' | '」' | '『' | '』' => '"',
        '‘' | '’' => '\'',
        '。' | '｡' => '.',
        '、' => ',',
        '【' | '〔' => '[',
        '】' | '〕' => ']',
        '—' | '―' | '─' => '-',
        '・' | '•' => '·',
        _ => c,
    })
}

/// The normalized form of `s` (see [`fold`]).
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    out.extend(s.chars().filter_map(fold));
    out
}

/// Whether a character counts toward the length of a normalized text:
/// letters, digits, ideographs (not punctuation or symbols).
pub fn is_word_char(c: char) -> bool {
    // Fast paths first: Han and ASCII are nearly all of the text, and
    // `char::is_alphanumeric` is a slow table lookup outside ASCII.
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    if super::chars::is_han(c) {
        return true;
    }
    if super::chars::is_cjk_punct(c)
        || matches!(c as u32, 0x2000..=0x206f | 0x3000..=0x303f | 0xff00..=0xff0f)
    {
        return false;
    }
    c.is_alphanumeric()
}

/// A 64-bit fingerprint of a char sequence: one multiply per character
/// (not per UTF-8 byte: Chinese text is three bytes a character), and a
/// final avalanche so that every bit depends on every character. Values
/// live in memory only (they are never stored), so the function may change.
pub fn fingerprint(chars: impl IntoIterator<Item = char>) -> u64 {
    let mut f = Fingerprint::new();
    for c in chars {
        f.push(c);
    }
    f.finish()
}

/// [`fingerprint`] fed one character at a time (several texts fingerprinted
/// in one pass over their characters).
#[derive(Clone, Copy, Debug)]
pub struct Fingerprint(u64);

impl Fingerprint {
    pub fn new() -> Fingerprint {
        Fingerprint(0xcbf2_9ce4_8422_2325)
    }

    pub fn push(&mut self, c: char) {
        self.0 =
            (self.0.rotate_left(5) ^ u64::from(u32::from(c))).wrapping_mul(0x517c_c1b7_2722_0a95);
    }

    pub fn finish(self) -> u64 {
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
}

impl Default for Fingerprint {
    fn default() -> Fingerprint {
        Fingerprint::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_width_space_and_quotes() {
        assert_eq!(
            normalize("\u{a0}\u{a0}她说:“好”，（是）"),
            "她说:\"好\",(是)"
        );
        assert_eq!(normalize("发布日期：　2022"), "发布日期:2022");
    }

    /// The fast path answers as the full definition for every character.
    #[test]
    fn blank_characters() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let full = c.is_whitespace()
                || matches!(
                    c,
                    '\u{feff}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}'
                );
            assert_eq!(is_blank(c), full, "{:x}", c as u32);
        }
    }

    #[test]
    fn split_lines_cuts_as_the_standard_library() {
        for text in [
            "",
            "a",
            "a\n",
            "\n",
            "\n\n",
            "a\r\nb",
            "甲\n乙\n\n丙",
            "x\ny\n",
        ] {
            assert_eq!(
                split_lines(text).collect::<Vec<_>>(),
                text.split_inclusive('\n').collect::<Vec<_>>(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn lines_keep_terminators_apart() {
        let l = lines("a\r\nbc\n\nd");
        assert_eq!(l.len(), 4);
        assert_eq!(l[0].span, Span::new(0, 1));
        assert_eq!(l[0].full, Span::new(0, 3));
        assert_eq!(l[3].span, Span::new(7, 8));
    }
}
