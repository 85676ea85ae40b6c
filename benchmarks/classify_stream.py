"""`bevakning classify-text` as a stream (figures, not tests): answers per input line on bad
input, lines/s through a pipe, and the delay a co-process waits for each answer.

Run: python benchmarks/classify_stream.py [--lines 2000] [--root DIR]

--root runs another checkout's code (e.g. an older commit unpacked with `git archive`),
so before and after can be compared on the same machine.
"""

from __future__ import annotations

import argparse
import json
import os
import select
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _cmd(root: Path) -> tuple[list[str], dict[str, str]]:
    env = {**os.environ, "PYTHONPATH": str(root), "PYTHONIOENCODING": "utf-8"}
    return [sys.executable, "-m", "bevakning", "classify-text"], env


def _statements(n: int) -> list[bytes]:
    rows = [json.loads(x) for x in (ROOT / "data/labelled/train.jsonl").open(encoding="utf-8")]
    return [
        json.dumps({"id": i, "text": rows[i % len(rows)]["text"]}, ensure_ascii=False).encode()
        for i in range(n)
    ]


def answered(root: Path, lines: list[bytes]) -> tuple[int, float, int]:
    """(answer lines, seconds, exit status) for these input lines through a pipe."""
    cmd, env = _cmd(root)
    start = time.perf_counter()
    res = subprocess.run(
        cmd, input=b"\n".join(lines) + b"\n", capture_output=True, env=env, cwd=root
    )
    return len(res.stdout.splitlines()), time.perf_counter() - start, res.returncode


def co_process(root: Path, lines: list[bytes], timeout: float = 10.0) -> list[float] | str:
    """Seconds from writing each line to reading its answer, or why it stalled."""
    cmd, env = _cmd(root)
    proc = subprocess.Popen(
        cmd,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
        cwd=root,
    )
    delays: list[float] = []
    try:
        for n, line in enumerate(lines):
            start = time.perf_counter()
            proc.stdin.write(line + b"\n")
            proc.stdin.flush()
            buf = b""
            while not buf.endswith(b"\n"):
                wait = 60 if n == 0 else timeout
                if not select.select([proc.stdout], [], [], wait)[0]:
                    return f"no answer to line {n + 1} within {wait:.0f} s"
                chunk = os.read(proc.stdout.fileno(), 4096)
                if not chunk:
                    return f"output ended at line {n + 1}"
                buf += chunk
            delays.append(time.perf_counter() - start)
    finally:
        proc.kill()
        proc.wait()
    return delays


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lines", type=int, default=2000)
    ap.add_argument("--root", type=Path, default=ROOT)
    args = ap.parse_args()
    good = _statements(args.lines)
    n, secs, rc = answered(args.root, good)
    print(f"clean pipe: {n}/{len(good)} answered in {secs:.1f} s ({n / secs:.0f} lines/s), rc {rc}")
    bad_utf8 = [
        line.replace(b"\xc3\xa4", b"\xe4") if i % 5 == 4 else line
        for i, line in enumerate(good[:1101])
    ]
    n, _, rc = answered(args.root, bad_utf8)
    print(f"1,101 lines, some in Latin-1: {n} answered, rc {rc}")
    hostile = [
        b"[" * 100_000 + b"]" * 100_000,
        b'{"id": 1' + b"0" * 5000 + b', "text": "Nej."}',
        b'{"id": NaN, "text": "Nej."}',
        *good[:9],
    ]
    n, _, rc = answered(args.root, hostile)
    print(f"12 lines, 3 hostile first: {n} answered, rc {rc}")
    delays = co_process(args.root, good[:20])
    if isinstance(delays, str):
        print(f"co-process: {delays}")
    else:
        later = sorted(delays[1:])
        print(
            f"co-process: first answer {delays[0]:.2f} s (model load), then median "
            f"{later[len(later) // 2] * 1000:.1f} ms, max {later[-1] * 1000:.1f} ms per line"
        )


if __name__ == "__main__":
    main()
