//! The command line, declared with clap's derive API.

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};
use guifan::Severity;
use std::path::PathBuf;

const AFTER_HELP: &str = "\
配置：从当前文件夹向上查找最近的 guifan.toml（或 .guifan.toml）；子文件夹中另有 guifan.toml 时，
      其下的文件改用离它最近的那一份（规则、exclude、per-file-ignores）；
      其中的路径（rules、exclude、per-file-ignores）相对于配置文件所在的文件夹；
      force-exclude = true（或 --force-exclude）使 exclude 也适用于命令行上给出的文件；
      命令行选项优先于配置。--config FILE 对所有文件只用这一份配置，--no-config 不用配置。
退出码：0 = 没有达到失败级别（--fail-on，默认 error）的问题（或 --exit-zero）；1 = 有；
      2 = 用法、配置或读写错误（任何一个文件无法读取或解码都会使退出码为 2，其余文件照常检查）。";

/// guifan（规范）：中文公文与新闻稿的规范检查工具。
#[derive(Debug, Parser)]
#[command(name = "guifan", version, about, max_term_width = 100, after_help = AFTER_HELP)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 检查文件或文件夹（默认当前文件夹；`-` 读取标准输入）
    Check(CheckArgs),
    /// 就地应用安全修复（`--unsafe` 也应用不安全修复），并报告剩余问题
    Fix(FixArgs),
    /// 列出全部规则：id、级别、可否修复、是否启用、说明
    Rules(RulesArgs),
    /// 显示一条规则的文档、依据与示例
    Explain(ExplainArgs),
    /// 在当前文件夹写入一份起步用的 guifan.toml
    Init(InitArgs),
    /// 启动校对网页与 HTTP JSON 接口（默认只在本机 127.0.0.1:7878 监听）
    Serve(ServeArgs),
    /// 启动 LSP 语言服务器（经标准输入输出），供编辑器实时检查与修复
    Server(ServerArgs),
    /// 记录当前的全部问题到基线文件，此后 `guifan check --baseline FILE` 只报告新问题
    Baseline(BaselineArgs),
    /// 汇总检查结果，生成审计报告网页（自包含 HTML：各网站的问题率、常见规则、问题最多的页面）
    Report(ReportArgs),
}

/// Severity as a command-line value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SeverityArg {
    Error,
    Warning,
    Info,
}

