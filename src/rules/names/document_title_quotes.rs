//! 正文中引用文件标题而未加书名号：`传达了中共XX委员会关于…的通知`
//!
//! ## 检查什么
//! 查找`[发文机关]关于…的<文种>`形式的文件标题，其中`<文种>`为通知、通报、决定、决议、意见、方案、办法、细则、条例、规定、纲要、规划、报告、公告、通告、批复之一。该标题须紧跟在表示处理文件的动词之后（学习、传达、印发、转发、下发、贯彻、落实、执行、解读、发布、出台、颁布、公布、制定、宣读、根据、按照、依据、对照、遵照），或紧跟在另一个带书名号的标题和连词之后（`《…》以及…的通知`）。标题从发文机关（如`中共西安交通大学委员会`、`国务院办公厅`、`教育部等四部门`之类的机构名称）或`关于`开始，到文种词结束，可带末尾的`（试行）`或`（暂行）`。不安全修复为标题加上书名号。
//!
//! ## 不报告的情形
//! - 已经加了书名号或引号的标题，以及其中的任何内容；
//! - 描述性说法而非标题：发文机关是泛指或非正式称呼（`根据上级关于…的通知要求`、`学校关于…的通知`、`党中央关于…`、`有关部门关于…`），动词与`关于`之间有修饰语（`发布更多关于…的报告`），`的有关通知`，以及只是以文种词开头的词语（`意见建议`、`报告会`、`通知书`、`规定动作`、`决定性`）；
//! - 草案，它们还不是正式文件：`…的决定草案`、`征求意见稿`；
//! - 审议程序：`审议`、`通过`、`听取`不是触发动词，因为按照惯例，立法机关的会议报道列举议程事项时不加书名号（`会议审议了国务院关于…的报告`）；
//! - 标题和其他标题式的行，这些地方常省略书名号；
//! - 不含`关于`的标题（`学习贯彻中国共产党纪律处分条例`）：法律法规常以简称引用，不加书名号。
//!
//! ## 修复
//! 不安全修复：标题在哪里结束需要判断（它可能是简称或转述的标题，这时应不加书名号，或者照原文准确引用）。
//!
//! ## 依据
//! GB/T 15834—2011第4.15条：书名号用于标示书名、篇名、文件名和法律法规名称等。引用标题而不加书名号，读起来像是一段描述，标题的结尾也会淹没在句子里。

// English original of the user documentation above (developer notes):
//
// The title of a document cited in prose without 《》: `传达了中共XX委员会关于…的通知`.
//
// ## What it does
// Looks for a document title of the form `[issuer]关于…的<kind>`, where
// `<kind>` is one of 通知、通报、决定、决议、意见、方案、办法、细则、条例、
// 规定、纲要、规划、报告、公告、通告、批复, that stands right after a verb
// of handling a document — 学习、传达、印发、转发、下发、贯彻、落实、执行、
// 解读、发布、出台、颁布、公布、制定、宣读、根据、按照、依据、对照、遵照 —
// or right after another title in 《》 and a conjunction (`《…》以及…的通知`).
// The title starts at its issuer (an organization name such as
// `中共西安交通大学委员会`, `国务院办公厅`, `教育部等四部门`) or at `关于`,
// and ends at the kind word, with a trailing `（试行）`/`（暂行）`. The
// unsafe fix puts the title in 《》.
//
// ## Why
// GB/T 15834—2011 4.15: 书名号 marks the names of books, articles, documents
// and laws. A title cited without marks reads as a description and its end
// is lost in the sentence.
//
// ## What it leaves alone
// - titles already in 《》 or quotes, and anything inside them;
// - descriptions rather than titles: a generic or informal issuer
//   (`根据上级关于…的通知要求`, `学校关于…的通知`, `党中央关于…`,
//   `有关部门关于…`), a modifier between verb and `关于` (`发布更多关于…的报告`),
//   `的有关通知`, and words that merely start with a kind word (`意见建议`,
//   `报告会`, `通知书`, `规定动作`, `决定性`);
// - drafts, which are not yet documents: `…的决定草案`, `征求意见稿`;
// - proceedings: `审议`、`通过`、`听取` are not trigger verbs, because
//   reports of legislatures name the items on their agenda
//   (`会议审议了国务院关于…的报告`) without marks by convention;
// - headlines and other title-like lines, where 《》 is often dropped;
// - titles without `关于` (`学习贯彻中国共产党纪律处分条例`): laws and
//   regulations are routinely cited by short names without marks.
//
// ## Fix safety
// Unsafe: where a title ends is a judgement (it may be a shortened or
// paraphrased title, which should stay unmarked or be quoted exactly).

