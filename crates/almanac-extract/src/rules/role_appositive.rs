//! `role_appositive`: a person's name followed by their title in apposition: `Lee
//! Chang-yang, South Korea's minister of industry, trade and resources`, `Tim Cook, chief
//! executive of Apple`, `Jane Roe, an analyst at Example Bank`.

use almanac_model::{EntityKind, FactKind, Role};

use super::{DocState, Found, Rule};
use crate::analysis::Sentence;
use crate::clause;
use crate::gazetteer::NameUse;
use crate::lexicon::w;

/// The rule.
/// Confidence of a role read from an appositive (`Jane Doe, the prime minister,`).
const CONFIDENCE: f32 = 0.8;

pub(crate) const RULE: Rule = Rule {
    name: "role_appositive",
    description: "a person's name followed by a title in apposition",
    apply,
};

fn apply(s: &Sentence<'_>, state: &mut DocState, out: &mut Vec<Found>) {
    for p in s
        .mentions
        .iter()
        .filter(|m| m.entity.kind == EntityKind::Person)
    {
        let mut k = p.tokens.end;
        if !s.is_punct(k, ",") {
            continue;
        }
        k += 1;
        let mut organization = None;
        if matches!(s.low(k), "the" | "a" | "an") {
            k += 1;
        }
        if let Some(m) = s.mention_starting(k) {
            if m.possessive || m.usage == NameUse::Demonym || m.entity.kind == EntityKind::Company {
                organization = Some(m.entity.clone());
                k = m.tokens.end + usize::from(m.possessive);
            }
        }
        let start = k;
        let mut has_head = false;
        let mut end = k;
        // title words up to and including the head
        while k < s.tokens.len() && s.has(k, w::TITLE) {
            k += 1;
            if s.has(k - 1, w::TITLE_HEAD) {
                has_head = true;
                end = k;
            }
        }
        if !has_head {
            continue;
        }
        // `of X` / `at X`: an organization, or a portfolio list
        if matches!(s.low(end), "of" | "at" | "for") {
            if let Some(m) = s.mention_starting(end + 1).or_else(|| {
                (s.low(end + 1) == "the")
                    .then(|| s.mention_starting(end + 2))
                    .flatten()
            }) {
                organization = Some(m.entity.clone());
            } else if s.low(end) == "of" {
                let mut j = end + 1;
                let mut last = end;
                while j < s.tokens.len() && (s.has(j, w::TITLE) || s.is_punct(j, ",")) {
                    if !s.is_punct(j, ",") {
                        last = j + 1;
                    }
                    j += 1;
                }
                if last > end + 1 {
                    end = last;
                }
            }
        }
        let title = clause::title_case(s.slice(start..end));
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

    /// Facts of this rule in `text`, dated 2023-04-25.
    fn check(text: &str, expected: &[&str]) {
        assert_eq!(
            run("role_appositive", text, Some((2023, 4, 25))),
            expected,
            "in {text:?}"
        );
    }

    #[test]
    fn appositive_titles() {
        check(
            "\"It is time,\" said Lee Chang-yang, South Korea's minister of industry, trade and resources, at a conference.",
            &[
                "role  Lee Chang-yang  \"Minister of Industry, Trade and Resources\"  of South Korea  as of 2023-04-25",
            ],
        );
        check(
            "Tim Cook, chief executive of Apple, said sales rose.",
            &["role  Tim Cook  \"Chief Executive\"  of Apple  as of 2023-04-25"],
        );
    }
}
