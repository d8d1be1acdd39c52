//! Bylines and date stamps: the short lines between a headline and the story that say who
//! wrote it, for which outlet, and when.
//!
//! A stamp line is made of segments separated by `|`, `·`, `•` or a spaced dash, each one of:
//! - a byline: `By NAME`, `By NAME and NAME`, `By NAME, NAME and NAME`, `By NAME, OUTLET`,
//!   `By NAME for OUTLET`, `By NAME in PLACE`, optionally ending with a date
//!   (`By Jane Doe on 5 March 2024`);
//! - a labelled date: `Published: DATE`, `Posted DATE`, `Updated on DATE`, `Last updated: DATE`;
//! - a bare date (`5 March 2024`, `2024-03-05`, `Tue 5 Mar 2024 09:30 GMT`);
//! - a reading time (`3 min read`), ignored;
//! - a person's name (`Jane Doe | Example News | 2024-03-05`), only next to a date or a byline;
//! - an outlet (capitalized words), only next to an author.
//!
//! A line with any other segment is not a stamp, so prose is never read as one. A role after the
//! names (`By Jane Doe, Senior Energy Correspondent`) is dropped, not taken as an outlet.
//!
//! Wire datelines (`WASHINGTON (Reuters) -`, `LONDON, March 5 (AP) —`) open the first
//! paragraph and stay in the body; see [`crate::lines::dateline_outlet`].

use almanac_model::DocDate;

use crate::lines::{is_outlet_name, is_person_name, normalize_name, person_name_prefix};

/// What a stamp line says. Dates keep the whole line as their source text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Stamp {
    /// Authors, in order, all-capital names in title case.
    pub authors: Vec<String>,
    /// The outlet named next to the authors.
    pub outlet: Option<String>,
    /// The publication date.
    pub published: Option<DocDate>,
    /// The update date (`Updated: ...`, `Last updated ...`).
    pub updated: Option<DocDate>,
}

impl Stamp {
    /// Whether nothing was read.
    pub(crate) fn is_empty(&self) -> bool {
        self.authors.is_empty()
            && self.outlet.is_none()
            && self.published.is_none()
            && self.updated.is_none()
    }

    /// Adds what this stamp says to `doc`, never replacing what it already has (a known
    /// publication date, an outlet); authors are added when the document has none yet or
    /// they are new.
    pub(crate) fn fill(self, doc: &mut almanac_model::Document) {
        for a in &self.authors {
            crate::lines::push_unique(&mut doc.authors, a);
        }
        if doc.outlet.is_none() {
            doc.outlet = self.outlet;
        }
        if let Some(p) = self.published
            && doc.published.known != almanac_model::DateKnown::Explicit
        {
            doc.published = p;
        }
        if doc.updated.is_none() {
            doc.updated = self.updated;
        }
    }
}

/// Reads the stamp lines at the start of `lines` (at most `max`) into `doc`; returns how many
/// lines were stamps.
pub(crate) fn take_stamps(
    lines: &[crate::lines::Line<'_>],
    doc: &mut almanac_model::Document,
    max: usize,
) -> usize {
    let mut n = 0;
    while n < max
        && let Some(line) = lines.get(n)
        && let Some(stamp) = read_stamp(line.text)
    {
        stamp.fill(doc);
        n += 1;
    }
    n
}

/// Splits head lines into the ones that are not stamps (kept, e.g. a title) and stamps (read
/// into `doc`).
pub(crate) fn without_stamps<'a>(
    lines: &[crate::lines::Line<'a>],
    doc: &mut almanac_model::Document,
) -> Vec<crate::lines::Line<'a>> {
    let mut kept = Vec::new();
    for line in lines {
        match read_stamp(line.text) {
            Some(stamp) => stamp.fill(doc),
            None => kept.push(*line),
        }
    }
    kept
}

/// Labels of a publication date, lowercase, longest first where one is a prefix of another.
const PUBLISHED_LABELS: &[&str] = &[
    "first published",
    "originally published",
    "publication date",
    "published",
    "posted",
    "released",
    "filed",
    "created",
    "date",
];

/// Labels of an update date, lowercase, longest first where one is a prefix of another.
const UPDATED_LABELS: &[&str] = &[
    "last updated",
    "last modified",
    "updated",
    "modified",
    "edited",
    "revised",
];

