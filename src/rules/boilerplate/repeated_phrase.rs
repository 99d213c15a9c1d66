//! 文档内部被复制的分句（提示）
//!
//! ## 检查什么
//! 找出在文档正文中写了两遍的一长段句子成分（一个或多个分句，至少`min-chars`个字母、数字或汉字），无论两处是在两个段落中还是在同一段落中，并报告后一处。这正是把一个段落中的分句粘贴到另一个段落后留下的痕迹，例如导语提到“党的二十大报告中的……两部分内容”，后面某段又逐字照抄了同样的50个字。
//!
//! 比较在规范化之后进行（统一全半角、去掉空白、统一引号）。满足以下条件才算复制：足够长（`min-chars`）；其中至少`min-clause-chars`个字在两处之一是完整的分句（从一个分句标点`，、；：。`到下一个：即复制的是分句，而不是两个不同句子恰好共有的长名词短语）；且其中至少`min-residue`个字是普通词语，而不是名称和固定表述（见下文）。
//!
//! ## 不报告的情形
//! - 整句重复：由`boilerplate/repeated-sentence`报告（每处副本报告一次）；这里只看重复内容中在两处并非都是整句的部分。
//! - 标题和小标题（不含分句标点的行）：导语复述标题正是新闻的写法（正文中逐字重复标题由`boilerplate/repeated-title`报告）。
//! - 转述的讲话：在引述某人的句子中出现的副本（`习近平强调，……`，即逗号、冒号或引号之前有`speech-verbs`中的某个动词），例如导语概括一篇讲话，后面再附讲话全文；讲话人复述自己说过的话（`我反复强调过，……`、`我多次讲过：`，动词后可带`过`或`了`）；以及大部分在引号内的文字。
//! - 法律法规的条文：条文（以`第…条`开头的行及其后的款、项）中两处共有的分句，如同样的前提（`违反本条例规定，……`）和罚则，是法律的写法。
//! - 有意重复的名称：书名号中的标题、文件名称（`关于……的决定/通知/意见…`，见`document-suffixes`），以及`canonical`中所列的规范表述和标语；这些不计入`min-residue`。
//!
//! ## 修复
//! 不提供修复：保留哪一处，或是否把第二处缩写为一个指代，属于编辑决定。
//!
//! ## 依据
//! 一个分句写了两遍，通常是编辑时的遗留：由两份草稿合并而成的段落，或被复制到正文中的导语。公文检查工具把它列为“片段重复”。但这并不总是错误，所以本规则只作提示。

// English original of the user documentation above (developer notes):
//
// Clauses copied within a document (info).
//
// ## What it does
// Finds a long stretch of a sentence — one or more clauses, at least
// `min-chars` letters, digits or ideographs — written twice in the body of
// a document, in two paragraphs or twice in one, and reports the later copy.
// This is what pasting a clause from one paragraph into another leaves, for
// example a lead that names “党的二十大报告中的……两部分内容” and a later
// paragraph that copies the same 50 characters word for word.
//
// Text is compared after normalization (full/half width folded, whitespace
// removed, quotes unified). A copy counts when it is long (`min-chars`), when
// at least `min-clause-chars` of it are whole clauses in one of the two
// copies (from one clause mark `，、；：。` to the next: a copied clause, not
// a long noun phrase that two different sentences happen to share), and when
// at least `min-residue` of its characters are ordinary words rather than
// names and fixed formulations (see below).
//
// ## Why
// A clause written twice is usually an editing leftover: a paragraph merged
// from two drafts, a lead copied into the body. Checkers of official prose
// report it as 片段重复. It is not always wrong, so this is a hint.
//
// ## What it leaves alone
// - Whole sentences repeated: `boilerplate/repeated-sentence` reports those
//   (one finding per copy); only the part of a repeat that is not a whole
//   sentence in both copies is looked at here.
// - The title and headings (lines without clause punctuation): a lead that
//   restates the headline is how news is written (a title repeated verbatim
//   in the body is `boilerplate/repeated-title`).
// - Statute text: clauses found twice in the text of a statute (lines
//   opening with `第…条` and the paragraphs and items after them), such as the same conditions and penalties, as laws are written.
// - Reported speech: a copy in a sentence that quotes someone
//   (`习近平强调，……`, one of `speech-verbs` before a comma, colon or
//   quote, maybe with `过` or `了` after the verb: `我反复强调过，……`, a
//   speaker restating their own point), as when a lead sums up a speech
//   whose full text follows; text
//   mostly inside quotation marks.
// - Names, which are repeated on purpose: titles in 《》, document names
//   (`关于……的决定/通知/意见…`, see `document-suffixes`) and the canonical
//   formulations (规范表述) and slogans in `canonical`; they do not count
//   toward `min-residue`.
//
// ## Cost
// Linear in the size of the document: a rolling hash over windows of the
// normalized text finds each repeat once; every character is compared a
// bounded number of times.
//
// ## Fix safety
// No fix: which copy to keep, or whether to shorten the second to a
// reference, is an editorial decision.

