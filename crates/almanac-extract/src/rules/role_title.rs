//! `role_title`: a title right before a person's name, with the organization before the
//! title: `Seoul's Minister of Trade, Industry and Energy Sung Yoon-mo`, `industry minister
//! Ahn Duk-geun`, `South Korean Planning and Finance Minister Chew Kyung-ho`, `Apple CEO Tim
//! Cook`.

use almanac_model::{EntityKind, EntityRef, FactKind, Role};

use super::{DocState, Found, Rule};
use crate::analysis::Sentence;
use crate::clause;
use crate::gazetteer::slug;
use crate::lexicon::w;

/// The rule.
/// Confidence of a role read from a title before a name (`Prime Minister Jane Doe`).
const CONFIDENCE: f32 = 0.85;

pub(crate) const RULE: Rule = Rule {
    name: "role_title",
    description: "a title before a person's name",
    apply,
};

fn apply(s: &Sentence<'_>, state: &mut DocState, out: &mut Vec<Found>) {
    for p in s
        .mentions
        .iter()
        .filter(|m| m.entity.kind == EntityKind::Person)
    {
        let mut k = p.tokens.start;
        let mut has_head = false;
        while k > 0 {
            let j = k - 1;
            let word = s.low(j);
            let titled = s.has(j, w::TITLE)
                || (s.is_word(j) && s.tokens[j].cap && s.mention_at(j).is_none())
                || (matches!(word, "of" | "," | "and" | "&") && k < p.tokens.start);
            if !titled || s.mention_at(j).is_some() {
                break;
            }
            has_head |= s.has(j, w::TITLE_HEAD);
            k = j;
        }
        // trim leading connectors
        while k < p.tokens.start && matches!(s.low(k), "of" | "," | "and" | "&") {
            k += 1;
        }
        if !has_head || k >= p.tokens.start {
            continue;
        }
        // `Halvorsen chief executive Mette Lund`: capitalized words that are no title words,
        // before a title written in lowercase, name the organization
        let mut named_org = None;
        let lead = (k..p.tokens.start)
            .take_while(|&j| s.is_word(j) && s.tokens[j].cap && !s.has(j, w::TITLE))
            .count();
        // a generic organization noun alone (`Union president`) names no organization
        let generic = lead == 1 && s.has(k, w::ORG_NOUN);
        if lead > 0
            && !generic
            && (k + lead..p.tokens.start).all(|j| s.is_word(j) && !s.tokens[j].cap)
            && (k + lead..p.tokens.start).any(|j| s.has(j, w::TITLE_HEAD))
        {
            let name = s.slice(k..k + lead).to_owned();
            named_org = Some(EntityRef {
                id: slug(&name),
                name: name.clone(),
                kind: EntityKind::Organization,
                mention: name,
            });
            k += lead;
        }
        let title = clause::title_case(s.slice(k..p.tokens.start));
        let organization = if named_org.is_some() {
            named_org
        } else if k > 0 && s.is_possessive(k - 1) {
            s.mention_ending(k - 1).map(|m| m.entity.clone())
        } else {
            s.mention_ending(k).map(|m| m.entity.clone())
        };
        // `industry minister Ahn Duk-geun` in a document naming the Ministry of Trade,
        // Industry and Energy
        let organization =
            organization.or_else(|| clause::organization_from_document(&title, state));
        let mut person = p.entity.clone();
        person.mention = s.slice(p.tokens.clone()).to_owned();
        state.last_actor = Some(person.clone());
        out.push(Found {
            kind: FactKind::Role(Role {
                person,
                title,
                organization,
                as_of: state.doc_date.clone(),
            }),
            confidence: CONFIDENCE,
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::test_support::run;

    /// Facts of this rule in `text`, dated 2020-01-21.
    fn check(text: &str, expected: &[&str]) {
        assert_eq!(
            run("role_title", text, Some((2020, 1, 21))),
            expected,
            "in {text:?}"
        );
    }

    #[test]
    fn titles_before_names() {
        check(
            "The newspaper cited Seoul's Minister of Trade, Industry and Energy Sung Yoon-mo's visit.",
            &[
                "role  Sung Yoon-mo  \"Minister of Trade, Industry and Energy\"  of South Korea  as of 2020-01-21",
            ],
        );
        check(
            "It came during industry minister Ahn Duk-geun's visit to Japan.",
            &["role  Ahn Duk-geun  \"Industry Minister\"  as of 2020-01-21"],
        );
        check(
            "The Ministry of Trade, Industry and Energy said industry minister Ahn Duk-geun left.",
            &[
                "role  Ahn Duk-geun  \"Industry Minister\"  of Ministry of Trade, Industry and Energy  as of 2020-01-21",
            ],
        );
        check(
            "Acme chief executive Jane Roe said so.",
            &["role  Jane Roe  \"Chief Executive\"  of Acme  as of 2020-01-21"],
        );
        check(
            "Speaking there, South Korean Planning and Finance Minister Chew Kyung-ho said so.",
            &[
                "role  Chew Kyung-ho  \"Planning and Finance Minister\"  of South Korea  as of 2020-01-21",
            ],
        );
    }
}
