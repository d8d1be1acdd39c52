//! Merging facts across documents: one fact per event, several sources, conflicts kept.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use almanac_measure::AmountKind;
use almanac_model::{Conflict, EntityRef, Event, EventClass, Fact, FactKind, Role, TimeRef};
use almanac_time::{Anchor, Granularity, TimexType};
use chrono::Datelike;

use crate::render;

fn same_ref(a: &Option<EntityRef>, b: &Option<EntityRef>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.id == b.id,
        _ => true,
    }
}

/// The calendar year a time lies in, from its days (`2019-07` -> 2019; an ISO week's year
/// is its own), if it lies within one year.
fn year(t: &TimeRef) -> Option<i32> {
    let begin = t.begin?;
    match t.granularity {
        Granularity::Millennium | Granularity::Century | Granularity::Decade => None,
        Granularity::Vague => None,
        Granularity::Week => Some(begin.iso_week().year()),
        _ => Some(begin.year()),
    }
}

/// Whether two time values may name the same event: one missing, one unresolved and
/// matching the other's resolved digits (`XXXX-07` vs `2019-07`), or the same year.
fn times_compatible(a: &Event, b: &Event) -> bool {
    fn calendar(e: &Event) -> Option<&TimeRef> {
        e.time
            .as_ref()
            .filter(|t| matches!(t.kind, TimexType::Date | TimexType::Time))
    }
    let (Some(ta), Some(tb)) = (calendar(a), calendar(b)) else {
        return true;
    };
    if ta.value == tb.value {
        return true;
    }
    match (year(ta), year(tb)) {
        (Some(x), Some(y)) => x == y,
        _ => ta.matches_pattern(tb) || tb.matches_pattern(ta),
    }
}

/// Whether two reports name the same parties: the same actor and compatible targets, or,
/// for a symmetric action (`agree`, `meet`), the same two parties in either order
/// (`Germany agreed a deal with Nordvik` and `Nordvik signed a deal with Germany`).
fn same_parties(a: &Event, b: &Event) -> bool {
    fn id(e: &Option<EntityRef>) -> Option<&str> {
        e.as_ref().map(|x| x.id.as_str())
    }
    (id(&a.actor) == id(&b.actor) && same_ref(&a.target, &b.target))
        || (crate::lexicon::SYMMETRIC_CLASSES.contains(&a.class)
            && a.target.is_some()
            && id(&a.actor) == id(&b.target)
            && id(&a.target) == id(&b.actor))
}

fn same_event(a: &Event, b: &Event) -> bool {
    a.class == b.class
        && a.negated == b.negated
        && a.actor.is_some()
        && same_parties(a, b)
        && times_compatible(a, b)
        && evidence(a, b)
}

/// Positive evidence that two compatible reports are one event: both dated on the calendar,
/// the same target, the same object, or the same money amount.
fn evidence(a: &Event, b: &Event) -> bool {
    let calendar = |e: &Event| {
        e.time
            .as_ref()
            .is_some_and(|t| matches!(t.kind, TimexType::Date | TimexType::Time))
    };
    let money = |e: &Event| {
        e.amounts
            .iter()
            .find(|x| matches!(x.kind, AmountKind::Money { .. }))
            .map(|x| (x.value.to_bits(), x.kind.clone()))
    };
    let tied = (a.target.is_some()
        && (a.target.as_ref().map(|t| &t.id) == b.target.as_ref().map(|t| &t.id)
            || a.target.as_ref().map(|t| &t.id) == b.actor.as_ref().map(|t| &t.id)))
        || (a.object.is_some() && a.object == b.object);
    if amounts_differ(a, b) {
        // two sums for one actor and class are two events unless something else ties them
        return tied || same_fine_date(a, b);
    }
    (calendar(a) && calendar(b)) || tied || (money(a).is_some() && money(a) == money(b))
}

