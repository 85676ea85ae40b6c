"""The default model's decision: features, gate, stance head, grouped folds, and the
article pipeline flagging exactly what the model decides."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from classify.attribution import attribute_text
from classify.features import stance_classes, statement_features
from classify.linear import (
    LinearConflictModel,
    grouped_folds,
    has_stance_evidence,
    page_groups,
    passes_gate,
    selection_weights,
    stance_labels,
)
from classify.model import load_model
from classify.pipeline import classify_articles, walk_article
from db import open_db


@pytest.mark.parametrize(
    "text,context,role",
    [
        # A regional seat named after the person's name and party.
        (
            "– Det ligger på länstrafiken att kommunicera ut detta.",
            "säger samhällsbyggnadsnämndens ordförande Nina Höijer (S), Region Örebro län.",
            "regional_politician",
        ),
        (
            "Moderaterna har länge kämpat för Linde lasarett.",
            "Sebastian Cehlin, oppositionsråd (M) Region Örebro län.",
            "regional_politician",
        ),
        # The regional seat in brackets after the title.
        (
            "Då få reser med kollektivtrafik måste förslaget ställas mot kostnaderna.",
            "Kan du lova senare bussturer? Magnus Leivik, gruppledare (landstinget Sörmland)",
            "regional_politician",
        ),
        # A party group of a municipality speaks for it.
        (
            "Socialdemokraterna i Ljungby kommun står inte bakom förslaget att stänga akuten.",
            None,
            "municipal_politician",
        ),
        # Named only with a municipal workplace in the context line.
        (
            "– Det står att linje 119 ska läggas om, säger Johanna Kaaman.",
            "Johanna Kaaman på Kävlinge kommuns strategiska avdelning.",
            "municipality",
        ),
        # The context line gives the role of a speaker the statement names bare.
        (
            "– Östgötatrafikens styrelse har inte rollen att avgöra den, säger Paul Lindvall.",
            "Kommunstyrelsens ordförande i Linköping.",
            "kso",
        ),
        # Institution after an opening adverb.
        ("Nu protesterar kommunen mot de förändringar som planeras.", None, "municipality"),
        # The transit company as speaker.
        ("JLT anser att man måste spara pengar.", None, "regional_official"),
        # A title inside a quote is what the quoted person talks about.
        (
            "– När alla partier gör gemensam sak ska den politiska ledningen lyssna.",
            "säger Willhelm Sundman (L), oppositionsråd i Region Örebro län.",
            "regional_politician",
        ),
    ],
)
def test_attribution_roles(text: str, context: str | None, role: str) -> None:
    sp, _ = attribute_text(text, context)
    assert sp is not None and sp.role == role


def test_stance_classes() -> None:
    assert "strong_reject" in stance_classes("– Vi kommer inte att acceptera att linjen läggs ned.")
    assert "support" in stance_classes("Kommunen välkomnar regionens nya närtrafik.")
    assert "cannot_pay" in stance_classes("– Vi har helt enkelt inte råd att köpa mer trafik.")
    assert "internal" in stance_classes("Oppositionen reserverade sig mot kommunstyrelsens beslut.")
    assert stance_classes("Bussen går klockan åtta.") == []


def test_gate_follows_the_three_conditions() -> None:
    kso = "säger Karin Åström (C), kommunstyrelsens ordförande i Laxå."
    regional = "säger regionrådet Per Holm (S)."
    ok = statement_features("– Länstrafiken sviker Laxå.", kso)
    assert passes_gate(ok, "strict") and passes_gate(ok, "speaker")
    assert not passes_gate(statement_features("– Länstrafiken sviker Laxå.", regional), "speaker")
    # The state as the only target blocks, also when it is named in the context line.
    state = statement_features("– Trafikverket sviker oss, bussen räcker inte.", kso)
    assert not passes_gate(state, "strict") and not passes_gate(state, "speaker")
    ctx_state = statement_features(
        "– Det är skandal att dra in trafiken.", "Kommunalrådet i Fagersta om Rikstrafikens plan."
    )
    assert not passes_gate(ctx_state, "speaker")
    # An unknown speaker passes only the soft gate.
    anon = statement_features("– Länstrafiken sviker oss.")
    assert passes_gate(anon, "soft") and not passes_gate(anon, "speaker")
    # A bare "beslutet"/"förslaget" is no regional target: something regional must be named
    # in the statement or its context.
    school = statement_features("– Det är ett helt fel beslut och vi kommer att överklaga.", kso)
    assert not passes_gate(school, "strict")
    regional_ctx = statement_features(
        "Kommunen kräver att beslutet rivs upp.", "Region Örebro län drar in linje 705."
    )
    assert passes_gate(regional_ctx, "strict")


def test_shipped_model_needs_a_regional_target() -> None:
    """classify-text on the shipped model: a municipal actor's criticism of a school rule or
    the library's hours is not the conflict, a transit cut is."""
    preds = load_model(None).predict(
        [
            "– Det här är helt fel beslut och vi kommer att överklaga, säger kommunstyrelsens "
            "ordförande Eva Berg (S) i Kumla om skolans nya regler.",
            "Kommunen kritiserar förslaget om nya öppettider på biblioteket.",
            "– Vi accepterar inte att Länstrafiken drar in linje 705, säger Karin Åström (C), "
            "kommunstyrelsens ordförande i Laxå.",
            "Kommunen kräver att beslutet rivs upp.",
        ],
        [None, None, None, "Region Örebro län drar in linje 705."],
    )
    assert [p.conflict for p in preds] == [0, 0, 1, 1]
    assert all(p.topic != "none" for p in preds if p.conflict)