use super::helpers::canonical::Canonical;
use super::helpers::prints::PrintMap;
use super::helpers::statute::Statute;
use crate::rule::message::Emitter;
use crate::rule::params::deny_unknown_params;
use crate::rule::params::{param_list, param_usize};
use crate::rule::{CheckContext, Checker, Finding};
use crate::rules::NativeArgs;
use crate::span::Span;
use crate::text::compare::{fold, is_word_char};
use regex::Regex;
use std::collections::HashMap;

const PARAMS: &[&str] = &[
    "min-chars",
    "min-clause-chars",
    "min-residue",
    "canonical",
    "speech-verbs",
    "document-suffixes",
];

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    deny_unknown_params(args.params, PARAMS)?;
    let min_chars = param_usize(args.params, "min-chars")?.unwrap_or(36).max(8);
    let verbs = param_list(args.params, "speech-verbs")?;
    let speech = if verbs.is_empty() {
        None
    } else {
        let alternation = verbs
            .iter()
            .map(|v| regex::escape(&crate::text::compare::normalize(v)))
            .collect::<Vec<_>>()
            .join("|");
        Some(
            // `我反复强调过，……`, `我多次讲过：`: a speaker restating
            // their own point.
            Regex::new(&format!(r#"(?:{alternation})(?:过|了)?[,:"]"#))
                .map_err(|e| format!("参数 `speech-verbs` 无法编译：{e}"))?,
        )
    };
    let suffixes = param_list(args.params, "document-suffixes")?;
    let mut names = String::from(r"《[^《》]*》?|^[^《》]*》|〈[^〈〉]*〉?|^[^〈〉]*〉");
    if !suffixes.is_empty() {
        let alternation = suffixes
            .iter()
            .map(|v| regex::escape(&crate::text::compare::normalize(v)))
            .collect::<Vec<_>>()
            .join("|");
        names.push_str(&format!(
            r#"|关于[^,.;:!?《》"]{{2,60}}?的(?:{alternation})(?:草案|修改稿|\(草案\)|\(修订草案\))*"#
        ));
    }
    Ok(Box::new(RepeatedPhrase {
        emit: args.emitter(),
        min_chars,
        min_clause_chars: param_usize(args.params, "min-clause-chars")?.unwrap_or(25),
        min_residue: param_usize(args.params, "min-residue")?.unwrap_or(20),
        canonical: Canonical::new(&param_list(args.params, "canonical")?)?,
        speech,
        names: Regex::new(&names).map_err(|e| format!("文件名称模式无法编译：{e}"))?,
    }))
}

struct RepeatedPhrase {
    emit: Emitter,
    min_chars: usize,
    min_clause_chars: usize,
    min_residue: usize,
    canonical: Canonical,
    /// A speech verb followed by a comma, colon or quote (normalized).
    speech: Option<Regex>,
    /// Titles in 《》 and document names (normalized).
    names: Regex,
}

/// The normalized prose of a document: the lines that can hold a copied
/// clause (not the title, not headings), one entry per kept character, a
/// `'\n'` after each line. Only the characters are held per character (the
/// repeats are searched in them); byte offsets and quotation marks are
/// worked out again from a line's text for the few candidates that need
/// them.
struct Normalized<'t> {
    text: &'t str,
    chars: Chars,
    /// Index (into `chars`) of the first character of each kept line.
    starts: Vec<usize>,
    /// Byte range in the prose view of each kept line (without its break).
    spans: Vec<(usize, usize)>,
    /// 1-based number of each kept line.
    lines: Vec<usize>,
    /// Whether each kept line is in the text of a statute (`第十条　……`).
    articles: Vec<bool>,
}

