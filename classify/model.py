"""Kept for old imports: the interface lives in classify.models.base, the choice in
classify.models. Nothing here imports an implementation."""

from classify.models import DEFAULT_MODEL, DEFAULT_MODEL_FILE, MODELS_DIR, load_model
from classify.models.base import (
    ACTOR_ROLES,
    TOPICS,
    ConflictModel,
    ModelNotFound,
    Prediction,
    StatementModel,
)

__all__ = [
    "ACTOR_ROLES",
    "DEFAULT_MODEL",
    "DEFAULT_MODEL_FILE",
    "MODELS_DIR",
    "TOPICS",
    "ConflictModel",
    "ModelNotFound",
    "Prediction",
    "StatementModel",
    "load_model",
]
