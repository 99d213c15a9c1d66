//! Small helpers shared by native rules: character classes and parameter reading.

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

/// Read an optional string parameter.
pub fn param_str<'a>(params: &'a toml::Table, key: &str) -> Result<Option<&'a str>, String> {
    match params.get(key) {
        None => Ok(None),
        Some(toml::Value::String(s)) => Ok(Some(s)),
        Some(other) => Err(format!(
            "参数 `{key}` 应为字符串，实际为 {}",
            other.type_str()
        )),
    }
}

/// Read an optional boolean parameter.
pub fn param_bool(params: &toml::Table, key: &str) -> Result<Option<bool>, String> {
    match params.get(key) {
        None => Ok(None),
        Some(toml::Value::Boolean(b)) => Ok(Some(*b)),
        Some(other) => Err(format!(
            "参数 `{key}` 应为布尔值，实际为 {}",
            other.type_str()
        )),
    }
}

/// Read an optional list-of-strings parameter.
pub fn param_strings(params: &toml::Table, key: &str) -> Result<Option<Vec<String>>, String> {
    match params.get(key) {
        None => Ok(None),
        Some(toml::Value::Array(a)) => a
            .iter()
            .map(|v| {
                v.as_str()
                    .map(str::to_owned)
                    .ok_or_else(|| format!("参数 `{key}` 应为字符串数组"))
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Some),
        Some(other) => Err(format!(
            "参数 `{key}` 应为字符串数组，实际为 {}",
            other.type_str()
        )),
    }
}

/// Reject parameters the rule does not know (typos in config must not pass silently).
pub fn deny_unknown_params(params: &toml::Table, known: &[&str]) -> Result<(), String> {
    match params.keys().find(|k| !known.contains(&k.as_str())) {
        Some(k) => Err(format!(
            "未知参数 `{k}`（可用参数：{}）",
            if known.is_empty() {
                "无".to_string()
            } else {
                known.join("、")
            }
        )),
        None => Ok(()),
    }
}

/// Read an optional string parameter restricted to `allowed` values.
pub fn param_choice<'a>(
    params: &'a toml::Table,
    key: &str,
    allowed: &[&str],
) -> Result<Option<&'a str>, String> {
    match param_str(params, key)? {
        None => Ok(None),
        Some(v) if allowed.contains(&v) => Ok(Some(v)),
        Some(v) => Err(format!(
            "参数 `{key}` 的值 `{v}` 无效（可选：{}）",
            allowed.join("、")
        )),
    }
}

// ---------------------------------------------------------------------------
// Text navigation shared by the punctuation rules. Everything works on byte
// offsets into the prose view and decodes at most a few characters around a
// candidate, so a rule costs a byte scan plus a little work per candidate.

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

/// Whether byte `i` of `line` sits inside an open 《…》, “…” or 【…】 (or one
/// of `extra` openers) started earlier on the line. Used to spare titles of
/// works and slogans, where a space is the title's own clause separator.
pub fn inside_title_marks(line: &str, i: usize, extra: &[(char, char)]) -> bool {
    TitleMarkScanner::new(line, extra).inside(i)
}

/// [`inside_title_marks`] for a series of increasing offsets in one line:
/// each call scans only the text since the previous one, so checking every
/// space of a long line stays linear.
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

/// Whether `c` is an ASCII letter or digit.
pub fn is_ascii_alnum(c: char) -> bool {
    c.is_ascii_alphanumeric()
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
