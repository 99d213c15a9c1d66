//! The engine: a [`Linter`] built once from rule sets and settings, then run
//! on any number of documents from any number of threads.
//!
//! Building resolves everything that does not depend on a document: which
//! rules are selected, their severities and parameters, and the compiled
//! checkers (automata, regexes). Checking a document runs every checker over
//! its prose view and turns each checker's findings into [`Diagnostic`]s as
//! soon as it ends: drops those in masked spans, outside a rule's validity
//! dates or under a suppression comment, maps spans and fix edits to source
//! offsets; then sorts. Memory on a large document is why in that order:
//! the checkers that hold tables as large as the document run first, before
//! the others' findings take room, and findings are never held twice.
//!
//! Fixing is ruff's loop: check, apply the non-overlapping fixes, check
//! again, until nothing is left to fix or [`MAX_FIX_PASSES`] is reached.

pub mod examples;

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::{Directive, DirectiveKind, Document, DocumentOptions, Format};
use crate::fix::{Applicability, Edit, EditMap, Fix, apply_fixes};
use crate::names::KnownNames;
use crate::names::registry::Registry;
use crate::rule::{CheckContext, Checker, Family, Finding, Kind, RuleMeta};
use crate::rules::{NativeArgs, native_constructor};
use crate::ruleset::RuleSet;
use crate::ruleset::kinds::{self, Selected};
use crate::settings::Settings;
use crate::source_error::SourceError;
use crate::span::Span;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// How many check-and-fix passes `fix` makes before giving up.
pub const MAX_FIX_PASSES: usize = 10;

/// Why a linter could not be built.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum LinterError {
    /// A rule set (built in or the user's) does not parse or validate.
    #[error(transparent)]
    #[diagnostic(transparent)]
    RuleSet(#[from] Box<SourceError>),
    /// A selector (in `select`, `ignore`, `severity`, `options`, or on the
    /// command line) names no rule and no family.
    #[error("未知的规则或规则族 `{selector}`（出现在 {place}）")]
    #[diagnostic(code(guifan::unknown_rule), help("用 `guifan rules` 查看全部规则 id"))]
    UnknownSelector {
        /// The selector as written.
        selector: String,
        /// The settings key it was found under: `select`, `extend-select`, `ignore`,
        /// `severity`, `options`, or `options（须为规则 id）` for a family used as an options key.
        place: String,
    },
    /// A native rule's parameters are wrong, or a `native` rule names no Rust rule.
    #[error("规则 `{rule}` 无法使用：{reason}")]
    #[diagnostic(code(guifan::rule))]
    BadRule {
        /// The rule's id.
        rule: String,
        /// Why it cannot be built, as a message for the user.
        reason: String,
    },
}

impl From<SourceError> for LinterError {
    fn from(e: SourceError) -> Self {
        LinterError::RuleSet(Box::new(e))
    }
}

/// A rule as the linter holds it.
#[derive(Debug, Clone)]
pub struct RuleEntry {
    /// The rule's identity and documentation as declared.
    pub meta: RuleMeta,
    /// Whether the rule runs: its default, or the settings' `select`, then
    /// `extend-select` added, then `ignore` removed.
    pub enabled: bool,
    /// The severity after config overrides.
    pub severity: Severity,
}

/// Rule sets compiled for a set of settings. `Send + Sync`: share it.
pub struct Linter {
    rules: Vec<RuleEntry>,
    checkers: Vec<Box<dyn Checker>>,
    by_id: HashMap<String, usize>,
    /// The registry's people (leaders, rosters): certainly persons, for
    /// person detection.
    known: KnownNames,
}

impl std::fmt::Debug for Linter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Linter")
            .field("rules", &self.rules.len())
            .field("checkers", &self.checkers.len())
            .finish()
    }
}

/// A declared rule with the set that declared it.
type Declared<'a> = (&'a RuleSet, &'a crate::ruleset::RuleDef);