/// Whether both reports give money amounts and none of them is shared
/// (`860 million USD` vs `937.6 billion KRW, 710 million USD`).
fn amounts_differ(a: &Event, b: &Event) -> bool {
    let money = |e: &Event| -> Vec<(u64, AmountKind)> {
        e.amounts
            .iter()
            .filter(|x| matches!(x.kind, AmountKind::Money { .. }))
            .map(|x| (x.value.to_bits(), x.kind.clone()))
            .collect()
    };
    let (ma, mb) = (money(a), money(b));
    !ma.is_empty() && !mb.is_empty() && !ma.iter().any(|x| mb.contains(x))
}

/// Whether both reports are dated on the calendar to the month or finer and one date
/// contains the other (`2024-06` and `2024-06-17`); a shared year alone ties nothing.
fn same_fine_date(a: &Event, b: &Event) -> bool {
    let fine = |e: &Event| {
        e.time
            .as_ref()
            .filter(|t| matches!(t.kind, TimexType::Date | TimexType::Time))
            .filter(|t| t.anchor != Anchor::Unresolved && year(t).is_some())
            .filter(|t| t.granularity >= Granularity::Month && t.granularity != Granularity::Vague)
            .and_then(|t| Some((t.begin?, t.end?)))
    };
    match (fine(a), fine(b)) {
        (Some(x), Some(y)) => (x.0 >= y.0 && x.1 <= y.1) || (y.0 >= x.0 && y.1 <= x.1),
        _ => false,
    }
}

/// Whether two reports cannot be the same event: different class, actor or negation, two
/// different targets, or incompatible times.
fn contradicts(a: &FactKind, b: &FactKind) -> bool {
    match (a, b) {
        (FactKind::Event(a), FactKind::Event(b)) => {
            a.class != b.class
                || a.negated != b.negated
                || !same_parties(a, b)
                || !times_compatible(a, b)
        }
        (FactKind::Role(a), FactKind::Role(b)) => !same_role(a, b),
        _ => true,
    }
}

/// Whether `a` (from a headline) restates `b` (from the body of the same document): the
/// same event class with the same actor or the same target, or the same role.
pub(crate) fn restates(a: &FactKind, b: &FactKind) -> bool {
    let id = |e: &Option<EntityRef>| e.as_ref().map(|x| x.id.clone());
    match (a, b) {
        (FactKind::Event(a), FactKind::Event(b)) => {
            a.class == b.class
                && ((a.actor.is_some() && id(&a.actor) == id(&b.actor))
                    || (a.target.is_some() && id(&a.target) == id(&b.target)))
        }
        (FactKind::Role(a), FactKind::Role(b)) => a.person.id == b.person.id,
        _ => false,
    }
}

fn same_role(a: &Role, b: &Role) -> bool {
    a.person.id == b.person.id
        && a.title.eq_ignore_ascii_case(&b.title)
        && same_ref(&a.organization, &b.organization)
}

fn same(a: &FactKind, b: &FactKind) -> bool {
    match (a, b) {
        (FactKind::Event(a), FactKind::Event(b)) => same_event(a, b),
        (FactKind::Role(a), FactKind::Role(b)) => same_role(a, b),
        _ => false,
    }
}

/// Merges facts that report the same event (or role) into one fact whose sources are all
/// the reports, sorted deterministically. Missing fields are filled from other reports;
/// fields the reports give different values for (`time`, `amount`, `target`, `place`) are
/// recorded as conflicts. A source from an undated document whose time is unresolved or
/// missing takes the time another document gives, with the reasoning in the time's note.
///
/// Facts are taken in order (by document path, position, rendering); each joins the first
/// group holding a report of the same event and none that contradicts it, else starts a
/// group. Finding that group is keyed, not a scan of every fact: only facts of one
/// `PartKey` (class, negation, actor; or person and title) can meet, a group never mixes
/// two years, and groups whose reports compare alike (one `Signature` set) are tested
/// once. So 8,000 copies of one story cost about 8,000 steps, not 8,000 squared.
pub fn merge(mut facts: Vec<Fact>) -> Vec<Fact> {
    facts.sort_by_cached_key(|f| {
        (
            f.sources
                .first()
                .map(|s| (s.doc_path.clone(), s.span.start)),
            render::render_kind(&f.kind),
        )
    });
    let mut groups: Vec<Group> = Vec::new();
    let mut partitions: HashMap<PartKey, Partition> = HashMap::new();
    for f in facts {
        let Some(key) = PartKey::of(&f.kind) else {
            // an event without an actor is never the same as another report
            groups.push(Group::new(f, 0, None));
            continue;
        };
        let partition = partitions.entry(key).or_default();
        let sig = partition.intern(&f.kind);
        match partition.first_fit(sig) {
            Some(g) => partition.add(&mut groups[g], g, sig, f),
            None => {
                let g = groups.len();
                let year = partition.years[sig].clone();
                partition.insert(g, &[sig], year.as_deref());
                groups.push(Group::new(f, sig, year));
            }
        }
    }
    let mut out: Vec<Fact> = groups.into_iter().map(|g| combine(g.facts)).collect();
    sort_merged(&mut out);
    out
}

