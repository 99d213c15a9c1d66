//! The document's date, which date-aware rules (renamed terms, titles held
//! over a period, relative dates) judge the text against.
//!
//! Taken from the document itself when it says when it was published, else
//! from `--as-of`, else today. What counts as the document saying so, in
//! order of trust:
//!
//! 1. a labelled metadata field in the header (`发布时间：2023-04-03`,
//!    `发布日期: 日期：2022-11-21 09:28`, `时间:2021-05-12`, `发表于2014-08-24`),
//!    or failing that in the trailing 4 KB, where some pages keep it — a
//!    publication label (`发布日期`, `发表于`, `日期`) before a bare `时间`,
//!    which may be an event's time in a notice;
//! 2. for HTML, a publication-date `<meta>` tag or JSON-LD `datePublished`;
//! 3. a date stamp — a full date followed by a clock time
//!    (`2019-09-07 13:43:45　来源: 新京报`, `2019年06月15日08:18`) — in the header;
//! 4. a full date alone on a short header line (`2019-05-17`, `2019年09月11日`).
//!
//! Stamps and bare dates (3, 4) must not lie after `today` (a document
//! cannot be published in the future) and must be after 1980.

use crate::span::Span;
use chrono::{Datelike, NaiveDate};
use regex::Regex;
use std::sync::LazyLock;

/// Where a document's date comes from (`date_source` in JSON).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateSource {
    /// A date line of the document (`发布时间：…`, a byline's date) or an
    /// HTML `<meta>` date.
    Metadata,
    /// A Word document's creation date (`docProps/core.xml`), used when
    /// its text carries no date.
    Properties,
    /// Given by the caller (`--as-of`, the API's `date`).
    AsOf,
    /// Inferred from the dates the text reports (`6月8日下午，…`), when it
    /// has no date line and no `--as-of` was given.
    Text,
    /// No date at all: the document is taken as of today, but date-aware
    /// rules do not judge it at warning level (see `crate::engine`).
    Today,
}

impl DateSource {
    /// The name used in JSON and `--show-date`.
    pub fn as_str(self) -> &'static str {
        match self {
            DateSource::Metadata => "metadata",
            DateSource::Properties => "properties",
            DateSource::AsOf => "as-of",
            DateSource::Text => "text",
            DateSource::Today => "today",
        }
    }
}

/// The date a document is judged at, and where it comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DocumentDate {
    /// The date (today's when the source is [`DateSource::Today`]).
    pub date: NaiveDate,
    /// Where the date comes from.
    pub source: DateSource,
    /// Where in the prose view the metadata date was found (`None` for an
    /// HTML `<meta>` tag, which is not prose, and for as-of/today).
    pub span: Option<Span>,
}

/// A full date: year, month, day, in numeric, dotted, slashed or 年月日 form.
/// Separators and digits may be half- or full-width (`２０２１－０６－０８`).
const DATE: &str = concat!(
    r"((?:[1１][9９]|[2２][0０])[0-9０-９]{2})[ \t\u{3000}]*[-/.年－／．][ \t\u{3000}]*",
    r"([0-9０-９]{1,2})[ \t\u{3000}]*[-/.月－／．][ \t\u{3000}]*([0-9０-９]{1,2})",
    r"(?:[ \t\u{3000}]*日)?"
);

/// Labels that name the publication date, strongest first in `detect_metadata_date`.
const STRONG_LABEL: &str = concat!(
    r"(?:(?:发布|发表|更新|上传|成文|印发|录入|发文|出版|创建|首发|刊发)(?:时间|日期)",
    r"|发表于|发布于|更新于|日期|(?i:published|pubdate))",
);
/// A bare `时间` (which may also head an event's time) or `date`; it needs
/// its colon (`北京时间2022年8月4日` is prose, `时间：2019-09-18` a field).
const WEAK_LABEL: &str = r"(?:时间|(?i:date))[ \t\u{a0}\u{3000}]*[:：]";

