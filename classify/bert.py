"""Kept for old imports: the KB-BERT model lives in classify.models.bert."""

from classify.models.bert import (
    BertConflictModel,
    OnnxConflictModel,
    _select_on_validation,
    _split_validation,
    export_onnx,
    train_bert,
)

__all__ = [
    "BertConflictModel",
    "OnnxConflictModel",
    "_select_on_validation",
    "_split_validation",
    "export_onnx",
    "train_bert",
]