/// Sorts merged facts in the order [`merge`] returns them: by their first source's document
/// path and position, then id ([`merged_order`]). Merging partitions apart
/// ([`merge_partition`]) and sorting the union gives what merging them together gives.
pub fn sort_merged(facts: &mut [Fact]) {
    // each key made once, then the facts moved once: sorting the facts themselves moved them
    // (hundreds of bytes each) at every step and followed three pointers per key
    facts.sort_by_cached_key(merged_order);
}

/// What [`sort_merged`] orders merged facts by: their first source's document path and span
/// start (none for a fact without sources), then their id.
pub type MergedOrder = (Option<(std::sync::Arc<str>, usize)>, String);

/// The key [`sort_merged`] orders `fact` by.
pub fn merged_order(fact: &Fact) -> MergedOrder {
    let first = fact
        .sources
        .first()
        .map(|s| (std::sync::Arc::clone(&s.doc_path), s.span.start));
    (first, fact.id.clone())
}

/// The partition of a fact for [`merge`]: facts of different partitions are never merged,
/// so a store that keeps merged facts can re-merge only the partitions whose facts changed.
/// `None` for a fact that is never merged with another (an event without an actor).
///
/// ```
/// # use almanac_extract::{merge_partition, Extractor};
/// # use almanac_model::Document;
/// let doc = Document::new("a.txt", "text", "Japan lifted export curbs on South Korea in March 2023.");
/// let facts = Extractor::new().extract(&doc);
/// assert!(!facts.is_empty());
/// // an event with an actor can meet other reports of its class and actor
/// assert!(merge_partition(&facts[0]).is_some_and(|p| p.contains("japan")));
/// ```
pub fn merge_partition(fact: &Fact) -> Option<String> {
    PartKey::of(&fact.kind).map(|key| match key {
        PartKey::Event {
            class,
            negated,
            actor,
        } => match actor {
            Some(actor) => format!("event\u{1f}{class}\u{1f}{negated}\u{1f}+{actor}"),
            None => format!("event\u{1f}{class}\u{1f}{negated}\u{1f}-"),
        },
        PartKey::Role { person, title } => format!("role\u{1f}{person}\u{1f}{title}"),
    })
}

/// The facts that can ever be merged share a key: an event's class, negation and actor (a
/// symmetric action's parties may swap, so its key has no actor), or a role's person and
/// title. An event without an actor has none: it is never merged.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum PartKey {
    Event {
        class: EventClass,
        negated: bool,
        actor: Option<String>,
    },
    Role {
        person: String,
        title: String,
    },
}

impl PartKey {
    fn of(kind: &FactKind) -> Option<Self> {
        match kind {
            FactKind::Event(e) => {
                let actor = e.actor.as_ref()?;
                let symmetric = crate::lexicon::SYMMETRIC_CLASSES.contains(&e.class);
                Some(PartKey::Event {
                    class: e.class,
                    negated: e.negated,
                    actor: (!symmetric).then(|| actor.id.clone()),
                })
            }
            FactKind::Role(r) => Some(PartKey::Role {
                person: r.person.id.clone(),
                title: r.title.to_ascii_lowercase(),
            }),
        }
    }
}

