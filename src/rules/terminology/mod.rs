//! The terminology family (规范表述): native rules that data kinds cannot
//! express. The data-driven terminology rules live in `rules/terminology-*.toml`.

pub mod canonical_near_miss;
pub mod congress_numerals;
pub mod party_congress_prefix;
pub mod template_placeholder;

/// Chinese numeral for 1..=99 (1 → 一, 10 → 十, 16 → 十六, 20 → 二十, 21 → 二十一).
pub(crate) fn chinese_numeral(n: u32) -> Option<String> {
    const D: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    match n {
        1..=9 => Some(D[n as usize].to_string()),
        10..=19 => Some(format!(
            "十{}",
            if n == 10 {
                String::new()
            } else {
                D[(n - 10) as usize].to_string()
            }
        )),
        20..=99 => {
            let (t, u) = (n / 10, n % 10);
            let mut s = format!("{}十", D[t as usize]);
            if u > 0 {
                s.push(D[u as usize]);
            }
            Some(s)
        }
        _ => None,
    }
}

/// Every native rule of the family: `(id, constructor)`.
pub static RULES: &[(&str, super::NativeConstructor)] = &[
    (
        "terminology/canonical-near-miss",
        canonical_near_miss::build,
    ),
    ("terminology/congress-numerals", congress_numerals::build),
    (
        "terminology/party-congress-prefix",
        party_congress_prefix::build,
    ),
    (
        "terminology/template-placeholder",
        template_placeholder::build,
    ),
];
