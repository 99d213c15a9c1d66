//! The CCTV 新闻联播 transcripts as dated items.
//!
//! The file carries no dates: items (a title line, then paragraphs) are
//! separated by blank lines and run in broadcast order from 2020-01-01 to
//! 2026-06. About a third of the items name the day they report on as
//! `今天（3月11日）`; those anchors, read in order with the year carried
//! forward, bound every item's date: no earlier than the last anchor before
//! it, no later than the next anchor after it (an item with its own anchor
//! is dated exactly). Date-aware rules (titles held by a person at the
//! document's date) are measured at both ends of that range, and only what
//! is wrong at both counts: on a day a leader takes office, the items of
//! that evening before its first anchor would otherwise be read as the
//! day before.
//!
//! Include with `#[path = "support/cctv.rs"] mod cctv;`.

#![allow(dead_code)]

use chrono::{Datelike, NaiveDate};
use regex::Regex;

/// One transcript item and the range its broadcast date lies in.
pub struct Item<'a> {
    pub text: &'a str,
    pub earliest: NaiveDate,
    pub latest: NaiveDate,
}

/// Every item of the transcript file, in order, with its date range.
pub fn dated_items(text: &str) -> Vec<Item<'_>> {
    let anchor = Regex::new(r"今(?:天|晚)(?:上午|下午|晚上)?（(\d{1,2})月(\d{1,2})日）").unwrap();
    let mut current = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
    // Forward: the last anchor at or before each item, and whether the item has its own.
    let mut items: Vec<(Item<'_>, bool)> = Vec::new();
    for item in text.split("\n\n") {
        let own = anchor.captures_iter(item).find_map(|c| {
            let month: u32 = c[1].parse().ok()?;
            let day: u32 = c[2].parse().ok()?;
            // The year is the current one, or the next across New Year; a
            // plausible anchor is at most 2 days back and 40 days ahead.
            [current.year(), current.year() + 1]
                .into_iter()
                .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
                .find(|d| (-2..=40).contains(&(*d - current).num_days()))
        });
        if let Some(d) = own
            && d > current
        {
            current = d;
        }
        let date = own.map_or(current, |d| d.max(current));
        items.push((
            Item {
                text: item,
                earliest: date,
                latest: date,
            },
            own.is_some(),
        ));
    }
    // Backward: the next anchor at or after each item without its own.
    let mut next: Option<NaiveDate> = None;
    for (item, anchored) in items.iter_mut().rev() {
        if *anchored {
            next = Some(item.earliest);
        } else if let Some(n) = next {
            item.latest = n.max(item.earliest);
        }
    }
    items.into_iter().map(|(item, _)| item).collect()
}
