//! 人名内部的空格：`李 明`、`陈  静`、`王　强`
//!
//! ## 检查什么
//! 报告人名中姓与名之间的空白（ASCII空格、全角空格`U+3000`、不换行空格），并将其删除：`书记李 明表示` → `书记李明表示`，`教授欧阳 康` → `教授欧阳康`。
//!
//! 空格前面只有姓（一个字，或欧阳之类的复姓），空格后面是一两个字，并且满足以下条件之一时，该空格视为填充：
//! - 两部分合起来是人名识别能在上下文中找到的姓名（前面有职务、后面有表示报道的动词等），或在文档其他位置不带空格出现过；
//! - 该行是用空格分隔的人名名单，且两部分都是单字（`李 明`，即把两字姓名补齐到三字姓名的宽度）。
//!
//! ## 不报告的情形
//! 用空格分隔的多个人名（`张三 李四 王五`：每部分都是两个字及以上）；人名后跟空格再接下一个词（`记者 王明 报道`）；署名和图片说明中分隔身份与人名的空格（`院长 王明`）。
//!
//! ## 修复
//! 安全修复：只删除人名内部的空白。
//!
//! ## 依据
//! 为使人名等宽而加空格是打字机时代的习惯；在出版文本中，它会把姓名拆开，妨碍检索、读屏软件和复制粘贴，读起来也像两个词。

// English original of the user documentation above (developer notes):
//
// Spaces inside a person's name: `李 明`, `陈  静`, `王　强`.
//
// ## What it does
// Reports whitespace (ASCII spaces, the ideographic space U+3000, no-break
// spaces) between the surname and the given name of a person and removes
// it: `书记李 明表示` → `书记李明表示`, `教授欧阳 康` → `教授欧阳康`.
//
// A space is taken for padding when the piece before it is a surname alone
// (one character, or a compound surname such as 欧阳) and the piece after it
// is one or two characters, and:
// - joined, the two pieces are a name that person detection finds in
//   context (a title before it, a reporting verb after it …), or that is
//   mentioned unpadded elsewhere in the document; or
// - the line is a roster of names separated by spaces and both pieces are
//   single characters (`李 明`, the two-character name padded to the width
//   of three-character names).
//
// ## Why
// Padding names to equal width is a typewriter habit; in published text it
// splits the name for search, screen readers and copy-paste, and reads as
// two words.
//
// ## What it leaves alone
// Names separated by spaces (`张三 李四 王五`: every piece is two or more
// characters), a name followed by a space and the next word (`记者 王明
// 报道`), bylines and captions separating roles from names (`院长 王明`).
//
// ## Fix safety
// Safe: only whitespace inside the name is removed.

use crate::fix::{Applicability, Fix};
use crate::names::detect::{is_compound_surname, is_surname, may_start_mention, name_ends};
use crate::names::{KnownNames, detect};
use crate::rule::message::Emitter;
use crate::rule::{CheckContext, Checker, Finding};
use crate::rules::NativeArgs;
use crate::rules::helpers::is_name_list;
use crate::span::Span;
use crate::text::chars::{is_han, line_bounds};

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    args.no_params()?;
    Ok(Box::new(PaddedName {
        emit: args.emitter(),
    }))
}

struct PaddedName {
    emit: Emitter,
}

fn is_pad(c: char) -> bool {
    matches!(c, ' ' | '\u{3000}' | '\u{a0}')
}

/// The Han run ending at `i` and the one starting at `i`.
fn han_before(text: &str, i: usize) -> usize {
    let mut s = i;
    while let Some(c) = text[..s].chars().next_back() {
        if !is_han(c) {
            break;
        }
        s -= c.len_utf8();
    }
    s
}

fn han_after(text: &str, i: usize) -> usize {
    let mut e = i;
    while let Some(c) = text[e..].chars().next() {
        if !is_han(c) {
            break;
        }
        e += c.len_utf8();
    }
    e
}

