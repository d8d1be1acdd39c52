//! Answer latency: over the facts and sentence evidence of the bundled fixtures (with the
//! question sets of `fixtures/questions/`), over a generated corpus of one million facts,
//! over generated sentence evidence of one million sentences (answers read from sentences),
//! and over 500 generated articles repeated 100 times (long posting lists, as in a corpus
//! that repeats its texts).
//!
//! Before the criterion runs, each corpus's questions are answered a few times and the
//! median and 99th percentile of single-answer latency are printed, with the time to build
//! the session. Run with
//! `cargo bench -p almanac-ask --bench answer -- --warm-up-time 1 --measurement-time 3`.

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use almanac_ask::Session;
use almanac_measure::{Amount, AmountKind, Approx};
use almanac_model::{
    DocEvidence, Document, EntityKind, EntityRef, Event, EventClass, Fact, FactKind, Mention,
    MentionValue, Modality, Provenance, SentenceEvidence, TimeRef,
};
use almanac_time::{Anchor, Granularity, TimexType};
use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};

/// How many facts the generated corpus has.
const GENERATED: usize = 1_000_000;

fn fixture_corpus() -> (Vec<Fact>, Vec<Document>, Vec<DocEvidence>, Vec<String>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    // read as the app reads a folder: sidecars applied, never documents
    let mut read: Vec<(String, Vec<u8>)> = Vec::new();
    for kind in ["seeds", "formats", "articles"] {
        let Ok(entries) = std::fs::read_dir(root.join(kind)) else {
            continue;
        };
        for path in entries.filter_map(Result::ok).map(|e| e.path()) {
            let bytes = std::fs::read(&path).unwrap_or_default();
            read.push((path.display().to_string(), bytes));
        }
    }
    let documents = almanac_parse::read_files(
        read.iter().map(|(l, b)| (l.as_str(), b.as_slice())),
        &almanac_parse::Options::default(),
    )
    .documents;
    let extractor = almanac_extract::Extractor::new();
    let mut facts = Vec::new();
    let mut evidence = Vec::new();
    for d in &documents {
        let (f, e) = extractor.extract_with_evidence(d);
        facts.extend(f);
        evidence.push(e);
    }
    let facts = almanac_extract::merge(facts);
    let mut questions = Vec::new();
    if let Ok(entries) = std::fs::read_dir(root.join("questions")) {
        let mut paths: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
        paths.sort();
        for path in paths {
            let text = std::fs::read_to_string(path).unwrap_or_default();
            questions.extend(
                text.lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty() && !l.starts_with('#'))
                    .map(str::to_owned),
            );
        }
    }
    (facts, documents, evidence, questions)
}

/// A small deterministic generator (64-bit LCG).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const SYLLABLES: &[&str] = &[
    "ka", "ro", "mi", "tel", "van", "dor", "sun", "lex", "bri", "qua", "zen", "fo", "lan", "ter",
    "vos", "nir", "pal", "gru", "sha", "wek",
];
const CLASSES: &[(&str, EventClass, &str)] = &[
    ("restrict", EventClass::Restrict, "export restrictions"),
    ("lift", EventClass::Lift, "export restrictions"),
    ("invest", EventClass::Invest, "a chip plant"),
    ("fund", EventClass::Fund, "a research program"),
    ("spend", EventClass::Spend, "road upgrades"),
    ("pledge", EventClass::Pledge, "climate aid"),
    ("announce", EventClass::Announce, "a merger"),
    ("visit", EventClass::Visit, "a trade fair"),
    ("supply", EventClass::Supply, "battery cells"),
    ("agree", EventClass::Agree, "a gas deal"),
    ("build", EventClass::Build, "a steel mill"),
    ("acquire", EventClass::Acquire, "a shipping line"),
];
/// The English name of month `month` (1-12), from almanac-time's one list.
fn month_name(month: u32) -> &'static str {
    almanac_time::words::month_name(month).unwrap_or_default()
}

fn name(rng: &mut Rng) -> String {
    let n = 2 + rng.below(2);
    let mut s: String = (0..n)
        .map(|_| SYLLABLES[rng.below(SYLLABLES.len())])
        .collect();
    if let Some(first) = s.get(..1) {
        s = first.to_uppercase() + &s[1..];
    }
    s
}

