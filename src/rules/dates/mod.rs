//! The dates and numbers family (GB/T 15835—2011《出版物上数字用法》,
//! GB/T 9704—2012《党政机关公文格式》): prose dates, calendar validity,
//! weekdays, full years, 〇, 虚位, ranges, times, relative dates, decimals.
//!
//! Every rule here finds its candidates cheaply — a `memchr` search for a
//! marker (`月`, `年`, `-`, `：`, `.`) — and parses locally around it, so the
//! whole family stays well above 50 MB/s. The shared scanning helpers live in
//! this module.
//!
//! Left to other families on purpose: full-width digits (`１０００`) are
//! `punctuation/fullwidth-alphanumeric`; Arabic numerals in fixed political
//! terms (`党的20大`, `19届6中全会`) are the terminology family's.

pub mod bare_decimal;
pub mod chinese_year_zero;
pub mod colloquial_hao;
pub mod digit_grouping;
pub mod fullwidth_time_colon;
pub mod garbled_date;
pub mod invalid_date;
pub mod iso_date_in_prose;
pub mod iso_date_padding;
pub mod mixed_numerals;
pub mod range_dash;
pub mod range_mark_consistency;
pub mod range_unit;
pub mod relative_date;
pub mod two_digit_year;
pub mod weekday_mismatch;
pub mod zero_padded;

use crate::document::DateSource;
use crate::rule::CheckContext;
use crate::span::Span;
use crate::text::needle;
use chrono::{Datelike, NaiveDate};

/// The character just before byte `i`.
pub(crate) fn prev_char(text: &str, i: usize) -> Option<char> {
    text[..i].chars().next_back()
}

/// The character at byte `i`.
pub(crate) fn next_char(text: &str, i: usize) -> Option<char> {
    text[i..].chars().next()
}

/// Start of the ASCII digit run that ends at `end`.
pub(crate) fn digits_before(text: &str, end: usize) -> usize {
    let b = text.as_bytes();
    let mut i = end;
    while i > 0 && b[i - 1].is_ascii_digit() {
        i -= 1;
    }
    i
}

/// End of the ASCII digit run that starts at `start`.
pub(crate) fn digits_after(text: &str, start: usize) -> usize {
    let b = text.as_bytes();
    let mut i = start;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    i
}

/// The value of a short ASCII digit run.
pub(crate) fn num(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 9 {
        return None;
    }
    s.parse().ok()
}

/// The line (without its terminator) holding byte `i`.
pub(crate) fn line_span(text: &str, i: usize) -> Span {
    let (start, end) = crate::text::chars::line_bounds(text, i);
    Span::new(start, end)
}

/// Labels of metadata header fields, as scraped pages and CMS exports write them.
const METADATA_LABELS: &[&str] = &[
    "发布时间",
    "发布日期",
    "发表时间",
    "发表日期",
    "发表于",
    "更新时间",
    "更新日期",
    "最后更新",
    "成文日期",
    "印发日期",
    "发文日期",
    "上传时间",
    "录入时间",
    "日期",
    "时间",
    "来源",
    "作者",
    "编辑",
    "责编",
    "供稿",
    "浏览",
    "点击",
    "阅读",
    "稿源",
    "出处",
    "撰稿",
    "审核",
    "摄影",
];

/// Whether a line is metadata or chrome rather than running prose: a header
/// field (`发布时间：…`, `来源：…`), a table row (tabs or `|`), or a short line
/// without sentence punctuation (a byline or a date stamp). Dates there follow
/// the site's template, not the writer's prose, and are exempt from the
/// prose-date rules.
pub(crate) fn is_metadata_line(line: &str) -> bool {
    if line.contains('\t') || line.contains('|') || line.contains('｜') {
        return true;
    }
    for label in METADATA_LABELS {
        for (at, _) in line.match_indices(label) {
            let rest = line[at + label.len()..].trim_start_matches([' ', '\u{3000}', '\u{a0}']);
            if rest.starts_with([':', '：']) || *label == "发表于" {
                return true;
            }
        }
    }
    let trimmed = line.trim();
    let sentence = trimmed.contains(['。', '，', '；', '！', '？']);
    !sentence && trimmed.chars().count() <= 40
}

