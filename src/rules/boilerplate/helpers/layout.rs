//! The layout of a scraped page: where the article is, and which lines
//! around it are site chrome.
//!
//! Web pages copied as text keep their navigation, breadcrumbs, share
//! buttons, related-article lists and footers. No single cue decides: the
//! word 无障碍 is chrome in a footer link list and content in an article about
//! accessible services. So every line gets several signals — its length, its
//! sentence punctuation, separators (`|` `>` `_`), strong signal patterns
//! (版权所有, ICP备, 浏览次数：…), weak signal words (首页, 微信公众号, 打印 …),
//! metadata labels — and the decision uses its *position* too:
//!
//! 1. The **body** is the run of prose lines (long, with sentence
//!    punctuation, no strong signal) with the most text; short lines in it
//!    (subheads, captions) are allowed in gaps of a few lines.
//! 2. The **leading block** is everything before the body, the **trailing
//!    block** everything after it. Chrome lives there: a line there is chrome
//!    when it carries evidence (a signal, separators, or a short line next to
//!    other chrome), unless it is the title, a copy of the title, or
//!    metadata (date, source, author, byline). In the trailing block, once a
//!    chrome line is seen, what follows is chrome too (related lists and
//!    footers run to the end), bylines excepted.
//! 3. Inside the body only lines with a strong signal and no prose shape are
//!    chrome (a stray 【打印】【关闭】 or a view counter between paragraphs).

use super::canonical::strip_title_label;
use super::statute::is_heading;
use crate::rule::params::param_strings;
use crate::rule::params::param_usize;
use crate::text::compare::{Line, is_blank, lines};
use aho_corasick::AhoCorasick;
use regex::{Regex, RegexSet};
/// Parameters of the chrome analysis (from `boilerplate/site-chrome` params).
pub struct ChromeParams {
    strong: RegexSet,
    /// The formulas that make a sentence chrome (`statement-patterns`; the
    /// strong patterns when not given).
    statements: Option<RegexSet>,
    weak: Option<AhoCorasick>,
    sections: Option<AhoCorasick>,
    meta: Regex,
    /// A metadata line whose first field is glued to its label: a date
    /// (`2021-06-08阅读次数：235`) or an unlabelled office
    /// (`党委宣传部发布时间：2021-06-08`).
    meta_glued: Regex,
    meta_label_only: Regex,
    counter_label_only: Regex,
    /// The last characters of the counter labels: a line ending with a
    /// counter label ends with one of them (before a colon). `None` when a
    /// label is empty.
    counter_ends: Option<Vec<char>>,
    /// How the name of a site's column ends (`学院新闻`, `工作动态`).
    column_suffixes: Vec<String>,
    pub short_max_chars: usize,
    pub prose_min_chars: usize,
    pub max_gap_lines: usize,
}

impl ChromeParams {
    /// Whether `text`, a sentence, states a chrome formula (a copyright, a
    /// disclaimer, a filing number) in its own words.
    pub fn is_chrome_statement(&self, text: &str) -> bool {
        self.statements
            .as_ref()
            .unwrap_or(&self.strong)
            .is_match(text)
    }
}

pub const CHROME_PARAMS: &[&str] = &[
    "strong-patterns",
    "statement-patterns",
    "weak-words",
    "section-headers",
    "meta-labels",
    "counter-labels",
    "column-suffixes",
    "short-max-chars",
    "prose-min-chars",
    "max-gap-lines",
];

fn strings(params: &toml::Table, key: &str) -> Result<Vec<String>, String> {
    param_strings(params, key)?.ok_or_else(|| format!("缺少参数 `{key}`"))
}

fn alternation(words: &[String]) -> String {
    let mut words: Vec<&String> = words.iter().collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    words
        .iter()
        .map(|w| regex::escape(w))
        .collect::<Vec<_>>()
        .join("|")
}

