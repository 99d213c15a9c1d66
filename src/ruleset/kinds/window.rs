//! Where a `pattern` rule's regular expression can match at all.
//!
//! A rule's regex is usually anchored on a word that is rare in prose: the
//! `付` of `党委付书记`, the `新发展理念` after a list. Running the regex over
//! every byte of every document costs as much as the rest of the terminology
//! family together, and almost every document holds no such word. So before a
//! regex runs, its syntax tree is read for *required text*: a few literals of
//! which every match must contain one (`付`; `新发展理念` or `的新发展理念`).
//! A document that contains none of them cannot match and is skipped.
//!
//! When the regex's matches also have a bounded length `L`, the regex runs
//! only in windows around the required text: a match that contains the
//! literal at `p` starts at or after `p - L`. Each window is searched with the
//! whole document as context, so `^`, `$` and `\b` see what they would see in
//! a search of the whole text, and the matches (their order, their overlaps
//! resolved leftmost-first) are exactly those of one search over the whole
//! text. A regex with no required text, or an unbounded one outside the
//! skipped documents, is searched in full as before.

use aho_corasick::{AhoCorasick, MatchKind};
use regex_automata::Input;
use regex_automata::meta::Regex;
use regex_automata::util::captures::Captures;
use regex_syntax::hir::{Hir, HirKind};

/// More literals than this make a set too unselective to be worth it.
const MAX_LITERALS: usize = 64;

/// Literals of which every match of `hir` contains one, if the regex has such
/// a set (no empty literal in it).
fn required(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    match hir.kind() {
        HirKind::Literal(lit) => (!lit.0.is_empty()).then(|| vec![lit.0.to_vec()]),
        HirKind::Capture(cap) => required(&cap.sub),
        HirKind::Repetition(rep) if rep.min >= 1 => required(&rep.sub),
        HirKind::Concat(parts) => parts
            .iter()
            .filter_map(required)
            .min_by_key(|set| (set.len(), usize::MAX - shortest(set))),
        HirKind::Alternation(branches) => {
            let mut all = Vec::new();
            for b in branches {
                all.extend(required(b)?);
                if all.len() > MAX_LITERALS {
                    return None;
                }
            }
            Some(minimal(all))
        }
        _ => None,
    }
}

/// `set` without the literals that hold another one: text that contains
/// `的新发展理念` contains `新发展理念`, so the shorter one is required
/// enough (and one literal is searched much faster than two).
fn minimal(mut set: Vec<Vec<u8>>) -> Vec<Vec<u8>> {
    set.sort_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b)));
    set.dedup();
    let mut kept: Vec<Vec<u8>> = Vec::new();
    for lit in set {
        if !kept.iter().any(|k| memchr::memmem::find(&lit, k).is_some()) {
            kept.push(lit);
        }
    }
    kept.sort();
    kept
}

fn shortest(set: &[Vec<u8>]) -> usize {
    set.iter().map(Vec::len).min().unwrap_or(0)
}

/// The required literals of a regex, as searched.
enum Required {
    /// One literal (the common case: `付`), with SIMD substring search.
    One(Box<memchr::memmem::Finder<'static>>),
    /// Several, searched leftmost-first.
    Many(AhoCorasick),
}

impl Required {
    /// The start of the first occurrence of a literal at or after `from`.
    fn find(&self, text: &str, from: usize) -> Option<usize> {
        match self {
            Required::One(f) => f.find(&text.as_bytes()[from..]).map(|p| from + p),
            Required::Many(ac) => ac
                .find(aho_corasick::Input::new(text).span(from..text.len()))
                .map(|m| m.start()),
        }
    }
}

/// A regex and what bounds where it can match.
pub struct Windowed {
    regex: Regex,
    /// The required literals.
    required: Option<Required>,
    /// The longest match, in bytes.
    max_len: Option<usize>,
}

impl Windowed {
    /// `regex` compiled from `hir` (the same pattern).
    pub fn new(regex: Regex, hir: &Hir) -> Windowed {
        let required = required(hir).and_then(|set| match set.as_slice() {
            [one] => Some(Required::One(Box::new(
                memchr::memmem::Finder::new(one).into_owned(),
            ))),
            _ => AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostFirst)
                .build(&set)
                .ok()
                .map(Required::Many),
        });
        Windowed {
            regex,
            required,
            max_len: hir.properties().maximum_len(),
        }
    }

