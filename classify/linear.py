"""Kept for old imports: the linear model lives in classify.models.linear."""

from classify.models.cv import grouped_folds, page_groups, selection_weights
from classify.models.gates import (
    GATES,
    article_gate,
    has_stance_evidence,
    passes_gate,
    reported_role,
)
from classify.models.linear import (
    DEFAULT_GRID,
    FORMAT_VERSION,
    MODEL_NAME,
    LinearConflictModel,
    stance_labels,
    train_linear,
)

__all__ = [
    "DEFAULT_GRID",
    "FORMAT_VERSION",
    "GATES",
    "MODEL_NAME",
    "LinearConflictModel",
    "article_gate",
    "grouped_folds",
    "has_stance_evidence",
    "page_groups",
    "passes_gate",
    "reported_role",
    "selection_weights",
    "stance_labels",
    "train_linear",
]
