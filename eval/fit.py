#!/usr/bin/env python3
"""Fit the evidence reader's weights and show their calibration, on labelled question sets.

Usage (from the repository root):
    cargo build --release -p almanac-ask --example evidence_features
    python3 eval/fit.py [--fit] SET...

A SET is NAME=DOCS_DIR:QUESTIONS_JSONL. Question lines use either the development-set format
(`{"expect": {"value", "any_of"}, "answerable"}`, as in fixtures/qa/questions.jsonl) or the
eval/ format (`{"expect": null | {"value"} | {"amount","currency"} | {"contains"}}`).

For every question the example binary prints the evidence candidates `:why` shows (their
named features, margin and confidence). Each candidate is labelled right or wrong against the
expectation.
- `--fit` fits the ranking weights as a conditional logit per question (the right candidates
  should outscore the others of the same question; standard library only, gradient descent)
  and prints them for `WEIGHTS` in crates/almanac-ask/src/reader.rs.
- `--calibrate` fits the answer-level logistic calibration of the best candidate (score,
  missing, missing_rare, coverage, margin; unanswerable questions count as wrong) and prints it
  for `CALIBRATION`.
- `--logistic` fits a plain per-candidate logistic regression (for comparison).
- Without a flag it reports, with the weights compiled in: accuracy per set (`-v` lists the
  wrong answers), a calibration table of the answers' confidence, and precision, accuracy and
  answered-unanswerable counts for each evidence threshold.
"""

import json
import math
import os
import subprocess
import sys

FEATURES = ["retrieval", "coverage", "context", "missing", "missing_rare", "proximity",
            "unit", "cue", "fact", "agree", "resolved", "constraint"]
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
TOL = 0.005


def binary():
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    return os.path.join(target, "release", "examples", "evidence_features")


def number(x):
    if isinstance(x, bool) or x is None:
        return None
    if isinstance(x, (int, float)):
        return float(x)
    s = str(x).replace(",", "").strip().split(" ")[0].rstrip("%")
    try:
        return float(s)
    except ValueError:
        return None


def expectation(q):
    """(answerable, value, any_of, currency)"""
    e = q.get("expect")
    if e is None:
        return False, None, [], None
    if "answerable" in q and not q["answerable"]:
        return False, None, [], None
    if "amount" in e:
        return True, e["amount"], [], e.get("currency")
    if "contains" in e:
        return True, None, [e["contains"]], None
    value = e.get("value")
    any_of = e.get("any_of") or []
    if value is None and not any_of:
        return False, None, [], None
    return True, value, any_of, None


def matches(exp, text, value):
    ok, want, any_of, currency = exp
    if not ok:
        return False
    if want is not None and value is not None:
        if isinstance(want, str):
            if want.strip().lower() == str(value).strip().lower():
                return True
        else:
            got = number(value)
            if got is not None and abs(got - want) <= TOL * abs(want):
                if currency is None or str(value).endswith(currency):
                    return True
    hay = " ".join(str(x) for x in (text, value) if x).lower()
    return any(s and s.lower() in hay for s in any_of)


def run_set(spec):
    name, rest = spec.split("=", 1)
    docs, questions = rest.rsplit(":", 1)
    qs = [json.loads(l) for l in open(questions) if l.strip()]
    inp = "".join(json.dumps({"id": q["id"], "question": q["question"]}) + "\n" for q in qs)
    out = subprocess.run([binary(), docs], input=inp, capture_output=True, text=True,
                         check=True).stdout
    answers = {a["id"]: a for a in map(json.loads, out.splitlines())}
    return name, [(q, answers.get(q["id"])) for q in qs]


def compiled_weights():
    import re
    text = open(os.path.join(ROOT, "crates/almanac-ask/src/reader.rs")).read()
    block = re.search(r"pub const WEIGHTS.*?\n\];", text, re.S).group(0)
    return [float(v) for v in re.findall(r'\("\w+", (-?[0-9.]+)\)', block)]


def sigmoid(z):
    return 1 / (1 + math.exp(-max(-30, min(30, z))))


def fit(rows, l2=0.01, steps=4000, rate=0.5):
    n = len(rows[0][0])
    w = [0.0] * (n + 1)
    for _ in range(steps):
        grad = [0.0] * (n + 1)
        for x, y in rows:
            p = sigmoid(w[0] + sum(wi * xi for wi, xi in zip(w[1:], x)))
            d = p - y
            grad[0] += d
            for i in range(n):
                grad[i + 1] += d * x[i]
        for i in range(n + 1):
            reg = l2 * w[i] if i else 0.0
            w[i] -= rate * (grad[i] / len(rows) + reg)
    return w


VERBOSE = "-v" in sys.argv