/// Words that make a segment after the names a role, not an outlet.
const ROLE_WORDS: &[&str] = &[
    "correspondent",
    "reporter",
    "editor",
    "writer",
    "columnist",
    "contributor",
    "analyst",
    "staff",
    "journalist",
    "producer",
    "bureau",
    "chief",
    "senior",
    "special",
    "contributing",
    "freelance",
];

/// Reads a stamp line: `By Jane Doe | 2024-03-05`, `Posted: Tue 5 Mar 2024 09:30 GMT`,
/// `5 March 2024 · 3 min read`, `Jane Doe | Example News | 5 March 2024`. `None` when the line
/// is anything else.
pub(crate) fn read_stamp(line: &str) -> Option<Stamp> {
    let line = line.trim();
    if line.is_empty() || line.len() > 200 {
        return None;
    }
    let mut stamp = Stamp::default();
    let mut names: Vec<String> = Vec::new();
    let mut outlets: Vec<&str> = Vec::new();
    let mut byline = false;
    for seg in segments(line) {
        if seg.is_empty() || is_reading_time(seg) {
            continue;
        }
        if let Some((kind, date)) = labelled_date(seg, line) {
            match kind {
                DateKind::Published if stamp.published.is_none() => stamp.published = Some(date),
                DateKind::Updated if stamp.updated.is_none() => stamp.updated = Some(date),
                _ => {}
            }
        } else if let Some(by) = by_segment(seg, line) {
            byline = true;
            for a in by.authors {
                if !stamp.authors.contains(&a) {
                    stamp.authors.push(a);
                }
            }
            if stamp.outlet.is_none() {
                stamp.outlet = by.outlet;
            }
            if stamp.published.is_none() {
                stamp.published = by.date;
            }
        } else if names.is_empty() && !byline && is_person_name(seg) {
            // only the first bare name is an author: `NAME | OUTLET | DATE`
            names.push(normalize_name(seg));
        } else if is_outlet_name(seg) {
            outlets.push(seg);
        } else {
            return None;
        }
    }
    let dated = stamp.published.is_some() || stamp.updated.is_some();
    // a bare name is an author only beside a date or a byline; else it may be anything
    if !names.is_empty() {
        if !(dated || byline) {
            return None;
        }
        for n in names {
            if !stamp.authors.contains(&n) {
                stamp.authors.push(n);
            }
        }
    }
    if !outlets.is_empty() {
        if !(dated || byline) {
            return None;
        }
        // an outlet is told only beside an author; without one it may be a section name
        if !stamp.authors.is_empty() && stamp.outlet.is_none() {
            stamp.outlet = Some(outlets[0].to_owned());
        }
    }
    (!stamp.is_empty()).then_some(stamp)
}

/// The segments of a line, split on `|`, `·`, `•` and spaced dashes, trimmed.
fn segments(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for part in line.split(['|', '·', '•']) {
        let mut rest = part;
        while let Some((at, len)) = [" - ", " – ", " — "]
            .iter()
            .filter_map(|d| rest.find(d).map(|at| (at, d.len())))
            .min()
        {
            out.push(rest[..at].trim());
            rest = &rest[at + len..];
        }
        out.push(rest.trim());
    }
    out
}

/// `3 min read`, `5-minute read`, `Reading time: 4 minutes`.
fn is_reading_time(seg: &str) -> bool {
    let lower = seg.to_ascii_lowercase();
    let lower = lower
        .strip_prefix("reading time")
        .map_or(lower.as_str(), |r| r.trim_start_matches([':', ' ']));
    let digits = lower.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return false;
    }
    let unit = lower[digits..].trim_start_matches([' ', '-']);
    let unit = unit
        .strip_suffix("read")
        .map_or(unit, str::trim_end)
        .trim_end_matches('.');
    matches!(unit, "min" | "mins" | "minute" | "minutes")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DateKind {
    Published,
    Updated,
}

/// A date with its source text set to the whole stamp line.
fn date(text: &str, line: &str) -> Option<DocDate> {
    let mut d = crate::date::explicit_date(text).ok()?;
    d.source_text = Some(line.to_owned());
    Some(d)
}

