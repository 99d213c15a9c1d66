//! 用书名号标示非作品名称：会议、机构、仪式、活动
//!
//! ## 检查什么
//! 报告内容显然不是作品名称的书名号：
//! - 有届次的会议：`《中国共产党第二十次全国代表大会》`、`《十九届六中全会》`、`《第三次全体会议》`；
//! - 组织或机构：`《西安交通大学》`、`《XX市人民政府》`、`《XX学院党委》`、`《XX有限公司》`、`《XX纪念馆》`（场馆是地点）；
//! - 以通称结尾的仪式或会议：`《开学典礼》`、`《毕业典礼》`、`《升旗仪式》`、`《专题座谈会》`、`《主题党日活动》`；
//! - 紧挨在`主题党日活动`、`主题活动`、`系列活动`之前、用书名号括起的活动口号：`《学习二十大》主题党日活动`（口号应加引号：`“学习二十大”主题党日活动`）。
//!
//! 视情况建议去掉书名号或改用引号。
//!
//! ## 不报告的情形
//! - 文艺节目、电视节目和作品，即使名称以活动类词语结尾，也属于作品：`《2024年春节联欢晚会》`、`《中国诗词大会》`、`《主持人大赛》`、`《…——…发布仪式》`、`《…——…主题活动》`（破折号、空格或`·`之后的副题表明这是一部作品的标题）；
//! - 展览、比赛、论坛和节庆（常常是节目或书籍）：`《复兴之路》展览`、`《论坛》`；
//! - 以地名或学校命名的作品：`《大学》`（一部经典；机构后缀之前至少须有两个字）；
//! - 活动类词语之前被该活动所用的作品：`《XX》读书分享活动`、`《义勇军进行曲》合唱活动`。
//!
//! ## 修复
//! 不提供修复：去掉书名号还是改用引号，由作者决定。
//!
//! ## 依据
//! GB/T 15834—2011第4.15条和附录A.13：书名号标示作品名称（书籍、篇章、文件、法律、报刊、节目、歌曲、影视、演出、展览等）；不能视为作品的名称，如课程、课题、奖项、证书、组织机构、会议、活动等，不用书名号。

// English original of the user documentation above (developer notes):
//
// 《》 around a name that is not a work: a meeting, an organization, a ceremony, an activity.
//
// ## What it does
// Flags a 书名号 pair whose content is plainly not the title of a work:
// - a numbered meeting: `《中国共产党第二十次全国代表大会》`,
//   `《十九届六中全会》`, `《第三次全体会议》`;
// - an organization or institution: `《西安交通大学》`, `《XX市人民政府》`,
//   `《XX学院党委》`, `《XX有限公司》`, `《XX纪念馆》` (venues are places);
// - a ceremony or a meeting by its generic head: `《开学典礼》`,
//   `《毕业典礼》`, `《升旗仪式》`, `《专题座谈会》`, `《主题党日活动》`;
// - an activity named by a slogan in 《》 right before `主题党日活动`,
//   `主题活动`, `系列活动`: `《学习二十大》主题党日活动` (the slogan takes
//   quotes: `“学习二十大”主题党日活动`).
//
// The suggestion is to drop the marks or use quotes, depending on the case.
//
// ## Why
// GB/T 15834—2011 4.15 and A.13: 书名号 marks titles of works (books,
// articles, documents, laws, newspapers, programs, songs, films, shows,
// exhibitions); names that cannot be regarded as works — courses, topics,
// prizes, certificates, organizations, meetings, activities — take no
// 书名号.
//
// ## What it leaves alone
// - shows, programs and productions, which are works even when their
//   names end like events: `《2024年春节联欢晚会》`, `《中国诗词大会》`,
//   `《主持人大赛》`, `《…——…发布仪式》`, `《…——…主题活动》` (a subtitle
//   after a dash, a space or `·` marks a production title);
// - exhibitions, competitions, forums and festivals (often programs or
//   books): `《复兴之路》展览`, `《论坛》`;
// - works named after places or schools: `《大学》` (a classic; at least
//   two characters must precede the organization suffix);
// - a work before an activity word that uses it: `《XX》读书分享活动`,
//   `《义勇军进行曲》合唱活动`.
//
// ## Fix safety
// None: whether to drop the marks or use quotes is the writer's call.

use crate::rule::message::Emitter;
use crate::rule::{CheckContext, Checker, Finding};
use crate::rules::NativeArgs;
use crate::span::Span;
use crate::text::chars::is_han;

pub fn build(args: &NativeArgs<'_>) -> Result<Box<dyn Checker>, String> {
    args.no_params()?;
    Ok(Box::new(NonWorkInTitleMarks {
        emit: args.emitter(),
    }))
}

struct NonWorkInTitleMarks {
    emit: Emitter,
}

