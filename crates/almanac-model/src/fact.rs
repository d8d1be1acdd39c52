//! Facts: events and roles extracted from documents, each with its sources.

use std::ops::Range;
use std::sync::Arc;

use almanac_measure::Amount;
use almanac_time::{Anchor, Granularity, Modifier, TimexType};
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// What kind of thing an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    /// A country as a place or people: `Japan`, `South Korea`.
    Country,
    /// A government or ministry: `the Ministry of Trade, Industry and Energy`.
    Government,
    /// A non-commercial organization: `the National Research Foundation`.
    Organization,
    /// A company: `Samsung Electronics`, `DuPont`.
    Company,
    /// A news outlet: `Asahi Shimbun`, `Yonhap News Agency`.
    Media,
    /// A person: `Sung Yoon-mo`.
    Person,
    /// A role or title: `Minister of Trade, Industry and Energy`.
    Role,
    /// A product or material: `hydrofluoric acid`, `photoresist`.
    Product,
    /// A place that is not a country: `Texas`, `Yokohama`.
    Place,
}

/// A canonical entity with its known aliases.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Entity {
    /// Stable canonical id, lowercase ASCII with dashes: `south-korea`.
    pub id: String,
    /// Canonical display name: `South Korea`.
    pub name: String,
    /// What it is.
    pub kind: EntityKind,
    /// Other names it goes by: `Seoul`, `S. Korea`, `South Korean`.
    pub aliases: Vec<String>,
}

/// A mention of a canonical entity in a sentence.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct EntityRef {
    /// The canonical entity's id: `south-korea`.
    pub id: String,
    /// The canonical display name: `South Korea`.
    pub name: String,
    /// What it is.
    pub kind: EntityKind,
    /// The words as written in the sentence: `Seoul`.
    pub mention: String,
}

/// A resolved temporal expression attached to a fact: the TIMEX3 value with its type and
/// granularity, and the days it covers ([`TimeRef::begin`], [`TimeRef::end`]) computed once
/// from the value, so that no later crate reads the value string again.
///
/// ```
/// use almanac_model::TimeRef;
/// use almanac_time::{Anchor, Granularity, TimexType};
///
/// let t = TimeRef::new("in March 2023", "2023-03", TimexType::Date, Granularity::Month, Anchor::Absolute);
/// assert_eq!(t.begin.map(|d| d.to_string()).as_deref(), Some("2023-03-01"));
/// assert_eq!(t.end.map(|d| d.to_string()).as_deref(), Some("2023-04-01"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "TimeRefFields")]
pub struct TimeRef {
    /// The expression as written: `last month`.
    pub text: String,
    /// TIMEX3 value: `2023-03`.
    pub value: String,
    /// TIMEX3 type.
    pub kind: TimexType,
    /// How finely the value is known.
    pub granularity: Granularity,
    /// What the value was computed from.
    pub anchor: Anchor,
    /// The reference date-time used, if the value is relative.
    pub reference: Option<NaiveDateTime>,
    /// A TIMEX3 `mod`.
    pub modifier: Option<Modifier>,
    /// How the value was inferred, if it was not read from this sentence alone.
    pub note: Option<String>,
    /// The first day the value covers (`2023-03`: 1 March 2023), for calendar values
    /// ([`almanac_time::span`]); not serialized, computed again when read.
    #[serde(skip)]
    pub begin: Option<NaiveDate>,
    /// The day after the last day the value covers (`2023-03`: 1 April 2023).
    #[serde(skip)]
    pub end: Option<NaiveDate>,
    /// What the value is (placeholders, calendar, clock, duration, reference word), read
    /// once from the value ([`almanac_time::ValueShape`]); not serialized.
    #[serde(skip)]
    pub shape: almanac_time::ValueShape,
}