fn automaton(words: &[String]) -> Result<Option<AhoCorasick>, String> {
    if words.is_empty() {
        return Ok(None);
    }
    AhoCorasick::new(words)
        .map(Some)
        .map_err(|e| format!("词表无法编译：{e}"))
}

impl ChromeParams {
    pub fn from_params(params: &toml::Table) -> Result<ChromeParams, String> {
        let strong = RegexSet::new(strings(params, "strong-patterns")?)
            .map_err(|e| format!("参数 `strong-patterns` 中的正则表达式无效：{e}"))?;
        let statements = match param_strings(params, "statement-patterns")? {
            Some(patterns) => Some(
                RegexSet::new(patterns)
                    .map_err(|e| format!("参数 `statement-patterns` 中的正则表达式无效：{e}"))?,
            ),
            None => None,
        };
        let labels = strings(params, "meta-labels")?;
        let counters = strings(params, "counter-labels")?;
        if labels.is_empty() || counters.is_empty() {
            return Err("`meta-labels` 与 `counter-labels` 不能为空".into());
        }
        let counter_ends = counters.iter().map(|c| c.chars().last()).collect();
        let labels = alternation(&labels);
        let counters = alternation(&counters);
        let re = |s: String| Regex::new(&s).map_err(|e| format!("标签正则无法编译：{e}"));
        Ok(ChromeParams {
            strong,
            statements,
            weak: automaton(&strings(params, "weak-words")?)?,
            sections: automaton(&strings(params, "section-headers")?)?,
            // A label with a colon (or the `文/` `图/` byline slash) at the start
            // of the line or after a space or an opening bracket.
            meta: re(format!(
                r"(?:^|[\s(（【\[|丨])(?:{labels})\s*(?:[:：]|/[^/\s])"
            ))?,
            meta_glued: re(format!(
                r"^(?:\d{{4}}\s*[-/.年]\s*\d{{1,2}}\s*[-/.月]\s*\d{{1,2}}日?(?:\s*\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?\s*(?:{labels}|{counters})\s*[:：]|\p{{Han}}{{2,12}}(?:发布|发表|更新)(?:时间|日期)\s*[:：]\s*\d)"
            ))?,
            meta_label_only: re(format!(r"(?:{labels})\s*[:：]\s*$"))?,
            counter_label_only: re(format!(r"(?:{counters})\s*[:：]?\s*$"))?,
            counter_ends,
            column_suffixes: param_strings(params, "column-suffixes")?.unwrap_or_default(),
            short_max_chars: param_usize(params, "short-max-chars")?.unwrap_or(16),
            prose_min_chars: param_usize(params, "prose-min-chars")?.unwrap_or(30),
            max_gap_lines: param_usize(params, "max-gap-lines")?.unwrap_or(3),
        })
    }
}

/// What one non-blank line looks like.
#[derive(Clone, Debug, Default)]
pub struct LineFacts {
    /// Visible characters (whitespace excluded).
    pub chars: usize,
    /// Han characters.
    pub han: usize,
    /// Sentence punctuation (。！？；，and ASCII twins between Han).
    pub sentence_marks: usize,
    /// Strong signals: 1 when a strong pattern matches, plus one when the
    /// line is the value of a counter label.
    pub strong: usize,
    /// How many weak signal words occur.
    pub weak: usize,
    /// Navigation separators (`|` `丨` `>` `»` `_` `/` between items).
    pub separators: usize,
    /// A related-articles or similar section header (相关新闻, 推荐阅读 …).
    pub section: bool,
    /// A metadata line (date, source, author, byline).
    pub meta: bool,
    /// Ends with a metadata label and its colon: the next line is its value.
    pub meta_label_only: bool,
    /// Ends with a view-counter label: the next line is the count.
    pub counter_label_only: bool,
    /// Consists of digits (and date/time punctuation) only.
    pub numeric: bool,
}