/// Every rule of `sets` once, in first-declaration order; a later
/// declaration of the same id replaces the earlier one. Also the index of
/// each id.
fn collect_rules(sets: &[RuleSet]) -> (Vec<Declared<'_>>, HashMap<String, usize>) {
    let mut defs: Vec<Declared<'_>> = Vec::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    for set in sets {
        for def in &set.rules {
            match by_id.get(&def.meta.id) {
                Some(&i) => defs[i] = (set, def),
                None => {
                    by_id.insert(def.meta.id.clone(), defs.len());
                    defs.push((set, def));
                }
            }
        }
    }
    (defs, by_id)
}

/// Every selector of `settings` names a rule, a family or `all`, and every
/// `options` key a rule.
fn validate_selectors(
    settings: &Settings,
    by_id: &HashMap<String, usize>,
) -> Result<(), LinterError> {
    let known = |s: &str| s == "all" || Family::from_name(s).is_some() || by_id.contains_key(s);
    let lists: [(&str, Vec<&String>); 5] = [
        ("select", settings.select.iter().flatten().collect()),
        ("extend-select", settings.extend_select.iter().collect()),
        ("ignore", settings.ignore.iter().collect()),
        ("severity", settings.severity.keys().collect()),
        ("options", settings.options.keys().collect()),
    ];
    for (place, list) in lists {
        if let Some(bad) = list.into_iter().find(|s| !known(s)) {
            return Err(LinterError::UnknownSelector {
                selector: bad.clone(),
                place: place.to_string(),
            });
        }
    }
    if let Some(bad) = settings.options.keys().find(|k| !by_id.contains_key(*k)) {
        return Err(LinterError::UnknownSelector {
            selector: bad.clone(),
            place: "options（须为规则 id）".into(),
        });
    }
    Ok(())
}

/// Whether each rule runs, and at which severity.
fn resolve_rules(defs: &[Declared<'_>], settings: &Settings) -> Vec<RuleEntry> {
    defs.iter()
        .map(|(_, def)| {
            let meta = &def.meta;
            let mut enabled = match &settings.select {
                Some(sel) => sel.iter().any(|s| selects(s, meta)),
                None => meta.default_enabled,
            };
            enabled |= settings.extend_select.iter().any(|s| selects(s, meta));
            enabled &= !settings.ignore.iter().any(|s| selects(s, meta));
            let severity = settings
                .severity
                .get(&meta.id)
                .or_else(|| settings.severity.get(meta.family.as_str()))
                .or_else(|| settings.severity.get("all"))
                .copied()
                .unwrap_or(meta.severity);
            RuleEntry {
                meta: meta.clone(),
                enabled,
                severity,
            }
        })
        .collect()
}

/// The checkers of the enabled rules: one per native rule, and the
/// data-driven rules compiled together by kind.
///
/// Compiling is most of what a check of one short draft costs (regular
/// expressions, automata), and a pre-commit hook or an editor pays it once
/// per file. With a second core, half of the native rules and all the data
/// rules are compiled on a second thread. The checkers keep the
/// declaration order whichever thread built them.
fn compile_checkers(
    defs: &[Declared<'_>],
    rules: &[RuleEntry],
    settings: &Settings,
    registry: &Arc<Registry>,
) -> Result<Vec<Box<dyn Checker>>, LinterError> {
    let mut natives: Vec<(usize, &RuleSet, &crate::ruleset::RuleDef, toml::Table)> = Vec::new();
    let mut data_rules: Vec<Selected<'_>> = Vec::new();
    for (index, ((set, def), entry)) in defs.iter().zip(rules).enumerate() {
        if !entry.enabled {
            continue;
        }
        if def.meta.kind == Kind::Native {
            let mut params = def
                .decl
                .params
                .as_ref()
                .map(|p| p.get_ref().clone())
                .unwrap_or_default();
            if let Some(over) = settings.options.get(&def.meta.id) {
                for (k, v) in over {
                    params.insert(k.clone(), v.clone());
                }
            }
            natives.push((index, set, def, params));
        } else {
            data_rules.push(Selected {
                index,
                def,
                origin: &set.origin,
                source: &set.source,
            });
        }
    }
    let build = |part: &[&(usize, &RuleSet, &crate::ruleset::RuleDef, toml::Table)]| {
        part.iter()
            .map(|(index, set, def, params)| {
                Ok((*index, native_checker(set, def, *index, params, registry)?))
            })
            .collect::<Result<Vec<(usize, Box<dyn Checker>)>, LinterError>>()
    };
    let (mine, theirs): (Vec<_>, Vec<_>) =
        natives.iter().enumerate().partition(|(k, _)| k % 2 == 0);
    let mine: Vec<_> = mine.into_iter().map(|(_, n)| n).collect();
    let theirs: Vec<_> = theirs.into_iter().map(|(_, n)| n).collect();
    let second_core = std::thread::available_parallelism().is_ok_and(|n| n.get() > 1);
    let (mut built, data) = if second_core && !theirs.is_empty() {
        std::thread::scope(|scope| {
            let other = scope.spawn(|| {
                let built = build(&theirs)?;
                let data = kinds::compile(&data_rules).map_err(LinterError::from)?;
                Ok::<_, LinterError>((built, data))
            });
            let mine = build(&mine);
            let theirs = other
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p));
            // The same error as one thread would report first.
            let mut built = mine?;
            let (theirs, data) = theirs?;
            built.extend(theirs);
            Ok::<_, LinterError>((built, data))
        })?
    } else {
        let mut built = build(&mine)?;
        built.extend(build(&theirs)?);
        (
            built,
            kinds::compile(&data_rules).map_err(LinterError::from)?,
        )
    };
    built.sort_by_key(|(index, _)| *index);
    let mut checkers: Vec<Box<dyn Checker>> = built.into_iter().map(|(_, c)| c).collect();
    checkers.extend(data);
    // See `Checker::holds_document_tables`; the sort is stable.
    checkers.sort_by_key(|c| !c.holds_document_tables());
    Ok(checkers)
}

