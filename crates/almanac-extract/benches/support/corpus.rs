//! The generated corpus shared by the bench and the `profile` example, and how both read it.

use almanac_model::Document;
use almanac_parse::{Options, read_files};

/// The documents of `files`, read as the app reads a folder (sidecars applied, never
/// documents).
pub(crate) fn parse_all(files: &[(String, Vec<u8>)]) -> Vec<Document> {
    read_files(
        files
            .iter()
            .map(|(path, bytes)| (path.as_str(), bytes.as_slice())),
        &Options::default(),
    )
    .documents
}

/// A deterministic generated corpus: plain-text articles assembled from varied sentence
/// templates (actors, verbs, amounts, dates).
pub(crate) fn generated(n: usize) -> Vec<(String, Vec<u8>)> {
    let actors = [
        "Japan",
        "Tokyo",
        "the European Union",
        "Acme Holdings Inc.",
        "Germany",
        "Seoul",
        "Brightline Energy Corp.",
    ];
    let targets = [
        "South Korea",
        "China",
        "Belarus",
        "Vexa Ltd.",
        "Norway",
        "the U.S.",
    ];
    let verbs = [
        "lifted export restrictions on",
        "imposed sanctions on",
        "agreed to acquire",
        "signed a supply deal with",
        "will invest $1.2 billion in",
        "cut tariffs on",
    ];
    let dates = [
        "last month",
        "on Tuesday",
        "in July of last year",
        "in March 2023",
        "earlier this week",
        "next year",
    ];
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let mut text = format!(
            "Headline number {i} about trade\n\nPublished: 2024-0{}-1{}\n\n",
            1 + i % 9,
            i % 10
        );
        for j in 0..12 {
            let k = i * 7 + j * 3;
            text.push_str(&format!(
                "{} {} {} {}, Minister of Trade Kim Min-{} said, adding that {} percent of {} firms were affected. ",
                actors[k % actors.len()],
                verbs[(k / 2) % verbs.len()],
                targets[(k / 3) % targets.len()],
                dates[(k / 5) % dates.len()],
                ["su", "jun", "ho"][k % 3],
                10 + k % 80,
                200 + k % 500,
            ));
            if j % 4 == 3 {
                text.push_str("\n\n");
            }
        }
        out.push((format!("gen/{i}.txt"), text.into_bytes()));
    }
    out
}
