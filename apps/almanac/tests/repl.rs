//! Drives the real `almanac` binary's REPL: with piped stdin (one question a line, no
//! prompt) and in a pseudo-terminal (prompt, answer, history, Ctrl-D). HOME and
//! XDG_DATA_HOME point to a fresh folder so the user's own history is never touched.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

mod common;
use common::scratch;

fn almanac(home: &PathBuf) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_almanac"));
    cmd.env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("NO_COLOR", "1")
        .env("TERM", "xterm");
    cmd
}

/// Pipes `input` to the REPL and returns what it printed on stdout.
fn check_piped(input: &str) -> String {
    let home = scratch("piped");
    let mut child = almanac(&home)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the almanac binary runs");
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(input.as_bytes())
            .expect("stdin accepts the questions");
    }
    let out = child.wait_with_output().expect("the REPL exits");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        !home.join("data/almanac/history").exists(),
        "piped input keeps no history"
    );
    String::from_utf8(out.stdout).unwrap_or_default()
}

#[test]
fn piped_stdin_answers_one_question_a_line() {
    let out = check_piped(
        "when did Japan lift export restrictions on South Korea?\n\
         :why\n\
         when did China lift restrictions?\n\
         :quit\n\
         how much did DuPont invest?\n",
    );
    let first = out.find("March 2023: Japan lifted export restrictions on South Korea.");
    let why = out.find("question: \"when did Japan lift export restrictions on South Korea?\"");
    let abstain = out.find("I don't know");
    assert!(first.is_some() && why > first && abstain > why, "{out}");
    assert!(out.contains("event class: lift"), "{out}");
    // Nothing after :quit is answered, and no prompt or color reaches a pipe.
    assert!(!out.contains("DuPont plans"), "{out}");
    assert!(!out.contains("almanac>") && !out.contains('\x1b'), "{out}");
}

#[test]
fn terminal_session_prompts_answers_clears_on_ctrl_c_keeps_history_and_quits_on_ctrl_d() {
    let home = scratch("pty");
    let mut p = rexpect::session::spawn_command(almanac(&home), Some(30_000))
        .expect("the REPL starts in a pseudo-terminal");
    p.exp_string("almanac> ").expect("a prompt");
    p.send_line("when did tokyo remove the curbs on seoul")
        .expect("a question is typed");
    p.exp_string("March 2023").expect("the answer");
    p.exp_string("almanac> ").expect("a new prompt");
    p.send_line(":help").expect("a command is typed");
    p.exp_string(":timeline").expect("the help");
    p.exp_string("almanac> ").expect("a new prompt");
    // Ctrl-C clears a half-typed line and keeps the REPL open.
    p.send("how much did").expect("half a question is typed");
    p.send_control('c').expect("Ctrl-C is sent");
    p.exp_string("almanac> ")
        .expect("a fresh prompt after Ctrl-C");
    p.send_line(":why").expect("a command is typed");
    p.exp_string("event class: lift")
        .expect("the last answer is still explained");
    p.exp_string("almanac> ").expect("a new prompt");
    p.send_control('d').expect("Ctrl-D is sent");
    p.exp_eof().expect("the REPL exits");
    let history = std::fs::read_to_string(home.join("data/almanac/history")).unwrap_or_default();
    assert!(
        history.contains("when did tokyo remove the curbs on seoul"),
        "{history:?}"
    );
}
