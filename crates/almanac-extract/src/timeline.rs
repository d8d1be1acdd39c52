//! Chronological timelines of events.

use std::sync::OnceLock;

use almanac_model::{Fact, FactKind};

use crate::gazetteer::{Gazetteer, slug};

/// One event on a timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineEntry {
    /// The date the entry is placed at: the event's own TIMEX value, else the earliest
    /// source document's date (`approximate`), else `None` (listed last).
    pub date: Option<String>,
    /// Whether `date` is the report's date rather than the event's own.
    pub approximate: bool,
    /// The merged fact (an event).
    pub fact: Fact,
}

fn builtin() -> &'static Gazetteer {
    static BUILTIN_GAZETTEER: OnceLock<Gazetteer> = OnceLock::new();
    BUILTIN_GAZETTEER.get_or_init(Gazetteer::builtin)
}

/// The events of `facts` in chronological order, optionally only those involving `entity`
/// (as actor, target or place; matched by id, name, mention or gazetteer alias).
pub fn timeline(facts: &[Fact], entity: Option<&str>) -> Vec<TimelineEntry> {
    let wanted: Option<Vec<String>> = entity.map(|e| {
        let mut ids = vec![slug(e)];
        if let Some(g) = builtin().lookup(e) {
            ids.push(g.id.clone());
        }
        ids
    });
    let mut out: Vec<TimelineEntry> = facts
        .iter()
        .filter_map(|f| {
            let FactKind::Event(e) = &f.kind else {
                return None;
            };
            if let Some(ids) = &wanted {
                let involved = [&e.actor, &e.target, &e.place]
                    .into_iter()
                    .flatten()
                    .any(|r| ids.contains(&r.id) || ids.contains(&slug(&r.mention)));
                if !involved {
                    return None;
                }
            }
            let own = e
                .time
                .as_ref()
                .filter(|t| t.shape.year_known)
                .map(|t| t.value.clone());
            let (date, approximate) = match own {
                Some(v) => (Some(v), false),
                None => (
                    f.sources
                        .iter()
                        .filter_map(|s| s.doc_date)
                        .min()
                        .map(|d| d.date().format("%Y-%m-%d").to_string()),
                    true,
                ),
            };
            Some(TimelineEntry {
                date,
                approximate,
                fact: f.clone(),
            })
        })
        .collect();
    // same date: in the order the first source reports them
    let first = |e: &TimelineEntry| {
        e.fact
            .sources
            .first()
            .map(|s| (s.doc_path.clone(), s.span.start))
    };
    out.sort_by(|a, b| {
        (
            a.date.is_none(),
            &a.date,
            a.approximate,
            first(a),
            &a.fact.id,
        )
            .cmp(&(
                b.date.is_none(),
                &b.date,
                b.approximate,
                first(b),
                &b.fact.id,
            ))
    });
    out
}