/// Sort `out` stably by position, then rule id. A stable sort of the
/// diagnostics themselves borrows room for half of them (about 75 bytes a
/// diagnostic: 65 MB for the 870,000 findings of a 215 MB document); many
/// are sorted as indices instead (four bytes each, no scratch room: ties
/// are broken by index) and then moved into place along the cycles of the
/// permutation.
fn sort_by_position(out: &mut [Diagnostic]) {
    fn key(d: &Diagnostic) -> (usize, usize, &str) {
        (d.span.start, d.span.end, d.rule.as_str())
    }
    if out.len() < SORT_BY_INDEX_MIN || u32::try_from(out.len()).is_err() {
        out.sort_by(|a, b| key(a).cmp(&key(b)));
        return;
    }
    let mut order: Vec<u32> = (0..out.len() as u32).collect();
    order.sort_unstable_by(|&a, &b| {
        key(&out[a as usize])
            .cmp(&key(&out[b as usize]))
            .then(a.cmp(&b))
    });
    // Position `i` takes the diagnostic at `order[i]`.
    for start in 0..out.len() {
        let mut at = start;
        while order[at] as usize != start && order[at] as usize != at {
            let from = order[at] as usize;
            out.swap(at, from);
            order[at] = at as u32;
            at = from;
        }
        order[at] = at as u32;
    }
}

/// From how many diagnostics [`sort_by_position`] sorts indices.
const SORT_BY_INDEX_MIN: usize = 1 << 12;

/// How many findings' room [`Linter::check`] keeps between checkers.
const FINDINGS_KEPT: usize = 1 << 10;

/// The checker of a native rule, from its constructor in [`crate::rules`].
fn native_checker(
    set: &RuleSet,
    def: &crate::ruleset::RuleDef,
    index: usize,
    params: &toml::Table,
    registry: &Arc<Registry>,
) -> Result<Box<dyn Checker>, LinterError> {
    let Some(ctor) = native_constructor(&def.meta.id) else {
        return Err(SourceError::new(
            &set.origin,
            &set.source,
            Some(def.decl.id.span()),
            format!("`{}` 声明为 native，但 guifan 没有这条内置规则的实现", def.meta.id),
            "没有对应的 Rust 实现",
        )
        .with_help("自定义规则请使用 existence、substitution、sequence、consistency、first-mention 或 pattern 类型")
        .into());
    };
    ctor(&NativeArgs {
        index,
        meta: &def.meta,
        params,
        registry,
    })
    .map_err(|reason| LinterError::BadRule {
        rule: def.meta.id.clone(),
        reason,
    })
}

