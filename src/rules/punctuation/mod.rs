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
pub mod repeated_terminal_marks;
pub mod space_around_fullwidth;
pub mod space_between_han;
pub mod unbalanced_pair;

use crate::fix::Fix;
use crate::rule::{Finding, RuleIndex};
use crate::rules::NativeArgs;
use crate::span::Span;

/// What every punctuation checker keeps: its rule index and message template.
pub(crate) struct Base {
    pub rule: RuleIndex,
    pub message: String,
}

impl Base {
    pub fn new(args: &NativeArgs<'_>) -> Self {
        Base {
            rule: args.index,
            message: args.meta.message.clone(),
        }
    }

    /// The message with `{key}` placeholders filled.
    pub fn message(&self, vars: &[(&str, &str)]) -> String {
        let mut m = self.message.clone();
        for (k, v) in vars {
            m = m.replace(&format!("{{{k}}}"), v);
        }
        m
    }

    pub fn push(
        &self,
        out: &mut Vec<Finding>,
        span: Span,
        vars: &[(&str, &str)],
        help: Option<String>,
        fix: Option<Fix>,
    ) {
        let mut f = Finding::new(self.rule, span, self.message(vars));
        f.help = help;
        f.fix = fix;
        out.push(f);
    }
}

/// The runs of horizontal space (space, tab, NBSP, U+3000) in `text`, as
/// byte ranges, in order. Found with a multi-pattern scan: a text with no
/// spaces costs one pass of a SIMD prefilter.
pub(crate) fn space_runs(text: &str) -> impl Iterator<Item = Span> + '_ {
    use aho_corasick::AhoCorasick;
    use std::sync::LazyLock;
    static SPACES: LazyLock<AhoCorasick> =
        LazyLock::new(|| AhoCorasick::new([" ", "\t", "\u{a0}", "\u{3000}"]).expect("patterns"));
    let mut next = 0;
    SPACES.find_iter(text).filter_map(move |m| {
        if m.start() < next {
            return None;
        }
        let e = crate::rules::util::spaces_end(text, m.start());
        next = e;
        Some(Span::new(m.start(), e))
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
