//! The speed benchmark: every speed target in one command, with the ratios
//! against autocorrect (the leading CJK linter) measured in the same run.
//!
//! ```text
//! cargo bench --bench speed                               # the full run (54 MB, a few minutes)
//! GUIFAN_BENCH_MB=2 cargo bench --bench speed             # quick
//! cargo bench --bench speed -- --smoke                    # smoke sizes, release build
//! GUIFAN_AUTOCORRECT=/path/to/autocorrect cargo bench --bench speed
//! ```
//!
//! Input: the CCTV transcripts of the shared folder (items separated by
//! blank lines), read as `benches/throughput.rs` does, and the scraped
//! pages of `corpus/web-pages-text.txt` (split at their `##### ` headers)
//! with `corpus/seeds/`. Nothing is copied into the repository: folders of
//! files are written to a temporary directory and removed.
//!
//! Sections of the report:
//!
//! - **rule sets × modes**: the default rules, each family's default rules,
//!   and each family with its off-by-default rules (`--select <family>`,
//!   which selects the whole family) where it has any. Columns: in-process
//!   MB/s per core (`Document::new` + `Linter::check`, plus the corpus pass
//!   when a corpus rule is on) per item and as one document; end-to-end MB/s
//!   per core of the built binary (`guifan check --no-config --format json
//!   --threads 1`) over a folder of one file per item and over one file;
//!   the peak RSS of those two runs. "Per core" is input bytes over CPU
//!   seconds (user + sys): of this process for the in-process columns, of
//!   the child for the end-to-end ones, so that a busy machine (2 cores
//!   shared with other work) slows the figures less than wall time would.
//! - **start-up**: `guifan check` of one 5 KB draft (the first 5 KB of the
//!   scraped pages, and a generated one), median wall time.
//! - **scaling**: one document of 1× and 4× the input (54 and 215 MB in
//!   the full run): CPU time ratio, and peak RSS against 64 MiB + 2 × size.
//! - **threads**: the item folder with `--threads 1` and `--threads 2`,
//!   wall-time ratio.
//! - **autocorrect** (when an `autocorrect` binary is found: `GUIFAN_AUTOCORRECT`,
//!   else `PATH`): punctuation-only guifan against `autocorrect --lint` on
//!   the item folder and on the single file, and `guifan fix` against
//!   `autocorrect --fix` on a folder of 2,000 scraped articles (fresh copies
//!   for every run). Both tools get `--threads 1`; ratios are of CPU seconds.
//! - **slowest rules**: each default rule alone, in-process, per item, over
//!   the first `GUIFAN_BENCH_RULE_MB` (default 8) MB; the five slowest.
//! - **summary**: each target of the speed issue, measured value, PASS/FAIL.
//!
//! Every timed run notes `/proc/loadavg` just before it starts: the report
//! says how loaded the machine was.
//!
//! Each end-to-end run goes through a helper process (this benchmark
//! re-executed with `--measure`) whose only child is the measured program:
//! after waiting for it, the helper's `getrusage(RUSAGE_CHILDREN)` is
//! exactly that run's CPU time and peak RSS (as `benches/files.rs` does).
//!
//! Environment: `GUIFAN_SHARED` (the shared folder; default
//! `$CARGO_MANIFEST_DIR/../shared`; without it the corpus sections say
//! "skipped"), `GUIFAN_BENCH_MB` (limit the CCTV input to about that many MB,
//! cut at an item boundary), `GUIFAN_BENCH_RUNS` (runs per measurement, the
//! lowest CPU time kept; default 1), `GUIFAN_BENCH_RULE_MB`,
//! `GUIFAN_BENCH_PER_RULE` (`0` skips the per-rule section, `1` runs it in a
//! smoke run too), `GUIFAN_BENCH_TIMEOUT` (seconds one end-to-end run may
//! take, default 120, 60 in a smoke run: a run cut there is marked `CUT`
//! and its figures are bounds, `≤`/`≥`), `GUIFAN_BENCH_BIN` (another
//! `guifan` binary to measure), `GUIFAN_AUTOCORRECT`, `GUIFAN_BENCH_JSON`
//! (where to write the results; default `<target dir>/bench-speed.json`).
//!
//! Run without `--bench` (as `cargo test --all-targets` does), or with
//! `--smoke` or `GUIFAN_BENCH_SMOKE=1`, it makes a smoke run over small
//! inputs, and writes no JSON.

#[path = "../tests/support/synthetic.rs"]
mod synthetic;

#[path = "support/mod.rs"]
mod support;
use support::{
    cut_at_item, env_number, proc_status_kb, reset_peak, spawn_piped, split_items, tail, target_dir,
};

use chrono::NaiveDate;
use guifan::corpus::pass::CorpusPlan;
use guifan::rule::Family;
use guifan::ruleset::builtin_rule_sets;
use guifan::{Document, DocumentOptions, Format, Linter, RuleSet, Settings};
use serde_json::{Value, json};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

const CCTV: &str = "corpus/cctv-xwlb-2020-2026.txt";
const PAGES: &str = "corpus/web-pages-text.txt";
const SEEDS: &str = "corpus/seeds";
/// The date of documents without one, so that date-aware rules judge the
/// same way whatever day the benchmark runs.
const AS_OF: &str = "2026-07-01";