fn generated_corpus() -> (Vec<Fact>, Vec<String>) {
    let mut rng = Rng(42);
    let mut entities: Vec<EntityRef> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    while entities.len() < 5_000 {
        let base = name(&mut rng);
        let company = entities.len() % 3 != 0;
        let display = if company {
            format!("{base} Group")
        } else {
            base.clone()
        };
        if !seen.insert(display.to_lowercase()) {
            continue;
        }
        entities.push(EntityRef {
            id: display.to_lowercase().replace(' ', "-"),
            name: display.clone(),
            kind: if company {
                EntityKind::Company
            } else {
                EntityKind::Country
            },
            mention: display,
        });
    }
    let mut facts = Vec::with_capacity(GENERATED);
    for i in 0..GENERATED {
        let (action, class, object) = CLASSES[rng.below(CLASSES.len())];
        let actor = entities[rng.below(entities.len())].clone();
        let target = (rng.below(10) < 6).then(|| entities[rng.below(entities.len())].clone());
        let year = 2000 + rng.below(26) as i32;
        let month = 1 + rng.below(12) as u32;
        let money = matches!(
            class,
            EventClass::Invest | EventClass::Fund | EventClass::Spend | EventClass::Pledge
        );
        let amounts = if money {
            vec![Amount {
                span: 0..0,
                value: (1 + rng.below(900)) as f64 * 1e6,
                kind: AmountKind::Money {
                    currency: "USD".into(),
                },
                approx: Approx::Exact,
                equivalent: None,
            }]
        } else {
            Vec::new()
        };
        let sentence = format!(
            "{} {} {object}{} in {} {year}.",
            actor.name,
            almanac_ask::past(action),
            target
                .as_ref()
                .map(|t| format!(" on {}", t.name))
                .unwrap_or_default(),
            month_name(month),
        );
        let doc_date =
            NaiveDate::from_ymd_opt(year, month, 28).and_then(|d| d.and_hms_opt(0, 0, 0));
        facts.push(Fact {
            id: format!("f{i}"),
            kind: FactKind::Event(Event {
                actor: Some(actor),
                action: action.into(),
                class,
                target,
                object: Some(object.into()),
                time: Some(TimeRef::new(
                    String::new(),
                    format!("{year}-{month:02}"),
                    TimexType::Date,
                    Granularity::Month,
                    Anchor::Absolute,
                )),
                amounts,
                place: None,
                negated: false,
                modality: Modality::Done,
            }),
            sources: vec![Provenance {
                doc_id: format!("d{}", i / 20).into(),
                doc_path: format!("gen/{}.txt", i / 20).into(),
                doc_title: None,
                doc_date,
                sentence: sentence.into(),
                span: 0..0,
                rule: "generated".into(),
                confidence: 0.8,
            }],
            conflicts: Vec::new(),
        });
    }
    // Questions about facts that exist, with typos, follow-ups, and unanswerable ones.
    let mut questions = Vec::new();
    for k in 0..200 {
        let FactKind::Event(e) = &facts[rng.below(facts.len())].kind else {
            continue;
        };
        let actor = e.actor.as_ref().map_or("", |a| a.name.as_str());
        let q = match k % 6 {
            0 => format!(
                "when did {actor} {} {}?",
                e.action,
                e.object.as_deref().unwrap_or("")
            ),
            1 => format!("how much did {actor} invest?"),
            2 => {
                let typo: String = actor
                    .chars()
                    .enumerate()
                    .filter(|(i, _)| *i != 2)
                    .map(|(_, c)| c)
                    .collect();
                format!("when did {typo} {} anything?", e.action)
            }
            3 => format!("what about {}?", entities[rng.below(entities.len())].name),
            4 => format!(
                "when did Zorblaxia {} {}?",
                e.action,
                e.object.as_deref().unwrap_or("")
            ),
            _ => match &e.target {
                Some(t) => format!(
                    "who {} {} on {}?",
                    almanac_ask::past(&e.action),
                    e.object.as_deref().unwrap_or(""),
                    t.name
                ),
                None => format!("what did {actor} do in 2010?"),
            },
        };
        questions.push(q);
    }
    (facts, questions)
}