/// Whether byte `offset` of the prose lies in a table cell (Markdown/HTML tables).
pub(crate) fn in_table(ctx: &CheckContext<'_>, offset: usize) -> bool {
    let blocks = ctx.doc.blocks();
    let i = blocks.partition_point(|b| b.span.end < offset);
    blocks
        .get(i)
        .is_some_and(|b| b.span.start <= offset && b.kind == crate::document::BlockKind::TableCell)
}

/// The document's date when the document says it (metadata) or the user gave
/// it (`--as-of`); `None` when it is only today's date, which says nothing
/// about when the text was written.
pub(crate) fn known_date(ctx: &CheckContext<'_>) -> Option<NaiveDate> {
    let d = ctx.doc.date();
    (d.source != DateSource::Today).then_some(d.date)
}

/// Whether a lunar-calendar marker (农历/阴历/夏历, 正月/腊月) is close before `i`.
pub(crate) fn lunar_before(text: &str, i: usize) -> bool {
    let mut start = i.saturating_sub(15);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    let w = &text[start..i];
    ["农历", "阴历", "夏历", "旧历", "正月", "腊月"]
        .iter()
        .any(|m| w.contains(m))
}

/// An Arabic-numeral date `[YYYY年]M月[D日|D号]` found in the prose.
#[derive(Clone, Copy, Debug)]
pub(crate) struct MonthDate {
    /// The year and its digits, when written right before the month.
    pub year: Option<(i32, Span)>,
    pub month: u32,
    pub month_digits: Span,
    /// The day, its digits, and the mark after them (`日` or `号`).
    pub day: Option<(u32, Span, char)>,
    /// From the first digit to the last mark.
    pub span: Span,
}

/// Every `[YYYY年]M月[D日|号]` with Arabic numerals (month 1–2 digits).
pub(crate) fn month_dates(text: &str) -> impl Iterator<Item = MonthDate> + '_ {
    let bytes = text.as_bytes();
    needle!("月").find_iter(bytes).filter_map(move |p| {
        let ms = digits_before(text, p);
        if ms == p || p - ms > 2 {
            return None;
        }
        if ms > 0 && matches!(bytes[ms - 1], b'.' | b'-' | b'/' | b'_') {
            return None;
        }
        if ms > 0 && bytes[ms - 1].is_ascii_alphabetic() {
            return None;
        }
        let month = num(&text[ms..p])?;
        let mut start = ms;
        let mut year = None;
        if text[..ms].ends_with('年') {
            let ye = ms - '年'.len_utf8();
            let ys = digits_before(text, ye);
            if ye - ys == 4 && (ys == 0 || !bytes[ys - 1].is_ascii_alphanumeric()) {
                year = Some((num(&text[ys..ye])? as i32, Span::new(ys, ye)));
                start = ys;
            }
        }
        let after = p + '月'.len_utf8();
        let de = digits_after(text, after);
        let mut end = after;
        let mut day = None;
        if de > after && de - after <= 2 {
            if let Some(mark @ ('日' | '号')) = next_char(text, de) {
                day = Some((num(&text[after..de])?, Span::new(after, de), mark));
                end = de + mark.len_utf8();
            }
        }
        Some(MonthDate {
            year,
            month,
            month_digits: Span::new(ms, p),
            day,
            span: Span::new(start, end),
        })
    })
}

/// Days in `month` of `year` (`None` for a month outside 1–12).
pub(crate) fn days_in_month(year: i32, month: u32) -> Option<u32> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    Some((next - first).num_days() as u32)
}

/// The most days `month` can have in any year (29 for February).
pub(crate) fn max_days(month: u32) -> Option<u32> {
    match month {
        2 => Some(29),
        4 | 6 | 9 | 11 => Some(30),
        1..=12 => Some(31),
        _ => None,
    }
}

