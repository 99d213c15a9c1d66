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

mod candidates;
mod foreign;
mod lists;
mod scan;
mod titles;

pub use candidates::{NameEnds, name_ends};
pub use scan::is_dot;
pub use titles::{title_at, title_ending_at};

use candidates::*;
use foreign::*;
use lists::*;
use scan::*;
use titles::*;

use super::lexicon::{
    AFTER_NAME, BYLINE_MARKERS, COMPOUND_SURNAMES, NOT_IN_GIVEN, PAST_PREFIXES, PLACE_HEADS,
    PLACES, SURNAMES, TITLE_STOPS, TITLES, TRANSLIT,
};
use crate::span::Span;
use aho_corasick::automaton::Automaton;
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind, StartKind};
use std::collections::HashMap;
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
    /// The names, searched anchored where `starts` lets one start.
    ac: Option<(aho_corasick::nfa::contiguous::NFA, Starts)>,
    /// The scan's tables with the names, built on the first detection
    /// (not with the names: building them must not build the lexicon).
    tables: std::sync::OnceLock<ScanTables>,
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
            let ac = aho_corasick::nfa::contiguous::NFA::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .prefilter(false)
                .build(&names)
                .expect("known names automaton");
            (ac, Starts::new(names.iter().map(String::as_str)))
        });
        KnownNames {
            names,
            ac,
            tables: std::sync::OnceLock::new(),
        }
    }

    /// The scan's tables, with the known names (see [`scan`]).
    fn tables(&self) -> &ScanTables {
        match &self.ac {
            None => &TABLES,
            Some((_, starts)) => self.tables.get_or_init(|| ScanTables::new(Some(starts))),
        }
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

/// Every person mentioned in `text`, in text order, without overlaps.
pub fn detect(text: &str, known: &KnownNames) -> Vec<PersonMention> {
    let is_place = |sp: Span| is_place(text, sp);
    let mut out: Vec<PersonMention> = Vec::new();
    // One pass over the characters: the clause starts, and where the other
    // stages may find something. (The stages' order within `out` does not
    // matter: `normalize` sorts by evidence first, and each kind of
    // evidence comes from one stage.)
    let cands = scan(text, known.tables(), known.ac.as_ref().map(|(_, s)| s));
    clause_start_names(text, &cands.clause_starts, &mut out);
    known_names(text, known, &cands.known, &mut out);
    titled_names(text, &cands.titles, &mut out);
    byline_names(text, &cands.bylines, &mut out);
    foreign_names(text, &cands.dots, &mut out);
    tagged_names(text, &cands.verbs, &mut out);
    cands.give_back();
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

/// Whether [`detect`] may find a mention starting at byte `i` of `text`:
/// `false` only where none can start, because no kind of evidence can
/// anchor a name there. A caller that asks about one place (a name split by
/// a space) runs detection only where this says yes.
///
/// Every kind of evidence needs something next to `i`: a clause start, a
/// separator or a space before it (anything but a Han character), a
/// function word or verb before it, a title or byline marker ending at it,
/// a known name or a dot (a transliterated name) starting near it; a repeat
/// needs the name's first two characters elsewhere in the text.
pub fn may_start_mention(text: &str, i: usize, known: &KnownNames) -> bool {
    let lex = &*LEX;
    let Some(c) = char_at(text, i) else {
        return false;
    };
    let before = &text[..i];
    let Some(b) = before.chars().next_back() else {
        return true;
    };
    // Clause starts, list items, bylines: after anything but a Han character.
    if !is_han(b) || lex.soft_lasts.contains(&b) || LIST_LEFT.contains(b) {
        return true;
    }
    let mut cs = before.chars().rev();
    if cs.next().is_some_and(|x| lex.title_tails.hit(x, cs.next()))
        || BYLINE_MARKERS.iter().any(|m| before.ends_with(m))
    {
        return true;
    }
    if known
        .ac
        .as_ref()
        .is_some_and(|(_, starts)| starts.hit(c, char_at(text, i + c.len_utf8())))
    {
        return true;
    }
    // A name written with a dot has at most six characters before it.
    if text[i..].chars().take(8).any(is_dot) {
        return true;
    }
    // A repeat: the name's first two characters somewhere else.
    let e = chars_after(text, i, 2);
    if text[i..e].chars().count() < 2 {
        return false;
    }
    let (b, p) = (text.as_bytes(), &text.as_bytes()[i..e]);
    memchr::memmem::find(&b[..i + p.len() - 1], p).is_some()
        || memchr::memmem::find(&b[i + 1..], p).is_some()
}

/// Whether `c` is one of the lexicon's single-character surnames.
pub fn is_surname(c: char) -> bool {
    LEX.surnames.contains(&c)
}

/// Whether `s` is one of the lexicon's compound surnames (`欧阳`).
pub fn is_compound_surname(s: &str) -> bool {
    s.chars()
        .next()
        .and_then(|c| LEX.compounds.get(&c))
        .is_some_and(|v| v.contains(&s))
}

/// Stage 1: the names the registry and the lexicon know.
fn known_names(text: &str, known: &KnownNames, starts: &[usize], out: &mut Vec<PersonMention>) {
    if let Some((ac, _)) = &known.ac {
        leftmost_longest(text, starts, ac, |m| {
            out.push(PersonMention {
                name: Span::new(m.start(), m.end()),
                title: title_ending_at(text, m.start()),
                trailing_title: title_at(text, m.end()),
                evidence: Evidence::Known,
            });
        });
    }
}

/// Stage 2: a name right after a title (`校长王小明`).
fn titled_names(text: &str, starts: &[usize], out: &mut Vec<PersonMention>) {
    for t in titles_from(text, Some(starts)) {
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
fn byline_names(text: &str, starts: &[usize], out: &mut Vec<PersonMention>) {
    let mut markers = Vec::new();
    leftmost_longest(text, starts, &LEX.bylines, |m| markers.push(m));
    for m in markers {
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
/// punctuation or a line start, or a function word or verb: `starts`, from
/// [`scan`]), confirmed by what follows it.
fn clause_start_names(text: &str, starts: &[(usize, bool)], out: &mut Vec<PersonMention>) {
    let lex = &*LEX;
    // Positions before `skip` lie inside a name found already.
    let mut skip = 0;
    for &(i, hard) in starts {
        if i < skip {
            continue;
        }
        let Some(c) = char_at(text, i) else { continue };
        let surname = lex.surnames.contains(&c)
            || (lex.compound_firsts.contains(&c)
                && lex
                    .compounds
                    .get(&c)
                    .is_some_and(|v| v.iter().any(|s| text[i..].starts_with(s))));
        let translit = lex.translit.contains(&c);
        if surname
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
            skip = name.end;
            continue;
        }
        if translit
            && (hard || !text[..i].ends_with(['在', '到', '赴', '了', '与', '和']))
            && let Some((name, a)) = translit_at(text, i, true)
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
            skip = name.end;
        }
    }
}

/// Stage 5: repeats of the full names found so far, wherever they stand;
/// whether any was added (the caller normalizes again).
fn repeated_names(text: &str, out: &mut Vec<PersonMention>) -> bool {
    let mut names: Vec<&str> = out
        .iter()
        .filter(|m| m.evidence != Evidence::CommaList)
        .map(|m| &text[m.name.range()])
        .filter(|n| n.chars().nth(1).is_some())
        .collect();
    if names.is_empty() {
        return false;
    }
    names.sort_unstable();
    names.dedup();
    // A few names: one memmem pass each; many (a long document): one pass
    // looking them up where they can start.
    let mut hits: Vec<Span> = if names.len() <= 8 {
        names
            .iter()
            .flat_map(|n| {
                memchr::memmem::find_iter(text.as_bytes(), n.as_bytes())
                    .map(move |p| Span::new(p, p + n.len()))
            })
            .collect()
    } else {
        longest_occurrences(text, &names)
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

/// Many names (a long document): the leftmost-longest occurrences of any
/// of them, looked up by their first two characters where the prefilter
/// lets one start.
fn longest_occurrences(text: &str, names: &[&str]) -> Vec<Span> {
    let mut by_pair: HashMap<(char, char), Vec<&str>> = HashMap::new();
    for n in names {
        let mut cs = n.chars();
        if let (Some(a), Some(b)) = (cs.next(), cs.next()) {
            by_pair.entry((a, b)).or_default().push(n);
        }
    }
    for v in by_pair.values_mut() {
        v.sort_by_key(|n| std::cmp::Reverse(n.len()));
    }
    let mut hits = Vec::new();
    let mut skip = 0;
    Starts::new(names.iter().copied()).each(text, |i| {
        if i < skip {
            return;
        }
        let mut cs = text[i..].chars();
        let (Some(a), Some(b)) = (cs.next(), cs.next()) else {
            return;
        };
        if let Some(n) = by_pair
            .get(&(a, b))
            .and_then(|v| v.iter().find(|n| text[i..].starts_with(**n)))
        {
            skip = i + n.len();
            hits.push(Span::new(i, skip));
        }
    });
    hits
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
    // neighbour. A few (a news item's): a sorted list.
    if out.len() <= 64 {
        let mut kept: Vec<PersonMention> = Vec::with_capacity(out.len());
        for m in out.drain(..) {
            let k = kept.partition_point(|x| x.name.start < m.name.start);
            let before = kept[..kept.partition_point(|x| x.name.start <= m.name.start)].last();
            if before.is_some_and(|b| b.name.overlaps(m.name))
                || kept.get(k).is_some_and(|a| a.name.overlaps(m.name))
            {
                continue;
            }
            kept.insert(k, m);
        }
        *out = kept;
        return;
    }
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
    fn mentions_start_only_where_one_may() {
        let known = KnownNames::new(["区向丽", "王小明"]);
        let texts = [
            "学院党委书记区向丽主持会议并讲话，副校长张三、李四表示，要抓好落实。",
            "国务院总理李强会见了美国国务卿布林肯，代表团团长王五说，委员会主任委员赵六强调指出：",
            "司法部长卡洛斯·阿马特在会上发言。会上王明表示，大家听取王明讲话后王小明说",
            "记者 刘艺 陈安娜 报道 文/刘艺、陈安娜 本报记者李华 摄影王强",
            "有张三、李四、王五出席。欧阳康、司马南，张三，李四等人参加。",
            "校长王明主持。听取王明说明，王明书记讲话。区向丽来到学院。",
            "首页 新闻 王 明 李 华 张三丰 联系我们 上海 王明华表示",
        ];
        let mut n = 0;
        for text in texts {
            for k in [KnownNames::none(), &known] {
                for m in detect(text, k) {
                    n += 1;
                    let at = m.name.start;
                    assert!(may_start_mention(text, at, k), "{text}: {at}");
                }
            }
        }
        assert!(n > 40, "{n}");
    }

    #[test]
    fn many_repeated_names_are_the_leftmost_longest_occurrences() {
        let names = [
            "王明",
            "王明华",
            "李强",
            "张三",
            "张三丰",
            "欧阳康",
            "卡洛斯",
            "区向丽",
            "赵六",
            "刘艺",
        ];
        let text =
            "王明华和王明、张三丰与张三，欧阳康欧阳康康卡洛斯·区向丽赵六刘艺王王明".repeat(3);
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(names)
            .unwrap();
        let expected: Vec<Span> = ac
            .find_iter(&text)
            .map(|m| Span::new(m.start(), m.end()))
            .collect();
        assert_eq!(longest_occurrences(&text, &names), expected);
        assert!(expected.len() > 30);
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
