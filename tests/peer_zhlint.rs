//! Differential test against zhlint's own test cases.
//!
//! `shared/peer/zhlint-cases.jsonl` holds 182 behavioural cases from the test
//! suite of zhlint 0.8.2 (MIT), the best-tested open linter for Chinese
//! punctuation and spacing: input, zhlint options, zhlint's fixed output.
//! Every case is classified below, by name, as one of:
//!
//! * `Agree(policy)`: guifan's punctuation family, safe fixes, with
//!   `punctuation/cjk-latin-spacing` set to `policy`, must produce exactly
//!   zhlint's output. `Require` is used where the zhlint case encodes the
//!   tech-writing convention of a space between Chinese and Latin/digits
//!   (guifan supports it as `policy = "require"`; its default is `remove`).
//! * `Disagree(reason)`: the policies differ on purpose (official prose
//!   versus tech writing). The inverse is asserted: guifan's output differs
//!   from zhlint's.
//! * `OutOfScope(reason)`: the case tests something guifan's punctuation
//!   family does not do (markup spacing, isolated zhlint options); it is run,
//!   counted and reported, with no assertion on the output.
//!
//! No case is skipped silently: the test fails if a case has no entry or an
//! entry no case. Case names are `file :: test #n` (zhlint reuses test
//! names; `#n` is the occurrence). Inputs are read as Markdown, like zhlint.

use guifan::ruleset::builtin_rule_sets;
use guifan::settings::Settings;
use guifan::{Applicability, DocumentOptions, Format, Linter};
use std::collections::{BTreeMap, HashMap};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Policy {
    Remove,
    Require,
}

