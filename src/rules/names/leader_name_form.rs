//! 对习近平总书记的口语化称呼：`习大大`、`习总`、`习总书记`
//!
//! ## 检查什么
//! 报告`习大大`、`习总书记`和`习总`，并建议改为`习近平总书记`。公文和新闻稿件使用的形式是`习近平总书记`、`习近平同志`，以及首次提及时的完整职务`中共中央总书记、国家主席、中央军委主席习近平`。
//!
//! ## 不报告的情形
//! 只是包含这些字的词语：`学习总结`、`复习总体`、`练习大大小小`、`学习大大提高`。此时`习`不能是学习、复习、练习、实习等词的末字（据一份构成这些词的字表判断）；`习总`之后须是标点，或是能跟在人名之后的词（的、在、说、和等）。
//!
//! ## 修复
//! 不安全修复：这种说法可能出现在须照录原话的引语中。
//!
//! ## 依据
//! 中央媒体书写姓名全称并加职务；`习大大`是网络闲谈中的昵称，`习总`、`习总书记`是截短的口语说法（未查到禁止书面使用`习总`的明文规定；依据是中央媒体的用法）。

// English original of the user documentation above (developer notes):
//
// Colloquial forms of the General Secretary's name: `习大大`, `习总`, `习总书记`.
//
// ## What it does
// Flags `习大大`, `习总书记` and `习总` and suggests `习近平总书记`. The forms
// official and news prose uses are `习近平总书记`, `习近平同志` and, at first
// mention, the full title `中共中央总书记、国家主席、中央军委主席习近平`.
//
// ## Why
// Central media write the full name with the title; `习大大` is a nickname
// of online chatter, `习总`/`习总书记` a clipped spoken form (no written ban
// was found for `习总`; the norm is the media's usage).
//
// ## What it leaves alone
// Words that only contain the letters: `学习总结`, `复习总体`, `练习大大小小`,
// `学习大大提高` — the `习` must not close a word such as 学习、复习、练习、
// 实习 (a list of the characters that form them); `习总` must be followed by
// punctuation or a word that can follow a name (的、在、说、和 …).
//
// ## Fix safety
// Unsafe: the form may be quoted speech that must stay as said.

use super::helpers::registry::all_han;
use crate::fix::{Applicability, Fix};
use crate::rule::message::Emitter;
use crate::rule::{CheckContext, Checker, Finding};
use crate::rules::NativeArgs;
use crate::span::Span;
use crate::text::chars::{char_at, char_before, is_han};

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    args.no_params()?;
    Ok(Box::new(LeaderNameForm {
        emit: args.emitter(),
    }))
}

struct LeaderNameForm {
    emit: Emitter,
}

const RIGHT: &str = "习近平总书记";

/// Characters that close a word ending in 习 (学习, 复习 …).
const WORD_BEFORE: &[char] = &[
    '学', '复', '练', '实', '温', '见', '演', '研', '预', '自', '补', '讲', '修', '积', '恶', '陋',
    '惯', '沿', '习', '传', '教', '熟', '风', '时', '操', '攻', '研',
];

/// What may follow a bare `习总` used as a name.
const AFTER_NAME: &[char] = &[
    '的', '在', '说', '和', '与', '同', '对', '给', '指', '强', '讲', '亲', '还', '也', '是', '来',
    '到', '去', '又', '曾', '为', '向', '嘱', '关', '心',
];

impl Checker for LeaderNameForm {
    fn check(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = ctx.text();
        if !text.contains("习大大") && !text.contains("习总") {
            return;
        }
        for (i, _) in text.match_indices('习') {
            let rest = &text[i..];
            let form = ["习总书记", "习大大", "习总"]
                .into_iter()
                .find(|f| rest.starts_with(f));
            let Some(form) = form else { continue };
            if char_before(text, i).is_some_and(|c| WORD_BEFORE.contains(&c)) {
                continue;
            }
            let end = i + form.len();
            let next = char_at(text, end);
            // `习总` must be followed by what can follow a name; in `学习大大提高`
            // the letters belong to other words.
            let other_word = match form {
                "习总" => next.is_some_and(|c| is_han(c) && !AFTER_NAME.contains(&c)),
                "习大大" => next.is_some_and(|c| "小提增促加降减改推方".contains(c)),
                _ => false,
            };
            if other_word {
                continue;
            }
            let span = Span::new(i, end);
            debug_assert!(all_han(&text[span.range()]));
            out.push(
                self.emit
                    .at(span, &[("found", form), ("expected", RIGHT)])
                    .with_help(format!(
                        "改为“{RIGHT}”；首次出现可用“中共中央总书记、国家主席、中央军委主席习近平”"
                    ))
                    .with_fix(Fix::replace(Applicability::Unsafe, span, RIGHT.to_string())),
            );
        }
    }
}
