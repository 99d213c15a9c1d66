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
        r"|(?-u:\b)[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.(?i:com|cn|net|org|gov|edu|info|io)(?-u:\b)(?:/[\x21-\x7e]*)?",
    ))
    .expect("mask regex")
});

/// Sorted, non-overlapping masked spans of `prose`.
pub(crate) fn find(prose: &str) -> Vec<Span> {
    if !prose
        .as_bytes()
        .iter()
        .any(|&b| b == b'@' || b == b'.' || b == b':')
    {
        return Vec::new();
    }
    NON_PROSE
        .find_iter(prose)
        .map(|m| {
            // Trailing ASCII punctuation usually belongs to the sentence.
            let s = m
                .as_str()
                .trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '"', '\'']);
            Span::new(m.start(), m.start() + s.len())
        })
        .filter(|s| !s.is_empty())
        .collect()
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
}
