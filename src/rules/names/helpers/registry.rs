//! Helpers shared by the registry-based names rules: the sentence around a
//! mention, whether it speaks of the past, and how to describe tenures.

use crate::names::registry::{Mention, Person, Registry, Tenure};
use crate::span::Span;
use crate::text::chars::is_han;
use chrono::{Datelike, NaiveDate};
use regex::Regex;
use std::sync::LazyLock;

/// Written right before a title or name: the sentence speaks of a former holder.
const PAST_PREFIX: &[&str] = &[
    "时任", "原任", "原", "前任", "前", "曾任", "历任", "已故", "故", "首任", "老",
];

/// Anywhere in the sentence: it speaks of the past.
const PAST_WORDS: &[&str] = &[
    "时任",
    "曾任",
    "历任",
    "曾担任",
    "曾经",
    "曾",
    "已故",
    "逝世",
    "去世",
    "病逝",
    "生前",
    "遗体",
    "回忆",
    "追忆",
    "缅怀",
    "悼念",
    "怀念",
    "诞辰",
    "当年",
    "那时",
    "那年",
    "彼时",
    "时年",
    "昔日",
    "年前",
    "多年前",
    "当时",
    "卸任",
    "离任",
    "任内",
    "任期",
    "在任",
    "届满",
    "去年",
    "前年",
    "上世纪",
    "年代",
    "以前",
    "此前",
    "之前",
    "历届",
    "先后",
    "新当选",
    "当选",
];

static YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"((?:19|20)[0-9][0-9])年|([一二三四五六七八九〇○零]{4})年").unwrap()
});
static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:((?:19|20)[0-9][0-9])年)?([0-9]{1,2})月([0-9]{1,2})日").unwrap()
});

fn chinese_year(s: &str) -> Option<i32> {
    s.chars().try_fold(0, |y, c| {
        crate::rules::dates::cn_year_digit(c).map(|d| y * 10 + d as i32)
    })
}

/// The sentence around `span`: from after the previous `。！？；` or line
/// break to the next one.
pub fn sentence(text: &str, span: Span) -> Span {
    let is_end = |c: char| matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | '\n');
    let start = text[..span.start]
        .char_indices()
        .rev()
        .find(|&(_, c)| is_end(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[span.end..]
        .char_indices()
        .find(|&(_, c)| is_end(c))
        .map_or(text.len(), |(i, _)| span.end + i);
    Span::new(start, end)
}

/// Whether `i` lies inside `《…》` within `within`.
fn inside_book_title(text: &str, within: Span, i: usize) -> bool {
    let mut depth = 0i32;
    for c in text[within.start..i].chars() {
        match c {
            '《' => depth += 1,
            '》' => depth = (depth - 1).max(0),
            _ => {}
        }
    }
    depth > 0
}

/// Periods the sentence refers to explicitly (years and dates), as `[from, to]`.
fn referenced_periods(s: &str, doc: NaiveDate) -> Vec<(NaiveDate, NaiveDate)> {
    let mut out = Vec::new();
    for c in MONTH_DAY.captures_iter(s) {
        let m: u32 = c[2].parse().unwrap_or(0);
        let d: u32 = c[3].parse().unwrap_or(0);
        let year = match c.get(1) {
            Some(y) => y.as_str().parse().ok(),
            None => {
                // Without a year: the latest such day not long after the document's date.
                let this = NaiveDate::from_ymd_opt(doc.year(), m, d);
                match this {
                    Some(t) if t > doc + chrono::Days::new(31) => Some(doc.year() - 1),
                    Some(_) => Some(doc.year()),
                    None => None,
                }
            }
        };
        if let Some(date) = year.and_then(|y| NaiveDate::from_ymd_opt(y, m, d)) {
            out.push((date, date));
        }
    }
    for c in YEAR.captures_iter(s) {
        let y = c
            .get(1)
            .and_then(|y| y.as_str().parse().ok())
            .or_else(|| c.get(2).and_then(|y| chinese_year(y.as_str())));
        if let Some(y) = y
            && let (Some(a), Some(b)) = (
                NaiveDate::from_ymd_opt(y, 1, 1),
                NaiveDate::from_ymd_opt(y, 12, 31),
            )
        {
            out.push((a, b));
        }
    }
    out
}

/// Whether a mention reads as history, not as a statement about the
/// document's date: a past marker right before it or in its sentence, a
/// year before the document's, a date or year in the sentence at which the
/// person held the title, or a book title (`《…》`) around it.
pub fn historical(
    text: &str,
    mention: &Mention,
    person: &Person,
    titles: &[&str],
    doc: NaiveDate,
) -> bool {
    let span = mention.span();
    let before = &text[..span.start];
    if PAST_PREFIX.iter().any(|p| before.ends_with(p)) {
        return true;
    }
    // `原国务委员兼国防部长X`: a past marker earlier in the same clause.
    let clause = before
        .rfind(['，', '。', '；', '：', '\n'])
        .map_or(before, |i| &before[i..]);
    if ["原", "时任", "前任"].iter().any(|p| clause.contains(p)) {
        return true;
    }
    let sent = sentence(text, span);
    let s = &text[sent.range()];
    if PAST_WORDS.iter().any(|w| s.contains(w)) {
        return true;
    }
    if inside_book_title(text, sent, span.start) {
        return true;
    }
    for (from, to) in referenced_periods(s, doc) {
        if from.year() < doc.year() {
            return true;
        }
        let held = person.tenures.iter().any(|t| {
            titles.contains(&t.title.as_str())
                && t.since.is_none_or(|x| x <= to)
                && t.until.is_none_or(|u| from < u)
        });
        if held {
            return true;
        }
    }
    false
}

/// `2013-03-15 至 2023-03-11；…` for the person's tenures of `title`.
pub fn periods(person: &Person, title: &str) -> String {
    person
        .tenures_of(title)
        .map(Tenure::period)
        .collect::<Vec<_>>()
        .join("、")
}

/// `李强` or `丁薛祥、何立峰`.
pub fn names(persons: &[&Person]) -> String {
    persons
        .iter()
        .map(|p| p.name.as_str())
        .collect::<Vec<_>>()
        .join("、")
}

/// The titles a title use stands for, by name.
pub fn title_names<'a>(reg: &'a Registry, titles: &[usize]) -> Vec<&'a str> {
    titles
        .iter()
        .map(|&t| reg.titles()[t].name.as_str())
        .collect()
}

/// Whether every char of `s` is Han.
pub fn all_han(s: &str) -> bool {
    !s.is_empty() && s.chars().all(is_han)
}
