//! `kind = "sequence"`: a named enumeration must list exactly these members
//! in this order.
//!
//! ```toml
//! [[rule]]
//! id = "terminology/four-confidences"
//! kind = "sequence"
//! fix = "unsafe"            # optional: reorder a list in the wrong order
//! summary = "“四个自信”的内容与顺序"
//! message = "“{name}”表述有误：{problem}"
//! name = "四个自信"
//! members = ["道路自信", "理论自信", "制度自信", "文化自信"]
//! ```
//!
//! Fields: `name` (required, non-empty) and `members` (required, at least
//! two distinct strings, in the canonical order, without 、，, in them). The
//! message may use `{name}`, `{problem}` (what is wrong), `{expected}` (the
//! canonical list joined by 、) and `{match}` (the list as written); the help
//! line always states the problem and the canonical list.
//!
//! How lists are found. Within the prose view, a *list* is a chain of items
//! separated by exactly one of 、 ， , 和 及 以及 与 (a conjunction ends the
//! chain: it introduces the last item; a comma joins two members but never
//! a foreign item, since 坚定道路自信、理论自信，增强自信 is two clauses). An item is a member (matched
//! literally; all names and members of all sequence rules are searched with
//! one automaton) or a *foreign* item: a string shaped like the members but
//! not one of them. Foreign items are recognised only when every member has
//! the same number of characters and the members share a suffix (自信 in
//! 道路自信…文化自信): a foreign item is then that many Han characters ending in
//! the suffix, e.g. 政治自信. Lists never cross 。！？；, since those are not
//! separators. The name counts as *next to* the list when at most four
//! characters separate them and those are only quotes, brackets, colons,
//! commas, dashes or 即/这/的/是 (“四个自信”，即…; …这“四个自信”).
//!
//! A list is considered only if it has at least two members, or one member
//! and the name next to it. Then:
//!
//! * **foreign member**: each foreign item is flagged (政治自信 is not one of
//!   the 四个自信). Right after a separator an item's start is clear; a
//!   foreign item *before* the first separator (坚定政治自信、…) is taken only
//!   when the list also has all members but one (so it would fill the
//!   missing place), or the name is next to it,
//!   because the window could otherwise swallow a verb (增强自信、…). When a
//!   list has exactly one foreign item and lacks exactly one member, the fix
//!   replaces the one by the other.
//! * **missing member**: reported when there is no foreign item, some member
//!   is absent and either the name is next to the list, or the rule has at
//!   least four members and all but one are listed. Sentences that
//!   legitimately mention two or three of four members (增强道路自信和理论自信)
//!   are therefore not flagged; a rule of three members flags a missing one
//!   only next to its name. Without the name, a list inside a quotation
//!   (an unclosed “ earlier on the line) is not flagged either: quotations
//!   are verbatim, and quoting the older 三个自信 (道路自信、理论自信、
//!   制度自信) is legitimate — on the 54 MB CCTV corpus this was the only
//!   finding of the 四个自信/四个意识 rules before the exemption. Historic
//!   formulations in the document's own voice are the business of the rule's
//!   `since`/`until` dates.
//! * **wrong order**: the members present are not in canonical relative
//!   order; the fix (when the list has no foreign or repeated items) puts
//!   them in canonical order, keeping the separators where they are.
//! * **repeated member**: a member listed twice.

use super::literal::RuleInfo;
use super::{DeclCtx, PatternTable, fill};
use crate::fix::{Edit, Fix};
use crate::rule::{CheckContext, Checker, Finding};
use crate::source_error::SourceError;
use crate::span::Span;
use crate::text::chars::is_han;
use aho_corasick::AhoCorasick;
use std::collections::HashMap;

/// How two items are joined.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Sep {
    /// 、: the enumeration comma.
    Enum,
    /// ，or ,: joins members, but too loose to take a foreign item across.
    Comma,
    /// 和 及 以及 与: introduces the last item.
    Conj,
}

/// Separators between items.
const SEPARATORS: &[(&str, Sep)] = &[
    ("以及", Sep::Conj),
    ("、", Sep::Enum),
    ("，", Sep::Comma),
    (",", Sep::Comma),
    ("和", Sep::Conj),
    ("及", Sep::Conj),
    ("与", Sep::Conj),
];

/// How foreign items look: `chars` Han characters ending in `suffix`.
#[derive(Debug)]
struct Shape {
    suffix: String,
    chars: usize,
}

pub struct SeqRule {
    info: RuleInfo,
    name: String,
    members: Vec<String>,
    shape: Option<Shape>,
}

