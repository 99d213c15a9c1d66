//! Deleting whole lines the same way in every boilerplate rule.
//!
//! A rule that deletes lines (chrome, a repeated title, a pasted paragraph)
//! deletes them with their line breaks, and the blank lines that only
//! separated them from the text go too: after a fix the text has the
//! paragraph breaks it would have had without the deleted lines, and no
//! blank-line debris (`A\n\n[chrome]\n\nB` becomes `A\n\nB`, not
//! `A\n\n\nB`; chrome at the end leaves no trailing blank line).

use crate::span::Span;
use crate::text::compare::{Line, is_blank};
use regex::Regex;

/// The lines of `text` (as [`crate::text::compare::lines`] cuts them) that
/// hold a match of `marks`, in order, each once. A rule whose findings need
/// a mark on their line (a colon after a label, an NBSP) looks only at these:
/// one scan of the whole text for the marks instead of one per line.
pub fn marked_lines<'a>(text: &'a str, marks: &'a Regex) -> impl Iterator<Item = Line> + 'a {
    lines_with(text, move |from| {
        marks.find_at(text, from).map(|m| m.start())
    })
}

/// The lines of `text` that hold a hit of `next_hit` (the start of the
/// first hit at or after a byte offset, never in a line terminator), in
/// order, each once.
pub fn lines_with<'a>(
    text: &'a str,
    mut next_hit: impl FnMut(usize) -> Option<usize> + 'a,
) -> impl Iterator<Item = Line> + 'a {
    let bytes = text.as_bytes();
    let mut from = 0;
    std::iter::from_fn(move || {
        if from >= text.len() {
            return None;
        }
        let hit = next_hit(from)?;
        let start = memchr::memrchr(b'\n', &bytes[..hit]).map_or(0, |p| p + 1);
        let (content, end) = match memchr::memchr(b'\n', &bytes[hit..]) {
            Some(p) => (hit + p, hit + p + 1),
            None => (text.len(), text.len()),
        };
        from = end;
        let content = start + text[start..content].trim_end_matches('\r').len();
        Some(Line {
            span: Span::new(start, content),
            full: Span::new(start, end),
        })
    })
}

/// A searcher for any of the characters `marks` (the regex engine's
/// vectorized literal search is several times faster on Chinese text than
/// a character-by-character scan or an automaton).
pub fn marks(marks: &[char]) -> Regex {
    let alternation = marks
        .iter()
        .map(|c| regex::escape(c.encode_utf8(&mut [0; 4])))
        .collect::<Vec<_>>()
        .join("|");
    Regex::new(&alternation).expect("an alternation of literal characters")
}

/// Whether `line` (without its terminator) is blank.
fn blank(line: &str) -> bool {
    line.trim_end_matches('\r').chars().all(is_blank)
}

/// The span to delete for the whole lines `full` of `text` (from a line
/// start to just after a line break, or to the end of the text): the lines
/// themselves, plus the blank lines after them when a blank line (or the
/// start of the text) comes before them, and plus the blank lines before
/// them when they run to the end of the text.
pub fn deletion(text: &str, full: Span) -> Span {
    let (mut start, mut end) = (full.start, full.end);
    let before = &text[..start];
    // The line before the block: blank, or the text starts here.
    let separated = start == 0 || {
        let prev = before.strip_suffix('\n').unwrap_or(before);
        blank(&prev[prev.rfind('\n').map_or(0, |i| i + 1)..])
    };
    if separated {
        while end < text.len() {
            let next = text[end..].find('\n').map_or(text.len(), |i| end + i + 1);
            if !blank(text[end..next].trim_end_matches('\n')) {
                break;
            }
            end = next;
        }
    }
    if end == text.len() {
        // Nothing follows: the blank lines before the block go with it
        // (the last kept line keeps its own line break).
        while start > 0 {
            let line_start = text[..start - 1].rfind('\n').map_or(0, |i| i + 1);
            if !blank(&text[line_start..start - 1]) {
                break;
            }
            start = line_start;
        }
    }
    Span::new(start, end)
}

#[cfg(test)]
mod tests {
    use super::{deletion, marked_lines, marks};
    use crate::span::Span;
    use crate::text::compare::lines;

    #[test]
    fn marked_lines_are_the_lines_with_a_mark() {
        let ac = marks(&[':', '：']);
        for text in [
            "a:b\nc\r\n\nd：e：f\r\r\ng:",
            ":\n:\n",
            "no marks\n",
            "",
            "x\n\n:",
        ] {
            let want: Vec<_> = lines(text)
                .into_iter()
                .filter(|l| text[l.span.range()].contains([':', '：']))
                .collect();
            assert_eq!(
                marked_lines(text, &ac).collect::<Vec<_>>(),
                want,
                "{text:?}"
            );
        }
    }

    fn apply(text: &str, from: usize, to: usize) -> String {
        let s = deletion(text, Span::new(from, to));
        format!("{}{}", &text[..s.start], &text[s.end..])
    }

    #[test]
    fn no_blank_line_debris() {
        // Between paragraphs separated by blank lines.
        assert_eq!(apply("A\n\nX\n\nB\n", 3, 5), "A\n\nB\n");
        // Between lines, nothing else to take.
        assert_eq!(apply("A\nX\nB\n", 2, 4), "A\nB\n");
        // At the start.
        assert_eq!(apply("X\n\nA\n", 0, 2), "A\n");
        // At the end, with and without a final line break.
        assert_eq!(apply("A\n\nX\n", 3, 5), "A\n");
        assert_eq!(apply("A\n\nX", 3, 4), "A\n");
        assert_eq!(apply("A\nX", 2, 3), "A\n");
        // CRLF.
        assert_eq!(apply("A\r\n\r\nX\r\n\r\nB\r\n", 5, 8), "A\r\n\r\nB\r\n");
        // The whole text.
        assert_eq!(apply("X\n", 0, 2), "");
    }
}