    /// Call `each` with every non-overlapping match of the regex in `text`,
    /// in order, as one leftmost-first search of the whole text finds them.
    pub fn for_each_match(&self, text: &str, mut each: impl FnMut(&Captures)) {
        let mut caps = self.regex.create_captures();
        let Some(required) = &self.required else {
            self.search_all(text, 0, &mut caps, &mut each);
            return;
        };
        // No match starts in [0, pos) that has not been reported.
        let mut pos = 0;
        while let Some(p) = required.find(text, pos) {
            let Some(len) = self.max_len else {
                // Unbounded: search the rest of the text from where a match
                // holding this literal could start, that is from `pos`.
                self.search_all(text, pos, &mut caps, &mut each);
                return;
            };
            // A match holding the literal at `p` starts in [p - len, p]; a
            // match starting before `start` would hold an earlier literal.
            let start = pos.max(p.saturating_sub(len));
            // Any match starting up to `p + len` ends by `p + 2 len`: in the
            // window, the leftmost one found is the leftmost in the text.
            let end = text.len().min(p + 2 * len);
            let input = Input::new(text).span(start..end);
            self.regex.search_captures(&input, &mut caps);
            match caps.get_match() {
                Some(m) if m.start() <= p + len => {
                    each(&caps);
                    pos = m.end().max(m.start() + 1);
                }
                // No match starts in [start, p + len].
                _ => pos = p + len + 1,
            }
            if pos >= text.len() {
                return;
            }
        }
    }

    /// Every match from `from` on, searching the whole rest of the text.
    fn search_all(
        &self,
        text: &str,
        from: usize,
        caps: &mut Captures,
        each: &mut impl FnMut(&Captures),
    ) {
        let mut pos = from;
        while pos <= text.len() {
            self.regex
                .search_captures(&Input::new(text).span(pos..text.len()), caps);
            let Some(m) = caps.get_match() else {
                return;
            };
            each(caps);
            pos = m.end().max(m.start() + 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn windowed(pattern: &str) -> Windowed {
        let hir = regex_syntax::parse(pattern).expect("pattern");
        Windowed::new(Regex::new(pattern).expect("regex"), &hir)
    }

    fn matches(w: &Windowed, text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        w.for_each_match(text, |c| {
            let m = c.get_match().expect("match");
            out.push((m.start(), m.end()));
        });
        out
    }

    fn whole(pattern: &str, text: &str) -> Vec<(usize, usize)> {
        regex::Regex::new(pattern)
            .expect("regex")
            .find_iter(text)
            .map(|m| (m.start(), m.end()))
            .collect()
    }

    #[test]
    fn required_text_of_a_pattern() {
        let set = |p: &str| required(&regex_syntax::parse(p).expect("pattern"));
        assert_eq!(
            set("(?:党委|[校院])付(?:书记|主任)"),
            Some(vec!["付".as_bytes().to_vec()])
        );
        assert_eq!(
            set("(?:甲乙|丙丁)(?P<t>的新发展理念|新发展理念)"),
            Some(vec!["新发展理念".as_bytes().to_vec()])
        );
        // One-character branches are a class, not literals.
        assert_eq!(
            set("(?:甲乙|丙丁)(?:的|之)"),
            Some(vec!["丙丁".as_bytes().to_vec(), "甲乙".as_bytes().to_vec()])
        );
        assert_eq!(set(r"\d+年"), Some(vec!["年".as_bytes().to_vec()]));
        assert_eq!(set(r"\p{Han}{2}"), None);
        assert_eq!(set("(?:付)?书记"), Some(vec!["书记".as_bytes().to_vec()]));
    }

    /// The windows find exactly the matches of one search over the whole
    /// text, also where matches crowd together, overlap, or sit at the edges
    /// that `^`, `$` and `\b` look at.
    #[test]
    fn windows_match_the_whole_search() {
        let patterns = [
            "(?:党委|[校院])付(?:书记|主任)",
            r"(?:^|[、，\s])付(?:校长|主任)\p{Han}{1,2}?(?:[，。]|主持)",
            r"付\p{Han}{0,6}?主任",
            r"\b[a-z]*ab[a-z]*\b",
            r"ab(?:c|cd)?$",
            r"x+付",
            "ab|ba",
        ];
        let texts = [
            "",
            "付",
            "党委付书记、校付主任，院付书记付付主任",
            "付校长王明，付主任李华主持会议、付校长陈明。",
            "付甲乙丙丁戊己庚主任付主任付付付主任",
            "xab abc abab ab_ba ab",
            "aba bab abcd abc",
            "xxxxxxxxxx付x付",
            "前文付\n付校长王明，后文",
        ];
        for p in patterns {
            let w = windowed(p);
            for t in texts {
                assert_eq!(matches(&w, t), whole(p, t), "{p} in {t:?}");
                let long = t.repeat(50);
                assert_eq!(matches(&w, &long), whole(p, &long), "{p} in {t:?}×50");
            }
        }
    }
}