/// Lines up to this many bytes are read whole around a pad; on a longer
/// line (a scraped page with no line breaks) only the sentences within
/// half of it on either side are, so that a pad costs what its
/// neighbourhood costs, not the whole page (which made the rule quadratic
/// in the length of a line).
const CONTEXT_MAX: usize = 4096;

/// The line of the pads at hand, and what is asked about it once rather
/// than once per pad.
struct Line {
    start: usize,
    end: usize,
    /// Whether it is a list of names ([`is_name_list`]), once asked.
    name_list: Option<bool>,
    /// On a long line, where its sentences end (`。！？`), once asked.
    sentence_ends: Option<Vec<usize>>,
}

fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？')
}

impl Line {
    fn of(text: &str, i: usize) -> Line {
        let (start, end) = line_bounds(text, i);
        Line {
            start,
            end,
            name_list: None,
            sentence_ends: None,
        }
    }

    fn contains(&self, i: usize) -> bool {
        self.start <= i && i <= self.end
    }

    fn is_name_list(&mut self, text: &str) -> bool {
        *self
            .name_list
            .get_or_insert_with(|| is_name_list(&text[self.start..self.end]))
    }

    /// The part of the line that detection reads for the pad `ps..pe`
    /// after a surname at `ss`: the whole line, or on a long line the
    /// sentences around the pad within [`CONTEXT_MAX`] / 2 bytes.
    fn context(&mut self, text: &str, ss: usize, pe: usize) -> (usize, usize) {
        let (ls, le) = (self.start, self.end);
        if le - ls <= CONTEXT_MAX {
            return (ls, le);
        }
        let ends = self.sentence_ends.get_or_insert_with(|| {
            text[ls..le]
                .char_indices()
                .filter(|&(_, c)| is_sentence_end(c))
                .map(|(k, _)| ls + k)
                .collect()
        });
        let after_end = |e: usize| e + text[e..].chars().next().map_or(0, char::len_utf8);
        let half = CONTEXT_MAX / 2;
        let mut start = ss.saturating_sub(half).max(ls);
        while !text.is_char_boundary(start) {
            start += 1;
        }
        let mut end = (pe + half).min(le);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        // Begin after the first sentence end of the margin before the name…
        if start > ls
            && let Some(&e) = ends.get(ends.partition_point(|&e| e < start))
            && e < ss
        {
            start = after_end(e);
        }
        // …and stop after the last one of the margin after the pad.
        if end < le
            && let Some(k) = ends.partition_point(|&e| e < end).checked_sub(1)
            && ends[k] >= pe
        {
            end = after_end(ends[k]);
        }
        (start, end)
    }
}

impl Checker for PaddedName {
    fn check(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = ctx.text();
        let bytes = text.as_bytes();
        let mut i = 0;
        let mut known: Option<Vec<&str>> = None;
        let mut line: Option<Line> = None;
        // Where a pad can start: ` ` and the lead byte of U+00A0 (never a
        // continuation byte), and U+3000 whole (its lead byte also starts
        // the common CJK punctuation), in order.
        let mut narrow = memchr::memchr2_iter(b' ', 0xC2, bytes).peekable();
        let mut wide = memchr::memmem::find_iter(bytes, "\u{3000}".as_bytes()).peekable();
        let mut candidates = std::iter::from_fn(|| match (narrow.peek(), wide.peek()) {
            (Some(a), Some(b)) if a < b => narrow.next(),
            (_, Some(_)) => wide.next(),
            (Some(_), None) => narrow.next(),
            (None, None) => None,
        });
        while i < bytes.len() {
            let Some(k) = candidates.by_ref().find(|&k| k >= i) else {
                break;
            };
            i = k;
            let Some(c) = text[i..].chars().next() else {
                break;
            };
            if !is_pad(c) {
                i += c.len_utf8();
                continue;
            }
            let ps = i;
            let mut pe = i;
            while let Some(c) = text[pe..].chars().next()
                && is_pad(c)
            {
                pe += c.len_utf8();
            }
            i = pe;
            let (Some(l), Some(r)) = (text[..ps].chars().next_back(), text[pe..].chars().next())
            else {
                continue;
            };
            if !is_han(l) || !is_han(r) {
                continue;
            }
            let run_start = han_before(text, ps);
            let run_end = han_after(text, pe);
            // The piece before the space: a surname alone (compound first),
            // possibly after a title.
            let one = ps - l.len_utf8();
            let two = text[..ps].char_indices().rev().nth(1).map(|(o, _)| o);
            let surname_starts: Vec<usize> = [two, Some(one)]
                .into_iter()
                .flatten()
                .filter(|&s| s >= run_start)
                .filter(|&s| {
                    let piece = &text[s..ps];
                    let mut cs = piece.chars();
                    match (cs.next(), cs.next(), cs.next()) {
                        (Some(c), None, _) => is_surname(c),
                        (Some(_), Some(_), None) => is_compound_surname(piece),
                        _ => false,
                    }
                })
                .collect();
            if surname_starts.is_empty() {
                continue;
            }
            let line = match &mut line {
                Some(l) if l.contains(one) => l,
                l => l.insert(Line::of(text, one)),
            };
            for ss in surname_starts {
                if let Some(f) = self.at(ctx, ss, ps, pe, r, run_start, run_end, line, &mut known) {
                    out.push(f);
                    break;
                }
            }
        }
    }
}

