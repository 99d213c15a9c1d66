//! 在应为人名的位置上，登记的人名写错了一个字：`习近苹总书记`、`国务院总理李克墙`
//!
//! ## 检查什么
//! 查看登记人物的姓名必须出现的位置：紧跟在登记职务（或职务链中的最后一个职务）之后，紧挨在完整或简称职务（`总书记`、`总理`、`委员长`等）之前，以及对于三个字及以上的姓名，紧挨在`同志`之前；把这些位置上的字与担任过该职务的人的姓名（在`同志`之前时为任何人）相比较。与某个姓名恰好相差一个字，且这两个字读音相同（拼音相同，不计声调，多音字的任一读音均可；使用`pinyin`库）或字形相近（一个小的易混字集：栗/粟、沪/泸、宁/宇、己/已/巳、未/末、戌/戍、侯/候、王/玉、汪/江、吴/昊、贾/贯、赵/越、洋/样/祥、际/标、强/弦、丁/于、军/车、春/眷、清/倩、刚/钢、勇/甬、张/账、鹤/鸽）的，予以报告，并以登记的姓名作为建议。
//!
//! ## 不报告的情形
//! 姓名相近的其他人：必须有职务语境；在`同志`之前只比较三个字的姓名。本身就是某个登记姓名（另一位领导人）的文字。
//!
//! ## 修复
//! 不安全修复：可能确有同名同职务的人（名册可能不完整），须由编辑确认。
//!
//! ## 依据
//! 领导人姓名写错（`杜家毫`误作`杜家豪`）曾使一个县级政府网站检查直接不合格；省级检查将其列为严重错误。输入法产生的恰恰是这类错误：从候选列表中选了同音字。

// English original of the user documentation above (developer notes):
//
// A registry name written one character off where a name is expected:
// `习近苹总书记`, `国务院总理李克墙`.
//
// ## What it does
// Looks at the place where a registry person's name must stand — right
// after a registry title (or the last title of a chain), right before a
// full or short title (`总书记`, `总理`, `委员长` …), and, for names of three or
// more characters, right before `同志` — and compares the characters there
// with the names of the people who held that title (any person, before
// `同志`). Text that differs from a name in exactly one character, where the
// two characters sound the same (same pinyin, tones ignored, any reading of
// a polyphone; crate `pinyin`) or look alike (a small confusion set:
// 栗/粟、沪/泸、宁/宇、己/已/巳、未/末、戌/戍、侯/候、王/玉、汪/江、吴/昊、
// 贾/贯、赵/越、洋/样/祥、际/标、强/弦、丁/于、军/车、春/眷、清/倩、
// 刚/钢、勇/甬、张/账、鹤/鸽),
// is reported with the registry name as the suggestion.
//
// ## Why
// A leader's name written wrong (`杜家毫` for `杜家豪`) made a county website
// fail its audit outright; provincial audits count it as a 严重错误. Input
// methods produce exactly these errors: a homophone picked from the list.
//
// ## What it leaves alone
// Other people with similar names: the title context is required, and
// before `同志` only three-character names are compared. Text that is
// itself a registry name (another leader).
//
// ## Fix safety
// Unsafe: a real person with that name and title is possible (a roster may
// be incomplete); the editor confirms.

use super::helpers::registry::{all_han, title_names};
use crate::fix::{Applicability, Fix};
use crate::names::registry::Registry;
use crate::rule::message::Emitter;
use crate::rule::{CheckContext, Checker, Finding};
use crate::rules::NativeArgs;
use crate::span::Span;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use pinyin::ToPinyinMulti;
use std::collections::HashMap;
use std::sync::Arc;

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    args.no_params()?;
    let reg = args.registry.clone();
    let mut forms: Vec<String> = Vec::new();
    // (form text, title indexes, is 同志)
    let mut what: Vec<(Vec<usize>, bool)> = Vec::new();
    for (i, t) in reg.titles().iter().enumerate() {
        for f in std::iter::once(&t.name).chain(&t.aliases).chain(&t.short) {
            match forms.iter().position(|x| x == f) {
                Some(j) => what[j].0.push(i),
                None => {
                    forms.push(f.clone());
                    what.push((vec![i], false));
                }
            }
        }
    }
    forms.push("同志".to_string());
    what.push((Vec::new(), true));
    let ac = AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&forms)
        .map_err(|e| e.to_string())?;
    // The persons who ever held one of a form's titles, in registry order.
    let holders = what
        .iter()
        .map(|(titles, _)| {
            let names = title_names(&reg, titles);
            (0..reg.persons().len())
                .filter(|&p| names.iter().any(|t| reg.persons()[p].ever_held(t)))
                .collect()
        })
        .collect();
    let mut forms_by_first: HashMap<char, Vec<String>> = HashMap::new();
    let mut forms_by_last: HashMap<char, Vec<String>> = HashMap::new();
    let mut empty_form = false;
    for f in reg.persons().iter().flat_map(|p| p.forms()) {
        match (f.chars().next(), f.chars().next_back()) {
            (Some(a), Some(z)) => {
                forms_by_first.entry(a).or_default().push(f.to_string());
                forms_by_last.entry(z).or_default().push(f.to_string());
            }
            _ => empty_form = true,
        }
    }
    Ok(Box::new(LeaderNameMisspelled {
        emit: args.emitter(),
        reg,
        ac,
        what,
        holders,
        forms_by_first,
        forms_by_last,
        empty_form,
    }))
}