/// Does `selector` (an id, a family name or `all`) cover rule `meta`?
fn selects(selector: &str, meta: &RuleMeta) -> bool {
    selector == "all" || selector == meta.id || selector == meta.family.as_str()
}

/// The result of [`Linter::fix`].
#[derive(Debug)]
pub struct FixOutcome {
    /// The fixed text (equal to the input when nothing was fixed).
    pub text: String,
    /// How many fixes were applied over all passes.
    pub applied: usize,
    /// How many passes ran.
    pub passes: usize,
    /// False when fixes were still being produced after [`MAX_FIX_PASSES`].
    pub converged: bool,
    /// What remains in the fixed text.
    pub remaining: Vec<Diagnostic>,
    /// The fixes applied, in the order applied (`guifan fix --show-fixes`).
    pub fixes: Vec<AppliedFix>,
}

/// One fix that [`Linter::fix`] applied.
#[derive(Clone, Debug)]
pub struct AppliedFix {
    /// The id of the rule whose fix it is.
    pub rule: String,
    /// The finding's span in the original text.
    pub span: Span,
    /// The text its edits replaced and the text they put in (edits joined
    /// by ` … ` when there are several).
    pub before: String,
    /// See `before`.
    pub after: String,
}

impl Linter {
    /// Build a linter from rule sets (later sets override earlier rules with
    /// the same id, so a user can copy and tune a built-in) and settings.
    pub fn new(sets: &[RuleSet], settings: &Settings) -> Result<Linter, LinterError> {
        let (defs, by_id) = collect_rules(sets);
        validate_selectors(settings, &by_id)?;
        let rules = resolve_rules(&defs, settings);
        // The names rules tag words with jieba, whose model for unknown
        // words takes ~20 ms to parse: parse it while the rest is compiled.
        if rules
            .iter()
            .any(|r| r.enabled && r.meta.family == Family::Names)
        {
            crate::text::segment::warm_up_in_background();
        }
        // The people registry of all sets, built-in first.
        let registry = Arc::new(Registry::new(
            sets.iter()
                .map(|s| (&s.registry, s.origin.starts_with("builtin:"))),
        ));
        let checkers = compile_checkers(&defs, &rules, settings, &registry)?;
        let known = registry
            .persons()
            .iter()
            .flat_map(|p| p.forms())
            .chain(crate::names::lexicon::HISTORICAL_FIGURES.iter().copied())
            .collect();
        Ok(Linter {
            rules,
            checkers,
            by_id,
            known,
        })
    }

    /// The names person detection takes as certainly persons: the people
    /// registry (leaders, rosters) and the historical figures of
    /// [`crate::names::lexicon::HISTORICAL_FIGURES`].
    pub fn known_names(&self) -> &KnownNames {
        &self.known
    }

    /// Every loaded rule, in declaration order, enabled or not.
    pub fn rules(&self) -> &[RuleEntry] {
        &self.rules
    }

    /// The loaded rule with id `id` (enabled or not); `None` if no rule set declares it.
    pub fn rule(&self, id: &str) -> Option<&RuleEntry> {
        self.by_id.get(id).map(|&i| &self.rules[i])
    }