/// Answers every question `rounds` times, timing each answer; prints median and p99.
#[allow(clippy::print_stdout)]
fn report(label: &str, session: &mut Session, questions: &[String], rounds: usize) {
    let mut times: Vec<Duration> = Vec::new();
    let mut slowest: Vec<(Duration, &str)> = Vec::new();
    let mut answered = 0;
    for _ in 0..rounds {
        for q in questions {
            let start = Instant::now();
            let a = session.answer(q);
            let took = start.elapsed();
            times.push(took);
            slowest.push((took, q));
            answered += usize::from(a.text.is_some());
        }
    }
    slowest.sort_unstable_by_key(|s| std::cmp::Reverse(s.0));
    for (took, q) in slowest.iter().take(3) {
        println!("{label}: slow: {took:?} {q:?}");
    }
    // Per question, the best of its rounds: on a shared machine a single answer can be
    // descheduled for a whole time slice, which says nothing about the code.
    let mut best: Vec<Duration> = (0..questions.len())
        .map(|i| {
            (0..rounds)
                .map(|r| times[r * questions.len() + i])
                .min()
                .unwrap_or_default()
        })
        .collect();
    times.sort_unstable();
    best.sort_unstable();
    let at = |v: &[Duration], p: f64| v[((v.len() - 1) as f64 * p).round() as usize];
    println!(
        "{label}: {} answers ({} answered): median {:?}, p99 {:?}, max {:?}; \
         best of {rounds} per question: median {:?}, p99 {:?}",
        times.len(),
        answered,
        at(&times, 0.5),
        at(&times, 0.99),
        times.last().copied().unwrap_or_default(),
        at(&best, 0.5),
        at(&best, 0.99),
    );
}

/// Prints the latency of every question ([`report`]), then lets criterion time answers to
/// the questions in turn.
fn measure(
    c: &mut Criterion,
    name: &str,
    label: &str,
    session: &mut Session,
    questions: &[String],
    rounds: usize,
) {
    report(label, session, questions, rounds);
    let mut i = 0;
    c.bench_function(name, |b| {
        b.iter(|| {
            i = (i + 1) % questions.len();
            black_box(session.answer(&questions[i]))
        });
    });
}

#[allow(clippy::print_stdout)]
fn bench(c: &mut Criterion) {
    let (facts, documents, evidence, questions) = fixture_corpus();
    let n = facts.len();
    let start = Instant::now();
    let mut session = Session::with_evidence(facts, &documents, evidence);
    println!("fixtures: {n} facts indexed in {:?}", start.elapsed());
    measure(
        c,
        "answer/fixtures",
        "fixtures",
        &mut session,
        &questions,
        5,
    );
    drop(session);
    if std::env::var_os("ALMANAC_BENCH_FIXTURES_ONLY").is_some() {
        return;
    }

    let start = Instant::now();
    let (facts, questions) = generated_corpus();
    println!(
        "generated: {} facts made in {:?}",
        facts.len(),
        start.elapsed()
    );
    let start = Instant::now();
    let mut session = Session::new(facts, &[]);
    println!("generated: indexed in {:?}", start.elapsed());
    measure(
        c,
        "answer/generated_1m",
        "generated 1M",
        &mut session,
        &questions,
        3,
    );
}

/// How many sentences the generated evidence corpus has.
const GENERATED_SENTENCES: usize = 1_000_000;
/// Sentences per generated document.
const SENTENCES_PER_DOC: usize = 10;

const NOUNS: &[&str] = &[
    "jobs",
    "stores",
    "aircraft",
    "megawatts",
    "hostages",
    "seats",
    "factories",
    "branches",
    "trucks",
    "patients",
];
const VERBS: &[&str] = &[
    "cut", "opened", "ordered", "added", "freed", "won", "closed", "sold", "bought", "treated",
];

