//! Drives `almanac index` and `almanac ask --index` through the real binary: answers from an
//! index equal answers from the same files read in memory; re-indexing is incremental; an
//! index whose last transaction was rolled back still opens.

use std::path::Path;
use std::process::{Command, Output, Stdio};

use rusqlite::Connection;

mod common;
use common::{fixtures, scratch};

/// Runs `almanac ARGS` with `input` on stdin.
fn run(args: &[&str], input: &[u8]) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_almanac"))
        .args(args)
        .env("NO_COLOR", "1")
        .env("HOME", std::env::temp_dir())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the almanac binary runs");
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(input).expect("stdin accepts the input");
    }
    child.wait_with_output().expect("almanac exits")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn s(path: &Path) -> &str {
    path.to_str().expect("temp paths are UTF-8")
}

/// Indexes `paths` into `dir` and returns the summary line (stderr's last line).
fn index(paths: &[&Path], dir: &Path) -> String {
    let mut args = vec!["index"];
    args.extend(paths.iter().map(|p| s(p)));
    args.extend(["--index", s(dir)]);
    let out = run(&args, b"");
    let stderr = text(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    stderr.lines().last().unwrap_or_default().to_owned()
}

/// The questions of `fixtures/questions/NAME` as `--jsonl` input.
fn questions(names: &[&str]) -> String {
    let mut out = String::new();
    for (n, name) in names.iter().enumerate() {
        let file = std::fs::read_to_string(fixtures().join("questions").join(name))
            .expect("question fixture");
        for (i, q) in file
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .enumerate()
        {
            let line = serde_json::json!({"id": format!("{n}.{i}"), "question": q});
            out.push_str(&line.to_string());
            out.push('\n');
        }
    }
    out
}

/// Asks every question of `names` with `source` args (`--corpus ...` or `--index DIR`),
/// in one `--jsonl` session, and returns the answer lines.
fn answers(source: &[&str], names: &[&str]) -> String {
    let mut args = vec!["ask", "--jsonl"];
    args.extend(source);
    let out = run(&args, questions(names).as_bytes());
    assert!(out.status.success(), "{}", text(&out.stderr));
    text(&out.stdout)
}

/// Every row of every table (with rowids), to see whether anything was touched.
fn dump(dir: &Path) -> Vec<String> {
    let conn = Connection::open(dir.join("almanac.sqlite")).expect("the index opens");
    let mut out = Vec::new();
    for (table, order) in [
        ("meta", "rowid"),
        ("files", "rowid"),
        ("documents", "rowid"),
        ("heads", "rowid"),
        ("diagnostics", "rowid"),
        ("facts", "rowid"),
        ("sentences", "rowid"),
        ("terms", "id"),
        ("postings", "term, segment"),
        ("staged_postings", "segment, term"),
        ("words", "word"),
        ("dead", "first_sentence"),
        ("merged_facts", "part, data"),
        ("dirty_parts", "part"),
    ] {
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM {table} ORDER BY {order}"))
            .expect("table exists");
        let columns = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                let values: Vec<rusqlite::types::Value> =
                    (0..columns).map(|i| r.get(i)).collect::<Result<_, _>>()?;
                Ok(format!("{table} {values:?}"))
            })
            .expect("rows")
            .collect::<Result<Vec<_>, _>>()
            .expect("rows read");
        out.extend(rows);
    }
    out
}

/// One value of a query.
fn count(dir: &Path, sql: &str) -> i64 {
    let conn = Connection::open(dir.join("almanac.sqlite")).expect("the index opens");
    conn.query_row(sql, [], |r| r.get(0)).expect("query")
}

/// Copies the files of `from` (not recursive) into `to`.
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read_dir").flatten() {
        std::fs::copy(entry.path(), to.join(entry.file_name())).expect("copy");
    }
}