fn labelled(label: &str) -> Regex {
    Regex::new(&format!(
        concat!(
            r"{}[ \t\u{{a0}}\u{{3000}}]*[:：]?[ \t\u{{a0}}\u{{3000}}]*",
            r"(?:(?:日期|时间)[ \t\u{{a0}}\u{{3000}}]*[:：][ \t\u{{a0}}\u{{3000}}]*)?{}"
        ),
        label, DATE
    ))
    .expect("metadata date regex")
}

static METADATA_DATE: LazyLock<[Regex; 2]> =
    LazyLock::new(|| [labelled(STRONG_LABEL), labelled(WEAK_LABEL)]);

static STAMP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"{DATE}[ \t\u{{a0}}\u{{3000}}T]*(?:[01]?\d|2[0-3])[:：][0-5]\d"
    ))
    .expect("date stamp regex")
});

static BARE_DATE: LazyLock<Regex> = LazyLock::new(|| Regex::new(DATE).expect("bare date regex"));

static META_TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r#"(?is)<meta\s[^>]*?(?:name|property|itemprop)\s*=\s*["']?"#,
        r#"(?:article:published_time|og:release_date|pubdate|publishdate|publish_date|publishtime|"#,
        r#"datepublished|dc\.date(?:\.issued)?|weibo:article:create_at|firstpublishedtime)["']?"#,
        r#"[^>]*?content\s*=\s*["']\s*((?:19|20)\d\d)[-/.年](\d{1,2})[-/.月](\d{1,2})"#,
        r#"|"datePublished"\s*:\s*"((?:19|20)\d\d)-(\d{1,2})-(\d{1,2})"#,
    ))
    .expect("meta tag regex")
});

/// How far into a document the metadata header may reach.
const HEADER_BYTES: usize = 4096;
/// How far a stamp or a bare date may be: scraped pages put navigation first.
const STAMP_BYTES: usize = 16 * 1024;

/// The first labelled metadata date in the document's header (or, failing
/// that, in its trailing 4 KB, where scraped pages often keep it).
pub fn detect_metadata_date(prose: &str) -> Option<(NaiveDate, Span)> {
    let head_end = floor_boundary(prose, HEADER_BYTES.min(prose.len()));
    let tail_start = floor_boundary(
        prose,
        prose.len().saturating_sub(HEADER_BYTES).max(head_end),
    );
    for re in METADATA_DATE.iter() {
        for (base, part) in [(0, &prose[..head_end]), (tail_start, &prose[tail_start..])] {
            for caps in re.captures_iter(part) {
                if let Some(date) = ymd(&caps, 1) {
                    let whole = caps.get(0).expect("match");
                    return Some((date, Span::new(base + whole.start(), base + whole.end())));
                }
            }
        }
    }
    None
}

/// The document's own date, by the rules in the module documentation.
/// `source` is the file as read (for HTML `<meta>` tags), `prose` its prose view.
pub fn detect_document_date(
    source: &str,
    prose: &str,
    html: bool,
    today: NaiveDate,
) -> Option<(NaiveDate, Option<Span>)> {
    if let Some((date, span)) = detect_metadata_date(prose) {
        return Some((date, Some(span)));
    }
    let plausible = |d: &NaiveDate| d.year() >= 1980 && *d <= today + chrono::Days::new(1);
    if html {
        let head = &source[..floor_boundary(source, source.len().min(256 * 1024))];
        for caps in META_TAG.captures_iter(head) {
            let date = ymd(&caps, 1).or_else(|| ymd(&caps, 4));
            if let Some(date) = date.filter(plausible) {
                return Some((date, None));
            }
        }
    }
    let end = floor_boundary(prose, STAMP_BYTES.min(prose.len()));
    let head = &prose[..end];
    // A stamp holds a time's colon: without one there is nothing to search.
    let stamps = head
        .contains([':', '：'])
        .then(|| STAMP.captures_iter(head))
        .into_iter()
        .flatten();
    for caps in stamps {
        if let Some(date) = ymd(&caps, 1).filter(plausible) {
            let m = caps.get(0).expect("match");
            return Some((date, Some(Span::new(m.start(), m.end()))));
        }
    }
    // A date line: a date alone on a short line, or on a metadata line
    // (`2022-03-14 | 浏览量:`, `[2024-05-06]`, a byline ending in the date).
    let mut offset = 0;
    for line in head.split_inclusive('\n') {
        if let Some((date, span)) = date_line(line).filter(|(d, _)| plausible(d)) {
            return Some((date, Some(span.shifted(offset))));
        }
        offset += line.len();
    }
    // A labelled field further down, below long navigation.
    let far_end = floor_boundary(prose, STAMP_BYTES.min(prose.len()));
    let far_start = floor_boundary(prose, HEADER_BYTES.min(far_end));
    for re in METADATA_DATE.iter().take(1) {
        if let Some(caps) = re.captures(&prose[far_start..far_end])
            && let Some(date) = ymd(&caps, 1).filter(plausible)
        {
            let m = caps.get(0).expect("match");
            return Some((
                date,
                Some(Span::new(far_start + m.start(), far_start + m.end())),
            ));
        }
    }
    None
}

