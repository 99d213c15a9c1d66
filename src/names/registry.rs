//! The dated people registry: who held which title when.
//!
//! A registry is rule-set data. Any rule set may carry `[[person]]` tables
//! (next to its `[[rule]]` tables, or alone: an institution's roster), each
//! with dated `[[person.tenure]]` entries, and `[[title]]` tables that give a
//! title's other written forms:
//!
//! ```toml
//! [[person]]
//! name = "李强"
//! [[person.tenure]]
//! title = "国务院总理"
//! since = "2023-03-11"          # first day in office
//! # until = "…"                 # the successor's first day (exclusive); absent = still held
//! source = "第十四届全国人民代表大会第一次会议决定（2023年3月11日）"
//!
//! [[title]]
//! name = "国务院总理"
//! short = ["总理"]              # forms written right after a name: 李强总理
//! ```
//!
//! A tenure covers the days `since <= d < until`. The [`crate::engine::Linter`]
//! merges the people of every loaded rule set (built-in `rules/people.toml`
//! first, then the user's sets, in order) into one [`Registry`]: a person
//! declared again under the same name gains the later set's aliases and
//! tenures, so a user set can extend a built-in person. Persons first
//! declared in a built-in set are [`Person::builtin`]; the others come from
//! user rosters (rules tell them apart: national leaders' titles are errors,
//! a roster's are warnings).

use super::schema::{PersonDecl, TitleDecl};
use crate::source_error::SourceError;
use crate::span::Span;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use chrono::NaiveDate;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};
use toml::Spanned;

/// A title held over a period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tenure {
    /// The title's canonical name (see [`Title::name`]).
    pub title: String,
    /// First day in office; `None`: since before any document.
    pub since: Option<NaiveDate>,
    /// First day no longer in office (exclusive); `None`: still held.
    pub until: Option<NaiveDate>,
    /// The public record of the appointment.
    pub source: Option<String>,
    /// A free-text note from the rule set.
    pub note: Option<String>,
}

impl Tenure {
    /// Whether the tenure covers `date`.
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.since.is_none_or(|s| s <= date) && self.until.is_none_or(|u| date < u)
    }

    /// `2013-03-15 至 2023-03-11`, `2023-03-11 起`.
    pub fn period(&self) -> String {
        match (self.since, self.until) {
            (Some(s), Some(u)) => format!("{s} 至 {u}"),
            (Some(s), None) => format!("{s} 起"),
            (None, Some(u)) => format!("至 {u}"),
            (None, None) => "（无期限）".to_string(),
        }
    }
}

/// A person of the registry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    /// The canonical written name.
    pub name: String,
    /// Other written forms that are right.
    pub aliases: Vec<String>,
    /// The titles the person held, in declaration order.
    pub tenures: Vec<Tenure>,
    /// First declared in a built-in rule set (national leaders), not a user roster.
    pub builtin: bool,
    /// The rule set that first declared the person.
    pub origin: String,
    /// A free-text note from the rule set.
    pub note: Option<String>,
}

impl Person {
    /// Whether the person held `title` on `date`.
    pub fn holds(&self, title: &str, date: NaiveDate) -> bool {
        self.tenures
            .iter()
            .any(|t| t.title == title && t.covers(date))
    }

    /// The person's tenures of `title`, in declaration order.
    pub fn tenures_of<'a>(&'a self, title: &'a str) -> impl Iterator<Item = &'a Tenure> + 'a {
        self.tenures.iter().filter(move |t| t.title == title)
    }

    /// Whether the person ever held `title`.
    pub fn ever_held(&self, title: &str) -> bool {
        self.tenures_of(title).next().is_some()
    }

    /// The first day the registry follows the person's career: the earliest
    /// `since` of their tenures (`None`: one tenure is open-ended into the
    /// past). Before it, the registry does not know what they held.
    pub fn recorded_since(&self) -> Option<NaiveDate> {
        self.tenures
            .iter()
            .map(|t| t.since)
            .collect::<Option<Vec<_>>>()
            .and_then(|v| v.into_iter().min())
    }

    /// The name and its aliases.
    pub fn forms(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

/// A title and its written forms.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Title {
    /// The title as tenures name it.
    pub name: String,
    /// Other full forms.
    pub aliases: Vec<String>,
    /// Short forms, recognized only right after a registry name (`李强总理`).
    pub short: Vec<String>,
    /// Qualifiers naming the institution the title belongs to (`学校`, `西京大学`).
    pub org: Vec<String>,
}

