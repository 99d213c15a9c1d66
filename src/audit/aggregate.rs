//! Counting findings while they are read, in memory that grows with the
//! number of documents and rules, not with the number of findings.
//!
//! Pass 1 ([`Aggregator`]) keeps per document a few counters (findings,
//! priority findings, errors, date, length) and per site a count per rule;
//! [`Aggregator::finish`] turns them into months, rule rankings and the
//! worst pages. Pass 2 ([`Audit::collect`]) reads the input again and keeps
//! the findings of those worst pages only (at most [`Options::findings_per_page`]
//! each, priority findings first), so that the page can show them.

use super::{DocumentFacts, Finding, GroupBy, is_priority};
use chrono::{Datelike, NaiveDate};
use std::collections::HashMap;

/// What to keep.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// How a document's site is found when the input does not name it.
    pub group_by: GroupBy,
    /// The worst pages shown per site.
    pub worst_pages: usize,
    /// The findings shown per worst page.
    pub findings_per_page: usize,
    /// The rules shown per site.
    pub top_rules: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            group_by: GroupBy::Folder,
            worst_pages: 10,
            findings_per_page: 20,
            top_rules: 12,
        }
    }
}

/// Per document, while reading.
#[derive(Clone, Copy, Debug, Default)]
struct DocAcc {
    group: u32,
    findings: u32,
    priority: u32,
    errors: u32,
    date: Option<NaiveDate>,
    chars: Option<u64>,
}

/// Per rule of a site, while reading.
#[derive(Clone, Copy, Debug, Default)]
struct RuleAcc {
    count: u64,
    errors: u64,
}

/// Pass 1: everything but the worst pages' findings.
#[derive(Debug, Default)]
pub struct Aggregator {
    options: Options,
    groups: Vec<(String, HashMap<Box<str>, RuleAcc>)>,
    group_index: HashMap<String, u32>,
    docs: HashMap<Box<str>, DocAcc>,
    findings: u64,
}

impl Aggregator {
    /// A new aggregator keeping what `options` says.
    pub fn new(options: Options) -> Self {
        Aggregator {
            options,
            ..Aggregator::default()
        }
    }

    fn group(&mut self, id: &str, named: Option<&str>) -> u32 {
        let name = match named {
            Some(g) if !g.is_empty() => g.to_string(),
            _ => self.options.group_by.group_of(id),
        };
        if let Some(&i) = self.group_index.get(&name) {
            return i;
        }
        let i = u32::try_from(self.groups.len()).expect("fewer than 2^32 sites");
        self.groups.push((name.clone(), HashMap::new()));
        self.group_index.insert(name, i);
        i
    }

    fn doc(&mut self, id: &str, group: Option<&str>) -> &mut DocAcc {
        if !self.docs.contains_key(id) {
            let g = self.group(id, group);
            let acc = DocAcc {
                group: g,
                ..DocAcc::default()
            };
            self.docs.insert(id.into(), acc);
        }
        self.docs.get_mut(id).expect("inserted above")
    }

    /// Count one finding.
    pub fn add_finding(&mut self, f: &Finding) {
        self.findings += 1;
        let error = f.severity == "error";
        let doc = self.doc(&f.id, f.group.as_deref());
        doc.findings = doc.findings.saturating_add(1);
        doc.priority += u32::from(is_priority(&f.rule));
        doc.errors += u32::from(error);
        if f.date.is_some() {
            doc.date = f.date;
        }
        if f.chars.is_some() {
            doc.chars = f.chars;
        }
        let group = doc.group as usize;
        let rules = &mut self.groups[group].1;
        if let Some(r) = rules.get_mut(f.rule.as_str()) {
            r.count += 1;
            r.errors += u64::from(error);
        } else {
            let r = RuleAcc {
                count: 1,
                errors: u64::from(error),
            };
            rules.insert(f.rule.as_str().into(), r);
        }
    }

    /// Record a document's date and length (findings or not).
    pub fn add_document(&mut self, d: &DocumentFacts) {
        let doc = self.doc(&d.id, d.group.as_deref());
        if d.date.is_some() {
            doc.date = d.date;
        }
        if d.chars.is_some() {
            doc.chars = d.chars;
        }
    }

