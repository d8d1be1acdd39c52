//! Drives the real `almanac` binary: `--corpus` arguments, the bundled corpus, a closed
//! stdout, folders with FIFOs and symlink loops, and invalid UTF-8 lines in both JSONL modes.

use std::io::{Read, Write};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

mod common;
use common::{fixtures, scratch};

fn almanac(args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_almanac"));
    cmd.args(args)
        .env("NO_COLOR", "1")
        .env("HOME", std::env::temp_dir())
        .stdin(Stdio::null());
    cmd
}

/// Runs `almanac ARGS` with `input` on stdin; fails the test if it runs over 60 s (a FIFO
/// opened by mistake would block forever).
fn check(args: &[&str], input: &[u8]) -> Output {
    let mut child = almanac(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the almanac binary runs");
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(input).expect("stdin accepts the input");
    }
    let started = Instant::now();
    while child.try_wait().ok().flatten().is_none() {
        if started.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("almanac {args:?} did not finish in 60 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("almanac exits")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn ask_takes_the_question_after_one_corpus_path() {
    let seeds = fixtures().join("seeds");
    let seeds = seeds.to_str().unwrap_or_default();
    let question = "when did Japan lift export restrictions on South Korea?";
    let out = check(&["ask", "--corpus", seeds, question], b"");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("March 2023"),
        "{}",
        text(&out.stdout)
    );
    // --corpus repeats, one path each; the question still comes last
    let formats = fixtures().join("formats");
    let formats = formats.to_str().unwrap_or_default();
    let out = check(
        &[
            "ask", "--corpus", seeds, "--corpus", formats, "--json", question,
        ],
        b"",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let answer: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("--json prints one object");
    assert!(
        answer["answer"]
            .as_str()
            .is_some_and(|a| a.contains("March 2023"))
    );
}

#[test]
fn the_bundled_corpus_is_the_five_seeds() {
    let out = check(&["facts"], b"");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.trim_end().ends_with("from 5 document(s)"),
        "{stdout}"
    );
    assert!(!stdout.contains("fixtures/formats/") && !stdout.contains("fixtures/articles/"));
}

#[test]
fn a_closed_stdout_ends_every_command_quietly() {
    let seeds = fixtures().join("seeds");
    let seeds = seeds.to_str().unwrap_or_default();
    for args in [
        &["facts"][..],
        &["facts", "--json"],
        &["timeline"],
        &["parse", seeds],
        &["parse", "--json", seeds],
        &[
            "ask",
            "when did Japan lift export restrictions on South Korea?",
        ],
    ] {
        let mut child = almanac(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the almanac binary runs");
        // like `| head -c 1`: read one byte, then close the pipe before the rest is written
        let mut first = [0u8; 1];
        if let Some(mut stdout) = child.stdout.take() {
            let _ = stdout.read(&mut first);
        }
        let out = child.wait_with_output().expect("almanac exits");
        assert!(
            out.status.success(),
            "almanac {args:?}: {:?} {}",
            out.status,
            text(&out.stderr)
        );
        assert!(
            !text(&out.stderr).contains("panicked"),
            "{}",
            text(&out.stderr)
        );
    }
}

#[cfg(unix)]
#[test]
fn folders_with_fifos_and_symlink_loops_are_read_without_blocking() {
    let dir = scratch("walk");
    std::fs::create_dir_all(dir.join("sub")).unwrap_or_default();
    std::fs::write(dir.join("sub/story.txt"), "The council opened a library.\n")
        .unwrap_or_default();
    std::os::unix::fs::symlink("..", dir.join("sub/up")).unwrap_or_default();
    let fifo = Command::new("mkfifo").arg(dir.join("sub/pipe")).status();
    assert!(fifo.is_ok_and(|s| s.success()), "mkfifo works");
    let out = check(&["parse", dir.to_str().unwrap_or_default()], b"");
    let stdout = text(&out.stdout);
    let _ = std::fs::remove_dir_all(&dir);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(stdout.contains("sub/story.txt  [plain-text]"), "{stdout}");
    assert!(
        stdout.contains("sub/pipe: warning: a FIFO (named pipe), skipped"),
        "{stdout}"
    );
    assert!(
        stdout.contains("sub/up: warning: symlink loop: leads back to"),
        "{stdout}"
    );
    assert!(
        stdout.contains("walk: 1 FIFOs/sockets/devices skipped, 1 symlink loops not followed"),
        "{stdout}"
    );
}

#[test]
fn ask_jsonl_answers_every_line_after_an_invalid_utf8_one() {
    let input = b"{\"id\":1,\"question\":\"when did Japan lift export restrictions on South Korea?\"}\n\
                  {\"id\":2,\"question\":\"when did caf\xe9 open?\"}\n\
                  \xff\xfe\n\
                  {\"id\":4,\"question\":\"when did Japan lift export restrictions on South Korea?\"}\n";
    let out = check(&["ask", "--jsonl"], input);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let lines: Vec<serde_json::Value> = text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert_eq!(lines.len(), 4, "{lines:?}");
    assert!(lines[0]["answer"].is_string() && lines[0].get("error").is_none());
    assert_eq!(
        (lines[1]["id"].clone(), lines[1]["line"].clone()),
        (2.into(), 2.into())
    );
    assert!(
        lines[1]["error"]
            .as_str()
            .is_some_and(|e| e.starts_with("invalid UTF-8"))
    );
    assert!(lines[1]["answer"].is_null());
    assert_eq!(lines[2]["line"], 3);
    assert!(lines[2]["error"].is_string());
    assert_eq!(lines[3]["id"], 4);
    assert!(lines[3]["answer"].is_string());
}

#[test]
fn annotate_jsonl_answers_every_line_after_an_invalid_utf8_one() {
    let input = b"{\"id\":\"a\",\"text\":\"caf\xe9 in May 2020\"}\n\
                  {\"id\":\"b\",\"text\":\"Sales rose in 2019.\"}\n";
    let out = check(&["annotate", "--jsonl"], input);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let lines: Vec<serde_json::Value> = text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert_eq!(lines[0]["id"], "a");
    assert_eq!(lines[0]["line"], 1);
    assert!(
        lines[0]["error"]
            .as_str()
            .is_some_and(|e| e.starts_with("invalid UTF-8"))
    );
    assert_eq!(lines[1]["times"][0]["value"], "2019");
}

#[test]
fn the_piped_repl_goes_on_after_an_invalid_utf8_line() {
    let input = b"when did caf\xe9 open?\n\
                  when did Japan lift export restrictions on South Korea?\n";
    let out = check(&[], input);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.starts_with("error: line 1: invalid UTF-8 at byte 12 (0xe9); line skipped"),
        "{stdout}"
    );
    assert!(stdout.contains("March 2023"), "{stdout}");
}