/// The people and titles of one rule set, as parsed.
#[derive(Clone, Debug, Default)]
pub struct RegistryData {
    /// The `[[person]]` tables, in file order.
    pub persons: Vec<Person>,
    /// The `[[title]]` tables, in file order.
    pub titles: Vec<Title>,
}

/// People and titles merged from every loaded rule set.
#[derive(Debug, Default)]
pub struct Registry {
    persons: Vec<Person>,
    /// Name or alias → person.
    by_form: HashMap<String, usize>,
    titles: Vec<Title>,
    by_title: HashMap<String, usize>,
    finder: OnceLock<MentionFinder>,
}

impl Registry {
    /// Merge the registry data of rule sets, in order.
    pub fn new<'a>(data: impl IntoIterator<Item = (&'a RegistryData, bool)>) -> Registry {
        let mut r = Registry::default();
        for (d, builtin) in data {
            for t in &d.titles {
                let i = r.title_index(&t.name);
                let title = &mut r.titles[i];
                for (into, from) in [
                    (&mut title.aliases, &t.aliases),
                    (&mut title.short, &t.short),
                    (&mut title.org, &t.org),
                ] {
                    for f in from {
                        if !into.contains(f) {
                            into.push(f.clone());
                        }
                    }
                }
            }
            for p in &d.persons {
                for t in &p.tenures {
                    r.title_index(&t.title);
                }
                match r.by_form.get(&p.name) {
                    Some(&i) => {
                        let q = &mut r.persons[i];
                        for a in &p.aliases {
                            if !q.aliases.contains(a) {
                                q.aliases.push(a.clone());
                            }
                        }
                        q.tenures.extend(p.tenures.iter().cloned());
                        for a in &p.aliases {
                            r.by_form.entry(a.clone()).or_insert(i);
                        }
                    }
                    None => {
                        let i = r.persons.len();
                        let mut p = p.clone();
                        p.builtin = builtin;
                        for f in p.forms() {
                            r.by_form.entry(f.to_string()).or_insert(i);
                        }
                        r.persons.push(p);
                    }
                }
            }
        }
        r
    }

    fn title_index(&mut self, name: &str) -> usize {
        if let Some(&i) = self.by_title.get(name) {
            return i;
        }
        self.titles.push(Title {
            name: name.to_string(),
            ..Title::default()
        });
        self.by_title
            .insert(name.to_string(), self.titles.len() - 1);
        self.titles.len() - 1
    }

    /// Whether the registry holds no person (titles alone do not count).
    pub fn is_empty(&self) -> bool {
        self.persons.is_empty()
    }

    /// Every person, in first-declaration order.
    pub fn persons(&self) -> &[Person] {
        &self.persons
    }

    /// Every title, declared or named by a tenure, in first-seen order.
    pub fn titles(&self) -> &[Title] {
        &self.titles
    }

    /// The person written `name` (canonical name or alias).
    pub fn person(&self, name: &str) -> Option<&Person> {
        self.by_form.get(name).map(|&i| &self.persons[i])
    }

    /// The title whose canonical name is `name` (aliases and short forms are not looked up).
    pub fn title(&self, name: &str) -> Option<&Title> {
        self.by_title.get(name).map(|&i| &self.titles[i])
    }

    /// Who held `title` on `date`.
    pub fn holders(&self, title: &str, date: NaiveDate) -> Vec<&Person> {
        self.persons
            .iter()
            .filter(|p| p.holds(title, date))
            .collect()
    }

    /// Everyone who ever held `title`.
    pub fn ever_held(&self, title: &str) -> Vec<&Person> {
        self.persons.iter().filter(|p| p.ever_held(title)).collect()
    }

    /// The compiled matcher of names and titles (built on first use).
    pub fn finder(&self) -> &MentionFinder {
        self.finder.get_or_init(|| MentionFinder::new(self))
    }
}

