//! Name candidates: where a Chinese or transliterated name may end after
//! a surname, a title or a clause start, checked against jieba's tags.

use super::*;

/// Whether jieba reads (part of) `name` as a person's name.
pub(super) fn jieba_person(text: &str, name: Span) -> bool {
    let end = chars_after(text, name.end, 2);
    tag(text, name.start, end)
        .iter()
        .take_while(|(sp, _)| sp.end <= name.end)
        .any(|(_, t)| is_person_tag(t))
}

/// A few byte offsets, sorted, without allocating: what [`name_ends`]
/// returns (a surname, compound or not, and one or two given characters
/// make at most four ends).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NameEnds {
    v: [usize; 4],
    n: usize,
}

impl NameEnds {
    fn push(&mut self, x: usize) {
        self.v[self.n] = x;
        self.n += 1;
    }
}

impl std::ops::Deref for NameEnds {
    type Target = [usize];
    fn deref(&self) -> &[usize] {
        &self.v[..self.n]
    }
}

impl IntoIterator for NameEnds {
    type Item = usize;
    type IntoIter = std::iter::Take<std::array::IntoIter<usize, 4>>;
    fn into_iter(self) -> Self::IntoIter {
        self.v.into_iter().take(self.n)
    }
}

/// The surname at `i`: its byte lengths, if a (compound) surname starts there.
pub(super) fn surname_len(text: &str, i: usize) -> NameEnds {
    let mut v = NameEnds::default();
    let Some(c) = char_at(text, i) else {
        return v;
    };
    if LEX.compound_firsts.contains(&c)
        && let Some(compounds) = LEX.compounds.get(&c)
    {
        for s in compounds {
            if text[i..].starts_with(s) {
                v.push(s.len());
            }
        }
    }
    if LEX.surnames.contains(&c) {
        v.push(c.len_utf8());
    }
    v
}

/// Candidate ends for a Chinese name starting at `i`: surname + 1–2 given
/// characters, shortest first.
pub fn name_ends(text: &str, i: usize) -> NameEnds {
    let mut ends = NameEnds::default();
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
                    || (matches!(c, '先' | '女' | '同' | '夫' | '小')
                        && ["先生", "女士", "同志", "夫人", "小姐"]
                            .iter()
                            .any(|h| text[e..].starts_with(h))))
            {
                break;
            }
            e += c.len_utf8();
            if !ends.contains(&e) {
                ends.push(e);
            }
        }
    }
    ends.v[..ends.n].sort_unstable();
    ends
}

/// jieba's tags of `text[start..end]`: `(byte span, tag)`.
///
/// How jieba cuts and tags a window depends on the window's characters
/// only, and detection asks about the same few characters again and again:
/// within a text (a name checked from a title, a list and a clause start)
/// and across texts (the same leaders, places and verbs in every news
/// item). The tags are kept by window text (see [`TagCache`]).
pub(super) fn tag(text: &str, start: usize, end: usize) -> Vec<(Span, &'static str)> {
    let shift = |&(s, e, t): &(u32, u32, &'static str)| {
        (Span::new(start + s as usize, start + e as usize), t)
    };
    let window = &text[start..end];
    TAG_CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if let Some(tags) = c.tags.get(window) {
            return tags.iter().map(shift).collect();
        }
        let mut tags = Vec::new();
        crate::text::segment::tag_each(window, |sp, t| {
            tags.push((sp.start as u32, sp.end as u32, intern_tag(t)))
        });
        let out = tags.iter().map(shift).collect();
        // A full table starts afresh: the windows asked soon after are
        // mostly new ones or the most frequent, which come back quickly.
        if c.tags.len() >= TAG_CACHE_MAX {
            c.tags.clear();
        }
        c.tags.insert(window.into(), tags.into_boxed_slice());
        out
    })
}

/// How many windows the cache keeps at most (a few megabytes).
const TAG_CACHE_MAX: usize = 1 << 14;

