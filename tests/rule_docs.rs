//! The documentation of every native rule (the `//!` comment of its source
//! file, shown by `guifan explain`, the web page and LSP hover) is written in
//! Chinese, follows one section layout, and passes guifan's own checks.

use chrono::NaiveDate;
use guifan::ruleset::builtin_rule_sets;
use guifan::{Document, DocumentOptions, Format, Linter, Settings, Severity, default_linter};

/// The sections every rule's documentation has, in this order.
const CORE_SECTIONS: [&str; 4] = ["检查什么", "不报告的情形", "修复", "依据"];

/// Further sections a rule may add where it has more to say.
const EXTRA_SECTIONS: [&str; 5] = [
    "运行方式",
    "如何判断“同一职务”",
    "如何比较职务",
    "参数",
    "数据",
];

fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
        || c == '〇'
}

/// `line` without its code spans (the text between backticks).
fn prose(line: &str) -> String {
    line.split('`').step_by(2).collect()
}

/// `(Han characters, Latin letters)` in `text`.
fn counts(text: &str) -> (usize, usize) {
    let han = text.chars().filter(|&c| is_han(c)).count();
    let latin = text.chars().filter(char::is_ascii_alphabetic).count();
    (han, latin)
}

/// The first run of three or more Latin words separated by single spaces.
fn english_phrase(text: &str) -> Option<String> {
    let mut words: Vec<&str> = Vec::new();
    for piece in text.split(|c: char| !(c.is_ascii_alphabetic() || c == ' ')) {
        words.clear();
        for w in piece.split(' ') {
            if w.is_empty() {
                if words.len() >= 3 {
                    return Some(words.join(" "));
                }
                words.clear();
            } else {
                words.push(w);
            }
        }
        if words.len() >= 3 {
            return Some(words.join(" "));
        }
    }
    None
}

fn docs() -> Vec<(&'static str, &'static str)> {
    let docs: Vec<_> = guifan::rules::native_rule_ids()
        .map(|id| {
            let doc = guifan::rules::native_doc(id)
                .unwrap_or_else(|| panic!("{id}: no source file with a doc comment"));
            (id, doc)
        })
        .collect();
    assert!(docs.len() >= 50, "only {} native rules found", docs.len());
    docs
}

/// What is wrong with the language or layout of one rule's documentation.
fn doc_problems(id: &str, doc: &str) -> Vec<String> {
    let mut failures = Vec::new();
    let lines: Vec<&str> = doc.lines().collect();
    // The first line is the one-line summary.
    let first = lines.first().copied().unwrap_or_default();
    let (han, latin) = counts(&prose(first));
    if han < 4 || latin > han {
        failures.push(format!("{id}: summary line is not Chinese: {first}"));
    }
    // No English phrase outside code spans: an untranslated sentence
    // shows up here (names such as `GB/T`, `Markdown` or `MinHash` are
    // single words).
    for line in &lines {
        if let Some(phrase) = english_phrase(&prose(line)) {
            failures.push(format!("{id}: English `{phrase}` in: {line}"));
        }
    }
    let (han, latin) = counts(&prose(doc));
    if (han as f64) < 0.85 * (han + latin) as f64 {
        failures.push(format!(
            "{id}: only {han} Han characters against {latin} Latin letters"
        ));
    }
    // The section layout: the core sections once each and in order, and
    // no heading outside the known set (an English `## Why` fails here).
    let headings: Vec<&str> = lines.iter().filter_map(|l| l.strip_prefix("## ")).collect();
    for h in &headings {
        if !CORE_SECTIONS.contains(h) && !EXTRA_SECTIONS.contains(h) {
            failures.push(format!("{id}: unknown section `## {h}`"));
        }
    }
    let core: Vec<&str> = headings
        .iter()
        .copied()
        .filter(|h| CORE_SECTIONS.contains(h))
        .collect();
    if core != CORE_SECTIONS {
        failures.push(format!(
            "{id}: sections {core:?}, expected {CORE_SECTIONS:?} in this order"
        ));
    }
    for (i, line) in lines.iter().enumerate() {
        if line.starts_with("## ") && lines.get(i + 1).is_none_or(|next| next.is_empty()) {
            failures.push(format!("{id}: empty section `{line}`"));
        }
    }
    failures
}