/// Words that make a line with a date a metadata line (a byline, a counter,
/// a source): the date there is the page's, not an event's.
static LINE_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"来源|作者|浏览|阅读|点击|访问|编辑|责编|供稿|审核|审稿|核稿|撰稿|摄影|通讯员|记者|",
        r"字号|字体|分享|打印|关闭|收藏|发布|发表|次数|阅读量|浏览量|[|｜]"
    ))
    .expect("line marker regex")
});

/// The date of a date line: `line` holds a full date and little else, or a
/// date with metadata fields (`2021-06-08  来源：`, `作者：张三 2021-06-08`),
/// or a bracketed date (`[2024-05-06]`), and no sentence.
fn date_line(line: &str) -> Option<(NaiveDate, Span)> {
    let trimmed = line.trim();
    let chars = trimmed.chars().count();
    if chars > 120 || trimmed.contains(['。', '，', '；', '！', '？']) {
        return None;
    }
    // A date holds one of its separators (most lines have none).
    if !trimmed.contains(['-', '/', '.', '年', '－', '／', '．']) {
        return None;
    }
    let caps = BARE_DATE.captures(line)?;
    let m = caps.get(0).expect("match");
    let date = ymd(&caps, 1)?;
    let span = Span::new(m.start(), m.end());
    let rest = trimmed.len() - m.as_str().len();
    if rest <= 24 && chars <= 24 + m.as_str().chars().count() {
        return Some((date, span));
    }
    let before = line[..m.start()].trim_end_matches([' ', '\t', '\u{3000}', '\u{a0}']);
    let after = line[m.end()..].trim_start_matches([' ', '\t', '\u{3000}', '\u{a0}']);
    let bracketed = before.ends_with(['[', '【', '〔', '（', '(']);
    // A byline ending in the date; a line opening with one and going on
    // without a field (`2017年10月18日 党的十九大开幕`) is a timeline entry.
    let at_end = after.trim().is_empty();
    if bracketed || (LINE_MARKER.is_match(trimmed) && chars <= 120) || (at_end && chars <= 60) {
        return Some((date, span));
    }
    None
}

/// A date the text reports: `2021年6月8日`, or `6月8日` whose year is
/// carried from elsewhere in the text.
static TEXT_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:((?:19|20)\d\d)年)?(\d{1,2})月(\d{1,2})[日号]").expect("text date regex")
});

/// The matches of [`TEXT_DATE`] in `text`, as `captures_iter` finds them,
/// but searched only around each `月`: every match holds one, at most
/// [`TEXT_DATE_BEFORE`] bytes after its start and [`TEXT_DATE_AFTER`] bytes
/// before its end, so the regex runs on a few dozen bytes per `月` instead
/// of the whole text. A match starting up to a `月` holds that `月` (only
/// digits and `年` come before it), so it lies in the window around it.
fn text_dates(text: &str) -> Vec<regex::Captures<'_>> {
    let mut out = Vec::new();
    let mut from = 0;
    let month = memchr::memmem::Finder::new("月");
    while let Some(p) = month.find(&text.as_bytes()[from..]).map(|i| from + i) {
        let start = floor_boundary(text, p.saturating_sub(TEXT_DATE_BEFORE)).max(from);
        let end = ceil_boundary(text, p + TEXT_DATE_AFTER);
        match TEXT_DATE.captures_at(&text[..end], start) {
            Some(caps) if caps.get(0).is_some_and(|m| m.start() <= p) => {
                from = caps.get(0).map_or(p + 1, |m| m.end());
                out.push(caps);
            }
            _ => from = p + '月'.len_utf8(),
        }
    }
    out
}