/// The issue's targets.
const TARGET_ITEMS_MBS: f64 = 50.0;
const TARGET_WHOLE_MBS: f64 = 40.0;
const TARGET_PUNCT_DIR: f64 = 10.0;
const TARGET_PUNCT_FILE: f64 = 20.0;
const TARGET_SCALING: f64 = 4.4;
const TARGET_FIX: f64 = 2.0;
const TARGET_STARTUP_MS: f64 = 40.0;
const TARGET_THREADS: f64 = 1.8;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--measure") {
        return measure(&args[2..]);
    }
    if cfg!(not(unix)) {
        println!("speed: skipped: needs getrusage (a Unix)");
        return ExitCode::SUCCESS;
    }
    let bench = args.iter().any(|a| a == "--bench");
    let smoke = !bench
        || args.iter().any(|a| a == "--smoke")
        || std::env::var_os("GUIFAN_BENCH_SMOKE").is_some_and(|v| v != "0");
    let cfg = Config::new(bench, smoke);
    let _ = DEFAULT_TIMEOUT.set(if smoke { 60.0 } else { 120.0 });
    match run(&cfg) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("speed: error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// What this run measures and how big.
struct Config {
    smoke: bool,
    runs: usize,
    limit_mb: Option<f64>,
    per_rule: bool,
    rule_mb: f64,
    fix_articles: usize,
    startup_runs: usize,
    write_json: bool,
}

impl Config {
    fn new(bench: bool, smoke: bool) -> Config {
        let debug = !bench;
        let runs = env_number("GUIFAN_BENCH_RUNS").map_or(1, |n| n.max(1.0) as usize);
        let limit_mb = env_number("GUIFAN_BENCH_MB").or(match (smoke, debug) {
            (false, _) => None,
            (true, false) => Some(1.0),
            (true, true) => Some(0.1),
        });
        let per_rule = match std::env::var("GUIFAN_BENCH_PER_RULE").ok().as_deref() {
            Some("0") => false,
            Some(_) => true,
            None => !smoke,
        };
        let rule_mb = env_number("GUIFAN_BENCH_RULE_MB").unwrap_or(if smoke { 0.2 } else { 8.0 });
        Config {
            smoke,
            runs,
            limit_mb,
            per_rule,
            rule_mb,
            fix_articles: match (smoke, debug) {
                (false, _) => 2_000,
                (true, false) => 30,
                (true, true) => 10,
            },
            startup_runs: match (smoke, debug) {
                (false, _) => 21,
                (true, false) => 5,
                (true, true) => 3,
            },
            write_json: !smoke,
        }
    }
}

fn run(cfg: &Config) -> Result<(), String> {
    let bin = guifan_bin();
    let autocorrect = autocorrect_bin();
    let shared = shared_dir();
    let work = tempfile::Builder::new()
        .prefix("guifan-bench-speed-")
        .tempdir()
        .map_err(|e| format!("cannot make a temporary folder: {e}"))?;
    let work = work.path();
    let mut report = Report::default();

    println!(
        "guifan speed: {bin}{}",
        if cfg.smoke { " (smoke run)" } else { "" }
    );
    println!(
        "machine: {} CPU(s), load average {} (1, 5, 15 min) at the start",
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        loadavg_text()
    );
    let ac_version = autocorrect.as_ref().map(|a| {
        let v = Command::new(a)
            .arg("--version")
            .output()
            .ok()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
            .unwrap_or_default();
        println!("autocorrect: {} ({v})", a.display());
        v
    });
    if autocorrect.is_none() {
        println!(
            "autocorrect: not installed (cargo install autocorrect-cli --root …, then put its bin/ \
             on PATH or set GUIFAN_AUTOCORRECT)"
        );
    }
    report.meta = json!({
        "binary": bin,
        "smoke": cfg.smoke,
        "runs": cfg.runs,
        "cpus": std::thread::available_parallelism().map_or(0, |n| n.get()),
        "loadavg_start": loadavg(),
        "autocorrect": autocorrect.as_ref().map(|a| a.display().to_string()),
        "autocorrect_version": ac_version,
    });

    // Start-up first: it needs no CCTV text, and runs on a generated draft
    // without the shared folder.
    startup(cfg, &bin, shared.as_deref(), work, &mut report)?;

    let Some(shared) = shared.filter(|s| s.join(CCTV).is_file()) else {
        println!(
            "\nspeed: skipped: no shared folder with {CCTV} (set GUIFAN_SHARED, or put shared/ \
             beside the repository): no rule-set, scaling, thread, autocorrect or per-rule figures"
        );
        summary(&report);
        return Ok(());
    };

    let full = std::fs::read_to_string(shared.join(CCTV))
        .map_err(|e| format!("cannot read {}: {e}", shared.join(CCTV).display()))?;
    let text = match cfg.limit_mb {
        Some(mb) => cut_at_item(&full, (mb * 1e6) as usize).to_owned(),
        None => full,
    };
    let items = split_items(&text);
    println!(
        "\ninput: {} ({:.1} MB, {} items{})",
        shared.join(CCTV).display(),
        mb(text.len()),
        items.len(),
        cfg.limit_mb
            .map_or(String::new(), |m| format!(", limited to {m} MB"))
    );
    report.meta["input_bytes"] = json!(text.len());
    report.meta["input_items"] = json!(items.len());
    report.meta["limited_to_mb"] = json!(cfg.limit_mb);

    // The inputs as files: one per item (1,000 to a folder), and one file.
    let items_dir = work.join("items");
    for (i, item) in items.iter().enumerate() {
        let sub = items_dir.join(format!("{:04}", i / 1000));
        if i % 1000 == 0 {
            mkdir(&sub)?;
        }
        write(&sub.join(format!("{i:06}.txt")), item.as_bytes())?;
    }
    let one_dir = work.join("one");
    mkdir(&one_dir)?;
    let one_file = one_dir.join("cctv.txt");
    write(&one_file, text.as_bytes())?;

    let sets = builtin_rule_sets().map_err(|e| format!("the built-in rule sets: {e}"))?;
    // jieba once before anything is timed in-process (a process pays for it once).
    let _ = guifan::text::segment::words("预热");
    let today = NaiveDate::parse_from_str(AS_OF, "%Y-%m-%d").expect("a valid date");
    let options = DocumentOptions::new(Format::Plain, today);
    let input = Input {
        text: &text,
        items: &items,
        items_dir: &items_dir,
        one_file: &one_file,
        options: &options,
        sets: &sets,
    };

    let default_runs = rule_sets(cfg, &bin, &input, &mut report)?;
    scaling(
        cfg,
        &bin,
        &input,
        work,
        default_runs.whole.as_ref(),
        &mut report,
    )?;
    threads(cfg, &bin, &input, default_runs.items.as_ref(), &mut report)?;
    match &autocorrect {
        Some(ac) => versus_autocorrect(cfg, &bin, ac, &input, &shared, work, &mut report)?,
        None => println!("\nautocorrect: not installed: no ratios against it"),
    }
    if cfg.per_rule {
        slowest_rules(cfg, &input, &mut report)?;
    } else {
        println!("\nslowest rules: skipped (GUIFAN_BENCH_PER_RULE=1 to run them here)");
    }
    summary(&report);

    if cfg.write_json {
        let out = json_path();
        if let Some(dir) = out.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let value = json!({
            "meta": report.meta,
            "rule_sets": report.rule_sets,
            "startup": report.startup,
            "scaling": report.scaling,
            "threads": report.threads,
            "autocorrect": report.autocorrect,
            "rules": report.rules,
            "targets": report.targets.iter().map(Target::json).collect::<Vec<_>>(),
        });
        let body = serde_json::to_string_pretty(&value).expect("json") + "\n";
        match std::fs::write(&out, body) {
            Ok(()) => println!("results written to {}", out.display()),
            Err(e) => eprintln!("cannot write {}: {e}", out.display()),
        }
    }
    Ok(())
}

/// The CCTV input, in memory and on disk.
struct Input<'a> {
    text: &'a str,
    items: &'a [&'a str],
    items_dir: &'a Path,
    one_file: &'a Path,
    options: &'a DocumentOptions,
    sets: &'a [RuleSet],
}

