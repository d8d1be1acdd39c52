//! Documents: one article, feed item, post or transcript, as read from a source file.

use std::ops::Range;

use almanac_time::Granularity;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::Diagnostic;

/// How a document's date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateKnown {
    /// The source states it (`Published on 21 Jan 2020, 6:05`, a `date` field).
    Explicit,
    /// The source gives an age relative to when it was captured (`5 years ago`).
    RelativeToCapture,
    /// Inferred from elsewhere (another document, a sidecar file); see the note.
    Inferred,
    /// Not known.
    Unknown,
}

/// An age relative to a capture date: `5 years ago` is `{ amount: 5, unit: Year }`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelativeAge {
    /// How many units before the capture.
    pub amount: u32,
    /// The unit (Year, Month, Week, Day, Hour, Minute).
    pub unit: Granularity,
}

/// A document date: a publication or update time, with how it is known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocDate {
    /// How the date is known.
    pub known: DateKnown,
    /// The local date-time as the source gives it, when known (midnight if only a day is known).
    pub local: Option<NaiveDateTime>,
    /// Offset from UTC in seconds, when the source gives it (e.g. from WordPress `date_gmt`).
    pub utc_offset_seconds: Option<i32>,
    /// How finely `local` is known.
    pub granularity: Granularity,
    /// For [`DateKnown::RelativeToCapture`]: the age before capture.
    pub relative: Option<RelativeAge>,
    /// The text the date was read from, e.g. `Published on 21 Jan 2020, 6:05`.
    pub source_text: Option<String>,
    /// How an inferred or capture-relative date was resolved, in words.
    pub note: Option<String>,
}

impl DocDate {
    /// An unknown date.
    pub fn unknown() -> Self {
        Self {
            known: DateKnown::Unknown,
            local: None,
            utc_offset_seconds: None,
            granularity: Granularity::Vague,
            relative: None,
            source_text: None,
            note: None,
        }
    }

    /// An explicit date-time given by the source.
    pub fn explicit(local: NaiveDateTime, granularity: Granularity) -> Self {
        Self {
            known: DateKnown::Explicit,
            local: Some(local),
            granularity,
            ..Self::unknown()
        }
    }

    /// The reference date-time for resolving relative expressions in the document, if any.
    pub fn reference(&self) -> Option<NaiveDateTime> {
        self.local
    }

    /// Resolves a capture-relative date ("5 years ago") against a capture date the user
    /// supplied. Other dates are returned unchanged.
    pub fn resolve_with_capture(&self, captured: NaiveDate) -> Self {
        let Some(age) = self
            .relative
            .filter(|_| self.known == DateKnown::RelativeToCapture)
        else {
            return self.clone();
        };
        let start = captured.and_hms_opt(0, 0, 0).unwrap_or_default();
        let n = i64::from(age.amount);
        let local = match age.unit {
            Granularity::Year => captured
                .with_year_checked(n)
                .map(|d| d.and_hms_opt(0, 0, 0).unwrap_or_default()),
            Granularity::Month => captured
                .checked_sub_months(chrono::Months::new(age.amount))
                .map(|d| d.and_hms_opt(0, 0, 0).unwrap_or_default()),
            Granularity::Week => start.checked_sub_signed(chrono::Duration::weeks(n)),
            Granularity::Day => start.checked_sub_signed(chrono::Duration::days(n)),
            Granularity::Hour => start.checked_sub_signed(chrono::Duration::hours(n)),
            Granularity::Minute => start.checked_sub_signed(chrono::Duration::minutes(n)),
            _ => None,
        };
        let mut out = self.clone();
        out.local = local;
        let unit = format!("{:?}", age.unit).to_lowercase();
        let plural = if age.amount == 1 { "" } else { "s" };
        out.note = Some(format!(
            "{} {unit}{plural} before capture on {captured}",
            age.amount
        ));
        out
    }
}

trait YearsBack {
    fn with_year_checked(self, years_back: i64) -> Option<NaiveDate>;
}

impl YearsBack for NaiveDate {
    fn with_year_checked(self, years_back: i64) -> Option<NaiveDate> {
        let months = u32::try_from(years_back.checked_mul(12)?).ok()?;
        self.checked_sub_months(chrono::Months::new(months))
    }
}

/// A headline in another language, as video pages often carry (`아사히 “韓의 ...”`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Headline {
    /// The headline text.
    pub text: String,
    /// Dominant script or language tag if detected (`ko`, `ja`, `zh`), else `None`.
    pub lang: Option<String>,
}

