//! Legitimate repetition in edited text: the articles of a statute.
//!
//! Laws and regulations repeat their clauses on purpose: the same penalty
//! (`情节严重的，……责令停业、关闭。`) closes one article after another, the
//! same conditions open them (`违反本条例规定，……`), the same item
//! (`（四）调离军队，到非军事部门工作的；`) stands in two lists, and a decision
//! amending a law quotes the articles it rewrites. A clause written twice in
//! the text of a statute is the law's wording, not a paste.

use crate::text::compare::is_blank;

/// Whether `c` is a numeral (Chinese or Arabic).
fn is_numeral(c: char) -> bool {
    matches!(
        c,
        '0'..='9'
            | '零'
            | '〇'
            | '一'
            | '二'
            | '三'
            | '四'
            | '五'
            | '六'
            | '七'
            | '八'
            | '九'
            | '十'
            | '百'
            | '千'
    )
}

/// The length in bytes of a run of numerals (Chinese or Arabic) at the start of `s`.
fn numeral_run(s: &str) -> usize {
    s.char_indices()
        .find(|&(_, c)| !is_numeral(c))
        .map_or(s.len(), |(i, _)| i)
}

/// `s` after `第<numerals><unit>`, if it starts so.
fn after_ordinal<'a>(s: &'a str, units: &[char]) -> Option<&'a str> {
    let rest = s.strip_prefix('第')?;
    let n = numeral_run(rest);
    if n == 0 {
        return None;
    }
    let rest = &rest[n..];
    let unit = rest.chars().next().filter(|c| units.contains(c))?;
    Some(&rest[unit.len_utf8()..])
}

/// Whether `line` is an article of a statute: it opens with `第…条`
/// (`第十条　违反本条例规定……`, `第四十二条军官牺牲……`), or it is an item of
/// a decision amending one (`九、第十条改为第十一条，……修改为：`).
pub fn is_article(line: &str) -> bool {
    let mut line = line.trim_start_matches(is_blank);
    // `九、第十条……`: an amendment item.
    let n = numeral_run(line);
    if n > 0 {
        if let Some(rest) = line[n..].strip_prefix('、') {
            line = rest;
        }
    }
    // `第一条例外` or `第三条线路` are not articles: a word goes on after 条.
    after_ordinal(line, &['条']).is_some_and(|rest| {
        !rest
            .chars()
            .next()
            .is_some_and(|c| "例件线路街款目".contains(c))
    })
}

/// Whether `line` is a heading of a statute (`第一章　总　　则`, `第二节`).
pub fn is_heading(line: &str) -> bool {
    after_ordinal(line.trim_start_matches(is_blank), &['章', '节', '编']).is_some()
}

/// Per line of `lines`: whether it belongs to the text of a statute (see
/// [`Statute`]).
#[cfg(test)]
pub fn in_statute<'a>(lines: impl IntoIterator<Item = &'a str>) -> Vec<bool> {
    let mut statute = Statute::default();
    lines.into_iter().map(|line| statute.holds(line)).collect()
}

/// Whether each line belongs to the text of a statute, one line at a time,
/// in order: an article (see [`is_article`]), or a paragraph, item or
/// quotation that continues one. The text of a statute ends at a line
/// without clause punctuation that is not one of its headings (the next
/// headline).
#[derive(Default)]
pub struct Statute {
    inside: bool,
}

impl Statute {
    /// Whether `line`, the next line of the text, belongs to the text of a statute.
    pub fn holds(&mut self, line: &str) -> bool {
        if line.chars().all(is_blank) {
            return false;
        }
        if is_article(line) {
            self.inside = true;
        } else if is_heading(line) {
            return self.inside;
        } else if self.inside && !line.contains(['，', '。', '；', '：', ',', ';', ':']) {
            // Asked only inside a statute: outside, the answer is the same.
            self.inside = false;
        }
        self.inside
    }
}

#[cfg(test)]
mod tests {
    use super::{in_statute, is_article, is_heading};

    #[test]
    fn articles() {
        assert!(is_article("第十条　违反本条例规定，处罚款。"));
        assert!(is_article("\u{3000}\u{3000}第105条 本法自公布之日起施行。"));
        assert!(is_article(
            "第四十二条军官牺牲、病故后，其随军家属移交地方。"
        ));
        assert!(is_article("九、第十条改为第十一条，第二款修改为："));
        assert!(!is_article("第一章　总则"));
        assert!(!is_article("第一条例外的是"));
        assert!(!is_article("第三条线路今天开通。"));
        assert!(!is_article("第三季度，全市经济稳中向好。"));
        assert!(is_heading("第七章军官退出现役"));
        assert!(!is_heading("第七届全国人民代表大会"));
    }

    #[test]
    fn the_text_of_a_statute() {
        let lines = [
            "某某法",
            "第一章　总则",
            "第一条　为了……，制定本法。",
            "有下列情形之一的，不得录用：",
            "（一）受过刑事处罚的；",
            "第二章　附则",
            "第二条　本法自公布之日起施行。",
            "某地举行植树活动",
            "3月12日，某地举行植树活动。",
        ];
        assert_eq!(
            in_statute(lines),
            [false, false, true, true, true, true, true, false, false]
        );
    }
}
