//! The evidence of an analysed sentence: its times, amounts and names as typed mentions.

use almanac_model::{Mention, MentionValue, SentenceEvidence};

use crate::analysis::Sentence;
use crate::clause;
use crate::gazetteer::{Gazetteer, NameUse};

/// The typed mentions of `s`, sorted by span. Names used as adjectives (`Japanese`) are
/// left out: they name no one.
pub(crate) fn sentence(
    s: &Sentence<'_>,
    headline: bool,
    gazetteer: &Gazetteer,
) -> SentenceEvidence {
    let mut mentions: Vec<Mention> =
        Vec::with_capacity(s.times.len() + s.amounts.len() + s.mentions.len());
    for (r, t) in &s.times {
        mentions.push(Mention {
            span: t.span.clone(),
            value: MentionValue::Time(clause::time_ref(s, r, t)),
        });
    }
    for (_, a) in &s.amounts {
        mentions.push(Mention {
            span: a.span.clone(),
            value: MentionValue::Amount(a.clone()),
        });
    }
    for m in &s.mentions {
        if m.usage == NameUse::Demonym {
            continue;
        }
        let known = gazetteer.lookup(&m.entity.name).is_some();
        mentions.push(Mention {
            span: s.bytes_of(&m.tokens),
            value: MentionValue::Name {
                entity: m.entity.clone(),
                known,
            },
        });
    }
    mentions.sort_by_key(|m| (m.span.start, m.span.end));
    SentenceEvidence {
        span: s.span.clone(),
        text: s.text.to_owned(),
        headline,
        mentions,
    }
}