/// Everything measured, for the summary and the JSON file.
#[derive(Default)]
struct Report {
    meta: Value,
    rule_sets: Vec<Value>,
    startup: Value,
    scaling: Value,
    threads: Value,
    autocorrect: Value,
    rules: Vec<Value>,
    targets: Vec<Target>,
}

/// One target of the issue: what was measured against what.
struct Target {
    name: &'static str,
    measured: Option<f64>,
    unit: &'static str,
    /// `true`: the measured value must be at least `bound`; else at most.
    at_least: bool,
    bound: f64,
    /// `Some('≤')`: the true value is at most `measured` (a run was cut at
    /// the time limit); `Some('≥')`: at least.
    approx: Option<char>,
    note: String,
}

impl Target {
    fn verdict(&self) -> &'static str {
        let Some(v) = self.measured else {
            return "n/a";
        };
        let pass = (self.at_least && v >= self.bound) || (!self.at_least && v <= self.bound);
        match (self.approx, self.at_least, pass) {
            (None, _, true) => "PASS",
            (None, _, false) => "FAIL",
            // Cut runs: a verdict only where the bound decides it.
            (Some('≤'), true, false) | (Some('≥'), false, false) => "FAIL",
            (Some('≤'), false, true) | (Some('≥'), true, true) => "PASS",
            _ => "?",
        }
    }

    fn shown(&self) -> String {
        match self.measured {
            None => "-".into(),
            Some(v) => format!("{}{v:.2}", self.approx.map_or(String::new(), String::from)),
        }
    }

    fn json(&self) -> Value {
        json!({
            "target": self.name, "measured": self.measured, "unit": self.unit,
            "bound": self.bound, "at_least": self.at_least,
            "approx": self.approx.map(String::from),
            "verdict": self.verdict(), "note": self.note,
        })
    }
}

// ---------------------------------------------------------------------------
// Rule sets × modes

/// The end-to-end runs of the default rules, reused by the scaling and
/// thread sections.
struct DefaultRuns {
    items: Option<Run>,
    whole: Option<Run>,
}

fn rule_sets(
    cfg: &Config,
    bin: &str,
    input: &Input,
    report: &mut Report,
) -> Result<DefaultRuns, String> {
    // (row name, library settings, command-line selection)
    let mut rows: Vec<(String, Settings, Vec<String>)> =
        vec![("default".into(), Settings::default(), vec![])];
    let mut without_extra = Vec::new();
    for family in Family::ALL {
        let name = family.as_str();
        let others: Vec<String> = Family::ALL
            .iter()
            .filter(|o| **o != family)
            .map(|o| o.as_str().to_string())
            .collect();
        rows.push((
            name.to_string(),
            Settings {
                ignore: others.clone(),
                ..Settings::default()
            },
            vec!["--ignore".into(), others.join(",")],
        ));
        let all = Settings {
            select: Some(vec![name.to_string()]),
            ..Settings::default()
        };
        let defaults = enabled_rules(input.sets, &rows.last().expect("a row").1)?;
        if enabled_rules(input.sets, &all)? > defaults {
            rows.push((
                format!("{name} +off"),
                all,
                vec!["--select".into(), name.to_string()],
            ));
        } else {
            without_extra.push(name);
        }
    }

    println!(
        "\n== rule sets × modes: MB/s per core (input bytes / CPU seconds); e2e = `guifan check \
         --no-config --format json --threads 1`; peak RSS of the e2e child"
    );
    println!(
        "{:<18} {:>5} | {:>9} {:>9} | {:>9} {:>9} | {:>9} {:>9} | {:>10} {:>10} | {:>5}",
        "rules",
        "count",
        "in items",
        "in whole",
        "e2e items",
        "e2e whole",
        "RSS items",
        "RSS whole",
        "find items",
        "find whole",
        "load"
    );
    println!("{}", "-".repeat(129));
    let mut defaults = DefaultRuns {
        items: None,
        whole: None,
    };
    let bytes = input.text.len();
    for (name, settings, selection) in &rows {
        let linter = Linter::new(input.sets, settings).map_err(|e| format!("{name}: {e}"))?;
        let count = linter.rules().iter().filter(|r| r.enabled).count();
        let plan = CorpusPlan::new(&linter, input.sets, settings);
        let load = loadavg().first().copied();
        let in_items = best_of(cfg.runs, || {
            in_process(&linter, plan.as_ref(), input.items, input.options)
        });
        let in_whole = best_of(cfg.runs, || {
            in_process(&linter, plan.as_ref(), &[input.text], input.options)
        });
        let e2e_args = |path: &Path| check_json_args("1", selection, path);
        let e2e_items = measured_best(
            cfg.runs,
            input.items_dir,
            bin,
            &e2e_args(input.items_dir),
            &[0, 1],
        )?;
        let e2e_whole = measured_best(
            cfg.runs,
            input.items_dir,
            bin,
            &e2e_args(input.one_file),
            &[0, 1],
        )?;
        println!(
            "{name:<18} {count:>5} | {:>9.1} {:>9.1} | {:>9.1} {:>9.1} | {:>9.0} {:>9.0} | {:>10} {:>10} | {:>5}",
            rate(bytes, in_items.cpu),
            rate(bytes, in_whole.cpu),
            rate(bytes, e2e_items.cpu()),
            rate(bytes, e2e_whole.cpu()),
            e2e_items.rss_kb as f64 / 1024.0,
            e2e_whole.rss_kb as f64 / 1024.0,
            in_items.findings,
            in_whole.findings,
            load.map_or("?".into(), |l| format!("{l:.2}")),
        );
        report.rule_sets.push(json!({
            "rules": name,
            "enabled_rules": count,
            "cli_selection": selection,
            "corpus_pass": plan.is_some(),
            "in_process_items": in_items.json(bytes),
            "in_process_whole": in_whole.json(bytes),
            "e2e_items": e2e_items.json(bytes),
            "e2e_whole": e2e_whole.json(bytes),
        }));
        if name == "default" {
            report.targets.push(Target {
                name: "1a default rules, e2e, one file per item",
                measured: Some(rate(bytes, e2e_items.cpu())),
                unit: "MB/s per core",
                at_least: true,
                bound: TARGET_ITEMS_MBS,
                approx: e2e_items.timed_out.then_some('≤'),
                note: format!("load {}", e2e_items.load_text()),
            });
            report.targets.push(Target {
                name: "1b default rules, e2e, one document",
                measured: Some(rate(bytes, e2e_whole.cpu())),
                unit: "MB/s per core",
                at_least: true,
                bound: TARGET_WHOLE_MBS,
                approx: e2e_whole.timed_out.then_some('≤'),
                note: format!("load {}", e2e_whole.load_text()),
            });
            defaults.items = Some(e2e_items);
            defaults.whole = Some(e2e_whole);
        }
    }
    println!(
        "(`+off`: the family with its off-by-default rules, `--select <family>`; none for: {}. \
         In-process runs the corpus pass too when a corpus rule is on. RSS in MB.)",
        without_extra.join(", ")
    );
    Ok(defaults)
}

