#!/usr/bin/env python3
"""Held-out answer accuracy of `almanac ask --jsonl` on eval/docs and eval/questions.jsonl.

Usage (from the repository root):
    cargo build --release -p almanac && python3 eval/score.py [BINARY] [--json FILE]

BINARY defaults to $CARGO_TARGET_DIR/release/almanac when CARGO_TARGET_DIR is set, else
target/release/almanac. Python 3 standard library only.

Scoring rules:
- when-questions: the answer's `value` must EQUAL the expected TIMEX3 value. An answer whose
  period contains the expected one ("coarser") or lies inside it ("finer") is wrong, and
  counted separately.
- how-much questions: the `value` ("1200000000 USD") must have the same currency and an
  amount within 0.5% of the expected one.
- who/what questions: the `value` must contain the expected text (case and accents ignored).
  A name found only in the answer sentence, not in the value, is wrong and counted separately.
- unanswerable questions (`expect: null`): correct only when almanac abstains (`answer: null`).
"""

import argparse
import calendar
import datetime as dt
import json
import os
import re
import subprocess
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
MONEY_TOLERANCE = 0.005


def default_binary():
    target = os.environ.get("CARGO_TARGET_DIR", "target")
    return os.path.join(target, "release", "almanac")


def fold(text):
    """Lowercase without accents, for name comparison."""
    text = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def period(value):
    """The (first day, last day) a TIMEX3 value covers, or None when it is not a plain period."""
    if not isinstance(value, str):
        return None
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(T.*)?", value)
    if m:
        try:
            d = dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
        return (d, d)
    m = re.fullmatch(r"(\d{4})-(\d{2})", value)
    if m:
        y, mo = int(m[1]), int(m[2])
        if not 1 <= mo <= 12:
            return None
        return (dt.date(y, mo, 1), dt.date(y, mo, calendar.monthrange(y, mo)[1]))
    m = re.fullmatch(r"(\d{4})-W(\d{2})(-WE)?", value)
    if m:
        try:
            start = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
        except ValueError:
            return None
        return (start, start + dt.timedelta(days=6))
    m = re.fullmatch(r"(\d{4})-([HQ])(\d)", value)
    if m:
        y, kind, n = int(m[1]), m[2], int(m[3])
        months = 6 if kind == "H" else 3
        first = (n - 1) * months + 1
        last = first + months - 1
        if last > 12 or n < 1:
            return None
        return (dt.date(y, first, 1), dt.date(y, last, calendar.monthrange(y, last)[1]))
    m = re.fullmatch(r"(\d{4})", value)
    if m:
        y = int(m[1])
        return (dt.date(y, 1, 1), dt.date(y, 12, 31))
    return None


def parse_money(value):
    """`1200000000 USD` -> (1200000000.0, "USD"), else None."""
    if not isinstance(value, str):
        return None
    m = re.fullmatch(r"\s*(-?[\d.]+)\s+([A-Z]{3})\s*", value)
    if not m:
        return None
    try:
        return (float(m[1]), m[2])
    except ValueError:
        return None


def judge(expect, got):
    """Returns (verdict, note): verdict is 'correct', 'wrong', 'abstained' or 'answered-unanswerable'."""
    answered = got is not None and got.get("answer") is not None
    if expect is None:
        return ("correct", "") if not answered else ("answered-unanswerable", "")
    if not answered:
        return ("abstained", "")
    value = got.get("value")
    if "value" in expect:
        want = expect["value"]
        if value == want:
            return ("correct", "")
        pw, pg = period(want), period(value if isinstance(value, str) else None)
        if pw and pg and pw != pg:
            if pg[0] <= pw[0] and pw[1] <= pg[1]:
                return ("wrong", "coarser")
            if pw[0] <= pg[0] and pg[1] <= pw[1]:
                return ("wrong", "finer")
        return ("wrong", "")
    if "amount" in expect:
        money = parse_money(value)
        if money is None:
            return ("wrong", "not money")
        amount, currency = money
        if currency != expect["currency"]:
            want = float(expect["amount"])
            same = want and abs(amount - want) <= MONEY_TOLERANCE * abs(want)
            return ("wrong", "same number, other currency" if same else "other currency")
        want = float(expect["amount"])
        if abs(amount - want) <= MONEY_TOLERANCE * abs(want):
            return ("correct", "")
        return ("wrong", "")
    if "contains" in expect:
        want = fold(expect["contains"])
        if want in fold(value if isinstance(value, str) else ""):
            return ("correct", "")
        if want in fold(got.get("answer")):
            return ("wrong", "name in answer text only")
        return ("wrong", "")
    raise ValueError(f"unknown expectation {expect!r}")


