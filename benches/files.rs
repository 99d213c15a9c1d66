//! Memory and speed against the number of files: `guifan check` over a
//! folder of N small generated documents, for N = 1, 1,000 and 20,000, in
//! JSON and human output. The point: peak memory stays flat as N grows (files
//! are read, checked and reported without holding the whole tree).
//!
//! ```text
//! cargo bench --bench files
//! GUIFAN_BENCH_FILES=1000,100000 cargo bench --bench files
//! ```
//!
//! The documents are Chinese news-style text generated here from our own
//! phrase lists (never corpus text), with the occasional half-width comma so
//! that there is something to report. Each measurement runs the built
//! `guifan` binary in a fresh helper process (this bench re-executed with
//! `--measure`), whose only child is `guifan`: after waiting for it, the
//! helper's `getrusage(RUSAGE_CHILDREN)` is exactly that run's peak RSS.
//! stdout is read and discarded.
//!
//! Environment: `GUIFAN_BENCH_FILES` (comma-separated counts),
//! `GUIFAN_BENCH_RUNS` (runs per measurement, best wall time and highest peak
//! kept; default 1), `GUIFAN_BENCH_BIN` (measure another `guifan` binary,
//! e.g. a release to compare with). Run without `--bench` (as `cargo test --all-targets`
//! does) it makes a smoke run over 100 files.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

mod support;
use support::{spawn_piped, tail};

/// The binary to measure: `GUIFAN_BENCH_BIN`, else the one cargo built.
fn guifan_bin() -> String {
    std::env::var("GUIFAN_BENCH_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_guifan").to_string())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--measure") {
        return measure(&args[2..]);
    }
    let bench_mode = args.iter().any(|a| a == "--bench");
    let counts: Vec<usize> = match std::env::var("GUIFAN_BENCH_FILES") {
        Ok(v) => v
            .split(',')
            .map(|s| {
                s.trim()
                    .parse()
                    .unwrap_or_else(|_| panic!("GUIFAN_BENCH_FILES: not a count: {s:?}"))
            })
            .collect(),
        Err(_) if bench_mode => vec![1, 1_000, 20_000],
        Err(_) => vec![100],
    };
    let runs: usize = std::env::var("GUIFAN_BENCH_RUNS")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(1)
        .max(1);

    println!(
        "guifan files: {} check <dir> --format …, {runs} run(s) each",
        guifan_bin()
    );
    println!(
        "{:>7} {:>8} {:>7} {:>9} {:>9} {:>9} {:>10} {:>8} {:>9}",
        "files", "MB", "format", "wall s", "files/s", "MB/s", "peak RSS", "out MB", "findings"
    );
    println!("{}", "-".repeat(84));

    for &n in &counts {
        let dir = tempfile::Builder::new()
            .prefix("guifan-bench-files-")
            .tempdir()
            .expect("a temporary folder");
        let bytes = generate(dir.path(), n);
        for format in ["json", "human"] {
            let mut best: Option<Measurement> = None;
            for _ in 0..runs {
                match run_measured(dir.path(), format, n) {
                    Ok(m) => {
                        best = Some(match best {
                            None => m,
                            Some(b) => Measurement {
                                wall: b.wall.min(m.wall),
                                max_rss_kb: b.max_rss_kb.max(m.max_rss_kb),
                                ..m
                            },
                        })
                    }
                    Err(e) => {
                        eprintln!("error: guifan check --format {format} over {n} files: {e}");
                        return ExitCode::FAILURE;
                    }
                }
            }
            let Some(m) = best else { continue };
            println!(
                "{n:>7} {:>8.1} {format:>7} {:>9.3} {:>9.0} {:>9.1} {:>7.1} MB {:>8.1} {:>9}",
                bytes as f64 / 1e6,
                m.wall,
                n as f64 / m.wall,
                bytes as f64 / 1e6 / m.wall,
                m.max_rss_kb as f64 / 1024.0,
                m.out_bytes as f64 / 1e6,
                m.findings.map_or("-".to_string(), |f| f.to_string()),
            );
        }
    }
    ExitCode::SUCCESS
}

struct Measurement {
    wall: f64,
    max_rss_kb: u64,
    out_bytes: u64,
    /// Diagnostics in the JSON report (`None` for other formats).
    findings: Option<u64>,
}

