#!/usr/bin/env python3
"""Score the shipped model on parts of the test split, with page-bootstrap F1 intervals.

Usage: .venv/bin/python data/labelled/split_report.py
Why: the test split was grown (rows with ids t3…) and some older test pages share their story
(the same event, another page) with training pages; scoring the parts separately shows how much
the headline F1 depends on those rows and how wide the interval is on the whole split.
"""

import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(os.path.dirname(HERE)))

from classify.evaluate import evaluate_model  # noqa: E402
from classify.model import load_model  # noqa: E402

# Older test pages whose event is also covered by a training page (see docs/annotation.md, rev. 7).
STORY_OVERLAP = (
    "botkyrka-och-salem-sagar",
    "enighetisvaromkollektivtrafiken",
    "Sj%C3%B6bokritik",
    "Sval%C3%B6vsborna",
    "nu-reagerar-kommunerna",
    "arnelernhag.se",
    "sa-paverkas-norra-lanet",
    "gar-inte-att-forsvara",
    "svarsmalt-forslag",
    "forsvagat-sjukhus",
    "432an",
)


def main() -> None:
    """Print precision, recall, F1 and its 95 % page-bootstrap interval for each part."""
    with open(os.path.join(HERE, "test.jsonl"), encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    overlap = [r for r in rows if any(k in r["source_url"] for k in STORY_OVERLAP)]
    parts = {
        "whole test split": rows,
        "rows before t3 (old)": [r for r in rows if not r["id"].startswith("t3")],
        "new t3 rows": [r for r in rows if r["id"].startswith("t3")],
        "story-overlap rows": overlap,
        "whole split w/o overlap": [r for r in rows if r not in overlap],
    }
    model = load_model(None)
    for name, part in parts.items():
        scores = evaluate_model(model, part)["all"]
        low, high = scores["f1_interval"]
        pages = len({r["source_url"] for r in part})
        print(
            f"{name:26s} rows={len(part):4d} pos={sum(r['conflict'] for r in part):3d} "
            f"pages={pages:3d} P={scores['precision']:.3f} R={scores['recall']:.3f} "
            f"F1={scores['f1']:.3f} 95%=[{low:.3f}, {high:.3f}] half-width={(high - low) / 2:.3f}"
        )


if __name__ == "__main__":
    main()
