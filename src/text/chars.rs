//! Character classes and navigation around a byte offset.
//!
//! Everything works on byte offsets into a text and decodes at most a few
//! characters around a candidate, so a rule built on these costs a byte scan
//! plus a little work per candidate.

use crate::span::Span;

/// A Han character (CJK unified ideographs and extensions, compatibility ideographs, 〇).
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F | 0x3007)
}

/// Full-width (CJK) punctuation: 、。，；：？！“”‘’《》〈〉（）【】〔〕…—·～ and friends.
pub fn is_cjk_punct(c: char) -> bool {
    matches!(
        c,
        '、' | '。'
            | '，'
            | '；'
            | '：'
            | '？'
            | '！'
            | '“'
            | '”'
            | '‘'
            | '’'
            | '《'
            | '》'
            | '〈'
            | '〉'
            | '（'
            | '）'
            | '【'
            | '】'
            | '〔'
            | '〕'
            | '〖'
            | '〗'
            | '「'
            | '」'
            | '『'
            | '』'
            | '…'
            | '—'
            | '～'
            | '·'
            | '・'
            | '〃'
    )
}

/// Han or full-width punctuation: the "Chinese context" of a mark.
pub fn is_cjk(c: char) -> bool {
    is_han(c) || is_cjk_punct(c)
}

/// A horizontal space: ASCII space, tab, NBSP or the ideographic space U+3000.
pub fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{a0}' | '\u{3000}')
}

/// The character ending at byte `i` (the one just before `i`).
pub fn char_before(text: &str, i: usize) -> Option<char> {
    text[..i].chars().next_back()
}

/// The character starting at byte `i`.
pub fn char_at(text: &str, i: usize) -> Option<char> {
    text[i..].chars().next()
}

/// Start of the run of spaces ending at `i`.
pub fn spaces_start(text: &str, i: usize) -> usize {
    let mut s = i;
    while let Some(c) = char_before(text, s) {
        if !is_space(c) {
            break;
        }
        s -= c.len_utf8();
    }
    s
}

/// End of the run of spaces starting at `i`.
pub fn spaces_end(text: &str, i: usize) -> usize {
    let mut e = i;
    while let Some(c) = char_at(text, e) {
        if !is_space(c) {
            break;
        }
        e += c.len_utf8();
    }
    e
}

/// The runs of horizontal space (space, tab, NBSP, U+3000) in `text`, as
/// byte ranges, in order: `memchr` for the ASCII ones, `memmem` for the two
/// multi-byte ones, merged. Several punctuation rules read them: a check
/// takes them from [`crate::rule::CheckContext::space_runs`], found once.
pub fn space_runs(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut starts: Vec<usize> = memchr::memchr2_iter(b' ', b'\t', bytes).collect();
    starts.extend(super::needle!("\u{a0}").find_iter(bytes));
    starts.extend(super::needle!("\u{3000}").find_iter(bytes));
    starts.sort_unstable();
    let mut runs = Vec::new();
    let mut next = 0;
    for s in starts {
        if s < next {
            continue;
        }
        let e = spaces_end(text, s);
        next = e;
        runs.push(Span::new(s, e));
    }
    runs
}

/// The nearest non-space character before `i` on the same line.
pub fn prev_non_space(text: &str, i: usize) -> Option<char> {
    char_before(text, spaces_start(text, i)).filter(|c| *c != '\n' && *c != '\r')
}

/// The nearest non-space character from `i` on, on the same line.
pub fn next_non_space(text: &str, i: usize) -> Option<char> {
    char_at(text, spaces_end(text, i)).filter(|c| *c != '\n' && *c != '\r')
}

/// The line (without its terminator) around byte `i`, as a byte range.
pub fn line_bounds(text: &str, i: usize) -> (usize, usize) {
    let b = text.as_bytes();
    let start = memchr::memrchr(b'\n', &b[..i]).map_or(0, |p| p + 1);
    let end = memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |p| i + p);
    let end = if end > start && b[end - 1] == b'\r' {
        end - 1
    } else {
        end
    };
    (start, end)
}

/// [`line_bounds`] for positions visited in increasing order, as a rule
/// walking its candidates front to back does.
///
/// `line_bounds` scans back to the line's start and forward to its end, so
/// asking it once per candidate costs the line's length each time: on a
/// scraped page saved as one line of 100,000 characters with thousands of
/// spaces, that is quadratic. The cursor keeps the current line and, for a
/// later position, scans only the bytes between the two, so a whole walk
/// costs the text's length once. An earlier position is answered too, at
/// `line_bounds`'s price.
#[derive(Clone, Debug)]
pub struct LineCursor<'a> {
    text: &'a [u8],
    /// The current line's start, and the byte after its last one (its
    /// `\n` or the text's end); `None` before the first query.
    line: Option<(usize, usize)>,
}

impl<'a> LineCursor<'a> {
    /// A cursor over `text`.
    pub fn new(text: &'a str) -> Self {
        LineCursor {
            text: text.as_bytes(),
            line: None,
        }
    }

    /// The line (without its terminator) around byte `i`, as
    /// [`line_bounds`] gives it.
    pub fn bounds(&mut self, i: usize) -> (usize, usize) {
        let b = self.text;
        let (start, next) = match self.line {
            Some((start, next)) if (start..=next).contains(&i) => (start, next),
            Some((_, next)) if i > next => {
                let start = memchr::memrchr(b'\n', &b[next..i]).map_or(next, |p| next + p + 1);
                (
                    start,
                    memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |p| i + p),
                )
            }
            _ => {
                let start = memchr::memrchr(b'\n', &b[..i]).map_or(0, |p| p + 1);
                (
                    start,
                    memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |p| i + p),
                )
            }
        };
        self.line = Some((start, next));
        let end = if next > start && b[next - 1] == b'\r' {
            next - 1
        } else {
            next
        };
        (start, end)
    }
}

/// Whether `c` is an ASCII letter or digit.
pub fn is_ascii_alnum(c: char) -> bool {
    c.is_ascii_alphanumeric()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn space_runs_are_maximal_runs_of_any_horizontal_space() {
        let text = "甲 \t乙\u{3000}丙\u{a0}\u{a0} 丁";
        let runs: Vec<&str> = space_runs(text).iter().map(|r| &text[r.range()]).collect();
        assert_eq!(runs, [" \t", "\u{3000}", "\u{a0}\u{a0} "]);
        assert!(space_runs("无空格").is_empty());
    }

    /// The cursor answers exactly what `line_bounds` does, whatever the
    /// order of the positions.
    #[test]
    fn line_cursor_is_line_bounds() {
        for text in [
            "",
            "\n",
            "a",
            "甲乙\n\n丙 丁\r\n戊\r\n",
            "x\r\n\r\ny\n",
            "长行 甲 乙 丙",
        ] {
            let positions: Vec<usize> = (0..=text.len()).collect();
            let mut forward = LineCursor::new(text);
            for &i in &positions {
                assert_eq!(forward.bounds(i), line_bounds(text, i), "{text:?} at {i}");
            }
            let mut backward = LineCursor::new(text);
            for &i in positions.iter().rev() {
                assert_eq!(backward.bounds(i), line_bounds(text, i), "{text:?} at {i}");
            }
            let mut hopping = LineCursor::new(text);
            for k in 0..positions.len() {
                let i = positions[(k * 7 + 3) % positions.len()];
                assert_eq!(hopping.bounds(i), line_bounds(text, i), "{text:?} at {i}");
            }
        }
    }
}