#[derive(Clone, Copy, Debug)]
enum Class {
    Agree(Policy),
    Disagree(&'static str),
    OutOfScope(&'static str),
}
use Class::*;

mod support;

fn linter(policy: Policy) -> Linter {
    let sets = builtin_rule_sets().unwrap();
    let mut settings = Settings {
        select: Some(vec!["punctuation".into()]),
        ..Settings::default()
    };
    let mut t = toml::Table::new();
    let p = match policy {
        Policy::Remove => "remove",
        Policy::Require => "require",
    };
    t.insert("policy".into(), toml::Value::String(p.into()));
    settings
        .options
        .insert("punctuation/cjk-latin-spacing".into(), t);
    Linter::new(&sets, &settings).unwrap()
}

#[test]
#[ignore = "corpus: needs ../shared/peer (or GUIFAN_SHARED); run with: cargo test --release -- --ignored"]
fn zhlint_cases() {
    let shared = support::shared();
    let text = std::fs::read_to_string(shared.join("peer/zhlint-cases.jsonl")).unwrap();
    let table: HashMap<&str, Class> = TABLE.iter().copied().collect();
    assert_eq!(table.len(), TABLE.len(), "duplicate names in TABLE");
    let linters = [
        (Policy::Remove, linter(Policy::Remove)),
        (Policy::Require, linter(Policy::Require)),
    ];
    let d = chrono::NaiveDate::from_ymd_opt(2024, 6, 1).unwrap();
    let opts = DocumentOptions {
        format: Format::Markdown,
        as_of: Some(d),
        today: d,
    };
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut used = std::collections::HashSet::new();
    let (mut agree, mut agree_require, mut disagree, mut out_of_scope) = (0, 0, 0, 0);
    let mut failures = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let case: serde_json::Value = serde_json::from_str(line).unwrap();
        let key = format!(
            "{} :: {}",
            case["file"].as_str().unwrap(),
            case["test"].as_str().unwrap()
        );
        let n = seen.entry(key.clone()).or_insert(0);
        *n += 1;
        let name = format!("{key} #{n}");
        let input = case["input"].as_str().unwrap();
        let expected = match &case["expected"] {
            serde_json::Value::String(s) => s.as_str(),
            other => other["output"].as_str().unwrap(),
        };
        let Some(class) = table.get(name.as_str()) else {
            failures.push(format!("unclassified case: {name}"));
            continue;
        };
        used.insert(name.clone());
        let run = |p: Policy| {
            let l = &linters.iter().find(|(q, _)| *q == p).unwrap().1;
            l.fix(input, &opts, Applicability::Safe).text
        };
        match class {
            Agree(p) => {
                let got = run(*p);
                if got != expected {
                    failures.push(format!(
                        "{name}: expected {expected:?}, guifan ({p:?}) gave {got:?}"
                    ));
                }
                agree += 1;
                if *p == Policy::Require {
                    agree_require += 1;
                }
            }
            Disagree(_) => {
                let got = run(Policy::Remove);
                if got == expected {
                    failures.push(format!(
                        "{name}: classified Disagree but guifan now agrees: reclassify"
                    ));
                }
                disagree += 1;
            }
            OutOfScope(_) => {
                let _ = run(Policy::Remove);
                out_of_scope += 1;
            }
        }
    }
    for (name, _) in TABLE {
        if !used.contains(*name) {
            failures.push(format!("TABLE entry matches no case: {name}"));
        }
    }
    let total = agree + disagree + out_of_scope;
    println!(
        "zhlint cases: {total}; agree {agree} ({agree_require} with policy = \"require\"), \
         disagree {disagree}, out of scope {out_of_scope}"
    );
    let mut reasons: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, c) in TABLE {
        match c {
            Disagree(r) | OutOfScope(r) => *reasons.entry(r).or_insert(0) += 1,
            Agree(_) => {}
        }
    }
    for (r, n) in reasons {
        println!("  {n:3} × {r}");
    }
    assert!(
        failures.is_empty(),
        "{} failure(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert_eq!(total, TABLE.len());
}

/// Every zhlint case, by name.
#[rustfmt::skip]
static TABLE: &[(&str, Class)] = &[
    ("examples.test.mjs :: combo lint > rule units #1", OutOfScope("Markdown/HTML/Hexo/VuePress markup spacing (inline code, links, HTML tags, heading anchors, template tags): the document readers decide what is prose, not the punctuation family")),
    ("examples.test.mjs :: combo lint > ignore HTML comment #1", Agree(Policy::Remove)),
    ("examples.test.mjs :: combo lint > disabled HTML comment #1", Agree(Policy::Remove)),
    ("examples.test.mjs :: combo lint > support vuepress-special syntax #1", Agree(Policy::Require)),
    ("examples.test.mjs :: combo lint > vuejs guide article #1", OutOfScope("Markdown/HTML/Hexo/VuePress markup spacing (inline code, links, HTML tags, heading anchors, template tags): the document readers decide what is prose, not the punctuation family")),
    ("hexo.test.mjs :: hexo lint > [hexo] one-line raw #1", Agree(Policy::Remove)),
    ("hexo.test.mjs :: hexo lint > [hexo] multiline raw #1", Agree(Policy::Remove)),
    ("hexo.test.mjs :: hexo lint > [hexo] codeblock #1", OutOfScope("Markdown/HTML/Hexo/VuePress markup spacing (inline code, links, HTML tags, heading anchors, template tags): the document readers decide what is prose, not the punctuation family")),
    ("lint.test.mjs :: lint with different arguments > ignored cases #1", Disagree("Chinese–Latin spacing: zhlint keeps or inserts spaces, guifan's default policy removes them")),
    ("lint.test.mjs :: lint with different arguments > ignored cases from Vue docs #1", OutOfScope("Markdown/HTML/Hexo/VuePress markup spacing (inline code, links, HTML tags, heading anchors, template tags): the document readers decide what is prose, not the punctuation family")),
    ("md.test.mjs :: markdown lint > [md] single paragraph #1", OutOfScope("Markdown/HTML/Hexo/VuePress markup spacing (inline code, links, HTML tags, heading anchors, template tags): the document readers decide what is prose, not the punctuation family")),
    ("md.test.mjs :: markdown lint > [md] frontmatter #1", Agree(Policy::Remove)),
    ("md.test.mjs :: markdown lint > [md] space between raw content #1", Agree(Policy::Remove)),
    ("md.test.mjs :: markdown lint > [md] space between raw content 2 #1", OutOfScope("Markdown/HTML/Hexo/VuePress markup spacing (inline code, links, HTML tags, heading anchors, template tags): the document readers decide what is prose, not the punctuation family")),
    ("md.test.mjs :: markdown lint > [md] space between raw content 3 #1", Agree(Policy::Remove)),
    ("md.test.mjs :: markdown lint > [md] raw content #1", Agree(Policy::Remove)),
    ("md.test.mjs :: markdown lint > [md] empty lines #1", Agree(Policy::Remove)),
    ("md.test.mjs :: markdown lint > [md] inline code #1", Agree(Policy::Remove)),
    ("md.test.mjs :: markdown lint > [md] footnote + inline code at the end #1", Agree(Policy::Require)),
    ("md.test.mjs :: markdown lint > [md] space between \"&\" punctuation #1", Agree(Policy::Remove)),
    ("md.test.mjs :: markdown lint > [md] duplicated space outside hyper content #1", Agree(Policy::Remove)),
    ("md.test.mjs :: markdown lint > [md] opposite side of hyper mark and bracket mark #1", Disagree("half-width () in Chinese: zhlint keeps (), GB/T 15834 and official prose use （） (and “” for 「」)")),
    ("md.test.mjs :: markdown lint > [md] space before punctuation #1", Agree(Policy::Require)),
    ("md.test.mjs :: markdown lint > [md] periods as ellipsis #1", Agree(Policy::Remove)),
    ("md.test.mjs :: markdown lint > [md] space between punctuation and hyper content #1", Disagree("Chinese–Latin spacing: zhlint keeps or inserts spaces, guifan's default policy removes them")),
    ("md.test.mjs :: markdown lint > [md] html entity #1", Agree(Policy::Require)),
    ("md.test.mjs :: markdown lint > [md] space between dash #1", Agree(Policy::Remove)),
    ("md.test.mjs :: markdown lint > [md] space between slash #1", Agree(Policy::Remove)),
    ("md.test.mjs :: markdown lint > [md] space outside hyper mark and hyper content #1", Agree(Policy::Remove)),
    ("md.test.mjs :: markdown lint > [md] space between punctuation and hyper content #2", Agree(Policy::Remove)),
    ("md.test.mjs :: markdown lint > [md] star (not punctuation) #1", Agree(Policy::Remove)),
    ("md.test.mjs :: markdown lint > [md] colon (not datetime) #1", Agree(Policy::Remove)),
    ("md.test.mjs :: markdown lint > [md] escaped markdown syntax #1", Agree(Policy::Require)),
    ("md.test.mjs :: markdown lint > [md] bracket x html tag #1", OutOfScope("Markdown/HTML/Hexo/VuePress markup spacing (inline code, links, HTML tags, heading anchors, template tags): the document readers decide what is prose, not the punctuation family")),
    ("md.test.mjs :: markdown lint > [md] special quotations group inside md mark #1", Agree(Policy::Require)),
    ("md.test.mjs :: markdown lint > [md] blockquote #1", Agree(Policy::Remove)),
    ("md.test.mjs :: markdown lint > [md] spaces in blockquotes #1", OutOfScope("Markdown/HTML/Hexo/VuePress markup spacing (inline code, links, HTML tags, heading anchors, template tags): the document readers decide what is prose, not the punctuation family")),
    ("md.test.mjs :: markdown lint > [md] infinite findMarkSeq bug #1", Agree(Policy::Remove)),
    ("md.test.mjs :: markdown lint > [md] linebreak #1", Agree(Policy::Remove)),
    ("md.test.mjs :: markdown lint > [md] space before link #1", OutOfScope("Markdown/HTML/Hexo/VuePress markup spacing (inline code, links, HTML tags, heading anchors, template tags): the document readers decide what is prose, not the punctuation family")),
    ("md.test.mjs :: markdown lint > [md] space before link #2", OutOfScope("Markdown/HTML/Hexo/VuePress markup spacing (inline code, links, HTML tags, heading anchors, template tags): the document readers decide what is prose, not the punctuation family")),
    ("md.test.mjs :: markdown lint > [md] space for md marker in the front #1", Agree(Policy::Remove)),
    ("rules.test.mjs :: lint by rules > [hyper-code] the existence of spaces around hyper code marks > forcing spaces #1", OutOfScope("spacing around inline code and <code>: Markdown/HTML markup, not prose")),
    ("rules.test.mjs :: lint by rules > [hyper-code] the existence of spaces around hyper code marks > forcing spaces #2", OutOfScope("spacing around inline code and <code>: Markdown/HTML markup, not prose")),
    ("rules.test.mjs :: lint by rules > [hyper-code] the existence of spaces around hyper code marks > forcing spaces #3", OutOfScope("spacing around inline code and <code>: Markdown/HTML markup, not prose")),
    ("rules.test.mjs :: lint by rules > [hyper-code] the existence of spaces around hyper code marks > forcing spaces #4", Agree(Policy::Remove)),
    ("rules.test.mjs :: lint by rules > [hyper-code] the existence of spaces around hyper code marks > forcing spaces #5", OutOfScope("spacing around inline code and <code>: Markdown/HTML markup, not prose")),
    ("rules.test.mjs :: lint by rules > [hyper-code] the existence of spaces around hyper code marks > forcing spaces #6", OutOfScope("spacing around inline code and <code>: Markdown/HTML markup, not prose")),
    ("rules.test.mjs :: lint by rules > [hyper-code] the existence of spaces around hyper code marks > forcing spaces #7", OutOfScope("spacing around inline code and <code>: Markdown/HTML markup, not prose")),
    ("rules.test.mjs :: lint by rules > [hyper-code] the existence of spaces around hyper code marks > forcing spaces #8", OutOfScope("spacing around inline code and <code>: Markdown/HTML markup, not prose")),
    ("rules.test.mjs :: lint by rules > [hyper-code] the existence of spaces around hyper code marks > forcing spaces #9", Agree(Policy::Remove)),
    ("rules.test.mjs :: lint by rules > [hyper-code] the existence of spaces around hyper code marks > forcing no spaces #1", Agree(Policy::Remove)),
    ("rules.test.mjs :: lint by rules > [hyper-code] the existence of spaces around hyper code marks > forcing no spaces #2", OutOfScope("spacing around inline code and <code>: Markdown/HTML markup, not prose")),
    ("rules.test.mjs :: lint by rules > [hyper-code] the existence of spaces around hyper code marks > forcing no spaces #3", OutOfScope("spacing around inline code and <code>: Markdown/HTML markup, not prose")),
    ("rules.test.mjs :: lint by rules > [hyper-code] the existence of spaces around hyper code marks > forcing no spaces #4", OutOfScope("spacing around inline code and <code>: Markdown/HTML markup, not prose")),
    ("rules.test.mjs :: lint by rules > [hyper-code] the existence of spaces around hyper code marks > forcing no spaces #5", Agree(Policy::Remove)),
    ("rules.test.mjs :: lint by rules > [hyper-code] the existence of spaces around hyper code marks > forcing no spaces #6", OutOfScope("spacing around inline code and <code>: Markdown/HTML markup, not prose")),
    ("rules.test.mjs :: lint by rules > [hyper-code] the existence of spaces around hyper code marks > forcing no spaces #7", OutOfScope("spacing around inline code and <code>: Markdown/HTML markup, not prose")),
    ("rules.test.mjs :: lint by rules > [hyper-code] the existence of spaces around hyper code marks > forcing no spaces #8", OutOfScope("spacing around inline code and <code>: Markdown/HTML markup, not prose")),
    ("rules.test.mjs :: lint by rules > [hyper-code] the existence of spaces around hyper code marks > keep the original spaces #1", Agree(Policy::Remove)),
    ("rules.test.mjs :: lint by rules > [hyper-code] the existence of spaces around hyper code marks > keep the original spaces #2", Agree(Policy::Remove)),
    ("rules.test.mjs :: lint by rules > [hyper-code] the existence of spaces around hyper code marks > keep the original spaces #3", Agree(Policy::Remove)),
    ("rules.test.mjs :: lint by rules > [hyper-code] the existence of spaces around hyper code marks > keep the original spaces #4", Agree(Policy::Remove)),
    ("rules.test.mjs :: lint by rules > [hyper-code] the existence of spaces around hyper code marks > keep the original spaces #5", Agree(Policy::Remove)),
    ("rules.test.mjs :: lint by rules > [hyper-code] the existence of spaces around hyper code marks > keep the original spaces #6", Agree(Policy::Remove)),
    ("rules.test.mjs :: lint by rules > [hyper-code] the existence of spaces around hyper code marks > keep the original spaces #7", Agree(Policy::Remove)),
    ("rules.test.mjs :: lint by rules > [hyper-code] the existence of spaces around hyper code marks > keep the original spaces #8", Agree(Policy::Remove)),
    ("rules.test.mjs :: lint by rules > [punctuation-width] format each punctuation into the right width options #1", Agree(Policy::Remove)),
    ("rules.test.mjs :: lint by rules > [punctuation-width] format each punctuation into the right width options #2", Disagree("zhlint turns （） into () in Chinese; GB/T 15834 and official prose keep （）")),
    ("rules.test.mjs :: lint by rules > [punctuation-width] format each punctuation into the right width options #3", Agree(Policy::Remove)),
    ("rules.test.mjs :: lint by rules > [punctuation-width] format each punctuation into the right width options #4", Agree(Policy::Remove)),
    ("rules.test.mjs :: lint by rules > [punctuation-width] format each punctuation into the right width options #5", Agree(Policy::Remove)),
    ("rules.test.mjs :: lint by rules > [punctuation-width] format each punctuation into the right width options #6", Agree(Policy::Remove)),
    ("rules.test.mjs :: lint by rules > [punctuation-unification] unify the punctuation choices > simplified #1", OutOfScope("「」/『』 ↔ “”/‘’ and ● unification (traditional vs simplified quote style) is not a guifan rule")),
    ("rules.test.mjs :: lint by rules > [punctuation-unification] unify the punctuation choices > simplified #2", OutOfScope("「」/『』 ↔ “”/‘’ and ● unification (traditional vs simplified quote style) is not a guifan rule")),
    ("rules.test.mjs :: lint by rules > [punctuation-unification] unify the punctuation choices > traditional #1", OutOfScope("「」/『』 ↔ “”/‘’ and ● unification (traditional vs simplified quote style) is not a guifan rule")),
    ("rules.test.mjs :: lint by rules > [punctuation-unification] unify the punctuation choices > traditional #2", OutOfScope("「」/『』 ↔ “”/‘’ and ● unification (traditional vs simplified quote style) is not a guifan rule")),
    ("rules.test.mjs :: lint by rules > [punctuation-unification] unify the punctuation choices > specified other common punctuations #1", Agree(Policy::Remove)),
    ("rules.test.mjs :: lint by rules > [punctuation-unification] unify the punctuation choices > specified other common punctuations #2", OutOfScope("「」/『』 ↔ “”/‘’ and ● unification (traditional vs simplified quote style) is not a guifan rule")),
    ("rules.test.mjs :: lint by rules > [space-content] the space between content > one and only one space between half-width content #1", OutOfScope("spacing between Latin words: not Chinese prose")),
    ("rules.test.mjs :: lint by rules > [space-content] the space between content > no space between full-width content #1", Disagree("a short single line without 。 is a headline to guifan: the spaces in it are clause separators and are kept")),
    ("rules.test.mjs :: lint by rules > [space-content] the space between content > one space between mixed-width content #1", Agree(Policy::Require)),
    ("rules.test.mjs :: lint by rules > [space-content] the space between content > no space between mixed-width content #1", Disagree("a short single line without 。 is a headline to guifan: the spaces in it are clause separators and are kept")),
    ("rules.test.mjs :: lint by rules > [space-punctuation] the space between content and punctuation > no space before punctuation #1", OutOfScope("zhlint unit test of one spacing option on inputs that guifan also fixes in width and quote form; the outputs are not comparable one to one")),
    ("rules.test.mjs :: lint by rules > [space-punctuation] the space between content and punctuation > no space before punctuation #2", OutOfScope("zhlint unit test of one spacing option on inputs that guifan also fixes in width and quote form; the outputs are not comparable one to one")),
    ("rules.test.mjs :: lint by rules > [space-punctuation] the space between content and punctuation > no space before punctuation #3", OutOfScope("zhlint unit test of one spacing option on inputs that guifan also fixes in width and quote form; the outputs are not comparable one to one")),
    ("rules.test.mjs :: lint by rules > [space-punctuation] the space between content and punctuation > no space before punctuation #4", OutOfScope("zhlint unit test of one spacing option on inputs that guifan also fixes in width and quote form; the outputs are not comparable one to one")),
    ("rules.test.mjs :: lint by rules > [space-punctuation] the space between content and punctuation > no space before punctuation #5", OutOfScope("zhlint unit test of one spacing option on inputs that guifan also fixes in width and quote form; the outputs are not comparable one to one")),
    ("rules.test.mjs :: lint by rules > [space-punctuation] the space between content and punctuation > no space before punctuation #6", OutOfScope("zhlint unit test of one spacing option on inputs that guifan also fixes in width and quote form; the outputs are not comparable one to one")),
    ("rules.test.mjs :: lint by rules > [space-punctuation] the space between content and punctuation > no space before punctuation #7", OutOfScope("zhlint unit test of one spacing option on inputs that guifan also fixes in width and quote form; the outputs are not comparable one to one")),
    ("rules.test.mjs :: lint by rules > [space-punctuation] the space between content and punctuation > no space before punctuation #8", OutOfScope("zhlint unit test of one spacing option on inputs that guifan also fixes in width and quote form; the outputs are not comparable one to one")),
    ("rules.test.mjs :: lint by rules > [space-punctuation] the space between content and punctuation > no space before punctuation #9", OutOfScope("zhlint unit test of one spacing option on inputs that guifan also fixes in width and quote form; the outputs are not comparable one to one")),
    ("rules.test.mjs :: lint by rules > [space-punctuation] the space between content and punctuation > one space after half-width punctuation #1", OutOfScope("zhlint unit test of one spacing option on inputs that guifan also fixes in width and quote form; the outputs are not comparable one to one")),
    ("rules.test.mjs :: lint by rules > [space-punctuation] the space between content and punctuation > one space after half-width punctuation #2", OutOfScope("zhlint unit test of one spacing option on inputs that guifan also fixes in width and quote form; the outputs are not comparable one to one")),
    ("rules.test.mjs :: lint by rules > [space-punctuation] the space between content and punctuation > one space after half-width punctuation #3", OutOfScope("zhlint unit test of one spacing option on inputs that guifan also fixes in width and quote form; the outputs are not comparable one to one")),
    ("rules.test.mjs :: lint by rules > [space-punctuation] the space between content and punctuation > no space after full-width punctuation #1", OutOfScope("zhlint unit test of one spacing option on inputs that guifan also fixes in width and quote form; the outputs are not comparable one to one")),
    ("rules.test.mjs :: lint by rules > [space-punctuation] the space between content and punctuation > no space after full-width punctuation #2", OutOfScope("zhlint unit test of one spacing option on inputs that guifan also fixes in width and quote form; the outputs are not comparable one to one")),
    ("rules.test.mjs :: lint by rules > [space-punctuation] the space between content and punctuation > no space after full-width punctuation #3", OutOfScope("zhlint unit test of one spacing option on inputs that guifan also fixes in width and quote form; the outputs are not comparable one to one")),
    ("rules.test.mjs :: lint by rules > [space-quotation] the space around quotations > no space inside #1", Disagree("spacing around quotation marks is a zhlint typographic option; guifan turns ASCII quotes in Chinese into “” and treats a short line without 。 as a headline whose spaces it keeps")),
    ("rules.test.mjs :: lint by rules > [space-quotation] the space around quotations > no space inside #2", Disagree("spacing around quotation marks is a zhlint typographic option; guifan turns ASCII quotes in Chinese into “” and treats a short line without 。 as a headline whose spaces it keeps")),
    ("rules.test.mjs :: lint by rules > [space-quotation] the space around quotations > one space outside half quotation #1", Agree(Policy::Remove)),
    ("rules.test.mjs :: lint by rules > [space-quotation] the space around quotations > one space outside half quotation #2", Agree(Policy::Remove)),
    ("rules.test.mjs :: lint by rules > [space-quotation] the space around quotations > one space outside half quotation #3", Disagree("spacing around quotation marks is a zhlint typographic option; guifan turns ASCII quotes in Chinese into “” and treats a short line without 。 as a headline whose spaces it keeps")),
    ("rules.test.mjs :: lint by rules > [space-quotation] the space around quotations > no space outside half quotation #1", Disagree("spacing around quotation marks is a zhlint typographic option; guifan turns ASCII quotes in Chinese into “” and treats a short line without 。 as a headline whose spaces it keeps")),
    ("rules.test.mjs :: lint by rules > [space-quotation] the space around quotations > no space outside half quotation #2", Disagree("spacing around quotation marks is a zhlint typographic option; guifan turns ASCII quotes in Chinese into “” and treats a short line without 。 as a headline whose spaces it keeps")),
    ("rules.test.mjs :: lint by rules > [space-quotation] the space around quotations > no space outside half quotation #3", Agree(Policy::Remove)),
    ("rules.test.mjs :: lint by rules > [space-quotation] the space around quotations > no space outside full quotation #1", Disagree("spacing around quotation marks is a zhlint typographic option; guifan turns ASCII quotes in Chinese into “” and treats a short line without 。 as a headline whose spaces it keeps")),
    ("rules.test.mjs :: lint by rules > [space-quotation] the space around quotations > no space outside full quotation #2", Disagree("spacing around quotation marks is a zhlint typographic option; guifan turns ASCII quotes in Chinese into “” and treats a short line without 。 as a headline whose spaces it keeps")),
    ("rules.test.mjs :: lint by rules > [space-quotation] the space around quotations > no space outside full quotation #3", Disagree("spacing around quotation marks is a zhlint typographic option; guifan turns ASCII quotes in Chinese into “” and treats a short line without 。 as a headline whose spaces it keeps")),
    ("rules.test.mjs :: lint by rules > [space-quotation] the space around quotations > with adjustedFullWidthOption option #1", Agree(Policy::Remove)),
    ("rules.test.mjs :: lint by rules > [space-quotation] the space around quotations > with adjustedFullWidthOption option #2", Agree(Policy::Remove)),
    ("rules.test.mjs :: lint by rules > [space-quotation] the space around quotations > with adjustedFullWidthOption option #3", Agree(Policy::Remove)),
    ("rules.test.mjs :: lint by rules > [space-bracket] the space around brackets > no space inside #1", Agree(Policy::Remove)),
    ("rules.test.mjs :: lint by rules > [space-bracket] the space around brackets > no space inside #2", OutOfScope("zhlint's isolated bracket-spacing option; guifan has no bracket-spacing rule (it converts brackets around Chinese to （）)")),
    ("rules.test.mjs :: lint by rules > [space-bracket] the space around brackets > no space inside #3", Agree(Policy::Remove)),
    ("rules.test.mjs :: lint by rules > [space-bracket] the space around brackets > no space inside #4", OutOfScope("zhlint's isolated bracket-spacing option; guifan has no bracket-spacing rule (it converts brackets around Chinese to （）)")),
    ("rules.test.mjs :: lint by rules > [space-bracket] the space around brackets > one space outside halfwidth bracket #1", Agree(Policy::Remove)),
    ("rules.test.mjs :: lint by rules > [space-bracket] the space around brackets > one space outside halfwidth bracket #2", OutOfScope("zhlint's isolated bracket-spacing option; guifan has no bracket-spacing rule (it converts brackets around Chinese to （）)")),
    ("rules.test.mjs :: lint by rules > [space-bracket] the space around brackets > one space outside halfwidth bracket #3", Agree(Policy::Remove)),
    ("rules.test.mjs :: lint by rules > [space-bracket] the space around brackets > one space outside fullwidth bracket #1", OutOfScope("zhlint's isolated bracket-spacing option; guifan has no bracket-spacing rule (it converts brackets around Chinese to （）)")),
    ("rules.test.mjs :: lint by rules > [space-bracket] the space around brackets > no space outside halfwidth bracket #1", Agree(Policy::Remove)),
    ("rules.test.mjs :: lint by rules > [space-bracket] the space around brackets > no space outside halfwidth bracket #2", OutOfScope("zhlint's isolated bracket-spacing option; guifan has no bracket-spacing rule (it converts brackets around Chinese to （）)")),
    ("rules.test.mjs :: lint by rules > [space-bracket] the space around brackets > with adjustedFullWidthOption option #1", OutOfScope("zhlint's isolated bracket-spacing option; guifan has no bracket-spacing rule (it converts brackets around Chinese to （）)")),
    ("rules.test.mjs :: lint by rules > [skip-pure-western] skip the content with full of western letters and punctuations > skip pure western #1", Agree(Policy::Remove)),
    ("rules.test.mjs :: lint by rules > [skip-pure-western] skip the content with full of western letters and punctuations > handle mixed content #1", Agree(Policy::Remove)),
    ("rules.test.mjs :: lint by cases > [case-linebreak] keep the linebreaks #1", Agree(Policy::Remove)),
    ("rules.test.mjs :: lint by cases > [case-zh-units] #1", Agree(Policy::Remove)),
    ("rules.test.mjs :: lint by cases > [case-zh-units] #2", Disagree("half-width () in Chinese: zhlint keeps (), GB/T 15834 and official prose use （） (and “” for 「」)")),
    ("rules.test.mjs :: lint by cases > [case-zh-units] #3", Agree(Policy::Remove)),
    ("rules.test.mjs :: lint by cases > [case-abbrs] #1", Agree(Policy::Remove)),
    ("rules.test.mjs :: lint by cases > [case] backslash #1", Agree(Policy::Remove)),
    ("rules.test.mjs :: lint by cases > [case] backslash #2", Agree(Policy::Remove)),
    ("rules.test.mjs :: lint by cases > [case] ellipsis #1", Agree(Policy::Remove)),
    ("rules.test.mjs :: lint by cases > [case] ellipsis #2", Agree(Policy::Remove)),
    ("rules.test.mjs :: lint by cases > [case] ellipsis #3", Agree(Policy::Remove)),
    ("rules.test.mjs :: lint by cases > [case] ellipsis #4", Agree(Policy::Remove)),
    ("rules.test.mjs :: lint by cases > [case] URL #1", Agree(Policy::Remove)),
    ("rules.test.mjs :: lint by cases > [case] URL #2", Agree(Policy::Remove)),
    ("rules.test.mjs :: lint by cases > [case] URL #3", Agree(Policy::Remove)),
    ("rules.test.mjs :: lint by cases > [case] slash character #1", Agree(Policy::Remove)),
    ("rules.test.mjs :: lint by cases > [case] special characters #1", Disagree("half-width () in Chinese: zhlint keeps (), GB/T 15834 and official prose use （） (and “” for 「」)")),
    ("rules.test.mjs :: lint by cases > [case] half-content x mark x half-content #1", Agree(Policy::Remove)),
    ("rules.test.mjs :: lint by cases > [case] plural brackets #1", Agree(Policy::Remove)),
    ("rules.test.mjs :: lint by cases > [case] single quotation for shorthand #1", Agree(Policy::Remove)),
    ("rules.test.mjs :: lint by cases > [case] single quotation for shorthand #2", Agree(Policy::Remove)),
    ("rules.test.mjs :: lint by cases > [case] single quotation for shorthand #3", Agree(Policy::Remove)),
    ("rules.test.mjs :: lint by cases > [case] math exp #1", Agree(Policy::Remove)),
    ("rules.test.mjs :: lint by cases > [case] math exp #2", Agree(Policy::Remove)),
    ("rules.test.mjs :: lint by cases > [case] math exp #3", Agree(Policy::Remove)),
    ("rules.test.mjs :: lint by cases > [case] math exp #4", Agree(Policy::Remove)),
    ("rules.test.mjs :: lint by cases > [case] math exp #5", Agree(Policy::Remove)),
    ("rules.test.mjs :: lint by cases > [case] arrow chars #1", Agree(Policy::Remove)),
    ("rules.test.mjs :: lint by cases > [case] curly brackets #1", Agree(Policy::Remove)),
    ("rules.test.mjs :: lint by cases > [case] curly brackets #2", OutOfScope("Markdown/HTML/Hexo/VuePress markup spacing (inline code, links, HTML tags, heading anchors, template tags): the document readers decide what is prose, not the punctuation family")),
    ("rules.test.mjs :: lint by cases > [case] curly brackets #3", Agree(Policy::Remove)),
    ("uncategorized.test.mjs :: lint by issues > #11: hyphen between number #1", Agree(Policy::Remove)),
    ("uncategorized.test.mjs :: lint by issues > #13 VitePress tags #1", Agree(Policy::Require)),
    ("uncategorized.test.mjs :: lint by issues > #23: two dots only #1", Agree(Policy::Remove)),
    ("uncategorized.test.mjs :: lint by issues > #35 parse error #1", Disagree("quotes around Latin text and spaces outside ‘’: zhlint's tech-writing spacing; guifan converts ASCII single quotes only around Chinese and never adds spaces")),
    ("uncategorized.test.mjs :: lint by issues > #18 unmatched brackets #1", Agree(Policy::Remove)),
    ("uncategorized.test.mjs :: lint by issues > #18 unmatched brackets #2", Agree(Policy::Remove)),
    ("uncategorized.test.mjs :: lint by issues > #126 (1) #1", Disagree("quotes around Latin text and spaces outside ‘’: zhlint's tech-writing spacing; guifan converts ASCII single quotes only around Chinese and never adds spaces")),
    ("uncategorized.test.mjs :: lint by issues > #126 (1) extended #1", Disagree("quotes around Latin text and spaces outside ‘’: zhlint's tech-writing spacing; guifan converts ASCII single quotes only around Chinese and never adds spaces")),
    ("uncategorized.test.mjs :: lint by issues > #126 (1) extended #2", Disagree("quotes around Latin text and spaces outside ‘’: zhlint's tech-writing spacing; guifan converts ASCII single quotes only around Chinese and never adds spaces")),
    ("uncategorized.test.mjs :: lint by issues > #126 (2) #1", Agree(Policy::Remove)),
    ("uncategorized.test.mjs :: lint by issues > #126 (3) #1", Agree(Policy::Remove)),
    ("uncategorized.test.mjs :: lint by issues > #140 (1) #1", Agree(Policy::Require)),
    ("uncategorized.test.mjs :: lint by issues > #140 (2) #1", Agree(Policy::Remove)),
    ("uncategorized.test.mjs :: lint by issues > #140 (3) #1", Agree(Policy::Remove)),
    ("uncategorized.test.mjs :: lint by issues > #140 (4) #1", Disagree("`...` right after Chinese is a Chinese ellipsis to guifan (→ ……)")),
    ("uncategorized.test.mjs :: lint by issues > #140 (5) #1", Disagree("`...` right after Chinese is a Chinese ellipsis to guifan (→ ……)")),
    ("uncategorized.test.mjs :: lint from v3.cn.vuejs.org > #63 computed() #1", Agree(Policy::Remove)),
    ("uncategorized.test.mjs :: lint from v3.cn.vuejs.org > #67 spaces around () #1", Disagree("half-width () in Chinese: zhlint keeps (), GB/T 15834 and official prose use （） (and “” for 「」)")),
    ("uncategorized.test.mjs :: lint from v3.cn.vuejs.org > #69 spaces around () and “” #1", Disagree("half-width () in Chinese: zhlint keeps (), GB/T 15834 and official prose use （） (and “” for 「」)")),
    ("uncategorized.test.mjs :: lint from v3.cn.vuejs.org > #72 spaces around `` and 、 #1", Agree(Policy::Remove)),
    ("uncategorized.test.mjs :: lint from v3.cn.vuejs.org > #70 spaces around [``] and 、 #1", Agree(Policy::Remove)),
    ("uncategorized.test.mjs :: lint from v3.cn.vuejs.org > #71 spaces around [``] and （） #1", Disagree("half-width () in Chinese: zhlint keeps (), GB/T 15834 and official prose use （） (and “” for 「」)")),
    ("uncategorized.test.mjs :: lint from v3.cn.vuejs.org > #74 wrong parsing on api/index.md #1", Agree(Policy::Remove)),
    ("uncategorized.test.mjs :: lint from v3.cn.vuejs.org > #159 unexpected function () { [native code] } #1", Agree(Policy::Remove)),
    ("vuepress.test.mjs :: vuepress lint > [vuepress] simple custom container #1", Agree(Policy::Require)),
    ("vuepress.test.mjs :: vuepress lint > [vuepress] custom container with default title #1", Agree(Policy::Require)),
    ("vuepress.test.mjs :: vuepress lint > [vuepress] custom container with custom title #1", Agree(Policy::Require)),
];