/// Everything [`same`] and [`contradicts`] read of a fact: two facts with one signature
/// compare alike with any other.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Signature {
    Event {
        class: EventClass,
        negated: bool,
        actor: Option<String>,
        target: Option<String>,
        object: Option<String>,
        time: Option<(TimexType, String, Anchor)>,
        money: Vec<(u64, String)>,
    },
    Role {
        person: String,
        title: String,
        organization: Option<String>,
    },
}

impl Signature {
    fn of(kind: &FactKind) -> Self {
        let id = |e: &Option<EntityRef>| e.as_ref().map(|x| x.id.clone());
        match kind {
            FactKind::Event(e) => Signature::Event {
                class: e.class,
                negated: e.negated,
                actor: id(&e.actor),
                target: id(&e.target),
                object: e.object.clone(),
                time: e.time.as_ref().map(|t| (t.kind, t.value.clone(), t.anchor)),
                money: e
                    .amounts
                    .iter()
                    .filter_map(|a| match &a.kind {
                        AmountKind::Money { currency } => {
                            Some((a.value.to_bits(), currency.clone()))
                        }
                        _ => None,
                    })
                    .collect(),
            },
            FactKind::Role(r) => Signature::Role {
                person: r.person.id.clone(),
                title: r.title.clone(),
                organization: id(&r.organization),
            },
        }
    }
}

/// The year of an event's calendar time (`2019` for `2019-07`), if it has one. Two reports
/// with different years contradict each other, so a group never holds two.
fn calendar_year(kind: &FactKind) -> Option<String> {
    let FactKind::Event(e) = kind else {
        return None;
    };
    let t = e
        .time
        .as_ref()
        .filter(|t| matches!(t.kind, TimexType::Date | TimexType::Time))?;
    year(t).map(|y| y.to_string())
}

/// A group being merged: its reports, the signatures among them (sorted ids), its year.
struct Group {
    facts: Vec<Fact>,
    sigs: Vec<usize>,
    year: Option<String>,
}

impl Group {
    fn new(fact: Fact, sig: usize, year: Option<String>) -> Self {
        Group {
            facts: vec![fact],
            sigs: vec![sig],
            year,
        }
    }
}

/// The groups of one [`PartKey`], indexed by year, then by signature set.
#[derive(Default)]
struct Partition {
    /// One report per signature id, and that signature's year.
    reps: Vec<FactKind>,
    years: Vec<Option<String>>,
    ids: HashMap<Signature, usize>,
    /// year (none: no member has one) -> signature set -> groups (global indexes).
    buckets: HashMap<Option<String>, BTreeMap<Vec<usize>, BTreeSet<usize>>>,
}

impl Partition {
    /// The id of `kind`'s signature, new or known.
    fn intern(&mut self, kind: &FactKind) -> usize {
        let sig = Signature::of(kind);
        if let Some(id) = self.ids.get(&sig) {
            return *id;
        }
        let id = self.reps.len();
        self.reps.push(kind.clone());
        self.years.push(calendar_year(kind));
        self.ids.insert(sig, id);
        id
    }

    /// Whether a fact of signature `sig` may join a group whose signatures are `set`: the
    /// same event as one report and contradicting none (as [`same`] and [`contradicts`] say).
    fn fits(&self, set: &[usize], sig: usize) -> bool {
        let f = &self.reps[sig];
        let mut any_same = false;
        for &member in set {
            let o = &self.reps[member];
            if contradicts(o, f) {
                return false;
            }
            any_same = any_same || same(o, f);
        }
        any_same
    }

    /// The first group (lowest index) a fact of signature `sig` may join. A fact with a year
    /// looks at the groups of that year and of none; one without looks at all.
    fn first_fit(&self, sig: usize) -> Option<usize> {
        let year = &self.years[sig];
        let mut best: Option<usize> = None;
        let mut look = |classes: &BTreeMap<Vec<usize>, BTreeSet<usize>>| {
            for (set, members) in classes {
                let Some(&first) = members.first() else {
                    continue;
                };
                if best.is_some_and(|b| b < first) {
                    continue;
                }
                if self.fits(set, sig) {
                    best = Some(first);
                }
            }
        };
        if year.is_some() {
            for y in [year, &None] {
                if let Some(classes) = self.buckets.get(y) {
                    look(classes);
                }
            }
        } else {
            for classes in self.buckets.values() {
                look(classes);
            }
        }
        best
    }

