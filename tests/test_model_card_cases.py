"""The model card's conflict-cases section: written by benchmarks/cases_real.py --card,
kept when `bevakning evaluate` regenerates the card (model_card()). No test split is read:
the card is generated from a tiny hand-made set scored by the keyword baseline."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from classify.evaluate import (
    CASES_SECTION_END,
    CASES_SECTION_START,
    MODEL_CARD,
    cases_section,
    evaluate_model,
    model_card,
    with_cases_section,
)
from classify.models import load_model

ROOT = Path(__file__).resolve().parent.parent
ROWS = [
    {"id": 1, "text": "– Det är ett svek att Länstrafiken drar in linjen, säger hon.",
     "context": "säger kommunalrådet i Laxå.", "conflict": 1, "topic": "transit",
     "actor_role": "kommunalrad", "origin": "real", "source_url": "https://a.se/1"},
    {"id": 2, "text": "Länstrafiken har en ny tidtabell från december.", "conflict": 0,
     "topic": "transit", "actor_role": "", "origin": "real", "source_url": "https://a.se/2"},
]  # fmt: skip
SECTION = (
    f"{CASES_SECTION_START} (test) -->\n## Conflict cases on real articles\n\n"
    f"| set | case precision |\n|---|---|\n| real | 0.750 |\n{CASES_SECTION_END}"
)


def _card(keep_from: Path | None) -> str:
    model = load_model("keyword-search")
    result = evaluate_model(model, ROWS)
    sizes = {"train": 0, "train_pos": 0, "train_real": 0, "test": 2, "test_pos": 1, "test_real": 2}
    return model_card(model, result, [(model.name, result)], sizes, keep_from=keep_from)


def test_regenerating_the_card_keeps_the_cases_section(tmp_path: Path) -> None:
    card = tmp_path / "model-card.md"
    assert SECTION not in _card(keep_from=None)
    card.write_text(with_cases_section(_card(keep_from=None), SECTION), encoding="utf-8")
    for _ in range(2):  # regenerate twice: the section stays, once, before the recipe
        text = _card(keep_from=card)
        card.write_text(text, encoding="utf-8")
        assert text.count(CASES_SECTION_START) == 1 and SECTION in text
        assert text.index(SECTION) < text.index("## How to reproduce")
    assert cases_section(text) == SECTION


def test_a_new_section_replaces_the_old_one() -> None:
    card = "# Card\n\n## How to reproduce\n\nrun it\n"
    once = with_cases_section(card, SECTION)
    newer = SECTION.replace("0.750", "0.800")
    twice = with_cases_section(once, newer)
    assert twice.count(CASES_SECTION_START) == 1 and "0.800" in twice and "0.750" not in twice
    assert with_cases_section("# Card\n", SECTION).endswith(SECTION + "\n")  # no recipe heading
    assert cases_section("# Card\n") is None


def test_the_shipped_card_has_the_section_with_both_sets() -> None:
    section = cases_section(MODEL_CARD.read_text(encoding="utf-8"))
    assert section is not None
    assert "real articles (data/cases/real_articles.jsonl)" in section
    assert "demo answer key (demo/sites/ANSWERS.json)" in section
    assert "python benchmarks/cases_real.py --card" in section
    assert section in _card(keep_from=MODEL_CARD)


def _cases_real():
    spec = importlib.util.spec_from_file_location("cases_real", ROOT / "benchmarks/cases_real.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cases_real_writes_the_section_into_a_card(tmp_path: Path) -> None:
    cr = _cases_real()
    units = [
        {"url": "a", "expected_cases": [{"municipality": "Laxå", "actor_roles": ["kso"]}]},
        {"url": "b", "expected_cases": []},
    ]
    found = {0: [{"municipality": "Laxå", "actor_role": "kso"}], 1: [{"municipality": "Tierp"}]}
    result = cr.figures(units, found)
    assert (result["precision"], result["recall"], result["role"]) == (0.5, 1.0, 1.0)
    section = cr.card_section("test-model", result, result)
    card = tmp_path / "card.md"
    card.write_text("# Card\n\n## How to reproduce\n", encoding="utf-8")
    cr.write_card(card, section)
    cr.write_card(card, section)
    text = card.read_text(encoding="utf-8")
    assert text.count("## Conflict cases on real articles") == 1
    assert "| 2 articles | 1 | 2 | 0.500 (" in text
    with pytest.raises(SystemExit, match="no model card"):
        cr.write_card(tmp_path / "missing.md", section)
