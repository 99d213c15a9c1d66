//! The audit report (`guifan report`): findings of many documents, from many
//! sites, turned into one page people can act on.
//!
//! An archive audit ends with millions of findings (`guifan check --format
//! json`, or the Parquet a Spark job writes). Nobody reads them one by one:
//! an office needs, per site, whether things get better over time (findings
//! per 10,000 characters per month, by the documents' dates), which rules
//! fire most, which pages are worst — and first of all the wrong leader
//! titles (`names/*`) and outdated formulations (`terminology/*`), the
//! findings an audit must act on.
//!
//! This module is pure: the command line reads the files and hands each
//! finding to [`aggregate::Aggregator`] as it is read, so memory grows with
//! the number of documents (a few counters each), never with the number of
//! findings. Only the worst pages keep their findings, and only after a
//! first pass has ranked them ([`aggregate::Audit::collect`] in a second
//! pass over the same input). [`html`] renders the page (inline CSS, charts
//! as inline SVG from [`svg`], tables to download as `data:` links), which
//! must open anywhere, offline, with no request leaving the page.

pub mod aggregate;
pub mod html;
pub mod svg;
pub mod table;

use chrono::NaiveDate;

/// One finding as read from any input format.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Finding {
    /// The document: its path (JSON of `guifan check`) or its id (Spark).
    pub id: String,
    /// The site or group, when the input names it; else derived from the
    /// id by [`GroupBy`].
    pub group: Option<String>,
    /// The rule id.
    pub rule: String,
    /// `error`, `warning` or `info`.
    pub severity: String,
    /// The message.
    pub message: String,
    /// Byte offsets into the document's source.
    pub start: usize,
    /// Byte offset where the span ends.
    pub end: usize,
    /// 1-based line of `start`.
    pub line: usize,
    /// 1-based column of `start`.
    pub column: usize,
    /// The replacement a fix would write, when there is one.
    pub fix: Option<String>,
    /// The document's date, when the input row carries it.
    pub date: Option<NaiveDate>,
    /// The document's length in characters, when the input row carries it.
    pub chars: Option<u64>,
    /// Text around the finding, when the input carries it.
    pub context: Option<String>,
}

/// What the input says about one document, findings or not (the `files`
/// array of `guifan check --format json --show-date`, or a JSON Lines row
/// without a rule): its date and length, so that pages without findings
/// count in the rates too.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DocumentFacts {
    /// The document id (path).
    pub id: String,
    /// The site, when the input names it.
    pub group: Option<String>,
    /// The document date, when known.
    pub date: Option<NaiveDate>,
    /// Characters (of the documents whose length is known).
    pub chars: Option<u64>,
}

/// One record of an input: a finding, or what is known of a document.
#[derive(Clone, Debug, PartialEq)]
pub enum Record {
    /// A finding.
    Finding(Finding),
    /// A document's date and length.
    Document(DocumentFacts),
}

/// A date of the input: `2024-03-05`, or the date part of an ISO date-time
/// (`2024-03-05T08:00:00Z`); `None` for an empty value.
pub fn parse_date(s: &str) -> Result<Option<NaiveDate>, String> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let day = s.get(..10).unwrap_or(s);
    NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| format!("日期 {s:?} 不是 YYYY-MM-DD 格式"))
}

/// How a document's site is found when the input does not name it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum GroupBy {
    /// The first folder of the path (`www.gov.cn/2024/a.html` →
    /// `www.gov.cn`): a crawl kept as one folder per site.
    #[default]
    Folder,
    /// The folder the document is in.
    Parent,
    /// All documents in one group.
    None,
}

/// The group of a path-like id that has no folder.
pub const NO_FOLDER: &str = "（根目录）";
/// The one group of [`GroupBy::None`].
pub const ALL: &str = "全部";

impl GroupBy {
    /// The group of the document `id` (a path with `/` or `\` separators;
    /// a leading `./` is ignored).
    pub fn group_of(self, id: &str) -> String {
        let mut id = id;
        while let Some(rest) = id.strip_prefix("./").or_else(|| id.strip_prefix(".\\")) {
            id = rest;
        }
        let is_sep = |c: char| c == '/' || c == '\\';
        match self {
            GroupBy::None => ALL.to_string(),
            GroupBy::Folder => match id.trim_start_matches(is_sep).split_once(is_sep) {
                Some((first, _)) if !first.is_empty() => first.to_string(),
                _ => NO_FOLDER.to_string(),
            },
            GroupBy::Parent => match id.rfind(is_sep) {
                Some(i) if i > 0 => id[..i].to_string(),
                _ => NO_FOLDER.to_string(),
            },
        }
    }
}

/// Whether findings of `rule` are the ones an audit acts on first: leader
/// names and titles (`names/*`) and the Party's and state's formulations
/// (`terminology/*`).
pub fn is_priority(rule: &str) -> bool {
    rule.starts_with("names/") || rule.starts_with("terminology/")
}

/// The family of a rule id (`names/title-not-held` → `names`).
pub fn family(rule: &str) -> &str {
    rule.split_once('/').map_or(rule, |(f, _)| f)
}

/// The Chinese name of a rule family, for the page.
pub fn family_label(family: &str) -> &str {
    match family {
        "names" => "领导人姓名与职务",
        "terminology" => "规范表述",
        "punctuation" => "标点",
        "dates" => "日期",
        "boilerplate" => "模板残留",
        _ => family,
    }
}

/// `s` escaped for HTML and SVG text and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The Chinese name of a severity.
pub fn severity_label(severity: &str) -> &str {
    match severity {
        "error" => "错误",
        "warning" => "警告",
        "info" => "提示",
        _ => severity,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_come_from_the_path() {
        assert_eq!(
            GroupBy::Folder.group_of("www.gov.cn/2024/a.html"),
            "www.gov.cn"
        );
        assert_eq!(GroupBy::Folder.group_of("./site/a.txt"), "site");
        assert_eq!(GroupBy::Folder.group_of("site\\a.txt"), "site");
        assert_eq!(GroupBy::Folder.group_of("a.txt"), NO_FOLDER);
        assert_eq!(GroupBy::Parent.group_of("site/2024/a.txt"), "site/2024");
        assert_eq!(GroupBy::Parent.group_of("a.txt"), NO_FOLDER);
        assert_eq!(GroupBy::None.group_of("site/a.txt"), ALL);
    }

    #[test]
    fn dates_are_iso_days() {
        let day = NaiveDate::from_ymd_opt(2024, 3, 5);
        assert_eq!(parse_date("2024-03-05"), Ok(day));
        assert_eq!(parse_date(" 2024-03-05T08:00:00Z"), Ok(day));
        assert_eq!(parse_date(""), Ok(None));
        assert!(parse_date("3月5日").is_err());
    }

    #[test]
    fn leader_titles_and_formulations_come_first() {
        assert!(is_priority("names/title-not-held"));
        assert!(is_priority("terminology/canonical-near-miss"));
        assert!(!is_priority("punctuation/halfwidth-in-cjk"));
        assert!(!is_priority("namesake/x"));
        assert_eq!(family("dates/weekday-mismatch"), "dates");
        assert_eq!(family_label("names"), "领导人姓名与职务");
    }
}