fn enabled_rules(sets: &[RuleSet], settings: &Settings) -> Result<usize, String> {
    let linter = Linter::new(sets, settings).map_err(|e| e.to_string())?;
    Ok(linter.rules().iter().filter(|r| r.enabled).count())
}

/// One in-process measurement.
struct InProcess {
    cpu: f64,
    wall: f64,
    findings: usize,
    peak_kb: Option<u64>,
    load: Vec<f64>,
}

impl InProcess {
    fn json(&self, bytes: usize) -> Value {
        json!({
            "mb_per_cpu_s": rate(bytes, self.cpu), "cpu_s": self.cpu, "wall_s": self.wall,
            "findings": self.findings, "peak_rss_kb": self.peak_kb, "loadavg": self.load,
        })
    }
}

/// Check `docs` one after the other on this thread, as the command line
/// does: `Document::new` from a copy of the text, `Linter::check`, and with
/// a corpus rule on, a first pass over every document before.
fn in_process(
    linter: &Linter,
    plan: Option<&CorpusPlan>,
    docs: &[&str],
    options: &DocumentOptions,
) -> InProcess {
    let load = loadavg();
    reset_peak();
    let cpu0 = self_cpu_seconds();
    let t = Instant::now();
    let mut findings = 0;
    match plan {
        None => {
            for d in docs {
                let doc = Document::new((*d).to_owned(), options);
                findings += linter.check(&doc).len();
            }
        }
        Some(plan) => {
            let mut collector = plan.collector();
            for (i, d) in docs.iter().enumerate() {
                let doc = Document::new((*d).to_owned(), options);
                collector.add(i as u64, "cctv", &doc);
            }
            let corpus = collector.finish(|i| i.to_string());
            for (i, d) in docs.iter().enumerate() {
                let doc = Document::new((*d).to_owned(), options);
                let mut found = linter.check(&doc);
                corpus.add_diagnostics(linter, "cctv", &i.to_string(), &doc, &mut found);
                findings += found.len();
            }
        }
    }
    let wall = t.elapsed().as_secs_f64();
    let cpu = self_cpu_seconds()
        .zip(cpu0)
        .map_or(wall, |(b, a)| (b - a).max(1e-9));
    InProcess {
        cpu,
        wall,
        findings: std::hint::black_box(findings),
        peak_kb: proc_status_kb("VmHWM"),
        load,
    }
}

fn best_of(runs: usize, mut f: impl FnMut() -> InProcess) -> InProcess {
    let mut best = f();
    for _ in 1..runs {
        let r = f();
        if r.cpu < best.cpu {
            best = r;
        }
    }
    best
}

// ---------------------------------------------------------------------------
// Start-up

