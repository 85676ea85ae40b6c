"""Other visitors' latency while 100 wrong logins arrive (figures, not a test).

Starts `bevakning serve` in its own process over a small database, sends
100 wrong logins from 20 threads and, meanwhile, a new visitor's page request every 100 ms;
prints the median and p95 of those ordinary requests and how the logins were answered.

Run: python benchmarks/login_flood.py              throttle on (default settings)
     python benchmarks/login_flood.py --no-throttle  every guess is hashed (limit 1000)
     python benchmarks/login_flood.py --control      as many requests, GET /-/login only:
                                                     what the flood costs without any login
"""

from __future__ import annotations

import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
# benchmarks/datasette.py would shadow the datasette package.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
sys.path.insert(0, str(HERE.parent / "tests"))
from test_datasette import populate  # noqa: E402

from bevakning.web import hash_password  # noqa: E402


def main() -> None:
    throttle = "--no-throttle" not in sys.argv
    control = "--control" in sys.argv  # the same flood of requests, but no login posted
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
        # The server in its own process, as deployed: the client threads here must not
        # compete with its event loop for this interpreter's GIL.
        server = subprocess.Popen(
            [sys.executable, "-m", "bevakning", "serve", "--db", str(path), "--port", str(port)],
            env={**os.environ, **env},
            stdout=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(base + "/-/versions.json")
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "server did not start"
                time.sleep(0.2)
        answers: Counter[int] = Counter()
        lock = threading.Lock()

        def guesser() -> None:
            with httpx.Client(base_url=base, timeout=300) as client:
                for _ in range(5):
                    token = re.search(
                        r'name="csrftoken" value="([^"]+)"', client.get("/-/login").text
                    )
                    data = {"username": "anna", "password": "fel", "csrftoken": token.group(1)}
                    if control:
                        status = client.get("/-/login").status_code
                    else:
                        status = client.post("/-/login", data=data).status_code
                    with lock:
                        answers[status] += 1

        guessers = [threading.Thread(target=guesser) for _ in range(20)]
        started = time.perf_counter()
        for g in guessers:
            g.start()
        timings: list[float] = []

        def visit() -> None:
            t0 = time.perf_counter()
            httpx.get(f"{base}/bevakning/statements.json?_size=5", timeout=300)
            with lock:
                timings.append(time.perf_counter() - t0)

        # A visitor arrives every 100 ms while the guesses last, each in its own thread,
        # so a blocked event loop shows in every request that arrives during a block.
        visitors = []
        while any(g.is_alive() for g in guessers):
            visitors.append(threading.Thread(target=visit))
            visitors[-1].start()
            time.sleep(0.1)
        for v in visitors:
            v.join()
        flood = time.perf_counter() - started
        server.terminate()
        server.wait(10)
        timings.sort()
        p95 = timings[int(0.95 * (len(timings) - 1))]
        print(
            f"throttle={'on' if throttle else 'off'}{' control' if control else ''}: {len(timings)} ordinary requests during "
            f"{flood:.1f} s of 100 wrong logins: median {statistics.median(timings) * 1000:.0f} ms, "
            f"p95 {p95 * 1000:.0f} ms; logins answered {dict(answers)}"
        )


if __name__ == "__main__":
    main()