#[test]
fn answers_from_an_index_of_the_seeds_equal_answers_from_the_files() {
    let dir = scratch("seeds");
    let seeds = fixtures().join("seeds");
    let summary = index(&[&seeds], &dir);
    assert!(
        summary.contains(
            "5 files: 5 added, 0 changed, 0 unchanged, 0 removed, 0 failed; 5 documents read"
        ),
        "{summary}"
    );
    let names = [
        "seeds_amounts.txt",
        "seeds_followups.txt",
        "seeds_restrictions.txt",
        "seeds_who.txt",
        "unanswerable.txt",
    ];
    let from_files = answers(&["--corpus", s(&seeds)], &names);
    let from_index = answers(&["--index", s(&dir)], &names);
    assert!(from_files.lines().count() > 30, "{from_files}");
    assert!(
        from_files.lines().any(|l| !l.contains(r#""answer":null"#)),
        "some questions are answered: {from_files}"
    );
    assert_eq!(from_index, from_files);
    // --json adds the citation, alternatives and nearby facts
    for q in [
        "when did Japan lift export restrictions on South Korea?",
        "how much did DuPont plan to invest in South Korea?",
    ] {
        let files = run(&["ask", "--json", "--corpus", s(&seeds), q], b"");
        let indexed = run(&["ask", "--json", "--index", s(&dir), q], b"");
        assert!(indexed.status.success(), "{}", text(&indexed.stderr));
        assert_eq!(text(&indexed.stdout), text(&files.stdout));
    }
    // facts and timeline read the merged facts from the index
    for args in [
        &["facts"][..],
        &["facts", "--json"][..],
        &["timeline"][..],
        &["timeline", "Japan"][..],
    ] {
        let mut files = args.to_vec();
        let mut indexed = args.to_vec();
        if args[0] == "facts" {
            files.push(s(&seeds));
        } else {
            files.extend(["--corpus", s(&seeds)]);
        }
        indexed.extend(["--index", s(&dir)]);
        let files = run(&files, b"");
        let indexed = run(&indexed, b"");
        assert!(indexed.status.success(), "{}", text(&indexed.stderr));
        assert!(text(&files.stdout).lines().count() > 3, "{args:?}");
        assert_eq!(text(&indexed.stdout), text(&files.stdout), "{args:?}");
    }
    // the piped REPL answers from the index too
    let repl = run(
        &["--index", s(&dir)],
        b"how much did DuPont plan to invest in South Korea?\n",
    );
    assert!(
        text(&repl.stdout).contains("$28 million"),
        "{}",
        text(&repl.stdout)
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn answers_from_an_index_of_feeds_pages_and_damaged_files_equal_answers_from_the_files() {
    let dir = scratch("formats");
    let formats = fixtures().join("formats");
    let articles = fixtures().join("articles");
    let damaged = fixtures().join("damaged");
    let summary = index(&[&formats, &articles, &damaged], &dir);
    assert!(
        summary.contains(" 0 changed, 0 unchanged, 0 removed, "),
        "{summary}"
    );
    assert!(
        !summary.contains(" 0 failed"),
        "damaged files fail: {summary}"
    );
    let names = ["formats.txt", "articles.txt", "unanswerable.txt"];
    let corpus = [
        "--corpus",
        s(&formats),
        "--corpus",
        s(&articles),
        "--corpus",
        s(&damaged),
    ];
    let from_files = answers(&corpus, &names);
    let from_index = answers(&["--index", s(&dir)], &names);
    assert_eq!(from_index, from_files);
    // a feed's items keep their own rows, in order
    assert!(
        count(
            &dir,
            "SELECT count(*) FROM documents WHERE path LIKE '%trade_feed.xml#2'"
        ) == 1
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn copies_of_articles_under_other_dates_give_the_facts_and_answers_of_the_files() {
    // each dated article five times, four of them re-dated: the reading threads meet every
    // sentence again and reuse what they kept of it, with each copy's own date
    let root = scratch("copies");
    let corpus = root.join("corpus");
    let dir = root.join("idx");
    copy_dir(&fixtures().join("articles"), &corpus);
    let mut copies = 0;
    for entry in std::fs::read_dir(fixtures().join("articles"))
        .expect("read_dir")
        .flatten()
    {
        let original = std::fs::read_to_string(entry.path()).expect("fixture");
        if !original.lines().any(|l| l.starts_with("Published: ")) {
            continue;
        }
        for date in ["2019-11-20", "2025-02-14", "2021-06-30", "2008-01-09"] {
            let copy: String = original
                .lines()
                .map(|l| match l.starts_with("Published: ") {
                    true => format!("Published: {date}\n"),
                    false => format!("{l}\n"),
                })
                .collect();
            let name = entry.file_name().to_string_lossy().replace(".txt", "");
            std::fs::write(corpus.join(format!("{name}-{date}.txt")), copy).expect("write");
            copies += 1;
        }
    }
    assert!(copies >= 20, "{copies} copies");
    index(&[&corpus], &dir);
    let facts = |source: &[&str]| {
        let mut args = vec!["facts", "--json"];
        args.extend(source);
        let out = run(&args, b"");
        assert!(out.status.success(), "{}", text(&out.stderr));
        text(&out.stdout)
    };
    let from_files = facts(&[s(&corpus)]);
    assert!(
        from_files.contains("2019-11"),
        "the copies' dates resolve their times"
    );
    assert_eq!(facts(&["--index", s(&dir)]), from_files);
    let names = ["articles.txt", "unanswerable.txt"];
    assert_eq!(
        answers(&["--index", s(&dir)], &names),
        answers(&["--corpus", s(&corpus)], &names)
    );
    std::fs::remove_dir_all(&root).ok();
}

/// `(rowid, part, data)` of every merged fact, in rowid order: a partition merged again
/// has its rows deleted and inserted anew.
fn merged_rows(dir: &Path) -> Vec<(i64, String, String)> {
    let conn = Connection::open(dir.join("almanac.sqlite")).expect("the index opens");
    let mut stmt = conn
        .prepare("SELECT rowid, part, data FROM merged_facts ORDER BY rowid")
        .expect("merged_facts");
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("rows read")
}

#[test]
fn a_feed_saved_again_merges_only_the_partitions_whose_facts_changed() {
    let root = scratch("feed-again");
    let corpus = root.join("corpus");
    let dir = root.join("idx");
    copy_dir(&fixtures().join("formats"), &corpus);
    copy_dir(&fixtures().join("articles"), &corpus);
    let feed = corpus.join("trade_feed.xml");
    index(&[&corpus], &dir);
    let before = merged_rows(&dir);
    let feed_parts = "SELECT count(DISTINCT part) FROM facts WHERE file LIKE '%trade_feed.xml'";
    assert!(count(&dir, feed_parts) >= 2, "the feed has facts");
    assert!(before.len() > 20, "{} merged facts", before.len());

    // saved again with a comment after the feed: its items, and so its facts, are the same
    let original = std::fs::read_to_string(&feed).expect("fixture");
    std::fs::write(&feed, format!("{original}<!-- saved again -->\n")).expect("write");
    let summary = index(&[&corpus], &dir);
    assert!(summary.contains(" 1 changed, "), "{summary}");
    assert_eq!(merged_rows(&dir), before, "no partition was merged again");

    // one item's amount changes: its facts' partitions are merged again, no other
    let parts = |dir: &Path| {
        let conn = Connection::open(dir.join("almanac.sqlite")).expect("the index opens");
        let mut stmt = conn
            .prepare("SELECT part FROM facts WHERE file LIKE '%trade_feed.xml'")
            .expect("facts");
        stmt.query_map([], |r| r.get::<_, String>(0))
            .expect("rows")
            .collect::<Result<Vec<_>, _>>()
            .expect("rows read")
    };
    let mut touched = parts(&dir);
    assert!(original.contains("17.4%"));
    std::fs::write(&feed, original.replace("17.4%", "19.2%")).expect("write");
    index(&[&corpus], &dir);
    touched.extend(parts(&dir));
    let after = merged_rows(&dir);
    let kept = |rows: &[(i64, String, String)]| {
        rows.iter()
            .filter(|(_, part, _)| !touched.contains(part))
            .cloned()
            .collect::<Vec<_>>()
    };
    assert_eq!(
        kept(&after),
        kept(&before),
        "other partitions are untouched"
    );
    assert_ne!(
        after, before,
        "the changed item's partition was merged again"
    );
    assert!(after.iter().any(|(_, _, data)| data.contains("19.2")));
    // and the index answers as the files do now
    let facts = |source: &[&str]| {
        let mut args = vec!["facts", "--json"];
        args.extend(source);
        text(&run(&args, b"").stdout)
    };
    assert_eq!(facts(&["--index", s(&dir)]), facts(&[s(&corpus)]));
    std::fs::remove_dir_all(&root).ok();
}

#[test]
fn an_unchanged_reindex_changes_nothing() {
    let root = scratch("unchanged");
    let corpus = root.join("corpus");
    let dir = root.join("idx");
    copy_dir(&fixtures().join("seeds"), &corpus);
    index(&[&corpus], &dir);
    let before = dump(&dir);
    assert!(before.iter().any(|r| r.starts_with("sentences ")));
    let summary = index(&[&corpus], &dir);
    assert!(
        summary.contains(
            "5 files: 0 added, 0 changed, 5 unchanged, 0 removed, 0 failed; 0 documents read"
        ),
        "{summary}"
    );
    assert_eq!(dump(&dir), before);
    std::fs::remove_dir_all(&root).ok();
}

#[test]
fn a_changed_file_is_replaced_a_deleted_one_removed_a_touched_one_rehashed() {
    let root = scratch("changes");
    let corpus = root.join("corpus");
    let dir = root.join("idx");
    let seeds = fixtures().join("seeds");
    copy_dir(&seeds, &corpus);
    index(&[&corpus], &dir);
    let changed = corpus.join("000_995283c400f30fe9.txt");
    let deleted = corpus.join("001_f4b749e8b3f4725b.txt");
    let touched = corpus.join("002_4515d25080c795cf.txt");
    let mut body = std::fs::read_to_string(&changed).expect("seed");
    body.push_str("\nThe Zanzibar ferry company bought three boats for $12 million.\n");
    std::fs::write(&changed, body).expect("write");
    std::fs::remove_file(&deleted).expect("rm");
    // same bytes, new modification time
    let bytes = std::fs::read(&touched).expect("seed");
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(&touched, bytes).expect("write");
    let sentences = count(&dir, "SELECT count(*) FROM sentences");

    let summary = index(&[&corpus], &dir);
    assert!(
        summary.contains("4 files: 0 added, 1 changed, 3 unchanged (1 with new times, re-hashed), 1 removed, 0 failed; 1 documents read"),
        "{summary}"
    );
    let like = |name: &Path| {
        format!(
            "'%{}'",
            name.file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default()
        )
    };
    for table in ["documents", "heads", "facts", "diagnostics"] {
        let sql = format!(
            "SELECT count(*) FROM {table} WHERE file LIKE {}",
            like(&deleted)
        );
        assert_eq!(count(&dir, &sql), 0, "{table}");
    }
    // every sentence left is a live document's
    let orphans = "SELECT count(*) FROM sentences s LEFT JOIN heads h USING (doc)
                   WHERE h.doc IS NULL
                       OR s.id NOT BETWEEN h.first_sentence
                           AND h.first_sentence + h.sentence_count - 1";
    assert_eq!(count(&dir, orphans), 0);
    assert_eq!(count(&dir, "SELECT count(*) FROM files"), 4);
    assert_eq!(count(&dir, "SELECT count(*) FROM documents"), 4);
    let sql = format!(
        "SELECT count(*) FROM sentences s JOIN heads h USING (doc)
         WHERE s.text LIKE '%Zanzibar%' AND h.file LIKE {}",
        like(&changed)
    );
    assert_eq!(count(&dir, &sql), 1);
    assert!(count(&dir, "SELECT count(*) FROM sentences") < sentences);
    // two of five documents went stale, more than a quarter of the live sentences: the
    // posting blobs were rewritten without them
    assert_eq!(count(&dir, "SELECT count(*) FROM dead"), 0);
    // and the answers are those of the files as they are now
    let from_files = answers(&["--corpus", s(&corpus)], &["seeds_amounts.txt"]);
    assert_eq!(
        answers(&["--index", s(&dir)], &["seeds_amounts.txt"]),
        from_files
    );
    let q = "how much did the Zanzibar ferry company pay for three boats?";
    let files = run(&["ask", "--json", "--corpus", s(&corpus), q], b"");
    let indexed = run(&["ask", "--json", "--index", s(&dir), q], b"");
    assert_eq!(text(&indexed.stdout), text(&files.stdout));
    std::fs::remove_dir_all(&root).ok();
}

#[test]
fn an_index_whose_last_transaction_was_rolled_back_still_opens() {
    let dir = scratch("rolled-back");
    let seeds = fixtures().join("seeds");
    index(&[&seeds], &dir);
    let before = answers(&["--index", s(&dir)], &["seeds_amounts.txt"]);
    {
        // a run that dies in the middle of a batch: its transaction never commits
        let mut conn = Connection::open(dir.join("almanac.sqlite")).expect("the index opens");
        let tx = conn.transaction().expect("begin");
        tx.execute("DELETE FROM documents", []).expect("delete");
        tx.execute("DELETE FROM heads", []).expect("delete");
        tx.execute("DELETE FROM files", []).expect("delete");
        tx.execute(
            "INSERT INTO documents (file, item, id, path, format, data) VALUES ('x', 0, 'x', 'x', 'x', 'not json')",
            [],
        )
        .expect("insert");
        drop(tx);
        drop(conn);
    }
    assert_eq!(
        answers(&["--index", s(&dir)], &["seeds_amounts.txt"]),
        before
    );
    let summary = index(&[&seeds], &dir);
    assert!(summary.contains("5 unchanged"), "{summary}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn an_index_left_with_staged_postings_and_no_deferred_indexes_answers_as_the_files_do() {
    let dir = scratch("staged");
    let articles = fixtures().join("articles");
    index(&[&articles], &dir);
    let names = ["articles.txt", "unanswerable.txt"];
    let from_files = answers(&["--corpus", s(&articles)], &names);
    {
        // what a run interrupted after its second transaction leaves: postings in the staging
        // table (here those of half the terms), and the indexes it drops while it writes gone
        let conn = Connection::open(dir.join("almanac.sqlite")).expect("the index opens");
        conn.execute_batch(
            "INSERT INTO staged_postings (segment, term, data)
                 SELECT segment, term, data FROM postings WHERE term % 2 = 0;
             DELETE FROM postings WHERE term % 2 = 0;
             DROP INDEX documents_id;
             DROP INDEX facts_part;",
        )
        .expect("staged");
    }
    assert!(count(&dir, "SELECT count(*) FROM staged_postings") > 0);
    assert!(count(&dir, "SELECT count(*) FROM postings") > 0);
    assert_eq!(answers(&["--index", s(&dir)], &names), from_files);
    // the next run moves them and builds the indexes again
    let summary = index(&[&articles], &dir);
    assert!(summary.contains(" 0 added, 0 changed, "), "{summary}");
    assert_eq!(count(&dir, "SELECT count(*) FROM staged_postings"), 0);
    assert_eq!(
        count(
            &dir,
            "SELECT count(*) FROM sqlite_schema WHERE name IN ('documents_id', 'facts_part')"
        ),
        2
    );
    assert_eq!(answers(&["--index", s(&dir)], &names), from_files);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn index_and_corpus_together_is_an_error_and_a_missing_index_is_named() {
    let out = run(
        &["ask", "--index", "/nonexistent", "--corpus", "x", "when?"],
        b"",
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("'--index <DIR>' cannot be used with '--corpus <PATH>'"),
        "{stderr}"
    );
    let out = run(&["--index", "/nonexistent", "--corpus", "x"], b"");
    assert_eq!(out.status.code(), Some(2));
    let out = run(&["ask", "--index", "/nonexistent/idx", "when?"], b"");
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("no index in /nonexistent/idx (create one with `almanac index PATH... --index /nonexistent/idx`)"),
        "{stderr}"
    );
}

#[test]
fn the_gazetteer_given_when_indexing_serves_the_questions_asked_of_the_index() {
    let corpus = fixtures().join("gazetteer");
    let names = corpus.join("user.tsv");
    let doc = corpus.join("quillon_buys_arvex.txt");
    let q = "When did QDX buy Arvex?";
    let plain = scratch("gazetteer-plain");
    index(&[&doc], &plain);
    let out = run(&["ask", "--json", "--index", s(&plain), q], b"");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains(r#""answer": null"#),
        "{}",
        text(&out.stdout)
    );
    // indexed with the user's names: the index answers as `ask --gazetteer` over the file does
    let named = scratch("gazetteer-named");
    let out = run(
        &[
            "index",
            s(&doc),
            "--index",
            s(&named),
            "--gazetteer",
            s(&names),
        ],
        b"",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let indexed = run(&["ask", "--json", "--index", s(&named), q], b"");
    let files = run(
        &[
            "ask",
            "--json",
            "--corpus",
            s(&doc),
            "--gazetteer",
            s(&names),
            q,
        ],
        b"",
    );
    assert!(
        !text(&files.stdout).contains(r#""answer": null"#),
        "{}",
        text(&files.stdout)
    );
    assert_eq!(text(&indexed.stdout), text(&files.stdout));
    // the same index again without the names re-reads the file, and forgets them
    let again = index(&[&doc], &named);
    assert!(again.contains("1 changed"), "{again}");
    let out = run(&["ask", "--json", "--index", s(&named), q], b"");
    assert!(
        text(&out.stdout).contains(r#""answer": null"#),
        "{}",
        text(&out.stdout)
    );
    // a gazetteer for questions alone cannot disagree with the index's
    let out = run(
        &["ask", "--index", s(&named), "--gazetteer", s(&names), q],
        b"",
    );
    assert_eq!(out.status.code(), Some(2));
    std::fs::remove_dir_all(&plain).ok();
    std::fs::remove_dir_all(&named).ok();
}

#[test]
fn after_a_reindex_a_tie_between_copies_cites_the_copy_reading_the_files_cites() {
    let root = scratch("ties");
    let corpus = root.join("corpus");
    let dir = root.join("idx");
    std::fs::create_dir_all(&corpus).expect("mkdir");
    // three wire copies of one report, each with its own other news
    let report = "The harbour board counted 240 idle cranes at the western docks.";
    for (name, other) in [
        ("a.txt", "Ferry crews met the port owners on Tuesday."),
        ("b.txt", "The fish market opened an hour later than usual."),
        ("c.txt", "A new tug boat joined the fleet last week."),
    ] {
        std::fs::write(corpus.join(name), format!("{other}\n\n{report}\n")).expect("write");
    }
    index(&[&corpus], &dir);
    // the first file changes: its sentences get new ids, after those of the other two
    let first = corpus.join("a.txt");
    let mut body = std::fs::read_to_string(&first).expect("written");
    body.push_str("\nThe lighthouse keeper retired after forty years.\n");
    std::fs::write(&first, body).expect("write");
    let summary = index(&[&corpus], &dir);
    assert!(summary.contains("1 changed"), "{summary}");
    for q in [
        "how many idle cranes did the harbour board count?",
        "how many cranes were idle?",
    ] {
        let files = run(&["ask", "--json", "--corpus", s(&corpus), q], b"");
        let indexed = run(&["ask", "--json", "--index", s(&dir), q], b"");
        let (files, indexed) = (text(&files.stdout), text(&indexed.stdout));
        assert!(files.contains("a.txt"), "{q}: {files}");
        assert_eq!(indexed, files, "{q}");
    }
    std::fs::remove_dir_all(&root).ok();
}