impl PaddedName {
    #[allow(clippy::too_many_arguments)]
    fn at<'a>(
        &self,
        ctx: &'a CheckContext<'_>,
        ss: usize,
        ps: usize,
        pe: usize,
        r: char,
        run_start: usize,
        run_end: usize,
        line: &mut Line,
        known: &mut Option<Vec<&'a str>>,
    ) -> Option<Finding> {
        let text = ctx.text();
        let l = text[..ps].chars().next_back()?;
        let given_len = text[pe..run_end].chars().count();
        // Roster: `李 明` between pads or line edges, both single characters.
        let roster =
            ss == run_start && ps - ss == l.len_utf8() && given_len == 1 && line.is_name_list(text);
        // In context: join the pieces and detect on the line.
        let (ls, le) = line.context(text, ss, pe);
        let mut joined = String::with_capacity(le - ls);
        joined.push_str(&text[ls..ps]);
        joined.push_str(&text[pe..le]);
        let offset = pe - ps;
        let (name_start, join_at) = (ss - ls, ps - ls);
        // A name end in joined coordinates, mapped back to the text.
        let back = |e: usize| e + ls + offset;
        let name_end = if roster {
            Some(pe + r.len_utf8())
        } else {
            // Detection on the joined context, where a mention can start
            // at the surname at all.
            let found = may_start_mention(&joined, name_start, KnownNames::none())
                .then(|| {
                    detect(&joined, KnownNames::none())
                        .iter()
                        .find(|m| m.name.start == name_start && m.name.end > join_at)
                        .map(|m| back(m.name.end))
                })
                .flatten();
            found.or_else(|| {
                let k = known.get_or_insert_with(|| {
                    let mut k: Vec<&str> = ctx
                        .persons()
                        .iter()
                        .map(|m| &text[m.name.range()])
                        .collect();
                    k.sort_unstable();
                    k.dedup();
                    k
                });
                name_ends(&joined, name_start)
                    .into_iter()
                    .rev()
                    .filter(|&e| e > join_at)
                    .find(|&e| k.binary_search(&&joined[name_start..e]).is_ok())
                    .map(back)
            })
        };
        let name_end = name_end?;
        if name_end > run_end {
            return None;
        }
        let pad = Span::new(ps, pe);
        let found = &text[ss..name_end];
        let expected = format!("{}{}", &text[ss..ps], &text[pe..name_end]);
        Some(
            self.emit
                .at(
                    Span::new(ss, name_end),
                    &[("found", found), ("expected", &expected)],
                )
                .with_help(format!("删去姓名中的空格：“{expected}”"))
                .with_fix(Fix::replace(Applicability::Safe, pad, "")),
        )
    }
}