/// The normalized characters, two bytes each: a character of the Basic
/// Multilingual Plane is its own code unit, and the few others a text may
/// hold (a rare ideograph, an emoji) are numbered in the surrogate range,
/// which no character uses. Four bytes each only for a text with more than
/// [`ASTRAL_MAX`] distinct characters beyond the plane.
enum Chars {
    Narrow {
        units: Vec<u16>,
        /// The characters beyond the plane, by unit minus `0xD800`.
        astral: Vec<char>,
        /// Their units.
        numbered: HashMap<char, u16>,
    },
    Wide(Vec<char>),
}

/// How many characters beyond the Basic Multilingual Plane the surrogate
/// range numbers.
const ASTRAL_MAX: usize = 0x800;

impl Chars {
    fn with_capacity(n: usize) -> Chars {
        Chars::Narrow {
            units: Vec::with_capacity(n),
            astral: Vec::new(),
            numbered: HashMap::new(),
        }
    }

    fn len(&self) -> usize {
        match self {
            Chars::Narrow { units, .. } => units.len(),
            Chars::Wide(v) => v.len(),
        }
    }

    fn reserve(&mut self, more: usize) {
        match self {
            Chars::Narrow { units, .. } => units.reserve(more),
            Chars::Wide(v) => v.reserve(more),
        }
    }

    fn push(&mut self, c: char) {
        match self {
            Chars::Narrow {
                units,
                astral,
                numbered,
            } => {
                if let Ok(unit) = u16::try_from(u32::from(c)) {
                    units.push(unit);
                } else if let Some(&unit) = numbered.get(&c) {
                    units.push(unit);
                } else if astral.len() < ASTRAL_MAX {
                    let unit = 0xD800 + astral.len() as u16;
                    units.push(unit);
                    numbered.insert(c, unit);
                    astral.push(c);
                } else {
                    let mut wide: Vec<char> = Vec::with_capacity(units.capacity());
                    wide.extend(units.iter().map(|&u| decode(u, astral)));
                    wide.push(c);
                    *self = Chars::Wide(wide);
                }
            }
            Chars::Wide(v) => v.push(c),
        }
    }

    fn at(&self, i: usize) -> char {
        match self {
            Chars::Narrow { units, astral, .. } => decode(units[i], astral),
            Chars::Wide(v) => v[i],
        }
    }
}

/// Replace each `.` between two digits by `․` (one dot leader), a
/// character that is not a sentence end: `3.5` is a number.
fn mark_decimal_points<T: Copy + Into<u32>>(chars: &mut [T], leader: T) {
    let digit = |c: T| (u32::from('0')..=u32::from('9')).contains(&c.into());
    for i in 1..chars.len().saturating_sub(1) {
        if chars[i].into() == u32::from('.') && digit(chars[i - 1]) && digit(chars[i + 1]) {
            chars[i] = leader;
        }
    }
}

