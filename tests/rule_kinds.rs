//! The data-driven rule kinds (README, "Writing rule sets"): every kind through `RuleSet::parse`,
//! `Linter::new`, `check` and `fix`; load-time validation with line numbers;
//! the inline examples of our fixtures; and throughput on real text (corpus
//! tests, ignored by default: see `support`).

use guifan::engine::examples::check_examples;
use guifan::{
    Applicability, Diagnostic, Document, DocumentOptions, Format, Linter, RuleSet, Settings,
    SourceError,
};
use std::path::PathBuf;

mod support;

fn options() -> DocumentOptions {
    DocumentOptions::new(
        Format::Plain,
        chrono::NaiveDate::from_ymd_opt(2024, 6, 1).unwrap(),
    )
}

fn linter(toml: &str) -> Linter {
    let set = RuleSet::parse("test.toml", toml).unwrap_or_else(|e| panic!("parse: {e:?}"));
    Linter::new(&[set], &Settings::default()).unwrap_or_else(|e| panic!("build: {e:?}"))
}

fn check(l: &Linter, text: &str) -> Vec<Diagnostic> {
    l.check(&Document::new(text.to_string(), &options()))
}

/// The matched texts of the diagnostics.
fn matched(text: &str, found: &[Diagnostic]) -> Vec<String> {
    found
        .iter()
        .map(|d| text[d.span.start..d.span.end].to_string())
        .collect()
}

fn fix(l: &Linter, text: &str) -> String {
    l.fix(text, &options(), Applicability::Unsafe).text
}

fn load_error(toml: &str) -> SourceError {
    match RuleSet::parse("test.toml", toml) {
        Ok(_) => panic!("expected a load error for:\n{toml}"),
        Err(e) => e,
    }
}

fn rule(kind: &str, body: &str) -> String {
    format!(
        "[[rule]]\nid = \"terminology/test-rule\"\nkind = \"{kind}\"\nsummary = \"测试\"\n{body}\n"
    )
}

// ---------------------------------------------------------------- fixtures

fn fixture(name: &str) -> RuleSet {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    RuleSet::parse(&path.display().to_string(), &text).unwrap_or_else(|e| panic!("{e:?}"))
}

