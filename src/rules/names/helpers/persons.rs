//! Helpers shared by the rules on persons.

use crate::names::PersonMention;
use crate::names::lexicon::LEADER_TITLES;

/// Whether byte `i` lies inside a quotation (“…”, 「…」, "…") or a title
/// of a work (《…》) on its line:
/// quoted speech and direct address keep the speaker's word order.
pub fn in_quotes(text: &str, i: usize) -> bool {
    let (start, _) = crate::text::chars::line_bounds(text, i);
    let mut depth = 0i32;
    let mut ascii_open = false;
    for c in text[start..i].chars() {
        match c {
            '“' | '「' | '『' | '《' | '〈' => depth += 1,
            '”' | '」' | '』' | '》' | '〉' => depth = (depth - 1).max(0),
            '"' => ascii_open = !ascii_open,
            _ => {}
        }
    }
    depth > 0 || ascii_open
}

/// A post (an office someone holds), as opposed to an academic rank, a
/// courtesy form or a role: `书记`, `校长`, `主任`, `董事长`, `经理`.
/// `教授`, `老师`, `同学`, `院士`, `代表` are not posts: `王明教授` is the
/// normal form.
pub fn is_post(title: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "书记",
        "长",
        "主任",
        "主席",
        "经理",
        "总裁",
        "总监",
        "支书",
        "总理",
        "委员长",
    ];
    const NOT_POSTS: &[&str] = &[
        "家长", "兄长", "师长", "学长", "队长", "班长", "组长", "团长",
    ];
    ENDINGS.iter().any(|e| title.ends_with(e)) && !NOT_POSTS.contains(&title)
}

/// The titles of top state leaders (`习近平总书记`, `普京总统`): their
/// name–title order is the leader-forms rules' business.
pub fn is_leader_title(title: &str) -> bool {
    LEADER_TITLES.contains(&title)
}

/// The mention whose name ends at byte `i` (mentions are sorted and disjoint).
pub fn ending_at(persons: &[PersonMention], i: usize) -> Option<&PersonMention> {
    let k = persons.partition_point(|m| m.name.end < i);
    persons.get(k).filter(|m| m.name.end == i)
}

/// The mention whose name starts at byte `i`.
pub fn starting_at(persons: &[PersonMention], i: usize) -> Option<&PersonMention> {
    let k = persons.partition_point(|m| m.name.start < i);
    persons.get(k).filter(|m| m.name.start == i)
}
