"""What the rules know about a statement, as evidence and as model features.

The trained model sees the words; these features add what words alone miss:
who speaks (after attribution across the context), what regional target is
named, how the statement is spoken, and the stance cues of the lexicon.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from classify.attribution import Speaker, attribute_text
from classify.lexicon import (
    REGION_WORDS,
    REJECT_CUES,
    RUS_WORDS,
    STATE_TARGETS,
    SUPPORT_CUES,
    TRANSIT_WORDS,
)
from classify.places import gazetteer

_KIND_TOPIC = {
    "transit_brand": "transit",
    "transit": "transit",
    "rus": "rus",
    "regional_plan": "rus",
    "region": "other_regional",
    "other_regional": "other_regional",
}
_TOPIC_RANK = {"transit": 0, "rus": 1, "other_regional": 2}


@dataclass
class Target:
    """A regional priority the statement is about ("Länstrafiken Örebro", "RUS", "busslinje")."""

    name: str
    kind: str  # transit_brand | region | rus | regional_plan | transit | other_regional
    lan_code: str | None = None
    in_context: bool = False

    @property
    def topic(self) -> str:
        return _KIND_TOPIC.get(self.kind, "other_regional")


@dataclass
class StatementFeatures:
    """Attribution, targets and cues of one statement (with its context)."""

    speaker: Speaker | None
    quote_kind: str
    targets: list[Target] = field(default_factory=list)
    state_target: str | None = None
    reject_cues: list[str] = field(default_factory=list)
    support_cues: list[str] = field(default_factory=list)

    @property
    def target(self) -> Target | None:
        """The most specific target: named ones before generic words, text before context."""
        if not self.targets:
            return None
        return sorted(
            self.targets,
            key=lambda t: (
                t.in_context,
                t.kind in ("transit", "other_regional"),
                _TOPIC_RANK[t.topic],
            ),
        )[0]

    @property
    def topic(self) -> str:
        own = [t for t in self.targets if not t.in_context] or self.targets
        if not own:
            return "none"
        return min((t.topic for t in own), key=_TOPIC_RANK.__getitem__)

    def tokens(self) -> list[str]:
        """Feature tokens for the model (one string each, no spaces)."""
        sp = self.speaker
        role = sp.role if sp and sp.role else "none"
        actor = (
            "municipal"
            if sp and sp.is_municipal
            else "regional"
            if sp and sp.is_regional
            else "other"
            if sp
            else "none"
        )
        toks = [f"role={role}", f"actor={actor}", f"qk={self.quote_kind}"]
        own = [t for t in self.targets if not t.in_context]
        ctx = [t for t in self.targets if t.in_context]
        toks += sorted({f"target={t.kind}" for t in own})
        toks += sorted({f"ctxtarget={t.kind}" for t in ctx})
        has_target = bool(self.targets)
        if not has_target:
            toks.append("target=none")
        if self.state_target:
            toks.append("target=state")
        toks += [f"cue={c.lower().replace(' ', '_')}" for c in self.reject_cues]
        toks += ["reject"] * min(len(self.reject_cues), 3)
        toks += ["support"] * min(len(self.support_cues), 2)
        if actor == "municipal":
            if has_target:
                toks.append("municipal&target")
            if self.reject_cues:
                toks.append("municipal&reject")
                if has_target:
                    toks.append("municipal&target&reject")
        if actor == "regional" and self.reject_cues:
            toks.append("regional&reject")
        return toks


def find_targets(text: str, *, in_context: bool = False) -> list[Target]:
    """Regional targets named in a text: gazetteer names first, then generic words."""
    out = [
        Target(m.name, m.kind, getattr(m, "lan_code", None), in_context)
        for m in gazetteer().find_regional_targets(text)
    ]
    if m := TRANSIT_WORDS.search(text):
        out.append(Target(m.group(0), "transit", None, in_context))
    if m := RUS_WORDS.search(text):
        out.append(Target(m.group(0), "rus", None, in_context))
    if m := REGION_WORDS.search(text):
        out.append(Target(m.group(0), "other_regional", None, in_context))
    return out


def statement_features(
    text: str,
    context: str | None = None,
    speaker: Speaker | None = None,
    quote_kind: str | None = None,
) -> StatementFeatures:
    """Features of one statement; pass speaker/quote_kind when an article walk resolved them."""
    if speaker is None and quote_kind is None:
        speaker, quote_kind = attribute_text(text, context)
    targets = find_targets(text)
    if context and not targets:
        targets = find_targets(context, in_context=True)
    state = STATE_TARGETS.search(text)
    return StatementFeatures(
        speaker=speaker,
        quote_kind=quote_kind or "narrative",
        targets=targets,
        state_target=state.group(0) if state else None,
        reject_cues=[m.group(0) for m in REJECT_CUES.finditer(text)],
        support_cues=[m.group(0) for m in SUPPORT_CUES.finditer(text)],
    )