fn assert_examples(set: RuleSet) {
    let failures = check_examples(&[set]);
    assert!(
        failures.is_empty(),
        "{} example(s) failed:\n{}",
        failures.len(),
        failures
            .iter()
            .map(|f| format!("  {f}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn kinds_fixture_examples_hold() {
    let set = fixture("rulesets/kinds.toml");
    let kinds: std::collections::BTreeSet<&str> =
        set.rules.iter().map(|r| r.meta.kind.as_str()).collect();
    assert_eq!(kinds.len(), 6, "one rule of every kind: {kinds:?}");
    assert_examples(set);
}

#[test]
fn house_style_examples_hold() {
    assert_examples(fixture("house-style.toml"));
}

// ---------------------------------------------------------------- existence

#[test]
fn existence_flags_every_token_with_guards() {
    let l = linter(&rule(
        "existence",
        r#"message = "不用“{match}”"
tokens = ["部署", "顶级"]
exceptions = ["亲自部署"]
not-after = ["不"]
not-before = ["期刊"]"#,
    ));
    let text = "亲自部署。作出部署。顶级期刊。顶级水平。不顶级。";
    let found = check(&l, text);
    assert_eq!(matched(text, &found), ["部署", "顶级"]);
    assert_eq!(found[0].message, "不用“部署”");
    assert!(found.iter().all(|d| d.fix.is_none()));
}

#[test]
fn word_boundary_protects_the_jieba_trap() {
    // jieba cuts 叫做为人民服务 as 叫做/为/人民/服务: 做为 starts inside 叫做.
    let body = |b: &str| {
        rule(
            "substitution",
            &format!("fix = \"safe\"\nswap = {{ \"做为\" = \"作为\" }}\nboundary = \"{b}\""),
        )
    };
    let trap = "这就叫做为人民服务。";
    let real = "他做为代表发言。";
    let word = linter(&body("word"));
    assert!(check(&word, trap).is_empty());
    assert_eq!(fix(&word, real), "他作为代表发言。");
    let literal = linter(&body("literal"));
    assert_eq!(
        check(&literal, trap).len(),
        1,
        "the literal rule falls in the trap"
    );
}

// ------------------------------------------------------------- substitution

#[test]
fn general_secretary_regression_with_guard() {
    let l = linter(&rule(
        "substitution",
        r#"fix = "unsafe"
swap = { "总书记" = "习近平总书记" }
not-after = ["习近平"]"#,
    ));
    assert!(check(&l, "习近平总书记强调，要坚持人民至上。").is_empty());
    assert_eq!(fix(&l, "总书记强调。"), "习近平总书记强调。");
}

#[test]
fn substitution_never_fires_where_the_text_already_reads_as_the_replacement() {
    // No guard at all: the replacement contains the match, and the text spells it.
    let l = linter(&rule(
        "substitution",
        r#"fix = "unsafe"
message = "“{match}”应为“{replacement}”"
swap = { "总书记" = "习近平总书记", "大湾区" = "粤港澳大湾区", "交大" = "西安交大" }"#,
    ));
    for good in [
        "习近平总书记强调，要坚持人民至上。",
        "粤港澳大湾区建设。",
        "西安交大师生。",
    ] {
        assert!(check(&l, good).is_empty(), "{good}");
    }
    let text = "总书记强调，大湾区建设要提速。";
    let found = check(&l, text);
    assert_eq!(matched(text, &found), ["总书记", "大湾区"]);
    assert_eq!(found[0].message, "“总书记”应为“习近平总书记”");
    assert_eq!(fix(&l, text), "习近平总书记强调，粤港澳大湾区建设要提速。");
    // Idempotent.
    assert_eq!(fix(&l, &fix(&l, text)), fix(&l, text));
}

#[test]
fn substitution_without_fix_reports_but_does_not_fix() {
    let l = linter(&rule("substitution", r#"swap = { "其它" = "其他" }"#));
    let found = check(&l, "其它单位。");
    assert_eq!(found.len(), 1);
    assert!(found[0].fix.is_none());
    assert_eq!(found[0].help.as_deref(), Some("改为“其他”"));
}

#[test]
fn one_automaton_across_rules_leftmost_longest_and_shared_literals() {
    let set = RuleSet::parse(
        "t.toml",
        r#"
[[rule]]
id = "terminology/a"
kind = "existence"
summary = "a"
tokens = ["大学", "交通"]

[[rule]]
id = "terminology/b"
kind = "substitution"
summary = "b"
fix = "safe"
swap = { "交通大学" = "交大", "大学" = "高校" }
not-before = ["生"]
"#,
    )
    .unwrap();
    let l = Linter::new(&[set], &Settings::default()).unwrap();
    // 交通大学 (rule b, longest) wins over 交通 (rule a) at the same start.
    let text = "西安交通大学";
    let found = check(&l, text);
    assert_eq!(matched(text, &found), ["交通大学"]);
    assert_eq!(found[0].rule, "terminology/b");
    // One literal in two rules: both report it.
    let text = "大学";
    let rules: Vec<String> = check(&l, text).into_iter().map(|d| d.rule).collect();
    assert_eq!(rules, ["terminology/a", "terminology/b"]);
    // A longer match rejected by its guards gives a shorter one its chance.
    let set = RuleSet::parse(
        "t.toml",
        r#"
[[rule]]
id = "terminology/long"
kind = "existence"
summary = "long"
tokens = ["交通大学"]
not-before = ["附属"]

[[rule]]
id = "terminology/short"
kind = "existence"
summary = "short"
tokens = ["大学"]
"#,
    )
    .unwrap();
    let l = Linter::new(&[set], &Settings::default()).unwrap();
    let text = "交通大学附属中学";
    let found = check(&l, text);
    assert_eq!(matched(text, &found), ["大学"]);
    assert_eq!(found[0].rule, "terminology/short");
}

// ----------------------------------------------------------------- sequence

const FOUR_CONFIDENCES: &str = r#"fix = "unsafe"
message = "{problem}"
name = "四个自信"
members = ["道路自信", "理论自信", "制度自信", "文化自信"]"#;

#[test]
fn sequence_wrong_order_is_reordered() {
    let l = linter(&rule("sequence", FOUR_CONFIDENCES));
    let text = "坚定制度自信、道路自信、理论自信和文化自信。";
    let found = check(&l, text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        matched(text, &found),
        ["制度自信、道路自信、理论自信和文化自信"]
    );
    assert!(found[0].message.contains("顺序"));
    assert_eq!(
        fix(&l, text),
        "坚定道路自信、理论自信、制度自信和文化自信。"
    );
    // A partial list in the wrong order is reported and reordered too.
    assert_eq!(
        fix(&l, "增强文化自信和道路自信。"),
        "增强道路自信和文化自信。"
    );
}

#[test]
fn sequence_foreign_member_is_flagged_and_replaced_when_unambiguous() {
    let l = linter(&rule("sequence", FOUR_CONFIDENCES));
    let text = "坚定道路自信、政治自信、制度自信、文化自信。";
    let found = check(&l, text);
    assert_eq!(matched(text, &found), ["政治自信"]);
    assert_eq!(found[0].message, "“政治自信”不是“四个自信”的组成部分");
    assert_eq!(
        fix(&l, text),
        "坚定道路自信、理论自信、制度自信、文化自信。"
    );
    // Before the first separator, only with strong evidence (n-1 members).
    let text = "坚定政治自信、理论自信、制度自信、文化自信。";
    assert_eq!(matched(text, &check(&l, text)), ["政治自信"]);
    for good in [
        "增强自信、道路自信和理论自信是一致的。",
        "我们充满自信、道路自信、理论自信、制度自信、文化自信。",
        "坚定道路自信、理论自信，增强自信。",
    ] {
        assert!(check(&l, good).is_empty(), "{good}: {:?}", check(&l, good));
    }
}

#[test]
fn sequence_missing_member() {
    let l = linter(&rule("sequence", FOUR_CONFIDENCES));
    // n-1 members without the name.
    let text = "坚定道路自信、理论自信、文化自信。";
    let found = check(&l, text);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].message, "缺少“制度自信”");
    // Name next to the list: any missing member.
    let text = "坚定“四个自信”，即道路自信、文化自信。";
    assert_eq!(check(&l, text)[0].message, "缺少“理论自信”“制度自信”");
    let text = "道路自信、理论自信这“四个自信”。";
    assert_eq!(check(&l, text).len(), 1);
    // Legitimate mentions of some members.
    for good in [
        "增强道路自信和文化自信。",
        "坚定“四个自信”，特别是道路自信和文化自信。",
        "坚定道路自信、理论自信、制度自信、文化自信。",
        "坚定道路自信，增强文化自信。",
        "道路自信。理论自信。",
        "他说：“我们有坚定的道路自信、理论自信、制度自信。”",
    ] {
        assert!(check(&l, good).is_empty(), "{good}: {:?}", check(&l, good));
    }
}

#[test]
fn sequence_repeated_member() {
    let l = linter(&rule("sequence", FOUR_CONFIDENCES));
    let found = check(&l, "坚定道路自信、理论自信、道路自信、文化自信。");
    assert!(
        found.iter().any(|d| d.message == "“道路自信”重复出现"),
        "{found:?}"
    );
}

// -------------------------------------------------------------- consistency

#[test]
fn consistency_first_variant_wins_per_group() {
    let l = linter(&rule(
        "consistency",
        r#"fix = "safe"
message = "应统一为“{replacement}”"
variants = [["登录", "登入"], ["帐号", "账号"]]"#,
    ));
    let text = "登入系统，输入账号。再次登录，帐号不变，登入成功。";
    let found = check(&l, text);
    assert_eq!(matched(text, &found), ["登录", "帐号"]);
    assert_eq!(found[0].message, "应统一为“登入”");
    assert_eq!(
        fix(&l, text),
        "登入系统，输入账号。再次登入，账号不变，登入成功。"
    );
    assert!(check(&l, "登录后登录。").is_empty());
}

// ------------------------------------------------------------ first-mention

#[test]
fn first_mention_flags_only_the_first_early_short_form() {
    let l = linter(&rule(
        "first-mention",
        r#"fix = "unsafe"
message = "先写“{full}”再用“{match}”"
full = "西安交通大学"
short = ["西安交大", "西交大"]"#,
    ));
    let text = "西交大师生与西安交大校友。西安交通大学举行典礼。西安交大校长致辞。";
    let found = check(&l, text);
    assert_eq!(matched(text, &found), ["西交大"]);
    assert_eq!(found[0].message, "先写“西安交通大学”再用“西交大”");
    assert!(check(&l, "西安交通大学举行典礼。西安交大校长致辞。").is_empty());
    assert!(check(&l, "没有提及。").is_empty());
    assert_eq!(
        fix(&l, "西交大师生。"),
        "西安交通大学师生。",
        "the fix writes the full form"
    );
    // A short form spelled inside the full form is the full form.
    let l = linter(&rule(
        "first-mention",
        "full = \"中国人民大学\"\nshort = [\"人民大学\"]",
    ));
    assert!(check(&l, "中国人民大学举行典礼。").is_empty());
    assert_eq!(check(&l, "人民大学举行典礼。").len(), 1);
}

// ------------------------------------------------------------------ pattern

#[test]
fn pattern_named_captures_and_replacement() {
    let l = linter(&rule(
        "pattern",
        r#"fix = "safe"
message = "{match}：{n}人"
regex = '大约(?P<n>[0-9]+)(?P<unit>[名人])左右'
replacement = '约${n}$unit'"#,
    ));
    let text = "大约300名左右师生，大约20人左右教师。";
    let found = check(&l, text);
    assert_eq!(matched(text, &found), ["大约300名左右", "大约20人左右"]);
    assert_eq!(found[0].message, "大约300名左右：300人");
    assert_eq!(fix(&l, text), "约300名师生，约20人教师。");
}

// ------------------------------------------------------------- load errors

/// The error's line, and that its message mentions `needle`.
fn error_line(toml: &str, needle: &str) -> usize {
    let e = load_error(toml);
    assert!(
        e.message.contains(needle),
        "error {:?} does not mention {needle:?}",
        e.message
    );
    e.line().expect("the error points at a line")
}

#[test]
fn load_errors_point_at_the_line() {
    // Line numbers: 1 [[rule]], 2 id, 3 kind, 4 summary, 5.. body.
    let cases: &[(&str, &str, &str, usize)] = &[
        (
            "existence",
            "tokens = [\"a\"]\nswap = { \"a\" = \"b\" }",
            "`swap` 不属于",
            6,
        ),
        ("substitution", "regex = 'a'", "不属于", 5),
        ("existence", "boundary = \"word\"", "缺少字段 `tokens`", 2),
        ("existence", "tokens = []", "空列表", 5),
        ("existence", "tokens = [\"a\", \"\"]", "空字符串", 5),
        ("existence", "tokens = [\"a\", \"a\"]", "重复", 5),
        (
            "existence",
            "tokens = [\"a\"]\nexceptions = []",
            "空列表",
            6,
        ),
        (
            "existence",
            "fix = \"safe\"\ntokens = [\"a\"]",
            "不提供修复",
            2,
        ),
        (
            "existence",
            "tokens = [\"a\"]\nboundary = \"char\"",
            "boundary",
            6,
        ),
        (
            "existence",
            "tokens = [\"部署\"]\nexceptions = [\"部署\"]",
            "永远不会",
            6,
        ),
        (
            "existence",
            "tokens = [\"部署\"]\nexceptions = [\"安排\"]",
            "不包含",
            6,
        ),
        ("substitution", "swap = {}", "空表", 5),
        (
            "substitution",
            "swap = { \"其他\" = \"其他\" }",
            "它自己",
            5,
        ),
        (
            "substitution",
            "swap = { \"a\" = \"b\", \"b\" = \"c\" }",
            "又被列为",
            5,
        ),
        (
            "substitution",
            "swap = { \"总书记\" = \"习近平总书记\" }\nexceptions = [\"习近平总书记\"]",
            "列为例外",
            6,
        ),
        (
            "substitution",
            "swap = { \"a\" = \"b\" }\nnot-after = [\"\"]",
            "空字符串",
            6,
        ),
        (
            "sequence",
            "name = \"两个维护\"\nmembers = [\"a\"]",
            "只有一项",
            6,
        ),
        ("sequence", "members = [\"a\", \"b\"]", "缺少字段 `name`", 2),
        (
            "sequence",
            "name = \"x\"\nmembers = [\"a、b\", \"c\"]",
            "分隔符",
            6,
        ),
        ("consistency", "variants = [[\"a\"]]", "至少需要两种", 5),
        (
            "consistency",
            "variants = [[\"a\", \"b\"], [\"b\", \"c\"]]",
            "重复",
            5,
        ),
        ("first-mention", "full = \"a\"\nshort = [\"a\"]", "全称", 6),
        ("first-mention", "short = [\"a\"]", "缺少字段 `full`", 2),
        ("pattern", "regex = '(unclosed'", "正则表达式无效", 5),
        ("pattern", "regex = 'a*'", "空字符串", 5),
        ("pattern", "regex = '(?m)^'", "空字符串", 5),
        (
            "pattern",
            "regex = '(a)b'\nreplacement = '$2'",
            "不存在的分组 `2`",
            6,
        ),
        (
            "pattern",
            "regex = '(?P<x>a)'\nreplacement = '${y}'",
            "`y`",
            6,
        ),
        (
            "pattern",
            "fix = \"safe\"\nregex = 'ab'",
            "没有 `replacement`",
            2,
        ),
        ("native", "tokens = [\"a\"]", "不属于", 5),
    ];
    for (kind, body, needle, line) in cases {
        let toml = rule(kind, body);
        assert_eq!(error_line(&toml, needle), *line, "{kind}: {body}");
    }
}

#[test]
fn invalid_regex_error_includes_the_regex_error() {
    let e = load_error(&rule("pattern", "regex = '[a-'"));
    assert!(
        e.message.contains("unclosed character class"),
        "{}",
        e.message
    );
}

#[test]
fn errors_in_later_rules_point_at_their_own_line() {
    let toml = format!(
        "{}\n{}",
        rule("existence", "tokens = [\"a\"]"),
        rule("pattern", "regex = 'x?'").replace("test-rule", "second")
    );
    assert_eq!(error_line(&toml, "空字符串"), 11);
}

// ------------------------------------------------------------- performance

/// The first `bytes` of the CCTV corpus (cut at a line end).
fn corpus_prefix(bytes: usize) -> String {
    let text = support::read_shared("corpus/cctv-xwlb-2020-2026.txt");
    let mut end = bytes.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let end = text[..end].rfind('\n').map_or(end, |i| i + 1);
    text[..end].to_string()
}

/// A substitution rule set of 1,000 entries: half are 3-char strings taken
/// from the text (so they match), half cannot occur.
fn thousand_entries(text: &str) -> String {
    let chars: Vec<char> = text
        .chars()
        .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
        .collect();
    let mut wrong: Vec<String> = Vec::new();
    let mut i = 0;
    while wrong.len() < 500 && i + 3 < chars.len() {
        let w: String = chars[i..i + 3].iter().collect();
        if !wrong.contains(&w) {
            wrong.push(w);
        }
        i += 9973;
    }
    let mut n = 0u32;
    while wrong.len() < 1000 {
        // Rare CJK extension-A characters: never in the corpus.
        let w: String = [0x3400 + n, 0x3500 + n]
            .iter()
            .map(|&c| char::from_u32(c).unwrap())
            .collect();
        wrong.push(w);
        n += 1;
    }
    let mut swap = String::from(
        "[[rule]]\nid = \"terminology/thousand\"\nkind = \"substitution\"\nfix = \"safe\"\nsummary = \"1000\"\n[rule.swap]\n",
    );
    for w in &wrong {
        swap.push_str(&format!("\"{w}\" = \"{w}〇\"\n"));
    }
    swap
}

#[test]
#[ignore = "corpus: needs ../shared/corpus (or GUIFAN_SHARED); run with: cargo test --release -- --ignored"]
fn thousand_entry_substitution_throughput() {
    let text = corpus_prefix(4 << 20);
    let l = linter(&thousand_entries(&text));
    let doc = Document::new(text.clone(), &options());
    let mut secs = f64::MAX;
    let mut found = Vec::new();
    for _ in 0..3 {
        let start = std::time::Instant::now();
        found = l.check(&doc);
        secs = secs.min(start.elapsed().as_secs_f64());
    }
    let mb = text.len() as f64 / 1e6;
    eprintln!(
        "1,000-entry substitution: {mb:.1} MB in {secs:.3} s = {:.1} MB/s ({} findings)",
        mb / secs,
        found.len()
    );
    assert!(
        found.len() > 500,
        "the entries taken from the text match it"
    );
    // For comparison: the bare automaton over the same literals.
    let set = RuleSet::parse("t.toml", &thousand_entries(&text)).unwrap();
    let patterns: Vec<String> = set.rules[0]
        .decl
        .swap
        .as_ref()
        .unwrap()
        .get_ref()
        .keys()
        .cloned()
        .collect();
    for kind in [
        aho_corasick::AhoCorasickKind::ContiguousNFA,
        aho_corasick::AhoCorasickKind::DFA,
    ] {
        let ac = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .kind(Some(kind))
            .build(&patterns)
            .unwrap();
        let start = std::time::Instant::now();
        let n = ac.find_iter(&text).count();
        let secs = start.elapsed().as_secs_f64();
        eprintln!(
            "bare {kind:?}: {:.1} MB/s ({n} matches, {} KB)",
            mb / secs,
            ac.memory_usage() / 1024
        );
    }
    // The same rule set with word boundaries (jieba on the clauses around candidates).
    let word = thousand_entries(&text).replace("[rule.swap]", "boundary = \"word\"\n[rule.swap]");
    let l_word = linter(&word);
    let start = std::time::Instant::now();
    let found_word = l_word.check(&doc);
    let secs = start.elapsed().as_secs_f64();
    eprintln!(
        "1,000-entry substitution, boundary = word: {:.1} MB/s ({} findings)",
        mb / secs,
        found_word.len()
    );
    assert!(found_word.len() < found.len());
    // The replacement contains the match: the fixed text is clean.
    let cut = text
        .char_indices()
        .take_while(|(i, _)| *i < 200_000)
        .filter(|(_, c)| *c == '\n')
        .last()
        .map_or(0, |(i, _)| i);
    let fixed = l.fix(&text[..cut], &options(), Applicability::Safe);
    assert!(fixed.converged);
}

#[test]
#[ignore = "corpus: needs ../shared/corpus (or GUIFAN_SHARED); run with: cargo test --release -- --ignored"]
fn sequence_rules_on_edited_news_text() {
    // Edited CCTV transcripts: the canonical formulas occur often and are
    // right, so findings must be rare (measured and listed, to read).
    // GUIFAN_SEQUENCE_MB=60 reads the whole corpus (in release mode).
    let mb: usize = std::env::var("GUIFAN_SEQUENCE_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(8);
    let text = corpus_prefix(mb << 20);
    let set = fixture("rulesets/kinds.toml");
    let settings = Settings {
        select: Some(vec![
            "terminology/four-confidences".into(),
            "terminology/four-consciousnesses".into(),
        ]),
        ..Settings::default()
    };
    let l = Linter::new(&[set], &settings).unwrap();
    let start = std::time::Instant::now();
    let doc = Document::new(text.clone(), &options());
    let built = start.elapsed().as_secs_f64();
    let found = l.check(&doc);
    eprintln!(
        "sequence rules over {:.1} MB: document {built:.2} s, check {:.2} s",
        text.len() as f64 / 1e6,
        start.elapsed().as_secs_f64() - built
    );
    for d in &found {
        let s = d.span.start.saturating_sub(30);
        let s = (0..=s).rev().find(|&i| text.is_char_boundary(i)).unwrap();
        let e = (d.span.end + 30).min(text.len());
        let e = (e..=text.len())
            .find(|&i| text.is_char_boundary(i))
            .unwrap();
        eprintln!("{}: {}", d.message, &text[s..e].replace('\n', " "));
    }
    let hits = text.matches("道路自信").count() + text.matches("政治意识").count();
    eprintln!("{} findings, {hits} lists mentioned", found.len());
    assert!(hits > 0);
    assert!(
        found.len() * 20 <= hits.max(20),
        "too many findings on edited text"
    );
}

/// Twenty plausible pattern rules: most never match edited news text.
const PATTERNS: &[&str] = &[
    r"大约[0-9]+[名人个]左右",
    r"(\p{Han}) +(\p{Han})",
    r"[0-9]+多万余",
    r"(?:19|20)[0-9]{2}年度?[0-9]{1,2}月份?[0-9]{1,2}号",
    r"第[0-9]+届第[0-9]+届",
    r"超过[0-9]+以上",
    r"[0-9]+%左右以上",
    r"截止[到至]?(?:19|20)[0-9]{2}年",
    r"([。，])[，。]",
    r"[！？]{3,}",
    r"的的",
    r"了了",
    r"凯旋而归",
    r"不[要必]须",
    r"亲自莅临",
    r"([0-9]+)年([0-9]+)月([0-9]+)日([0-9]+)日",
    r"首次[的]?第一",
    r"年[0-9]{3}月",
    r"[A-Za-z]+\s*，\s*[A-Za-z]+",
    r"([\p{Han}])\1\1\1",
];

#[test]
#[ignore = "corpus: needs ../shared/corpus (or GUIFAN_SHARED); run with: cargo test --release -- --ignored"]
fn pattern_rules_throughput() {
    let text = corpus_prefix(4 << 20);
    let mut toml = String::new();
    for (i, re) in PATTERNS.iter().enumerate() {
        if regex::Regex::new(re).is_err() {
            continue; // backreferences are not supported by the regex crate
        }
        toml.push_str(&format!(
            "[[rule]]\nid = \"boilerplate/p{i}\"\nkind = \"pattern\"\nsummary = \"p\"\nregex = '{re}'\n\n"
        ));
    }
    let l = linter(&toml);
    let doc = Document::new(text.clone(), &options());
    let mb = text.len() as f64 / 1e6;
    let mut secs = f64::MAX;
    let mut found = Vec::new();
    for _ in 0..3 {
        let start = std::time::Instant::now();
        found = l.check(&doc);
        secs = secs.min(start.elapsed().as_secs_f64());
    }
    eprintln!(
        "{} pattern rules, each run: {:.1} MB/s ({} findings)",
        l.rules().len(),
        mb / secs,
        found.len()
    );
    // For comparison: a RegexSet prefilter (one pass telling which rules match at all).
    let res: Vec<&str> = PATTERNS
        .iter()
        .copied()
        .filter(|r| regex::Regex::new(r).is_ok())
        .collect();
    let set = regex::RegexSet::new(&res).unwrap();
    let start = std::time::Instant::now();
    let hit = set.matches(&text).into_iter().count();
    eprintln!(
        "RegexSet prefilter pass alone: {:.1} MB/s ({hit} of {} rules match)",
        mb / start.elapsed().as_secs_f64(),
        res.len()
    );
}
