//! The charts, as inline SVG: drawn here, so the page needs no script and
//! no chart library to show them, and prints as it shows.
//!
//! Each chart scales to its container (`viewBox`, width 100%), names itself
//! for screen readers (`role="img"`, `aria-label`) and gives each bar its
//! numbers in a `<title>` (the browser's tooltip).

use super::aggregate::{Month, RuleCount};
use super::{escape, is_priority};
use std::fmt::Write;

const WIDTH: f64 = 720.0;
const PRIORITY: &str = "#b42318";
const OTHER: &str = "#8aa4c8";

/// A round axis maximum at or above `max`, and its step (four steps).
fn axis(max: f64) -> (f64, f64) {
    if max <= 0.0 || !max.is_finite() {
        return (1.0, 0.25);
    }
    let raw = max / 4.0;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    (step * 4.0, step)
}

fn number(v: f64) -> String {
    if v >= 100.0 || v == v.trunc() {
        format!("{v:.0}")
    } else if v >= 10.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.2}")
    }
}

/// The rate of `findings` among `m`'s documents: per 10,000 characters when
/// `per_chars`, else per document. `None` for a month without documents.
pub fn rate(m: &Month, findings: u64, per_chars: bool) -> Option<f64> {
    if per_chars {
        (m.chars > 0).then(|| findings as f64 * 10_000.0 / m.chars as f64)
    } else {
        (m.documents > 0).then(|| findings as f64 / m.documents as f64)
    }
}

/// Findings per month as bars (all findings), with the priority findings
/// (leader titles, formulations) as a darker bar inside each.
pub fn rate_chart(site: &str, months: &[Month], per_chars: bool) -> String {
    let (height, left, bottom, top) = (230.0, 52.0, 34.0, 14.0);
    let plot_w = WIDTH - left - 10.0;
    let plot_h = height - top - bottom;
    let unit = if per_chars {
        "每万字问题数"
    } else {
        "每篇问题数"
    };
    let max = months
        .iter()
        .filter_map(|m| rate(m, m.findings, per_chars))
        .fold(0.0, f64::max);
    let (ymax, step) = axis(max);
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg class="chart" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" aria-label="{}：{unit}（按月）">"#,
        escape(site)
    );
    let mut tick = 0.0;
    while tick <= ymax + step / 2.0 {
        let y = top + plot_h - tick / ymax * plot_h;
        let _ = write!(
            s,
            r##"<line x1="{left}" x2="{}" y1="{y:.1}" y2="{y:.1}" stroke="#e3e7ee"/><text x="{}" y="{:.1}" class="tick" text-anchor="end">{}</text>"##,
            WIDTH - 10.0,
            left - 6.0,
            y + 4.0,
            number(tick)
        );
        tick += step;
    }
    let n = months.len().max(1) as f64;
    let slot = plot_w / n;
    let bar = (slot * 0.7).clamp(1.0, 56.0);
    let label_every = (months.len() / 12).max(1);
    for (i, m) in months.iter().enumerate() {
        let x = left + slot * i as f64 + (slot - bar) / 2.0;
        let label = m.label();
        if let Some(all) = rate(m, m.findings, per_chars) {
            let pri = rate(m, m.priority, per_chars).unwrap_or(0.0);
            let h = all / ymax * plot_h;
            let hp = pri / ymax * plot_h;
            let _ = write!(
                s,
                r#"<g class="bar"><title>{label}：{} 篇，{} 个问题（重点 {}），{unit} {}</title><rect x="{x:.1}" y="{:.1}" width="{bar:.1}" height="{h:.1}" fill="{OTHER}"/><rect x="{x:.1}" y="{:.1}" width="{bar:.1}" height="{hp:.1}" fill="{PRIORITY}"/></g>"#,
                m.documents,
                m.findings,
                m.priority,
                number(all),
                top + plot_h - h,
                top + plot_h - hp,
            );
        }
        if i % label_every == 0 {
            let _ = write!(
                s,
                r#"<text x="{:.1}" y="{:.1}" class="tick" text-anchor="middle">{label}</text>"#,
                x + bar / 2.0,
                height - bottom + 16.0
            );
        }
    }
    let _ = write!(
        s,
        r##"<line x1="{left}" x2="{}" y1="{:.1}" y2="{:.1}" stroke="#667085"/></svg>"##,
        WIDTH - 10.0,
        top + plot_h,
        top + plot_h
    );
    s
}

/// The rules that fire most, as horizontal bars (priority rules in red).
pub fn rules_chart(site: &str, rules: &[RuleCount]) -> String {
    let (row, label_w, top) = (24.0, 290.0, 4.0);
    let height = top * 2.0 + row * rules.len().max(1) as f64;
    let max = rules.iter().map(|r| r.count).max().unwrap_or(1).max(1) as f64;
    let bar_w = WIDTH - label_w - 70.0;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg class="chart" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" aria-label="{}：最常见的规则">"#,
        escape(site)
    );
    for (i, r) in rules.iter().enumerate() {
        let y = top + row * i as f64;
        let w = (r.count as f64 / max * bar_w).max(1.0);
        let color = if is_priority(&r.rule) {
            PRIORITY
        } else {
            OTHER
        };
        let rule = escape(&r.rule);
        let _ = write!(
            s,
            r#"<g class="bar"><title>{rule}：{} 个问题（其中错误 {}）</title><text x="{}" y="{:.1}" class="rule" text-anchor="end">{rule}</text><rect x="{label_w}" y="{:.1}" width="{w:.1}" height="{:.1}" fill="{color}"/><text x="{:.1}" y="{:.1}" class="tick">{}</text></g>"#,
            r.count,
            r.errors,
            label_w - 8.0,
            y + row * 0.68,
            y + 3.0,
            row - 6.0,
            label_w + w + 6.0,
            y + row * 0.68,
            r.count
        );
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axes_are_round() {
        assert_eq!(axis(7.3), (8.0, 2.0));
        assert_eq!(axis(0.0), (1.0, 0.25));
        assert_eq!(axis(100.0), (100.0, 25.0));
        assert_eq!(axis(0.9), (1.0, 0.25));
    }

    #[test]
    fn bars_scale_to_the_largest_month() {
        let months = [
            Month {
                month: Some((2024, 1)),
                documents: 2,
                chars: 20_000,
                findings: 8,
                priority: 2,
            },
            Month {
                month: Some((2024, 2)),
                ..Month::default()
            },
        ];
        let svg = rate_chart("a<b", &months, true);
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains("a&lt;b"));
        // 4 per 10,000 characters, on an axis up to 4: the full height.
        assert!(svg.contains("2024-01：2 篇，8 个问题（重点 2），每万字问题数 4"));
        assert_eq!(
            svg.matches("<g class=\"bar\">").count(),
            1,
            "no bar for an empty month"
        );
        let rules = [RuleCount {
            rule: "names/title-not-held".into(),
            count: 3,
            errors: 3,
        }];
        assert!(rules_chart("s", &rules).contains(PRIORITY));
    }
}
