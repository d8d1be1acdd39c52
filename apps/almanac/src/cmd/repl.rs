//! The interactive REPL, and the line-by-line reader used when stdin is not a terminal.
//!
//! The rustyline loop only reads lines, keeps history, and handles Ctrl-C (clear the line)
//! and Ctrl-D (quit). Everything else lives in plain methods tested without a terminal:
//! [`Repl::handle`] runs one line (a question or a `:command`), [`Completions`] completes
//! and hints commands and entity names.

use std::borrow::Cow;
use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use almanac_ask::{Answer, Session};
use anyhow::Context as _;
use chrono::NaiveDate;
use rustyline::completion::Completer;
use rustyline::error::ReadlineError;
use rustyline::highlight::Highlighter;
use rustyline::hint::Hinter;
use rustyline::history::DefaultHistory;
use rustyline::{Context, Editor, Helper, Validator};

use crate::cmd::ask::open_any;

/// The REPL commands, with their help.
const COMMANDS: &[(&str, &str)] = &[
    (":help", "this help"),
    (
        ":sources",
        "the documents read, with their dates and how many facts each gives",
    ),
    (
        ":facts",
        ":facts ENTITY  every fact about an entity (aliases and typos welcome)",
    ),
    (
        ":timeline",
        ":timeline [ENTITY]  dated events in order, for everyone or one entity",
    ),
    (
        ":why",
        "how the last answer was found: the parsed question and the top candidates",
    ),
    (":quit", "leave (Ctrl-D does too; Ctrl-C clears the line)"),
];

/// Terminal styling: ANSI colors, or none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Style {
    color: bool,
}

impl Style {
    /// Colors only on a terminal, and never when `NO_COLOR` is set (to anything non-empty).
    pub(crate) fn detect() -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Self {
            color: std::io::stdout().is_terminal() && !no_color,
        }
    }

    /// No colors.
    #[cfg(test)]
    pub(crate) fn plain() -> Self {
        Self { color: false }
    }

    fn paint(self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }

    fn answer(self, text: &str) -> String {
        self.paint("1;32", text)
    }

    fn highlight(self, text: &str) -> String {
        self.paint("1;4", text)
    }

    fn dim(self, text: &str) -> String {
        self.paint("2", text)
    }

    fn warn(self, text: &str) -> String {
        self.paint("33", text)
    }
}

/// A REPL over a session: runs one line at a time.
pub(crate) struct Repl {
    session: Session,
    style: Style,
}

impl Repl {
    /// A REPL over `session`.
    pub(crate) fn new(session: Session, style: Style) -> Self {
        Self { session, style }
    }

    /// Completions for this REPL's commands and entities.
    pub(crate) fn completions(&self) -> Completions {
        Completions::new(self.session.entity_names())
    }

    /// Runs one line: a question, or a `:command`. Returns what to print (possibly empty),
    /// or `None` to quit.
    pub(crate) fn handle(&mut self, line: &str) -> Option<String> {
        let line = line.trim();
        if line.is_empty() {
            return Some(String::new());
        }
        let Some(command) = line.strip_prefix(':') else {
            let answer = self.session.answer(line);
            return Some(self.format_answer(&answer));
        };
        let (name, rest) = command
            .split_once(char::is_whitespace)
            .unwrap_or((command, ""));
        let rest = rest.trim();
        let out = match name {
            "q" | "quit" | "exit" => return None,
            "h" | "help" | "?" => help(),
            "sources" => self.sources(),
            "facts" if rest.is_empty() => "usage: :facts ENTITY\n".to_owned(),
            "facts" => self.facts(rest),
            "timeline" => {
                let lines = self.session.timeline((!rest.is_empty()).then_some(rest));
                if lines.is_empty() {
                    "no dated events found\n".to_owned()
                } else {
                    lines.iter().map(|l| format!("{l}\n")).collect()
                }
            }
            "why" => match self.session.last_answer() {
                Some(answer) => answer.explanation.to_string(),
                None => "no question asked yet\n".to_owned(),
            },
            other => format!("unknown command :{other} (try :help)\n"),
        };
        Some(out)
    }