use crate::fix::{Applicability, Edit, Fix};
use crate::rule::message::Emitter;
use crate::rule::params::deny_unknown_params;
use crate::rule::{CheckContext, Checker, Finding};
use crate::rules::NativeArgs;
use crate::rules::helpers::is_title_like;
use crate::span::Span;
use crate::text::chars::{is_han, line_bounds};

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    deny_unknown_params(args.params, &["max-chars"])?;
    let max_chars = match args.params.get("max-chars") {
        None => 80,
        Some(toml::Value::Integer(n)) if *n >= 8 => *n as usize,
        Some(_) => return Err("参数 `max-chars` 应为不小于 8 的整数".into()),
    };
    Ok(Box::new(DocumentTitleQuotes {
        emit: args.emitter(),
        max_chars,
    }))
}

struct DocumentTitleQuotes {
    emit: Emitter,
    /// The longest title (in characters) looked for.
    max_chars: usize,
}

/// The kinds of documents whose titles end the `关于…的<kind>` form.
const KINDS: &[&str] = &[
    "通知", "通报", "决定", "决议", "意见", "方案", "办法", "细则", "条例", "规定", "纲要", "规划",
    "报告", "公告", "通告", "批复",
];

/// Words between `的` and the kind word in titles: `的实施方案`, `的指导意见`.
const MODIFIERS: &[&str] = &[
    "实施",
    "指导",
    "若干",
    "管理",
    "工作",
    "行动",
    "暂行",
    "补充",
    "紧急",
    "专项",
    "总体",
    "考核",
    "三年行动",
    "实施细则",
    "评价",
    "认定",
    "奖励",
    "处理",
    "表彰",
];

/// Verbs after which a document is named.
const VERBS: &[&str] = &[
    "学习", "传达", "印发", "转发", "下发", "贯彻", "落实", "执行", "解读", "发布", "出台", "颁布",
    "公布", "制定", "宣读", "根据", "按照", "依据", "对照", "遵照", "领学", "研读", "宣贯",
];

/// Conjunctions joining a title to a preceding title in 《》.
const CONJUNCTIONS: &[&str] = &["以及", "和", "及", "与", "、"];

/// What may follow the kind word when the title ends there.
const CONTINUATIONS: &[&str] = &[
    "精神", "要求", "部署", "以及", "和", "及", "与", "并", "等", "中", "上", "里", "后", "时",
    "内容", "全文", "原文", "文件", "规定",
];

/// What makes the kind word part of a longer word or a draft.
const BLOCKERS: &[&str] = &[
    "草案", "稿", "建议", "书", "会", "厅", "性", "动作", "设计", "反馈", "征集", "单", "表", "人",
];

/// Suffixes of organization names that issue documents.
const ISSUER_SUFFIXES: &[&str] = &[
    "委员会",
    "中共中央",
    "国务院",
    "中央军委",
    "中央军事委员会",
    "办公厅",
    "办公室",
    "人民政府",
    "政府",
    "党委",
    "党组",
    "纪委",
    "监委",
    "总支",
    "支部",
    "大学",
    "学院",
    "学校",
    "研究院",
    "研究所",
    "中心",
    "集团",
    "公司",
    "法院",
    "检察院",
    "银行",
    "总局",
    "部",
    "厅",
    "局",
    "署",
    "委",
    "办",
    "处",
    "司",
    "院",
    "会",
    "联",
    "所",
    "馆",
    "站",
    "社",
];