def test_stance_evidence_and_labels() -> None:
    def evidence(text: str) -> bool:
        return has_stance_evidence(statement_features(text), text)

    assert evidence("Regionen har inte lyssnat på oss.")
    assert evidence("– Vi kommer aldrig att acceptera att linjen läggs ned.")
    assert not evidence("Det är bra att regionen satsar.")
    assert not evidence("– Regionen har lyssnat på oss och vi ser fram emot att komma igång.")
    assert not evidence("Men vi har helt enkelt inte de pengarna.")
    assert not evidence("Hon understryker att hon inte ifrågasätter regionens rätt att besluta.")
    # Plain negative judgements of a decision's effects, and support words in the negative.
    assert evidence("– Kollektivtrafiken fungerar väldigt dåligt sedan Länstrafiken tog över.")
    assert evidence("Förslaget försvårar för pendlarna i Kumla.")
    assert evidence("– Vi är inte nöjda med Västtrafiks nya tidtabell.")
    assert "support" not in statement_features("Vi är inte nöjda med tidtabellen.").stance
    # A quarrel inside the municipality is not rejection of the region unless the sentence
    # names the region, its plan or its transit brand.
    assert not evidence("Oppositionen kritiserar majoritetens nya skolskjutsregler.")
    assert evidence("Oppositionen kritiserar Region Uppsalas nya busstrafik.")
    rows = [
        {"conflict": 1, "kind": "positive_transit"},
        {"conflict": 0, "kind": "neg_municipal_support"},
        {"conflict": 0, "kind": "neg_regional_politician"},
        {"conflict": 0, "kind": "neg_citizen_group"},
    ]
    assert stance_labels(rows).tolist() == [1, 0, -1, 1]


def test_grouped_folds_keep_pages_together_and_weights_follow_kinds() -> None:
    rows = [
        {
            "id": i,
            "conflict": i % 3 == 0,
            "source_url": f"http://x/{i // 4}" if i < 60 else "",
            "origin": "real" if i < 60 else "synthetic",
            "kind": "positive_transit" if i % 3 == 0 else "neg_neutral_news",
        }
        for i in range(90)
    ]
    y = np.array([int(r["conflict"]) for r in rows])
    folds = grouped_folds(y, page_groups(rows), 5, seed=0)
    for page in {r["source_url"] for r in rows if r["source_url"]}:
        assert len({folds[i] for i, r in enumerate(rows) if r["source_url"] == page}) == 1
    assert (folds == grouped_folds(y, page_groups(rows), 5, seed=0)).all()
    real = np.array([r["origin"] == "real" for r in rows])
    w = selection_weights(rows, real)
    assert (w[~real] == 0).all() and (w[real] > 0).all()


LAXA = """Länstrafiken Örebro drar in linje 705 mellan Laxå och Hallsberg. Kommunledningen är kritisk.
– Det här är ett svek mot alla som pendlar från Laxå. Regionen har inte lyssnat på oss, säger Karin Åström (C), kommunstyrelsens ordförande i Laxå.
– Samtidigt är vi glada att regionen bygger ut närtrafiken, säger hon.
Regionrådet Per Holm (S) försvarar beslutet.
– Vi måste använda skattepengarna där resenärerna finns, säger Per Holm."""


def test_pipeline_flags_exactly_the_models_decision(db_path: Path) -> None:
    model = load_model(None)
    assert isinstance(model, LinearConflictModel)
    db = open_db(db_path)
    db["sources"].insert({"id": "s", "name": "S", "homepage": "http://x/", "lan": "18"})
    db["articles"].insert(
        {
            "source_id": "s",
            "url": "http://x/1",
            "title": "Laxå rasar mot Länstrafiken",
            "text": LAXA,
        }
    )
    classify_articles(db, model)
    rows = list(db.query("select text, conflict, score, evidence from statements"))
    units = {u.text: u for u in walk_article("Laxå rasar mot Länstrafiken", LAXA)}
    assert rows and len(rows) == len(units)
    for row in rows:
        ev = json.loads(row["evidence"])
        stance = float(next(d for d in ev["drivers"] if d.startswith("stance="))[7:])
        expected = (
            ev["gate"]["passed"]
            and row["score"] >= model.threshold
            and stance >= model.stance_threshold - 0.005
            and has_stance_evidence(units[row["text"]].features, row["text"])
            and passes_gate(units[row["text"]].features, "strict")
        )
        assert row["conflict"] == int(expected), row["text"]
    flagged = {r["text"] for r in rows if r["conflict"]}
    assert any("svek" in t for t in flagged)
    assert not any("skattepengarna" in t or "glada" in t for t in flagged)
