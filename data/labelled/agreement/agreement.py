#!/usr/bin/env python3
"""Agreement between the labels in train.jsonl and a second, blind annotation.

Usage: python3 data/labelled/agreement/agreement.py
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
    second = _read(os.path.join(HERE, "second_annotator.jsonl"))
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
