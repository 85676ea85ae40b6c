"""The rule gates every model may apply: who speaks and about what, by DOMAIN.md.

Shared by the linear, BERT and encoder models, so none imports another's internals.
"""

from __future__ import annotations

from classify.features import StatementFeatures

# Gates, strictest first. "strict": the attribution found a municipal speaker and the
# statement (or its context) names a regional target, not only the state. "soft": the
# same, except that an unresolved speaker is left to the model's words (quotes whose
# speaker the attribution could not place). "none": the model alone.
# "speaker": a municipal speaker and no state-only target; a missing target is left to the
# model ("Även Sigtunas kommunstyrelses ordförande är kritisk." names none).
GATES = ("strict", "speaker", "soft", "none")


def passes_gate(feats: StatementFeatures, gate: str) -> bool:
    """Whether the rules let the model flag: the speaker and target conditions of DOMAIN.md."""
    if gate == "none":
        return True
    # A named regional body or plan in the statement itself outweighs a state actor named
    # in the statement or its context; a generic "bussen" or "beslutet" does not.
    own_specific = any(
        not t.in_context and t.kind not in ("transit", "decision") for t in feats.targets
    )
    state = bool(feats.state_target or feats.context_state)
    # A bare "beslutet" or "förslaget" is not a regional target: a municipal actor who
    # calls the school board's decision wrong is not the conflict. Something regional
    # (a region, brand, plan, or a transit word) must be named in the statement or its
    # context; in whole articles the headline and lead offer theirs.
    target_ok = bool(feats.named_targets) and not (state and not own_specific)
    actor = feats.actor
    if gate == "strict":
        return actor == "municipal" and target_ok
    if gate == "speaker":
        return actor == "municipal" and not (state and not own_specific)
    return actor in ("municipal", "none") and target_ok


_NAMED_REGIONAL = frozenset({"region", "transit_brand", "rus", "regional_plan"})


def has_stance_evidence(feats: StatementFeatures, text: str) -> bool:
    """Rejection in the statement's own words, as whole articles require it.

    A rejection cue or a plain negation ("inte", "nej", "aldrig") counts, unless the
    words say support, "we cannot pay" or a quarrel inside the municipality instead
    (DOMAIN.md's hard negatives), without an explicit refusal beside them.
    """
    from classify.lexicon import HARD_NEGATION

    strong = "strong_reject" in feats.stance
    cue = bool(feats.reject_cues) or strong or bool(HARD_NEGATION.search(text))
    if not cue:
        return False
    if not strong and any(s in feats.stance for s in ("support", "cannot_pay", "internal")):
        return False
    if "internal" in feats.stance and not any(
        not t.in_context and t.kind in _NAMED_REGIONAL for t in feats.targets
    ):
        # "Oppositionen kritiserar …", "majoriteten har inte lyssnat": a quarrel inside the
        # municipality, unless the sentence itself names the region, its plan or transit brand.
        return False
    return len(feats.support_cues) <= len(feats.reject_cues) or strong


def reported_role(feats: StatementFeatures, conflict: int) -> str | None:
    """The role shown to users: the attributed one; an unattributed narrative sentence or
    headline that is not flagged is the journalist's own voice (the annotation convention)."""
    if feats.speaker is not None and feats.speaker.role:
        return feats.speaker.role
    if not conflict and feats.quote_kind in ("narrative", "headline"):
        return "journalist"
    return None


def article_gate(feats: StatementFeatures, gate: str, article: bool) -> bool:
    """The model's gate; in whole articles also the strict one.

    An article always offers its headline and lead as context, so a statement whose
    article names no regional target is not about a regional priority.
    """
    return passes_gate(feats, gate) and (not article or passes_gate(feats, "strict"))


# Where the reported role comes from: the attribution rules, a learned role head, or the
# rules where they found a speaker and the head elsewhere. Training chooses by accuracy on
# rows it did not fit.
ROLE_SOURCES = ("rule", "head", "rule_then_head")


def choose_role(source: str, f: StatementFeatures, head: str | None, conflict: int) -> str | None:
    """The role to report from the rule's attribution and the head's guess (see ROLE_SOURCES)."""
    rule = reported_role(f, conflict)
    head_role = None if head in (None, "none") else head
    if source == "rule" or head is None:
        return rule
    if source == "head":
        return head_role
    return f.speaker.role if f.speaker is not None and f.speaker.role else head_role


def role_choice(rows, feats, head_roles) -> tuple[str, dict]:
    """Which role source is most often right on held-out rows, with each source's accuracy."""
    truth = [r.get("actor_role") or "" for r in rows]
    acc = {}
    for src in ROLE_SOURCES:
        got = [choose_role(src, f, h, 0) or "" for f, h in zip(feats, head_roles, strict=True)]
        acc[src] = round(
            sum(a == b for a, b in zip(got, truth, strict=True)) / max(len(rows), 1), 4
        )
    best = max(ROLE_SOURCES, key=lambda s: (acc[s], -ROLE_SOURCES.index(s)))
    return best, acc
