//! What stands around an offset: character tests, the lexicon's
//! automata and sets, where a clause starts, and what follows a name.

use super::*;

/// A set of characters as a bitmap over the basic CJK block (other
/// characters in a small sorted list): a lookup per character of the text
/// must be cheap.
#[derive(Clone, Debug)]
pub(super) struct CharSet {
    pub(super) bits: Vec<u64>,
    pub(super) other: Vec<char>,
}

impl CharSet {
    const BASE: u32 = 0x4E00;
    const LEN: u32 = 0x9FFF - 0x4E00 + 1;

    pub(super) fn contains(&self, c: &char) -> bool {
        let u = *c as u32;
        if (Self::BASE..Self::BASE + Self::LEN).contains(&u) {
            let k = (u - Self::BASE) as usize;
            self.bits[k / 64] & (1 << (k % 64)) != 0
        } else {
            self.other.binary_search(c).is_ok()
        }
    }
}

impl FromIterator<char> for CharSet {
    fn from_iter<T: IntoIterator<Item = char>>(iter: T) -> Self {
        let mut set = CharSet {
            bits: vec![0; Self::LEN.div_ceil(64) as usize],
            other: Vec::new(),
        };
        for c in iter {
            let u = c as u32;
            if (Self::BASE..Self::BASE + Self::LEN).contains(&u) {
                let k = (u - Self::BASE) as usize;
                set.bits[k / 64] |= 1 << (k % 64);
            } else {
                set.other.push(c);
            }
        }
        set.other.sort_unstable();
        set.other.dedup();
        set
    }
}

/// The keys hashed here are a character or a few (a lexicon entry's first
/// character, a window of text), hashed once per question, so a light hash
/// is worth its collisions.
pub(super) type BuildFastHasher = rustc_hash::FxBuildHasher;

/// Lexicon entries by their first character.
pub(super) type ByFirst = HashMap<char, Vec<&'static str>, BuildFastHasher>;

/// Where the words of a list (titles, verbs, known names) can start,
/// decided from two characters: the first in a bitmap, the pair in a
/// small hashed bitmap. A whole-text automaton over Chinese text misses the
/// cache at almost every byte; this prefilter lets the automaton run only,
/// anchored, where a word can start.
#[derive(Clone, Debug)]
pub(super) struct Starts {
    pub(super) firsts: CharSet,
    /// First characters of one-character words (no pair to check).
    singles: CharSet,
    pairs: Box<[u64]>,
}

impl Starts {
    const PAIR_BITS: usize = 1 << 16;

    /// The prefilter of `words`.
    pub(super) fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> Self {
        let mut firsts = Vec::new();
        let mut singles = Vec::new();
        let mut pairs = vec![0u64; Self::PAIR_BITS / 64].into_boxed_slice();
        for w in words {
            let mut cs = w.chars();
            let Some(a) = cs.next() else { continue };
            firsts.push(a);
            match cs.next() {
                Some(b) => {
                    let k = Self::pair(a, b);
                    pairs[k / 64] |= 1 << (k % 64);
                }
                None => singles.push(a),
            }
        }
        Starts {
            firsts: firsts.into_iter().collect(),
            singles: singles.into_iter().collect(),
            pairs,
        }
    }

    fn pair(a: char, b: char) -> usize {
        Self::pair_of(a as u32, b as u32)
    }

    /// The bucket of the pair `a`, `b` (code points) in the pair bitmap.
    #[inline(always)]
    pub(super) fn pair_of(a: u32, b: u32) -> usize {
        let h = a.wrapping_mul(0x9E37_79B1) ^ b.wrapping_mul(0x85EB_CA77);
        (h >> 16) as usize
    }

    /// Whether pair bucket `k` holds the first two characters of a word.
    fn has_pair(&self, k: usize) -> bool {
        self.pairs[k / 64] & (1 << (k % 64)) != 0
    }

    /// Whether one of the words may start with `a` followed by `b`.
    #[inline]
    pub(super) fn hit(&self, a: char, b: Option<char>) -> bool {
        self.firsts.contains(&a) && self.pair_hit(a, b)
    }

    /// [`Starts::hit`] for an `a` known to start a word.
    #[inline]
    pub(super) fn pair_hit(&self, a: char, b: Option<char>) -> bool {
        self.singles.contains(&a)
            || b.is_some_and(|b| {
                let k = Self::pair(a, b);
                self.pairs[k / 64] & (1 << (k % 64)) != 0
            })
    }

