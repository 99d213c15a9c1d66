//! Helpers shared by the native rules of several families (not a rule):
//! how a line reads (a headline, a list of names), where a title mark pair
//! encloses an offset, and line blocks for documents without structure.
//! Character classes live in [`crate::text::chars`]; reading parameters in
//! [`crate::rule::params`].

use crate::text::chars::{char_before, is_cjk, is_space};

/// Whether a line reads like a headline, a byline or a label rather than a
/// sentence: it is not indented, holds no sentence-final mark (`。`, or
/// `？！.?!` before its end), does not end in a pause mark or an ellipsis,
/// and is at most 200 characters long.
///
/// Web and broadcast headlines separate their clauses with spaces (“忠诚拥护
/// “两个确立” 兴起火热学习高潮”), and run long when they carry the title of a
/// document; bylines separate names with spaces (“记者 王小明”). Neither is a
/// stray space. Sentences end with 。 and paragraphs are long.
pub fn is_title_like(line: &str) -> bool {
    if line.len() > 200 * 3 + 32 {
        return false;
    }
    // An indented line is a paragraph; a line that ends in a pause or an
    // ellipsis continues a sentence.
    if line.starts_with(is_space)
        || line
            .trim_end_matches(is_space)
            .ends_with(['，', '、', '；', '：', '…', ',', ';'])
    {
        return false;
    }
    if memchr::memchr3(b'.', b'?', b'!', line.as_bytes()).is_some() {
        // A half-width mark may end a sentence (or sit in `3.5`): look closer.
        let trimmed = line.trim_end_matches(is_space);
        let ends_sentence = trimmed.char_indices().any(|(i, c)| {
            matches!(c, '.' | '?' | '!')
                && i + 1 < trimmed.len()
                && char_before(line, i).is_some_and(is_cjk)
        });
        if ends_sentence {
            return false;
        }
    }
    if line.contains('。') {
        return false;
    }
    // A headline may end with ？ or ！ (国际锐评：…还想欺瞒世界？), a sentence
    // inside a paragraph does not stop there.
    let body = line.trim_end_matches(is_space);
    let body = body.strip_suffix(['？', '！']).unwrap_or(body);
    if body.contains(['？', '！']) {
        return false;
    }
    line.chars().filter(|c| !is_space(*c)).count() <= 200
}

/// Opening halves of the paired full-width marks, with their closers.
pub const CJK_PAIRS: [(char, char); 8] = [
    ('“', '”'),
    ('‘', '’'),
    ('（', '）'),
    ('《', '》'),
    ('【', '】'),
    ('〔', '〕'),
    ('〈', '〉'),
    ('「', '」'),
];

/// Whether offsets of a line sit inside an open 《…》, “…” or 【…】 (or one
/// of `extra` openers) started earlier on the line. Used to spare titles of
/// works and slogans, where a space is the title's own clause separator.
/// Offsets are asked in increasing order: each call scans only the text
/// since the previous one, so checking every space of a long line stays
/// linear.
pub struct TitleMarkScanner<'a> {
    line: &'a str,
    pairs: Vec<(char, char)>,
    depth: Vec<i32>,
    pos: usize,
}

impl<'a> TitleMarkScanner<'a> {
    pub fn new(line: &'a str, extra: &[(char, char)]) -> Self {
        let pairs: Vec<(char, char)> = [('《', '》'), ('“', '”'), ('【', '】')]
            .into_iter()
            .chain(extra.iter().copied())
            .collect();
        let depth = vec![0; pairs.len()];
        TitleMarkScanner {
            line,
            pairs,
            depth,
            pos: 0,
        }
    }

    /// Whether offset `i` (not before the previous call's) is inside marks.
    pub fn inside(&mut self, i: usize) -> bool {
        debug_assert!(i >= self.pos);
        for c in self.line[self.pos.min(i)..i].chars() {
            for (k, (o, cl)) in self.pairs.iter().enumerate() {
                if c == *o {
                    self.depth[k] += 1;
                } else if c == *cl && self.depth[k] > 0 {
                    self.depth[k] -= 1;
                }
            }
        }
        self.pos = self.pos.max(i);
        self.depth.iter().any(|d| *d > 0)
    }
}

/// Each non-blank line of `text` as a paragraph block (for documents that
/// come without block structure).
pub fn line_blocks(text: &str) -> Vec<crate::document::Block> {
    let mut blocks = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let end = start + line.trim_end_matches(['\n', '\r']).len();
        if text[start..end].chars().any(|c| !c.is_whitespace()) {
            blocks.push(crate::document::Block {
                span: crate::span::Span::new(start, end),
                kind: crate::document::BlockKind::Paragraph,
            });
        }
        start += line.len();
    }
    blocks
}

/// A line that is mostly a list of names: at least four spaces, and on
/// average at most six non-space characters between them
/// (`丁学东 丁薛祥 万立骏 马飚（壮族） 王莉霞（女，蒙古族）…`).
pub fn is_name_list(line: &str) -> bool {
    let mut spaces = 0;
    let mut chars = 0;
    let mut in_space = false;
    for c in line.chars() {
        if is_space(c) {
            if !in_space {
                spaces += 1;
            }
            in_space = true;
        } else {
            chars += 1;
            in_space = false;
        }
    }
    spaces >= 4 && chars <= 6 * (spaces + 1)
}

/// A line that is a list of short items separated by spaces rather than
/// prose: a tag or keyword cloud, a navigation bar, a row of links. At
/// least six separating spaces, on average at most twelve non-space
/// characters between them, and no sentence punctuation (`。，；`).
/// The spaces there separate items; they are not slips inside a sentence.
pub fn is_spaced_list(line: &str) -> bool {
    let mut separators = 0;
    let mut chars = 0;
    let mut in_space = false;
    let mut started = false;
    for c in line.chars() {
        if matches!(c, '。' | '，' | '；') {
            return false;
        }
        if is_space(c) {
            if started && !in_space {
                separators += 1;
            }
            in_space = true;
        } else {
            chars += 1;
            started = true;
            in_space = false;
        }
    }
    if in_space && separators > 0 {
        separators -= 1; // trailing whitespace separates nothing
    }
    separators >= 6 && chars <= 12 * (separators + 1)
}
