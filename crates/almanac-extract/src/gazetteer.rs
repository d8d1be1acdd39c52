//! The gazetteer: canonical entities and the names, demonyms and metonyms they go by.
//!
//! The built-in data lives in `data/gazetteer.tsv` (format documented at its top); users
//! extend it with files in the same format ([`Gazetteer::extend`]).

use std::collections::BTreeMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use almanac_model::{Entity, EntityKind};

/// The built-in gazetteer data.
pub(crate) const BUILTIN: &str = include_str!("../data/gazetteer.tsv");

/// A line of gazetteer data that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GazetteerError {
    /// The line does not have a kind and a name separated by a TAB.
    #[error("line {line}: expected KIND<TAB>NAME<TAB>ALIASES, got {text:?}")]
    Malformed {
        /// 1-based line number.
        line: usize,
        /// The line as written.
        text: String,
    },
    /// The kind is not one of the known entity kinds.
    #[error("line {line}: unknown entity kind {kind:?}")]
    UnknownKind {
        /// 1-based line number.
        line: usize,
        /// The kind as written.
        kind: String,
    },
}

/// How a name refers to its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NameUse {
    /// The name itself or a plain alias: `Japan`, `S. Korea`, `MOTIE`.
    Name,
    /// An adjective: `Japanese`, `South Korean`.
    Demonym,
    /// A capital standing for the government: `Tokyo`, `Seoul`.
    Metonym,
}

/// One name of an entity, as matched in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    /// The name as written in the gazetteer.
    pub text: String,
    /// Index of the entity in [`Gazetteer::entities`].
    pub entity: usize,
    /// How the name refers to the entity.
    pub usage: NameUse,
}

/// Canonical entities and an automaton finding their names in text.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    entities: Vec<Entity>,
    names: Vec<Name>,
    /// Lowercased name or id -> entity index, for [`Gazetteer::lookup`].
    index: BTreeMap<String, usize>,
    matcher: Option<AhoCorasick>,
}

impl Default for Gazetteer {
    fn default() -> Self {
        Self::builtin()
    }
}

