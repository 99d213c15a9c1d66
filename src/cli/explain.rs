//! `guifan rules`, `guifan explain RULE` and `guifan init`.

use super::args::{InitArgs, ListFormat};
use super::config::{Resolved, closest};
use guifan::Applicability;
use guifan::engine::RuleEntry;
use guifan::rule::Kind;
use miette::{Report, miette};
use std::io::{self, Write};
use std::path::Path;

fn fixable(entry: &RuleEntry) -> &'static str {
    match entry.meta.fix {
        Some(Applicability::Safe) => "安全",
        Some(Applicability::Unsafe) => "不安全",
        None => "—",
    }
}

/// A severity as users read it, with the keyword that configuration uses:
/// `错误（error）`.
fn severity_label(s: guifan::Severity) -> String {
    format!("{}（{}）", s.label_zh(), s.as_str())
}

/// What a rule kind means, for `guifan explain` (the kind keyword of
/// `rules/*.toml` stays alongside).
fn kind_label(kind: Kind) -> String {
    let zh = match kind {
        Kind::Native => "内置规则，由程序代码实现",
        Kind::Existence => "出现即报告所列词语",
        Kind::Substitution => "错误写法替换为正确写法",
        Kind::Sequence => "列举须按规定的成员和顺序",
        Kind::Consistency => "同一文档只用一种写法",
        Kind::FirstMention => "简称前须先出现全称",
        Kind::Pattern => "正则表达式匹配",
    };
    format!("{kind}（{zh}）")
}

/// Display width of `s`: wide (CJK, fullwidth) characters count two columns.
fn columns(s: &str) -> usize {
    s.chars()
        .map(|c| {
            if (c as u32) >= 0x1100 && c != '—' {
                2
            } else {
                1
            }
        })
        .sum()
}

/// `s` padded with spaces to `width` columns.
fn pad(s: &str, width: usize) -> String {
    format!("{s}{}", " ".repeat(width.saturating_sub(columns(s))))
}

/// One rule's metadata as JSON: an element of `guifan rules --format json`
/// and of the HTTP API's rule list.
pub fn rule_json(r: &RuleEntry) -> serde_json::Value {
    serde_json::json!({
        "id": r.meta.id,
        "family": r.meta.family.as_str(),
        "kind": r.meta.kind.as_str(),
        "severity": r.severity.as_str(),
        "default_severity": r.meta.severity.as_str(),
        "fix": r.meta.fix.map(|f| f.as_str()),
        "enabled": r.enabled,
        "summary": r.meta.summary,
        "source": r.meta.source,
        "origin": r.meta.origin,
    })
}

/// The rule table (or JSON array), in declaration order.
pub fn rules(config: &Resolved, format: ListFormat, out: &mut dyn Write) -> io::Result<()> {
    let rules = config.linter.rules();
    match format {
        ListFormat::Json => {
            let list: Vec<serde_json::Value> = rules.iter().map(rule_json).collect();
            serde_json::to_writer_pretty(&mut *out, &list)?;
            writeln!(out)
        }
        ListFormat::Table => {
            let width = rules
                .iter()
                .map(|r| r.meta.id.len())
                .max()
                .unwrap_or(2)
                .max(2);
            writeln!(
                out,
                "{}  {}  {}  {}  说明",
                pad("规则", width),
                pad("级别", 4),
                pad("修复", 6),
                pad("启用", 4)
            )?;
            for r in rules {
                writeln!(
                    out,
                    "{}  {}  {}  {}  {}",
                    pad(&r.meta.id, width),
                    pad(r.severity.label_zh(), 4),
                    pad(fixable(r), 6),
                    pad(if r.enabled { "是" } else { "否" }, 4),
                    r.meta.summary
                )?;
            }
            let enabled = rules.iter().filter(|r| r.enabled).count();
            writeln!(out, "\n共 {} 条规则，启用 {} 条。", rules.len(), enabled)
        }
    }
}

/// The documentation of one rule.
pub fn explain(config: &Resolved, id: &str, out: &mut dyn Write) -> Result<io::Result<()>, Report> {
    let Some(entry) = config.linter.rule(id) else {
        let ids = config.linter.rules().iter().map(|r| r.meta.id.as_str());
        let help = match closest(id, ids) {
            Some(s) => format!("你是不是想查 `{s}`？用 `guifan rules` 查看全部规则"),
            None => "用 `guifan rules` 查看全部规则".to_string(),
        };
        return Err(miette!(
            code = "guifan::unknown_rule",
            help = help,
            "没有规则 `{id}`"
        ));
    };
    Ok(write_explain(entry, out))
}