fn common_suffix(members: &[String]) -> String {
    let first: Vec<char> = members[0].chars().collect();
    let mut n = first.len();
    for m in &members[1..] {
        let c: Vec<char> = m.chars().collect();
        let mut k = 0;
        while k < n.min(c.len()) && first[first.len() - 1 - k] == c[c.len() - 1 - k] {
            k += 1;
        }
        n = k;
    }
    first[first.len() - n..].iter().collect()
}

pub(crate) fn build(cx: &DeclCtx<'_>, info: RuleInfo) -> Result<SeqRule, SourceError> {
    let Some(name) = &cx.decl.name else {
        return Err(cx.missing("name", "提法的名称，如“四个自信”"));
    };
    if name.get_ref().is_empty() {
        return Err(cx.err(
            name.span(),
            format!("规则 `{}` 的 `name` 是空字符串", cx.id()),
            "空字符串",
        ));
    }
    let members = cx.nonempty_list(&cx.decl.members, "members", "按规范顺序排列的各项")?;
    let list = members.get_ref();
    if list.len() < 2 {
        return Err(cx.err(
            members.span(),
            format!(
                "sequence 规则 `{}` 只有一项，无所谓顺序与完整，永远不会报告",
                cx.id()
            ),
            "至少需要两项",
        ));
    }
    if let Some(m) = list.iter().find(|m| {
        SEPARATORS
            .iter()
            .any(|(s, _)| !s.chars().all(is_han) && m.contains(s))
    }) {
        return Err(cx.err(
            members.span(),
            format!("规则 `{}` 的一项“{m}”含有列举用的分隔符", cx.id()),
            "项中含分隔符",
        ));
    }
    if list.contains(name.get_ref()) {
        return Err(cx.err(
            members.span(),
            format!("规则 `{}` 的名称“{}”也被列为一项", cx.id(), name.get_ref()),
            "名称与项相同",
        ));
    }
    let chars = list[0].chars().count();
    let suffix = common_suffix(list);
    let shape = (list.iter().all(|m| m.chars().count() == chars)
        && !suffix.is_empty()
        && suffix.chars().count() < chars
        && list.iter().all(|m| m.chars().all(is_han)))
    .then_some(Shape { suffix, chars });
    Ok(SeqRule {
        info,
        name: name.get_ref().clone(),
        members: list.clone(),
        shape,
    })
}

#[derive(Clone, Copy, Debug)]
enum Role {
    Member(usize),
    Name,
}

pub struct SequenceChecker {
    rules: Vec<SeqRule>,
    automaton: AhoCorasick,
    by_pattern: Vec<Vec<(usize, Role)>>,
    /// Every name of every sequence rule (a name is never a foreign item).
    names: Vec<String>,
}

impl SequenceChecker {
    pub fn new(rules: Vec<SeqRule>) -> Self {
        let mut table = PatternTable::new();
        let mut add = |s: &str, entry: (usize, Role)| table.add(s, entry);
        for (r, rule) in rules.iter().enumerate() {
            add(&rule.name, (r, Role::Name));
            for (i, m) in rule.members.iter().enumerate() {
                add(m, (r, Role::Member(i)));
            }
        }
        let (automaton, by_pattern) = table.build();
        SequenceChecker {
            names: rules.iter().map(|r| r.name.clone()).collect(),
            automaton,
            rules,
            by_pattern,
        }
    }
}

#[derive(Clone, Copy, Debug)]
struct Item {
    span: Span,
    member: Option<usize>,
}

/// The separator at `at`, if any: its end and kind.
fn separator_at(text: &str, at: usize) -> Option<(usize, Sep)> {
    let rest = &text[at..];
    SEPARATORS
        .iter()
        .find(|(s, _)| rest.starts_with(s))
        .map(|(s, sep)| (at + s.len(), *sep))
}

/// The non-conjunction separator ending at `at`, if any: its start and kind.
fn separator_before(text: &str, at: usize) -> Option<(usize, Sep)> {
    let before = &text[..at];
    SEPARATORS
        .iter()
        .find(|(s, sep)| *sep != Sep::Conj && before.ends_with(s))
        .map(|(s, sep)| (at - s.len(), *sep))
}

/// Whether the gap between a name and a list lets them count as adjacent.
fn adjacent_gap(gap: &str) -> bool {
    // Every allowed character is at most 3 bytes: a cheap bound first.
    gap.len() <= 12
        && gap.chars().count() <= 4
        && gap.chars().all(|c| {
            matches!(
                c,
                '“' | '”'
                    | '"'
                    | '‘'
                    | '’'
                    | '：'
                    | ':'
                    | '，'
                    | ','
                    | '（'
                    | '('
                    | '）'
                    | ')'
                    | '—'
                    | '即'
                    | '这'
                    | '的'
                    | '是'
                    | ' '
            )
        })
}

