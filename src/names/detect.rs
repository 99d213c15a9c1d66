//! Person detection: which spans of a text are persons' names, and under
//! which title they are mentioned.
//!
//! ## Approach
//! jieba's person tags (`nr`, `nrfg`, `nrt`) are unreliable on the names that
//! matter here — out-of-vocabulary staff names, rare surnames read as words
//! (`锁志海` → `锁/v 志海/ns`, `和云祥` → `和/c`), compound surnames split
//! (`欧阳/ns 康/nr`), political terms tagged as names (`二十大/nrt`) — and
//! segmenting a whole document costs more than every other names check
//! together. So detection is anchored: cheap scans find the places where a
//! name can start, and a candidate is accepted only with independent
//! evidence on both sides:
//!
//! * **title before** ([`Evidence::Title`]): a job title or role from the
//!   lexicon ends where the name starts (`党委书记区向丽`, `教授欧阳康`); the
//!   name's length is taken from the word after it (the "sandwich":
//!   `…书记王明强调`), else from jieba run on a few characters only;
//! * **clause start + word after** ([`Evidence::Sandwich`]): the candidate
//!   follows punctuation or a line start and is followed by a reporting verb,
//!   an honorific, a time word or a conjunction (`，王明表示`, `王明同志`),
//!   and jieba, run locally, does not read it as an ordinary word;
//! * **title after** ([`Evidence::TrailingTitle`]): same as the previous one,
//!   with a title after the name (`王明书记讲话`);
//! * **lists** ([`Evidence::List`], [`Evidence::CommaList`]): the items next
//!   to a detected name across `、` (or `，`) that look like names;
//! * **bylines** ([`Evidence::Byline`]): the names after `记者` `通讯员`
//!   `文/` `图/` and the like;
//! * **transliterations** ([`Evidence::Foreign`]): runs of transliteration
//!   characters joined by `·` (`卡洛斯·阿马特`);
//! * **known names** ([`Evidence::Known`]): full names the caller knows to be
//!   persons ([`KnownNames`]: a leader registry, an institution's roster);
//! * **repeats** ([`Evidence::Repeat`]): once a full name is detected, its
//!   other occurrences in the same text are persons too (when they are
//!   followed by a word that can follow a name).
//!
//! A candidate name is two or three Han characters whose first is a surname
//! (or three or four with a compound surname such as 欧阳), whose given name
//! holds no function character (的 了 在 …) and does not start a title.
//! Surname-only mentions (`李书记`, `老王`) are not full names and are not
//! reported.
//!
//! All spans are byte offsets into the text given to [`detect`].

use super::lexicon::{
    AFTER_NAME, BYLINE_MARKERS, COMPOUND_SURNAMES, NOT_IN_GIVEN, PAST_PREFIXES, PLACE_HEADS,
    PLACES, SURNAMES, TITLE_STOPS, TITLES, TRANSLIT,
};
use crate::span::Span;
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// Why a span was taken for a person's name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Evidence {
    /// One of the caller's [`KnownNames`].
    Known,
    /// A job title right before the name.
    Title,
    /// A byline marker (`记者`, `文/`) before the name.
    Byline,
    /// Clause start before, a reporting verb / honorific / conjunction after.
    Sandwich,
    /// A job title right after the name (`王明书记`).
    TrailingTitle,
    /// A transliterated name with `·`.
    Foreign,
    /// Mid-sentence: jieba tags it a person's name and a reporting verb or
    /// honorific follows (`会上王明表示`).
    Tagged,
    /// An item of a `、` list next to a detected name.
    List,
    /// An item of a list separated by `，` or `,` next to a detected name.
    CommaList,
    /// Another occurrence of a name detected elsewhere in the text.
    Repeat,
}

/// A mention of a person.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PersonMention {
    /// The full name.
    pub name: Span,
    /// The title right before the name (`党委副书记` in `党委副书记王明`),
    /// including a past marker before it (`原校长`).
    pub title: Option<Span>,
    /// The title right after the name (`书记` in `王明书记`).
    pub trailing_title: Option<Span>,
    /// Why the name was taken for a person.
    pub evidence: Evidence,
}

/// Full names that are certainly persons (a leader registry, an
/// institution's roster). Their occurrences are detected without further
/// evidence.
#[derive(Clone, Debug, Default)]
pub struct KnownNames {
    names: Vec<String>,
    ac: Option<AhoCorasick>,
}

impl KnownNames {
    /// No known names.
    pub fn none() -> &'static KnownNames {
        static NONE: LazyLock<KnownNames> = LazyLock::new(KnownNames::default);
        &NONE
    }

    /// The set of `names` (names shorter than two characters are ignored).
    pub fn new<I, S>(names: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut names: Vec<String> = names
            .into_iter()
            .map(|s| s.as_ref().trim().to_string())
            .filter(|s| s.chars().count() >= 2)
            .collect();
        names.sort();
        names.dedup();
        let ac = (!names.is_empty()).then(|| {
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .build(&names)
                .expect("known names automaton")
        });
        KnownNames { names, ac }
    }

    /// Whether `name` is one of the names, exactly (no trimming or normalizing).
    pub fn contains(&self, name: &str) -> bool {
        self.names
            .binary_search_by(|n| n.as_str().cmp(name))
            .is_ok()
    }

    /// Number of distinct names kept.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Whether no name was kept.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