    /// Calls `f` with every offset of `text` where one of the words may
    /// start (every offset where one does, and a few more), in order.
    pub(super) fn each(&self, text: &str, mut f: impl FnMut(usize)) {
        let mut it = text.char_indices().peekable();
        while let Some((i, a)) = it.next() {
            if self.hit(a, it.peek().map(|&(_, b)| b)) {
                f(i);
            }
        }
    }
}

/// The leftmost-longest matches of `aut` (built with anchored starts and
/// leftmost-longest matching) in `text`, tried only at `starts` (offsets
/// in order, where the prefilter lets a word start): the same matches as
/// a whole-text leftmost-longest search.
pub(super) fn leftmost_longest<A: Automaton>(
    text: &str,
    starts: &[usize],
    aut: &A,
    mut f: impl FnMut(aho_corasick::Match),
) {
    let mut skip = 0;
    for &i in starts {
        if i < skip {
            continue;
        }
        if let Some(m) = longest_at(aut, text.as_bytes(), i) {
            skip = m.end();
            f(m);
        }
    }
}

/// The longest match of `aut` starting at `i`, the automaton followed by
/// hand: what an anchored search of the automaton finds, without the
/// search's set-up for every start.
fn longest_at<A: Automaton>(aut: &A, text: &[u8], i: usize) -> Option<aho_corasick::Match> {
    let anchored = aho_corasick::Anchored::Yes;
    let mut sid = aut.start_state(anchored).ok()?;
    let mut found = None;
    if aut.is_match(sid) {
        found = Some((sid, i));
    }
    for (k, &b) in text[i..].iter().enumerate() {
        sid = aut.next_state(anchored, sid, b);
        if aut.is_special(sid) {
            if aut.is_dead(sid) {
                break;
            }
            if aut.is_match(sid) {
                found = Some((sid, i + k + 1));
            }
        }
    }
    found.map(|(sid, end)| {
        let pattern = aut.match_pattern(sid, 0);
        aho_corasick::Match::new(pattern, end - aut.pattern_len(pattern)..end)
    })
}

/// Where the stages may find something, from one pass over the text:
/// offsets where a known name, a title or stop, a reporting verb, a byline
/// marker may start, the dots of transliterated names, and the clause
/// starts where a name may start.
#[derive(Default)]
pub(super) struct Candidates {
    pub(super) known: Vec<usize>,
    pub(super) titles: Vec<usize>,
    pub(super) verbs: Vec<usize>,
    pub(super) bylines: Vec<usize>,
    /// The middle dots ([`is_dot`]): offset and length.
    pub(super) dots: Vec<(usize, usize)>,
    /// A surname, compound surname or transliteration character after a
    /// clause start: its offset, and whether the start is hard (not a
    /// function word or verb before it: [`soft_left`]).
    pub(super) clause_starts: Vec<(usize, bool)>,
}

impl Candidates {
    /// Empty candidates, with the room the last text of this thread left.
    fn take() -> Candidates {
        let mut c = SPARE.with(|s| s.take()).unwrap_or_default();
        c.known.clear();
        c.titles.clear();
        c.verbs.clear();
        c.bylines.clear();
        c.dots.clear();
        c.clause_starts.clear();
        c
    }

    /// Leave the room to the next text of this thread (unless a long text
    /// made it large: a long document's lists are not kept).
    pub(super) fn give_back(self) {
        let room = self.known.capacity()
            + self.titles.capacity()
            + self.verbs.capacity()
            + self.bylines.capacity()
            + 2 * (self.dots.capacity() + self.clause_starts.capacity());
        if room <= 1 << 16 {
            SPARE.with(|s| s.set(Some(self)));
        }
    }
}

thread_local! {
    /// The candidate lists of the last text, emptied: texts one after the
    /// other reuse them instead of growing new ones.
    static SPARE: std::cell::Cell<Option<Candidates>> = const { std::cell::Cell::new(None) };
}