    /// Findings counted so far.
    pub fn findings(&self) -> u64 {
        self.findings
    }

    /// The counts as sites, months, rules and worst pages.
    pub fn finish(self) -> Audit {
        let Aggregator {
            options,
            groups,
            docs,
            findings,
            ..
        } = self;
        let mut sites: Vec<Site> = groups
            .into_iter()
            .map(|(name, rules)| Site::new(name, rules, options.top_rules))
            .collect();
        let chars_known = docs.values().all(|d| d.chars.is_some());
        let mut pages = Vec::with_capacity(docs.len());
        for (id, d) in docs {
            let site = &mut sites[d.group as usize];
            site.count(&d);
            pages.push(Page {
                id: id.into(),
                site: d.group as usize,
                findings: d.findings,
                priority: d.priority,
                errors: d.errors,
                date: d.date,
                chars: d.chars,
                shown: Vec::new(),
                shown_priority: Vec::new(),
            });
        }
        let mut rank = vec![0; sites.len()];
        for (r, &s) in site_order(&sites).iter().enumerate() {
            rank[s] = r;
        }
        pages.sort_by(|a, b| rank[a.site].cmp(&rank[b.site]).then_with(|| worse(a, b)));
        for site in &mut sites {
            site.months.sort_by_key(|m| m.month);
        }
        let mut audit = Audit {
            options,
            sites,
            pages,
            findings,
            chars_known,
            worst: HashMap::new(),
        };
        audit.rank();
        audit
    }
}

/// Which of two pages of a site is worse: more priority findings, then a
/// higher rate (when both lengths are known), then more findings.
fn worse(a: &Page, b: &Page) -> std::cmp::Ordering {
    b.priority
        .cmp(&a.priority)
        .then_with(|| match (a.rate(), b.rate()) {
            (Some(x), Some(y)) => y.total_cmp(&x),
            _ => std::cmp::Ordering::Equal,
        })
        .then_with(|| b.findings.cmp(&a.findings))
        .then_with(|| a.id.cmp(&b.id))
}

/// Sites by priority findings, then findings, then name.
fn site_order(sites: &[Site]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..sites.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&sites[a], &sites[b]);
        y.priority
            .cmp(&x.priority)
            .then_with(|| y.findings.cmp(&x.findings))
            .then_with(|| x.name.cmp(&y.name))
    });
    order
}

/// A month (`YYYY-MM` as year and month) of a site.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Month {
    /// `(year, month)`; `None` for the documents without a date.
    pub month: Option<(i32, u32)>,
    /// Documents (with findings or not).
    pub documents: u64,
    /// Characters of the documents whose length is known.
    pub chars: u64,
    /// Findings.
    pub findings: u64,
    /// Findings of priority rules (`names/*`, `terminology/*`).
    pub priority: u64,
}

impl Month {
    /// `2024-03`, or 无日期.
    pub fn label(&self) -> String {
        match self.month {
            Some((y, m)) => format!("{y:04}-{m:02}"),
            None => "无日期".to_string(),
        }
    }
}

/// One rule's count at a site.
#[derive(Clone, Debug, PartialEq)]
pub struct RuleCount {
    /// The rule id.
    pub rule: String,
    /// Its findings.
    pub count: u64,
    /// Findings at severity error.
    pub errors: u64,
}

/// One site: totals, months, rules.
#[derive(Clone, Debug, Default)]
pub struct Site {
    /// Its name.
    pub name: String,
    /// Documents (with findings or not).
    pub documents: u64,
    /// Characters (of the documents whose length is known).
    pub chars: u64,
    /// Findings.
    pub findings: u64,
    /// Findings of priority rules (`names/*`, `terminology/*`).
    pub priority: u64,
    /// Findings at severity error.
    pub errors: u64,
    /// Dated months in order, then (if any) the undated documents.
    pub months: Vec<Month>,
    /// Every rule that fired, most frequent first.
    pub rules: Vec<RuleCount>,
    /// How many of `rules` the page shows.
    pub top_rules: usize,
}