impl LineFacts {
    /// A short line with nothing else to say about it (a deck, an author name).
    pub fn evidence_free_short(&self) -> bool {
        self.strong == 0 && self.weak == 0 && self.separators == 0 && self.chars <= 40
    }

    pub fn is_short(&self, p: &ChromeParams) -> bool {
        self.chars <= p.short_max_chars && self.sentence_marks == 0
    }
    pub fn is_prose(&self, p: &ChromeParams) -> bool {
        self.strong == 0
            && !self.section
            && self.han * 2 >= self.chars
            && ((self.chars >= p.prose_min_chars && self.sentence_marks >= 1)
                || self.chars >= p.prose_min_chars * 3)
    }
    /// Evidence of chrome that does not depend on neighbours.
    pub fn evidence(&self, p: &ChromeParams) -> bool {
        self.strong > 0
            || self.section
            || (self.separators >= 2 && self.sentence_marks <= 1)
            || (self.separators >= 1 && self.is_short(p))
            || (self.weak >= 1 && self.is_short(p))
            || (self.weak >= 2 && self.chars <= p.prose_min_chars * 2 && self.sentence_marks <= 1)
            || self.numeric && self.chars <= 12
            || (self.chars <= 2 && self.han < 2)
            || (self.han == 0 && self.chars <= 40)
    }
}

/// Where a line sits relative to the article body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Region {
    Leading,
    Body,
    Trailing,
}

/// The analysis of a document.
pub struct Layout {
    /// Every line of the text (blank ones too).
    pub lines: Vec<Line>,
    /// Facts per line (default for blank lines).
    pub facts: Vec<LineFacts>,
    /// Indices (into `lines`) of the non-blank lines.
    pub nonblank: Vec<usize>,
    /// Line indices of the body, inclusive, if there is any prose.
    pub body: Option<(usize, usize)>,
    /// Line index of the title, if found.
    pub title: Option<usize>,
    /// Per line: chrome, and where.
    pub chrome: Vec<Option<Region>>,
    /// The normalized title text (the longer copy, for window titles).
    pub title_text: Option<String>,
}

/// The facts of one line, in one pass over its visible characters (a
/// character's neighbours are the visible characters around it).
fn facts(text: &str, p: &ChromeParams) -> LineFacts {
    use crate::text::chars::is_han;
    let mut f = LineFacts::default();
    let mut numeric = true;
    // The metadata patterns need a colon (or a byline's slash): lines
    // without one are not searched.
    let (mut colon, mut slash) = (false, false);
    let mut visible = text.chars().filter(|c| !is_blank(*c));
    let mut prev: Option<char> = None;
    let mut next = visible.next();
    // A run of `_` and `-`: the character before it, whether it holds a
    // `_`, and its length.
    let mut run: Option<(Option<char>, bool, usize)> = None;
    while let Some(c) = next {
        next = visible.next();
        f.chars += 1;
        if is_han(c) {
            // Most characters: no mark, no separator, not a digit.
            f.han += 1;
            numeric = false;
            prev = Some(c);
            continue;
        }
        numeric &= c.is_ascii_digit() || matches!(c, '-' | ':' | '/' | '.' | ',');
        match c {
            '。' | '！' | '？' | '；' | '，' => f.sentence_marks += 1,
            ',' | '!' | '?' | ';' if prev.is_some_and(is_han) || next.is_some_and(is_han) => {
                f.sentence_marks += 1
            }
            '|' | '丨' | '｜' | '»' | '›' | '>' => f.separators += 1,
            ':' | '：' => colon = true,
            '/' => slash = true,
            _ => {}
        }
        // `_` and `-` separate items in page titles (`标题_中山网`,
        // `标题--人民网`) and keyword lists; count runs between non-ASCII
        // words only: `_` always, `-` only doubled (`标题--栏目--站名`): a
        // single hyphen joins names (`东盟-中国-海合会`).
        if matches!(c, '_' | '-') {
            let r = run.get_or_insert((prev, false, 0));
            r.1 |= c == '_';
            r.2 += 1;
            if !next.is_some_and(|n| matches!(n, '_' | '-')) {
                let (before, underscore, len) = run.take().expect("a run");
                if (underscore || len >= 2)
                    && before.is_some_and(|b| !b.is_ascii())
                    && next.is_some_and(|a| !a.is_ascii())
                {
                    f.separators += 1;
                }
            }
        }
        prev = Some(c);
    }
    f.strong = usize::from(p.strong.is_match(text));
    // Weak words only ever count on lines of up to twice the prose length.
    if let Some(ac) = &p.weak {
        if f.chars <= (p.prose_min_chars * 2).max(p.short_max_chars) {
            f.weak = ac.find_iter(text).count();
        }
    }
    if let Some(ac) = &p.sections {
        // A section header is a short line that *is* the header (maybe with `更多`).
        f.section = f.chars <= 10 && ac.find(text).is_some();
    }
    let trimmed = text.trim_start_matches(is_blank);
    f.meta = f.chars <= 80
        && (colon || slash)
        && (p.meta.is_match(trimmed) || colon && p.meta_glued.is_match(trimmed));
    f.meta_label_only = f.chars <= 40 && colon && p.meta_label_only.is_match(text);
    f.counter_label_only =
        f.chars <= 60 && ends_like_counter(text, p) && p.counter_label_only.is_match(text);
    f.numeric = f.chars > 0 && numeric;
    f
}