/// The character of a code unit stored by [`Chars::push`].
fn decode(unit: u16, astral: &[char]) -> char {
    match unit {
        0xD800..=0xDFFF => astral[usize::from(unit - 0xD800)],
        _ => char::from_u32(u32::from(unit)).unwrap_or(char::REPLACEMENT_CHARACTER),
    }
}

/// Sentence ends in the normalized text (line breaks are kept as `'\n'`).
fn is_sentence_end(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '\n' | '…')
}

/// Clause marks in the normalized text (`、` folds to `,`).
fn is_clause_mark(c: char) -> bool {
    matches!(c, ',' | ';' | ':') || is_sentence_end(c)
}

fn is_prose_line(line: &str) -> bool {
    line.contains(['，', '。', '；', '！', '？', ',', ';', '!', '?'])
}

impl<'t> Normalized<'t> {
    fn new(text: &'t str) -> Normalized<'t> {
        let mut n = Normalized {
            text,
            chars: Chars::with_capacity(text.len() / 3 + 16),
            starts: Vec::new(),
            spans: Vec::new(),
            lines: Vec::new(),
            articles: Vec::new(),
        };
        let mut base = 0;
        let mut title_seen = false;
        let mut statute = Statute::default();
        for (number, raw) in crate::text::compare::split_lines(text).enumerate() {
            let content = raw.trim_end_matches(['\n', '\r']);
            let article = statute.holds(content);
            let blank = content.chars().all(crate::text::compare::is_blank);
            // The first non-blank line is the title; lines without clause
            // punctuation are headings.
            let keep = !blank && title_seen && is_prose_line(content);
            title_seen |= !blank;
            if keep {
                n.starts.push(n.chars.len());
                n.spans.push((base, base + content.len()));
                n.chars.reserve(content.len() + 1);
                for c in content.chars() {
                    if let Some(f) = fold(c) {
                        n.chars.push(f);
                    }
                }
                n.lines.push(number + 1);
                n.articles.push(article);
                n.chars.push('\n');
            }
            base += raw.len();
        }
        // A decimal point is not a sentence end (`。` and `.` fold together).
        match &mut n.chars {
            Chars::Narrow { units, .. } => mark_decimal_points(units, 0x2024),
            Chars::Wide(chars) => mark_decimal_points(chars, '\u{2024}'),
        }
        n
    }

    /// Index (into `lines`) of the kept line of the character at `pos`.
    fn line(&self, pos: usize) -> usize {
        self.starts.partition_point(|&s| s <= pos) - 1
    }

    /// Byte offset in the prose view of the character at `pos` (of the end
    /// of its line for the `'\n'` closing it).
    fn offset(&self, pos: usize) -> usize {
        let line = self.line(pos);
        let (start, end) = self.spans[line];
        let mut index = self.starts[line];
        for (i, c) in self.text[start..end].char_indices() {
            if fold(c).is_some() {
                if index == pos {
                    return start + i;
                }
                index += 1;
            }
        }
        end
    }

    /// Whether the character at `pos` is in an article of a statute.
    fn in_article(&self, pos: usize) -> bool {
        self.articles[self.line(pos)]
    }

    fn line_number(&self, pos: usize) -> usize {
        self.lines[self.line(pos)]
    }

    /// Word characters of `[x, x + len)` that belong to clauses lying whole
    /// inside it (clause marks or line ends on both sides).
    fn whole_clause_chars(&self, x: usize, len: usize) -> usize {
        let c = &self.chars;
        let mut total = 0;
        let mut open = x == 0 || is_clause_mark(c.at(x - 1));
        let mut current = 0;
        for ch in (x..x + len).map(|i| c.at(i)) {
            if is_clause_mark(ch) {
                if open {
                    total += current;
                }
                open = true;
                current = 0;
            } else if is_word_char(ch) {
                current += 1;
            }
        }
        let end = x + len;
        if open && (end >= c.len() || is_clause_mark(c.at(end))) {
            total += current;
        }
        total
    }

    /// Whether `[x, x + len)` is a whole sentence.
    fn whole_sentence(&self, x: usize, len: usize) -> bool {
        let c = &self.chars;
        let end = x + len;
        (x == 0 || is_sentence_end(c.at(x - 1)))
            && (is_sentence_end(c.at(end - 1)) || end >= c.len() || is_sentence_end(c.at(end)))
    }

    /// The sentence before `x` (from the last sentence end, at most
    /// `PREFIX_MAX` characters back), as a string.
    fn sentence_prefix(&self, x: usize) -> String {
        let floor = x.saturating_sub(PREFIX_MAX);
        let start = (floor..x)
            .rposition(|i| is_sentence_end(self.chars.at(i)))
            .map_or(floor, |p| floor + p + 1);
        (start..x).map(|i| self.chars.at(i)).collect()
    }

    /// Word characters of `[x, x + len)` inside quotation marks.
    /// A quotation is open before a character when an odd number of `"`
    /// precede it on its line.
    fn quoted_chars(&self, x: usize, len: usize) -> usize {
        let mut open = false;
        let mut count = 0;
        for i in self.starts[self.line(x)]..x + len {
            let c = self.chars.at(i);
            if i >= x && open && c != '"' && is_word_char(c) {
                count += 1;
            }
            match c {
                '"' => open = !open,
                '\n' => open = false,
                _ => {}
            }
        }
        count
    }
}

/// How far back a speech verb is looked for (the sentence may be longer).
const PREFIX_MAX: usize = 200;

/// Maximal repeats `(first, later, len)` (normalized positions, the copies
/// not overlapping) of at least `k + stride - 1` characters within a line
/// (`value`: the number a character is hashed by, `'\n'` for a line break),
/// found left to right with a rolling hash over windows of `k` characters.
/// Only windows starting at multiples of `stride` are remembered (any
/// repeat that long contains one), every window is looked up, and a hit is
/// extended both ways over characters that are then skipped: linear time,
/// memory in `n / stride`.
fn repeats<T: Copy + Eq>(
    chars: &[T],
    value: impl Fn(T) -> u32,
    k: usize,
    stride: usize,
) -> Vec<(usize, usize, usize)> {
    if chars.len() < 2 * k {
        return Vec::new();
    }
    let windows = chars.len() / stride + 1;
    // Positions fit in 32 bits in any real document: 12 bytes a window.
    match Compact::new(windows, chars.len()) {
        Some(first) => repeats_in(chars, value, k, stride, first),
        None => repeats_in(
            chars,
            value,
            k,
            stride,
            PrintMap::<usize>::with_capacity_and_hasher(windows, Default::default()),
        ),
    }
}

/// [`repeats`], remembering windows in `first`.
fn repeats_in<T: Copy + Eq>(
    chars: &[T],
    value: impl Fn(T) -> u32,
    k: usize,
    stride: usize,
    mut first: impl Windows,
) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let is_break = |c: T| value(c) == u32::from('\n');
    const B: u64 = 0x100_0000_01b3;
    let pow = (0..k).fold(1u64, |p, _| p.wrapping_mul(B));
    let mut seen = Seen::new(chars.len() / stride + 1);
    let mut h: u64 = 0;
    let mut last_break: isize = -1;
    // Positions before `skip_until` are inside a reported copy.
    let mut skip_until = 0;
    for i in 0..chars.len() {
        let c = chars[i];
        h = h.wrapping_mul(B).wrapping_add(u64::from(value(c)));
        if i >= k {
            h = h.wrapping_sub(u64::from(value(chars[i - k])).wrapping_mul(pow));
        }
        if is_break(c) {
            last_break = i as isize;
        }
        if (i as isize) - last_break < k as isize {
            continue;
        }
        let start = i + 1 - k;
        if start < skip_until {
            continue;
        }
        // Most windows are new: the filter answers for them without a
        // lookup in the (large, cache-missing) map.
        if !seen.maybe(h) {
            if start % stride == 0 {
                seen.insert(h);
                first.insert(h, start);
            }
            continue;
        }
        match first.get(h) {
            Some(j) if j + k <= start && chars[j..j + k] == chars[start..=i] => {
                // Backward, then forward, keeping the first copy before the later.
                let mut back = 0;
                while back < j
                    && start - back > skip_until
                    && chars[j - back - 1] == chars[start - back - 1]
                    && !is_break(chars[start - back - 1])
                {
                    back += 1;
                }
                let (j, start) = (j - back, start - back);
                let mut len = k + back;
                while start + len < chars.len()
                    && j + len < start
                    && chars[j + len] == chars[start + len]
                    && !is_break(chars[start + len])
                {
                    len += 1;
                }
                skip_until = start + len;
                out.push((j, start, len));
            }
            Some(_) => {}
            None if start % stride == 0 => {
                seen.insert(h);
                first.insert(h, start);
            }
            None => {}
        }
    }
    out
}

