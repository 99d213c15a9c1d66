//! The check behind `names/title-not-held` (built-in leaders) and
//! `names/roster-title` (persons of user rosters): a title written next to
//! a registry name that the registry says the person did not hold at the
//! document's date.

use super::registry::{historical, names, periods, title_names};
use crate::names::registry::{Person, Registry};
use crate::rule::message::Emitter;
use crate::rule::{CheckContext, Checker, Finding};
use crate::rules::NativeArgs;
use std::sync::Arc;

pub struct TenureCheck {
    emit: Emitter,
    registry: Arc<Registry>,
    /// Check built-in persons (national leaders) or roster persons.
    builtin: bool,
}

pub fn build(args: &NativeArgs<'_>, builtin: bool) -> Result<Box<dyn Checker>, String> {
    args.no_params()?;
    Ok(Box::new(TenureCheck {
        emit: args.emitter(),
        registry: args.registry.clone(),
        builtin,
    }))
}

impl Checker for TenureCheck {
    fn check(&self, ctx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let reg = &*self.registry;
        if !reg.persons().iter().any(|p| p.builtin == self.builtin) {
            return;
        }
        let text = ctx.text();
        for m in reg.finder().mentions(reg, text) {
            let person: &Person = &reg.persons()[m.person];
            if person.builtin != self.builtin {
                continue;
            }
            for u in m.titles() {
                // The date only for a name with a title next to it: finding
                // it costs more than the rest of the check.
                let date = ctx.date();
                let unknown = ctx.doc.date().source == crate::document::DateSource::Today;
                let titles = title_names(reg, &u.titles);
                if titles.iter().any(|t| person.holds(t, date)) {
                    continue;
                }
                // An undated document may be of any time the person held
                // the title: only a title never held is wrong then.
                if unknown && titles.iter().any(|t| person.ever_held(t)) {
                    continue;
                }
                // A title the person never held in the registry, at a date
                // before the registry follows their career (`国务院副总理温家宝`
                // in 1998): unknown, not wrong.
                if !titles.iter().any(|t| person.ever_held(t))
                    && person.recorded_since().is_some_and(|s| date < s)
                {
                    continue;
                }
                if historical(text, &m, person, &titles, date) {
                    break;
                }
                // The title the person held at some time, if any, explains best.
                let title = titles
                    .iter()
                    .copied()
                    .find(|t| person.ever_held(t))
                    .unwrap_or(titles[0]);
                let written = &text[u.span.range()];
                let tenure = if person.ever_held(title) {
                    format!("{}任{title}：{}", person.name, periods(person, title))
                } else {
                    format!("名录中{}未任{title}", person.name)
                };
                let holders = reg.holders(title, date);
                let help = if holders.is_empty() {
                    "如为回顾往事，可写“时任……”或注明年份".to_string()
                } else {
                    format!(
                        "{date} 时任{title}的是{}；如为回顾往事，可写“时任……”或注明年份",
                        names(&holders)
                    )
                };
                let span = m.span();
                out.push(
                    self.emit
                        .at(
                            span,
                            &[
                                ("found", &text[span.range()]),
                                ("name", &person.name),
                                ("title", written),
                                ("date", &date.to_string()),
                                ("tenure", &tenure),
                            ],
                        )
                        .with_help(help),
                );
                break;
            }
        }
    }
}