/// The most bytes a [`TEXT_DATE`] match holds before its `月`: a year
/// (four digits of up to four bytes each in UTF-8, `\d` being Unicode),
/// `年`, and two digits.
const TEXT_DATE_BEFORE: usize = 4 * 4 + 3 + 2 * 4;
/// The most bytes from the start of its `月` to the end of a match: `月`, two
/// digits, `日` or `号`.
const TEXT_DATE_AFTER: usize = 3 + 2 * 4 + 3;

/// How far from the first reported date the inference looks for later ones.
const TEXT_WINDOW: usize = 3000;

/// The date a document without a date line was most likely written, from
/// the dates its text reports near its start: the latest past event
/// (`2021年6月8日下午，…`, `新华社北京6月8日电`, `今天（3月11日）`), its year
/// carried, when it has none, from a full date the text names up to 45 days
/// before it (a bare year such as `2019年` does not carry: annual reports
/// name the year before). An event in the future (`将于7月1日`, `6月30日前`) or
/// a recurring day (`每月15日`) does not date the text; neither does a date
/// after `today` or before 1980.
pub fn infer_text_date(prose: &str, today: NaiveDate) -> Option<(NaiveDate, Span)> {
    let end = floor_boundary(prose, STAMP_BYTES.min(prose.len()));
    let head = &prose[..end];
    // Full dates the text names, to carry a year from.
    let dates = text_dates(head);
    let full: Vec<NaiveDate> = dates
        .iter()
        .filter_map(|c| {
            let m = c.get(0)?;
            if planned(head, m.start(), m.end()) {
                return None;
            }
            let y = c.get(1)?.as_str().parse().ok()?;
            NaiveDate::from_ymd_opt(y, number(&c[2])?, number(&c[3])?).filter(|d| *d <= today)
        })
        .collect();
    // The lede: the first two lines that are sentences. A date opening a
    // later paragraph is more often a past event recalled than the news.
    let mut lede_end = head.len();
    let mut sentences = 0;
    let mut offset = 0;
    for line in head.split_inclusive('\n') {
        offset += line.len();
        if line.contains(['，', '。']) && line.chars().count() > 20 {
            sentences += 1;
            if sentences == 2 {
                lede_end = offset;
                break;
            }
        }
    }
    let mut best: Option<(NaiveDate, Span)> = None;
    let mut first: Option<usize> = None;
    let mut last_full: Option<NaiveDate> = None;
    for caps in &dates {
        let m = caps.get(0).expect("match");
        if first.is_some_and(|f| m.start() > f + TEXT_WINDOW) {
            break;
        }
        let Some(anchor) = reports_event(head, m.start(), m.end()) else {
            continue;
        };
        if !anchor && m.start() >= lede_end {
            continue;
        }
        let (Some(month), Some(day)) = (number(&caps[2]), number(&caps[3])) else {
            continue;
        };
        let explicit = caps.get(1).and_then(|y| y.as_str().parse::<i32>().ok());
        // A carried year: that of a full date the text names, such that the
        // day falls within 45 days after it (news comes after the events it
        // recalls); the latest such.
        let date = match explicit {
            Some(y) => NaiveDate::from_ymd_opt(y, month, day),
            None => full
                .iter()
                .filter_map(|f| {
                    let d = NaiveDate::from_ymd_opt(f.year(), month, day)?;
                    (d >= *f && (d - *f).num_days() <= 45).then_some(d)
                })
                .max(),
        };
        let Some(date) = date else {
            continue;
        };
        if date.year() < 1980 || date > today + chrono::Days::new(1) {
            continue;
        }
        // A carried year is a guess: a day far after the last full date is
        // more likely in the year before it than months later.
        if explicit.is_none() && last_full.is_some_and(|f| (date - f).num_days() > 45) {
            continue;
        }
        if explicit.is_some() {
            last_full = Some(date);
        }
        first.get_or_insert(m.start());
        if best.is_none_or(|(b, _)| date > b) {
            best = Some((date, Span::new(m.start(), m.end())));
        }
    }
    best
}