impl From<SeverityArg> for Severity {
    fn from(s: SeverityArg) -> Severity {
        match s {
            SeverityArg::Error => Severity::Error,
            SeverityArg::Warning => Severity::Warning,
            SeverityArg::Info => Severity::Info,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormatArg {
    Human,
    Json,
    Sarif,
    Github,
    Diff,
    /// 每个问题一行：路径:行:列: 级别 规则 消息 [可修复]
    Concise,
    /// GitLab Code Quality 报告（JSON）
    Gitlab,
    /// JUnit XML 测试报告
    Junit,
}

impl From<OutputFormatArg> for guifan::report::OutputFormat {
    fn from(f: OutputFormatArg) -> Self {
        use guifan::report::OutputFormat as O;
        match f {
            OutputFormatArg::Human => O::Human,
            OutputFormatArg::Json => O::Json,
            OutputFormatArg::Sarif => O::Sarif,
            OutputFormatArg::Github => O::Github,
            OutputFormatArg::Diff => O::Diff,
            OutputFormatArg::Concise => O::Concise,
            OutputFormatArg::Gitlab => O::Gitlab,
            OutputFormatArg::Junit => O::Junit,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum InputFormatArg {
    Plain,
    Markdown,
    Html,
}

impl From<InputFormatArg> for guifan::Format {
    fn from(f: InputFormatArg) -> Self {
        match f {
            InputFormatArg::Plain => guifan::Format::Plain,
            InputFormatArg::Markdown => guifan::Format::Markdown,
            InputFormatArg::Html => guifan::Format::Html,
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    #[default]
    Auto,
    Always,
    Never,
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("日期 `{s}` 无效，应为 YYYY-MM-DD，如 2024-01-01"))
}

/// Options that decide the configuration and the rules (shared by every
/// command that builds a linter).
#[derive(Debug, Args, Clone, Default)]
pub struct RuleOptions {
    /// 配置文件（默认：从当前文件夹向上查找 guifan.toml 或 .guifan.toml）
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// 不读取任何配置文件
    #[arg(long)]
    pub no_config: bool,
    /// 追加规则集文件（可重复；排在内置规则和配置中的规则集之后）
    #[arg(long = "rules", value_name = "FILE")]
    pub rules: Vec<PathBuf>,
    /// 只运行这些规则（逗号分隔的规则 id、规则族或 all；取代配置中的 select）
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Option<Vec<String>>,
    /// 在选择之外再加上这些规则
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub extend_select: Vec<String>,
    /// 不运行这些规则（规则 id 或规则族）
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Vec<String>,
}

/// Options of `check` and `fix`.
#[derive(Debug, Args, Clone)]
pub struct LintOptions {
    /// 要检查的文件或文件夹（默认 `.`；`-` 表示标准输入）
    #[arg(value_name = "PATHS")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub rules: RuleOptions,
    /// 文档中没有发布日期时使用的日期（YYYY-MM-DD；默认取配置中的 as-of，否则今天）
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
    /// 不显示低于此级别的问题
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub min_severity: Option<SeverityArg>,
    /// 出现此级别或更高级别的问题时退出码为 1（默认取配置中的 fail-on，否则 error）
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub fail_on: Option<SeverityArg>,
    /// 也包括不安全的修复（需要人工确认的改动）
    #[arg(long = "unsafe")]
    pub unsafe_fixes: bool,
    /// 强制按此格式读取输入（默认按扩展名判断，未知扩展名按纯文本）
    #[arg(long, alias = "format-override", value_enum, value_name = "FORMAT")]
    pub input_format: Option<InputFormatArg>,
    /// 标准输入的文件名（用于显示，并按扩展名决定格式）；没有给出路径时即读取标准输入
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,
    /// 不读取 .gitignore、.ignore、.guifanignore
    #[arg(long)]
    pub no_ignore: bool,
    /// 也检查隐藏文件和隐藏文件夹
    #[arg(long)]
    pub hidden: bool,
    /// 大于此大小的文件不读取，报告为错误（默认 256MiB）；字节数或带单位：512KiB、10MB、1G（K、KiB = 1024，KB = 1000）
    #[arg(
        long,
        value_name = "SIZE",
        value_parser = super::read::parse_size,
        default_value_t = super::read::DEFAULT_MAX_FILE_SIZE,
        hide_default_value = true
    )]
    pub max_file_size: u64,
    /// 并行线程数（默认：CPU 核数）
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,
    /// 显示每个文件使用的文档日期及其来源（metadata / as-of / today）
    #[arg(long)]
    pub show_date: bool,
    /// 彩色输出
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
    /// 只输出问题本身，不输出提示和说明
    #[arg(long, short)]
    pub quiet: bool,
    /// 配置中的 exclude 也适用于命令行上直接给出的文件（供 pre-commit 等传入文件名的工具使用）
    #[arg(long)]
    pub force_exclude: bool,
}

/// Where and how the report is written (`check` and `fix`).
#[derive(Debug, Args, Clone, Default)]
pub struct ReportFlags {
    /// 把报告写入此文件（原子写入：先写临时文件，完成后替换），而不是标准输出
    #[arg(long, short = 'o', value_name = "PATH")]
    pub output_file: Option<PathBuf>,
    /// 只输出每条规则的问题数与可修复数（按数量排序），不列出问题本身
    #[arg(long)]
    pub statistics: bool,
    /// 即使有问题也以 0 退出（用法、配置或读写错误仍为 2）
    #[arg(long)]
    pub exit_zero: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub lint: LintOptions,
    /// 输出格式
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = OutputFormatArg::Human, conflicts_with = "diff")]
    pub format: OutputFormatArg,
    /// 以统一 diff 显示修复后的结果，不改动任何文件（即 --format diff）
    #[arg(long)]
    pub diff: bool,
    /// Word 文档（.docx）：在问题处加批注（页边批注：说明、建议、规则 id），另存到 -o 指定的文件，原文件不动；
    /// 默认只批注没有可用修复的问题（unfixed），--annotate=all 批注全部问题。与 --annotate 同用时，
    /// -o 指定批注版文件，报告写到标准输出
    #[arg(
        long,
        value_enum,
        value_name = "WHICH",
        num_args = 0..=1,
        require_equals = true,
        default_missing_value = "unfixed",
        conflicts_with = "diff"
    )]
    pub annotate: Option<AnnotateArg>,
    #[command(flatten)]
    pub report: ReportFlags,
    /// 只报告不在此基线文件（guifan baseline 生成）中的问题
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// 只报告自此 git 引用（提交、分支、标签，如 origin/main、HEAD~3）以来改动过的行上的问题
    #[arg(long, value_name = "REF")]
    pub changed_since: Option<String>,
}

/// Which findings `check --annotate` comments.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum AnnotateArg {
    /// 只批注没有可用修复的问题（guifan fix 不会改的那些）
    Unfixed,
    /// 批注全部问题
    All,
}

/// `guifan report`: what the inputs are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FindingsFormatArg {
    /// `guifan check --format json` 的输出
    Json,
    /// JSON Lines：每行一个问题（或一篇文档）
    Jsonl,
    /// Parquet：每行一个问题（Spark 作业的输出；可给文件夹）
    Parquet,
}

