//! Answer plain-English questions from almanac facts.
//!
//! A [`Session`] indexes a set of [`Fact`]s (by entity, event class and date) and answers
//! questions such as `when did Japan lift the export curbs on Seoul?`,
//! `how much did DuPont invest?` or `what about Samsung?` (a follow-up). A question is
//! parsed into what it asks (when, how much, how many, who, where, what, list) and its
//! constraints: entities (aliases like `Tokyo` for Japan, typos like `japn`), an event class
//! (synonyms like `remove the curbs` for `lift`, any inflection), a time window (`in 2024`,
//! `before 2020`, `last year` in the corpus's own frame: the year before its latest
//! document), and polarity. Candidate facts are ranked by a score that explains itself (see
//! [`Breakdown`]); below [`ANSWER_THRESHOLD`] the session abstains and says what it found nearby,
//! because a wrong answer is worse than none.
//!
//! It does no I/O, never reads the clock and never prints: the REPL and `almanac ask` in the
//! app share [`Session::answer`].
//!
//! ```
//! use almanac_ask::Session;
//!
//! let mut session = Session::new(Vec::new(), &[]);
//! let answer = session.answer("when did China lift restrictions?");
//! assert_eq!(answer.text, None); // nothing to answer from: abstain
//! ```

mod evidence;
mod index;
mod lexicon;
mod question;
mod reader;
mod render;
mod score;
mod session;
mod text;
mod time;

pub use almanac_model::Fact;
pub use evidence::{
    CONTEXT_WEIGHT, DocMeta, EvidenceIndex, Hit, Posting, QueryTerm, Retrieve, SentenceTerms,
    Stored, TITLE_WEIGHT, TermStats, bm25_search, bm25_search_ordered, closest_word, content_words,
    idf, sentence_terms, stem_of, title_terms,
};
pub use question::{Asks, Order, Question};
pub use render::{past, summary};
pub use score::Breakdown;
pub use session::{
    ANSWER_THRESHOLD, Alternative, Answer, Candidate, EVIDENCE_THRESHOLD, EvidenceCandidate,
    Explanation, Origin, Session, Source, SourceSummary,
};