/// Whether the date at `start..end` dates an event the text reports (not a
/// plan, a deadline, a recurring day or a date in a title): `Some(true)`
/// for a dateline or `今天（3月11日）`, which date the text wherever they
/// are, `Some(false)` for a date opening its paragraph, `None` otherwise.
fn reports_event(text: &str, start: usize, end: usize) -> Option<bool> {
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let lead = &text[line_start..start];
    let before = tail_chars(&text[..start], 6);
    let after: String = text[end..].chars().take(4).collect();
    if planned(text, start, end) {
        return None;
    }
    if before.ends_with("今天（") || before.ends_with("今日（") || before.ends_with("今晚（")
    {
        return Some(true);
    }
    if after.starts_with(['电', '讯']) {
        return Some(true);
    }
    // Otherwise the date opens its paragraph (`6月8日下午，…`, after at
    // most a byline such as `本报讯（记者 王红）`): a date later in a
    // paragraph is more often a past event recalled than the news.
    if lead.chars().count() > 40 || lead.contains(['，', '。', '；', ',']) {
        return None;
    }
    let after = after.trim_start_matches(['（', '(']);
    let after = after.strip_prefix(['星', '周']).map_or(after, |_| "，");
    [
        "上午", "下午", "晚", "早", "凌晨", "中午", "夜", "，", ",", "在", "召开", "举行", "举办",
        "发布",
    ]
    .iter()
    .any(|w| after.starts_with(w))
    .then_some(false)
}

/// Whether the date at `start..end` is a plan, a deadline, a recurring day
/// or the bound of a period (`将于7月1日`, `6月30日前`, `每月15日`, `到2025年`).
fn planned(text: &str, start: usize, end: usize) -> bool {
    const MARKERS: [&str; 12] = [
        "将", "拟", "计划", "预计", "定于", "每月", "每年", "截止", "期限", "前的", "到", "至",
    ];
    // A marker within the six characters before (no searcher set up per
    // date: they are a few bytes, and a text names many dates).
    let before = tail_chars(&text[..start], 6);
    before
        .char_indices()
        .any(|(i, _)| MARKERS.iter().any(|w| before[i..].starts_with(w)))
        || text[end..]
            .chars()
            .next()
            .is_some_and(|c| matches!(c, '前' | '起' | '后' | '到' | '至' | '止'))
}

/// The last `n` characters of `s`.
fn tail_chars(s: &str, n: usize) -> &str {
    let start = s
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    &s[start..]
}

fn ymd(caps: &regex::Captures<'_>, first: usize) -> Option<NaiveDate> {
    let y = number(caps.get(first)?.as_str())?;
    let m = number(caps.get(first + 1)?.as_str())?;
    let d = number(caps.get(first + 2)?.as_str())?;
    NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d)
}

/// The value of a run of half- or full-width digits.
fn number(digits: &str) -> Option<u32> {
    let mut n: u32 = 0;
    for c in digits.chars() {
        let d = match c {
            '0'..='9' => c as u32 - '0' as u32,
            '０'..='９' => c as u32 - '０' as u32,
            _ => return None,
        };
        n = n.checked_mul(10)?.checked_add(d)?;
    }
    Some(n)
}

