"""Swedish BERT behind the same interface: fine-tuning, batched inference, ONNX export.

Input is a sentence pair: the statement first, its context (the paragraph or
the sentence that names the speaker) second, truncated with
``truncation="only_second"`` to ``max_length`` tokens (128 by default), so the
statement itself is never cut before its context is. Attribution, target and
evidence come from the same rules as the linear model; the network gives the
stance score. torch and transformers are imported inside the functions.
"""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from pathlib import Path

from classify.features import StatementFeatures, statement_features
from classify.models.base import Prediction, StatementModel
from classify.models.cv import (
    THRESHOLDS,
    grouped_folds,
    page_groups,
    real_mask,
    selection_weights,
    weighted_f1,
)
from classify.models.gates import article_gate, has_stance_evidence, passes_gate

MAX_LENGTH = 128
META_FILE = "bevakning.json"


def _pairs(texts: Sequence[str], contexts: Sequence[str | None]) -> tuple[list[str], list[str]]:
    return list(texts), [c or "" for c in contexts]


def _encode(tokenizer, texts, contexts, max_length: int):
    firsts, seconds = _pairs(texts, contexts)
    return tokenizer(
        firsts,
        seconds,
        truncation="only_second",
        max_length=max_length,
        padding=True,
        return_tensors="pt",
    )


