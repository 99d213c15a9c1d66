//! Legitimate repetition in edited text: the articles of a statute.
//!
//! Laws and regulations repeat their clauses on purpose: the same penalty
//! (`情节严重的，……责令停业、关闭。`) closes one article after another, and
//! the same conditions open them (`违反本条例规定，……`). A clause written twice
//! in two articles is the law's wording, not a paste.

use crate::text::compare::is_blank;

/// Whether `line` is an article of a statute: it opens with `第…条`
/// (Chinese or Arabic numerals), as `第十条　违反本条例规定……` does.
pub fn is_article(line: &str) -> bool {
    let Some(rest) = line.trim_start_matches(is_blank).strip_prefix('第') else {
        return false;
    };
    let digits = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || "零〇一二三四五六七八九十百千".contains(*c))
        .count();
    let mut after = rest.chars().skip(digits);
    // `第一条例外` or `第三条线路` are not articles: a word goes on after 条.
    digits > 0
        && after.next() == Some('条')
        && !after.next().is_some_and(|c| "例件线路街款目".contains(c))
}

#[cfg(test)]
mod tests {
    use super::is_article;

    #[test]
    fn articles() {
        assert!(is_article("第十条　违反本条例规定，处罚款。"));
        assert!(is_article("\u{3000}\u{3000}第105条 本法自公布之日起施行。"));
        assert!(!is_article("第一章　总则"));
        assert!(!is_article("第一条例外的是"));
        assert!(!is_article("第三条线路今天开通。"));
        assert!(!is_article("第三季度，全市经济稳中向好。"));
    }
}