impl<S: AsRef<str>> FromIterator<S> for KnownNames {
    fn from_iter<T: IntoIterator<Item = S>>(iter: T) -> Self {
        KnownNames::new(iter)
    }
}

/// A set of characters as a bitmap over the basic CJK block (other
/// characters in a small sorted list): a lookup per character of the text
/// must be cheap.
struct CharSet {
    bits: Vec<u64>,
    other: Vec<char>,
}

impl CharSet {
    const BASE: u32 = 0x4E00;
    const LEN: u32 = 0x9FFF - 0x4E00 + 1;

    fn contains(&self, c: &char) -> bool {
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

struct Lexicon {
    surnames: CharSet,
    compounds: Vec<&'static str>,
    compound_firsts: CharSet,
    title_firsts: CharSet,
    not_in_given: CharSet,
    translit: CharSet,
    /// Titles and title stops; pattern ids `< n_titles` are titles.
    titles: AhoCorasick,
    n_titles: usize,
    /// Words that can follow a name, by first character, longest first.
    after: HashMap<char, Vec<&'static str>>,
    bylines: AhoCorasick,
    /// The strong words of `after` (verbs, honorifics: two characters or more, and `说`).
    strong: AhoCorasick,
}

static LEX: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut patterns: Vec<&str> = TITLES.to_vec();
    let n_titles = patterns.len();
    patterns.extend_from_slice(TITLE_STOPS);
    let mut after: HashMap<char, Vec<&'static str>> = HashMap::new();
    for w in AFTER_NAME {
        after.entry(w.chars().next().unwrap()).or_default().push(w);
    }
    for v in after.values_mut() {
        v.sort_by_key(|w| std::cmp::Reverse(w.len()));
    }
    Lexicon {
        surnames: SURNAMES.chars().collect(),
        compounds: COMPOUND_SURNAMES.to_vec(),
        compound_firsts: COMPOUND_SURNAMES
            .iter()
            .map(|s| s.chars().next().unwrap())
            .collect(),
        title_firsts: TITLES.iter().map(|t| t.chars().next().unwrap()).collect(),
        not_in_given: NOT_IN_GIVEN.chars().collect(),
        translit: TRANSLIT.chars().collect(),
        titles: AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .expect("titles automaton"),
        n_titles,
        after,
        strong: AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .match_kind(MatchKind::LeftmostLongest)
            .build(
                AFTER_NAME
                    .iter()
                    .filter(|w| w.chars().count() >= 2 || matches!(**w, "说" | "称")),
            )
            .expect("verbs automaton"),
        bylines: AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(BYLINE_MARKERS)
            .expect("bylines automaton"),
    }
});

fn is_han(c: char) -> bool {
    crate::text::chars::is_han(c)
}

/// Whether `c` is one of the middle dots that join the parts of a
/// transliterated name (`·` and its look-alikes).
pub fn is_dot(c: char) -> bool {
    matches!(c, '·' | '・' | '•' | '‧' | '∙')
}

fn char_before(text: &str, i: usize) -> Option<char> {
    text[..i].chars().next_back()
}

fn char_at(text: &str, i: usize) -> Option<char> {
    text[i..].chars().next()
}

/// Byte offset `n` characters after `i` (or the end).
fn chars_after(text: &str, i: usize, n: usize) -> usize {
    text[i..]
        .char_indices()
        .nth(n)
        .map_or(text.len(), |(o, _)| i + o)
}

/// Whether a name may start at `i` as far as the character before is
/// concerned: the text start, or anything but a Han character or `·`.
fn hard_left(text: &str, i: usize) -> bool {
    char_before(text, i).is_none_or(|c| !is_han(c) && !is_dot(c) && !c.is_ascii_alphanumeric())
}

/// Whether the word before `i` is a function word or a verb that often
/// comes right before a person's name mid-sentence (`会见了`, `由`, `与`).
fn soft_left(text: &str, i: usize) -> bool {
    const WORDS: &[&str] = &[
        "会见", "看望", "接见", "陪同", "慰问", "会晤", "致电", "致函", "称赞", "感谢", "祝贺",
        "邀请", "授予", "任命", "选举", "推选", "采访", "告诉", "介绍", "委托", "支持", "欢迎",
        "以及", "或者", "并且", "同意", "批准",
    ];
    const CHARS: &str = "了由对向与和同及给请据让把被是为在跟使令派";
    char_before(text, i).is_some_and(|c| CHARS.contains(c))
        || WORDS.iter().any(|w| text[..i].ends_with(w))
}

/// Whether jieba reads (part of) `name` as a person's name.
fn jieba_person(text: &str, name: Span) -> bool {
    let end = chars_after(text, name.end, 2);
    tag(text, name.start, end)
        .iter()
        .take_while(|(sp, _)| sp.end <= name.end)
        .any(|(_, t)| is_person_tag(t))
}