impl Site {
    fn new(name: String, rules: HashMap<Box<str>, RuleAcc>, top_rules: usize) -> Self {
        let mut rules: Vec<RuleCount> = rules
            .into_iter()
            .map(|(rule, r)| RuleCount {
                rule: rule.into(),
                count: r.count,
                errors: r.errors,
            })
            .collect();
        rules.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.rule.cmp(&b.rule)));
        Site {
            name,
            rules,
            top_rules,
            ..Site::default()
        }
    }

    fn count(&mut self, d: &DocAcc) {
        self.documents += 1;
        self.chars += d.chars.unwrap_or(0);
        self.findings += u64::from(d.findings);
        self.priority += u64::from(d.priority);
        self.errors += u64::from(d.errors);
        let key = d.date.map(|d| (d.year(), d.month()));
        let month = match self.months.iter_mut().find(|m| m.month == key) {
            Some(m) => m,
            None => {
                self.months.push(Month {
                    month: key,
                    ..Month::default()
                });
                self.months.last_mut().expect("pushed")
            }
        };
        month.documents += 1;
        month.chars += d.chars.unwrap_or(0);
        month.findings += u64::from(d.findings);
        month.priority += u64::from(d.priority);
    }

    /// The dated months, every month from the first to the last (months
    /// without documents included, with zero documents).
    pub fn timeline(&self) -> Vec<Month> {
        let dated: Vec<&Month> = self.months.iter().filter(|m| m.month.is_some()).collect();
        let (Some(first), Some(last)) = (dated.first(), dated.last()) else {
            return Vec::new();
        };
        let (mut y, mut m) = first.month.expect("dated");
        let end = last.month.expect("dated");
        let mut out = Vec::new();
        let mut it = dated.iter().peekable();
        while (y, m) <= end {
            match it.peek() {
                Some(d) if d.month == Some((y, m)) => {
                    out.push((*it.next().expect("peeked")).clone())
                }
                _ => out.push(Month {
                    month: Some((y, m)),
                    ..Month::default()
                }),
            }
            (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        }
        out
    }

    /// The documents without a date.
    pub fn undated(&self) -> Option<&Month> {
        self.months.iter().find(|m| m.month.is_none())
    }
}

/// A finding of a worst page, as shown.
#[derive(Clone, Debug, PartialEq)]
pub struct Shown {
    /// The rule id.
    pub rule: String,
    /// `error`, `warning` or `info`.
    pub severity: String,
    /// The message.
    pub message: String,
    /// Byte offset where the span starts.
    pub start: usize,
    /// Byte offset where the span ends.
    pub end: usize,
    /// 1-based line of `start`.
    pub line: usize,
    /// 1-based column of `start`.
    pub column: usize,
    /// The replacement a fix would write.
    pub fix: Option<String>,
    /// The text around the finding (from the input, or filled in by
    /// [`super::table::snippet`] from the document).
    pub context: Option<Snippet>,
}

/// Text around a finding: before, the span itself, after.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Snippet {
    /// Text before the span.
    pub before: String,
    /// The span.
    pub hit: String,
    /// Text after the span.
    pub after: String,
}

/// One document of the audit.
#[derive(Clone, Debug)]
pub struct Page {
    /// The document id (path).
    pub id: String,
    /// Index into [`Audit::sites`].
    pub site: usize,
    /// Findings.
    pub findings: u32,
    /// Findings of priority rules (`names/*`, `terminology/*`).
    pub priority: u32,
    /// Findings at severity error.
    pub errors: u32,
    /// The document date, when known.
    pub date: Option<NaiveDate>,
    /// Characters (of the documents whose length is known).
    pub chars: Option<u64>,
    /// Pass 2: the findings kept for the page (not priority).
    pub shown: Vec<Shown>,
    /// Pass 2: the priority findings kept for the page.
    pub shown_priority: Vec<Shown>,
}