    fn format_answer(&self, answer: &Answer) -> String {
        let s = self.style;
        let mut out = String::new();
        match &answer.text {
            Some(text) => {
                out.push_str(&s.answer(text));
                out.push('\n');
                if let Some(source) = &answer.source {
                    out.push_str(&super::quote::quote(source, super::quote::width(), |t| {
                        s.highlight(t)
                    }));
                }
                if let Some(citation) = &answer.citation {
                    out.push_str(&format!("  {}\n", s.dim(citation)));
                }
                if !answer.alternatives.is_empty() {
                    out.push_str(&s.dim("  also:"));
                    out.push('\n');
                    for a in &answer.alternatives {
                        out.push_str(&format!("  - {} ({:.2})\n", a.text, a.confidence));
                    }
                }
            }
            None => {
                out.push_str(&s.warn("I don't know: nothing in the documents answers that."));
                out.push('\n');
                if !answer.nearby.is_empty() {
                    out.push_str("  nearby:\n");
                    for a in &answer.nearby {
                        out.push_str(&format!("  - {} ({:.2})\n", a.text, a.confidence));
                    }
                }
            }
        }
        out
    }

    fn sources(&self) -> String {
        let mut out = String::new();
        for s in self.session.sources() {
            out.push_str(&format!(
                "{}  {}  ({} facts{})\n",
                s.path,
                s.title.as_deref().unwrap_or("(untitled)"),
                s.facts,
                s.date.map(|d| format!(", {d}")).unwrap_or_default()
            ));
        }
        if out.is_empty() {
            out.push_str("no documents\n");
        }
        out
    }

    fn facts(&self, entity: &str) -> String {
        let facts = self.session.facts_about(entity);
        if facts.is_empty() {
            return format!("no facts about {entity:?}\n");
        }
        facts
            .iter()
            .map(|f| {
                let doc = f.sources.first().map_or("", |s| &*s.doc_path);
                format!(
                    "{}  {}\n",
                    almanac_ask::summary(f),
                    self.style.dim(&format!("[{doc}]"))
                )
            })
            .collect()
    }
}

fn help() -> String {
    let mut out = String::from(
        "Ask a question in plain English, e.g. \"when did Japan lift export restrictions on \
         South Korea?\".\nFollow-ups keep the context: \"and when were they imposed?\", \
         \"what about Samsung?\".\nCommands:\n",
    );
    for (name, text) in COMMANDS {
        out.push_str(&format!("  {name:<10} {text}\n"));
    }
    out
}

/// Tab completion and hints for commands and entity names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Completions {
    entities: Vec<String>,
}

impl Completions {
    /// Completions over these entity names.
    pub(crate) fn new(entities: Vec<String>) -> Self {
        Self { entities }
    }

    /// Where the completed word starts in `line[..pos]`, and the candidates.
    pub(crate) fn complete(&self, line: &str, pos: usize) -> (usize, Vec<String>) {
        let head = line.get(..pos).unwrap_or(line);
        if head.starts_with(':') && !head.contains(' ') {
            let found = COMMANDS
                .iter()
                .map(|(c, _)| *c)
                .filter(|c| c.starts_with(head))
                .map(str::to_owned)
                .collect();
            return (0, found);
        }
        // The longest tail of the line (from a word start) that begins an entity name.
        for (start, _) in word_starts(head) {
            let typed = &head[start..];
            if typed.is_empty() {
                continue;
            }
            let lower = typed.to_lowercase();
            let found: Vec<String> = self
                .entities
                .iter()
                .filter(|e| e.to_lowercase().starts_with(&lower))
                .cloned()
                .collect();
            if !found.is_empty() {
                return (start, found);
            }
        }
        (pos, Vec::new())
    }

    /// The rest of the only command or entity name the line's end can complete to, if at
    /// least two characters were typed.
    pub(crate) fn hint(&self, line: &str, pos: usize) -> Option<String> {
        if pos < line.len() {
            return None;
        }
        let (start, found) = self.complete(line, pos);
        let typed = &line[start..pos];
        match found.as_slice() {
            [only] if typed.chars().count() >= 2 && only.len() > typed.len() => {
                only.get(typed.len()..).map(str::to_owned)
            }
            _ => None,
        }
    }
}