/// Punctuation that can end a name.
fn is_name_end_punct(c: char) -> bool {
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
enum After {
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
    fn is_strong(self) -> bool {
        match self {
            After::Word(w) => w.chars().count() >= 2 || matches!(w, "说" | "称"),
            After::Title(_) => true,
            _ => false,
        }
    }
}

/// What follows a name at `i`, except that the head of a place (`市长`)
/// does not count: `马累市长` is a city's mayor.
fn after_name(text: &str, i: usize) -> After {
    match after(text, i) {
        After::Title(t) if PLACE_HEADS.contains(&&text[t.range()]) => After::Nothing,
        a => a,
    }
}

fn after(text: &str, i: usize) -> After {
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

/// A title (not a title stop) starting exactly at `i`.
pub fn title_at(text: &str, i: usize) -> Option<Span> {
    if !char_at(text, i).is_some_and(|c| LEX.title_firsts.contains(&c)) {
        return None;
    }
    let end = chars_after(text, i, 8);
    let titles = titles_in(&text[i..end]);
    titles
        .into_iter()
        .filter(|t| t.start == 0)
        .max_by_key(|t| t.end)
        .map(|t| t.shifted(i))
}

/// The titles in `text`: for every end position the longest title ending
/// there, unless a title stop (`代表团`, `委员会`) covers it.
fn titles_in(text: &str) -> Vec<Span> {
    let mut stops: Vec<Span> = Vec::new();
    let mut titles: Vec<Span> = Vec::new();
    for m in LEX.titles.find_overlapping_iter(text) {
        let sp = Span::new(m.start(), m.end());
        if m.pattern().as_usize() >= LEX.n_titles {
            stops.push(sp);
        } else {
            titles.push(sp);
        }
    }
    // Spans are at most a few characters long: compare each with the
    // spans starting within its reach only.
    stops.sort_unstable();
    titles.sort_unstable();
    const REACH: usize = 40;
    let near = |v: &[Span], t: Span| {
        let lo = v.partition_point(|s| s.start + REACH < t.start);
        let hi = v.partition_point(|s| s.start < t.end);
        v[lo..hi].to_vec()
    };
    let all = titles.clone();
    titles.retain(|t| {
        // Inside a title stop (`代表团`, `委员会`).
        !near(&stops, *t).iter().any(|s| s.contains_span(*t) && s != t)
        // Running into a longer title ending later (`泰国王储`: not `国王`;
        // `主教练`: not `主教`; `部长官`: `长官`).
            && !near(&all, *t)
                .iter()
                .any(|o| o.start > t.start && o.start < t.end && o.end > t.end)
    });
    titles.sort_by_key(|t| (t.end, t.start));
    let mut out: Vec<Span> = Vec::with_capacity(titles.len());
    for t in titles {
        match out.last_mut() {
            Some(last) if last.end == t.end => {}
            _ => out.push(t),
        }
    }
    out
}

/// The surname at `i`: its byte length, if a (compound) surname starts there.
fn surname_len(text: &str, i: usize) -> Vec<usize> {
    let mut v = Vec::new();
    if !char_at(text, i).is_some_and(|c| LEX.compound_firsts.contains(&c)) {
        if let Some(c) = char_at(text, i)
            && LEX.surnames.contains(&c)
        {
            v.push(c.len_utf8());
        }
        return v;
    }
    for c in &LEX.compounds {
        if text[i..].starts_with(c) {
            v.push(c.len());
        }
    }
    if let Some(c) = char_at(text, i)
        && LEX.surnames.contains(&c)
    {
        v.push(c.len_utf8());
    }
    v
}

/// Candidate ends for a Chinese name starting at `i`: surname + 1–2 given
/// characters, shortest first.
pub fn name_ends(text: &str, i: usize) -> Vec<usize> {
    let mut ends = Vec::new();
    for s in surname_len(text, i) {
        let mut e = i + s;
        for n in 1..=2 {
            let Some(c) = char_at(text, e) else { break };
            if !is_han(c) || LEX.not_in_given.contains(&c) {
                break;
            }
            // The given name must not start a title (`和校长` is not a name).
            if n == 1
                && (title_at(text, e).is_some()
                    || ["先生", "女士", "同志", "夫人", "小姐"]
                        .iter()
                        .any(|h| text[e..].starts_with(h)))
            {
                break;
            }
            e += c.len_utf8();
            ends.push(e);
        }
    }
    ends.sort_unstable();
    ends.dedup();
    ends
}

/// A transliterated name with `·` starting at or containing `i`… found by
/// scanning for the dots: every maximal run `X·Y(·Z)*` of transliteration
/// characters.
fn foreign_names(text: &str, out: &mut Vec<PersonMention>) {
    let mut i = 0;
    while let Some((p, c)) = text[i..].char_indices().find(|(_, c)| is_dot(*c)) {
        let dot = i + p;
        i = dot + c.len_utf8();
        // Left part.
        let mut s = dot;
        let mut n = 0;
        while let Some(b) = char_before(text, s) {
            if n >= 6 || !LEX.translit.contains(&b) {
                break;
            }
            s -= b.len_utf8();
            n += 1;
        }
        if n == 0 {
            continue;
        }
        // Right parts.
        let mut e = dot;
        while let Some(d) = char_at(text, e)
            && is_dot(d)
        {
            let mut k = e + d.len_utf8();
            let mut m = 0;
            while let Some(c) = char_at(text, k) {
                if m >= 6 || !LEX.translit.contains(&c) {
                    break;
                }
                k += c.len_utf8();
                m += 1;
            }
            if m == 0 {
                break;
            }
            e = k;
        }
        if e == dot || n + text[dot..e].chars().count() < 4 {
            continue;
        }
        // The left part may have absorbed a word before the name; accept it
        // only when a title or a clause boundary is before it, else trim to
        // what jieba-free heuristics allow: keep at most four characters.
        // The left run may have absorbed the end of a title (`总理纳瓦兹`).
        let look = {
            let mut b = s;
            for _ in 0..6 {
                match char_before(text, b) {
                    Some(c) if is_han(c) => b -= c.len_utf8(),
                    _ => break,
                }
            }
            b
        };
        if let Some(t) = titles_in(&text[look..dot])
            .into_iter()
            .map(|t| t.shifted(look))
            .filter(|t| t.end > s && t.end < dot)
            .max_by_key(|t| t.end)
        {
            s = t.end;
        }
        let title = title_ending_at(text, s);
        out.push(PersonMention {
            name: Span::new(s, e),
            title,
            trailing_title: None,
            evidence: Evidence::Foreign,
        });
        i = e;
    }
}

/// The title that ends exactly at `i` (with a past marker before it).
pub fn title_ending_at(text: &str, i: usize) -> Option<Span> {
    let start = {
        let mut s = i;
        for _ in 0..8 {
            match char_before(text, s) {
                Some(c) if is_han(c) => s -= c.len_utf8(),
                _ => break,
            }
        }
        s
    };
    let window = &text[start..i];
    let t = titles_in(window)
        .into_iter()
        .find(|t| start + t.end == i)?
        .shifted(start);
    Some(with_past_marker(text, t))
}

/// The title `t` extended to a past marker written before it, directly or
/// with an organisation in between (`原校长`, `时任国家副主席`).
fn with_past_marker(text: &str, t: Span) -> Span {
    let mut s = t.start;
    for _ in 0..8 {
        for p in PAST_PREFIXES {
            if text[..s].ends_with(p) {
                return Span::new(s - p.len(), t.end);
            }
        }
        match char_before(text, s) {
            Some(c) if is_han(c) => s -= c.len_utf8(),
            _ => break,
        }
    }
    t
}

/// jieba's tags of `text[start..end]`: `(byte span, tag)`.
fn tag(text: &str, start: usize, end: usize) -> Vec<(Span, &'static str)> {
    let s = &text[start..end];
    crate::text::segment::jieba()
        .tag(s, true)
        .into_iter()
        .scan(start, |at, t| {
            let sp = Span::new(*at, *at + t.word.len());
            *at = sp.end;
            Some((sp, intern_tag(t.tag)))
        })
        .collect()
}

fn intern_tag(t: &str) -> &'static str {
    match t {
        "nr" => "nr",
        "nrfg" => "nrfg",
        "nrt" => "nrt",
        "ns" => "ns",
        "nz" => "nz",
        "x" => "x",
        "n" | "v" | "vn" | "d" | "p" | "c" | "r" | "m" | "q" | "u" | "f" | "t" | "s" | "vd"
        | "ad" | "an" | "y" | "e" | "o" | "k" | "uj" | "ul" | "ug" | "uv" | "uz" | "ud" | "zg" => {
            "word"
        }
        _ => "other",
    }
}

fn is_person_tag(t: &str) -> bool {
    matches!(t, "nr" | "nrfg" | "nrt")
}

/// Whether jieba, run on a few characters around it, lets `name` be a name:
/// a word boundary at its end, and no ordinary multi-character word inside
/// it (a given name may be read as a place or other proper noun, or as
/// single characters; `公司` or `和校长` may not).
fn jieba_agrees(text: &str, name: Span) -> bool {
    let end = chars_after(text, name.end, 3);
    let tags = tag(text, name.start, end);
    let surnames = surname_len(text, name.start);
    let mut boundary = false;
    for (k, (sp, t)) in tags.iter().enumerate() {
        if sp.start >= name.end {
            boundary = sp.start == name.end;
            break;
        }
        if sp.end > name.end {
            return false;
        }
        if k == 0 {
            if *sp == name {
                // One word: it must be a person's name to jieba.
                return is_person_tag(t);
            }
            if is_person_tag(t) && surnames.contains(&sp.len()) {
                continue;
            }
            // Otherwise the surname alone, then the given name.
            if !surnames.contains(&sp.len()) {
                return false;
            }
            continue;
        }
        let chars = text[sp.range()].chars().count();
        if chars >= 2 && *t == "word" {
            return false;
        }
    }
    boundary || tags.last().is_some_and(|(sp, _)| sp.end == name.end)
}

/// A transliterated name without `·` at `i` (`克林顿`, `科尔`): two to five
/// transliteration characters followed by a word that follows names, and
/// read as a person's name by jieba.
fn translit_at(text: &str, i: usize) -> Option<(Span, After)> {
    let mut e = i;
    let mut n = 0;
    let mut best = None;
    while let Some(c) = char_at(text, e) {
        if n >= 5 || !LEX.translit.contains(&c) {
            break;
        }
        e += c.len_utf8();
        n += 1;
        if n >= 2 {
            let a = after_name(text, e);
            if a != After::Nothing {
                best = Some((Span::new(i, e), a));
            }
        }
    }
    let (sp, a) = best?;
    if PLACES.iter().any(|p| text[sp.start..].starts_with(p)) {
        return None;
    }
    let tags = tag(text, sp.start, chars_after(text, sp.end, 2));
    let (first, t) = tags.first()?;
    (*first == sp && matches!(*t, "nrt" | "nr")).then_some((sp, a))
}

/// The name after a title ending at `i`, if one is there.
fn name_after_title(text: &str, i: usize) -> Option<(Span, After)> {
    chinese_name_after_title(text, i).or_else(|| translit_at(text, i))
}

fn chinese_name_after_title(text: &str, i: usize) -> Option<(Span, After)> {
    let ends = name_ends(text, i);
    if ends.is_empty() {
        return None;
    }
    // Surnames that are far more often a conjunction, preposition or
    // adverb right after a title (`书记和校长`, `院长曾多次`) need a full
    // three-character name and a verb or title after it.
    let ambiguous = char_at(text, i).is_some_and(|c| "和于向曾同从".contains(c));
    let mut anchored: Vec<(usize, After)> = ends
        .iter()
        .map(|&e| (e, after(text, e)))
        .filter(|(_, a)| *a != After::Nothing)
        .filter(|(e, a)| {
            !ambiguous
                || (text[i..*e].chars().count() == 3
                    && (a.is_strong() || jieba_person(text, Span::new(i, *e))))
        })
        .collect();
    // A Chinese reading that cuts a transliteration (`部长贾斯蒂卡`,
    // `总统尤勒斯·韦登博斯`) is not one.
    if let Some((t, _)) = translit_at(text, i)
        && anchored.iter().all(|(e, _)| t.end > *e)
    {
        return Some((t, after(text, t.end)));
    }
    if ends.iter().any(|&e| char_at(text, e).is_some_and(is_dot)) {
        return None;
    }
    // Prefer a verb or title after the name, then punctuation, then the rest.
    anchored.sort_by_key(|(e, a)| {
        (
            if a.is_strong() {
                0
            } else if *a == After::Punct {
                1
            } else {
                2
            },
            *e,
        )
    });
    if !anchored.is_empty() {
        // A title before and a reporting verb or title right after (`书记王立新
        // 强调`, `校长陈静作了`) outweigh jieba, whose dictionary reads given
        // names as words (`立新/d`) or glues the verb on (`陈静作/nr`).
        return anchored
            .into_iter()
            .find(|(e, a)| {
                (a.is_strong() && !ambiguous && text[i..*e].chars().count() <= 3)
                    || jieba_agrees(text, Span::new(i, *e))
            })
            .map(|(e, a)| (Span::new(i, e), a));
    }
    if ambiguous {
        return None;
    }
    // No anchor after: let jieba say where the name ends.
    let end = chars_after(text, i, 6);
    let tags = tag(text, i, end);
    let (first, t0) = *tags.first()?;
    let (name, next) = if is_person_tag(t0) && ends.contains(&first.end) {
        (first, tags.get(1))
    } else if surname_len(text, i).contains(&first.len()) && ends.iter().any(|e| *e > first.end) {
        let (second, t1) = *tags.get(1)?;
        let chars = text[second.range()].chars().count();
        if ends.contains(&second.end) && (chars == 1 || is_person_tag(t1)) {
            (Span::new(first.start, second.end), tags.get(2))
        } else {
            return None;
        }
    } else {
        return None;
    };
    // The word after must not be a single character that could still
    // belong to the name (`汪明/新/经常`).
    if let Some((sp, _)) = next
        && text[sp.range()].chars().count() == 1
        && char_at(text, sp.start).is_some_and(|c| is_han(c) && !LEX.not_in_given.contains(&c))
    {
        return None;
    }
    Some((name, after(text, name.end)))
}

/// A name at a clause start `i` followed by a word that follows names.
fn name_at_clause_start(text: &str, i: usize) -> Option<(Span, After)> {
    let mut found = None;
    for e in name_ends(text, i) {
        match after_name(text, e) {
            a if a.is_strong() => {
                if found.is_some() {
                    // Two readings (`李和说`): take neither unless jieba decides.
                    found = None;
                    for e2 in name_ends(text, i) {
                        let sp = Span::new(i, e2);
                        if after_name(text, e2).is_strong() && jieba_agrees(text, sp) {
                            return Some((sp, after_name(text, e2)));
                        }
                    }
                    break;
                }
                found = Some((Span::new(i, e), a));
            }
            _ => {}
        }
    }
    let (sp, a) = found?;
    jieba_agrees(text, sp).then_some((sp, a))
}

/// Every person mentioned in `text`, in text order, without overlaps.
pub fn detect(text: &str, known: &KnownNames) -> Vec<PersonMention> {
    let is_place = |sp: Span| PLACES.iter().any(|p| text[sp.range()].starts_with(p));
    let mut out: Vec<PersonMention> = Vec::new();
    known_names(text, known, &mut out);
    titled_names(text, &mut out);
    byline_names(text, &mut out);
    clause_start_names(text, &mut out);
    foreign_names(text, &mut out);
    tagged_names(text, &mut out);
    name_lists(text, &mut out);
    normalize(text, &mut out, is_place);

    // Lists: extend over 、 (and ，) from detected names.
    let mut added = Vec::new();
    for m in &out {
        extend_list(text, m.name, &mut added);
    }
    out.extend(added);
    normalize(text, &mut out, is_place);

    if repeated_names(text, &mut out) {
        normalize(text, &mut out, is_place);
    }
    out
}

/// Stage 1: the names the registry and the lexicon know.
fn known_names(text: &str, known: &KnownNames, out: &mut Vec<PersonMention>) {
    if let Some(ac) = &known.ac {
        for m in ac.find_iter(text) {
            out.push(PersonMention {
                name: Span::new(m.start(), m.end()),
                title: title_ending_at(text, m.start()),
                trailing_title: title_at(text, m.end()),
                evidence: Evidence::Known,
            });
        }
    }
}

/// Stage 2: a name right after a title (`校长王小明`).
fn titled_names(text: &str, out: &mut Vec<PersonMention>) {
    for t in titles_in(text) {
        if let Some((name, a)) = name_after_title(text, t.end) {
            let title = with_past_marker(text, t);
            out.push(PersonMention {
                name,
                title: Some(title),
                trailing_title: match a {
                    After::Title(t) => Some(t),
                    _ => None,
                },
                evidence: Evidence::Title,
            });
        }
    }
}

/// Stage 3: names after a byline marker, separated by spaces or `、`.
fn byline_names(text: &str, out: &mut Vec<PersonMention>) {
    let lex = &*LEX;
    for m in lex.bylines.find_iter(text) {
        let mut i = m.end();
        while let Some(c) = char_at(text, i)
            && matches!(c, ' ' | '\u{3000}' | '：' | ':')
        {
            i += c.len_utf8();
        }
        while let Some(e) = name_ends(text, i).into_iter().rev().find(|&e| {
            char_at(text, e).is_none_or(|c| is_name_end_punct(c) || text[e..].starts_with("报道"))
        }) {
            out.push(PersonMention {
                name: Span::new(i, e),
                title: None,
                trailing_title: None,
                evidence: Evidence::Byline,
            });
            let mut k = e;
            while let Some(c) = char_at(text, k)
                && matches!(c, ' ' | '\u{3000}' | '、')
            {
                k += c.len_utf8();
            }
            if k == e {
                break;
            }
            i = k;
        }
    }
}

/// Stage 4: a surname or a transliteration at the start of a clause (after
/// punctuation or a line start), confirmed by what follows it.
fn clause_start_names(text: &str, out: &mut Vec<PersonMention>) {
    let lex = &*LEX;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = char_at(text, i).unwrap();
        let surname = lex.surnames.contains(&c)
            || (lex.compound_firsts.contains(&c)
                && lex.compounds.iter().any(|s| text[i..].starts_with(s)));
        let translit = lex.translit.contains(&c);
        if !surname && !translit {
            i += c.len_utf8();
            continue;
        }
        let hard = hard_left(text, i);
        let soft = !hard && soft_left(text, i);
        if surname
            && (hard || soft)
            && let Some((name, a)) = name_at_clause_start(text, i)
            && (hard || jieba_person(text, name))
        {
            let (evidence, trailing) = match a {
                After::Title(t) => (Evidence::TrailingTitle, Some(t)),
                _ => (Evidence::Sandwich, None),
            };
            out.push(PersonMention {
                name,
                title: None,
                trailing_title: trailing,
                evidence,
            });
            i = name.end;
            continue;
        }
        if translit
            && (hard || (soft && !text[..i].ends_with(['在', '到', '赴', '了', '与', '和'])))
            && let Some((name, a)) = translit_at(text, i)
            && a.is_strong()
        {
            out.push(PersonMention {
                name,
                title: None,
                trailing_title: match a {
                    After::Title(t) => Some(t),
                    _ => None,
                },
                evidence: Evidence::Sandwich,
            });
            i = name.end;
            continue;
        }
        i += c.len_utf8();
    }
}

