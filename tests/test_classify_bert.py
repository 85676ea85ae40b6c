"""The BERT code path on a tiny model: build, fine-tune a few steps, save, reload, predict, ONNX.

Model hubs are out of reach, so the test builds a two-layer BertConfig and a
WordPiece tokenizer trained on the project's own labelled texts.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_cli

from classify.model import load_model
from classify.training import TRAIN_FILE

STATEMENT = "– Det här är fel, säger kommunalrådet Anna Berg (S) i Laxå om Länstrafiken."
# A municipal speaker and a regional target, but no word of rejection.
BLAND = "Kommunalrådet Anna Berg (S) i Laxå träffade Länstrafiken i går."


def _tiny_bert(out: Path, texts: list[str]) -> Path:
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, processors, trainers
    from transformers import BertConfig, BertForSequenceClassification, PreTrainedTokenizerFast

    tok = Tokenizer(models.WordPiece(unk_token="[UNK]"))
    tok.normalizer = normalizers.BertNormalizer(lowercase=False)
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    tok.train_from_iterator(
        texts, trainers.WordPieceTrainer(vocab_size=800, special_tokens=specials)
    )
    cls, sep = tok.token_to_id("[CLS]"), tok.token_to_id("[SEP]")
    tok.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]",
        pair="[CLS] $A [SEP] $B:1 [SEP]:1",
        special_tokens=[("[CLS]", cls), ("[SEP]", sep)],
    )
    PreTrainedTokenizerFast(
        tokenizer_object=tok,
        unk_token="[UNK]",
        pad_token="[PAD]",
        cls_token="[CLS]",
        sep_token="[SEP]",
        mask_token="[MASK]",
        model_input_names=["input_ids", "token_type_ids", "attention_mask"],
    ).save_pretrained(out)
    cfg = BertConfig(
        vocab_size=tok.get_vocab_size(),
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=160,
        num_labels=2,
    )
    BertForSequenceClassification(cfg).save_pretrained(out)
    return out


@pytest.fixture(scope="module")
def tiny_base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    rows = [json.loads(line) for line in TRAIN_FILE.read_text(encoding="utf-8").splitlines()]
    return _tiny_bert(tmp_path_factory.mktemp("tiny-bert"), [r["text"] for r in rows])


def test_bert_train_reload_predict_and_onnx(tiny_base: Path, tmp_path: Path) -> None:
    train = tmp_path / "train.jsonl"
    rows = [json.loads(line) for line in TRAIN_FILE.read_text(encoding="utf-8").splitlines()]
    # 64 rows with both labels, from several pages (the held-out fifth needs both).
    rows = [r for r in rows if r["conflict"]][:24] + [r for r in rows if not r["conflict"]][:40]
    train.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    out = tmp_path / "ft"
    result = run_cli(
        "train",
        "--backend",
        "bert",
        "--base",
        str(tiny_base),
        "--train-file",
        str(train),
        "--out",
        str(out),
        "--max-steps",
        "4",
        "--onnx",
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert (out / "config.json").is_file() and (out / "bevakning.json").is_file()
    meta = json.loads((out / "bevakning.json").read_text())
    # One fifth of the pages is held out: the network saw fewer than 64 rows, and the gate
    # and threshold were chosen on the held-out rows.
    assert meta["steps"] == 4
    assert 0 < meta["validation"]["rows"] < 64
    assert meta["gate"] in ("none", "strict") and 0.1 <= meta["threshold"] <= 0.95
    assert "validation F1" in result.stdout

    model = load_model(str(out))
    preds = model.predict([STATEMENT, "Nytt konstgräs på idrottsplatsen."], [None, None])
    assert len(preds) == 2 and all(0.0 <= p.score <= 1.0 for p in preds)
    assert preds[0].actor_role == "kommunalrad" and preds[0].municipality == "Laxå"
    assert preds[0].target == "Länstrafiken"
    assert preds[0].topic == "transit"

    # The cascade: under the strict gate the network runs only where the rules let it.
    # Threshold 0 leaves the flag to the rules, so the article rule's extra condition
    # (rejection in the sentence's own words) shows.
    model.gate, model.threshold = "strict", 0.0
    texts = [STATEMENT, BLAND, "Nytt konstgräs på idrottsplatsen."]
    plain = model.predict(texts)
    assert [p.evidence[0].split(":")[0] for p in plain] == [
        "bert_score",
        "bert_score",
        "bert_not_run",
    ]
    assert plain[2].score == 0.0 and plain[2].conflict == 0
    assert [p.conflict for p in plain] == [1, 1, 0]
    from classify.features import statement_features

    feats = [statement_features(t) for t in texts]
    in_article = model.predict_features(texts, feats, article=True)
    assert [p.conflict for p in in_article] == [1, 0, 0]

    onnx_dir = out / "onnx"
    assert (onnx_dir / "model.onnx").is_file()
    onnx_model = load_model(str(onnx_dir))
    onnx_preds = onnx_model.predict([STATEMENT, "Nytt konstgräs på idrottsplatsen."])
    # int8 weights move the score a little, not the meaning.
    for a, b in zip(preds, onnx_preds, strict=True):
        assert abs(a.score - b.score) < 0.1

    # The article pipeline uses the walk's attribution with the BERT model too, and says
    # in each statement's evidence whether the network ran.
    from classify.pipeline import classify_articles
    from db import open_db

    db = open_db(tmp_path / "bert.db")
    db["sources"].insert({"id": "t", "name": "T", "homepage": "http://x/", "lan": "18"})
    db["articles"].insert(
        {
            "source_id": "t",
            "url": "http://x/1",
            "title": "Laxå kritiserar Länstrafiken",
            "text": f"{STATEMENT}\nNytt konstgräs på idrottsplatsen i Hallsberg.",
        }
    )
    report = classify_articles(db, onnx_model)
    assert report.articles == 1
    drivers = {
        r["text"][:12]: json.loads(r["evidence"])["drivers"][0]
        for r in db.query("select text, evidence from statements")
    }
    assert drivers["– Det här är"].startswith("bert_score:")
    assert drivers["Nytt konstgr"] == "bert_not_run:gate"

    # The same model through the stable command-line contract.
    line = json.dumps({"id": 1, "text": STATEMENT}, ensure_ascii=False)
    cli = run_cli("classify-text", "--model", str(onnx_dir), input=line + "\n")
    assert cli.returncode == 0, cli.stderr[-2000:]
    assert json.loads(cli.stdout)["id"] == 1


def test_bert_gate_and_threshold_are_chosen_on_held_out_rows() -> None:
    """The selection follows the scores: a perfect network needs no gate, a network that
    says "conflict" to everything needs the rules' gate."""
    from classify.bert import _select_on_validation, _split_validation

    rows = [json.loads(line) for line in TRAIN_FILE.read_text(encoding="utf-8").splitlines()]
    fit, held = _split_validation(rows, 0)
    assert len(fit) + len(held) == len(rows) and 0.1 < len(held) / len(rows) < 0.3
    pages = lambda part: {r.get("source_url") or r["id"] for r in part}  # noqa: E731
    assert not (pages(fit) & pages(held) - {""})

    perfect = _select_on_validation(held, [float(r["conflict"]) for r in held])
    assert perfect["validation"]["f1"] == 1.0 and perfect["gate"] == "none"

    everything = _select_on_validation(held, [0.99] * len(held))
    assert everything["gate"] == "strict"
    assert everything["validation"]["f1"] < 1.0
