//! Writes the main text the `dom_smoothie` Readability port finds in each HTML page named on
//! the command line, as `{"page", "body", "title", "date", "author"}` JSON lines: the output
//! format of the dev set's `score.py`, so almanac's own scoring can be compared with it.
//!
//! Run: `cargo run --release -p almanac-parse --example readability_bodies -- pages/*.html`

use std::io::Write as _;

fn main() {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).unwrap_or_default();
        let html = String::from_utf8_lossy(&bytes);
        let page = path.rsplit('/').next().unwrap_or(&path).to_owned();
        let (body, title, date, author) =
            match dom_smoothie::Readability::new(html.as_ref(), None, None)
                .and_then(|mut r| r.parse())
            {
                Ok(a) => (
                    a.text_content.to_string(),
                    Some(a.title),
                    a.published_time,
                    a.byline,
                ),
                Err(_) => (String::new(), None, None, None),
            };
        let line = serde_json::json!({"page": page, "body": body, "title": title, "date": date, "author": author});
        writeln!(out, "{line}").ok();
    }
}