/// Stage 5: repeats of the full names found so far, wherever they stand;
/// whether any was added (the caller normalizes again).
fn repeated_names(text: &str, out: &mut Vec<PersonMention>) -> bool {
    let names: HashSet<&str> = out
        .iter()
        .filter(|m| m.evidence != Evidence::CommaList)
        .map(|m| &text[m.name.range()])
        .filter(|n| n.chars().count() >= 2)
        .collect();
    if names.is_empty() {
        return false;
    }
    let mut names: Vec<&str> = names.into_iter().collect();
    names.sort();
    // A few names: one memmem pass each; many (a long document): one automaton.
    let mut hits: Vec<Span> = if names.len() <= 8 {
        names
            .iter()
            .flat_map(|n| {
                memchr::memmem::find_iter(text.as_bytes(), n.as_bytes())
                    .map(move |p| Span::new(p, p + n.len()))
            })
            .collect()
    } else {
        AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&names)
            .expect("repeat automaton")
            .find_iter(text)
            .map(|m| Span::new(m.start(), m.end()))
            .collect()
    };
    hits.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
    let mut added = Vec::new();
    for sp in hits {
        let k = out.partition_point(|o| o.name.end <= sp.start);
        if out.get(k).is_some_and(|o| o.name.overlaps(sp)) {
            continue;
        }
        let a = after(text, sp.end);
        if a == After::Nothing || char_before(text, sp.start).is_some_and(is_dot) {
            continue;
        }
        added.push(PersonMention {
            name: sp,
            title: title_ending_at(text, sp.start),
            trailing_title: match a {
                After::Title(t) => Some(t),
                _ => None,
            },
            evidence: Evidence::Repeat,
        });
    }
    let any = !added.is_empty();
    out.extend(added);
    any
}