def main(argv):
    do_fit = "--fit" in argv
    sets = [run_set(s) for s in argv[1:] if not s.startswith("-")]
    rows = []
    answered = []  # (confidence, correct, from evidence)
    for name, pairs in sets:
        right = wrong = abst = halluc = unans = 0
        for q, a in pairs:
            exp = expectation(q)
            for c in (a or {}).get("evidence", []):
                x = [c["features"][f] for f in FEATURES]
                rows.append((x, 1.0 if matches(exp, c["text"], c["value"]) else 0.0))
            if a is None or a["answer"] is None:
                abst += 1
                unans += 0 if exp[0] else 1
                continue
            good = matches(exp, a["answer"], a["value"])
            if VERBOSE and not good:
                print(f"  WRONG {q['id']} {q['question']!r} -> {a['answer']!r} [{a['value']}] "
                      f"({a['confidence']:.2f}) expected {q.get('expect')}")
            if not exp[0]:
                halluc += 1
            right += good
            wrong += not good
            answered.append((a["confidence"], good, name))
        n = len(pairs)
        n_un = sum(1 for q, _ in pairs if not expectation(q)[0])
        print(f"{name}: {n} questions ({n_un} unanswerable): correct {right + unans}/{n} = "
              f"{(right + unans) / n:.3f}; answered {right + wrong} (right {right}, wrong {wrong}), "
              f"abstained {abst}; hallucinated on {halluc}/{n_un} unanswerable")
    if "--calibrate" in argv:
        weights = compiled_weights()
        top = []
        for name, pairs in sets:
            for q, a in pairs:
                ev = (a or {}).get("evidence") or []
                if not ev:
                    continue
                c = ev[0]
                f = c["features"]
                z = weights[0] + sum(weights[i + 1] * f[k] for i, k in enumerate(FEATURES))
                x = [z, f["missing"], f["missing_rare"], f["coverage"], c["margin"]]
                top.append((x, 1.0 if matches(expectation(q), c["text"], c["value"]) else 0.0))
        w = fit(top, l2=0.001, steps=8000)
        print(f"calibration on {len(top)} best candidates ({sum(y for _, y in top):.0f} right):")
        for n, wi in zip(["bias", "score", "missing", "missing_rare", "coverage", "margin"], w):
            print(f'    ("{n}", {wi:.3f}),')
        return
    if do_fit:
        # Conditional logit per question: the right candidates should outscore the others
        # of the same question (the bias cancels; calibration sets the level).
        groups = []
        for name, pairs in sets:
            for q, a in pairs:
                exp = expectation(q)
                ev = (a or {}).get("evidence") or []
                xs = [[c["features"][f] for f in FEATURES] for c in ev]
                ys = [1.0 if matches(exp, c["text"], c["value"]) else 0.0 for c in ev]
                if 0 < sum(ys) < len(ys):
                    groups.append((xs, ys))
        n = len(FEATURES)
        w = compiled_weights()[1:]
        for step in range(3000):
            grad = [0.0] * n
            for xs, ys in groups:
                zs = [sum(wi * xi for wi, xi in zip(w, x)) for x in xs]
                m = max(zs)
                e = [math.exp(z - m) for z in zs]
                tot = sum(e)
                er = sum(ei for ei, y in zip(e, ys) if y)
                for x, ei, y in zip(xs, e, ys):
                    coef = ei / tot - (ei / er if y else 0.0)
                    for i in range(n):
                        grad[i] += coef * x[i]
            for i in range(n):
                w[i] -= 0.3 * (grad[i] / len(groups) + 0.01 * w[i])
        print(f"ranking fitted on {len(groups)} questions with right and wrong candidates:")
        print(f'    ("bias", {compiled_weights()[0]:.2f}),')
        for f, wi in zip(FEATURES, w):
            print(f'    ("{f}", {wi:.2f}),')
        return
    if "--logistic" in argv:
        w = fit(rows)
        print(f"fitted on {len(rows)} candidates ({sum(y for _, y in rows):.0f} right):")
        print(f'    ("bias", {w[0]:.2f}),')
        for f, wi in zip(FEATURES, w[1:]):
            print(f'    ("{f}", {wi:.2f}),')
        return
    print("\ncalibration of the answers given (confidence bin: right/answered):")
    for lo in [0.5, 0.6, 0.7, 0.8, 0.9]:
        hi = lo + 0.1
        b = [g for c, g, _ in answered if lo <= c < hi or (hi > 1 and c >= lo)]
        if b:
            print(f"  {lo:.1f}-{min(hi, 1.0):.1f}: {sum(b)}/{len(b)} = {sum(b) / len(b):.2f}")
    print("\nif the evidence threshold were t (fact answers as given): answers, precision, "
          "accuracy, answered unanswerable")
    total = sum(len(p) for _, p in sets)
    for t in [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9]:
        given = good = acc = halluc = 0
        for name, pairs in sets:
            for q, a in pairs:
                exp = expectation(q)
                ev = (a or {}).get("evidence") or []
                if a and a.get("origin") == "fact":
                    text, value = a["answer"], a["value"]
                elif ev and ev[0]["confidence"] >= t:
                    text, value = ev[0]["text"], ev[0]["value"]
                else:
                    acc += not exp[0]
                    continue
                given += 1
                ok = matches(exp, text, value)
                good += ok
                acc += ok
                halluc += not exp[0]
        print(f"  t={t:.2f}: {given} answers, precision {good / max(given, 1):.3f}, "
              f"accuracy {acc / total:.3f}, answered unanswerable {halluc}")


if __name__ == "__main__":
    main(sys.argv)
