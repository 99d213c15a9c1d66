//! 同一文档中同一人被冠以同一职务的两种级别：`副校长张三`……`校长张三`
//!
//! ## 检查什么
//! 收集文档中紧挨在每个完整人名之前的职务；如果后文某处提及的职务与前文是同一职务的不同级别，即一个为正职（`校长`、`书记`、`主任`），另一个为副职（`副校长`、`常务副校长`、`副书记`），就予报告，并在提示中引出首次提及之处。
//!
//! ## 如何判断“同一职务”
//! 职务分为三部分：表示过去的标记（`原`、`时任`、`前`、`首任`），级别前缀（`副`、`常务副`、`第一副`、`执行`、`名誉`、`代`、`代理`），以及职务本身（`校长`）。两个职务在以下情况下视为冲突：职务本身相同，一个带副职前缀（`副`、`常务副`、`第一副`）而另一个没有，且两者都不带表示过去的标记。`常务副校长`和`副校长`都是副职，不算冲突（简称是正常的省略）；`代市长`和`市长`也不算冲突（代理负责人常以职务相称）。不同的职务（`校长`和`党委书记`）从不冲突：一人可以身兼数职。
//!
//! ## 不报告的情形
//! 过去的职务（`原副校长张三`……`校长张三`：这是晋升）；前面冠以不同机构名称的职务（`学院副院长张三`……`医院院长张三`可能是两个职务）；以及不带职务的提及。
//!
//! ## 修复
//! 不提供修复：两者中哪一个正确，须由作者核实。
//!
//! ## 依据
//! 点名的领导干部职务级别写错，是政府网站检查所关注的错误之一（“姓名职务搭配错误”，见领域规则第4节N6）。

// English original of the user documentation above (developer notes):
//
// One person, two ranks of the same post in one document: `副校长张三` …
// `校长张三`.
//
// ## What it does
// Collects the titles written right before each full name in the document
// and reports a later mention whose title is the same post at a different
// rank than an earlier one — one is the principal (`校长`, `书记`,
// `主任`), the other a deputy (`副校长`, `常务副校长`, `副书记`) — with a
// help line quoting the first mention.
//
// ## How “the same post” is decided
// A title is split into a past marker (`原`, `时任`, `前`, `首任`), a rank
// prefix (`副`, `常务副`, `第一副`, `执行`, `名誉`, `代`, `代理`) and the
// post itself (`校长`). Two titles conflict when the post is the same, one
// has a deputy rank (`副`, `常务副`, `第一副`) and the other none, and
// neither has a past marker. `常务副校长` and `副校长` are both deputies and
// do not conflict (the short form is a normal abbreviation); `代市长` and
// `市长` do not conflict either (an acting head is often called by the
// post). Different posts (`校长` and `党委书记`) never conflict: one person
// holds several.
//
// ## Why
// A wrong rank for a named official is one of the errors that official
// sites are audited for (`姓名职务搭配错误`, domain-rules §4 N6).
//
// ## What it leaves alone
// Past titles (`原副校长张三` … `校长张三`: a promotion), titles written
// with different organisations before them (`学院副院长张三` …
// `医院院长张三` may be two posts), and mentions without a title.
//
// ## Fix safety
// None: which of the two is right is for the writer to check.

use crate::names::lexicon::PAST_PREFIXES;
use crate::rule::message::Emitter;
use crate::rule::{CheckContext, Checker, Finding};
use crate::rules::NativeArgs;
use crate::span::Span;
use crate::text::chars::is_han;
use std::collections::HashMap;

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    args.no_params()?;
    Ok(Box::new(ConflictingTitles {
        emit: args.emitter(),
    }))
}

struct ConflictingTitles {
    emit: Emitter,
}

/// A title split into past marker, deputy rank and post.
#[derive(Debug, PartialEq, Eq)]
struct Parts<'a> {
    past: bool,
    deputy: bool,
    post: &'a str,
}

fn parts(title: &str) -> Parts<'_> {
    let mut t = title;
    let mut past = false;
    for p in PAST_PREFIXES {
        if let Some(rest) = t.strip_prefix(p) {
            t = rest;
            past = true;
            break;
        }
    }
    let mut deputy = false;
    for p in ["常务副", "第一副", "副", "执行", "名誉", "代理", "代"] {
        if let Some(rest) = t.strip_prefix(p)
            && !rest.is_empty()
        {
            deputy = p.ends_with('副');
            // `代`, `执行`, `名誉` are neither principal nor deputy: treat as past-like.
            past |= !deputy;
            t = rest;
            break;
        }
    }
    Parts {
        past,
        deputy,
        post: t,
    }
}

/// The organisation word right before a title: the Han characters up to
/// four before it (`学院` in `学院副院长`), empty when none.
fn org_before(text: &str, title: Span) -> &str {
    let mut s = title.start;
    for _ in 0..4 {
        match text[..s].chars().next_back() {
            Some(c) if is_han(c) => s -= c.len_utf8(),
            _ => break,
        }
    }
    &text[s..title.start]
}

/// The first mention of one form of a person's title.
struct Earlier<'a> {
    title: Span,
    name: Span,
    post: &'a str,
    deputy: bool,
    org: &'a str,
}

/// How many different title forms are remembered per person: enough for
/// any real text, and it keeps a document that names one person thousands
/// of times linear.
const MAX_FORMS_PER_PERSON: usize = 32;

impl Checker for ConflictingTitles {
    fn check(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = ctx.text();
        // name → the first mention of each title form (post, rank, organisation)
        let mut seen: HashMap<&str, Vec<Earlier<'_>>> = HashMap::new();
        for m in ctx.persons() {
            let Some(t) = m.title else { continue };
            let name = &text[m.name.range()];
            if name.chars().count() < 2 {
                continue;
            }
            let title = &text[t.range()];
            let p = parts(title);
            if p.past {
                continue;
            }
            let org = org_before(text, t);
            let earlier = seen.entry(name).or_default();
            let conflict = earlier.iter().find(|e| {
                e.post == p.post
                    && e.deputy != p.deputy
                    && (e.org.is_empty()
                        || org.is_empty()
                        || e.org.ends_with(org)
                        || org.ends_with(e.org))
            });
            if let Some(e) = conflict {
                let first = format!("{}{}", &text[e.title.range()], &text[e.name.range()]);
                let found = format!("{title}{name}");
                out.push(
                    self.emit
                        .at(
                            Span::new(t.start, m.name.end),
                            &[("found", &found), ("first", &first)],
                        )
                        .with_help(format!("前文作“{first}”：请核对{name}的职务")),
                );
                continue;
            }
            let known = earlier
                .iter()
                .any(|e| e.post == p.post && e.deputy == p.deputy && e.org == org);
            if !known && earlier.len() < MAX_FORMS_PER_PERSON {
                earlier.push(Earlier {
                    title: t,
                    name: m.name,
                    post: p.post,
                    deputy: p.deputy,
                    org,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_titles() {
        assert_eq!(
            parts("常务副校长"),
            Parts {
                past: false,
                deputy: true,
                post: "校长"
            }
        );
        assert!(parts("原校长").past);
        assert!(!parts("校长").deputy);
        assert!(parts("代市长").past);
    }
}
