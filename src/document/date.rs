//! The document's date, which date-aware rules (renamed terms, titles held
//! over a period) judge the text against.
//!
//! Taken from a metadata line (`发布时间：2023-04-03`, `发布日期: 2022-11-12 11:15`,
//! `时间:2021-05-12`), else from `--as-of`, else today.

use crate::span::Span;
use chrono::NaiveDate;
use regex::Regex;
use std::sync::LazyLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateSource {
    Metadata,
    AsOf,
    Today,
}

impl DateSource {
    pub fn as_str(self) -> &'static str {
        match self {
            DateSource::Metadata => "metadata",
            DateSource::AsOf => "as-of",
            DateSource::Today => "today",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DocumentDate {
    pub date: NaiveDate,
    pub source: DateSource,
    /// Where in the prose view the metadata date was found.
    pub span: Option<Span>,
}

static METADATA_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?:发布|发表|更新|上传|成文|印发|录入)?(?:时间|日期)\s*[:：]\s*(?:日期\s*[:：]\s*)?",
        r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})",
    ))
    .expect("metadata date regex")
});

/// How far into a document the metadata header may reach.
const HEADER_BYTES: usize = 4096;

/// The first metadata date in the document's header (or, failing that, in
/// its trailing 4 KB, where scraped pages often keep it).
pub fn detect_metadata_date(prose: &str) -> Option<(NaiveDate, Span)> {
    let head_end = floor_boundary(prose, HEADER_BYTES.min(prose.len()));
    let tail_start = floor_boundary(
        prose,
        prose.len().saturating_sub(HEADER_BYTES).max(head_end),
    );
    for (base, part) in [(0, &prose[..head_end]), (tail_start, &prose[tail_start..])] {
        for caps in METADATA_DATE.captures_iter(part) {
            let y = caps[1].parse().ok()?;
            let m = caps[2].parse().ok()?;
            let d = caps[3].parse().ok()?;
            if let Some(date) = NaiveDate::from_ymd_opt(y, m, d) {
                let whole = caps.get(0).expect("match");
                return Some((date, Span::new(base + whole.start(), base + whole.end())));
            }
        }
    }
    None
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

    #[test]
    fn finds_metadata_dates() {
        let cases = [
            ("标题\n发布时间:2023-04-03 10:49 来源:", (2023, 4, 3)),
            ("发布日期: 日期：2022-11-21 09:28", (2022, 11, 21)),
            ("时间:2021-05-12浏览:236", (2021, 5, 12)),
            ("发布日期：2022年11月12日", (2022, 11, 12)),
        ];
        for (text, (y, m, d)) in cases {
            let (date, _) = detect_metadata_date(text).expect(text);
            assert_eq!(date, NaiveDate::from_ymd_opt(y, m, d).unwrap(), "{text}");
        }
        assert!(detect_metadata_date("会议于2023-04-03召开").is_none());
    }
}