/// The first position of each remembered window, by hash.
trait Windows {
    fn get(&self, h: u64) -> Option<usize>;
    /// Remember `h` (not remembered yet) at `position`.
    fn insert(&mut self, h: u64, position: usize);
}

impl Windows for PrintMap<usize> {
    fn get(&self, h: u64) -> Option<usize> {
        HashMap::get(self, &h).copied()
    }
    fn insert(&mut self, h: u64, position: usize) {
        HashMap::insert(self, h, position);
    }
}

/// An open-addressing table of windows with 32-bit positions, at most 70 %
/// full: 12 bytes a slot, key and position side by side (one cache line to
/// probe; a general map takes 16 bytes and doubles its buckets).
struct Compact {
    /// Per slot: the low and high halves of the key, and the position
    /// plus one (0 for an empty slot: a new table is zeroed memory).
    slots: Vec<[u32; 3]>,
}

impl Compact {
    const EMPTY: u32 = 0;

    /// Room for `windows` windows at positions below `len`, if they fit in 32 bits.
    fn new(windows: usize, len: usize) -> Option<Compact> {
        if len >= u32::MAX as usize {
            return None;
        }
        let slots = (windows + windows * 3 / 7).max(16);
        Some(Compact {
            slots: vec![[0; 3]; slots],
        })
    }