/// Whether `text` could end with a counter label (and maybe a colon): its
/// last character before trailing whitespace and a colon ends a counter label.
fn ends_like_counter(text: &str, p: &ChromeParams) -> bool {
    let t = text.trim_end();
    let t = t.strip_suffix([':', '：']).unwrap_or(t).trim_end();
    p.counter_ends
        .as_ref()
        .is_none_or(|ends| t.chars().next_back().is_some_and(|c| ends.contains(&c)))
}

impl Layout {
    pub fn analyze(text: &str, p: &ChromeParams) -> Layout {
        let lines = lines(text);
        let mut facts_v = vec![LineFacts::default(); lines.len()];
        let mut nonblank = Vec::new();
        for (i, line) in lines.iter().enumerate() {
            let s = &text[line.span.range()];
            if s.chars().all(is_blank) {
                continue;
            }
            nonblank.push(i);
            facts_v[i] = facts(s, p);
        }
        // Value lines: the line after `来源：` is metadata; after `浏览：` a
        // count (with a digit, or shorter than a headline: the headline after
        // a bare `点击数：` is not its value), after `上一篇：` the title of
        // another article.
        for w in nonblank.windows(2) {
            let (a, b) = (w[0], w[1]);
            if facts_v[b].chars <= 30 && facts_v[b].sentence_marks == 0 {
                let label = text[lines[a].span.range()]
                    .trim_end_matches(|c: char| is_blank(c) || c == ':' || c == '：');
                let value = &text[lines[b].span.range()];
                let counted = label.ends_with('篇')
                    || value.contains(|c: char| c.is_ascii_digit())
                    || facts_v[b].chars < TITLE_MIN_CHARS;
                if facts_v[a].counter_label_only && counted && !facts_v[b].meta {
                    facts_v[b].strong += 1;
                    facts_v[b].meta = false;
                } else if facts_v[a].meta_label_only {
                    facts_v[b].meta = true;
                }
            }
        }
        let mut layout = Layout {
            chrome: vec![None; lines.len()],
            lines,
            facts: facts_v,
            nonblank,
            body: None,
            title: None,
            title_text: None,
        };
        layout.find_body(p);
        layout.find_title(text);
        layout.mark_chrome(text, p);
        layout.mark_column_label(text, p);
        layout
    }

    /// The longest column name taken for a label above the headline.
    const COLUMN_MAX_CHARS: usize = 8;

