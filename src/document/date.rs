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

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateSource {
    Metadata,
    /// A Word document's creation date (`docProps/core.xml`), used when
    /// its text carries no date.
    Properties,
    AsOf,
    Today,
}

impl DateSource {
    pub fn as_str(self) -> &'static str {
        match self {
            DateSource::Metadata => "metadata",
            DateSource::Properties => "properties",
            DateSource::AsOf => "as-of",
            DateSource::Today => "today",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DocumentDate {
    pub date: NaiveDate,
    pub source: DateSource,
    /// Where in the prose view the metadata date was found (`None` for an
    /// HTML `<meta>` tag, which is not prose, and for as-of/today).
    pub span: Option<Span>,
}

/// A full date: year, month, day, in numeric, dotted, slashed or 年月日 form.
const DATE: &str =
    r"((?:19|20)\d\d)[ \t]*[-/.年][ \t]*(\d{1,2})[ \t]*[-/.月][ \t]*(\d{1,2})(?:[ \t]*日)?";

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
    for caps in STAMP.captures_iter(head) {
        if let Some(date) = ymd(&caps, 1).filter(plausible) {
            let m = caps.get(0).expect("match");
            return Some((date, Some(Span::new(m.start(), m.end()))));
        }
    }
    // A date alone on a short line: the line holds little else than the date.
    let mut offset = 0;
    for line in head.split_inclusive('\n') {
        let trimmed = line.trim();
        if trimmed.chars().count() <= 24 && !trimmed.contains(['。', '，', '；']) {
            if let Some(caps) = BARE_DATE.captures(line) {
                let m = caps.get(0).expect("match");
                let rest = trimmed.len() - m.as_str().len();
                if rest <= 24 {
                    if let Some(date) = ymd(&caps, 1).filter(plausible) {
                        return Some((date, Some(Span::new(offset + m.start(), offset + m.end()))));
                    }
                }
            }
        }
        offset += line.len();
    }
    None
}

fn ymd(caps: &regex::Captures<'_>, first: usize) -> Option<NaiveDate> {
    let y = caps.get(first)?.as_str().parse().ok()?;
    let m = caps.get(first + 1)?.as_str().parse().ok()?;
    let d = caps.get(first + 2)?.as_str().parse().ok()?;
    NaiveDate::from_ymd_opt(y, m, d)
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
}