/// `LABEL (":" | " on" | " at")? DATE` or a bare `DATE`.
fn labelled_date(seg: &str, line: &str) -> Option<(DateKind, DocDate)> {
    if let Some(d) = date(seg, line) {
        return Some((DateKind::Published, d));
    }
    let lower = seg.to_ascii_lowercase();
    for (labels, kind) in [
        (UPDATED_LABELS, DateKind::Updated),
        (PUBLISHED_LABELS, DateKind::Published),
    ] {
        for label in labels {
            let Some(rest) = lower.strip_prefix(label) else {
                continue;
            };
            if !rest.starts_with([' ', ':', '：']) {
                continue;
            }
            // ASCII lowercasing keeps byte offsets: slice the original
            let rest = seg[label.len()..]
                .trim_start_matches([':', '：'])
                .trim_start();
            let rest = strip_word(rest, "on")
                .or_else(|| strip_word(rest, "at"))
                .unwrap_or(rest);
            return date(rest, line).map(|d| (kind, d));
        }
    }
    None
}

/// `text` without a leading word (case-insensitive) and the space after it.
fn strip_word<'a>(text: &'a str, word: &str) -> Option<&'a str> {
    let head = text.get(..word.len())?;
    let rest = &text[word.len()..];
    (head.eq_ignore_ascii_case(word) && rest.starts_with(' ')).then(|| rest.trim_start())
}

/// What a `By ...` segment says.
struct By {
    authors: Vec<String>,
    outlet: Option<String>,
    date: Option<DocDate>,
}

/// `("By" | "Written by" | "Reporting by" | "Words by") NAMES ("," OUTLET_OR_ROLE)*
/// (("," | "on") DATE)?`.
fn by_segment(seg: &str, line: &str) -> Option<By> {
    let rest = [
        "by",
        "written by",
        "reporting by",
        "words by",
        "story by",
        "posted by",
        "published by",
    ]
    .iter()
    .find_map(|w| strip_word(seg, w))?;
    // a trailing date: "By Jane Doe on 5 March 2024", "By Jane Doe, March 5, 2024"
    let mut names_part = rest;
    let mut when = None;
    for (at, _) in rest.match_indices([',', ' ']) {
        let tail = rest[at + 1..].trim_start();
        let tail = strip_word(tail, "on").unwrap_or(tail);
        if let Some(d) = date(tail, line) {
            names_part = rest[..at].trim_end();
            when = Some(d);
            break;
        }
    }
    let (authors, outlet) = names(names_part)?;
    Some(By {
        authors,
        outlet,
        date: when,
    })
}

/// `NAME ("," NAME)* (("and" | "&") NAME)? ("for" OUTLET | "in" PLACE)? ("," OUTLET_OR_ROLE)*`:
/// the names, and the outlet if one is named. Without `and`, only the first comma part is a
/// name (`By Jane Doe, Example News`).
fn names(text: &str) -> Option<(Vec<String>, Option<String>)> {
    let parts: Vec<&str> = text.split(',').map(str::trim).collect();
    let last_names = parts
        .iter()
        .position(|p| p.contains(" and ") || p.contains(" & ") || p.starts_with("and "))
        .unwrap_or(0);
    let mut authors = Vec::new();
    let mut outlet = None;
    for (n, part) in parts.iter().enumerate() {
        if n <= last_names {
            for piece in part.split(" and ").flat_map(|p| p.split(" & ")) {
                let piece = piece.trim().trim_start_matches("and ").trim();
                let (name, rest) = person_name_prefix(piece)?;
                let rest = rest.trim();
                if !rest.is_empty() {
                    // "Jane Doe for Example News", "Jane Doe in London"
                    if let Some(o) = strip_word(rest, "for").filter(|o| is_outlet_name(o)) {
                        outlet.get_or_insert_with(|| o.to_owned());
                    } else if strip_word(rest, "in").is_none() {
                        return None;
                    }
                }
                authors.push(normalize_name(name));
            }
        } else if outlet.is_none() && n == last_names + 1 && !is_role(part) {
            if !is_outlet_name(part) {
                return None;
            }
            outlet = Some((*part).to_owned());
        } else if !(is_role(part) || is_outlet_name(part)) {
            // later parts may be a role or a place ("By Jane Doe, Reuters, London")
            return None;
        }
    }
    (!authors.is_empty()).then_some((authors, outlet))
}