    /// The first slot to probe for `h`.
    fn home(&self, h: u64) -> usize {
        let mixed = h.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ (h >> 29);
        ((u128::from(mixed) * self.slots.len() as u128) >> 64) as usize
    }

    fn next(&self, i: usize) -> usize {
        if i + 1 == self.slots.len() { 0 } else { i + 1 }
    }
}

impl Windows for Compact {
    fn get(&self, h: u64) -> Option<usize> {
        let key = [h as u32, (h >> 32) as u32];
        let mut i = self.home(h);
        loop {
            let [lo, hi, p] = self.slots[i];
            if p == Self::EMPTY {
                return None;
            }
            if [lo, hi] == key {
                return Some(p as usize - 1);
            }
            i = self.next(i);
        }
    }

    fn insert(&mut self, h: u64, position: usize) {
        let mut i = self.home(h);
        while self.slots[i][2] != Self::EMPTY {
            i = self.next(i);
        }
        self.slots[i] = [h as u32, (h >> 32) as u32, position as u32 + 1];
    }
}

/// A one-bit-per-slot filter of the window hashes remembered so far (about
/// eight slots a window): `maybe` is false for a hash never inserted.
struct Seen {
    bits: Vec<u64>,
    shift: u32,
}

impl Seen {
    fn new(windows: usize) -> Seen {
        let slots = (windows * 8).next_power_of_two().max(64);
        Seen {
            bits: vec![0; slots / 64],
            shift: 64 - slots.trailing_zeros(),
        }
    }

    fn slot(&self, h: u64) -> usize {
        (h.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift) as usize
    }