/// A character can start a title or stop ([`ScanTables::flags`]).
pub(super) const STARTS_TITLE: u8 = 1;
/// A character can start a reporting verb.
pub(super) const STARTS_VERB: u8 = 2;
/// A character can start a name ([`Lexicon::name_firsts`]).
pub(super) const STARTS_NAME: u8 = 4;
/// A character can start a byline marker.
pub(super) const STARTS_BYLINE: u8 = 8;
/// A character can start one of the caller's known names.
pub(super) const STARTS_KNOWN: u8 = 16;
/// A middle dot ([`is_dot`]).
pub(super) const IS_DOT: u8 = 32;
/// A character that is a whole word of one of the lists (`说`): whether
/// a word starts with it does not depend on the character after it.
const STARTS_SINGLE: u8 = 64;
/// A character that can end the word of [`soft_left`] (see
/// [`Lexicon::soft_lasts`]).
const ENDS_SOFT: u8 = 128;

/// The lists whose words are looked up by their first two characters.
const PAIRED: u8 = STARTS_TITLE | STARTS_VERB | STARTS_BYLINE | STARTS_KNOWN;

/// What the scan looks up: per character of the basic multilingual plane,
/// what it can start or end (`STARTS_*`, [`IS_DOT`], [`ENDS_SOFT`] bits);
/// per pair bucket ([`Starts::pair_of`]), which of the lists have a word
/// starting with a pair of that bucket (the [`PAIRED`] bits). Two loads
/// per character instead of a lookup in each list's sets.
#[derive(Clone, Debug)]
pub(super) struct ScanTables {
    flags: Box<[u8; 0x10000]>,
    pairs: Box<[u8; Starts::PAIR_BITS]>,
}

impl ScanTables {
    /// The lexicon's tables, with the words of `known` when given.
    pub(super) fn new(known: Option<&Starts>) -> ScanTables {
        let lex = &*LEX;
        let mut flags = Box::new([0; 0x10000]);
        for (u, f) in (0..).zip(flags.iter_mut()) {
            *f = char::from_u32(u).map_or(0, |c| lex.char_flags(c, known));
        }
        let lists = [
            (STARTS_TITLE, Some(&lex.title_starts)),
            (STARTS_VERB, Some(&lex.strong_starts)),
            (STARTS_BYLINE, Some(&lex.byline_starts)),
            (STARTS_KNOWN, known),
        ];
        let mut pairs = Box::new([0; Starts::PAIR_BITS]);
        for (k, p) in pairs.iter_mut().enumerate() {
            *p = lists
                .iter()
                .filter(|(_, s)| s.is_some_and(|s| s.has_pair(k)))
                .fold(0, |f, (bit, _)| f | bit);
        }
        ScanTables { flags, pairs }
    }
}

/// The character starting at byte `i` of a valid UTF-8 text (as a code
/// point), and its length: the scan decodes every character once. Chinese
/// text is mostly three-byte characters: they are decoded first.
#[inline(always)]
fn decode(b: &[u8], i: usize) -> (u32, usize) {
    let x = b[i] as u32;
    if (0xE0..0xF0).contains(&x) && i + 2 < b.len() {
        let (b1, b2) = (b[i + 1] as u32, b[i + 2] as u32);
        return ((x & 0x0F) << 12 | (b1 & 0x3F) << 6 | (b2 & 0x3F), 3);
    }
    match b[i..] {
        [x, ..] if x < 0x80 => (x as u32, 1),
        [x, b1, ..] if x < 0xE0 => ((x as u32 & 0x1F) << 6 | (b1 as u32 & 0x3F), 2),
        [x, b1, b2, b3, ..] => (
            (x as u32 & 0x07) << 18
                | (b1 as u32 & 0x3F) << 12
                | (b2 as u32 & 0x3F) << 6
                | (b3 as u32 & 0x3F),
            4,
        ),
        _ => (0, 1),
    }
}

