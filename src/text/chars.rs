//! Character classes and navigation around a byte offset.
//!
//! Everything works on byte offsets into a text and decodes at most a few
//! characters around a candidate, so a rule built on these costs a byte scan
//! plus a little work per candidate.

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

/// Whether `c` is an ASCII letter or digit.
pub fn is_ascii_alnum(c: char) -> bool {
    c.is_ascii_alphanumeric()
}