    fn insert(&mut self, h: u64) {
        let i = self.slot(h);
        self.bits[i / 64] |= 1 << (i % 64);
    }

    fn maybe(&self, h: u64) -> bool {
        let i = self.slot(h);
        self.bits[i / 64] & (1 << (i % 64)) != 0
    }
}

impl RepeatedPhrase {
    /// Whether the sentence around the copy at `x` is reported speech.
    fn reported_speech(&self, n: &Normalized, x: usize, copy: &str) -> bool {
        let Some(speech) = &self.speech else {
            return false;
        };
        let mut sentence = n.sentence_prefix(x);
        sentence.push_str(copy);
        speech.is_match(&sentence)
    }

    /// Word characters of `copy` that are not inside a name (《》 title,
    /// document name) or a canonical formulation.
    fn residue(&self, copy: &str) -> usize {
        let mut covered = vec![false; copy.len()];
        for m in self
            .names
            .find_iter(copy)
            .map(|m| m.range())
            .chain(self.canonical.matches(copy))
        {
            covered[m].fill(true);
        }
        copy.char_indices()
            .filter(|&(i, c)| !covered[i] && is_word_char(c))
            .count()
    }

    /// Whether the piece `[later, later + len)`, a copy of
    /// `[first, first + len)`, is a finding.
    fn is_copied_clause(&self, n: &Normalized, first: usize, later: usize, len: usize) -> bool {
        // Two articles of a statute share their clauses on purpose.
        if n.in_article(first) && n.in_article(later) {
            return false;
        }
        let chars = (later..later + len).map(|i| n.chars.at(i));
        let words = chars.clone().filter(|c| is_word_char(*c)).count();
        if words < self.min_chars {
            return false;
        }
        if n.whole_clause_chars(first, len)
            .max(n.whole_clause_chars(later, len))
            < self.min_clause_chars
        {
            return false;
        }
        let quoted = n.quoted_chars(first, len).max(n.quoted_chars(later, len));
        if quoted * 5 >= words * 4 {
            return false;
        }
        let copy: String = chars.collect();
        if self.residue(&copy) < self.min_residue {
            return false;
        }
        !self.reported_speech(n, first, &copy) && !self.reported_speech(n, later, &copy)
    }
}

impl Checker for RepeatedPhrase {
    fn check(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = ctx.text();
        let n = Normalized::new(text);
        // A finding has `min-chars` word characters, so at least that many
        // characters: repeats of `k + stride - 1` are enough.
        let k = (self.min_chars / 2).max(8);
        let stride = (self.min_chars + 1).saturating_sub(k).max(1);
        let found = match &n.chars {
            // Units are hashed as they are: no character is decoded.
            Chars::Narrow { units, .. } => repeats(units, u32::from, k, stride),
            Chars::Wide(chars) => repeats(chars, u32::from, k, stride),
        };
        for (first, later, len) in found {
            // Cut the repeat at sentence ends; pieces that are whole
            // sentences in both copies are repeated-sentence's.
            let mut a = 0;
            for b in 1..=len {
                if b < len && !is_sentence_end(n.chars.at(later + b - 1)) {
                    continue;
                }
                let (mut from, mut to) = (a, b);
                a = b;
                // Without clause marks at its edges (a sentence end closing it stays).
                while from < to && is_clause_mark(n.chars.at(later + from)) {
                    from += 1;
                }
                while to > from && matches!(n.chars.at(later + to - 1), ',' | ';' | ':') {
                    to -= 1;
                }
                if from == to {
                    continue;
                }
                let piece = (first + from, later + from, to - from);
                if n.whole_sentence(piece.0, piece.2) && n.whole_sentence(piece.1, piece.2) {
                    continue;
                }
                if !self.is_copied_clause(&n, piece.0, piece.1, piece.2) {
                    continue;
                }
                let (start, end) = (piece.1, piece.1 + piece.2 - 1);
                let (start_byte, end_byte) = (n.offset(start), n.offset(end));
                let end_byte = end_byte + text[end_byte..].chars().next().map_or(0, char::len_utf8);
                let words = (start..=end)
                    .filter(|&i| is_word_char(n.chars.at(i)))
                    .count();
                out.push(
                    self.emit
                        .at(
                            Span::new(start_byte, end_byte),
                            &[
                                ("chars", &words.to_string()),
                                ("line", &n.line_number(piece.0).to_string()),
                            ],
                        )
                        .with_help("确认是否为多余的重复；必要时删去或改为简要的指代"),
                );
            }
        }
    }