/// One million sentences in 100,000 documents, each stating a count, money and a date, with
/// their mentions; and questions about them (answerable and not).
fn generated_evidence() -> (Vec<Document>, Vec<DocEvidence>, Vec<String>) {
    let mut rng = Rng(7);
    let names: Vec<String> = (0..20_000).map(|_| name(&mut rng)).collect();
    let mut documents = Vec::new();
    let mut evidence = Vec::new();
    let mut questions = Vec::new();
    for d in 0..GENERATED_SENTENCES / SENTENCES_PER_DOC {
        let id = format!("gen-{d}");
        let mut doc = Document::new(&format!("generated/{d}.txt"), "plain-text", "");
        doc.id = id.clone();
        let mut sentences = Vec::new();
        for k in 0..SENTENCES_PER_DOC {
            let who = &names[rng.below(names.len())];
            let (verb, noun) = (VERBS[rng.below(VERBS.len())], NOUNS[rng.below(NOUNS.len())]);
            let n = 2 + rng.below(5000);
            let month = rng.below(12);
            let year = 2000 + rng.below(25);
            let money = 1 + rng.below(900);
            let head = format!("{who} {verb} {n} {noun}");
            let date = format!("{} {year}", month_name(month as u32 + 1));
            let tail = format!("${money} million");
            let text = format!("{head} in {date}, a deal worth {tail}, the company said.");
            let count_at = who.len() + verb.len() + 2;
            let date_at = head.len() + 4;
            let money_at = date_at + date.len() + 19;
            let mentions = vec![
                Mention {
                    span: 0..who.len(),
                    value: MentionValue::Name {
                        entity: EntityRef {
                            id: who.to_lowercase(),
                            name: who.clone(),
                            kind: EntityKind::Company,
                            mention: who.clone(),
                        },
                        known: false,
                    },
                },
                count_mention(count_at..head.len(), n, noun),
                month_mention(date_at, &date, year, month),
                Mention {
                    span: money_at..money_at + tail.len(),
                    value: MentionValue::Amount(Amount {
                        span: money_at..money_at + tail.len(),
                        value: money as f64 * 1e6,
                        kind: AmountKind::Money {
                            currency: "USD".to_owned(),
                        },
                        approx: Approx::Exact,
                        equivalent: None,
                    }),
                },
            ];
            if d % 997 == 0 && k == 0 {
                questions.push(format!("how many {noun} did {who} {}?", base(verb)));
                questions.push(format!("when did {who} {} {noun}?", base(verb)));
                questions.push(format!("how much was the deal of {who} worth?"));
                questions.push(format!("when did {who} acquire Tiffany?"));
            }
            sentences.push(SentenceEvidence {
                span: k * 100..k * 100 + text.len(),
                text,
                headline: false,
                mentions,
            });
        }
        evidence.push(DocEvidence {
            doc_id: id,
            sentences,
        });
        documents.push(doc);
    }
    (documents, evidence, questions)
}

/// The mention of a count of `n` `noun` at `span`.
fn count_mention(span: std::ops::Range<usize>, n: usize, noun: &str) -> Mention {
    Mention {
        span: span.clone(),
        value: MentionValue::Amount(Amount {
            span,
            value: n as f64,
            kind: AmountKind::Count {
                unit: noun.to_owned(),
            },
            approx: Approx::Exact,
            equivalent: None,
        }),
    }
}

/// The mention of the month `date` (`March 2023`; `month` counted from 0) at byte `at`.
fn month_mention(at: usize, date: &str, year: usize, month: usize) -> Mention {
    Mention {
        span: at..at + date.len(),
        value: MentionValue::Time(TimeRef::new(
            date.to_owned(),
            format!("{year}-{:02}", month + 1),
            TimexType::Date,
            Granularity::Month,
            Anchor::Absolute,
        )),
    }
}

/// Benchmarks answering `label`'s questions from a session over the evidence `make` builds
/// (`sentences` sentences in all), named `id` in criterion.
#[allow(clippy::print_stdout)]
fn bench_corpus(
    c: &mut Criterion,
    id: &str,
    label: &str,
    sentences: usize,
    make: impl FnOnce() -> (Vec<Document>, Vec<DocEvidence>, Vec<String>),
) {
    if std::env::var_os("ALMANAC_BENCH_FIXTURES_ONLY").is_some() {
        return;
    }
    let start = Instant::now();
    let (documents, evidence, questions) = make();
    println!(
        "{label}: {sentences} sentences made in {:?}",
        start.elapsed()
    );
    let start = Instant::now();
    let mut session = Session::with_evidence(Vec::new(), &documents, evidence);
    println!("{label}: indexed in {:?}", start.elapsed());
    measure(c, id, label, &mut session, &questions, 3);
}