/// For a date written without a year in a document dated `doc`, the year
/// (among the document's year and its neighbours) that puts it closest to
/// the document date: `12月28日` in a text of 2 January is last year's.
pub(crate) fn nearest_year(doc: NaiveDate, month: u32, day: u32) -> Option<i32> {
    [doc.year() - 1, doc.year(), doc.year() + 1]
        .into_iter()
        .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day).map(|d| (y, d)))
        .min_by_key(|(_, d)| (*d - doc).num_days().abs())
        .map(|(y, _)| y)
}

/// A Chinese digit of a year written digit by digit (`二〇二五`), zero forms included.
pub(crate) fn cn_year_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '○' | '零' | 'Ｏ' | '０' | '0' | 'O' => 0,
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// A small number in Chinese numerals (1–99): `五` `十` `十二` `二十三` `三十一`.
pub(crate) fn parse_cn_small(s: &str) -> Option<u32> {
    let digit = |c: char| cn_year_digit(c).filter(|d| *d > 0 && !matches!(c, '０' | '0' | 'O'));
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [a] if *a == '十' => Some(10),
        [a] => digit(*a),
        ['十', b] => Some(10 + digit(*b)?),
        [a, '十'] => Some(digit(*a)? * 10),
        [a, '十', b] => Some(digit(*a)? * 10 + digit(*b)?),
        _ => None,
    }
}

/// A Chinese digit 一…九.
pub(crate) fn is_cn_1_9(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九'
    )
}

/// Whether `c` can be part of a Chinese numeral.
pub(crate) fn is_cn_numeral(c: char) -> bool {
    cn_year_digit(c).is_some() && !matches!(c, '０' | '0' | 'O' | 'Ｏ')
        || matches!(c, '十' | '百' | '千' | '万' | '亿' | '两')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_month_dates() {
        let t = "2023年4月3日，5月8号，12月";
        let v: Vec<_> = month_dates(t).collect();
        assert_eq!(v.len(), 3);
        assert_eq!(v[0].year.unwrap().0, 2023);
        assert_eq!(v[0].day.unwrap().0, 3);
        assert_eq!(&t[v[0].span.range()], "2023年4月3日");
        assert_eq!(v[1].day.unwrap().2, '号');
        assert!(v[2].day.is_none());
    }

    #[test]
    fn chinese_small_numbers() {
        assert_eq!(parse_cn_small("十二"), Some(12));
        assert_eq!(parse_cn_small("二十三"), Some(23));
        assert_eq!(parse_cn_small("三十一"), Some(31));
        assert_eq!(parse_cn_small("五"), Some(5));
        assert_eq!(parse_cn_small("十"), Some(10));
        assert_eq!(parse_cn_small("〇"), None);
    }

    #[test]
    fn metadata_lines() {
        assert!(is_metadata_line("发布时间:2023-04-03 10:49 来源:番禺校区"));
        assert!(is_metadata_line("2019-09-07 13:43:45　来源: 新京报"));
        assert!(is_metadata_line("2019-05-17"));
        assert!(!is_metadata_line(
            "会议于2022-11-12在北京召开，各单位负责人参加。"
        ));
    }

    #[test]
    fn nearest_year_crosses_new_year() {
        let doc = NaiveDate::from_ymd_opt(2025, 1, 2).unwrap();
        assert_eq!(nearest_year(doc, 12, 28), Some(2024));
        assert_eq!(nearest_year(doc, 1, 5), Some(2025));
    }
}

/// A date written in Chinese numerals, `[二〇二五年]二月三十日`, around the `月` at `p`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct CnMonthDate {
    pub year: Option<i32>,
    pub month: u32,
    pub day: Option<u32>,
    pub span: Span,
}