impl Page {
    /// Findings per 10,000 characters, when the length is known.
    pub fn rate(&self) -> Option<f64> {
        match self.chars {
            Some(c) if c > 0 => Some(f64::from(self.findings) * 10_000.0 / c as f64),
            _ => None,
        }
    }

    /// The findings kept for the page: priority ones first, then by position.
    pub fn shown(&self) -> impl Iterator<Item = &Shown> {
        self.shown_priority.iter().chain(&self.shown)
    }
}

/// The result of pass 1 (and, after [`Audit::collect`], of pass 2).
#[derive(Debug)]
pub struct Audit {
    /// What was kept.
    pub options: Options,
    /// In order of first appearance; [`Audit::site_order`] ranks them.
    pub sites: Vec<Site>,
    /// Every document, by site (in [`Audit::site_order`]), worst first.
    pub pages: Vec<Page>,
    /// Findings read in pass 1.
    pub findings: u64,
    /// Whether every document's length is known (rates are then per 10,000
    /// characters; otherwise per document).
    pub chars_known: bool,
    /// The worst pages' ids → index into `pages`.
    worst: HashMap<String, usize>,
}

impl Audit {
    fn rank(&mut self) {
        let mut taken = vec![0usize; self.sites.len()];
        for (i, p) in self.pages.iter().enumerate() {
            if p.findings > 0 && taken[p.site] < self.options.worst_pages {
                taken[p.site] += 1;
                self.worst.insert(p.id.clone(), i);
            }
        }
    }

    /// Sites by priority findings, then findings, then name.
    pub fn site_order(&self) -> Vec<usize> {
        site_order(&self.sites)
    }

    /// The worst pages of site `site`, worst first.
    pub fn worst_pages(&self, site: usize) -> impl Iterator<Item = &Page> {
        let mut idx: Vec<usize> = self
            .worst
            .values()
            .copied()
            .filter(|&i| self.pages[i].site == site)
            .collect();
        idx.sort_unstable();
        idx.into_iter().map(|i| &self.pages[i])
    }

    /// Whether `id` is one of the worst pages (whose findings pass 2 keeps).
    pub fn is_worst(&self, id: &str) -> bool {
        self.worst.contains_key(id)
    }

    /// The worst pages, for filling in their context.
    pub fn worst_pages_mut(&mut self) -> impl Iterator<Item = &mut Page> {
        let worst = &self.worst;
        self.pages
            .iter_mut()
            .enumerate()
            .filter(move |(i, p)| worst.get(&p.id) == Some(i))
            .map(|(_, p)| p)
    }