/// The one pass over the characters behind [`Candidates`]. `tables` are
/// [`ScanTables`] built with the `known` names.
pub(super) fn scan(text: &str, tables: &ScanTables, known: Option<&Starts>) -> Candidates {
    let lex = &*LEX;
    let b = text.as_bytes();
    let mut cands = Candidates::take();
    // The character before, the one at hand and the one after, as code
    // points (each decoded once).
    let mut before = u32::MAX;
    let (mut u, mut len) = if b.is_empty() { (0, 0) } else { decode(b, 0) };
    let mut i = 0;
    while i < b.len() {
        let j = i + len;
        let (next, next_len) = if j < b.len() {
            decode(b, j)
        } else {
            (u32::MAX, 0)
        };
        // Which lists may have a word starting here.
        let hits = match tables.flags.get(u as usize) {
            Some(0) => 0,
            Some(&f) => {
                // (`pair_of` is below `PAIR_BITS`: no bounds check.)
                let mut h = f & (IS_DOT | STARTS_NAME);
                if next != u32::MAX {
                    h |= f & PAIRED & tables.pairs[Starts::pair_of(u, next)];
                }
                if f & STARTS_SINGLE != 0 {
                    h |= f & lex.single_flags(char::from_u32(u).unwrap_or_default(), known);
                }
                h
            }
            None => lex.hits_beyond_bmp(u, next, known),
        };
        if hits != 0 {
            if hits & IS_DOT != 0 {
                cands.dots.push((i, len));
            }
            if hits & STARTS_KNOWN != 0 {
                cands.known.push(i);
            }
            if hits & STARTS_TITLE != 0 {
                cands.titles.push(i);
            }
            if hits & STARTS_VERB != 0 {
                cands.verbs.push(i);
            }
            if hits & STARTS_BYLINE != 0 {
                cands.bylines.push(i);
            }
            if hits & STARTS_NAME != 0 {
                // `hard_left` and `soft_left` from the character before.
                let hard = before == u32::MAX
                    || char::from_u32(before)
                        .is_some_and(|b| !is_han(b) && !is_dot(b) && !b.is_ascii_alphanumeric());
                let soft = !hard
                    && match tables.flags.get(before as usize) {
                        Some(&fb) => {
                            fb & ENDS_SOFT != 0
                                && soft_left_after(
                                    text,
                                    i,
                                    char::from_u32(before).unwrap_or_default(),
                                )
                        }
                        None => char::from_u32(before).is_some_and(|b| soft_left_after(text, i, b)),
                    };
                if hard || soft {
                    cands.clause_starts.push((i, hard));
                }
            }
        }
        before = u;
        (u, len) = (next, next_len);
        i = j;
    }
    cands
}

pub(super) struct Lexicon {
    pub(super) surnames: CharSet,
    /// [`COMPOUND_SURNAMES`] by first character.
    pub(super) compounds: ByFirst,
    pub(super) compound_firsts: CharSet,
    /// Where a name can start: surnames, first characters of compound
    /// surnames, transliteration characters.
    pub(super) name_firsts: CharSet,
    pub(super) not_in_given: CharSet,
    pub(super) translit: CharSet,
    /// Titles and title stops; pattern ids `< n_titles` are titles.
    pub(super) titles: AhoCorasick,
    pub(super) n_titles: usize,
    /// The same patterns, followed from where a match must start
    /// ([`super::titles::titles_from`]).
    pub(super) titles_anchored: aho_corasick::dfa::DFA,
    /// Where a title or a stop can start.
    pub(super) title_starts: Starts,
    /// Words that can follow a name, by first character, longest first.
    pub(super) after: ByFirst,
    /// The byline markers, searched anchored where `byline_starts` allows.
    pub(super) bylines: aho_corasick::dfa::DFA,
    pub(super) byline_starts: Starts,

    /// The titles (not the stops) by their first two characters, and by
    /// their last two read backwards: where a title can start or end.
    pub(super) title_heads: Starts,
    pub(super) title_tails: Starts,
    /// The last characters of the words of [`soft_left`].
    pub(super) soft_lasts: CharSet,
    /// [`SOFT_CHARS`], and the last characters of [`SOFT_WORDS`].
    soft_chars: CharSet,
    soft_word_lasts: CharSet,
    /// [`PLACES`] by first character.
    pub(super) places: ByFirst,
    /// The strong words of `after` (verbs, honorifics: two characters or
    /// more, and `说`), searched anchored where `strong_starts` allows.
    pub(super) strong: aho_corasick::dfa::DFA,
    pub(super) strong_starts: Starts,
}

fn strong_words() -> impl Iterator<Item = &'static str> {
    AFTER_NAME
        .iter()
        .copied()
        .filter(|w| w.chars().count() >= 2 || matches!(*w, "说" | "称"))
}

impl Lexicon {
    /// What `c` can start or end, given the `known` names ([`ScanTables`]).
    fn char_flags(&self, c: char, known: Option<&Starts>) -> u8 {
        let mut f = 0;
        if is_dot(c) {
            f |= IS_DOT;
        }
        if self.name_firsts.contains(&c) {
            f |= STARTS_NAME;
        }
        if self.soft_lasts.contains(&c) {
            f |= ENDS_SOFT;
        }
        let lists = [
            (STARTS_TITLE, Some(&self.title_starts)),
            (STARTS_VERB, Some(&self.strong_starts)),
            (STARTS_BYLINE, Some(&self.byline_starts)),
            (STARTS_KNOWN, known),
        ];
        for (bit, s) in lists {
            if let Some(s) = s
                && s.firsts.contains(&c)
            {
                f |= bit;
                if s.singles.contains(&c) {
                    f |= STARTS_SINGLE;
                }
            }
        }
        f
    }