    /// A column label right above the headline (`学院新闻`, `工作动态`): a
    /// short line of Han characters only that ends like a column name. A
    /// headline is at least six characters, so such a line is never the
    /// title itself.
    /// The headline may be the second copy of the title (after the
    /// window title): the line above each copy in the leading block counts.
    fn mark_column_label(&mut self, text: &str, p: &ChromeParams) {
        if self.title.is_none() {
            return;
        }
        let key = self.title_key();
        let limit = self.body.map_or(self.lines.len(), |(a, _)| a);
        let copies: Vec<usize> = (1..self.nonblank.len())
            .filter(|&k| self.nonblank[k] < limit)
            .filter(|&k| self.is_title_like(text, key_ref(&key), self.nonblank[k]))
            .collect();
        for k in copies {
            let i = self.nonblank[k - 1];
            let f = &self.facts[i];
            let line = text[self.lines[i].span.range()].trim_matches(is_blank);
            if self.chrome[i].is_none()
                && (2..=Self::COLUMN_MAX_CHARS).contains(&f.chars)
                && f.han == f.chars
                && f.strong == 0
                && !f.meta
                && p.column_suffixes.iter().any(|s| line.ends_with(s.as_str()))
            {
                self.chrome[i] = Some(Region::Leading);
            }
        }
    }

    /// The run of prose lines with the most text (gaps of a few non-prose
    /// lines allowed; a section header ends a run).
    fn find_body(&mut self, p: &ChromeParams) {
        // (first, last, score); a run after a related-articles header scores
        // a quarter: summaries of other articles are not the article.
        let mut best: Option<(usize, usize, usize)> = None;
        let mut cur: Option<(usize, usize, usize)> = None;
        let mut gap = 0;
        let mut after_section = false;
        let close = |cur: &mut Option<(usize, usize, usize)>,
                     best: &mut Option<(usize, usize, usize)>| {
            if let Some(c) = cur.take() {
                if best.is_none_or(|b| c.2 > b.2) {
                    *best = Some(c);
                }
            }
        };
        for &i in &self.nonblank {
            let f = &self.facts[i];
            if f.is_prose(p) {
                let score = if after_section { f.chars / 4 } else { f.chars };
                cur = Some(match cur {
                    Some((a, _, n)) => (a, i, n + score),
                    None => (i, i, score),
                });
                gap = 0;
            } else if f.section {
                close(&mut cur, &mut best);
                after_section = true;
            } else if f.sentence_marks == 0 || f.strong > 0 {
                // Short lines with sentence punctuation (verse, short
                // sentences) neither extend nor break a run; others count
                // toward the gap.
                gap += 1;
                if gap > p.max_gap_lines {
                    close(&mut cur, &mut best);
                }
            }
        }
        close(&mut cur, &mut best);
        self.body = best.map(|(a, b, _)| (a, b));
    }

    /// Whether line `i` could be a headline.
    fn title_candidate(&self, text: &str, i: usize) -> bool {
        let f = &self.facts[i];
        let s = &text[self.lines[i].span.range()];
        let labelled = s.trim_start_matches(is_blank).starts_with("标题");
        f.chars >= TITLE_MIN_CHARS
            && f.han >= 4
            && f.strong == 0
            && !f.section
            && (labelled || !f.meta)
    }

