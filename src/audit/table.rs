//! The tables people take away (CSV, quoted by the `csv` crate) and the
//! text around a finding.

use super::aggregate::{Audit, Snippet};
use super::{family, is_priority};
use base64::Engine;
use std::io::{self, Write};

/// Findings per 10,000 characters, rounded to two decimals (empty when the
/// length is unknown or zero).
fn rate(findings: u64, chars: u64) -> String {
    if chars == 0 {
        String::new()
    } else {
        format!("{:.2}", findings as f64 * 10_000.0 / chars as f64)
    }
}

fn csv_error(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// The counts per site and month: `网站,月份,文档数,字数,问题数,重点问题数,每万字问题数`.
pub fn months_csv(audit: &Audit) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let head = [
        "网站",
        "月份",
        "文档数",
        "字数",
        "问题数",
        "重点问题数",
        "每万字问题数",
    ];
    let mut rows = vec![head.map(String::from).to_vec()];
    for &s in &audit.site_order() {
        let site = &audit.sites[s];
        for m in site.months.iter() {
            rows.push(vec![
                site.name.clone(),
                m.label(),
                m.documents.to_string(),
                m.chars.to_string(),
                m.findings.to_string(),
                m.priority.to_string(),
                rate(m.findings, m.chars),
            ]);
        }
    }
    for r in rows {
        w.write_record(&r).expect("writing to memory");
    }
    String::from_utf8(w.into_inner().expect("writing to memory")).expect("UTF-8 in, UTF-8 out")
}

/// The counts per site and rule: `网站,规则,类别,重点,问题数,其中错误`.
pub fn rules_csv(audit: &Audit) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["网站", "规则", "类别", "重点", "问题数", "其中错误"])
        .expect("writing to memory");
    for &s in &audit.site_order() {
        let site = &audit.sites[s];
        for r in &site.rules {
            let count = r.count.to_string();
            let errors = r.errors.to_string();
            let priority = if is_priority(&r.rule) { "是" } else { "" };
            w.write_record([
                site.name.as_str(),
                &r.rule,
                family(&r.rule),
                priority,
                &count,
                &errors,
            ])
            .expect("writing to memory");
        }
    }
    String::from_utf8(w.into_inner().expect("writing to memory")).expect("UTF-8 in, UTF-8 out")
}

/// Every document, by site, worst first (`guifan report --csv`):
/// `网站,文档,日期,字数,问题数,重点问题数,错误数,每万字问题数`.
pub fn write_pages_csv(audit: &Audit, out: impl Write) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "网站",
        "文档",
        "日期",
        "字数",
        "问题数",
        "重点问题数",
        "错误数",
        "每万字问题数",
    ])
    .map_err(csv_error)?;
    for p in &audit.pages {
        let date = p.date.map(|d| d.to_string()).unwrap_or_default();
        let chars = p.chars.map(|c| c.to_string()).unwrap_or_default();
        w.write_record([
            audit.sites[p.site].name.as_str(),
            &p.id,
            &date,
            &chars,
            &p.findings.to_string(),
            &p.priority.to_string(),
            &p.errors.to_string(),
            &p.chars
                .map_or(String::new(), |c| rate(u64::from(p.findings), c)),
        ])
        .map_err(csv_error)?;
    }
    w.flush()
}

/// A `data:` URL with `csv` (UTF-8 with a byte-order mark, which
/// spreadsheet programs need to read Chinese CSV as UTF-8).
pub fn csv_data_url(csv: &str) -> String {
    let mut bytes = Vec::with_capacity(csv.len() + 3);
    bytes.extend_from_slice("\u{feff}".as_bytes());
    bytes.extend_from_slice(csv.as_bytes());
    format!(
        "data:text/csv;charset=utf-8;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(bytes)
    )
}

/// The text around `start..end` of `source`: up to `radius` characters on
/// each side, within the span's lines. `None` when the offsets do not fit
/// the text (a file changed since it was checked).
pub fn snippet(source: &str, start: usize, end: usize, radius: usize) -> Option<Snippet> {
    if start > end
        || end > source.len()
        || !source.is_char_boundary(start)
        || !source.is_char_boundary(end)
    {
        return None;
    }
    let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = source[end..].find('\n').map_or(source.len(), |i| end + i);
    let before = &source[line_start..start];
    let before_start = before
        .char_indices()
        .rev()
        .nth(radius.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    let after = &source[end..line_end];
    let after_end = after
        .char_indices()
        .nth(radius)
        .map_or(after.len(), |(i, _)| i);
    let clip = |s: &str| s.trim_end_matches('\r').to_string();
    Some(Snippet {
        before: format!(
            "{}{}",
            if before_start > 0 { "…" } else { "" },
            &before[before_start..]
        ),
        hit: shorten(&clip(&source[start..end]), radius),
        after: format!(
            "{}{}",
            clip(&after[..after_end]),
            if after_end < after.len() { "…" } else { "" }
        ),
    })
}

/// A long span as its first and last `radius` characters.
fn shorten(hit: &str, radius: usize) -> String {
    let n = hit.chars().count();
    if n <= 2 * radius + 1 {
        return hit.to_string();
    }
    let head: String = hit.chars().take(radius).collect();
    let tail: String = hit.chars().skip(n - radius).collect();
    format!("{head}…{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_stay_on_the_line_and_within_the_radius() {
        let s = "第一行\n会议由张三主持，李四出席。\n末行";
        let start = s.find("张三").unwrap();
        let sn = snippet(s, start, start + "张三".len(), 3).unwrap();
        assert_eq!(sn.before, "会议由");
        assert_eq!(sn.hit, "张三");
        assert_eq!(sn.after, "主持，…");
        let sn = snippet(s, start, start + "张三".len(), 2).unwrap();
        assert_eq!(sn.before, "…议由");
        let long = snippet(s, 0, s.len(), 2).unwrap();
        assert_eq!(long.hit, "第一…末行");
        assert_eq!(snippet(s, 1, 2, 3), None);
        assert_eq!(snippet(s, 0, s.len() + 1, 3), None);
        let empty = snippet(s, s.len(), s.len(), 3).unwrap();
        assert_eq!((empty.before.as_str(), empty.hit.as_str()), ("末行", ""));
    }

    #[test]
    fn data_urls_carry_utf8_with_a_bom() {
        let url = csv_data_url("网站\n");
        let b64 = url
            .strip_prefix("data:text/csv;charset=utf-8;base64,")
            .unwrap();
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(b64)
            .unwrap();
        assert_eq!(String::from_utf8(bytes).unwrap(), "\u{feff}网站\n");
    }
}