/// Run `guifan check` through a helper process and parse its report.
fn run_measured(dir: &Path, format: &str, files: usize) -> Result<Measurement, String> {
    let me = std::env::current_exe().map_err(|e| e.to_string())?;
    let out = Command::new(me)
        .arg("--measure")
        .arg(dir)
        .arg(format)
        .arg(files.to_string())
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot start the measuring helper: {e}"))?;
    let text = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() {
        return Err(text.trim().to_string());
    }
    let fields: Vec<&str> = text.split_whitespace().collect();
    match fields[..] {
        [wall, rss, bytes, findings] => Ok(Measurement {
            wall: wall
                .parse()
                .map_err(|_| format!("bad helper output {text:?}"))?,
            max_rss_kb: rss
                .parse()
                .map_err(|_| format!("bad helper output {text:?}"))?,
            out_bytes: bytes
                .parse()
                .map_err(|_| format!("bad helper output {text:?}"))?,
            findings: findings.parse().ok(),
        }),
        _ => Err(format!("bad helper output {text:?}")),
    }
}

/// The helper: run guifan once and print
/// `<wall seconds> <peak RSS kB> <stdout bytes> <findings or ->`, or the
/// reason it failed. A JSON report is kept and checked (one object, the README's JSON format,
/// `files_checked` = the number of files); other output is discarded.
fn measure(args: &[String]) -> ExitCode {
    let [dir, format, files] = args else {
        println!("usage: --measure DIR FORMAT FILES");
        return ExitCode::FAILURE;
    };
    let start = Instant::now();
    // Run from the folder so that no guifan.toml of ours is picked up.
    let mut cmd = Command::new(guifan_bin());
    cmd.args(["check", dir.as_str(), "--format", format.as_str()])
        .current_dir(dir);
    let (mut child, err_reader) = match spawn_piped(&mut cmd) {
        Ok(c) => c,
        Err(e) => {
            println!("cannot run {}: {e}", guifan_bin());
            return ExitCode::FAILURE;
        }
    };
    let mut stdout = child.stdout.take().expect("piped stdout");
    let mut report = Vec::new();
    let out_bytes = if format == "json" {
        stdout.read_to_end(&mut report).unwrap_or(0) as u64
    } else {
        std::io::copy(&mut stdout, &mut std::io::sink()).unwrap_or(0)
    };
    let status = match child.wait() {
        Ok(s) => s,
        Err(e) => {
            println!("waiting for guifan failed: {e}");
            return ExitCode::FAILURE;
        }
    };
    let wall = start.elapsed().as_secs_f64();
    let stderr = err_reader.join().unwrap_or_default();
    // 0 = clean, 1 = findings (README, "Usage"); anything else is a failure.
    if !matches!(status.code(), Some(0 | 1)) {
        let tail = tail(&stderr, 2000);
        println!(
            "guifan exited with {status}{}{}",
            if tail.trim().is_empty() { "" } else { ":\n" },
            tail.trim_end()
        );
        return ExitCode::FAILURE;
    }
    let Some(rss_kb) = children_max_rss_kb() else {
        println!("peak RSS of a child is not available on this platform");
        return ExitCode::FAILURE;
    };
    let findings = if format == "json" {
        match check_json_report(&report, files) {
            Ok(n) => n.to_string(),
            Err(e) => {
                println!("{e}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        "-".to_string()
    };
    println!("{wall} {rss_kb} {out_bytes} {findings}");
    let _ = std::io::stdout().flush();
    ExitCode::SUCCESS
}

/// Check a `--format json` report (README, "Output formats") over `files` files; return its
/// number of diagnostics.
fn check_json_report(report: &[u8], files: &str) -> Result<usize, String> {
    let value: serde_json::Value = serde_json::from_slice(report).map_err(|e| {
        let head = String::from_utf8_lossy(&report[..report.len().min(300)]).into_owned();
        format!("the JSON report does not parse ({e}); it starts with {head:?}")
    })?;
    let checked = value.get("files_checked").and_then(|v| v.as_u64());
    if checked.map(|c| c.to_string()).as_deref() != Some(files) {
        return Err(format!(
            "the JSON report says files_checked = {checked:?}, expected {files}"
        ));
    }
    value
        .get("diagnostics")
        .and_then(|d| d.as_array())
        .map(Vec::len)
        .ok_or_else(|| "the JSON report has no `diagnostics` array".to_string())
}

/// The largest peak RSS among this process's waited-for children, in kB.
#[cfg(unix)]
fn children_max_rss_kb() -> Option<u64> {
    use nix::sys::resource::{UsageWho, getrusage};
    let usage = getrusage(UsageWho::RUSAGE_CHILDREN).ok()?;
    let raw = u64::try_from(usage.max_rss()).ok()?;
    // Linux reports kilobytes, macOS bytes.
    Some(if cfg!(target_os = "macos") {
        raw / 1024
    } else {
        raw
    })
}

#[cfg(not(unix))]
fn children_max_rss_kb() -> Option<u64> {
    None
}

/// Write `n` documents (a third Markdown, the rest plain text) into `dir`,
/// 500 to a subfolder; return the total size in bytes.
fn generate(dir: &Path, n: usize) -> u64 {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ n as u64);
    let mut total = 0;
    for i in 0..n {
        let sub = dir.join(format!("{:04}", i / 500));
        if i % 500 == 0 {
            std::fs::create_dir_all(&sub).expect("create a folder");
        }
        let markdown = i % 3 == 2;
        let text = document(&mut rng, markdown);
        let name = format!("{i:06}.{}", if markdown { "md" } else { "txt" });
        std::fs::write(sub.join(name), &text).expect("write a document");
        total += text.len() as u64;
    }
    total
}

// Phrase lists for the generated documents: written for this benchmark.
const UNITS: &[&str] = &[
    "学校党委",
    "市政府办公室",
    "学院党委理论学习中心组",
    "区委宣传部",
    "研究生院",
    "市教育局",
    "校团委",
    "机关党委",
    "科技处",
    "街道办事处",
    "图书馆",
    "外国语学院",
];
const EVENTS: &[&str] = &[
    "召开专题会议",
    "举行集中学习",
    "开展调研座谈",
    "召开工作推进会",
    "举办专题培训班",
    "组织现场观摩活动",
    "召开年度总结大会",
    "举行签约仪式",
];
const TOPICS: &[&str] = &[
    "研究部署下一阶段重点工作",
    "总结上半年工作成效",
    "交流基层治理经验做法",
    "推动科研成果转化落地",
    "部署安全生产检查工作",
    "听取各部门工作汇报",
    "审议年度工作要点",
    "推进人才培养模式改革",
];
const PEOPLE: &[&str] = &[
    "张明远",
    "李晓华",
    "王建国",
    "陈思琪",
    "刘志强",
    "赵雅文",
    "周海涛",
    "吴静怡",
];
const TITLES: &[&str] = &[
    "党委书记",
    "校长",
    "副局长",
    "主任",
    "院长",
    "副校长",
    "处长",
];
const CLAUSES: &[&str] = &[
    "会议强调要进一步提高政治站位",
    "切实增强责任感和使命感",
    "坚持问题导向和目标导向",
    "推动各项任务落地见效",
    "要以钉钉子精神抓好落实",
    "不断提升服务师生的能力和水平",
    "加强统筹协调和督促检查",
    "确保各项工作有序推进",
    "与会人员围绕主题展开深入交流",
    "大家一致认为此次活动内容丰富",
    "下一步将持续完善工作机制",
    "为高质量发展提供坚强保障",
];

/// One document of 4 to 8 paragraphs, about 0.6 to 1.5 KB.
fn document(rng: &mut Rng, markdown: bool) -> String {
    let unit = rng.pick(UNITS);
    let event = rng.pick(EVENTS);
    let mut s = String::new();
    if markdown {
        s.push_str("# ");
    }
    s.push_str(&format!("{unit}{event}\n\n"));
    let (y, m, d) = (2020 + rng.below(6), 1 + rng.below(12), 1 + rng.below(28));
    let (person, title) = (rng.pick(PEOPLE), rng.pick(TITLES));
    s.push_str(&format!(
        "{y}年{m}月{d}日{}{unit}{event}，{}。{unit}{title}{person}出席并讲话。\n\n",
        rng.pick(&["上午", "下午", ""]),
        rng.pick(TOPICS),
    ));
    for _ in 0..3 + rng.below(5) {
        let clauses = 2 + rng.below(4);
        for c in 0..clauses {
            s.push_str(rng.pick(CLAUSES));
            // Mostly full-width commas; now and then a half-width slip.
            let last = c + 1 == clauses;
            s.push_str(match (last, rng.below(12)) {
                (true, _) => "。",
                (false, 0) => ",",
                (false, _) => "，",
            });
        }
        s.push_str("\n\n");
    }
    s
}

/// A small deterministic generator (xorshift64*), so runs are comparable.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.below(list.len())]
    }
}