/// Every date with a month and a day, in Arabic (`2025年6月18日`, `6月18日`)
/// or Chinese numerals (`二〇二五年六月十八日`): `f(span, year, month, day)`.
/// The rules that judge a whole date (does it exist, is its weekday right)
/// walk the text through this one function.
pub(crate) fn each_day_date(text: &str, mut f: impl FnMut(Span, Option<i32>, u32, u32)) {
    for md in month_dates(text) {
        if let Some((day, _, _)) = md.day {
            f(md.span, md.year.map(|y| y.0), md.month, day);
        }
    }
    for p in needle!("月").find_iter(text.as_bytes()) {
        if let Some(cd) = cn_month_date(text, p)
            && let Some(day) = cd.day
        {
            f(cd.span, cd.year, cd.month, day);
        }
    }
}

/// Parse a Chinese-numeral month (and day, and digit-by-digit year) around the `月` at byte `p`.
pub(crate) fn cn_month_date(text: &str, p: usize) -> Option<CnMonthDate> {
    let mut ms = p;
    for (n, c) in text[..p].chars().rev().enumerate() {
        if n >= 2 || !(is_cn_1_9(c) || c == '十') || parse_cn_small(&c.to_string()).is_none() {
            break;
        }
        ms -= c.len_utf8();
    }
    if ms == p {
        return None;
    }
    // `一二月`, `十一二月` are not months; and the char before must not be a numeral.
    if prev_char(text, ms).is_some_and(is_cn_numeral) {
        return None;
    }
    let month = parse_cn_small(&text[ms..p])?;
    if !(1..=12).contains(&month) {
        return None;
    }
    let mut start = ms;
    let mut year = None;
    if text[..ms].ends_with('年') {
        let ye = ms - '年'.len_utf8();
        let mut ys = ye;
        let mut y = 0u32;
        let mut digits = Vec::new();
        for c in text[..ye].chars().rev().take(4) {
            match cn_year_digit(c) {
                Some(d) if !c.is_ascii() => {
                    digits.push(d);
                    ys -= c.len_utf8();
                }
                _ => break,
            }
        }
        if digits.len() == 4 && !prev_char(text, ys).is_some_and(is_cn_numeral) {
            for d in digits.iter().rev() {
                y = y * 10 + d;
            }
            year = Some(y as i32);
            start = ys;
        }
    }
    let after = p + '月'.len_utf8();
    let mut de = after;
    for (n, c) in text[after..].chars().enumerate() {
        if n >= 3 || !(is_cn_1_9(c) || c == '十') {
            break;
        }
        de += c.len_utf8();
    }
    let mut end = after;
    let mut day = None;
    if de > after && matches!(next_char(text, de), Some('日' | '号')) {
        day = Some(parse_cn_small(&text[after..de])?);
        end = de + '日'.len_utf8();
    }
    Some(CnMonthDate {
        year,
        month,
        day,
        span: Span::new(start, end),
    })
}

/// The dates rules: `(id, constructor)`.
pub static RULES: &[(&str, super::NativeConstructor)] = &[
    ("dates/bare-decimal", bare_decimal::build),
    ("dates/chinese-year-zero", chinese_year_zero::build),
    ("dates/colloquial-hao", colloquial_hao::build),
    ("dates/digit-grouping", digit_grouping::build),
    ("dates/fullwidth-time-colon", fullwidth_time_colon::build),
    ("dates/garbled-date", garbled_date::build),
    ("dates/invalid-date", invalid_date::build),
    ("dates/iso-date-in-prose", iso_date_in_prose::build),
    ("dates/iso-date-padding", iso_date_padding::build),
    ("dates/mixed-numerals", mixed_numerals::build),
    ("dates/range-dash", range_dash::build),
    (
        "dates/range-mark-consistency",
        range_mark_consistency::build,
    ),
    ("dates/range-unit", range_unit::build),
    ("dates/relative-date", relative_date::build),
    ("dates/two-digit-year", two_digit_year::build),
    ("dates/weekday-mismatch", weekday_mismatch::build),
    ("dates/zero-padded", zero_padded::build),
];