    /// The lists that have `c` as a word of its own.
    fn single_flags(&self, c: char, known: Option<&Starts>) -> u8 {
        let lists = [
            (STARTS_TITLE, Some(&self.title_starts)),
            (STARTS_VERB, Some(&self.strong_starts)),
            (STARTS_BYLINE, Some(&self.byline_starts)),
            (STARTS_KNOWN, known),
        ];
        lists
            .iter()
            .filter(|(_, s)| s.is_some_and(|s| s.singles.contains(&c)))
            .fold(0, |f, (bit, _)| f | bit)
    }

    /// What the scan's tables say for `u` followed by `next` (code points;
    /// `next` is `u32::MAX` at the end of the text), for a character
    /// beyond the basic multilingual plane, which the tables do not hold.
    #[cold]
    fn hits_beyond_bmp(&self, u: u32, next: u32, known: Option<&Starts>) -> u8 {
        let Some(c) = char::from_u32(u) else { return 0 };
        let next = char::from_u32(next);
        let lists = [
            (STARTS_TITLE, Some(&self.title_starts)),
            (STARTS_VERB, Some(&self.strong_starts)),
            (STARTS_BYLINE, Some(&self.byline_starts)),
            (STARTS_KNOWN, known),
        ];
        let f = self.char_flags(c, known);
        let paired = lists
            .iter()
            .filter(|(_, s)| s.is_some_and(|s| s.hit(c, next)))
            .fold(0, |f, (bit, _)| f | bit);
        f & (IS_DOT | STARTS_NAME) | paired
    }
}

/// The scan's tables without known names.
pub(super) static TABLES: LazyLock<ScanTables> = LazyLock::new(|| ScanTables::new(None));

pub(super) static LEX: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut patterns: Vec<&str> = TITLES.to_vec();
    let n_titles = patterns.len();
    patterns.extend_from_slice(TITLE_STOPS);
    let mut after = ByFirst::default();
    for w in AFTER_NAME {
        after.entry(w.chars().next().unwrap()).or_default().push(w);
    }
    for v in after.values_mut() {
        v.sort_by_key(|w| std::cmp::Reverse(w.len()));
    }
    let mut compounds = ByFirst::default();
    for s in COMPOUND_SURNAMES {
        compounds
            .entry(s.chars().next().unwrap())
            .or_default()
            .push(s);
    }
    let mut places = ByFirst::default();
    for p in PLACES {
        places.entry(p.chars().next().unwrap()).or_default().push(p);
    }
    let title_starts = Starts::new(patterns.iter().copied());
    let strong_starts = Starts::new(strong_words());
    let name_firsts: CharSet = SURNAMES
        .chars()
        .chain(COMPOUND_SURNAMES.iter().map(|s| s.chars().next().unwrap()))
        .chain(TRANSLIT.chars())
        .collect();
    let byline_starts = Starts::new(BYLINE_MARKERS.iter().copied());
    Lexicon {
        title_heads: Starts::new(TITLES.iter().copied()),
        title_tails: Starts::new(
            TITLES
                .iter()
                .map(|t| t.chars().rev().collect::<String>())
                .collect::<Vec<_>>()
                .iter()
                .map(String::as_str),
        ),
        soft_chars: SOFT_CHARS.chars().collect(),
        soft_word_lasts: SOFT_WORDS
            .iter()
            .map(|w| w.chars().next_back().unwrap())
            .collect(),
        soft_lasts: SOFT_CHARS
            .chars()
            .chain(SOFT_WORDS.iter().map(|w| w.chars().next_back().unwrap()))
            .collect(),
        places,
        surnames: SURNAMES.chars().collect(),
        compounds,
        compound_firsts: COMPOUND_SURNAMES
            .iter()
            .map(|s| s.chars().next().unwrap())
            .collect(),
        name_firsts,
        not_in_given: NOT_IN_GIVEN.chars().collect(),
        translit: TRANSLIT.chars().collect(),
        titles: AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .expect("titles automaton"),
        titles_anchored: aho_corasick::dfa::DFA::builder()
            .start_kind(StartKind::Anchored)
            .match_kind(MatchKind::Standard)
            .prefilter(false)
            .build(&patterns)
            .expect("anchored titles automaton"),
        n_titles,
        after,
        strong: aho_corasick::dfa::DFA::builder()
            .start_kind(StartKind::Anchored)
            .match_kind(MatchKind::LeftmostLongest)
            .prefilter(false)
            .build(strong_words())
            .expect("verbs automaton"),
        strong_starts,
        title_starts,
        bylines: aho_corasick::dfa::DFA::builder()
            .start_kind(StartKind::Anchored)
            .match_kind(MatchKind::LeftmostLongest)
            .prefilter(false)
            .build(BYLINE_MARKERS)
            .expect("bylines automaton"),
        byline_starts,
    }
});