/// A shared, immutable registry.
pub type SharedRegistry = Arc<Registry>;

// ---------------------------------------------------------------- parsing

fn parse_date(
    d: &Option<Spanned<String>>,
    err: &dyn Fn(std::ops::Range<usize>, String, &str) -> SourceError,
) -> Result<Option<NaiveDate>, SourceError> {
    d.as_ref()
        .map(|d| {
            NaiveDate::parse_from_str(d.get_ref(), "%Y-%m-%d").map_err(|_| {
                err(
                    d.span(),
                    format!("日期 `{}` 无效，应为 YYYY-MM-DD", d.get_ref()),
                    "无效日期",
                )
            })
        })
        .transpose()
}

/// Validate the `[[person]]` and `[[title]]` tables of a rule set.
pub(crate) fn parse(
    origin: &str,
    source: &Arc<str>,
    persons: Vec<Spanned<PersonDecl>>,
    titles: Vec<Spanned<TitleDecl>>,
) -> Result<RegistryData, SourceError> {
    let err = |span: std::ops::Range<usize>, msg: String, label: &str| {
        SourceError::new(origin, source, Some(span), msg, label)
    };
    let nonblank = |s: &Spanned<String>, what: &str| -> Result<String, SourceError> {
        let v = s.get_ref().trim();
        if v.is_empty() || v.chars().any(char::is_whitespace) {
            return Err(err(
                s.span(),
                format!("{what}不能为空，也不能含空白"),
                "无效",
            ));
        }
        Ok(v.to_string())
    };
    let mut data = RegistryData::default();
    let mut seen: HashMap<String, ()> = HashMap::new();
    for p in persons {
        let p_span = p.span();
        let p = p.into_inner();
        let name = nonblank(&p.name, "人名")?;
        if seen.insert(name.clone(), ()).is_some() {
            return Err(err(
                p.name.span(),
                format!(
                    "人员 `{name}` 在本规则集中重复出现；同一人的多项任职写在一个 [[person]] 的多个 [[person.tenure]] 中"
                ),
                "重复的人名",
            ));
        }
        let mut aliases = Vec::new();
        for a in &p.aliases {
            let a = nonblank(a, "别名")?;
            if a != name && !aliases.contains(&a) {
                aliases.push(a);
            }
        }
        if p.tenure.is_empty() {
            return Err(err(
                p_span,
                format!("人员 `{name}` 没有任职记录（[[person.tenure]]）"),
                "缺少任职",
            ));
        }
        let mut tenures = Vec::new();
        for t in &p.tenure {
            let t_span = t.span();
            let t = t.get_ref();
            let title = nonblank(&t.title, "职务")?;
            let since = parse_date(&t.since, &err)?;
            let until = parse_date(&t.until, &err)?;
            if let (Some(s), Some(u)) = (since, until)
                && s >= u
            {
                return Err(err(
                    t_span,
                    format!("`{name}` 的任职“{title}”起始日期 {s} 不早于结束日期 {u}"),
                    "日期顺序错误",
                ));
            }
            tenures.push(Tenure {
                title,
                since,
                until,
                source: t.source.clone(),
                note: t.note.clone(),
            });
        }
        data.persons.push(Person {
            name,
            aliases,
            tenures,
            builtin: false,
            origin: origin.to_string(),
            note: p.note.clone(),
        });
    }
    for t in titles {
        let t = t.into_inner();
        let name = nonblank(&t.name, "职务")?;
        let clean = |v: &[String]| -> Vec<String> {
            v.iter()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect()
        };
        data.titles.push(Title {
            name,
            aliases: clean(&t.aliases),
            short: clean(&t.short),
            org: clean(&t.org),
        });
    }
    Ok(data)
}