#[test]
fn every_native_rule_is_documented_in_chinese() {
    let failures: Vec<String> = docs()
        .into_iter()
        .flat_map(|(id, doc)| doc_problems(id, doc))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The language check rejects English documentation, and a Chinese text
/// that lacks a section.
#[test]
fn the_language_check_can_fail() {
    let english = "Half-width `,` in Chinese text.\n\n## What it does\nFlags the ASCII comma when it belongs to Chinese text.\n\n## Fix safety\nSafe: the replacement changes the glyph width only.";
    let problems = doc_problems("x/english", english);
    assert!(
        problems.iter().any(|p| p.contains("summary line")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.contains("English `Flags the ASCII")),
        "{problems:?}"
    );
    assert!(
        problems.iter().any(|p| p.contains("unknown section")),
        "{problems:?}"
    );
    let chinese = "中文文本中的半角逗号\n\n## 检查什么\n报告属于中文文本的半角逗号。\n\n## 修复\n安全修复：只改变字形宽度。\n\n## 依据\n标点符号用法第5.1条。";
    let problems = doc_problems("x/chinese", chinese);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("in this order"), "{problems:?}");
}

/// Checked as Markdown with the default rules and with every rule (the
/// off-by-default ones too; the corpus-wide ones report nothing on a single
/// document), with document dates in a leap year and in ordinary years (date
/// rules judge bare dates against it). Nothing at any severity is allowed.
#[test]
fn native_rule_docs_pass_guifan_itself() {
    let all = Settings {
        select: Some(vec!["all".into()]),
        ..Settings::default()
    };
    let linters = [
        (
            "default rules",
            default_linter().expect("built-in rules load"),
        ),
        (
            "all rules",
            Linter::new(&builtin_rule_sets().unwrap(), &all).expect("select all"),
        ),
    ];
    let mut failures = Vec::new();
    for ((y, m, d), (which, linter)) in [(2024, 2, 29), (2026, 1, 1), (2026, 12, 31)]
        .into_iter()
        .flat_map(|date| linters.iter().map(move |l| (date, l)))
    {
        let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let mut options = DocumentOptions::new(Format::Markdown, date);
        options.as_of = Some(date);
        for (id, doc) in docs() {
            let document = Document::new(doc.to_string(), &options);
            for d in linter.check(&document) {
                let text = &doc[d.span.start..d.span.end];
                failures.push(format!(
                    "{id} ({which}, as of {date}): {} {}: {} (`{text}`)",
                    d.severity.as_str(),
                    d.rule,
                    d.message
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The checker does see problems in a rule's documentation: the same
/// Markdown reader and rules flag a doc with a half-width comma in its prose,
/// and leave the same text alone inside a code span.
#[test]
fn the_dogfooding_check_can_fail() {
    let linter = default_linter().unwrap();
    let options = DocumentOptions::new(
        Format::Markdown,
        NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
    );
    let bad = "## 检查什么\n报告中文里的半角逗号,并改为全角。\n";
    let rules: Vec<String> = linter
        .check(&Document::new(bad.to_string(), &options))
        .into_iter()
        .filter(|d| d.severity >= Severity::Warning)
        .map(|d| d.rule)
        .collect();
    assert!(rules.contains(&"punctuation/halfwidth-in-cjk".to_string()));
    let quoted = "## 检查什么\n报告`中文里的半角逗号,并改为全角`这类写法。\n";
    assert!(
        linter
            .check(&Document::new(quoted.to_string(), &options))
            .is_empty()
    );
}