pub(super) fn is_han(c: char) -> bool {
    crate::text::chars::is_han(c)
}

/// Whether a place jieba reads as a person's name ([`PLACES`]) starts at `i`.
pub(super) fn place_at(text: &str, i: usize) -> bool {
    char_at(text, i)
        .and_then(|c| LEX.places.get(&c))
        .is_some_and(|ps| ps.iter().any(|p| text[i..].starts_with(p)))
}

/// Whether `sp` starts with a place ([`PLACES`]) that lies within it.
pub(super) fn is_place(text: &str, sp: Span) -> bool {
    place_at(&text[..sp.end], sp.start)
}

/// Whether `c` is one of the middle dots that join the parts of a
/// transliterated name (`·` and its look-alikes).
pub fn is_dot(c: char) -> bool {
    matches!(c, '·' | '・' | '•' | '‧' | '∙')
}

pub(super) fn char_before(text: &str, i: usize) -> Option<char> {
    text[..i].chars().next_back()
}

pub(super) fn char_at(text: &str, i: usize) -> Option<char> {
    text[i..].chars().next()
}

/// Byte offset `n` characters after `i` (or the end).
pub(super) fn chars_after(text: &str, i: usize, n: usize) -> usize {
    text[i..]
        .char_indices()
        .nth(n)
        .map_or(text.len(), |(o, _)| i + o)
}

/// Whether a name may start at `i` as far as the character before is
/// concerned: the text start, or anything but a Han character or `·`.
pub(super) fn hard_left(text: &str, i: usize) -> bool {
    char_before(text, i).is_none_or(|c| !is_han(c) && !is_dot(c) && !c.is_ascii_alphanumeric())
}

/// Verbs and function words of two characters that often come right before
/// a person's name mid-sentence (see [`soft_left`]).
const SOFT_WORDS: &[&str] = &[
    "会见", "看望", "接见", "陪同", "慰问", "会晤", "致电", "致函", "称赞", "感谢", "祝贺", "邀请",
    "授予", "任命", "选举", "推选", "采访", "告诉", "介绍", "委托", "支持", "欢迎", "以及", "或者",
    "并且", "同意", "批准",
];

/// Single characters that often come right before a person's name.
const SOFT_CHARS: &str = "了由对向与和同及给请据让把被是为在跟使令派";

/// Whether the word before `i` is a function word or a verb that often
/// comes right before a person's name mid-sentence (`会见了`, `由`, `与`).
pub(super) fn soft_left(text: &str, i: usize) -> bool {
    char_before(text, i).is_some_and(|c| soft_left_after(text, i, c))
}

/// [`soft_left`] when the character before `i`, `c`, is known.
#[inline]
pub(super) fn soft_left_after(text: &str, i: usize, c: char) -> bool {
    let lex = &*LEX;
    lex.soft_chars.contains(&c)
        || (lex.soft_word_lasts.contains(&c) && SOFT_WORDS.iter().any(|w| text[..i].ends_with(w)))
}

/// Punctuation that can end a name.
pub(super) fn is_name_end_punct(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '！'
            | '？'
            | '）'
            | '”'
            | '’'
            | '」'
            | '』'
            | ','
            | ';'
            | ':'
            | ')'
            | '（'
            | '('
            | '\n'
            | '\r'
            | ' '
            | '\u{3000}'
            | '\t'
            | '/'
            | '／'
            | '】'
            | '》'
            | '—'
            | '…'
    )
}

/// What follows a candidate name ending at `i`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum After {
    /// A word that follows names (verb, honorific, conjunction…).
    Word(&'static str),
    /// A job title, its span.
    Title(Span),
    /// Punctuation or the end of the text.
    Punct,
    Nothing,
}

