//! One-line renderings of facts, for snapshots and the `facts` command.

use almanac_measure::{Amount, AmountKind, Approx};
use std::fmt::Write as _;

use almanac_model::{Fact, FactKind, Modality, TimeRef};

/// A time as `value`, with ` (inferred)` when it was inferred from another document.
pub fn render_time(t: &TimeRef) -> String {
    if t.note.is_some() {
        format!("{} (inferred)", t.value)
    } else {
        t.value.clone()
    }
}

fn render_amount(a: &Amount) -> String {
    let approx = match a.approx {
        Approx::Exact => "",
        Approx::About => "~",
        Approx::AtLeast => ">=",
        Approx::AtMost => "<=",
    };
    let v = a.value;
    let scaled = if v.abs() >= 1e9 {
        format!("{} billion", trim(v / 1e9))
    } else if v.abs() >= 1e6 {
        format!("{} million", trim(v / 1e6))
    } else {
        trim(v)
    };
    match &a.kind {
        AmountKind::Money { currency } => format!("{approx}{scaled} {currency}"),
        AmountKind::Percent => format!("{approx}{}%", trim(v)),
        AmountKind::Count { unit } => format!("{approx}{scaled} {unit}"),
        AmountKind::Number => format!("{approx}{scaled}"),
    }
}

/// `v` with at most three decimals, without trailing zeros: `1.2`, `28`, `0.125`.
fn trim(v: f64) -> String {
    // integers and values with few decimals: exact integer arithmetic, no float formatting
    let milli = (v * 1000.0).round();
    if milli.is_finite() && milli.abs() < 9.0e15 {
        #[allow(clippy::cast_possible_truncation)]
        let m = milli as i64;
        let (int, frac) = (m.unsigned_abs() / 1000, m.unsigned_abs() % 1000);
        let sign = if m < 0 { "-" } else { "" };
        if frac == 0 {
            return format!("{sign}{int}");
        }
        let digits = format!("{frac:03}");
        return format!("{sign}{int}.{}", digits.trim_end_matches('0'));
    }
    let s = format!("{v:.3}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// The fact's content on one line, without provenance.
pub(crate) fn render_kind(kind: &FactKind) -> String {
    let mut out = String::with_capacity(96);
    match kind {
        FactKind::Event(e) => {
            out.push_str(e.class.as_str());
            out.push_str("  ");
            out.push_str(e.actor.as_ref().map_or("?", |a| a.name.as_str()));
            if let Some(t) = &e.target {
                out.push_str(" -> ");
                out.push_str(&t.name);
            }
            if let Some(o) = &e.object {
                let _ = write!(out, "  {o:?}");
            }
            if let Some(t) = &e.time {
                out.push_str("  ");
                out.push_str(&render_time(t));
            }
            if !e.amounts.is_empty() {
                out.push_str("  [");
                for (n, a) in e.amounts.iter().enumerate() {
                    if n > 0 {
                        out.push_str(", ");
                    }
                    out.push_str(&render_amount(a));
                }
                out.push(']');
            }
            if let Some(p) = &e.place {
                out.push_str("  in ");
                out.push_str(&p.name);
            }
            if e.negated {
                out.push_str("  not");
            }
            let m = match e.modality {
                Modality::Done => "",
                Modality::Planned => "planned",
                Modality::Pledged => "pledged",
                Modality::Reported => "reported",
                Modality::Possible => "possible",
            };
            if !m.is_empty() {
                out.push_str(if e.negated { " " } else { "  " });
                out.push_str(m);
            }
        }
        FactKind::Role(r) => {
            let _ = write!(out, "role  {}  {:?}", r.person.name, r.title);
            if let Some(o) = &r.organization {
                out.push_str("  of ");
                out.push_str(&o.name);
            }
            if let Some(t) = &r.as_of {
                out.push_str("  as of ");
                out.push_str(&t.value);
            }
        }
    }
    out
}

/// A fact on one line: its content, and with `verbose` its first source's rule,
/// confidence and sentence, the number of sources and the conflicts.
pub fn render_fact(fact: &Fact, verbose: bool) -> String {
    let mut out = render_kind(&fact.kind);
    if verbose {
        if let Some(p) = fact.sources.first() {
            let sentence: String = p.sentence.chars().take(140).collect();
            let ellipsis = if sentence.len() < p.sentence.len() {
                "…"
            } else {
                ""
            };
            out.push_str(&format!(
                "  (rule {}, {:.2})  \"{}{ellipsis}\"",
                p.rule,
                p.confidence,
                sentence.replace('\n', " ")
            ));
        }
        if fact.sources.len() > 1 {
            out.push_str(&format!("  [{} sources]", fact.sources.len()));
        }
        for c in &fact.conflicts {
            let vals: Vec<String> = c
                .values
                .iter()
                .map(|(v, ix)| {
                    format!(
                        "{v} ({})",
                        ix.iter()
                            .map(|i| fact.sources.get(*i).map_or("?", |s| &*s.doc_path))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                })
                .collect();
            out.push_str(&format!("  CONFLICT {}: {}", c.field, vals.join(" vs ")));
        }
        if let FactKind::Event(e) = &fact.kind
            && let Some(note) = e.time.as_ref().and_then(|t| t.note.as_ref())
        {
            out.push_str(&format!("  NOTE {note}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    /// `trim(v)` as written in fact lines.
    fn check(v: f64, expected: &str) {
        assert_eq!(super::trim(v), expected, "trim({v})");
    }

    #[test]
    fn numbers_keep_up_to_three_decimals() {
        check(28.0, "28");
        check(1.2, "1.2");
        check(0.125, "0.125");
        check(2.0004, "2");
        check(-3.5, "-3.5");
        check(1.5e16, "15000000000000000");
    }
}
