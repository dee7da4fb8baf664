#!/usr/bin/env python3
"""Would a learned model on top of the offline engine's rules find blockers
better on sets it was not trained on? Leave-one-set-out: for each evaluation
set, train on every other set, score on it, and compare with the rules alone.

Examples are (thread, person who answered); the label is "the labels say this
person is blocked". Features: character 2-5-grams of everything the person
wrote and of what others wrote to them, and (for the stacked model) whether
the rules listed them. Run from the repository root:

    cargo run --release --example eval_dump -- tests/fixtures/eval \
        $(ls -d tests/fixtures/eval/v*) > /tmp/threads.jsonl
    pip install scikit-learn
    python3 tools/learned_blockers/loso.py /tmp/threads.jsonl 1 4 16

Not part of the bot: the bot has no Python. Stop 30 ran it to decide whether
to build such a model in Rust; its figures are in the README, Summary quality.
"""
import json
import sys

from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

WEAK = ["v14", "v15", "v16", "v17"]


def examples(path):
    out = []
    for line in open(path):
        t = json.loads(line)
        blocked = {b["user"] for b in t["labels"]["blockers"]}
        ruled = {b["user"] for b in t["summary"]["blockers"]}
        entries = t["input"]["entries"]
        words = {}
        for e in entries:
            words.setdefault(e["user"], []).extend(e["answers"])
        for user, answers in words.items():
            to_them = [a for e in entries if e["user"] != user for a in e["answers"] if user in a]
            out.append(dict(set=t["dir"].rstrip("/").split("/")[-1], y=int(user in blocked),
                            rule=int(user in ruled), own="\n".join(answers), to="\n".join(to_them)))
    return out


def fit_predict(train, test, stacked, c):
    parts_train, parts_test = [], []
    for key in ["own", "to"]:
        v = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True)
        parts_train.append(v.fit_transform([e[key] for e in train]))
        parts_test.append(v.transform([e[key] for e in test]))
    if stacked:
        parts_train.append(csr_matrix([[3.0 * e["rule"]] for e in train]))
        parts_test.append(csr_matrix([[3.0 * e["rule"]] for e in test]))
    model = LogisticRegression(C=c, max_iter=3000)
    model.fit(hstack(parts_train).tocsr(), [e["y"] for e in train])
    return model.predict_proba(hstack(parts_test).tocsr())[:, 1]


def pr(rows, decide):
    tp = sum(1 for e in rows if decide(e) and e["y"])
    fp = sum(1 for e in rows if decide(e) and not e["y"])
    fn = sum(1 for e in rows if not decide(e) and e["y"])
    return f"P {tp / max(1, tp + fp):.3f} R {tp / max(1, tp + fn):.3f}"


def main():
    rows = examples(sys.argv[1])
    sets = sorted({e["set"] for e in rows})
    # Regularisation strengths to try: the arguments after the file (4 by default).
    for c in [float(x) for x in sys.argv[2:]] or [4.0]:
        for e in rows:
            e["stacked"] = e["text"] = None
        for s in sets:
            train = [e for e in rows if e["set"] != s]
            test = [e for e in rows if e["set"] == s]
            for e, p in zip(test, fit_predict(train, test, True, c)):
                e["stacked"] = p
            for e, p in zip(test, fit_predict(train, test, False, c)):
                e["text"] = p
        print(f"C={c}")
        for name, decide in [
            ("rules alone", lambda e: e["rule"]),
            ("stacked > 0.5", lambda e: e["stacked"] > 0.5),
            ("text only > 0.5", lambda e: e["text"] > 0.5),
            ("rules, text veto < 0.15", lambda e: e["rule"] and e["text"] > 0.15),
            ("rules, text veto < 0.25", lambda e: e["rule"] and e["text"] > 0.25),
            ("rules or text > 0.8", lambda e: e["rule"] or e["text"] > 0.8),
        ]:
            weak = " | ".join(f"{s} {pr([e for e in rows if e['set'] == s], decide)}" for s in WEAK)
            print(f"  {name:24} all {pr(rows, decide)} | {weak}")


if __name__ == "__main__":
    main()
