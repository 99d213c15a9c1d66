//! 粘连在一起的元数据标签：`时间:2021-05-12浏览:236`
//!
//! ## 检查什么
//! 在元数据行（以`发布时间：`之类的标签开头的行）中，报告与前一字段的值紧密粘连、中间没有空格的后续标签，并插入一个空格：`时间:2021-05-12浏览:236` → `时间:2021-05-12 浏览:236`，`2019-09-26 12:11来源：证券时报网作者：李在山` → `… 12:11 来源：证券时报网 作者：李在山`。行首一段不带标签的短字段值（如发稿单位）直接粘着四字的日期或计数标签、其后是数字时，同样报告：`党委宣传部发布时间：2021-06-08` → `党委宣传部 发布时间：2021-06-08`。
//!
//! ## 不报告的情形
//! 空格或分隔符之后的标签，行首的标签，以及不是元数据的行（如通知正文中的`工作时间：`）。在汉字之后，只有当标签不可能是一个更长词语的结尾时（见`not-after`，如`原作者`、`工作时间`），且仅限`han-glue-labels`中所列的标签（日期类标签常常是更长词语的结尾），才视为粘连。
//!
//! ## 修复
//! 安全修复：只在两个字段之间插入一个空格。
//!
//! ## 依据
//! 抓取程序丢掉字段之间的标记后，会把字段粘在一起；这样一个字段的值读起来就像下一个字段的一部分（`2021-05-12浏览`）。

// English original of the user documentation above (developer notes):
//
// Glued metadata labels: `时间:2021-05-12浏览:236`.
//
// ## What it does
// In a metadata line (one that starts with a label such as `发布时间：`),
// flags a further label that is glued to the previous field's value with no
// space, and inserts a space: `时间:2021-05-12浏览:236` → `时间:2021-05-12 浏览:236`,
// `2019-09-26 12:11来源：证券时报网作者：李在山` → `… 12:11 来源：证券时报网 作者：李在山`.
// A short unlabelled value at the start of the line (the issuing office)
// glued to a four-character date or counter label followed by a number is
// reported too: `党委宣传部发布时间：2021-06-08` → `党委宣传部 发布时间：2021-06-08`.
//
// ## Why
// Scrapers that drop the markup between fields glue them together; the
// value of one field then reads as part of the next (`2021-05-12浏览`).
//
// ## What it leaves alone
// Labels after a space or a separator, labels at the start of a line, and
// lines that are not metadata (body text such as `工作时间：` in a notice).
// After a Chinese character a label counts as glued only when it cannot be
// the end of a longer word (`not-after`, e.g. `原作者`, `工作时间`), and only
// for the labels in `han-glue-labels` (date labels often end longer words).
//
// ## Fix safety
// Safe: only a space is inserted between two fields.

use super::helpers::lines::{marked_lines, marks};
use crate::fix::{Applicability, Edit, Fix};
use crate::rule::message::Emitter;
use crate::rule::params::deny_unknown_params;
use crate::rule::params::param_list;
use crate::rule::{CheckContext, Checker, Finding};
use crate::rules::NativeArgs;
use crate::span::Span;
use crate::text::chars::is_han;
use crate::text::compare::is_blank;
use regex::Regex;

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    deny_unknown_params(args.params, &["labels", "han-glue-labels", "not-after"])?;
    let mut labels = param_list(args.params, "labels")?;
    if labels.is_empty() {
        return Err("参数 `labels` 不能为空".into());
    }
    labels.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    let alt = labels
        .iter()
        .map(|w| regex::escape(w))
        .collect::<Vec<_>>()
        .join("|");
    Ok(Box::new(GluedLabel {
        emit: args.emitter(),
        label: Regex::new(&format!(r"({alt})[ \t\u{{a0}}\u{{3000}}]*[:：]"))
            .map_err(|e| format!("标签正则无法编译：{e}"))?,
        han_glue: param_list(args.params, "han-glue-labels")?,
        date: Regex::new(r"^\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}日?").expect("date regex"),
        not_after: param_list(args.params, "not-after")?,
        colons: marks(&[':', '：']),
    }))
}