/// The base form of a generated past-tense verb.
fn base(verb: &str) -> &str {
    match verb {
        "cut" => "cut",
        "won" => "win",
        "sold" => "sell",
        "bought" => "buy",
        "freed" => "free",
        v => v.strip_suffix("ed").unwrap_or(v),
    }
}

fn bench_evidence(c: &mut Criterion) {
    bench_corpus(
        c,
        "answer/evidence_1m_sentences",
        "evidence 1M sentences",
        GENERATED_SENTENCES,
        generated_evidence,
    );
}

/// Distinct articles of the repeated corpus.
const ARTICLES: usize = 500;
/// Copies of each article: the long posting lists of a corpus that repeats its texts.
const COPIES: usize = 100;
/// Topic words a repeated article's sentences draw from, the first ones far more often.
const TOPICS: usize = 3000;

/// [`ARTICLES`] articles of [`SENTENCES_PER_DOC`] sentences, each sentence stating a count,
/// money and a date among skewed topic words, repeated [`COPIES`] times (half a million
/// sentences): a question's words then have posting lists of tens of thousands of
/// sentences, most of which must still be walked. Questions name an article's company,
/// verb and topic words.
fn repeated_evidence() -> (Vec<Document>, Vec<DocEvidence>, Vec<String>) {
    let mut rng = Rng(11);
    let names: Vec<String> = (0..2_000).map(|_| name(&mut rng)).collect();
    let topics: Vec<String> = (0..TOPICS).map(|_| name(&mut rng).to_lowercase()).collect();
    // a product of two uniform draws: low ranks (common words) come far more often
    let topic = |rng: &mut Rng| topics[rng.below(TOPICS) * rng.below(TOPICS) / TOPICS].clone();
    let mut articles: Vec<Vec<SentenceEvidence>> = Vec::new();
    let mut questions = Vec::new();
    for a in 0..ARTICLES {
        let who = names[rng.below(names.len())].clone();
        let mut sentences = Vec::new();
        for k in 0..SENTENCES_PER_DOC {
            let (verb, noun) = (VERBS[rng.below(VERBS.len())], NOUNS[rng.below(NOUNS.len())]);
            let words: Vec<String> = (0..6).map(|_| topic(&mut rng)).collect();
            let n = 2 + rng.below(5000);
            let month = rng.below(12);
            let year = 2000 + rng.below(25);
            let head = format!("{who} {verb} {n} {noun}");
            let date = format!("{} {year}", month_name(month as u32 + 1));
            let text = format!("{head} in {date} for the {} project.", words.join(" "));
            let count_at = who.len() + verb.len() + 2;
            let date_at = head.len() + 4;
            let mentions = vec![
                count_mention(count_at..head.len(), n, noun),
                month_mention(date_at, &date, year, month),
            ];
            if a % 10 == 0 && k % 5 == 0 {
                let [w0, w1, w2, w3, ..] = &words[..] else {
                    continue;
                };
                questions.push(format!(
                    "how many {noun} did {who} {} for the {w0} {w1} project?",
                    base(verb)
                ));
                questions.push(format!("when did {who} {} {w2} {w3} {noun}?", base(verb)));
            }
            sentences.push(SentenceEvidence {
                span: k * 100..k * 100 + text.len(),
                text,
                headline: false,
                mentions,
            });
        }
        articles.push(sentences);
    }
    let mut documents = Vec::new();
    let mut evidence = Vec::new();
    for copy in 0..COPIES {
        for (a, sentences) in articles.iter().enumerate() {
            let id = format!("rep-{copy}-{a}");
            let mut doc = Document::new(&format!("repeated/{copy}/{a}.txt"), "plain-text", "");
            doc.id = id.clone();
            evidence.push(DocEvidence {
                doc_id: id,
                sentences: sentences.clone(),
            });
            documents.push(doc);
        }
    }
    (documents, evidence, questions)
}

fn bench_repeated(c: &mut Criterion) {
    bench_corpus(
        c,
        "answer/evidence_repeated_500k_sentences",
        "evidence repeated 500k sentences",
        ARTICLES * SENTENCES_PER_DOC * COPIES,
        repeated_evidence,
    );
}

criterion_group!(benches, bench, bench_evidence, bench_repeated);
criterion_main!(benches);
