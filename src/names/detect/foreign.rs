//! Foreign names written with a middle dot (`约瑟夫·拜登`) and their
//! shortened repeats.

use super::*;

/// A transliterated name with `·` starting at or containing `i`… found by
/// scanning for the dots: every maximal run `X·Y(·Z)*` of transliteration
/// characters.
/// `dots` are the dots of the text, in order ([`scan`]).
pub(super) fn foreign_names(text: &str, dots: &[(usize, usize)], out: &mut Vec<PersonMention>) {
    let mut i = 0;
    for &(dot, len) in dots {
        if dot < i {
            continue;
        }
        i = dot + len;
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