/// The explanation of one rule as `guifan explain` prints it (also the
/// `explain` text of the HTTP API and the LSP server's hover).
pub fn write_explain(entry: &RuleEntry, out: &mut dyn Write) -> io::Result<()> {
    let m = &entry.meta;
    writeln!(out, "{}", m.id)?;
    writeln!(out, "{}", "=".repeat(m.id.len()))?;
    writeln!(out, "{}", m.summary)?;
    writeln!(out)?;
    writeln!(out, "规则族：{}", m.family)?;
    writeln!(out, "类型：  {}", kind_label(m.kind))?;
    if entry.severity != m.severity {
        writeln!(
            out,
            "级别：  {}，默认为{}，已由配置更改",
            severity_label(entry.severity),
            severity_label(m.severity)
        )?;
    } else {
        writeln!(out, "级别：  {}", severity_label(m.severity))?;
    }
    let fix = match m.fix {
        Some(Applicability::Safe) => "安全修复（guifan fix 会自动应用）",
        Some(Applicability::Unsafe) => "不安全修复（需 guifan fix --unsafe）",
        None => "无自动修复",
    };
    writeln!(out, "修复：  {fix}")?;
    writeln!(out, "启用：  {}", if entry.enabled { "是" } else { "否" })?;
    if !m.message.is_empty() {
        writeln!(out, "消息：  {}", m.message)?;
    }
    if let Some(s) = &m.source {
        writeln!(out, "依据：  {s}")?;
    }
    match (m.since, m.until) {
        (None, None) => {}
        (since, until) => writeln!(
            out,
            "有效期：{} 至 {}",
            since.map_or("—".to_string(), |d| d.to_string()),
            until.map_or("今".to_string(), |d| format!("{d}（不含）"))
        )?,
    }
    writeln!(out, "来源：  {}", m.origin)?;

    let doc = if m.kind == Kind::Native {
        guifan::rules::native_doc(&m.id).map(str::to_string)
    } else {
        None
    }
    .filter(|d| !d.trim().is_empty())
    .or_else(|| (!m.description.trim().is_empty()).then(|| m.description.clone()));
    if let Some(doc) = doc {
        writeln!(out)?;
        writeln!(out, "{}", doc.trim_end())?;
    }
    if !m.examples.is_empty() {
        writeln!(out)?;
        writeln!(out, "示例：")?;
        for ex in &m.examples {
            let date = ex
                .date
                .map(|d| format!("（文档日期 {d}）"))
                .unwrap_or_default();
            if let Some(bad) = &ex.bad {
                writeln!(out, "  ✗ {bad}{date}")?;
                if let Some(fixed) = &ex.fixed {
                    writeln!(out, "  → {fixed}")?;
                }
            }
            if let Some(good) = &ex.good {
                writeln!(out, "  ✓ {good}{date}")?;
            }
        }
    }
    Ok(())
}

/// Write the starter configuration into `dir`.
pub fn init(dir: &Path, args: &InitArgs, quiet: bool) -> Result<(), Report> {
    let path = dir.join("guifan.toml");
    let mut options = std::fs::OpenOptions::new();
    options.write(true);
    if args.force {
        options.create(true).truncate(true);
    } else {
        options.create_new(true);
    }
    let mut file = options.open(&path).map_err(|e| {
        if e.kind() == io::ErrorKind::AlreadyExists {
            miette!(
                code = "guifan::init",
                help = "用 `guifan init --force` 覆盖",
                "{} 已存在，未改动",
                path.display()
            )
        } else {
            miette!(code = "guifan::io", "无法写入 {}：{e}", path.display())
        }
    })?;
    file.write_all(guifan::settings::STARTER_CONFIG.as_bytes())
        .map_err(|e| miette!(code = "guifan::io", "无法写入 {}：{e}", path.display()))?;
    if !quiet {
        let _ = writeln!(io::stderr(), "已写入 {}", path.display());
    }
    Ok(())
}
