"""What the rules know about a statement, as evidence and as model features.

The trained model sees the words; these features add what words alone miss:
who speaks (after attribution across the context), what regional target is
named, how the statement is spoken, and the stance cues of the lexicon.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from classify.attribution import Speaker, attribute_text
from classify.lexicon import (
    CANNOT_PAY,
    DECISION_WORDS,
    FIRST_PERSON,
    INTERNAL,
    NEGATION,
    OWN_MONEY,
    REGION_WORDS,
    REJECT_CUES,
    RUS_WORDS,
    STATE_TARGETS,
    STRONG_REJECT,
    SUPPORT,
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
    "decision": "other_regional",
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
    stance: list[str] = field(default_factory=list)  # strong_reject, support, cannot_pay, …
    context_state: bool = False

    @property
    def actor(self) -> str:
        """The speaker's side: municipal, regional, state, citizen, journalist, other or none."""
        sp = self.speaker
        if sp is None or sp.role is None:
            return "none"
        if sp.is_municipal:
            return "municipal"
        if sp.is_regional:
            return "regional"
        return sp.role if sp.role in ("state", "citizen", "journalist") else "other"

    @property
    def rejects(self) -> bool:
        """A stance cue of rejection that support or "cannot pay" does not outweigh."""
        return "strong_reject" in self.stance or (
            bool(self.reject_cues) and len(self.support_cues) <= len(self.reject_cues)
        )

    @property
    def target(self) -> Target | None:
        """The most specific target: named ones before generic words, text before context."""
        if not self.targets:
            return None
        return sorted(
            self.targets,
            key=lambda t: (
                t.in_context,
                t.kind == "decision",
                t.kind in ("transit", "other_regional"),
                _TOPIC_RANK[t.topic],
            ),
        )[0]

    @property
    def named_targets(self) -> list[Target]:
        """Targets other than bare decision words."""
        return [t for t in self.targets if t.kind != "decision"]

    @property
    def topic(self) -> str:
        named = self.named_targets
        own = [t for t in named if not t.in_context] or named
        if not own:
            return "none"
        return min((t.topic for t in own), key=_TOPIC_RANK.__getitem__)

    def tokens(self) -> list[str]:
        """Feature tokens for the model (one string each, no spaces)."""
        sp = self.speaker
        role = sp.role if sp and sp.role else "none"
        actor = self.actor
        src = "none" if sp is None else "context" if sp.how.startswith("context") else "text"
        how = sp.how.split(":")[-1] if sp else "none"
        toks = [f"role={role}", f"actor={actor}", f"qk={self.quote_kind}", f"spsrc={src}"]
        toks.append(f"how={how}")
        toks.append(f"actor={actor}&qk={self.quote_kind}")
        own = [t for t in self.named_targets if not t.in_context]
        ctx = [t for t in self.named_targets if t.in_context]
        toks += sorted({f"target={t.kind}" for t in self.targets if not t.in_context})
        toks += sorted({f"ctxtarget={t.kind}" for t in ctx})
        has_target = bool(self.targets)
        if not has_target:
            toks.append("target=none")
        if self.state_target:
            toks.append("target=state")
            if not own:
                toks.append("target=state_only")
        if self.context_state:
            toks.append("ctxtarget=state")
        toks += [f"cue={c.lower().replace(' ', '_')}" for c in self.reject_cues]
        toks += ["reject"] * min(len(self.reject_cues), 3)
        toks += ["support"] * min(len(self.support_cues), 2)
        toks += [f"stance={s}" for s in self.stance]
        stance = "reject" if self.rejects else "support" if self.support_cues else "plain"
        if "support" in self.stance and "strong_reject" not in self.stance:
            stance = "support"
        if "cannot_pay" in self.stance:
            stance = "cannot_pay"
        decision = any(t.kind == "decision" for t in self.targets)
        tgt = "regional" if own else "ctxregional" if ctx else "decision" if decision else "none"
        if self.state_target and not own:
            tgt = "state"
        toks += [
            f"actor={actor}&stance={stance}",
            f"actor={actor}&tgt={tgt}",
            f"actor={actor}&tgt={tgt}&stance={stance}",
            f"tgt={tgt}&stance={stance}",
        ]
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
    if not out and (m := DECISION_WORDS.search(text)):
        out.append(Target(m.group(0), "decision", None, in_context))
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
    if context and all(t.kind == "decision" for t in targets):
        targets += [t for t in find_targets(context, in_context=True) if t.kind != "decision"]
    state = STATE_TARGETS.search(text)
    return StatementFeatures(
        speaker=speaker,
        quote_kind=quote_kind or "narrative",
        targets=targets,
        state_target=state.group(0) if state else None,
        reject_cues=[m.group(0) for m in REJECT_CUES.finditer(text)],
        support_cues=[m.group(0) for m in SUPPORT_CUES.finditer(text)],
        stance=stance_classes(text),
        context_state=bool(context and STATE_TARGETS.search(context)),
    )


# Stance classes in the order evidence lists them, each with the words that show it.
_STANCE_PATTERNS = (
    ("strong_reject", STRONG_REJECT),
    ("support", SUPPORT),
    ("cannot_pay", CANNOT_PAY),
    ("internal", INTERNAL),
    ("own_money", OWN_MONEY),
    ("negation", NEGATION),
    ("first_person", FIRST_PERSON),
)


def stance_classes(text: str) -> list[str]:
    """Which stance classes a statement's own words show (for features and evidence)."""
    out = [name for name, rx in _STANCE_PATTERNS if rx.search(text)]
    if "?" in text:
        out.append("question")
    return out
