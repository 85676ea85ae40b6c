"""The one interface every conflict model implements, and what a prediction holds.

Implementations (linear, bert, encoder, keyword) import from here and never from each
other; `classify.models.load_model` chooses one by name or path.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    from classify.features import StatementFeatures

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

    @classmethod
    def from_features(
        cls,
        f: StatementFeatures,
        *,
        conflict: int,
        score: float,
        topic: str,
        actor_role: str | None,
        evidence: list[str],
    ) -> Prediction:
        """A model's decision with the rules' speaker and target filled in, as every model
        reports them (municipality, party, codes and county from the attribution)."""
        sp, target = f.speaker, f.target
        return cls(
            conflict=conflict,
            score=score,
            topic=topic,
            actor_role=actor_role,
            municipality=sp.municipality if sp else None,
            speaker=sp.name if sp else None,
            target=target.name if target else None,
            evidence=evidence,
            speaker_party=sp.party if sp else None,
            municipality_code=sp.municipality_code if sp else None,
            region_lan_code=(target.lan_code if target else None)
            or (sp.region_lan_code if sp else None),
            quote_kind=f.quote_kind,
        )


@runtime_checkable
class ConflictModel(Protocol):
    """A conflict model: a name with version, and batched prediction."""

    name: str

    def predict(
        self, texts: Sequence[str], contexts: Sequence[str | None] | None = None
    ) -> list[Prediction]: ...


class ModelNotFound(Exception):
    """The requested model name or path does not exist."""


class StatementModel:
    """What the default and the BERT models share: attribution first, then the features."""

    def predict_features(
        self,
        texts: Sequence[str],
        feats: Sequence[StatementFeatures],
        contexts: Sequence[str | None] | None = None,
        *,
        article: bool = False,
    ) -> list[Prediction]:
        raise NotImplementedError

    def predict(
        self, texts: Sequence[str], contexts: Sequence[str | None] | None = None
    ) -> list[Prediction]:
        contexts = list(contexts) if contexts is not None else [None] * len(texts)
        from classify.features import statement_features

        feats = [statement_features(t, c) for t, c in zip(texts, contexts, strict=True)]
        return self.predict_features(texts, feats, contexts)
