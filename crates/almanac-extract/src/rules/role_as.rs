//! `role_as`: a person's name followed by `as` and a title, after a verb that gives the
//! role: `elected Ana Ribeiro as mayor`, `swore in Jorge Salas as finance minister`,
//! `named Jane Roe as chief executive`.

use almanac_model::{EntityKind, EntityRef, FactKind, Role};

use super::{DocState, Found, Rule};
use crate::analysis::Sentence;
use crate::clause;
use crate::gazetteer::{NameUse, slug};
use crate::lexicon::{self, w};

/// The rule.
/// Confidence of a role read from `as` (`Jane Doe, serving as prime minister`).
const CONFIDENCE: f32 = 0.75;

pub(crate) const RULE: Rule = Rule {
    name: "role_as",
    description: "a person named as a title by a verb that gives the role",
    apply,
};

fn apply(s: &Sentence<'_>, state: &mut DocState, out: &mut Vec<Found>) {
    for p in s
        .mentions
        .iter()
        .filter(|m| m.entity.kind == EntityKind::Person)
    {
        if s.low(p.tokens.end) != "as" {
            continue;
        }
        // a role-giving verb within three words before the name
        let giver = (p.tokens.start.saturating_sub(3)..p.tokens.start).find(|&k| {
            clause::verb_at(s, k).is_some_and(|v| lexicon::PERSON_OBJECT_CLASSES.contains(&v.class))
        });
        let Some(giver) = giver else {
            continue;
        };
        let mut k = p.tokens.end + 1;
        if matches!(
            s.low(k),
            "the" | "a" | "an" | "its" | "their" | "his" | "her"
        ) {
            k += 1;
        }
        let start = k;
        let mut end = k;
        while k < s.tokens.len() && s.has(k, w::TITLE) {
            k += 1;
            if s.has(k - 1, w::TITLE_HEAD) {
                end = k;
            }
        }
        if end == start {
            continue;
        }
        let title = clause::title_case(s.slice(start..end));
        let organization = match s.low(end) {
            // `mayor of Lisbon` is of the city, not of the government it stands for
            "of" | "at" => s.mention_starting(end + 1).map(|m| match m.usage {
                NameUse::Metonym => EntityRef {
                    id: slug(&m.entity.mention),
                    name: m.entity.mention.clone(),
                    kind: EntityKind::Place,
                    mention: m.entity.mention.clone(),
                },
                _ => m.entity.clone(),
            }),
            _ => None,
        }
        .or_else(|| clause::organization_from_document(&title, state))
        // `Acme hired Jane Roe as chief operating officer`: the hiring organization
        .or_else(|| {
            clause::subject(s, giver, state)
                .filter(|(e, anaphoric)| {
                    !anaphoric
                        && matches!(
                            e.kind,
                            EntityKind::Company | EntityKind::Organization | EntityKind::Media
                        )
                })
                .map(|(e, _)| e)
        });
        let mut person = p.entity.clone();
        person.mention = s.slice(p.tokens.clone()).to_owned();
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

    /// Facts of this rule in `text`, dated 2023-08-22.
    fn check(text: &str, expected: &[&str]) {
        assert_eq!(
            run("role_as", text, Some((2023, 8, 22))),
            expected,
            "in {text:?}"
        );
    }

    #[test]
    fn titles_given_by_a_verb() {
        check(
            "The president swore in Jorge Salas as finance minister on Tuesday.",
            &["role  Jorge Salas  \"Finance Minister\"  as of 2023-08-22"],
        );
        check(
            "Voters elected Ana Ribeiro as mayor of Lisbon.",
            &["role  Ana Ribeiro  \"Mayor\"  of Lisbon  as of 2023-08-22"],
        );
        check(
            "Acme Holdings hired Jane Roe as chief operating officer.",
            &["role  Jane Roe  \"Chief Operating Officer\"  of Acme Holdings  as of 2023-08-22"],
        );
        // no role-giving verb
        check("Ana Ribeiro spoke as mayor.", &[]);
    }
}