struct LeaderNameMisspelled {
    emit: Emitter,
    reg: Arc<Registry>,
    ac: AhoCorasick,
    what: Vec<(Vec<usize>, bool)>,
    /// For each form of `ac`, the persons (indexes) who ever held one of
    /// its titles: computed once, not per match.
    holders: Vec<Vec<usize>>,
    /// The persons' name forms by their first and by their last character.
    forms_by_first: HashMap<char, Vec<String>>,
    forms_by_last: HashMap<char, Vec<String>>,
    /// Whether some person has an empty form (which every text starts with).
    empty_form: bool,
}

/// Visually similar characters (documented above).
const LOOK_ALIKE: &[&str] = &[
    "栗粟",
    "沪泸",
    "宁宇",
    "己已巳",
    "未末",
    "戌戍",
    "侯候",
    "王玉",
    "汪江",
    "吴昊",
    "贾贯",
    "赵越",
    "洋样祥",
    "际标",
    "强弦",
    "丁于",
    "军车",
    "春眷",
    "清倩",
    "刚钢",
    "勇甬",
    "张账",
    "鹤鸽",
];

fn sound_alike(a: char, b: char) -> bool {
    let (Some(pa), Some(pb)) = (a.to_pinyin_multi(), b.to_pinyin_multi()) else {
        return false;
    };
    pa.into_iter()
        .any(|x| pb.into_iter().any(|y| x.plain() == y.plain()))
}

fn look_alike(a: char, b: char) -> bool {
    LOOK_ALIKE.iter().any(|g| g.contains(a) && g.contains(b))
}

/// Whether `written` is `name` with one character replaced by a homophone or a look-alike.
fn near_miss(written: &str, name: &str) -> bool {
    let (mut w, mut n) = (written.chars(), name.chars());
    // The one pair of characters that differ.
    let mut diff = None;
    loop {
        match (w.next(), n.next()) {
            (None, None) => break,
            (Some(a), Some(b)) if a != b => {
                if diff.is_some() {
                    return false;
                }
                diff = Some((a, b));
            }
            (Some(_), Some(_)) => {}
            // Not the same length.
            _ => return false,
        }
    }
    let Some((a, b)) = diff else { return false };
    sound_alike(a, b) || look_alike(a, b)
}

/// The `len`-char text starting at byte `i`, or ending at byte `i` (`back`).
fn chars_at(text: &str, i: usize, len: usize, back: bool) -> Option<Span> {
    if back {
        let mut start = i;
        for _ in 0..len {
            let c = text[..start].chars().next_back()?;
            start -= c.len_utf8();
        }
        Some(Span::new(start, i))
    } else {
        let mut end = i;
        for _ in 0..len {
            let c = text[end..].chars().next()?;
            end += c.len_utf8();
        }
        Some(Span::new(i, end))
    }
}

impl LeaderNameMisspelled {
    /// Whether a registry name ends (`back`) or starts at `at`.
    fn name_there(&self, text: &str, at: usize, back: bool) -> bool {
        if self.empty_form {
            return true;
        }
        let (here, c, forms) = if back {
            let here = &text[..at];
            (here, here.chars().next_back(), &self.forms_by_last)
        } else {
            let here = &text[at..];
            (here, here.chars().next(), &self.forms_by_first)
        };
        c.and_then(|c| forms.get(&c)).is_some_and(|fs| {
            fs.iter().any(|f| {
                if back {
                    here.ends_with(f.as_str())
                } else {
                    here.starts_with(f.as_str())
                }
            })
        })
    }

    fn judge<'p>(
        &self,
        text: &str,
        candidates: impl Iterator<Item = &'p crate::names::registry::Person>,
        at: usize,
        back: bool,
        min_len: usize,
        out: &mut Vec<Finding>,
    ) {
        let reg = &*self.reg;
        // A registry name already there: nothing is misspelled.
        if self.name_there(text, at, back) {
            return;
        }
        for p in candidates {
            let len = p.name.chars().count();
            if len < min_len {
                continue;
            }
            let Some(span) = chars_at(text, at, len, back) else {
                continue;
            };
            let written = &text[span.range()];
            if !all_han(written) || reg.person(written).is_some() || !near_miss(written, &p.name) {
                continue;
            }
            out.push(
                self.emit
                    .at(span, &[("found", written), ("expected", &p.name)])
                    .with_help(format!("核对人名：应为“{}”", p.name))
                    .with_fix(Fix::replace(Applicability::Unsafe, span, p.name.clone())),
            );
            return;
        }
    }
}

impl Checker for LeaderNameMisspelled {
    fn check(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let reg = &*self.reg;
        if reg.is_empty() {
            return;
        }
        let text = ctx.text();
        for m in self.ac.find_iter(text) {
            let (titles, comrade) = &self.what[m.pattern().as_usize()];
            if *comrade {
                self.judge(text, reg.persons().iter(), m.start(), true, 3, out);
                continue;
            }
            let holders = || {
                self.holders[m.pattern().as_usize()]
                    .iter()
                    .map(|&p| &reg.persons()[p])
            };
            let short = titles
                .iter()
                .all(|&t| !reg.titles()[t].name.eq(&text[m.start()..m.end()]))
                && !titles.iter().any(|&t| {
                    reg.titles()[t]
                        .aliases
                        .iter()
                        .any(|a| a == &text[m.start()..m.end()])
                });
            // After a full title: the name follows.
            if !short {
                self.judge(text, holders(), m.end(), false, 2, out);
            }
            // Before a title: the name precedes (`习近苹总书记`).
            self.judge(text, holders(), m.start(), true, 2, out);
        }
    }
}