struct GluedLabel {
    emit: Emitter,
    label: Regex,
    han_glue: Vec<String>,
    not_after: Vec<String>,
    /// A metadata line may also start with a date (`2019-09-26 12:11来源：…`).
    date: Regex,
    /// Every label ends with a colon: only lines with one are searched.
    colons: Regex,
}

impl Checker for GluedLabel {
    fn check(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = ctx.text();
        for marked in marked_lines(text, &self.colons) {
            let line = &text[marked.span.range()];
            let base = marked.span.start;
            if line.chars().count() > 120 {
                continue;
            }
            let trimmed = line.trim_start_matches(is_blank);
            let lead = line.len() - trimmed.len();
            let mut labels = self.label.captures_iter(line);
            // A metadata line starts with a label or a date.
            // A label right at the end of a leading date is glued to it.
            let mut date_end = None;
            let mut prev_end = match self.date.find(trimmed) {
                Some(d) => {
                    date_end = Some(lead + d.end());
                    lead + d.end()
                }
                None => {
                    let Some(first) = labels.next() else { continue };
                    let m = first.get(0).expect("m");
                    if m.start() != lead {
                        // `党委宣传部发布时间：2021-06-08`: a short unlabelled
                        // value (the source) glued to a date label.
                        let label = first.get(1).expect("label");
                        if self.glued_first_label(&line[lead..label.start()], label.as_str())
                            && line[m.end()..]
                                .trim_start_matches(is_blank)
                                .starts_with(|c: char| c.is_ascii_digit())
                        {
                            out.push(self.finding(
                                base + label.start(),
                                base + label.end(),
                                label.as_str(),
                            ));
                        }
                    }
                    m.end()
                }
            };
            for caps in labels {
                let m = caps.get(1).expect("label");
                let value = &line[prev_end..m.start()];
                prev_end = caps.get(0).expect("m").end();
                let Some(before) = value.chars().next_back().or_else(|| {
                    (date_end == Some(m.start())).then(|| line[..m.start()].chars().next_back())?
                }) else {
                    continue;
                };
                if is_blank(before)
                    || (value.trim_matches(is_blank).is_empty() && date_end != Some(m.start()))
                {
                    continue;
                }
                let glued = if before.is_ascii_alphanumeric()
                    || matches!(before, ')' | '）' | ']' | '】')
                {
                    true
                } else if is_han(before) {
                    self.han_glue.iter().any(|l| l == m.as_str())
                        && !self.not_after.iter().any(|w| value.ends_with(w.as_str()))
                } else {
                    false
                };
                if !glued {
                    continue;
                }
                out.push(self.finding(base + m.start(), base + m.end(), m.as_str()));
            }
        }
    }
}

/// The longest unlabelled value before a line's first label that still
/// counts as a field (`党委宣传部`, `学生工作处`), not a sentence.
const FIRST_VALUE_MAX_CHARS: usize = 12;

impl GluedLabel {
    /// Whether the line's first `label`, after `value`, is glued to an
    /// unlabelled field: a short value of Han characters with no marks, and a
    /// date label (`发布时间`) that `value` cannot be part of.
    fn glued_first_label(&self, value: &str, label: &str) -> bool {
        let n = value.chars().count();
        (2..=FIRST_VALUE_MAX_CHARS).contains(&n)
            && value.chars().all(is_han)
            && label.chars().count() >= 4
            && self.han_glue.iter().any(|l| l == label)
            && !self.not_after.iter().any(|w| value.ends_with(w.as_str()))
    }

    fn finding(&self, start: usize, end: usize, label: &str) -> Finding {
        self.emit
            .at(Span::new(start, end), &[("label", label)])
            .with_help("在两个字段之间加空格")
            .with_fix(Fix::new(
                Applicability::Safe,
                vec![Edit::insert(start, " ")],
            ))
    }
}