// ---------------------------------------------------------------- mentions

/// A title written next to a registry name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TitleUse {
    /// The title as written, as a byte range of the searched text.
    pub span: Span,
    /// Indexes into [`Registry::titles`]: one for a full form, possibly
    /// several for a short form (`主席`).
    pub titles: Vec<usize>,
    /// Written in a short form (`总理`), not a full one (`国务院总理`).
    pub short: bool,
}

/// A registry name with the titles written right next to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// Index into [`Registry::persons`].
    pub person: usize,
    /// The name as written, as a byte range of the searched text.
    pub name: Span,
    /// The title chain before the name (`中共中央总书记、国家主席、中央军委主席`), in order.
    pub before: Vec<TitleUse>,
    /// A title right after the name (`习近平总书记`).
    pub after: Option<TitleUse>,
}

impl Mention {
    /// From the first title to the end of the name (or of the title after it).
    pub fn span(&self) -> Span {
        let start = self
            .before
            .first()
            .map_or(self.name.start, |t| t.span.start);
        let end = self.after.as_ref().map_or(self.name.end, |t| t.span.end);
        Span::new(start, end)
    }

    /// The titles before the name, in order, then the one after it.
    pub fn titles(&self) -> impl Iterator<Item = &TitleUse> {
        self.before.iter().chain(self.after.iter())
    }
}

/// What a title form stands for.
#[derive(Clone, Debug)]
struct TitleForm {
    titles: Vec<usize>,
    short: bool,
}

/// Aho-Corasick automata over the registry's names and title forms.
#[derive(Debug)]
pub struct MentionFinder {
    names: Option<AhoCorasick>,
    name_of: Vec<usize>,
    titles: Option<AhoCorasick>,
    forms: Vec<TitleForm>,
}

/// Characters that end an institution's name: a title right after one of
/// them belongs to that institution (`计算机学院党委书记`).
const ORG_SUFFIX: &[char] = &[
    '院', '系', '部', '处', '所', '心', '委', '局', '厅', '办', '室', '馆', '校', '司', '团', '市',
    '省', '县', '区', '镇', '乡', '村', '支', '组', '队', '会', '站', '科', '行', '社', '厂', '园',
    '司', '署', '庭', '军', '州', '盟', '旗', '营', '连', '排', '班', '所', '局',
];

/// What may be written right before a title and change which title it is
/// (`副校长` is not `校长`, `代理校长` neither).
const TITLE_PREFIX: &[char] = &['副', '代', '常', '总'];

/// Characters that make a short title after a name part of a longer word (`主席团`, `主席台`).
const SHORT_TITLE_CONT: &[char] = &['团', '台', '处', '府', '令', '职'];

impl MentionFinder {
    fn new(reg: &Registry) -> MentionFinder {
        let mut name_forms: Vec<String> = Vec::new();
        let mut name_of = Vec::new();
        for (i, p) in reg.persons.iter().enumerate() {
            for f in p.forms() {
                if !name_forms.iter().any(|x| x == f) {
                    name_forms.push(f.to_string());
                    name_of.push(i);
                }
            }
        }
        let mut forms: Vec<(String, TitleForm)> = Vec::new();
        let mut add = |form: &str, title: usize, short: bool| {
            match forms.iter_mut().find(|(f, _)| f == form) {
                Some((_, tf)) => {
                    // A full form wins over a short one with the same text.
                    if tf.short && !short {
                        *tf = TitleForm {
                            titles: vec![title],
                            short,
                        };
                    } else if tf.short == short && !tf.titles.contains(&title) {
                        tf.titles.push(title);
                    }
                }
                None => forms.push((
                    form.to_string(),
                    TitleForm {
                        titles: vec![title],
                        short,
                    },
                )),
            }
        };
        for (i, t) in reg.titles.iter().enumerate() {
            add(&t.name, i, false);
            for a in &t.aliases {
                add(a, i, false);
            }
            for s in &t.short {
                add(s, i, true);
            }
        }
        let build = |pats: Vec<&str>| {
            (!pats.is_empty()).then(|| {
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(pats)
                    .expect("registry automaton")
            })
        };
        MentionFinder {
            names: build(name_forms.iter().map(String::as_str).collect()),
            name_of,
            titles: build(forms.iter().map(|(f, _)| f.as_str()).collect()),
            forms: forms.into_iter().map(|(_, f)| f).collect(),
        }
    }

