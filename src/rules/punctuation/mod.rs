//! The punctuation family (GB/T 15834—2011): width by context, forms,
//! pairing, doubling, stray spaces.

pub mod ascii_bracket_label;
pub mod ascii_quotes;
pub mod cjk_latin_spacing;
pub mod dash_form;
pub mod doubled_punctuation;
pub mod dunhao_between_quoted;
pub mod ellipsis_form;
pub mod fullwidth_alphanumeric;
pub mod halfwidth_in_cjk;
pub mod interpunct_form;
pub mod nested_title_marks;
pub mod repeated_terminal_marks;
pub mod space_around_fullwidth;
pub mod space_between_han;
pub mod unbalanced_pair;

/// The positions in `bytes` of any of the bytes `common` (searched with
/// `memchr3`) or `rare` (with `memchr2`), in order. A rule whose marks
/// begin with one of a few lead bytes (`0xE2`, `0xE3`, `0xEF` for the
/// full-width marks, which come about once in 30 bytes of Chinese text)
/// plus one or two rare ASCII marks visits only those positions instead of
/// testing every byte, or searching once per mark.
pub(crate) fn mark_positions<'a>(
    bytes: &'a [u8],
    common: [u8; 3],
    rare: [u8; 2],
) -> impl Iterator<Item = usize> + 'a {
    let [a, b, c] = common;
    let [d, e] = rare;
    let mut common = memchr::memchr3_iter(a, b, c, bytes).peekable();
    let mut rare = memchr::memchr2_iter(d, e, bytes).peekable();
    std::iter::from_fn(move || match (common.peek(), rare.peek()) {
        (Some(&x), Some(&y)) if y < x => rare.next(),
        (Some(_), _) => common.next(),
        (None, _) => rare.next(),
    })
}

/// The visible form of a run of spaces, for messages.
pub(crate) fn describe_spaces(s: &str) -> &'static str {
    if s.contains('\u{3000}') {
        "全角空格"
    } else {
        "空格"
    }
}

/// A set of literal needles searched with `memchr::memmem` (SIMD, one pass
/// per needle). For a handful of rare multi-byte marks in Chinese text this
/// is several times faster than one multi-pattern automaton, whose
/// prefilter keeps stopping at the lead bytes shared by every full-width
/// mark.
pub(crate) struct Needles {
    finders: Vec<memchr::memmem::Finder<'static>>,
}

impl Needles {
    pub fn new(needles: &[&str]) -> Self {
        Needles {
            finders: needles
                .iter()
                .map(|n| memchr::memmem::Finder::new(n.as_bytes()).into_owned())
                .collect(),
        }
    }

    /// Every match as `(start, end, needle index)`, sorted by start; matches
    /// of one needle do not overlap each other.
    pub fn find_all(&self, text: &str) -> Vec<(usize, usize, usize)> {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        for (k, f) in self.finders.iter().enumerate() {
            let len = f.needle().len();
            let mut at = 0;
            while let Some(p) = f.find(&bytes[at..]) {
                out.push((at + p, at + p + len, k));
                at += p + len;
            }
        }
        out.sort_unstable();
        out
    }
}

/// The punctuation rules: `(id, constructor)`.
pub static RULES: &[(&str, super::NativeConstructor)] = &[
    ("punctuation/halfwidth-in-cjk", halfwidth_in_cjk::build),
    ("punctuation/ascii-quotes", ascii_quotes::build),
    ("punctuation/ellipsis-form", ellipsis_form::build),
    ("punctuation/dash-form", dash_form::build),
    (
        "punctuation/doubled-punctuation",
        doubled_punctuation::build,
    ),
    (
        "punctuation/repeated-terminal-marks",
        repeated_terminal_marks::build,
    ),
    (
        "punctuation/space-around-fullwidth",
        space_around_fullwidth::build,
    ),
    ("punctuation/space-between-han", space_between_han::build),
    ("punctuation/cjk-latin-spacing", cjk_latin_spacing::build),
    (
        "punctuation/fullwidth-alphanumeric",
        fullwidth_alphanumeric::build,
    ),
    ("punctuation/unbalanced-pair", unbalanced_pair::build),
    (
        "punctuation/dunhao-between-quoted",
        dunhao_between_quoted::build,
    ),
    ("punctuation/nested-title-marks", nested_title_marks::build),
    (
        "punctuation/ascii-bracket-label",
        ascii_bracket_label::build,
    ),
    ("punctuation/interpunct-form", interpunct_form::build),
];

#[cfg(test)]
mod tests {
    use super::mark_positions;

    /// The merged positions are exactly the positions of the bytes, in
    /// order, whichever stream each comes from.
    #[test]
    fn mark_positions_merges_both_searches_in_order() {
        let text = "(“甲”、《乙》)，（丙）;x(";
        let bytes = text.as_bytes();
        let found: Vec<usize> = mark_positions(bytes, [0xE2, 0xE3, 0xEF], [b'(', b')']).collect();
        let expected: Vec<usize> = (0..bytes.len())
            .filter(|&i| matches!(bytes[i], 0xE2 | 0xE3 | 0xEF | b'(' | b')'))
            .collect();
        assert_eq!(found, expected);
        assert_eq!(mark_positions(b"", [1, 2, 3], [4, 5]).count(), 0);
        assert_eq!(
            mark_positions(b"((", [1, 2, 3], [b'(', b'(']).collect::<Vec<_>>(),
            [0, 1]
        );
    }
}