    /// Check a document; diagnostics sorted by position, then rule id.
    pub fn check(&self, doc: &Document) -> Vec<Diagnostic> {
        let ctx = CheckContext::with_known_names(doc, &self.known);
        // With no date at all, a rule that holds only from or until a date
        // (a rename) cannot judge the text: it reports at `info` what would
        // hold if the document were of that period. Only such rules ask for
        // the document's date.
        let unknown = || doc.date().source == crate::document::DateSource::Today;
        let dated = |meta: &crate::rule::RuleMeta| meta.since.is_some() || meta.until.is_some();
        let suppressions = Suppressions::new(doc);
        let map = doc.source_map();
        let diagnostic = |f: Finding| {
            let entry = &self.rules[f.rule];
            if !(entry.enabled
                && (!dated(&entry.meta) || unknown() || entry.meta.applies_on(doc.date().date))
                && (f.whole_lines || !doc.is_masked(f.span)))
            {
                return None;
            }
            let span = map.to_source(f.span);
            if suppressions.suppressed(&entry.meta, span.start) {
                return None;
            }
            let fix = f.fix.and_then(|fix| map_fix(fix, doc));
            let condition = dated(&entry.meta)
                .then(|| undated_condition(&entry.meta, unknown()))
                .flatten();
            let (severity, message) = match condition {
                Some(cond) => (
                    entry.severity.min(crate::diagnostic::Severity::Info),
                    format!("{}（文稿未注明日期：{cond}）", f.message),
                ),
                None => (entry.severity, f.message),
            };
            Some(Diagnostic {
                rule: entry.meta.id.clone(),
                severity,
                message,
                help: f.help,
                span,
                fix,
            })
        };
        // Each checker's findings become diagnostics as soon as it is done,
        // so a document with many findings holds them once, not twice.
        let mut findings: Vec<Finding> = Vec::new();
        let mut out: Vec<Diagnostic> = Vec::new();
        for checker in &self.checkers {
            checker.check(&ctx, &mut findings);
            out.extend(findings.drain(..).filter_map(diagnostic));
            // A checker with very many findings does not leave its room
            // to the others.
            findings.shrink_to(FINDINGS_KEPT);
        }
        sort_by_position(&mut out);
        out.dedup_by(|a, b| a.span == b.span && a.rule == b.rule && a.message == b.message);
        out
    }

    /// Drop the diagnostics that the document's inline suppression comments
    /// (`<!-- guifan-disable … -->` and friends) turn off. [`Linter::check`]
    /// applies them itself; this is for diagnostics made elsewhere, such as
    /// the corpus-wide pass over many documents.
    pub fn retain_unsuppressed(&self, doc: &Document, diagnostics: &mut Vec<Diagnostic>) {
        let suppressions = Suppressions::new(doc);
        if suppressions.ranges.is_empty() {
            return;
        }
        diagnostics.retain(|d| match self.rule(&d.rule) {
            Some(entry) => !suppressions.suppressed(&entry.meta, d.span.start),
            None => true,
        });
    }

    /// Fix `source`; `min` selects safe only, or unsafe too.
    ///
    /// A fix run applies exactly the fixes that checking `source` reports,
    /// nothing else: what `check` shows is what `fix` and `check --diff` do.
    /// Fixes that overlap an applied one are held back to a later pass, where
    /// the same finding (same rule, same span traced back through the earlier
    /// passes' edits) is looked for in the re-checked text and its fix, now
    /// computed on that text, applied. Findings that only exist because of an
    /// earlier edit (a paragraph that became the first line once the chrome
    /// above it was deleted) are never applied: they are reported by the next
    /// `check`, for the writer to decide.
    pub fn fix(&self, source: &str, options: &DocumentOptions, min: Applicability) -> FixOutcome {
        let doc = Document::new(source.to_string(), options);
        let diagnostics = self.check(&doc);
        self.fix_checked(doc, diagnostics, options, min)
    }

