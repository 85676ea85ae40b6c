"""Kept for old imports: the keyword baselines live in classify.models.keyword."""

from classify.models.keyword import KeywordRuleModel, KeywordSearchModel

__all__ = ["KeywordRuleModel", "KeywordSearchModel"]
