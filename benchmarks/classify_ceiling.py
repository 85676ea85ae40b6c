"""How far the default (word) model can go: figures from the training split only.

Two questions decide where the next effort on the classifier should go, and both are
answered without touching the test split (grouped 5-fold cross-validation on train,
pages kept within one fold, real and adapted rows scored):

1. Learning curve: out-of-fold F1 when the model is fitted on 25 %, 50 %, 75 % and
   100 % of the training pages. A flat curve says more labelled rows of the same kind
   will not move the model much.
2. Gate ceiling: out-of-fold F1 with the rule gate (municipal speaker and regional
   target found by attribution) against the same scores behind an oracle gate that
   reads the speaker and topic from the labels. The distance between them is what
   better attribution can still win; the rest is the score's (stance) distance.

Run: python benchmarks/classify_ceiling.py   (about a minute on one core)
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")

import json  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from classify import linear as L  # noqa: E402
from classify.features import statement_features  # noqa: E402
from classify.lexicon import MUNICIPAL_ROLES  # noqa: E402
from classify.model import load_model  # noqa: E402
from classify.training import TRAIN_FILE, read_labelled  # noqa: E402

FRACTIONS = (0.25, 0.5, 0.75, 1.0)


def _f1(y: np.ndarray, pred: np.ndarray, mask: np.ndarray) -> tuple[float, float, float]:
    tp = int((pred & y & mask).sum())
    fp = int((pred & ~y & mask).sum())
    fn = int((~pred & y & mask).sum())
    if not tp:
        return 0.0, 0.0, 0.0
    return 2 * tp / (2 * tp + fp + fn), tp / (tp + fp), tp / (tp + fn)


def _best_f1(y, oof, gate, real) -> tuple[float, float, float, float]:
    """Best F1 over score thresholds (the same grid training chooses from)."""
    best = (0.0, 0.0, 0.0, 0.0)
    for thr in L.THRESHOLDS:
        f1, p, r = _f1(y, (oof >= thr) & gate, real)
        best = max(best, (f1, p, r, thr))
    return best


def main() -> None:
    rows = read_labelled(TRAIN_FILE)
    model = load_model(None)
    config = eval_config(model)
    feats = [statement_features(r["text"], r.get("context") or None) for r in rows]
    y = np.array([int(r["conflict"]) for r in rows]).astype(bool)
    topics = np.array([r.get("topic") or "none" for r in rows])
    real = L._real_mask(rows)
    groups = L.page_groups(rows)
    fold_of = L.grouped_folds(y.astype(int), groups, 5, 0)
    gate = np.array([L.passes_gate(f, model.parts["gate"]) for f in feats])
    texts = [r["text"] for r in rows]
    contexts = [r.get("context") or None for r in rows]
    weights = np.where(real, config.get("real_weight", L.REAL_WEIGHT), 1.0)
    pages = sorted(set(groups))
    rng = np.random.default_rng(0)
    print(f"model settings: {config}, gate {model.parts['gate']}")
    print(f"training rows {len(rows)} ({int(real.sum())} real/adapted scored), pages {len(pages)}")
    oof_full = None
    for frac in FRACTIONS:
        keep = (
            set(pages)
            if frac == 1.0
            else set(rng.choice(pages, int(len(pages) * frac), replace=False))
        )
        oof = np.zeros(len(rows))
        for k in sorted(set(fold_of.tolist())):
            tr = [i for i in np.flatnonzero(fold_of != k) if groups[i] in keep]
            te = np.flatnonzero(fold_of == k)
            parts = L._fit_parts(
                [texts[i] for i in tr],
                [contexts[i] for i in tr],
                [feats[i] for i in tr],
                y[tr].astype(int),
                topics[tr],
                0,
                weights[tr],
                config,
            )
            X = L._features_matrix(
                parts, [texts[i] for i in te], [feats[i] for i in te], [contexts[i] for i in te]
            )
            oof[te] = parts["clf"].predict_proba(X)[:, 1]
        f1, p, r, thr = _best_f1(y, oof, gate, real)
        print(
            f"learning curve: {frac:>4.0%} of training pages -> out-of-fold F1 {f1:.3f} "
            f"(P {p:.3f} R {r:.3f}, threshold {thr})"
        )
        oof_full = oof
    assert oof_full is not None
    oracle = np.array(
        [
            r.get("actor_role") in MUNICIPAL_ROLES and r.get("topic") not in (None, "none")
            for r in rows
        ]
    )
    f1, p, r, thr = _best_f1(y, oof_full, gate, real)
    print(f"rule gate:   out-of-fold F1 {f1:.3f} (P {p:.3f} R {r:.3f})")
    f1, p, r, thr = _best_f1(y, oof_full, oracle, real)
    print(f"oracle gate: out-of-fold F1 {f1:.3f} (P {p:.3f} R {r:.3f})  <- attribution perfect")
    blocked = int((y & ~gate & real).sum())
    print(f"positives the rule gate blocks: {blocked} of {int((y & real).sum())}")


def eval_config(model) -> dict:
    """The settings the shipped model was trained with (JSON in its training record)."""
    return json.loads(model.parts["training"]["config"])


if __name__ == "__main__":
    main()