    /// [`Linter::fix`] of a document already checked: `diagnostics` must be
    /// what [`Linter::check`] returned for `doc` (a caller that reports the
    /// findings and then fixes, as `guifan check --diff` does, checks once
    /// instead of twice).
    pub fn fix_checked(
        &self,
        doc: Document,
        diagnostics: Vec<Diagnostic>,
        options: &DocumentOptions,
        min: Applicability,
    ) -> FixOutcome {
        let mut diagnostics = diagnostics;
        let wanted = |d: &Diagnostic| d.fix.as_ref().is_some_and(|f| f.applicability >= min);
        // The findings of the first check whose fixes are still to apply,
        // by rule and span in `source`.
        let mut pending: HashSet<(String, Span)> = diagnostics
            .iter()
            .filter(|d| wanted(d))
            .map(|d| (d.rule.clone(), d.span))
            .collect();
        let mut text = doc.into_source();
        let mut maps: Vec<EditMap> = Vec::new();
        let mut applied = 0;
        let mut fixes = Vec::new();
        let mut passes = 1;
        let trace =
            |maps: &[EditMap], span: Span| maps.iter().rev().fold(span, |s, m| m.span_before(s));
        while !pending.is_empty() && passes <= MAX_FIX_PASSES {
            let candidates: Vec<(&Fix, (String, Span))> = diagnostics
                .iter()
                .filter(|d| wanted(d))
                .filter_map(|d| {
                    let key = (d.rule.clone(), trace(&maps, d.span));
                    pending
                        .contains(&key)
                        .then(|| (d.fix.as_ref().expect("wanted"), key))
                })
                .collect();
            if candidates.is_empty() {
                // What is left was resolved by an overlapping fix.
                pending.clear();
                break;
            }
            let result = apply_fixes(&text, candidates.iter().map(|(f, _)| *f), min);
            if result.applied == 0 || result.text == text {
                pending.clear();
                break;
            }
            for &i in &result.applied_fixes {
                let (fix, key) = &candidates[i];
                let part = |f: &dyn Fn(&Edit) -> String| {
                    fix.edits.iter().map(f).collect::<Vec<_>>().join(" … ")
                };
                fixes.push(AppliedFix {
                    rule: key.0.clone(),
                    span: key.1,
                    before: part(&|e| text.get(e.span.range()).unwrap_or("").to_string()),
                    after: part(&|e| e.replacement.clone()),
                });
                pending.remove(key);
            }
            applied += result.applied;
            maps.push(result.map);
            text = result.text;
            passes += 1;
            diagnostics = self.check(&Document::new(text.clone(), options));
        }
        // Held-back fixes still reported after the last pass: not converged.
        let converged = pending.is_empty()
            || !diagnostics
                .iter()
                .filter(|d| wanted(d))
                .any(|d| pending.contains(&(d.rule.clone(), trace(&maps, d.span))));
        FixOutcome {
            text,
            applied,
            passes,
            converged,
            remaining: diagnostics,
            fixes,
        }
    }
}

/// Map a fix from prose to source coordinates; `None` if an edit cannot be
/// expressed on the file (it cuts an entity, or replaces text across a
/// block boundary). Edits never remove markup: a deletion removes only the
/// prose bytes of its span, and a replacement that spans inline markup
/// (`习近<b>苹</b>`) writes its text in place of the first run and empties
/// the others, leaving every tag where it was. Replacements are escaped for
/// HTML.
fn map_fix(fix: Fix, doc: &Document) -> Option<Fix> {
    let map = doc.source_map();
    let mut edits = Vec::with_capacity(fix.edits.len());
    for e in fix.edits {
        let replacement = match doc.format() {
            Format::Html => escape_html(&e.replacement),
            _ => e.replacement,
        };
        if e.span.is_empty() || map.is_identity() {
            edits.push(Edit {
                span: map.edit_to_source(e.span)?,
                replacement,
            });
            continue;
        }
        if !replacement.is_empty() {
            // A replacement may not swallow a block boundary.
            map.edit_to_source(e.span)?;
        }
        let runs = map.source_runs(e.span)?;
        let mut runs = runs.into_iter();
        match runs.next() {
            Some(first) => edits.push(Edit {
                span: first,
                replacement,
            }),
            None => continue,
        }
        edits.extend(runs.map(Edit::delete));
    }
    if edits.is_empty() {
        return None;
    }
    Some(Fix::new(fix.applicability, edits))
}

