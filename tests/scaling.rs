//! Every rule family is linear in its input: checking four times the text
//! takes at most five times as long. Two inputs per family: varied report
//! prose that gives every family something to find (names with titles,
//! dates, formulations, chrome lines, half-width marks), and one sentence
//! repeated (the shape that made `names/conflicting-titles` quadratic: every
//! mention of one person compared with every earlier one).
//!
//! Timing needs an optimised build, so these are ignored by default; CI
//! runs them with `cargo test --release --locked -- --ignored`.

use chrono::NaiveDate;
use guifan::ruleset::builtin_rule_sets;
use guifan::settings::Settings;
use guifan::{Document, DocumentOptions, Format, Linter};
use std::time::{Duration, Instant};

const FAMILIES: [&str; 5] = [
    "punctuation",
    "dates",
    "terminology",
    "boilerplate",
    "names",
];

/// Bytes of the 1× input.
const BASE: usize = 1024 * 1024;

/// A linter with only `selector` (a family or a rule id) enabled.
fn linter(selector: &str) -> Linter {
    let settings = Settings {
        select: Some(vec![selector.to_string()]),
        ..Settings::default()
    };
    Linter::new(&builtin_rule_sets().unwrap(), &settings).unwrap()
}

/// Sentences of a report, with enough variety (names, numbers, dates,
/// formulations, some mistakes) that no rule sees one thing over and over.
fn varied(bytes: usize) -> String {
    const SURNAMES: &[&str] = &["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"];
    const GIVEN: &[&str] = &[
        "建国", "晓明", "丽华", "志强", "海燕", "文博", "静", "磊", "红梅", "伟",
    ];
    const TITLES: &[&str] = &[
        "校长",
        "副校长",
        "党委书记",
        "党委副书记",
        "院长",
        "副院长",
        "主任",
    ];
    const UNITS: &[&str] = &[
        "计算机学院",
        "机械学院",
        "图书馆",
        "校团委",
        "研究生院",
        "后勤处",
    ];
    let mut out = String::with_capacity(bytes + 256);
    let mut i = 0usize;
    while out.len() < bytes {
        let name = format!("{}{}", SURNAMES[i % 10], GIVEN[(i / 10) % 10]);
        let other = format!("{}{}", SURNAMES[(i / 3) % 10], GIVEN[(i / 7) % 10]);
        let title = TITLES[i % TITLES.len()];
        let unit = UNITS[(i / 5) % UNITS.len()];
        let (month, day) = (1 + i % 12, 1 + (i * 7) % 28);
        match i % 8 {
            0 => out.push_str(&format!(
                "{month}月{day}日上午，{unit}{title}{name}主持召开专题会议，{other}、{name}等出席。\n"
            )),
            1 => out.push_str(&format!(
                "会议强调,要深入学习贯彻习近平新时代中国特色社会主义思想,落实第{}项任务。\n",
                i % 97
            )),
            2 => out.push_str(&format!(
                "2023-{month:02}-{day:02} {unit}组织学习党的二十大精神，{title}{other}作辅导报告。\n"
            )),
            3 => out.push_str(&format!(
                "首页 > 新闻中心 > {unit}\n浏览次数：{}\n",
                i * 13 % 1000
            )),
            4 => out.push_str(&format!(
                "{name}指出，要增强“四个意识”、坚定“四个自信”、做到“两个维护”，推动第{}期工作落地见效。\n",
                i % 50
            )),
            5 => out.push_str(&format!(
                "截至{month}月底，{unit}共完成{}个项目（其中新建{}个），同比增长{}.{}%。\n",
                i % 300,
                i % 40,
                i % 30,
                i % 10
            )),
            6 => out.push_str(&format!(
                "{name}同志强调：“要把学习成果转化为推动{unit}高质量发展的实际行动!”\n"
            )),
            _ => out.push_str(&format!(
                "（文/{other} 图/{name}）责任编辑：{}{}\n\n",
                SURNAMES[(i / 2) % 10],
                GIVEN[(i / 4) % 10]
            )),
        }
        i += 1;
    }
    out
}

/// One sentence, over and over (one person, one title, many times).
fn repeated(bytes: usize) -> String {
    let s = "校长张三主持会议，副校长张三、党委书记王五出席并讲话,强调要学习贯彻党的二十大精神。\n";
    s.repeat(bytes / s.len() + 1)
}

/// The fastest of five checks of `text` (the document built each time, as
/// the CLI does).
fn time(linter: &Linter, text: &str) -> Duration {
    let options = DocumentOptions::new(Format::Plain, NaiveDate::from_ymd_opt(2024, 6, 1).unwrap());
    (0..5)
        .map(|_| {
            let started = Instant::now();
            let doc = Document::new(text.to_string(), &options);
            std::hint::black_box(linter.check(&doc));
            started.elapsed()
        })
        .min()
        .unwrap()
}

fn assert_linear(input: fn(usize) -> String, what: &str) {
    let mut failures = Vec::new();
    for family in FAMILIES {
        let linter = linter(family);
        let small = input(BASE);
        let large = input(BASE * 4);
        // A shared machine makes single timings noisy: a family fails only
        // when three measurements in a row grow faster than the input (a
        // quadratic rule grows 16×, a linear one 4×).
        let (mut t1, mut t4, mut ratio) = (Duration::ZERO, Duration::ZERO, f64::MAX);
        for _ in 0..3 {
            t1 = time(&linter, &small);
            t4 = time(&linter, &large);
            ratio = t4.as_secs_f64() / t1.as_secs_f64().max(1e-6);
            if ratio <= 5.0 {
                break;
            }
        }
        println!(
            "{what:>8} {family:<12} 1×: {:>8.1} ms  4×: {:>8.1} ms  ratio {ratio:.2}",
            t1.as_secs_f64() * 1e3,
            t4.as_secs_f64() * 1e3
        );
        // Below a few milliseconds the clock's noise is the ratio.
        if ratio > 5.0 && t4 > Duration::from_millis(50) {
            // Name the rules that grow faster than their input.
            let slow: Vec<String> = linter
                .rules()
                .iter()
                .filter(|r| r.enabled)
                .filter_map(|r| {
                    let one = self::linter(&r.meta.id);
                    let (a, b) = (time(&one, &small), time(&one, &large));
                    let k = b.as_secs_f64() / a.as_secs_f64().max(1e-6);
                    (k > 5.0 && b > Duration::from_millis(20)).then(|| {
                        format!(
                            "{} {:.0}→{:.0} ms",
                            r.meta.id,
                            a.as_secs_f64() * 1e3,
                            b.as_secs_f64() * 1e3
                        )
                    })
                })
                .collect();
            failures.push(format!(
                "{family}: 4× input took {ratio:.1}× as long; rules: {slow:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{what}: {failures:?}");
}

// One test, so that the two inputs are never timed at the same time.
#[test]
#[ignore = "heavy: timing needs an optimised build; run with: cargo test --release -- --ignored"]
fn every_family_is_linear() {
    assert_linear(varied, "varied");
    assert_linear(repeated, "repeated");
}