    /// Files group `g` under its year and signature set.
    fn insert(&mut self, g: usize, set: &[usize], year: Option<&str>) {
        self.buckets
            .entry(year.map(str::to_owned))
            .or_default()
            .entry(set.to_vec())
            .or_default()
            .insert(g);
    }

    /// Removes group `g` from its year and signature set.
    fn remove(&mut self, g: usize, set: &[usize], year: Option<&str>) {
        let Some(classes) = self.buckets.get_mut(&year.map(str::to_owned)) else {
            return;
        };
        if let Some(members) = classes.get_mut(set) {
            members.remove(&g);
            if members.is_empty() {
                classes.remove(set);
            }
        }
    }

    /// Adds `fact` (signature `sig`) to `group` (global index `g`), refiling the group when
    /// its signature set (and so perhaps its year) changes.
    fn add(&mut self, group: &mut Group, g: usize, sig: usize, fact: Fact) {
        group.facts.push(fact);
        if let Err(at) = group.sigs.binary_search(&sig) {
            self.remove(g, &group.sigs, group.year.as_deref());
            group.sigs.insert(at, sig);
            if group.year.is_none() {
                group.year.clone_from(&self.years[sig]);
            }
            self.insert(g, &group.sigs, group.year.as_deref());
        }
    }
}