/// `guifan report --group-by`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum GroupByArg {
    /// 路径的第一层文件夹
    Folder,
    /// 文档所在的文件夹
    Parent,
    /// 不分网站
    None,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// 检查结果：`guifan check --format json --show-date` 的输出、JSON Lines 或 Parquet（文件或文件夹）
    #[arg(required = true, value_name = "FINDINGS")]
    pub inputs: Vec<PathBuf>,
    /// 写入的网页文件
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: PathBuf,
    /// 网页标题
    #[arg(long, default_value = "规范审计报告")]
    pub title: String,
    /// 另把每篇文档的统计（网站、日期、字数、问题数）写成 CSV 文件
    #[arg(long, value_name = "FILE")]
    pub csv: Option<PathBuf>,
    /// 输入没有网站（group）时如何由路径得出
    #[arg(long, value_enum, value_name = "HOW", default_value_t = GroupByArg::Folder)]
    pub group_by: GroupByArg,
    /// 从此文件夹重读问题最多的页面，显示每个问题的上下文（路径相对于它）
    #[arg(long, value_name = "DIR")]
    pub text_root: Option<PathBuf>,
    /// 输入格式（默认按内容判断）
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub input_format: Option<FindingsFormatArg>,
    /// 每个网站列出的问题最多的页面数
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub worst_pages: usize,
    /// 每个页面列出的问题数
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub findings_per_page: usize,
}

#[derive(Debug, Args)]
pub struct BaselineArgs {
    #[command(flatten)]
    pub lint: LintOptions,
    /// 基线文件（JSON）；已存在时被替换
    #[arg(
        long,
        short = 'o',
        value_name = "FILE",
        default_value = "guifan-baseline.json"
    )]
    pub output: PathBuf,
}

#[derive(Debug, Args)]
pub struct FixArgs {
    #[command(flatten)]
    pub lint: LintOptions,
    /// 只显示将做的改动（统一 diff），不写入文件
    #[arg(long)]
    pub diff: bool,
    /// Word 文档（.docx）：把修改写成修订（修订模式中的删除与插入），由作者在 Word 中接受或拒绝
    #[arg(long)]
    pub track_changes: bool,
    /// 报告剩余问题的格式
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = OutputFormatArg::Human)]
    pub format: OutputFormatArg,
    /// 列出所做的每一处修复：路径:行:列、规则、改前 → 改后
    #[arg(long)]
    pub show_fixes: bool,
    #[command(flatten)]
    pub report: ReportFlags,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Json,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    #[command(flatten)]
    pub rules: RuleOptions,
    /// 输出格式
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// 规则 id，如 punctuation/halfwidth-in-cjk
    pub rule: String,
    #[command(flatten)]
    pub rules: RuleOptions,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// 覆盖已有的 guifan.toml
    #[arg(long)]
    pub force: bool,
}

/// Options of `guifan serve` (see `crate::serve`).
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// 监听地址（127.0.0.1 只接受本机连接；0.0.0.0 或其他地址会让网络上的机器也能访问）
    #[arg(long, default_value = "127.0.0.1", value_name = "HOST")]
    pub host: String,
    /// 监听端口（0 = 由系统分配，启动时在标准输出打印实际地址）
    #[arg(long, default_value_t = 7878, value_name = "PORT")]
    pub port: u16,
    /// The configuration and rules every request starts from (a request's
    /// own `select` replaces the selection, its `ignore` adds to it).
    #[command(flatten)]
    pub rules: RuleOptions,
    /// 要求接口请求带上 `Authorization: Bearer TOKEN`（也可用环境变量 GUIFAN_TOKEN）
    #[arg(
        long,
        value_name = "TOKEN",
        env = "GUIFAN_TOKEN",
        hide_env_values = true
    )]
    pub token: Option<String>,
    /// 请求体大小上限（单位同 --max-file-size：512KiB、10MB、1G）
    #[arg(long, value_name = "SIZE", value_parser = super::read::parse_size, default_value = "10MB")]
    pub max_body: u64,
    /// 单个检查或修复请求的处理时限（秒，可为小数），超时返回 504
    #[arg(long, value_name = "SECS", default_value_t = 30.0, value_parser = parse_seconds)]
    pub timeout: f64,
    /// 同时处理（含排队）的检查/修复请求上限，超出时立即返回 503
    #[arg(long, value_name = "N", default_value_t = 64, value_parser = clap::value_parser!(u32).range(1..))]
    pub max_concurrent: u32,
}

fn parse_seconds(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if v.is_finite() && v > 0.0 && v <= 86_400.0 => Ok(v),
        _ => Err(format!("时限 `{s}` 无效，应为大于 0、不超过 86400 的秒数")),
    }
}

/// Options of `guifan server` (see `crate::lsp`).
#[derive(Debug, Args)]
pub struct ServerArgs {
    /// 经标准输入输出通信（默认且唯一的方式；为兼容编辑器的习惯写法而接受）
    #[arg(long)]
    pub stdio: bool,
}
