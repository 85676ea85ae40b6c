"""The role-title lexicon: the cheap pre-test never hides a title from the full pattern."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest

from classify import lexicon
from classify.lexicon import _ANY_TITLE, _TITLE_SPECS, _title_hint, role_from_title

try:  # Python 3.11+
    from re import _constants as C
    from re import _parser as P
except ImportError:  # pragma: no cover - older layout
    import sre_constants as C
    import sre_parse as P

ROOT = Path(__file__).resolve().parent.parent


def _strings(items) -> list[str]:
    """Every shortest string a parsed pattern matches, one per combination of branches.

    Repeats take their minimum ("\\w*" adds nothing, "\\w+" one letter), so the
    fragments a title is guaranteed to contain are exactly the literals left over.
    """
    out = [""]
    for op, av in items:
        if op is C.LITERAL:
            opts = [chr(av)]
        elif op is C.IN:
            first = av[0]
            if first[0] is C.LITERAL:
                opts = [chr(first[1])]
            elif first[0] is C.RANGE:
                opts = [chr(first[1][0])]
            elif first[0] is C.CATEGORY:
                opts = ["a"]
            else:  # NEGATE and the like: a letter is outside every set used here
                opts = ["x"]
        elif op is C.ANY:
            opts = ["x"]
        elif op is C.CATEGORY:
            opts = [" " if av is C.CATEGORY_SPACE else "a"]
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT):
            lo, _hi, sub = av
            opts = ["".join(p) for p in itertools.product(_strings(sub), repeat=lo)] or [""]
        elif op is C.SUBPATTERN:
            opts = _strings(av[-1])
        elif op is C.BRANCH:
            opts = [s for branch in av[1] for s in _strings(branch)]
        elif op is C.ASSERT:
            # Lookahead: what must follow is part of the text the title sits in.
            opts = [" " + s.lstrip() if s and s[0] != " " else s for s in _strings(av[1])]
        elif op in (C.ASSERT_NOT, C.AT):
            opts = [""]
        else:  # pragma: no cover - a construct this helper does not know
            raise AssertionError(f"unhandled regex construct {op}")
        out = [a + b for a in out for b in opts]
    return out


def _examples(pattern: str) -> list[str]:
    return sorted(set(_strings(P.parse(pattern))))


@pytest.mark.parametrize("index", range(len(_TITLE_SPECS)))
def test_every_title_alternative_carries_a_hint(index: int) -> None:
    pattern, role, _scope = _TITLE_SPECS[index]
    examples = _examples(pattern)
    assert examples
    for text in examples:
        # The generated text really is a title …
        m = re.match(rf"(?:{pattern})\b", text, re.IGNORECASE)
        assert m, (pattern, text)
        # … and the pre-test lets it through, in the middle of a sentence too.
        assert _title_hint(text), (pattern, text)
        assert _title_hint(f"Det säger {text.upper()} i dag."), (pattern, text)


def test_hint_changes_no_answer_on_real_text() -> None:
    texts = []
    for path in sorted((ROOT / "data" / "labelled").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            texts += [row["text"], row.get("context") or ""]
    assert len(texts) > 1000
    titled = 0
    for text in texts:
        full = _ANY_TITLE.search(text)
        if full:
            titled += 1
            assert _title_hint(full.group(0)), full.group(0)
        assert bool(role_from_title(text)) == bool(full)
    # The data holds titles and plain sentences both, so the test means something.
    assert 0.1 * len(texts) < titled < 0.9 * len(texts)


def test_no_hint_no_title() -> None:
    assert not _title_hint("Bussen går klockan sju från torget.")
    assert role_from_title("Bussen går klockan sju från torget.") is None
    assert role_from_title("säger Eva Berg (C), kommunstyrelsens ordförande i Laxå")[0] == "kso"
    assert len(set(lexicon._TITLE_HINTS)) == len(lexicon._TITLE_HINTS)


def test_lexicon_patterns_match_any_case_and_report_the_original_words() -> None:
    from classify.lexicon import REGION_WORDS, REJECT_CUES

    assert REGION_WORDS.search("REGIONEN sviker oss").group(0) == "REGIONEN"
    cues = [m.group(0) for m in REJECT_CUES.finditer("Det är FEL och en Katastrof")]
    assert cues == ["FEL", "Katastrof"]
    # A text whose lower-casing changes its length still matches, on the original.
    assert REJECT_CUES.search("İ ett fel beslut").group(0) == "fel"


def test_lexicon_patterns_must_be_lower_case() -> None:
    from classify.lexicon import LowerPattern

    with pytest.raises(ValueError, match="lower case"):
        LowerPattern(r"\b(?:Regionen)\b")


def test_crisis_cue_is_not_a_name_or_a_party() -> None:
    from classify.lexicon import REJECT_CUES

    text = "Kristina och Kristdemokraterna om busskrisen: en kris, krisläget är allvarligt."
    assert [m.group(0) for m in REJECT_CUES.finditer(text)] == [
        "busskrisen",
        "kris",
        "krisläget",
        "allvarligt",
    ]


@pytest.mark.parametrize(
    "text,support,reject",
    [
        # Backing a demand or criticism is rejection; backing the region's plan is support.
        ("Kommunstyrelsens ordförande ställer sig bakom kraven.", False, True),
        ("Även oppositionen i Laxå står bakom kravet.", False, True),
        ("Vi ställer oss bakom regionens plan.", True, False),
        # Taking only the parts of a strategy that suit the municipality (DOMAIN.md: rus).
        ("Aneby plockar russinen ur regionens strategi.", False, True),
        ("Kommunen ska bara ta till sig de delar av strategin som gynnar Askersund.", False, True),
        ("Kommunen begär att beslutet omprövas.", False, True),
    ],
)
def test_backing_demands_and_cherry_picking_read_as_rejection(
    text: str, support: bool, reject: bool
) -> None:
    from classify.lexicon import REJECT_CUES, STRONG_REJECT, SUPPORT

    assert bool(SUPPORT.search(text)) is support
    assert bool(STRONG_REJECT.search(text) or REJECT_CUES.search(text)) is reject


@pytest.mark.parametrize(
    "text",
    [
        "Kommunens toppolitiker menar att beslutet är förödande och vill att det ska hävas.",
        "– NU-sjukvården har bestämt detta utan att ta kontakt med oss.",
        "Det här går ju stick i stäv med våra tankar och idéer.",
        "Socialdemokraterna i Lysekils kommun vill ha kvar vårdcentralen i Brastad.",
        "Vänsterpartisterna kallar förslaget ogenomtänkt.",
        "Kommunledningen anser att det är högst anmärkningsvärt.",
    ],
)
def test_judgements_and_demands_without_a_classic_cue_are_rejection_cues(text: str) -> None:
    """The article rule needs rejection in the sentence's own words: these carry it."""
    from classify.lexicon import REJECT_CUES

    assert REJECT_CUES.search(text)


@pytest.mark.parametrize(
    "text",
    [
        "Utredaren kom fram till att det inte är lämpligt för kommunen att bekosta extra turer.",
        "– Det är inte försvarbart att betala den summan.",
        "Skövde kommun gör inget extra tillköp av busslinje 3 under 2017.",
        "De miljoner som Västtrafik vill ha är mycket pengar för oss.",
    ],
)
def test_cannot_pay_phrases(text: str) -> None:
    """'We will not pay for the region's traffic' is a hard negative (DOMAIN.md), not rejection."""
    from classify.lexicon import CANNOT_PAY

    assert CANNOT_PAY.search(text)
