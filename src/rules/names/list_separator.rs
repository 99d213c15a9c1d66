//! 列举人名时用`，`而不是`、`分隔：`张三，李四，王五等出席`
//!
//! ## 检查什么
//! 报告由`，`或`,`连接的两个及以上不带职务的人名，并把这些分隔符改为`、`：`张三，李四，王五等出席` → `张三、李四、王五等出席`。
//!
//! ## 不报告的情形
//! 各项带有职务的列举（`副校长张三，党委副书记、副校长李四`）：职务本身用了`、`时，上一层必须用`，`（“并列词语内如果又包含有并列关系的词语，那么上一层要用逗号，次一层用顿号”，见领域规则N2），带职务时的`，`体现的是作者的层次安排。以下情形也不报告：人名之后、下一个人名之前还有其他内容（`王明表示，李华认为`是两个分句）；最后一个人名之后跟着`的`（`毛岸英，毛泽东的长子`是同位语）；以及引语中的文字。
//!
//! ## 修复
//! 安全修复：每一项都是人名识别找到的姓名，改变的只是它们之间的分隔符。
//!
//! ## 依据
//! GB/T 15834—2011第4.5条：`、`用于句子内部并列词语之间的停顿；`，`用于分句之间。列举的人名是并列词语。

// English original of the user documentation above (developer notes):
//
// Names in a list separated by `，` instead of `、`: `张三，李四，王五等出席`.
//
// ## What it does
// Reports a list of two or more bare person names (no titles) joined by
// `，` or `,` and replaces those separators with `、`:
// `张三，李四，王五等出席` → `张三、李四、王五等出席`.
//
// ## Why
// GB/T 15834—2011 4.5: `、` separates coordinate words inside a sentence;
// `，` separates clauses. Names in a list are coordinate words.
//
// ## What it leaves alone
// Lists whose items carry titles (`副校长张三，党委副书记、副校长李四`):
// when a title itself uses `、`, the upper layer must be `，` (“并列词语内
//如果又包含有并列关系的词语，那么上一层要用逗号，次一层用顿号”,
// domain-rules N2), and with titles the `，` is the writer's layering.
// Also left alone: a name followed by anything else before the next name
// (`王明表示，李华认为` are two clauses), a last name followed by `的`
// (`毛岸英，毛泽东的长子` is an apposition), and text in quotations.
//
// ## Fix safety
// Safe: every item is a name found by person detection, and only the
// separators between them change.

use super::helpers::persons::in_quotes;
use crate::fix::{Edit, Fix};
use crate::names::PersonMention;
use crate::rule::message::Emitter;
use crate::rule::{CheckContext, Checker, Finding};
use crate::rules::NativeArgs;
use crate::span::Span;

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    args.no_params()?;
    Ok(Box::new(ListSeparator {
        emit: args.emitter(),
    }))
}

struct ListSeparator {
    emit: Emitter,
}

fn bare(m: &PersonMention) -> bool {
    m.title.is_none() && m.trailing_title.is_none()
}

impl Checker for ListSeparator {
    fn check(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = ctx.text();
        let persons = ctx.persons();
        let mut i = 0;
        while i < persons.len() {
            // A chain of bare names joined by a comma.
            let mut j = i;
            let mut seps: Vec<Span> = Vec::new();
            while j + 1 < persons.len() && bare(&persons[j]) && bare(&persons[j + 1]) {
                let between = Span::new(persons[j].name.end, persons[j + 1].name.start);
                if !matches!(&text[between.range()], "，" | ",") {
                    break;
                }
                seps.push(between);
                j += 1;
            }
            // The list must not continue with a titled person (`张三，副校长李四`):
            // then the commas are a layering.
            let titled_next = persons.get(j + 1).is_some_and(|n| {
                !bare(n) && matches!(&text[persons[j].name.end..n.name.start], "，" | ",")
            });
            let titled_prev = i > 0
                && matches!(
                    &text[persons[i - 1].name.end..persons[i].name.start],
                    "，" | ","
                );
            let titled_next = titled_next || titled_prev;
            // The same name twice is not a list (`…领先特朗普，特朗普则…`).
            let mut names: Vec<&str> = persons[i..=j]
                .iter()
                .map(|m| &text[m.name.range()])
                .collect();
            names.sort_unstable();
            let repeated = names.windows(2).any(|w| w[0] == w[1]);
            // A name then `的` is an apposition, not the list's last item
            // (`毛岸英，毛泽东的长子`).
            let apposition = text[persons[j].name.end..].starts_with(['的', '之']);
            let titled_next = titled_next || repeated || apposition;
            if !seps.is_empty() && !titled_next && !in_quotes(text, persons[i].name.start) {
                let span = Span::new(persons[i].name.start, persons[j].name.end);
                let found = &text[span.range()];
                let mut expected = String::new();
                let mut at = span.start;
                for s in &seps {
                    expected.push_str(&text[at..s.start]);
                    expected.push('、');
                    at = s.end;
                }
                expected.push_str(&text[at..span.end]);
                out.push(
                    self.emit
                        .at(span, &[("found", found), ("expected", &expected)])
                        .with_help(format!("改为“{expected}”"))
                        .with_fix(Fix::safe(
                            seps.iter().map(|s| Edit::replace(*s, "、")).collect(),
                        )),
                );
            }
            i = j + 1;
        }
    }
}