/// A document's body text with its paragraphs and sentences as byte ranges into `text`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Body {
    /// The clean body text; paragraphs separated by `\n\n`.
    pub text: String,
    /// Byte ranges of paragraphs in `text`.
    pub paragraphs: Vec<Range<usize>>,
    /// Byte ranges of sentences in `text`, in order, never crossing a paragraph. Subheads
    /// have none.
    pub sentences: Vec<Range<usize>>,
    /// Byte ranges of the paragraphs that are subheads (`Why It Matters`): short bold or
    /// heading lines between paragraphs. They are in `text` and `paragraphs` but not split
    /// into sentences, so no fact is read from them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subheads: Vec<Range<usize>>,
}

impl Body {
    /// Builds a body from paragraphs: joins them with `\n\n` and splits sentences with
    /// [`crate::text::split_sentences`]. Empty paragraphs are dropped.
    pub fn from_paragraphs<S: AsRef<str>>(paragraphs: &[S]) -> Self {
        Self::with_subheads(paragraphs, |_| false)
    }

    /// [`Body::from_paragraphs`] where paragraph `n` (counting the given ones, empty included)
    /// is a subhead when `is_subhead(n)`: kept in `text` and `paragraphs`, listed in
    /// `subheads`, not split into sentences.
    pub fn with_subheads<S: AsRef<str>>(
        paragraphs: &[S],
        is_subhead: impl Fn(usize) -> bool,
    ) -> Self {
        let mut body = Body::default();
        body.text
            .reserve(paragraphs.iter().map(|p| p.as_ref().len() + 2).sum());
        body.paragraphs.reserve(paragraphs.len());
        for (n, p) in paragraphs.iter().enumerate() {
            let p = p.as_ref().trim();
            if p.is_empty() {
                continue;
            }
            if !body.text.is_empty() {
                body.text.push_str("\n\n");
            }
            let start = body.text.len();
            body.text.push_str(p);
            body.paragraphs.push(start..body.text.len());
            if is_subhead(n) {
                body.subheads.push(start..body.text.len());
                continue;
            }
            body.sentences.extend(
                crate::text::split_sentences(p)
                    .into_iter()
                    .map(|r| r.start + start..r.end + start),
            );
        }
        body
    }
}

/// One news document: article, feed item, post, page or transcript.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Stable id: a hash of the source bytes (see [`crate::text::content_id`]).
    pub id: String,
    /// The source path as given by the caller (with `#N` for the Nth item of a feed).
    pub path: String,
    /// The detected format's name, e.g. `wordpress-json`, `video-transcript`, `rss`.
    pub format: String,
    /// The title, if any.
    pub title: Option<String>,
    /// A headline in another language, if any.
    pub alt_headline: Option<Headline>,
    /// When it was published.
    pub published: DocDate,
    /// When it was last updated, if the source says.
    pub updated: Option<DocDate>,
    /// The outlet (`Arirang News`, `Korea Pro`).
    pub outlet: Option<String>,
    /// Reporters or authors.
    pub authors: Vec<String>,
    /// The canonical URL.
    pub url: Option<String>,
    /// Tags, hashtags and categories, without `#`.
    pub tags: Vec<String>,
    /// The body text.
    pub body: Body,
    /// What went wrong or was noted while reading it.
    pub diagnostics: Vec<Diagnostic>,
}

impl Document {
    /// A document with the given body text (split into paragraphs on blank lines) and nothing
    /// else known. The id is the content hash of `text`.
    pub fn new(path: &str, format: &str, text: &str) -> Self {
        let paragraphs: Vec<&str> = text.split("\n\n").collect();
        Self {
            id: crate::text::content_id(text.as_bytes()),
            path: path.to_owned(),
            format: format.to_owned(),
            title: None,
            alt_headline: None,
            published: DocDate::unknown(),
            updated: None,
            outlet: None,
            authors: Vec::new(),
            url: None,
            tags: Vec::new(),
            body: Body::from_paragraphs(&paragraphs),
            diagnostics: Vec::new(),
        }
    }

    /// The sentences of the body, as `(byte range, text)`.
    pub fn sentences(&self) -> impl Iterator<Item = (Range<usize>, &str)> {
        self.body
            .sentences
            .iter()
            .map(|r| (r.clone(), self.body.text.get(r.clone()).unwrap_or("")))
    }

    /// The date to resolve the document's relative expressions against: the publication
    /// date if known, else the update time.
    pub fn reference_date(&self) -> Option<NaiveDateTime> {
        self.published
            .reference()
            .or_else(|| self.updated.as_ref().and_then(DocDate::reference))
    }
}