/// Byte offsets where words start in `text`, leftmost first.
fn word_starts(text: &str) -> Vec<(usize, char)> {
    let mut out = Vec::new();
    let mut prev_space = true;
    for (i, c) in text.char_indices() {
        if prev_space && !c.is_whitespace() {
            out.push((i, c));
        }
        prev_space = c.is_whitespace() || c == '"';
    }
    out
}

/// The rustyline helper: completion and hints from [`Completions`].
#[derive(Helper, Validator)]
struct ReplHelper {
    completions: Completions,
    style: Style,
}

impl Completer for ReplHelper {
    type Candidate = String;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _ctx: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<String>)> {
        Ok(self.completions.complete(line, pos))
    }
}

impl Hinter for ReplHelper {
    type Hint = String;

    fn hint(&self, line: &str, pos: usize, _ctx: &Context<'_>) -> Option<String> {
        self.completions.hint(line, pos)
    }
}

impl Highlighter for ReplHelper {
    fn highlight_hint<'h>(&self, hint: &'h str) -> Cow<'h, str> {
        if self.style.color {
            Cow::Owned(self.style.dim(hint))
        } else {
            Cow::Borrowed(hint)
        }
    }
}

/// The history file: `$XDG_DATA_HOME/almanac/history`, else `~/.local/share/almanac/history`.
pub(crate) fn history_path() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_DATA_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|v| !v.is_empty())
                .map(|h| PathBuf::from(h).join(".local").join("share"))
        })?;
    Some(base.join("almanac").join("history"))
}