    /// The title. Web pages show it twice (window title and headline): a
    /// candidate whose text contains, or is contained in, a later candidate
    /// of the leading block is the title. Otherwise the headline is the
    /// nearest candidate above the body (metadata and chrome in between).
    fn find_title(&mut self, text: &str) {
        let limit = self.body.map_or(self.lines.len(), |(a, _)| a);
        let cands: Vec<usize> = self
            .nonblank
            .iter()
            .copied()
            .take_while(|&i| i < limit)
            .filter(|&i| self.title_candidate(text, i))
            .take(200)
            .collect();
        let keys: Vec<String> = cands
            .iter()
            .map(|&i| {
                crate::text::compare::normalize(strip_title_label(
                    &text[self.lines[i].span.range()],
                ))
            })
            .collect();
        for a in 0..cands.len() {
            for b in a + 1..cands.len() {
                let (ka, kb) = (&keys[a], &keys[b]);
                if ka.contains(kb.as_str()) || kb.contains(ka.as_str()) {
                    // The longer text is the full title.
                    let (t, key) = if ka.len() >= kb.len() {
                        (cands[a], ka)
                    } else {
                        (cands[b], kb)
                    };
                    self.title = Some(t);
                    self.title_text = Some(key.clone());
                    return;
                }
            }
        }
        // Nearest candidate above the body, skipping metadata and chrome-like lines.
        for &i in self.nonblank.iter().rev().skip_while(|&&i| i >= limit) {
            let f = &self.facts[i];
            if self.title_candidate(text, i) && f.separators == 0 {
                self.title = Some(i);
                let key = crate::text::compare::normalize(strip_title_label(
                    &text[self.lines[i].span.range()],
                ));
                self.title_text = Some(key);
                return;
            }
            // Only metadata, short chrome-like lines and decks may sit between.
            if !(f.meta
                || f.evidence_free_short()
                || f.strong > 0
                || f.separators > 0
                || f.chars < 6)
            {
                return;
            }
        }
    }

    /// The normalized title and its length in characters, if it is long
    /// enough to recognize copies by.
    fn title_key(&self) -> Option<(String, usize)> {
        let key = self.title_text.clone()?;
        let n = key.chars().count();
        (n >= 6).then_some((key, n))
    }

    /// Whether line `i` is a copy or a fragment of the title (`key`, the
    /// normalized title and its length in characters).
    fn is_title_like(&self, text: &str, key: Option<(&str, usize)>, i: usize) -> bool {
        if Some(i) == self.title {
            return true;
        }
        let Some((key, key_chars)) = key else {
            return false;
        };
        // The normalized line has one character per visible character: a
        // line too short, or longer than any copy, is decided without
        // building it (most lines of a page are prose, much longer).
        let n = self.facts[i].chars;
        if n < 6 || n > key_chars + 16 {
            return false;
        }
        let line = &text[self.lines[i].span.range()];
        let mut folded = line.chars().filter_map(crate::text::compare::fold);
        // A line no longer than the title can only be a fragment of it: all
        // its characters are the title's. A longer one can only hold it:
        // the title's first character is among its own. Most lines fail
        // this on their first characters, and are not built.
        let possible = if n <= key_chars {
            folded.all(|c| key.contains(c))
        } else {
            let first = key.chars().next().expect("a key of six characters");
            folded.any(|c| c == first)
        };
        if !possible {
            return false;
        }
        let s = crate::text::compare::normalize(line);
        key.contains(s.as_str()) || s.contains(key)
    }