fn is_role(part: &str) -> bool {
    part.split_whitespace().any(|w| {
        let w = w.to_ascii_lowercase();
        ROLE_WORDS
            .iter()
            .any(|r| w.trim_end_matches('s') == *r || w == *r)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Renders a stamp as `authors / outlet / published / updated` (dates with granularity
    /// and UTC offset), or `-` when the line is not a stamp.
    fn check(line: &str) -> String {
        let Some(s) = read_stamp(line) else {
            return "-".into();
        };
        let d = |d: &Option<DocDate>| match d {
            Some(d) => format!(
                "{} {:?}{}",
                d.local.map(|l| l.to_string()).unwrap_or_default(),
                d.granularity,
                d.utc_offset_seconds
                    .map(|o| format!(" {o:+}"))
                    .unwrap_or_default()
            ),
            None => "-".into(),
        };
        let authors = if s.authors.is_empty() {
            "-".to_owned()
        } else {
            s.authors.join("; ")
        };
        format!(
            "{authors} / {} / {} / {}",
            s.outlet.as_deref().unwrap_or("-"),
            d(&s.published),
            d(&s.updated)
        )
    }

    #[test]
    fn bylines() {
        assert_eq!(check("By Jane Doe"), "Jane Doe / - / - / -");
        assert_eq!(
            check("By Jane Doe | 2024-03-05"),
            "Jane Doe / - / 2024-03-05 00:00:00 Day / -"
        );
        assert_eq!(
            check("By Tom Reyes and Ana de Souza"),
            "Tom Reyes; Ana de Souza / - / - / -"
        );
        assert_eq!(
            check("By Tom Reyes, Li Wei and J.R. Okafor"),
            "Tom Reyes; Li Wei; J.R. Okafor / - / - / -"
        );
        assert_eq!(
            check("By Jane Doe, Example News"),
            "Jane Doe / Example News / - / -"
        );
        assert_eq!(
            check("By Jane Doe and Li Wei, Harbor Times"),
            "Jane Doe; Li Wei / Harbor Times / - / -"
        );
        assert_eq!(
            check("BY MARTA KOWALCZYK, Senior Energy Correspondent"),
            "Marta Kowalczyk / - / - / -"
        );
        assert_eq!(
            check("By Jane Doe for Example News"),
            "Jane Doe / Example News / - / -"
        );
        assert_eq!(check("By Jane Doe in Lagos"), "Jane Doe / - / - / -");
        assert_eq!(
            check("By Jane Doe on March 5, 2024"),
            "Jane Doe / - / 2024-03-05 00:00:00 Day / -"
        );
        assert_eq!(
            check("Jane Doe | Example News | 5 March 2024"),
            "Jane Doe / Example News / 2024-03-05 00:00:00 Day / -"
        );
        assert_eq!(
            check("By Jane Doe - Example News - Updated 6 March 2024, 10:15 GMT"),
            "Jane Doe / Example News / - / 2024-03-06 10:15:00 Minute +0"
        );
    }

    #[test]
    fn date_stamps() {
        assert_eq!(
            check("Posted: Tue 5 Mar 2024 09:30 GMT"),
            "- / - / 2024-03-05 09:30:00 Minute +0 / -"
        );
        assert_eq!(
            check("Last updated: 2024-03-06T08:00:00+01:00"),
            "- / - / - / 2024-03-06 08:00:00 Second +3600"
        );
        assert_eq!(
            check("5 March 2024 · 3 min read"),
            "- / - / 2024-03-05 00:00:00 Day / -"
        );
        assert_eq!(
            check("Published on March 5, 2024 | Updated on March 6, 2024"),
            "- / - / 2024-03-05 00:00:00 Day / 2024-03-06 00:00:00 Day"
        );
        assert_eq!(
            check("Markets | 5 March 2024"),
            "- / - / 2024-03-05 00:00:00 Day / -"
        );
    }

    #[test]
    fn prose_is_not_a_stamp() {
        assert_eq!(check("By Tuesday the bank had raised rates."), "-");
        assert_eq!(check("By the numbers"), "-");
        assert_eq!(check("Jane Doe"), "-");
        assert_eq!(check("Jane Doe | Example News"), "-");
        assert_eq!(check("Oil prices fall as OPEC+ talks stall"), "-");
        assert_eq!(check("The minister resigned | 5 March 2024"), "-");
        assert_eq!(check("By 2030 the plant will run on hydrogen."), "-");
        assert_eq!(check("Published: soon"), "-");
    }
}
