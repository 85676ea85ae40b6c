#!/usr/bin/env python3
"""Agreement between the labels in train.jsonl and a second, blind annotation.

Usage: python3 data/labelled/agreement/agreement.py [SET]
SET is a sub-folder with its own items.jsonl and second_annotator.jsonl (r9: 150 rows of
annotation revision 9, 60 positives and 90 negatives drawn with seed 7); without it, the
first check below.
items.jsonl holds 200 real training rows (80 positives, 120 negatives, drawn with
seed 7) as the second annotator saw them: text, context and page address, no
labels. second_annotator.jsonl holds that annotator's labels, made from the
annotation guideline alone. The figures say how consistent the labels are, which
bounds what any model can score against them.
"""

import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def _read(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def main() -> None:
    gold = {r["id"]: r for r in _read(os.path.join(HERE, "..", "train.jsonl"))}
    import sys

    folder = os.path.join(HERE, sys.argv[1]) if len(sys.argv) > 1 else HERE
    second = _read(os.path.join(folder, "second_annotator.jsonl"))
    # Rows since moved to test (revision 8) or dropped as duplicates are left out.
    skipped = [r["id"] for r in second if r["id"] not in gold]
    second = [r for r in second if r["id"] in gold]
    if skipped:
        print(f"left out {len(skipped)} rows no longer in train.jsonl")
    tp = fp = fn = tn = kind = role = 0
    for row in second:
        a, b = int(gold[row["id"]]["conflict"]), int(row["conflict"])
        tp += a and b
        fp += b and not a
        fn += a and not b
        tn += not a and not b
        kind += gold[row["id"]]["kind"] == row["kind"]
        role += gold[row["id"]]["actor_role"] == row["actor_role"]
    n = len(second)
    po = (tp + tn) / n
    pe = ((tp + fn) / n) * ((tp + fp) / n) + ((tn + fp) / n) * ((tn + fn) / n)
    print(f"rows: {n}; conflict in train: {tp + fn}; conflict by the second annotator: {tp + fp}")
    print(f"conflict F1 between annotators: {2 * tp / (2 * tp + fp + fn):.3f}")
    print(f"Cohen's kappa: {(po - pe) / (1 - pe):.3f}")
    print(f"same kind: {kind / n:.3f}; same actor_role: {role / n:.3f}")


if __name__ == "__main__":
    main()