fn startup(
    cfg: &Config,
    bin: &str,
    shared: Option<&Path>,
    work: &Path,
    report: &mut Report,
) -> Result<(), String> {
    let dir = work.join("startup");
    mkdir(&dir)?;
    let mut drafts: Vec<(&str, PathBuf)> = Vec::new();
    let scraped = shared.and_then(|s| std::fs::read_to_string(s.join(PAGES)).ok());
    if let Some(pages) = scraped {
        // The first ~5 KB of the scraped text, without the page headers.
        let mut draft = String::new();
        for line in pages.lines().filter(|l| !l.starts_with("##### ")) {
            if draft.len() + line.len() + 1 > 5_000 {
                break;
            }
            draft.push_str(line);
            draft.push('\n');
        }
        let path = dir.join("scraped.txt");
        write(&path, draft.as_bytes())?;
        drafts.push(("scraped 5 KB draft", path));
    }
    let mut generated = String::new();
    let mut synth = synthetic::Synthetic::new();
    let mut doc = String::new();
    for i in 0.. {
        synth.document(1, i, &mut doc);
        if generated.len() + doc.len() > 5_000 {
            break;
        }
        generated.push_str(&doc);
        generated.push('\n');
    }
    let path = dir.join("generated.txt");
    write(&path, generated.as_bytes())?;
    drafts.push(("generated 5 KB draft", path));

    println!(
        "\n== start-up: `guifan check --no-config --format json DRAFT`, default rules, wall ms over {} runs",
        cfg.startup_runs
    );
    let mut rows = Vec::new();
    let mut first_median = None;
    for (name, path) in &drafts {
        let size = std::fs::metadata(path).map_or(0, |m| m.len());
        let args: Vec<String> = vec![
            "check".into(),
            "--no-config".into(),
            "--format".into(),
            "json".into(),
            "--as-of".into(),
            AS_OF.into(),
            path.display().to_string(),
        ];
        // One untimed run: the binary and the files into the page cache.
        measured(&dir, bin, &args, &[0, 1])?;
        let mut walls = Vec::new();
        let mut cpus = Vec::new();
        let mut rss = 0;
        let load = loadavg();
        for _ in 0..cfg.startup_runs {
            let r = measured(&dir, bin, &args, &[0, 1])?;
            walls.push(r.wall * 1e3);
            cpus.push(r.cpu() * 1e3);
            rss = rss.max(r.rss_kb);
        }
        let wall = median(&mut walls);
        let cpu = median(&mut cpus);
        let min = walls.first().copied().unwrap_or(0.0);
        println!(
            "{name:<22} {size:>6} bytes: median {wall:.1} ms wall (best {min:.1}), {cpu:.1} ms CPU, \
             peak RSS {:.0} MB, load {}",
            rss as f64 / 1024.0,
            fmt_load(&load)
        );
        first_median.get_or_insert((wall, *name, fmt_load(&load)));
        rows.push(json!({
            "draft": name, "bytes": size, "runs": cfg.startup_runs,
            "wall_ms_median": wall, "wall_ms_best": min, "cpu_ms_median": cpu,
            "peak_rss_kb": rss, "loadavg": load,
        }));
    }
    report.startup = json!(rows);
    if let Some((wall, name, load)) = first_median {
        report.targets.push(Target {
            name: "5  start-up, one 5 KB draft",
            measured: Some(wall),
            unit: "ms wall",
            at_least: false,
            bound: TARGET_STARTUP_MS,
            approx: None,
            note: format!("{name}, load {load}"),
        });
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Scaling

fn scaling(
    cfg: &Config,
    bin: &str,
    input: &Input,
    work: &Path,
    once: Option<&Run>,
    report: &mut Report,
) -> Result<(), String> {
    let dir = work.join("scaling");
    mkdir(&dir)?;
    let four = dir.join("cctv-x4.txt");
    {
        let mut f = std::fs::File::create(&four).map_err(|e| format!("{}: {e}", four.display()))?;
        for _ in 0..4 {
            f.write_all(input.text.as_bytes())
                .and_then(|()| f.write_all(b"\n"))
                .map_err(|e| format!("{}: {e}", four.display()))?;
        }
    }
    let size1 = input.text.len() as u64;
    let size4 = std::fs::metadata(&four).map_or(0, |m| m.len());
    let big = ["--max-file-size", "4GiB"].map(String::from);
    let args = |p: &Path| check_json_args("1", &big, p);
    let x1 = match once {
        Some(r) => r.clone(),
        None => measured_best(cfg.runs, &dir, bin, &args(input.one_file), &[0, 1])?,
    };
    let x4 = measured_best(cfg.runs, &dir, bin, &args(&four), &[0, 1])?;
    let _ = std::fs::remove_file(&four);
    let budget = |size: u64| 64.0 * 1024.0 * 1024.0 + 2.0 * size as f64;
    let ratio = x4.cpu() / x1.cpu().max(1e-9);
    println!("\n== scaling: one document, default rules, `--threads 1`");
    for (label, size, r) in [("1x", size1, &x1), ("4x", size4, &x4)] {
        let rss = r.rss_kb as f64 * 1024.0;
        println!(
            "{label}: {:>7.1} MB in {:>7.2} s CPU ({:.2} s wall), peak RSS {:>6.0} MB, budget 64 MiB + 2 × size = {:.0} MB: {}  (load {})",
            size as f64 / 1e6,
            r.cpu(),
            r.wall,
            rss / 1048576.0,
            budget(size) / 1048576.0,
            if rss <= budget(size) { "PASS" } else { "FAIL" },
            r.load_text(),
        );
    }
    println!("time ratio 4x / 1x: {ratio:.2} (target ≤ {TARGET_SCALING})");
    let mem_ratio = [(size1, &x1), (size4, &x4)]
        .iter()
        .map(|(s, r)| r.rss_kb as f64 * 1024.0 / budget(*s))
        .fold(0.0, f64::max);
    report.scaling = json!({
        "x1": x1.json(size1 as usize), "x4": x4.json(size4 as usize),
        "x1_bytes": size1, "x4_bytes": size4,
        "x1_budget_bytes": budget(size1), "x4_budget_bytes": budget(size4),
        "cpu_ratio": ratio,
    });
    report.targets.push(Target {
        name: "3a peak RSS / (64 MiB + 2 × size), worst of 1x and 4x",
        measured: Some(mem_ratio),
        unit: "× budget",
        at_least: false,
        bound: 1.0,
        approx: (x1.timed_out || x4.timed_out).then_some('≥'),
        note: format!(
            "1x {:.0} MB, 4x {:.0} MB",
            x1.rss_kb as f64 / 1024.0,
            x4.rss_kb as f64 / 1024.0
        ),
    });
    let approx = bound(x4.timed_out, x1.timed_out);
    report.targets.push(Target {
        name: "3b time 4x / 1x, one document",
        measured: approx.is_ok().then_some(ratio),
        unit: "ratio (CPU)",
        at_least: false,
        bound: TARGET_SCALING,
        approx: approx.ok().flatten(),
        note: format!(
            "{:.0} MB vs {:.0} MB",
            size4 as f64 / 1e6,
            size1 as f64 / 1e6
        ),
    });
    Ok(())
}

// ---------------------------------------------------------------------------
// Threads

fn threads(
    cfg: &Config,
    bin: &str,
    input: &Input,
    one: Option<&Run>,
    report: &mut Report,
) -> Result<(), String> {
    let args = |n: &str| check_json_args(n, &[], input.items_dir);
    let t1 = match one {
        Some(r) => r.clone(),
        None => measured_best(cfg.runs, input.items_dir, bin, &args("1"), &[0, 1])?,
    };
    let t2 = measured_best_wall(cfg.runs, input.items_dir, bin, &args("2"), &[0, 1])?;
    let ratio = t1.wall / t2.wall.max(1e-9);
    let bytes = input.text.len();
    println!("\n== threads: the item folder, default rules, wall time");
    for (n, r) in [(1, &t1), (2, &t2)] {
        println!(
            "--threads {n}: {:>7.2} s wall, {:>7.2} s CPU, {:>6.1} MB/s wall, peak RSS {:.0} MB (load before: {})",
            r.wall,
            r.cpu(),
            rate(bytes, r.wall),
            r.rss_kb as f64 / 1024.0,
            r.load_text()
        );
    }
    println!(
        "speed-up 2 threads / 1: {ratio:.2} (target ≥ {TARGET_THREADS} on an otherwise idle machine)"
    );
    report.threads = json!({ "t1": t1.json(bytes), "t2": t2.json(bytes), "ratio": ratio });
    let approx = bound(t1.timed_out, t2.timed_out);
    report.targets.push(Target {
        name: "6  --threads 2 / --threads 1, item folder",
        measured: approx.is_ok().then_some(ratio),
        unit: "× (wall)",
        at_least: true,
        bound: TARGET_THREADS,
        approx: approx.ok().flatten(),
        note: format!("load {} / {}", t1.load_text(), t2.load_text()),
    });
    Ok(())
}

// ---------------------------------------------------------------------------
// autocorrect

fn versus_autocorrect(
    cfg: &Config,
    bin: &str,
    ac: &Path,
    input: &Input,
    shared: &Path,
    work: &Path,
    report: &mut Report,
) -> Result<(), String> {
    let ac = ac.display().to_string();
    let bytes = input.text.len();
    println!(
        "\n== autocorrect: same inputs, both `--threads 1`, report to stdout (discarded); ratio = autocorrect CPU s / guifan CPU s"
    );
    let mut rows = Vec::new();
    for (label, target, path) in [
        ("item folder", "2a", input.items_dir),
        ("one file", "2b", input.one_file),
    ] {
        let punctuation = ["--select", "punctuation"].map(String::from);
        let g_args = check_json_args("1", &punctuation, path);
        let a_args: Vec<String> = ["--lint", "--format", "json", "--threads", "1", "--quiet"]
            .map(String::from)
            .into_iter()
            .chain([path.display().to_string()])
            .collect();
        let g = measured_best(cfg.runs, work, bin, &g_args, &[0, 1])?;
        let a = measured_best(cfg.runs, work, &ac, &a_args, &[0, 1])?;
        let ratio = a.cpu() / g.cpu().max(1e-9);
        println!(
            "punctuation, {label:<11}: guifan {:>7.2} s CPU ({:>6.1} MB/s), autocorrect --lint {:>7.2} s CPU ({:>6.1} MB/s): {ratio:>5.1}×  (load {} / {})",
            g.cpu(),
            rate(bytes, g.cpu()),
            a.cpu(),
            rate(bytes, a.cpu()),
            g.load_text(),
            a.load_text()
        );
        rows.push(json!({
            "what": format!("punctuation lint, {label}"), "bytes": bytes,
            "guifan": g.json(bytes), "autocorrect": a.json(bytes), "ratio": ratio,
        }));
        let (name, limit) = if target == "2a" {
            (
                "2a punctuation vs autocorrect --lint, item folder",
                TARGET_PUNCT_DIR,
            )
        } else {
            (
                "2b punctuation vs autocorrect --lint, one file",
                TARGET_PUNCT_FILE,
            )
        };
        let approx = bound(a.timed_out, g.timed_out);
        report.targets.push(Target {
            name,
            measured: approx.is_ok().then_some(ratio),
            unit: "× (CPU)",
            at_least: true,
            bound: limit,
            approx: approx.ok().flatten(),
            note: format!("load {}", g.load_text()),
        });
    }

    // fix: a folder of articles cycled from the scraped pages and the seeds.
    let mut articles: Vec<String> = Vec::new();
    if let Ok(pages) = std::fs::read_to_string(shared.join(PAGES)) {
        for part in pages.split("##### ").skip(1) {
            let body = part.split_once('\n').map_or("", |(_, b)| b);
            if !body.trim().is_empty() {
                articles.push(body.to_string());
            }
        }
    }
    if let Ok(entries) = std::fs::read_dir(shared.join(SEEDS)) {
        let mut seeds: Vec<PathBuf> = entries.filter_map(|e| Some(e.ok()?.path())).collect();
        seeds.sort();
        articles.extend(seeds.iter().filter_map(|p| std::fs::read_to_string(p).ok()));
    }
    if articles.is_empty() {
        println!("fix: skipped: no scraped articles in {}", shared.display());
        report.autocorrect = json!(rows);
        return Ok(());
    }
    let master = work.join("fix-master");
    mkdir(&master)?;
    let mut fix_bytes = 0;
    for i in 0..cfg.fix_articles {
        let a = &articles[i % articles.len()];
        write(&master.join(format!("{i:05}.txt")), a.as_bytes())?;
        fix_bytes += a.len();
    }
    let fresh = |n: &str| -> Result<PathBuf, String> {
        let dir = work.join(n);
        let _ = std::fs::remove_dir_all(&dir);
        mkdir(&dir)?;
        for e in std::fs::read_dir(&master).map_err(|e| e.to_string())? {
            let e = e.map_err(|e| e.to_string())?;
            std::fs::copy(e.path(), dir.join(e.file_name())).map_err(|e| e.to_string())?;
        }
        Ok(dir)
    };
    let best = |prog: &str, args: &dyn Fn(&Path) -> Vec<String>| -> Result<Run, String> {
        let mut best: Option<Run> = None;
        for _ in 0..cfg.runs {
            let dir = fresh("fix-run")?;
            let r = measured(work, prog, &args(&dir), &[0, 1])?;
            if best.as_ref().is_none_or(|b| r.cpu() < b.cpu()) {
                best = Some(r);
            }
        }
        let _ = std::fs::remove_dir_all(work.join("fix-run"));
        best.ok_or_else(|| "no run".to_string())
    };
    let g = best(bin, &|d| {
        [
            "fix",
            "--no-config",
            "--threads",
            "1",
            "--as-of",
            AS_OF,
            "--quiet",
        ]
        .map(String::from)
        .into_iter()
        .chain([d.display().to_string()])
        .collect()
    })?;
    let a = best(&ac, &|d| {
        ["--fix", "--threads", "1", "--quiet"]
            .map(String::from)
            .into_iter()
            .chain([d.display().to_string()])
            .collect()
    })?;
    let ratio = a.cpu() / g.cpu().max(1e-9);
    println!(
        "fix, {} articles ({:.1} MB): guifan fix {:>7.2} s CPU ({:.2} s wall), autocorrect --fix {:>7.2} s CPU ({:.2} s wall): {ratio:.1}×  (load {} / {})",
        cfg.fix_articles,
        mb(fix_bytes),
        g.cpu(),
        g.wall,
        a.cpu(),
        a.wall,
        g.load_text(),
        a.load_text()
    );
    rows.push(json!({
        "what": "fix, article folder", "files": cfg.fix_articles, "bytes": fix_bytes,
        "guifan": g.json(fix_bytes), "autocorrect": a.json(fix_bytes), "ratio": ratio,
    }));
    report.autocorrect = json!(rows);
    let approx = bound(a.timed_out, g.timed_out);
    report.targets.push(Target {
        name: "4  guifan fix vs autocorrect --fix, article folder",
        measured: approx.is_ok().then_some(ratio),
        unit: "× (CPU)",
        at_least: true,
        bound: TARGET_FIX,
        approx: approx.ok().flatten(),
        note: format!("{} files, load {}", cfg.fix_articles, g.load_text()),
    });
    Ok(())
}

// ---------------------------------------------------------------------------
// Slowest rules

fn slowest_rules(cfg: &Config, input: &Input, report: &mut Report) -> Result<(), String> {
    let limit = (cfg.rule_mb * 1e6) as usize;
    let mut items = Vec::new();
    let mut bytes = 0;
    for item in input.items {
        if bytes >= limit {
            break;
        }
        bytes += item.len();
        items.push(*item);
    }
    let all = Linter::new(input.sets, &Settings::default()).map_err(|e| e.to_string())?;
    let ids: Vec<String> = all
        .rules()
        .iter()
        .filter(|r| r.enabled)
        .map(|r| r.meta.id.clone())
        .collect();
    let load = loadavg();
    let mut rates = Vec::new();
    for id in &ids {
        let settings = Settings {
            select: Some(vec![id.clone()]),
            ..Settings::default()
        };
        let linter = Linter::new(input.sets, &settings).map_err(|e| format!("{id}: {e}"))?;
        let r = best_of(cfg.runs, || {
            in_process(&linter, None, &items, input.options)
        });
        rates.push((id.clone(), rate(bytes, r.cpu), r.findings));
    }
    rates.sort_by(|a, b| a.1.total_cmp(&b.1));
    println!(
        "\n== slowest rules: each default rule alone, in-process, per item, over {:.1} MB ({} items), load {}",
        mb(bytes),
        items.len(),
        fmt_load(&load)
    );
    for (id, r, f) in rates.iter().take(5) {
        println!("  {id:<45} {r:>8.1} MB/s per core {f:>7} findings");
    }
    report.rules = rates
        .iter()
        .map(|(id, r, f)| json!({ "rule": id, "mb_per_cpu_s": r, "findings": f, "bytes": bytes }))
        .collect();
    Ok(())
}

// ---------------------------------------------------------------------------
// Summary

fn summary(report: &Report) {
    println!("\n== summary: the speed issue's targets");
    println!(
        "{:<56} {:>10} {:>14} {:>9}  {:<5} note",
        "target", "measured", "unit", "bound", "ok?"
    );
    println!("{}", "-".repeat(110));
    let mut targets: Vec<&Target> = report.targets.iter().collect();
    targets.sort_by_key(|t| t.name);
    for t in targets {
        println!(
            "{:<56} {:>10} {:>14} {:>9}  {:<5} {}",
            t.name,
            t.shown(),
            t.unit,
            format!("{}{}", if t.at_least { "≥ " } else { "≤ " }, t.bound),
            t.verdict(),
            t.note
        );
    }
    let names: Vec<&str> = report.targets.iter().map(|t| t.name).collect();
    for (prefix, what) in [
        ("1a", "1  default rules MB/s: no corpus"),
        ("2a", "2  punctuation vs autocorrect: not measured"),
        ("3a", "3  scaling: no corpus"),
        ("4 ", "4  fix vs autocorrect: not measured"),
        ("6 ", "6  threads: no corpus"),
    ] {
        if !names.iter().any(|n| n.starts_with(prefix)) {
            println!("{what:<56} {:>10} {:>14} {:>9}  n/a", "-", "", "");
        }
    }
}

// ---------------------------------------------------------------------------
// End-to-end runs through the measuring helper

/// One run of a program: wall time, CPU time and peak RSS of the child.
#[derive(Clone)]
struct Run {
    wall: f64,
    user: f64,
    sys: f64,
    rss_kb: u64,
    code: i32,
    out_bytes: u64,
    /// Killed at the time limit (`GUIFAN_BENCH_TIMEOUT`): its times are
    /// lower bounds.
    timed_out: bool,
    load: Vec<f64>,
}

impl Run {
    fn cpu(&self) -> f64 {
        (self.user + self.sys).max(1e-9)
    }

    /// The load average before the run, and whether it was cut.
    fn load_text(&self) -> String {
        let cut = if self.timed_out {
            format!("; CUT at the {:.0} s time limit", timeout_seconds())
        } else {
            String::new()
        };
        format!("{}{cut}", fmt_load(&self.load))
    }

    fn json(&self, bytes: usize) -> Value {
        json!({
            "mb_per_cpu_s": rate(bytes, self.cpu()), "mb_per_wall_s": rate(bytes, self.wall),
            "wall_s": self.wall, "user_s": self.user, "sys_s": self.sys,
            "peak_rss_kb": self.rss_kb, "exit_code": self.code, "stdout_bytes": self.out_bytes,
            "timed_out": self.timed_out,
            "loadavg": self.load,
        })
    }
}

/// The best (lowest CPU time) of `runs` runs.
fn measured_best(
    runs: usize,
    cwd: &Path,
    prog: &str,
    args: &[String],
    ok: &[i32],
) -> Result<Run, String> {
    let mut best = measured(cwd, prog, args, ok)?;
    for _ in 1..runs {
        let r = measured(cwd, prog, args, ok)?;
        if r.cpu() < best.cpu() {
            best = r;
        }
    }
    Ok(best)
}

/// The best (lowest wall time) of `runs` runs.
fn measured_best_wall(
    runs: usize,
    cwd: &Path,
    prog: &str,
    args: &[String],
    ok: &[i32],
) -> Result<Run, String> {
    let mut best = measured(cwd, prog, args, ok)?;
    for _ in 1..runs {
        let r = measured(cwd, prog, args, ok)?;
        if r.wall < best.wall {
            best = r;
        }
    }
    Ok(best)
}

/// Run `prog args` in `cwd` through the helper; fail unless it exits with
/// one of the `ok` codes.
fn measured(cwd: &Path, prog: &str, args: &[String], ok: &[i32]) -> Result<Run, String> {
    let load = loadavg();
    let me = std::env::current_exe().map_err(|e| e.to_string())?;
    let out = Command::new(me)
        .arg("--measure")
        .arg(timeout_seconds().to_string())
        .arg(cwd)
        .arg(prog)
        .args(args)
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot start the measuring helper: {e}"))?;
    let text = String::from_utf8_lossy(&out.stdout);
    let what = format!("{prog} {}", args.join(" "));
    if !out.status.success() {
        return Err(format!("{what}: {}", text.trim()));
    }
    let f: Vec<&str> = text.split_whitespace().collect();
    let bad = || format!("{what}: bad helper output {text:?}");
    let [wall, user, sys, rss, code, bytes, timed_out] = f[..] else {
        return Err(bad());
    };
    let run = Run {
        wall: wall.parse().map_err(|_| bad())?,
        user: user.parse().map_err(|_| bad())?,
        sys: sys.parse().map_err(|_| bad())?,
        rss_kb: rss.parse().map_err(|_| bad())?,
        code: code.parse().map_err(|_| bad())?,
        out_bytes: bytes.parse().map_err(|_| bad())?,
        timed_out: timed_out == "true",
        load,
    };
    if !run.timed_out && !ok.contains(&run.code) {
        return Err(format!("{what}: exit code {}", run.code));
    }
    Ok(run)
}

/// The arguments of `guifan check` as every measurement here runs it (no
/// configuration, JSON, a fixed date, `threads` threads), with `extra`
/// options, on `path`.
fn check_json_args(threads: &str, extra: &[String], path: &Path) -> Vec<String> {
    [
        "check",
        "--no-config",
        "--format",
        "json",
        "--threads",
        threads,
        "--as-of",
        AS_OF,
    ]
    .map(String::from)
    .into_iter()
    .chain(extra.iter().cloned())
    .chain([path.display().to_string()])
    .collect()
}

/// The helper: `--measure TIMEOUT CWD PROG ARGS…` runs the program once,
/// its stdout counted and discarded, killed after TIMEOUT seconds, and
/// prints `<wall s> <user s> <sys s> <peak RSS kB> <exit code> <stdout
/// bytes> <timed out>`; on failure to run it, the reason and a non-zero
/// exit. The program's stderr is shown when it dies by a signal or exits
/// with 2 or more.
fn measure(args: &[String]) -> ExitCode {
    let [timeout, cwd, prog, rest @ ..] = args else {
        println!("usage: --measure TIMEOUT-SECONDS CWD PROGRAM ARGS…");
        return ExitCode::FAILURE;
    };
    let Ok(timeout) = timeout.parse::<f64>() else {
        println!("--measure: not a number of seconds: {timeout:?}");
        return ExitCode::FAILURE;
    };
    let start = Instant::now();
    let (mut child, err_reader) = match spawn_piped(Command::new(prog).args(rest).current_dir(cwd))
    {
        Ok(c) => c,
        Err(e) => {
            println!("cannot run {prog}: {e}");
            return ExitCode::FAILURE;
        }
    };
    // The watchdog: past the time limit, the child is killed (its CPU time
    // so far is still reported, as a lower bound).
    let (done, waiting) = std::sync::mpsc::channel::<()>();
    let pid = child.id().to_string();
    let watchdog = std::thread::spawn(move || {
        let limit = std::time::Duration::from_secs_f64(timeout);
        if let Err(std::sync::mpsc::RecvTimeoutError::Timeout) = waiting.recv_timeout(limit) {
            let _ = Command::new("kill").args(["-KILL", &pid]).status();
            return true;
        }
        false
    });
    let mut stdout = child.stdout.take().expect("piped stdout");
    let out_bytes = std::io::copy(&mut stdout, &mut std::io::sink()).unwrap_or(0);
    let waited = child.wait();
    let _ = done.send(());
    let timed_out = watchdog.join().unwrap_or(false);
    let status = match waited {
        Ok(s) => s,
        Err(e) => {
            println!("waiting for {prog} failed: {e}");
            return ExitCode::FAILURE;
        }
    };
    let wall = start.elapsed().as_secs_f64();
    let stderr = err_reader.join().unwrap_or_default();
    let code = status.code().unwrap_or(-1);
    if !(0..=1).contains(&code) && !timed_out {
        eprintln!(
            "{prog} exited with {status}: {}",
            tail(&stderr, 1500).trim_end()
        );
    }
    let Some((user, sys, rss)) = children_usage() else {
        println!("getrusage of a child is not available here");
        return ExitCode::FAILURE;
    };
    println!("{wall} {user} {sys} {rss} {code} {out_bytes} {timed_out}");
    let _ = std::io::stdout().flush();
    ExitCode::SUCCESS
}

/// User and system seconds and peak RSS (kB) of the waited-for children.
#[cfg(unix)]
fn children_usage() -> Option<(f64, f64, u64)> {
    use nix::sys::resource::{UsageWho, getrusage};
    let u = getrusage(UsageWho::RUSAGE_CHILDREN).ok()?;
    let raw = u64::try_from(u.max_rss()).ok()?;
    // Linux reports kilobytes, macOS bytes.
    let rss = if cfg!(target_os = "macos") {
        raw / 1024
    } else {
        raw
    };
    Some((seconds(u.user_time()), seconds(u.system_time()), rss))
}

#[cfg(not(unix))]
fn children_usage() -> Option<(f64, f64, u64)> {
    None
}

/// User + system seconds of this process so far.
#[cfg(unix)]
fn self_cpu_seconds() -> Option<f64> {
    use nix::sys::resource::{UsageWho, getrusage};
    let u = getrusage(UsageWho::RUSAGE_SELF).ok()?;
    Some(seconds(u.user_time()) + seconds(u.system_time()))
}

#[cfg(not(unix))]
fn self_cpu_seconds() -> Option<f64> {
    None
}

#[cfg(unix)]
fn seconds(t: nix::sys::time::TimeVal) -> f64 {
    t.tv_sec() as f64 + t.tv_usec() as f64 / 1e6
}

// ---------------------------------------------------------------------------
// Small helpers

/// The default time limit of one end-to-end run: 120 s, 60 s in a smoke run.
static DEFAULT_TIMEOUT: std::sync::OnceLock<f64> = std::sync::OnceLock::new();

/// The time limit of one end-to-end run: `GUIFAN_BENCH_TIMEOUT` seconds,
/// else [`DEFAULT_TIMEOUT`].
fn timeout_seconds() -> f64 {
    env_number("GUIFAN_BENCH_TIMEOUT").unwrap_or(*DEFAULT_TIMEOUT.get().unwrap_or(&120.0))
}

/// The direction in which a ratio may be off when a run was cut at the
/// time limit: `Some('≥')` when the true value is at least the measured one
/// (the numerator's run was cut), `Some('≤')` when at most (the
/// denominator's), `None` when exact, `Err` when both were cut.
fn bound(numerator_cut: bool, denominator_cut: bool) -> Result<Option<char>, ()> {
    match (numerator_cut, denominator_cut) {
        (false, false) => Ok(None),
        (true, false) => Ok(Some('≥')),
        (false, true) => Ok(Some('≤')),
        (true, true) => Err(()),
    }
}

/// The binary to measure: `GUIFAN_BENCH_BIN`, else the one cargo built.
fn guifan_bin() -> String {
    std::env::var("GUIFAN_BENCH_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_guifan").to_string())
}

/// `GUIFAN_AUTOCORRECT`, else `autocorrect` on `PATH`.
fn autocorrect_bin() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("GUIFAN_AUTOCORRECT") {
        let p = PathBuf::from(p);
        return p.is_file().then_some(p);
    }
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|d| d.join("autocorrect"))
        .find(|p| p.is_file())
}