/// The tags of the windows seen last on this thread, by window text, with
/// spans relative to the window.
#[derive(Default)]
pub(super) struct TagCache {
    tags: HashMap<Box<str>, WindowTags, BuildFastHasher>,
}

/// The tags of a window: `(start, end, tag)`, relative to the window.
type WindowTags = Box<[(u32, u32, &'static str)]>;

thread_local! {
    static TAG_CACHE: std::cell::RefCell<TagCache> = std::cell::RefCell::default();
}

pub(super) fn intern_tag(t: &str) -> &'static str {
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

pub(super) fn is_person_tag(t: &str) -> bool {
    matches!(t, "nr" | "nrfg" | "nrt")
}

/// Whether jieba, run on a few characters around it, lets `name` be a name:
/// a word boundary at its end, and no ordinary multi-character word inside
/// it (a given name may be read as a place or other proper noun, or as
/// single characters; `公司` or `和校长` may not).
pub(super) fn jieba_agrees(text: &str, name: Span) -> bool {
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
/// read as a person's name by jieba. With `strong`, only a name followed by
/// a strong word ([`After::is_strong`]): jieba is not asked about the rest.
pub(super) fn translit_at(text: &str, i: usize, strong: bool) -> Option<(Span, After)> {
    // The ends after two to five transliteration characters; the longest
    // with something after it that follows names wins.
    let mut ends = [0; 5];
    let mut n = 0;
    let mut e = i;
    while let Some(c) = char_at(text, e) {
        if n >= 5 || !LEX.translit.contains(&c) {
            break;
        }
        e += c.len_utf8();
        ends[n] = e;
        n += 1;
    }
    let (sp, a) = ends[..n]
        .iter()
        .skip(1)
        .rev()
        .map(|&e| (Span::new(i, e), after_name(text, e)))
        .find(|(_, a)| *a != After::Nothing)?;
    if (strong && !a.is_strong()) || place_at(text, sp.start) {
        return None;
    }
    let tags = tag(text, sp.start, chars_after(text, sp.end, 2));
    let (first, t) = tags.first()?;
    (*first == sp && matches!(*t, "nrt" | "nr")).then_some((sp, a))
}

/// The name after a title ending at `i`, if one is there.
pub(super) fn name_after_title(text: &str, i: usize) -> Option<(Span, After)> {
    chinese_name_after_title(text, i).or_else(|| translit_at(text, i, false))
}

pub(super) fn chinese_name_after_title(text: &str, i: usize) -> Option<(Span, After)> {
    let ends = name_ends(text, i);
    if ends.is_empty() {
        return None;
    }
    // Surnames that are far more often a conjunction, preposition or
    // adverb right after a title (`书记和校长`, `院长曾多次`) need a full
    // three-character name and a verb or title after it.
    let ambiguous = char_at(text, i).is_some_and(|c| "和于向曾同从".contains(c));
    // (At most four ends: kept on the stack.)
    let mut kept = [(0, After::Nothing); 4];
    let mut n_kept = 0;
    for (e, a) in ends
        .iter()
        .map(|&e| (e, after(text, e)))
        .filter(|(_, a)| *a != After::Nothing)
        .filter(|(e, a)| {
            !ambiguous
                || (text[i..*e].chars().count() == 3
                    && (a.is_strong() || jieba_person(text, Span::new(i, *e))))
        })
    {
        kept[n_kept] = (e, a);
        n_kept += 1;
    }
    let anchored = &mut kept[..n_kept];
    // A Chinese reading that cuts a transliteration (`部长贾斯蒂卡`,
    // `总统尤勒斯·韦登博斯`) is not one.
    if let Some((t, _)) = translit_at(text, i, false)
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
            .iter()
            .copied()
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
pub(super) fn name_at_clause_start(text: &str, i: usize) -> Option<(Span, After)> {
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
