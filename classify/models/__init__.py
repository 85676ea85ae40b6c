"""Conflict models: the interface (base), implementations beside it, and how one is chosen.

Implementations are imported only when asked for, so the command line stays instant and
no implementation module imports this registry or another implementation.
"""

from __future__ import annotations

from pathlib import Path

from classify.models.base import ConflictModel, ModelNotFound, Prediction

__all__ = [
    "DEFAULT_MODEL",
    "DEFAULT_MODEL_FILE",
    "MODELS_DIR",
    "ConflictModel",
    "ModelNotFound",
    "Prediction",
    "load_model",
]

MODELS_DIR = Path(__file__).resolve().parent
DEFAULT_MODEL_FILE = MODELS_DIR / "default.joblib"
DEFAULT_MODEL = "default"
# `bevakning train --backend encoder` writes here unless told otherwise.
ENCODER_MODEL = "encoder"
ENCODER_DIR = Path("models/encoder")


def load_model(name_or_path: str | None = None) -> ConflictModel:
    """Resolve a model name or path to a ready model (the shipped default when None).

    Names: "default" (the trained linear model in classify/models/),
    "provisional-keywords" (the keyword rule, kept as the baseline), "keyword-search" (the
    looser target AND rejection-word search, the second baseline). Paths: a
    .joblib file from `bevakning train`, or a directory holding a fine-tuned
    BERT (config.json) or its ONNX export (model.onnx), or an encoder model
    (encoder.json; "encoder" names models/encoder).
    """
    name = name_or_path or DEFAULT_MODEL
    if name in ("provisional-keywords", "keywords"):
        from classify.models.keyword import KeywordRuleModel

        return KeywordRuleModel()
    if name == "keyword-search":
        from classify.models.keyword import KeywordSearchModel

        return KeywordSearchModel()
    path = DEFAULT_MODEL_FILE if name == DEFAULT_MODEL else Path(name)
    if name == ENCODER_MODEL:
        path = ENCODER_DIR
    if path.is_dir() and (path / "encoder.json").is_file():
        from classify.models.e5 import EncoderFileError
        from classify.models.encoder import EncoderConflictModel, EncoderModelError

        try:
            return EncoderConflictModel(path)
        except (EncoderModelError, EncoderFileError) as exc:
            raise ModelNotFound(str(exc)) from exc
    if path.is_file():
        from classify.models.linear import LinearConflictModel

        try:
            return LinearConflictModel.load(path)
        except Exception as exc:  # a corrupt or foreign file is bad input, not a crash
            raise ModelNotFound(f"cannot load model {path}: {exc}") from exc
    if path.is_dir() and (path / "model.onnx").is_file():
        from classify.models.bert import OnnxConflictModel

        return OnnxConflictModel(path)
    if path.is_dir() and (path / "config.json").is_file():
        from classify.models.bert import BertConflictModel

        return BertConflictModel(path)
    if name == ENCODER_MODEL:
        raise ModelNotFound(
            f"encoder model missing: {path} (run `bevakning train --backend encoder`)"
        )
    if name == DEFAULT_MODEL:
        raise ModelNotFound(f"default model file missing: {path} (run `bevakning train`)")
    raise ModelNotFound(f"unknown model: {name}")
