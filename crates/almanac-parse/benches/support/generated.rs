//! Generated inputs of about 1 MB per format, shared by the `parse` bench and the `profile`
//! example (a long feed, a WordPress array, a long page, long subtitles and transcripts).

/// Target size of the generated inputs.
pub(crate) const BIG: usize = 1 << 20;

/// Repeats `unit(n)` until the text reaches [`BIG`] bytes, between `head` and `tail`.
fn grow(head: &str, unit: impl Fn(usize) -> String, sep: &str, tail: &str) -> String {
    let mut out = head.to_owned();
    let mut n = 0;
    while out.len() < BIG {
        if n > 0 {
            out.push_str(sep);
        }
        out.push_str(&unit(n));
        n += 1;
    }
    out.push_str(tail);
    out
}

const SENTENCE: &str = "The grid operator said reserves fell to 4.6% on Tuesday, and the energy minister pledged 2 billion euros for storage by 2030.";

/// About 1 MB of input in each format.
pub(crate) fn generated() -> Vec<(&'static str, String)> {
    let lines = |head: &str, tail: &str| grow(head, |n| format!("{SENTENCE} ({n})"), "\n", tail);
    vec![
        (
            "wordpress-json",
            grow(
                "[",
                |n| {
                    format!(
                        r#"{{"id":{n},"date":"2024-04-23T08:00:17","date_gmt":"2024-04-22T23:00:17","modified":"2024-04-23T09:00:00","slug":"post-{n}","link":"https:\/\/example.org\/p\/{n}","title":{{"rendered":"Post {n} &#8211; storage"}},"content":{{"rendered":"<p>{SENTENCE}<\/p>\n<p>Minister\u2019s <b>plan<\/b> {n}.<\/p>"}}}}"#
                    )
                },
                ",",
                "]",
            ),
        ),
        (
            "rss",
            grow(
                r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Grid Weekly</title>"#,
                |n| {
                    format!(
                        "<item><title>Item {n}</title><link>https://example.org/{n}</link><pubDate>Tue, 07 May 2024 09:15:00 GMT</pubDate><category>power</category><description>&lt;p&gt;{SENTENCE}&lt;/p&gt;&lt;p&gt;More {n}.&lt;/p&gt;</description></item>\n"
                    )
                },
                "",
                "</channel></rss>",
            ),
        ),
        (
            "atom",
            grow(
                r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>Ballot Desk</title>"#,
                |n| {
                    format!(
                        r#"<entry><title>Entry {n}</title><link href="https://example.org/{n}"/><published>2024-06-10T07:15:00+02:00</published><author><name>Elena Costa</name></author><content type="html">&lt;p&gt;{SENTENCE}&lt;/p&gt;</content></entry>"#
                    )
                },
                "\n",
                "</feed>",
            ),
        ),
        (
            "html",
            grow(
                r#"<!DOCTYPE html><html><head><title>Storage</title><meta property="og:title" content="Storage"><meta property="article:published_time" content="2024-12-05T09:30:00+01:00"></head><body><nav><a href="/">Home</a></nav><article><h1>Storage</h1>"#,
                |n| {
                    format!(
                        r#"<p>{SENTENCE} <a href="/x{n}">link</a> &amp; more.</p><div class="share">Share</div>"#
                    )
                },
                "\n",
                "</article><footer>(c)</footer></body></html>",
            ),
        ),
        (
            "srt",
            grow(
                "",
                |n| {
                    format!(
                        "{}\n00:{:02}:{:02},000 --> 00:{:02}:{:02},500\n{SENTENCE}\n",
                        n + 1,
                        n / 60 % 60,
                        n % 60,
                        n / 60 % 60,
                        n % 60
                    )
                },
                "\n",
                "",
            ),
        ),
        (
            "vtt",
            grow(
                "WEBVTT - Briefing\n\n",
                |n| {
                    format!(
                        "00:{:02}:{:02}.000 --> 00:{:02}:{:02}.500\n<v Chair>{SENTENCE}\n",
                        n / 60 % 60,
                        n % 60,
                        n / 60 % 60,
                        n % 60
                    )
                },
                "\n",
                "",
            ),
        ),
        (
            "video-transcript",
            lines(
                "Grid operator warns of shortfall\n\nPublished on 3 Jun 2024, 9:15\n",
                "\nJane Doe, Example News.\n\n#power #grid\n",
            ),
        ),
        (
            "video-page",
            lines(
                "Grid operator warns of shortfall\n  • 2 years ago\n",
                "\nJANE Doe, Example News.\nRecommended\n",
            ),
        ),
        (
            "news-portal",
            lines(
                "Grid operator warns of shortfall\nViews : 33\nUpdate time : 2023-04-25 10:27:40\n",
                "\n",
            ),
        ),
        ("plain-text", lines("", "\n")),
    ]
}