/// Issuers too generic or informal to start a title; also prefixes that make one generic.
const GENERIC_ISSUERS: &[&str] = &[
    "上级",
    "上级部门",
    "有关部门",
    "相关部门",
    "主管部门",
    "部门",
    "学校",
    "学院",
    "本院",
    "我院",
    "本校",
    "我校",
    "公司",
    "集团",
    "中央",
    "党中央",
    "国家",
    "省委",
    "市委",
    "县委",
    "区委",
    "大会",
    "会",
    "院",
    "部",
    "局",
    "委",
    "办",
    "处",
    "所",
    "站",
    "社",
    "馆",
    "厅",
    "司",
    "署",
    "全部",
    "内部",
    "干部",
    "总部",
    "本部",
    "机关",
];
const GENERIC_PREFIXES: &[&str] = &[
    "上级", "有关", "相关", "各", "本", "我", "该", "这", "此", "其", "更多", "一些", "许多", "多",
];

/// Short issuers that are formal names in their own right.
const SHORT_ISSUERS: &[&str] = &[
    "中共中央",
    "国务院",
    "中央军委",
    "中办",
    "国办",
    "中共中央国务院",
    "中共中央 国务院",
    "中共中央、国务院",
];

impl Checker for DocumentTitleQuotes {
    fn check(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = ctx.text();
        let finder = memchr::memmem::Finder::new("关于".as_bytes());
        let mut next = 0;
        for at in finder.find_iter(text.as_bytes()) {
            if at < next {
                continue;
            }
            let (ls, le) = line_bounds(text, at);
            let line = &text[ls..le];
            if is_title_like(line) || inside_marks(&text[ls..at]) {
                continue;
            }
            let Some(end) = self.title_end(text, at + "关于".len(), le) else {
                continue;
            };
            let Some(start) = title_start(text, ls, at) else {
                continue;
            };
            next = end;
            let span = Span::new(start, end);
            let title = &text[start..end];
            let fix = Fix::new(
                Applicability::Unsafe,
                vec![Edit::insert(start, "《"), Edit::insert(end, "》")],
            );
            out.push(
                self.emit
                    .at(span, &[("title", title)])
                    .with_help(format!("改为“《{title}》”"))
                    .with_fix(fix),
            );
        }
    }
}

impl DocumentTitleQuotes {
    /// The end of a title whose `关于` ends at `from`: after `的<kind>` and an
    /// optional `（试行）`, when what follows ends a title. `None` when the
    /// clause ends first or the kind word is part of a longer word.
    fn title_end(&self, text: &str, from: usize, line_end: usize) -> Option<usize> {
        let mut depth = 0i32;
        for (n, (k, c)) in text[from..line_end].char_indices().enumerate() {
            if n >= self.max_chars {
                return None;
            }
            let i = from + k;
            match c {
                '《' | '“' | '〈' | '‘' => depth += 1,
                '》' | '”' | '〉' | '’' => depth -= 1,
                '，' | '。' | '；' | '：' | '！' | '？' | ',' | ';' | '!' | '?' if depth <= 0 =>
                {
                    return None;
                }
                '的' if depth == 0 => {
                    let mut after = i + '的'.len_utf8();
                    if let Some(m) = MODIFIERS
                        .iter()
                        .find(|m| text[after..line_end].starts_with(**m))
                    {
                        after += m.len();
                    }
                    let Some(kind) = KINDS
                        .iter()
                        .find(|k| text[after..line_end].starts_with(**k))
                    else {
                        continue;
                    };
                    // At least two characters of subject between 关于 and 的.
                    if text[from..i].chars().filter(|c| is_han(*c)).count() < 2 {
                        return None;
                    }
                    let mut end = after + kind.len();
                    for tag in ["（试行）", "（暂行）", "（修订）", "（修订版）"] {
                        if text[end..line_end].starts_with(tag) {
                            end += tag.len();
                        }
                    }
                    let tail = &text[end..line_end];
                    if tail.starts_with('的') {
                        // `关于…的意见的通知`: the title goes on.
                        continue;
                    }
                    return match tail.chars().next() {
                        None => Some(end),
                        Some('（' | '(') => {
                            // `的意见（草案）`, `的决定(征求意见稿)`: drafts.
                            let close = tail.find(['）', ')']).unwrap_or(tail.len());
                            let note = &tail[..close];
                            (!note.contains('稿') && !note.contains("草案")).then_some(end)
                        }
                        Some(c) if !is_han(c) => Some(end),
                        Some(_) => {
                            if BLOCKERS.iter().any(|b| tail.starts_with(b)) {
                                None
                            } else {
                                CONTINUATIONS
                                    .iter()
                                    .any(|w| tail.starts_with(w))
                                    .then_some(end)
                            }
                        }
                    };
                }
                _ => {}
            }
        }
        None
    }
}

