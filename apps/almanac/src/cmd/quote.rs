//! The quoted sentence of an answer, for people: the answer highlighted (on a terminal) and
//! the text wrapped to the terminal's width.

use almanac_ask::Source;

/// The terminal's width in columns (80 when stdout is not a terminal), kept in 40..=200.
pub(crate) fn width() -> usize {
    textwrap::termwidth().clamp(40, 200)
}

/// `"sentence"` indented by two spaces and wrapped to `width` columns, with the answer's span
/// wrapped in `highlight(...)` (ANSI codes do not count towards the width).
pub(crate) fn quote(source: &Source, width: usize, highlight: impl Fn(&str) -> String) -> String {
    let s = &source.sentence;
    let text = match source.highlight.clone().filter(|r| {
        r.start < r.end
            && s.is_char_boundary(r.start)
            && s.is_char_boundary(r.end)
            && r.end <= s.len()
    }) {
        Some(r) => format!(
            "{}{}{}",
            &s[..r.start],
            highlight(&s[r.clone()]),
            &s[r.end..]
        ),
        None => s.clone(),
    };
    let options = textwrap::Options::new(width)
        .initial_indent("  \"")
        .subsequent_indent("   ");
    let mut out = textwrap::fill(&format!("{text}\""), options);
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(sentence: &str, highlight: Option<std::ops::Range<usize>>) -> Source {
        Source {
            doc: "a.txt".into(),
            title: None,
            date: None,
            sentence: sentence.into(),
            highlight,
        }
    }

    #[test]
    fn wraps_and_highlights() {
        let s = source(
            "The airline cut 3,200 jobs on Friday after a weak quarter.",
            Some(16..26),
        );
        let out = quote(&s, 30, |t| format!("[{t}]"));
        assert_eq!(
            out,
            "  \"The airline cut [3,200\n   jobs] on Friday after a\n   weak quarter.\"\n"
        );
    }

    #[test]
    fn a_bad_span_is_ignored() {
        let s = source("Short.", Some(3..99));
        assert_eq!(quote(&s, 80, |t| format!("[{t}]")), "  \"Short.\"\n");
    }
}