fn shared_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("GUIFAN_SHARED") {
        return Some(PathBuf::from(dir));
    }
    Some(Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared")).filter(|p| p.is_dir())
}

/// `GUIFAN_BENCH_JSON`, else `bench-speed.json` in the target dir.
fn json_path() -> PathBuf {
    if let Some(p) = std::env::var_os("GUIFAN_BENCH_JSON") {
        return PathBuf::from(p);
    }
    target_dir().join("bench-speed.json")
}

/// The 1, 5 and 15 minute load averages (empty where unknown).
fn loadavg() -> Vec<f64> {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .map(|s| {
            s.split_whitespace()
                .take(3)
                .filter_map(|f| f.parse().ok())
                .collect()
        })
        .unwrap_or_default()
}

fn loadavg_text() -> String {
    fmt_load(&loadavg())
}

fn fmt_load(load: &[f64]) -> String {
    if load.is_empty() {
        return "?".into();
    }
    load.iter()
        .map(|l| format!("{l:.2}"))
        .collect::<Vec<_>>()
        .join(" ")
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}

fn mkdir(p: &Path) -> Result<(), String> {
    std::fs::create_dir_all(p).map_err(|e| format!("cannot make {}: {e}", p.display()))
}

fn write(p: &Path, bytes: &[u8]) -> Result<(), String> {
    std::fs::write(p, bytes).map_err(|e| format!("cannot write {}: {e}", p.display()))
}

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1e6
}

fn rate(bytes: usize, seconds: f64) -> f64 {
    mb(bytes) / seconds.max(1e-9)
}
