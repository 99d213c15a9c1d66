//! Spans inside prose that are not prose: URLs, e-mail addresses, domain
//! names, file paths. Rules never report inside them, whatever the format.

use crate::span::Span;
use regex::Regex;
use std::sync::LazyLock;

static NON_PROSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        // URLs with a scheme, or starting with www.
        r"(?i:(?:https?|ftp|file|mailto)://|www\.)[\x21-\x7e]+",
        // e-mail addresses
        r"|[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+",
        // bare domain names with a common TLD (gov.cn, edu.cn, …) and an optional path
        // (ASCII word boundaries: a domain right after a Chinese character is
        // still a domain, and Unicode `\b` would force the slow PikeVM on CJK text)
        r"|(?-u:\b)[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.(?i:com|cn|net|org|gov|edu|info|io)(?-u:\b)(?:/[\x21-\x7e]*)?",
    ))
    .expect("mask regex")
});

/// Sorted, non-overlapping masked spans of `prose`.
///
/// Every match of [`NON_PROSE`] is a run of printable ASCII (`\x21`–`\x7e`)
/// holding an `@`, `.` or `:`, and its word boundaries are ASCII ones, which
/// a run's edges (space, control or non-ASCII on both sides) satisfy like the
/// haystack's ends do. So the regex runs only on the printable-ASCII runs
/// around those bytes, found with memchr: the same matches, without scanning
/// the Chinese text in between.
pub(crate) fn find(prose: &str) -> Vec<Span> {
    let bytes = prose.as_bytes();
    let printable = |b: u8| (0x21..=0x7e).contains(&b);
    let mut spans = Vec::new();
    let mut next = 0; // where the next run may start
    for anchor in memchr::memchr3_iter(b'@', b'.', b':', bytes) {
        if anchor < next {
            continue;
        }
        let start = bytes[..anchor]
            .iter()
            .rposition(|&b| !printable(b))
            .map_or(0, |i| i + 1);
        let end = bytes[anchor..]
            .iter()
            .position(|&b| !printable(b))
            .map_or(bytes.len(), |i| anchor + i);
        next = end;
        // Runs are ASCII, so `start` and `end` are char boundaries.
        for m in NON_PROSE.find_iter(&prose[start..end]) {
            // Trailing ASCII punctuation usually belongs to the sentence.
            let s = m
                .as_str()
                .trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '"', '\'']);
            if !s.is_empty() {
                spans.push(Span::new(start + m.start(), start + m.start() + s.len()));
            }
        }
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_urls_and_emails() {
        let text = "详见https://www.example.gov.cn/a?b=1,c=2。联系xw@edu.cn,或访问www.gz.gov.cn.";
        let spans: Vec<&str> = find(text).iter().map(|s| &text[s.range()]).collect();
        assert_eq!(
            spans,
            [
                "https://www.example.gov.cn/a?b=1,c=2",
                "xw@edu.cn",
                "www.gz.gov.cn"
            ]
        );
    }

    #[test]
    fn masks_bare_domains_next_to_chinese() {
        let text = "详见教育部网站moe.gov.cn,或news.cn。";
        let spans: Vec<&str> = find(text).iter().map(|s| &text[s.range()]).collect();
        assert_eq!(spans, ["moe.gov.cn", "news.cn"]);
    }

    #[test]
    fn bare_domains_next_to_chinese_are_masked() {
        // An ASCII word boundary: a Chinese character next to a domain is
        // not part of it (and the regex stays on its fast DFA path).
        let text = "请登录gz.gov.cn网站查询,或发邮件。版本1.2,共3.5万人";
        let spans: Vec<&str> = find(text).iter().map(|s| &text[s.range()]).collect();
        assert_eq!(spans, ["gz.gov.cn"]);
    }

    #[test]
    fn runs_match_like_the_whole_text() {
        // Searching only the ASCII runs around `@ . :` finds what a search
        // of the whole text finds.
        let texts = [
            "见https://a.gov.cn/x,y。邮箱:ab@c.edu.cn 或 www.x.com.",
            "1.5万人、3.2%:增长;gz.gov.cn/p?q=1，末尾a@b",
            "纯中文没有锚点。",
            "x.com",
            ":::...@@@",
            "(详见www.gov.cn)与mailto:a@b.org!",
        ];
        for text in texts {
            let whole: Vec<Span> = NON_PROSE
                .find_iter(text)
                .filter_map(|m| {
                    let s = m
                        .as_str()
                        .trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '"', '\'']);
                    (!s.is_empty()).then(|| Span::new(m.start(), m.start() + s.len()))
                })
                .collect();
            assert_eq!(find(text), whole, "{text}");
        }
    }
}