/// The canonical id of a name: lowercase ASCII letters and digits joined by dashes.
pub(crate) fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        let c = match c {
            'é' | 'è' | 'ê' | 'É' => 'e',
            'ô' | 'ö' | 'Ö' => 'o',
            'ü' | 'Ü' | 'ú' => 'u',
            'á' | 'à' | 'â' => 'a',
            'í' => 'i',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') && c != '.' && c != '\'' && c != '’' {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

fn parse_kind(kind: &str) -> Option<EntityKind> {
    Some(match kind {
        "country" => EntityKind::Country,
        "government" => EntityKind::Government,
        "organization" => EntityKind::Organization,
        "company" => EntityKind::Company,
        "media" => EntityKind::Media,
        "person" => EntityKind::Person,
        "role" => EntityKind::Role,
        "product" => EntityKind::Product,
        "place" => EntityKind::Place,
        _ => return None,
    })
}

/// The prefix of an alias that questions may use but documents are not matched on
/// (`?Nippon`: a reader asking about "nippon" means Japan, but "Nippon Steel" is not Japan).
pub const QUESTION_ONLY: char = '?';

impl Gazetteer {
    /// The built-in gazetteer (countries, capitals, demonyms, organizations, ministries,
    /// companies, news outlets).
    pub fn builtin() -> Self {
        // Built once per process; clones share the automaton.
        static BUILT: std::sync::OnceLock<Gazetteer> = std::sync::OnceLock::new();
        BUILT
            .get_or_init(|| {
                // The built-in data is checked by a test; a bad line there is a bug, not input.
                Self::parse(BUILTIN).unwrap_or_else(|_| Self::empty())
            })
            .clone()
    }

    /// A gazetteer with no entities.
    pub fn empty() -> Self {
        let mut g = Self {
            entities: Vec::new(),
            names: Vec::new(),
            index: BTreeMap::new(),
            matcher: None,
        };
        g.rebuild();
        g
    }

    /// Reads gazetteer data (the format of `data/gazetteer.tsv`).
    pub fn parse(text: &str) -> Result<Self, GazetteerError> {
        let mut g = Self::empty();
        g.extend(text)?;
        Ok(g)
    }

    /// Adds the entities of `text` (same format); a canonical name already present gets the
    /// new aliases. On error nothing is added.
    pub fn extend(&mut self, text: &str) -> Result<(), GazetteerError> {
        let mut staged = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let trimmed = line.trim();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            let mut fields = line.split('\t');
            let (Some(kind), Some(name)) = (fields.next(), fields.next()) else {
                return Err(GazetteerError::Malformed {
                    line: n + 1,
                    text: line.to_owned(),
                });
            };
            let name = name.trim();
            if name.is_empty() {
                return Err(GazetteerError::Malformed {
                    line: n + 1,
                    text: line.to_owned(),
                });
            }
            let kind = parse_kind(kind.trim()).ok_or_else(|| GazetteerError::UnknownKind {
                line: n + 1,
                kind: kind.trim().to_owned(),
            })?;
            let aliases: Vec<String> = fields
                .next()
                .unwrap_or("")
                .split('|')
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(str::to_owned)
                .collect();
            staged.push((kind, name.to_owned(), aliases));
        }
        for (kind, name, aliases) in staged {
            self.add(kind, &name, &aliases);
        }
        self.rebuild();
        Ok(())
    }

    fn add(&mut self, kind: EntityKind, name: &str, aliases: &[String]) {
        let id = slug(name);
        let idx = match self.entities.iter().position(|e| e.id == id) {
            Some(i) => i,
            None => {
                self.entities.push(Entity {
                    id,
                    name: name.to_owned(),
                    kind,
                    aliases: Vec::new(),
                });
                self.entities.len() - 1
            }
        };
        for a in aliases {
            if !self.entities[idx].aliases.contains(a) {
                self.entities[idx].aliases.push(a.clone());
            }
        }
    }

    fn rebuild(&mut self) {
        self.names.clear();
        self.index.clear();
        for (i, e) in self.entities.iter().enumerate() {
            self.index.entry(e.id.clone()).or_insert(i);
            self.index.entry(e.name.to_lowercase()).or_insert(i);
            self.names.push(Name {
                text: e.name.clone(),
                entity: i,
                usage: NameUse::Name,
            });
            for a in &e.aliases {
                if a.starts_with(QUESTION_ONLY) {
                    // a name for questions alone: never matched in documents
                    continue;
                }
                let (usage, text) = if let Some(t) = a.strip_prefix('+') {
                    (NameUse::Demonym, t)
                } else if let Some(t) = a.strip_prefix('~') {
                    (NameUse::Metonym, t)
                } else {
                    (NameUse::Name, a.as_str())
                };
                self.index.entry(text.to_lowercase()).or_insert(i);
                self.names.push(Name {
                    text: text.to_owned(),
                    entity: i,
                    usage,
                });
            }
        }
        // Same text under two entities: the first one listed wins.
        let mut seen = std::collections::BTreeSet::new();
        self.names.retain(|n| seen.insert(n.text.clone()));
        self.matcher = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(self.names.iter().map(|n| n.text.as_str()))
            .ok();
    }

    /// Every canonical entity, in data order.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// The entity a name, alias, demonym, capital or id refers to (case-insensitive, aliases
    /// written without their `+`/`~` prefix).
    pub fn lookup(&self, name: &str) -> Option<&Entity> {
        let key = name.trim().to_lowercase();
        self.index
            .get(&key)
            .or_else(|| self.index.get(&slug(&key)))
            .map(|&i| &self.entities[i])
    }

    /// The entity at `index` in [`Gazetteer::entities`].
    pub fn entity(&self, index: usize) -> Option<&Entity> {
        self.entities.get(index)
    }

    /// Gazetteer names found in `text` on word boundaries: `(byte range, name)`, in order,
    /// non-overlapping, longest first.
    pub fn find<'a>(
        &'a self,
        text: &'a str,
    ) -> impl Iterator<Item = (std::ops::Range<usize>, &'a Name)> + 'a {
        self.matcher
            .iter()
            .flat_map(move |m| m.find_iter(text))
            .filter_map(move |m| {
                let before_ok = text[..m.start()]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric());
                let after_ok = text[m.end()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric());
                let name = &self.names[m.pattern().as_usize()];
                (before_ok && after_ok).then_some((m.start()..m.end(), name))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Looks `name` up in the built-in gazetteer and compares `id (kind)` with `expected`.
    fn check(name: &str, expected: Option<&str>) {
        let g = Gazetteer::builtin();
        let got = g.lookup(name).map(|e| format!("{} ({:?})", e.id, e.kind));
        assert_eq!(got.as_deref(), expected, "looking up {name:?}");
    }

    #[test]
    fn builtin_data_parses() {
        let g = Gazetteer::parse(BUILTIN).map(|g| g.entities().len());
        assert!(matches!(g, Ok(n) if n > 250), "{g:?}");
    }

    #[test]
    fn aliases_resolve() {
        check("Tokyo", Some("japan (Country)"));
        check("Japanese", Some("japan (Country)"));
        check("S. Korea", Some("south-korea (Country)"));
        check("south korean", Some("south-korea (Country)"));
        check(
            "MOTIE",
            Some("ministry-of-trade-industry-and-energy (Government)"),
        );
        check("Samsung", Some("samsung-electronics (Company)"));
        check("Atlantis", None);
    }

    #[test]
    fn question_only_names_are_not_matched_in_text() {
        let g = Gazetteer::parse("country\tJapan\t+Japanese|?Nippon").expect("parses");
        assert_eq!(g.lookup("Nippon"), None);
        let found: Vec<&str> = g
            .find("Nippon Steel and Japanese mills")
            .map(|(_, n)| n.text.as_str())
            .collect();
        assert_eq!(found, ["Japanese"]);
        // the alias stays on the entity, for question parsers
        assert!(g.entities()[0].aliases.iter().any(|a| a == "?Nippon"));
    }

    #[test]
    fn user_data_extends_and_errors_name_the_line() {
        let mut g = Gazetteer::builtin();
        assert_eq!(
            g.extend("company\tAcme Widgets\tAcme\nplanet\tMars"),
            Err(GazetteerError::UnknownKind {
                line: 2,
                kind: "planet".into()
            })
        );
        assert!(g.lookup("Acme").is_none());
        assert_eq!(g.extend("company\tAcme Widgets\tAcme"), Ok(()));
        assert_eq!(
            g.lookup("Acme").map(|e| e.name.as_str()),
            Some("Acme Widgets")
        );
        assert_eq!(
            Gazetteer::parse("country").err().map(|e| e.to_string()),
            Some("line 1: expected KIND<TAB>NAME<TAB>ALIASES, got \"country\"".into())
        );
    }
}
