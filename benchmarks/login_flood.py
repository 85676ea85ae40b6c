"""Other visitors' latency while 100 wrong logins arrive (figures, not a test).

Starts a real Datasette (as `bevakning serve` builds it) over a small database, sends
100 wrong logins from 20 threads and, meanwhile, one ordinary page request every 50 ms;
prints the median and p95 of those ordinary requests and how the logins were answered.

Run: python benchmarks/login_flood.py              throttle on (default settings)
     python benchmarks/login_flood.py --no-throttle  every guess is hashed (limit 1000)
"""

from __future__ import annotations

import re
import socket
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import httpx
import uvicorn

HERE = Path(__file__).resolve().parent
# benchmarks/datasette.py would shadow the datasette package.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
sys.path.insert(0, str(HERE.parent / "tests"))
from test_datasette import populate  # noqa: E402

from bevakning.web import hash_password, make_datasette  # noqa: E402


def main() -> None:
    throttle = "--no-throttle" not in sys.argv
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bevakning.db"
        populate(path)
        env = {"BEVAKNING_REVIEWER": "anna", "BEVAKNING_REVIEWER_PASSWORD_HASH": hash_password("x")}
        if not throttle:
            env["BEVAKNING_LOGIN_MAX_FAILURES"] = "1000"
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        base = f"http://127.0.0.1:{port}"
        ds = make_datasette(path, environ=env)
        srv = uvicorn.Server(uvicorn.Config(ds.app(), port=port, log_level="error"))
        threading.Thread(target=srv.run, daemon=True).start()
        while not srv.started:
            time.sleep(0.05)
        answers: Counter[int] = Counter()
        lock = threading.Lock()

        def guesser() -> None:
            with httpx.Client(base_url=base, timeout=300) as client:
                for _ in range(5):
                    token = re.search(
                        r'name="csrftoken" value="([^"]+)"', client.get("/-/login").text
                    )
                    data = {"username": "anna", "password": "fel", "csrftoken": token.group(1)}
                    status = client.post("/-/login", data=data).status_code
                    with lock:
                        answers[status] += 1

        guessers = [threading.Thread(target=guesser) for _ in range(20)]
        started = time.perf_counter()
        for g in guessers:
            g.start()
        timings = []
        with httpx.Client(base_url=base, timeout=300) as visitor:
            while any(g.is_alive() for g in guessers) or len(timings) < 20:
                t0 = time.perf_counter()
                visitor.get("/bevakning/statements.json?_size=5")
                timings.append(time.perf_counter() - t0)
                time.sleep(0.05)
        flood = time.perf_counter() - started
        srv.should_exit = True
        timings.sort()
        p95 = timings[int(0.95 * (len(timings) - 1))]
        print(
            f"throttle={'on' if throttle else 'off'}: {len(timings)} ordinary requests during "
            f"{flood:.1f} s of 100 wrong logins: median {statistics.median(timings) * 1000:.0f} ms, "
            f"p95 {p95 * 1000:.0f} ms; logins answered {dict(answers)}"
        )


if __name__ == "__main__":
    main()
