"""Shared fixtures: a database path, fixture sites on 127.0.0.1, the CLI in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from demo.server import SiteServer

FIXTURES = Path(__file__).parent / "fixtures"
SITES = FIXTURES / "sites"
BEVAKNING = [sys.executable, "-m", "bevakning"]


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A fresh database file location (not yet created)."""
    return tmp_path / "test.db"


@pytest.fixture
def fixture_site() -> Iterator[Callable[[str], SiteServer]]:
    """Start a fixture site from tests/fixtures/sites/<name> on a free loopback port."""
    servers: list[SiteServer] = []

    def start(name: str) -> SiteServer:
        srv = SiteServer(SITES / name)
        srv.start()
        servers.append(srv)
        return srv

    yield start
    for srv in servers:
        srv.stop()


def write_sources(path: Path, sites: dict[str, SiteServer], lan: str = "18") -> Path:
    """A sources file pointing at running fixture sites' rss.xml."""
    parts = []
    for sid, srv in sites.items():
        parts.append(
            f'[[sources]]\nid = "{sid}"\nname = "{sid.title()}"\nhomepage = "{srv.url}/"\n'
            f'lan = "{lan}"\nfeeds = ["{srv.url}/rss.xml"]\n'
        )
    path.write_text("\n".join(parts), encoding="utf-8")
    return path


def run_cli(
    *args: str, input: str | None = None, env: dict | None = None, timeout: int = 120
) -> subprocess.CompletedProcess:
    """Run `bevakning` in a subprocess, as a user would (the Twisted reactor runs once per process)."""
    full_env = {**os.environ, **(env or {})}
    full_env.pop("BEVAKNING_DB", None) if env is None or "BEVAKNING_DB" not in env else None
    return subprocess.run(
        [*BEVAKNING, *args],
        input=input,
        capture_output=True,
        text=True,
        env=full_env,
        timeout=timeout,
    )


@pytest.fixture
def output_dir(request: pytest.FixtureRequest) -> Path:
    """A folder under test-output/ for screenshots and other artefacts a person may look at."""
    out = Path(__file__).parent.parent / "test-output" / request.node.name
    out.mkdir(parents=True, exist_ok=True)
    return out