/// Whether `at` lies inside a quotation opened earlier on its line
/// (quoted words are verbatim: an older formula in a quote is not an error).
fn in_quotation(text: &str, at: usize) -> bool {
    let line = &text[text[..at].rfind('\n').map_or(0, |i| i + 1)..at];
    let mut depth = 0i32;
    for c in line.chars() {
        match c {
            '“' | '「' | '『' => depth += 1,
            '”' | '」' | '』' => depth = (depth - 1).max(0),
            _ => {}
        }
    }
    depth > 0
}

impl SequenceChecker {
    /// A foreign item of `rule` occupying `span`, if the text there is shaped like a member.
    fn foreign(&self, text: &str, rule: &SeqRule, span: Option<Span>) -> Option<Item> {
        let shape = rule.shape.as_ref()?;
        let span = span?;
        let s = &text[span.range()];
        (s.ends_with(shape.suffix.as_str())
            && s.chars().all(is_han)
            && !self.names.iter().any(|n| n == s)
            && !rule.members.iter().any(|m| m == s))
        .then_some(Item { span, member: None })
    }

    /// The span of `n` chars starting at `at`.
    fn window_after(text: &str, at: usize, n: usize) -> Option<Span> {
        let mut end = at;
        let mut it = text[at..].chars();
        for _ in 0..n {
            end += it.next()?.len_utf8();
        }
        Some(Span::new(at, end))
    }

    /// The span of `n` chars ending at `at`.
    fn window_before(text: &str, at: usize, n: usize) -> Option<Span> {
        let mut start = at;
        let mut it = text[..at].chars().rev();
        for _ in 0..n {
            start -= it.next()?.len_utf8();
        }
        Some(Span::new(start, at))
    }

