"""How a statement is spoken: pratminus quote, quotation marks, indirect speech or narrative.

Swedish papers mostly open a quote paragraph with a dash ("– Det här är fel,
säger …"); quotation marks (”…”, "…") are rarer; indirect speech hangs on a
verb ("menar att", "anser att") or "enligt".
"""

from __future__ import annotations

import re

from classify.lexicon import INDIRECT_SPEECH

PRATMINUS = re.compile(r"^\s*[–—-]\s*")
QUOTED = re.compile(r"[”“\"«»]([^”“\"«»]{3,})[”“\"«»]")

QUOTE_KINDS = ("headline", "pratminus", "quote", "indirect", "narrative")


def is_pratminus(paragraph: str) -> bool:
    """A paragraph that opens with a dash is direct speech in Swedish news style."""
    return bool(PRATMINUS.match(paragraph))


def quote_kind(sentence: str, *, in_pratminus: bool = False, headline: bool = False) -> str:
    """Classify how a sentence carries speech (one of QUOTE_KINDS)."""
    if headline:
        return "headline"
    if in_pratminus or is_pratminus(sentence):
        return "pratminus"
    if QUOTED.search(sentence):
        return "quote"
    if INDIRECT_SPEECH.search(sentence):
        return "indirect"
    return "narrative"


def strip_dash(sentence: str) -> str:
    """The sentence without its leading pratminus."""
    return PRATMINUS.sub("", sentence, count=1)