fn escape_html(s: &str) -> String {
    if !s.contains(['<', '>', '&']) {
        return s.to_string();
    }
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Inline suppression comments resolved to source line ranges.
struct Suppressions<'a> {
    doc: &'a Document,
    /// (first line, last line inclusive, rules) — 0-based lines.
    ranges: Vec<(usize, usize, &'a [String])>,
}

impl<'a> Suppressions<'a> {
    fn new(doc: &'a Document) -> Self {
        let directives: &[Directive] = doc.directives();
        let mut ranges = Vec::new();
        if directives.is_empty() {
            return Suppressions { doc, ranges };
        }
        let index = doc.line_index();
        let mut open: Vec<(usize, &[String])> = Vec::new();
        for d in directives {
            let line = index.line_of(d.offset);
            match d.kind {
                DirectiveKind::DisableNextLine => {
                    ranges.push((line + 1, line + 1, d.rules.as_slice()))
                }
                DirectiveKind::Disable => open.push((line, d.rules.as_slice())),
                DirectiveKind::Enable => {
                    // `enable` with rules closes matching disables; bare `enable` closes all.
                    open.retain(|(start, rules)| {
                        let closes =
                            d.rules.is_empty() || rules.iter().any(|r| d.rules.contains(r));
                        if closes {
                            ranges.push((*start, line, rules));
                        }
                        !closes
                    });
                }
            }
        }
        for (start, rules) in open {
            ranges.push((start, usize::MAX, rules));
        }
        Suppressions { doc, ranges }
    }

    fn suppressed(&self, meta: &RuleMeta, offset: usize) -> bool {
        if self.ranges.is_empty() {
            return false;
        }
        let line = self.doc.line_index().line_of(offset);
        self.ranges.iter().any(|(a, b, rules)| {
            (*a..=*b).contains(&line)
                && (rules.is_empty() || rules.iter().any(|r| selects(r, meta)))
        })
    }
}

/// A linter with only the built-in rule sets and default settings.
pub fn default_linter() -> Result<Linter, LinterError> {
    let sets = crate::ruleset::builtin_rule_sets()?;
    Linter::new(&sets, &Settings::default())
}

/// Convenience for tests and embedders: check `text` as a document of `format`.
pub fn check_text(linter: &Linter, text: &str, options: &DocumentOptions) -> Vec<Diagnostic> {
    linter.check(&Document::new(text.to_string(), options))
}

#[allow(dead_code)]
fn _assert_send_sync() {
    fn is<T: Send + Sync>() {}
    is::<Linter>();
    is::<Arc<Linter>>();
}

#[allow(dead_code)]
fn _span_unused(_: Span) {}

/// For a rule bound to a period (`since`/`until`) checking a document of
/// unknown date: the condition under which its finding holds.
fn undated_condition(meta: &crate::rule::RuleMeta, unknown: bool) -> Option<String> {
    if !unknown {
        return None;
    }
    match (meta.since, meta.until) {
        (Some(s), Some(u)) => Some(format!("若文稿写于 {s} 至 {u} 之间则应修改")),
        (Some(s), None) => Some(format!("若文稿写于 {s} 及以后则应修改")),
        (None, Some(u)) => Some(format!("若文稿写于 {u} 之前则应修改")),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;

    fn diagnostic(start: usize, end: usize, rule: &str, tag: usize) -> Diagnostic {
        Diagnostic {
            rule: rule.to_string(),
            severity: Severity::Warning,
            message: tag.to_string(),
            help: None,
            span: Span::new(start, end),
            fix: None,
        }
    }

    /// Sorting indices gives exactly the stable sort, ties in their order.
    #[test]
    fn many_diagnostics_sort_as_the_stable_sort_does() {
        let rules = ["a/x", "b/y", "c/z"];
        for n in [
            0,
            1,
            7,
            SORT_BY_INDEX_MIN - 1,
            SORT_BY_INDEX_MIN,
            3 * SORT_BY_INDEX_MIN + 5,
        ] {
            // A deterministic scramble with many ties.
            let mut seed = 0x2545_f491_4f6c_dd1d_u64;
            let mut next = || {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                seed as usize
            };
            let items: Vec<Diagnostic> = (0..n)
                .map(|tag| {
                    let start = next() % 50;
                    diagnostic(start, start + next() % 3, rules[next() % 3], tag)
                })
                .collect();
            let mut expected = items.clone();
            expected.sort_by(|a, b| {
                (a.span.start, a.span.end, &a.rule).cmp(&(b.span.start, b.span.end, &b.rule))
            });
            let mut got = items;
            sort_by_position(&mut got);
            assert_eq!(got, expected, "n = {n}");
        }
    }
}
