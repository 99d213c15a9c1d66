//! The allow-list of canonical formulations (规范表述) that legitimately
//! repeat, and the title label some pages put before the title.
//!
//! Comparison is on normalized text ([`crate::text::compare`]).

use crate::text::compare::{is_blank, is_word_char, normalize};
use aho_corasick::{AhoCorasick, MatchKind};

/// Canonical formulations (规范表述) and slogans that legitimately repeat:
/// text made of them is content, never boilerplate.
pub struct Canonical {
    automaton: Option<AhoCorasick>,
}

impl Canonical {
    /// Build from phrases as written in the rule set (they are normalized here).
    pub fn new(phrases: &[String]) -> Result<Canonical, String> {
        let normalized: Vec<String> = phrases
            .iter()
            .map(|p| normalize(p))
            .filter(|p| !p.is_empty())
            .collect();
        if normalized.is_empty() {
            return Ok(Canonical { automaton: None });
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&normalized)
            .map_err(|e| format!("规范表述列表无法编译：{e}"))?;
        Ok(Canonical {
            automaton: Some(automaton),
        })
    }

    /// Byte ranges of the canonical formulations in the normalized text `s`.
    pub fn matches<'a>(&'a self, s: &'a str) -> impl Iterator<Item = std::ops::Range<usize>> + 'a {
        self.automaton
            .iter()
            .flat_map(move |ac| ac.find_iter(s).map(|m| m.range()))
    }

    /// How many word characters of the normalized text `s` are *not* covered
    /// by a canonical formulation.
    pub fn residue(&self, s: &str) -> usize {
        s.chars().filter(|c| is_word_char(*c)).count() - self.covered(s)
    }

    /// How many word characters of the normalized text `s` are covered by a
    /// canonical formulation.
    pub fn covered(&self, s: &str) -> usize {
        self.automaton.as_ref().map_or(0, |ac| {
            ac.find_iter(s)
                .map(|m| s[m.range()].chars().filter(|c| is_word_char(*c)).count())
                .sum()
        })
    }
}

/// A title line without its `标题:` label.
pub fn strip_title_label(s: &str) -> &str {
    let t = s.trim_start_matches(is_blank);
    t.strip_prefix("标题")
        .map(|r| {
            r.trim_start_matches(is_blank)
                .trim_start_matches([':', '：'])
        })
        .unwrap_or(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_residue() {
        let c = Canonical::new(&["深入学习贯彻党的二十大精神".into()]).unwrap();
        assert_eq!(c.residue(&normalize("专题深入学习贯彻党的二十大精神")), 2);
    }
}
