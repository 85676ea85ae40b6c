"""`bevakning classify-text` as a stream: every input line answered, at once, in order.

The real CLI in a subprocess: hostile bytes and JSON on stdin, a co-process
that writes one line and waits for its answer, and texts that are not Swedish.
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import time

import pytest
from conftest import BEVAKNING

from classify.pipeline import language_problem

SWEDISH = "– Det här är ett svek mot Laxå, säger kommunstyrelsens ordförande."


def _strict(line: str) -> dict:
    """Parse as standard JSON: NaN and Infinity are not JSON."""

    def reject(name: str) -> None:
        raise ValueError(f"{name} in output: {line[:80]}")

    return json.loads(line, parse_constant=reject)


def _run(data: bytes, timeout: int = 120) -> tuple[list[dict], str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    res = subprocess.run(
        [*BEVAKNING, "classify-text"], input=data, capture_output=True, env=env, timeout=timeout
    )
    assert res.returncode == 0, res.stderr.decode("utf-8", "replace")[-2000:]
    out = res.stdout.decode("utf-8")  # the output itself must be valid UTF-8
    return [_strict(line) for line in out.splitlines()], res.stderr.decode("utf-8", "replace")


def _line(i: object, text: str = SWEDISH) -> bytes:
    return json.dumps({"id": i, "text": text}, ensure_ascii=False).encode("utf-8")


def test_invalid_utf8_is_one_lines_error_not_the_end_of_the_stream() -> None:
    lines = []
    for i in range(300):
        if i % 50 == 7:  # Latin-1 bytes inside an otherwise valid line
            lines.append(_line(i, "Kommunen säger nej till bussen.").replace(b"\xc3\xa4", b"\xe4"))
        elif i == 120:
            lines.append(b'{"id": 120, "text": "\xff\xfe\x80 trasigt"}')
        else:
            lines.append(_line(i))
    out, _ = _run(b"\n".join(lines) + b"\n")
    assert len(out) == 300
    bad = {7, 57, 107, 120, 157, 207, 257}
    for i, obj in enumerate(out):
        if i in bad:
            assert obj["id"] is None and obj["error"].startswith("invalid UTF-8 at byte"), obj
        else:
            assert obj["id"] == i and "conflict" in obj, obj


def test_hostile_json_gets_per_line_errors() -> None:
    hostile = [
        b"\xef\xbb\xbf" + _line("bom"),  # a BOM before the first line is not an error
        b"[" * 100_000 + b"]" * 100_000,
        b'{"id": 1' + b"0" * 5000 + b', "text": "Nej."}',
        b'{"id": NaN, "text": "Kommunen s\\u00e4ger nej."}',
        b'{"id": Infinity, "text": "Kommunen s\\u00e4ger nej."}',
        b'{"id": 1e999, "text": "Kommunen s\\u00e4ger nej."}',
        b'{"id": -Infinity, "text": "Kommunen s\\u00e4ger nej."}',
        b'{"id": "\\ud800", "text": "Kommunen s\\u00e4ger nej."}',  # a lone surrogate
        b'{"id": "x", "text": "' + b"a" * (1_200_000) + b'"}',  # over the line cap
        b'{"id": [[[[1]]]], "text": "Kommunen s\\u00e4ger nej."}',
    ]
    lines = []
    for n, bad in enumerate(hostile):
        lines += [bad, _line(f"ok-{n}")]
    out, _ = _run(b"\n".join(lines) + b"\n")
    assert len(out) == len(lines)
    assert out[0]["id"] == "bom" and "conflict" in out[0]
    assert out[2] == {"id": None, "error": "invalid JSON: nested too deeply"}
    assert out[4]["id"] is None and "invalid JSON" in out[4]["error"]  # 5,001 digits
    assert out[6] == {"id": None, "error": "invalid JSON: NaN is not valid JSON"}
    assert out[8] == {"id": None, "error": "invalid JSON: Infinity is not valid JSON"}
    assert out[10]["id"] is None and "out of range" in out[10]["error"]
    assert out[12] == {"id": None, "error": "invalid JSON: -Infinity is not valid JSON"}
    assert out[14]["id"] == "\ud800" and "conflict" in out[14]  # written back as \ud800
    assert out[16]["id"] is None and out[16]["error"].startswith("line too long")
    assert out[18]["id"] == [[[[1]]]] and "conflict" in out[18]
    for n in range(len(hostile)):
        assert out[2 * n + 1]["id"] == f"ok-{n}" and "conflict" in out[2 * n + 1]


def _read_line(proc: subprocess.Popen, timeout: float) -> bytes:
    """One answer line, failing instead of hanging when none comes."""
    buf = b""
    deadline = time.monotonic() + timeout
    fd = proc.stdout.fileno()
    while not buf.endswith(b"\n"):
        left = deadline - time.monotonic()
        ready, _, _ = select.select([fd], [], [], max(left, 0))
        if not ready:
            raise AssertionError(f"no answer within {timeout} s (got {buf!r})")
        chunk = os.read(fd, 1)
        if not chunk:
            raise AssertionError(f"output ended (got {buf!r})")
        buf += chunk
    return buf


def test_co_process_gets_each_answer_before_writing_the_next_line() -> None:
    proc = subprocess.Popen(
        [*BEVAKNING, "classify-text"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    try:
        inputs = [
            _line(1),
            b"{not json",
            _line(3, "Der Bus fährt nicht mehr, und die Gemeinde."),
            _line(4),
        ]
        answers = []
        for n, line in enumerate(inputs):
            proc.stdin.write(line + b"\n")
            proc.stdin.flush()
            # The first answer waits for the model to load; later ones come at once.
            answers.append(_strict(_read_line(proc, 60 if n == 0 else 10).decode()))
        proc.stdin.close()
        assert proc.stdout.read() == b""
        assert proc.wait(timeout=30) == 0
    finally:
        proc.kill()
        proc.wait()
    assert answers[0]["id"] == 1 and "conflict" in answers[0]
    assert "invalid JSON" in answers[1]["error"]
    assert answers[2]["id"] == 3 and "not look Swedish" in answers[2]["error"]
    assert answers[3]["id"] == 4 and "conflict" in answers[3]


NOT_SWEDISH = [
    ("fi", "Kunta ei hyväksy alueen päätöstä lopettaa bussilinja."),
    ("fi", "Kunnanhallituksen puheenjohtaja sanoo, että päätös on väärä."),
    ("fi", "Bussilinja lakkautetaan joulukuussa."),
    ("fi", "Bussi ei kulje enää."),
    ("zh", "地区决定取消公交线路，市政府表示反对。"),
    ("zh", "公交"),
    ("ru", "Регион закрывает автобусную линию, муниципалитет против."),
    ("emoji", "😡😡😡"),
    ("emoji", "🚌❌ !!!"),
    ("nb", "Vi godtar ikke dette vedtaket fra fylkeskommunen."),
    ("nb", "Kommunen er ikke enig i at fylket legger ned busslinjen."),
    ("da", "Det er helt forkert, siger borgmesteren."),
    ("en", "The region cut the bus line and the council is angry about it."),
]
SHORT_SWEDISH = [
    "Nej!",
    "Fel beslut!",
    "Skandal i Höör",
    "Höör protesterar",
    "Saab",
    "Bästa beslutet",
    "Vissa protesterar",
    "Maskinen stannar",
    "Pajala kräver besked",
    "Kaaresuvanto och Juoksengi förlorar bussen",
    "Rör inte våra tandkliniker i Storfors.",
    "Akutsjukhuset i Sollefteå måste vara kvar.",
    "Direktbussarna till Göteborg dras in.",
    "Kommunen rasar mot nya busstabellen",
    "Busslinje 705 läggs ner",
    "Vansinnigt, säger KSO",
]


@pytest.mark.parametrize(("lang", "text"), NOT_SWEDISH)
def test_language_check_refuses(lang: str, text: str) -> None:
    assert language_problem(text) is not None


@pytest.mark.parametrize("text", SHORT_SWEDISH)
def test_language_check_passes_short_swedish(text: str) -> None:
    assert language_problem(text) is None


def test_language_check_passes_every_labelled_statement() -> None:
    from classify.training import TEST_FILE, TRAIN_FILE, read_labelled

    rows = read_labelled(TRAIN_FILE) + read_labelled(TEST_FILE)
    refused = [r["text"] for r in rows if language_problem(r["text"])]
    assert len(rows) > 2000 and refused == []


def test_cli_refuses_non_swedish_per_line_and_classifies_short_swedish() -> None:
    lines = [_line(f"x{i}", t) for i, (_, t) in enumerate(NOT_SWEDISH)]
    lines += [_line(f"s{i}", t) for i, t in enumerate(SHORT_SWEDISH)]
    out, _ = _run(b"\n".join(lines) + b"\n")
    assert len(out) == len(lines)
    for i, (lang, _) in enumerate(NOT_SWEDISH):
        assert out[i]["id"] == f"x{i}", out[i]
        assert out[i]["error"].startswith("text does not look Swedish (not classified): "), lang
    for i, obj in enumerate(out[len(NOT_SWEDISH) :]):
        assert obj["id"] == f"s{i}" and "conflict" in obj, obj
