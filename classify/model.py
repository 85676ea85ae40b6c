"""The one interface every conflict model implements, and how a model is chosen."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
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


DEFAULT_MODEL = "provisional-keywords"


def load_model(name_or_path: str | None = None) -> ConflictModel:
    """Resolve a model name or path to a ready model (the default when None)."""
    name = name_or_path or DEFAULT_MODEL
    if name in ("provisional-keywords", "keywords"):
        from classify.provisional import KeywordRuleModel

        return KeywordRuleModel()
    raise ModelNotFound(f"unknown model: {name}")
