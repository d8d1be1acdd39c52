//! HTML pages per second and MB/s on generated real-size pages (about 100, 250 and 500 KB:
//! head metadata, JSON-LD, inline scripts, menus, a story of many paragraphs, related lists,
//! comments and a footer), for almanac's whole `read` (body, title, dates, authors) and, side
//! by side in the same run, the `dom_smoothie` Readability port on the same pages.
//!
//! Run: `cargo bench -p almanac-parse --bench html_pages -- --warm-up-time 1 --measurement-time 5`

use std::hint::black_box;

use almanac_parse::{Options, read};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const WORDS: &[&str] = &[
    "council",
    "budget",
    "harbor",
    "said",
    "on",
    "Tuesday",
    "the",
    "plan",
    "would",
    "add",
    "ferry",
    "routes",
    "and",
    "a",
    "new",
    "dock",
    "by",
    "2026",
    "officials",
    "percent",
];

/// A sentence made from the word list, varied by `n`.
fn sentence(n: usize, words: usize) -> String {
    let mut s = String::new();
    for k in 0..words {
        if k > 0 {
            s.push(' ');
        }
        s.push_str(WORDS[(n * 7 + k * 3) % WORDS.len()]);
        if k % 9 == 8 {
            s.push(',');
        }
    }
    s.push('.');
    let mut c = s.chars();
    c.next().map_or(s.clone(), |f| {
        f.to_uppercase().collect::<String>() + c.as_str()
    })
}

/// A page of about `size` bytes.
fn page(size: usize) -> String {
    let mut head = String::from(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <title>Council approves harbor budget | Bay Ledger</title>\
         <meta property=\"og:title\" content=\"Council approves harbor budget\">\
         <meta property=\"og:site_name\" content=\"Bay Ledger\">\
         <meta property=\"article:published_time\" content=\"2024-03-05T09:30:00Z\">\
         <meta name=\"author\" content=\"Jane Doe\">\
         <script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\",\
         \"headline\":\"Council approves harbor budget\",\"datePublished\":\"2024-03-05T09:30:00Z\",\
         \"author\":[{\"@type\":\"Person\",\"name\":\"Jane Doe\"}]}</script>\
         <style>body{font-family:serif}.nav a{padding:4px}</style>",
    );
    // inline scripts are a large share of real pages
    let script_budget = size / 4;
    let mut script = String::from("<script>var config = {");
    let mut n = 0;
    while script.len() < script_budget {
        script.push_str(&format!("\"key{n}\": \"value {n} < {}\", ", n * 31));
        n += 1;
    }
    script.push_str("};</script>");
    head.push_str(&script);
    head.push_str("</head><body><header class=\"site-header\"><nav class=\"nav\"><ul>");
    for k in 0..120 {
        head.push_str(&format!(
            "<li><a href=\"/section/{k}\">Section {k}</a></li>"
        ));
    }
    head.push_str("</ul></nav></header><main><article class=\"story\"><h1>Council approves harbor budget</h1>\
        <div class=\"byline\">By <a rel=\"author\" href=\"/jane\">Jane Doe</a></div>\
        <div class=\"share-bar\"><a href=\"#\">Share</a> <a href=\"#\">Email</a></div><div class=\"article-body\">");
    let mut body = head;
    let tail_reserve = size / 6;
    let mut p = 0;
    while body.len() < size - tail_reserve {
        if p % 12 == 11 {
            body.push_str(&format!(
                "<h2>{}</h2>",
                sentence(p, 4).trim_end_matches('.')
            ));
        }
        if p % 15 == 14 {
            body.push_str(
                "<figure><img src=\"x.jpg\"><figcaption>A photo caption.</figcaption></figure>",
            );
        }
        body.push_str(&format!(
            "<p>{} <a href=\"/p/{p}\">{}</a> {}</p>",
            sentence(p, 24),
            sentence(p + 1, 3),
            sentence(p + 2, 18)
        ));
        p += 1;
    }
    body.push_str("</div><aside class=\"related\"><h3>Related</h3><ul>");
    let mut r = 0;
    while body.len() < size - tail_reserve / 2 {
        body.push_str(&format!(
            "<li><a href=\"/r/{r}\">{}</a></li>",
            sentence(r, 8)
        ));
        r += 1;
    }
    body.push_str("</ul></aside></article><section class=\"comments\">");
    let mut c = 0;
    while body.len() < size - 2000 {
        body.push_str(&format!(
            "<div class=\"comment\"><p>{}</p></div>",
            sentence(c, 20)
        ));
        c += 1;
    }
    body.push_str("</section></main><footer><p>© Bay Ledger</p><a href=\"/privacy\">Privacy</a></footer></body></html>");
    body
}

fn bench(c: &mut Criterion) {
    let opts = Options::default();
    let pages: Vec<(String, String)> = [100, 250, 500]
        .iter()
        .map(|kb| (format!("{kb}KB"), page(kb * 1024)))
        .collect();
    for (name, html) in &pages {
        let mut group = c.benchmark_group(format!("html_page_{name}"));
        group.throughput(Throughput::Bytes(html.len() as u64));
        group.bench_function("almanac", |b| {
            b.iter(|| black_box(read("page.html", black_box(html.as_bytes()), &opts)));
        });
        group.bench_function("dom_smoothie", |b| {
            b.iter(|| {
                let mut r = dom_smoothie::Readability::new(black_box(html.as_str()), None, None)
                    .expect("no URL, no error");
                black_box(r.parse().ok())
            });
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
