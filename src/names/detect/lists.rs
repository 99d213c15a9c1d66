//! Names in lists: tagged by jieba, separated by spaces in a line of names,
//! or joined by `、` and `，` to a name already found.

use super::*;

/// Names mid-sentence before a reporting verb or honorific, read as a
/// person's name by jieba on their clause.
pub(super) fn tagged_names(text: &str, verb_starts: &[usize], out: &mut Vec<PersonMention>) {
    let mut ends: Vec<usize> = out.iter().map(|o| o.name.end).collect();
    ends.sort_unstable();
    let mut verbs = Vec::new();
    leftmost_longest(text, verb_starts, &LEX.strong, |m| verbs.push(m.start()));
    for q in verbs {
        if ends.binary_search(&q).is_ok() {
            continue;
        }
        // A surname (or transliteration) two to four characters before.
        let mut found = [0; 3];
        let mut n_found = 0;
        let mut k = q;
        for n in 1..=4 {
            let Some(c) = char_before(text, k) else { break };
            if !is_han(c) {
                break;
            }
            k -= c.len_utf8();
            if n >= 2 && (LEX.surnames.contains(&c) || LEX.translit.contains(&c)) {
                found[n_found] = k;
                n_found += 1;
            }
        }
        let starts = &found[..n_found];
        if starts.is_empty() {
            continue;
        }
        // jieba only where its reading can still make a name: a start
        // that ends a word on its left and makes a whole name up to `q`.
        if !starts.iter().any(|&s| {
            let sp = Span::new(s, q);
            (name_ends(text, s).contains(&q) || is_foreign_name(text, sp))
                && !is_place(text, sp)
                && (hard_left(text, s) || soft_left(text, s) || title_ending_at(text, s).is_some())
        }) {
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
        if !(chinese || is_foreign_name(text, name)) || is_place(text, name) {
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

/// Three or more transliteration characters (`克林顿`).
fn is_foreign_name(text: &str, name: Span) -> bool {
    let s = &text[name.range()];
    s.chars().all(|c| LEX.translit.contains(&c)) && s.chars().count() >= 3
}

/// Lists of at least three bare names separated by `、`
/// (`刘一、陈二二、张三三`), with no other evidence: every inner item is a
/// whole name, the first may follow a title, the last may be followed by a
/// word that follows names, and jieba must read most of them as names.
pub(super) fn name_lists(text: &str, out: &mut Vec<PersonMention>) {
    // Chains of maximal Han runs joined by a single `、`, found from the
    // `、` alone: the runs of the current chain.
    let mut chain: Vec<Span> = Vec::new();
    let flush = |chain: &mut Vec<Span>, out: &mut Vec<PersonMention>| {
        if chain.len() >= 3 {
            list_chain(text, chain, out);
        }
        chain.clear();
    };
    for p in crate::text::needle!("、").find_iter(text.as_bytes()) {
        if chain.last().is_none_or(|r| r.end != p) {
            flush(&mut chain, out);
            let mut s = p;
            while let Some(c) = char_before(text, s)
                && is_han(c)
            {
                s -= c.len_utf8();
            }
            if s == p {
                continue;
            }
            chain.push(Span::new(s, p));
        }
        let s = p + "、".len();
        let mut e = s;
        while let Some(c) = char_at(text, e)
            && is_han(c)
        {
            e += c.len_utf8();
        }
        if e == s {
            flush(&mut chain, out);
            continue;
        }
        chain.push(Span::new(s, e));
    }
    flush(&mut chain, out);
}

pub(super) fn list_chain(text: &str, runs: &[Span], out: &mut Vec<PersonMention>) {
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

/// Characters after which the first item of a `、` list may start mid-clause
/// (`有张三、李四`).
pub(super) const LIST_LEFT: &str = "有是和及与由请为对向";

/// Items of a list next to the name `name`: `、` lists both ways, `，`/`,`
/// lists when the items are bare short names.
pub(super) fn extend_list(text: &str, name: Span, out: &mut Vec<PersonMention>) {
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
                            && char_before(text, st).is_some_and(|c| LIST_LEFT.contains(c))))
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
pub(super) fn comma_item_ok(text: &str, sp: Span) -> bool {
    let chars = text[sp.range()].chars().count();
    let tags = tag(text, sp.start, sp.end);
    let tagged = tags.len() == 1 && is_person_tag(tags[0].1);
    tagged || (chars == 3 && tags.iter().all(|(s, t)| s.len() <= 3 || is_person_tag(t)))
}