    /// Every title form in `text` (leftmost-longest), as `(span, form index)`.
    fn title_matches(&self, text: &str) -> Vec<(Span, usize)> {
        let Some(ac) = &self.titles else {
            return Vec::new();
        };
        ac.find_iter(text)
            .map(|m| (Span::new(m.start(), m.end()), m.pattern().as_usize()))
            .collect()
    }

    /// Every registry name in `text` with the titles written next to it.
    /// Names without a title next to them are reported too (empty `before`,
    /// no `after`).
    pub fn mentions(&self, reg: &Registry, text: &str) -> Vec<Mention> {
        let Some(names) = &self.names else {
            return Vec::new();
        };
        let mut found: Vec<(Span, usize)> = names
            .find_iter(text)
            .map(|m| {
                (
                    Span::new(m.start(), m.end()),
                    self.name_of[m.pattern().as_usize()],
                )
            })
            .collect();
        if found.is_empty() {
            return Vec::new();
        }
        let titles = self.title_matches(text);
        let by_end: HashMap<usize, usize> = titles
            .iter()
            .enumerate()
            .map(|(i, (s, _))| (s.end, i))
            .collect();
        let by_start: HashMap<usize, usize> = titles
            .iter()
            .enumerate()
            .map(|(i, (s, _))| (s.start, i))
            .collect();
        let use_of = |i: usize| -> Option<TitleUse> {
            let (span, form) = titles[i];
            let f = &self.forms[form];
            // `副校长` is not `校长`: a prefix that changes the title.
            if text[..span.start]
                .chars()
                .next_back()
                .is_some_and(|c| TITLE_PREFIX.contains(&c))
            {
                return None;
            }
            if !f.short && !qualifier_fits(reg, &f.titles, text, span.start) {
                return None;
            }
            Some(TitleUse {
                span,
                titles: f.titles.clone(),
                short: f.short,
            })
        };
        let mut out = Vec::with_capacity(found.len());
        for (name, person) in found.drain(..) {
            let mut before: Vec<TitleUse> = Vec::new();
            let mut cur = name.start;
            while let Some(&i) = by_end.get(&cur) {
                // Short forms only after a name: before one they are too often
                // part of a longer title (`大会主席团常务主席`, `全国政协副主席`).
                let Some(u) = use_of(i).filter(|u| !u.short) else {
                    break;
                };
                cur = u.span.start;
                before.insert(0, u);
                match text[..cur].strip_suffix('、') {
                    Some(rest) if by_end.contains_key(&rest.len()) => cur = rest.len(),
                    _ => break,
                }
            }
            let after = by_start.get(&name.end).and_then(|&i| {
                let u = use_of(i)?;
                let next = text[u.span.end..].chars().next();
                if u.short && next.is_some_and(|c| SHORT_TITLE_CONT.contains(&c)) {
                    return None;
                }
                Some(u)
            });
            out.push(Mention {
                person,
                name,
                before,
                after,
            });
        }
        out
    }
}

/// Whether the text before a full title at `start` fits the title: the
/// title's own institution qualifiers (`学校党委书记`) fit, another
/// institution's name (`计算机学院党委书记`) does not, nothing does.
fn qualifier_fits(reg: &Registry, titles: &[usize], text: &str, start: usize) -> bool {
    let before = &text[..start];
    let mut orgs = titles.iter().flat_map(|&t| reg.titles[t].org.iter());
    if orgs.any(|o| before.ends_with(o.as_str())) {
        return true;
    }
    !before
        .chars()
        .next_back()
        .is_some_and(|c| ORG_SUFFIX.contains(&c))
}
