//! The audit page: one self-contained HTML file.
//!
//! Everything is inline: the CSS, the charts ([`super::svg`]), the tables
//! to download (`data:` links, [`super::table`]). There is no script at
//! all, and a Content-Security-Policy that allows no request, so the page
//! opens the same from a mail attachment, a file share or an intranet,
//! offline, and cannot leak what it shows. Sites are ordered by their
//! leader-title and formulation findings, then by all findings; each site
//! shows those findings first.

use super::aggregate::{Audit, Page, Site};
use super::table::{csv_data_url, months_csv, rules_csv};
use super::{escape, family_label, is_priority, severity_label, svg};
use std::fmt::Write;

const STYLE: &str = r#"
:root{--ink:#1d2433;--muted:#5b6475;--line:#d9dee8;--pri:#b42318;--bg:#f6f7f9}
*{box-sizing:border-box}
body{margin:0;font:15px/1.6 "Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;color:var(--ink);background:var(--bg)}
header,main{max-width:1100px;margin:0 auto;padding:16px 20px}
header{border-bottom:1px solid var(--line);background:#fff;max-width:none}
header>*{max-width:1060px;margin-left:auto;margin-right:auto}
h1{font-size:24px;margin:8px auto}
h2{font-size:20px;margin:0 0 8px;word-break:break-all}
h3{font-size:16px;margin:18px 0 6px}
.meta,.note{color:var(--muted)}
.downloads a{display:inline-block;margin:4px 12px 4px 0;padding:6px 12px;border:1px solid var(--line);border-radius:6px;background:#fff;color:#1f4fa3;text-decoration:none}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
th{background:#eef1f6;font-weight:600}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.wrap{overflow-x:auto}
section.site{background:#fff;border:1px solid var(--line);border-radius:8px;padding:16px;margin:18px 0}
.pri{color:var(--pri);font-weight:600}
ul.priority{margin:4px 0;padding-left:20px}
.none{color:#2e7d32}
.chart{display:block;max-width:100%;height:auto}
.chart-box .chart{min-width:560px}
.chart .tick{font-size:11px;fill:#5b6475}
.chart .rule{font-size:12px;fill:#1d2433;font-family:ui-monospace,monospace}
.legend span{display:inline-block;width:12px;height:12px;margin:0 4px 0 12px;vertical-align:-1px}
details{border-top:1px solid var(--line);padding:6px 0}
summary{cursor:pointer;word-break:break-all}
.findings td{font-size:14px}
code{font-family:ui-monospace,monospace;font-size:13px}
.ctx{word-break:break-all}
mark{background:#fde68a;padding:0 1px}
mark.pri{background:#fecaca;color:inherit}
@media (max-width:600px){header,main{padding:12px 10px}section.site{padding:10px}
.findings thead{display:none}.findings tr{display:block;border-bottom:1px solid var(--line);padding:6px 0}
.findings td{display:block;border:0;padding:2px 4px}.hide-phone{display:none}}
"#;

/// Thousands separated by commas (`1234567` → `1,234,567`).
fn grouped(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn per_10k(findings: u64, chars: u64) -> String {
    if chars == 0 {
        "—".to_string()
    } else {
        format!("{:.2}", findings as f64 * 10_000.0 / chars as f64)
    }
}

/// The whole page.
pub fn render(audit: &Audit, title: &str) -> String {
    let mut s = String::with_capacity(64 * 1024);
    let title = escape(title);
    let _ = write!(
        s,
        r#"<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"><meta name="generator" content="guifan report"><title>{title}</title><style>{STYLE}</style></head><body><header><h1>{title}</h1>"#
    );
    header(&mut s, audit);
    s.push_str("</header><main>");
    overview(&mut s, audit);
    for (n, &i) in audit.site_order().iter().enumerate() {
        site(&mut s, audit, i, n + 1);
    }
    s.push_str("</main></body></html>\n");
    s
}

fn header(s: &mut String, audit: &Audit) {
    let documents: u64 = audit.sites.iter().map(|x| x.documents).sum();
    let chars: u64 = audit.sites.iter().map(|x| x.chars).sum();
    let priority: u64 = audit.sites.iter().map(|x| x.priority).sum();
    let _ = write!(
        s,
        r#"<p class="meta" id="totals">共 {} 个网站、{} 篇文档、{} 字，{} 个问题；其中领导人姓名职务与规范表述问题 <span class="pri">{}</span> 个（须优先处理）。</p>"#,
        grouped(audit.sites.len() as u64),
        grouped(documents),
        if audit.chars_known {
            grouped(chars)
        } else {
            "字数不详".to_string()
        },
        grouped(audit.findings),
        grouped(priority),
    );
    if !audit.chars_known {
        s.push_str(r#"<p class="note">输入未给出每篇文档的字数，问题率按每篇文档计（用 <code>guifan check --format json --show-date</code> 的输出或带 chars 列的输入可得每万字问题数）。</p>"#);
    }
    let _ = write!(
        s,
        r#"<p class="downloads"><a id="download-months" download="guifan-audit-months.csv" href="{}">下载：按网站和月份统计（CSV）</a><a id="download-rules" download="guifan-audit-rules.csv" href="{}">下载：按网站和规则统计（CSV）</a></p>"#,
        csv_data_url(&months_csv(audit)),
        csv_data_url(&rules_csv(audit)),
    );
}

fn overview(s: &mut String, audit: &Audit) {
    let unit = if audit.chars_known {
        "每万字问题数"
    } else {
        "每篇问题数"
    };
    let _ = write!(
        s,
        r#"<h2>各网站概况</h2><div class="wrap"><table id="overview"><thead><tr><th>网站</th><th class="n">文档</th><th class="n hide-phone">字数</th><th class="n">问题</th><th class="n">{unit}</th><th class="n">重点问题</th></tr></thead><tbody>"#
    );
    for (n, &i) in audit.site_order().iter().enumerate() {
        let x = &audit.sites[i];
        let rate = if audit.chars_known {
            per_10k(x.findings, x.chars)
        } else {
            format!("{:.2}", x.findings as f64 / x.documents.max(1) as f64)
        };
        let _ = write!(
            s,
            r##"<tr><td><a href="#site-{}">{}</a></td><td class="n">{}</td><td class="n hide-phone">{}</td><td class="n">{}</td><td class="n">{rate}</td><td class="n{}">{}</td></tr>"##,
            n + 1,
            escape(&x.name),
            grouped(x.documents),
            grouped(x.chars),
            grouped(x.findings),
            if x.priority > 0 { " pri" } else { "" },
            grouped(x.priority),
        );
    }
    s.push_str("</tbody></table></div>");
}

fn site(s: &mut String, audit: &Audit, i: usize, anchor: usize) {
    let x = &audit.sites[i];
    let _ = write!(
        s,
        r#"<section class="site" id="site-{anchor}"><h2>{}</h2><p class="meta">{} 篇文档，{} 个问题，其中错误 {} 个。</p>"#,
        escape(&x.name),
        grouped(x.documents),
        grouped(x.findings),
        grouped(x.errors),
    );
    priority_rules(s, x);
    timeline(s, audit, x);
    let top = &x.rules[..x.rules.len().min(x.top_rules)];
    if !top.is_empty() {
        s.push_str("<h3>最常见的规则</h3>");
        s.push_str(r#"<div class="wrap chart-box">"#);
        s.push_str(&svg::rules_chart(&x.name, top));
        s.push_str("</div>");
        if x.rules.len() > top.len() {
            let _ = write!(
                s,
                r#"<p class="note">另有 {} 条规则，见“按网站和规则统计”表。</p>"#,
                x.rules.len() - top.len()
            );
        }
    }
    worst_pages(s, audit, i);
    s.push_str("</section>");
}

/// The leader-title and formulation rules of a site, before anything else.
fn priority_rules(s: &mut String, x: &Site) {
    s.push_str("<h3>重点：领导人姓名职务与规范表述</h3>");
    let pri: Vec<_> = x.rules.iter().filter(|r| is_priority(&r.rule)).collect();
    if pri.is_empty() {
        s.push_str(r#"<p class="none">未发现此类问题。</p>"#);
        return;
    }
    s.push_str(r#"<ul class="priority">"#);
    for r in pri {
        let _ = write!(
            s,
            r#"<li><span class="pri">{}</span> 个 · <code>{}</code>（{}）</li>"#,
            grouped(r.count),
            escape(&r.rule),
            family_label(super::family(&r.rule)),
        );
    }
    s.push_str("</ul>");
}

fn timeline(s: &mut String, audit: &Audit, x: &Site) {
    s.push_str("<h3>问题率（按文档日期，每月）</h3>");
    let months = x.timeline();
    if months.is_empty() {
        s.push_str(r#"<p class="note">没有带日期的文档。</p>"#);
    } else {
        s.push_str(r#"<div class="wrap chart-box">"#);
        s.push_str(&svg::rate_chart(&x.name, &months, audit.chars_known));
        s.push_str("</div>");
        let _ = write!(
            s,
            r#"<p class="legend note"><span style="background:#8aa4c8"></span>全部问题<span style="background:#b42318"></span>领导人姓名职务与规范表述（{}）</p>"#,
            if audit.chars_known {
                "每万字"
            } else {
                "每篇"
            }
        );
    }
    if let Some(u) = x.undated() {
        let _ = write!(
            s,
            r#"<p class="note">另有 {} 篇文档没有日期（{} 个问题），不在图中。</p>"#,
            grouped(u.documents),
            grouped(u.findings)
        );
    }
}

fn worst_pages(s: &mut String, audit: &Audit, i: usize) {
    let pages: Vec<&Page> = audit.worst_pages(i).collect();
    if pages.is_empty() {
        return;
    }
    s.push_str(r#"<h3>问题最多的页面</h3><div class="pages">"#);
    for (n, p) in pages.iter().enumerate() {
        let rate = p
            .rate()
            .map_or(String::new(), |r| format!("，每万字 {r:.2}"));
        let date = p.date.map_or(String::new(), |d| format!("，{d}"));
        let _ = write!(
            s,
            r#"<details class="page"{}><summary><code>{}</code> — {} 个问题{}{rate}{date}</summary>"#,
            if n < 3 { " open" } else { "" },
            escape(&p.id),
            grouped(u64::from(p.findings)),
            if p.priority > 0 {
                format!(r#"（<span class="pri">重点 {}</span>）"#, p.priority)
            } else {
                String::new()
            },
        );
        findings(s, audit, p);
        s.push_str("</details>");
    }
    s.push_str("</div>");
}

fn findings(s: &mut String, audit: &Audit, p: &Page) {
    s.push_str(r#"<div class="wrap"><table class="findings"><thead><tr><th>位置</th><th>规则</th><th>说明</th><th>上下文</th></tr></thead><tbody>"#);
    let cap = audit.options.findings_per_page;
    for f in p.shown().take(cap) {
        let pri = is_priority(&f.rule);
        let ctx = match &f.context {
            Some(c) => format!(
                r#"{}<mark{}>{}</mark>{}"#,
                escape(&c.before),
                if pri { r#" class="pri""# } else { "" },
                escape(&c.hit),
                escape(&c.after)
            ),
            None => String::new(),
        };
        let fix = match f.fix.as_deref() {
            None => String::new(),
            Some("") => "<br>可自动修复（删除）".to_string(),
            Some(r) => format!("<br>建议改为：<code>{}</code>", escape(r)),
        };
        let _ = write!(
            s,
            r#"<tr><td class="n">{}:{}</td><td><code{}>{}</code><br>{}</td><td>{}{fix}</td><td class="ctx">{ctx}</td></tr>"#,
            f.line,
            f.column,
            if pri { r#" class="pri""# } else { "" },
            escape(&f.rule),
            severity_label(&f.severity),
            escape(&f.message),
        );
    }
    s.push_str("</tbody></table></div>");
    let shown = p.shown().count().min(cap) as u32;
    if p.findings > shown {
        let _ = write!(
            s,
            r#"<p class="note">另有 {} 个问题未列出。</p>"#,
            p.findings - shown
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::aggregate::{Aggregator, Options};
    use crate::audit::{DocumentFacts, Finding};

    #[test]
    fn numbers_are_grouped() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1_234_567), "1,234,567");
    }

    #[test]
    fn the_page_loads_nothing_and_escapes_everything() {
        let mut a = Aggregator::new(Options::default());
        let f = Finding {
            id: "<s>/a.html".into(),
            rule: "names/title-not-held".into(),
            severity: "error".into(),
            message: "<script>alert(1)</script>".into(),
            ..Finding::default()
        };
        a.add_finding(&f);
        a.add_document(&DocumentFacts {
            id: f.id.clone(),
            date: "2024-05-01".parse().ok(),
            chars: Some(100),
            ..DocumentFacts::default()
        });
        let mut audit = a.finish();
        audit.collect(&f);
        let html = render(&audit, "审计 & 报告");
        assert!(html.contains("<title>审计 &amp; 报告</title>"));
        assert!(!html.contains("<script"));
        assert!(html.contains("&lt;script&gt;"));
        assert!(!html.contains("http://") && !html.contains("https://"));
        assert!(!html.contains(" src="));
        assert!(html.contains("default-src 'none'"));
    }
}