def run_almanac(binary, corpus, questions):
    payload = "".join(
        json.dumps({"id": q["id"], "question": q["question"]}) + "\n" for q in questions
    )
    proc = subprocess.run(
        [binary, "ask", "--jsonl", "--corpus", corpus],
        input=payload,
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        sys.exit(f"score.py: {binary} exited with {proc.returncode}:\n{proc.stderr}")
    answers = {}
    for line in proc.stdout.splitlines():
        if line.strip():
            obj = json.loads(line)
            answers[obj.get("id")] = obj
    return answers


def show(obj):
    return "null" if obj is None else json.dumps(obj, ensure_ascii=False)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("binary", nargs="?", default=default_binary())
    parser.add_argument("--corpus", default=os.path.join(HERE, "docs"))
    parser.add_argument("--questions", default=os.path.join(HERE, "questions.jsonl"))
    parser.add_argument("--json", metavar="FILE", help="also write every result to FILE")
    args = parser.parse_args()

    with open(args.questions, encoding="utf-8") as f:
        questions = [json.loads(line) for line in f if line.strip()]
    answers = run_almanac(args.binary, args.corpus, questions)

    results = []
    for q in questions:
        got = answers.get(q["id"])
        verdict, note = judge(q["expect"], got)
        results.append({"q": q, "got": got, "verdict": verdict, "note": note})

    answerable = [r for r in results if r["q"]["expect"] is not None]
    unanswerable = [r for r in results if r["q"]["expect"] is None]
    answered = [r for r in results if r["got"] and r["got"].get("answer") is not None]
    correct = [r for r in answerable if r["verdict"] == "correct"]
    abstained_right = [r for r in unanswerable if r["verdict"] == "correct"]
    precision = len(correct) / len(answered) if answered else 0.0
    recall = len(correct) / len(answerable) if answerable else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    abstention = len(abstained_right) / len(unanswerable) if unanswerable else 0.0
    notes = {}
    for r in results:
        if r["note"]:
            notes[r["note"]] = notes.get(r["note"], 0) + 1

    print(f"questions      {len(results)} ({len(answerable)} answerable, {len(unanswerable)} unanswerable)")
    print(f"answered       {len(answered)}")
    print(f"abstained      {len(results) - len(answered)}")
    print(f"correct        {len(correct)} of {len(answerable)} answerable")
    print(f"precision      {precision:.3f}  (correct among answered)")
    print(f"recall         {recall:.3f}  (correct among answerable)")
    print(f"F1             {f1:.3f}")
    print(f"abstention     {abstention:.3f}  ({len(abstained_right)} of {len(unanswerable)} unanswerable abstained)")
    for verdict in ("wrong", "abstained", "answered-unanswerable"):
        print(f"  {verdict:<22} {sum(1 for r in results if r['verdict'] == verdict)}")
    for note, n in sorted(notes.items()):
        print(f"  of which {note:<28} {n}")

    failures = [r for r in results if r["verdict"] != "correct"]
    print(f"\nfailures ({len(failures)}):")
    for r in failures:
        q, got = r["q"], r["got"] or {}
        source = got.get("source") or {}
        note = f" [{r['note']}]" if r["note"] else ""
        print(f"\n{q['id']} {r['verdict']}{note}: {q['question']}")
        print(f"  expected  {show(q['expect'])}")
        print(f"  got       value={show(got.get('value'))} confidence={got.get('confidence')}")
        if got.get("answer") is not None:
            print(f"  answer    {got['answer']}")
        if source:
            print(f"  source    {source.get('doc')} ({source.get('date')})")
            print(f"  sentence  {source.get('sentence')}")

    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(
                {
                    "precision": precision,
                    "recall": recall,
                    "f1": f1,
                    "abstention_accuracy": abstention,
                    "results": results,
                },
                f,
                ensure_ascii=False,
                indent=1,
            )


if __name__ == "__main__":
    main()