/// Suffixes of organization names.
const ORGANIZATIONS: &[&str] = &[
    "大学",
    "学院",
    "中学",
    "小学",
    "学校",
    "幼儿园",
    "委员会",
    "人民政府",
    "党委",
    "党组",
    "党支部",
    "党总支",
    "有限公司",
    "股份公司",
    "集团公司",
    "集团",
    "医院",
    "研究院",
    "研究所",
    "协会",
    "联合会",
    "办公室",
    "办公厅",
    "展览馆",
    "纪念馆",
    "博物馆",
    "图书馆",
    "科技馆",
];

/// Generic heads of meetings, ceremonies and activities.
const EVENTS: &[&str] = &[
    "开学典礼",
    "毕业典礼",
    "入学典礼",
    "升旗仪式",
    "宣誓仪式",
    "开幕式",
    "闭幕式",
    "座谈会",
    "研讨会",
    "推进会",
    "动员会",
    "动员大会",
    "培训班",
    "工作会议",
    "专题会议",
    "全体会议",
    "常委会议",
    "主题党日",
    "主题党日活动",
    "主题活动",
    "系列活动",
    "实践活动",
    "志愿服务活动",
    "党课",
];

/// Activity words after `《X》` that mark `X` as a slogan.
const SLOGAN_HEADS: &[&str] = &[
    "主题党日活动",
    "主题党日",
    "主题活动",
    "系列活动",
    "主题教育活动",
];

#[derive(Clone, Copy)]
enum Kind {
    Meeting,
    Organization,
    Event,
    Slogan,
}

impl Kind {
    fn describe(self) -> &'static str {
        match self {
            Kind::Meeting => "会议名称",
            Kind::Organization => "机构名称",
            Kind::Event => "会议或活动名称",
            Kind::Slogan => "活动主题",
        }
    }
    fn help(self) -> &'static str {
        match self {
            Kind::Slogan => "活动主题用引号：“…”",
            _ => "去掉书名号；需要突出时可用引号",
        }
    }
}

/// Whether `s` is a numbered meeting: `第…次…大会/会议/全会`, `…届…中全会`.
fn is_numbered_meeting(s: &str) -> bool {
    let ends = ["代表大会", "会议", "全会", "全体会议", "大会"];
    if !ends.iter().any(|e| s.ends_with(e)) {
        return false;
    }
    if s.ends_with("中全会") && s.contains('届') {
        return true;
    }
    // 第 + numeral + 次
    for (k, c) in s.char_indices() {
        if c != '第' {
            continue;
        }
        let rest = &s[k + c.len_utf8()..];
        let num: String = rest
            .chars()
            .take_while(|c| c.is_ascii_digit() || "一二三四五六七八九十百零〇两".contains(*c))
            .collect();
        if !num.is_empty() && rest[num.len()..].starts_with('次') {
            return true;
        }
    }
    false
}

fn classify(inner: &str) -> Option<Kind> {
    let n = inner.chars().count();
    // A subtitle or a clause separator makes a production title.
    if !(2..=30).contains(&n) || !inner.chars().all(|c| is_han(c) || c.is_ascii_digit()) {
        return None;
    }
    if is_numbered_meeting(inner) {
        return Some(Kind::Meeting);
    }
    if let Some(suffix) = ORGANIZATIONS.iter().find(|s| inner.ends_with(**s)) {
        let head = n - suffix.chars().count();
        if head >= 2 && n <= 20 {
            return Some(Kind::Organization);
        }
    }
    if EVENTS.iter().any(|s| inner.ends_with(s)) {
        return Some(Kind::Event);
    }
    None
}

impl Checker for NonWorkInTitleMarks {
    fn check(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let text = ctx.text();
        let open = memchr::memmem::Finder::new("《".as_bytes());
        for s in open.find_iter(text.as_bytes()) {
            let body = s + "《".len();
            let Some(len) = text[body..]
                .char_indices()
                .take(40)
                .find(|(_, c)| matches!(c, '》' | '《' | '\n'))
                .filter(|(_, c)| *c == '》')
                .map(|(k, _)| k)
            else {
                continue;
            };
            let inner = &text[body..body + len];
            let end = body + len + "》".len();
            let kind = classify(inner).or_else(|| {
                SLOGAN_HEADS
                    .iter()
                    .any(|h| text[end..].starts_with(h))
                    .then_some(Kind::Slogan)
                    .filter(|_| inner.chars().count() <= 20)
            });
            let Some(kind) = kind else {
                continue;
            };
            let span = Span::new(s, end);
            let message = self
                .emit
                .message(&[("name", inner), ("what", kind.describe())]);
            out.push(Finding::new(self.emit.rule, span, message).with_help(kind.help()));
        }
    }
}
