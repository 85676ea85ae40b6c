"""Encoder against the linear model on the validation split (held-out TRAINING pages).

Both are fitted on the same four fifths of the training pages (the encoder's own
`validation_split`, seed 0) and scored on the fifth held out; the test split is not read.
Prints F1/P/R on all held-out rows and on real rows, and speaker-role accuracy.

Run: python benchmarks/encoder_validation.py [ENCODER_DIR]   (default models/encoder,
     trained by `bevakning train --backend encoder`)
Note: the encoder's threshold and epoch were chosen on these same held-out rows, so its
figure is optimistic; the linear model chose its own by cross-validation on the fit rows.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from classify.evaluate import prf  # noqa: E402
from classify.models.encoder import EncoderConflictModel, validation_split  # noqa: E402
from classify.models.linear import train_linear  # noqa: E402
from classify.training import TRAIN_FILE, read_labelled  # noqa: E402


def report(name: str, held: list[dict], preds) -> None:
    y = [int(r["conflict"]) for r in held]
    p = [int(x.conflict) for x in preds]
    real = [i for i, r in enumerate(held) if r.get("origin") in ("real", "adapted")]
    a = prf(y, p)
    b = prf([y[i] for i in real], [p[i] for i in real])
    roles = [i for i, r in enumerate(held) if r.get("actor_role")]
    acc = sum((preds[i].actor_role or "") == held[i]["actor_role"] for i in roles) / len(roles)
    print(
        f"{name:>10}: all n={len(held)} P={a['precision']:.3f} R={a['recall']:.3f} "
        f"F1={a['f1']:.3f} | real n={len(real)} P={b['precision']:.3f} R={b['recall']:.3f} "
        f"F1={b['f1']:.3f} | role accuracy {acc:.3f}"
    )


def main() -> None:
    rows = read_labelled(TRAIN_FILE)
    fit, held_idx = validation_split(rows, 0)
    held = [rows[i] for i in held_idx]
    texts = [r["text"] for r in held]
    contexts = [r.get("context") or None for r in held]
    enc = EncoderConflictModel(sys.argv[1] if len(sys.argv) > 1 else "models/encoder")
    report("encoder", held, enc.predict(texts, contexts))
    linear, _ = train_linear([rows[i] for i in fit], seed=0)
    report("linear", held, linear.predict(texts, contexts))


if __name__ == "__main__":
    main()
