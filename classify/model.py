"""The one interface every conflict model implements, and how a model is chosen."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

TOPICS = ("transit", "rus", "other_regional", "none")
ACTOR_ROLES = (
    "kso",
    "kommunalrad",
    "oppositionsrad",
    "kommundirektor",
    "municipal_politician",
    "municipality",
    "regional_politician",
    "regional_official",
    "citizen",
    "state",
    "journalist",
    "other",
)


@dataclass
class Prediction:
    """What a model says about one statement, with the evidence a researcher needs."""

    conflict: int
    score: float
    topic: str = "none"
    actor_role: str | None = None
    municipality: str | None = None
    speaker: str | None = None
    target: str | None = None
    evidence: list[str] = field(default_factory=list)
    speaker_party: str | None = None
    municipality_code: str | None = None
    region_lan_code: str | None = None
    quote_kind: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@runtime_checkable
class ConflictModel(Protocol):
    """A conflict model: a name with version, and batched prediction."""

    name: str

    def predict(
        self, texts: Sequence[str], contexts: Sequence[str | None] | None = None
    ) -> list[Prediction]: ...


class ModelNotFound(Exception):
    """The requested model name or path does not exist."""


MODELS_DIR = Path(__file__).resolve().parent / "models"
DEFAULT_MODEL_FILE = MODELS_DIR / "default.joblib"
DEFAULT_MODEL = "default"


def load_model(name_or_path: str | None = None) -> ConflictModel:
    """Resolve a model name or path to a ready model (the shipped default when None).

    Names: "default" (the trained linear model in classify/models/),
    "provisional-keywords" (the keyword rule, kept as the baseline), "keyword-search" (the
    looser target AND rejection-word search, the second baseline). Paths: a
    .joblib file from `bevakning train`, or a directory holding a fine-tuned
    BERT (config.json) or its ONNX export (model.onnx).
    """
    name = name_or_path or DEFAULT_MODEL
    if name in ("provisional-keywords", "keywords"):
        from classify.provisional import KeywordRuleModel

        return KeywordRuleModel()
    if name == "keyword-search":
        from classify.provisional import KeywordSearchModel

        return KeywordSearchModel()
    path = DEFAULT_MODEL_FILE if name == DEFAULT_MODEL else Path(name)
    if path.is_file():
        from classify.linear import LinearConflictModel

        try:
            return LinearConflictModel.load(path)
        except Exception as exc:  # a corrupt or foreign file is bad input, not a crash
            raise ModelNotFound(f"cannot load model {path}: {exc}") from exc
    if path.is_dir() and (path / "model.onnx").is_file():
        from classify.bert import OnnxConflictModel

        return OnnxConflictModel(path)
    if path.is_dir() and (path / "config.json").is_file():
        from classify.bert import BertConflictModel

        return BertConflictModel(path)
    if name == DEFAULT_MODEL:
        raise ModelNotFound(f"default model file missing: {path} (run `bevakning train`)")
    raise ModelNotFound(f"unknown model: {name}")