impl After {
    /// A reporting verb, honorific, time word or title — not a one-character
    /// function word (`在`, `和`, `的`), which follows common nouns as often.
    pub(super) fn is_strong(self) -> bool {
        match self {
            After::Word(w) => w.chars().count() >= 2 || matches!(w, "说" | "称"),
            After::Title(_) => true,
            _ => false,
        }
    }
}

/// What follows a name at `i`, except that the head of a place (`市长`)
/// does not count: `马累市长` is a city's mayor.
pub(super) fn after_name(text: &str, i: usize) -> After {
    match after(text, i) {
        After::Title(t) if PLACE_HEADS.contains(&&text[t.range()]) => After::Nothing,
        a => a,
    }
}

pub(super) fn after(text: &str, i: usize) -> After {
    let Some(c) = char_at(text, i) else {
        return After::Punct;
    };
    if is_name_end_punct(c) {
        return After::Punct;
    }
    if let Some(t) = title_at(text, i) {
        return After::Title(t);
    }
    if let Some(ws) = LEX.after.get(&c) {
        for w in ws {
            if text[i..].starts_with(w) {
                return After::Word(w);
            }
        }
    }
    After::Nothing
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "学院党委书记区向丽主持会议并讲话，副校长张三、李四表示，\
        要抓好落实。国务院总理李强会见了美国国务卿布林肯，代表团团长王五说，\
        委员会主任委员赵六强调指出：司法部长卡洛斯·阿马特在会上发言。";

    fn each(starts: &Starts, text: &str) -> Vec<usize> {
        let mut v = Vec::new();
        starts.each(text, |i| v.push(i));
        v
    }

    #[test]
    fn prefiltered_titles_are_the_whole_text_titles() {
        let text = SAMPLE.repeat(3);
        let starts = each(&LEX.title_starts, &text);
        assert_eq!(
            super::super::titles::titles_from(&text, Some(&starts)),
            super::super::titles::titles_from(&text, None)
        );
        assert!(!super::super::titles::titles_from(&text, None).is_empty());
    }

    /// The leftmost-longest matches of `words` found by one automaton over
    /// the whole text: what the prefiltered searches must reproduce.
    fn whole_text_matches<I, P>(words: I, text: &str) -> Vec<(usize, usize)>
    where
        I: IntoIterator<Item = P>,
        P: AsRef<[u8]>,
    {
        AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(words)
            .unwrap()
            .find_iter(text)
            .map(|m| (m.start(), m.end()))
            .collect()
    }

    #[test]
    fn the_scan_finds_every_byline_marker_and_dot() {
        let text = format!(
            "{SAMPLE}记者 刘艺 本报记者李华 文/王五、赵六 新华社记者张三 摄影·约瑟夫•拜登‧科尔∙默克尔・"
        )
        .repeat(2);
        let cands = scan(&text, &TABLES, None);
        let expected = whole_text_matches(BYLINE_MARKERS, &text);
        let mut found = Vec::new();
        leftmost_longest(&text, &cands.bylines, &LEX.bylines, |m| {
            found.push((m.start(), m.end()))
        });
        assert_eq!(found, expected);
        assert!(found.len() >= 8);
        let dots: Vec<(usize, usize)> = text
            .char_indices()
            .filter(|&(_, c)| is_dot(c))
            .map(|(i, c)| (i, c.len_utf8()))
            .collect();
        assert_eq!(cands.dots, dots);
        assert_eq!(dots.len(), 12);
    }

    #[test]
    fn prefiltered_verbs_are_the_leftmost_longest_matches() {
        let text = SAMPLE.repeat(3);
        let expected = whole_text_matches(strong_words(), &text);
        let mut found = Vec::new();
        leftmost_longest(&text, &each(&LEX.strong_starts, &text), &LEX.strong, |m| {
            found.push((m.start(), m.end()))
        });
        assert_eq!(found, expected);
        assert!(!found.is_empty());
    }

    #[test]
    fn title_windows_fit() {
        // `title_at` keeps the matches of an eight-character window on the
        // stack: at most 36 substrings, each at most a title and a stop.
        for list in [TITLES, TITLE_STOPS] {
            let mut v = list.to_vec();
            v.sort_unstable();
            v.dedup();
            assert_eq!(v.len(), list.len());
        }
    }
}