def train_bert(
    rows: Sequence[dict],
    *,
    base: str = "KB/bert-base-swedish-cased",
    out: str | Path = "models/bert",
    epochs: int = 3,
    max_steps: int | None = None,
    batch_size: int = 16,
    learning_rate: float = 3e-5,
    max_length: int = MAX_LENGTH,
    seed: int = 0,
    validation: bool = True,
) -> Path:
    """Fine-tune `base` for the conflict label and save model, tokenizer and settings to `out`.

    With `validation`, one fifth of the training pages (grouped as in the linear model's
    cross-validation) is held out: the network is fitted on the rest, and the gate and
    threshold are the ones with the best F1 on the held-out pages' real rows. A fixed
    0.5 with no gate would leave the network alone to judge who speaks and about what.
    The test split is never read.
    """
    import torch
    from transformers import (
        AutoModelForSequenceClassification,
        AutoTokenizer,
        get_linear_schedule_with_warmup,
    )

    rows, held = _split_validation(list(rows), seed) if validation else (list(rows), [])
    random.seed(seed)
    torch.manual_seed(seed)
    device = _device()
    tokenizer = AutoTokenizer.from_pretrained(base)
    model = AutoModelForSequenceClassification.from_pretrained(base, num_labels=2).to(device)
    model.train()
    optim = torch.optim.AdamW(model.parameters(), lr=learning_rate)
    # The usual recipe for fine-tuning BERT: warm up over the first tenth, then decay
    # linearly to zero.
    total = epochs * -(-len(rows) // batch_size)
    total = min(total, max_steps) if max_steps else total
    schedule = get_linear_schedule_with_warmup(optim, max(1, total // 10), max(1, total))
    order = list(range(len(rows)))
    step = 0
    for _epoch in range(epochs):
        random.Random(seed + _epoch).shuffle(order)
        for i in range(0, len(order), batch_size):
            batch = [rows[j] for j in order[i : i + batch_size]]
            enc = _encode(
                tokenizer, [r["text"] for r in batch], [r.get("context") for r in batch], max_length
            ).to(device)
            labels = torch.tensor([int(r["conflict"]) for r in batch], device=device)
            loss = model(**enc, labels=labels).loss
            loss.backward()
            optim.step()
            schedule.step()
            optim.zero_grad()
            step += 1
            if max_steps and step >= max_steps:
                break
        if max_steps and step >= max_steps:
            break
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(out)
    tokenizer.save_pretrained(out)
    meta: dict = {
        "base": str(base),
        "steps": step,
        "max_length": max_length,
        "threshold": 0.5,
        "gate": "strict",
    }
    # Written before validation too: the held-out rows are scored through the saved model.
    (out / META_FILE).write_text(json.dumps(meta, indent=2), encoding="utf-8")
    if held:
        scores = BertConflictModel(out)._scores(
            [r["text"] for r in held], [r.get("context") or None for r in held]
        )
        meta.update(_select_on_validation(held, scores))
        (out / META_FILE).write_text(json.dumps(meta, indent=2), encoding="utf-8")
    return out


def _device():
    """A GPU when there is one (fine-tuning KB-BERT on a CPU takes hours), else the CPU."""
    import torch

    return torch.device("cuda" if torch.cuda.is_available() else "cpu")


VALIDATION_GATES = ("none", "strict")


def _split_validation(rows: list[dict], seed: int) -> tuple[list[dict], list[dict]]:
    """(fit, held out): one of five page-grouped folds, when there are enough rows."""
    import numpy as np

    y = np.array([int(r["conflict"]) for r in rows])
    if len(rows) < 50 or y.sum() < 10 or (len(y) - y.sum()) < 10:
        return rows, []
    fold_of = grouped_folds(y, page_groups(rows), 5, seed)
    return (
        [r for r, k in zip(rows, fold_of, strict=True) if k != 0],
        [r for r, k in zip(rows, fold_of, strict=True) if k == 0],
    )


def _select_on_validation(held: list[dict], scores: Sequence[float]) -> dict:
    """Gate and threshold with the best F1 on the held-out rows (real rows, when enough)."""
    import numpy as np

    y = np.array([int(r["conflict"]) for r in held])
    real = real_mask(held)
    w = selection_weights(held, real)
    feats = [statement_features(r["text"], r.get("context") or None) for r in held]
    sc = np.array(scores)
    scored = []
    for rank, gate in enumerate(VALIDATION_GATES):
        ok = np.array([passes_gate(f, gate) for f in feats])
        for thr in (*THRESHOLDS, 0.9, 0.95):
            # Ties go to the stricter gate (later in VALIDATION_GATES), then the higher threshold.
            scored.append((round(weighted_f1(y, (sc >= thr) & ok, w), 6), rank, thr, gate))
    f1, _, thr, gate = max(scored)
    return {
        "threshold": thr,
        "gate": gate,
        "validation": {"rows": len(held), "positives": int(y.sum()), "f1": round(f1, 4)},
    }


class _RuleFields(StatementModel):
    """Shared by both BERT runtimes: turn stance scores plus rule features into Predictions."""

    name: str
    threshold: float
    gate: str

    def _scores(self, texts: Sequence[str], contexts: Sequence[str | None]) -> list[float]:
        raise NotImplementedError

    def predict_features(
        self,
        texts: Sequence[str],
        feats: Sequence[StatementFeatures],
        contexts: Sequence[str | None] | None = None,
        *,
        article: bool = False,
    ) -> list[Prediction]:
        """Predict when attribution is done (the article walk), with the linear model's rules.

        The network runs only on statements the gate lets through: the rules are cheap and
        the network is not, and most sentences of an article have no municipal speaker or
        no regional target. In whole articles (`article=True`) the same article rule as
        the default model applies: the strict gate, and rejection in the sentence's own
        words (`has_stance_evidence`).
        """
        contexts = list(contexts) if contexts is not None else [None] * len(texts)
        gates = [article_gate(f, self.gate, article) for f in feats]
        run = [i for i, ok in enumerate(gates) if ok]
        scores = self._scores([texts[i] for i in run], [contexts[i] for i in run]) if run else []
        scored = dict(zip(run, scores, strict=True))
        out = []
        for i, f in enumerate(feats):
            sp = f.speaker
            score = scored.get(i)
            flag = score is not None and score >= self.threshold
            if flag and article:
                flag = has_stance_evidence(f, texts[i])
            drivers = [f"bert_score:{score:.3f}"] if score is not None else ["bert_not_run:gate"]
            out.append(
                Prediction.from_features(
                    f,
                    conflict=int(flag),
                    score=round(float(score or 0.0), 4),
                    topic=f.topic,
                    actor_role=sp.role if sp else None,
                    evidence=[*drivers, *(f"cue={c}" for c in f.reject_cues)],
                )
            )
        return out


def _meta(path: Path) -> dict:
    file = path / META_FILE
    return json.loads(file.read_text(encoding="utf-8")) if file.is_file() else {}


class BertConflictModel(_RuleFields):
    """A fine-tuned BERT directory (transformers format), run with torch (GPU if present)."""

    def __init__(self, path: str | Path, batch_size: int = 32) -> None:
        from transformers import AutoModelForSequenceClassification, AutoTokenizer

        self.path = Path(path)
        meta = _meta(self.path)
        self.tokenizer = AutoTokenizer.from_pretrained(self.path)
        self.device = _device()
        self.model = (
            AutoModelForSequenceClassification.from_pretrained(self.path).to(self.device).eval()
        )
        self.max_length = int(meta.get("max_length", MAX_LENGTH))
        self.threshold = float(meta.get("threshold", 0.5))
        self.gate = meta.get("gate", "none")
        self.batch_size = batch_size
        self.version = f"{meta.get('base', 'unknown')}+{meta.get('steps', '?')}steps"
        self.name = f"bert-{self.path.name}"

    def _scores(self, texts, contexts) -> list[float]:
        import torch

        scores: list[float] = []
        with torch.inference_mode():
            for i in range(0, len(texts), self.batch_size):
                enc = _encode(
                    self.tokenizer,
                    texts[i : i + self.batch_size],
                    contexts[i : i + self.batch_size],
                    self.max_length,
                ).to(self.device)
                logits = self.model(**enc).logits
                scores.extend(torch.softmax(logits, -1)[:, 1].cpu().tolist())
        return scores


def export_onnx(model_dir: str | Path, *, quantize: bool = True) -> Path:
    """Write <model_dir>/onnx/model.onnx (int8 weights when quantize) with tokenizer and settings."""
    import shutil

    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    model_dir = Path(model_dir)
    out = model_dir / "onnx"
    out.mkdir(exist_ok=True)
    tokenizer = AutoTokenizer.from_pretrained(model_dir)
    model = AutoModelForSequenceClassification.from_pretrained(model_dir).eval()
    enc = tokenizer(["Kommunen säger nej."], ["säger kommunalrådet."], return_tensors="pt")
    names = [n for n in ("input_ids", "attention_mask", "token_type_ids") if n in enc]
    float_path = out / ("model-fp32.onnx" if quantize else "model.onnx")
    axes = {n: {0: "batch", 1: "seq"} for n in names}
    axes["logits"] = {0: "batch"}
    torch.onnx.export(
        model,
        tuple(enc[n] for n in names),
        str(float_path),
        input_names=names,
        output_names=["logits"],
        dynamic_axes=axes,
        opset_version=17,
        dynamo=False,
    )
    if quantize:
        from onnxruntime.quantization import QuantType, quantize_dynamic

        quantize_dynamic(str(float_path), str(out / "model.onnx"), weight_type=QuantType.QInt8)
        float_path.unlink()
    tokenizer.save_pretrained(out)
    if (model_dir / META_FILE).is_file():
        shutil.copy(model_dir / META_FILE, out / META_FILE)
    return out / "model.onnx"


class OnnxConflictModel(_RuleFields):
    """The ONNX export run with onnxruntime (no torch needed at inference)."""

    def __init__(self, path: str | Path, batch_size: int = 32) -> None:
        import onnxruntime
        from transformers import AutoTokenizer

        self.path = Path(path)
        meta = _meta(self.path)
        opts = onnxruntime.SessionOptions()
        opts.intra_op_num_threads = 1
        self.session = onnxruntime.InferenceSession(
            str(self.path / "model.onnx"), opts, providers=["CPUExecutionProvider"]
        )
        self.inputs = {i.name for i in self.session.get_inputs()}
        self.tokenizer = AutoTokenizer.from_pretrained(self.path)
        self.max_length = int(meta.get("max_length", MAX_LENGTH))
        self.threshold = float(meta.get("threshold", 0.5))
        self.gate = meta.get("gate", "none")
        self.batch_size = batch_size
        self.version = f"{meta.get('base', 'unknown')}+{meta.get('steps', '?')}steps-onnx"
        self.name = f"bert-onnx-{self.path.parent.name}"

    def _scores(self, texts, contexts) -> list[float]:
        import numpy as np

        scores: list[float] = []
        for i in range(0, len(texts), self.batch_size):
            firsts, seconds = _pairs(
                texts[i : i + self.batch_size], contexts[i : i + self.batch_size]
            )
            enc = self.tokenizer(
                firsts,
                seconds,
                truncation="only_second",
                max_length=self.max_length,
                padding=True,
                return_tensors="np",
            )
            feed = {k: v.astype(np.int64) for k, v in enc.items() if k in self.inputs}
            logits = self.session.run(["logits"], feed)[0]
            e = np.exp(logits - logits.max(-1, keepdims=True))
            scores.extend((e[:, 1] / e.sum(-1)).tolist())
        return scores