/// Runs the REPL over the index in `index` (written by `almanac index`) when given, else
/// over `corpus` (the bundled seed documents when empty). When stdin is not a terminal,
/// answers one question per line with no prompt.
#[allow(clippy::print_stderr)]
pub(crate) fn run(
    corpus: Vec<PathBuf>,
    index: Option<PathBuf>,
    captured: Option<NaiveDate>,
    gazetteer: Option<PathBuf>,
) -> anyhow::Result<ExitCode> {
    let interactive = std::io::stdin().is_terminal();
    let (session, loaded) = open_any(
        index.as_deref(),
        &corpus,
        captured,
        true,
        gazetteer.as_deref(),
    )?;
    let style = Style::detect();
    if interactive {
        for d in &loaded.diagnostics {
            eprintln!("almanac: {d}");
        }
        writeln!(
            std::io::stdout(),
            "almanac: {} documents, {} facts. Ask a question, or :help.",
            session.document_count(),
            session.facts().len()
        )?;
    }
    let mut repl = Repl::new(session, style);
    if !interactive {
        let stdin = std::io::stdin();
        return piped(&mut repl, stdin.lock(), std::io::stdout().lock());
    }

    let mut editor: Editor<ReplHelper, DefaultHistory> = Editor::new()?;
    editor.set_helper(Some(ReplHelper {
        completions: repl.completions(),
        style,
    }));
    let history = history_path();
    if let Some(path) = &history {
        // A missing history file is normal on first use.
        let _ = editor.load_history(path);
    }
    let prompt = if style.color {
        "\x1b[1malmanac>\x1b[0m "
    } else {
        "almanac> "
    };
    loop {
        match editor.readline(prompt) {
            Ok(line) => {
                if !line.trim().is_empty() {
                    let _ = editor.add_history_entry(line.as_str());
                }
                match repl.handle(&line) {
                    Some(out) => {
                        let mut stdout = std::io::stdout();
                        stdout.write_all(out.as_bytes())?;
                        stdout.flush()?;
                    }
                    None => break,
                }
            }
            Err(ReadlineError::Interrupted) => continue,
            Err(ReadlineError::Eof) => break,
            Err(err) => return Err(err.into()),
        }
    }
    if let Some(path) = &history {
        let saved = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .map_err(rustyline::error::ReadlineError::from)
            .and_then(|()| editor.save_history(path));
        if let Err(err) = saved {
            eprintln!(
                "almanac: warning: could not save history to {}: {err}",
                path.display()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The REPL without a terminal: one question or command per line of `input`, read as
/// bytes, no prompt. A line that is not valid UTF-8 gets an error line instead of an answer
/// and the next lines are still answered; `:quit` stops.
pub(crate) fn piped(
    repl: &mut Repl,
    input: impl BufRead,
    mut output: impl Write,
) -> anyhow::Result<ExitCode> {
    for (n, line) in input.split(b'\n').enumerate() {
        let line = line.context("reading stdin")?;
        let line = line.strip_suffix(b"\r").unwrap_or(&line);
        let line = match std::str::from_utf8(line) {
            Ok(line) => line,
            Err(err) => {
                let at = err.valid_up_to();
                writeln!(
                    output,
                    "error: line {}: invalid UTF-8 at byte {at} (0x{:02x}); line skipped\n",
                    n + 1,
                    line[at]
                )?;
                continue;
            }
        };
        match repl.handle(line) {
            Some(out) => {
                output.write_all(out.as_bytes())?;
                if !out.is_empty() && !line.trim_start().starts_with(':') {
                    output.write_all(b"\n")?;
                }
                output.flush()?;
            }
            None => break,
        }
    }
    output.flush()?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn piped_lines_are_bytes_and_a_bad_line_does_not_stop_the_rest() {
        let mut repl = Repl::new(Session::new(Vec::new(), &[]), Style::plain());
        let mut out = Vec::new();
        let input: &[u8] = b":sources\r\nwhen did caf\xe9 open?\n:nope\n:quit\n:sources\n";
        assert!(piped(&mut repl, input, &mut out).is_ok());
        assert_eq!(
            String::from_utf8_lossy(&out),
            "no documents\n\
             error: line 2: invalid UTF-8 at byte 12 (0xe9); line skipped\n\n\
             unknown command :nope (try :help)\n"
        );
    }

    fn check(lines: &[&str], expected: &[Option<&str>]) {
        let mut repl = Repl::new(Session::new(Vec::new(), &[]), Style::plain());
        let got: Vec<Option<String>> = lines.iter().map(|l| repl.handle(l)).collect();
        let got: Vec<Option<&str>> = got.iter().map(Option::as_deref).collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn commands_run_without_a_terminal() {
        check(
            &[
                ":why",
                "",
                ":sources",
                ":facts",
                ":timeline",
                ":nope",
                ":quit",
            ],
            &[
                Some("no question asked yet\n"),
                Some(""),
                Some("no documents\n"),
                Some("usage: :facts ENTITY\n"),
                Some("no dated events found\n"),
                Some("unknown command :nope (try :help)\n"),
                None,
            ],
        );
        let mut repl = Repl::new(Session::new(Vec::new(), &[]), Style::plain());
        let help = repl.handle(":help").unwrap_or_default();
        assert!(COMMANDS.iter().all(|(c, _)| help.contains(c)), "{help}");
        let answer = repl
            .handle("when did China lift restrictions?")
            .unwrap_or_default();
        assert!(answer.starts_with("I don't know"), "{answer}");
        let why = repl.handle(":why").unwrap_or_default();
        assert!(why.contains("entity: \"china\" = China"), "{why}");
    }

    #[test]
    fn completes_commands_and_entities() {
        let c = Completions::new(vec![
            "Japan".into(),
            "Samsung Electronics".into(),
            "South Korea".into(),
        ]);
        assert_eq!(c.complete(":ti", 3), (0, vec![":timeline".to_owned()]));
        assert_eq!(c.complete("when did ja", 11), (9, vec!["Japan".to_owned()]));
        assert_eq!(
            c.complete("what about south k", 18),
            (11, vec!["South Korea".to_owned()])
        );
        assert_eq!(
            c.complete(":facts s", 8),
            (
                7,
                vec!["Samsung Electronics".to_owned(), "South Korea".to_owned()]
            )
        );
        assert_eq!(
            c.hint("when did Sa", 11).as_deref(),
            Some("msung Electronics")
        );
        assert_eq!(c.hint(":wh", 3).as_deref(), Some("y"));
        assert_eq!(c.hint("when did s", 10), None);
    }

    #[test]
    fn history_lives_in_the_data_folder() {
        let path = history_path().map(|p| p.ends_with("almanac/history"));
        assert_ne!(path, Some(false));
    }
}