/// Whether `before` (a line up to a position) leaves 《…》, “…” or 〈…〉 open.
fn inside_marks(before: &str) -> bool {
    let mut book = 0i32;
    let mut quote = 0i32;
    for c in before.chars() {
        match c {
            '《' | '〈' => book += 1,
            '》' | '〉' => book -= 1,
            '“' => quote += 1,
            '”' => quote -= 1,
            '\u{ab}' | '「' | '『' => quote += 1,
            '\u{bb}' | '」' | '』' => quote -= 1,
            _ => {}
        }
    }
    book > 0 || quote > 0
}

/// The start of the title whose `关于` is at `at`: the issuer's start or
/// `关于` itself, when a trigger (a verb or a title in 《》 and a conjunction)
/// stands before it. `None` when no trigger does or the issuer is generic.
fn title_start(text: &str, line_start: usize, at: usize) -> Option<usize> {
    // The clause before 关于: back to the last clause mark, at most 40 chars.
    let before = &text[line_start..at];
    let mut cs = before.len();
    for (n, (k, c)) in before.char_indices().rev().enumerate() {
        if n >= 40 || matches!(c, '，' | '。' | '；' | '：' | '！' | '？' | ',' | ';' | ':') {
            break;
        }
        cs = k;
    }
    let clause = &before[cs..];
    // Candidate trigger ends: after each verb, and after 》 + conjunction.
    let mut best: Option<usize> = None;
    for verb in VERBS {
        for (k, _) in clause.match_indices(verb) {
            let e = k + verb.len();
            if best.is_none_or(|b| e > b) {
                best = Some(e);
            }
        }
    }
    for conj in CONJUNCTIONS {
        for (k, _) in clause.match_indices(conj) {
            if clause[..k].ends_with('》') {
                let e = k + conj.len();
                if best.is_none_or(|b| e > b) {
                    best = Some(e);
                }
            }
        }
    }
    let trigger_end = best?;
    let mut mid = &clause[trigger_end..];
    let mut offset = trigger_end;
    for filler in ["了", "由"] {
        if let Some(m) = mid.strip_prefix(filler) {
            offset += filler.len();
            mid = m;
        }
    }
    let start = line_start + cs + offset;
    if mid.is_empty() || is_issuer(mid) {
        return Some(start);
    }
    // `根据宪法和全国人大常委会关于…的决定`: the title starts after the
    // conjunction when what follows it is an issuer.
    let (k, conj) = ["以及", "和", "及", "与"]
        .iter()
        .filter_map(|c| mid.rfind(c).map(|k| (k, *c)))
        .max_by_key(|(k, _)| *k)?;
    let last = &mid[k + conj.len()..];
    (!last.is_empty() && is_issuer(last)).then_some(start + k + conj.len())
}

/// Whether `s` names the organization(s) that issued a document.
fn is_issuer(s: &str) -> bool {
    if SHORT_ISSUERS.contains(&s) {
        return true;
    }
    if GENERIC_PREFIXES.iter().any(|p| s.starts_with(p)) {
        return false;
    }
    // `中共中央办公厅 国务院办公厅`, `教育部、财政部`: every part an issuer.
    let parts: Vec<&str> = s
        .split(['、', ' ', '\u{3000}', '和', '与', '及'])
        .filter(|p| !p.is_empty())
        .collect();
    if parts.is_empty() {
        return false;
    }
    parts.iter().all(|p| is_one_issuer(p))
}

fn is_one_issuer(p: &str) -> bool {
    if !p.chars().all(is_han) {
        return false;
    }
    if SHORT_ISSUERS.contains(&p) {
        return true;
    }
    if GENERIC_ISSUERS.contains(&p) {
        return false;
    }
    let n = p.chars().count();
    // `教育部等四部门`: a real issuer list in a title.
    if let Some(head) = p.strip_suffix("部门") {
        return head.contains('等') && n >= 5;
    }
    n >= 3 && ISSUER_SUFFIXES.iter().any(|s| p.ends_with(s))
}