fn event_values(e: &Event) -> [(&'static str, Option<String>); 4] {
    let money = e
        .amounts
        .iter()
        .find(|a| matches!(a.kind, AmountKind::Money { .. }))
        .map(|a| match &a.kind {
            AmountKind::Money { currency } => format!("{} {currency}", a.value),
            _ => String::new(),
        });
    [
        (
            "time",
            e.time
                .as_ref()
                .filter(|t| t.anchor != Anchor::Unresolved)
                .filter(|t| matches!(t.kind, TimexType::Date | TimexType::Time))
                .map(|t| t.value.clone()),
        ),
        ("amount", money),
        (
            "target",
            // a symmetric action's parties in either order are one value
            if crate::lexicon::SYMMETRIC_CLASSES.contains(&e.class) {
                e.target.as_ref().map(|t| {
                    let mut pair = [
                        e.actor.as_ref().map_or("", |a| a.name.as_str()),
                        t.name.as_str(),
                    ];
                    pair.sort_unstable();
                    pair.join(" & ")
                })
            } else {
                e.target.as_ref().map(|t| t.name.clone())
            },
        ),
        ("place", e.place.as_ref().map(|p| p.name.clone())),
    ]
}

fn combine(group: Vec<Fact>) -> Fact {
    // the most confident report is the base; ties keep the first
    let base_ix = group
        .iter()
        .enumerate()
        .max_by(|(ia, a), (ib, b)| {
            let ca = a.sources.first().map_or(0.0, |s| s.confidence);
            let cb = b.sources.first().map_or(0.0, |s| s.confidence);
            let da = a.sources.first().is_some_and(|s| s.doc_date.is_some());
            let db = b.sources.first().is_some_and(|s| s.doc_date.is_some());
            da.cmp(&db).then(ca.total_cmp(&cb)).then(ib.cmp(ia))
        })
        .map_or(0, |(i, _)| i);
    let mut kind = group[base_ix].kind.clone();
    let sources: Vec<_> = group
        .iter()
        .flat_map(|f| f.sources.iter().cloned())
        .collect();
    let mut conflicts = Vec::new();
    if let FactKind::Event(base) = &mut kind {
        // fill missing fields, prefer resolved times
        for f in &group {
            let FactKind::Event(e) = &f.kind else {
                continue;
            };
            if base.target.is_none() {
                base.target.clone_from(&e.target);
            }
            if base.object.is_none() {
                base.object.clone_from(&e.object);
            }
            if base.place.is_none() {
                base.place.clone_from(&e.place);
            }
            if base.amounts.is_empty() {
                base.amounts.clone_from(&e.amounts);
            }
            // prefer a resolved calendar time, then the most specific one
            let rank = |t: &Option<TimeRef>| {
                t.as_ref().map_or((0, None), |t| {
                    let dated = t.anchor != Anchor::Unresolved
                        && matches!(t.kind, TimexType::Date | TimexType::Time)
                        && year(t).is_some();
                    (1 + usize::from(dated) * 2, Some(t.granularity))
                })
            };
            if rank(&e.time) > rank(&base.time) {
                base.time.clone_from(&e.time);
            }
        }
        // undated sources dated by another document
        if let Some(t) = &mut base.time
            && t.anchor != Anchor::Unresolved
        {
            let dated_by = group.iter().find(|f| {
                f.sources.first().is_some_and(|s| s.doc_date.is_some())
                    && matches!(&f.kind, FactKind::Event(e) if e.time.as_ref().is_some_and(|x| x.value == t.value && x.anchor != Anchor::Unresolved))
            });
            let undated: Vec<String> = group
                .iter()
                .filter(|f| f.sources.first().is_some_and(|s| s.doc_date.is_none()))
                .filter_map(|f| {
                    let FactKind::Event(e) = &f.kind else {
                        return None;
                    };
                    let path = &f.sources.first()?.doc_path;
                    match &e.time {
                        Some(x) if x.anchor == Anchor::Unresolved => Some(format!(
                            "{path} says {:?} ({}) but has no date",
                            x.text, x.value
                        )),
                        None => Some(format!("{path} gives no time and has no date")),
                        _ => None,
                    }
                })
                .collect();
            let mut undated = undated;
            undated.sort();
            undated.dedup();
            if let (Some(d), false) = (dated_by, undated.is_empty()) {
                let by = d.sources.first().map_or("", |s| &*s.doc_path);
                t.note = Some(format!(
                    "{}; the same event is dated {} by {by}",
                    undated.join("; "),
                    t.value
                ));
            }
        }
        // conflicts, per field, over each source's own values
        let values: Vec<[(&str, Option<String>); 4]> = group
            .iter()
            .map(|f| match &f.kind {
                FactKind::Event(e) => event_values(e),
                FactKind::Role(_) => Default::default(),
            })
            .collect();
        for field in 0..4 {
            let mut distinct: Vec<(String, Vec<usize>)> = Vec::new();
            let mut src = 0;
            for (g, f) in group.iter().enumerate() {
                if let (name, Some(v)) = &values[g][field] {
                    let _ = name;
                    for k in 0..f.sources.len() {
                        match distinct.iter_mut().find(|(x, _)| x == v) {
                            Some((_, ix)) => ix.push(src + k),
                            None => distinct.push((v.clone(), vec![src + k])),
                        }
                    }
                }
                src += f.sources.len();
            }
            let field_name = ["time", "amount", "target", "place"][field];
            if field_name == "time" {
                // `2019` and `2019-07` agree; only incompatible values conflict
                let all: Vec<&String> = distinct.iter().map(|(v, _)| v).collect();
                let compatible = all.iter().all(|a| {
                    all.iter()
                        .all(|b| a.starts_with(b.as_str()) || b.starts_with(a.as_str()))
                });
                if compatible {
                    continue;
                }
            }
            if distinct.len() > 1 {
                conflicts.push(Conflict {
                    field: field_name.to_owned(),
                    values: distinct,
                });
            }
        }
    }
    let id = if sources.len() > 1 {
        almanac_model::content_id(render::render_kind(&kind).as_bytes())
    } else {
        group[0].id.clone()
    };
    Fact {
        id,
        kind,
        sources,
        conflicts,
    }
}

#[cfg(test)]
mod tests {
    use almanac_model::{DocDate, Document, Fact};
    use almanac_time::Granularity;

    use crate::{Extractor, merge, render_fact};

    /// Merges the facts of documents (one per text, optionally dated by a leading
    /// `YYYY-MM-DD: `) and renders them with their number of sources and conflicts.
    fn check(texts: &[&str], expected: &[&str]) {
        let extractor = Extractor::new();
        let facts: Vec<Fact> = texts
            .iter()
            .enumerate()
            .flat_map(|(n, t)| {
                let date = t
                    .get(..10)
                    .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                    .filter(|_| t.get(10..12) == Some(": "));
                let body = if date.is_some() { &t[12..] } else { t };
                let mut doc = Document::new(&format!("{n}.txt"), "plain-text", body);
                if let Some(d) = date {
                    doc.published = DocDate::explicit(
                        d.and_hms_opt(0, 0, 0).unwrap_or_default(),
                        Granularity::Day,
                    );
                }
                extractor.extract(&doc)
            })
            .collect();
        let got: Vec<String> = merge(facts)
            .iter()
            .map(|f| {
                format!(
                    "{} ({} sources, {} conflicts)",
                    render_fact(f, false),
                    f.sources.len(),
                    f.conflicts.len()
                )
            })
            .collect();
        assert_eq!(got, expected, "merging {texts:?}");
    }

    #[test]
    fn symmetric_actions_merge_in_either_order() {
        check(
            &[
                "Nordvik Energy signed a supply agreement with Germany.",
                "Germany agreed a supply deal with Nordvik Energy.",
            ],
            &["agree  Nordvik Energy -> Germany  \"supply agreement\" (2 sources, 0 conflicts)"],
        );
    }

    #[test]
    fn pledges_years_apart_with_different_amounts_stay_apart() {
        check(
            &[
                "2020-01-21: South Korea pledged to spend 860 million dollars a year in August 2019.",
                "2023-04-25: South Korea pledged to spend 937.6 billion won this year.",
            ],
            &[
                "spend  South Korea  2019-08  [860 million USD]  pledged (1 sources, 0 conflicts)",
                "spend  South Korea  2023  [937.6 billion KRW]  pledged (1 sources, 0 conflicts)",
            ],
        );
    }

    #[test]
    fn one_deal_with_two_sums_merges_on_its_target() {
        check(
            &[
                "2024-06-17: Halvorsen Industries agreed to acquire Brightwater for $2.1 billion.",
                "2024-06-18: Halvorsen Industries agreed to acquire Brightwater for $2.3 billion.",
            ],
            &[
                "acquire  Halvorsen Industries  \"Brightwater\"  [2.1 billion USD]  planned (2 sources, 1 conflicts)",
            ],
        );
    }

    #[test]
    fn pledges_in_one_year_with_different_amounts_stay_apart() {
        check(
            &[
                "2023-01-10: South Korea pledged to spend 860 million dollars this year.",
                "2023-04-25: South Korea pledged to spend 937.6 billion won this year.",
            ],
            &[
                "spend  South Korea  2023  [860 million USD]  pledged (1 sources, 0 conflicts)",
                "spend  South Korea  2023  [937.6 billion KRW]  pledged (1 sources, 0 conflicts)",
            ],
        );
    }

    #[test]
    fn an_undated_month_merges_with_the_same_month_of_a_known_year() {
        // `XXXX-07` matches `2019-07` (TimeRef::matches_pattern)
        check(
            &[
                "Japan restricted exports to South Korea in July.",
                "2019-08-01: Japan restricted exports to South Korea in July 2019.",
            ],
            &[
                "restrict  Japan -> South Korea  \"exports\"  2019-07 (inferred) (2 sources, 0 conflicts)",
            ],
        );
    }

    #[test]
    fn an_undated_month_stays_apart_from_another_month() {
        check(
            &[
                "Japan restricted exports to South Korea in August.",
                "2019-08-01: Japan restricted exports to South Korea in July 2019.",
            ],
            &[
                "restrict  Japan -> South Korea  \"exports\"  XXXX-08 (1 sources, 0 conflicts)",
                "restrict  Japan -> South Korea  \"exports\"  2019-07 (1 sources, 0 conflicts)",
            ],
        );
    }
}