    /// The normalized text (two bytes a character) and a table of its
    /// windows: about as large as the document itself.
    fn holds_document_tables(&self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeats_are_maximal_and_do_not_overlap() {
        let s: Vec<char> = "abcdefghij-xyz-abcdefghij\n".chars().collect();
        assert_eq!(repeats(&s, u32::from, 4, 1), vec![(0, 15, 10)]);
        // Remembering every third window still finds it, extended backward.
        assert_eq!(repeats(&s, u32::from, 4, 3), vec![(0, 15, 10)]);
        let s: Vec<char> = "xyabcdefghij-abcdefghij\n".chars().collect();
        assert_eq!(repeats(&s, u32::from, 4, 5), vec![(2, 13, 10)]);
        let s: Vec<char> = "aaaaaaaaaaaa".chars().collect();
        // A run: the copy starts where the first ends.
        assert_eq!(repeats(&s, u32::from, 4, 1), vec![(0, 4, 4), (0, 8, 4)]);
    }

    #[test]
    fn compact_windows_find_what_a_map_finds() {
        let text = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉。\n甲乙丙丁戊己庚辛壬癸子丑寅卯,\n辰巳午未申酉甲乙丙丁戊己庚辛壬癸。\n";
        let s: Vec<char> = text.repeat(40).chars().collect();
        for (k, stride) in [(4, 1), (8, 3), (18, 19)] {
            let windows = s.len() / stride + 1;
            let compact = Compact::new(windows, s.len()).unwrap();
            let map = PrintMap::<usize>::with_capacity_and_hasher(windows, Default::default());
            assert_eq!(
                repeats_in(&s, u32::from, k, stride, compact),
                repeats_in(&s, u32::from, k, stride, map)
            );
        }
    }

    #[test]
    fn characters_beyond_the_plane_are_numbered() {
        let n = Normalized::new("标题\n甲乙,丙𠀀丁。\n");
        assert!(matches!(n.chars, Chars::Narrow { .. }));
        let held: String = (0..n.chars.len()).map(|i| n.chars.at(i)).collect();
        assert_eq!(held, "甲乙,丙𠀀丁.\n");
        // More distinct characters beyond the plane than the surrogate range numbers.
        let many: String = (0..=ASTRAL_MAX as u32)
            .filter_map(|i| char::from_u32(0x20000 + i))
            .collect();
        let text = format!("标题\n甲,{many}。\n");
        let n = Normalized::new(&text);
        assert!(matches!(n.chars, Chars::Wide(_)));
        let held: String = (0..n.chars.len()).map(|i| n.chars.at(i)).collect();
        assert_eq!(held, format!("甲,{many}.\n"));
    }

    #[test]
    fn whole_clause_chars_counts_clauses_between_marks() {
        let n = Normalized::new("标题\n甲说,乙丙丁,戊己\n");
        // "乙丙丁" is whole; "说" and "戊己" are partial at the edges of [4..9).
        let start = (0..n.chars.len())
            .position(|i| n.chars.at(i) == '说')
            .unwrap();
        assert_eq!(n.whole_clause_chars(start, 6), 3);
        // Ending at the line end makes the last clause whole.
        assert_eq!(n.whole_clause_chars(start, 8), 5);
    }
}