impl TimeRef {
    /// A time read as `text` with TIMEX3 `value`, its days computed from the value; no
    /// reference, modifier or note (set them with struct update syntax).
    pub fn new(
        text: impl Into<String>,
        value: impl Into<String>,
        kind: TimexType,
        granularity: Granularity,
        anchor: Anchor,
    ) -> Self {
        let value = value.into();
        let (begin, end) = almanac_time::span(&value).unzip();
        let shape = almanac_time::ValueShape::of(&value);
        Self {
            text: text.into(),
            value,
            kind,
            granularity,
            anchor,
            reference: None,
            modifier: None,
            note: None,
            begin,
            end,
            shape,
        }
    }

    /// Whether the value leaves a part unknown with `X` placeholders (`XXXX-07`).
    pub fn is_pattern(&self) -> bool {
        self.shape.placeholder
    }

    /// Whether this time, a value with placeholders (`XXXX-07`), matches `other`'s value
    /// (`2019-07`) ([`almanac_time::pattern_matches`]).
    ///
    /// ```
    /// use almanac_model::TimeRef;
    /// use almanac_time::{Anchor, Granularity, TimexType};
    ///
    /// let t = |v: &str| TimeRef::new(v, v, TimexType::Date, Granularity::Month, Anchor::Absolute);
    /// assert!(t("XXXX-07").matches_pattern(&t("2019-07")));
    /// assert!(!t("2019-07").matches_pattern(&t("XXXX-07")));
    /// ```
    pub fn matches_pattern(&self, other: &TimeRef) -> bool {
        self.is_pattern() && almanac_time::pattern_matches(&self.value, &other.value)
    }

    /// Whether this time is `broader` or a part of it as TIMEX3 writes parts (`2023-03-05`
    /// within `2023-03`) ([`almanac_time::value_within`]).
    pub fn lies_within(&self, broader: &TimeRef) -> bool {
        almanac_time::value_within(&self.value, &broader.value)
    }
}

/// The serialized fields of a [`TimeRef`]: reading one computes its days again.
#[derive(Deserialize)]
struct TimeRefFields {
    text: String,
    value: String,
    kind: TimexType,
    granularity: Granularity,
    anchor: Anchor,
    reference: Option<NaiveDateTime>,
    modifier: Option<Modifier>,
    note: Option<String>,
}

impl From<TimeRefFields> for TimeRef {
    fn from(f: TimeRefFields) -> Self {
        TimeRef {
            reference: f.reference,
            modifier: f.modifier,
            note: f.note,
            ..TimeRef::new(f.text, f.value, f.kind, f.granularity, f.anchor)
        }
    }
}

/// Whether an event happened, is planned, pledged or only reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Modality {
    /// It happened ("lifted", "has invested").
    Done,
    /// It is planned or expected ("will invest", "plans to").
    Planned,
    /// It is promised ("pledged to", "vowed to").
    Pledged,
    /// Someone says it happened or will ("according to", "said").
    Reported,
    /// It may happen ("could", "may", "is considering").
    Possible,
}

/// Something that happened or will happen: who did what, to whom, when, how much, where.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Who acts: `Japan`.
    pub actor: Option<EntityRef>,
    /// The verb's lemma as written: `lift`, `slap`, `invest`.
    pub action: String,
    /// The event class: `lift`, `restrict`, `invest`, `fund`, `spend`, `pledge`, `announce`,
    /// `visit`, `designate`, `supply`, `agree`, ... (serialized as that name).
    pub class: crate::EventClass,
    /// Whom it is done to or for: `South Korea`.
    pub target: Option<EntityRef>,
    /// What it is about, as a short noun phrase: `export restrictions`.
    pub object: Option<String>,
    /// When.
    pub time: Option<TimeRef>,
    /// How much.
    pub amounts: Vec<Amount>,
    /// Where.
    pub place: Option<EntityRef>,
    /// "did not lift".
    pub negated: bool,
    /// Done, planned, pledged, reported or possible.
    pub modality: Modality,
}

