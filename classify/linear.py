"""The default conflict model: logistic regression over word and character n-grams
plus attribution and gazetteer features, small enough to ship in the repository.

A statement is flagged only when the model says rejection *and* the rules agree
that a municipal actor speaks about a regional target (the gate); the gate and
the threshold are chosen on out-of-fold predictions of the training data, so
the test split stays unseen.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from classify.features import StatementFeatures, statement_features
from classify.model import Prediction

MODEL_NAME = "linear-ngram"
FORMAT_VERSION = 1
GATES = ("strict", "soft", "none")
REAL_WEIGHT = 3.0
_NUM = re.compile(r"\d+")


def _norm(text: str) -> str:
    return _NUM.sub("0", text.lower())


def _meta(feats: StatementFeatures) -> str:
    return " ".join(feats.tokens())


def passes_gate(feats: StatementFeatures, gate: str) -> bool:
    """Whether the rules allow a flag: municipal speaker and regional target (strict),
    or no evidence against either (soft)."""
    if gate == "none":
        return True
    sp = feats.speaker
    own_regional = any(not t.in_context for t in feats.targets)
    if gate == "strict":
        return bool(sp and sp.is_municipal and feats.targets) and not (
            feats.state_target and not own_regional
        )
    known_other = sp is not None and sp.role is not None and not sp.is_municipal
    return not known_other and bool(feats.targets)


class LinearConflictModel:
    """Fast default model (about a millisecond per statement on one core or less)."""

    def __init__(self, parts: dict[str, Any]) -> None:
        self.parts = parts
        self.version = parts["version"]
        self.name = f"{MODEL_NAME}-{self.version}"
        self.threshold = float(parts["threshold"])
        self.gate = parts["gate"]

    # -- inference -------------------------------------------------------------------------
    def _matrix(self, texts: Sequence[str], feats: Sequence[StatementFeatures]):
        from scipy.sparse import hstack

        p = self.parts
        norm = [_norm(t) for t in texts]
        return hstack(
            [
                p["word"].transform(norm),
                p["char"].transform(norm),
                p["meta"].transform([_meta(f) for f in feats]) * p["meta_weight"],
            ]
        ).tocsr()

    def predict(
        self, texts: Sequence[str], contexts: Sequence[str | None] | None = None
    ) -> list[Prediction]:
        contexts = list(contexts) if contexts is not None else [None] * len(texts)
        feats = [statement_features(t, c) for t, c in zip(texts, contexts, strict=True)]
        return self.predict_features(texts, feats)

    def predict_features(
        self, texts: Sequence[str], feats: Sequence[StatementFeatures]
    ) -> list[Prediction]:
        """Predict when attribution is already done (the article pipeline walks whole articles)."""
        if not texts:
            return []
        X = self._matrix(texts, feats)
        clf, topic_clf = self.parts["clf"], self.parts["topic_clf"]
        scores = clf.predict_proba(X)[:, 1]
        topics = topic_clf.predict(X)
        coef = clf.coef_[0]
        names = self.parts["feature_names"]
        out = []
        for i, (f, score) in enumerate(zip(feats, scores, strict=True)):
            row = X.getrow(i)
            contrib = row.data * coef[row.indices]
            order = np.argsort(-contrib)[:5]
            drivers = [
                f"{names[row.indices[j]]}:{contrib[j]:+.2f}" for j in order if contrib[j] > 0
            ]
            gate_ok = passes_gate(f, self.gate)
            conflict = int(score >= self.threshold and gate_ok)
            sp = f.speaker
            target = f.target
            evidence = drivers + [
                f"gate={self.gate}:{'pass' if gate_ok else 'block'}",
                f"attribution={sp.how if sp else 'none'}",
            ]
            topic = str(topics[i])
            if topic == "none" and conflict:
                topic = f.topic
            out.append(
                Prediction(
                    conflict=conflict,
                    score=round(float(score), 4),
                    topic=topic,
                    actor_role=sp.role if sp else None,
                    municipality=sp.municipality if sp else None,
                    speaker=sp.name if sp else None,
                    target=target.name if target else None,
                    evidence=evidence,
                    speaker_party=sp.party if sp else None,
                    municipality_code=sp.municipality_code if sp else None,
                    region_lan_code=(target.lan_code if target and target.lan_code else None)
                    or (sp.region_lan_code if sp else None),
                    quote_kind=f.quote_kind,
                )
            )
        return out

    # -- persistence -----------------------------------------------------------------------
    def save(self, path: str | Path) -> Path:
        import joblib

        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        joblib.dump(self.parts, path, compress=("zlib", 6))
        return path

    @classmethod
    def load(cls, path: str | Path) -> LinearConflictModel:
        import joblib

        parts = joblib.load(path)
        if not isinstance(parts, dict) or parts.get("format") != FORMAT_VERSION:
            raise ValueError(f"{path}: not a {MODEL_NAME} model file (format {FORMAT_VERSION})")
        return cls(parts)


# -- training --------------------------------------------------------------------------------


def _fit_parts(
    texts, feats, y, topics, seed: int, weights=None, meta_weight: float = 1.0
) -> dict[str, Any]:
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    norm = [_norm(t) for t in texts]
    word = TfidfVectorizer(
        ngram_range=(1, 2), min_df=2, max_features=20000, sublinear_tf=True, dtype=np.float32
    )
    char = TfidfVectorizer(
        analyzer="char_wb",
        ngram_range=(3, 5),
        min_df=2,
        max_features=30000,
        sublinear_tf=True,
        dtype=np.float32,
    )
    meta = CountVectorizer(tokenizer=str.split, lowercase=False, token_pattern=None, binary=True)
    Xw, Xc = word.fit_transform(norm), char.fit_transform(norm)
    Xm = meta.fit_transform([_meta(f) for f in feats]) * meta_weight
    X = hstack([Xw, Xc, Xm]).tocsr()
    clf = LogisticRegression(
        C=4.0, class_weight="balanced", max_iter=2000, solver="liblinear", random_state=seed
    )
    clf.fit(X, y, sample_weight=weights)
    topic_clf = LogisticRegression(C=4.0, max_iter=3000, solver="lbfgs", random_state=seed)
    topic_clf.fit(X, topics)
    for vec in (word, char):
        vec.stop_words_ = None  # the pruned vocabulary is not needed and would bloat the file
    names = (
        [f"w:{n}" for n in word.get_feature_names_out()]
        + [f"c:{n}" for n in char.get_feature_names_out()]
        + [f"f:{n}" for n in meta.get_feature_names_out()]
    )
    return {
        "word": word,
        "char": char,
        "meta": meta,
        "meta_weight": meta_weight,
        "clf": clf,
        "topic_clf": topic_clf,
        "feature_names": names,
    }


def _f1(y: Sequence[int], pred: Sequence[int]) -> float:
    tp = sum(1 for a, b in zip(y, pred, strict=True) if a and b)
    fp = sum(1 for a, b in zip(y, pred, strict=True) if not a and b)
    fn = sum(1 for a, b in zip(y, pred, strict=True) if a and not b)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def train_linear(
    rows: Sequence[dict], *, seed: int = 0, folds: int = 5
) -> tuple[LinearConflictModel, dict]:
    """Fit the default model; choose gate and threshold by out-of-fold F1 on the training rows."""
    texts = [r["text"] for r in rows]
    feats = [statement_features(r["text"], r.get("context")) for r in rows]
    y = np.array([int(r["conflict"]) for r in rows])
    topics = np.array([r.get("topic") or "none" for r in rows])
    # Real press sentences count more than synthetic ones: they are what the model meets.
    real = np.array([r.get("origin") in ("real", "adapted", "review") for r in rows])
    weights = np.where(real, REAL_WEIGHT, 1.0)
    # Out-of-fold scores, with a fixed, stratified split.
    rng = np.random.RandomState(seed)
    fold_of = np.empty(len(rows), dtype=int)
    for label in (0, 1):
        idx = np.flatnonzero(y == label)
        rng.shuffle(idx)
        fold_of[idx] = np.arange(len(idx)) % folds
    oof = np.zeros(len(rows))
    for k in range(folds):
        tr, te = fold_of != k, fold_of == k
        parts = _fit_parts(
            [texts[i] for i in np.flatnonzero(tr)],
            [feats[i] for i in np.flatnonzero(tr)],
            y[tr],
            topics[tr],
            seed,
            weights[tr],
        )
        m = LinearConflictModel(
            {**parts, "version": "cv", "threshold": 0.5, "gate": "none", "format": 1}
        )
        idx = np.flatnonzero(te)
        X = m._matrix([texts[i] for i in idx], [feats[i] for i in idx])
        oof[idx] = parts["clf"].predict_proba(X)[:, 1]
    # Gate and threshold are chosen for real sentences when there are enough of them.
    sel = real if real.sum() >= 50 and y[real].sum() >= 10 else np.ones(len(rows), bool)
    best = (-1.0, "none", 0.5)
    for gate in GATES:
        ok = np.array([passes_gate(f, gate) for f in feats])
        for thr in np.arange(0.15, 0.81, 0.05):
            f1 = _f1(y[sel], ((oof >= thr) & ok)[sel])
            # Ties prefer the stricter gate (listed first) and the middle threshold.
            if f1 > best[0] + 1e-9:
                best = (f1, gate, round(float(thr), 2))
    parts = _fit_parts(texts, feats, y, topics, seed, weights)
    digest = hashlib.sha256(
        json.dumps(
            [[r["text"], r.get("context"), int(r["conflict"]), r.get("topic")] for r in rows],
            ensure_ascii=False,
        ).encode()
    ).hexdigest()[:8]
    parts.update(
        {"format": FORMAT_VERSION, "version": f"v1-{digest}", "threshold": best[2], "gate": best[1]}
    )
    info = {
        "rows": len(rows),
        "positives": int(y.sum()),
        "oof_f1": round(best[0], 4),
        "gate": best[1],
        "threshold": best[2],
        "version": parts["version"],
    }
    return LinearConflictModel(parts), info