    fn check_rule(
        &self,
        text: &str,
        r: usize,
        members: &[(Span, usize)],
        names: &[Span],
        out: &mut Vec<Finding>,
    ) {
        let rule = &self.rules[r];
        let n = rule.members.len();
        let chars = rule.shape.as_ref().map_or(0, |s| s.chars);
        let starts: HashMap<usize, usize> = members.iter().map(|(s, i)| (s.start, *i)).collect();
        let ends: HashMap<usize, usize> = members.iter().map(|(s, i)| (s.end, *i)).collect();
        let mut consumed_until = 0;
        for &(first, idx) in members {
            if first.start < consumed_until {
                continue;
            }
            let floor = consumed_until;
            let mut items = vec![Item {
                span: first,
                member: Some(idx),
            }];
            // Extend right.
            loop {
                let last = items.last().expect("non-empty").span;
                let Some((sep_end, sep)) = separator_at(text, last.end) else {
                    break;
                };
                let next = match starts.get(&sep_end) {
                    Some(&i) => {
                        let len = rule.members[i].len();
                        Some(Item {
                            span: Span::new(sep_end, sep_end + len),
                            member: Some(i),
                        })
                    }
                    None if sep != Sep::Comma => {
                        self.foreign(text, rule, Self::window_after(text, sep_end, chars))
                    }
                    None => None,
                };
                let Some(next) = next else { break };
                items.push(next);
                if sep == Sep::Conj {
                    break;
                }
            }
            // Extend left (the first member might follow foreign items).
            let mut left_foreign = None;
            while let Some((sep_start, sep)) = separator_before(text, items[0].span.start) {
                let prev = match ends.get(&sep_start) {
                    Some(&i) => Some(Item {
                        span: Span::new(sep_start - rule.members[i].len(), sep_start),
                        member: Some(i),
                    }),
                    None if sep == Sep::Enum => {
                        self.foreign(text, rule, Self::window_before(text, sep_start, chars))
                    }
                    None => None,
                };
                let Some(prev) = prev.filter(|p| p.span.start >= floor) else {
                    break;
                };
                if prev.member.is_none() {
                    left_foreign = Some(prev.span);
                }
                items.insert(0, prev);
            }
            let list = Span::new(
                items[0].span.start,
                items.last().expect("non-empty").span.end,
            );
            consumed_until = list.end;
            self.judge(text, rule, &items, list, left_foreign, names, n, out);
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn judge(
        &self,
        text: &str,
        rule: &SeqRule,
        items: &[Item],
        list: Span,
        left_foreign: Option<Span>,
        names: &[Span],
        n: usize,
        out: &mut Vec<Finding>,
    ) {
        let present: Vec<usize> = items.iter().filter_map(|i| i.member).collect();
        let mut distinct = present.clone();
        distinct.sort_unstable();
        distinct.dedup();
        let named = named_next_to(text, names, list);
        if items.len() < 2 || !(present.len() >= 2 || (named && !present.is_empty())) {
            return;
        }
        let mut foreign: Vec<Span> = items
            .iter()
            .filter(|i| i.member.is_none())
            .map(|i| i.span)
            .collect();
        // A foreign item before the first separator needs strong evidence.
        if let Some(lf) = left_foreign
            && items[0].span == lf
            && !(named || (n >= 3 && distinct.len() + 1 == n))
        {
            foreign.retain(|s| *s != lf);
        }
        let items: Vec<Item> = items
            .iter()
            .copied()
            .filter(|i| i.member.is_some() || foreign.contains(&i.span))
            .collect();
        let list = Span::new(
            items[0].span.start,
            items.last().expect("non-empty").span.end,
        );
        let expected = rule.members.join("、");
        let missing: Vec<&str> = (0..n)
            .filter(|i| !distinct.contains(i))
            .map(|i| rule.members[i].as_str())
            .collect();
        let mut emit = |span: Span, problem: String, fix: Option<Vec<Edit>>| {
            let message = fill(
                &rule.info.message,
                &[
                    ("name", &rule.name),
                    ("problem", &problem),
                    ("expected", &expected),
                    ("match", &text[span.range()]),
                ],
            );
            let mut f = Finding::new(rule.info.index, span, message)
                .with_help(format!("{problem}。“{}”依次为：{expected}", rule.name));
            if let (Some(app), Some(edits)) = (rule.info.fix, fix) {
                f = f.with_fix(Fix::new(app, edits));
            }
            out.push(f);
        };
        for &f in &foreign {
            let fix = (foreign.len() == 1 && missing.len() == 1)
                .then(|| vec![Edit::replace(f, missing[0])]);
            emit(
                f,
                format!("“{}”不是“{}”的组成部分", &text[f.range()], rule.name),
                fix,
            );
        }
        if foreign.is_empty()
            && !missing.is_empty()
            && (named || (n >= 4 && distinct.len() + 1 == n && !in_quotation(text, list.start)))
        {
            emit(list, format!("缺少“{}”", missing.join("”“")), None);
        }
        if let Some(dup) = first_repeat(&present) {
            emit(list, format!("“{}”重复出现", rule.members[dup]), None);
        }
        if out_of_order(&present) {
            let fix = (foreign.is_empty() && present.len() == distinct.len()).then(|| {
                items
                    .iter()
                    .zip(&distinct)
                    .filter(|(item, want)| item.member != Some(**want))
                    .map(|(item, want)| Edit::replace(item.span, rule.members[*want].clone()))
                    .collect()
            });
            let order: Vec<&str> = distinct.iter().map(|&i| rule.members[i].as_str()).collect();
            emit(list, format!("顺序应为“{}”", order.join("、")), fix);
        }
    }
}

impl Checker for SequenceChecker {
    fn check(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = ctx.text();
        let mut members: Vec<Vec<(Span, usize)>> = vec![Vec::new(); self.rules.len()];
        let mut names: Vec<Vec<Span>> = vec![Vec::new(); self.rules.len()];
        for m in self.automaton.find_iter(text) {
            let span = Span::new(m.start(), m.end());
            for &(r, role) in &self.by_pattern[m.pattern().as_usize()] {
                match role {
                    Role::Member(i) => members[r].push((span, i)),
                    Role::Name => names[r].push(span),
                }
            }
        }
        for r in 0..self.rules.len() {
            let enough = members[r].len() >= 2 || (!members[r].is_empty() && !names[r].is_empty());
            if enough {
                self.check_rule(text, r, &members[r], &names[r], out);
            }
        }
    }
}

/// Whether the enumeration's name stands right before or after `list`
/// (`“四个意识”：政治意识、…`); only names within a few bytes can.
fn named_next_to(text: &str, names: &[Span], list: Span) -> bool {
    let near = names.partition_point(|nm| nm.end + 12 < list.start);
    names[near..]
        .iter()
        .take_while(|nm| nm.start <= list.end + 12)
        .any(|nm| {
            (nm.end <= list.start && adjacent_gap(&text[nm.end..list.start]))
                || (nm.start >= list.end && adjacent_gap(&text[list.end..nm.start]))
        })
}

/// The first member that occurs a second time in `present`.
fn first_repeat(present: &[usize]) -> Option<usize> {
    let mut seen = Vec::new();
    present.iter().copied().find(|i| {
        let again = seen.contains(i);
        seen.push(*i);
        again
    })
}

/// Whether the members, in the order of their first occurrence, are out of
/// the enumeration's order.
fn out_of_order(present: &[usize]) -> bool {
    let mut firsts: Vec<usize> = Vec::new();
    for &i in present {
        if !firsts.contains(&i) {
            firsts.push(i);
        }
    }
    firsts.windows(2).any(|w| w[0] > w[1])
}