fn ceil_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()
    }

    #[test]
    fn text_dates_are_those_of_the_regex() {
        let texts = [
            "2021年6月8日下午，新华社北京6月8日电 今天（3月11日）",
            "5月5月5日 月12月3号 12345年1月22日 ２０２１年６月８日 2019年月1日",
            "月",
            "每月15日前，1月",
            "年1月1日月1日2020年12月31日号",
        ];
        for text in texts {
            let spans = |c: &regex::Captures<'_>| {
                (0..4)
                    .map(|i| c.get(i).map(|m| m.range()))
                    .collect::<Vec<_>>()
            };
            let expected: Vec<_> = TEXT_DATE.captures_iter(text).map(|c| spans(&c)).collect();
            let found: Vec<_> = text_dates(text).iter().map(spans).collect();
            assert_eq!(found, expected, "{text}");
        }
    }

    #[test]
    fn finds_metadata_dates() {
        let cases = [
            ("标题\n发布时间:2023-04-03 10:49 来源:", (2023, 4, 3)),
            ("发布日期: 日期：2022-11-21 09:28", (2022, 11, 21)),
            ("时间:2021-05-12浏览:236", (2021, 5, 12)),
            ("发布日期：2022年11月12日", (2022, 11, 12)),
            ("发表于2014-08-24 21:30|", (2014, 8, 24)),
            ("时间：2019年10月31日 23:00  浏览：", (2019, 10, 31)),
        ];
        for (text, (y, m, d)) in cases {
            let (date, _) = detect_metadata_date(text).expect(text);
            assert_eq!(date, NaiveDate::from_ymd_opt(y, m, d).unwrap(), "{text}");
        }
        assert!(detect_metadata_date("会议于2023-04-03召开").is_none());
        // The publication date wins over an event's time in a notice.
        assert!(detect_metadata_date("北京时间2022年8月4日，卫星发射成功").is_none());
        let notice = "会议时间：2023年5月10日上午\n发布日期：2023-04-28";
        let (date, _) = detect_metadata_date(notice).unwrap();
        assert_eq!(date, NaiveDate::from_ymd_opt(2023, 4, 28).unwrap());
    }

    #[test]
    fn finds_stamps_and_date_lines() {
        let cases = [
            (
                "首页 > 新闻\n标题\n2019-09-07 13:43:45\u{3000}来源: 新京报\n正文",
                (2019, 9, 7),
            ),
            ("标题\n2019年06月15日08:18  来源：人民网", (2019, 6, 15)),
            (
                "标题\n原创 南方都市报 2019-09-09 16:01:46\n正文",
                (2019, 9, 9),
            ),
            (
                "今日股市行情分析--2019年8月19日\n2019-09-26 10:09:11\n",
                (2019, 9, 26),
            ),
            ("标题\n2019年09月11日\n正文很长的一段话。", (2019, 9, 11)),
            ("2019-09-3007:42", (2019, 9, 30)),
        ];
        for (text, (y, m, d)) in cases {
            let (date, _) = detect_document_date(text, text, false, today()).expect(text);
            assert_eq!(date, NaiveDate::from_ymd_opt(y, m, d).unwrap(), "{text}");
        }
    }

    #[test]
    fn ignores_dates_inside_sentences_and_in_the_future() {
        let none = [
            "标题\n2017年9月9日，在当年的未来科学大奖发布会上，他说了这番话。",
            "标题\n2030-01-01 10:00 来源：未来",
            "央视网消息（新闻联播）：2020年新年戏曲晚会2019年12月31日晚在国家大剧院举行。",
        ];
        for text in none {
            assert!(
                detect_document_date(text, text, false, today()).is_none(),
                "{text}"
            );
        }
    }

    #[test]
    fn reads_html_meta_tags() {
        let html = r#"<html><head><meta property="article:published_time" content="2019-09-07T10:56:00+08:00"></head><body>正文</body></html>"#;
        let (date, span) = detect_document_date(html, "正文", true, today()).unwrap();
        assert_eq!(date, NaiveDate::from_ymd_opt(2019, 9, 7).unwrap());
        assert!(span.is_none());
        let ld = r#"<script type="application/ld+json">{"datePublished": "2020-06-05T20:35:00"}</script>"#;
        let (date, _) = detect_document_date(ld, "", true, today()).unwrap();
        assert_eq!(date, NaiveDate::from_ymd_opt(2020, 6, 5).unwrap());
    }

    fn detected(text: &str) -> Option<NaiveDate> {
        detect_document_date(text, text, false, today()).map(|(d, _)| d)
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn finds_date_line_shapes() {
        let nav = "首页 学院概况 新闻中心 通知公告 ".repeat(400);
        let cases = [
            ("标题\n2022-03-14 | 浏览量:236\n正文。", (2022, 3, 14)),
            (
                "标题\n2021-06-08  来源：党委宣传部  作者：张明  编辑：李华\n正文。",
                (2021, 6, 8),
            ),
            ("标题\n[2024-05-06]\n正文。", (2024, 5, 6)),
            ("标题\n时间：2021年6月8日\n正文。", (2021, 6, 8)),
            ("标题\n发布于 2023.5.6\n正文。", (2023, 5, 6)),
            ("标题\n日期:2022/03/14\n正文。", (2022, 3, 14)),
            (
                "标题\n文／王红 图／赵刚 审核：陈立新 2022-09-01\n正文。",
                (2022, 9, 1),
            ),
            (
                "标题\n党委宣传部2021-06-08阅读次数：12\n正文。",
                (2021, 6, 8),
            ),
            (
                "标题\n２０２１－０６－０８　１０：３０\n正文。",
                (2021, 6, 8),
            ),
            ("标题\n2021／6／8\n正文。", (2021, 6, 8)),
            (
                "标题\n【2020-11-02】【字号 大 中 小】【打印】【关闭】\n正文。",
                (2020, 11, 2),
            ),
        ];
        for (text, (y, m, d)) in cases {
            assert_eq!(detected(text), Some(date(y, m, d)), "{text}");
        }
        // A labelled field below long navigation.
        let far = format!("{nav}\n标题\n发布时间：2020-08-03\n正文。");
        assert_eq!(detected(&far), Some(date(2020, 8, 3)));
        // Dates in sentences are not date lines.
        assert_eq!(
            detected("标题\n2021年6月8日，学校召开大会，部署工作。\n"),
            None
        );
    }

    fn inferred(text: &str) -> Option<NaiveDate> {
        infer_text_date(text, today()).map(|(d, _)| d)
    }

    #[test]
    fn infers_the_date_from_reported_events() {
        assert_eq!(
            inferred("标题\n2021年6月8日下午，学院召开党史学习教育动员大会。"),
            Some(date(2021, 6, 8))
        );
        // The year carried from elsewhere in the text.
        assert_eq!(
            inferred("标题\n2021年5月28日，学院启动主题活动。\n6月8日，学院召开党建工作会议。"),
            Some(date(2021, 6, 8))
        );
        // `近日` after a dated event: the latest event dates the text.
        assert_eq!(
            inferred(
                "2021年5月20日，学校启动活动。\n近日，学院组织参观。\n6月2日上午，学院召开总结会。"
            ),
            Some(date(2021, 6, 2))
        );
        assert_eq!(
            inferred("新华社北京2023年3月5日电 第十四届全国人大一次会议开幕。"),
            Some(date(2023, 3, 5))
        );
        assert_eq!(
            inferred("2022年3月5日，大会开幕。\n今天（3月11日）上午，大会闭幕。"),
            Some(date(2022, 3, 11))
        );
    }

    #[test]
    fn does_not_infer_from_plans_deadlines_or_bare_days() {
        let none = [
            "学校将于2021年7月1日举行庆祝大会。",
            // A past event recalled inside a paragraph, not its opening.
            "会议指出，2019年10月1日，首都各界隆重集会。",
            // A bare year does not carry (`2019年报告` is read in 2020).
            "6月8日，学院总结2020年工作，部署2021年任务。",
            // A carried day before the full date it would take its year from.
            "今天（1月12日）上午，新舰入列。\n该舰2017年6月28日下水。",
            "请于2021年6月30日前提交材料。",
            "每月15日，学院开展主题党日活动。",
            "6月8日下午，学院召开大会。",
            "2030年1月1日，规划目标实现。",
            "1949年10月1日，中华人民共和国成立。",
        ];
        for text in none {
            assert_eq!(inferred(text), None, "{text}");
        }
    }
}
