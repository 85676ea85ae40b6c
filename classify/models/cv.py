"""Cross-validation helpers: page-grouped folds, the rows that choose settings, F1.

Every model that chooses a threshold or a setting on training data uses these, so the
choice is made the same way (whole pages per fold; the test split is never read).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

# Score thresholds tried when a decision is chosen on out-of-fold or held-out scores.
THRESHOLDS = tuple(round(0.1 + 0.05 * k, 2) for k in range(16))  # 0.10 … 0.85


def f1_score(y: Sequence[int], pred: Sequence[int]) -> float:
    """Plain F1 of the positive class (0 when nothing is found)."""
    tp = sum(1 for a, b in zip(y, pred, strict=True) if a and b)
    fp = sum(1 for a, b in zip(y, pred, strict=True) if not a and b)
    fn = sum(1 for a, b in zip(y, pred, strict=True) if a and not b)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def page_groups(rows: Sequence[dict]) -> list[str]:
    """Cross-validation groups: sentences of one page stay together (synthetic rows alone)."""
    return [r.get("source_url") or f"row:{r.get('id')}" for r in rows]


def grouped_folds(y: np.ndarray, groups: Sequence[str], folds: int, seed: int) -> np.ndarray:
    """Fold number of every row: whole pages per fold, positives spread evenly, fixed seed."""
    from sklearn.model_selection import StratifiedGroupKFold

    fold_of = np.zeros(len(y), dtype=int)
    splitter = StratifiedGroupKFold(n_splits=folds, shuffle=True, random_state=seed)
    for k, (_, te) in enumerate(splitter.split(np.zeros(len(y)), y, list(groups))):
        fold_of[te] = k
    return fold_of


def real_mask(rows: Sequence[dict]) -> np.ndarray:
    """Rows from real pages (or adapted from them, or reviewers' verdicts), not synthetic."""
    return np.array([r.get("origin") in ("real", "adapted", "review") for r in rows])


def weighted_f1(y: np.ndarray, pred: np.ndarray, w: np.ndarray) -> float:
    """F1 with every row counted by its weight (the selection weights)."""
    y, pred = y.astype(bool), pred.astype(bool)
    tp, fp, fn = (w * (y & pred)).sum(), (w * (~y & pred)).sum(), (w * (y & ~pred)).sum()
    return float(2 * tp / (2 * tp + fp + fn)) if tp else 0.0


def selection_weights(rows: Sequence[dict], real: np.ndarray) -> np.ndarray:
    """Weights of the rows that choose gate, threshold and settings.

    Real sentences only (when there are enough), reweighted so that their kinds
    (positive_transit, neg_citizen_group, …) are as frequent as in the whole labelled
    split: many positives were written synthetically, so the real rows alone
    under-represent conflicts, and a threshold tuned on them would be too cautious.
    """
    y = np.array([int(r["conflict"]) for r in rows])
    if not (real.sum() >= 50 and y[real].sum() >= 10):
        return np.ones(len(rows))
    kinds = [r.get("kind") or f"conflict={r['conflict']}" for r in rows]
    all_count: dict[str, int] = {}
    real_count: dict[str, int] = {}
    for k, m in zip(kinds, real, strict=True):
        all_count[k] = all_count.get(k, 0) + 1
        if m:
            real_count[k] = real_count.get(k, 0) + 1
    n, n_real = len(rows), int(real.sum())
    return np.array(
        [
            (all_count[k] / n) / (real_count[k] / n_real) if m else 0.0
            for k, m in zip(kinds, real, strict=True)
        ]
    )