    fn mark_chrome(&mut self, text: &str, p: &ChromeParams) {
        let key = self.title_key();
        let (body_start, body_end) = self.body.unwrap_or((usize::MAX, usize::MAX));
        let nb = self.nonblank.clone();
        let evident: Vec<bool> = nb.iter().map(|&i| self.facts[i].evidence(p)).collect();
        // Metadata, the title and its copies, and the headings of a statute
        // (`第七章　退出现役`: a short line with a weak word in it) stay.
        // Decided once per line (a line is asked again as a neighbour), and
        // only for the lines asked: those outside the body and the two
        // lines of the body next to each of its ends.
        let (a, b) = (
            nb.partition_point(|&i| i < body_start),
            nb.partition_point(|&i| i <= body_end),
        );
        let kept: Vec<bool> = nb
            .iter()
            .enumerate()
            .map(|(k, &i)| {
                let f = &self.facts[i];
                (k < a + 2 || k + 2 >= b)
                    && ((f.meta && f.strong == 0)
                        || self.is_title_like(text, key_ref(&key), i)
                        || (f.strong == 0 && is_heading(&text[self.lines[i].span.range()])))
            })
            .collect();
        let mut trailing_seen_chrome = false;
        // A web page header: several chrome-like lines before the body.
        let page_header = nb
            .iter()
            .zip(&evident)
            .filter(|(i, e)| **e && **i < body_start)
            .count()
            >= 3;
        for (k, &i) in nb.iter().enumerate() {
            let f = &self.facts[i];
            let region = if self.body.is_none() || i < body_start {
                Region::Leading
            } else if i > body_end {
                Region::Trailing
            } else {
                Region::Body
            };
            let chrome = match region {
                Region::Body => f.strong > 0 && !f.is_prose(p) && f.chars <= p.prose_min_chars * 3,
                Region::Leading | Region::Trailing => {
                    // Evident chrome; anything after chrome in the trailing
                    // block; anything above the headline of a page with a header.
                    // (A line that reads as a sentence is not a menu item.)
                    let above_title = region == Region::Leading
                        && self.title.is_some_and(|t| i < t)
                        && page_header
                        && !has_prose_sentence(&text[self.lines[i].span.range()]);
                    if kept[k] {
                        false
                    } else if evident[k]
                        || (region == Region::Trailing && trailing_seen_chrome)
                        || above_title
                    {
                        true
                    } else {
                        // A short line is chrome when a neighbour is chrome-like.
                        // Short neighbours count only on a page with a header of
                        // chrome (a headline block of short lines is not a menu).
                        let loose = region == Region::Leading && page_header;
                        let near = |d: isize| {
                            let j = k as isize + d;
                            j >= 0
                                && (j as usize) < nb.len()
                                && !kept[j as usize]
                                && (evident[j as usize]
                                    || loose && self.facts[nb[j as usize]].is_short(p))
                        };
                        let prose_like = f.is_prose(p) || f.sentence_marks >= 2;
                        self.body.is_some()
                            && !prose_like
                            && f.is_short(p)
                            && (near(-1) || near(1))
                            && (near(-1) && near(1) || near(-2) || near(2))
                    }
                }
            };
            if chrome {
                self.chrome[i] = Some(region);
                if region == Region::Trailing {
                    trailing_seen_chrome = true;
                }
            }
        }
    }
}

/// The title key as [`Layout::is_title_like`] takes it.
fn key_ref(key: &Option<(String, usize)>) -> Option<(&str, usize)> {
    key.as_ref().map(|(k, n)| (k.as_str(), *n))
}

/// Whether `line` holds a complete prose sentence: at least
/// [`SENTENCE_MIN_HAN`] Han characters ending in a sentence mark (see
/// [`ends_sentence`]; a closing quote or bracket may follow). Chrome can look
/// like that (a disclaimer), but a line that reads as a sentence is never
/// deleted without a look.
pub fn has_prose_sentence(line: &str) -> bool {
    let mut han = 0;
    for (i, c) in line.char_indices() {
        if ends_sentence(line, i, c) {
            if han >= SENTENCE_MIN_HAN {
                return true;
            }
            han = 0;
        } else if crate::text::chars::is_han(c) {
            han += 1;
        }
    }
    false
}

/// Whether `c` at byte `i` of `line` ends a sentence: `。！？…`, or a
/// half-width or other full stop that no letter or digit follows (scraped
/// text ends sentences with `.`, `图片.jpg` is a file name).
pub(crate) fn ends_sentence(line: &str, i: usize, c: char) -> bool {
    match c {
        '。' | '！' | '？' | '…' => true,
        '.' | '．' | '｡' => !line[i + c.len_utf8()..]
            .chars()
            .next()
            .is_some_and(|n| n.is_ascii_alphanumeric()),
        _ => false,
    }
}

/// The shortest headline (visible characters).
const TITLE_MIN_CHARS: usize = 6;

/// Han characters a sentence needs before its final mark to count as prose.
pub(crate) const SENTENCE_MIN_HAN: usize = 6;