/// Names mid-sentence before a reporting verb or honorific, read as a
/// person's name by jieba on their clause.
fn tagged_names(text: &str, out: &mut Vec<PersonMention>) {
    let ends: HashSet<usize> = out.iter().map(|o| o.name.end).collect();
    for m in LEX.strong.find_iter(text) {
        let q = m.start();
        // A surname (or transliteration) two to four characters before.
        let mut starts = Vec::new();
        let mut k = q;
        for n in 1..=4 {
            let Some(c) = char_before(text, k) else { break };
            if !is_han(c) {
                break;
            }
            k -= c.len_utf8();
            if n >= 2 && (LEX.surnames.contains(&c) || LEX.translit.contains(&c)) {
                starts.push(k);
            }
        }
        if starts.is_empty() || ends.contains(&q) {
            continue;
        }
        // The clause: back to the previous non-Han character, at most 16 characters.
        let mut cs = q;
        for _ in 0..16 {
            match char_before(text, cs) {
                Some(c) if is_han(c) => cs -= c.len_utf8(),
                _ => break,
            }
        }
        let tags = tag(text, cs, chars_after(text, q, 2));
        let Some((sp, t)) = tags.iter().find(|(sp, _)| sp.end == q) else {
            continue;
        };
        if !is_person_tag(t) || !starts.contains(&sp.start) {
            continue;
        }
        // What precedes must end a word too (not jieba's cut through a
        // longer name: `松德/斯特伦`).
        if !(hard_left(text, sp.start)
            || soft_left(text, sp.start)
            || title_ending_at(text, sp.start).is_some())
        {
            continue;
        }
        let name = *sp;
        let chinese = name_ends(text, name.start).contains(&name.end);
        let foreign = text[name.range()]
            .chars()
            .all(|c| LEX.translit.contains(&c))
            && text[name.range()].chars().count() >= 3;
        if !(chinese || foreign) || PLACES.iter().any(|p| text[name.range()].starts_with(p)) {
            continue;
        }
        out.push(PersonMention {
            name,
            title: title_ending_at(text, name.start),
            trailing_title: title_at(text, q),
            evidence: Evidence::Tagged,
        });
    }
}

