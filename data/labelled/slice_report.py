#!/usr/bin/env python3
"""Score a model on chosen labelled rows and break its errors down by slice.

Usage: .venv/bin/python data/labelled/slice_report.py [--file train.jsonl] [--prefix r9]
       [--model default|encoder|PATH] [--misses misses.tsv]

Why: the test split must not steer choices, but rows labelled from new pages are, until they
are trained on, a fair look at pages the model never saw. Before they join training, this
prints precision/recall/F1 with a page-bootstrap interval, role accuracy, and the errors by
labelled kind, labelled role (and what attribution read instead) and quote form, so the next
change is chosen on the slices where the model breaks.
"""

from __future__ import annotations

import argparse
import collections
import csv
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(os.path.dirname(HERE)))

from classify.evaluate import attribution_scores, evaluate_model, page_of  # noqa: E402
from classify.model import load_model  # noqa: E402
from classify.quotes import quote_kind  # noqa: E402


def main(argv: list[str] | None = None) -> None:
    """Print the figures and slices; optionally write every error to a TSV file."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--file", default=os.path.join(HERE, "train.jsonl"))
    ap.add_argument("--prefix", default="", help="only rows whose id starts with this")
    ap.add_argument("--model", default=None)
    ap.add_argument("--misses", default=None, help="write every error here (TSV)")
    args = ap.parse_args(argv)
    with open(args.file, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    rows = [r for r in rows if r["id"].startswith(args.prefix)]
    model = load_model(args.model)
    preds = model.predict([r["text"] for r in rows], [r.get("context") or None for r in rows])
    scores = evaluate_model(model, rows)
    pages = len({page_of(r) for r in rows})
    print(
        f"model {model.name}: {len(rows)} rows, {sum(r['conflict'] for r in rows)} positives, {pages} pages"
    )
    for key in ("all", "article_all"):
        if key in scores:
            m = scores[key]
            lo, hi = m["f1_interval"]
            print(
                f"  {key:12s} P={m['precision']:.3f} R={m['recall']:.3f} F1={m['f1']:.3f} "
                f"95%=[{lo:.3f}, {hi:.3f}]"
            )
    attr = attribution_scores(rows, preds)
    print(
        f"  role accuracy {scores['role_accuracy']:.3f}; municipality {attr['municipality_accuracy']:.3f}"
        f" of {attr['municipality_rows']}"
    )
    slices: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    errors = []
    for r, p in zip(rows, preds, strict=True):
        y, yhat = int(r["conflict"]), int(p.conflict)
        outcome = {(1, 1): "tp", (1, 0): "fn", (0, 1): "fp", (0, 0): "tn"}[(y, yhat)]
        for name, value in (
            ("kind", r.get("kind") or "?"),
            ("role", r.get("actor_role") or "none"),
            ("form", quote_kind(r["text"])),
        ):
            slices[f"{name}={value}"][outcome] += 1
        if outcome in ("fn", "fp"):
            slices[f"{outcome} read role as"][p.actor_role or "none"] += 1
            errors.append((outcome, r, p))
    print("\nslice                                tp   fn   fp   tn")
    for name in sorted(k for k in slices if "read role" not in k):
        c = slices[name]
        if c["tp"] + c["fn"] + c["fp"]:
            print(f"  {name:34s} {c['tp']:4d} {c['fn']:4d} {c['fp']:4d} {c['tn']:4d}")
    for outcome in ("fn", "fp"):
        c = slices[f"{outcome} read role as"]
        print(
            f"\n{outcome}: attribution read the speaker as "
            + ", ".join(f"{k} {v}" for k, v in c.most_common())
        )
    if args.misses:
        with open(args.misses, "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, delimiter="\t")
            w.writerow(
                [
                    "outcome",
                    "id",
                    "kind",
                    "role",
                    "pred_role",
                    "pred_muni",
                    "score",
                    "text",
                    "context",
                    "evidence",
                ]
            )
            for outcome, r, p in errors:
                w.writerow(
                    [
                        outcome,
                        r["id"],
                        r.get("kind"),
                        r.get("actor_role"),
                        p.actor_role,
                        p.municipality,
                        f"{p.score:.2f}",
                        r["text"],
                        r.get("context") or "",
                        "; ".join(p.evidence[:8]),
                    ]
                )
        print(f"\n{len(errors)} errors written to {args.misses}")


if __name__ == "__main__":
    main()
