"""Provisional keyword rules, clearly named as such: the baselines of the model card.

They encode what staff do today with boolean searches: a regional target word, a
municipal actor word and a rejection word in the same statement (the strict rule), or
only a target and a rejection word (the looser search). They are what the trained
model must beat, not models anyone should trust.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from classify.models.base import Prediction

TRANSIT = re.compile(
    r"\b(buss\w*|linje\w*|hållplats\w*|turer|turen|tåg\w*|kollektivtrafik\w*|länstrafik\w*|"
    r"västtrafik|skånetrafiken|jlt|ul|sl|x-trafik|dalatrafik|din tur|östgötatrafiken|"
    r"hallandstrafiken|värmlandstrafik|sörmlandstrafiken|blekingetrafiken|vl|taxa\w*|biljett\w*)\b",
    re.IGNORECASE,
)
RUS = re.compile(
    r"\b(rus|rufs|regional\w* utvecklingsstrategi\w*|utvecklingsstrategi\w*|regionplan\w*|"
    r"länstransportplan\w*)\b",
    re.IGNORECASE,
)
REGION = re.compile(r"\b(region\w*|landsting\w*)\b", re.IGNORECASE)
MUNICIPAL = re.compile(
    r"\b(kommunstyrelsens ordförande|kommunalråd\w*|oppositionsråd\w*|kommundirektör\w*|"
    r"kommunchef\w*|kommunledning\w*|kommunen|kommunens)\b",
    re.IGNORECASE,
)
REJECT = re.compile(
    r"\b(fel|felaktig\w*|svek|sviker|protest\w*|kritik\w*|kritisera\w*|kritisk\w*|accepter\w* inte|"
    r"inte acceptera\w*|orimlig\w*|oacceptab\w*|motsätt\w*|rasar|ilsk\w*|upprörd\w*|"
    r"inte (att )?acceptera\w*|struntar|inte relevant|irrelevant|kräver|river upp|slår mot|drabbar|"
    r"besviken|besvikna|säger nej|nej till)\b",
    re.IGNORECASE,
)


class KeywordRuleModel:
    """Provisional rule: municipal actor + regional target + rejection word."""

    name = "provisional-keywords-v0"
    # Whether a municipal word must be present too; the looser search below drops it.
    require_actor = True

    def predict(
        self, texts: Sequence[str], contexts: Sequence[str | None] | None = None
    ) -> list[Prediction]:
        contexts = contexts or [None] * len(texts)
        return [self._one(t, c) for t, c in zip(texts, contexts, strict=True)]

    def _one(self, text: str, context: str | None) -> Prediction:
        both = f"{text} {context or ''}"
        evidence: list[str] = []
        topic = "none"
        if m := TRANSIT.search(both):
            topic, target = "transit", m.group(0)
        elif m := RUS.search(both):
            topic, target = "rus", m.group(0)
        elif m := REGION.search(both):
            topic, target = "other_regional", m.group(0)
        else:
            target = None
        if target:
            evidence.append(f"target:{target}")
        actor = MUNICIPAL.search(both)
        if actor:
            evidence.append(f"actor:{actor.group(0)}")
        reject = REJECT.search(text)
        if reject:
            evidence.append(f"stance:{reject.group(0)}")
        hits = sum(bool(x) for x in (target, actor, reject))
        conflict = int(hits == 3 if self.require_actor else bool(target and reject))
        return Prediction(
            conflict=conflict,
            score=round(hits / 3, 3),
            topic=topic,
            actor_role="municipality" if actor else None,
            target=target,
            evidence=evidence,
        )


class KeywordSearchModel(KeywordRuleModel):
    """A looser boolean search: a regional target word (statement or its context) AND a
    rejection word in the statement, as in "(Länstrafiken OR buss* OR RUS) AND (kritik*
    OR protest* OR nej)". Staff read the hits to find who speaks; it is the second
    baseline, because requiring a municipal word in the same sentence misses most quotes.
    """

    name = "keyword-search-v0"
    require_actor = False
