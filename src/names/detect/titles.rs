//! Titles: where a title stands before or after a name, and a past
//! marker (`时任`, `原`) written before it.

use super::*;

/// A title (not a title stop) starting exactly at `i`.
pub fn title_at(text: &str, i: usize) -> Option<Span> {
    // Every title has two characters or more: its first two decide
    // whether one can start here.
    let mut cs = text[i..].chars();
    if !cs.next().is_some_and(|c| LEX.title_heads.hit(c, cs.next())) {
        return None;
    }
    let end = chars_after(text, i, 8);
    let (raw, n) = raw_titles(&text[i..end]);
    let raw = &raw[..n];
    // What `titles_in` keeps of the titles starting at 0 (they are the
    // longest ending where they end), without its allocations: not inside
    // a longer stop, not running into a title that ends later.
    raw.iter()
        .filter(|(t, stop)| !stop && t.start == 0)
        .filter(|(t, _)| {
            !raw.iter().any(|(s, stop)| {
                if *stop {
                    s.contains_span(*t) && s != t
                } else {
                    s.start > t.start && s.start < t.end && s.end > t.end
                }
            })
        })
        .map(|(t, _)| *t)
        .max_by_key(|t| t.end)
        .map(|t| t.shifted(i))
}

/// The title and stop matches of a window of at most eight characters
/// (at most 36 substrings, each a title, a stop or both).
fn raw_titles(window: &str) -> ([(Span, bool); 72], usize) {
    let mut raw = [(Span::new(0, 0), false); 72];
    let mut n = 0;
    for m in LEX.titles.find_overlapping_iter(window) {
        raw[n] = (
            Span::new(m.start(), m.end()),
            m.pattern().as_usize() >= LEX.n_titles,
        );
        n += 1;
    }
    (raw, n)
}

/// The titles in `text`: for every end position the longest title ending
/// there, unless a title stop (`代表团`, `委员会`) covers it.
pub(super) fn titles_in(text: &str) -> Vec<Span> {
    if text.len() <= 64 {
        titles_from(text, None)
    } else {
        let mut starts = Vec::new();
        LEX.title_starts.each(text, |i| starts.push(i));
        titles_from(text, Some(&starts))
    }
}

/// [`titles_in`], searching only from `starts` (where the prefilter lets a
/// title or a stop start) when given, else the whole text.
pub(super) fn titles_from(text: &str, starts: Option<&[usize]>) -> Vec<Span> {
    let mut stops: Vec<Span> = Vec::new();
    let mut titles: Vec<Span> = Vec::new();
    let mut add = |pattern: usize, sp: Span| {
        if pattern >= LEX.n_titles {
            stops.push(sp);
        } else {
            titles.push(sp);
        }
    };
    match starts {
        None => {
            for m in LEX.titles.find_overlapping_iter(text) {
                add(m.pattern().as_usize(), Span::new(m.start(), m.end()));
            }
        }
        Some(starts) => {
            // Every match, found from where it starts.
            for &i in starts {
                matches_from(text, i, |pattern, end| add(pattern, Span::new(i, end)));
            }
        }
    }
    // Spans are at most a few characters long: compare each with the
    // spans starting within its reach only.
    stops.sort_unstable();
    titles.sort_unstable();
    const REACH: usize = 40;
    fn near(v: &[Span], t: Span) -> &[Span] {
        let lo = v.partition_point(|s| s.start + REACH < t.start);
        let hi = v.partition_point(|s| s.start < t.end);
        &v[lo..hi]
    }
    let keep: Vec<bool> = titles
        .iter()
        .map(|t| {
            // Inside a title stop (`代表团`, `委员会`).
            !near(&stops, *t).iter().any(|s| s.contains_span(*t) && s != t)
            // Running into a longer title ending later (`泰国王储`: not `国王`;
            // `主教练`: not `主教`; `部长官`: `长官`).
                && !near(&titles, *t)
                    .iter()
                    .any(|o| o.start > t.start && o.start < t.end && o.end > t.end)
        })
        .collect();
    let mut keep = keep.into_iter();
    titles.retain(|_| keep.next().unwrap());
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

/// The titles and stops that start exactly at `i`, as `(pattern, end)`:
/// the anchored automaton follows the text from `i` only as long as a
/// pattern can.
fn matches_from(text: &str, i: usize, mut f: impl FnMut(usize, usize)) {
    use aho_corasick::automaton::Automaton;
    let dfa = &LEX.titles_anchored;
    let anchored = aho_corasick::Anchored::Yes;
    let Ok(mut sid) = dfa.start_state(anchored) else {
        return;
    };
    for (k, &b) in text.as_bytes()[i..].iter().enumerate() {
        sid = dfa.next_state(anchored, sid, b);
        if !dfa.is_special(sid) {
            continue;
        }
        if dfa.is_dead(sid) {
            return;
        }
        if dfa.is_match(sid) {
            let end = i + k + 1;
            for n in 0..dfa.match_len(sid) {
                let pattern = dfa.match_pattern(sid, n);
                // A state also holds the patterns ending here that start later.
                if dfa.pattern_len(pattern) == end - i {
                    f(pattern.as_usize(), end);
                }
            }
        }
    }
}

/// The title that ends exactly at `i` (with a past marker before it).
pub fn title_ending_at(text: &str, i: usize) -> Option<Span> {
    let mut cs = text[..i].chars().rev();
    if !cs.next().is_some_and(|c| LEX.title_tails.hit(c, cs.next())) {
        return None;
    }
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
    let (raw, n) = raw_titles(window);
    let raw = &raw[..n];
    // What `titles_in` keeps as the title ending at the window's end: the
    // longest title ending there that no longer stop covers (no title can
    // run past the window's end).
    let t = raw
        .iter()
        .filter(|(t, stop)| !stop && t.end == window.len())
        .filter(|(t, _)| {
            !raw.iter()
                .any(|(s, stop)| *stop && s.contains_span(*t) && s != t)
        })
        .map(|(t, _)| *t)
        .min_by_key(|t| t.start)?
        .shifted(start);
    Some(with_past_marker(text, t))
}

/// The title `t` extended to a past marker written before it, directly or
/// with an organisation in between (`原校长`, `时任国家副主席`).
pub(super) fn with_past_marker(text: &str, t: Span) -> Span {
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