/// Lists of at least three bare names separated by `、`
/// (`刘一、陈二二、张三三`), with no other evidence: every inner item is a
/// whole name, the first may follow a title, the last may be followed by a
/// word that follows names, and jieba must read most of them as names.
fn name_lists(text: &str, out: &mut Vec<PersonMention>) {
    // Maximal Han runs.
    let mut runs: Vec<Span> = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (is_han(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                runs.push(Span::new(s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        runs.push(Span::new(s, text.len()));
    }
    let mut k = 0;
    while k < runs.len() {
        let mut j = k;
        while j + 1 < runs.len() && &text[runs[j].end..runs[j + 1].start] == "、" {
            j += 1;
        }
        if j - k + 1 >= 3 {
            list_chain(text, &runs[k..=j], out);
        }
        k = j + 1;
    }
}

fn list_chain(text: &str, runs: &[Span], out: &mut Vec<PersonMention>) {
    let mut names = Vec::with_capacity(runs.len());
    let last = runs.len() - 1;
    for (n, r) in runs.iter().enumerate() {
        let name = if n == 0 {
            // The whole run, or the part after a title.
            if name_ends(text, r.start).contains(&r.end) {
                Some(*r)
            } else {
                titles_in(&text[r.range()])
                    .into_iter()
                    .map(|t| t.shifted(r.start))
                    .filter(|t| name_ends(text, t.end).contains(&r.end))
                    .map(|t| Span::new(t.end, r.end))
                    .next()
            }
        } else if n == last {
            name_ends(text, r.start)
                .into_iter()
                .rev()
                .find(|&e| e == r.end || matches!(after(text, e), After::Word(_)))
                .map(|e| Span::new(r.start, e))
        } else {
            name_ends(text, r.start).contains(&r.end).then_some(*r)
        };
        let Some(name) = name else { return };
        names.push(name);
    }
    let mut tagged = 0;
    for sp in &names {
        if !jieba_agrees(text, *sp) {
            return;
        }
        let tags = tag(text, sp.start, sp.end);
        if tags.len() == 1 && is_person_tag(tags[0].1) {
            tagged += 1;
        }
    }
    if tagged * 2 < names.len() {
        return;
    }
    out.extend(names.into_iter().map(|name| PersonMention {
        name,
        title: title_ending_at(text, name.start),
        trailing_title: None,
        evidence: Evidence::List,
    }));
}

/// Sort by position; of overlapping mentions keep the one with the
/// strongest evidence (then the earlier, then the longer).
fn normalize(text: &str, out: &mut Vec<PersonMention>, is_place: impl Fn(Span) -> bool) {
    out.retain(|m| m.evidence == Evidence::Known || !is_place(m.name));
    for m in out.iter_mut() {
        if m.trailing_title
            .is_some_and(|t| PLACE_HEADS.contains(&&text[t.range()]))
        {
            m.trailing_title = None;
        }
    }
    out.sort_by_key(|m| (m.evidence, m.name.start, std::cmp::Reverse(m.name.end)));
    // Kept names by start; a new one is kept when it overlaps neither
    // neighbour.
    let mut kept: std::collections::BTreeMap<usize, PersonMention> =
        std::collections::BTreeMap::new();
    for m in out.drain(..) {
        let before = kept.range(..=m.name.start).next_back();
        let after = kept.range(m.name.start..).next();
        if before.is_some_and(|(_, k)| k.name.overlaps(m.name))
            || after.is_some_and(|(_, k)| k.name.overlaps(m.name))
        {
            continue;
        }
        kept.insert(m.name.start, m);
    }
    let kept: Vec<PersonMention> = kept.into_values().collect();
    *out = kept;
}

/// Items of a list next to the name `name`: `、` lists both ways, `，`/`,`
/// lists when the items are bare short names.
fn extend_list(text: &str, name: Span, out: &mut Vec<PersonMention>) {
    for sep in ['、', '，', ','] {
        let evidence = if sep == '、' {
            Evidence::List
        } else {
            Evidence::CommaList
        };
        // Rightwards.
        let mut e = name.end;
        // Stray spaces around a `、` do not end the list (`张三 、李四`).
        let pad = |c: char| sep == '、' && matches!(c, ' ' | '\u{3000}' | '\u{a0}');
        while text[e..].trim_start_matches(pad).starts_with(sep) {
            let at = e + (text[e..].len() - text[e..].trim_start_matches(pad).len());
            let s = at + sep.len_utf8();
            let s = s + (text[s..].len() - text[s..].trim_start_matches(pad).len());
            let item = name_ends(text, s)
                .into_iter()
                .rev()
                .find(|&x| match after(text, x) {
                    After::Punct => char_at(text, x).is_none_or(|c| c != '：' && c != ':'),
                    After::Word(_) | After::Title(_) => true,
                    After::Nothing => false,
                });
            let Some(x) = item else { break };
            let sp = Span::new(s, x);
            if sep != '、' && !comma_item_ok(text, sp) {
                break;
            }
            if !jieba_agrees(text, sp) {
                break;
            }
            out.push(PersonMention {
                name: sp,
                title: None,
                trailing_title: None,
                evidence,
            });
            e = x;
        }
        // Leftwards.
        let mut s = name.start;
        while text[..s].trim_end_matches(pad).ends_with(sep) {
            let e = text[..s].trim_end_matches(pad).len() - sep.len_utf8();
            let e = text[..e].trim_end_matches(pad).len();
            let mut found = None;
            let mut st = e;
            for _ in 0..4 {
                let Some(c) = char_before(text, st) else {
                    break;
                };
                if !is_han(c) {
                    break;
                }
                st -= c.len_utf8();
                if name_ends(text, st).contains(&e)
                    && (hard_left(text, st)
                        || title_ending_at(text, st).is_some()
                        || (sep == '、'
                            && char_before(text, st)
                                .is_some_and(|c| "有是和及与由请为对向".contains(c))))
                {
                    found = Some(st);
                }
            }
            let Some(st) = found else { break };
            let sp = Span::new(st, e);
            if sep != '、' && !comma_item_ok(text, sp) {
                break;
            }
            if !jieba_agrees(text, sp) {
                break;
            }
            out.push(PersonMention {
                name: sp,
                title: None,
                trailing_title: None,
                evidence,
            });
            s = st;
        }
    }
}

/// A `，`-list item must be bounded by separators or clause edges on both
/// sides and be tagged a person by jieba or be a three-character name.
fn comma_item_ok(text: &str, sp: Span) -> bool {
    let chars = text[sp.range()].chars().count();
    let tags = tag(text, sp.start, sp.end);
    let tagged = tags.len() == 1 && is_person_tag(tags[0].1);
    tagged || (chars == 3 && tags.iter().all(|(s, t)| s.len() <= 3 || is_person_tag(t)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<&str> {
        detect(text, KnownNames::none())
            .into_iter()
            .map(|m| &text[m.name.range()])
            .collect()
    }

    #[test]
    fn titles_before_names() {
        assert_eq!(names("学院党委书记区向丽主持会议。"), ["区向丽"]);
        assert_eq!(names("党支部书记锁志海表示，要抓好落实。"), ["锁志海"]);
        assert_eq!(names("党支部副书记和云祥传达了会议精神。"), ["和云祥"]);
        assert_eq!(names("党总支书记曾凌空和党员们座谈。"), ["曾凌空"]);
        assert_eq!(names("教授欧阳康来到现场。"), ["欧阳康"]);
        assert_eq!(names("中心主任张丛强调，要提高认识。"), ["张丛"]);
    }

    #[test]
    fn sandwich_lists_and_bylines() {
        assert_eq!(names("王明表示，学校将继续努力。"), ["王明"]);
        assert_eq!(
            names("副校长张三、李四、王五出席。"),
            ["张三", "李四", "王五"]
        );
        assert_eq!(names("记者 刘艺 陈安娜"), ["刘艺", "陈安娜"]);
        assert_eq!(names("文/刘艺、陈安娜"), ["刘艺", "陈安娜"]);
        assert_eq!(
            names("司法部长卡洛斯·阿马特在会上发言。"),
            ["卡洛斯·阿马特"]
        );
    }

    #[test]
    fn not_names() {
        assert!(names("党的二十大精神。").is_empty());
        assert!(names("书记和校长出席会议。").is_empty());
        assert!(names("公司表示，将继续推进。").is_empty());
        assert!(names("李书记说，要抓好落实。").is_empty());
        assert!(names("代表团团长出席。").is_empty());
    }

    #[test]
    fn known_names_and_repeats() {
        let known = KnownNames::new(["区向丽"]);
        let t = "区向丽来到学院。";
        let v = detect(t, &known);
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].evidence, Evidence::Known);
        let t = "校长王明主持。王明指出，要抓好落实。";
        let v = detect(t, KnownNames::none());
        assert_eq!(v.len(), 2);
    }
}