    /// Pass 2: keep `f` if it belongs to a worst page (at most
    /// `findings_per_page` priority and as many other findings per page;
    /// the page shows the first `findings_per_page`, priority first).
    pub fn collect(&mut self, f: &Finding) {
        let Some(&i) = self.worst.get(f.id.as_str()) else {
            return;
        };
        let cap = self.options.findings_per_page;
        let page = &mut self.pages[i];
        let list = if is_priority(&f.rule) {
            &mut page.shown_priority
        } else {
            &mut page.shown
        };
        let shown = Shown {
            rule: f.rule.clone(),
            severity: f.severity.clone(),
            message: f.message.clone(),
            start: f.start,
            end: f.end,
            line: f.line,
            column: f.column,
            fix: f.fix.clone(),
            context: f.context.as_ref().map(|c| Snippet {
                before: c.clone(),
                ..Snippet::default()
            }),
        };
        // Keep the first `cap` by position, whatever order they come in.
        let at = list.partition_point(|s| (s.start, s.end) <= (shown.start, shown.end));
        if at < cap {
            list.insert(at, shown);
            list.truncate(cap);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(id: &str, rule: &str, date: Option<&str>) -> Finding {
        Finding {
            id: id.into(),
            rule: rule.into(),
            severity: "warning".into(),
            message: "m".into(),
            date: date.map(|d| d.parse().unwrap()),
            ..Finding::default()
        }
    }

    fn doc(id: &str, date: &str, chars: u64) -> DocumentFacts {
        DocumentFacts {
            id: id.into(),
            group: None,
            date: Some(date.parse().unwrap()),
            chars: Some(chars),
        }
    }

    #[test]
    fn sites_months_and_rules_are_counted() {
        let mut a = Aggregator::new(Options::default());
        a.add_finding(&finding("a/1.txt", "punctuation/x", None));
        a.add_finding(&finding("a/1.txt", "punctuation/x", None));
        a.add_finding(&finding("a/2.txt", "names/title-not-held", None));
        a.add_finding(&finding("b/1.txt", "dates/y", None));
        a.add_document(&doc("a/1.txt", "2024-01-05", 1000));
        a.add_document(&doc("a/2.txt", "2024-03-31", 3000));
        a.add_document(&doc("a/3.txt", "2024-03-01", 6000));
        a.add_document(&doc("b/1.txt", "2023-12-01", 500));
        assert_eq!(a.findings(), 4);
        let audit = a.finish();
        assert!(audit.chars_known);
        assert_eq!(audit.site_order(), vec![0, 1]);
        let s = &audit.sites[0];
        assert_eq!((s.name.as_str(), s.documents, s.chars), ("a", 3, 10_000));
        assert_eq!((s.findings, s.priority), (3, 1));
        let t = s.timeline();
        let labels: Vec<String> = t.iter().map(Month::label).collect();
        assert_eq!(labels, ["2024-01", "2024-02", "2024-03"]);
        assert_eq!((t[0].findings, t[0].chars), (2, 1000));
        assert_eq!(t[1].documents, 0);
        assert_eq!((t[2].documents, t[2].findings, t[2].priority), (2, 1, 1));
        assert_eq!(s.rules[0].rule, "punctuation/x");
        assert_eq!(s.rules[0].count, 2);
        // The page with the leader-title finding is worst, though it has
        // fewer findings; the page without findings is not among them.
        let worst: Vec<&str> = audit.worst_pages(0).map(|p| p.id.as_str()).collect();
        assert_eq!(worst, ["a/2.txt", "a/1.txt"]);
    }

    #[test]
    fn undated_documents_and_unknown_lengths() {
        let mut a = Aggregator::new(Options::default());
        a.add_finding(&finding("x.txt", "punctuation/x", None));
        a.add_finding(&finding("s/y.txt", "punctuation/x", Some("2020-02-02")));
        let audit = a.finish();
        assert!(!audit.chars_known);
        let root = &audit.sites[0];
        assert_eq!(root.name, super::super::NO_FOLDER);
        assert!(root.timeline().is_empty());
        assert_eq!(root.undated().unwrap().documents, 1);
        assert_eq!(audit.sites[1].timeline()[0].label(), "2020-02");
    }

    #[test]
    fn pass_two_keeps_only_the_worst_pages_first_findings() {
        let options = Options {
            worst_pages: 1,
            findings_per_page: 2,
            ..Options::default()
        };
        let mut a = Aggregator::new(options);
        let mut fs = Vec::new();
        for (i, id) in ["s/bad.txt", "s/bad.txt", "s/bad.txt", "s/ok.txt"]
            .iter()
            .enumerate()
        {
            let mut f = finding(id, "punctuation/x", None);
            f.start = 100 - i * 10;
            f.end = f.start + 3;
            fs.push(f);
        }
        fs.push(Finding {
            start: 500,
            end: 503,
            ..finding("s/bad.txt", "terminology/z", None)
        });
        for f in &fs {
            a.add_finding(f);
        }
        let mut audit = a.finish();
        assert!(audit.is_worst("s/bad.txt") && !audit.is_worst("s/ok.txt"));
        for f in &fs {
            audit.collect(f);
        }
        let page = audit.worst_pages(0).next().unwrap();
        let kept: Vec<(usize, &str)> = page.shown().map(|s| (s.start, s.rule.as_str())).collect();
        assert_eq!(
            kept,
            [
                (500, "terminology/z"),
                (80, "punctuation/x"),
                (90, "punctuation/x")
            ]
        );
        assert!(
            audit
                .pages
                .iter()
                .find(|p| p.id == "s/ok.txt")
                .unwrap()
                .shown
                .is_empty()
        );
    }
}