/// A role held by a person at a date: `Sung Yoon-mo`, `Minister of Trade, Industry and Energy`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Role {
    /// The person.
    pub person: EntityRef,
    /// The title as written, normalized: `Minister of Trade, Industry and Energy`.
    pub title: String,
    /// The organization or country the role belongs to: `South Korea`.
    pub organization: Option<EntityRef>,
    /// When the role is attested: the document's date.
    pub as_of: Option<TimeRef>,
}

/// What a fact states.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum FactKind {
    /// An event.
    Event(Event),
    /// A role held.
    Role(Role),
}

/// Where a fact was read: document, sentence, rule and confidence.
///
/// The strings are shared ([`Arc<str>`]): the sources of one document share its id, path and
/// title, and the copies of one sentence share it, so a fact reported by 100 wire copies
/// does not hold 100 copies of each. They serialize as plain strings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Provenance {
    /// The document's id.
    #[serde(deserialize_with = "crate::arc_str::deserialize")]
    pub doc_id: Arc<str>,
    /// The document's path.
    #[serde(deserialize_with = "crate::arc_str::deserialize")]
    pub doc_path: Arc<str>,
    /// The document's title.
    #[serde(default, deserialize_with = "crate::arc_str::option")]
    pub doc_title: Option<Arc<str>>,
    /// The document's reference date (published, else updated), if known.
    pub doc_date: Option<NaiveDateTime>,
    /// The sentence the fact was read from, verbatim.
    #[serde(deserialize_with = "crate::arc_str::deserialize")]
    pub sentence: Arc<str>,
    /// Byte range of the sentence in the document's body text.
    pub span: Range<usize>,
    /// The name of the extraction rule that produced it.
    #[serde(deserialize_with = "crate::arc_str::deserialize")]
    pub rule: Arc<str>,
    /// Confidence in 0..=1.
    pub confidence: f32,
}

/// Sources that disagree on one field of a merged fact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conflict {
    /// The field: `time`, `amount`, `target`.
    pub field: String,
    /// Each distinct value with the indices (into [`Fact::sources`]) that give it.
    pub values: Vec<(String, Vec<usize>)>,
}

/// One fact, reported by one or more sources.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fact {
    /// Stable id derived from the fact's content.
    pub id: String,
    /// What it states.
    pub kind: FactKind,
    /// Every source that reports it; never empty.
    pub sources: Vec<Provenance>,
    /// Fields on which the sources disagree.
    pub conflicts: Vec<Conflict>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Serializes a time with `value` and reads it back: `(json, begin, end)` of the result.
    fn check(value: &str, expected: (&str, Option<&str>, Option<&str>)) {
        let t = TimeRef::new(
            "then",
            value,
            TimexType::Date,
            Granularity::Day,
            Anchor::Absolute,
        );
        let json = serde_json::to_string(&t).unwrap_or_default();
        let back: Option<TimeRef> = serde_json::from_str(&json).ok();
        let day = |d: Option<NaiveDate>| d.map(|d| d.to_string());
        assert_eq!(back.as_ref(), Some(&t), "{value}");
        assert_eq!(
            (
                json.as_str(),
                day(t.begin).as_deref(),
                day(t.end).as_deref()
            ),
            expected,
            "{value}"
        );
    }

    #[test]
    fn days_are_computed_not_serialized() {
        check(
            "2024-06-17",
            (
                r#"{"text":"then","value":"2024-06-17","kind":"DATE","granularity":"day","anchor":"absolute","reference":null,"modifier":null,"note":null}"#,
                Some("2024-06-17"),
                Some("2024-06-18"),
            ),
        );
        check(
            "XXXX-07",
            (
                r#"{"text":"then","value":"XXXX-07","kind":"DATE","granularity":"day","anchor":"absolute","reference":null,"modifier":null,"note":null}"#,
                None,
                None,
            ),
        );
    }
}
